// The command line shared by every chapter and by the workbook (see chapter.hpp).
#include <CLI/CLI.hpp>
#include <algorithm>
#include <fmt/format.h>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>

#include "nnwb/chapter_cli.hpp"
#include "nnwb/random.hpp"
#include "nnwb/render.hpp"
#include "nnwb/svg_drawing.hpp"

namespace nnwb {
namespace {

// The options every chapter takes; filled in by CLI11.
struct OutputOptions {
  std::optional<std::uint64_t> seed;
  std::optional<std::string> student;
  Format format = Format::text;
  std::optional<int> digits;
  std::optional<int> decimals;
  std::optional<std::string> output;
  std::optional<std::string> figures;
  bool full_size = false;
};

void add_output_options(CLI::App& app, OutputOptions& options) {
  // CLI11 reads "-3" into an unsigned seed by wrapping it around; a seed is digits only.
  const CLI::Validator digits_only(
      [](std::string& text) {
        return !text.empty() && text.find_first_not_of("0123456789") == std::string::npos
                   ? std::string()
                   : "a seed is a whole number ≥ 0, not '" + text + "'";
      },
      "SEED");
  auto* seed = app.add_option("--seed", options.seed,
                              "Draw your own variant from this seed (a whole number ≥ 0) "
                              "instead of the lecture's example")
                   ->check(digits_only);
  app.add_option("--student", options.student,
                 "Draw the variant of this student id (the id is hashed to a seed)")
      ->excludes(seed);
  const std::map<std::string, Format> formats{
      {"text", Format::text}, {"markdown", Format::markdown}, {"json", Format::json}};
  app.add_option("-f,--format", options.format,
                 "Output format: text (a terminal), markdown (Markdown with LaTeX math) or json "
                 "(full precision, see docs/trace-format.md)")
      ->transform(CLI::CheckedTransformer(formats, CLI::ignore_case))
      ->default_str("text");
  auto* digits = app.add_option("--digits", options.digits,
                                "Round printed numbers to N significant digits (1-17)")
                     ->check(CLI::Range(1, 17));
  app.add_option("--decimals", options.decimals,
                 "Round printed numbers to N digits after the point (0-17); by default numbers "
                 "are rounded as the slides round them")
      ->check(CLI::Range(0, 17))
      ->excludes(digits);
  app.add_option("-o,--output", options.output, "Write to FILE instead of standard output");
  app.add_option("--figures", options.figures,
                 "Also draw the chapter's figures as SVG files in DIR (<chapter>.<figure>.svg; needs "
                 "gnuplot and Graphviz's dot); Markdown and text output then link to them");
  app.add_flag("--full-size", options.full_size,
               "Run at the lecture's full size where a chapter shrinks it by default to stay quick "
               "(chapter 18: BMB's 1000-100-10 network on 64 samples for 2000 iterations)");
}

std::optional<Rounding> rounding_of(const OutputOptions& options) {
  if (options.digits) return Rounding{Rounding::Mode::significant, *options.digits};
  if (options.decimals) return Rounding{Rounding::Mode::decimals, *options.decimals};
  return std::nullopt;
}

ChapterOptions chapter_options(const OutputOptions& options) {
  ChapterOptions chapter;
  chapter.seed = options.seed;
  if (options.student) chapter.seed = seed_from_text(*options.student);
  chapter.full_size = options.full_size;
  return chapter;
}

// Parses, and turns CLI11's outcome into an exit code: help → 0, an error → one line and 2.
std::optional<int> parse(CLI::App& app, int argc, const char* const* argv) {
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    std::cout << app.help();
    return exit_ok;
  } catch (const CLI::ParseError& error) {
    std::string message = error.what();
    std::replace(message.begin(), message.end(), '\n', ' ');
    std::cerr << fmt::format("{}: error: {} (see --help)\n", app.get_name(), message);
    return exit_usage;
  }
  return std::nullopt;
}

int write(const std::string& text, const OutputOptions& options, std::string_view program) {
  if (!options.output) {
    std::cout << text;
    std::cout.flush();
    return std::cout ? exit_ok : exit_failure;
  }
  std::ofstream file(*options.output, std::ios::binary);
  file << text;
  if (!file) {
    std::cerr << fmt::format("{}: error: cannot write '{}'\n", program, *options.output);
    return exit_failure;
  }
  return exit_ok;
}

// Draws every figure of the trace into `directory` and returns what the printed trace should add:
// Markdown image links, or a line per file for the text form (JSON stays as documented). A figure
// that cannot be drawn is reported on stderr and sets `failed`; the trace and the other figures are
// still written. Links are relative to `link_base`, the folder of the output file (or the current
// folder), so that a Markdown page written with --output finds its pictures.
std::string write_figures(const Trace& trace, const std::string& directory, Format format,
                          const std::filesystem::path& link_base, bool& failed) {
  if (trace.figures().empty()) return "";
  std::string links = format == Format::markdown ? "\n## Figures\n" : "\nFigures\n";
  for (const Figure& figure : trace.figures()) {
    const std::filesystem::path path =
        std::filesystem::path(directory) / fmt::format("{}.{}.svg", trace.id(), figure.name);
    try {
      const std::string svg = render_svg(figure);
      std::filesystem::create_directories(directory);
      std::ofstream out(path, std::ios::binary);
      out << svg;
      if (!out) throw std::runtime_error(fmt::format("cannot write '{}'", path.string()));
    } catch (const std::exception& error) {
      std::cerr << fmt::format("{}: error: {}\n", trace.id(), error.what());
      failed = true;
      continue;
    }
    const std::string link = std::filesystem::proximate(path, link_base).generic_string();
    if (format == Format::markdown)
      links += fmt::format("\n![{}]({})\n", figure.caption, link);
    else
      links += fmt::format("  {}: {}\n", link, figure.caption);
  }
  return format == Format::json ? "" : links;
}

// The trace in the chosen form, with its figures drawn if asked for.
std::string render_with_figures(const Trace& trace, const OutputOptions& options, bool& failed) {
  std::string text = render(trace, options.format, rounding_of(options));
  if (!options.figures) return text;
  const std::filesystem::path base =
      options.output ? std::filesystem::absolute(*options.output).parent_path() : std::filesystem::current_path();
  return text + write_figures(trace, *options.figures, options.format, base, failed);
  return text;
}

constexpr const char* footer =
    "\nFormats: 'text' for a terminal, 'markdown' for pages (LaTeX math), 'json' for programs\n"
    "(every number at full precision; the format is described in docs/trace-format.md).\n"
    "Exit codes: 0 done, 1 the trace could not be built or written, 2 a wrong option.";

}  // namespace

