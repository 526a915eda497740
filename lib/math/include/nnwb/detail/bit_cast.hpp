#pragma once
// detail::bit_cast: the bits of one trivially copyable value read as another type of the same size
// (a double's bits as an integer: the order of doubles, a key of their exact values).
//
// std::bit_cast where the standard library has it; the compiler's own __builtin_bit_cast (GCC ≥ 11,
// Clang ≥ 9), which std::bit_cast wraps, where it does not: the libc++ of Debian 12's emscripten
// (3.1.6), which compiles the library for the browser, predates std::bit_cast.
#include <type_traits>
#if __has_include(<version>)
#include <version>
#endif
#if defined(__cpp_lib_bit_cast)
#include <bit>
#endif

namespace nnwb::detail {

template <class To, class From>
  requires(sizeof(To) == sizeof(From) && std::is_trivially_copyable_v<To> && std::is_trivially_copyable_v<From>)
constexpr To bit_cast(const From& from) noexcept {
#if defined(__cpp_lib_bit_cast)
  return std::bit_cast<To>(from);
#else
  return __builtin_bit_cast(To, from);
#endif
}

}  // namespace nnwb::detail
