// Dense layers and the MLP: forward pass and the delta recursion; see mlp.hpp.
#include "nnwb/mlp.hpp"

#include <stdexcept>
#include <string>

namespace nnwb {
namespace {

// z = g(a), written into z. The common activations are computed on whole arrays (Eigen vectorises
// exp and tanh); the rest element by element. The sigmoid keeps its stable form: with e = e^{−λ|a|},
// σ(λa) = 1/(1 + e) for a ≥ 0 and e/(1 + e) for a < 0, so e never overflows.
void activate_into(const Activation& g, const Eigen::MatrixXd& a, Eigen::MatrixXd& z) {
  switch (g.kind) {
    case Activation::Kind::identity: z = a; return;
    case Activation::Kind::sigmoid: {
      z = (-g.parameter * a.array().abs()).exp().matrix();  // e = e^{−λ|a|} ∈ (0, 1]
      z = (a.array() >= 0.0).select(1.0 / (1.0 + z.array()), z.array() / (1.0 + z.array())).matrix();
      return;
    }
    case Activation::Kind::tanh: z = (g.parameter * a.array()).tanh().matrix(); return;
    default: z = a.unaryExpr([g](double v) { return g.value(v); }); return;
  }
}

// δ ∘= g'(a), with g' taken from the output z = g(a) where the lectures write it so (σ' = λσ(1 − σ),
// tanh' = λ(1 − tanh²)): no exp a second time.
void times_derivative(const Activation& g, const Eigen::MatrixXd& a, const Eigen::MatrixXd& z, Eigen::MatrixXd& delta) {
  switch (g.kind) {
    case Activation::Kind::identity: return;  // g' = 1
    case Activation::Kind::sigmoid: delta.array() *= g.parameter * z.array() * (1.0 - z.array()); return;
    case Activation::Kind::tanh: delta.array() *= g.parameter * (1.0 - z.array().square()); return;
    default: delta.array() *= a.unaryExpr([g](double v) { return g.derivative(v); }).array(); return;
  }
}

}  // namespace

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

void Mlp::forward_into(const Eigen::MatrixXd& inputs, ForwardPass& pass) const {
  if (!layers_.empty() && inputs.rows() != layers_.front().inputs())
    throw std::invalid_argument("Mlp::forward_into: the input has " + std::to_string(inputs.rows()) +
                                " rows, the first layer takes " +
                                std::to_string(layers_.front().inputs()));
  // Assigning to a matrix of the right shape reuses its storage, so a pass kept from the last
  // update (same network, same batch size) is filled in without allocating.
  pass.activations.resize(layers_.size() + 1);
  pass.pre_activations.resize(layers_.size());
  pass.activations[0] = inputs;  // z_0 = X: (D_in, N)
  for (std::size_t l = 0; l < layers_.size(); ++l) {
    const DenseLayer& layer = layers_[l];
    Eigen::MatrixXd& a = pass.pre_activations[l];
    a.noalias() = layer.weights * pass.activations[l];  // a_l = W_l z_{l−1}: (out_l, N)
    a.colwise() += layer.bias;                          //       + b_l 1ᵀ
    activate_into(layer.activation, a, pass.activations[l + 1]);  // z_l = g_l(a_l)
  }
}

void Mlp::backward_into(const ForwardPass& forward, const Eigen::MatrixXd& output_gradient,
                        BackwardPass& pass) const {
  const std::size_t depth = layers_.size();
  if (forward.pre_activations.size() != depth || forward.activations.size() != depth + 1)
    throw std::invalid_argument("Mlp::backward_into: the forward pass is from another network");
  if (output_gradient.rows() != layers_.back().outputs() ||
      output_gradient.cols() != forward.output().cols())
    throw std::invalid_argument("Mlp::backward_into: the output gradient's shape differs from the output's");
  pass.deltas.resize(depth);
  pass.weight_gradients.resize(depth);
  pass.bias_gradients.resize(depth);
  // δ_L = g_L'(a_L) ∘ ∂E/∂z_L
  pass.deltas[depth - 1] = output_gradient;
  times_derivative(layers_.back().activation, forward.pre_activations.back(), forward.output(), pass.deltas[depth - 1]);
  for (std::size_t l = depth; l-- > 0;) {
    const Eigen::MatrixXd& delta = pass.deltas[l];                                    // δ_l: (out_l, N)
    pass.weight_gradients[l].noalias() = delta * forward.activations[l].transpose();  // δ_l z_{l−1}ᵀ
    pass.bias_gradients[l] = delta.rowwise().sum();                                   // δ_l 1
    if (l > 0) {
      // In the forward pass this was a_l = W_l z_{l−1} + b_l and z_{l−1} = g(a_{l−1}), so
      // δ_{l−1} = g'(a_{l−1}) ∘ (W_lᵀ δ_l).
      Eigen::MatrixXd& below = pass.deltas[l - 1];
      below.noalias() = layers_[l].weights.transpose() * delta;
      times_derivative(layers_[l - 1].activation, forward.pre_activations[l - 1], forward.activations[l], below);
    }
  }
}

}  // namespace nnwb
