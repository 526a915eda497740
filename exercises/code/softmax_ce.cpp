// Code exercise on chapter 3, softmax_jacobian: the cross-entropy of a softmax output and its
// gradient, as functions (PD Appendix A "Derivative of cross-entropy loss (1/2), (2/2)", "Final
// result"; EDI "Computation graph – cross entropy layer").
//
// code.softmax_ce: the student writes softmax_ce_loss(a, t) = −Σ_k t_k ln y_k with y = softmax(a),
// and softmax_ce_gradient(a, t) = ∂E/∂a = y − t, the chain through the softmax Jacobian collapsed.
// Both run on the chapter's logits a and one-hot target ce.t, and are graded as the steps ce.E and
// ce.grad_a; the gradient is also checked against central differences of the student's own loss.
#include <cmath>
#include <string>

#include "chapters.hpp"
#include "code_exercises.hpp"
#include "nnwb/softmax.hpp"

namespace nnwb::exercises::code {
namespace {

// The numbers both functions are called with, and the softmax of the logits.
struct Logits {
  Eigen::VectorXd a, t, y, log_y;
  explicit Logits(const Inputs& in)
      : a(in.vector("a")), t(in.vector("ce.t")), y(nnwb::softmax(a)), log_y(nnwb::log_softmax(a)) {}
};

// A mistake's value from the call's arguments.
template <class F>
ComputeFn from_logits(F f) {
  return [f](const Inputs& in) -> Value { return f(Logits(in)); };
}

}  // namespace

void softmax_ce(std::vector<CodeExercise>& out) {
  Exercise steps("code.softmax_ce", "softmax_jacobian", "The softmax cross-entropy and its gradient, as functions",
                 chapters::softmax_jacobian);
  const std::vector<std::string> arguments{"a", "ce.t"};  // both functions' (a, t)
  steps.instructions(
      "The logits $\\mathbf{a}$ go through a softmax, $\\mathbf{y} = \\operatorname{softmax}(\\mathbf{a})$, and "
      "$\\mathbf{t}$ is the one-hot target. Write two functions of $(\\mathbf{a}, \\mathbf{t})$:\n\n"
      "- `softmax_ce_loss(a, t)` returns the cross-entropy $E = -\\sum_k t_k \\ln y_k$ (natural logarithm). "
      "Compute the softmax stably (subtract $\\max_k a_k$), and do not take the logarithm of an output that "
      "may be 0: $\\ln y_k = a_k - m - \\ln \\sum_j e^{a_j - m}$ has no such problem.\n"
      "- `softmax_ce_gradient(a, t)` returns the gradient $\\partial E/\\partial \\mathbf{a}$. By the chain "
      "rule it is $J^T \\partial E/\\partial \\mathbf{y}$ through the softmax Jacobian; work out what that "
      "collapses to.\n\n"
      "Each result is graded as the chapter's step for it, on ten variants, and your gradient is also "
      "compared with central differences of your own `softmax_ce_loss`.");

  // E = −Σ_k t_k ln y_k
  steps.ask("ce.E")
      .tolerance(code_tolerance())
      .mistake("sign", "the minus sign is left out: E = −Σ_k t_k ln y_k is positive, since every ln y_k ≤ 0",
               arguments, from_logits([](const Logits& l) -> Value { return l.t.dot(l.log_y); }))
      .mistake("target_left_out",
               "E = −Σ_k t_k ln y_k: with a one-hot t only the true class's term −ln y_c is left, not −Σ_k ln y_k",
               arguments, from_logits([](const Logits& l) -> Value { return -l.log_y.sum(); }))
      .mistake("log10", "ln is the natural logarithm (std::log, np.log), not the base-10 logarithm", arguments,
               from_logits([](const Logits& l) -> Value { return -l.t.dot(l.log_y) / std::log(10.0); }));

  // ∂E/∂a = y − t
  steps.ask("ce.grad_a", 2)
      .tolerance(code_tolerance())
      .mistake("t_minus_y", "the sign is reversed: ∂E/∂a_i = y_i − t_i, not t_i − y_i", arguments,
               from_logits([](const Logits& l) -> Value { return Eigen::VectorXd(l.t - l.y); }))
      .mistake("no_softmax", "the gradient is y − t with the softmax outputs y = softmax(a), not the logits a − t",
               arguments, from_logits([](const Logits& l) -> Value { return Eigen::VectorXd(l.a - l.t); }))
      // diag(J) ∘ ∂E/∂y = −t_i(1 − y_i)
      .mistake("diagonal_only",
               "the softmax Jacobian's diagonal only: ∂E/∂a_i = Σ_k (∂E/∂y_k)(∂y_k/∂a_i) sums over every k, "
               "including the off-diagonal J_ki = −y_k y_i",
               arguments, from_logits([](const Logits& l) -> Value {
                 return Eigen::VectorXd(-l.t.array() * (1.0 - l.y.array()));
               }))
      // ∂E/∂y = −t/y: stopped before the softmax
      .mistake("no_jacobian",
               "the chain rule multiplies by the softmax Jacobian: ∂E/∂a = Jᵀ ∂E/∂y, not ∂E/∂y = −t/y itself",
               arguments, from_logits([](const Logits& l) -> Value {
                 return Eigen::VectorXd(-l.t.array() / l.y.array());
               }));

  CodeExercise e(std::move(steps));
  const std::vector<CodeValue> both{
      {"a", ValueKind::vector, "the logits a_k, (K)"},
      {"t", ValueKind::vector, "the one-hot target: 1 for the true class, 0 elsewhere, (K)"}};
  e.function({
      .name = "softmax_ce_loss",
      .summary = "The cross-entropy E of the softmax outputs against a one-hot target",
      .formula = "E = −Σ_k t_k ln y_k, y = softmax(a); ln y_k = a_k − m − ln Σ_j e^(a_j − m), m = max_k a_k",
      .arguments = both,
      .results = {{"E", ValueKind::scalar, "the cross-entropy, ≥ 0"}},
      .cpp = "double softmax_ce_loss(const Vector& a, const Vector& t)",
      .python = "def softmax_ce_loss(a, t):",
  });
  e.function({
      .name = "softmax_ce_gradient",
      .summary = "The gradient ∂E/∂a of the softmax cross-entropy",
      .formula = "∂E/∂a = Jᵀ ∂E/∂y = y − t, y = softmax(a)",
      .arguments = both,
      .results = {{"grad_a", ValueKind::vector, "∂E/∂a_k, (K)"}},
      .cpp = "Vector softmax_ce_gradient(const Vector& a, const Vector& t)",
      .python = "def softmax_ce_gradient(a, t):",
  });
  e.call({.function = "softmax_ce_loss", .arguments = arguments, .results = {"ce.E"}});
  e.call({.function = "softmax_ce_gradient", .arguments = arguments, .results = {"ce.grad_a"}});
  // ∂E/∂a, against central differences of the student's loss in a.
  e.check_derivative({.step = "ce.grad_a",
                      .forward = {.function = "softmax_ce_loss", .arguments = arguments, .results = {}},
                      .with_respect_to = 0});
  out.push_back(std::move(e));
}

}  // namespace nnwb::exercises::code
