// Chapter 10, activations (chapters/activations.cpp): every value against its closed form written out
// here with std::exp (not through the library), every derivative against the calculus and against
// the chapter's central differences, the gradient claims, the kink table against the one-sided
// limits, saturation bounds, the dead unit's gradients by hand, sparsity counts, and the figures'
// content as data (curves, titles, ranges, and each derivative curve against the function curve's
// own finite differences). The default and several seeds.
#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "chapters.hpp"
#include "nnwb/figure.hpp"
#include "nnwb/gradient_check.hpp"
#include "support/gradient_claims.hpp"
#include "support/trace_values.hpp"

BOOST_AUTO_TEST_SUITE(activations_chapter)

namespace bdata = boost::unit_test::data;
using Eigen::VectorXd;

using nnwb::testing::mat;
using nnwb::testing::scalar;
using nnwb::testing::variant;
using nnwb::testing::vec;
using nnwb::testing::verdict;

namespace {

const std::vector<int> variants = {0, 1, 2, 3, 7, 42};

// The zoo's closed forms, written out with std::exp (deliberately not the library's code).
struct Closed {
  double lambda, leak, alpha;
  double value(const std::string& id, double a) const {
    if (id == "step") return a > 0 ? 1.0 : 0.0;
    if (id == "sign") return a >= 0 ? 1.0 : -1.0;
    if (id == "identity") return a;
    if (id == "sigmoid") return 1.0 / (1.0 + std::exp(-lambda * a));
    if (id == "tanh") return (std::exp(lambda * a) - std::exp(-lambda * a)) / (std::exp(lambda * a) + std::exp(-lambda * a));
    if (id == "relu") return a > 0 ? a : 0.0;
    if (id == "leaky") return a > 0 ? a : leak * a;
    if (id == "elu") return a > 0 ? a : alpha * (std::exp(a) - 1.0);
    if (id == "softplus") return std::log(1.0 + std::exp(a));
    throw std::invalid_argument(id);
  }
  // The calculus, each rule by hand: d/da of the forms above, for a ≠ 0.
  double derivative(const std::string& id, double a) const {
    if (id == "step" || id == "sign") return 0.0;
    if (id == "identity") return 1.0;
    if (id == "sigmoid") {
      const double e = std::exp(-lambda * a);
      return lambda * e / ((1.0 + e) * (1.0 + e));  // quotient rule on 1/(1 + e^{−λa})
    }
    if (id == "tanh") return lambda / std::pow(std::cosh(lambda * a), 2);  // λ sech²(λa)
    if (id == "relu") return a > 0 ? 1.0 : 0.0;
    if (id == "leaky") return a > 0 ? 1.0 : leak;
    if (id == "elu") return a > 0 ? 1.0 : alpha * std::exp(a);
    if (id == "softplus") return std::exp(a) / (1.0 + std::exp(a));
    throw std::invalid_argument(id);
  }
};

Closed closed_of(const nnwb::Trace& t) { return {scalar(t, "lambda"), scalar(t, "leak"), scalar(t, "alpha")}; }

const std::vector<std::string> zoo = {"step", "sign", "identity", "sigmoid", "tanh", "relu", "leaky", "elu", "softplus"};

const nnwb::Figure& figure_of(const nnwb::Trace& t, const std::string& name) {
  for (const auto& f : t.figures())
    if (f.name == name) return f;
  throw std::out_of_range("no figure " + name);
}

}  // namespace

BOOST_AUTO_TEST_CASE(default_takes_the_lectures_parameters) {
  const nnwb::Trace t = nnwb::chapters::activations({});
  // σ(a) = 1/(1 + e^{−a}) in EDI, PD, IC and BMB: λ = 1. ε and α are printed nowhere; the
  // chapter takes the library's defaults 0.01 and 1 and says so.
  BOOST_TEST(scalar(t, "lambda") == 1.0);
  BOOST_TEST(scalar(t, "leak") == 0.01);
  BOOST_TEST(scalar(t, "alpha") == 1.0);
  BOOST_TEST(t.summary().find("No slide prints") != std::string::npos);
  // With λ = 1 the sigmoid is σ(1) = 1/(1 + e^{−1}) ≈ 0.7311 at a = 1 (BMB's 0.73).
  const VectorXd& a = vec(t, "points");
  for (Eigen::Index j = 0; j < a.size(); ++j)
    if (a(j) == 1.0) BOOST_TEST(std::abs(vec(t, "sigmoid.y")(j) - 0.7311) < 5e-5);
}

