// PrairieLearn's comparison modes (lib/tolerance.cpp), at the edges. The intervals are worked out by
// hand from PrairieLearn's definitions (tolerance.hpp quotes them), on numbers whose bounds are
// exact in binary where an edge is tested exactly.
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <limits>

#include "nnwb/tolerance.hpp"

BOOST_AUTO_TEST_SUITE(tolerance)

using nnwb::accepted_interval;
using nnwb::accepts;
using nnwb::Tolerance;

BOOST_AUTO_TEST_CASE(relabs_is_numpy_allclose_with_a_closed_interval) {
  // |x − t| ≤ atol + rtol·|t| = 0.5 + 0.25·4 = 1.5 around t = 4: [2.5, 5.5], both ends exact.
  const Tolerance t = Tolerance::relabs(0.25, 0.5);
  BOOST_TEST(accepts(t, 4, 5.5));
  BOOST_TEST(accepts(t, 4, 2.5));
  BOOST_TEST(!accepts(t, 4, std::nextafter(5.5, 6.0)));
  BOOST_TEST(!accepts(t, 4, std::nextafter(2.5, 2.0)));
  // The relative part scales with |t|, for a negative t too: t = −8 → ε = 0.5 + 2 = 2.5.
  BOOST_TEST(accepts(t, -8, -10.5));
  BOOST_TEST(!accepts(t, -8, std::nextafter(-10.5, -11.0)));
  // atol alone near zero.
  BOOST_TEST(accepts(Tolerance::relabs(0.01, 0.25), 0, 0.25));
  BOOST_TEST(!accepts(Tolerance::relabs(0.01, 0.25), 0, 0.2500001));
  const auto interval = accepted_interval(4, t);
  BOOST_TEST(interval.closed);
  BOOST_TEST(interval.lo == 2.5);
  BOOST_TEST(interval.hi == 5.5);
}

BOOST_AUTO_TEST_CASE(sigfig_accepts_within_0_51_units_of_the_last_digit_open) {
  // t = 0.7311 to 3 significant figures: n = 3 − 1 − ⌊log₁₀ 0.7311⌋ = 3, ε = 0.51·10⁻³ = 0.00051.
  const Tolerance t = Tolerance::sigfig(3);
  BOOST_TEST(accepts(t, 0.7311, 0.731));   // the answer rounded to 3 figures
  BOOST_TEST(accepts(t, 0.7311, 0.7311 + 0.000509));
  BOOST_TEST(!accepts(t, 0.7311, 0.7311 + 0.000511));
  BOOST_TEST(accepts(t, 0.7311, 0.7311 - 0.000509));
  BOOST_TEST(!accepts(t, 0.7311, 0.7311 - 0.000511));
  BOOST_TEST(!accepts(t, 0.7311, 0.73));   // 2 figures are not enough
  // A larger number: t = 123.4, n = 3 − 1 − 2 = 0, ε = 0.51.
  BOOST_TEST(accepts(t, 123.4, 123.909));
  BOOST_TEST(!accepts(t, 123.4, 123.911));
  // t = 0: n = digits − 1 = 2, ε = 0.0051.
  BOOST_TEST(accepts(t, 0, 0.00509));
  BOOST_TEST(!accepts(t, 0, 0.00511));
  // Open: the edge itself is refused. ε = 0.51·10⁰ with t = 100 and 1 figure → n = −2, ε = 51.
  BOOST_TEST(!accepts(Tolerance::sigfig(1), 100, 151));
  BOOST_TEST(accepts(Tolerance::sigfig(1), 100, 150.9));
  BOOST_TEST(!accepted_interval(0.7311, t).closed);
}

BOOST_AUTO_TEST_CASE(decdig_accepts_within_0_51_units_of_the_last_decimal_open) {
  // 2 digits after the point: ε = 0.0051, whatever t is.
  const Tolerance t = Tolerance::decdig(2);
  BOOST_TEST(accepts(t, 12.345, 12.35));
  BOOST_TEST(accepts(t, 12.345, 12.345 + 0.00509));
  BOOST_TEST(!accepts(t, 12.345, 12.345 + 0.00511));
  BOOST_TEST(accepts(t, -0.001, 0.004));
  BOOST_TEST(!accepts(t, -0.001, 0.0042));
  // 0 digits: ε = 0.51, open at 0.51 exactly (t = 0: bounds ±0.51).
  BOOST_TEST(accepts(Tolerance::decdig(0), 0, 0.5));
  BOOST_TEST(!accepts(Tolerance::decdig(0), 0, 0.51));
}

