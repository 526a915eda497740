// Chapter 19, gradient_check: checking backpropagation's gradient by finite differences.
// Lecture: BMB 001_86790086ad6a4e65.txt "Implementational Details" (second slide of that name):
// "Given ε ≅ 10⁻⁴, ∂J(W)/∂W_jk⁽ˡ⁾ ≈ J(W₁₀⁽¹⁾, W₁₁⁽¹⁾, …, W_jk⁽ˡ⁾ + ε, W₅₃⁽⁴⁾, …) − J(W₁₀⁽¹⁾, W₁₁⁽¹⁾, …,
// W_jk⁽ˡ⁾, W₅₃⁽⁴⁾, …)": the formula as printed has no division by ε, so it gives ε·∂J/∂W (reproduced
// and judged below; the errata chapter rules on it). The first slide of that name asks for initial
// weights that are "small random numbers, e.g., in between [−0.5, 0.5]", which is what we use.
// Also BMB "Neural Networks Cost Function" (J = 1/(2m) Σ (y − h_W(x))²), "Notation for Logical XNOR
// with MLP" (W⁽ʲ⁾ of shape s_{j+1}×(s_j+1), bias first column), "Neural Networks Backpropagation"
// (δ⁽ᴸ⁾ = (y − a⁽ᴸ⁾)∘g'(z⁽ᴸ⁾)) and "Neural Networks Weight Update" (∂J/∂W_ij⁽ˡ⁾ = a_j⁽ˡ⁾δ_i⁽ˡ⁺¹⁾).
//
// The network: BMB's 2-2-1 sigmoid XNOR network on its four inputs, run by the library's Mlp
// (lib/math/include/nnwb/mlp.hpp) through the bias-column conversion (nnwb/bias_column.hpp); the finite
// differences are the library's (nnwb/gradient_check.hpp).
//   forward difference  (J(θ + εe_p) − J(θ)) / ε          = ∂J/∂θ_p + ε/2 ∂²J/∂θ_p² + …     O(ε)
//   central difference  (J(θ + εe_p) − J(θ − εe_p)) / 2ε = ∂J/∂θ_p + ε²/6 ∂³J/∂θ_p³ + …   O(ε²)
// and both suffer rounding ≈ u·|J|/ε (u ≈ 1.1·10⁻¹⁶), which grows as ε shrinks.
//
// Shapes (one legend for the file): X: (2, m), m = 4; y: (m); W⁽¹⁾: (2, 3); W⁽²⁾: (1, 3);
// θ = (vec W⁽¹⁾, vec W⁽²⁾): (9); the sweep's ε: (12).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "chapters.hpp"
#include "nnwb/bias_column.hpp"
#include "nnwb/gradient_check.hpp"
#include "nnwb/mlp.hpp"
#include "nnwb/random.hpp"

