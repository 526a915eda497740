#pragma once
/// @file likelihoods.hpp
/// The probability models behind the losses: the density or mass p(y | x, θ) that the network's
/// output puts on one observed target, and the negative log-likelihood of independent observations.
/// Lecture steps: IC "Maximum likelihood" (θ_ML = argmax_θ Π_i p(y_i | x_i, θ)), "Maximum
/// likelihood: regression" (the Gaussian pdf), "Maximum likelihood: binary classification"
/// (ŷ^y (1 − ŷ)^{1−y}), "Multiple target dimensions: classification" (Π_j (ŷ^{(j)})^{y^{(j)}});
/// PD "Error & output functions: classification" (p(t | x, w) = y^t (1 − y)^{1−t}).
///
/// These compute the probabilities themselves, not their logs, so that a chapter can take the
/// negative log of the likelihood as the slides write it and compare it with the losses of
/// losses.hpp, which are computed another way.
///
/// Example:
/// @code
/// const double p = nnwb::gaussian_density(1.2, 1.0, 0.25);          // N(1.2; 1.0, 0.25)
/// const double q = nnwb::bernoulli_mass(1.0, 0.8);                  // 0.8
/// const double nll = nnwb::negative_log_likelihood(Eigen::Vector2d(p, q));
/// @endcode

#include <Eigen/Core>

namespace nnwb {

/// The Gaussian density N(y; μ, σ²) = (2πσ²)^{−1/2} exp(−(y − μ)² / (2σ²)).
/// Throws std::domain_error unless σ² > 0.
double gaussian_density(double y, double mean, double variance);

/// The Bernoulli mass p(y) = p^y (1 − p)^{1−y} of a label y ∈ [0, 1] (0 or 1 for a hard label)
/// under the probability p ∈ [0, 1] of the label 1. Throws std::domain_error outside those ranges.
double bernoulli_mass(double y, double p);

/// The categorical mass p(y) = Π_k p_k^{y_k} of a one-hot y under the class probabilities p.
/// y, p: (K), entries in [0, 1] (else std::domain_error). A factor p_k^0 is 1 even where p_k = 0.
double categorical_mass(const Eigen::VectorXd& y, const Eigen::VectorXd& p);

/// −log Π_i p_i = −Σ_i log p_i: the negative log-likelihood of independent observations, from
/// their probabilities (densities or masses), summed as logs so that a product of many small p_i
/// never underflows. p: any shape. Throws std::domain_error if some p_i ≤ 0 or is not finite: the
/// likelihood is then 0 and its log is never taken.
double negative_log_likelihood(const Eigen::MatrixXd& probabilities);

}  // namespace nnwb
