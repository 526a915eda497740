#pragma once
/// @file single_layer.hpp
/// A single layer of neurons with several outputs, in CTU's row convention, and its training by
/// gradient descent on the sum of squared errors: the forward pass, the gradient, the three update
/// rules of one online step (per weight, per neuron, whole matrix) and the batch step.
/// Lecture steps: CTU "Neural Network with a Single Layer of Neurons" (y⃗ = f(ξ⃗) = f(x⃗W),
/// Y = f(Ξ) = f(XW)), "Single-Layer Neural Network with a Continuous Activation Function" (E_SSE,
/// ∂E_p/∂w_ij, the three update rules, the batch version), "General Gradient Descent Algorithm
/// (GD)", "General Batch Gradient Descent Algorithm (Batch GD)"; EDI "Single-layer network with
/// multiple output nodes", "The derivatives of the error function (single-layer)" (the same
/// layer with W transposed: W_EDI = Wᵀ, y = g(W_EDI x)).
///
/// CTU's convention: one sample per row. A sample x⃗ = (1, x₁, …, x_n) is a row with the bias input
/// x₀ = 1 first; W has one column per neuron and the biases in its first row.
/// Shapes, one legend for the file (n inputs, m neurons, N samples):
///   x⃗: (n+1), read as a row   d⃗, ξ⃗, y⃗: (m)   W: (n+1, m)   X: (N, n+1)   D, Ξ, Y: (N, m)
///
///   ξ⃗ = x⃗W,   y⃗ = f(ξ⃗)                                   Ξ = XW,   Y = f(Ξ)
///   E_p(W) = ½ Σ_j (d_pj − y_pj)²                         E_SSE(W) = Σ_p E_p(W)
///   ∂E_p/∂w_ij = −(d_pj − y_pj) f'(ξ_pj) x_pi             ∂E_SSE/∂W = −Xᵀ[f'(Ξ) ∘ (D − Y)]
///   per weight:   w_ij ← w_ij + α (d_j − y_j) f'(ξ_j) x_i
///   per neuron:   w⃗_j  ← w⃗_j  + α (d_j − y_j) f'(ξ_j) x⃗ᵀ
///   whole matrix: W    ← W    + α x⃗ᵀ[f'(ξ⃗) ∘ (d⃗ − y⃗)]      (an outer product: (n+1)×1 times 1×m)
///   batch:        W    ← W    + α Xᵀ[f'(Ξ) ∘ (D − Y)]       (= W − α ∂E_SSE/∂W, the sum over samples)
///
/// Example (one online step of CTU's animal network):
/// @code
/// const Eigen::Vector4d cat(1, -1, 0, -1);          // x⃗ = (1, Size, Fur, Talks?)
/// const Eigen::Vector4d is_cat(1, -1, -1, -1);      // d⃗: ±1 one-hot (Cat, Dog, Parrot, Carp)
/// const Eigen::MatrixXd w0 = Eigen::MatrixXd::Constant(4, 4, 0.1);
/// const auto tanh = nnwb::Activation::tanh();
/// const Eigen::MatrixXd w1 = nnwb::single_layer_update(cat, w0, is_cat, tanh, 0.1);
/// // the same as UpdateRule::per_weight and UpdateRule::per_neuron, and as
/// // w0 − 0.1 · single_layer_sample_gradient(cat, w0, is_cat, tanh)
/// @endcode

#include <Eigen/Core>
#include <string_view>
#include <vector>

#include "nnwb/activations.hpp"

