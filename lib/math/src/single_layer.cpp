// A single layer of neurons trained by gradient descent; see single_layer.hpp for the lecture steps.
#include "nnwb/single_layer.hpp"

#include <stdexcept>
#include <string>

namespace nnwb {
namespace {

void require_sample_shapes(const Eigen::VectorXd& x, const Eigen::MatrixXd& w, const char* where) {
  if (x.size() != w.rows())
    throw std::invalid_argument(std::string(where) + ": x (n+1) and W (n+1, m) do not fit");
}

void require_sample_shapes(const Eigen::VectorXd& x, const Eigen::MatrixXd& w, const Eigen::VectorXd& d,
                           const char* where) {
  require_sample_shapes(x, w, where);
  if (d.size() != w.cols()) throw std::invalid_argument(std::string(where) + ": d (m) and W (n+1, m) do not fit");
}

void require_batch_shapes(const Eigen::MatrixXd& x, const Eigen::MatrixXd& w, const char* where) {
  if (x.cols() != w.rows()) throw std::invalid_argument(std::string(where) + ": X (N, n+1) and W (n+1, m) do not fit");
}

void require_batch_shapes(const Eigen::MatrixXd& x, const Eigen::MatrixXd& w, const Eigen::MatrixXd& d,
                          const char* where) {
  require_batch_shapes(x, w, where);
  if (d.rows() != x.rows() || d.cols() != w.cols())
    throw std::invalid_argument(std::string(where) + ": D (N, m) does not fit X (N, n+1) and W (n+1, m)");
}

// The error signal of one sample, f'(ξ⃗) ∘ (d⃗ − y⃗): how far each neuron is off, times its slope. → (m)
Eigen::VectorXd sample_error_signal(const Eigen::VectorXd& x, const Eigen::MatrixXd& w, const Eigen::VectorXd& d,
                                    Activation f) {
  const Eigen::VectorXd xi = single_layer_potential(x, w);  // ξ⃗ = x⃗W
  const Eigen::VectorXd y = f.value(Eigen::MatrixXd(xi));   // y⃗ = f(ξ⃗)
  return Eigen::VectorXd(f.derivative(Eigen::MatrixXd(xi))).cwiseProduct(d - y);
}

}  // namespace

Eigen::VectorXd single_layer_potential(const Eigen::VectorXd& x, const Eigen::MatrixXd& w) {
  require_sample_shapes(x, w, "single_layer_potential");
  return w.transpose() * x;  // ξ_j = Σ_i x_i w_ij: the row x⃗ times W, stored as a column
}

Eigen::VectorXd single_layer_output(const Eigen::VectorXd& x, const Eigen::MatrixXd& w, Activation f) {
  return f.value(Eigen::MatrixXd(single_layer_potential(x, w)));  // y⃗ = f(ξ⃗)
}

Eigen::MatrixXd single_layer_potentials(const Eigen::MatrixXd& x, const Eigen::MatrixXd& w) {
  require_batch_shapes(x, w, "single_layer_potentials");
  return x * w;  // Ξ = XW
}

Eigen::MatrixXd single_layer_outputs(const Eigen::MatrixXd& x, const Eigen::MatrixXd& w, Activation f) {
  return f.value(single_layer_potentials(x, w));  // Y = f(Ξ)
}

double single_layer_sample_error(const Eigen::VectorXd& x, const Eigen::MatrixXd& w, const Eigen::VectorXd& d,
                                 Activation f) {
  require_sample_shapes(x, w, d, "single_layer_sample_error");
  return 0.5 * (d - single_layer_output(x, w, f)).squaredNorm();  // ½ Σ_j (d_j − y_j)²
}

Eigen::MatrixXd single_layer_sample_gradient(const Eigen::VectorXd& x, const Eigen::MatrixXd& w,
                                             const Eigen::VectorXd& d, Activation f) {
  require_sample_shapes(x, w, d, "single_layer_sample_gradient");
  // ∂E_p/∂w_ij = ∂E_p/∂y_j · ∂y_j/∂ξ_j · ∂ξ_j/∂w_ij = −(d_j − y_j) · f'(ξ_j) · x_i
  return -(x * sample_error_signal(x, w, d, f).transpose());  // −x⃗ᵀ[f'(ξ⃗) ∘ (d⃗ − y⃗)]
}

double single_layer_sse(const Eigen::MatrixXd& x, const Eigen::MatrixXd& w, const Eigen::MatrixXd& d, Activation f) {
  require_batch_shapes(x, w, d, "single_layer_sse");
  return 0.5 * (d - single_layer_outputs(x, w, f)).squaredNorm();  // ½ Σ_p Σ_j (d_pj − y_pj)²
}

Eigen::MatrixXd single_layer_sse_gradient(const Eigen::MatrixXd& x, const Eigen::MatrixXd& w,
                                          const Eigen::MatrixXd& d, Activation f) {
  require_batch_shapes(x, w, d, "single_layer_sse_gradient");
  const Eigen::MatrixXd xi = single_layer_potentials(x, w);                   // Ξ: (N, m)
  const Eigen::MatrixXd signal = f.derivative(xi).cwiseProduct(d - f.value(xi));  // f'(Ξ) ∘ (D − Y)
  return -(x.transpose() * signal);  // −Xᵀ[f'(Ξ) ∘ (D − Y)]: row p of X meets row p of the signal
}

double single_weight_update(const Eigen::VectorXd& x, const Eigen::MatrixXd& w, const Eigen::VectorXd& d,
                            Activation f, double alpha, Eigen::Index i, Eigen::Index j) {
  require_sample_shapes(x, w, d, "single_weight_update");
  if (i < 0 || i >= w.rows() || j < 0 || j >= w.cols()) throw std::out_of_range("single_weight_update: no w_ij");
  const double xi_j = x.dot(w.col(j));  // ξ_j = Σ_i x_i w_ij
  const double y_j = f.value(xi_j);     // y_j = f(ξ_j)
  return w(i, j) + alpha * (d[j] - y_j) * f.derivative(xi_j) * x[i];  // w_ij + α (d_j − y_j) f'(ξ_j) x_i
}

Eigen::VectorXd single_neuron_update(const Eigen::VectorXd& x, const Eigen::MatrixXd& w, const Eigen::VectorXd& d,
                                     Activation f, double alpha, Eigen::Index j) {
  require_sample_shapes(x, w, d, "single_neuron_update");
  if (j < 0 || j >= w.cols()) throw std::out_of_range("single_neuron_update: no neuron j");
  const double xi_j = x.dot(w.col(j));  // ξ_j = x⃗ w⃗_j
  const double y_j = f.value(xi_j);
  return w.col(j) + alpha * (d[j] - y_j) * f.derivative(xi_j) * x;  // w⃗_j + α (d_j − y_j) f'(ξ_j) x⃗ᵀ
}

Eigen::MatrixXd single_layer_update(const Eigen::VectorXd& x, const Eigen::MatrixXd& w, const Eigen::VectorXd& d,
                                    Activation f, double alpha) {
  require_sample_shapes(x, w, d, "single_layer_update");
  // W + α x⃗ᵀ[f'(ξ⃗) ∘ (d⃗ − y⃗)]: the column x⃗ᵀ (n+1, 1) times the row of error signals (1, m)
  return w + alpha * x * sample_error_signal(x, w, d, f).transpose();
}

std::string_view update_rule_name(UpdateRule rule) {
  switch (rule) {
    case UpdateRule::per_weight: return "per weight";
    case UpdateRule::per_neuron: return "per neuron";
    case UpdateRule::whole_matrix: return "whole matrix";
  }
  return "?";
}

Eigen::MatrixXd single_layer_online_step(const Eigen::VectorXd& x, const Eigen::MatrixXd& w,
                                         const Eigen::VectorXd& d, Activation f, double alpha, UpdateRule rule) {
  Eigen::MatrixXd next = w;  // every rule reads the old W, so the update is simultaneous
  switch (rule) {
    case UpdateRule::per_weight:
      for (Eigen::Index i = 0; i < w.rows(); ++i)
        for (Eigen::Index j = 0; j < w.cols(); ++j) next(i, j) = single_weight_update(x, w, d, f, alpha, i, j);
      return next;
    case UpdateRule::per_neuron:
      for (Eigen::Index j = 0; j < w.cols(); ++j) next.col(j) = single_neuron_update(x, w, d, f, alpha, j);
      return next;
    case UpdateRule::whole_matrix: return single_layer_update(x, w, d, f, alpha);
  }
  throw std::invalid_argument("single_layer_online_step: unknown rule");
}

Eigen::MatrixXd single_layer_online_epoch(const Eigen::MatrixXd& x, const Eigen::MatrixXd& w,
                                          const Eigen::MatrixXd& d, Activation f, double alpha) {
  require_batch_shapes(x, w, d, "single_layer_online_epoch");
  Eigen::MatrixXd current = w;
  for (Eigen::Index p = 0; p < x.rows(); ++p)  // present sample p, then update at once
    current = single_layer_update(x.row(p).transpose(), current, d.row(p).transpose(), f, alpha);
  return current;
}

Eigen::MatrixXd single_layer_batch_step(const Eigen::MatrixXd& x, const Eigen::MatrixXd& w,
                                        const Eigen::MatrixXd& d, Activation f, double alpha) {
  return w - alpha * single_layer_sse_gradient(x, w, d, f);  // W + α Xᵀ[f'(Ξ) ∘ (D − Y)]
}

std::vector<Eigen::Index> winning_classes(const Eigen::MatrixXd& y) {
  std::vector<Eigen::Index> classes(static_cast<std::size_t>(y.rows()));
  for (Eigen::Index p = 0; p < y.rows(); ++p) y.row(p).maxCoeff(&classes[static_cast<std::size_t>(p)]);  // argmax_k
  return classes;
}

}  // namespace nnwb
