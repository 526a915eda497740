// Figures (figure.hpp): checking a figure's data, and writing the scripts that gnuplot and dot draw
// it from (svg_drawing.cpp, in the host layer, runs them).
//
// Why external programs: gnuplot and Graphviz are the Debian-packaged tools for curves and graphs,
// and both write clean SVG whose content (curve titles, node labels) tests can read back. Neither
// has a C++ plotting API in Debian 12 (Graphviz's libgvc is C with plugin loading that the sanitizer
// build would have to suppress), so the figure is sent to the program on its standard input.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "nnwb/detail/number_format.hpp"
#include "nnwb/figure.hpp"
#include "nnwb/detail/safe_text.hpp"

namespace nnwb {
namespace {

bool is_file_name_safe(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-')) return false;
  return true;
}

void check_range(const std::optional<AxisRange>& range, std::string_view axis, std::vector<std::string>& problems) {
  if (!range) return;
  if (!std::isfinite(range->first) || !std::isfinite(range->second) || !(range->first < range->second))
    problems.push_back(fmt::format("the {} range [{}, {}] is not a finite interval with low < high", axis,
                                   range->first, range->second));
}

void plot_problems(const Plot& plot, std::vector<std::string>& problems) {
  if (plot.curves.empty()) problems.emplace_back("the plot has no curves");
  for (std::size_t i = 0; i < plot.curves.size(); ++i) {
    const Curve& curve = plot.curves[i];
    const std::string which = fmt::format("curve {} ('{}')", i + 1, curve.title);
    if (curve.x.size() != curve.y.size())
      problems.push_back(fmt::format("{} has {} x values but {} y values", which, curve.x.size(), curve.y.size()));
    if (curve.x.empty()) problems.push_back(which + " has no points");
    for (std::size_t k = 0; k < std::min(curve.x.size(), curve.y.size()); ++k)
      if (!std::isfinite(curve.x[k]) || !std::isfinite(curve.y[k])) {
        problems.push_back(fmt::format("{}: point {} is not finite ({}, {})", which, k + 1, curve.x[k], curve.y[k]));
        break;
      }
  }
  check_range(plot.x_range, "x", problems);
  check_range(plot.y_range, "y", problems);
}

void diagram_problems(const Diagram& graph, std::vector<std::string>& problems) {
  if (graph.nodes.empty()) problems.emplace_back("the graph has no nodes");
  std::set<std::string, std::less<>> ids;
  for (const DiagramNode& node : graph.nodes) {
    if (!is_file_name_safe(node.id)) problems.push_back(fmt::format("node id '{}' is not a plain word", node.id));
    if (!ids.insert(node.id).second) problems.push_back(fmt::format("two nodes have the id '{}'", node.id));
  }
  for (const DiagramEdge& edge : graph.edges) {
    for (const std::string* end : {&edge.from, &edge.to})
      if (!ids.contains(*end))
        problems.push_back(fmt::format("the edge {} → {} names no node '{}'", edge.from, edge.to, *end));
    for (const auto& number : {edge.forward, edge.gradient})
      if (number && !std::isfinite(*number))
        problems.push_back(fmt::format("the edge {} → {} carries a non-finite number", edge.from, edge.to));
  }
  if (graph.decimals < 0 || graph.decimals > 17)
    problems.push_back(fmt::format("decimals is {}, not 0–17", graph.decimals));
}

// Text inside a gnuplot double-quoted string: backslash and quote escaped; '@', '^', '_', '{' and
// '}' are markup in gnuplot's enhanced text mode, which we leave off so that labels print as given.
std::string gnuplot_quoted(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '\n') {  // a line break, which gnuplot reads as \n in a double-quoted string
      out += "\\n";
      continue;
    }
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + '"';
}

// A caption broken into lines of at most `width` characters (UTF-8 code points) at spaces, so that
// a long one is not cut off at the picture's edges.
std::string wrapped(std::string_view text, std::size_t width) {
  std::string out, line;
  const auto length = [](std::string_view s) {  // code points: bytes that do not continue one
    return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
  };
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view word = text.substr(start, end - start);
    if (!line.empty() && length(line) + 1 + length(word) > width) {
      out += line + '\n';
      line.clear();
    }
    line += (line.empty() ? "" : " ") + std::string(word);
    start = end + 1;
  }
  return out + line;
}

