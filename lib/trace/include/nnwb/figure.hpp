#pragma once
/// @file figure.hpp
/// Pictures a chapter draws beside its trace: plots of curves (activation functions, gradients
/// against the pre-activation, loss curves, fits) and computation graphs (each node's forward value,
/// each edge's gradient, as BMB's slides draw them).
///
/// A chapter only describes a figure, with numbers its trace computed; render_svg() draws it with a
/// Debian-packaged tool: gnuplot for plots, Graphviz's dot for graphs. Keeping the description as
/// data lets tests check a figure's content (curves, ranges, labels) without drawing it, and lets
/// the command line (`--figures DIR`) and the documentation draw the same figure.
///
/// Example:
/// @code
/// nnwb::Plot plot;
/// plot.x_label = "a", plot.y_label = "σ(a)";
/// plot.curves.push_back({"σ(a)", xs, ys, nnwb::Curve::Style::lines});
/// trace.figure({"sigmoid", "The sigmoid and its derivative", plot});
/// @endcode
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace nnwb {

/// One curve: the points (x[i], y[i]) joined by lines, or drawn as marks.
struct Curve {
  enum class Style { lines, points };
  std::string title;      ///< the key's label: plain text, Unicode allowed
  std::vector<double> x;  ///< as many as y
  std::vector<double> y;
  Style style = Style::lines;
};

/// A range of an axis, [low, high] with low < high.
using AxisRange = std::pair<double, double>;

/// A 2-D plot of one or more curves.
struct Plot {
  std::string x_label;
  std::string y_label;
  std::vector<Curve> curves;
  std::optional<AxisRange> x_range;  ///< none: fitted to the data
  std::optional<AxisRange> y_range;
};

/// A node of a computation graph: an input, a gate (+, ×, exp, …) or the output.
struct DiagramNode {
  enum class Look { circle, text };
  std::string id;     ///< unique in the graph; edges refer to it
  std::string label;  ///< what the node shows: a name ("x") or a gate ("×"); plain text
  Look look = Look::circle;  ///< gates are circles; the slides write inputs and outputs as bare names
};

/// An edge from one node into another, carrying a value forward and a gradient back.
struct DiagramEdge {
  std::string from;
  std::string to;
  std::optional<double> forward;   ///< the value flowing forward (drawn above the edge)
  std::optional<double> gradient;  ///< ∂(output)/∂(this value) flowing back (drawn below it)
};

/// A computation graph, drawn left to right as the slides draw it.
struct Diagram {
  std::vector<DiagramNode> nodes;
  std::vector<DiagramEdge> edges;
  int decimals = 2;  ///< digits after the point on the edges (integers print as integers)
};

/// A figure: a name (for the file name), a caption, and what it shows.
struct Figure {
  std::string name;     ///< a file-name-safe word: letters, digits, '_' and '-'
  std::string caption;  ///< one sentence, plain text
  std::variant<Plot, Diagram> content;
};

/// What is wrong with a figure's data (curves of unequal length, an edge to no node, a bad name,
/// a non-finite number, an empty range), or an empty list if nothing is.
std::vector<std::string> figure_problems(const Figure& figure);

/// The inputs the drawing tools are given, for a reader who wants to restyle a figure by hand
/// (svg_drawing.hpp, in the host layer, runs the tools on them).
std::string to_gnuplot_script(const Plot& plot, const std::string& caption);
std::string to_dot(const Diagram& graph, const std::string& caption);

namespace detail {
/// A number on a diagram's edge, as to_dot() writes it: `decimals` digits after the point,
/// integers as integers, −0 as 0 (the live pages write their edges with it too).
std::string diagram_number(double x, int decimals);
}  // namespace detail

}  // namespace nnwb
