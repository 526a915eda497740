// Chapter 12, single_neuron_gd (chapters/single_neuron_gd.cpp): the forward pass and E_MSE by hand;
// each gradient against a central difference of the error written out here; the scalar and vector
// updates against each other; the batch gradient as the sum (and the mean as 1/N of it); online
// and batch training replayed with the sigmoid written out, epoch by epoch and to the end; the
// gradient claims; the figure; several seeds.
#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <string>
#include <variant>

#include "chapters.hpp"
#include "support/gradient_claims.hpp"
#include "support/trace_values.hpp"

BOOST_AUTO_TEST_SUITE(single_neuron_gd)

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

double logistic(double a) { return 1.0 / (1.0 + std::exp(-a)); }

// X with x_n0 = 1 first.
MatrixXd design(const MatrixXd& inputs) {
  MatrixXd x(inputs.rows(), inputs.cols() + 1);
  for (Eigen::Index n = 0; n < inputs.rows(); ++n) {
    x(n, 0) = 1;
    for (Eigen::Index i = 0; i < inputs.cols(); ++i) x(n, i + 1) = inputs(n, i);
  }
  return x;
}

// E_n = ½(g(wᵀx_n) − y_n)², written out.
double sample_error(const MatrixXd& x, const VectorXd& y, const VectorXd& w, Eigen::Index n) {
  double a = 0;
  for (Eigen::Index i = 0; i < w.size(); ++i) a += w[i] * x(n, i);
  return 0.5 * (logistic(a) - y[n]) * (logistic(a) - y[n]);
}

double total_error(const MatrixXd& x, const VectorXd& y, const VectorXd& w) {
  double e = 0;
  for (Eigen::Index n = 0; n < x.rows(); ++n) e += sample_error(x, y, w, n);
  return e;
}

// A central difference of a function of w, coordinate by coordinate.
template <class F>
VectorXd central_difference(F f, const VectorXd& w, double h = 1e-5) {
  VectorXd g(w.size());
  for (Eigen::Index i = 0; i < w.size(); ++i) {
    VectorXd plus = w, minus = w;
    plus[i] += h;
    minus[i] -= h;
    g[i] = (f(plus) - f(minus)) / (2 * h);
  }
  return g;
}

// One online step on sample n: w + η (y_n − ŷ_n) ŷ_n (1 − ŷ_n) x_n (CTU's form, with g' = g(1 − g)).
VectorXd online_step(const MatrixXd& x, const VectorXd& y, const VectorXd& w, double eta, Eigen::Index n) {
  double a = 0;
  for (Eigen::Index i = 0; i < w.size(); ++i) a += w[i] * x(n, i);
  const double yhat = logistic(a);
  VectorXd next = w;
  for (Eigen::Index i = 0; i < w.size(); ++i) next[i] += eta * (y[n] - yhat) * yhat * (1 - yhat) * x(n, i);
  return next;
}

// The batch gradient as the sum of the per-sample gradients, each read off CTU's step with η = 1:
// ∇E_n = w − (w + (y_n − ŷ_n) g'(a_n) x_n).
VectorXd batch_gradient(const MatrixXd& x, const VectorXd& y, const VectorXd& w) {
  VectorXd sum = VectorXd::Zero(w.size());
  for (Eigen::Index n = 0; n < x.rows(); ++n) sum += w - online_step(x, y, w, 1.0, n);
  return sum;
}

}  // namespace

BOOST_AUTO_TEST_CASE(default_is_the_and_function) {
  const nnwb::Trace t = nnwb::chapters::single_neuron_gd(ChapterOptions{});
  MatrixXd inputs(4, 2);
  inputs << 0, 0, 0, 1, 1, 0, 1, 1;
  BOOST_TEST((mat(t, "inputs") == inputs));
  BOOST_TEST((vec(t, "y") == Eigen::Vector4d(0, 0, 0, 1)));
  BOOST_TEST(scalar(t, "eta") == 0.5);
  // a = Xw(0) = (0.2, 0.2 + 0.1, 0.2 − 0.4, 0.2 − 0.4 + 0.1)
  const VectorXd& a = vec(t, "forward.a");
  BOOST_TEST(a[0] == 0.2, boost::test_tools::tolerance(1e-15));
  BOOST_TEST(a[1] == 0.3, boost::test_tools::tolerance(1e-15));
  BOOST_TEST(a[2] == -0.2, boost::test_tools::tolerance(1e-15));
  BOOST_TEST(a[3] == -0.1, boost::test_tools::tolerance(1e-15));
  BOOST_TEST(t.summary().find("are ours") != std::string::npos);
}

