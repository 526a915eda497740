// Reading a student's answer file (see answer_file.hpp). toml++ parses; this file turns TOML values
// into trace values and says, in the student's terms, what is wrong with each one it cannot use.
#include "nnwb/answer_file.hpp"

#include <cmath>
#include <fmt/format.h>
#include <toml++/toml.h>
#include <vector>

#include "nnwb/detail/safe_text.hpp"
#include "nnwb/exercise.hpp"

namespace nnwb {
namespace {

// A TOML number as a double; explains what it is instead when it is not one.
std::optional<double> number_of(const toml::node& node, std::string& problem) {
  if (const auto* i = node.as_integer()) return static_cast<double>(i->get());
  if (const auto* f = node.as_floating_point()) {
    const double x = f->get();
    if (std::isnan(x)) problem = "NaN is not an answer: write a number";
    else if (std::isinf(x)) problem = "infinity is not an answer: write a finite number";
    else return x;
    return std::nullopt;
  }
  if (const auto* s = node.as_string())
    problem = fmt::format("text where a number belongs (\"{}\"): write the number without quotes",
                          detail::echo(s->get(), 40));
  else if (node.is_boolean())
    problem = "true/false where a number belongs";
  else
    problem = "this is not a number";
  return std::nullopt;
}

// A scalar, a vector (a list of numbers), a matrix (a list of rows) or a verdict (true/false).
SubmittedAnswer answer_of(const toml::node& node) {
  SubmittedAnswer answer;
  answer.line = static_cast<int>(node.source().begin.line);
  if (const auto* s = node.as_string(); s && s->get().find_first_not_of(" \t") == std::string::npos) {
    answer.blank = true;  // "" is how the template leaves a blank
    return answer;
  }
  if (const auto* b = node.as_boolean()) {
    answer.value = Verdict{b->get(), ""};
    return answer;
  }
  const auto* array = node.as_array();
  if (!array) {
    if (auto x = number_of(node, answer.problem)) answer.value = *x;
    return answer;
  }
  if (array->empty()) {
    answer.problem = "an empty list: write the numbers, [a, b, …] for a vector or [[…], […]] for a matrix";
    return answer;
  }
  if (!array->front().is_array()) {  // a vector
    Eigen::VectorXd v(static_cast<Eigen::Index>(array->size()));
    for (std::size_t i = 0; i < array->size(); ++i) {
      std::string problem;
      const auto x = number_of(*array->get(i), problem);
      if (!x) {
        answer.problem = fmt::format("entry {}: {}", i + 1, problem);
        return answer;
      }
      v(static_cast<Eigen::Index>(i)) = *x;
    }
    answer.value = std::move(v);
    return answer;
  }
  // A matrix, row by row: every row a list of the same length.
  const std::size_t rows = array->size();
  const auto* first = array->front().as_array();
  const std::size_t cols = first->size();
  if (cols == 0) {
    answer.problem = "row 1 is empty";
    return answer;
  }
  Eigen::MatrixXd m(static_cast<Eigen::Index>(rows), static_cast<Eigen::Index>(cols));
  for (std::size_t r = 0; r < rows; ++r) {
    const auto* row = array->get(r)->as_array();
    if (!row) {
      answer.problem = fmt::format("row {} is not a list: a matrix is a list of rows [[…], […]]", r + 1);
      return answer;
    }
    if (row->size() != cols) {
      answer.problem = fmt::format("row {} has {} entries but row 1 has {}: every row needs the same number",
                                   r + 1, row->size(), cols);
      return answer;
    }
    for (std::size_t c = 0; c < cols; ++c) {
      std::string problem;
      const auto x = number_of(*row->get(c), problem);
      if (!x) {
        answer.problem = fmt::format("row {}, entry {}: {}", r + 1, c + 1, problem);
        return answer;
      }
      m(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(c)) = *x;
    }
  }
  answer.value = std::move(m);
  return answer;
}

// What makes `text` unsafe to hand to toml++, or "" when nothing does: lists and inline tables
// nested deeper than max_answer_nesting, a key of more than max_answer_key_parts dotted parts, or a
// character beyond ASCII outside strings and comments.
// A small scanner of TOML's lexical structure: strings and comments are skipped, and dots are
// counted only where a key is written (at the start of a line, in a [table] header, or after '{'
// or ',' in an inline table), so that the points of numbers never count.
std::string nesting_problem(std::string_view text) {
  enum class In { code, comment, basic, literal, multiline_basic, multiline_literal };
  In in = In::code;
  std::vector<char> open;  // the '[' and '{' still open
  bool in_key = true;      // at the start of the file, a key may come
  bool in_header = false;  // a [table] or [[array of tables]] header
  int parts = 1;
  int line = 1;
  const auto starts = [&](std::size_t i, std::string_view what) { return text.substr(i, what.size()) == what; };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') ++line;
    switch (in) {
      case In::comment:
        if (c == '\n') in = In::code;
        else continue;
        break;
      case In::basic:
        if (c == '\\') ++i;
        else if (c == '"' || c == '\n') in = In::code;
        continue;
      case In::literal:
        if (c == '\'' || c == '\n') in = In::code;
        continue;
      case In::multiline_basic:
        if (c == '\\') ++i;
        else if (starts(i, "\"\"\"")) in = In::code, i += 2;
        continue;
      case In::multiline_literal:
        if (starts(i, "'''")) in = In::code, i += 2;
        continue;
      case In::code: break;
    }
    if (in != In::code) continue;
    switch (c) {
      case '#': in = In::comment; break;
      case '"':
        if (starts(i, "\"\"\"")) in = In::multiline_basic, i += 2;
        else in = In::basic;
        break;
      case '\'':
        if (starts(i, "'''")) in = In::multiline_literal, i += 2;
        else in = In::literal;
        break;
      case '\n':
        if (open.empty()) in_key = true, in_header = false, parts = 1;
        break;
      case '[':
        if (open.empty() && in_key && !in_header) {
          in_header = true;  // a header's brackets hold a key, not a list
          break;
        }
        if (in_header) break;
        open.push_back(c);
        in_key = false;
        break;
      case '{':
        open.push_back(c);
        in_key = true, parts = 1;
        break;
      case ']':
        if (in_header) {
          in_key = false;
          break;
        }
        [[fallthrough]];
      case '}':
        if (!open.empty()) open.pop_back();
        in_key = false;
        break;
      case ',':
        if (!open.empty() && open.back() == '{') in_key = true, parts = 1;
        break;
      case '=':
        in_key = false;
        break;
      case '.':
        if (in_key && ++parts > max_answer_key_parts)
          return fmt::format("line {}: a key of more than {} dotted parts; put each step id in quotes, "
                             "\"forward.q\" = …",
                             line, max_answer_key_parts);
        break;
      default:
        // TOML allows characters beyond ASCII only in strings and comments; and toml++ 3.3 reaches
        // __builtin_unreachable() on some of them elsewhere ('x = 1 é', toml++ issue 295), which
        // in a Release build is undefined behaviour, not an error. So they are refused here.
        if (static_cast<unsigned char>(c) >= 0x80)
          return fmt::format("line {}: a character that is not ASCII outside quotes; TOML allows such "
                             "characters only in text in quotes and in comments after #",
                             line);
        break;
    }
    if (static_cast<int>(open.size()) > max_answer_nesting)
      return fmt::format("line {}: lists or tables nested more than {} deep; an answer is a number, a list of "
                         "numbers or a list of rows",
                         line, max_answer_nesting);
  }
  return "";
}

}  // namespace

