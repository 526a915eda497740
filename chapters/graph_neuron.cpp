// Chapter 6, graph_neuron: a sigmoid neuron f = 1/(1 + e^{−(w0x0 + w1x1 + w2)}) on a computation
// graph, first gate by gate (×, +, *−1, exp, +1, 1/x) and then with the sigmoid as one gate.
// Lecture: BMB "Backpropagation: Another Example" (w0 = 2, x0 = −1, w1 = −3, x1 = −2, w2 = −3:
// node values −2, 6, 4, 1, −1, 0.37, 1.37, 0.73; gradients −0.53, −0.53, −0.20, 0.20, then
// ∂w0 = −0.20, ∂x0 = 0.39 ("0.4"), ∂w1 = −0.39, ∂x1 = −0.59, ∂w2 = 0.20; the sigmoid gate's local
// gradient (1 − 0.73)(0.73) = 0.2) and "Backpropagation Implementation" (the same graph as code:
// s0 … s3, L, grad_L = 1.0, grad_s3 = grad_L * (1 − L) * L).
#include <cmath>
#include <fmt/format.h>

#include "chapters.hpp"
#include "nnwb/graph_diagram.hpp"
#include "nnwb/graph_trace.hpp"
#include "nnwb/random.hpp"

namespace nnwb::chapters {

Trace graph_neuron(const ChapterOptions& options) {
  Trace trace("graph_neuron", "A sigmoid neuron on a computation graph");
  trace.summary("The neuron f = σ(w0·x0 + w1·x1 + w2) taken apart into the gates whose derivatives "
                "we know (e^x, 1/x, ax, c + x), then backpropagated gate by gate. Then the same "
                "neuron with σ as one gate, whose local gradient is σ(1 − σ).")
      .source("BMB", "001_86790086ad6a4e65.txt",
              {"Backpropagation: Another Example", "Backpropagation Implementation"})
      .convention("Scalar reverse mode: every backward step is [upstream gradient] × [local "
                  "gradient]. The bias w2 is a weight on a constant input, added after the "
                  "products, as on the slide.")
      .notation("s_0, s_1", "the products $w_0x_0$ and $w_1x_1$ (names from the implementation slide)")
      .notation("s_2, s_3", "the sums $s_0 + s_1$ and $s_2 + w_2$")
      .notation("n, e, d", "the gates *−1, exp and +1: $n = -s_3$, $e = e^n$, $d = 1 + e$")
      .notation("f, L", "the neuron's output $1/d = \\sigma(s_3)$; L is the same on the second graph")
      .seed(options.seed)
      .rounding({Rounding::Mode::decimals, 2});

  // The slide's weights and inputs, or a variant's (small integers, as on the slide).
  double w0 = 2, x0 = -1, w1 = -3, x1 = -2, w2 = -3;
  if (options.seed) {
    Rng rng(*options.seed);
    // Draw again until the neuron is not saturated (|s3| ≤ 4): beyond that σ' is too small to see
    // at two decimals, and e^{−s3} too large to work by hand.
    do {
      w0 = rng.nonzero_decimal(-3, 3, 0);
      x0 = rng.nonzero_decimal(-3, 3, 0);
      w1 = rng.nonzero_decimal(-3, 3, 0);
      x1 = rng.nonzero_decimal(-3, 3, 0);
      w2 = rng.nonzero_decimal(-3, 3, 0);
    } while (std::abs(w0 * x0 + w1 * x1 + w2) > 4.0);
  }
  trace.parameter("w0", "w_0", "weight of input 0", w0);
  trace.parameter("x0", "x_0", "input 0", x0);
  trace.parameter("w1", "w_1", "weight of input 1", w1);
  trace.parameter("x1", "x_1", "input 1", x1);
  trace.parameter("w2", "w_2", "the bias weight", w2);
  const std::map<std::string, std::string> symbols = {
      {"w0", "w_0"}, {"x0", "x_0"}, {"w1", "w_1"}, {"x1", "x_1"}, {"w2", "w_2"},
      {"s0", "s_0"}, {"s1", "s_1"}, {"s2", "s_2"}, {"s3", "s_3"}};

  // ---- Gate by gate: ×, ×, +, +, *−1, exp, +1, 1/x ----------------------------------------------
  //! [gate_by_gate]
  Graph gates;
  const NodeId nw0 = gates.input("w0", w0), nx0 = gates.input("x0", x0);
  const NodeId nw1 = gates.input("w1", w1), nx1 = gates.input("x1", x1);
  const NodeId nw2 = gates.input("w2", w2);
  const NodeId s0 = gates.mul(nw0, nx0, "s0");        // s0 = w0·x0
  const NodeId s1 = gates.mul(nw1, nx1, "s1");        // s1 = w1·x1
  const NodeId s2 = gates.add(s0, s1, "s2");          // s2 = s0 + s1
  const NodeId s3 = gates.add(s2, nw2, "s3");         // s3 = s2 + w2
  const NodeId n = gates.negate(s3, "n");             // n = −s3         (the *−1 gate)
  const NodeId e = gates.exp(n, "e");                 // e = e^n
  const NodeId d = gates.plus_constant(e, 1.0, "d");  // d = 1 + e       (the +1 gate)
  const NodeId f = gates.reciprocal(d, "f");          // f = 1/d
  GraphTraceOptions by_gates;
  by_gates.symbols = symbols;
  by_gates.forward_section = "Forward pass, gate by gate";
  by_gates.backward_section = "Backward pass, gate by gate";
  if (!options.seed)  // what BMB's slide prints for its example (see the header comment)
    by_gates.slide = {{"forward.s0", "-2.00"}, {"forward.s1", "6.00"}, {"forward.s2", "4.00"},
                      {"forward.s3", "1.00"},  {"forward.n", "-1.00"}, {"forward.e", "0.37"},
                      {"forward.d", "1.37"},   {"forward.f", "0.73"},  {"grad.f", "1.00"},
                      {"grad.d", "-0.53"},     {"grad.e", "-0.53"},    {"grad.n", "-0.20"},
                      {"grad.s3", "0.20"},     {"grad.s2", "0.20"},    {"grad.w2", "0.20"},
                      {"grad.s0", "0.20"},     {"grad.s1", "0.20"},    {"grad.w0", "-0.20"},
                      {"grad.x0", "0.4"},      {"grad.w1", "-0.39"},   {"grad.x1", "-0.59"}};
  trace_graph(trace, gates, f, by_gates);
  //! [gate_by_gate]
  trace.figure({"gates", "The sigmoid neuron gate by gate: forward values above each wire, gradients below",
                diagram_of(gates, f)});

  // ---- The sigmoid as one gate ---------------------------------------------------------------
  // "Computational graph representation may not be unique. Choose one where local gradients at
  // each node can be easily expressed": σ'(s3) = (1 − σ(s3))σ(s3).
  //! [sigmoid_as_one_gate]
  Graph neuron;
  const NodeId mw0 = neuron.input("w0", w0), mx0 = neuron.input("x0", x0);
  const NodeId mw1 = neuron.input("w1", w1), mx1 = neuron.input("x1", x1);
  const NodeId mw2 = neuron.input("w2", w2);
  const NodeId t0 = neuron.mul(mw0, mx0, "s0");
  const NodeId t1 = neuron.mul(mw1, mx1, "s1");
  const NodeId t2 = neuron.add(t0, t1, "s2");
  const NodeId t3 = neuron.add(t2, mw2, "s3");
  const NodeId loss = neuron.sigmoid(t3, "L");  // L = sigmoid(s3), as the implementation slide names it
  GraphTraceOptions one_gate;
  one_gate.prefix = "sig.";
  one_gate.symbols = symbols;
  one_gate.forward_section = "Forward pass with the sigmoid as one gate";
  one_gate.backward_section = "Backward pass with the sigmoid as one gate";
  if (!options.seed)
    one_gate.slide = {{"forward.L", "0.73"}, {"grad.L", "1.00"}, {"local.L.s3", "0.2"},
                      {"grad.s3", "0.2"},    {"grad.w0", "-0.2"}, {"grad.x0", "0.4"}};
  trace_graph(trace, neuron, loss, one_gate);
  //! [sigmoid_as_one_gate]
  trace.figure({"sigmoid_gate", "The same neuron with the sigmoid as one gate", diagram_of(neuron, loss)});

  // ---- Both graphs give one answer -----------------------------------------------------------
  //! [same_gradients]
  trace.section("Both graphs give the same gradients");
  trace.step("same.output", "The output: $1/(1 + e^{-s_3}) = \\sigma(s_3)$")
      .formula("f = L")
      .numbers("[[forward.f]] = [[sig.forward.L]]")
      .compute({"forward.f", "sig.forward.L"}, [](const Inputs& in) -> Value {
        const double gap = std::abs(in.scalar("forward.f") - in.scalar("sig.forward.L"));
        return Verdict{gap <= 1e-12, fmt::format("the two graphs agree to {:.1e}", gap)};
      });
  for (const char* name : {"w0", "x0", "w1", "x1", "w2"}) {
    const std::string a = fmt::format("grad.{}", name), b = fmt::format("sig.grad.{}", name);
    trace.step(fmt::format("same.{}", name), fmt::format("$\\partial f/\\partial {}$ on both graphs", symbols.at(name)))
        .formula(fmt::format("\\frac{{\\partial f}}{{\\partial {0}}} = \\frac{{\\partial L}}{{\\partial {0}}}",
                             symbols.at(name)))
        .numbers(fmt::format("[[{}]] = [[{}]]", a, b))
        .compute({a, b}, [a, b](const Inputs& in) -> Value {
          const double gap = std::abs(in.scalar(a) - in.scalar(b));
          return Verdict{gap <= 1e-12, fmt::format("the two graphs agree to {:.1e}", gap)};
        });
  }
  //! [same_gradients]
  return trace;
}

}  // namespace nnwb::chapters
