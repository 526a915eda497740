// Reference solution of code.gate (chapter 6, graph_xyz; BMB "Backpropagation: Simple Example"):
// f(x, y, z) = (x + y)z, forward and backward.
#include "nnwb_code.hpp"

double gate_forward(double x, double y, double z) {
  const double q = x + y;  // add gate
  return q * z;            // mul gate: f = q z
}

std::tuple<double, double, double> gate_backward(double x, double y, double z) {
  const double q = x + y;      // in the forward pass this was: q = x + y, f = q z
  const double df = 1.0;       // ∂f/∂f
  const double dq = z * df;    // mul gate, local gradient the other input: ∂f/∂q = z
  const double dz = q * df;    //                                          ∂f/∂z = q
  const double dx = 1.0 * dq;  // add gate, local gradient 1: passes ∂f/∂q on to x
  const double dy = 1.0 * dq;  //                              and to y
  return {dx, dy, dz};
}