AnswerFile parse_answer_file(std::string_view text, std::string path) {
  AnswerFile file;
  file.path = std::move(path);
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    file.error = "the file is empty: fill in the answer file you were given";
    return file;
  }
  if (std::string problem = nesting_problem(text); !problem.empty()) {
    file.error = std::move(problem);
    return file;
  }
  toml::table table;
  try {
    table = toml::parse(text, file.path);
  } catch (const toml::parse_error& error) {
    file.error = fmt::format("line {}, column {}: not valid TOML: {}", error.source().begin.line,
                             error.source().begin.column, detail::echo(error.description(), 200));
    return file;
  }
  for (const auto& [key, node] : table) {
    const std::string name(key.str());
    if (name == "exercise" || name == "student") {
      if (const auto* s = node.as_string())
        (name == "exercise" ? file.exercise : file.student) = s->get();
      else
        file.unknown.push_back(fmt::format("'{}' should be text in quotes", name));
      if (name == "student" && file.student) {
        if (const std::string problem = student_id_problem(*file.student); !problem.empty()) {
          file.error = fmt::format("student = \"{}\": {}", detail::echo(*file.student), problem);
          return file;
        }
      }
    } else if (name == "seed") {
      if (const auto* i = node.as_integer(); i && i->get() >= 0)
        file.seed = static_cast<std::uint64_t>(i->get());
      else
        file.unknown.push_back("'seed' should be a whole number ≥ 0");
    } else if (name == "answers") {
      const auto* answers = node.as_table();
      if (!answers) {
        file.unknown.push_back("'answers' should be a table: a line [answers] followed by the answers");
        continue;
      }
      for (const auto& [step, value] : *answers) {
        if (value.is_table()) {
          // "forward.q" = 3 written without quotes makes nested tables: say how to write it.
          file.unknown.push_back(fmt::format("'{}' under [answers] is a table: put each step id in quotes, "
                                             "\"{}.…\" = …",
                                             detail::echo(step.str()), detail::echo(step.str())));
          continue;
        }
        file.answers[std::string(step.str())] = answer_of(value);
      }
    } else {
      file.unknown.push_back(fmt::format("'{}' is not a key of an answer file", detail::echo(name)));
    }
  }
  return file;
}

}  // namespace nnwb
