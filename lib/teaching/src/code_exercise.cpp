// Code exercises (see code_exercise.hpp): the calls a submission is run on, the harness's protocol,
// and the grade, variant by variant, each on its own trace with the grader of the answer sheets.
#include "nnwb/code_exercise.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <fmt/format.h>
#include <set>
#include <stdexcept>

#include "nnwb/detail/exercise_internals.hpp"
#include "nnwb/detail/number_format.hpp"
#include "nnwb/detail/safe_text.hpp"

namespace nnwb {

std::string_view language_name(CodeLanguage language) {
  return language == CodeLanguage::cpp ? "C++" : "Python";
}

std::optional<CodeLanguage> language_of_file(std::string_view file_name) {
  const auto ends_with = [&](std::string_view tail) {
    return file_name.size() > tail.size() && file_name.substr(file_name.size() - tail.size()) == tail;
  };
  if (ends_with(".cpp") || ends_with(".cc") || ends_with(".cxx")) return CodeLanguage::cpp;
  if (ends_with(".py")) return CodeLanguage::python;
  return std::nullopt;
}

Tolerance code_tolerance() { return Tolerance::relabs(1e-6, 1e-9); }

// ---- the exercise --------------------------------------------------------------------------------

CodeExercise::CodeExercise(Exercise steps) : steps_(std::move(steps)) {}

CodeExercise& CodeExercise::function(CodeFunction function) {
  functions_.push_back(std::move(function));
  return *this;
}
CodeExercise& CodeExercise::call(CodeCall call) {
  calls_.push_back(std::move(call));
  return *this;
}
CodeExercise& CodeExercise::check_derivative(DerivativeCheck check) {
  checks_.push_back(std::move(check));
  return *this;
}

const CodeFunction& CodeExercise::function_named(std::string_view name) const {
  for (const CodeFunction& f : functions_)
    if (f.name == name) return f;
  throw std::out_of_range(fmt::format("code exercise '{}' has no function '{}'", id(), name));
}

std::vector<std::string> CodeExercise::problems(const Trace& trace) const {
  std::vector<std::string> out = steps_.problems(trace);
  std::set<std::string> computed;
  const auto check_call = [&](const CodeCall& call, bool graded) {
    const CodeFunction* f = nullptr;
    for (const CodeFunction& candidate : functions_)
      if (candidate.name == call.function) f = &candidate;
    if (!f) return out.push_back(fmt::format("{}: a call of the unknown function '{}'", id(), call.function));
    if (call.arguments.size() != f->arguments.size())
      out.push_back(fmt::format("{}: {} takes {} arguments, a call gives {}", id(), f->name, f->arguments.size(),
                                call.arguments.size()));
    for (std::size_t i = 0; i < call.arguments.size() && i < f->arguments.size(); ++i) {
      if (!trace.has(call.arguments[i]))
        out.push_back(fmt::format("{}: {}'s argument {} is '{}', which the trace does not have", id(), f->name,
                                  f->arguments[i].name, call.arguments[i]));
      else if (kind_of(trace.value(call.arguments[i])) != f->arguments[i].kind)
        out.push_back(fmt::format("{}: {}'s argument {} is a {}, but '{}' is a {}", id(), f->name,
                                  f->arguments[i].name, kind_name(f->arguments[i].kind), call.arguments[i],
                                  shape_of(trace.value(call.arguments[i]))));
    }
    if (!graded) return;
    if (call.results.size() != f->results.size())
      out.push_back(fmt::format("{}: {} has {} results, a call grades {}", id(), f->name, f->results.size(),
                                call.results.size()));
    for (std::size_t i = 0; i < call.results.size() && i < f->results.size(); ++i) {
      computed.insert(call.results[i]);
      if (!steps_.asked_step(call.results[i]))
        out.push_back(fmt::format("{}: {}'s result {} is graded as '{}', which is not asked", id(), f->name,
                                  f->results[i].name, call.results[i]));
      else if (trace.has(call.results[i]) && kind_of(trace.value(call.results[i])) != f->results[i].kind)
        out.push_back(fmt::format("{}: {}'s result {} is a {}, but step '{}' is a {}", id(), f->name,
                                  f->results[i].name, kind_name(f->results[i].kind), call.results[i],
                                  shape_of(trace.value(call.results[i]))));
    }
  };
  for (const CodeCall& call : calls_) check_call(call, true);
  for (const AskedStep& a : steps_.asked())
    if (!computed.count(a.step)) out.push_back(fmt::format("{}: no call computes the asked step '{}'", id(), a.step));
  for (const DerivativeCheck& check : checks_) {
    check_call(check.forward, false);
    if (!computed.count(check.step))
      out.push_back(fmt::format("{}: the derivative check of '{}' names a step no call computes", id(), check.step));
    if (check.with_respect_to >= check.forward.arguments.size())
      out.push_back(fmt::format("{}: the derivative check of '{}' is with respect to argument {}, which {} lacks", id(),
                                check.step, check.with_respect_to, check.forward.function));
  }
  return out;
}

std::vector<Variant> code_variants(const Variant& first, int count) {
  std::vector<Variant> out;
  if (!first.seed) {  // the lecture's numbers, then seeds 1, 2, …
    out.push_back(Variant::lecture());
    for (int k = 1; k < count; ++k) out.push_back(Variant::for_seed(static_cast<std::uint64_t>(k)));
    return out;
  }
  for (int k = 0; k < count; ++k) {
    Variant v = first;
    v.seed = *first.seed + static_cast<std::uint64_t>(k);  // wraps around at 2⁶⁴, as unsigned arithmetic does
    out.push_back(v);
  }
  return out;
}

// ---- the plan and the protocol --------------------------------------------------------------------

namespace {

// The central difference's step for an entry x: small against x, and never 0.
double difference_step(double x) { return 1e-6 * std::max(1.0, std::abs(x)); }

double& entry_of(Value& value, Eigen::Index entry) {
  if (auto* x = std::get_if<double>(&value)) return *x;
  if (auto* v = std::get_if<Eigen::VectorXd>(&value)) return (*v)[entry];
  return std::get<Eigen::MatrixXd>(value).data()[entry];  // column-major, as Eigen stores it
}

Eigen::Index entries_of(const Value& value) {
  if (std::holds_alternative<double>(value)) return 1;
  if (const auto* v = std::get_if<Eigen::VectorXd>(&value)) return v->size();
  return std::get<Eigen::MatrixXd>(value).size();
}

}  // namespace

CodePlan plan_code_run(const CodeExercise& exercise, const std::vector<Variant>& variants) {
  CodePlan plan;
  plan.variants = variants;
  for (std::size_t v = 0; v < variants.size(); ++v) {
    plan.keys.push_back(exercise.steps().build(variants[v].seed));
    const Trace& key = plan.keys.back();
    const auto planned = [&](const CodeCall& call) {
      PlannedCall p;
      p.variant = v;
      p.call = call;
      for (const std::string& name : call.arguments) p.arguments.push_back(key.value(name));
      return p;
    };
    for (const CodeCall& call : exercise.calls()) plan.calls.push_back(planned(call));
    for (std::size_t c = 0; c < exercise.derivative_checks().size(); ++c) {
      const DerivativeCheck& check = exercise.derivative_checks()[c];
      const PlannedCall at = planned(check.forward);
      const Value& wrt = at.arguments.at(check.with_respect_to);
      for (Eigen::Index i = 0; i < entries_of(wrt); ++i)
        for (int side : {+1, -1}) {
          PlannedCall p = at;
          p.call.results.clear();
          p.check = c;
          p.entry = i;
          p.side = side;
          double& x = entry_of(p.arguments[check.with_respect_to], i);
          x += side * difference_step(x);
          plan.calls.push_back(std::move(p));
        }
    }
  }
  return plan;
}

std::string encode_calls(const CodeExercise& exercise, const CodePlan& plan) {
  std::string out = fmt::format("nnwb-code 1 {}\n", plan.calls.size());
  for (std::size_t i = 0; i < plan.calls.size(); ++i) {
    const PlannedCall& p = plan.calls[i];
    out += fmt::format("call {} {} {} {}\n", i, p.call.function, p.arguments.size(),
                       exercise.function_named(p.call.function).results.size());
    for (const Value& a : p.arguments) {
      if (const auto* x = std::get_if<double>(&a)) {
        out += fmt::format("s 1 1 {:.17g}\n", *x);
      } else if (const auto* v = std::get_if<Eigen::VectorXd>(&a)) {
        out += fmt::format("v {} 1", v->size());
        for (double entry : *v) out += fmt::format(" {:.17g}", entry);
        out += "\n";
      } else {
        const auto& m = std::get<Eigen::MatrixXd>(a);
        out += fmt::format("m {} {}", m.rows(), m.cols());
        for (Eigen::Index r = 0; r < m.rows(); ++r)
          for (Eigen::Index c = 0; c < m.cols(); ++c) out += fmt::format(" {:.17g}", m(r, c));
        out += "\n";
      }
    }
  }
  return out;
}

namespace {

// The words of one line.
std::vector<std::string_view> words_of(std::string_view line) {
  std::vector<std::string_view> out;
  std::size_t at = 0;
  while (at < line.size()) {
    while (at < line.size() && line[at] == ' ') ++at;
    const std::size_t end = std::min(line.find(' ', at), line.size());
    if (end > at) out.push_back(line.substr(at, end - at));
    at = end;
  }
  return out;
}

std::optional<long long> whole_number(std::string_view word) {
  long long x = 0;
  const auto [end, error] = std::from_chars(word.data(), word.data() + word.size(), x);
  if (error != std::errc() || end != word.data() + word.size()) return std::nullopt;
  return x;
}

// A number as the harness writes it: %.17g, or nan / inf / -inf (either case).
std::optional<double> real_number(std::string_view word) {
  std::string lower(word);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  if (lower == "nan" || lower == "-nan") return std::nan("");
  if (lower == "inf" || lower == "+inf") return INFINITY;
  if (lower == "-inf") return -INFINITY;
  // strtod, not from_chars: the browser build's C++ library has no from_chars for doubles. The
  // programs never set a locale, so the point is '.'.
  if (lower.empty() || std::isspace(static_cast<unsigned char>(lower.front()))) return std::nullopt;
  char* end = nullptr;
  const double x = std::strtod(lower.c_str(), &end);
  if (end != lower.c_str() + lower.size()) return std::nullopt;
  return x;
}

// A result as the function's declared kind: a vector may come as n × 1 or 1 × n; anything else of
// another shape is kept as a matrix, for the grader to call it the wrong shape.
// rows and cols are at most 100,000 each (decode_results checks), so they fit any Eigen::Index.
Value shaped(ValueKind kind, Eigen::Index rows, Eigen::Index cols, std::vector<double> values) {
  if (kind == ValueKind::scalar && rows == 1 && cols == 1) return values[0];
  if (kind == ValueKind::vector && (rows == 1 || cols == 1))
    return Eigen::VectorXd(Eigen::Map<Eigen::VectorXd>(values.data(), static_cast<Eigen::Index>(values.size())));
  Eigen::MatrixXd m(rows, cols);
  for (Eigen::Index r = 0; r < rows; ++r)
    for (Eigen::Index c = 0; c < cols; ++c) m(r, c) = values[static_cast<std::size_t>(r * cols + c)];
  return m;
}

}  // namespace

std::vector<CallOutput> decode_results(std::string_view output, const CodeExercise& exercise, const CodePlan& plan,
                                       std::string& problem) {
  std::vector<CallOutput> out(plan.calls.size());
  problem.clear();
  std::size_t line_number = 0, at = 0;
  const auto next_line = [&]() -> std::optional<std::string_view> {
    if (at >= output.size()) return std::nullopt;
    const std::size_t end = std::min(output.find('\n', at), output.size());
    const std::string_view line = output.substr(at, end - at);
    at = end + 1;
    ++line_number;
    return line;
  };
  const auto broken = [&](std::string_view line, std::string_view why) {
    problem = fmt::format("the program's output broke the harness's protocol at line {} ({}): \"{}\"", line_number,
                          why, detail::echo(std::string(line), 80));
    return out;
  };
  while (const auto line = next_line()) {
    if (line->empty()) continue;
    const auto words = words_of(*line);
    const auto index = words.size() >= 2 ? whole_number(words[1]) : std::nullopt;
    if (!index || *index < 0 || static_cast<std::size_t>(*index) >= out.size())
      return broken(*line, "no call of that number");
    CallOutput& call = out[static_cast<std::size_t>(*index)];
    if (call.answered) return broken(*line, "a call answered twice");
    if (words[0] == "error") {
      const std::size_t message = line->find(words[1]) + words[1].size();
      call.error = std::string(line->substr(std::min(message + 1, line->size())));
      if (call.error.empty()) call.error = "an error without a message";
      call.answered = true;
      continue;
    }
    if (words[0] != "result" || words.size() != 3) return broken(*line, "neither a result nor an error");
    const auto count = whole_number(words[2]);
    const CodeFunction& f = exercise.function_named(plan.calls[static_cast<std::size_t>(*index)].call.function);
    if (!count || *count != static_cast<long long>(f.results.size()))
      return broken(*line, fmt::format("{} has {} results", f.name, f.results.size()));
    for (std::size_t r = 0; r < f.results.size(); ++r) {
      const auto value_line = next_line();
      if (!value_line) return broken("", "the output ends inside a result");
      const auto v = words_of(*value_line);
      const auto rows = v.size() >= 2 ? whole_number(v[0]) : std::nullopt;
      const auto cols = v.size() >= 2 ? whole_number(v[1]) : std::nullopt;
      if (!rows || !cols || *rows < 0 || *cols < 0 || *rows > 100000 || *cols > 100000 ||
          static_cast<long long>(v.size()) != 2 + *rows * *cols)
        return broken(*value_line, "not rows, columns and that many numbers");
      std::vector<double> values;
      for (std::size_t i = 2; i < v.size(); ++i) {
        const auto x = real_number(v[i]);
        if (!x) return broken(*value_line, "not a number");
        values.push_back(*x);
      }
      if (values.empty()) {
        call.error = fmt::format("{} returned an empty array as {}", f.name, f.results[r].name);
        break;
      }
      call.results.push_back(shaped(f.results[r].kind, static_cast<Eigen::Index>(*rows),
                                         static_cast<Eigen::Index>(*cols), std::move(values)));
    }
    if (!call.error.empty()) call.results.clear();
    call.answered = true;
  }
  return out;
}

// ---- the grade -------------------------------------------------------------------------------------

namespace {

// The step's formula with a variant's numbers, as plain text.
std::string formula_with_numbers(const Trace& key, const Step& step) {
  std::string text = detail::latex_to_text(step.formula);
  if (!step.numbers.empty())
    text += " = " + detail::latex_to_text(detail::substitute(step.numbers, key, step, detail::format_value_inline,
                                                             key.rounding()));
  return text;
}

// What the central differences of the student's own forward function say of `step` on variant v:
// empty when the exercise has no such check.
std::string derivative_note(const CodeExercise& exercise, const CodePlan& plan, const std::vector<CallOutput>& outputs,
                            std::size_t v, const std::string& step, const std::optional<Value>& submitted) {
  for (std::size_t c = 0; c < exercise.derivative_checks().size(); ++c) {
    const DerivativeCheck& check = exercise.derivative_checks()[c];
    if (check.step != step) continue;
    const std::string forward = check.forward.function;
    if (!submitted) return "";
    // Each entry's central difference from the forward's values at x ± h.
    std::vector<Eigen::VectorXd> plus, minus;
    std::vector<double> steps;
    for (std::size_t i = 0; i < plan.calls.size(); ++i) {
      const PlannedCall& p = plan.calls[i];
      if (p.variant != v || p.check != c) continue;
      const CallOutput& o = outputs[i];
      if (!o.answered || !o.error.empty() || o.results.empty())
        return fmt::format("The central-difference check could not run: your {} {}.", forward,
                           o.answered ? "raised: " + detail::echo(o.error, 120) : "did not answer");
      Eigen::VectorXd y;
      if (const auto* x = std::get_if<double>(&o.results[0])) y = Eigen::VectorXd::Constant(1, *x);
      else if (const auto* vec = std::get_if<Eigen::VectorXd>(&o.results[0])) y = *vec;
      else return "";
      const double x = [&] {
        Value base = plan.keys[v].value(check.forward.arguments[check.with_respect_to]);
        return entry_of(base, p.entry);
      }();
      if (p.side > 0) {
        plus.push_back(y);
        steps.push_back(difference_step(x));
      } else {
        minus.push_back(y);
      }
    }
    if (plus.empty() || plus.size() != minus.size()) return "";
    // The difference quotient, shaped as the submitted value: a gradient, or a Jacobian (columns: entries).
    const Eigen::Index outputs_n = plus[0].size(), entries = static_cast<Eigen::Index>(plus.size());
    Eigen::MatrixXd quotient(outputs_n, entries);
    for (Eigen::Index j = 0; j < entries; ++j) {
      if (plus[j].size() != outputs_n || minus[j].size() != outputs_n) return "";
      quotient.col(j) = (plus[j] - minus[j]) / (2 * steps[j]);
    }
    Eigen::MatrixXd claimed;
    if (const auto* x = std::get_if<double>(&*submitted)) claimed = Eigen::MatrixXd::Constant(1, 1, *x);
    else if (const auto* vec = std::get_if<Eigen::VectorXd>(&*submitted)) claimed = *vec;
    else claimed = std::get<Eigen::MatrixXd>(*submitted);
    Eigen::MatrixXd fd;
    if (outputs_n == 1) {  // a gradient: shaped as the argument (column-major entries)
      fd = Eigen::Map<const Eigen::MatrixXd>(quotient.data(), claimed.rows(), claimed.cols());
      if (claimed.size() != entries) return "";
    } else {
      fd = quotient;
    }
    if (fd.rows() != claimed.rows() || fd.cols() != claimed.cols())
      return fmt::format("The central differences of your {} have shape {}×{}, your result {}×{}.", forward, fd.rows(),
                         fd.cols(), claimed.rows(), claimed.cols());
    const double scale = std::max({fd.cwiseAbs().maxCoeff(), claimed.cwiseAbs().maxCoeff(), 1e-8});
    const double difference = (fd - claimed).cwiseAbs().maxCoeff() / scale;
    if (!std::isfinite(difference))
      return fmt::format("The central differences of your {} are not finite numbers here.", forward);
    if (difference <= 1e-5)
      return fmt::format("The central differences of your own {} agree with it (largest difference {:.1e} of the "
                         "largest entry): it is the derivative of your forward function.",
                         forward, difference);
    return fmt::format("The central differences of your own {} do not agree with it (largest difference {:.2g} of "
                       "the largest entry): it is not the derivative of your forward function.",
                       forward, difference);
  }
  return "";
}

}  // namespace

Grade grade_code(const CodeExercise& exercise, const CodePlan& plan, const std::vector<CallOutput>& outputs,
                 const std::string& file, const std::string& run_problem) {
  const Exercise& steps = exercise.steps();
  Grade g;
  g.exercise = exercise.id();
  g.title = exercise.title();
  g.file = file;
  g.variant = plan.variants.empty() ? Variant::lecture() : plan.variants.front();
  g.max_score = steps.max_score();

  // Each variant graded as an answer file holding the function's results.
  std::vector<Grade> per_variant;
  bool any_answered = false;
  for (std::size_t v = 0; v < plan.variants.size(); ++v) {
    const Variant& variant = plan.variants[v];
    AnswerFile answers;
    answers.path = file;
    answers.exercise = exercise.id();
    answers.student = variant.student;
    answers.seed = variant.seed;
    VariantPoints points{variant, 0, steps.max_score(), ""};
    for (std::size_t i = 0; i < plan.calls.size(); ++i) {
      const PlannedCall& p = plan.calls[i];
      if (p.variant != v || p.check) continue;
      const CallOutput& o = outputs[i];
      any_answered = any_answered || o.answered;
      for (std::size_t r = 0; r < p.call.results.size(); ++r) {
        SubmittedAnswer answer;
        if (!o.answered) {
          answer.problem = fmt::format("no result: the program ended before {} was called on this variant",
                                       p.call.function);
        } else if (!o.error.empty()) {
          answer.problem = fmt::format("{} raised: {}", p.call.function, detail::echo(o.error, 200));
        } else if (r < o.results.size()) {
          answer.value = o.results[r];
        }
        if (points.note.empty() && !answer.problem.empty()) points.note = answer.problem;
        answers.answers[p.call.results[r]] = std::move(answer);
      }
    }
    per_variant.push_back(grade(steps, plan.keys[v], variant, answers));
    points.score = per_variant.back().score;
    g.variants.push_back(std::move(points));
  }
  if (!any_answered && !run_problem.empty()) {
    g.error = run_problem;
    for (VariantPoints& points : g.variants) points.note.clear();  // the error says it once
  } else if (!run_problem.empty()) {
    g.problems.push_back(run_problem);
  }

  // Each step: the mean of its points, and the first variant where it is not correct.
  const std::size_t n = per_variant.size();
  for (std::size_t j = 0; n > 0 && j < per_variant[0].steps.size(); ++j) {
    std::size_t full = 0, first_short = n;
    double total = 0;
    for (std::size_t v = 0; v < n; ++v) {
      const StepGrade& s = per_variant[v].steps[j];
      total += s.score;
      if (s.score >= s.weight) ++full;
      else if (first_short == n) first_short = v;
    }
    const std::size_t shown = first_short < n ? first_short : 0;
    StepGrade s = per_variant[shown].steps[j];
    s.score = total / static_cast<double>(n);
    const Step& step = plan.keys[shown].step_at(s.step);
    const std::string check = derivative_note(exercise, plan, outputs, shown, s.step, s.submitted);
    if (!g.error.empty()) {  // its first line: the whole error (a compiler's messages) is the grade's
      s.feedback = "not graded: " + g.error.substr(0, g.error.find('\n'));
    } else if (full == n) {
      s.feedback = fmt::format("correct on all {} variants.", n);
      if (!check.empty()) s.feedback += " " + check;
    } else {
      s.feedback = fmt::format("correct on {} of {} variants. First not correct: {}: {}.", full, n,
                               plan.variants[shown].describe(), per_variant[shown].steps[j].feedback);
      s.feedback += fmt::format(" The step: {}.", formula_with_numbers(plan.keys[shown], step));
      if (!check.empty()) s.feedback += " " + check;
    }
    g.score += s.score;
    g.steps.push_back(std::move(s));
  }
  return g;
}

// ---- the student's files ---------------------------------------------------------------------------

namespace {

// `text` wrapped at spaces into lines of at most `width` columns, each starting with `lead` (an
// empty line gets the lead without its trailing space); a word longer than the width stays whole.
std::string wrapped(const std::string& text, std::string_view lead, std::size_t width = 100) {
  std::string out;
  const std::string bare(lead.substr(0, lead.find_last_not_of(' ') + 1));
  std::size_t at = 0;
  while (at < text.size()) {  // a last newline ends the last line; it does not start another
    const std::size_t end = std::min(text.find('\n', at), text.size());
    std::string line = text.substr(at, end - at);
    at = end + 1;
    if (line.empty()) {
      out += bare + "\n";
      continue;
    }
    while (detail::display_width(std::string(lead) + line) > width) {
      // The last space that leaves the line within the width (counted in columns, not bytes).
      std::size_t cut = std::string::npos;
      for (std::size_t space = line.find(' ', 1); space != std::string::npos; space = line.find(' ', space + 1)) {
        if (detail::display_width(std::string(lead) + line.substr(0, space)) > width) break;
        cut = space;
      }
      if (cut == std::string::npos) break;  // one long word: left as it is
      out += std::string(lead) + line.substr(0, cut) + "\n";
      line = line.substr(cut + 1);
    }
    out += std::string(lead) + line + "\n";
  }
  return out;
}

// A function's arguments and results, one line each: "a: the logits a_k, (K)".
std::string value_lines(const CodeFunction& f) {
  std::string out;
  for (const CodeValue& a : f.arguments) out += fmt::format("{}: {}\n", a.name, a.meaning);
  if (f.results.size() == 1) return out + fmt::format("returns {}: {}\n", f.results[0].name, f.results[0].meaning);
  out += "returns, in this order:\n";
  for (const CodeValue& r : f.results) out += fmt::format("  {}: {}\n", r.name, r.meaning);
  return out;
}

}  // namespace

std::string render_code_template(const CodeExercise& exercise, CodeLanguage language) {
  const std::string about = fmt::format(
      "{}: {}\nChapter {} of nnwb.\n\n{}\n\nCheck your work on the practice variants:\n  nnwb-exercise grade {} FILE\n"
      "It runs your functions in a sandbox on {} variants and compares each result with the chapter's trace.",
      exercise.id(), exercise.title(), exercise.chapter(), detail::prose_to_text(exercise.instructions()), exercise.id(),
      code_variant_count);
  std::string out;
  if (language == CodeLanguage::cpp) {
    out += wrapped(about, "// ");
    out += "#include \"nnwb_code.hpp\"  // Vector = Eigen::VectorXd, Matrix = Eigen::MatrixXd\n";
    for (const CodeFunction& f : exercise.functions()) {
      out += "\n" + wrapped(fmt::format("{}\n  {}\n{}", f.summary, f.formula, value_lines(f)), "// ");
      const bool many = f.results.size() > 1;
      out += fmt::format("{} {{\n  // Write it here{}.\n  throw std::logic_error(\"{} is not written yet\");\n}}\n",
                         f.cpp, many ? ", and return {…} in the order above" : "", f.name);
    }
    return out;
  }
  out += wrapped(about, "# ");
  out += "import numpy as np\n";
  for (const CodeFunction& f : exercise.functions()) {
    out += fmt::format("\n\n{}\n    \"\"\"{}\n\n{}\n{}    \"\"\"\n", f.python, f.summary, wrapped("  " + f.formula, "    "),
                       wrapped(value_lines(f), "    "));
    out += fmt::format("    raise NotImplementedError(\"{} is not written yet\")\n", f.name);
  }
  return out;
}

std::string render_code_sheet(const CodeExercise& exercise) {
  std::string out = fmt::format("# {}: {}\n\nChapter `{}`. {}\n\n", exercise.id(), exercise.title(),
                                exercise.chapter(), exercise.instructions());
  for (const CodeFunction& f : exercise.functions()) {
    out += fmt::format("## `{}`\n\n{}\n\n    {}\n\n", f.name, f.summary, f.formula);
    out += fmt::format("- C++: `{}`\n- Python: `{}`\n", f.cpp, f.python);
    for (const CodeValue& a : f.arguments) out += fmt::format("- argument `{}`: {}\n", a.name, a.meaning);
    for (const CodeValue& r : f.results) out += fmt::format("- result `{}`: {}\n", r.name, r.meaning);
    out += "\n";
  }
  out += fmt::format("Each result is graded as a step of the trace on {} variants; the step's points are its mean "
                     "over them.\n\n| step | points |\n|---|---|\n",
                     code_variant_count);
  for (const AskedStep& a : exercise.steps().asked()) out += fmt::format("| `{}` | {} |\n", a.step, a.weight);
  return out;
}

}  // namespace nnwb
