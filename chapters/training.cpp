// Chapter 18, training: how the weights move.
// Lectures:
//   BMB 001_86790086ad6a4e65.txt "Training of Neural Network with Backpropagation": the NumPy loop
//     (N, D_in, H, D_out = 64, 1000, 100, 10; x, y = randn(N, D_in), randn(N, D_out); w1, w2 =
//     randn(D_in, H), randn(H, D_out); 2000 times: h = 1/(1 + exp(−x·w1)), y_pred = h·w2,
//     loss = Σ(y_pred − y)², print(t, loss), grad_y_pred = 2(y_pred − y), grad_w2 = hᵀ·grad_y_pred,
//     grad_h = grad_y_pred·w2ᵀ, grad_w1 = xᵀ·(grad_h ∘ h ∘ (1 − h)), w −= 1e−4·grad), reproduced
//     as it is, on the library's Mlp and Sgd; randn is the library's portable normal draw. By
//     default at a reduced size (N = 8, 20-10-2, 200 iterations); --full-size runs the slide's.
//   BMB "Neural Networks Cost Function" (the penalty (λ/2m) Σ_l Σ_{i≥1} Σ_j (w_ji)², no bias
//     column), "Neural Networks Weight Update" (three slides: Δ := ηΔ + α(aδ [+ λW]), W := W + Δ,
//     incremental and batch mode).
//   PD 003_b5a9c74466967a6d.txt "Learning", "Batch-mode learning", "On-line (or stochastic)
//     learning", "On-line: pros and cons", "Learning rate", "Momentum" (Δw(t) = −η∂E_n/∂w(t) +
//     αΔw(t−1), α ∈ [0, 1]).
//   CTU 002_ddd62baf13f113f4.txt "Backpropagation - How to Present Training Samples", "Discussion of
//     Training Strategies", and the stopping conditions of "Backpropagation Algorithm (Iterative
//     Variant)" (maximum epochs, time limit, E < E_min, validation error stops decreasing,
//     |Δw| < Δ_min).
//   IC 004_f167be6db553c350.txt "Stochastic gradient descent" (g = (1/N') Σ ∇L over a minibatch).
//
// Shapes (one legend for the file). BMB's loop keeps BMB's row layout: x: (N, D_in), y: (N, D_out),
// w1: (D_in, H), w2: (H, D_out), h: (N, H); the library's Mlp holds W₁ = w1ᵀ: (H, D_in) and
// W₂ = w2ᵀ: (D_out, H) and takes X = xᵀ: (D_in, N). The other sections use PD's column layout:
// X: (2, n), t: (1, n), W₁: (4, 2), b₁: (4), W₂: (1, 4), b₂: (1).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <complex>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "chapters.hpp"
#include "nnwb/activations.hpp"
#include "nnwb/mlp.hpp"
#include "nnwb/optimiser.hpp"
#include "nnwb/random.hpp"

namespace nnwb::chapters {
namespace training_parts {  // the chapter's sections and what they share

// ---- BMB's loop ------------------------------------------------------------------------------------

struct BmbSize {
  Eigen::Index N, D_in, H, D_out;
  int iterations;
};
constexpr BmbSize slide_size{64, 1000, 100, 10, 2000};
constexpr BmbSize reduced_size{8, 20, 10, 2, 200};

// A matrix of randn draws, BMB's `randn(rows, cols)`, from the library's portable normal.
Eigen::MatrixXd randn(Rng& rng, Eigen::Index rows, Eigen::Index cols) {
  Eigen::MatrixXd m(rows, cols);
  for (Eigen::Index i = 0; i < rows; ++i)  // row by row, as NumPy fills an array
    for (Eigen::Index j = 0; j < cols; ++j) m(i, j) = rng.normal();
  return m;
}

// What BMB's loop leaves: the loss it prints at each t, and the final weights (BMB's shapes).
struct BmbRun {
  Eigen::VectorXd losses;  // (T)
  Eigen::MatrixXd w1, w2;  // (D_in, H), (H, D_out)
};

// BMB's loop on the library: a sigmoid hidden layer and a linear output, no biases, the summed
// squared error, and T full-batch updates w ← w − η ∂loss/∂w, printing the loss before each.
BmbRun run_bmb_loop(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y, const Eigen::MatrixXd& w1,
                    const Eigen::MatrixXd& w2, double eta, int iterations) {
  // W₁ = w1ᵀ, W₂ = w2ᵀ; the biases are 0 and stay 0 (BMB's network has none).
  Mlp net({{w1.transpose(), Eigen::VectorXd::Zero(w1.cols()), Activation::sigmoid()},
           {w2.transpose(), Eigen::VectorXd::Zero(w2.cols()), Activation::identity()}});
  Sgd sgd(net, {.learning_rate = eta, .update_biases = false, .loss = Loss::squared_error});
  const Eigen::MatrixXd X = x.transpose(), Y = y.transpose();  // one sample per column
  BmbRun run{Eigen::VectorXd(iterations), {}, {}};
  for (int t = 0; t < iterations; ++t) run.losses[t] = sgd.step(X, Y);  // print(t, loss)
  run.w1 = net.layers()[0].weights.transpose();
  run.w2 = net.layers()[1].weights.transpose();
  return run;
}

// Several steps read the same run (its losses, how far w1 and w2 moved, the saturation after it).
// The run is a pure function of its inputs, so it is kept with a copy of them and reused only while
// they are equal: recompute() with other inputs runs the loop again.
class BmbRunCache {
 public:
  const BmbRun& get(const Inputs& in) {
    const auto& x = in.matrix("bmb.x");
    const auto& y = in.matrix("bmb.y");
    const auto& w1 = in.matrix("bmb.w1");
    const auto& w2 = in.matrix("bmb.w2");
    const double eta = in.scalar("bmb.eta");
    const int T = static_cast<int>(in.scalar("bmb.T"));
    if (!(valid_ && eta == eta_ && T == T_ && same(x, x_) && same(y, y_) && same(w1, w1_) && same(w2, w2_))) {
      run_ = run_bmb_loop(x, y, w1, w2, eta, T);
      x_ = x, y_ = y, w1_ = w1, w2_ = w2, eta_ = eta, T_ = T, valid_ = true;
    }
    return run_;
  }

