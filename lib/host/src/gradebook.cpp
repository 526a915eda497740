// Rosters, batches and the gradebook (see gradebook.hpp). CSV is read and written with libcsv.
#include "nnwb/gradebook.hpp"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <unordered_map>
#include <csv.h>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <fstream>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <unistd.h>

#include "nnwb/answer_file_io.hpp"
#include "nnwb/detail/exercise_internals.hpp"
#include "nnwb/detail/number_format.hpp"
#include "nnwb/detail/safe_text.hpp"

namespace nnwb {
namespace {

// A gradebook cell holds at most this much of a grade's messages; the feedback file has them all.
constexpr std::size_t max_gradebook_message_bytes = 2000;

// libcsv calls back once per field and once per end of row.
struct CsvRows {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
};
void on_field(void* text, std::size_t size, void* data) {
  static_cast<CsvRows*>(data)->row.emplace_back(static_cast<const char*>(text), size);
}
void on_row_end(int, void* data) {
  auto* csv = static_cast<CsvRows*>(data);
  csv->rows.push_back(std::move(csv->row));
  csv->row.clear();
}

std::vector<std::vector<std::string>> parse_csv(std::string_view text, const std::string& path) {
  csv_parser parser;
  if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
    throw std::runtime_error(fmt::format("{}: cannot start the CSV reader", path));
  CsvRows rows;
  const std::size_t read = csv_parse(&parser, text.data(), text.size(), on_field, on_row_end, &rows);
  const bool failed = read != text.size() || csv_fini(&parser, on_field, on_row_end, &rows) != 0;
  const std::string why = failed ? csv_strerror(csv_error(&parser)) : "";
  csv_free(&parser);
  if (failed) {
    const auto line = std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(std::min(read, text.size())), '\n') + 1;
    throw std::runtime_error(fmt::format("{}, line {}: not valid CSV: {}", path, line, why));
  }
  return rows.rows;
}

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

std::string trim(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

// One CSV field, quoted by libcsv.
std::string csv_field(const std::string& text) {
  std::string out(text.size() * 2 + 2, '\0');
  out.resize(csv_write(out.data(), out.size(), text.data(), text.size()));
  return out;
}

}  // namespace

std::vector<std::string> parse_roster(std::string_view text, const std::string& path) {
  const auto rows = parse_csv(text, path);
  if (rows.empty()) throw std::runtime_error(fmt::format("{}: the roster is empty", path));
  // The id column: headed student, id, sid or email; else the first column, with no header.
  std::size_t column = 0;
  std::size_t first_row = 0;
  for (std::size_t c = 0; c < rows[0].size(); ++c) {
    const std::string head = lower(trim(rows[0][c]));
    if (head == "student" || head == "id" || head == "sid" || head == "email" || head == "student id") {
      column = c;
      first_row = 1;
      break;
    }
  }
  std::vector<std::string> ids;
  std::unordered_map<std::string, std::size_t> line_of;  // each id's line, to find repeats in one pass
  for (std::size_t r = first_row; r < rows.size(); ++r) {
    if (rows[r].size() == 1 && trim(rows[r][0]).empty()) continue;  // a blank line
    const std::string id = column < rows[r].size() ? trim(rows[r][column]) : "";
    if (const std::string problem = student_id_problem(id); !problem.empty())
      throw std::runtime_error(fmt::format("{}, row {}: {}{}", path, r + 1, problem,
                                           id.empty() ? "" : fmt::format(" ('{}')", detail::echo(id))));
    if (const auto [it, added] = line_of.emplace(id, r + 1); !added)
      throw std::runtime_error(fmt::format("{}, row {}: the student id '{}' is there twice (row {} too)", path, r + 1,
                                           detail::echo(id), it->second));
    ids.push_back(id);
  }
  if (ids.empty()) throw std::runtime_error(fmt::format("{}: the roster has no student ids", path));
  return ids;
}

std::vector<std::string> read_roster(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(fmt::format("{}: cannot read the roster", detail::echo(path.string(), 200)));
  std::ostringstream text;
  text << in.rdbuf();
  return parse_roster(text.str(), detail::echo(path.string(), 200));
}

std::string student_from_gradescope_metadata(std::string_view json_text, const std::string& path,
                                             const std::string& field) {
  const auto metadata = nlohmann::json::parse(json_text, nullptr, false);
  if (metadata.is_discarded()) throw std::runtime_error(fmt::format("{}: not valid JSON", path));
  const auto users = metadata.is_object() ? metadata.find("users") : metadata.end();
  if (users == metadata.end() || !users->is_array() || users->empty() || !(*users)[0].is_object() ||
      !(*users)[0].contains(field))
    throw std::runtime_error(fmt::format("{}: no users[0].{} in the submission metadata", path, detail::echo(field)));
  // An id is a text or a whole number (Gradescope gives sid as either). Anything else is refused by
  // its type, never written back out: nlohmann's dump recurses, and a field nested 100,000 deep
  // would overflow the stack.
  const auto& value = (*users)[0][field];
  if (!value.is_string() && !value.is_number_integer())
    throw std::runtime_error(fmt::format("{}: users[0].{} is {} {}, not a text or a whole number", path,
                                         detail::echo(field), value.is_array() || value.is_object() ? "an" : "a",
                                         value.type_name()));
  const std::string id = value.is_string() ? value.get<std::string>() : value.dump();
  if (const std::string problem = student_id_problem(id); !problem.empty())
    throw std::runtime_error(fmt::format("{}: users[0].{}: {}", path, detail::echo(field), problem));
  return id;
}

void write_file_atomically(const std::filesystem::path& path, const std::string& text) {
  const std::string shown = detail::echo(path.string(), 200);
  const std::filesystem::path temporary =
      path.parent_path() / fmt::format(".{}.tmp-{}", path.filename().string(), ::getpid());
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error(fmt::format("cannot write '{}': {}", shown, std::strerror(errno)));
    out << text;
    out.flush();
    if (!out) {
      const int why = errno;
      std::error_code ignored;
      std::filesystem::remove(temporary, ignored);
      throw std::runtime_error(fmt::format("cannot write '{}': {}", shown, std::strerror(why)));
    }
  }
  std::error_code code;
  std::filesystem::rename(temporary, path, code);  // atomic within one file system
  if (code) {
    std::error_code ignored;
    std::filesystem::remove(temporary, ignored);
    throw std::runtime_error(fmt::format("cannot write '{}': {}", shown, code.message()));
  }
}

