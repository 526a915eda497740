#pragma once
/// @file bias_column.hpp
/// BMB's matrix notation: the bias is the first column of W and the bias unit a₀ = 1 is the first
/// entry of a layer's activations. Lecture steps: BMB "Notation for Logical XNOR with MLP",
/// "Neural Networks with Matrices", "Neural Networks Feedforward".
///
///   z⁽ʲ⁺¹⁾ = W⁽ʲ⁾ [a₀⁽ʲ⁾; a⁽ʲ⁾],   a₀⁽ʲ⁾ = 1,   W⁽ʲ⁾: (s_{j+1}, s_j + 1)
///
/// The library's Mlp keeps W and b apart (a = W z + b, mlp.hpp); these functions convert between
/// the two forms, so a chapter can print BMB's matrices and run the Mlp on the same numbers:
///   W_BMB = [b | W],   ∂J/∂W_BMB = [∂J/∂b | ∂J/∂W].
///
/// Shapes, one legend for the file: s inputs to the layer, o outputs, m samples.
///   a: (s)   [1; a]: (s+1)   A: (s, m)   [1ᵀ; A]: (s+1, m)   W_BMB: (o, s+1)   W: (o, s)   b: (o)
///
/// Example (BMB's XNOR hidden layer, input (1, 1)):
/// @code
/// Eigen::MatrixXd W1(2, 3);
/// W1 << -0.3, 0.2, 0.2,
///        0.2, -0.2, -0.2;
/// const Eigen::VectorXd z2 = W1 * nnwb::with_bias_unit(Eigen::Vector2d(1, 1));  // (0.1, −0.2)
/// const nnwb::DenseLayer layer = nnwb::dense_from_bias_column(W1, nnwb::Activation::step());
/// // layer.bias = (−0.3, 0.2), layer.weights = [[0.2, 0.2], [−0.2, −0.2]]
/// @endcode

#include <Eigen/Core>

#include "nnwb/mlp.hpp"

namespace nnwb {

/// [a₀; a] with the bias unit a₀ = 1 in front. a: (s) → (s+1)
Eigen::VectorXd with_bias_unit(const Eigen::VectorXd& a);

/// [1ᵀ; A]: a row of ones (one bias unit per sample) above A. A: (s, m) → (s+1, m)
Eigen::MatrixXd with_bias_row(const Eigen::MatrixXd& A);

/// W_BMB without its bias column: the weights on the units a₁ … a_s. W_BMB: (o, s+1) → (o, s)
Eigen::MatrixXd without_bias_column(const Eigen::MatrixXd& W);

/// A DenseLayer from BMB's W: b = W_BMB[:, 0], W = W_BMB[:, 1:]. W_BMB: (o, s+1). Throws
/// std::invalid_argument when W has no column.
DenseLayer dense_from_bias_column(const Eigen::MatrixXd& W, Activation g);

/// BMB's W = [b | W] from a DenseLayer. → (o, s+1)
Eigen::MatrixXd bias_column_weights(const DenseLayer& layer);

/// [∂J/∂b | ∂J/∂W]: a layer's gradients in the shape of BMB's W. dW: (o, s), db: (o) → (o, s+1)
Eigen::MatrixXd bias_column_gradient(const Eigen::MatrixXd& dW, const Eigen::VectorXd& db);

}  // namespace nnwb
