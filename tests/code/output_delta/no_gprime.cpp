// Wrong on purpose (code.output_delta, mistake no_gprime): the MSE delta without the sigmoid's slope,
// ŷ − y; the cross-entropy delta is right.
#include "nnwb_code.hpp"

Vector mse_output_delta(const Vector& yhat, const Vector& y) {
  return yhat - y;  // should be (ŷ − y) ŷ(1 − ŷ)
}

Vector ce_output_delta(const Vector& yhat, const Vector& y) { return (yhat - y) / static_cast<double>(yhat.size()); }
