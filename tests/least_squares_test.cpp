// The linear network (lib/least_squares.hpp): least squares against the normal equations solved
// another way (LU of XᵀX), the SSE and SAE gradients against central differences, gradient descent
// converging to the least-squares W at the predicted rate, and the refusal of rank-deficient X.
#include "nnwb/least_squares.hpp"

#include <Eigen/Eigenvalues>
#include <Eigen/LU>
#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <stdexcept>

#include "nnwb/gradient_check.hpp"
#include "nnwb/random.hpp"

BOOST_AUTO_TEST_SUITE(least_squares)

namespace bdata = boost::unit_test::data;
using Eigen::MatrixXd;

namespace {

struct Problem {
  MatrixXd x, d;
};

// N samples, n inputs, m outputs: X = [1 | uniform inputs], D uniform.
Problem problem(std::uint64_t seed) {
  nnwb::Rng rng(seed);
  const Eigen::Index n_samples = 6 + static_cast<Eigen::Index>(seed % 4), n = 1 + static_cast<Eigen::Index>(seed % 3),
                     m = 1 + static_cast<Eigen::Index>(seed % 2);
  return {nnwb::with_bias_column(rng.uniform(n_samples, n, -1, 1)), rng.uniform(n_samples, m, -1, 1)};
}

}  // namespace

BOOST_AUTO_TEST_CASE(bias_column_comes_first) {
  MatrixXd inputs(2, 2);
  inputs << 3, 4, 5, 6;
  MatrixXd expected(2, 3);
  expected << 1, 3, 4, 1, 5, 6;
  BOOST_TEST((nnwb::with_bias_column(inputs) == expected));
}

BOOST_DATA_TEST_CASE(solves_the_normal_equations, bdata::xrange(1, 9), seed) {
  const Problem p = problem(static_cast<std::uint64_t>(seed));
  const MatrixXd xtx = p.x.transpose() * p.x, xtd = p.x.transpose() * p.d;
  const MatrixXd by_lu = xtx.fullPivLu().solve(xtd);  // W = (XᵀX)⁻¹XᵀD, another way
  const MatrixXd w = nnwb::least_squares(p.x, p.d);
  BOOST_TEST(w.rows() == p.x.cols());
  BOOST_TEST(w.cols() == p.d.cols());
  BOOST_TEST((w - by_lu).norm() <= 1e-10 * (1 + by_lu.norm()));
  BOOST_TEST((nnwb::normal_equations_solve(p.x, p.d) - by_lu).norm() <= 1e-10 * (1 + by_lu.norm()));
  BOOST_TEST(nnwb::linear_sse_gradient(p.x, w, p.d).norm() <= 1e-12);
  // Any other W does worse.
  nnwb::Rng rng(static_cast<std::uint64_t>(seed) + 100);
  const MatrixXd other = w + 0.01 * rng.uniform(w.rows(), w.cols(), -1, 1);
  BOOST_TEST(nnwb::linear_sse(p.x, other, p.d) > nnwb::linear_sse(p.x, w, p.d));
}

BOOST_AUTO_TEST_CASE(exact_fit_on_a_line) {
  // d = 1 + 2x exactly: W = (1, 2), SSE = SAE = 0.
  MatrixXd inputs(3, 1), d(3, 1);
  inputs << 0, 1, 2;
  d << 1, 3, 5;
  const MatrixXd x = nnwb::with_bias_column(inputs), w = nnwb::least_squares(x, d);
  BOOST_TEST(w(0, 0) == 1.0, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(w(1, 0) == 2.0, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(nnwb::linear_sae(x, w, d) <= 1e-12);
}

BOOST_DATA_TEST_CASE(gradients_match_central_differences, bdata::xrange(1, 9), seed) {
  const Problem p = problem(static_cast<std::uint64_t>(seed));
  nnwb::Rng rng(static_cast<std::uint64_t>(seed) + 7);
  MatrixXd w = rng.uniform(p.x.cols(), p.d.cols(), -1, 1);
  const MatrixXd sse_grad = nnwb::linear_sse_gradient(p.x, w, p.d);
  const MatrixXd sae_grad = nnwb::linear_sae_gradient(p.x, w, p.d);
  const MatrixXd &x = p.x, &d = p.d;
  const MatrixXd sse_numeric = nnwb::numerical_gradient([&x, &w, &d] { return nnwb::linear_sse(x, w, d); }, w);
  const MatrixXd sae_numeric = nnwb::numerical_gradient([&x, &w, &d] { return nnwb::linear_sae(x, w, d); }, w);
  BOOST_TEST(nnwb::max_relative_error(sse_grad, sse_numeric) <= 1e-7);
  BOOST_TEST(nnwb::max_relative_error(sae_grad, sae_numeric) <= 1e-7);  // no residual is 0 at random W
  // By hand, entry by entry: ∂E_SSE/∂w_ij = −Σ_p (d_pj − y_pj) x_pi.
  const MatrixXd y = nnwb::linear_output(p.x, w);
  for (Eigen::Index i = 0; i < w.rows(); ++i)
    for (Eigen::Index j = 0; j < w.cols(); ++j) {
      double g = 0;
      for (Eigen::Index s = 0; s < p.x.rows(); ++s) g -= (p.d(s, j) - y(s, j)) * p.x(s, i);
      BOOST_TEST(sse_grad(i, j) == g, boost::test_tools::tolerance(1e-12));
    }
}

BOOST_DATA_TEST_CASE(gradient_descent_converges_at_the_predicted_rate, bdata::xrange(1, 9), seed) {
  const Problem p = problem(static_cast<std::uint64_t>(seed));
  const Eigen::VectorXd lambda = nnwb::sse_curvatures(p.x);
  const MatrixXd xtx = p.x.transpose() * p.x;
  BOOST_TEST(lambda.maxCoeff() == xtx.eigenvalues().real().maxCoeff(), boost::test_tools::tolerance(1e-10));
  const double alpha = 1.0 / lambda.maxCoeff();
  const double q = nnwb::linear_gd_contraction(p.x, alpha);
  BOOST_TEST(q == 1 - lambda.minCoeff() / lambda.maxCoeff(), boost::test_tools::tolerance(1e-10));
  const MatrixXd w_star = nnwb::least_squares(p.x, p.d);
  MatrixXd w = MatrixXd::Zero(w_star.rows(), w_star.cols());
  double distance = (w - w_star).norm();
  for (int t = 0; t < 20; ++t) {
    const MatrixXd next = nnwb::linear_gd_step(p.x, w, p.d, alpha);
    BOOST_TEST((next - (w - alpha * nnwb::linear_sse_gradient(p.x, w, p.d))).norm() <= 1e-14);
    w = next;
    const double now = (w - w_star).norm();
    BOOST_TEST(now <= q * distance * (1 + 1e-12) + 1e-15);
    distance = now;
  }
}

BOOST_AUTO_TEST_CASE(refuses_rank_deficient_and_misshapen_input) {
  MatrixXd inputs(4, 2), d = MatrixXd::Ones(4, 1);
  inputs << 1, 2, 2, 4, 3, 6, 4, 8;  // the second input is twice the first
  const MatrixXd x = nnwb::with_bias_column(inputs);
  BOOST_CHECK_THROW(nnwb::least_squares(x, d), std::invalid_argument);
  BOOST_CHECK_THROW(nnwb::least_squares(x, MatrixXd::Ones(3, 1)), std::invalid_argument);
  BOOST_CHECK_THROW(nnwb::linear_sse(x, MatrixXd::Zero(2, 1), d), std::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()
