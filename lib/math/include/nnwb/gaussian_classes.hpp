#pragma once
/// @file gaussian_classes.hpp
/// Two Gaussian classes with a shared covariance, and why their posterior is a logistic sigmoid.
/// Lecture steps: EDI "Output of logistic sigmoid activation function" (Bayes' rule written as
/// P(C₁|x) = 1 / (1 + exp(−log(p(x|C₁)P(C₁) / (p(x|C₂)P(C₂))))) and "Approximation of posterior
/// probabilities" (two classes with Gaussian distributions).
///
/// With p(x|C_k) = N(x; μ_k, Σ) the quadratic terms xᵀΣ⁻¹x cancel in the log-odds, which is then
/// linear in x:  log(p(x|C₁)P(C₁) / (p(x|C₂)P(C₂))) = wᵀx + w₀,  so  P(C₁|x) = σ(wᵀx + w₀), with
///   w  = Σ⁻¹(μ₁ − μ₂)
///   w₀ = −½ μ₁ᵀΣ⁻¹μ₁ + ½ μ₂ᵀΣ⁻¹μ₂ + ln(P(C₁)/P(C₂)).
///
/// Σ⁻¹ is never formed: every Σ⁻¹v is a solve with the Cholesky factor Σ = LLᵀ. A Σ that is not
/// symmetric positive definite throws std::invalid_argument.
///
/// Example:
/// @code
/// const Eigen::Vector2d mu1(1, 2), mu2(-1, 0), x(0, 1);
/// Eigen::Matrix2d sigma;
/// sigma << 2, 0.5, 0.5, 1;
/// const double p = nnwb::bayes_posterior(nnwb::gaussian_density(x, mu1, sigma),
///                                        nnwb::gaussian_density(x, mu2, sigma), 0.6, 0.4);
/// const Eigen::VectorXd w = nnwb::posterior_sigmoid_weights(mu1, mu2, sigma);
/// const double w0 = nnwb::posterior_sigmoid_bias(mu1, mu2, sigma, 0.6, 0.4);
/// // p == nnwb::sigmoid(w.dot(x) + w0) == 0.6 (x is the midpoint of the means)
/// @endcode

#include <Eigen/Core>

namespace nnwb {

/// The lower-triangular Cholesky factor L of Σ = LLᵀ. Σ: (d, d) symmetric positive definite.
Eigen::MatrixXd cholesky_factor(const Eigen::MatrixXd& sigma);

/// The squared Mahalanobis distance (x − μ)ᵀΣ⁻¹(x − μ) = ‖L⁻¹(x − μ)‖², by a triangular solve.
/// x, μ: (d); Σ: (d, d)
double mahalanobis_squared(const Eigen::VectorXd& x, const Eigen::VectorXd& mu, const Eigen::MatrixXd& sigma);

/// ln N(x; μ, Σ) = −½ (x − μ)ᵀΣ⁻¹(x − μ) − (d/2) ln 2π − ½ ln|Σ|, with ln|Σ| = 2 Σ_i ln L_ii.
double gaussian_log_density(const Eigen::VectorXd& x, const Eigen::VectorXd& mu, const Eigen::MatrixXd& sigma);
/// N(x; μ, Σ) = exp(−½ (x − μ)ᵀΣ⁻¹(x − μ)) / ((2π)^{d/2} |Σ|^{1/2}).
double gaussian_density(const Eigen::VectorXd& x, const Eigen::VectorXd& mu, const Eigen::MatrixXd& sigma);
/// ∇ₓ ln N(x; μ, Σ) = −Σ⁻¹(x − μ). → (d)
Eigen::VectorXd gaussian_log_density_gradient(const Eigen::VectorXd& x, const Eigen::VectorXd& mu,
                                              const Eigen::MatrixXd& sigma);

/// Bayes' rule for two classes: P(C₁|x) = p(x|C₁)P(C₁) / (p(x|C₁)P(C₁) + p(x|C₂)P(C₂)).
/// Likelihoods and priors must be ≥ 0 with a positive denominator (else std::invalid_argument).
double bayes_posterior(double likelihood1, double likelihood2, double prior1, double prior2);
/// The log-odds a = ln(p(x|C₁)P(C₁) / (p(x|C₂)P(C₂))), from the same four numbers (all > 0).
double log_odds(double likelihood1, double likelihood2, double prior1, double prior2);

/// The sigmoid's weights w = Σ⁻¹(μ₁ − μ₂), by a Cholesky solve. → (d)
Eigen::VectorXd posterior_sigmoid_weights(const Eigen::VectorXd& mu1, const Eigen::VectorXd& mu2,
                                          const Eigen::MatrixXd& sigma);
/// The sigmoid's bias w₀ = −½ μ₁ᵀΣ⁻¹μ₁ + ½ μ₂ᵀΣ⁻¹μ₂ + ln(P(C₁)/P(C₂)).
double posterior_sigmoid_bias(const Eigen::VectorXd& mu1, const Eigen::VectorXd& mu2, const Eigen::MatrixXd& sigma,
                              double prior1, double prior2);

/// P(C₁|x) for two Gaussian classes N(μ₁, Σ), N(μ₂, Σ), by Bayes' rule from the two densities.
double gaussian_posterior(const Eigen::VectorXd& x, const Eigen::VectorXd& mu1, const Eigen::VectorXd& mu2,
                          const Eigen::MatrixXd& sigma, double prior1, double prior2);

}  // namespace nnwb
