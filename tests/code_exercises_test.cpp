// The code exercises (issue 13): each defined soundly on every variant; the reference solutions in
// C++ and in Python get full marks; each wrong solution in tests/code/<exercise>/<mistake>.{cpp,py}
// gets its named mistake; a file that does not compile, one that raises, and a backward pass that is
// not the derivative of its own forward pass get the feedback that says so; and the command line
// lists, writes starter files, grades and batches code as it does answer sheets.
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <string>

#include "code/code_exercises.hpp"
#include "nnwb/code_runner.hpp"
#include "nnwb/gradebook.hpp"
#include "nnwb/sandbox.hpp"
#include "support/commands.hpp"

BOOST_AUTO_TEST_SUITE(code_exercises)

namespace {

using namespace nnwb;
using namespace nnwb::test;
namespace fs = std::filesystem;

const fs::path source_dir(NNWB_SOURCE_DIR);
const fs::path toolkit(NNWB_CODE_TOOLKIT_DIR);

// The code exercises run in the sandbox: a machine where it cannot run fails these tests, with the reason.
void require_sandbox() {
  static const std::string problem = sandbox_problem();
  BOOST_REQUIRE_MESSAGE(problem.empty(), "the sandbox cannot run on this machine: " << problem);
}

std::string short_name(const CodeExercise& e) { return e.id().substr(std::string("code.").size()); }

Grade graded(const CodeExercise& e, const fs::path& file) {
  require_sandbox();
  return grade_code_file(e, Variant::lecture(), file, toolkit);
}

std::string summary(const Grade& g) {
  std::string out = fmt::format("{} / {}; error: {}", g.score, g.max_score, g.error);
  for (const std::string& p : g.problems) out += "; problem: " + p;
  for (const StepGrade& s : g.steps) out += fmt::format("\n  {} {} {}: {}", s.step, s.score, outcome_name(s.outcome), s.feedback);
  return out;
}

Run nnwb_exercise(const std::string& arguments, const fs::path& dir) {
  return run_shell(fmt::format("{}/nnwb-exercise {}", NNWB_BIN_DIR, arguments), dir);
}

}  // namespace

BOOST_AUTO_TEST_CASE(at_least_eight_exercises_each_sound_on_every_variant) {
  BOOST_TEST(exercises::code::all_code().size() >= 8u);
  for (const CodeExercise& e : exercises::code::all_code()) {
    BOOST_TEST(e.id().starts_with("code."), e.id());
    BOOST_TEST(!e.functions().empty(), e.id());
    for (const Variant& v : code_variants(Variant::for_seed(1), 60)) {  // seeds 1 to 60
      const std::vector<std::string> problems = e.problems(e.steps().build(v.seed));
      BOOST_TEST(problems.empty(), e.id() << " on " << v.describe() << ": " << (problems.empty() ? "" : problems.front()));
    }
    BOOST_TEST(e.problems(e.steps().build(std::nullopt)).empty(), e.id());
  }
}

BOOST_AUTO_TEST_CASE(every_declaration_is_the_students_header) {
  // The starter files and the sheet print each function's declaration: it must be the header's own.
  std::string header = slurp(source_dir / "exercises/code/nnwb_code.hpp");
  std::string flat;  // whitespace made single spaces, as a declaration spread over lines reads
  for (char c : header) {
    const char d = (c == '\n') ? ' ' : c;
    if (d == ' ' && !flat.empty() && (flat.back() == ' ' || flat.back() == '(')) continue;
    flat += d;
  }
  for (const CodeExercise& e : exercises::code::all_code())
    for (const CodeFunction& f : e.functions()) {
      BOOST_TEST(flat.find("NNWB_CODE_FUNCTION " + f.cpp + ";") != std::string::npos, e.id() << ": " << f.cpp);
      BOOST_TEST(f.python.starts_with("def " + f.name + "("), e.id() << ": " << f.python);
    }
}

