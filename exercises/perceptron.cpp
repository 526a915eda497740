// Exercises on chapter perceptron (to be written).
#include "exercises.hpp"

namespace nnwb::exercises {

void perceptron(std::vector<Exercise>&) {}

}  // namespace nnwb::exercises
