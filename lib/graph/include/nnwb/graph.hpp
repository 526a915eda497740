#pragma once
/// @file graph.hpp
/// A scalar computation graph in reverse mode (BMB "Backpropagation: Simple Example", "Another
/// Example", "Patterns in Gradient Flow", "Backpropagation Implementation").
///
/// Forward: each gate computes its output from its inputs as it is added.
/// Backward: one sweep in reverse creation order; each gate multiplies the upstream gradient by its
/// local gradient and *adds* the product to each input's gradient (a value used twice gets both
/// contributions: "copy adds"). Every product is recorded as upstream × local = result, so a trace
/// can print the backward pass as the slides do.
///
/// Example, f = (x + y)z:
/// @code
/// nnwb::Graph g;
/// auto x = g.input("x", -2), y = g.input("y", 5), z = g.input("z", -4);
/// auto q = g.add(x, y, "q");   // q = 3
/// auto f = g.mul(q, z, "f");   // f = −12
/// g.backward(f);               // ∂f/∂x = ∂f/∂y = −4, ∂f/∂z = 3
/// @endcode

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace nnwb {

/// The gates of the graph. Unary gates use operand 0 only.
enum class Gate {
  input,           ///< a leaf: a variable or a parameter
  add,             ///< x + y          ∂/∂x = 1, ∂/∂y = 1            ("add distributes")
  mul,             ///< x · y          ∂/∂x = y, ∂/∂y = x            ("mul swaps")
  max,             ///< max(x, y)      1 for the larger input, 0 for the other ("max routes")
  negate,          ///< −x             −1
  plus_constant,   ///< c + x          1                             (BMB's f_c)
  times_constant,  ///< a·x            a                             (BMB's f_a)
  exp,             ///< e^x            e^x
  reciprocal,      ///< 1/x            −1/x²
  log,             ///< log x          1/x
  power,           ///< x^c            c·x^{c−1}
  sigmoid,         ///< σ(x)           σ(x)(1 − σ(x))
  tanh,            ///< tanh(x)        1 − tanh²(x)
};

/// How many inputs a gate takes (0 for input, 1 or 2).
std::size_t gate_arity(Gate gate);
/// The gate's output from its inputs: `x` and `y` are operands 0 and 1, `c` the constant.
double gate_forward(Gate gate, double x, double y, double c);
/// The gate's local gradient ∂out/∂(operand `wrt`) at inputs x, y and constant c.
double gate_local_gradient(Gate gate, double x, double y, double c, std::size_t wrt);
/// A short symbol for the gate as the slides draw it: "+", "×", "max", "*-1", "+c", "*a", "exp",
/// "1/x", "log", "^c", "σ", "tanh".
std::string gate_symbol(Gate gate, double c);
/// The local gradient as a LaTeX formula in the operand names: for mul wrt 0, "y".
std::string gate_local_gradient_latex(Gate gate, std::string_view x, std::string_view y, double c,
                                      std::size_t wrt);

using NodeId = std::size_t;

/// One node of the graph: a gate, its inputs, its forward value and its accumulated gradient.
struct GraphNode {
  Gate gate = Gate::input;
  std::vector<NodeId> operands;  ///< 0, 1 or 2 earlier nodes
  double constant = 0.0;         ///< c for plus_constant, a for times_constant, c for power
  std::string label;             ///< a name for traces: "q", "w0*x0", …
  double value = 0.0;            ///< forward value
  double gradient = 0.0;         ///< ∂output/∂node after backward()
};

/// One product of the backward pass: the gradient flowing from `node` into its input `operand`.
struct BackwardStep {
  NodeId node = 0;             ///< the gate whose upstream gradient is used
  NodeId operand = 0;          ///< the input that receives the product
  std::size_t operand_slot = 0;
  double upstream = 0.0;       ///< ∂output/∂node
  double local = 0.0;          ///< ∂node/∂operand
  double result = 0.0;         ///< upstream × local
  bool accumulated = false;    ///< the operand already had a gradient from another path
  double total = 0.0;          ///< the operand's gradient after adding `result`
};

class Graph {
 public:
  NodeId input(std::string label, double value);
  NodeId add(NodeId x, NodeId y, std::string label = {});
  NodeId mul(NodeId x, NodeId y, std::string label = {});
  NodeId max(NodeId x, NodeId y, std::string label = {});
  NodeId negate(NodeId x, std::string label = {});
  NodeId plus_constant(NodeId x, double c, std::string label = {});
  NodeId times_constant(NodeId x, double a, std::string label = {});
  NodeId exp(NodeId x, std::string label = {});
  NodeId reciprocal(NodeId x, std::string label = {});
  NodeId log(NodeId x, std::string label = {});
  NodeId power(NodeId x, double c, std::string label = {});
  NodeId sigmoid(NodeId x, std::string label = {});
  NodeId tanh(NodeId x, std::string label = {});

  /// Reverse mode from `output`: ∂output/∂output = 1, then every gate in reverse creation order
  /// adds upstream × local to each input. Clears earlier gradients and steps first.
  void backward(NodeId output);

  const GraphNode& node(NodeId id) const { return nodes_.at(id); }
  double value(NodeId id) const { return node(id).value; }
  double gradient(NodeId id) const { return node(id).gradient; }
  std::size_t size() const { return nodes_.size(); }
  /// The products of the last backward(), in the order they were made.
  const std::vector<BackwardStep>& backward_steps() const { return steps_; }

 private:
  NodeId add_gate(Gate gate, std::vector<NodeId> operands, double constant, std::string label);

  std::vector<GraphNode> nodes_;
  std::vector<BackwardStep> steps_;
};

}  // namespace nnwb
