// Figures drawn as SVG by gnuplot and dot; see svg_drawing.hpp.
#include "nnwb/svg_drawing.hpp"

#include <fmt/format.h>
#include <variant>
#include <vector>

#include "nnwb/detail/run_program.hpp"

namespace nnwb {

std::string render_svg(const Figure& figure) {
  if (const auto problems = figure_problems(figure); !problems.empty())
    throw FigureError(fmt::format("figure '{}': {}", figure.name, problems.front()));
  const bool is_plot = std::holds_alternative<Plot>(figure.content);
  const std::vector<std::string> command =
      is_plot ? std::vector<std::string>{"gnuplot"} : std::vector<std::string>{"dot", "-Tsvg"};
  const std::string input = is_plot ? to_gnuplot_script(std::get<Plot>(figure.content), figure.caption)
                                    : to_dot(std::get<Diagram>(figure.content), figure.caption);
  const detail::ProgramResult result = detail::run_program(command, input);
  if (!result.started)
    throw FigureError(fmt::format("figure '{}': cannot run '{}' ({}); install Debian's {} package", figure.name,
                                  command.front(), result.error, is_plot ? "gnuplot-nox" : "graphviz"));
  if (result.exit_code != 0 || result.output.find("<svg") == std::string::npos)
    throw FigureError(fmt::format("figure '{}': '{}' failed with exit code {}: {}", figure.name, command.front(),
                                  result.exit_code, result.error));
  return result.output;
}

}  // namespace nnwb