BOOST_DATA_TEST_CASE(forward_and_gradients_by_hand, bdata::xrange(0, 7), k) {
  const nnwb::Trace t = nnwb::chapters::single_neuron_gd(variant(k));
  const MatrixXd x = design(mat(t, "inputs"));
  const VectorXd &y = vec(t, "y"), &w = vec(t, "w_start");
  BOOST_TEST((mat(t, "data.x") == x));
  BOOST_TEST(scalar(t, "forward.e") == total_error(x, y, w), boost::test_tools::tolerance(1e-13));
  const auto full = [&](const VectorXd& v) { return total_error(x, y, v); };
  const VectorXd numeric = central_difference(full, w);
  for (const char* id : {"scalar.grad", "vector.grad", "batch.sum"})
    BOOST_TEST((vec(t, id) - numeric).cwiseAbs().maxCoeff() <= 1e-9 * (1 + numeric.norm()), id);
  VectorXd sum = VectorXd::Zero(w.size());
  for (Eigen::Index n = 0; n < x.rows(); ++n) {
    const std::string id = "sample" + std::to_string(n + 1) + ".";
    BOOST_TEST(scalar(t, id + "e") == sample_error(x, y, w, n), boost::test_tools::tolerance(1e-13));
    const VectorXd g = central_difference([&](const VectorXd& v) { return sample_error(x, y, v, n); }, w);
    BOOST_TEST((vec(t, id + "grad") - g).cwiseAbs().maxCoeff() <= 1e-9);
    sum += g;
  }
  // The batch gradient is the sum of the per-sample ones; their mean is 1/N of it.
  BOOST_TEST((vec(t, "vector.grad") - sum).cwiseAbs().maxCoeff() <= 1e-9);
  BOOST_TEST((vec(t, "mean.grad") * static_cast<double>(x.rows()) - sum).cwiseAbs().maxCoeff() <= 1e-9);
  for (const char* id : {"vector.same", "batch.is_sum", "online.bmb"}) BOOST_TEST(verdict(t, id).holds, id);
}

BOOST_DATA_TEST_CASE(scalar_and_vector_updates_agree, bdata::xrange(0, 7), k) {
  const nnwb::Trace t = nnwb::chapters::single_neuron_gd(variant(k));
  const VectorXd &w = vec(t, "w_start"), &g = vec(t, "scalar.grad");
  const double eta = scalar(t, "eta");
  for (Eigen::Index i = 0; i < w.size(); ++i) {
    BOOST_TEST(vec(t, "scalar.w")[i] == w[i] - eta * g[i], boost::test_tools::tolerance(1e-15));
    BOOST_TEST(vec(t, "vector.w")[i] == vec(t, "scalar.w")[i], boost::test_tools::tolerance(1e-14));
  }
}

