// Chapter 4, tanh_derivative: the derivative of tanh and where backpropagation uses it.
// Lectures: PD Appendix B "Derivative of tanh" (the quotient rule on (e^a − e^−a)/(e^a + e^−a) down
// to 1 − f(a)²) and "Backprop update" (δ_i = (1 − y_i²) Σ_k δ_k w_ik for hidden nodes), PD "Problems
// of sigmoid (2/2)" (tanh(c) = 2σ(2c) − 1); EDI "Other activation functions" (tanh(a) =
// (1 − e^−2a)/(1 + e^−2a)); BMB "Backpropagation: Another Example" (dσ/dx = e^−x/(1 + e^−x)² =
// (1 − σ)σ, and [(1 − 0.73)(0.73)] = 0.2 at x = 1); CTU "Reminder: Derivatives of Activation
// Functions" (slope λ: f' = λy(1 − y) for logsig, which holds, and f' = λ²(1 + y)(1 − y) for tanh,
// which does not: the derivative of tanh(λξ) is λ(1 − y²)).
// Only BMB prints numbers (σ(1) = 0.73, σ'(1) = 0.2); the other sample points are ours.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <string>

#include "chapters.hpp"
#include "nnwb/activations.hpp"
#include "nnwb/gradient_check.hpp"
#include "nnwb/losses.hpp"
#include "nnwb/random.hpp"

