// Levenberg–Marquardt (lib/levenberg_marquardt.hpp): a linear problem against the least-squares
// solution by QR, an exponential fit to exact data, Rosenbrock's valley written as least squares,
// steps to non-finite residuals refused, and the stopping reasons.
#include <Eigen/Eigenvalues>
#include <Eigen/QR>
#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <limits>

#include "nnwb/levenberg_marquardt.hpp"
#include "nnwb/random.hpp"

BOOST_AUTO_TEST_SUITE(levenberg_marquardt)

namespace bdata = boost::unit_test::data;
using Eigen::MatrixXd;
using Eigen::VectorXd;
using Stop = nnwb::LevenbergMarquardtResult::Stop;

namespace {

// r(θ) = θ₀ e^{θ₁ x} − t, with J by hand.
nnwb::Linearisation exponential(const VectorXd& theta, const VectorXd& x, const VectorXd& t) {
  nnwb::Linearisation l{VectorXd(x.size()), MatrixXd(x.size(), 2)};
  for (Eigen::Index i = 0; i < x.size(); ++i) {
    const double e = std::exp(theta[1] * x[i]);
    l.residuals[i] = theta[0] * e - t[i];
    l.jacobian(i, 0) = e;                     // ∂r/∂θ₀
    l.jacobian(i, 1) = theta[0] * x[i] * e;   // ∂r/∂θ₁
  }
  return l;
}

// Rosenbrock's function as least squares: r = (10(θ₁ − θ₀²), 1 − θ₀), minimum 0 at (1, 1).
nnwb::Linearisation rosenbrock(const VectorXd& theta) {
  nnwb::Linearisation l{VectorXd(2), MatrixXd(2, 2)};
  l.residuals << 10.0 * (theta[1] - theta[0] * theta[0]), 1.0 - theta[0];
  l.jacobian << -20.0 * theta[0], 10.0, -1.0, 0.0;
  return l;
}

}  // namespace

BOOST_DATA_TEST_CASE(linear_problem_reaches_least_squares, bdata::xrange(1, 6), seed) {
  nnwb::Rng rng(static_cast<std::uint64_t>(seed));
  const MatrixXd a = rng.uniform(8, 3, -1.0, 1.0);
  const VectorXd b = rng.uniform(8, 1, -1.0, 1.0);
  const auto linear = [&](const VectorXd& theta) { return nnwb::Linearisation{a * theta - b, a}; };
  const nnwb::LevenbergMarquardtResult fit = nnwb::levenberg_marquardt(linear, VectorXd::Zero(3));
  const VectorXd least_squares = a.colPivHouseholderQr().solve(b);
  // E is known only to rounding, ε·E: near θ* a step that lowers E by less cannot be told from one
  // that raises it, so θ is found to about √(ε E / λ_min), not to ε.
  const double smallest_curvature = (a.transpose() * a).selfadjointView<Eigen::Lower>().eigenvalues().minCoeff();
  BOOST_TEST((fit.theta - least_squares).norm() <= 1e-7 / std::sqrt(smallest_curvature));
  BOOST_TEST(fit.error == 0.5 * (a * least_squares - b).squaredNorm(), boost::test_tools::tolerance(1e-14));
  BOOST_TEST((fit.gradient - a.transpose() * (a * fit.theta - b)).norm() <= 1e-14);
  BOOST_TEST((fit.stop != Stop::iterations));
}

BOOST_AUTO_TEST_CASE(exponential_fit_to_exact_data) {
  VectorXd x = VectorXd::LinSpaced(20, 0.0, 2.0), t(20);
  for (Eigen::Index i = 0; i < 20; ++i) t[i] = 2.0 * std::exp(-1.5 * x[i]);  // θ = (2, −1.5)
  const auto problem = [&](const VectorXd& theta) { return exponential(theta, x, t); };
  const nnwb::LevenbergMarquardtResult fit = nnwb::levenberg_marquardt(problem, VectorXd::Ones(2));
  BOOST_TEST(fit.theta[0] == 2.0, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(fit.theta[1] == -1.5, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(fit.error <= 1e-20);
  BOOST_TEST(fit.iterations < 100);
}

BOOST_AUTO_TEST_CASE(rosenbrock_valley) {
  const nnwb::LevenbergMarquardtResult fit = nnwb::levenberg_marquardt(rosenbrock, Eigen::Vector2d(-1.2, 1.0));
  BOOST_TEST(std::abs(fit.theta[0] - 1.0) <= 1e-8);
  BOOST_TEST(std::abs(fit.theta[1] - 1.0) <= 1e-8);
  BOOST_TEST(fit.gradient.lpNorm<Eigen::Infinity>() <= 1e-12);
  BOOST_TEST((fit.stop == Stop::gradient || fit.stop == Stop::step));
}

BOOST_AUTO_TEST_CASE(never_steps_to_non_finite_residuals_and_never_raises_the_error) {
  // The exponential fit, but residuals are NaN wherever θ₁ > 0, just beside the start.
  VectorXd x = VectorXd::LinSpaced(10, 0.0, 1.0), t(10);
  for (Eigen::Index i = 0; i < 10; ++i) t[i] = std::exp(-x[i]);  // θ = (1, −1)
  int evaluations = 0;
  const auto problem = [&](const VectorXd& theta) {
    ++evaluations;
    nnwb::Linearisation l = exponential(theta, x, t);
    if (theta[1] > 0) l.residuals.setConstant(std::numeric_limits<double>::quiet_NaN());
    return l;
  };
  nnwb::LevenbergMarquardtOptions options;
  options.initial_damping = 1e-8;  // bold first steps, so some land where r is NaN
  const nnwb::LevenbergMarquardtResult fit = nnwb::levenberg_marquardt(problem, Eigen::Vector2d(3.0, -0.01), options);
  BOOST_TEST(std::isfinite(fit.error));
  BOOST_TEST(fit.theta[1] <= 0.0);
  BOOST_TEST(fit.theta[0] == 1.0, boost::test_tools::tolerance(1e-8));
  BOOST_TEST(fit.theta[1] == -1.0, boost::test_tools::tolerance(1e-8));
  BOOST_TEST(evaluations == fit.iterations + 1);  // one evaluation per step tried, and the start
}

BOOST_AUTO_TEST_CASE(stops_after_max_iterations) {
  nnwb::LevenbergMarquardtOptions options;
  options.max_iterations = 3;
  const VectorXd start = Eigen::Vector2d(-1.2, 1.0);
  const nnwb::LevenbergMarquardtResult fit = nnwb::levenberg_marquardt(rosenbrock, start, options);
  BOOST_TEST(fit.iterations == 3);
  BOOST_TEST((fit.stop == Stop::iterations));
  BOOST_TEST(fit.error < 0.5 * rosenbrock(start).residuals.squaredNorm());  // each taken step lowers E
}

BOOST_AUTO_TEST_SUITE_END()
