#pragma once
/// @file sandbox.hpp
/// Running untrusted code, a student's compiler run included, in a sandbox (issue 13). The command
/// runs under bubblewrap (/usr/bin/bwrap) in new user, PID, network, IPC and UTS namespaces, sees a
/// read-only system (/usr and the few files of /etc that programs need), a private /proc, /dev and
/// /tmp, and one writable folder, the request's scratch, at /sandbox, its working directory. Nothing
/// of the project, its solutions, other submissions, /root or /home is there. A seccomp filter makes
/// the system calls that exercises never need (ptrace, sockets other than Unix ones, mounts,
/// namespaces, kernel modules, keys, …) fail with EPERM.
///
/// Limits: CPU time, address space, file size, open files and processes (setrlimit), a wall-clock
/// limit that ends the whole PID namespace, and a cap on what the run may write to its standard
/// output and error.
///
/// When the grader runs as root, the run is switched to a uid and gid of its own before bubblewrap
/// starts, sandbox_base_uid + the request's slot: the process limit then counts only that run's
/// processes, and parallel slots never count against each other. The scratch folder is given to that
/// uid. Run as another user, the grader starts bubblewrap as itself: the process limit then counts
/// every process of the grader's user, its own included.
///
/// Where the sandbox cannot be set up, nothing runs: the verdict is sandbox_error and the message
/// names the cause. There is no way to run without the sandbox.
///
/// Example: a student's function compiled with a harness (the folder `harness`, bound read-only),
/// then run; sandbox_test's a_harness_is_bound_read_only_and_compiled_with does the same.
/// @code
/// nnwb::SandboxRequest compile{.command = {"g++", "-O1", "-o", "main", "answer.cpp", (harness / "main.cpp").string()},
///                              .scratch = scratch, .read_only = {harness}, .slot = slot};
/// compile.limits.cpu_seconds = 20;
/// if (const nnwb::SandboxResult built = nnwb::run_sandboxed(compile); built.verdict != nnwb::SandboxVerdict::ok)
///   return built.message + "\n" + built.standard_error;
/// const nnwb::SandboxResult run = nnwb::run_sandboxed({.command = {"./main"}, .scratch = scratch, .slot = slot});
/// @endcode

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace nnwb {

struct SandboxLimits {
  double cpu_seconds = 2;                         ///< CPU time of each process (rounded up to whole seconds)
  double wall_seconds = 5;                        ///< from start to end, for the whole run
  std::size_t address_space_bytes = 1024u << 20;  ///< virtual memory of each process
  std::size_t file_size_bytes = 16u << 20;        ///< the largest file a process may write; also /tmp's size
  int open_files = 64;                            ///< file descriptors of each process
  int processes = 64;                             ///< of the slot's uid, threads included, the sandbox's 3 not
  std::size_t kept_output_bytes = 64u << 10;      ///< kept of each of standard output and error
  std::size_t output_bytes = 1u << 20;            ///< written to both together before the run is stopped
};

// Every member has an initializer, so that a designated initializer may leave any of them out.
struct SandboxRequest {
  std::vector<std::string> command{};  ///< run inside the sandbox; command[0] is looked up on /usr/bin:/bin
  std::filesystem::path scratch{};     ///< an existing folder, bound read-write at /sandbox
  /// Folders or files bound read-only at the same path inside (a harness, reference data). They must
  /// be readable by the slot's uid, and every folder above them and above the scratch searchable.
  std::vector<std::filesystem::path> read_only{};
  std::string standard_input{};  ///< what the command reads on its standard input
  int slot = 0;                  ///< the grading slot, 0–999999: runs at once must have different slots
  SandboxLimits limits{};
};

/// How a run ended.
enum class SandboxVerdict {
  ok,             ///< exit code 0
  sandbox_error,  ///< the sandbox (or the command) could not start: nothing ran
  output_limit,   ///< wrote more than limits.output_bytes, or a file larger than limits.file_size_bytes
  /// used the wall-clock time, or the CPU time: SIGXCPU, or SIGKILL (the hard limit, for a program
  /// that catches SIGXCPU), or "CPU time limit exceeded" on standard error (a compiler driver or a
  /// shell saying so of a child)
  time_limit,
  memory_limit,   ///< failed, and its standard error shows a failed allocation (see run_sandboxed)
  forbidden,      ///< killed by SIGSYS, a system call the sandbox forbids
  runtime_error,  ///< any other non-zero exit code or signal (SIGSEGV, SIGABRT, …)
};
std::string_view sandbox_verdict_name(SandboxVerdict verdict);

struct SandboxResult {
  SandboxVerdict verdict = SandboxVerdict::sandbox_error;
  int exit_code = -1;           ///< the command's exit code; −1 if a signal ended it, or it did not end
  int signal = 0;               ///< the signal that ended it, 0 if none
  std::string message;          ///< one sentence saying why the verdict (empty for ok)
  std::string standard_output;  ///< its first limits.kept_output_bytes, as valid UTF-8
  std::string standard_error;   ///< likewise
  double wall_seconds = 0;
  /// User and system time of the run's processes that ended by themselves: a run stopped by the
  /// wall clock or the output limit counts only those that had ended before.
  double cpu_seconds = 0;
};

/// The uid (and gid) of slot 0 when the grader runs as root; slot n runs as sandbox_base_uid + n.
/// No account may use these ids: they sit in the range systemd leaves unused (0x70000000–0x7FFFFFFF).
inline constexpr unsigned sandbox_base_uid = 2'000'000'000;

/// Runs the request's command in the sandbox and waits until it has ended: until every process it
/// started has ended too, daemons included.
///
/// A failed allocation under the address-space limit shows as std::bad_alloc (C++, then abort) or
/// MemoryError (Python): a run that fails and whose standard error contains "std::bad_alloc",
/// "MemoryError", "out of memory" or "Cannot allocate memory" is memory_limit. A harness can print
/// one of these itself when it catches the failure.
///
/// Exit codes 129–192 are bubblewrap's report of a signal (128 + its number) and are read as such.
SandboxResult run_sandboxed(const SandboxRequest& request);

/// Why the sandbox cannot run on this machine, or empty if it can: bubblewrap missing, user
/// namespaces disabled, or a trial run that fails, with bubblewrap's message.
std::string sandbox_problem();

}  // namespace nnwb
