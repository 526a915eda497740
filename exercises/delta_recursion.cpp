// Exercises on chapter 5, delta_recursion: backpropagation as the delta recursion (IC "Error
// backpropagation", "Backpropagation algorithm"; PD "Error gradient: output nodes", "hidden
// nodes", "Partial derivatives wrt weights", "Final result"; CTU "Backpropagation Algorithm
// (Batch Variant)").
//
// delta_recursion.two_layer: one sample through the 3-2-3 network (sigmoid hidden layer, softmax
//   output, cross-entropy). The student computes ŷ, the output deltas ŷ − t, the hidden deltas
//   σ'(a⁽¹⁾) ∘ (W⁽²⁾ᵀ δ⁽²⁾) and the two weight gradients δ z ᵀ.
// delta_recursion.batch: the whole batch (N = 3) through the 2-3-2-1 network (tanh, sigmoid,
//   sigmoid output, squared error) in matrix form, from the output deltas down to layer 2's
//   weight gradient Δ⁽²⁾ Z⁽¹⁾ᵀ.
//
// "W for Wᵀ in the hidden delta" is not asked here: no weight matrix of this chapter is square
// (W⁽¹⁾ 2×3, W⁽²⁾ 3×2; W⁽¹⁾ 3×2, W⁽²⁾ 2×3, W⁽³⁾ 1×2), so W δ has no value. matrix_graph asks it,
// where W₂ is square. The batch error here is the sum E = Σ_n E_n (PD, EDI): no 1/N to drop;
// averaging (CTU's and IC's convention) is the mistake named instead.
#include <Eigen/Core>
#include <cmath>

#include "chapters.hpp"
#include "exercises.hpp"

