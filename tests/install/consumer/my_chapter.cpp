// A chapter a course might add on its own: the derivative of the sigmoid at a, σ'(a) = σ(a)(1 − σ(a)),
// traced step by step with nnwb's library (the activations, the trace and its text and JSON forms)
// and checked against a central difference, as the workbook's own chapters are.
#include <cmath>
#include <iostream>

#include "nnwb/activations.hpp"
#include "nnwb/render.hpp"
#include "nnwb/trace.hpp"

int main() {
  nnwb::Trace trace("my_sigmoid", "The derivative of the sigmoid, on our own numbers");
  trace.parameter("a", "a", "the activation", 0.5);
  trace.step("sigma", "The sigmoid")
      .formula("\\sigma(a) = \\frac{1}{1 + e^{-a}}")
      .compute({"a"}, [](const nnwb::Inputs& in) { return nnwb::sigmoid(in.scalar("a")); });
  trace.step("slope", "Its slope")
      .formula("\\sigma'(a) = \\sigma(a)(1 - \\sigma(a))")
      .compute({"sigma"}, [](const nnwb::Inputs& in) { return in.scalar("sigma") * (1 - in.scalar("sigma")); });

  // The slope against a central difference of the library's sigmoid.
  const double h = 1e-5, a = 0.5;
  const double difference = (nnwb::sigmoid(a + h) - nnwb::sigmoid(a - h)) / (2 * h);
  const double slope = std::get<double>(trace.value("slope"));
  std::cout << nnwb::render_text(trace) << nnwb::to_json(trace).dump(2) << "\n";
  if (std::abs(slope - difference) > 1e-9 * std::abs(difference)) {
    std::cerr << "the slope " << slope << " disagrees with the central difference " << difference << "\n";
    return 1;
  }
  std::cout << "the slope agrees with the central difference\n";
  return 0;
}
