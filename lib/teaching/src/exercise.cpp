// An exercise: a chapter's trace with some steps asked (see exercise.hpp). This file holds the
// definition side; the sheet, the answer template and the key are rendered in exercise_render.cpp.
#include "nnwb/exercise.hpp"

#include <fmt/format.h>
#include <set>
#include <stdexcept>

#include "nnwb/detail/safe_text.hpp"
#include "nnwb/random.hpp"

namespace nnwb {

AskedStep& AskedStep::mistake(std::string id, std::string feedback, std::vector<std::string> inputs,
                              ComputeFn compute) {
  mistakes.push_back({std::move(id), std::move(feedback), std::move(inputs), std::move(compute)});
  return *this;
}

Exercise::Exercise(std::string id, std::string chapter, std::string title, ChapterBuilder builder)
    : id_(std::move(id)), chapter_(std::move(chapter)), title_(std::move(title)), build_(builder) {}

Exercise& Exercise::instructions(std::string markdown) {
  instructions_ = std::move(markdown);
  return *this;
}

Exercise& Exercise::convention(std::string markdown) {
  convention_ = std::move(markdown);
  return *this;
}

AskedStep& Exercise::ask(std::string step, double weight) {
  AskedStep asked;
  asked.step = std::move(step);
  asked.weight = weight;
  asked_.push_back(std::move(asked));
  return asked_.back();
}

const AskedStep* Exercise::asked_step(std::string_view step) const {
  for (const AskedStep& asked : asked_)
    if (asked.step == step) return &asked;
  return nullptr;
}

double Exercise::max_score() const {
  double total = 0;
  for (const AskedStep& asked : asked_) total += asked.weight;
  return total;
}

Exercise& Exercise::give(std::vector<std::string> steps) {
  given_ = std::move(steps);
  return *this;
}

Trace Exercise::build(std::optional<std::uint64_t> seed) const {
  ChapterOptions options;
  options.seed = seed;
  return build_(options);
}

std::vector<std::string> Exercise::problems(const Trace& trace) const {
  std::vector<std::string> found;
  if (trace.id() != chapter_)
    found.push_back(fmt::format("exercise '{}' names chapter '{}' but builds '{}'", id_, chapter_, trace.id()));
  if (asked_.empty()) found.push_back(fmt::format("exercise '{}' asks no step", id_));
  std::set<std::string> seen;
  for (const AskedStep& asked : asked_) {
    if (!seen.insert(asked.step).second)
      found.push_back(fmt::format("exercise '{}' asks step '{}' twice", id_, asked.step));
    bool is_step = false;
    for (const Step& step : trace.steps()) is_step = is_step || step.id == asked.step;
    if (!is_step) {
      found.push_back(fmt::format("exercise '{}' asks step '{}', which chapter '{}' does not compute", id_,
                                  asked.step, chapter_));
      continue;
    }
    if (!(asked.weight > 0))
      found.push_back(fmt::format("exercise '{}', step '{}': the weight must be positive", id_, asked.step));
    std::set<std::string> mistake_ids;
    for (const Mistake& mistake : asked.mistakes) {
      if (!mistake_ids.insert(mistake.id).second)
        found.push_back(fmt::format("exercise '{}', step '{}': mistake '{}' is named twice", id_, asked.step,
                                    mistake.id));
      for (const std::string& name : mistake.inputs)
        if (!trace.has(name))
          found.push_back(fmt::format("exercise '{}', step '{}', mistake '{}' reads '{}', which the trace "
                                      "does not have", id_, asked.step, mistake.id, name));
    }
  }
  for (const std::string& name : given_)
    if (!trace.has(name))
      found.push_back(fmt::format("exercise '{}' gives '{}', which the trace does not have", id_, name));
  return found;
}

std::string student_id_problem(std::string_view id) {
  if (id.empty()) return "the student id is empty";
  if (id.size() > max_student_id_bytes)
    return fmt::format("the student id is {} bytes long; at most {} are allowed", id.size(), max_student_id_bytes);
  if (!detail::is_valid_utf8(id)) return "the student id is not valid UTF-8 text";
  for (const char c : id) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F)
      return "the student id holds a control character (a newline, a tab, …)";
    if (c == '"' || c == '\\' || c == '/') return fmt::format("the student id holds '{}', which cannot be in an id", c);
  }
  if (id.front() == '.' || id.front() == ' ') return "the student id may not start with '.' or a space";
  return "";
}

Variant Variant::for_student(std::string id) {
  Variant variant;
  variant.seed = seed_from_text(id);
  variant.student = std::move(id);
  return variant;
}

Variant Variant::for_seed(std::uint64_t seed) {
  Variant variant;
  variant.seed = seed;
  return variant;
}

std::string Variant::describe() const {
  if (student) return fmt::format("student {} (seed {})", *student, *seed);
  if (seed) return fmt::format("seed {}", *seed);
  return "the lecture's own numbers";
}

}  // namespace nnwb
