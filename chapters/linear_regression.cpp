// Chapter 14, linear_regression: the linear neural network, trained by least squares and by
// gradient descent. Lectures: CTU "Linear Neural Network" (Y = XW; "Training using the Least
// Squares (LSQ) Method: W = (XᵀX)⁻¹XᵀD"; training using gradient descent), "Multidimensional
// Linear Regression" (SSE, and SAE "suitable for data with outliers"; the weather table whose one
// printed row is Atm.Pressure −1.3, Wind Intensity −0.5, Temperature −0.2, Precipitation Risk 0.9),
// "General Batch Gradient Descent Algorithm" (W(t+1) = W(t) + α Xᵀ[f'(Ξ) ∘ (D − Y)], f' = 1 for
// linear neurons); IC "Regression and classification models: review" (the normal equation).
// The slide prints that one row only: the other six samples, W(0) and α are ours.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "chapters.hpp"
#include "nnwb/least_squares.hpp"
#include "nnwb/random.hpp"

namespace nnwb::chapters {
namespace linear_regression_parts {  // the chapter's sections and what they share

// Gradient-descent iterations written out one by one, and in all.
constexpr int traced_iterations = 3;
constexpr int total_iterations = 500;

// The lecture's setting, or a variant's.
struct Setting {
  Eigen::MatrixXd inputs;  // (N, n): one sample x_p per row, without the bias input
  Eigen::MatrixXd d;       // D: (N, m)
  Eigen::MatrixXd w;       // W(0): (n+1, m)
  double alpha = 0.01;
};

Setting default_setting() {
  // CTU's weather example: Atm.Pressure, Wind Intensity, Temperature → Precipitation Risk. The
  // first row is the slide's; the other six are ours, roughly risk ≈ 0.2 − 0.5·pressure +
  // 0.3·wind − 0.1·temperature, with noise.
  Setting s;
  s.inputs.resize(7, 3);
  s.d.resize(7, 1);
  // clang-format off
  s.inputs << -1.3, -0.5, -0.2,
               0.4,  1.2,  0.5,
               1.1, -0.3,  0.9,
              -0.6,  0.8, -1.0,
               0.2, -1.1,  0.3,
              -0.2,  0.4,  1.3,
               0.9,  0.6, -0.4;
  s.d << 0.9, 0.5, -0.6, 0.7, -0.1, 0.3, -0.2;
  // clang-format on
  s.w = Eigen::MatrixXd::Zero(4, 1);
  s.alpha = 0.1;
  return s;
}

// D = XW_true + noise, each entry rounded to one decimal: d_ij = round(10·(Σ_k x_ik w_kj + n_ij))/10.
// Summed here one product at a time, left to right, each operation rounded (this file is compiled
// with -ffp-contract=off): Eigen's product would use fused multiply-adds where the machine has them,
// and a sum that lands one ulp either side of a tie (0.25) would round to another decimal, drawing
// another variant on another machine or in the browser.
Eigen::MatrixXd rounded_targets(const Eigen::MatrixXd& x, const Eigen::MatrixXd& w_true, const Eigen::MatrixXd& noise) {
  Eigen::MatrixXd d(x.rows(), w_true.cols());  // N×m
  for (Eigen::Index i = 0; i < d.rows(); ++i)
    for (Eigen::Index j = 0; j < d.cols(); ++j) {
      double sum = 0.0;
      for (Eigen::Index k = 0; k < x.cols(); ++k) sum += x(i, k) * w_true(k, j);
      d(i, j) = std::round(10.0 * (sum + noise(i, j))) / 10.0;
    }
  return d;
}

Setting drawn_setting(std::uint64_t seed) {
  // Six samples, two inputs and two outputs (so that W is a true matrix): D = XW_true + noise,
  // rounded to one decimal. Redrawn until X is well-conditioned (the curvatures of E_SSE differ by
  // at most 10×, so 500 steps reach the least-squares W), and no residual of the fit is near 0
  // (where E_SAE has a kink).
  Rng rng(seed);
  for (;;) {
    Setting s;
    s.inputs = rng.decimals(6, 2, -1.5, 1.5, 1);
    const Eigen::MatrixXd x = with_bias_column(s.inputs);
    const Eigen::MatrixXd w_true = rng.decimals(3, 2, -1, 1, 1);
    const Eigen::MatrixXd noise = rng.decimals(6, 2, -0.3, 0.3, 2);
    s.d = rounded_targets(x, w_true, noise);
    s.w = Eigen::MatrixXd::Zero(3, 2);
    const Eigen::VectorXd lambda = sse_curvatures(x);
    if (!(lambda[0] > 0) || lambda[lambda.size() - 1] / lambda[0] > 10.0) continue;
    // α: 1/λ_max rounded down to two significant digits, a number a student can use. Then each
    // iteration shrinks the distance to W* by max|1 − αλ_i| ≤ 1 − 0.9/10 (gd.contraction).
    const double scale = std::pow(10.0, std::floor(std::log10(1.0 / lambda[lambda.size() - 1])) - 1.0);
    s.alpha = std::floor(1.0 / lambda[lambda.size() - 1] / scale) * scale;
    const Eigen::MatrixXd residual = s.d - x * least_squares(x, s.d);
    if (residual.cwiseAbs().minCoeff() < 0.02) continue;
    return s;
  }
}

// ---- the sections, in reading order --------------------------------------------------------------

// The data (CTU "Multidimensional Linear Regression").
void the_data(Trace& trace, const ChapterOptions& options) {
  trace.section("The training set $T = (X, D)$");
  trace
      .step("data.sample1",
            "The first training sample, inputs then desired outputs $(x_{11}, \\dots, x_{1n}, d_{11}, \\dots, d_{1m})$")
      .formula("(x_{11}, \\dots, x_{1n} \\mid d_{11}, \\dots, d_{1m})")
      .slide(options.seed ? "" : "-1.3, -0.5, -0.2, 0.9")
      .compute({"inputs", "d"}, [](const Inputs& in) -> Value {
        const Eigen::MatrixXd &inputs = in.matrix("inputs"), &d = in.matrix("d");
        Eigen::VectorXd row(inputs.cols() + d.cols());
        row << inputs.row(0).transpose(), d.row(0).transpose();
        return row;
      });
  trace.step("data.x", "The input matrix $X$, with the bias input $x_{p0} = 1$ in its first column")
      .formula(
          "X = \\begin{pmatrix} 1 & x_{11} & \\dots & x_{1n} \\\\ \\dots \\\\ 1 & x_{N1} & \\dots & x_{Nn} "
          "\\end{pmatrix}")
      .compute({"inputs"}, [](const Inputs& in) -> Value {
        return with_bias_column(in.matrix("inputs"));  // X: (N, n+1)
      });
}

// Least squares (CTU "Linear Neural Network"; IC: "the normal equation").
void the_least_squares_fit(Trace& trace) {
  trace.section("Training by least squares");
  //! [least_squares]
  trace.step("ls.xtx", "The normal equations' matrix $X^\\top X$")
      .formula("X^\\top X")
      .compute({"data.x"}, [](const Inputs& in) -> Value {
        const Eigen::MatrixXd& x = in.matrix("data.x");
        return Eigen::MatrixXd(x.transpose() * x);  // (n+1, n+1)
      });
  trace.step("ls.xtd", "The normal equations' right-hand side $X^\\top D$")
      .formula("X^\\top D")
      .compute({"data.x", "d"}, [](const Inputs& in) -> Value {
        return Eigen::MatrixXd(in.matrix("data.x").transpose() * in.matrix("d"));  // (n+1, m)
      });
  trace
      .step("ls.w",
            "The least-squares weights $W^*$, solving $X^\\top X W = X^\\top D$ stably: by a QR "
            "factorisation of $X$, without forming $(X^\\top X)^{-1}$")
      .formula("W^* = (X^\\top X)^{-1} X^\\top D")
      .compute({"data.x", "d"}, [](const Inputs& in) -> Value {
        return least_squares(in.matrix("data.x"), in.matrix("d"));  // W*: (n+1, m), by QR of X
      });
  trace.step("ls.normal", "The normal equations hold at $W^*$")
      .formula("X^\\top X W^* = X^\\top D")
      .numbers("[[ls.xtx]] [[ls.w]] = [[ls.xtd]]")
      .compute({"ls.xtx", "ls.w", "ls.xtd"}, [](const Inputs& in) -> Value {
        const Eigen::MatrixXd& xtd = in.matrix("ls.xtd");
        const double gap = (in.matrix("ls.xtx") * in.matrix("ls.w") - xtd).norm();
        return Verdict{gap <= 1e-10 * std::max(1.0, xtd.norm()),
                       fmt::format("‖XᵀXW* − XᵀD‖ = {:.1e}: the QR solution solves the normal equations", gap)};
      });
  trace.step("ls.y", "The fitted outputs $Y^* = XW^*$")
      .formula("Y^* = XW^*")
      .compute({"data.x", "ls.w"}, [](const Inputs& in) -> Value {
        return linear_output(in.matrix("data.x"), in.matrix("ls.w"));  // (N, m)
      });
  trace.step("ls.sse", "The least error $E_{SSE}(W^*)$")
      .formula("E_{SSE}(W) = \\frac{1}{2} \\sum_{j=1}^{m} \\sum_{p=1}^{N} (d_{pj} - y_{pj})^2")
      .compute({"data.x", "ls.w", "d"}, [](const Inputs& in) -> Value {
        return linear_sse(in.matrix("data.x"), in.matrix("ls.w"), in.matrix("d"));  // ½‖D − XW‖²
      });
  trace.step("ls.grad", "The gradient of $E_{SSE}$ at $W^*$")
      .formula(
          "\\frac{\\partial E_{SSE}}{\\partial w_{ij}} = -\\sum_{p=1}^{N} (d_{pj} - y_{pj}) x_{pi}, \\quad "
          "\\frac{\\partial E_{SSE}}{\\partial W} = -X^\\top (D - XW)")
      .numbers("-X^\\top ([[d]] - [[ls.y]])")
      .compute({"data.x", "ls.w", "d"}, [](const Inputs& in) -> Value {
        return linear_sse_gradient(in.matrix("data.x"), in.matrix("ls.w"), in.matrix("d"));  // (n+1, m)
      });
  trace.claim_gradient("ls.grad", "ls.sse", "ls.w");
  trace
      .step("ls.stationary",
            "The gradient vanishes at $W^*$: the normal equations are $\\partial E_{SSE}/\\partial W = 0$")
      .formula("-X^\\top(D - XW^*) = 0 \\iff X^\\top X W^* = X^\\top D")
      .compute({"ls.grad", "ls.xtd"}, [](const Inputs& in) -> Value {
        const double size = in.matrix("ls.grad").norm();
        return Verdict{size <= 1e-10 * std::max(1.0, in.matrix("ls.xtd").norm()),
                       fmt::format("‖∂E_SSE/∂W‖ = {:.1e} at W*: a minimum (E_SSE is convex)", size)};
      });
  //! [least_squares]
}

// Gradient descent (CTU "General Batch Gradient Descent Algorithm", f' = 1).
void batch_gradient_descent(Trace& trace) {
  trace.section("Training by batch gradient descent");
  //! [batch_gradient_descent]
  std::string w_prev = "w_start";
  for (int t = 0; t <= traced_iterations; ++t) {
    const std::string prefix = fmt::format("gd.iter{}.", t);
    if (t > 0) {
      const std::string grad_prev = fmt::format("gd.iter{}.grad", t - 1), w = prefix + "w";
      trace.step(w, fmt::format("Iteration {}: the weights $W({})$", t, t))
          .formula(fmt::format("W({0}) = W({1}) + \\alpha X^\\top (D - XW({1})) = W({1}) - \\alpha "
                               "\\frac{{\\partial E_{{SSE}}}}{{\\partial W}}(W({1}))",
                               t, t - 1))
          .numbers(fmt::format("[[{}]] - [[alpha]] \\cdot [[{}]]", w_prev, grad_prev))
          .compute({w_prev, "alpha", grad_prev}, [w_prev, grad_prev](const Inputs& in) -> Value {
            return Eigen::MatrixXd(in.matrix(w_prev) - in.scalar("alpha") * in.matrix(grad_prev));  // W − α∇E
          });
      w_prev = w;
    }
    trace.step(prefix + "sse", fmt::format("The error $E_{{SSE}}(W({}))$", t))
        .formula(fmt::format("E_{{SSE}}(W({})) = \\frac{{1}}{{2}} \\lVert D - XW({}) \\rVert^2", t, t))
        .compute({"data.x", w_prev, "d"}, [w_prev](const Inputs& in) -> Value {
          return linear_sse(in.matrix("data.x"), in.matrix(w_prev), in.matrix("d"));
        });
    if (t == traced_iterations) break;  // the last gradient is taken inside the remaining iterations
    trace.step(prefix + "grad", fmt::format("The gradient at $W({})$", t))
        .formula(fmt::format("\\frac{{\\partial E_{{SSE}}}}{{\\partial W}}(W({0})) = -X^\\top (D - XW({0}))", t))
        .compute({"data.x", w_prev, "d"}, [w_prev](const Inputs& in) -> Value {
          return linear_sse_gradient(in.matrix("data.x"), in.matrix(w_prev), in.matrix("d"));  // (n+1, m)
        });
    trace.claim_gradient(prefix + "grad", prefix + "sse", w_prev);
  }
  //! [batch_gradient_descent]
  //! [convergence]
  trace.step("gd.curvatures", "The curvatures of $E_{SSE}$: the eigenvalues $\\lambda_i$ of $X^\\top X$")
      .formula("X^\\top X \\mathbf{v}_i = \\lambda_i \\mathbf{v}_i")
      .compute({"data.x"}, [](const Inputs& in) -> Value { return sse_curvatures(in.matrix("data.x")); });
  trace
      .step("gd.contraction",
            "How much each iteration shrinks the distance to $W^*$, at worst (below 1 when $0 < \\alpha < "
            "2/\\lambda_{\\max}$)")
      .formula("W(t+1) - W^* = (I - \\alpha X^\\top X)(W(t) - W^*), \\quad q = \\max_i |1 - \\alpha\\lambda_i|")
      .numbers("\\max_i |1 - [[alpha]] \\lambda_i|, \\ \\lambda = [[gd.curvatures]]")
      .compute({"data.x", "alpha", "gd.curvatures"}, [](const Inputs& in) -> Value {
        return linear_gd_contraction(in.matrix("data.x"), in.scalar("alpha"));
      });
  const std::string w_traced = w_prev;
  trace.step("gd.final.w", fmt::format("The weights after {} iterations", total_iterations))
      .formula(fmt::format("W({0}) = W({1}) + \\alpha X^\\top (D - XW({1}))", total_iterations, total_iterations - 1))
      .compute({"data.x", "d", "alpha", w_traced}, [w_traced](const Inputs& in) -> Value {
        const Eigen::MatrixXd &x = in.matrix("data.x"), &d = in.matrix("d");
        Eigen::MatrixXd w = in.matrix(w_traced);
        for (int t = traced_iterations; t < total_iterations; ++t) w = linear_gd_step(x, w, d, in.scalar("alpha"));
        return w;
      });
  trace.step("gd.final.sse", fmt::format("The error after {} iterations", total_iterations))
      .formula(fmt::format("E_{{SSE}}(W({}))", total_iterations))
      .compute({"data.x", "gd.final.w", "d"}, [](const Inputs& in) -> Value {
        return linear_sse(in.matrix("data.x"), in.matrix("gd.final.w"), in.matrix("d"));
      });
  trace.step("gd.distance", "The distance to the least-squares weights")
      .formula(fmt::format("\\lVert W({}) - W^* \\rVert", total_iterations))
      .numbers("\\lVert [[gd.final.w]] - [[ls.w]] \\rVert")
      .compute({"gd.final.w", "ls.w"},
               [](const Inputs& in) -> Value { return (in.matrix("gd.final.w") - in.matrix("ls.w")).norm(); });
  trace.step("gd.converged", "Gradient descent reached the least-squares weights")
      .formula(fmt::format("\\lVert W({}) - W^* \\rVert \\le 10^{{-8}} (1 + \\lVert W^* \\rVert)", total_iterations))
      .compute({"gd.distance", "ls.w", "gd.contraction"}, [](const Inputs& in) -> Value {
        const double distance = in.scalar("gd.distance"), q = in.scalar("gd.contraction");
        return Verdict{distance <= 1e-8 * (1.0 + in.matrix("ls.w").norm()),
                       fmt::format("{} iterations, each shrinking the distance by a factor of at most {:.3g}, "
                                   "leave it at {:.1e}",
                                   total_iterations, q, distance)};
      });
  //! [convergence]
}

// SSE versus SAE (CTU "Multidimensional Linear Regression").
void sse_versus_sae(Trace& trace) {
  trace.section("SSE versus SAE on the fitted data");
  //! [sse_versus_sae]
  trace.step("fit.residual", "The residuals of the least-squares fit")
      .formula("R = D - XW^*")
      .numbers("[[d]] - [[ls.y]]")
      .compute({"d", "ls.y"},
               [](const Inputs& in) -> Value { return Eigen::MatrixXd(in.matrix("d") - in.matrix("ls.y")); });
  trace.step("fit.sae", "The sum of absolute errors $E_{SAE}(W^*)$")
      .formula("E_{SAE}(W) = \\sum_{j=1}^{m} \\sum_{p=1}^{N} |d_{pj} - y_{pj}|")
      .compute({"data.x", "ls.w", "d"}, [](const Inputs& in) -> Value {
        return linear_sae(in.matrix("data.x"), in.matrix("ls.w"), in.matrix("d"));  // Σ|D − XW|
      });
  trace.step("fit.sae_grad", "The gradient of $E_{SAE}$ at $W^*$ (no residual is 0): not 0")
      .formula("\\frac{\\partial E_{SAE}}{\\partial W} = -X^\\top \\operatorname{sign}(D - XW)")
      .numbers("-X^\\top \\operatorname{sign}([[fit.residual]])")
      .compute({"data.x", "ls.w", "d"}, [](const Inputs& in) -> Value {
        return linear_sae_gradient(in.matrix("data.x"), in.matrix("ls.w"), in.matrix("d"));  // (n+1, m)
      });
  trace.claim_gradient("fit.sae_grad", "fit.sae", "ls.w");
  trace
      .step("fit.beta",
            "A step length along $-\\partial E_{SAE}/\\partial W$ short enough that no residual changes sign")
      .formula(
          "\\beta = \\frac{1}{2} \\frac{\\min_{pj} |r_{pj}|}{\\max_{pj} |(XG)_{pj}|}, \\quad G = \\frac{\\partial "
          "E_{SAE}}{\\partial W}")
      .compute({"data.x", "fit.residual", "fit.sae_grad"}, [](const Inputs& in) -> Value {
        const Eigen::MatrixXd change = in.matrix("data.x") * in.matrix("fit.sae_grad");  // how Y moves per unit β
        return 0.5 * in.matrix("fit.residual").cwiseAbs().minCoeff() / change.cwiseAbs().maxCoeff();
      });
  trace.step("fit.w_sae", "Weights a little way down the SAE slope")
      .formula("W' = W^* - \\beta \\frac{\\partial E_{SAE}}{\\partial W}(W^*)")
      .numbers("[[ls.w]] - [[fit.beta]] \\cdot [[fit.sae_grad]]")
      .compute({"ls.w", "fit.beta", "fit.sae_grad"}, [](const Inputs& in) -> Value {
        return Eigen::MatrixXd(in.matrix("ls.w") - in.scalar("fit.beta") * in.matrix("fit.sae_grad"));
      });
  trace.step("fit.w_sae.sae", "$E_{SAE}$ at $W'$")
      .formula("E_{SAE}(W')")
      .compute({"data.x", "fit.w_sae", "d"}, [](const Inputs& in) -> Value {
        return linear_sae(in.matrix("data.x"), in.matrix("fit.w_sae"), in.matrix("d"));
      });
  trace.step("fit.w_sae.sse", "$E_{SSE}$ at $W'$")
      .formula("E_{SSE}(W')")
      .compute({"data.x", "fit.w_sae", "d"}, [](const Inputs& in) -> Value {
        return linear_sse(in.matrix("data.x"), in.matrix("fit.w_sae"), in.matrix("d"));
      });
  trace.step("fit.tradeoff", "The least-squares fit minimises SSE, not SAE")
      .formula("E_{SAE}(W') < E_{SAE}(W^*) \\quad\\text{while}\\quad E_{SSE}(W') > E_{SSE}(W^*)")
      .numbers("[[fit.w_sae.sae]] < [[fit.sae]], \\quad [[fit.w_sae.sse]] > [[ls.sse]]")
      .compute({"fit.w_sae.sae", "fit.sae", "fit.w_sae.sse", "ls.sse"}, [](const Inputs& in) -> Value {
        const double sae_drop = in.scalar("fit.sae") - in.scalar("fit.w_sae.sae");
        const double sse_rise = in.scalar("fit.w_sae.sse") - in.scalar("ls.sse");
        return Verdict{sae_drop > 0 && sse_rise > 0,
                       fmt::format("moving from W* to W' lowers E_SAE by {:.3g} and raises E_SSE by {:.3g}: the "
                                   "two losses have different minimisers (SAE weighs each residual by its size, "
                                   "SSE by its square, so SSE is pulled harder by outliers)",
                                   sae_drop, sse_rise)};
      });
  //! [sse_versus_sae]
}

}  // namespace linear_regression_parts

Trace linear_regression(const ChapterOptions& options) {
  using namespace linear_regression_parts;
  Trace trace("linear_regression", "The linear network: least squares and gradient descent");
  trace
      .summary(
          "A single layer of linear neurons, $Y = XW$, is multidimensional linear regression. Its "
          "SSE has a closed-form minimiser, the least-squares $W = (X^\\top X)^{-1}X^\\top D$ of the "
          "normal equations $X^\\top X W = X^\\top D$; we compute it stably, by a QR factorisation "
          "of $X$ (never forming an inverse), and check that the normal equations hold and that the "
          "gradient of $E_{SSE}$ vanishes there. CTU's batch gradient descent, "
          "$W(t+1) = W(t) + \\alpha X^\\top(D - XW(t))$, reaches the same $W$: three iterations "
          "are traced, then the distance to the least-squares $W$ after " +
          std::to_string(total_iterations) +
          ". Last, SSE against SAE: the least-squares fit minimises the first, not the second. " +
          std::string(options.seed ? "This variant's six samples (two inputs, two outputs), "
                                     "$W(0) = 0$ and $\\alpha$ are drawn from the seed."
                                   : "The data are CTU's weather example (pressure, wind, temperature → "
                                     "precipitation risk): the slide prints its first row, the other six rows, "
                                     "$W(0) = 0$ and $\\alpha = 0.1$ are ours."))
      .source("CTU", "002_ddd62baf13f113f4.txt",
              {"Linear Neural Network", "Multidimensional Linear Regression",
               "General Batch Gradient Descent Algorithm (Batch GD)"})
      .source("IC", "004_f167be6db553c350.txt", {"Regression and classification models: review"})
      .convention(
          "CTU's row vectors: each sample is a row $\\vec{x}_p = (1, x_{p1}, \\dots, x_{pn})$ of "
          "$X$ (with $x_{p0} = 1$), the outputs are $\\vec{y}_p = \\vec{x}_p W$, and the first row "
          "of $W$ holds the biases; each neuron is a column of $W$. $E_{SSE}$ carries CTU's "
          "$\\frac{1}{2}$. Norms of matrices are Frobenius norms.")
      .notation("X", "the inputs, one sample per row, with a first column of ones: $N \\times (n+1)$")
      .notation("D", "the desired outputs (targets), one row per sample: $N \\times m$")
      .notation("W", "the weights, one column per neuron, biases in the first row: $(n+1) \\times m$")
      .notation("Y = XW", "the network's outputs (linear neurons: $f(\\xi) = \\xi$)")
      .notation("E_{SSE}", "$\\frac{1}{2}\\sum_p \\sum_j (d_{pj} - y_{pj})^2$")
      .notation("E_{SAE}", "$\\sum_p \\sum_j |d_{pj} - y_{pj}|$")
      .notation("W^*", "the least-squares weights")
      .notation("\\alpha", "the learning rate")
      .seed(options.seed)
      .rounding({Rounding::Mode::significant, 4});

  const Setting s = options.seed ? drawn_setting(*options.seed) : default_setting();
  trace.parameter("inputs", "(x_{pi})", "the samples' inputs, one row per sample, without the bias input", s.inputs);
  trace.parameter("d", "D", "the desired outputs, one row per sample", s.d);
  trace.parameter("w_start", "W(0)", "the weights gradient descent starts from", s.w);
  trace.parameter("alpha", "\\alpha", "the learning rate", s.alpha);

  the_data(trace, options);
  the_least_squares_fit(trace);
  batch_gradient_descent(trace);
  sse_versus_sae(trace);
  return trace;
}

}  // namespace nnwb::chapters
