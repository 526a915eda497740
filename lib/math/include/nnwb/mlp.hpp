#pragma once
/// @file mlp.hpp
/// Dense layers and a multilayer perceptron on Eigen, with backpropagation by the delta recursion.
/// Lecture steps: EDI "The derivatives of the error function (two-layers)", "Error back
/// propagation"; PD "Error gradient: output nodes", "hidden nodes", "Partial derivatives wrt
/// weights"; CTU "Backpropagation Algorithm (Matrix – Iterative Variant)", "(Batch Variant)".
///
/// Convention (EDI, PD, IC): column vectors, W of shape out×in, a = W z + b, z' = g(a), and
/// δ = ∂E/∂a. A batch holds one sample per column.
/// Shapes: X: (D_in, N); for layer l, W_l: (out_l, in_l), b_l: (out_l), a_l and z_l: (out_l, N).
///
/// Forward and backward, side by side:
///   forward  a_l = W_l z_{l−1} + b_l 1ᵀ,   z_l = g_l(a_l),   z_0 = X
///   backward δ_L = g_L'(a_L) ∘ ∂E/∂z_L                         (output deltas)
///            δ_l = g_l'(a_l) ∘ (W_{l+1}ᵀ δ_{l+1})              (the delta recursion)
///            ∂E/∂W_l = δ_l z_{l−1}ᵀ,   ∂E/∂b_l = δ_l 1         (summed over the batch)

#include <Eigen/Core>
#include <vector>

#include "nnwb/activations.hpp"

namespace nnwb {

/// One fully connected layer: a = W z + b, z' = g(a).
struct DenseLayer {
  Eigen::MatrixXd weights;  ///< W: (out, in)
  Eigen::VectorXd bias;     ///< b: (out)
  Activation activation;    ///< g

  Eigen::Index inputs() const { return weights.cols(); }
  Eigen::Index outputs() const { return weights.rows(); }
};

/// What the forward pass keeps for the backward pass: every pre-activation and activation.
struct ForwardPass {
  std::vector<Eigen::MatrixXd> pre_activations;  ///< a_l: (out_l, N), l = 1…L (index l−1)
  std::vector<Eigen::MatrixXd> activations;      ///< z_l: (out_l, N), l = 0…L; z_0 = X
  const Eigen::MatrixXd& output() const { return activations.back(); }
};

/// What the backward pass computes, per layer l = 1…L (index l−1).
struct BackwardPass {
  std::vector<Eigen::MatrixXd> deltas;             ///< δ_l = ∂E/∂a_l: (out_l, N)
  std::vector<Eigen::MatrixXd> weight_gradients;   ///< ∂E/∂W_l: (out_l, in_l)
  std::vector<Eigen::VectorXd> bias_gradients;     ///< ∂E/∂b_l: (out_l)
};

class Mlp {
 public:
  Mlp() = default;
  explicit Mlp(std::vector<DenseLayer> layers);

  /// Forward pass for a batch. X: (D_in, N).
  ForwardPass forward(const Eigen::MatrixXd& inputs) const;
  /// The network's output only. X: (D_in, N) → (D_out, N).
  Eigen::MatrixXd predict(const Eigen::MatrixXd& inputs) const;
  /// Backward pass by the delta recursion, given ∂E/∂z_L: (D_out, N) from the loss.
  BackwardPass backward(const ForwardPass& forward, const Eigen::MatrixXd& output_gradient) const;
  /// Backward pass given the output deltas δ_L = ∂E/∂a_L directly (for softmax + cross-entropy,
  /// δ_L = y − t, or for a sigmoid output with cross-entropy).
  BackwardPass backward_from_output_deltas(const ForwardPass& forward,
                                           const Eigen::MatrixXd& output_deltas) const;

  /// forward(), written into `pass`: a pass kept from an earlier call with the same batch size is
  /// reused without allocating (a training loop calls this once per update).
  void forward_into(const Eigen::MatrixXd& inputs, ForwardPass& pass) const;
  /// backward(), written into `pass`; allocation-free when `pass` already has the right shapes.
  void backward_into(const ForwardPass& forward, const Eigen::MatrixXd& output_gradient,
                     BackwardPass& pass) const;

  std::vector<DenseLayer>& layers() { return layers_; }
  const std::vector<DenseLayer>& layers() const { return layers_; }

 private:
  std::vector<DenseLayer> layers_;
};

}  // namespace nnwb
