// Reading a student's answer file (see answer_file.hpp). toml++ parses; this file turns TOML values
// into trace values and says, in the student's terms, what is wrong with each one it cannot use.
#include "nnwb/answer_file.hpp"

#include <cmath>
#include <fmt/format.h>
#include <fstream>
#include <sstream>
#include <toml++/toml.h>

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
                          s->get().size() > 40 ? s->get().substr(0, 40) + "…" : s->get());
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

}  // namespace

AnswerFile parse_answer_file(std::string_view text, std::string path) {
  AnswerFile file;
  file.path = std::move(path);
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    file.error = "the file is empty: fill in the answer file you were given";
    return file;
  }
  toml::table table;
  try {
    table = toml::parse(text, file.path);
  } catch (const toml::parse_error& error) {
    file.error = fmt::format("line {}, column {}: not valid TOML: {}", error.source().begin.line,
                             error.source().begin.column, error.description());
    return file;
  }
  for (const auto& [key, node] : table) {
    const std::string name(key.str());
    if (name == "exercise" || name == "student") {
      if (const auto* s = node.as_string())
        (name == "exercise" ? file.exercise : file.student) = s->get();
      else
        file.unknown.push_back(fmt::format("'{}' should be text in quotes", name));
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
                                             step.str(), step.str()));
          continue;
        }
        file.answers[std::string(step.str())] = answer_of(value);
      }
    } else {
      file.unknown.push_back(fmt::format("'{}' is not a key of an answer file", name));
    }
  }
  return file;
}

AnswerFile read_answer_file(const std::filesystem::path& path) {
  AnswerFile file;
  file.path = path.string();
  std::error_code code;
  const auto size = std::filesystem::file_size(path, code);
  if (code) {
    file.error = fmt::format("cannot read the file: {}", code.message());
    return file;
  }
  if (size > max_answer_file_bytes) {
    file.error = fmt::format("the file is {:.1f} MB; an answer file is a few kilobytes (at most {} kB): is it "
                             "the right file?",
                             static_cast<double>(size) / 1e6, max_answer_file_bytes / 1024);
    return file;
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in) {
    file.error = "cannot read the file";
    return file;
  }
  return parse_answer_file(text.str(), path.string());
}

}  // namespace nnwb
