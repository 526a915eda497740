// Running untrusted code in the sandbox (sandbox.hpp). run_as reads as its steps: check the
// request and the machine, prepare everything the child needs and fork it (it drops to the slot's
// uid and starts bubblewrap under the limits), read its report, watch the run (output, wall clock),
// then judge how it ended.
//
// The forked child never returns into the grader's code and only makes async-signal-safe calls
// (raw system calls, dup2, close_range, setrlimit, fork, wait, execve): the grader may have other
// threads, and the sanitizers' runtime too, whose locks a forked child must never touch.
// Everything it needs is made before fork().
#include "nnwb/sandbox.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/mman.h>
extern "C" {  // glibc 2.36's <sys/pidfd.h> declares its functions without C linkage
#include <sys/pidfd.h>
}
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstring>
#include <fstream>
#include <stdexcept>
#include <utility>

#include "nnwb/detail/safe_text.hpp"
#include "nnwb/detail/sandbox_command.hpp"
#include "nnwb/detail/sandbox_seccomp.hpp"

namespace nnwb {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// A file descriptor closed when it goes out of scope.
class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) : fd_(fd) {}
  Fd(Fd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  Fd& operator=(Fd&& other) noexcept {
    reset(std::exchange(other.fd_, -1));
    return *this;
  }
  ~Fd() { reset(); }
  int get() const { return fd_; }
  void reset(int fd = -1) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = fd;
  }

 private:
  int fd_ = -1;
};

std::runtime_error system_error(const std::string& what) {
  return std::runtime_error(what + ": " + std::strerror(errno));
}

// The parent's descriptors are moved to 10 and above, so that the child's dup2 onto 0–5 never
// overwrites one it still has to move.
Fd above_child_fds(int fd) {
  if (fd < 0) throw system_error("file descriptor");
  Fd moved(::fcntl(fd, F_DUPFD_CLOEXEC, 10));
  ::close(fd);
  if (moved.get() < 0) throw system_error("fcntl");
  return moved;
}

struct Pipe {
  Fd read, write;
};
Pipe make_pipe() {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) throw system_error("pipe");
  return {above_child_fds(fds[0]), above_child_fds(fds[1])};
}

// The standard input as a sealed memory file: the command reads it at its own pace, and the grader
// never blocks writing into a pipe that nobody reads.
Fd input_file(const std::string& text) {
  Fd file = above_child_fds(::memfd_create("nnwb-stdin", MFD_CLOEXEC | MFD_ALLOW_SEALING));
  for (std::size_t written = 0; written < text.size();) {
    const ssize_t n = ::write(file.get(), text.data() + written, text.size() - written);
    if (n < 0 && errno != EINTR) throw system_error("standard input");
    if (n > 0) written += static_cast<std::size_t>(n);
  }
  if (::lseek(file.get(), 0, SEEK_SET) != 0 ||
      ::fcntl(file.get(), F_ADD_SEALS, F_SEAL_WRITE | F_SEAL_GROW | F_SEAL_SHRINK | F_SEAL_SEAL) != 0)
    throw system_error("standard input");
  return file;
}

std::string read_small_file(const char* path) {
  std::ifstream in(path);
  std::string text;
  std::getline(in, text);
  return text;
}

// ---- The machine ---------------------------------------------------------------------------------

// Why bubblewrap cannot start a sandbox here, as far as can be told without trying.
std::string machine_problem() {
  if (::access(detail::bubblewrap_path, X_OK) != 0)
    return "bubblewrap (/usr/bin/bwrap) is not installed; install the Debian package bubblewrap";
  if (read_small_file("/proc/sys/user/max_user_namespaces") == "0")
    return "user namespaces are disabled (/proc/sys/user/max_user_namespaces is 0); "
           "enable them with sysctl -w user.max_user_namespaces=15000";
  if (read_small_file("/proc/sys/kernel/unprivileged_userns_clone") == "0")
    return "unprivileged user namespaces are disabled (kernel.unprivileged_userns_clone is 0); "
           "enable them with sysctl -w kernel.unprivileged_userns_clone=1";
  if (read_small_file("/proc/sys/kernel/apparmor_restrict_unprivileged_userns") == "1")
    return "AppArmor forbids unprivileged user namespaces (kernel.apparmor_restrict_unprivileged_userns is 1); "
           "allow them for /usr/bin/bwrap with an AppArmor profile, or set it to 0";
  return {};
}

