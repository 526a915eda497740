// Exercises on chapter 11, sigmoid_posterior: the logistic sigmoid as a posterior probability
// (EDI "Output of logistic sigmoid activation function", "Approximation of posterior
// probabilities").
//
// sigmoid_posterior.neuron: for two Gaussian classes with a shared covariance Σ, the student
// computes the equivalent neuron's weights w = Σ⁻¹(μ₁ − μ₂) and bias w₀, its pre-activation
// a = wᵀx + w₀ and output g(a) = P(C₁|x) at the first point, and the posterior's gradient
// ∇ₓP(C₁|x) = g(a)(1 − g(a)) w there.
#include <Eigen/Core>
#include <Eigen/LU>
#include <cmath>

#include "chapters.hpp"
#include "exercises.hpp"

namespace nnwb::exercises {

void sigmoid_posterior(std::vector<Exercise>& out) {
  Exercise e("sigmoid_posterior.neuron", "sigmoid_posterior", "The sigmoid neuron of two Gaussian classes",
             chapters::sigmoid_posterior);
  e.instructions(
      "Two classes with Gaussian densities $\\mathcal{N}(\\mathbf{x}; \\boldsymbol{\\mu}_k, \\Sigma)$ sharing "
      "one covariance $\\Sigma$ have the posterior $P(C_1|\\mathbf{x}) = g(\\mathbf{w}^\\top\\mathbf{x} + w_0)$. "
      "Compute $\\mathbf{w} = \\Sigma^{-1}(\\boldsymbol{\\mu}_1 - \\boldsymbol{\\mu}_2)$ and $w_0 = "
      "-\\frac{1}{2}\\boldsymbol{\\mu}_1^\\top\\Sigma^{-1}\\boldsymbol{\\mu}_1 + \\frac{1}{2}\\boldsymbol{\\mu}_2^\\top"
      "\\Sigma^{-1}\\boldsymbol{\\mu}_2 + \\ln(P(C_1)/P(C_2))$, then at the point $\\mathbf{x}^{(1)}$ the "
      "pre-activation $a$, the output $g(a) = 1/(1 + e^{-a})$ and the gradient $\\nabla_{\\mathbf{x}} "
      "P(C_1|\\mathbf{x}) = g'(a)\\, \\mathbf{w}$. Keep at least four significant digits in intermediate "
      "results; answers are checked to three significant figures.");

  // w = Σ⁻¹(μ₁ − μ₂)
  e.ask("sigmoid.w", 2)
      .mistake("sigma_not_inverted", "w = Σ⁻¹(μ₁ − μ₂): Σ must be inverted, not multiplied", {"mu1", "mu2", "sigma"},
               // Σ(μ₁ − μ₂)
               [](const Inputs& in) -> Value {
                 return Eigen::VectorXd(in.matrix("sigma") * (in.vector("mu1") - in.vector("mu2")));
               })
      .mistake("means_swapped", "w = Σ⁻¹(μ₁ − μ₂) points towards C₁: the means are swapped", {"mu1", "mu2", "sigma"},
               // Σ⁻¹(μ₂ − μ₁)
               [](const Inputs& in) -> Value {
                 return Eigen::VectorXd(in.matrix("sigma").inverse() * (in.vector("mu2") - in.vector("mu1")));
               });

  // w₀ = −½μ₁ᵀΣ⁻¹μ₁ + ½μ₂ᵀΣ⁻¹μ₂ + ln(P(C₁)/P(C₂))
  const auto quadratic_terms = [](const Inputs& in) {  // −½μ₁ᵀΣ⁻¹μ₁ + ½μ₂ᵀΣ⁻¹μ₂
    const Eigen::MatrixXd inv = in.matrix("sigma").inverse();
    const Eigen::VectorXd &m1 = in.vector("mu1"), &m2 = in.vector("mu2");
    return -0.5 * m1.dot(inv * m1) + 0.5 * m2.dot(inv * m2);
  };
  e.ask("sigmoid.w0", 2)
      .mistake("no_prior", "the priors enter the bias: w₀ ends with + ln(P(C₁)/P(C₂))",
               {"mu1", "mu2", "sigma"},
               // −½μ₁ᵀΣ⁻¹μ₁ + ½μ₂ᵀΣ⁻¹μ₂
               [quadratic_terms](const Inputs& in) -> Value { return quadratic_terms(in); })
      .mistake("prior_ratio_inverted", "the prior term is ln(P(C₁)/P(C₂)), not ln(P(C₂)/P(C₁))",
               {"mu1", "mu2", "sigma", "prior1", "classes.prior2"},
               // −½μ₁ᵀΣ⁻¹μ₁ + ½μ₂ᵀΣ⁻¹μ₂ + ln(P(C₂)/P(C₁))
               [quadratic_terms](const Inputs& in) -> Value {
                 return quadratic_terms(in) + std::log(in.scalar("classes.prior2") / in.scalar("prior1"));
               })
      .mistake("quadratic_signs_swapped", "w₀ = −½μ₁ᵀΣ⁻¹μ₁ + ½μ₂ᵀΣ⁻¹μ₂ + …: the signs of the two quadratic terms "
               "are swapped",
               {"mu1", "mu2", "sigma", "prior1", "classes.prior2"},
               // +½μ₁ᵀΣ⁻¹μ₁ − ½μ₂ᵀΣ⁻¹μ₂ + ln(P(C₁)/P(C₂))
               [quadratic_terms](const Inputs& in) -> Value {
                 return -quadratic_terms(in) + std::log(in.scalar("prior1") / in.scalar("classes.prior2"));
               });

  // a = wᵀx + w₀
  e.ask("sigmoid.point1.a")
      .mistake("no_bias", "the pre-activation includes the bias: a = wᵀx + w₀", {"sigmoid.w", "point1"},
               // wᵀx
               [](const Inputs& in) -> Value {
                 const Eigen::VectorXd &w = in.vector("sigmoid.w"), &x = in.vector("point1");
                 return w.size() == x.size() ? w.dot(x) : std::nan("");  // no value when the shapes do not fit
               });

  // y = g(a) = 1/(1 + e^{−a})
  e.ask("sigmoid.point1.y")
      .mistake("no_sigmoid", "the posterior is g(a) = 1/(1 + e^{−a}), not the log-odds a itself",
               {"sigmoid.point1.a"},
               // a
               [](const Inputs& in) -> Value { return in.scalar("sigmoid.point1.a"); })
      .mistake("other_class", "g(a) = 1/(1 + e^{−a}) is P(C₁|x); 1/(1 + e^{a}) is P(C₂|x)", {"sigmoid.point1.a"},
               // 1/(1 + e^{a})
               [](const Inputs& in) -> Value { return 1.0 / (1.0 + std::exp(in.scalar("sigmoid.point1.a"))); });

  // ∇ₓP(C₁|x) = g(a)(1 − g(a)) w
  e.ask("grad.point1.posterior", 2)
      .mistake("no_gprime", "the g'(a) factor is left out: ∇ₓP(C₁|x) = g'(a) ∇ₓa = g(a)(1 − g(a)) w",
               {"sigmoid.w"},
               // w
               [](const Inputs& in) -> Value { return in.vector("sigmoid.w"); })
      .mistake("gprime_at_preactivation",
               "the pre-activation is used where the activation belongs: g'(a) = g(a)(1 − g(a)), not a(1 − a)",
               {"sigmoid.point1.a", "sigmoid.w"},
               // a(1 − a) w
               [](const Inputs& in) -> Value {
                 const double a = in.scalar("sigmoid.point1.a");
                 return Eigen::VectorXd(a * (1.0 - a) * in.vector("sigmoid.w"));
               });
  out.push_back(std::move(e));
}

}  // namespace nnwb::exercises
