// Two Gaussian classes with a shared covariance; see gaussian_classes.hpp for the lecture steps.
#include "nnwb/gaussian_classes.hpp"

#include <Eigen/Cholesky>
#include <cmath>
#include <numbers>
#include <stdexcept>
#include <string>

namespace nnwb {
namespace {

// Σ = LLᵀ, or an exception naming the caller when Σ is not symmetric positive definite.
Eigen::LLT<Eigen::MatrixXd> cholesky(const Eigen::MatrixXd& sigma, const char* where) {
  if (sigma.rows() != sigma.cols() || !sigma.isApprox(sigma.transpose(), 1e-12))
    throw std::invalid_argument(std::string(where) + ": the covariance is not symmetric");
  Eigen::LLT<Eigen::MatrixXd> llt(sigma);
  if (llt.info() != Eigen::Success)
    throw std::invalid_argument(std::string(where) + ": the covariance is not positive definite");
  return llt;
}

void require_dimension(const Eigen::VectorXd& v, const Eigen::MatrixXd& sigma, const char* where) {
  if (v.size() != sigma.rows()) throw std::invalid_argument(std::string(where) + ": dimensions differ");
}

}  // namespace

Eigen::MatrixXd cholesky_factor(const Eigen::MatrixXd& sigma) {
  return cholesky(sigma, "cholesky_factor").matrixL();  // Σ = LLᵀ
}

double mahalanobis_squared(const Eigen::VectorXd& x, const Eigen::VectorXd& mu, const Eigen::MatrixXd& sigma) {
  require_dimension(x, sigma, "mahalanobis_squared");
  require_dimension(mu, sigma, "mahalanobis_squared");
  const auto llt = cholesky(sigma, "mahalanobis_squared");
  const Eigen::VectorXd z = llt.matrixL().solve(x - mu);  // z = L⁻¹(x − μ), a triangular solve
  return z.squaredNorm();                                 // (x − μ)ᵀΣ⁻¹(x − μ) = zᵀz
}

double gaussian_log_density(const Eigen::VectorXd& x, const Eigen::VectorXd& mu, const Eigen::MatrixXd& sigma) {
  require_dimension(x, sigma, "gaussian_log_density");
  require_dimension(mu, sigma, "gaussian_log_density");
  const auto llt = cholesky(sigma, "gaussian_log_density");
  const Eigen::VectorXd z = llt.matrixL().solve(x - mu);  // z = L⁻¹(x − μ)
  const Eigen::MatrixXd l = llt.matrixL();
  const double log_det = 2.0 * l.diagonal().array().log().sum();  // ln|Σ| = 2 Σ ln L_ii
  const auto d = static_cast<double>(x.size());
  return -0.5 * z.squaredNorm() - 0.5 * d * std::log(2.0 * std::numbers::pi) - 0.5 * log_det;
}

double gaussian_density(const Eigen::VectorXd& x, const Eigen::VectorXd& mu, const Eigen::MatrixXd& sigma) {
  return std::exp(gaussian_log_density(x, mu, sigma));  // N(x; μ, Σ)
}

Eigen::VectorXd gaussian_log_density_gradient(const Eigen::VectorXd& x, const Eigen::VectorXd& mu,
                                              const Eigen::MatrixXd& sigma) {
  require_dimension(x, sigma, "gaussian_log_density_gradient");
  require_dimension(mu, sigma, "gaussian_log_density_gradient");
  return -cholesky(sigma, "gaussian_log_density_gradient").solve(x - mu);  // −Σ⁻¹(x − μ)
}

double bayes_posterior(double likelihood1, double likelihood2, double prior1, double prior2) {
  const double joint1 = likelihood1 * prior1, joint2 = likelihood2 * prior2;  // p(x|C_k)P(C_k)
  if (!(likelihood1 >= 0 && likelihood2 >= 0 && prior1 >= 0 && prior2 >= 0) || !(joint1 + joint2 > 0))
    throw std::invalid_argument("bayes_posterior: needs likelihoods and priors ≥ 0, not all joints 0");
  return joint1 / (joint1 + joint2);  // p(x|C₁)P(C₁) / p(x)
}

double log_odds(double likelihood1, double likelihood2, double prior1, double prior2) {
  if (!(likelihood1 > 0 && likelihood2 > 0 && prior1 > 0 && prior2 > 0))
    throw std::invalid_argument("log_odds: needs positive likelihoods and priors");
  return std::log(likelihood1 * prior1) - std::log(likelihood2 * prior2);  // ln(p₁P₁ / p₂P₂)
}

Eigen::VectorXd posterior_sigmoid_weights(const Eigen::VectorXd& mu1, const Eigen::VectorXd& mu2,
                                          const Eigen::MatrixXd& sigma) {
  require_dimension(mu1, sigma, "posterior_sigmoid_weights");
  require_dimension(mu2, sigma, "posterior_sigmoid_weights");
  return cholesky(sigma, "posterior_sigmoid_weights").solve(mu1 - mu2);  // w = Σ⁻¹(μ₁ − μ₂)
}

double posterior_sigmoid_bias(const Eigen::VectorXd& mu1, const Eigen::VectorXd& mu2, const Eigen::MatrixXd& sigma,
                              double prior1, double prior2) {
  require_dimension(mu1, sigma, "posterior_sigmoid_bias");
  require_dimension(mu2, sigma, "posterior_sigmoid_bias");
  if (!(prior1 > 0 && prior2 > 0)) throw std::invalid_argument("posterior_sigmoid_bias: needs positive priors");
  const auto llt = cholesky(sigma, "posterior_sigmoid_bias");
  const double q1 = mu1.dot(llt.solve(mu1)), q2 = mu2.dot(llt.solve(mu2));  // μ_kᵀΣ⁻¹μ_k
  return -0.5 * q1 + 0.5 * q2 + std::log(prior1 / prior2);                  // w₀
}

double gaussian_posterior(const Eigen::VectorXd& x, const Eigen::VectorXd& mu1, const Eigen::VectorXd& mu2,
                          const Eigen::MatrixXd& sigma, double prior1, double prior2) {
  return bayes_posterior(gaussian_density(x, mu1, sigma), gaussian_density(x, mu2, sigma), prior1, prior2);
}

}  // namespace nnwb
