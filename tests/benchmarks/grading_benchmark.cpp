// How fast the grader is, as an instructor meets it: the `nnwb-exercise` process, started afresh.
//
// - BM_grade_one_file: `nnwb-exercise grade <exercise> answers.toml --student …`, process start
//   included (the issue asks for well under a tenth of a second);
// - BM_batch_of_1000: `nnwb-exercise batch` over 1000 answer files, each a different student's
//   variant with one wrong step, gradebook and feedback files written (the issue: seconds, not
//   minutes).
//
// Both for every exercise; and BM_read_roster: a roster of 100,000 students read in one pass
// (reading was once quadratic: 9.5 s). The code exercises (issue 13), with their reference solutions:
//
// - BM_grade_code: `nnwb-exercise grade code.X solution.{py,cpp}`: 10 variants run in the sandbox,
//   a C++ file compiled there first (the issue: Python < 1 s, C++ < 5 s);
// - BM_code_batch_of_200: `nnwb-exercise batch` over 200 submissions, half C++ and half Python, on
//   the machine's cores (the issue: < 4 min on 2 cores).
//
// Build in Release, then run:
//
//   cmake -S . -B build-release -DCMAKE_BUILD_TYPE=Release && cmake --build build-release -j2 --target nnwb_grading_benchmarks nnwb-exercise
//   build-release/tests/nnwb_grading_benchmarks
#include <benchmark/benchmark.h>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <stdexcept>

#include "code/code_exercises.hpp"
#include "exercises.hpp"
#include "nnwb/gradebook.hpp"
#include "support/answers.hpp"

extern char** environ;

namespace {

namespace fs = std::filesystem;

// Runs the grader with these arguments, its output thrown away, and waits for it.
int run_grader(const std::vector<std::string>& arguments) {
  const std::string program = std::string(NNWB_BIN_DIR) + "/nnwb-exercise";
  std::vector<std::string> words = {program};
  words.insert(words.end(), arguments.begin(), arguments.end());
  std::vector<char*> argv;
  for (std::string& word : words) argv.push_back(word.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  pid_t pid = 0;
  const int started = posix_spawn(&pid, program.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (started != 0) throw std::runtime_error("cannot start " + program);
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// A student's answer file: the key's answers, the first asked step 10% off (so that the grader
// takes the follow-through and named-mistake paths too).
std::string answers_of(const nnwb::Exercise& exercise, const std::string& student) {
  const nnwb::Variant variant = nnwb::Variant::for_student(student);
  const nnwb::Trace key = exercise.build(variant.seed);
  auto answers = nnwb::test::key_answers(exercise, key);
  const std::string& first = exercise.asked().front().step;
  if (const double* x = std::get_if<double>(&key.value(first))) answers[first] = fmt::format("{}", 1.1 * *x + 0.1);
  return nnwb::test::answer_file_text(exercise.id(), variant, answers);
}

fs::path scratch(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / fmt::format("nnwb_grading_benchmark_{}", ::getpid()) / name;
  fs::create_directories(dir);
  return dir;
}

void BM_grade_one_file(benchmark::State& state) {
  const nnwb::Exercise& exercise = nnwb::exercises::all()[static_cast<std::size_t>(state.range(0))];
  state.SetLabel(exercise.id());
  const fs::path file = scratch(exercise.id()) / "s1234567.toml";
  std::ofstream(file) << answers_of(exercise, "s1234567");
  for (auto _ : state)
    if (run_grader({"grade", exercise.id(), file.string(), "--student", "s1234567"}) > 1)
      state.SkipWithError("the grader failed");
}

void BM_batch_of_1000(benchmark::State& state) {
  const nnwb::Exercise& exercise = nnwb::exercises::all()[static_cast<std::size_t>(state.range(0))];
  state.SetLabel(exercise.id());
  const fs::path dir = scratch(exercise.id() + "_batch");
  fs::create_directories(dir / "submissions");
  for (int i = 0; i < 1000; ++i) {
    const std::string student = fmt::format("s{:07}", i);
    std::ofstream(dir / "submissions" / (student + ".toml")) << answers_of(exercise, student);
  }
  for (auto _ : state)
    if (run_grader({"batch", exercise.id(), (dir / "submissions").string(), "--gradebook", (dir / "grades.csv").string(),
                    "--feedback", (dir / "feedback").string(), "--quiet"}) > 1)
      state.SkipWithError("the grader failed");
  state.counters["files"] = 1000;
}

void BM_read_roster(benchmark::State& state) {
  std::string text = "student,name\n";
  for (int i = 0; i < state.range(0); ++i) text += fmt::format("s{:07},Student {}\n", i, i);
  for (auto _ : state) benchmark::DoNotOptimize(nnwb::parse_roster(text, "roster.csv"));
  state.SetComplexityN(state.range(0));
}

// A code exercise's reference solution: solutions/code/<name>.cpp or .py.
fs::path reference_solution(const nnwb::CodeExercise& exercise, bool cpp) {
  return fs::path(NNWB_SOURCE_DIR) / "solutions/code" / (exercise.id().substr(5) + (cpp ? ".cpp" : ".py"));
}

void BM_grade_code(benchmark::State& state) {
  const nnwb::CodeExercise& exercise = nnwb::exercises::code::all_code()[static_cast<std::size_t>(state.range(0))];
  const bool cpp = state.range(1) == 1;
  state.SetLabel(exercise.id() + (cpp ? " C++" : " Python"));
  const std::string file = reference_solution(exercise, cpp).string();
  for (auto _ : state)
    if (run_grader({"grade", exercise.id(), file}) != 0) state.SkipWithError("the grader failed");
}

void BM_code_batch_of_200(benchmark::State& state) {
  const nnwb::CodeExercise& exercise = nnwb::exercises::code::find_code("code.two_layer_backward");
  state.SetLabel(exercise.id() + ", 100 C++ and 100 Python files");
  const fs::path dir = scratch("code_batch");
  fs::create_directories(dir / "submissions");
  for (int i = 0; i < 200; ++i) {
    const bool cpp = i % 2 == 0;
    fs::copy_file(reference_solution(exercise, cpp), dir / "submissions" / fmt::format("s{:07}{}", i, cpp ? ".cpp" : ".py"),
                  fs::copy_options::overwrite_existing);
  }
  for (auto _ : state)
    if (run_grader({"batch", exercise.id(), (dir / "submissions").string(), "--gradebook", (dir / "grades.csv").string(),
                    "--feedback", (dir / "feedback").string(), "--quiet"}) != 0)
      state.SkipWithError("the grader failed");
  state.counters["files"] = 200;
}

void every_code_exercise_in_both_languages(benchmark::internal::Benchmark* benchmark) {
  for (std::size_t i = 0; i < nnwb::exercises::code::all_code().size(); ++i)
    for (int cpp : {0, 1}) benchmark->Args({static_cast<int>(i), cpp});
}

void every_exercise(benchmark::internal::Benchmark* benchmark) {
  for (std::size_t i = 0; i < nnwb::exercises::all().size(); ++i) benchmark->Arg(static_cast<int>(i));
}

BENCHMARK(BM_grade_one_file)->Apply(every_exercise)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_read_roster)->RangeMultiplier(10)->Range(1000, 100000)->Unit(benchmark::kMillisecond)->Complexity();
BENCHMARK(BM_batch_of_1000)->Apply(every_exercise)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(2);
BENCHMARK(BM_grade_code)->Apply(every_code_exercise_in_both_languages)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);
BENCHMARK(BM_code_batch_of_200)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
