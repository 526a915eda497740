#pragma once
// What the fuzz targets assert. A broken promise stops the run at once with a trap, which libFuzzer
// reports as a crash (and saves the input as crash-…); the line on stderr says which promise broke,
// so that the replay in ctest, which has no libFuzzer, names it too.

#include <cstdio>
#include <string_view>

#include "nnwb/detail/safe_text.hpp"

namespace nnwb::fuzz {

[[noreturn]] inline void fail(std::string_view what) {
  std::fprintf(stderr, "fuzz: broken promise: %.*s\n", static_cast<int>(what.size()), what.data());
  std::fflush(stderr);
  __builtin_trap();
}

inline void require(bool holds, std::string_view what) {
  if (!holds) fail(what);
}

/// Every text the library hands out (messages, renderings) is valid UTF-8, whatever the input held.
inline void require_utf8(std::string_view text, std::string_view what) {
  require(detail::is_valid_utf8(text), what);
}

}  // namespace nnwb::fuzz
