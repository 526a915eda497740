// Exercises on chapter 1, perceptron: Rosenblatt's perceptron rule (PD "The perceptron algorithm
// (1/7)…(7/7)", "On the choice of the cost function").
//
// perceptron.first_visits: the student runs the test/add/subtract loop of PD (7/7) by hand for the
// first two visits of epoch 1 on the 2-D set: the activation wᵀφ(xₙ), the test (is xₙ correctly
// classified?) and the weights after the visit, w ← w + ηφ(xₙ)tₙ when xₙ is misclassified.
//
// perceptron.criterion: at a given w̃ on the AND truth table, the student computes the margins
// mₙ = tₙw̃ᵀφ(xₙ), the perceptron criterion E_p = −Σ_{n∈M} mₙ and its gradient −Σ_{n∈M} φ(xₙ)tₙ.
#include <string>

#include "chapters.hpp"
#include "exercises.hpp"

namespace nnwb::exercises {
namespace {

const Tolerance exact = Tolerance::relabs(1e-9, 1e-9);

// The mistakes of the update step of visit n of epoch 1 on the 2-D set; `before` is the w the
// visit starts from.
void update_mistakes(AskedStep& step, const std::string& before, int n) {
  const std::string phi = "set.phi" + std::to_string(n), t = "set.t" + std::to_string(n);
  const std::string verdict = "set.epoch1.visit" + std::to_string(n) + ".verdict";
  step
      // w kept for a misclassified point, or w + ηφ(x)t for a correctly classified one.
      .mistake("test_ignored",
               "the test decides the update: only a misclassified point (t wᵀφ(x) ≤ 0) changes w, by "
               "ηφ(x)t; a correctly classified point leaves w as it is",
               {before, phi, t, "eta", verdict},
               [before, phi, t, verdict](const Inputs& in) -> Value {
                 const Eigen::VectorXd& w = in.vector(before);
                 if (in.verdict(verdict).holds)
                   return Eigen::VectorXd(w + in.scalar("eta") * in.scalar(t) * in.vector(phi));
                 return w;
               })
      // w − ηφ(x)t for a misclassified point: C1 subtracted, C2 added. (For a correctly classified
      // point there is no update to get wrong: the value is test_ignored's, which is named first.)
      .mistake("sign_flipped",
               "the update has the wrong sign: w ← w + ηφ(x)t adds a misclassified point of class C1 "
               "(t = +1) and subtracts one of class C2 (t = −1)",
               {before, phi, t, "eta", verdict},
               [before, phi, t, verdict](const Inputs& in) -> Value {
                 const double sign = in.verdict(verdict).holds ? 1.0 : -1.0;
                 return Eigen::VectorXd(in.vector(before) + sign * in.scalar("eta") * in.scalar(t) * in.vector(phi));
               });
}

void first_visits(std::vector<Exercise>& out) {
  Exercise e("perceptron.first_visits", "perceptron", "The first visits of the perceptron rule",
             chapters::perceptron);
  e.instructions(
      "Run the perceptron algorithm of PD (7/7) on the 2-D set, starting from $\\mathbf{w}^{(0)}$, for "
      "the first two visits of epoch 1 (points $\\mathbf{x}_1$ and $\\mathbf{x}_2$, in that order). For "
      "each visit compute the activation $a = \\mathbf{w}^T\\phi(\\mathbf{x}_n)$ with the current "
      "$\\mathbf{w}$ and $\\phi(\\mathbf{x}) = (1, x_1, x_2)^T$, test the point (answer true if it is "
      "correctly classified, false if $t_n\\,\\mathbf{w}^T\\phi(\\mathbf{x}_n) \\le 0$), and give "
      "$\\mathbf{w}$ after the visit: $\\mathbf{w} + \\eta\\,\\phi(\\mathbf{x}_n)\\,t_n$ if the point is "
      "misclassified, $\\mathbf{w}$ unchanged if not.");

  // Visit 1: a = w⁽⁰⁾ᵀφ(x₁). (No mistake: with the default w⁽⁰⁾ = 0 every wrong formula gives 0 too.)
  e.ask("set.epoch1.visit1.activation").tolerance(exact);
  e.ask("set.epoch1.visit1.verdict")
      .ask_as("Visit 1, the test: is x₁ correctly classified, t₁wᵀφ(x₁) > 0? (true or false)");
  update_mistakes(e.ask("set.epoch1.visit1.w", 2)
                      .tolerance(exact)
                      .ask_as("Visit 1: w after the visit (w + ηφ(x₁)t₁ if x₁ is misclassified, else w)"),
                  "set.epoch0.w", 1);

  // Visit 2: a = wᵀφ(x₂) with the w visit 1 left.
  e.ask("set.epoch1.visit2.activation")
      .tolerance(exact)
      // w₁x₁ + w₂x₂: the bias weight w₀ on φ₀ = 1 dropped.
      .mistake("bias_left_out",
               "φ(x) starts with φ₀ = 1: the activation wᵀφ(x) = w₀ + w₁x₁ + w₂x₂ includes the bias w₀",
               {"set.epoch1.visit1.w", "set.phi2"},
               [](const Inputs& in) -> Value {
                 return in.vector("set.epoch1.visit1.w").tail(2).dot(in.vector("set.phi2").tail(2));
               })
      // w⁽⁰⁾ᵀφ(x₂): the weights before visit 1's update.
      .mistake("stale_w",
               "visit 2 uses the weights visit 1 left, after its update, not the starting weights w⁽⁰⁾",
               {"set.epoch0.w", "set.phi2"},
               [](const Inputs& in) -> Value { return in.vector("set.epoch0.w").dot(in.vector("set.phi2")); });
  e.ask("set.epoch1.visit2.verdict")
      .ask_as("Visit 2, the test: is x₂ correctly classified, t₂wᵀφ(x₂) > 0? (true or false)");
  update_mistakes(e.ask("set.epoch1.visit2.w", 2)
                      .tolerance(exact)
                      .ask_as("Visit 2: w after the visit (w + ηφ(x₂)t₂ if x₂ is misclassified, else w)"),
                  "set.epoch1.visit1.w", 2);
  out.push_back(std::move(e));
}

// The misclassified set M at w: mₙ = tₙwᵀφ(xₙ) ≤ 0, as 0/1 per row of Φ.
Eigen::ArrayXd in_m(const Eigen::VectorXd& w, const Eigen::MatrixXd& Phi, const Eigen::VectorXd& t) {
  const Eigen::ArrayXd m = t.array() * (Phi * w).array();
  return (m <= 0).cast<double>();
}

void criterion(std::vector<Exercise>& out) {
  Exercise e("perceptron.criterion", "perceptron", "The perceptron criterion and its gradient",
             chapters::perceptron);
  e.instructions(
      "At the weights $\\tilde{\\mathbf{w}}$, on the AND truth table ($t = -1$ for false, $+1$ for true), "
      "compute the margins $m_n = t_n\\,\\tilde{\\mathbf{w}}^T\\phi(\\mathbf{x}_n)$, the perceptron "
      "criterion $E_p(\\tilde{\\mathbf{w}}) = -\\sum_{n \\in \\mathcal{M}} m_n$ over the misclassified "
      "points ($m_n \\le 0$), and its gradient $\\nabla E_p = -\\sum_{n \\in \\mathcal{M}} "
      "\\phi(\\mathbf{x}_n)\\,t_n$.");
  e.ask("cost.margins")
      .tolerance(exact)
      // Φw̃: the label tₙ left out.
      .mistake("label_left_out", "the margin is the activation times the label: mₙ = tₙ w̃ᵀφ(xₙ)",
               {"cost.w", "and.features"},
               [](const Inputs& in) -> Value {
                 return Eigen::VectorXd(in.matrix("and.features") * in.vector("cost.w"));
               });
  e.ask("cost.criterion", 2)
      .tolerance(exact)
      // −Σₙ mₙ over every point.
      .mistake("all_points",
               "E_p sums over the misclassified points only: E_p = −Σ_{n∈M} mₙ, with M the points with mₙ ≤ 0",
               {"cost.margins"},
               [](const Inputs& in) -> Value { return -in.vector("cost.margins").sum(); })
      // |M|: the number of misclassified points.
      .mistake("count",
               "E_p adds up the misclassified points' margins, −Σ_{n∈M} mₙ; counting the points is the 0/1 "
               "loss J₀/₁, not E_p",
               {"cost.margins"},
               [](const Inputs& in) -> Value {
                 return (in.vector("cost.margins").array() <= 0).cast<double>().sum();
               });
  e.ask("cost.gradient", 2)
      .tolerance(exact)
      // +Σ_{n∈M} φ(xₙ)tₙ: the minus sign dropped.
      .mistake("sign_flipped",
               "the gradient of E_p = −Σ_{n∈M} wᵀφ(xₙ)tₙ keeps the minus sign: ∇E_p = −Σ_{n∈M} φ(xₙ)tₙ",
               {"cost.w", "and.features", "and.labels"},
               [](const Inputs& in) -> Value {
                 const Eigen::MatrixXd& Phi = in.matrix("and.features");
                 const Eigen::VectorXd& t = in.vector("and.labels");
                 const Eigen::ArrayXd m = in_m(in.vector("cost.w"), Phi, t);
                 return Eigen::VectorXd(Phi.transpose() * (m * t.array()).matrix());
               })
      // −Σₙ φ(xₙ)tₙ over every point.
      .mistake("all_points",
               "the gradient sums over the misclassified points only: ∇E_p = −Σ_{n∈M} φ(xₙ)tₙ",
               {"and.features", "and.labels"},
               [](const Inputs& in) -> Value {
                 return Eigen::VectorXd(-(in.matrix("and.features").transpose() * in.vector("and.labels")));
               });
  out.push_back(std::move(e));
}

}  // namespace

void perceptron(std::vector<Exercise>& out) {
  first_visits(out);
  criterion(out);
}

}  // namespace nnwb::exercises
