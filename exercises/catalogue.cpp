// The list of exercises, in catalogue order (see exercises.hpp).
#include <fmt/format.h>
#include <stdexcept>

#include "exercises.hpp"

namespace nnwb::exercises {

std::span<const Exercise> all() {
  static const std::vector<Exercise> list = [] {
    std::vector<Exercise> out;
    for (auto add : {perceptron, mse_vs_ce, softmax_jacobian, tanh_derivative, delta_recursion, graph_xyz,
                     graph_neuron, neuron_geometry, xnor_mlp, sigmoid_posterior, single_neuron_gd,
                     linear_regression, matrix_graph})
      add(out);
    return out;
  }();
  return list;
}

const Exercise& find(std::string_view id) {
  std::string known;
  for (const Exercise& exercise : all()) {
    if (exercise.id() == id) return exercise;
    known += (known.empty() ? "" : ", ") + exercise.id();
  }
  throw std::out_of_range(fmt::format("no exercise '{}' (there are: {})", id, known));
}

}  // namespace nnwb::exercises
