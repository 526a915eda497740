// Chapter 15, max_likelihood (chapters/max_likelihood.cpp): each negative log-likelihood written
// out here from its closed form (log of the Gaussian pdf, y log σ(a) + (1 − y) log(1 − σ(a)), log of
// a softmax computed with plain exponentials), each loss by hand, the constants in closed form, the
// constant unchanged at other parameters, the ML variance, the slide's swapped cross-entropy, the
// gradient claims, and several seeds.
#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <numbers>
#include <string>

#include "chapters.hpp"
#include "support/gradient_claims.hpp"
#include "support/trace_values.hpp"

BOOST_AUTO_TEST_SUITE(max_likelihood)

namespace bdata = boost::unit_test::data;
using Eigen::MatrixXd;
using Eigen::VectorXd;
using nnwb::ChapterOptions;

using nnwb::testing::mat;
using nnwb::testing::scalar;
using nnwb::testing::variant;
using nnwb::testing::vec;
using nnwb::testing::verdict;

namespace {

constexpr double two_pi = 2.0 * std::numbers::pi;

double logistic(double a) { return 1.0 / (1.0 + std::exp(-a)); }

// −Σ log N(y; ŷ, σ²), from the log of the pdf: ½ log(2πσ²) + (y − ŷ)²/(2σ²) per entry.
double gaussian_nll_by_hand(const MatrixXd& y, const MatrixXd& yhat, double variance) {
  double sum = 0.0;
  for (Eigen::Index k = 0; k < y.size(); ++k) {
    const double r = y.reshaped()[k] - yhat.reshaped()[k];
    sum += 0.5 * std::log(two_pi * variance) + r * r / (2.0 * variance);
  }
  return sum;
}

// The softmax of each row, with plain exponentials (the logits here are small).
MatrixXd softmax_rows_by_hand(const MatrixXd& a) {
  MatrixXd y = a.array().exp().matrix();
  for (Eigen::Index i = 0; i < y.rows(); ++i) y.row(i) /= y.row(i).sum();
  return y;
}

}  // namespace

BOOST_AUTO_TEST_CASE(default_is_our_example_and_prints_no_slide_numbers) {
  // IC and PD print no numbers for these derivations: the defaults are ours, and no step claims a
  // slide value.
  const nnwb::Trace t = nnwb::chapters::max_likelihood(ChapterOptions{});
  BOOST_TEST(scalar(t, "sigma2") == 0.25);
  BOOST_TEST(scalar(t, "var_b") == 0.0);
  BOOST_TEST(mat(t, "reg_a").rows() == 3);
  BOOST_TEST(mat(t, "reg_a").cols() == 2);
  BOOST_TEST(vec(t, "cat_class").size() == 3);
  for (const auto& step : t.steps()) BOOST_TEST(step.slide.empty(), step.id);
  BOOST_TEST(t.summary().find("are ours") != std::string::npos);
  BOOST_TEST(t.figures().size() == 2u);
}

