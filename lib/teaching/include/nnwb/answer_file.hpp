#pragma once
/// @file answer_file.hpp
/// The answer file a student fills in by hand (TOML, read with toml++):
///
/// @code{.toml}
/// exercise = "graph_xyz.backprop"
/// student = "s1234567"
///
/// [answers]
/// # 1. The + gate: q = x + y
/// "forward.q" = 3
/// # 2. A vector is a list, a matrix a list of rows, a yes/no is true or false
/// "forward.yhat" = [0.25, 0.5]
/// "grad.w" = ""          # still blank
/// @endcode
///
/// Reading never throws for what a student may write: every problem is kept, naming the file, the
/// step and what is wrong, so that the grader can grade the rest. This header reads the text;
/// answer_file_io.hpp (the host layer) reads it from disk.

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "nnwb/trace.hpp"

namespace nnwb {

/// Larger files are refused before they are parsed.
inline constexpr std::size_t max_answer_file_bytes = 256 * 1024;
/// Deeper nesting of lists and tables, or keys of more dotted parts, are refused before parsing:
/// an answer needs two levels (a matrix) and one part (a quoted step id), and toml++ 3.3 parses
/// dotted keys recursively, so that a key of 40,000 parts would overflow the stack.
inline constexpr int max_answer_nesting = 16;
inline constexpr int max_answer_key_parts = 16;

/// One answer as the student wrote it.
struct SubmittedAnswer {
  std::optional<Value> value;  ///< none when blank or unreadable
  bool blank = false;          ///< "" : left blank
  std::string problem;         ///< what is wrong with it, if anything ("text where a number belongs")
  int line = 0;                ///< where it is in the file
};

struct AnswerFile {
  std::string path;                     ///< as given, for messages
  std::optional<std::string> exercise;  ///< what the file says it answers
  std::optional<std::string> student;
  std::optional<std::uint64_t> seed;
  std::map<std::string, SubmittedAnswer> answers;  ///< by step id
  std::vector<std::string> unknown;                ///< top-level keys that mean nothing here
  std::string error;  ///< a problem with the whole file (empty, too large, not TOML); then nothing else is set
};

/// Reads answer-file text; `path` names it in messages.
AnswerFile parse_answer_file(std::string_view text, std::string path);

}  // namespace nnwb