int run_chapter(const Chapter& chapter, int argc, const char* const* argv) {
  CLI::App app(fmt::format("Chapter {} of nnwb: {}.\nWith no options it reproduces the lecture's own "
                           "example and prints its derivation step by step.",
                           chapter.number, chapter.title),
               std::string(chapter.id));
  app.footer(footer);
  OutputOptions options;
  add_output_options(app, options);
  if (const auto code = parse(app, argc, argv)) return *code;
  try {
    const Trace trace = chapter.build(chapter_options(options));
    bool figure_failed = false;
    const int written = write(render_with_figures(trace, options, figure_failed), options, chapter.id);
    return figure_failed ? exit_failure : written;
  } catch (const std::exception& error) {
    std::cerr << fmt::format("{}: error: {}\n", chapter.id, error.what());
    return exit_failure;
  }
}

int run_workbook(std::span<const Chapter> catalogue, int argc, const char* const* argv) {
  CLI::App app("nnwb: the neural-network workbook. Prints every chapter's derivation in catalogue "
               "order, or only the chapters named.",
               "nnwb");
  app.footer(footer);
  OutputOptions options;
  add_output_options(app, options);
  bool list = false;
  std::vector<std::string> names;
  app.add_flag("-l,--list", list, "List the chapters and exit");
  app.add_option("chapters", names,
                 "Chapters to print, by short name, number or range of numbers such as 7-9 "
                 "(default: all)");
  if (const auto code = parse(app, argc, argv)) return *code;

  if (list) {
    std::size_t width = 0;  // the longest id, so that the titles line up
    for (const Chapter& c : catalogue) width = std::max(width, c.id.size());
    for (const Chapter& c : catalogue) std::cout << fmt::format("{:>3}  {:<{}}  {}\n", c.number, c.id, width, c.title);
    return exit_ok;
  }
  // Chapters named by short name, by catalogue number (a number may name several chapters), or by
  // a range of numbers "7-9" (one part of the catalogue).
  std::vector<const Chapter*> chosen;
  for (const std::string& name : names) {
    int first = 0, last = -1;
    const auto dash = name.find('-');
    if (dash != std::string::npos && dash > 0 && name.find_first_not_of("0123456789-") == std::string::npos &&
        name.find('-', dash + 1) == std::string::npos && dash + 1 < name.size()) {
      first = std::stoi(name.substr(0, dash));
      last = std::stoi(name.substr(dash + 1));
    }
    bool found = false;
    for (const Chapter& c : catalogue)
      if (c.id == name || std::to_string(c.number) == name || (c.number >= first && c.number <= last)) {
        chosen.push_back(&c);
        found = true;
      }
    if (!found) {
      std::cerr << fmt::format("nnwb: error: no chapter '{}' (see nnwb --list)\n", name);
      return exit_usage;
    }
  }
  if (chosen.empty())
    for (const Chapter& c : catalogue) chosen.push_back(&c);

  std::vector<std::string> rendered;
  int status = exit_ok;
  for (const Chapter* chapter : chosen) {
    try {
      bool figure_failed = false;
      std::string one = render_with_figures(chapter->build(chapter_options(options)), options, figure_failed);
      if (figure_failed) status = exit_failure;
      while (!one.empty() && one.back() == '\n') one.pop_back();
      rendered.push_back(std::move(one));
    } catch (const std::exception& error) {  // one broken chapter does not stop the others
      std::cerr << fmt::format("nnwb: error: chapter '{}': {}\n", chapter->id, error.what());
      status = exit_failure;
    }
  }
  // JSON: one array of traces; text and Markdown: the traces one after another.
  const bool json = options.format == Format::json;
  std::string text = json ? "[\n" : "";
  for (std::size_t i = 0; i < rendered.size(); ++i)
    text += rendered[i] + (json ? (i + 1 < rendered.size() ? ",\n" : "\n") : "\n\n\n");
  if (json) text += "]\n";
  const int written = write(text, options, "nnwb");
  return status != exit_ok ? status : written;
}

}  // namespace nnwb