 private:
  static bool same(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b) {
    return a.rows() == b.rows() && a.cols() == b.cols() && a == b;
  }
  bool valid_ = false;
  Eigen::MatrixXd x_, y_, w1_, w2_;
  double eta_ = 0.0;
  int T_ = 0;
  BmbRun run_;
};

// σ(a) = 1/(1 + e^{−a}) elementwise, as the slide's `1 / (1 + np.exp(-x.dot(w1)))`.
Eigen::MatrixXd hidden_layer(const Eigen::MatrixXd& x, const Eigen::MatrixXd& w1) {
  return (x * w1).unaryExpr([](double a) { return sigmoid(a); });  // h: (N, H)
}

// The share of hidden units (over samples) whose σ'(a) = σ(1 − σ) is below 0.01, i.e. |a| > 4.6:
// their gradient is cut to less than 1/25 of σ's largest slope.
double saturated_share(const Eigen::MatrixXd& x, const Eigen::MatrixXd& w1) {
  const Eigen::MatrixXd h = hidden_layer(x, w1);
  const Eigen::Index saturated = (h.array() * (1.0 - h.array()) < 0.01).count();
  return static_cast<double>(saturated) / static_cast<double>(h.size());
}

// ---- the small regression task of the other sections ---------------------------------------------------

struct Task {
  Eigen::MatrixXd X, t, X_val, t_val;  // (2, n), (1, n), the same for validation
  Eigen::MatrixXd W1, W2;              // (4, 2), (1, 4)
  Eigen::VectorXd b1, b2;              // (4), (1)
};

// Small initial weights, BMB's "small random numbers, e.g., in between [−0.5, 0.5]"; never 0, since a
// zero weight would leave a unit idle.
Eigen::MatrixXd small_weights(Rng& rng, Eigen::Index rows, Eigen::Index cols) {
  Eigen::MatrixXd m(rows, cols);
  for (Eigen::Index i = 0; i < rows; ++i)
    for (Eigen::Index j = 0; j < cols; ++j) m(i, j) = rng.nonzero_decimal(-0.5, 0.5, 2);
  return m;
}

// t = x₁ − x₂² + noise on n points of [−1, 1]², and small initial weights in [−0.5, 0.5] (BMB).
Task draw_task(Rng& rng, Eigen::Index n) {
  Task task;
  const auto points = [&](Eigen::MatrixXd& X, Eigen::MatrixXd& t) {
    X = rng.decimals(2, n, -1, 1, 2);
    t.resize(1, n);
    for (Eigen::Index j = 0; j < n; ++j) t(0, j) = X(0, j) - X(1, j) * X(1, j) + 0.05 * rng.normal();
  };
  points(task.X, task.t);
  points(task.X_val, task.t_val);
  task.W1 = small_weights(rng, 4, 2);
  task.b1 = small_weights(rng, 4, 1).col(0);
  task.W2 = small_weights(rng, 1, 4);
  task.b2 = small_weights(rng, 1, 1).col(0);
  return task;
}

// The 2-4-1 network of the task: tanh hidden units, a linear output.
Mlp task_network(const Inputs& in) {
  return Mlp({{in.matrix("net.W1"), in.vector("net.b1"), Activation::tanh()},
              {in.matrix("net.W2"), in.vector("net.b2"), Activation::identity()}});
}

const std::vector<std::string> task_inputs = {"data.X", "data.t", "net.W1", "net.b1", "net.W2", "net.b2"};

std::vector<std::string> with(std::vector<std::string> names, const std::vector<std::string>& more) {
  names.insert(names.end(), more.begin(), more.end());
  return names;
}

bool same_value(const Value& a, const Value& b) {
  if (a.index() != b.index()) return false;
  if (const auto* m = std::get_if<Eigen::MatrixXd>(&a)) {
    const auto& n = std::get<Eigen::MatrixXd>(b);
    return m->rows() == n.rows() && m->cols() == n.cols() && *m == n;
  }
  if (const auto* v = std::get_if<Eigen::VectorXd>(&a)) {
    const auto& w = std::get<Eigen::VectorXd>(b);
    return v->size() == w.size() && *v == w;
  }
  return a == b;
}

// The long training runs are pure functions of their declared inputs. This keeps a step's last
// result with a copy of the inputs it came from and returns it again only while they are equal, so
// recompute() after changing an unrelated parameter (a gradient check of another section) does not
// train every network again; any change to the step's own inputs computes it afresh.
ComputeFn memoised(std::vector<std::string> names, ComputeFn compute) {
  struct Memo {
    std::vector<Value> inputs;
    Value result;
    bool valid = false;
  };
  auto memo = std::make_shared<Memo>();
  return [names = std::move(names), compute = std::move(compute), memo](const Inputs& in) -> Value {
    bool hit = memo->valid;
    for (std::size_t i = 0; hit && i < names.size(); ++i) hit = same_value(in.value(names[i]), memo->inputs[i]);
    if (!hit) {
      memo->result = compute(in);
      memo->inputs.clear();
      for (const auto& name : names) memo->inputs.push_back(in.value(name));
      memo->valid = true;
    }
    return memo->result;
  };
}

Eigen::VectorXd as_vector(const std::vector<double>& v) {
  return Eigen::Map<const Eigen::VectorXd>(v.data(), static_cast<Eigen::Index>(v.size()));
}

std::vector<double> as_std(const Eigen::VectorXd& v) { return {v.data(), v.data() + v.size()}; }

std::vector<double> zero_to(Eigen::Index n) {
  std::vector<double> xs(static_cast<std::size_t>(n));
  for (Eigen::Index i = 0; i < n; ++i) xs[static_cast<std::size_t>(i)] = static_cast<double>(i);
  return xs;
}

// E after each epoch of one presentation strategy: [0] before training. Always `epochs` epochs.
Eigen::VectorXd epoch_losses(const Inputs& in, Eigen::Index batch_size, double momentum) {
  Mlp net = task_network(in);
  Sgd sgd(net, {.learning_rate = in.scalar("present.eta"),
                .momentum = momentum,
                .batch_size = batch_size,
                .loss = Loss::half_squared_error});
  Rng rng(static_cast<std::uint64_t>(in.scalar("present.shuffle_seed")));
  StoppingRules rules;
  rules.max_epochs = static_cast<int>(in.scalar("present.epochs"));
  return as_vector(sgd.train(in.matrix("data.X"), in.matrix("data.t"), rng, rules).losses);
}

AxisRange fitted(const std::vector<double>& ys, double low = 0.0) {
  const double high = *std::max_element(ys.begin(), ys.end());
  return {low, high > low ? 1.05 * high : low + 1.0};
}

// ---- the sections, in reading order ------------------------------------------------------------

// The chapter's title, summary, sources, convention and notation.
Trace introduce(const ChapterOptions& options, const BmbSize& size) {
  Trace trace("training", "How the weights move: online, batch, mini-batch, momentum, L2");
  trace
      .summary(fmt::format(
          "BMB's training loop reproduced as it is: x, y, w1, w2 drawn from a normal distribution, a sigmoid "
          "hidden layer, a linear output, no biases, the summed squared error, learning rate 10⁻⁴, and the "
          "loss printed as it falls, run on the library's Mlp and its gradient-descent optimiser. {} "
          "Then the ways to present the samples (PD, CTU): online (one sample per update, shuffled every "
          "epoch), batch (all N summed into one update) and mini-batch SGD, and momentum; momentum's closed "
          "form on a quadratic; L2 regularisation with the bias left out, and the sign of BMB's regularised "
          "update; and CTU's stopping rules. With inputs and weights of unit variance each hidden "
          "pre-activation has variance D_in, so many sigmoid units start saturated (σ' < 0.01; most of them at "
          "the slide's size): the steps count them and measure how little w1 moves beside w2, which leaves "
          "the loop close to a least-squares fit of y on hidden features that hardly change. {}",
          options.full_size
              ? fmt::format("This run is at the slide's size: N = {}, D_in = {}, H = {}, D_out = {}, {} iterations.",
                            size.N, size.D_in, size.H, size.D_out, size.iterations)
              : fmt::format("This run is at a reduced size (N = {}, D_in = {}, H = {}, D_out = {}, {} iterations) so "
                            "that the workbook stays quick; --full-size runs the slide's N = {}, {}-{}-{}, {} "
                            "iterations.",
                            size.N, size.D_in, size.H, size.D_out, size.iterations, slide_size.N, slide_size.D_in,
                            slide_size.H, slide_size.D_out, slide_size.iterations),
          options.seed ? "This variant draws every number from the seed."
                       : "The slides print no numbers: the draws come from a fixed seed of the chapter's own."))
      .source("BMB", "001_86790086ad6a4e65.txt",
              {"Training of Neural Network with Backpropagation", "Neural Networks Weight Update",
               "Neural Networks Cost Function"})
      .source("PD", "003_b5a9c74466967a6d.txt",
              {"Learning", "Batch-mode learning", "On-line (or stochastic) learning", "On-line: pros and cons",
               "Learning rate", "Momentum"})
      .source("CTU", "002_ddd62baf13f113f4.txt",
              {"Backpropagation - How to Present Training Samples", "Discussion of Training Strategies",
               "Backpropagation Algorithm (Iterative Variant)"})
      .source("IC", "004_f167be6db553c350.txt", {"Stochastic gradient descent"})
      .convention(
          "BMB's loop is written in BMB's code's own layout: one sample per row, x: (N, D_in), "
          "w1: (D_in, H), h = σ(x w1), y_pred = h w2; the library's Mlp runs it on W₁ = w1ᵀ and X = xᵀ "
          "(one sample per column) with biases fixed at 0. randn is the library's portable normal draw (the "
          "Irwin–Hall sum of 12 uniforms minus 6), not NumPy's. Elsewhere PD's convention: column vectors, "
          "$W$ of shape out×in, $a = Wz + b$, η the learning rate and α the momentum (BMB swaps the two "
          "letters: its η multiplies the old Δ, its α the gradient). E is summed over a batch (PD's "
          "batch mode; BMB's loss), so a batch update is the sum of the samples' gradients at the same "
          "weights; IC's minibatch mean divides by N'. The penalty is $\\frac{\\lambda}{2}\\sum_l "
          "\\lVert W_l \\rVert^2$ over the weights only (BMB's sum starts at i = 1: no bias column); BMB "
          "divides it by m, we fold the 1/m into λ. The task of the later sections: t = x₁ − x₂² + noise on 16 "
          "points of [−1, 1]², a 2-4-1 network with tanh hidden units and a linear output, "
          "$E = \\frac{1}{2}\\sum_n (y_n - t_n)^2$.")
      .notation("x, y, w_1, w_2", "BMB's code: inputs (N, D_in), targets (N, D_out), weights (D_in, H), (H, D_out)")
      .notation("h, \\hat{y}", "BMB's hidden activations σ(x w1) and output h w2 (y_pred)")
      .notation("\\eta", "the learning rate")
      .notation("\\alpha", "the momentum: the fraction of the last change Δw(t−1) carried on")
      .notation("\\lambda", "the L2 regularisation strength")
      .notation("E, J", "the error summed over the samples, and $J = E + \\frac{\\lambda}{2}\\sum \\lVert W \\rVert^2$")
      .notation("W_l, b_l", "the weights (out×in) and biases of layer l of the 2-4-1 network")
      .notation("B", "the mini-batch size; an epoch makes ⌈N/B⌉ updates")
      .seed(options.seed)
      .rounding({Rounding::Mode::significant, 4});
  return trace;
}

// Every number the chapter starts from: BMB's x, y, w1, w2, the small task, and each later section's own.
void draw_parameters(Trace& trace, const ChapterOptions& options, const BmbSize& size) {
  Rng rng(options.seed ? *options.seed : seed_from_text("nnwb training: BMB's loop"));
  // x, y = randn(N, D_in), randn(N, D_out); w1, w2 = randn(D_in, H), randn(H, D_out)
  trace.parameter("bmb.x", "x", fmt::format("BMB's inputs, randn(N, D_in): ({}, {})", size.N, size.D_in),
                  randn(rng, size.N, size.D_in));
  trace.parameter("bmb.y", "y", fmt::format("BMB's targets, randn(N, D_out): ({}, {})", size.N, size.D_out),
                  randn(rng, size.N, size.D_out));
  trace.parameter("bmb.w1", "w_1", fmt::format("BMB's first weights, randn(D_in, H): ({}, {})", size.D_in, size.H),
                  randn(rng, size.D_in, size.H));
  trace.parameter("bmb.w2", "w_2", fmt::format("BMB's second weights, randn(H, D_out): ({}, {})", size.H, size.D_out),
                  randn(rng, size.H, size.D_out));
  trace.parameter("bmb.eta", "\\eta", "BMB's learning rate, 1e-4", 1e-4);
  trace.parameter("bmb.T", "T", "the number of iterations", static_cast<double>(size.iterations));

  const Task task = draw_task(rng, 16);
  trace.parameter("data.X", "X", "the task's 16 inputs in [−1, 1]², one per column", task.X);
  trace.parameter("data.t", "t", "their targets $x_1 - x_2^2$ + noise", task.t);
  trace.parameter("val.X", "X_{val}", "16 more inputs, for validation", task.X_val);
  trace.parameter("val.t", "t_{val}", "their targets", task.t_val);
  trace.parameter("net.W1", "W_1", "the 2-4-1 network's first weights (4×2), in [−0.5, 0.5]", task.W1);
  trace.parameter("net.b1", "b_1", "its first biases", Eigen::VectorXd(task.b1));
  trace.parameter("net.W2", "W_2", "its output weights (1×4)", task.W2);
  trace.parameter("net.b2", "b_2", "its output bias", Eigen::VectorXd(task.b2));
  trace.parameter("present.eta", "\\eta", "the learning rate of every strategy", options.seed ? rng.decimal(0.03, 0.08, 2) : 0.05);
  trace.parameter("present.alpha", "\\alpha", "the momentum", options.seed ? rng.decimal(0.5, 0.9, 1) : 0.9);
  trace.parameter("present.B", "B", "the mini-batch size", options.seed ? static_cast<double>(rng.integer(2, 8)) : 4.0);
  trace.parameter("present.epochs", "n_{epochs}", "epochs per strategy", 40.0);
  trace.parameter("present.shuffle_seed", "s", "the seed of the shuffling (the library's portable Rng)",
                  static_cast<double>(rng.integer(1, 1 << 30)));
  trace.parameter("l2.W1", "W_1", "the L2 example's first weights (2×2)", small_weights(rng, 2, 2));
  trace.parameter("l2.b1", "b_1", "its first biases", Eigen::VectorXd(small_weights(rng, 2, 1).col(0)));
  trace.parameter("l2.W2", "W_2", "its output weights (1×2)", small_weights(rng, 1, 2));
  trace.parameter("l2.b2", "b_2", "its output bias", Eigen::VectorXd(small_weights(rng, 1, 1).col(0)));
  trace.parameter("l2.lambda", "\\lambda", "the L2 strength", options.seed ? rng.decimal(0.05, 0.5, 2) : 0.1);
  trace.parameter("mom.x", "x", "the quadratic's input: $E(w) = \\frac{1}{2}(wx - t)^2$", options.seed ? rng.nonzero_decimal(0.5, 1.5, 1) : 1.0);
  trace.parameter("mom.t", "t", "its target", options.seed ? rng.nonzero_decimal(-2, 2, 1) : 1.0);
  trace.parameter("mom.w0", "w(0)", "the starting weight", options.seed ? rng.decimal(-2, 2, 1) : -1.0);
  trace.parameter("mom.eta", "\\eta", "the learning rate (small: a shallow direction)", options.seed ? rng.decimal(0.01, 0.05, 2) : 0.02);
  trace.parameter("mom.alpha", "\\alpha", "the momentum", options.seed ? rng.decimal(0.7, 0.95, 2) : 0.9);
  trace.parameter("mom.T", "T", "the number of updates", 60.0);
  trace.parameter("stop.E_fraction", "\\rho", "E_min as a share of the starting error", options.seed ? rng.decimal(0.03, 0.05, 3) : 0.04);
  trace.parameter("stop.delta_min", "\\Delta_{min}", "the smallest |Δw| worth another epoch", 1e-2);
  trace.parameter("stop.patience", "p", "epochs without a new validation low before early stopping", 5.0);
  trace.parameter("stop.max_epochs", "n_{max}", "the maximum number of epochs", 300.0);
}

// BMB's training loop: its first iteration line by line, then the loop on the library's Mlp and Sgd.
void bmb_training_loop(Trace& trace, const BmbSize& size, bool full_size) {
  trace.section(fmt::format("Training of Neural Network with Backpropagation (BMB), N = {}, D_in = {}, H = {}, "
                            "D_out = {}, {} iterations{}",
                            size.N, size.D_in, size.H, size.D_out, size.iterations,
                            full_size ? " (the slide's size)" : " (reduced; --full-size for the slide's)"));
  // The first iteration, line by line as the slide's code writes it.
  //! [bmb_first_iteration]
  trace.step("bmb.h", "The hidden layer: h = 1 / (1 + exp(−x·w1))")
      .formula("h = \\sigma(x w_1) = \\frac{1}{1 + e^{-x w_1}}")
      .compute({"bmb.x", "bmb.w1"}, [](const Inputs& in) -> Value {
        return hidden_layer(in.matrix("bmb.x"), in.matrix("bmb.w1"));  // (N, H)
      });
  trace.step("bmb.y_pred", "The prediction: y_pred = h·w2")
      .formula("\\hat{y} = h w_2")
      .compute({"bmb.h", "bmb.w2"}, [](const Inputs& in) -> Value {
        return Eigen::MatrixXd(in.matrix("bmb.h") * in.matrix("bmb.w2"));  // (N, D_out)
      });
  trace.step("bmb.loss0", "The loss: loss = Σ(y_pred − y)², printed at t = 0")
      .formula("E = \\sum_{n,k} (\\hat{y}_{nk} - y_{nk})^2")
      .compute({"bmb.y_pred", "bmb.y"}, [](const Inputs& in) -> Value {
        return (in.matrix("bmb.y_pred") - in.matrix("bmb.y")).squaredNorm();  // Σ (ŷ − y)²
      });
  trace.step("bmb.grad_w2", "grad_w2 = hᵀ·grad_y_pred, with grad_y_pred = 2(y_pred − y)")
      .formula("\\frac{\\partial E}{\\partial w_2} = h^\\top \\, 2(\\hat{y} - y)")
      .compute({"bmb.h", "bmb.y_pred", "bmb.y"}, [](const Inputs& in) -> Value {
        const Eigen::MatrixXd grad_y_pred = 2.0 * (in.matrix("bmb.y_pred") - in.matrix("bmb.y"));  // (N, D_out)
        return Eigen::MatrixXd(in.matrix("bmb.h").transpose() * grad_y_pred);                       // (H, D_out)
      });
  trace.step("bmb.grad_w1", "grad_w1 = xᵀ·(grad_h ∘ h ∘ (1 − h)), with grad_h = grad_y_pred·w2ᵀ")
      .formula("\\frac{\\partial E}{\\partial w_1} = x^\\top \\left( (2(\\hat{y} - y) w_2^\\top) \\circ h \\circ (1 - h) \\right)")
      .compute({"bmb.x", "bmb.h", "bmb.y_pred", "bmb.y", "bmb.w2"}, [](const Inputs& in) -> Value {
        const Eigen::MatrixXd& h = in.matrix("bmb.h");
        const Eigen::MatrixXd grad_y_pred = 2.0 * (in.matrix("bmb.y_pred") - in.matrix("bmb.y"));  // (N, D_out)
        const Eigen::MatrixXd grad_h = grad_y_pred * in.matrix("bmb.w2").transpose();               // (N, H)
        // σ'(a) = h(1 − h): the sigmoid's derivative from its output
        const Eigen::MatrixXd grad_a = grad_h.cwiseProduct(h).cwiseProduct((1.0 - h.array()).matrix());
        return Eigen::MatrixXd(in.matrix("bmb.x").transpose() * grad_a);  // (D_in, H)
      });
  //! [bmb_first_iteration]
  // grad_w1 and grad_w2 are not claimed as gradients for the catalogue's check: it recomputes the
  // whole trace for each entry perturbed, and every recompute runs the loop again (w1 and w2 are its
  // starting weights). tests/training_test.cpp checks both against central differences of the loss
  // and against the slide's loop written out in Eigen.

  //! [bmb_loop]
  auto cache = std::make_shared<BmbRunCache>();
  const std::vector<std::string> run_inputs = {"bmb.x", "bmb.y", "bmb.w1", "bmb.w2", "bmb.eta", "bmb.T"};
  trace.step("bmb.losses", "The loop: the loss printed at t = 0, 1, …, T − 1 (the library's Mlp and Sgd)")
      .formula("E(t) = \\sum (\\hat{y}(t) - y)^2, \\quad w_i(t+1) = w_i(t) - \\eta \\frac{\\partial E}{\\partial w_i}(t)")
      .compute(run_inputs, [cache](const Inputs& in) -> Value { return cache->get(in).losses; });
  trace.step("bmb.first", "The loop's first loss is the loss worked out above")
      .formula("E(0) = \\sum (\\hat{y} - y)^2")
      .numbers("[[bmb.loss0]]")
      .compute({"bmb.losses", "bmb.loss0"}, [](const Inputs& in) -> Value {
        const double first = in.vector("bmb.losses")[0], by_hand = in.scalar("bmb.loss0");
        const double gap = std::abs(first - by_hand) / std::abs(by_hand);
        return Verdict{gap <= 1e-12, fmt::format("E(0) = {:.10g} from the loop, {:.10g} line by line (relative gap {:.1e})",
                                                 first, by_hand, gap)};
      });
  trace.step("bmb.printed", "The loss as it falls: t = 0, T/10, 2T/10, …, T − 1")
      .formula("E(0), E(T/10), \\ldots, E(T-1)")
      .compute({"bmb.losses"}, [](const Inputs& in) -> Value {
        const Eigen::VectorXd& losses = in.vector("bmb.losses");
        const Eigen::Index T = losses.size();
        Eigen::VectorXd printed(11);
        for (Eigen::Index k = 0; k < 10; ++k) printed[k] = losses[k * T / 10];
        printed[10] = losses[T - 1];
        return printed;
      });
  trace.step("bmb.falls", "The loss falls")
      .formula("E(T-1) < E(0)")
      .compute({"bmb.losses"}, [](const Inputs& in) -> Value {
        const Eigen::VectorXd& losses = in.vector("bmb.losses");
        const Eigen::Index T = losses.size();
        Eigen::Index rises = 0;
        for (Eigen::Index t = 1; t < T; ++t) rises += losses[t] > losses[t - 1] ? 1 : 0;
        return Verdict{losses[T - 1] < losses[0],
                       fmt::format("from {:.6g} to {:.6g} in {} iterations ({:.3g}% of the start); it rose {} times",
                                   losses[0], losses[T - 1], T, 100.0 * losses[T - 1] / losses[0], rises)};
      });
  //! [bmb_loop]
  trace.step("bmb.saturated_start", "Saturated hidden units at the start: σ'(a) = h(1 − h) < 0.01")
      .formula("\\frac{1}{NH} \\#\\{(n, j) : h_{nj}(1 - h_{nj}) < 0.01\\} \\quad (|a| > 4.6)")
      .compute({"bmb.x", "bmb.w1"}, [](const Inputs& in) -> Value {
        return saturated_share(in.matrix("bmb.x"), in.matrix("bmb.w1"));
      });
  trace.step("bmb.saturated_end", "Saturated hidden units after the loop")
      .formula("\\frac{1}{NH} \\#\\{(n, j) : h_{nj}(T)(1 - h_{nj}(T)) < 0.01\\}")
      .compute(run_inputs, [cache](const Inputs& in) -> Value {
        return saturated_share(in.matrix("bmb.x"), cache->get(in).w1);
      });
  trace.step("bmb.w1_moved", "How far w1 moved, relative to its size")
      .formula("\\lVert w_1(T) - w_1(0) \\rVert_F / \\lVert w_1(0) \\rVert_F")
      .compute(run_inputs, [cache](const Inputs& in) -> Value {
        const Eigen::MatrixXd& w1 = in.matrix("bmb.w1");
        return (cache->get(in).w1 - w1).norm() / w1.norm();
      });
  trace.step("bmb.w2_moved", "How far w2 moved, relative to its size")
      .formula("\\lVert w_2(T) - w_2(0) \\rVert_F / \\lVert w_2(0) \\rVert_F")
      .compute(run_inputs, [cache](const Inputs& in) -> Value {
        const Eigen::MatrixXd& w2 = in.matrix("bmb.w2");
        return (cache->get(in).w2 - w2).norm() / w2.norm();
      });
}

// How to present the training samples: online, batch, mini-batch, and momentum, on the small task.
void presenting_samples(Trace& trace) {
  trace.section("How to present training samples: online, batch, mini-batch (PD, CTU, IC)");
  trace.step("present.order", "Online learning shuffles the samples every epoch: the first epoch's order")
      .formula("\\pi = \\text{a uniformly random permutation of } 1 \\ldots N \\text{ (Fisher–Yates)}")
      .compute({"present.shuffle_seed", "data.X"}, [](const Inputs& in) -> Value {
        Rng shuffle(static_cast<std::uint64_t>(in.scalar("present.shuffle_seed")));
        const std::vector<Eigen::Index> order = shuffled_order(in.matrix("data.X").cols(), shuffle);
        Eigen::VectorXd numbered(static_cast<Eigen::Index>(order.size()));
        for (std::size_t i = 0; i < order.size(); ++i) numbered[static_cast<Eigen::Index>(i)] = static_cast<double>(order[i] + 1);
        return numbered;  // sample numbers from 1
      });
  trace.step("present.updates", "Updates per epoch: online N, batch 1, mini-batch ⌈N/B⌉")
      .formula("(N, \\; 1, \\; \\lceil N / B \\rceil)")
      .compute({"data.X", "present.B"}, [](const Inputs& in) -> Value {
        const double n = static_cast<double>(in.matrix("data.X").cols());
        return Eigen::VectorXd(Eigen::Vector3d(n, 1.0, std::ceil(n / in.scalar("present.B"))));
      });
  trace.step("present.batch_gradient", "Batch mode sums the samples' derivatives: ∂E/∂W₁ = Σₙ ∂Eₙ/∂W₁")
      .formula("\\frac{\\partial E}{\\partial W_1} = \\sum_n \\frac{\\partial E_n}{\\partial W_1}")
      .compute(task_inputs, [](const Inputs& in) -> Value {
        const Mlp net = task_network(in);
        const Eigen::MatrixXd& X = in.matrix("data.X");
        const Eigen::MatrixXd& t = in.matrix("data.t");
        const ForwardPass pass = net.forward(X);
        return net.backward(pass, pass.output() - t).weight_gradients[0];  // ∂E/∂y = y − t: (4, 2)
      });
  trace.step("present.E0", "The error before training")
      .formula("E = \\frac{1}{2} \\sum_n (y_n - t_n)^2")
      .compute(task_inputs, [](const Inputs& in) -> Value {
        return dataset_loss(task_network(in), Loss::half_squared_error, in.matrix("data.X"), in.matrix("data.t"));
      });
  trace.step("present.sum_of_online", "The same sum, one sample at a time (each at the same weights)")
      .formula("\\sum_{n=1}^{N} \\frac{\\partial E_n}{\\partial W_1}")
      .compute(task_inputs, [](const Inputs& in) -> Value {
        const Mlp net = task_network(in);
        const Eigen::MatrixXd& X = in.matrix("data.X");
        const Eigen::MatrixXd& t = in.matrix("data.t");
        Eigen::MatrixXd sum = Eigen::MatrixXd::Zero(net.layers()[0].outputs(), net.layers()[0].inputs());
        for (Eigen::Index n = 0; n < X.cols(); ++n) {
          const ForwardPass pass = net.forward(X.col(n));
          sum += net.backward(pass, pass.output() - t.col(n)).weight_gradients[0];  // ∂E_n/∂W₁
        }
        return sum;
      });
  trace.step("present.sum_agrees", "One batch update moves the weights by η times the sum of the online gradients")
      .formula("\\frac{\\partial E}{\\partial W_1} - \\sum_n \\frac{\\partial E_n}{\\partial W_1} = 0")
      .compute({"present.batch_gradient", "present.sum_of_online"}, [](const Inputs& in) -> Value {
        const double gap = (in.matrix("present.batch_gradient") - in.matrix("present.sum_of_online")).cwiseAbs().maxCoeff();
        const double scale = in.matrix("present.batch_gradient").cwiseAbs().maxCoeff();
        return Verdict{gap <= 1e-13 * (1.0 + scale), fmt::format("they differ by {:.1e} (rounding in the order of the sum)", gap)};
      });
  //! [presenting_samples]
  const auto strategy_inputs = with(task_inputs, {"present.eta", "present.epochs", "present.shuffle_seed"});
  trace.step("present.online", "Online learning (B = 1): E after each epoch")
      .formula("w \\leftarrow w - \\eta \\frac{\\partial E_n}{\\partial w} \\text{ for each } n \\text{ in a new random order}")
      .compute(strategy_inputs, memoised(strategy_inputs, [](const Inputs& in) -> Value { return epoch_losses(in, 1, 0.0); }));
  trace.step("present.batch", "Batch learning (B = N): E after each epoch")
      .formula("w \\leftarrow w - \\eta \\sum_{n=1}^{N} \\frac{\\partial E_n}{\\partial w}")
      .compute(strategy_inputs, memoised(strategy_inputs, [](const Inputs& in) -> Value { return epoch_losses(in, 0, 0.0); }));
  const auto minibatch_inputs = with(strategy_inputs, {"present.B"});
  trace.step("present.minibatch", "Mini-batch SGD (B samples per update): E after each epoch")
      .formula("w \\leftarrow w - \\eta \\sum_{n \\in \\text{batch}} \\frac{\\partial E_n}{\\partial w}")
      .compute(minibatch_inputs, memoised(minibatch_inputs, [](const Inputs& in) -> Value {
        return epoch_losses(in, static_cast<Eigen::Index>(in.scalar("present.B")), 0.0);
      }));
  const auto momentum_inputs = with(strategy_inputs, {"present.B", "present.alpha"});
  trace.step("present.momentum", "Mini-batch SGD with momentum α: E after each epoch")
      .formula("\\Delta w(t) = -\\eta \\frac{\\partial E_B}{\\partial w}(t) + \\alpha \\Delta w(t-1)")
      .compute(momentum_inputs, memoised(momentum_inputs, [](const Inputs& in) -> Value {
        return epoch_losses(in, static_cast<Eigen::Index>(in.scalar("present.B")), in.scalar("present.alpha"));
      }));
  //! [presenting_samples]
  trace.step("present.compare", "After the same number of epochs")
      .formula("E_{online}, \\; E_{batch}, \\; E_{mini}, \\; E_{momentum}")
      .compute({"present.online", "present.batch", "present.minibatch", "present.momentum"}, [](const Inputs& in) -> Value {
        Eigen::VectorXd last(4);
        last << in.vector("present.online").tail(1), in.vector("present.batch").tail(1),
            in.vector("present.minibatch").tail(1), in.vector("present.momentum").tail(1);
        return last;
      });
}

// Momentum on a quadratic: the run by the library against its closed form.
void momentum_on_a_quadratic(Trace& trace) {
  trace.section("Momentum (PD): its closed form on a quadratic");
  trace.step("mom.k", "The quadratic's curvature")
      .formula("E(w) = \\tfrac{1}{2}(wx - t)^2 = \\tfrac{k}{2}(w - w^*)^2, \\quad k = x^2, \\; w^* = t/x")
      .numbers("k = [[mom.x]]^2")
      .compute({"mom.x"}, [](const Inputs& in) -> Value { return in.scalar("mom.x") * in.scalar("mom.x"); });
  trace.step("mom.E0", "The error at the start")
      .formula("E(w(0)) = \\tfrac{1}{2}(w(0) x - t)^2")
      .numbers("\\tfrac{1}{2}([[mom.w0]] \\cdot [[mom.x]] - [[mom.t]])^2")
      .compute({"mom.w0", "mom.x", "mom.t"}, [](const Inputs& in) -> Value {
        const double r = in.scalar("mom.w0") * in.scalar("mom.x") - in.scalar("mom.t");
        return 0.5 * r * r;
      });
  trace.step("mom.g0", "Its gradient at the start")
      .formula("\\frac{\\partial E}{\\partial w} = (w x - t) x")
      .numbers("([[mom.w0]] \\cdot [[mom.x]] - [[mom.t]]) \\cdot [[mom.x]]")
      .compute({"mom.w0", "mom.x", "mom.t"}, [](const Inputs& in) -> Value {
        return (in.scalar("mom.w0") * in.scalar("mom.x") - in.scalar("mom.t")) * in.scalar("mom.x");
      });
  trace.claim_gradient("mom.g0", "mom.E0", "mom.w0");
  const std::vector<std::string> quad = {"mom.x", "mom.t", "mom.w0", "mom.eta", "mom.alpha", "mom.T"};
  // w(0), …, w(T) by the library: a 1-1 linear network without bias, x as its one sample.
  const auto quadratic_run = [](const Inputs& in, double alpha) {
    Mlp net({{Eigen::MatrixXd::Constant(1, 1, in.scalar("mom.w0")), Eigen::VectorXd::Zero(1), Activation::identity()}});
    Sgd sgd(net, {.learning_rate = in.scalar("mom.eta"), .momentum = alpha, .update_biases = false,
                  .loss = Loss::half_squared_error});
    const Eigen::MatrixXd x = Eigen::MatrixXd::Constant(1, 1, in.scalar("mom.x"));
    const Eigen::MatrixXd t = Eigen::MatrixXd::Constant(1, 1, in.scalar("mom.t"));
    const int T = static_cast<int>(in.scalar("mom.T"));
    Eigen::VectorXd w(T + 1);
    w[0] = net.layers()[0].weights(0, 0);
    for (int s = 1; s <= T; ++s) {
      sgd.step(x, t);
      w[s] = net.layers()[0].weights(0, 0);
    }
    return w;
  };
  //! [momentum]
  trace.step("mom.delta1", "The first change: Δw(1) = −η ∂E/∂w, as Δw(0) = 0")
      .formula("\\Delta w(1) = -\\eta \\frac{\\partial E}{\\partial w}(w(0)) + \\alpha \\cdot 0")
      .numbers("-[[mom.eta]] \\cdot [[mom.g0]]")
      .compute({"mom.eta", "mom.g0"}, [](const Inputs& in) -> Value { return -in.scalar("mom.eta") * in.scalar("mom.g0"); });
  trace.step("mom.delta2", "The second change carries α of the first")
      .formula("\\Delta w(2) = -\\eta (w(1) x - t) x + \\alpha \\Delta w(1), \\quad w(1) = w(0) + \\Delta w(1)")
      .numbers("-[[mom.eta]] (([[mom.w0]] + [[mom.delta1]]) [[mom.x]] - [[mom.t]]) [[mom.x]] + [[mom.alpha]] \\cdot [[mom.delta1]]")
      .compute({"mom.eta", "mom.w0", "mom.delta1", "mom.x", "mom.t", "mom.alpha"}, [](const Inputs& in) -> Value {
        const double w1 = in.scalar("mom.w0") + in.scalar("mom.delta1"), x = in.scalar("mom.x");
        return -in.scalar("mom.eta") * (w1 * x - in.scalar("mom.t")) * x + in.scalar("mom.alpha") * in.scalar("mom.delta1");
      });
  trace.step("mom.run", "w(0), …, w(T) with momentum, by the library's Sgd")
      .formula("w(s+1) = w(s) + \\Delta w(s+1)")
      .compute(quad, [quadratic_run](const Inputs& in) -> Value { return quadratic_run(in, in.scalar("mom.alpha")); });
  trace.step("mom.same_start", "The library's first two changes are the ones worked out above")
      .formula("w(1) - w(0) = \\Delta w(1), \\; w(2) - w(1) = \\Delta w(2)")
      .compute({"mom.run", "mom.delta1", "mom.delta2"}, [](const Inputs& in) -> Value {
        const Eigen::VectorXd& w = in.vector("mom.run");
        const double gap = std::max(std::abs(w[1] - w[0] - in.scalar("mom.delta1")), std::abs(w[2] - w[1] - in.scalar("mom.delta2")));
        return Verdict{gap <= 1e-14, fmt::format("they agree to {:.1e}", gap)};
      });
  trace.step("mom.roots", "The error e = w − w* obeys e(s+1) = (1 + α − ηk) e(s) − α e(s−1): the roots' size")
      .formula("r^2 - (1 + \\alpha - \\eta k) r + \\alpha = 0, \\quad (|r_1|, |r_2|)")
      .compute({"mom.k", "mom.eta", "mom.alpha"}, [](const Inputs& in) -> Value {
        const double p = 1.0 + in.scalar("mom.alpha") - in.scalar("mom.eta") * in.scalar("mom.k"), q = in.scalar("mom.alpha");
        const std::complex<double> root = std::sqrt(std::complex<double>(p * p - 4.0 * q, 0.0));
        return Eigen::VectorXd(Eigen::Vector2d(std::abs((p + root) / 2.0), std::abs((p - root) / 2.0)));
      });
  trace.step("mom.closed_form", "The closed form: w(s) = w* + c₁r₁ˢ + c₂r₂ˢ, with e(0) and e(1) = (1 − ηk)e(0)")
      .formula("w(s) = w^* + c_1 r_1^s + c_2 r_2^s, \\quad c_1 + c_2 = e(0), \\; c_1 r_1 + c_2 r_2 = (1 - \\eta k) e(0)")
      .compute({"mom.k", "mom.x", "mom.t", "mom.w0", "mom.eta", "mom.alpha", "mom.T"}, [](const Inputs& in) -> Value {
        using C = std::complex<double>;
        const double k = in.scalar("mom.k"), eta = in.scalar("mom.eta"), alpha = in.scalar("mom.alpha");
        const double w_star = in.scalar("mom.t") / in.scalar("mom.x"), e0 = in.scalar("mom.w0") - w_star;
        const double p = 1.0 + alpha - eta * k;
        const C root = std::sqrt(C(p * p - 4.0 * alpha, 0.0)), r1 = (p + root) / 2.0, r2 = (p - root) / 2.0;
        const C e1 = (1.0 - eta * k) * e0;
        const C c1 = (e1 - r2 * e0) / (r1 - r2), c2 = e0 - c1;  // needs r₁ ≠ r₂
        const int T = static_cast<int>(in.scalar("mom.T"));
        Eigen::VectorXd w(T + 1);
        for (int s = 0; s <= T; ++s) w[s] = w_star + (c1 * std::pow(r1, s) + c2 * std::pow(r2, s)).real();
        return w;
      });
  trace.step("mom.agree", "The library's run and the closed form agree")
      .formula("\\max_s |w_{Sgd}(s) - w_{closed}(s)|")
      .compute({"mom.run", "mom.closed_form", "mom.w0", "mom.t", "mom.x"}, [](const Inputs& in) -> Value {
        const double gap = (in.vector("mom.run") - in.vector("mom.closed_form")).cwiseAbs().maxCoeff();
        const double scale = std::abs(in.scalar("mom.w0") - in.scalar("mom.t") / in.scalar("mom.x")) + 1.0;
        return Verdict{gap <= 1e-12 * scale, fmt::format("largest gap {:.1e}", gap)};
      });
  //! [momentum]
  trace.step("mom.plain", "Without momentum: w(s) = w* + (1 − ηk)ˢ e(0), by the library")
      .formula("w(s) = w^* + (1 - \\eta k)^s (w(0) - w^*)")
      .compute(quad, [quadratic_run](const Inputs& in) -> Value { return quadratic_run(in, 0.0); });
  trace.step("mom.rates", "Error shrinks per step: |1 − ηk| without momentum, max |rᵢ| with it")
      .formula("(|1 - \\eta k|, \\; \\max_i |r_i|)")
      .compute({"mom.k", "mom.eta", "mom.roots"}, [](const Inputs& in) -> Value {
        return Eigen::VectorXd(Eigen::Vector2d(std::abs(1.0 - in.scalar("mom.eta") * in.scalar("mom.k")),
                                               in.vector("mom.roots").maxCoeff()));
      });
}

// L2 regularisation with the bias left out, and the sign of BMB's regularised update.
void l2_regularisation(Trace& trace) {
  trace.section("L2 regularisation with the bias left out (BMB \"Neural Networks Cost Function\", \"Weight Update\")");
  // A 2-2-1 network of its own (tanh, linear output) on the task's data, so that checking these
  // gradients does not train the networks above again.
  const std::vector<std::string> l2_net = {"data.X", "data.t", "l2.W1", "l2.b1", "l2.W2", "l2.b2"};
  const auto l2_network = [](const Inputs& in) {
    return Mlp({{in.matrix("l2.W1"), in.vector("l2.b1"), Activation::tanh()},
                {in.matrix("l2.W2"), in.vector("l2.b2"), Activation::identity()}});
  };
  //! [l2_regularisation]
  // ∂E/∂W_l and ∂E/∂b_l of the data error alone, by the library's backward pass.
  const auto data_gradients = [l2_network](const Inputs& in) {
    const Mlp net = l2_network(in);
    const ForwardPass pass = net.forward(in.matrix("data.X"));
    return net.backward(pass, pass.output() - in.matrix("data.t"));  // ∂E/∂y = y − t
  };
  trace.step("l2.E", "The data error of this network")
      .formula("E = \\frac{1}{2} \\sum_n (y_n - t_n)^2")
      .compute(l2_net, [l2_network](const Inputs& in) -> Value {
        return dataset_loss(l2_network(in), Loss::half_squared_error, in.matrix("data.X"), in.matrix("data.t"));
      });
  trace.step("l2.penalty", "The penalty sums the squared weights of every layer, no biases")
      .formula("\\frac{\\lambda}{2} \\sum_l \\lVert W_l \\rVert^2 = \\frac{\\lambda}{2} \\left( \\lVert W_1 \\rVert^2 + \\lVert W_2 \\rVert^2 \\right)")
      .compute({"l2.W1", "l2.W2", "l2.lambda"}, [](const Inputs& in) -> Value {
        return 0.5 * in.scalar("l2.lambda") * (in.matrix("l2.W1").squaredNorm() + in.matrix("l2.W2").squaredNorm());
      });
  trace.step("l2.J", "The regularised error")
      .formula("J = E + \\frac{\\lambda}{2} \\sum_l \\lVert W_l \\rVert^2")
      .numbers("[[l2.E]] + [[l2.penalty]]")
      .compute({"l2.E", "l2.penalty"}, [](const Inputs& in) -> Value { return in.scalar("l2.E") + in.scalar("l2.penalty"); });
  trace.step("l2.grad_W1", "Its gradient for the weights gains λW")
      .formula("\\frac{\\partial J}{\\partial W_1} = \\frac{\\partial E}{\\partial W_1} + \\lambda W_1")
      .compute(with(l2_net, {"l2.lambda"}), [data_gradients](const Inputs& in) -> Value {
        return Eigen::MatrixXd(data_gradients(in).weight_gradients[0] + in.scalar("l2.lambda") * in.matrix("l2.W1"));
      });
  trace.claim_gradient("l2.grad_W1", "l2.J", "l2.W1");
  trace.step("l2.grad_b1", "Its gradient for the biases is E's alone")
      .formula("\\frac{\\partial J}{\\partial b_1} = \\frac{\\partial E}{\\partial b_1}")
      .compute(l2_net, [data_gradients](const Inputs& in) -> Value { return data_gradients(in).bias_gradients[0]; });
  trace.claim_gradient("l2.grad_b1", "l2.J", "l2.b1");
  //! [l2_regularisation]
  // One batch update with λ and one without, from the same weights, by the library's Sgd.
  const auto one_update = [l2_network](const Inputs& in, double lambda) {
    Mlp net = l2_network(in);
    Sgd sgd(net, {.learning_rate = in.scalar("present.eta"), .l2 = lambda, .loss = Loss::half_squared_error});
    sgd.step(in.matrix("data.X"), in.matrix("data.t"));
    return net;
  };
  const auto update_inputs = with(l2_net, {"l2.lambda", "present.eta"});
  trace.step("l2.decay", "One update with λ is weight decay: W₁ ← (1 − ηλ)W₁ − η ∂E/∂W₁")
      .formula("W_1 - \\eta \\left(\\frac{\\partial E}{\\partial W_1} + \\lambda W_1\\right) = (1 - \\eta\\lambda) W_1 - \\eta \\frac{\\partial E}{\\partial W_1}")
      .compute(update_inputs, [one_update, data_gradients](const Inputs& in) -> Value {
        const Mlp net = one_update(in, in.scalar("l2.lambda"));
        const double eta = in.scalar("present.eta"), lambda = in.scalar("l2.lambda");
        const Eigen::MatrixXd decayed = (1.0 - eta * lambda) * in.matrix("l2.W1") - eta * data_gradients(in).weight_gradients[0];
        const double gap = (net.layers()[0].weights - decayed).cwiseAbs().maxCoeff();
        return Verdict{gap <= 1e-14, fmt::format("the library's W₁ after one update and (1 − ηλ)W₁ − η∂E/∂W₁ differ by {:.1e}", gap)};
      });
  trace.step("l2.bias_alone", "… and leaves the biases' update as it was without λ")
      .formula("b_l - \\eta \\frac{\\partial E}{\\partial b_l} \\text{ for every } \\lambda")
      .compute(update_inputs, [one_update](const Inputs& in) -> Value {
        const Mlp with_l2 = one_update(in, in.scalar("l2.lambda")), without = one_update(in, 0.0);
        const bool same = with_l2.layers()[0].bias == without.layers()[0].bias && with_l2.layers()[1].bias == without.layers()[1].bias;
        return Verdict{same, same ? "b₁ and b₂ after the update are the same, bit for bit, with and without λ"
                                  : "the biases moved differently with λ"};
      });
  trace.step("l2.bmb_sign", "BMB's printed update Δ := ηΔ + α(aδ + λW), W := W + Δ: the sign of λW")
      .formula("a\\delta = -\\frac{\\partial E}{\\partial W} \\Rightarrow \\alpha(a\\delta + \\lambda W) = -\\alpha \\frac{\\partial}{\\partial W}\\left(E - \\frac{\\lambda}{2}\\lVert W \\rVert^2\\right); "
               "\\text{descent on } J \\text{ needs } \\alpha(a\\delta - \\lambda W)")
      .compute(with(l2_net, {"l2.lambda", "l2.grad_W1"}), [data_gradients](const Inputs& in) -> Value {
        // BMB's δ = (y − a)g' is −∂E/∂z, so BMB's a_j δ_i is −∂E/∂W_ij (here from the library's gradient).
        const Eigen::MatrixXd a_delta = -data_gradients(in).weight_gradients[0];
        const Eigen::MatrixXd& W = in.matrix("l2.W1");
        const double lambda = in.scalar("l2.lambda");
        const Eigen::MatrixXd printed = a_delta + lambda * W;    // per unit α, the slide's Δ (with η = 0)
        const Eigen::MatrixXd corrected = a_delta - lambda * W;  // −∂J/∂W
        const double to_descent = (corrected + in.matrix("l2.grad_W1")).cwiseAbs().maxCoeff();
        const double printed_off = (printed + in.matrix("l2.grad_W1")).cwiseAbs().maxCoeff();
        return Verdict{to_descent <= 1e-15 && printed_off > 1e-6,
                       fmt::format("aδ − λW is −∂J/∂W (gap {:.1e}); the printed aδ + λW is off it by {:.3g} (= 2λ max|W|): with "
                                   "+λW each update grows the weights by αλW instead of shrinking them",
                                   to_descent, printed_off)};
      });
}

// CTU's stopping conditions: E < E_min, |Δw| < Δ_min, early stopping, maximum epochs.
void stopping_conditions(Trace& trace) {
  trace.section("Stopping conditions (CTU): E < E_min, |Δw| < Δ_min, early stopping, maximum epochs");
  trace.step("stop.E_min", "The threshold E_min, a share ρ of the starting error")
      .formula("E_{min} = \\rho \\, E(0)")
      .numbers("[[stop.E_fraction]] \\cdot [[present.E0]]")
      .compute({"stop.E_fraction", "present.E0"}, [](const Inputs& in) -> Value { return in.scalar("stop.E_fraction") * in.scalar("present.E0"); });
  // Mini-batch training of the task under one set of rules: how many epochs, and why it stopped.
  struct Stop {
    TrainingHistory history;
    Mlp net;
  };
  const auto stopped = [](const Inputs& in, const StoppingRules& rules) {
    Stop s{{}, task_network(in)};
    Sgd sgd(s.net, {.learning_rate = in.scalar("present.eta"),
                    .batch_size = static_cast<Eigen::Index>(in.scalar("present.B")),
                    .loss = Loss::half_squared_error});
    Rng shuffle(static_cast<std::uint64_t>(in.scalar("present.shuffle_seed")));
    s.history = sgd.train(in.matrix("data.X"), in.matrix("data.t"), shuffle, rules, in.matrix("val.X"), in.matrix("val.t"));
    return s;
  };
  const auto stop_inputs = with(task_inputs, {"val.X", "val.t", "present.eta", "present.B", "present.shuffle_seed", "stop.max_epochs"});
  const auto rules_from = [](const Inputs& in) {
    StoppingRules rules;
    rules.max_epochs = static_cast<int>(in.scalar("stop.max_epochs"));
    return rules;
  };
  const auto verdict_of = [](const TrainingHistory& h) {
    return Verdict{h.reason != StopReason::max_epochs,
                   fmt::format("stopped after {} epochs: {}; E = {:.4g}", h.epochs, describe(h.reason), h.losses.back())};
  };
  //! [stopping_conditions]
  trace.step("stop.by_error", "Stop when the training error drops below E_min")
      .formula("E(\\text{epoch}) < E_{min}")
      .compute(with(stop_inputs, {"stop.E_min"}), memoised(with(stop_inputs, {"stop.E_min"}), [=](const Inputs& in) -> Value {
        StoppingRules rules = rules_from(in);
        rules.loss_below = in.scalar("stop.E_min");
        return verdict_of(stopped(in, rules).history);
      }));
  trace.step("stop.by_step", "Stop when the weight updates become very small")
      .formula("\\max |\\Delta w| \\text{ over an epoch} < \\Delta_{min}")
      .compute(with(stop_inputs, {"stop.delta_min"}), memoised(with(stop_inputs, {"stop.delta_min"}), [=](const Inputs& in) -> Value {
        StoppingRules rules = rules_from(in);
        rules.step_below = in.scalar("stop.delta_min");
        return verdict_of(stopped(in, rules).history);
      }));
  trace.step("stop.early", "Stop when the validation error stops decreasing (early stopping), keeping its best weights")
      .formula("E_{val} \\text{ has no new low for } p \\text{ epochs}")
      .compute(with(stop_inputs, {"stop.patience"}), memoised(with(stop_inputs, {"stop.patience"}), [=](const Inputs& in) -> Value {
        StoppingRules rules = rules_from(in);
        rules.patience = static_cast<int>(in.scalar("stop.patience"));
        const TrainingHistory h = stopped(in, rules).history;
        Verdict v = verdict_of(h);
        v.text += fmt::format("; the lowest validation error, {:.4g}, was at epoch {}, whose weights are kept",
                              h.validation_losses[static_cast<std::size_t>(h.best_epoch)], h.best_epoch);
        return v;
      }));
  //! [stopping_conditions]
  trace.step("stop.curves", "The early-stopping run: training and validation error per epoch (rows)")
      .formula("\\begin{bmatrix} E(0) & E(1) & \\cdots \\\\ E_{val}(0) & E_{val}(1) & \\cdots \\end{bmatrix}")
      .compute(with(stop_inputs, {"stop.patience"}), memoised(with(stop_inputs, {"stop.patience"}), [=](const Inputs& in) -> Value {
        StoppingRules rules = rules_from(in);
        rules.patience = static_cast<int>(in.scalar("stop.patience"));
        const TrainingHistory h = stopped(in, rules).history;
        Eigen::MatrixXd curves(2, static_cast<Eigen::Index>(h.losses.size()));
        curves.row(0) = as_vector(h.losses).transpose();
        curves.row(1) = as_vector(h.validation_losses).transpose();
        return curves;
      }));
}

// The figures: BMB's loss, the four strategies, momentum, early stopping.
void draw_figures(Trace& trace, const BmbSize& size) {
  {
    const std::vector<double> losses = as_std(std::get<Eigen::VectorXd>(trace.value("bmb.losses")));
    Plot plot;
    plot.x_label = "iteration t";
    plot.y_label = "loss Σ(y_pred − y)²";
    plot.curves.push_back({.title = "BMB's loop on the library", .x = zero_to(static_cast<Eigen::Index>(losses.size())), .y = losses});
    plot.x_range = AxisRange{0.0, static_cast<double>(losses.size() - 1)};
    plot.y_range = fitted(losses);
    trace.figure({"bmb_loss", fmt::format("BMB's training loop: the loss per iteration (N = {}, {}-{}-{}, {} iterations)",
                                          size.N, size.D_in, size.H, size.D_out, size.iterations),
                  plot});
  }
  {
    Plot plot;
    plot.x_label = "epoch";
    plot.y_label = "E = ½ Σ (y − t)²";
    std::vector<double> all;
    for (const auto& [id, title] : std::vector<std::pair<std::string, std::string>>{
             {"present.online", "online (B = 1)"}, {"present.batch", "batch (B = N)"},
             {"present.minibatch", "mini-batch"}, {"present.momentum", "mini-batch with momentum"}}) {
      const std::vector<double> ys = as_std(std::get<Eigen::VectorXd>(trace.value(id)));
      all.insert(all.end(), ys.begin(), ys.end());
      plot.curves.push_back({.title = title, .x = zero_to(static_cast<Eigen::Index>(ys.size())), .y = ys});
    }
    plot.x_range = AxisRange{0.0, static_cast<double>(plot.curves.front().x.size() - 1)};
    plot.y_range = fitted(all);
    trace.figure({"strategies", "Online, batch, mini-batch and momentum on the same task: E after each epoch", plot});
  }
  {
    Plot plot;
    plot.x_label = "update s";
    plot.y_label = "w(s)";
    const std::vector<double> with_momentum = as_std(std::get<Eigen::VectorXd>(trace.value("mom.run")));
    const std::vector<double> closed = as_std(std::get<Eigen::VectorXd>(trace.value("mom.closed_form")));
    const std::vector<double> plain = as_std(std::get<Eigen::VectorXd>(trace.value("mom.plain")));
    const std::vector<double> s = zero_to(static_cast<Eigen::Index>(plain.size()));
    plot.curves.push_back({.title = "with momentum (Sgd)", .x = s, .y = with_momentum});
    plot.curves.push_back({.title = "closed form", .x = s, .y = closed, .style = Curve::Style::points});
    plot.curves.push_back({.title = "without momentum", .x = s, .y = plain});
    trace.figure({"momentum", "Momentum on the quadratic E = ½(wx − t)²: the weight per update", plot});
  }
  {
    const Eigen::MatrixXd& curves = std::get<Eigen::MatrixXd>(trace.value("stop.curves"));
    const std::vector<double> train = as_std(curves.row(0).transpose()), validation = as_std(curves.row(1).transpose());
    Plot plot;
    plot.x_label = "epoch";
    plot.y_label = "E";
    plot.curves.push_back({.title = "training", .x = zero_to(curves.cols()), .y = train});
    plot.curves.push_back({.title = "validation", .x = zero_to(curves.cols()), .y = validation});
    trace.figure({"early_stopping", "Early stopping: training and validation error until the validation error stops falling", plot});
  }
}

}  // namespace training_parts

// The chapter: its sections in reading order.
Trace training(const ChapterOptions& options) {
  using namespace training_parts;
  const BmbSize size = options.full_size ? slide_size : reduced_size;
  Trace trace = introduce(options, size);
  draw_parameters(trace, options, size);
  bmb_training_loop(trace, size, options.full_size);
  presenting_samples(trace);
  momentum_on_a_quadratic(trace);
  l2_regularisation(trace);
  stopping_conditions(trace);
  draw_figures(trace, size);
  return trace;
}


}  // namespace nnwb::chapters
