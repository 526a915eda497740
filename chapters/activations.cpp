// Chapter 10, activations: the activation zoo, each function's value and derivative at sample points
// beside central finite differences; the kinks at a = 0 and the convention taken there; saturation;
// the dead ReLU; sparsity.
// Lectures:
//   EDI "Other activation functions": tanh(a) = (1 − e^{−2a})/(1 + e^{−2a}), ReLU max(0, a), the
//     "Dying ReLU" problem → leaky ReLU.
//   PD "Activation function" to "Exponential Linear: ELU": linear, sigmoid, tanh, "Problems of
//     sigmoid (1/2)" (saturation kills gradients), ReLU (c = Σ w_j x_j + b; if b ≪ 0 then c < 0
//     always: the unit dies), "On the sparsity of activations", "Leaky ReLU" (we lose sparsity),
//     "Exponential Linear: ELU"; and "The perceptron algorithm (1/7)" for sign: f(a) = +1 if a ≥ 0.
//   IC "Activation functions": the table sigmoid, tanh, ReLU (x for x ≥ 0), leaky ReLU (εx for
//     x < 0), ELU (α(e^x − 1) for x < 0), identity; softplus ln(1 + e^x) as an output layer.
//   CTU "What We Covered Last Time", "Reminder: Derivatives of Activation Functions": slope λ,
//     f' = λy(1 − y) for logsig and, corrected, λ(1 + y)(1 − y) for tanh (the slide squares λ;
//     chapter 4, tanh_derivative, shows why that is wrong).
//   BMB "Activation Functions": the step (threshold) function.
// No slide prints λ, ε, α or sample points. The defaults: λ = 1 (the sigmoid and tanh as EDI, PD,
// IC and BMB write them), ε = 0.01 and α = 1 (the library's defaults; α = 1 is the value of
// [Clevert16], the paper PD cites), and sample points of our own; a seed draws all of them.
//
// Shapes (one legend for the file): a: (n) sample points; X: (D, N) inputs x_n as columns;
// w: (D); c, t: (N); the layer's pre-activations: (M); the sparsity table: (5, M).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "chapters.hpp"
#include "nnwb/activations.hpp"
#include "nnwb/gradient_check.hpp"
#include "nnwb/random.hpp"
#include "nnwb/sampled_curve.hpp"

