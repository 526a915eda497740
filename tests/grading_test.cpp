// The grader (lib/grading.cpp) on every exercise in exercises/: a correct sheet scores full marks,
// each named mistake is recognised with its feedback, follow-through credit is given where it is
// due and only there; then every bad input, each reported naming the file and the step.
//
// The answers are built from the chapter's trace (the key) and from the trace recomputed with a
// wrong earlier answer (Trace::recompute); the grader's verdicts are checked against those, never
// against the grader's own output.
#include <unistd.h>

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <fstream>
#include <set>
#include <fmt/format.h>

#include "exercises.hpp"
#include "nnwb/answer_file.hpp"
#include "nnwb/answer_file_io.hpp"
#include "nnwb/detail/exercise_internals.hpp"
#include "nnwb/grading.hpp"
#include "support/answers.hpp"

BOOST_AUTO_TEST_SUITE(grading)

using namespace nnwb;
using nnwb::test::answer_file_text;
using nnwb::test::key_answers;
using nnwb::test::toml_value;

namespace {

// The variants every exercise is tried on: the lecture's numbers, some seeds, a student id.
std::vector<Variant> variants() {
  return {Variant::lecture(), Variant::for_seed(1), Variant::for_seed(2), Variant::for_seed(3),
          Variant::for_student("s1234567")};
}

// The key of each (exercise, variant), built once: chapter builds dominate this file's time,
// above all in the sanitizer build.
const Trace& key_of(const Exercise& e, const Variant& v) {
  static std::map<std::string, Trace> keys;
  const std::string name = e.id() + "/" + v.describe();
  auto it = keys.find(name);
  if (it == keys.end()) it = keys.emplace(name, e.build(v.seed)).first;
  return it->second;
}

Grade grade_text(const Exercise& e, const Trace& key, const Variant& v, const std::map<std::string, std::string>& raw) {
  return grade(e, key, v, parse_answer_file(answer_file_text(e.id(), v, raw), "answers.toml"));
}

const StepGrade& step_grade(const Grade& g, const std::string& step) {
  for (const StepGrade& s : g.steps)
    if (s.step == step) return s;
  throw std::logic_error("no grade for step " + step);
}

// A clearly wrong value of the same shape: x → 1.7x + 0.9 entry by entry; a verdict flipped.
Value perturbed(const Value& value) {
  switch (kind_of(value)) {
    case ValueKind::scalar: return 1.7 * std::get<double>(value) + 0.9;
    case ValueKind::vector: return Eigen::VectorXd((1.7 * std::get<Eigen::VectorXd>(value)).array() + 0.9);
    case ValueKind::matrix: return Eigen::MatrixXd((1.7 * std::get<Eigen::MatrixXd>(value)).array() + 0.9);
    case ValueKind::verdict: return Verdict{!std::get<Verdict>(value).holds, ""};
  }
  return value;
}

// Whether the grader would take `submitted` for `truth` (the same shape, every entry accepted).
bool accepted(const Value& truth, const Value& submitted, const Tolerance& t) {
  if (shape_of(truth) != shape_of(submitted)) return false;
  if (kind_of(truth) == ValueKind::verdict) return std::get<Verdict>(truth).holds == std::get<Verdict>(submitted).holds;
  if (kind_of(truth) == ValueKind::scalar) return accepts(t, std::get<double>(truth), std::get<double>(submitted));
  const auto flat = [](const Value& v) -> Eigen::VectorXd {
    if (const auto* x = std::get_if<Eigen::VectorXd>(&v)) return *x;
    const auto& m = std::get<Eigen::MatrixXd>(v);
    return Eigen::Map<const Eigen::VectorXd>(m.data(), m.size());
  };
  const Eigen::VectorXd a = flat(truth), b = flat(submitted);
  for (Eigen::Index i = 0; i < a.size(); ++i)
    if (!accepts(t, a[i], b[i])) return false;
  return true;
}

std::string rounded(double x, int digits) { return fmt::format("{:.{}g}", x, digits); }

}  // namespace

