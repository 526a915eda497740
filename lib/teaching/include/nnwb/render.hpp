#pragma once
/// @file render.hpp
/// The three printed forms of a trace: text for a terminal, Markdown with LaTeX math, and JSON.
/// The JSON form keeps full precision and is documented in docs/trace-format.md; its version is
/// `trace_format_version`.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "nnwb/trace.hpp"

namespace nnwb {

enum class Format { text, markdown, json };

/// The version written into every JSON trace as "format_version". Bump it when the format changes
/// in a way a reader must know about.
inline constexpr int trace_format_version = 1;

/// Text for a terminal: aligned, formulas in Unicode, numbers rounded by `rounding` (the trace's
/// own rounding if none is given).
std::string render_text(const Trace& trace, std::optional<Rounding> rounding = std::nullopt);
/// Markdown with LaTeX math ($…$ and $$…$$), numbers rounded as for text.
std::string render_markdown(const Trace& trace, std::optional<Rounding> rounding = std::nullopt);
/// JSON with every number at full precision, its keys in the documented order.
nlohmann::ordered_json to_json(const Trace& trace);
std::string render_json(const Trace& trace);
/// An HTML fragment for a page: the summary, sources, notation, parameters and every step, with the
/// words and rounding of the Markdown form and its math between \(…\) and \[…\] for MathJax. The
/// live pages (docs/live/) show it; text from the trace is escaped.
std::string render_html(const Trace& trace, std::optional<Rounding> rounding = std::nullopt);
/// The trace's figures as data a page draws: plots with their curves, diagrams with their nodes,
/// their edges' numbers as the drawn figure writes them, and the dot input (figure.hpp):
/// [{"name", "caption", "kind": "plot", "x_label", "y_label", "x_range", "y_range", "curves"}, …].
nlohmann::ordered_json figures_to_json(const Trace& trace);
/// One of the three.
std::string render(const Trace& trace, Format format, std::optional<Rounding> rounding = std::nullopt);

/// A value in the JSON form: {"kind": "scalar", "value": 3}, … (see docs/trace-format.md).
nlohmann::ordered_json value_to_json(const Value& value);
/// Reads a value back; throws std::invalid_argument naming what is wrong.
Value value_from_json(const nlohmann::json& json);

}  // namespace nnwb
