// Wrong on purpose (code.softmax): does not compile (softmax_jacobian uses `y` before declaring
// it), so the grader reports the compiler's message.
#include "nnwb_code.hpp"

Vector softmax(const Vector& a) {
  const Vector e = (a.array() - a.maxCoeff()).exp().matrix();
  return e / e.sum();
}

Matrix softmax_jacobian(const Vector& a) {
  Matrix J = y.asDiagonal();  // error: 'y' was not declared in this scope
  const Vector y = softmax(a);
  return J - y * y.transpose();
}
