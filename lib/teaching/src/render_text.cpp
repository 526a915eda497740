// The terminal form of a trace: aligned, formulas in Unicode, numbers rounded.
#include <fmt/format.h>

#include "nnwb/detail/number_format.hpp"
#include "nnwb/render.hpp"

namespace nnwb {
namespace {

using detail::format_value_inline;
using detail::latex_to_text;
using detail::prose_to_text;

// A matrix value gets one row a line, columns aligned; anything else stays on one line.
std::vector<std::string> value_lines(const Value& value, const Rounding& rounding) {
  if (kind_of(value) != ValueKind::matrix) return {format_value_inline(value, rounding)};
  const auto& m = std::get<Eigen::MatrixXd>(value);
  std::vector<std::vector<std::string>> cells(m.rows());
  std::size_t width = 0;
  for (Eigen::Index i = 0; i < m.rows(); ++i)
    for (Eigen::Index j = 0; j < m.cols(); ++j) {
      cells[i].push_back(detail::format_number(m(i, j), rounding));
      width = std::max(width, detail::display_width(cells[i].back()));
    }
  std::vector<std::string> lines;
  for (const auto& row : cells) {
    std::string line = "[";
    for (std::size_t j = 0; j < row.size(); ++j) line += fmt::format("{}{:>{}}", j ? "  " : " ", row[j], width);
    lines.push_back(line + " ]");
  }
  return lines;
}

std::string text_value(const Value& v, const Rounding& r) { return format_value_inline(v, r); }

}  // namespace

std::string render_text(const Trace& trace, std::optional<Rounding> rounding_option) {
  const Rounding rounding = rounding_option.value_or(trace.rounding());
  std::string out;
  const std::string heading = fmt::format("{}: {}", trace.id(), trace.title());
  out += heading + "\n" + std::string(std::min<std::size_t>(heading.size(), 100), '=') + "\n";
  if (!trace.summary().empty()) out += prose_to_text(trace.summary()) + "\n";
  out += "\n";
  for (const Source& source : trace.sources()) {
    out += fmt::format("Reproduces  {} ({})\n", source.lecture, source.seed_file);
    for (const auto& heading_text : source.headings) out += fmt::format("              \"{}\"\n", heading_text);
  }
  if (!trace.convention().empty()) out += fmt::format("Convention  {}\n", prose_to_text(trace.convention()));
  out += trace.seed() ? fmt::format("Variant     drawn from seed {}\n", *trace.seed())
                      : std::string("Variant     the lecture's own example\n");
  if (!trace.notation().empty()) {
    std::size_t width = 0;
    for (const auto& n : trace.notation()) width = std::max(width, detail::display_width(latex_to_text(n.symbol)));
    out += "Notation\n";
    for (const auto& n : trace.notation())
      out += fmt::format("  {}  {}\n", detail::pad_right(latex_to_text(n.symbol), width), prose_to_text(n.meaning));
  }
  if (!trace.parameters().empty()) {
    out += "Parameters\n";
    std::size_t width = 0;
    const auto lhs = [&](const Parameter& p) {
      return latex_to_text(p.symbol) + " = " + format_value_inline(p.value, rounding);
    };
    for (const auto& p : trace.parameters()) width = std::max(width, detail::display_width(lhs(p)));
    for (const auto& p : trace.parameters())
      out += fmt::format("  {}  {}\n", detail::pad_right(lhs(p), std::min<std::size_t>(width, 48)),
                         prose_to_text(p.meaning));
  }

  std::string section;
  for (std::size_t i = 0; i < trace.steps().size(); ++i) {
    const Step& step = trace.steps()[i];
    if (step.section != section) {
      section = step.section;
      out += fmt::format("\n-- {} --\n", prose_to_text(section));
    }
    out += fmt::format("\n{:>3}. {}  [{}]\n", i + 1, prose_to_text(step.title), step.id);
    if (!step.formula.empty()) out += fmt::format("     {}\n", latex_to_text(step.formula));
    if (!step.numbers.empty())
      out += fmt::format("     = {}\n",
                         latex_to_text(detail::substitute(step.numbers, trace, step, text_value, rounding)));
    const auto lines = value_lines(step.value, rounding);
    for (std::size_t k = 0; k < lines.size(); ++k) {
      std::string line = fmt::format("     {} {}", k == 0 ? "->" : "  ", lines[k]);
      if (k == 0 && !step.slide.empty()) line += fmt::format("    (slide: {})", step.slide);
      out += line + "\n";
    }
  }
  return out;
}

std::string render(const Trace& trace, Format format, std::optional<Rounding> rounding) {
  switch (format) {
    case Format::text: return render_text(trace, rounding);
    case Format::markdown: return render_markdown(trace, rounding);
    case Format::json: return render_json(trace);
  }
  return {};
}

}  // namespace nnwb
