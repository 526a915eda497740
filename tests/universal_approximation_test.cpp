// Chapter 20, universal_approximation (chapters/universal_approximation.cpp): the data against the
// four functions evaluated here; each fit's RMS error, recomputed here from its weights with the
// network written out by hand, under a stated bound on the default and on several seeds; the
// gradient at the fit ≈ 0 by central differences taken here; the output as the sum of the hidden
// units' weighted outputs; the figures as data; determinism.
#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "chapters.hpp"
#include "nnwb/render.hpp"
#include "support/gradient_claims.hpp"
#include "support/trace_values.hpp"

BOOST_AUTO_TEST_SUITE(universal_approximation)

namespace bdata = boost::unit_test::data;
using Eigen::MatrixXd;
using Eigen::VectorXd;
using nnwb::ChapterOptions;

using nnwb::testing::mat;
using nnwb::testing::scalar;
using nnwb::testing::variant;
using nnwb::testing::vec;
using nnwb::testing::verdict;

namespace {

const std::vector<std::string> target_ids = {"square", "sine", "abs", "step"};

// f(x) for each target, written here.
double target(const std::string& id, double x) {
  if (id == "square") return x * x;
  if (id == "sine") return std::sin(x);
  if (id == "abs") return std::abs(x);
  return x > 0 ? 1.0 : 0.0;  // Heaviside
}

// The RMS error each fit must reach. Three tanh units can make x² and sin(x) as close as the
// weights allow (E → 0 as they grow), and H(x) too between points; |x| has a kink the smooth
// network can only round off (about 0.01 on 50 points).
double rms_bound(const std::string& id) {
  if (id == "abs") return 0.02;
  if (id == "step") return 0.01;
  return 1e-3;
}

// y(x) = Σ_j w⁽²⁾_1j tanh(w⁽¹⁾_j1 x + w⁽¹⁾_j0) + w⁽²⁾_10, θ in the order the convention states.
double network(const VectorXd& theta, double x) {
  double y = theta[9];
  for (int j = 0; j < 3; ++j) y += theta[6 + j] * std::tanh(theta[j] * x + theta[3 + j]);
  return y;
}

// E(θ) = ½ Σ_n (y(x_n) − t_n)²
double error(const VectorXd& theta, const VectorXd& x, const VectorXd& t) {
  double e = 0;
  for (Eigen::Index n = 0; n < x.size(); ++n) e += 0.5 * std::pow(network(theta, x[n]) - t[n], 2);
  return e;
}

// ∇E by central differences, step h.
VectorXd central_gradient(const VectorXd& theta, const VectorXd& x, const VectorXd& t, double h) {
  VectorXd g(theta.size());
  for (Eigen::Index i = 0; i < theta.size(); ++i) {
    VectorXd up = theta, down = theta;
    up[i] += h;
    down[i] -= h;
    g[i] = (error(up, x, t) - error(down, x, t)) / (2 * h);
  }
  return g;
}

}  // namespace

BOOST_DATA_TEST_CASE(data_are_fifty_points_of_the_four_functions, bdata::xrange(0, 4), k) {
  const nnwb::Trace t = nnwb::chapters::universal_approximation(variant(k));
  const VectorXd& x = vec(t, "x");
  BOOST_TEST(x.size() == 50);  // N = 50, as on the slide
  BOOST_TEST(x.minCoeff() > -1.0);
  BOOST_TEST(x.maxCoeff() < 1.0);
  BOOST_TEST(x.minCoeff() < -0.5);  // spread over the interval, as uniform draws are
  BOOST_TEST(x.maxCoeff() > 0.5);
  BOOST_TEST(vec(t, "data.range")[0] == x.minCoeff());
  for (const auto& id : target_ids) {
    const VectorXd& targets = vec(t, "data." + id);
    for (Eigen::Index n = 0; n < x.size(); ++n) BOOST_TEST(targets[n] == target(id, x[n]), id << " at " << n);
  }
  BOOST_TEST(mat(t, "starts").rows() == 10);  // 3·(1 + 1) + (3 + 1) weights
  BOOST_TEST(mat(t, "starts").cols() == 3);
  BOOST_TEST(verdict(t, "net.weights").holds);
}

