// Rosenblatt's perceptron; see perceptron.hpp. PD "The perceptron algorithm (1/7)…(7/7)".
#include "nnwb/perceptron.hpp"

#include <algorithm>
#include <stdexcept>

#include "nnwb/activations.hpp"

namespace nnwb {
namespace {

// Φ: (N, D+1), t: (N), w: (D+1) must agree.
void check_shapes(const Eigen::VectorXd& w, const Eigen::MatrixXd& Phi, const Eigen::VectorXd& t) {
  if (Phi.cols() != w.size() || Phi.rows() != t.size())
    throw std::invalid_argument(
        "perceptron: Phi must be (N, D+1) with w of size D+1 and t of size N");
}

}  // namespace

Eigen::VectorXd perceptron_features(const Eigen::VectorXd& x) {
  Eigen::VectorXd phi(x.size() + 1);
  phi << 1.0, x;  // φ(x) = (1, x₁, …, x_D)ᵀ: φ₀ = 1
  return phi;
}

bool perceptron_misclassified(double a, double t) { return t * a <= 0.0; }  // t wᵀφ ≤ 0

Eigen::VectorXd perceptron_update(const Eigen::VectorXd& w, const Eigen::VectorXd& phi, double t,
                                  double eta) {
  if (phi.size() != w.size())
    throw std::invalid_argument("perceptron_update: w and phi differ in size");
  return w + eta * phi * t;  // w_{t+1} = w_t + η φ(x) t
}

Eigen::VectorXd perceptron_margins(const Eigen::VectorXd& w, const Eigen::MatrixXd& Phi,
                                   const Eigen::VectorXd& t) {
  check_shapes(w, Phi, t);
  return (Phi * w).cwiseProduct(t);  // m_n = t_n wᵀφ(x_n)
}

double misclassified_count(const Eigen::VectorXd& margins) {
  return static_cast<double>((margins.array() <= 0.0).count());  // |M| = #{n : m_n ≤ 0}
}

double perceptron_criterion(const Eigen::VectorXd& margins) {
  double e = 0.0;
  for (Eigen::Index n = 0; n < margins.size(); ++n)
    if (margins[n] <= 0.0) e -= margins[n];  // E_p = −Σ_{n∈M} m_n
  return e;
}

double perceptron_criterion(const Eigen::VectorXd& w, const Eigen::MatrixXd& Phi,
                            const Eigen::VectorXd& t) {
  return perceptron_criterion(perceptron_margins(w, Phi, t));  // E_p(w) = −Σ_{n∈M} wᵀφ(x_n) t_n
}

Eigen::VectorXd perceptron_criterion_gradient(const Eigen::VectorXd& w, const Eigen::MatrixXd& Phi,
                                              const Eigen::VectorXd& t) {
  const Eigen::VectorXd m = perceptron_margins(w, Phi, t);
  Eigen::VectorXd grad = Eigen::VectorXd::Zero(w.size());
  for (Eigen::Index n = 0; n < m.size(); ++n)
    if (m[n] <= 0.0) grad -= Phi.row(n).transpose() * t[n];  // −Σ_{n∈M} φ_n t_n
  return grad;
}

double perceptron_cost(const Eigen::VectorXd& w, const Eigen::MatrixXd& Phi,
                       const Eigen::VectorXd& t) {
  const Eigen::VectorXd m = perceptron_margins(w, Phi, t);
  double j = 0.0;
  for (Eigen::Index n = 0; n < m.size(); ++n) j += std::max(0.0, -m[n]);  // J_p = Σ_n max(0, −m_n)
  return j;
}

double zero_one_loss(const Eigen::VectorXd& w, const Eigen::MatrixXd& Phi,
                     const Eigen::VectorXd& t) {
  check_shapes(w, Phi, t);
  const Eigen::VectorXd a = Phi * w;  // a_n = wᵀφ(x_n)
  double j = 0.0;
  for (Eigen::Index n = 0; n < a.size(); ++n)
    if (sign(a[n]) != t[n]) j += 1.0;  // ℓ(sign(a_n), t_n) = 1 when the prediction is wrong
  return j;
}

}  // namespace nnwb
