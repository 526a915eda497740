// Chapter training (chapters/training.cpp), at the reduced size, on the default and several seeds:
//   - BMB's loop on the library gives, iteration for iteration, the loss of the slide's loop written
//     out here directly in Eigen, in the slide's own row layout (relative 1e−12), and the loss falls;
//   - the first iteration's grad_w1 and grad_w2 against that loop, and grad_w1 against central
//     differences of the loss written out here;
//   - batch learning's curve against full-batch gradient descent written out here; online learning
//     against a loop over the same shuffled order, written out here;
//   - momentum's run against the recurrence Δw(s) = −η∂E/∂w + αΔw(s−1) written out here;
//   - the L2 penalty from the weights, its verdicts, the stopping rules' curves;
//   - the figures as data: curves, titles, ranges, first and last points equal to the trace's values.
#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "chapters.hpp"
#include "nnwb/optimiser.hpp"
#include "support/trace_values.hpp"

BOOST_AUTO_TEST_SUITE(training)

namespace bdata = boost::unit_test::data;
using nnwb::testing::mat;
using nnwb::testing::scalar;
using nnwb::testing::variant;
using nnwb::testing::vec;
using nnwb::testing::verdict;

namespace {

// The slide's NumPy loop, line by line, in Eigen (rows are samples).
struct SlideLoop {
  std::vector<double> losses;
  Eigen::MatrixXd grad_w1_first, grad_w2_first;
};
SlideLoop slide_loop(Eigen::MatrixXd x, Eigen::MatrixXd y, Eigen::MatrixXd w1, Eigen::MatrixXd w2, double eta, int T) {
  SlideLoop out;
  for (int t = 0; t < T; ++t) {
    const Eigen::MatrixXd h = (1.0 + (-(x * w1)).array().exp()).inverse().matrix();  // h = 1/(1 + exp(−x·w1))
    const Eigen::MatrixXd y_pred = h * w2;
    out.losses.push_back((y_pred - y).array().square().sum());  // loss = Σ(y_pred − y)²
    const Eigen::MatrixXd grad_y_pred = 2.0 * (y_pred - y);
    const Eigen::MatrixXd grad_w2 = h.transpose() * grad_y_pred;
    const Eigen::MatrixXd grad_h = grad_y_pred * w2.transpose();
    const Eigen::MatrixXd grad_w1 = x.transpose() * (grad_h.array() * h.array() * (1.0 - h.array())).matrix();
    if (t == 0) out.grad_w1_first = grad_w1, out.grad_w2_first = grad_w2;
    w1 -= eta * grad_w1;
    w2 -= eta * grad_w2;
  }
  return out;
}

double slide_loss(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y, const Eigen::MatrixXd& w1, const Eigen::MatrixXd& w2) {
  const Eigen::MatrixXd h = (1.0 + (-(x * w1)).array().exp()).inverse().matrix();
  return (h * w2 - y).array().square().sum();
}

// The task's 2-4-1 network (tanh, linear output) written out: E = ½Σ(y − t)² and its gradients.
struct Net {
  Eigen::MatrixXd W1, W2;
  Eigen::VectorXd b1, b2;
};
Net task_net(const nnwb::Trace& t) { return {mat(t, "net.W1"), mat(t, "net.W2"), vec(t, "net.b1"), vec(t, "net.b2")}; }
double error(const Net& n, const Eigen::MatrixXd& X, const Eigen::MatrixXd& T) {
  const Eigen::MatrixXd z = ((n.W1 * X).colwise() + n.b1).array().tanh().matrix();
  return 0.5 * (((n.W2 * z).colwise() + n.b2) - T).squaredNorm();
}
void descend(Net& n, const Eigen::MatrixXd& X, const Eigen::MatrixXd& T, double eta) {
  const Eigen::MatrixXd z = ((n.W1 * X).colwise() + n.b1).array().tanh().matrix();  // (4, n)
  const Eigen::MatrixXd d2 = ((n.W2 * z).colwise() + n.b2) - T;                        // y − t: (1, n)
  const Eigen::MatrixXd d1 = ((n.W2.transpose() * d2).array() * (1.0 - z.array().square())).matrix();
  const Eigen::MatrixXd gW2 = d2 * z.transpose(), gW1 = d1 * X.transpose();
  const Eigen::VectorXd gb2 = d2.rowwise().sum(), gb1 = d1.rowwise().sum();
  n.W2 -= eta * gW2, n.b2 -= eta * gb2, n.W1 -= eta * gW1, n.b1 -= eta * gb1;
}

const nnwb::Plot& plot_named(const nnwb::Trace& t, const std::string& name) {
  for (const auto& f : t.figures())
    if (f.name == name) return std::get<nnwb::Plot>(f.content);
  throw std::out_of_range(name);
}

}  // namespace

