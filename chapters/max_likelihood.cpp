// Chapter 15, max_likelihood: losses from likelihoods. Lectures: IC "Maximum likelihood"
// (θ_ML = argmax_θ Π_i p(y_i | x_i, θ) for i.i.d. data), "Maximum likelihood: regression" (y = f(x, θ)
// + ε, ε ~ N(0, σ²); −log L = (1/(2σ²)) Σ_i (y_i − f(x_i, θ))² + const; E(θ) = (1/N) Σ_i (y_i − ŷ_i)²),
// "Maximum likelihood: binary classification" (a sigmoid output ŷ = p(C₁|x); E(θ) = (1/N) Σ_i −y_i log ŷ_i
// − (1 − y_i) log(1 − ŷ_i)), "Multiple target dimensions: regression" (ε ~ N(0, σ²I_t)), "Multiple
// target dimensions: classification" (M sigmoid outputs; then a softmax output, one-hot targets,
// L = Π_i Π_j (ŷ_i^{(j)})^{y_i^{(j)}}, E(θ) = (1/N) Σ_i Σ_j −y_i^{(j)} log ŷ_i^{(j)}); "Activation
// functions" (sigmoid, softplus and softmax output layers) and "Loss functions" (its H_ŷ(y));
// PD "Error & output functions: regression" (E = ½ Σ ‖y − t‖², identity output) and "…:
// classification" (p(t|x, w) = y^t (1 − y)^{1−t}; the multiclass cross-entropy; softmax), and PD's
// "Error gradient: output nodes (3/3)" (δ_i = y_i − t_i).
//
// For each model the negative log-likelihood is computed from the density or mass itself
// (likelihoods.hpp), the loss by the library's losses (losses.hpp), and the two are compared: they
// differ by a constant factor and a constant that does not depend on θ. None of these slides prints
// numbers, so every pre-activation, target and σ² here is ours (or drawn from the seed).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <string>
#include <vector>

#include "chapters.hpp"
#include "nnwb/activations.hpp"
#include "nnwb/likelihoods.hpp"
#include "nnwb/losses.hpp"
#include "nnwb/random.hpp"
#include "nnwb/softmax.hpp"

