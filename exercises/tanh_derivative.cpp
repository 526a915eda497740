// Exercises on chapter tanh_derivative (to be written).
#include "exercises.hpp"

namespace nnwb::exercises {

void tanh_derivative(std::vector<Exercise>&) {}

}  // namespace nnwb::exercises
