// Exercises on chapter xnor_mlp (to be written).
#include "exercises.hpp"

namespace nnwb::exercises {

void xnor_mlp(std::vector<Exercise>&) {}

}  // namespace nnwb::exercises