BOOST_AUTO_TEST_CASE(every_exercise_is_sound_and_the_catalogue_has_enough) {
  // At least one exercise per core chapter (CATALOGUE.md 1–6) and six more.
  const std::vector<std::string> core = {"perceptron", "mse_vs_ce", "softmax_jacobian", "tanh_derivative",
                                         "delta_recursion", "graph_xyz", "graph_neuron"};
  std::size_t on_core = 0, others = 0;
  std::set<std::string> chapters_with;
  for (const Exercise& e : exercises::all()) {
    chapters_with.insert(e.chapter());
    for (const Variant& v : variants()) {
      BOOST_TEST_CONTEXT(e.id() << ", " << v.describe()) {
        const Trace& key = key_of(e, v);
        BOOST_TEST(e.problems(key).empty());
        BOOST_TEST(e.asked().size() >= 3u);
      }
    }
    (std::find(core.begin(), core.end(), e.chapter()) != core.end() ? on_core : others)++;
  }
  for (const std::string& chapter : core) BOOST_TEST(chapters_with.count(chapter) == 1u, chapter);
  BOOST_TEST(others >= 6u);
}

BOOST_AUTO_TEST_CASE(a_correct_sheet_scores_full_marks) {
  for (const Exercise& e : exercises::all())
    for (const Variant& v : variants()) {
      BOOST_TEST_CONTEXT(e.id() << ", " << v.describe()) {
        const Trace& key = key_of(e, v);
        const Grade g = grade_text(e, key, v, key_answers(e, key));
        BOOST_TEST(g.clean());
        BOOST_TEST(g.score == e.max_score());
        for (const StepGrade& s : g.steps) BOOST_TEST((s.outcome == Outcome::correct), s.step << ": " << s.feedback);
      }
    }
}

BOOST_AUTO_TEST_CASE(answers_rounded_as_the_sheet_asks_are_correct) {
  // A student who rounds each number to the sheet's significant figures still scores full marks.
  for (const Exercise& e : exercises::all()) {
    const Trace& key = key_of(e, Variant::lecture());
    std::map<std::string, std::string> raw = key_answers(e, key);
    for (const AskedStep& a : e.asked())
      if (a.accept.mode == Tolerance::Mode::sigfig && kind_of(key.value(a.step)) == ValueKind::scalar)
        raw[a.step] = rounded(std::get<double>(key.value(a.step)), a.accept.digits);
    const Grade g = grade_text(e, key, Variant::lecture(), raw);
    BOOST_TEST(g.score == e.max_score(), e.id());
  }
}

BOOST_AUTO_TEST_CASE(each_sheet_says_how_many_digits_to_keep_and_writes_what_it_asks_without_a_clash) {
  // Every asked number's line names the precision the grader checks it to: figures or decimals.
  for (const Exercise& e : exercises::all()) {
    const Trace& key = key_of(e, Variant::lecture());
    const std::string sheet = render_sheet(e, key, Variant::lecture());
    for (const AskedStep& a : e.asked()) {
      if (kind_of(key.value(a.step)) == ValueKind::verdict) continue;  // true or false: exactly
      const auto at = sheet.find("`" + a.step + "` · ");
      BOOST_TEST_REQUIRE(at != std::string::npos, e.id() << ": no line for " << a.step);
      const std::string line = sheet.substr(at, sheet.find('\n', at) - at);
      BOOST_TEST((line.find("significant figure") != std::string::npos ||
                  line.find("after the point") != std::string::npos),
                 e.id() << ": " << line);
    }
  }
  // graph_xyz's chain rule wrote the local gradient with the result's own symbol,
  // ∂f/∂q = ∂f/∂f · ∂f/∂q; the local gradient is that of the gate, ∂(q·z)/∂q.
  const Exercise& xyz = exercises::find("graph_xyz.backprop");
  const std::string xyz_sheet = render_sheet(xyz, key_of(xyz, Variant::lecture()), Variant::lecture());
  BOOST_TEST(xyz_sheet.find(R"(\frac{\partial f}{\partial f} \cdot \frac{\partial f}{\partial)") == std::string::npos);
  BOOST_TEST(xyz_sheet.find(R"(\frac{\partial(q \cdot z)}{\partial q})") != std::string::npos);
  // xnor_mlp.feedforward uses the sigmoid: its convention paragraph says so, and does not describe
  // the step function of the chapter's step network.
  const Exercise& xnor = exercises::find("xnor_mlp.feedforward");
  const std::string xnor_sheet = render_sheet(xnor, key_of(xnor, Variant::lecture()), Variant::lecture());
  const auto convention = xnor_sheet.find("**Convention.**");
  BOOST_TEST_REQUIRE(convention != std::string::npos);
  const std::string paragraph = xnor_sheet.substr(convention, xnor_sheet.find("\n\n", convention) - convention);
  BOOST_TEST(paragraph.find("sigmoid") != std::string::npos, paragraph);
  BOOST_TEST(paragraph.find("The step is") == std::string::npos, paragraph);
}

