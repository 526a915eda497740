// Dense layers and the MLP: forward pass and the delta recursion; see mlp.hpp.
#include "nnwb/mlp.hpp"

#include <stdexcept>
#include <string>

namespace nnwb {

Mlp::Mlp(std::vector<DenseLayer> layers) : layers_(std::move(layers)) {
  for (std::size_t l = 0; l < layers_.size(); ++l) {
    const DenseLayer& layer = layers_[l];
    if (layer.bias.size() != layer.outputs())
      throw std::invalid_argument("Mlp: layer " + std::to_string(l + 1) +
                                  " has a bias whose length differs from its weight rows");
    if (l > 0 && layer.inputs() != layers_[l - 1].outputs())
      throw std::invalid_argument("Mlp: layer " + std::to_string(l + 1) +
                                  " takes a different number of inputs than layer " +
                                  std::to_string(l) + " gives");
  }
}

ForwardPass Mlp::forward(const Eigen::MatrixXd& inputs) const {
  if (!layers_.empty() && inputs.rows() != layers_.front().inputs())
    throw std::invalid_argument("Mlp::forward: the input has " + std::to_string(inputs.rows()) +
                                " rows, the first layer takes " +
                                std::to_string(layers_.front().inputs()));
  ForwardPass pass;
  pass.activations.reserve(layers_.size() + 1);
  pass.pre_activations.reserve(layers_.size());
  pass.activations.push_back(inputs);  // z_0 = X: (D_in, N)
  for (const DenseLayer& layer : layers_) {
    // a_l = W_l z_{l−1} + b_l 1ᵀ: (out_l, N)
    Eigen::MatrixXd a = layer.weights * pass.activations.back();
    a.colwise() += layer.bias;
    pass.activations.push_back(layer.activation.value(a));  // z_l = g_l(a_l)
    pass.pre_activations.push_back(std::move(a));
  }
  return pass;
}

Eigen::MatrixXd Mlp::predict(const Eigen::MatrixXd& inputs) const { return forward(inputs).output(); }

BackwardPass Mlp::backward(const ForwardPass& forward,
                           const Eigen::MatrixXd& output_gradient) const {
  // δ_L = g_L'(a_L) ∘ ∂E/∂z_L
  const Eigen::MatrixXd output_deltas =
      layers_.back().activation.derivative(forward.pre_activations.back()).cwiseProduct(output_gradient);
  return backward_from_output_deltas(forward, output_deltas);
}

BackwardPass Mlp::backward_from_output_deltas(const ForwardPass& forward,
                                              const Eigen::MatrixXd& output_deltas) const {
  const std::size_t depth = layers_.size();
  if (forward.pre_activations.size() != depth)
    throw std::invalid_argument("Mlp::backward: the forward pass is from another network");
  if (output_deltas.rows() != layers_.back().outputs() ||
      output_deltas.cols() != forward.output().cols())
    throw std::invalid_argument("Mlp::backward: the output gradient's shape differs from the output's");
  BackwardPass pass;
  pass.deltas.resize(depth);
  pass.weight_gradients.resize(depth);
  pass.bias_gradients.resize(depth);
  pass.deltas[depth - 1] = output_deltas;
  for (std::size_t l = depth; l-- > 0;) {
    const Eigen::MatrixXd& delta = pass.deltas[l];                           // δ_l: (out_l, N)
    pass.weight_gradients[l] = delta * forward.activations[l].transpose();  // δ_l z_{l−1}ᵀ
    pass.bias_gradients[l] = delta.rowwise().sum();                         // δ_l 1
    if (l > 0) {
      // In the forward pass this was a_l = W_l z_{l−1} + b_l and z_{l−1} = g(a_{l−1}), so
      // δ_{l−1} = g'(a_{l−1}) ∘ (W_lᵀ δ_l).
      pass.deltas[l - 1] = layers_[l - 1]
                               .activation.derivative(forward.pre_activations[l - 1])
                               .cwiseProduct(layers_[l].weights.transpose() * delta);
    }
  }
  return pass;
}

}  // namespace nnwb
