// Backpropagation on a feed-forward DAG: forward in increasing node order, δ in one sweep in
// decreasing order; see dag_network.hpp.
#include "nnwb/dag_network.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

namespace nnwb {

DagNetwork::DagNetwork(int nodes, int inputs, int outputs, Activation hidden, Activation output)
    : inputs_(inputs), outputs_(outputs) {
  if (inputs <= 0 || outputs <= 0 || inputs + outputs > nodes)
    throw std::invalid_argument(
        fmt::format("DagNetwork: {} nodes cannot hold {} inputs and {} outputs (need 0 < I, 0 < O, I + O ≤ M)", nodes,
                    inputs, outputs));
  activations_.assign(static_cast<std::size_t>(nodes), hidden);
  for (int j = nodes - outputs; j < nodes; ++j) activations_[static_cast<std::size_t>(j)] = output;
  biases_.assign(static_cast<std::size_t>(nodes), 0.0);
}

void DagNetwork::check_node(int node, const char* where) const {
  if (node < 0 || node >= size())
    throw std::invalid_argument(
        fmt::format("DagNetwork::{}: node {} is not one of the nodes 0…{}", where, node, size() - 1));
}

std::size_t DagNetwork::link_index(int from, int to) const {
  // links_ is sorted by (to, from): binary search.
  const auto at =
      std::lower_bound(links_.begin(), links_.end(), DagLink{from, to, 0.0},
                       [](const DagLink& a, const DagLink& b) { return a.to != b.to ? a.to < b.to : a.from < b.from; });
  return at != links_.end() && at->from == from && at->to == to ? static_cast<std::size_t>(at - links_.begin())
                                                                : links_.size();
}

DagNetwork& DagNetwork::link(int from, int to, double weight) {
  check_node(from, "link");
  check_node(to, "link");
  // w_ij = 0 if i ≥ j: a link must go forward in the numbering, or the numbering is no
  // dependency order (and i = j, or a link back, would make a cycle).
  if (from >= to)
    throw std::invalid_argument(
        fmt::format("DagNetwork::link: w_{{{},{}}} links node {} into node {}, but a link must go from a smaller to a "
                    "larger node number (w_ij = 0 if i ≥ j), so that the numbering is a dependency order",
                    from, to, from, to));
  if (is_input(to))
    throw std::invalid_argument(
        fmt::format("DagNetwork::link: w_{{{},{}}} links into node {}, which is an input (inputs 0…{})", from, to, to,
                    inputs_ - 1));
  if (link_index(from, to) != links_.size())
    throw std::invalid_argument(fmt::format("DagNetwork::link: w_{{{},{}}} is linked twice", from, to));
  const DagLink added{from, to, weight};
  links_.insert(
      std::upper_bound(links_.begin(), links_.end(), added,
                       [](const DagLink& a, const DagLink& b) { return a.to != b.to ? a.to < b.to : a.from < b.from; }),
      added);
  return *this;
}

DagNetwork& DagNetwork::set_weight(int from, int to, double weight) {
  const std::size_t k = link_index(from, to);
  if (k == links_.size())
    throw std::invalid_argument(fmt::format("DagNetwork::set_weight: there is no link w_{{{},{}}}", from, to));
  links_[k].weight = weight;
  return *this;
}

DagNetwork& DagNetwork::bias(int node, double value) {
  check_node(node, "bias");
  if (is_input(node))
    throw std::invalid_argument(fmt::format("DagNetwork::bias: node {} is an input and has no bias", node));
  biases_[static_cast<std::size_t>(node)] = value;
  return *this;
}

DagNetwork& DagNetwork::activation(int node, Activation g) {
  check_node(node, "activation");
  if (is_input(node))
    throw std::invalid_argument(fmt::format("DagNetwork::activation: node {} is an input and has no activation", node));
  activations_[static_cast<std::size_t>(node)] = g;
  return *this;
}

double DagNetwork::weight(int from, int to) const {
  const std::size_t k = link_index(from, to);
  return k == links_.size() ? 0.0 : links_[k].weight;
}

bool DagNetwork::has_link(int from, int to) const { return link_index(from, to) != links_.size(); }

double DagNetwork::bias(int node) const {
  check_node(node, "bias");
  return biases_[static_cast<std::size_t>(node)];
}

const Activation& DagNetwork::activation(int node) const {
  check_node(node, "activation");
  return activations_[static_cast<std::size_t>(node)];
}

std::vector<int> DagNetwork::upstream(int node) const {
  check_node(node, "upstream");
  std::vector<int> up;  // links_ is sorted by (to, from), so these come in increasing order
  for (const DagLink& l : links_)
    if (l.to == node) up.push_back(l.from);
  return up;
}

std::vector<int> DagNetwork::downstream(int node) const {
  check_node(node, "downstream");
  std::vector<int> down;
  for (const DagLink& l : links_)
    if (l.from == node) down.push_back(l.to);
  std::sort(down.begin(), down.end());
  return down;
}

Eigen::MatrixXd DagNetwork::weight_matrix() const {
  Eigen::MatrixXd W = Eigen::MatrixXd::Zero(size(), size());  // (M, M)
  for (const DagLink& l : links_) W(l.from, l.to) = l.weight;
  return W;
}

DagForward DagNetwork::forward(const Eigen::VectorXd& x) const {
  if (x.size() != inputs_)
    throw std::invalid_argument(
        fmt::format("DagNetwork::forward: the input has {} entries, the network {} input nodes", x.size(), inputs_));
  DagForward pass;
  pass.pre_activations = Eigen::VectorXd::Zero(size());  // a: (M)
  pass.outputs = Eigen::VectorXd::Zero(size());          // y: (M)
  pass.pre_activations.head(inputs_) = x;
  pass.outputs.head(inputs_) = x;  // y_i = x_i at the inputs
  // Every link into j comes from a smaller node, already computed: links_ is sorted by j.
  auto link = links_.begin();
  for (int j = inputs_; j < size(); ++j) {
    double a = biases_[static_cast<std::size_t>(j)];
    // a_j = Σ_{i∈↑j} w_ij y_i + b_j
    for (; link != links_.end() && link->to == j; ++link) a += link->weight * pass.outputs[link->from];
    pass.pre_activations[j] = a;
    pass.outputs[j] = activations_[static_cast<std::size_t>(j)].value(a);  // y_j = f_j(a_j)
  }
  return pass;
}

DagBackward DagNetwork::backward(const DagForward& forward, const Eigen::VectorXd& output_gradient) const {
  if (forward.outputs.size() != size() || forward.pre_activations.size() != size())
    throw std::invalid_argument("DagNetwork::backward: the forward pass is from another network");
  if (output_gradient.size() != outputs_)
    throw std::invalid_argument(fmt::format("DagNetwork::backward: ∂E/∂y has {} entries, the network {} outputs",
                                            output_gradient.size(), outputs_));
  // ↓j as link indices, so that the sweep reads w_jk and δ_k together.
  std::vector<std::vector<std::size_t>> down(static_cast<std::size_t>(size()));
  for (std::size_t k = 0; k < links_.size(); ++k) down[static_cast<std::size_t>(links_[k].from)].push_back(k);

  DagBackward pass;
  pass.deltas = Eigen::VectorXd::Zero(size());  // δ: (M)
  const int first_output = size() - outputs_;
  // One sweep in decreasing order: every k ∈ ↓j is larger than j, so δ_k is ready.
  for (int j = size() - 1; j >= inputs_; --j) {
    double back = j >= first_output ? output_gradient[j - first_output] : 0.0;  // e_j = ∂E/∂y_j
    // + Σ_{k∈↓j} w_jk δ_k
    for (const std::size_t k : down[static_cast<std::size_t>(j)]) back += links_[k].weight * pass.deltas[links_[k].to];
    // δ_j = f_j'(a_j)(e_j + Σ_{k∈↓j} w_jk δ_k)
    pass.deltas[j] = activations_[static_cast<std::size_t>(j)].derivative(forward.pre_activations[j]) * back;
  }
  pass.weight_gradients.reserve(links_.size());
  // ∂E/∂w_ij = δ_j y_i
  for (const DagLink& l : links_) pass.weight_gradients.push_back(pass.deltas[l.to] * forward.outputs[l.from]);
  pass.bias_gradients = pass.deltas;  // ∂E/∂b_j = δ_j
  return pass;
}

Eigen::MatrixXd DagNetwork::gradient_matrix(const DagBackward& backward) const {
  if (backward.weight_gradients.size() != links_.size())
    throw std::invalid_argument("DagNetwork::gradient_matrix: the backward pass is from another network");
  Eigen::MatrixXd G = Eigen::MatrixXd::Zero(size(), size());  // (M, M)
  for (std::size_t k = 0; k < links_.size(); ++k) G(links_[k].from, links_[k].to) = backward.weight_gradients[k];
  return G;
}

DagNetwork dag_from_weight_matrix(const Eigen::MatrixXd& W, int inputs, int outputs, Activation hidden,
                                  Activation output) {
  if (W.rows() != W.cols())
    throw std::invalid_argument(
        fmt::format("dag_from_weight_matrix: W is {}×{}, not square (M × M)", W.rows(), W.cols()));
  DagNetwork net(static_cast<int>(W.rows()), inputs, outputs, hidden, output);
  for (int j = 0; j < net.size(); ++j)
    for (int i = 0; i < net.size(); ++i)
      if (W(i, j) != 0.0) {
        if (i >= j)
          throw std::invalid_argument(fmt::format(
              "dag_from_weight_matrix: w_{{{},{}}} = {} is not 0, but w_ij must be 0 if i ≥ j (a link goes from "
              "a smaller to a larger node number)",
              i, j, W(i, j)));
        net.link(i, j, W(i, j));
      }
  return net;
}

DagNetwork dag_from_mlp(const Mlp& mlp) {
  const auto& layers = mlp.layers();
  if (layers.empty()) throw std::invalid_argument("dag_from_mlp: the Mlp has no layers");
  int nodes = static_cast<int>(layers.front().inputs());
  for (const DenseLayer& layer : layers) nodes += static_cast<int>(layer.outputs());
  DagNetwork net(nodes, static_cast<int>(layers.front().inputs()), static_cast<int>(layers.back().outputs()));
  int from_offset = 0;                                        // offset_{l−1}
  int to_offset = static_cast<int>(layers.front().inputs());  // offset_l
  for (const DenseLayer& layer : layers) {
    for (int r = 0; r < layer.outputs(); ++r) {
      net.activation(to_offset + r, layer.activation).bias(to_offset + r, layer.bias[r]);  // g_l, b_l(r)
      for (int c = 0; c < layer.inputs(); ++c)
        net.link(from_offset + c, to_offset + r, layer.weights(r, c));  // W_l(r, c)
    }
    from_offset = to_offset;
    to_offset += static_cast<int>(layer.outputs());
  }
  return net;
}

}  // namespace nnwb
