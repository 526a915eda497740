#pragma once
/// @file code_runner.hpp
/// Runs a student's code exercise in the sandbox (sandbox.hpp) and grades it (code_exercise.hpp).
///
/// A C++ submission is compiled in the sandbox with the harness (`g++ -std=c++20 -O1`, the header
/// nnwb_code.hpp precompiled), then run; a Python one runs under /usr/bin/python3 with numpy. Both
/// read every call of the plan on their standard input and answer on a channel of their own, so that
/// what the student prints never mixes with the results. The toolkit folder (the build's `code/`:
/// nnwb_code.hpp, its .gch, harness.o, harness.py) is bound read-only; the submission is copied into
/// a private scratch folder, removed afterwards.

#include <filesystem>
#include <string>

#include "nnwb/code_exercise.hpp"
#include "nnwb/sandbox.hpp"

namespace nnwb {

/// What the toolkit folder must hold for `language`; empty when it holds it, else what is missing.
std::string code_toolkit_problem(const std::filesystem::path& toolkit, CodeLanguage language);

/// The largest submission accepted, in bytes.
inline constexpr std::size_t max_code_file_bytes = 256 * 1024;

/// Grades the code in `file` (its language from its extension) on code_variants(first): compiles and
/// runs it in the sandbox slot `slot`, then grade_code. Never throws for what a submission holds: a
/// file that cannot be read, does not compile, runs out of time or memory, or crashes gets a grade
/// whose error or problems say so; the calls answered before a crash are graded.
Grade grade_code_file(const CodeExercise& exercise, const Variant& first, const std::filesystem::path& file,
                      const std::filesystem::path& toolkit, int slot = 0);

}  // namespace nnwb
