// Chapter 9, xnor_mlp: logical XNOR with a two-layer network of step units, then the same network
// with sigmoid units fed forward and back-propagated, then the 2-2-1 feedforward expansion.
// Lecture: BMB 001_86790086ad6a4e65.txt
//   "Solution to Logical XNOR with MLP": the table. Hidden unit 1 weights (−0.3, 0.2, 0.2), hidden
//     unit 2 (0.2, −0.2, −0.2), output (−0.1, 0.2, 0.2), step g; rows (0,0), (0,1), (1,0), (1,1):
//     z₁⁽²⁾ = −0.3/−0.1/−0.1/0.1, a₁⁽²⁾ = 0/0/0/1, z₂⁽²⁾ = 0.2/0/0/−0.2, a₂⁽²⁾ = 1/0/0/0,
//     z₁⁽³⁾ = 0.1/−0.1/−0.1/0.1, a₁⁽³⁾ = 1/0/0/1.
//   "Notation for Logical XNOR with MLP" (two slides): W⁽¹⁾ of shape s₂×(s₁+1), bias first column,
//     W⁽¹⁾X⁽¹⁾ = z⁽²⁾, g(z⁽²⁾) = a⁽²⁾; W⁽²⁾ of shape s₃×(s₂+1), h_W(x) = g(w₁₀⁽²⁾a₀⁽²⁾ + …).
//   "Example I": sigmoid units, feed (1, 1) forward to a₁⁽³⁾, back-propagate to δ₁⁽²⁾. The weights
//     are in a figure the text lacks; we take the classic sigmoid XNOR weights (−30, 20, 20),
//     (10, −20, −20), (−10, 20, 20). δ as on "Neural Networks Backpropagation": δ⁽ᴸ⁾ = (y − a)∘g'.
//   "Feedforward Example": a₅ = g(W₃₅ g(W₁₃a₁ + W₂₃a₂) + W₄₅ g(W₁₄a₁ + W₂₄a₂)), no numbers.
//
// Floating point and the step: 0.2 − 0.2 is 0 in doubles, but −0.3 + 0.2 + 0.2 is
// 0.10000000000000003 and 0.1 + 0.2 − 0.3 is 5.6e−17 > 0. Every weighted sum of the step network is
// therefore rounded to 9 decimal places (on_decimals) before g compares it with 0: sums of numbers
// with at most 9 decimals are then exact decimals, and z = 0 gives g(0) = 0 as on the slide.
//
// Shapes (one legend for the file): x: (2); X⁽¹⁾ = [1ᵀ; x…]: (3, m); W⁽¹⁾: (2, 3); W⁽²⁾: (1, 3);
// z⁽²⁾, a⁽²⁾, δ⁽²⁾: (2) per sample, (2, m) for all four; [1; a⁽²⁾]: (3).
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "chapters.hpp"
#include "nnwb/activations.hpp"
#include "nnwb/bias_column.hpp"
#include "nnwb/gradient_check.hpp"
#include "nnwb/mlp.hpp"
#include "nnwb/random.hpp"

namespace nnwb::chapters {
namespace xnor_mlp_parts {  // the chapter's sections and what they share

// A weighted sum of decimals, rounded to 9 decimal places so that binary rounding (5.6e−17 for
// 0.1 + 0.2 − 0.3) cannot decide the step: see the header comment.
double on_decimals(double z) { return std::round(z * 1e9) / 1e9; }
Eigen::MatrixXd on_decimals(const Eigen::MatrixXd& z) { return z.unaryExpr([](double v) { return on_decimals(v); }); }

// One unit of the step network: g(w₀ + w₁x₁ + w₂x₂) with the sum on decimals.
double step_unit(const std::array<double, 3>& w, double x1, double x2) {
  return step(on_decimals(w[0] * 1.0 + w[1] * x1 + w[2] * x2));  // x₀ = 1
}

// The truth table of a two-input function as a 4-bit mask: bit 2p + q is f(p, q).
int truth_mask(double f00, double f01, double f10, double f11) {
  return (f00 > 0.5 ? 1 : 0) | (f01 > 0.5 ? 2 : 0) | (f10 > 0.5 ? 4 : 0) | (f11 > 0.5 ? 8 : 0);
}

// The name of a two-input Boolean function, in the variables p and q.
std::string boolean_name(int mask, const std::string& p, const std::string& q) {
  switch (mask) {
    case 0: return "0";
    case 1: return fmt::format("NOT {0} AND NOT {1}", p, q);
    case 2: return fmt::format("NOT {0} AND {1}", p, q);
    case 3: return fmt::format("NOT {0}", p);
    case 4: return fmt::format("{0} AND NOT {1}", p, q);
    case 5: return fmt::format("NOT {0}", q);
    case 6: return fmt::format("{0} XOR {1}", p, q);
    case 7: return fmt::format("NOT ({0} AND {1})", p, q);
    case 8: return fmt::format("{0} AND {1}", p, q);
    case 9: return fmt::format("{0} XNOR {1}", p, q);
    case 10: return q;
    case 11: return fmt::format("NOT {0} OR {1}", p, q);
    case 12: return p;
    case 13: return fmt::format("{0} OR NOT {1}", p, q);
    case 14: return fmt::format("{0} OR {1}", p, q);
    default: return "1";
  }
}

// XNOR: 1 when the inputs agree.
double xnor(double x1, double x2) { return x1 == x2 ? 1.0 : 0.0; }

// The step network's weights, as the slide's three triples.
struct StepNet {
  std::array<double, 3> h1{-0.3, 0.2, 0.2}, h2{0.2, -0.2, -0.2}, out{-0.1, 0.2, 0.2};
  double output(double x1, double x2) const {
    return step_unit(out, step_unit(h1, x1, x2), step_unit(h2, x1, x2));
  }
  bool computes_xnor() const {
    for (double x1 : {0.0, 1.0})
      for (double x2 : {0.0, 1.0})
        if (output(x1, x2) != xnor(x1, x2)) return false;
    return true;
  }
};

// The sigmoid network of Example I in BMB's matrices. W1: (2, 3), W2: (1, 3)
struct SigmoidNet {
  Eigen::MatrixXd W1, W2;
  Mlp mlp() const {
    return Mlp({dense_from_bias_column(W1, Activation::sigmoid()), dense_from_bias_column(W2, Activation::sigmoid())});
  }
};

SigmoidNet classic_sigmoid_net() {
  SigmoidNet n{Eigen::MatrixXd(2, 3), Eigen::MatrixXd(1, 3)};
  n.W1 << -30, 20, 20,  //  AND: fires only for (1, 1)
      10, -20, -20;     //  NOR: fires only for (0, 0)
  n.W2 << -10, 20, 20;  //  OR of the two
  return n;
}

// Small integer weights that compute XNOR when a₁⁽³⁾ is read as 1 above 0.5 (by at least 0.1 on
// every input) and leave every unit unsaturated (|z| ≤ 5) on the example's input x.
bool good_sigmoid_net(const SigmoidNet& n, const Eigen::Vector2d& x) {
  const Mlp mlp = n.mlp();
  Eigen::MatrixXd X(2, 4);
  X << 0, 0, 1, 1, 0, 1, 0, 1;
  const Eigen::MatrixXd out = mlp.predict(X);  // (1, 4)
  for (Eigen::Index k = 0; k < 4; ++k)
    if (std::abs(out(0, k) - 0.5) < 0.1 || (out(0, k) > 0.5) != (xnor(X(0, k), X(1, k)) == 1.0)) return false;
  const ForwardPass pass = mlp.forward(x);
  for (const auto& z : pass.pre_activations)
    if (z.cwiseAbs().maxCoeff() > 5.0) return false;
  return true;
}

// Example I's weights while they are drawn: W⁽¹⁾ and W⁽²⁾ row by row, bias first, as integers.
//
// Why not good_sigmoid_net alone: about one candidate in 26 000 is good, and building and running
// an Mlp for each made a seed cost tens of milliseconds (tenths of a second for some), which the
// grader pays once per student. So a candidate is judged by the same condition on plain numbers, and
// good_sigmoid_net decides only where the two could differ. z⁽²⁾ is an exact integer (integer
// weights, inputs 0 or 1) and a⁽²⁾ = g(z⁽²⁾) is the very sigmoid the Mlp calls, on the same
// integer; but z⁽³⁾ could differ from the Mlp's in its last bits (the order of the sum, a fused
// multiply-add), so a test that comes within 1e−9 of its threshold is left to the Mlp. Every
// candidate is accepted or rejected exactly as before, and a seed draws the weights it always drew.
struct SigmoidDraw {
  std::array<std::array<int, 3>, 2> W1{};  // w⁽¹⁾_ik: (2, 3)
  std::array<int, 3> W2{};                 // w⁽²⁾_1k: (1, 3)