BOOST_AUTO_TEST_CASE(default_is_seed_1989_and_seeds_draw_other_data) {
  const nnwb::Trace standard = nnwb::chapters::universal_approximation(ChapterOptions{});
  BOOST_TEST((vec(standard, "x") == vec(nnwb::chapters::universal_approximation(variant(1989)), "x")));
  BOOST_TEST(standard.summary().find("1989") != std::string::npos);
  BOOST_TEST((vec(standard, "x") != vec(nnwb::chapters::universal_approximation(variant(1)), "x")));
  BOOST_TEST((mat(standard, "starts") != mat(nnwb::chapters::universal_approximation(variant(1)), "starts")));
}

BOOST_DATA_TEST_CASE(each_fit_is_under_its_rms_bound, bdata::xrange(0, 6), k) {
  const nnwb::Trace t = nnwb::chapters::universal_approximation(variant(k));
  const VectorXd& x = vec(t, "x");
  for (const auto& id : target_ids) {
    const std::string p = "fit." + id + ".";
    BOOST_TEST_CONTEXT("variant " << k << ", " << id) {
      const VectorXd& theta = vec(t, p + "w");
      const VectorXd& targets = vec(t, "data." + id);
      // RMS and the largest error, from the weights, with the network written out here.
      double squares = 0, largest = 0;
      for (Eigen::Index n = 0; n < x.size(); ++n) {
        const double e = network(theta, x[n]) - targets[n];
        squares += e * e;
        largest = std::max(largest, std::abs(e));
      }
      const double rms = std::sqrt(squares / static_cast<double>(x.size()));
      // Relative agreement, or rounding of y (ε times the size of its terms) where the fit is exact
      // to rounding (H fits can reach RMS 1e−12).
      const double rounding = 1e-14 * (1.0 + theta.tail(4).cwiseAbs().sum());
      BOOST_TEST(std::abs(scalar(t, p + "rms") - rms) <= 1e-9 * rms + rounding);
      BOOST_TEST(std::abs(scalar(t, p + "max_error") - largest) <= 1e-9 * largest + rounding);
      BOOST_TEST(std::abs(std::sqrt(2.0 * scalar(t, p + "E") / 50.0) - rms) <= 1e-9 * rms + rounding);
      BOOST_TEST(rms <= rms_bound(id));
      BOOST_TEST(largest >= rms);
      // The fit kept is the best of the three runs.
      BOOST_TEST(scalar(t, p + "E") == vec(t, p + "runs").minCoeff(), boost::test_tools::tolerance(1e-12));
      // Its weights read back as the units' table and the output bias.
      const MatrixXd& units = mat(t, p + "units");
      for (int j = 0; j < 3; ++j) {
        BOOST_TEST(units(j, 0) == theta[j]);
        BOOST_TEST(units(j, 1) == theta[3 + j]);
        BOOST_TEST(units(j, 2) == theta[6 + j]);
      }
      BOOST_TEST(scalar(t, p + "bias") == theta[9]);
    }
  }
  const VectorXd& summary = vec(t, "summary.rms");
  for (std::size_t i = 0; i < target_ids.size(); ++i)
    BOOST_TEST(summary[static_cast<Eigen::Index>(i)] == scalar(t, "fit." + target_ids[i] + ".rms"));
}

BOOST_DATA_TEST_CASE(gradient_at_the_fit_is_nearly_zero, bdata::xrange(0, 4), k) {
  const nnwb::Trace t = nnwb::chapters::universal_approximation(variant(k));
  const VectorXd& x = vec(t, "x");
  for (const auto& id : target_ids) {
    const std::string p = "fit." + id + ".";
    BOOST_TEST_CONTEXT("variant " << k << ", " << id) {
      const VectorXd& targets = vec(t, "data." + id);
      // The start the kept run began from, and the gradient's size there, both found here.
      Eigen::Index best = 0;
      vec(t, p + "runs").minCoeff(&best);
      const VectorXd start = mat(t, "starts").col(best);
      const double at_start = central_gradient(start, x, targets, 1e-6).lpNorm<Eigen::Infinity>();
      BOOST_TEST(scalar(t, p + "grad_start") == at_start, boost::test_tools::tolerance(1e-6));
      // At the fit: central differences here and backpropagation in the trace, both ≈ 0.
      const VectorXd central = central_gradient(vec(t, p + "w"), x, targets, 1e-6);
      BOOST_TEST(central.lpNorm<Eigen::Infinity>() <= 1e-3 * at_start);
      BOOST_TEST((vec(t, p + "grad") - central).lpNorm<Eigen::Infinity>() <= 1e-6 * at_start);
      BOOST_TEST((vec(t, p + "grad_fd") - central).lpNorm<Eigen::Infinity>() <= 1e-6 * at_start);
      BOOST_TEST(verdict(t, p + "stationary").holds);
    }
  }
}

