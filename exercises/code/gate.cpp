// Code exercise on chapter 6, graph_xyz: f(x, y, z) = (x + y)z on a computation graph, its forward
// and backward pass as functions (BMB "Backpropagation: Simple Example").
//
// code.gate: the student writes gate_forward(x, y, z) = (x + y)z and gate_backward(x, y, z) =
// (∂f/∂x, ∂f/∂y, ∂f/∂z), each the upstream gradient times the gate's local gradient: with q = x + y,
// ∂f/∂z = q, ∂f/∂q = z, and the add gate passes ∂f/∂q on to x and y unchanged. They are graded as
// the steps forward.f, grad.z, grad.x and grad.y; each gradient is also checked against central
// differences of the student's own gate_forward.
#include "chapters.hpp"
#include "code_exercises.hpp"

namespace nnwb::exercises::code {

void gate(std::vector<CodeExercise>& out) {
  Exercise steps("code.gate", "graph_xyz", "Backpropagation through (x + y)z, as functions", chapters::graph_xyz);
  const std::vector<std::string> arguments{"x", "y", "z"};
  steps.instructions(
      "The computation graph of $f(x, y, z) = (x + y)z$ has an add gate $q = x + y$ and a mul gate $f = qz$. "
      "Write `gate_forward(x, y, z)`, which returns $f$, and `gate_backward(x, y, z)`, which returns the three "
      "gradients $(\\partial f/\\partial x, \\partial f/\\partial y, \\partial f/\\partial z)$. Compute them as "
      "the backward pass does, each the upstream gradient times the gate's local gradient, starting from "
      "$\\partial f/\\partial f = 1$: first through the mul gate to $q$ and $z$, then through the add gate to "
      "$x$ and $y$.\n\n"
      "Each result is graded as the chapter's step for it, on ten variants, and each gradient is also compared "
      "with central differences of your own `gate_forward`.");

  // f = q z, q = x + y
  steps.ask("forward.f")
      .tolerance(code_tolerance())
      .mistake("sum_not_product", "f is the product q·z of q = x + y and z, not the sum x + y + z", arguments,
               [](const Inputs& in) -> Value { return in.scalar("x") + in.scalar("y") + in.scalar("z"); });

  // ∂f/∂z = q: the mul gate swaps its inputs.
  steps.ask("grad.z", 2)
      .tolerance(code_tolerance())
      .mistake("mul_not_swapped", "the mul gate swaps its inputs: ∂f/∂z is the other input q = x + y, not z itself",
               arguments, [](const Inputs& in) -> Value { return in.scalar("z"); });

  // ∂f/∂x = ∂f/∂q · 1 = z, and ∂f/∂y the same: the add gate passes the gradient on unchanged.
  for (const std::string input : {"x", "y"}) {
    const std::string other = input == "x" ? "y" : "x";
    steps.ask("grad." + input, 2)
        .tolerance(code_tolerance())
        .mistake("local_only",
                 "the chain rule multiplies by the upstream gradient ∂f/∂q = z; the add gate's local gradient 1 "
                 "alone is not ∂f/∂" + input,
                 arguments, [](const Inputs&) -> Value { return 1.0; })
        .mistake("mul_not_swapped",
                 "the mul gate swaps its inputs: the upstream gradient ∂f/∂q is the other input z, not q = x + y "
                 "itself",
                 arguments, [](const Inputs& in) -> Value { return in.scalar("x") + in.scalar("y"); })
        .mistake("add_scaled",
                 "the add gate distributes the gradient unchanged; it does not multiply it by the other input",
                 arguments,
                 [other](const Inputs& in) -> Value { return in.scalar("z") * in.scalar(other); });
  }

  CodeExercise e(std::move(steps));
  const std::vector<CodeValue> inputs{{"x", ValueKind::scalar, "the add gate's first input"},
                                      {"y", ValueKind::scalar, "the add gate's second input"},
                                      {"z", ValueKind::scalar, "the mul gate's other input"}};
  e.function({
      .name = "gate_forward",
      .summary = "The forward pass of f(x, y, z) = (x + y)z",
      .formula = "q = x + y, f = q z",
      .arguments = inputs,
      .results = {{"f", ValueKind::scalar, "f(x, y, z)"}},
      .cpp = "double gate_forward(double x, double y, double z)",
      .python = "def gate_forward(x, y, z):",
  });
  e.function({
      .name = "gate_backward",
      .summary = "The backward pass of (x + y)z: the gradient of f in each input",
      .formula = "∂f/∂z = q, ∂f/∂q = z, ∂f/∂x = ∂f/∂q · 1, ∂f/∂y = ∂f/∂q · 1",
      .arguments = inputs,
      .results = {{"dx", ValueKind::scalar, "∂f/∂x"},
                  {"dy", ValueKind::scalar, "∂f/∂y"},
                  {"dz", ValueKind::scalar, "∂f/∂z"}},
      .cpp = "std::tuple<double, double, double> gate_backward(double x, double y, double z)",
      .python = "def gate_backward(x, y, z):",
  });
  e.call({.function = "gate_forward", .arguments = arguments, .results = {"forward.f"}});
  e.call({.function = "gate_backward", .arguments = arguments, .results = {"grad.x", "grad.y", "grad.z"}});
  // Each gradient against central differences of the student's f in that input.
  const CodeCall forward{.function = "gate_forward", .arguments = arguments, .results = {}};
  e.check_derivative({.step = "grad.x", .forward = forward, .with_respect_to = 0});
  e.check_derivative({.step = "grad.y", .forward = forward, .with_respect_to = 1});
  e.check_derivative({.step = "grad.z", .forward = forward, .with_respect_to = 2});
  out.push_back(std::move(e));
}

}  // namespace nnwb::exercises::code
