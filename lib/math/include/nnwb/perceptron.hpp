#pragma once
/// @file perceptron.hpp
/// Rosenblatt's perceptron: the feature vector with φ₀ = 1, the test, the add/subtract update, the
/// perceptron criterion E_p and its gradient, and the 0/1 loss it replaces.
/// Lecture steps: PD "The perceptron algorithm (1/7)…(7/7)", "On the choice of the cost function";
/// BMB "Implementing Logical Functions", "Expressiveness of Perceptrons".
///
/// Shapes, one legend for the file: D inputs, N points.
///   x: (D)   φ(x): (D+1)   w: (D+1)   Φ: (N, D+1), row n is φ(x_n)ᵀ   t: (N), t_n ∈ {+1, −1}
///
/// Example (one visit of the algorithm's loop, PD (7/7)):
/// @code
/// Eigen::VectorXd w = Eigen::VectorXd::Zero(3);
/// const Eigen::VectorXd phi = nnwb::perceptron_features(Eigen::Vector2d(1, 1));  // (1, 1, 1)
/// const double t = +1;
/// if (nnwb::perceptron_misclassified(w.dot(phi), t)) w = nnwb::perceptron_update(w, phi, t);
/// // w = (1, 1, 1): the point was on the boundary (wᵀφ = 0), which counts as misclassified.
/// @endcode

#include <Eigen/Core>

namespace nnwb {

/// The feature vector with the bias feature in front: φ(x) = (1, x₁, …, x_D)ᵀ, so φ₀ = 1 and w₀
/// is the bias. x: (D) → (D+1)
Eigen::VectorXd perceptron_features(const Eigen::VectorXd& x);

/// PD (7/7) "test": a point is misclassified when t wᵀφ(x) ≤ 0, with a = wᵀφ(x). A point on the
/// boundary (a = 0) counts as misclassified whatever its class: C1 needs a > 0, C2 needs a < 0.
bool perceptron_misclassified(double a, double t);

/// PD (6/7) "add"/"subtract": w_{t+1} = w_t + η φ(x) t, i.e. w + ηφ for t = +1 and w − ηφ for
/// t = −1. The caller applies it to misclassified points only. w, phi: (D+1) → (D+1)
Eigen::VectorXd perceptron_update(const Eigen::VectorXd& w, const Eigen::VectorXd& phi, double t,
                                  double eta = 1.0);

/// The margins m_n = t_n wᵀφ(x_n), one per point: m_n > 0 exactly when x_n is correctly
/// classified. w: (D+1), Phi: (N, D+1), t: (N) → (N)
Eigen::VectorXd perceptron_margins(const Eigen::VectorXd& w, const Eigen::MatrixXd& Phi,
                                   const Eigen::VectorXd& t);

/// The set M of misclassified points, counted: |M| = #{n : t_n wᵀφ(x_n) ≤ 0}. margins: (N)
double misclassified_count(const Eigen::VectorXd& margins);

/// PD (4/7) perceptron criterion from the margins: E_p = −Σ_{n∈M} m_n, M = {n : m_n ≤ 0}.
/// margins: (N)
double perceptron_criterion(const Eigen::VectorXd& margins);

/// PD (4/7) perceptron criterion: E_p(w) = −Σ_{n∈M} wᵀφ(x_n) t_n, M the misclassified points.
/// w: (D+1), Phi: (N, D+1), t: (N)
double perceptron_criterion(const Eigen::VectorXd& w, const Eigen::MatrixXd& Phi,
                            const Eigen::VectorXd& t);

/// PD (5/7): ∇E_p(w) = −Σ_{n∈M} φ(x_n) t_n; point n contributes −φ(x_n) if t_n = +1 and +φ(x_n)
/// if t_n = −1. E_p is piecewise linear: where some t_n wᵀφ(x_n) = 0 it has a kink, and this is
/// one of its subgradients (the one that counts boundary points as misclassified).
/// w: (D+1), Phi: (N, D+1), t: (N) → (D+1)
Eigen::VectorXd perceptron_criterion_gradient(const Eigen::VectorXd& w, const Eigen::MatrixXd& Phi,
                                              const Eigen::VectorXd& t);

/// PD (4/7) the same cost summed over every point: J_p(w) = Σ_n max(0, −wᵀφ(x_n) t_n), which
/// equals E_p(w) (correctly classified points contribute 0). w: (D+1), Phi: (N, D+1), t: (N)
double perceptron_cost(const Eigen::VectorXd& w, const Eigen::MatrixXd& Phi,
                       const Eigen::VectorXd& t);

/// PD "On the choice of the cost function": the 0/1 loss J_{0/1}(w) = Σ_n ℓ(sign(wᵀφ(x_n)), t_n),
/// ℓ(x, y) = 0 if x = y, 1 otherwise, with sign(a) = +1 for a ≥ 0 (nnwb::sign). Piecewise
/// constant in w, so its gradient is 0 almost everywhere. Unlike |M|, it counts a point of class C1
/// on the boundary (a = 0) as correct. w: (D+1), Phi: (N, D+1), t: (N)
double zero_one_loss(const Eigen::VectorXd& w, const Eigen::MatrixXd& Phi,
                     const Eigen::VectorXd& t);

}  // namespace nnwb
