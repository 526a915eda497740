// The geometry of a neuron's hyperplane wᵀx + b = 0; see hyperplane.hpp. PD "Some hyperplane
// geometry", "Hyperplane geometry: orientation", "Hyperplane geometry: bias".
#include "nnwb/hyperplane.hpp"

#include <stdexcept>
#include <vector>

namespace nnwb {
namespace {

// ‖w‖ = √(Σ w_i²), which every formula here divides by.
double norm_of(const Eigen::VectorXd& w) {
  const double n = w.norm();
  if (!(n > 0.0)) throw std::invalid_argument("hyperplane: w must not be 0");
  return n;
}

}  // namespace

Eigen::VectorXd direction_cosines(const Eigen::VectorXd& w) {
  return w / norm_of(w);  // cos θ_i = w_i/‖w‖
}

Eigen::VectorXd direction_cosine_gradient(const Eigen::VectorXd& w, Eigen::Index i) {
  if (i < 0 || i >= w.size()) throw std::out_of_range("direction_cosine_gradient: no such axis");
  const double n = norm_of(w);
  Eigen::VectorXd g = -(w[i] / n) * (w / n);  // −cos θ_i · w/‖w‖ …
  g[i] += 1.0;                                 // … + e_i
  return g / n;                                // ∂cos θ_i/∂w = (e_i − cos θ_i w/‖w‖)/‖w‖
}

double hyperplane_distance(const Eigen::VectorXd& w, double b) { return -b / norm_of(w); }  // d = −b/‖w‖

double hyperplane_distance_gradient_b(const Eigen::VectorXd& w) { return -1.0 / norm_of(w); }  // ∂d/∂b = −1/‖w‖

Eigen::VectorXd hyperplane_distance_gradient_w(const Eigen::VectorXd& w, double b) {
  const double n = norm_of(w);
  return (b / (n * n * n)) * w;  // ∂d/∂w = −b · ∂(1/‖w‖)/∂w = −b · (−w/‖w‖³) = b w/‖w‖³
}

Eigen::VectorXd hyperplane_closest_point(const Eigen::VectorXd& w, double b) {
  const double n = norm_of(w);
  return hyperplane_distance(w, b) * (w / n);  // v = d w/‖w‖
}

double signed_distance(const Eigen::VectorXd& w, double b, const Eigen::VectorXd& x) {
  if (x.size() != w.size()) throw std::invalid_argument("signed_distance: x and w differ in size");
  return (w.dot(x) + b) / norm_of(w);  // r(x) = (wᵀx + b)/‖w‖
}

Eigen::VectorXd signed_distance_gradient_x(const Eigen::VectorXd& w) { return w / norm_of(w); }  // ∂r/∂x = w/‖w‖

Eigen::VectorXd hyperplane_foot(const Eigen::VectorXd& w, double b, const Eigen::VectorXd& x) {
  return x - signed_distance(w, b, x) * (w / norm_of(w));  // x − r(x) w/‖w‖
}

std::optional<std::pair<Eigen::Vector2d, Eigen::Vector2d>> line_in_box(
    const Eigen::Vector2d& w, double b, std::pair<double, double> x_range,
    std::pair<double, double> y_range) {
  if (w.isZero()) return std::nullopt;
  // Where the line meets each of the box's four edge lines, kept if it lies on the edge itself.
  std::vector<Eigen::Vector2d> hits;
  const auto keep = [&](const Eigen::Vector2d& p) {
    const double slack = 1e-12 * (1 + p.cwiseAbs().maxCoeff());
    if (p.x() < x_range.first - slack || p.x() > x_range.second + slack) return;
    if (p.y() < y_range.first - slack || p.y() > y_range.second + slack) return;
    hits.push_back(p);
  };
  if (w[1] != 0)  // x₂ = −(b + w₁x₁)/w₂ on the left and right edges
    for (double x : {x_range.first, x_range.second}) keep({x, -(b + w[0] * x) / w[1]});
  if (w[0] != 0)  // x₁ = −(b + w₂x₂)/w₁ on the bottom and top edges
    for (double y : {y_range.first, y_range.second}) keep({-(b + w[1] * y) / w[0], y});
  // The two hits farthest apart (a line through a corner hits two edges at the same point).
  std::optional<std::pair<Eigen::Vector2d, Eigen::Vector2d>> best;
  double longest = 0;
  for (std::size_t i = 0; i < hits.size(); ++i)
    for (std::size_t j = i + 1; j < hits.size(); ++j)
      if (const double d = (hits[i] - hits[j]).norm(); d > longest) {
        longest = d;
        best = std::pair{hits[i], hits[j]};
      }
  return best;
}

}  // namespace nnwb
