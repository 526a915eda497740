// The instructor's commands (exercises/nnwb_exercise.cpp), run as an instructor runs them: sheets and
// answer traces for a roster, grading one file, a batch into a gradebook with broken files among
// good ones, and a Gradescope autograder tried on a submission laid out as Gradescope lays it out.
// Gradescope's results.json is checked against its documented format
// (https://gradescope-autograders.readthedocs.io/en/latest/specs/).
#include <sys/wait.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <cstdlib>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "exercises.hpp"
#include "support/answers.hpp"
#include "support/commands.hpp"

BOOST_AUTO_TEST_SUITE(exercise_cli)

namespace fs = std::filesystem;
using namespace nnwb;

namespace {

using test::Run;
using test::slurp;
using test::spit;

fs::path scratch(const std::string& name) { return test::scratch("exercise_cli", name); }

Run run(const std::string& arguments, const std::string& environment = "") {
  return test::run_shell(fmt::format("{} {}/nnwb-exercise {}", environment, NNWB_BIN_DIR, arguments), scratch("run"));
}

Run run_shell(const std::string& command) { return test::run_shell(command, scratch("shell")); }

// The answer file of `student` with the key's answers, one of them replaced if asked.
std::string answers_for(const std::string& student, const std::string& step = "", const std::string& raw = "") {
  const Exercise& e = exercises::find("graph_xyz.backprop");
  const Variant v = Variant::for_student(student);
  auto answers = test::key_answers(e, e.build(v.seed));
  if (!step.empty()) answers[step] = raw;
  return test::answer_file_text(e.id(), v, answers);
}

// Gradescope's documented results.json: the keys it knows, their types and their values.
void check_gradescope_format(const nlohmann::json& r) {
  const std::set<std::string> top = {"score", "execution_time", "output", "output_format", "test_output_format",
                                     "test_name_format", "visibility", "stdout_visibility", "extra_data", "tests",
                                     "leaderboard"};
  const std::set<std::string> test_keys = {"score", "max_score", "status", "name", "name_format", "number",
                                           "output", "output_format", "tags", "visibility", "extra_data"};
  const std::set<std::string> formats = {"text", "html", "simple_format", "md", "ansi"};
  const std::set<std::string> visibilities = {"hidden", "after_due_date", "after_published", "visible"};
  BOOST_TEST_REQUIRE(r.is_object());
  for (const auto& [key, value] : r.items()) BOOST_TEST(top.count(key) == 1u, "unknown key " << key);
  BOOST_TEST(r.at("score").is_number());
  BOOST_TEST(formats.count(r.at("output_format").get<std::string>()) == 1u);
  BOOST_TEST(formats.count(r.at("test_output_format").get<std::string>()) == 1u);
  BOOST_TEST(visibilities.count(r.at("visibility").get<std::string>()) == 1u);
  BOOST_TEST(visibilities.count(r.at("stdout_visibility").get<std::string>()) == 1u);
  BOOST_TEST(r.at("output").is_string());
  double sum = 0;
  for (const auto& t : r.at("tests")) {
    for (const auto& [key, value] : t.items()) BOOST_TEST(test_keys.count(key) == 1u, "unknown test key " << key);
    BOOST_TEST(t.at("score").is_number());
    BOOST_TEST(t.at("max_score").is_number());
    BOOST_TEST(t.at("score").get<double>() <= t.at("max_score").get<double>());
    BOOST_TEST((t.at("status") == "passed" || t.at("status") == "failed"));
    BOOST_TEST(t.at("name").is_string());
    BOOST_TEST(t.at("number").is_string());
    BOOST_TEST(t.at("output").is_string());
    BOOST_TEST(formats.count(t.at("output_format").get<std::string>()) == 1u);
    BOOST_TEST(visibilities.count(t.at("visibility").get<std::string>()) == 1u);
    BOOST_TEST(t.at("tags").is_array());
    sum += t.at("score").get<double>();
  }
  BOOST_TEST(r.at("score").get<double>() == sum);
}

}  // namespace

