#pragma once
/// @file activations.hpp
/// Activation functions g(a) and their derivatives g'(a), forward and backward side by side.
/// Lecture steps: EDI "Other activation functions", PD "Activation function" to "ELU",
/// CTU "Reminder: Derivatives of Activation Functions", BMB "Activation Functions".
/// `a` is the pre-activation (the weighted sum); `λ` is CTU's slope.

#include <Eigen/Core>
#include <string_view>

namespace nnwb {

/// Step (Heaviside), BMB's McCulloch–Pitts unit: g(a) = 1 if a > 0, else 0 (so g(0) = 0).
double step(double a);
/// g'(a) = 0 for a ≠ 0 (undefined at 0; we return 0 there too, as gradient codes do).
double step_derivative(double a);

/// Sign, PD's perceptron activation: f(a) = +1 if a ≥ 0, else −1.
double sign(double a);
/// f'(a) = 0 for a ≠ 0 (undefined at 0; we return 0).
double sign_derivative(double a);

/// Identity: g(a) = a.
double identity(double a);
/// g'(a) = 1.
double identity_derivative(double a);

/// Logistic sigmoid with slope λ: \f$\sigma(\lambda a) = 1 / (1 + e^{-\lambda a})\f$.
/// Stable for |λa| = 1000: never evaluates e^{+large}.
double sigmoid(double a, double lambda = 1.0);
/// \f$\frac{d}{da} \sigma(\lambda a) = \lambda\, \sigma(\lambda a)(1 - \sigma(\lambda a))\f$.
double sigmoid_derivative(double a, double lambda = 1.0);

/// Hyperbolic tangent with slope λ: \f$\tanh(\lambda a) = (e^{\lambda a} - e^{-\lambda a}) / (e^{\lambda a} + e^{-\lambda a})\f$.
double tanh(double a, double lambda = 1.0);
/// \f$\frac{d}{da} \tanh(\lambda a) = \lambda (1 - \tanh^2(\lambda a))\f$.
double tanh_derivative(double a, double lambda = 1.0);

/// Rectified linear unit: g(a) = max(0, a).
double relu(double a);
/// g'(a) = 1 if a > 0, else 0 (0 at a = 0 by convention).
double relu_derivative(double a);

/// Leaky ReLU: g(a) = a if a > 0, else αa.
double leaky_relu(double a, double alpha = 0.01);
/// g'(a) = 1 if a > 0, else α.
double leaky_relu_derivative(double a, double alpha = 0.01);

/// Exponential linear unit: g(a) = a if a > 0, else α(e^a − 1).
double elu(double a, double alpha = 1.0);
/// g'(a) = 1 if a > 0, else αe^a.
double elu_derivative(double a, double alpha = 1.0);

/// Softplus: g(a) = log(1 + e^a), computed as max(a, 0) + log1p(e^{−|a|}) so it never overflows.
double softplus(double a);
/// g'(a) = σ(a).
double softplus_derivative(double a);

/// Which activation a layer or a chapter uses; `parameter` is λ for sigmoid and tanh, α for leaky
/// ReLU and ELU, and unused otherwise.
struct Activation {
  enum class Kind { step, sign, identity, sigmoid, tanh, relu, leaky_relu, elu, softplus };
  Kind kind = Kind::identity;
  double parameter = 1.0;

  static Activation step() { return {Kind::step, 1.0}; }
  static Activation sign() { return {Kind::sign, 1.0}; }
  static Activation identity() { return {Kind::identity, 1.0}; }
  static Activation sigmoid(double lambda = 1.0) { return {Kind::sigmoid, lambda}; }
  static Activation tanh(double lambda = 1.0) { return {Kind::tanh, lambda}; }
  static Activation relu() { return {Kind::relu, 1.0}; }
  static Activation leaky_relu(double alpha = 0.01) { return {Kind::leaky_relu, alpha}; }
  static Activation elu(double alpha = 1.0) { return {Kind::elu, alpha}; }
  static Activation softplus() { return {Kind::softplus, 1.0}; }

  /// g(a)
  double value(double a) const;
  /// g'(a)
  double derivative(double a) const;
  /// g applied elementwise. a: any shape.
  Eigen::MatrixXd value(const Eigen::MatrixXd& a) const;
  /// g' applied elementwise. a: any shape.
  Eigen::MatrixXd derivative(const Eigen::MatrixXd& a) const;
  /// A short name: "sigmoid", "tanh", …
  std::string_view name() const;
};

}  // namespace nnwb
