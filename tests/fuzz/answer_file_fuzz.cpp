// Fuzz target: a student's answer file (parse_answer_file), graded and rendered in every form.
//
// Promises checked, for any bytes at all: nothing crashes or throws; the score is between 0 and the
// exercise's maximum; every rendering (text, Markdown, JSON, Gradescope's results.json) is valid
// UTF-8, and the JSON holds only valid UTF-8, so that even nlohmann's strict dump does not throw.
// A grade quotes the student's text, and one bad byte in one file must not lose a batch its output.
//
// Input: one byte that picks the exercise (modulo their number), then the answer file's text.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "exercises.hpp"
#include "fuzz_check.hpp"
#include "nnwb/answer_file.hpp"
#include "nnwb/grading.hpp"

namespace {

using nnwb::fuzz::fail;
using nnwb::fuzz::require;
using nnwb::fuzz::require_utf8;

// An exercise with the key of its lecture variant, built once: building a key per input would
// spend the fuzzer's time on the chapters rather than on the parser and the grader.
struct Key {
  const nnwb::Exercise* exercise;
  nnwb::Trace trace;
};

const std::vector<Key>& keys() {
  static const std::vector<Key> all = [] {
    std::vector<Key> built;
    for (const nnwb::Exercise& exercise : nnwb::exercises::all())
      built.push_back({&exercise, exercise.build(std::nullopt)});
    return built;
  }();
  return all;
}

// One strict dump checks both promises about the JSON: it throws on any string that is not valid
// UTF-8, and when it does not, its text is the text that error_handler_t::replace would give.
void check_json(const nlohmann::ordered_json& json, std::string_view what) {
  try {
    require_utf8(json.dump(2), what);
  } catch (const nlohmann::ordered_json::type_error& error) {
    fail(std::string(what) + ": a string is not valid UTF-8 (" + error.what() + ")");
  }
}

void check_grade(const nnwb::Grade& grade) {
  require(std::isfinite(grade.score) && grade.score >= 0 && grade.score <= grade.max_score,
          "the score is between 0 and max_score");
  require_utf8(nnwb::render_grade_text(grade), "render_grade_text is valid UTF-8");
  require_utf8(nnwb::render_grade_markdown(grade), "render_grade_markdown is valid UTF-8");
  check_json(nnwb::grade_to_json(grade), "grade_to_json");
  check_json(nnwb::gradescope_results(grade), "gradescope_results");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const Key& key = keys()[data[0] % keys().size()];
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  const nnwb::AnswerFile file = nnwb::parse_answer_file(text, "answers.toml");
  check_grade(nnwb::grade(*key.exercise, key.trace, nnwb::Variant::lecture(), file));
  // A file that names its student or seed is also graded as that variant (its key built here), so
  // that the grading goes past the check of who the file is for.
  if (file.error.empty() && (file.student || file.seed)) {
    const nnwb::Variant variant =
        file.student ? nnwb::Variant::for_student(*file.student) : nnwb::Variant::for_seed(*file.seed);
    check_grade(nnwb::grade(*key.exercise, variant, file));
  }
  return 0;
}