BOOST_AUTO_TEST_CASE(list_names_every_exercise) {
  const Run r = run("list");
  BOOST_TEST(r.exit_code == 0);
  for (const Exercise& e : exercises::all()) BOOST_TEST(r.out.find(e.id()) != std::string::npos, e.id());
}

BOOST_AUTO_TEST_CASE(sheets_and_answer_traces_for_a_roster) {
  const fs::path dir = scratch("roster");
  spit(dir / "roster.csv", "name,student\n\"Lovelace, Ada\",s0001\nAlan Turing,s0002\n");
  const Run sheets = run(fmt::format("sheet graph_xyz.backprop --roster {} --output-dir {}", (dir / "roster.csv").string(),
                                     (dir / "sheets").string()));
  BOOST_TEST(sheets.exit_code == 0, sheets.err);
  const Run keys = run(fmt::format("key graph_xyz.backprop --roster {} --output-dir {}", (dir / "roster.csv").string(),
                                   (dir / "keys").string()));
  BOOST_TEST(keys.exit_code == 0, keys.err);
  for (const char* id : {"s0001", "s0002"}) {
    BOOST_TEST(slurp(dir / "sheets" / fmt::format("{}.md", id)).find("student " + std::string(id)) != std::string::npos);
    const std::string toml = slurp(dir / "sheets" / fmt::format("{}.toml", id));
    BOOST_TEST(toml.find(fmt::format("student = \"{}\"", id)) != std::string::npos);
    // The key of one student is that student's own: the JSON answers are the trace's values.
    const auto key = nlohmann::json::parse(slurp(dir / "keys" / fmt::format("{}.json", id)));
    const Trace trace = exercises::find("graph_xyz.backprop").build(Variant::for_student(id).seed);
    BOOST_TEST(key["variant"]["student"] == id);
    for (const auto& a : key["answers"])
      BOOST_TEST(a["answer"]["value"].get<double>() == std::get<double>(trace.value(a["step"].get<std::string>())));
    BOOST_TEST(slurp(dir / "keys" / fmt::format("{}.md", id)).find("# Answer trace: graph_xyz.backprop") == 0u);
  }
  // The blank answer file, graded as it is, scores 0 with no error: blanks are not mistakes.
  const Run blank = run(fmt::format("grade graph_xyz.backprop {}", (dir / "sheets" / "s0001.toml").string()));
  BOOST_TEST(blank.exit_code == 0, blank.err);
  BOOST_TEST(blank.out.find("score    0 / 8") != std::string::npos, blank.out);
  // A broken roster is refused, naming the line.
  spit(dir / "bad.csv", "student\ns1\ns1\n");
  const Run bad = run(fmt::format("sheet graph_xyz.backprop --roster {} --output-dir {}", (dir / "bad.csv").string(),
                                  (dir / "x").string()));
  BOOST_TEST(bad.exit_code == 1);
  BOOST_TEST(bad.err.find("bad.csv, row 3: the student id 's1' is there twice (row 2 too)") != std::string::npos, bad.err);
}