BOOST_AUTO_TEST_CASE(each_named_mistake_is_recognised_with_its_feedback) {
  std::size_t mistakes = 0;
  for (const Exercise& e : exercises::all())
    for (const AskedStep& a : e.asked())
      for (const Mistake& m : a.mistakes) {
        ++mistakes;
        int recognised = 0;
        for (const Variant& v : variants()) {
          BOOST_TEST_CONTEXT(e.id() << ", step " << a.step << ", mistake " << m.id << ", " << v.describe()) {
            const Trace& key = key_of(e, v);
            const Step& step = key.step_at(a.step);
            Inputs inputs;
            for (const std::string& name : m.inputs.empty() ? step.inputs : m.inputs) inputs.add(name, &key.value(name));
            const Value wrong = m.compute(inputs);
            BOOST_TEST_REQUIRE(shape_of(wrong) == shape_of(key.value(a.step)));
            if (!accepted(wrong, wrong, Tolerance::relabs(0, 0))) continue;  // no value here (NaN): not this variant's mistake
            if (accepted(key.value(a.step), wrong, a.accept)) {
              // The wrong formula gives the right number here: correct wins, as it must.
              BOOST_TEST(v.seed.has_value(), "the mistake coincides with the answer on the lecture's numbers");
              continue;
            }
            auto raw = key_answers(e, key);
            raw[a.step] = toml_value(wrong);
            const Grade g = grade_text(e, key, v, raw);
            const StepGrade& s = step_grade(g, a.step);
            BOOST_TEST((s.outcome == Outcome::mistake));
            BOOST_TEST(s.score == 0.0);
            if (s.mistake != m.id) {
              // An earlier mistake of the same step gives the same number: it is named first.
              const auto named = std::find_if(a.mistakes.begin(), a.mistakes.end(), [&](const Mistake& o) { return o.id == s.mistake; });
              BOOST_TEST_REQUIRE((named != a.mistakes.end()));
              BOOST_TEST((named < std::find_if(a.mistakes.begin(), a.mistakes.end(), [&](const Mistake& o) { return o.id == m.id; })));
            } else {
              BOOST_TEST(s.feedback.find(m.feedback) != std::string::npos);
              ++recognised;
            }
            // The other steps are untouched.
            BOOST_TEST(g.score == e.max_score() - a.weight);
          }
        }
        BOOST_TEST(recognised >= 1, e.id() << ", step " << a.step << ", mistake " << m.id << " is never named");
      }
  BOOST_TEST(mistakes >= 20u);
}

