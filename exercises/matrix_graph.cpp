// Exercises on chapter 16, matrix_graph: the two-layer network as EDI's computation graph of six
// functions f₁…f₆ on vectors and matrices (EDI "Computation graph", "Computation graph (cont.)",
// "Computation graph – cross entropy layer").
//
// matrix_graph.backward: from the forward values on the sheet, the student walks the graph back:
// ∂L/∂x₆ = ŷ − y at the cross-entropy layer, ∂L/∂W₂ = ∂L/∂x₅ x₄ᵀ, ∂L/∂x₄ = W₂ᵀ ∂L/∂x₅ (where W₂ is
// square, K = M, "W for Wᵀ" is a mistake with a value), ∂L/∂x₃ = σ'(x₃) ∘ ∂L/∂x₄ and
// ∂L/∂W₁ = ∂L/∂x₂ xᵀ.
#include <Eigen/Core>
#include <cmath>

#include "chapters.hpp"
#include "exercises.hpp"

namespace nnwb::exercises {
namespace {

// A vector or matrix of NaN: the value of a mistake whose wrong formula has no value on these
// shapes (it never matches an answer).
Eigen::MatrixXd not_applicable(Eigen::Index rows, Eigen::Index cols) {
  return Eigen::MatrixXd::Constant(rows, cols, std::nan(""));
}

// The grader also feeds a student's own earlier answers to the mistakes, in whatever shape they came:
// an elementwise product whose shapes do not fit has no value.
Eigen::VectorXd hadamard(const Eigen::VectorXd& x, const Eigen::VectorXd& y) {
  return x.size() == y.size() ? Eigen::VectorXd(x.cwiseProduct(y)) : Eigen::VectorXd(not_applicable(x.size(), 1).col(0));
}

// x(1 − x) elementwise: σ'(a) when x = σ(a), the mistake when x = a.
Eigen::VectorXd logistic_slope(const Eigen::VectorXd& x) { return x.cwiseProduct((1.0 - x.array()).matrix()); }

}  // namespace

void matrix_graph(std::vector<Exercise>& out) {
  Exercise e("matrix_graph.backward", "matrix_graph", "Backward through the computation graph of a two-layer network",
             chapters::matrix_graph);
  e.instructions(
      "The network $L = f_6(f_5(f_4(f_3(f_2(f_1(\\mathbf{x}))))))$ with $\\mathbf{x}_2 = W_1\\mathbf{x}$, "
      "$\\mathbf{x}_3 = \\mathbf{x}_2 + w_{10}$, $\\mathbf{x}_4 = \\sigma(\\mathbf{x}_3)$, $\\mathbf{x}_5 = "
      "W_2\\mathbf{x}_4$, $\\mathbf{x}_6 = \\mathbf{x}_5 + w_{20}$ and $L = -\\log \\operatorname{softmax}"
      "(\\mathbf{x}_6)_c$. With the forward values on your sheet, walk the graph back: "
      "$\\partial L/\\partial \\mathbf{x}_6$, then $\\partial L/\\partial W_2$, $\\partial L/\\partial "
      "\\mathbf{x}_4$, $\\partial L/\\partial \\mathbf{x}_3$ and $\\partial L/\\partial W_1$ (the add gates pass "
      "the gradient on unchanged). Every gradient has the shape of what it is taken with respect to. Keep at "
      "least four significant digits in intermediate results; answers are checked to three significant figures.");

  // ∂L/∂x₆ = ŷ − y
  e.ask("grad.x6", 2)
      .mistake("sign_flipped", "∂L/∂x₆ = ŷ − y, not y − ŷ", {"yhat", "y"},
               // y − ŷ
               [](const Inputs& in) -> Value { return Eigen::VectorXd(in.vector("y") - in.vector("yhat")); })
      .mistake("jacobian_diagonal_only",
               "only the softmax Jacobian's diagonal was used: ∂ŷ_c/∂x₆ᵢ = −ŷ_c ŷᵢ is not 0 for i ≠ c, and the "
               "full chain gives ∂L/∂x₆ = ŷ − y",
               {"yhat", "y"},
               // ∂L/∂ŷ ∘ ŷ(1 − ŷ) with ∂L/∂ŷ = −y/ŷ: (ŷ_c − 1) at c, 0 elsewhere
               [](const Inputs& in) -> Value {
                 const Eigen::VectorXd &yhat = in.vector("yhat"), &y = in.vector("y");
                 return Eigen::VectorXd(y.cwiseProduct((yhat.array() - 1.0).matrix()));
               });

  // ∂L/∂W₂ = ∂L/∂x₅ x₄ᵀ
  e.ask("grad.W2", 2)
      .mistake("preactivation_for_activation",
               "the pre-activation is used where the activation belongs: ∂L/∂W₂ = ∂L/∂x₅ x₄ᵀ with "
               "x₄ = σ(x₃), not ∂L/∂x₅ x₃ᵀ",
               {"grad.x5", "f2.x3"},
               // ∂L/∂x₅ x₃ᵀ
               [](const Inputs& in) -> Value {
                 return Eigen::MatrixXd(in.vector("grad.x5") * in.vector("f2.x3").transpose());
               })
      .mistake("outer_product_transposed",
               "the outer product is the wrong way round: ∂L/∂W₂ = ∂L/∂x₅ x₄ᵀ has W₂'s shape, row k for "
               "output k",
               {"grad.x5", "f3.x4"},
               // x₄ (∂L/∂x₅)ᵀ, which has W₂'s shape only when W₂ is square
               [](const Inputs& in) -> Value {
                 const Eigen::VectorXd &g = in.vector("grad.x5"), &x4 = in.vector("f3.x4");
                 if (g.size() != x4.size()) return not_applicable(g.size(), x4.size());
                 return Eigen::MatrixXd(x4 * g.transpose());
               });

  // ∂L/∂x₄ = W₂ᵀ ∂L/∂x₅
  e.ask("grad.x4", 2)
      .mistake("W_for_WT", "W₂ must be transposed: ∂L/∂x₄ = W₂ᵀ ∂L/∂x₅, not W₂ ∂L/∂x₅", {"W2", "grad.x5"},
               // W₂ ∂L/∂x₅, which has a value only when W₂ is square (K = M)
               [](const Inputs& in) -> Value {
                 const Eigen::MatrixXd& w = in.matrix("W2");
                 const Eigen::VectorXd& g = in.vector("grad.x5");
                 if (w.cols() != g.size()) return Eigen::VectorXd(not_applicable(w.cols(), 1).col(0));
                 return Eigen::VectorXd(w * g);
               });

  // ∂L/∂x₃ = σ'(x₃) ∘ ∂L/∂x₄, σ'(x₃) = x₄ ∘ (1 − x₄)
  e.ask("grad.x3", 2)
      .mistake("no_gprime",
               "the g'(a) factor is left out: ∂L/∂x₃ = σ'(x₃) ∘ ∂L/∂x₄, with σ'(x₃) = x₄ ∘ (1 − x₄)",
               {"grad.x4"},
               // ∂L/∂x₄
               [](const Inputs& in) -> Value { return in.vector("grad.x4"); })
      .mistake("gprime_at_preactivation",
               "the pre-activation is used where the activation belongs: σ'(x₃) = x₄ ∘ (1 − x₄), not "
               "x₃ ∘ (1 − x₃)",
               {"f2.x3", "grad.x4"},
               // x₃ ∘ (1 − x₃) ∘ ∂L/∂x₄
               [](const Inputs& in) -> Value {
                 return hadamard(logistic_slope(in.vector("f2.x3")), in.vector("grad.x4"));
               });

  // ∂L/∂W₁ = ∂L/∂x₂ xᵀ, with ∂L/∂x₂ = ∂L/∂x₃
  e.ask("grad.W1", 2)
      .mistake("no_gprime",
               "the g'(a) factor is left out: ∂L/∂W₁ = ∂L/∂x₂ xᵀ takes ∂L/∂x₂ = ∂L/∂x₃ = σ'(x₃) ∘ ∂L/∂x₄, "
               "not ∂L/∂x₄",
               {"grad.x4", "x"},
               // ∂L/∂x₄ xᵀ
               [](const Inputs& in) -> Value {
                 return Eigen::MatrixXd(in.vector("grad.x4") * in.vector("x").transpose());
               });
  out.push_back(std::move(e));
}

}  // namespace nnwb::exercises
