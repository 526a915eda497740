#pragma once
// Internal: the pieces of the portable generator, exposed so that tests can check them against
// the published reference outputs of SplitMix64, xoshiro256** and FNV-1a.

#include <cstdint>
#include <string_view>

namespace nnwb::detail {

/// SplitMix64: advances `state` and returns the next output.
std::uint64_t splitmix64(std::uint64_t& state);
/// 64-bit FNV-1a of the bytes of `text`.
std::uint64_t fnv1a64(std::string_view text);

}  // namespace nnwb::detail
