// Wrong on purpose (code.softmax, mistake not_normalised): softmax returns the shifted exponentials
// e^(a − m) without dividing by their sum. The Jacobian is right (it does not use this softmax).
#include "nnwb_code.hpp"

Vector softmax(const Vector& a) {
  return (a.array() - a.maxCoeff()).exp().matrix();  // should be divided by its sum
}

Matrix softmax_jacobian(const Vector& a) {
  const Vector e = (a.array() - a.maxCoeff()).exp().matrix();
  const Vector y = e / e.sum();
  Matrix J = y.asDiagonal();
  J -= y * y.transpose();
  return J;
}
