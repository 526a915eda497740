// Finite-difference gradient checking; see gradient_check.hpp (BMB "Implementational Details").
#include "nnwb/gradient_check.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace nnwb {

double numerical_derivative(const std::function<double(double)>& f, double x, double epsilon,
                            Difference kind) {
  if (kind == Difference::forward) return (f(x + epsilon) - f(x)) / epsilon;  // (f(x+ε) − f(x))/ε
  return (f(x + epsilon) - f(x - epsilon)) / (2.0 * epsilon);                // (f(x+ε) − f(x−ε))/2ε
}

Eigen::MatrixXd numerical_gradient(const std::function<double()>& f, Eigen::Ref<Eigen::MatrixXd> theta,
                                   double epsilon, Difference kind) {
  Eigen::MatrixXd gradient(theta.rows(), theta.cols());
  const double base = kind == Difference::forward ? f() : 0.0;
  for (Eigen::Index j = 0; j < theta.cols(); ++j) {
    for (Eigen::Index i = 0; i < theta.rows(); ++i) {
      const double saved = theta(i, j);
      theta(i, j) = saved + epsilon;
      const double plus = f();
      if (kind == Difference::forward) {
        gradient(i, j) = (plus - base) / epsilon;
      } else {
        theta(i, j) = saved - epsilon;
        gradient(i, j) = (plus - f()) / (2.0 * epsilon);
      }
      theta(i, j) = saved;
    }
  }
  return gradient;
}

Eigen::VectorXd numerical_gradient(const std::function<double(const Eigen::VectorXd&)>& f,
                                   const Eigen::VectorXd& theta, double epsilon, Difference kind) {
  Eigen::MatrixXd point = theta;
  return numerical_gradient([&] { return f(point); }, point, epsilon, kind);
}

double relative_error(double a, double b, double floor) {
  // A NaN or an infinity agrees with nothing but itself; without this, a NaN estimate would compare
  // false against every tolerance and pass unnoticed.
  if (!std::isfinite(a) || !std::isfinite(b)) return a == b ? 0.0 : std::numeric_limits<double>::infinity();
  const double scale = std::max(std::abs(a), std::abs(b));
  if (scale < floor) return std::abs(a - b);  // both near zero: relative error would mislead
  return std::abs(a - b) / scale;
}

double max_relative_error(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b, double floor) {
  if (a.rows() != b.rows() || a.cols() != b.cols())
    throw std::invalid_argument("max_relative_error: the two arrays differ in shape");
  double worst = 0.0;
  for (Eigen::Index j = 0; j < a.cols(); ++j)
    for (Eigen::Index i = 0; i < a.rows(); ++i)
      worst = std::max(worst, relative_error(a(i, j), b(i, j), floor));
  return worst;
}

}  // namespace nnwb