// ---- The slot's uid ------------------------------------------------------------------------------

// The scratch folder and all it holds are given to the slot's uid. Links are changed, not followed.
void give_scratch_to(const fs::path& scratch, uid_t uid) {
  if (::lchown(scratch.c_str(), uid, uid) != 0) throw system_error("cannot give " + scratch.string() + " to the sandbox");
  std::error_code error;
  for (auto it = fs::recursive_directory_iterator(scratch, error); !error && it != fs::recursive_directory_iterator();
       it.increment(error))
    if (::lchown(it->path().c_str(), uid, uid) != 0)
      throw system_error("cannot give " + it->path().string() + " to the sandbox");
  if (error) throw std::runtime_error("cannot read " + scratch.string() + ": " + error.message());
}

// ---- The child -----------------------------------------------------------------------------------

// What the child does, all decided before fork().
struct Launch {
  std::vector<std::string> words, environment;
  std::vector<char*> argv, envp;
  bool switch_user = false;  // the grader is root: become `uid` before bubblewrap starts
  uid_t uid = 0;
  std::array<std::pair<int, rlimit>, 6> limits{};
  pid_t parent = 0;
  // The descriptors it moves to 0–4 for bubblewrap, and the one it reports on (kept at 5).
  int input = -1, output = -1, error = -1, seccomp = -1, status = -1, report = -1;
};

std::vector<char*> c_strings(std::vector<std::string>& words) {
  std::vector<char*> pointers;
  for (std::string& word : words) pointers.push_back(word.data());
  pointers.push_back(nullptr);
  return pointers;
}

rlim_t clamp_limit(double value) {
  return value < 0 ? 0 : static_cast<rlim_t>(std::min(value, 1e15));
}

// The sandbox's own processes of the slot's uid, which the process limit does not count: the
// child (see run_child), bubblewrap, and the PID namespace's first process.
constexpr int sandbox_processes = 3;

std::array<std::pair<int, rlimit>, 6> resource_limits(const SandboxLimits& limits) {
  // RLIMIT_CPU counts whole seconds: SIGXCPU at the soft limit, SIGKILL a second later for a
  // program that catches it.
  const rlim_t cpu = std::max<rlim_t>(1, clamp_limit(std::ceil(limits.cpu_seconds)));
  const auto same = [](rlim_t value) { return rlimit{value, value}; };
  return {{{RLIMIT_CPU, {cpu, cpu + 1}},
           {RLIMIT_AS, same(limits.address_space_bytes)},
           {RLIMIT_FSIZE, same(limits.file_size_bytes)},
           {RLIMIT_NOFILE, same(static_cast<rlim_t>(std::max(limits.open_files, 8)))},
           {RLIMIT_NPROC, same(static_cast<rlim_t>(std::max(limits.processes, 1) + sandbox_processes))},
           {RLIMIT_CORE, same(0)}}};  // no core files in the scratch
}

// The child reports to the parent on descriptor 5 in pairs of ints: {step_started, bubblewrap's
// pid} once it has started bubblewrap, or {the step that failed, errno}.
enum ChildStep { step_started, step_descriptors, step_groups, step_gid, step_uid, step_parent, step_limits, step_fork, step_exec };

void report_from_child(int step, int value) {
  const int message[2] = {step, value};
  [[maybe_unused]] const ssize_t ignored = ::write(5, message, sizeof message);
}

[[noreturn]] void fail_in_child(int step) {
  report_from_child(step, errno);
  ::_exit(127);
}

const char* child_step_name(int step) {
  switch (step) {
    case step_descriptors: return "could not pass its files to bubblewrap";
    case step_groups: return "could not drop the grader's supplementary groups";
    case step_gid: return "could not switch to the slot's gid";
    case step_uid: return "could not switch to the slot's uid";
    case step_parent: return "lost its parent";
    case step_limits: return "could not set the limits";
    case step_fork: return "could not fork";
    default: return "could not execute /usr/bin/bwrap";
  }
}

