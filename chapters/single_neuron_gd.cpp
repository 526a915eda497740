// Chapter 12, single_neuron_gd: gradient descent for one sigmoid neuron trained with E_MSE.
// Lectures: EDI "Training single layer neural network with MSE" (E_MSE(w) = ½ Σ_n (ŷ_n − y_n)²;
// min_w E_MSE; no closed form, so gradient descent in its scalar form w_i ← w_i − η ∂E/∂w_i and
// vector form w ← w − η∇_w E; "Online/stochastic gradient descent (cf. Batch training)"), "Gradient
// descent", "(cont.)" (E_MSE = Σ_n E_n, ∂E_n/∂w_i = (ŷ_n − y_n) ŷ_n(1 − ŷ_n) x_ni); CTU "What We
// Covered Last Time" (the online algorithm: ξ_t = x⃗_t w⃗, y_t = f(ξ_t),
// w⃗(t+1) = w⃗(t) + α f'(ξ_t)(d_t − y_t) x⃗_tᵀ); BMB "Perceptron Learning"
// (W_j ← W_j + α × Err × g'(in) × x_j).
// The slides print no numbers for this derivation: the data (the AND function), w(0) and η are ours.
#include <fmt/format.h>

#include <cmath>
#include <string>
#include <vector>

#include "chapters.hpp"
#include "nnwb/activations.hpp"
#include "nnwb/gradient_check.hpp"
#include "nnwb/least_squares.hpp"
#include "nnwb/random.hpp"
#include "nnwb/sigmoid_neuron.hpp"
#include "nnwb/single_layer.hpp"

