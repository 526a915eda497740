// Running a child process with pipes (detail/run_program.hpp). poll() moves the input in and the
// two outputs out together, so that a tool that writes before it has read everything cannot block.
#include "nnwb/detail/run_program.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>

extern char** environ;

namespace nnwb::detail {
namespace {

// A pipe whose ends are closed when it goes out of scope.
struct Pipe {
  int read = -1, write = -1;
  bool open() {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) return false;
    read = fds[0];
    write = fds[1];
    return true;
  }
  static void close_end(int& fd) {
    if (fd >= 0) ::close(fd);
    fd = -1;
  }
  ~Pipe() {
    close_end(read);
    close_end(write);
  }
};

}  // namespace

ProgramResult run_program(const std::vector<std::string>& command, const std::string& input) {
  ProgramResult result;
  Pipe in, out, err;
  if (command.empty() || !in.open() || !out.open() || !err.open()) {
    result.error = command.empty() ? "no command" : std::strerror(errno);
    return result;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in.read, STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, out.write, STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err.write, STDERR_FILENO);
  std::vector<char*> argv;
  for (const std::string& word : command) argv.push_back(const_cast<char*>(word.c_str()));
  argv.push_back(nullptr);
  pid_t pid = 0;
  const int spawned = ::posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) {
    result.error = std::strerror(spawned);
    return result;
  }
  result.started = true;
  Pipe::close_end(in.read);
  Pipe::close_end(out.write);
  Pipe::close_end(err.write);

  // A child that exits before reading all of its input must not kill us with SIGPIPE.
  struct sigaction ignore {}, previous {};
  ignore.sa_handler = SIG_IGN;
  ::sigaction(SIGPIPE, &ignore, &previous);
  std::size_t written = 0;
  if (input.empty()) Pipe::close_end(in.write);
  std::array<char, 65536> buffer{};
  while (out.read >= 0 || err.read >= 0) {
    std::array<pollfd, 3> fds{{{in.write, POLLOUT, 0}, {out.read, POLLIN, 0}, {err.read, POLLIN, 0}}};
    if (::poll(fds.data(), fds.size(), -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (in.write >= 0 && (fds[0].revents & (POLLOUT | POLLERR | POLLHUP))) {
      const ssize_t n = ::write(in.write, input.data() + written, input.size() - written);
      if (n > 0) written += static_cast<std::size_t>(n);
      if (n < 0 || written == input.size()) Pipe::close_end(in.write);
    }
    const auto drain = [&buffer](const pollfd& polled, int& fd, std::string& sink) {
      if (fd < 0 || !(polled.revents & (POLLIN | POLLERR | POLLHUP))) return;
      const ssize_t n = ::read(fd, buffer.data(), buffer.size());
      if (n > 0)
        sink.append(buffer.data(), static_cast<std::size_t>(n));
      else
        Pipe::close_end(fd);
    };
    drain(fds[1], out.read, result.output);
    drain(fds[2], err.read, result.error);
  }
  Pipe::close_end(in.write);
  ::sigaction(SIGPIPE, &previous, nullptr);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

}  // namespace nnwb::detail