BOOST_DATA_TEST_CASE(bmb_loop_equals_the_slide_loop_iteration_for_iteration, bdata::xrange(0, 4), k) {
  const nnwb::Trace t = nnwb::chapters::training(variant(k));
  const Eigen::MatrixXd& x = mat(t, "bmb.x");
  BOOST_TEST(x.rows() == 8);  // the reduced size by default: N = 8, 20-10-2, 200 iterations
  BOOST_TEST(x.cols() == 20);
  BOOST_TEST(mat(t, "bmb.w1").cols() == 10);
  BOOST_TEST(mat(t, "bmb.y").cols() == 2);
  BOOST_TEST(scalar(t, "bmb.eta") == 1e-4);
  const int T = static_cast<int>(scalar(t, "bmb.T"));
  BOOST_TEST(T == 200);
  const SlideLoop loop = slide_loop(x, mat(t, "bmb.y"), mat(t, "bmb.w1"), mat(t, "bmb.w2"), 1e-4, T);
  const Eigen::VectorXd& losses = vec(t, "bmb.losses");
  BOOST_TEST(losses.size() == T);
  BOOST_TEST_CONTEXT("variant " << k) {
    for (int s = 0; s < T; ++s) BOOST_TEST(losses[s] == loop.losses[static_cast<std::size_t>(s)], boost::test_tools::tolerance(1e-12));
    // The loss falls, at every iteration at this small learning rate.
    BOOST_TEST(losses[T - 1] < losses[0]);
    for (int s = 1; s < T; ++s) BOOST_TEST(losses[s] < losses[s - 1]);
    BOOST_TEST(verdict(t, "bmb.falls").holds);
    BOOST_TEST(verdict(t, "bmb.first").holds);
    BOOST_TEST(scalar(t, "bmb.loss0") == loop.losses[0], boost::test_tools::tolerance(1e-13));
    // The printed losses are every tenth.
    const Eigen::VectorXd& printed = vec(t, "bmb.printed");
    BOOST_TEST(printed[0] == losses[0]);
    BOOST_TEST(printed[5] == losses[T / 2]);
    BOOST_TEST(printed[10] == losses[T - 1]);
    // The first iteration's gradients.
    BOOST_TEST((mat(t, "bmb.grad_w1") - loop.grad_w1_first).cwiseAbs().maxCoeff() <= 1e-12 * (1.0 + loop.grad_w1_first.cwiseAbs().maxCoeff()));
    BOOST_TEST((mat(t, "bmb.grad_w2") - loop.grad_w2_first).cwiseAbs().maxCoeff() <= 1e-12 * (1.0 + loop.grad_w2_first.cwiseAbs().maxCoeff()));
  }
}

