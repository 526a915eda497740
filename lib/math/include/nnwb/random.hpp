#pragma once
/// @file random.hpp
/// A portable seeded random generator for variants: the same seed draws the same numbers with any
/// compiler, on any machine, at any optimisation level. It uses only integer arithmetic and
/// correctly rounded IEEE operations (no std::*_distribution, whose output the standard leaves to
/// each library; no exp/log/cos, whose last bit differs between libms).
///
/// Engine: xoshiro256** seeded through SplitMix64 (Blackman & Vigna).
///
/// **Draw order.** The engine gives the same sequence everywhere; the code that draws must consume
/// it in one order everywhere too. C++ leaves the order in which a call's arguments are evaluated
/// unspecified (GCC evaluates `Vector2d(rng.decimal(…), rng.decimal(…))` right to left, Clang,
/// which compiles the browser build, left to right; the operands of `*` likewise), so draws are
/// never two arguments of one call: each is a named variable of its own, a statement or a
/// declarator apiece (both are sequenced), or an entry of a braced list or of Eigen's `<<`
/// (sequenced left to right). Where a chapter drew in GCC's order before this was noticed, its
/// variables are drawn in that order still, so that every variant ever handed out stays the same.

#include <Eigen/Core>
#include <array>
#include <cstdint>
#include <string_view>

namespace nnwb {

class Rng {
 public:
  explicit Rng(std::uint64_t seed);
  /// An engine in a given state (for checking it against the reference implementation).
  static Rng from_state(const std::array<std::uint64_t, 4>& state);

  /// The next 64 random bits.
  std::uint64_t next();
  /// Uniform in [0, 1): the top 53 bits times 2^−53.
  double uniform01();
  /// Uniform in [lo, hi).
  double uniform(double lo, double hi);
  /// Uniform integer in [lo, hi], inclusive, without modulo bias.
  std::int64_t integer(std::int64_t lo, std::int64_t hi);
  /// A size or an index, uniform in [lo, hi]: the same draw as integer(lo, hi), as Eigen's index
  /// type (which has 32 bits in the browser build, where `long` has).
  Eigen::Index index(Eigen::Index lo, Eigen::Index hi);
  /// A decimal number k / 10^places with k uniform in [lo·10^places, hi·10^places]: numbers a
  /// student can work with by hand (`decimal(-1, 1, 1)` draws one of −1.0, −0.9, …, 1.0).
  double decimal(double lo, double hi, int places);
  /// As decimal(), never 0 (for weights where 0 would make a step vanish).
  double nonzero_decimal(double lo, double hi, int places);
  /// Approximately standard normal: the Irwin–Hall sum of 12 uniforms minus 6 (mean 0, variance 1,
  /// tails cut at ±6), chosen because it needs no transcendental function.
  double normal();
  /// A vector of n decimals.
  Eigen::VectorXd decimals(Eigen::Index n, double lo, double hi, int places);
  /// A rows×cols matrix of decimals.
  Eigen::MatrixXd decimals(Eigen::Index rows, Eigen::Index cols, double lo, double hi, int places);
  /// A rows×cols matrix of uniform numbers in [lo, hi).
  Eigen::MatrixXd uniform(Eigen::Index rows, Eigen::Index cols, double lo, double hi);

 private:
  std::array<std::uint64_t, 4> state_{};
};

/// A student id (or any text) hashed to a seed: 64-bit FNV-1a, then one SplitMix64 round to spread
/// the bits. The same id gives the same seed everywhere.
std::uint64_t seed_from_text(std::string_view text);

}  // namespace nnwb
