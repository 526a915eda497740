// Wrong on purpose (code.gate, mistake sum_not_product): the forward pass adds z instead of
// multiplying by it; the backward pass is right.
#include "nnwb_code.hpp"

double gate_forward(double x, double y, double z) { return x + y + z; }  // should be (x + y) z

std::tuple<double, double, double> gate_backward(double x, double y, double z) { return {z, z, x + y}; }
