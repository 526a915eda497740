// PrairieLearn's comparison modes (see tolerance.hpp).
#include "nnwb/tolerance.hpp"

#include <cmath>
#include <fmt/format.h>
#include <stdexcept>

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

AcceptedInterval accepted_interval(double truth, const Tolerance& tolerance) {
  switch (tolerance.mode) {
    case Tolerance::Mode::relabs: {
      const double eps = tolerance.atol + tolerance.rtol * std::abs(truth);  // |x − t| ≤ atol + rtol·|t|
      return {truth - eps, truth + eps, true};
    }
    case Tolerance::Mode::sigfig: {
      // n = digits − 1 − ⌊log₁₀|t|⌋ places after the point (digits − 1 when t = 0); ε = 0.51·10⁻ⁿ
      const int n = truth == 0 ? tolerance.digits - 1
                               : tolerance.digits - 1 - static_cast<int>(std::floor(std::log10(std::abs(truth))));
      const double eps = 0.51 * std::pow(10.0, -n);
      return {truth - eps, truth + eps, false};
    }
    case Tolerance::Mode::decdig: {
      const double eps = 0.51 * std::pow(10.0, -tolerance.digits);  // ε = 0.51·10^−digits
      return {truth - eps, truth + eps, false};
    }
  }
  return {truth, truth, true};
}

bool accepts(const Tolerance& tolerance, double truth, double submitted) {
  if (!std::isfinite(submitted) || !std::isfinite(truth)) return false;
  return accepted_interval(truth, tolerance).contains(submitted);
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

std::string describe(const AcceptedInterval& interval) {
  // Enough significant digits that the two ends print apart.
  int digits = 5;
  while (digits < 17 && fmt::format("{:.{}g}", interval.lo, digits) == fmt::format("{:.{}g}", interval.hi, digits))
    ++digits;
  return fmt::format("{}{:.{}g}, {:.{}g}{}", interval.closed ? "[" : "(", interval.lo, digits, interval.hi, digits,
                     interval.closed ? "]" : ")");
}

}  // namespace nnwb
