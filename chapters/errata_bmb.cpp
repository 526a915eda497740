// Chapter 21, errata: the BMB deck's candidates (BMB 001_86790086ad6a4e65.txt; each candidate's step
// title names its slide). What the candidates share, and the steps each makes, are in
// errata_parts.hpp; the chapter itself is errata.cpp.
#include "errata_parts.hpp"

namespace nnwb::chapters::errata_parts {

// ---- BMB -----------------------------------------------------------------------------------------

void bmb_claims(Trace& trace) {
  trace.section("BMB: BMB3015 Artificial Intelligence, Neural Networks");
  const std::vector<std::string> neuron = {"neuron.x", "neuron.w", "neuron.y"};
  const auto perceptron_error = [](const VectorXd& x, const VectorXd& W, double y) {
    return 0.5 * std::pow(y - sigmoid(W.dot(x)), 2);  // E = ½ Err², Err = y − g(Σ W_j x_j)
  };
  add(trace, {"bmb.perceptron_gradient", "Perceptron Learning", "∂E/∂W_j = −Err × g'(in) × x_j",
              R"(\frac{\partial E}{\partial W_j} = -Err \times g'(in) \times x_j)",
              R"(\frac{E(W_j + \epsilon) - E(W_j - \epsilon)}{2\epsilon})", "central differences of E", neuron,
              [](const Inputs& in) -> Value {
                const VectorXd& x = in.vector("neuron.x");
                const double g = sigmoid(in.vector("neuron.w").dot(x)), err = in.scalar("neuron.y") - g;
                return VectorXd(-err * g * (1.0 - g) * x);
              },
              [perceptron_error](const Inputs& in) -> Value {
                const VectorXd x = in.vector("neuron.x");
                const double y = in.scalar("neuron.y");
                return numerical_gradient([&](const VectorXd& W) { return perceptron_error(x, W, y); }, in.vector("neuron.w"));
              }});
  std::vector<std::string> neuron_alpha = neuron;
  neuron_alpha.push_back("bmb.alpha");
  add(trace, {"bmb.perceptron_update", "Perceptron Learning",
              "W_j ← W_j + α × Err × g'(in) × x_j is a step down the gradient",
              R"(W_j \leftarrow W_j + \alpha \times Err \times g'(in) \times x_j)",
              R"(W_j - \alpha \frac{\partial E}{\partial W_j} \text{ (central differences)})",
              "a gradient-descent step W − α∂E/∂W, by central differences", neuron_alpha,
              [](const Inputs& in) -> Value {
                const VectorXd& x = in.vector("neuron.x");
                const VectorXd& W = in.vector("neuron.w");
                const double g = sigmoid(W.dot(x)), err = in.scalar("neuron.y") - g;
                return VectorXd(W + in.scalar("bmb.alpha") * err * g * (1.0 - g) * x);
              },
              [perceptron_error](const Inputs& in) -> Value {
                const VectorXd x = in.vector("neuron.x"), W = in.vector("neuron.w");
                const double y = in.scalar("neuron.y");
                return VectorXd(W - in.scalar("bmb.alpha") *
                                        numerical_gradient([&](const VectorXd& w) { return perceptron_error(x, w, y); }, W));
              }});
  // "Back-Propagation Derivation" on the shared network (sigmoid units, E = ½ Σ_i (y_i − a_i)²), in
  // BMB's from-to indices: W_{j,i} runs from hidden unit j to output i, so [W_{j,i}] = W₂ᵀ.
  const std::vector<std::string> net = {"net.x", "net.W1", "net.b1", "net.W2", "net.b2", "net.t"};
  const auto net_error = [](const Inputs& in, const MatrixXd& W1, const MatrixXd& W2) {
    const TwoLayer n = two_layer(in.vector("net.x"), W1, in.vector("net.b1"), W2, in.vector("net.b2"),
                                 Activation::sigmoid(), Activation::sigmoid());
    return 0.5 * (in.vector("net.t") - n.y).squaredNorm();
  };
  const auto net_pass = [](const Inputs& in) {
    return two_layer(in.vector("net.x"), in.matrix("net.W1"), in.vector("net.b1"), in.matrix("net.W2"),
                     in.vector("net.b2"), Activation::sigmoid(), Activation::sigmoid());
  };
  add(trace, {"bmb.output_gradient", "Back-Propagation Derivation", "∂E/∂W_{j,i} = −a_j Δ_i, Δ_i = Err_i g'(in_i)",
              R"(\frac{\partial E}{\partial W_{j,i}} = -(y_i - a_i) g'(in_i) a_j = -a_j \Delta_i)",
              R"(\frac{\partial E}{\partial W_{j,i}} \text{ by central differences})", "central differences of E", net,
              [net_pass](const Inputs& in) -> Value {
                const TwoLayer n = net_pass(in);
                const VectorXd Delta = (in.vector("net.t") - n.y).cwiseProduct(sig_slope(n.y));  // Err_i g'(in_i)
                return MatrixXd(-n.z * Delta.transpose());  // [j][i]: (M, K)
              },
              [net_error](const Inputs& in) -> Value {
                return MatrixXd(fd([&](const MatrixXd& W2) { return net_error(in, in.matrix("net.W1"), W2); },
                                   in.matrix("net.W2")).transpose());
              }});
  add(trace, {"bmb.hidden_gradient", "Back-Propagation Derivation",
              "Δ_j = g'(in_j) Σ_i W_{j,i} Δ_i and ∂E/∂W_{k,j} = −a_k Δ_j",
              R"(\frac{\partial E}{\partial W_{k,j}} = -a_k \Delta_j,\quad \Delta_j = g'(in_j) \sum_i W_{j,i} \Delta_i)",
              R"(\frac{\partial E}{\partial W_{k,j}} \text{ by central differences})", "central differences of E", net,
              [net_pass](const Inputs& in) -> Value {
                const TwoLayer n = net_pass(in);
                const VectorXd Delta = (in.vector("net.t") - n.y).cwiseProduct(sig_slope(n.y));
                const VectorXd Delta_j = sig_slope(n.z).cwiseProduct(in.matrix("net.W2").transpose() * Delta);
                return MatrixXd(-in.vector("net.x") * Delta_j.transpose());  // [k][j]: (d, M)
              },
              [net_error](const Inputs& in) -> Value {
                return MatrixXd(fd([&](const MatrixXd& W1) { return net_error(in, W1, in.matrix("net.W2")); },
                                   in.matrix("net.W1")).transpose());
              }});
  add(trace, {"bmb.simple_example", "Backpropagation: Simple Example",
              "f = (x + y)z: ∂f/∂x = ∂f/∂y = z (upstream × local 1), ∂f/∂z = q",
              R"(\left(\frac{\partial f}{\partial x}, \frac{\partial f}{\partial y}, \frac{\partial f}{\partial z}\right) = \left(\frac{\partial f}{\partial q}\cdot 1, \frac{\partial f}{\partial q}\cdot 1, q\right) = (z, z, x + y))",
              R"(\nabla f \text{ by central differences})", "central differences of f", {"bmb.xyz"},
              [](const Inputs& in) -> Value {
                const VectorXd& v = in.vector("bmb.xyz");
                return VectorXd(Eigen::Vector3d(v[2], v[2], v[0] + v[1]));
              },
              [](const Inputs& in) -> Value {
                return numerical_gradient([](const VectorXd& v) { return (v[0] + v[1]) * v[2]; }, in.vector("bmb.xyz"));
              }});
  const auto gate_f = [](const VectorXd& g) { return sigmoid(g[0] * g[1] + g[2] * g[3] + g[4]); };
  add(trace, {"bmb.sigmoid_local", "Backpropagation: Another Example",
              "dσ/dx = e^{−x}/(1 + e^{−x})² = (1 − σ(x))σ(x), at x = w₀x₀ + w₁x₁ + w₂ (slide: 0.73, 0.2)",
              R"(\left(\frac{e^{-x}}{(1 + e^{-x})^2},\ (1 - \sigma(x))\sigma(x)\right))",
              R"(\left(\frac{d\sigma}{dx}, \frac{d\sigma}{dx}\right) \text{ by central differences})",
              "central differences of σ, twice", {"bmb.gate"},
              [](const Inputs& in) -> Value {
                const VectorXd& g = in.vector("bmb.gate");
                const double x = g[0] * g[1] + g[2] * g[3] + g[4], s = 1.0 / (1.0 + std::exp(-x));
                return VectorXd(Eigen::Vector2d(std::exp(-x) / std::pow(1.0 + std::exp(-x), 2), (1.0 - s) * s));
              },
              [](const Inputs& in) -> Value {
                const VectorXd& g = in.vector("bmb.gate");
                const double d = numerical_derivative([](double x) { return sigmoid(x); }, g[0] * g[1] + g[2] * g[3] + g[4]);
                return VectorXd(Eigen::Vector2d(d, d));
              }});
  add(trace, {"bmb.gate_gradients", "Backpropagation Implementation",
              "the code's grad_w0, grad_x0, grad_w1, grad_x1, grad_w2 (slide: x₀: 0.4, w₀: −0.2)",
              R"(\text{grad\_s3} = (1 - L)L;\ (\text{grad\_w0}, \text{grad\_x0}, \text{grad\_w1}, \text{grad\_x1}, \text{grad\_w2}) = \text{grad\_s3}\,(x_0, w_0, x_1, w_1, 1))",
              R"(\nabla f(w_0, x_0, w_1, x_1, w_2) \text{ by central differences})", "central differences of f",
              {"bmb.gate"},
              [](const Inputs& in) -> Value {
                const VectorXd& g = in.vector("bmb.gate");
                const double w0 = g[0], x0 = g[1], w1 = g[2], x1 = g[3], w2 = g[4];
                const double s3 = w0 * x0 + w1 * x1 + w2, L = sigmoid(s3);
                const double grad_s3 = 1.0 * (1 - L) * L;  // grad_L = 1
                const double grad_s2 = grad_s3, grad_s0 = grad_s2, grad_s1 = grad_s2;
                VectorXd out(5);
                out << grad_s0 * x0, grad_s0 * w0, grad_s1 * x1, grad_s1 * w1, grad_s3;  // w0, x0, w1, x1, w2
                return out;
              },
              [gate_f](const Inputs& in) -> Value { return numerical_gradient(gate_f, in.vector("bmb.gate")); }});

  // "Neural Networks Backpropagation": the 4-layer network, δ_j⁽ˡ⁾ = ∂J/∂z_j⁽ˡ⁾ with J = (y − h)².
  const std::vector<std::string> bmb = {"bmb.x", "bmb.y", "bmb.W1", "bmb.W2", "bmb.W3"};
  const auto pass = [](const Inputs& in) {
    return bmb_forward(in.vector("bmb.x"), in.matrix("bmb.W1"), in.matrix("bmb.W2"), in.matrix("bmb.W3"));
  };
  // The true ∂J/∂z⁽⁴⁾ (the corrected δ⁽⁴⁾) and ∂J/∂z⁽³⁾, for the corrected recursion.
  const auto true_delta4 = [](const BmbPass& p, const VectorXd& y) {
    return VectorXd(-2.0 * (y - p.a4).cwiseProduct(sig_slope(p.a4)));
  };
  const auto true_delta3 = [true_delta4](const BmbPass& p, const VectorXd& y, const MatrixXd& W3) {
    return VectorXd((without_bias_column(W3).transpose() * true_delta4(p, y)).cwiseProduct(sig_slope(p.a3)));
  };
  add(trace, {"bmb.delta4", "Neural Networks Backpropagation",
              "δ⁽⁴⁾ = (y − a⁽⁴⁾) .* a⁽⁴⁾ .* (1 − a⁽⁴⁾), with δ_j⁽ˡ⁾ = ∂J/∂z_j⁽ˡ⁾ and J = (y − h)²",
              R"(\boldsymbol{\delta}^{(4)} = (\mathbf{y}^{(i)} - \mathbf{a}^{(4)}) .* \mathbf{a}^{(4)} .* (1 - \mathbf{a}^{(4)}))",
              R"(\frac{\partial J}{\partial \mathbf{z}^{(4)}},\ J = (y - h_W(x))^2, \text{ by central differences})",
              "central differences of J = (y − h)² in z⁽⁴⁾", bmb,
              [pass](const Inputs& in) -> Value {
                const BmbPass p = pass(in);
                return VectorXd((in.vector("bmb.y") - p.a4).cwiseProduct(sig_slope(p.a4)));
              },
              [pass](const Inputs& in) -> Value {
                const VectorXd y = in.vector("bmb.y");
                return numerical_gradient([&](const VectorXd& z4) { return bmb_squared(y, sigmoid_of(z4)); }, pass(in).z4);
              },
              R"(\frac{\partial J}{\partial \mathbf{z}^{(4)}} = -2(\mathbf{y}^{(i)} - \mathbf{a}^{(4)}) .* \mathbf{a}^{(4)} .* (1 - \mathbf{a}^{(4)}))",
              "∂J/∂z⁽⁴⁾ = −2(y − a⁽⁴⁾) .* a⁽⁴⁾ .* (1 − a⁽⁴⁾); BMB's δ⁽⁴⁾ is −½ of it, i.e. −∂/∂z of ½(y − h)²",
              [pass, true_delta4](const Inputs& in) -> Value { return true_delta4(pass(in), in.vector("bmb.y")); }});
  //! [bmb_delta3]
  add(trace, {"bmb.delta3", "Neural Networks Backpropagation", "δ⁽³⁾ = (W⁽³⁾)ᵀ .* δ⁽⁴⁾ .* g'(z⁽³⁾)",
              R"(\boldsymbol{\delta}^{(3)} = (\mathbf{W}^{(3)})^T .* \boldsymbol{\delta}^{(4)} .* \mathbf{g}'(\mathbf{z}^{(3)}))",
              R"(\frac{\partial J}{\partial \mathbf{z}^{(3)}} \text{ by central differences})",
              "central differences of J = (y − h)² in z⁽³⁾", bmb,
              [pass](const Inputs& in) -> Value {
                const BmbPass p = pass(in);
                const MatrixXd Wt = in.matrix("bmb.W3").transpose();
                const VectorXd d4 = (in.vector("bmb.y") - p.a4).cwiseProduct(sig_slope(p.a4)), g = sig_slope(p.a3);
                if (elementwise_conforms(Wt.rows(), Wt.cols(), d4.rows(), 1) &&
                    elementwise_conforms(std::max(Wt.rows(), d4.rows()), Wt.cols(), g.rows(), 1))
                  return Verdict{true, "the shapes conform"};
                return Verdict{false, fmt::format("the shapes do not conform: (W⁽³⁾)ᵀ is {}×{} (it keeps the bias "
                                                  "column of W⁽³⁾ as a row), δ⁽⁴⁾ is {}×1 and g'(z⁽³⁾) is {}×1, and .* "
                                                  "needs equal sizes (or 1) in each dimension",
                                                  Wt.rows(), Wt.cols(), d4.rows(), g.rows())};
              },
              [pass](const Inputs& in) -> Value {
                const BmbPass p = pass(in);
                const VectorXd y = in.vector("bmb.y");
                const MatrixXd W3 = in.matrix("bmb.W3");
                return numerical_gradient(
                    [&](const VectorXd& z3) { return bmb_squared(y, sigmoid_of(VectorXd(W3 * with_bias_unit(sigmoid_of(z3))))); },
                    p.z3);
              },
              R"(\boldsymbol{\delta}^{(3)} = \left((\bar{\mathbf{W}}^{(3)})^T \boldsymbol{\delta}^{(4)}\right) .* \mathbf{g}'(\mathbf{z}^{(3)}))",
              "δ⁽³⁾ = ((W̄⁽³⁾)ᵀ δ⁽⁴⁾) .* g'(z⁽³⁾): a matrix product, with W̄⁽³⁾ = W⁽³⁾ without its bias column, "
              "and δ⁽⁴⁾ = ∂J/∂z⁽⁴⁾",
              [pass, true_delta3](const Inputs& in) -> Value {
                return true_delta3(pass(in), in.vector("bmb.y"), in.matrix("bmb.W3"));
              }});
  //! [bmb_delta3]
  add(trace, {"bmb.delta2", "Neural Networks Backpropagation", "δ⁽²⁾ = (W⁽²⁾)ᵀ · δ⁽³⁾ · g'(z⁽²⁾)",
              R"(\boldsymbol{\delta}^{(2)} = (\mathbf{W}^{(2)})^T \cdot \boldsymbol{\delta}^{(3)} \cdot \mathbf{g}'(\mathbf{z}^{(2)}))",
              R"(\frac{\partial J}{\partial \mathbf{z}^{(2)}} \text{ by central differences})",
              "central differences of J = (y − h)² in z⁽²⁾", bmb,
              [pass](const Inputs& in) -> Value {
                const BmbPass p = pass(in);
                const MatrixXd Wt = in.matrix("bmb.W2").transpose();
                const Eigen::Index d3 = p.z3.size(), g = p.z2.size();
                // Read as matrix products: (Wᵀδ⁽³⁾) is Wt.rows()×1, then times g' (g×1) needs 1 = g.
                const bool product = Wt.cols() == d3 && g == 1;
                const bool elementwise = elementwise_conforms(Wt.rows(), Wt.cols(), d3, 1) &&
                                         elementwise_conforms(std::max(Wt.rows(), d3), Wt.cols(), g, 1);
                if (product || elementwise) return Verdict{true, "the shapes conform"};
                return Verdict{false, fmt::format("the shapes do not conform: (W⁽²⁾)ᵀ is {}×{}, δ⁽³⁾ is {}×1, g'(z⁽²⁾) "
                                                  "is {}×1; read as matrix products, (W⁽²⁾)ᵀδ⁽³⁾ is {}×1 and cannot "
                                                  "multiply a {}×1 vector; read as .*, {}×{} against {}×1 fails",
                                                  Wt.rows(), Wt.cols(), d3, g, Wt.rows(), g, Wt.rows(), Wt.cols(), d3)};
              },
              [pass](const Inputs& in) -> Value {
                const VectorXd y = in.vector("bmb.y");
                const MatrixXd W2 = in.matrix("bmb.W2"), W3 = in.matrix("bmb.W3");
                return numerical_gradient(
                    [&](const VectorXd& z2) {
                      const VectorXd a3 = sigmoid_of(VectorXd(W2 * with_bias_unit(sigmoid_of(z2))));
                      return bmb_squared(y, sigmoid_of(VectorXd(W3 * with_bias_unit(a3))));
                    },
                    pass(in).z2);
              },
              R"(\boldsymbol{\delta}^{(2)} = \left((\bar{\mathbf{W}}^{(2)})^T \boldsymbol{\delta}^{(3)}\right) .* \mathbf{g}'(\mathbf{z}^{(2)}))",
              "δ⁽²⁾ = ((W̄⁽²⁾)ᵀ δ⁽³⁾) .* g'(z⁽²⁾), W̄⁽²⁾ without its bias column, δ⁽³⁾ the corrected one",
              [pass, true_delta3](const Inputs& in) -> Value {
                const BmbPass p = pass(in);
                const VectorXd d3 = true_delta3(p, in.vector("bmb.y"), in.matrix("bmb.W3"));
                return VectorXd((without_bias_column(in.matrix("bmb.W2")).transpose() * d3).cwiseProduct(sig_slope(p.a2)));
              }});
  // "Backpropagation Example": no activation functions, s₂ = s₃ = 2, s₄ = 1; BMB's δ is −∂J/∂z for
  // J = ½(y − a)² (δ₁⁽⁴⁾ = y − a₁⁽⁴⁾).
  const std::vector<std::string> lin = {"lin.x", "lin.y", "lin.W1", "lin.W2", "lin.W3"};
  add(trace, {"bmb.linear_example", "Backpropagation Example",
              "δ₁⁽³⁾ = w₁₁⁽³⁾δ₁⁽⁴⁾, δ₂⁽³⁾ = w₁₂⁽³⁾δ₁⁽⁴⁾, δ₁⁽²⁾ = w₁₁⁽²⁾δ₁⁽³⁾ + w₂₁⁽²⁾δ₂⁽³⁾, δ₂⁽²⁾ = w₁₂⁽²⁾δ₁⁽³⁾ + w₂₂⁽²⁾δ₂⁽³⁾",
              R"((\delta^{(3)}_1, \delta^{(3)}_2, \delta^{(2)}_1, \delta^{(2)}_2) = (w^{(3)}_{11}\delta^{(4)}_1,\ w^{(3)}_{12}\delta^{(4)}_1,\ w^{(2)}_{11}\delta^{(3)}_1 + w^{(2)}_{21}\delta^{(3)}_2,\ w^{(2)}_{12}\delta^{(3)}_1 + w^{(2)}_{22}\delta^{(3)}_2))",
              R"(-\left(\frac{\partial J}{\partial \mathbf{z}^{(3)}}, \frac{\partial J}{\partial \mathbf{z}^{(2)}}\right),\ J = \tfrac{1}{2}(y - a^{(4)}_1)^2)",
              "−∂J/∂z by central differences, J = ½(y − a)² (BMB's sign)", lin,
              [](const Inputs& in) -> Value {
                const MatrixXd &W1 = in.matrix("lin.W1"), &W2 = in.matrix("lin.W2"), &W3 = in.matrix("lin.W3");
                const VectorXd z2 = W1 * with_bias_unit(in.vector("lin.x")), z3 = W2 * with_bias_unit(z2);
                const double a4 = (W3 * with_bias_unit(z3))(0);
                const double d4 = in.scalar("lin.y") - a4;                       // δ₁⁽⁴⁾ = y₁ − a₁⁽⁴⁾
                const double d31 = W3(0, 1) * d4, d32 = W3(0, 2) * d4;           // w₁₁⁽³⁾, w₁₂⁽³⁾
                const double d21 = W2(0, 1) * d31 + W2(1, 1) * d32;              // w₁₁⁽²⁾δ₁⁽³⁾ + w₂₁⁽²⁾δ₂⁽³⁾
                const double d22 = W2(0, 2) * d31 + W2(1, 2) * d32;              // w₁₂⁽²⁾δ₁⁽³⁾ + w₂₂⁽²⁾δ₂⁽³⁾
                VectorXd out(4);
                out << d31, d32, d21, d22;
                return out;
              },
              [](const Inputs& in) -> Value {
                const MatrixXd W2 = in.matrix("lin.W2"), W3 = in.matrix("lin.W3");
                const double y = in.scalar("lin.y");
                const VectorXd z2 = in.matrix("lin.W1") * with_bias_unit(in.vector("lin.x")), z3 = W2 * with_bias_unit(z2);
                const auto J3 = [&](const VectorXd& z) { return 0.5 * std::pow(y - (W3 * with_bias_unit(z))(0), 2); };
                const auto J2 = [&](const VectorXd& z) { return J3(W2 * with_bias_unit(z)); };
                VectorXd out(4);
                out << -numerical_gradient(J3, z3), -numerical_gradient(J2, z2);
                return out;
              }});
  // "Neural Networks Weight Update", on the last layer, with BMB's "simpler" cost J = ½(y − h)²
  // (m = 1) and BMB's δ⁽⁴⁾ = (y − a⁽⁴⁾) .* g'(z⁽⁴⁾).
  const auto a_delta = [pass](const Inputs& in) {
    const BmbPass p = pass(in);
    const VectorXd d4 = (in.vector("bmb.y") - p.a4).cwiseProduct(sig_slope(p.a4));
    return MatrixXd(d4 * with_bias_unit(p.a3).transpose());  // a_j⁽³⁾ δ_i⁽⁴⁾, a₀ = 1: (2, 4)
  };
  const auto half_cost = [](const Inputs& in, const MatrixXd& W3) {
    return bmb_half(in.vector("bmb.y"),
                    bmb_forward(in.vector("bmb.x"), in.matrix("bmb.W1"), in.matrix("bmb.W2"), W3).a4);
  };
  const auto grad_half = [half_cost](const Inputs& in) {
    return fd([&](const MatrixXd& W3) { return half_cost(in, W3); }, in.matrix("bmb.W3"));
  };
  add(trace, {"bmb.dJ_dW", "Neural Networks Weight Update", "∂J(W)/∂W_ij⁽ˡ⁾ = a_j⁽ˡ⁾ · δ_i⁽ˡ⁺¹⁾ (l = 3)",
              R"(\frac{\partial J(W)}{\partial W^{(l)}_{ij}} = a^{(l)}_j \cdot \delta^{(l+1)}_i)",
              R"(\frac{\partial J}{\partial W^{(3)}},\ J = \tfrac{1}{2}(y - h)^2, \text{ by central differences})",
              "central differences of J = ½(y − h)²", bmb, [a_delta](const Inputs& in) -> Value { return a_delta(in); },
              [grad_half](const Inputs& in) -> Value { return grad_half(in); },
              R"(\frac{\partial J(W)}{\partial W^{(l)}_{ij}} = -a^{(l)}_j \cdot \delta^{(l+1)}_i)",
              "∂J/∂W_ij = −a_j δ_i (BMB's δ is (y − a)g' = −∂J/∂z, as on its own \"Back-Propagation Derivation\")",
              [a_delta](const Inputs& in) -> Value { return MatrixXd(-a_delta(in)); }});
  std::vector<std::string> update = bmb;
  for (const char* p : {"bmb.delta_prev", "bmb.alpha", "bmb.eta", "bmb.lambda"}) update.emplace_back(p);
  add(trace, {"bmb.update", "Neural Networks Weight Update",
              "Δ := ηΔ + α(a δ), W := W + Δ is gradient descent with momentum",
              R"(\Delta^{(l)}_{ij} := \eta \Delta^{(l)}_{ij} + \alpha \left(a^{(l)}_j \cdot \delta^{(l+1)}_i\right))",
              R"(\eta\Delta - \alpha \frac{\partial J}{\partial W} \text{ (central differences)})",
              "a momentum step ηΔ − α∂J/∂W, by central differences", update,
              [a_delta](const Inputs& in) -> Value {
                return MatrixXd(in.scalar("bmb.eta") * in.matrix("bmb.delta_prev") + in.scalar("bmb.alpha") * a_delta(in));
              },
              [grad_half](const Inputs& in) -> Value {
                return MatrixXd(in.scalar("bmb.eta") * in.matrix("bmb.delta_prev") - in.scalar("bmb.alpha") * grad_half(in));
              }});
  // The regularised cost: J + (λ/2m) Σ w², the bias column left out; m = 1.
  const auto reg_W = [](const Inputs& in) {
    MatrixXd W = in.matrix("bmb.W3");
    W.col(0).setZero();  // "used for the terms Δ_ij where j ≠ 0"
    return W;
  };
  add(trace, {"bmb.regularised", "Neural Networks Weight Update",
              "Δ := ηΔ + α(a δ + λW) (j ≠ 0), then W := W + Δ",
              R"(\Delta^{(l)}_{ij} := \eta \Delta^{(l)}_{ij} + \alpha \left(a^{(l)}_j \cdot \delta^{(l+1)}_i + \lambda W^{(l)}_{ij}\right))",
              R"(\eta\Delta - \alpha \frac{\partial}{\partial W}\left(J + \frac{\lambda}{2}\sum_{j \ne 0} W_{ij}^2\right))",
              "a momentum step on the regularised cost J + (λ/2)Σ_{j≠0} W², by central differences", update,
              [a_delta, reg_W](const Inputs& in) -> Value {
                return MatrixXd(in.scalar("bmb.eta") * in.matrix("bmb.delta_prev") +
                                in.scalar("bmb.alpha") * (a_delta(in) + in.scalar("bmb.lambda") * reg_W(in)));
              },
              [half_cost](const Inputs& in) -> Value {
                const double lambda = in.scalar("bmb.lambda");
                const MatrixXd g = fd([&](const MatrixXd& W3) {
                  return half_cost(in, W3) + 0.5 * lambda * W3.rightCols(W3.cols() - 1).squaredNorm();
                }, in.matrix("bmb.W3"));
                return MatrixXd(in.scalar("bmb.eta") * in.matrix("bmb.delta_prev") - in.scalar("bmb.alpha") * g);
              },
              R"(\Delta^{(l)}_{ij} := \eta \Delta^{(l)}_{ij} + \alpha \left(a^{(l)}_j \cdot \delta^{(l+1)}_i - \lambda W^{(l)}_{ij}\right))",
              "Δ := ηΔ + α(a δ − λW): with δ = −∂J/∂z, a δ already points downhill, and the penalty's "
              "gradient λW must be subtracted (weight decay)",
              [a_delta, reg_W](const Inputs& in) -> Value {
                return MatrixXd(in.scalar("bmb.eta") * in.matrix("bmb.delta_prev") +
                                in.scalar("bmb.alpha") * (a_delta(in) - in.scalar("bmb.lambda") * reg_W(in)));
              }});
  std::vector<std::string> check = bmb;
  check.emplace_back("bmb.epsilon");
  // The library's backpropagation (Mlp, verified by its own tests), in BMB's bias-first matrix.
  const auto library_gradient = [](const Inputs& in) {
    const Mlp mlp({dense_from_bias_column(in.matrix("bmb.W1"), Activation::sigmoid()),
                   dense_from_bias_column(in.matrix("bmb.W2"), Activation::sigmoid()),
                   dense_from_bias_column(in.matrix("bmb.W3"), Activation::sigmoid())});
    const ForwardPass forward = mlp.forward(in.vector("bmb.x"));
    const BackwardPass backward = mlp.backward(forward, forward.output() - MatrixXd(in.vector("bmb.y")));  // ∂J/∂a = a − y
    return bias_column_gradient(backward.weight_gradients[2], backward.bias_gradients[2]);
  };
  add(trace, {"bmb.gradient_check", "Implementational Details",
              "∂J/∂W_jk ≈ J(…, W_jk + ε, …) − J(…, W_jk, …) at ε ≅ 10⁻⁴",
              R"(\frac{\partial J(\mathbf{W})}{\partial W^{(l)}_{jk}} \approx J(\ldots, W^{(l)}_{jk} + \varepsilon, \ldots) - J(\ldots, W^{(l)}_{jk}, \ldots))",
              R"(\frac{\partial J}{\partial W^{(3)}} \text{ by backpropagation (the library's Mlp)})",
              "backpropagation (the library's Mlp)", check,
              [half_cost](const Inputs& in) -> Value {
                const double eps = in.scalar("bmb.epsilon");
                MatrixXd W = in.matrix("bmb.W3"), out(W.rows(), W.cols());
                const double base = half_cost(in, W);
                for (Eigen::Index i = 0; i < W.rows(); ++i)
                  for (Eigen::Index j = 0; j < W.cols(); ++j) {
                    W(i, j) += eps;
                    out(i, j) = half_cost(in, W) - base;  // as printed: no division by ε
                    W(i, j) -= eps;
                  }
                return out;
              },
              [library_gradient](const Inputs& in) -> Value { return library_gradient(in); },
              R"(\frac{\partial J(\mathbf{W})}{\partial W^{(l)}_{jk}} \approx \frac{J(\ldots, W^{(l)}_{jk} + \varepsilon, \ldots) - J(\ldots, W^{(l)}_{jk} - \varepsilon, \ldots)}{2\varepsilon})",
              "divide by the step: (J(W + ε) − J(W − ε))/(2ε) (or (J(W + ε) − J(W))/ε, one-sided, error O(ε))",
              [half_cost](const Inputs& in) -> Value {
                const double eps = in.scalar("bmb.epsilon");
                MatrixXd W = in.matrix("bmb.W3"), out(W.rows(), W.cols());
                for (Eigen::Index i = 0; i < W.rows(); ++i)
                  for (Eigen::Index j = 0; j < W.cols(); ++j) {
                    const double saved = W(i, j);
                    W(i, j) = saved + eps;
                    const double plus = half_cost(in, W);
                    W(i, j) = saved - eps;
                    out(i, j) = (plus - half_cost(in, W)) / (2.0 * eps);
                    W(i, j) = saved;
                  }
                return out;
              },
              1e-5});
  add(trace, {"bmb.training_code", "Training of Neural Network with Backpropagation",
              "grad_w1 = xᵀ(grad_h ∘ h ∘ (1 − h)), grad_w2 = hᵀ grad_y_pred, grad_y_pred = 2(y_pred − y)",
              R"(\text{grad\_w2} = h^T\, 2(y_{pred} - y),\quad \text{grad\_w1} = x^T\left((2(y_{pred} - y)\, w_2^T) \circ h \circ (1 - h)\right))",
              R"(\nabla_{w_1, w_2} \sum (y_{pred} - y)^2 \text{ by central differences})",
              "central differences of loss = Σ(y_pred − y)², (w1, w2) flattened", {"code.x", "code.y", "code.w1", "code.w2"},
              [](const Inputs& in) -> Value {
                const MatrixXd &x = in.matrix("code.x"), &y = in.matrix("code.y"), &w2 = in.matrix("code.w2");
                const MatrixXd h = sigmoid_of(MatrixXd(x * in.matrix("code.w1")));
                const MatrixXd grad_y_pred = 2.0 * (h * w2 - y);
                const MatrixXd grad_w2 = h.transpose() * grad_y_pred;
                const MatrixXd grad_h = grad_y_pred * w2.transpose();
                const MatrixXd grad_w1 = x.transpose() * grad_h.cwiseProduct(h).cwiseProduct((1.0 - h.array()).matrix());
                VectorXd out(grad_w1.size() + grad_w2.size());
                out << flat(grad_w1), flat(grad_w2);
                return out;
              },
              [](const Inputs& in) -> Value {
                const MatrixXd x = in.matrix("code.x"), y = in.matrix("code.y");
                const MatrixXd w1 = in.matrix("code.w1"), w2 = in.matrix("code.w2");
                const auto loss = [&](const MatrixXd& a, const MatrixXd& b) {
                  return (sigmoid_of(MatrixXd(x * a)) * b - y).squaredNorm();
                };
                const MatrixXd g1 = fd([&](const MatrixXd& a) { return loss(a, w2); }, w1);
                const MatrixXd g2 = fd([&](const MatrixXd& b) { return loss(w1, b); }, w2);
                VectorXd out(g1.size() + g2.size());
                out << flat(g1), flat(g2);
                return out;
              }});
}

}  // namespace nnwb::chapters::errata_parts
