#pragma once
/// @file chapter_cli.hpp
/// The command line of a chapter (the host layer: CLI11, files, standard output). Every chapter
/// executable and the `nnwb` workbook share this command line:
///
///     <chapter> [--seed N | --student ID] [--format text|markdown|json]
///               [--digits N | --decimals N] [--output FILE]
///               [--figures DIR] [--full-size]
///
/// With no options a chapter reproduces the lecture's own example, rounded as the slides round.
/// A wrong option prints one line on stderr and exits with 2.

#include <span>

#include "nnwb/chapter.hpp"

namespace nnwb {

/// Exit codes of the command lines.
inline constexpr int exit_ok = 0;
inline constexpr int exit_failure = 1;  ///< the chapter could not be built or written
inline constexpr int exit_usage = 2;    ///< a wrong option

/// The command line of one chapter executable.
int run_chapter(const Chapter& chapter, int argc, const char* const* argv);

/// The command line of the workbook: every chapter in catalogue order, or those named.
int run_workbook(std::span<const Chapter> catalogue, int argc, const char* const* argv);

}  // namespace nnwb
