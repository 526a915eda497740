// Exercises on chapter neuron_geometry (to be written).
#include "exercises.hpp"

namespace nnwb::exercises {

void neuron_geometry(std::vector<Exercise>&) {}

}  // namespace nnwb::exercises
