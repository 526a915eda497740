// Code exercise on chapter 1, perceptron: one visit of Rosenblatt's perceptron rule, as a function
// (PD "The perceptron algorithm (1/7)…(7/7)").
//
// code.perceptron_update: the student writes perceptron_update(w, phi, t, eta), the test and the
// update of PD (7/7): if t wᵀφ ≤ 0 (misclassified, or on the boundary) then w + ηφt, else w. It runs
// the visits of epoch 1 on the 2-D set (six points) and on the XOR truth table (four), each from the
// weights the visit before left, and each result is graded as that visit's step
// <set>.epoch1.visit<k>.w.
//
// Not AND or OR: a drawn w⁽⁰⁾ sometimes separates them already (seeds 19 and 37 for AND, 38 for OR),
// and the chapter then runs no epoch 1 on them. The 2-D set is drawn to need two to eight epochs from
// w⁽⁰⁾, and XOR is never separated, so both have an epoch 1 on every variant.
#include <functional>
#include <string>
#include <utility>

#include "chapters.hpp"
#include "code_exercises.hpp"

namespace nnwb::exercises::code {
namespace {

// One visit's numbers, read from the trace: the weights it starts from, the point and its label.
struct Visit {
  Eigen::VectorXd w, phi;
  double t = 0, eta = 0;

