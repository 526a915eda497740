// Code exercise on chapter 5, delta_recursion: the forward and backward pass of one sample through
// a two-layer network, as functions (IC "Error backpropagation", "Backpropagation algorithm"; PD
// "Error gradient: output nodes", "hidden nodes", "Partial derivatives wrt weights", "Final result").
//
// code.two_layer_backward: on the 3-2-3 network (sigmoid hidden layer, softmax output,
// cross-entropy) the student writes two_layer_loss(x, t, W1, b1, W2, b2) = E and
// two_layer_backward(…) = (∂E/∂W1, ∂E/∂b1, ∂E/∂W2, ∂E/∂b2) by the delta recursion: δ² = ŷ − t,
// δ¹ = σ'(a¹) ∘ (W2ᵀ δ²), ∂E/∂W^(l) = δ^(l) (z^(l−1))ᵀ, ∂E/∂b^(l) = δ^(l). They run on the chapter's
// first sample, and are graded as the steps net2.sample.E, l2.dW, l2.db, l1.dW and l1.db; each
// gradient is also checked against central differences of the student's own loss.
//
// "the gradient transposed" (z δᵀ for δ zᵀ) is not named: neither W1 (2×3) nor W2 (3×2) is square,
// so the transposed gradient has the wrong shape, which the grader reports as such.
#include <functional>
#include <string>

#include "chapters.hpp"
#include "code_exercises.hpp"
#include "nnwb/activations.hpp"
#include "nnwb/softmax.hpp"

namespace nnwb::exercises::code {
namespace {

// Both functions' arguments (x, t, W1, b1, W2, b2).
const std::vector<std::string>& arguments() {
  static const std::vector<std::string> names{"net2.sample.x", "net2.sample.t", "net2.W1",
                                              "net2.b1",       "net2.W2",       "net2.b2"};
  return names;
}

Eigen::VectorXd sigmoid_of(const Eigen::VectorXd& a) {
  return a.unaryExpr([](double v) { return nnwb::sigmoid(v); });
}
// x(1 − x) elementwise: σ'(a) when x = σ(a), the mistake when x = a.
Eigen::VectorXd logistic_slope(const Eigen::VectorXd& x) { return x.cwiseProduct((1.0 - x.array()).matrix()); }

// The call's arguments and the forward pass through them, as the student's function computes it.
struct Sample {
  Eigen::VectorXd x, t, b1, b2;
  Eigen::MatrixXd W1, W2;
  Eigen::VectorXd a1, z1, a2, y;

