// Exercises on chapter 2, mse_vs_ce: one sigmoid output node trained with E_MSE or with the
// cross-entropy E_H (EDI "Training single layer neural network with MSE (cont.)", "Another training
// criterion – cross-entropy error" and its first quiz; CTU "Cross-Entropy Loss Function"; BMB
// "Perceptron Learning").
//
// mse_vs_ce.mse_gradient: the student runs the forward pass ŷₙ = g(aₙ) and the chain rule for
// E_MSE = ½ Σₙ (ŷₙ − yₙ)², factor by factor: ∂E/∂ŷₙ = ŷₙ − yₙ, ∂ŷₙ/∂aₙ = ŷₙ(1 − ŷₙ), their product
// ∂E/∂aₙ, and the gradient ∂E/∂wᵢ = Σₙ ∂E/∂aₙ xₙᵢ.
//
// mse_vs_ce.cross_entropy: the same chain for E_H = −(1/N) Σₙ {yₙ ln ŷₙ + (1 − yₙ) ln(1 − ŷₙ)}: E_H
// itself, ∂E_H/∂ŷₙ, ∂E_H/∂aₙ, where g'(a) cancels to (ŷₙ − yₙ)/N, and ∂E_H/∂wᵢ.
#include <cmath>

#include "chapters.hpp"
#include "exercises.hpp"

