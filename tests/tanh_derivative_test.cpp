// Chapter 4, tanh_derivative (chapters/tanh_derivative.cpp): BMB's printed sigmoid numbers; the
// quotient rule, 1 − tanh², tanh(c) = 2σ(2c) − 1 and the hidden-node delta against formulas written
// out here from the slides; CTU's λ² form judged wrong; the gradient claims; stability at |a| = 800.
#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <string>

#include "chapters.hpp"
#include "support/trace_values.hpp"
#include "nnwb/detail/number_format.hpp"
#include "support/gradient_claims.hpp"

BOOST_AUTO_TEST_SUITE(tanh_derivative)

namespace bdata = boost::unit_test::data;
using nnwb::ChapterOptions;

using nnwb::testing::scalar;
using nnwb::testing::vec;
using nnwb::testing::mat;
using nnwb::testing::verdict;
using nnwb::testing::variant;

namespace {



double logistic(double x) { return 1.0 / (1.0 + std::exp(-x)); }  // σ(x), BMB's definition

std::string rounded(double x, int decimals) {
  return nnwb::detail::format_number(x, {nnwb::Rounding::Mode::decimals, decimals});
}

}  // namespace

BOOST_AUTO_TEST_CASE(reproduces_bmbs_sigmoid_gate) {
  // 001_86790086ad6a4e65.txt, "Backpropagation: Another Example": "[1.00] × [(1 − 0.73)(0.73)] =
  // 0.2" and dσ(x)/dx = e^{−x}/(1 + e^{−x})² = (1 − σ(x))σ(x). The gate's input is
  // w0x0 + w1x1 + w2 with the example's w0 = 2, x0 = −1, w1 = −3, x1 = −2, w2 = −3 (CATALOGUE.md).
  const nnwb::Trace t = nnwb::chapters::tanh_derivative(ChapterOptions{});
  BOOST_TEST(scalar(t, "sigmoid.x") == 2.0 * -1.0 + -3.0 * -2.0 + -3.0);
  BOOST_TEST(rounded(scalar(t, "sigmoid.value"), 2) == "0.73");
  BOOST_TEST(rounded(scalar(t, "sigmoid.derivative"), 1) == "0.2");
  BOOST_TEST(rounded(scalar(t, "sigmoid.quotient"), 1) == "0.2");
  BOOST_TEST(t.step_at("sigmoid.value").slide == "0.73");
  BOOST_TEST(t.step_at("sigmoid.derivative").slide == "0.2");
  // The slide's own arithmetic, (1 − 0.73)(0.73), rounds to the same 0.2.
  BOOST_TEST(rounded((1 - 0.73) * 0.73, 1) == "0.2");
  // No other step claims a slide number: PD, EDI and CTU print none for this derivation.
  for (const auto& step : t.steps())
    if (step.id != "sigmoid.value" && step.id != "sigmoid.derivative") BOOST_TEST(step.slide.empty(), step.id);
}

BOOST_DATA_TEST_CASE(quotient_rule_and_closed_forms, bdata::xrange(0, 9), k) {
  // PD Appendix B "Derivative of tanh": f = (e^a − e^−a)/(e^a + e^−a),
  // f' = [(e^a + e^−a)² − (e^a − e^−a)²]/(e^a + e^−a)² = 1 − f².
  const nnwb::Trace t = nnwb::chapters::tanh_derivative(variant(k));
  const auto near = boost::test_tools::tolerance(1e-12);
  const double a = scalar(t, "a"), ep = std::exp(a), em = std::exp(-a);
  BOOST_TEST(scalar(t, "tanh.f") == std::tanh(a), near);
  BOOST_TEST(scalar(t, "tanh.edi") == std::tanh(a), near);  // EDI: (1 − e^−2a)/(1 + e^−2a)
  const double quotient = ((ep + em) * (ep + em) - (ep - em) * (ep - em)) / ((ep + em) * (ep + em));
  BOOST_TEST(scalar(t, "tanh.quotient") == quotient, near);
  BOOST_TEST(scalar(t, "tanh.derivative") == 1 - std::tanh(a) * std::tanh(a), near);
  BOOST_TEST(scalar(t, "tanh.derivative") == 4 / ((ep + em) * (ep + em)), near);  // the numerator is 4
  BOOST_TEST(scalar(t, "tanh.fd") == 1 - std::tanh(a) * std::tanh(a), boost::test_tools::tolerance(1e-8));
  for (const char* id : {"tanh.same", "tanh.check", "points.check", "points.identity", "points.slopes_agree",
                         "sigmoid.check", "ctu.logsig.check", "ctu.tanh.check", "backprop.check"})
    BOOST_TEST(verdict(t, id).holds, id);
}

