#pragma once
/// @file sigmoid_neuron.hpp
/// One sigmoid output node trained on a data set, with either error function: EDI's E_MSE and its
/// cross-entropy E_H, each beside its gradient with respect to the weights.
/// Lecture steps: EDI "Training single layer neural network with MSE (cont.)", "Another training
/// criterion – cross-entropy error"; CTU "Cross-Entropy Loss Function"; BMB "Perceptron Learning".
///
/// Convention (EDI): a_n = wᵀx_n = Σ_i w_i x_ni, ŷ_n = g(a_n) with g the logistic sigmoid, y_n the
/// target in [0, 1]. The bias is w_0 on a constant input x_n0 = 1.
/// Shapes: X: (N, d+1), one sample x_nᵀ per row; w: (d+1); y: (N).
///
///   E_MSE(w) = ½ Σ_n (ŷ_n − y_n)²
///   ∂E_MSE/∂w_i = Σ_n (ŷ_n − y_n) ŷ_n(1 − ŷ_n) x_ni          (the sigmoid's slope g'(a) stays)
///   E_H(w) = −(1/N) Σ_n [y_n log ŷ_n + (1 − y_n) log(1 − ŷ_n)]
///   ∂E_H/∂w_i = (1/N) Σ_n (ŷ_n − y_n) x_ni                   (g'(a) has cancelled)
///
/// EDI calls the first E_MSE although it is half the *summed* squared error (the library's sse(),
/// not its mse()). Both are computed from a_n without forming log ŷ or log(1 − ŷ) of a rounded 0,
/// so they are finite for any weights.
///
/// Example:
/// @code
/// Eigen::MatrixXd x(2, 2);
/// x << 1, 2,
///      1, -1;
/// const Eigen::VectorXd w = Eigen::Vector2d(0.5, -1), y = Eigen::Vector2d(1, 0);
/// const Eigen::VectorXd step = w - 0.1 * nnwb::sigmoid_neuron_cross_entropy_gradient(x, w, y);
/// @endcode

#include <Eigen/Core>

namespace nnwb {

/// The pre-activations a_n = wᵀx_n. X: (N, d+1), w: (d+1) → (N)
Eigen::VectorXd sigmoid_neuron_pre_activation(const Eigen::MatrixXd& x, const Eigen::VectorXd& w);
/// The outputs ŷ_n = g(a_n) = 1/(1 + e^{−a_n}). → (N)
Eigen::VectorXd sigmoid_neuron_output(const Eigen::MatrixXd& x, const Eigen::VectorXd& w);

/// EDI's E_MSE(w) = ½ Σ_n (g(wᵀx_n) − y_n)².
double sigmoid_neuron_squared_error(const Eigen::MatrixXd& x, const Eigen::VectorXd& w, const Eigen::VectorXd& y);
/// ∂E_MSE/∂w_i = Σ_n (ŷ_n − y_n) ŷ_n(1 − ŷ_n) x_ni, i.e. Xᵀ[(ŷ − y) ∘ ŷ ∘ (1 − ŷ)]. → (d+1)
Eigen::VectorXd sigmoid_neuron_squared_error_gradient(const Eigen::MatrixXd& x, const Eigen::VectorXd& w,
                                                      const Eigen::VectorXd& y);

/// EDI's E_H(w) = −(1/N) Σ_n [y_n log ŷ_n + (1 − y_n) log(1 − ŷ_n)], computed as
/// (1/N) Σ_n [softplus(a_n) − y_n a_n] (finite for any a_n).
double sigmoid_neuron_cross_entropy(const Eigen::MatrixXd& x, const Eigen::VectorXd& w, const Eigen::VectorXd& y);
/// ∂E_H/∂w_i = (1/N) Σ_n (ŷ_n − y_n) x_ni, i.e. (1/N) Xᵀ(ŷ − y): g'(a) has cancelled. → (d+1)
Eigen::VectorXd sigmoid_neuron_cross_entropy_gradient(const Eigen::MatrixXd& x, const Eigen::VectorXd& w,
                                                      const Eigen::VectorXd& y);

}  // namespace nnwb
