// Exercises on chapter linear_regression (to be written).
#include "exercises.hpp"

namespace nnwb::exercises {

void linear_regression(std::vector<Exercise>&) {}

}  // namespace nnwb::exercises