namespace nnwb::chapters {
namespace tanh_derivative_parts {  // the chapter's sections and what they share

// The lecture's points, or a variant's.
struct Setting {
  double a = 0.5;                    // PD's a, where the quotient rule is worked through
  Eigen::VectorXd points;            // sample points a_j for the table
  double sigmoid_x = 1.0;            // BMB's sigmoid gate input: w0x0 + w1x1 + w2 = 2·(−1) + (−3)(−2) − 3 = 1
  double lambda = 2.0, xi = 0.3;     // CTU's slope and potential
  double hidden_a = 0.5;             // PD "Backprop update": the hidden node's a_i …
  Eigen::VectorXd weights, targets;  // … its weights w_ik to two output nodes k, and their targets t_k
};

Setting default_setting() {
  Setting s;
  s.points.resize(7);
  s.points << -3, -1, -0.5, 0, 0.5, 1, 3;
  s.weights = Eigen::Vector2d(0.8, -0.4);
  s.targets = Eigen::Vector2d(1, -1);
  return s;
}

Setting drawn_setting(std::uint64_t seed) {
  Rng rng(seed);
  Setting s;
  s.a = rng.nonzero_decimal(-2, 2, 1);
  s.points = rng.decimals(7, -3, 3, 1);
  std::sort(s.points.begin(), s.points.end());
  s.sigmoid_x = rng.decimal(-3, 3, 1);
  s.lambda = rng.decimal(0.5, 3, 1);
  if (s.lambda == 1.0) s.lambda = 2.0;  // at λ = 1 CTU's λ² form happens to agree: no lesson
  s.xi = rng.decimal(-1, 1, 1);
  s.hidden_a = rng.decimal(-2, 2, 1);
  s.weights = rng.decimals(2, -1.5, 1.5, 1);
  s.targets = rng.decimals(2, -1, 1, 1);
  return s;
}

// The central difference of a function of one number (the library's, at its default ε = 1e−5).
double central_difference(const std::function<double(double)>& f, double x) { return numerical_derivative(f, x); }

// A verdict that two numbers agree to a relative error (absolute below 1e−8, as gradient_check does).
Verdict agree(double value, double reference, const std::string& what) {
  const double error = relative_error(value, reference);
  return {error <= 1e-6, fmt::format("{}: relative error {:.1e}", what, error)};
}

// ---- the sections, in reading order --------------------------------------------------------------

// tanh as PD and EDI write it ("Hyperbolic tangent: tanh", "Other activation functions").
void tanh_as_written(Trace& trace) {
  //! [tanh_as_pd_and_edi_write_it]
  trace.section("tanh, as PD and EDI write it");
  trace.step("tanh.u", "The numerator $u = e^a - e^{-a}$")
      .formula("u = e^{a} - e^{-a}")
      .numbers("e^{[[a]]} - e^{-[[a]]}")
      .compute({"a"}, [](const Inputs& in) -> Value { return std::exp(in.scalar("a")) - std::exp(-in.scalar("a")); });
  trace.step("tanh.v", "The denominator $v = e^a + e^{-a}$")
      .formula("v = e^{a} + e^{-a}")
      .numbers("e^{[[a]]} + e^{-[[a]]}")
      .compute({"a"}, [](const Inputs& in) -> Value { return std::exp(in.scalar("a")) + std::exp(-in.scalar("a")); });
  trace.step("tanh.f", "PD's form: $f(a) = u/v$")
      .formula("f(a) = \\frac{e^{a} - e^{-a}}{e^{a} + e^{-a}} = \\frac{u}{v}")
      .numbers("\\frac{[[tanh.u]]}{[[tanh.v]]}")
      .compute({"tanh.u", "tanh.v", "a"}, [](const Inputs& in) -> Value {
        const double u = in.scalar("tanh.u"), v = in.scalar("tanh.v");
        if (std::isfinite(u) && std::isfinite(v)) return u / v;
        return nnwb::tanh(in.scalar("a"));  // |a| > 709: e^{|a|} overflows, and tanh(a) = ±1
      });
  trace.step("tanh.edi", "EDI's form: $g(a) = (1 - e^{-2a})/(1 + e^{-2a})$")
      .formula("g(a) = \\frac{1 - e^{-2a}}{1 + e^{-2a}}")
      .numbers("\\frac{1 - e^{-2 \\cdot [[a]]}}{1 + e^{-2 \\cdot [[a]]}}")
      .compute({"a"}, [](const Inputs& in) -> Value {
        // tanh is odd: evaluated at |a|, so that e^{−2|a|} ≤ 1 never overflows; the sign goes back on.
        const double a = in.scalar("a"), e = std::exp(-2.0 * std::abs(a));
        return std::copysign((1.0 - e) / (1.0 + e), a);
      });
  trace.step("tanh.same", "Both forms are the library's $\\tanh(a)$")
      .formula("\\frac{e^{a} - e^{-a}}{e^{a} + e^{-a}} = \\frac{1 - e^{-2a}}{1 + e^{-2a}} = \\tanh(a)")
      .numbers("[[tanh.f]] = [[tanh.edi]]")
      .compute({"tanh.f", "tanh.edi", "a"}, [](const Inputs& in) -> Value {
        const double t = nnwb::tanh(in.scalar("a"));
        const double gap = std::max(std::abs(in.scalar("tanh.f") - t), std::abs(in.scalar("tanh.edi") - t));
        return Verdict{gap <= 1e-12, fmt::format("multiplying PD's numerator and denominator by e^−a gives "
                                                 "EDI's form; both are tanh(a) to {:.1e}",
                                                 gap)};
      });
  //! [tanh_as_pd_and_edi_write_it]
}

// PD Appendix B "Derivative of tanh": the quotient rule.
void quotient_rule(Trace& trace) {
  //! [derivative_of_tanh]
  trace.section("Derivative of tanh: the quotient rule");
  trace.step("tanh.du", "The numerator's derivative $u'$")
      .formula("u' = \\frac{d}{da}(e^{a} - e^{-a}) = e^{a} + e^{-a} = v")
      .numbers("e^{[[a]]} + e^{-[[a]]}")
      .compute({"a"}, [](const Inputs& in) -> Value { return std::exp(in.scalar("a")) + std::exp(-in.scalar("a")); });
  trace.step("tanh.dv", "The denominator's derivative $v'$")
      .formula("v' = \\frac{d}{da}(e^{a} + e^{-a}) = e^{a} - e^{-a} = u")
      .numbers("e^{[[a]]} - e^{-[[a]]}")
      .compute({"a"}, [](const Inputs& in) -> Value { return std::exp(in.scalar("a")) - std::exp(-in.scalar("a")); });
  trace.step("tanh.quotient", "The quotient rule: $f' = (u'v - uv')/v^2$")
      .formula("f'(a) = \\frac{u'v - uv'}{v^2} = \\frac{(e^{a} + e^{-a})^2 - (e^{a} - e^{-a})^2}{(e^{a} + e^{-a})^2}")
      .numbers("\\frac{[[tanh.du]] \\cdot [[tanh.v]] - [[tanh.u]] \\cdot [[tanh.dv]]}{[[tanh.v]]^2}")
      .compute({"tanh.u", "tanh.v", "tanh.du", "tanh.dv", "a"}, [](const Inputs& in) -> Value {
        const double u = in.scalar("tanh.u"), v = in.scalar("tanh.v");
        const double du = in.scalar("tanh.du"), dv = in.scalar("tanh.dv");
        // (u'v − uv')/v² = u'/v − (u/v)(v'/v): the same quotient, without forming v² (which overflows
        // for |a| > 355).
        const double quotient = du / v - (u / v) * (dv / v);
        return std::isfinite(quotient) ? quotient : nnwb::tanh_derivative(in.scalar("a"));  // |a| > 709
      });
  trace.claim_gradient("tanh.quotient", "tanh.f", "a");
  trace.step("tanh.derivative", "Divided through by $v^2$: $f'(a) = 1 - f(a)^2$")
      .formula("f'(a) = 1 - \\left(\\frac{e^{a} - e^{-a}}{e^{a} + e^{-a}}\\right)^2 = 1 - f(a)^2")
      .numbers("1 - [[tanh.f]]^2")
      .compute({"tanh.f"}, [](const Inputs& in) -> Value {
        const double f = in.scalar("tanh.f");
        return 1.0 - f * f;  // 1 − f(a)²
      });
  trace.claim_gradient("tanh.derivative", "tanh.f", "a");
  trace.step("tanh.fd", "Beside it: a central finite difference")
      .formula("\\frac{f(a + \\epsilon) - f(a - \\epsilon)}{2\\epsilon}")
      .numbers("\\frac{\\tanh([[a]] + \\epsilon) - \\tanh([[a]] - \\epsilon)}{2\\epsilon}")
      .compute({"a"}, [](const Inputs& in) -> Value {
        return central_difference([](double x) { return nnwb::tanh(x); }, in.scalar("a"));
      });
  trace.step("tanh.check", "The quotient rule, $1 - f^2$ and the finite difference agree")
      .formula("\\frac{u'v - uv'}{v^2} = 1 - f(a)^2 \\approx \\frac{f(a + \\epsilon) - f(a - \\epsilon)}{2\\epsilon}")
      .numbers("[[tanh.quotient]] = [[tanh.derivative]] \\approx [[tanh.fd]]")
      .compute({"tanh.quotient", "tanh.derivative", "tanh.fd"}, [](const Inputs& in) -> Value {
        const double rule = in.scalar("tanh.quotient"), closed = in.scalar("tanh.derivative");
        const double fd = in.scalar("tanh.fd");
        const double error = std::max(relative_error(rule, fd), relative_error(closed, fd));
        return Verdict{error <= 1e-6 && relative_error(rule, closed) <= 1e-12,
                       fmt::format("both forms match the finite difference to a relative error of {:.1e}", error)};
      });
  //! [derivative_of_tanh]
}

// The slope at sample points.
void slope_at_sample_points(Trace& trace) {
  trace.section("The slope at sample points");
  trace.step("points.f", "$f(a_j) = \\tanh(a_j)$ at each sample point")
      .formula("f(a_j) = \\tanh(a_j)")
      .numbers("\\tanh([[points]])")
      .compute({"points"}, [](const Inputs& in) -> Value {
        return Eigen::VectorXd(in.vector("points").unaryExpr([](double a) { return nnwb::tanh(a); }));
      });
  trace.step("points.derivative", "$f'(a_j) = 1 - f(a_j)^2$")
      .formula("f'(a_j) = 1 - f(a_j)^2")
      .numbers("1 - [[points.f]]^2")
      .compute({"points.f"}, [](const Inputs& in) -> Value {
        const Eigen::ArrayXd f = in.vector("points.f").array();
        return Eigen::VectorXd((1.0 - f * f).matrix());  // 1 − f²
      });
  trace.step("points.fd", "Central finite differences at the same points")
      .formula("\\frac{f(a_j + \\epsilon) - f(a_j - \\epsilon)}{2\\epsilon}")
      .compute({"points"}, [](const Inputs& in) -> Value {
        return Eigen::VectorXd(in.vector("points").unaryExpr(
            [](double a) { return central_difference([](double x) { return nnwb::tanh(x); }, a); }));
      });
  trace.step("points.table", "The table: one row per point")
      .formula(
          "\\left( a_j, \\ f(a_j), \\ 1 - f(a_j)^2, \\ \\frac{f(a_j + \\epsilon) - f(a_j - \\epsilon)}{2\\epsilon} "
          "\\right)")
      .compute({"points", "points.f", "points.derivative", "points.fd"}, [](const Inputs& in) -> Value {
        const Eigen::VectorXd& a = in.vector("points");
        Eigen::MatrixXd table(a.size(), 4);
        table << a, in.vector("points.f"), in.vector("points.derivative"), in.vector("points.fd");
        return table;
      });
  trace.step("points.check", "$1 - f^2$ matches the finite difference at every point")
      .formula("\\max_j \\frac{|f'(a_j) - \\hat{f}'(a_j)|}{\\max(|f'(a_j)|, |\\hat{f}'(a_j)|)} \\le 10^{-6}")
      .compute({"points.derivative", "points.fd"}, [](const Inputs& in) -> Value {
        const double error = max_relative_error(in.vector("points.derivative"), in.vector("points.fd"));
        return Verdict{error <= 1e-6, fmt::format("largest relative error {:.1e}; the slope is 1 at a = 0 and "
                                                  "falls towards 0 as |a| grows (saturation)",
                                                  error)};
      });
}

// PD "Problems of sigmoid (2/2)": tanh(c) = 2σ(2c) − 1.
void tanh_from_sigmoid(Trace& trace) {
  //! [stretched_sigmoid]
  trace.section("tanh is a stretched sigmoid: $\\tanh(c) = 2\\sigma(2c) - 1$");
  trace.step("points.sigmoid_form", "$2\\sigma(2a_j) - 1$ at each sample point")
      .formula("2\\sigma(2a_j) - 1")
      .numbers("2\\sigma(2 \\cdot [[points]]) - 1")
      .compute({"points"}, [](const Inputs& in) -> Value {
        return Eigen::VectorXd(in.vector("points").unaryExpr([](double c) { return 2.0 * sigmoid(2.0 * c) - 1.0; }));
      });
  trace.step("points.identity", "It is $\\tanh(a_j)$")
      .formula(
          "\\tanh(c) = \\frac{1 - e^{-2c}}{1 + e^{-2c}} = \\frac{2 - (1 + e^{-2c})}{1 + e^{-2c}} = 2\\sigma(2c) - 1")
      .numbers("[[points.sigmoid_form]] = [[points.f]]")
      .compute({"points.sigmoid_form", "points.f"}, [](const Inputs& in) -> Value {
        // Absolute: near c = 0, 2σ(2c) − 1 cancels and keeps only ~1e−16 of absolute accuracy.
        const double gap = (in.vector("points.sigmoid_form") - in.vector("points.f")).cwiseAbs().maxCoeff();
        return Verdict{gap <= 1e-12, fmt::format("the two agree to {:.1e} at every point", gap)};
      });
  trace
      .step("points.sigmoid_slope",
            "So the slopes agree too: $\\frac{d}{dc}[2\\sigma(2c) - 1] = 4\\sigma(2c)(1 - \\sigma(2c))$")
      .formula(
          "\\frac{d}{dc}\\left[2\\sigma(2c) - 1\\right] = 2 \\cdot 2 \\, \\sigma'(2c) = 4\\sigma(2c)(1 - \\sigma(2c))")
      .compute({"points"}, [](const Inputs& in) -> Value {
        return Eigen::VectorXd(in.vector("points").unaryExpr([](double c) {
          const double s = sigmoid(2.0 * c);
          return 4.0 * s * (1.0 - s);  // chain rule: the inner 2c gives one factor 2
        }));
      });
  trace.step("points.slopes_agree", "It is $1 - \\tanh^2(a_j)$")
      .formula("4\\sigma(2c)(1 - \\sigma(2c)) = 1 - \\tanh^2(c)")
      .numbers("[[points.sigmoid_slope]] = [[points.derivative]]")
      .compute({"points.sigmoid_slope", "points.derivative"}, [](const Inputs& in) -> Value {
        const double gap = (in.vector("points.sigmoid_slope") - in.vector("points.derivative")).cwiseAbs().maxCoeff();
        return Verdict{gap <= 1e-12, fmt::format("the two agree to {:.1e} at every point", gap)};
      });
  //! [stretched_sigmoid]
}

// BMB "Backpropagation: Another Example": the sigmoid twin.
void sigmoid_twin(Trace& trace, const ChapterOptions& options) {
  //! [sigmoid_twin]
  trace.section("The sigmoid twin: $\\sigma' = \\sigma(1 - \\sigma)$");
  const bool slide = !options.seed;  // BMB's numbers belong to its own point x = 1
  trace.step("sigmoid.value", "The sigmoid gate's output $\\sigma(x)$")
      .formula("\\sigma(x) = \\frac{1}{1 + e^{-x}}")
      .numbers("\\frac{1}{1 + e^{-[[sigmoid.x]]}}")
      .slide(slide ? "0.73" : "")
      .compute({"sigmoid.x"}, [](const Inputs& in) -> Value { return sigmoid(in.scalar("sigmoid.x")); });
  trace.step("sigmoid.quotient", "Its derivative by the quotient rule")
      .formula("\\frac{d\\sigma(x)}{dx} = \\frac{e^{-x}}{(1 + e^{-x})^2}")
      .numbers("\\frac{e^{-[[sigmoid.x]]}}{(1 + e^{-[[sigmoid.x]]})^2}")
      .compute({"sigmoid.x"}, [](const Inputs& in) -> Value {
        // σ' is even, so e^{−x}/(1 + e^{−x})² = e^{−|x|}/(1 + e^{−|x|})²: e^{−|x|} ≤ 1 never overflows.
        const double e = std::exp(-std::abs(in.scalar("sigmoid.x")));
        return e / ((1.0 + e) * (1.0 + e));
      });
  trace.claim_gradient("sigmoid.quotient", "sigmoid.value", "sigmoid.x");
  trace.step("sigmoid.derivative", "Rewritten: $(1 - \\sigma(x))\\sigma(x)$, the local gradient BMB multiplies by")
      .formula(
          "\\frac{e^{-x}}{(1 + e^{-x})^2} = \\left(\\frac{1 + e^{-x} - 1}{1 + e^{-x}}\\right)"
          "\\left(\\frac{1}{1 + e^{-x}}\\right) = (1 - \\sigma(x))\\sigma(x)")
      .numbers("(1 - [[sigmoid.value]])([[sigmoid.value]])")
      .slide(slide ? "0.2" : "")
      .compute({"sigmoid.value"}, [](const Inputs& in) -> Value {
        const double s = in.scalar("sigmoid.value");
        return (1.0 - s) * s;  // (1 − σ)σ
      });
  trace.claim_gradient("sigmoid.derivative", "sigmoid.value", "sigmoid.x");
  trace.step("sigmoid.fd", "Beside it: a central finite difference")
      .formula("\\frac{\\sigma(x + \\epsilon) - \\sigma(x - \\epsilon)}{2\\epsilon}")
      .compute({"sigmoid.x"}, [](const Inputs& in) -> Value {
        return central_difference([](double x) { return sigmoid(x); }, in.scalar("sigmoid.x"));
      });
  trace.step("sigmoid.check", "$(1 - \\sigma)\\sigma$ matches the finite difference")
      .formula(
          "(1 - \\sigma(x))\\sigma(x) \\approx \\frac{\\sigma(x + \\epsilon) - \\sigma(x - \\epsilon)}{2\\epsilon}")
      .numbers("[[sigmoid.derivative]] \\approx [[sigmoid.fd]]")
      .compute({"sigmoid.derivative", "sigmoid.fd"}, [](const Inputs& in) -> Value {
        return agree(in.scalar("sigmoid.derivative"), in.scalar("sigmoid.fd"), "σ(1 − σ) matches");
      });
  //! [sigmoid_twin]
}

// CTU "Reminder: Derivatives of Activation Functions": the slope-λ forms.
void slope_from_the_output(Trace& trace) {
  trace.section("CTU's slope-λ forms");
  trace.step("ctu.logsig.y", "logsig with slope λ: $y = 1/(1 + e^{-\\lambda\\xi})$")
      .formula("y = f(\\xi) = \\frac{1}{1 + e^{-\\lambda\\xi}}")
      .numbers("\\frac{1}{1 + e^{-[[lambda]] \\cdot [[xi]]}}")
      .compute({"xi", "lambda"},
               [](const Inputs& in) -> Value { return sigmoid(in.scalar("xi"), in.scalar("lambda")); });
  trace
      .step("ctu.logsig.derivative",
            "CTU's $f'(\\xi) = \\lambda y(1 - y)$: the inner $\\lambda\\xi$ gives one factor λ")
      .formula("f'(\\xi) = \\lambda y (1 - y)")
      .numbers("[[lambda]] \\cdot [[ctu.logsig.y]] (1 - [[ctu.logsig.y]])")
      .compute({"lambda", "ctu.logsig.y"}, [](const Inputs& in) -> Value {
        const double y = in.scalar("ctu.logsig.y");
        return in.scalar("lambda") * y * (1.0 - y);  // λy(1 − y)
      });
  trace.claim_gradient("ctu.logsig.derivative", "ctu.logsig.y", "xi");
  trace.step("ctu.logsig.fd", "Beside it: a central finite difference in ξ")
      .formula("\\frac{f({\\xi} + \\epsilon) - f({\\xi} - \\epsilon)}{2\\epsilon}")
      .compute({"xi", "lambda"}, [](const Inputs& in) -> Value {
        const double lambda = in.scalar("lambda");
        return central_difference([lambda](double xi) { return sigmoid(xi, lambda); }, in.scalar("xi"));
      });
  trace.step("ctu.logsig.check", "CTU's logsig derivative holds")
      .formula("\\lambda y (1 - y) \\approx \\frac{f({\\xi} + \\epsilon) - f({\\xi} - \\epsilon)}{2\\epsilon}")
      .numbers("[[ctu.logsig.derivative]] \\approx [[ctu.logsig.fd]]")
      .compute({"ctu.logsig.derivative", "ctu.logsig.fd"}, [](const Inputs& in) -> Value {
        return agree(in.scalar("ctu.logsig.derivative"), in.scalar("ctu.logsig.fd"), "λy(1 − y) matches");
      });
  trace
      .step("ctu.tanh.y",
            "tanh with slope λ: $y = (1 - e^{-2\\lambda\\xi})/(1 + e^{-2\\lambda\\xi}) = \\tanh(\\lambda\\xi)$")
      .formula("y = f(\\xi) = \\frac{1 - e^{-2\\lambda\\xi}}{1 + e^{-2\\lambda\\xi}} = \\tanh(\\lambda\\xi)")
      .numbers("\\tanh([[lambda]] \\cdot [[xi]])")
      .compute({"xi", "lambda"},
               [](const Inputs& in) -> Value { return nnwb::tanh(in.scalar("xi"), in.scalar("lambda")); });
  trace.step("ctu.tanh.derivative", "The correct derivative: one factor λ, as for logsig")
      .formula("f'(\\xi) = \\lambda (1 + y)(1 - y) = \\lambda (1 - y^2)")
      .numbers("[[lambda]] (1 - [[ctu.tanh.y]]^2)")
      .compute({"lambda", "ctu.tanh.y"}, [](const Inputs& in) -> Value {
        const double y = in.scalar("ctu.tanh.y");
        return in.scalar("lambda") * (1.0 + y) * (1.0 - y);  // λ(1 + y)(1 − y)
      });
  trace.claim_gradient("ctu.tanh.derivative", "ctu.tanh.y", "xi");
  trace.step("ctu.tanh.slide", "What CTU's slide states: $f'(\\xi) = \\lambda^2(1 + y)(1 - y)$")
      .formula("f'(\\xi) = \\lambda^2 (1 + y)(1 - y) \\quad \\text{(as printed)}")
      .numbers("[[lambda]]^2 (1 + [[ctu.tanh.y]])(1 - [[ctu.tanh.y]])")
      .compute({"lambda", "ctu.tanh.y"}, [](const Inputs& in) -> Value {
        const double lambda = in.scalar("lambda"), y = in.scalar("ctu.tanh.y");
        return lambda * lambda * (1.0 + y) * (1.0 - y);  // λ²(1 + y)(1 − y), as printed
      });
  trace.step("ctu.tanh.fd", "Beside them: a central finite difference in ξ")
      .formula("\\frac{f({\\xi} + \\epsilon) - f({\\xi} - \\epsilon)}{2\\epsilon}")
      .compute({"xi", "lambda"}, [](const Inputs& in) -> Value {
        const double lambda = in.scalar("lambda");
        return central_difference([lambda](double xi) { return nnwb::tanh(xi, lambda); }, in.scalar("xi"));
      });
  trace.step("ctu.tanh.check", "The correct form $\\lambda(1 - y^2)$ matches the finite difference")
      .formula("\\lambda (1 - y^2) \\approx \\frac{f({\\xi} + \\epsilon) - f({\\xi} - \\epsilon)}{2\\epsilon}")
      .numbers("[[ctu.tanh.derivative]] \\approx [[ctu.tanh.fd]]")
      .compute({"ctu.tanh.derivative", "ctu.tanh.fd"}, [](const Inputs& in) -> Value {
        return agree(in.scalar("ctu.tanh.derivative"), in.scalar("ctu.tanh.fd"), "λ(1 − y²) matches");
      });
  trace.step("ctu.tanh.slide_check", "Verdict on the slide's $\\lambda^2(1 + y)(1 - y)$")
      .formula(
          "\\lambda^2 (1 + y)(1 - y) \\approx \\frac{f({\\xi} + \\epsilon) - f({\\xi} - \\epsilon)}{2\\epsilon} \\ ?")
      .numbers("[[ctu.tanh.slide]] \\approx [[ctu.tanh.fd]] \\ ?")
      .compute({"ctu.tanh.slide", "ctu.tanh.fd", "lambda"}, [](const Inputs& in) -> Value {
        const double printed = in.scalar("ctu.tanh.slide"), fd = in.scalar("ctu.tanh.fd");
        const double lambda = in.scalar("lambda"), error = relative_error(printed, fd);
        if (error <= 1e-6)
          return Verdict{true, fmt::format("the slide's form holds here (relative error {:.1e}), but only because "
                                           "λ = {:g} makes λ² = λ; the derivative of tanh(λξ) is λ(1 − y²)",
                                           error, lambda)};
        return Verdict{false, fmt::format("the slide's form does not hold: it gives {:.4g}, the finite difference "
                                          "{:.4g}, a factor {:.4g} = λ too large. d/dξ tanh(λξ) = λ(1 − tanh²(λξ)): "
                                          "the chain rule gives one factor λ, not two",
                                          printed, fd, printed / fd)};
      });
}

// PD "Backprop update": a tanh hidden node's delta.
void tanh_hidden_delta(Trace& trace) {
  // A hidden node i (tanh) feeds two linear output nodes k with E_n = ½ Σ_k (y_k − t_k)²
  // (PD "Error gradient: output nodes", regression), so δ_k = y_k − t_k.
  //! [delta_of_a_tanh_hidden_node]
  trace.section("Backprop update: the delta of a tanh hidden node");
  trace.step("backprop.y", "The hidden node's output $y_i = f(a_i)$")
      .formula("y_i = f(a_i) = \\tanh(a_i)")
      .numbers("\\tanh([[backprop.a]])")
      .compute({"backprop.a"}, [](const Inputs& in) -> Value { return nnwb::tanh(in.scalar("backprop.a")); });
  trace.step("backprop.a_out", "The output nodes' pre-activations $a_k = w_{ik} y_i$ (and $y_k = a_k$: linear)")
      .formula("a_k = \\sum_{i' < k} w_{i'k} y_{i'} = w_{ik} y_i")
      .numbers("[[backprop.w]] \\cdot [[backprop.y]]")
      .compute({"backprop.w", "backprop.y"}, [](const Inputs& in) -> Value {
        return Eigen::VectorXd(in.vector("backprop.w") * in.scalar("backprop.y"));
      });
  trace.step("backprop.e", "The error $E_n = \\frac{1}{2}\\sum_k (y_k - t_k)^2$")
      .formula("E_n = \\frac{1}{2} \\sum_{k} (y_k - t_k)^2")
      .numbers("\\frac{1}{2} \\lVert [[backprop.a_out]] - [[backprop.t]] \\rVert^2")
      .compute({"backprop.a_out", "backprop.t"}, [](const Inputs& in) -> Value {
        return sse(in.vector("backprop.a_out"), in.vector("backprop.t"));  // ½ Σ (y_k − t_k)², y_k = a_k
      });
  trace.step("backprop.delta_out", "Output nodes: $\\delta_k = y_k - t_k$")
      .formula("\\delta_k = \\frac{\\partial E_n}{\\partial a_k} = y_k - t_k")
      .numbers("[[backprop.a_out]] - [[backprop.t]]")
      .compute({"backprop.a_out", "backprop.t"}, [](const Inputs& in) -> Value {
        return sse_gradient(in.vector("backprop.a_out"), in.vector("backprop.t"));  // y_k − t_k
      });
  trace.claim_gradient("backprop.delta_out", "backprop.e", "backprop.a_out");
  trace.step("backprop.fprime", "The tanh slope at the hidden node: $f'(a_i) = 1 - y_i^2$")
      .formula("f'(a_i) = 1 - f(a_i)^2 = 1 - y_i^2")
      .numbers("1 - [[backprop.y]]^2")
      .compute({"backprop.y"}, [](const Inputs& in) -> Value {
        const double y = in.scalar("backprop.y");
        return 1.0 - y * y;  // 1 − y_i²
      });
  trace.step("backprop.delta", "The hidden node: $\\delta_i = (1 - y_i^2) \\sum_k \\delta_k w_{ik}$")
      .formula("\\delta_i = f'(a_i) \\sum_{k > i} \\delta_k w_{ik} = (1 - y_i^2) \\sum_{k > i} \\delta_k w_{ik}")
      .numbers("[[backprop.fprime]] \\cdot ([[backprop.delta_out]] \\cdot [[backprop.w]])")
      .compute({"backprop.fprime", "backprop.delta_out", "backprop.w"}, [](const Inputs& in) -> Value {
        return in.scalar("backprop.fprime") * in.vector("backprop.delta_out").dot(in.vector("backprop.w"));
      });
  trace.claim_gradient("backprop.delta", "backprop.e", "backprop.a");
  trace
      .step("backprop.fd",
            "Beside it: $\\partial E_n/\\partial a_i$ by a central finite difference through the network")
      .formula("\\frac{E_n(a_i + \\epsilon) - E_n(a_i - \\epsilon)}{2\\epsilon}")
      .compute({"backprop.a", "backprop.w", "backprop.t"}, [](const Inputs& in) -> Value {
        const Eigen::VectorXd w = in.vector("backprop.w"), t = in.vector("backprop.t");
        return central_difference([w, t](double a) { return sse(w * nnwb::tanh(a), t); }, in.scalar("backprop.a"));
      });
  trace.step("backprop.check", "$\\delta_i$ matches the finite difference")
      .formula("\\delta_i \\approx \\frac{E_n(a_i + \\epsilon) - E_n(a_i - \\epsilon)}{2\\epsilon}")
      .numbers("[[backprop.delta]] \\approx [[backprop.fd]]")
      .compute({"backprop.delta", "backprop.fd"}, [](const Inputs& in) -> Value {
        return agree(in.scalar("backprop.delta"), in.scalar("backprop.fd"), "(1 − y_i²) Σ_k δ_k w_ik matches");
      });
  trace.step("backprop.grad_w", "And the weights' gradients $\\partial E_n/\\partial w_{ik} = \\delta_k y_i$")
      .formula("\\frac{\\partial E_n}{\\partial w_{ik}} = \\delta_k y_i")
      .numbers("[[backprop.delta_out]] \\cdot [[backprop.y]]")
      .compute({"backprop.delta_out", "backprop.y"}, [](const Inputs& in) -> Value {
        return Eigen::VectorXd(in.vector("backprop.delta_out") * in.scalar("backprop.y"));
      });
  trace.claim_gradient("backprop.grad_w", "backprop.e", "backprop.w");
  //! [delta_of_a_tanh_hidden_node]
}

}  // namespace tanh_derivative_parts

Trace tanh_derivative(const ChapterOptions& options) {
  using namespace tanh_derivative_parts;
  Trace trace("tanh_derivative", "The derivative of tanh");
  trace
      .summary(
          "The quotient rule takes $f(a) = (e^a - e^{-a})/(e^a + e^{-a})$ to $f'(a) = 1 - f(a)^2$; "
          "tanh is a stretched sigmoid, $\\tanh(c) = 2\\sigma(2c) - 1$, whose twin rule is "
          "$\\sigma' = \\sigma(1 - \\sigma)$; with a slope λ the chain rule adds one factor λ, which "
          "CTU's slide squares by mistake; and in backpropagation a tanh hidden node's delta is "
          "$(1 - y_i^2)\\sum_k \\delta_k w_{ik}$. Every derivative stands beside a central finite "
          "difference. Only BMB prints numbers (σ(1) = 0.73 and σ'(1) = 0.2); " +
          std::string(options.seed ? "this variant draws every point, λ, ξ and the small network "
                                     "from the seed."
                                   : "the point a = 0.5, the table's points, λ = 2, ξ = 0.3 and the "
                                     "small network are ours."))
      .source("PD", "003_b5a9c74466967a6d.txt",
              {"Derivative of tanh", "Backprop update", "Hyperbolic tangent: tanh", "Problems of sigmoid (2/2)",
               "Error gradient: hidden nodes (3/4)"})
      .source("EDI", "000_7637ffcd816b0303.txt", {"Other activation functions"})
      .source("BMB", "001_86790086ad6a4e65.txt", {"Backpropagation: Another Example"})
      .source("CTU", "002_ddd62baf13f113f4.txt", {"Reminder: Derivatives of Activation Functions"})
      .convention(
          "PD's: $a$ is a node's pre-activation, $y = f(a)$ its output, $\\delta_i = \\partial E_n/"
          "\\partial a_i$, and $w_{ik}$ the weight from node i to a later node k. BMB writes the "
          "sigmoid's input as x; CTU writes the potential ξ and the slope λ.")
      .notation("f(a) = \\tanh(a)", "PD's activation; EDI calls it g(a)")
      .notation("u, v", "the numerator $e^a - e^{-a}$ and denominator $e^a + e^{-a}$ of tanh")
      .notation("\\sigma(x)", "the logistic sigmoid $1/(1 + e^{-x})$")
      .notation("\\lambda, \\xi", "CTU's slope and potential: $y = f(\\xi)$ with $\\lambda\\xi$ inside")
      .notation("\\delta_i, \\delta_k",
                "the deltas $\\partial E_n/\\partial a$ of a hidden node i and the nodes k it feeds")
      .notation("\\epsilon", "the finite-difference step, $10^{-5}$ (the library's default)")
      .seed(options.seed)
      .rounding({Rounding::Mode::significant, 4});

  const Setting setting = options.seed ? drawn_setting(*options.seed) : default_setting();
  trace.parameter("a", "a", "the point where the quotient rule is worked through", setting.a);
  trace.parameter("points", "\\mathbf{a}", "sample points $a_j$ for the table", setting.points);
  trace.parameter("sigmoid.x", "x", "BMB's sigmoid gate input ($w_0x_0 + w_1x_1 + w_2$ on the slide)",
                  setting.sigmoid_x);
  trace.parameter("lambda", "\\lambda", "CTU's slope", setting.lambda);
  trace.parameter("xi", "\\xi", "CTU's potential", setting.xi);
  trace.parameter("backprop.a", "a_i", "a tanh hidden node's pre-activation", setting.hidden_a);
  trace.parameter("backprop.w", "w_{ik}", "its weights to the two linear output nodes k it feeds", setting.weights);
  trace.parameter("backprop.t", "t_k", "the output nodes' targets", setting.targets);

  tanh_as_written(trace);
  quotient_rule(trace);
  slope_at_sample_points(trace);
  tanh_from_sigmoid(trace);
  sigmoid_twin(trace, options);
  slope_from_the_output(trace);
  tanh_hidden_delta(trace);
  return trace;
}

}  // namespace nnwb::chapters
