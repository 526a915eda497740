#pragma once
// Internal: what the sheet, the key and the grader share about an exercise and its trace.

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "nnwb/exercise.hpp"

namespace nnwb::detail {

/// Every parameter and step that `name` is computed from, directly or through other steps.
std::set<std::string> upstream_of(const Trace& trace, std::string_view name);
/// The asked steps in the order the trace computes them.
std::vector<const AskedStep*> asked_in_trace_order(const Exercise& exercise, const Trace& trace);
/// The question as plain text: the exercise's own wording, else the step's title and formula.
std::string question_text(const AskedStep& asked, const Trace& trace);

/// The accepted interval(s) around the key, as text: "[2.5, 5.5]", "entry by entry: (…); (…)".
std::string accepted_text(const Value& truth, const Tolerance& tolerance);

}  // namespace nnwb::detail
