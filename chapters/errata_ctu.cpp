// Chapter 21, errata: the CTU deck's candidates (CTU 002_ddd62baf13f113f4.txt; each candidate's step
// title names its slide). What the candidates share, and the steps each makes, are in
// errata_parts.hpp; the chapter itself is errata.cpp.
#include "errata_parts.hpp"

namespace nnwb::chapters::errata_parts {

// ---- CTU -----------------------------------------------------------------------------------------

void ctu_claims(Trace& trace) {
  trace.section("CTU: Neural Networks 1 (CTU, Petříčková)");
  add(trace, {"ctu.logsig", "Reminder: Derivatives of Activation Functions", "logsig with slope λ: f'(ξ) = λy(1 − y)",
              R"(y = \frac{1}{1 + e^{-\lambda\xi}},\quad f'(\xi) = \lambda y(1 - y))",
              R"(\frac{f(\xi + \epsilon) - f(\xi - \epsilon)}{2\epsilon})", "central differences of f",
              {"ctu.lambda", "ctu.xi"},
              [](const Inputs& in) -> Value {
                const double lambda = in.scalar("ctu.lambda"), y = sigmoid(in.scalar("ctu.xi"), lambda);
                return lambda * y * (1.0 - y);
              },
              [](const Inputs& in) -> Value {
                const double lambda = in.scalar("ctu.lambda");
                return numerical_derivative([lambda](double xi) { return 1.0 / (1.0 + std::exp(-lambda * xi)); },
                                            in.scalar("ctu.xi"));
              }});
  add(trace, {"ctu.tanh", "Reminder: Derivatives of Activation Functions",
              "tanh with slope λ: f'(ξ) = λ²(1 + y)(1 − y)",
              R"(y = \frac{1 - e^{-2\lambda\xi}}{1 + e^{-2\lambda\xi}},\quad f'(\xi) = \lambda^2 (1 + y)(1 - y))",
              R"(\frac{f(\xi + \epsilon) - f(\xi - \epsilon)}{2\epsilon})", "central differences of f",
              {"ctu.lambda", "ctu.xi"},
              [](const Inputs& in) -> Value {
                const double lambda = in.scalar("ctu.lambda"), xi = in.scalar("ctu.xi");
                const double y = (1.0 - std::exp(-2.0 * lambda * xi)) / (1.0 + std::exp(-2.0 * lambda * xi));
                return lambda * lambda * (1.0 + y) * (1.0 - y);
              },
              [](const Inputs& in) -> Value {
                const double lambda = in.scalar("ctu.lambda");
                return numerical_derivative(
                    [lambda](double xi) { return (1.0 - std::exp(-2.0 * lambda * xi)) / (1.0 + std::exp(-2.0 * lambda * xi)); },
                    in.scalar("ctu.xi"));
              },
              R"(f'(\xi) = \lambda (1 + y)(1 - y))", "f'(ξ) = λ(1 + y)(1 − y): the chain rule on tanh(λξ) gives one factor λ",
              [](const Inputs& in) -> Value {
                const double lambda = in.scalar("ctu.lambda"), y = nnwb::tanh(in.scalar("ctu.xi"), lambda);
                return lambda * (1.0 + y) * (1.0 - y);
              }});
  const std::vector<std::string> neuron = {"neuron.x", "neuron.w", "neuron.y"};
  add(trace, {"ctu.sse_neuron", "What We Covered Last Time",
              "∂E_p/∂w_i = −(d_p − y_p) f'(ξ_p) x_pi (tanh neuron, SSE)",
              R"(\frac{\partial E_p}{\partial w_i} = -(d_p - y_p) \cdot f'(\xi_p) \cdot x_{pi})",
              R"(\frac{E_p(w_i + \epsilon) - E_p(w_i - \epsilon)}{2\epsilon})", "central differences of E_p", neuron,
              [](const Inputs& in) -> Value {
                const VectorXd& x = in.vector("neuron.x");
                const double y = nnwb::tanh(x.dot(in.vector("neuron.w")));
                return VectorXd(-(in.scalar("neuron.y") - y) * (1.0 - y * y) * x);
              },
              [](const Inputs& in) -> Value {
                const VectorXd x = in.vector("neuron.x");
                const double d = in.scalar("neuron.y");
                return numerical_gradient([&](const VectorXd& w) { return 0.5 * std::pow(d - nnwb::tanh(x.dot(w)), 2); },
                                          in.vector("neuron.w"));
              }});
  add(trace, {"ctu.ce_sigmoid", "What We Covered Last Time",
              "cross-entropy for a sigmoid neuron: ((1 − d)/(1 − y) − d/y) y(1 − y) x_i = (y − d) x_i",
              R"(\frac{\partial E_p}{\partial w_i} = \left(\frac{1-d_p}{1-y_p} - \frac{d_p}{y_p}\right) y_p (1-y_p) x_{pi} = (y_p - d_p) x_{pi})",
              R"(\frac{E_p(w_i + \epsilon) - E_p(w_i - \epsilon)}{2\epsilon})", "central differences of E_p", neuron,
              [](const Inputs& in) -> Value {
                const VectorXd& x = in.vector("neuron.x");
                const double y = sigmoid(x.dot(in.vector("neuron.w"))), d = in.scalar("neuron.y");
                return VectorXd(((1 - d) / (1 - y) - d / y) * y * (1 - y) * x);
              },
              [](const Inputs& in) -> Value {
                const VectorXd x = in.vector("neuron.x");
                const VectorXd d = VectorXd::Constant(1, in.scalar("neuron.y"));
                return numerical_gradient(
                    [&](const VectorXd& w) { return binary_cross_entropy(VectorXd::Constant(1, sigmoid(x.dot(w))), d); },
                    in.vector("neuron.w"));
              }});
  // The single layer on the animals (tanh units, SSE): X = (1 | data table), W: (4, 4).
  const std::vector<std::string> layer = {"animals.table", "animals.D", "animals.W", "ctu.alpha"};
  const auto layer_error = [](const MatrixXd& X, const MatrixXd& D, const MatrixXd& W) {
    return 0.5 * (D - tanh_of(MatrixXd(X * W))).squaredNorm();
  };
  add(trace, {"ctu.layer_update", "Single-Layer Neural Network with a Continuous Activation Function",
              "W(t+1) = W(t) + α xᵀ[f'(ξ) ∘ (d − y)] for one sample (the first animal)",
              R"(W(t+1) = W(t) + \alpha_t \vec{x}_t^T [f'(\vec{\xi}_t) \circ (\vec{d}_t - \vec{y}_t)])",
              R"(W - \alpha \frac{\partial E_t}{\partial W} \text{ (central differences)})",
              "a gradient-descent step W − α∂E_t/∂W, by central differences", layer,
              [](const Inputs& in) -> Value {
                const Eigen::RowVectorXd x = with_bias_column(in.matrix("animals.table")).row(0);
                const MatrixXd& W = in.matrix("animals.W");
                const Eigen::RowVectorXd xi = x * W, y = tanh_of(MatrixXd(xi)), d = in.matrix("animals.D").row(0);
                const Eigen::RowVectorXd slope = (1.0 - y.array().square()).matrix();
                return MatrixXd(W + in.scalar("ctu.alpha") * x.transpose() * slope.cwiseProduct(d - y));
              },
              [layer_error](const Inputs& in) -> Value {
                const MatrixXd x = with_bias_column(in.matrix("animals.table")).topRows(1);
                const MatrixXd d = in.matrix("animals.D").topRows(1), W = in.matrix("animals.W");
                return MatrixXd(W - in.scalar("ctu.alpha") * fd([&](const MatrixXd& w) { return layer_error(x, d, w); }, W));
              }});
  add(trace, {"ctu.batch_update", "Single-Layer Neural Network with a Continuous Activation Function",
              "batch: W(t+1) = W(t) + α Xᵀ[f'(Ξ) ∘ (D − Y)]",
              R"(W(t+1) = W(t) + \alpha_t X_t^T [f'(\Xi_t) \circ (D_t - Y_t)])",
              R"(W - \alpha \frac{\partial E}{\partial W} \text{ (central differences)})",
              "a gradient-descent step on the whole table, by central differences", layer,
              [](const Inputs& in) -> Value {
                const MatrixXd X = with_bias_column(in.matrix("animals.table"));
                const MatrixXd& W = in.matrix("animals.W");
                const MatrixXd Y = tanh_of(MatrixXd(X * W));
                const MatrixXd slope = (1.0 - Y.array().square()).matrix();
                return MatrixXd(W + in.scalar("ctu.alpha") * X.transpose() * slope.cwiseProduct(in.matrix("animals.D") - Y));
              },
              [layer_error](const Inputs& in) -> Value {
                const MatrixXd X = with_bias_column(in.matrix("animals.table")), D = in.matrix("animals.D");
                const MatrixXd W = in.matrix("animals.W");
                return MatrixXd(W - in.scalar("ctu.alpha") * fd([&](const MatrixXd& w) { return layer_error(X, D, w); }, W));
              }});
  add(trace, {"ctu.softmax_ce", "Cross-Entropy for Multiple Classes",
              "softmax with E = −Σ d log y: ∂E_p/∂w_ij = (y_pj − d_pj) x_pi (the first animal, d as 0/1)",
              R"(\frac{\partial E_p}{\partial w_{ij}} = (y_{pj} - d_{pj})\, x_{pi})",
              R"(\frac{\partial E_p}{\partial W} \text{ by central differences})", "central differences of E_p", layer,
              [](const Inputs& in) -> Value {
                const VectorXd x = with_bias_column(in.matrix("animals.table")).row(0).transpose();
                const VectorXd d = (in.matrix("animals.D").row(0).transpose().array() + 1.0) / 2.0;  // ±1 → 0/1
                const VectorXd y = softmax(VectorXd(in.matrix("animals.W").transpose() * x));
                return MatrixXd(x * (y - d).transpose());
              },
              [](const Inputs& in) -> Value {
                const VectorXd x = with_bias_column(in.matrix("animals.table")).row(0).transpose();
                const VectorXd d = (in.matrix("animals.D").row(0).transpose().array() + 1.0) / 2.0;
                return fd([&](const MatrixXd& W) { return softmax_cross_entropy(VectorXd(W.transpose() * x), d); },
                          in.matrix("animals.W"));
              }});
  // The regression targets: any D will do; a nonlinear one, so that no W fits it exactly.
  const auto reg_targets = [](const Inputs& in) {
    return MatrixXd(tanh_of(MatrixXd(with_bias_column(in.matrix("reg.inputs")) * in.matrix("reg.W1"))));  // (5, 3)
  };
  add(trace, {"ctu.lsq", "Linear Neural Network", "W = (XᵀX)⁻¹XᵀD (with the inverse, as written)",
              R"(W = (X^T X)^{-1} X^T D)", R"(\arg\min_W \|D - XW\|^2 \text{ (the library's QR least squares)})",
              "the library's least squares (QR, no inverse)", {"reg.inputs", "reg.W1"},
              [reg_targets](const Inputs& in) -> Value {
                const MatrixXd X = with_bias_column(in.matrix("reg.inputs"));
                return MatrixXd((X.transpose() * X).inverse() * X.transpose() * reg_targets(in));
              },
              [reg_targets](const Inputs& in) -> Value {
                return least_squares(with_bias_column(in.matrix("reg.inputs")), reg_targets(in));
              },
              "", "", nullptr, 1e-8});
  add(trace, {"ctu.linear_layers", "Motivation: Multi-Layer Perceptron",
              "stacking linear layers: (1 | (1 | X)W₁)W₂ is one linear layer (1 | X)W'",
              R"(Y = (1 \mid (1 \mid X) W_1) W_2 = (1 \mid X) W')",
              R"((1 \mid X)\, \arg\min_{W'} \|Y - (1 \mid X)W'\|^2)",
              "the best single linear layer, fitted by the library's least squares", {"reg.inputs", "reg.W1", "reg.W2"},
              [](const Inputs& in) -> Value {
                return MatrixXd(with_bias_column(with_bias_column(in.matrix("reg.inputs")) * in.matrix("reg.W1")) *
                                in.matrix("reg.W2"));
              },
              [](const Inputs& in) -> Value {
                const MatrixXd X = with_bias_column(in.matrix("reg.inputs"));
                const MatrixXd Y = with_bias_column(X * in.matrix("reg.W1")) * in.matrix("reg.W2");
                return MatrixXd(X * least_squares(X, Y));
              },
              "", "", nullptr, 1e-8});

  // The layered network: output, hidden and matrix deltas.
  const std::vector<std::string> mlp = {"ctu.x", "ctu.d", "ctu.W1", "ctu.W2", "ctu.W3", "ctu.alpha"};
  const auto weights = [](const Inputs& in) {
    return std::array<MatrixXd, 3>{in.matrix("ctu.W1"), in.matrix("ctu.W2"), in.matrix("ctu.W3")};
  };
  const auto row_x = [](const Inputs& in) { return MatrixXd(with_bias_column(in.vector("ctu.x").transpose())); };
  const auto row_d = [](const Inputs& in) { return MatrixXd(in.vector("ctu.d").transpose()); };
  // δ_L = ∂E/∂Ξ_L by central differences.
  const auto fd_delta = [weights](const Inputs& in, int L, const MatrixXd& X, const MatrixXd& D) {
    const auto W = weights(in);
    return fd([&](const MatrixXd& xi) { return ctu_error_from(L, xi, W, D); }, ctu_forward(X, W).Xi[L]);
  };
  // The correct deltas, from the element-wise rules: δ₃ = f'(ξ₃) ∘ (y − d), δ_L = f'(ξ_L) ∘ (δ_{L+1} W̄ᵀ).
  const auto deltas = [weights](const Inputs& in, const MatrixXd& X, const MatrixXd& D) {
    const auto W = weights(in);
    const CtuPass p = ctu_forward(X, W);
    std::array<MatrixXd, 4> delta;
    delta[3] = tanh_slope(p.Xi[3]).cwiseProduct(p.Y[3] - D);
    for (int L = 2; L >= 1; --L)
      delta[L] = tanh_slope(p.Xi[L]).cwiseProduct(delta[L + 1] * without_bias_row(W[L]).transpose());
    return delta;
  };
  add(trace, {"ctu.output_delta", "Backpropagation – Adaptation Rules",
              "output layer: δ_j = −(d_j − y_j) f'(ξ_j), i.e. δ_{L_max} = f'(ξ) ∘ (y − d)",
              R"(\delta_{tj} = \frac{\partial E_t}{\partial \xi_{tj}} = -(d_{tj} - y_{tj}) f'(\xi_{tj}))",
              R"(\frac{\partial E_t}{\partial \vec{\xi}_{L_{max}}} \text{ by central differences})",
              "central differences of E_t", mlp,
              [weights, row_x, row_d](const Inputs& in) -> Value {
                const CtuPass p = ctu_forward(row_x(in), weights(in));
                return VectorXd((-(row_d(in) - p.Y[3]).cwiseProduct(tanh_slope(p.Xi[3]))).transpose());
              },
              [fd_delta, row_x, row_d](const Inputs& in) -> Value {
                return VectorXd(fd_delta(in, 3, row_x(in), row_d(in)).transpose());
              }});
  //! [ctu_hidden_delta]
  add(trace, {"ctu.hidden_delta", "Backpropagation – Adaptation Rules",
              "last hidden layer: δ_j = (Σ_k δ_k w_jk) f'(ξ_j)",
              R"(\delta_{tj} = \left(\sum_{k=1}^m \delta_{tk} \cdot w_{jk}\right) f'(\xi_{tj}))",
              R"(\frac{\partial E_t}{\partial \vec{\xi}_{2}} \text{ by central differences})", "central differences of E_t", mlp,
              [weights, row_x, row_d](const Inputs& in) -> Value {
                const auto W = weights(in);
                const CtuPass p = ctu_forward(row_x(in), W);
                const MatrixXd d3 = tanh_slope(p.Xi[3]).cwiseProduct(p.Y[3] - row_d(in));
                VectorXd out(p.Xi[2].cols());
                for (Eigen::Index j = 0; j < out.size(); ++j) {
                  double sum = 0.0;
                  for (Eigen::Index k = 0; k < d3.cols(); ++k) sum += d3(0, k) * W[2](j + 1, k);  // w_jk: row j+1 (bias row 0)
                  out[j] = sum * tanh_slope(p.Xi[2])(0, j);
                }
                return out;
              },
              [fd_delta, row_x, row_d](const Inputs& in) -> Value {
                return VectorXd(fd_delta(in, 2, row_x(in), row_d(in)).transpose());
              }});
  // (f'(ξ_L) ∘ δ_{L+1}) W_{L+1}ᵀ as printed: the Hadamard product needs f'(ξ_L) and δ_{L+1} of one shape.
  const auto hadamard_fails = [](const CtuPass& p, const MatrixXd& next_delta, int L) -> std::optional<Verdict> {
    const MatrixXd slope = tanh_slope(p.Xi[L]);
    if (slope.rows() == next_delta.rows() && slope.cols() == next_delta.cols()) return std::nullopt;
    return Verdict{false, fmt::format("the shapes do not conform: f'(ξ_{0}) is {1}×{2} and δ_{3} is {4}×{5}, and ∘ "
                                      "needs equal shapes (layer {0} has {2} neurons, layer {3} has {5})",
                                      L, slope.rows(), slope.cols(), L + 1, next_delta.rows(), next_delta.cols())};
  };
  //! [ctu_hidden_delta]
  add(trace, {"ctu.matrix_hidden", "Backpropagation Algorithm (Matrix – Iterative Variant)",
              "δ_L = (f'(ξ_L) ∘ δ_{L+1}) W_{L+1}ᵀ for the last hidden layer, L = 2",
              R"(\vec{\delta}_L = \left(f'(\vec{\xi}_L) \circ \vec{\delta}_{L+1}\right) W_{L+1}^T)",
              R"(\frac{\partial E_t}{\partial \vec{\xi}_2} \text{ by central differences})", "central differences of E_t", mlp,
              [weights, row_x, row_d, deltas, hadamard_fails](const Inputs& in) -> Value {
                const CtuPass p = ctu_forward(row_x(in), weights(in));
                if (const auto fails = hadamard_fails(p, deltas(in, row_x(in), row_d(in))[3], 2)) return *fails;
                return VectorXd((tanh_slope(p.Xi[2]).cwiseProduct(deltas(in, row_x(in), row_d(in))[3]) *
                                 in.matrix("ctu.W3").transpose()).transpose());
              },
              [fd_delta, row_x, row_d](const Inputs& in) -> Value {
                return VectorXd(fd_delta(in, 2, row_x(in), row_d(in)).transpose());
              },
              R"(\vec{\delta}_L = f'(\vec{\xi}_L) \circ \left(\vec{\delta}_{L+1} \bar{W}_{L+1}^T\right))",
              "δ_L = f'(ξ_L) ∘ (δ_{L+1} W̄_{L+1}ᵀ): f' of this layer, applied after the product, with W̄_{L+1} = W_{L+1} "
              "without its bias row",
              [deltas, row_x, row_d](const Inputs& in) -> Value {
                return VectorXd(deltas(in, row_x(in), row_d(in))[2].transpose());
              }});
  add(trace, {"ctu.matrix_hidden_first", "Backpropagation Algorithm (Matrix – Iterative Variant)",
              "δ_L = (f'(ξ_L) ∘ δ_{L+1}) W_{L+1}ᵀ for the first hidden layer, L = 1 (here ∘ conforms: 3 and 3 neurons)",
              R"(\vec{\delta}_1 = \left(f'(\vec{\xi}_1) \circ \vec{\delta}_{2}\right) W_{2}^T)",
              R"(\frac{\partial E_t}{\partial \vec{\xi}_1} \text{ by central differences})", "central differences of E_t", mlp,
              [weights, row_x, row_d, deltas, hadamard_fails](const Inputs& in) -> Value {
                const CtuPass p = ctu_forward(row_x(in), weights(in));
                const MatrixXd d2 = deltas(in, row_x(in), row_d(in))[2];  // the correct δ₂
                if (const auto fails = hadamard_fails(p, d2, 1)) return *fails;
                return VectorXd((tanh_slope(p.Xi[1]).cwiseProduct(d2) * in.matrix("ctu.W2").transpose()).transpose());
              },
              [fd_delta, row_x, row_d](const Inputs& in) -> Value {
                return VectorXd(fd_delta(in, 1, row_x(in), row_d(in)).transpose());
              },
              R"(\vec{\delta}_1 = f'(\vec{\xi}_1) \circ \left(\vec{\delta}_{2} \bar{W}_{2}^T\right))",
              "δ₁ = f'(ξ₁) ∘ (δ₂ W̄₂ᵀ), W̄₂ without its bias row",
              [deltas, row_x, row_d](const Inputs& in) -> Value {
                return VectorXd(deltas(in, row_x(in), row_d(in))[1].transpose());
              }});
  // Even without the bias entry, the printed order gives other numbers.
  trace.step("ctu.matrix_hidden_first.without_bias", "Even without its bias entry, the printed order gives other numbers")
      .formula(R"(\left[\left(f'(\vec{\xi}_1) \circ \vec{\delta}_{2}\right) W_{2}^T\right]_{1..n_1} \approx \frac{\partial E_t}{\partial \vec{\xi}_1} \quad ?)")
      .verdict({"ctu.matrix_hidden_first.slide", "ctu.matrix_hidden_first.check"}, [](const Inputs& in) -> Value {
        const Value& printed = in.value("ctu.matrix_hidden_first.slide");
        if (std::holds_alternative<Verdict>(printed)) return std::get<Verdict>(printed);
        const VectorXd& v = in.vector("ctu.matrix_hidden_first.slide");
        const VectorXd& reference = in.vector("ctu.matrix_hidden_first.check");
        const VectorXd tail = v.tail(v.size() - 1);
        if (tail.size() != reference.size()) return Verdict{false, "the sizes differ even without the bias entry"};
        const double error = max_relative_error(tail, reference);
        return Verdict{error <= 1e-6, fmt::format("without the bias entry: {} against {}; largest relative error {:.2g}",
                                                  show(VectorXd(tail)), show(reference), error)};
      });
  std::vector<std::string> mlp_batch = {"ctu.X", "ctu.D", "ctu.W1", "ctu.W2", "ctu.W3", "ctu.alpha"};
  add(trace, {"ctu.matrix_update", "Backpropagation Algorithm (Matrix – Iterative Variant)",
              "W_L(t+1) = W_L(t) − α y_{L−1}ᵀ δ_L (L = 1, with the correct δ₁)",
              R"(W_L(t+1) = W_L(t) - \alpha\, \vec{y}_{L-1}^T \vec{\delta}_L)",
              R"(W_1 - \alpha \frac{\partial E_t}{\partial W_1} \text{ (central differences)})",
              "a gradient-descent step, by central differences", mlp,
              [deltas, row_x, row_d](const Inputs& in) -> Value {
                const MatrixXd y0 = row_x(in);
                return MatrixXd(in.matrix("ctu.W1") - in.scalar("ctu.alpha") * y0.transpose() * deltas(in, y0, row_d(in))[1]);
              },
              [weights, row_x, row_d](const Inputs& in) -> Value {
                auto W = weights(in);
                const MatrixXd X = row_x(in), D = row_d(in);
                const MatrixXd g = fd([&](const MatrixXd& W1) {
                  auto w = W;
                  w[0] = W1;
                  return ctu_error_from(1, X * W1, w, D);
                }, W[0]);
                return MatrixXd(W[0] - in.scalar("ctu.alpha") * g);
              }});
  add(trace, {"ctu.batch_hidden", "Backpropagation Algorithm (Batch Variant)",
              "Δ_L = (f'(ξ_L) ∘ Δ_{L+1}) W_{L+1}ᵀ for the last hidden layer, L = 2, three samples",
              R"(\Delta_L = \left(f'(\xi_L) \circ \Delta_{L+1}\right) W_{L+1}^T)",
              R"(\frac{\partial E}{\partial \Xi_2} \text{ by central differences})", "central differences of E", mlp_batch,
              [weights, deltas, hadamard_fails](const Inputs& in) -> Value {
                const CtuPass p = ctu_forward(in.matrix("ctu.X"), weights(in));
                const MatrixXd d3 = deltas(in, in.matrix("ctu.X"), in.matrix("ctu.D"))[3];
                if (const auto fails = hadamard_fails(p, d3, 2)) return *fails;
                return MatrixXd(tanh_slope(p.Xi[2]).cwiseProduct(d3) * in.matrix("ctu.W3").transpose());
              },
              [fd_delta](const Inputs& in) -> Value { return fd_delta(in, 2, in.matrix("ctu.X"), in.matrix("ctu.D")); },
              R"(\Delta_L = f'(\Xi_L) \circ \left(\Delta_{L+1} \bar{W}_{L+1}^T\right))",
              "Δ_L = f'(Ξ_L) ∘ (Δ_{L+1} W̄_{L+1}ᵀ), W̄ without its bias row",
              [deltas](const Inputs& in) -> Value { return deltas(in, in.matrix("ctu.X"), in.matrix("ctu.D"))[2]; }});
  add(trace, {"ctu.batch_weights", "Backpropagation Algorithm (Batch Variant)",
              "W_L(t+1) = W_L(t) − α Y_{L−1}ᵀ Δ_L (L = 1, with the correct Δ₁)",
              R"(W_L(t+1) = W_L(t) - \alpha\, Y_{L-1}^T \Delta_L)",
              R"(W_1 - \alpha \frac{\partial E}{\partial W_1} \text{ (central differences)})",
              "a gradient-descent step on the batch, by central differences", mlp_batch,
              [deltas](const Inputs& in) -> Value {
                const MatrixXd& X = in.matrix("ctu.X");
                return MatrixXd(in.matrix("ctu.W1") - in.scalar("ctu.alpha") * X.transpose() * deltas(in, X, in.matrix("ctu.D"))[1]);
              },
              [weights](const Inputs& in) -> Value {
                auto W = weights(in);
                const MatrixXd X = in.matrix("ctu.X"), D = in.matrix("ctu.D");
                const MatrixXd g = fd([&](const MatrixXd& W1) { return ctu_error_from(1, X * W1, W, D); }, W[0]);
                return MatrixXd(W[0] - in.scalar("ctu.alpha") * g);
              }});
  add(trace, {"ctu.output_row", "Computing the Output – Matrix Form I (Single Input)",
              "y_L = (1 | z_L) for every layer, and the network output y = (y₁, …, y_m) = y_{L_max}",
              R"(\vec{y}_L = (1 \mid \vec{z}_L),\quad \vec{y} = (y_1, \ldots, y_m) = \vec{y}_{L_{max}})",
              R"(\text{the output of the library's Mlp on the same weights})", "the library's Mlp", mlp,
              [weights, row_x](const Inputs& in) -> Value {
                const CtuPass p = ctu_forward(row_x(in), weights(in));
                return VectorXd(with_bias_column(p.Y[3]).row(0).transpose());  // (1 | z_{L_max}), as printed
              },
              [weights](const Inputs& in) -> Value {
                std::vector<DenseLayer> layers;
                for (const MatrixXd& W : weights(in))  // CTU's W: (n+1, m), bias first row → W: (m, n), b: (m)
                  layers.push_back({without_bias_row(W).transpose(), W.row(0).transpose(), Activation::tanh()});
                return VectorXd(Mlp(layers).predict(in.vector("ctu.x")).col(0));
              },
              R"(\vec{y} = \vec{z}_{L_{max}})", "the output layer gets no bias neuron: y = z_{L_max} (m entries)",
              [weights, row_x](const Inputs& in) -> Value {
                return VectorXd(ctu_forward(row_x(in), weights(in)).Y[3].row(0).transpose());
              }});
  add(trace, {"ctu.animal_encoding", "Neural Network with a Single Layer of Neurons",
              "the encoded table: Small/Medium/Large → −1/0/1, None/Short/Long → −1/0/1, No/Yes → −1/1",
              R"(\text{(Size, Fur, Talks?) of the encoded table})",
              R"(\text{the encoding applied to the text table (Small, Short, No; Large, Long, No; …)})",
              "the encoding of the text table", {"animals.table", "animals.categories"},
              [](const Inputs& in) -> Value { return in.matrix("animals.table"); },
              [](const Inputs& in) -> Value { return encode_animals(in.matrix("animals.categories")); }});
  add(trace, {"ctu.animal_tables", "Neural Network with a Single Layer of Neurons",
              "the one-neuron table (Size, Fur, Speaks?) repeats the data table",
              R"(\text{(Size, Fur, Speaks?) of the "train a separate neuron" table})",
              R"(\text{the encoding applied to the text table})", "the encoding of the text table",
              {"animals.one_neuron", "animals.categories"},
              [](const Inputs& in) -> Value { return in.matrix("animals.one_neuron"); },
              [](const Inputs& in) -> Value { return encode_animals(in.matrix("animals.categories")); },
              R"(\text{row 2 (Large, Long, No: a Dog) has Size } = 1)",
              "row 2 is the Dog (Large, Long, No), so its Size is 1 as in the data table, not 0",
              [](const Inputs& in) -> Value {
                MatrixXd table = in.matrix("animals.one_neuron");
                const MatrixXd encoded = encode_animals(in.matrix("animals.categories"));
                for (Eigen::Index p = 0; p < table.rows(); ++p)
                  if (table(p, 0) != encoded(p, 0)) table(p, 0) = encoded(p, 0);  // the Size column, from the text
                return table;
              }});
}

}  // namespace nnwb::chapters::errata_parts
