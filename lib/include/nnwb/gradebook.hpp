#pragma once
/// @file gradebook.hpp
/// A class at once: rosters in, a gradebook out.
///
/// - read_roster: a CSV of student ids (read with libcsv). The ids are in the column headed
///   `student`, `id`, `sid` or `email`, or in the first column when there is no such header.
/// - grade_folder: every `<student id>.toml` in a folder graded against that student's variant,
///   several at once; one broken file never stops the others.
/// - write_gradebook: the CSV gradebook, one row per submission, one column per asked step.
///
/// Files are written atomically (a temporary file renamed over the target), so that a gradebook or
/// a feedback file is either the old one or the whole new one, never half-written.

#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "nnwb/grading.hpp"

namespace nnwb {

/// The student ids of a roster, in its order. Throws std::runtime_error naming the file and the
/// line for an unreadable file, an empty roster, an empty or duplicated id, or an id that cannot
/// name a file (it contains '/' or starts with '.').
std::vector<std::string> read_roster(const std::filesystem::path& path);

/// Whether an id can be used as a file name for a student (no '/', '\\', NUL, not starting with '.').
bool usable_as_file_name(const std::string& id);

/// Writes `text` to `path` through a temporary file in the same folder and a rename. Throws
/// std::runtime_error naming the path if it cannot.
void write_file_atomically(const std::filesystem::path& path, const std::string& text);

/// The submissions of a folder: every regular file ending in .toml, sorted by name; the student id
/// is the file name without .toml. Other files are returned in `ignored`.
struct Submissions {
  std::vector<std::filesystem::path> files;
  std::vector<std::filesystem::path> ignored;
};
Submissions find_submissions(const std::filesystem::path& folder);

/// Called after each file is graded: (graded so far, total, the file just graded).
using Progress = std::function<void(std::size_t, std::size_t, const std::filesystem::path&)>;

/// Grades each file as the variant of the student its name gives, on `threads` threads (0: as
/// many as the machine has). The grades come back in the order of `files`.
std::vector<Grade> grade_files(const Exercise& exercise, const std::vector<std::filesystem::path>& files,
                               unsigned threads = 0, const Progress& progress = {});

/// The gradebook as CSV: student, seed, score, max_score, percent, status, one column per asked step
/// (its id), then message (what went wrong, if anything).
std::string gradebook_csv(const Exercise& exercise, const std::vector<Grade>& grades);

}  // namespace nnwb