void check_writable_folder(const std::filesystem::path& folder) {
  const std::string shown = detail::echo(folder.string(), 200);
  std::error_code code;
  if (std::filesystem::exists(folder, code) && !std::filesystem::is_directory(folder, code))
    throw std::runtime_error(fmt::format("'{}' is not a folder (a file of that name is in the way)", shown));
  std::filesystem::create_directories(folder, code);
  if (code) throw std::runtime_error(fmt::format("cannot make the folder '{}': {}", shown, code.message()));
  if (::access(folder.c_str(), W_OK | X_OK) != 0)
    throw std::runtime_error(fmt::format("cannot write into the folder '{}': {}", shown, std::strerror(errno)));
}

Submissions find_submissions(const std::filesystem::path& folder, const std::vector<std::string>& extensions) {
  Submissions found;
  std::error_code code;
  if (!std::filesystem::is_directory(folder, code))
    throw std::runtime_error(fmt::format("'{}' is not a folder of submissions", detail::echo(folder.string(), 200)));
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    const std::string name = entry.path().filename().string();
    if (name.empty() || name.front() == '.') continue;  // hidden files and our own temporaries
    const std::string shown = detail::echo(entry.path().string(), 200);
    // symlink_status: the entry itself, never what a link points to.
    const auto status = entry.symlink_status(code);
    if (std::filesystem::is_symlink(status))
      found.notes.push_back(fmt::format("{} is a symbolic link; links are not followed, so it is not graded", shown));
    else if (std::find(extensions.begin(), extensions.end(), entry.path().extension().string()) == extensions.end())
      found.notes.push_back(fmt::format("{} is not a {}; not graded", shown,
                                        extensions == std::vector<std::string>{".toml"}
                                            ? std::string(".toml answer file")
                                            : fmt::format("{} file", fmt::join(extensions, " or "))));
    else if (!std::filesystem::is_regular_file(status))
      found.notes.push_back(fmt::format("{} is not a regular file; not graded", shown));
    else
      found.files.push_back(entry.path());
  }
  std::sort(found.files.begin(), found.files.end());
  std::sort(found.notes.begin(), found.notes.end());
  return found;
}

namespace {

// A grade that records why a file, or a student, could not be graded.
Grade ungraded(const Exercise& exercise, const Variant& variant, std::string file, std::string error) {
  Grade g;
  g.exercise = exercise.id();
  g.title = exercise.title();
  g.file = std::move(file);
  g.variant = variant;
  g.max_score = exercise.max_score();
  g.error = std::move(error);
  return g;
}

}  // namespace

