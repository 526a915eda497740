// nnwb-exercise: the command line for exercises, for students, instructors and graders.
//
//   nnwb-exercise list
//   nnwb-exercise sheet    EXERCISE [--student ID | --seed N | --roster CSV --output-dir DIR]
//   nnwb-exercise template EXERCISE [--student ID | --seed N]
//   nnwb-exercise template CODE-EXERCISE --language cpp|python [-o FILE]
//   nnwb-exercise key      EXERCISE [--student ID | --seed N | --roster CSV] [--format markdown|json | --output-dir DIR]
//   nnwb-exercise key      --all-defaults --output-dir solutions
//   nnwb-exercise grade    EXERCISE ANSWERS.toml|CODE.cpp|CODE.py [--student ID | --seed N] [--format text|markdown|json|gradescope]
//   nnwb-exercise batch    EXERCISE FOLDER --gradebook grades.csv --feedback DIR [--roster CSV]
//
// A code exercise (its id starts with "code.") is graded from a .cpp or .py file, run in the sandbox
// on 10 variants (see lib/host/include/nnwb/code_runner.hpp).
//   nnwb-exercise gradescope EXERCISE --output-dir DIR
//   nnwb-exercise scorm    EXERCISE --output-dir DIR [--site DIR]
//
// Exit codes: 0 done; 1 a file could not be read or written, or an answer file had problems (the
// grade is still written); 2 a wrong option.
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <fmt/format.h>
#include <fstream>
#include <iostream>
#include <sstream>
#include <unistd.h>

#include "code/code_exercises.hpp"
#include "exercises.hpp"
#include "scorm_package.hpp"
#include "nnwb/code_runner.hpp"
#include "nnwb/answer_file_io.hpp"
#include "nnwb/chapter_cli.hpp"
#include "nnwb/gradebook.hpp"
#include "nnwb/grading.hpp"
#include "nnwb/detail/safe_text.hpp"
#include "nnwb/random.hpp"

#ifndef NNWB_CODE_TOOLKIT_DIR
#error "NNWB_CODE_TOOLKIT_DIR must name the build's code exercise toolkit (nnwb_code_toolkit)"
#endif
#ifndef NNWB_SOURCE_DIR
#error "NNWB_SOURCE_DIR must name the source tree (the Gradescope autograder copies it)"
#endif

namespace {

using namespace nnwb;

// Who the output is for: one student, one seed, the lecture's numbers, or a roster.
struct Who {
  std::optional<std::string> student;
  std::optional<std::uint64_t> seed;
  std::optional<std::string> roster;
};

void add_who(CLI::App& command, Who& who, bool with_roster) {
  auto* student = command.add_option("--student", who.student, "The variant of this student id (hashed to a seed)");
  auto* seed = command.add_option("--seed", who.seed, "The variant of this seed")->excludes(student);
  if (with_roster)
    command.add_option("--roster", who.roster, "A CSV of student ids: one output per student (needs --output-dir)")
        ->excludes(student)
        ->excludes(seed)
        ->check(CLI::ExistingFile);
}

Variant variant_of(const Who& who) {
  if (who.student) return Variant::for_student(*who.student);
  if (who.seed) return Variant::for_seed(*who.seed);
  return Variant::lecture();
}

void write_output(const std::string& text, const std::optional<std::string>& output) {
  if (!output) {
    std::cout << text;
    std::cout.flush();
    if (!std::cout) throw std::runtime_error("cannot write to standard output");
    return;
  }
  write_file_atomically(*output, text);
}

// A bar that redraws itself on standard error, when standard error is a terminal; nothing in a log.
class ProgressBar {
 public:
  explicit ProgressBar(bool enabled) : enabled_(enabled && ::isatty(2) != 0) {}
  void operator()(std::size_t done, std::size_t total, const std::filesystem::path& file) {
    if (!enabled_) return;
    const auto now = std::chrono::steady_clock::now();
    if (done < total && now - last_ < std::chrono::milliseconds(50)) return;
    last_ = now;
    constexpr std::size_t width = 30;
    const std::size_t filled = total ? done * width / total : width;
    const std::string bar = std::string(filled, '#') + std::string(width - filled, '.');
    std::cerr << fmt::format("\r[{}] {}/{} {:<30.30}", bar, done, total, detail::echo(file.filename().string(), 30))
              << (done == total ? "\n" : "") << std::flush;
  }

