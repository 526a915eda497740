// Wrong on purpose (code.gate, mistake mul_not_swapped): the mul gate's local gradients not swapped:
// ∂f/∂q = q and ∂f/∂z = z, where each is the other input.
#include "nnwb_code.hpp"

double gate_forward(double x, double y, double z) { return (x + y) * z; }

std::tuple<double, double, double> gate_backward(double x, double y, double z) {
  const double q = x + y;
  const double dq = q;  // should be z
  const double dz = z;  // should be q
  return {dq, dq, dz};
}
