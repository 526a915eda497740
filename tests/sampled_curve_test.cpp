// Sampled curves (lib/sampled_curve.hpp): the grid's ends and spacing, an exact 0 in the middle of a
// symmetric range, the values, and the errors.
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <stdexcept>

#include "nnwb/sampled_curve.hpp"

BOOST_AUTO_TEST_SUITE(sampled_curve)

BOOST_AUTO_TEST_CASE(evenly_spaced_includes_both_ends_and_an_exact_zero) {
  const auto x = nnwb::evenly_spaced({-5.0, 5.0}, 401);
  BOOST_TEST(x.size() == 401u);
  BOOST_TEST(x.front() == -5.0);
  BOOST_TEST(x.back() == 5.0);
  BOOST_TEST(x[200] == 0.0);  // exactly: ReLU's kink must fall on a grid point
  for (std::size_t i = 1; i < x.size(); ++i) BOOST_TEST(std::abs((x[i] - x[i - 1]) - 0.025) < 1e-12);
  const auto y = nnwb::evenly_spaced({0.1, 0.7}, 7);  // steps of 0.1 that binary cannot hold exactly
  BOOST_TEST(y.back() == 0.7);
  BOOST_TEST(std::abs(y[3] - 0.4) < 1e-15);
}

BOOST_AUTO_TEST_CASE(sample_curve_evaluates_the_function_at_each_point) {
  const nnwb::Curve c = nnwb::sample_curve("a²", [](double a) { return a * a; }, {-1.0, 2.0}, 31);
  BOOST_TEST(c.title == "a²");
  BOOST_TEST(c.x.size() == c.y.size());
  BOOST_TEST(c.x.size() == 31u);
  for (std::size_t i = 0; i < c.x.size(); ++i) BOOST_TEST(c.y[i] == c.x[i] * c.x[i]);
  BOOST_TEST((c.style == nnwb::Curve::Style::lines));
}

BOOST_AUTO_TEST_CASE(bad_grids_throw) {
  BOOST_CHECK_THROW(nnwb::evenly_spaced({0.0, 1.0}, 1), std::invalid_argument);
  BOOST_CHECK_THROW(nnwb::evenly_spaced({1.0, 1.0}, 5), std::invalid_argument);
  BOOST_CHECK_THROW(nnwb::evenly_spaced({2.0, 1.0}, 5), std::invalid_argument);
  BOOST_CHECK_THROW(nnwb::evenly_spaced({0.0, INFINITY}, 5), std::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()