// The child: it becomes the slot's uid and starts bubblewrap, with the limits, in a child of its
// own, then waits for every process of the run. It is their subreaper: bubblewrap ends without
// waiting for the namespace's first process, which comes back to it, so that the run's whole CPU
// time reaches the grader's wait4() and no zombie is left holding the slot's process count.
[[noreturn]] void run_child(const Launch& launch) {
  // Signals: the default action for each, none blocked (the grader may ignore SIGPIPE; a sandboxed
  // program must not inherit that).
  struct sigaction default_action {};
  default_action.sa_handler = SIG_DFL;
  for (int signal = 1; signal < NSIG; ++signal) ::sigaction(signal, &default_action, nullptr);
  sigset_t none;
  sigemptyset(&none);
  ::sigprocmask(SIG_SETMASK, &none, nullptr);

  // Descriptors 0–4 for bubblewrap, 5 for the report (closed by bubblewrap's execve), and nothing
  // else: whatever else the grader has open must not reach the sandbox.
  if (::dup3(launch.report, 5, O_CLOEXEC) < 0) ::_exit(127);
  const int wanted[] = {launch.input, launch.output, launch.error, launch.seccomp, launch.status};
  for (int target = 0; target < 5; ++target)
    if (::dup2(wanted[target], target) < 0) fail_in_child(step_descriptors);
  if (::close_range(6, ~0u, 0) != 0) fail_in_child(step_descriptors);

  if (launch.switch_user) {
    // Raw system calls: this thread alone changes its credentials, which is all a forked child is.
    if (::syscall(SYS_setgroups, 0, nullptr) != 0) fail_in_child(step_groups);
    if (::syscall(SYS_setresgid, launch.uid, launch.uid, launch.uid) != 0) fail_in_child(step_gid);
    if (::syscall(SYS_setresuid, launch.uid, launch.uid, launch.uid) != 0) fail_in_child(step_uid);
  }
  // Dies with the grader. Set after the uid changes, which clear it.
  if (::prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || ::getppid() != launch.parent) fail_in_child(step_parent);
  if (::prctl(PR_SET_CHILD_SUBREAPER, 1) != 0) fail_in_child(step_parent);

  const pid_t bubblewrap = ::fork();
  if (bubblewrap < 0) fail_in_child(step_fork);
  if (bubblewrap == 0) {
    if (::prctl(PR_SET_PDEATHSIG, SIGKILL) != 0) fail_in_child(step_parent);
    // The limits, for bubblewrap and all it starts; not for this child, a copy of the grader (which
    // may hold far more address space than the limit: the sanitizers' shadow memory).
    for (const auto& [resource, limit] : launch.limits)
      if (::setrlimit(static_cast<__rlimit_resource_t>(resource), &limit) != 0) fail_in_child(step_limits);
    ::execve(launch.argv[0], launch.argv.data(), launch.envp.data());
    fail_in_child(step_exec);
  }
  report_from_child(step_started, bubblewrap);
  ::close_range(0, ~0u, 0);
  while (::wait(nullptr) > 0 || errno == EINTR) {
  }
  ::_exit(0);  // how the command ended, bubblewrap reports on its status pipe
}

// ---- Watching the run ----------------------------------------------------------------------------

enum class Stop { none, wall, output };

struct Watched {
  std::string output, error, status;  // kept output and error; bubblewrap's JSON status
  std::size_t written = 0;            // output and error together, kept or not
  Stop stopped = Stop::none;
  rusage usage{};  // of the child: every process of the run that it collected
};