BOOST_DATA_TEST_CASE(online_and_batch_replayed, bdata::xrange(0, 7), k) {
  const nnwb::Trace t = nnwb::chapters::single_neuron_gd(variant(k));
  const MatrixXd x = design(mat(t, "inputs"));
  const VectorXd& y = vec(t, "y");
  const double eta = scalar(t, "eta");
  VectorXd online = vec(t, "w_start"), batch = online;
  for (int epoch = 1; epoch <= 300; ++epoch) {
    for (Eigen::Index n = 0; n < x.rows(); ++n) {
      online = online_step(x, y, online, eta, n);
      if (epoch == 1)
        BOOST_TEST((vec(t, "online.s" + std::to_string(n + 1) + ".w") - online).cwiseAbs().maxCoeff() <= 1e-14);
    }
    if (epoch <= 3) {  // the sum of the per-sample gradients is the gradient of E_MSE
      const VectorXd numeric = central_difference([&](const VectorXd& v) { return total_error(x, y, v); }, batch);
      BOOST_TEST((batch_gradient(x, y, batch) - numeric).cwiseAbs().maxCoeff() <= 1e-9);
    }
    batch -= eta * batch_gradient(x, y, batch);
    if (epoch <= 3) {
      const std::string e = std::to_string(epoch);
      BOOST_TEST_CONTEXT("epoch " << epoch) {
        BOOST_TEST((vec(t, "online.epoch" + e + ".w") - online).cwiseAbs().maxCoeff() <= 1e-13);
        BOOST_TEST((vec(t, "batch.epoch" + e + ".w") - batch).cwiseAbs().maxCoeff() <= 1e-13);
        BOOST_TEST(scalar(t, "online.epoch" + e + ".e") == total_error(x, y, online), boost::test_tools::tolerance(1e-12));
        BOOST_TEST(scalar(t, "batch.epoch" + e + ".e") == total_error(x, y, batch), boost::test_tools::tolerance(1e-12));
      }
    }
  }
  BOOST_TEST((vec(t, "final.online.w") - online).cwiseAbs().maxCoeff() <= 1e-9 * (1 + online.norm()));
  BOOST_TEST((vec(t, "final.batch.w") - batch).cwiseAbs().maxCoeff() <= 1e-9 * (1 + batch.norm()));
  // Both learn the data: every sample on its side of ŷ = ½, the error well below its start.
  for (const VectorXd& w : {online, batch}) {
    for (Eigen::Index n = 0; n < x.rows(); ++n) BOOST_TEST(((x.row(n) * w)(0) >= 0) == (y[n] == 1.0));
    BOOST_TEST(total_error(x, y, w) < 0.5 * total_error(x, y, vec(t, "w_start")));
  }
  BOOST_TEST(verdict(t, "final.online.classified").holds);
  BOOST_TEST(verdict(t, "final.batch.classified").holds);
  BOOST_TEST(scalar(t, "epochs.differ") > 0.0);  // online is not batch
}

BOOST_DATA_TEST_CASE(claimed_gradients_agree_with_central_differences, bdata::xrange(0, 4), k) {
  const nnwb::Trace t = nnwb::chapters::single_neuron_gd(variant(k));
  const auto checks = nnwb::testing::check_gradient_claims(t);
  BOOST_TEST(checks.size() == 13u);  // 4 samples, scalar, vector, mean, 4 online samples, 2 batch epochs
  for (const auto& check : checks) BOOST_TEST_CONTEXT(check.step << " = ∂/∂" << check.wrt) {
      BOOST_TEST(check.worst_relative_error <= 1e-7);
    }
}

BOOST_AUTO_TEST_CASE(the_figure_shows_both_errors_falling) {
  const nnwb::Trace t = nnwb::chapters::single_neuron_gd(ChapterOptions{});
  BOOST_TEST(t.figures().size() == 1u);
  const auto& plot = std::get<nnwb::Plot>(t.figures()[0].content);
  BOOST_TEST(plot.curves.size() == 2u);
  BOOST_TEST(plot.curves[0].y.front() == scalar(t, "forward.e"), boost::test_tools::tolerance(1e-12));
  BOOST_TEST(plot.curves[0].y[1] == scalar(t, "online.epoch1.e"), boost::test_tools::tolerance(1e-12));
  BOOST_TEST(plot.curves[1].y[1] == scalar(t, "batch.epoch1.e"), boost::test_tools::tolerance(1e-12));
  BOOST_TEST(plot.curves[1].y.back() == scalar(t, "final.batch.e"), boost::test_tools::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(variants_differ_and_start_wrong) {
  for (int k = 1; k <= 6; ++k) {
    const nnwb::Trace t = nnwb::chapters::single_neuron_gd(variant(k));
    BOOST_TEST_CONTEXT("seed " << k) {
      const VectorXd& y = vec(t, "y");
      BOOST_TEST(y.sum() >= 1.0);
      BOOST_TEST(y.sum() <= 3.0);
      BOOST_TEST(vec(t, "vector.grad").cwiseAbs().minCoeff() >= 0.01);
    }
  }
  BOOST_TEST((mat(nnwb::chapters::single_neuron_gd(variant(1)), "inputs") !=
              mat(nnwb::chapters::single_neuron_gd(variant(2)), "inputs")));
}

BOOST_AUTO_TEST_SUITE_END()
