// Exercises on chapter 12, single_neuron_gd: gradient descent for one sigmoid neuron trained with
// E_MSE (EDI "Training single layer neural network with MSE", "Gradient descent"; CTU "What We
// Covered Last Time"; BMB "Perceptron Learning").
//
// single_neuron_gd.online: the student computes the error E_MSE = ½ Σₙ (ŷₙ − yₙ)² at w(0) and its
// mean over the N samples, then takes the first two steps of online gradient descent by hand:
// ∇E₁ = (ŷ₁ − y₁) ŷ₁(1 − ŷ₁) x₁, w⁽¹⁾ = w⁽⁰⁾ − η∇E₁, then the same for sample 2 at w⁽¹⁾.
#include <cmath>
#include <string>

#include "chapters.hpp"
#include "exercises.hpp"

namespace nnwb::exercises {
namespace {

// The pieces of one sample's gradient at w: row n of X, its pre-activation a, output ŷ, target y.
struct Sample {
  Eigen::VectorXd x;
  double a, yhat, y;
};

Sample sample(const Inputs& in, Eigen::Index n, const std::string& w) {
  Sample s;
  s.x = in.matrix("data.x").row(n).transpose();
  s.a = in.vector(w).dot(s.x);
  s.yhat = 1.0 / (1.0 + std::exp(-s.a));
  s.y = in.vector("y")[n];
  return s;
}

// The mistakes of ∇Eₙ for sample n (0-based) at the weights `w`.
void gradient_mistakes(AskedStep& step, Eigen::Index n, const std::string& w) {
  step
      // (yₙ − ŷₙ) ŷₙ(1 − ŷₙ) xₙ.
      .mistake("y_minus_yhat", "(y − ŷ) for (ŷ − y): the sign is reversed, ∇Eₙ = (ŷₙ − yₙ) ŷₙ(1 − ŷₙ) xₙ",
               {"data.x", "y", w},
               [n, w](const Inputs& in) -> Value {
                 const Sample s = sample(in, n, w);
                 return Eigen::VectorXd((s.y - s.yhat) * s.yhat * (1.0 - s.yhat) * s.x);
               })
      // (ŷₙ − yₙ) xₙ.
      .mistake("no_gprime", "the g'(a) factor is left out: ∇Eₙ = (ŷₙ − yₙ) ŷₙ(1 − ŷₙ) xₙ",
               {"data.x", "y", w},
               [n, w](const Inputs& in) -> Value {
                 const Sample s = sample(in, n, w);
                 return Eigen::VectorXd((s.yhat - s.y) * s.x);
               })
      // (ŷₙ − yₙ) aₙ(1 − aₙ) xₙ.
      .mistake("pre_activation",
               "g'(aₙ) = ŷₙ(1 − ŷₙ) uses the output ŷₙ = g(aₙ), not the pre-activation aₙ = wᵀxₙ",
               {"data.x", "y", w},
               [n, w](const Inputs& in) -> Value {
                 const Sample s = sample(in, n, w);
                 return Eigen::VectorXd((s.yhat - s.y) * s.a * (1.0 - s.a) * s.x);
               });
}

// The mistakes of the update w_new = w − η∇Eₙ.
void update_mistakes(AskedStep& step, const std::string& w, const std::string& grad) {
  step
      // w + η∇Eₙ.
      .mistake("ascent", "gradient descent steps against the gradient: w ← w − η∇Eₙ, not w + η∇Eₙ", {w, "eta", grad},
               [w, grad](const Inputs& in) -> Value {
                 return Eigen::VectorXd(in.vector(w) + in.scalar("eta") * in.vector(grad));
               })
      // w − ∇Eₙ.
      .mistake("no_eta", "the step is scaled by the learning rate: w ← w − η∇Eₙ", {w, grad},
               [w, grad](const Inputs& in) -> Value { return Eigen::VectorXd(in.vector(w) - in.vector(grad)); });
}

}  // namespace

void single_neuron_gd(std::vector<Exercise>& out) {
  Exercise e("single_neuron_gd.online", "single_neuron_gd", "Online gradient descent for one sigmoid neuron",
             chapters::single_neuron_gd);
  e.instructions(
      "With the outputs $\\hat{y}_n$ at $\\mathbf{w}(0)$, compute the error "
      "$E_{\\text{MSE}} = \\frac{1}{2}\\sum_n (\\hat{y}_n - y_n)^2$ and its mean over the $N$ samples, "
      "$\\frac{1}{N}E_{\\text{MSE}}$. Then take the first two steps of online gradient descent: for "
      "sample 1 at $\\mathbf{w}^{(0)} = \\mathbf{w}(0)$, the gradient "
      "$\\nabla_{\\mathbf{w}} E_1 = (\\hat{y}_1 - y_1)\\,\\hat{y}_1(1 - \\hat{y}_1)\\,\\mathbf{x}_1$ and the "
      "update $\\mathbf{w}^{(1)} = \\mathbf{w}^{(0)} - \\eta\\nabla_{\\mathbf{w}} E_1$; then the same for "
      "sample 2 at $\\mathbf{w}^{(1)}$ (recompute $\\hat{y}_2 = g((\\mathbf{w}^{(1)})^\\top\\mathbf{x}_2)$).");
  e.ask("forward.e")
      // Σₙ (ŷₙ − yₙ)²: the ½ dropped.
      .mistake("no_half", "E_MSE = ½ Σₙ (ŷₙ − yₙ)² has the factor ½", {},
               [](const Inputs& in) -> Value {
                 return (in.vector("forward.yhat") - in.vector("y")).squaredNorm();
               });
  e.ask("mean.e")
      // E_MSE itself.
      .mistake("no_one_over_n", "the 1/N is dropped: the mean error is (1/N) E_MSE = (1/2N) Σₙ (ŷₙ − yₙ)²",
               {"forward.e"}, [](const Inputs& in) -> Value { return in.scalar("forward.e"); });
  gradient_mistakes(e.ask("online.s1.grad", 2), 0, "w_start");
  update_mistakes(e.ask("online.s1.w"), "w_start", "online.s1.grad");
  gradient_mistakes(e.ask("online.s2.grad", 2), 1, "online.s1.w");
  update_mistakes(e.ask("online.s2.w"), "online.s1.w", "online.s2.grad");
  out.push_back(std::move(e));
}

}  // namespace nnwb::exercises
