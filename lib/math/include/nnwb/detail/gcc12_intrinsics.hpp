#pragma once
/// @file gcc12_intrinsics.hpp
/// GCC 12's AVX-512 intrinsics, included once with one false warning silenced, before anything else.
///
/// Not part of any lesson: the build includes this file first (with -include) in every translation
/// unit compiled by GCC older than 13; see the top CMakeLists.txt.
///
/// Why: GCC 12 writes its "undefined" vectors as self-initialised variables (`__m256d __Y = __Y;` in
/// _mm256_undefined_pd). Once Eigen's AVX-512 kernels (gemm packing, ptranspose) inline them, GCC
/// reports -Wmaybe-uninitialized at those lines of avx512fintrin.h (GCC bug 105593, fixed in GCC 13).
/// The pragmas below apply by source location, so they silence that warning only inside GCC's own
/// intrinsic headers, and only when they are first included here; every line of nnwb and of Eigen
/// keeps the warning.
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ < 13 && defined(__x86_64__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#pragma GCC diagnostic ignored "-Wuninitialized"
#include <immintrin.h>
#pragma GCC diagnostic pop
#endif
