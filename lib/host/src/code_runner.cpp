// A student's code exercise compiled and run in the sandbox, then graded (see code_runner.hpp).
#include "nnwb/code_runner.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fmt/format.h>
#include <fstream>
#include <sstream>

#include "nnwb/detail/safe_text.hpp"

namespace nnwb {

namespace fs = std::filesystem;

namespace {

// The compile command's flags: the same as the precompiled header's (exercises/code/CMakeLists.txt),
// or g++ ignores the .gch and compiles Eigen again.
// Eigen is a system header: no warnings of its own fill the student's compiler messages.
const std::vector<std::string> cpp_flags = {"-std=c++20", "-O1"};

// A private scratch folder, removed with all it holds when the run is over.
class Scratch {
 public:
  Scratch() {
    std::string pattern = (fs::temp_directory_path() / "nnwb-code-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr)
      throw std::runtime_error(fmt::format("cannot make a scratch folder: {}", std::strerror(errno)));
    path_ = pattern;
  }
  ~Scratch() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// The first lines of a compiler's messages, with the scratch's name replaced by the student's file's.
std::string compiler_messages(std::string text, const std::string& shown_name) {
  for (const std::string inside : {"/sandbox/submission.cpp", "submission.cpp"})
    for (auto at = text.find(inside); at != std::string::npos; at = text.find(inside, at + shown_name.size()))
      text.replace(at, inside.size(), shown_name);
  std::istringstream lines(text);
  std::string line, out;
  for (int n = 0; n < 30 && std::getline(lines, line); ++n) out += line + "\n";
  return out;
}

// Why a run ended early, said to the student.
std::string run_problem_text(const SandboxResult& run) {
  std::string text;
  switch (run.verdict) {
    case SandboxVerdict::ok: return "";
    case SandboxVerdict::time_limit: text = "time limit: the program ran too long"; break;
    case SandboxVerdict::memory_limit: text = "memory limit: the program asked for more memory than it may use"; break;
    case SandboxVerdict::output_limit: text = "output limit: the program wrote too much"; break;
    case SandboxVerdict::forbidden: text = "forbidden: the program made a system call that exercises never need"; break;
    case SandboxVerdict::runtime_error: text = "runtime error"; break;
    case SandboxVerdict::sandbox_error: text = "the sandbox could not run the program"; break;
  }
  text += fmt::format(" ({})", run.message);
  // The end of a Python traceback, or of a C++ program's last words, says where.
  std::string err = run.standard_error;
  while (!err.empty() && (err.back() == '\n' || err.back() == ' ')) err.pop_back();
  if (!err.empty()) {
    const auto last = err.rfind('\n');
    text += fmt::format("; its last message: {}", detail::echo(last == std::string::npos ? err : err.substr(last + 1), 200));
  }
  return text;
}

std::string read_submission(const fs::path& file) {
  std::error_code error;
  if (!fs::is_regular_file(fs::symlink_status(file, error)))
    throw std::runtime_error(fmt::format("{}: not a regular file", file.string()));
  const auto size = fs::file_size(file, error);
  if (error) throw std::runtime_error(fmt::format("{}: {}", file.string(), error.message()));
  if (size > max_code_file_bytes)
    throw std::runtime_error(fmt::format("{}: {} bytes, more than the {} a submission may have", file.string(), size,
                                         max_code_file_bytes));
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in) throw std::runtime_error(fmt::format("{}: cannot be read", file.string()));
  return text.str();
}

}  // namespace

std::string code_toolkit_problem(const fs::path& toolkit, CodeLanguage language) {
  const std::vector<std::string> needed = language == CodeLanguage::cpp
                                              ? std::vector<std::string>{"nnwb_code.hpp", "harness.o"}
                                              : std::vector<std::string>{"harness.py"};
  for (const std::string& name : needed)
    if (std::error_code error; !fs::is_regular_file(toolkit / name, error))
      return fmt::format("the code exercises' toolkit has no {} in {} (build the target nnwb_code_toolkit)", name,
                         toolkit.string());
  return "";
}

Grade grade_code_file(const CodeExercise& exercise, const Variant& first, const fs::path& file, const fs::path& toolkit,
                      int slot) {
  const std::string shown = file.string();
  const CodePlan plan = plan_code_run(exercise, code_variants(first));
  const auto failed = [&](const std::string& why) { return grade_code(exercise, plan, {plan.calls.size(), CallOutput{}}, shown, why); };

  const auto language = language_of_file(file.filename().string());
  if (!language) return failed(fmt::format("{}: a code submission is a .cpp or a .py file", shown));
  if (const std::string problem = code_toolkit_problem(toolkit, *language); !problem.empty()) return failed(problem);
  std::string source;
  try {
    source = read_submission(file);
  } catch (const std::exception& error) {
    return failed(error.what());
  }

  try {
    Scratch scratch;
    const fs::path absolute_toolkit = fs::absolute(toolkit);
    const std::string name = *language == CodeLanguage::cpp ? "submission.cpp" : "submission.py";
    {
      std::ofstream out(scratch.path() / name, std::ios::binary);
      out << source;
      if (!out) return failed(fmt::format("cannot copy {} into the sandbox's scratch folder", shown));
    }
    std::vector<std::string> command;
    if (*language == CodeLanguage::cpp) {
      // Compile and link: the student's file with the harness (compiled once, with the toolkit).
      SandboxRequest compile{.scratch = scratch.path(), .read_only = {absolute_toolkit}, .slot = slot};
      compile.command = {"g++"};
      compile.command.insert(compile.command.end(), cpp_flags.begin(), cpp_flags.end());
      for (const std::string& flag : {"-I" + absolute_toolkit.string(), std::string("-isystem"), std::string("/usr/include/eigen3"),
                                      std::string("-o"), std::string("program"), name,
                                      (absolute_toolkit / "harness.o").string()})
        compile.command.push_back(flag);
      compile.limits.cpu_seconds = 30;
      compile.limits.wall_seconds = 60;
      compile.limits.address_space_bytes = std::size_t{2} << 30;
      compile.limits.file_size_bytes = std::size_t{64} << 20;
      const SandboxResult built = run_sandboxed(compile);
      if (built.verdict == SandboxVerdict::sandbox_error)
        return failed(fmt::format("not graded: the sandbox could not run the compiler: {}", built.message));
      if (built.verdict != SandboxVerdict::ok) {
        const std::string what = built.verdict == SandboxVerdict::runtime_error ? "compile error" : run_problem_text(built);
        return failed(fmt::format("{}: {} did not compile:\n{}", what, shown,
                                  compiler_messages(built.standard_error, file.filename().string())));
      }
      command = {"./program"};
    } else {
      command = {"python3", "-I", "-B", (absolute_toolkit / "harness.py").string()};
    }
    SandboxRequest run{.command = command, .scratch = scratch.path(), .read_only = {absolute_toolkit},
                       .standard_input = encode_calls(exercise, plan), .slot = slot};
    run.limits.cpu_seconds = 10;
    run.limits.wall_seconds = 20;
    run.limits.kept_output_bytes = std::size_t{8} << 20;
    run.limits.output_bytes = std::size_t{16} << 20;
    const SandboxResult ran = run_sandboxed(run);
    if (ran.verdict == SandboxVerdict::sandbox_error)
      return failed(fmt::format("not graded: the sandbox could not run the program: {}", ran.message));
    std::string protocol_problem;
    const std::vector<CallOutput> outputs = decode_results(ran.standard_output, exercise, plan, protocol_problem);
    std::string problem = run_problem_text(ran);
    if (!protocol_problem.empty()) problem += (problem.empty() ? "" : "; ") + protocol_problem;
    return grade_code(exercise, plan, outputs, shown, problem);
  } catch (const std::exception& error) {
    return failed(fmt::format("not graded: {}", error.what()));
  }
}

}  // namespace nnwb
