// What the sandbox is made of (detail/sandbox_command.hpp): bubblewrap's options in the order it
// applies them. A mount point must exist before something is mounted on it, and `/` is made
// read-only last, once every mount point is in place.
#include "nnwb/detail/sandbox_command.hpp"

#include <algorithm>
#include <filesystem>
#include <string>
#include <system_error>

namespace nnwb::detail {
namespace {

namespace fs = std::filesystem;

// The parts of /etc that compilers and Python read: the alternatives (numpy's BLAS is chosen
// there) and the dynamic linker's cache. Not passwd, not shadow, not the machine's configuration.
constexpr const char* etc_files[] = {"/etc/alternatives", "/etc/ld.so.cache"};

// The top-level folders that Debian keeps as links into /usr ("merged /usr"), or as folders on
// older systems.
constexpr const char* system_folders[] = {"/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"};

void add(std::vector<std::string>& words, std::initializer_list<std::string> more) {
  words.insert(words.end(), more);
}

}  // namespace

std::vector<std::string> bubblewrap_command(const SandboxRequest& request) {
  std::vector<std::string> words{bubblewrap_path};
  // New user, PID, network, IPC, UTS and cgroup namespaces, none of them nestable; the whole
  // sandbox dies with the grader; a new session, so that it cannot type into the grader's terminal.
  add(words, {"--unshare-all", "--unshare-user", "--disable-userns", "--die-with-parent", "--new-session",
              "--hostname", "sandbox"});

  // The system, read-only. /usr/local is hidden: what a machine installs there (and its
  // configuration, /usr/local/etc) is its own business, not an exercise's.
  add(words, {"--ro-bind", "/usr", "/usr"});
  std::error_code error;
  if (fs::is_directory("/usr/local", error)) add(words, {"--tmpfs", "/usr/local", "--remount-ro", "/usr/local"});
  for (const char* folder : system_folders) {
    if (fs::is_symlink(folder, error))
      add(words, {"--symlink", fs::read_symlink(folder, error).string(), folder});
    else if (fs::is_directory(folder, error))
      add(words, {"--ro-bind", folder, folder});
  }
  for (const char* file : etc_files)
    if (fs::exists(file, error)) add(words, {"--ro-bind", file, file});

  // Private /proc (only the sandbox's processes), /dev (null, zero, random, tty…) and /tmp, the
  // last no larger than one file may be (and never of size 0, which tmpfs reads as no limit).
  const std::size_t tmp_bytes = std::max<std::size_t>(request.limits.file_size_bytes, 4096);
  add(words, {"--proc", "/proc", "--dev", "/dev", "--size", std::to_string(tmp_bytes), "--tmpfs", "/tmp"});

  for (const fs::path& path : request.read_only) {
    const std::string absolute = fs::absolute(path, error).lexically_normal().string();
    add(words, {"--ro-bind", absolute, absolute});
  }
  add(words, {"--bind", fs::absolute(request.scratch, error).string(), sandbox_home});

  // Nothing else writable: not /dev's own folder, not the root's.
  add(words, {"--remount-ro", "/dev", "--remount-ro", "/", "--chdir", sandbox_home});
  add(words, {"--seccomp", std::to_string(sandbox_seccomp_fd), "--json-status-fd", std::to_string(sandbox_status_fd)});
  words.push_back("--");
  words.insert(words.end(), request.command.begin(), request.command.end());
  return words;
}

std::vector<std::string> sandbox_environment() {
  // One thread for numpy's BLAS and OpenMP: each run gets one core's worth, and thread stacks do
  // not eat the address-space limit.
  return {"PATH=/usr/bin:/bin",    "HOME=/sandbox",          "TMPDIR=/tmp", "LANG=C.UTF-8",
          "OPENBLAS_NUM_THREADS=1", "OMP_NUM_THREADS=1"};
}

}  // namespace nnwb::detail
