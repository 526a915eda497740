// Chapter 2, mse_vs_ce (chapters/mse_vs_ce.cpp): the chain rule for E_MSE and E_H against the
// closed forms, written out here from the slides' formulas (not from the library); the saturation
// table; gradient descent replayed independently; the gradient claims; and follow-through.
#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "chapters.hpp"
#include "support/trace_values.hpp"
#include "support/gradient_claims.hpp"

BOOST_AUTO_TEST_SUITE(mse_vs_ce)

namespace bdata = boost::unit_test::data;
using nnwb::ChapterOptions;

using nnwb::testing::scalar;
using nnwb::testing::vec;
using nnwb::testing::mat;
using nnwb::testing::verdict;
using nnwb::testing::variant;

namespace {



double logistic(double a) { return 1.0 / (1.0 + std::exp(-a)); }  // g(a), EDI "Output of logistic sigmoid"

// EDI's formulas, one sample at a time.
struct ClosedForms {
  Eigen::VectorXd yhat, mse_grad, ce_grad;
  double e_mse = 0, e_h = 0;
};

ClosedForms closed_forms(const Eigen::MatrixXd& x, const Eigen::VectorXd& w, const Eigen::VectorXd& y) {
  const auto n_samples = static_cast<double>(y.size());
  ClosedForms c{Eigen::VectorXd(y.size()), Eigen::VectorXd::Zero(w.size()), Eigen::VectorXd::Zero(w.size())};
  for (Eigen::Index n = 0; n < y.size(); ++n) {
    double a = 0;
    for (Eigen::Index i = 0; i < w.size(); ++i) a += w[i] * x(n, i);  // a_n = Σ_i w_i x_ni
    const double p = logistic(a);
    c.yhat[n] = p;
    c.e_mse += 0.5 * (p - y[n]) * (p - y[n]);                                  // ½ Σ (ŷ − y)²
    c.e_h -= (y[n] * std::log(p) + (1 - y[n]) * std::log(1 - p)) / n_samples;  // E_H
    for (Eigen::Index i = 0; i < w.size(); ++i) {
      c.mse_grad[i] += (p - y[n]) * p * (1 - p) * x(n, i);  // EDI: (ŷ − y) ŷ(1 − ŷ) x_ni
      c.ce_grad[i] += (p - y[n]) * x(n, i) / n_samples;     // EDI's quiz: (1/N) Σ (ŷ − y) x_ni
    }
  }
  return c;
}

const int rows[] = {1, 2, 4, 8, 20};

}  // namespace

BOOST_AUTO_TEST_CASE(default_setting_as_the_summary_states) {
  // The slides print formulas only: EDI 000_7637ffcd816b0303.txt "Training single layer neural
  // network with MSE (cont.)", "Another training criterion – cross-entropy error" and the first quiz
  // ("show ∂E_H/∂w_i = (1/N) Σ_n (ŷ_n − y_n) x_ni"), CTU 002_ddd62baf13f113f4.txt "Cross-Entropy Loss
  // Function", BMB 001_86790086ad6a4e65.txt "Perceptron Learning". So there is no slide number to
  // reproduce: no step claims one, and the defaults are the ones the summary names.
  const nnwb::Trace t = nnwb::chapters::mse_vs_ce(ChapterOptions{});
  for (const auto& step : t.steps()) BOOST_TEST(step.slide.empty(), step.id);
  Eigen::MatrixXd x(3, 2);
  x << 1, 1, 1, -1, 1, 2;
  BOOST_TEST((vec(t, "x1") == Eigen::Vector3d(1, -1, 2)));
  BOOST_TEST((std::get<Eigen::MatrixXd>(t.value("forward.x")) == x));
  BOOST_TEST((vec(t, "y") == Eigen::Vector3d(1, 0, 1)));
  BOOST_TEST((vec(t, "w") == Eigen::Vector2d(0.5, -2)));
  BOOST_TEST(scalar(t, "eta") == 1.0);
  BOOST_TEST(t.summary().find("are ours") != std::string::npos);
  // The start is wrong on every sample: a = (−1.5, 2.5, −3.5) for y = (1, 0, 1).
  BOOST_TEST((vec(t, "forward.a") == Eigen::Vector3d(-1.5, 2.5, -3.5)));
}