BOOST_DATA_TEST_CASE(values_and_derivatives_match_the_closed_forms, bdata::make(variants), k) {
  const nnwb::Trace t = nnwb::chapters::activations(variant(k));
  const Closed closed = closed_of(t);
  const VectorXd& a = vec(t, "points");
  for (Eigen::Index j = 0; j < a.size(); ++j) BOOST_TEST(std::abs(a(j)) >= 0.1);  // clear of every kink
  for (const std::string& id : zoo) {
    for (Eigen::Index j = 0; j < a.size(); ++j) {
      BOOST_TEST_CONTEXT("variant " << k << ", " << id << " at a = " << a(j)) {
        BOOST_TEST(std::abs(vec(t, id + ".y")(j) - closed.value(id, a(j))) <= 1e-12 * std::max(1.0, std::abs(a(j))));
        const double slope = closed.derivative(id, a(j));
        BOOST_TEST(std::abs(vec(t, id + ".dy")(j) - slope) <= 1e-12 * std::max(1.0, std::abs(slope)));
        // The chapter's central differences (h = 1e−5) agree with the calculus to O(h²).
        BOOST_TEST(std::abs(vec(t, id + ".fd")(j) - slope) <= 1e-8 * std::max(1.0, std::abs(slope)));
      }
    }
    BOOST_TEST(std::abs(scalar(t, id + ".sum") - vec(t, id + ".y").sum()) <= 1e-12);
    BOOST_TEST(verdict(t, id + ".check").holds, id);
  }
}

BOOST_DATA_TEST_CASE(the_fd_check_catches_a_wrong_derivative, bdata::make(std::vector<int>{1, 2, 3, 7}), k) {
  // CTU prints f' = λ²(1 + y)(1 − y) for tanh(λξ). With λ ≠ 1 (every seed) that is off by a factor
  // λ, and the chapter's finite differences must tell it apart from the correct λ(1 + y)(1 − y).
  const nnwb::Trace t = nnwb::chapters::activations(variant(k));
  const double lambda = scalar(t, "lambda");
  BOOST_TEST(lambda != 1.0);
  const VectorXd& y = vec(t, "tanh.y");
  const VectorXd slide = lambda * lambda * (1.0 + y.array()) * (1.0 - y.array());
  BOOST_TEST(nnwb::max_relative_error(slide, vec(t, "tanh.fd")) > 0.1);
  BOOST_TEST(nnwb::max_relative_error(vec(t, "tanh.dy"), vec(t, "tanh.fd")) <= 1e-5);  // saturated: rounding
  BOOST_TEST(verdict(t, "tanh.check").holds);
}

BOOST_DATA_TEST_CASE(every_gradient_claim_holds_and_none_is_at_a_kink, bdata::make(variants), k) {
  const nnwb::Trace t = nnwb::chapters::activations(variant(k));
  const auto checks = nnwb::testing::check_gradient_claims(t);
  // Nine members, two saturation slopes, and ∂E/∂w, ∂E/∂b for each of the three dying units.
  BOOST_TEST(checks.size() == 9u + 2u + 6u);
  for (const auto& check : checks) {
    BOOST_TEST_CONTEXT("variant " << k << ": " << check.step << " = ∂/∂" << check.wrt) {
      BOOST_TEST(check.worst_relative_error <= 1e-7);
    }
  }
  // Only the smooth sigmoid and tanh are claimed at a = 0 (in the saturation points); the kinked
  // functions are claimed at the sample points (|a| ≥ 0.1) and on the dead unit (every c_n < 0).
  BOOST_TEST((vec(t, "dead.c").array() < -0.1).all());
}

