// The portable random generator for variants; see random.hpp.
#include "nnwb/random.hpp"

#include "nnwb/detail/random_engine.hpp"

#include <cmath>
#include <stdexcept>

namespace nnwb {
namespace detail {

std::uint64_t splitmix64(std::uint64_t& x) {
  std::uint64_t z = (x += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

std::uint64_t fnv1a64(std::string_view text) {
  std::uint64_t hash = 0xCBF29CE484222325ULL;  // FNV-1a offset basis
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 0x100000001B3ULL;  // FNV prime
  }
  return hash;
}

}  // namespace detail

namespace {

using detail::splitmix64;

std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

std::int64_t ipow10(int places) {
  if (places < 0 || places > 15) throw std::invalid_argument("Rng::decimal: places must be 0…15");
  std::int64_t p = 1;
  for (int i = 0; i < places; ++i) p *= 10;
  return p;
}

}  // namespace

Rng::Rng(std::uint64_t seed) {
  for (auto& word : state_) word = splitmix64(seed);
}

std::uint64_t Rng::next() {  // xoshiro256**
  const std::uint64_t result = rotl(state_[1] * 5, 7) * 9;
  const std::uint64_t t = state_[1] << 17;
  state_[2] ^= state_[0];
  state_[3] ^= state_[1];
  state_[1] ^= state_[2];
  state_[0] ^= state_[3];
  state_[2] ^= t;
  state_[3] = rotl(state_[3], 45);
  return result;
}

double Rng::uniform01() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

double Rng::uniform(double lo, double hi) { return lo + (hi - lo) * uniform01(); }

std::int64_t Rng::integer(std::int64_t lo, std::int64_t hi) {
  if (hi < lo) throw std::invalid_argument("Rng::integer: hi < lo");
  const std::uint64_t span = static_cast<std::uint64_t>(hi - lo) + 1;  // 0 means all 2^64 values
  if (span == 0) return static_cast<std::int64_t>(next());
  const std::uint64_t limit = UINT64_MAX - UINT64_MAX % span;  // reject the biased tail
  std::uint64_t r = next();
  while (r >= limit) r = next();
  return lo + static_cast<std::int64_t>(r % span);
}

Eigen::Index Rng::index(Eigen::Index lo, Eigen::Index hi) {
  return static_cast<Eigen::Index>(integer(lo, hi));  // in [lo, hi], so it fits
}

double Rng::decimal(double lo, double hi, int places) {
  const std::int64_t scale = ipow10(places);
  const auto k_lo = static_cast<std::int64_t>(std::ceil(lo * static_cast<double>(scale) - 1e-9));
  const auto k_hi = static_cast<std::int64_t>(std::floor(hi * static_cast<double>(scale) + 1e-9));
  // k / 10^places is one correctly rounded division: the same double everywhere.
  return static_cast<double>(integer(k_lo, k_hi)) / static_cast<double>(scale);
}

double Rng::nonzero_decimal(double lo, double hi, int places) {
  for (;;) {
    const double x = decimal(lo, hi, places);
    if (x != 0.0) return x;
  }
}

double Rng::normal() {
  double sum = 0.0;
  for (int i = 0; i < 12; ++i) sum += uniform01();
  return sum - 6.0;
}

Eigen::VectorXd Rng::decimals(Eigen::Index n, double lo, double hi, int places) {
  Eigen::VectorXd v(n);
  for (Eigen::Index i = 0; i < n; ++i) v[i] = decimal(lo, hi, places);
  return v;
}

Eigen::MatrixXd Rng::decimals(Eigen::Index rows, Eigen::Index cols, double lo, double hi, int places) {
  Eigen::MatrixXd m(rows, cols);
  for (Eigen::Index i = 0; i < rows; ++i)  // row by row: the order is part of the variant
    for (Eigen::Index j = 0; j < cols; ++j) m(i, j) = decimal(lo, hi, places);
  return m;
}

Eigen::MatrixXd Rng::uniform(Eigen::Index rows, Eigen::Index cols, double lo, double hi) {
  Eigen::MatrixXd m(rows, cols);
  for (Eigen::Index i = 0; i < rows; ++i)
    for (Eigen::Index j = 0; j < cols; ++j) m(i, j) = uniform(lo, hi);
  return m;
}

std::uint64_t seed_from_text(std::string_view text) {
  std::uint64_t hash = detail::fnv1a64(text);
  return splitmix64(hash);  // spreads the bits of similar ids ("s001", "s002") apart
}

Rng Rng::from_state(const std::array<std::uint64_t, 4>& state) {
  Rng rng(0);
  rng.state_ = state;
  return rng;
}

}  // namespace nnwb
