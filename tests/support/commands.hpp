#pragma once
// Files and commands for the tests that run nnwb's programs as a user runs them: a fresh scratch
// folder per test, whole files read and written, and a shell command with its output captured.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <sstream>
#include <string>

namespace nnwb::test {

struct Run {
  int exit_code;
  std::string out, err;
};

inline std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

inline void spit(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

/// A fresh, empty folder for one test: `<tmp>/nnwb_<suite>_<pid>_<name>`.
inline std::filesystem::path scratch(const std::string& suite, const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() / fmt::format("nnwb_{}_{}_{}", suite, ::getpid(), name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

/// Runs `command` in the shell, standard output and error captured (through files in `dir`).
inline Run run_shell(const std::string& command, const std::filesystem::path& dir) {
  const int status = std::system(fmt::format("{} >{} 2>{}", command, (dir / "out").string(), (dir / "err").string()).c_str());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(dir / "out"), slurp(dir / "err")};
}

}  // namespace nnwb::test
