// Answer files read from disk; see answer_file_io.hpp.
#include "nnwb/answer_file_io.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

#include "nnwb/detail/safe_text.hpp"

namespace nnwb {

AnswerFile read_answer_file(const std::filesystem::path& path, FollowLinks follow) {
  AnswerFile file;
  file.path = detail::echo(path.string(), 200);
  // O_NONBLOCK: a named pipe in place of a file must not hang the grader; O_NOFOLLOW: see FollowLinks.
  const int flags = O_RDONLY | O_NONBLOCK | O_CLOEXEC | (follow == FollowLinks::no ? O_NOFOLLOW : 0);
  const int fd = ::open(path.c_str(), flags);
  if (fd < 0) {
    file.error = errno == ELOOP && follow == FollowLinks::no
                     ? "the file is a symbolic link, which is not followed: hand in the file itself"
                     : fmt::format("cannot read the file: {}", std::strerror(errno));
    return file;
  }
  struct stat info{};
  std::string text;
  if (::fstat(fd, &info) != 0) {
    file.error = fmt::format("cannot read the file: {}", std::strerror(errno));
  } else if (!S_ISREG(info.st_mode)) {
    file.error = "this is not a regular file";
  } else if (static_cast<std::size_t>(info.st_size) > max_answer_file_bytes) {
    file.error = fmt::format("the file is {:.1f} MB; an answer file is a few kilobytes (at most {} kB): is it "
                             "the right file?",
                             static_cast<double>(info.st_size) / 1e6, max_answer_file_bytes / 1024);
  } else {
    // Read at most one byte more than allowed, in case the file grew since fstat.
    text.resize(max_answer_file_bytes + 1);
    std::size_t got = 0;
    for (ssize_t n; got < text.size() && (n = ::read(fd, text.data() + got, text.size() - got)) != 0;) {
      if (n < 0) {
        if (errno == EINTR) continue;
        file.error = fmt::format("cannot read the file: {}", std::strerror(errno));
        break;
      }
      got += static_cast<std::size_t>(n);
    }
    text.resize(got);
    if (file.error.empty() && got > max_answer_file_bytes)
      file.error = fmt::format("the file is larger than {} kB; an answer file is a few kilobytes: is it the right file?",
                               max_answer_file_bytes / 1024);
  }
  ::close(fd);
  if (!file.error.empty()) return file;
  return parse_answer_file(text, file.path);
}

}  // namespace nnwb
