// The hyperplane geometry of lib/math/include/nnwb/hyperplane.hpp on hand-worked cases (PD "Hyperplane
// geometry: orientation", "…: bias"), and its gradients against central differences.
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "nnwb/gradient_check.hpp"
#include "nnwb/hyperplane.hpp"

BOOST_AUTO_TEST_SUITE(hyperplane)

BOOST_AUTO_TEST_CASE(the_3_4_5_example) {
  const Eigen::VectorXd w = Eigen::Vector2d(3, 4);  // ‖w‖ = 5
  const auto tol = boost::test_tools::tolerance(1e-14);
  BOOST_TEST(nnwb::direction_cosines(w)[0] == 0.6, tol);
  BOOST_TEST(nnwb::direction_cosines(w)[1] == 0.8, tol);
  BOOST_TEST(nnwb::hyperplane_distance(w, -10) == 2.0, tol);  // −(−10)/5
  BOOST_TEST(nnwb::hyperplane_closest_point(w, -10)[0] == 1.2, tol);
  BOOST_TEST(nnwb::hyperplane_closest_point(w, -10)[1] == 1.6, tol);
  BOOST_TEST(nnwb::signed_distance(w, -10, Eigen::Vector2d(2, 3)) == 1.6, tol);   // (6 + 12 − 10)/5
  BOOST_TEST(nnwb::signed_distance(w, -10, Eigen::Vector2d(1, 1)) == -0.6, tol);  // (3 + 4 − 10)/5
  const Eigen::VectorXd foot = nnwb::hyperplane_foot(w, -10, Eigen::Vector2d(2, 3));
  BOOST_TEST(w.dot(foot) - 10 == 0.0, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(nnwb::hyperplane_distance_gradient_b(w) == -0.2, tol);
}

BOOST_AUTO_TEST_CASE(a_line_crossing_a_box) {
  // x₁ + x₂ − 1 = 0 in [−2, 2]²: it enters at (−1, 2) and leaves at (2, −1); both satisfy the line.
  const auto seg = nnwb::line_in_box(Eigen::Vector2d(1, 1), -1, {-2, 2}, {-2, 2});
  BOOST_REQUIRE(seg.has_value());
  for (const Eigen::Vector2d& p : {seg->first, seg->second}) {
    BOOST_TEST(p.x() + p.y() - 1 == 0.0, boost::test_tools::tolerance(1e-12));
    BOOST_TEST((std::abs(p.x()) == 2.0 || std::abs(p.y()) == 2.0));  // on the box's edge
  }
  BOOST_TEST((seg->first - seg->second).norm() == 3 * std::sqrt(2.0), boost::test_tools::tolerance(1e-12));
  // A vertical line x₁ = 0.5, and a horizontal one x₂ = −1: the full height / width of the box.
  const auto vertical = nnwb::line_in_box(Eigen::Vector2d(2, 0), -1, {-2, 2}, {-3, 3});
  BOOST_REQUIRE(vertical.has_value());
  BOOST_TEST((vertical->first - vertical->second).norm() == 6.0, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(vertical->first.x() == 0.5);
  const auto horizontal = nnwb::line_in_box(Eigen::Vector2d(0, 1), 1, {-2, 2}, {-3, 3});
  BOOST_REQUIRE(horizontal.has_value());
  BOOST_TEST((horizontal->first - horizontal->second).norm() == 4.0, boost::test_tools::tolerance(1e-12));
  // Missing the box, and no line at all.
  BOOST_TEST(!nnwb::line_in_box(Eigen::Vector2d(1, 1), -10, {-2, 2}, {-2, 2}).has_value());
  BOOST_TEST(!nnwb::line_in_box(Eigen::Vector2d(0, 0), 1, {-2, 2}, {-2, 2}).has_value());
}

BOOST_AUTO_TEST_CASE(scaling) {
  const Eigen::VectorXd w = Eigen::Vector3d(2, 3, 6);  // ‖w‖ = 7
  const double b = 14;
  const auto tol = boost::test_tools::tolerance(1e-14);
  BOOST_TEST(nnwb::hyperplane_distance(w, b) == -2.0, tol);
  BOOST_TEST(nnwb::hyperplane_distance(2.5 * w, 2.5 * b) == -2.0, tol);
  BOOST_TEST(nnwb::hyperplane_distance(-3.0 * w, -3.0 * b) == 2.0, tol);
  BOOST_TEST((nnwb::direction_cosines(-3.0 * w) + nnwb::direction_cosines(w)).norm() <= 1e-15);
  BOOST_TEST((nnwb::hyperplane_closest_point(-3.0 * w, -3.0 * b) - nnwb::hyperplane_closest_point(w, b)).norm() <= 1e-14);
  BOOST_CHECK_THROW(nnwb::hyperplane_distance(Eigen::Vector2d(0, 0), 1.0), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(gradients_match_central_differences) {
  const Eigen::VectorXd w = Eigen::Vector3d(1.5, -2, 0.5);
  const double b = 0.7;
  const Eigen::VectorXd x = Eigen::Vector3d(0.3, 1, -2);
  for (Eigen::Index i = 0; i < 3; ++i) {
    const auto cos_i = [i](const Eigen::VectorXd& v) { return nnwb::direction_cosines(v)[i]; };
    BOOST_TEST((nnwb::direction_cosine_gradient(w, i) - nnwb::numerical_gradient(cos_i, w)).norm() <= 1e-8);
    BOOST_TEST(std::abs(w.dot(nnwb::direction_cosine_gradient(w, i))) <= 1e-14);  // ⟂ w
  }
  const auto d_of_w = [b](const Eigen::VectorXd& v) { return nnwb::hyperplane_distance(v, b); };
  BOOST_TEST((nnwb::hyperplane_distance_gradient_w(w, b) - nnwb::numerical_gradient(d_of_w, w)).norm() <= 1e-8);
  const auto r_of_x = [&](const Eigen::VectorXd& p) { return nnwb::signed_distance(w, b, p); };
  BOOST_TEST((nnwb::signed_distance_gradient_x(w) - nnwb::numerical_gradient(r_of_x, x)).norm() <= 1e-8);
}

BOOST_AUTO_TEST_SUITE_END()