namespace nnwb::chapters {
namespace gradient_check_parts {  // the chapter's sections and what they share

// The XNOR network's output for every sample. W1: (2, 3), W2: (1, 3), X: (2, m) → (m)
Eigen::VectorXd outputs(const Eigen::MatrixXd& W1, const Eigen::MatrixXd& W2, const Eigen::MatrixXd& X) {
  const Mlp mlp({dense_from_bias_column(W1, Activation::sigmoid()), dense_from_bias_column(W2, Activation::sigmoid())});
  return mlp.predict(X).row(0).transpose();
}

// BMB's simpler cost: J(W) = 1/(2m) Σ_i (y⁽ⁱ⁾ − h_W(x⁽ⁱ⁾))².
double cost(const Eigen::MatrixXd& W1, const Eigen::MatrixXd& W2, const Eigen::MatrixXd& X, const Eigen::VectorXd& y) {
  const Eigen::VectorXd h = outputs(W1, W2, X);
  return (y - h).squaredNorm() / (2.0 * static_cast<double>(y.size()));
}

// θ = (vec W⁽¹⁾, vec W⁽²⁾), column by column. → (9)
Eigen::VectorXd pack(const Eigen::MatrixXd& W1, const Eigen::MatrixXd& W2) {
  Eigen::VectorXd theta(W1.size() + W2.size());
  theta << W1.reshaped(), W2.reshaped();
  return theta;
}

// The two layers' shares of a vector shaped like θ.
Eigen::MatrixXd first(const Eigen::VectorXd& theta, const Eigen::MatrixXd& W1) {
  return theta.head(W1.size()).reshaped(W1.rows(), W1.cols());
}
Eigen::MatrixXd second(const Eigen::VectorXd& theta, const Eigen::MatrixXd& W1, const Eigen::MatrixXd& W2) {
  return theta.segment(W1.size(), W2.size()).reshaped(W2.rows(), W2.cols());
}

// Everything a finite-difference step needs, read from its inputs.
struct Problem {
  Eigen::MatrixXd W1, W2, X;
  Eigen::VectorXd y;
  explicit Problem(const Inputs& in)
      : W1(in.matrix("W1")), W2(in.matrix("W2")), X(in.matrix("X")), y(in.vector("y")) {}
  // J as a function of θ.
  std::function<double(const Eigen::VectorXd&)> J() const {
    return [w1 = W1, w2 = W2, x = X, t = y](const Eigen::VectorXd& theta) {
      return cost(first(theta, w1), second(theta, w1, w2), x, t);
    };
  }
  // ∇J by the library's forward or central difference at ε, one parameter at a time. → (9)
  Eigen::VectorXd numeric(double epsilon, Difference kind) const {
    return numerical_gradient(J(), pack(W1, W2), epsilon, kind);
  }
};

// The relative error |g − ĝ| / max(|g|, |ĝ|) of every entry. → the shape of g
Eigen::MatrixXd relative_errors(const Eigen::MatrixXd& g, const Eigen::MatrixXd& estimate) {
  Eigen::MatrixXd out(g.rows(), g.cols());
  for (Eigen::Index j = 0; j < g.cols(); ++j)
    for (Eigen::Index i = 0; i < g.rows(); ++i) out(i, j) = relative_error(g(i, j), estimate(i, j));
  return out;
}

// Backpropagation's θ-shaped gradient from the two gradient steps. → (9)
Eigen::VectorXd backprop_theta(const Inputs& in) {
  return pack(in.matrix("backprop.grad_W1"), in.matrix("backprop.grad_W2"));
}

// Least-squares slope of log₁₀ error against log₁₀ ε over the points with ε in [lo, hi]; NaN when
// fewer than two points lie there.
double fitted_order(const Eigen::VectorXd& eps, const Eigen::VectorXd& error, double lo, double hi) {
  double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (Eigen::Index k = 0; k < eps.size(); ++k) {
    if (eps[k] < lo * (1 - 1e-9) || eps[k] > hi * (1 + 1e-9) || !(error[k] > 0)) continue;
    const double x = std::log10(eps[k]), v = std::log10(error[k]);
    n += 1, sx += x, sy += v, sxx += x * x, sxy += x * v;
  }
  if (n < 2) return std::numeric_limits<double>::quiet_NaN();
  return (n * sxy - sx * sy) / (n * sxx - sx * sx);  // slope of the regression line
}

// The id part of an ε = 10⁻ᵏ: "eps1e-4".
std::string eps_id(int k) { return fmt::format("eps1e-{}", k); }

constexpr int sweep_size = 12;  // ε = 10⁻¹ … 10⁻¹²

// The network's weights: ours, "small random numbers in [−0.5, 0.5]", or a variant's.
struct Weights {
  Eigen::MatrixXd W1, W2;
};

Weights default_weights() {
  Weights w{Eigen::MatrixXd(2, 3), Eigen::MatrixXd(1, 3)};
  w.W1 << 0.1, 0.4, -0.3,  //
      -0.2, 0.3, 0.5;
  w.W2 << 0.2, -0.4, 0.3;
  return w;
}

Weights drawn_weights(std::uint64_t seed, const Eigen::MatrixXd& X, const Eigen::VectorXd& y) {
  Rng rng(seed);
  Weights w;
  // Draw again until every gradient entry is at least 10⁻³: a relative error of a gradient that
  // vanishes measures only rounding, and the orders of convergence would drown in it.
  while (true) {
    w.W1 = rng.decimals(2, 3, -0.5, 0.5, 2);
    w.W2 = rng.decimals(1, 3, -0.5, 0.5, 2);
    const auto J = [&](const Eigen::VectorXd& theta) { return cost(first(theta, w.W1), second(theta, w.W1, w.W2), X, y); };
    if (numerical_gradient(J, pack(w.W1, w.W2)).cwiseAbs().minCoeff() >= 1e-3) return w;
  }
}

}  // namespace gradient_check_parts

Trace gradient_check(const ChapterOptions& options) {
  using namespace gradient_check_parts;
  Trace trace("gradient_check", "Checking the gradient by finite differences");
  trace
      .summary(std::string(
                   "Backpropagation's gradient is checked against finite differences of the cost itself. "
                   "BMB's slide states the check with ε ≅ 10⁻⁴ but leaves out the division by ε; divided, "
                   "it is the one-sided (forward) difference, whose error is O(ε), while the central "
                   "difference errs by O(ε²). At ε = 10⁻⁴ we compare the two parameter by parameter, then "
                   "sweep ε from 10⁻¹ to 10⁻¹² and measure each method's order as the slope of log error "
                   "against log ε, until rounding (≈ 10⁻¹⁶|J|/ε) takes over and the error grows again. ") +
               (options.seed ? "This variant draws the network's weights from the seed."
                             : "The network's weights are ours, small as BMB asks (in [−0.5, 0.5])."))
      .source("BMB", "001_86790086ad6a4e65.txt",
              {"Implementational Details", "Neural Networks Cost Function", "Notation for Logical XNOR with MLP",
               "Neural Networks Backpropagation", "Neural Networks Weight Update"})
      .convention(
          "BMB's network notation: $z^{(j+1)} = W^{(j)} [1; a^{(j)}]$ with $W^{(j)}$ of shape $s_{j+1} \\times "
          "(s_j + 1)$, bias first column, and sigmoid units g. The cost is $J(W) = \\frac{1}{2m}\\sum_i (y^{(i)} - "
          "h_W(x^{(i)}))^2$ over the four XNOR samples. Gradients are the true $\\partial J/\\partial W$ (the "
          "library's Mlp, whose δ is $\\partial J/\\partial z$); BMB's δ = (y − a)g' is its negative, so "
          "BMB's $a_j \\delta_i$ is $-\\partial J/\\partial W_{ij}$. The relative error of an estimate ĝ of g is "
          "$|g - \\hat{g}| / \\max(|g|, |\\hat{g}|)$, per parameter; over a network, its largest value.")
      .notation("W^{(1)}, W^{(2)}", "the hidden and output layers' weights, bias first column")
      .notation("\\theta_p", "one of the nine weights; $e_p$ the unit vector that moves only it")
      .notation("J(W)", "BMB's cost, $\\frac{1}{2m}\\sum_i (y^{(i)} - h_W(x^{(i)}))^2$")
      .notation("\\epsilon", "the finite-difference step; BMB's $\\varepsilon \\approx 10^{-4}$")
      .notation("D_+, D_0", "the forward (one-sided) and the central difference quotients")
      .notation("r(\\epsilon)", "the largest relative error of a difference quotient over the nine weights")
      .notation("p", "a measured order: the slope of $\\log_{10} r$ against $\\log_{10} \\epsilon$")
      .seed(options.seed)
      .rounding({Rounding::Mode::significant, 3});

  // ---- parameters --------------------------------------------------------------------------------
  Eigen::MatrixXd X(2, 4);  // the four XNOR inputs, one per column: (2, m)
  X << 0, 0, 1, 1,  //
      0, 1, 0, 1;
  const Eigen::VectorXd y = Eigen::Vector4d(1, 0, 0, 1);  // x₁ XNOR x₂
  const Weights w = options.seed ? drawn_weights(*options.seed, X, y) : default_weights();
  trace.parameter("W1", "W^{(1)}", "the hidden layer's weights, $s_2 \\times (s_1 + 1)$, bias first column", w.W1);
  trace.parameter("W2", "W^{(2)}", "the output layer's weights, $s_3 \\times (s_2 + 1)$", w.W2);
  trace.parameter("X", "X", "the four inputs, one per column", X);
  trace.parameter("y", "y", "their targets, $x_1$ XNOR $x_2$", y);
  trace.parameter("epsilon", "\\epsilon", "BMB's step, $\\varepsilon \\approx 10^{-4}$", 1e-4);
  Eigen::VectorXd sweep(sweep_size);
  for (int k = 1; k <= sweep_size; ++k) sweep[k - 1] = std::pow(10.0, -k);
  trace.parameter("sweep.eps", "\\epsilon_k", "the steps of the sweep, $10^{-1}, \\ldots, 10^{-12}$", sweep);

  // ---- the network, its cost, and backpropagation's gradient ------------------------------------------
  trace.section("The network, its cost, and backpropagation's gradient");
  //! [backpropagation_gradient]
  trace.step("net.h", "The network's outputs $h_W(x^{(i)})$ on the four inputs")
      .formula("h_W(x) = g\\left(W^{(2)} \\begin{bmatrix} 1 \\\\ g(W^{(1)} [1; x]) \\end{bmatrix}\\right)")
      .compute({"W1", "W2", "X"}, [](const Inputs& in) -> Value {
        return outputs(in.matrix("W1"), in.matrix("W2"), in.matrix("X"));  // (m)
      });
  trace.step("net.J", "The cost $J(W)$")
      .formula("J(W) = \\frac{1}{2m} \\sum_{i=1}^{m} \\left(y^{(i)} - h_W(x^{(i)})\\right)^2")
      .numbers("\\frac{1}{8} \\lVert [[y]] - [[net.h]] \\rVert^2")
      .compute({"y", "net.h"}, [](const Inputs& in) -> Value {
        const Eigen::VectorXd& t = in.vector("y");
        return (t - in.vector("net.h")).squaredNorm() / (2.0 * static_cast<double>(t.size()));
      });
  // The Mlp's backward pass: ∂J/∂h = −(y − h)/m; it multiplies by g' and recurses (δ = ∂J/∂z).
  const auto backprop = [](const Inputs& in, int layer) -> Eigen::MatrixXd {
    const Mlp mlp({dense_from_bias_column(in.matrix("W1"), Activation::sigmoid()),
                   dense_from_bias_column(in.matrix("W2"), Activation::sigmoid())});
    const ForwardPass pass = mlp.forward(in.matrix("X"));
    const double m = static_cast<double>(in.matrix("X").cols());
    const Eigen::MatrixXd dJ_dh = (pass.output() - in.vector("y").transpose()) / m;  // (1, m)
    const BackwardPass back = mlp.backward(pass, dJ_dh);
    return bias_column_gradient(back.weight_gradients[static_cast<std::size_t>(layer - 1)],
                                back.bias_gradients[static_cast<std::size_t>(layer - 1)]);
  };
  trace.step("backprop.grad_W1", "Backpropagation's $\\partial J/\\partial W^{(1)}$")
      .formula("\\frac{\\partial J}{\\partial W^{(1)}} = \\frac{1}{m} \\sum_i \\frac{\\partial J}{\\partial z^{(2)}} "
               "[1; x^{(i)}]^T, \\quad \\frac{\\partial J}{\\partial z^{(2)}} = -\\delta^{(2)}")
      .compute({"W1", "W2", "X", "y"}, [backprop](const Inputs& in) -> Value { return backprop(in, 1); });  // (2, 3)
  trace.claim_gradient("backprop.grad_W1", "net.J", "W1");
  trace.step("backprop.grad_W2", "Backpropagation's $\\partial J/\\partial W^{(2)}$")
      .formula("\\frac{\\partial J}{\\partial W^{(2)}} = \\frac{1}{m} \\sum_i \\frac{\\partial J}{\\partial z^{(3)}} "
               "[1; a^{(2)}]^T, \\quad \\frac{\\partial J}{\\partial z^{(3)}} = -(y - a^{(3)}) a^{(3)}(1 - a^{(3)})")
      .compute({"W1", "W2", "X", "y"}, [backprop](const Inputs& in) -> Value { return backprop(in, 2); });  // (1, 3)
  trace.claim_gradient("backprop.grad_W2", "net.J", "W2");
  //! [backpropagation_gradient]

  // ---- BMB "Implementational Details": the formula as the slide prints it -------------------------
  trace.section("The slide's formula, as printed");
  //! [slide_formula_as_printed]
  const std::vector<std::string> fd_inputs = {"W1", "W2", "X", "y", "epsilon"};
  trace.step("slide.W1", "BMB's expression for every weight of $W^{(1)}$, at $\\varepsilon \\approx 10^{-4}$")
      .formula("\\frac{\\partial J(W)}{\\partial W^{(l)}_{jk}} \\approx J\\left(W^{(1)}_{10}, W^{(1)}_{11}, \\ldots, "
               "W^{(l)}_{jk} + \\varepsilon, W^{(4)}_{53}, \\ldots\\right) - J\\left(W^{(1)}_{10}, W^{(1)}_{11}, "
               "\\ldots, W^{(l)}_{jk}, W^{(4)}_{53}, \\ldots\\right) \\quad \\text{(as printed)}")
      .compute(fd_inputs, [](const Inputs& in) -> Value {
        const Problem p(in);
        const auto J = p.J();
        const Eigen::VectorXd theta = pack(p.W1, p.W2);
        Eigen::VectorXd out(theta.size());
        for (Eigen::Index q = 0; q < theta.size(); ++q) {
          Eigen::VectorXd moved = theta;
          moved[q] += in.scalar("epsilon");
          out[q] = J(moved) - J(theta);  // J(…, W_jk + ε, …) − J(…, W_jk, …), no division
        }
        return first(out, p.W1);  // (2, 3)
      });
  trace.step("slide.ratio", "Each entry divided by backpropagation's $\\partial J/\\partial W^{(1)}_{jk}$")
      .formula("\\frac{J(\\ldots, W_{jk} + \\varepsilon, \\ldots) - J(\\ldots, W_{jk}, \\ldots)}{\\partial J / \\partial W_{jk}}")
      .numbers("[[slide.W1]] \\oslash [[backprop.grad_W1]]")
      .compute({"slide.W1", "backprop.grad_W1"}, [](const Inputs& in) -> Value {
        return Eigen::MatrixXd(in.matrix("slide.W1").cwiseQuotient(in.matrix("backprop.grad_W1")));  // (2, 3)
      });
  trace.step("slide.verdict", "Does the slide's expression approximate $\\partial J/\\partial W$?")
      .formula("J(\\ldots, W_{jk} + \\varepsilon, \\ldots) - J(\\ldots, W_{jk}, \\ldots) \\approx "
               "\\frac{\\partial J}{\\partial W_{jk}} \\ ?")
      .compute({"slide.ratio", "epsilon"}, [](const Inputs& in) -> Value {
        const Eigen::MatrixXd& r = in.matrix("slide.ratio");
        const double lo = r.minCoeff(), hi = r.maxCoeff(), eps = in.scalar("epsilon");
        if (std::abs(lo - 1.0) <= 1e-2 && std::abs(hi - 1.0) <= 1e-2)
          return Verdict{true, fmt::format("every ratio is within 1% of 1 ({:.4g} … {:.4g})", lo, hi)};
        return Verdict{false, fmt::format("it is ε times the derivative (the ratios lie between {:.6g} and {:.6g}, "
                                          "ε = {:.0e}). The printed formula lacks the division by ε; "
                                          "(J(W + εe_jk) − J(W))/ε is the one-sided difference below",
                                          lo, hi, eps)};
      });
  //! [slide_formula_as_printed]

  // ---- one-sided versus central at ε = 10⁻⁴, parameter by parameter --------------------------------
  trace.section("One-sided versus central differences at $\\epsilon = 10^{-4}$, weight by weight");
  //! [one_sided_versus_central]
  struct Method {
    const char* id;
    Difference kind;
    const char* title;
    const char* formula;
  };
  const Method methods[] = {
      {"forward", Difference::forward, "one-sided (forward)",
       "D_+ = \\frac{J(\\theta + \\epsilon e_p) - J(\\theta)}{\\epsilon}"},
      {"central", Difference::central, "central",
       "D_0 = \\frac{J(\\theta + \\epsilon e_p) - J(\\theta - \\epsilon e_p)}{2\\epsilon}"}};
  for (const Method& m : methods) {
    const std::string base = fmt::format("fd.eps1e-4.{}", m.id);
    for (int layer : {1, 2}) {
      trace.step(fmt::format("{}.W{}", base, layer),
                 fmt::format("The {} difference for every weight of $W^{{({})}}$", m.title, layer))
          .formula(m.formula)
          .compute(fd_inputs, [kind = m.kind, layer](const Inputs& in) -> Value {
            const Problem p(in);
            const Eigen::VectorXd g = p.numeric(in.scalar("epsilon"), kind);  // (9)
            return layer == 1 ? first(g, p.W1) : second(g, p.W1, p.W2);
          });
    }
    for (int layer : {1, 2}) {
      const std::string est = fmt::format("{}.W{}", base, layer), bp = fmt::format("backprop.grad_W{}", layer);
      trace.step(fmt::format("{}.relerr.W{}", base, layer),
                 fmt::format("Its relative error against backpropagation, weight by weight, $W^{{({})}}$", layer))
          .formula(fmt::format("\\frac{{|\\partial J/\\partial W_{{jk}} - {0}|}}{{\\max(|\\partial J/\\partial W_{{jk}}|, |{0}|)}}",
                               m.kind == Difference::forward ? "D_+" : "D_0"))
          .compute({bp, est}, [bp, est](const Inputs& in) -> Value {
            return relative_errors(in.matrix(bp), in.matrix(est));
          });
    }
    trace.step(base + ".max", fmt::format("The largest relative error of the {} difference", m.title))
        .formula("r(10^{-4}) = \\max_p \\text{relative error}_p")
        .compute({base + ".relerr.W1", base + ".relerr.W2"}, [base](const Inputs& in) -> Value {
          return std::max(in.matrix(base + ".relerr.W1").maxCoeff(), in.matrix(base + ".relerr.W2").maxCoeff());
        });
  }
  trace.step("fd.eps1e-4.verdict", "Which passes the usual test, relative error $< 10^{-7}$?")
      .formula("r_0(10^{-4}) < 10^{-7} \\le r_+(10^{-4}) \\ ?")
      .numbers("[[fd.eps1e-4.central.max]] < 10^{-7} \\le [[fd.eps1e-4.forward.max]] \\ ?")
      .compute({"fd.eps1e-4.forward.max", "fd.eps1e-4.central.max"}, [](const Inputs& in) -> Value {
        const double f = in.scalar("fd.eps1e-4.forward.max"), c = in.scalar("fd.eps1e-4.central.max");
        const bool holds = c < 1e-7 && f >= 1e-7;
        return Verdict{holds, fmt::format("central {:.2g} {} 1e-7, one-sided {:.2g} {} 1e-7: at ε = 1e-4 the one-sided "
                                          "error is of order ε, the central of order ε², {:.2g} times smaller",
                                          c, c < 1e-7 ? "<" : "≥", f, f < 1e-7 ? "<" : "≥", f / c)};
      });
  //! [one_sided_versus_central]

  // ---- the sweep: the error against ε, and the measured order -------------------------------------
  trace.section("How the error shrinks with $\\epsilon$: $O(\\epsilon)$ versus $O(\\epsilon^2)$, then rounding");
  //! [error_against_epsilon]
  std::vector<std::string> sweep_inputs = {"W1", "W2", "X", "y", "sweep.eps", "backprop.grad_W1", "backprop.grad_W2"};
  for (int k = 1; k <= sweep_size; ++k)
    for (const Method& m : methods) {
      const std::string id = fmt::format("sweep.{}.{}", eps_id(k), m.id);
      trace.step(id, fmt::format("$\\epsilon = 10^{{-{}}}$: the {} difference's error $r(\\epsilon)$", k, m.title))
          .formula(fmt::format("r(10^{{-{}}}) = \\max_p \\frac{{|\\partial J/\\partial \\theta_p - {}|}}{{\\max(\\cdot)}}", k,
                               m.kind == Difference::forward ? "D_+" : "D_0"))
          .compute(sweep_inputs, [k, kind = m.kind](const Inputs& in) -> Value {
            const Problem p(in);
            const double eps = in.vector("sweep.eps")[k - 1];
            return max_relative_error(backprop_theta(in), p.numeric(eps, kind));  // max_p relative error
          });
      if (k > 1) {
        const std::string prev = fmt::format("sweep.{}.{}", eps_id(k - 1), m.id);
        trace.step(fmt::format("sweep.{}.{}_order", eps_id(k), m.id),
                   fmt::format("Its measured order from $10^{{-{}}}$ to $10^{{-{}}}$", k - 1, k))
            .formula(fmt::format("p = \\frac{{\\log_{{10}} r(10^{{-{0}}}) - \\log_{{10}} r(10^{{-{1}}})}}"
                                 "{{\\log_{{10}} 10^{{-{0}}} - \\log_{{10}} 10^{{-{1}}}}}",
                                 k, k - 1))
            .numbers(fmt::format("\\frac{{\\log_{{10}} [[{}]] - \\log_{{10}} [[{}]]}}{{-1}}", id, prev))
            .compute({id, prev, "sweep.eps"}, [id, prev, k](const Inputs& in) -> Value {
              const Eigen::VectorXd& eps = in.vector("sweep.eps");
              return (std::log10(in.scalar(id)) - std::log10(in.scalar(prev))) /
                     (std::log10(eps[k - 1]) - std::log10(eps[k - 2]));  // slope of log r against log ε
            });
      }
    }
  // The table, in one matrix: ε, r₊(ε), r₀(ε).
  std::vector<std::string> table_inputs = {"sweep.eps"};
  for (int k = 1; k <= sweep_size; ++k)
    for (const Method& m : methods) table_inputs.push_back(fmt::format("sweep.{}.{}", eps_id(k), m.id));
  trace.step("sweep.table", "The sweep as a table: $\\epsilon$, one-sided error, central error")
      .formula("\\begin{bmatrix} \\epsilon_k & r_+(\\epsilon_k) & r_0(\\epsilon_k) \\end{bmatrix}_{k = 1 \\ldots 12}")
      .compute(table_inputs, [](const Inputs& in) -> Value {
        const Eigen::VectorXd& eps = in.vector("sweep.eps");
        Eigen::MatrixXd t(eps.size(), 3);  // (12, 3)
        for (int k = 1; k <= eps.size(); ++k)
          t.row(k - 1) << eps[k - 1], in.scalar(fmt::format("sweep.{}.forward", eps_id(k))),
              in.scalar(fmt::format("sweep.{}.central", eps_id(k)));
        return t;
      });
  //! [error_against_epsilon]
  // Where each method is most accurate, its order above that ε (truncation), and below it (rounding).
  for (const Method& m : methods) {
    const std::string id = m.id;
    const int order = m.kind == Difference::forward ? 1 : 2;
    const auto column = [id](const Inputs& in) {
      Eigen::VectorXd r(sweep_size);
      for (int k = 1; k <= sweep_size; ++k) r[k - 1] = in.scalar(fmt::format("sweep.{}.{}", eps_id(k), id));
      return r;
    };
    std::vector<std::string> inputs = {"sweep.eps"};
    for (int k = 1; k <= sweep_size; ++k) inputs.push_back(fmt::format("sweep.{}.{}", eps_id(k), id));
    trace.step(fmt::format("sweep.{}.best", id), fmt::format("The {} difference is most accurate at", m.title))
        .formula("\\epsilon_{\\mathrm{best}} = \\arg\\min_k r(\\epsilon_k)")
        .compute(inputs, [column](const Inputs& in) -> Value {
          Eigen::Index best = 0;
          column(in).minCoeff(&best);
          return in.vector("sweep.eps")[best];
        });
    inputs.push_back(fmt::format("sweep.{}.best", id));
    trace.step(fmt::format("sweep.{}.order", id),
               fmt::format("Its order where truncation dominates: the fitted slope for $\\epsilon$ from $10^{{-1}}$ "
                           "down to $100\\epsilon_{{\\mathrm{{best}}}}$"))
        .formula("\\text{for } 100\\epsilon_{\\mathrm{best}} \\le \\epsilon \\le 10^{-1}: \\quad p = \\text{slope of } "
                 "\\log_{10} r \\text{ against } \\log_{10} \\epsilon")
        .compute(inputs, [column, id](const Inputs& in) -> Value {
          const double best = in.scalar(fmt::format("sweep.{}.best", id));
          return fitted_order(in.vector("sweep.eps"), column(in), 100.0 * best, 1e-1);
        });
    trace.step(fmt::format("sweep.{}.rounding_order", id),
               "Its slope where rounding dominates: $\\epsilon$ from $\\epsilon_{\\mathrm{best}}/100$ down to $10^{-12}$")
        .formula("\\text{for } 10^{-12} \\le \\epsilon \\le \\epsilon_{\\mathrm{best}}/100: \\quad p = \\text{slope of } "
                 "\\log_{10} r \\text{ against } \\log_{10} \\epsilon")
        .compute(inputs, [column, id](const Inputs& in) -> Value {
          const double best = in.scalar(fmt::format("sweep.{}.best", id));
          return fitted_order(in.vector("sweep.eps"), column(in), 1e-12, best / 100.0);
        });
    trace.step(fmt::format("sweep.{}.verdict", id),
               fmt::format("Is the {} difference's error $O(\\epsilon{})$?", m.title, order == 1 ? "" : "^2"))
        .formula(fmt::format("|p - {}| \\le 0.25 \\ ?", order))
        .numbers(fmt::format("|[[sweep.{}.order]] - {}| \\le 0.25 \\ ?", id, order))
        .compute({fmt::format("sweep.{}.order", id)}, [id, order](const Inputs& in) -> Value {
          const double p = in.scalar(fmt::format("sweep.{}.order", id));
          const bool holds = std::abs(p - order) <= 0.25;
          return Verdict{holds, fmt::format("the measured order is {:.2f}: {}", p,
                                            holds ? fmt::format("the error shrinks like ε{}", order == 1 ? "" : "²")
                                                  : fmt::format("not the expected {}", order))};
        });
  }
  trace.step("sweep.rounding", "Below some $\\epsilon$, rounding dominates and the error grows again")
      .formula("r(\\epsilon) \\approx \\frac{u |J|}{\\epsilon |\\partial J / \\partial \\theta_p|} \\text{ grows as } "
               "\\epsilon \\to 0: \\ p < 0 \\text{ below } \\epsilon_{\\mathrm{best}} \\ ?")
      .compute({"sweep.forward.best", "sweep.forward.rounding_order", "sweep.central.best", "sweep.central.rounding_order"},
               [](const Inputs& in) -> Value {
                 const double fb = in.scalar("sweep.forward.best"), fp = in.scalar("sweep.forward.rounding_order");
                 const double cb = in.scalar("sweep.central.best"), cp = in.scalar("sweep.central.rounding_order");
                 const bool holds = fp < -0.5 && cp < -0.5;
                 return Verdict{holds, fmt::format("one-sided: best at ε = {:.0e}, slope {:.2f} below it; central: best at "
                                                   "ε = {:.0e}, slope {:.2f} below it. {}",
                                                   fb, fp, cb, cp,
                                                   holds ? "Below the best ε the error grows roughly as 1/ε: J(θ ± ε) "
                                                           "differ only in their last digits, and the difference "
                                                           "keeps their rounding error"
                                                         : "The error does not grow clearly below the best ε")};
               });

  // ---- a gradient check catches a sign slip: BMB's a·δ -----------------------------------------------
  trace.section("A gradient check catches a sign slip");
  //! [sign_slip]
  trace.step("sign.bmb_W2", "BMB's $a^{(2)}_j \\delta^{(3)}_i$ for $W^{(2)}$, averaged over the samples")
      .formula("\\frac{1}{m} \\sum_i \\delta^{(3)} [1; a^{(2)}]^T, \\quad \\delta^{(3)} = (y - a^{(3)}) a^{(3)} (1 - a^{(3)})")
      .compute({"W1", "W2", "X", "y"}, [](const Inputs& in) -> Value {
        const Eigen::MatrixXd& x = in.matrix("X");
        const Eigen::MatrixXd A2 = with_bias_row(
            Activation::sigmoid().value(in.matrix("W1") * with_bias_row(x)));  // [1ᵀ; a⁽²⁾]: (3, m)
        const Eigen::RowVectorXd a3 = Activation::sigmoid().value(in.matrix("W2") * A2);  // (1, m)
        const Eigen::RowVectorXd t = in.vector("y").transpose();
        const Eigen::RowVectorXd delta3 = (t - a3).cwiseProduct(a3).cwiseProduct((1.0 - a3.array()).matrix());
        return Eigen::MatrixXd(delta3 * A2.transpose() / static_cast<double>(x.cols()));  // (1, m)(m, 3) → (1, 3)
      });
  trace.step("sign.check", "Checked against the central difference")
      .formula("\\max_p \\frac{|a_j \\delta_i - D_0|}{\\max(|a_j \\delta_i|, |D_0|)}")
      .numbers("[[sign.bmb_W2]] \\text{ vs } [[fd.eps1e-4.central.W2]]")
      .compute({"sign.bmb_W2", "fd.eps1e-4.central.W2"}, [](const Inputs& in) -> Value {
        const double r = max_relative_error(in.matrix("sign.bmb_W2"), in.matrix("fd.eps1e-4.central.W2"));
        const double r_negated = max_relative_error(-in.matrix("sign.bmb_W2"), in.matrix("fd.eps1e-4.central.W2"));
        return Verdict{r <= 1e-7, fmt::format("relative error {:.3g}: a check would flag it. Negated, the error is "
                                              "{:.1e}: BMB's aδ is −∂J/∂W, which is why its update W := W + αaδ "
                                              "goes downhill",
                                              r, r_negated)};
      });
  //! [sign_slip]
  return trace;
}

}  // namespace nnwb::chapters
