// The scalar computation graph in reverse mode; see graph.hpp (BMB's computational-graph slides).
#include "nnwb/graph.hpp"

#include <cmath>
#include <fmt/format.h>
#include <stdexcept>

#include "nnwb/activations.hpp"

namespace nnwb {

std::size_t gate_arity(Gate gate) {
  switch (gate) {
    case Gate::input: return 0;
    case Gate::add:
    case Gate::mul:
    case Gate::max: return 2;
    default: return 1;
  }
}

double gate_forward(Gate gate, double x, double y, double c) {
  switch (gate) {
    case Gate::input: return x;
    case Gate::add: return x + y;
    case Gate::mul: return x * y;
    case Gate::max: return x >= y ? x : y;
    case Gate::negate: return -x;
    case Gate::plus_constant: return c + x;
    case Gate::times_constant: return c * x;
    case Gate::exp: return std::exp(x);
    case Gate::reciprocal: return 1.0 / x;
    case Gate::log: return std::log(x);
    case Gate::power: return std::pow(x, c);
    case Gate::sigmoid: return nnwb::sigmoid(x);
    case Gate::tanh: return std::tanh(x);
  }
  return x;
}

double gate_local_gradient(Gate gate, double x, double y, double c, std::size_t wrt) {
  switch (gate) {
    case Gate::input: return 1.0;
    case Gate::add: return 1.0;                    // ∂(x+y)/∂x = ∂(x+y)/∂y = 1
    case Gate::mul: return wrt == 0 ? y : x;       // ∂(xy)/∂x = y, ∂(xy)/∂y = x
    case Gate::max:                                // the larger input takes it all (ties: x)
      return (wrt == 0) == (x >= y) ? 1.0 : 0.0;
    case Gate::negate: return -1.0;                // ∂(−x)/∂x = −1
    case Gate::plus_constant: return 1.0;          // ∂(c+x)/∂x = 1
    case Gate::times_constant: return c;           // ∂(ax)/∂x = a
    case Gate::exp: return std::exp(x);            // ∂e^x/∂x = e^x
    case Gate::reciprocal: return -1.0 / (x * x);  // ∂(1/x)/∂x = −1/x²
    case Gate::log: return 1.0 / x;                // ∂log x/∂x = 1/x
    case Gate::power: return c * std::pow(x, c - 1.0);  // ∂x^c/∂x = c x^{c−1}
    case Gate::sigmoid: return sigmoid_derivative(x);   // σ(1 − σ)
    case Gate::tanh: return tanh_derivative(x);         // 1 − tanh²
  }
  return 0.0;
}

std::string gate_symbol(Gate gate, double c) {
  switch (gate) {
    case Gate::input: return "input";
    case Gate::add: return "+";
    case Gate::mul: return "×";
    case Gate::max: return "max";
    case Gate::negate: return "*-1";
    case Gate::plus_constant: return fmt::format("+{}", c);
    case Gate::times_constant: return fmt::format("*{}", c);
    case Gate::exp: return "exp";
    case Gate::reciprocal: return "1/x";
    case Gate::log: return "log";
    case Gate::power: return fmt::format("^{}", c);
    case Gate::sigmoid: return "σ";
    case Gate::tanh: return "tanh";
  }
  return "?";
}

std::string gate_local_gradient_latex(Gate gate, std::string_view x, std::string_view y, double c,
                                      std::size_t wrt) {
  switch (gate) {
    case Gate::input: return "1";
    case Gate::add: return "1";
    case Gate::mul: return std::string(wrt == 0 ? y : x);
    case Gate::max:
      return wrt == 0 ? fmt::format("\\mathbb{{1}}({} \\ge {})", x, y)
                      : fmt::format("\\mathbb{{1}}({} > {})", y, x);
    case Gate::negate: return "-1";
    case Gate::plus_constant: return "1";
    case Gate::times_constant: return fmt::format("{}", c);
    case Gate::exp: return fmt::format("e^{{{}}}", x);
    case Gate::reciprocal: return fmt::format("-1/{}^2", x);
    case Gate::log: return fmt::format("1/{}", x);
    case Gate::power: return fmt::format("{} \\cdot {}^{{{}}}", c, x, c - 1.0);
    case Gate::sigmoid: return fmt::format("\\sigma({0})(1-\\sigma({0}))", x);
    case Gate::tanh: return fmt::format("1-\\tanh^2({})", x);
  }
  return "?";
}

NodeId Graph::add_gate(Gate gate, std::vector<NodeId> operands, double constant,
                       std::string label) {
  for (NodeId operand : operands)
    if (operand >= nodes_.size()) throw std::out_of_range("Graph: operand is not a node of this graph");
  const double x = operands.empty() ? 0.0 : nodes_[operands[0]].value;
  const double y = operands.size() < 2 ? 0.0 : nodes_[operands[1]].value;
  GraphNode node;
  node.gate = gate;
  node.operands = std::move(operands);
  node.constant = constant;
  node.label = std::move(label);
  node.value = gate_forward(gate, x, y, constant);  // forward: the gate's output, right away
  nodes_.push_back(std::move(node));
  return nodes_.size() - 1;
}

NodeId Graph::input(std::string label, double value) {
  GraphNode node;
  node.label = std::move(label);
  node.value = value;
  nodes_.push_back(std::move(node));
  return nodes_.size() - 1;
}

NodeId Graph::add(NodeId x, NodeId y, std::string l) { return add_gate(Gate::add, {x, y}, 0, std::move(l)); }
NodeId Graph::mul(NodeId x, NodeId y, std::string l) { return add_gate(Gate::mul, {x, y}, 0, std::move(l)); }
NodeId Graph::max(NodeId x, NodeId y, std::string l) { return add_gate(Gate::max, {x, y}, 0, std::move(l)); }
NodeId Graph::negate(NodeId x, std::string l) { return add_gate(Gate::negate, {x}, 0, std::move(l)); }
NodeId Graph::plus_constant(NodeId x, double c, std::string l) {
  return add_gate(Gate::plus_constant, {x}, c, std::move(l));
}
NodeId Graph::times_constant(NodeId x, double a, std::string l) {
  return add_gate(Gate::times_constant, {x}, a, std::move(l));
}
NodeId Graph::exp(NodeId x, std::string l) { return add_gate(Gate::exp, {x}, 0, std::move(l)); }
NodeId Graph::reciprocal(NodeId x, std::string l) { return add_gate(Gate::reciprocal, {x}, 0, std::move(l)); }
NodeId Graph::log(NodeId x, std::string l) { return add_gate(Gate::log, {x}, 0, std::move(l)); }
NodeId Graph::power(NodeId x, double c, std::string l) { return add_gate(Gate::power, {x}, c, std::move(l)); }
NodeId Graph::sigmoid(NodeId x, std::string l) { return add_gate(Gate::sigmoid, {x}, 0, std::move(l)); }
NodeId Graph::tanh(NodeId x, std::string l) { return add_gate(Gate::tanh, {x}, 0, std::move(l)); }

void Graph::backward(NodeId output) {
  if (output >= nodes_.size()) throw std::out_of_range("Graph::backward: no such node");
  steps_.clear();
  std::vector<bool> reached(nodes_.size(), false);
  for (auto& node : nodes_) node.gradient = 0.0;
  nodes_[output].gradient = 1.0;  // ∂f/∂f = 1
  reached[output] = true;
  // Operands always precede their gate, so reverse creation order is a reverse topological order.
  for (NodeId id = output + 1; id-- > 0;) {
    if (!reached[id]) continue;  // not on a path to the output
    const GraphNode& node = nodes_[id];
    const double x = node.operands.empty() ? 0.0 : nodes_[node.operands[0]].value;
    const double y = node.operands.size() < 2 ? 0.0 : nodes_[node.operands[1]].value;
    for (std::size_t slot = 0; slot < node.operands.size(); ++slot) {
      const NodeId operand = node.operands[slot];
      BackwardStep step;
      step.node = id;
      step.operand = operand;
      step.operand_slot = slot;
      step.upstream = node.gradient;
      step.local = gate_local_gradient(node.gate, x, y, node.constant, slot);
      step.result = step.upstream * step.local;  // chain rule: upstream × local
      step.accumulated = reached[operand];
      nodes_[operand].gradient += step.result;   // gradients add where paths meet
      step.total = nodes_[operand].gradient;
      reached[operand] = true;
      steps_.push_back(step);
    }
  }
}

}  // namespace nnwb
