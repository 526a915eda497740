// Densities, masses and the negative log-likelihood (lib/likelihoods.hpp): each density integrates
// to 1, each mass sums to 1 over the outcomes, the NLL is −log of the product, and a zero
// likelihood is refused instead of taking log 0.
#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <numbers>
#include <stdexcept>

#include "nnwb/likelihoods.hpp"
#include "nnwb/random.hpp"

BOOST_AUTO_TEST_SUITE(likelihoods)

namespace bdata = boost::unit_test::data;

BOOST_AUTO_TEST_CASE(standard_normal_at_its_mean) {
  BOOST_TEST(nnwb::gaussian_density(0.0, 0.0, 1.0) == 1.0 / std::sqrt(2.0 * std::numbers::pi),
             boost::test_tools::tolerance(1e-15));
  // One standard deviation out: e^{−1/2} of the peak, whatever σ is.
  BOOST_TEST(nnwb::gaussian_density(3.0, 1.0, 4.0) / nnwb::gaussian_density(1.0, 1.0, 4.0) == std::exp(-0.5),
             boost::test_tools::tolerance(1e-14));
}

BOOST_DATA_TEST_CASE(gaussian_density_integrates_to_one, bdata::xrange(1, 6), seed) {
  nnwb::Rng rng(static_cast<std::uint64_t>(seed));
  const double mean = rng.uniform(-2, 2), variance = rng.uniform(0.1, 3);
  const double sd = std::sqrt(variance), h = sd / 200.0;
  double integral = 0.0;  // the trapezoid rule over ±12σ (the tails beyond are below 1e−30)
  for (int k = -2400; k < 2400; ++k)
    integral += 0.5 * h * (nnwb::gaussian_density(mean + k * h, mean, variance) +
                           nnwb::gaussian_density(mean + (k + 1) * h, mean, variance));
  BOOST_TEST(integral == 1.0, boost::test_tools::tolerance(1e-9));
}

BOOST_DATA_TEST_CASE(masses_sum_to_one_over_the_outcomes, bdata::xrange(1, 6), seed) {
  nnwb::Rng rng(static_cast<std::uint64_t>(seed));
  const double p = rng.uniform(0, 1);
  BOOST_TEST(nnwb::bernoulli_mass(1.0, p) == p);
  BOOST_TEST(nnwb::bernoulli_mass(0.0, p) == 1.0 - p);
  const Eigen::Index k = 2 + seed;
  Eigen::VectorXd q = rng.uniform(k, 1, 0.1, 1.0);
  q /= q.sum();
  double total = 0.0;
  for (Eigen::Index c = 0; c < k; ++c) {
    const Eigen::VectorXd e = Eigen::VectorXd::Unit(k, c);
    BOOST_TEST(nnwb::categorical_mass(e, q) == q[c], boost::test_tools::tolerance(1e-15));
    total += nnwb::categorical_mass(e, q);
  }
  BOOST_TEST(total == 1.0, boost::test_tools::tolerance(1e-14));
}

BOOST_AUTO_TEST_CASE(certain_outcomes_and_zero_probabilities) {
  BOOST_TEST(nnwb::bernoulli_mass(1.0, 1.0) == 1.0);  // 1^1 · 0^0
  BOOST_TEST(nnwb::bernoulli_mass(0.0, 0.0) == 1.0);
  BOOST_TEST(nnwb::bernoulli_mass(1.0, 0.0) == 0.0);
  BOOST_TEST(nnwb::categorical_mass(Eigen::Vector3d(0, 1, 0), Eigen::Vector3d(0, 1, 0)) == 1.0);
  BOOST_CHECK_THROW(nnwb::bernoulli_mass(1.0, 1.5), std::domain_error);
  BOOST_CHECK_THROW(nnwb::bernoulli_mass(2.0, 0.5), std::domain_error);
  BOOST_CHECK_THROW(nnwb::gaussian_density(0.0, 0.0, 0.0), std::domain_error);
  BOOST_CHECK_THROW(nnwb::categorical_mass(Eigen::Vector2d(1, 0), Eigen::Vector3d(0.2, 0.3, 0.5)),
                    std::invalid_argument);
}

BOOST_DATA_TEST_CASE(nll_is_minus_log_of_the_product, bdata::xrange(1, 6), seed) {
  nnwb::Rng rng(static_cast<std::uint64_t>(seed));
  const Eigen::MatrixXd p = rng.uniform(3, 2, 0.05, 2.0);  // densities may exceed 1
  BOOST_TEST(nnwb::negative_log_likelihood(p) == -std::log(p.prod()), boost::test_tools::tolerance(1e-13));
}

BOOST_AUTO_TEST_CASE(a_zero_likelihood_is_refused_not_logged) {
  BOOST_CHECK_THROW(nnwb::negative_log_likelihood(Eigen::Vector2d(0.5, 0.0)), std::domain_error);
  BOOST_CHECK_THROW(nnwb::negative_log_likelihood(Eigen::Vector2d(0.5, -0.1)), std::domain_error);
  BOOST_CHECK_THROW(nnwb::negative_log_likelihood(Eigen::Vector2d(0.5, std::nan(""))), std::domain_error);
  // Many small probabilities: their product underflows, their logs do not.
  const Eigen::VectorXd small = Eigen::VectorXd::Constant(400, 1e-3);
  BOOST_TEST(small.prod() == 0.0);
  BOOST_TEST(nnwb::negative_log_likelihood(small) == 400 * std::log(1e3), boost::test_tools::tolerance(1e-13));
}

BOOST_AUTO_TEST_SUITE_END()
