// Chapter 2, mse_vs_ce: MSE versus cross-entropy gradients for one sigmoid output node.
// Lectures: EDI "Training single layer neural network with MSE (cont.)" (the chain
// ∂E_n/∂w_i = ∂E_n/∂ŷ_n · ∂ŷ_n/∂a_n · ∂a_n/∂w_i = (ŷ_n − y_n) ŷ_n(1 − ŷ_n) x_ni), "Another training
// criterion – cross-entropy error" (g'(a) ≈ 0 where g(a) ≈ 0 or 1; E_H and
// ∂E_H/∂w_i = (1/N) Σ_n (ŷ_n − y_n) x_ni) and the first quiz (show that last formula);
// CTU "Cross-Entropy Loss Function" (∂E_p/∂y_p = −d_p/y_p + (1 − d_p)/(1 − y_p), times y_p(1 − y_p),
// collapses to (y_p − d_p) x_pi); BMB "Perceptron Learning" (E = ½Err², ∂E/∂W_j = −Err × g'(in) × x_j).
// None of these slides prints numbers, so the data set, start weights and learning rate are ours.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <string>
#include <vector>

#include "chapters.hpp"
#include "nnwb/activations.hpp"
#include "nnwb/gradient_check.hpp"
#include "nnwb/losses.hpp"
#include "nnwb/random.hpp"
#include "nnwb/sigmoid_neuron.hpp"

