#pragma once
// Checks a JSON trace against the format documented in docs/trace-format.md, field by field.
// Returns the list of problems, each naming the JSON path; empty means it conforms.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace nnwb::testing {

std::vector<std::string> trace_format_problems(const nlohmann::json& trace);

}  // namespace nnwb::testing