  double margin() const { return t * w.dot(phi); }  // t wᵀφ: > 0 when correctly classified
  Eigen::VectorXd added(double sign = 1) const { return w + sign * eta * phi * t; }  // w ± ηφt
};

// A mistake's value: `rule` applied to the visit whose weights are `before`.
ComputeFn on_visit(const std::string& before, const std::string& phi, const std::string& t,
                   std::function<Eigen::VectorXd(const Visit&)> rule) {
  return [=](const Inputs& in) -> Value {
    return rule(Visit{in.vector(before), in.vector(phi), in.scalar(t), in.scalar("eta")});
  };
}

// The mistakes of visit n of epoch 1 on `set`; `before` is the w the visit starts from. test_ignored,
// sign_flipped and strict_test each differ from the rule on their own kind of point (a correctly
// classified one, a misclassified one, one on the boundary), so no two of them give the same wrong
// value. label_left_out differs only on a point of class C2 (t = −1), where it gives test_ignored's
// value if the point is correctly classified: it comes last, and only where t can be −1.
void update_mistakes(AskedStep& step, const std::string& set, const std::string& before, int n, bool class_c2) {
  const std::string phi = set + ".phi" + std::to_string(n), t = set + ".t" + std::to_string(n);
  const std::vector<std::string> inputs{before, phi, t, "eta"};
  step
      // w + ηφt whatever the test says.
      .mistake("test_ignored",
               "the test decides the update: only a misclassified point (t wᵀφ(x) ≤ 0) changes w, by "
               "ηφ(x)t; a correctly classified point leaves w as it is",
               inputs, on_visit(before, phi, t, [](const Visit& v) { return v.added(); }))
      // w − ηφt for a misclassified point.
      .mistake("sign_flipped",
               "the update has the wrong sign: w ← w + ηφ(x)t adds a misclassified point of class C1 "
               "(t = +1) and subtracts one of class C2 (t = −1)",
               inputs,
               on_visit(before, phi, t, [](const Visit& v) { return v.margin() <= 0 ? v.added(-1) : v.w; }))
      // t wᵀφ < 0: a point on the boundary kept.
      .mistake("strict_test",
               "a point on the boundary (t wᵀφ(x) = 0, as every point is for w = 0) is misclassified: the "
               "test is t wᵀφ(x) ≤ 0, not < 0",
               inputs, on_visit(before, phi, t, [](const Visit& v) { return v.margin() < 0 ? v.added() : v.w; }));
  if (!class_c2) return;
  // wᵀφ ≤ 0: the label left out of the test.
  step.mistake("label_left_out",
               "the test multiplies the activation by the label: x is misclassified when t wᵀφ(x) ≤ 0, "
               "not when wᵀφ(x) ≤ 0 (a point of class C2 belongs on the negative side)",
               inputs, on_visit(before, phi, t, [](const Visit& v) { return v.w.dot(v.phi) <= 0 ? v.added() : v.w; }));
}

// The training sets the visits are on, with their number of points.
constexpr std::pair<const char*, int> sets[] = {{"set", 6}, {"xor", 4}};

// Whether point n of `set` can be of class C2 (t = −1): the 2-D set's labels are drawn, XOR's are
// its truth table, (−1, +1, +1, −1).
bool may_be_c2(const std::string& set, int n) { return set != "xor" || n == 1 || n == 4; }

// The weights visit n of epoch 1 on `set` starts from.
std::string before_visit(const std::string& set, int n) {
  return n == 1 ? set + ".epoch0.w" : set + ".epoch1.visit" + std::to_string(n - 1) + ".w";
}

}  // namespace

void perceptron_update(std::vector<CodeExercise>& out) {
  Exercise steps("code.perceptron_update", "perceptron", "The perceptron learning rule, as a function",
                 chapters::perceptron);
  steps.instructions(
      "Write `perceptron_update(w, phi, t, eta)`: one visit of the perceptron algorithm of PD (7/7). The "
      "point has the features $\\phi = \\phi(\\mathbf{x}) = (1, x_1, x_2)^T$ (the bias feature $\\phi_0 = 1$ "
      "first) and the label $t = +1$ (class $C_1$) or $t = -1$ (class $C_2$). Test it: it is misclassified "
      "when $t\\,\\mathbf{w}^T\\phi \\le 0$ (a point on the boundary counts as misclassified). Return "
      "$\\mathbf{w} + \\eta\\,\\phi\\,t$ for a misclassified point and $\\mathbf{w}$ unchanged for a correctly "
      "classified one; do not change the `w` you were given.\n\n"
      "Your function runs the visits of epoch 1 on the chapter's 2-D set (six points) and on the XOR truth "
      "table ($t = -1$ for false, $+1$ for true), each from the weights the visit before left, and each "
      "result is graded as that visit's weights in the chapter's trace, on ten variants.");
  for (const auto& [name, points] : sets)
    for (int n = 1; n <= points; ++n) {
      const std::string set = name;
      update_mistakes(steps.ask(set + ".epoch1.visit" + std::to_string(n) + ".w").tolerance(code_tolerance()), set,
                      before_visit(set, n), n, may_be_c2(set, n));
    }

  CodeExercise e(std::move(steps));
  e.function({
      .name = "perceptron_update",
      .summary = "One visit of the perceptron rule: the weights after testing one point",
      .formula = "w ← w + η φ t if t wᵀφ ≤ 0 (misclassified, or on the boundary), else w unchanged",
      .arguments = {{"w", ValueKind::vector, "the weights before the visit, the bias weight first, (d + 1)"},
                    {"phi", ValueKind::vector, "the point's features φ(x) = (1, x₁, …, x_d), (d + 1)"},
                    {"t", ValueKind::scalar, "the point's label, +1 (class C1) or −1 (class C2)"},
                    {"eta", ValueKind::scalar, "the learning rate η > 0"}},
      .results = {{"w_after", ValueKind::vector, "the weights after the visit, (d + 1)"}},
      .cpp = "Vector perceptron_update(const Vector& w, const Vector& phi, double t, double eta)",
      .python = "def perceptron_update(w, phi, t, eta):",
  });
  for (const auto& [name, points] : sets)
    for (int n = 1; n <= points; ++n) {
      const std::string set = name, k = std::to_string(n);
      e.call({.function = "perceptron_update",
              .arguments = {before_visit(set, n), set + ".phi" + k, set + ".t" + k, "eta"},
              .results = {set + ".epoch1.visit" + k + ".w"}});
    }
  out.push_back(std::move(e));
}

}  // namespace nnwb::exercises::code
