#pragma once
// Running a drawing tool (gnuplot, dot) as a child process: the input on its standard input, its
// standard output and standard error captured. POSIX only, like the tools themselves.
#include <string>
#include <vector>

namespace nnwb::detail {

struct ProgramResult {
  bool started = false;  ///< false: the program was not found or could not be started
  int exit_code = -1;    ///< its exit status; −1 if it was killed by a signal
  std::string output;    ///< everything it wrote to standard output
  std::string error;     ///< its standard error, or why it did not start
};

/// Runs command[0] (looked up on PATH) with the other words as arguments, feeds it `input` and
/// waits for it to finish.
ProgramResult run_program(const std::vector<std::string>& command, const std::string& input);

}  // namespace nnwb::detail
