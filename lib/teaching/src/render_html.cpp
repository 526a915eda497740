// The HTML form of a trace: the derivation as a live page shows it (docs/live/; issue 12), with the
// same words and numbers as the Markdown form (render_markdown.cpp), math left to MathJax between
// \(…\) and \[…\]. The page fills in the chapter's title, the variant box and the pictures around it.
#include <fmt/format.h>

#include "nnwb/detail/number_format.hpp"
#include "nnwb/detail/safe_text.hpp"
#include "nnwb/render.hpp"

namespace nnwb {
namespace {

// Text as HTML: & < > " escaped. Math is escaped the same way: MathJax reads the text the browser
// decoded, so "a < b" in a formula reaches it as written.
std::string escaped(std::string_view text) { return detail::markup_escaped(text); }

// Prose with inline math $…$, as the trace writes it, with the math between \( and \): MathJax is
// told only those delimiters, so that a dollar sign in prose stays a dollar sign.
std::string prose(std::string_view text) {
  std::string out;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t open = text.find('$', start);
    const std::size_t close = open == std::string_view::npos ? open : text.find('$', open + 1);
    if (close == std::string_view::npos) break;  // no math left, or an unclosed $: as it was
    out += escaped(text.substr(start, open - start));
    out += "\\(" + escaped(text.substr(open + 1, close - open - 1)) + "\\)";
    start = close + 1;
  }
  return out + escaped(text.substr(std::min(start, text.size())));
}

std::string inline_math(const std::string& latex) { return "\\(" + escaped(latex) + "\\)"; }
std::string display_math(const std::string& latex) { return "\\[" + escaped(latex) + "\\]"; }

std::string sources_and_conventions(const Trace& trace) {
  std::string out = "<ul class=\"nnwb-about\">\n";
  for (const Source& source : trace.sources()) {
    out += fmt::format("<li><b>Reproduces</b> {} (<code>{}</code>):", escaped(source.lecture), escaped(source.seed_file));
    for (std::size_t i = 0; i < source.headings.size(); ++i)
      out += fmt::format("{} “{}”", i ? "," : "", escaped(source.headings[i]));
    out += "</li>\n";
  }
  if (!trace.convention().empty()) out += fmt::format("<li><b>Convention</b> {}</li>\n", prose(trace.convention()));
  out += trace.seed() ? fmt::format("<li><b>Variant</b> drawn from seed {}</li>\n", *trace.seed())
                      : std::string("<li><b>Variant</b> the lecture's own example</li>\n");
  return out + "</ul>\n";
}

std::string notation_table(const Trace& trace) {
  if (trace.notation().empty()) return {};
  std::string out = "<h2>Notation</h2>\n<table class=\"nnwb-notation\">\n<tr><th>symbol</th><th>meaning</th></tr>\n";
  for (const auto& n : trace.notation())
    out += fmt::format("<tr><td>{}</td><td>{}</td></tr>\n", inline_math(n.symbol), prose(n.meaning));
  return out + "</table>\n";
}

std::string parameter_table(const Trace& trace, const Rounding& rounding) {
  if (trace.parameters().empty()) return {};
  std::string out = "<h2>Parameters</h2>\n<table class=\"nnwb-parameters\">\n"
                    "<tr><th>symbol</th><th>value</th><th>meaning</th></tr>\n";
  for (const auto& p : trace.parameters())
    out += fmt::format("<tr id=\"parameter-{}\"><td>{}</td><td>{}</td><td>{}</td></tr>\n", escaped(p.name),
                       inline_math(p.symbol), inline_math(detail::format_value_latex(p.value, rounding)), prose(p.meaning));
  return out + "</table>\n";
}

// One step, as the Markdown form writes it: "formula = numbers = value", then the slide's number.
std::string step_html(const Trace& trace, const Step& step, std::size_t number, const Rounding& rounding) {
  std::string out = fmt::format("<div class=\"nnwb-step\" id=\"step-{}\">\n<p><b>{}. {}</b> <small><code>{}</code></small></p>\n",
                                escaped(step.id), number, prose(step.title), escaped(step.id));
  std::string math = step.formula;
  if (!step.numbers.empty())
    math += (math.empty() ? "" : " = ") + detail::substitute(step.numbers, trace, step, detail::format_value_latex, rounding);
  if (kind_of(step.value) == ValueKind::verdict) {
    if (!math.empty()) out += display_math(math) + "\n";
    const auto& verdict = std::get<Verdict>(step.value);
    out += fmt::format("<p class=\"nnwb-verdict-{}\"><b>{}</b> {}</p>\n", verdict.holds ? "yes" : "no",
                       verdict.holds ? "Yes." : "No.", prose(verdict.text));
  } else {
    out += display_math(math + (math.empty() ? "" : " = ") + detail::format_value_latex(step.value, rounding)) + "\n";
  }
  if (!step.slide.empty()) out += fmt::format("<p class=\"nnwb-slide\">The slide prints {}.</p>\n", escaped(step.slide));
  return out + "</div>\n";
}

}  // namespace

std::string render_html(const Trace& trace, std::optional<Rounding> rounding_option) {
  const Rounding rounding = rounding_option.value_or(trace.rounding());
  std::string out;
  if (!trace.summary().empty()) out += "<p class=\"nnwb-summary\">" + prose(trace.summary()) + "</p>\n";
  out += sources_and_conventions(trace) + notation_table(trace) + parameter_table(trace, rounding);
  std::string section;
  for (std::size_t i = 0; i < trace.steps().size(); ++i) {
    const Step& step = trace.steps()[i];
    if (step.section != section || i == 0) {
      section = step.section;
      out += fmt::format("<h2>{}</h2>\n", section.empty() ? std::string("Steps") : prose(section));
    }
    out += step_html(trace, step, i + 1, rounding);
  }
  return out;
}

}  // namespace nnwb
