#pragma once
/// @file chapter.hpp
/// A chapter: one derivation from the lectures, built as a Trace from options, and its command
/// line. Every chapter executable and the `nnwb` workbook share this command line:
///
///     <chapter> [--seed N | --student ID] [--format text|markdown|json]
///               [--digits N | --decimals N] [--output FILE]
///               [--figures DIR] [--full-size]
///
/// With no options a chapter reproduces the lecture's own example, rounded as the slides round.
/// A wrong option prints one line on stderr and exits with 2.

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "nnwb/trace.hpp"

namespace nnwb {

/// What a chapter is asked for.
struct ChapterOptions {
  /// Draw a variant from this seed; none means the lecture's own numbers.
  std::optional<std::uint64_t> seed;
  /// Run at the lecture's full size where a chapter shrinks it by default to stay quick
  /// (`--full-size`; chapter 18's training loop).
  bool full_size = false;
};

using ChapterBuilder = Trace (*)(const ChapterOptions&);

/// A chapter in the catalogue (../shared/CATALOGUE.md).
struct Chapter {
  int number;               ///< its place in the catalogue
  std::string_view id;      ///< its short name, also the executable's name
  std::string_view title;
  ChapterBuilder build;
};

/// Exit codes of the command lines.
inline constexpr int exit_ok = 0;
inline constexpr int exit_failure = 1;  ///< the chapter could not be built or written
inline constexpr int exit_usage = 2;    ///< a wrong option

/// The command line of one chapter executable.
int run_chapter(const Chapter& chapter, int argc, const char* const* argv);

/// The command line of the workbook: every chapter in catalogue order, or those named.
int run_workbook(std::span<const Chapter> catalogue, int argc, const char* const* argv);

}  // namespace nnwb
