// Chapter 21, errata: the PD deck's candidates (PD 003_b5a9c74466967a6d.txt; each candidate's step
// title names its slide). What the candidates share, and the steps each makes, are in
// errata_parts.hpp; the chapter itself is errata.cpp.
#include "errata_parts.hpp"

namespace nnwb::chapters::errata_parts {

// ---- PD ------------------------------------------------------------------------------------------

void pd_claims(Trace& trace) {
  trace.section("PD: Feed Forward Neural Networks (Padova)");
  const std::vector<std::string> perceptron = {"pd.phi", "pd.t", "pd.w", "pd.c"};
  const auto criterion = [](const MatrixXd& phi, const VectorXd& t, const VectorXd& w) {
    return (-(w.transpose() * phi).transpose().cwiseProduct(t)).cwiseMax(0.0).sum();  // J_p = Σ max(0, −wᵀφt)
  };
  const auto misclassified_sum = [](const Inputs& in, bool gradient) -> Value {
    const MatrixXd& phi = in.matrix("pd.phi");
    const VectorXd& t = in.vector("pd.t");
    const VectorXd& w = in.vector("pd.w");
    VectorXd g = VectorXd::Zero(w.size());
    double e = 0.0;
    for (Eigen::Index n = 0; n < phi.cols(); ++n)
      if (w.dot(phi.col(n)) * t[n] <= 0) {  // n ∈ M
        g -= phi.col(n) * t[n];
        e -= w.dot(phi.col(n)) * t[n];
      }
    if (gradient) return g;
    return e;
  };
  add(trace, {"pd.perceptron_gradient", "The perceptron algorithm (5/7)", "∇E_p(w) = −Σ_{n∈M} φ(x_n)t_n",
              R"(\nabla E_p(\mathbf{w}) = -\sum_{n \in \mathcal{M}} \phi(\mathbf{x}_n) t_n)",
              R"(\nabla J_p(\mathbf{w}) \text{ by central differences})", "central differences of J_p", perceptron,
              [misclassified_sum](const Inputs& in) -> Value { return misclassified_sum(in, true); },
              [criterion](const Inputs& in) -> Value {
                const MatrixXd phi = in.matrix("pd.phi");
                const VectorXd t = in.vector("pd.t");
                return numerical_gradient([&](const VectorXd& w) { return criterion(phi, t, w); }, in.vector("pd.w"));
              }});
  add(trace, {"pd.perceptron_criterion", "The perceptron algorithm (4/7)",
              "E_p(w) = −Σ_{n∈M} wᵀφ(x_n)t_n equals J_p(w) = Σ_n max(0, −wᵀφ(x_n)t_n)",
              R"(E_p(\mathbf{w}) = -\sum_{n \in \mathcal{M}} \mathbf{w}^T \phi(\mathbf{x}_n) t_n)",
              R"(J_p(\mathbf{w}) = \sum_n \max(0, -\mathbf{w}^T \phi(\mathbf{x}_n) t_n))", "J_p over all points", perceptron,
              [misclassified_sum](const Inputs& in) -> Value { return misclassified_sum(in, false); },
              [criterion](const Inputs& in) -> Value {
                return criterion(in.matrix("pd.phi"), in.vector("pd.t"), in.vector("pd.w"));
              }});
  const auto outputs = [](const MatrixXd& phi, const VectorXd& w) {
    return VectorXd((w.transpose() * phi).transpose().unaryExpr([](double a) { return sign(a); }));
  };
  add(trace, {"pd.perceptron_scaling", "The perceptron algorithm (6/7)",
              "y(x) is unchanged if we multiply w by a constant (here a negative c)",
              R"(f\left((c\mathbf{w})^T \phi(\mathbf{x}_n)\right) = f\left(\mathbf{w}^T \phi(\mathbf{x}_n)\right))",
              R"(f(\mathbf{w}^T \phi(\mathbf{x}_n)) \text{ for each } n)", "the outputs with w itself", perceptron,
              [outputs](const Inputs& in) -> Value {
                return outputs(in.matrix("pd.phi"), VectorXd(in.scalar("pd.c") * in.vector("pd.w")));
              },
              [outputs](const Inputs& in) -> Value { return outputs(in.matrix("pd.phi"), in.vector("pd.w")); },
              R"(f\left((|c|\mathbf{w})^T \phi(\mathbf{x}_n)\right) = f\left(\mathbf{w}^T \phi(\mathbf{x}_n)\right),\ c > 0)",
              "a positive constant only: c > 0 keeps every output; c < 0 flips every class",
              [outputs](const Inputs& in) -> Value {
                return outputs(in.matrix("pd.phi"), VectorXd(std::abs(in.scalar("pd.c")) * in.vector("pd.w")));
              }});
  add(trace, {"pd.hyperplane_distance", "Hyperplane geometry: bias",
              "the plane wᵀx + b = 0 lies at signed distance d = −b/‖w‖ along w",
              R"(d = -\frac{b}{\|\mathbf{w}\|})",
              R"(\frac{\mathbf{w}^T \mathbf{p}}{\|\mathbf{w}\|},\ \mathbf{p} = (-b/w_1, 0) \text{ on the plane})",
              "the projection onto w/‖w‖ of a point on the plane", {"plane.w", "plane.b"},
              [](const Inputs& in) -> Value { return -in.scalar("plane.b") / in.vector("plane.w").norm(); },
              [](const Inputs& in) -> Value {
                const VectorXd& w = in.vector("plane.w");
                VectorXd p = VectorXd::Zero(w.size());
                p[0] = -in.scalar("plane.b") / w[0];  // wᵀp + b = 0
                return w.dot(p) / w.norm();
              }});
  add(trace, {"pd.tanh_forms", "Hyperbolic tangent: tanh",
              "tanh(c) = (e^c − e^{−c})/(e^c + e^{−c}) and tanh(c) = 2σ(2c) − 1 (\"Problems of sigmoid (2/2)\")",
              R"(\left(\frac{e^c - e^{-c}}{e^c + e^{-c}},\ 2\sigma(2c) - 1\right))", R"((\tanh c, \tanh c))",
              "the library's tanh, twice", {"pd.points"},
              [](const Inputs& in) -> Value {
                const VectorXd& c = in.vector("pd.points");
                VectorXd out(2 * c.size());
                for (Eigen::Index i = 0; i < c.size(); ++i) {
                  out[i] = (std::exp(c[i]) - std::exp(-c[i])) / (std::exp(c[i]) + std::exp(-c[i]));
                  out[c.size() + i] = 2.0 / (1.0 + std::exp(-2.0 * c[i])) - 1.0;
                }
                return out;
              },
              [](const Inputs& in) -> Value {
                const VectorXd& c = in.vector("pd.points");
                VectorXd out(2 * c.size());
                out << tanh_of(c), tanh_of(c);
                return out;
              }});
  add(trace, {"pd.tanh_derivative", "Derivative of tanh",
              "f'(a) = ((e^a + e^{−a})² − (e^a − e^{−a})²)/(e^a + e^{−a})² = 1 − f(a)²",
              R"(\left(\frac{(e^{a} + e^{-a})^2 - (e^{a} - e^{-a})^2}{(e^{a} + e^{-a})^2},\ 1 - f(a)^2\right))",
              R"(\left(f'(a), f'(a)\right) \text{ by central differences})", "central differences of tanh, twice",
              {"pd.points"},
              [](const Inputs& in) -> Value {
                const VectorXd& a = in.vector("pd.points");
                VectorXd out(2 * a.size());
                for (Eigen::Index i = 0; i < a.size(); ++i) {
                  const double p = std::exp(a[i]) + std::exp(-a[i]), m = std::exp(a[i]) - std::exp(-a[i]);
                  out[i] = (p * p - m * m) / (p * p);
                  out[a.size() + i] = 1.0 - std::pow(m / p, 2);
                }
                return out;
              },
              [](const Inputs& in) -> Value {
                const VectorXd& a = in.vector("pd.points");
                VectorXd out(2 * a.size());
                for (Eigen::Index i = 0; i < a.size(); ++i)
                  out[i] = out[a.size() + i] = numerical_derivative([](double x) { return std::tanh(x); }, a[i]);
                return out;
              }});
  // "Problems of sigmoid (2/2)": a unit fed positive inputs (sigmoid outputs x₄ of the shared network)
  // gets a weight gradient δ x whose entries all share the sign of δ.
  add(trace, {"pd.zero_centred", "Problems of sigmoid (2/2)",
              "fed x > 0, the gradient on w is all positive or all negative: sign(∂E/∂w_kj) = sign(δ_k)",
              R"(\mathrm{sign}\left(\frac{\partial E}{\partial w_{kj}}\right) = \mathrm{sign}(\delta_k) \text{ for every } j)",
              R"(\mathrm{sign}\left(\frac{\partial L}{\partial W_2}\right) \text{ by central differences})",
              "the signs of central differences of L", {"net.x", "net.W1", "net.b1", "net.W2", "net.b2", "net.t"},
              [](const Inputs& in) -> Value {
                const Graph g = edi_graph(in.vector("net.x"), in.matrix("net.W1"), in.vector("net.b1"), in.matrix("net.W2"),
                                          in.vector("net.b2"));
                const VectorXd delta = softmax(g.x6) - in.vector("net.t");
                return MatrixXd(delta.unaryExpr([](double d) { return d > 0 ? 1.0 : -1.0; }) *
                                Eigen::RowVectorXd::Ones(g.x4.size()));
              },
              [](const Inputs& in) -> Value {
                const Eigen::Index c = class_of(in.vector("net.t"));
                return MatrixXd(fd([&](const MatrixXd& W2) {
                  return -log_softmax(edi_graph(in.vector("net.x"), in.matrix("net.W1"), in.vector("net.b1"), W2,
                                                in.vector("net.b2")).x6)[c];
                }, in.matrix("net.W2")).unaryExpr([](double d) { return d > 0 ? 1.0 : -1.0; }));
              }});
  add(trace, {"pd.dead_relu", "ReLU (2/2)",
              "if b ≪ 0 then c < 0 always, and the unit's gradient is zero: ∂(Σ_n ReLU(c_n))/∂w = 0",
              R"(c = \sum_j w_j x_j + b,\ b \ll 0 \Rightarrow \frac{\partial}{\partial \mathbf{w}} \sum_n \mathrm{ReLU}(c_n) = \mathbf{0})",
              R"(\frac{\partial}{\partial \mathbf{w}} \sum_n \mathrm{ReLU}(c_n) \text{ by central differences})",
              "central differences", {"relu.w", "relu.X", "relu.b"},
              [](const Inputs& in) -> Value { return VectorXd(VectorXd::Zero(in.vector("relu.w").size())); },
              [](const Inputs& in) -> Value {
                const MatrixXd X = in.matrix("relu.X");
                const double b = in.scalar("relu.b");
                return numerical_gradient(
                    [&](const VectorXd& w) {
                      return (X.transpose() * w).unaryExpr([b](double c) { return relu(c + b); }).sum();
                    },
                    in.vector("relu.w"));
              }});
  add(trace, {"pd.elu", "Exponential Linear: ELU",
              "ELU saturates for large negative values, \"allowing these values to be zero, leading to sparse "
              "activations\": #{ELU(c) = 0} at negative c",
              R"(\#\{n : \mathrm{ELU}(c_n) = 0\} = \#\{n\} \text{ for } c_n \ll 0 \text{ (sparse)})",
              R"(\#\{n : \alpha(e^{c_n} - 1) = 0\})", "ELU's definition (IC \"Activation functions\"), counted",
              {"elu.points", "elu.alpha"},
              [](const Inputs& in) -> Value { return static_cast<double>(in.vector("elu.points").size()); },
              [](const Inputs& in) -> Value {
                const double alpha = in.scalar("elu.alpha");
                return static_cast<double>(
                    (in.vector("elu.points").array().unaryExpr([alpha](double c) { return alpha * (std::exp(c) - 1.0); }) == 0.0)
                        .count());
              },
              R"(\mathrm{ELU}(c) = \alpha(e^{c} - 1) \to -\alpha \ne 0:\ \#\{n : \mathrm{ELU}(c_n) = 0\} = 0)",
              "ELU saturates at −α, never at 0: no activation is zero (only ReLU's are), so ELU is not sparse",
              [](const Inputs& in) -> Value {
                const double alpha = in.scalar("elu.alpha");
                return static_cast<double>(
                    (in.vector("elu.points").array().unaryExpr([alpha](double c) { return elu(c, alpha); }) == 0.0).count());
              },
              0.0});
  add(trace, {"pd.bce_nll", "Error & output functions: classification",
              "E(w) = −ln Π_n y_n^{t_n}(1 − y_n)^{1−t_n} = −Σ_n [t_n ln y_n + (1 − t_n) ln(1 − y_n)]",
              R"(E(\mathbf{w}) = -\ln \prod_{n=1}^N y_n^{t_n}(1 - y_n)^{1 - t_n})",
              R"(-\sum_{n=1}^N [t_n \ln y_n + (1 - t_n)\ln(1 - y_n)])", "N × the library's binary cross-entropy",
              {"batch.X", "batch.y", "neuron.w"},
              [](const Inputs& in) -> Value {
                const VectorXd y = sigmoid_of(VectorXd(in.matrix("batch.X") * in.vector("neuron.w")));
                const VectorXd& t = in.vector("batch.y");
                double likelihood = 1.0;
                for (Eigen::Index n = 0; n < y.size(); ++n) likelihood *= std::pow(y[n], t[n]) * std::pow(1 - y[n], 1 - t[n]);
                return -std::log(likelihood);
              },
              [](const Inputs& in) -> Value {
                const VectorXd y = sigmoid_of(VectorXd(in.matrix("batch.X") * in.vector("neuron.w")));
                return static_cast<double>(y.size()) * binary_cross_entropy(y, in.vector("batch.y"));
              },
              "", "", nullptr, 1e-10});
  const std::vector<std::string> graph = {"net.x", "net.W1", "net.b1", "net.W2", "net.b2", "net.t"};
  const auto logits = [](const Inputs& in) {
    return edi_graph(in.vector("net.x"), in.matrix("net.W1"), in.vector("net.b1"), in.matrix("net.W2"), in.vector("net.b2")).x6;
  };
  add(trace, {"pd.softmax_derivative", "Derivative of softmax (4/4)", "∂y_i/∂a_j = y_i(δ_ij − y_j)",
              R"(\frac{\partial y_i}{\partial a_j} = y_i(\delta_{ij} - y_j))",
              R"(\left[\frac{\partial y_i}{\partial a_j}\right] \text{ by central differences})",
              "central differences of softmax", graph,
              [logits](const Inputs& in) -> Value {
                const VectorXd y = softmax(logits(in));
                MatrixXd J(y.size(), y.size());
                for (Eigen::Index i = 0; i < y.size(); ++i)
                  for (Eigen::Index j = 0; j < y.size(); ++j) J(i, j) = y[i] * ((i == j ? 1.0 : 0.0) - y[j]);
                return J;
              },
              [logits](const Inputs& in) -> Value {
                const VectorXd a = logits(in);
                MatrixXd J(a.size(), a.size());
                for (Eigen::Index i = 0; i < a.size(); ++i)
                  J.row(i) = numerical_gradient([i](const VectorXd& v) { return softmax(v)[i]; }, a).transpose();
                return J;
              }});
  add(trace, {"pd.ce_derivative", "Derivative of cross-entropy loss (2/2)",
              "∂E_n/∂a_i = −t_i(1 − y_i) − Σ_{k≠i} t_k (1/y_k)(−y_k y_i) = y_i − t_i",
              R"(\frac{\partial E_n}{\partial a_i} = -t_i(1 - y_i) - \sum_{k \ne i} t_k \frac{1}{y_k}(-y_k y_i) = y_i - t_i)",
              R"(\frac{\partial E_n}{\partial \mathbf{a}} \text{ by central differences})", "central differences of E_n", graph,
              [logits](const Inputs& in) -> Value {
                const VectorXd y = softmax(logits(in));
                const VectorXd& t = in.vector("net.t");
                VectorXd g(y.size());
                for (Eigen::Index i = 0; i < y.size(); ++i) {
                  double sum = 0.0;
                  for (Eigen::Index k = 0; k < y.size(); ++k)
                    if (k != i) sum += t[k] / y[k] * (-y[k] * y[i]);
                  g[i] = -t[i] * (1.0 - y[i]) - sum;
                }
                return g;
              },
              [logits](const Inputs& in) -> Value {
                const VectorXd t = in.vector("net.t");
                return numerical_gradient([&](const VectorXd& a) { return softmax_cross_entropy(a, t); }, logits(in));
              }});
  // PD's regression network: tanh hidden nodes, linear output nodes, E_n = ½ Σ (y − t)², w_ik from i to k.
  const auto pd_pass = [](const Inputs& in) {
    return two_layer(in.vector("net.x"), in.matrix("net.W1"), in.vector("net.b1"), in.matrix("net.W2"),
                     in.vector("net.b2"), Activation::tanh(), Activation::identity());
  };
  const auto pd_error = [](const Inputs& in, const MatrixXd& W2) {
    const TwoLayer n = two_layer(in.vector("net.x"), in.matrix("net.W1"), in.vector("net.b1"), W2, in.vector("net.b2"),
                                 Activation::tanh(), Activation::identity());
    return 0.5 * (n.y - in.vector("net.t")).squaredNorm();
  };
  add(trace, {"pd.output_delta", "Error gradient: output nodes (3/3)", "linear output, square error: δ_i = y_i − t_i",
              R"(\delta_i = \frac{\partial E_n}{\partial a_i} = y_i - t_i)",
              R"(\frac{\partial E_n}{\partial a_i} \text{ by central differences})", "central differences of E_n", graph,
              [pd_pass](const Inputs& in) -> Value { return VectorXd(pd_pass(in).y - in.vector("net.t")); },
              [pd_pass](const Inputs& in) -> Value {
                const VectorXd t = in.vector("net.t");
                return numerical_gradient([&](const VectorXd& a) { return 0.5 * (a - t).squaredNorm(); }, pd_pass(in).a_out);
              }});
  //! [pd_hidden_delta]
  add(trace, {"pd.hidden_delta", "Backprop update", "tanh hidden nodes: δ_i = (1 − y_i²) Σ_{k>i} δ_k w_ik",
              R"(\delta_i = (1 - y_i^2) \sum_{k > i} \delta_k w_{ik})",
              R"(\frac{\partial E_n}{\partial a_i} \text{ by central differences})", "central differences of E_n", graph,
              [pd_pass](const Inputs& in) -> Value {
                const TwoLayer n = pd_pass(in);
                const VectorXd delta_k = n.y - in.vector("net.t");
                // w_ik runs from hidden i to output k: [w_ik] = W₂ᵀ
                return VectorXd((1.0 - n.z.array().square()).matrix().cwiseProduct(in.matrix("net.W2").transpose() * delta_k));
              },
              [pd_pass](const Inputs& in) -> Value {
                const MatrixXd W2 = in.matrix("net.W2");
                const VectorXd b2 = in.vector("net.b2"), t = in.vector("net.t");
                return numerical_gradient([&](const VectorXd& a) { return 0.5 * (W2 * tanh_of(a) + b2 - t).squaredNorm(); },
                                          pd_pass(in).a_hidden);
              }});
  //! [pd_hidden_delta]
  add(trace, {"pd.weight_gradient", "Partial derivatives wrt weights", "∂E_n/∂w_ij = δ_j y_i (hidden i → output j)",
              R"(\frac{\partial E_n(\mathbf{w})}{\partial w_{ij}} = \delta_j y_i)",
              R"(\frac{\partial E_n}{\partial w_{ij}} \text{ by central differences})", "central differences of E_n", graph,
              [pd_pass](const Inputs& in) -> Value {
                const TwoLayer n = pd_pass(in);
                return MatrixXd(n.z * (n.y - in.vector("net.t")).transpose());  // [i][j]
              },
              [pd_error](const Inputs& in) -> Value {
                return MatrixXd(fd([&](const MatrixXd& W2) { return pd_error(in, W2); }, in.matrix("net.W2")).transpose());
              }});
  add(trace, {"pd.momentum", "Momentum",
              "Δw(t) = −η∂E/∂w + αΔw(t−1): under a constant gradient the step grows to −η g/(1 − α)",
              R"(\Delta w(t) = -\eta\, g + \alpha\, \Delta w(t-1),\ t = 1 \ldots 300,\ \Delta w(0) = 0)",
              R"(-\frac{\eta\, g}{1 - \alpha})", "the geometric series' limit", {"momentum.g", "pd.eta", "pd.alpha"},
              [](const Inputs& in) -> Value {
                double step = 0.0;
                for (int t = 1; t <= 300; ++t) step = -in.scalar("pd.eta") * in.scalar("momentum.g") + in.scalar("pd.alpha") * step;
                return step;
              },
              [](const Inputs& in) -> Value {
                return -in.scalar("pd.eta") * in.scalar("momentum.g") / (1.0 - in.scalar("pd.alpha"));
              }});
}

}  // namespace nnwb::chapters::errata_parts
