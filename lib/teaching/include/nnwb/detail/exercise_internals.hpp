#pragma once
// Internal: what the sheet, the key and the grader share about an exercise and its trace.

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "nnwb/exercise.hpp"
#include "nnwb/tolerance.hpp"

namespace nnwb::detail {

/// Every parameter and step that `name` is computed from, directly or through other steps.
std::set<std::string> upstream_of(const Trace& trace, std::string_view name);
/// The asked steps in the order the trace computes them.
std::vector<const AskedStep*> asked_in_trace_order(const Exercise& exercise, const Trace& trace);
/// The question as plain text: the exercise's own wording, else the step's title and formula.
std::string question_text(const AskedStep& asked, const Trace& trace);

/// The accepted interval(s) around the key, as text: "[2.5, 5.5]", "entry by entry: (…); (…)".
std::string accepted_text(const Value& truth, const Tolerance& tolerance);
/// The accepted interval(s) and a submitted value of the same shape, as text, each entry printed
/// with enough digits to show on which side of its interval it lies (see describe_with).
nnwb::ShownAnswer shown_against(const Value& truth, const Value& submitted, const Tolerance& tolerance);

/// Below this fraction of the largest number a step is computed from, a computed value is zero up to
/// round-off: 2⁻⁴⁰ ≈ 9.1·10⁻¹³, a thousand times the round-off that a few hundred operations in double
/// precision leave (2⁻⁵³ each), and far below anything a student computes by hand.
inline constexpr double roundoff_fraction = 0x1p-40;

/// The step's value as the grader takes it: each entry that is zero up to round-off (|t| ≤
/// roundoff_fraction × the largest magnitude among the step's own entries and all the values it is
/// computed from, directly or through other steps) is exactly 0. An exact zero computed as 8·10⁻¹⁸
/// would otherwise get sigfig's interval around 8·10⁻¹⁸, and refuse the exact answer 0.
Value graded_value(const Trace& trace, std::string_view step);
/// The same for `value`, a value of `step` computed otherwise (from a student's own earlier answers),
/// against the magnitudes of `trace`.
Value without_roundoff(const Trace& trace, std::string_view step, Value value);

}  // namespace nnwb::detail