BOOST_AUTO_TEST_CASE(grad_w1_and_grad_w2_agree_with_central_differences) {
  const nnwb::Trace t = nnwb::chapters::training({});
  const Eigen::MatrixXd& x = mat(t, "bmb.x");
  const Eigen::MatrixXd& y = mat(t, "bmb.y");
  const Eigen::MatrixXd& w1 = mat(t, "bmb.w1");
  const Eigen::MatrixXd& w2 = mat(t, "bmb.w2");
  const Eigen::MatrixXd& g = mat(t, "bmb.grad_w1");
  const double h = 1e-5;
  for (Eigen::Index i = 0; i < w1.rows(); i += 3)
    for (Eigen::Index j = 0; j < w1.cols(); j += 2) {
      Eigen::MatrixXd plus = w1, minus = w1;
      plus(i, j) += h;
      minus(i, j) -= h;
      const double numeric = (slide_loss(x, y, plus, w2) - slide_loss(x, y, minus, w2)) / (2 * h);
      BOOST_TEST(std::abs(numeric - g(i, j)) <= 1e-6 * (1.0 + g.cwiseAbs().maxCoeff()));
    }
  const Eigen::MatrixXd& g2 = mat(t, "bmb.grad_w2");
  for (Eigen::Index i = 0; i < w2.rows(); ++i)
    for (Eigen::Index j = 0; j < w2.cols(); ++j) {
      Eigen::MatrixXd plus = w2, minus = w2;
      plus(i, j) += h;
      minus(i, j) -= h;
      const double numeric = (slide_loss(x, y, w1, plus) - slide_loss(x, y, w1, minus)) / (2 * h);
      BOOST_TEST(std::abs(numeric - g2(i, j)) <= 1e-6 * (1.0 + g2.cwiseAbs().maxCoeff()));
    }
}

BOOST_DATA_TEST_CASE(batch_and_online_learning_against_loops_written_out, bdata::xrange(0, 3), k) {
  const nnwb::Trace t = nnwb::chapters::training(variant(k));
  const Eigen::MatrixXd& X = mat(t, "data.X");
  const Eigen::MatrixXd& T = mat(t, "data.t");
  const double eta = scalar(t, "present.eta");
  const int epochs = static_cast<int>(scalar(t, "present.epochs"));
  BOOST_TEST_CONTEXT("variant " << k) {
    // Batch: one full-batch update per epoch.
    Net batch = task_net(t);
    const Eigen::VectorXd& batch_curve = vec(t, "present.batch");
    BOOST_TEST(batch_curve.size() == epochs + 1);
    BOOST_TEST(batch_curve[0] == error(batch, X, T), boost::test_tools::tolerance(1e-12));
    BOOST_TEST(scalar(t, "present.E0") == error(batch, X, T), boost::test_tools::tolerance(1e-12));
    for (int e = 1; e <= epochs; ++e) {
      descend(batch, X, T, eta);
      BOOST_TEST(batch_curve[e] == error(batch, X, T), boost::test_tools::tolerance(1e-10));
    }
    // Online: each epoch a fresh order from the chapter's shuffling seed, one sample per update.
    Net online = task_net(t);
    nnwb::Rng rng(static_cast<std::uint64_t>(scalar(t, "present.shuffle_seed")));
    const Eigen::VectorXd& online_curve = vec(t, "present.online");
    for (int e = 1; e <= epochs; ++e) {
      const auto order = nnwb::shuffled_order(X.cols(), rng);
      if (e == 1)
        for (std::size_t i = 0; i < order.size(); ++i)
          BOOST_TEST(vec(t, "present.order")[static_cast<Eigen::Index>(i)] == static_cast<double>(order[i] + 1));
      for (const Eigen::Index n : order) descend(online, X.col(n), T.col(n), eta);
      BOOST_TEST(online_curve[e] == error(online, X, T), boost::test_tools::tolerance(1e-9));
    }
    // Updates per epoch and the batch gradient as a sum.
    const double B = scalar(t, "present.B");
    BOOST_TEST((vec(t, "present.updates") == Eigen::Vector3d(16, 1, std::ceil(16 / B))));
    BOOST_TEST(verdict(t, "present.sum_agrees").holds);
    // Every strategy lowers E over its epochs.
    for (const char* id : {"present.online", "present.batch", "present.minibatch", "present.momentum"})
      BOOST_TEST(vec(t, id).tail(1)[0] < vec(t, id)[0], id);
  }
}