BOOST_DATA_TEST_CASE(chain_rule_gives_the_closed_forms, bdata::xrange(0, 9), k) {
  const nnwb::Trace t = nnwb::chapters::mse_vs_ce(variant(k));
  const Eigen::MatrixXd& x = std::get<Eigen::MatrixXd>(t.value("forward.x"));
  const Eigen::VectorXd &y = vec(t, "y"), &w = vec(t, "w");
  const ClosedForms c = closed_forms(x, w, y);
  const auto near = boost::test_tools::tolerance(1e-12);
  const double n = static_cast<double>(y.size());
  BOOST_TEST(scalar(t, "mse.e") == c.e_mse, near);
  BOOST_TEST(scalar(t, "ce.e") == c.e_h, near);
  for (Eigen::Index i = 0; i < y.size(); ++i) {
    const double p = c.yhat[i];
    BOOST_TEST_CONTEXT("sample " << i) {
      BOOST_TEST(vec(t, "forward.yhat")[i] == p, near);
      BOOST_TEST(vec(t, "mse.de_dyhat")[i] == p - y[i], near);
      BOOST_TEST(vec(t, "chain.dyhat_da")[i] == p * (1 - p), near);
      BOOST_TEST(vec(t, "mse.de_da")[i] == (p - y[i]) * p * (1 - p), near);
      // CTU: ∂E_p/∂y_p = −d_p/y_p + (1 − d_p)/(1 − y_p), with EDI's 1/N.
      BOOST_TEST(vec(t, "ce.de_dyhat")[i] == (-y[i] / p + (1 - y[i]) / (1 - p)) / n, near);
      BOOST_TEST(vec(t, "ce.de_da")[i] == (p - y[i]) / n, near);
      BOOST_TEST(vec(t, "ce.collapse")[i] == (p - y[i]) / n, near);
    }
  }
  for (Eigen::Index i = 0; i < w.size(); ++i) {
    BOOST_TEST_CONTEXT("weight " << i) {
      BOOST_TEST(vec(t, "mse.grad_w")[i] == c.mse_grad[i], near);
      BOOST_TEST(vec(t, "bmb.grad_w")[i] == c.mse_grad[i], near);
      BOOST_TEST(vec(t, "ce.grad_w")[i] == c.ce_grad[i], near);
      BOOST_TEST(vec(t, "check.mse.grad_w")[i] == c.mse_grad[i], boost::test_tools::tolerance(1e-7));
      BOOST_TEST(vec(t, "check.ce.grad_w")[i] == c.ce_grad[i], boost::test_tools::tolerance(1e-7));
    }
  }
  for (const char* id : {"bmb.same", "ce.collapse.check", "check.mse", "check.ce", "saturation.vanishes"})
    BOOST_TEST(verdict(t, id).holds, id);
}

BOOST_DATA_TEST_CASE(saturation_mse_vanishes_cross_entropy_does_not, bdata::xrange(0, 9), k) {
  // EDI "Another training criterion – cross-entropy error": "g'(a) ≈ 0 for such a that g(a) ≈ 0
  // or 1"; for a confidently wrong output the MSE gradient (ŷ − y)g'(a) vanishes, ŷ − y does not.
  const nnwb::Trace t = nnwb::chapters::mse_vs_ce(variant(k));
  const double y = scalar(t, "saturation.y");
  double last_mse = 1, last_ce = 0;
  for (const int r : rows) {
    const std::string row = "saturation.a" + std::to_string(r);
    const double a = scalar(t, row);
    BOOST_TEST_CONTEXT(row) {
      BOOST_TEST(std::abs(a) == r);
      BOOST_TEST((y == 1.0 ? a < 0 : a > 0));  // on the wrong side
      const double p = logistic(a);
      BOOST_TEST(scalar(t, row + ".mse") == (p - y) * p * (1 - p), boost::test_tools::tolerance(1e-12));
      BOOST_TEST(scalar(t, row + ".ce") == p - y, boost::test_tools::tolerance(1e-12));
      BOOST_TEST(std::abs(scalar(t, row + ".mse")) < last_mse);  // shrinks as |a| grows
      BOOST_TEST(std::abs(scalar(t, row + ".ce")) > last_ce);    // grows towards 1
      BOOST_TEST(std::abs(scalar(t, row + ".ce")) > 0.7);
      last_mse = std::abs(scalar(t, row + ".mse"));
      last_ce = std::abs(scalar(t, row + ".ce"));
    }
  }
  BOOST_TEST(last_mse < 1e-8);
  BOOST_TEST(last_ce > 1 - 1e-8);
  // The table's last column is the ratio of the two gradients: g'(a) = ŷ(1 − ŷ).
  const auto& table = std::get<Eigen::MatrixXd>(t.value("saturation.table"));
  BOOST_TEST(table.rows() == 5);
  for (Eigen::Index r = 0; r < table.rows(); ++r) {
    const double p = logistic(table(r, 0));
    BOOST_TEST(table(r, 4) == p * (1 - p), boost::test_tools::tolerance(1e-9));
  }
}

