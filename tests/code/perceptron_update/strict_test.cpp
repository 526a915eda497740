// Wrong on purpose (code.perceptron_update, mistake strict_test): tests t wᵀφ < 0, so a point on the
// boundary (t wᵀφ = 0) is left alone.
#include "nnwb_code.hpp"

Vector perceptron_update(const Vector& w, const Vector& phi, double t, double eta) {
  if (t * w.dot(phi) < 0) return w + eta * phi * t;  // should be ≤ 0
  return w;
}
