// The list of code exercises, in catalogue order (see code_exercises.hpp).
#include <fmt/format.h>
#include <stdexcept>

#include "code_exercises.hpp"

namespace nnwb::exercises::code {

std::span<const CodeExercise> all_code() {
  static const std::vector<CodeExercise> list = [] {
    std::vector<CodeExercise> out;
    for (auto add : {perceptron_update, output_delta, softmax, softmax_ce, activation_derivatives, delta_layer,
                     two_layer_backward, gate})
      add(out);
    return out;
  }();
  return list;
}

const CodeExercise& find_code(std::string_view id) {
  std::string known;
  for (const CodeExercise& exercise : all_code()) {
    if (exercise.id() == id) return exercise;
    known += (known.empty() ? "" : ", ") + exercise.id();
  }
  throw std::out_of_range(fmt::format("no code exercise '{}' (there are: {})", id, known));
}

}  // namespace nnwb::exercises::code
