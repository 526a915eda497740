#pragma once
/// @file threshold_unit.hpp
/// McCulloch–Pitts threshold units as BMB writes them: h_W(x) = g(W₀·(−1) + W₁x₁ + … + W_nx_n),
/// g the step function (nnwb::step: 1 if its input is > 0, else 0), on Boolean inputs x_i ∈ {0, 1}.
/// Lecture steps: BMB "McCulloch-Pitts: Unit", "Implementing Logical Functions", "Expressiveness
/// of Perceptrons".
///
/// Convention (BMB): the bias input is −1, not +1, so W₀ is a *threshold*: the unit fires when
/// W₁x₁ + … + W_nx_n > W₀. (PD's w₀ on x₀ = 1 is −W₀.)
/// Shapes, one legend for the file: n inputs.
///   x: (n)   x̃: (n+1)   W: (n+1) = (W₀, W₁, …, W_n)   X: (2ⁿ, n), row k is the k-th input
///
/// Example (AND with the classic weights W = (1.5, 1, 1)):
/// @code
/// const Eigen::VectorXd W = Eigen::Vector3d(1.5, 1, 1);
/// const double h = nnwb::threshold_unit(W, Eigen::Vector2d(1, 1));  // in = −1.5 + 1 + 1 = 0.5, h = 1
/// @endcode

#include <Eigen/Core>

namespace nnwb {

/// BMB's input with the bias input in front: x̃ = (−1, x₁, …, x_n)ᵀ. x: (n) → (n+1)
Eigen::VectorXd bias_minus_one_input(const Eigen::VectorXd& x);

/// The unit's weighted input in = W₀·(−1) + Σ_i W_i x_i = Wᵀx̃. W: (n+1), x: (n)
double threshold_unit_input(const Eigen::VectorXd& W, const Eigen::VectorXd& x);

/// The unit's output h_W(x) = g(in) with g = nnwb::step (g(0) = 0). W: (n+1), x: (n)
double threshold_unit(const Eigen::VectorXd& W, const Eigen::VectorXd& x);

/// All 2ⁿ Boolean inputs in counting order, x₁ the most significant bit: row k holds the binary
/// digits of k (n = 2: (0,0), (0,1), (1,0), (1,1)). → (2ⁿ, n)
Eigen::MatrixXd boolean_inputs(int n);

/// The unit's outputs on every row of X: h_k = h_W(x_k). W: (n+1), X: (N, n) → (N)
Eigen::VectorXd threshold_unit_outputs(const Eigen::VectorXd& W, const Eigen::MatrixXd& X);

/// Whether the unit computes the truth table t on the inputs X (h_W(x_k) = t_k for every k), with
/// every |in_k| ≥ margin (margin > 0 keeps every input off the threshold, where g(0) = 0 decides).
/// W: (n+1), X: (N, n), t: (N)
bool implements(const Eigen::VectorXd& W, const Eigen::MatrixXd& X, const Eigen::VectorXd& t,
                double margin = 0.0);

}  // namespace nnwb
