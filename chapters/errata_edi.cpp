// Chapter 21, errata: the EDI deck's candidates (EDI 000_7637ffcd816b0303.txt; each candidate's step
// title names its slide). What the candidates share, and the steps each makes, are in
// errata_parts.hpp; the chapter itself is errata.cpp.
#include "errata_parts.hpp"

namespace nnwb::chapters::errata_parts {

// ---- EDI -----------------------------------------------------------------------------------------

void edi_claims(Trace& trace) {
  trace.section("EDI: Neural Networks 2 (Edinburgh)");
  add(trace, {"edi.posterior", "Output of logistic sigmoid activation function",
              "the posterior is a sigmoid of the log odds",
              R"(P(C_1|\mathbf{x}) = \frac{1}{1 + \exp\left(-\log \frac{p(\mathbf{x}|C_1)P(C_1)}{p(\mathbf{x}|C_2)P(C_2)}\right)})",
              R"(\frac{p(\mathbf{x}|C_1)P(C_1)}{p(\mathbf{x}|C_1)P(C_1) + p(\mathbf{x}|C_2)P(C_2)})", "Bayes' rule",
              {"edi.lik", "edi.prior"},
              [](const Inputs& in) -> Value {
                const VectorXd p = in.vector("edi.lik").cwiseProduct(in.vector("edi.prior"));
                return 1.0 / (1.0 + std::exp(-std::log(p[0] / p[1])));
              },
              [](const Inputs& in) -> Value {
                const VectorXd p = in.vector("edi.lik").cwiseProduct(in.vector("edi.prior"));
                return p[0] / (p[0] + p[1]);
              }});
  //! [edi_mse_gradient]
  add(trace, {"edi.mse_gradient", "Training single layer neural network with MSE (cont.)",
              "∂E_n/∂w_i = (ŷ − y)ŷ(1 − ŷ)x_i", R"(\frac{\partial E_n}{\partial w_i} = (\hat{y}_n - y_n)\hat{y}_n(1 - \hat{y}_n)x_{ni})",
              R"(\frac{E_n(w_i + \epsilon) - E_n(w_i - \epsilon)}{2\epsilon})", "central differences of E_n",
              {"neuron.x", "neuron.w", "neuron.y"},
              [](const Inputs& in) -> Value {
                const VectorXd& x = in.vector("neuron.x");
                const double y_hat = sigmoid(in.vector("neuron.w").dot(x)), y = in.scalar("neuron.y");
                return VectorXd((y_hat - y) * y_hat * (1.0 - y_hat) * x);
              },
              [](const Inputs& in) -> Value {
                const VectorXd x = in.vector("neuron.x");
                const double y = in.scalar("neuron.y");
                return numerical_gradient([&](const VectorXd& w) { return 0.5 * std::pow(sigmoid(w.dot(x)) - y, 2); },
                                          in.vector("neuron.w"));
              }});
  //! [edi_mse_gradient]
  add(trace, {"edi.ce_gradient", "Another training criterion – cross-entropy error",
              "∂E_H/∂w_i = (1/N) Σ_n (ŷ_n − y_n) x_ni",
              R"(\frac{\partial E_H}{\partial w_i} = \frac{1}{N}\sum_{n=1}^N (\hat{y}_n - y_n)x_{ni})",
              R"(\frac{E_H(w_i + \epsilon) - E_H(w_i - \epsilon)}{2\epsilon})", "central differences of E_H",
              {"batch.X", "batch.y", "neuron.w"},
              [](const Inputs& in) -> Value {
                const MatrixXd& X = in.matrix("batch.X");
                const VectorXd y_hat = sigmoid_of(VectorXd(X * in.vector("neuron.w")));
                return VectorXd(X.transpose() * (y_hat - in.vector("batch.y")) / static_cast<double>(X.rows()));
              },
              [](const Inputs& in) -> Value {
                const MatrixXd X = in.matrix("batch.X");
                const VectorXd y = in.vector("batch.y");
                return numerical_gradient(
                    [&](const VectorXd& w) { return binary_cross_entropy(sigmoid_of(VectorXd(X * w)), y); },
                    in.vector("neuron.w"));
              }});
  add(trace, {"edi.tanh", "Other activation functions", "tanh(a) = (1 − e^{−2a})/(1 + e^{−2a})",
              R"(\tanh(a) = \frac{1 - e^{-2a}}{1 + e^{-2a}})", R"(\tanh(a))", "the library's tanh", {"edi.a"},
              [](const Inputs& in) -> Value {
                const double a = in.scalar("edi.a");
                return (1.0 - std::exp(-2.0 * a)) / (1.0 + std::exp(-2.0 * a));
              },
              [](const Inputs& in) -> Value { return nnwb::tanh(in.scalar("edi.a")); }});
  // The derivation's network: a_k = Σ_{j=1}^M w_kj z_j (no output bias), z_j = h(b_j), b_j = Σ_i w_ji x_i
  // + w_j0; g = h = σ; E_n = ½ Σ_k (ŷ_k − y_k)².
  const std::vector<std::string> net = {"net.x", "net.W1", "net.b1", "net.W2", "net.t"};
  const auto edi_error = [](const VectorXd& x, const MatrixXd& W1, const VectorXd& b1, const MatrixXd& W2,
                            const VectorXd& y) {
    const TwoLayer n = two_layer(x, W1, b1, W2, VectorXd::Zero(W2.rows()), Activation::sigmoid(), Activation::sigmoid());
    return 0.5 * (n.y - y).squaredNorm();
  };
  add(trace, {"edi.hidden_to_output", "The derivatives of the error function (two-layers)",
              "∂E_n/∂w⁽²⁾_kj = (ŷ_k − y_k) g'(a_k) z_j",
              R"(\frac{\partial E_n}{\partial w^{(2)}_{kj}} = (\hat{y}_{nk} - y_{nk})\, g'(a_{nk})\, z_{nj})",
              R"(\frac{\partial E_n}{\partial W^{(2)}} \text{ by central differences})", "central differences of E_n",
              net,
              [](const Inputs& in) -> Value {
                const VectorXd& W2b = VectorXd::Zero(in.matrix("net.W2").rows());
                const TwoLayer n = two_layer(in.vector("net.x"), in.matrix("net.W1"), in.vector("net.b1"),
                                             in.matrix("net.W2"), W2b, Activation::sigmoid(), Activation::sigmoid());
                const VectorXd delta = (n.y - in.vector("net.t")).cwiseProduct(sig_slope(n.y));  // (ŷ − y)g'(a)
                return MatrixXd(delta * n.z.transpose());                                    // (K, M)
              },
              [edi_error](const Inputs& in) -> Value {
                return fd([&](const MatrixXd& W2) {
                  return edi_error(in.vector("net.x"), in.matrix("net.W1"), in.vector("net.b1"), W2, in.vector("net.t"));
                }, in.matrix("net.W2"));
              }});
  add(trace, {"edi.input_to_hidden", "The derivatives of the error function (two-layers)",
              "∂E_n/∂w⁽¹⁾_ji = (Σ_k (ŷ_k − y_k) g'(a_k) w⁽²⁾_kj) h'(b_j) x_i",
              R"(\frac{\partial E_n}{\partial w^{(1)}_{ji}} = \left(\sum_{k=1}^K (\hat{y}_{nk} - y_{nk}) g'(a_{nk}) w^{(2)}_{kj}\right) h'(b_{nj}) x_{ni})",
              R"(\frac{\partial E_n}{\partial W^{(1)}} \text{ by central differences})", "central differences of E_n",
              net,
              [](const Inputs& in) -> Value {
                const MatrixXd& W2 = in.matrix("net.W2");
                const TwoLayer n = two_layer(in.vector("net.x"), in.matrix("net.W1"), in.vector("net.b1"), W2,
                                             VectorXd::Zero(W2.rows()), Activation::sigmoid(), Activation::sigmoid());
                const VectorXd delta2 = (n.y - in.vector("net.t")).cwiseProduct(sig_slope(n.y));
                const VectorXd back = (W2.transpose() * delta2).cwiseProduct(sig_slope(n.z));  // (Σ_k …) h'(b_j)
                return MatrixXd(back * in.vector("net.x").transpose());                         // (M, d)
              },
              [edi_error](const Inputs& in) -> Value {
                return fd([&](const MatrixXd& W1) {
                  return edi_error(in.vector("net.x"), W1, in.vector("net.b1"), in.matrix("net.W2"), in.vector("net.t"));
                }, in.matrix("net.W1"));
              }});
  const std::vector<std::string> graph = {"net.x", "net.W1", "net.b1", "net.W2", "net.b2", "net.t"};
  const auto x6_of = [](const Inputs& in) {
    return edi_graph(in.vector("net.x"), in.matrix("net.W1"), in.vector("net.b1"), in.matrix("net.W2"),
                     in.vector("net.b2"));
  };
  add(trace, {"edi.softmax", "Normalisation of output nodes - softmax",
              "(i) 0 ≤ y_k ≤ 1 and (ii) Σ_k y_k = 1, counted: (Σ_k y_k, #{k : 0 ≤ y_k ≤ 1})",
              R"(y_k = \frac{\exp(a_k)}{\sum_{\ell=1}^K \exp(a_\ell)}:\ \left(\sum_k y_k,\ \#\{k: 0 \le y_k \le 1\}\right))",
              R"((1, K))", "the properties' own numbers (1, K)", graph,
              [x6_of](const Inputs& in) -> Value {
                const VectorXd a = x6_of(in).x6;
                const VectorXd y = a.array().exp() / a.array().exp().sum();  // as written, exp(a_k)/Σ exp(a_ℓ)
                return VectorXd(Eigen::Vector2d(y.sum(), static_cast<double>((y.array() >= 0 && y.array() <= 1).count())));
              },
              [](const Inputs& in) -> Value {
                return VectorXd(Eigen::Vector2d(1.0, static_cast<double>(in.vector("net.t").size())));
              },
              "", "", nullptr, 1e-12});
  add(trace, {"edi.ce_one_hot", "Practical representations - computation graph",
              "L = −Σ y_i log ŷ_i = −log ŷ_c", R"(L = -\sum_i y_i \log \hat{y}_i)",
              R"(-\log \mathrm{softmax}(W_2\mathbf{z} + w_{20})_c)", "the library's −log softmax(x₆)_c", graph,
              [x6_of](const Inputs& in) -> Value {
                const VectorXd y_hat = softmax(x6_of(in).x6);
                return -(in.vector("net.t").array() * y_hat.array().log()).sum();
              },
              [x6_of](const Inputs& in) -> Value { return softmax_cross_entropy(x6_of(in).x6, class_of(in.vector("net.t"))); }});
  add(trace, {"edi.f6", "Computation graph", "f₆: L = log softmax(x₆)_{i=y}",
              R"(f_6 : L = \log \mathrm{softmax}(x_6)_{i=y})", R"(L = -\sum_i y_i \log \hat{y}_i)",
              "the slide's own loss L = −Σ y_i log ŷ_i (the library's cross-entropy)", graph,
              [x6_of](const Inputs& in) -> Value { return log_softmax(x6_of(in).x6)[class_of(in.vector("net.t"))]; },
              [x6_of](const Inputs& in) -> Value { return cross_entropy(softmax(x6_of(in).x6), in.vector("net.t")); },
              R"(f_6 : L = -\log \mathrm{softmax}(x_6)_{i=y})", "L = −log softmax(x₆)_{i=y} (the minus sign)",
              [x6_of](const Inputs& in) -> Value { return -log_softmax(x6_of(in).x6)[class_of(in.vector("net.t"))]; }});
  add(trace, {"edi.a_is_x4", "Computation graph – cross entropy layer",
              "L = −log(e^{a_c}/Σ_j e^{a_j}) with a = x₄",
              R"(L = -\log \frac{e^{a_c}}{\sum_j e^{a_j}},\ \mathbf{a} = \mathbf{x}_4)", R"(L = -\sum_i y_i \log \hat{y}_i)",
              "the loss of the graph, −log softmax(x₆)_c", graph,
              [x6_of](const Inputs& in) -> Value { return -log_softmax(x6_of(in).x4)[class_of(in.vector("net.t"))]; },
              [x6_of](const Inputs& in) -> Value { return softmax_cross_entropy(x6_of(in).x6, class_of(in.vector("net.t"))); },
              R"(L = -\log \frac{e^{a_c}}{\sum_j e^{a_j}},\ \mathbf{a} = \mathbf{x}_6)",
              "a = x₆, the logits (x₄ = σ(x₃) is the hidden layer: M = 4 entries, not K = 3)",
              [x6_of](const Inputs& in) -> Value { return -log_softmax(x6_of(in).x6)[class_of(in.vector("net.t"))]; }});
  add(trace, {"edi.dl_dx6", "Computation graph – cross entropy layer", "∂L/∂x₆ = ŷ − y",
              R"(\frac{\partial L}{\partial \mathbf{x}_6} = \hat{\mathbf{y}} - \mathbf{y})",
              R"(\frac{\partial L}{\partial \mathbf{x}_6} \text{ by central differences})", "central differences of L",
              graph,
              [x6_of](const Inputs& in) -> Value { return VectorXd(softmax(x6_of(in).x6) - in.vector("net.t")); },
              [x6_of](const Inputs& in) -> Value {
                const Eigen::Index c = class_of(in.vector("net.t"));
                return numerical_gradient([c](const VectorXd& x6) { return -log_softmax(x6)[c]; }, x6_of(in).x6);
              }});
  add(trace, {"edi.dl_dw2", "Computation graph (cont.)",
              "∂L/∂W₂ = ∂L/∂x₆ ∂x₆/∂x₅ ∂x₅/∂W₂, with the omitted transpose: (ŷ − y)x₄ᵀ",
              R"(\frac{\partial L}{\partial W_2} = \frac{\partial L}{\partial \mathbf{x}_6}\frac{\partial \mathbf{x}_6}{\partial \mathbf{x}_5}\frac{\partial \mathbf{x}_5}{\partial W_2} = (\hat{\mathbf{y}} - \mathbf{y})\,\mathbf{x}_4^T)",
              R"(\frac{\partial L}{\partial W_2} \text{ by central differences})", "central differences of L", graph,
              [x6_of](const Inputs& in) -> Value {
                const Graph g = x6_of(in);
                return MatrixXd((softmax(g.x6) - in.vector("net.t")) * g.x4.transpose());
              },
              [](const Inputs& in) -> Value {
                const Eigen::Index c = class_of(in.vector("net.t"));
                return fd([&](const MatrixXd& W2) {
                  return -log_softmax(edi_graph(in.vector("net.x"), in.matrix("net.W1"), in.vector("net.b1"), W2,
                                                in.vector("net.b2")).x6)[c];
                }, in.matrix("net.W2"));
              }});
}

}  // namespace nnwb::chapters::errata_parts