BOOST_AUTO_TEST_CASE(nan_and_infinity_are_never_accepted_for_a_finite_answer) {
  const double inf = std::numeric_limits<double>::infinity();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (const Tolerance& t : {Tolerance::relabs(1, 1), Tolerance::sigfig(1), Tolerance::decdig(0)}) {
    BOOST_TEST(!accepts(t, 1, nan));
    BOOST_TEST(!accepts(t, 1, inf));
    BOOST_TEST(!accepts(t, 1, -inf));
  }
}

BOOST_AUTO_TEST_CASE(an_infinite_answer_accepts_itself_and_nan_accepts_nan_as_prairielearn_does) {
  // grading_utils.py: sigfig and decdig return a_sub == a_tru for an infinite a_tru and isnan(a_sub)
  // for a NaN one; relabs is numpy's allclose, for which equal infinities are close and NaN never is.
  const double inf = std::numeric_limits<double>::infinity();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (const Tolerance& t : {Tolerance::relabs(0.01), Tolerance::sigfig(3), Tolerance::decdig(2)}) {
    BOOST_TEST(accepts(t, inf, inf));
    BOOST_TEST(accepts(t, -inf, -inf));
    BOOST_TEST(!accepts(t, inf, -inf));
    BOOST_TEST(!accepts(t, inf, 1e308));
    BOOST_TEST(!accepts(t, inf, nan));
  }
  BOOST_TEST(accepts(Tolerance::sigfig(3), nan, nan));
  BOOST_TEST(accepts(Tolerance::decdig(2), nan, nan));
  BOOST_TEST(!accepts(Tolerance::relabs(0.01), nan, nan));
  BOOST_TEST(!accepts(Tolerance::sigfig(3), nan, 0));
}

