#pragma once
// Internal: what the sandbox is made of (sandbox_command.cpp), as bubblewrap's command line and the
// environment the sandboxed command sees.
#include <string>
#include <vector>

#include "nnwb/sandbox.hpp"

namespace nnwb::detail {

inline constexpr const char* bubblewrap_path = "/usr/bin/bwrap";
/// Where bubblewrap finds the seccomp filter (--seccomp) and writes its status (--json-status-fd).
inline constexpr int sandbox_seccomp_fd = 3;
inline constexpr int sandbox_status_fd = 4;
/// The scratch folder inside the sandbox, the command's working directory.
inline constexpr const char* sandbox_home = "/sandbox";

/// bubblewrap's command line (bubblewrap_path first) for the request: the namespaces, the
/// read-only system, /proc, /dev, /tmp, the request's read-only binds and its scratch, then its command.
std::vector<std::string> bubblewrap_command(const SandboxRequest& request);

/// The command's whole environment, as NAME=value words.
std::vector<std::string> sandbox_environment();

}  // namespace nnwb::detail
