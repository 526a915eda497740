// One sigmoid output node with E_MSE or E_H; see sigmoid_neuron.hpp for the lecture steps.
#include "nnwb/sigmoid_neuron.hpp"

#include <stdexcept>
#include <string>

#include "nnwb/activations.hpp"
#include "nnwb/losses.hpp"

namespace nnwb {
namespace {

void require_shapes(const Eigen::MatrixXd& x, const Eigen::VectorXd& w, const char* where) {
  if (x.cols() != w.size())
    throw std::invalid_argument(std::string(where) + ": X has a column per weight, w does not match");
}

void require_shapes(const Eigen::MatrixXd& x, const Eigen::VectorXd& w, const Eigen::VectorXd& y, const char* where) {
  require_shapes(x, w, where);
  if (x.rows() != y.size())
    throw std::invalid_argument(std::string(where) + ": X has a row per target, y does not match");
}

}  // namespace

Eigen::VectorXd sigmoid_neuron_pre_activation(const Eigen::MatrixXd& x, const Eigen::VectorXd& w) {
  require_shapes(x, w, "sigmoid_neuron_pre_activation");
  return x * w;  // a_n = Σ_i w_i x_ni
}

Eigen::VectorXd sigmoid_neuron_output(const Eigen::MatrixXd& x, const Eigen::VectorXd& w) {
  return sigmoid_neuron_pre_activation(x, w).unaryExpr([](double a) { return sigmoid(a); });  // ŷ = g(a)
}

double sigmoid_neuron_squared_error(const Eigen::MatrixXd& x, const Eigen::VectorXd& w, const Eigen::VectorXd& y) {
  require_shapes(x, w, y, "sigmoid_neuron_squared_error");
  return sse(sigmoid_neuron_output(x, w), y);  // ½ Σ (ŷ − y)²
}

Eigen::VectorXd sigmoid_neuron_squared_error_gradient(const Eigen::MatrixXd& x, const Eigen::VectorXd& w,
                                                      const Eigen::VectorXd& y) {
  require_shapes(x, w, y, "sigmoid_neuron_squared_error_gradient");
  const Eigen::VectorXd yhat = sigmoid_neuron_output(x, w);
  // ∂E/∂a_n = ∂E/∂ŷ_n · ∂ŷ_n/∂a_n = (ŷ_n − y_n) · ŷ_n(1 − ŷ_n)
  const Eigen::VectorXd de_da = sse_gradient(yhat, y).cwiseProduct(yhat.cwiseProduct((1.0 - yhat.array()).matrix()));
  return x.transpose() * de_da;  // ∂E/∂w_i = Σ_n ∂E/∂a_n · x_ni
}

double sigmoid_neuron_cross_entropy(const Eigen::MatrixXd& x, const Eigen::VectorXd& w, const Eigen::VectorXd& y) {
  require_shapes(x, w, y, "sigmoid_neuron_cross_entropy");
  return binary_cross_entropy_from_logits(x * w, y);  // (1/N) Σ softplus(a) − y a
}

Eigen::VectorXd sigmoid_neuron_cross_entropy_gradient(const Eigen::MatrixXd& x, const Eigen::VectorXd& w,
                                                      const Eigen::VectorXd& y) {
  require_shapes(x, w, y, "sigmoid_neuron_cross_entropy_gradient");
  // ∂E_H/∂a_n = (1/N)(ŷ_n − y_n); ∂E_H/∂w_i = Σ_n ∂E_H/∂a_n · x_ni
  return x.transpose() * binary_cross_entropy_from_logits_gradient(x * w, y);
}

}  // namespace nnwb