BOOST_DATA_TEST_CASE(the_kink_table_gives_the_one_sided_limits, bdata::make(variants), k) {
  const nnwb::Trace t = nnwb::chapters::activations(variant(k));
  const double leak = scalar(t, "leak"), alpha = scalar(t, "alpha"), h = nnwb::default_epsilon;
  const Eigen::MatrixXd& table = mat(t, "kink.table");
  BOOST_TEST(table.rows() == 5);
  BOOST_TEST(table.cols() == 4);
  // step: g(0) = 0, left slope 0, right slope (1 − 0)/h, returned 0.
  BOOST_TEST(table(0, 0) == 0.0);
  BOOST_TEST(table(0, 1) == 0.0);
  BOOST_TEST(std::abs(table(0, 2) * h - 1.0) < 1e-9);
  // sign: g(0) = +1, left slope (1 − (−1))/h, right slope 0.
  BOOST_TEST(table(1, 0) == 1.0);
  BOOST_TEST(std::abs(table(1, 1) * h - 2.0) < 1e-9);
  BOOST_TEST(table(1, 2) == 0.0);
  // ReLU: 0 from the left, 1 from the right; the library's ReLU'(0) is 0 (IC's branch would give 1).
  BOOST_TEST(table(2, 1) == 0.0);
  BOOST_TEST(std::abs(table(2, 2) - 1.0) < 1e-9);
  BOOST_TEST(table(2, 3) == 0.0);
  // leaky ReLU: ε and 1; returned ε.
  BOOST_TEST(std::abs(table(3, 1) - leak) < 1e-9);
  BOOST_TEST(table(3, 3) == leak);
  // ELU: α(1 − e^{−h})/h from the left (→ α), 1 from the right; returned α.
  BOOST_TEST(std::abs(table(4, 1) - alpha * (1.0 - std::exp(-h)) / h) < 1e-9);
  BOOST_TEST(std::abs(table(4, 2) - 1.0) < 1e-9);
  BOOST_TEST(table(4, 3) == alpha);
  BOOST_TEST(verdict(t, "kink.jumps").holds);
  BOOST_TEST(verdict(t, "kink.relu").holds);
  BOOST_TEST(verdict(t, "kink.leaky").holds);
  BOOST_TEST(verdict(t, "kink.elu").holds == (alpha == 1.0));
  BOOST_TEST(t.convention().find("ReLU'(0) = 0") != std::string::npos);
  BOOST_TEST(t.convention().find("ReLU'(0) = 1") != std::string::npos);
}

BOOST_DATA_TEST_CASE(saturation_kills_the_slope, bdata::make(variants), k) {
  const nnwb::Trace t = nnwb::chapters::activations(variant(k));
  const double lambda = scalar(t, "lambda");
  const VectorXd& a = vec(t, "saturation.a");
  const VectorXd& s = vec(t, "saturation.sigmoid");
  const VectorXd& ds = vec(t, "saturation.sigmoid_slope");
  const VectorXd& th = vec(t, "saturation.tanh");
  const VectorXd& dth = vec(t, "saturation.tanh_slope");
  for (Eigen::Index j = 0; j < a.size(); ++j) {
    BOOST_TEST_CONTEXT("variant " << k << " at a = " << a(j)) {
      BOOST_TEST(std::isfinite(s(j)));
      BOOST_TEST(std::isfinite(ds(j)));
      BOOST_TEST(std::isfinite(dth(j)));
      // σ' = λσ(1 − σ) ≤ λ min(σ, 1 − σ): near 0 or 1 the slope is near 0.
      BOOST_TEST(ds(j) <= lambda * std::min(s(j), 1.0 - s(j)) * (1 + 1e-12) + 1e-300);
      BOOST_TEST(dth(j) <= 2 * lambda * (1.0 - std::abs(th(j))) * (1 + 1e-12) + 1e-300);
      BOOST_TEST(std::abs(vec(t, "saturation.ratio")(j) - ds(j) / (lambda / 4)) <= 1e-12);
      if (std::abs(a(j)) < 50) {  // where std::exp and std::cosh do not overflow
        const double e = std::exp(-lambda * a(j));
        BOOST_TEST(std::abs(ds(j) - lambda * e / ((1 + e) * (1 + e))) <= 1e-12);
        BOOST_TEST(std::abs(dth(j) - lambda / std::pow(std::cosh(lambda * a(j)), 2)) <= 1e-12);
      }
    }
  }
  // The ends: |a| = 1000 gives 0 (or e^{−λ·1000} > 0 for λ < 0.75, as small) and 1, and slope 0, without
  // overflow.
  BOOST_TEST(s(0) < 1e-200);
  BOOST_TEST(s(a.size() - 1) == 1.0);
  BOOST_TEST(ds(0) < 1e-200);
  BOOST_TEST(ds(a.size() - 1) == 0.0);
  // At a = 0 the sigmoid's slope is its largest, λ/4.
  BOOST_TEST(ds.maxCoeff() == lambda / 4);
  BOOST_TEST(verdict(t, "saturation.kills").holds);
}

