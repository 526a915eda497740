// Wrong on purpose (code.perceptron_update, mistake sign_flipped): subtracts ηφt from the weights of
// a misclassified point instead of adding it.
#include "nnwb_code.hpp"

Vector perceptron_update(const Vector& w, const Vector& phi, double t, double eta) {
  if (t * w.dot(phi) <= 0) return w - eta * phi * t;  // should be w + η φ t
  return w;
}
