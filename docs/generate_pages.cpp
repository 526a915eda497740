// nnwb-docs-pages: writes what the documentation site needs from the chapters, when the site is
// built, so that page, code and output cannot disagree:
//
//   <out>/pages/chapter_<id>.dox  one Doxygen page per chapter (Markdown in a comment block), in catalogue order: the slides it
//                                 reproduces, the derivation (the chapter's own Markdown trace,
//                                 its math turned into Doxygen's \f$…\f$ and \f[…\f]), the code
//                                 that computes it (\snippet of the //! [name] blocks of
//                                 chapters/<id>.cpp), the trace it prints (\verbinclude) and its
//                                 pictures (\image);
//   <out>/pages/chapters.dox      the map of chapters; exercises.dox, the exercises; instructors.dox
//                                 and trace_format.dox, docs/grading.md and docs/trace-format.md
//                                 (and the code exercises' two pages);
//   <out>/pages/index.dox         docs/mainpage.md with the map put in;
//   <out>/traces/<id>.txt         the chapter's text trace, as `build/bin/<id>` prints it;
//   <out>/images/<id>.<name>.svg  its figures, drawn by gnuplot and Graphviz.
//
//   nnwb-docs-pages <source dir> <out dir>
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

#include "chapters.hpp"
#include "exercises.hpp"
#include "nnwb/figure.hpp"
#include "nnwb/render.hpp"
#include "nnwb/svg_drawing.hpp"

namespace fs = std::filesystem;
using namespace nnwb;

namespace {

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(fmt::format("cannot read '{}'", path.string()));
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

void spit(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (!out) throw std::runtime_error(fmt::format("cannot write '{}'", path.string()));
}

// A Doxygen page file: Markdown inside one comment block (a .md file would also be listed as a
// source file). "*/" would end the block early, so it may not occur in the page.
void write_page(const fs::path& path, const std::string& markdown) {
  if (markdown.find("*/") != std::string::npos) throw std::runtime_error(fmt::format("'{}' would hold \"*/\"", path.string()));
  spit(path, "/**\n" + markdown + "\n*/\n");
}

// Markdown with $…$ and $$…$$ math to Doxygen's Markdown: math between \f$…\f$ and \f[…\f], and
// outside math the characters Doxygen would read as commands or HTML escaped.
std::string to_doxygen_markdown(const std::string& markdown) {
  std::string out;
  bool in_code = false;  // inside `…`: Doxygen leaves it alone
  bool bold = false;
  for (std::size_t i = 0; i < markdown.size(); ++i) {
    const char c = markdown[i];
    if (c == '`') {
      in_code = !in_code;
      out += c;
    } else if (!in_code && c == '$') {
      const bool display = i + 1 < markdown.size() && markdown[i + 1] == '$';
      if (display) {  // "| $$ |", a table cell holding an empty inline formula
        const auto next = markdown.find_first_not_of(' ', i + 2);
        const auto before = markdown.find_last_not_of(' ', i == 0 ? 0 : i - 1);
        if (i > 0 && before != std::string::npos && markdown[before] == '|' && next != std::string::npos &&
            markdown[next] == '|') {
          ++i;
          continue;
        }
      }
      const std::string close = display ? "$$" : "$";
      const std::size_t start = i + close.size();
      const std::size_t end = markdown.find(close, start);
      if (end == std::string::npos) {  // a lone $: a dollar sign
        out += "\\$";
        continue;
      }
      // A '|' in a formula would start a Markdown table for Doxygen: \vert and \Vert read the same.
      std::string math;
      for (std::size_t k = start; k < end; ++k) {
        if (markdown[k] == '\\' && k + 1 < end && markdown[k + 1] == '|') {
          math += "\\Vert ";
          ++k;
        } else {
          math += markdown[k] == '|' ? std::string("\\vert ") : std::string(1, markdown[k]);
        }
      }
      out += display ? "\\f[" + math + "\\f]" : "\\f$" + math + "\\f$";
      i = end + close.size() - 1;
    } else if (!in_code && c == '*' && i + 1 < markdown.size() && markdown[i + 1] == '*') {
      // **bold** as HTML: Doxygen's Markdown loses a bold that ends in a formula, and a line
      // starting "**1. …" must not become a numbered list.
      out += bold ? "</b>" : "<b>";
      bold = !bold;
      ++i;
    } else if (!in_code && markdown.compare(i, 7, "<small>") == 0) {  // the one tag the trace writes
      out += "<small>";
      i += 6;
    } else if (!in_code && markdown.compare(i, 8, "</small>") == 0) {
      out += "</small>";
      i += 7;
    } else if (!in_code && (c == '\\' || c == '@' || c == '<' || c == '>' || c == '&' || c == '#' || c == '%')) {
      // # starts a heading only at the start of a line; elsewhere Doxygen may take it for a link.
      if (c == '#' && (out.empty() || out.back() == '\n' || out.back() == '#')) out += c;
      else if (c == '<') out += "&lt;";
      else if (c == '>') out += "&gt;";
      else if (c == '&') out += "&amp;";
      else out += std::string("\\") + c;
    } else {
      out += c;
    }
  }
  return out;
}

// The //! [name] blocks of a chapter's source, in order.
std::vector<std::string> snippet_names(const fs::path& source) {
  std::vector<std::string> names;
  std::set<std::string> seen;
  std::istringstream lines(slurp(source));
  for (std::string line; std::getline(lines, line);) {
    // A marker line: spaces, "//! [", a name, "]".
    const auto start = line.find_first_not_of(" \t");
    if (start == std::string::npos || line.compare(start, 5, "//! [") != 0) continue;
    const auto end = line.find(']', start + 5);
    if (end == std::string::npos || line.find_first_not_of(" \t\r", end + 1) != std::string::npos) continue;
    const std::string name = line.substr(start + 5, end - start - 5);
    if (seen.insert(name).second) names.push_back(name);
  }
  return names;
}

std::string heading_of(std::string name) {
  std::replace(name.begin(), name.end(), '_', ' ');
  if (!name.empty()) name[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(name[0])));
  return name;
}

