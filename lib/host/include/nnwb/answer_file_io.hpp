#pragma once
/// @file answer_file_io.hpp
/// Answer files read from disk (the host layer): the file is opened without blocking, refused
/// unless it is a regular file no larger than max_answer_file_bytes, then parsed as
/// parse_answer_file parses text (answer_file.hpp).

#include <filesystem>

#include "nnwb/answer_file.hpp"

namespace nnwb {

/// Whether reading a file may follow a symbolic link. A batch does not: a link in a folder of
/// submissions could lead anywhere on the machine.
enum class FollowLinks { yes, no };

/// Reads an answer file from disk, refusing what is not a regular file and anything larger than
/// max_answer_file_bytes.
AnswerFile read_answer_file(const std::filesystem::path& path, FollowLinks follow = FollowLinks::yes);
}  // namespace nnwb
