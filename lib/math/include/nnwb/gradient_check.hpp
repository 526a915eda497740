#pragma once
/// @file gradient_check.hpp
/// Finite-difference gradient checking (BMB "Implementational Details").
///   forward difference  (f(θ + ε) − f(θ)) / ε          error O(ε)
///   central difference  (f(θ + ε) − f(θ − ε)) / (2ε)   error O(ε²)
///   relative error      |g − ĝ| / max(|g|, |ĝ|)          (absolute below a floor, where relative misleads)

#include <Eigen/Core>
#include <functional>

namespace nnwb {

enum class Difference { forward, central };

/// The default step. A central difference errs by about ε²|f'''|/6 (truncation) plus
/// 1e−16·|f|/ε (rounding); the sum is smallest near ε = ∛(1e−16) ≈ 1e−5.
inline constexpr double default_epsilon = 1e-5;

/// df/dx at x, by a forward or central difference.
double numerical_derivative(const std::function<double(double)>& f, double x,
                            double epsilon = default_epsilon,
                            Difference kind = Difference::central);

/// ∇f at θ, one coordinate at a time. θ: any shape → the gradient in θ's shape.
/// f reads θ; θ is perturbed in place and restored.
Eigen::MatrixXd numerical_gradient(const std::function<double()>& f, Eigen::Ref<Eigen::MatrixXd> theta,
                                   double epsilon = default_epsilon,
                                   Difference kind = Difference::central);

/// As above for a function of a vector argument. θ: (n) → (n)
Eigen::VectorXd numerical_gradient(const std::function<double(const Eigen::VectorXd&)>& f,
                                   const Eigen::VectorXd& theta, double epsilon = default_epsilon,
                                   Difference kind = Difference::central);

/// |a − b| / max(|a|, |b|), or |a − b| when both are below `floor` in magnitude; ∞ when either is
/// NaN or infinite and they differ.
double relative_error(double a, double b, double floor = 1e-8);

/// The largest relative_error over the entries of two same-shaped arrays.
double max_relative_error(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b, double floor = 1e-8);

}  // namespace nnwb
