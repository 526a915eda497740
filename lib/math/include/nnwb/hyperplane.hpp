#pragma once
/// @file hyperplane.hpp
/// The geometry of one neuron's hyperplane wᵀx + b = 0: its orientation (the direction cosines of
/// w), its signed distance from the origin, the closest point to the origin, and the signed
/// distance of a point; each beside its gradient, where a chapter needs one.
/// Lecture steps: PD "Some hyperplane geometry", "Hyperplane geometry: orientation",
/// "Hyperplane geometry: bias".
///
/// Convention (PD "…: bias"): w = (w₁, …, w_D) holds the weights *without* the bias b = w₀, so
/// ‖w‖ = √(Σ_{i=1}^D w_i²) and the hyperplane is {x : wᵀx + b = 0}. Every function needs w ≠ 0.
/// Shapes: w, x: (D).
///
/// Example (w = (3, 4), b = −10: ‖w‖ = 5, the plane lies at d = 2 from the origin):
/// @code
/// const Eigen::VectorXd w = Eigen::Vector2d(3, 4);
/// const double d = nnwb::hyperplane_distance(w, -10.0);                            // 2
/// const Eigen::VectorXd v = nnwb::hyperplane_closest_point(w, -10.0);              // (1.2, 1.6)
/// const double r = nnwb::signed_distance(w, -10.0, Eigen::Vector2d(2, 3));         // 8/5 = 1.6
/// @endcode

#include <Eigen/Core>
#include <optional>
#include <utility>

namespace nnwb {

/// PD "Hyperplane geometry: orientation", eq. (2): cos θ_i = w_i/‖w‖, the cosine of the angle
/// between w and the i-th axis e_i (wᵀe_i = ‖w‖ cos θ_i). Unchanged when w is scaled by c > 0;
/// negated by c < 0. Σ_i cos² θ_i = 1. w: (D) → (D)
Eigen::VectorXd direction_cosines(const Eigen::VectorXd& w);
/// ∂cos θ_i/∂w = (e_i − cos θ_i · w/‖w‖)/‖w‖, orthogonal to w (cos θ_i does not change along w).
/// w: (D) → (D); i counts from 0 (the first weight w₁ is i = 0).
Eigen::VectorXd direction_cosine_gradient(const Eigen::VectorXd& w, Eigen::Index i);

/// PD "Hyperplane geometry: bias": the signed distance of the hyperplane from the origin,
/// d = −b/‖w‖ (positive when the origin is on the negative side, wᵀ0 + b = b < 0).
double hyperplane_distance(const Eigen::VectorXd& w, double b);
/// ∂d/∂b = −1/‖w‖.
double hyperplane_distance_gradient_b(const Eigen::VectorXd& w);
/// ∂d/∂w = b w/‖w‖³ (from ∂‖w‖/∂w = w/‖w‖). w: (D) → (D)
Eigen::VectorXd hyperplane_distance_gradient_w(const Eigen::VectorXd& w, double b);

/// PD "Hyperplane geometry: bias": v = d w/‖w‖, the closest point of the hyperplane to the origin
/// (normal to the plane, so parallel to w). Unchanged when (w, b) is scaled by any c ≠ 0.
/// w: (D) → (D)
Eigen::VectorXd hyperplane_closest_point(const Eigen::VectorXd& w, double b);

/// The signed distance of a point from the hyperplane: r(x) = y(x)/‖w‖ with y(x) = wᵀx + b;
/// positive on the side w points to. w, x: (D)
double signed_distance(const Eigen::VectorXd& w, double b, const Eigen::VectorXd& x);
/// ∂r/∂x = w/‖w‖, the unit normal. w: (D) → (D)
Eigen::VectorXd signed_distance_gradient_x(const Eigen::VectorXd& w);

/// The foot of the perpendicular from x to the hyperplane: x − r(x) w/‖w‖. w, x: (D) → (D)
Eigen::VectorXd hyperplane_foot(const Eigen::VectorXd& w, double b, const Eigen::VectorXd& x);

/// A line in the plane, w₁x₁ + w₂x₂ + b = 0, as it crosses the box [x_low, x_high] × [y_low,
/// y_high]: its two end points on the box's edges, for drawing a decision boundary. None if the
/// line misses the box or only touches a corner, or if w = 0 (no line). w: (2) → two points (2)
std::optional<std::pair<Eigen::Vector2d, Eigen::Vector2d>> line_in_box(
    const Eigen::Vector2d& w, double b, std::pair<double, double> x_range,
    std::pair<double, double> y_range);

}  // namespace nnwb