BOOST_DATA_TEST_CASE(momentum_against_its_recurrence, bdata::xrange(0, 4), k) {
  const nnwb::Trace t = nnwb::chapters::training(variant(k));
  const double x = scalar(t, "mom.x"), target = scalar(t, "mom.t"), eta = scalar(t, "mom.eta"), alpha = scalar(t, "mom.alpha");
  double w = scalar(t, "mom.w0"), delta = 0.0;
  const Eigen::VectorXd& run = vec(t, "mom.run");
  const Eigen::VectorXd& plain = vec(t, "mom.plain");
  BOOST_TEST(run[0] == w);
  double w_plain = w;
  for (Eigen::Index s = 1; s < run.size(); ++s) {
    delta = -eta * (w * x - target) * x + alpha * delta;  // Δw(s) = −η ∂E/∂w + α Δw(s−1)
    w += delta;
    w_plain -= eta * (w_plain * x - target) * x;
    BOOST_TEST(std::abs(run[s] - w) <= 1e-13);
    BOOST_TEST(std::abs(plain[s] - w_plain) <= 1e-13);
    if (s == 1) BOOST_TEST(std::abs(scalar(t, "mom.delta1") - delta) <= 1e-15);
    if (s == 2) BOOST_TEST(std::abs(scalar(t, "mom.delta2") - delta) <= 1e-15);
  }
  BOOST_TEST(verdict(t, "mom.agree").holds);
  BOOST_TEST(verdict(t, "mom.same_start").holds);
  // The roots of r² − (1 + α − ηk)r + α: their product is α.
  const Eigen::VectorXd& roots = vec(t, "mom.roots");
  BOOST_TEST(roots[0] * roots[1] == alpha, boost::test_tools::tolerance(1e-12));
}

BOOST_DATA_TEST_CASE(l2_and_stopping, bdata::xrange(0, 3), k) {
  const nnwb::Trace t = nnwb::chapters::training(variant(k));
  const double lambda = scalar(t, "l2.lambda");
  const double penalty = 0.5 * lambda * (mat(t, "l2.W1").squaredNorm() + mat(t, "l2.W2").squaredNorm());
  BOOST_TEST(scalar(t, "l2.penalty") == penalty, boost::test_tools::tolerance(1e-14));
  // ∂J/∂b has no λ term: the same as ∂J/∂b at λ = 0.
  nnwb::Trace no_l2 = t;
  no_l2.recompute({{"l2.lambda", 0.0}});
  BOOST_TEST((vec(no_l2, "l2.grad_b1") == vec(t, "l2.grad_b1")));
  BOOST_TEST((mat(t, "l2.grad_W1") - mat(no_l2, "l2.grad_W1") - lambda * mat(t, "l2.W1")).cwiseAbs().maxCoeff() <= 1e-15);
  BOOST_TEST(verdict(t, "l2.decay").holds);
  BOOST_TEST(verdict(t, "l2.bias_alone").holds);
  BOOST_TEST(verdict(t, "l2.bmb_sign").holds);
  // Early stopping ends `patience` epochs after the lowest validation error.
  const Eigen::MatrixXd& curves = mat(t, "stop.curves");
  Eigen::Index best = 0;
  curves.row(1).minCoeff(&best);
  BOOST_TEST(curves.cols() - 1 - best == static_cast<Eigen::Index>(scalar(t, "stop.patience")));
  BOOST_TEST(verdict(t, "stop.early").text.find("early stopping") != std::string::npos);
  BOOST_TEST(scalar(t, "stop.E_min") == scalar(t, "stop.E_fraction") * scalar(t, "present.E0"));
}

