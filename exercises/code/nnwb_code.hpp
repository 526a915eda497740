#ifndef NNWB_CODE_HPP
#define NNWB_CODE_HPP
/// @file nnwb_code.hpp
/// The functions of nnwb's code exercises, in C++ (issue 13). A submission is one .cpp file that
/// includes this header and defines the functions of its exercise; `nnwb-exercise template
/// EXERCISE --language cpp` writes a starter file. The grader compiles it with a harness that calls
/// the functions on the numbers of several variants and compares every result with the chapter's
/// trace, step by step.
///
/// Vectors are columns (Eigen::VectorXd), matrices Eigen::MatrixXd; shapes are in the comments.
/// Write to standard error or output as you like while you debug: the harness keeps its own
/// channel apart. An exception thrown by a function is reported for that call, and the other calls
/// still run.

// A failed Eigen assertion (a product of the wrong shapes) throws, so that it is reported for the
// call that made it instead of ending the program.
#include <stdexcept>
#include <string>
namespace nnwb_code_detail {
[[noreturn]] inline void eigen_assertion_failed(const char* condition) {
  throw std::logic_error(std::string("an Eigen assertion failed (shapes that do not fit?): ") + condition);
}
}  // namespace nnwb_code_detail
#ifndef eigen_assert
#define eigen_assert(x) ((x) ? static_cast<void>(0) : ::nnwb_code_detail::eigen_assertion_failed(#x))
#endif

#include <Eigen/Dense>
#include <cmath>
#include <tuple>

using Vector = Eigen::VectorXd;
using Matrix = Eigen::MatrixXd;

// The harness declares the functions weak, so that it links whichever of them a submission defines.
#ifndef NNWB_CODE_FUNCTION
#define NNWB_CODE_FUNCTION
#endif

// ---- code.perceptron_update: chapter perceptron -------------------------------------------------
/// One visit of the perceptron learning rule: if t·wᵀφ ≤ 0 (misclassified, or on the boundary)
/// then w ← w + η φ t, else w is kept. w, phi: (d + 1), the bias first; t = ±1.
NNWB_CODE_FUNCTION Vector perceptron_update(const Vector& w, const Vector& phi, double t, double eta);

// ---- code.activation_derivatives: chapter tanh_derivative ---------------------------------------
/// f'(a) for f = tanh: 1 − tanh²(a).
NNWB_CODE_FUNCTION double tanh_derivative(double a);
/// σ'(x) for the logistic sigmoid σ(x) = 1 / (1 + e^−x): σ(x)(1 − σ(x)).
NNWB_CODE_FUNCTION double sigmoid_derivative(double x);

// ---- code.softmax: chapter softmax_jacobian -----------------------------------------------------
/// y_k = e^(a_k − m) / Σ_j e^(a_j − m), m = max_k a_k. a, y: (K).
NNWB_CODE_FUNCTION Vector softmax(const Vector& a);
/// J_ij = ∂y_i/∂a_j = y_i(δ_ij − y_j). a: (K); J: (K × K).
NNWB_CODE_FUNCTION Matrix softmax_jacobian(const Vector& a);

// ---- code.softmax_ce: chapter softmax_jacobian --------------------------------------------------
/// E = −Σ_k t_k ln y_k with y = softmax(a). a, t: (K), t one-hot.
NNWB_CODE_FUNCTION double softmax_ce_loss(const Vector& a, const Vector& t);
/// ∂E/∂a = y − t. a, t: (K); the gradient: (K).
NNWB_CODE_FUNCTION Vector softmax_ce_gradient(const Vector& a, const Vector& t);

// ---- code.output_delta: chapter mse_vs_ce -------------------------------------------------------
/// δ_n = ∂E_MSE/∂a_n = (ŷ_n − y_n) ŷ_n(1 − ŷ_n) for E_MSE = ½ Σ_n (ŷ_n − y_n)², ŷ = σ(a). yhat, y: (N).
NNWB_CODE_FUNCTION Vector mse_output_delta(const Vector& yhat, const Vector& y);
/// δ_n = ∂E_H/∂a_n = (ŷ_n − y_n) / N for the mean cross-entropy E_H = −(1/N) Σ_n {y_n ln ŷ_n +
/// (1 − y_n) ln(1 − ŷ_n)}. yhat, y: (N).
NNWB_CODE_FUNCTION Vector ce_output_delta(const Vector& yhat, const Vector& y);

// ---- code.gate: chapter graph_xyz ---------------------------------------------------------------
/// f(x, y, z) = (x + y) z.
NNWB_CODE_FUNCTION double gate_forward(double x, double y, double z);
/// (∂f/∂x, ∂f/∂y, ∂f/∂z), each the upstream gradient times the gate's local gradient.
NNWB_CODE_FUNCTION std::tuple<double, double, double> gate_backward(double x, double y, double z);

// ---- code.delta_layer: chapter delta_recursion --------------------------------------------------
/// One step of the delta recursion through a sigmoid layer: δ = σ'(a) ∘ (W_nextᵀ δ_next).
/// a, delta: (h); W_next: (k × h); delta_next: (k).
NNWB_CODE_FUNCTION Vector sigmoid_layer_delta(const Vector& a, const Matrix& W_next, const Vector& delta_next);

// ---- code.two_layer_backward: chapter delta_recursion -------------------------------------------
/// The loss of one sample of the two-layer network: a¹ = W1 x + b1, z¹ = σ(a¹), a² = W2 z¹ + b2,
/// ŷ = softmax(a²), E = −Σ_k t_k ln ŷ_k. x: (d); t: (K) one-hot; W1: (h × d); b1: (h); W2: (K × h); b2: (K).
NNWB_CODE_FUNCTION double two_layer_loss(const Vector& x, const Vector& t, const Matrix& W1, const Vector& b1,
                                         const Matrix& W2, const Vector& b2);
/// The gradients of that loss, (∂E/∂W1, ∂E/∂b1, ∂E/∂W2, ∂E/∂b2), shaped as W1, b1, W2, b2:
/// δ² = ŷ − t, δ¹ = σ'(a¹) ∘ (W2ᵀ δ²), ∂E/∂W^(l) = δ^(l) (z^(l−1))ᵀ, ∂E/∂b^(l) = δ^(l).
NNWB_CODE_FUNCTION std::tuple<Matrix, Vector, Matrix, Vector> two_layer_backward(const Vector& x, const Vector& t,
                                                                                  const Matrix& W1, const Vector& b1,
                                                                                  const Matrix& W2, const Vector& b2);

#endif  // NNWB_CODE_HPP