BOOST_DATA_TEST_CASE(output_is_the_sum_of_the_weighted_hidden_outputs, bdata::xrange(0, 4), k) {
  const nnwb::Trace t = nnwb::chapters::universal_approximation(variant(k));
  const double x1 = vec(t, "x")[0];
  for (const auto& id : target_ids) {
    const std::string p = "fit." + id + ".";
    BOOST_TEST_CONTEXT("variant " << k << ", " << id) {
      const VectorXd& theta = vec(t, p + "w");
      double sum = theta[9];
      for (int j = 0; j < 3; ++j) {
        const double z = std::tanh(theta[j] * x1 + theta[3 + j]);  // z_j(x_1)
        BOOST_TEST(vec(t, p + "z1")[j] == z, boost::test_tools::tolerance(1e-14));
        BOOST_TEST(vec(t, p + "terms1")[j] == theta[6 + j] * z, boost::test_tools::tolerance(1e-13));
        sum += theta[6 + j] * z;
      }
      const double scale = 1.0 + theta.tail(4).cwiseAbs().sum();
      BOOST_TEST(std::abs(scalar(t, p + "y1") - sum) <= 1e-14 * scale);
      BOOST_TEST(std::abs(vec(t, p + "y")[0] - sum) <= 1e-14 * scale);  // the library's forward pass
      BOOST_TEST(verdict(t, p + "sum").holds);
    }
  }
}

BOOST_DATA_TEST_CASE(claimed_gradients_agree_with_central_differences, bdata::xrange(0, 3), k) {
  const nnwb::Trace t = nnwb::chapters::universal_approximation(variant(k));
  const auto checks = nnwb::testing::check_gradient_claims(t);
  BOOST_TEST(checks.size() == 4u);  // ∂y(x_1)/∂θ at each fit
  for (const auto& check : checks) BOOST_TEST_CONTEXT(check.step << " = ∂/∂" << check.wrt) {
      BOOST_TEST(check.worst_relative_error <= 1e-7);
    }
  // The Jacobian row by the formula on the step, written out here.
  const double x1 = vec(t, "x")[0];
  for (const auto& id : target_ids) {
    const VectorXd& theta = vec(t, "fit." + id + ".w");
    const VectorXd& row = vec(t, "fit." + id + ".dy1");
    for (int j = 0; j < 3; ++j) {
      const double z = std::tanh(theta[j] * x1 + theta[3 + j]);
      // 1 − z² cancels where |z| → 1: an ulp of z (the argument rounded with or without a fused
      // multiply-add, as builds differ) moves it by 2ε/(1 − z²) relative, 10⁻¹¹ at 1 − z² ≈ 10⁻⁵.
      const double cancels = 8 * std::numeric_limits<double>::epsilon() / (1 - z * z);
      BOOST_TEST(row[j] == theta[6 + j] * (1 - z * z) * x1, boost::test_tools::tolerance(1e-12 + cancels));
      BOOST_TEST(row[3 + j] == theta[6 + j] * (1 - z * z), boost::test_tools::tolerance(1e-12 + cancels));
      BOOST_TEST(row[6 + j] == z, boost::test_tools::tolerance(1e-14));
    }
    BOOST_TEST(row[9] == 1.0);
  }
}

