// Softmax, log-softmax and the softmax Jacobian (lib/softmax.hpp): properties, a finite-difference
// Jacobian, and logits of ±1000.
#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "nnwb/gradient_check.hpp"
#include "nnwb/random.hpp"
#include "nnwb/softmax.hpp"

namespace bdata = boost::unit_test::data;
using Eigen::MatrixXd;
using Eigen::VectorXd;

BOOST_AUTO_TEST_SUITE(softmax)

BOOST_DATA_TEST_CASE(properties_on_random_logits, bdata::xrange(1, 11), seed) {
  nnwb::Rng rng(static_cast<std::uint64_t>(seed));
  const Eigen::Index k = 2 + seed % 5;
  const VectorXd a = rng.uniform(k, 1, -5.0, 5.0);
  const VectorXd y = nnwb::softmax(a);
  BOOST_TEST(y.sum() == 1.0, boost::test_tools::tolerance(1e-14));
  BOOST_TEST((y.array() >= 0.0).all());
  BOOST_TEST((y.array() <= 1.0).all());
  // Definition: y_i = e^{a_i} / Σ e^{a_k}, fine to use directly for these small logits.
  const VectorXd direct = a.array().exp() / a.array().exp().sum();
  BOOST_TEST(nnwb::max_relative_error(y, direct) <= 1e-14);
  BOOST_TEST(nnwb::max_relative_error(nnwb::log_softmax(a), VectorXd(y.array().log())) <= 1e-13);

  const MatrixXd j = nnwb::softmax_jacobian(y);
  BOOST_TEST(j.isApprox(j.transpose(), 0.0));  // symmetric, exactly
  BOOST_TEST(j.rowwise().sum().cwiseAbs().maxCoeff() <= 1e-15);  // rows sum to 0

  // The Jacobian against central differences, column by column: ∂y/∂a_j, Richardson-extrapolated
  // ((4D(h) − D(2h))/3 cancels the h² error) so that rounding, not truncation, is all that is left.
  MatrixXd numeric(k, k);
  for (Eigen::Index c = 0; c < k; ++c) {
    const auto central = [&](double h) -> VectorXd {
      VectorXd plus = a, minus = a;
      plus[c] += h;
      minus[c] -= h;
      return (nnwb::softmax(plus) - nnwb::softmax(minus)) / (2 * h);
    };
    numeric.col(c) = (4.0 * central(1e-3) - central(2e-3)) / 3.0;
  }
  BOOST_TEST(nnwb::max_relative_error(j, numeric, 1e-6) <= 1e-7);
}

BOOST_AUTO_TEST_CASE(stable_for_logits_of_1000) {
  VectorXd a(3);
  a << 1000.0, -1000.0, 999.0;
  const VectorXd y = nnwb::softmax(a);
  BOOST_TEST(y.allFinite());
  BOOST_TEST(y.sum() == 1.0, boost::test_tools::tolerance(1e-15));
  // Shift invariance: softmax(a) = softmax(a − 1000), which is computable directly.
  VectorXd shifted(3);
  shifted << 0.0, -2000.0, -1.0;
  const VectorXd expected = shifted.array().exp() / shifted.array().exp().sum();
  BOOST_TEST(nnwb::max_relative_error(y, expected) <= 1e-15);
  const VectorXd log_y = nnwb::log_softmax(a);
  BOOST_TEST(log_y.allFinite());
  BOOST_TEST(log_y[1] == -2000.0 - std::log(1.0 + std::exp(-1.0)), boost::test_tools::tolerance(1e-14));
  BOOST_TEST(nnwb::log_sum_exp(a) == 1000.0 + std::log(1.0 + std::exp(-1.0)), boost::test_tools::tolerance(1e-15));
  BOOST_TEST(nnwb::softmax_jacobian(y).allFinite());
}

BOOST_AUTO_TEST_CASE(jacobian_entries_are_the_quotient_rule) {
  VectorXd y(3);
  y << 0.2, 0.5, 0.3;
  const MatrixXd j = nnwb::softmax_jacobian(y);
  for (Eigen::Index r = 0; r < 3; ++r)
    for (Eigen::Index c = 0; c < 3; ++c)  // PD Appendix A: y_i(δ_ij − y_j)
      BOOST_TEST(j(r, c) == y[r] * ((r == c ? 1.0 : 0.0) - y[c]), boost::test_tools::tolerance(1e-15));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(softmax_batch)

BOOST_AUTO_TEST_CASE(each_column_is_one_sample) {
  nnwb::Rng rng(9);
  const MatrixXd a = rng.uniform(4, 3, -3.0, 3.0);
  const MatrixXd y = nnwb::softmax_columns(a);
  for (Eigen::Index n = 0; n < 3; ++n) {
    const VectorXd column = a.col(n).array().exp() / a.col(n).array().exp().sum();
    BOOST_TEST(nnwb::max_relative_error(y.col(n), column) <= 1e-14);
  }
}

BOOST_AUTO_TEST_SUITE_END()
