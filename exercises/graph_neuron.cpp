// Exercises on chapter 6, graph_neuron: the sigmoid neuron f = 1/(1 + e^{−(w0x0 + w1x1 + w2)}) on a
// computation graph (BMB "Backpropagation: Another Example", "Backpropagation Implementation").
//
// graph_neuron.gates: the end of the backward pass gate by gate: through 1/x, +1, exp and *−1,
//   each gradient as upstream × local gradient, from the forward values on the sheet.
// graph_neuron.sigmoid_gate: the same neuron with σ as one gate: its output, its local gradient
//   σ(1 − σ) taken at the gate's output f, and the gradients of w0, x0 and w2 through it.
#include <cmath>

#include "chapters.hpp"
#include "exercises.hpp"

namespace nnwb::exercises {
namespace {

void gates(std::vector<Exercise>& out) {
  Exercise e("graph_neuron.gates", "graph_neuron", "Backpropagation through the sigmoid neuron, gate by gate",
             chapters::graph_neuron);
  e.instructions(
      "The neuron $f = 1/(1 + e^{-(w_0x_0 + w_1x_1 + w_2)})$ is taken apart into the gates $s_3 = s_2 + w_2$, "
      "$n = -s_3$, $e = e^n$, $d = 1 + e$, $f = 1/d$. With the forward values on your sheet, backpropagate from "
      "$\\partial f/\\partial f = 1$ to $\\partial f/\\partial s_3$: each gradient is the upstream gradient times "
      "the gate's local gradient. Keep at least four significant digits in intermediate results; answers are "
      "checked to three significant figures.");

  // ∂f/∂d = 1 · (−1/d²)
  e.ask("grad.d", 2)
      .mistake("reciprocal_sign", "the 1/x gate's local gradient is −1/x²: the minus sign is lost",
               {"forward.d"},
               // +1/d²
               [](const Inputs& in) -> Value { return 1.0 / (in.scalar("forward.d") * in.scalar("forward.d")); })
      .mistake("reciprocal_not_squared", "the 1/x gate's local gradient is −1/x², not −1/x", {"forward.d"},
               // −1/d
               [](const Inputs& in) -> Value { return -1.0 / in.scalar("forward.d"); });

  // ∂f/∂e = ∂f/∂d · 1: the +1 gate passes the gradient on.
  e.ask("grad.e")
      .mistake("plus_constant_scaled", "the +1 gate's local gradient is 1: it passes ∂f/∂d on unchanged",
               {"grad.d", "forward.e"},
               // ∂f/∂d · e
               [](const Inputs& in) -> Value { return in.scalar("grad.d") * in.scalar("forward.e"); });

  // ∂f/∂n = ∂f/∂e · e^n
  e.ask("grad.n", 2)
      .mistake("no_local", "the exp gate's local gradient e^n is left out: ∂f/∂n = ∂f/∂e · e^n", {"grad.e"},
               // ∂f/∂e
               [](const Inputs& in) -> Value { return in.scalar("grad.e"); })
      .mistake("exp_local_n", "the exp gate's local gradient is e^n (its own output), not n", {"grad.e", "forward.n"},
               // ∂f/∂e · n
               [](const Inputs& in) -> Value { return in.scalar("grad.e") * in.scalar("forward.n"); });

  // ∂f/∂s3 = ∂f/∂n · (−1)
  e.ask("grad.s3", 2)
      .mistake("negate_sign", "the *−1 gate's local gradient is −1: the sign must flip", {"grad.n"},
               // ∂f/∂n
               [](const Inputs& in) -> Value { return in.scalar("grad.n"); });
  out.push_back(std::move(e));
}

void sigmoid_gate(std::vector<Exercise>& out) {
  Exercise e("graph_neuron.sigmoid_gate", "graph_neuron", "The sigmoid as one gate", chapters::graph_neuron);
  e.instructions(
      "Now the sigmoid is one gate: $L = \\sigma(s_3)$ with $s_3 = w_0x_0 + w_1x_1 + w_2$. Compute its output, "
      "its local gradient $\\partial L/\\partial s_3 = (1 - \\sigma(s_3))\\sigma(s_3)$, and backpropagate to "
      "$w_0$, $x_0$ and $w_2$ (start from $\\partial L/\\partial L = 1$). Keep at least four significant digits "
      "in intermediate results; answers are checked to three significant figures.");

  // L = σ(s3) = 1/(1 + e^{−s3})
  e.ask("sig.forward.L")
      .mistake("exponent_sign", "σ(s) = 1/(1 + e^{−s}): the sign in the exponent is lost", {"sig.forward.s3"},
               // 1/(1 + e^{s3})
               [](const Inputs& in) -> Value { return 1.0 / (1.0 + std::exp(in.scalar("sig.forward.s3"))); });

  // ∂L/∂s3 = (1 − σ(s3))σ(s3), with σ(s3) = L
  e.ask("sig.local.L.s3", 2)
      .mistake("preactivation_for_activation",
               "the pre-activation is used where the activation belongs: the local gradient is (1 − σ)σ with "
               "σ = σ(s₃), the gate's output, not (1 − s₃)s₃",
               {"sig.forward.s3"},
               // (1 − s3) s3
               [](const Inputs& in) -> Value {
                 const double s = in.scalar("sig.forward.s3");
                 return (1.0 - s) * s;
               })
      .mistake("output_for_local", "the sigmoid gate's local gradient is (1 − σ)σ, not its output σ itself",
               {"sig.forward.L"},
               // σ(s3)
               [](const Inputs& in) -> Value { return in.scalar("sig.forward.L"); });

  // ∂L/∂w2 = ∂L/∂s3 · 1
  e.ask("sig.grad.w2")
      .mistake("add_scaled", "the add gate passes the gradient on unchanged: ∂L/∂w₂ = ∂L/∂s₃, not times w₂",
               {"sig.grad.s3", "w2"},
               // ∂L/∂s3 · w2
               [](const Inputs& in) -> Value { return in.scalar("sig.grad.s3") * in.scalar("w2"); });

  // ∂L/∂w0 = ∂L/∂s0 · x0
  e.ask("sig.grad.w0", 2)
      .mistake("mul_not_swapped", "the mul gate swaps its inputs: ∂L/∂w₀ = ∂L/∂s₀ · x₀, not · w₀",
               {"sig.grad.s0", "w0"},
               // ∂L/∂s0 · w0
               [](const Inputs& in) -> Value { return in.scalar("sig.grad.s0") * in.scalar("w0"); })
      .mistake("local_only", "the chain rule multiplies the local gradient x₀ by the upstream gradient ∂L/∂s₀",
               {"x0"},
               // x0
               [](const Inputs& in) -> Value { return in.scalar("x0"); });

  // ∂L/∂x0 = ∂L/∂s0 · w0
  e.ask("sig.grad.x0", 2)
      .mistake("mul_not_swapped", "the mul gate swaps its inputs: ∂L/∂x₀ = ∂L/∂s₀ · w₀, not · x₀",
               {"sig.grad.s0", "x0"},
               // ∂L/∂s0 · x0
               [](const Inputs& in) -> Value { return in.scalar("sig.grad.s0") * in.scalar("x0"); })
      .mistake("local_only", "the chain rule multiplies the local gradient w₀ by the upstream gradient ∂L/∂s₀",
               {"w0"},
               // w0
               [](const Inputs& in) -> Value { return in.scalar("w0"); });

  out.push_back(std::move(e));
}

}  // namespace

void graph_neuron(std::vector<Exercise>& out) {
  gates(out);
  sigmoid_gate(out);
}

}  // namespace nnwb::exercises