namespace nnwb {

// ---- Forward ------------------------------------------------------------------------------------

/// The potentials of one sample, ξ⃗ = x⃗W: ξ_j = Σ_i x_i w_ij. x⃗: (n+1), W: (n+1, m) → (m)
Eigen::VectorXd single_layer_potential(const Eigen::VectorXd& x, const Eigen::MatrixXd& w);
/// The outputs of one sample, y⃗ = f(ξ⃗). → (m)
Eigen::VectorXd single_layer_output(const Eigen::VectorXd& x, const Eigen::MatrixXd& w, Activation f);
/// The potentials of a batch, Ξ = XW. X: (N, n+1), W: (n+1, m) → (N, m)
Eigen::MatrixXd single_layer_potentials(const Eigen::MatrixXd& x, const Eigen::MatrixXd& w);
/// The outputs of a batch, Y = f(Ξ) = f(XW). → (N, m)
Eigen::MatrixXd single_layer_outputs(const Eigen::MatrixXd& x, const Eigen::MatrixXd& w, Activation f);

// ---- The error and its gradient -------------------------------------------------------------

/// One sample's error, E_p(W) = ½ Σ_j (d_pj − y_pj)².
double single_layer_sample_error(const Eigen::VectorXd& x, const Eigen::MatrixXd& w, const Eigen::VectorXd& d,
                                 Activation f);
/// ∂E_p/∂W: entry (i, j) is −(d_pj − y_pj) f'(ξ_pj) x_pi, i.e. −x⃗ᵀ[f'(ξ⃗) ∘ (d⃗ − y⃗)]. → (n+1, m)
Eigen::MatrixXd single_layer_sample_gradient(const Eigen::VectorXd& x, const Eigen::MatrixXd& w,
                                             const Eigen::VectorXd& d, Activation f);
/// CTU's E_SSE(W) = ½ Σ_p Σ_j (d_pj − y_pj)² = Σ_p E_p(W). X: (N, n+1), D: (N, m)
double single_layer_sse(const Eigen::MatrixXd& x, const Eigen::MatrixXd& w, const Eigen::MatrixXd& d, Activation f);
/// ∂E_SSE/∂W = −Xᵀ[f'(Ξ) ∘ (D − Y)] = Σ_p ∂E_p/∂W (a sum over the samples, not a mean). → (n+1, m)
Eigen::MatrixXd single_layer_sse_gradient(const Eigen::MatrixXd& x, const Eigen::MatrixXd& w,
                                          const Eigen::MatrixXd& d, Activation f);

// ---- One online step: the three update rules ------------------------------------------------

/// CTU's rule for a single weight: w_ij + α (d_j − y_j) f'(ξ_j) x_i, the new value of w_ij.
double single_weight_update(const Eigen::VectorXd& x, const Eigen::MatrixXd& w, const Eigen::VectorXd& d,
                            Activation f, double alpha, Eigen::Index i, Eigen::Index j);
/// CTU's rule for a single neuron: w⃗_j + α (d_j − y_j) f'(ξ_j) x⃗ᵀ, the new column j of W. → (n+1)
Eigen::VectorXd single_neuron_update(const Eigen::VectorXd& x, const Eigen::MatrixXd& w, const Eigen::VectorXd& d,
                                     Activation f, double alpha, Eigen::Index j);
/// CTU's rule for the whole layer: W + α x⃗ᵀ[f'(ξ⃗) ∘ (d⃗ − y⃗)]. → (n+1, m)
Eigen::MatrixXd single_layer_update(const Eigen::VectorXd& x, const Eigen::MatrixXd& w, const Eigen::VectorXd& d,
                                    Activation f, double alpha);

/// Which of the three rules an online step applies; all three give the same W.
enum class UpdateRule { per_weight, per_neuron, whole_matrix };
std::string_view update_rule_name(UpdateRule rule);

/// One online step by the chosen rule: per_weight applies single_weight_update to every (i, j),
/// per_neuron applies single_neuron_update to every column, whole_matrix is single_layer_update.
/// Every rule reads y⃗ and ξ⃗ at the old W (the update is simultaneous). → (n+1, m)
Eigen::MatrixXd single_layer_online_step(const Eigen::VectorXd& x, const Eigen::MatrixXd& w,
                                         const Eigen::VectorXd& d, Activation f, double alpha,
                                         UpdateRule rule = UpdateRule::whole_matrix);

/// One epoch of online training: the samples (rows of X, D) presented in order p = 1 … N, each
/// followed by its whole-matrix update. → (n+1, m)
Eigen::MatrixXd single_layer_online_epoch(const Eigen::MatrixXd& x, const Eigen::MatrixXd& w,
                                          const Eigen::MatrixXd& d, Activation f, double alpha);

// ---- The batch step -------------------------------------------------------------------------

/// CTU's batch step: W + α Xᵀ[f'(Ξ) ∘ (D − Y)] = W − α ∂E_SSE/∂W. → (n+1, m)
Eigen::MatrixXd single_layer_batch_step(const Eigen::MatrixXd& x, const Eigen::MatrixXd& w,
                                        const Eigen::MatrixXd& d, Activation f, double alpha);

// ---- Picking the class ----------------------------------------------------------------------

/// The winning class of each sample, k_max = argmax_k y_pk (the first, on a tie). Y: (N, m) → N indices
std::vector<Eigen::Index> winning_classes(const Eigen::MatrixXd& y);

}  // namespace nnwb
