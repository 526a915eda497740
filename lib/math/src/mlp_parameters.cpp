// An Mlp as a function of one parameter vector θ; see mlp_parameters.hpp.
#include "nnwb/mlp_parameters.hpp"

#include <stdexcept>
#include <string>

namespace nnwb {

Eigen::Index parameter_count(const Mlp& network) {
  Eigen::Index count = 0;
  for (const DenseLayer& layer : network.layers()) count += layer.weights.size() + layer.bias.size();
  return count;
}

Eigen::VectorXd parameters_of(const Mlp& network) {
  Eigen::VectorXd theta(parameter_count(network));
  Eigen::Index at = 0;
  for (const DenseLayer& layer : network.layers()) {
    theta.segment(at, layer.weights.size()) = layer.weights.reshaped();  // vec(W_l), column by column
    at += layer.weights.size();
    theta.segment(at, layer.bias.size()) = layer.bias;  // b_l
    at += layer.bias.size();
  }
  return theta;
}

Mlp with_parameters(const Mlp& shape, const Eigen::VectorXd& theta) {
  if (theta.size() != parameter_count(shape))
    throw std::invalid_argument("with_parameters: θ has " + std::to_string(theta.size()) +
                                " entries, the network " + std::to_string(parameter_count(shape)));
  std::vector<DenseLayer> layers = shape.layers();
  Eigen::Index at = 0;
  for (DenseLayer& layer : layers) {
    layer.weights.reshaped() = theta.segment(at, layer.weights.size());
    at += layer.weights.size();
    layer.bias = theta.segment(at, layer.bias.size());
    at += layer.bias.size();
  }
  return Mlp(std::move(layers));
}

Eigen::VectorXd gradient_vector(const BackwardPass& backward) {
  Eigen::Index count = 0;
  for (std::size_t l = 0; l < backward.weight_gradients.size(); ++l)
    count += backward.weight_gradients[l].size() + backward.bias_gradients[l].size();
  Eigen::VectorXd gradient(count);
  Eigen::Index at = 0;
  for (std::size_t l = 0; l < backward.weight_gradients.size(); ++l) {
    gradient.segment(at, backward.weight_gradients[l].size()) = backward.weight_gradients[l].reshaped();
    at += backward.weight_gradients[l].size();
    gradient.segment(at, backward.bias_gradients[l].size()) = backward.bias_gradients[l];
    at += backward.bias_gradients[l].size();
  }
  return gradient;
}

Eigen::MatrixXd output_jacobian(const Mlp& network, const Eigen::MatrixXd& inputs) {
  if (network.layers().empty() || network.layers().back().outputs() != 1)
    throw std::invalid_argument("output_jacobian: the network must have exactly one output");
  const ForwardPass forward = network.forward(inputs);
  const Eigen::Index samples = inputs.cols();
  // ∂y_n/∂z_L = 1 for each sample, so the deltas are ∂y_n/∂a_l, one column per sample: (out_l, N)
  const BackwardPass backward = network.backward(forward, Eigen::MatrixXd::Ones(1, samples));
  Eigen::MatrixXd jacobian(samples, parameter_count(network));  // (N, P)
  Eigen::Index at = 0;
  for (std::size_t l = 0; l < network.layers().size(); ++l) {
    const Eigen::MatrixXd& delta = backward.deltas[l];           // δ_l: (out_l, N)
    const Eigen::MatrixXd& below = forward.activations[l];       // z_{l−1}: (in_l, N)
    for (Eigen::Index i = 0; i < below.rows(); ++i)
      for (Eigen::Index o = 0; o < delta.rows(); ++o)
        jacobian.col(at++) = delta.row(o).cwiseProduct(below.row(i)).transpose();  // ∂y_n/∂W_oi = δ_on z_in
    for (Eigen::Index o = 0; o < delta.rows(); ++o) jacobian.col(at++) = delta.row(o).transpose();  // ∂y_n/∂b_o = δ_on
  }
  return jacobian;
}

}  // namespace nnwb
