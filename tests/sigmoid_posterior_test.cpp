// Chapter 11, sigmoid_posterior (chapters/sigmoid_posterior.cpp): Bayes' rule computed here from
// the two 2-D Gaussian densities written out by hand, against the trace's posterior and against
// g(wᵀx + w₀) with w, w₀ also worked out by hand; the gradient claims; the midpoint; follow-through.
#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <numbers>
#include <string>

#include "chapters.hpp"
#include "support/gradient_claims.hpp"
#include "support/trace_values.hpp"

BOOST_AUTO_TEST_SUITE(sigmoid_posterior)

namespace bdata = boost::unit_test::data;
using nnwb::ChapterOptions;

using nnwb::testing::mat;
using nnwb::testing::scalar;
using nnwb::testing::variant;
using nnwb::testing::vec;
using nnwb::testing::verdict;

namespace {

// Σ⁻¹ for a 2×2 by its adjugate: (1/|Σ|)(s11, −s01; −s10, s00).
Eigen::Matrix2d inverse_by_hand(const Eigen::MatrixXd& s) {
  const double det = s(0, 0) * s(1, 1) - s(0, 1) * s(1, 0);
  Eigen::Matrix2d inv;
  inv << s(1, 1) / det, -s(0, 1) / det, -s(1, 0) / det, s(0, 0) / det;
  return inv;
}

// p(x|C) = exp(−½(x − μ)ᵀΣ⁻¹(x − μ)) / (2π |Σ|^{1/2}), d = 2.
double density_by_hand(const Eigen::VectorXd& x, const Eigen::VectorXd& mu, const Eigen::MatrixXd& s) {
  const double det = s(0, 0) * s(1, 1) - s(0, 1) * s(1, 0);
  const Eigen::Vector2d u(x[0] - mu[0], x[1] - mu[1]);
  return std::exp(-0.5 * u.dot(inverse_by_hand(s) * u)) / (2 * std::numbers::pi * std::sqrt(det));
}

double logistic(double a) { return 1.0 / (1.0 + std::exp(-a)); }

}  // namespace

BOOST_AUTO_TEST_CASE(default_setting_as_the_summary_states) {
  // EDI 000_7637ffcd816b0303.txt, "Output of logistic sigmoid activation function" prints Bayes'
  // rule as a sigmoid of the log-odds, formulas only; "Approximation of posterior probabilities"
  // breaks off after "Posterior probabilities of two classes with Gaussian distributions:". No
  // slide number to reproduce: no step claims one, and the defaults are the summary's.
  const nnwb::Trace t = nnwb::chapters::sigmoid_posterior(ChapterOptions{});
  for (const auto& step : t.steps()) BOOST_TEST(step.slide.empty(), step.id);
  BOOST_TEST((vec(t, "mu1") == Eigen::Vector2d(1, 2)));
  BOOST_TEST((vec(t, "mu2") == Eigen::Vector2d(-1, 0)));
  Eigen::Matrix2d sigma;
  sigma << 2, 0.5, 0.5, 1;
  BOOST_TEST((mat(t, "sigma") == Eigen::MatrixXd(sigma)));
  BOOST_TEST(scalar(t, "prior1") == 0.6);
  BOOST_TEST(t.summary().find("are ours") != std::string::npos);
  // Worked by hand: Σ⁻¹ = (1/1.75)(1, −0.5; −0.5, 2), w = Σ⁻¹(2, 2) = (1, 3)/1.75,
  // μ₁ᵀΣ⁻¹μ₁ = 7/1.75 = 4, μ₂ᵀΣ⁻¹μ₂ = 1/1.75, w₀ = −2 + 0.5/1.75 + ln 1.5.
  const auto near = boost::test_tools::tolerance(1e-13);
  BOOST_TEST(vec(t, "sigmoid.w")[0] == 1 / 1.75, near);
  BOOST_TEST(vec(t, "sigmoid.w")[1] == 3 / 1.75, near);
  BOOST_TEST(scalar(t, "sigmoid.w0") == -2 + 0.5 / 1.75 + std::log(1.5), near);
}