// Whether the site has the live pages (docs/live/, copied into html/live by docs/CMakeLists.txt).
bool with_live_pages = false;

std::string chapter_page(const Chapter& chapter, const Trace& trace, const fs::path& source_dir, const fs::path& out) {
  const std::string id(chapter.id);
  std::string page = fmt::format("@page chapter_{} Chapter {}: {}\n\n", id, chapter.number, to_doxygen_markdown(std::string(chapter.title)));
  page += fmt::format("<!-- Written by nnwb-docs-pages from chapters/{}.cpp when the site is built. -->\n\n", id);
  page += fmt::format("Run it: `build/bin/{}` (the lecture's numbers), `build/bin/{} --seed 7` (a variant), "
                      "`build/bin/{} --format markdown`.\n\n",
                      id, id, id);
  if (with_live_pages)
    page += fmt::format("<b>Live:</b> <a href=\"live/chapter_{}.html\">this chapter with your own numbers</a>, "
                        "computed in your browser for your student id or a seed.\n\n", id);
  page += "## The slides it reproduces\n\n";
  for (const Source& s : trace.sources()) {
    page += fmt::format("- **{}** (`{}`):", s.lecture, s.seed_file);
    for (std::size_t i = 0; i < s.headings.size(); ++i) page += fmt::format("{} “{}”", i ? "," : "", to_doxygen_markdown(s.headings[i]));
    page += "\n";
  }
  // The derivation: the chapter's Markdown trace without its title line (the page has it).
  std::string derivation = render_markdown(trace);
  derivation = derivation.substr(derivation.find('\n') + 1);
  // Its headings go one level down, under "The derivation".
  std::string shifted;
  std::istringstream lines(derivation);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("- **Reproduces**", 0) == 0) continue;  // the page has its own section for the slides
    shifted += (line.rfind("#", 0) == 0 ? "#" + line : line) + "\n";
  }
  page += "\n## The derivation\n\n" + to_doxygen_markdown(shifted) + "\n";

  const auto names = snippet_names(source_dir / "chapters" / (id + ".cpp"));
  if (!names.empty()) {
    page += fmt::format("## The code\n\nFrom `chapters/{}.cpp`; each block computes the steps of the derivation "
                        "above that share its name.\n\n",
                        id);
    for (const std::string& name : names)
      page += fmt::format("### {}\n\n\\snippet chapters/{}.cpp {}\n\n", heading_of(name), id, name);
  }
  spit(out / "traces" / (id + ".txt"), render_text(trace));
  page += fmt::format("## The trace it prints\n\nWhat `build/bin/{}` prints, made when this site was built:\n\n\\verbinclude {}.txt\n\n", id, id);
  if (!trace.figures().empty()) {
    page += "## Pictures\n\n";
    for (const Figure& figure : trace.figures()) {
      const std::string file = fmt::format("{}.{}.svg", id, figure.name);
      spit(out / "images" / file, render_svg(figure));
      page += fmt::format("\\image html {} \"{}\"\n\n", file, to_doxygen_markdown(figure.caption));
    }
  }
  return page;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3 || argc > 4 || (argc == 4 && std::string_view(argv[3]) != "--live")) {
    std::cerr << "usage: nnwb-docs-pages <source dir> <out dir> [--live]\n";
    return 2;
  }
  with_live_pages = argc == 4;
  const fs::path source_dir = argv[1], out = argv[2];
  try {
    std::string map = "| # | chapter | what it derives | lectures |\n|---|---|---|---|\n";
    for (const Chapter& chapter : chapters::catalogue()) {
      const Trace trace = chapter.build({});
      write_page(out / "pages" / fmt::format("chapter_{}.dox", chapter.id), chapter_page(chapter, trace, source_dir, out));
      std::string lectures;
      for (const Source& s : trace.sources()) lectures += (lectures.empty() ? "" : ", ") + s.lecture;
      map += fmt::format("| {} | \\ref chapter_{} \"{}\" | {} | {} |\n", chapter.number, chapter.id, chapter.id,
                         to_doxygen_markdown(std::string(chapter.title)), lectures);
    }
    write_page(out / "pages" / "chapters.dox", "@page chapters The chapters\n\nEvery derivation of the lectures, in "
                                        "lecture order. Each page shows the slides, the derivation, the code "
                                        "that computes it, the trace it prints and its pictures.\n\n" + map);
    std::string list = "@page exercises_list The exercises\n\nEach exercise asks steps of a chapter; "
                       "`build/bin/nnwb-exercise list` prints the same list. See \\ref instructors for how to "
                       "hand them out and grade them.\n\n| exercise | chapter | asked steps | points |\n|---|---|---|---|\n";
    for (const Exercise& e : exercises::all()) {
      const Trace trace = e.build(std::nullopt);
      std::string steps;
      for (const AskedStep& a : e.asked()) steps += (steps.empty() ? "" : ", ") + ("`" + a.step + "`");
      list += fmt::format("| `{}`: {}{} | \\ref chapter_{} \"{}\" | {} | {} |\n", e.id(), to_doxygen_markdown(e.title()),
                          with_live_pages ? fmt::format(" (<a href=\"live/exercise_{}.html\">practise it</a>)", e.id()) : "",
                          e.chapter(), e.chapter(), steps, e.max_score());
    }
    write_page(out / "pages" / "exercises.dox", list);
    // The hand-written pages of docs/, as Doxygen pages: their first heading becomes the title.
    const struct { const char* file; const char* label; const char* title; } written[] = {
        {"grading.md", "instructors", "For instructors: exercises, variants, answer traces and grading"},
        {"trace-format.md", "trace_format", "The JSON trace format"},
        {"code-exercises.md", "code_exercises", "For students: code exercises, written, checked and handed in"},
        {"code-exercises-instructors.md", "code_exercises_instructors",
         "For instructors: code exercises in a batch, on Gradescope, in the sandbox"}};
    for (const auto& w : written) {
      std::string text = slurp(source_dir / "docs" / w.file);
      text = to_doxygen_markdown(text.substr(text.find('\n') + 1));
      for (const auto& [from, to] : {std::pair<std::string, std::string>{"](trace-format.md)", "](@ref trace_format)"},
                                     {"](grading.md)", "](@ref instructors)"},
                                     {"](code-exercises.md)", "](@ref code_exercises)"},
                                     {"](code-exercises-instructors.md)", "](@ref code_exercises_instructors)"}})
        for (auto at = text.find(from); at != std::string::npos; at = text.find(from)) text.replace(at, from.size(), to);
      write_page(out / "pages" / fmt::format("{}.dox", w.label),
           fmt::format("@page {} {}\n\n{}", w.label, w.title, text));
    }
    std::string mainpage = slurp(source_dir / "docs" / "mainpage.md");
    const std::string slot = "<!-- the map of chapters -->";
    if (const auto at = mainpage.find(slot); at != std::string::npos) mainpage.replace(at, slot.size(), map);
    write_page(out / "pages" / "index.dox", mainpage);
  } catch (const std::exception& error) {
    std::cerr << "nnwb-docs-pages: error: " << error.what() << "\n";
    return 1;
  }
  return 0;
}
