#pragma once
/// @file grading.hpp
/// The grader: an exercise, the variant it was drawn for and a student's answer file give a grade
/// step by step. For each asked step, in the trace's order:
///
/// 1. **correct**: the answer is within the step's tolerance of the key, or of the step computed
///    from the student's own earlier answers when those were all accepted (an answer rounded to the
///    checked digits and carried forward) → the step's weight;
/// 2. **follow-through**: it is what the step gives when computed from the student's own earlier
///    answers (the trace recomputed with them, Trace::recompute), some of which were wrong → the
///    step's weight, and the feedback says which earlier answer it followed;
/// 3. **named mistake**: it matches one of the step's usual wrong formulas, computed from the key's
///    inputs or from the student's own → no credit, and the feedback names the mistake;
/// 4. **wrong**, **blank**, **missing** or **invalid** (wrong shape, text, NaN…) → no credit.
///
/// The key is taken with its round-off removed: an entry that is zero up to round-off is 0
/// (detail::graded_value). The interval shown with each verdict is the interval applied.
/// Input problems never stop the grading: each
/// is reported naming the file and the step.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "nnwb/answer_file.hpp"
#include "nnwb/exercise.hpp"

namespace nnwb {

enum class Outcome { correct, follow_through, mistake, wrong, blank, missing, invalid };
std::string_view outcome_name(Outcome outcome);

struct StepGrade {
  std::string step;      ///< step id
  std::string question;  ///< the question as the sheet asks it (plain text)
  double weight = 0;
  double score = 0;
  Outcome outcome = Outcome::missing;
  std::string feedback;  ///< one or two sentences for the student
  std::string mistake;   ///< the named mistake's id, when one matched
  std::optional<Value> submitted;
  Value expected;                   ///< the key
  std::optional<Value> from_yours;  ///< the step computed from the student's earlier answers, if it differs
  std::string accepted;             ///< the interval(s) applied, as text: the key's, and from_yours's if any
  std::string yours;                ///< the submitted value as text, with the digits that place it
};

/// Code exercises: the points of one variant that a submission ran on.
struct VariantPoints {
  Variant variant;
  double score = 0;
  double max_score = 0;
  std::string note;  ///< what went wrong on this variant as a whole ("the program ended before …"), if anything
};

struct Grade {
  std::string exercise;
  std::string title;
  std::string file;  ///< the answer file graded
  Variant variant;
  double score = 0;
  double max_score = 0;
  std::vector<StepGrade> steps;
  /// A problem with the whole file (empty, too large, not TOML, for another exercise or student):
  /// then no step is graded and the score is 0.
  std::string error;
  /// Problems with single answers or keys, each naming the file and the step.
  std::vector<std::string> problems;
  /// False when the roster names the student but no answer file came (batch --roster).
  bool handed_in = true;
  /// Code exercises: the variants the submission ran on, with their points (empty for an answer
  /// sheet). Each step's score is then the mean of its points over these variants.
  std::vector<VariantPoints> variants;

  bool clean() const { return error.empty() && problems.empty(); }
};

/// Grades `answers` for the variant `variant` of `exercise`. The trace is built from the variant.
Grade grade(const Exercise& exercise, const Variant& variant, const AnswerFile& answers);
/// The same with the variant's trace already built (a batch builds each variant once).
Grade grade(const Exercise& exercise, const Trace& key, const Variant& variant, const AnswerFile& answers);

/// Readable text for a person.
std::string render_grade_text(const Grade& grade);
/// Markdown, as Gradescope and the feedback files show it.
std::string render_grade_markdown(const Grade& grade);
/// JSON: every number at full precision (see docs/grading.md).
nlohmann::ordered_json grade_to_json(const Grade& grade);
/// Gradescope's results.json: the score, one test per asked step with Markdown output, visibility.
nlohmann::ordered_json gradescope_results(const Grade& grade);

}  // namespace nnwb
