#pragma once
/// @file losses.hpp
/// Error functions E and their gradients, each loss beside its gradient.
/// Lecture steps: EDI "Training single layer neural network with MSE", "Another training criterion
/// – cross-entropy error"; CTU "Cross-Entropy Loss Function"; PD "Derivative of cross-entropy loss".
/// y is the network's output (ŷ), t the target; vectors hold one entry per output or sample.

#include <Eigen/Core>

namespace nnwb {

/// Summed squared error with a half: E = ½ Σ_k (y_k − t_k)². y, t: (K)
double sse(const Eigen::VectorXd& y, const Eigen::VectorXd& t);
/// ∂E/∂y_k = y_k − t_k. → (K)
Eigen::VectorXd sse_gradient(const Eigen::VectorXd& y, const Eigen::VectorXd& t);

/// Mean squared error: E = (1/N) Σ_n (y_n − t_n)². y, t: (N)
double mse(const Eigen::VectorXd& y, const Eigen::VectorXd& t);
/// ∂E/∂y_n = (2/N)(y_n − t_n). → (N)
Eigen::VectorXd mse_gradient(const Eigen::VectorXd& y, const Eigen::VectorXd& t);

/// Binary cross-entropy, EDI's E_H: \f$E = -\frac{1}{N} \sum_n [t_n \log y_n + (1 - t_n) \log(1 - y_n)]\f$,
/// y_n ∈ [0, 1], t_n ∈ [0, 1]. A probability of exactly 0 (or 1) is read as the smallest normal
/// double, 2.2e−308, away from it, so the log is never log 0: −log 0 counts as about 708.4. y, t: (N)
double binary_cross_entropy(const Eigen::VectorXd& y, const Eigen::VectorXd& t);
/// ∂E/∂y_n = (1/N)(−t_n/y_n + (1 − t_n)/(1 − y_n)). → (N)
Eigen::VectorXd binary_cross_entropy_gradient(const Eigen::VectorXd& y, const Eigen::VectorXd& t);

/// Binary cross-entropy from the pre-activation a (y = σ(a)), stable for |a| = 1000:
/// E = (1/N) Σ_n [softplus(a_n) − t_n a_n]. a, t: (N)
double binary_cross_entropy_from_logits(const Eigen::VectorXd& a, const Eigen::VectorXd& t);
/// ∂E/∂a_n = (1/N)(σ(a_n) − t_n): the g'(a) factor has cancelled. → (N)
Eigen::VectorXd binary_cross_entropy_from_logits_gradient(const Eigen::VectorXd& a,
                                                          const Eigen::VectorXd& t);

/// Multiclass cross-entropy with a one-hot (or any distribution) target: E = −Σ_k t_k log y_k.
/// y: (K) probabilities, t: (K). Never takes log 0 (see binary_cross_entropy).
double cross_entropy(const Eigen::VectorXd& y, const Eigen::VectorXd& t);
/// ∂E/∂y_k = −t_k / y_k. → (K)
Eigen::VectorXd cross_entropy_gradient(const Eigen::VectorXd& y, const Eigen::VectorXd& t);

/// Class-index form: E = −log y_c. y: (K), c ∈ [0, K).
double cross_entropy(const Eigen::VectorXd& y, Eigen::Index c);
/// ∂E/∂y_k = −1/y_c for k = c, 0 otherwise. → (K)
Eigen::VectorXd cross_entropy_gradient(const Eigen::VectorXd& y, Eigen::Index c);

/// Softmax followed by cross-entropy, from the logits a, by log-softmax (stable for ±1000):
/// E = −Σ_k t_k log softmax(a)_k. a, t: (K)
double softmax_cross_entropy(const Eigen::VectorXd& a, const Eigen::VectorXd& t);
/// \f$\partial E/\partial a_i = (\sum_k t_k) y_i - t_i\f$, which collapses to \f$y_i - t_i\f$ for a one-hot t
/// (\f$\sum_k t_k = 1\f$).
/// → (K)
Eigen::VectorXd softmax_cross_entropy_gradient(const Eigen::VectorXd& a, const Eigen::VectorXd& t);

/// Class-index form: E = −log softmax(a)_c.
double softmax_cross_entropy(const Eigen::VectorXd& a, Eigen::Index c);
/// ∂E/∂a = y − e_c. → (K)
Eigen::VectorXd softmax_cross_entropy_gradient(const Eigen::VectorXd& a, Eigen::Index c);

/// The one-hot vector e_c of length K.
Eigen::VectorXd one_hot(Eigen::Index c, Eigen::Index k);

}  // namespace nnwb
