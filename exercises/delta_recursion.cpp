// Exercises on chapter delta_recursion (to be written).
#include "exercises.hpp"

namespace nnwb::exercises {

void delta_recursion(std::vector<Exercise>&) {}

}  // namespace nnwb::exercises
