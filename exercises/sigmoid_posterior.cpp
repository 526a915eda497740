// Exercises on chapter sigmoid_posterior (to be written).
#include "exercises.hpp"

namespace nnwb::exercises {

void sigmoid_posterior(std::vector<Exercise>&) {}

}  // namespace nnwb::exercises