BOOST_DATA_TEST_CASE(the_dead_relu_has_no_gradient_and_leaky_and_elu_do, bdata::make(variants), k) {
  const nnwb::Trace t = nnwb::chapters::activations(variant(k));
  const Eigen::MatrixXd& X = mat(t, "dead.X");  // (D, N)
  const VectorXd& w = vec(t, "dead.w");
  const double b = scalar(t, "dead.b"), leak = scalar(t, "leak"), alpha = scalar(t, "alpha");
  const VectorXd& target = vec(t, "dead.t");
  // c_n = Σ_j w_j x_nj + b, by hand.
  for (Eigen::Index n = 0; n < X.cols(); ++n) {
    double c = b;
    for (Eigen::Index j = 0; j < X.rows(); ++j) c += w(j) * X(j, n);
    BOOST_TEST(std::abs(vec(t, "dead.c")(n) - c) <= 1e-12);
    BOOST_TEST(c < 0.0);
  }
  BOOST_TEST(vec(t, "dead.relu.dw").isZero(0.0));
  BOOST_TEST(scalar(t, "dead.relu.db") == 0.0);
  BOOST_TEST(scalar(t, "dead.relu.E") == 0.5 * target.squaredNorm());  // every output 0
  BOOST_TEST(verdict(t, "dead.relu.verdict").holds);
  // Leaky ReLU: δ_n = (εc_n − t_n)ε; ELU: δ_n = (α(e^c − 1) − t_n)αe^c.
  VectorXd leaky_dw = VectorXd::Zero(X.rows()), elu_dw = VectorXd::Zero(X.rows());
  double leaky_db = 0, elu_db = 0;
  for (Eigen::Index n = 0; n < X.cols(); ++n) {
    const double c = vec(t, "dead.c")(n);
    const double dl = (leak * c - target(n)) * leak, de = (alpha * (std::exp(c) - 1) - target(n)) * alpha * std::exp(c);
    leaky_dw += dl * X.col(n);
    elu_dw += de * X.col(n);
    leaky_db += dl;
    elu_db += de;
  }
  BOOST_TEST(nnwb::max_relative_error(vec(t, "dead.leaky.dw"), leaky_dw) <= 1e-12);
  BOOST_TEST(nnwb::max_relative_error(vec(t, "dead.elu.dw"), elu_dw) <= 1e-12);
  BOOST_TEST(nnwb::relative_error(scalar(t, "dead.leaky.db"), leaky_db) <= 1e-12);
  BOOST_TEST(nnwb::relative_error(scalar(t, "dead.elu.db"), elu_db) <= 1e-12);
  BOOST_TEST(leaky_db < 0.0);
  BOOST_TEST(elu_db < 0.0);
  BOOST_TEST(verdict(t, "dead.alive").holds);
}

BOOST_DATA_TEST_CASE(relu_is_sparse_and_elu_is_not, bdata::make(variants), k) {
  const nnwb::Trace t = nnwb::chapters::activations(variant(k));
  const VectorXd& c = vec(t, "layer.c");
  const double alpha = scalar(t, "alpha");
  const Eigen::MatrixXd& out = mat(t, "sparsity.outputs");  // (5, M)
  BOOST_TEST(out.rows() == 5);
  BOOST_TEST(out.cols() == c.size());
  int nonpositive = 0;
  for (Eigen::Index j = 0; j < c.size(); ++j) {
    nonpositive += c(j) <= 0 ? 1 : 0;
    BOOST_TEST(out(2, j) == std::max(0.0, c(j)));
    if (c(j) < 0) {  // ELU(c) = α(e^c − 1) ∈ (−α, 0): never 0
      BOOST_TEST(out(4, j) < 0.0);
      BOOST_TEST(out(4, j) > -alpha);
      BOOST_TEST(std::abs(out(4, j) - alpha * (std::exp(c(j)) - 1)) <= 1e-12);
    }
  }
  const VectorXd& zeros = vec(t, "sparsity.zeros");
  BOOST_TEST(zeros(2) == static_cast<double>(nonpositive) / static_cast<double>(c.size()));
  BOOST_TEST(zeros(0) == 0.0);  // the sigmoid is never 0
  BOOST_TEST(zeros(4) == 0.0);  // no c_j is 0, so ELU gives no 0 at all
  BOOST_TEST(nonpositive > 0);  // so ReLU does, and PD's claim about ELU is refuted
  BOOST_TEST(verdict(t, "sparsity.relu").holds);
  BOOST_TEST(!verdict(t, "sparsity.elu").holds);
}