// Reads the command's output until the run has ended, stopping it when the wall clock or the
// output runs out. The run has ended when the child has: it waits for every process of the run, so
// by then the outputs are closed too. To stop the run, bubblewrap is killed: its PID namespace dies
// with it (--die-with-parent), and the child still collects every process. Should the run not end
// even so (a process stuck in the kernel), the child itself is killed a little later.
Watched watch(pid_t child, const Fd& bubblewrap, Pipe& output, Pipe& error, Pipe& status, const SandboxLimits& limits,
              Clock::time_point start) {
  Watched watched;
  const Fd child_ended(::pidfd_open(child, 0));
  const auto wall_end =
      start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(limits.wall_seconds));
  auto give_up = Clock::time_point::max();
  const auto stop = [&](Stop why) {
    if (watched.stopped != Stop::none) return;
    watched.stopped = why;
    if (bubblewrap.get() < 0 || ::pidfd_send_signal(bubblewrap.get(), SIGKILL, nullptr, 0) != 0) ::kill(child, SIGKILL);
    give_up = Clock::now() + std::chrono::seconds(2);
  };
  std::array<char, 65536> buffer{};
  // One read from `fd`: the bytes read, or none when it is closed (then `fd` is closed too).
  const auto read_some = [&buffer](Fd& fd) -> std::string_view {
    const ssize_t n = ::read(fd.get(), buffer.data(), buffer.size());
    if (n == 0 || (n < 0 && errno != EINTR)) fd.reset();
    return {buffer.data(), n > 0 ? static_cast<std::size_t>(n) : 0};
  };
  const auto keep = [&](std::string& sink, std::string_view bytes) {
    watched.written += bytes.size();
    if (sink.size() < limits.kept_output_bytes) sink.append(bytes.substr(0, limits.kept_output_bytes - sink.size()));
    if (watched.written > limits.output_bytes) stop(Stop::output);
  };

  while (true) {
    const auto now = Clock::now();
    if (now >= give_up) {
      ::kill(child, SIGKILL);
      break;
    }
    if (now >= wall_end) stop(Stop::wall);
    const auto next = watched.stopped == Stop::none ? wall_end : give_up;
    const auto wait_ms = static_cast<int>(std::chrono::ceil<std::chrono::milliseconds>(next - now).count());
    std::array<pollfd, 4> fds{{{output.read.get(), POLLIN, 0},
                               {error.read.get(), POLLIN, 0},
                               {status.read.get(), POLLIN, 0},
                               {child_ended.get(), POLLIN, 0}}};
    if (::poll(fds.data(), fds.size(), std::max(wait_ms, 0)) < 0 && errno != EINTR) break;
    const short ready = POLLIN | POLLHUP | POLLERR;
    if (fds[0].revents & ready) keep(watched.output, read_some(output.read));
    if (fds[1].revents & ready) keep(watched.error, read_some(error.read));
    if (fds[2].revents & ready) {
      const std::string_view bytes = read_some(status.read);
      if (watched.status.size() < 4096) watched.status += bytes;
    }
    // Once the child has ended, what is left in the pipes is read before it is judged.
    if ((fds[3].revents & ready) && output.read.get() < 0 && error.read.get() < 0 && status.read.get() < 0) break;
  }
  while (::wait4(child, nullptr, 0, &watched.usage) < 0 && errno == EINTR) {
  }
  return watched;
}

// ---- Judging -------------------------------------------------------------------------------------

// bubblewrap's {"exit-code": N}, written only when the command was started; −1 if absent.
int reported_exit_code(const std::string& status) {
  const std::string key = "\"exit-code\":";
  const std::size_t at = status.find(key);
  if (at == std::string::npos) return -1;
  std::size_t from = at + key.size();
  while (from < status.size() && status[from] == ' ') ++from;
  int code = -1;
  std::from_chars(status.data() + from, status.data() + status.size(), code);
  return code;
}

std::string signal_name(int signal) {
  const char* abbreviation = ::sigabbrev_np(signal);
  const char* description = ::sigdescr_np(signal);
  return (abbreviation ? "SIG" + std::string(abbreviation) : "signal " + std::to_string(signal)) +
         (description ? " (" + std::string(description) + ")" : "");
}

std::string seconds(double value) {
  std::string text = std::to_string(value);
  text.erase(text.find_last_not_of('0') + 1);
  if (text.back() == '.') text.pop_back();
  return text + " s";
}

// SIGXCPU's description, which a compiler driver or a shell prints when it ended a child of theirs
// (the driver's own CPU time is then below the limit: RLIMIT_CPU counts each process on its own).
bool shows_cpu_limit(const std::string& error) { return error.find("CPU time limit exceeded") != std::string::npos; }

bool shows_failed_allocation(const std::string& error) {
  for (const char* marker : {"std::bad_alloc", "MemoryError", "out of memory", "Cannot allocate memory"})
    if (error.find(marker) != std::string::npos) return true;
  return false;
}