std::vector<Grade> grade_each(const std::vector<std::filesystem::path>& files, unsigned threads,
                              const Progress& progress, const GradeOne& grade_one) {
  std::vector<Grade> grades(files.size());
  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> done{0};
  std::mutex report;
  const auto work = [&](int slot) {
    for (std::size_t i; (i = next++) < files.size();) {
      grades[i] = grade_one(files[i], slot);
      const std::size_t finished = ++done;
      if (progress) {
        const std::lock_guard lock(report);
        progress(finished, files.size(), files[i]);
      }
    }
  };
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, std::max<std::size_t>(1, files.size())));
  {
    std::vector<std::jthread> pool;
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work, static_cast<int>(t));
    work(0);
  }  // the threads join here, before the grades are handed back
  return grades;
}

std::vector<Grade> grade_files(const Exercise& exercise, const std::vector<std::filesystem::path>& files,
                               unsigned threads, const Progress& progress) {
  return grade_each(files, threads, progress, [&](const std::filesystem::path& file, int) {
    const std::string id = file.stem().string();
    const std::string shown = detail::echo(file.string(), 200);
    const Variant variant = Variant::for_student(id);
    try {
      if (const std::string problem = student_id_problem(id); !problem.empty())
        return ungraded(exercise, variant, shown,
                        fmt::format("{}: the file name must be <student id>.toml, and {}", shown, problem));
      return grade(exercise, variant, read_answer_file(file, FollowLinks::no));
    } catch (const std::exception& error) {  // never let one file stop the batch
      return ungraded(exercise, variant, shown, fmt::format("{}: could not be graded: {}", shown, error.what()));
    }
  });
}

void reconcile_with_roster(std::vector<Grade>& grades, const Exercise& exercise, const std::vector<std::string>& roster) {
  std::unordered_map<std::string_view, bool> handed_in;  // roster id → a file came
  for (const std::string& id : roster) handed_in.emplace(id, false);
  for (Grade& g : grades) {
    const auto it = g.variant.student ? handed_in.find(*g.variant.student) : handed_in.end();
    if (it != handed_in.end()) it->second = true;
    else
      g.problems.push_back(fmt::format("{}: student '{}' is not on the roster", g.file,
                                       detail::echo(g.variant.student.value_or("?"))));
  }
  for (const std::string& id : roster)
    if (!handed_in.at(id)) {
      Grade g = ungraded(exercise, Variant::for_student(id), "", "no answer file was handed in");
      g.handed_in = false;
      for (const AskedStep* asked : detail::asked_in_trace_order(exercise, exercise.build(g.variant.seed)))
      {
        StepGrade step;
        step.step = asked->step;
        step.weight = asked->weight;
        step.feedback = "no answer file was handed in";
        g.steps.push_back(std::move(step));
      }
      grades.push_back(std::move(g));
    }
}

namespace {

// A text cell a spreadsheet will not run: one starting with =, +, -, @, a tab or a carriage return
// is a formula to Excel, LibreOffice and Google Sheets, so it gets a leading apostrophe (OWASP's
// advice for CSV injection).
std::string inert_cell(std::string text) {
  if (!text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos)
    text.insert(0, "'");
  return text;
}

}  // namespace

std::string gradebook_csv(const Exercise& exercise, const std::vector<Grade>& grades) {
  const auto number = [](double x) { return detail::format_number(x, {Rounding::Mode::significant, 6}); };
  std::vector<std::string> header = {"student", "seed", "score", "max_score", "percent", "status"};
  for (const AskedStep& asked : exercise.asked()) header.push_back(asked.step);
  header.push_back("message");
  std::string out;
  const auto row = [&](const std::vector<std::string>& fields) {
    for (std::size_t i = 0; i < fields.size(); ++i) out += (i ? "," : "") + csv_field(fields[i]);
    out += "\r\n";  // RFC 4180
  };
  row(header);
  for (const Grade& g : grades) {
    const std::string status = !g.handed_in          ? "missing"
                               : !g.error.empty()    ? "error"
                               : g.problems.empty()  ? "graded"
                                                     : "graded with problems";
    std::vector<std::string> fields = {inert_cell(detail::echo(g.variant.student.value_or(""), max_student_id_bytes)),
                                       g.variant.seed ? std::to_string(*g.variant.seed) : "",
                                       number(g.score),
                                       number(g.max_score),
                                       number(g.max_score > 0 ? 100 * g.score / g.max_score : 0),
                                       status};
    for (const AskedStep& asked : exercise.asked()) {
      std::string cell;
      for (const StepGrade& s : g.steps)
        if (s.step == asked.step) cell = number(s.score);
      fields.push_back(cell);
    }
    std::string message = g.error;
    for (const std::string& problem : g.problems) message += (message.empty() ? "" : " | ") + problem;
    fields.push_back(inert_cell(detail::echo(message, max_gradebook_message_bytes)));
    row(fields);
  }
  return out;
}

}  // namespace nnwb
