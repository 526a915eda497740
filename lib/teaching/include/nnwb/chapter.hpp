#pragma once
/// @file chapter.hpp
/// A chapter: one derivation from the lectures, built as a Trace from options. With no options a
/// chapter reproduces the lecture's own example, rounded as the slides round. Its command line is
/// in chapter_cli.hpp (the host layer).

#include <cstdint>
#include <optional>
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

}  // namespace nnwb
