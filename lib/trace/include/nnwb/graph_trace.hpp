#pragma once
/// @file graph_trace.hpp
/// Writes a computation graph into a trace as the slides show it (BMB "Backpropagation: Simple
/// Example", "Another Example"): one step per gate on the forward pass, then, on the backward pass,
/// each gate's local gradient and each product "[upstream gradient] × [local gradient]", with a
/// sum wherever a value fed several gates ("copy adds").
///
/// Step ids (with the prefix given):
/// @verbatim
///   forward.<node>          the gate's output
///   grad.<output>           ∂f/∂f = 1
///   local.<node>.<input>    ∂node/∂input
///   grad.<input>            ∂f/∂input = ∂f/∂node · ∂node/∂input (a single path), or
///   grad.<input>.via.<node> one path's product, and grad.<input> their sum (several paths)
/// @endverbatim
/// Every grad.* step is also claimed as a gradient of `forward.<output>` (see Trace::claim_gradient).

#include <map>
#include <string>

#include "nnwb/graph.hpp"
#include "nnwb/trace.hpp"

namespace nnwb {

struct GraphTraceOptions {
  std::string prefix;  ///< put before every step id, to trace two graphs in one chapter
  /// LaTeX symbol of each node, by label; a label without an entry is its own symbol.
  std::map<std::string, std::string> symbols;
  /// What the slide prints for a step, by step id (without the prefix).
  std::map<std::string, std::string> slide;
  std::string forward_section = "Forward pass";
  std::string backward_section = "Backward pass";
};

/// Adds the forward and backward steps of `graph` to `trace`. Input nodes must already be
/// parameters of the trace, named by their labels; every gate node needs a unique label.
/// Runs graph.backward(output) first.
void trace_graph(Trace& trace, Graph& graph, NodeId output, const GraphTraceOptions& options);

}  // namespace nnwb
