// Reference solution of code.output_delta (chapter 2, mse_vs_ce; EDI "Training single layer neural
// network with MSE (cont.)", "Another training criterion – cross-entropy error"): the output delta
// ∂E/∂a of a sigmoid node ŷ = g(a), for the squared error and for the mean cross-entropy.
#include "nnwb_code.hpp"

// E_MSE = ½ Σₙ (ŷₙ − yₙ)². yhat, y: (N).
Vector mse_output_delta(const Vector& yhat, const Vector& y) {
  const Eigen::ArrayXd de_dyhat = (yhat - y).array();                 // ∂E/∂ŷₙ = ŷₙ − yₙ
  const Eigen::ArrayXd slope = yhat.array() * (1.0 - yhat.array());   // ∂ŷₙ/∂aₙ = g'(aₙ) = ŷₙ(1 − ŷₙ)
  return (de_dyhat * slope).matrix();                                  // δₙ = ∂E/∂ŷₙ · ∂ŷₙ/∂aₙ
}

// E_H = −(1/N) Σₙ {yₙ ln ŷₙ + (1 − yₙ) ln(1 − ŷₙ)}. yhat, y: (N).
Vector ce_output_delta(const Vector& yhat, const Vector& y) {
  // ∂E_H/∂ŷₙ = (1/N)(ŷₙ − yₙ) / (ŷₙ(1 − ŷₙ)), and g'(aₙ) = ŷₙ(1 − ŷₙ) cancels its denominator:
  return (yhat - y) / static_cast<double>(yhat.size());  // δₙ = (ŷₙ − yₙ)/N
}
