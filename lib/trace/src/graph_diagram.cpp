// A computation graph as a diagram (graph_diagram.hpp).
#include "nnwb/graph_diagram.hpp"

#include <fmt/format.h>

namespace nnwb {
namespace {

std::string node_id(NodeId id) { return fmt::format("n{}", id); }

}  // namespace

Diagram diagram_of(const Graph& graph, NodeId output, int decimals) {
  Diagram diagram;
  diagram.decimals = decimals;
  for (NodeId id = 0; id <= output; ++id) {
    const GraphNode& node = graph.node(id);
    if (node.gate == Gate::input)
      diagram.nodes.push_back({node_id(id), node.label, DiagramNode::Look::text});
    else
      diagram.nodes.push_back({node_id(id), gate_symbol(node.gate, node.constant), DiagramNode::Look::circle});
  }
  // One wire per operand use: forward the operand's value, back the share upstream × local.
  for (const BackwardStep& step : graph.backward_steps())
    if (step.node <= output)
      diagram.edges.push_back({node_id(step.operand), node_id(step.node), graph.value(step.operand), step.result});
  // The output's own wire: its value, and ∂f/∂f = 1.
  diagram.nodes.push_back({"output", graph.node(output).label, DiagramNode::Look::text});
  diagram.edges.push_back({node_id(output), "output", graph.value(output), 1.0});
  return diagram;
}

}  // namespace nnwb