  // g(z) for every integer z⁽²⁾ can be (|z| ≤ 3·6), computed once by the sigmoid the Mlp calls.
  static double g(int z) {
    static const std::array<double, 37> table = [] {
      std::array<double, 37> t{};
      for (int k = -18; k <= 18; ++k) t[static_cast<std::size_t>(k + 18)] = sigmoid(k);
      return t;
    }();
    return table[static_cast<std::size_t>(z + 18)];
  }
  // z_i⁽²⁾ = w_i0 + w_i1 x₁ + w_i2 x₂
  int z2(std::size_t i, int x1, int x2) const { return W1[i][0] + W1[i][1] * x1 + W1[i][2] * x2; }
  // z₁⁽³⁾ = w₁₀ + w₁₁a₁⁽²⁾ + w₁₂a₂⁽²⁾, summed in the Mlp's order (W a, then + b)
  double z3(int x1, int x2) const {
    return (W2[1] * g(z2(0, x1, x2)) + W2[2] * g(z2(1, x1, x2))) + W2[0];
  }
  SigmoidNet matrices() const {
    SigmoidNet n{Eigen::MatrixXd(2, 3), Eigen::MatrixXd(1, 3)};
    for (Eigen::Index k = 0; k < 3; ++k) {
      const auto c = static_cast<std::size_t>(k);
      n.W1(0, k) = W1[0][c];
      n.W1(1, k) = W1[1][c];
      n.W2(0, k) = W2[c];
    }
    return n;
  }
};

// good_sigmoid_net's condition on plain numbers: holds, fails, or too close to a threshold to tell.
enum class Judgement { holds, fails, too_close };
Judgement judge_sigmoid_net(const SigmoidDraw& n, int x1, int x2) {
  constexpr double margin = 1e-9;  // far above z⁽³⁾'s rounding (< 1e−14), far below a real gap
  bool too_close = false;
  // Unsaturated on x: |z⁽²⁾_i| ≤ 5, exact, tested first as it is the cheapest …
  if (std::abs(n.z2(0, x1, x2)) > 5 || std::abs(n.z2(1, x1, x2)) > 5) return Judgement::fails;
  // … and |z⁽³⁾_1| ≤ 5.
  const double excess = std::abs(n.z3(x1, x2)) - 5.0;
  if (std::abs(excess) <= margin) too_close = true;
  else if (excess > 0.0) return Judgement::fails;
  // XNOR, with a₁⁽³⁾ read as 1 above 0.5 by at least 0.1 on every input.
  for (int p : {0, 1})
    for (int q : {0, 1}) {
      const double a = sigmoid(n.z3(p, q));  // h_W(x) = a₁⁽³⁾
      const double clearance = std::abs(a - 0.5) - 0.1;
      if (std::abs(clearance) <= margin) too_close = true;
      else if (clearance < 0.0 || (a > 0.5) != (p == q)) return Judgement::fails;
    }
  return too_close ? Judgement::too_close : Judgement::holds;
}

// good_sigmoid_net(n, x), decided on plain numbers wherever that is safe.
bool good_sigmoid_net(const SigmoidDraw& n, const Eigen::Vector2d& x) {
  switch (judge_sigmoid_net(n, static_cast<int>(x[0]), static_cast<int>(x[1]))) {
    case Judgement::holds: return true;
    case Judgement::fails: return false;
    case Judgement::too_close: break;
  }
  return good_sigmoid_net(n.matrices(), x);
}

// What the chapter works with: the lecture's numbers, or a variant's.
struct Setting {
  StepNet step;
  std::array<std::array<double, 2>, 4> rows{{{0, 0}, {0, 1}, {1, 0}, {1, 1}}};  // the table's inputs
  SigmoidNet sigmoid = classic_sigmoid_net();
  Eigen::Vector2d example_x{1, 1};                         // Example I's input
  std::array<double, 6> ff{1.5, -0.5, -1.0, 0.5, 1.0, -2.0};  // W₁₃, W₂₃, W₁₄, W₂₄, W₃₅, W₄₅ (ours)
  std::array<double, 2> ff_input{1, 1};                   // a₁, a₂
};

Setting drawn_setting(std::uint64_t seed) {
  Rng rng(seed);
  Setting s;
  // Another order of the four rows (Fisher–Yates).
  for (int i = 3; i > 0; --i) std::swap(s.rows[i], s.rows[static_cast<std::size_t>(rng.integer(0, i))]);
  // Other small weights (tenths in [−0.5, 0.5], never 0), drawn again until the network computes XNOR.
  do {
    for (auto* unit : {&s.step.h1, &s.step.h2, &s.step.out})
      for (double& w : *unit) w = rng.nonzero_decimal(-0.5, 0.5, 1);
  } while (!s.step.computes_xnor());
  // Example I: one of the four inputs, and small integer weights that compute XNOR unsaturated.
  const auto& pick = s.rows[static_cast<std::size_t>(rng.integer(0, 3))];
  s.example_x = Eigen::Vector2d(pick[0], pick[1]);
  // The draws of rng.decimals(2, 3, −6, 6, 0) and rng.decimals(1, 3, −6, 6, 0), row by row, into
  // plain arrays, with no allocation per candidate: rng.integer(−6, 6) is rng.decimal(−6, 6, 0)
  // (k / 10⁰ = k) without its floating-point steps (see SigmoidDraw).
  SigmoidDraw net;
  do {
    for (auto& row : net.W1)
      for (int& w : row) w = static_cast<int>(rng.integer(-6, 6));
    for (int& w : net.W2) w = static_cast<int>(rng.integer(-6, 6));
  } while (!good_sigmoid_net(net, s.example_x));
  s.sigmoid = net.matrices();
  // The feedforward example: weights in tenths, inputs 0 or 1.
  for (double& w : s.ff) w = rng.nonzero_decimal(-2, 2, 1);
  for (double& a : s.ff_input) a = rng.decimal(0, 1, 0);
  return s;
}

// ---- the sections, in reading order --------------------------------------------------------------

// The parameters: every number the chapter starts from.
void draw_parameters(Trace& trace, const Setting& s) {
  const std::array<std::pair<const char*, const std::array<double, 3>*>, 3> units = {
      {{"w1.1", &s.step.h1}, {"w1.2", &s.step.h2}, {"w2.1", &s.step.out}}};
  const char* unit_meaning[] = {"hidden unit 1", "hidden unit 2", "the output unit"};
  for (std::size_t u = 0; u < 3; ++u)
    for (int k = 0; k < 3; ++k) {
      const int layer = u < 2 ? 1 : 2, i = u < 2 ? static_cast<int>(u) + 1 : 1;
      trace.parameter(fmt::format("{}{}", units[u].first, k), fmt::format("w^{{({})}}_{{{}{}}}", layer, i, k),
                      k == 0 ? fmt::format("{}'s bias weight (on the bias unit, 1)", unit_meaning[u])
                             : fmt::format("{}'s weight on {}", unit_meaning[u],
                                           layer == 1 ? fmt::format("$x_{}$", k) : fmt::format("$a^{{(2)}}_{}$", k)),
                      (*units[u].second)[static_cast<std::size_t>(k)]);
    }
  for (int r = 1; r <= 4; ++r)
    for (int k = 1; k <= 2; ++k)
      trace.parameter(fmt::format("row{}.x{}", r, k), fmt::format("x_{}", k),
                      fmt::format("input $x_{}$ of the table's row {}", k, r),
                      s.rows[static_cast<std::size_t>(r - 1)][static_cast<std::size_t>(k - 1)]);
  trace.parameter("ex1.W1", "W^{(1)}", "Example I's hidden layer, bias first column", s.sigmoid.W1);
  trace.parameter("ex1.W2", "W^{(2)}", "Example I's output layer, bias first column", s.sigmoid.W2);
  trace.parameter("ex1.x", "\\mathbf{x}", "Example I's input $(x_1, x_2)$", Eigen::VectorXd(s.example_x));
  trace.parameter("ex1.y", "y", "its target, $x_1$ XNOR $x_2$", xnor(s.example_x[0], s.example_x[1]));
  const char* ff_names[] = {"ff.W13", "ff.W23", "ff.W14", "ff.W24", "ff.W35", "ff.W45"};
  const char* ff_symbols[] = {"W_{1,3}", "W_{2,3}", "W_{1,4}", "W_{2,4}", "W_{3,5}", "W_{4,5}"};
  for (std::size_t k = 0; k < 6; ++k)
    trace.parameter(ff_names[k], ff_symbols[k], "a weight of the feedforward example (from node i to node j)",
                    s.ff[k]);
  trace.parameter("ff.a1", "a_1", "the feedforward example's first input", s.ff_input[0]);
  trace.parameter("ff.a2", "a_2", "its second input", s.ff_input[1]);
}

// "Solution to Logical XNOR with MLP": the table, row by row.
void table_row_by_row(Trace& trace, bool slide) {
  // What the slide prints in each column, rows (0,0), (0,1), (1,0), (1,1).
  const std::array<std::array<const char*, 4>, 6> printed = {{{"-0.3", "-0.1", "-0.1", "0.1"},
                                                              {"0", "0", "0", "1"},
                                                              {"0.2", "0", "0", "-0.2"},
                                                              {"1", "0", "0", "0"},
                                                              {"0.1", "-0.1", "-0.1", "0.1"},
                                                              {"1", "0", "0", "1"}}};
  const auto mark = [&](int column, int r) -> std::string {
    return slide ? printed[static_cast<std::size_t>(column)][static_cast<std::size_t>(r - 1)] : "";
  };
  trace.section("Solution to Logical XNOR with MLP: the table, row by row");
  //! [the_table_row_by_row]
  for (int r = 1; r <= 4; ++r) {
    const std::string row = fmt::format("row{}", r), x1 = row + ".x1", x2 = row + ".x2";
    const std::string id = "table." + row;
    // Hidden units: z_i⁽²⁾ = x₀w_i0⁽¹⁾ + x₁w_i1⁽¹⁾ + x₂w_i2⁽¹⁾ (x₀ = 1), a_i⁽²⁾ = g(z_i⁽²⁾)
    for (int i = 1; i <= 2; ++i) {
      const std::string w = fmt::format("w1.{}", i);
      trace.step(fmt::format("{}.z{}", id, i), fmt::format("Row {}, hidden unit {}: $z^{{(2)}}_{}$", r, i, i))
          .formula(fmt::format("z^{{(2)}}_{0} = x_0 w^{{(1)}}_{{{0}0}} + x_1 w^{{(1)}}_{{{0}1}} + x_2 w^{{(1)}}_{{{0}2}}", i))
          .numbers(fmt::format("1 \\cdot [[{0}0]] + [[{1}]] \\cdot [[{0}1]] + [[{2}]] \\cdot [[{0}2]]", w, x1, x2))
          .slide(mark(2 * (i - 1), r))
          .compute({w + "0", w + "1", w + "2", x1, x2}, [w, x1, x2](const Inputs& in) -> Value {
            return on_decimals(1.0 * in.scalar(w + "0") + in.scalar(x1) * in.scalar(w + "1") +
                               in.scalar(x2) * in.scalar(w + "2"));  // x₀w₀ + x₁w₁ + x₂w₂, on decimals
          });
      const std::string z = fmt::format("{}.z{}", id, i);
      trace.step(fmt::format("{}.a{}", id, i), fmt::format("Row {}, hidden unit {}: $a^{{(2)}}_{} = g(z^{{(2)}}_{})$", r, i, i, i))
          .formula(fmt::format("a^{{(2)}}_{0} = g(z^{{(2)}}_{0}) = \\begin{{cases}} 1 & z^{{(2)}}_{0} > 0 \\\\ 0 & \\text{{otherwise}} \\end{{cases}}", i))
          .numbers(fmt::format("g([[{}]])", z))
          .slide(mark(2 * (i - 1) + 1, r))
          .compute({z}, [z](const Inputs& in) -> Value { return step(in.scalar(z)); });  // g(0) = 0
    }
    // Output: z₁⁽³⁾ = a₀⁽²⁾w₁₀⁽²⁾ + a₁⁽²⁾w₁₁⁽²⁾ + a₂⁽²⁾w₁₂⁽²⁾ (a₀⁽²⁾ = 1), a₁⁽³⁾ = g(z₁⁽³⁾)
    const std::string a1 = id + ".a1", a2 = id + ".a2";
    trace.step(id + ".z3", fmt::format("Row {}, the output unit: $z^{{(3)}}_1$", r))
        .formula("z^{(3)}_1 = a^{(2)}_0 w^{(2)}_{10} + a^{(2)}_1 w^{(2)}_{11} + a^{(2)}_2 w^{(2)}_{12}")
        .numbers(fmt::format("1 \\cdot [[w2.10]] + [[{}]] \\cdot [[w2.11]] + [[{}]] \\cdot [[w2.12]]", a1, a2))
        .slide(mark(4, r))
        .compute({"w2.10", "w2.11", "w2.12", a1, a2}, [a1, a2](const Inputs& in) -> Value {
          return on_decimals(1.0 * in.scalar("w2.10") + in.scalar(a1) * in.scalar("w2.11") +
                             in.scalar(a2) * in.scalar("w2.12"));
        });
    trace.step(id + ".a3", fmt::format("Row {}, the output $h_W(x) = a^{{(3)}}_1 = g(z^{{(3)}}_1)$", r))
        .formula("h_W(x) = a^{(3)}_1 = g(z^{(3)}_1)")
        .numbers(fmt::format("g([[{}.z3]])", id))
        .slide(mark(5, r))
        .compute({id + ".z3"}, [z = id + ".z3"](const Inputs& in) -> Value { return step(in.scalar(z)); });
    trace.step(id + ".xnor", fmt::format("Row {}: is $a^{{(3)}}_1 = x_1 \\text{{ XNOR }} x_2$?", r))
        .formula("a^{(3)}_1 = \\begin{cases} 1 & x_1 = x_2 \\\\ 0 & x_1 \\neq x_2 \\end{cases}")
        .numbers(fmt::format("[[{}.a3]] = [[{}]] \\text{{ XNOR }} [[{}]]", id, x1, x2))
        .compute({id + ".a3", x1, x2}, [a3 = id + ".a3", x1, x2](const Inputs& in) -> Value {
          const double want = xnor(in.scalar(x1), in.scalar(x2)), got = in.scalar(a3);
          return Verdict{got == want, fmt::format("{} XNOR {} = {:g}, the network gives {:g}", in.scalar(x1),
                                                  in.scalar(x2), want, got)};
        });
  }
  //! [the_table_row_by_row]
}

// What each unit computes.
void what_each_unit_computes(Trace& trace) {
  trace.section("What each unit computes");
  //! [what_each_unit_computes]
  for (int i = 1; i <= 2; ++i) {
    const std::string w = fmt::format("w1.{}", i);
    trace.step(fmt::format("units.hidden{}", i), fmt::format("Hidden unit {} as a logical function of $x_1, x_2$", i))
        .formula(fmt::format("a^{{(2)}}_{0}(x_1, x_2) = g(w^{{(1)}}_{{{0}0}} + w^{{(1)}}_{{{0}1}} x_1 + w^{{(1)}}_{{{0}2}} x_2)", i))
        .compute({w + "0", w + "1", w + "2"}, [w, i](const Inputs& in) -> Value {
          const std::array<double, 3> u{in.scalar(w + "0"), in.scalar(w + "1"), in.scalar(w + "2")};
          const int mask = truth_mask(step_unit(u, 0, 0), step_unit(u, 0, 1), step_unit(u, 1, 0), step_unit(u, 1, 1));
          return Verdict{true, fmt::format("a{}⁽²⁾ = {}", i == 1 ? "₁" : "₂", boolean_name(mask, "x₁", "x₂"))};
        });
  }
  trace.step("units.output", "The output unit as a logical function of $a^{(2)}_1, a^{(2)}_2$")
      .formula("a^{(3)}_1(a^{(2)}_1, a^{(2)}_2) = g(w^{(2)}_{10} + w^{(2)}_{11} a^{(2)}_1 + w^{(2)}_{12} a^{(2)}_2)")
      .compute({"w2.10", "w2.11", "w2.12"}, [](const Inputs& in) -> Value {
        const std::array<double, 3> u{in.scalar("w2.10"), in.scalar("w2.11"), in.scalar("w2.12")};
        const int mask = truth_mask(step_unit(u, 0, 0), step_unit(u, 0, 1), step_unit(u, 1, 0), step_unit(u, 1, 1));
        return Verdict{true, fmt::format("a₁⁽³⁾ = {}", boolean_name(mask, "a₁⁽²⁾", "a₂⁽²⁾"))};
      });
  {
    std::vector<std::string> inputs;
    for (const char* u : {"w1.1", "w1.2", "w2.1"})
      for (int k = 0; k < 3; ++k) inputs.push_back(fmt::format("{}{}", u, k));
    trace.step("units.composition", "Together: the composition is XNOR")
        .formula("x_1 \\text{ XNOR } x_2 = a^{(3)}_1\\big(a^{(2)}_1(x_1, x_2),\\ a^{(2)}_2(x_1, x_2)\\big)")
        .compute(inputs, [](const Inputs& in) -> Value {
          const auto unit = [&](const char* u) {
            return std::array<double, 3>{in.scalar(fmt::format("{}0", u)), in.scalar(fmt::format("{}1", u)),
                                         in.scalar(fmt::format("{}2", u))};
          };
          const auto h1 = unit("w1.1"), h2 = unit("w1.2"), out = unit("w2.1");
          const auto mask_of = [](const std::array<double, 3>& u) {
            return truth_mask(step_unit(u, 0, 0), step_unit(u, 0, 1), step_unit(u, 1, 0), step_unit(u, 1, 1));
          };
          const std::string name =
              boolean_name(mask_of(out), "(" + boolean_name(mask_of(h1), "x₁", "x₂") + ")",
                           "(" + boolean_name(mask_of(h2), "x₁", "x₂") + ")");
          const StepNet net{h1, h2, out};
          return Verdict{net.computes_xnor(),
                         fmt::format("h_W(x) = {}, which is {}x₁ XNOR x₂", name, net.computes_xnor() ? "" : "not ")};
        });
  }
  //! [what_each_unit_computes]
}

// "Notation for Logical XNOR with MLP": all four rows at once, in matrices.
void all_rows_in_matrices(Trace& trace) {
  trace.section("Notation for Logical XNOR with MLP: the four rows in matrix form");
  trace.step("matrix.W1", "The hidden layer's weights $W^{(1)}$, of shape $s_2 \\times (s_1 + 1) = 2 \\times 3$")
      .formula("W^{(1)} = \\begin{bmatrix} w^{(1)}_{10} & w^{(1)}_{11} & w^{(1)}_{12} \\\\ w^{(1)}_{20} & "
               "w^{(1)}_{21} & w^{(1)}_{22} \\end{bmatrix}_{s_2 \\times (s_1 + 1)}")
      .compute({"w1.10", "w1.11", "w1.12", "w1.20", "w1.21", "w1.22"}, [](const Inputs& in) -> Value {
        Eigen::MatrixXd W(2, 3);  // W⁽¹⁾: (2, 3)
        W << in.scalar("w1.10"), in.scalar("w1.11"), in.scalar("w1.12"), in.scalar("w1.20"), in.scalar("w1.21"),
            in.scalar("w1.22");
        return W;
      });
  trace.step("matrix.W2", "The output layer's weights $W^{(2)}$, of shape $s_3 \\times (s_2 + 1) = 1 \\times 3$")
      .formula("W^{(2)} = \\begin{bmatrix} w^{(2)}_{10} & w^{(2)}_{11} & w^{(2)}_{12} \\end{bmatrix}_{s_3 \\times (s_2 + 1)}")
      .compute({"w2.10", "w2.11", "w2.12"}, [](const Inputs& in) -> Value {
        Eigen::MatrixXd W(1, 3);  // W⁽²⁾: (1, 3)
        W << in.scalar("w2.10"), in.scalar("w2.11"), in.scalar("w2.12");
        return W;
      });
  {
    std::vector<std::string> xs;
    for (int r = 1; r <= 4; ++r) {
      xs.push_back(fmt::format("row{}.x1", r));
      xs.push_back(fmt::format("row{}.x2", r));
    }
    trace.step("matrix.X1", "The inputs $X^{(1)}$, one column per row of the table, $x_0 = 1$ on top")
        .formula("X^{(1)} = \\begin{bmatrix} x_0 \\\\ x_1 \\\\ x_2 \\end{bmatrix}_{(s_1 + 1) \\times m}")
        .compute(xs, [](const Inputs& in) -> Value {
          Eigen::MatrixXd x(2, 4);  // x: (2, m)
          for (int r = 1; r <= 4; ++r)
            x.col(r - 1) << in.scalar(fmt::format("row{}.x1", r)), in.scalar(fmt::format("row{}.x2", r));
          return with_bias_row(x);  // X⁽¹⁾ = [1ᵀ; x]: (3, m)
        });
  }
  //! [matrix_form]
  trace.step("matrix.Z2", "$W^{(1)} X^{(1)} = z^{(2)}$: both hidden units on all four rows")
      .formula("z^{(2)}_{s_2 \\times m} = W^{(1)}_{s_2 \\times (s_1 + 1)} \\times X^{(1)}_{(s_1 + 1) \\times m}")
      .numbers("[[matrix.W1]] [[matrix.X1]]")
      .compute({"matrix.W1", "matrix.X1"}, [](const Inputs& in) -> Value {
        return on_decimals(Eigen::MatrixXd(in.matrix("matrix.W1") * in.matrix("matrix.X1")));  // (2, 3)(3, m) → (2, m)
      });
  trace.step("matrix.A2", "$g(z^{(2)}) = a^{(2)}$")
      .formula("a^{(2)}_{s_2 \\times m} = g(z^{(2)})")
      .numbers("g([[matrix.Z2]])")
      .compute({"matrix.Z2"}, [](const Inputs& in) -> Value { return Activation::step().value(in.matrix("matrix.Z2")); });
  trace.step("matrix.A2b", "The bias unit $a^{(2)}_0 = 1$ on top")
      .formula("\\mathbf{a}^{(2)} = \\begin{bmatrix} a^{(2)}_0 \\\\ a^{(2)}_1 \\\\ a^{(2)}_2 \\end{bmatrix}_{(s_2 + 1) \\times m}")
      .compute({"matrix.A2"}, [](const Inputs& in) -> Value { return with_bias_row(in.matrix("matrix.A2")); });
  trace.step("matrix.Z3", "$W^{(2)} a^{(2)} = z^{(3)}$")
      .formula("z^{(3)}_{s_3 \\times m} = W^{(2)}_{s_3 \\times (s_2 + 1)} \\times \\mathbf{a}^{(2)}_{(s_2 + 1) \\times m}")
      .numbers("[[matrix.W2]] [[matrix.A2b]]")
      .compute({"matrix.W2", "matrix.A2b"}, [](const Inputs& in) -> Value {
        return on_decimals(Eigen::MatrixXd(in.matrix("matrix.W2") * in.matrix("matrix.A2b")));  // (1, 3)(3, m) → (1, m)
      });
  trace.step("matrix.A3", "$g(z^{(3)}) = a^{(3)} = h_W(x)$ for all four rows")
      .formula("a^{(3)}_{s_3 \\times m} = g(z^{(3)})")
      .numbers("g([[matrix.Z3]])")
      .compute({"matrix.Z3"}, [](const Inputs& in) -> Value { return Activation::step().value(in.matrix("matrix.Z3")); });
  //! [matrix_form]
  {
    std::vector<std::string> inputs = {"matrix.Z2", "matrix.Z3", "matrix.A3"};
    for (int r = 1; r <= 4; ++r)
      for (const char* c : {"z1", "z2", "z3", "a3"}) inputs.push_back(fmt::format("table.row{}.{}", r, c));
    trace.step("matrix.same", "The matrix form gives the table, column by column")
        .formula("\\big(z^{(2)}, z^{(3)}, a^{(3)}\\big)_{:, r} = \\text{row } r \\text{ of the table}")
        .compute(inputs, [](const Inputs& in) -> Value {
          double gap = 0.0;
          for (int r = 1; r <= 4; ++r) {
            const auto c = static_cast<Eigen::Index>(r - 1);
            const auto cell = [&](const char* name) { return in.scalar(fmt::format("table.row{}.{}", r, name)); };
            gap = std::max({gap, std::abs(in.matrix("matrix.Z2")(0, c) - cell("z1")),
                            std::abs(in.matrix("matrix.Z2")(1, c) - cell("z2")),
                            std::abs(in.matrix("matrix.Z3")(0, c) - cell("z3")),
                            std::abs(in.matrix("matrix.A3")(0, c) - cell("a3"))});
          }
          return Verdict{gap == 0.0, gap == 0.0 ? "every column equals its row of the table, exactly"
                                                : fmt::format("a column differs from the table by {:.1e}", gap)};
        });
  }
}

// "Example I": sigmoid units, forward to a₁⁽³⁾ and back to δ₁⁽²⁾.
void example_one(Trace& trace) {
  trace.section("Example I: sigmoid units, forward to $a^{(3)}_1$, back to $\\delta^{(2)}_1$");
  //! [example_i_forward]
  trace.step("example1.a1", "The input with its bias unit: $a^{(1)} = [1; \\mathbf{x}]$")
      .formula("a^{(1)} = \\begin{bmatrix} a^{(1)}_0 \\\\ \\mathbf{x} \\end{bmatrix}, \\quad a^{(1)}_0 = 1")
      .compute({"ex1.x"}, [](const Inputs& in) -> Value { return with_bias_unit(in.vector("ex1.x")); });  // (3)
  trace.step("example1.z2", "Hidden weighted sums $z^{(2)} = W^{(1)} a^{(1)}$")
      .formula("z^{(2)} = W^{(1)} a^{(1)}")
      .numbers("[[ex1.W1]] [[example1.a1]]")
      .compute({"ex1.W1", "example1.a1"}, [](const Inputs& in) -> Value {
        return Eigen::VectorXd(in.matrix("ex1.W1") * in.vector("example1.a1"));  // (2, 3)(3) → (2)
      });
  trace.step("example1.a2", "Hidden activations $a^{(2)} = g(z^{(2)})$, g the sigmoid")
      .formula("a^{(2)} = g(z^{(2)}) = \\frac{1}{1 + e^{-z^{(2)}}}")
      .numbers("g([[example1.z2]])")
      .compute({"example1.z2"}, [](const Inputs& in) -> Value {
        return Eigen::VectorXd(Activation::sigmoid().value(in.vector("example1.z2")));  // (2)
      });
  trace.step("example1.a2b", "With the bias unit: $[1; a^{(2)}]$")
      .formula("\\begin{bmatrix} a^{(2)}_0 \\\\ a^{(2)} \\end{bmatrix}, \\quad a^{(2)}_0 = 1")
      .compute({"example1.a2"}, [](const Inputs& in) -> Value { return with_bias_unit(in.vector("example1.a2")); });
  trace.step("example1.z3", "The output's weighted sum $z^{(3)}_1 = W^{(2)} [1; a^{(2)}]$")
      .formula("z^{(3)}_1 = W^{(2)} \\begin{bmatrix} a^{(2)}_0 \\\\ a^{(2)} \\end{bmatrix} = w^{(2)}_{10} + "
               "w^{(2)}_{11} a^{(2)}_1 + w^{(2)}_{12} a^{(2)}_2")
      .numbers("[[ex1.W2]] [[example1.a2b]]")
      .compute({"ex1.W2", "example1.a2b"}, [](const Inputs& in) -> Value {
        return in.matrix("ex1.W2").row(0).dot(in.vector("example1.a2b"));  // (1, 3)(3) → scalar
      });
  trace.step("example1.a3", "Example I's answer: $a^{(3)}_1 = g(z^{(3)}_1) = h_W(\\mathbf{x})$")
      .formula("a^{(3)}_1 = g(z^{(3)}_1)")
      .numbers("g([[example1.z3]])")
      .compute({"example1.z3"}, [](const Inputs& in) -> Value { return sigmoid(in.scalar("example1.z3")); });
  trace.step("example1.class", "Read as a class: $a^{(3)}_1 > 0.5$ means 1")
      .formula("\\hat{y} = \\mathbb{1}\\{a^{(3)}_1 > 0.5\\} = y = x_1 \\text{ XNOR } x_2 \\ ?")
      .numbers("\\mathbb{1}\\{[[example1.a3]] > 0.5\\} = [[ex1.y]] \\ ?")
      .compute({"example1.a3", "ex1.y"}, [](const Inputs& in) -> Value {
        const double a = in.scalar("example1.a3"), predicted = a > 0.5 ? 1.0 : 0.0;
        return Verdict{predicted == in.scalar("ex1.y"),
                       fmt::format("a₁⁽³⁾ = {:.5g} gives class {:g}; the target is {:g}", a, predicted, in.scalar("ex1.y"))};
      });
  trace.step("example1.J", "The cost of this sample, $J = \\frac{1}{2}(y - a^{(3)}_1)^2$")
      .formula("J = \\frac{1}{2}\\left(y - a^{(3)}_1\\right)^2")
      .numbers("\\frac{1}{2}([[ex1.y]] - [[example1.a3]])^2")
      .compute({"ex1.y", "example1.a3"}, [](const Inputs& in) -> Value {
        const double e = in.scalar("ex1.y") - in.scalar("example1.a3");
        return 0.5 * e * e;  // ½(y − a)²
      });
  //! [example_i_forward]
  //! [example_i_backward]
  // BMB "Neural Networks Backpropagation": δ⁽ᴸ⁾ = (y − a⁽ᴸ⁾) .* a⁽ᴸ⁾ .* (1 − a⁽ᴸ⁾)
  trace.step("example1.delta3", "The output's error $\\delta^{(3)}_1 = (y - a^{(3)}_1)\\, g'(z^{(3)}_1)$")
      .formula("\\delta^{(3)}_1 = (y - a^{(3)}_1) \\, a^{(3)}_1 (1 - a^{(3)}_1)")
      .numbers("([[ex1.y]] - [[example1.a3]]) \\cdot [[example1.a3]] (1 - [[example1.a3]])")
      .compute({"ex1.y", "example1.a3"}, [](const Inputs& in) -> Value {
        const double a = in.scalar("example1.a3");
        return (in.scalar("ex1.y") - a) * a * (1.0 - a);  // (y − a)·g'(z), g' = a(1 − a)
      });
  trace.step("example1.gprime2", "The hidden units' slopes $g'(z^{(2)}) = a^{(2)} \\circ (1 - a^{(2)})$")
      .formula("g'(z^{(2)}) = a^{(2)} \\circ (1 - a^{(2)})")
      .numbers("[[example1.a2]] \\circ (1 - [[example1.a2]])")
      .compute({"example1.a2"}, [](const Inputs& in) -> Value {
        const Eigen::VectorXd& a = in.vector("example1.a2");
        return Eigen::VectorXd(a.array() * (1.0 - a.array()));  // (2)
      });
  // δ⁽²⁾ = (W⁽²⁾)ᵀ δ⁽³⁾ ∘ g'(z⁽²⁾), without the bias column: the bias unit a₀⁽²⁾ has no error.
  trace.step("example1.delta2", "Back one layer: $\\delta^{(2)} = (W^{(2)}_{:,1:})^T \\delta^{(3)} \\circ g'(z^{(2)})$")
      .formula("\\delta^{(2)} = (W^{(2)}_{:,1:})^T \\delta^{(3)} \\circ g'(z^{(2)})")
      .numbers("[[ex1.W2]]_{:,1:}^T \\cdot [[example1.delta3]] \\circ [[example1.gprime2]]")
      .compute({"ex1.W2", "example1.delta3", "example1.gprime2"}, [](const Inputs& in) -> Value {
        const Eigen::MatrixXd W = without_bias_column(in.matrix("ex1.W2"));  // (1, 2)
        return Eigen::VectorXd((W.transpose() * in.scalar("example1.delta3")).cwiseProduct(in.vector("example1.gprime2")));
      });
  trace.step("example1.delta2_1", "Example I's answer: $\\delta^{(2)}_1 = w^{(2)}_{11}\\, \\delta^{(3)}_1\\, a^{(2)}_1 (1 - a^{(2)}_1)$")
      .formula("\\delta^{(2)}_1 = w^{(2)}_{11} \\, \\delta^{(3)}_1 \\, g'(z^{(2)}_1) = w^{(2)}_{11} \\, \\delta^{(3)}_1 \\, "
               "a^{(2)}_1 (1 - a^{(2)}_1)")
      .compute({"ex1.W2", "example1.delta3", "example1.a2"}, [](const Inputs& in) -> Value {
        const double a = in.vector("example1.a2")[0];
        return in.matrix("ex1.W2")(0, 1) * in.scalar("example1.delta3") * a * (1.0 - a);  // w₁₁⁽²⁾ δ₁⁽³⁾ a(1 − a)
      });
  // BMB "Neural Networks Weight Update": ∂J/∂W_ij = a_j δ_i in BMB's sign, i.e. −a_j δ_i with ours.
  trace.step("example1.grad_z2", "As a gradient: $\\partial J/\\partial z^{(2)} = -\\delta^{(2)}$ (BMB's δ is the negative)")
      .formula("\\frac{\\partial J}{\\partial z^{(2)}} = -\\delta^{(2)}")
      .numbers("-[[example1.delta2]]")
      .compute({"example1.delta2"}, [](const Inputs& in) -> Value { return Eigen::VectorXd(-in.vector("example1.delta2")); });
  trace.step("example1.grad_W1", "And the hidden weights': $\\partial J/\\partial w^{(1)}_{ik} = -a^{(1)}_k \\delta^{(2)}_i$")
      .formula("\\frac{\\partial J}{\\partial W^{(1)}} = -\\delta^{(2)} (a^{(1)})^T")
      .numbers("-[[example1.delta2]] [[example1.a1]]^T")
      .compute({"example1.delta2", "example1.a1"}, [](const Inputs& in) -> Value {
        return Eigen::MatrixXd(-in.vector("example1.delta2") * in.vector("example1.a1").transpose());  // (2)(3)ᵀ → (2, 3)
      });
  //! [example_i_backward]
  trace.step("example1.mlp", "The library's Mlp, on the same weights, agrees")
      .formula("h_W(\\mathbf{x}),\\ \\frac{\\partial J}{\\partial W^{(1)}} \\text{ by Mlp::forward and Mlp::backward}")
      .compute({"ex1.W1", "ex1.W2", "ex1.x", "ex1.y", "example1.a3", "example1.grad_W1"}, [](const Inputs& in) -> Value {
        const SigmoidNet net{in.matrix("ex1.W1"), in.matrix("ex1.W2")};
        const Mlp mlp = net.mlp();
        const Eigen::MatrixXd x = in.vector("ex1.x");  // (2, 1)
        const ForwardPass pass = mlp.forward(x);
        // ∂J/∂a⁽³⁾ = −(y − a⁽³⁾); the Mlp multiplies by g' itself.
        const Eigen::MatrixXd dJ = pass.output().array() - in.scalar("ex1.y");
        const BackwardPass back = mlp.backward(pass, dJ);
        const Eigen::MatrixXd grad = bias_column_gradient(back.weight_gradients[0], back.bias_gradients[0]);
        const double gap_a = std::abs(pass.output()(0, 0) - in.scalar("example1.a3"));
        const double gap_g = (grad - in.matrix("example1.grad_W1")).cwiseAbs().maxCoeff();
        const double scale = std::max(grad.cwiseAbs().maxCoeff(), 1e-300);
        const bool same = gap_a <= 1e-15 && gap_g <= 1e-12 * scale;
        return Verdict{same, fmt::format("a₁⁽³⁾ differs by {:.1e}, ∂J/∂W⁽¹⁾ by {:.1e} of its size", gap_a, gap_g / scale)};
      });
  trace.step("example1.saturation", "Are the sigmoids saturated?")
      .formula("\\max\\big(g'(z^{(2)}_1), g'(z^{(2)}_2), g'(z^{(3)}_1)\\big) < 10^{-3}, \\text{ where } g' \\le \\tfrac{1}{4} \\ ?")
      .compute({"example1.gprime2", "example1.a3", "example1.delta2_1"}, [](const Inputs& in) -> Value {
        const double a = in.scalar("example1.a3");
        const double largest = std::max(in.vector("example1.gprime2").maxCoeff(), a * (1.0 - a));
        if (largest < 1e-3)
          return Verdict{true, fmt::format("every g' is at most {:.2g}, so δ₁⁽²⁾ = {:.2g} is tiny. The weights compute "
                                           "XNOR almost exactly, and gradient descent would barely move them",
                                           largest, in.scalar("example1.delta2_1"))};
        return Verdict{false, fmt::format("the largest g' is {:.2g} (at most 1/4), so the errors propagate back", largest)};
      });
  // Gradient claims only where the sigmoids are not saturated (not for the classic ±20/30 weights,
  // whose gradients are below 1e−8 and would be checked against rounding only).
  {
    const Eigen::VectorXd z2 = std::get<Eigen::VectorXd>(trace.value("example1.z2"));
    const double z3 = std::get<double>(trace.value("example1.z3"));
    if (std::max(z2.cwiseAbs().maxCoeff(), std::abs(z3)) <= 6.0) {
      trace.claim_gradient("example1.grad_z2", "example1.J", "example1.z2");
      trace.claim_gradient("example1.grad_W1", "example1.J", "ex1.W1");
    }
  }
}

// "Feedforward Example": the 2-2-1 network as one nested expression.
void feedforward_example(Trace& trace) {
  trace.section("Feedforward Example: a 2-2-1 network, term by term");
  //! [feedforward_example]
  trace.step("ff.in3", "Node 3's weighted input $W_{1,3} a_1 + W_{2,3} a_2$")
      .formula("in_3 = W_{1,3} a_1 + W_{2,3} a_2")
      .numbers("[[ff.W13]] \\cdot [[ff.a1]] + [[ff.W23]] \\cdot [[ff.a2]]")
      .compute({"ff.W13", "ff.W23", "ff.a1", "ff.a2"}, [](const Inputs& in) -> Value {
        return in.scalar("ff.W13") * in.scalar("ff.a1") + in.scalar("ff.W23") * in.scalar("ff.a2");
      });
  trace.step("ff.a3", "Node 3: $a_3 = g(in_3)$")
      .formula("a_3 = g(W_{1,3} a_1 + W_{2,3} a_2)")
      .numbers("g([[ff.in3]])")
      .compute({"ff.in3"}, [](const Inputs& in) -> Value { return sigmoid(in.scalar("ff.in3")); });
  trace.step("ff.in4", "Node 4's weighted input $W_{1,4} a_1 + W_{2,4} a_2$")
      .formula("in_4 = W_{1,4} a_1 + W_{2,4} a_2")
      .numbers("[[ff.W14]] \\cdot [[ff.a1]] + [[ff.W24]] \\cdot [[ff.a2]]")
      .compute({"ff.W14", "ff.W24", "ff.a1", "ff.a2"}, [](const Inputs& in) -> Value {
        return in.scalar("ff.W14") * in.scalar("ff.a1") + in.scalar("ff.W24") * in.scalar("ff.a2");
      });
  trace.step("ff.a4", "Node 4: $a_4 = g(in_4)$")
      .formula("a_4 = g(W_{1,4} a_1 + W_{2,4} a_2)")
      .numbers("g([[ff.in4]])")
      .compute({"ff.in4"}, [](const Inputs& in) -> Value { return sigmoid(in.scalar("ff.in4")); });
  trace.step("ff.in5", "Node 5's weighted input $W_{3,5} a_3 + W_{4,5} a_4$")
      .formula("in_5 = W_{3,5} a_3 + W_{4,5} a_4")
      .numbers("[[ff.W35]] \\cdot [[ff.a3]] + [[ff.W45]] \\cdot [[ff.a4]]")
      .compute({"ff.W35", "ff.W45", "ff.a3", "ff.a4"}, [](const Inputs& in) -> Value {
        return in.scalar("ff.W35") * in.scalar("ff.a3") + in.scalar("ff.W45") * in.scalar("ff.a4");
      });
  trace.step("ff.a5", "The output $a_5 = g(W_{3,5} a_3 + W_{4,5} a_4)$")
      .formula("a_5 = g(W_{3,5} \\cdot a_3 + W_{4,5} \\cdot a_4)")
      .numbers("g([[ff.in5]])")
      .compute({"ff.in5"}, [](const Inputs& in) -> Value { return sigmoid(in.scalar("ff.in5")); });
  trace.step("ff.nested", "The slide's nested form, in one expression")
      .formula("a_5 = g\\left(W_{3,5} \\cdot g(W_{1,3} a_1 + W_{2,3} a_2) + W_{4,5} \\cdot g(W_{1,4} a_1 + W_{2,4} a_2)\\right)")
      .numbers("g\\left([[ff.W35]] \\cdot g([[ff.W13]] \\cdot [[ff.a1]] + [[ff.W23]] \\cdot [[ff.a2]]) + [[ff.W45]] "
               "\\cdot g([[ff.W14]] \\cdot [[ff.a1]] + [[ff.W24]] \\cdot [[ff.a2]])\\right)")
      .compute({"ff.W13", "ff.W23", "ff.W14", "ff.W24", "ff.W35", "ff.W45", "ff.a1", "ff.a2"}, [](const Inputs& in) -> Value {
        const auto w = [&](const char* n) { return in.scalar(n); };
        const double a1 = w("ff.a1"), a2 = w("ff.a2");
        return sigmoid(w("ff.W35") * sigmoid(w("ff.W13") * a1 + w("ff.W23") * a2) +
                       w("ff.W45") * sigmoid(w("ff.W14") * a1 + w("ff.W24") * a2));
      });
  trace.step("ff.matrix", "The same network as matrices, run by the library's Mlp (no biases)")
      .formula("a_5 = g\\left(\\begin{bmatrix} W_{3,5} & W_{4,5} \\end{bmatrix} g\\left(\\begin{bmatrix} W_{1,3} & W_{2,3} "
               "\\\\ W_{1,4} & W_{2,4} \\end{bmatrix} \\begin{bmatrix} a_1 \\\\ a_2 \\end{bmatrix}\\right)\\right)")
      .compute({"ff.W13", "ff.W23", "ff.W14", "ff.W24", "ff.W35", "ff.W45", "ff.a1", "ff.a2"}, [](const Inputs& in) -> Value {
        Eigen::MatrixXd W1(2, 2), W2(1, 2);  // to-from: row j holds the weights into node j
        W1 << in.scalar("ff.W13"), in.scalar("ff.W23"), in.scalar("ff.W14"), in.scalar("ff.W24");
        W2 << in.scalar("ff.W35"), in.scalar("ff.W45");
        const Mlp mlp({{W1, Eigen::VectorXd::Zero(2), Activation::sigmoid()},
                       {W2, Eigen::VectorXd::Zero(1), Activation::sigmoid()}});
        return mlp.predict(Eigen::Vector2d(in.scalar("ff.a1"), in.scalar("ff.a2")))(0, 0);
      });
  trace.step("ff.same", "Term by term, nested and in matrices: one number")
      .formula("a_5 \\text{ (term by term)} = a_5 \\text{ (nested)} = a_5 \\text{ (matrices)}")
      .numbers("[[ff.a5]] = [[ff.nested]] = [[ff.matrix]]")
      .compute({"ff.a5", "ff.nested", "ff.matrix"}, [](const Inputs& in) -> Value {
        const double gap = std::max(std::abs(in.scalar("ff.a5") - in.scalar("ff.nested")),
                                    std::abs(in.scalar("ff.a5") - in.scalar("ff.matrix")));
        return Verdict{gap <= 1e-15, fmt::format("the three agree to {:.1e}", gap)};
      });
  //! [feedforward_example]
  // "Adjusting weights changes the function": how a₅ moves with two of its weights.
  trace.step("ff.da5_dW35", "Adjusting a weight changes the function: $\\partial a_5/\\partial W_{3,5} = g'(in_5)\\, a_3$")
      .formula("\\frac{\\partial a_5}{\\partial W_{3,5}} = g'(in_5) \\, a_3 = a_5 (1 - a_5) \\, a_3")
      .numbers("[[ff.a5]] (1 - [[ff.a5]]) \\cdot [[ff.a3]]")
      .compute({"ff.a5", "ff.a3"}, [](const Inputs& in) -> Value {
        const double a5 = in.scalar("ff.a5");
        return a5 * (1.0 - a5) * in.scalar("ff.a3");  // g'(in₅) a₃
      });
  trace.claim_gradient("ff.da5_dW35", "ff.a5", "ff.W35");
  trace.step("ff.da5_dW13", "And one layer down: $\\partial a_5/\\partial W_{1,3} = g'(in_5)\\, W_{3,5}\\, g'(in_3)\\, a_1$")
      .formula("\\frac{\\partial a_5}{\\partial W_{1,3}} = g'(in_5) \\, W_{3,5} \\, g'(in_3) \\, a_1 = "
               "a_5 (1 - a_5) \\, W_{3,5} \\, a_3 (1 - a_3) \\, a_1")
      .numbers("[[ff.a5]] (1 - [[ff.a5]]) \\cdot [[ff.W35]] \\cdot [[ff.a3]] (1 - [[ff.a3]]) \\cdot [[ff.a1]]")
      .compute({"ff.a5", "ff.W35", "ff.a3", "ff.a1"}, [](const Inputs& in) -> Value {
        const double a5 = in.scalar("ff.a5"), a3 = in.scalar("ff.a3");
        return a5 * (1.0 - a5) * in.scalar("ff.W35") * a3 * (1.0 - a3) * in.scalar("ff.a1");  // chain rule
      });
  trace.claim_gradient("ff.da5_dW13", "ff.a5", "ff.W13");
}

}  // namespace xnor_mlp_parts

Trace xnor_mlp(const ChapterOptions& options) {
  using namespace xnor_mlp_parts;
  Trace trace("xnor_mlp", "Logical XNOR with a multilayer perceptron");
  const bool slide = !options.seed;  // the slide's numbers belong to its own example
  trace
      .summary(std::string(
                   "XNOR is not linearly separable, so one threshold unit cannot compute it; two layers "
                   "can. The step network's table is worked row by row (hidden unit 1 is an AND, hidden "
                   "unit 2 a NOR, the output their OR on the slide), then all four rows at once in BMB's "
                   "matrix notation $W^{(1)}X^{(1)} = z^{(2)}$. Example I swaps the step for the sigmoid, "
                   "feeds one input forward to $a^{(3)}_1$ and back-propagates to $\\delta^{(2)}_1$. The "
                   "feedforward example writes a 2-2-1 network as one nested expression. ") +
               (slide ? "Example I's weights are the classic sigmoid XNOR weights, since the slide's figure "
                        "is missing from the text; the feedforward example's numbers are ours."
                      : "This variant draws the rows' order, the step network's weights, Example I's input "
                        "and weights, and the feedforward example's numbers from the seed."))
      .source("BMB", "001_86790086ad6a4e65.txt",
              {"Solution to Logical XNOR with MLP", "Notation for Logical XNOR with MLP", "Example I",
               "Feedforward Example", "Neural Networks Backpropagation", "Neural Networks Cost Function",
               "Neural Networks Weight Update"})
      .convention(
          "BMB's: $z^{(j+1)} = W^{(j)} [a^{(j)}_0; a^{(j)}]$ with the bias unit $a^{(j)}_0 = x_0 = 1$ and "
          "$W^{(j)}$ of shape $s_{j+1} \\times (s_j + 1)$, its bias as the first column; $w^{(j)}_{ik}$ "
          "runs from unit k of layer j to unit i of layer j+1 (the table's header writes the same weight "
          "$W^{(1)}_{k,i}$, from-to). z is a weighted sum, $a = g(z)$ an activation (the library's Mlp "
          "calls these a and z). The step is $g(z) = 1$ if $z > 0$, else 0, so $g(0) = 0$; each weighted "
          "sum of the step network is rounded to 9 decimal places before g, so that binary rounding "
          "($0.1 + 0.2 - 0.3 = 5.6 \\cdot 10^{-17}$ in doubles) cannot push a sum that is 0 above 0. "
          "Example I: $J = \\frac{1}{2}(y - a^{(3)}_1)^2$ (BMB's simpler cost with m = 1) and BMB's "
          "$\\delta^{(3)} = (y - a^{(3)}) \\circ g'(z^{(3)})$, which is $-\\partial J/\\partial z^{(3)}$, "
          "the negative of the δ = ∂J/∂z that the slide's own definition states. The feedforward "
          "example numbers its nodes 1…5 and writes $W_{i,j}$ from node i to node j, without biases.")
      .notation("x_0, x_1, x_2", "the bias input $x_0 = a^{(1)}_0 = 1$ and the two Boolean inputs")
      .notation("w^{(j)}_{ik}", "weight from unit k of layer j to unit i of layer j+1; $w^{(j)}_{i0}$ is a bias")
      .notation("W^{(j)}", "BMB's weight matrix, $s_{j+1} \\times (s_j + 1)$, bias first column")
      .notation("z^{(j)}_i, a^{(j)}_i", "unit i of layer j: its weighted sum and its activation $g(z)$")
      .notation("h_W(x) = a^{(3)}_1", "the network's output")
      .notation("\\delta^{(j)}_i", "BMB's error of unit i in layer j: $(y - a)g'$ at the output")
      .notation("a_1 \\ldots a_5, W_{i,j}", "the feedforward example's nodes and weights (from i to j)")
      .seed(options.seed)
      .rounding({Rounding::Mode::significant, 5});

  const Setting s = options.seed ? drawn_setting(*options.seed) : Setting{};

  draw_parameters(trace, s);
  table_row_by_row(trace, slide);
  what_each_unit_computes(trace);
  all_rows_in_matrices(trace);
  example_one(trace);
  feedforward_example(trace);
  return trace;
}

}  // namespace nnwb::chapters
