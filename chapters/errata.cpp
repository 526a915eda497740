// Chapter 21, errata: every formula the five decks state, evaluated as written on numbers and
// judged against an independent computation (central differences, closed forms, or the library's
// own verified pieces). Each candidate is a verdict step: it holds, or it does not and the
// corrected form is given beside it and shown to hold.
// Lectures (slide titles are in each step's title):
//   EDI 000_7637ffcd816b0303.txt: "Output of logistic sigmoid activation function", "Training single
//     layer neural network with MSE (cont.)", "Another training criterion – cross-entropy error",
//     "Other activation functions", "The derivatives of the error function (two-layers)",
//     "Normalisation of output nodes - softmax", "Practical representations - computation graph",
//     "Computation graph", "Computation graph (cont.)", "Computation graph – cross entropy layer".
//   BMB 001_86790086ad6a4e65.txt: "Perceptron Learning", "Back-Propagation Derivation",
//     "Backpropagation: Simple Example", "Backpropagation: Another Example", "Backpropagation
//     Implementation", "Neural Networks Backpropagation", "Backpropagation Example", "Example II",
//     "Neural Networks Weight Update", "Implementational Details", "Training of Neural Network with
//     Backpropagation".
//   CTU 002_ddd62baf13f113f4.txt: "Reminder: Derivatives of Activation Functions", "What We Covered
//     Last Time", "Single-Layer Neural Network with a Continuous Activation Function", "Cross-Entropy
//     for Multiple Classes", "Linear Neural Network", "Backpropagation – Adaptation Rules",
//     "Backpropagation Algorithm (Matrix – Iterative Variant)", "(Batch Variant)", "Computing the
//     Output – Matrix Form I (Single Input)", "Neural Network with a Single Layer of Neurons" (the two
//     animal tables), "Motivation: Multi-Layer Perceptron".
//   PD 003_b5a9c74466967a6d.txt: "The perceptron algorithm (4/7)…(6/7)", "Hyperplane geometry: bias",
//     "Hyperbolic tangent: tanh", "Problems of sigmoid (2/2)", "ReLU (2/2)", "Exponential Linear: ELU",
//     "Error & output functions: classification", "Derivative of softmax (4/4)", "Derivative of
//     cross-entropy loss (2/2)", "Error gradient: output nodes (3/3)", "hidden nodes (3/4)", "Partial
//     derivatives wrt weights", "Derivative of tanh", "Momentum".
//   IC 004_f167be6db553c350.txt: "Loss functions", "Maximum likelihood: regression", "Stochastic
//     gradient descent", "Error backpropagation", "Forward and backward passes".
//
// Every candidate makes up to five steps, one vocabulary across code and trace:
//   <id>.slide            the slide's formula evaluated as written (or, where its shapes do not
//                         conform, a verdict naming the shapes)
//   <id>.check            the independent computation
//   <id>                  the verdict: holds, or does not hold
//   <id>.corrected        the corrected form, evaluated (only where the slide's does not hold)
//   <id>.corrected_holds  the verdict on the corrected form
// Shapes follow each deck: EDI, PD, IC column vectors with W out×in; BMB W⁽ˡ⁾: s_{l+1}×(s_l+1), bias
// first column; CTU row vectors y = xW with W: (n+1)×m, bias first row.
#include <Eigen/LU>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <numbers>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "chapters.hpp"
#include "nnwb/activations.hpp"
#include "nnwb/bias_column.hpp"
#include "nnwb/gradient_check.hpp"
#include "nnwb/least_squares.hpp"
#include "nnwb/losses.hpp"
#include "nnwb/mlp.hpp"
#include "nnwb/random.hpp"
#include "nnwb/softmax.hpp"

