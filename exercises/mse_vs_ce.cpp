// Exercises on chapter mse_vs_ce (to be written).
#include "exercises.hpp"

namespace nnwb::exercises {

void mse_vs_ce(std::vector<Exercise>&) {}

}  // namespace nnwb::exercises
