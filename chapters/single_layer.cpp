// Chapter 13, single_layer: a single layer of neurons with several outputs, trained by gradient
// descent, on CTU's animal example. Lectures: CTU "What We Covered Last Time" (Preprocessing of
// Categorical Data: ordinal (label) encoding, one-hot encoding, Red → [1, −1, −1]), "Neural Network
// with a Single Layer of Neurons" (the animal table Size, Fur, Talks? → Cat, Dog, Parrot, Carp;
// y⃗ = f(ξ⃗) = f(x⃗W), Y = f(Ξ) = f(XW), W: (n+1)×m with the biases in its first row),
// "Single-Layer Neural Network with a Continuous Activation Function" (E_SSE, ∂E_p/∂w_ij and the
// three update rules: single weight, single neuron, whole matrix W(t+1) = W(t) + α x⃗ᵀ[f'(ξ⃗) ∘
// (d⃗ − y⃗)]; the batch version), "General Gradient Descent Algorithm (GD)", "General Batch Gradient
// Descent Algorithm (Batch GD)", "Linear Classification into Multiple Classes (Pattern
// Recognition)" (tanh neurons, one per class; argmax or softmax picks the winner); EDI
// "Single-layer network with multiple output nodes", "Training of single-layer network with
// multiple output nodes", "The derivatives of the error function (single-layer)" (the same layer
// with W transposed).
// The animal table and its encodings are the slides'; W(0), α and the number of epochs are ours.
// The slides disagree on the Dog row: see the section "The Dog row" below.
#include <fmt/format.h>

#include <Eigen/LU>

#include <cmath>
#include <string>
#include <vector>

#include "chapters.hpp"
#include "nnwb/activations.hpp"
#include "nnwb/gradient_check.hpp"
#include "nnwb/least_squares.hpp"
#include "nnwb/random.hpp"
#include "nnwb/single_layer.hpp"
#include "nnwb/softmax.hpp"

