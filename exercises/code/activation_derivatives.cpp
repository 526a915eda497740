// Code exercise on chapter 4, tanh_derivative: the slopes of tanh and of the logistic sigmoid, as
// functions (PD Appendix B "Derivative of tanh"; EDI and CTU's σ'(x) = σ(x)(1 − σ(x))).
//
// code.activation_derivatives: the student writes tanh_derivative(a) = 1 − tanh²(a) and
// sigmoid_derivative(x) = σ(x)(1 − σ(x)), each a function of the pre-activation: the slope is
// written with the activation's own value, so it must be computed first. They run on the chapter's
// a and sigmoid.x and are graded as the steps tanh.derivative and sigmoid.derivative.
#include <cmath>

#include "chapters.hpp"
#include "code_exercises.hpp"
#include "nnwb/activations.hpp"

namespace nnwb::exercises::code {

void activation_derivatives(std::vector<CodeExercise>& out) {
  Exercise steps("code.activation_derivatives", "tanh_derivative", "The slopes of tanh and of the sigmoid",
                 chapters::tanh_derivative);
  steps.instructions(
      "Write the derivatives of two activation functions, each a function of the pre-activation:\n\n"
      "- `tanh_derivative(a)` returns $f'(a)$ for $f(a) = \\tanh(a)$: $f'(a) = 1 - f(a)^2$;\n"
      "- `sigmoid_derivative(x)` returns $\\sigma'(x)$ for the logistic sigmoid $\\sigma(x) = 1/(1 + e^{-x})$: "
      "$\\sigma'(x) = \\sigma(x)(1 - \\sigma(x))$.\n\n"
      "Both formulas are written with the function's value, $f(a)$ or $\\sigma(x)$, not with the argument "
      "you are given: compute that first. Each result is graded as the chapter's step for it, on ten variants.");

  // f'(a) = 1 − tanh²(a)
  steps.ask("tanh.derivative")
      .tolerance(code_tolerance())
      // 1 − tanh(a)
      .mistake("one_minus_tanh", "1 − tanh for 1 − tanh²: the derivative of tanh is f'(a) = 1 − f(a)², squared",
               {"a"}, [](const Inputs& in) -> Value { return 1.0 - std::tanh(in.scalar("a")); })
      // 1 − a²: the formula applied to the argument
      .mistake("pre_activation", "f'(a) = 1 − f(a)² squares the output f(a) = tanh(a), not the pre-activation a",
               {"a"}, [](const Inputs& in) -> Value {
                 const double a = in.scalar("a");
                 return 1.0 - a * a;
               })
      // f(1 − f) with f = tanh(a): the sigmoid's form
      .mistake("sigmoid_derivative", "f(1 − f) is the form of the logistic sigmoid's derivative; tanh's is 1 − f²",
               {"a"}, [](const Inputs& in) -> Value {
                 const double f = std::tanh(in.scalar("a"));
                 return f * (1.0 - f);
               })
      // σ(a)(1 − σ(a)): the sigmoid's slope itself
      .mistake("sigmoid_slope",
               "σ(a)(1 − σ(a)) is the slope of the logistic sigmoid, not of tanh: f'(a) = 1 − tanh²(a)", {"a"},
               [](const Inputs& in) -> Value { return nnwb::sigmoid_derivative(in.scalar("a")); });

  // σ'(x) = σ(x)(1 − σ(x))
  steps.ask("sigmoid.derivative")
      .tolerance(code_tolerance())
      // x(1 − x): the formula applied to the argument
      .mistake("pre_activation", "σ'(x) = σ(x)(1 − σ(x)) uses the output σ(x), not the pre-activation x",
               {"sigmoid.x"}, [](const Inputs& in) -> Value {
                 const double x = in.scalar("sigmoid.x");
                 return x * (1.0 - x);
               })
      // 1 − σ(x)²: tanh's form
      .mistake("tanh_derivative", "1 − σ² is the form of tanh's derivative; the sigmoid's is σ(x)(1 − σ(x))",
               {"sigmoid.x"}, [](const Inputs& in) -> Value {
                 const double s = nnwb::sigmoid(in.scalar("sigmoid.x"));
                 return 1.0 - s * s;
               });

  CodeExercise e(std::move(steps));
  e.function({
      .name = "tanh_derivative",
      .summary = "The slope of tanh at the pre-activation a",
      .formula = "f'(a) = 1 − f(a)², f(a) = tanh(a)",
      .arguments = {{"a", ValueKind::scalar, "the pre-activation a"}},
      .results = {{"slope", ValueKind::scalar, "f'(a), in (0, 1]"}},
      .cpp = "double tanh_derivative(double a)",
      .python = "def tanh_derivative(a):",
  });
  e.function({
      .name = "sigmoid_derivative",
      .summary = "The slope of the logistic sigmoid at x",
      .formula = "σ'(x) = σ(x)(1 − σ(x)), σ(x) = 1 / (1 + e^(−x))",
      .arguments = {{"x", ValueKind::scalar, "the pre-activation x"}},
      .results = {{"slope", ValueKind::scalar, "σ'(x), in (0, ¼]"}},
      .cpp = "double sigmoid_derivative(double x)",
      .python = "def sigmoid_derivative(x):",
  });
  e.call({.function = "tanh_derivative", .arguments = {"a"}, .results = {"tanh.derivative"}});
  e.call({.function = "sigmoid_derivative", .arguments = {"sigmoid.x"}, .results = {"sigmoid.derivative"}});
  out.push_back(std::move(e));
}

}  // namespace nnwb::exercises::code
