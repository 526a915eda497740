// PrairieLearn's comparison modes (lib/tolerance.cpp), at the edges. The intervals are worked out by
// hand from PrairieLearn's definitions (tolerance.hpp quotes them), on numbers whose bounds are
// exact in binary where an edge is tested exactly.
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <limits>

#include "nnwb/tolerance.hpp"

using nnwb::accepted_interval;
using nnwb::accepts;
using nnwb::Tolerance;

BOOST_AUTO_TEST_SUITE(tolerance)

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

BOOST_AUTO_TEST_CASE(nan_and_infinity_are_never_accepted) {
  const double inf = std::numeric_limits<double>::infinity();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (const Tolerance& t : {Tolerance::relabs(1, 1), Tolerance::sigfig(1), Tolerance::decdig(0)}) {
    BOOST_TEST(!accepts(t, 1, nan));
    BOOST_TEST(!accepts(t, 1, inf));
    BOOST_TEST(!accepts(t, 1, -inf));
  }
}

BOOST_AUTO_TEST_CASE(the_interval_is_described_with_its_ends_apart) {
  BOOST_TEST(describe(accepted_interval(4, Tolerance::relabs(0.25, 0.5))) == "[2.5, 5.5]");
  BOOST_TEST(describe(accepted_interval(0.7311, Tolerance::sigfig(3))) == "(0.73059, 0.73161)");
  BOOST_TEST(describe(Tolerance::sigfig(3)) == "3 significant figures (sigfig)");
  BOOST_CHECK_THROW(Tolerance::sigfig(0), std::invalid_argument);
  BOOST_CHECK_THROW(Tolerance::relabs(-1), std::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()