 private:
  bool enabled_;
  std::chrono::steady_clock::time_point last_{};
};

// ---- the Gradescope autograder -----------------------------------------------------------------

constexpr const char* setup_sh = R"SH(#!/usr/bin/env bash
# Gradescope runs this once, when it builds the autograder image: install what nnwb needs and
# build the grader. The image must be Debian 12 or Ubuntu 24.04 (or later): they have every package.
set -euo pipefail
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends cmake g++ make \
  libeigen3-dev libfmt-dev nlohmann-json3-dev libcli11-dev libtomlplusplus-dev libcsv-dev \
  libseccomp-dev bubblewrap python3-numpy
cd /autograder/source/nnwb
cmake -S . -B build -DNNWB_BUILD_TESTS=OFF -DNNWB_BUILD_DOCS=OFF -DNNWB_BUILD_BENCHMARKS=OFF \
  -DNNWB_BUILD_BROWSER=OFF -DNNWB_NATIVE=OFF
cmake --build build -j"$(nproc)" --target nnwb-exercise
)SH";

constexpr const char* run_autograder = R"SH(#!/usr/bin/env bash
# Gradescope runs this for every submission: grade the student's file (the first answer file, or for
# a code exercise the first .cpp or .py, in the submission) as the variant of the submitting student,
# into results/results.json.
# NNWB_AUTOGRADER_ROOT and NNWB_EXERCISE_BIN let it be tried outside Gradescope.
set -uo pipefail
root="${NNWB_AUTOGRADER_ROOT:-/autograder}"
grader="${NNWB_EXERCISE_BIN:-$root/source/nnwb/build/bin/nnwb-exercise}"
mkdir -p "$root/results"
answers="$(find "$root/submission" @PATTERN@ -type f 2>/dev/null | sort | head -n 1)"
"$grader" grade @EXERCISE@ "${answers:-$root/submission/@DEFAULT@}" \
  --gradescope-metadata "$root/submission_metadata.json" --gradescope-student-field @FIELD@ \
  --format gradescope --output "$root/results/results.json"
status=$?
# 0: graded; 1: graded, but the answer file had problems (they are in results.json).
if [ "$status" -le 1 ] && [ -s "$root/results/results.json" ]; then exit 0; fi
exit "$status"
)SH";

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

void build_gradescope_autograder(const std::string& exercise_id, bool code, const std::filesystem::path& dir,
                                 const std::string& field) {
  namespace fs = std::filesystem;
  fs::create_directories(dir);
  write_file_atomically(dir / "setup.sh", setup_sh);
  std::string runner = replace_all(replace_all(run_autograder, "@EXERCISE@", exercise_id), "@FIELD@", field);
  runner = replace_all(runner, "@PATTERN@", code ? R"(\( -name '*.cpp' -o -name '*.py' \))" : "-name '*.toml'");
  write_file_atomically(dir / "run_autograder", replace_all(runner, "@DEFAULT@", code ? "submission.py" : "answers.toml"));
  for (const char* script : {"setup.sh", "run_autograder"})
    fs::permissions(dir / script, fs::perms::owner_exec | fs::perms::group_exec | fs::perms::others_exec,
                    fs::perm_options::add);
  // The source the grader is built from: the library, the chapters, the exercises.
  const fs::path source(NNWB_SOURCE_DIR);
  const fs::path copy = dir / "nnwb";
  fs::remove_all(copy);
  fs::create_directories(copy);
  for (const char* part : {"CMakeLists.txt", "lib", "chapters", "exercises", "cmake", ".ci"})
    fs::copy(source / part, copy / part, fs::copy_options::recursive);
  // A ready-to-upload zip: the files at its root, as Gradescope wants (cmake can write zips).
  const fs::path zip = dir / "autograder.zip";
  fs::remove(zip);
  const std::string command = fmt::format("cd '{}' && cmake -E tar cf autograder.zip --format=zip setup.sh run_autograder nnwb",
                                          dir.string());
  if (std::system(command.c_str()) != 0) throw std::runtime_error(fmt::format("cannot write '{}'", zip.string()));
}

// The student id Gradescope gives: users[0].<field> in submission_metadata.json.
std::string student_from_gradescope(const std::string& path, const std::string& field) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(fmt::format("{}: cannot read Gradescope's submission metadata", path));
  std::ostringstream text;
  text << in.rdbuf();
  return student_from_gradescope_metadata(text.str(), path, field);
}

