// Chapter 11, sigmoid_posterior: the logistic sigmoid as a posterior probability.
// Lecture: EDI "Output of logistic sigmoid activation function" (Bayes' rule rewritten as
// P(C₁|x) = 1 / (1 + exp(−log(p(x|C₁)P(C₁) / (p(x|C₂)P(C₂))))), a sigmoid of the log-odds) and
// "Approximation of posterior probabilities" (two classes with Gaussian distributions). For
// p(x|C_k) = N(x; μ_k, Σ) with one Σ the log-odds is linear, wᵀx + w₀, with w = Σ⁻¹(μ₁ − μ₂) and
// w₀ = −½μ₁ᵀΣ⁻¹μ₁ + ½μ₂ᵀΣ⁻¹μ₂ + ln(P(C₁)/P(C₂)). The second slide's text stops before its formula
// and neither slide prints numbers, so the means, covariance, prior and points are ours.
#include <fmt/format.h>

#include <cmath>
#include <string>
#include <vector>

#include "chapters.hpp"
#include "nnwb/activations.hpp"
#include "nnwb/gaussian_classes.hpp"
#include "nnwb/gradient_check.hpp"
#include "nnwb/random.hpp"

namespace nnwb::chapters {
namespace sigmoid_posterior_parts {  // the chapter's sections and what they share

// The points where Bayes' rule and the sigmoid are compared.
constexpr int point_count = 3;

// The lecture-style setting, or a variant's.
struct Setting {
  Eigen::VectorXd mu1, mu2;  // (2)
  Eigen::MatrixXd sigma;     // (2, 2), symmetric positive definite
  double prior1 = 0.5;
  std::vector<Eigen::VectorXd> points;  // point_count × (2)
};

Setting default_setting() {
  Setting s;
  s.mu1 = Eigen::Vector2d(1, 2);
  s.mu2 = Eigen::Vector2d(-1, 0);
  s.sigma.resize(2, 2);
  // clang-format off
  s.sigma << 2.0, 0.5,
             0.5, 1.0;
  // clang-format on
  s.prior1 = 0.6;
  // x⁽¹⁾ and x⁽²⁾ lie symmetrically about the midpoint (0, 1) of the means, so their two
  // densities swap; x⁽³⁾ lies near μ₂, where the posterior of C₁ is small.
  s.points = {Eigen::Vector2d(1, 0), Eigen::Vector2d(2, 1), Eigen::Vector2d(-1, -1)};
  return s;
}

Setting drawn_setting(std::uint64_t seed) {
  Rng rng(seed);
  Setting s;
  do {  // means at least 1 apart, so that the classes differ visibly
    s.mu1 = rng.decimals(2, -2, 2, 1);
    s.mu2 = rng.decimals(2, -2, 2, 1);
  } while ((s.mu1 - s.mu2).norm() < 1.0);
  // Σ = LLᵀ + 0.2·I from a lower-triangular L of decimals: symmetric positive definite, with
  // eigenvalues at least 0.2, and entries with two decimals.
  const double l00 = rng.decimal(0.5, 1.5, 1), l10 = rng.decimal(-0.8, 0.8, 1), l11 = rng.decimal(0.5, 1.5, 1);
  s.sigma.resize(2, 2);
  s.sigma(0, 0) = l00 * l00 + 0.2;
  s.sigma(0, 1) = s.sigma(1, 0) = l00 * l10;
  s.sigma(1, 1) = l10 * l10 + l11 * l11 + 0.2;
  s.prior1 = rng.decimal(0.2, 0.8, 1);
  // Points where the log-odds stays within ±4, so that the posterior is neither 0 nor 1 to a
  // student's eye (and a central difference of it stays accurate).
  const Eigen::VectorXd w = posterior_sigmoid_weights(s.mu1, s.mu2, s.sigma);
  const double w0 = posterior_sigmoid_bias(s.mu1, s.mu2, s.sigma, s.prior1, 1.0 - s.prior1);
  while (static_cast<int>(s.points.size()) < point_count) {
    const Eigen::VectorXd x = rng.decimals(2, -3, 3, 1);
    if (std::abs(w.dot(x) + w0) <= 4.0) s.points.push_back(x);
  }
  return s;
}

// ---- the sections, in reading order --------------------------------------------------------------

// The two classes (EDI "Approximation of posterior probabilities").
void the_two_classes(Trace& trace) {
  trace.section("The two Gaussian classes");
  trace.step("classes.prior2", "The other prior $P(C_2)$")
      .formula("P(C_2) = 1 - P(C_1)")
      .numbers("1 - [[prior1]]")
      .compute({"prior1"}, [](const Inputs& in) -> Value { return 1.0 - in.scalar("prior1"); });
  trace.step("classes.cholesky", "The Cholesky factor $L$ of $\\Sigma = LL^\\top$, for every solve with $\\Sigma$")
      .formula(
          "\\Sigma = LL^\\top \\ (\\text{so } \\Sigma^{-1}\\mathbf{v} = L^{-\\top}(L^{-1}\\mathbf{v})), \\quad L = "
          "\\operatorname{chol}(\\Sigma)")
      .numbers("\\operatorname{chol}([[sigma]])")
      .compute({"sigma"}, [](const Inputs& in) -> Value {
        return cholesky_factor(in.matrix("sigma"));  // L: (2, 2), lower triangular
      });
}

// The sigmoid's weights from the Gaussians.
void weights_from_the_gaussians(Trace& trace) {
  //! [equivalent_sigmoid_neuron]
  trace.section("The equivalent sigmoid neuron");
  trace.step("sigmoid.w", "The weights $\\mathbf{w}$")
      .formula("\\mathbf{w} = \\Sigma^{-1}(\\boldsymbol{\\mu}_1 - \\boldsymbol{\\mu}_2)")
      .numbers("[[sigma]]^{-1} ([[mu1]] - [[mu2]])")
      .compute({"mu1", "mu2", "sigma"}, [](const Inputs& in) -> Value {
        return posterior_sigmoid_weights(in.vector("mu1"), in.vector("mu2"), in.matrix("sigma"));  // (2)
      });
  trace.step("sigmoid.w0", "The bias $w_0$")
      .formula(
          "w_0 = -\\frac{1}{2}\\boldsymbol{\\mu}_1^\\top\\Sigma^{-1}\\boldsymbol{\\mu}_1 + "
          "\\frac{1}{2}\\boldsymbol{\\mu}_2^\\top\\Sigma^{-1}\\boldsymbol{\\mu}_2 + \\ln(P(C_1)/P(C_2))")
      .numbers(
          "-\\frac{1}{2}[[mu1]]^\\top\\Sigma^{-1}[[mu1]] + \\frac{1}{2}[[mu2]]^\\top\\Sigma^{-1}[[mu2]] + "
          "\\ln([[prior1]] / [[classes.prior2]])")
      .compute({"mu1", "mu2", "sigma", "prior1", "classes.prior2"}, [](const Inputs& in) -> Value {
        return posterior_sigmoid_bias(in.vector("mu1"), in.vector("mu2"), in.matrix("sigma"), in.scalar("prior1"),
                                      in.scalar("classes.prior2"));
      });
  //! [equivalent_sigmoid_neuron]
}

// At each point: Bayes' rule from the densities, beside g(wᵀx + w₀).
void bayes_at_each_point(Trace& trace) {
  for (int k = 1; k <= point_count; ++k) {
    const std::string x = fmt::format("point{}", k), bayes = fmt::format("bayes.point{}.", k),
                      neuron = fmt::format("sigmoid.point{}.", k), sym = fmt::format("\\mathbf{{x}}^{{({})}}", k);
    //! [bayes_rule_beside_the_sigmoid]
    trace.section(fmt::format("Point {}: Bayes' rule beside the sigmoid", k));
    for (const int c : {1, 2}) {
      const std::string mu = fmt::format("mu{}", c);
      trace.step(bayes + fmt::format("density{}", c), fmt::format("The density $p({}|C_{})$", sym, c))
          .formula(fmt::format(
              "p(\\mathbf{{x}}|C_{0}) = \\frac{{1}}{{2\\pi |\\Sigma|^{{1/2}}}} \\exp\\left(-\\frac{{1}}{{2}}"
              "(\\mathbf{{x}} - \\boldsymbol{{\\mu}}_{0})^\\top \\Sigma^{{-1}} "
              "(\\mathbf{{x}} - \\boldsymbol{{\\mu}}_{0})\\right)",
              c))
          .numbers(fmt::format("\\mathcal{{N}}([[{}]]; [[{}]], [[sigma]])", x, mu))
          .compute({x, mu, "sigma"}, [x, mu](const Inputs& in) -> Value {
            return gaussian_density(in.vector(x), in.vector(mu), in.matrix("sigma"));  // N(x; μ_c, Σ), d = 2
          });
    }
    trace.step(bayes + "posterior", fmt::format("Bayes' rule: the posterior $P(C_1|{})$", sym))
        .formula(
            "P(C_1|\\mathbf{x}) = \\frac{p(\\mathbf{x}|C_1) P(C_1)}{p(\\mathbf{x}|C_1) P(C_1) + "
            "p(\\mathbf{x}|C_2) P(C_2)}")
        .numbers(fmt::format("\\frac{{[[{0}density1]] \\cdot [[prior1]]}}{{[[{0}density1]] \\cdot [[prior1]] + "
                             "[[{0}density2]] \\cdot [[classes.prior2]]}}",
                             bayes))
        .compute({bayes + "density1", bayes + "density2", "prior1", "classes.prior2"},
                 [bayes](const Inputs& in) -> Value {
                   return bayes_posterior(in.scalar(bayes + "density1"), in.scalar(bayes + "density2"),
                                          in.scalar("prior1"), in.scalar("classes.prior2"));
                 });
    trace.step(bayes + "log_odds", "The log-odds $a$, from the densities (EDI's rewriting of Bayes' rule)")
        .formula("a = \\log \\frac{p(\\mathbf{x}|C_1) P(C_1)}{p(\\mathbf{x}|C_2) P(C_2)}")
        .numbers(fmt::format("\\log \\frac{{[[{0}density1]] \\cdot [[prior1]]}}{{[[{0}density2]] \\cdot "
                             "[[classes.prior2]]}}",
                             bayes))
        .compute({bayes + "density1", bayes + "density2", "prior1", "classes.prior2"},
                 [bayes](const Inputs& in) -> Value {
                   return log_odds(in.scalar(bayes + "density1"), in.scalar(bayes + "density2"), in.scalar("prior1"),
                                   in.scalar("classes.prior2"));
                 });
    trace.step(neuron + "a", "The neuron's pre-activation $\\mathbf{w}^\\top\\mathbf{x} + w_0$")
        .formula("a = \\mathbf{w}^\\top\\mathbf{x} + w_0")
        .numbers(fmt::format("[[sigmoid.w]]^\\top [[{}]] + [[sigmoid.w0]]", x))
        .compute({"sigmoid.w", x, "sigmoid.w0"}, [x](const Inputs& in) -> Value {
          return in.vector("sigmoid.w").dot(in.vector(x)) + in.scalar("sigmoid.w0");  // wᵀx + w₀
        });
    trace.step(neuron + "y", "The neuron's output $g(\\mathbf{w}^\\top\\mathbf{x} + w_0)$")
        .formula("y = g(a) = \\frac{1}{1 + \\exp(-a)}")
        .numbers(fmt::format("\\frac{{1}}{{1 + \\exp(-[[{}a]])}}", neuron))
        .compute({neuron + "a"}, [neuron](const Inputs& in) -> Value { return sigmoid(in.scalar(neuron + "a")); });
    trace.step(fmt::format("check.point{}", k), "Bayes' rule and the sigmoid agree")
        .formula("P(C_1|\\mathbf{x}) = g(\\mathbf{w}^\\top\\mathbf{x} + w_0)")
        .numbers(fmt::format("[[{}posterior]] = [[{}y]]", bayes, neuron))
        .compute({bayes + "posterior", neuron + "y", bayes + "log_odds", neuron + "a"},
                 [bayes, neuron](const Inputs& in) -> Value {
                   const double posterior_gap = relative_error(in.scalar(bayes + "posterior"), in.scalar(neuron + "y"));
                   const double odds_gap = std::abs(in.scalar(bayes + "log_odds") - in.scalar(neuron + "a"));
                   return Verdict{posterior_gap <= 1e-10 && odds_gap <= 1e-9,
                                  fmt::format("the posterior from the densities and the neuron's output agree to "
                                              "{:.1e} (relative), the two log-odds to {:.1e}",
                                              posterior_gap, odds_gap)};
                 });
    //! [bayes_rule_beside_the_sigmoid]
  }
}

// Gradients with respect to the input.
void input_gradients(Trace& trace) {
  //! [gradients_with_respect_to_the_point]
  trace.section("Gradients with respect to the point $\\mathbf{x}$");
  std::vector<std::string> odds_gradients = {"sigmoid.w"};
  for (int k = 1; k <= point_count; ++k) {
    const std::string x = fmt::format("point{}", k), bayes = fmt::format("bayes.point{}.", k),
                      neuron = fmt::format("sigmoid.point{}.", k), grad = fmt::format("grad.point{}.", k),
                      sym = fmt::format("\\mathbf{{x}}^{{({})}}", k);
    trace
        .step(grad + "log_odds",
              fmt::format("The log-odds' gradient at ${}$: the two quadratic terms' gradients cancel", sym))
        .formula(
            "\\nabla_{\\mathbf{x}} a = \\nabla_{\\mathbf{x}} \\ln p(\\mathbf{x}|C_1) - \\nabla_{\\mathbf{x}} \\ln "
            "p(\\mathbf{x}|C_2) = -\\Sigma^{-1}(\\mathbf{x} - \\boldsymbol{\\mu}_1) + \\Sigma^{-1}(\\mathbf{x} - "
            "\\boldsymbol{\\mu}_2)")
        .numbers(fmt::format("-[[sigma]]^{{-1}}([[{0}]] - [[mu1]]) + [[sigma]]^{{-1}}([[{0}]] - [[mu2]])", x))
        .compute({x, "mu1", "mu2", "sigma"}, [x](const Inputs& in) -> Value {
          const Eigen::VectorXd& point = in.vector(x);
          const Eigen::MatrixXd& sigma = in.matrix("sigma");
          return Eigen::VectorXd(gaussian_log_density_gradient(point, in.vector("mu1"), sigma) -
                                 gaussian_log_density_gradient(point, in.vector("mu2"), sigma));  // (2)
        });
    trace.claim_gradient(grad + "log_odds", bayes + "log_odds", x);
    odds_gradients.push_back(grad + "log_odds");
    trace.step(grad + "posterior", fmt::format("The posterior's gradient at ${}$", sym))
        .formula(
            "\\nabla_{\\mathbf{x}} P(C_1|\\mathbf{x}) = g'(a) \\nabla_{\\mathbf{x}} a = g(a)(1 - g(a)) "
            "\\mathbf{w}")
        .numbers(fmt::format("[[{0}y]] (1 - [[{0}y]]) [[sigmoid.w]]", neuron))
        .compute({neuron + "y", "sigmoid.w"}, [neuron](const Inputs& in) -> Value {
          const double y = in.scalar(neuron + "y");
          return Eigen::VectorXd(y * (1.0 - y) * in.vector("sigmoid.w"));  // σ(1 − σ) w
        });
    // The claim is on Bayes' rule from the densities: the sigmoid's derivative is its gradient too.
    trace.claim_gradient(grad + "posterior", bayes + "posterior", x);
  }
  trace.step("grad.constant", "The log-odds' gradient is $\\mathbf{w}$ at every point: $a$ is linear in $\\mathbf{x}$")
      .formula(
          "\\Sigma^{-1}(\\mathbf{x} - \\boldsymbol{\\mu}_2) - \\Sigma^{-1}(\\mathbf{x} - \\boldsymbol{\\mu}_1) = "
          "\\Sigma^{-1}(\\boldsymbol{\\mu}_1 - \\boldsymbol{\\mu}_2) = \\mathbf{w}")
      .compute(odds_gradients, [odds_gradients](const Inputs& in) -> Value {
        const Eigen::VectorXd& w = in.vector("sigmoid.w");
        double gap = 0;
        for (std::size_t i = 1; i < odds_gradients.size(); ++i)
          gap = std::max(gap, max_relative_error(in.vector(odds_gradients[i]), w, 1e-10));
        return Verdict{gap <= 1e-10,
                       fmt::format("at all {} points the gradient of the log-odds equals w (to {:.1e}): the shared "
                                   "covariance makes the quadratic terms cancel, so the decision boundary "
                                   "wᵀx + w₀ = 0 is a line",
                                   odds_gradients.size() - 1, gap)};
      });
  //! [gradients_with_respect_to_the_point]
}

// Half way between the means the likelihoods are equal.
void halfway_between_the_means(Trace& trace) {
  //! [half_way_between_the_means]
  trace.section("Half way between the means");
  trace.step("mid.x", "The midpoint of the two means")
      .formula("\\bar{\\mathbf{x}} = \\frac{1}{2}(\\boldsymbol{\\mu}_1 + \\boldsymbol{\\mu}_2)")
      .numbers("\\frac{1}{2}([[mu1]] + [[mu2]])")
      .compute({"mu1", "mu2"},
               [](const Inputs& in) -> Value { return Eigen::VectorXd(0.5 * (in.vector("mu1") + in.vector("mu2"))); });
  trace.step("mid.posterior", "Bayes' rule at the midpoint")
      .formula(
          "P(C_1|\\bar{\\mathbf{x}}) = \\frac{p(\\bar{\\mathbf{x}}|C_1) P(C_1)}{p(\\bar{\\mathbf{x}}|C_1) P(C_1) + "
          "p(\\bar{\\mathbf{x}}|C_2) P(C_2)}")
      .compute({"mid.x", "mu1", "mu2", "sigma", "prior1", "classes.prior2"}, [](const Inputs& in) -> Value {
        return gaussian_posterior(in.vector("mid.x"), in.vector("mu1"), in.vector("mu2"), in.matrix("sigma"),
                                  in.scalar("prior1"), in.scalar("classes.prior2"));
      });
  trace.step("mid.check", "At the midpoint the posterior is the prior")
      .formula(
          "\\mathbf{w}^\\top\\bar{\\mathbf{x}} + w_0 = \\ln(P(C_1)/P(C_2)) \\quad\\Rightarrow\\quad "
          "P(C_1|\\bar{\\mathbf{x}}) = P(C_1)")
      .numbers("[[mid.posterior]] = [[prior1]]")
      .compute({"mid.posterior", "prior1"}, [](const Inputs& in) -> Value {
        const double gap = relative_error(in.scalar("mid.posterior"), in.scalar("prior1"));
        return Verdict{gap <= 1e-10, fmt::format("the midpoint is equally far from both means in Σ's metric, so "
                                                 "the two likelihoods are equal and the posterior falls back on "
                                                 "the prior (agreement to {:.1e})",
                                                 gap)};
      });
  //! [half_way_between_the_means]
}

}  // namespace sigmoid_posterior_parts

Trace sigmoid_posterior(const ChapterOptions& options) {
  using namespace sigmoid_posterior_parts;
  Trace trace("sigmoid_posterior", "The sigmoid as a posterior probability");
  trace
      .summary(
          "Why a sigmoid output can be read as a probability. For two classes whose inputs are "
          "Gaussian with one shared covariance $\\Sigma$, Bayes' rule gives $P(C_1|\\mathbf{x}) = "
          "g(a)$ with the log-odds $a = \\ln \\frac{p(\\mathbf{x}|C_1)P(C_1)}{p(\\mathbf{x}|C_2)"
          "P(C_2)}$, and the quadratic terms $\\mathbf{x}^\\top\\Sigma^{-1}\\mathbf{x}$ cancel: "
          "$a = \\mathbf{w}^\\top\\mathbf{x} + w_0$, a single sigmoid neuron. We compute "
          "$\\mathbf{w}$ and $w_0$ from the means, the covariance and the priors, then compare, at "
          "three points, Bayes' rule evaluated from the two densities with the neuron's output. "
          "The gradients show the same thing: the log-odds has the constant gradient $\\mathbf{w}$. "
          "The slides print no numbers for this derivation: " +
          std::string(options.seed ? "this variant's means, covariance ($\\Sigma = LL^\\top + 0.2I$ "
                                     "from a drawn $L$), prior and points are drawn from the seed."
                                   : "the means $\\boldsymbol{\\mu}_1 = (1, 2)$, $\\boldsymbol{\\mu}_2 "
                                     "= (-1, 0)$, the covariance $\\Sigma = \\begin{pmatrix} 2 & 0.5 \\\\ "
                                     "0.5 & 1 \\end{pmatrix}$, the prior $P(C_1) = 0.6$ and the three "
                                     "points are ours."))
      .source("EDI", "000_7637ffcd816b0303.txt",
              {"Output of logistic sigmoid activation function", "Approximation of posterior probabilities"})
      .convention(
          "EDI's: $g(a) = 1/(1 + \\exp(-a))$ is the logistic sigmoid and $a$ the neuron's "
          "pre-activation; here $a = \\mathbf{w}^\\top\\mathbf{x} + w_0$ with the bias written "
          "apart ($w_0$ on $x_0 = 1$). Column vectors; $\\Sigma^{-1}\\mathbf{v}$ is always "
          "computed by a Cholesky solve with $\\Sigma = LL^\\top$, never by inverting $\\Sigma$.")
      .notation("C_1, C_2", "the two classes")
      .notation("P(C_k)", "the prior probability of class $C_k$")
      .notation("p(\\mathbf{x}|C_k)",
                "the class-conditional density $\\mathcal{N}(\\mathbf{x}; \\boldsymbol{\\mu}_k, \\Sigma)$")
      .notation("P(C_1|\\mathbf{x})", "the posterior probability of $C_1$ given $\\mathbf{x}$")
      .notation("\\boldsymbol{\\mu}_k, \\Sigma", "the mean of class $C_k$ and the covariance both classes share")
      .notation("a", "the log-odds $\\ln \\frac{p(\\mathbf{x}|C_1)P(C_1)}{p(\\mathbf{x}|C_2)P(C_2)}$")
      .notation("g(a)", "the logistic sigmoid $1/(1 + e^{-a})$ (also written $\\sigma$)")
      .notation("\\mathbf{w}, w_0", "the weights and bias of the equivalent sigmoid neuron")
      .seed(options.seed)
      .rounding({Rounding::Mode::significant, 4});

  const Setting s = options.seed ? drawn_setting(*options.seed) : default_setting();
  trace.parameter("mu1", "\\boldsymbol{\\mu}_1", "the mean of class $C_1$", s.mu1);
  trace.parameter("mu2", "\\boldsymbol{\\mu}_2", "the mean of class $C_2$", s.mu2);
  trace.parameter("sigma", "\\Sigma", "the covariance shared by both classes (symmetric positive definite)", s.sigma);
  trace.parameter("prior1", "P(C_1)", "the prior probability of class $C_1$", s.prior1);
  for (int k = 1; k <= point_count; ++k)
    trace.parameter(fmt::format("point{}", k), fmt::format("\\mathbf{{x}}^{{({})}}", k),
                    "a point where Bayes' rule and the sigmoid are compared",
                    s.points[static_cast<std::size_t>(k - 1)]);

  the_two_classes(trace);
  weights_from_the_gaussians(trace);
  bayes_at_each_point(trace);
  input_gradients(trace);
  halfway_between_the_means(trace);
  return trace;
}

}  // namespace nnwb::chapters
