// Reference solution of code.softmax (chapter 3, softmax_jacobian; PD Appendix A "Softmax output",
// "Derivative of softmax (1/4)…(4/4)"): the softmax and its Jacobian.
#include "nnwb_code.hpp"

// a, y: (K).
Vector softmax(const Vector& a) {
  const double m = a.maxCoeff();                              // m = max_k a_k
  const Vector e = (a.array() - m).exp().matrix();            // e^(a_k − m) ≤ 1: nothing overflows
  return e / e.sum();                                          // y_k = e^(a_k − m) / Σ_j e^(a_j − m)
}

// a: (K); J: (K × K).
Matrix softmax_jacobian(const Vector& a) {
  const Vector y = softmax(a);
  Matrix J = y.asDiagonal();   // δ_ij y_i
  J -= y * y.transpose();      // J_ij = y_i(δ_ij − y_j) = δ_ij y_i − y_i y_j
  return J;
}
