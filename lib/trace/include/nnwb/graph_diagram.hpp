#pragma once
/// @file graph_diagram.hpp
/// A computation graph drawn as BMB's slides draw it ("Backpropagation: Simple Example",
/// "Backpropagation: Another Example"): the inputs by name on the left, one circle per gate, and on
/// every wire the value flowing forward (above, green) and the gradient flowing back along that wire
/// (below, red); the output's wire ends at its name with the gradient 1.
#include <string>

#include "nnwb/figure.hpp"
#include "nnwb/graph.hpp"

namespace nnwb {

/// The diagram of `graph` after `graph.backward(output)` (trace_graph runs it). A wire's gradient is
/// the product upstream × local that went back along it, so a value used twice shows each use's
/// share on its own wire.
Diagram diagram_of(const Graph& graph, NodeId output, int decimals = 2);

}  // namespace nnwb
