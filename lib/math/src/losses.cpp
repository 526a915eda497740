// Error functions and their gradients; see losses.hpp for the lecture steps.
#include "nnwb/losses.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

#include "nnwb/activations.hpp"
#include "nnwb/softmax.hpp"

namespace nnwb {
namespace {

// A probability of exactly 0 (or 1) becomes the smallest normal double (2.2e−308) away from it:
// the loss is then large (−log of it is about 708.4) and finite, instead of log 0 = −∞.
constexpr double tiny = std::numeric_limits<double>::min();
double safe_log(double p) { return std::log(std::max(p, tiny)); }
double safe_log1m(double p) { return std::log(std::max(1.0 - p, tiny)); }

void require_same_size(const Eigen::VectorXd& y, const Eigen::VectorXd& t, const char* where) {
  if (y.size() != t.size())
    throw std::invalid_argument(std::string(where) + ": output and target differ in length");
}

void require_class(Eigen::Index c, Eigen::Index k, const char* where) {
  if (c < 0 || c >= k) throw std::out_of_range(std::string(where) + ": class index out of range");
}

}  // namespace

double sse(const Eigen::VectorXd& y, const Eigen::VectorXd& t) {
  require_same_size(y, t, "sse");
  return 0.5 * (y - t).squaredNorm();  // ½ Σ (y − t)²
}
Eigen::VectorXd sse_gradient(const Eigen::VectorXd& y, const Eigen::VectorXd& t) {
  require_same_size(y, t, "sse_gradient");
  return y - t;  // ∂E/∂y = y − t
}

double mse(const Eigen::VectorXd& y, const Eigen::VectorXd& t) {
  require_same_size(y, t, "mse");
  return (y - t).squaredNorm() / static_cast<double>(y.size());  // (1/N) Σ (y − t)²
}
Eigen::VectorXd mse_gradient(const Eigen::VectorXd& y, const Eigen::VectorXd& t) {
  require_same_size(y, t, "mse_gradient");
  return 2.0 * (y - t) / static_cast<double>(y.size());  // (2/N)(y − t)
}

double binary_cross_entropy(const Eigen::VectorXd& y, const Eigen::VectorXd& t) {
  require_same_size(y, t, "binary_cross_entropy");
  double sum = 0.0;
  for (Eigen::Index n = 0; n < y.size(); ++n)
    sum += t[n] * safe_log(y[n]) + (1.0 - t[n]) * safe_log1m(y[n]);  // t log y + (1−t) log(1−y)
  return -sum / static_cast<double>(y.size());                        // −(1/N) Σ …
}
Eigen::VectorXd binary_cross_entropy_gradient(const Eigen::VectorXd& y, const Eigen::VectorXd& t) {
  require_same_size(y, t, "binary_cross_entropy_gradient");
  const double n = static_cast<double>(y.size());
  Eigen::VectorXd g(y.size());
  for (Eigen::Index i = 0; i < y.size(); ++i)
    g[i] = (-t[i] / std::max(y[i], tiny) + (1.0 - t[i]) / std::max(1.0 - y[i], tiny)) / n;
  return g;  // (1/N)(−t/y + (1−t)/(1−y))
}

double binary_cross_entropy_from_logits(const Eigen::VectorXd& a, const Eigen::VectorXd& t) {
  require_same_size(a, t, "binary_cross_entropy_from_logits");
  double sum = 0.0;
  // −[t log σ(a) + (1−t) log(1−σ(a))] = softplus(a) − t a, with no log of a rounded 0.
  for (Eigen::Index n = 0; n < a.size(); ++n) sum += softplus(a[n]) - t[n] * a[n];
  return sum / static_cast<double>(a.size());
}
Eigen::VectorXd binary_cross_entropy_from_logits_gradient(const Eigen::VectorXd& a,
                                                          const Eigen::VectorXd& t) {
  require_same_size(a, t, "binary_cross_entropy_from_logits_gradient");
  Eigen::VectorXd g(a.size());
  for (Eigen::Index n = 0; n < a.size(); ++n) g[n] = sigmoid(a[n]) - t[n];  // σ(a) − t
  return g / static_cast<double>(a.size());
}

double cross_entropy(const Eigen::VectorXd& y, const Eigen::VectorXd& t) {
  require_same_size(y, t, "cross_entropy");
  double sum = 0.0;
  for (Eigen::Index k = 0; k < y.size(); ++k)
    if (t[k] != 0.0) sum += t[k] * safe_log(y[k]);  // 0·log 0 counts as 0
  return -sum;                                       // −Σ t log y
}
Eigen::VectorXd cross_entropy_gradient(const Eigen::VectorXd& y, const Eigen::VectorXd& t) {
  require_same_size(y, t, "cross_entropy_gradient");
  Eigen::VectorXd g(y.size());
  for (Eigen::Index k = 0; k < y.size(); ++k) g[k] = -t[k] / std::max(y[k], tiny);  // −t/y
  return g;
}

double cross_entropy(const Eigen::VectorXd& y, Eigen::Index c) {
  require_class(c, y.size(), "cross_entropy");
  return -safe_log(y[c]);  // −log y_c
}
Eigen::VectorXd cross_entropy_gradient(const Eigen::VectorXd& y, Eigen::Index c) {
  require_class(c, y.size(), "cross_entropy_gradient");
  Eigen::VectorXd g = Eigen::VectorXd::Zero(y.size());
  g[c] = -1.0 / std::max(y[c], tiny);  // −1/y_c
  return g;
}

double softmax_cross_entropy(const Eigen::VectorXd& a, const Eigen::VectorXd& t) {
  require_same_size(a, t, "softmax_cross_entropy");
  return -t.dot(log_softmax(a));  // −Σ t_k log y_k, with log y from log-softmax
}
Eigen::VectorXd softmax_cross_entropy_gradient(const Eigen::VectorXd& a,
                                               const Eigen::VectorXd& t) {
  require_same_size(a, t, "softmax_cross_entropy_gradient");
  return t.sum() * softmax(a) - t;  // (Σt) y − t = y − t for a one-hot t
}

double softmax_cross_entropy(const Eigen::VectorXd& a, Eigen::Index c) {
  require_class(c, a.size(), "softmax_cross_entropy");
  return -log_softmax(a)[c];  // −log y_c
}
Eigen::VectorXd softmax_cross_entropy_gradient(const Eigen::VectorXd& a, Eigen::Index c) {
  require_class(c, a.size(), "softmax_cross_entropy_gradient");
  return softmax(a) - one_hot(c, a.size());  // y − e_c
}

Eigen::VectorXd one_hot(Eigen::Index c, Eigen::Index k) {
  require_class(c, k, "one_hot");
  Eigen::VectorXd e = Eigen::VectorXd::Zero(k);
  e[c] = 1.0;
  return e;
}

}  // namespace nnwb