BOOST_DATA_TEST_CASE(tanh_is_a_stretched_sigmoid, bdata::xrange(0, 9), k) {
  // PD "Problems of sigmoid (2/2)": tanh(c) = 2σ(2c) − 1; so 1 − tanh²(c) = 4σ(2c)(1 − σ(2c)).
  const nnwb::Trace t = nnwb::chapters::tanh_derivative(variant(k));
  const Eigen::VectorXd& points = vec(t, "points");
  BOOST_TEST(points.size() == 7);
  for (Eigen::Index j = 0; j < points.size(); ++j) {
    const double c = points[j], s = logistic(2 * c), th = std::tanh(c);
    BOOST_TEST_CONTEXT("c = " << c) {
      BOOST_TEST(std::abs(vec(t, "points.f")[j] - th) <= 1e-15);
      BOOST_TEST(std::abs(vec(t, "points.sigmoid_form")[j] - (2 * s - 1)) <= 1e-15);
      BOOST_TEST(std::abs((2 * s - 1) - th) <= 1e-12);  // the identity itself
      BOOST_TEST(vec(t, "points.derivative")[j] == 1 - th * th, boost::test_tools::tolerance(1e-12));
      BOOST_TEST(std::abs(vec(t, "points.sigmoid_slope")[j] - 4 * s * (1 - s)) <= 1e-15);
      BOOST_TEST(std::abs(4 * s * (1 - s) - (1 - th * th)) <= 1e-12);
      BOOST_TEST(vec(t, "points.fd")[j] == 1 - th * th, boost::test_tools::tolerance(1e-7));
    }
  }
  // The sigmoid twin: σ' = σ(1 − σ) at BMB's point (or the variant's).
  const double x = scalar(t, "sigmoid.x"), s = logistic(x);
  BOOST_TEST(scalar(t, "sigmoid.derivative") == s * (1 - s), boost::test_tools::tolerance(1e-12));
  BOOST_TEST(scalar(t, "sigmoid.quotient") == std::exp(-x) / ((1 + std::exp(-x)) * (1 + std::exp(-x))),
             boost::test_tools::tolerance(1e-12));
}

BOOST_DATA_TEST_CASE(ctus_lambda_squared_form_does_not_hold, bdata::xrange(0, 9), k) {
  // 002_ddd62baf13f113f4.txt, "Reminder: Derivatives of Activation Functions": for
  // y = (1 − e^{−2λξ})/(1 + e^{−2λξ}) the slide states f'(ξ) = λ²(1 + y)(1 − y); the derivative of
  // tanh(λξ) is λ(1 − y²). Its logsig line, f'(ξ) = λy(1 − y), is right.
  const nnwb::Trace t = nnwb::chapters::tanh_derivative(variant(k));
  const double lambda = scalar(t, "lambda"), xi = scalar(t, "xi");
  BOOST_TEST(lambda != 1.0);  // at λ = 1 the two forms coincide and there is nothing to see
  const double y = std::tanh(lambda * xi);
  const auto near = boost::test_tools::tolerance(1e-12);
  BOOST_TEST(scalar(t, "ctu.tanh.derivative") == lambda * (1 - y * y), near);
  BOOST_TEST(scalar(t, "ctu.tanh.slide") == lambda * lambda * (1 + y) * (1 - y), near);
  BOOST_TEST(scalar(t, "ctu.tanh.slide") / scalar(t, "ctu.tanh.fd") == lambda, boost::test_tools::tolerance(1e-7));
  const nnwb::Verdict& v = verdict(t, "ctu.tanh.slide_check");
  BOOST_TEST(!v.holds);
  BOOST_TEST(v.text.find("does not hold") != std::string::npos);
  const double ys = logistic(lambda * xi);
  BOOST_TEST(scalar(t, "ctu.logsig.derivative") == lambda * ys * (1 - ys), near);
  BOOST_TEST(verdict(t, "ctu.logsig.check").holds);
}

