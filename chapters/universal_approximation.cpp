// Chapter 20, universal_approximation: a two-layer network with 3 tanh hidden units and a linear
// output, fitted to N = 50 points drawn uniformly in (−1, 1) from x², sin(x), |x| and the Heaviside
// step H(x).
// Lecture: PD 003_b5a9c74466967a6d.txt
//   "Universal approximation capability [Cybenko89]" (first slide): the figure taken from Bishop's
//     PRML (Fig. 5.3): "(a) f(x) = x², (b) f(x) = sin(x), (c) f(x) = |x|, and (d) f(x) = H(x) …
//     N = 50 data points … sampled uniformly in x over the interval (−1, 1) … a two-layer network
//     having 3 hidden units with 'tanh' activation functions and linear output units. The resulting
//     network functions are shown by the red curves, and the outputs of the three hidden units are
//     shown by the three dashed curves." The slide prints no numbers: the points and the weights
//     are ours (data seed 1989, Cybenko's year, by default).
//   "Universal approximation capability [Cybenko89]" (second slide): "a single hidden layer
//     suffices" for any degree of accuracy — here with only 3 units.
//   "Error & output functions: regression": E(w) = ½ Σ_n ‖y(x_n, w) − t_n‖², linear output y = c.
//   "Step 2 – error gradient (1/2)": ∂E/∂w = Σ_n ∂E_n/∂w.
// EDI 000_7637ffcd816b0303.txt "Recap: Ability of neural networks" and CTU 002_ddd62baf13f113f4.txt
// "Universal Approximation Theorem (Cybenko, 1989; Hornik et al., 1989)" state the theorem.
//
// The fit: the slide does not say how the network was trained. Gradient descent alone needs many
// thousands of epochs here, so we minimise E by Levenberg–Marquardt (nnwb/levenberg_marquardt.hpp),
// with the Jacobian ∂y_n/∂θ from the library's backward pass (nnwb/mlp_parameters.hpp), from three
// seeded starts, keeping the run with the smallest E. For x² and H, E has no minimiser with 3 tanh
// units: its infimum is 0, approached only as weights grow without bound (x² is the limit of
// v(tanh(b + wx) + tanh(b − wx)) − 2v tanh(b) = v tanh''(b) w²x² + O(w⁴) as w → 0 with v·w² fixed;
// H is the limit of (1 + tanh(wx))/2 as w → ∞), and sin behaves alike in our runs (E keeps falling
// while the weights grow). The fit is where LM stops (after at most max_iterations steps per start);
// its gradient is then small beside the gradient at the start, not 0. For |x| LM converges.
//
// The figures, one per panel: the data as points, the fit y(x), and the three hidden units' outputs
// z_j(x), unweighted as the slide draws them (its dashed curves): they stay in (−1, 1), while the
// weighted outputs w⁽²⁾_1j z_j(x) can reach ±20 (H's fits) and would hide the fit. The
// output as the sum of the weighted outputs plus the bias is a step of the trace instead.
//
// Shapes (one legend for the file): x, t, y: (N) = (50); X: (1, N), the inputs as the Mlp takes them;
// θ: (P) = (10) = (w⁽¹⁾₁₁, w⁽¹⁾₂₁, w⁽¹⁾₃₁, w⁽¹⁾₁₀, w⁽¹⁾₂₀, w⁽¹⁾₃₀, w⁽²⁾₁₁, w⁽²⁾₁₂, w⁽²⁾₁₃, w⁽²⁾₁₀);
// starts: (P, 3), one start per column; z(x): (3), the hidden units' outputs; J: (N, P).
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "chapters.hpp"
#include "nnwb/activations.hpp"
#include "nnwb/detail/bit_cast.hpp"
#include "nnwb/gradient_check.hpp"
#include "nnwb/levenberg_marquardt.hpp"
#include "nnwb/mlp.hpp"
#include "nnwb/mlp_parameters.hpp"
#include "nnwb/random.hpp"

