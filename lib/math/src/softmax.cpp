// Softmax and its Jacobian (PD Appendix A); see softmax.hpp.
#include "nnwb/softmax.hpp"

#include <cmath>

namespace nnwb {

double log_sum_exp(const Eigen::VectorXd& a) {
  const double m = a.maxCoeff();  // subtracting the max keeps every exponent ≤ 0
  return m + std::log((a.array() - m).exp().sum());
}

Eigen::VectorXd softmax(const Eigen::VectorXd& a) {
  const Eigen::ArrayXd e = (a.array() - a.maxCoeff()).exp();  // e^{a_i − m}
  return (e / e.sum()).matrix();                               // y_i = e^{a_i − m} / Σ_k e^{a_k − m}
}

Eigen::MatrixXd softmax_columns(const Eigen::MatrixXd& a) {
  Eigen::MatrixXd y(a.rows(), a.cols());
  for (Eigen::Index n = 0; n < a.cols(); ++n) y.col(n) = softmax(a.col(n));  // sample by sample
  return y;
}

Eigen::VectorXd log_softmax(const Eigen::VectorXd& a) {
  return (a.array() - log_sum_exp(a)).matrix();  // log y_i = a_i − log Σ_k e^{a_k}
}

Eigen::MatrixXd softmax_jacobian(const Eigen::VectorXd& y) {
  Eigen::MatrixXd jacobian = -y * y.transpose();  // i ≠ j: −y_i y_j
  jacobian.diagonal() += y;                       // i = j: y_i − y_i² = y_i(1 − y_i)
  return jacobian;
}

}  // namespace nnwb
