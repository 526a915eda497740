// Exercises on chapter graph_neuron (to be written).
#include "exercises.hpp"

namespace nnwb::exercises {

void graph_neuron(std::vector<Exercise>&) {}

}  // namespace nnwb::exercises