namespace nnwb::chapters {
namespace mse_vs_ce_parts {  // the chapter's sections and what they share

// The magnitudes |a| of the saturation table's rows. (They avoid |a| ≈ 9…18, where ∂E_MSE/∂a is
// still above 1e−8 but the change of E_MSE ≈ ½ over a central-difference step of 1e−6·|a| is
// too small for a double to resolve to the 1e−7 that the generic gradient check asks for.)
constexpr int saturation_rows[] = {1, 2, 4, 8, 20};
// Gradient-descent steps taken with each loss.
constexpr int descent_steps = 3;

// ∂ŷ/∂a = g'(a) = ŷ(1 − ŷ) for the logistic sigmoid, from ŷ. (N) → (N)
Eigen::VectorXd sigmoid_slope(const Eigen::VectorXd& yhat) { return (yhat.array() * (1.0 - yhat.array())).matrix(); }

// The picture of the saturation table: ∂E/∂a against the pre-activation a for both losses, as
// curves over a ∈ [−10, 10] and as the table's own rows, for one sample with target y.
Figure gradient_figure(const Trace& trace, const std::vector<std::string>& table_inputs, double y) {
  const Eigen::VectorXd target = Eigen::VectorXd::Constant(1, y);
  Curve mse, ce;
  mse.title = "∂E_MSE/∂a = (ŷ − y) g′(a)", ce.title = "∂E_H/∂a = ŷ − y";
  for (int k = 0; k <= 200; ++k) {
    const double a = -10.0 + 0.1 * k;
    const Eigen::VectorXd yhat = Eigen::VectorXd::Constant(1, sigmoid(a));
    mse.x.push_back(a), ce.x.push_back(a);
    mse.y.push_back(sse_gradient(yhat, target)[0] * sigmoid_derivative(a));  // ∂E/∂ŷ · ∂ŷ/∂a
    ce.y.push_back(binary_cross_entropy_from_logits_gradient(Eigen::VectorXd::Constant(1, a), target)[0]);
  }
  Curve mse_rows, ce_rows;
  mse_rows.title = "the table's rows: MSE", ce_rows.title = "the table's rows: cross-entropy";
  mse_rows.style = ce_rows.style = Curve::Style::points;
  for (std::size_t r = 0; r + 3 < table_inputs.size(); r += 4) {  // (a, ŷ, ∂E_MSE/∂a, ∂E_H/∂a)
    const double a = std::get<double>(trace.value(table_inputs[r]));
    if (std::abs(a) > 10) continue;  // outside the picture
    mse_rows.x.push_back(a), ce_rows.x.push_back(a);
    mse_rows.y.push_back(std::get<double>(trace.value(table_inputs[r + 2])));
    ce_rows.y.push_back(std::get<double>(trace.value(table_inputs[r + 3])));
  }
  Plot plot;
  plot.x_label = "pre-activation a", plot.y_label = "∂E/∂a";
  plot.curves = {mse, ce, mse_rows, ce_rows};
  plot.x_range = AxisRange{-10, 10}, plot.y_range = AxisRange{-1.1, 1.1};
  return {"gradients",
          fmt::format("The gradient with respect to the pre-activation for one sample with target "
                      "y = {:g}: the MSE's vanishes where the sigmoid saturates, the "
                      "cross-entropy's does not",
                      y),
          plot};
}

// How many samples the weights put on the wrong side of ŷ = ½.
int misclassified(const Eigen::MatrixXd& x, const Eigen::VectorXd& w, const Eigen::VectorXd& y) {
  const Eigen::VectorXd yhat = sigmoid_neuron_output(x, w);
  int count = 0;
  for (Eigen::Index n = 0; n < y.size(); ++n) count += (yhat[n] >= 0.5) != (y[n] >= 0.5);
  return count;
}

// The lecture's setting, or a variant's.
struct Setting {
  Eigen::MatrixXd x;  // X: (N, 2), rows x_nᵀ = (1, x_n1)
  Eigen::VectorXd y;  // (N)
  Eigen::VectorXd w;  // (2)
  double eta = 1.0;
  double saturation_target = 1.0;
};

Setting default_setting() {
  // Three samples on a line, separable by w_1 > 0; the start w = (0.5, −2) puts all three on the
  // wrong side, two of them confidently (a = 2.5 for y = 0, a = −3.5 for y = 1). (Not further out:
  // the generic gradient check differentiates E_H in ŷ by central differences, and these lose
  // accuracy as ŷ nears 0 or 1; the saturation table below goes as far out as it likes in a.)
  Setting s;
  s.x.resize(3, 2);
  // clang-format off
  s.x << 1,  1,
         1, -1,
         1,  2;
  // clang-format on
  s.y = Eigen::Vector3d(1, 0, 1);
  s.w = Eigen::Vector2d(0.5, -2);
  s.eta = 1.0;
  s.saturation_target = 1.0;
  return s;
}

Setting drawn_setting(std::uint64_t seed) {
  Rng rng(seed);
  Setting s;
  s.x = Eigen::MatrixXd::Ones(3, 2);
  s.y.resize(3);
  // Draw until some sample is confidently wrong (|a| ≥ 1.5 on the wrong side) and no |a| exceeds
  // 3.5, so that ŷ stays at least 0.029 away from 0 and 1 (finite differences in ŷ stay accurate).
  for (;;) {
    for (Eigen::Index n = 0; n < 3; ++n) {
      s.x(n, 1) = rng.nonzero_decimal(-2, 2, 1);
      s.y[n] = static_cast<double>(rng.integer(0, 1));
    }
    // w₁ before w₀: the order of every variant since the first (see draw order in random.hpp).
    const double w1 = rng.nonzero_decimal(-3, 3, 1), w0 = rng.decimal(-1, 1, 1);
    s.w = Eigen::Vector2d(w0, w1);
    const Eigen::VectorXd a = s.x * s.w;
    bool confidently_wrong = false;
    for (Eigen::Index n = 0; n < 3; ++n)
      confidently_wrong = confidently_wrong || (s.y[n] == 1.0 ? a[n] <= -1.5 : a[n] >= 1.5);
    // … and every gradient entry clearly non-zero, so that each is worth a student's look (and a
    // central difference resolves it to a small relative error).
    const double smallest = std::min(sigmoid_neuron_squared_error_gradient(s.x, s.w, s.y).cwiseAbs().minCoeff(),
                                     sigmoid_neuron_cross_entropy_gradient(s.x, s.w, s.y).cwiseAbs().minCoeff());
    if (confidently_wrong && a.cwiseAbs().maxCoeff() <= 3.5 && smallest >= 0.01) break;
  }
  s.eta = rng.decimal(0.5, 2, 1);
  s.saturation_target = static_cast<double>(rng.integer(0, 1));
  return s;
}

// ---- the sections, in reading order --------------------------------------------------------------

// Forward pass.
void forward_pass(Trace& trace) {
  //! [forward_pass]
  trace.section("Forward pass");
  trace
      .step("forward.x",
            "The samples with their bias input: $X$, one row $\\mathbf{x}_n^\\top = (1, x_{n1})$ per sample")
      .formula("\\mathbf{x}_n = (x_{n0}, x_{n1}) = (1, x_{n1})")
      .compute({"x1"}, [](const Inputs& in) -> Value {
        const Eigen::VectorXd& x1 = in.vector("x1");
        Eigen::MatrixXd x(x1.size(), 2);
        x << Eigen::VectorXd::Ones(x1.size()), x1;  // x_n0 = 1: the bias w_0 is a weight like the others
        return x;
      });
  trace.step("forward.a", "The pre-activations $a_n$")
      .formula("a_n = \\mathbf{w}^\\top \\mathbf{x}_n = \\sum_{i=0}^{d} w_i x_{ni}")
      .numbers("X [[w]]")
      .compute({"forward.x", "w"}, [](const Inputs& in) -> Value {
        return sigmoid_neuron_pre_activation(in.matrix("forward.x"), in.vector("w"));  // a = Xw
      });
  trace.step("forward.yhat", "The outputs $\\hat{y}_n = g(a_n)$")
      .formula("\\hat{y}_n = g(a_n) = \\frac{1}{1 + e^{-a_n}}")
      .numbers("g([[forward.a]])")
      .compute({"forward.a"}, [](const Inputs& in) -> Value {
        return Eigen::VectorXd(in.vector("forward.a").unaryExpr([](double a) { return sigmoid(a); }));
      });
  //! [forward_pass]
}

// MSE: the chain rule (EDI "Training single layer neural network with MSE (cont.)").
void mse_chain_rule(Trace& trace) {
  //! [mse_chain_rule]
  trace.section("MSE: the chain rule");
  trace.step("mse.e", "The error $E_{\\text{MSE}}$")
      .formula("E_{\\text{MSE}}(\\mathbf{w}) = \\frac{1}{2} \\sum_{n=1}^{N} (\\hat{y}_n - y_n)^2")
      .numbers("\\frac{1}{2} \\lVert [[forward.yhat]] - [[y]] \\rVert^2")
      .compute({"forward.yhat", "y"}, [](const Inputs& in) -> Value {
        return sse(in.vector("forward.yhat"), in.vector("y"));  // ½ Σ (ŷ − y)²
      });
  trace.step("mse.de_dyhat", "First factor: $\\partial E_{\\text{MSE}}/\\partial \\hat{y}_n$")
      .formula("\\frac{\\partial E_{\\text{MSE}}}{\\partial \\hat{y}_n} = \\hat{y}_n - y_n")
      .numbers("[[forward.yhat]] - [[y]]")
      .compute({"forward.yhat", "y"}, [](const Inputs& in) -> Value {
        return sse_gradient(in.vector("forward.yhat"), in.vector("y"));  // ŷ − y
      });
  trace.claim_gradient("mse.de_dyhat", "mse.e", "forward.yhat");
  trace.step("chain.dyhat_da", "Second factor: the sigmoid's slope $\\partial \\hat{y}_n/\\partial a_n$")
      .formula(
          "\\frac{\\partial \\hat{y}_n}{\\partial a_n} = g'(a_n) = g(a_n)(1 - g(a_n)) = "
          "\\hat{y}_n (1 - \\hat{y}_n)")
      .numbers("[[forward.yhat]] \\circ (1 - [[forward.yhat]])")
      .compute({"forward.yhat"}, [](const Inputs& in) -> Value {
        return sigmoid_slope(in.vector("forward.yhat"));  // ŷ(1 − ŷ)
      });
  trace.step("chain.da_dw", "Third factor: $\\partial a_n/\\partial w_i$, one row per sample")
      .formula("\\frac{\\partial a_n}{\\partial w_i} = x_{ni}")
      .compute({"forward.x"}, [](const Inputs& in) -> Value {
        return in.matrix("forward.x");  // ∂(Σ_i w_i x_ni)/∂w_i = x_ni
      });
  trace.step("mse.de_da", "The first two factors: $\\partial E_{\\text{MSE}}/\\partial a_n$")
      .formula(
          "\\frac{\\partial E_{\\text{MSE}}}{\\partial a_n} = \\frac{\\partial E_{\\text{MSE}}}"
          "{\\partial \\hat{y}_n} \\frac{\\partial \\hat{y}_n}{\\partial a_n} = (\\hat{y}_n - y_n)"
          " \\hat{y}_n (1 - \\hat{y}_n)")
      .numbers("[[mse.de_dyhat]] \\circ [[chain.dyhat_da]]")
      .compute({"mse.de_dyhat", "chain.dyhat_da"}, [](const Inputs& in) -> Value {
        return Eigen::VectorXd(in.vector("mse.de_dyhat").cwiseProduct(in.vector("chain.dyhat_da")));
      });
  trace.claim_gradient("mse.de_da", "mse.e", "forward.a");
  trace.step("mse.grad_w", "All three factors, summed over the samples: $\\partial E_{\\text{MSE}}/\\partial w_i$")
      .formula(
          "\\frac{\\partial E_{\\text{MSE}}}{\\partial w_i} = \\sum_{n=1}^{N} \\frac{\\partial "
          "E_{\\text{MSE}}}{\\partial a_n} \\frac{\\partial a_n}{\\partial w_i} = \\sum_{n=1}^{N} "
          "(\\hat{y}_n - y_n) \\hat{y}_n (1 - \\hat{y}_n) x_{ni}")
      .numbers("X^\\top [[mse.de_da]]")
      .compute({"chain.da_dw", "mse.de_da"}, [](const Inputs& in) -> Value {
        return Eigen::VectorXd(in.matrix("chain.da_dw").transpose() * in.vector("mse.de_da"));  // Σ_n ∂E/∂a_n · x_ni
      });
  trace.claim_gradient("mse.grad_w", "mse.e", "w");
  //! [mse_chain_rule]
}

// BMB "Perceptron Learning": the same gradient, written with Err = y − h_W(x).
void bmb_perceptron_learning(Trace& trace) {
  trace.section("The same gradient in BMB's notation");
  trace.step("bmb.err", "BMB's error $Err_n = y_n - h_{\\mathbf{W}}(\\mathbf{x}_n)$")
      .formula("Err_n = y_n - h_{\\mathbf{W}}(\\mathbf{x}_n) = y_n - \\hat{y}_n")
      .numbers("[[y]] - [[forward.yhat]]")
      .compute({"y", "forward.yhat"},
               [](const Inputs& in) -> Value { return Eigen::VectorXd(in.vector("y") - in.vector("forward.yhat")); });
  trace
      .step("bmb.grad_w",
            "BMB's gradient $\\partial E/\\partial W_j = -Err \\times g'(in) \\times x_j$, summed over the samples")
      .formula("\\frac{\\partial E}{\\partial W_j} = -\\sum_{n=1}^{N} Err_n \\times g'(in_n) \\times x_{nj}")
      .numbers("-X^\\top ([[bmb.err]] \\circ [[chain.dyhat_da]])")
      .compute({"forward.x", "bmb.err", "chain.dyhat_da"}, [](const Inputs& in) -> Value {
        const Eigen::VectorXd err_slope = in.vector("bmb.err").cwiseProduct(in.vector("chain.dyhat_da"));
        return Eigen::VectorXd(-(in.matrix("forward.x").transpose() * err_slope));  // −Σ Err g'(in) x_j
      });
  trace.claim_gradient("bmb.grad_w", "mse.e", "w");
  trace.step("bmb.same", "BMB's and EDI's gradients agree")
      .formula("-Err_n \\, g'(in_n) \\, x_{nj} = (\\hat{y}_n - y_n) \\, g'(a_n) \\, x_{ni}")
      .numbers("[[bmb.grad_w]] = [[mse.grad_w]]")
      .compute({"bmb.grad_w", "mse.grad_w"}, [](const Inputs& in) -> Value {
        const double gap = max_relative_error(in.vector("bmb.grad_w"), in.vector("mse.grad_w"));
        return Verdict{gap <= 1e-12, fmt::format("the sign of Err absorbs the minus: the two agree to {:.1e}, so "
                                                 "BMB's update W_j ← W_j + α·Err·g'(in)·x_j is EDI's w_i ← w_i "
                                                 "− η·∂E_MSE/∂w_i",
                                                 gap)};
      });
}

// Cross-entropy: the chain rule (EDI "Another training criterion", CTU).
void cross_entropy_chain_rule(Trace& trace) {
  //! [cross_entropy_chain_rule]
  trace.section("Cross-entropy: the chain rule");
  trace.step("ce.e", "The error $E_H$")
      .formula(
          "E_H(\\mathbf{w}) = -\\frac{1}{N} \\sum_{n=1}^{N} \\{ y_n \\log \\hat{y}_n + (1 - y_n) "
          "\\log (1 - \\hat{y}_n) \\}")
      .compute({"forward.yhat", "y"}, [](const Inputs& in) -> Value {
        return binary_cross_entropy(in.vector("forward.yhat"), in.vector("y"));  // never log 0
      });
  trace
      .step(
          "ce.de_dyhat",
          "First factor: $\\partial E_H/\\partial \\hat{y}_n$ (CTU: $\\partial E_p/\\partial y_p$, without the $1/N$)")
      .formula(
          "\\frac{\\partial E_H}{\\partial \\hat{y}_n} = \\frac{1}{N} \\left( -\\frac{y_n}{\\hat{y}_n}"
          " + \\frac{1 - y_n}{1 - \\hat{y}_n} \\right)")
      .numbers(
          "\\frac{1}{N} \\left( -\\frac{[[y]]}{[[forward.yhat]]} + \\frac{1 - [[y]]}{1 - [[forward.yhat]]} \\right)")
      .compute({"forward.yhat", "y"}, [](const Inputs& in) -> Value {
        return binary_cross_entropy_gradient(in.vector("forward.yhat"), in.vector("y"));
      });
  trace.claim_gradient("ce.de_dyhat", "ce.e", "forward.yhat");
  trace.step("ce.de_da", "Times the same sigmoid slope: $\\partial E_H/\\partial a_n$")
      .formula(
          "\\frac{\\partial E_H}{\\partial a_n} = \\frac{\\partial E_H}{\\partial \\hat{y}_n} "
          "\\frac{\\partial \\hat{y}_n}{\\partial a_n} = \\frac{1}{N} \\left( -\\frac{y_n}{\\hat{y}_n}"
          " + \\frac{1 - y_n}{1 - \\hat{y}_n} \\right) \\hat{y}_n (1 - \\hat{y}_n)")
      .numbers("[[ce.de_dyhat]] \\circ [[chain.dyhat_da]]")
      .compute({"ce.de_dyhat", "chain.dyhat_da"}, [](const Inputs& in) -> Value {
        return Eigen::VectorXd(in.vector("ce.de_dyhat").cwiseProduct(in.vector("chain.dyhat_da")));
      });
  trace.claim_gradient("ce.de_da", "ce.e", "forward.a");
  trace.step("ce.collapse", "The slope cancels the denominators (EDI's first quiz)")
      .formula(
          "\\frac{1}{N} \\left( -y_n (1 - \\hat{y}_n) + (1 - y_n) \\hat{y}_n \\right) = "
          "\\frac{1}{N} (\\hat{y}_n - y_n)")
      .numbers("\\frac{1}{N} ([[forward.yhat]] - [[y]])")
      .compute({"forward.yhat", "y"}, [](const Inputs& in) -> Value {
        const Eigen::VectorXd& y = in.vector("y");
        return Eigen::VectorXd((in.vector("forward.yhat") - y) / static_cast<double>(y.size()));  // (ŷ − y)/N
      });
  trace.step("ce.collapse.check", "The product of the two factors is $\\frac{1}{N}(\\hat{y}_n - y_n)$")
      .formula(
          "\\frac{\\partial E_H}{\\partial \\hat{y}_n} \\frac{\\partial \\hat{y}_n}{\\partial a_n} = "
          "\\frac{1}{N} (\\hat{y}_n - y_n)")
      .numbers("[[ce.de_da]] = [[ce.collapse]]")
      .compute({"ce.de_da", "ce.collapse"}, [](const Inputs& in) -> Value {
        const double gap = max_relative_error(in.vector("ce.de_da"), in.vector("ce.collapse"));
        return Verdict{gap <= 1e-12, fmt::format("they agree to {:.1e}: g'(a) has cancelled", gap)};
      });
  trace.step("ce.grad_w", "All three factors, summed over the samples: $\\partial E_H/\\partial w_i$")
      .formula(
          "\\frac{\\partial E_H}{\\partial w_i} = \\sum_{n=1}^{N} \\frac{\\partial E_H}{\\partial a_n}"
          " \\frac{\\partial a_n}{\\partial w_i} = \\frac{1}{N} \\sum_{n=1}^{N} (\\hat{y}_n - y_n) x_{ni}")
      .numbers("X^\\top [[ce.de_da]]")
      .compute({"chain.da_dw", "ce.de_da"}, [](const Inputs& in) -> Value {
        return Eigen::VectorXd(in.matrix("chain.da_dw").transpose() * in.vector("ce.de_da"));
      });
  trace.claim_gradient("ce.grad_w", "ce.e", "w");
  //! [cross_entropy_chain_rule]
}

// Both gradients against central differences (gradient_check).
void central_differences(Trace& trace) {
  trace.section("Both gradients against central differences");
  //! [both_gradients_against_central_differences]
  const auto difference_check = [&trace](const std::string& loss, const std::string& symbol) {
    const std::string numeric = fmt::format("check.{}.grad_w", loss), analytic = fmt::format("{}.grad_w", loss);
    const bool squared = loss == "mse";
    trace.step(numeric, fmt::format("$\\nabla_{{\\mathbf{{w}}}} {}$ by central differences", symbol))
        .formula(fmt::format("\\frac{{{0}(\\mathbf{{w}} + \\epsilon \\mathbf{{e}}_i) - {0}(\\mathbf{{w}} - "
                             "\\epsilon \\mathbf{{e}}_i)}}{{2\\epsilon}}, \\quad {{\\epsilon}} = 10^{{-6}}",
                             symbol))
        .compute({"forward.x", "y", "w"}, [squared](const Inputs& in) -> Value {
          const Eigen::MatrixXd x = in.matrix("forward.x");
          const Eigen::VectorXd y = in.vector("y");
          return numerical_gradient(
              [&](const Eigen::VectorXd& w) {
                return squared ? sigmoid_neuron_squared_error(x, w, y) : sigmoid_neuron_cross_entropy(x, w, y);
              },
              in.vector("w"));
        });
    trace.step(fmt::format("check.{}", loss), fmt::format("The chain rule's ${}$ gradient agrees", symbol))
        .formula("\\max_i \\frac{|g_i - \\hat{g}_i|}{\\max(|g_i|, |\\hat{g}_i|)} \\le 10^{-6}")
        .numbers(fmt::format("[[{}]] \\approx [[{}]]", analytic, numeric))
        .compute({analytic, numeric}, [analytic, numeric](const Inputs& in) -> Value {
          const double error = max_relative_error(in.vector(analytic), in.vector(numeric));
          return Verdict{error <= 1e-6, fmt::format("largest relative error {:.1e}", error)};
        });
  };
  difference_check("mse", "E_{\\text{MSE}}");
  difference_check("ce", "E_H");
  //! [both_gradients_against_central_differences]
}

// Saturation (EDI: "g'(a) ≈ 0 for such a that g(a) ≈ 0 or 1"; CTU: "reduced risk of neuron
// saturation").
void saturation(Trace& trace, const Setting& s) {
  // One sample, target y, and a pre-activation ever further on the wrong side: a = −|a| for y = 1,
  // a = +|a| for y = 0. ∂E/∂w_i is ∂E/∂a times x_i, so the factor ∂E/∂a decides.
  trace.section("Saturation: a confidently wrong output");
  trace.parameter("saturation.y", "y_{\\text{sat}}", "saturation table: the target of its one sample",
                  s.saturation_target);
  std::vector<std::string> table_inputs;
  for (const int magnitude : saturation_rows) {
    const std::string a = fmt::format("saturation.a{}", magnitude), row = a + ".";
    trace.parameter(a, "a_{\\text{sat}}",
                    fmt::format("saturation table, row $|a| = {}$: a pre-activation on the wrong side", magnitude),
                    static_cast<double>(s.saturation_target == 1.0 ? -magnitude : magnitude));
    const std::string where = fmt::format("$|a| = {}$: ", magnitude);
    trace.step(row + "yhat", where + "the output $\\hat{y} = g(a)$")
        .formula("\\hat{y} = g(a)")
        .numbers(fmt::format("g([[{}]])", a))
        .compute({a}, [a](const Inputs& in) -> Value { return sigmoid(in.scalar(a)); });
    trace.step(row + "e_mse", where + "$E_{\\text{MSE}}$")
        .formula("E_{\\text{MSE}} = \\frac{1}{2} (\\hat{y} - y)^2")
        .numbers(fmt::format("\\frac{{1}}{{2}} ([[{}yhat]] - [[saturation.y]])^2", row))
        .compute({row + "yhat", "saturation.y"}, [row](const Inputs& in) -> Value {
          return sse(Eigen::VectorXd::Constant(1, in.scalar(row + "yhat")),
                     Eigen::VectorXd::Constant(1, in.scalar("saturation.y")));  // ½(ŷ − y)²
        });
    trace.step(row + "mse", where + "$\\partial E_{\\text{MSE}}/\\partial a$, with the factor $g'(a)$")
        .formula("\\frac{\\partial E_{\\text{MSE}}}{\\partial a} = (\\hat{y} - y) \\hat{y} (1 - \\hat{y})")
        .numbers(fmt::format("([[{0}yhat]] - [[saturation.y]]) \\cdot [[{0}yhat]] (1 - [[{0}yhat]])", row))
        .compute({row + "yhat", "saturation.y"}, [row](const Inputs& in) -> Value {
          const double yhat = in.scalar(row + "yhat");
          return (yhat - in.scalar("saturation.y")) * yhat * (1.0 - yhat);  // (ŷ − y) g'(a)
        });
    trace.claim_gradient(row + "mse", row + "e_mse", a);
    trace.step(row + "e_h", where + "$E_H$, from $a$ so that it never takes log 0")
        .formula("E_H = -\\{ y \\log \\hat{y} + (1 - y) \\log (1 - \\hat{y}) \\} = \\log(1 + e^{a}) - y a")
        .numbers(fmt::format("\\log(1 + e^{{[[{0}]]}}) - [[saturation.y]] \\cdot [[{0}]]", a))
        .compute({a, "saturation.y"}, [a](const Inputs& in) -> Value {
          return binary_cross_entropy_from_logits(Eigen::VectorXd::Constant(1, in.scalar(a)),
                                                  Eigen::VectorXd::Constant(1, in.scalar("saturation.y")));
        });
    trace.step(row + "ce", where + "$\\partial E_H/\\partial a$, where $g'(a)$ has cancelled")
        .formula("\\frac{\\partial E_H}{\\partial a} = \\hat{y} - y")
        .numbers(fmt::format("[[{}yhat]] - [[saturation.y]]", row))
        .compute({row + "yhat", "saturation.y"}, [row](const Inputs& in) -> Value {
          return in.scalar(row + "yhat") - in.scalar("saturation.y");  // ŷ − y
        });
    trace.claim_gradient(row + "ce", row + "e_h", a);
    for (const char* column : {"", "yhat", "mse", "ce"}) table_inputs.push_back(*column ? row + column : a);
  }
  trace.step("saturation.table", "The saturation table: one row per $|a|$")
      .formula(
          "\\left( a, \\ \\hat{y}, \\ \\frac{\\partial E_{\\text{MSE}}}{\\partial a}, \\ "
          "\\frac{\\partial E_H}{\\partial a}, \\ \\frac{\\partial E_{\\text{MSE}}/\\partial a}"
          "{\\partial E_H/\\partial a} = g'(a) \\right)")
      .compute(table_inputs, [table_inputs](const Inputs& in) -> Value {
        const auto rows = static_cast<Eigen::Index>(table_inputs.size() / 4);
        Eigen::MatrixXd table(rows, 5);
        for (Eigen::Index r = 0; r < rows; ++r) {
          const auto at = [&](int column) { return in.scalar(table_inputs[static_cast<std::size_t>(4 * r + column)]); };
          table.row(r) << at(0), at(1), at(2), at(3), at(2) / at(3);  // the ratio is ŷ(1 − ŷ) = g'(a)
        }
        return table;
      });
  trace.figure(gradient_figure(trace, table_inputs, s.saturation_target));
  const std::string last = fmt::format("saturation.a{}", saturation_rows[std::size(saturation_rows) - 1]);
  trace.step("saturation.vanishes", "Confidently wrong: the MSE gradient vanishes, the cross-entropy one does not")
      .formula(
          "\\left|\\frac{\\partial E_{\\text{MSE}}}{\\partial a}\\right| = |\\hat{y} - y| \\, g'(a) \\to 0, "
          "\\quad \\left|\\frac{\\partial E_H}{\\partial a}\\right| = |\\hat{y} - y| \\to 1 "
          "\\quad (|a| \\to \\infty)")
      .numbers(fmt::format("[[{0}.mse]], \\quad [[{0}.ce]]", last))
      .compute({last, last + ".mse", last + ".ce"}, [last](const Inputs& in) -> Value {
        const double mse = in.scalar(last + ".mse"), ce = in.scalar(last + ".ce");
        return Verdict{std::abs(mse) < 1e-6 && std::abs(ce) > 0.5,
                       fmt::format("at a = {:g} the MSE gradient is {:.2g} but the cross-entropy gradient is "
                                   "{:.4g}: MSE barely moves a weight that is most wrong",
                                   in.scalar(last), mse, ce)};
      });
}

// Gradient descent from the same start (EDI "Gradient descent": w ← w − η∇E).
void gradient_descent_from_one_start(Trace& trace) {
  //! [gradient_descent_from_the_same_start]
  std::vector<std::string> mse_path = {"w"}, ce_path = {"w"};
  std::string mse_gradient = "mse.grad_w", ce_gradient = "ce.grad_w";
  for (int k = 1; k <= descent_steps; ++k) {
    trace.section(
        fmt::format("Gradient descent, step {}: $\\mathbf{{w}} \\leftarrow \\mathbf{{w}} - "
                    "\\eta \\nabla_{{\\mathbf{{w}}}} E$, from the same start",
                    k));
    for (const bool squared : {true, false}) {
      const std::string loss = squared ? "mse" : "ce", symbol = squared ? "E_{\\text{MSE}}" : "E_H";
      std::vector<std::string>& path = squared ? mse_path : ce_path;
      std::string& gradient = squared ? mse_gradient : ce_gradient;
      const std::string prefix = fmt::format("gd.{}.step{}.", loss, k), w = prefix + "w", previous = path.back();
      trace.step(w, fmt::format("{}: the weights $\\mathbf{{w}}^{{({})}}$", squared ? "MSE" : "Cross-entropy", k))
          .formula(fmt::format("\\mathbf{{w}}^{{({0})}} = \\mathbf{{w}}^{{({1})}} - \\eta \\nabla_{{\\mathbf{{w}}}} "
                               "{2}(\\mathbf{{w}}^{{({1})}})",
                               k, k - 1, symbol))
          .numbers(fmt::format("[[{}]] - [[eta]] \\cdot [[{}]]", previous, gradient))
          .compute({previous, "eta", gradient}, [previous, gradient](const Inputs& in) -> Value {
            return Eigen::VectorXd(in.vector(previous) - in.scalar("eta") * in.vector(gradient));  // w − η∇E
          });
      path.push_back(w);
      trace
          .step(prefix + "e",
                fmt::format("{}: the error ${}(\\mathbf{{w}}^{{({})}})$", squared ? "MSE" : "Cross-entropy", symbol, k))
          .formula(squared ? "E_{\\text{MSE}} = \\frac{1}{2} \\sum_n (g(\\mathbf{w}^\\top \\mathbf{x}_n) - y_n)^2"
                           : "E_H = \\frac{1}{N} \\sum_n \\{\\log(1 + e^{a_n}) - y_n a_n\\}")
          .compute({"forward.x", "y", w}, [w, squared](const Inputs& in) -> Value {
            return squared ? sigmoid_neuron_squared_error(in.matrix("forward.x"), in.vector(w), in.vector("y"))
                           : sigmoid_neuron_cross_entropy(in.matrix("forward.x"), in.vector(w), in.vector("y"));
          });
      if (k == descent_steps) continue;  // the last step's gradient is not needed
      gradient = prefix + "grad";
      trace
          .step(gradient,
                fmt::format("{}: the gradient at $\\mathbf{{w}}^{{({})}}$", squared ? "MSE" : "Cross-entropy", k))
          .formula(squared ? "\\frac{\\partial E_{\\text{MSE}}}{\\partial w_i} = \\sum_n (\\hat{y}_n - y_n) "
                             "\\hat{y}_n (1 - \\hat{y}_n) x_{ni}"
                           : "\\frac{\\partial E_H}{\\partial w_i} = \\frac{1}{N} \\sum_n (\\hat{y}_n - y_n) x_{ni}")
          .compute({"forward.x", "y", w}, [w, squared](const Inputs& in) -> Value {
            return squared
                       ? sigmoid_neuron_squared_error_gradient(in.matrix("forward.x"), in.vector(w), in.vector("y"))
                       : sigmoid_neuron_cross_entropy_gradient(in.matrix("forward.x"), in.vector(w), in.vector("y"));
          });
      trace.claim_gradient(gradient, prefix + "e", w);
    }
  }
  //! [gradient_descent_from_the_same_start]

  trace.section("Side by side");
  std::vector<std::string> table_paths = {"forward.x", "y"};
  table_paths.insert(table_paths.end(), mse_path.begin() + 1, mse_path.end());
  table_paths.insert(table_paths.end(), ce_path.begin() + 1, ce_path.end());
  table_paths.push_back("w");
  trace.step("gd.table", "Both errors along both paths: one row per step $k$")
      .formula(
          "\\left( k, \\ E_{\\text{MSE}}(\\mathbf{w}^{(k)}_{\\text{MSE}}), \\ E_H(\\mathbf{w}^{(k)}_{\\text{MSE}}), "
          "\\ E_{\\text{MSE}}(\\mathbf{w}^{(k)}_H), \\ E_H(\\mathbf{w}^{(k)}_H) \\right)")
      .compute(table_paths, [mse_path, ce_path](const Inputs& in) -> Value {
        const Eigen::MatrixXd& x = in.matrix("forward.x");
        const Eigen::VectorXd& y = in.vector("y");
        Eigen::MatrixXd table(static_cast<Eigen::Index>(mse_path.size()), 5);
        for (std::size_t k = 0; k < mse_path.size(); ++k) {
          const Eigen::VectorXd& wm = in.vector(mse_path[k]);
          const Eigen::VectorXd& wh = in.vector(ce_path[k]);
          table.row(static_cast<Eigen::Index>(k)) << static_cast<double>(k), sigmoid_neuron_squared_error(x, wm, y),
              sigmoid_neuron_cross_entropy(x, wm, y), sigmoid_neuron_squared_error(x, wh, y),
              sigmoid_neuron_cross_entropy(x, wh, y);
        }
        return table;
      });
  const std::string mse_end = mse_path.back(), ce_end = ce_path.back();
  trace
      .step("gd.compare",
            fmt::format("After {} steps: how far each path moved, and how many samples it still gets wrong",
                        descent_steps))
      .formula(
          "\\lVert \\mathbf{w}^{(K)} - \\mathbf{w}^{(0)} \\rVert, \\quad \\#\\{n : (\\hat{y}_n \\ge "
          "\\tfrac{1}{2}) \\ne (y_n = 1)\\}")
      .numbers(fmt::format("[[{}]], \\quad [[{}]]", mse_end, ce_end))
      .compute({"forward.x", "y", "w", mse_end, ce_end}, [mse_end, ce_end](const Inputs& in) -> Value {
        const Eigen::MatrixXd& x = in.matrix("forward.x");
        const Eigen::VectorXd& y = in.vector("y");
        const Eigen::VectorXd& start = in.vector("w");
        const double moved_mse = (in.vector(mse_end) - start).norm(), moved_ce = (in.vector(ce_end) - start).norm();
        const int wrong_mse = misclassified(x, in.vector(mse_end), y),
                  wrong_ce = misclassified(x, in.vector(ce_end), y);
        return Verdict{moved_ce > moved_mse && wrong_ce <= wrong_mse,
                       fmt::format("the MSE path moved {:.3g} and still misclassifies {} of {}; the "
                                   "cross-entropy path moved {:.3g} and misclassifies {} of {}",
                                   moved_mse, wrong_mse, y.size(), moved_ce, wrong_ce, y.size())};
      });
}

}  // namespace mse_vs_ce_parts

Trace mse_vs_ce(const ChapterOptions& options) {
  using namespace mse_vs_ce_parts;
  Trace trace("mse_vs_ce", "MSE versus cross-entropy gradients for a sigmoid output");
  trace
      .summary(
          "One sigmoid output node $\\hat{y} = g(\\mathbf{w}^\\top \\mathbf{x})$, trained with "
          "either error function. The chain rule gives $(\\hat{y}_n - y_n)\\hat{y}_n(1 - "
          "\\hat{y}_n)x_{ni}$ for $E_{\\text{MSE}}$ and, after the factor $\\hat{y}_n(1 - "
          "\\hat{y}_n)$ cancels, $\\frac{1}{N}(\\hat{y}_n - y_n)x_{ni}$ for $E_H$. So when the "
          "output is confidently wrong, the MSE gradient vanishes with $g'(a)$ and the "
          "cross-entropy gradient does not; gradient descent from the same start shows the "
          "difference. The slides print no numbers for this derivation: " +
          std::string(options.seed ? "this variant's samples, start weights, learning rate and "
                                     "saturation target are drawn from the seed; the saturation "
                                     "table's $|a| = 1, 2, 4, 8, 20$ are ours."
                                   : "the three samples, the start weights $\\mathbf{w} = (0.5, -2)$, "
                                     "${\\eta} = 1$ and the saturation table's pre-activations "
                                     "$|a| = 1, 2, 4, 8, 20$ are ours."))
      .source("EDI", "000_7637ffcd816b0303.txt",
              {"Training single layer neural network with MSE (cont.)",
               "Another training criterion – cross-entropy error", "Gradient descent", "Quizzes"})
      .source("CTU", "002_ddd62baf13f113f4.txt", {"Cross-Entropy Loss Function"})
      .source("BMB", "001_86790086ad6a4e65.txt", {"Perceptron Learning"})
      .convention(
          "EDI's: $a_n = \\mathbf{w}^\\top\\mathbf{x}_n$ with the bias $w_0$ on $x_{n0} = 1$; "
          "$X$ holds one sample $\\mathbf{x}_n^\\top$ per row. $E_{\\text{MSE}}$ is EDI's, "
          "with $\\frac{1}{2}$ and a sum (no $1/N$); $E_H$ is EDI's, with $\\frac{1}{N}$. "
          "CTU writes $d_p$ for the target, $y_p$ for the output and $\\xi$ for $a$, and "
          "drops the $\\frac{1}{N}$; BMB writes $Err = y - h_{\\mathbf{W}}(\\mathbf{x})$ and "
          "$in$ for $a$. Vectors over samples are multiplied entry by entry ($\\circ$).")
      .notation("\\mathbf{x}_n, y_n", "sample n and its target, $y_n \\in \\{0, 1\\}$")
      .notation("a_n", "the pre-activation $\\mathbf{w}^\\top\\mathbf{x}_n = \\sum_i w_i x_{ni}$")
      .notation("\\hat{y}_n = g(a_n)", "the output; g is the logistic sigmoid $1/(1 + e^{-a})$")
      .notation("E_{\\text{MSE}}", "$\\frac{1}{2} \\sum_n (\\hat{y}_n - y_n)^2$")
      .notation(
          "E_H",
          "the cross-entropy $-\\frac{1}{N} \\sum_n \\{y_n \\log \\hat{y}_n + (1 - y_n) \\log(1 - \\hat{y}_n)\\}$")
      .notation("\\eta", "the learning rate (BMB and CTU: $\\alpha$)")
      .notation("\\mathbf{w}^{(k)}", "the weights after k steps of gradient descent")
      .seed(options.seed)
      .rounding({Rounding::Mode::significant, 4});

  const Setting s = options.seed ? drawn_setting(*options.seed) : default_setting();
  trace.parameter("x1", "x_{n1}", "the samples' inputs (each sample also has the bias input $x_{n0} = 1$)",
                  Eigen::VectorXd(s.x.col(1)));
  trace.parameter("y", "\\mathbf{y}", "the targets $y_n$", s.y);
  trace.parameter("w", "\\mathbf{w}", "the weights $(w_0, w_1)$, and the start of gradient descent", s.w);
  trace.parameter("eta", "\\eta", "the learning rate", s.eta);

  forward_pass(trace);
  mse_chain_rule(trace);
  bmb_perceptron_learning(trace);
  cross_entropy_chain_rule(trace);
  central_differences(trace);
  saturation(trace, s);
  gradient_descent_from_one_start(trace);
  return trace;
}

}  // namespace nnwb::chapters
