#pragma once
/// @file least_squares.hpp
/// The linear neural network Y = XW and its training: least squares and batch gradient descent.
/// Lecture steps: CTU "Linear Neural Network" (Y = XW; W = (XᵀX)⁻¹XᵀD; training by gradient
/// descent), "Multidimensional Linear Regression" (SSE, and SAE for data with outliers), "General
/// Batch Gradient Descent Algorithm" (W(t+1) = W(t) + α Xᵀ[f'(Ξ) ∘ (D − Y)], with f' = 1 here);
/// IC "Regression and classification models: review" (the normal equation).
///
/// CTU's convention: one sample per row, X: (N, n+1) with x_p0 = 1, W: (n+1, m) with the biases
/// in its first row, D and Y = XW: (N, m).
///
/// Example:
/// @code
/// const Eigen::MatrixXd x = nnwb::with_bias_column(inputs);  // (N, n+1)
/// const Eigen::MatrixXd w = nnwb::least_squares(x, d);       // (n+1, m), by QR
/// // nnwb::linear_sse_gradient(x, w, d) ≈ 0: the normal equations XᵀXW = XᵀD hold
/// @endcode

#include <Eigen/Core>

namespace nnwb {

/// X = [1 | inputs]: a leading column of ones, so the first row of W holds the biases.
/// inputs: (N, n) → (N, n+1)
Eigen::MatrixXd with_bias_column(const Eigen::MatrixXd& inputs);

/// The least-squares W, minimising E_SSE(W) = ½‖D − XW‖², the W of the normal equations
/// XᵀXW = XᵀD, i.e. W = (XᵀX)⁻¹XᵀD. Computed by a column-pivoting Householder QR of X itself,
/// never forming (XᵀX)⁻¹ nor even XᵀX (whose condition number is that of X squared). X must have
/// full column rank (else std::invalid_argument). X: (N, n+1), D: (N, m) → (n+1, m)
Eigen::MatrixXd least_squares(const Eigen::MatrixXd& x, const Eigen::MatrixXd& d);

/// The same W from the normal equations XᵀXW = XᵀD, by an LDLᵀ solve of the (n+1)×(n+1) system
/// (still no inverse). A second route, for comparison. X: (N, n+1), D: (N, m) → (n+1, m)
Eigen::MatrixXd normal_equations_solve(const Eigen::MatrixXd& x, const Eigen::MatrixXd& d);

/// The linear network's output Y = XW. → (N, m)
Eigen::MatrixXd linear_output(const Eigen::MatrixXd& x, const Eigen::MatrixXd& w);

/// CTU's SSE: E_SSE(W) = ½ Σ_p Σ_j (d_pj − y_pj)², Y = XW.
double linear_sse(const Eigen::MatrixXd& x, const Eigen::MatrixXd& w, const Eigen::MatrixXd& d);
/// ∂E_SSE/∂W = −Xᵀ(D − XW): entry (i, j) is −Σ_p (d_pj − y_pj) x_pi. → (n+1, m)
Eigen::MatrixXd linear_sse_gradient(const Eigen::MatrixXd& x, const Eigen::MatrixXd& w, const Eigen::MatrixXd& d);

/// The sum of absolute errors E_SAE(W) = Σ_p Σ_j |d_pj − y_pj|.
double linear_sae(const Eigen::MatrixXd& x, const Eigen::MatrixXd& w, const Eigen::MatrixXd& d);
/// ∂E_SAE/∂W = −Xᵀ sign(D − XW), where no residual is 0 (there E_SAE has a kink; sign(0) = 0
/// gives one of its subgradients). → (n+1, m)
Eigen::MatrixXd linear_sae_gradient(const Eigen::MatrixXd& x, const Eigen::MatrixXd& w, const Eigen::MatrixXd& d);

/// One step of CTU's batch gradient descent for linear neurons (f'(Ξ) = 1):
/// W(t+1) = W(t) + α Xᵀ(D − XW(t)) = W(t) − α ∂E_SSE/∂W. → (n+1, m)
Eigen::MatrixXd linear_gd_step(const Eigen::MatrixXd& x, const Eigen::MatrixXd& w, const Eigen::MatrixXd& d,
                               double alpha);

/// The eigenvalues λ_i of XᵀX, ascending: the curvatures of E_SSE. → (n+1)
Eigen::VectorXd sse_curvatures(const Eigen::MatrixXd& x);
/// How much one gradient-descent step shrinks the distance to the least-squares W, at worst:
/// W(t+1) − W* = (I − αXᵀX)(W(t) − W*), so the factor is max_i |1 − αλ_i| (< 1 iff 0 < α < 2/λ_max).
double linear_gd_contraction(const Eigen::MatrixXd& x, double alpha);

}  // namespace nnwb
