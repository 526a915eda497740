// Exercises on chapter matrix_graph (to be written).
#include "exercises.hpp"

namespace nnwb::exercises {

void matrix_graph(std::vector<Exercise>&) {}

}  // namespace nnwb::exercises