namespace nnwb::chapters {
namespace max_likelihood_parts {  // the chapter's sections and what they share

// Shapes, one legend for the whole file: N examples (rows), t regression targets, M labels or
// classes (columns). a, ŷ, y: (N, t) or (N, M); class numbers c: (N), each in 1…M.

// The lecture's setting (our numbers: the slides print none), or a variant's.
struct Setting {
  Eigen::MatrixXd reg_a;      // a: (N, t), the linear output layer's pre-activations
  Eigen::MatrixXd reg_y;      // y: (N, t), real targets
  double sigma2 = 0.25;       // σ²: the noise variance, a hyperparameter
  double var_b = 0.0;         // b: the softplus variance output's pre-activation
  Eigen::MatrixXd bin_a;      // a: (N, M), the sigmoid outputs' pre-activations
  Eigen::MatrixXd bin_y;      // y: (N, M), labels in {0, 1}
  Eigen::MatrixXd cat_a;      // a: (N, M), the softmax layer's logits
  Eigen::VectorXd cat_class;  // c: (N), the class number j of each example, 1…M
  double far_a = -1000.0;     // a confidently wrong pre-activation (for the label 1)
};

Setting default_setting() {
  Setting s;
  s.reg_a.resize(3, 2);
  s.reg_y.resize(3, 2);
  // clang-format off
  s.reg_a <<  0.8, -0.4,
              1.5,  0.2,
             -0.3,  1.1;
  s.reg_y <<  1.0, -0.5,
              1.2,  0.6,
              0.1,  0.9;
  // clang-format on
  s.sigma2 = 0.25;  // σ = 0.5
  s.var_b = 0.0;    // softplus(0) = ln 2
  s.bin_a.resize(4, 2);
  s.bin_y.resize(4, 2);
  // clang-format off
  s.bin_a <<  2.0, -1.0,
             -0.5,  1.5,
              1.0,  0.5,
             -2.0, -0.3;
  s.bin_y <<  1, 0,
              0, 1,
              0, 1,
              0, 0;
  s.cat_a.resize(3, 3);
  s.cat_a <<  2.0,  1.0,  0.1,
              0.5,  2.5, -1.0,
              1.0,  1.0,  3.0;
  // clang-format on
  s.cat_class = Eigen::Vector3d(1, 3, 3);
  return s;
}

Setting drawn_setting(std::uint64_t seed) {
  Rng rng(seed);
  Setting s;
  const Eigen::Index n_reg = rng.index(3, 4), t = rng.index(1, 2);
  // Residuals of at most 1 and σ² ≥ 0.2 keep every density above e^{−2.5}/√(2π): the product of
  // them is far from underflow, so −log L is computed from a likelihood that is not 0.
  do {
    s.reg_a = rng.decimals(n_reg, t, -1.5, 1.5, 1);
    s.reg_y = s.reg_a + rng.decimals(n_reg, t, -1.0, 1.0, 1);
  } while ((s.reg_y - s.reg_a).squaredNorm() < 0.05);  // σ²_ML > 0 (and not tiny)
  s.sigma2 = rng.decimal(0.2, 1.0, 1);
  s.var_b = rng.decimal(-1.0, 1.0, 1);
  const Eigen::Index n_bin = rng.index(3, 5), labels = rng.index(1, 2);
  s.bin_a = rng.decimals(n_bin, labels, -3.0, 3.0, 1);  // ŷ ∈ [0.047, 0.953]
  s.bin_y.resize(n_bin, labels);
  for (double& y : s.bin_y.reshaped()) y = static_cast<double>(rng.integer(0, 1));
  const Eigen::Index n_cat = rng.index(2, 4), classes = rng.index(3, 4);
  s.cat_a = rng.decimals(n_cat, classes, -2.0, 3.0, 1);
  s.cat_class.resize(n_cat);
  for (double& c : s.cat_class) c = static_cast<double>(rng.integer(1, classes));
  return s;
}

// Entry by entry through an activation: the output layer g(a). (N, ·) → (N, ·)
Eigen::MatrixXd output_layer(const Activation& g, const Eigen::MatrixXd& a) { return g.value(a); }

// The Gaussian density of each target entry around its prediction. (N, t) → (N, t)
Eigen::MatrixXd gaussian_densities(const Eigen::MatrixXd& y, const Eigen::MatrixXd& yhat, double variance) {
  Eigen::MatrixXd p(y.rows(), y.cols());
  for (Eigen::Index i = 0; i < y.rows(); ++i)
    for (Eigen::Index j = 0; j < y.cols(); ++j) p(i, j) = gaussian_density(y(i, j), yhat(i, j), variance);
  return p;
}

// A matrix as one long vector, for the library's losses (which take vectors).
Eigen::VectorXd flat(const Eigen::MatrixXd& m) { return m.reshaped(); }
// And back: a vector of gradients in the matrix's shape.
Eigen::MatrixXd shaped_like(const Eigen::VectorXd& v, const Eigen::MatrixXd& like) {
  return v.reshaped(like.rows(), like.cols());
}

// The one-hot targets y_i of the class numbers c_i ∈ 1…M. (N) → (N, M)
Eigen::MatrixXd one_hot_rows(const Eigen::VectorXd& classes, Eigen::Index m) {
  Eigen::MatrixXd y(classes.size(), m);
  for (Eigen::Index i = 0; i < classes.size(); ++i)
    y.row(i) = one_hot(static_cast<Eigen::Index>(classes[i]) - 1, m).transpose();  // C_j ↦ e_j
  return y;
}

// softplus⁻¹(s) = ln(e^s − 1), written ln(expm1(s)) so that a small s loses no digits.
double softplus_inverse(double s) { return std::log(std::expm1(s)); }

// ∂(−log L)/∂b for the variance σ² = softplus(b) shared by all N·t target entries with residuals r:
// ∂/∂σ² Σ [½ ln(2πσ²) + r²/(2σ²)] = Nt/(2σ²) − Σr²/(2σ⁴), times dσ²/db = softplus'(b) = sigmoid(b).
double variance_nll_gradient(const Eigen::MatrixXd& residual, double b) {
  const double variance = softplus(b), count = static_cast<double>(residual.size());
  return (count / (2.0 * variance) - residual.squaredNorm() / (2.0 * variance * variance)) * softplus_derivative(b);
}

// Whether two values agree to rounding, relative to their size.
bool agree(double x, double y) { return std::abs(x - y) <= 1e-12 * std::max({1.0, std::abs(x), std::abs(y)}); }
bool agree(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y) {
  return x.rows() == y.rows() && x.cols() == y.cols() && (x - y).cwiseAbs().maxCoeff() <= 1e-12 * std::max(1.0, x.cwiseAbs().maxCoeff());
}

// Points of a curve g(a) for a ∈ [−4, 4], for the figures.
Curve curve(std::string title, double (*g)(double)) {
  Curve c{.title = std::move(title), .x = {}, .y = {}};
  for (int k = 0; k <= 80; ++k) {
    const double a = -4.0 + 0.1 * k;
    c.x.push_back(a);
    c.y.push_back(g(a));
  }
  return c;
}

// ---- the sections, in reading order --------------------------------------------------------------

// Regression: Gaussian noise (IC "Maximum likelihood: regression", "Multiple target dimensions:
// regression"; PD "Error & output functions: regression").
void gaussian_regression(Trace& trace) {
  trace.section("Maximum likelihood: regression, $y = f(x, \\theta) + \\epsilon$ with $\\epsilon \\sim \\mathcal{N}(\\mathbf{0}, \\sigma^2 I_t)$");
  //! [regression_likelihood]
  trace.step("reg.yhat", "The linear output layer: no activation, $\\hat{y}_i = a_i$")
      .formula("\\hat{y}_i^{(j)} = f(x_i, \\theta)^{(j)} = a_i^{(j)}")
      .numbers("\\operatorname{identity}([[reg_a]])")
      .compute({"reg_a"}, [](const Inputs& in) -> Value {
        return output_layer(Activation::identity(), in.matrix("reg_a"));  // (N, t)
      });
  trace.step("reg.density", "The Gaussian pdf of each target entry, mean $\\hat{y}_i^{(j)}$, variance $\\sigma^2$")
      .formula("p(y_i^{(j)}|x_i, \\theta) = \\frac{1}{\\sqrt{2\\pi\\sigma^2}} \\exp\\left(-\\frac{(y_i^{(j)} - \\hat{y}_i^{(j)})^2}{2\\sigma^2}\\right)")
      .numbers("\\mathcal{N}([[reg_y]];\\ [[reg.yhat]], [[sigma2]])")
      .compute({"reg_y", "reg.yhat", "sigma2"}, [](const Inputs& in) -> Value {
        return gaussian_densities(in.matrix("reg_y"), in.matrix("reg.yhat"), in.scalar("sigma2"));  // (N, t)
      });
  trace.step("reg.likelihood", "The likelihood: a product over the i.i.d. examples and the independent noise coordinates")
      .formula("\\mathcal{L}(\\theta|\\mathbf{x}, \\mathbf{y}) = \\prod_{i=1}^N p(y_i|x_i, \\theta) = \\prod_{i=1}^N \\prod_{j=1}^t p(y_i^{(j)}|x_i, \\theta)")
      .numbers("\\prod [[reg.density]]")
      .compute({"reg.density"}, [](const Inputs& in) -> Value { return in.matrix("reg.density").prod(); });
  trace.step("reg.nll", "The negative log-likelihood, summed as logs")
      .formula("-\\log \\mathcal{L}(\\theta|\\mathbf{x}, \\mathbf{y}) = \\sum_{i=1}^N -\\log p(y_i|x_i, \\theta)")
      .numbers("-\\sum \\log [[reg.density]]")
      .compute({"reg.density"}, [](const Inputs& in) -> Value {
        return negative_log_likelihood(in.matrix("reg.density"));  // −Σ log p
      });
  trace.step("reg.loss", "The loss function (MSE)")
      .formula("E(\\theta) = \\frac{1}{N} \\sum_{i=1}^N \\sum_{j=1}^t (y_i^{(j)} - \\hat{y}_i^{(j)})^2")
      .numbers("\\frac{1}{N} \\sum ([[reg_y]] - [[reg.yhat]])^2")
      .compute({"reg.yhat", "reg_y"}, [](const Inputs& in) -> Value {
        const Eigen::MatrixXd& yhat = in.matrix("reg.yhat");
        // The library's mse averages over all N·t entries; IC's E over the N examples: t times it.
        return static_cast<double>(yhat.cols()) * mse(flat(yhat), flat(in.matrix("reg_y")));
      });
  //! [regression_likelihood]
  trace.step("reg.constant", "The constant: it depends on $\\sigma^2$ and the number of targets, not on $\\theta$")
      .formula("\\text{const.} = \\frac{Nt}{2} \\log(2\\pi\\sigma^2)")
      .numbers("\\frac{Nt}{2} \\log(2\\pi \\cdot [[sigma2]])")
      .compute({"reg_y", "sigma2"}, [](const Inputs& in) -> Value {
        const double entries = static_cast<double>(in.matrix("reg_y").size());  // N·t
        return entries / 2.0 * std::log(2.0 * std::numbers::pi * in.scalar("sigma2"));
      });
  trace.step("reg.gap", "The negative log-likelihood less the scaled loss")
      .formula("-\\log \\mathcal{L} - \\frac{N}{2\\sigma^2} E(\\theta) = -\\log \\mathcal{L} - \\frac{1}{2\\sigma^2} \\sum_{i=1}^N \\sum_{j=1}^t (y_i^{(j)} - \\hat{y}_i^{(j)})^2")
      .numbers("[[reg.nll]] - \\frac{N}{2 \\cdot [[sigma2]]} [[reg.loss]]")
      .compute({"reg.nll", "reg.loss", "sigma2", "reg_y"}, [](const Inputs& in) -> Value {
        const double n = static_cast<double>(in.matrix("reg_y").rows());
        return in.scalar("reg.nll") - n / (2.0 * in.scalar("sigma2")) * in.scalar("reg.loss");
      });
  trace
      .step("reg.gap_elsewhere",
            "The same difference at other parameters $\\theta'$, whose predictions are all $\\hat{y}' = 0$")
      .formula("-\\log \\mathcal{L}(\\theta') - \\frac{N}{2\\sigma^2} E(\\theta'), \\quad \\hat{y}_i' = 0")
      .compute({"reg_y", "sigma2"}, [](const Inputs& in) -> Value {
        const Eigen::MatrixXd& y = in.matrix("reg_y");
        const Eigen::MatrixXd zero = Eigen::MatrixXd::Zero(y.rows(), y.cols());  // ŷ' = 0
        const double nll = negative_log_likelihood(gaussian_densities(y, zero, in.scalar("sigma2")));
        const double loss = static_cast<double>(y.cols()) * mse(flat(zero), flat(y));
        return nll - static_cast<double>(y.rows()) / (2.0 * in.scalar("sigma2")) * loss;
      });
  trace.step("reg.match", "Gaussian noise gives the MSE: $-\\log\\mathcal{L} = \\frac{N}{2\\sigma^2}E(\\theta) + \\text{const.}$")
      .formula("\\arg\\min_\\theta -\\log \\mathcal{L}(\\theta|\\mathbf{x}, \\mathbf{y}) = \\arg\\min_\\theta \\frac{1}{2\\sigma^2} \\sum_{i=1}^N (y_i - f(x_i, \\theta))^2 + \\text{const.} = \\arg\\min_\\theta E(\\theta)")
      .numbers("[[reg.gap]] = [[reg.gap_elsewhere]] = [[reg.constant]]")
      .compute({"reg.gap", "reg.gap_elsewhere", "reg.constant"}, [](const Inputs& in) -> Value {
        const double here = in.scalar("reg.gap"), elsewhere = in.scalar("reg.gap_elsewhere"), c = in.scalar("reg.constant");
        return Verdict{agree(here, c) && agree(elsewhere, c),
                       fmt::format("at θ and at θ' the difference is {:.10g}, and (Nt/2)·log(2πσ²) = {:.10g}: the "
                                   "constant does not depend on θ, so both have the same minimiser",
                                   here, c)};
      });
  trace.step("reg.loss_pd", "PD's error function, with $\\frac{1}{2}$ and no $\\frac{1}{N}$")
      .formula("E_{PD} = \\frac{1}{2} \\sum_{i=1}^N \\|\\hat{y}_i - y_i\\|^2")
      .numbers("\\frac{1}{2} \\| [[reg.yhat]] - [[reg_y]] \\|^2")
      .compute({"reg.yhat", "reg_y"}, [](const Inputs& in) -> Value {
        return sse(flat(in.matrix("reg.yhat")), flat(in.matrix("reg_y")));  // ½ Σ (ŷ − y)²
      });
  trace.step("reg.match_pd", "With PD's error function the factor is $1/\\sigma^2$, and the constant the same")
      .formula("-\\log \\mathcal{L} = \\frac{1}{\\sigma^2} E_{PD} + \\frac{Nt}{2} \\log(2\\pi\\sigma^2)")
      .numbers("[[reg.nll]] = \\frac{[[reg.loss_pd]]}{[[sigma2]]} + [[reg.constant]]")
      .compute({"reg.nll", "reg.loss_pd", "sigma2", "reg.constant"}, [](const Inputs& in) -> Value {
        const double nll = in.scalar("reg.nll");
        const double rebuilt = in.scalar("reg.loss_pd") / in.scalar("sigma2") + in.scalar("reg.constant");
        return Verdict{agree(nll, rebuilt), fmt::format("{:.10g} = {:.10g}", nll, rebuilt)};
      });
  //! [regression_gradients]
  trace.step("reg.delta", "PD's output delta for the identity output: $\\delta = \\hat{y} - y$")
      .formula("\\delta_i^{(j)} = \\frac{\\partial E_{PD}}{\\partial a_i^{(j)}} = \\frac{\\partial E_{PD}}{\\partial \\hat{y}_i^{(j)}} \\frac{\\partial \\hat{y}_i^{(j)}}{\\partial a_i^{(j)}} = (\\hat{y}_i^{(j)} - y_i^{(j)}) \\cdot 1")
      .numbers("([[reg.yhat]] - [[reg_y]]) \\circ \\operatorname{identity}'([[reg_a]])")
      .compute({"reg.yhat", "reg_y", "reg_a"}, [](const Inputs& in) -> Value {
        const Eigen::MatrixXd& yhat = in.matrix("reg.yhat");
        const Eigen::MatrixXd de_dyhat = shaped_like(sse_gradient(flat(yhat), flat(in.matrix("reg_y"))), yhat);
        return Eigen::MatrixXd(de_dyhat.cwiseProduct(Activation::identity().derivative(in.matrix("reg_a"))));
      });
  trace.claim_gradient("reg.delta", "reg.loss_pd", "reg_a");
  trace.step("reg.grad", "The gradient of IC's MSE with respect to the pre-activations")
      .formula("\\frac{\\partial E}{\\partial a_i^{(j)}} = \\frac{2}{N} (\\hat{y}_i^{(j)} - y_i^{(j)})")
      .numbers("\\frac{2}{N} ([[reg.yhat]] - [[reg_y]])")
      .compute({"reg.yhat", "reg_y", "reg_a"}, [](const Inputs& in) -> Value {
        const Eigen::MatrixXd& yhat = in.matrix("reg.yhat");
        // t · ∂mse/∂ŷ = t · 2(ŷ − y)/(Nt), times identity'(a) = 1.
        const Eigen::MatrixXd de_dyhat =
            static_cast<double>(yhat.cols()) * shaped_like(mse_gradient(flat(yhat), flat(in.matrix("reg_y"))), yhat);
        return Eigen::MatrixXd(de_dyhat.cwiseProduct(Activation::identity().derivative(in.matrix("reg_a"))));
      });
  trace.claim_gradient("reg.grad", "reg.loss", "reg_a");
  trace.step("reg.nll_grad", "The gradient of the negative log-likelihood: the same direction, scaled by $N/(2\\sigma^2)$")
      .formula("\\frac{\\partial(-\\log \\mathcal{L})}{\\partial a_i^{(j)}} = \\frac{\\hat{y}_i^{(j)} - y_i^{(j)}}{\\sigma^2} = \\frac{N}{2\\sigma^2} \\frac{\\partial E}{\\partial a_i^{(j)}}")
      .numbers("\\frac{[[reg.delta]]}{[[sigma2]]}")
      .compute({"reg.delta", "sigma2"}, [](const Inputs& in) -> Value {
        return Eigen::MatrixXd(in.matrix("reg.delta") / in.scalar("sigma2"));  // δ/σ²
      });
  trace.claim_gradient("reg.nll_grad", "reg.nll", "reg_a");
  //! [regression_gradients]
}

// The variance as a softplus output (IC "Activation functions": "Softplus output layer is useful to
// predict e.g. Gaussian variance parameters").
void softplus_variance(Trace& trace) {
  trace.section("A softplus output for the variance $\\sigma^2$");
  //! [softplus_output_for_the_variance]
  trace.step("var.sigma2", "The softplus output layer: a variance, always positive")
      .formula("\\sigma^2 = f(b) = \\ln(1 + e^b)")
      .numbers("\\ln(1 + e^{[[var_b]]})")
      .compute({"var_b"}, [](const Inputs& in) -> Value {
        return Activation::softplus().value(in.scalar("var_b"));  // ln(1 + e^b), never overflows
      });
  trace.step("var.nll", "The negative log-likelihood with the predicted variance")
      .formula("-\\log \\mathcal{L}(\\theta, b) = \\sum_{i=1}^N \\sum_{j=1}^t -\\log \\mathcal{N}(y_i^{(j)}; \\hat{y}_i^{(j)}, \\sigma^2)")
      .numbers("-\\sum \\log \\mathcal{N}([[reg_y]];\\ [[reg.yhat]], [[var.sigma2]])")
      .compute({"reg_y", "reg.yhat", "var.sigma2"}, [](const Inputs& in) -> Value {
        return negative_log_likelihood(gaussian_densities(in.matrix("reg_y"), in.matrix("reg.yhat"), in.scalar("var.sigma2")));
      });
  trace.step("var.grad", "Its gradient with respect to $b$: not a residual, since softplus is not matched to the Gaussian's variance")
      .formula("\\frac{\\partial(-\\log \\mathcal{L})}{\\partial b} = \\left(\\frac{Nt}{2\\sigma^2} - \\frac{\\sum_{i,j} (y_i^{(j)} - \\hat{y}_i^{(j)})^2}{2\\sigma^4}\\right) \\frac{1}{1 + e^{-b}}")
      .numbers("\\left(\\frac{Nt}{2 \\cdot [[var.sigma2]]} - \\frac{\\sum ([[reg_y]] - [[reg.yhat]])^2}{2 \\cdot [[var.sigma2]]^2}\\right) \\operatorname{sigmoid}([[var_b]])")
      .compute({"reg_y", "reg.yhat", "var_b"}, [](const Inputs& in) -> Value {
        return variance_nll_gradient(in.matrix("reg_y") - in.matrix("reg.yhat"), in.scalar("var_b"));
      });
  trace.claim_gradient("var.grad", "var.nll", "var_b");
  trace.step("var.ml", "The maximum-likelihood variance: the mean squared residual, $E(\\theta)/t$")
      .formula("\\sigma^2_{ML} = \\frac{1}{Nt} \\sum_{i=1}^N \\sum_{j=1}^t (y_i^{(j)} - \\hat{y}_i^{(j)})^2")
      .numbers("\\frac{1}{Nt} \\sum ([[reg_y]] - [[reg.yhat]])^2")
      .compute({"reg.yhat", "reg_y"}, [](const Inputs& in) -> Value {
        return mse(flat(in.matrix("reg.yhat")), flat(in.matrix("reg_y")));  // the mean over all N·t entries
      });
  trace.step("var.b_ml", "The pre-activation that gives it: the inverse of softplus")
      .formula("b_{ML} = f^{-1}(\\sigma^2_{ML}) = \\ln(e^{\\sigma^2_{ML}} - 1)")
      .numbers("\\ln(e^{[[var.ml]]} - 1)")
      .compute({"var.ml"}, [](const Inputs& in) -> Value { return softplus_inverse(in.scalar("var.ml")); });
  trace.step("var.stationary", "At $b_{ML}$ the gradient vanishes")
      .formula("\\frac{\\partial(-\\log \\mathcal{L})}{\\partial b}\\Big|_{b_{ML}} = 0")
      .numbers("\\frac{\\partial(-\\log \\mathcal{L})}{\\partial b}([[var.b_ml]])")
      .compute({"reg_y", "reg.yhat", "var.b_ml"}, [](const Inputs& in) -> Value {
        const Eigen::MatrixXd residual = in.matrix("reg_y") - in.matrix("reg.yhat");
        const double g = variance_nll_gradient(residual, in.scalar("var.b_ml"));
        const double scale = static_cast<double>(residual.size()) / softplus(in.scalar("var.b_ml"));  // Nt/σ²
        return Verdict{std::abs(g) <= 1e-12 * scale,
                       fmt::format("∂(−log L)/∂b = {:.1e} at b_ML: σ² = softplus(b_ML) is the mean squared residual", g)};
      });
  //! [softplus_output_for_the_variance]
}

// Binary classification: Bernoulli labels (IC "Maximum likelihood: binary classification", "Multiple
// target dimensions: classification" (M sigmoid outputs); PD "Error & output functions:
// classification").
void bernoulli_classification(Trace& trace) {
  trace.section("Maximum likelihood: binary classification, $M$ labels $y_i^{(j)} \\in \\{0, 1\\}$");
  //! [binary_cross_entropy]
  trace.step("bin.yhat", "The sigmoid output layer: $\\hat{y}_i^{(j)} = p(\\mathcal{C}_1|x_i)$ for label $j$")
      .formula("\\hat{y}_i^{(j)} = \\operatorname{sigmoid}(a_i^{(j)}) = \\frac{1}{1 + e^{-a_i^{(j)}}}")
      .numbers("\\operatorname{sigmoid}([[bin_a]])")
      .compute({"bin_a"}, [](const Inputs& in) -> Value {
        return output_layer(Activation::sigmoid(), in.matrix("bin_a"));  // (N, M), each in (0, 1)
      });
  trace.step("bin.mass", "The Bernoulli mass of each label")
      .formula("p(y_i^{(j)}|x_i, \\theta) = (\\hat{y}_i^{(j)})^{y_i^{(j)}} (1 - \\hat{y}_i^{(j)})^{1 - y_i^{(j)}}")
      .numbers("[[bin.yhat]]^{[[bin_y]]} (1 - [[bin.yhat]])^{1 - [[bin_y]]}")
      .compute({"bin.yhat", "bin_y"}, [](const Inputs& in) -> Value {
        const Eigen::MatrixXd &yhat = in.matrix("bin.yhat"), &y = in.matrix("bin_y");
        Eigen::MatrixXd p(y.rows(), y.cols());
        for (Eigen::Index k = 0; k < y.size(); ++k) p.reshaped()[k] = bernoulli_mass(y.reshaped()[k], yhat.reshaped()[k]);
        return p;
      });
  trace.step("bin.nll", "The negative log-likelihood")
      .formula("-\\log \\mathcal{L} = \\sum_{i=1}^N \\sum_{j=1}^M -\\log p(y_i^{(j)}|x_i, \\theta)")
      .numbers("-\\sum \\log [[bin.mass]]")
      .compute({"bin.mass"}, [](const Inputs& in) -> Value { return negative_log_likelihood(in.matrix("bin.mass")); });
  trace.step("bin.loss", "The loss function (binary cross entropy)")
      .formula("E(\\theta) = \\frac{1}{N} \\sum_{i=1}^N \\sum_{j=1}^M -y_i^{(j)} \\log \\hat{y}_i^{(j)} - (1 - y_i^{(j)}) \\log(1 - \\hat{y}_i^{(j)})")
      .numbers("\\frac{1}{N} \\sum -[[bin_y]] \\log [[bin.yhat]] - (1 - [[bin_y]]) \\log(1 - [[bin.yhat]])")
      .compute({"bin.yhat", "bin_y"}, [](const Inputs& in) -> Value {
        const Eigen::MatrixXd& yhat = in.matrix("bin.yhat");
        // The library averages over all N·M entries; IC's E over the N examples: M times it.
        return static_cast<double>(yhat.cols()) * binary_cross_entropy(flat(yhat), flat(in.matrix("bin_y")));
      });
  trace.step("bin.match", "Bernoulli labels give the binary cross entropy: $-\\log\\mathcal{L} = N E(\\theta)$, the constant is 0")
      .formula("-\\log \\mathcal{L}(\\theta|\\mathbf{x}, \\mathbf{y}) = \\sum_{i=1}^N -y_i \\log f(x_i, \\theta) - (1 - y_i) \\log(1 - f(x_i, \\theta)) = N E(\\theta)")
      .numbers("[[bin.nll]] = N \\cdot [[bin.loss]]")
      .compute({"bin.nll", "bin.loss", "bin_y"}, [](const Inputs& in) -> Value {
        const double nll = in.scalar("bin.nll"), scaled = static_cast<double>(in.matrix("bin_y").rows()) * in.scalar("bin.loss");
        return Verdict{agree(nll, scaled),
                       fmt::format("{:.10g} = {:.10g}: a mass is a probability, so no constant is left over", nll, scaled)};
      });
  //! [binary_cross_entropy]
  trace.step("bin.loss_logits", "The same loss from the pre-activations, without a log of a rounded 0")
      .formula("E(\\theta) = \\frac{1}{N} \\sum_{i=1}^N \\sum_{j=1}^M \\ln(1 + e^{a_i^{(j)}}) - y_i^{(j)} a_i^{(j)}")
      .numbers("\\frac{1}{N} \\sum \\operatorname{softplus}([[bin_a]]) - [[bin_y]] \\circ [[bin_a]]")
      .compute({"bin_a", "bin_y"}, [](const Inputs& in) -> Value {
        const Eigen::MatrixXd& a = in.matrix("bin_a");
        return static_cast<double>(a.cols()) * binary_cross_entropy_from_logits(flat(a), flat(in.matrix("bin_y")));
      });
  //! [binary_gradient]
  trace.step("bin.de_dyhat", "First factor: $\\partial E/\\partial \\hat{y}$")
      .formula("\\frac{\\partial E}{\\partial \\hat{y}_i^{(j)}} = \\frac{1}{N}\\left(-\\frac{y_i^{(j)}}{\\hat{y}_i^{(j)}} + \\frac{1 - y_i^{(j)}}{1 - \\hat{y}_i^{(j)}}\\right)")
      .numbers("\\frac{1}{N}\\left(-\\frac{[[bin_y]]}{[[bin.yhat]]} + \\frac{1 - [[bin_y]]}{1 - [[bin.yhat]]}\\right)")
      .compute({"bin.yhat", "bin_y"}, [](const Inputs& in) -> Value {
        const Eigen::MatrixXd& yhat = in.matrix("bin.yhat");
        return Eigen::MatrixXd(static_cast<double>(yhat.cols()) *
                               shaped_like(binary_cross_entropy_gradient(flat(yhat), flat(in.matrix("bin_y"))), yhat));
      });
  trace.claim_gradient("bin.de_dyhat", "bin.loss", "bin.yhat");
  trace.step("bin.grad", "Times the sigmoid's slope: the gradient with respect to the pre-activations")
      .formula("\\frac{\\partial E}{\\partial a_i^{(j)}} = \\frac{\\partial E}{\\partial \\hat{y}_i^{(j)}} \\hat{y}_i^{(j)} (1 - \\hat{y}_i^{(j)})")
      .numbers("[[bin.de_dyhat]] \\circ \\operatorname{sigmoid}'([[bin_a]])")
      .compute({"bin.de_dyhat", "bin_a"}, [](const Inputs& in) -> Value {
        return Eigen::MatrixXd(in.matrix("bin.de_dyhat").cwiseProduct(Activation::sigmoid().derivative(in.matrix("bin_a"))));
      });
  trace.claim_gradient("bin.grad", "bin.loss", "bin_a");
  trace.step("bin.collapse", "The sigmoid's slope cancels: the gradient is the residual over $N$")
      .formula("\\frac{\\partial E}{\\partial a_i^{(j)}} = \\frac{1}{N} (\\hat{y}_i^{(j)} - y_i^{(j)})")
      .numbers("[[bin.grad]] = \\frac{1}{N}([[bin.yhat]] - [[bin_y]])")
      .compute({"bin.grad", "bin_a", "bin_y"}, [](const Inputs& in) -> Value {
        const Eigen::MatrixXd& a = in.matrix("bin_a");
        // The library's gradient from the logits, (σ(a) − y)/(NM), times M.
        const Eigen::MatrixXd residual = static_cast<double>(a.cols()) *
            shaped_like(binary_cross_entropy_from_logits_gradient(flat(a), flat(in.matrix("bin_y"))), a);
        return Verdict{agree(in.matrix("bin.grad"), residual),
                       fmt::format("the chain and (ŷ − y)/N agree to {:.1e}", (in.matrix("bin.grad") - residual).cwiseAbs().maxCoeff())};
      });
  //! [binary_gradient]
  trace.step("bin.saturated", "A confidently wrong output, $a \\ll 0$ for the label 1: the mass rounds to 0, the loss from $a$ stays finite")
      .formula("p(1|x) = \\operatorname{sigmoid}(a) = \\frac{1}{1 + e^{-a}} \\approx e^{a}, \\quad -\\log p(1|x) = \\ln(1 + e^{a}) - 1 \\cdot a")
      .numbers("\\ln(1 + e^{[[far_a]]}) - [[far_a]]")
      .compute({"far_a"}, [](const Inputs& in) -> Value {
        const Eigen::VectorXd a = Eigen::VectorXd::Constant(1, in.scalar("far_a")), y = Eigen::VectorXd::Ones(1);
        const double mass = bernoulli_mass(1.0, sigmoid(a[0]));  // e^{−1000}: below the smallest double
        const double loss = binary_cross_entropy_from_logits(a, y);
        if (mass > 0.0)  // not far enough out to underflow: both ways agree
          return Verdict{false, fmt::format("the mass {:.6g} is not 0 yet: −log p = {:.6g} = softplus(a) − y·a = {:.6g}",
                                            mass, -std::log(mass), loss)};
        return Verdict{std::isfinite(loss),
                       fmt::format("the mass is {} in doubles, so −log p would be −log 0 = ∞; softplus(a) − y·a = {}", mass, loss)};
      });
}

// Multiclass classification: categorical labels (IC "Multiple target dimensions: classification"; PD
// "Error & output functions: classification").
void categorical_classification(Trace& trace) {
  trace.section("Multiple target dimensions: classification, a softmax over $M$ classes");
  trace.step("cat.onehot", "The one-hot targets: class $\\mathcal{C}_j$ as $e_j$")
      .formula("y_i = [0, \\dots, 0, 1, 0, \\dots, 0] \\ (\\text{the 1 in position } j \\text{ for } x_i \\in \\mathcal{C}_j)")
      .numbers("\\operatorname{onehot}([[cat_class]])")
      .compute({"cat_class", "cat_a"}, [](const Inputs& in) -> Value {
        return one_hot_rows(in.vector("cat_class"), in.matrix("cat_a").cols());  // (N, M)
      });
  trace.step("cat.yhat", "The softmax output layer: $z_L^{(j)} = p(\\mathcal{C}_j|x)$, computed with the max subtracted")
      .formula("\\hat{y}_i^{(j)} = z_L^{(j)} = \\frac{e^{a_L^{(j)}}}{\\sum_{k=1}^M e^{a_L^{(k)}}}")
      .numbers("\\operatorname{softmax}([[cat_a]])")
      .compute({"cat_a"}, [](const Inputs& in) -> Value {
        // The library's softmax works on columns (one sample each); our examples are rows.
        return Eigen::MatrixXd(softmax_columns(in.matrix("cat_a").transpose()).transpose());  // (N, M)
      });
  trace.step("cat.simplex", "Each prediction is a categorical distribution")
      .formula("z_L^{(j)} \\geq 0, \\quad \\sum_{j=1}^M z_L^{(j)} = 1")
      .numbers("\\sum_j [[cat.yhat]]")
      .compute({"cat.yhat"}, [](const Inputs& in) -> Value {
        const Eigen::MatrixXd& yhat = in.matrix("cat.yhat");
        const double worst = (yhat.rowwise().sum().array() - 1.0).abs().maxCoeff();
        return Verdict{yhat.minCoeff() >= 0.0 && worst <= 1e-14,
                       fmt::format("every entry ≥ 0, every row sums to 1 within {:.1e}", worst)};
      });
  //! [categorical_cross_entropy]
  trace.step("cat.mass", "The categorical mass of each example's class")
      .formula("p(y_i|x_i, \\theta) = \\prod_{j=1}^M (\\hat{y}_i^{(j)})^{y_i^{(j)}}")
      .numbers("\\prod_j [[cat.yhat]]^{[[cat.onehot]]}")
      .compute({"cat.yhat", "cat.onehot"}, [](const Inputs& in) -> Value {
        const Eigen::MatrixXd &yhat = in.matrix("cat.yhat"), &y = in.matrix("cat.onehot");
        Eigen::VectorXd p(y.rows());
        for (Eigen::Index i = 0; i < y.rows(); ++i) p[i] = categorical_mass(y.row(i).transpose(), yhat.row(i).transpose());
        return p;  // (N)
      });
  trace.step("cat.nll", "The negative log-likelihood")
      .formula("-\\log \\mathcal{L} = -\\log \\prod_{i=1}^N \\prod_{j=1}^M (\\hat{y}_i^{(j)})^{y_i^{(j)}} = \\sum_{i=1}^N \\sum_{j=1}^M -y_i^{(j)} \\log \\hat{y}_i^{(j)}")
      .numbers("-\\sum \\log [[cat.mass]]")
      .compute({"cat.mass"}, [](const Inputs& in) -> Value { return negative_log_likelihood(in.vector("cat.mass")); });
  trace.step("cat.loss", "The cross entropy loss function")
      .formula("E(\\theta) = \\frac{1}{N} \\sum_{i=1}^N \\sum_{j=1}^M -y_i^{(j)} \\log \\hat{y}_i^{(j)}")
      .numbers("\\frac{1}{N} \\sum -[[cat.onehot]] \\log [[cat.yhat]]")
      .compute({"cat.yhat", "cat.onehot"}, [](const Inputs& in) -> Value {
        const Eigen::MatrixXd &yhat = in.matrix("cat.yhat"), &y = in.matrix("cat.onehot");
        double sum = 0.0;
        for (Eigen::Index i = 0; i < y.rows(); ++i) sum += cross_entropy(yhat.row(i).transpose(), y.row(i).transpose());
        return sum / static_cast<double>(y.rows());
      });
  trace.step("cat.match", "Categorical labels give the cross entropy: $-\\log\\mathcal{L} = N E(\\theta)$, the constant is 0")
      .formula("\\theta_{ML} = \\arg\\min_\\theta \\sum_{i=1}^N \\sum_{j=1}^M -y_i^{(j)} \\log \\hat{y}_i^{(j)} = \\arg\\min_\\theta E(\\theta)")
      .numbers("[[cat.nll]] = N \\cdot [[cat.loss]]")
      .compute({"cat.nll", "cat.loss", "cat.onehot"}, [](const Inputs& in) -> Value {
        const double nll = in.scalar("cat.nll"), scaled = static_cast<double>(in.matrix("cat.onehot").rows()) * in.scalar("cat.loss");
        return Verdict{agree(nll, scaled), fmt::format("{:.10g} = {:.10g}", nll, scaled)};
      });
  trace.step("cat.loss_logits", "The same loss from the logits by log-sum-exp, without forming $\\hat{y}$")
      .formula("E(\\theta) = \\frac{1}{N} \\sum_{i=1}^N \\left(\\log \\sum_{k=1}^M e^{a_i^{(k)}} - a_i^{(c_i)}\\right)")
      .numbers("\\frac{1}{N} \\sum_i \\left(\\operatorname{logsumexp}(a_i) - a_i^{(c_i)}\\right), \\quad a = [[cat_a]], \\ y = [[cat.onehot]]")
      .compute({"cat_a", "cat.onehot"}, [](const Inputs& in) -> Value {
        const Eigen::MatrixXd &a = in.matrix("cat_a"), &y = in.matrix("cat.onehot");
        double sum = 0.0;
        for (Eigen::Index i = 0; i < a.rows(); ++i) sum += softmax_cross_entropy(a.row(i).transpose(), y.row(i).transpose());
        return sum / static_cast<double>(a.rows());
      });
  trace.step("cat.grad", "The gradient with respect to the logits: the residual over $N$")
      .formula("\\frac{\\partial E}{\\partial a_i^{(j)}} = \\frac{1}{N} (\\hat{y}_i^{(j)} - y_i^{(j)}) \\quad (\\text{using } \\sum_j y_i^{(j)} = 1)")
      .numbers("\\frac{1}{N} ([[cat.yhat]] - [[cat.onehot]])")
      .compute({"cat_a", "cat.onehot"}, [](const Inputs& in) -> Value {
        const Eigen::MatrixXd &a = in.matrix("cat_a"), &y = in.matrix("cat.onehot");
        Eigen::MatrixXd g(a.rows(), a.cols());
        for (Eigen::Index i = 0; i < a.rows(); ++i)
          g.row(i) = softmax_cross_entropy_gradient(a.row(i).transpose(), y.row(i).transpose()).transpose();  // ŷ_i − y_i
        return Eigen::MatrixXd(g / static_cast<double>(a.rows()));
      });
  trace.claim_gradient("cat.grad", "cat.loss", "cat_a");
  trace.claim_gradient("cat.grad", "cat.loss_logits", "cat_a");
  //! [categorical_cross_entropy]
  trace
      .step("cat.slide_form",
            "IC's \"Loss functions\" slide writes $H_{\\hat{y}}(y)$ with $\\hat{y}$ and $y$ swapped: its log takes the one-hot $y$, whose zeros give log 0")
      .formula("H_{\\hat{\\mathbf{y}}}(\\mathbf{y}) := -\\frac{1}{N} \\sum_{i=1}^N \\sum_{j=1}^M \\hat{y}_i^{(j)} \\log(y_i^{(j)}) \\quad \\text{versus} \\quad E(\\theta) = -\\frac{1}{N} \\sum_{i=1}^N \\sum_{j=1}^M y_i^{(j)} \\log \\hat{y}_i^{(j)}")
      .numbers("-\\frac{1}{N} \\sum [[cat.yhat]] \\log [[cat.onehot]]")
      .compute({"cat.yhat", "cat.onehot", "cat.loss"}, [](const Inputs& in) -> Value {
        const Eigen::MatrixXd &yhat = in.matrix("cat.yhat"), &y = in.matrix("cat.onehot");
        // Count the terms ŷ log y with y = 0 < ŷ (each is −∞) instead of taking log 0.
        const auto infinite = ((y.array() == 0.0) && (yhat.array() > 0.0)).count();
        return Verdict{infinite > 0,
                       fmt::format("as printed, {} of the {} terms are ŷ·log 0 = −∞, so H_ŷ(y) = +∞ for every "
                                   "prediction; with the arguments in the order the likelihood gives, "
                                   "−(1/N) Σ y log ŷ = {:.6g} = E(θ)",
                                   infinite, y.size(), in.scalar("cat.loss"))};
      });
}

// Output layers matched to tasks (IC "Activation functions"; PD "Summary").
void output_layers_for_tasks(Trace& trace) {
  trace.section("Output layers matched to tasks");
  trace.step("outputs.matched", "Each output layer matched to its likelihood makes the gradient the residual $\\hat{y} - y$")
      .formula("\\text{identity} + \\text{Gaussian}: \\delta = \\hat{y} - y; \\quad \\text{sigmoid} + \\text{Bernoulli}, \\ \\text{softmax} + \\text{categorical}: \\frac{\\partial E}{\\partial a} = \\frac{1}{N}(\\hat{y} - y)")
      .compute({"reg.delta", "reg.yhat", "reg_y", "bin.grad", "bin.yhat", "bin_y", "cat.grad", "cat.yhat", "cat.onehot"},
               [](const Inputs& in) -> Value {
                 const double n_bin = static_cast<double>(in.matrix("bin_y").rows());
                 const double n_cat = static_cast<double>(in.matrix("cat.onehot").rows());
                 const bool regression = agree(in.matrix("reg.delta"), Eigen::MatrixXd(in.matrix("reg.yhat") - in.matrix("reg_y")));
                 const bool binary = agree(in.matrix("bin.grad"), Eigen::MatrixXd((in.matrix("bin.yhat") - in.matrix("bin_y")) / n_bin));
                 const bool multiclass = agree(in.matrix("cat.grad"), Eigen::MatrixXd((in.matrix("cat.yhat") - in.matrix("cat.onehot")) / n_cat));
                 return Verdict{regression && binary && multiclass,
                                "identity for real targets, sigmoid for labels in {0, 1}, softmax for one of M "
                                "classes: each pair's output slope cancels against its loss; softplus, with range "
                                "(0, ∞), predicts a variance and is not such a pair"};
               });
}

// Figures.
void draw_figures(Trace& trace) {
  Plot layers{.x_label = "pre-activation a", .y_label = "output", .curves = {}, .x_range = {}, .y_range = {}};
  layers.curves.push_back(curve("identity: real targets (Gaussian)", [](double a) { return identity(a); }));
  layers.curves.push_back(curve("sigmoid: p(C1|x) (Bernoulli)", [](double a) { return sigmoid(a); }));
  layers.curves.push_back(curve("softplus: a variance σ² > 0 (softmax of (a, 0) is the sigmoid)", [](double a) { return softplus(a); }));
  trace.figure({"output_layers", "Output layers and what they predict", layers});
  Plot losses{.x_label = "pre-activation a (target y = 1)", .y_label = "per-example loss and its slope", .curves = {}, .x_range = {}, .y_range = {}};
  losses.curves.push_back(curve("Gaussian, σ² = 1: ½(a − 1)² + const.", [](double a) { return sse(Eigen::VectorXd::Constant(1, a), Eigen::VectorXd::Ones(1)); }));
  losses.curves.push_back(curve("Bernoulli: ln(1 + eᵃ) − a", [](double a) {
    return binary_cross_entropy_from_logits(Eigen::VectorXd::Constant(1, a), Eigen::VectorXd::Ones(1));
  }));
  losses.curves.push_back(curve("slope ŷ − y, identity", [](double a) { return identity(a) - 1.0; }));
  losses.curves.push_back(curve("slope ŷ − y, sigmoid", [](double a) { return sigmoid(a) - 1.0; }));
  trace.figure({"losses", "Per-example NLL for y = 1 and its slope ŷ − y", losses});
}

}  // namespace max_likelihood_parts

Trace max_likelihood(const ChapterOptions& options) {
  using namespace max_likelihood_parts;
  Trace trace("max_likelihood", "Losses from likelihoods: Gaussian, Bernoulli and categorical targets");
  trace
      .summary(
          "Training by maximum likelihood, $\\theta_{ML} = \\arg\\max_\\theta \\prod_i p(y_i|x_i, \\theta)$, "
          "is training by a loss: the negative log-likelihood of a noise model is the loss up to a "
          "positive factor and a constant that does not depend on $\\theta$. Gaussian noise on a linear "
          "(identity) output gives the MSE, with $-\\log\\mathcal{L} = \\frac{N}{2\\sigma^2}E(\\theta) + "
          "\\frac{Nt}{2}\\log(2\\pi\\sigma^2)$; a Bernoulli label on a sigmoid output gives the binary "
          "cross-entropy, and a categorical label on a softmax output the cross-entropy, both with "
          "$-\\log\\mathcal{L} = N E(\\theta)$ and no constant. Each negative log-likelihood is computed "
          "from the density or mass itself and each loss by the library's losses, and their difference is "
          "checked against the constant, here and at other predictions. For each matched pair the "
          "gradient with respect to the pre-activation is the residual $\\hat{y} - y$ (over $N$); a "
          "softplus output, the fourth output layer, predicts the variance, whose maximum-likelihood "
          "value is the mean squared residual. " +
          std::string(options.seed ? "The slides print no numbers: this variant's pre-activations, "
                                     "targets, $\\sigma^2$ and $b$ are drawn from the seed."
                                   : "The slides print no numbers: the pre-activations, targets, "
                                     "$\\sigma^2 = 0.25$ and $b = 0$ are ours."))
      .source("IC", "004_f167be6db553c350.txt",
              {"Maximum likelihood", "Maximum likelihood: regression", "Maximum likelihood: binary classification",
               "Multiple target dimensions: regression", "Multiple target dimensions: classification",
               "Activation functions", "Loss functions"})
      .source("PD", "003_b5a9c74466967a6d.txt",
              {"Error & output functions: regression", "Error & output functions: classification",
               "Error gradient: output nodes (3/3)"})
      .convention(
          "IC's notation: examples $i = 1, \\dots, N$, output coordinates $j$; $y_i^{(j)}$ is the target and "
          "$\\hat{y}_i^{(j)} = f(x_i, \\theta)^{(j)}$ the prediction; $a_i^{(j)}$ is the output layer's "
          "pre-activation ($a_L$). Each matrix holds one example per row ($N \\times t$ or $N \\times M$). "
          "$\\log$ is natural. $E(\\theta)$ averages over the $N$ examples and sums over $j$, as IC "
          "writes it; the library's mse and binary cross-entropy average over all entries, so $E$ is "
          "$t$ (or $M$) times theirs. PD's $E = \\frac{1}{2}\\sum\\|\\hat{y} - y\\|^2$ (PD writes $t$ for the "
          "target, $y$ for the output) is shown beside IC's. $\\sigma^2$ is the noise variance, "
          "$\\operatorname{sigmoid}$ the logistic function. Class numbers run $1, \\dots, M$.")
      .notation("\\mathcal{L}(\\theta|\\mathbf{x}, \\mathbf{y})", "the likelihood $\\prod_i p(y_i|x_i, \\theta)$")
      .notation("a_i^{(j)}", "the output layer's pre-activation for example $i$, output $j$")
      .notation("\\hat{y}_i^{(j)}", "the output layer's output: the prediction")
      .notation("y_i^{(j)}", "the target: a real number, a label in $\\{0, 1\\}$, or a one-hot entry")
      .notation("\\sigma^2", "the variance of the Gaussian noise $\\epsilon$")
      .notation("E(\\theta)", "IC's loss: MSE, binary cross-entropy or cross-entropy")
      .notation("b", "the pre-activation of a softplus output that predicts $\\sigma^2$")
      .seed(options.seed)
      .rounding({Rounding::Mode::significant, 4});

  const Setting s = options.seed ? drawn_setting(*options.seed) : default_setting();
  trace.parameter("reg_a", "a", "regression: the linear output layer's pre-activations, one example per row", s.reg_a);
  trace.parameter("reg_y", "y", "regression: the real targets, one example per row", s.reg_y);
  trace.parameter("sigma2", "\\sigma^2", "the variance of the Gaussian noise (a hyperparameter)", s.sigma2);
  trace.parameter("var_b", "b", "the pre-activation of the softplus output that predicts the variance", s.var_b);
  trace.parameter("bin_a", "a", "binary classification: the sigmoid outputs' pre-activations (M labels)", s.bin_a);
  trace.parameter("bin_y", "y", "binary classification: the labels in {0, 1}", s.bin_y);
  trace.parameter("cat_a", "a_L", "multiclass classification: the softmax layer's logits, one example per row", s.cat_a);
  trace.parameter("cat_class", "c", "multiclass classification: each example's class number j (class C_j)", s.cat_class);
  trace.parameter("far_a", "a", "a confidently wrong pre-activation for the label 1", s.far_a);

  gaussian_regression(trace);
  softplus_variance(trace);
  bernoulli_classification(trace);
  categorical_classification(trace);
  output_layers_for_tasks(trace);
  draw_figures(trace);
  return trace;
}

}  // namespace nnwb::chapters