  explicit Sample(const Inputs& in)
      : x(in.vector(arguments()[0])), t(in.vector(arguments()[1])), b1(in.vector(arguments()[3])),
        b2(in.vector(arguments()[5])), W1(in.matrix(arguments()[2])), W2(in.matrix(arguments()[4])) {
    a1 = W1 * x + b1;         // a¹ = W1 x + b1
    z1 = sigmoid_of(a1);      // z¹ = σ(a¹)
    a2 = W2 * z1 + b2;        // a² = W2 z¹ + b2
    y = nnwb::softmax(a2);    // ŷ = softmax(a²)
  }
  Eigen::VectorXd delta2() const { return y - t; }                            // δ² = ŷ − t
  Eigen::VectorXd back(const Eigen::VectorXd& d2) const { return W2.transpose() * d2; }  // W2ᵀ δ²
  Eigen::VectorXd delta1() const { return logistic_slope(z1).cwiseProduct(back(delta2())); }  // σ'(a¹) ∘ W2ᵀ δ²
  // The output deltas with the sigmoid's slope multiplied in: ŷ(1 − ŷ) ∘ (ŷ − t).
  Eigen::VectorXd delta2_extra_gprime() const { return logistic_slope(y).cwiseProduct(delta2()); }
};

ComputeFn from_sample(std::function<Value(const Sample&)> f) {
  return [f](const Inputs& in) { return f(Sample(in)); };
}
Value outer(const Eigen::VectorXd& delta, const Eigen::VectorXd& z) { return Eigen::MatrixXd(delta * z.transpose()); }
Value vec(const Eigen::VectorXd& v) { return v; }

constexpr const char* sign_feedback =
    "∂E/∂W = δ zᵀ and ∂E/∂b = δ with δ = ∂E/∂a, and δ² = ŷ − t, not t − ŷ: the sign is flipped";
constexpr const char* extra_gprime_feedback =
    "with a softmax output and the cross-entropy the output delta is ŷ − t itself; there is no extra ŷ(1 − ŷ) factor";
constexpr const char* no_gprime_feedback =
    "the g'(a) factor is left out: δ¹ = σ'(a¹) ∘ (W2ᵀ δ²), with σ'(a) = σ(a)(1 − σ(a))";
constexpr const char* preactivation_gprime_feedback =
    "the pre-activation is used where the activation belongs: σ'(a¹) = z¹(1 − z¹) with z¹ = σ(a¹), not a¹(1 − a¹)";

// The mistakes of the hidden layer's gradient, each from the hidden deltas it makes: ∂E/∂W1 = δ¹ xᵀ
// (`outer_with_x`) or ∂E/∂b1 = δ¹.
void hidden_mistakes(AskedStep& step, bool outer_with_x) {
  const auto as_gradient = [outer_with_x](std::function<Eigen::VectorXd(const Sample&)> delta1) {
    return from_sample([outer_with_x, delta1](const Sample& s) {
      return outer_with_x ? outer(delta1(s), s.x) : vec(delta1(s));
    });
  };
  step.mistake("no_gprime", no_gprime_feedback, arguments(), as_gradient([](const Sample& s) {
        return s.back(s.delta2());  // W2ᵀ δ²
      }))
      .mistake("gprime_at_preactivation", preactivation_gprime_feedback, arguments(), as_gradient([](const Sample& s) {
        return Eigen::VectorXd(logistic_slope(s.a1).cwiseProduct(s.back(s.delta2())));  // a¹(1 − a¹) ∘ W2ᵀ δ²
      }))
      .mistake("sign_flipped", sign_feedback, arguments(), as_gradient([](const Sample& s) {
        return Eigen::VectorXd(-s.delta1());  // −δ¹
      }))
      .mistake("extra_gprime", extra_gprime_feedback, arguments(), as_gradient([](const Sample& s) {
        return Eigen::VectorXd(logistic_slope(s.z1).cwiseProduct(s.back(s.delta2_extra_gprime())));
      }));
}

}  // namespace

void two_layer_backward(std::vector<CodeExercise>& out) {
  Exercise steps("code.two_layer_backward", "delta_recursion",
                 "Backpropagation through a two-layer network, as functions", chapters::delta_recursion);
  steps.instructions(
      "One sample $\\mathbf{x}$ with one-hot target $\\mathbf{t}$ goes through a two-layer network: a sigmoid hidden "
      "layer and a softmax output with the cross-entropy error,\n\n"
      "$$\\mathbf{a}^{(1)} = W_1\\mathbf{x} + \\mathbf{b}_1,\\quad "
      "\\mathbf{z}^{(1)} = \\sigma(\\mathbf{a}^{(1)}),\\quad "
      "\\mathbf{a}^{(2)} = W_2\\mathbf{z}^{(1)} + \\mathbf{b}_2,\\quad \\hat{\\mathbf{y}} = "
      "\\operatorname{softmax}(\\mathbf{a}^{(2)}),\\quad E = -\\sum_k t_k \\ln \\hat{y}_k.$$\n\n"
      "Write `two_layer_loss(x, t, W1, b1, W2, b2)`, which returns $E$, and "
      "`two_layer_backward(x, t, W1, b1, W2, b2)`, which returns the four gradients "
      "$(\\partial E/\\partial W_1, \\partial E/\\partial \\mathbf{b}_1, "
      "\\partial E/\\partial W_2, \\partial E/\\partial \\mathbf{b}_2)$, each shaped as its parameter, by the delta "
      "recursion: $\\boldsymbol{\\delta}^{(2)} = \\hat{\\mathbf{y}} - \\mathbf{t}$, $\\boldsymbol{\\delta}^{(1)} = "
      "\\sigma'(\\mathbf{a}^{(1)}) \\circ (W_2^T \\boldsymbol{\\delta}^{(2)})$, $\\partial E/\\partial W_l = "
      "\\boldsymbol{\\delta}^{(l)} (\\mathbf{z}^{(l-1)})^T$ (with $\\mathbf{z}^{(0)} = \\mathbf{x}$) and "
      "$\\partial E/\\partial \\mathbf{b}_l = \\boldsymbol{\\delta}^{(l)}$. Compute the softmax and the logarithm "
      "stably.\n\n"
      "Both run on the first sample of the chapter's two-layer network; each result is graded as the chapter's step "
      "for it, on ten variants, and each gradient is also compared with central differences of your own "
      "`two_layer_loss`.");
  const std::string p = "net2.sample.";

  // E = −Σ_k t_k ln ŷ_k
  steps.ask(p + "E")
      .tolerance(code_tolerance())
      .mistake("sign", "the minus sign is left out: E = −Σ_k t_k ln ŷ_k is positive, since every ln ŷ_k ≤ 0",
               arguments(), from_sample([](const Sample& s) -> Value { return s.t.dot(nnwb::log_softmax(s.a2)); }))
      .mistake("sigmoid_not_softmax",
               "the output layer is a softmax, not a sigmoid per unit: ŷ_k = e^{a_k} / Σ_j e^{a_j}", arguments(),
               from_sample([](const Sample& s) -> Value {
                 return -s.t.dot(Eigen::VectorXd(sigmoid_of(s.a2).array().log().matrix()));
               }));

  // ∂E/∂W2 = δ² z¹ᵀ
  steps.ask(p + "l2.dW", 2)
      .tolerance(code_tolerance())
      .mistake("preactivation_for_activation",
               "the pre-activation is used where the activation belongs: ∂E/∂W2 = δ² (z¹)ᵀ with z¹ = σ(a¹), not "
               "δ² (a¹)ᵀ",
               arguments(), from_sample([](const Sample& s) { return outer(s.delta2(), s.a1); }))
      .mistake("sign_flipped", sign_feedback, arguments(),
               from_sample([](const Sample& s) { return outer(-s.delta2(), s.z1); }))
      .mistake("extra_gprime", extra_gprime_feedback, arguments(),
               from_sample([](const Sample& s) { return outer(s.delta2_extra_gprime(), s.z1); }));

  // ∂E/∂b2 = δ²
  steps.ask(p + "l2.db")
      .tolerance(code_tolerance())
      .mistake("sign_flipped", sign_feedback, arguments(),
               from_sample([](const Sample& s) { return vec(-s.delta2()); }))
      .mistake("extra_gprime", extra_gprime_feedback, arguments(),
               from_sample([](const Sample& s) { return vec(s.delta2_extra_gprime()); }));

  // ∂E/∂W1 = δ¹ xᵀ, ∂E/∂b1 = δ¹
  hidden_mistakes(steps.ask(p + "l1.dW", 2).tolerance(code_tolerance()), true);
  hidden_mistakes(steps.ask(p + "l1.db").tolerance(code_tolerance()), false);

  CodeExercise e(std::move(steps));
  const std::vector<CodeValue> parameters{
      {"x", ValueKind::vector, "the sample's inputs, (d)"},
      {"t", ValueKind::vector, "the sample's one-hot target, (K)"},
      {"W1", ValueKind::matrix, "the hidden layer's weights, (h × d)"},
      {"b1", ValueKind::vector, "the hidden layer's biases, (h)"},
      {"W2", ValueKind::matrix, "the output layer's weights, (K × h)"},
      {"b2", ValueKind::vector, "the output layer's biases, (K)"}};
  e.function({
      .name = "two_layer_loss",
      .summary = "The cross-entropy of one sample through the two-layer network",
      .formula = "a¹ = W1 x + b1, z¹ = σ(a¹), a² = W2 z¹ + b2, ŷ = softmax(a²), E = −Σ_k t_k ln ŷ_k",
      .arguments = parameters,
      .results = {{"E", ValueKind::scalar, "the sample's cross-entropy, ≥ 0"}},
      .cpp = "double two_layer_loss(const Vector& x, const Vector& t, const Matrix& W1, const Vector& b1, "
             "const Matrix& W2, const Vector& b2)",
      .python = "def two_layer_loss(x, t, W1, b1, W2, b2):",
  });
  e.function({
      .name = "two_layer_backward",
      .summary = "The gradients of that loss by the delta recursion",
      .formula = "δ² = ŷ − t, δ¹ = σ'(a¹) ∘ (W2ᵀ δ²), ∂E/∂W2 = δ² z¹ᵀ, ∂E/∂b2 = δ², ∂E/∂W1 = δ¹ xᵀ, ∂E/∂b1 = δ¹",
      .arguments = parameters,
      .results = {{"dW1", ValueKind::matrix, "∂E/∂W1, (h × d)"},
                  {"db1", ValueKind::vector, "∂E/∂b1, (h)"},
                  {"dW2", ValueKind::matrix, "∂E/∂W2, (K × h)"},
                  {"db2", ValueKind::vector, "∂E/∂b2, (K)"}},
      // As nnwb_code.hpp spreads it over two lines, whitespace made single spaces.
      .cpp = "std::tuple<Matrix, Vector, Matrix, Vector> two_layer_backward(const Vector& x, const Vector& t, "
             "const Matrix& W1, const Vector& b1, const Matrix& W2, const Vector& b2)",
      .python = "def two_layer_backward(x, t, W1, b1, W2, b2):",
  });
  e.call({.function = "two_layer_loss", .arguments = arguments(), .results = {p + "E"}});
  e.call({.function = "two_layer_backward",
          .arguments = arguments(),
          .results = {p + "l1.dW", p + "l1.db", p + "l2.dW", p + "l2.db"}});
  // Each gradient against central differences of the student's loss in its parameter (W1, b1, W2, b2).
  const CodeCall loss{.function = "two_layer_loss", .arguments = arguments(), .results = {}};
  e.check_derivative({.step = p + "l1.dW", .forward = loss, .with_respect_to = 2});
  e.check_derivative({.step = p + "l1.db", .forward = loss, .with_respect_to = 3});
  e.check_derivative({.step = p + "l2.dW", .forward = loss, .with_respect_to = 4});
  e.check_derivative({.step = p + "l2.db", .forward = loss, .with_respect_to = 5});
  out.push_back(std::move(e));
}

}  // namespace nnwb::exercises::code
