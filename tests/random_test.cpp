// The portable random generator (lib/random.hpp): the engine against the published reference
// outputs of SplitMix64, xoshiro256** and FNV-1a, and the properties of each kind of draw.
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <set>

#include "nnwb/detail/random_engine.hpp"
#include "nnwb/random.hpp"

BOOST_AUTO_TEST_SUITE(random_generator)

BOOST_AUTO_TEST_CASE(engine_matches_the_reference_implementations) {
  // SplitMix64 from seed 1234567: the first outputs of Vigna's reference splitmix64.c.
  std::uint64_t state = 1234567;
  BOOST_TEST(nnwb::detail::splitmix64(state) == 6457827717110365317ULL);
  BOOST_TEST(nnwb::detail::splitmix64(state) == 3203168211198807973ULL);
  BOOST_TEST(nnwb::detail::splitmix64(state) == 9817491932198370423ULL);
  // xoshiro256** from the state {1, 2, 3, 4}: the reference xoshiro256starstar.c gives these.
  nnwb::Rng rng = nnwb::Rng::from_state({1, 2, 3, 4});
  BOOST_TEST(rng.next() == 11520ULL);
  BOOST_TEST(rng.next() == 0ULL);
  BOOST_TEST(rng.next() == 1509978240ULL);
  BOOST_TEST(rng.next() == 1215971899390074240ULL);
  // FNV-1a 64 of "a" (the published test vector) and of "" (the offset basis).
  BOOST_TEST(nnwb::detail::fnv1a64("a") == 0xAF63DC4C8601EC8CULL);
  BOOST_TEST(nnwb::detail::fnv1a64("") == 0xCBF29CE484222325ULL);
}

BOOST_AUTO_TEST_CASE(same_seed_same_draws_other_seed_other_draws) {
  nnwb::Rng a(42), b(42), c(43);
  for (int i = 0; i < 100; ++i) {
    const double x = a.uniform01();
    BOOST_TEST(x == b.uniform01());
    BOOST_TEST(x != c.uniform01());
  }
  BOOST_TEST(nnwb::seed_from_text("s1234567") == nnwb::seed_from_text("s1234567"));
  BOOST_TEST(nnwb::seed_from_text("s1234567") != nnwb::seed_from_text("s1234568"));
}

BOOST_AUTO_TEST_CASE(uniform_is_in_range_and_uses_53_bits) {
  nnwb::Rng rng(1);
  double lo = 1.0, hi = 0.0;
  for (int i = 0; i < 10000; ++i) {
    const double u = rng.uniform01();
    BOOST_TEST_REQUIRE(u >= 0.0);
    BOOST_TEST_REQUIRE(u < 1.0);
    BOOST_TEST_REQUIRE(std::ldexp(u, 53) == std::floor(std::ldexp(u, 53)));  // a multiple of 2^−53
    lo = std::min(lo, u);
    hi = std::max(hi, u);
  }
  BOOST_TEST(lo < 0.001);
  BOOST_TEST(hi > 0.999);
}

BOOST_AUTO_TEST_CASE(integers_cover_their_range_without_bias) {
  nnwb::Rng rng(2);
  std::array<int, 7> counts{};
  for (int i = 0; i < 70000; ++i) {
    const auto k = rng.integer(-3, 3);
    BOOST_TEST_REQUIRE(k >= -3);
    BOOST_TEST_REQUIRE(k <= 3);
    ++counts[static_cast<std::size_t>(k + 3)];
  }
  for (int c : counts) BOOST_TEST(std::abs(c - 10000) < 500);  // > 5 standard deviations
  BOOST_CHECK_THROW(rng.integer(2, 1), std::invalid_argument);
}

// index() is integer() as Eigen's index type (32 bits in the browser build): the same draws.
BOOST_AUTO_TEST_CASE(an_index_is_the_same_draw_as_an_integer) {
  nnwb::Rng as_integers(11), as_indices(11);
  for (int i = 0; i < 1000; ++i) {
    const std::int64_t lo = i % 5, hi = lo + i % 7;
    BOOST_TEST_REQUIRE(as_indices.index(lo, hi) == as_integers.integer(lo, hi));
  }
}

BOOST_AUTO_TEST_CASE(decimals_are_hand_friendly) {
  nnwb::Rng rng(3);
  std::set<double> seen;
  for (int i = 0; i < 2000; ++i) {
    const double x = rng.decimal(-1.0, 1.0, 1);
    BOOST_TEST_REQUIRE(x >= -1.0);
    BOOST_TEST_REQUIRE(x <= 1.0);
    BOOST_TEST_REQUIRE(x == std::round(x * 10.0) / 10.0);  // exactly the double nearest k/10
    seen.insert(x);
  }
  BOOST_TEST(seen.size() == 21u);  // −1.0, −0.9, …, 1.0, every one drawn
  for (int i = 0; i < 200; ++i) BOOST_TEST_REQUIRE(rng.nonzero_decimal(-1, 1, 0) != 0.0);
}

BOOST_AUTO_TEST_CASE(normal_has_mean_0_and_variance_1) {
  nnwb::Rng rng(4);
  double sum = 0, squares = 0;
  const int n = 20000;
  for (int i = 0; i < n; ++i) {
    const double z = rng.normal();
    sum += z;
    squares += z * z;
  }
  BOOST_TEST(std::abs(sum / n) < 0.05);
  BOOST_TEST(std::abs(squares / n - 1.0) < 0.05);
}

BOOST_AUTO_TEST_SUITE_END()