BOOST_AUTO_TEST_CASE(the_issue_s_named_mistakes_are_all_there) {
  // Each usual mistake the issue lists is a named mistake of some exercise (found by its feedback).
  std::string all_feedback;
  for (const Exercise& e : exercises::all())
    for (const AskedStep& a : e.asked())
      for (const Mistake& m : a.mistakes) all_feedback += m.id + " " + m.feedback + "\n";
  const std::vector<std::vector<std::string>> usual = {
      {"g'(a)"}, {"y − ŷ"}, {"1/N"}, {"1 − tanh"}, {"diagonal"}, {"W_for_WT", "Wᵀ"}, {"pre-activation"}};
  for (const auto& words : usual) {
    bool found = false;
    for (const std::string& word : words) found = found || all_feedback.find(word) != std::string::npos;
    BOOST_TEST(found, words.front());
  }
}

BOOST_AUTO_TEST_CASE(follow_through_is_given_where_it_is_due_and_only_there) {
  std::size_t credited = 0, refused = 0;
  for (const Exercise& e : exercises::all())
    for (const Variant& v : {Variant::lecture(), Variant::for_seed(4)}) {
      const Trace& key = key_of(e, v);
      const auto asked = detail::asked_in_trace_order(e, key);
      for (std::size_t i = 0; i < asked.size(); ++i)
        for (std::size_t j = i + 1; j < asked.size(); ++j) {
          const AskedStep &a = *asked[i], &b = *asked[j];
          BOOST_TEST_CONTEXT(e.id() << ", " << v.describe() << ": " << a.step << " wrong, then " << b.step) {
            const Value wrong_a = perturbed(key.value(a.step));
            // The student's answers: the key's everywhere but at a (asked steps between a and b
            // are answered right, so b must follow a through the student's own answers).
            std::map<std::string, Value> answered;
            for (const AskedStep& other : e.asked())
              if (other.step != b.step) answered[other.step] = key.value(other.step);
            answered[a.step] = wrong_a;
            Trace mine = key;
            try {
              mine.recompute(answered);
            } catch (const std::exception&) {
              continue;  // the chapter refuses such a value: nothing to follow
            }
            const Value from_wrong_a = mine.value(b.step);
            const bool depends = detail::upstream_of(key, b.step).count(a.step) > 0;
            if (accepted(key.value(b.step), from_wrong_a, b.accept)) continue;  // the error does not reach b
            BOOST_TEST_REQUIRE(depends);
            // Due: b computed right from the wrong a.
            auto raw = key_answers(e, key);
            raw[a.step] = toml_value(wrong_a);
            raw[b.step] = toml_value(from_wrong_a);
            const Grade g = grade_text(e, key, v, raw);
            const StepGrade& sb = step_grade(g, b.step);
            if (sb.outcome == Outcome::correct) continue;  // a later asked step in between absorbed it
            BOOST_TEST((sb.outcome == Outcome::follow_through), sb.feedback);
            BOOST_TEST(sb.score == b.weight);
            BOOST_TEST(sb.feedback.find(a.step) != std::string::npos);
            BOOST_TEST(step_grade(g, a.step).score == 0.0);
            ++credited;
            // Not due: the same number for b when a was answered right.
            auto right_a = key_answers(e, key);
            right_a[b.step] = toml_value(from_wrong_a);
            const Grade g2 = grade_text(e, key, v, right_a);
            const StepGrade& sb2 = step_grade(g2, b.step);
            BOOST_TEST((sb2.outcome != Outcome::follow_through));
            BOOST_TEST(sb2.score == 0.0);
            ++refused;
          }
        }
    }
  BOOST_TEST(credited >= 20u);
  BOOST_TEST(refused == credited);
}

