// Chapter 21, errata: the IC deck's candidates (IC 004_f167be6db553c350.txt; each candidate's step
// title names its slide). What the candidates share, and the steps each makes, are in
// errata_parts.hpp; the chapter itself is errata.cpp.
#include "errata_parts.hpp"

namespace nnwb::chapters::errata_parts {

// ---- IC ------------------------------------------------------------------------------------------

void ic_claims(Trace& trace) {
  trace.section("IC: Lecture 6, Artificial neural networks (Imperial)");
  const std::vector<std::string> data = {"ic.logits", "ic.labels"};
  const auto nll = [](const Inputs& in) {  // −(1/N) Σ_i log ŷ_{i, c_i}, by the library's log-softmax
    const MatrixXd& a = in.matrix("ic.logits");
    double sum = 0.0;
    for (Eigen::Index i = 0; i < a.cols(); ++i)
      sum += softmax_cross_entropy(VectorXd(a.col(i)), class_of(in.matrix("ic.labels").col(i)));
    return sum / static_cast<double>(a.cols());
  };
  add(trace, {"ic.cross_entropy", "Loss functions",
              "H_ŷ(y) := −(1/N) Σ_i Σ_j ŷ_i^(j) log y_i^(j) (y the one-hot labels, ŷ the prediction)",
              R"(H_{\hat{\mathbf{y}}}(\mathbf{y}) := -\frac{1}{N} \sum_{i=1}^N \sum_{j=1}^M \hat{y}_i^{(j)} \log(y_i^{(j)}))",
              R"(-\frac{1}{N}\sum_{i=1}^N \log p(y_i|x_i, \theta) = -\frac{1}{N}\sum_i \log \hat{y}_i^{(c_i)})",
              "the negative log-likelihood (IC's own \"Multiple target dimensions: classification\")", data,
              [](const Inputs& in) -> Value {
                // As written: the prediction ŷ weights log of the labels y. The library never takes log 0: a zero
                // label is read as 2.2e−308, so each such term counts as −log 2.2e−308 ≈ 708 instead of ∞.
                const MatrixXd& a = in.matrix("ic.logits");
                double sum = 0.0;
                for (Eigen::Index i = 0; i < a.cols(); ++i)
                  sum += cross_entropy(VectorXd(in.matrix("ic.labels").col(i)), softmax(VectorXd(a.col(i))));
                return sum / static_cast<double>(a.cols());
              },
              [nll](const Inputs& in) -> Value { return nll(in); },
              R"(H_{\mathbf{y}}(\hat{\mathbf{y}}) := -\frac{1}{N} \sum_{i=1}^N \sum_{j=1}^M y_i^{(j)} \log(\hat{y}_i^{(j)}))",
              "−(1/N) Σ_i Σ_j y_i^(j) log ŷ_i^(j): the labels weight the log of the prediction (as written, every "
              "zero label is log 0 = −∞, weighted by ŷ > 0: the loss is infinite; the library reads log 0 as −708)",
              [](const Inputs& in) -> Value {
                const MatrixXd& a = in.matrix("ic.logits");
                double sum = 0.0;
                for (Eigen::Index i = 0; i < a.cols(); ++i)
                  sum += cross_entropy(softmax(VectorXd(a.col(i))), VectorXd(in.matrix("ic.labels").col(i)));
                return sum / static_cast<double>(a.cols());
              }});
  const std::vector<std::string> regression = {"batch.X", "batch.y", "neuron.w", "ic.sigma2"};
  add(trace, {"ic.gaussian_nll", "Maximum likelihood: regression",
              "Σ_i −log p(y_i|x_i, θ) = (1/2σ²) Σ_i (y_i − f(x_i, θ))² + const, const = (N/2) log 2πσ²",
              R"(\sum_{i=1}^N -\log p(y_i|x_i,\theta) = \frac{1}{2\sigma^2}\sum_{i=1}^N (y_i - f(x_i,\theta))^2 + \frac{N}{2}\log 2\pi\sigma^2)",
              R"(-\sum_i \log \frac{1}{\sqrt{2\pi\sigma^2}} e^{-(y_i - f)^2/2\sigma^2})", "the Gaussian pdf, evaluated", regression,
              [](const Inputs& in) -> Value {
                const VectorXd r = in.vector("batch.y") - in.matrix("batch.X") * in.vector("neuron.w");
                const double s2 = in.scalar("ic.sigma2");
                return r.squaredNorm() / (2 * s2) + 0.5 * static_cast<double>(r.size()) * std::log(2 * std::numbers::pi * s2);
              },
              [](const Inputs& in) -> Value {
                const VectorXd r = in.vector("batch.y") - in.matrix("batch.X") * in.vector("neuron.w");
                const double s2 = in.scalar("ic.sigma2");
                double sum = 0.0;
                for (Eigen::Index i = 0; i < r.size(); ++i)
                  sum -= std::log(std::exp(-r[i] * r[i] / (2 * s2)) / std::sqrt(2 * std::numbers::pi * s2));
                return sum;
              },
              "", "", nullptr, 1e-10});
  add(trace, {"ic.sgd", "Stochastic gradient descent",
              "the minibatch gradient g = (1/N') Σ ∇L averages to ∇J over all minibatches (N = 4, N' = 2)",
              R"(\frac{1}{\binom{N}{N'}} \sum_{\text{minibatches}} \frac{1}{N'} \sum_{i=1}^{N'} \nabla_\theta L(\mathbf{x}_{n_i}, y_{n_i}, \theta))",
              R"(\nabla_\theta J(\theta),\ J = \frac{1}{N}\sum_i (y_i - \theta^T \mathbf{x}_i)^2, \text{ by central differences})",
              "central differences of J", {"batch.X", "batch.y", "neuron.w"},
              [](const Inputs& in) -> Value {
                const MatrixXd X = in.matrix("batch.X");
                const VectorXd y = in.vector("batch.y"), theta = in.vector("neuron.w");
                const auto grad_L = [&](Eigen::Index i) {  // ∇L_i by central differences
                  return numerical_gradient([&](const VectorXd& th) { return std::pow(y[i] - X.row(i).dot(th), 2); }, theta);
                };
                VectorXd mean = VectorXd::Zero(theta.size());
                int batches = 0;
                for (Eigen::Index i = 0; i < X.rows(); ++i)
                  for (Eigen::Index j = i + 1; j < X.rows(); ++j, ++batches) mean += (grad_L(i) + grad_L(j)) / 2.0;
                return VectorXd(mean / batches);
              },
              [](const Inputs& in) -> Value {
                const MatrixXd X = in.matrix("batch.X");
                const VectorXd y = in.vector("batch.y");
                return numerical_gradient(
                    [&](const VectorXd& th) { return (y - X * th).squaredNorm() / static_cast<double>(X.rows()); },
                    in.vector("neuron.w"));
              }});
  const std::vector<std::string> net = {"net.x", "net.W1", "net.b1", "net.W2", "net.b2", "net.t"};
  add(trace, {"ic.backprop", "Error backpropagation",
              "δ_j = σ'(a_j) Σ_{k∈↓j} w_kj δ_k, ∂E_i/∂w_jk = δ_j z_k, ∂E_i/∂b_j = δ_j (hidden layer, E_i = Σ(y − f)²)",
              R"(\left[\frac{\partial E_i}{\partial w_{jk}} \Big| \frac{\partial E_i}{\partial b_j}\right] = \left[\delta_j z_k \mid \delta_j\right],\ \delta_j = \sigma'(a_j)\sum_{k \in \downarrow j} w_{kj}\delta_k)",
              R"(\left[\frac{\partial E_i}{\partial W^{(1)}} \Big| \frac{\partial E_i}{\partial b^{(1)}}\right] \text{ by central differences})",
              "central differences of E_i", net,
              [](const Inputs& in) -> Value {
                const TwoLayer n = two_layer(in.vector("net.x"), in.matrix("net.W1"), in.vector("net.b1"), in.matrix("net.W2"),
                                             in.vector("net.b2"), Activation::sigmoid(), Activation::identity());
                const VectorXd delta_out = 2.0 * (n.y - in.vector("net.t"));  // ∂E_i/∂a for E_i = Σ(y − f)², f = a
                const VectorXd delta = sig_slope(n.z).cwiseProduct(in.matrix("net.W2").transpose() * delta_out);
                MatrixXd out(delta.size(), in.vector("net.x").size() + 1);
                out << delta * in.vector("net.x").transpose(), delta;
                return out;
              },
              [](const Inputs& in) -> Value {
                const auto E = [&](const MatrixXd& W1, const VectorXd& b1) {
                  const TwoLayer n = two_layer(in.vector("net.x"), W1, b1, in.matrix("net.W2"), in.vector("net.b2"),
                                               Activation::sigmoid(), Activation::identity());
                  return (in.vector("net.t") - n.y).squaredNorm();
                };
                const MatrixXd gW = fd([&](const MatrixXd& W1) { return E(W1, in.vector("net.b1")); }, in.matrix("net.W1"));
                const MatrixXd gb = fd([&](const MatrixXd& b1) { return E(in.matrix("net.W1"), VectorXd(b1)); },
                                       MatrixXd(in.vector("net.b1")));
                MatrixXd out(gW.rows(), gW.cols() + 1);
                out << gW, gb;
                return out;
              }});
  add(trace, {"ic.forward_index", "Forward and backward passes",
              "a_q = Σ_{j∈↑k} w_qj σ(a_j) + b_q (unit q = 4, whose upstream is {1, 3}; k = 3, upstream {1, 2})",
              R"(a_q = \sum_{j \in \uparrow k} w_{qj}\, z_j + b_q)",
              R"(a_4 = \sum_{j \in \uparrow 4} w_{4j} z_j + b_4 \text{ (IC's eq. (1), the forward pass)})",
              "IC's eq. (1), a_j = Σ_{k∈↑j} w_jk z_k + b_j", {"dag.w", "dag.x"},
              [](const Inputs& in) -> Value {
                const VectorXd& w = in.vector("dag.w");
                const VectorXd& x = in.vector("dag.x");
                // ↑3 = {1, 2}; there is no link 2 → 4, so w₄₂ = 0 (PD's convention for missing links)
                return w[2] * x[0] + 0.0 * x[1] + w[5];
              },
              [](const Inputs& in) -> Value {
                const VectorXd& w = in.vector("dag.w");
                const VectorXd& x = in.vector("dag.x");
                const double z3 = sigmoid(w[0] * x[0] + w[1] * x[1] + w[4]);  // a₃ = w₃₁z₁ + w₃₂z₂ + b₃
                return w[2] * x[0] + w[3] * z3 + w[5];                       // a₄ = w₄₁z₁ + w₄₃z₃ + b₄
              },
              R"(a_q = \sum_{j \in \uparrow q} w_{qj}\, \sigma(a_j) + b_q)", "the sum runs over ↑q, the units feeding q",
              [](const Inputs& in) -> Value {
                const VectorXd& w = in.vector("dag.w");
                const VectorXd& x = in.vector("dag.x");
                return w[2] * x[0] + w[3] * sigmoid(w[0] * x[0] + w[1] * x[1] + w[4]) + w[5];
              }});
}

}  // namespace nnwb::chapters::errata_parts
