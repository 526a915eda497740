// The workbook in the browser: what a page calls, compiled to WebAssembly by the browser build
// (cmake/browser_module.cmake; issue 12). The same chapters, exercises and grader as the native programs,
// behind a handful of functions that take and return text, so that a page (or node) needs nothing
// but the module `nnwb.js`:
//
//   catalogue()                           the chapters and exercises, as JSON
//   trace(chapter, seed, student)         a chapter's trace, as `<chapter> --format json` writes it
//   page(chapter, seed, student)          what a live chapter page shows (docs/live/): {"trace": that
//                                         JSON as text, "html": the derivation, "figures": [...]}
//   sheet(exercise, seed, student)        the student's sheet (Markdown), as `nnwb-exercise sheet`
//   answerTemplate(exercise, seed, student)  the answer file to fill in (TOML), as `template`
//   practice(exercise, seed, student)     what a practice page needs (docs/live/): {"sheet": the sheet,
//                                         "steps": [{"id", "kind", "rows", "cols", "weight"}, …] for
//                                         each asked step, in the sheet's order, shaped as its answer}
//   grade(exercise, answerFile, fileName) the grade, as `nnwb-exercise grade --format json`
//
// A variant is the lecture's own numbers (seed and student both ""), a seed (digits), or a student
// id (hashed to the seed, as everywhere). A request that cannot be met returns {"error": "…"}, the
// message the command line would print, instead of throwing into the page.
#include <emscripten/bind.h>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <charconv>
#include <stdexcept>
#include <string>

#include "chapters.hpp"
#include "exercises.hpp"
#include "nnwb/answer_file.hpp"
#include "nnwb/detail/exercise_internals.hpp"
#include "nnwb/detail/safe_text.hpp"
#include "nnwb/exercise.hpp"
#include "nnwb/grading.hpp"
#include "nnwb/render.hpp"

namespace nnwb::browser {
namespace {

std::string json_text(const nlohmann::ordered_json& json) {
  return json.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

std::string error_json(const std::string& message) {
  return json_text(nlohmann::ordered_json{{"error", message}});
}

// The variant a page asks for: a seed (digits only, as `--seed` takes them), a student id, or
// neither (the lecture's own numbers). Both at once is refused, as on the command line.
Variant variant_of(const std::string& seed, const std::string& student) {
  if (!seed.empty() && !student.empty()) throw std::invalid_argument("give a seed or a student id, not both");
  if (!student.empty()) {
    if (const std::string problem = student_id_problem(student); !problem.empty())
      throw std::invalid_argument(problem);
    return Variant::for_student(student);
  }
  if (seed.empty()) return Variant::lecture();
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(seed.data(), seed.data() + seed.size(), value);
  if (seed.find_first_not_of("0123456789") != std::string::npos || error != std::errc() ||
      end != seed.data() + seed.size())
    throw std::invalid_argument(fmt::format("a seed is a whole number from 0 to 18446744073709551615, not '{}'",
                                            detail::echo(seed, 40)));
  return Variant::for_seed(value);
}

// Runs `body`, turning whatever it throws into {"error": …}.
template <class Body>
std::string answer(Body body) {
  try {
    return body();
  } catch (const std::exception& error) {
    return error_json(error.what());
  }
}

std::string catalogue() {
  nlohmann::ordered_json json;
  json["chapters"] = nlohmann::ordered_json::array();
  for (const Chapter& chapter : chapters::catalogue())
    json["chapters"].push_back({{"number", chapter.number}, {"id", chapter.id}, {"title", chapter.title}});
  json["exercises"] = nlohmann::ordered_json::array();
  for (const Exercise& exercise : exercises::all())
    json["exercises"].push_back({{"id", exercise.id()}, {"chapter", exercise.chapter()}, {"title", exercise.title()}});
  return json_text(json);
}

std::string trace(const std::string& chapter, const std::string& seed, const std::string& student) {
  return answer([&] {
    const Chapter& found = chapters::find(chapter);
    return render_json(found.build(ChapterOptions{variant_of(seed, student).seed, false}));
  });
}

// The trace stays text inside the answer: a seed drawn from a student id is a 64-bit number, which a
// page's JSON.parse would round to a double.
std::string page(const std::string& chapter, const std::string& seed, const std::string& student) {
  return answer([&] {
    const Chapter& found = chapters::find(chapter);
    const Trace built = found.build(ChapterOptions{variant_of(seed, student).seed, false});
    return json_text(nlohmann::ordered_json{
        {"trace", render_json(built)}, {"html", render_html(built)}, {"figures", figures_to_json(built)}});
  });
}

std::string sheet(const std::string& exercise, const std::string& seed, const std::string& student) {
  return answer([&] {
    const Exercise& found = exercises::find(exercise);
    const Variant variant = variant_of(seed, student);
    return render_sheet(found, found.build(variant.seed), variant);
  });
}

std::string answer_template(const std::string& exercise, const std::string& seed, const std::string& student) {
  return answer([&] {
    const Exercise& found = exercises::find(exercise);
    const Variant variant = variant_of(seed, student);
    return render_answer_template(found, found.build(variant.seed), variant);
  });
}

// The answer's shape is the key's: a page sizes its inputs by it (a number, a vector of n, a matrix
// of r × c, yes or no), as the sheet states it in words.
std::string practice(const std::string& exercise, const std::string& seed, const std::string& student) {
  return answer([&] {
    const Exercise& found = exercises::find(exercise);
    const Variant variant = variant_of(seed, student);
    const Trace key = found.build(variant.seed);
    nlohmann::ordered_json steps = nlohmann::ordered_json::array();
    for (const AskedStep* asked : detail::asked_in_trace_order(found, key)) {
      const Value& value = key.value(asked->step);
      nlohmann::ordered_json shape{{"id", asked->step}, {"kind", kind_name(kind_of(value))}, {"weight", asked->weight}};
      if (const auto* vector = std::get_if<Eigen::VectorXd>(&value)) shape["rows"] = vector->size();
      if (const auto* matrix = std::get_if<Eigen::MatrixXd>(&value)) shape["rows"] = matrix->rows(), shape["cols"] = matrix->cols();
      steps.push_back(std::move(shape));
    }
    return json_text(nlohmann::ordered_json{{"sheet", render_sheet(found, key, variant)}, {"steps", std::move(steps)}});
  });
}

// As `nnwb-exercise grade EXERCISE FILE` with no --student or --seed: the variant the file names.
// `file_name` names the file in messages (the name of the file a student picked, say).
std::string grade(const std::string& exercise, const std::string& answer_file, const std::string& file_name) {
  return answer([&] {
    const Exercise& found = exercises::find(exercise);
    const AnswerFile answers = parse_answer_file(answer_file, file_name);
    Variant variant = Variant::lecture();
    if (answers.error.empty()) {
      if (answers.student) variant = Variant::for_student(*answers.student);
      else if (answers.seed) variant = Variant::for_seed(*answers.seed);
    }
    return json_text(grade_to_json(nnwb::grade(found, variant, answers)));
  });
}

}  // namespace
}  // namespace nnwb::browser

EMSCRIPTEN_BINDINGS(nnwb) {
  emscripten::function("catalogue", &nnwb::browser::catalogue);
  emscripten::function("trace", &nnwb::browser::trace);
  emscripten::function("page", &nnwb::browser::page);
  emscripten::function("sheet", &nnwb::browser::sheet);
  emscripten::function("answerTemplate", &nnwb::browser::answer_template);
  emscripten::function("practice", &nnwb::browser::practice);
  emscripten::function("grade", &nnwb::browser::grade);
}