// JSON as text; any invalid UTF-8 that slipped through is replaced, never a reason to fail.
std::string json_text(const nlohmann::ordered_json& j) {
  return j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

// A batch's outputs: a feedback file per student, the gradebook, and a summary on standard error.
int write_batch(const Exercise& exercise, std::vector<Grade>& grades, const std::vector<std::string>* roster,
            const std::string& feedback_dir, const std::string& feedback_format, const std::string& gradebook_path) {
  if (roster) reconcile_with_roster(grades, exercise, *roster);
  int status = exit_ok;
  std::size_t with_problems = 0, missing = 0;
  for (const Grade& g : grades) {
    if (!g.handed_in) {
      ++missing;
      continue;
    }
    const std::string id = g.variant.student.value_or("unknown");
    const std::string text = feedback_format == "markdown" ? render_grade_markdown(g)
                             : feedback_format == "text"   ? render_grade_text(g)
                                                           : json_text(grade_to_json(g));
    const char* extension = feedback_format == "markdown" ? ".md" : feedback_format == "text" ? ".txt" : ".json";
    try {
      // A file name that is not a usable id gets no feedback file of its own name.
      if (!student_id_problem(id).empty()) throw std::runtime_error(g.error);
      write_file_atomically(std::filesystem::path(feedback_dir) / (id + extension), text);
    } catch (const std::exception& error) {
      std::cerr << fmt::format("nnwb-exercise: error: no feedback file: {}\n", error.what());
      status = exit_failure;
    }
    if (!g.clean()) {
      ++with_problems;
      std::cerr << fmt::format("nnwb-exercise: {}: {}\n", detail::echo(id), !g.error.empty() ? g.error : g.problems.front());
    }
  }
  write_file_atomically(std::filesystem::path(gradebook_path), gradebook_csv(exercise, grades));
  std::cerr << fmt::format("nnwb-exercise: graded {} submissions ({} with problems{}); gradebook {}, feedback in {}\n",
                           grades.size() - missing, with_problems,
                           roster ? fmt::format(", {} on the roster handed nothing in", missing) : "",
                           detail::echo(gradebook_path, 200), detail::echo(feedback_dir, 200));
  return with_problems ? exit_failure : status;
}

// Before a batch grades anything: its outputs can be written, and the roster (if any) is read.
std::vector<std::string> prepare_batch(const std::string& feedback_dir, const std::string& gradebook_path,
                                       const std::optional<std::string>& roster) {
  check_writable_folder(feedback_dir);
  const std::filesystem::path gradebook(gradebook_path);
  if (std::filesystem::is_directory(gradebook))
    throw std::runtime_error(fmt::format("--gradebook '{}' is a folder; name a file", detail::echo(gradebook_path, 200)));
  check_writable_folder(gradebook.has_parent_path() ? gradebook.parent_path() : std::filesystem::path("."));
  return roster ? read_roster(*roster) : std::vector<std::string>{};
}

// The code exercises' toolkit: this build's, or an installed one beside the program's folder
// (<prefix>/bin/nnwb-exercise, <prefix>/share/nnwb/code) when the build tree is gone.
std::string default_toolkit() {
  std::error_code error;
  if (std::filesystem::is_directory(NNWB_CODE_TOOLKIT_DIR, error)) return NNWB_CODE_TOOLKIT_DIR;
  const std::filesystem::path program = std::filesystem::read_symlink("/proc/self/exe", error);
  const std::filesystem::path installed = program.parent_path().parent_path() / "share/nnwb/code";
  return !error && std::filesystem::is_directory(installed, error) ? installed.string() : NNWB_CODE_TOOLKIT_DIR;
}

// What a code exercise's command was asked.
struct CodeCommand {
  bool sheet = false, templ = false, grade = false, batch = false, gradescope = false, other = false;
  Who who;
  std::optional<std::string> output, output_dir;
  std::string language, toolkit, file, format, gradescope_metadata, gradescope_field;
  std::string folder, gradebook, feedback_dir, feedback_format;
  unsigned jobs = 0;
  bool quiet = false;
};

// The commands for a code exercise: its sheet, a starter file, grading a .cpp or .py file (alone or a
// folder of them), and the Gradescope autograder.
int code_command(const CodeExercise& exercise, const CodeCommand& c) {
  if (c.other) throw CLI::ValidationError(fmt::format("{} is a code exercise: its key is the chapter's trace "
                                                      "(nnwb {} --seed N), and it has no SCORM page", exercise.id(), exercise.chapter()));
  if (c.sheet) {
    write_output(render_code_sheet(exercise), c.output);
    return exit_ok;
  }
  if (c.templ) {
    if (c.language.empty()) throw CLI::ValidationError(fmt::format("{} is a code exercise: say --language cpp or --language python", exercise.id()));
    write_output(render_code_template(exercise, c.language == "cpp" ? CodeLanguage::cpp : CodeLanguage::python), c.output);
    return exit_ok;
  }
  if (c.grade) {
    Variant variant = variant_of(c.who);
    if (!c.gradescope_metadata.empty())
      variant = Variant::for_student(student_from_gradescope(c.gradescope_metadata, c.gradescope_field));
    const Grade g = grade_code_file(exercise, variant, c.file, c.toolkit);
    std::string text;
    if (c.format == "text") text = render_grade_text(g);
    else if (c.format == "markdown") text = render_grade_markdown(g);
    else if (c.format == "json") text = json_text(grade_to_json(g));
    else text = json_text(gradescope_results(g));
    write_output(text, c.output);
    if (!g.error.empty()) std::cerr << fmt::format("nnwb-exercise: error: {}\n", g.error);
    for (const std::string& problem : g.problems) std::cerr << fmt::format("nnwb-exercise: problem: {}\n", problem);
    return g.clean() ? exit_ok : exit_failure;
  }
  if (c.batch) {
    const std::vector<std::string> roster = prepare_batch(c.feedback_dir, c.gradebook, c.who.roster);
    const Submissions submissions = find_submissions(c.folder, {".cpp", ".py"});
    for (const std::string& note : submissions.notes) std::cerr << fmt::format("nnwb-exercise: note: {}\n", note);
    ProgressBar bar(!c.quiet);
    std::vector<Grade> grades = grade_each(
        submissions.files, c.jobs, [&](std::size_t done, std::size_t total, const std::filesystem::path& file) { bar(done, total, file); },
        [&](const std::filesystem::path& file, int slot) {
          const std::string id = file.stem().string();
          if (const std::string problem = student_id_problem(id); !problem.empty()) {  // not run at all
            Grade g;
            g.exercise = exercise.id();
            g.title = exercise.title();
            g.file = detail::echo(file.string(), 200);
            g.variant = Variant::for_student(id);
            g.max_score = exercise.steps().max_score();
            g.error = fmt::format("{}: the file name must be <student id>.cpp or .py, and {}", g.file, problem);
            return g;
          }
          return grade_code_file(exercise, Variant::for_student(id), file, c.toolkit, slot);
        });
    return write_batch(exercise.steps(), grades, c.who.roster ? &roster : nullptr, c.feedback_dir, c.feedback_format,
                       c.gradebook);
  }
  if (c.gradescope) {
    if (c.gradescope_field != "email" && c.gradescope_field != "sid" && c.gradescope_field != "id")
      throw CLI::ValidationError("--student-field is email, sid or id");
    build_gradescope_autograder(exercise.id(), true, *c.output_dir, c.gradescope_field);
    std::cerr << fmt::format("nnwb-exercise: the Gradescope autograder for {} is in {} (upload autograder.zip)\n",
                             exercise.id(), *c.output_dir);
    return exit_ok;
  }
  return exit_ok;
}

int run(int argc, char** argv) {
  CLI::App app("nnwb-exercise: exercises drawn per student, their answer traces, and the grader.", "nnwb-exercise");
  app.require_subcommand(1);
  app.footer("Exit codes: 0 done; 1 a file could not be read or written, or an answer file had problems "
             "(the grade is still written); 2 a wrong option.");

  auto* list = app.add_subcommand("list", "List the exercises");

  std::string exercise_id;
  Who who;
  std::optional<std::string> output, output_dir;

  auto* sheet = app.add_subcommand("sheet", "Print a student's sheet (Markdown): their numbers and the blanks");
  sheet->add_option("exercise", exercise_id, "Exercise id (see list)")->required();
  add_who(*sheet, who, true);
  sheet->add_option("-o,--output", output, "Write to FILE instead of standard output");
  sheet->add_option("--output-dir", output_dir,
                    "Write DIR/<student>.md (the sheet) and DIR/<student>.toml (the answer file), for each student of --roster or for the one variant asked");

  auto* templ = app.add_subcommand("template", "Print the answer file a student fills in (TOML)");
  templ->add_option("exercise", exercise_id, "Exercise id")->required();
  add_who(*templ, who, false);
  templ->add_option("-o,--output", output, "Write to FILE instead of standard output");
  std::string language;
  templ->add_option("--language", language, "For a code exercise: the starter file's language, cpp or python")
      ->check(CLI::IsMember({"cpp", "python"}));
  std::string toolkit = default_toolkit();

  std::string key_format = "markdown";
  auto* key = app.add_subcommand("key", "Print the answer trace (the key), for one student or a roster");
  bool all_defaults = false;
  key->add_option("exercise", exercise_id, "Exercise id");
  key->add_flag("--all-defaults", all_defaults,
                "Every exercise's default variant (the lecture's numbers) into --output-dir: <exercise>.md and "
                "<exercise>.json, as kept in solutions/");
  add_who(*key, who, true);
  key->add_option("-f,--format", key_format, "markdown or json")->check(CLI::IsMember({"markdown", "json"}));
  key->add_option("-o,--output", output, "Write to FILE instead of standard output");
  key->add_option("--output-dir", output_dir, "Write DIR/<student>.md and DIR/<student>.json, for each student of --roster or for the one variant asked");

  std::string answers_path, grade_format = "text", gradescope_metadata, gradescope_field = "email";
  auto* grade_cmd = app.add_subcommand("grade", "Grade one answer file, step by step");
  grade_cmd->add_option("exercise", exercise_id, "Exercise id")->required();
  grade_cmd->add_option("answers", answers_path, "The student's answer file (.toml)")->required();
  add_who(*grade_cmd, who, false);
  grade_cmd->add_option("-f,--format", grade_format, "text, markdown, json, or gradescope (results.json)")
      ->check(CLI::IsMember({"text", "markdown", "json", "gradescope"}));
  grade_cmd->add_option("-o,--output", output, "Write to FILE instead of standard output");
  grade_cmd->add_option("--gradescope-metadata", gradescope_metadata,
                        "Take the student id from Gradescope's submission_metadata.json");
  grade_cmd->add_option("--gradescope-student-field", gradescope_field,
                        "Which field of users[0] in the metadata is the student id (default: email)");
  grade_cmd->add_option("--toolkit", toolkit, "For a code exercise: the harness folder (default: this build's)");

  std::string folder, gradebook_path, feedback_dir, feedback_format = "markdown";
  unsigned jobs = 0;
  bool quiet = false;
  auto* batch = app.add_subcommand("batch", "Grade a folder of <student>.toml files into a gradebook and feedback files");
  batch->add_option("exercise", exercise_id, "Exercise id")->required();
  batch->add_option("folder", folder, "The folder of submissions, one <student id>.toml each")->required();
  batch->add_option("--gradebook", gradebook_path, "The CSV gradebook to write")->required();
  batch->add_option("--feedback", feedback_dir, "The folder for one feedback file per student")->required();
  batch->add_option("--feedback-format", feedback_format, "markdown, text or json")
      ->check(CLI::IsMember({"markdown", "text", "json"}));
  batch->add_option("--roster", who.roster,
                    "A CSV of student ids: who has no file is listed as missing, and files of ids not on it are flagged")
      ->check(CLI::ExistingFile);
  batch->add_option("-j,--jobs", jobs, "Grade this many at once (default: one per core)");
  batch->add_flag("-q,--quiet", quiet, "No progress bar");
  batch->add_option("--toolkit", toolkit, "For a code exercise: the harness folder (default: this build's)");

  auto* gradescope = app.add_subcommand("gradescope", "Build a Gradescope autograder (setup.sh, run_autograder, the zip)");
  gradescope->add_option("exercise", exercise_id, "Exercise id")->required();
  gradescope->add_option("--output-dir", output_dir, "Where to write it")->required();
  gradescope->add_option("--student-field", gradescope_field,
                         "Which field of Gradescope's users[0] is the student id the sheets were drawn for: "
                         "email (default), sid or id");

  auto* scorm = app.add_subcommand("scorm", "Build a SCORM 1.2 package of the exercise's practice page, for an LMS");
  std::string site_dir = NNWB_SITE_DIR;
  scorm->add_option("exercise", exercise_id, "Exercise id")->required();
  scorm->add_option("--output-dir", output_dir, "Where to write it (the files, and EXERCISE.scorm.zip)")->required();
  scorm->add_option("--site", site_dir, "The live site to take the page from (default: this build's, build/site)");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    std::cout << app.help();
    return exit_ok;
  } catch (const CLI::ParseError& error) {
    if (error.get_exit_code() == 0) {
      std::cout << app.help();
      return exit_ok;
    }
    std::string message = error.what();
    std::replace(message.begin(), message.end(), '\n', ' ');
    std::cerr << fmt::format("nnwb-exercise: error: {} (see --help)\n", message);
    return exit_usage;
  }

  try {
    if (who.student)
      if (const std::string problem = student_id_problem(*who.student); !problem.empty())
        throw CLI::ValidationError(fmt::format("--student: {}", problem));
    if (list->parsed()) {
      std::cout << fmt::format("{:<32} {:<5} {:>9} {:>11}  {}\n", "exercise", "kind", "steps", "points", "title");
      for (const Exercise& e : exercises::all())
        std::cout << fmt::format("{:<32} {:<5} {:>3} steps {:>4} points  {}\n", e.id(), "sheet", e.asked().size(),
                                 e.max_score(), e.title());
      for (const CodeExercise& e : exercises::code::all_code()) {
        std::string functions;
        for (const CodeFunction& f : e.functions()) functions += (functions.empty() ? "" : ", ") + f.name;
        std::cout << fmt::format("{:<32} {:<5} {:>3} steps {:>4} points  {} (write {})\n", e.id(), "code",
                                 e.steps().asked().size(), e.steps().max_score(), e.title(), functions);
      }
      return exit_ok;
    }
    if (key->parsed() && all_defaults) {
      if (!output_dir) throw CLI::ValidationError("--all-defaults needs --output-dir DIR");
      std::filesystem::create_directories(*output_dir);
      for (const Exercise& e : exercises::all()) {
        const Trace trace = e.build(std::nullopt);
        write_file_atomically(std::filesystem::path(*output_dir) / (e.id() + ".md"), render_key_markdown(e, trace, Variant::lecture()));
        write_file_atomically(std::filesystem::path(*output_dir) / (e.id() + ".json"), render_key_json(e, trace, Variant::lecture()));
      }
      return exit_ok;
    }
    if (exercise_id.empty()) throw CLI::ValidationError("name an exercise (see nnwb-exercise list)");
    if (exercise_id.starts_with("code."))
      return code_command(exercises::code::find_code(exercise_id), CodeCommand{
          .sheet = sheet->parsed(), .templ = templ->parsed(), .grade = grade_cmd->parsed(), .batch = batch->parsed(),
          .gradescope = gradescope->parsed(), .other = key->parsed() || scorm->parsed(), .who = who,
          .output = output, .output_dir = output_dir, .language = language, .toolkit = toolkit,
          .file = answers_path, .format = grade_format, .gradescope_metadata = gradescope_metadata,
          .gradescope_field = gradescope_field, .folder = folder, .gradebook = gradebook_path,
          .feedback_dir = feedback_dir, .feedback_format = feedback_format, .jobs = jobs, .quiet = quiet});
    const Exercise& exercise = exercises::find(exercise_id);
    if (!language.empty()) throw CLI::ValidationError(fmt::format("--language is for code exercises; {} is answered on a sheet", exercise.id()));

    if (sheet->parsed() || key->parsed()) {
      const bool is_sheet = sheet->parsed();
      const auto one = [&](const Variant& variant) {
        const Trace trace = exercise.build(variant.seed);
        if (is_sheet) return std::pair{render_sheet(exercise, trace, variant), render_answer_template(exercise, trace, variant)};
        return std::pair{render_key_markdown(exercise, trace, variant), render_key_json(exercise, trace, variant)};
      };
      if (!who.roster && !output_dir) {
        const auto [markdown, other] = one(variant_of(who));
        write_output(is_sheet || key_format == "markdown" ? markdown : other, output);
        return exit_ok;
      }
      if (!who.roster) {  // one variant, both files: <student>.md and .toml/.json (or seed-N, lecture)
        const Variant variant = variant_of(who);
        const std::string name = variant.student ? *variant.student
                                 : variant.seed  ? fmt::format("seed-{}", *variant.seed)
                                                 : std::string("lecture");
        std::filesystem::create_directories(*output_dir);
        const auto [markdown, other] = one(variant);
        write_file_atomically(std::filesystem::path(*output_dir) / (name + ".md"), markdown);
        write_file_atomically(std::filesystem::path(*output_dir) / (name + (is_sheet ? ".toml" : ".json")), other);
        return exit_ok;
      }
      if (!output_dir) throw CLI::ValidationError("--roster needs --output-dir DIR");
      std::filesystem::create_directories(*output_dir);
      const auto ids = read_roster(*who.roster);
      for (const std::string& id : ids) {
        const auto [markdown, other] = one(Variant::for_student(id));
        write_file_atomically(std::filesystem::path(*output_dir) / (id + ".md"), markdown);
        write_file_atomically(std::filesystem::path(*output_dir) / (id + (is_sheet ? ".toml" : ".json")), other);
      }
      std::cerr << fmt::format("nnwb-exercise: wrote {} {} to {}\n", ids.size(),
                               is_sheet ? "sheets and answer files" : "answer traces", *output_dir);
      return exit_ok;
    }
    if (templ->parsed()) {
      const Variant variant = variant_of(who);
      write_output(render_answer_template(exercise, exercise.build(variant.seed), variant), output);
      return exit_ok;
    }
    if (grade_cmd->parsed()) {
      const AnswerFile answers = read_answer_file(answers_path);
      Variant variant = variant_of(who);
      if (!gradescope_metadata.empty()) variant = Variant::for_student(student_from_gradescope(gradescope_metadata, gradescope_field));
      else if (!who.student && !who.seed && answers.error.empty()) {
        // Nothing said: grade the variant the file names.
        if (answers.student) variant = Variant::for_student(*answers.student);
        else if (answers.seed) variant = Variant::for_seed(*answers.seed);
      }
      const Grade g = grade(exercise, variant, answers);
      std::string text;
      if (grade_format == "text") text = render_grade_text(g);
      else if (grade_format == "markdown") text = render_grade_markdown(g);
      else if (grade_format == "json") text = json_text(grade_to_json(g));
      else text = json_text(gradescope_results(g));
      write_output(text, output);
      if (!g.error.empty()) std::cerr << fmt::format("nnwb-exercise: error: {}\n", g.error);
      for (const std::string& problem : g.problems) std::cerr << fmt::format("nnwb-exercise: problem: {}\n", problem);
      return g.clean() ? exit_ok : exit_failure;
    }
    if (batch->parsed()) {
      const std::vector<std::string> roster = prepare_batch(feedback_dir, gradebook_path, who.roster);
      const Submissions submissions = find_submissions(folder);
      for (const std::string& note : submissions.notes) std::cerr << fmt::format("nnwb-exercise: note: {}\n", note);
      ProgressBar bar(!quiet);
      std::vector<Grade> grades =
          grade_files(exercise, submissions.files, jobs,
                      [&](std::size_t done, std::size_t total, const std::filesystem::path& file) { bar(done, total, file); });
      return write_batch(exercise, grades, who.roster ? &roster : nullptr, feedback_dir, feedback_format, gradebook_path);
    }
    if (scorm->parsed()) {
      const auto zip = scorm::build_package(exercise, site_dir, *output_dir);
      std::cerr << fmt::format("nnwb-exercise: the SCORM 1.2 package of {} is {} (upload it to the LMS)\n",
                               exercise.id(), detail::echo(zip.string(), 200));
      return exit_ok;
    }
    if (gradescope->parsed()) {
      if (gradescope_field != "email" && gradescope_field != "sid" && gradescope_field != "id")
        throw CLI::ValidationError("--student-field is email, sid or id");
      build_gradescope_autograder(exercise.id(), false, *output_dir, gradescope_field);
      std::cerr << fmt::format("nnwb-exercise: the Gradescope autograder for {} is in {} (upload autograder.zip)\n",
                               exercise.id(), *output_dir);
      return exit_ok;
    }
  } catch (const CLI::ValidationError& error) {
    std::cerr << fmt::format("nnwb-exercise: error: {}\n", error.what());
    return exit_usage;
  } catch (const std::out_of_range& error) {
    std::cerr << fmt::format("nnwb-exercise: error: {}\n", error.what());
    return exit_usage;
  } catch (const std::exception& error) {
    std::cerr << fmt::format("nnwb-exercise: error: {}\n", error.what());
    return exit_failure;
  }
  return exit_ok;
}

}  // namespace

int main(int argc, char** argv) { return run(argc, argv); }
