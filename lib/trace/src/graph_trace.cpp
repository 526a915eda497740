// A computation graph written into a trace, forward then backward; see graph_trace.hpp.
#include "nnwb/graph_trace.hpp"

#include <fmt/format.h>
#include <stdexcept>

namespace nnwb {
namespace {

// The gate's output as LaTeX, with x and y standing for its inputs.
std::string gate_latex(Gate gate, const std::string& x, const std::string& y, double c) {
  switch (gate) {
    case Gate::input: return x;
    case Gate::add: return fmt::format("{} + {}", x, y);
    case Gate::mul: return fmt::format("{} \\cdot {}", x, y);
    case Gate::max: return fmt::format("\\max({}, {})", x, y);
    case Gate::negate: return fmt::format("-{}", x);
    case Gate::plus_constant: return fmt::format("{} + {}", c, x);
    case Gate::times_constant: return fmt::format("{} \\cdot {}", c, x);
    case Gate::exp: return fmt::format("e^{{{}}}", x);
    case Gate::reciprocal: return fmt::format("\\frac{{1}}{{{}}}", x);
    case Gate::log: return fmt::format("\\log {}", x);
    case Gate::power: return fmt::format("{}^{{{}}}", x, c);
    case Gate::sigmoid: return fmt::format("\\sigma({})", x);
    case Gate::tanh: return fmt::format("\\tanh({})", x);
  }
  return x;
}

// The gate's output written as its operation, to be differentiated: (q \cdot z), \sigma(s_3).
std::string operation_latex(Gate gate, const std::string& x, const std::string& y, double c) {
  const std::string latex = gate_latex(gate, x, y, c);
  switch (gate) {
    case Gate::max: case Gate::sigmoid: case Gate::tanh: return latex;  // its own parentheses
    default: return "(" + latex + ")";
  }
}

std::string partial(const std::string& of, const std::string& wrt) {
  const char* gap = of.starts_with('(') ? "" : " ";  // ∂f, ∂(q·z)
  return fmt::format("\\frac{{\\partial{}{}}}{{\\partial {}}}", gap, of, wrt);
}

}  // namespace

void trace_graph(Trace& trace, Graph& graph, NodeId output, const GraphTraceOptions& options) {
  const auto& p = options.prefix;
  const auto symbol = [&](NodeId id) {
    const auto& label = graph.node(id).label;
    const auto it = options.symbols.find(label);
    return it == options.symbols.end() ? label : it->second;
  };
  // The trace name that holds a node's forward value: a parameter for an input, else a step.
  const auto value_name = [&](NodeId id) {
    const GraphNode& node = graph.node(id);
    return node.gate == Gate::input ? node.label : p + "forward." + node.label;
  };
  const auto slide = [&](const std::string& id) {
    const auto it = options.slide.find(id);
    return it == options.slide.end() ? std::string() : it->second;
  };

  for (NodeId id = 0; id < graph.size(); ++id) {
    const GraphNode& node = graph.node(id);
    if (node.label.empty()) throw std::invalid_argument("trace_graph: every node needs a label");
    if (node.gate == Gate::input && !trace.has(node.label))
      throw std::invalid_argument(fmt::format("trace_graph: input '{}' is not a parameter", node.label));
  }

  // ---- forward: each gate's output from its inputs -----------------------------------------
  trace.section(options.forward_section);
  for (NodeId id = 0; id <= output; ++id) {
    const GraphNode& node = graph.node(id);
    if (node.gate == Gate::input) continue;
    std::vector<std::string> inputs;
    std::string xs, ys, xn, yn;
    for (std::size_t slot = 0; slot < node.operands.size(); ++slot) {
      inputs.push_back(value_name(node.operands[slot]));
      (slot == 0 ? xs : ys) = symbol(node.operands[slot]);
      (slot == 0 ? xn : yn) = "[[" + inputs.back() + "]]";
    }
    const Gate gate = node.gate;
    const double c = node.constant;
    const std::string step_id = "forward." + node.label;
    trace.step(p + step_id, fmt::format("The {} gate: ${}$", gate_symbol(gate, c), symbol(id)))
        .formula(fmt::format("{} = {}", symbol(id), gate_latex(gate, xs, ys, c)))
        .numbers(gate_latex(gate, xn, yn, c))
        .slide(slide(step_id))
        .compute(inputs, [gate, c, inputs](const Inputs& in) -> Value {
          const double x = in.scalar(inputs[0]);
          const double y = inputs.size() > 1 ? in.scalar(inputs[1]) : 0.0;
          return gate_forward(gate, x, y, c);
        });
  }

  // ---- backward: upstream × local, in reverse, adding where paths meet -----------------------
  graph.backward(output);
  const std::string f = symbol(output);
  const std::string f_name = value_name(output);
  std::map<NodeId, int> paths;  // how many products each node receives
  for (const BackwardStep& s : graph.backward_steps()) ++paths[s.operand];

  trace.section(options.backward_section);
  const std::string out_grad = p + "grad." + graph.node(output).label;
  trace.step(out_grad, fmt::format("Start at the output: ${}$", partial(f, f)))
      .formula(fmt::format("{} = 1", partial(f, f)))
      .slide(slide("grad." + graph.node(output).label))
      .compute({}, [](const Inputs&) -> Value { return 1.0; });

  std::map<NodeId, std::vector<std::string>> contributions;
  for (const BackwardStep& s : graph.backward_steps()) {
    const GraphNode& node = graph.node(s.node);
    const GraphNode& operand = graph.node(s.operand);
    std::vector<std::string> operand_values;
    std::string xs, ys, xn, yn;
    for (std::size_t slot = 0; slot < node.operands.size(); ++slot) {
      operand_values.push_back(value_name(node.operands[slot]));
      (slot == 0 ? xs : ys) = symbol(node.operands[slot]);
      (slot == 0 ? xn : yn) = "[[" + operand_values.back() + "]]";
    }
    const Gate gate = node.gate;
    const double c = node.constant;
    const std::size_t slot = s.operand_slot;

    // The local gradient ∂node/∂input, from the forward values. The gate that produces f writes it
    // by its operation, ∂(q·z)/∂q, since ∂f/∂q names the chain rule's result: ∂f/∂q = ∂f/∂f ·
    // ∂(q·z)/∂q. (The two even differ where the input also reaches f by another path.)
    const std::string local_of = s.node == output ? operation_latex(gate, xs, ys, c) : symbol(s.node);
    const std::string local_latex = partial(local_of, symbol(s.operand));
    const std::string local_id = fmt::format("local.{}.{}", node.label, operand.label);
    std::string local_name = p + local_id;
    if (!trace.has(local_name)) {
      trace.step(local_name, fmt::format("Local gradient of the {} gate: ${}$", gate_symbol(gate, c), local_latex))
          .formula(fmt::format("{} = {}", local_latex, gate_local_gradient_latex(gate, xs, ys, c, slot)))
          .numbers(gate_local_gradient_latex(gate, xn, yn, c, slot))
          .slide(slide(local_id))
          .compute(operand_values, [gate, c, slot, operand_values](const Inputs& in) -> Value {
            const double x = in.scalar(operand_values[0]);
            const double y = operand_values.size() > 1 ? in.scalar(operand_values[1]) : 0.0;
            return gate_local_gradient(gate, x, y, c, slot);
          });
    }

    // The chain rule: [upstream] × [local].
    const std::string upstream = p + "grad." + node.label;
    const bool single = paths[s.operand] == 1;
    const std::string grad_id = single ? "grad." + operand.label
                                       : fmt::format("grad.{}.via.{}", operand.label, node.label);
    trace.step(p + grad_id, single ? fmt::format("Chain rule: ${}$", partial(f, symbol(s.operand)))
                                   : fmt::format("Chain rule through ${}$: one path to ${}$",
                                                 symbol(s.node), symbol(s.operand)))
        .formula(fmt::format("{} = {} \\cdot {}", partial(f, symbol(s.operand)), partial(f, symbol(s.node)),
                             local_latex))
        .numbers(fmt::format("[[{}]] \\times [[{}]]", upstream, local_name))
        .slide(slide(grad_id))
        .compute({upstream, local_name}, [upstream, local_name](const Inputs& in) -> Value {
          return in.scalar(upstream) * in.scalar(local_name);  // upstream × local
        });
    contributions[s.operand].push_back(p + grad_id);

    // Copy adds: once every path into this input is in, their sum is its gradient.
    if (!single && contributions[s.operand].size() == static_cast<std::size_t>(paths[s.operand])) {
      const auto parts = contributions[s.operand];
      std::string numbers;
      for (const auto& part : parts) numbers += (numbers.empty() ? "" : " + ") + ("[[" + part + "]]");
      const std::string sum_id = "grad." + operand.label;
      trace.step(p + sum_id, fmt::format("Gradients add where ${}$ is used twice", symbol(s.operand)))
          .formula(fmt::format("{} = \\sum_{{\\text{{paths}}}} {}", partial(f, symbol(s.operand)),
                               partial(f, symbol(s.operand))))
          .numbers(numbers)
          .slide(slide(sum_id))
          .compute(parts, [parts](const Inputs& in) -> Value {
            double sum = 0.0;
            for (const auto& part : parts) sum += in.scalar(part);
            return sum;
          });
    }
  }

  // Every gradient of an input (a parameter) is a claim the tests check by finite differences;
  // so is every gradient of an intermediate value, through recompute().
  for (NodeId id = 0; id < output; ++id)
    if (trace.has(p + "grad." + graph.node(id).label))
      trace.claim_gradient(p + "grad." + graph.node(id).label, f_name, value_name(id));
}

}  // namespace nnwb