namespace nnwb::chapters {
namespace {

using Eigen::MatrixXd;
using Eigen::VectorXd;

// ---- small numeric pieces ------------------------------------------------------------------------

VectorXd sigmoid_of(const VectorXd& a) { return a.unaryExpr([](double v) { return sigmoid(v); }); }
MatrixXd sigmoid_of(const MatrixXd& a) { return a.unaryExpr([](double v) { return sigmoid(v); }); }
VectorXd tanh_of(const VectorXd& a) { return a.unaryExpr([](double v) { return nnwb::tanh(v); }); }
MatrixXd tanh_of(const MatrixXd& a) { return a.unaryExpr([](double v) { return nnwb::tanh(v); }); }

// A value as a matrix (a scalar is 1×1, a vector one column), for comparing any two values.
MatrixXd as_matrix(const Value& v) {
  if (const auto* s = std::get_if<double>(&v)) return MatrixXd::Constant(1, 1, *s);
  if (const auto* x = std::get_if<VectorXd>(&v)) return *x;
  return std::get<MatrixXd>(v);
}

// A matrix flattened column by column.
VectorXd flat(const MatrixXd& m) { return Eigen::Map<const VectorXd>(m.data(), m.size()); }

// ∂f/∂θ by central differences (the library's numerical_gradient), θ any shape.
MatrixXd fd(const std::function<double(const MatrixXd&)>& f, const MatrixXd& theta) {
  MatrixXd point = theta;
  return numerical_gradient([&] { return f(point); }, point);
}

// The value as text, short: 6 significant digits, at most 8 entries.
std::string show(const Value& v) {
  if (const auto* verdict = std::get_if<Verdict>(&v)) return verdict->text;
  if (const auto* s = std::get_if<double>(&v)) return fmt::format("{:.6g}", *s);
  const MatrixXd m = as_matrix(v);
  const bool is_vector = std::holds_alternative<VectorXd>(v);
  std::string out;
  Eigen::Index shown = 0;
  for (Eigen::Index i = 0; i < m.rows() && shown < 8; ++i)
    for (Eigen::Index j = 0; j < m.cols() && shown < 8; ++j, ++shown)
      out += (shown == 0 ? "" : (j == 0 && !is_vector ? "; " : ", ")) + fmt::format("{:.4g}", m(i, j));
  if (shown < m.size()) out += ", …";
  return (is_vector ? "(" : "[") + out + (is_vector ? ")" : "]");
}

std::string shape_text(const MatrixXd& m) { return fmt::format("{}×{}", m.rows(), m.cols()); }

// Elementwise (.*, ∘) operands conform when each dimension agrees or one of them is 1 (MATLAB's and
// NumPy's broadcasting; the strict Hadamard product needs equal shapes).
bool elementwise_conforms(Eigen::Index r1, Eigen::Index c1, Eigen::Index r2, Eigen::Index c2) {
  return (r1 == r2 || r1 == 1 || r2 == 1) && (c1 == c2 || c1 == 1 || c2 == 1);
}

// ---- the candidate: as written, independently, the verdict, the corrected form -----------------

struct Claim {
  Claim(std::string id_, std::string slide_, std::string title_, std::string formula_, std::string reference_,
        std::string how_, std::vector<std::string> inputs_, ComputeFn as_written_, ComputeFn independently_,
        std::string corrected_ = "", std::string corrected_words_ = "", ComputeFn corrected_fn_ = nullptr,
        double tolerance_ = 1e-6)
      : id(std::move(id_)), slide(std::move(slide_)), title(std::move(title_)), formula(std::move(formula_)),
        reference(std::move(reference_)), how(std::move(how_)), inputs(std::move(inputs_)),
        as_written(std::move(as_written_)), independently(std::move(independently_)), corrected(std::move(corrected_)),
        corrected_words(std::move(corrected_words_)), corrected_fn(std::move(corrected_fn_)), tolerance(tolerance_) {}
  std::string id;
  std::string slide;        // the slide's title, as grep finds it
  std::string title;        // what the slide claims, in its words
  std::string formula;      // the slide's formula, LaTeX
  std::string reference;    // the independent computation, LaTeX
  std::string how;          // the independent computation, in words
  std::vector<std::string> inputs;
  ComputeFn as_written, independently;
  std::string corrected;        // the corrected form, LaTeX; empty where the slide's holds
  std::string corrected_words;  // the same in words, for the verdict's text
  ComputeFn corrected_fn;
  double tolerance;
};

// How two values agree: same shape, and the largest relative error; where every entry of a is the
// same multiple of b's, that factor.
struct Agreement {
  bool same_shape = false;
  double error = 0.0;
  std::string factor;
};

Agreement agreement(const Value& a, const Value& b) {
  const MatrixXd x = as_matrix(a), y = as_matrix(b);
  Agreement out;
  out.same_shape = x.rows() == y.rows() && x.cols() == y.cols();
  if (!out.same_shape) return out;
  out.error = max_relative_error(x, y);
  if (out.error > 1e-6 && (y.array().abs() > 1e-12).all()) {
    const Eigen::ArrayXXd ratio = x.array() / y.array();
    const double r = ratio(0, 0);
    if (std::isfinite(r) && ((ratio - r).abs() <= 1e-6 * std::max(1.0, std::abs(r))).all())
      out.factor = fmt::format("{:.6g}", r);
    else if (std::isfinite(r) && ((ratio - r).abs() <= 0.02 * std::abs(r)).all())
      out.factor = fmt::format("about {:.3g}", r);
  }
  return out;
}

// The verdict on a value against the independent one.
Verdict judge(const Value& as_written, const Value& independent, double tolerance, const std::string& how,
              const std::string& corrected_words, const std::string& subject = "as written") {
  const std::string fix = corrected_words.empty() ? "" : " Corrected: " + corrected_words + ".";
  if (const auto* shapes = std::get_if<Verdict>(&as_written)) return {false, "does not hold: " + shapes->text + "." + fix};
  const Agreement agree = agreement(as_written, independent);
  if (!agree.same_shape)
    return {false, fmt::format("does not hold: as written it is {} ({}), but {} gives {} ({}).{}", show(as_written),
                               shape_text(as_matrix(as_written)), how, show(independent),
                               shape_text(as_matrix(independent)), fix)};
  if (agree.error <= tolerance)
    return {true, fmt::format("holds: {} {}; {} gives {}; largest relative error {:.1e}", subject, show(as_written),
                              how, show(independent), agree.error)};
  return {false, fmt::format("does not hold: as written {}; {} gives {}{}.{}", show(as_written), how,
                             show(independent),
                             agree.factor.empty() ? "" : fmt::format(" ({} {} times it)", as_matrix(as_written).size() == 1 ? "that is" : "every entry", agree.factor), fix)};
}

// Adds a candidate's steps to the trace (see the header comment for their ids).
void add(Trace& trace, const Claim& c) {
  //! [add_a_candidate]
  trace.step(c.id + ".slide", "As written: " + c.title)
      .formula(c.formula)
      .compute(c.inputs, c.as_written);
  trace.step(c.id + ".check", "Independently: " + c.how)
      .formula(c.reference)
      .compute(c.inputs, c.independently);
  const double tolerance = c.tolerance;
  const std::string how = c.how, words = c.corrected_words;
  trace.step(c.id, fmt::format("{} — {}", c.slide, c.title))
      .formula(c.formula + " \\quad ?")
      .verdict({c.id + ".slide", c.id + ".check"}, [id = c.id, tolerance, how, words](const Inputs& in) -> Value {
        return judge(in.value(id + ".slide"), in.value(id + ".check"), tolerance, how, words);
      });
  if (c.corrected.empty()) return;
  trace.step(c.id + ".corrected", "Corrected: " + c.corrected_words)
      .formula(c.corrected)
      .compute(c.inputs, c.corrected_fn);
  trace.step(c.id + ".corrected_holds", "The corrected form holds")
      .formula(c.corrected + " \\quad ?")
      .verdict({c.id + ".corrected", c.id + ".check"}, [id = c.id, tolerance, how](const Inputs& in) -> Value {
        return judge(in.value(id + ".corrected"), in.value(id + ".check"), tolerance, how, "", "corrected");
      });
  //! [add_a_candidate]
}

// ---- the networks the candidates share -----------------------------------------------------------

// EDI's computation graph: x₂ = W₁x, x₃ = x₂ + w₁₀, x₄ = σ(x₃), x₅ = W₂x₄, x₆ = x₅ + w₂₀.
// x: (3), W₁: (4, 3), w₁₀: (4), W₂: (3, 4), w₂₀: (3)
struct Graph {
  VectorXd x3, x4, x6;
};
Graph edi_graph(const VectorXd& x, const MatrixXd& W1, const VectorXd& w10, const MatrixXd& W2, const VectorXd& w20) {
  Graph g;
  g.x3 = W1 * x + w10;   // f₁, f₂
  g.x4 = sigmoid_of(g.x3);  // f₃
  g.x6 = W2 * g.x4 + w20;  // f₄, f₅
  return g;
}
Eigen::Index class_of(const VectorXd& t) {
  Eigen::Index c = 0;
  t.maxCoeff(&c);
  return c;
}

// BMB's four layers: z⁽ˡ⁺¹⁾ = W⁽ˡ⁾[1; a⁽ˡ⁾], a = g(z), sigmoid g. W⁽¹⁾: (3, 3), W⁽²⁾: (3, 4), W⁽³⁾: (2, 4)
struct BmbPass {
  VectorXd a1, z2, a2, z3, a3, z4, a4;
};
BmbPass bmb_forward(const VectorXd& x, const MatrixXd& W1, const MatrixXd& W2, const MatrixXd& W3) {
  BmbPass p;
  p.a1 = x;
  p.z2 = W1 * with_bias_unit(p.a1);
  p.a2 = sigmoid_of(p.z2);
  p.z3 = W2 * with_bias_unit(p.a2);
  p.a3 = sigmoid_of(p.z3);
  p.z4 = W3 * with_bias_unit(p.a3);
  p.a4 = sigmoid_of(p.z4);
  return p;
}
// J = (y − h)², BMB "Neural Networks Backpropagation" (summed over the outputs).
double bmb_squared(const VectorXd& y, const VectorXd& a4) { return (y - a4).squaredNorm(); }
// J = ½(y − h)²: BMB's "simpler version of the cost function" with m = 1.
double bmb_half(const VectorXd& y, const VectorXd& a4) { return 0.5 * (y - a4).squaredNorm(); }
VectorXd sig_slope(const VectorXd& a) { return a.array() * (1.0 - a.array()); }  // g'(z) = a(1 − a)

// CTU's layered network, row convention: Ξ_L = Y_{L−1}W_L, Z_L = tanh(Ξ_L), Y_L = (1 | Z_L).
// X: (N, n₀+1) with the bias column; W₁: (3, 3), W₂: (4, 3), W₃: (4, 2).
struct CtuPass {
  std::array<MatrixXd, 4> Y;   // Y₀ = X, Y₁, Y₂ with their bias column; Y₃ = Z₃ (the output)
  std::array<MatrixXd, 4> Xi;  // Ξ₁, Ξ₂, Ξ₃ (index 0 unused)
};
CtuPass ctu_forward(const MatrixXd& X, const std::array<MatrixXd, 3>& W) {
  CtuPass p;
  p.Y[0] = X;
  for (int L = 1; L <= 3; ++L) {
    p.Xi[L] = p.Y[L - 1] * W[L - 1];                                        // Ξ_L = Y_{L−1} W_L
    p.Y[L] = L < 3 ? with_bias_column(tanh_of(p.Xi[L])) : tanh_of(p.Xi[L]);  // (1 | f(Ξ_L))
  }
  return p;
}
// E from layer L's potentials on: E = ½ Σ (D − Y)².
double ctu_error_from(int L, const MatrixXd& XiL, const std::array<MatrixXd, 3>& W, const MatrixXd& D) {
  MatrixXd Z = tanh_of(XiL);
  for (int k = L + 1; k <= 3; ++k) Z = tanh_of(MatrixXd(with_bias_column(Z) * W[k - 1]));
  return 0.5 * (D - Z).squaredNorm();
}
MatrixXd tanh_slope(const MatrixXd& xi) { return tanh_of(xi).unaryExpr([](double y) { return 1.0 - y * y; }); }
MatrixXd without_bias_row(const MatrixXd& W) { return W.bottomRows(W.rows() - 1); }

// The two-layer network of EDI's derivation, BMB's derivation and PD's and IC's backprop: a = W₂z + b₂,
// z = h(W₁x + b₁). x: (3), W₁: (4, 3), b₁: (4), W₂: (3, 4), b₂: (3)
struct TwoLayer {
  VectorXd a_hidden, z, a_out, y;
};
TwoLayer two_layer(const VectorXd& x, const MatrixXd& W1, const VectorXd& b1, const MatrixXd& W2, const VectorXd& b2,
                   Activation hidden, Activation out) {
  TwoLayer n;
  n.a_hidden = W1 * x + b1;
  n.z = VectorXd(hidden.value(MatrixXd(n.a_hidden)));
  n.a_out = W2 * n.z + b2;
  n.y = VectorXd(out.value(MatrixXd(n.a_out)));
  return n;
}

// ---- the chapter's numbers -----------------------------------------------------------------------

struct Setting {
  // EDI
  VectorXd likelihoods, priors;  // p(x|C₁), p(x|C₂); P(C₁), P(C₂)
  double edi_a = 0.7;
  // one sigmoid neuron and a small batch (EDI, BMB, CTU, PD, IC)
  VectorXd neuron_x, neuron_w;  // (3), x₀ = 1
  double neuron_y = 1.0;
  MatrixXd batch_X;  // (4, 3), first column 1
  VectorXd batch_y;  // (4), in {0, 1}
  // the shared two-layer network
  VectorXd net_x, net_b1, net_b2, net_t;
  MatrixXd net_W1, net_W2;
  // BMB
  VectorXd gate, xyz;  // (w₀, x₀, w₁, x₁, w₂); (x, y, z)
  VectorXd bmb_x, bmb_y;
  MatrixXd bmb_W1, bmb_W2, bmb_W3, bmb_delta_prev;
  double bmb_alpha = 0.5, bmb_eta = 0.9, bmb_lambda = 0.1, bmb_epsilon = 1e-4;
  VectorXd lin_x;
  double lin_y = 1.0;
  MatrixXd lin_W1, lin_W2, lin_W3;
  MatrixXd code_x, code_y, code_w1, code_w2;
  // CTU
  double lambda = 2.0, xi = 0.3, ctu_alpha = 0.1;
  VectorXd ctu_x, ctu_d;
  MatrixXd ctu_W1, ctu_W2, ctu_W3, ctu_X, ctu_D;
  MatrixXd animal_categories, animal_table, one_neuron_table, animal_targets, animal_W;
  MatrixXd reg_inputs, reg_W1, reg_W2;
  // PD
  MatrixXd phi;
  VectorXd pd_t, pd_w;
  double pd_c = -2.0;
  VectorXd plane_w;
  double plane_b = 1.0;
  VectorXd tanh_points, elu_points;
  double elu_alpha = 1.0;
  VectorXd relu_w;
  MatrixXd relu_X;
  double relu_b = -10.0;
  double momentum_g = 0.5, pd_eta = 0.1, pd_alpha = 0.9;
  // IC
  MatrixXd ic_logits, ic_labels;  // (3, N = 3): one sample per column
  double sigma2 = 0.5;
  VectorXd dag_w, dag_x;  // (w₃₁, w₃₂, w₄₁, w₄₃, b₃, b₄); (z₁, z₂)
};

MatrixXd one_hot_columns(Rng& rng, Eigen::Index classes, Eigen::Index samples) {
  MatrixXd m = MatrixXd::Zero(classes, samples);
  for (Eigen::Index n = 0; n < samples; ++n) m(rng.integer(0, classes - 1), n) = 1.0;
  return m;
}
MatrixXd nonzero(Rng& rng, Eigen::Index rows, Eigen::Index cols, double lo, double hi) {
  MatrixXd m(rows, cols);
  for (Eigen::Index i = 0; i < rows; ++i)
    for (Eigen::Index j = 0; j < cols; ++j) m(i, j) = rng.nonzero_decimal(lo, hi, 1);
  return m;
}

// CTU's animals: Size (Small, Medium, Large), Fur (None, Short, Long), Talks? (No, Yes) as category
// numbers 0, 1, 2; the data table's encoding is Size − 1, Fur − 1, 2·Talks − 1.
MatrixXd encode_animals(const MatrixXd& categories) {
  MatrixXd x(categories.rows(), 3);
  for (Eigen::Index p = 0; p < categories.rows(); ++p)
    x.row(p) << categories(p, 0) - 1.0, categories(p, 1) - 1.0, 2.0 * categories(p, 2) - 1.0;
  return x;
}

Setting drawn(Rng& rng) {
  Setting s;
  s.likelihoods = rng.decimals(2, 0.1, 2.0, 1);
  s.priors = VectorXd(2);
  s.priors[0] = rng.decimal(0.1, 0.9, 1);
  s.priors[1] = 1.0 - s.priors[0];
  s.edi_a = rng.nonzero_decimal(-2, 2, 1);
  s.neuron_x = rng.decimals(3, -1.5, 1.5, 1);
  s.neuron_x[0] = 1.0;
  s.neuron_w = nonzero(rng, 3, 1, -1, 1);
  s.neuron_y = static_cast<double>(rng.integer(0, 1));
  s.batch_X = rng.decimals(4, 3, -1.5, 1.5, 1);
  s.batch_X.col(0).setOnes();
  s.batch_y = VectorXd(4);
  for (int n = 0; n < 4; ++n) s.batch_y[n] = static_cast<double>(rng.integer(0, 1));
  s.net_x = rng.decimals(3, -1.5, 1.5, 1);
  s.net_W1 = nonzero(rng, 4, 3, -1, 1);
  s.net_b1 = rng.decimals(4, -0.5, 0.5, 1);
  s.net_W2 = nonzero(rng, 3, 4, -1, 1);
  s.net_b2 = rng.decimals(3, -0.5, 0.5, 1);
  s.net_t = one_hot_columns(rng, 3, 1).col(0);
  s.gate = rng.decimals(5, -3, 3, 0);
  s.xyz = nonzero(rng, 3, 1, -5, 5);
  s.bmb_x = rng.decimals(2, 0, 1, 1);
  s.bmb_y = VectorXd(2);
  s.bmb_y << static_cast<double>(rng.integer(0, 1)), static_cast<double>(rng.integer(0, 1));
  s.bmb_W1 = nonzero(rng, 3, 3, -1, 1);
  s.bmb_W2 = nonzero(rng, 3, 4, -1, 1);
  s.bmb_W3 = nonzero(rng, 2, 4, -1, 1);
  s.bmb_delta_prev = rng.decimals(2, 4, -0.1, 0.1, 2);
  s.bmb_alpha = rng.decimal(0.1, 1.0, 1);
  s.bmb_eta = rng.decimal(0.5, 0.9, 1);
  s.bmb_lambda = rng.decimal(0.1, 0.5, 1);
  s.lin_x = rng.decimals(2, -1, 1, 1);
  s.lin_y = rng.decimal(-1, 1, 1);
  s.lin_W1 = nonzero(rng, 2, 3, -1, 1);
  s.lin_W2 = nonzero(rng, 2, 3, -1, 1);
  s.lin_W3 = nonzero(rng, 1, 3, -1, 1);
  s.code_x = rng.decimals(3, 4, -1, 1, 1);
  s.code_y = rng.decimals(3, 2, -1, 1, 1);
  s.code_w1 = rng.decimals(4, 3, -1, 1, 1);
  s.code_w2 = rng.decimals(3, 2, -1, 1, 1);
  do s.lambda = rng.decimal(0.5, 3.0, 1);
  while (std::abs(s.lambda - 1.0) < 0.05);  // at λ = 1 CTU's λ² form happens to agree
  s.xi = rng.decimal(-1, 1, 1);
  s.ctu_alpha = rng.decimal(0.05, 0.5, 2);
  s.ctu_x = rng.decimals(2, -1, 1, 1);
  s.ctu_d = VectorXd(2);
  s.ctu_d << (rng.integer(0, 1) ? 1.0 : -1.0), (rng.integer(0, 1) ? 1.0 : -1.0);
  s.ctu_W1 = nonzero(rng, 3, 3, -1, 1);
  s.ctu_W2 = nonzero(rng, 4, 3, -1, 1);
  s.ctu_W3 = nonzero(rng, 4, 2, -1, 1);
  s.ctu_X = with_bias_column(rng.decimals(3, 2, -1, 1, 1));
  s.ctu_D = MatrixXd(3, 2);
  for (int p = 0; p < 3; ++p)
    for (int j = 0; j < 2; ++j) s.ctu_D(p, j) = rng.integer(0, 1) ? 1.0 : -1.0;
  // The animal tables are the slide's own (below); a variant draws the network's weights only.
  s.animal_categories = MatrixXd(4, 3);
  s.animal_categories << 0, 1, 0,  // Small, Short, No   → Cat
      2, 2, 0,                     // Large, Long,  No   → Dog
      0, 0, 1,                     // Small, None,  Yes  → Parrot
      1, 1, 0;                     // Medium, Short, No  → Cat
  s.animal_table = MatrixXd(4, 3);  // "Neural Network with a Single Layer of Neurons", first table
  s.animal_table << -1, 0, -1, 1, 1, -1, -1, -1, 1, 0, 0, -1;
  s.one_neuron_table = MatrixXd(4, 3);  // the same slide's "Train a separate neuron" table
  s.one_neuron_table << -1, 0, -1, 0, 1, -1, -1, -1, 1, 0, 0, -1;
  s.animal_targets = MatrixXd(4, 4);  // Cat, Dog, Parrot, Carp as ±1
  s.animal_targets << 1, -1, -1, -1, -1, 1, -1, -1, -1, -1, 1, -1, 1, -1, -1, -1;
  s.animal_W = rng.decimals(4, 4, -0.5, 0.5, 1);
  s.reg_inputs = rng.decimals(5, 3, -1.5, 1.5, 1);
  s.reg_W1 = nonzero(rng, 4, 3, -1, 1);
  s.reg_W2 = nonzero(rng, 4, 2, -1, 1);
  // PD's perceptron: five points, some misclassified, none on the boundary (|wᵀφ| ≥ 0.2, so that
  // central differences of the piecewise-linear criterion never straddle a kink).
  for (;;) {
    s.phi = rng.decimals(3, 5, -2, 2, 1);
    s.phi.row(0).setOnes();
    s.pd_t = VectorXd(5);
    for (int n = 0; n < 5; ++n) s.pd_t[n] = rng.integer(0, 1) ? 1.0 : -1.0;
    s.pd_w = nonzero(rng, 3, 1, -1, 1);
    const VectorXd margin = (s.pd_w.transpose() * s.phi).transpose().cwiseProduct(s.pd_t);
    if (margin.cwiseAbs().minCoeff() >= 0.2 && margin.minCoeff() < 0 && margin.maxCoeff() > 0) break;
  }
  s.pd_c = -rng.decimal(0.5, 3, 1);
  s.plane_w = nonzero(rng, 2, 1, -2, 2);
  s.plane_b = rng.nonzero_decimal(-2, 2, 1);
  s.tanh_points = rng.decimals(5, -3, 3, 1);
  s.elu_points = rng.decimals(4, -8, -0.5, 1);
  s.elu_alpha = rng.decimal(0.5, 2, 1);
  s.relu_w = rng.decimals(3, -1, 1, 1);
  s.relu_X = rng.decimals(3, 4, -1, 1, 1);
  s.relu_b = -rng.decimal(5, 10, 0);
  s.momentum_g = rng.nonzero_decimal(-1, 1, 1);
  s.pd_eta = rng.decimal(0.05, 0.5, 2);
  s.pd_alpha = rng.decimal(0.5, 0.9, 1);
  s.ic_logits = rng.decimals(3, 3, -2, 2, 1);
  s.ic_labels = one_hot_columns(rng, 3, 3);
  s.sigma2 = rng.decimal(0.2, 2, 1);
  s.dag_w = nonzero(rng, 6, 1, -1.5, 1.5);
  s.dag_x = rng.decimals(2, -1, 1, 1);
  return s;
}

// The lecture's own numbers where a slide prints them; the rest from the chapter's fixed stream.
Setting lecture_setting() {
  Rng rng(21);
  Setting s = drawn(rng);
  s.gate = VectorXd(5);
  s.gate << 2, -1, -3, -2, -3;  // BMB "Backpropagation: Another Example": w₀, x₀, w₁, x₁, w₂
  s.xyz = Eigen::Vector3d(-2, 5, -4);  // BMB "Backpropagation: Simple Example"
  s.bmb_epsilon = 1e-4;                // BMB "Implementational Details": ε ≅ 10⁻⁴
  s.lambda = 2.0;                      // ours (CTU prints no numbers)
  s.xi = 0.3;
  s.reg_inputs.row(0) << -1.3, -0.5, -0.2;  // CTU "Multidimensional Linear Regression", the printed row
  return s;
}

// The order in which a Setting's numbers become parameters: name, symbol, meaning, value.
struct Param {
  const char* name;
  const char* symbol;
  const char* meaning;
  Value value;
};

std::vector<Param> parameters_of(const Setting& s) {
  return {
      {"edi.lik", "p(\\mathbf{x}|C_k)", "EDI: the class likelihoods p(x|C₁), p(x|C₂)", s.likelihoods},
      {"edi.prior", "P(C_k)", "EDI: the priors P(C₁), P(C₂)", s.priors},
      {"edi.a", "a", "EDI: a pre-activation for tanh", s.edi_a},
      {"neuron.x", "\\mathbf{x}", "one neuron's input, x₀ = 1 first", s.neuron_x},
      {"neuron.w", "\\mathbf{w}", "its weights, w₀ (bias) first", s.neuron_w},
      {"neuron.y", "y", "its target (0 or 1)", s.neuron_y},
      {"batch.X", "X", "four samples, one per row, x₀ = 1 first", s.batch_X},
      {"batch.y", "\\mathbf{y}", "their targets (0 or 1)", s.batch_y},
      {"net.x", "\\mathbf{x}", "the two-layer network's input", s.net_x},
      {"net.W1", "W_1", "its first layer, 4×3 (EDI's W₁, PD's and IC's W⁽¹⁾)", s.net_W1},
      {"net.b1", "\\mathbf{w}_{10}", "its first layer's biases", s.net_b1},
      {"net.W2", "W_2", "its second layer, 3×4", s.net_W2},
      {"net.b2", "\\mathbf{w}_{20}", "its second layer's biases", s.net_b2},
      {"net.t", "\\mathbf{y}", "its one-hot target (EDI's y, PD's t)", s.net_t},
      {"bmb.gate", "(w_0, x_0, w_1, x_1, w_2)", "BMB's sigmoid neuron", s.gate},
      {"bmb.xyz", "(x, y, z)", "BMB's f = (x + y)z", s.xyz},
      {"bmb.x", "\\mathbf{x}^{(i)}", "BMB's 4-layer network: the input", s.bmb_x},
      {"bmb.y", "\\mathbf{y}^{(i)}", "its target", s.bmb_y},
      {"bmb.W1", "W^{(1)}", "s₂×(s₁+1) = 3×3, bias first column", s.bmb_W1},
      {"bmb.W2", "W^{(2)}", "s₃×(s₂+1) = 3×4", s.bmb_W2},
      {"bmb.W3", "W^{(3)}", "s₄×(s₃+1) = 2×4", s.bmb_W3},
      {"bmb.delta_prev", "\\Delta^{(3)}", "the previous change of W⁽³⁾ (momentum)", s.bmb_delta_prev},
      {"bmb.alpha", "\\alpha", "BMB's learning rate", s.bmb_alpha},
      {"bmb.eta", "\\eta", "BMB's momentum", s.bmb_eta},
      {"bmb.lambda", "\\lambda", "BMB's regularisation weight", s.bmb_lambda},
      {"bmb.epsilon", "\\varepsilon", "BMB's gradient-check step", s.bmb_epsilon},
      {"lin.x", "\\mathbf{x}", "BMB's linear Backpropagation Example: input", s.lin_x},
      {"lin.y", "y_1", "its target", s.lin_y},
      {"lin.W1", "W^{(1)}", "2×3", s.lin_W1},
      {"lin.W2", "W^{(2)}", "2×3", s.lin_W2},
      {"lin.W3", "W^{(3)}", "1×3", s.lin_W3},
      {"code.x", "x", "BMB's training code: N×D_in = 3×4 (small)", s.code_x},
      {"code.y", "y", "N×D_out = 3×2", s.code_y},
      {"code.w1", "w_1", "D_in×H = 4×3", s.code_w1},
      {"code.w2", "w_2", "H×D_out = 3×2", s.code_w2},
      {"ctu.lambda", "\\lambda", "CTU's slope", s.lambda},
      {"ctu.xi", "\\xi", "CTU's potential", s.xi},
      {"ctu.alpha", "\\alpha", "CTU's learning rate", s.ctu_alpha},
      {"ctu.x", "\\vec{x}", "CTU's MLP: one input (without the bias)", s.ctu_x},
      {"ctu.d", "\\vec{d}", "its desired output (±1)", s.ctu_d},
      {"ctu.W1", "W_1", "(n₀+1)×n₁ = 3×3, bias first row", s.ctu_W1},
      {"ctu.W2", "W_2", "(n₁+1)×n₂ = 4×3", s.ctu_W2},
      {"ctu.W3", "W_3", "(n₂+1)×n₃ = 4×2", s.ctu_W3},
      {"ctu.X", "X", "a batch of three inputs, bias column first", s.ctu_X},
      {"ctu.D", "D", "their desired outputs (±1)", s.ctu_D},
      {"animals.categories", "", "CTU's animal table as categories: Size 0/1/2 = Small/Medium/Large, "
                                 "Fur 0/1/2 = None/Short/Long, Talks 0/1 = No/Yes", s.animal_categories},
      {"animals.table", "", "CTU's encoded data table (Size, Fur, Talks?), as printed", s.animal_table},
      {"animals.one_neuron", "", "CTU's one-neuron table (Size, Fur, Speaks?), as printed", s.one_neuron_table},
      {"animals.D", "D", "the targets Cat, Dog, Parrot, Carp (±1)", s.animal_targets},
      {"animals.W", "W", "a single layer's weights, (3+1)×4", s.animal_W},
      {"reg.inputs", "X", "CTU's regression inputs (5 samples; the first row is the slide's)", s.reg_inputs},
      {"reg.W1", "W_1", "a first linear layer, 4×3", s.reg_W1},
      {"reg.W2", "W_2", "a second linear layer, 4×2", s.reg_W2},
      {"pd.phi", "\\phi(\\mathbf{x}_n)", "PD's perceptron: five feature vectors (columns), φ₀ = 1", s.phi},
      {"pd.t", "t_n", "their labels (±1)", s.pd_t},
      {"pd.w", "\\mathbf{w}", "the perceptron's weights", s.pd_w},
      {"pd.c", "c", "a constant multiplying w (negative)", s.pd_c},
      {"plane.w", "\\mathbf{w}", "PD's hyperplane: its weights", s.plane_w},
      {"plane.b", "b", "its bias", s.plane_b},
      {"pd.points", "c", "points for tanh", s.tanh_points},
      {"elu.points", "c", "negative points for ELU", s.elu_points},
      {"elu.alpha", "\\alpha", "ELU's α", s.elu_alpha},
      {"relu.w", "\\mathbf{w}", "a ReLU unit's weights", s.relu_w},
      {"relu.X", "X", "its inputs, one per column", s.relu_X},
      {"relu.b", "b", "its bias, b ≪ 0", s.relu_b},
      {"momentum.g", "\\partial E_n/\\partial w", "a constant gradient", s.momentum_g},
      {"pd.eta", "\\eta", "PD's learning rate", s.pd_eta},
      {"pd.alpha", "\\alpha", "PD's momentum", s.pd_alpha},
      {"ic.logits", "a_L", "IC: three samples' logits, one per column", s.ic_logits},
      {"ic.labels", "y_i", "their one-hot labels", s.ic_labels},
      {"ic.sigma2", "\\sigma^2", "IC's noise variance", s.sigma2},
      {"dag.w", "(w_{31}, w_{32}, w_{41}, w_{43}, b_3, b_4)", "IC: a small DAG (unit 4 is fed by 1 and 3)", s.dag_w},
      {"dag.x", "(z_1, z_2)", "its inputs", s.dag_x},
  };
}

// ---- EDI -----------------------------------------------------------------------------------------

void edi_claims(Trace& trace) {
  trace.section("EDI: Neural Networks 2 (Edinburgh)");
  add(trace, {"edi.posterior", "Output of logistic sigmoid activation function",
              "the posterior is a sigmoid of the log odds",
              R"(P(C_1|\mathbf{x}) = \frac{1}{1 + \exp\left(-\log \frac{p(\mathbf{x}|C_1)P(C_1)}{p(\mathbf{x}|C_2)P(C_2)}\right)})",
              R"(\frac{p(\mathbf{x}|C_1)P(C_1)}{p(\mathbf{x}|C_1)P(C_1) + p(\mathbf{x}|C_2)P(C_2)})", "Bayes' rule",
              {"edi.lik", "edi.prior"},
              [](const Inputs& in) -> Value {
                const VectorXd p = in.vector("edi.lik").cwiseProduct(in.vector("edi.prior"));
                return 1.0 / (1.0 + std::exp(-std::log(p[0] / p[1])));
              },
              [](const Inputs& in) -> Value {
                const VectorXd p = in.vector("edi.lik").cwiseProduct(in.vector("edi.prior"));
                return p[0] / (p[0] + p[1]);
              }});
  //! [edi_mse_gradient]
  add(trace, {"edi.mse_gradient", "Training single layer neural network with MSE (cont.)",
              "∂E_n/∂w_i = (ŷ − y)ŷ(1 − ŷ)x_i", R"(\frac{\partial E_n}{\partial w_i} = (\hat{y}_n - y_n)\hat{y}_n(1 - \hat{y}_n)x_{ni})",
              R"(\frac{E_n(w_i + \epsilon) - E_n(w_i - \epsilon)}{2\epsilon})", "central differences of E_n",
              {"neuron.x", "neuron.w", "neuron.y"},
              [](const Inputs& in) -> Value {
                const VectorXd& x = in.vector("neuron.x");
                const double y_hat = sigmoid(in.vector("neuron.w").dot(x)), y = in.scalar("neuron.y");
                return VectorXd((y_hat - y) * y_hat * (1.0 - y_hat) * x);
              },
              [](const Inputs& in) -> Value {
                const VectorXd x = in.vector("neuron.x");
                const double y = in.scalar("neuron.y");
                return numerical_gradient([&](const VectorXd& w) { return 0.5 * std::pow(sigmoid(w.dot(x)) - y, 2); },
                                          in.vector("neuron.w"));
              }});
  //! [edi_mse_gradient]
  add(trace, {"edi.ce_gradient", "Another training criterion – cross-entropy error",
              "∂E_H/∂w_i = (1/N) Σ_n (ŷ_n − y_n) x_ni",
              R"(\frac{\partial E_H}{\partial w_i} = \frac{1}{N}\sum_{n=1}^N (\hat{y}_n - y_n)x_{ni})",
              R"(\frac{E_H(w_i + \epsilon) - E_H(w_i - \epsilon)}{2\epsilon})", "central differences of E_H",
              {"batch.X", "batch.y", "neuron.w"},
              [](const Inputs& in) -> Value {
                const MatrixXd& X = in.matrix("batch.X");
                const VectorXd y_hat = sigmoid_of(VectorXd(X * in.vector("neuron.w")));
                return VectorXd(X.transpose() * (y_hat - in.vector("batch.y")) / static_cast<double>(X.rows()));
              },
              [](const Inputs& in) -> Value {
                const MatrixXd X = in.matrix("batch.X");
                const VectorXd y = in.vector("batch.y");
                return numerical_gradient(
                    [&](const VectorXd& w) { return binary_cross_entropy(sigmoid_of(VectorXd(X * w)), y); },
                    in.vector("neuron.w"));
              }});
  add(trace, {"edi.tanh", "Other activation functions", "tanh(a) = (1 − e^{−2a})/(1 + e^{−2a})",
              R"(\tanh(a) = \frac{1 - e^{-2a}}{1 + e^{-2a}})", R"(\tanh(a))", "the library's tanh", {"edi.a"},
              [](const Inputs& in) -> Value {
                const double a = in.scalar("edi.a");
                return (1.0 - std::exp(-2.0 * a)) / (1.0 + std::exp(-2.0 * a));
              },
              [](const Inputs& in) -> Value { return nnwb::tanh(in.scalar("edi.a")); }});
  // The derivation's network: a_k = Σ_{j=1}^M w_kj z_j (no output bias), z_j = h(b_j), b_j = Σ_i w_ji x_i
  // + w_j0; g = h = σ; E_n = ½ Σ_k (ŷ_k − y_k)².
  const std::vector<std::string> net = {"net.x", "net.W1", "net.b1", "net.W2", "net.t"};
  const auto edi_error = [](const VectorXd& x, const MatrixXd& W1, const VectorXd& b1, const MatrixXd& W2,
                            const VectorXd& y) {
    const TwoLayer n = two_layer(x, W1, b1, W2, VectorXd::Zero(W2.rows()), Activation::sigmoid(), Activation::sigmoid());
    return 0.5 * (n.y - y).squaredNorm();
  };
  add(trace, {"edi.hidden_to_output", "The derivatives of the error function (two-layers)",
              "∂E_n/∂w⁽²⁾_kj = (ŷ_k − y_k) g'(a_k) z_j",
              R"(\frac{\partial E_n}{\partial w^{(2)}_{kj}} = (\hat{y}_{nk} - y_{nk})\, g'(a_{nk})\, z_{nj})",
              R"(\frac{\partial E_n}{\partial W^{(2)}} \text{ by central differences})", "central differences of E_n",
              net,
              [](const Inputs& in) -> Value {
                const VectorXd& W2b = VectorXd::Zero(in.matrix("net.W2").rows());
                const TwoLayer n = two_layer(in.vector("net.x"), in.matrix("net.W1"), in.vector("net.b1"),
                                             in.matrix("net.W2"), W2b, Activation::sigmoid(), Activation::sigmoid());
                const VectorXd delta = (n.y - in.vector("net.t")).cwiseProduct(sig_slope(n.y));  // (ŷ − y)g'(a)
                return MatrixXd(delta * n.z.transpose());                                    // (K, M)
              },
              [edi_error](const Inputs& in) -> Value {
                return fd([&](const MatrixXd& W2) {
                  return edi_error(in.vector("net.x"), in.matrix("net.W1"), in.vector("net.b1"), W2, in.vector("net.t"));
                }, in.matrix("net.W2"));
              }});
  add(trace, {"edi.input_to_hidden", "The derivatives of the error function (two-layers)",
              "∂E_n/∂w⁽¹⁾_ji = (Σ_k (ŷ_k − y_k) g'(a_k) w⁽²⁾_kj) h'(b_j) x_i",
              R"(\frac{\partial E_n}{\partial w^{(1)}_{ji}} = \left(\sum_{k=1}^K (\hat{y}_{nk} - y_{nk}) g'(a_{nk}) w^{(2)}_{kj}\right) h'(b_{nj}) x_{ni})",
              R"(\frac{\partial E_n}{\partial W^{(1)}} \text{ by central differences})", "central differences of E_n",
              net,
              [](const Inputs& in) -> Value {
                const MatrixXd& W2 = in.matrix("net.W2");
                const TwoLayer n = two_layer(in.vector("net.x"), in.matrix("net.W1"), in.vector("net.b1"), W2,
                                             VectorXd::Zero(W2.rows()), Activation::sigmoid(), Activation::sigmoid());
                const VectorXd delta2 = (n.y - in.vector("net.t")).cwiseProduct(sig_slope(n.y));
                const VectorXd back = (W2.transpose() * delta2).cwiseProduct(sig_slope(n.z));  // (Σ_k …) h'(b_j)
                return MatrixXd(back * in.vector("net.x").transpose());                         // (M, d)
              },
              [edi_error](const Inputs& in) -> Value {
                return fd([&](const MatrixXd& W1) {
                  return edi_error(in.vector("net.x"), W1, in.vector("net.b1"), in.matrix("net.W2"), in.vector("net.t"));
                }, in.matrix("net.W1"));
              }});
  const std::vector<std::string> graph = {"net.x", "net.W1", "net.b1", "net.W2", "net.b2", "net.t"};
  const auto x6_of = [](const Inputs& in) {
    return edi_graph(in.vector("net.x"), in.matrix("net.W1"), in.vector("net.b1"), in.matrix("net.W2"),
                     in.vector("net.b2"));
  };
  add(trace, {"edi.softmax", "Normalisation of output nodes - softmax",
              "(i) 0 ≤ y_k ≤ 1 and (ii) Σ_k y_k = 1, counted: (Σ_k y_k, #{k : 0 ≤ y_k ≤ 1})",
              R"(y_k = \frac{\exp(a_k)}{\sum_{\ell=1}^K \exp(a_\ell)}:\ \left(\sum_k y_k,\ \#\{k: 0 \le y_k \le 1\}\right))",
              R"((1, K))", "the properties' own numbers (1, K)", graph,
              [x6_of](const Inputs& in) -> Value {
                const VectorXd a = x6_of(in).x6;
                const VectorXd y = a.array().exp() / a.array().exp().sum();  // as written, exp(a_k)/Σ exp(a_ℓ)
                return VectorXd(Eigen::Vector2d(y.sum(), static_cast<double>((y.array() >= 0 && y.array() <= 1).count())));
              },
              [](const Inputs& in) -> Value {
                return VectorXd(Eigen::Vector2d(1.0, static_cast<double>(in.vector("net.t").size())));
              },
              "", "", nullptr, 1e-12});
  add(trace, {"edi.ce_one_hot", "Practical representations - computation graph",
              "L = −Σ y_i log ŷ_i = −log ŷ_c", R"(L = -\sum_i y_i \log \hat{y}_i)",
              R"(-\log \mathrm{softmax}(W_2\mathbf{z} + w_{20})_c)", "the library's −log softmax(x₆)_c", graph,
              [x6_of](const Inputs& in) -> Value {
                const VectorXd y_hat = softmax(x6_of(in).x6);
                return -(in.vector("net.t").array() * y_hat.array().log()).sum();
              },
              [x6_of](const Inputs& in) -> Value { return softmax_cross_entropy(x6_of(in).x6, class_of(in.vector("net.t"))); }});
  add(trace, {"edi.f6", "Computation graph", "f₆: L = log softmax(x₆)_{i=y}",
              R"(f_6 : L = \log \mathrm{softmax}(x_6)_{i=y})", R"(L = -\sum_i y_i \log \hat{y}_i)",
              "the slide's own loss L = −Σ y_i log ŷ_i (the library's cross-entropy)", graph,
              [x6_of](const Inputs& in) -> Value { return log_softmax(x6_of(in).x6)[class_of(in.vector("net.t"))]; },
              [x6_of](const Inputs& in) -> Value { return cross_entropy(softmax(x6_of(in).x6), in.vector("net.t")); },
              R"(f_6 : L = -\log \mathrm{softmax}(x_6)_{i=y})", "L = −log softmax(x₆)_{i=y} (the minus sign)",
              [x6_of](const Inputs& in) -> Value { return -log_softmax(x6_of(in).x6)[class_of(in.vector("net.t"))]; }});
  add(trace, {"edi.a_is_x4", "Computation graph – cross entropy layer",
              "L = −log(e^{a_c}/Σ_j e^{a_j}) with a = x₄",
              R"(L = -\log \frac{e^{a_c}}{\sum_j e^{a_j}},\ \mathbf{a} = \mathbf{x}_4)", R"(L = -\sum_i y_i \log \hat{y}_i)",
              "the loss of the graph, −log softmax(x₆)_c", graph,
              [x6_of](const Inputs& in) -> Value { return -log_softmax(x6_of(in).x4)[class_of(in.vector("net.t"))]; },
              [x6_of](const Inputs& in) -> Value { return softmax_cross_entropy(x6_of(in).x6, class_of(in.vector("net.t"))); },
              R"(L = -\log \frac{e^{a_c}}{\sum_j e^{a_j}},\ \mathbf{a} = \mathbf{x}_6)",
              "a = x₆, the logits (x₄ = σ(x₃) is the hidden layer: M = 4 entries, not K = 3)",
              [x6_of](const Inputs& in) -> Value { return -log_softmax(x6_of(in).x6)[class_of(in.vector("net.t"))]; }});
  add(trace, {"edi.dl_dx6", "Computation graph – cross entropy layer", "∂L/∂x₆ = ŷ − y",
              R"(\frac{\partial L}{\partial \mathbf{x}_6} = \hat{\mathbf{y}} - \mathbf{y})",
              R"(\frac{\partial L}{\partial \mathbf{x}_6} \text{ by central differences})", "central differences of L",
              graph,
              [x6_of](const Inputs& in) -> Value { return VectorXd(softmax(x6_of(in).x6) - in.vector("net.t")); },
              [x6_of](const Inputs& in) -> Value {
                const Eigen::Index c = class_of(in.vector("net.t"));
                return numerical_gradient([c](const VectorXd& x6) { return -log_softmax(x6)[c]; }, x6_of(in).x6);
              }});
  add(trace, {"edi.dl_dw2", "Computation graph (cont.)",
              "∂L/∂W₂ = ∂L/∂x₆ ∂x₆/∂x₅ ∂x₅/∂W₂, with the omitted transpose: (ŷ − y)x₄ᵀ",
              R"(\frac{\partial L}{\partial W_2} = \frac{\partial L}{\partial \mathbf{x}_6}\frac{\partial \mathbf{x}_6}{\partial \mathbf{x}_5}\frac{\partial \mathbf{x}_5}{\partial W_2} = (\hat{\mathbf{y}} - \mathbf{y})\,\mathbf{x}_4^T)",
              R"(\frac{\partial L}{\partial W_2} \text{ by central differences})", "central differences of L", graph,
              [x6_of](const Inputs& in) -> Value {
                const Graph g = x6_of(in);
                return MatrixXd((softmax(g.x6) - in.vector("net.t")) * g.x4.transpose());
              },
              [](const Inputs& in) -> Value {
                const Eigen::Index c = class_of(in.vector("net.t"));
                return fd([&](const MatrixXd& W2) {
                  return -log_softmax(edi_graph(in.vector("net.x"), in.matrix("net.W1"), in.vector("net.b1"), W2,
                                                in.vector("net.b2")).x6)[c];
                }, in.matrix("net.W2"));
              }});
}

// ---- BMB -----------------------------------------------------------------------------------------

void bmb_claims(Trace& trace) {
  trace.section("BMB: BMB3015 Artificial Intelligence, Neural Networks");
  const std::vector<std::string> neuron = {"neuron.x", "neuron.w", "neuron.y"};
  const auto perceptron_error = [](const VectorXd& x, const VectorXd& W, double y) {
    return 0.5 * std::pow(y - sigmoid(W.dot(x)), 2);  // E = ½ Err², Err = y − g(Σ W_j x_j)
  };
  add(trace, {"bmb.perceptron_gradient", "Perceptron Learning", "∂E/∂W_j = −Err × g'(in) × x_j",
              R"(\frac{\partial E}{\partial W_j} = -Err \times g'(in) \times x_j)",
              R"(\frac{E(W_j + \epsilon) - E(W_j - \epsilon)}{2\epsilon})", "central differences of E", neuron,
              [](const Inputs& in) -> Value {
                const VectorXd& x = in.vector("neuron.x");
                const double g = sigmoid(in.vector("neuron.w").dot(x)), err = in.scalar("neuron.y") - g;
                return VectorXd(-err * g * (1.0 - g) * x);
              },
              [perceptron_error](const Inputs& in) -> Value {
                const VectorXd x = in.vector("neuron.x");
                const double y = in.scalar("neuron.y");
                return numerical_gradient([&](const VectorXd& W) { return perceptron_error(x, W, y); }, in.vector("neuron.w"));
              }});
  std::vector<std::string> neuron_alpha = neuron;
  neuron_alpha.push_back("bmb.alpha");
  add(trace, {"bmb.perceptron_update", "Perceptron Learning",
              "W_j ← W_j + α × Err × g'(in) × x_j is a step down the gradient",
              R"(W_j \leftarrow W_j + \alpha \times Err \times g'(in) \times x_j)",
              R"(W_j - \alpha \frac{\partial E}{\partial W_j} \text{ (central differences)})",
              "a gradient-descent step W − α∂E/∂W, by central differences", neuron_alpha,
              [](const Inputs& in) -> Value {
                const VectorXd& x = in.vector("neuron.x");
                const VectorXd& W = in.vector("neuron.w");
                const double g = sigmoid(W.dot(x)), err = in.scalar("neuron.y") - g;
                return VectorXd(W + in.scalar("bmb.alpha") * err * g * (1.0 - g) * x);
              },
              [perceptron_error](const Inputs& in) -> Value {
                const VectorXd x = in.vector("neuron.x"), W = in.vector("neuron.w");
                const double y = in.scalar("neuron.y");
                return VectorXd(W - in.scalar("bmb.alpha") *
                                        numerical_gradient([&](const VectorXd& w) { return perceptron_error(x, w, y); }, W));
              }});
  // "Back-Propagation Derivation" on the shared network (sigmoid units, E = ½ Σ_i (y_i − a_i)²), in
  // BMB's from-to indices: W_{j,i} runs from hidden unit j to output i, so [W_{j,i}] = W₂ᵀ.
  const std::vector<std::string> net = {"net.x", "net.W1", "net.b1", "net.W2", "net.b2", "net.t"};
  const auto net_error = [](const Inputs& in, const MatrixXd& W1, const MatrixXd& W2) {
    const TwoLayer n = two_layer(in.vector("net.x"), W1, in.vector("net.b1"), W2, in.vector("net.b2"),
                                 Activation::sigmoid(), Activation::sigmoid());
    return 0.5 * (in.vector("net.t") - n.y).squaredNorm();
  };
  const auto net_pass = [](const Inputs& in) {
    return two_layer(in.vector("net.x"), in.matrix("net.W1"), in.vector("net.b1"), in.matrix("net.W2"),
                     in.vector("net.b2"), Activation::sigmoid(), Activation::sigmoid());
  };
  add(trace, {"bmb.output_gradient", "Back-Propagation Derivation", "∂E/∂W_{j,i} = −a_j Δ_i, Δ_i = Err_i g'(in_i)",
              R"(\frac{\partial E}{\partial W_{j,i}} = -(y_i - a_i) g'(in_i) a_j = -a_j \Delta_i)",
              R"(\frac{\partial E}{\partial W_{j,i}} \text{ by central differences})", "central differences of E", net,
              [net_pass](const Inputs& in) -> Value {
                const TwoLayer n = net_pass(in);
                const VectorXd Delta = (in.vector("net.t") - n.y).cwiseProduct(sig_slope(n.y));  // Err_i g'(in_i)
                return MatrixXd(-n.z * Delta.transpose());  // [j][i]: (M, K)
              },
              [net_error](const Inputs& in) -> Value {
                return MatrixXd(fd([&](const MatrixXd& W2) { return net_error(in, in.matrix("net.W1"), W2); },
                                   in.matrix("net.W2")).transpose());
              }});
  add(trace, {"bmb.hidden_gradient", "Back-Propagation Derivation",
              "Δ_j = g'(in_j) Σ_i W_{j,i} Δ_i and ∂E/∂W_{k,j} = −a_k Δ_j",
              R"(\frac{\partial E}{\partial W_{k,j}} = -a_k \Delta_j,\quad \Delta_j = g'(in_j) \sum_i W_{j,i} \Delta_i)",
              R"(\frac{\partial E}{\partial W_{k,j}} \text{ by central differences})", "central differences of E", net,
              [net_pass](const Inputs& in) -> Value {
                const TwoLayer n = net_pass(in);
                const VectorXd Delta = (in.vector("net.t") - n.y).cwiseProduct(sig_slope(n.y));
                const VectorXd Delta_j = sig_slope(n.z).cwiseProduct(in.matrix("net.W2").transpose() * Delta);
                return MatrixXd(-in.vector("net.x") * Delta_j.transpose());  // [k][j]: (d, M)
              },
              [net_error](const Inputs& in) -> Value {
                return MatrixXd(fd([&](const MatrixXd& W1) { return net_error(in, W1, in.matrix("net.W2")); },
                                   in.matrix("net.W1")).transpose());
              }});
  add(trace, {"bmb.simple_example", "Backpropagation: Simple Example",
              "f = (x + y)z: ∂f/∂x = ∂f/∂y = z (upstream × local 1), ∂f/∂z = q",
              R"(\left(\frac{\partial f}{\partial x}, \frac{\partial f}{\partial y}, \frac{\partial f}{\partial z}\right) = \left(\frac{\partial f}{\partial q}\cdot 1, \frac{\partial f}{\partial q}\cdot 1, q\right) = (z, z, x + y))",
              R"(\nabla f \text{ by central differences})", "central differences of f", {"bmb.xyz"},
              [](const Inputs& in) -> Value {
                const VectorXd& v = in.vector("bmb.xyz");
                return VectorXd(Eigen::Vector3d(v[2], v[2], v[0] + v[1]));
              },
              [](const Inputs& in) -> Value {
                return numerical_gradient([](const VectorXd& v) { return (v[0] + v[1]) * v[2]; }, in.vector("bmb.xyz"));
              }});
  const auto gate_f = [](const VectorXd& g) { return sigmoid(g[0] * g[1] + g[2] * g[3] + g[4]); };
  add(trace, {"bmb.sigmoid_local", "Backpropagation: Another Example",
              "dσ/dx = e^{−x}/(1 + e^{−x})² = (1 − σ(x))σ(x), at x = w₀x₀ + w₁x₁ + w₂ (slide: 0.73, 0.2)",
              R"(\left(\frac{e^{-x}}{(1 + e^{-x})^2},\ (1 - \sigma(x))\sigma(x)\right))",
              R"(\left(\frac{d\sigma}{dx}, \frac{d\sigma}{dx}\right) \text{ by central differences})",
              "central differences of σ, twice", {"bmb.gate"},
              [](const Inputs& in) -> Value {
                const VectorXd& g = in.vector("bmb.gate");
                const double x = g[0] * g[1] + g[2] * g[3] + g[4], s = 1.0 / (1.0 + std::exp(-x));
                return VectorXd(Eigen::Vector2d(std::exp(-x) / std::pow(1.0 + std::exp(-x), 2), (1.0 - s) * s));
              },
              [](const Inputs& in) -> Value {
                const VectorXd& g = in.vector("bmb.gate");
                const double d = numerical_derivative([](double x) { return sigmoid(x); }, g[0] * g[1] + g[2] * g[3] + g[4]);
                return VectorXd(Eigen::Vector2d(d, d));
              }});
  add(trace, {"bmb.gate_gradients", "Backpropagation Implementation",
              "the code's grad_w0, grad_x0, grad_w1, grad_x1, grad_w2 (slide: x₀: 0.4, w₀: −0.2)",
              R"(\text{grad\_s3} = (1 - L)L;\ (\text{grad\_w0}, \text{grad\_x0}, \text{grad\_w1}, \text{grad\_x1}, \text{grad\_w2}) = \text{grad\_s3}\,(x_0, w_0, x_1, w_1, 1))",
              R"(\nabla f(w_0, x_0, w_1, x_1, w_2) \text{ by central differences})", "central differences of f",
              {"bmb.gate"},
              [](const Inputs& in) -> Value {
                const VectorXd& g = in.vector("bmb.gate");
                const double w0 = g[0], x0 = g[1], w1 = g[2], x1 = g[3], w2 = g[4];
                const double s3 = w0 * x0 + w1 * x1 + w2, L = sigmoid(s3);
                const double grad_s3 = 1.0 * (1 - L) * L;  // grad_L = 1
                const double grad_s2 = grad_s3, grad_s0 = grad_s2, grad_s1 = grad_s2;
                VectorXd out(5);
                out << grad_s0 * x0, grad_s0 * w0, grad_s1 * x1, grad_s1 * w1, grad_s3;  // w0, x0, w1, x1, w2
                return out;
              },
              [gate_f](const Inputs& in) -> Value { return numerical_gradient(gate_f, in.vector("bmb.gate")); }});

  // "Neural Networks Backpropagation": the 4-layer network, δ_j⁽ˡ⁾ = ∂J/∂z_j⁽ˡ⁾ with J = (y − h)².
  const std::vector<std::string> bmb = {"bmb.x", "bmb.y", "bmb.W1", "bmb.W2", "bmb.W3"};
  const auto pass = [](const Inputs& in) {
    return bmb_forward(in.vector("bmb.x"), in.matrix("bmb.W1"), in.matrix("bmb.W2"), in.matrix("bmb.W3"));
  };
  // The true ∂J/∂z⁽⁴⁾ (the corrected δ⁽⁴⁾) and ∂J/∂z⁽³⁾, for the corrected recursion.
  const auto true_delta4 = [](const BmbPass& p, const VectorXd& y) {
    return VectorXd(-2.0 * (y - p.a4).cwiseProduct(sig_slope(p.a4)));
  };
  const auto true_delta3 = [true_delta4](const BmbPass& p, const VectorXd& y, const MatrixXd& W3) {
    return VectorXd((without_bias_column(W3).transpose() * true_delta4(p, y)).cwiseProduct(sig_slope(p.a3)));
  };
  add(trace, {"bmb.delta4", "Neural Networks Backpropagation",
              "δ⁽⁴⁾ = (y − a⁽⁴⁾) .* a⁽⁴⁾ .* (1 − a⁽⁴⁾), with δ_j⁽ˡ⁾ = ∂J/∂z_j⁽ˡ⁾ and J = (y − h)²",
              R"(\boldsymbol{\delta}^{(4)} = (\mathbf{y}^{(i)} - \mathbf{a}^{(4)}) .* \mathbf{a}^{(4)} .* (1 - \mathbf{a}^{(4)}))",
              R"(\frac{\partial J}{\partial \mathbf{z}^{(4)}},\ J = (y - h_W(x))^2, \text{ by central differences})",
              "central differences of J = (y − h)² in z⁽⁴⁾", bmb,
              [pass](const Inputs& in) -> Value {
                const BmbPass p = pass(in);
                return VectorXd((in.vector("bmb.y") - p.a4).cwiseProduct(sig_slope(p.a4)));
              },
              [pass](const Inputs& in) -> Value {
                const VectorXd y = in.vector("bmb.y");
                return numerical_gradient([&](const VectorXd& z4) { return bmb_squared(y, sigmoid_of(z4)); }, pass(in).z4);
              },
              R"(\frac{\partial J}{\partial \mathbf{z}^{(4)}} = -2(\mathbf{y}^{(i)} - \mathbf{a}^{(4)}) .* \mathbf{a}^{(4)} .* (1 - \mathbf{a}^{(4)}))",
              "∂J/∂z⁽⁴⁾ = −2(y − a⁽⁴⁾) .* a⁽⁴⁾ .* (1 − a⁽⁴⁾); BMB's δ⁽⁴⁾ is −½ of it, i.e. −∂/∂z of ½(y − h)²",
              [pass, true_delta4](const Inputs& in) -> Value { return true_delta4(pass(in), in.vector("bmb.y")); }});
  //! [bmb_delta3]
  add(trace, {"bmb.delta3", "Neural Networks Backpropagation", "δ⁽³⁾ = (W⁽³⁾)ᵀ .* δ⁽⁴⁾ .* g'(z⁽³⁾)",
              R"(\boldsymbol{\delta}^{(3)} = (\mathbf{W}^{(3)})^T .* \boldsymbol{\delta}^{(4)} .* \mathbf{g}'(\mathbf{z}^{(3)}))",
              R"(\frac{\partial J}{\partial \mathbf{z}^{(3)}} \text{ by central differences})",
              "central differences of J = (y − h)² in z⁽³⁾", bmb,
              [pass](const Inputs& in) -> Value {
                const BmbPass p = pass(in);
                const MatrixXd Wt = in.matrix("bmb.W3").transpose();
                const VectorXd d4 = (in.vector("bmb.y") - p.a4).cwiseProduct(sig_slope(p.a4)), g = sig_slope(p.a3);
                if (elementwise_conforms(Wt.rows(), Wt.cols(), d4.rows(), 1) &&
                    elementwise_conforms(std::max(Wt.rows(), d4.rows()), Wt.cols(), g.rows(), 1))
                  return Verdict{true, "the shapes conform"};
                return Verdict{false, fmt::format("the shapes do not conform: (W⁽³⁾)ᵀ is {}×{} (it keeps the bias "
                                                  "column of W⁽³⁾ as a row), δ⁽⁴⁾ is {}×1 and g'(z⁽³⁾) is {}×1, and .* "
                                                  "needs equal sizes (or 1) in each dimension",
                                                  Wt.rows(), Wt.cols(), d4.rows(), g.rows())};
              },
              [pass](const Inputs& in) -> Value {
                const BmbPass p = pass(in);
                const VectorXd y = in.vector("bmb.y");
                const MatrixXd W3 = in.matrix("bmb.W3");
                return numerical_gradient(
                    [&](const VectorXd& z3) { return bmb_squared(y, sigmoid_of(VectorXd(W3 * with_bias_unit(sigmoid_of(z3))))); },
                    p.z3);
              },
              R"(\boldsymbol{\delta}^{(3)} = \left((\bar{\mathbf{W}}^{(3)})^T \boldsymbol{\delta}^{(4)}\right) .* \mathbf{g}'(\mathbf{z}^{(3)}))",
              "δ⁽³⁾ = ((W̄⁽³⁾)ᵀ δ⁽⁴⁾) .* g'(z⁽³⁾): a matrix product, with W̄⁽³⁾ = W⁽³⁾ without its bias column, "
              "and δ⁽⁴⁾ = ∂J/∂z⁽⁴⁾",
              [pass, true_delta3](const Inputs& in) -> Value {
                return true_delta3(pass(in), in.vector("bmb.y"), in.matrix("bmb.W3"));
              }});
  //! [bmb_delta3]
  add(trace, {"bmb.delta2", "Neural Networks Backpropagation", "δ⁽²⁾ = (W⁽²⁾)ᵀ · δ⁽³⁾ · g'(z⁽²⁾)",
              R"(\boldsymbol{\delta}^{(2)} = (\mathbf{W}^{(2)})^T \cdot \boldsymbol{\delta}^{(3)} \cdot \mathbf{g}'(\mathbf{z}^{(2)}))",
              R"(\frac{\partial J}{\partial \mathbf{z}^{(2)}} \text{ by central differences})",
              "central differences of J = (y − h)² in z⁽²⁾", bmb,
              [pass](const Inputs& in) -> Value {
                const BmbPass p = pass(in);
                const MatrixXd Wt = in.matrix("bmb.W2").transpose();
                const Eigen::Index d3 = p.z3.size(), g = p.z2.size();
                // Read as matrix products: (Wᵀδ⁽³⁾) is Wt.rows()×1, then times g' (g×1) needs 1 = g.
                const bool product = Wt.cols() == d3 && g == 1;
                const bool elementwise = elementwise_conforms(Wt.rows(), Wt.cols(), d3, 1) &&
                                         elementwise_conforms(std::max(Wt.rows(), d3), Wt.cols(), g, 1);
                if (product || elementwise) return Verdict{true, "the shapes conform"};
                return Verdict{false, fmt::format("the shapes do not conform: (W⁽²⁾)ᵀ is {}×{}, δ⁽³⁾ is {}×1, g'(z⁽²⁾) "
                                                  "is {}×1; read as matrix products, (W⁽²⁾)ᵀδ⁽³⁾ is {}×1 and cannot "
                                                  "multiply a {}×1 vector; read as .*, {}×{} against {}×1 fails",
                                                  Wt.rows(), Wt.cols(), d3, g, Wt.rows(), g, Wt.rows(), Wt.cols(), d3)};
              },
              [pass](const Inputs& in) -> Value {
                const VectorXd y = in.vector("bmb.y");
                const MatrixXd W2 = in.matrix("bmb.W2"), W3 = in.matrix("bmb.W3");
                return numerical_gradient(
                    [&](const VectorXd& z2) {
                      const VectorXd a3 = sigmoid_of(VectorXd(W2 * with_bias_unit(sigmoid_of(z2))));
                      return bmb_squared(y, sigmoid_of(VectorXd(W3 * with_bias_unit(a3))));
                    },
                    pass(in).z2);
              },
              R"(\boldsymbol{\delta}^{(2)} = \left((\bar{\mathbf{W}}^{(2)})^T \boldsymbol{\delta}^{(3)}\right) .* \mathbf{g}'(\mathbf{z}^{(2)}))",
              "δ⁽²⁾ = ((W̄⁽²⁾)ᵀ δ⁽³⁾) .* g'(z⁽²⁾), W̄⁽²⁾ without its bias column, δ⁽³⁾ the corrected one",
              [pass, true_delta3](const Inputs& in) -> Value {
                const BmbPass p = pass(in);
                const VectorXd d3 = true_delta3(p, in.vector("bmb.y"), in.matrix("bmb.W3"));
                return VectorXd((without_bias_column(in.matrix("bmb.W2")).transpose() * d3).cwiseProduct(sig_slope(p.a2)));
              }});
  // "Backpropagation Example": no activation functions, s₂ = s₃ = 2, s₄ = 1; BMB's δ is −∂J/∂z for
  // J = ½(y − a)² (δ₁⁽⁴⁾ = y − a₁⁽⁴⁾).
  const std::vector<std::string> lin = {"lin.x", "lin.y", "lin.W1", "lin.W2", "lin.W3"};
  add(trace, {"bmb.linear_example", "Backpropagation Example",
              "δ₁⁽³⁾ = w₁₁⁽³⁾δ₁⁽⁴⁾, δ₂⁽³⁾ = w₁₂⁽³⁾δ₁⁽⁴⁾, δ₁⁽²⁾ = w₁₁⁽²⁾δ₁⁽³⁾ + w₂₁⁽²⁾δ₂⁽³⁾, δ₂⁽²⁾ = w₁₂⁽²⁾δ₁⁽³⁾ + w₂₂⁽²⁾δ₂⁽³⁾",
              R"((\delta^{(3)}_1, \delta^{(3)}_2, \delta^{(2)}_1, \delta^{(2)}_2) = (w^{(3)}_{11}\delta^{(4)}_1,\ w^{(3)}_{12}\delta^{(4)}_1,\ w^{(2)}_{11}\delta^{(3)}_1 + w^{(2)}_{21}\delta^{(3)}_2,\ w^{(2)}_{12}\delta^{(3)}_1 + w^{(2)}_{22}\delta^{(3)}_2))",
              R"(-\left(\frac{\partial J}{\partial \mathbf{z}^{(3)}}, \frac{\partial J}{\partial \mathbf{z}^{(2)}}\right),\ J = \tfrac{1}{2}(y - a^{(4)}_1)^2)",
              "−∂J/∂z by central differences, J = ½(y − a)² (BMB's sign)", lin,
              [](const Inputs& in) -> Value {
                const MatrixXd &W1 = in.matrix("lin.W1"), &W2 = in.matrix("lin.W2"), &W3 = in.matrix("lin.W3");
                const VectorXd z2 = W1 * with_bias_unit(in.vector("lin.x")), z3 = W2 * with_bias_unit(z2);
                const double a4 = (W3 * with_bias_unit(z3))(0);
                const double d4 = in.scalar("lin.y") - a4;                       // δ₁⁽⁴⁾ = y₁ − a₁⁽⁴⁾
                const double d31 = W3(0, 1) * d4, d32 = W3(0, 2) * d4;           // w₁₁⁽³⁾, w₁₂⁽³⁾
                const double d21 = W2(0, 1) * d31 + W2(1, 1) * d32;              // w₁₁⁽²⁾δ₁⁽³⁾ + w₂₁⁽²⁾δ₂⁽³⁾
                const double d22 = W2(0, 2) * d31 + W2(1, 2) * d32;              // w₁₂⁽²⁾δ₁⁽³⁾ + w₂₂⁽²⁾δ₂⁽³⁾
                VectorXd out(4);
                out << d31, d32, d21, d22;
                return out;
              },
              [](const Inputs& in) -> Value {
                const MatrixXd W2 = in.matrix("lin.W2"), W3 = in.matrix("lin.W3");
                const double y = in.scalar("lin.y");
                const VectorXd z2 = in.matrix("lin.W1") * with_bias_unit(in.vector("lin.x")), z3 = W2 * with_bias_unit(z2);
                const auto J3 = [&](const VectorXd& z) { return 0.5 * std::pow(y - (W3 * with_bias_unit(z))(0), 2); };
                const auto J2 = [&](const VectorXd& z) { return J3(W2 * with_bias_unit(z)); };
                VectorXd out(4);
                out << -numerical_gradient(J3, z3), -numerical_gradient(J2, z2);
                return out;
              }});
  // "Neural Networks Weight Update", on the last layer, with BMB's "simpler" cost J = ½(y − h)²
  // (m = 1) and BMB's δ⁽⁴⁾ = (y − a⁽⁴⁾) .* g'(z⁽⁴⁾).
  const auto a_delta = [pass](const Inputs& in) {
    const BmbPass p = pass(in);
    const VectorXd d4 = (in.vector("bmb.y") - p.a4).cwiseProduct(sig_slope(p.a4));
    return MatrixXd(d4 * with_bias_unit(p.a3).transpose());  // a_j⁽³⁾ δ_i⁽⁴⁾, a₀ = 1: (2, 4)
  };
  const auto half_cost = [](const Inputs& in, const MatrixXd& W3) {
    return bmb_half(in.vector("bmb.y"),
                    bmb_forward(in.vector("bmb.x"), in.matrix("bmb.W1"), in.matrix("bmb.W2"), W3).a4);
  };
  const auto grad_half = [half_cost](const Inputs& in) {
    return fd([&](const MatrixXd& W3) { return half_cost(in, W3); }, in.matrix("bmb.W3"));
  };
  add(trace, {"bmb.dJ_dW", "Neural Networks Weight Update", "∂J(W)/∂W_ij⁽ˡ⁾ = a_j⁽ˡ⁾ · δ_i⁽ˡ⁺¹⁾ (l = 3)",
              R"(\frac{\partial J(W)}{\partial W^{(l)}_{ij}} = a^{(l)}_j \cdot \delta^{(l+1)}_i)",
              R"(\frac{\partial J}{\partial W^{(3)}},\ J = \tfrac{1}{2}(y - h)^2, \text{ by central differences})",
              "central differences of J = ½(y − h)²", bmb, [a_delta](const Inputs& in) -> Value { return a_delta(in); },
              [grad_half](const Inputs& in) -> Value { return grad_half(in); },
              R"(\frac{\partial J(W)}{\partial W^{(l)}_{ij}} = -a^{(l)}_j \cdot \delta^{(l+1)}_i)",
              "∂J/∂W_ij = −a_j δ_i (BMB's δ is (y − a)g' = −∂J/∂z, as on its own \"Back-Propagation Derivation\")",
              [a_delta](const Inputs& in) -> Value { return MatrixXd(-a_delta(in)); }});
  std::vector<std::string> update = bmb;
  for (const char* p : {"bmb.delta_prev", "bmb.alpha", "bmb.eta", "bmb.lambda"}) update.emplace_back(p);
  add(trace, {"bmb.update", "Neural Networks Weight Update",
              "Δ := ηΔ + α(a δ), W := W + Δ is gradient descent with momentum",
              R"(\Delta^{(l)}_{ij} := \eta \Delta^{(l)}_{ij} + \alpha \left(a^{(l)}_j \cdot \delta^{(l+1)}_i\right))",
              R"(\eta\Delta - \alpha \frac{\partial J}{\partial W} \text{ (central differences)})",
              "a momentum step ηΔ − α∂J/∂W, by central differences", update,
              [a_delta](const Inputs& in) -> Value {
                return MatrixXd(in.scalar("bmb.eta") * in.matrix("bmb.delta_prev") + in.scalar("bmb.alpha") * a_delta(in));
              },
              [grad_half](const Inputs& in) -> Value {
                return MatrixXd(in.scalar("bmb.eta") * in.matrix("bmb.delta_prev") - in.scalar("bmb.alpha") * grad_half(in));
              }});
  // The regularised cost: J + (λ/2m) Σ w², the bias column left out; m = 1.
  const auto reg_W = [](const Inputs& in) {
    MatrixXd W = in.matrix("bmb.W3");
    W.col(0).setZero();  // "used for the terms Δ_ij where j ≠ 0"
    return W;
  };
  add(trace, {"bmb.regularised", "Neural Networks Weight Update",
              "Δ := ηΔ + α(a δ + λW) (j ≠ 0), then W := W + Δ",
              R"(\Delta^{(l)}_{ij} := \eta \Delta^{(l)}_{ij} + \alpha \left(a^{(l)}_j \cdot \delta^{(l+1)}_i + \lambda W^{(l)}_{ij}\right))",
              R"(\eta\Delta - \alpha \frac{\partial}{\partial W}\left(J + \frac{\lambda}{2}\sum_{j \ne 0} W_{ij}^2\right))",
              "a momentum step on the regularised cost J + (λ/2)Σ_{j≠0} W², by central differences", update,
              [a_delta, reg_W](const Inputs& in) -> Value {
                return MatrixXd(in.scalar("bmb.eta") * in.matrix("bmb.delta_prev") +
                                in.scalar("bmb.alpha") * (a_delta(in) + in.scalar("bmb.lambda") * reg_W(in)));
              },
              [half_cost](const Inputs& in) -> Value {
                const double lambda = in.scalar("bmb.lambda");
                const MatrixXd g = fd([&](const MatrixXd& W3) {
                  return half_cost(in, W3) + 0.5 * lambda * W3.rightCols(W3.cols() - 1).squaredNorm();
                }, in.matrix("bmb.W3"));
                return MatrixXd(in.scalar("bmb.eta") * in.matrix("bmb.delta_prev") - in.scalar("bmb.alpha") * g);
              },
              R"(\Delta^{(l)}_{ij} := \eta \Delta^{(l)}_{ij} + \alpha \left(a^{(l)}_j \cdot \delta^{(l+1)}_i - \lambda W^{(l)}_{ij}\right))",
              "Δ := ηΔ + α(a δ − λW): with δ = −∂J/∂z, a δ already points downhill, and the penalty's "
              "gradient λW must be subtracted (weight decay)",
              [a_delta, reg_W](const Inputs& in) -> Value {
                return MatrixXd(in.scalar("bmb.eta") * in.matrix("bmb.delta_prev") +
                                in.scalar("bmb.alpha") * (a_delta(in) - in.scalar("bmb.lambda") * reg_W(in)));
              }});
  std::vector<std::string> check = bmb;
  check.emplace_back("bmb.epsilon");
  // The library's backpropagation (Mlp, verified by its own tests), in BMB's bias-first matrix.
  const auto library_gradient = [](const Inputs& in) {
    const Mlp mlp({dense_from_bias_column(in.matrix("bmb.W1"), Activation::sigmoid()),
                   dense_from_bias_column(in.matrix("bmb.W2"), Activation::sigmoid()),
                   dense_from_bias_column(in.matrix("bmb.W3"), Activation::sigmoid())});
    const ForwardPass forward = mlp.forward(in.vector("bmb.x"));
    const BackwardPass backward = mlp.backward(forward, forward.output() - MatrixXd(in.vector("bmb.y")));  // ∂J/∂a = a − y
    return bias_column_gradient(backward.weight_gradients[2], backward.bias_gradients[2]);
  };
  add(trace, {"bmb.gradient_check", "Implementational Details",
              "∂J/∂W_jk ≈ J(…, W_jk + ε, …) − J(…, W_jk, …) at ε ≅ 10⁻⁴",
              R"(\frac{\partial J(\mathbf{W})}{\partial W^{(l)}_{jk}} \approx J(\ldots, W^{(l)}_{jk} + \varepsilon, \ldots) - J(\ldots, W^{(l)}_{jk}, \ldots))",
              R"(\frac{\partial J}{\partial W^{(3)}} \text{ by backpropagation (the library's Mlp)})",
              "backpropagation (the library's Mlp)", check,
              [half_cost](const Inputs& in) -> Value {
                const double eps = in.scalar("bmb.epsilon");
                MatrixXd W = in.matrix("bmb.W3"), out(W.rows(), W.cols());
                const double base = half_cost(in, W);
                for (Eigen::Index i = 0; i < W.rows(); ++i)
                  for (Eigen::Index j = 0; j < W.cols(); ++j) {
                    W(i, j) += eps;
                    out(i, j) = half_cost(in, W) - base;  // as printed: no division by ε
                    W(i, j) -= eps;
                  }
                return out;
              },
              [library_gradient](const Inputs& in) -> Value { return library_gradient(in); },
              R"(\frac{\partial J(\mathbf{W})}{\partial W^{(l)}_{jk}} \approx \frac{J(\ldots, W^{(l)}_{jk} + \varepsilon, \ldots) - J(\ldots, W^{(l)}_{jk} - \varepsilon, \ldots)}{2\varepsilon})",
              "divide by the step: (J(W + ε) − J(W − ε))/(2ε) (or (J(W + ε) − J(W))/ε, one-sided, error O(ε))",
              [half_cost](const Inputs& in) -> Value {
                const double eps = in.scalar("bmb.epsilon");
                MatrixXd W = in.matrix("bmb.W3"), out(W.rows(), W.cols());
                for (Eigen::Index i = 0; i < W.rows(); ++i)
                  for (Eigen::Index j = 0; j < W.cols(); ++j) {
                    const double saved = W(i, j);
                    W(i, j) = saved + eps;
                    const double plus = half_cost(in, W);
                    W(i, j) = saved - eps;
                    out(i, j) = (plus - half_cost(in, W)) / (2.0 * eps);
                    W(i, j) = saved;
                  }
                return out;
              },
              1e-5});
  add(trace, {"bmb.training_code", "Training of Neural Network with Backpropagation",
              "grad_w1 = xᵀ(grad_h ∘ h ∘ (1 − h)), grad_w2 = hᵀ grad_y_pred, grad_y_pred = 2(y_pred − y)",
              R"(\text{grad\_w2} = h^T\, 2(y_{pred} - y),\quad \text{grad\_w1} = x^T\left((2(y_{pred} - y)\, w_2^T) \circ h \circ (1 - h)\right))",
              R"(\nabla_{w_1, w_2} \sum (y_{pred} - y)^2 \text{ by central differences})",
              "central differences of loss = Σ(y_pred − y)², (w1, w2) flattened", {"code.x", "code.y", "code.w1", "code.w2"},
              [](const Inputs& in) -> Value {
                const MatrixXd &x = in.matrix("code.x"), &y = in.matrix("code.y"), &w2 = in.matrix("code.w2");
                const MatrixXd h = sigmoid_of(MatrixXd(x * in.matrix("code.w1")));
                const MatrixXd grad_y_pred = 2.0 * (h * w2 - y);
                const MatrixXd grad_w2 = h.transpose() * grad_y_pred;
                const MatrixXd grad_h = grad_y_pred * w2.transpose();
                const MatrixXd grad_w1 = x.transpose() * grad_h.cwiseProduct(h).cwiseProduct((1.0 - h.array()).matrix());
                VectorXd out(grad_w1.size() + grad_w2.size());
                out << flat(grad_w1), flat(grad_w2);
                return out;
              },
              [](const Inputs& in) -> Value {
                const MatrixXd x = in.matrix("code.x"), y = in.matrix("code.y");
                const MatrixXd w1 = in.matrix("code.w1"), w2 = in.matrix("code.w2");
                const auto loss = [&](const MatrixXd& a, const MatrixXd& b) {
                  return (sigmoid_of(MatrixXd(x * a)) * b - y).squaredNorm();
                };
                const MatrixXd g1 = fd([&](const MatrixXd& a) { return loss(a, w2); }, w1);
                const MatrixXd g2 = fd([&](const MatrixXd& b) { return loss(w1, b); }, w2);
                VectorXd out(g1.size() + g2.size());
                out << flat(g1), flat(g2);
                return out;
              }});
}

// ---- CTU -----------------------------------------------------------------------------------------

void ctu_claims(Trace& trace) {
  trace.section("CTU: Neural Networks 1 (CTU, Petříčková)");
  add(trace, {"ctu.logsig", "Reminder: Derivatives of Activation Functions", "logsig with slope λ: f'(ξ) = λy(1 − y)",
              R"(y = \frac{1}{1 + e^{-\lambda\xi}},\quad f'(\xi) = \lambda y(1 - y))",
              R"(\frac{f(\xi + \epsilon) - f(\xi - \epsilon)}{2\epsilon})", "central differences of f",
              {"ctu.lambda", "ctu.xi"},
              [](const Inputs& in) -> Value {
                const double lambda = in.scalar("ctu.lambda"), y = sigmoid(in.scalar("ctu.xi"), lambda);
                return lambda * y * (1.0 - y);
              },
              [](const Inputs& in) -> Value {
                const double lambda = in.scalar("ctu.lambda");
                return numerical_derivative([lambda](double xi) { return 1.0 / (1.0 + std::exp(-lambda * xi)); },
                                            in.scalar("ctu.xi"));
              }});
  add(trace, {"ctu.tanh", "Reminder: Derivatives of Activation Functions",
              "tanh with slope λ: f'(ξ) = λ²(1 + y)(1 − y)",
              R"(y = \frac{1 - e^{-2\lambda\xi}}{1 + e^{-2\lambda\xi}},\quad f'(\xi) = \lambda^2 (1 + y)(1 - y))",
              R"(\frac{f(\xi + \epsilon) - f(\xi - \epsilon)}{2\epsilon})", "central differences of f",
              {"ctu.lambda", "ctu.xi"},
              [](const Inputs& in) -> Value {
                const double lambda = in.scalar("ctu.lambda"), xi = in.scalar("ctu.xi");
                const double y = (1.0 - std::exp(-2.0 * lambda * xi)) / (1.0 + std::exp(-2.0 * lambda * xi));
                return lambda * lambda * (1.0 + y) * (1.0 - y);
              },
              [](const Inputs& in) -> Value {
                const double lambda = in.scalar("ctu.lambda");
                return numerical_derivative(
                    [lambda](double xi) { return (1.0 - std::exp(-2.0 * lambda * xi)) / (1.0 + std::exp(-2.0 * lambda * xi)); },
                    in.scalar("ctu.xi"));
              },
              R"(f'(\xi) = \lambda (1 + y)(1 - y))", "f'(ξ) = λ(1 + y)(1 − y): the chain rule on tanh(λξ) gives one factor λ",
              [](const Inputs& in) -> Value {
                const double lambda = in.scalar("ctu.lambda"), y = nnwb::tanh(in.scalar("ctu.xi"), lambda);
                return lambda * (1.0 + y) * (1.0 - y);
              }});
  const std::vector<std::string> neuron = {"neuron.x", "neuron.w", "neuron.y"};
  add(trace, {"ctu.sse_neuron", "What We Covered Last Time",
              "∂E_p/∂w_i = −(d_p − y_p) f'(ξ_p) x_pi (tanh neuron, SSE)",
              R"(\frac{\partial E_p}{\partial w_i} = -(d_p - y_p) \cdot f'(\xi_p) \cdot x_{pi})",
              R"(\frac{E_p(w_i + \epsilon) - E_p(w_i - \epsilon)}{2\epsilon})", "central differences of E_p", neuron,
              [](const Inputs& in) -> Value {
                const VectorXd& x = in.vector("neuron.x");
                const double y = nnwb::tanh(x.dot(in.vector("neuron.w")));
                return VectorXd(-(in.scalar("neuron.y") - y) * (1.0 - y * y) * x);
              },
              [](const Inputs& in) -> Value {
                const VectorXd x = in.vector("neuron.x");
                const double d = in.scalar("neuron.y");
                return numerical_gradient([&](const VectorXd& w) { return 0.5 * std::pow(d - nnwb::tanh(x.dot(w)), 2); },
                                          in.vector("neuron.w"));
              }});
  add(trace, {"ctu.ce_sigmoid", "What We Covered Last Time",
              "cross-entropy for a sigmoid neuron: ((1 − d)/(1 − y) − d/y) y(1 − y) x_i = (y − d) x_i",
              R"(\frac{\partial E_p}{\partial w_i} = \left(\frac{1-d_p}{1-y_p} - \frac{d_p}{y_p}\right) y_p (1-y_p) x_{pi} = (y_p - d_p) x_{pi})",
              R"(\frac{E_p(w_i + \epsilon) - E_p(w_i - \epsilon)}{2\epsilon})", "central differences of E_p", neuron,
              [](const Inputs& in) -> Value {
                const VectorXd& x = in.vector("neuron.x");
                const double y = sigmoid(x.dot(in.vector("neuron.w"))), d = in.scalar("neuron.y");
                return VectorXd(((1 - d) / (1 - y) - d / y) * y * (1 - y) * x);
              },
              [](const Inputs& in) -> Value {
                const VectorXd x = in.vector("neuron.x");
                const VectorXd d = VectorXd::Constant(1, in.scalar("neuron.y"));
                return numerical_gradient(
                    [&](const VectorXd& w) { return binary_cross_entropy(VectorXd::Constant(1, sigmoid(x.dot(w))), d); },
                    in.vector("neuron.w"));
              }});
  // The single layer on the animals (tanh units, SSE): X = (1 | data table), W: (4, 4).
  const std::vector<std::string> layer = {"animals.table", "animals.D", "animals.W", "ctu.alpha"};
  const auto layer_error = [](const MatrixXd& X, const MatrixXd& D, const MatrixXd& W) {
    return 0.5 * (D - tanh_of(MatrixXd(X * W))).squaredNorm();
  };
  add(trace, {"ctu.layer_update", "Single-Layer Neural Network with a Continuous Activation Function",
              "W(t+1) = W(t) + α xᵀ[f'(ξ) ∘ (d − y)] for one sample (the first animal)",
              R"(W(t+1) = W(t) + \alpha_t \vec{x}_t^T [f'(\vec{\xi}_t) \circ (\vec{d}_t - \vec{y}_t)])",
              R"(W - \alpha \frac{\partial E_t}{\partial W} \text{ (central differences)})",
              "a gradient-descent step W − α∂E_t/∂W, by central differences", layer,
              [](const Inputs& in) -> Value {
                const Eigen::RowVectorXd x = with_bias_column(in.matrix("animals.table")).row(0);
                const MatrixXd& W = in.matrix("animals.W");
                const Eigen::RowVectorXd xi = x * W, y = tanh_of(MatrixXd(xi)), d = in.matrix("animals.D").row(0);
                const Eigen::RowVectorXd slope = (1.0 - y.array().square()).matrix();
                return MatrixXd(W + in.scalar("ctu.alpha") * x.transpose() * slope.cwiseProduct(d - y));
              },
              [layer_error](const Inputs& in) -> Value {
                const MatrixXd x = with_bias_column(in.matrix("animals.table")).topRows(1);
                const MatrixXd d = in.matrix("animals.D").topRows(1), W = in.matrix("animals.W");
                return MatrixXd(W - in.scalar("ctu.alpha") * fd([&](const MatrixXd& w) { return layer_error(x, d, w); }, W));
              }});
  add(trace, {"ctu.batch_update", "Single-Layer Neural Network with a Continuous Activation Function",
              "batch: W(t+1) = W(t) + α Xᵀ[f'(Ξ) ∘ (D − Y)]",
              R"(W(t+1) = W(t) + \alpha_t X_t^T [f'(\Xi_t) \circ (D_t - Y_t)])",
              R"(W - \alpha \frac{\partial E}{\partial W} \text{ (central differences)})",
              "a gradient-descent step on the whole table, by central differences", layer,
              [](const Inputs& in) -> Value {
                const MatrixXd X = with_bias_column(in.matrix("animals.table"));
                const MatrixXd& W = in.matrix("animals.W");
                const MatrixXd Y = tanh_of(MatrixXd(X * W));
                const MatrixXd slope = (1.0 - Y.array().square()).matrix();
                return MatrixXd(W + in.scalar("ctu.alpha") * X.transpose() * slope.cwiseProduct(in.matrix("animals.D") - Y));
              },
              [layer_error](const Inputs& in) -> Value {
                const MatrixXd X = with_bias_column(in.matrix("animals.table")), D = in.matrix("animals.D");
                const MatrixXd W = in.matrix("animals.W");
                return MatrixXd(W - in.scalar("ctu.alpha") * fd([&](const MatrixXd& w) { return layer_error(X, D, w); }, W));
              }});
  add(trace, {"ctu.softmax_ce", "Cross-Entropy for Multiple Classes",
              "softmax with E = −Σ d log y: ∂E_p/∂w_ij = (y_pj − d_pj) x_pi (the first animal, d as 0/1)",
              R"(\frac{\partial E_p}{\partial w_{ij}} = (y_{pj} - d_{pj})\, x_{pi})",
              R"(\frac{\partial E_p}{\partial W} \text{ by central differences})", "central differences of E_p", layer,
              [](const Inputs& in) -> Value {
                const VectorXd x = with_bias_column(in.matrix("animals.table")).row(0).transpose();
                const VectorXd d = (in.matrix("animals.D").row(0).transpose().array() + 1.0) / 2.0;  // ±1 → 0/1
                const VectorXd y = softmax(VectorXd(in.matrix("animals.W").transpose() * x));
                return MatrixXd(x * (y - d).transpose());
              },
              [](const Inputs& in) -> Value {
                const VectorXd x = with_bias_column(in.matrix("animals.table")).row(0).transpose();
                const VectorXd d = (in.matrix("animals.D").row(0).transpose().array() + 1.0) / 2.0;
                return fd([&](const MatrixXd& W) { return softmax_cross_entropy(VectorXd(W.transpose() * x), d); },
                          in.matrix("animals.W"));
              }});
  // The regression targets: any D will do; a nonlinear one, so that no W fits it exactly.
  const auto reg_targets = [](const Inputs& in) {
    return MatrixXd(tanh_of(MatrixXd(with_bias_column(in.matrix("reg.inputs")) * in.matrix("reg.W1"))));  // (5, 3)
  };
  add(trace, {"ctu.lsq", "Linear Neural Network", "W = (XᵀX)⁻¹XᵀD (with the inverse, as written)",
              R"(W = (X^T X)^{-1} X^T D)", R"(\arg\min_W \|D - XW\|^2 \text{ (the library's QR least squares)})",
              "the library's least squares (QR, no inverse)", {"reg.inputs", "reg.W1"},
              [reg_targets](const Inputs& in) -> Value {
                const MatrixXd X = with_bias_column(in.matrix("reg.inputs"));
                return MatrixXd((X.transpose() * X).inverse() * X.transpose() * reg_targets(in));
              },
              [reg_targets](const Inputs& in) -> Value {
                return least_squares(with_bias_column(in.matrix("reg.inputs")), reg_targets(in));
              },
              "", "", nullptr, 1e-8});
  add(trace, {"ctu.linear_layers", "Motivation: Multi-Layer Perceptron",
              "stacking linear layers: (1 | (1 | X)W₁)W₂ is one linear layer (1 | X)W'",
              R"(Y = (1 \mid (1 \mid X) W_1) W_2 = (1 \mid X) W')",
              R"((1 \mid X)\, \arg\min_{W'} \|Y - (1 \mid X)W'\|^2)",
              "the best single linear layer, fitted by the library's least squares", {"reg.inputs", "reg.W1", "reg.W2"},
              [](const Inputs& in) -> Value {
                return MatrixXd(with_bias_column(with_bias_column(in.matrix("reg.inputs")) * in.matrix("reg.W1")) *
                                in.matrix("reg.W2"));
              },
              [](const Inputs& in) -> Value {
                const MatrixXd X = with_bias_column(in.matrix("reg.inputs"));
                const MatrixXd Y = with_bias_column(X * in.matrix("reg.W1")) * in.matrix("reg.W2");
                return MatrixXd(X * least_squares(X, Y));
              },
              "", "", nullptr, 1e-8});

  // The layered network: output, hidden and matrix deltas.
  const std::vector<std::string> mlp = {"ctu.x", "ctu.d", "ctu.W1", "ctu.W2", "ctu.W3", "ctu.alpha"};
  const auto weights = [](const Inputs& in) {
    return std::array<MatrixXd, 3>{in.matrix("ctu.W1"), in.matrix("ctu.W2"), in.matrix("ctu.W3")};
  };
  const auto row_x = [](const Inputs& in) { return MatrixXd(with_bias_column(in.vector("ctu.x").transpose())); };
  const auto row_d = [](const Inputs& in) { return MatrixXd(in.vector("ctu.d").transpose()); };
  // δ_L = ∂E/∂Ξ_L by central differences.
  const auto fd_delta = [weights](const Inputs& in, int L, const MatrixXd& X, const MatrixXd& D) {
    const auto W = weights(in);
    return fd([&](const MatrixXd& xi) { return ctu_error_from(L, xi, W, D); }, ctu_forward(X, W).Xi[L]);
  };
  // The correct deltas, from the element-wise rules: δ₃ = f'(ξ₃) ∘ (y − d), δ_L = f'(ξ_L) ∘ (δ_{L+1} W̄ᵀ).
  const auto deltas = [weights](const Inputs& in, const MatrixXd& X, const MatrixXd& D) {
    const auto W = weights(in);
    const CtuPass p = ctu_forward(X, W);
    std::array<MatrixXd, 4> delta;
    delta[3] = tanh_slope(p.Xi[3]).cwiseProduct(p.Y[3] - D);
    for (int L = 2; L >= 1; --L)
      delta[L] = tanh_slope(p.Xi[L]).cwiseProduct(delta[L + 1] * without_bias_row(W[L]).transpose());
    return delta;
  };
  add(trace, {"ctu.output_delta", "Backpropagation – Adaptation Rules",
              "output layer: δ_j = −(d_j − y_j) f'(ξ_j), i.e. δ_{L_max} = f'(ξ) ∘ (y − d)",
              R"(\delta_{tj} = \frac{\partial E_t}{\partial \xi_{tj}} = -(d_{tj} - y_{tj}) f'(\xi_{tj}))",
              R"(\frac{\partial E_t}{\partial \vec{\xi}_{L_{max}}} \text{ by central differences})",
              "central differences of E_t", mlp,
              [weights, row_x, row_d](const Inputs& in) -> Value {
                const CtuPass p = ctu_forward(row_x(in), weights(in));
                return VectorXd((-(row_d(in) - p.Y[3]).cwiseProduct(tanh_slope(p.Xi[3]))).transpose());
              },
              [fd_delta, row_x, row_d](const Inputs& in) -> Value {
                return VectorXd(fd_delta(in, 3, row_x(in), row_d(in)).transpose());
              }});
  //! [ctu_hidden_delta]
  add(trace, {"ctu.hidden_delta", "Backpropagation – Adaptation Rules",
              "last hidden layer: δ_j = (Σ_k δ_k w_jk) f'(ξ_j)",
              R"(\delta_{tj} = \left(\sum_{k=1}^m \delta_{tk} \cdot w_{jk}\right) f'(\xi_{tj}))",
              R"(\frac{\partial E_t}{\partial \vec{\xi}_{2}} \text{ by central differences})", "central differences of E_t", mlp,
              [weights, row_x, row_d](const Inputs& in) -> Value {
                const auto W = weights(in);
                const CtuPass p = ctu_forward(row_x(in), W);
                const MatrixXd d3 = tanh_slope(p.Xi[3]).cwiseProduct(p.Y[3] - row_d(in));
                VectorXd out(p.Xi[2].cols());
                for (Eigen::Index j = 0; j < out.size(); ++j) {
                  double sum = 0.0;
                  for (Eigen::Index k = 0; k < d3.cols(); ++k) sum += d3(0, k) * W[2](j + 1, k);  // w_jk: row j+1 (bias row 0)
                  out[j] = sum * tanh_slope(p.Xi[2])(0, j);
                }
                return out;
              },
              [fd_delta, row_x, row_d](const Inputs& in) -> Value {
                return VectorXd(fd_delta(in, 2, row_x(in), row_d(in)).transpose());
              }});
  // (f'(ξ_L) ∘ δ_{L+1}) W_{L+1}ᵀ as printed: the Hadamard product needs f'(ξ_L) and δ_{L+1} of one shape.
  const auto hadamard_fails = [](const CtuPass& p, const MatrixXd& next_delta, int L) -> std::optional<Verdict> {
    const MatrixXd slope = tanh_slope(p.Xi[L]);
    if (slope.rows() == next_delta.rows() && slope.cols() == next_delta.cols()) return std::nullopt;
    return Verdict{false, fmt::format("the shapes do not conform: f'(ξ_{0}) is {1}×{2} and δ_{3} is {4}×{5}, and ∘ "
                                      "needs equal shapes (layer {0} has {2} neurons, layer {3} has {5})",
                                      L, slope.rows(), slope.cols(), L + 1, next_delta.rows(), next_delta.cols())};
  };
  //! [ctu_hidden_delta]
  add(trace, {"ctu.matrix_hidden", "Backpropagation Algorithm (Matrix – Iterative Variant)",
              "δ_L = (f'(ξ_L) ∘ δ_{L+1}) W_{L+1}ᵀ for the last hidden layer, L = 2",
              R"(\vec{\delta}_L = \left(f'(\vec{\xi}_L) \circ \vec{\delta}_{L+1}\right) W_{L+1}^T)",
              R"(\frac{\partial E_t}{\partial \vec{\xi}_2} \text{ by central differences})", "central differences of E_t", mlp,
              [weights, row_x, row_d, deltas, hadamard_fails](const Inputs& in) -> Value {
                const CtuPass p = ctu_forward(row_x(in), weights(in));
                if (const auto fails = hadamard_fails(p, deltas(in, row_x(in), row_d(in))[3], 2)) return *fails;
                return VectorXd((tanh_slope(p.Xi[2]).cwiseProduct(deltas(in, row_x(in), row_d(in))[3]) *
                                 in.matrix("ctu.W3").transpose()).transpose());
              },
              [fd_delta, row_x, row_d](const Inputs& in) -> Value {
                return VectorXd(fd_delta(in, 2, row_x(in), row_d(in)).transpose());
              },
              R"(\vec{\delta}_L = f'(\vec{\xi}_L) \circ \left(\vec{\delta}_{L+1} \bar{W}_{L+1}^T\right))",
              "δ_L = f'(ξ_L) ∘ (δ_{L+1} W̄_{L+1}ᵀ): f' of this layer, applied after the product, with W̄_{L+1} = W_{L+1} "
              "without its bias row",
              [deltas, row_x, row_d](const Inputs& in) -> Value {
                return VectorXd(deltas(in, row_x(in), row_d(in))[2].transpose());
              }});
  add(trace, {"ctu.matrix_hidden_first", "Backpropagation Algorithm (Matrix – Iterative Variant)",
              "δ_L = (f'(ξ_L) ∘ δ_{L+1}) W_{L+1}ᵀ for the first hidden layer, L = 1 (here ∘ conforms: 3 and 3 neurons)",
              R"(\vec{\delta}_1 = \left(f'(\vec{\xi}_1) \circ \vec{\delta}_{2}\right) W_{2}^T)",
              R"(\frac{\partial E_t}{\partial \vec{\xi}_1} \text{ by central differences})", "central differences of E_t", mlp,
              [weights, row_x, row_d, deltas, hadamard_fails](const Inputs& in) -> Value {
                const CtuPass p = ctu_forward(row_x(in), weights(in));
                const MatrixXd d2 = deltas(in, row_x(in), row_d(in))[2];  // the correct δ₂
                if (const auto fails = hadamard_fails(p, d2, 1)) return *fails;
                return VectorXd((tanh_slope(p.Xi[1]).cwiseProduct(d2) * in.matrix("ctu.W2").transpose()).transpose());
              },
              [fd_delta, row_x, row_d](const Inputs& in) -> Value {
                return VectorXd(fd_delta(in, 1, row_x(in), row_d(in)).transpose());
              },
              R"(\vec{\delta}_1 = f'(\vec{\xi}_1) \circ \left(\vec{\delta}_{2} \bar{W}_{2}^T\right))",
              "δ₁ = f'(ξ₁) ∘ (δ₂ W̄₂ᵀ), W̄₂ without its bias row",
              [deltas, row_x, row_d](const Inputs& in) -> Value {
                return VectorXd(deltas(in, row_x(in), row_d(in))[1].transpose());
              }});
  // Even without the bias entry, the printed order gives other numbers.
  trace.step("ctu.matrix_hidden_first.without_bias", "Even without its bias entry, the printed order gives other numbers")
      .formula(R"(\left[\left(f'(\vec{\xi}_1) \circ \vec{\delta}_{2}\right) W_{2}^T\right]_{1..n_1} \approx \frac{\partial E_t}{\partial \vec{\xi}_1} \quad ?)")
      .verdict({"ctu.matrix_hidden_first.slide", "ctu.matrix_hidden_first.check"}, [](const Inputs& in) -> Value {
        const Value& printed = in.value("ctu.matrix_hidden_first.slide");
        if (std::holds_alternative<Verdict>(printed)) return std::get<Verdict>(printed);
        const VectorXd& v = in.vector("ctu.matrix_hidden_first.slide");
        const VectorXd& reference = in.vector("ctu.matrix_hidden_first.check");
        const VectorXd tail = v.tail(v.size() - 1);
        if (tail.size() != reference.size()) return Verdict{false, "the sizes differ even without the bias entry"};
        const double error = max_relative_error(tail, reference);
        return Verdict{error <= 1e-6, fmt::format("without the bias entry: {} against {}; largest relative error {:.2g}",
                                                  show(VectorXd(tail)), show(reference), error)};
      });
  std::vector<std::string> mlp_batch = {"ctu.X", "ctu.D", "ctu.W1", "ctu.W2", "ctu.W3", "ctu.alpha"};
  add(trace, {"ctu.matrix_update", "Backpropagation Algorithm (Matrix – Iterative Variant)",
              "W_L(t+1) = W_L(t) − α y_{L−1}ᵀ δ_L (L = 1, with the correct δ₁)",
              R"(W_L(t+1) = W_L(t) - \alpha\, \vec{y}_{L-1}^T \vec{\delta}_L)",
              R"(W_1 - \alpha \frac{\partial E_t}{\partial W_1} \text{ (central differences)})",
              "a gradient-descent step, by central differences", mlp,
              [deltas, row_x, row_d](const Inputs& in) -> Value {
                const MatrixXd y0 = row_x(in);
                return MatrixXd(in.matrix("ctu.W1") - in.scalar("ctu.alpha") * y0.transpose() * deltas(in, y0, row_d(in))[1]);
              },
              [weights, row_x, row_d](const Inputs& in) -> Value {
                auto W = weights(in);
                const MatrixXd X = row_x(in), D = row_d(in);
                const MatrixXd g = fd([&](const MatrixXd& W1) {
                  auto w = W;
                  w[0] = W1;
                  return ctu_error_from(1, X * W1, w, D);
                }, W[0]);
                return MatrixXd(W[0] - in.scalar("ctu.alpha") * g);
              }});
  add(trace, {"ctu.batch_hidden", "Backpropagation Algorithm (Batch Variant)",
              "Δ_L = (f'(ξ_L) ∘ Δ_{L+1}) W_{L+1}ᵀ for the last hidden layer, L = 2, three samples",
              R"(\Delta_L = \left(f'(\xi_L) \circ \Delta_{L+1}\right) W_{L+1}^T)",
              R"(\frac{\partial E}{\partial \Xi_2} \text{ by central differences})", "central differences of E", mlp_batch,
              [weights, deltas, hadamard_fails](const Inputs& in) -> Value {
                const CtuPass p = ctu_forward(in.matrix("ctu.X"), weights(in));
                const MatrixXd d3 = deltas(in, in.matrix("ctu.X"), in.matrix("ctu.D"))[3];
                if (const auto fails = hadamard_fails(p, d3, 2)) return *fails;
                return MatrixXd(tanh_slope(p.Xi[2]).cwiseProduct(d3) * in.matrix("ctu.W3").transpose());
              },
              [fd_delta](const Inputs& in) -> Value { return fd_delta(in, 2, in.matrix("ctu.X"), in.matrix("ctu.D")); },
              R"(\Delta_L = f'(\Xi_L) \circ \left(\Delta_{L+1} \bar{W}_{L+1}^T\right))",
              "Δ_L = f'(Ξ_L) ∘ (Δ_{L+1} W̄_{L+1}ᵀ), W̄ without its bias row",
              [deltas](const Inputs& in) -> Value { return deltas(in, in.matrix("ctu.X"), in.matrix("ctu.D"))[2]; }});
  add(trace, {"ctu.batch_weights", "Backpropagation Algorithm (Batch Variant)",
              "W_L(t+1) = W_L(t) − α Y_{L−1}ᵀ Δ_L (L = 1, with the correct Δ₁)",
              R"(W_L(t+1) = W_L(t) - \alpha\, Y_{L-1}^T \Delta_L)",
              R"(W_1 - \alpha \frac{\partial E}{\partial W_1} \text{ (central differences)})",
              "a gradient-descent step on the batch, by central differences", mlp_batch,
              [deltas](const Inputs& in) -> Value {
                const MatrixXd& X = in.matrix("ctu.X");
                return MatrixXd(in.matrix("ctu.W1") - in.scalar("ctu.alpha") * X.transpose() * deltas(in, X, in.matrix("ctu.D"))[1]);
              },
              [weights](const Inputs& in) -> Value {
                auto W = weights(in);
                const MatrixXd X = in.matrix("ctu.X"), D = in.matrix("ctu.D");
                const MatrixXd g = fd([&](const MatrixXd& W1) { return ctu_error_from(1, X * W1, W, D); }, W[0]);
                return MatrixXd(W[0] - in.scalar("ctu.alpha") * g);
              }});
  add(trace, {"ctu.output_row", "Computing the Output – Matrix Form I (Single Input)",
              "y_L = (1 | z_L) for every layer, and the network output y = (y₁, …, y_m) = y_{L_max}",
              R"(\vec{y}_L = (1 \mid \vec{z}_L),\quad \vec{y} = (y_1, \ldots, y_m) = \vec{y}_{L_{max}})",
              R"(\text{the output of the library's Mlp on the same weights})", "the library's Mlp", mlp,
              [weights, row_x](const Inputs& in) -> Value {
                const CtuPass p = ctu_forward(row_x(in), weights(in));
                return VectorXd(with_bias_column(p.Y[3]).row(0).transpose());  // (1 | z_{L_max}), as printed
              },
              [weights](const Inputs& in) -> Value {
                std::vector<DenseLayer> layers;
                for (const MatrixXd& W : weights(in))  // CTU's W: (n+1, m), bias first row → W: (m, n), b: (m)
                  layers.push_back({without_bias_row(W).transpose(), W.row(0).transpose(), Activation::tanh()});
                return VectorXd(Mlp(layers).predict(in.vector("ctu.x")).col(0));
              },
              R"(\vec{y} = \vec{z}_{L_{max}})", "the output layer gets no bias neuron: y = z_{L_max} (m entries)",
              [weights, row_x](const Inputs& in) -> Value {
                return VectorXd(ctu_forward(row_x(in), weights(in)).Y[3].row(0).transpose());
              }});
  add(trace, {"ctu.animal_encoding", "Neural Network with a Single Layer of Neurons",
              "the encoded table: Small/Medium/Large → −1/0/1, None/Short/Long → −1/0/1, No/Yes → −1/1",
              R"(\text{(Size, Fur, Talks?) of the encoded table})",
              R"(\text{the encoding applied to the text table (Small, Short, No; Large, Long, No; …)})",
              "the encoding of the text table", {"animals.table", "animals.categories"},
              [](const Inputs& in) -> Value { return in.matrix("animals.table"); },
              [](const Inputs& in) -> Value { return encode_animals(in.matrix("animals.categories")); }});
  add(trace, {"ctu.animal_tables", "Neural Network with a Single Layer of Neurons",
              "the one-neuron table (Size, Fur, Speaks?) repeats the data table",
              R"(\text{(Size, Fur, Speaks?) of the "train a separate neuron" table})",
              R"(\text{the encoding applied to the text table})", "the encoding of the text table",
              {"animals.one_neuron", "animals.categories"},
              [](const Inputs& in) -> Value { return in.matrix("animals.one_neuron"); },
              [](const Inputs& in) -> Value { return encode_animals(in.matrix("animals.categories")); },
              R"(\text{row 2 (Large, Long, No: a Dog) has Size } = 1)",
              "row 2 is the Dog (Large, Long, No), so its Size is 1 as in the data table, not 0",
              [](const Inputs& in) -> Value {
                MatrixXd table = in.matrix("animals.one_neuron");
                const MatrixXd encoded = encode_animals(in.matrix("animals.categories"));
                for (Eigen::Index p = 0; p < table.rows(); ++p)
                  if (table(p, 0) != encoded(p, 0)) table(p, 0) = encoded(p, 0);  // the Size column, from the text
                return table;
              }});
}

// ---- PD ------------------------------------------------------------------------------------------

void pd_claims(Trace& trace) {
  trace.section("PD: Feed Forward Neural Networks (Padova)");
  const std::vector<std::string> perceptron = {"pd.phi", "pd.t", "pd.w", "pd.c"};
  const auto criterion = [](const MatrixXd& phi, const VectorXd& t, const VectorXd& w) {
    return (-(w.transpose() * phi).transpose().cwiseProduct(t)).cwiseMax(0.0).sum();  // J_p = Σ max(0, −wᵀφt)
  };
  const auto misclassified_sum = [](const Inputs& in, bool gradient) -> Value {
    const MatrixXd& phi = in.matrix("pd.phi");
    const VectorXd& t = in.vector("pd.t");
    const VectorXd& w = in.vector("pd.w");
    VectorXd g = VectorXd::Zero(w.size());
    double e = 0.0;
    for (Eigen::Index n = 0; n < phi.cols(); ++n)
      if (w.dot(phi.col(n)) * t[n] <= 0) {  // n ∈ M
        g -= phi.col(n) * t[n];
        e -= w.dot(phi.col(n)) * t[n];
      }
    if (gradient) return g;
    return e;
  };
  add(trace, {"pd.perceptron_gradient", "The perceptron algorithm (5/7)", "∇E_p(w) = −Σ_{n∈M} φ(x_n)t_n",
              R"(\nabla E_p(\mathbf{w}) = -\sum_{n \in \mathcal{M}} \phi(\mathbf{x}_n) t_n)",
              R"(\nabla J_p(\mathbf{w}) \text{ by central differences})", "central differences of J_p", perceptron,
              [misclassified_sum](const Inputs& in) -> Value { return misclassified_sum(in, true); },
              [criterion](const Inputs& in) -> Value {
                const MatrixXd phi = in.matrix("pd.phi");
                const VectorXd t = in.vector("pd.t");
                return numerical_gradient([&](const VectorXd& w) { return criterion(phi, t, w); }, in.vector("pd.w"));
              }});
  add(trace, {"pd.perceptron_criterion", "The perceptron algorithm (4/7)",
              "E_p(w) = −Σ_{n∈M} wᵀφ(x_n)t_n equals J_p(w) = Σ_n max(0, −wᵀφ(x_n)t_n)",
              R"(E_p(\mathbf{w}) = -\sum_{n \in \mathcal{M}} \mathbf{w}^T \phi(\mathbf{x}_n) t_n)",
              R"(J_p(\mathbf{w}) = \sum_n \max(0, -\mathbf{w}^T \phi(\mathbf{x}_n) t_n))", "J_p over all points", perceptron,
              [misclassified_sum](const Inputs& in) -> Value { return misclassified_sum(in, false); },
              [criterion](const Inputs& in) -> Value {
                return criterion(in.matrix("pd.phi"), in.vector("pd.t"), in.vector("pd.w"));
              }});
  const auto outputs = [](const MatrixXd& phi, const VectorXd& w) {
    return VectorXd((w.transpose() * phi).transpose().unaryExpr([](double a) { return sign(a); }));
  };
  add(trace, {"pd.perceptron_scaling", "The perceptron algorithm (6/7)",
              "y(x) is unchanged if we multiply w by a constant (here a negative c)",
              R"(f\left((c\mathbf{w})^T \phi(\mathbf{x}_n)\right) = f\left(\mathbf{w}^T \phi(\mathbf{x}_n)\right))",
              R"(f(\mathbf{w}^T \phi(\mathbf{x}_n)) \text{ for each } n)", "the outputs with w itself", perceptron,
              [outputs](const Inputs& in) -> Value {
                return outputs(in.matrix("pd.phi"), VectorXd(in.scalar("pd.c") * in.vector("pd.w")));
              },
              [outputs](const Inputs& in) -> Value { return outputs(in.matrix("pd.phi"), in.vector("pd.w")); },
              R"(f\left((|c|\mathbf{w})^T \phi(\mathbf{x}_n)\right) = f\left(\mathbf{w}^T \phi(\mathbf{x}_n)\right),\ c > 0)",
              "a positive constant only: c > 0 keeps every output; c < 0 flips every class",
              [outputs](const Inputs& in) -> Value {
                return outputs(in.matrix("pd.phi"), VectorXd(std::abs(in.scalar("pd.c")) * in.vector("pd.w")));
              }});
  add(trace, {"pd.hyperplane_distance", "Hyperplane geometry: bias",
              "the plane wᵀx + b = 0 lies at signed distance d = −b/‖w‖ along w",
              R"(d = -\frac{b}{\|\mathbf{w}\|})",
              R"(\frac{\mathbf{w}^T \mathbf{p}}{\|\mathbf{w}\|},\ \mathbf{p} = (-b/w_1, 0) \text{ on the plane})",
              "the projection onto w/‖w‖ of a point on the plane", {"plane.w", "plane.b"},
              [](const Inputs& in) -> Value { return -in.scalar("plane.b") / in.vector("plane.w").norm(); },
              [](const Inputs& in) -> Value {
                const VectorXd& w = in.vector("plane.w");
                VectorXd p = VectorXd::Zero(w.size());
                p[0] = -in.scalar("plane.b") / w[0];  // wᵀp + b = 0
                return w.dot(p) / w.norm();
              }});
  add(trace, {"pd.tanh_forms", "Hyperbolic tangent: tanh",
              "tanh(c) = (e^c − e^{−c})/(e^c + e^{−c}) and tanh(c) = 2σ(2c) − 1 (\"Problems of sigmoid (2/2)\")",
              R"(\left(\frac{e^c - e^{-c}}{e^c + e^{-c}},\ 2\sigma(2c) - 1\right))", R"((\tanh c, \tanh c))",
              "the library's tanh, twice", {"pd.points"},
              [](const Inputs& in) -> Value {
                const VectorXd& c = in.vector("pd.points");
                VectorXd out(2 * c.size());
                for (Eigen::Index i = 0; i < c.size(); ++i) {
                  out[i] = (std::exp(c[i]) - std::exp(-c[i])) / (std::exp(c[i]) + std::exp(-c[i]));
                  out[c.size() + i] = 2.0 / (1.0 + std::exp(-2.0 * c[i])) - 1.0;
                }
                return out;
              },
              [](const Inputs& in) -> Value {
                const VectorXd& c = in.vector("pd.points");
                VectorXd out(2 * c.size());
                out << tanh_of(c), tanh_of(c);
                return out;
              }});
  add(trace, {"pd.tanh_derivative", "Derivative of tanh",
              "f'(a) = ((e^a + e^{−a})² − (e^a − e^{−a})²)/(e^a + e^{−a})² = 1 − f(a)²",
              R"(\left(\frac{(e^{a} + e^{-a})^2 - (e^{a} - e^{-a})^2}{(e^{a} + e^{-a})^2},\ 1 - f(a)^2\right))",
              R"(\left(f'(a), f'(a)\right) \text{ by central differences})", "central differences of tanh, twice",
              {"pd.points"},
              [](const Inputs& in) -> Value {
                const VectorXd& a = in.vector("pd.points");
                VectorXd out(2 * a.size());
                for (Eigen::Index i = 0; i < a.size(); ++i) {
                  const double p = std::exp(a[i]) + std::exp(-a[i]), m = std::exp(a[i]) - std::exp(-a[i]);
                  out[i] = (p * p - m * m) / (p * p);
                  out[a.size() + i] = 1.0 - std::pow(m / p, 2);
                }
                return out;
              },
              [](const Inputs& in) -> Value {
                const VectorXd& a = in.vector("pd.points");
                VectorXd out(2 * a.size());
                for (Eigen::Index i = 0; i < a.size(); ++i)
                  out[i] = out[a.size() + i] = numerical_derivative([](double x) { return std::tanh(x); }, a[i]);
                return out;
              }});
  // "Problems of sigmoid (2/2)": a unit fed positive inputs (sigmoid outputs x₄ of the shared network)
  // gets a weight gradient δ x whose entries all share the sign of δ.
  add(trace, {"pd.zero_centred", "Problems of sigmoid (2/2)",
              "fed x > 0, the gradient on w is all positive or all negative: sign(∂E/∂w_kj) = sign(δ_k)",
              R"(\mathrm{sign}\left(\frac{\partial E}{\partial w_{kj}}\right) = \mathrm{sign}(\delta_k) \text{ for every } j)",
              R"(\mathrm{sign}\left(\frac{\partial L}{\partial W_2}\right) \text{ by central differences})",
              "the signs of central differences of L", {"net.x", "net.W1", "net.b1", "net.W2", "net.b2", "net.t"},
              [](const Inputs& in) -> Value {
                const Graph g = edi_graph(in.vector("net.x"), in.matrix("net.W1"), in.vector("net.b1"), in.matrix("net.W2"),
                                          in.vector("net.b2"));
                const VectorXd delta = softmax(g.x6) - in.vector("net.t");
                return MatrixXd(delta.unaryExpr([](double d) { return d > 0 ? 1.0 : -1.0; }) *
                                Eigen::RowVectorXd::Ones(g.x4.size()));
              },
              [](const Inputs& in) -> Value {
                const Eigen::Index c = class_of(in.vector("net.t"));
                return MatrixXd(fd([&](const MatrixXd& W2) {
                  return -log_softmax(edi_graph(in.vector("net.x"), in.matrix("net.W1"), in.vector("net.b1"), W2,
                                                in.vector("net.b2")).x6)[c];
                }, in.matrix("net.W2")).unaryExpr([](double d) { return d > 0 ? 1.0 : -1.0; }));
              }});
  add(trace, {"pd.dead_relu", "ReLU (2/2)",
              "if b ≪ 0 then c < 0 always, and the unit's gradient is zero: ∂(Σ_n ReLU(c_n))/∂w = 0",
              R"(c = \sum_j w_j x_j + b,\ b \ll 0 \Rightarrow \frac{\partial}{\partial \mathbf{w}} \sum_n \mathrm{ReLU}(c_n) = \mathbf{0})",
              R"(\frac{\partial}{\partial \mathbf{w}} \sum_n \mathrm{ReLU}(c_n) \text{ by central differences})",
              "central differences", {"relu.w", "relu.X", "relu.b"},
              [](const Inputs& in) -> Value { return VectorXd(VectorXd::Zero(in.vector("relu.w").size())); },
              [](const Inputs& in) -> Value {
                const MatrixXd X = in.matrix("relu.X");
                const double b = in.scalar("relu.b");
                return numerical_gradient(
                    [&](const VectorXd& w) {
                      return (X.transpose() * w).unaryExpr([b](double c) { return relu(c + b); }).sum();
                    },
                    in.vector("relu.w"));
              }});
  add(trace, {"pd.elu", "Exponential Linear: ELU",
              "ELU saturates for large negative values, \"allowing these values to be zero, leading to sparse "
              "activations\": #{ELU(c) = 0} at negative c",
              R"(\#\{n : \mathrm{ELU}(c_n) = 0\} = \#\{n\} \text{ for } c_n \ll 0 \text{ (sparse)})",
              R"(\#\{n : \alpha(e^{c_n} - 1) = 0\})", "ELU's definition (IC \"Activation functions\"), counted",
              {"elu.points", "elu.alpha"},
              [](const Inputs& in) -> Value { return static_cast<double>(in.vector("elu.points").size()); },
              [](const Inputs& in) -> Value {
                const double alpha = in.scalar("elu.alpha");
                return static_cast<double>(
                    (in.vector("elu.points").array().unaryExpr([alpha](double c) { return alpha * (std::exp(c) - 1.0); }) == 0.0)
                        .count());
              },
              R"(\mathrm{ELU}(c) = \alpha(e^{c} - 1) \to -\alpha \ne 0:\ \#\{n : \mathrm{ELU}(c_n) = 0\} = 0)",
              "ELU saturates at −α, never at 0: no activation is zero (only ReLU's are), so ELU is not sparse",
              [](const Inputs& in) -> Value {
                const double alpha = in.scalar("elu.alpha");
                return static_cast<double>(
                    (in.vector("elu.points").array().unaryExpr([alpha](double c) { return elu(c, alpha); }) == 0.0).count());
              },
              0.0});
  add(trace, {"pd.bce_nll", "Error & output functions: classification",
              "E(w) = −ln Π_n y_n^{t_n}(1 − y_n)^{1−t_n} = −Σ_n [t_n ln y_n + (1 − t_n) ln(1 − y_n)]",
              R"(E(\mathbf{w}) = -\ln \prod_{n=1}^N y_n^{t_n}(1 - y_n)^{1 - t_n})",
              R"(-\sum_{n=1}^N [t_n \ln y_n + (1 - t_n)\ln(1 - y_n)])", "N × the library's binary cross-entropy",
              {"batch.X", "batch.y", "neuron.w"},
              [](const Inputs& in) -> Value {
                const VectorXd y = sigmoid_of(VectorXd(in.matrix("batch.X") * in.vector("neuron.w")));
                const VectorXd& t = in.vector("batch.y");
                double likelihood = 1.0;
                for (Eigen::Index n = 0; n < y.size(); ++n) likelihood *= std::pow(y[n], t[n]) * std::pow(1 - y[n], 1 - t[n]);
                return -std::log(likelihood);
              },
              [](const Inputs& in) -> Value {
                const VectorXd y = sigmoid_of(VectorXd(in.matrix("batch.X") * in.vector("neuron.w")));
                return static_cast<double>(y.size()) * binary_cross_entropy(y, in.vector("batch.y"));
              },
              "", "", nullptr, 1e-10});
  const std::vector<std::string> graph = {"net.x", "net.W1", "net.b1", "net.W2", "net.b2", "net.t"};
  const auto logits = [](const Inputs& in) {
    return edi_graph(in.vector("net.x"), in.matrix("net.W1"), in.vector("net.b1"), in.matrix("net.W2"), in.vector("net.b2")).x6;
  };
  add(trace, {"pd.softmax_derivative", "Derivative of softmax (4/4)", "∂y_i/∂a_j = y_i(δ_ij − y_j)",
              R"(\frac{\partial y_i}{\partial a_j} = y_i(\delta_{ij} - y_j))",
              R"(\left[\frac{\partial y_i}{\partial a_j}\right] \text{ by central differences})",
              "central differences of softmax", graph,
              [logits](const Inputs& in) -> Value {
                const VectorXd y = softmax(logits(in));
                MatrixXd J(y.size(), y.size());
                for (Eigen::Index i = 0; i < y.size(); ++i)
                  for (Eigen::Index j = 0; j < y.size(); ++j) J(i, j) = y[i] * ((i == j ? 1.0 : 0.0) - y[j]);
                return J;
              },
              [logits](const Inputs& in) -> Value {
                const VectorXd a = logits(in);
                MatrixXd J(a.size(), a.size());
                for (Eigen::Index i = 0; i < a.size(); ++i)
                  J.row(i) = numerical_gradient([i](const VectorXd& v) { return softmax(v)[i]; }, a).transpose();
                return J;
              }});
  add(trace, {"pd.ce_derivative", "Derivative of cross-entropy loss (2/2)",
              "∂E_n/∂a_i = −t_i(1 − y_i) − Σ_{k≠i} t_k (1/y_k)(−y_k y_i) = y_i − t_i",
              R"(\frac{\partial E_n}{\partial a_i} = -t_i(1 - y_i) - \sum_{k \ne i} t_k \frac{1}{y_k}(-y_k y_i) = y_i - t_i)",
              R"(\frac{\partial E_n}{\partial \mathbf{a}} \text{ by central differences})", "central differences of E_n", graph,
              [logits](const Inputs& in) -> Value {
                const VectorXd y = softmax(logits(in));
                const VectorXd& t = in.vector("net.t");
                VectorXd g(y.size());
                for (Eigen::Index i = 0; i < y.size(); ++i) {
                  double sum = 0.0;
                  for (Eigen::Index k = 0; k < y.size(); ++k)
                    if (k != i) sum += t[k] / y[k] * (-y[k] * y[i]);
                  g[i] = -t[i] * (1.0 - y[i]) - sum;
                }
                return g;
              },
              [logits](const Inputs& in) -> Value {
                const VectorXd t = in.vector("net.t");
                return numerical_gradient([&](const VectorXd& a) { return softmax_cross_entropy(a, t); }, logits(in));
              }});
  // PD's regression network: tanh hidden nodes, linear output nodes, E_n = ½ Σ (y − t)², w_ik from i to k.
  const auto pd_pass = [](const Inputs& in) {
    return two_layer(in.vector("net.x"), in.matrix("net.W1"), in.vector("net.b1"), in.matrix("net.W2"),
                     in.vector("net.b2"), Activation::tanh(), Activation::identity());
  };
  const auto pd_error = [](const Inputs& in, const MatrixXd& W2) {
    const TwoLayer n = two_layer(in.vector("net.x"), in.matrix("net.W1"), in.vector("net.b1"), W2, in.vector("net.b2"),
                                 Activation::tanh(), Activation::identity());
    return 0.5 * (n.y - in.vector("net.t")).squaredNorm();
  };
  add(trace, {"pd.output_delta", "Error gradient: output nodes (3/3)", "linear output, square error: δ_i = y_i − t_i",
              R"(\delta_i = \frac{\partial E_n}{\partial a_i} = y_i - t_i)",
              R"(\frac{\partial E_n}{\partial a_i} \text{ by central differences})", "central differences of E_n", graph,
              [pd_pass](const Inputs& in) -> Value { return VectorXd(pd_pass(in).y - in.vector("net.t")); },
              [pd_pass](const Inputs& in) -> Value {
                const VectorXd t = in.vector("net.t");
                return numerical_gradient([&](const VectorXd& a) { return 0.5 * (a - t).squaredNorm(); }, pd_pass(in).a_out);
              }});
  //! [pd_hidden_delta]
  add(trace, {"pd.hidden_delta", "Backprop update", "tanh hidden nodes: δ_i = (1 − y_i²) Σ_{k>i} δ_k w_ik",
              R"(\delta_i = (1 - y_i^2) \sum_{k > i} \delta_k w_{ik})",
              R"(\frac{\partial E_n}{\partial a_i} \text{ by central differences})", "central differences of E_n", graph,
              [pd_pass](const Inputs& in) -> Value {
                const TwoLayer n = pd_pass(in);
                const VectorXd delta_k = n.y - in.vector("net.t");
                // w_ik runs from hidden i to output k: [w_ik] = W₂ᵀ
                return VectorXd((1.0 - n.z.array().square()).matrix().cwiseProduct(in.matrix("net.W2").transpose() * delta_k));
              },
              [pd_pass](const Inputs& in) -> Value {
                const MatrixXd W2 = in.matrix("net.W2");
                const VectorXd b2 = in.vector("net.b2"), t = in.vector("net.t");
                return numerical_gradient([&](const VectorXd& a) { return 0.5 * (W2 * tanh_of(a) + b2 - t).squaredNorm(); },
                                          pd_pass(in).a_hidden);
              }});
  //! [pd_hidden_delta]
  add(trace, {"pd.weight_gradient", "Partial derivatives wrt weights", "∂E_n/∂w_ij = δ_j y_i (hidden i → output j)",
              R"(\frac{\partial E_n(\mathbf{w})}{\partial w_{ij}} = \delta_j y_i)",
              R"(\frac{\partial E_n}{\partial w_{ij}} \text{ by central differences})", "central differences of E_n", graph,
              [pd_pass](const Inputs& in) -> Value {
                const TwoLayer n = pd_pass(in);
                return MatrixXd(n.z * (n.y - in.vector("net.t")).transpose());  // [i][j]
              },
              [pd_error](const Inputs& in) -> Value {
                return MatrixXd(fd([&](const MatrixXd& W2) { return pd_error(in, W2); }, in.matrix("net.W2")).transpose());
              }});
  add(trace, {"pd.momentum", "Momentum",
              "Δw(t) = −η∂E/∂w + αΔw(t−1): under a constant gradient the step grows to −η g/(1 − α)",
              R"(\Delta w(t) = -\eta\, g + \alpha\, \Delta w(t-1),\ t = 1 \ldots 300,\ \Delta w(0) = 0)",
              R"(-\frac{\eta\, g}{1 - \alpha})", "the geometric series' limit", {"momentum.g", "pd.eta", "pd.alpha"},
              [](const Inputs& in) -> Value {
                double step = 0.0;
                for (int t = 1; t <= 300; ++t) step = -in.scalar("pd.eta") * in.scalar("momentum.g") + in.scalar("pd.alpha") * step;
                return step;
              },
              [](const Inputs& in) -> Value {
                return -in.scalar("pd.eta") * in.scalar("momentum.g") / (1.0 - in.scalar("pd.alpha"));
              }});
}

// ---- IC ------------------------------------------------------------------------------------------

void ic_claims(Trace& trace) {
  trace.section("IC: Lecture 6, Artificial neural networks (Imperial)");
  const std::vector<std::string> data = {"ic.logits", "ic.labels"};
  const auto nll = [](const Inputs& in) {  // −(1/N) Σ_i log ŷ_{i, c_i}, by the library's log-softmax
    const MatrixXd& a = in.matrix("ic.logits");
    double sum = 0.0;
    for (Eigen::Index i = 0; i < a.cols(); ++i)
      sum += softmax_cross_entropy(VectorXd(a.col(i)), class_of(in.matrix("ic.labels").col(i)));
    return sum / static_cast<double>(a.cols());
  };
  add(trace, {"ic.cross_entropy", "Loss functions",
              "H_ŷ(y) := −(1/N) Σ_i Σ_j ŷ_i^(j) log y_i^(j) (y the one-hot labels, ŷ the prediction)",
              R"(H_{\hat{\mathbf{y}}}(\mathbf{y}) := -\frac{1}{N} \sum_{i=1}^N \sum_{j=1}^M \hat{y}_i^{(j)} \log(y_i^{(j)}))",
              R"(-\frac{1}{N}\sum_{i=1}^N \log p(y_i|x_i, \theta) = -\frac{1}{N}\sum_i \log \hat{y}_i^{(c_i)})",
              "the negative log-likelihood (IC's own \"Multiple target dimensions: classification\")", data,
              [](const Inputs& in) -> Value {
                // As written: the prediction ŷ weights log of the labels y. The library never takes log 0: a zero
                // label is read as 2.2e−308, so each such term counts as −log 2.2e−308 ≈ 708 instead of ∞.
                const MatrixXd& a = in.matrix("ic.logits");
                double sum = 0.0;
                for (Eigen::Index i = 0; i < a.cols(); ++i)
                  sum += cross_entropy(VectorXd(in.matrix("ic.labels").col(i)), softmax(VectorXd(a.col(i))));
                return sum / static_cast<double>(a.cols());
              },
              [nll](const Inputs& in) -> Value { return nll(in); },
              R"(H_{\mathbf{y}}(\hat{\mathbf{y}}) := -\frac{1}{N} \sum_{i=1}^N \sum_{j=1}^M y_i^{(j)} \log(\hat{y}_i^{(j)}))",
              "−(1/N) Σ_i Σ_j y_i^(j) log ŷ_i^(j): the labels weight the log of the prediction (as written, every "
              "zero label is log 0 = −∞, weighted by ŷ > 0: the loss is infinite; the library reads log 0 as −708)",
              [](const Inputs& in) -> Value {
                const MatrixXd& a = in.matrix("ic.logits");
                double sum = 0.0;
                for (Eigen::Index i = 0; i < a.cols(); ++i)
                  sum += cross_entropy(softmax(VectorXd(a.col(i))), VectorXd(in.matrix("ic.labels").col(i)));
                return sum / static_cast<double>(a.cols());
              }});
  const std::vector<std::string> regression = {"batch.X", "batch.y", "neuron.w", "ic.sigma2"};
  add(trace, {"ic.gaussian_nll", "Maximum likelihood: regression",
              "Σ_i −log p(y_i|x_i, θ) = (1/2σ²) Σ_i (y_i − f(x_i, θ))² + const, const = (N/2) log 2πσ²",
              R"(\sum_{i=1}^N -\log p(y_i|x_i,\theta) = \frac{1}{2\sigma^2}\sum_{i=1}^N (y_i - f(x_i,\theta))^2 + \frac{N}{2}\log 2\pi\sigma^2)",
              R"(-\sum_i \log \frac{1}{\sqrt{2\pi\sigma^2}} e^{-(y_i - f)^2/2\sigma^2})", "the Gaussian pdf, evaluated", regression,
              [](const Inputs& in) -> Value {
                const VectorXd r = in.vector("batch.y") - in.matrix("batch.X") * in.vector("neuron.w");
                const double s2 = in.scalar("ic.sigma2");
                return r.squaredNorm() / (2 * s2) + 0.5 * static_cast<double>(r.size()) * std::log(2 * std::numbers::pi * s2);
              },
              [](const Inputs& in) -> Value {
                const VectorXd r = in.vector("batch.y") - in.matrix("batch.X") * in.vector("neuron.w");
                const double s2 = in.scalar("ic.sigma2");
                double sum = 0.0;
                for (Eigen::Index i = 0; i < r.size(); ++i)
                  sum -= std::log(std::exp(-r[i] * r[i] / (2 * s2)) / std::sqrt(2 * std::numbers::pi * s2));
                return sum;
              },
              "", "", nullptr, 1e-10});
  add(trace, {"ic.sgd", "Stochastic gradient descent",
              "the minibatch gradient g = (1/N') Σ ∇L averages to ∇J over all minibatches (N = 4, N' = 2)",
              R"(\frac{1}{\binom{N}{N'}} \sum_{\text{minibatches}} \frac{1}{N'} \sum_{i=1}^{N'} \nabla_\theta L(\mathbf{x}_{n_i}, y_{n_i}, \theta))",
              R"(\nabla_\theta J(\theta),\ J = \frac{1}{N}\sum_i (y_i - \theta^T \mathbf{x}_i)^2, \text{ by central differences})",
              "central differences of J", {"batch.X", "batch.y", "neuron.w"},
              [](const Inputs& in) -> Value {
                const MatrixXd X = in.matrix("batch.X");
                const VectorXd y = in.vector("batch.y"), theta = in.vector("neuron.w");
                const auto grad_L = [&](Eigen::Index i) {  // ∇L_i by central differences
                  return numerical_gradient([&](const VectorXd& th) { return std::pow(y[i] - X.row(i).dot(th), 2); }, theta);
                };
                VectorXd mean = VectorXd::Zero(theta.size());
                int batches = 0;
                for (Eigen::Index i = 0; i < X.rows(); ++i)
                  for (Eigen::Index j = i + 1; j < X.rows(); ++j, ++batches) mean += (grad_L(i) + grad_L(j)) / 2.0;
                return VectorXd(mean / batches);
              },
              [](const Inputs& in) -> Value {
                const MatrixXd X = in.matrix("batch.X");
                const VectorXd y = in.vector("batch.y");
                return numerical_gradient(
                    [&](const VectorXd& th) { return (y - X * th).squaredNorm() / static_cast<double>(X.rows()); },
                    in.vector("neuron.w"));
              }});
  const std::vector<std::string> net = {"net.x", "net.W1", "net.b1", "net.W2", "net.b2", "net.t"};
  add(trace, {"ic.backprop", "Error backpropagation",
              "δ_j = σ'(a_j) Σ_{k∈↓j} w_kj δ_k, ∂E_i/∂w_jk = δ_j z_k, ∂E_i/∂b_j = δ_j (hidden layer, E_i = Σ(y − f)²)",
              R"(\left[\frac{\partial E_i}{\partial w_{jk}} \Big| \frac{\partial E_i}{\partial b_j}\right] = \left[\delta_j z_k \mid \delta_j\right],\ \delta_j = \sigma'(a_j)\sum_{k \in \downarrow j} w_{kj}\delta_k)",
              R"(\left[\frac{\partial E_i}{\partial W^{(1)}} \Big| \frac{\partial E_i}{\partial b^{(1)}}\right] \text{ by central differences})",
              "central differences of E_i", net,
              [](const Inputs& in) -> Value {
                const TwoLayer n = two_layer(in.vector("net.x"), in.matrix("net.W1"), in.vector("net.b1"), in.matrix("net.W2"),
                                             in.vector("net.b2"), Activation::sigmoid(), Activation::identity());
                const VectorXd delta_out = 2.0 * (n.y - in.vector("net.t"));  // ∂E_i/∂a for E_i = Σ(y − f)², f = a
                const VectorXd delta = sig_slope(n.z).cwiseProduct(in.matrix("net.W2").transpose() * delta_out);
                MatrixXd out(delta.size(), in.vector("net.x").size() + 1);
                out << delta * in.vector("net.x").transpose(), delta;
                return out;
              },
              [](const Inputs& in) -> Value {
                const auto E = [&](const MatrixXd& W1, const VectorXd& b1) {
                  const TwoLayer n = two_layer(in.vector("net.x"), W1, b1, in.matrix("net.W2"), in.vector("net.b2"),
                                               Activation::sigmoid(), Activation::identity());
                  return (in.vector("net.t") - n.y).squaredNorm();
                };
                const MatrixXd gW = fd([&](const MatrixXd& W1) { return E(W1, in.vector("net.b1")); }, in.matrix("net.W1"));
                const MatrixXd gb = fd([&](const MatrixXd& b1) { return E(in.matrix("net.W1"), VectorXd(b1)); },
                                       MatrixXd(in.vector("net.b1")));
                MatrixXd out(gW.rows(), gW.cols() + 1);
                out << gW, gb;
                return out;
              }});
  add(trace, {"ic.forward_index", "Forward and backward passes",
              "a_q = Σ_{j∈↑k} w_qj σ(a_j) + b_q (unit q = 4, whose upstream is {1, 3}; k = 3, upstream {1, 2})",
              R"(a_q = \sum_{j \in \uparrow k} w_{qj}\, z_j + b_q)",
              R"(a_4 = \sum_{j \in \uparrow 4} w_{4j} z_j + b_4 \text{ (IC's eq. (1), the forward pass)})",
              "IC's eq. (1), a_j = Σ_{k∈↑j} w_jk z_k + b_j", {"dag.w", "dag.x"},
              [](const Inputs& in) -> Value {
                const VectorXd& w = in.vector("dag.w");
                const VectorXd& x = in.vector("dag.x");
                // ↑3 = {1, 2}; there is no link 2 → 4, so w₄₂ = 0 (PD's convention for missing links)
                return w[2] * x[0] + 0.0 * x[1] + w[5];
              },
              [](const Inputs& in) -> Value {
                const VectorXd& w = in.vector("dag.w");
                const VectorXd& x = in.vector("dag.x");
                const double z3 = sigmoid(w[0] * x[0] + w[1] * x[1] + w[4]);  // a₃ = w₃₁z₁ + w₃₂z₂ + b₃
                return w[2] * x[0] + w[3] * z3 + w[5];                       // a₄ = w₄₁z₁ + w₄₃z₃ + b₄
              },
              R"(a_q = \sum_{j \in \uparrow q} w_{qj}\, \sigma(a_j) + b_q)", "the sum runs over ↑q, the units feeding q",
              [](const Inputs& in) -> Value {
                const VectorXd& w = in.vector("dag.w");
                const VectorXd& x = in.vector("dag.x");
                return w[2] * x[0] + w[3] * sigmoid(w[0] * x[0] + w[1] * x[1] + w[4]) + w[5];
              }});
}

}  // namespace

Trace errata(const ChapterOptions& options) {
  Trace trace("errata", "Errata: every formula the decks state, checked on numbers");
  trace
      .summary(std::string(
                   "Every formula the five decks state is evaluated as written, on numbers, and set beside an "
                   "independent computation: central differences, a closed form, or a verified piece of the "
                   "library. Each gets a verdict: it holds, or it does not, and then the corrected form is given "
                   "and shown to hold. Where a slide's shapes do not conform, the verdict names the shapes. ") +
               (options.seed ? "This variant draws every number from the seed except the slides' own tables "
                               "(CTU's animals), which are the subject of their candidates; the verdicts are the "
                               "same on every seed."
                             : "The numbers are the slides' where they print any (BMB's sigmoid neuron and "
                               "f = (x + y)z, BMB's ε = 10⁻⁴, CTU's animal tables and weather row); the rest are "
                               "ours, from the chapter's fixed stream."))
      .source("EDI", "000_7637ffcd816b0303.txt",
              {"Output of logistic sigmoid activation function", "Training single layer neural network with MSE (cont.)",
               "Another training criterion – cross-entropy error", "Other activation functions",
               "The derivatives of the error function (two-layers)", "Normalisation of output nodes - softmax",
               "Practical representations - computation graph", "Computation graph", "Computation graph (cont.)",
               "Computation graph – cross entropy layer"})
      .source("BMB", "001_86790086ad6a4e65.txt",
              {"Perceptron Learning", "Back-Propagation Derivation", "Backpropagation: Simple Example",
               "Backpropagation: Another Example", "Backpropagation Implementation", "Neural Networks Backpropagation",
               "Backpropagation Example", "Neural Networks Weight Update", "Implementational Details",
               "Training of Neural Network with Backpropagation"})
      .source("CTU", "002_ddd62baf13f113f4.txt",
              {"Reminder: Derivatives of Activation Functions", "What We Covered Last Time",
               "Single-Layer Neural Network with a Continuous Activation Function", "Cross-Entropy for Multiple Classes",
               "Linear Neural Network", "Motivation: Multi-Layer Perceptron", "Backpropagation – Adaptation Rules",
               "Backpropagation Algorithm (Matrix – Iterative Variant)", "Backpropagation Algorithm (Batch Variant)",
               "Computing the Output – Matrix Form I (Single Input)", "Neural Network with a Single Layer of Neurons"})
      .source("PD", "003_b5a9c74466967a6d.txt",
              {"The perceptron algorithm (4/7)", "The perceptron algorithm (5/7)", "The perceptron algorithm (6/7)",
               "Hyperplane geometry: bias", "Hyperbolic tangent: tanh", "Problems of sigmoid (2/2)", "ReLU (2/2)",
               "Exponential Linear: ELU", "Error & output functions: classification", "Derivative of softmax (4/4)",
               "Derivative of cross-entropy loss (2/2)", "Error gradient: output nodes (3/3)", "Backprop update",
               "Partial derivatives wrt weights", "Derivative of tanh", "Momentum"})
      .source("IC", "004_f167be6db553c350.txt",
              {"Loss functions", "Maximum likelihood: regression", "Stochastic gradient descent", "Error backpropagation",
               "Forward and backward passes"})
      .convention(
          "Each candidate is written in its own deck's notation and convention: EDI, PD and IC use column "
          "vectors with W of shape out×in and δ = ∂E/∂a; BMB uses W⁽ˡ⁾ of shape s_{l+1}×(s_l+1) with the bias "
          "as the first column, δ = (y − a)·g' (the negative of ∂J/∂z for J = ½(y − a)²), α for the learning "
          "rate and η for momentum; CTU uses row vectors y = xW with W of shape (n+1)×m, the bias as the first "
          "row, and δ = ∂E/∂ξ. \"As written\" evaluates the slide's formula literally on the chapter's numbers; "
          "\"independently\" is a central difference (step 10⁻⁵ unless the slide sets one), a closed form, or "
          "a verified library function. A formula holds when the two agree to a relative error of 10⁻⁶ (10⁻⁵ "
          "for the ε = 10⁻⁴ difference, 10⁻⁸ or tighter where both are closed forms). Matrices "
          "are compared entry by entry; a value of another shape does not hold.")
      .notation("\\text{as written}", "the slide's formula evaluated literally")
      .notation("\\bar{W}", "a weight matrix without its bias column (BMB) or bias row (CTU)")
      .notation("\\epsilon", "the central-difference step, 10⁻⁵")
      .notation("\\circ,\\ .*", "the element-wise (Hadamard) product")
      .seed(options.seed)
      .rounding({Rounding::Mode::significant, 4});

  Setting setting;
  if (options.seed) {
    Rng rng(*options.seed);
    setting = drawn(rng);
  } else {
    setting = lecture_setting();
  }
  for (const Param& p : parameters_of(setting)) trace.parameter(p.name, p.symbol, p.meaning, p.value);

  edi_claims(trace);
  bmb_claims(trace);
  ctu_claims(trace);
  pd_claims(trace);
  ic_claims(trace);

  // ---- the tally -----------------------------------------------------------------------------------
  //! [the_tally]
  trace.section("The tally");
  std::vector<std::string> candidates;  // every candidate's verdict step: the ids with a ".slide" beside them
  for (const Step& step : trace.steps())
    if (trace.has(step.id + ".slide")) candidates.push_back(step.id);
  trace.step("tally.candidates", "Candidates checked")
      .formula("\\#\\{\\text{candidates}\\}")
      .scalar(candidates, [candidates](const Inputs& in) -> Value {
        (void)in;
        return static_cast<double>(candidates.size());
      });
  trace.step("tally.not_holding", "Candidates that do not hold as written")
      .formula("\\#\\{\\text{candidates that do not hold}\\}")
      .scalar(candidates, [candidates](const Inputs& in) -> Value {
        return static_cast<double>(std::count_if(candidates.begin(), candidates.end(),
                                                 [&](const std::string& id) { return !in.verdict(id).holds; }));
      });
  std::vector<std::string> corrections;  // the corrected forms' verdicts
  for (const std::string& id : candidates)
    if (trace.has(id + ".corrected_holds")) corrections.push_back(id + ".corrected_holds");
  trace.step("tally.corrected", "Every corrected form holds")
      .formula("\\text{every corrected form holds}")
      .verdict(corrections, [corrections](const Inputs& in) -> Value {
        std::string failing;
        for (const std::string& id : corrections)
          if (!in.verdict(id).holds) failing += (failing.empty() ? "" : ", ") + id;
        return Verdict{failing.empty(), failing.empty() ? fmt::format("all {} corrected forms hold", corrections.size())
                                                        : "these do not: " + failing};
      });
  //! [the_tally]
  return trace;
}

}  // namespace nnwb::chapters
