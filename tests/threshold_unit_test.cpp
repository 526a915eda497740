// BMB's threshold units (lib/math/include/nnwb/threshold_unit.hpp) on hand-worked cases: the −1 bias
// input, g(0) = 0, the Boolean inputs in counting order, implements() with and without a margin.
#include <boost/test/unit_test.hpp>

#include "nnwb/threshold_unit.hpp"

BOOST_AUTO_TEST_SUITE(threshold_unit)

BOOST_AUTO_TEST_CASE(bias_input_is_minus_one) {
  const Eigen::VectorXd x = nnwb::bias_minus_one_input(Eigen::Vector2d(0, 1));
  BOOST_TEST((x == Eigen::Vector3d(-1, 0, 1)));
  // AND, W = (1.5, 1, 1): in(1, 1) = −1.5 + 1 + 1 = 0.5 → 1; in(1, 0) = −0.5 → 0.
  const Eigen::VectorXd W = Eigen::Vector3d(1.5, 1, 1);
  BOOST_TEST(nnwb::threshold_unit_input(W, Eigen::Vector2d(1, 1)) == 0.5);
  BOOST_TEST(nnwb::threshold_unit(W, Eigen::Vector2d(1, 1)) == 1.0);
  BOOST_TEST(nnwb::threshold_unit(W, Eigen::Vector2d(1, 0)) == 0.0);
  // On the threshold: W = (2, 1, 1) at (1, 1) gives in = 0 and g(0) = 0.
  BOOST_TEST(nnwb::threshold_unit(Eigen::Vector3d(2, 1, 1), Eigen::Vector2d(1, 1)) == 0.0);
  BOOST_CHECK_THROW(nnwb::threshold_unit(W, Eigen::Vector3d(1, 1, 1)), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(boolean_inputs_count_in_binary) {
  Eigen::MatrixXd expected(4, 2);
  expected << 0, 0, 0, 1, 1, 0, 1, 1;
  BOOST_TEST((nnwb::boolean_inputs(2) == expected));
  const Eigen::MatrixXd X3 = nnwb::boolean_inputs(3);
  BOOST_TEST(X3.rows() == 8);
  BOOST_TEST((X3.row(6) == Eigen::RowVector3d(1, 1, 0)));  // 6 = 110₂
}

BOOST_AUTO_TEST_CASE(implements_checks_every_row) {
  const Eigen::MatrixXd X = nnwb::boolean_inputs(2);
  const Eigen::VectorXd and_t = Eigen::Vector4d(0, 0, 0, 1), or_t = Eigen::Vector4d(0, 1, 1, 1);
  BOOST_TEST(nnwb::implements(Eigen::Vector3d(1.5, 1, 1), X, and_t));
  BOOST_TEST(!nnwb::implements(Eigen::Vector3d(1.5, 1, 1), X, or_t));
  BOOST_TEST(nnwb::implements(Eigen::Vector3d(0.5, 1, 1), X, or_t, 0.5));
  BOOST_TEST(!nnwb::implements(Eigen::Vector3d(0.5, 1, 1), X, or_t, 0.6));  // margin too large
  BOOST_TEST((nnwb::threshold_unit_outputs(Eigen::Vector3d(0.5, 1, 1), X) == or_t));
}

BOOST_AUTO_TEST_SUITE_END()