BOOST_AUTO_TEST_CASE(no_follow_through_from_a_step_that_is_not_upstream) {
  // graph_xyz: ∂f/∂z = q does not read ∂f/∂q; a wrong ∂f/∂q earns ∂f/∂z nothing.
  const Exercise& e = exercises::find("graph_xyz.backprop");
  const Trace& key = key_of(e, Variant::lecture());
  auto raw = key_answers(e, key);
  raw["grad.q"] = "7";
  raw["grad.z"] = "7";
  const Grade g = grade_text(e, key, Variant::lecture(), raw);
  BOOST_TEST((step_grade(g, "grad.z").outcome == Outcome::wrong));
  // ∂f/∂x = ∂f/∂q · 1 does read it: 7 is right from the student's own ∂f/∂q.
  raw["grad.x"] = "7";
  const Grade g2 = grade_text(e, key, Variant::lecture(), raw);
  BOOST_TEST((step_grade(g2, "grad.x").outcome == Outcome::follow_through));
  BOOST_TEST(step_grade(g2, "grad.x").feedback.find("grad.q (step 3)") != std::string::npos);
}

// ---- bad input -----------------------------------------------------------------------------------

namespace {
struct BadInput {
  Grade g;
  std::string all;  // error and problems, one text
};
BadInput grade_raw(const std::string& text) {
  const Exercise& e = exercises::find("graph_xyz.backprop");
  const Variant v = Variant::for_student("s1");
  BadInput bad{grade(e, v, parse_answer_file(text, "subs/s1.toml")), ""};
  bad.all = bad.g.error;
  for (const auto& p : bad.g.problems) bad.all += "\n" + p;
  return bad;
}
std::string good_with(const std::string& step, const std::string& raw) {
  const Exercise& e = exercises::find("graph_xyz.backprop");
  const Variant v = Variant::for_student("s1");
  auto answers = key_answers(e, e.build(v.seed));
  answers[step] = raw;
  return answer_file_text(e.id(), v, answers);
}
}  // namespace

BOOST_AUTO_TEST_CASE(a_missing_step_is_named_and_the_rest_graded) {
  std::string text = good_with("grad.z", "0");
  text.erase(text.find("\"grad.z\""), text.find('\n', text.find("\"grad.z\"")) - text.find("\"grad.z\"") + 1);
  const BadInput bad = grade_raw(text);
  BOOST_TEST(bad.all.find("subs/s1.toml: step 'grad.z'") != std::string::npos, bad.all);
  BOOST_TEST(bad.all.find("is missing") != std::string::npos);
  BOOST_TEST(bad.g.score == 6.0);  // 8 points less ∂f/∂z's 2
}

BOOST_AUTO_TEST_CASE(a_wrong_shape_is_named) {
  const BadInput bad = grade_raw(good_with("forward.q", "[1, 2]"));
  BOOST_TEST(bad.all.find("subs/s1.toml, line") != std::string::npos, bad.all);
  BOOST_TEST(bad.all.find("step 'forward.q': wrong shape: a number is asked, and the file has a list of 2 numbers") != std::string::npos, bad.all);
  BOOST_TEST((step_grade(bad.g, "forward.q").outcome == Outcome::invalid));
  BOOST_TEST(bad.g.score == 7.0);
}

