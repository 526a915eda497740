// Levenberg–Marquardt with Nielsen's damping rule; see levenberg_marquardt.hpp.
#include "nnwb/levenberg_marquardt.hpp"

#include <Eigen/Cholesky>
#include <algorithm>
#include <cmath>

namespace nnwb {

LevenbergMarquardtResult levenberg_marquardt(const ResidualFunction& residuals, Eigen::VectorXd theta,
                                             const LevenbergMarquardtOptions& options) {
  using Stop = LevenbergMarquardtResult::Stop;
  Linearisation at = residuals(theta);
  double error = 0.5 * at.residuals.squaredNorm();                     // E = ½‖r‖²
  Eigen::MatrixXd normal = at.jacobian.transpose() * at.jacobian;      // JᵀJ: (P, P)
  Eigen::VectorXd gradient = at.jacobian.transpose() * at.residuals;   // ∇E = Jᵀr: (P)
  double damping = options.initial_damping * normal.diagonal().maxCoeff();  // μ₀ = τ max (JᵀJ)_ii
  double growth = 2.0;                                                // ν
  LevenbergMarquardtResult result;
  result.stop = Stop::iterations;
  const auto small_gradient = [&] { return gradient.lpNorm<Eigen::Infinity>() <= options.gradient_tolerance; };
  if (small_gradient()) result.stop = Stop::gradient;
  int iteration = 0;
  while (result.stop == Stop::iterations && iteration < options.max_iterations) {
    ++iteration;
    // (JᵀJ + μI) Δ = −∇E
    Eigen::MatrixXd damped = normal;
    damped.diagonal().array() += damping;
    const Eigen::VectorXd step = damped.ldlt().solve(-gradient);
    if (step.norm() <= options.step_tolerance * (theta.norm() + options.step_tolerance)) {
      result.stop = Stop::step;
      break;
    }
    const Eigen::VectorXd trial = theta + step;
    Linearisation there = residuals(trial);
    const double trial_error = 0.5 * there.residuals.squaredNorm();
    // ρ = (E(θ) − E(θ + Δ)) / (½ Δᵀ(μΔ − ∇E)); the denominator is the linear model's decrease.
    const double predicted = 0.5 * step.dot(damping * step - gradient);
    const double gain = std::isfinite(trial_error) ? (error - trial_error) / predicted : -1.0;
    if (gain > 0) {
      theta = trial;
      at = std::move(there);
      error = trial_error;
      normal = at.jacobian.transpose() * at.jacobian;
      gradient = at.jacobian.transpose() * at.residuals;
      damping *= std::max(1.0 / 3.0, 1.0 - std::pow(2.0 * gain - 1.0, 3));  // trust the model more
      growth = 2.0;
      if (small_gradient()) result.stop = Stop::gradient;
    } else {
      damping *= growth;  // trust it less: a shorter step, nearer to −∇E
      growth *= 2.0;
    }
  }
  result.theta = std::move(theta);
  result.error = error;
  result.gradient = std::move(gradient);
  result.iterations = iteration;
  return result;
}

}  // namespace nnwb
