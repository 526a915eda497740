// Wrong on purpose (code.output_delta, mistake extra_gprime): the cross-entropy delta multiplied by
// the sigmoid's slope once more, though it has cancelled; the MSE delta is right.
#include "nnwb_code.hpp"

Vector mse_output_delta(const Vector& yhat, const Vector& y) {
  return ((yhat - y).array() * yhat.array() * (1.0 - yhat.array())).matrix();
}

Vector ce_output_delta(const Vector& yhat, const Vector& y) {
  const double n = static_cast<double>(yhat.size());
  return ((yhat - y).array() * yhat.array() * (1.0 - yhat.array()) / n).matrix();  // should be (ŷ − y)/N
}
