// What an exercise prints (see exercise.hpp): the student's sheet, the answer file to fill in, and
// the answer trace (the key) in Markdown and JSON.
#include <fmt/format.h>
#include <map>

#include "nnwb/detail/exercise_internals.hpp"
#include "nnwb/detail/number_format.hpp"
#include "nnwb/exercise.hpp"
#include "nnwb/render.hpp"

namespace nnwb {

// ---- what the sheet shows ----------------------------------------------------------------------

namespace detail {

std::set<std::string> upstream_of(const Trace& trace, std::string_view name) {
  std::map<std::string_view, const Step*> steps;
  for (const Step& step : trace.steps()) steps.emplace(step.id, &step);
  std::set<std::string> seen;
  std::vector<std::string> todo{std::string(name)};
  while (!todo.empty()) {
    const std::string current = std::move(todo.back());
    todo.pop_back();
    const auto it = steps.find(current);
    if (it == steps.end()) continue;  // a parameter reads nothing
    for (const std::string& input : it->second->inputs)
      if (seen.insert(input).second) todo.push_back(input);
  }
  return seen;
}

std::vector<const AskedStep*> asked_in_trace_order(const Exercise& exercise, const Trace& trace) {
  std::vector<const AskedStep*> ordered;
  for (const Step& step : trace.steps())
    if (const AskedStep* asked = exercise.asked_step(step.id)) ordered.push_back(asked);
  return ordered;
}

std::string question_text(const AskedStep& asked, const Trace& trace) {
  if (!asked.question.empty()) return prose_to_text(asked.question);
  const Step& step = trace.step_at(asked.step);
  std::string text = prose_to_text(step.title);
  if (!step.formula.empty()) text += " — " + latex_to_text(step.formula);
  return text;
}

// The accepted interval(s) around the key, as text.
std::string accepted_text(const Value& truth, const Tolerance& tolerance) {
  const auto entries = [&](const double* data, Eigen::Index n) {
    std::string out;
    for (Eigen::Index i = 0; i < n; ++i)
      out += (i ? "; " : "") + describe(accepted_interval(data[i], tolerance));
    return out;
  };
  switch (kind_of(truth)) {
    case ValueKind::scalar: return describe(accepted_interval(std::get<double>(truth), tolerance));
    case ValueKind::vector: {
      const auto& v = std::get<Eigen::VectorXd>(truth);
      return "entry by entry: " + entries(v.data(), v.size());
    }
    case ValueKind::matrix: {
      const Eigen::MatrixXd rows = std::get<Eigen::MatrixXd>(truth).transpose();  // row by row
      return "row by row: " + entries(rows.data(), rows.size());
    }
    case ValueKind::verdict: return std::get<Verdict>(truth).holds ? "true" : "false";
  }
  return "";
}

}  // namespace detail

StepRole role_of(const Exercise& exercise, const Trace& trace, std::string_view step) {
  if (exercise.asked_step(step)) return StepRole::asked;
  if (!exercise.given().empty()) {
    for (const std::string& given : exercise.given())
      if (given == step) return StepRole::given;
    return StepRole::hidden;
  }
  // By default a step is given when an asked step reads it and it reads no asked step.
  bool read_by_asked = false;
  for (const AskedStep& asked : exercise.asked())
    read_by_asked = read_by_asked || detail::upstream_of(trace, asked.step).count(std::string(step)) > 0;
  if (!read_by_asked) return StepRole::hidden;
  for (const std::string& input : detail::upstream_of(trace, step))
    if (exercise.asked_step(input)) return StepRole::hidden;
  return StepRole::given;
}

std::vector<std::string> parameters_used(const Exercise& exercise, const Trace& trace) {
  std::set<std::string> used;
  for (const AskedStep& asked : exercise.asked())
    for (const std::string& name : detail::upstream_of(trace, asked.step)) used.insert(name);
  std::vector<std::string> names;
  for (const Parameter& p : trace.parameters())
    if (used.count(p.name)) names.push_back(p.name);
  return names;
}

namespace {

// Given values are printed with enough digits to work on by hand without losing the answer's.
constexpr Rounding sheet_rounding{Rounding::Mode::significant, 6};

std::string points(double weight) {
  return fmt::format("{} point{}", detail::format_number(weight, {Rounding::Mode::significant, 4}),
                     weight == 1 ? "" : "s");
}

std::string kind_hint(const Value& value) {
  switch (kind_of(value)) {
    case ValueKind::scalar: return "a number";
    case ValueKind::vector: return fmt::format("a vector of {}", std::get<Eigen::VectorXd>(value).size());
    case ValueKind::matrix: {
      const auto& m = std::get<Eigen::MatrixXd>(value);
      return fmt::format("a {}×{} matrix", m.rows(), m.cols());
    }
    case ValueKind::verdict: return "true or false";
  }
  return "";
}

// How an answer is compared: a verdict exactly, a number with the step's tolerance.
std::string how_compared(const AskedStep& asked, const Value& value) {
  return kind_of(value) == ValueKind::verdict ? "exactly" : describe(asked.accept);
}

std::string variant_line(const Exercise& exercise, const Variant& variant) {
  return fmt::format("Chapter `{}` · {}", exercise.chapter(), variant.describe());
}

}  // namespace

std::string render_sheet(const Exercise& exercise, const Trace& trace, const Variant& variant) {
  std::string out = fmt::format("# Exercise {}: {}\n\n{}\n\n", exercise.id(), exercise.title(),
                                variant_line(exercise, variant));
  if (!exercise.instructions().empty()) out += exercise.instructions() + "\n\n";
  if (!trace.convention().empty()) out += fmt::format("**Convention.** {}\n\n", trace.convention());
  if (!trace.notation().empty()) {
    out += "## Notation\n\n";
    for (const Notation& n : trace.notation()) out += fmt::format("- ${}$: {}\n", n.symbol, n.meaning);
    out += "\n";
  }
  out += "## Your numbers\n\n";
  for (const std::string& name : parameters_used(exercise, trace))
    for (const Parameter& p : trace.parameters())
      if (p.name == name)
        out += fmt::format("- ${} = {}$ ({})\n", p.symbol, detail::format_value_latex(p.value, sheet_rounding),
                           p.meaning);
  std::string given;
  for (const Step& step : trace.steps())
    if (role_of(exercise, trace, step.id) == StepRole::given)
      given += fmt::format("- {} `{}`: $${} \\quad\\longrightarrow\\quad {}$$\n", step.title, step.id, step.formula,
                           detail::format_value_latex(step.value, sheet_rounding));
  if (!given.empty()) out += "\n## Given\n\n" + given;
  out += "\n## Your steps\n\n";
  const auto asked = detail::asked_in_trace_order(exercise, trace);
  for (std::size_t i = 0; i < asked.size(); ++i) {
    const Step& step = trace.step_at(asked[i]->step);
    const std::string title = asked[i]->question.empty() ? step.title : asked[i]->question;
    out += fmt::format("### {}. {}\n\n`{}` · {} · {} · {}\n\n", i + 1, title, step.id, kind_hint(step.value),
                       points(asked[i]->weight), how_compared(*asked[i], step.value));
    // A question of the exercise's own replaces the step's formula, which may give the answer away
    // (the perceptron's update "w ← w" says the point was classified right).
    if (asked[i]->question.empty() && !step.formula.empty()) out += fmt::format("$${}$$\n\n", step.formula);
    out += "Your answer: ________________\n\n";
  }
  out += fmt::format("## Handing in\n\nWrite each answer into your answer file (`nnwb-exercise template {} …` "
                     "prints it), beside its question, and hand in that file. Numbers only: no fractions or "
                     "formulas. A step computed correctly from your own wrong earlier answer still earns its "
                     "points.\n",
                     exercise.id());
  return out;
}

std::string render_answer_template(const Exercise& exercise, const Trace& trace, const Variant& variant) {
  std::string out = fmt::format(
      "# nnwb answer file: exercise {} ({})\n"
      "# Variant: {}. Keep the lines exercise = … and student = … (or seed = …) as they are.\n"
      "#\n"
      "# Replace each \"\" with your answer:\n"
      "#   a number         0.25   or  -3   or  1.5e-3\n"
      "#   a vector         [0.25, -0.5, 1]\n"
      "#   a matrix         [[1, 2], [3, 4]]      (row by row)\n"
      "#   yes or no        true   or  false\n"
      "# Leave \"\" where you have no answer. Numbers only: no fractions, no text.\n\n"
      "exercise = \"{}\"\n",
      exercise.id(), detail::prose_to_text(exercise.title()), variant.describe(), exercise.id());
  if (variant.student) out += fmt::format("student = \"{}\"\n", *variant.student);
  else if (variant.seed) out += fmt::format("seed = {}\n", *variant.seed);
  out += "\n[answers]\n";
  const auto asked = detail::asked_in_trace_order(exercise, trace);
  for (std::size_t i = 0; i < asked.size(); ++i) {
    const Step& step = trace.step_at(asked[i]->step);
    out += fmt::format("\n# {}. {}\n#    {}; {}; {}\n\"{}\" = \"\"\n", i + 1, detail::question_text(*asked[i], trace),
                       kind_hint(step.value), points(asked[i]->weight), how_compared(*asked[i], step.value), step.id);
  }
  return out;
}

std::string render_key_markdown(const Exercise& exercise, const Trace& trace, const Variant& variant) {
  std::string out = fmt::format("# Answer trace: {} ({})\n\n{} · {} points in all\n\n", exercise.id(),
                                exercise.title(), variant_line(exercise, variant),
                                detail::format_number(exercise.max_score(), {Rounding::Mode::significant, 4}));
  out += "| # | step | answer | accepted | points | named mistakes |\n|---|---|---|---|---|---|\n";
  const auto asked = detail::asked_in_trace_order(exercise, trace);
  for (std::size_t i = 0; i < asked.size(); ++i) {
    const Step& step = trace.step_at(asked[i]->step);
    std::string mistakes;
    for (const Mistake& m : asked[i]->mistakes) mistakes += (mistakes.empty() ? "" : ", ") + ("`" + m.id + "`");
    const std::string accepted = kind_of(step.value) == ValueKind::verdict
                                     ? detail::accepted_text(step.value, asked[i]->accept)
                                     : detail::accepted_text(step.value, asked[i]->accept) + ", " + describe(asked[i]->accept);
    out += fmt::format("| {} | {} `{}` | ${}$ | {} | {} | {} |\n", i + 1, step.title, step.id,
                       detail::format_value_latex(step.value, sheet_rounding), accepted,
                       detail::format_number(asked[i]->weight, {Rounding::Mode::significant, 4}),
                       mistakes.empty() ? "—" : mistakes);
  }
  out += "\n## The whole derivation\n\n" + render_markdown(trace);
  return out;
}

std::string render_key_json(const Exercise& exercise, const Trace& trace, const Variant& variant) {
  nlohmann::ordered_json j;
  j["format"] = "nnwb-answer-trace";
  j["format_version"] = 1;
  j["exercise"] = exercise.id();
  j["title"] = exercise.title();
  j["chapter"] = exercise.chapter();
  j["variant"] = {{"student", variant.student ? nlohmann::ordered_json(*variant.student) : nullptr},
                  {"seed", variant.seed ? nlohmann::ordered_json(*variant.seed) : nullptr}};
  j["max_score"] = exercise.max_score();
  j["answers"] = nlohmann::ordered_json::array();
  for (const AskedStep* asked : detail::asked_in_trace_order(exercise, trace)) {
    nlohmann::ordered_json a;
    a["step"] = asked->step;
    a["question"] = detail::question_text(*asked, trace);
    a["weight"] = asked->weight;
    const Tolerance& t = asked->accept;
    switch (t.mode) {
      case Tolerance::Mode::relabs: a["tolerance"] = {{"mode", "relabs"}, {"rtol", t.rtol}, {"atol", t.atol}}; break;
      case Tolerance::Mode::sigfig: a["tolerance"] = {{"mode", "sigfig"}, {"digits", t.digits}}; break;
      case Tolerance::Mode::decdig: a["tolerance"] = {{"mode", "decdig"}, {"digits", t.digits}}; break;
    }
    a["answer"] = value_to_json(trace.value(asked->step));
    a["mistakes"] = nlohmann::ordered_json::array();
    for (const Mistake& m : asked->mistakes) a["mistakes"].push_back({{"id", m.id}, {"feedback", m.feedback}});
    j["answers"].push_back(std::move(a));
  }
  j["trace"] = to_json(trace);
  return j.dump(2) + "\n";
}

}  // namespace nnwb
