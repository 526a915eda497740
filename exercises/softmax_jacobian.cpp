// Exercises on chapter softmax_jacobian (to be written).
#include "exercises.hpp"

namespace nnwb::exercises {

void softmax_jacobian(std::vector<Exercise>&) {}

}  // namespace nnwb::exercises