BOOST_DATA_TEST_CASE(gaussian_noise_gives_the_mse_plus_a_constant, bdata::xrange(0, 9), k) {
  const nnwb::Trace t = nnwb::chapters::max_likelihood(variant(k));
  const MatrixXd &a = mat(t, "reg_a"), &y = mat(t, "reg_y");
  const double variance = scalar(t, "sigma2");
  const double n = static_cast<double>(y.rows()), entries = static_cast<double>(y.size());
  BOOST_TEST((mat(t, "reg.yhat") == a));  // the identity output layer
  const double nll = gaussian_nll_by_hand(y, a, variance);
  BOOST_TEST(scalar(t, "reg.nll") == nll, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(scalar(t, "reg.likelihood") == std::exp(-nll), boost::test_tools::tolerance(1e-12));
  const double e = (y - a).squaredNorm() / n;  // IC: (1/N) Σ_i Σ_j (y − ŷ)²
  BOOST_TEST(scalar(t, "reg.loss") == e, boost::test_tools::tolerance(1e-13));
  BOOST_TEST(scalar(t, "reg.loss_pd") == 0.5 * (y - a).squaredNorm(), boost::test_tools::tolerance(1e-13));
  const double constant = entries / 2.0 * std::log(two_pi * variance);
  BOOST_TEST(scalar(t, "reg.constant") == constant, boost::test_tools::tolerance(1e-13));
  BOOST_TEST(scalar(t, "reg.gap") == constant, boost::test_tools::tolerance(1e-11));
  BOOST_TEST(scalar(t, "reg.gap_elsewhere") == constant, boost::test_tools::tolerance(1e-11));
  BOOST_TEST(verdict(t, "reg.match").holds);
  BOOST_TEST(verdict(t, "reg.match_pd").holds);
  // Gradients in closed form.
  BOOST_TEST((mat(t, "reg.delta") - (a - y)).cwiseAbs().maxCoeff() <= 1e-15);
  BOOST_TEST((mat(t, "reg.grad") - 2.0 / n * (a - y)).cwiseAbs().maxCoeff() <= 1e-15);
  BOOST_TEST((mat(t, "reg.nll_grad") - (a - y) / variance).cwiseAbs().maxCoeff() <= 1e-14);
}

BOOST_DATA_TEST_CASE(the_constant_does_not_depend_on_the_parameters, bdata::xrange(0, 5), k) {
  // Move the predictions (a student's, or any θ): −log L − N/(2σ²)E stays (Nt/2) log(2πσ²).
  nnwb::Trace t = nnwb::chapters::max_likelihood(variant(k));
  const double constant = scalar(t, "reg.constant");
  MatrixXd moved = mat(t, "reg_a");
  moved.array() += 0.37;
  moved(0, 0) -= 1.1;
  t.recompute({{"reg_a", moved}});
  BOOST_TEST(scalar(t, "reg.gap") == constant, boost::test_tools::tolerance(1e-11));
  BOOST_TEST(verdict(t, "reg.match").holds);
  // A different σ² changes the constant, to its closed form.
  t.recompute({{"sigma2", 0.9}});
  const double expected = static_cast<double>(mat(t, "reg_y").size()) / 2.0 * std::log(two_pi * 0.9);
  BOOST_TEST(scalar(t, "reg.constant") == expected, boost::test_tools::tolerance(1e-13));
  BOOST_TEST(scalar(t, "reg.gap") == expected, boost::test_tools::tolerance(1e-11));
}

BOOST_DATA_TEST_CASE(softplus_variance_is_the_mean_squared_residual_at_its_optimum, bdata::xrange(0, 9), k) {
  nnwb::Trace t = nnwb::chapters::max_likelihood(variant(k));
  const MatrixXd r = mat(t, "reg_y") - mat(t, "reg_a");
  const double b = scalar(t, "var_b");
  const double variance = std::log(1.0 + std::exp(b));
  BOOST_TEST(scalar(t, "var.sigma2") == variance, boost::test_tools::tolerance(1e-14));
  BOOST_TEST(scalar(t, "var.nll") == gaussian_nll_by_hand(mat(t, "reg_y"), mat(t, "reg_a"), variance),
             boost::test_tools::tolerance(1e-12));
  const double ml = r.squaredNorm() / static_cast<double>(r.size());
  BOOST_TEST(scalar(t, "var.ml") == ml, boost::test_tools::tolerance(1e-13));
  const double b_ml = scalar(t, "var.b_ml");
  BOOST_TEST(std::log(1.0 + std::exp(b_ml)) == ml, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(verdict(t, "var.stationary").holds);
  // At b_ML the NLL is lowest: below its values a little either side, and its gradient is 0.
  t.recompute({{"var_b", b_ml}});
  const double at_ml = scalar(t, "var.nll");
  BOOST_TEST(std::abs(scalar(t, "var.grad")) <= 1e-10);
  for (const double step : {-0.05, 0.05}) {
    t.recompute({{"var_b", b_ml + step}});
    BOOST_TEST(scalar(t, "var.nll") > at_ml);
  }
}

BOOST_DATA_TEST_CASE(bernoulli_labels_give_the_binary_cross_entropy, bdata::xrange(0, 9), k) {
  const nnwb::Trace t = nnwb::chapters::max_likelihood(variant(k));
  const MatrixXd &a = mat(t, "bin_a"), &y = mat(t, "bin_y");
  const double n = static_cast<double>(y.rows());
  double nll = 0.0;
  MatrixXd residual(a.rows(), a.cols());
  for (Eigen::Index i = 0; i < a.rows(); ++i)
    for (Eigen::Index j = 0; j < a.cols(); ++j) {
      const double p = logistic(a(i, j));
      nll -= y(i, j) * std::log(p) + (1.0 - y(i, j)) * std::log(1.0 - p);  // −log p^y (1 − p)^{1−y}
      residual(i, j) = p - y(i, j);
      BOOST_TEST(mat(t, "bin.mass")(i, j) == (y(i, j) == 1.0 ? p : 1.0 - p), boost::test_tools::tolerance(1e-14));
    }
  BOOST_TEST(scalar(t, "bin.nll") == nll, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(scalar(t, "bin.loss") == nll / n, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(scalar(t, "bin.loss_logits") == nll / n, boost::test_tools::tolerance(1e-12));
  BOOST_TEST((mat(t, "bin.grad") - residual / n).cwiseAbs().maxCoeff() <= 1e-14);
  for (const char* id : {"bin.match", "bin.collapse", "bin.saturated"}) BOOST_TEST(verdict(t, id).holds, id);
}

BOOST_DATA_TEST_CASE(categorical_labels_give_the_cross_entropy, bdata::xrange(0, 9), k) {
  const nnwb::Trace t = nnwb::chapters::max_likelihood(variant(k));
  const MatrixXd& a = mat(t, "cat_a");
  const VectorXd& c = vec(t, "cat_class");
  const MatrixXd p = softmax_rows_by_hand(a);
  BOOST_TEST((mat(t, "cat.yhat") - p).cwiseAbs().maxCoeff() <= 1e-14);
  MatrixXd y = MatrixXd::Zero(a.rows(), a.cols());
  double nll = 0.0;
  for (Eigen::Index i = 0; i < a.rows(); ++i) {
    const auto j = static_cast<Eigen::Index>(c[i]) - 1;  // class C_j, numbered from 1
    y(i, j) = 1.0;
    nll -= std::log(p(i, j));
  }
  const double n = static_cast<double>(a.rows());
  BOOST_TEST((mat(t, "cat.onehot") == y));
  BOOST_TEST(scalar(t, "cat.nll") == nll, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(scalar(t, "cat.loss") == nll / n, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(scalar(t, "cat.loss_logits") == nll / n, boost::test_tools::tolerance(1e-12));
  BOOST_TEST((mat(t, "cat.grad") - (p - y) / n).cwiseAbs().maxCoeff() <= 1e-14);
  for (const char* id : {"cat.simplex", "cat.match", "outputs.matched"}) BOOST_TEST(verdict(t, id).holds, id);
  // The slide's H_ŷ(y): every entry where y = 0 puts log 0 in the sum, N(M − 1) of them.
  const nnwb::Verdict& swapped = verdict(t, "cat.slide_form");
  BOOST_TEST(swapped.holds);
  BOOST_TEST(swapped.text.find(std::to_string(a.rows() * (a.cols() - 1)) + " of the " + std::to_string(a.size())) !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(large_logits_stay_finite) {
  // Logits of ±1000, the correct class the largest: the softmax (max subtracted) and the
  // log-sum-exp loss stay finite, where e^{1000} would overflow.
  nnwb::Trace t = nnwb::chapters::max_likelihood(ChapterOptions{});
  MatrixXd a(3, 3);
  // clang-format off
  a << 1000,  -1000,    0,
        -1000,    0, 1000,
            0, 999,  1000;
  // clang-format on
  t.recompute({{"cat_a", a}});  // classes 1, 3, 3
  BOOST_TEST(mat(t, "cat.yhat").allFinite());
  const double expected = std::log1p(std::exp(-1.0)) / 3.0;  // only the third row costs: log(1 + e^{−1})
  BOOST_TEST(scalar(t, "cat.loss_logits") == expected, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(scalar(t, "cat.loss") == expected, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(verdict(t, "cat.match").holds);
}

BOOST_DATA_TEST_CASE(claimed_gradients_agree_with_central_differences, bdata::xrange(0, 9), k) {
  const nnwb::Trace t = nnwb::chapters::max_likelihood(variant(k));
  const auto checks = nnwb::testing::check_gradient_claims(t);
  // reg.delta, reg.grad, reg.nll_grad, var.grad, bin.de_dyhat, bin.grad, cat.grad (twice)
  BOOST_TEST(checks.size() == 8u);
  for (const auto& check : checks) BOOST_TEST_CONTEXT(check.step << " = ∂/∂" << check.wrt) {
      BOOST_TEST(check.worst_relative_error <= 1e-7);
    }
}

BOOST_AUTO_TEST_CASE(variants_differ_in_numbers_and_shapes) {
  const nnwb::Trace a = nnwb::chapters::max_likelihood(variant(1)), b = nnwb::chapters::max_likelihood(variant(2));
  BOOST_TEST(!(mat(a, "reg_a").size() == mat(b, "reg_a").size() && mat(a, "reg_a") == mat(b, "reg_a")));
  int shapes = 0;
  for (int k = 1; k <= 12; ++k) {
    const nnwb::Trace t = nnwb::chapters::max_likelihood(variant(k));
    shapes |= 1 << (mat(t, "reg_a").cols() - 1);  // t = 1 and t = 2 both occur
    BOOST_TEST(mat(t, "cat_a").cols() >= 3);
    BOOST_TEST(vec(t, "cat_class").maxCoeff() <= static_cast<double>(mat(t, "cat_a").cols()));
    BOOST_TEST(vec(t, "cat_class").minCoeff() >= 1.0);
  }
  BOOST_TEST(shapes == 3);
}

BOOST_AUTO_TEST_SUITE_END()
