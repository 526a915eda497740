// Reference solution of code.delta_layer (chapter 5, delta_recursion; PD "Error gradient: hidden
// nodes"): one step of the delta recursion through a sigmoid layer.
#include "nnwb_code.hpp"

// a, delta: (h); W_next: (k × h); delta_next: (k).
Vector sigmoid_layer_delta(const Vector& a, const Matrix& W_next, const Vector& delta_next) {
  const Eigen::ArrayXd z = 1.0 / (1.0 + (-a.array()).exp());  // z = σ(a), the layer's activations
  const Vector back = W_next.transpose() * delta_next;        // W_nextᵀ δ_next: (h × k)(k) → (h)
  return (z * (1.0 - z) * back.array()).matrix();             // δ = σ'(a) ∘ (W_nextᵀ δ_next), σ'(a) = z(1 − z)
}
