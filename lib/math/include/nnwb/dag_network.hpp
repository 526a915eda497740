#pragma once
/// @file dag_network.hpp
/// Backpropagation on an arbitrary feed-forward network: M nodes joined by weighted links that
/// form a directed acyclic graph (DAG), not necessarily in layers.
/// Lecture steps: PD "FFNN: indexing nodes and weights w_ij", "Step 1 – perform forward pass",
/// "Error gradient: hidden nodes", "Wrapping up", "Backprop diagram", "Partial derivatives wrt
/// weights"; IC "Backpropagation: preactivations a_j and activations z_j", "Backpropagation:
/// directed acyclic graph", "Error backpropagation", "Forward and backward passes".
///
/// Convention (PD's). Nodes are numbered in dependency order: every link goes from a smaller number
/// to a larger one, so w_ij, the weight on the link *from* node i *into* node j, exists only for
/// i < j ("w_ij = 0 if i ≥ j"); a pair i < j without a link is a missing link (PD's w_{1,8} = 0).
/// IC writes the same weight with the receiving node first: IC's w_kj is PD's w_jk.
/// Nodes are numbered 0 … M−1 here (the slides count from 1). The first I nodes are the inputs
/// (y_i = x_i, no activation, no incoming links); the last O nodes are the outputs.
///
///   upstream    ↑j = { i : a link i → j }            downstream  ↓j = { k : a link j → k }
///   forward     a_j = Σ_{i∈↑j} w_ij y_i + b_j,   y_j = f_j(a_j)        j = I, I+1, …, M−1
///   backward    δ_j = ∂E/∂a_j = f_j'(a_j) (e_j + Σ_{k∈↓j} w_jk δ_k)     j = M−1, M−2, …, I
///   gradients   ∂E/∂w_ij = δ_j y_i,   ∂E/∂b_j = δ_j
///
/// where e_j = ∂E/∂y_j is the loss's own derivative, given for the output nodes and 0 elsewhere
/// (e_j = y_j − t_j for PD's E = ½ Σ (y_j − t_j)², so an identity output has δ_j = y_j − t_j).
/// Because every k ∈ ↓j is larger than j, one sweep through the nodes in decreasing order finds
/// every δ_k before it is needed ("a single sweep through the nodes … in reverse order").
/// The biases b_j are IC's (PD has none; they default to 0).
///
/// Example (a 2-input network with a skip link from input 0 to the output):
/// @code
/// nnwb::DagNetwork net(4, 2, 1);                     // nodes 0, 1 inputs; 2 hidden; 3 output
/// net.activation(2, nnwb::Activation::tanh());
/// net.link(0, 2, 0.5).link(1, 2, -1.0).link(2, 3, 2.0).link(0, 3, 0.3);
/// const auto fwd = net.forward(Eigen::Vector2d(1.0, 0.5));
/// const Eigen::VectorXd t = Eigen::VectorXd::Constant(1, 0.2);
/// const auto bwd = net.backward(fwd, fwd.network_output(1) - t);   // E = ½(y − t)²
/// // bwd.weight_gradients[k] = ∂E/∂w for net.links()[k]
/// @endcode

#include <Eigen/Core>
#include <vector>

#include "nnwb/activations.hpp"
#include "nnwb/mlp.hpp"

namespace nnwb {

/// A link from node `from` (i) into node `to` (j) with weight w_ij; from < to.
struct DagLink {
  int from = 0;
  int to = 0;
  double weight = 0.0;
};

/// What the forward pass computes, one entry per node.
struct DagForward {
  Eigen::VectorXd pre_activations;  ///< a: (M); a_i = x_i at the inputs
  Eigen::VectorXd outputs;          ///< y: (M); y_j = f_j(a_j), y_i = x_i at the inputs
  /// The last O entries of y: the network's output. → (O)
  Eigen::VectorXd network_output(int output_count) const { return outputs.tail(output_count); }
};

/// What the backward pass computes.
struct DagBackward {
  Eigen::VectorXd deltas;                ///< δ: (M); δ_j = ∂E/∂a_j, 0 at the inputs (not computed)
  std::vector<double> weight_gradients;  ///< ∂E/∂w_ij = δ_j y_i, one per link, in links() order
  Eigen::VectorXd bias_gradients;        ///< ∂E/∂b_j = δ_j: (M), 0 at the inputs
};

class DagNetwork {
 public:
  /// M nodes, the first `inputs` of them inputs and the last `outputs` of them outputs, no links
  /// yet. Non-input nodes start with the activation `hidden`, the outputs with `output` (PD's
  /// regression: identity). Throws std::invalid_argument unless 0 < inputs, 0 < outputs and
  /// inputs + outputs ≤ nodes.
  DagNetwork(int nodes, int inputs, int outputs, Activation hidden = Activation::sigmoid(),
             Activation output = Activation::identity());