namespace nnwb::exercises {
namespace {

double n_of(const Inputs& in) { return static_cast<double>(in.vector("forward.yhat").size()); }

// −Σₙ {yₙ ln ŷₙ + (1 − yₙ) ln(1 − ŷₙ)}: N·E_H.
double log_likelihood(const Inputs& in) {
  const Eigen::ArrayXd y = in.vector("y").array(), p = in.vector("forward.yhat").array();
  return -(y * p.log() + (1.0 - y) * (1.0 - p).log()).sum();
}

void mse_gradient(std::vector<Exercise>& out) {
  Exercise e("mse_vs_ce.mse_gradient", "mse_vs_ce", "The MSE gradient of a sigmoid output node",
             chapters::mse_vs_ce);
  e.instructions(
      "With your pre-activations $a_n = \\mathbf{w}^\\top\\mathbf{x}_n$, compute the outputs "
      "$\\hat{y}_n = g(a_n)$ of the sigmoid node, then the gradient of "
      "$E_{\\text{MSE}} = \\frac{1}{2}\\sum_n (\\hat{y}_n - y_n)^2$ by the chain rule, one factor at a "
      "time: $\\partial E/\\partial \\hat{y}_n$, $\\partial \\hat{y}_n/\\partial a_n$, their product "
      "$\\partial E/\\partial a_n$, and $\\partial E/\\partial w_i = \\sum_n (\\partial E/\\partial a_n)\\, "
      "x_{ni}$.");
  e.ask("forward.yhat")
      // 1/(1 + e^{a}): the sign of the exponent lost.
      .mistake("exponent_sign", "the sigmoid is g(a) = 1/(1 + e^{−a}), with e to the minus a", {"forward.a"},
               [](const Inputs& in) -> Value {
                 return Eigen::VectorXd((1.0 + in.vector("forward.a").array().exp()).inverse());
               })
      // ŷ = a: the activation g left out.
      .mistake("pre_activation", "the output is the activation ŷₙ = g(aₙ), not the pre-activation aₙ itself",
               {"forward.a"}, [](const Inputs& in) -> Value { return in.vector("forward.a"); });
  e.ask("mse.de_dyhat")
      // y − ŷ.
      .mistake("y_minus_yhat", "(y − ŷ) for (ŷ − y): the sign is reversed, ∂E/∂ŷₙ = ŷₙ − yₙ, not yₙ − ŷₙ", {},
               [](const Inputs& in) -> Value { return Eigen::VectorXd(in.vector("y") - in.vector("forward.yhat")); });
  e.ask("chain.dyhat_da")
      // a(1 − a): g'(a) = g(a)(1 − g(a)) evaluated on the pre-activation.
      .mistake("pre_activation",
               "g'(aₙ) = g(aₙ)(1 − g(aₙ)) = ŷₙ(1 − ŷₙ) uses the output ŷₙ, not the pre-activation aₙ",
               {"forward.a"},
               [](const Inputs& in) -> Value {
                 const Eigen::ArrayXd a = in.vector("forward.a").array();
                 return Eigen::VectorXd((a * (1.0 - a)).matrix());
               })
      // 1 − ŷ²: the tanh derivative.
      .mistake("tanh_derivative", "1 − ŷ² is the derivative of tanh; the sigmoid's is ŷₙ(1 − ŷₙ)", {},
               [](const Inputs& in) -> Value {
                 const Eigen::ArrayXd y = in.vector("forward.yhat").array();
                 return Eigen::VectorXd((1.0 - y * y).matrix());
               });
  e.ask("mse.de_da", 2)
      // ∂E/∂ŷ alone.
      .mistake("no_gprime",
               "the g'(a) factor is left out: ∂E/∂aₙ = ∂E/∂ŷₙ · ŷₙ(1 − ŷₙ)", {"mse.de_dyhat"},
               [](const Inputs& in) -> Value { return in.vector("mse.de_dyhat"); })
      // (y − ŷ)ŷ(1 − ŷ).
      .mistake("y_minus_yhat", "(y − ŷ) for (ŷ − y): the sign is reversed, ∂E/∂aₙ = (ŷₙ − yₙ) ŷₙ(1 − ŷₙ)",
               {}, [](const Inputs& in) -> Value {
                 return Eigen::VectorXd(-in.vector("mse.de_dyhat").cwiseProduct(in.vector("chain.dyhat_da")));
               });
  e.ask("mse.grad_w", 2)
      // Σₙ (ŷₙ − yₙ) xₙᵢ.
      .mistake("no_gprime",
               "the g'(a) factor is left out: ∂E/∂wᵢ = Σₙ (ŷₙ − yₙ) ŷₙ(1 − ŷₙ) xₙᵢ",
               {"chain.da_dw", "forward.yhat", "y"},
               [](const Inputs& in) -> Value {
                 return Eigen::VectorXd(in.matrix("chain.da_dw").transpose() * (in.vector("forward.yhat") - in.vector("y")));
               })
      // Σₙ (yₙ − ŷₙ) ŷₙ(1 − ŷₙ) xₙᵢ.
      .mistake("y_minus_yhat", "(y − ŷ) for (ŷ − y): the sign is reversed, ∂E/∂wᵢ = Σₙ (ŷₙ − yₙ) ŷₙ(1 − ŷₙ) xₙᵢ", {},
               [](const Inputs& in) -> Value {
                 return Eigen::VectorXd(-(in.matrix("chain.da_dw").transpose() * in.vector("mse.de_da")));
               })
      // (1/N) Σₙ …: a mean where E_MSE sums.
      .mistake("one_over_n_added",
               "EDI's E_MSE = ½ Σₙ (ŷₙ − yₙ)² is a sum, not a mean: its gradient has no 1/N",
               {}, [](const Inputs& in) -> Value {
                 const Eigen::VectorXd g = in.matrix("chain.da_dw").transpose() * in.vector("mse.de_da");
                 return Eigen::VectorXd(g / static_cast<double>(in.vector("mse.de_da").size()));
               });
  out.push_back(std::move(e));
}

void cross_entropy(std::vector<Exercise>& out) {
  Exercise e("mse_vs_ce.cross_entropy", "mse_vs_ce", "The cross-entropy gradient: g'(a) cancels",
             chapters::mse_vs_ce);
  e.instructions(
      "With your outputs $\\hat{y}_n$, compute the cross-entropy error "
      "$E_H = -\\frac{1}{N}\\sum_n \\{y_n \\ln \\hat{y}_n + (1 - y_n)\\ln(1 - \\hat{y}_n)\\}$ (natural "
      "logarithm), then its gradient by the chain rule: $\\partial E_H/\\partial \\hat{y}_n$, times the "
      "sigmoid's slope $\\hat{y}_n(1 - \\hat{y}_n)$ to give $\\partial E_H/\\partial a_n$, and "
      "$\\partial E_H/\\partial w_i = \\sum_n (\\partial E_H/\\partial a_n)\\, x_{ni}$.");
  e.ask("ce.e")
      // −Σₙ {…}: the 1/N dropped.
      .mistake("no_one_over_n", "the 1/N is dropped: E_H is the mean −(1/N) Σₙ {yₙ ln ŷₙ + (1 − yₙ) ln(1 − ŷₙ)}",
               {}, [](const Inputs& in) -> Value { return log_likelihood(in); })
      // (1/N) Σₙ {…}: the leading minus dropped.
      .mistake("sign", "the minus sign is left out: E_H = −(1/N) Σₙ {…} is positive, the logarithms are negative",
               {}, [](const Inputs& in) -> Value { return -log_likelihood(in) / n_of(in); });
  e.ask("ce.de_dyhat")
      // −yₙ/ŷₙ + (1 − yₙ)/(1 − ŷₙ) without the 1/N.
      .mistake("no_one_over_n",
               "the 1/N is dropped: ∂E_H/∂ŷₙ = (1/N)(−yₙ/ŷₙ + (1 − yₙ)/(1 − ŷₙ))", {},
               [](const Inputs& in) -> Value {
                 const Eigen::ArrayXd y = in.vector("y").array(), p = in.vector("forward.yhat").array();
                 return Eigen::VectorXd((-y / p + (1.0 - y) / (1.0 - p)).matrix());
               })
      // (1/N)(yₙ/ŷₙ − (1 − yₙ)/(1 − ŷₙ)).
      .mistake("sign", "the sign is reversed: ∂E_H/∂ŷₙ = (1/N)(−yₙ/ŷₙ + (1 − yₙ)/(1 − ŷₙ))", {},
               [](const Inputs& in) -> Value {
                 const Eigen::ArrayXd y = in.vector("y").array(), p = in.vector("forward.yhat").array();
                 return Eigen::VectorXd(((y / p - (1.0 - y) / (1.0 - p)) / static_cast<double>(y.size())).matrix());
               });
  e.ask("ce.de_da", 2)
      // ∂E_H/∂ŷₙ alone.
      .mistake("no_gprime",
               "the g'(a) factor is left out: ∂E_H/∂aₙ = ∂E_H/∂ŷₙ · ŷₙ(1 − ŷₙ), which collapses to (ŷₙ − yₙ)/N",
               {"ce.de_dyhat"}, [](const Inputs& in) -> Value { return in.vector("ce.de_dyhat"); })
      // ŷₙ − yₙ without the 1/N.
      .mistake("no_one_over_n", "the 1/N is dropped: ∂E_H/∂aₙ = (ŷₙ − yₙ)/N", {"ce.de_dyhat", "chain.dyhat_da"},
               [](const Inputs& in) -> Value {
                 const Eigen::VectorXd d = in.vector("ce.de_dyhat").cwiseProduct(in.vector("chain.dyhat_da"));
                 return Eigen::VectorXd(d * static_cast<double>(d.size()));
               })
      // (yₙ − ŷₙ)/N.
      .mistake("y_minus_yhat", "(y − ŷ) for (ŷ − y): the sign is reversed, ∂E_H/∂aₙ = (ŷₙ − yₙ)/N", {},
               [](const Inputs& in) -> Value {
                 return Eigen::VectorXd(-in.vector("ce.de_dyhat").cwiseProduct(in.vector("chain.dyhat_da")));
               });
  e.ask("ce.grad_w", 2)
      // Σₙ (ŷₙ − yₙ) xₙᵢ without the 1/N.
      .mistake("no_one_over_n", "the 1/N is dropped: ∂E_H/∂wᵢ = (1/N) Σₙ (ŷₙ − yₙ) xₙᵢ", {},
               [](const Inputs& in) -> Value {
                 const Eigen::VectorXd& d = in.vector("ce.de_da");
                 return Eigen::VectorXd(in.matrix("chain.da_dw").transpose() * d * static_cast<double>(d.size()));
               })
      // (1/N) Σₙ (yₙ − ŷₙ) xₙᵢ.
      .mistake("y_minus_yhat", "(y − ŷ) for (ŷ − y): the sign is reversed, ∂E_H/∂wᵢ = (1/N) Σₙ (ŷₙ − yₙ) xₙᵢ", {},
               [](const Inputs& in) -> Value {
                 return Eigen::VectorXd(-(in.matrix("chain.da_dw").transpose() * in.vector("ce.de_da")));
               });
  out.push_back(std::move(e));
}

}  // namespace

void mse_vs_ce(std::vector<Exercise>& out) {
  mse_gradient(out);
  cross_entropy(out);
}

}  // namespace nnwb::exercises
