// Wrong on purpose (code.delta_layer, mistake no_gprime): the deltas carried back through the
// weights, W_nextᵀ δ_next, without the layer's slope σ'(a).
#include "nnwb_code.hpp"

Vector sigmoid_layer_delta(const Vector& a, const Matrix& W_next, const Vector& delta_next) {
  return W_next.transpose() * delta_next;  // should be σ'(a) ∘ (W_nextᵀ δ_next)
}
