// Reference solution of code.activation_derivatives (chapter 4, tanh_derivative; PD Appendix B
// "Derivative of tanh"): the slopes of tanh and of the logistic sigmoid, at the pre-activation.
#include "nnwb_code.hpp"

double tanh_derivative(double a) {
  const double f = std::tanh(a);  // f(a) first: the slope is written with it
  return 1.0 - f * f;             // f'(a) = 1 − f(a)²
}

double sigmoid_derivative(double x) {
  const double s = 1.0 / (1.0 + std::exp(-x));  // σ(x) first (e^−x = ∞ for x ≪ 0 gives σ = 0, as it should)
  return s * (1.0 - s);                          // σ'(x) = σ(x)(1 − σ(x))
}
