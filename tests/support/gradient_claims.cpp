// Central-difference checks of a trace's gradient claims; see gradient_claims.hpp.
#include "support/gradient_claims.hpp"

#include <array>
#include <cmath>
#include <functional>
#include <limits>
#include <stdexcept>

#include "nnwb/gradient_check.hpp"

namespace nnwb::testing {
namespace {

// The value of `of` after replacing `wrt` by `value` and recomputing.
double evaluate(const Trace& trace, const std::string& wrt, const Value& value, const std::string& of) {
  Trace copy = trace;
  copy.recompute({{wrt, value}});
  return std::get<double>(copy.value(of));
}

// Views a scalar, vector or matrix value as a matrix, so all three are perturbed the same way.
Eigen::MatrixXd as_matrix(const Value& v) {
  if (const auto* x = std::get_if<double>(&v)) return Eigen::MatrixXd::Constant(1, 1, *x);
  if (const auto* x = std::get_if<Eigen::VectorXd>(&v)) return *x;
  if (const auto* x = std::get_if<Eigen::MatrixXd>(&v)) return *x;
  throw std::invalid_argument("a verdict has no gradient");
}

Value like(const Value& shape, const Eigen::MatrixXd& m) {
  if (std::holds_alternative<double>(shape)) return m(0, 0);
  if (std::holds_alternative<Eigen::VectorXd>(shape)) return Eigen::VectorXd(m.col(0));
  return m;
}

// Ridders' method: central differences at h, h/1.4, h/1.4², …, extrapolated to h → 0 in a
// Neville table; the answer is the entry with the smallest error estimate.
double ridders(const std::function<double(double)>& central, double h) {
  constexpr int size = 10;
  constexpr double shrink = 1.4, shrink2 = shrink * shrink, safe = 2.0;
  std::array<std::array<double, size>, size> table{};
  // A first step that leaves f's domain (log(1 − y) past y = 1) gives no number: shorten it.
  double answer = central(h);
  for (int tries = 0; !std::isfinite(answer) && tries < 30; ++tries) answer = central(h /= 4.0);
  double error = std::numeric_limits<double>::max();
  table[0][0] = answer;
  for (int i = 1; i < size; ++i) {
    h /= shrink;
    table[0][i] = central(h);
    double factor = shrink2;
    for (int j = 1; j <= i; ++j) {
      table[j][i] = (table[j - 1][i] * factor - table[j - 1][i - 1]) / (factor - 1.0);
      factor *= shrink2;
      const double estimate = std::max(std::abs(table[j][i] - table[j - 1][i]),
                                       std::abs(table[j][i] - table[j - 1][i - 1]));
      if (estimate <= error) {
        error = estimate;
        answer = table[j][i];
      }
    }
    if (std::abs(table[i][i] - table[i - 1][i - 1]) >= safe * error) break;  // rounding has won
  }
  return answer;
}

}  // namespace

std::vector<ClaimCheck> check_gradient_claims(const Trace& trace, double epsilon) {
  std::vector<ClaimCheck> checks;
  for (const GradientClaim& claim : trace.gradient_claims()) {
    const Value& at = trace.value(claim.wrt);
    const Eigen::MatrixXd point = as_matrix(at);
    const Eigen::MatrixXd claimed = as_matrix(trace.value(claim.step));
    if (claimed.rows() != point.rows() || claimed.cols() != point.cols())
      throw std::logic_error("claim " + claim.step + ": its shape differs from " + claim.wrt + "'s");
    Eigen::MatrixXd numeric(point.rows(), point.cols());
    const double floor = std::max(1e-3 * claimed.cwiseAbs().maxCoeff(), 1e-8);  // the gradient's scale
    for (Eigen::Index j = 0; j < point.cols(); ++j)
      for (Eigen::Index i = 0; i < point.rows(); ++i) {
        // D(h) = (f(θ + h) − f(θ − h)) / 2h, at h and 2h, each with the step actually taken.
        const auto central = [&](double h) {
          Eigen::MatrixXd plus = point, minus = point;
          plus(i, j) += h;
          minus(i, j) -= h;
          return (evaluate(trace, claim.wrt, like(at, plus), claim.of) -
                  evaluate(trace, claim.wrt, like(at, minus), claim.of)) /
                 (plus(i, j) - minus(i, j));
        };
        // A step relative to θ, and at least ε: long enough that rounding (1e−16·|f|/h) stays far
        // below a small entry. Where f curves faster than that, Ridders shrinks it.
        const double h = epsilon * std::max(std::abs(point(i, j)), 1.0);
        numeric(i, j) = (4.0 * central(h) - central(2.0 * h)) / 3.0;      // Richardson: O(h⁴)
        if (!(relative_error(claimed(i, j), numeric(i, j), floor) <= 1e-8))  // also when NaN
          numeric(i, j) = ridders(central, 10.0 * h);  // f curves faster than θ's scale
      }
    checks.push_back({claim.step, claim.wrt, max_relative_error(claimed, numeric, floor)});
  }
  return checks;
}

}  // namespace nnwb::testing
