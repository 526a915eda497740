#pragma once
/// @file tolerance.hpp
/// How close a student's number must be to the answer, with PrairieLearn's three comparison modes
/// and their meaning there (`pl-number-input` / `pl-matrix-input`, `comparison="..."`):
///
/// - **relabs**: accepted when |x − t| ≤ atol + rtol·|t| (numpy's `allclose`; PrairieLearn's
///   defaults rtol = 10⁻², atol = 10⁻⁸). The accepted interval is closed.
/// - **sigfig**: t to `digits` significant figures: with n = digits − 1 − ⌊log₁₀|t|⌋ (n = digits − 1
///   when t = 0), accepted when t − ε < x < t + ε with ε = 0.51·10⁻ⁿ. The interval is open.
/// - **decdig**: t to `digits` digits after the decimal point: ε = 0.51·10^−digits, open interval.
///
/// The 0.51 (not 0.5) lets an answer rounded correctly from t pass even when t itself sits at a
/// rounding edge. Vectors and matrices are compared entry by entry.

#include <string>

namespace nnwb {

struct Tolerance {
  enum class Mode { relabs, sigfig, decdig };
  Mode mode = Mode::relabs;
  double rtol = 1e-2;  ///< relabs only
  double atol = 1e-8;  ///< relabs only
  int digits = 2;      ///< sigfig and decdig only

  static Tolerance relabs(double rtol, double atol = 1e-8);
  static Tolerance sigfig(int digits);
  static Tolerance decdig(int digits);
  bool operator==(const Tolerance&) const = default;
};

/// The numbers accepted for the answer t: (lo, hi) when open, [lo, hi] when closed.
struct AcceptedInterval {
  double lo = 0;
  double hi = 0;
  bool closed = true;
  bool contains(double x) const { return closed ? (lo <= x && x <= hi) : (lo < x && x < hi); }
};

/// The interval `tolerance` accepts around the answer `truth`.
AcceptedInterval accepted_interval(double truth, const Tolerance& tolerance);
/// Whether `submitted` is accepted as `truth`. NaN and infinities are never accepted.
bool accepts(const Tolerance& tolerance, double truth, double submitted);
/// The tolerance in words: "3 significant figures (sigfig)", "rtol 0.01, atol 1e-08 (relabs)".
std::string describe(const Tolerance& tolerance);
/// The interval as text, enough digits to tell its ends apart: "(0.7305, 0.7315)".
std::string describe(const AcceptedInterval& interval);

}  // namespace nnwb
