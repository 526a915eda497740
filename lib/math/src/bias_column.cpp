// BMB's bias-first-column matrices and the library's W, b; see bias_column.hpp.
#include "nnwb/bias_column.hpp"

#include <stdexcept>

namespace nnwb {

Eigen::VectorXd with_bias_unit(const Eigen::VectorXd& a) {
  Eigen::VectorXd out(a.size() + 1);  // (s+1)
  out << 1.0, a;                      // a₀ = 1
  return out;
}

Eigen::MatrixXd with_bias_row(const Eigen::MatrixXd& A) {
  Eigen::MatrixXd out(A.rows() + 1, A.cols());  // (s+1, m)
  out.row(0).setOnes();                         // a₀ = 1 for every sample
  out.bottomRows(A.rows()) = A;
  return out;
}

Eigen::MatrixXd without_bias_column(const Eigen::MatrixXd& W) {
  if (W.cols() < 1) throw std::invalid_argument("without_bias_column: W has no bias column");
  return W.rightCols(W.cols() - 1);  // W_BMB[:, 1:]: (o, s)
}

DenseLayer dense_from_bias_column(const Eigen::MatrixXd& W, Activation g) {
  if (W.cols() < 1) throw std::invalid_argument("dense_from_bias_column: W has no bias column");
  return {without_bias_column(W), W.col(0), g};  // W = W_BMB[:, 1:], b = W_BMB[:, 0]
}

Eigen::MatrixXd bias_column_weights(const DenseLayer& layer) {
  Eigen::MatrixXd out(layer.outputs(), layer.inputs() + 1);  // (o, s+1)
  out << layer.bias, layer.weights;                          // [b | W]
  return out;
}

Eigen::MatrixXd bias_column_gradient(const Eigen::MatrixXd& dW, const Eigen::VectorXd& db) {
  if (db.size() != dW.rows()) throw std::invalid_argument("bias_column_gradient: db and dW differ in rows");
  Eigen::MatrixXd out(dW.rows(), dW.cols() + 1);  // (o, s+1)
  out << db, dW;                                  // [∂J/∂b | ∂J/∂W]
  return out;
}

}  // namespace nnwb
