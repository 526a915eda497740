// Exercises on chapter 3, softmax_jacobian: the softmax, its Jacobian and the cross-entropy gradient
// (PD Appendix A "Softmax output", "Derivative of softmax (1/4)…(4/4)", "Derivative of cross-entropy
// loss (1/2), (2/2)", "Final result"; EDI "Normalisation of output nodes - softmax").
//
// softmax_jacobian.jacobian: the student computes the softmax outputs y from the shifted exponentials,
// the Jacobian J = [y_i(δ_ij − y_j)], the cross-entropy's ∂E/∂y_k = −t_k/y_k, the chain
// ∂E/∂a = Jᵀ ∂E/∂y through the full Jacobian, and sees it collapse to y − t.
#include "chapters.hpp"
#include "exercises.hpp"

namespace nnwb::exercises {

void softmax_jacobian(std::vector<Exercise>& out) {
  Exercise e("softmax_jacobian.jacobian", "softmax_jacobian",
             "The softmax Jacobian and the cross-entropy gradient", chapters::softmax_jacobian);
  e.instructions(
      "From the shifted exponentials $e^{a_k - m}$ and their sum $S$, compute the softmax outputs "
      "$y_k$, then the Jacobian $J_{ij} = \\partial y_i/\\partial a_j = y_i(\\delta_{ij} - y_j)$ (a full "
      "matrix: the off-diagonal entries are not zero). For the cross-entropy $E = -\\sum_k t_k \\ln y_k$ "
      "with the one-hot target $\\mathbf{t}$, compute $\\partial E/\\partial y_k$, the chain "
      "$\\partial E/\\partial a_i = \\sum_k (\\partial E/\\partial y_k)(\\partial y_k/\\partial a_i)$, "
      "and the final result $\\mathbf{y} - \\mathbf{t}$.");
  e.ask("softmax.y")
      // e^{a_k − m} without the division by S.
      .mistake("not_normalised",
               "the softmax divides by the sum: y_k = e^{a_k − m} / Σ_j e^{a_j − m}, so that Σ_k y_k = 1",
               {"softmax.exp"}, [](const Inputs& in) -> Value { return in.vector("softmax.exp"); })
      // a_k / Σ_j a_j: the exponentials left out.
      .mistake("no_exp", "the softmax normalises the exponentials e^{a_k}, not the logits a_k themselves", {"a"},
               [](const Inputs& in) -> Value {
                 const Eigen::VectorXd& a = in.vector("a");
                 return Eigen::VectorXd(a / a.sum());
               });
  e.ask("jacobian.J", 2)
      // diag(y_i(1 − y_i)): the off-diagonal entries taken as 0.
      .mistake("diagonal_only",
               "the softmax Jacobian's diagonal only: every y_i depends on every a_j through the sum, so "
               "J_ij = −y_i y_j ≠ 0 off the diagonal (J_ii = y_i(1 − y_i))",
               {}, [](const Inputs& in) -> Value {
                 const Eigen::ArrayXd y = in.vector("softmax.y").array();
                 return Eigen::MatrixXd((y * (1.0 - y)).matrix().asDiagonal());
               })
      // −y yᵀ: the δ_ij dropped.
      .mistake("no_delta", "the δ_ij is dropped: J_ij = y_i(δ_ij − y_j), so the diagonal is y_i(1 − y_i), not −y_i²",
               {}, [](const Inputs& in) -> Value {
                 const Eigen::VectorXd& y = in.vector("softmax.y");
                 return Eigen::MatrixXd(-(y * y.transpose()));
               })
      // diag(y) − y yᵀ with +y_i y_j off the diagonal.
      .mistake("off_diagonal_sign",
               "the off-diagonal entries are negative: by the quotient rule ∂y_i/∂a_j = (0 · h − e^{a_j} e^{a_i})/h² "
               "= −y_i y_j for i ≠ j",
               {}, [](const Inputs& in) -> Value {
                 const Eigen::VectorXd& y = in.vector("softmax.y");
                 Eigen::MatrixXd m = y * y.transpose();
                 m.diagonal() = (y.array() * (1.0 - y.array())).matrix();
                 return m;
               });
  e.ask("ce.dE_dy")
      // +t_k/y_k.
      .mistake("sign", "d(−ln y)/dy = −1/y: ∂E/∂y_k = −t_k/y_k keeps the minus sign", {},
               [](const Inputs& in) -> Value {
                 return Eigen::VectorXd(in.vector("ce.t").array() / in.vector("softmax.y").array());
               })
      // −1/y_k: the t_k left out.
      .mistake("target_left_out", "E = −Σ_k t_k ln y_k: ∂E/∂y_k = −t_k/y_k is 0 for every k other than the true class",
               {"softmax.y"}, [](const Inputs& in) -> Value {
                 return Eigen::VectorXd(-in.vector("softmax.y").array().inverse());
               });
  e.ask("ce.chain", 2)
      // diag(J) ∘ ∂E/∂y.
      .mistake("diagonal_only",
               "the softmax Jacobian's diagonal only: ∂E/∂a_i = Σ_k (∂E/∂y_k)(∂y_k/∂a_i) sums over every k, "
               "including the off-diagonal J_ki = −y_k y_i",
               {}, [](const Inputs& in) -> Value {
                 return Eigen::VectorXd(in.matrix("jacobian.J").diagonal().cwiseProduct(in.vector("ce.dE_dy")));
               })
      // ∂E/∂y: the Jacobian left out.
      .mistake("no_jacobian", "the chain rule multiplies by the softmax Jacobian: ∂E/∂a = Jᵀ ∂E/∂y, not ∂E/∂y itself",
               {"ce.dE_dy"}, [](const Inputs& in) -> Value { return in.vector("ce.dE_dy"); });
  e.ask("ce.grad_a")
      // t − y.
      .mistake("t_minus_y", "the sign is reversed: ∂E/∂a_i = y_i − t_i, not t_i − y_i", {},
               [](const Inputs& in) -> Value { return Eigen::VectorXd(in.vector("ce.t") - in.vector("softmax.y")); });
  out.push_back(std::move(e));
}

}  // namespace nnwb::exercises