// Text inside a DOT double-quoted string or an HTML-like label.
std::string dot_quoted(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + '"';
}

}  // namespace

// −0 prints as 0; numbers as the trace's text form prints them, with a true minus sign.
std::string detail::diagram_number(double x, int decimals) {
  return format_number(x + 0.0, Rounding{Rounding::Mode::decimals, decimals});
}

std::vector<std::string> figure_problems(const Figure& figure) {
  std::vector<std::string> problems;
  if (!is_file_name_safe(figure.name))
    problems.push_back(fmt::format("the figure name '{}' is not a file-name-safe word", figure.name));
  std::visit(
      [&](const auto& content) {
        if constexpr (std::is_same_v<std::decay_t<decltype(content)>, Plot>)
          plot_problems(content, problems);
        else
          diagram_problems(content, problems);
      },
      figure.content);
  return problems;
}

std::string to_gnuplot_script(const Plot& plot, const std::string& caption) {
  // SVG to standard output; one inline data block per curve ("-" … "e"), in the key's order.
  // The key goes below the plot, so the picture grows by a line for every two curves.
  const std::size_t height = 450 + 20 * ((plot.curves.size() + 1) / 2);
  std::string script = fmt::format(
      "set terminal svg size 720,{} noenhanced font \"sans,12\" background rgb \"white\"\n", height);
  script += "set output\n";
  script += "set encoding utf8\n";
  script += fmt::format("set title {}\n", gnuplot_quoted(wrapped(caption, 90)));
  script += fmt::format("set xlabel {}\nset ylabel {}\n", gnuplot_quoted(plot.x_label), gnuplot_quoted(plot.y_label));
  script += "set grid\nset key below\nset format y \"%g\"\nset format x \"%g\"\n";
  if (plot.x_range) script += fmt::format("set xrange [{:.17g}:{:.17g}]\n", plot.x_range->first, plot.x_range->second);
  if (plot.y_range) script += fmt::format("set yrange [{:.17g}:{:.17g}]\n", plot.y_range->first, plot.y_range->second);
  script += "plot ";
  for (std::size_t i = 0; i < plot.curves.size(); ++i) {
    const Curve& curve = plot.curves[i];
    script += fmt::format("{}\"-\" using 1:2 with {} linewidth 2 title {}", i ? ", " : "",
                          curve.style == Curve::Style::lines ? "lines" : "points pointtype 7 pointsize 0.6",
                          gnuplot_quoted(curve.title));
  }
  script += "\n";
  for (const Curve& curve : plot.curves) {
    for (std::size_t k = 0; k < curve.x.size(); ++k) script += fmt::format("{:.17g} {:.17g}\n", curve.x[k], curve.y[k]);
    script += "e\n";
  }
  return script;
}

std::string to_dot(const Diagram& graph, const std::string& caption) {
  // The slides' look: left to right, forward values above an edge (green), gradients below (red).
  std::string dot = "digraph computation {\n";
  dot += fmt::format("  graph [rankdir=LR, label={}, labelloc=b, fontname=\"sans\", nodesep=0.5, ranksep=1.0];\n",
                     dot_quoted(caption));
  dot += "  node [shape=circle, fontname=\"sans\", width=0.6, fixedsize=false];\n";
  dot += "  edge [fontname=\"sans\", fontsize=12];\n";
  for (const DiagramNode& node : graph.nodes)
    dot += fmt::format("  {} [label={}{}];\n", node.id, dot_quoted(node.label),
                       node.look == DiagramNode::Look::text ? ", shape=plaintext" : "");
  for (const DiagramEdge& edge : graph.edges) {
    std::string label;
    if (edge.forward)
      label += fmt::format("<font color=\"darkgreen\">{}</font>",
                           detail::markup_escaped(detail::diagram_number(*edge.forward, graph.decimals)));
    if (edge.forward && edge.gradient) label += "<br/>";
    if (edge.gradient)
      label += fmt::format("<font color=\"red\">{}</font>",
                           detail::markup_escaped(detail::diagram_number(*edge.gradient, graph.decimals)));
    dot += fmt::format("  {} -> {}{};\n", edge.from, edge.to, label.empty() ? "" : " [label=<" + label + ">]");
  }
  return dot + "}\n";
}

}  // namespace nnwb
