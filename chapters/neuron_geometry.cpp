// Chapter 7, neuron_geometry: the artificial neuron and the hyperplane it draws.
// Lecture: PD "The artificial neuron" (y = f(Σ_{j=1}^D w_j x_j + b) = f(Σ_{j=0}^D w_j x_j): the
// bias is w₀ on an extra input x₀ = 1), "Some hyperplane geometry" (‖x‖, wᵀx = ‖w‖‖x‖cos θ: all
// inputs with the same projection onto w give the same output), "Hyperplane geometry:
// orientation" (cos θ_i = w_i/‖w‖, eq. (2), unchanged when w is scaled) and "Hyperplane geometry:
// bias" (u = wᵀx + b; the plane lies at d = −b/‖w‖ from the origin; v = d w/‖w‖ is its closest
// point, since wᵀv + b = 0). Beyond the slides: the signed distance u(x)/‖w‖ of a point, and what
// scaling (w, b) by c > 0 and by c < 0 changes.
//
// The slides print no numbers. The defaults are ours, chosen to work by hand: w = (3, 4), so
// ‖w‖ = 5, and b = −10, so d = 2. A seed draws integer weights and points.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>

#include "chapters.hpp"
#include "nnwb/hyperplane.hpp"
#include "nnwb/perceptron.hpp"
#include "nnwb/random.hpp"

