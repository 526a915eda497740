// Wrong on purpose (code.two_layer_backward, mistake no_gprime): the hidden deltas without the
// sigmoid's slope, δ¹ = W2ᵀ δ² (so ∂E/∂W1 and ∂E/∂b1 are wrong).
#include "nnwb_code.hpp"

namespace {
Vector sigmoid(const Vector& a) { return (1.0 / (1.0 + (-a.array()).exp())).matrix(); }
Vector log_softmax(const Vector& a) {
  const double m = a.maxCoeff();
  return (a.array() - m - std::log((a.array() - m).exp().sum())).matrix();
}
}  // namespace

double two_layer_loss(const Vector& x, const Vector& t, const Matrix& W1, const Vector& b1, const Matrix& W2,
                      const Vector& b2) {
  return -t.dot(log_softmax(W2 * sigmoid(W1 * x + b1) + b2));
}

std::tuple<Matrix, Vector, Matrix, Vector> two_layer_backward(const Vector& x, const Vector& t, const Matrix& W1,
                                                              const Vector& b1, const Matrix& W2, const Vector& b2) {
  const Vector z1 = sigmoid(W1 * x + b1);
  const Vector y = log_softmax(W2 * z1 + b2).array().exp().matrix();
  const Vector delta2 = y - t;
  const Vector delta1 = W2.transpose() * delta2;  // should be σ'(a¹) ∘ (W2ᵀ δ²)
  return {delta1 * x.transpose(), delta1, delta2 * z1.transpose(), delta2};
}
