// Central-difference checks of a trace's gradient claims; see gradient_claims.hpp.
#include "support/gradient_claims.hpp"

#include <cmath>
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
    for (Eigen::Index j = 0; j < point.cols(); ++j)
      for (Eigen::Index i = 0; i < point.rows(); ++i) {
        const double h = epsilon * std::max(1.0, std::abs(point(i, j)));  // a step relative to θ
        Eigen::MatrixXd plus = point, minus = point;
        plus(i, j) += h;
        minus(i, j) -= h;
        numeric(i, j) = (evaluate(trace, claim.wrt, like(at, plus), claim.of) -
                         evaluate(trace, claim.wrt, like(at, minus), claim.of)) /
                        (plus(i, j) - minus(i, j));  // the step actually taken, after rounding
      }
    checks.push_back({claim.step, claim.wrt, max_relative_error(claimed, numeric)});
  }
  return checks;
}

}  // namespace nnwb::testing
