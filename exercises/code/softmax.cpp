// Code exercise on chapter 3, softmax_jacobian: the softmax and its Jacobian, as functions (PD
// Appendix A "Softmax output", "Derivative of softmax (1/4)…(4/4)"; EDI "Normalisation of output
// nodes - softmax").
//
// code.softmax: the student writes softmax(a) = e^(a − m) / Σ_j e^(a_j − m) with m = max_k a_k, and
// softmax_jacobian(a) = [y_i(δ_ij − y_j)], a full matrix. Both run on the chapter's logits a and on
// its logits of ±1000 (big.a), where e^a overflows unless the largest logit is subtracted first.
// The results are graded as the steps softmax.y, jacobian.J, big.y and big.J; the Jacobian is also
// checked against central differences of the student's own softmax.
#include <string>

#include "chapters.hpp"
#include "code_exercises.hpp"
#include "nnwb/softmax.hpp"

namespace nnwb::exercises::code {
namespace {

// The mistakes of the outputs y = softmax(logits).
void output_mistakes(AskedStep& step, const std::string& logits) {
  step
      // e^{a_k − m} without the division by the sum.
      .mistake("not_normalised",
               "the softmax divides by the sum: y_k = e^{a_k − m} / Σ_j e^{a_j − m}, so that Σ_k y_k = 1",
               {logits}, [logits](const Inputs& in) -> Value {
                 const Eigen::VectorXd& a = in.vector(logits);
                 return Eigen::VectorXd((a.array() - a.maxCoeff()).exp());
               })
      // a_k / Σ_j a_j: the exponentials left out.
      .mistake("no_exp", "the softmax normalises the exponentials e^{a_k}, not the logits a_k themselves", {logits},
               [logits](const Inputs& in) -> Value {
                 const Eigen::VectorXd& a = in.vector(logits);
                 return Eigen::VectorXd(a / a.sum());
               });
}

// The mistakes of the Jacobian J = ∂y/∂a at `logits`, each from y = softmax(logits).
void jacobian_mistakes(AskedStep& step, const std::string& logits) {
  step
      // diag(y_i(1 − y_i)): the off-diagonal entries taken as 0.
      .mistake("diagonal_only",
               "the softmax Jacobian's diagonal only: every y_i depends on every a_j through the sum, so "
               "J_ij = −y_i y_j ≠ 0 off the diagonal (J_ii = y_i(1 − y_i))",
               {logits}, [logits](const Inputs& in) -> Value {
                 const Eigen::ArrayXd y = nnwb::softmax(in.vector(logits)).array();
                 return Eigen::MatrixXd((y * (1.0 - y)).matrix().asDiagonal());
               })
      // −y yᵀ: the δ_ij dropped.
      .mistake("no_delta", "the δ_ij is dropped: J_ij = y_i(δ_ij − y_j), so the diagonal is y_i(1 − y_i), not −y_i²",
               {logits}, [logits](const Inputs& in) -> Value {
                 const Eigen::VectorXd y = nnwb::softmax(in.vector(logits));
                 return Eigen::MatrixXd(-(y * y.transpose()));
               })
      // diag(y) − y yᵀ with +y_i y_j off the diagonal.
      .mistake("off_diagonal_sign",
               "the off-diagonal entries are negative: by the quotient rule ∂y_i/∂a_j = (0 · h − e^{a_j} e^{a_i})/h² "
               "= −y_i y_j for i ≠ j",
               {logits}, [logits](const Inputs& in) -> Value {
                 const Eigen::VectorXd y = nnwb::softmax(in.vector(logits));
                 Eigen::MatrixXd m = y * y.transpose();
                 m.diagonal() = (y.array() * (1.0 - y.array())).matrix();
                 return m;
               });
}

}  // namespace

void softmax(std::vector<CodeExercise>& out) {
  Exercise steps("code.softmax", "softmax_jacobian", "The softmax and its Jacobian, as functions",
                 chapters::softmax_jacobian);
  steps.instructions(
      "Write two functions of the logits $\\mathbf{a} = (a_1, \\dots, a_K)$:\n\n"
      "- `softmax(a)` returns the outputs $y_k = e^{a_k} / \\sum_j e^{a_j}$. Compute them as "
      "$y_k = e^{a_k - m} / \\sum_j e^{a_j - m}$ with $m = \\max_k a_k$: the value is the same, and no "
      "exponential overflows. One of the calls has logits of $\\pm 1000$, where $e^{1000}$ is infinite in "
      "double precision and the unshifted formula gives NaN.\n"
      "- `softmax_jacobian(a)` returns the $K \\times K$ Jacobian $J_{ij} = \\partial y_i/\\partial a_j = "
      "y_i(\\delta_{ij} - y_j)$ of the softmax at $\\mathbf{a}$ (a full matrix: the off-diagonal entries "
      "are not zero).\n\n"
      "Both run on the chapter's logits and on its logits of $\\pm 1000$; each result is graded as the "
      "chapter's step for it, on ten variants, and your Jacobian is also compared with central differences "
      "of your own `softmax`.");
  output_mistakes(steps.ask("softmax.y").tolerance(code_tolerance()), "a");
  jacobian_mistakes(steps.ask("jacobian.J", 2).tolerance(code_tolerance()), "a");
  output_mistakes(steps.ask("big.y").tolerance(code_tolerance()), "big.a");
  jacobian_mistakes(steps.ask("big.J").tolerance(code_tolerance()), "big.a");

  CodeExercise e(std::move(steps));
  e.function({
      .name = "softmax",
      .summary = "The softmax outputs y = softmax(a), computed without overflow",
      .formula = "y_k = e^(a_k − m) / Σ_j e^(a_j − m), m = max_k a_k",
      .arguments = {{"a", ValueKind::vector, "the logits a_k, (K)"}},
      .results = {{"y", ValueKind::vector, "the softmax outputs y_k, each in [0, 1], adding up to 1, (K)"}},
      .cpp = "Vector softmax(const Vector& a)",
      .python = "def softmax(a):",
  });
  e.function({
      .name = "softmax_jacobian",
      .summary = "The softmax Jacobian J = ∂y/∂a",
      .formula = "J_ij = ∂y_i/∂a_j = y_i(δ_ij − y_j), y = softmax(a)",
      .arguments = {{"a", ValueKind::vector, "the logits a_k, (K)"}},
      .results = {{"J", ValueKind::matrix, "the Jacobian, row i the gradient of y_i, (K × K)"}},
      .cpp = "Matrix softmax_jacobian(const Vector& a)",
      .python = "def softmax_jacobian(a):",
  });
  e.call({.function = "softmax", .arguments = {"a"}, .results = {"softmax.y"}});
  e.call({.function = "softmax_jacobian", .arguments = {"a"}, .results = {"jacobian.J"}});
  e.call({.function = "softmax", .arguments = {"big.a"}, .results = {"big.y"}});
  e.call({.function = "softmax_jacobian", .arguments = {"big.a"}, .results = {"big.J"}});
  // J = ∂y/∂a, against central differences of the student's softmax at a.
  e.check_derivative({.step = "jacobian.J", .forward = {.function = "softmax", .arguments = {"a"}, .results = {}},
                      .with_respect_to = 0});
  out.push_back(std::move(e));
}

}  // namespace nnwb::exercises::code
