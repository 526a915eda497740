// Rosters, batches and the gradebook (see gradebook.hpp). CSV is read and written with libcsv.
#include "nnwb/gradebook.hpp"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <csv.h>
#include <fmt/format.h>
#include <fstream>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <unistd.h>

#include "nnwb/detail/number_format.hpp"

namespace nnwb {
namespace {

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

std::vector<std::vector<std::string>> parse_csv(const std::string& text, const std::string& path) {
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

bool usable_as_file_name(const std::string& id) {
  return !id.empty() && id.front() != '.' && id.find_first_of("/\\") == std::string::npos &&
         id.find('\0') == std::string::npos;
}

std::vector<std::string> read_roster(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(fmt::format("{}: cannot read the roster", path.string()));
  std::ostringstream text;
  text << in.rdbuf();
  const auto rows = parse_csv(text.str(), path.string());
  if (rows.empty()) throw std::runtime_error(fmt::format("{}: the roster is empty", path.string()));
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
  for (std::size_t r = first_row; r < rows.size(); ++r) {
    if (rows[r].size() == 1 && trim(rows[r][0]).empty()) continue;  // a blank line
    const std::string id = column < rows[r].size() ? trim(rows[r][column]) : "";
    if (id.empty()) throw std::runtime_error(fmt::format("{}, line {}: the student id is empty", path.string(), r + 1));
    if (!usable_as_file_name(id))
      throw std::runtime_error(fmt::format("{}, line {}: the student id '{}' cannot name a file (no '/', and it "
                                           "may not start with '.')",
                                           path.string(), r + 1, id));
    if (std::find(ids.begin(), ids.end(), id) != ids.end())
      throw std::runtime_error(fmt::format("{}, line {}: the student id '{}' is there twice", path.string(), r + 1, id));
    ids.push_back(id);
  }
  if (ids.empty()) throw std::runtime_error(fmt::format("{}: the roster has no student ids", path.string()));
  return ids;
}

void write_file_atomically(const std::filesystem::path& path, const std::string& text) {
  const std::filesystem::path temporary =
      path.parent_path() / fmt::format(".{}.tmp-{}", path.filename().string(), ::getpid());
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << text;
    out.flush();
    if (!out) {
      std::error_code ignored;
      std::filesystem::remove(temporary, ignored);
      throw std::runtime_error(fmt::format("cannot write '{}'", path.string()));
    }
  }
  std::error_code code;
  std::filesystem::rename(temporary, path, code);  // atomic within one file system
  if (code) {
    std::filesystem::remove(temporary, code);
    throw std::runtime_error(fmt::format("cannot write '{}'", path.string()));
  }
}

Submissions find_submissions(const std::filesystem::path& folder) {
  Submissions found;
  std::error_code code;
  if (!std::filesystem::is_directory(folder, code))
    throw std::runtime_error(fmt::format("'{}' is not a folder of submissions", folder.string()));
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    const std::string name = entry.path().filename().string();
    if (name.empty() || name.front() == '.') continue;  // hidden files and our own temporaries
    if (entry.is_regular_file() && entry.path().extension() == ".toml")
      found.files.push_back(entry.path());
    else
      found.ignored.push_back(entry.path());
  }
  std::sort(found.files.begin(), found.files.end());
  std::sort(found.ignored.begin(), found.ignored.end());
  return found;
}

std::vector<Grade> grade_files(const Exercise& exercise, const std::vector<std::filesystem::path>& files,
                               unsigned threads, const Progress& progress) {
  std::vector<Grade> grades(files.size());
  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> done{0};
  std::mutex report;
  const auto work = [&] {
    for (std::size_t i; (i = next++) < files.size();) {
      const Variant variant = Variant::for_student(files[i].stem().string());
      try {
        grades[i] = grade(exercise, variant, read_answer_file(files[i]));
      } catch (const std::exception& error) {  // never let one file stop the batch
        grades[i].exercise = exercise.id();
        grades[i].title = exercise.title();
        grades[i].file = files[i].string();
        grades[i].variant = variant;
        grades[i].max_score = exercise.max_score();
        grades[i].error = fmt::format("{}: could not be graded: {}", files[i].string(), error.what());
      }
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
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
    work();
  }  // the threads join here, before the grades are handed back
  return grades;
}

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
    std::vector<std::string> fields = {g.variant.student.value_or(""),
                                       g.variant.seed ? std::to_string(*g.variant.seed) : "",
                                       number(g.score),
                                       number(g.max_score),
                                       number(g.max_score > 0 ? 100 * g.score / g.max_score : 0),
                                       !g.error.empty() ? "error" : g.problems.empty() ? "graded" : "graded with problems"};
    for (const AskedStep& asked : exercise.asked()) {
      std::string cell;
      for (const StepGrade& s : g.steps)
        if (s.step == asked.step) cell = number(s.score);
      fields.push_back(cell);
    }
    std::string message = g.error;
    for (const std::string& problem : g.problems) message += (message.empty() ? "" : " | ") + problem;
    fields.push_back(message);
    row(fields);
  }
  return out;
}

}  // namespace nnwb
