// Activation functions and their derivatives; see activations.hpp for the lecture steps.
#include "nnwb/activations.hpp"

#include <cmath>

namespace nnwb {

double step(double a) { return a > 0.0 ? 1.0 : 0.0; }  // g(0) = 0, as BMB's XNOR table needs
double step_derivative(double /*a*/) { return 0.0; }

double sign(double a) { return a >= 0.0 ? 1.0 : -1.0; }  // PD: f(a) = +1 if a ≥ 0
double sign_derivative(double /*a*/) { return 0.0; }

double identity(double a) { return a; }
double identity_derivative(double /*a*/) { return 1.0; }

double sigmoid(double a, double lambda) {
  const double x = lambda * a;
  if (x >= 0.0) return 1.0 / (1.0 + std::exp(-x));  // e^{−x} ≤ 1: no overflow
  const double e = std::exp(x);                     // x < 0: e^{x} < 1
  return e / (1.0 + e);                             // = 1/(1 + e^{−x}) multiplied through by e^{x}
}
double sigmoid_derivative(double a, double lambda) {
  const double s = sigmoid(a, lambda);
  return lambda * s * (1.0 - s);  // λσ(1 − σ)
}

double tanh(double a, double lambda) { return std::tanh(lambda * a); }  // std::tanh saturates to ±1
double tanh_derivative(double a, double lambda) {
  const double t = std::tanh(lambda * a);
  return lambda * (1.0 - t * t);  // λ(1 − tanh²)
}

double relu(double a) { return a > 0.0 ? a : 0.0; }
double relu_derivative(double a) { return a > 0.0 ? 1.0 : 0.0; }

double leaky_relu(double a, double alpha) { return a > 0.0 ? a : alpha * a; }
double leaky_relu_derivative(double a, double alpha) { return a > 0.0 ? 1.0 : alpha; }

double elu(double a, double alpha) { return a > 0.0 ? a : alpha * std::expm1(a); }  // α(e^a − 1)
double elu_derivative(double a, double alpha) { return a > 0.0 ? 1.0 : alpha * std::exp(a); }

double softplus(double a) { return std::max(a, 0.0) + std::log1p(std::exp(-std::abs(a))); }
double softplus_derivative(double a) { return sigmoid(a); }

double Activation::value(double a) const {
  switch (kind) {
    case Kind::step: return nnwb::step(a);
    case Kind::sign: return nnwb::sign(a);
    case Kind::identity: return nnwb::identity(a);
    case Kind::sigmoid: return nnwb::sigmoid(a, parameter);
    case Kind::tanh: return nnwb::tanh(a, parameter);
    case Kind::relu: return nnwb::relu(a);
    case Kind::leaky_relu: return nnwb::leaky_relu(a, parameter);
    case Kind::elu: return nnwb::elu(a, parameter);
    case Kind::softplus: return nnwb::softplus(a);
  }
  return a;
}

double Activation::derivative(double a) const {
  switch (kind) {
    case Kind::step: return step_derivative(a);
    case Kind::sign: return sign_derivative(a);
    case Kind::identity: return identity_derivative(a);
    case Kind::sigmoid: return sigmoid_derivative(a, parameter);
    case Kind::tanh: return tanh_derivative(a, parameter);
    case Kind::relu: return relu_derivative(a);
    case Kind::leaky_relu: return leaky_relu_derivative(a, parameter);
    case Kind::elu: return elu_derivative(a, parameter);
    case Kind::softplus: return softplus_derivative(a);
  }
  return 1.0;
}

Eigen::MatrixXd Activation::value(const Eigen::MatrixXd& a) const {
  return a.unaryExpr([this](double x) { return value(x); });
}

Eigen::MatrixXd Activation::derivative(const Eigen::MatrixXd& a) const {
  return a.unaryExpr([this](double x) { return derivative(x); });
}

std::string_view Activation::name() const {
  switch (kind) {
    case Kind::step: return "step";
    case Kind::sign: return "sign";
    case Kind::identity: return "identity";
    case Kind::sigmoid: return "sigmoid";
    case Kind::tanh: return "tanh";
    case Kind::relu: return "relu";
    case Kind::leaky_relu: return "leaky_relu";
    case Kind::elu: return "elu";
    case Kind::softplus: return "softplus";
  }
  return "identity";
}

}  // namespace nnwb