namespace nnwb::chapters {
namespace activations_parts {  // the chapter's sections and what they share

// The lecture's parameters, or a variant's.
struct Setting {
  Eigen::VectorXd points;      // sample points a_j, never 0 (the kinks are treated on their own)
  double lambda = 1.0;         // CTU's slope λ; the other decks' sigmoid and tanh have λ = 1
  double leak = 0.01;          // IC's ε, the leaky ReLU's slope for a < 0
  double alpha = 1.0;          // IC's α, the ELU's scale: ELU → −α as a → −∞
  Eigen::VectorXd saturation;  // points from deep saturation through 0, with ±1000 for the numerics
  Eigen::MatrixXd inputs;      // X: (D, N), the dying unit's inputs x_n as columns
  Eigen::VectorXd weights;     // w: (D)
  double bias = -3.0;          // b ≪ 0, PD's condition for a dead unit
  Eigen::VectorXd targets;     // t: (N), positive: the unit ought to fire
  Eigen::VectorXd layer;       // one layer's pre-activations c_j: (M), for sparsity
};

Setting default_setting() {
  Setting s;
  s.points.resize(6);
  s.points << -3, -1, -0.5, 0.5, 1, 3;
  s.saturation.resize(9);
  s.saturation << -1000, -10, -4, -1, 0, 1, 4, 10, 1000;
  s.inputs.resize(2, 5);
  s.inputs << 0.5, -1.0, 0.8, -0.3, 1.0,  //
      1.0, 0.2, -0.6, -0.9, 0.4;
  s.weights = Eigen::Vector2d(0.6, -0.4);
  s.targets.resize(5);
  s.targets << 1.0, 0.5, 0.8, 0.2, 0.6;
  s.layer.resize(10);
  s.layer << -2.1, -1.3, -0.7, -0.2, 0.4, 0.9, -1.8, 1.5, -0.5, 2.2;
  return s;
}

Setting drawn_setting(std::uint64_t seed) {
  Rng rng(seed);
  Setting s;
  s.points.resize(6);
  for (double& a : s.points) a = rng.nonzero_decimal(-4, 4, 1);  // |a| ≥ 0.1: clear of the kinks
  std::sort(s.points.begin(), s.points.end());
  do s.lambda = rng.decimal(0.5, 2.5, 1);
  while (s.lambda == 1.0);  // a slope other than the lecture's, so that λ shows in every formula
  s.leak = rng.decimal(0.01, 0.3, 2);
  s.alpha = rng.decimal(0.5, 2.0, 1);
  // 0, three drawn magnitudes d_k ∈ [1, 12] with both signs, and ±1000.
  Eigen::Vector3d d = rng.decimals(3, 1, 12, 1);
  std::sort(d.begin(), d.end());
  s.saturation.resize(9);
  s.saturation << -1000, -d(2), -d(1), -d(0), 0, d(0), d(1), d(2), 1000;
  // |wᵀx| ≤ |w₁| + |w₂| ≤ 2 and b ≤ −2.5, so every c_n = wᵀx_n + b ≤ −0.5 < 0: the unit is dead.
  s.inputs = rng.decimals(2, 5, -1, 1, 1);
  s.weights = rng.decimals(2, -1, 1, 1);
  s.bias = rng.decimal(-5, -2.5, 1);
  s.targets = rng.decimals(5, 0.1, 1, 1);
  s.layer.resize(10);
  for (double& c : s.layer) c = rng.nonzero_decimal(-3, 3, 1);
  return s;
}

// f applied to each entry. a: (n) → (n)
Eigen::VectorXd each(const Eigen::VectorXd& a, const std::function<double(double)>& f) {
  return a.unaryExpr(f);
}

// f(a_j, y_j) for each j: a derivative written in the function's own output y = g(a), as CTU
// writes λy(1 − y). a, y: (n) → (n)
Eigen::VectorXd each(const Eigen::VectorXd& a, const Eigen::VectorXd& y,
                     const std::function<double(double, double)>& f) {
  Eigen::VectorXd out(a.size());
  for (Eigen::Index j = 0; j < a.size(); ++j) out(j) = f(a(j), y(j));
  return out;
}

// One member of the zoo: how the chapter writes it and computes it.
struct Member {
  std::string id;          // step ids start with it
  std::string name;        // in titles
  std::string value;       // LaTeX: g(a) in the lecture's notation
  std::string derivative;  // LaTeX: g'(a), in a and in the output y = g(a)
  std::string parameter;   // λ, ε or α's parameter name; empty if none
  std::function<Activation(double)> make;                      // the library's activation
  std::function<double(double a, double y, double p)> slope;   // g'(a) from a, y = g(a) and the parameter
};

// The five steps every member gets: values, derivative, the sum whose gradient the derivative is,
// central differences, and the check.
void add_member(Trace& trace, const Member& member) {
  // Shared, so that the closures (copied with every copy of the trace) stay small.
  const auto shared = std::make_shared<const Member>(member);
  const Member& m = *shared;
  std::vector<std::string> value_inputs = {"points"};
  if (!m.parameter.empty()) value_inputs.push_back(m.parameter);
  const auto parameter_of = [shared](const Inputs& in) {
    return shared->parameter.empty() ? 1.0 : in.scalar(shared->parameter);
  };

  //! [values_and_derivatives]
  trace.step(m.id + ".y", m.name + ": its values $y_j = g(a_j)$ at the sample points")
      .formula(m.value + " \\quad \\Rightarrow \\quad y_j = g(a_j)")
      .compute(value_inputs, [shared, parameter_of](const Inputs& in) -> Value {
        const Activation g = shared->make(parameter_of(in));
        return each(in.vector("points"), [&](double a) { return g.value(a); });
      });

  std::vector<std::string> slope_inputs = {"points", m.id + ".y"};
  if (!m.parameter.empty()) slope_inputs.push_back(m.parameter);
  trace.step(m.id + ".dy", m.name + ": its derivative $g'(a_j)$, from $a_j$ and the output $y_j$")
      .formula(m.derivative + " \\quad \\Rightarrow \\quad g'(a_j)")
      .compute(slope_inputs, [shared, parameter_of](const Inputs& in) -> Value {
        const double p = parameter_of(in);
        return each(in.vector("points"), in.vector(shared->id + ".y"),
                    [&](double a, double y) { return shared->slope(a, y, p); });
      });

  // An elementwise activation has a diagonal Jacobian: output j depends on a_j alone, so the
  // vector of g'(a_j) is the gradient of Σ_k g(a_k), the backward pass with ∂E/∂y_k = 1.
  trace.step(m.id + ".sum", m.name + ": the sum $\\sum_k g(a_k)$, whose gradient is the vector of $g'(a_j)$")
      .formula("\\frac{\\partial}{\\partial a_j} \\sum_k g(a_k) = g'(a_j)")
      .compute({m.id + ".y"}, [y = m.id + ".y"](const Inputs& in) -> Value { return in.vector(y).sum(); });
  trace.claim_gradient(m.id + ".dy", m.id + ".sum", "points");

  trace.step(m.id + ".fd", m.name + ": central finite differences at the same points")
      .formula("\\frac{g(a_j + h) - g(a_j - h)}{2h}")
      .compute(value_inputs, [shared, parameter_of](const Inputs& in) -> Value {
        const Activation g = shared->make(parameter_of(in));
        return each(in.vector("points"),
                    [&](double a) { return numerical_derivative([&](double x) { return g.value(x); }, a); });
      });
  //! [values_and_derivatives]

  // Each entry's error is relative to the larger of the two slopes, but at least 10⁻³ of the largest
  // slope at any point: deep in saturation g' is ~10⁻⁸, and the difference quotient's rounding
  // error, ~10⁻¹⁶/h = 10⁻¹¹, is no longer a negligible fraction of it.
  trace.step(m.id + ".check", m.name + ": the derivative matches the finite difference at every point")
      .formula(
          "\\max_j \\frac{|g'(a_j) - \\hat{g}'(a_j)|}{\\max(|g'(a_j)|, |\\hat{g}'(a_j)|, 10^{-3} \\max_k |g'(a_k)|)} "
          "\\le 10^{-6}")
      .compute({m.id + ".dy", m.id + ".fd"}, [dy = m.id + ".dy", fd_id = m.id + ".fd"](const Inputs& in) -> Value {
        const Eigen::VectorXd& slope = in.vector(dy);
        const Eigen::VectorXd& fd = in.vector(fd_id);
        const double scale = std::max(1e-3 * slope.cwiseAbs().maxCoeff(), 1e-8);  // 1e−8: all-zero slopes
        double error = 0.0;
        for (Eigen::Index j = 0; j < slope.size(); ++j)
          error = std::max(error, std::abs(slope(j) - fd(j)) /
                                      std::max({std::abs(slope(j)), std::abs(fd(j)), scale}));
        return Verdict{error <= 1e-6, fmt::format("largest relative error {:.1e}", error)};
      });
}

// The members, in the order the decks introduce them.
Member step_member() {
  return {"step", "The step (BMB)", "g(a) = 1 \\text{ for } a > 0, \\quad 0 \\text{ for } a \\le 0",
          "g'(a) = 0 \\quad (a \\ne 0)", "", [](double) { return Activation::step(); },
          [](double, double, double) { return 0.0; }};  // flat on both sides of the jump
}
Member sign_member() {
  return {"sign", "The sign (PD's perceptron f)", "g(a) = +1 \\text{ for } a \\ge 0, \\quad -1 \\text{ for } a < 0",
          "g'(a) = 0 \\quad (a \\ne 0)", "", [](double) { return Activation::sign(); },
          [](double, double, double) { return 0.0; }};  // flat on both sides of the jump
}
Member identity_member() {
  return {"identity", "The identity (linear)", "g(a) = a", "g'(a) = 1", "",
          [](double) { return Activation::identity(); }, [](double, double, double) { return 1.0; }};
}
Member sigmoid_member() {
  return {"sigmoid", "The sigmoid with slope λ", "y = \\sigma(\\lambda a) = \\frac{1}{1 + e^{-\\lambda a}}",
          "g'(a) = \\lambda y (1 - y)", "lambda", [](double lambda) { return Activation::sigmoid(lambda); },
          [](double, double y, double lambda) { return lambda * y * (1.0 - y); }};  // λy(1 − y)
}
Member tanh_member() {
  return {"tanh", "tanh with slope λ",
          "y = \\tanh(\\lambda a) = \\frac{1 - e^{-2\\lambda a}}{1 + e^{-2\\lambda a}}",
          "g'(a) = \\lambda (1 + y)(1 - y)", "lambda", [](double lambda) { return Activation::tanh(lambda); },
          [](double, double y, double lambda) { return lambda * (1.0 + y) * (1.0 - y); }};  // λ(1 + y)(1 − y)
}
Member relu_member() {
  return {"relu", "ReLU", "g(a) = \\max(0, a)", "g'(a) = 1 \\text{ for } a > 0, \\quad 0 \\text{ for } a < 0", "",
          [](double) { return Activation::relu(); },
          [](double a, double, double) { return a > 0.0 ? 1.0 : 0.0; }};
}
Member leaky_member() {
  return {"leaky", "Leaky ReLU", "g(a) = a \\text{ for } a > 0, \\quad \\varepsilon a \\text{ for } a \\le 0",
          "g'(a) = 1 \\text{ for } a > 0, \\quad \\varepsilon \\text{ for } a < 0", "leak",
          [](double leak) { return Activation::leaky_relu(leak); },
          [](double a, double, double leak) { return a > 0.0 ? 1.0 : leak; }};
}
Member elu_member() {
  return {"elu", "ELU", "y = a \\text{ for } a > 0, \\quad \\alpha(e^{a} - 1) \\text{ for } a \\le 0",
          "g'(a) = 1 \\text{ for } a > 0, \\quad \\alpha e^{a} = y + \\alpha \\text{ for } a < 0", "alpha",
          [](double alpha) { return Activation::elu(alpha); },
          // For a < 0: αe^a = α(e^a − 1) + α = y + α, the output plus α.
          [](double a, double y, double alpha) { return a > 0.0 ? 1.0 : y + alpha; }};
}
Member softplus_member() {
  return {"softplus", "Softplus (IC)", "y = \\ln(1 + e^{a})",
          "g'(a) = \\frac{e^{a}}{1 + e^{a}} = \\sigma(a) = 1 - e^{-y}", "",
          [](double) { return Activation::softplus(); },
          // e^y = 1 + e^a, so 1 − e^{−y} = e^a/(1 + e^a) = σ(a); −expm1(−y) keeps it exact for y ≈ 0.
          [](double, double y, double) { return -std::expm1(-y); }};
}

// A plot of activations and their derivatives over a ∈ [−5, 5], sampled by the library.
constexpr AxisRange plot_range{-5.0, 5.0};
constexpr int plot_points = 401;  // spacing 0.025; the middle point is a = 0 exactly

struct Drawn {
  std::string value_title, derivative_title;
  Activation g;
};

Plot zoo_plot(const std::vector<Drawn>& drawn, AxisRange y_range) {
  Plot plot{.x_label = "a (pre-activation)", .y_label = "g(a) and g'(a)", .curves = {}, .x_range = plot_range,
            .y_range = y_range};
  for (const Drawn& d : drawn) {
    plot.curves.push_back(sample_curve(d.value_title, [&](double a) { return d.g.value(a); }, plot_range, plot_points));
    plot.curves.push_back(
        sample_curve(d.derivative_title, [&](double a) { return d.g.derivative(a); }, plot_range, plot_points));
  }
  return plot;
}

// The fraction of entries that are exactly 0. v: (M)
double zero_fraction(const Eigen::VectorXd& v) {
  return static_cast<double>((v.array() == 0.0).count()) / static_cast<double>(v.size());
}

// ---- the sections, in reading order --------------------------------------------------------------

// Threshold units: step and sign (BMB "Activation Functions"; PD "The perceptron algorithm (1/7)").
void threshold_units(Trace& trace) {
  trace.section("Threshold units: step and sign");
  add_member(trace, step_member());
  add_member(trace, sign_member());
  trace.figure({"step_sign", "The step and the sign with their derivatives (0 for a ≠ 0, none at a = 0; for a > 0 "
                              "both functions are 1 and their curves coincide)",
                zoo_plot({{"step(a)", "step'(a)", Activation::step()}, {"sign(a)", "sign'(a)", Activation::sign()}},
                         {-1.5, 1.5})});
}

// The identity (PD "Linear activation function (1/3)"; IC "Activation functions").
void the_identity(Trace& trace) {
  trace.section("The identity");
  add_member(trace, identity_member());
  trace.figure({"identity", "The identity g(a) = a and its derivative 1",
                zoo_plot({{"g(a) = a", "g'(a) = 1", Activation::identity()}}, {-5.5, 5.5})});
}

// Sigmoid and tanh with slope λ (EDI "Other activation functions"; PD; CTU).
void sigmoid_and_tanh(Trace& trace, const Setting& setting) {
  trace.section("Sigmoid and tanh with slope λ");
  add_member(trace, sigmoid_member());
  add_member(trace, tanh_member());
  trace.figure({"sigmoid_tanh",
                fmt::format("The sigmoid σ(λa) and tanh(λa) with their derivatives, λ = {:g}", setting.lambda),
                zoo_plot({{"σ(λa)", "d/da σ(λa)", Activation::sigmoid(setting.lambda)},
                          {"tanh(λa)", "d/da tanh(λa)", Activation::tanh(setting.lambda)}},
                         {-1.2, std::max(1.2, setting.lambda + 0.2)})});  // tanh'(0) = λ is the highest point
}

// ReLU and its kin (PD "ReLU (1/2)", "Leaky ReLU", "Exponential Linear: ELU"; IC).
void relu_and_its_kin(Trace& trace, const Setting& setting) {
  trace.section("ReLU, leaky ReLU, ELU and softplus");
  add_member(trace, relu_member());
  add_member(trace, leaky_member());
  add_member(trace, elu_member());
  add_member(trace, softplus_member());
  trace.figure({"relu_leaky", fmt::format("ReLU and leaky ReLU with their derivatives, ε = {:g}", setting.leak),
                zoo_plot({{"ReLU(a)", "ReLU'(a)", Activation::relu()},
                          {"leaky ReLU(a)", "leaky ReLU'(a)", Activation::leaky_relu(setting.leak)}},
                         {std::min(-0.5, -5.0 * setting.leak - 0.5), 5.5})});  // leaky(−5) = −5ε is the lowest point
  trace.figure({"elu_softplus", fmt::format("ELU and softplus with their derivatives, α = {:g}", setting.alpha),
                zoo_plot({{"ELU(a)", "ELU'(a)", Activation::elu(setting.alpha)},
                          {"softplus(a)", "softplus'(a) = σ(a)", Activation::softplus()}},
                         {-setting.alpha - 0.5, 5.5})});  // ELU > −α; softplus(5) ≈ 5.007
}

// At the kink a = 0: no derivative, a convention.
void the_kink(Trace& trace) {
  // One-sided difference quotients at 0, from the left (g(0) − g(−h))/h and from the right
  // (g(h) − g(0))/h: where they differ, g has no derivative at 0 and any value the library returns
  // there is a convention, which no finite difference can check.
  //! [at_the_kink]
  trace.section("At the kink a = 0: one-sided slopes and the convention");
  trace.step("kink.table", "One-sided slopes at 0 and the value the library returns, one row per function")
      .formula(
          "\\left( g(0), \\ \\frac{g(0) - g(-h)}{h}, \\ \\frac{g(h) - g(0)}{h}, \\ g'(0) \\text{ as returned} "
          "\\right) \\text{ for step, sign, ReLU, leaky ReLU, ELU}")
      .compute({"leak", "alpha"}, [](const Inputs& in) -> Value {
        const std::vector<Activation> kinked = {Activation::step(), Activation::sign(), Activation::relu(),
                                                Activation::leaky_relu(in.scalar("leak")),
                                                Activation::elu(in.scalar("alpha"))};
        Eigen::MatrixXd table(static_cast<Eigen::Index>(kinked.size()), 4);  // (5, 4)
        for (std::size_t r = 0; r < kinked.size(); ++r) {
          const auto g = [&](double a) { return kinked[r].value(a); };
          const auto row = static_cast<Eigen::Index>(r);
          table(row, 0) = g(0.0);
          // A forward difference with step −h is (g(−h) − g(0))/(−h) = (g(0) − g(−h))/h, the left slope.
          // (+ 0.0 turns the −0 of a flat side into 0.)
          table(row, 1) = numerical_derivative(g, 0.0, -default_epsilon, Difference::forward) + 0.0;
          table(row, 2) = numerical_derivative(g, 0.0, default_epsilon, Difference::forward);  // (g(h) − g(0))/h
          table(row, 3) = kinked[r].derivative(0.0);
        }
        return table;
      });
  trace.step("kink.jumps", "Step and sign jump at 0: their one-sided quotients grow like 1/h")
      .formula("\\frac{g(h) - g(-h)}{h} \\to \\infty \\text{ as } h \\to 0")
      .compute({"kink.table"}, [](const Inputs& in) -> Value {
        const Eigen::MatrixXd& t = in.matrix("kink.table");
        const double step_jump = (t(0, 1) + t(0, 2)) * default_epsilon;  // g(h) − g(−h): the jump's height
        const double sign_jump = (t(1, 1) + t(1, 2)) * default_epsilon;
        return Verdict{step_jump > 0.5 && sign_jump > 0.5,
                       fmt::format("step jumps by {:g} and sign by {:g} at 0 (step(0) = {:g} as in BMB's table, "
                                   "sign(0) = {:+g} as PD's f(a) = +1 for a ≥ 0): no derivative there; the library "
                                   "returns 0, the slope on either side",
                                   step_jump, sign_jump, t(0, 0), t(1, 0))};
      });
  trace.step("kink.relu", "ReLU: slope 0 from the left, 1 from the right; the library takes ReLU'(0) = 0")
      .formula("\\frac{g(0) - g(-h)}{h} = 0 \\ne 1 = \\frac{g(h) - g(0)}{h}")
      .compute({"kink.table"}, [](const Inputs& in) -> Value {
        const Eigen::MatrixXd& t = in.matrix("kink.table");
        const bool kink = t(2, 1) == 0.0 && relative_error(t(2, 2), 1.0) <= 1e-9;
        return Verdict{kink && t(2, 3) == 0.0,
                       fmt::format("ReLU'(0) does not exist (left slope {:g}, right slope {:g}). The library returns "
                                   "{:g}: its test a > 0 fails at 0. IC's table writes ReLU as x for x ≥ 0, whose "
                                   "branch gives 1 at 0. Every value in [0, 1] is a subgradient; neither is checked "
                                   "by a finite difference",
                                   t(2, 1), t(2, 2), t(2, 3))};
      });
  //! [at_the_kink]
  trace.step("kink.leaky", "Leaky ReLU: slope ε from the left, 1 from the right; the library takes ε")
      .formula("\\frac{g(0) - g(-h)}{h} = \\varepsilon \\; \\ne 1 = \\frac{g(h) - g(0)}{h}")
      .numbers("\\varepsilon = [[leak]]")
      .compute({"kink.table", "leak"}, [](const Inputs& in) -> Value {
        const Eigen::MatrixXd& t = in.matrix("kink.table");
        const double leak = in.scalar("leak");
        return Verdict{relative_error(t(3, 1), leak) <= 1e-9 && t(3, 3) == leak,
                       fmt::format("left slope {:g} = ε, right slope {:g}; the library returns ε = {:g} at 0", t(3, 1),
                                   t(3, 2), t(3, 3))};
      });
  trace.step("kink.elu", "ELU: slope α from the left, 1 from the right; smooth at 0 only when α = 1")
      .formula("\\lim_{h \\to 0} \\frac{\\alpha(1 - e^{-h})}{h} = \\alpha, \\quad \\frac{g(h) - g(0)}{h} = 1")
      .numbers("\\alpha = [[alpha]]")
      .compute({"kink.table", "alpha"}, [](const Inputs& in) -> Value {
        const Eigen::MatrixXd& t = in.matrix("kink.table");
        const double alpha = in.scalar("alpha");
        const bool smooth = alpha == 1.0;  // the one-sided slopes α and 1 agree
        return Verdict{smooth, fmt::format("left slope {:.6g} → α = {:g} as h → 0, right slope {:g}: {}; the library "
                                           "returns α = {:g} at 0",
                                           t(4, 1), alpha, t(4, 2),
                                           smooth ? "with α = 1 they agree and ELU is differentiable at 0"
                                                  : "they differ, so ELU has a kink at 0 for this α",
                                           t(4, 3))};
      });
}

// Saturation (PD "Problems of sigmoid (1/2)"; CTU "What We Covered Last Time").
void saturation(Trace& trace) {
  //! [saturation]
  trace.section("Saturation: σ' ≈ 0 where σ ≈ 0 or 1");
  trace.step("saturation.sigmoid", "The sigmoid from deep saturation through 0")
      .formula("y_j = \\sigma(\\lambda a_j)")
      .compute({"saturation.a", "lambda"}, [](const Inputs& in) -> Value {
        const double lambda = in.scalar("lambda");
        return each(in.vector("saturation.a"), [&](double a) { return sigmoid(a, lambda); });
      });
  trace.step("saturation.sigmoid_slope", "Its slope $\\lambda y(1 - y)$ vanishes where $y$ nears 0 or 1")
      .formula("g'(a_j) = \\lambda y_j (1 - y_j) \\le \\lambda \\min(y_j, 1 - y_j)")
      .compute({"saturation.sigmoid", "lambda"}, [](const Inputs& in) -> Value {
        const Eigen::ArrayXd y = in.vector("saturation.sigmoid").array();
        return Eigen::VectorXd((in.scalar("lambda") * y * (1.0 - y)).matrix());  // λy(1 − y)
      });
  trace.step("saturation.sigmoid_sum", "The sum $\\sum_k \\sigma(\\lambda a_k)$, whose gradient is the slope vector")
      .formula("\\frac{\\partial}{\\partial a_j} \\sum_k \\sigma(\\lambda a_k) = \\lambda y_j (1 - y_j)")
      .compute({"saturation.sigmoid"}, [](const Inputs& in) -> Value { return in.vector("saturation.sigmoid").sum(); });
  trace.claim_gradient("saturation.sigmoid_slope", "saturation.sigmoid_sum", "saturation.a");
  trace.step("saturation.tanh", "tanh at the same points")
      .formula("y_j = \\tanh(\\lambda a_j)")
      .compute({"saturation.a", "lambda"}, [](const Inputs& in) -> Value {
        const double lambda = in.scalar("lambda");
        return each(in.vector("saturation.a"), [&](double a) { return nnwb::tanh(a, lambda); });
      });
  trace.step("saturation.tanh_slope", "Its slope $\\lambda(1 + y)(1 - y)$ vanishes where $y$ nears ±1")
      .formula("g'(a_j) = \\lambda (1 + y_j)(1 - y_j) \\le 2\\lambda (1 - |y_j|)")
      .compute({"saturation.tanh", "lambda"}, [](const Inputs& in) -> Value {
        const Eigen::ArrayXd y = in.vector("saturation.tanh").array();
        return Eigen::VectorXd((in.scalar("lambda") * (1.0 + y) * (1.0 - y)).matrix());  // λ(1 + y)(1 − y)
      });
  trace.step("saturation.tanh_sum", "The sum $\\sum_k \\tanh(\\lambda a_k)$, whose gradient is the slope vector")
      .formula("\\frac{\\partial}{\\partial a_j} \\sum_k \\tanh(\\lambda a_k) = \\lambda (1 + y_j)(1 - y_j)")
      .compute({"saturation.tanh"}, [](const Inputs& in) -> Value { return in.vector("saturation.tanh").sum(); });
  trace.claim_gradient("saturation.tanh_slope", "saturation.tanh_sum", "saturation.a");
  trace.step("saturation.ratio", "The sigmoid's slope as a fraction of its largest, at a = 0")
      .formula("\\frac{g'(a_j)}{g'(0)} = \\frac{\\lambda y_j (1 - y_j)}{\\lambda / 4} = 4 y_j (1 - y_j)")
      .compute({"saturation.sigmoid"}, [](const Inputs& in) -> Value {
        const Eigen::ArrayXd y = in.vector("saturation.sigmoid").array();
        return Eigen::VectorXd((4.0 * y * (1.0 - y)).matrix());  // 4y(1 − y)
      });
  //! [saturation]
  trace.step("saturation.kills", "Saturated units kill the gradient")
      .formula("y \\to 0 \\text{ or } 1 \\ \\Rightarrow \\ g'(a) = \\lambda y(1 - y) \\to 0")
      .compute({"saturation.a", "saturation.sigmoid", "saturation.sigmoid_slope", "saturation.tanh",
                "saturation.tanh_slope", "saturation.ratio", "lambda"},
               [](const Inputs& in) -> Value {
                 const Eigen::VectorXd& a = in.vector("saturation.a");
                 const Eigen::ArrayXd s = in.vector("saturation.sigmoid").array();
                 const Eigen::ArrayXd ds = in.vector("saturation.sigmoid_slope").array();
                 const Eigen::ArrayXd t = in.vector("saturation.tanh").array();
                 const Eigen::ArrayXd dt = in.vector("saturation.tanh_slope").array();
                 const double lambda = in.scalar("lambda");
                 // The bounds, with a little room for rounding: λy(1 − y) ≤ λ min(y, 1 − y), and
                 // λ(1 + y)(1 − y) ≤ 2λ(1 − |y|).
                 const bool bounded = (ds <= lambda * s.min(1.0 - s) * (1.0 + 1e-12) + 1e-300).all() &&
                                      (dt <= 2.0 * lambda * (1.0 - t.abs()) * (1.0 + 1e-12) + 1e-300).all();
                 const bool finite = s.isFinite().all() && ds.isFinite().all() && t.isFinite().all() &&
                                     dt.isFinite().all();
                 // The farthest point short of |a| = 1000, which is there for the numerics.
                 Eigen::Index far = 0;
                 for (Eigen::Index j = 0; j < a.size(); ++j)
                   if (std::abs(a(j)) < 100.0 && (std::abs(a(far)) >= 100.0 || std::abs(a(j)) > std::abs(a(far)))) far = j;
                 return Verdict{bounded && finite,
                                fmt::format("at a = {:g}, σ = {:.6g} and σ' = {:.3g}, {:.2g} of its value at 0; "
                                            "tanh' = {:.3g}. Wherever y is within δ of 0 or 1, σ' ≤ λδ, so almost "
                                            "no signal flows back. At |a| = {:g}: σ ∈ {{{:g}, {:g}}}, σ' = {:g} and {:g}, "
                                            "tanh' = {:g} and {:g}, all finite",
                                            a(far), s(far), ds(far), in.vector("saturation.ratio")(far), dt(far),
                                            a.cwiseAbs().maxCoeff(), s.minCoeff(), s.maxCoeff(), ds(0), ds(a.size() - 1), dt(0),
                                            dt(a.size() - 1))};
               });
}

// The dead ReLU (PD "ReLU (2/2)", "Leaky ReLU"; EDI "Other activation functions").
void the_dead_relu(Trace& trace) {
  // One unit c_n = wᵀx_n + b with b ≪ 0 on N inputs, trained on E = ½ Σ_n (g(c_n) − t_n)². Backward:
  // δ_n = ∂E/∂c_n = (g(c_n) − t_n) g'(c_n), then ∂E/∂w = Σ_n δ_n x_n and ∂E/∂b = Σ_n δ_n.
  trace.section("The dead ReLU: b ≪ 0, so c < 0 on every input");
  trace.step("dead.c", "The pre-activations $c_n = \\mathbf{w}^\\top \\mathbf{x}_n + b$ are all negative")
      .formula("c_n = \\sum_{j=1}^{D} w_j x_{nj} + b")
      .numbers("[[dead.w]]^\\top X + [[dead.b]]")
      .compute({"dead.X", "dead.w", "dead.b"}, [](const Inputs& in) -> Value {
        // c: (N) = Xᵀ: (N, D) · w: (D) + b
        return Eigen::VectorXd((in.matrix("dead.X").transpose() * in.vector("dead.w")).array() + in.scalar("dead.b"));
      });
  struct Unit {
    std::string id, name, symbol;
    std::string parameter;  // ε, α or none
    std::function<Activation(double)> make;
  };
  const std::vector<Unit> units = {
      {"relu", "ReLU", "\\max(0, c_n)", "", [](double) { return Activation::relu(); }},
      {"leaky", "Leaky ReLU", "\\text{leaky}(c_n)", "leak", [](double leak) { return Activation::leaky_relu(leak); }},
      {"elu", "ELU", "\\text{ELU}(c_n)", "alpha", [](double alpha) { return Activation::elu(alpha); }}};
  //! [dead_relu]
  for (const Unit& u : units) {
    const std::string p = "dead." + u.id;
    std::vector<std::string> with = {"dead.c"};
    if (!u.parameter.empty()) with.push_back(u.parameter);
    const auto make = [u](const Inputs& in) { return u.make(u.parameter.empty() ? 1.0 : in.scalar(u.parameter)); };
    trace.step(p + ".z", u.name + ": the outputs $z_n = g(c_n)$")
        .formula("z_n = " + u.symbol)
        .compute(with, [make](const Inputs& in) -> Value {
          const Activation g = make(in);
          return each(in.vector("dead.c"), [&](double c) { return g.value(c); });
        });
    trace.step(p + ".E", u.name + ": the error $E = \\frac{1}{2}\\sum_n (z_n - t_n)^2$")
        .formula("E = \\frac{1}{2} \\sum_n (z_n - t_n)^2")
        .compute({p + ".z", "dead.t"}, [p](const Inputs& in) -> Value {
          return 0.5 * (in.vector(p + ".z") - in.vector("dead.t")).squaredNorm();  // ½ Σ (z − t)²
        });
    std::vector<std::string> delta_inputs = with;
    delta_inputs.insert(delta_inputs.end(), {p + ".z", "dead.t"});
    trace.step(p + ".delta", u.name + ": the deltas $\\delta_n = (z_n - t_n)\\, g'(c_n)$")
        .formula("\\delta_n = \\frac{\\partial E}{\\partial c_n} = (z_n - t_n)\\, g'(c_n)")
        .compute(delta_inputs, [make, p](const Inputs& in) -> Value {
          const Activation g = make(in);
          // δ = (z − t) ∘ g'(c): (N)
          return Eigen::VectorXd((in.vector(p + ".z") - in.vector("dead.t")).cwiseProduct(g.derivative(in.vector("dead.c"))));
        });
    trace.step(p + ".dw", u.name + ": the weights' gradient $\\partial E/\\partial \\mathbf{w} = \\sum_n \\delta_n \\mathbf{x}_n$")
        .formula("\\frac{\\partial E}{\\partial \\mathbf{w}} = \\sum_n \\delta_n \\mathbf{x}_n = X \\boldsymbol{\\delta}")
        .compute({"dead.X", p + ".delta"}, [p](const Inputs& in) -> Value {
          return Eigen::VectorXd(in.matrix("dead.X") * in.vector(p + ".delta"));  // (D, N)·(N) = (D)
        });
    trace.claim_gradient(p + ".dw", p + ".E", "dead.w");
    trace.step(p + ".db", u.name + ": the bias's gradient $\\partial E/\\partial b = \\sum_n \\delta_n$")
        .formula("\\frac{\\partial E}{\\partial b} = \\sum_n \\delta_n")
        .compute({p + ".delta"}, [p](const Inputs& in) -> Value { return in.vector(p + ".delta").sum(); });
    trace.claim_gradient(p + ".db", p + ".E", "dead.b");
  }
  //! [dead_relu]
  trace.step("dead.relu.verdict", "The ReLU unit is dead: its gradient is exactly 0, so gradient descent never moves it")
      .formula("c_n < 0 \\ \\forall n \\ \\Rightarrow \\ g'(c_n) = 0 \\ \\Rightarrow \\ \\frac{\\partial E}{\\partial \\mathbf{w}} = "
               "\\mathbf{0}, \\ \\frac{\\partial E}{\\partial b} = 0")
      .compute({"dead.c", "dead.relu.E", "dead.relu.dw", "dead.relu.db"}, [](const Inputs& in) -> Value {
        const bool all_negative = (in.vector("dead.c").array() < 0.0).all();
        const bool zero = in.vector("dead.relu.dw").isZero(0.0) && in.scalar("dead.relu.db") == 0.0;
        return Verdict{all_negative && zero,
                       fmt::format("every c_n ≤ {:.3g} < 0, every output 0 and every g'(c_n) = 0: the error E = {:.4g} "
                                   "is not 0, yet ∂E/∂w = 0 and ∂E/∂b = 0, and no learning rate changes that",
                                   in.vector("dead.c").maxCoeff(), in.scalar("dead.relu.E"))};
      });
  trace.step("dead.alive", "Leaky ReLU and ELU keep a gradient, and a descent step raises b")
      .formula("b \\leftarrow b - \\eta \\frac{\\partial E}{\\partial b}, \\quad \\frac{\\partial E}{\\partial b} < 0")
      .compute({"dead.leaky.db", "dead.elu.db", "dead.leaky.dw", "dead.elu.dw"}, [](const Inputs& in) -> Value {
        const double leaky = in.scalar("dead.leaky.db"), elu = in.scalar("dead.elu.db");
        return Verdict{leaky < 0.0 && elu < 0.0,
                       fmt::format("∂E/∂b = {:.4g} with leaky ReLU and {:.4g} with ELU (|∂E/∂w| = {:.3g} and {:.3g}): "
                                   "both negative, so gradient descent raises b towards firing. ELU's slope αe^c itself "
                                   "shrinks as c → −∞, so a unit pushed far negative learns slowly",
                                   leaky, elu, in.vector("dead.leaky.dw").norm(), in.vector("dead.elu.dw").norm())};
      });
}

// Sparsity (PD "On the sparsity of activations", "Leaky ReLU", "Exponential Linear: ELU").
void sparsity(Trace& trace) {
  //! [sparsity]
  trace.section("Sparsity: how many outputs are exactly 0");
  trace.step("sparsity.outputs", "One layer's outputs under five activations, one row each")
      .formula("\\left( \\sigma(\\lambda c_j), \\ \\tanh(\\lambda c_j), \\ \\max(0, c_j), \\ \\text{leaky}(c_j), \\ "
               "\\text{ELU}(c_j) \\right)")
      .compute({"layer.c", "lambda", "leak", "alpha"}, [](const Inputs& in) -> Value {
        const Eigen::VectorXd& c = in.vector("layer.c");
        const std::vector<Activation> rows = {
            Activation::sigmoid(in.scalar("lambda")), Activation::tanh(in.scalar("lambda")), Activation::relu(),
            Activation::leaky_relu(in.scalar("leak")), Activation::elu(in.scalar("alpha"))};
        Eigen::MatrixXd out(static_cast<Eigen::Index>(rows.size()), c.size());  // (5, M)
        for (std::size_t r = 0; r < rows.size(); ++r) out.row(static_cast<Eigen::Index>(r)) = rows[r].value(c).transpose();
        return out;
      });
  trace.step("sparsity.zeros", "The fraction of outputs that are exactly 0, per activation")
      .formula("\\frac{1}{M} \\left| \\{ j : g(c_j) = 0 \\} \\right|")
      .compute({"sparsity.outputs"}, [](const Inputs& in) -> Value {
        const Eigen::MatrixXd& out = in.matrix("sparsity.outputs");
        Eigen::VectorXd fraction(out.rows());
        for (Eigen::Index r = 0; r < out.rows(); ++r) fraction(r) = zero_fraction(out.row(r).transpose());
        return fraction;
      });
  trace.step("sparsity.relu", "ReLU is sparse (every $c_j \\le 0$ gives 0); sigmoid and tanh are dense")
      .formula("\\max(0, c_j) = 0 \\iff c_j \\le 0")
      .compute({"sparsity.zeros", "layer.c"}, [](const Inputs& in) -> Value {
        const Eigen::VectorXd& zeros = in.vector("sparsity.zeros");
        const Eigen::VectorXd& c = in.vector("layer.c");
        const double nonpositive = static_cast<double>((c.array() <= 0.0).count()) / static_cast<double>(c.size());
        return Verdict{zeros(2) == nonpositive && zeros(0) == 0.0,
                       fmt::format("ReLU gives 0 for {:.0f}% of the layer, the share of c_j ≤ 0; sigmoid gives 0 for "
                                   "{:.0f}%, tanh for {:.0f}%, leaky ReLU for {:.0f}%: it loses sparsity, as PD says",
                                   100 * zeros(2), 100 * zeros(0), 100 * zeros(1), 100 * zeros(3))};
      });
  //! [sparsity]
  trace.step("sparsity.elu", "PD's claim that ELU leads to sparse activations")
      .formula("c < 0 \\ \\Rightarrow \\ -\\alpha < \\alpha(e^{c} - 1) < 0")
      .numbers("\\alpha = [[alpha]]")
      .slide("Saturates for large negative values, allowing these values to be zero, leading to sparse activations")
      .compute({"sparsity.outputs", "sparsity.zeros", "layer.c", "alpha"}, [](const Inputs& in) -> Value {
        const Eigen::MatrixXd& out = in.matrix("sparsity.outputs");
        const Eigen::VectorXd& c = in.vector("layer.c");
        const double alpha = in.scalar("alpha");
        const double zeros = in.vector("sparsity.zeros")(4);
        double largest_negative = -alpha;  // the largest ELU output among c_j < 0
        bool inside = true;
        for (Eigen::Index j = 0; j < c.size(); ++j)
          if (c(j) < 0.0) {
            inside = inside && out(4, j) < 0.0 && out(4, j) > -alpha;
            largest_negative = std::max(largest_negative, out(4, j));
          }
        const double mean_relu = out.row(2).mean(), mean_elu = out.row(4).mean();
        // The claim holds if ELU zeroes at least as many outputs as ReLU does.
        return Verdict{zeros > 0.0 && zeros >= in.vector("sparsity.zeros")(2),
                       fmt::format("ELU gives 0 for {:.0f}% of the layer (as leaky ReLU). For c < 0 "
                                   "it is α(e^c − 1), strictly between −α = {:g} and 0 ({}; the closest to 0 here is "
                                   "{:.4g}): it saturates to −α, not to 0, so its activations are dense. What ELU does "
                                   "instead is pull the mean activation towards 0: {:.4g} here, against ReLU's {:.4g}",
                                   100 * zeros, -alpha, inside ? "so every one here" : "NOT every one here",
                                   largest_negative, mean_elu, mean_relu)};
      });
}

}  // namespace activations_parts

Trace activations(const ChapterOptions& options) {
  using namespace activations_parts;
  Trace trace("activations", "The activation zoo: values, derivatives, saturation");
  const std::string h = fmt::format("10^{{{:.0f}}}", std::log10(default_epsilon));
  trace
      .summary(
          "Nine activation functions, each with its derivative at sample points beside a central finite "
          "difference: step, sign, identity, sigmoid and tanh with slope λ, ReLU, leaky ReLU, ELU and "
          "softplus. Then the kink at a = 0 and the convention taken there, saturation (σ' ≈ 0 where "
          "σ ≈ 0 or 1), a dead ReLU unit whose gradient is exactly 0, and sparsity. No slide prints λ, ε, "
          "α or sample points; " +
          std::string(options.seed ? "this variant draws all of them, and the dead unit and the layer, "
                                     "from the seed."
                                   : "λ = 1 is the sigmoid and tanh as EDI, PD, IC and BMB write them, "
                                     "ε = 0.01 and α = 1 are the library's defaults (α = 1 as in "
                                     "[Clevert16], which PD cites), and the points are ours."))
      .source("EDI", "000_7637ffcd816b0303.txt", {"Other activation functions"})
      .source("PD", "003_b5a9c74466967a6d.txt",
              {"Activation function", "Linear activation function (1/3)", "Sigmoid", "Hyperbolic tangent: tanh",
               "Problems of sigmoid (1/2)", "ReLU (1/2)", "ReLU (2/2)", "On the sparsity of activations",
               "Leaky ReLU", "Exponential Linear: ELU", "The perceptron algorithm (1/7)"})
      .source("IC", "004_f167be6db553c350.txt", {"Activation functions"})
      .source("CTU", "002_ddd62baf13f113f4.txt",
              {"What We Covered Last Time", "Reminder: Derivatives of Activation Functions"})
      .source("BMB", "001_86790086ad6a4e65.txt", {"Activation Functions"})
      .convention(
          "$a$ is a unit's pre-activation (EDI's a, PD's c, CTU's ξ, IC's x) and $g(a)$ its activation, "
          "$y = g(a)$ its output; $g'(a) = dg/da$, written in $y$ where the decks do (CTU: $\\lambda y(1 - y)$). "
          "An activation acts elementwise, so its Jacobian is diagonal and the vector of $g'(a_j)$ is the "
          "gradient of $\\sum_k g(a_k)$: that is how each derivative is claimed and checked. At $a = 0$ "
          "step, sign, ReLU, leaky ReLU (and ELU unless α = 1) have no derivative; the library returns the "
          "left-hand slope there (step'(0) = sign'(0) = 0, ReLU'(0) = 0, leaky'(0) = ε, ELU'(0) = α), "
          "whereas IC's table, which puts a = 0 in the branch $x \\ge 0$, implies ReLU'(0) = 1. No sample "
          "point is 0 and no derivative at 0 is claimed. step(0) = 0 (BMB), sign(0) = +1 (PD).")
      .notation("\\lambda", "CTU's slope: $\\sigma(\\lambda a)$, $\\tanh(\\lambda a)$")
      .notation("\\varepsilon", "IC's slope of the leaky ReLU for a < 0")
      .notation("\\alpha", "IC's scale of the ELU: $\\alpha(e^a - 1) \\to -\\alpha$ as $a \\to -\\infty$")
      .notation("h", "the finite-difference step, $" + h + "$ (the library's default)")
      .notation("c_n = \\mathbf{w}^\\top \\mathbf{x}_n + b", "PD's pre-activation of one unit on input n")
      .seed(options.seed)
      .rounding({Rounding::Mode::significant, 4});

  const Setting setting = options.seed ? drawn_setting(*options.seed) : default_setting();
  trace.parameter("points", "\\mathbf{a}", "sample points $a_j$, never 0", setting.points);
  trace.parameter("lambda", "\\lambda", "the slope of sigmoid and tanh", setting.lambda);
  trace.parameter("leak", "\\varepsilon", "the leaky ReLU's slope for a < 0", setting.leak);
  trace.parameter("alpha", "\\alpha", "the ELU's scale", setting.alpha);
  trace.parameter("saturation.a", "\\mathbf{a}^{\\text{sat}}", "points from deep saturation through 0",
                  setting.saturation);
  trace.parameter("dead.X", "X", "the dying unit's inputs $\\mathbf{x}_n$, one per column (D×N)", setting.inputs);
  trace.parameter("dead.w", "\\mathbf{w}", "its weights", setting.weights);
  trace.parameter("dead.b", "b", "its bias, b ≪ 0", setting.bias);
  trace.parameter("dead.t", "\\mathbf{t}", "its targets $t_n$ (positive: it ought to fire)", setting.targets);
  trace.parameter("layer.c", "\\mathbf{c}", "one layer's pre-activations $c_j$", setting.layer);

  threshold_units(trace);
  the_identity(trace);
  sigmoid_and_tanh(trace, setting);
  relu_and_its_kin(trace, setting);
  the_kink(trace);
  saturation(trace);
  the_dead_relu(trace);
  sparsity(trace);
  return trace;
}

}  // namespace nnwb::chapters
