#pragma once
/// @file tolerance.hpp
/// How close a student's number must be to the answer, with PrairieLearn's three comparison modes,
/// exactly as PrairieLearn's `grading_utils.py` computes them (`is_correct_scalar_ra`, `_sf`, `_dd`;
/// `pl-number-input` and `pl-matrix-input`, `comparison="..."`). With t the true value and x the
/// submitted one:
///
/// - **relabs**: numpy's `allclose(x, t, rtol, atol)`: accepted when |x − t| ≤ atol + rtol·|t|, each
///   operation rounded to double as numpy rounds it (PrairieLearn's defaults rtol = 10⁻², atol =
///   10⁻⁸). A closed interval. An infinite t accepts exactly itself; NaN is never accepted.
/// - **sigfig**: t to `digits` significant figures: with n = digits − 1 − ⌊log₁₀|t|⌋ (n = digits − 1
///   when t = 0), accepted when t − ε < x < t + ε with ε = 0.51·10⁻ⁿ. An open interval.
/// - **decdig**: t to `digits` digits after the decimal point: ε = 0.51·10^−digits, open interval.
///
/// For sigfig and decdig an infinite t accepts exactly itself, and a NaN t accepts NaN.
/// The 0.51 (not 0.5) lets an answer rounded correctly from t pass even when t itself sits at a
/// rounding edge. Vectors and matrices are compared entry by entry.
///
/// The verdicts are the same in every build: this code is compiled without fused multiply-adds
/// (-ffp-contract=off), since numpy rounds every operation, and a fused t − ε would move an edge
/// by one unit in the last place.

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

/// The numbers accepted for the answer t: (lo, hi) when open, [lo, hi] when closed. For relabs, lo
/// and hi are the smallest and the largest double accepted; for sigfig and decdig, the doubles t − ε
/// and t + ε, themselves not accepted. So contains(x) is the verdict for every finite x.
struct AcceptedInterval {
  double lo = 0;
  double hi = 0;
  bool closed = true;
  bool contains(double x) const { return closed ? (lo <= x && x <= hi) : (lo < x && x < hi); }
};

/// The interval `tolerance` accepts around the answer `truth` (finite).
AcceptedInterval accepted_interval(double truth, const Tolerance& tolerance);
/// Whether `submitted` is accepted as `truth`, exactly as PrairieLearn decides it.
bool accepts(const Tolerance& tolerance, double truth, double submitted);
/// The tolerance in words: "3 significant figures (sigfig)", "rtol 0.01, atol 1e-08 (relabs)".
std::string describe(const Tolerance& tolerance);
/// How many significant figures to keep so that rounding never costs the answer: what a sheet asks
/// students to keep (the checked digits for sigfig; enough to stay within rtol for relabs; for
/// decdig, digits after the point).
std::string digits_to_keep(const Tolerance& tolerance);

/// The interval as text, each end with enough digits that a number typed exactly as shown gets the
/// verdict its bracket promises: a closed end is rounded inward (accepted), an open end outward
/// (refused). "(0.730549, 0.73157)", "[−8.00000001, −7.99999999]".
std::string describe(const AcceptedInterval& interval);
/// The truth's accepted interval as text; "exactly inf" or "NaN" where truth is not finite.
std::string describe_accepted(double truth, const Tolerance& tolerance);
/// The interval and a submitted x as text together, each with the fewest digits that keep x on
/// the side of the printed interval that its verdict says (x with at least 6 significant digits):
/// "yours −8.00000002" beside "[−8.00000001, −7.99999999]", never "yours −8".
struct ShownAnswer {
  std::string interval;
  std::string submitted;
};
ShownAnswer describe_with(const AcceptedInterval& interval, double x);

}  // namespace nnwb
