// Chapter 6, graph_xyz: f(x, y, z) = (x + y)z on a computation graph, and the patterns of gradient
// flow. Lecture: BMB "Backpropagation: Simple Example" (x = −2, y = 5, z = −4: q = 3, f = −12;
// ∂f/∂z = 3, ∂f/∂q = −4, ∂f/∂x = ∂f/∂y = −4) and "Patterns in Gradient Flow" (add distributes,
// mul swaps, copy adds, max routes).
#include <fmt/format.h>

#include "chapters.hpp"
#include "nnwb/graph_diagram.hpp"
#include "nnwb/graph_trace.hpp"
#include "nnwb/random.hpp"

namespace nnwb::chapters {
namespace graph_xyz_parts {  // the chapter's sections and what they share

// A verdict that two or more gradients in the trace are equal (a pattern of gradient flow).
Verdict all_equal(const Inputs& in, const std::vector<std::string>& names, std::string text) {
  bool holds = true;
  for (const auto& name : names) holds = holds && in.scalar(name) == in.scalar(names.front());
  return {holds, std::move(text)};
}

}  // namespace graph_xyz_parts

Trace graph_xyz(const ChapterOptions& options) {
  using namespace graph_xyz_parts;
  Trace trace("graph_xyz", "f(x, y, z) = (x + y)z on a computation graph");
  trace.summary("Backpropagation on the smallest interesting graph: an add gate feeding a mul gate. "
                "Each gradient is the upstream gradient times the gate's local gradient.")
      .source("BMB", "001_86790086ad6a4e65.txt",
              {"Backpropagation: Simple Example", "Patterns in Gradient Flow"})
      .convention("Scalar reverse mode: every backward step is [upstream gradient] × [local "
                  "gradient]; gradients arriving at one value by several paths add.")
      .notation("q", "the add gate's output, q = x + y")
      .notation("f", "the mul gate's output, f = qz")
      .notation("\\frac{\\partial f}{\\partial v}", "the gradient of f with respect to v")
      .seed(options.seed)
      .rounding({Rounding::Mode::decimals, 2});

  // The slide's inputs, or a variant's: small non-zero integers a student can multiply by hand.
  double x = -2, y = 5, z = -4;
  double px = 3, py = -4, pz = 2, pw = -1;  // the patterns graph (see below)
  if (options.seed) {
    Rng rng(*options.seed);
    x = rng.nonzero_decimal(-9, 9, 0);
    y = rng.nonzero_decimal(-9, 9, 0);
    z = rng.nonzero_decimal(-9, 9, 0);
    px = rng.nonzero_decimal(-5, 5, 0);
    py = rng.nonzero_decimal(-5, 5, 0);
    pz = rng.nonzero_decimal(-5, 5, 0);
    pw = rng.nonzero_decimal(-5, 5, 0);
    if (pz == pw) pw = -pz;  // the max gate must have a clear winner to show routing
  }
  trace.parameter("x", "x", "an input", x);
  trace.parameter("y", "y", "an input", y);
  trace.parameter("z", "z", "an input", z);

  // ---- (x + y)z ------------------------------------------------------------------------------
  //! [x_plus_y_times_z]
  Graph graph;
  const NodeId nx = graph.input("x", x), ny = graph.input("y", y), nz = graph.input("z", z);
  const NodeId q = graph.add(nx, ny, "q");  // q = x + y
  const NodeId f = graph.mul(q, nz, "f");   // f = qz
  GraphTraceOptions slides;
  if (!options.seed)  // what BMB's slides print for its example
    slides.slide = {{"forward.q", "3"},  {"forward.f", "-12"}, {"grad.f", "1"},  {"grad.z", "3"},
                    {"grad.q", "-4"},    {"grad.x", "-4"},     {"grad.y", "-4"}, {"local.q.x", "1"},
                    {"local.q.y", "1"},  {"local.f.q", "-4"},  {"local.f.z", "3"}};
  trace_graph(trace, graph, f, slides);
  //! [x_plus_y_times_z]
  trace.figure({"graph", "(x + y)z: forward values above each wire, gradients below", diagram_of(graph, f)});

  // ---- Patterns in gradient flow ------------------------------------------------------------
  // BMB's "Patterns in Gradient Flow" draws its four gates in figures whose numbers the text
  // lacks; we use f = 2(xy + max(z, w)), the graph those figures come from, and a copy gate
  // g = uv + u in which u feeds two gates.
  trace.parameter("pat.x", "x'", "patterns graph: an input", px);
  trace.parameter("pat.y", "y'", "patterns graph: an input", py);
  trace.parameter("pat.z", "z'", "patterns graph: an input", pz);
  trace.parameter("pat.w", "w'", "patterns graph: an input", pw);
  //! [patterns_graph]
  Graph patterns;
  const NodeId a = patterns.input("pat.x", px), b = patterns.input("pat.y", py);
  const NodeId c = patterns.input("pat.z", pz), d = patterns.input("pat.w", pw);
  const NodeId m = patterns.mul(a, b, "m");      // m = x'y'
  const NodeId r = patterns.max(c, d, "r");      // r = max(z', w')
  const NodeId s = patterns.add(m, r, "s");      // s = m + r
  const NodeId g = patterns.times_constant(s, 2, "g");  // g = 2s
  GraphTraceOptions pattern_options;
  pattern_options.prefix = "pat.";
  pattern_options.symbols = {{"pat.x", "x'"}, {"pat.y", "y'"}, {"pat.z", "z'"}, {"pat.w", "w'"}};
  pattern_options.forward_section = "Patterns: forward pass of g = 2(x'y' + max(z', w'))";
  pattern_options.backward_section = "Patterns: backward pass";
  trace_graph(trace, patterns, g, pattern_options);
  //! [patterns_graph]
  trace.figure({"patterns", "Patterns in gradient flow: add distributes, mul swaps, max routes",
                diagram_of(patterns, g)});

  //! [patterns_in_gradient_flow]
  trace.section("Patterns in gradient flow");
  trace.step("pattern.add", "add gate: gradient distributor")
      .formula("\\frac{\\partial g}{\\partial m} = \\frac{\\partial g}{\\partial r} = "
               "\\frac{\\partial g}{\\partial s}")
      .numbers("[[pat.grad.m]] = [[pat.grad.r]] = [[pat.grad.s]]")
      .compute({"pat.grad.m", "pat.grad.r", "pat.grad.s"}, [](const Inputs& in) -> Value {
        return all_equal(in, {"pat.grad.m", "pat.grad.r", "pat.grad.s"},
                         "the add gate passes its upstream gradient unchanged to both inputs");
      });
  trace.step("pattern.mul", "mul gate: swap multiplier")
      .formula("\\frac{\\partial g}{\\partial x'} = y' \\frac{\\partial g}{\\partial m}, \\quad "
               "\\frac{\\partial g}{\\partial y'} = x' \\frac{\\partial g}{\\partial m}")
      .numbers("[[pat.grad.pat.x]] = [[pat.y]] \\cdot [[pat.grad.m]], \\quad [[pat.grad.pat.y]] = "
               "[[pat.x]] \\cdot [[pat.grad.m]]")
      .compute({"pat.grad.pat.x", "pat.grad.pat.y", "pat.x", "pat.y", "pat.grad.m"},
               [](const Inputs& in) -> Value {
                 const double up = in.scalar("pat.grad.m");
                 const bool holds = in.scalar("pat.grad.pat.x") == in.scalar("pat.y") * up &&
                                    in.scalar("pat.grad.pat.y") == in.scalar("pat.x") * up;
                 return Verdict{holds, "each input of a mul gate gets the upstream gradient times "
                                       "the other input"};
               });
  trace.step("pattern.max", "max gate: gradient router")
      .formula("\\frac{\\partial g}{\\partial z'} = \\mathbb{1}(z' \\ge w') "
               "\\frac{\\partial g}{\\partial r}, \\quad \\frac{\\partial g}{\\partial w'} = "
               "\\mathbb{1}(w' > z') \\frac{\\partial g}{\\partial r}")
      .numbers("[[pat.grad.pat.z]], \\quad [[pat.grad.pat.w]]")
      .compute({"pat.grad.pat.z", "pat.grad.pat.w", "pat.z", "pat.w", "pat.grad.r"},
               [](const Inputs& in) -> Value {
                 const bool z_wins = in.scalar("pat.z") >= in.scalar("pat.w");
                 const double up = in.scalar("pat.grad.r");
                 const bool holds = in.scalar("pat.grad.pat.z") == (z_wins ? up : 0.0) &&
                                    in.scalar("pat.grad.pat.w") == (z_wins ? 0.0 : up);
                 return Verdict{holds, fmt::format("the larger input ({}) takes the whole upstream "
                                                   "gradient; the other gets 0",
                                                   z_wins ? "z'" : "w'")};
               });
  //! [patterns_in_gradient_flow]

  // The copy gate: u feeds both the mul and the add, so its gradient is the sum of two paths.
  trace.parameter("copy.u", "u", "copy graph: the copied input", px);
  trace.parameter("copy.v", "v", "copy graph: an input", py);
  //! [copy_gate]
  Graph copy;
  const NodeId u = copy.input("copy.u", px), v = copy.input("copy.v", py);
  const NodeId uv = copy.mul(u, v, "uv");  // p = uv
  const NodeId h = copy.add(uv, u, "h");   // h = p + u
  GraphTraceOptions copy_options;
  copy_options.prefix = "copy.";
  // The product is p, not uv: the add gate's local gradient ∂(p + u)/∂u = 1 holds p fixed, which
  // ∂(uv + u)/∂u would hide.
  copy_options.symbols = {{"copy.u", "u"}, {"copy.v", "v"}, {"uv", "p"}};
  copy_options.forward_section = "Patterns: forward pass of h = uv + u";
  copy_options.backward_section = "Patterns: backward pass of h, where u is copied";
  trace_graph(trace, copy, h, copy_options);
  //! [copy_gate]
  trace.figure({"copy", "A copy gate: u feeds two gates, and its gradient is the sum of both wires",
                diagram_of(copy, h)});

  //! [copy_gate_adds_gradients]
  trace.section("Patterns in gradient flow");
  trace.step("pattern.copy", "copy gate: gradient adder")
      .formula("\\frac{\\partial h}{\\partial u} = \\frac{\\partial h}{\\partial u}\\Big|_{p} + "
               "\\frac{\\partial h}{\\partial u}\\Big|_{h} = v + 1")
      .numbers("[[copy.grad.copy.u]] = [[copy.v]] + 1")
      .compute({"copy.grad.copy.u", "copy.v"}, [](const Inputs& in) -> Value {
        return Verdict{in.scalar("copy.grad.copy.u") == in.scalar("copy.v") + 1.0,
                       "a value used twice receives the sum of the gradients of both uses"};
      });
  //! [copy_gate_adds_gradients]
  return trace;
}

}  // namespace nnwb::chapters
