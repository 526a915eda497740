// A trace's figures as JSON, for a page that draws them itself (the live pages, docs/live/): the
// same data that the host layer hands to gnuplot and dot (figure.hpp), with each diagram's dot input
// beside it so that the site's build can lay the graph out with Graphviz once.
#include "nnwb/render.hpp"

namespace nnwb {
namespace {

nlohmann::ordered_json range_json(const std::optional<AxisRange>& range) {
  if (!range) return nullptr;
  return nlohmann::ordered_json::array({range->first, range->second});
}

nlohmann::ordered_json plot_json(const Plot& plot) {
  nlohmann::ordered_json json{{"kind", "plot"},
                              {"x_label", plot.x_label},
                              {"y_label", plot.y_label},
                              {"x_range", range_json(plot.x_range)},
                              {"y_range", range_json(plot.y_range)},
                              {"curves", nlohmann::ordered_json::array()}};
  for (const Curve& curve : plot.curves)
    json["curves"].push_back({{"title", curve.title},
                              {"style", curve.style == Curve::Style::points ? "points" : "lines"},
                              {"x", curve.x},
                              {"y", curve.y}});
  return json;
}

nlohmann::ordered_json diagram_json(const Diagram& diagram, const std::string& caption) {
  nlohmann::ordered_json json{{"kind", "diagram"}, {"nodes", nlohmann::ordered_json::array()},
                              {"edges", nlohmann::ordered_json::array()}};
  for (const DiagramNode& node : diagram.nodes)
    json["nodes"].push_back({{"id", node.id}, {"label", node.label},
                             {"look", node.look == DiagramNode::Look::text ? "text" : "circle"}});
  const auto number = [&](const std::optional<double>& x) -> nlohmann::ordered_json {
    return x ? nlohmann::ordered_json(detail::diagram_number(*x, diagram.decimals)) : nullptr;
  };
  for (const DiagramEdge& edge : diagram.edges)
    json["edges"].push_back(
        {{"from", edge.from}, {"to", edge.to}, {"forward", number(edge.forward)}, {"gradient", number(edge.gradient)}});
  json["dot"] = to_dot(diagram, caption);
  return json;
}

}  // namespace

nlohmann::ordered_json figures_to_json(const Trace& trace) {
  nlohmann::ordered_json figures = nlohmann::ordered_json::array();
  for (const Figure& figure : trace.figures()) {
    nlohmann::ordered_json json{{"name", figure.name}, {"caption", figure.caption}};
    json.update(std::holds_alternative<Plot>(figure.content) ? plot_json(std::get<Plot>(figure.content))
                                                             : diagram_json(std::get<Diagram>(figure.content), figure.caption));
    figures.push_back(std::move(json));
  }
  return figures;
}

}  // namespace nnwb
