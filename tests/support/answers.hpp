#pragma once
// Answer files written by the tests, as a student would write them: every number at full
// precision (fmt's shortest round-trip form), so that a "correct" sheet is exactly the key.
#include <fmt/format.h>
#include <map>
#include <string>

#include "nnwb/exercise.hpp"

namespace nnwb::test {

/// A value in TOML: 3.5, [1, 2], [[1, 2], [3, 4]], true.
inline std::string toml_value(const Value& value) {
  switch (kind_of(value)) {
    case ValueKind::scalar: return fmt::format("{}", std::get<double>(value));
    case ValueKind::vector: {
      const auto& v = std::get<Eigen::VectorXd>(value);
      std::string out = "[";
      for (Eigen::Index i = 0; i < v.size(); ++i) out += fmt::format("{}{}", i ? ", " : "", v[i]);
      return out + "]";
    }
    case ValueKind::matrix: {
      const auto& m = std::get<Eigen::MatrixXd>(value);
      std::string out = "[";
      for (Eigen::Index r = 0; r < m.rows(); ++r) {
        out += r ? ", [" : "[";
        for (Eigen::Index c = 0; c < m.cols(); ++c) out += fmt::format("{}{}", c ? ", " : "", m(r, c));
        out += "]";
      }
      return out + "]";
    }
    case ValueKind::verdict: return std::get<Verdict>(value).holds ? "true" : "false";
  }
  return "";
}

/// An answer file: the header for `variant`, then each step's answer as raw TOML text.
inline std::string answer_file_text(const std::string& exercise, const Variant& variant,
                                    const std::map<std::string, std::string>& raw_answers) {
  std::string out = fmt::format("exercise = \"{}\"\n", exercise);
  if (variant.student) out += fmt::format("student = \"{}\"\n", *variant.student);
  else if (variant.seed) out += fmt::format("seed = {}\n", *variant.seed);
  out += "\n[answers]\n";
  for (const auto& [step, raw] : raw_answers) out += fmt::format("\"{}\" = {}\n", step, raw);
  return out;
}

/// The key's answers for every asked step, as TOML text.
inline std::map<std::string, std::string> key_answers(const Exercise& exercise, const Trace& key) {
  std::map<std::string, std::string> answers;
  for (const AskedStep& asked : exercise.asked()) answers[asked.step] = toml_value(key.value(asked.step));
  return answers;
}

}  // namespace nnwb::test
