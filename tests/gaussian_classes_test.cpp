// Two Gaussian classes (lib/gaussian_classes.hpp): the 2-D density against its closed form written
// out by hand, the log-density gradient against central differences, Bayes' rule against the
// sigmoid of wᵀx + w₀, and the refusal of a covariance that is not positive definite.
#include "nnwb/gaussian_classes.hpp"

#include <Eigen/LU>
#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <numbers>
#include <stdexcept>

#include "nnwb/gradient_check.hpp"
#include "nnwb/random.hpp"

BOOST_AUTO_TEST_SUITE(gaussian_classes)

namespace bdata = boost::unit_test::data;
using Eigen::MatrixXd;
using Eigen::VectorXd;

namespace {

// A random 2×2 SPD covariance LLᵀ + 0.1·I.
MatrixXd covariance(nnwb::Rng& rng) {
  MatrixXd l = MatrixXd::Zero(2, 2);
  l(0, 0) = rng.uniform(0.5, 1.5);
  l(1, 0) = rng.uniform(-1, 1);
  l(1, 1) = rng.uniform(0.5, 1.5);
  return l * l.transpose() + 0.1 * MatrixXd::Identity(2, 2);
}

// N(x; μ, Σ) in 2-D, by hand: Σ⁻¹ = adj(Σ)/|Σ|, p = exp(−½ q) / (2π √|Σ|).
double density_by_hand(const VectorXd& x, const VectorXd& mu, const MatrixXd& s) {
  const double det = s(0, 0) * s(1, 1) - s(0, 1) * s(1, 0);
  const double u = x[0] - mu[0], v = x[1] - mu[1];
  const double q = (s(1, 1) * u * u - 2 * s(0, 1) * u * v + s(0, 0) * v * v) / det;
  return std::exp(-0.5 * q) / (2 * std::numbers::pi * std::sqrt(det));
}

double logistic(double a) { return 1.0 / (1.0 + std::exp(-a)); }

}  // namespace

BOOST_DATA_TEST_CASE(density_matches_the_closed_form, bdata::xrange(1, 9), seed) {
  nnwb::Rng rng(static_cast<std::uint64_t>(seed));
  const MatrixXd sigma = covariance(rng);
  const VectorXd mu = rng.uniform(2, 1, -2, 2), x = rng.uniform(2, 1, -3, 3);
  const auto near = boost::test_tools::tolerance(1e-12);
  BOOST_TEST(nnwb::gaussian_density(x, mu, sigma) == density_by_hand(x, mu, sigma), near);
  BOOST_TEST(nnwb::gaussian_log_density(x, mu, sigma) == std::log(density_by_hand(x, mu, sigma)), near);
  BOOST_TEST(nnwb::mahalanobis_squared(x, mu, sigma) == (x - mu).dot(sigma.inverse() * (x - mu)), near);
  const MatrixXd l = nnwb::cholesky_factor(sigma);
  BOOST_TEST((l * l.transpose() - sigma).norm() <= 1e-14);
  BOOST_TEST(l(0, 1) == 0.0);
}

BOOST_AUTO_TEST_CASE(standard_normal_at_its_mean) {
  // N(0; 0, I) in 2-D is 1/(2π).
  BOOST_TEST(nnwb::gaussian_density(VectorXd::Zero(2), VectorXd::Zero(2), MatrixXd::Identity(2, 2)) ==
                 1 / (2 * std::numbers::pi),
             boost::test_tools::tolerance(1e-15));
}

BOOST_DATA_TEST_CASE(log_density_gradient_matches_central_differences, bdata::xrange(1, 9), seed) {
  nnwb::Rng rng(static_cast<std::uint64_t>(seed));
  const MatrixXd sigma = covariance(rng);
  const VectorXd mu = rng.uniform(2, 1, -2, 2), x = rng.uniform(2, 1, -3, 3);
  const VectorXd numeric =
      nnwb::numerical_gradient([&](const VectorXd& v) { return nnwb::gaussian_log_density(v, mu, sigma); }, x);
  BOOST_TEST(nnwb::max_relative_error(nnwb::gaussian_log_density_gradient(x, mu, sigma), numeric) <= 1e-7);
}

BOOST_DATA_TEST_CASE(bayes_posterior_is_a_sigmoid, bdata::xrange(1, 9), seed) {
  nnwb::Rng rng(static_cast<std::uint64_t>(seed));
  const MatrixXd sigma = covariance(rng);
  const VectorXd mu1 = rng.uniform(2, 1, -2, 2), mu2 = rng.uniform(2, 1, -2, 2), x = rng.uniform(2, 1, -2, 2);
  const double p1 = rng.uniform(0.1, 0.9), p2 = 1 - p1;
  // w and w₀ by hand, with the explicit inverse (fine in a test, for a 2×2).
  const MatrixXd inv = sigma.inverse();
  const VectorXd w = inv * (mu1 - mu2);
  const double w0 = -0.5 * mu1.dot(inv * mu1) + 0.5 * mu2.dot(inv * mu2) + std::log(p1 / p2);
  const auto near = boost::test_tools::tolerance(1e-11);
  BOOST_TEST((nnwb::posterior_sigmoid_weights(mu1, mu2, sigma) - w).norm() <= 1e-12 * (1 + w.norm()));
  BOOST_TEST(nnwb::posterior_sigmoid_bias(mu1, mu2, sigma, p1, p2) == w0, near);
  const double l1 = density_by_hand(x, mu1, sigma), l2 = density_by_hand(x, mu2, sigma);
  const double bayes = l1 * p1 / (l1 * p1 + l2 * p2);
  BOOST_TEST(nnwb::bayes_posterior(l1, l2, p1, p2) == bayes, near);
  BOOST_TEST(nnwb::gaussian_posterior(x, mu1, mu2, sigma, p1, p2) == bayes, near);
  BOOST_TEST(logistic(w.dot(x) + w0) == bayes, near);
  BOOST_TEST(nnwb::log_odds(l1, l2, p1, p2) == w.dot(x) + w0, boost::test_tools::tolerance(1e-10));
}

BOOST_AUTO_TEST_CASE(refuses_bad_input) {
  MatrixXd indefinite(2, 2);
  indefinite << 1, 2, 2, 1;  // eigenvalues 3 and −1
  MatrixXd asymmetric(2, 2);
  asymmetric << 1, 0.5, 0, 1;
  const VectorXd zero = VectorXd::Zero(2);
  BOOST_CHECK_THROW(nnwb::gaussian_density(zero, zero, indefinite), std::invalid_argument);
  BOOST_CHECK_THROW(nnwb::posterior_sigmoid_weights(zero, zero, asymmetric), std::invalid_argument);
  BOOST_CHECK_THROW(nnwb::gaussian_density(VectorXd::Zero(3), zero, MatrixXd::Identity(2, 2)), std::invalid_argument);
  BOOST_CHECK_THROW(nnwb::bayes_posterior(0, 0, 0.5, 0.5), std::invalid_argument);
  BOOST_CHECK_THROW(nnwb::log_odds(0, 1, 0.5, 0.5), std::invalid_argument);
  BOOST_CHECK_THROW(nnwb::posterior_sigmoid_bias(zero, zero, MatrixXd::Identity(2, 2), 1, 0), std::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()
