// Wrong on purpose (code.softmax_ce, mistake t_minus_y): the gradient t − y, its sign reversed; the
// loss is right.
#include "nnwb_code.hpp"

double softmax_ce_loss(const Vector& a, const Vector& t) {
  const double m = a.maxCoeff();
  const Vector log_y = (a.array() - m - std::log((a.array() - m).exp().sum())).matrix();
  return -t.dot(log_y);
}

Vector softmax_ce_gradient(const Vector& a, const Vector& t) {
  const Vector e = (a.array() - a.maxCoeff()).exp().matrix();
  return t - e / e.sum();  // should be y − t
}
