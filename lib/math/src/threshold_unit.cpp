// McCulloch–Pitts threshold units in BMB's form; see threshold_unit.hpp. BMB "Implementing
// Logical Functions", "Expressiveness of Perceptrons".
#include "nnwb/threshold_unit.hpp"

#include <cmath>
#include <stdexcept>

#include "nnwb/activations.hpp"

namespace nnwb {

Eigen::VectorXd bias_minus_one_input(const Eigen::VectorXd& x) {
  Eigen::VectorXd extended(x.size() + 1);
  extended << -1.0, x;  // x̃ = (−1, x₁, …, x_n): BMB's bias input is −1
  return extended;
}

double threshold_unit_input(const Eigen::VectorXd& W, const Eigen::VectorXd& x) {
  if (W.size() != x.size() + 1)
    throw std::invalid_argument("threshold_unit: W must have one more entry than x");
  return W.dot(bias_minus_one_input(x));  // in = W₀·(−1) + Σ W_i x_i
}

double threshold_unit(const Eigen::VectorXd& W, const Eigen::VectorXd& x) {
  return step(threshold_unit_input(W, x));  // h = g(in), g(a) = 1 if a > 0 else 0
}

Eigen::MatrixXd boolean_inputs(int n) {
  if (n < 1 || n > 16) throw std::invalid_argument("boolean_inputs: n must be in 1…16");
  const Eigen::Index rows = Eigen::Index{1} << n;
  Eigen::MatrixXd X(rows, n);
  for (Eigen::Index k = 0; k < rows; ++k)
    for (int i = 0; i < n; ++i) X(k, i) = static_cast<double>((k >> (n - 1 - i)) & 1);  // x₁ is the top bit
  return X;
}

Eigen::VectorXd threshold_unit_outputs(const Eigen::VectorXd& W, const Eigen::MatrixXd& X) {
  Eigen::VectorXd h(X.rows());
  for (Eigen::Index k = 0; k < X.rows(); ++k) h[k] = threshold_unit(W, X.row(k).transpose());
  return h;
}

bool implements(const Eigen::VectorXd& W, const Eigen::MatrixXd& X, const Eigen::VectorXd& t,
                double margin) {
  if (t.size() != X.rows()) throw std::invalid_argument("implements: t must have one entry per row of X");
  for (Eigen::Index k = 0; k < X.rows(); ++k) {
    const double in = threshold_unit_input(W, X.row(k).transpose());
    if (step(in) != t[k] || std::abs(in) < margin) return false;
  }
  return true;
}

}  // namespace nnwb