BOOST_DATA_TEST_CASE(figures_hold_the_traces_losses, bdata::xrange(0, 3), k) {
  const nnwb::Trace t = nnwb::chapters::training(variant(k));
  BOOST_TEST(t.figures().size() == 4u);
  for (const auto& f : t.figures()) BOOST_TEST(nnwb::figure_problems(f).empty(), f.name);
  {
    const nnwb::Plot& p = plot_named(t, "bmb_loss");
    const Eigen::VectorXd& losses = vec(t, "bmb.losses");
    BOOST_TEST(p.curves.size() == 1u);
    BOOST_TEST(p.curves[0].title == "BMB's loop on the library");
    BOOST_TEST(p.curves[0].y.size() == static_cast<std::size_t>(losses.size()));
    BOOST_TEST(p.curves[0].y.front() == losses[0]);
    BOOST_TEST(p.curves[0].y.back() == losses[losses.size() - 1]);
    BOOST_TEST(p.curves[0].x.front() == 0.0);
    BOOST_TEST(p.curves[0].x.back() == static_cast<double>(losses.size() - 1));
    BOOST_REQUIRE(p.x_range.has_value());
    BOOST_REQUIRE(p.y_range.has_value());
    BOOST_TEST(p.x_range->first == 0.0);
    BOOST_TEST(p.x_range->second == static_cast<double>(losses.size() - 1));
    BOOST_TEST(p.y_range->first == 0.0);
    BOOST_TEST(p.y_range->second >= losses.maxCoeff());
  }
  {
    const nnwb::Plot& p = plot_named(t, "strategies");
    BOOST_TEST(p.curves.size() == 4u);
    const char* ids[] = {"present.online", "present.batch", "present.minibatch", "present.momentum"};
    const char* titles[] = {"online (B = 1)", "batch (B = N)", "mini-batch", "mini-batch with momentum"};
    for (std::size_t c = 0; c < 4; ++c) {
      const Eigen::VectorXd& curve = vec(t, ids[c]);
      BOOST_TEST(p.curves[c].title == titles[c]);
      BOOST_TEST(p.curves[c].y.front() == scalar(t, "present.E0"));
      BOOST_TEST(p.curves[c].y.back() == curve[curve.size() - 1]);
      BOOST_TEST(p.curves[c].y.back() == vec(t, "present.compare")[static_cast<Eigen::Index>(c)]);
      BOOST_TEST(p.y_range->second >= curve.maxCoeff());
    }
    BOOST_TEST(p.x_range->second == scalar(t, "present.epochs"));
  }
  {
    const nnwb::Plot& p = plot_named(t, "momentum");
    BOOST_TEST(p.curves.size() == 3u);
    BOOST_TEST(p.curves[0].y.back() == vec(t, "mom.run").tail(1)[0]);
    BOOST_TEST((p.curves[1].style == nnwb::Curve::Style::points));
  }
  {
    const nnwb::Plot& p = plot_named(t, "early_stopping");
    const Eigen::MatrixXd& curves = mat(t, "stop.curves");
    BOOST_TEST(p.curves.size() == 2u);
    BOOST_TEST(p.curves[1].y.back() == curves(1, curves.cols() - 1));
  }
}

BOOST_AUTO_TEST_CASE(at_the_reduced_size_the_hidden_layer_is_partly_saturated) {
  // With D_in inputs of variance 1 and weights of variance 1, a hidden pre-activation has variance
  // D_in (20 here): |a| > 4.6 for about 30% of them. The chapter reports the share and how far w1
  // and w2 moved.
  const nnwb::Trace t = nnwb::chapters::training({});
  const double share = scalar(t, "bmb.saturated_start");
  BOOST_TEST(share > 0.1);
  BOOST_TEST(share < 0.6);
  BOOST_TEST(scalar(t, "bmb.w1_moved") > 0.0);
  BOOST_TEST(scalar(t, "bmb.w2_moved") > scalar(t, "bmb.w1_moved"));
}

BOOST_AUTO_TEST_SUITE_END()