void judge(SandboxResult& result, const Watched& watched, const SandboxLimits& limits) {
  using enum SandboxVerdict;
  const int code = reported_exit_code(watched.status);
  if (code >= 0) {
    // bubblewrap reports a signal as 128 + its number, as a shell does.
    if (code > 128 && code <= 128 + 64)
      result.signal = code - 128;
    else
      result.exit_code = code;
  }
  const auto cpu_limit = static_cast<double>(std::max<rlim_t>(1, clamp_limit(std::ceil(limits.cpu_seconds))));
  const auto set = [&result](SandboxVerdict verdict, std::string message) {
    result.verdict = verdict;
    result.message = std::move(message);
  };
  if (watched.stopped == Stop::output)
    set(output_limit, "stopped after writing more than " + std::to_string(limits.output_bytes) + " bytes of output");
  else if (watched.stopped == Stop::wall)
    set(time_limit, "stopped at the wall-clock limit of " + seconds(limits.wall_seconds));
  else if (code < 0)
    set(sandbox_error, "the sandbox could not start: " + detail::echo(result.standard_error, 400));
  else if (code == 0)
    set(ok, "");
  else if (result.signal == SIGXFSZ)
    set(output_limit, "killed by SIGXFSZ: wrote a file larger than " + std::to_string(limits.file_size_bytes) + " bytes");
  else if (result.signal == SIGXCPU || (result.signal == SIGKILL && result.cpu_seconds >= cpu_limit) ||
           shows_cpu_limit(result.standard_error))
    set(time_limit, "used the CPU time limit of " + seconds(cpu_limit) +
                        (result.signal != 0 ? ", ended by " + signal_name(result.signal) : ""));
  else if (shows_failed_allocation(result.standard_error))
    set(memory_limit, "an allocation failed under the address-space limit of " +
                          std::to_string(limits.address_space_bytes) + " bytes");
  else if (result.signal == SIGSYS)
    set(forbidden, "killed by SIGSYS: a system call the sandbox forbids");
  else if (result.signal != 0)
    set(runtime_error, "killed by " + signal_name(result.signal));
  else
    set(runtime_error, "exit code " + std::to_string(code));
}

// ---- The run -------------------------------------------------------------------------------------

SandboxResult not_started(const std::string& why) {
  SandboxResult result;
  result.message = "the sandbox could not start: " + why;
  return result;
}

// What is wrong with the request or the machine before anything is tried, or empty.
std::string request_problem(const SandboxRequest& request) {
  if (request.command.empty()) return "no command";
  // A link would be followed by bubblewrap, to a folder it was not meant to give.
  if (std::error_code error; !fs::is_directory(fs::symlink_status(request.scratch, error)))
    return "the scratch " + request.scratch.string() + " is not a folder";
  return machine_problem();
}

// The running child and the grader's ends of its pipes.
struct Started {
  pid_t child = -1;
  Pipe output, error, status, report;
};

// Gives the scratch to the slot's uid (when the grader is root), makes the child's files, forks it.
Started start_child(const SandboxRequest& request, uid_t uid) {
  Launch launch;
  launch.switch_user = ::geteuid() == 0;
  launch.uid = launch.switch_user ? uid : ::getuid();
  launch.limits = resource_limits(request.limits);
  launch.parent = ::getpid();
  launch.words = detail::bubblewrap_command(request);
  launch.environment = detail::sandbox_environment();
  launch.argv = c_strings(launch.words);
  launch.envp = c_strings(launch.environment);
  if (launch.switch_user) give_scratch_to(request.scratch, uid);

  Started started{-1, make_pipe(), make_pipe(), make_pipe(), make_pipe()};
  const Fd input = input_file(request.standard_input);
  const Fd seccomp = above_child_fds(detail::seccomp_filter_file());
  launch.input = input.get();
  launch.output = started.output.write.get();
  launch.error = started.error.write.get();
  launch.seccomp = seccomp.get();
  launch.status = started.status.write.get();
  launch.report = started.report.write.get();
  started.child = ::fork();
  if (started.child < 0) throw system_error("fork");
  if (started.child == 0) run_child(launch);
  // Only the child writes: the pipes end when it and its processes are gone.
  for (Pipe* pipe : {&started.output, &started.error, &started.status, &started.report}) pipe->write.reset();
  return started;
}

