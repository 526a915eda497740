// The catalogue: every chapter in lecture order, as ../shared/CATALOGUE.md numbers them.
#include <array>
#include <stdexcept>
#include <string>

#include "chapters.hpp"

namespace nnwb::chapters {

std::span<const Chapter> catalogue() {
  static const std::array<Chapter, 7> all = {{
      {1, "perceptron", "Rosenblatt's perceptron rule", perceptron},
      {2, "mse_vs_ce", "MSE versus cross-entropy gradients for a sigmoid output", mse_vs_ce},
      {3, "softmax_jacobian", "The softmax Jacobian and the softmax cross-entropy gradient",
       softmax_jacobian},
      {4, "tanh_derivative", "The tanh derivative and its sigmoid twin", tanh_derivative},
      {5, "delta_recursion", "Backpropagation's delta recursion", delta_recursion},
      {6, "graph_xyz", "f(x, y, z) = (x + y)z on a computation graph", graph_xyz},
      {6, "graph_neuron", "A sigmoid neuron on a computation graph", graph_neuron},
  }};
  return all;
}

const Chapter& find(std::string_view id) {
  for (const Chapter& chapter : catalogue())
    if (chapter.id == id) return chapter;
  throw std::out_of_range("no chapter '" + std::string(id) + "'");
}

}  // namespace nnwb::chapters
