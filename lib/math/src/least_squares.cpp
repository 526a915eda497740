// The linear network and its least-squares training; see least_squares.hpp for the lecture steps.
#include "nnwb/least_squares.hpp"

#include <Eigen/Cholesky>
#include <Eigen/Eigenvalues>
#include <Eigen/QR>
#include <stdexcept>
#include <string>

namespace nnwb {
namespace {

void require_shapes(const Eigen::MatrixXd& x, const Eigen::MatrixXd& w, const Eigen::MatrixXd& d, const char* where) {
  if (x.cols() != w.rows() || x.rows() != d.rows() || w.cols() != d.cols())
    throw std::invalid_argument(std::string(where) + ": X (N, n+1), W (n+1, m) and D (N, m) do not fit");
}

}  // namespace

Eigen::MatrixXd with_bias_column(const Eigen::MatrixXd& inputs) {
  Eigen::MatrixXd x(inputs.rows(), inputs.cols() + 1);
  x << Eigen::VectorXd::Ones(inputs.rows()), inputs;  // x_p0 = 1
  return x;
}

Eigen::MatrixXd least_squares(const Eigen::MatrixXd& x, const Eigen::MatrixXd& d) {
  if (x.rows() != d.rows()) throw std::invalid_argument("least_squares: X and D differ in rows");
  const Eigen::ColPivHouseholderQR<Eigen::MatrixXd> qr(x);  // XP = QR
  if (qr.rank() < x.cols()) throw std::invalid_argument("least_squares: X has no full column rank");
  return qr.solve(d);  // W = P R⁻¹ Qᵀ D by back substitution: the minimiser of ‖D − XW‖²
}

Eigen::MatrixXd normal_equations_solve(const Eigen::MatrixXd& x, const Eigen::MatrixXd& d) {
  if (x.rows() != d.rows()) throw std::invalid_argument("normal_equations_solve: X and D differ in rows");
  const Eigen::MatrixXd xtx = x.transpose() * x;  // XᵀX: (n+1, n+1)
  const Eigen::LDLT<Eigen::MatrixXd> ldlt(xtx);
  if (ldlt.info() != Eigen::Success || !ldlt.isPositive() || ldlt.vectorD().minCoeff() <= 0)
    throw std::invalid_argument("normal_equations_solve: XᵀX is singular");
  return ldlt.solve(x.transpose() * d);  // XᵀX W = XᵀD
}

Eigen::MatrixXd linear_output(const Eigen::MatrixXd& x, const Eigen::MatrixXd& w) {
  if (x.cols() != w.rows()) throw std::invalid_argument("linear_output: X and W do not fit");
  return x * w;  // Y = XW
}

double linear_sse(const Eigen::MatrixXd& x, const Eigen::MatrixXd& w, const Eigen::MatrixXd& d) {
  require_shapes(x, w, d, "linear_sse");
  return 0.5 * (d - x * w).squaredNorm();  // ½ Σ_p Σ_j (d_pj − y_pj)²
}

Eigen::MatrixXd linear_sse_gradient(const Eigen::MatrixXd& x, const Eigen::MatrixXd& w, const Eigen::MatrixXd& d) {
  require_shapes(x, w, d, "linear_sse_gradient");
  return -(x.transpose() * (d - x * w));  // −Xᵀ(D − Y)
}

double linear_sae(const Eigen::MatrixXd& x, const Eigen::MatrixXd& w, const Eigen::MatrixXd& d) {
  require_shapes(x, w, d, "linear_sae");
  return (d - x * w).cwiseAbs().sum();  // Σ_p Σ_j |d_pj − y_pj|
}

Eigen::MatrixXd linear_sae_gradient(const Eigen::MatrixXd& x, const Eigen::MatrixXd& w, const Eigen::MatrixXd& d) {
  require_shapes(x, w, d, "linear_sae_gradient");
  const Eigen::MatrixXd sign = (d - x * w).unaryExpr([](double r) { return r > 0 ? 1.0 : r < 0 ? -1.0 : 0.0; });
  return -(x.transpose() * sign);  // −Xᵀ sign(D − Y)
}

Eigen::MatrixXd linear_gd_step(const Eigen::MatrixXd& x, const Eigen::MatrixXd& w, const Eigen::MatrixXd& d,
                               double alpha) {
  require_shapes(x, w, d, "linear_gd_step");
  return w + alpha * (x.transpose() * (d - x * w));  // W + α Xᵀ[f'(Ξ) ∘ (D − Y)], f' = 1
}

Eigen::VectorXd sse_curvatures(const Eigen::MatrixXd& x) {
  const Eigen::MatrixXd xtx = x.transpose() * x;  // the Hessian of E_SSE in each column of W
  return Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(xtx, Eigen::EigenvaluesOnly).eigenvalues();
}

double linear_gd_contraction(const Eigen::MatrixXd& x, double alpha) {
  const Eigen::VectorXd lambda = sse_curvatures(x);
  return (1.0 - alpha * lambda.array()).abs().maxCoeff();  // max_i |1 − αλ_i|
}

}  // namespace nnwb