// Reads the child's report to its end (bubblewrap's execve closes it): bubblewrap as a pidfd, or
// why the child failed. Named at once, bubblewrap's pid is still its own: the child reaps it only
// after it has ended.
Fd read_report(Started& started, uid_t uid, std::string& failure) {
  Fd bubblewrap;
  int message[2];
  for (ssize_t n = 0; (n = ::read(started.report.read.get(), message, sizeof message)) != 0;) {
    if (n < 0 && errno != EINTR) break;
    if (n != sizeof message) continue;
    const auto [step, value] = message;
    if (step == step_started) {
      bubblewrap.reset(::pidfd_open(value, 0));
      continue;
    }
    failure = std::string("its process ") + child_step_name(step) + " (" + std::strerror(value) + ")";
    if (step == step_uid || step == step_gid) failure += "; uid " + std::to_string(uid) + " must be usable here";
  }
  if (!failure.empty()) {
    ::kill(started.child, SIGKILL);
    while (::waitpid(started.child, nullptr, 0) < 0 && errno == EINTR) {
    }
  }
  return bubblewrap;
}

double seconds_of(const timeval& time) {
  return static_cast<double>(time.tv_sec) + static_cast<double>(time.tv_usec) / 1e6;
}

SandboxResult run_as(const SandboxRequest& request, uid_t uid) {
  const auto start = Clock::now();
  if (const std::string problem = request_problem(request); !problem.empty()) return not_started(problem);
  Started started;
  try {
    started = start_child(request, uid);
  } catch (const std::exception& failure) {
    return not_started(failure.what());
  }
  std::string failure;
  const Fd bubblewrap = read_report(started, uid, failure);
  if (!failure.empty()) return not_started(failure);

  const Watched watched = watch(started.child, bubblewrap, started.output, started.error, started.status,
                                request.limits, start);
  SandboxResult result;
  result.wall_seconds = std::chrono::duration<double>(Clock::now() - start).count();
  result.cpu_seconds = seconds_of(watched.usage.ru_utime) + seconds_of(watched.usage.ru_stime);
  result.standard_output = detail::to_valid_utf8(watched.output);
  result.standard_error = detail::to_valid_utf8(watched.error);
  judge(result, watched, request.limits);
  return result;
}

}  // namespace

std::string_view sandbox_verdict_name(SandboxVerdict verdict) {
  switch (verdict) {
    case SandboxVerdict::ok: return "ok";
    case SandboxVerdict::sandbox_error: return "sandbox error";
    case SandboxVerdict::output_limit: return "output limit";
    case SandboxVerdict::time_limit: return "time limit";
    case SandboxVerdict::memory_limit: return "memory limit";
    case SandboxVerdict::forbidden: return "forbidden";
    case SandboxVerdict::runtime_error: return "runtime error";
  }
  return "?";
}

SandboxResult run_sandboxed(const SandboxRequest& request) {
  if (request.slot < 0 || request.slot >= 1'000'000)
    return not_started("slot " + std::to_string(request.slot) + " is not in 0–999999");
  return run_as(request, sandbox_base_uid + static_cast<unsigned>(request.slot));
}

std::string sandbox_problem() {
  if (std::string problem = machine_problem(); !problem.empty()) return problem;
  // A trial run, in a scratch folder of its own and under a uid no slot uses.
  std::string folder = (fs::temp_directory_path() / "nnwb-sandbox-check-XXXXXX").string();
  if (::mkdtemp(folder.data()) == nullptr) return "cannot make a scratch folder for a trial run: " + std::string(std::strerror(errno));
  SandboxRequest trial;
  trial.command = {"true"};
  trial.scratch = folder;
  const SandboxResult result = run_as(trial, sandbox_base_uid - 1);
  std::error_code ignored;
  fs::remove_all(folder, ignored);
  if (result.verdict == SandboxVerdict::ok) return {};
  return result.message.empty() ? std::string(sandbox_verdict_name(result.verdict)) : result.message;
}

}  // namespace nnwb