BOOST_AUTO_TEST_CASE(at_lambda_one_the_verdict_says_why_it_holds) {
  nnwb::Trace t = nnwb::chapters::tanh_derivative(ChapterOptions{});
  t.recompute({{"lambda", 1.0}});
  const nnwb::Verdict& v = verdict(t, "ctu.tanh.slide_check");
  BOOST_TEST(v.holds);
  BOOST_TEST(v.text.find("only because") != std::string::npos);
}

BOOST_DATA_TEST_CASE(hidden_node_delta, bdata::xrange(0, 9), k) {
  // PD "Backprop update": δ_i = (1 − y_i²) Σ_k δ_k w_ik; output nodes (linear, ½Σ(y − t)²):
  // δ_k = y_k − t_k.
  const nnwb::Trace t = nnwb::chapters::tanh_derivative(variant(k));
  const double a = scalar(t, "backprop.a"), y = std::tanh(a);
  const Eigen::VectorXd &w = vec(t, "backprop.w"), &target = vec(t, "backprop.t");
  double sum = 0, e = 0;
  for (Eigen::Index j = 0; j < w.size(); ++j) {
    const double delta_k = w[j] * y - target[j];
    BOOST_TEST(vec(t, "backprop.delta_out")[j] == delta_k, boost::test_tools::tolerance(1e-12));
    BOOST_TEST(vec(t, "backprop.grad_w")[j] == delta_k * y, boost::test_tools::tolerance(1e-12));
    sum += delta_k * w[j];
    e += 0.5 * delta_k * delta_k;
  }
  BOOST_TEST(scalar(t, "backprop.e") == e, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(scalar(t, "backprop.delta") == (1 - y * y) * sum, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(scalar(t, "backprop.fd") == (1 - y * y) * sum, boost::test_tools::tolerance(1e-7));
}

BOOST_DATA_TEST_CASE(claimed_gradients_agree_with_central_differences, bdata::xrange(0, 9), k) {
  const nnwb::Trace t = nnwb::chapters::tanh_derivative(variant(k));
  const auto checks = nnwb::testing::check_gradient_claims(t);
  BOOST_TEST(checks.size() >= 9u);
  for (const auto& check : checks) BOOST_TEST_CONTEXT(check.step << " = ∂/∂" << check.wrt) {
      BOOST_TEST(check.worst_relative_error <= 1e-7);
    }
}

BOOST_AUTO_TEST_CASE(stable_far_out) {
  // e^{±800} overflows a double; tanh, its derivative and σ' must still come out right.
  for (const double a : {800.0, -800.0}) {
    nnwb::Trace t = nnwb::chapters::tanh_derivative(ChapterOptions{});
    t.recompute({{"a", a}, {"sigmoid.x", -a}});
    BOOST_TEST_CONTEXT("a = " << a) {
      BOOST_TEST(scalar(t, "tanh.f") == (a > 0 ? 1.0 : -1.0));
      BOOST_TEST(scalar(t, "tanh.edi") == (a > 0 ? 1.0 : -1.0));
      BOOST_TEST(scalar(t, "tanh.quotient") == 0.0);
      BOOST_TEST(scalar(t, "tanh.derivative") == 0.0);
      BOOST_TEST(scalar(t, "sigmoid.quotient") == 0.0);
      BOOST_TEST(std::isfinite(scalar(t, "sigmoid.derivative")));
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