BOOST_AUTO_TEST_CASE(text_where_a_number_belongs_is_named) {
  const BadInput bad = grade_raw(good_with("grad.x", "\"minus four\""));
  BOOST_TEST(bad.all.find("step 'grad.x': text where a number belongs (\"minus four\")") != std::string::npos, bad.all);
  const BadInput unquoted = grade_raw(good_with("grad.x", "-4/3"));  // not TOML at all
  BOOST_TEST(unquoted.all.find("subs/s1.toml: line") != std::string::npos, unquoted.all);
  BOOST_TEST(unquoted.all.find("not valid TOML") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(nan_and_infinity_are_named) {
  for (const char* raw : {"nan", "inf", "-inf", "[1, nan]"}) {
    const BadInput bad = grade_raw(good_with("grad.x", raw));
    BOOST_TEST(bad.all.find("step 'grad.x'") != std::string::npos, raw << ": " << bad.all);
    BOOST_TEST((bad.all.find("NaN") != std::string::npos || bad.all.find("infinity") != std::string::npos), bad.all);
    BOOST_TEST(bad.g.score == 6.0);
  }
}

BOOST_AUTO_TEST_CASE(an_empty_file_is_named) {
  for (const char* text : {"", "   \n\n"}) {
    const BadInput bad = grade_raw(text);
    BOOST_TEST(bad.g.error == "subs/s1.toml: the file is empty: fill in the answer file you were given");
    BOOST_TEST(bad.g.score == 0.0);
  }
}

BOOST_AUTO_TEST_CASE(a_file_for_another_exercise_or_student_is_refused) {
  std::string other = good_with("grad.x", "1");
  other.replace(other.find("graph_xyz.backprop"), 18, "mse_vs_ce.gradients");
  BOOST_TEST(grade_raw(other).g.error ==
             "subs/s1.toml: this answer file is for exercise 'mse_vs_ce.gradients', not 'graph_xyz.backprop'");
  std::string someone_else = good_with("grad.x", "1");
  someone_else.replace(someone_else.find("student = \"s1\""), 14, "student = \"s2\"");
  BOOST_TEST(grade_raw(someone_else).g.error ==
             "subs/s1.toml: this answer file is for student 's2', but it is graded as student 's1'");
  BOOST_TEST(grade_raw(someone_else).g.score == 0.0);
}

BOOST_AUTO_TEST_CASE(a_file_of_many_megabytes_is_refused_unread) {
  const auto path = std::filesystem::temp_directory_path() / fmt::format("nnwb_big_{}.toml", ::getpid());
  {
    std::ofstream out(path, std::ios::binary);
    const std::string line = "# " + std::string(1022, 'x') + "\n";
    for (int i = 0; i < 5 * 1024; ++i) out << line;  // 5 MiB
  }
  const AnswerFile file = read_answer_file(path);
  std::filesystem::remove(path);
  BOOST_TEST(file.error.find("the file is 5.2 MB") != std::string::npos, file.error);
  const Grade g = grade(exercises::find("graph_xyz.backprop"), Variant::for_student("s1"), file);
  BOOST_TEST(g.error.find(path.string()) == 0u);
  BOOST_TEST(g.score == 0.0);
}

BOOST_AUTO_TEST_CASE(a_blank_is_no_answer_but_no_error) {
  const BadInput bad = grade_raw(good_with("grad.x", "\"\""));
  BOOST_TEST(bad.g.clean());
  BOOST_TEST((step_grade(bad.g, "grad.x").outcome == Outcome::blank));
  BOOST_TEST(bad.g.score == 6.0);
}

BOOST_AUTO_TEST_CASE(unknown_steps_and_keys_are_reported) {
  std::string text = good_with("grad.x", "-4");
  text += "\"grad.w\" = 3\n";
  text.insert(0, "name = \"Ada\"\n");
  const BadInput bad = grade_raw(text);
  BOOST_TEST(bad.all.find("step 'grad.w' is not asked in exercise 'graph_xyz.backprop'") != std::string::npos, bad.all);
  BOOST_TEST(bad.all.find("'name' is not a key of an answer file") != std::string::npos, bad.all);
}

BOOST_AUTO_TEST_CASE(ragged_matrices_and_empty_lists_are_named) {
  const AnswerFile file = parse_answer_file("exercise = \"x\"\n[answers]\n\"a\" = [[1, 2], [3]]\n\"b\" = []\n\"c\" = [[1, \"x\"]]\n", "f.toml");
  BOOST_TEST(file.answers.at("a").problem == "row 2 has 1 entries but row 1 has 2: every row needs the same number");
  BOOST_TEST(file.answers.at("b").problem.find("an empty list") == 0u);
  BOOST_TEST(file.answers.at("c").problem.find("row 1, entry 2: text where a number belongs") == 0u);
  BOOST_TEST(file.answers.at("a").line == 3);
}

BOOST_AUTO_TEST_SUITE_END()
