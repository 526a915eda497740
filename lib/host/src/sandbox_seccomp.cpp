// The sandbox's seccomp filter (detail/sandbox_seccomp.hpp). Everything is allowed but the calls
// below: what they would reach (other processes, the network, the machine's mounts, the kernel) is
// what a sandboxed exercise must never touch, and no exercise, compiler or Python needs them. They
// fail with EPERM rather than killing the program, so that it sees an ordinary error.
#include "nnwb/detail/sandbox_seccomp.hpp"

#include <fcntl.h>
#include <linux/sched.h>
#include <seccomp.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <string>

namespace nnwb::detail {
namespace {

// Denied outright. Names rather than SCMP_SYS(): a name this architecture lacks (iopl on arm64) is
// skipped instead of failing the build.
constexpr std::array denied_calls{
    // Reading or steering another process.
    "ptrace", "process_vm_readv", "process_vm_writev", "kcmp", "pidfd_getfd",
    // io_uring can open sockets and files behind the filter's back.
    "io_uring_setup", "io_uring_enter", "io_uring_register",
    // Namespaces and mounts: the sandbox's own walls.
    "unshare", "setns", "mount", "umount2", "pivot_root", "chroot", "move_mount", "open_tree", "fsopen",
    "fsconfig", "fsmount", "fspick", "mount_setattr",
    // The kernel and the machine.
    "kexec_load", "kexec_file_load", "init_module", "finit_module", "delete_module", "bpf",
    "perf_event_open", "reboot", "swapon", "swapoff", "acct", "syslog", "iopl", "ioperm", "quotactl",
    "quotactl_fd", "userfaultfd", "open_by_handle_at", "name_to_handle_at", "uselib", "vhangup",
    "personality", "settimeofday", "clock_settime", "clock_adjtime", "adjtimex", "sethostname",
    "setdomainname", "fanotify_init",
    // The kernel's key rings.
    "keyctl", "add_key", "request_key"};

// clone() with any of these flags would make a new namespace.
constexpr std::array namespace_flags{CLONE_NEWUSER, CLONE_NEWNS,  CLONE_NEWPID,   CLONE_NEWNET,
                                     CLONE_NEWIPC,  CLONE_NEWUTS, CLONE_NEWCGROUP};

struct ContextDeleter {
  void operator()(void* context) const { seccomp_release(context); }
};
using Context = std::unique_ptr<void, ContextDeleter>;

// libseccomp returns −errno on failure.
void check(int status, const std::string& what) {
  if (status < 0) throw std::runtime_error("seccomp filter: " + what + ": " + std::strerror(-status));
}

}  // namespace

int seccomp_filter_file() {
  const Context context(seccomp_init(SCMP_ACT_ALLOW));
  if (!context) throw std::runtime_error("seccomp filter: libseccomp could not start a filter");
  // A call of another architecture (int 0x80 on x86-64) would bypass every rule: it kills the
  // process instead (SIGSYS, the verdict forbidden).
  check(seccomp_attr_set(context.get(), SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_KILL_PROCESS), "bad architecture");
  const auto deny = SCMP_ACT_ERRNO(EPERM);
  for (const char* name : denied_calls) {
    const int call = seccomp_syscall_resolve_name(name);
    if (call == __NR_SCMP_ERROR) continue;
    check(seccomp_rule_add(context.get(), deny, call, 0), name);
  }
  // Sockets of the Unix family only: every network one fails (the network namespace is empty too).
  check(seccomp_rule_add(context.get(), deny, SCMP_SYS(socket), 1, SCMP_A0(SCMP_CMP_NE, AF_UNIX)), "socket");
  check(seccomp_rule_add(context.get(), deny, SCMP_SYS(socketpair), 1, SCMP_A0(SCMP_CMP_NE, AF_UNIX)), "socketpair");
  for (const int flag : namespace_flags) {
    const auto bit = static_cast<scmp_datum_t>(flag);
    check(seccomp_rule_add(context.get(), deny, SCMP_SYS(clone), 1, SCMP_A0(SCMP_CMP_MASKED_EQ, bit, bit)), "clone");
  }
  // clone3 passes its flags in memory, out of the filter's sight: ENOSYS makes the C library fall
  // back to clone, which is checked above.
  check(seccomp_rule_add(context.get(), SCMP_ACT_ERRNO(ENOSYS), SCMP_SYS(clone3), 0), "clone3");
  // Typing into the terminal of whoever started the grader.
  check(seccomp_rule_add(context.get(), deny, SCMP_SYS(ioctl), 1, SCMP_A1(SCMP_CMP_MASKED_EQ, 0xFFFFFFFFu, TIOCSTI)),
        "ioctl");

  const int file = ::memfd_create("nnwb-seccomp", MFD_CLOEXEC);
  if (file < 0) throw std::runtime_error(std::string("seccomp filter: memfd_create: ") + std::strerror(errno));
  const int exported = seccomp_export_bpf(context.get(), file);
  if (exported < 0 || ::lseek(file, 0, SEEK_SET) != 0) {
    ::close(file);
    check(exported < 0 ? exported : -EIO, "export");
  }
  return file;
}

}  // namespace nnwb::detail