namespace {

// Each file graded as the code exercise its folder names, two at a time (sandbox slots 0 and 1).
std::vector<Grade> graded_files(const std::vector<std::pair<const CodeExercise*, fs::path>>& files) {
  require_sandbox();
  std::vector<fs::path> paths;
  for (const auto& [exercise, path] : files) paths.push_back(path);
  return grade_each(paths, 2, {}, [&](const fs::path& path, int slot) {
    for (const auto& [exercise, candidate] : files)
      if (candidate == path) return grade_code_file(*exercise, Variant::lecture(), path, toolkit, slot);
    throw std::logic_error("a file of no exercise");
  });
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_reference_solutions_get_full_marks_in_both_languages) {
  std::vector<std::pair<const CodeExercise*, fs::path>> files;
  for (const CodeExercise& e : exercises::code::all_code())
    for (const char* extension : {".cpp", ".py"}) {
      files.emplace_back(&e, source_dir / "solutions/code" / (short_name(e) + extension));
      BOOST_REQUIRE_MESSAGE(fs::exists(files.back().second), files.back().second);
    }
  const std::vector<Grade> grades = graded_files(files);
  for (std::size_t i = 0; i < files.size(); ++i) {
    const Grade& g = grades[i];
    const fs::path& file = files[i].second;
    BOOST_TEST(g.clean(), file << ": " << summary(g));
    BOOST_TEST(g.score == g.max_score, file << ": " << summary(g));
    BOOST_TEST(g.variants.size() == static_cast<std::size_t>(code_variant_count));
    for (const StepGrade& s : g.steps) BOOST_TEST((s.outcome == Outcome::correct), file << " " << s.step);
  }
}

BOOST_AUTO_TEST_CASE(each_wrong_solution_gets_its_named_mistake) {
  std::vector<std::pair<const CodeExercise*, fs::path>> files;
  for (const CodeExercise& e : exercises::code::all_code()) {
    const fs::path folder = source_dir / "tests/code" / short_name(e);
    if (!fs::is_directory(folder)) continue;
    for (const auto& entry : fs::directory_iterator(folder)) {
      const std::string mistake = entry.path().stem().string();
      if (mistake != "compile_error" && mistake != "raises") files.emplace_back(&e, entry.path());
    }
  }
  BOOST_TEST(files.size() >= 16u, "wrong solutions found: " << files.size());
  const std::vector<Grade> grades = graded_files(files);
  for (std::size_t i = 0; i < files.size(); ++i) {
    const Grade& g = grades[i];
    const fs::path& file = files[i].second;
    const std::string mistake = file.stem().string();
    BOOST_TEST(g.error.empty(), file << ": " << g.error);
    BOOST_TEST(g.score < g.max_score, file);
    bool named = false;
    for (const StepGrade& s : g.steps) named = named || (s.outcome == Outcome::mistake && s.mistake == mistake);
    BOOST_TEST(named, file << " does not get the mistake " << mistake << ": " << summary(g));
  }
}

BOOST_AUTO_TEST_CASE(a_compile_error_and_an_exception_are_reported) {
  const CodeExercise& softmax = exercises::code::find_code("code.softmax");
  const Grade compile = graded(softmax, source_dir / "tests/code/softmax/compile_error.cpp");
  BOOST_TEST(compile.score == 0);
  BOOST_TEST(compile.error.find("compile error") != std::string::npos, compile.error);
  BOOST_TEST(compile.error.find("compile_error.cpp:") != std::string::npos, "the compiler's message names the file: " << compile.error);

  const Grade raised = graded(softmax, source_dir / "tests/code/softmax/raises.py");
  BOOST_TEST(raised.score < raised.max_score);
  bool said = false;
  for (const StepGrade& s : raised.steps) said = said || s.feedback.find("raised") != std::string::npos;
  BOOST_TEST(said, summary(raised));
}

BOOST_AUTO_TEST_CASE(the_starter_files_compile_and_say_what_is_missing) {
  const fs::path dir = scratch("code_exercises", "starters");
  for (const CodeExercise& e : exercises::code::all_code())
    for (const CodeLanguage language : {CodeLanguage::cpp, CodeLanguage::python}) {
      const fs::path file = dir / (short_name(e) + (language == CodeLanguage::cpp ? ".cpp" : ".py"));
      spit(file, render_code_template(e, language));
      const Grade g = graded(e, file);
      BOOST_TEST(g.error.empty(), file << ": " << g.error);  // it compiles, runs, and scores nothing
      BOOST_TEST(g.score == 0, file);
      for (const StepGrade& s : g.steps) BOOST_TEST(s.feedback.find("not written yet") != std::string::npos, s.feedback);
    }
}

BOOST_AUTO_TEST_CASE(a_backward_pass_that_is_not_the_forwards_derivative_is_told_so) {
  // The gate's backward pass right, its forward pass wrong: the central differences of the student's
  // own forward function disagree with the backward results.
  const fs::path dir = scratch("code_exercises", "derivative");
  spit(dir / "gate.py",
       "def gate_forward(x, y, z):\n    return (x + y) * z + x * x\n\n"
       "def gate_backward(x, y, z):\n    return z, z, x + y\n");
  const Grade g = graded(exercises::code::find_code("code.gate"), dir / "gate.py");
  BOOST_TEST(g.score < g.max_score);  // forward.f is wrong
  bool disagree = false, agree = false;
  for (const StepGrade& s : g.steps) {
    disagree = disagree || s.feedback.find("do not agree") != std::string::npos;
    agree = agree || s.feedback.find("agree with it") != std::string::npos;
  }
  BOOST_TEST(disagree, summary(g));  // ∂f/∂x = z, but the student's f has ∂/∂x = z + 2x
  BOOST_TEST(agree, summary(g));     // ∂f/∂z = x + y agrees with their f
}

BOOST_AUTO_TEST_CASE(the_command_line_lists_writes_grades_and_batches_code) {
  const fs::path dir = scratch("code_exercises", "cli");
  const Run list = nnwb_exercise("list", dir);
  BOOST_TEST(list.exit_code == 0, list.err);
  for (const CodeExercise& e : exercises::code::all_code())
    BOOST_TEST(list.out.find(e.id()) != std::string::npos, e.id());
  BOOST_TEST(list.out.find(" code ") != std::string::npos);

  const Run starter = nnwb_exercise("template code.gate --language python", dir);
  BOOST_TEST(starter.exit_code == 0, starter.err);
  BOOST_TEST(starter.out.find("def gate_backward(") != std::string::npos, starter.out);
  const Run no_language = nnwb_exercise("template code.gate", dir);
  BOOST_TEST(no_language.exit_code == 2);
  BOOST_TEST(no_language.err.find("--language") != std::string::npos, no_language.err);

  // grade: the reference solution, as JSON, with the points of each variant.
  require_sandbox();
  const Run json = nnwb_exercise(fmt::format("grade code.gate {} --format json", (source_dir / "solutions/code/gate.py").string()), dir);
  BOOST_TEST(json.exit_code == 0, json.err);
  const auto j = nlohmann::json::parse(json.out);
  BOOST_TEST(j.at("score").get<double>() == j.at("max_score").get<double>());
  BOOST_TEST(j.at("variants").size() == static_cast<std::size_t>(code_variant_count));

  // batch: a folder of .cpp and .py files, one of them broken, into a gradebook and feedback files.
  const fs::path in = dir / "in";
  fs::create_directories(in);
  fs::copy_file(source_dir / "solutions/code/gate.py", in / "s0001.py");
  fs::copy_file(source_dir / "solutions/code/gate.cpp", in / "s0002.cpp");
  spit(in / "s0003.cpp", "#include \"nnwb_code.hpp\"\ndouble gate_forward(double x, double y, double z) { return (x + y) z; }\n");
  spit(in / "notes.txt", "not a submission");
  const Run batch = nnwb_exercise(fmt::format("batch code.gate {} --gradebook {} --feedback {} -q", in.string(),
                                              (dir / "grades.csv").string(), (dir / "feedback").string()),
                                  dir);
  BOOST_TEST(batch.exit_code == 1, batch.err);  // s0003 does not compile: a problem, and the others graded
  const std::string gradebook = slurp(dir / "grades.csv");
  for (const char* id : {"s0001", "s0002", "s0003"}) BOOST_TEST(gradebook.find(id) != std::string::npos, gradebook);
  BOOST_TEST(fs::exists(dir / "feedback/s0002.md"));
  BOOST_TEST(slurp(dir / "feedback/s0003.md").find("compile error") != std::string::npos, slurp(dir / "feedback/s0003.md"));
  BOOST_TEST(gradebook.find(R"("7","7","100","graded")") != std::string::npos, gradebook);  // full marks for the others
  BOOST_TEST(batch.err.find("notes.txt") != std::string::npos, batch.err);

  // Gradescope: the autograder grades the submission's .py (or .cpp) as the submitting student's variants.
  const Run gradescope = nnwb_exercise(fmt::format("gradescope code.gate --output-dir {}", (dir / "gs").string()), dir);
  BOOST_TEST_REQUIRE(gradescope.exit_code == 0, gradescope.err);
  const fs::path root = dir / "root";
  fs::create_directories(root / "submission");
  fs::copy_file(source_dir / "tests/code/gate/local_only.py", root / "submission" / "my gate.py");
  spit(root / "submission_metadata.json", R"({"id": 1, "users": [{"email": "ada@example.edu", "id": 7}]})");
  const std::string command =
      fmt::format("NNWB_AUTOGRADER_ROOT='{}' NNWB_EXERCISE_BIN='{}/nnwb-exercise' '{}' >/dev/null 2>&1", root.string(),
                  NNWB_BIN_DIR, (dir / "gs/run_autograder").string());
  BOOST_TEST(std::system(command.c_str()) == 0);
  const auto results = nlohmann::json::parse(slurp(root / "results/results.json"));
  BOOST_TEST(results.at("tests").size() == 4u);  // forward.f, grad.z, grad.x, grad.y
  BOOST_TEST(results.at("score").get<double>() < 7.0);
  BOOST_TEST(results.at("output").get<std::string>().find("ada@example.edu") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