BOOST_DATA_TEST_CASE(figures_show_each_function_and_its_derivative, bdata::make(variants), k) {
  const nnwb::Trace t = nnwb::chapters::activations(variant(k));
  const Closed closed = closed_of(t);
  // name → the zoo members it draws, in order, each as (function curve, derivative curve).
  const std::vector<std::pair<std::string, std::vector<std::pair<std::string, std::vector<std::string>>>>> expected = {
      {"step_sign", {{"step", {"step(a)", "step'(a)"}}, {"sign", {"sign(a)", "sign'(a)"}}}},
      {"identity", {{"identity", {"g(a) = a", "g'(a) = 1"}}}},
      {"sigmoid_tanh", {{"sigmoid", {"σ(λa)", "d/da σ(λa)"}}, {"tanh", {"tanh(λa)", "d/da tanh(λa)"}}}},
      {"relu_leaky", {{"relu", {"ReLU(a)", "ReLU'(a)"}}, {"leaky", {"leaky ReLU(a)", "leaky ReLU'(a)"}}}},
      {"elu_softplus", {{"elu", {"ELU(a)", "ELU'(a)"}}, {"softplus", {"softplus(a)", "softplus'(a) = σ(a)"}}}}};
  BOOST_TEST(t.figures().size() == expected.size());
  for (const auto& [name, members] : expected) {
    BOOST_TEST_CONTEXT("variant " << k << ", figure " << name) {
      const nnwb::Figure& figure = figure_of(t, name);
      BOOST_TEST(nnwb::figure_problems(figure).empty());
      BOOST_TEST(!figure.caption.empty());
      const nnwb::Plot& plot = std::get<nnwb::Plot>(figure.content);
      BOOST_TEST(plot.curves.size() == 2 * members.size());
      BOOST_TEST(!plot.x_label.empty());
      BOOST_TEST(!plot.y_label.empty());
      BOOST_REQUIRE(plot.x_range.has_value());
      BOOST_REQUIRE(plot.y_range.has_value());
      BOOST_TEST(plot.x_range->first == -5.0);
      BOOST_TEST(plot.x_range->second == 5.0);
      const auto [low, high] = *plot.y_range;
      double data_low = 1e300, data_high = -1e300;
      for (std::size_t m = 0; m < members.size(); ++m) {
        const std::string& id = members[m].first;
        const nnwb::Curve& g = plot.curves[2 * m];
        const nnwb::Curve& dg = plot.curves[2 * m + 1];
        BOOST_TEST(g.title == members[m].second[0]);
        BOOST_TEST(dg.title == members[m].second[1]);
        BOOST_REQUIRE(g.x.size() == 401u);
        BOOST_TEST(g.x == dg.x);
        const double step = g.x[1] - g.x[0];
        BOOST_TEST(g.x.front() == -5.0);
        BOOST_TEST(g.x.back() == 5.0);
        BOOST_TEST(g.x[200] == 0.0);  // the kinks sit exactly on a grid point
        for (std::size_t i = 0; i < g.x.size(); ++i) {
          const double x = g.x[i];
          if (x != 0.0) BOOST_TEST(std::abs(g.y[i] - closed.value(id, x)) <= 1e-12 * std::max(1.0, std::abs(x)));
          for (double y : {g.y[i], dg.y[i]}) {
            BOOST_TEST(y >= low);
            BOOST_TEST(y <= high);
            data_low = std::min(data_low, y);
            data_high = std::max(data_high, y);
          }
          // The derivative curve against the function curve's own differences, Richardson
          // extrapolated, (4D(s) − D(2s))/3 with D(s) = (y_{i+1} − y_{i−1})/2s: error O(s⁴). Not
          // where the stencil reaches a = 0 (no derivative there: a convention, not a claim).
          if (i < 2 || i + 2 >= g.x.size() || std::abs(x) <= 2.5 * step) continue;
          const double d1 = (g.y[i + 1] - g.y[i - 1]) / (g.x[i + 1] - g.x[i - 1]);
          const double d2 = (g.y[i + 2] - g.y[i - 2]) / (g.x[i + 2] - g.x[i - 2]);
          BOOST_TEST(std::abs(dg.y[i] - (4 * d1 - d2) / 3) <= 1e-3, name << " " << dg.title << " at a = " << x);
        }
      }
      // The range fits the data: no more than a margin of 0.6 beyond it on either side.
      BOOST_TEST(low >= data_low - 0.6);
      BOOST_TEST(high <= data_high + 0.6);
    }
  }
}

BOOST_AUTO_TEST_CASE(seeds_draw_other_parameters_and_recompute_follows_through) {
  const nnwb::Trace a = nnwb::chapters::activations(variant(1)), b = nnwb::chapters::activations(variant(2));
  BOOST_TEST((vec(a, "points") != vec(b, "points") || scalar(a, "lambda") != scalar(b, "lambda")));
  nnwb::Trace t = nnwb::chapters::activations({});
  t.recompute({{"lambda", 2.0}});
  const VectorXd& y = vec(t, "sigmoid.y");
  BOOST_TEST(nnwb::max_relative_error(vec(t, "sigmoid.dy"), VectorXd(2.0 * y.array() * (1.0 - y.array()))) <= 1e-15);
  BOOST_TEST(verdict(t, "sigmoid.check").holds);
}

BOOST_AUTO_TEST_SUITE_END()
