// The grader (see grading.hpp): correct, follow-through, named mistake, or wrong, step by step.
#include "nnwb/grading.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <set>

#include "nnwb/detail/exercise_internals.hpp"
#include "nnwb/detail/number_format.hpp"
#include "nnwb/detail/safe_text.hpp"
#include "nnwb/render.hpp"

namespace nnwb {

std::string_view outcome_name(Outcome outcome) {
  switch (outcome) {
    case Outcome::correct: return "correct";
    case Outcome::follow_through: return "follow-through";
    case Outcome::mistake: return "named mistake";
    case Outcome::wrong: return "wrong";
    case Outcome::blank: return "blank";
    case Outcome::missing: return "missing";
    case Outcome::invalid: return "invalid";
  }
  return "";
}

namespace {

// Whether `submitted` is accepted as `truth`: the same kind and shape, every entry within the
// tolerance; a verdict must agree.
bool matches(const Value& truth, const Value& submitted, const Tolerance& tolerance) {
  if (kind_of(truth) != kind_of(submitted) || shape_of(truth) != shape_of(submitted)) return false;
  switch (kind_of(truth)) {
    case ValueKind::scalar: return accepts(tolerance, std::get<double>(truth), std::get<double>(submitted));
    case ValueKind::vector: {
      const auto &t = std::get<Eigen::VectorXd>(truth), &s = std::get<Eigen::VectorXd>(submitted);
      for (Eigen::Index i = 0; i < t.size(); ++i)
        if (!accepts(tolerance, t[i], s[i])) return false;
      return true;
    }
    case ValueKind::matrix: {
      const auto &t = std::get<Eigen::MatrixXd>(truth), &s = std::get<Eigen::MatrixXd>(submitted);
      for (Eigen::Index i = 0; i < t.size(); ++i)
        if (!accepts(tolerance, t.data()[i], s.data()[i])) return false;
      return true;
    }
    case ValueKind::verdict: return std::get<Verdict>(truth).holds == std::get<Verdict>(submitted).holds;
  }
  return false;
}

// What the student must write, in their words: "a number", "a list of 3 numbers", …
std::string wanted(const Value& truth) {
  switch (kind_of(truth)) {
    case ValueKind::scalar: return "a number";
    case ValueKind::vector: return fmt::format("a vector: a list of {} numbers [a, b, …]", std::get<Eigen::VectorXd>(truth).size());
    case ValueKind::matrix: {
      const auto& m = std::get<Eigen::MatrixXd>(truth);
      return fmt::format("a {}×{} matrix: a list of {} rows of {} numbers [[…], …]", m.rows(), m.cols(), m.rows(), m.cols());
    }
    case ValueKind::verdict: return "true or false";
  }
  return "";
}

std::string written(const Value& value) {
  switch (kind_of(value)) {
    case ValueKind::scalar: return "a number";
    case ValueKind::vector: return fmt::format("a list of {} numbers", std::get<Eigen::VectorXd>(value).size());
    case ValueKind::matrix: {
      const auto& m = std::get<Eigen::MatrixXd>(value);
      return fmt::format("{} rows of {} numbers", m.rows(), m.cols());
    }
    case ValueKind::verdict: return "true/false";
  }
  return "";
}

std::string shown(const Value& value) {
  if (const auto* v = std::get_if<Verdict>(&value)) return v->holds ? "true" : "false";
  return detail::format_value_inline(value, {Rounding::Mode::significant, 6});
}

// A mistake's value from the names it reads in `trace`; none if it cannot be computed there.
std::optional<Value> mistake_value(const Mistake& mistake, const Step& step, const Trace& trace) {
  try {
    Inputs inputs;
    for (const std::string& name : mistake.inputs.empty() ? step.inputs : mistake.inputs)
      inputs.add(name, &trace.value(name));
    return mistake.compute(inputs);
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

}  // namespace

Grade grade(const Exercise& exercise, const Variant& variant, const AnswerFile& answers) {
  return grade(exercise, exercise.build(variant.seed), variant, answers);
}

Grade grade(const Exercise& exercise, const Trace& key, const Variant& variant, const AnswerFile& answers) {
  Grade g;
  g.exercise = exercise.id();
  g.title = exercise.title();
  g.file = answers.path;
  g.variant = variant;
  g.max_score = exercise.max_score();
  const std::vector<const AskedStep*> asked = detail::asked_in_trace_order(exercise, key);

  for (const AskedStep* a : asked) {  // every step starts as not graded
    StepGrade s;
    s.step = a->step;
    s.question = detail::question_text(*a, key);
    s.weight = a->weight;
    s.expected = detail::graded_value(key, a->step);
    s.accepted = detail::accepted_text(s.expected, a->accept);
    s.outcome = Outcome::missing;
    g.steps.push_back(std::move(s));
  }

  // Problems with the whole file: nothing is graded.
  const auto named = [](const std::string& text) { return detail::echo(text); };
  if (!answers.error.empty()) {
    g.error = fmt::format("{}: {}", answers.path, answers.error);
  } else if (answers.exercise && *answers.exercise != exercise.id()) {
    g.error = fmt::format("{}: this answer file is for exercise '{}', not '{}'", answers.path, named(*answers.exercise),
                          exercise.id());
  } else if (answers.student && variant.student && *answers.student != *variant.student) {
    g.error = fmt::format("{}: this answer file is for student '{}', but it is graded as student '{}'", answers.path,
                          named(*answers.student), named(*variant.student));
  } else if (answers.student && !variant.student) {
    g.error = fmt::format("{}: this answer file is for student '{}', but it is graded as {}", answers.path,
                          named(*answers.student), variant.describe());
  } else if (answers.seed && variant.seed != answers.seed) {
    g.error = fmt::format("{}: this answer file is for the variant of seed {}, but it is graded as {}", answers.path,
                          *answers.seed, variant.describe());
  } else if (!answers.seed && !answers.student && variant.seed) {
    g.error = fmt::format("{}: this answer file names no student and no seed, but it is graded as {}; the file "
                          "you were given starts with student = \"…\"",
                          answers.path, variant.describe());
  }
  if (!g.error.empty()) {
    for (StepGrade& s : g.steps) s.feedback = "not graded: " + g.error;
    return g;
  }
  if (!answers.exercise)
    g.problems.push_back(fmt::format("{}: the line exercise = \"{}\" is missing", answers.path, exercise.id()));
  for (const std::string& unknown : answers.unknown) g.problems.push_back(fmt::format("{}: {}", answers.path, unknown));
  for (const auto& [step, answer] : answers.answers)
    if (!exercise.asked_step(step))
      g.problems.push_back(fmt::format("{}, line {}: step '{}' is not asked in exercise '{}'", answers.path,
                                       answer.line, named(step), exercise.id()));

  // The student's usable answers, accepted or not, and the trace recomputed from them: each step is
  // also checked against what it gives from the student's own earlier answers.
  std::map<std::string, Value> yours;
  for (const AskedStep* a : asked) {
    const auto it = answers.answers.find(a->step);
    if (it == answers.answers.end() || !it->second.value) continue;
    const Value& value = *it->second.value;
    const Value& truth = key.value(a->step);
    if (kind_of(value) == kind_of(truth) && shape_of(value) == shape_of(truth)) yours.emplace(a->step, value);
  }
  std::optional<Trace> mine;
  try {
    mine.emplace(key);
    mine->recompute(yours);
  } catch (const std::exception&) {
    mine.reset();  // a compute step refused the student's numbers: nothing to carry forward
  }

  std::set<std::string> wrong_so_far;  // asked steps not accepted as the key (or not answered), in order
  for (std::size_t i = 0; i < asked.size(); ++i) {
    const AskedStep& a = *asked[i];
    StepGrade& s = g.steps[i];
    const Step& step = key.step_at(a.step);
    const auto it = answers.answers.find(a.step);
    const auto where = [&](int line) {
      return line > 0 ? fmt::format("{}, line {}", answers.path, line) : answers.path;
    };

    if (it == answers.answers.end()) {
      s.feedback = fmt::format("missing: the answer file has no line for step '{}'", a.step);
      g.problems.push_back(fmt::format("{}: step '{}' ({}) is missing: add the line \"{}\" = {}", answers.path,
                                       a.step, s.question, a.step, "…"));
      wrong_so_far.insert(a.step);
      continue;
    }
    const SubmittedAnswer& answer = it->second;
    if (answer.blank) {
      s.outcome = Outcome::blank;
      s.feedback = "left blank";
      wrong_so_far.insert(a.step);
      continue;
    }
    if (!answer.value) {
      s.outcome = Outcome::invalid;
      s.feedback = answer.problem;
      g.problems.push_back(fmt::format("{}, step '{}': {}", where(answer.line), a.step, answer.problem));
      wrong_so_far.insert(a.step);
      continue;
    }
    s.submitted = *answer.value;
    if (kind_of(*answer.value) != kind_of(s.expected) || shape_of(*answer.value) != shape_of(s.expected)) {
      s.outcome = Outcome::invalid;
      s.feedback = fmt::format("wrong shape: {} is asked, and the file has {}", wanted(s.expected), written(*answer.value));
      g.problems.push_back(fmt::format("{}, step '{}': {}", where(answer.line), a.step, s.feedback));
      wrong_so_far.insert(a.step);
      continue;
    }
    const ShownAnswer against_key = detail::shown_against(s.expected, *answer.value, a.accept);
    s.accepted = against_key.interval;
    s.yours = against_key.submitted;

    // 1. Correct: within the tolerance of the key.
    if (matches(s.expected, *answer.value, a.accept)) {
      s.outcome = Outcome::correct;
      s.score = a.weight;
      s.feedback = "correct";
      continue;
    }
    wrong_so_far.insert(a.step);
    // 2. From the student's own earlier answers: correct when those were all accepted (rounding
    //    carried forward), follow-through when some were wrong.
    std::optional<Value> from_yours;
    if (mine) {
      try {
        from_yours = detail::without_roundoff(*mine, a.step, mine->compute_step(a.step, {}));
      } catch (const std::exception&) {
        from_yours.reset();  // the step cannot be computed from the student's numbers
      }
    }
    if (from_yours && !matches(s.expected, *from_yours, a.accept)) {
      s.from_yours = from_yours;
      s.accepted += "; from your earlier answers: " + detail::accepted_text(*from_yours, a.accept);
    }
    if (from_yours && matches(*from_yours, *answer.value, a.accept)) {
      std::vector<std::string> followed;
      const std::set<std::string> upstream = detail::upstream_of(key, a.step);
      for (std::size_t j = 0; j < i; ++j)
        if (upstream.count(asked[j]->step) && wrong_so_far.count(asked[j]->step))
          followed.push_back(fmt::format("{} (step {})", asked[j]->step, j + 1));
      s.score = a.weight;
      if (followed.empty()) {  // every earlier answer it reads was accepted: rounding carried forward
        wrong_so_far.erase(a.step);
        s.outcome = Outcome::correct;
        s.feedback = "correct: what this step gives from your own earlier answers, as you wrote them";
      } else {
        s.outcome = Outcome::follow_through;
        s.feedback = fmt::format("follow-through: not the key's value, but correct from your own earlier answer{} "
                                 "{}, which {} wrong; full credit for this step",
                                 followed.size() == 1 ? "" : "s", fmt::join(followed, ", "),
                                 followed.size() == 1 ? "was" : "were");
      }
      continue;
    }
    // 3. A named mistake, from the key's inputs or from the student's own.
    for (const Mistake& mistake : a.mistakes) {
      bool hit = false;
      for (const Trace* trace : std::initializer_list<const Trace*>{&key, mine ? &*mine : nullptr}) {
        if (!trace) continue;
        const auto value = mistake_value(mistake, step, *trace);
        hit = hit || (value && matches(*value, *answer.value, a.accept));
      }
      if (hit) {
        s.outcome = Outcome::mistake;
        s.mistake = mistake.id;
        s.feedback = fmt::format("mistake: {}", mistake.feedback);
        break;
      }
    }
    if (s.outcome == Outcome::mistake) continue;
    // 4. Wrong.
    s.outcome = Outcome::wrong;
    s.feedback = "not within the accepted interval, and not a mistake the grader knows: check this step";
  }
  for (const StepGrade& s : g.steps) g.score += s.score;
  return g;
}

// ---- printed forms -----------------------------------------------------------------------------

namespace {
std::string score_text(double x) { return detail::format_number(x, {Rounding::Mode::significant, 4}); }

// A code exercise's points per variant, one line each: "seed 3            2.5 / 4  the program …".
std::string variant_lines(const Grade& g, std::string_view indent) {
  std::string out;
  for (const VariantPoints& v : g.variants)
    out += fmt::format("{}{:<44} {:>5} / {}{}\n", indent, v.variant.describe(), score_text(v.score),
                       score_text(v.max_score), v.note.empty() ? "" : "  " + v.note);
  return out;
}
}  // namespace

std::string render_grade_text(const Grade& g) {
  std::string out = fmt::format("{}: {}\n{}\nfile     {}\nvariant  {}\nscore    {} / {}\n", g.exercise, g.title,
                                std::string(g.exercise.size() + 2 + detail::display_width(g.title), '='), g.file,
                                g.variant.describe(), score_text(g.score), score_text(g.max_score));
  if (!g.variants.empty()) out += fmt::format("\npoints per variant\n{}", variant_lines(g, "  "));
  if (!g.error.empty()) out += fmt::format("\nerror: {}\n", g.error);
  for (const std::string& problem : g.problems) out += fmt::format("problem: {}\n", problem);
  for (std::size_t i = 0; i < g.steps.size(); ++i) {
    const StepGrade& s = g.steps[i];
    out += fmt::format("\n{:>2}. {}  [{}]\n    {} / {}  {}\n", i + 1, s.question, s.step, score_text(s.score),
                       score_text(s.weight), s.feedback);
    if (!g.error.empty()) continue;
    if (s.submitted) out += fmt::format("    yours     {}\n", s.yours);
    if (s.outcome != Outcome::correct) {
      out += fmt::format("    accepted  {}\n", s.accepted);
      if (s.from_yours) out += fmt::format("    from your earlier answers: {}\n", shown(*s.from_yours));
    }
  }
  return out;
}

std::string render_grade_markdown(const Grade& g) {
  std::string out = fmt::format("## {}: {}\n\n**Score: {} / {}** ({})\n\n", g.exercise, g.title, score_text(g.score),
                                score_text(g.max_score), g.variant.describe());
  if (!g.error.empty()) out += fmt::format("**Not graded:** {}\n\n", g.error);
  for (const std::string& problem : g.problems) out += fmt::format("- **Problem:** {}\n", problem);
  if (!g.problems.empty()) out += "\n";
  const auto cell = [](std::string text) {  // one table cell: no '|' to end it early
    std::replace(text.begin(), text.end(), '|', '/');
    return text;
  };
  if (!g.variants.empty()) {
    out += "| variant | score |\n|---|---|\n";
    for (const VariantPoints& v : g.variants)
      out += fmt::format("| {} | {} / {}{} |\n", cell(v.variant.describe()), score_text(v.score),
                         score_text(v.max_score), v.note.empty() ? "" : ": " + cell(v.note));
    out += "\n";
  }
  out += "| # | step | score | verdict |\n|---|---|---|---|\n";
  std::string details;  // what was submitted and what was accepted, for each step not accepted as the key
  for (std::size_t i = 0; i < g.steps.size(); ++i) {
    const StepGrade& s = g.steps[i];
    out += fmt::format("| {} | {} (`{}`) | {} / {} | {} |\n", i + 1, cell(s.question), s.step, score_text(s.score),
                       score_text(s.weight), cell(s.feedback));
    if (!g.error.empty() || !s.submitted || s.outcome == Outcome::correct) continue;
    details += fmt::format("- **{}. `{}`** ({}): yours `{}`; accepted {}", i + 1, s.step, outcome_name(s.outcome),
                           s.yours, s.accepted);
    if (s.from_yours) details += fmt::format("; from your earlier answers this step gives `{}`", shown(*s.from_yours));
    details += "\n";
  }
  if (!details.empty()) out += "\n" + details;
  return out;
}

nlohmann::ordered_json grade_to_json(const Grade& g) {
  nlohmann::ordered_json j;
  j["format"] = "nnwb-grade";
  j["format_version"] = 1;
  j["exercise"] = g.exercise;
  j["title"] = g.title;
  j["file"] = g.file;
  j["variant"] = {{"student", g.variant.student ? nlohmann::ordered_json(*g.variant.student) : nullptr},
                  {"seed", g.variant.seed ? nlohmann::ordered_json(*g.variant.seed) : nullptr}};
  j["score"] = g.score;
  j["max_score"] = g.max_score;
  j["error"] = g.error.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(g.error);
  j["problems"] = g.problems;
  j["steps"] = nlohmann::ordered_json::array();
  for (const StepGrade& s : g.steps) {
    nlohmann::ordered_json step;
    step["step"] = s.step;
    step["question"] = s.question;
    step["weight"] = s.weight;
    step["score"] = s.score;
    step["outcome"] = outcome_name(s.outcome);
    step["mistake"] = s.mistake.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(s.mistake);
    step["feedback"] = s.feedback;
    step["submitted"] = s.submitted ? value_to_json(*s.submitted) : nlohmann::ordered_json(nullptr);
    step["expected"] = value_to_json(s.expected);
    step["from_your_answers"] = s.from_yours ? value_to_json(*s.from_yours) : nlohmann::ordered_json(nullptr);
    step["accepted"] = s.accepted;
    j["steps"].push_back(std::move(step));
  }
  if (!g.variants.empty()) {
    j["variants"] = nlohmann::ordered_json::array();
    for (const VariantPoints& v : g.variants)
      j["variants"].push_back({{"student", v.variant.student ? nlohmann::ordered_json(*v.variant.student) : nullptr},
                               {"seed", v.variant.seed ? nlohmann::ordered_json(*v.variant.seed) : nullptr},
                               {"score", v.score},
                               {"max_score", v.max_score},
                               {"note", v.note.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(v.note)}});
  }
  return j;
}

nlohmann::ordered_json gradescope_results(const Grade& g) {
  nlohmann::ordered_json j;
  j["score"] = g.score;
  j["output"] = render_grade_markdown(g);
  j["output_format"] = "md";
  j["test_output_format"] = "md";
  j["visibility"] = "visible";
  j["stdout_visibility"] = "hidden";
  j["tests"] = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < g.steps.size(); ++i) {
    const StepGrade& s = g.steps[i];
    std::string output = s.feedback;
    if (g.error.empty()) {
      if (s.submitted) output += fmt::format("\n\nYour answer: `{}`", s.yours);
      if (s.outcome != Outcome::correct) output += fmt::format("\n\nAccepted: {}", s.accepted);
      if (s.from_yours) output += fmt::format("\n\nFrom your earlier answers: `{}`", shown(*s.from_yours));
    }
    nlohmann::ordered_json test;
    test["score"] = s.score;
    test["max_score"] = s.weight;
    test["status"] = s.score >= s.weight ? "passed" : "failed";
    test["name"] = fmt::format("{}. {} ({})", i + 1, s.question, s.step);
    test["number"] = std::to_string(i + 1);
    test["output"] = output;
    test["output_format"] = "md";
    test["tags"] = {std::string(outcome_name(s.outcome))};
    test["visibility"] = "visible";
    j["tests"].push_back(std::move(test));
  }
  return j;
}

}  // namespace nnwb
