// Wrong on purpose (code.softmax_ce, mistake sign): the loss without its minus sign, Σ_k t_k ln y_k;
// the gradient is right.
#include "nnwb_code.hpp"

double softmax_ce_loss(const Vector& a, const Vector& t) {
  const double m = a.maxCoeff();
  const Vector log_y = (a.array() - m - std::log((a.array() - m).exp().sum())).matrix();
  return t.dot(log_y);  // should be −Σ_k t_k ln y_k
}

Vector softmax_ce_gradient(const Vector& a, const Vector& t) {
  const Vector e = (a.array() - a.maxCoeff()).exp().matrix();
  return e / e.sum() - t;
}
