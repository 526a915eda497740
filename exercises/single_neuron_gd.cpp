// Exercises on chapter single_neuron_gd (to be written).
#include "exercises.hpp"

namespace nnwb::exercises {

void single_neuron_gd(std::vector<Exercise>&) {}

}  // namespace nnwb::exercises
