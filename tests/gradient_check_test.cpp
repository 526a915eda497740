// The finite-difference checker (lib/gradient_check.hpp): central differences are O(ε²), forward
// differences O(ε), against known derivatives; relative error's definition.
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "nnwb/gradient_check.hpp"

BOOST_AUTO_TEST_SUITE(gradient_check)

BOOST_AUTO_TEST_CASE(orders_of_the_two_differences) {
  const auto f = [](double x) { return std::sin(x); };
  const double x = 0.7, exact = std::cos(0.7);
  const double fwd1 = std::abs(nnwb::numerical_derivative(f, x, 1e-2, nnwb::Difference::forward) - exact);
  const double fwd2 = std::abs(nnwb::numerical_derivative(f, x, 1e-3, nnwb::Difference::forward) - exact);
  const double cen1 = std::abs(nnwb::numerical_derivative(f, x, 1e-2) - exact);
  const double cen2 = std::abs(nnwb::numerical_derivative(f, x, 1e-3) - exact);
  BOOST_TEST(fwd1 / fwd2 == 10.0, boost::test_tools::tolerance(0.05));   // O(ε): ε/10 → error/10
  BOOST_TEST(cen1 / cen2 == 100.0, boost::test_tools::tolerance(0.05));  // O(ε²): ε/10 → error/100
  // Central difference with the default step meets the project's bar on a smooth function.
  BOOST_TEST(nnwb::relative_error(nnwb::numerical_derivative(f, x), exact) <= 1e-9);
}

BOOST_AUTO_TEST_CASE(gradient_of_a_quadratic_form) {
  // f(θ) = θᵀAθ/2 with symmetric A has ∇f = Aθ, exactly representable.
  Eigen::Matrix3d a;
  a << 2, 1, 0, 1, 3, -1, 0, -1, 4;
  Eigen::VectorXd theta(3);
  theta << 0.5, -1.0, 2.0;
  const auto f = [&](const Eigen::VectorXd& t) { return 0.5 * t.dot(a * t); };
  const Eigen::VectorXd g = nnwb::numerical_gradient(f, theta);
  BOOST_TEST(nnwb::max_relative_error(g, a * theta) <= 1e-9);
  // The matrix form perturbs in place and restores every entry.
  Eigen::MatrixXd m = theta;
  const Eigen::MatrixXd before = m;
  nnwb::numerical_gradient([&] { return f(m); }, m);
  BOOST_TEST((m == before));
}

BOOST_AUTO_TEST_CASE(relative_error_definition) {
  BOOST_TEST(nnwb::relative_error(1.0, 1.1) == 0.1 / 1.1, boost::test_tools::tolerance(1e-14));
  BOOST_TEST(nnwb::relative_error(-2.0, 2.0) == 2.0);
  BOOST_TEST(nnwb::relative_error(1e-12, 3e-12) == 2e-12, boost::test_tools::tolerance(1e-9));  // absolute near 0
  BOOST_TEST(nnwb::relative_error(0.0, 0.0) == 0.0);
  BOOST_TEST(std::isinf(nnwb::relative_error(1.0, std::nan(""))));  // a NaN never agrees
  BOOST_TEST(std::isinf(nnwb::max_relative_error(Eigen::Vector2d(1.0, 2.0), Eigen::Vector2d(1.0, std::nan("")))));
  BOOST_TEST(nnwb::relative_error(INFINITY, INFINITY) == 0.0);
  BOOST_CHECK_THROW(nnwb::max_relative_error(Eigen::MatrixXd(2, 1), Eigen::MatrixXd(1, 2)), std::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()