namespace nnwb::chapters {
namespace neuron_geometry_parts {  // the chapter's sections and what they share

// The neuron and the points it is looked at with (D = 2, so the hyperplane is a line one can draw).
struct Setting {
  Eigen::VectorXd w = Eigen::Vector2d(3, 4);        // (w₁, w₂): ‖w‖ = 5
  double b = -10;                                   // d = −b/‖w‖ = 2
  Eigen::VectorXd point1 = Eigen::Vector2d(2, 3);   // u = 6 + 12 − 10 = 8 > 0
  Eigen::VectorXd point2 = Eigen::Vector2d(1, 1);   // u = 3 + 4 − 10 = −3 < 0
  double s = 1;                                     // how far point 1 is moved along the plane
  double c = 2, c_flip = -0.5;                      // the two scale factors
};

// A variant: integer weights and points (hand-friendly), the two points on opposite sides and at
// least 1 from the plane in u, neither at the origin (where cos θ is undefined).
Setting drawn_setting(std::uint64_t seed) {
  Rng rng(seed);
  Setting s;
  const auto u = [&](const Eigen::VectorXd& x) { return s.w.dot(x) + s.b; };  // u(x) = wᵀx + b
  // Some nonzero point of the grid [−4, 4]² must lie on each side (u ≥ 1 and u ≤ −1), or the loops
  // below would never end (w = (1, 1), b = −10, say): draw w and b again until one does.
  const auto sides_reachable = [&] {
    bool positive = false, negative = false;
    for (int x1 = -4; x1 <= 4; ++x1)
      for (int x2 = -4; x2 <= 4; ++x2) {
        if (x1 == 0 && x2 == 0) continue;
        const double value = u(Eigen::Vector2d(x1, x2));
        positive = positive || value >= 1;
        negative = negative || value <= -1;
      }
    return positive && negative;
  };
  do {
    // Each pair second entry first: the order of every variant since the first (see draw order in
    // random.hpp).
    const double w2 = rng.nonzero_decimal(-4, 4, 0), w1 = rng.nonzero_decimal(-4, 4, 0);
    s.w = Eigen::Vector2d(w1, w2);
    s.b = rng.nonzero_decimal(-10, 10, 0);
  } while (!sides_reachable());
  do {
    const double y = rng.decimal(-4, 4, 0), x = rng.decimal(-4, 4, 0);
    s.point1 = Eigen::Vector2d(x, y);
  } while (u(s.point1) < 1 || s.point1.isZero());
  do {
    const double y = rng.decimal(-4, 4, 0), x = rng.decimal(-4, 4, 0);
    s.point2 = Eigen::Vector2d(x, y);
  } while (u(s.point2) > -1 || s.point2.isZero());
  s.s = rng.nonzero_decimal(-2, 2, 1);
  do s.c = rng.decimal(0.5, 3, 1);
  while (s.c == 1.0);  // c = 1 changes nothing: no lesson
  s.c_flip = rng.decimal(-3, -0.5, 1);
  return s;
}

// Two numbers (or vectors) agree up to rounding: relative 1e−12, absolute near 0.
bool close(double a, double b) { return std::abs(a - b) <= 1e-12 * std::max({1.0, std::abs(a), std::abs(b)}); }
bool close(const Eigen::VectorXd& a, const Eigen::VectorXd& b) {
  return (a - b).cwiseAbs().maxCoeff() <= 1e-12 * std::max({1.0, a.cwiseAbs().maxCoeff(), b.cwiseAbs().maxCoeff()});
}

std::string num(double x) { return fmt::format("{:.4g}", x + 0.0); }  // + 0.0 turns −0 into 0

// Scaling the extended weights w̃ = (b, w) by c: the new neuron's geometry beside the old one.
// `flip` says whether c < 0 is expected (the titles and verdicts say what should happen).
void add_scaling(Trace& trace, const std::string& prefix, const std::string& c, bool flip) {
  const std::string w = prefix + ".w", b = prefix + ".b", norm = prefix + ".norm", cos = prefix + ".cos";
  const std::string d = prefix + ".distance", v = prefix + ".v", r = prefix + ".r1";
  trace.section(flip ? "Scaling by c < 0: the same plane, facing the other way"
                     : "Scaling by c > 0: the same plane, the same orientation");
  trace.step(w, "The scaled weights $c\\,\\mathbf{w}$")
      .formula("\\mathbf{w}' = c\\,\\mathbf{w}")
      .numbers(fmt::format("[[{}]] \\cdot [[w]]", c))
      .compute({c, "w"}, [c](const Inputs& in) -> Value { return Eigen::VectorXd(in.scalar(c) * in.vector("w")); });
  trace.step(b, "The scaled bias $c\\,b$ (the bias $w_0$ is scaled with the rest of $\\tilde{\\mathbf{w}}$)")
      .formula("b' = c\\,b")
      .numbers(fmt::format("[[{}]] \\cdot [[b]]", c))
      .compute({c, "b"}, [c](const Inputs& in) -> Value { return in.scalar(c) * in.scalar("b"); });
  trace.step(norm, "Its length $\\|\\mathbf{w}'\\| = |c|\\,\\|\\mathbf{w}\\|$")
      .formula("\\|\\mathbf{w}'\\| = \\sqrt{\\sum_{i=1}^D w_i'^2}")
      .numbers(fmt::format("\\|[[{}]]\\|", w))
      .compute({w}, [w](const Inputs& in) -> Value { return in.vector(w).norm(); });
  trace.step(cos, "Its direction cosines $\\cos\\theta_i' = w_i'/\\|\\mathbf{w}'\\|$")
      .formula("\\cos\\theta_i' = \\frac{w_i'}{\\|\\mathbf{w}'\\|}")
      .numbers(fmt::format("\\frac{{[[{}]]}}{{[[{}]]}}", w, norm))
      .compute({w, norm}, [w, norm](const Inputs& in) -> Value { return Eigen::VectorXd(in.vector(w) / in.scalar(norm)); });
  trace.step(d, "Its distance from the origin $d' = -b'/\\|\\mathbf{w}'\\|$")
      .formula("d' = -\\frac{b'}{\\|\\mathbf{w}'\\|}")
      .numbers(fmt::format("-\\frac{{[[{}]]}}{{[[{}]]}}", b, norm))
      .compute({b, norm}, [b, norm](const Inputs& in) -> Value { return -in.scalar(b) / in.scalar(norm); });
  trace.step(v, "Its closest point to the origin $\\mathbf{v}' = d'\\,\\mathbf{w}'/\\|\\mathbf{w}'\\|$")
      .formula("\\mathbf{v}' = d'\\,\\frac{\\mathbf{w}'}{\\|\\mathbf{w}'\\|}")
      .numbers(fmt::format("[[{}]] \\cdot \\frac{{[[{}]]}}{{[[{}]]}}", d, w, norm))
      .compute({d, w, norm}, [d, w, norm](const Inputs& in) -> Value {
        return Eigen::VectorXd(in.scalar(d) * in.vector(w) / in.scalar(norm));
      });
  trace.step(r, "The signed distance of $\\mathbf{x}^{(1)}$ from it")
      .formula("r'(\\mathbf{x}^{(1)}) = \\frac{\\mathbf{w}'^T\\mathbf{x}^{(1)} + b'}{\\|\\mathbf{w}'\\|}")
      .numbers(fmt::format("\\frac{{[[{}]]^T [[point1]] + [[{}]]}}{{[[{}]]}}", w, b, norm))
      .compute({w, b, norm, "point1"}, [w, b, norm](const Inputs& in) -> Value {
        return (in.vector(w).dot(in.vector("point1")) + in.scalar(b)) / in.scalar(norm);
      });

  // The verdicts: what the new values say, compared with the unscaled ones.
  const double sign = flip ? -1.0 : 1.0;  // what the slides lead us to expect: ±(the old value)
  trace.step(prefix + ".orientation",
             flip ? "Is the orientation reversed: $\\cos\\theta_i' = -\\cos\\theta_i$, $\\theta_i' = 180° - \\theta_i$?"
                  : "Is the orientation unchanged: $\\cos\\theta_i' = \\cos\\theta_i$?")
      .formula(flip ? "\\cos\\theta_i' = \\frac{c\\,w_i}{|c|\\,\\|\\mathbf{w}\\|} = -\\cos\\theta_i"
                    : "\\cos\\theta_i' = \\frac{c\\,w_i}{|c|\\,\\|\\mathbf{w}\\|} = \\cos\\theta_i")
      .numbers(fmt::format("[[{}]] \\text{{ vs }} [[orientation.cos]]", cos))
      .compute({cos, "orientation.cos"}, [cos, sign](const Inputs& in) -> Value {
        const Eigen::VectorXd& now = in.vector(cos);
        const Eigen::VectorXd& before = in.vector("orientation.cos");
        if (close(now, before))
          return Verdict{sign > 0, "every cos θᵢ is as before: w′ points the same way, so the angles are unchanged"};
        if (close(now, Eigen::VectorXd(-before)))
          return Verdict{sign < 0, "every cos θᵢ has changed sign: w′ points the opposite way, each θᵢ became 180° − θᵢ"};
        return Verdict{false, "the direction cosines changed other than by a sign: w′ is not a multiple of w"};
      });
  trace.step(prefix + ".same_distance",
             flip ? "Is the signed distance negated: $d' = -d$?" : "Is the distance unchanged: $d' = d$?")
      .formula(flip ? "d' = -\\frac{c\\,b}{|c|\\,\\|\\mathbf{w}\\|} = -d" : "d' = -\\frac{c\\,b}{|c|\\,\\|\\mathbf{w}\\|} = d")
      .numbers(fmt::format("[[{}]] \\text{{ vs }} [[bias.distance]]", d))
      .compute({d, "bias.distance"}, [d, sign](const Inputs& in) -> Value {
        const double now = in.scalar(d), before = in.scalar("bias.distance");
        const bool holds = close(now, sign * before);
        return Verdict{holds, fmt::format("d′ = {} and d = {}: {}", num(now), num(before),
                                          holds ? (sign > 0 ? "the same" : "opposite signs, since d is measured along w′, which now points the other way")
                                                : "not as expected")};
      });
  trace.step(prefix + ".same_plane", "Is it the same hyperplane: $\\mathbf{v}' = \\mathbf{v}$?")
      .formula("\\mathbf{v}' = d'\\,\\frac{\\mathbf{w}'}{\\|\\mathbf{w}'\\|} = \\mathbf{v}")
      .numbers(fmt::format("[[{}]] \\text{{ vs }} [[bias.v]]", v))
      .compute({v, "bias.v"}, [v](const Inputs& in) -> Value {
        const bool holds = close(in.vector(v), in.vector("bias.v"));
        return Verdict{holds, holds ? "the closest point to the origin is the same: c w̃ᵀx̃ = 0 exactly where w̃ᵀx̃ = 0, "
                                      "so the hyperplane has not moved"
                                    : "the closest point moved: a different hyperplane"};
      });
  trace.step(prefix + ".sides", flip ? "Have the sides swapped: $r'(\\mathbf{x}^{(1)}) = -r(\\mathbf{x}^{(1)})$?"
                                     : "Is $\\mathbf{x}^{(1)}$ where it was: $r'(\\mathbf{x}^{(1)}) = r(\\mathbf{x}^{(1)})$?")
      .formula(flip ? "r' = -r" : "r' = r")
      .numbers(fmt::format("[[{}]] \\text{{ vs }} [[point1.r]]", r))
      .compute({r, "point1.r"}, [r, sign](const Inputs& in) -> Value {
        const double now = in.scalar(r), before = in.scalar("point1.r");
        const bool holds = close(now, sign * before);
        return Verdict{holds, fmt::format("r′ = {} and r = {}: {}", num(now), num(before),
                                          !holds ? "not as expected"
                                          : sign > 0 ? "x⁽¹⁾ is on the same side, at the same distance"
                                                     : "the point has not moved, but it is now on the negative side: "
                                                       "the unit's output there is reversed")};
      });
}

// ---- the sections, in reading order --------------------------------------------------------------

// PD "The artificial neuron": the bias as w₀ on x₀ = 1.
void bias_as_a_weight(Trace& trace) {
  //! [the_artificial_neuron]
  trace.section("The artificial neuron: the bias as $w_0$ with $x_0 = 1$");
  trace.step("neuron.a", "The neuron's input with the bias apart")
      .formula("a = \\sum_{j=1}^D w_j x_j + b")
      .numbers("[[w]]^T [[point1]] + [[b]]")
      .compute({"w", "b", "point1"}, [](const Inputs& in) -> Value {
        return in.vector("w").dot(in.vector("point1")) + in.scalar("b");  // a = Σ_{j≥1} w_j x_j + b
      });
  trace.step("neuron.w_ext", "The bias joins the weights as $w_0 = b$")
      .formula("\\tilde{\\mathbf{w}} = (w_0, w_1, \\ldots, w_D)^T = (b, w_1, \\ldots, w_D)^T")
      .numbers("([[b]], [[w]]^T)^T")
      .compute({"b", "w"}, [](const Inputs& in) -> Value {
        Eigen::VectorXd w_ext(in.vector("w").size() + 1);
        w_ext << in.scalar("b"), in.vector("w");  // w̃ = (b, w₁, …, w_D)
        return w_ext;
      });
  trace.step("neuron.x_ext", "The input gains an element $x_0 = 1$")
      .formula("\\tilde{\\mathbf{x}} = (x_0, x_1, \\ldots, x_D)^T = (1, x_1, \\ldots, x_D)^T")
      .numbers("(1, [[point1]]^T)^T")
      .compute({"point1"}, [](const Inputs& in) -> Value {
        return perceptron_features(in.vector("point1"));  // x̃ = (1, x₁, …, x_D)
      });
  trace.step("neuron.a_ext", "The same input as one sum from $j = 0$")
      .formula("a = \\sum_{j=0}^D w_j x_j = \\tilde{\\mathbf{w}}^T\\tilde{\\mathbf{x}}")
      .numbers("[[neuron.w_ext]]^T [[neuron.x_ext]]")
      .compute({"neuron.w_ext", "neuron.x_ext"}, [](const Inputs& in) -> Value {
        return in.vector("neuron.w_ext").dot(in.vector("neuron.x_ext"));  // a = Σ_{j=0}^D w_j x_j
      });
  trace.step("neuron.same", "Do both forms give the same input?")
      .formula("\\sum_{j=1}^D w_j x_j + b = \\sum_{j=0}^D w_j x_j")
      .numbers("[[neuron.a]] = [[neuron.a_ext]]")
      .compute({"neuron.a", "neuron.a_ext"}, [](const Inputs& in) -> Value {
        const bool holds = close(in.scalar("neuron.a"), in.scalar("neuron.a_ext"));
        return Verdict{holds, holds ? "w₀x₀ = b·1 = b, so the bias is an ordinary weight on a constant input"
                                    : "the two sums differ"};
      });
  // The bias is learned like any weight: its gradient is its input x₀ = 1.
  trace.step("neuron.grad_b", "The bias's gradient is its input: $\\partial a/\\partial b = x_0 = 1$")
      .formula("\\frac{\\partial a}{\\partial b} = \\frac{\\partial a}{\\partial w_0} = x_0")
      .numbers("\\text{the first entry of } [[neuron.x_ext]]")
      .compute({"neuron.x_ext"}, [](const Inputs& in) -> Value { return in.vector("neuron.x_ext")[0]; });
  trace.claim_gradient("neuron.grad_b", "neuron.a", "b");
  trace.step("neuron.grad_w", "Each weight's gradient is its input: $\\partial a/\\partial w_j = x_j$")
      .formula("\\frac{\\partial a}{\\partial \\mathbf{w}} = \\mathbf{x}")
      .numbers("[[point1]]")
      .compute({"point1"}, [](const Inputs& in) -> Value { return in.vector("point1"); });
  trace.claim_gradient("neuron.grad_w", "neuron.a", "w");
  //! [the_artificial_neuron]
}

// PD "Some hyperplane geometry": ‖·‖ and the projection onto w.
void norm_and_projection(Trace& trace) {
  //! [projection_onto_w]
  trace.section("Some hyperplane geometry: the projection onto $\\mathbf{w}$");
  trace.step("geometry.norm", "The length of $\\mathbf{w}$")
      .formula("\\|\\mathbf{w}\\| = \\sqrt{\\sum_{i=1}^D w_i^2}")
      .numbers("\\|[[w]]\\|")
      .compute({"w"}, [](const Inputs& in) -> Value { return in.vector("w").norm(); });  // √(Σ w_i²)
  trace.step("geometry.x_norm", "The length of $\\mathbf{x}^{(1)}$")
      .formula("\\|\\mathbf{x}\\| = \\sqrt{\\sum_{j=1}^D x_j^2}")
      .numbers("\\|[[point1]]\\|")
      .compute({"point1"}, [](const Inputs& in) -> Value { return in.vector("point1").norm(); });
  trace.step("geometry.dot", "The inner product $\\mathbf{w}^T\\mathbf{x}^{(1)}$")
      .formula("\\mathbf{w}^T\\mathbf{x} = \\sum_{j=1}^D w_j x_j")
      .numbers("[[w]]^T [[point1]]")
      .compute({"w", "point1"}, [](const Inputs& in) -> Value { return in.vector("w").dot(in.vector("point1")); });
  trace.step("geometry.cos", "The angle between them, from $\\mathbf{w}^T\\mathbf{x} = \\|\\mathbf{w}\\|\\|\\mathbf{x}\\|\\cos\\theta$")
      .formula("\\cos\\theta = \\frac{\\mathbf{w}^T\\mathbf{x}}{\\|\\mathbf{w}\\|\\,\\|\\mathbf{x}\\|}")
      .numbers("\\frac{[[geometry.dot]]}{[[geometry.norm]] \\cdot [[geometry.x_norm]]}")
      .compute({"geometry.dot", "geometry.norm", "geometry.x_norm"}, [](const Inputs& in) -> Value {
        return in.scalar("geometry.dot") / (in.scalar("geometry.norm") * in.scalar("geometry.x_norm"));
      });
  trace.step("geometry.projection", "The projection of $\\mathbf{x}^{(1)}$ onto the direction of $\\mathbf{w}$")
      .formula("\\|\\mathbf{x}\\|\\cos\\theta = \\frac{\\mathbf{w}^T\\mathbf{x}}{\\|\\mathbf{w}\\|}")
      .numbers("[[geometry.x_norm]] \\cdot [[geometry.cos]]")
      .compute({"geometry.x_norm", "geometry.cos"}, [](const Inputs& in) -> Value {
        return in.scalar("geometry.x_norm") * in.scalar("geometry.cos");  // ‖x‖ cos θ
      });
  //! [projection_onto_w]
  // A direction u ⟂ w (in 2-D, w rotated by 90°): moving along it keeps wᵀx, hence the output.
  trace.step("geometry.along", "A direction along the plane: $\\mathbf{u} = (-w_2, w_1)^T$, so that $\\mathbf{w}^T\\mathbf{u} = -w_1w_2 + w_2w_1 = 0$")
      .formula("\\mathbf{u} = (-w_2, w_1)^T")
      .compute({"w"}, [](const Inputs& in) -> Value {
        const Eigen::VectorXd& w = in.vector("w");
        return Eigen::VectorXd(Eigen::Vector2d(-w[1], w[0]));  // w rotated by 90°
      });
  trace.step("geometry.moved", "$\\mathbf{x}^{(1)}$ moved along the plane")
      .formula("\\mathbf{x}' = \\mathbf{x}^{(1)} + s\\,\\mathbf{u}")
      .numbers("[[point1]] + [[s]] \\cdot [[geometry.along]]")
      .compute({"point1", "s", "geometry.along"}, [](const Inputs& in) -> Value {
        return Eigen::VectorXd(in.vector("point1") + in.scalar("s") * in.vector("geometry.along"));
      });
  trace.step("geometry.moved_projection", "The moved point's projection onto $\\mathbf{w}$")
      .formula("\\frac{\\mathbf{w}^T\\mathbf{x}'}{\\|\\mathbf{w}\\|}")
      .numbers("\\frac{[[w]]^T [[geometry.moved]]}{[[geometry.norm]]}")
      .compute({"w", "geometry.moved", "geometry.norm"}, [](const Inputs& in) -> Value {
        return in.vector("w").dot(in.vector("geometry.moved")) / in.scalar("geometry.norm");
      });
  trace.step("geometry.moved_a", "The moved point's input to the neuron")
      .formula("a' = \\mathbf{w}^T\\mathbf{x}' + b")
      .numbers("[[w]]^T [[geometry.moved]] + [[b]]")
      .compute({"w", "geometry.moved", "b"}, [](const Inputs& in) -> Value {
        return in.vector("w").dot(in.vector("geometry.moved")) + in.scalar("b");
      });
  trace.step("geometry.same_output", "Same projection onto $\\mathbf{w}$, same output?")
      .formula("\\frac{\\mathbf{w}^T\\mathbf{x}'}{\\|\\mathbf{w}\\|} = \\frac{\\mathbf{w}^T\\mathbf{x}^{(1)}}{\\|\\mathbf{w}\\|} "
               "\\Rightarrow a' = a \\Rightarrow f(a') = f(a)")
      .numbers("[[geometry.moved_projection]] = [[geometry.projection]], \\quad [[geometry.moved_a]] = [[neuron.a]]")
      .compute({"geometry.moved_projection", "geometry.projection", "geometry.moved_a", "neuron.a"},
               [](const Inputs& in) -> Value {
                 const bool holds = close(in.scalar("geometry.moved_projection"), in.scalar("geometry.projection")) &&
                                    close(in.scalar("geometry.moved_a"), in.scalar("neuron.a"));
                 return Verdict{holds, holds ? "the two points have the same projection onto w, hence the same "
                                               "input a and the same output for any f; the points of equal "
                                               "projection form a hyperplane perpendicular to w"
                                             : "the projections or the inputs differ"};
               });
}

// PD "Hyperplane geometry: orientation", eq. (2).
void orientation(Trace& trace) {
  //! [orientation]
  trace.section("Hyperplane geometry: orientation");
  trace.step("orientation.cos", "The direction cosines, eq. (2)")
      .formula("w_i = \\mathbf{w}^T\\mathbf{e}_i = \\|\\mathbf{w}\\|\\cos\\theta_i \\Rightarrow \\cos\\theta_i = \\frac{w_i}{\\|\\mathbf{w}\\|}")
      .numbers("\\frac{[[w]]}{[[geometry.norm]]}")
      .compute({"w", "geometry.norm"}, [](const Inputs& in) -> Value {
        return Eigen::VectorXd(in.vector("w") / in.scalar("geometry.norm"));  // cos θ_i = w_i/‖w‖
      });
  trace.step("orientation.angles", "The angles to the axes, in degrees")
      .formula("\\theta_i = \\arccos(\\cos\\theta_i)")
      .numbers("\\arccos [[orientation.cos]]")
      .compute({"orientation.cos"}, [](const Inputs& in) -> Value {
        // clamped to [−1, 1] so that a rounded cosine of ±1.0000000000000002 still has an angle
        return Eigen::VectorXd(in.vector("orientation.cos").unaryExpr([](double c) {
          return std::acos(std::clamp(c, -1.0, 1.0)) * 180.0 / std::numbers::pi;
        }));
      });
  trace.step("orientation.unit", "The cosines of a direction: their squares sum to 1")
      .formula("\\sum_{i=1}^D \\cos^2\\theta_i = \\frac{\\sum_i w_i^2}{\\|\\mathbf{w}\\|^2} = 1")
      .numbers("\\|[[orientation.cos]]\\|^2")
      .compute({"orientation.cos"}, [](const Inputs& in) -> Value { return in.vector("orientation.cos").squaredNorm(); });
  trace.step("orientation.cos1", "The first direction cosine alone, $\\cos\\theta_1$")
      .formula("\\cos\\theta_1 = \\frac{w_1}{\\|\\mathbf{w}\\|}")
      .numbers("\\text{the first entry of } [[orientation.cos]]")
      .compute({"orientation.cos"}, [](const Inputs& in) -> Value { return in.vector("orientation.cos")[0]; });
  trace.step("orientation.grad_cos1", "How $\\cos\\theta_1$ changes with $\\mathbf{w}$")
      .formula("\\frac{\\partial\\cos\\theta_1}{\\partial\\mathbf{w}} = \\frac{1}{\\|\\mathbf{w}\\|}\\left(\\mathbf{e}_1 - "
               "\\cos\\theta_1\\,\\frac{\\mathbf{w}}{\\|\\mathbf{w}\\|}\\right)")
      .numbers("\\frac{1}{[[geometry.norm]]}\\left(\\mathbf{e}_1 - [[orientation.cos1]] \\cdot [[orientation.cos]]\\right)")
      .compute({"w"}, [](const Inputs& in) -> Value { return direction_cosine_gradient(in.vector("w"), 0); });
  trace.claim_gradient("orientation.grad_cos1", "orientation.cos1", "w");
  trace.step("orientation.scale_free", "Is that gradient perpendicular to $\\mathbf{w}$ (no change when $\\mathbf{w}$ is scaled)?")
      .formula("\\mathbf{w}^T\\frac{\\partial\\cos\\theta_1}{\\partial\\mathbf{w}} = \\frac{w_1 - \\cos\\theta_1\\,\\|\\mathbf{w}\\|}{\\|\\mathbf{w}\\|} = 0")
      .numbers("[[w]]^T [[orientation.grad_cos1]]")
      .compute({"w", "orientation.grad_cos1"}, [](const Inputs& in) -> Value {
        const double along = in.vector("w").dot(in.vector("orientation.grad_cos1"));  // wᵀ∇cos θ₁
        const bool holds = std::abs(along) <= 1e-12 * in.vector("orientation.grad_cos1").norm() * in.vector("w").norm();
        return Verdict{holds, holds ? fmt::format("wᵀ∇ = {:.1e}: growing w along itself, w → (1 + ε)w, does not "
                                                  "change cos θ₁ — \"the orientation is independent of the magnitude of w\"",
                                                  along)
                                    : fmt::format("wᵀ∇ = {:.4g}", along)};
      });
  //! [orientation]
}

// PD "Hyperplane geometry: bias": d = −b/‖w‖.
void distance_from_the_origin(Trace& trace) {
  //! [bias]
  trace.section("Hyperplane geometry: bias");
  trace.step("bias.through_origin", "Without the bias, the plane $\\sum_{i=1}^D w_i x_i = 0$ passes through the origin; does this one?")
      .formula("u(\\mathbf{0}) = \\mathbf{w}^T\\mathbf{0} + b = b")
      .numbers("u(\\mathbf{0}) = [[b]]")
      .compute({"b"}, [](const Inputs& in) -> Value {
        const double b = in.scalar("b");
        return Verdict{b == 0.0, b == 0.0 ? "with b = 0 the origin is on the plane"
                                          : fmt::format("u(0) = b = {} ≠ 0, so the bias has shifted the plane away from "
                                                        "the origin",
                                                        num(b))};
      });
  trace.step("bias.distance", "The plane's signed distance from the origin")
      .formula("d = -\\frac{b}{\\|\\mathbf{w}\\|}")
      .numbers("-\\frac{[[b]]}{[[geometry.norm]]}")
      .compute({"b", "geometry.norm"}, [](const Inputs& in) -> Value {
        return -in.scalar("b") / in.scalar("geometry.norm");  // d = −b/‖w‖
      });
  trace.step("bias.grad_b", "How $d$ moves with the bias")
      .formula("\\frac{\\partial d}{\\partial b} = -\\frac{1}{\\|\\mathbf{w}\\|}")
      .numbers("-\\frac{1}{[[geometry.norm]]}")
      .compute({"w"}, [](const Inputs& in) -> Value { return hyperplane_distance_gradient_b(in.vector("w")); });
  trace.claim_gradient("bias.grad_b", "bias.distance", "b");
  trace.step("bias.grad_w", "How $d$ moves with the weights")
      .formula("\\frac{\\partial d}{\\partial \\mathbf{w}} = \\frac{b}{\\|\\mathbf{w}\\|^2}\\,\\frac{\\partial \\|\\mathbf{w}\\|}{\\partial \\mathbf{w}} = "
               "\\frac{b\\,\\mathbf{w}}{\\|\\mathbf{w}\\|^3}")
      .numbers("\\frac{[[b]] \\cdot [[w]]}{[[geometry.norm]]^3}")
      .compute({"w", "b"}, [](const Inputs& in) -> Value {
        return hyperplane_distance_gradient_w(in.vector("w"), in.scalar("b"));
      });
  trace.claim_gradient("bias.grad_w", "bias.distance", "w");
  trace.step("bias.v", "The closest point of the plane to the origin, parallel to $\\mathbf{w}$")
      .formula("\\mathbf{v} = d\\,\\frac{\\mathbf{w}}{\\|\\mathbf{w}\\|}")
      .numbers("[[bias.distance]] \\cdot \\frac{[[w]]}{[[geometry.norm]]}")
      .compute({"bias.distance", "w", "geometry.norm"}, [](const Inputs& in) -> Value {
        return Eigen::VectorXd(in.scalar("bias.distance") * in.vector("w") / in.scalar("geometry.norm"));  // v = d w/‖w‖
      });
  trace.step("bias.v_norm", "Its length is $|d|$")
      .formula("\\|\\mathbf{v}\\| = |d|\\,\\frac{\\|\\mathbf{w}\\|}{\\|\\mathbf{w}\\|} = |d|")
      .numbers("\\|[[bias.v]]\\|")
      .compute({"bias.v"}, [](const Inputs& in) -> Value { return in.vector("bias.v").norm(); });
  trace.step("bias.on_plane", "Is $\\mathbf{v}$ on the plane? ($d\\|\\mathbf{w}\\| + b = 0$ is where $d = -b/\\|\\mathbf{w}\\|$ comes from)")
      .formula("\\mathbf{w}^T\\mathbf{v} + b = d\\,\\frac{\\mathbf{w}^T\\mathbf{w}}{\\|\\mathbf{w}\\|} + b = d\\,\\|\\mathbf{w}\\| + b")
      .numbers("[[w]]^T [[bias.v]] + [[b]]")
      .compute({"w", "bias.v", "b"}, [](const Inputs& in) -> Value {
        const double u = in.vector("w").dot(in.vector("bias.v")) + in.scalar("b");  // u(v) = wᵀv + b
        const bool holds = std::abs(u) <= 1e-12 * std::max(1.0, std::abs(in.scalar("b")));
        return Verdict{holds, holds ? fmt::format("wᵀv + b = {:.1e}, zero up to rounding", u)
                                    : fmt::format("wᵀv + b = {}", num(u))};
      });
  //! [bias]
}

// The signed distance of a point: r(x) = u(x)/‖w‖.
void signed_distance(Trace& trace) {
  //! [signed_distance]
  for (const char* name : {"point1", "point2"}) {
    const std::string p = name;
    const std::string sup = p == "point1" ? "^{(1)}" : "^{(2)}";
    trace.section(fmt::format("The signed distance of the point $\\mathbf{{x}}{}$", sup));
    trace.step(p + ".u", fmt::format("The neuron's input at $\\mathbf{{x}}{}$", sup))
        .formula("u(\\mathbf{x}) = \\mathbf{w}^T\\mathbf{x} + b")
        .numbers(fmt::format("[[w]]^T [[{}]] + [[b]]", p))
        .compute({"w", p, "b"}, [p](const Inputs& in) -> Value { return in.vector("w").dot(in.vector(p)) + in.scalar("b"); });
    trace.step(p + ".r", "Its signed distance from the plane")
        .formula("r(\\mathbf{x}) = \\frac{u(\\mathbf{x})}{\\|\\mathbf{w}\\|}")
        .numbers(fmt::format("\\frac{{[[{}.u]]}}{{[[geometry.norm]]}}", p))
        .compute({p + ".u", "geometry.norm"}, [p](const Inputs& in) -> Value {
          return in.scalar(p + ".u") / in.scalar("geometry.norm");  // r = u(x)/‖w‖
        });
    trace.step(p + ".grad", "Moving the point: the gradient of $r$ is the unit normal")
        .formula("\\frac{\\partial r}{\\partial \\mathbf{x}} = \\frac{\\mathbf{w}}{\\|\\mathbf{w}\\|}")
        .numbers("\\frac{[[w]]}{[[geometry.norm]]}")
        .compute({"w"}, [](const Inputs& in) -> Value { return signed_distance_gradient_x(in.vector("w")); });
    trace.claim_gradient(p + ".grad", p + ".r", p);
    trace.step(p + ".check", "Is $r$ the point's projection onto $\\mathbf{w}$ minus the plane's distance $d$?")
        .formula("r(\\mathbf{x}) = \\frac{\\mathbf{w}^T\\mathbf{x}}{\\|\\mathbf{w}\\|} - d")
        .numbers(fmt::format("\\frac{{[[w]]^T [[{}]]}}{{[[geometry.norm]]}} - [[bias.distance]]", p))
        .compute({"w", p, "geometry.norm", "bias.distance", p + ".r"}, [p](const Inputs& in) -> Value {
          const double difference = in.vector("w").dot(in.vector(p)) / in.scalar("geometry.norm") - in.scalar("bias.distance");
          const bool holds = close(difference, in.scalar(p + ".r"));
          return Verdict{holds, holds ? fmt::format("{} − d = {} = r; the distance to the plane is measured along w",
                                                    num(difference + in.scalar("bias.distance")), num(difference))
                                      : fmt::format("the difference is {}, r is {}", num(difference), num(in.scalar(p + ".r")))};
        });
    trace.step(p + ".foot", "The foot of the perpendicular: step back $r$ along the unit normal")
        .formula("\\mathbf{p} = \\mathbf{x} - r(\\mathbf{x})\\,\\frac{\\mathbf{w}}{\\|\\mathbf{w}\\|}")
        .numbers(fmt::format("[[{0}]] - [[{0}.r]] \\cdot [[{0}.grad]]", p))
        .compute({p, p + ".r", p + ".grad"}, [p](const Inputs& in) -> Value {
          return Eigen::VectorXd(in.vector(p) - in.scalar(p + ".r") * in.vector(p + ".grad"));
        });
    trace.step(p + ".side", fmt::format("Which side is $\\mathbf{{x}}{}$ on, and is its foot on the plane?", sup))
        .formula("r(\\mathbf{x}) > 0 \\;?\\quad \\mathbf{w}^T\\mathbf{p} + b = 0")
        .numbers(fmt::format("[[{0}.r]], \\quad [[w]]^T [[{0}.foot]] + [[b]]", p))
        .compute({p + ".r", p + ".foot", "w", "b"}, [p](const Inputs& in) -> Value {
          const double r = in.scalar(p + ".r");
          const double u_foot = in.vector("w").dot(in.vector(p + ".foot")) + in.scalar("b");
          const bool on_plane = std::abs(u_foot) <= 1e-12 * std::max(1.0, std::abs(in.scalar("b")));
          return Verdict{r > 0, fmt::format("{} (r = {}); the foot {} on the plane", r > 0 ? "on the positive side, the one w points to"
                                                                              : r < 0 ? "on the negative side, away from where w points"
                                                                                      : "on the plane itself",
                                            num(r), on_plane ? "lies" : "does not lie")};
        });
  }
  //! [signed_distance]
  trace.section("Both points");
  trace.step("points.separated", "Does the plane separate the two points?")
      .formula("r(\\mathbf{x}^{(1)})\\,r(\\mathbf{x}^{(2)}) < 0")
      .numbers("[[point1.r]] \\cdot [[point2.r]]")
      .compute({"point1.r", "point2.r"}, [](const Inputs& in) -> Value {
        const double product = in.scalar("point1.r") * in.scalar("point2.r");
        return Verdict{product < 0, product < 0 ? "opposite signs, so a step unit f fires for one and not the other"
                                                : "both on the same side (or on the plane)"};
      });
}

// Scaling w̃ = (b, w).
void scaling(Trace& trace) {
  add_scaling(trace, "scaled", "c", false);
  trace.step("scaled.w_only", "Had only $\\mathbf{w}$ been scaled, not $b$: where would the plane be?")
      .formula("-\\frac{b}{\\|c\\,\\mathbf{w}\\|} = \\frac{d}{|c|}")
      .numbers("-\\frac{[[b]]}{[[scaled.norm]]}")
      .compute({"b", "scaled.norm"}, [](const Inputs& in) -> Value { return -in.scalar("b") / in.scalar("scaled.norm"); });
  add_scaling(trace, "flipped", "c.flip", true);
}

}  // namespace neuron_geometry_parts

Trace neuron_geometry(const ChapterOptions& options) {
  using namespace neuron_geometry_parts;
  Trace trace("neuron_geometry", "The artificial neuron and its hyperplane");
  const Setting setting = options.seed ? drawn_setting(*options.seed) : Setting{};
  trace
      .summary(
          "A neuron computes $f(\\mathbf{w}^T\\mathbf{x} + b)$; folding the bias in as $w_0$ on an input $x_0 = 1$ "
          "gives $f(\\sum_{j=0}^D w_j x_j)$. Its inputs with $\\mathbf{w}^T\\mathbf{x} + b = 0$ form a hyperplane "
          "perpendicular to $\\mathbf{w}$: the direction cosines $\\cos\\theta_i = w_i/\\|\\mathbf{w}\\|$ give its "
          "orientation, $d = -b/\\|\\mathbf{w}\\|$ its signed distance from the origin, and $u(\\mathbf{x})/\\|\\mathbf{w}\\|$ "
          "the signed distance of any point. Scaling $(b, \\mathbf{w})$ by $c > 0$ changes none of these; $c < 0$ "
          "keeps the plane but reverses its orientation and the sign of every distance. " +
          std::string(options.seed ? "This variant draws w, b, the points and the scale factors from the seed."
                                   : "The slides print no numbers; the defaults are ours: w = (3, 4) so that "
                                     "‖w‖ = 5, b = −10 so that d = 2, the points (2, 3) and (1, 1) on either "
                                     "side, a shift s = 1 along the plane, and the scale factors c = 2 and "
                                     "c = −0.5."))
      .source("PD", "003_b5a9c74466967a6d.txt",
              {"The artificial neuron", "Some hyperplane geometry", "Hyperplane geometry: orientation",
               "Hyperplane geometry: bias"})
      .convention(
          "PD's notation, column vectors. On the neuron slide the bias b is $w_0$ on the input $x_0 = 1$, and "
          "$\\tilde{\\mathbf{w}} = (w_0, w_1, \\ldots, w_D)$, $\\tilde{\\mathbf{x}} = (1, x_1, \\ldots, x_D)$; on the "
          "geometry slides $\\mathbf{w} = (w_1, \\ldots, w_D)$ leaves the bias out, so $\\|\\mathbf{w}\\|$ does not "
          "include $b$. $u(\\mathbf{x}) = \\mathbf{w}^T\\mathbf{x} + b$ is the neuron's input (PD's u; the $a$ of "
          "$y = f(a)$). Distances are signed: positive on the side $\\mathbf{w}$ points to. D = 2 here, so the "
          "hyperplane is a line; every formula holds for any D.")
      .notation("\\mathbf{w}, b", "the weights $(w_1, w_2)$ and the bias")
      .notation("\\tilde{\\mathbf{w}}, \\tilde{\\mathbf{x}}", "the extended vectors $(w_0 = b, w_1, w_2)$ and $(x_0 = 1, x_1, x_2)$")
      .notation("a, u(\\mathbf{x})", "the neuron's input $\\mathbf{w}^T\\mathbf{x} + b$; its output is $y = f(a)$")
      .notation("\\theta", "the angle between $\\mathbf{w}$ and a point $\\mathbf{x}$")
      .notation("\\theta_i", "the angle between $\\mathbf{w}$ and the i-th axis $\\mathbf{e}_i$")
      .notation("d, \\mathbf{v}", "the plane's signed distance from the origin, and its closest point to the origin")
      .notation("r(\\mathbf{x})", "the signed distance of the point $\\mathbf{x}$ from the plane, $u(\\mathbf{x})/\\lVert\\mathbf{w}\\rVert$")
      .notation("\\mathbf{p}", "the foot of the perpendicular from a point to the plane")
      .notation("c, c'", "scale factors applied to all of $\\tilde{\\mathbf{w}}$; primes mark the scaled neuron's values")
      .seed(options.seed)
      .rounding({Rounding::Mode::significant, 4});

  trace.parameter("w", "\\mathbf{w}", "the weights $(w_1, w_2)$, without the bias", setting.w);
  trace.parameter("b", "b", "the bias ($= w_0$)", setting.b);
  trace.parameter("point1", "\\mathbf{x}^{(1)}", "an input point", setting.point1);
  trace.parameter("point2", "\\mathbf{x}^{(2)}", "a second input point", setting.point2);
  trace.parameter("s", "s", "how far $\\mathbf{x}^{(1)}$ is moved along the plane", setting.s);
  trace.parameter("c", "c", "a positive scale factor", setting.c);
  trace.parameter("c.flip", "c'", "a negative scale factor", setting.c_flip);

  bias_as_a_weight(trace);
  norm_and_projection(trace);
  orientation(trace);
  distance_from_the_origin(trace);
  signed_distance(trace);
  scaling(trace);
  return trace;
}

}  // namespace nnwb::chapters