BOOST_DATA_TEST_CASE(figures_show_data_fit_and_hidden_units, bdata::xrange(0, 3), k) {
  const nnwb::Trace t = nnwb::chapters::universal_approximation(variant(k));
  BOOST_TEST(t.figures().size() == 4u);
  const VectorXd& x = vec(t, "x");
  for (std::size_t f = 0; f < t.figures().size() && f < target_ids.size(); ++f) {
    const nnwb::Figure& figure = t.figures()[f];
    const std::string& id = target_ids[f];
    BOOST_TEST_CONTEXT("variant " << k << ", figure " << figure.name) {
      BOOST_TEST(figure.name == "fit_" + id);
      BOOST_TEST(nnwb::figure_problems(figure).empty());
      const auto& plot = std::get<nnwb::Plot>(figure.content);
      BOOST_REQUIRE(plot.curves.size() == 5u);
      BOOST_TEST(plot.curves[0].title.find("data") == 0u);
      BOOST_TEST(plot.curves[1].title == "network y(x)");
      for (int j = 0; j < 3; ++j)
        BOOST_TEST(plot.curves[2 + j].title.find("hidden unit " + std::to_string(j + 1)) == 0u);
      BOOST_TEST((plot.curves[0].style == nnwb::Curve::Style::points));
      for (std::size_t c = 1; c < 5; ++c) BOOST_TEST((plot.curves[c].style == nnwb::Curve::Style::lines));
      BOOST_REQUIRE(plot.x_range.has_value());
      BOOST_REQUIRE(plot.y_range.has_value());
      BOOST_TEST(plot.x_range->first == -1.0);
      BOOST_TEST(plot.x_range->second == 1.0);
      // The data: every point (x_n, t_n).
      BOOST_TEST(plot.curves[0].x.size() == 50u);
      for (std::size_t n = 0; n < plot.curves[0].x.size(); ++n) {
        BOOST_TEST(plot.curves[0].x[n] == x[static_cast<Eigen::Index>(n)]);
        BOOST_TEST(plot.curves[0].y[n] == target(id, plot.curves[0].x[n]));
      }
      // The fit is the network's output at its points; the hidden units are z_j(x).
      const VectorXd& theta = vec(t, "fit." + id + ".w");
      const double scale = 1.0 + theta.tail(4).cwiseAbs().sum();
      for (std::size_t i = 0; i < plot.curves[1].x.size(); ++i) {
        const double at = plot.curves[1].x[i];
        BOOST_TEST(std::abs(plot.curves[1].y[i] - network(theta, at)) <= 1e-14 * scale);
        for (int j = 0; j < 3; ++j) {
          BOOST_TEST(plot.curves[2 + j].x[i] == at);
          // Near a unit's zero the argument θ_j·x + θ_{3+j} cancels, and one build's fused multiply-add
          // against another's two roundings moves it by an ulp of its terms: the bound is on those terms.
          const double terms = std::abs(theta[j] * at) + std::abs(theta[3 + j]);
          BOOST_TEST(std::abs(plot.curves[2 + j].y[i] - std::tanh(theta[j] * at + theta[3 + j])) <= 1e-14 * (1 + terms));
        }
      }
      BOOST_TEST(plot.curves[1].x.front() == -1.0);
      BOOST_TEST(plot.curves[1].x.back() == 1.0);
      // The data and the hidden units inside the y range; the fit too, or the caption says where it goes.
      const auto inside = [&](double v) { return plot.y_range->first <= v && v <= plot.y_range->second; };
      for (std::size_t c : {0u, 2u, 3u, 4u})
        for (double v : plot.curves[c].y) BOOST_TEST(inside(v));
      const bool fit_inside = std::all_of(plot.curves[1].y.begin(), plot.curves[1].y.end(), inside);
      BOOST_TEST(fit_inside == (figure.caption.find("leaves the plot") == std::string::npos));
    }
  }
}

BOOST_AUTO_TEST_CASE(same_seed_same_trace) {
  for (int k : {0, 3}) {
    nnwb::Trace a = nnwb::chapters::universal_approximation(variant(k));
    const std::string first = nnwb::render_json(a);
    BOOST_TEST(first == nnwb::render_json(nnwb::chapters::universal_approximation(variant(k))));
    a.recompute({});
    BOOST_TEST(first == nnwb::render_json(a));
  }
}

BOOST_AUTO_TEST_CASE(a_students_weights_flow_through) {
  // Replacing the fit's weights by the winning start's: E, the RMS and the gradient follow, and the
  // gradient there is no longer ≈ 0.
  nnwb::Trace t = nnwb::chapters::universal_approximation(ChapterOptions{});
  Eigen::Index best = 0;
  vec(t, "fit.sine.runs").minCoeff(&best);
  const VectorXd start = mat(t, "starts").col(best);
  t.recompute({{"fit.sine.w", start}});
  const VectorXd& x = vec(t, "x");
  const VectorXd& targets = vec(t, "data.sine");
  BOOST_TEST(scalar(t, "fit.sine.E") == error(start, x, targets), boost::test_tools::tolerance(1e-12));
  BOOST_TEST(vec(t, "fit.sine.grad").lpNorm<Eigen::Infinity>() == scalar(t, "fit.sine.grad_start"),
             boost::test_tools::tolerance(1e-12));
  BOOST_TEST(!verdict(t, "fit.sine.stationary").holds);
}

BOOST_AUTO_TEST_SUITE_END()
