// PrairieLearn's comparison modes (see tolerance.hpp). This file is compiled with
// -ffp-contract=off (lib/CMakeLists.txt): every operation rounds to double, as numpy's do.
#include "nnwb/tolerance.hpp"
#include "nnwb/detail/bit_cast.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <fmt/format.h>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <string>

namespace nnwb {

Tolerance Tolerance::relabs(double rtol, double atol) {
  if (!(rtol >= 0) || !(atol >= 0)) throw std::invalid_argument("relabs: rtol and atol must be ≥ 0");
  Tolerance t;
  t.mode = Mode::relabs;
  t.rtol = rtol;
  t.atol = atol;
  return t;
}

Tolerance Tolerance::sigfig(int digits) {
  if (digits < 1 || digits > 15) throw std::invalid_argument("sigfig: digits must be 1 to 15");
  Tolerance t;
  t.mode = Mode::sigfig;
  t.digits = digits;
  return t;
}

Tolerance Tolerance::decdig(int digits) {
  if (digits < 0 || digits > 15) throw std::invalid_argument("decdig: digits must be 0 to 15");
  Tolerance t;
  t.mode = Mode::decdig;
  t.digits = digits;
  return t;
}

namespace {

// 10^k as Python computes `10**k` for an integer k: an exact integer converted to the nearest
// double for k ≥ 0 (strtod rounds correctly; powers up to 10²² are exact), pow(10.0, k) for k < 0.
double ten_to(int k) {
  if (k < 0) return std::pow(10.0, k);
  if (k <= 22) return std::pow(10.0, k);  // exact
  return std::strtod(fmt::format("1e{}", k).c_str(), nullptr);
}

// ε of sigfig and decdig: 0.51·10⁻ⁿ, with PrairieLearn's n.
double half_width(double truth, const Tolerance& tolerance) {
  if (tolerance.mode == Tolerance::Mode::decdig) return 0.51 * ten_to(-tolerance.digits);
  // n = −⌊log₁₀|t|⌋ + (digits − 1), or digits − 1 when t = 0
  const int n = truth == 0 ? tolerance.digits - 1
                           : -static_cast<int>(std::floor(std::log10(std::abs(truth)))) + (tolerance.digits - 1);
  return 0.51 * ten_to(-n);
}

// numpy's isclose(x, t) for finite x and t: |x − t| ≤ atol + rtol·|t|, each operation rounded.
bool within_relabs(double x, double truth, const Tolerance& tolerance) {
  const double bound = tolerance.atol + tolerance.rtol * std::abs(truth);
  return std::abs(x - truth) <= bound;
}

// Doubles in order as integers: a < b exactly when key(a) < key(b) (−0 and +0 share 0).
std::int64_t key_of(double x) {
  const auto bits = detail::bit_cast<std::int64_t>(x);
  return bits >= 0 ? bits : -(bits & std::numeric_limits<std::int64_t>::max());
}
double double_of(std::int64_t key) {
  return key >= 0 ? detail::bit_cast<double>(key) : detail::bit_cast<double>(-key | std::numeric_limits<std::int64_t>::min());
}

// The last accepted double going from the truth (accepted) towards `toward` (refused or the last
// finite double), by bisection over the doubles in order: the relabs test is monotone on each side.
double last_accepted(double truth, double toward, const Tolerance& tolerance) {
  std::int64_t in = key_of(truth), out = key_of(toward);
  if (within_relabs(toward, truth, tolerance)) return toward;
  while (in + 1 != out && in - 1 != out) {
    const std::int64_t mid = std::midpoint(in, out);  // no overflow across the whole range
    (within_relabs(double_of(mid), truth, tolerance) ? in : out) = mid;
  }
  return double_of(in);
}

}  // namespace

AcceptedInterval accepted_interval(double truth, const Tolerance& tolerance) {
  if (tolerance.mode == Tolerance::Mode::relabs) {
    constexpr double top = std::numeric_limits<double>::max();
    return {last_accepted(truth, -top, tolerance), last_accepted(truth, top, tolerance), true};
  }
  const double eps = half_width(truth, tolerance);
  return {truth - eps, truth + eps, false};
}

bool accepts(const Tolerance& tolerance, double truth, double submitted) {
  if (std::isnan(truth))  // relabs: numpy's isclose never calls NaN close; sigfig, decdig: NaN for NaN
    return tolerance.mode != Tolerance::Mode::relabs && std::isnan(submitted);
  if (std::isinf(truth) || std::isinf(submitted)) return submitted == truth;
  if (std::isnan(submitted)) return false;
  if (tolerance.mode == Tolerance::Mode::relabs) return within_relabs(submitted, truth, tolerance);
  const double eps = half_width(truth, tolerance);
  const double lower = truth - eps, upper = truth + eps;
  return lower < submitted && submitted < upper;
}

std::string describe(const Tolerance& tolerance) {
  switch (tolerance.mode) {
    case Tolerance::Mode::relabs:
      return fmt::format("within rtol {:g} and atol {:g} (relabs)", tolerance.rtol, tolerance.atol);
    case Tolerance::Mode::sigfig:
      return fmt::format("{} significant figure{} (sigfig)", tolerance.digits, tolerance.digits == 1 ? "" : "s");
    case Tolerance::Mode::decdig:
      return fmt::format("{} digit{} after the point (decdig)", tolerance.digits, tolerance.digits == 1 ? "" : "s");
  }
  return "";
}

std::string digits_to_keep(const Tolerance& tolerance) {
  switch (tolerance.mode) {
    case Tolerance::Mode::relabs: {
      // d significant figures err by at most 5·10⁻ᵈ relative: the fewest d with 5·10⁻ᵈ ≤ rtol.
      int d = 1;
      while (d < 17 && 5 * std::pow(10.0, -d) > tolerance.rtol) ++d;
      return fmt::format("{} significant figures", d);
    }
    case Tolerance::Mode::sigfig:
      return fmt::format("{} significant figure{}", tolerance.digits, tolerance.digits == 1 ? "" : "s");
    case Tolerance::Mode::decdig:
      return fmt::format("{} digit{} after the point", tolerance.digits, tolerance.digits == 1 ? "" : "s");
  }
  return "";
}

namespace {

double parsed(const std::string& text) { return std::strtod(text.c_str(), nullptr); }

// x to `digits` significant figures, to the nearest.
std::string nearest(double x, int digits) { return fmt::format("{:.{}g}", x, digits); }

// x to `digits` significant figures, rounded up (toward +∞) or down: the nearest such decimal if it
// lies on the asked side of x, else its neighbour one unit in the last place away.
std::string directed(double x, int digits, bool up) {
  std::string text = nearest(x, digits);
  if (up ? parsed(text) >= x : parsed(text) <= x) return text;
  const std::string scientific = fmt::format("{:.{}e}", x, digits - 1);  // "-7.3059e-01"
  const bool negative = scientific.front() == '-';
  const auto e_at = scientific.find('e');
  std::string mantissa;
  for (std::size_t i = negative ? 1 : 0; i < e_at; ++i)
    if (scientific[i] != '.') mantissa += scientific[i];
  std::uint64_t units = std::stoull(mantissa);
  units = up != negative ? units + 1 : units - 1;  // up on a positive number grows it, on a negative shrinks it
  const int exponent = std::stoi(scientific.substr(e_at + 1)) - (digits - 1);
  const double value = parsed(fmt::format("{}{}e{}", negative ? "-" : "", units, exponent));
  return fmt::format("{:.{}g}", value, std::to_string(units).size());
}

// Both ends: a closed end rounded inward (what is shown is accepted), an open end outward (what is
// shown is refused), with at least `digits` significant figures, and enough that one unit in the
// last place is at most a hundredth of the interval's width, so that what is shown is close too.
std::pair<std::string, std::string> end_texts(const AcceptedInterval& interval, int digits) {
  const double width = interval.hi - interval.lo;
  const double size = std::max(std::abs(interval.lo), std::abs(interval.hi));
  if (width > 0 && size > 0 && std::isfinite(width))
    digits = std::max(digits, static_cast<int>(std::ceil(std::floor(std::log10(size)) + 1 - std::log10(width / 100))));
  if (width == 0) digits = 17;  // one number: only itself is true
  for (digits = std::clamp(digits, 1, 17);; ++digits) {
    std::string lo = directed(interval.lo, digits, interval.closed), hi = directed(interval.hi, digits, !interval.closed);
    // Closed ends rounded inward must not cross: then more digits.
    if (digits >= 17 || !interval.closed || parsed(lo) <= parsed(hi)) return {std::move(lo), std::move(hi)};
  }
}

std::string bracketed(const AcceptedInterval& interval, const std::pair<std::string, std::string>& ends) {
  return fmt::format("{}{}, {}{}", interval.closed ? "[" : "(", ends.first, ends.second, interval.closed ? "]" : ")");
}

}  // namespace

std::string describe(const AcceptedInterval& interval) { return bracketed(interval, end_texts(interval, 4)); }

std::string describe_accepted(double truth, const Tolerance& tolerance) {
  if (std::isnan(truth)) return tolerance.mode == Tolerance::Mode::relabs ? "nothing (the answer is NaN)" : "NaN";
  if (std::isinf(truth)) return truth > 0 ? "exactly inf" : "exactly -inf";
  return describe(accepted_interval(truth, tolerance));
}

ShownAnswer describe_with(const AcceptedInterval& interval, double x) {
  const bool verdict = interval.contains(x);
  for (int end_digits = 4;; ++end_digits) {
    const auto ends = end_texts(interval, end_digits);
    const AcceptedInterval shown{parsed(ends.first), parsed(ends.second), interval.closed};
    for (int digits = 6; digits <= 17; ++digits) {
      const std::string text = nearest(x, digits);
      if (shown.contains(parsed(text)) == verdict) return {bracketed(interval, ends), text};
    }
    if (end_digits >= 17) return {bracketed(interval, ends), nearest(x, 17)};  // exact on both sides
  }
}

}  // namespace nnwb