namespace nnwb::chapters {
namespace single_neuron_gd_parts {  // the chapter's sections and what they share

// Epochs written out one by one, and in all.
constexpr int traced_epochs = 3;
constexpr int total_epochs = 300;

// The lecture's setting, or a variant's.
struct Setting {
  Eigen::MatrixXd inputs;  // (N, d): one sample per row, without the bias input
  Eigen::VectorXd y;       // (N): targets in {0, 1}
  Eigen::VectorXd w;       // w(0): (d+1), w_0 the bias
  double eta = 0.5;
};

Setting default_setting() {
  // The AND function: linearly separable, so one sigmoid neuron can learn it.
  Setting s;
  s.inputs.resize(4, 2);
  // clang-format off
  s.inputs << 0, 0,
              0, 1,
              1, 0,
              1, 1;
  // clang-format on
  s.y = Eigen::Vector4d(0, 0, 0, 1);
  s.w = Eigen::Vector3d(0.2, -0.4, 0.1);
  s.eta = 0.5;
  return s;
}

// Whether w puts every sample on its side of ŷ = ½. X: (N, d+1)
bool classifies_all(const Eigen::MatrixXd& x, const Eigen::VectorXd& w, const Eigen::VectorXd& y) {
  const Eigen::VectorXd a = x * w;
  for (Eigen::Index n = 0; n < y.size(); ++n)
    if ((a[n] >= 0) != (y[n] >= 0.5)) return false;
  return true;
}

Setting drawn_setting(std::uint64_t seed) {
  // Four samples in the plane, labelled by a line with a clear margin (so one neuron can learn
  // them, and does within the epochs run), both classes present; w(0) and η drawn.
  Rng rng(seed);
  for (;;) {
    Setting s;
    s.inputs = rng.decimals(4, 2, -2, 2, 1);
    // w₂, w₁, then w₀: the order of every variant since the first (see draw order in random.hpp).
    const double w2 = rng.nonzero_decimal(-2, 2, 1), w1 = rng.nonzero_decimal(-2, 2, 1), w0 = rng.decimal(-1, 1, 1);
    const Eigen::Vector3d w_true(w0, w1, w2);
    const Eigen::VectorXd a = with_bias_column(s.inputs) * w_true;
    s.y = a.unaryExpr([](double v) { return v > 0 ? 1.0 : 0.0; });
    s.w = rng.decimals(3, -1, 1, 1);
    s.eta = rng.decimal(0.3, 0.9, 1);
    const double margin = a.cwiseAbs().minCoeff() / w_true.tail(2).norm();  // distance to the line
    const double positives = s.y.sum();
    // Start wrong somewhere (so training has work to do) and with every gradient entry clearly
    // non-zero (each worth a student's look, and resolved well by central differences).
    const Eigen::MatrixXd x = with_bias_column(s.inputs);
    const double smallest = sigmoid_neuron_squared_error_gradient(x, s.w, s.y).cwiseAbs().minCoeff();
    if (margin >= 0.4 && positives >= 1 && positives <= 3 && !classifies_all(x, s.w, s.y) && smallest >= 0.01)
      return s;
  }
}

// The sample error E_n(w) = ½ (g(wᵀx_n) − y_n)². X: (N, d+1)
double sample_error(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, const Eigen::VectorXd& w, Eigen::Index n) {
  return sigmoid_neuron_squared_error(x.row(n), w, y.segment(n, 1));
}

// ∇E_n(w) = (ŷ_n − y_n) ŷ_n(1 − ŷ_n) x_n. → (d+1)
Eigen::VectorXd sample_gradient(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, const Eigen::VectorXd& w,
                                Eigen::Index n) {
  return sigmoid_neuron_squared_error_gradient(x.row(n), w, y.segment(n, 1));
}

// The neuron as a layer of one (CTU's W: (d+1, 1), D: (N, 1)), for the library's epochs.
Eigen::MatrixXd as_column(const Eigen::VectorXd& v) { return Eigen::MatrixXd(v); }

// ---- the sections, in reading order --------------------------------------------------------------

// The forward pass at w(0) (EDI "Training single layer neural network with MSE").
void forward_pass(Trace& trace) {
  trace.section("The training set and the error at $\\mathbf{w}(0)$");
  trace.step("data.x", "The samples with their bias input: $X$, one row $\\mathbf{x}_n^\\top = (1, x_{n1}, x_{n2})$")
      .formula("\\mathbf{x}_n = (x_{n0}, x_{n1}, \\dots, x_{nd}), \\quad x_{n0} = 1")
      .compute({"inputs"}, [](const Inputs& in) -> Value {
        return with_bias_column(in.matrix("inputs"));  // X: (N, d+1)
      });
  //! [forward_pass]
  trace.step("forward.a", "The pre-activations $a_n$")
      .formula("a_n = \\mathbf{w}^\\top \\mathbf{x}_n = \\sum_{i=0}^{d} w_i x_{ni}")
      .numbers("X [[w_start]]")
      .compute({"data.x", "w_start"}, [](const Inputs& in) -> Value {
        return sigmoid_neuron_pre_activation(in.matrix("data.x"), in.vector("w_start"));  // a = Xw: (N)
      });
  trace.step("forward.yhat", "The outputs $\\hat{y}_n = g(a_n)$")
      .formula("\\hat{y}_n = g(a_n) = \\frac{1}{1 + \\exp(-a_n)}")
      .numbers("g([[forward.a]])")
      .compute({"forward.a"}, [](const Inputs& in) -> Value {
        return Eigen::VectorXd(in.vector("forward.a").unaryExpr([](double a) { return sigmoid(a); }));
      });
  trace.step("forward.e", "The error $E_{\\text{MSE}}(\\mathbf{w}(0))$")
      .formula("E_{\\text{MSE}}(\\mathbf{w}) = \\frac{1}{2} \\sum_{n=1}^{N} (\\hat{y}_n - y_n)^2 = \\sum_{n=1}^{N} E_n")
      .numbers("\\frac{1}{2} \\lVert [[forward.yhat]] - [[y]] \\rVert^2")
      .compute({"forward.yhat", "y"}, [](const Inputs& in) -> Value {
        return 0.5 * (in.vector("forward.yhat") - in.vector("y")).squaredNorm();  // ½ Σ (ŷ − y)²
      });
  //! [forward_pass]
}

// The per-sample gradients (EDI "(cont.)": ∂E_n/∂w_i).
void per_sample_gradients(Trace& trace, const Eigen::Index n_samples) {
  trace.section("The gradient of each sample's error $E_n$");
  //! [per_sample_gradients]
  for (Eigen::Index n = 0; n < n_samples; ++n) {
    const std::string id = fmt::format("sample{}.", n + 1);
    trace.step(id + "e", fmt::format("The error of sample {}, $E_{{{}}}$", n + 1, n + 1))
        .formula(fmt::format("E_{{{0}}} = \\frac{{1}}{{2}} (\\hat{{y}}_{{{0}}} - y_{{{0}}})^2", n + 1))
        .compute({"data.x", "y", "w_start"}, [n](const Inputs& in) -> Value {
          return sample_error(in.matrix("data.x"), in.vector("y"), in.vector("w_start"), n);
        });
    trace.step(id + "grad", fmt::format("The gradient of sample {}'s error, $\\nabla_{{\\mathbf{{w}}}} E_{{{}}}$", n + 1, n + 1))
        .formula(fmt::format(
            "\\frac{{\\partial E_{{{0}}}}}{{\\partial w_i}} = \\frac{{\\partial E_{{{0}}}}}{{\\partial \\hat{{y}}_{{{0}}}}} "
            "\\frac{{\\partial \\hat{{y}}_{{{0}}}}}{{\\partial a_{{{0}}}}} \\frac{{\\partial a_{{{0}}}}}{{\\partial w_i}} "
            "= (\\hat{{y}}_{{{0}}} - y_{{{0}}}) \\hat{{y}}_{{{0}}} (1 - \\hat{{y}}_{{{0}}}) x_{{{0}i}}",
            n + 1))
        .compute({"data.x", "y", "w_start"}, [n](const Inputs& in) -> Value {
          return sample_gradient(in.matrix("data.x"), in.vector("y"), in.vector("w_start"), n);  // (d+1)
        });
    trace.claim_gradient(id + "grad", id + "e", "w_start");
  }
  //! [per_sample_gradients]
}

// Scalar form (EDI: w_i ← w_i − η ∂E/∂w_i).
void scalar_form(Trace& trace) {
  //! [scalar_form]
  trace.section("Gradient descent in scalar form");
  trace.step("scalar.grad", "Each partial derivative $\\partial E_{\\text{MSE}}/\\partial w_i$, one weight at a time")
      .formula(
          "\\frac{\\partial E_{\\text{MSE}}}{\\partial w_i} = \\sum_{n=1}^{N} (\\hat{y}_n - y_n) \\hat{y}_n "
          "(1 - \\hat{y}_n) x_{ni}")
      .compute({"data.x", "forward.yhat", "y"}, [](const Inputs& in) -> Value {
        const Eigen::MatrixXd& x = in.matrix("data.x");
        const Eigen::VectorXd &yhat = in.vector("forward.yhat"), &y = in.vector("y");
        Eigen::VectorXd grad(x.cols());
        for (Eigen::Index i = 0; i < x.cols(); ++i) {  // one weight w_i at a time
          double sum = 0;
          for (Eigen::Index n = 0; n < x.rows(); ++n)
            sum += (yhat[n] - y[n]) * yhat[n] * (1.0 - yhat[n]) * x(n, i);  // (ŷ_n − y_n) ŷ_n(1 − ŷ_n) x_ni
          grad[i] = sum;
        }
        return grad;
      });
  trace.claim_gradient("scalar.grad", "forward.e", "w_start");
  trace.step("scalar.w", "The scalar update, one weight at a time")
      .formula("w_i^{(\\text{new})} \\leftarrow w_i - \\eta \\frac{\\partial}{\\partial w_i} E(\\mathbf{w}), \\quad (\\eta > 0)")
      .numbers("[[w_start]] - [[eta]] \\cdot [[scalar.grad]]")
      .compute({"w_start", "eta", "scalar.grad"}, [](const Inputs& in) -> Value {
        const Eigen::VectorXd &w = in.vector("w_start"), &grad = in.vector("scalar.grad");
        Eigen::VectorXd next(w.size());
        for (Eigen::Index i = 0; i < w.size(); ++i) next[i] = w[i] - in.scalar("eta") * grad[i];  // w_i − η ∂E/∂w_i
        return next;
      });
  //! [scalar_form]
}

// Vector form (EDI: w ← w − η∇E).
void vector_form(Trace& trace) {
  trace.section("Gradient descent in vector form");
  //! [vector_form]
  trace.step("vector.grad", "The gradient as one vector, $\\nabla_{\\mathbf{w}} E_{\\text{MSE}}$")
      .formula(
          "\\nabla_{\\mathbf{w}} E_{\\text{MSE}} = X^\\top [(\\hat{\\mathbf{y}} - \\mathbf{y}) \\circ \\hat{\\mathbf{y}} "
          "\\circ (1 - \\hat{\\mathbf{y}})]")
      .numbers("X^\\top [([[forward.yhat]] - [[y]]) \\circ [[forward.yhat]] \\circ (1 - [[forward.yhat]])]")
      .compute({"data.x", "w_start", "y"}, [](const Inputs& in) -> Value {
        return sigmoid_neuron_squared_error_gradient(in.matrix("data.x"), in.vector("w_start"), in.vector("y"));
      });
  trace.claim_gradient("vector.grad", "forward.e", "w_start");
  trace.step("vector.w", "The vector update: batch gradient descent's first epoch, $\\mathbf{w}(1)$")
      .formula("\\mathbf{w}^{(\\text{new})} \\leftarrow \\mathbf{w} - \\eta \\nabla_{\\mathbf{w}} E(\\mathbf{w}), \\quad (\\eta > 0)")
      .numbers("[[w_start]] - [[eta]] \\cdot [[vector.grad]]")
      .compute({"w_start", "eta", "vector.grad"}, [](const Inputs& in) -> Value {
        return Eigen::VectorXd(in.vector("w_start") - in.scalar("eta") * in.vector("vector.grad"));  // w − η∇E
      });
  trace.step("vector.same", "The scalar and vector forms give the same update")
      .formula("\\big(\\mathbf{w} - \\eta \\nabla_{\\mathbf{w}} E\\big)_i = w_i - \\eta \\frac{\\partial E}{\\partial w_i}")
      .numbers("[[vector.w]] = [[scalar.w]]")
      .compute({"vector.w", "scalar.w"}, [](const Inputs& in) -> Value {
        const double gap = (in.vector("vector.w") - in.vector("scalar.w")).cwiseAbs().maxCoeff();
        return Verdict{gap <= 1e-14, fmt::format("the largest difference is {:.1e}: the vector form is the scalar "
                                                 "form written for all i at once",
                                                 gap)};
      });
  //! [vector_form]
}

// Batch gradient = sum of the per-sample gradients.
void batch_gradient(Trace& trace, const Eigen::Index n_samples) {
  trace.section("The batch gradient: a sum of the per-sample gradients");
  //! [batch_gradient]
  std::vector<std::string> sample_grads;
  for (Eigen::Index n = 0; n < n_samples; ++n) sample_grads.push_back(fmt::format("sample{}.grad", n + 1));
  trace.step("batch.sum", "The sum of the per-sample gradients")
      .formula("\\sum_{n=1}^{N} \\nabla_{\\mathbf{w}} E_n")
      .compute(sample_grads, [sample_grads](const Inputs& in) -> Value {
        Eigen::VectorXd sum = Eigen::VectorXd::Zero(in.vector(sample_grads.front()).size());
        for (const auto& id : sample_grads) sum += in.vector(id);  // E_MSE = Σ_n E_n, so ∇E_MSE = Σ_n ∇E_n
        return sum;
      });
  trace.step("batch.is_sum", "The batch gradient is the sum, not the mean")
      .formula("\\nabla_{\\mathbf{w}} E_{\\text{MSE}} = \\nabla_{\\mathbf{w}} \\sum_{n=1}^{N} E_n = \\sum_{n=1}^{N} \\nabla_{\\mathbf{w}} E_n")
      .numbers("[[vector.grad]] = [[batch.sum]]")
      .compute({"vector.grad", "batch.sum"}, [](const Inputs& in) -> Value {
        const double gap = max_relative_error(in.vector("vector.grad"), in.vector("batch.sum"));
        return Verdict{gap <= 1e-12, fmt::format("they agree to {:.1e}: EDI's E_MSE sums over the samples, so "
                                                 "its gradient is the sum of theirs",
                                                 gap)};
      });
  trace.step("mean.e", "The mean error $\\frac{1}{N}E_{\\text{MSE}}$, whose gradient the mean would be")
      .formula("\\frac{1}{N} E_{\\text{MSE}} = \\frac{1}{2N} \\sum_{n=1}^{N} (\\hat{y}_n - y_n)^2")
      .numbers("[[forward.e]] / N")
      .compute({"forward.e", "y"}, [](const Inputs& in) -> Value {
        return in.scalar("forward.e") / static_cast<double>(in.vector("y").size());
      });
  trace.step("mean.grad", "The mean of the per-sample gradients: the gradient of $\\frac{1}{N}E_{\\text{MSE}}$")
      .formula("\\frac{1}{N} \\sum_{n=1}^{N} \\nabla_{\\mathbf{w}} E_n = \\nabla_{\\mathbf{w}} \\frac{1}{N} E_{\\text{MSE}}")
      .numbers("[[batch.sum]] / N")
      .compute({"batch.sum", "y"}, [](const Inputs& in) -> Value {
        return Eigen::VectorXd(in.vector("batch.sum") / static_cast<double>(in.vector("y").size()));
      });
  trace.claim_gradient("mean.grad", "mean.e", "w_start");
  //! [batch_gradient]
}

// Online: epoch 1 sample by sample (EDI "Online/stochastic gradient descent"; CTU).
std::string online_epoch(Trace& trace, const Eigen::Index n_samples) {
  trace.section("Online gradient descent: epoch 1, one update per sample");
  //! [online_gradient_descent]
  std::string w_prev = "w_start";
  for (Eigen::Index n = 0; n < n_samples; ++n) {
    const std::string id = fmt::format("online.s{}.", n + 1);
    trace.step(id + "e", fmt::format("Sample {}: its error at the current weights", n + 1))
        .formula(fmt::format("E_{{{0}}}(\\mathbf{{w}}^{{({1})}}) = \\frac{{1}}{{2}} (g((\\mathbf{{w}}^{{({1})}})^\\top "
                             "\\mathbf{{x}}_{{{0}}}) - y_{{{0}}})^2",
                             n + 1, n))
        .compute({"data.x", "y", w_prev}, [n, w_prev](const Inputs& in) -> Value {
          return sample_error(in.matrix("data.x"), in.vector("y"), in.vector(w_prev), n);
        });
    trace.step(id + "grad", fmt::format("Sample {}: its gradient at the current weights", n + 1))
        .formula(fmt::format("\\nabla_{{\\mathbf{{w}}}} E_{{{0}}} = (\\hat{{y}}_{{{0}}} - y_{{{0}}}) \\hat{{y}}_{{{0}}} "
                             "(1 - \\hat{{y}}_{{{0}}}) \\mathbf{{x}}_{{{0}}}",
                             n + 1))
        .compute({"data.x", "y", w_prev}, [n, w_prev](const Inputs& in) -> Value {
          return sample_gradient(in.matrix("data.x"), in.vector("y"), in.vector(w_prev), n);
        });
    trace.claim_gradient(id + "grad", id + "e", w_prev);
    const std::string w = id + "w";
    trace
        .step(w, fmt::format("Sample {}: the update (CTU: $\\vec{{w}}(t+1) = \\vec{{w}}(t) + \\alpha f'(\\xi_t)(d_t - "
                             "y_t)\\vec{{x}}_t^\\top$)",
                             n + 1))
        .formula(fmt::format("\\mathbf{{w}}^{{({1})}} = \\mathbf{{w}}^{{({0})}} - \\eta \\nabla_{{\\mathbf{{w}}}} E_{{{1}}} = "
                             "\\mathbf{{w}}^{{({0})}} + \\eta\\, g'(a_{{{1}}}) (y_{{{1}}} - \\hat{{y}}_{{{1}}}) \\mathbf{{x}}_{{{1}}}",
                             n, n + 1))
        .numbers(fmt::format("[[{}]] - [[eta]] \\cdot [[{}]]", w_prev, id + "grad"))
        .compute({w_prev, "eta", id + "grad"}, [w_prev, id](const Inputs& in) -> Value {
          return Eigen::VectorXd(in.vector(w_prev) - in.scalar("eta") * in.vector(id + "grad"));  // w − η∇E_n
        });
    w_prev = w;
  }
  // BMB's rule on the first sample: W_j ← W_j + α × Err × g'(in) × x_j, with Err = y − h_W(x).
  trace.step("online.bmb", "BMB's rule $W_j \\leftarrow W_j + \\alpha \\times Err \\times g'(in) \\times x_j$ gives sample 1's update")
      .formula("Err = y_1 - h_{\\mathbf{W}}(\\mathbf{x}_1), \\quad W_j + \\alpha \\times Err \\times g'(in) \\times x_{1j} = w_j^{(1)}")
      .compute({"data.x", "y", "w_start", "eta", "online.s1.w"}, [](const Inputs& in) -> Value {
        const Eigen::VectorXd x1 = in.matrix("data.x").row(0).transpose();
        const Eigen::VectorXd& w = in.vector("w_start");
        const double input = w.dot(x1);                                      // in = Σ_j W_j x_j
        const double err = in.vector("y")[0] - sigmoid(input);               // Err = y − h_W(x)
        const Eigen::VectorXd bmb = w + in.scalar("eta") * err * sigmoid_derivative(input) * x1;  // W_j + α Err g'(in) x_j
        const double gap = (bmb - in.vector("online.s1.w")).cwiseAbs().maxCoeff();
        return Verdict{gap <= 1e-15, fmt::format("the largest difference is {:.1e}: Err = y − ŷ carries the minus sign "
                                                 "of −∂E/∂w",
                                                 gap)};
      });
  //! [online_gradient_descent]
  return w_prev;  // the last sample's weights, where epoch 1 of online learning ends
}

// Epochs: online against batch.
std::pair<std::string, std::string> online_against_batch(Trace& trace, const Eigen::Index n_samples, const std::string& w_prev) {
  trace.section("Online against batch, epoch by epoch");
  std::string online_prev = w_prev, batch_prev = "vector.w";
  for (int epoch = 1; epoch <= traced_epochs; ++epoch) {
    const std::string online_w = fmt::format("online.epoch{}.w", epoch), batch_w = fmt::format("batch.epoch{}.w", epoch);
    if (epoch > 1) {
      trace.step(online_w, fmt::format("Online: the weights $\\mathbf{{w}}({})$ after epoch {}, one update per sample", epoch, epoch))
          .formula("\\mathbf{w} \\leftarrow \\mathbf{w} - \\eta \\nabla_{\\mathbf{w}} E_n, \\quad n = 1, \\dots, N")
          .compute({"data.x", "y", "eta", online_prev}, [online_prev](const Inputs& in) -> Value {
            const Eigen::MatrixXd d = as_column(in.vector("y"));  // the neuron as a layer of one
            return Eigen::VectorXd(single_layer_online_epoch(in.matrix("data.x"), as_column(in.vector(online_prev)), d,
                                                             Activation::sigmoid(), in.scalar("eta")));
          });
      const std::string batch_grad = fmt::format("batch.epoch{}.grad", epoch);
      trace.step(batch_grad, fmt::format("Batch: the gradient at $\\mathbf{{w}}({})$", epoch - 1))
          .formula("\\nabla_{\\mathbf{w}} E_{\\text{MSE}} = \\sum_{n=1}^{N} \\nabla_{\\mathbf{w}} E_n")
          .compute({"data.x", "y", batch_prev}, [batch_prev](const Inputs& in) -> Value {
            return sigmoid_neuron_squared_error_gradient(in.matrix("data.x"), in.vector(batch_prev), in.vector("y"));
          });
      trace.claim_gradient(batch_grad, fmt::format("batch.epoch{}.e", epoch - 1), batch_prev);
      trace.step(batch_w, fmt::format("Batch: the weights $\\mathbf{{w}}({})$ after epoch {}, one update per epoch", epoch, epoch))
          .formula("\\mathbf{w} \\leftarrow \\mathbf{w} - \\eta \\nabla_{\\mathbf{w}} E_{\\text{MSE}}")
          .numbers(fmt::format("[[{}]] - [[eta]] \\cdot [[{}]]", batch_prev, batch_grad))
          .compute({batch_prev, "eta", batch_grad}, [batch_prev, batch_grad](const Inputs& in) -> Value {
            return Eigen::VectorXd(in.vector(batch_prev) - in.scalar("eta") * in.vector(batch_grad));
          });
      online_prev = online_w;
      batch_prev = batch_w;
    }
    if (epoch == 1) {
      // Epoch 1 was traced above: online ends at the last sample's update, batch at the vector form.
      trace.step("online.epoch1.w", "Online: the weights $\\mathbf{w}(1)$ after epoch 1 (the last sample's update)")
          .formula(fmt::format("\\mathbf{{w}}(1) = \\mathbf{{w}}^{{({})}}", n_samples))
          .compute({online_prev}, [online_prev](const Inputs& in) -> Value { return in.vector(online_prev); });
      trace.step("batch.epoch1.w", "Batch: the weights $\\mathbf{w}(1)$ after epoch 1 (the vector update)")
          .formula("\\mathbf{w}(1) = \\mathbf{w}(0) - \\eta \\nabla_{\\mathbf{w}} E_{\\text{MSE}}(\\mathbf{w}(0))")
          .compute({"vector.w"}, [](const Inputs& in) -> Value { return in.vector("vector.w"); });
      online_prev = "online.epoch1.w";
      batch_prev = "batch.epoch1.w";
    }
    trace.step(fmt::format("online.epoch{}.e", epoch), fmt::format("Online: the error after epoch {}", epoch))
        .formula(fmt::format("E_{{\\text{{MSE}}}}(\\mathbf{{w}}({}))", epoch))
        .compute({"data.x", "y", online_prev}, [online_prev](const Inputs& in) -> Value {
          return sigmoid_neuron_squared_error(in.matrix("data.x"), in.vector(online_prev), in.vector("y"));
        });
    trace.step(fmt::format("batch.epoch{}.e", epoch), fmt::format("Batch: the error after epoch {}", epoch))
        .formula(fmt::format("E_{{\\text{{MSE}}}}(\\mathbf{{w}}({}))", epoch))
        .compute({"data.x", "y", batch_prev}, [batch_prev](const Inputs& in) -> Value {
          return sigmoid_neuron_squared_error(in.matrix("data.x"), in.vector(batch_prev), in.vector("y"));
        });
  }
  trace.step("epochs.differ", "After an epoch, online and batch weights differ: online moves after every sample")
      .formula(fmt::format("\\lVert \\mathbf{{w}}_{{\\text{{online}}}}({0}) - \\mathbf{{w}}_{{\\text{{batch}}}}({0}) \\rVert", traced_epochs))
      .compute({online_prev, batch_prev}, [online_prev, batch_prev](const Inputs& in) -> Value {
        return (in.vector(online_prev) - in.vector(batch_prev)).norm();
      });
  return {online_prev, batch_prev};  // where each mode's last traced epoch ends
}

// Many epochs.
void many_epochs(Trace& trace, const Setting& s, const std::string& online_prev, const std::string& batch_prev) {
  trace.section(fmt::format("{} epochs of each", total_epochs));
  const auto train = [](const Eigen::MatrixXd& x, const Eigen::VectorXd& y, const Eigen::VectorXd& w_from, double eta,
                        bool online, int epochs) {
    const Eigen::MatrixXd d = as_column(y);
    Eigen::MatrixXd w = as_column(w_from);  // (d+1, 1): the neuron as a layer of one
    for (int e = 0; e < epochs; ++e)
      w = online ? single_layer_online_epoch(x, w, d, Activation::sigmoid(), eta)
                 : single_layer_batch_step(x, w, d, Activation::sigmoid(), eta);
    return Eigen::VectorXd(w.col(0));
  };
  for (const bool online : {true, false}) {
    const std::string mode = online ? "online" : "batch", last = online ? online_prev : batch_prev;
    const std::string id = "final." + mode + ".";
    trace.step(id + "w", fmt::format("{}: the weights after {} epochs", online ? "Online" : "Batch", total_epochs))
        .formula(fmt::format("\\mathbf{{w}}({})", total_epochs))
        .compute({"data.x", "y", "eta", last}, [train, online, last](const Inputs& in) -> Value {
          return train(in.matrix("data.x"), in.vector("y"), in.vector(last), in.scalar("eta"), online,
                       total_epochs - traced_epochs);
        });
    trace.step(id + "e", fmt::format("{}: the error after {} epochs", online ? "Online" : "Batch", total_epochs))
        .formula(fmt::format("E_{{\\text{{MSE}}}}(\\mathbf{{w}}({}))", total_epochs))
        .compute({"data.x", "y", id + "w"}, [id](const Inputs& in) -> Value {
          return sigmoid_neuron_squared_error(in.matrix("data.x"), in.vector(id + "w"), in.vector("y"));
        });
    trace.step(id + "yhat", fmt::format("{}: the outputs after {} epochs", online ? "Online" : "Batch", total_epochs))
        .formula(fmt::format("\\hat{{y}}_n = g(\\mathbf{{w}}({})^\\top \\mathbf{{x}}_n)", total_epochs))
        .compute({"data.x", id + "w"}, [id](const Inputs& in) -> Value {
          return sigmoid_neuron_output(in.matrix("data.x"), in.vector(id + "w"));
        });
    trace.step(id + "classified", fmt::format("{}: every sample is on its side of $\\hat{{y}} = \\frac{{1}}{{2}}$", online ? "Online" : "Batch"))
        .formula("\\hat{y}_n \\ge \\tfrac{1}{2} \\iff y_n = 1")
        .compute({id + "yhat", "y", id + "e", "forward.e"}, [id](const Inputs& in) -> Value {
          const Eigen::VectorXd &yhat = in.vector(id + "yhat"), &y = in.vector("y");
          int wrong = 0;
          for (Eigen::Index n = 0; n < y.size(); ++n) wrong += (yhat[n] >= 0.5) != (y[n] >= 0.5);  // ŷ on the wrong side
          return Verdict{wrong == 0, fmt::format("{} of {} samples on the wrong side; E_MSE fell from {:.4g} to {:.4g}",
                                                 wrong, y.size(), in.scalar("forward.e"), in.scalar(id + "e"))};
        });
  }

  // The error epoch by epoch, as a picture (computed from the parameters, like every value above).
  Plot plot;
  plot.x_label = "epoch";
  plot.y_label = "E_MSE";
  for (const bool online : {true, false}) {
    const Eigen::MatrixXd x = with_bias_column(s.inputs), d = as_column(s.y);
    Eigen::MatrixXd w = as_column(s.w);
    Curve curve;
    curve.title = online ? "online (one update per sample)" : "batch (one update per epoch)";
    for (int epoch = 0; epoch <= total_epochs; ++epoch) {
      if (epoch > 0)
        w = online ? single_layer_online_epoch(x, w, d, Activation::sigmoid(), s.eta)
                   : single_layer_batch_step(x, w, d, Activation::sigmoid(), s.eta);
      curve.x.push_back(epoch);
      curve.y.push_back(single_layer_sse(x, w, d, Activation::sigmoid()));
    }
    plot.curves.push_back(std::move(curve));
  }
  trace.figure({"error_per_epoch", "E_MSE after each epoch, online against batch gradient descent", plot});
}

}  // namespace single_neuron_gd_parts

Trace single_neuron_gd(const ChapterOptions& options) {
  using namespace single_neuron_gd_parts;
  Trace trace("single_neuron_gd", "Gradient descent for one sigmoid neuron");
  trace
      .summary(
          "One sigmoid neuron $\\hat{y} = g(\\mathbf{w}^\\top\\mathbf{x})$ trained on $E_{\\text{MSE}}$ by "
          "gradient descent. The gradient is computed per weight (the scalar form) and as one vector "
          "(the vector form), and both give the same update; the batch gradient is the *sum* of the "
          "per-sample gradients, because EDI's $E_{\\text{MSE}}$ is a sum (the mean belongs to "
          "$E_{\\text{MSE}}/N$). Then online training (one update per sample, CTU's algorithm) against "
          "batch training (one update per epoch): epoch 1 sample by sample, " +
          std::to_string(traced_epochs) + " epochs of each, and " + std::to_string(total_epochs) +
          " epochs to see both classify the data. " +
          std::string(options.seed ? "This variant's four samples (labelled by a line), $\\mathbf{w}(0)$ and "
                                     "$\\eta$ are drawn from the seed."
                                   : "The slides print no numbers here: the data (the AND function), "
                                     "$\\mathbf{w}(0) = (0.2, -0.4, 0.1)$ and $\\eta = 0.5$ are ours."))
      .source("EDI", "000_7637ffcd816b0303.txt",
              {"Training single layer neural network with MSE", "Training single layer neural network with MSE (cont.)",
               "Gradient descent"})
      .source("CTU", "002_ddd62baf13f113f4.txt", {"What We Covered Last Time"})
      .source("BMB", "001_86790086ad6a4e65.txt", {"Perceptron Learning"})
      .convention(
          "EDI's: samples $(\\mathbf{x}_n, y_n)$ with $y_n \\in \\{0, 1\\}$ the target and $\\hat{y}_n$ the "
          "output; $a_n = \\mathbf{w}^\\top\\mathbf{x}_n = \\sum_{i=0}^{d} w_i x_{ni}$ with the bias $w_0$ on "
          "$x_{n0} = 1$; $X$ holds one sample $\\mathbf{x}_n^\\top$ per row; $E_{\\text{MSE}}$ has the "
          "$\\frac{1}{2}$ and a sum over samples (no $1/N$); the learning rate is $\\eta$. CTU writes the "
          "same online rule with $\\alpha$ for $\\eta$, $d_t$ for the target, $y_t$ for the output, "
          "$\\xi_t$ for $a$ and $f$ for $g$; BMB writes $Err = y - h_{\\mathbf{W}}(\\mathbf{x})$ and $in$ "
          "for $a$. Online training presents the samples in the order $n = 1, \\dots, N$. Vectors over "
          "samples multiply entry by entry ($\\circ$).")
      .notation("\\mathbf{x}_n, y_n", "sample n (with $x_{n0} = 1$) and its target")
      .notation("a_n", "the pre-activation $\\mathbf{w}^\\top\\mathbf{x}_n$")
      .notation("\\hat{y}_n = g(a_n)", "the output; g is the logistic sigmoid, $g' = g(1 - g)$")
      .notation("E_n", "the sample error $\\frac{1}{2}(\\hat{y}_n - y_n)^2$")
      .notation("E_{\\text{MSE}}", "$\\sum_n E_n = \\frac{1}{2}\\sum_n (\\hat{y}_n - y_n)^2$")
      .notation("\\eta", "the learning rate (CTU, BMB: $\\alpha$)")
      .notation("\\mathbf{w}(k)", "the weights after k epochs; within epoch 1 of online training, "
                                  "$\\mathbf{w}^{(n)}$ after sample n")
      .seed(options.seed)
      .rounding({Rounding::Mode::significant, 4});

  const Setting s = options.seed ? drawn_setting(*options.seed) : default_setting();
  const Eigen::Index n_samples = s.inputs.rows();
  trace.parameter("inputs", "(x_{ni})", "the samples' inputs, one row per sample, without $x_{n0} = 1$", s.inputs);
  trace.parameter("y", "\\mathbf{y}", "the targets $y_n$", s.y);
  trace.parameter("w_start", "\\mathbf{w}(0)", "the start weights $(w_0, w_1, w_2)$", s.w);
  trace.parameter("eta", "\\eta", "the learning rate", s.eta);

  forward_pass(trace);
  per_sample_gradients(trace, n_samples);
  scalar_form(trace);
  vector_form(trace);
  batch_gradient(trace, n_samples);
  const std::string online_after_epoch_1 = online_epoch(trace, n_samples);
  const auto [online_last, batch_last] = online_against_batch(trace, n_samples, online_after_epoch_1);
  many_epochs(trace, s, online_last, batch_last);
  return trace;
}

}  // namespace nnwb::chapters
