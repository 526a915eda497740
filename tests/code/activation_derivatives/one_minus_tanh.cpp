// Wrong on purpose (code.activation_derivatives, mistake one_minus_tanh): tanh's slope 1 − tanh(a),
// the square left out; the sigmoid's slope is right.
#include "nnwb_code.hpp"

double tanh_derivative(double a) { return 1.0 - std::tanh(a); }  // should be 1 − tanh(a)²

double sigmoid_derivative(double x) {
  const double s = 1.0 / (1.0 + std::exp(-x));
  return s * (1.0 - s);
}