BOOST_AUTO_TEST_CASE(grading_one_file_in_each_format) {
  const fs::path dir = scratch("one");
  spit(dir / "s7.toml", answers_for("s7", "grad.z", "-4"));  // ∂f/∂z = z: the mul gate not swapped (z = −4? any)
  const Run text = run(fmt::format("grade graph_xyz.backprop {} --student s7", (dir / "s7.toml").string()));
  BOOST_TEST(text.exit_code == 0, text.err);
  BOOST_TEST(text.out.find("graph_xyz.backprop: Backpropagation through (x + y)z") == 0u);
  const Run json = run(fmt::format("grade graph_xyz.backprop {} --student s7 --format json", (dir / "s7.toml").string()));
  const auto j = nlohmann::json::parse(json.out);
  BOOST_TEST(j["format"] == "nnwb-grade");
  BOOST_TEST(j["steps"].size() == 5u);
  const Run gs = run(fmt::format("grade graph_xyz.backprop {} --student s7 --format gradescope", (dir / "s7.toml").string()));
  check_gradescope_format(nlohmann::json::parse(gs.out));
  // The wrong student: an error, exit 1, and still a results.json with score 0.
  const Run wrong = run(fmt::format("grade graph_xyz.backprop {} --student s8 --format gradescope", (dir / "s7.toml").string()));
  BOOST_TEST(wrong.exit_code == 1);
  BOOST_TEST(wrong.err.find("this answer file is for student 's7', but it is graded as student 's8'") != std::string::npos);
  const auto r = nlohmann::json::parse(wrong.out);
  check_gradescope_format(r);
  BOOST_TEST(r["score"] == 0.0);
  // Unknown exercise: a usage error naming it.
  const Run unknown = run(fmt::format("grade no_such {} --student s7", (dir / "s7.toml").string()));
  BOOST_TEST(unknown.exit_code == 2);
  BOOST_TEST(unknown.err.find("no exercise 'no_such'") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_batch_grades_every_file_whatever_the_others_hold) {
  const fs::path dir = scratch("batch");
  const fs::path subs = dir / "submissions";
  fs::create_directories(subs);
  for (int i = 0; i < 6; ++i) spit(subs / fmt::format("good{}.toml", i), answers_for(fmt::format("good{}", i)));
  spit(subs / "empty.toml", "");
  spit(subs / "text.toml", answers_for("text", "grad.x", "\"four\""));
  spit(subs / "nan.toml", answers_for("nan", "grad.x", "nan"));
  spit(subs / "shape.toml", answers_for("shape", "grad.x", "[1, 2]"));
  spit(subs / "toml.toml", "this is not = = toml\n");
  spit(subs / "other.toml", answers_for("someone_else"));  // handed in under another name
  std::string big;
  for (int i = 0; i < 40000; ++i) big += "# padding padding padding padding padding padding padding padding\n";
  spit(subs / "big.toml", big);
  spit(subs / "notes.txt", "not an answer file");
  const fs::path gradebook = dir / "grades.csv";
  const Run r = run(fmt::format("batch graph_xyz.backprop {} --gradebook {} --feedback {} --jobs 2", subs.string(),
                                gradebook.string(), (dir / "feedback").string()));
  BOOST_TEST(r.exit_code == 1);  // some had problems; all were graded
  BOOST_TEST(r.err.find("graded 13 submissions (7 with problems)") != std::string::npos, r.err);
  BOOST_TEST(r.err.find("notes.txt is not a .toml answer file") != std::string::npos);
  // The progress bar is for a terminal: standard error here is a file, and gets none.
  BOOST_TEST(r.err.find("[####") == std::string::npos, r.err);
  const std::string csv = slurp(gradebook);
  std::vector<std::string> lines;
  std::istringstream in(csv);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  BOOST_TEST(lines.size() == 14u);  // the header and 13 rows
  BOOST_TEST(lines[0].find("\"student\",\"seed\",\"score\",\"max_score\",\"percent\",\"status\",\"forward.q\"") == 0u);
  const auto row = [&](const std::string& id) {
    for (const std::string& line : lines)
      if (line.rfind("\"" + id + "\",", 0) == 0) return line;
    return std::string();
  };
  BOOST_TEST(row("good3").find(",\"8\",\"8\",\"100\",\"graded\",") != std::string::npos, row("good3"));
  BOOST_TEST(row("empty").find("\"error\"") != std::string::npos);
  BOOST_TEST(row("empty").find("empty.toml: the file is empty") != std::string::npos);
  BOOST_TEST(row("text").find("step 'grad.x': text where a number belongs") != std::string::npos);
  BOOST_TEST(row("nan").find("step 'grad.x': NaN is not an answer") != std::string::npos);
  BOOST_TEST(row("shape").find("step 'grad.x': wrong shape") != std::string::npos);
  BOOST_TEST(row("toml").find("not valid TOML") != std::string::npos);
  BOOST_TEST(row("other").find("is for student 'someone_else', but it is graded as student 'other'") != std::string::npos);
  BOOST_TEST(row("big").find("big.toml: the file is 2.") != std::string::npos, row("big"));
  BOOST_TEST(row("text").find(",\"6\",\"8\",") != std::string::npos);  // the other steps still count
  // A feedback file per student, and nothing half-written left behind.
  for (const char* id : {"good0", "empty", "big", "other"}) BOOST_TEST(fs::exists(dir / "feedback" / fmt::format("{}.md", id)));
  for (const auto& entry : fs::directory_iterator(dir / "feedback"))
    BOOST_TEST(entry.path().filename().string().front() != '.', entry.path());
  for (const auto& entry : fs::directory_iterator(dir)) BOOST_TEST(entry.path().filename().string().front() != '.');
  // On a terminal (script(1) gives the grader one), the bar draws itself and ends full.
  const std::string command =
      fmt::format("script -qec '{}/nnwb-exercise batch graph_xyz.backprop {} --gradebook {} --feedback {}' /dev/null",
                  NNWB_BIN_DIR, subs.string(), (dir / "grades2.csv").string(), (dir / "feedback2").string());
  const Run on_terminal = run_shell(command);
  BOOST_TEST(on_terminal.out.find("[##############################] 13/13") != std::string::npos, on_terminal.out);
}

BOOST_AUTO_TEST_CASE(the_gradescope_autograder_grades_a_submission_as_gradescope_lays_it_out) {
  const fs::path dir = scratch("gradescope");
  const Run build = run(fmt::format("gradescope graph_xyz.backprop --output-dir {}", (dir / "autograder").string()));
  BOOST_TEST_REQUIRE(build.exit_code == 0, build.err);
  for (const char* file : {"setup.sh", "run_autograder", "autograder.zip", "nnwb/CMakeLists.txt", "nnwb/.ci/install-deps",
                           "nnwb/exercises/graph_xyz.cpp"})
    BOOST_TEST(fs::exists(dir / "autograder" / file), file);
  BOOST_TEST(((fs::status(dir / "autograder" / "run_autograder").permissions() & fs::perms::owner_exec) != fs::perms::none));
  // /autograder as Gradescope makes it: submission/, submission_metadata.json, results/.
  const fs::path root = dir / "root";
  fs::create_directories(root / "submission");
  spit(root / "submission" / "my answers.toml", answers_for("ada@example.edu", "grad.q", "3"));
  spit(root / "submission_metadata.json",
       R"({"id": 1, "users": [{"email": "ada@example.edu", "id": 7, "name": "Ada"}], "assignment": {"title": "HW"}})");
  const std::string environment = fmt::format("NNWB_AUTOGRADER_ROOT='{}' NNWB_EXERCISE_BIN='{}/nnwb-exercise'", root.string(), NNWB_BIN_DIR);
  const std::string command = fmt::format("{} '{}' >/dev/null 2>&1", environment, (dir / "autograder" / "run_autograder").string());
  BOOST_TEST(std::system(command.c_str()) == 0);
  const auto results = nlohmann::json::parse(slurp(root / "results" / "results.json"));
  check_gradescope_format(results);
  BOOST_TEST(results["score"] == 6.0);  // ∂f/∂q wrong (2 points), the rest right
  BOOST_TEST(results["tests"].size() == 5u);
  // No submission at all: still a results.json, with score 0 and the reason.
  fs::remove_all(root / "submission");
  fs::create_directories(root / "submission");
  BOOST_TEST(std::system(command.c_str()) == 0);
  const auto none = nlohmann::json::parse(slurp(root / "results" / "results.json"));
  check_gradescope_format(none);
  BOOST_TEST(none["score"] == 0.0);
  BOOST_TEST(none["output"].get<std::string>().find("cannot read the file") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
