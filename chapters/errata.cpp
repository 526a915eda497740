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
// One file per deck holds its candidates (errata_edi.cpp, errata_bmb.cpp, errata_ctu.cpp,
// errata_pd.cpp, errata_ic.cpp), errata_parts.hpp what they share and the steps each candidate
// makes; this file draws the numbers and tallies the verdicts.
#include "errata_parts.hpp"

namespace nnwb::chapters {
namespace errata_parts {  // the chapter's sections and what they share

using namespace errata_parts;

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
  for (Eigen::Index n = 0; n < samples; ++n) m(rng.index(0, classes - 1), n) = 1.0;
  return m;
}
MatrixXd nonzero(Rng& rng, Eigen::Index rows, Eigen::Index cols, double lo, double hi) {
  MatrixXd m(rows, cols);
  for (Eigen::Index i = 0; i < rows; ++i)
    for (Eigen::Index j = 0; j < cols; ++j) m(i, j) = rng.nonzero_decimal(lo, hi, 1);
  return m;
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
}  // namespace errata_parts

Trace errata(const ChapterOptions& options) {
  using namespace errata_parts;
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