BOOST_AUTO_TEST_CASE(relabs_edges_are_numpy_s_to_the_last_bit) {
  // numpy computes |x − t| ≤ atol + rtol·|t| one rounded operation at a time. With t = 0.1 and
  // rtol = 0.1, atol = 0: the bound is fl(0.1·0.1); the edge is wherever fl(x − 0.1) crosses it, and
  // a fused multiply-add (one rounding for rtol·|t| + atol) would move it.
  const Tolerance t = Tolerance::relabs(0.1, 0);
  const double bound = 0.1 * 0.1;
  const auto interval = accepted_interval(0.1, t);
  BOOST_TEST(accepts(t, 0.1, interval.hi));
  BOOST_TEST(!accepts(t, 0.1, std::nextafter(interval.hi, 1.0)));
  BOOST_TEST(accepts(t, 0.1, interval.lo));
  BOOST_TEST(!accepts(t, 0.1, std::nextafter(interval.lo, 0.0)));
  BOOST_TEST(std::abs(interval.hi - 0.1) <= bound);
  BOOST_TEST(std::abs(std::nextafter(interval.hi, 1.0) - 0.1) > bound);
  // Zero, a negative, a huge and a subnormal true value: the edges, and the doubles either side.
  for (const double truth : {0.0, -3.25, 1e300, -1e300, 4.9e-324, 2.5e-310}) {
    for (const Tolerance& tol : {Tolerance::relabs(0.01), Tolerance::relabs(0.25, 0.5), Tolerance::relabs(1e-3, 0)}) {
      BOOST_TEST_CONTEXT("t = " << truth << ", rtol " << tol.rtol << ", atol " << tol.atol) {
        const auto i = accepted_interval(truth, tol);
        const double width = tol.atol + tol.rtol * std::abs(truth);
        BOOST_TEST(accepts(tol, truth, truth));
        for (const double end : {i.lo, i.hi}) BOOST_TEST(std::abs(end - truth) <= width);
        if (i.hi < std::numeric_limits<double>::max()) BOOST_TEST(!(std::abs(std::nextafter(i.hi, INFINITY) - truth) <= width));
        if (i.lo > -std::numeric_limits<double>::max()) BOOST_TEST(!(std::abs(std::nextafter(i.lo, -INFINITY) - truth) <= width));
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(sigfig_and_decdig_edges_are_open_at_t_plus_and_minus_epsilon) {
  // The edges are the doubles t − ε and t + ε themselves (refused); the next doubles inward are accepted.
  struct Case {
    double truth;
    Tolerance tolerance;
    double eps;  // 0.51·10⁻ⁿ, by hand
  };
  const std::vector<Case> cases = {{0.7311, Tolerance::sigfig(3), 0.51e-3}, {-0.7311, Tolerance::sigfig(3), 0.51e-3},
                                   {0.0, Tolerance::sigfig(3), 0.51e-2},    {1e300, Tolerance::sigfig(2), 0.51 * 1e299},
                                   {-123.4, Tolerance::sigfig(3), 0.51},   {2.5e-310, Tolerance::sigfig(2), 0.51e-311},
                                   {12.345, Tolerance::decdig(2), 0.51e-2}, {-1e6, Tolerance::decdig(0), 0.51},
                                   {0.0, Tolerance::decdig(3), 0.51e-3}};
  for (const Case& c : cases) {
    BOOST_TEST_CONTEXT("t = " << c.truth << ", " << describe(c.tolerance)) {
      const double lower = c.truth - c.eps, upper = c.truth + c.eps;
      BOOST_TEST(!accepts(c.tolerance, c.truth, lower));
      BOOST_TEST(!accepts(c.tolerance, c.truth, upper));
      BOOST_TEST(accepts(c.tolerance, c.truth, std::nextafter(lower, INFINITY)));
      BOOST_TEST(accepts(c.tolerance, c.truth, std::nextafter(upper, -INFINITY)));
      BOOST_TEST(!accepts(c.tolerance, c.truth, std::nextafter(lower, -INFINITY)));
      BOOST_TEST(!accepts(c.tolerance, c.truth, std::nextafter(upper, INFINITY)));
      const auto i = accepted_interval(c.truth, c.tolerance);
      BOOST_TEST(!i.closed);
      BOOST_TEST(i.lo == lower);
      BOOST_TEST(i.hi == upper);
    }
  }
  // The smallest subnormal to 3 figures: n = 326, 10⁻³²⁶ underflows to 0, ε = 0: nothing is
  // accepted, not even t, exactly as PrairieLearn (which is why the grader never asks it of a key
  // that is zero up to round-off: see graded_value).
  BOOST_TEST(!accepts(Tolerance::sigfig(3), 4.9e-324, 4.9e-324));
}

BOOST_AUTO_TEST_CASE(the_printed_interval_keeps_its_promises) {
  // The example: t = 940.596516 with half-width 0.0128 was printed [940.58, 940.61], and
  // 940.61 was refused. Closed ends are now rounded inward, open ends outward.
  const Tolerance t = Tolerance::relabs(0, 0.0128);
  const std::string text = describe(accepted_interval(940.596516, t));
  BOOST_TEST(text == "[940.5838, 940.6093]");
  BOOST_TEST(accepts(t, 940.596516, 940.5838));
  BOOST_TEST(accepts(t, 940.596516, 940.6093));
  // An open interval: n = 3 − 1 − ⌊log₁₀ 0.0636⌋ = 4, ε = 0.000051; its printed ends are refused.
  const std::string open = describe(accepted_interval(-0.0636, Tolerance::sigfig(3)));
  BOOST_TEST(open == "(-0.063651, -0.063549)");
  BOOST_TEST(!accepts(Tolerance::sigfig(3), -0.0636, -0.063651));
  BOOST_TEST(!accepts(Tolerance::sigfig(3), -0.0636, -0.063549));
  // "yours −8" beside "[−8.00000001, −7.99999999]" looked inside: a refused answer is printed with
  // the digits that put it outside the printed interval, whose ends are accepted.
  const Tolerance tight = Tolerance::relabs(0, 1e-8);
  const double yours = -8.00000001000001;
  BOOST_TEST(!accepts(tight, -8, yours));
  const nnwb::ShownAnswer shown = nnwb::describe_with(accepted_interval(-8, tight), yours);
  const auto comma = shown.interval.find(", ");
  const double lo = std::stod(shown.interval.substr(1, comma - 1));
  const double hi = std::stod(shown.interval.substr(comma + 2, shown.interval.size() - comma - 3));
  BOOST_TEST(accepts(tight, -8, lo));
  BOOST_TEST(accepts(tight, -8, hi));
  BOOST_TEST(std::stod(shown.submitted) < lo, shown.submitted << " beside " << shown.interval);
  BOOST_TEST(shown.submitted != "-8");
}

BOOST_AUTO_TEST_CASE(the_interval_is_described_with_its_ends_apart) {
  BOOST_TEST(describe(accepted_interval(4, Tolerance::relabs(0.25, 0.5))) == "[2.5, 5.5]");
  BOOST_TEST(describe(accepted_interval(0.7311, Tolerance::sigfig(3))) == "(0.73059, 0.73161)");
  BOOST_TEST(describe(Tolerance::sigfig(3)) == "3 significant figures (sigfig)");
  BOOST_CHECK_THROW(Tolerance::sigfig(0), std::invalid_argument);
  BOOST_CHECK_THROW(Tolerance::relabs(-1), std::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()
