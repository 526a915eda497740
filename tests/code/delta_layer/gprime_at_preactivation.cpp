// Wrong on purpose (code.delta_layer, mistake gprime_at_preactivation): the slope written with the
// pre-activation, a(1 − a), where σ(a)(1 − σ(a)) belongs.
#include "nnwb_code.hpp"

Vector sigmoid_layer_delta(const Vector& a, const Matrix& W_next, const Vector& delta_next) {
  const Vector back = W_next.transpose() * delta_next;
  return (a.array() * (1.0 - a.array()) * back.array()).matrix();  // should be z(1 − z), z = σ(a)
}
