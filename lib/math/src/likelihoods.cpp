// Densities, masses and the negative log-likelihood; see likelihoods.hpp for the lecture steps.
#include "nnwb/likelihoods.hpp"

#include <cmath>
#include <numbers>
#include <stdexcept>
#include <string>

namespace nnwb {
namespace {

void require_probability(double p, const char* what, const char* where) {
  if (!(p >= 0.0 && p <= 1.0)) throw std::domain_error(std::string(where) + ": " + what + " must lie in [0, 1]");
}

}  // namespace

double gaussian_density(double y, double mean, double variance) {
  if (!(variance > 0.0) || !std::isfinite(variance))
    throw std::domain_error("gaussian_density: the variance must be positive and finite");
  const double residual = y - mean;
  // (2πσ²)^{−1/2} exp(−(y − μ)²/(2σ²))
  return std::exp(-residual * residual / (2.0 * variance)) / std::sqrt(2.0 * std::numbers::pi * variance);
}

double bernoulli_mass(double y, double p) {
  require_probability(y, "the label", "bernoulli_mass");
  require_probability(p, "the probability", "bernoulli_mass");
  return std::pow(p, y) * std::pow(1.0 - p, 1.0 - y);  // p^y (1 − p)^{1−y}; pow(0, 0) = 1
}

double categorical_mass(const Eigen::VectorXd& y, const Eigen::VectorXd& p) {
  if (y.size() != p.size()) throw std::invalid_argument("categorical_mass: target and probabilities differ in length");
  double mass = 1.0;
  for (Eigen::Index k = 0; k < y.size(); ++k) {
    require_probability(y[k], "each target entry", "categorical_mass");
    require_probability(p[k], "each probability", "categorical_mass");
    mass *= std::pow(p[k], y[k]);  // Π_k p_k^{y_k}
  }
  return mass;
}

double negative_log_likelihood(const Eigen::MatrixXd& probabilities) {
  double sum = 0.0;
  for (const double p : probabilities.reshaped()) {
    if (!(p > 0.0) || !std::isfinite(p))
      throw std::domain_error("negative_log_likelihood: a probability is 0 (or not finite): the likelihood is 0");
    sum -= std::log(p);  // −Σ_i log p_i
  }
  return sum;
}

}  // namespace nnwb
