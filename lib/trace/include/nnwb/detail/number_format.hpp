#pragma once
// Internal: numbers and values as printed text or LaTeX, shared by the renderers.

#include <string>

#include "nnwb/trace.hpp"

namespace nnwb::detail {

/// A number rounded as asked: integers print as integers, −0 as 0, NaN and ∞ by name.
std::string format_number(double x, const Rounding& rounding);
/// The same in LaTeX: 1.2\times10^{-5} instead of 1.2e-05.
std::string format_number_latex(double x, const Rounding& rounding);
/// A value on one line for text: 3, [1, 2], [[1, 2], [3, 4]], "yes: …".
std::string format_value_inline(const Value& value, const Rounding& rounding);
/// A value as LaTeX: a number, a column vector (pmatrix) or a bmatrix; verdicts as \text{…}.
std::string format_value_latex(const Value& value, const Rounding& rounding);
/// Replaces each [[name]] in a template by the value of that name, using `format` for each value;
/// negative scalars are put in parentheses so that "1 × (−4)" reads right.
std::string substitute(const std::string& templ, const Trace& trace, const Step& step,
                       std::string (*format)(const Value&, const Rounding&), const Rounding& rounding);
/// Shortest text that reads back as the same double (for JSON-adjacent text).
std::string format_exact(double x);

/// LaTeX to plain Unicode for a terminal: \frac{a}{b} → a/b, \partial → ∂, \sigma → σ, …
std::string latex_to_text(const std::string& latex);
/// How many columns a UTF-8 string takes on a terminal: code points, less combining accents.
std::size_t display_width(const std::string& text);
/// `text` followed by spaces up to `width` columns.
std::string pad_right(const std::string& text, std::size_t width);
/// Prose with inline math between $…$ (a step title, a meaning) to plain Unicode.
std::string prose_to_text(const std::string& prose);

}  // namespace nnwb::detail
