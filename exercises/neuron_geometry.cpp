// Exercises on chapter 7, neuron_geometry: the hyperplane an artificial neuron draws (PD "Some
// hyperplane geometry", "Hyperplane geometry: orientation", "Hyperplane geometry: bias").
//
// neuron_geometry.hyperplane: the student computes ‖w‖, the direction cosines cos θ_i = w_i/‖w‖, the
// plane's distance from the origin d = −b/‖w‖ and its closest point v = d w/‖w‖, then a point's
// input u(x) = wᵀx + b and its signed distance r(x) = u(x)/‖w‖ from the plane.
#include <cmath>

#include "chapters.hpp"
#include "exercises.hpp"

namespace nnwb::exercises {

void neuron_geometry(std::vector<Exercise>& out) {
  Exercise e("neuron_geometry.hyperplane", "neuron_geometry", "The hyperplane of a neuron",
             chapters::neuron_geometry);
  e.instructions(
      "For the neuron $u = \\mathbf{w}^T\\mathbf{x} + b$, compute the length $\\|\\mathbf{w}\\|$, the "
      "orientation $\\cos\\theta_i = w_i/\\|\\mathbf{w}\\|$, the plane's signed distance from the origin "
      "$d = -b/\\|\\mathbf{w}\\|$ and its closest point $\\mathbf{v} = d\\,\\mathbf{w}/\\|\\mathbf{w}\\|$. "
      "Then, for the point $\\mathbf{x}^{(2)}$, its input $u(\\mathbf{x}) = \\mathbf{w}^T\\mathbf{x} + b$ "
      "and its signed distance $r(\\mathbf{x}) = u(\\mathbf{x})/\\|\\mathbf{w}\\|$ from the plane (positive "
      "on the side $\\mathbf{w}$ points to).");
  e.ask("geometry.norm")
      // Σ w_i²: no square root.
      .mistake("no_square_root", "‖w‖ = √(Σ_i w_i²): the square root is left out", {},
               [](const Inputs& in) -> Value { return in.vector("w").squaredNorm(); })
      // Σ |w_i|.
      .mistake("sum_of_entries", "‖w‖ is the Euclidean length √(Σ_i w_i²), not the sum of the |w_i|", {},
               [](const Inputs& in) -> Value { return in.vector("w").cwiseAbs().sum(); });
  e.ask("orientation.cos")
      // w_i/‖w‖².
      .mistake("squared_norm", "cos θ_i = w_i/‖w‖ divides by the length ‖w‖, not by ‖w‖²", {},
               [](const Inputs& in) -> Value {
                 const double n = in.scalar("geometry.norm");
                 return Eigen::VectorXd(in.vector("w") / (n * n));
               });
  e.ask("bias.distance", 2)
      // b/‖w‖.
      .mistake("sign", "the sign is reversed: the plane wᵀx + b = 0 lies at d = −b/‖w‖ along w", {},
               [](const Inputs& in) -> Value { return in.scalar("b") / in.scalar("geometry.norm"); })
      // −b.
      .mistake("not_divided", "d = −b/‖w‖: the bias is divided by the length of w", {"b"},
               [](const Inputs& in) -> Value { return -in.scalar("b"); });
  e.ask("bias.v")
      // d w.
      .mistake("not_unit", "v = d w/‖w‖ steps the distance d along the unit vector w/‖w‖, not along w itself",
               {"bias.distance", "w"},
               [](const Inputs& in) -> Value { return Eigen::VectorXd(in.scalar("bias.distance") * in.vector("w")); });
  e.ask("point2.u")
      // wᵀx.
      .mistake("bias_left_out", "u(x) = wᵀx + b includes the bias b", {"w", "point2"},
               [](const Inputs& in) -> Value { return in.vector("w").dot(in.vector("point2")); })
      // wᵀx − b.
      .mistake("bias_subtracted", "u(x) = wᵀx + b adds the bias b", {"w", "point2", "b"},
               [](const Inputs& in) -> Value { return in.vector("w").dot(in.vector("point2")) - in.scalar("b"); });
  e.ask("point2.r", 2)
      // u(x).
      .mistake("not_divided", "the distance is r(x) = u(x)/‖w‖: u(x) alone grows when w and b are scaled",
               {"point2.u"}, [](const Inputs& in) -> Value { return in.scalar("point2.u"); })
      // u(x)/‖w‖².
      .mistake("squared_norm", "r(x) = u(x)/‖w‖ divides by the length ‖w‖, not by ‖w‖²", {},
               [](const Inputs& in) -> Value {
                 const double n = in.scalar("geometry.norm");
                 return in.scalar("point2.u") / (n * n);
               });
  out.push_back(std::move(e));
}

}  // namespace nnwb::exercises
