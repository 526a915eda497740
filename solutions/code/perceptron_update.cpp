// Reference solution of code.perceptron_update (chapter 1, perceptron; PD "The perceptron algorithm
// (7/7)"): one visit of the perceptron rule.
#include "nnwb_code.hpp"

// w, phi: (d + 1), the bias first; t = ±1.
Vector perceptron_update(const Vector& w, const Vector& phi, double t, double eta) {
  // test: misclassified when t wᵀφ ≤ 0 (a point on the boundary too)
  if (t * w.dot(phi) <= 0) return w + eta * phi * t;  // add (t = +1) or subtract (t = −1): w ← w + η φ t
  return w;                                           // correctly classified: w is kept
}
