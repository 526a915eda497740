// Reference solution of code.two_layer_backward (chapter 5, delta_recursion; IC "Error
// backpropagation"; PD "Error gradient: output nodes", "hidden nodes", "Partial derivatives wrt
// weights"): one sample through a sigmoid hidden layer and a softmax output with the cross-entropy,
// forward and backward.
#include "nnwb_code.hpp"

namespace {

Vector sigmoid(const Vector& a) { return (1.0 / (1.0 + (-a.array()).exp())).matrix(); }

// ln softmax(a)_k = a_k − m − ln Σ_j e^(a_j − m), m = max_k a_k: no overflow, and no ln 0. (K) → (K)
Vector log_softmax(const Vector& a) {
  const double m = a.maxCoeff();
  return (a.array() - m - std::log((a.array() - m).exp().sum())).matrix();
}

}  // namespace

// x: (d); t: (K) one-hot; W1: (h × d); b1: (h); W2: (K × h); b2: (K).
double two_layer_loss(const Vector& x, const Vector& t, const Matrix& W1, const Vector& b1, const Matrix& W2,
                      const Vector& b2) {
  const Vector a1 = W1 * x + b1;   // a¹ = W1 x + b1: (h)
  const Vector z1 = sigmoid(a1);   // z¹ = σ(a¹): (h)
  const Vector a2 = W2 * z1 + b2;  // a² = W2 z¹ + b2: (K)
  return -t.dot(log_softmax(a2));  // E = −Σ_k t_k ln ŷ_k, ŷ = softmax(a²)
}

std::tuple<Matrix, Vector, Matrix, Vector> two_layer_backward(const Vector& x, const Vector& t, const Matrix& W1,
                                                              const Vector& b1, const Matrix& W2, const Vector& b2) {
  // forward, as in two_layer_loss, keeping what the backward pass needs
  const Vector a1 = W1 * x + b1;                     // (h)
  const Vector z1 = sigmoid(a1);                     // (h)
  const Vector a2 = W2 * z1 + b2;                    // (K)
  const Vector y = log_softmax(a2).array().exp().matrix();  // ŷ = softmax(a²): (K)

  // backward: the delta recursion
  const Vector delta2 = y - t;  // δ² = ∂E/∂a² = ŷ − t (softmax with the cross-entropy): (K)
  const Vector delta1 = (z1.array() * (1.0 - z1.array()) * (W2.transpose() * delta2).array()).matrix();
  //                       δ¹ = σ'(a¹) ∘ (W2ᵀ δ²), σ'(a¹) = z¹(1 − z¹): (h)
  const Matrix dW2 = delta2 * z1.transpose();  // ∂E/∂W2 = δ² z¹ᵀ: (K × h)
  const Matrix dW1 = delta1 * x.transpose();   // ∂E/∂W1 = δ¹ xᵀ: (h × d)
  return {dW1, delta1, dW2, delta2};           // ∂E/∂b1 = δ¹, ∂E/∂b2 = δ²
}
