#pragma once
/// @file levenberg_marquardt.hpp
/// Levenberg–Marquardt for nonlinear least squares: minimise E(θ) = ½‖r(θ)‖² = ½ Σ_n r_n(θ)²,
/// the sum-of-squares error of PD "Error & output functions: regression" with r_n = y(x_n, θ) − t_n.
///
/// Each iteration linearises the residuals, r(θ + Δ) ≈ r + JΔ with J = ∂r/∂θ, and solves the damped
/// normal equations
///   (JᵀJ + μI) Δ = −Jᵀr = −∇E
/// by an LDLᵀ factorisation (JᵀJ + μI is symmetric positive definite for μ > 0). Small μ gives the
/// Gauss–Newton step; large μ a short gradient-descent step −∇E/μ. The damping follows Nielsen's
/// rule (Madsen, Nielsen & Tingleff, "Methods for non-linear least squares problems", 2004,
/// Algorithm 3.16): with the gain ratio
///   ρ = (E(θ) − E(θ + Δ)) / (½ Δᵀ(μΔ − ∇E))          (actual over predicted decrease)
/// a step with ρ > 0 is taken and μ ← μ · max(1/3, 1 − (2ρ − 1)³); otherwise μ ← μν, ν ← 2ν.
/// It stops when ‖∇E‖∞ ≤ gradient_tolerance, when the step is negligible beside θ, or after
/// max_iterations.
///
/// Example (fit y = θ₀ e^{θ₁ x}: r_n = θ₀ e^{θ₁ x_n} − t_n):
/// @code
/// const auto problem = [&](const Eigen::VectorXd& th) {
///   nnwb::Linearisation l{Eigen::VectorXd(n), Eigen::MatrixXd(n, 2)};
///   for (Eigen::Index i = 0; i < n; ++i) {
///     const double e = std::exp(th[1] * x[i]);
///     l.residuals[i] = th[0] * e - t[i];
///     l.jacobian.row(i) << e, th[0] * x[i] * e;  // ∂r_i/∂θ₀, ∂r_i/∂θ₁
///   }
///   return l;
/// };
/// const nnwb::LevenbergMarquardtResult fit = nnwb::levenberg_marquardt(problem, Eigen::Vector2d(1, 0));
/// @endcode

#include <Eigen/Core>
#include <functional>

namespace nnwb {

/// The residuals at θ and their Jacobian: r: (N), J = ∂r/∂θ: (N, P).
struct Linearisation {
  Eigen::VectorXd residuals;
  Eigen::MatrixXd jacobian;
};

/// θ: (P) → r(θ) and J(θ).
using ResidualFunction = std::function<Linearisation(const Eigen::VectorXd&)>;

struct LevenbergMarquardtOptions {
  int max_iterations = 200;
  double initial_damping = 1e-3;      ///< τ: μ₀ = τ · max_i (JᵀJ)_ii
  double gradient_tolerance = 1e-12;  ///< stop when ‖∇E‖∞ = ‖Jᵀr‖∞ is at most this
  double step_tolerance = 1e-14;      ///< stop when ‖Δ‖ ≤ step_tolerance (‖θ‖ + step_tolerance)
};

struct LevenbergMarquardtResult {
  enum class Stop { gradient, step, iterations };
  Eigen::VectorXd theta;     ///< the last accepted θ: (P)
  double error = 0;          ///< E(θ) = ½‖r(θ)‖²
  Eigen::VectorXd gradient;  ///< ∇E(θ) = J(θ)ᵀ r(θ): (P)
  int iterations = 0;        ///< steps tried, taken or not
  Stop stop = Stop::iterations;
};

/// Minimises ½‖r(θ)‖² from θ₀ (see the file comment). Rejects steps to non-finite residuals.
LevenbergMarquardtResult levenberg_marquardt(const ResidualFunction& residuals, Eigen::VectorXd theta,
                                             const LevenbergMarquardtOptions& options = {});

}  // namespace nnwb
