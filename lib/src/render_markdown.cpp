// The Markdown form of a trace: LaTeX math between $…$ and $$…$$, for pages and the docs site.
#include <fmt/format.h>

#include "nnwb/detail/number_format.hpp"
#include "nnwb/render.hpp"

namespace nnwb {
namespace {

std::string latex_value(const Value& v, const Rounding& r) { return detail::format_value_latex(v, r); }

// Table cells must not contain a bare '|'.
std::string cell(std::string text) {
  std::string out;
  for (char c : text) out += c == '|' ? std::string("\\|") : std::string(1, c);
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
    for (const auto& n : trace.notation()) out += fmt::format("| ${}$ | {} |\n", cell(n.symbol), cell(n.meaning));
  }
  if (!trace.parameters().empty()) {
    out += "\n## Parameters\n\n| symbol | value | meaning |\n|---|---|---|\n";
    for (const auto& p : trace.parameters())
      out += fmt::format("| ${}$ | ${}$ | {} |\n", cell(p.symbol), cell(latex_value(p.value, rounding)),
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
