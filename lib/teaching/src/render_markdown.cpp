// The Markdown form of a trace: LaTeX math between $…$ and $$…$$, for pages and the docs site.
#include <fmt/format.h>

#include "nnwb/detail/number_format.hpp"
#include "nnwb/render.hpp"

namespace nnwb {
namespace {

std::string latex_value(const Value& v, const Rounding& r) { return detail::format_value_latex(v, r); }

// A '|' ends a Markdown table cell, even inside math, and the Markdown reader turns "\|" into "|"
// before MathJax sees it. So in math, the norm \| becomes \Vert and a bar becomes \vert; in prose
// a bar is escaped.
std::string math_cell(const std::string& latex) {
  std::string out;
  for (std::size_t i = 0; i < latex.size(); ++i) {
    if (latex[i] == '\\' && i + 1 < latex.size() && latex[i + 1] == '|') {
      out += "\\Vert ";
      ++i;
    } else if (latex[i] == '|') {
      out += "\\vert ";
    } else {
      out += latex[i];
    }
  }
  return out;
}

// Prose with inline math $…$ in a table cell.
std::string cell(const std::string& text) {
  std::string out;
  bool in_math = false;
  std::string math;
  for (char c : text) {
    if (c == '$') {
      if (in_math) out += "$" + math_cell(math) + "$";
      math.clear();
      in_math = !in_math;
    } else if (in_math) {
      math += c;
    } else {
      out += c == '|' ? std::string("\\|") : std::string(1, c);
    }
  }
  if (in_math) out += "$" + math;  // an unclosed $: leave it as it was
  return out;
}

}  // namespace

std::string render_markdown(const Trace& trace, std::optional<Rounding> rounding_option) {
  const Rounding rounding = rounding_option.value_or(trace.rounding());
  std::string out = fmt::format("# {}: {}\n\n", trace.id(), trace.title());
  if (!trace.summary().empty()) out += trace.summary() + "\n\n";
  for (const Source& source : trace.sources()) {
    out += fmt::format("- **Reproduces** {} (`{}`):", source.lecture, source.seed_file);
    for (std::size_t i = 0; i < source.headings.size(); ++i)
      out += fmt::format("{} “{}”", i ? "," : "", source.headings[i]);
    out += "\n";
  }
  if (!trace.convention().empty()) out += fmt::format("- **Convention** {}\n", trace.convention());
  out += trace.seed() ? fmt::format("- **Variant** drawn from seed {}\n", *trace.seed())
                      : std::string("- **Variant** the lecture's own example\n");
  if (!trace.notation().empty()) {
    out += "\n## Notation\n\n| symbol | meaning |\n|---|---|\n";
    for (const auto& n : trace.notation()) out += fmt::format("| ${}$ | {} |\n", math_cell(n.symbol), cell(n.meaning));
  }
  if (!trace.parameters().empty()) {
    out += "\n## Parameters\n\n| symbol | value | meaning |\n|---|---|---|\n";
    for (const auto& p : trace.parameters())
      out += fmt::format("| ${}$ | ${}$ | {} |\n", math_cell(p.symbol), math_cell(latex_value(p.value, rounding)),
                         cell(p.meaning));
  }
  std::string section;
  for (std::size_t i = 0; i < trace.steps().size(); ++i) {
    const Step& step = trace.steps()[i];
    if (step.section != section || i == 0) {
      section = step.section;
      out += fmt::format("\n## {}\n", section.empty() ? "Steps" : section);
    }
    out += fmt::format("\n**{}. {}** <small>`{}`</small>\n\n", i + 1, step.title, step.id);
    std::string math = step.formula;
    if (!step.numbers.empty())
      math += (math.empty() ? "" : " = ") +
              detail::substitute(step.numbers, trace, step, latex_value, rounding);
    if (kind_of(step.value) == ValueKind::verdict) {
      if (!math.empty()) out += fmt::format("$${}$$\n\n", math);
      const auto& verdict = std::get<Verdict>(step.value);
      out += fmt::format("{} {}\n", verdict.holds ? "**Yes.**" : "**No.**", verdict.text);
    } else {
      out += fmt::format("$${}{}{}$$\n", math, math.empty() ? "" : " = ", latex_value(step.value, rounding));
    }
    if (!step.slide.empty()) out += fmt::format("\nThe slide prints {}.\n", step.slide);
  }
  return out;
}

}  // namespace nnwb
