// The grader never marks a correct answer wrong (issue: "Grading you can trust"). For every
// exercise and 1,000 student ids (NNWB_TRUST_IDS sets fewer, for the slower sanitizer build):
//
// 1. the key's own answers get full marks;
// 2. the exact answers get full marks, exact zeros included: an entry whose computed key is zero up
//    to round-off (|t| ≤ 64·2⁻⁵³ times the largest magnitude it is computed from, found here by
//    walking the trace's own inputs) is answered 0, as a student working exactly writes it;
// 3. answers rounded to the checked precision and carried forward get full marks: each step is
//    computed from the student's own rounded earlier answers (the trace recomputed with them), then
//    rounded to the digits the sheet asks for.
//
// Then the issue's named students, one case each, so that a regression names them.
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <cstdlib>
#include <fmt/format.h>
#include <limits>
#include <set>

#include "exercises.hpp"
#include "nnwb/answer_file.hpp"
#include "nnwb/grading.hpp"
#include "support/answers.hpp"

BOOST_AUTO_TEST_SUITE(grading_trust)

using namespace nnwb;
using nnwb::test::answer_file_text;
using nnwb::test::toml_value;

namespace {

std::size_t id_count() {
  const char* text = std::getenv("NNWB_TRUST_IDS");
  return text ? std::strtoul(text, nullptr, 10) : 1000;
}

// Applies `f` to every entry of a scalar, vector or matrix; a verdict is left as it is.
template <typename F>
Value each_entry(Value value, F f) {
  if (auto* x = std::get_if<double>(&value)) *x = f(*x);
  if (auto* v = std::get_if<Eigen::VectorXd>(&value)) v->noalias() = v->unaryExpr(f);
  if (auto* m = std::get_if<Eigen::MatrixXd>(&value)) m->noalias() = m->unaryExpr(f);
  return value;
}

double largest_entry(const Value& value) {
  double largest = 0;
  each_entry(value, [&](double x) {
    if (std::isfinite(x)) largest = std::max(largest, std::abs(x));
    return x;
  });
  return largest;
}

// The largest magnitude among the values `name` is computed from, directly or through other steps.
double upstream_scale(const Trace& trace, const std::string& name, std::map<std::string, double>& memo) {
  if (const auto it = memo.find(name); it != memo.end()) return it->second;
  double scale = largest_entry(trace.value(name));
  bool is_step = false;
  for (const Step& s : trace.steps()) is_step = is_step || s.id == name;
  if (is_step)
    for (const std::string& input : trace.step_at(name).inputs) scale = std::max(scale, upstream_scale(trace, input, memo));
  return memo[name] = scale;
}

// The exact answer: the key, with each entry that is zero up to round-off written as 0.
Value exact_answer(const Trace& key, const std::string& step, std::map<std::string, double>& memo) {
  const double floor = 64 * std::numeric_limits<double>::epsilon() / 2 * upstream_scale(key, step, memo);
  return each_entry(key.value(step), [&](double x) { return std::abs(x) <= floor ? 0.0 : x; });
}

// x rounded as the sheet asks for the step: to its significant figures or its digits after the point.
double rounded_as_checked(double x, const Tolerance& t) {
  if (!std::isfinite(x) || x == 0) return x;
  int figures = 3;
  switch (t.mode) {
    case Tolerance::Mode::sigfig: figures = t.digits; break;
    case Tolerance::Mode::relabs:  // the fewest figures whose rounding stays within rtol: 5·10⁻ᵈ ≤ rtol
      figures = 1;
      while (figures < 17 && 5 * std::pow(10.0, -figures) > t.rtol) ++figures;
      break;
    case Tolerance::Mode::decdig: return std::stod(fmt::format("{:.{}f}", x, t.digits));
  }
  return std::stod(fmt::format("{:.{}e}", x, figures - 1));
}

std::vector<const AskedStep*> in_trace_order(const Exercise& e, const Trace& key) {
  std::vector<const AskedStep*> asked;
  for (const Step& s : key.steps())
    if (const AskedStep* a = e.asked_step(s.id)) asked.push_back(a);
  return asked;
}

Grade grade_values(const Exercise& e, const Trace& key, const Variant& v, const std::map<std::string, Value>& answers) {
  std::map<std::string, std::string> raw;
  for (const auto& [step, value] : answers) raw[step] = toml_value(value);
  return grade(e, key, v, parse_answer_file(answer_file_text(e.id(), v, raw), "answers.toml"));
}

void expect_full_marks(const Exercise& e, const Grade& g, const std::string& what) {
  BOOST_TEST(g.clean(), what);
  BOOST_TEST(g.score == e.max_score(), what);
  if (g.score != e.max_score())
    for (const StepGrade& s : g.steps)
      if (s.score < s.weight)
        BOOST_TEST_MESSAGE(fmt::format("{}: step {} got {}: yours {}, accepted {}", what, s.step, s.feedback, s.yours,
                                       s.accepted));
}

struct Answers {
  std::map<std::string, Value> key, exact, carried;
};

Answers answers_for(const Exercise& e, const Trace& key) {
  Answers out;
  std::map<std::string, double> memo;
  Trace mine = key;  // recomputed from the student's rounded answers, step by step
  for (const AskedStep* a : in_trace_order(e, key)) {
    out.key[a->step] = key.value(a->step);
    out.exact[a->step] = exact_answer(key, a->step, memo);
    const Value computed = mine.compute_step(a->step, {});
    const Value rounded = each_entry(computed, [&](double x) { return rounded_as_checked(x, a->accept); });
    out.carried[a->step] = rounded;
    mine.recompute({{a->step, rounded}});
  }
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(key_exact_and_carried_answers_get_full_marks_for_every_student) {
  const std::size_t ids = id_count();
  for (const Exercise& e : exercises::all()) {
    std::size_t exact_zeros = 0, carried_differs = 0;
    for (std::size_t n = 0; n < ids; ++n) {
      const Variant v = Variant::for_student(fmt::format("u{}", 100000 + n));
      const Trace key = e.build(v.seed);
      const Answers a = answers_for(e, key);
      const std::string what = fmt::format("{}, {}", e.id(), v.describe());
      expect_full_marks(e, grade_values(e, key, v, a.key), what + ", the key's answers");
      expect_full_marks(e, grade_values(e, key, v, a.exact), what + ", exact answers");
      expect_full_marks(e, grade_values(e, key, v, a.carried), what + ", rounded and carried forward");
      for (const auto& [step, value] : a.exact) exact_zeros += value != a.key.at(step);
      for (const auto& [step, value] : a.carried) carried_differs += value != a.key.at(step);
    }
    BOOST_TEST_MESSAGE(fmt::format("{}: {} ids, {} answers with exact zeros, {} carried answers differ from the key",
                                   e.id(), ids, exact_zeros, carried_differs));
  }
}

BOOST_AUTO_TEST_CASE(the_issue_s_students_get_full_marks) {
  // Exact zeros computed as ±1e-17 (delta_recursion u100050's net2.sample.l1.delta: W⁽²⁾'s column is
  // constant and δ⁽²⁾ sums to 0; linear_regression v100058; matrix_graph), and rounding carried
  // forward (xnor_mlp u100006, step 6).
  const std::vector<std::pair<std::string, std::string>> cases = {{"delta_recursion.two_layer", "u100050"},
                                                                   {"linear_regression.gd", "v100058"},
                                                                   {"xnor_mlp.feedforward", "u100006"}};
  for (const auto& [id, student] : cases) {
    const Exercise& e = exercises::find(id);
    const Variant v = Variant::for_student(student);
    const Trace key = e.build(v.seed);
    const Answers a = answers_for(e, key);
    expect_full_marks(e, grade_values(e, key, v, a.exact), id + " " + student + ", exact answers");
    expect_full_marks(e, grade_values(e, key, v, a.carried), id + " " + student + ", carried");
  }
  // u100050's exact zero is there, and is written 0.
  const Exercise& e = exercises::find("delta_recursion.two_layer");
  const Trace key = e.build(Variant::for_student("u100050").seed);
  const double computed = std::get<Eigen::VectorXd>(key.value("net2.sample.l1.delta"))(1);
  BOOST_TEST(computed != 0.0);
  BOOST_TEST(std::abs(computed) < 1e-15);
  std::map<std::string, double> memo;
  BOOST_TEST(std::get<Eigen::VectorXd>(exact_answer(key, "net2.sample.l1.delta", memo))(1) == 0.0);
}

BOOST_AUTO_TEST_CASE(carried_rounding_is_correct_not_follow_through) {
  // An answer computed from accepted, rounded earlier answers is "correct"; the feedback names no
  // wrong earlier answer (it once read "…, which were wrong" with an empty list).
  const Exercise& e = exercises::find("xnor_mlp.feedforward");
  const Variant v = Variant::for_student("u100006");
  const Trace key = e.build(v.seed);
  const Grade g = grade_values(e, key, v, answers_for(e, key).carried);
  for (const StepGrade& s : g.steps) {
    BOOST_TEST((s.outcome == Outcome::correct), s.step << ": " << s.feedback);
    BOOST_TEST(s.feedback.find(", which") == std::string::npos, s.feedback);
  }
}

BOOST_AUTO_TEST_SUITE_END()
