#pragma once
/// @file svg_drawing.hpp
/// A trace's figures drawn as SVG by the drawing tools (the host layer): gnuplot for plots, Graphviz's
/// dot for diagrams, run as child processes on the scripts that figure.hpp writes.

#include <stdexcept>
#include <string>

#include "nnwb/figure.hpp"

namespace nnwb {

/// A figure that cannot be drawn: a drawing tool missing or failing, or inconsistent data.
class FigureError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The figure as SVG text, drawn by gnuplot (plots) or dot (graphs). Throws FigureError if the
/// data has problems, or if the tool is not installed or fails (its message is included).
std::string render_svg(const Figure& figure);

}  // namespace nnwb
