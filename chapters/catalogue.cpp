// The catalogue: every chapter in lecture order, as ../shared/CATALOGUE.md numbers them.
#include <array>
#include <stdexcept>
#include <string>

#include "chapters.hpp"

namespace nnwb::chapters {

std::span<const Chapter> catalogue() {
  static const std::array<Chapter, 22> all = {{
      {1, "perceptron", "Rosenblatt's perceptron rule", perceptron},
      {2, "mse_vs_ce", "MSE versus cross-entropy gradients for a sigmoid output", mse_vs_ce},
      {3, "softmax_jacobian", "The softmax Jacobian and the softmax cross-entropy gradient",
       softmax_jacobian},
      {4, "tanh_derivative", "The tanh derivative and its sigmoid twin", tanh_derivative},
      {5, "delta_recursion", "Backpropagation's delta recursion", delta_recursion},
      {6, "graph_xyz", "f(x, y, z) = (x + y)z on a computation graph", graph_xyz},
      {6, "graph_neuron", "A sigmoid neuron on a computation graph", graph_neuron},
      {7, "neuron_geometry", "The artificial neuron and its hyperplane", neuron_geometry},
      {8, "logic_units", "McCulloch–Pitts units: AND, OR, NOT, majority, and why not XOR", logic_units},
      {9, "xnor_mlp", "The XNOR network", xnor_mlp},
      {10, "activations", "The activation zoo: values, derivatives, saturation", activations},
      {11, "sigmoid_posterior", "The sigmoid as a posterior probability", sigmoid_posterior},
      {12, "single_neuron_gd", "Gradient descent for one sigmoid neuron", single_neuron_gd},
      {13, "single_layer", "A single layer of neurons with several outputs", single_layer},
      {14, "linear_regression", "The linear network: least squares and gradient descent", linear_regression},
      {15, "max_likelihood", "Losses from likelihoods", max_likelihood},
      {16, "matrix_graph", "The two-layer network as a computation graph", matrix_graph},
      {17, "dag_backprop", "Backpropagation on a feed-forward DAG", dag_backprop},
      {18, "training", "How the weights move: online, batch, mini-batch, momentum, L2", training},
      {19, "gradient_check", "Gradient checking by finite differences", gradient_check},
      {20, "universal_approximation", "Universal approximation with three tanh hidden units", universal_approximation},
      {21, "errata", "Errata: every formula the decks state, checked on numbers", errata},
  }};
  return all;
}

const Chapter& find(std::string_view id) {
  for (const Chapter& chapter : catalogue())
    if (chapter.id == id) return chapter;
  throw std::out_of_range("no chapter '" + std::string(id) + "'");
}

}  // namespace nnwb::chapters