BOOST_DATA_TEST_CASE(bayes_rule_from_the_densities_equals_the_sigmoid, bdata::xrange(0, 9), k) {
  const nnwb::Trace t = nnwb::chapters::sigmoid_posterior(variant(k));
  const Eigen::VectorXd &mu1 = vec(t, "mu1"), &mu2 = vec(t, "mu2");
  const Eigen::MatrixXd& sigma = mat(t, "sigma");
  BOOST_TEST(sigma(0, 1) == sigma(1, 0));
  BOOST_TEST(sigma(0, 0) * sigma(1, 1) - sigma(0, 1) * sigma(1, 0) > 0.0);  // SPD (with s00 > 0)
  BOOST_TEST(sigma(0, 0) > 0.0);
  const double p1 = scalar(t, "prior1"), p2 = 1 - p1;
  const auto near = boost::test_tools::tolerance(1e-11);
  BOOST_TEST(scalar(t, "classes.prior2") == p2, near);
  const Eigen::Matrix2d inv = inverse_by_hand(sigma);
  const Eigen::Vector2d w = inv * (mu1 - mu2);
  const double w0 = -0.5 * mu1.dot(inv * mu1) + 0.5 * mu2.dot(inv * mu2) + std::log(p1 / p2);
  BOOST_TEST((vec(t, "sigmoid.w") - w).norm() <= 1e-12 * (1 + w.norm()));
  BOOST_TEST(scalar(t, "sigmoid.w0") == w0, near);
  const Eigen::MatrixXd& l = mat(t, "classes.cholesky");
  BOOST_TEST((l * l.transpose() - sigma).norm() <= 1e-14);
  for (int point = 1; point <= 3; ++point) {
    const std::string n = std::to_string(point), bayes = "bayes.point" + n + ".", neuron = "sigmoid.point" + n + ".";
    const Eigen::VectorXd& x = vec(t, "point" + n);
    const double l1 = density_by_hand(x, mu1, sigma), l2 = density_by_hand(x, mu2, sigma);
    const double posterior = l1 * p1 / (l1 * p1 + l2 * p2);  // Bayes' rule
    BOOST_TEST_CONTEXT("point " << point) {
      BOOST_TEST(scalar(t, bayes + "density1") == l1, near);
      BOOST_TEST(scalar(t, bayes + "density2") == l2, near);
      BOOST_TEST(scalar(t, bayes + "posterior") == posterior, near);
      BOOST_TEST(scalar(t, bayes + "log_odds") == std::log(l1 * p1 / (l2 * p2)), boost::test_tools::tolerance(1e-10));
      BOOST_TEST(scalar(t, neuron + "a") == w.dot(x) + w0, boost::test_tools::tolerance(1e-10));
      BOOST_TEST(scalar(t, neuron + "y") == posterior, near);
      BOOST_TEST(logistic(w.dot(x) + w0) == posterior, near);  // the claim itself, by hand
      BOOST_TEST(std::abs(w.dot(x) + w0) <= 4.0);              // neither 0 nor 1 to the eye
      BOOST_TEST(verdict(t, "check.point" + n).holds);
      // ∇ₓP = σ(1 − σ)w, and the log-odds' gradient is w itself.
      BOOST_TEST((vec(t, "grad.point" + n + ".posterior") - posterior * (1 - posterior) * w).norm() <= 1e-12);
      BOOST_TEST((vec(t, "grad.point" + n + ".log_odds") - w).norm() <= 1e-12 * (1 + w.norm()));
    }
  }
  BOOST_TEST(verdict(t, "grad.constant").holds);
  // At the midpoint the two densities are equal and the posterior is the prior.
  const Eigen::VectorXd mid = 0.5 * (mu1 + mu2);
  BOOST_TEST(density_by_hand(mid, mu1, sigma) == density_by_hand(mid, mu2, sigma), near);
  BOOST_TEST(scalar(t, "mid.posterior") == p1, near);
  BOOST_TEST(verdict(t, "mid.check").holds);
}

BOOST_DATA_TEST_CASE(claimed_gradients_agree_with_central_differences, bdata::xrange(0, 9), k) {
  const nnwb::Trace t = nnwb::chapters::sigmoid_posterior(variant(k));
  const auto checks = nnwb::testing::check_gradient_claims(t);
  BOOST_TEST(checks.size() == 6u);
  for (const auto& check : checks) BOOST_TEST_CONTEXT(check.step << " = ∂/∂" << check.wrt) {
      BOOST_TEST(check.worst_relative_error <= 1e-7);
    }
}

BOOST_AUTO_TEST_CASE(follow_through_from_other_inputs) {
  // Another point and another covariance: the equality is an identity, so it holds again.
  nnwb::Trace t = nnwb::chapters::sigmoid_posterior(ChapterOptions{});
  Eigen::MatrixXd sigma(2, 2);
  sigma << 1.0, -0.3, -0.3, 0.5;
  t.recompute({{"point2", Eigen::VectorXd(Eigen::Vector2d(0.5, -0.5))}, {"sigma", sigma}});
  const Eigen::VectorXd x = Eigen::Vector2d(0.5, -0.5), mu1 = Eigen::Vector2d(1, 2), mu2 = Eigen::Vector2d(-1, 0);
  const double l1 = density_by_hand(x, mu1, sigma), l2 = density_by_hand(x, mu2, sigma);
  BOOST_TEST(scalar(t, "bayes.point2.posterior") == l1 * 0.6 / (l1 * 0.6 + l2 * 0.4),
             boost::test_tools::tolerance(1e-11));
  for (const char* id : {"check.point1", "check.point2", "check.point3", "grad.constant", "mid.check"})
    BOOST_TEST(verdict(t, id).holds, id);
  // A student's wrong w₀ (the prior term forgotten): the neuron no longer matches Bayes' rule.
  nnwb::Trace wrong = nnwb::chapters::sigmoid_posterior(ChapterOptions{});
  wrong.recompute({{"sigmoid.w0", -2 + 0.5 / 1.75}});
  BOOST_TEST(!verdict(wrong, "check.point1").holds);
}

BOOST_AUTO_TEST_SUITE_END()
