#pragma once
// Internal: the sandbox's seccomp filter (sandbox_seccomp.cpp), the system calls that a student's
// program or compiler never needs, each made to fail with EPERM.

namespace nnwb::detail {

/// A new file descriptor (close-on-exec) of a memory file that holds the filter as compiled BPF,
/// read from its start: what bubblewrap's --seccomp reads. Throws std::runtime_error with
/// libseccomp's reason if the filter cannot be built.
int seccomp_filter_file();

}  // namespace nnwb::detail