  /// Adds the link i → j with weight w_ij. Throws std::invalid_argument, naming the link, if
  /// i ≥ j (the numbering would not be a dependency order), a node is out of range, j is an input
  /// node, or the link already exists.
  DagNetwork& link(int from, int to, double weight);
  /// Sets the weight of an existing link i → j; throws std::invalid_argument if there is none.
  DagNetwork& set_weight(int from, int to, double weight);
  /// Sets the bias b_j of a non-input node.
  DagNetwork& bias(int node, double value);
  /// Sets the activation f_j of a non-input node ("activation function can differ for each node").
  DagNetwork& activation(int node, Activation g);

  int size() const { return static_cast<int>(activations_.size()); }  ///< M
  int input_count() const { return inputs_; }                         ///< I
  int output_count() const { return outputs_; }                       ///< O
  bool is_input(int node) const { return node < inputs_; }
  bool is_output(int node) const { return node >= size() - outputs_; }
  /// The links, ordered by receiving node j, then by sending node i.
  const std::vector<DagLink>& links() const { return links_; }
  /// w_ij, or 0 if there is no link i → j (a missing link, or i ≥ j).
  double weight(int from, int to) const;
  bool has_link(int from, int to) const;
  double bias(int node) const;
  const Activation& activation(int node) const;
  /// ↑j: the nodes feeding j, in increasing order.
  std::vector<int> upstream(int node) const;
  /// ↓j: the nodes j feeds, in increasing order.
  std::vector<int> downstream(int node) const;
  /// The weights as an M × M matrix, W(i, j) = w_ij: strictly upper triangular, 0 at missing links.
  Eigen::MatrixXd weight_matrix() const;

  /// Forward pass for one input x: (I), nodes in increasing order.
  DagForward forward(const Eigen::VectorXd& x) const;
  /// Backward pass in one sweep in decreasing order, given e = ∂E/∂y at the outputs: (O).
  DagBackward backward(const DagForward& forward, const Eigen::VectorXd& output_gradient) const;
  /// The weight gradients as an M × M matrix, G(i, j) = ∂E/∂w_ij, 0 where there is no link.
  Eigen::MatrixXd gradient_matrix(const DagBackward& backward) const;

 private:
  void check_node(int node, const char* where) const;
  std::size_t link_index(int from, int to) const;  // links_.size() if none

  int inputs_ = 0, outputs_ = 0;
  std::vector<Activation> activations_;  // f_j, one per node (unused at the inputs)
  std::vector<double> biases_;           // b_j, one per node (0 at the inputs)
  std::vector<DagLink> links_;           // sorted by (to, from)
};

/// A DAG with a link wherever W(i, j) ≠ 0: PD's view that a missing link is a zero weight.
/// W: (M, M). Throws std::invalid_argument, naming the entry, if a non-zero w_ij has i ≥ j, or W
/// is not square.
DagNetwork dag_from_weight_matrix(const Eigen::MatrixXd& W, int inputs, int outputs,
                                  Activation hidden = Activation::sigmoid(),
                                  Activation output = Activation::identity());

/// The layered Mlp as a DAG: the D_in inputs are nodes 0 … D_in−1, then layer 1's units, then
/// layer 2's, …; unit r of layer l is node offset_l + r with offset_l = D_in + out_1 + … + out_{l−1}.
/// W_l(r, c), from unit c of layer l−1 to unit r of layer l, becomes the link
/// offset_{l−1} + c → offset_l + r (offset_0 = 0); b_l(r) becomes that node's bias, g_l its
/// activation. Every entry of W_l becomes a link, zeros included, so the gradients match.
DagNetwork dag_from_mlp(const Mlp& mlp);

}  // namespace nnwb
