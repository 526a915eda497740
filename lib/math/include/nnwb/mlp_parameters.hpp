#pragma once
/// @file mlp_parameters.hpp
/// An Mlp as a function of one parameter vector θ: every weight and bias in one column, and the
/// Jacobian of a one-output network's outputs with respect to θ, one row per sample, from the
/// backward pass's per-sample deltas. Lecture steps: PD "Partial derivatives wrt weights"
/// (∂E_n/∂w_ij = δ_j z_i), EDI "The derivatives of the error function (two-layers)".
///
/// θ's order, layer by layer: vec(W_1) (column by column), b_1, vec(W_2), b_2, …
/// For a 1-3-1 network: θ = (w₁₁, w₂₁, w₃₁, b₁, b₂, b₃, v₁, v₂, v₃, c) with W_1 = (w_j1): (3, 1),
/// b_1: (3), W_2 = (v₁ v₂ v₃): (1, 3), b_2 = (c).
///
/// The Jacobian row of sample n, for layer l (the same formula as the weight gradient, per sample):
///   ∂y_n/∂(W_l)_{oi} = (δ_l)_{on} (z_{l−1})_{in},   ∂y_n/∂(b_l)_o = (δ_l)_{on},   δ_L = g_L'(a_L)
///
/// Example:
/// @code
/// const Eigen::VectorXd theta = nnwb::parameters_of(net);          // (P)
/// const Eigen::MatrixXd J = nnwb::output_jacobian(net, X);          // X: (D_in, N) → (N, P)
/// const nnwb::Mlp moved = nnwb::with_parameters(net, theta + step);  // same shape, new numbers
/// @endcode

#include <Eigen/Core>

#include "nnwb/mlp.hpp"

namespace nnwb {

/// The number of weights and biases, P = Σ_l out_l (in_l + 1).
Eigen::Index parameter_count(const Mlp& network);

/// θ: every weight and bias, layer by layer: vec(W_l) then b_l. → (P)
Eigen::VectorXd parameters_of(const Mlp& network);

/// The network with the same layers and activations and θ's numbers. θ: (P); throws
/// std::invalid_argument if its length is not parameter_count(shape).
Mlp with_parameters(const Mlp& shape, const Eigen::VectorXd& theta);

/// A backward pass's gradients ∂E/∂W_l, ∂E/∂b_l as one vector in θ's order. → (P)
Eigen::VectorXd gradient_vector(const BackwardPass& backward);

/// ∂y_n/∂θ for a network with one output: row n is the gradient of the output at sample n.
/// X: (D_in, N) → (N, P). Throws std::invalid_argument if the network has more than one output.
Eigen::MatrixXd output_jacobian(const Mlp& network, const Eigen::MatrixXd& inputs);

}  // namespace nnwb
