// The sandbox for students' code (issue 13): every hostile submission of tests/sandbox/ gets its
// verdict, and nothing outside its scratch folder is read, written or left running. A machine that
// cannot run the sandbox fails these tests with the reason: CI's machines must run them.
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "nnwb/detail/safe_text.hpp"
#include "nnwb/sandbox.hpp"
#include "support/commands.hpp"

BOOST_AUTO_TEST_SUITE(sandbox)

namespace fs = std::filesystem;
using namespace nnwb;

namespace {

const fs::path hostile_sources = fs::path(NNWB_SOURCE_DIR) / "tests" / "sandbox";

// Fails the test with the reason when the sandbox cannot run here; it is never skipped.
void require_sandbox() {
  static const std::string problem = sandbox_problem();
  BOOST_REQUIRE_MESSAGE(problem.empty(), "the sandbox cannot run on this machine: " << problem);
}

// Slots of this test process. Runs at once must have different slots (sandbox.hpp): another
// nnwb_tests running at the same time (another build's tests) gets others.
int slot(int k = 0) { return static_cast<int>(::getpid() % 10000) * 10 + k; }

// Small limits, so that the hostile cases end in seconds.
SandboxLimits hostile_limits() {
  SandboxLimits limits;
  limits.cpu_seconds = 2;
  limits.wall_seconds = 5;
  limits.address_space_bytes = std::size_t{1} << 30;
  return limits;
}

// Room for a compiler run.
SandboxLimits compile_limits() {
  SandboxLimits limits = hostile_limits();
  limits.cpu_seconds = 20;
  limits.wall_seconds = 30;
  return limits;
}

// A fresh scratch folder holding copies of `files` from tests/sandbox.
fs::path scratch_with(const std::string& name, const std::vector<std::string>& files = {}) {
  const fs::path folder = test::scratch("sandbox", name);
  for (const std::string& file : files) fs::copy_file(hostile_sources / file, folder / file);
  return folder;
}

// The verdict's name, which Boost.Test can print.
std::string_view verdict(const SandboxResult& result) { return sandbox_verdict_name(result.verdict); }

std::string describe(const SandboxResult& result) {
  return fmt::format("verdict {} ({}), exit code {}, signal {}, wall {:.2f} s, cpu {:.2f} s\nstdout: {}\nstderr: {}",
                     sandbox_verdict_name(result.verdict), result.message, result.exit_code, result.signal,
                     result.wall_seconds, result.cpu_seconds, detail::echo(result.standard_output, 600),
                     detail::echo(result.standard_error, 600));
}

SandboxResult run_in(const fs::path& scratch, std::vector<std::string> command, SandboxLimits limits = hostile_limits(),
                     int slot_number = slot(), std::string input = {}) {
  SandboxRequest request;
  request.command = std::move(command);
  request.scratch = scratch;
  request.slot = slot_number;
  request.limits = limits;
  request.standard_input = std::move(input);
  SandboxResult result = run_sandboxed(request);
  BOOST_TEST_MESSAGE(fmt::format("{}: {}", fmt::join(request.command, " "), describe(result)));
  return result;
}

// Compiles tests/sandbox/`source` in the sandbox (gcc for C, g++ for C++) into `program`.
void compile(const fs::path& scratch, const std::string& source, const std::string& program) {
  const bool is_c = source.ends_with(".c");
  const SandboxResult built =
      run_in(scratch, {is_c ? "gcc" : "g++", "-O1", "-o", program, source}, compile_limits());
  BOOST_REQUIRE_MESSAGE(built.verdict == SandboxVerdict::ok, "compiling " << source << ": " << describe(built));
}

// The processes whose command line contains `marker`, and, when the grader is root, those of the
// slot's uid: what a run must not leave behind.
std::vector<std::string> processes_left(const std::string& marker, int slot_number) {
  std::vector<std::string> left;
  const auto uid = sandbox_base_uid + static_cast<unsigned>(slot_number);
  for (const fs::directory_entry& entry : fs::directory_iterator("/proc")) {
    const std::string pid = entry.path().filename().string();
    if (pid.find_first_not_of("0123456789") != std::string::npos) continue;
    std::string command_line = test::slurp(entry.path() / "cmdline");
    std::replace(command_line.begin(), command_line.end(), '\0', ' ');
    std::ifstream status(entry.path() / "status");
    bool slot_uid = false;
    for (std::string line; std::getline(status, line);)
      if (line.rfind("Uid:", 0) == 0) slot_uid = std::stoul(line.substr(4)) == uid;
    if (command_line.find(marker) != std::string::npos || (::geteuid() == 0 && slot_uid))
      left.push_back(pid + ": " + command_line);
  }
  return left;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_machine_can_run_the_sandbox) {
  BOOST_TEST(sandbox_problem() == "");
}

BOOST_AUTO_TEST_CASE(a_python_script_with_numpy_runs_and_its_output_is_captured) {
  require_sandbox();
  const fs::path scratch = scratch_with("numpy", {"numpy_script.py"});
  const SandboxResult result = run_in(scratch, {"python3", "numpy_script.py"}, hostile_limits(), slot(), "1 2\n");
  BOOST_TEST_INFO(describe(result));
  BOOST_TEST(verdict(result) == "ok");
  BOOST_TEST(result.exit_code == 0);
  BOOST_TEST(result.standard_output == "z -3.0000 6.5000\nsigmoid 0.0474 0.9985\nünïcödé ok\n");
  BOOST_TEST(result.standard_error == "");
  BOOST_TEST(result.message == "");
}

BOOST_AUTO_TEST_CASE(a_normal_cpp_program_compiles_and_runs) {
  require_sandbox();
  const fs::path scratch = scratch_with("compile", {"hello.cpp"});
  compile(scratch, "hello.cpp", "hello");
  const SandboxResult result = run_in(scratch, {"./hello"}, hostile_limits(), slot(), "1.5 2 3.25\n");
  BOOST_TEST_INFO(describe(result));
  BOOST_TEST(verdict(result) == "ok");
  BOOST_TEST(result.standard_output == "sum 6.75\n");
}

BOOST_AUTO_TEST_CASE(output_is_capped_and_made_valid_utf8) {
  require_sandbox();
  const fs::path scratch = scratch_with("utf8");
  SandboxLimits limits = hostile_limits();
  limits.kept_output_bytes = 10;
  const SandboxResult result = run_in(
      scratch, {"python3", "-c", "import sys; sys.stdout.buffer.write(b'ok \\xff\\xfe end and more'); sys.exit(3)"},
      limits);
  BOOST_TEST_INFO(describe(result));
  BOOST_TEST(verdict(result) == "runtime error");
  BOOST_TEST(result.exit_code == 3);
  BOOST_TEST(result.message == "exit code 3");
  BOOST_TEST(result.standard_output == "ok \xEF\xBF\xBD\xEF\xBF\xBD end ");  // 10 bytes kept, each bad byte U+FFFD
  BOOST_TEST(detail::is_valid_utf8(result.standard_output));
}

BOOST_AUTO_TEST_CASE(a_harness_is_bound_read_only_and_compiled_with) {
  require_sandbox();
  // sandbox.hpp's example.
  const fs::path harness = scratch_with("harness");
  test::spit(harness / "main.cpp", "#include <cstdio>\nint answer();\nint main() { std::printf(\"answer %d\\n\", answer()); }\n");
  const fs::path scratch = scratch_with("student");
  test::spit(scratch / "answer.cpp", "int answer() { return 42; }\n");
  const int slot_number = slot();
  nnwb::SandboxRequest compile{.command = {"g++", "-O1", "-o", "main", "answer.cpp", (harness / "main.cpp").string()},
                               .scratch = scratch, .read_only = {harness}, .slot = slot_number};
  compile.limits.cpu_seconds = 20;
  const nnwb::SandboxResult built = nnwb::run_sandboxed(compile);
  BOOST_TEST_INFO(describe(built));
  BOOST_TEST(verdict(built) == "ok");
  const nnwb::SandboxResult run = nnwb::run_sandboxed({.command = {"./main"}, .scratch = scratch, .slot = slot_number});
  BOOST_TEST_INFO(describe(run));
  BOOST_TEST(run.standard_output == "answer 42\n");

  // The harness cannot be changed from inside.
  SandboxRequest tamper{.command = {"sh", "-c", "echo changed > " + (harness / "main.cpp").string()},
                        .scratch = scratch, .read_only = {harness}, .slot = slot_number};
  const SandboxResult tampered = run_sandboxed(tamper);
  BOOST_TEST_INFO(describe(tampered));
  BOOST_TEST(verdict(tampered) == "runtime error");
  BOOST_TEST(tampered.standard_error.find("Read-only file system") != std::string::npos);
  BOOST_TEST(test::slurp(harness / "main.cpp").find("answer()") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(an_infinite_loop_hits_the_cpu_time_limit) {
  require_sandbox();
  const fs::path scratch = scratch_with("loop", {"infinite_loop.py"});
  const SandboxResult result = run_in(scratch, {"python3", "infinite_loop.py"});
  BOOST_TEST_INFO(describe(result));
  BOOST_TEST(verdict(result) == "time limit");
  BOOST_TEST(result.signal == SIGXCPU);
  BOOST_TEST(result.cpu_seconds > 1.0);
}

BOOST_AUTO_TEST_CASE(a_long_sleep_hits_the_wall_clock_limit) {
  require_sandbox();
  const fs::path scratch = scratch_with("sleep");
  SandboxLimits limits = hostile_limits();
  limits.wall_seconds = 1;
  const SandboxResult result = run_in(scratch, {"sleep", "1000"}, limits);
  BOOST_TEST_INFO(describe(result));
  BOOST_TEST(verdict(result) == "time limit");
  BOOST_TEST(result.message == "stopped at the wall-clock limit of 1 s");
  BOOST_TEST(result.wall_seconds >= 1.0);
  BOOST_TEST(result.wall_seconds < 3.0);
  BOOST_TEST(processes_left("sleep 1000", slot()).empty());
}

BOOST_AUTO_TEST_CASE(a_fork_bomb_in_python_stops_at_the_process_limit) {
  require_sandbox();
  const fs::path scratch = scratch_with("fork_bomb_py", {"fork_bomb.py"});
  const SandboxResult result = run_in(scratch, {"python3", "fork_bomb.py", "fork-bomb-marker"});
  BOOST_TEST_INFO(describe(result));
  BOOST_TEST(verdict(result) == "runtime error");
  BOOST_TEST(result.exit_code == 1);
  BOOST_TEST(result.standard_output.find("fork refused: [Errno 11] Resource temporarily unavailable") != std::string::npos);
  BOOST_TEST(result.wall_seconds < 5.0);
  BOOST_TEST(processes_left("fork-bomb-marker", slot()).empty());
  // The grader is unharmed: it still starts processes.
  BOOST_TEST(verdict(run_in(scratch, {"true"})) == "ok");
}

BOOST_AUTO_TEST_CASE(a_fork_bomb_in_c_is_ended_with_its_whole_pid_namespace) {
  require_sandbox();
  const fs::path scratch = scratch_with("fork_bomb_c", {"fork_bomb.c"});
  compile(scratch, "fork_bomb.c", "fork_bomb");
  SandboxLimits limits = hostile_limits();
  limits.wall_seconds = 2;
  const SandboxResult result = run_in(scratch, {"./fork_bomb", "fork-bomb-marker"}, limits);
  BOOST_TEST_INFO(describe(result));
  // Its processes spin for ever, sharing the CPU: the wall clock ends them.
  BOOST_TEST(verdict(result) == "time limit");
  BOOST_TEST(result.wall_seconds < 5.0);
  BOOST_TEST(processes_left("fork-bomb-marker", slot()).empty());
  BOOST_TEST(verdict(run_in(scratch, {"true"})) == "ok");
}

BOOST_AUTO_TEST_CASE(allocating_10_gb_hits_the_memory_limit) {
  require_sandbox();
  const fs::path scratch = scratch_with("memory", {"allocate_10_gb.cpp", "allocate_10_gb.py"});
  compile(scratch, "allocate_10_gb.cpp", "allocate");
  for (const std::vector<std::string>& command :
       {std::vector<std::string>{"./allocate"}, std::vector<std::string>{"python3", "allocate_10_gb.py"}}) {
    const SandboxResult result = run_in(scratch, command);
    BOOST_TEST_CONTEXT(command.back() << ": " << describe(result)) {
      BOOST_TEST(verdict(result) == "memory limit");
      BOOST_TEST(result.standard_output == "");
      BOOST_TEST(result.wall_seconds < 5.0);
    }
  }
}

BOOST_AUTO_TEST_CASE(the_project_the_machine_and_other_submissions_are_not_visible) {
  require_sandbox();
  const fs::path other = scratch_with("other_submission");
  test::spit(other / "secret.txt", "another student's answer\n");
  const fs::path scratch = scratch_with("read", {"read_outside.py"});
  const std::vector<std::string> paths{fs::path(NNWB_SOURCE_DIR) / "solutions",
                                       hostile_sources,
                                       "/work/main/solutions",
                                       "/etc/shadow",
                                       "/etc/passwd",
                                       "/root",
                                       "/home",
                                       "/usr/local/etc",
                                       other / "secret.txt",
                                       other,
                                       fmt::format("/proc/{}/environ", ::getpid())};
  std::vector<std::string> command{"python3", "read_outside.py"};
  command.insert(command.end(), paths.begin(), paths.end());
  const SandboxResult result = run_in(scratch, command);
  BOOST_TEST_INFO(describe(result));
  BOOST_TEST(verdict(result) == "ok");
  const std::vector<std::string> lines = lines_of(result.standard_output);
  BOOST_TEST_REQUIRE(lines.size() == paths.size());
  for (std::size_t i = 0; i < paths.size(); ++i) BOOST_TEST(lines[i].rfind("hidden " + paths[i] + " (", 0) == 0, lines[i]);
}

BOOST_AUTO_TEST_CASE(nothing_is_written_outside_the_scratch) {
  require_sandbox();
  const fs::path other = scratch_with("other_submission");
  const fs::path scratch = scratch_with("write", {"write_outside.py"});
  const std::string name = fmt::format("escaped_{}", ::getpid());
  // Each refused, except /tmp, which is the sandbox's own and vanishes with it.
  const std::vector<std::string> refused{"/" + name,
                                         "/usr/" + name,
                                         "/usr/local/" + name,
                                         "/etc/" + name,
                                         "/root/" + name,
                                         "/dev/" + name,
                                         "/proc/" + name,
                                         fs::path(NNWB_SOURCE_DIR) / name,
                                         other / name};
  std::vector<std::string> command{"python3", "write_outside.py", "/tmp/" + name, "/sandbox/" + name};
  command.insert(command.end(), refused.begin(), refused.end());
  const SandboxResult result = run_in(scratch, command);
  BOOST_TEST_INFO(describe(result));
  BOOST_TEST(verdict(result) == "ok");
  const std::vector<std::string> lines = lines_of(result.standard_output);
  BOOST_TEST_REQUIRE(lines.size() == refused.size() + 2);
  BOOST_TEST(lines[0] == "written /tmp/" + name);
  BOOST_TEST(lines[1] == "written /sandbox/" + name);
  for (std::size_t i = 0; i < refused.size(); ++i) BOOST_TEST(lines[i + 2].rfind("refused " + refused[i] + " (", 0) == 0, lines[i + 2]);
  // On the machine: the file in the scratch folder, and nowhere else.
  std::error_code unreadable;  // /root, when the tests do not run as root
  BOOST_TEST(fs::exists(scratch / name));
  BOOST_TEST(!fs::exists("/tmp/" + name));
  for (const std::string& path : refused) BOOST_TEST(!fs::exists(path, unreadable), path);
}

BOOST_AUTO_TEST_CASE(network_connections_are_refused) {
  require_sandbox();
  // A server of the grader's on 127.0.0.1, which must receive no connection.
  const int server = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  BOOST_REQUIRE(server >= 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  BOOST_REQUIRE(::bind(server, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  BOOST_REQUIRE(::listen(server, 4) == 0);
  BOOST_REQUIRE(::getsockname(server, reinterpret_cast<sockaddr*>(&address), &length) == 0);
  const std::string local = fmt::format("127.0.0.1:{}", ntohs(address.sin_port));

  const fs::path scratch = scratch_with("network", {"connect.py"});
  const SandboxResult result = run_in(scratch, {"python3", "connect.py", local, "1.1.1.1:80", "[::1]:22"});
  BOOST_TEST_INFO(describe(result));
  BOOST_TEST(verdict(result) == "ok");
  for (const std::string& line : lines_of(result.standard_output)) BOOST_TEST(line.rfind("refused ", 0) == 0, line);
  BOOST_TEST(lines_of(result.standard_output).size() == 6u);
  pollfd waiting{server, POLLIN, 0};
  BOOST_TEST(::poll(&waiting, 1, 0) == 0);  // no connection came
  ::close(server);
}

BOOST_AUTO_TEST_CASE(a_gigabyte_of_output_hits_the_output_limit_quickly) {
  require_sandbox();
  const fs::path scratch = scratch_with("output", {"gigabyte_of_output.py"});
  const SandboxResult result = run_in(scratch, {"python3", "gigabyte_of_output.py"});
  BOOST_TEST_INFO(describe(result).substr(0, 300));
  BOOST_TEST(verdict(result) == "output limit");
  BOOST_TEST(result.standard_output.size() == hostile_limits().kept_output_bytes);
  BOOST_TEST(result.wall_seconds < 5.0);
}

BOOST_AUTO_TEST_CASE(a_segfault_and_an_abort_are_runtime_errors_naming_the_signal) {
  require_sandbox();
  const fs::path scratch = scratch_with("crash", {"segfault.c", "abort.c"});
  compile(scratch, "segfault.c", "segfault");
  compile(scratch, "abort.c", "abort");
  const SandboxResult segfault = run_in(scratch, {"./segfault"});
  BOOST_TEST_INFO(describe(segfault));
  BOOST_TEST(verdict(segfault) == "runtime error");
  BOOST_TEST(segfault.signal == SIGSEGV);
  BOOST_TEST(segfault.exit_code == -1);
  BOOST_TEST(segfault.message == "killed by SIGSEGV (Segmentation fault)");
  BOOST_TEST(segfault.standard_output == "about to crash\n");
  const SandboxResult aborted = run_in(scratch, {"./abort"});
  BOOST_TEST_INFO(describe(aborted));
  BOOST_TEST(verdict(aborted) == "runtime error");
  BOOST_TEST(aborted.signal == SIGABRT);
  BOOST_TEST(aborted.message == "killed by SIGABRT (Aborted)");
  BOOST_TEST(aborted.standard_error.find("Assertion `argc == 42' failed") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_double_forked_daemon_does_not_outlive_its_run) {
  require_sandbox();
  const fs::path scratch = scratch_with("daemon", {"daemon.py"});
  const SandboxResult result = run_in(scratch, {"python3", "daemon.py", "daemon-marker"});
  BOOST_TEST_INFO(describe(result));
  BOOST_TEST(verdict(result) == "ok");
  BOOST_TEST(result.standard_output == "daemon started\n");
  BOOST_TEST(result.wall_seconds < 5.0);
  const std::vector<std::string> left = processes_left("daemon-marker", slot());
  BOOST_TEST(left.empty(), fmt::format("left running: {}", fmt::join(left, "; ")));
}

BOOST_AUTO_TEST_CASE(includes_of_files_outside_the_sandbox_do_not_compile) {
  require_sandbox();
  const fs::path scratch = scratch_with("include");
  const std::string project_header = fs::path(NNWB_SOURCE_DIR) / "lib/host/include/nnwb/sandbox.hpp";
  for (const std::string& included : {std::string("/etc/shadow"), project_header}) {
    test::spit(scratch / "peek.cpp", fmt::format("#include \"{}\"\nint main() {{}}\n", included));
    const SandboxResult result = run_in(scratch, {"g++", "-c", "peek.cpp"}, compile_limits());
    BOOST_TEST_CONTEXT(included << ": " << describe(result)) {
      BOOST_TEST(verdict(result) == "runtime error");
      BOOST_TEST(result.standard_error.find(included + ": No such file or directory") != std::string::npos);
    }
  }
}

BOOST_AUTO_TEST_CASE(a_template_bomb_hits_the_cpu_time_limit_while_compiling) {
  require_sandbox();
  const fs::path scratch = scratch_with("template_bomb", {"template_bomb.cpp"});
  const SandboxResult result = run_in(scratch, {"g++", "-c", "template_bomb.cpp"});
  BOOST_TEST_INFO(describe(result));
  BOOST_TEST(verdict(result) == "time limit");
  BOOST_TEST(result.wall_seconds < 6.0);
}

BOOST_AUTO_TEST_CASE(the_grader_can_be_neither_killed_nor_traced) {
  require_sandbox();
  const fs::path scratch = scratch_with("harm", {"harm_the_grader.c"});
  compile(scratch, "harm_the_grader.c", "harm");
  const SandboxResult result = run_in(scratch, {"./harm", std::to_string(::getpid())});
  BOOST_TEST_INFO(describe(result));
  BOOST_TEST(verdict(result) == "ok");
  const std::vector<std::string> lines = lines_of(result.standard_output);
  BOOST_TEST_REQUIRE(lines.size() == 5u);
  BOOST_TEST(lines[0] == "ptrace attach grader: Operation not permitted");  // seccomp
  BOOST_TEST(lines[1] == "ptrace attach parent: Operation not permitted");
  BOOST_TEST(lines[2] == "kill grader: No such process");  // not in its PID namespace
  // The test process is alive (it runs this line) and traced by nobody.
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);)
    if (line.rfind("TracerPid:", 0) == 0) BOOST_TEST(line == "TracerPid:\t0");
}

BOOST_AUTO_TEST_CASE(a_system_call_of_another_abi_is_forbidden) {
#if defined(__x86_64__)
  require_sandbox();
  const fs::path scratch = scratch_with("x32", {"x32_call.c"});
  compile(scratch, "x32_call.c", "x32_call");
  const SandboxResult result = run_in(scratch, {"./x32_call"});
  BOOST_TEST_INFO(describe(result));
  BOOST_TEST(verdict(result) == "forbidden");
  BOOST_TEST(result.signal == SIGSYS);
#else
  BOOST_TEST_MESSAGE("the x32 ABI exists on x86-64 only");
#endif
}

BOOST_AUTO_TEST_CASE(the_graders_open_files_do_not_reach_the_sandbox) {
  require_sandbox();
  // Opened without close-on-exec, as a careless library might.
  const int project_file = ::open((fs::path(NNWB_SOURCE_DIR) / "CMakeLists.txt").c_str(), O_RDONLY);
  BOOST_REQUIRE(project_file >= 0);
  const fs::path scratch = scratch_with("descriptors");
  const SandboxResult result = run_in(
      scratch, {"python3", "-c", "import os\nfor fd in range(3, 1024):\n  try: os.fstat(fd); print(fd)\n  except OSError: pass"});
  ::close(project_file);
  BOOST_TEST_INFO(describe(result));
  BOOST_TEST(verdict(result) == "ok");
  BOOST_TEST(result.standard_output == "");
}

BOOST_AUTO_TEST_CASE(two_slots_at_once_do_not_interfere) {
  require_sandbox();
  // Slot 1 holds as many processes as its limit allows; slot 2 starts 20 at the same time.
  const fs::path bomb = scratch_with("parallel_bomb", {"fork_bomb.py"});
  const fs::path normal = scratch_with("parallel_normal");
  SandboxResult bombed, forked;
  std::thread first(
      [&] { bombed = run_in(bomb, {"python3", "fork_bomb.py", "parallel-marker", "2"}, hostile_limits(), slot(1)); });
  std::thread second([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(700));
    forked = run_in(normal,
                    {"python3", "-c",
                     "import os, time\npids = []\nfor _ in range(20):\n  pid = os.fork()\n"
                     "  if pid == 0:\n    time.sleep(0.5)\n    os._exit(0)\n  pids.append(pid)\n"
                     "for pid in pids: os.waitpid(pid, 0)\nprint(len(pids), 'children')"},
                    hostile_limits(), slot(2));
  });
  first.join();
  second.join();
  BOOST_TEST_INFO(describe(bombed));
  BOOST_TEST_INFO(describe(forked));
  BOOST_TEST(verdict(bombed) == "runtime error");
  BOOST_TEST(bombed.wall_seconds > 2.0);  // it held its processes all the while
  if (::geteuid() != 0) {
    // Not root, the grader runs every slot as itself: one process limit for all (sandbox.hpp).
    BOOST_TEST_MESSAGE("not run as root: the slots share the grader's uid and its process limit");
    return;
  }
  BOOST_TEST(verdict(forked) == "ok");
  BOOST_TEST(forked.standard_output == "20 children\n");
}

BOOST_AUTO_TEST_CASE(a_sandbox_that_cannot_be_set_up_runs_nothing_and_says_why) {
  require_sandbox();
  const fs::path scratch = scratch_with("setup");
  SandboxRequest request;
  request.command = {"sh", "-c", "echo ran > ran.txt"};
  request.scratch = scratch;
  request.slot = slot();
  request.read_only = {"/nonexistent/harness"};
  const SandboxResult missing = run_sandboxed(request);
  BOOST_TEST_INFO(describe(missing));
  BOOST_TEST(verdict(missing) == "sandbox error");
  BOOST_TEST(missing.message.rfind("the sandbox could not start: bwrap: Can't find source path /nonexistent/harness", 0) == 0);
  request.read_only.clear();
  request.command = {"no-such-program"};
  const SandboxResult unknown = run_sandboxed(request);
  BOOST_TEST_INFO(describe(unknown));
  BOOST_TEST(verdict(unknown) == "sandbox error");
  BOOST_TEST(unknown.message.find("no-such-program: No such file or directory") != std::string::npos);
  BOOST_TEST(!fs::exists(scratch / "ran.txt"));
  request.slot = -1;
  BOOST_TEST(verdict(run_sandboxed(request)) == "sandbox error");
}

BOOST_AUTO_TEST_SUITE_END()
