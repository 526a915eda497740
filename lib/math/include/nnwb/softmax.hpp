#pragma once
/// @file softmax.hpp
/// Softmax, log-softmax and the softmax Jacobian.
/// Lecture steps: PD Appendix A "Derivative of softmax (1/4)…(4/4)"; EDI "Normalisation of output
/// nodes - softmax". Every function subtracts max_k a_k first, so logits of ±1000 are safe.

#include <Eigen/Core>

namespace nnwb {

/// \f$y_i = e^{a_i} / \sum_k e^{a_k}\f$, computed as \f$e^{a_i - m} / \sum_k e^{a_k - m}\f$ with
/// \f$m = \max_k a_k\f$.
/// a: (K) → y: (K)
Eigen::VectorXd softmax(const Eigen::VectorXd& a);

/// Softmax of each column: one sample per column, as in a batch. a: (K, N) → (K, N)
Eigen::MatrixXd softmax_columns(const Eigen::MatrixXd& a);

/// log y_i = a_i − m − log Σ_k e^{a_k − m}. a: (K) → (K)
Eigen::VectorXd log_softmax(const Eigen::VectorXd& a);

/// \f$\partial y_i/\partial a_j = y_i(\delta_{ij} - y_j)\f$, i.e. \f$J = \operatorname{diag}(y) - y y^T\f$, from
/// the softmax output y.
/// y: (K) → J: (K, K), symmetric, each row sums to 0.
Eigen::MatrixXd softmax_jacobian(const Eigen::VectorXd& y);

/// log Σ_k e^{a_k}, computed stably as m + log Σ_k e^{a_k − m}.
double log_sum_exp(const Eigen::VectorXd& a);

}  // namespace nnwb