namespace nnwb::chapters {
namespace universal_approximation_parts {  // the chapter's sections and what they share

constexpr int sample_count = 50;         // N, as on the slide
constexpr int hidden_units = 3;          // as on the slide
constexpr int start_count = 3;           // seeded starts of Levenberg–Marquardt per target
constexpr int max_iterations = 200;      // LM steps per start
constexpr std::uint64_t default_seed = 1989;  // Cybenko's year: the default data and starts
constexpr double stationary_ratio = 1e-3;     // "≈ 0": ‖∇E(θ*)‖∞ ≤ this × ‖∇E(θ₀)‖∞
constexpr int grid_points = 201;              // where the figures draw the curves

// The four functions of the slide's panels (a)–(d).
struct Target {
  const char* id;          // step ids
  const char* name;        // words
  const char* formula;     // LaTeX, f(x)
  const char* at_point;    // LaTeX, f(x_n)
  const char* plain;       // plain text, for figures
  double (*f)(double);
};
double square(double x) { return x * x; }
double sine(double x) { return std::sin(x); }
double absolute(double x) { return std::abs(x); }
double heaviside(double x) { return step(x); }  // H(x) = 1 for x > 0, 0 for x < 0
const std::array<Target, 4> targets = {{{"square", "x squared", "x^2", "x_n^2", "x²", square},
                                        {"sine", "the sine", "\\sin(x)", "\\sin(x_n)", "sin(x)", sine},
                                        {"abs", "the absolute value", "|x|", "|x_n|", "|x|", absolute},
                                        {"step", "the Heaviside step", "H(x)", "H(x_n)", "H(x)", heaviside}}};

// The network's shape: 1 input → 3 tanh units → 1 linear output (all weights 0, for its shape).
Mlp network_shape() {
  return Mlp({{Eigen::MatrixXd::Zero(hidden_units, 1), Eigen::VectorXd::Zero(hidden_units), Activation::tanh()},
              {Eigen::MatrixXd::Zero(1, hidden_units), Eigen::VectorXd::Zero(1), Activation::identity()}});
}

// The network with weights θ. θ: (P)
Mlp network(const Eigen::VectorXd& theta) { return with_parameters(network_shape(), theta); }

// The inputs as one batch for the Mlp. x: (N) → X: (1, N)
Eigen::MatrixXd as_batch(const Eigen::VectorXd& x) { return x.transpose(); }

// y(x_n, θ) for every n. → (N)
Eigen::VectorXd outputs(const Eigen::VectorXd& theta, const Eigen::VectorXd& x) {
  return network(theta).predict(as_batch(x)).row(0).transpose();
}

// E(θ) = ½ Σ_n (y(x_n, θ) − t_n)², with y written out from θ (not through the Mlp): central
// differences of this E check the library's backpropagation against an independent route, and cost
// no allocation (the tests recompute the trace hundreds of times).
double error(const Eigen::VectorXd& theta, const Eigen::VectorXd& x, const Eigen::VectorXd& t) {
  double sum = 0;
  for (Eigen::Index n = 0; n < x.size(); ++n) {
    double y = theta[3 * hidden_units];  // w⁽²⁾_10
    for (int j = 0; j < hidden_units; ++j)
      y += theta[2 * hidden_units + j] * nnwb::tanh(theta[j] * x[n] + theta[hidden_units + j]);  // w⁽²⁾_1j z_j
    sum += (y - t[n]) * (y - t[n]);
  }
  return 0.5 * sum;
}

// ∇E(θ) by backpropagation: ∂E/∂y_n = y_n − t_n at the output, then the delta recursion.
Eigen::VectorXd error_gradient(const Eigen::VectorXd& theta, const Eigen::VectorXd& x, const Eigen::VectorXd& t) {
  const Mlp net = network(theta);
  const ForwardPass forward = net.forward(as_batch(x));
  const Eigen::MatrixXd residual = forward.output() - t.transpose();  // ∂E/∂y: (1, N)
  return gradient_vector(net.backward(forward, residual));
}

// The residuals r_n = y_n − t_n and their Jacobian ∂y_n/∂θ, for Levenberg–Marquardt.
Linearisation linearise(const Eigen::VectorXd& theta, const Eigen::VectorXd& x, const Eigen::VectorXd& t) {
  const Mlp net = network(theta);
  const Eigen::MatrixXd inputs = as_batch(x);  // X: (1, N)
  return {net.predict(inputs).row(0).transpose() - t, output_jacobian(net, inputs)};
}

// What LM reached from each start: θ (P, 3) and E (3).
struct Runs {
  Eigen::MatrixXd thetas;
  Eigen::VectorXd errors;
};

// Levenberg–Marquardt from each start, without memory.
Runs fit_from_starts(const Eigen::VectorXd& x, const Eigen::VectorXd& t, const Eigen::MatrixXd& starts) {
  Runs runs{Eigen::MatrixXd(starts.rows(), starts.cols()), Eigen::VectorXd(starts.cols())};
  LevenbergMarquardtOptions options;
  options.max_iterations = max_iterations;
  for (Eigen::Index s = 0; s < starts.cols(); ++s) {
    const LevenbergMarquardtResult run =
        levenberg_marquardt([&](const Eigen::VectorXd& theta) { return linearise(theta, x, t); }, starts.col(s), options);
    runs.thetas.col(s) = run.theta;
    runs.errors[s] = run.error;
  }
  return runs;
}

// The same, remembered by its inputs: tests rebuild and recompute the trace many times (central
// differences recompute every step for each perturbed weight), and the fits are the only costly
// steps. The key is the inputs' bits, so a remembered result is exactly what the fit would give.
Runs fit(const Eigen::VectorXd& x, const Eigen::VectorXd& t, const Eigen::MatrixXd& starts) {
  static std::mutex guard;
  static std::map<std::vector<std::uint64_t>, Runs> memory;
  std::vector<std::uint64_t> key;
  for (const auto* values : {&x, &t})
    for (double v : *values) key.push_back(detail::bit_cast<std::uint64_t>(v));
  for (double v : starts.reshaped()) key.push_back(detail::bit_cast<std::uint64_t>(v));
  {
    const std::lock_guard lock(guard);
    if (const auto it = memory.find(key); it != memory.end()) return it->second;
  }
  Runs runs = fit_from_starts(x, t, starts);
  const std::lock_guard lock(guard);
  if (memory.size() >= 256) memory.clear();  // a bound, for long-running callers
  memory.emplace(std::move(key), runs);
  return runs;
}

Eigen::Index best_run(const Eigen::VectorXd& errors) {
  Eigen::Index best = 0;
  errors.minCoeff(&best);
  return best;
}

// The hidden units' outputs z_j(x) = tanh(w⁽¹⁾_j1 x + w⁽¹⁾_j0), written out from θ. → (3)
Eigen::VectorXd hidden_outputs(const Eigen::VectorXd& theta, double x) {
  Eigen::VectorXd z(hidden_units);
  for (int j = 0; j < hidden_units; ++j) z[j] = nnwb::tanh(theta[j] * x + theta[hidden_units + j]);
  return z;
}

// One draw of the data and the starts.
struct Setting {
  Eigen::VectorXd x;       // (N), uniform in (−1, 1)
  Eigen::MatrixXd starts;  // (P, 3)
};

Setting drawn_setting(std::uint64_t seed) {
  Rng rng(seed);
  Setting s{Eigen::VectorXd(sample_count), Eigen::MatrixXd(2 * hidden_units + hidden_units + 1, start_count)};
  for (double& xn : s.x) {
    // uniform() draws from [−1, 1): draw again on −1 (outside the open interval) and on 0 (where
    // H is a matter of convention). Either has probability 2⁻⁵³.
    do xn = rng.uniform(-1.0, 1.0);
    while (xn == -1.0 || xn == 0.0);
  }
  for (Eigen::Index run = 0; run < start_count; ++run) {
    // Hidden slopes up to 3 put each unit's bend, at x = −w_j0/w_j1, anywhere in or near (−1, 1).
    for (int j = 0; j < hidden_units; ++j) s.starts(j, run) = rng.uniform(-3.0, 3.0);                     // w⁽¹⁾_j1
    for (int j = 0; j < hidden_units; ++j) s.starts(hidden_units + j, run) = rng.uniform(-1.0, 1.0);      // w⁽¹⁾_j0
    for (int j = 0; j < hidden_units; ++j) s.starts(2 * hidden_units + j, run) = rng.uniform(-1.0, 1.0);  // w⁽²⁾_1j
    s.starts(3 * hidden_units, run) = rng.uniform(-0.5, 0.5);                                            // w⁽²⁾_10
  }
  return s;
}

// The figure of one target: the data as points, the network's y(x), and the three hidden units.
Figure fit_figure(const Target& target, const Eigen::VectorXd& x, const Eigen::VectorXd& t, const Eigen::VectorXd& theta) {
  Plot plot;
  plot.x_label = "x";
  plot.y_label = "y";
  plot.curves.push_back({.title = fmt::format("data t = {}", target.plain), .x = {x.begin(), x.end()},
                         .y = {t.begin(), t.end()}, .style = Curve::Style::points});
  std::vector<double> grid(grid_points);
  for (int i = 0; i < grid_points; ++i) grid[i] = -1.0 + 2.0 * i / (grid_points - 1);
  const Eigen::VectorXd at = Eigen::Map<const Eigen::VectorXd>(grid.data(), grid_points);
  const Eigen::VectorXd y = outputs(theta, at);
  plot.curves.push_back({.title = "network y(x)", .x = grid, .y = {y.begin(), y.end()}, .style = Curve::Style::lines});
  for (int j = 0; j < hidden_units; ++j) {
    Curve unit{.title = fmt::format("hidden unit {} z{}(x)", j + 1, j + 1), .x = grid, .y = {}, .style = Curve::Style::lines};
    for (double g : grid) unit.y.push_back(hidden_outputs(theta, g)[j]);
    plot.curves.push_back(std::move(unit));
  }
  // The y range holds the data and the hidden units (in (−1, 1)), not the whole fit: where no point
  // constrains it (the gap around H's jump), the fit may swing far out, and the caption says so.
  double low = -1.1, high = 1.1;
  for (const std::size_t c : {std::size_t{0}, std::size_t{2}, std::size_t{3}, std::size_t{4}})
    for (double v : plot.curves[c].y) low = std::min(low, v - 0.05), high = std::max(high, v + 0.05);
  plot.x_range = AxisRange{-1.0, 1.0};
  plot.y_range = AxisRange{low, high};
  const double fit_low = y.minCoeff(), fit_high = y.maxCoeff();
  const std::string outside =
      fit_low < low || fit_high > high
          ? fmt::format("; between points the fit leaves the plot (range {:.3g} to {:.3g})", fit_low, fit_high)
          : "";
  return {fmt::format("fit_{}", target.id),
          fmt::format("{}: data, the fit y(x) and the hidden units z1, z2, z3{}",
                      target.plain, outside),
          plot};
}

// ---- the sections, in reading order --------------------------------------------------------------

// The data.
void the_data(Trace& trace) {
  trace.section("The data: N = 50 points uniform in (−1, 1), and their targets");
  trace.step("data.range", "The smallest and the largest input, inside (−1, 1)")
      .formula("(\\min_n x_n, \\max_n x_n)")
      .compute({"x"}, [](const Inputs& in) -> Value {
        const Eigen::VectorXd& x = in.vector("x");
        return Eigen::VectorXd(Eigen::Vector2d(x.minCoeff(), x.maxCoeff()));
      });
  for (const Target& target : targets) {
    trace.step(fmt::format("data.{}", target.id), fmt::format("The targets of {}: $t_n = {}$", target.name, target.at_point))
        .formula(fmt::format("t_n = {}", target.at_point))
        .compute({"x"}, [f = target.f](const Inputs& in) -> Value { return Eigen::VectorXd(in.vector("x").unaryExpr(f)); });
  }
}

// The network.
void the_network(Trace& trace) {
  trace.section("The network: 1 input, 3 tanh hidden units, 1 linear output");
  //! [the_network]
  trace.step("net.weights", "The number of weights: $3 \\cdot (1 + 1)$ into the hidden units, $3 + 1$ into the output")
      .formula("P = 3 \\cdot (1 + 1) + (3 + 1)")
      .compute({"starts"}, [](const Inputs& in) -> Value {
        const double p = static_cast<double>(parameter_count(network_shape()));  // Σ_l out_l (in_l + 1)
        return Verdict{static_cast<double>(in.matrix("starts").rows()) == p,
                       fmt::format("P = {} weights, one row of the starts each", p)};
      });
  //! [the_network]
}

// One fit per target.
void one_fit_per_target(Trace& trace) {
  for (const Target& target : targets) {
    const std::string id = target.id, data = "data." + id, p = "fit." + id + ".";
    trace.section(fmt::format("The fit to $t = {}$", target.formula));

    // Levenberg–Marquardt from each start
    //! [the_fit]
    trace.step(p + "runs", "Levenberg–Marquardt from each start: the error each run reaches")
        .formula("E(\\theta^{(s)}),\\ s = 1, 2, 3, \\text{ where each step solves } (J^\\top J + \\mu I)\\Delta = -J^\\top r")
        .compute({"x", data, "starts"}, [data](const Inputs& in) -> Value {
          return fit(in.vector("x"), in.vector(data), in.matrix("starts")).errors;  // (3)
        });
    // The fit: the run with the smallest error
    trace.step(p + "w", "The fit: the run with the smallest error, $\\theta^*$")
        .formula("\\theta^* = \\theta^{(s^*)},\\quad s^* = \\arg\\min_s E(\\theta^{(s)})")
        .compute({"x", data, "starts"}, [data](const Inputs& in) -> Value {
          const Runs runs = fit(in.vector("x"), in.vector(data), in.matrix("starts"));
          return Eigen::VectorXd(runs.thetas.col(best_run(runs.errors)));  // θ*: (P)
        });
    trace.step(p + "units", "The hidden units' weights: one row per unit, $(w^{(1)}_{j1}, w^{(1)}_{j0}, w^{(2)}_{1j})$")
        .formula("\\begin{bmatrix} w^{(1)}_{j1} & w^{(1)}_{j0} & w^{(2)}_{1j} \\end{bmatrix}_{j = 1, 2, 3}")
        .compute({p + "w"}, [p](const Inputs& in) -> Value {
          const Eigen::VectorXd& theta = in.vector(p + "w");
          Eigen::MatrixXd units(hidden_units, 3);  // (3, 3)
          for (int j = 0; j < hidden_units; ++j)
            units.row(j) << theta[j], theta[hidden_units + j], theta[2 * hidden_units + j];
          return units;
        });
    trace.step(p + "bias", "The output's bias $w^{(2)}_{10}$")
        .formula("w^{(2)}_{10}")
        .compute({p + "w"}, [p](const Inputs& in) -> Value { return in.vector(p + "w")[3 * hidden_units]; });
    //! [the_fit]

    // The network's outputs at the data, and how far they are from the targets
    trace.step(p + "y", "The network's outputs at the data, $y(x_n)$")
        .formula("y(x_n) = \\sum_{j=1}^{3} w^{(2)}_{1j} \\tanh(w^{(1)}_{j1} x_n + w^{(1)}_{j0}) + w^{(2)}_{10}")
        .compute({"x", p + "w"}, [p](const Inputs& in) -> Value { return outputs(in.vector(p + "w"), in.vector("x")); });
    trace.step(p + "E", "The sum-of-squares error $E(\\theta^*)$")
        .formula("E(\\theta^*) = \\frac{1}{2} \\sum_{n=1}^{N} (y(x_n) - t_n)^2")
        .compute({p + "y", data}, [p, data](const Inputs& in) -> Value {
          return 0.5 * (in.vector(p + "y") - in.vector(data)).squaredNorm();  // ½ Σ (y − t)²
        });
    trace.step(p + "rms", "The RMS error")
        .formula("\\sqrt{\\frac{1}{N} \\sum_{n=1}^{N} (y(x_n) - t_n)^2} = \\sqrt{2E/N}")
        .numbers("\\sqrt{2 \\cdot [[" + p + "E]] / 50}")
        .compute({p + "E", "x"}, [p](const Inputs& in) -> Value {
          return std::sqrt(2.0 * in.scalar(p + "E") / static_cast<double>(in.vector("x").size()));
        });
    trace.step(p + "max_error", "The largest error at a data point")
        .formula("\\max_n |y(x_n) - t_n|")
        .compute({p + "y", data}, [p, data](const Inputs& in) -> Value {
          return (in.vector(p + "y") - in.vector(data)).cwiseAbs().maxCoeff();
        });

    // The gradient at the fit: ≈ 0
    //! [gradient_at_the_fit]
    trace.step(p + "grad_start", "The gradient's size at the winning run's start, $\\|\\nabla E(\\theta_0)\\|_\\infty$")
        .formula("\\|\\nabla E(\\theta_0)\\|_\\infty,\\quad \\theta_0 = \\theta^{(s^*)}_0")
        .compute({"x", data, "starts", p + "runs"}, [p, data](const Inputs& in) -> Value {
          const Eigen::VectorXd start = in.matrix("starts").col(best_run(in.vector(p + "runs")));
          return error_gradient(start, in.vector("x"), in.vector(data)).lpNorm<Eigen::Infinity>();
        });
    trace.step(p + "grad", "The gradient at the fit by backpropagation, $\\nabla E(\\theta^*) = \\sum_n \\nabla E_n$")
        .formula("\\frac{\\partial E}{\\partial \\theta} = \\sum_{n=1}^{N} \\frac{\\partial E_n}{\\partial \\theta} = "
                 "\\sum_{n=1}^{N} (y(x_n) - t_n) \\frac{\\partial y(x_n)}{\\partial \\theta}")
        .compute({"x", data, p + "w"}, [p, data](const Inputs& in) -> Value {
          return error_gradient(in.vector(p + "w"), in.vector("x"), in.vector(data));  // (P)
        });
    trace.step(p + "grad_fd", "The gradient at the fit by central differences of E, written out from θ")
        .formula("\\frac{\\partial E}{\\partial \\theta_i} \\approx \\frac{E(\\theta^* + \\varepsilon e_i) - E(\\theta^* - "
                 "\\varepsilon e_i)}{2\\varepsilon},\\quad \\varepsilon = 10^{-5}")
        .compute({"x", data, p + "w"}, [p, data](const Inputs& in) -> Value {
          const Eigen::VectorXd &x = in.vector("x"), &t = in.vector(data);
          return numerical_gradient([&](const Eigen::VectorXd& theta) { return error(theta, x, t); }, in.vector(p + "w"),
                                    1e-5, Difference::central);
        });
    trace.step(p + "stationary", "The gradient at the fit is ≈ 0, by both routes")
        .formula(fmt::format("\\|\\nabla E(\\theta^*)\\|_\\infty \\le {} \\, \\|\\nabla E(\\theta_0)\\|_\\infty", stationary_ratio))
        .numbers(fmt::format("\\|\\nabla E(\\theta^*)\\|_\\infty \\le {} \\cdot [[{}grad_start]]", stationary_ratio, p))
        .compute({p + "grad", p + "grad_fd", p + "grad_start"}, [p](const Inputs& in) -> Value {
          const Eigen::VectorXd &backprop = in.vector(p + "grad"), &central = in.vector(p + "grad_fd");
          const double start = in.scalar(p + "grad_start");
          const double size = backprop.lpNorm<Eigen::Infinity>(), gap = (backprop - central).lpNorm<Eigen::Infinity>();
          // Why not a relative error: the gradient at the fit is the sum of pointwise gradients that
          // cancel, so its entries are tiny; both routes must instead agree on the start's scale.
          return Verdict{size <= stationary_ratio * start && gap <= 1e-6 * start,
                         fmt::format("‖∇E(θ*)‖∞ = {:.2e} is {:.1e} of ‖∇E(θ₀)‖∞ = {:.3g}; central differences "
                                     "differ from backpropagation by {:.1e}",
                                     size, size / start, start, gap)};
        });
    //! [gradient_at_the_fit]

    // The output as the sum of the hidden units' weighted outputs, at the first point x_1
    //! [output_as_a_sum_of_hidden_units]
    trace.step(p + "z1", "The hidden units' outputs at the first point, $z_j(x_1)$")
        .formula("z_j(x_1) = \\tanh(w^{(1)}_{j1} x_1 + w^{(1)}_{j0}),\\ j = 1, 2, 3")
        .compute({"x", p + "units"}, [p](const Inputs& in) -> Value {
          const Eigen::MatrixXd& units = in.matrix(p + "units");
          const double x1 = in.vector("x")[0];
          return Eigen::VectorXd((units.col(0) * x1 + units.col(1)).unaryExpr([](double a) { return nnwb::tanh(a); }));
        });
    trace.step(p + "terms1", "The hidden units' weighted outputs at $x_1$, $w^{(2)}_{1j} z_j(x_1)$")
        .formula("w^{(2)}_{1j} z_j(x_1),\\ j = 1, 2, 3")
        .compute({p + "z1", p + "units"}, [p](const Inputs& in) -> Value {
          return Eigen::VectorXd(in.matrix(p + "units").col(2).cwiseProduct(in.vector(p + "z1")));
        });
    trace.step(p + "y1", "The output at $x_1$ as the sum of the weighted outputs plus the bias")
        .formula("y(x_1) = w^{(2)}_{11} z_1(x_1) + w^{(2)}_{12} z_2(x_1) + w^{(2)}_{13} z_3(x_1) + w^{(2)}_{10}")
        .numbers("\\sum [[" + p + "terms1]] + [[" + p + "bias]]")
        .compute({p + "terms1", p + "bias"}, [p](const Inputs& in) -> Value {
          return in.vector(p + "terms1").sum() + in.scalar(p + "bias");  // Σ_j w_1j z_j + w_10
        });
    trace.step(p + "sum", "At every point, the network's output is the sum of the weighted outputs plus the bias")
        .formula("y(x_n) = \\sum_{j=1}^{3} w^{(2)}_{1j} z_j(x_n) + w^{(2)}_{10},\\ n = 1, \\dots, N")
        .compute({"x", p + "units", p + "bias", p + "y", p + "y1"}, [p](const Inputs& in) -> Value {
          const Eigen::VectorXd &x = in.vector("x"), &y = in.vector(p + "y");
          const Eigen::MatrixXd& units = in.matrix(p + "units");
          const double bias = in.scalar(p + "bias");
          double gap = std::abs(in.scalar(p + "y1") - y[0]);
          for (Eigen::Index n = 0; n < x.size(); ++n) {
            double sum = bias;
            for (int j = 0; j < hidden_units; ++j) sum += units(j, 2) * nnwb::tanh(units(j, 0) * x[n] + units(j, 1));
            gap = std::max(gap, std::abs(sum - y[n]));
          }
          // Rounding: each term is at most |w_1j| in size, so the sums may differ by a few ulps of Σ|w_1j|.
          const double scale = 1.0 + units.col(2).cwiseAbs().sum() + std::abs(bias);
          return Verdict{gap <= 1e-13 * scale,
                         fmt::format("the library's forward pass and the sum written out agree to {:.1e}", gap)};
        });
    trace.step(p + "dy1", "The output's gradient at $x_1$, $\\partial y(x_1)/\\partial\\theta$: row 1 of the Jacobian J")
        .formula("\\frac{\\partial y(x_1)}{\\partial w^{(1)}_{j1}} = w^{(2)}_{1j}(1 - z_j^2) x_1,\\ "
                 "\\frac{\\partial y(x_1)}{\\partial w^{(1)}_{j0}} = w^{(2)}_{1j}(1 - z_j^2),\\ "
                 "\\frac{\\partial y(x_1)}{\\partial w^{(2)}_{1j}} = z_j,\\ \\frac{\\partial y(x_1)}{\\partial w^{(2)}_{10}} = 1")
        .compute({"x", p + "w"}, [p](const Inputs& in) -> Value {
          const Eigen::MatrixXd x1 = Eigen::MatrixXd::Constant(1, 1, in.vector("x")[0]);  // X: (1, 1)
          return Eigen::VectorXd(output_jacobian(network(in.vector(p + "w")), x1).row(0).transpose());
        });
    trace.claim_gradient(p + "dy1", p + "y1", p + "w");
    //! [output_as_a_sum_of_hidden_units]
  }
}

// All four.
void all_four(Trace& trace) {
  trace.section("All four fits");
  trace.step("summary.rms", "The RMS errors of the four fits: $x^2$, $\\sin(x)$, $|x|$, $H(x)$")
      .formula("(\\text{RMS}_{x^2}, \\text{RMS}_{\\sin}, \\text{RMS}_{|x|}, \\text{RMS}_{H})")
      .compute({"fit.square.rms", "fit.sine.rms", "fit.abs.rms", "fit.step.rms"}, [](const Inputs& in) -> Value {
        return Eigen::VectorXd(Eigen::Vector4d(in.scalar("fit.square.rms"), in.scalar("fit.sine.rms"),
                                               in.scalar("fit.abs.rms"), in.scalar("fit.step.rms")));
      });
}

// The picture: one panel per target, as on the slide.
void the_picture(Trace& trace) {
  for (const Target& target : targets) {
    const std::string id = target.id;
    trace.figure(fit_figure(target, std::get<Eigen::VectorXd>(trace.value("x")),
                            std::get<Eigen::VectorXd>(trace.value("data." + id)),
                            std::get<Eigen::VectorXd>(trace.value("fit." + id + ".w"))));
  }
}

}  // namespace universal_approximation_parts

Trace universal_approximation(const ChapterOptions& options) {
  using namespace universal_approximation_parts;
  Trace trace("universal_approximation", "Universal approximation with three tanh hidden units");
  const std::uint64_t seed = options.seed.value_or(default_seed);
  trace
      .summary(fmt::format(
          "Bishop's illustration on PD's slide: a network with one hidden layer of only 3 tanh units and a "
          "linear output fits x², sin(x), |x| and the Heaviside step H(x), each from N = {} points drawn "
          "uniformly in (−1, 1). Each fit minimises the sum-of-squares error E by Levenberg–Marquardt from {} "
          "seeded starts, keeping the best; the trace gives its weights, RMS and largest error, checks that "
          "the gradient of E is ≈ 0 there (backpropagation against central differences), and writes the "
          "output at one point as the sum of the three hidden units' weighted outputs plus the bias. For x² "
          "and H, E has no minimiser (it falls towards 0 as the weights grow), so a fit is where LM stops, "
          "after at most {} steps per start. The slide prints no numbers: {}",
          sample_count, start_count, max_iterations,
          options.seed ? fmt::format("this variant draws the points and the starts from seed {}.", seed)
                       : fmt::format("the points and the starts are ours, drawn from seed {} (Cybenko's year).",
                                     default_seed)))
      .source("PD", "003_b5a9c74466967a6d.txt",
              {"Universal approximation capability [Cybenko89]", "Error & output functions: regression",
               "Step 2 – error gradient (1/2)"})
      .source("CTU", "002_ddd62baf13f113f4.txt", {"Universal Approximation Theorem (Cybenko, 1989; Hornik et al., 1989)"})
      .source("EDI", "000_7637ffcd816b0303.txt", {"Recap: Ability of neural networks"})
      .convention(
          "Bishop's two-layer network (PRML eq. 5.7, the book PD's figure is taken from), in column vectors: "
          "hidden unit j has $a_j = w^{(1)}_{j1} x + w^{(1)}_{j0}$ and output $z_j = \\tanh(a_j)$; the linear "
          "output is $y = \\sum_{j=1}^{3} w^{(2)}_{1j} z_j + w^{(2)}_{10}$ (PD: regression output $y = f(c) = c$). "
          "The weight vector is $\\theta = (w^{(1)}_{11}, w^{(1)}_{21}, w^{(1)}_{31}, w^{(1)}_{10}, w^{(1)}_{20}, "
          "w^{(1)}_{30}, w^{(2)}_{11}, w^{(2)}_{12}, w^{(2)}_{13}, w^{(2)}_{10})$, the library's Mlp order "
          "(vec W, then b, layer by layer). PD's error $E = \\frac{1}{2}\\sum_n (y(x_n) - t_n)^2$; "
          "RMS $= \\sqrt{2E/N}$. $H(x) = 1$ for $x > 0$, 0 for $x < 0$ (no point is drawn at 0). Gradient "
          "norms are max-norms.")
      .notation("x_n, t_n", "the n-th input, uniform in (−1, 1), and its target $t_n = f(x_n)$")
      .notation("w^{(1)}_{j1}, w^{(1)}_{j0}", "hidden unit j's weight on x and its bias")
      .notation("w^{(2)}_{1j}, w^{(2)}_{10}", "the output's weight on hidden unit j and its bias")
      .notation("z_j(x)", "hidden unit j's output $\\tanh(w^{(1)}_{j1} x + w^{(1)}_{j0})$")
      .notation("y(x)", "the network's output")
      .notation("\\theta, \\theta_0, \\theta^*", "all 10 weights; a start; the fit")
      .notation("E, E_n", "the sum-of-squares error and its n-th term (PD)")
      .notation("J", "the Jacobian $\\partial y(x_n)/\\partial\\theta$, one row per point")
      .seed(options.seed)
      .rounding({Rounding::Mode::significant, 4});

  const Setting s = drawn_setting(seed);
  trace.parameter("x", "x_n", fmt::format("the N = {} inputs, uniform in (−1, 1)", sample_count), s.x);
  trace.parameter("starts", "\\theta_0",
                  "Levenberg–Marquardt's three starts, one per column (θ's order); slopes in [−3, 3), other weights "
                  "in [−1, 1), output bias in [−0.5, 0.5)",
                  s.starts);

  the_data(trace);
  the_network(trace);
  one_fit_per_target(trace);
  all_four(trace);
  the_picture(trace);
  return trace;
}

}  // namespace nnwb::chapters
