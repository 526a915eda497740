#pragma once
/// @file gradebook.hpp
/// A class at once: rosters in, a gradebook out.
///
/// - read_roster: a CSV of student ids (read with libcsv). The ids are in the column headed
///   `student`, `id`, `sid` or `email`, or in the first column when there is no such header.
/// - find_submissions: the `<student id>.toml` files of a folder; links are not followed.
/// - grade_files: every file graded against its student's variant, several at once; one broken
///   file never stops the others.
/// - gradebook_csv: the CSV gradebook, one row per student, one column per asked step.
///
/// Files are written atomically (a temporary file renamed over the target), so that a gradebook or
/// a feedback file is either the old one or the whole new one, never half-written.

#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "nnwb/grading.hpp"

namespace nnwb {

/// The student ids of a roster's text, in its order; `path` names it in messages. Throws
/// std::runtime_error naming the file and the line for text that is not CSV, an empty roster, an
/// id that student_id_problem refuses, or an id that is there twice.
std::vector<std::string> parse_roster(std::string_view text, const std::string& path);
/// The same, read from a file.
std::vector<std::string> read_roster(const std::filesystem::path& path);

/// The student id in Gradescope's submission_metadata.json: the `field` (email, sid or id) of users[0].
/// The field must be a text or a whole number. Throws std::runtime_error naming `path` when the text
/// is not JSON or holds no such field, when the field is of another type, or when the id is not one
/// that student_id_problem accepts.
std::string student_from_gradescope_metadata(std::string_view json_text, const std::string& path,
                                             const std::string& field);

/// Writes `text` to `path` through a temporary file in the same folder and a rename. Throws
/// std::runtime_error naming the path and the reason if it cannot.
void write_file_atomically(const std::filesystem::path& path, const std::string& text);

/// Throws std::runtime_error, naming the path and the reason, unless files can be written into
/// `folder` (created if missing). A batch checks its outputs so before it grades anything.
void check_writable_folder(const std::filesystem::path& folder);

/// The submissions of a folder: every regular file ending in one of `extensions` (answer files:
/// .toml; code: .cpp and .py), sorted by name; the student id is the file name without it. Symbolic links are not followed (a link could lead out of the
/// folder); they, folders and other files are listed in `notes` with the reason.
struct Submissions {
  std::vector<std::filesystem::path> files;
  std::vector<std::string> notes;
};
Submissions find_submissions(const std::filesystem::path& folder,
                             const std::vector<std::string>& extensions = {".toml"});

/// Called after each file is graded: (graded so far, total, the file just graded).
using Progress = std::function<void(std::size_t, std::size_t, const std::filesystem::path&)>;

/// Grades one file; `slot` is the number of the thread grading it (0 to threads − 1), so that runs at
/// once can have sandbox slots of their own. Must not throw.
using GradeOne = std::function<Grade(const std::filesystem::path& file, int slot)>;
/// Grades each file with `grade_one` on `threads` threads (0: as many as the machine has); the grades
/// come back in the order of `files`.
std::vector<Grade> grade_each(const std::vector<std::filesystem::path>& files, unsigned threads,
                              const Progress& progress, const GradeOne& grade_one);

/// Grades each file as the variant of the student its name gives, on `threads` threads (0: as
/// many as the machine has). The grades come back in the order of `files`. A file whose name is
/// not a usable student id, or that is no longer a regular file, gets a grade with its error.
std::vector<Grade> grade_files(const Exercise& exercise, const std::vector<std::filesystem::path>& files,
                               unsigned threads = 0, const Progress& progress = {});

/// With a roster: a "missing" grade (no file was handed in) for each roster id that `grades` lacks,
/// after the others, and a problem on each grade whose student is not on the roster.
void reconcile_with_roster(std::vector<Grade>& grades, const Exercise& exercise, const std::vector<std::string>& roster);

/// The gradebook as CSV: student, seed, score, max_score, percent, status, one column per asked step
/// (its id), then message (what went wrong, if anything). Text that a spreadsheet would run as a
/// formula (a cell starting with =, +, -, @, a tab or a carriage return) is neutralised with a
/// leading apostrophe, and messages are cut to a readable length.
std::string gradebook_csv(const Exercise& exercise, const std::vector<Grade>& grades);

}  // namespace nnwb