BOOST_AUTO_TEST_CASE(cross_entropy_never_takes_log_zero) {
  // a = −1000 with y = 1: ŷ rounds to 0, yet E_H = log(1 + e^a) − ya = 1000 stays finite, its
  // gradient stays −1 and the MSE gradient is exactly 0.
  nnwb::Trace t = nnwb::chapters::mse_vs_ce(ChapterOptions{});
  t.recompute({{"saturation.a20", -1000.0}});
  BOOST_TEST(scalar(t, "saturation.a20.e_h") == 1000.0, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(scalar(t, "saturation.a20.ce") == -1.0);
  BOOST_TEST(scalar(t, "saturation.a20.mse") == 0.0);
  BOOST_TEST(verdict(t, "saturation.vanishes").holds);
}

BOOST_DATA_TEST_CASE(gradient_descent_replayed, bdata::xrange(0, 9), k) {
  // EDI "Gradient descent": w ← w − η ∇E, three steps with each loss from the same start.
  const nnwb::Trace t = nnwb::chapters::mse_vs_ce(variant(k));
  const Eigen::MatrixXd& x = std::get<Eigen::MatrixXd>(t.value("forward.x"));
  const Eigen::VectorXd& y = vec(t, "y");
  const double eta = scalar(t, "eta");
  Eigen::VectorXd w_mse = vec(t, "w"), w_ce = vec(t, "w");
  for (int step = 1; step <= 3; ++step) {
    w_mse -= eta * closed_forms(x, w_mse, y).mse_grad;
    w_ce -= eta * closed_forms(x, w_ce, y).ce_grad;
    const std::string s = std::to_string(step);
    BOOST_TEST_CONTEXT("step " << step) {
      BOOST_TEST((vec(t, "gd.mse.step" + s + ".w") - w_mse).norm() <= 1e-12);
      BOOST_TEST((vec(t, "gd.ce.step" + s + ".w") - w_ce).norm() <= 1e-12);
      BOOST_TEST(scalar(t, "gd.mse.step" + s + ".e") == closed_forms(x, w_mse, y).e_mse,
                 boost::test_tools::tolerance(1e-12));
      BOOST_TEST(scalar(t, "gd.ce.step" + s + ".e") == closed_forms(x, w_ce, y).e_h,
                 boost::test_tools::tolerance(1e-12));
    }
  }
  if (k == 0) {
    // From the confidently wrong start, cross-entropy moves much further in three steps.
    BOOST_TEST(verdict(t, "gd.compare").holds);
    BOOST_TEST((w_ce - vec(t, "w")).norm() > 2 * (w_mse - vec(t, "w")).norm());
  }
}

BOOST_DATA_TEST_CASE(claimed_gradients_agree_with_central_differences, bdata::xrange(0, 9), k) {
  const nnwb::Trace t = nnwb::chapters::mse_vs_ce(variant(k));
  const auto checks = nnwb::testing::check_gradient_claims(t);
  BOOST_TEST(checks.size() >= 20u);
  for (const auto& check : checks) BOOST_TEST_CONTEXT(check.step << " = ∂/∂" << check.wrt) {
      BOOST_TEST(check.worst_relative_error <= 1e-7);
    }
}

BOOST_AUTO_TEST_CASE(follow_through_from_a_students_outputs) {
  // A student's ŷ (wrong in its first entry): every later step uses it, not the true ŷ.
  nnwb::Trace t = nnwb::chapters::mse_vs_ce(ChapterOptions{});
  const Eigen::VectorXd yhat = Eigen::Vector3d(0.2, 0.92, 0.03);
  t.recompute({{"forward.yhat", yhat}});
  const Eigen::VectorXd y = Eigen::Vector3d(1, 0, 1);
  const Eigen::VectorXd collapse = (yhat - y) / 3.0;
  BOOST_TEST((vec(t, "ce.collapse") - collapse).norm() <= 1e-15);
  BOOST_TEST((vec(t, "ce.de_da") - collapse).norm() <= 1e-12);
  BOOST_TEST(vec(t, "chain.dyhat_da")[0] == 0.2 * 0.8, boost::test_tools::tolerance(1e-15));
  BOOST_TEST(verdict(t, "ce.collapse.check").holds);  // the collapse is algebra: it holds for any ŷ
}

BOOST_AUTO_TEST_SUITE_END()
