// Wrong on purpose (code.softmax, mistake diagonal_only): the Jacobian's diagonal y_i(1 − y_i) only,
// its off-diagonal entries −y_i y_j taken as 0.
#include "nnwb_code.hpp"

Vector softmax(const Vector& a) {
  const Vector e = (a.array() - a.maxCoeff()).exp().matrix();
  return e / e.sum();
}

Matrix softmax_jacobian(const Vector& a) {
  const Vector y = softmax(a);
  return Vector(y.array() * (1.0 - y.array())).asDiagonal();  // the off-diagonal −y_i y_j are missing
}
