// Code exercise on chapter 2, mse_vs_ce: the output delta ∂E/∂a of one sigmoid output node, for the
// squared error and for the cross-entropy (EDI "Training single layer neural network with MSE
// (cont.)", "Another training criterion – cross-entropy error"; CTU "Cross-Entropy Loss Function").
//
// code.output_delta: the student writes mse_output_delta(yhat, y) = (ŷ − y) ∘ ŷ(1 − ŷ) and
// ce_output_delta(yhat, y) = (ŷ − y)/N, where the sigmoid's slope cancels. Both run on the chapter's
// outputs ŷ = forward.yhat and targets y, and are graded as the steps mse.de_da and ce.de_da.
#include <string>

#include "chapters.hpp"
#include "code_exercises.hpp"

namespace nnwb::exercises::code {
namespace {

// The numbers both functions are called with.
struct Outputs {
  Eigen::ArrayXd yhat, y;
  explicit Outputs(const Inputs& in) : yhat(in.vector("forward.yhat").array()), y(in.vector("y").array()) {}
  double n() const { return static_cast<double>(y.size()); }
  Eigen::ArrayXd error() const { return yhat - y; }              // ŷ − y
  Eigen::ArrayXd slope() const { return yhat * (1.0 - yhat); }   // g'(a) = ŷ(1 − ŷ)
};

// A mistake's value from the call's arguments.
template <class F>
ComputeFn from_outputs(F f) {
  return [f](const Inputs& in) -> Value { return Eigen::VectorXd(f(Outputs(in)).matrix()); };
}

}  // namespace

void output_delta(std::vector<CodeExercise>& out) {
  Exercise steps("code.output_delta", "mse_vs_ce", "The output delta for the squared error and the cross-entropy",
                 chapters::mse_vs_ce);
  const std::vector<std::string> arguments{"forward.yhat", "y"};  // both functions' (yhat, y)
  steps.instructions(
      "A sigmoid output node gives $\\hat{y}_n = g(a_n)$ for each of the $N$ samples. Write the two functions "
      "that return its delta $\\delta_n = \\partial E/\\partial a_n$ for every sample, from the outputs "
      "$\\hat{y}_n$ and the targets $y_n$:\n\n"
      "- `mse_output_delta(yhat, y)` for the squared error $E_{\\text{MSE}} = \\frac{1}{2}\\sum_n (\\hat{y}_n - "
      "y_n)^2$ (a sum, no $1/N$): the chain rule $\\partial E/\\partial \\hat{y}_n \\cdot g'(a_n)$ with the "
      "sigmoid's slope $g'(a_n) = \\hat{y}_n(1 - \\hat{y}_n)$;\n"
      "- `ce_output_delta(yhat, y)` for the mean cross-entropy $E_H = -\\frac{1}{N}\\sum_n \\{y_n \\ln "
      "\\hat{y}_n + (1 - y_n)\\ln(1 - \\hat{y}_n)\\}$, where the slope cancels: work out what is left.\n\n"
      "Each is graded as the chapter's step for it, on ten variants.");

  // δ = (ŷ − y) ∘ ŷ(1 − ŷ)
  steps.ask("mse.de_da")
      .tolerance(code_tolerance())
      .mistake("no_gprime", "the g'(a) factor is left out: ∂E/∂aₙ = (ŷₙ − yₙ) · ŷₙ(1 − ŷₙ), not ŷₙ − yₙ alone",
               arguments, from_outputs([](const Outputs& o) { return o.error(); }))
      .mistake("y_minus_yhat", "(y − ŷ) for (ŷ − y): the sign is reversed, ∂E/∂aₙ = (ŷₙ − yₙ) ŷₙ(1 − ŷₙ)",
               arguments, from_outputs([](const Outputs& o) { return Eigen::ArrayXd(-o.error() * o.slope()); }))
      .mistake("tanh_derivative", "1 − ŷ² is the derivative of tanh; the sigmoid's is ŷₙ(1 − ŷₙ)", arguments,
               from_outputs([](const Outputs& o) { return Eigen::ArrayXd(o.error() * (1.0 - o.yhat.square())); }))
      .mistake("one_over_n_added", "E_MSE = ½ Σₙ (ŷₙ − yₙ)² is a sum, not a mean: its delta has no 1/N", arguments,
               from_outputs([](const Outputs& o) { return Eigen::ArrayXd(o.error() * o.slope() / o.n()); }));

  // δ = (ŷ − y)/N
  steps.ask("ce.de_da")
      .tolerance(code_tolerance())
      .mistake("no_one_over_n", "the 1/N is dropped: E_H is a mean, so ∂E_H/∂aₙ = (ŷₙ − yₙ)/N", arguments,
               from_outputs([](const Outputs& o) { return o.error(); }))
      .mistake("y_minus_yhat", "(y − ŷ) for (ŷ − y): the sign is reversed, ∂E_H/∂aₙ = (ŷₙ − yₙ)/N", arguments,
               from_outputs([](const Outputs& o) { return Eigen::ArrayXd(-o.error() / o.n()); }))
      .mistake("extra_gprime",
               "the sigmoid's slope cancels: ∂E_H/∂aₙ = ∂E_H/∂ŷₙ · ŷₙ(1 − ŷₙ) = (ŷₙ − yₙ)/N, with no "
               "ŷₙ(1 − ŷₙ) left over",
               arguments, from_outputs([](const Outputs& o) { return Eigen::ArrayXd(o.error() * o.slope() / o.n()); }))
      .mistake("no_gprime",
               "the g'(a) factor is left out: ∂E_H/∂ŷₙ = (1/N)(−yₙ/ŷₙ + (1 − yₙ)/(1 − ŷₙ)) is still to be "
               "multiplied by ŷₙ(1 − ŷₙ), which collapses it to (ŷₙ − yₙ)/N",
               arguments, from_outputs([](const Outputs& o) {
                 return Eigen::ArrayXd((-o.y / o.yhat + (1.0 - o.y) / (1.0 - o.yhat)) / o.n());
               }));

  CodeExercise e(std::move(steps));
  const std::vector<CodeValue> both{
      {"yhat", ValueKind::vector, "the sigmoid node's outputs ŷₙ = g(aₙ), one per sample, (N)"},
      {"y", ValueKind::vector, "the targets yₙ, 0 or 1, (N)"}};
  e.function({
      .name = "mse_output_delta",
      .summary = "The output delta ∂E_MSE/∂a of a sigmoid node under the squared error",
      .formula = "δₙ = (ŷₙ − yₙ) ŷₙ(1 − ŷₙ) for E_MSE = ½ Σₙ (ŷₙ − yₙ)², ŷ = g(a)",
      .arguments = both,
      .results = {{"delta", ValueKind::vector, "δₙ = ∂E_MSE/∂aₙ, (N)"}},
      .cpp = "Vector mse_output_delta(const Vector& yhat, const Vector& y)",
      .python = "def mse_output_delta(yhat, y):",
  });
  e.function({
      .name = "ce_output_delta",
      .summary = "The output delta ∂E_H/∂a of a sigmoid node under the mean cross-entropy",
      .formula = "δₙ = (ŷₙ − yₙ)/N for E_H = −(1/N) Σₙ {yₙ ln ŷₙ + (1 − yₙ) ln(1 − ŷₙ)}, ŷ = g(a)",
      .arguments = both,
      .results = {{"delta", ValueKind::vector, "δₙ = ∂E_H/∂aₙ, (N)"}},
      .cpp = "Vector ce_output_delta(const Vector& yhat, const Vector& y)",
      .python = "def ce_output_delta(yhat, y):",
  });
  e.call({.function = "mse_output_delta", .arguments = arguments, .results = {"mse.de_da"}});
  e.call({.function = "ce_output_delta", .arguments = arguments, .results = {"ce.de_da"}});
  out.push_back(std::move(e));
}

}  // namespace nnwb::exercises::code