namespace nnwb::exercises {
namespace {

Eigen::MatrixXd sigmoid_of(const Eigen::MatrixXd& a) {
  return a.unaryExpr([](double v) { return 1.0 / (1.0 + std::exp(-v)); });
}

// x(1 − x) elementwise: σ'(a) when x = σ(a), the mistake when x = a.
Eigen::MatrixXd logistic_slope(const Eigen::MatrixXd& x) { return x.cwiseProduct((1.0 - x.array()).matrix()); }

// A product, difference or elementwise product whose shapes do not fit has no value (no_value).
Eigen::MatrixXd times(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y) {
  return x.cols() == y.rows() ? Eigen::MatrixXd(x * y) : no_value(x.rows(), y.cols());
}
Eigen::MatrixXd minus(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y) {
  return x.rows() == y.rows() && x.cols() == y.cols() ? Eigen::MatrixXd(x - y) : no_value(x.rows(), x.cols());
}
Eigen::MatrixXd hadamard(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y) {
  return x.rows() == y.rows() && x.cols() == y.cols() ? Eigen::MatrixXd(x.cwiseProduct(y))
                                                      : no_value(x.rows(), x.cols());
}
// One sample's vector back from a matrix of one column.
Eigen::VectorXd column(const Eigen::MatrixXd& m) { return m.cols() > 0 ? Eigen::VectorXd(m.col(0)) : Eigen::VectorXd(); }

void two_layer(std::vector<Exercise>& out) {
  Exercise e("delta_recursion.two_layer", "delta_recursion", "The delta recursion on one sample of a two-layer network",
             chapters::delta_recursion);
  e.instructions(
      "Take the first sample $\\mathbf{x}$ (target $\\mathbf{t}$) of the two-layer network: a sigmoid hidden "
      "layer and a softmax output with the cross-entropy error. From the pre-activations on your sheet, compute "
      "the output $\\hat{\\mathbf{y}}$, the output deltas $\\boldsymbol{\\delta}^{(2)}$, the hidden deltas "
      "$\\boldsymbol{\\delta}^{(1)} = \\sigma'(\\mathbf{a}^{(1)}) \\circ ((W^{(2)})^T \\boldsymbol{\\delta}^{(2)})$ "
      "and the weight gradients $\\boldsymbol{\\delta}^{(l)} (\\mathbf{z}^{(l-1)})^T$. Keep at least four "
      "significant digits in intermediate results; answers are checked to three significant figures.");
  const std::string p = "net2.sample.";

  // ŷ = softmax(a⁽²⁾)
  e.ask(p + "l2.z")
      .mistake("sigmoid_not_softmax",
               "the output layer is a softmax, not a sigmoid per unit: ŷ_k = e^{a_k} / Σ_j e^{a_j}",
               {p + "l2.a"},
               // σ(a⁽²⁾) elementwise
               [p](const Inputs& in) -> Value { return Eigen::VectorXd(sigmoid_of(in.vector(p + "l2.a"))); })
      .mistake("not_normalised", "the softmax divides by Σ_j e^{a_j}: the outputs must add up to 1",
               {p + "l2.a"},
               // e^{a⁽²⁾} without the normalisation
               [p](const Inputs& in) -> Value { return Eigen::VectorXd(in.vector(p + "l2.a").array().exp()); });

  // δ⁽²⁾ = ŷ − t
  e.ask(p + "l2.delta", 2)
      .mistake("sign_flipped", "δ = ∂E/∂a is ŷ − t, not t − ŷ", {p + "l2.z", p + "t"},
               // t − ŷ
               [p](const Inputs& in) -> Value { return column(minus(in.vector(p + "t"), in.vector(p + "l2.z"))); })
      .mistake("extra_gprime",
               "with a softmax output and the cross-entropy the output delta is ŷ − t itself; there is no extra "
               "ŷ(1 − ŷ) factor",
               {p + "l2.z", p + "t"},
               // ŷ ∘ (1 − ŷ) ∘ (ŷ − t)
               [p](const Inputs& in) -> Value {
                 const Eigen::VectorXd& y = in.vector(p + "l2.z");
                 return column(hadamard(logistic_slope(y), minus(y, in.vector(p + "t"))));
               });

  // δ⁽¹⁾ = σ'(a⁽¹⁾) ∘ (W⁽²⁾ᵀ δ⁽²⁾), σ'(a) = σ(a)(1 − σ(a))
  e.ask(p + "l1.delta", 2)
      .mistake("no_gprime",
               "the g'(a) factor is left out: δ⁽¹⁾ = σ'(a⁽¹⁾) ∘ (W⁽²⁾ᵀ δ⁽²⁾), with σ'(a) = σ(a)(1 − σ(a))",
               {"net2.W2", p + "l2.delta"},
               // W⁽²⁾ᵀ δ⁽²⁾
               [p](const Inputs& in) -> Value {
                 return column(times(in.matrix("net2.W2").transpose(), in.vector(p + "l2.delta")));
               })
      .mistake("gprime_at_preactivation",
               "the pre-activation is used where the activation belongs: σ'(a) = z(1 − z) with z = σ(a), not "
               "a(1 − a)",
               {p + "l1.a", "net2.W2", p + "l2.delta"},
               // a⁽¹⁾ ∘ (1 − a⁽¹⁾) ∘ (W⁽²⁾ᵀ δ⁽²⁾)
               [p](const Inputs& in) -> Value {
                 const Eigen::MatrixXd back = times(in.matrix("net2.W2").transpose(), in.vector(p + "l2.delta"));
                 return column(hadamard(logistic_slope(in.vector(p + "l1.a")), back));
               });

  // ∂E/∂W⁽²⁾ = δ⁽²⁾ z⁽¹⁾ᵀ
  e.ask(p + "l2.dW", 2)
      .mistake("preactivation_for_activation",
               "the pre-activation is used where the activation belongs: ∂E/∂W⁽²⁾ = δ⁽²⁾ (z⁽¹⁾)ᵀ with "
               "z⁽¹⁾ = σ(a⁽¹⁾), not δ⁽²⁾ (a⁽¹⁾)ᵀ",
               {p + "l2.delta", p + "l1.a"},
               // δ⁽²⁾ a⁽¹⁾ᵀ
               [p](const Inputs& in) -> Value {
                 return Eigen::MatrixXd(in.vector(p + "l2.delta") * in.vector(p + "l1.a").transpose());
               })
      .mistake("sign_flipped", "∂E/∂W = δ zᵀ with δ = ∂E/∂a = ŷ − t; the sign is flipped (t − ŷ)",
               {p + "l2.delta", p + "l1.z"},
               // −δ⁽²⁾ z⁽¹⁾ᵀ
               [p](const Inputs& in) -> Value {
                 return Eigen::MatrixXd(-in.vector(p + "l2.delta") * in.vector(p + "l1.z").transpose());
               });

  // ∂E/∂W⁽¹⁾ = δ⁽¹⁾ xᵀ
  e.ask(p + "l1.dW", 2)
      .mistake("sign_flipped",
               "∂E/∂W = δ zᵀ with δ = ∂E/∂a; the sign is flipped (BMB's δ = (y − a)g' is the negative)",
               {p + "l1.delta", p + "x"},
               // −δ⁽¹⁾ xᵀ
               [p](const Inputs& in) -> Value {
                 return Eigen::MatrixXd(-in.vector(p + "l1.delta") * in.vector(p + "x").transpose());
               });
  out.push_back(std::move(e));
}

void batch(std::vector<Exercise>& out) {
  Exercise e("delta_recursion.batch", "delta_recursion", "The delta recursion for a batch, in matrix form",
             chapters::delta_recursion);
  e.instructions(
      "The three-layer network (tanh, sigmoid, sigmoid output; squared error $E = \\sum_n E_n$) on the whole batch, "
      "one sample per column. From the pre-activations, activations and $\\partial E/\\partial \\hat{Y}$ on your "
      "sheet, compute the output deltas $\\Delta^{(3)} = \\sigma'(A^{(3)}) \\circ \\partial E/\\partial \\hat{Y}$, "
      "then $\\Delta^{(2)} = \\sigma'(A^{(2)}) \\circ ((W^{(3)})^T \\Delta^{(3)})$, and the gradients "
      "$\\partial E/\\partial W^{(l)} = \\Delta^{(l)} (Z^{(l-1)})^T$ and $\\partial E/\\partial \\mathbf{b}^{(3)} = "
      "\\Delta^{(3)} \\mathbf{1}$. The batch error is the sum over the samples. Keep at least four significant digits "
      "in intermediate results; answers are checked to three significant figures.");
  const std::string p = "net3.batch.";

  // Δ⁽³⁾ = σ'(A⁽³⁾) ∘ (Ŷ − T)
  e.ask(p + "l3.delta", 2)
      .mistake("no_gprime",
               "the g'(a) factor is left out: Δ⁽³⁾ = σ'(A⁽³⁾) ∘ ∂E/∂Ŷ, with σ'(a) = σ(a)(1 − σ(a))",
               {p + "dE_dy"},
               // ∂E/∂Ŷ
               [p](const Inputs& in) -> Value { return in.value(p + "dE_dy"); })
      .mistake("gprime_at_preactivation",
               "the pre-activation is used where the activation belongs: σ'(a) = ŷ(1 − ŷ) with ŷ = σ(a), not "
               "a(1 − a)",
               {p + "l3.a", p + "dE_dy"},
               // A⁽³⁾ ∘ (1 − A⁽³⁾) ∘ ∂E/∂Ŷ
               [p](const Inputs& in) -> Value {
                 return hadamard(logistic_slope(in.matrix(p + "l3.a")), in.matrix(p + "dE_dy"));
               })
      .mistake("sign_flipped", "∂E/∂Ŷ = Ŷ − T, not T − Ŷ: the output deltas have the wrong sign",
               {p + "l3.a", p + "dE_dy"},
               // −σ'(A⁽³⁾) ∘ (Ŷ − T)
               [p](const Inputs& in) -> Value {
                 const Eigen::MatrixXd y = sigmoid_of(in.matrix(p + "l3.a"));
                 return Eigen::MatrixXd(-hadamard(logistic_slope(y), in.matrix(p + "dE_dy")));
               });

  // Δ⁽²⁾ = σ'(A⁽²⁾) ∘ (W⁽³⁾ᵀ Δ⁽³⁾)
  e.ask(p + "l2.delta", 2)
      .mistake("no_gprime",
               "the g'(a) factor is left out: Δ⁽²⁾ = σ'(A⁽²⁾) ∘ ((W⁽³⁾)ᵀ Δ⁽³⁾), with σ'(a) = σ(a)(1 − σ(a))",
               {"net3.W3", p + "l3.delta"},
               // W⁽³⁾ᵀ Δ⁽³⁾
               [p](const Inputs& in) -> Value {
                 return times(in.matrix("net3.W3").transpose(), in.matrix(p + "l3.delta"));
               })
      .mistake("gprime_at_preactivation",
               "the pre-activation is used where the activation belongs: σ'(a) = z(1 − z) with z = σ(a), not "
               "a(1 − a)",
               {p + "l2.a", "net3.W3", p + "l3.delta"},
               // A⁽²⁾ ∘ (1 − A⁽²⁾) ∘ (W⁽³⁾ᵀ Δ⁽³⁾)
               [p](const Inputs& in) -> Value {
                 const Eigen::MatrixXd back = times(in.matrix("net3.W3").transpose(), in.matrix(p + "l3.delta"));
                 return hadamard(logistic_slope(in.matrix(p + "l2.a")), back);
               })
      .mistake("tanh_slope", "layer 2 is a sigmoid layer: its g'(a) is σ(a)(1 − σ(a)), not tanh's 1 − z²",
               {p + "l2.z", "net3.W3", p + "l3.delta"},
               // (1 − Z⁽²⁾²) ∘ (W⁽³⁾ᵀ Δ⁽³⁾)
               [p](const Inputs& in) -> Value {
                 const Eigen::MatrixXd back = times(in.matrix("net3.W3").transpose(), in.matrix(p + "l3.delta"));
                 const Eigen::MatrixXd& z = in.matrix(p + "l2.z");
                 return hadamard((1.0 - z.array().square()).matrix(), back);
               });

  // ∂E/∂W⁽³⁾ = Δ⁽³⁾ Z⁽²⁾ᵀ
  e.ask(p + "l3.dW", 2)
      .mistake("preactivation_for_activation",
               "the pre-activation is used where the activation belongs: ∂E/∂W⁽³⁾ = Δ⁽³⁾ (Z⁽²⁾)ᵀ, not "
               "Δ⁽³⁾ (A⁽²⁾)ᵀ",
               {p + "l3.delta", p + "l2.a"},
               // Δ⁽³⁾ A⁽²⁾ᵀ
               [p](const Inputs& in) -> Value {
                 return times(in.matrix(p + "l3.delta"), in.matrix(p + "l2.a").transpose());
               })
      .mistake("averaged",
               "the batch error here is the sum E = Σ_n E_n, so its gradient is the sum Δ⁽³⁾ (Z⁽²⁾)ᵀ, not "
               "divided by N",
               {p + "l3.delta", p + "l2.z"},
               // Δ⁽³⁾ Z⁽²⁾ᵀ / N
               [p](const Inputs& in) -> Value {
                 const Eigen::MatrixXd& d = in.matrix(p + "l3.delta");  // N = its number of columns
                 return Eigen::MatrixXd(times(d, in.matrix(p + "l2.z").transpose()) / static_cast<double>(d.cols()));
               });

  // ∂E/∂b⁽³⁾ = Δ⁽³⁾ 1
  e.ask(p + "l3.db")
      .mistake("averaged",
               "the batch error here is the sum E = Σ_n E_n, so ∂E/∂b⁽³⁾ = Δ⁽³⁾ 1 adds the deltas; it does not "
               "average them",
               {p + "l3.delta"},
               // Δ⁽³⁾ 1 / N
               [p](const Inputs& in) -> Value {
                 const Eigen::MatrixXd& d = in.matrix(p + "l3.delta");
                 return Eigen::VectorXd(d.rowwise().sum() / static_cast<double>(d.cols()));
               });

  // ∂E/∂W⁽²⁾ = Δ⁽²⁾ Z⁽¹⁾ᵀ (Z⁽¹⁾ is 3×3: three units, three samples)
  e.ask(p + "l2.dW", 2)
      .mistake("preactivation_for_activation",
               "the pre-activation is used where the activation belongs: ∂E/∂W⁽²⁾ = Δ⁽²⁾ (Z⁽¹⁾)ᵀ with "
               "Z⁽¹⁾ = tanh(A⁽¹⁾), not Δ⁽²⁾ (A⁽¹⁾)ᵀ",
               {p + "l2.delta", p + "l1.a"},
               // Δ⁽²⁾ A⁽¹⁾ᵀ
               [p](const Inputs& in) -> Value {
                 return times(in.matrix(p + "l2.delta"), in.matrix(p + "l1.a").transpose());
               })
      .mistake("not_transposed",
               "Z⁽¹⁾ must be transposed: ∂E/∂W⁽²⁾ = Δ⁽²⁾ (Z⁽¹⁾)ᵀ pairs each sample's delta with the same "
               "sample's activations",
               {p + "l2.delta", p + "l1.z"},
               // Δ⁽²⁾ Z⁽¹⁾ (shape-valid because N equals the layer's 3 units)
               [p](const Inputs& in) -> Value {
                 const Eigen::MatrixXd &d = in.matrix(p + "l2.delta"), &z = in.matrix(p + "l1.z");
                 if (d.cols() != z.rows() || z.rows() != z.cols())  // only when Z⁽¹⁾ is square
                   return Eigen::MatrixXd(Eigen::MatrixXd::Constant(d.rows(), z.rows(), std::nan("")));
                 return Eigen::MatrixXd(d * z);
               })
      .mistake("averaged",
               "the batch error here is the sum E = Σ_n E_n, so its gradient is the sum Δ⁽²⁾ (Z⁽¹⁾)ᵀ, not "
               "divided by N",
               {p + "l2.delta", p + "l1.z"},
               // Δ⁽²⁾ Z⁽¹⁾ᵀ / N
               [p](const Inputs& in) -> Value {
                 const Eigen::MatrixXd& d = in.matrix(p + "l2.delta");
                 return Eigen::MatrixXd(times(d, in.matrix(p + "l1.z").transpose()) / static_cast<double>(d.cols()));
               });
  out.push_back(std::move(e));
}

}  // namespace

void delta_recursion(std::vector<Exercise>& out) {
  two_layer(out);
  batch(out);
}

}  // namespace nnwb::exercises
