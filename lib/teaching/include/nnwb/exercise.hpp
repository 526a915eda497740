#pragma once
/// @file exercise.hpp
/// An exercise: a chapter's derivation with some of its steps asked. Everything the grader needs
/// lives with the exercise: which steps are asked, their weights and tolerances, and for each step
/// the usual wrong formulas (named mistakes), each recomputed from the step's own inputs.
///
/// The parameters of a variant come from a seed, or from a student id hashed to a seed
/// (seed_from_text in random.hpp), so the answer key is never stored: it is the chapter's trace.
///
/// Example (exercises/mse_vs_ce.cpp has the real one):
/// @code
/// nnwb::Exercise e("mse_vs_ce.gradient", "mse_vs_ce", "The MSE gradient of a sigmoid output",
///                  nnwb::chapters::mse_vs_ce);
/// e.ask("mse.de_da", 2)
///     .tolerance(nnwb::Tolerance::sigfig(3))
///     .mistake("no_gprime", "the g'(a) factor is left out: ∂E/∂ŷ was not multiplied by ŷ(1 − ŷ)",
///              {"mse.de_dyhat"}, [](const nnwb::Inputs& in) { return in.value("mse.de_dyhat"); });
/// @endcode

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "nnwb/chapter.hpp"
#include "nnwb/tolerance.hpp"
#include "nnwb/trace.hpp"

namespace nnwb {

/// A usual wrong formula for an asked step. Its value is computed like the step's, from named
/// parameters and steps of the trace (by default the step's own inputs), so it follows the
/// variant's numbers and the student's own earlier values.
struct Mistake {
  std::string id;        ///< short and stable: "no_gprime", "sign_flipped"
  std::string feedback;  ///< what went wrong, said to the student: "the g'(a) factor is left out"
  std::vector<std::string> inputs;
  ComputeFn compute;
};

/// One blank on the student's sheet.
struct AskedStep {
  std::string step;             ///< the step's id in the chapter's trace
  double weight = 1;            ///< points for this step
  Tolerance accept = Tolerance::sigfig(3);
  std::string question;         ///< asked instead of the step's own title, if not empty
  std::vector<Mistake> mistakes;

  AskedStep& tolerance(Tolerance t) {
    accept = t;
    return *this;
  }
  AskedStep& ask_as(std::string text) {
    question = std::move(text);
    return *this;
  }
  /// A named mistake; with no inputs it reads the step's own inputs.
  AskedStep& mistake(std::string id, std::string feedback, std::vector<std::string> inputs, ComputeFn compute);
};

class Exercise {
 public:
  Exercise(std::string id, std::string chapter, std::string title, ChapterBuilder builder);

  const std::string& id() const { return id_; }
  const std::string& chapter() const { return chapter_; }
  const std::string& title() const { return title_; }

  /// What the sheet says before the blanks (Markdown; may use $…$ math).
  Exercise& instructions(std::string markdown);
  const std::string& instructions() const { return instructions_; }

  /// The convention paragraph the sheet prints, in place of the chapter's own (which may describe
  /// parts of the chapter that the exercise does not ask); empty: the chapter's.
  Exercise& convention(std::string markdown);
  const std::string& convention() const { return convention_; }

  /// Asks a step; the steps are asked in the order the trace computes them.
  AskedStep& ask(std::string step, double weight = 1);
  const std::vector<AskedStep>& asked() const { return asked_; }
  const AskedStep* asked_step(std::string_view step) const;
  double max_score() const;

  /// Steps shown with their values on the sheet (as "given"). By default: every step an asked step
  /// reads, directly or through other steps, that does not itself depend on an asked step.
  Exercise& give(std::vector<std::string> steps);
  const std::vector<std::string>& given() const { return given_; }

  /// The variant's trace: the lecture's own numbers when seed is empty.
  Trace build(std::optional<std::uint64_t> seed) const;

  /// Problems with the definition against a built trace (asked steps that do not exist, mistakes
  /// that read unknown names, non-positive weights); empty when it is sound.
  std::vector<std::string> problems(const Trace& trace) const;

 private:
  std::string id_, chapter_, title_, instructions_, convention_;
  ChapterBuilder build_;
  std::vector<AskedStep> asked_;
  std::vector<std::string> given_;
};

/// Who a variant is for: a student id (hashed to the seed), a seed, or the lecture's own numbers.
struct Variant {
  std::optional<std::string> student;
  std::optional<std::uint64_t> seed;  ///< the seed used; set from the student id when there is one

  static Variant lecture() { return {}; }
  static Variant for_student(std::string id);
  static Variant for_seed(std::uint64_t seed);
  /// "student s1234567 (seed 1234…)", "seed 7", "the lecture's own numbers".
  std::string describe() const;
};

/// The longest student id accepted, in bytes.
inline constexpr std::size_t max_student_id_bytes = 128;

/// What is wrong with `id` as a student id, or "" when nothing is. An id names the student's files
/// and is written into their answer file as it is, so it must be 1 to 128 bytes of valid UTF-8 with
/// no control characters (a newline, a tab), no '"', '\\' or '/', and not start with '.' or a space.
std::string student_id_problem(std::string_view id);

/// What the sheet shows of a trace: each step is asked (a blank), given (with its value) or hidden
/// (it depends on an asked step, so its value would give an answer away).
enum class StepRole { asked, given, hidden };
StepRole role_of(const Exercise& exercise, const Trace& trace, std::string_view step);
/// Parameters the asked steps read, directly or through other steps, in the trace's order.
std::vector<std::string> parameters_used(const Exercise& exercise, const Trace& trace);

/// The student's sheet in Markdown: their numbers, the lecture's notation, the asked steps as
/// blanks, and how to fill in the answer file.
std::string render_sheet(const Exercise& exercise, const Trace& trace, const Variant& variant);
/// The answer file the student fills in (TOML): each blank with its question beside it.
std::string render_answer_template(const Exercise& exercise, const Trace& trace, const Variant& variant);
/// The answer trace (the key): each asked step's answer and accepted interval, then the whole trace.
std::string render_key_markdown(const Exercise& exercise, const Trace& trace, const Variant& variant);
std::string render_key_json(const Exercise& exercise, const Trace& trace, const Variant& variant);

}  // namespace nnwb
