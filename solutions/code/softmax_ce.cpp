// Reference solution of code.softmax_ce (chapter 3, softmax_jacobian; PD Appendix A "Derivative of
// cross-entropy loss (1/2), (2/2)", "Final result"): the cross-entropy of a softmax output and its
// gradient.
#include "nnwb_code.hpp"

namespace {
// ln softmax(a)_k = a_k − m − ln Σ_j e^(a_j − m), m = max_k a_k: no overflow, and no ln 0. (K) → (K)
Vector log_softmax(const Vector& a) {
  const double m = a.maxCoeff();
  const double log_sum = std::log((a.array() - m).exp().sum());  // ln Σ_j e^(a_j − m) ≥ 0
  return (a.array() - m - log_sum).matrix();
}
}  // namespace

// a, t: (K), t one-hot.
double softmax_ce_loss(const Vector& a, const Vector& t) {
  return -t.dot(log_softmax(a));  // E = −Σ_k t_k ln y_k
}

// a, t: (K); the gradient: (K).
Vector softmax_ce_gradient(const Vector& a, const Vector& t) {
  const Vector y = log_softmax(a).array().exp().matrix();  // y = softmax(a)
  // ∂E/∂a_i = Σ_k (−t_k/y_k) y_k(δ_ki − y_i) = −t_i + y_i Σ_k t_k = y_i − t_i, as Σ_k t_k = 1
  return y - t;
}
