// What an exercise prints (see exercise.hpp): the student's sheet, the answer file to fill in, and
// the answer trace (the key) in Markdown and JSON.
#include <cmath>
#include <fmt/format.h>
#include <fmt/ranges.h>
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

namespace {

// The entries of a scalar, vector or matrix, row by row; none for a verdict.
std::vector<double> entries_of(const Value& value) {
  switch (kind_of(value)) {
    case ValueKind::scalar: return {std::get<double>(value)};
    case ValueKind::vector: {
      const auto& v = std::get<Eigen::VectorXd>(value);
      return {v.data(), v.data() + v.size()};
    }
    case ValueKind::matrix: {
      const Eigen::MatrixXd rows = std::get<Eigen::MatrixXd>(value).transpose();  // row by row
      return {rows.data(), rows.data() + rows.size()};
    }
    case ValueKind::verdict: return {};
  }
  return {};
}

std::string entry_prefix(const Value& truth) {
  return kind_of(truth) == ValueKind::vector ? "entry by entry: " : kind_of(truth) == ValueKind::matrix ? "row by row: " : "";
}

}  // namespace

std::string accepted_text(const Value& truth, const Tolerance& tolerance) {
  if (const auto* v = std::get_if<Verdict>(&truth)) return v->holds ? "true" : "false";
  std::string out;
  for (const double t : entries_of(truth)) out += (out.empty() ? "" : "; ") + describe_accepted(t, tolerance);
  return entry_prefix(truth) + out;
}

ShownAnswer shown_against(const Value& truth, const Value& submitted, const Tolerance& tolerance) {
  if (kind_of(truth) == ValueKind::verdict || kind_of(truth) != kind_of(submitted) || shape_of(truth) != shape_of(submitted))
    return {accepted_text(truth, tolerance), format_value_inline(submitted, {Rounding::Mode::significant, 6})};
  const std::vector<double> t = entries_of(truth), x = entries_of(submitted);
  std::vector<std::string> intervals, yours;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (!std::isfinite(t[i]) || !std::isfinite(x[i])) {
      intervals.push_back(describe_accepted(t[i], tolerance));
      yours.push_back(fmt::format("{}", x[i]));
      continue;
    }
    ShownAnswer shown = describe_with(accepted_interval(t[i], tolerance), x[i]);
    intervals.push_back(std::move(shown.interval));
    yours.push_back(std::move(shown.submitted));
  }
  std::string written;
  switch (kind_of(truth)) {
    case ValueKind::scalar: written = yours[0]; break;
    case ValueKind::vector: written = fmt::format("[{}]", fmt::join(yours, ", ")); break;
    case ValueKind::matrix: {
      const auto cols = static_cast<std::size_t>(std::get<Eigen::MatrixXd>(truth).cols());
      std::vector<std::string> rows;
      for (std::size_t r = 0; r * cols < yours.size(); ++r)
        rows.push_back(fmt::format("[{}]", fmt::join(yours.begin() + static_cast<std::ptrdiff_t>(r * cols),
                                                      yours.begin() + static_cast<std::ptrdiff_t>((r + 1) * cols), ", ")));
      written = fmt::format("[{}]", fmt::join(rows, ", "));
      break;
    }
    case ValueKind::verdict: break;
  }
  return {entry_prefix(truth) + fmt::format("{}", fmt::join(intervals, "; ")), written};
}

Value graded_value(const Trace& trace, std::string_view step) { return without_roundoff(trace, step, trace.value(step)); }

Value without_roundoff(const Trace& trace, std::string_view step, Value value) {
  if (kind_of(value) == ValueKind::verdict) return value;
  double scale = 0;  // the largest magnitude the step is computed from, or holds itself
  for (const std::string& name : upstream_of(trace, step))
    for (const double x : entries_of(trace.value(name)))
      if (std::isfinite(x)) scale = std::max(scale, std::abs(x));
  const auto snap = [&](double& x) {
    if (std::isfinite(x) && std::abs(x) <= roundoff_fraction * std::max(scale, std::abs(x)) && x != 0) x = 0;
  };
  for (const double x : entries_of(value))
    if (std::isfinite(x)) scale = std::max(scale, std::abs(x));
  std::visit(
      [&](auto& v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, double>) snap(v);
        else if constexpr (std::is_same_v<T, Eigen::VectorXd> || std::is_same_v<T, Eigen::MatrixXd>)
          for (Eigen::Index i = 0; i < v.size(); ++i) snap(v.data()[i]);
      },
      value);
  return value;
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

// How an answer is compared: a verdict exactly, a number with the step's tolerance, and how many
// digits to keep where the tolerance does not say it in digits.
std::string how_compared(const AskedStep& asked, const Value& value) {
  if (kind_of(value) == ValueKind::verdict) return "exactly";
  if (asked.accept.mode == Tolerance::Mode::relabs)
    return fmt::format("{}: keep {}", describe(asked.accept), digits_to_keep(asked.accept));
  return describe(asked.accept);
}

std::string variant_line(const Exercise& exercise, const Variant& variant) {
  return fmt::format("Chapter `{}` · {}", exercise.chapter(), variant.describe());
}

}  // namespace

std::string render_sheet(const Exercise& exercise, const Trace& trace, const Variant& variant) {
  std::string out = fmt::format("# Exercise {}: {}\n\n{}\n\n", exercise.id(), exercise.title(),
                                variant_line(exercise, variant));
  if (!exercise.instructions().empty()) out += exercise.instructions() + "\n\n";
  if (const std::string& convention = exercise.convention().empty() ? trace.convention() : exercise.convention();
      !convention.empty())
    out += fmt::format("**Convention.** {}\n\n", convention);
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
                     "formulas.\n\n**Digits.** Each step says how it is checked: give each answer to at least those digits "
                     "(more are fine). You may work on from your own rounded answers: a step computed correctly "
                     "from your earlier answers, as you wrote them, is accepted, and so is one computed correctly "
                     "from a wrong earlier answer (follow-through).\n",
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
    const Value answer = detail::graded_value(trace, step.id);
    const std::string accepted = kind_of(answer) == ValueKind::verdict
                                     ? detail::accepted_text(answer, asked[i]->accept)
                                     : detail::accepted_text(answer, asked[i]->accept) + ", " + describe(asked[i]->accept);
    out += fmt::format("| {} | {} `{}` | ${}$ | {} | {} | {} |\n", i + 1, step.title, step.id,
                       detail::format_value_latex(answer, sheet_rounding), accepted,
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
    a["answer"] = value_to_json(detail::graded_value(trace, asked->step));  // zero up to round-off is 0
    a["mistakes"] = nlohmann::ordered_json::array();
    for (const Mistake& m : asked->mistakes) a["mistakes"].push_back({{"id", m.id}, {"feedback", m.feedback}});
    j["answers"].push_back(std::move(a));
  }
  j["trace"] = to_json(trace);
  return j.dump(2) + "\n";
}

}  // namespace nnwb
