// Code exercise on chapter 5, delta_recursion: one step of the delta recursion through a sigmoid
// layer, as a function (PD "Error gradient: hidden nodes"; IC "Error backpropagation"; CTU
// "Backpropagation Algorithm (Batch Variant)").
//
// code.delta_layer: the student writes sigmoid_layer_delta(a, W_next, delta_next) =
// σ'(a) ∘ (W_nextᵀ δ_next), with σ'(a) = σ(a)(1 − σ(a)). It runs on the hidden layer of the 3-2-3
// network (net2.sample.l1.delta, from the output deltas) and on layer 2 of the 2-3-2-1 network
// (net3.sample.l2.delta, from layer 3's), both on the chapter's first sample.
//
// "W for Wᵀ" is not named: no weight matrix this runs on is square (W⁽²⁾ of the first network is
// 3×2, W⁽³⁾ of the second 1×2), so W_next δ_next does not exist: it fails in the student's own code
// (an Eigen assertion, numpy's ValueError), which the grader reports for that call.
#include <functional>
#include <string>

#include "chapters.hpp"
#include "code_exercises.hpp"
#include "nnwb/activations.hpp"

namespace nnwb::exercises::code {
namespace {

// The call's arguments: the layer's pre-activations, the next layer's weights and deltas.
struct Layer {
  Eigen::ArrayXd a;
  Eigen::ArrayXd back;  // W_nextᵀ δ_next: the deltas carried back through the weights

  Layer(const Inputs& in, const std::vector<std::string>& names)
      : a(in.vector(names[0]).array()),
        back((in.matrix(names[1]).transpose() * in.vector(names[2])).array()) {}
  Eigen::ArrayXd z() const { return a.unaryExpr([](double v) { return nnwb::sigmoid(v); }); }  // σ(a)
};

// The mistakes of the layer's deltas δ = σ'(a) ∘ (W_nextᵀ δ_next); `names` are the call's arguments.
void delta_mistakes(AskedStep& step, const std::vector<std::string>& names) {
  const auto from_layer = [names](std::function<Eigen::ArrayXd(const Layer&)> f) -> ComputeFn {
    return [names, f](const Inputs& in) -> Value { return Eigen::VectorXd(f(Layer(in, names)).matrix()); };
  };
  step
      // W_nextᵀ δ_next
      .mistake("no_gprime",
               "the g'(a) factor is left out: δ = σ'(a) ∘ (W_nextᵀ δ_next), with σ'(a) = σ(a)(1 − σ(a))", names,
               from_layer([](const Layer& l) { return l.back; }))
      // a ∘ (1 − a) ∘ (W_nextᵀ δ_next)
      .mistake("gprime_at_preactivation",
               "the pre-activation is used where the activation belongs: σ'(a) = z(1 − z) with z = σ(a), not "
               "a(1 − a)",
               names, from_layer([](const Layer& l) { return Eigen::ArrayXd(l.a * (1.0 - l.a) * l.back); }))
      // σ(z) ∘ (1 − σ(z)) ∘ (W_nextᵀ δ_next), z = σ(a)
      .mistake("gprime_at_activation",
               "σ'(a) = σ(a)(1 − σ(a)) is the slope at the pre-activation a; taking σ'(z) at z = σ(a) applies the "
               "sigmoid twice",
               names, from_layer([](const Layer& l) {
                 const Eigen::ArrayXd s = l.z().unaryExpr([](double v) { return nnwb::sigmoid(v); });
                 return Eigen::ArrayXd(s * (1.0 - s) * l.back);
               }))
      // (1 − z²) ∘ (W_nextᵀ δ_next)
      .mistake("tanh_slope", "the layer is a sigmoid layer: its g'(a) is σ(a)(1 − σ(a)), not tanh's 1 − z²", names,
               from_layer([](const Layer& l) { return Eigen::ArrayXd((1.0 - l.z().square()) * l.back); }));
}

}  // namespace

void delta_layer(std::vector<CodeExercise>& out) {
  Exercise steps("code.delta_layer", "delta_recursion", "One step of the delta recursion, as a function",
                 chapters::delta_recursion);
  const std::vector<std::string> net2{"net2.sample.l1.a", "net2.W2", "net2.sample.l2.delta"};
  const std::vector<std::string> net3{"net3.sample.l2.a", "net3.W3", "net3.sample.l3.delta"};
  steps.instructions(
      "Write `sigmoid_layer_delta(a, W_next, delta_next)`: the deltas $\\boldsymbol{\\delta} = \\partial E/\\partial "
      "\\mathbf{a}$ of a sigmoid layer, from its pre-activations $\\mathbf{a}$ and from the deltas "
      "$\\boldsymbol{\\delta}_{\\text{next}}$ of the layer it feeds through the weights $W_{\\text{next}}$ "
      "($\\mathbf{a}_{\\text{next}} = W_{\\text{next}}\\,\\sigma(\\mathbf{a}) + \\mathbf{b}_{\\text{next}}$):\n\n"
      "$$\\boldsymbol{\\delta} = \\sigma'(\\mathbf{a}) \\circ "
      "(W_{\\text{next}}^T \\boldsymbol{\\delta}_{\\text{next}}), "
      "\\qquad \\sigma'(a) = \\sigma(a)(1 - \\sigma(a)),$$\n\n"
      "with $\\circ$ the elementwise product. It runs on the hidden layer of the two-layer network and on layer 2 "
      "of the three-layer network, on the first sample of each, and each result is graded as that layer's deltas "
      "in the chapter's trace, on ten variants.");
  delta_mistakes(steps.ask("net2.sample.l1.delta").tolerance(code_tolerance()), net2);
  delta_mistakes(steps.ask("net3.sample.l2.delta").tolerance(code_tolerance()), net3);

  CodeExercise e(std::move(steps));
  e.function({
      .name = "sigmoid_layer_delta",
      .summary = "The deltas of a sigmoid layer, from the next layer's deltas",
      .formula = "δ = σ'(a) ∘ (W_nextᵀ δ_next), σ'(a) = σ(a)(1 − σ(a))",
      .arguments = {{"a", ValueKind::vector, "the layer's pre-activations, (h)"},
                    {"W_next", ValueKind::matrix, "the weights from this layer into the next, (k × h)"},
                    {"delta_next", ValueKind::vector, "the next layer's deltas ∂E/∂a_next, (k)"}},
      .results = {{"delta", ValueKind::vector, "the layer's deltas ∂E/∂a, (h)"}},
      .cpp = "Vector sigmoid_layer_delta(const Vector& a, const Matrix& W_next, const Vector& delta_next)",
      .python = "def sigmoid_layer_delta(a, W_next, delta_next):",
  });
  e.call({.function = "sigmoid_layer_delta", .arguments = net2, .results = {"net2.sample.l1.delta"}});
  e.call({.function = "sigmoid_layer_delta", .arguments = net3, .results = {"net3.sample.l2.delta"}});
  out.push_back(std::move(e));
}

}  // namespace nnwb::exercises::code