namespace nnwb::chapters {
namespace single_layer_parts {  // the chapter's sections and what they share

// Batch epochs run to train the layer.
constexpr int training_epochs = 100;
// The categories, in the order their levels are numbered (k = 0, 1, …).
const std::vector<std::string> size_levels = {"Small", "Medium", "Large"};
const std::vector<std::string> fur_levels = {"None", "Short", "Long"};
const std::vector<std::string> talks_levels = {"No", "Yes"};
const std::vector<std::string> classes = {"Cat", "Dog", "Parrot", "Carp"};
const Eigen::Index levels_per_feature[] = {3, 3, 2};

// The layer's neurons: tanh, so that ±1 targets are reachable (CTU: "if using sigmoid, the target
// outputs must be binary-coded").
Activation tanh_unit() { return Activation::tanh(); }

// CTU's animal table as category numbers: Size, Fur, Talks?, Class, one animal per row.
Eigen::MatrixXd animal_table() {
  Eigen::MatrixXd table(4, 4);
  // clang-format off
  table << 0, 1, 0, 0,   // Small,  Short, No  → Cat
           2, 2, 0, 1,   // Large,  Long,  No  → Dog
           0, 0, 1, 2,   // Small,  None,  Yes → Parrot
           1, 1, 0, 0;   // Medium, Short, No  → Cat
  // clang-format on
  return table;
}

// Ordinal (label) encoding normalised to [−1, 1]: level k of L becomes −1 + 2k/(L − 1), so
// Small, Medium, Large → −1, 0, 1 and No, Yes → −1, 1, as the slide's table has them.
// categories: (N, 3) → (N, 3)
Eigen::MatrixXd ordinal_inputs(const Eigen::MatrixXd& categories) {
  Eigen::MatrixXd inputs(categories.rows(), 3);
  for (Eigen::Index p = 0; p < categories.rows(); ++p)
    for (Eigen::Index i = 0; i < 3; ++i)
      inputs(p, i) = -1.0 + 2.0 * categories(p, i) / static_cast<double>(levels_per_feature[i] - 1);
  return inputs;
}

// One-hot encoding with the given "off" value: 0 for binary coding, −1 for CTU's ±1 coding.
// class numbers: (N) → (N, m)
Eigen::MatrixXd one_hot_rows(const Eigen::VectorXd& class_numbers, Eigen::Index m, double off) {
  Eigen::MatrixXd d = Eigen::MatrixXd::Constant(class_numbers.size(), m, off);
  for (Eigen::Index p = 0; p < class_numbers.size(); ++p) d(p, static_cast<Eigen::Index>(class_numbers[p])) = 1.0;
  return d;
}

// Batch gradient descent for a number of epochs. X: (N, n+1), W: (n+1, m), D: (N, m)
Eigen::MatrixXd train_batch(const Eigen::MatrixXd& x, Eigen::MatrixXd w, const Eigen::MatrixXd& d, double alpha,
                            int epochs) {
  for (int e = 0; e < epochs; ++e) w = single_layer_batch_step(x, w, d, tanh_unit(), alpha);
  return w;
}

// The winning class of each row, numbered from 1 as CTU numbers neurons (j = 1 … m). → (N)
Eigen::VectorXd winners(const Eigen::MatrixXd& y) {
  const std::vector<Eigen::Index> k = winning_classes(y);
  Eigen::VectorXd numbers(static_cast<Eigen::Index>(k.size()));
  for (std::size_t p = 0; p < k.size(); ++p) numbers[static_cast<Eigen::Index>(p)] = static_cast<double>(k[p] + 1);
  return numbers;
}

// How many rows' winners differ from their class (numbered from 0, as in the table).
int misclassified(const Eigen::VectorXd& winners_from_1, const Eigen::VectorXd& class_numbers) {
  int wrong = 0;
  for (Eigen::Index p = 0; p < class_numbers.size(); ++p) wrong += winners_from_1[p] != class_numbers[p] + 1.0;
  return wrong;
}

struct Setting {
  Eigen::MatrixXd w;  // W(0): (n+1, m)
  double alpha = 0.1;
};

Setting default_setting() {
  // "Small random real values": ours, written out.
  Setting s;
  s.w.resize(4, 4);
  // clang-format off
  s.w <<  0.1, -0.2,  0.0,  0.1,
          0.2,  0.1, -0.1, -0.2,
         -0.1,  0.2,  0.1,  0.0,
          0.0, -0.1,  0.2,  0.1;
  // clang-format on
  s.alpha = 0.1;
  return s;
}

Setting drawn_setting(std::uint64_t seed) {
  Rng rng(seed);
  Setting s;
  s.w = rng.decimals(4, 4, -0.5, 0.5, 1);
  s.alpha = rng.decimal(0.05, 0.2, 2);
  return s;
}

std::string level_names(const std::vector<std::string>& levels) {
  std::string text;
  for (std::size_t k = 0; k < levels.size(); ++k) text += fmt::format("{}{} = {}", k ? ", " : "", levels[k], k);
  return text;
}

// ---- the sections, in reading order --------------------------------------------------------------

// Categorical encodings (CTU "Preprocessing of Categorical Data").
void categorical_encodings(Trace& trace) {
  trace.section("Encoding the categories");
  trace
      .step("enc.inputs",
            "Ordinal encoding of Size, Fur and Talks?, normalised to $[-1, 1]$: level k of L becomes "
            "$-1 + 2k/(L-1)$")
      .formula("x_{pi} = -1 + \\frac{2 k_{pi}}{L_i - 1}")
      .slide("[[-1, 0, -1], [1, 1, -1], [-1, -1, 1], [0, 0, -1]]")
      .compute({"animals"}, [](const Inputs& in) -> Value {
        return ordinal_inputs(in.matrix("animals").leftCols(3));  // (N, 3)
      });
  trace
      .step("enc.class_label",
            "Ordinal (label) encoding of the class, one number per animal: it would invent an order Cat < Dog < "
            "Parrot < Carp, so it suits ordered categories only")
      .formula("c_p \\in \\{0, 1, 2, 3\\}")
      .compute({"animals"}, [](const Inputs& in) -> Value { return Eigen::VectorXd(in.matrix("animals").col(3)); });
  trace.step("enc.class_onehot", "One-hot encoding of the class with 0 and 1 (the binary coding a sigmoid layer needs)")
      .formula("d_{pj} = [\\,j = c_p + 1\\,] \\in \\{0, 1\\}")
      .compute({"enc.class_label"}, [](const Inputs& in) -> Value {
        return one_hot_rows(in.vector("enc.class_label"), static_cast<Eigen::Index>(classes.size()), 0.0);
      });
  trace.step("enc.d", "One-hot encoding with $\\pm 1$ (CTU: Red → [1, −1, −1]): the targets $D$ of the tanh layer")
      .formula("d_{pj} = 2[\\,j = c_p + 1\\,] - 1 \\in \\{-1, 1\\}")
      .numbers("2 [[enc.class_onehot]] - 1")
      .slide("[[1, -1, -1, -1], [-1, 1, -1, -1], [-1, -1, 1, -1], [1, -1, -1, -1]]")
      .compute({"enc.class_onehot"}, [](const Inputs& in) -> Value {
        return Eigen::MatrixXd(2.0 * in.matrix("enc.class_onehot").array() - 1.0);  // 0 → −1, 1 → 1
      });
  trace.step("enc.x", "The input matrix $X$ with the bias input $x_{p0} = 1$ first")
      .formula("X = \\begin{pmatrix} 1 & x_{11} & \\dots & x_{1n} \\\\ \\dots \\\\ 1 & x_{N1} & \\dots & x_{Nn} \\end{pmatrix}")
      .compute({"enc.inputs"}, [](const Inputs& in) -> Value {
        return with_bias_column(in.matrix("enc.inputs"));  // X: (N, n+1)
      });
}

// One sample through the layer (CTU "Neural Network with a Single Layer of Neurons").
void one_sample_through_the_layer(Trace& trace) {
  trace.section("One sample through the layer: the first cat");
  //! [one_sample_through_the_layer]
  trace.step("one.x", "The first sample $\\vec{x}_1$ (a row of $X$)")
      .formula("\\vec{x}_1 = (1, x_{11}, x_{12}, x_{13})")
      .compute({"enc.x"}, [](const Inputs& in) -> Value { return Eigen::VectorXd(in.matrix("enc.x").row(0).transpose()); });
  trace.step("one.d", "Its desired outputs $\\vec{d}_1$")
      .formula("\\vec{d}_1 = (d_{11}, \\dots, d_{1m})")
      .compute({"enc.d"}, [](const Inputs& in) -> Value { return Eigen::VectorXd(in.matrix("enc.d").row(0).transpose()); });
  trace.step("one.xi", "The potentials $\\vec{\\xi} = \\vec{x}W$, one per neuron")
      .formula("\\xi_j = \\sum_{i=0}^{n} x_i w_{ij}, \\quad \\vec{\\xi} = \\vec{x} W")
      .numbers("[[one.x]] [[w_start]]")
      .compute({"one.x", "w_start"}, [](const Inputs& in) -> Value {
        return single_layer_potential(in.vector("one.x"), in.matrix("w_start"));  // (m)
      });
  trace.step("one.y", "The outputs $\\vec{y} = f(\\vec{\\xi})$")
      .formula("\\vec{y} = f(\\vec{\\xi}) = (f(\\xi_1), \\dots, f(\\xi_m))")
      .numbers("\\tanh([[one.xi]])")
      .compute({"one.xi"}, [](const Inputs& in) -> Value {
        return Eigen::VectorXd(tanh_unit().value(Eigen::MatrixXd(in.vector("one.xi"))));
      });
  trace.step("one.fprime", "The slopes $f'(\\vec{\\xi}) = 1 - \\vec{y} \\circ \\vec{y}$")
      .formula("f'(\\xi_j) = 1 - \\tanh^2(\\xi_j) = 1 - y_j^2")
      .compute({"one.y"}, [](const Inputs& in) -> Value {
        return Eigen::VectorXd(1.0 - in.vector("one.y").array().square());
      });
  trace.step("one.e", "The sample's error $E_p$")
      .formula("E_p(W) = \\frac{1}{2} \\sum_{j=1}^{m} (d_{pj} - y_{pj})^2")
      .numbers("\\frac{1}{2} \\lVert [[one.d]] - [[one.y]] \\rVert^2")
      .compute({"one.x", "w_start", "one.d"}, [](const Inputs& in) -> Value {
        return single_layer_sample_error(in.vector("one.x"), in.matrix("w_start"), in.vector("one.d"), tanh_unit());
      });
  trace.step("one.signal", "Each neuron's error times its slope, $f'(\\vec{\\xi}) \\circ (\\vec{d} - \\vec{y})$")
      .formula("f'(\\vec{\\xi}) \\circ (\\vec{d} - \\vec{y})")
      .numbers("[[one.fprime]] \\circ ([[one.d]] - [[one.y]])")
      .compute({"one.fprime", "one.d", "one.y"}, [](const Inputs& in) -> Value {
        return Eigen::VectorXd(in.vector("one.fprime").cwiseProduct(in.vector("one.d") - in.vector("one.y")));
      });
  trace.step("one.grad", "The gradient $\\partial E_p/\\partial W$: every $\\partial E_p/\\partial w_{ij}$ at once")
      .formula(
          "\\frac{\\partial E_p}{\\partial w_{ij}} = \\frac{\\partial E_p}{\\partial y_{pj}} \\frac{\\partial "
          "y_{pj}}{\\partial \\xi_{pj}} \\frac{\\partial \\xi_{pj}}{\\partial w_{ij}} = -(d_{pj} - y_{pj}) "
          "f'(\\xi_{pj}) x_{pi}, \\quad \\frac{\\partial E_p}{\\partial W} = -\\vec{x}^\\top [f'(\\vec{\\xi}) \\circ "
          "(\\vec{d} - \\vec{y})]")
      .numbers("-[[one.x]]^\\top [[one.signal]]")
      .compute({"one.x", "w_start", "one.d"}, [](const Inputs& in) -> Value {
        return single_layer_sample_gradient(in.vector("one.x"), in.matrix("w_start"), in.vector("one.d"), tanh_unit());
      });
  trace.claim_gradient("one.grad", "one.e", "w_start");
  //! [one_sample_through_the_layer]
}

// The three update rules (CTU "Training Using Gradient Descent").
void three_update_rules(Trace& trace) {
  trace.section("Three update rules, one online step");
  //! [three_update_rules]
  trace.step("rule.weight", "Update rule for a single weight, applied to each $w_{ij}$ in turn")
      .formula("w_{ij}(t+1) = w_{ij}(t) + \\alpha_t (d_{tj} - y_{tj}) f'(\\xi_{tj}) x_{ti}")
      .compute({"one.x", "w_start", "one.d", "alpha"}, [](const Inputs& in) -> Value {
        return single_layer_online_step(in.vector("one.x"), in.matrix("w_start"), in.vector("one.d"), tanh_unit(),
                                        in.scalar("alpha"), UpdateRule::per_weight);
      });
  trace.step("rule.neuron", "Update rule for a single neuron, applied to each column $\\vec{w}_j$ in turn")
      .formula("\\vec{w}_j(t+1) = \\vec{w}_j(t) + \\alpha_t (d_{tj} - y_{tj}) f'(\\xi_{tj}) \\vec{x}_t^\\top")
      .compute({"one.x", "w_start", "one.d", "alpha"}, [](const Inputs& in) -> Value {
        return single_layer_online_step(in.vector("one.x"), in.matrix("w_start"), in.vector("one.d"), tanh_unit(),
                                        in.scalar("alpha"), UpdateRule::per_neuron);
      });
  trace.step("rule.matrix", "Update rule for the whole layer: one outer product")
      .formula("W(t+1) = W(t) + \\alpha_t \\vec{x}_t^\\top [f'(\\vec{\\xi}_t) \\circ (\\vec{d}_t - \\vec{y}_t)]")
      .numbers("[[w_start]] + [[alpha]] \\cdot [[one.x]]^\\top [[one.signal]]")
      .compute({"one.x", "w_start", "one.d", "alpha"}, [](const Inputs& in) -> Value {
        return single_layer_update(in.vector("one.x"), in.matrix("w_start"), in.vector("one.d"), tanh_unit(),
                                   in.scalar("alpha"));
      });
  trace.step("rule.agree", "The three rules give the same $W(t+1)$, a step against the gradient")
      .formula("W(t+1) = W(t) - \\alpha \\frac{\\partial E_p}{\\partial W}")
      .numbers("[[rule.weight]] = [[rule.neuron]] = [[rule.matrix]]")
      .compute({"rule.weight", "rule.neuron", "rule.matrix", "w_start", "alpha", "one.grad"}, [](const Inputs& in) -> Value {
        const Eigen::MatrixXd& by_matrix = in.matrix("rule.matrix");
        const Eigen::MatrixXd descent = in.matrix("w_start") - in.scalar("alpha") * in.matrix("one.grad");
        const double gap = std::max({(in.matrix("rule.weight") - by_matrix).cwiseAbs().maxCoeff(),
                                     (in.matrix("rule.neuron") - by_matrix).cwiseAbs().maxCoeff(),
                                     (descent - by_matrix).cwiseAbs().maxCoeff()});
        return Verdict{gap <= 1e-15, fmt::format("the largest difference is {:.1e}: entry (i, j) of the outer product "
                                                 "x⃗ᵀ[f'(ξ⃗) ∘ (d⃗ − y⃗)] is x_i f'(ξ_j)(d_j − y_j), the single-weight rule",
                                                 gap)};
      });
  //! [three_update_rules]
}

// EDI's convention: the same gradient, transposed.
void edi_convention(Trace& trace) {
  trace.section("The same gradient in EDI's convention");
  //! [same_gradient_in_edi_convention]
  trace.step("edi.w", "EDI's weight matrix: one row per output node, $W_{\\text{EDI}} = W^\\top$")
      .formula("W_{\\text{EDI}} = \\begin{pmatrix} w_{10} & \\dots & w_{1d} \\\\ \\vdots & & \\vdots \\\\ w_{K0} & \\dots & w_{Kd} \\end{pmatrix} = W^\\top")
      .compute({"w_start"}, [](const Inputs& in) -> Value { return Eigen::MatrixXd(in.matrix("w_start").transpose()); });
  trace.step("edi.e", "EDI's $E_n$ computed with $\\mathbf{y} = g(W_{\\text{EDI}}\\mathbf{x})$")
      .formula("E_n = \\frac{1}{2} \\sum_{k=1}^{K} (\\hat{y}_{nk} - y_{nk})^2, \\quad \\hat{y}_{nk} = g(a_{nk}), \\quad a_{nk} = \\sum_{i=0}^{D} w_{ki} x_{ni}")
      .compute({"edi.w", "one.x", "one.d"}, [](const Inputs& in) -> Value {
        const Eigen::VectorXd a = in.matrix("edi.w") * in.vector("one.x");  // a = W_EDI x: (K)
        return 0.5 * (Eigen::VectorXd(tanh_unit().value(Eigen::MatrixXd(a))) - in.vector("one.d")).squaredNorm();
      });
  trace.step("edi.grad", "EDI's derivatives $\\partial E_n/\\partial w_{ki}$, one output node per row")
      .formula("\\frac{\\partial E_n}{\\partial w_{ki}} = (\\hat{y}_{nk} - y_{nk}) g'(a_{nk}) x_{ni}")
      .compute({"edi.w", "one.x", "one.d"}, [](const Inputs& in) -> Value {
        const Eigen::MatrixXd& w = in.matrix("edi.w");
        const Eigen::VectorXd &x = in.vector("one.x"), &t = in.vector("one.d");
        Eigen::MatrixXd grad(w.rows(), w.cols());  // (K, D+1)
        for (Eigen::Index k = 0; k < w.rows(); ++k) {
          const double a = w.row(k).dot(x);  // a_nk = Σ_i w_ki x_ni
          for (Eigen::Index i = 0; i < w.cols(); ++i)
            grad(k, i) = (tanh_unit().value(a) - t[k]) * tanh_unit().derivative(a) * x[i];  // (ŷ − y) g'(a) x_i
        }
        return grad;
      });
  trace.claim_gradient("edi.grad", "edi.e", "edi.w");
  trace.step("edi.same", "EDI's gradient is CTU's, transposed")
      .formula("\\frac{\\partial E_n}{\\partial W_{\\text{EDI}}} = \\Big(\\frac{\\partial E_p}{\\partial W}\\Big)^\\top")
      .compute({"edi.grad", "one.grad"}, [](const Inputs& in) -> Value {
        const double gap = (in.matrix("edi.grad") - in.matrix("one.grad").transpose()).cwiseAbs().maxCoeff();
        return Verdict{gap <= 1e-15, fmt::format("the largest difference is {:.1e}: (ŷ − y) is −(d − y) in CTU's letters", gap)};
      });
  //! [same_gradient_in_edi_convention]
}

// Online: one epoch (CTU "General Gradient Descent Algorithm (GD)").
void online_epoch(Trace& trace) {
  trace.section("Online gradient descent: one epoch, sample by sample");
  //! [online_gradient_descent]
  std::string w_prev = "w_start";
  for (Eigen::Index p = 0; p < 4; ++p) {
    const std::string w = fmt::format("online.s{}.w", p + 1);
    trace.step(w, fmt::format("Sample {} ({}): $W$ after its update", p + 1, p == 1 ? "the dog" : p == 2 ? "the parrot" : "a cat"))
        .formula(fmt::format("\\vec{{\\xi}}_{0} = \\vec{{x}}_{0} W, \\ \\vec{{y}}_{0} = f(\\vec{{\\xi}}_{0}), \\ "
                             "W \\leftarrow W + \\alpha \\vec{{x}}_{0}^\\top [f'(\\vec{{\\xi}}_{0}) \\circ (\\vec{{d}}_{0} - \\vec{{y}}_{0})]",
                             p + 1))
        .compute({"enc.x", "enc.d", "alpha", w_prev}, [p, w_prev](const Inputs& in) -> Value {
          return single_layer_update(in.matrix("enc.x").row(p).transpose(), in.matrix(w_prev),
                                     in.matrix("enc.d").row(p).transpose(), tanh_unit(), in.scalar("alpha"));
        });
    w_prev = w;
  }
  trace.step("online.e", "The error $E_{SSE}$ after the online epoch")
      .formula("E_{SSE}(W) = \\frac{1}{2} \\sum_{j=1}^{m} \\sum_{p=1}^{N} (d_{pj} - y_{pj})^2")
      .compute({"enc.x", "enc.d", w_prev}, [w_prev](const Inputs& in) -> Value {
        return single_layer_sse(in.matrix("enc.x"), in.matrix(w_prev), in.matrix("enc.d"), tanh_unit());
      });
  //! [online_gradient_descent]
}

// Batch (CTU "General Batch Gradient Descent Algorithm (Batch GD)").
void batch_epoch(Trace& trace) {
  trace.section("Batch gradient descent: all samples at once");
  //! [batch_gradient_descent]
  trace.step("batch.xi", "The potentials of all samples, $\\Xi = XW$")
      .formula("\\Xi = X W")
      .compute({"enc.x", "w_start"}, [](const Inputs& in) -> Value {
        return single_layer_potentials(in.matrix("enc.x"), in.matrix("w_start"));  // (N, m)
      });
  trace.step("batch.y", "The outputs of all samples, $Y = f(\\Xi)$")
      .formula("Y = f(\\Xi)")
      .compute({"batch.xi"}, [](const Inputs& in) -> Value { return tanh_unit().value(in.matrix("batch.xi")); });
  trace.step("batch.e", "The error $E_{SSE}(W(0))$")
      .formula("E_{SSE}(W) = \\sum_{p=1}^{N} E_p(W) = \\frac{1}{2} \\sum_{j=1}^{m} \\sum_{p=1}^{N} (d_{pj} - y_{pj})^2")
      .numbers("\\frac{1}{2} \\lVert [[enc.d]] - [[batch.y]] \\rVert^2")
      .compute({"enc.x", "w_start", "enc.d"}, [](const Inputs& in) -> Value {
        return single_layer_sse(in.matrix("enc.x"), in.matrix("w_start"), in.matrix("enc.d"), tanh_unit());
      });
  trace.step("batch.grad", "The batch gradient $\\partial E_{SSE}/\\partial W$")
      .formula("\\frac{\\partial E_{SSE}}{\\partial W} = -X^\\top [f'(\\Xi) \\circ (D - Y)]")
      .numbers("-X^\\top [(1 - [[batch.y]]^{\\circ 2}) \\circ ([[enc.d]] - [[batch.y]])]")
      .compute({"enc.x", "w_start", "enc.d"}, [](const Inputs& in) -> Value {
        return single_layer_sse_gradient(in.matrix("enc.x"), in.matrix("w_start"), in.matrix("enc.d"), tanh_unit());
      });
  trace.claim_gradient("batch.grad", "batch.e", "w_start");
  trace.step("batch.is_sum", "The batch gradient is the sum of the samples' gradients, not their mean")
      .formula("\\frac{\\partial E_{SSE}}{\\partial W} = \\sum_{p=1}^{N} \\frac{\\partial E_p}{\\partial W} = -\\sum_{p=1}^{N} \\vec{x}_p^\\top [f'(\\vec{\\xi}_p) \\circ (\\vec{d}_p - \\vec{y}_p)]")
      .compute({"enc.x", "w_start", "enc.d", "batch.grad"}, [](const Inputs& in) -> Value {
        const Eigen::MatrixXd &x = in.matrix("enc.x"), &d = in.matrix("enc.d"), &w = in.matrix("w_start");
        Eigen::MatrixXd sum = Eigen::MatrixXd::Zero(w.rows(), w.cols());
        for (Eigen::Index p = 0; p < x.rows(); ++p)
          sum += single_layer_sample_gradient(x.row(p).transpose(), w, d.row(p).transpose(), tanh_unit());
        const double gap = max_relative_error(sum, in.matrix("batch.grad"));
        return Verdict{gap <= 1e-12, fmt::format("they agree to {:.1e}: row p of X meets row p of f'(Ξ) ∘ (D − Y), "
                                                 "and XᵀM adds up the N outer products; E_SSE is a sum, so no 1/N",
                                                 gap)};
      });
  trace.step("batch.w", "The batch update $W(1)$")
      .formula("W(t+1) = W(t) + \\alpha_t X^\\top [f'(\\Xi_t) \\circ (D - Y_t)]")
      .numbers("[[w_start]] - [[alpha]] \\cdot [[batch.grad]]")
      .compute({"w_start", "alpha", "batch.grad"}, [](const Inputs& in) -> Value {
        return Eigen::MatrixXd(in.matrix("w_start") - in.scalar("alpha") * in.matrix("batch.grad"));
      });
  trace.step("batch.e1", "The error after the batch update")
      .formula("E_{SSE}(W(1))")
      .compute({"enc.x", "batch.w", "enc.d"}, [](const Inputs& in) -> Value {
        return single_layer_sse(in.matrix("enc.x"), in.matrix("batch.w"), in.matrix("enc.d"), tanh_unit());
      });
  //! [batch_gradient_descent]
}

// Training and picking the class (CTU "Linear Classification into Multiple Classes").
void training_and_picking_the_class(Trace& trace) {
  trace.section(fmt::format("Training for {} batch epochs, then picking the class", training_epochs));
  //! [picking_the_class]
  trace.step("train.w", fmt::format("The weights after {} batch epochs", training_epochs))
      .formula(fmt::format("W({}) ", training_epochs))
      .compute({"enc.x", "batch.w", "enc.d", "alpha"}, [](const Inputs& in) -> Value {
        return train_batch(in.matrix("enc.x"), in.matrix("batch.w"), in.matrix("enc.d"), in.scalar("alpha"),
                           training_epochs - 1);
      });
  trace.step("train.e", "The error after training")
      .formula(fmt::format("E_{{SSE}}(W({}))", training_epochs))
      .compute({"enc.x", "train.w", "enc.d"}, [](const Inputs& in) -> Value {
        return single_layer_sse(in.matrix("enc.x"), in.matrix("train.w"), in.matrix("enc.d"), tanh_unit());
      });
  trace.step("train.y", "The outputs after training, one row per animal")
      .formula("Y = f(XW)")
      .compute({"enc.x", "train.w"}, [](const Inputs& in) -> Value {
        return single_layer_outputs(in.matrix("enc.x"), in.matrix("train.w"), tanh_unit());
      });
  trace.step("train.argmax", "The winning class by argmax (1 = Cat, 2 = Dog, 3 = Parrot, 4 = Carp)")
      .formula("k_{max} = \\operatorname{argmax}_k y_k")
      .compute({"train.y"}, [](const Inputs& in) -> Value { return winners(in.matrix("train.y")); });
  trace.step("train.softmax", "Softmax of each row's outputs: a distribution over the classes")
      .formula("\\operatorname{softmax}(y_k) = \\frac{e^{y_k}}{\\sum_{j=1}^{m} e^{y_j}}")
      .compute({"train.y"}, [](const Inputs& in) -> Value {
        const Eigen::MatrixXd& y = in.matrix("train.y");
        Eigen::MatrixXd p(y.rows(), y.cols());
        for (Eigen::Index r = 0; r < y.rows(); ++r) p.row(r) = softmax(y.row(r).transpose()).transpose();  // max subtracted
        return p;
      });
  trace.step("train.softmax_argmax", "The most probable class under softmax")
      .formula("\\operatorname{argmax}_k \\operatorname{softmax}(y_k)")
      .compute({"train.softmax"}, [](const Inputs& in) -> Value { return winners(in.matrix("train.softmax")); });
  trace.step("train.softmax_cap", "The largest probability softmax can give tanh outputs, all in $(-1, 1)$")
      .formula("\\operatorname{softmax}(y_k) < \\frac{e^{1}}{e^{1} + (m-1)e^{-1}}")
      .compute({"enc.d"}, [](const Inputs& in) -> Value {
        const double m = static_cast<double>(in.matrix("enc.d").cols());
        return 1.0 / (1.0 + (m - 1.0) * std::exp(-2.0));  // e/(e + (m−1)/e), the one-hot ±1 row's softmax
      });
  trace.step("train.verdict", "Argmax and softmax pick the same class, and it is every animal's own")
      .formula("\\operatorname{argmax}_k \\operatorname{softmax}(y_k) = \\operatorname{argmax}_k y_k = c_p + 1")
      .numbers("[[train.softmax_argmax]] = [[train.argmax]]")
      .compute({"train.argmax", "train.softmax_argmax", "enc.class_label", "train.softmax", "train.softmax_cap"},
               [](const Inputs& in) -> Value {
                 const bool same = in.vector("train.argmax") == in.vector("train.softmax_argmax");
                 const int wrong = misclassified(in.vector("train.argmax"), in.vector("enc.class_label"));
                 return Verdict{same && wrong == 0,
                                fmt::format("{}; {} of {} animals misclassified. Softmax is increasing in each y_k, so "
                                            "it keeps the order (and the winner); it only turns the outputs into "
                                            "probabilities, here at most {:.3f} (the cap {:.3f}: tanh outputs are "
                                            "bounded, so softmax of them is never sure)",
                                            same ? "the same winners" : "different winners", wrong,
                                            in.vector("enc.class_label").size(), in.matrix("train.softmax").maxCoeff(),
                                            in.scalar("train.softmax_cap"))};
               });
  //! [picking_the_class]
}

// The Dog row (CTU's two tables disagree).
void the_dog_row(Trace& trace, const Setting& s, const Eigen::VectorXd& other_dog) {
  trace.section("The Dog row: two slides disagree");
  trace
      .step("dog.choice",
            "We use Dog = (1, 1, −1): Large → 1 under the encoding Small, Medium, Large → −1, 0, 1 that every "
            "other row follows, and as four of the five printed tables have it")
      .formula("\\text{Large} \\to -1 + \\frac{2 \\cdot 2}{3 - 1} = 1 \\ne 0")
      .compute({"enc.inputs", "dog_row_cat_slide"}, [](const Inputs& in) -> Value {
        const Eigen::VectorXd ours = in.matrix("enc.inputs").row(1).transpose(), theirs = in.vector("dog_row_cat_slide");
        const bool differ_in_size_only = ours[0] != theirs[0] && ours.tail(2) == theirs.tail(2);
        return Verdict{differ_in_size_only,
                       fmt::format("the one-neuron Cat table prints Dog = ({:g}, {:g}, {:g}), Size 0 = Medium; the "
                                   "animal table says Large, so ({:g}, {:g}, {:g})",
                                   theirs[0], theirs[1], theirs[2], ours[0], ours[1], ours[2])};
      });
  trace.step("dog.x", "The input matrix with the other slide's Dog row")
      .formula("X' = X \\text{ with row 2 } (1, 0, 1, -1)")
      .compute({"enc.x", "dog_row_cat_slide"}, [](const Inputs& in) -> Value {
        Eigen::MatrixXd x = in.matrix("enc.x");
        x.row(1).tail(3) = in.vector("dog_row_cat_slide").transpose();  // the dog: (1, x_21, x_22, x_23)
        return x;
      });
  trace.step("dog.det", "Why either row can be learned: $X$ and $X'$ are square and invertible")
      .formula("(\\det X, \\det X') \\ne 0 \\Rightarrow \\text{any } \\Xi = XW \\text{ is reachable}")
      .compute({"enc.x", "dog.x"}, [](const Inputs& in) -> Value {
        // With N = n+1 = 4 and det ≠ 0, each neuron's column W = X⁻¹Ξ gives its potentials any signs we like.
        return Eigen::VectorXd(Eigen::Vector2d(in.matrix("enc.x").determinant(), in.matrix("dog.x").determinant()));
      });
  trace.step("dog.w", fmt::format("The weights after {} batch epochs on $X'$, from the same $W(0)$", training_epochs))
      .formula(fmt::format("W'({})", training_epochs))
      .compute({"dog.x", "w_start", "enc.d", "alpha"}, [](const Inputs& in) -> Value {
        return train_batch(in.matrix("dog.x"), in.matrix("w_start"), in.matrix("enc.d"), in.scalar("alpha"), training_epochs);
      });
  trace.step("dog.argmax", "The winning classes on $X'$")
      .formula("k_{max} = \\operatorname{argmax}_k f(\\vec{x}'_p W')_k")
      .compute({"dog.x", "dog.w"}, [](const Inputs& in) -> Value {
        return winners(single_layer_outputs(in.matrix("dog.x"), in.matrix("dog.w"), tanh_unit()));
      });
  trace.step("dog.verdict", "Either Dog row, the layer separates the classes")
      .formula("k_{max}(\\vec{x}_p) = c_p + 1 \\text{ with } X \\text{ and with } X'")
      .compute({"dog.argmax", "train.argmax", "enc.class_label", "dog.det"}, [](const Inputs& in) -> Value {
        const int wrong_ours = misclassified(in.vector("train.argmax"), in.vector("enc.class_label"));
        const int wrong_theirs = misclassified(in.vector("dog.argmax"), in.vector("enc.class_label"));
        const Eigen::VectorXd& det = in.vector("dog.det");
        return Verdict{wrong_ours == 0 && wrong_theirs == 0,
                       fmt::format("{} misclassified with Dog = (1, 1, −1), {} with Dog = (0, 1, −1): det X = {:g} and "
                                   "det X' = {:g} are not 0, so either table's four animals can be given any labels "
                                   "by a linear unit; the discrepancy does not change the lesson",
                                   wrong_ours, wrong_theirs, det[0], det[1])};
      });

  // The error epoch by epoch, both tables, as a picture (computed from the parameters).
  {
    const Eigen::MatrixXd inputs = ordinal_inputs(animal_table().leftCols(3));
    const Eigen::MatrixXd x = with_bias_column(inputs);
    Eigen::MatrixXd x_other = x;
    x_other.row(1).tail(3) = other_dog.transpose();
    const Eigen::MatrixXd d = one_hot_rows(animal_table().col(3), static_cast<Eigen::Index>(classes.size()), -1.0);
    Plot plot;
    plot.x_label = "epoch";
    plot.y_label = "E_SSE";
    for (const bool ours : {true, false}) {
      Curve curve;
      curve.title = ours ? "Dog = (1, 1, -1)" : "Dog = (0, 1, -1)";
      Eigen::MatrixXd w = s.w;
      for (int epoch = 0; epoch <= training_epochs; ++epoch) {
        if (epoch > 0) w = single_layer_batch_step(ours ? x : x_other, w, d, tanh_unit(), s.alpha);
        curve.x.push_back(epoch);
        curve.y.push_back(single_layer_sse(ours ? x : x_other, w, d, tanh_unit()));
      }
      plot.curves.push_back(std::move(curve));
    }
    trace.figure({"error_per_epoch", "E_SSE after each batch epoch, with either Dog row", plot});
  }
}

}  // namespace single_layer_parts

Trace single_layer(const ChapterOptions& options) {
  using namespace single_layer_parts;
  Trace trace("single_layer", "A single layer of neurons with several outputs");
  trace
      .summary(
          "CTU's animals (Size, Fur, Talks? → Cat, Dog, Parrot, Carp) classified by one layer of four tanh "
          "neurons, one per class. The categories are encoded first (ordinal inputs in $[-1, 1]$; the class "
          "as a label, as a one-hot 0/1 row, and as CTU's $\\pm 1$ row). One sample's gradient "
          "$\\partial E_p/\\partial W = -\\vec{x}^\\top[f'(\\vec{\\xi}) \\circ (\\vec{d} - \\vec{y})]$, and "
          "CTU's three update rules (per weight, per neuron, whole matrix) shown to give the same $W$; "
          "EDI's transposed convention gives the same numbers. Then one online epoch, the batch form "
          "$W \\leftarrow W + \\alpha X^\\top[f'(\\Xi) \\circ (D - Y)]$ (its gradient the *sum* of the "
          "samples'), " +
          std::to_string(training_epochs) +
          " batch epochs of training, and the class picked by argmax and by softmax. Last, the Dog row on "
          "which two of CTU's slides disagree: the layer learns the table either way. " +
          std::string(options.seed ? "This variant's $W(0)$ and $\\alpha$ are drawn from the seed; the "
                                     "animal table is the slides'."
                                   : "The table is the slides'; $W(0)$ and $\\alpha = 0.1$ are ours (the "
                                     "slides print none)."))
      .source("CTU", "002_ddd62baf13f113f4.txt",
              {"What We Covered Last Time", "Neural Network with a Single Layer of Neurons",
               "Single-Layer Neural Network with a Continuous Activation Function",
               "General Gradient Descent Algorithm (GD)", "General Batch Gradient Descent Algorithm (Batch GD)",
               "Linear Classification into Multiple Classes (Pattern Recognition)"})
      .source("EDI", "000_7637ffcd816b0303.txt",
              {"Single-layer network with multiple output nodes",
               "Training of single-layer network with multiple output nodes",
               "The derivatives of the error function (single-layer)"})
      .convention(
          "CTU's row convention: a sample is a row $\\vec{x} = (1, x_1, \\dots, x_n)$ with the bias input "
          "$x_0 = 1$ first; $X$ stacks the samples, $N \\times (n+1)$; $W$ is $(n+1) \\times m$, one column "
          "$\\vec{w}_j$ per neuron, the biases in its first row; $\\vec{\\xi} = \\vec{x}W$, "
          "$\\vec{y} = f(\\vec{\\xi})$, $\\Xi = XW$, $Y = f(\\Xi)$; $d$ is the desired output (target), "
          "$y$ the actual one; $\\alpha$ the learning rate; $E_p = \\frac{1}{2}\\sum_j (d_{pj} - y_{pj})^2$ "
          "and $E_{SSE} = \\sum_p E_p$ (a sum, no $1/N$); $\\circ$ is the Hadamard (entrywise) product. "
          "EDI writes the same layer as $\\mathbf{y} = g(W_{\\text{EDI}}\\mathbf{x})$ with "
          "$W_{\\text{EDI}} = W^\\top$ ($m \\times (n+1)$), $a$ for $\\xi$, $\\hat{y}$ for the output and "
          "$y$ for the target. Classes are numbered $j = 1, \\dots, m$: Cat, Dog, Parrot, Carp.")
      .notation("\\vec{x}_p, \\vec{d}_p", "sample p (a row, with $x_{p0} = 1$) and its desired outputs")
      .notation("W", "the weights, $(n+1) \\times m$: $w_{ij}$ joins input i to neuron j")
      .notation("\\vec{\\xi}, \\vec{y}", "a sample's potentials $\\vec{x}W$ and outputs $f(\\vec{\\xi})$")
      .notation("\\Xi, Y", "the same for all samples at once: $XW$ and $f(XW)$, $N \\times m$")
      .notation("f", "tanh, with $f'(\\xi) = 1 - f(\\xi)^2$")
      .notation("\\alpha", "the learning rate")
      .notation("k_{max}", "the winning class, $\\operatorname{argmax}_k y_k$")
      .seed(options.seed)
      .rounding({Rounding::Mode::significant, 4});

  const Setting s = options.seed ? drawn_setting(*options.seed) : default_setting();
  trace.parameter("animals", "T",
                  "the animal table as category numbers, one animal per row: Size (" + level_names(size_levels) +
                      "), Fur (" + level_names(fur_levels) + "), Talks? (" + level_names(talks_levels) +
                      "), Class (" + level_names(classes) + ")",
                  animal_table());
  trace.parameter("w_start", "W(0)", "the start weights, $(n+1) \\times m = 4 \\times 4$", s.w);
  trace.parameter("alpha", "\\alpha", "the learning rate", s.alpha);
  Eigen::VectorXd other_dog(3);
  other_dog << 0, 1, -1;
  trace.parameter("dog_row_cat_slide", "(x_{21}, x_{22}, x_{23})'",
                  "the Dog row as the one-neuron Cat table prints it (the other tables print (1, 1, −1))",
                  other_dog);

  categorical_encodings(trace);
  one_sample_through_the_layer(trace);
  three_update_rules(trace);
  edi_convention(trace);
  online_epoch(trace);
  batch_epoch(trace);
  training_and_picking_the_class(trace);
  the_dog_row(trace, s, other_dog);
  return trace;
}

}  // namespace nnwb::chapters
