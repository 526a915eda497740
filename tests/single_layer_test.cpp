// Chapter 13, single_layer (chapters/single_layer.cpp): the slide's animal table and ±1 targets; the
// sample and batch gradients against central differences of the error written out here; the three
// update rules replayed weight by weight; EDI's transpose; the online epoch and the batch step
// replayed; the training separating the classes with either Dog row (checked by an independent
// replay); argmax against softmax; the gradient claims; several seeds.
#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <string>
#include <variant>

#include "chapters.hpp"
#include "support/gradient_claims.hpp"
#include "support/trace_values.hpp"

BOOST_AUTO_TEST_SUITE(single_layer)

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

// The slide's table (002_ddd62baf13f113f4.txt, "Neural Network with a Single Layer of Neurons"):
// Size, Fur, Speaks? | Cat, Dog, Parrot, Carp.
MatrixXd slide_inputs() {
  MatrixXd x(4, 3);
  x << -1, 0, -1, 1, 1, -1, -1, -1, 1, 0, 0, -1;
  return x;
}
MatrixXd slide_targets() {
  MatrixXd d(4, 4);
  d << 1, -1, -1, -1, -1, 1, -1, -1, -1, -1, 1, -1, 1, -1, -1, -1;
  return d;
}
MatrixXd with_ones(const MatrixXd& inputs) {
  MatrixXd x(inputs.rows(), inputs.cols() + 1);
  x.col(0).setOnes();
  x.rightCols(inputs.cols()) = inputs;
  return x;
}

// E = ½ Σ_p Σ_j (d_pj − tanh(Σ_i x_pi w_ij))², written out.
double sse(const MatrixXd& x, const MatrixXd& w, const MatrixXd& d) {
  double e = 0;
  for (Eigen::Index p = 0; p < x.rows(); ++p)
    for (Eigen::Index j = 0; j < w.cols(); ++j) {
      double xi = 0;
      for (Eigen::Index i = 0; i < w.rows(); ++i) xi += x(p, i) * w(i, j);
      e += 0.5 * (d(p, j) - std::tanh(xi)) * (d(p, j) - std::tanh(xi));
    }
  return e;
}

template <class F>
MatrixXd central_difference(F f, const MatrixXd& w, double h = 1e-5) {
  MatrixXd g(w.rows(), w.cols());
  for (Eigen::Index i = 0; i < w.rows(); ++i)
    for (Eigen::Index j = 0; j < w.cols(); ++j) {
      MatrixXd plus = w, minus = w;
      plus(i, j) += h;
      minus(i, j) -= h;
      g(i, j) = (f(plus) - f(minus)) / (2 * h);
    }
  return g;
}

// CTU's single-weight rule applied to every w_ij (from the old W): the reference for the others.
MatrixXd weight_by_weight(const MatrixXd& x, const MatrixXd& w, const MatrixXd& d, Eigen::Index p, double alpha) {
  MatrixXd next = w;
  for (Eigen::Index j = 0; j < w.cols(); ++j) {
    double xi = 0;
    for (Eigen::Index i = 0; i < w.rows(); ++i) xi += x(p, i) * w(i, j);
    const double y = std::tanh(xi);
    for (Eigen::Index i = 0; i < w.rows(); ++i) next(i, j) += alpha * (d(p, j) - y) * (1 - y * y) * x(p, i);
  }
  return next;
}

// Batch GD written as the sum of the single-weight rules over the samples.
MatrixXd batch_by_hand(const MatrixXd& x, MatrixXd w, const MatrixXd& d, double alpha, int epochs) {
  for (int e = 0; e < epochs; ++e) {
    MatrixXd step = MatrixXd::Zero(w.rows(), w.cols());
    for (Eigen::Index p = 0; p < x.rows(); ++p) step += weight_by_weight(x, w, d, p, alpha) - w;
    w += step;
  }
  return w;
}

}  // namespace

BOOST_DATA_TEST_CASE(reproduces_the_slides_table, bdata::xrange(0, 4), k) {
  const nnwb::Trace t = nnwb::chapters::single_layer(variant(k));
  BOOST_TEST((mat(t, "enc.inputs") == slide_inputs()));
  BOOST_TEST((mat(t, "enc.d") == slide_targets()));
  BOOST_TEST((mat(t, "enc.class_onehot") == (slide_targets().array() + 1.0).matrix() / 2.0));
  BOOST_TEST((mat(t, "enc.x") == with_ones(slide_inputs())));
  BOOST_TEST(t.step_at("enc.inputs").slide == "[[-1, 0, -1], [1, 1, -1], [-1, -1, 1], [0, 0, -1]]");
  // The other slide's Dog row differs in Size only.
  BOOST_TEST((vec(t, "dog_row_cat_slide") == Eigen::Vector3d(0, 1, -1)));
  BOOST_TEST(verdict(t, "dog.choice").holds);
}

BOOST_DATA_TEST_CASE(gradients_by_central_differences, bdata::xrange(0, 7), k) {
  const nnwb::Trace t = nnwb::chapters::single_layer(variant(k));
  const MatrixXd x = with_ones(slide_inputs()), d = slide_targets();
  const MatrixXd& w = mat(t, "w_start");
  BOOST_TEST(scalar(t, "batch.e") == sse(x, w, d), boost::test_tools::tolerance(1e-13));
  const MatrixXd batch = central_difference([&](const MatrixXd& v) { return sse(x, v, d); }, w);
  BOOST_TEST((mat(t, "batch.grad") - batch).cwiseAbs().maxCoeff() <= 1e-8);
  const MatrixXd x1 = x.topRows(1), d1 = d.topRows(1);
  const MatrixXd sample = central_difference([&](const MatrixXd& v) { return sse(x1, v, d1); }, w);
  BOOST_TEST(scalar(t, "one.e") == sse(x1, w, d1), boost::test_tools::tolerance(1e-13));
  BOOST_TEST((mat(t, "one.grad") - sample).cwiseAbs().maxCoeff() <= 1e-8);
  BOOST_TEST((mat(t, "edi.grad") - sample.transpose()).cwiseAbs().maxCoeff() <= 1e-8);
  for (const char* id : {"rule.agree", "edi.same", "batch.is_sum"}) BOOST_TEST(verdict(t, id).holds, id);
}

BOOST_DATA_TEST_CASE(update_rules_and_epochs_replayed, bdata::xrange(0, 7), k) {
  const nnwb::Trace t = nnwb::chapters::single_layer(variant(k));
  const MatrixXd x = with_ones(slide_inputs()), d = slide_targets();
  const MatrixXd& w = mat(t, "w_start");
  const double alpha = scalar(t, "alpha");
  const MatrixXd first = weight_by_weight(x, w, d, 0, alpha);
  for (const char* id : {"rule.weight", "rule.neuron", "rule.matrix", "online.s1.w"})
    BOOST_TEST((mat(t, id) - first).cwiseAbs().maxCoeff() <= 1e-15, id);
  MatrixXd online = w;
  for (Eigen::Index p = 0; p < 4; ++p) {
    online = weight_by_weight(x, online, d, p, alpha);
    BOOST_TEST((mat(t, "online.s" + std::to_string(p + 1) + ".w") - online).cwiseAbs().maxCoeff() <= 1e-14);
  }
  BOOST_TEST(scalar(t, "online.e") == sse(x, online, d), boost::test_tools::tolerance(1e-12));
  BOOST_TEST((mat(t, "batch.w") - batch_by_hand(x, w, d, alpha, 1)).cwiseAbs().maxCoeff() <= 1e-14);
  BOOST_TEST(scalar(t, "batch.e1") < scalar(t, "batch.e"));
}

BOOST_DATA_TEST_CASE(training_separates_the_classes_with_either_dog_row, bdata::xrange(0, 7), k) {
  const nnwb::Trace t = nnwb::chapters::single_layer(variant(k));
  const MatrixXd d = slide_targets();
  const double alpha = scalar(t, "alpha");
  MatrixXd other = slide_inputs();
  other(1, 0) = 0;  // the one-neuron Cat table's Dog: (0, 1, −1)
  for (const bool ours : {true, false}) {
    BOOST_TEST_CONTEXT((ours ? "Dog = (1, 1, -1)" : "Dog = (0, 1, -1)")) {
      const MatrixXd x = with_ones(ours ? slide_inputs() : other);
      const MatrixXd w = batch_by_hand(x, mat(t, "w_start"), d, alpha, 100);
      BOOST_TEST((mat(t, ours ? "train.w" : "dog.w") - w).cwiseAbs().maxCoeff() <= 1e-10 * (1 + w.norm()));
      const MatrixXd y = (x * w).array().tanh().matrix();
      for (Eigen::Index p = 0; p < 4; ++p) {
        Eigen::Index best = 0;
        y.row(p).maxCoeff(&best);
        Eigen::Index wanted = 0;
        d.row(p).maxCoeff(&wanted);
        BOOST_TEST(best == wanted);
        const std::string winners = ours ? "train.argmax" : "dog.argmax";
        BOOST_TEST(vec(t, winners)[p] == static_cast<double>(wanted + 1));
      }
      BOOST_TEST(sse(x, w, d) < 0.25 * sse(x, mat(t, "w_start"), d));
    }
  }
  BOOST_TEST(verdict(t, "train.verdict").holds);
  BOOST_TEST(verdict(t, "dog.verdict").holds);
  BOOST_TEST(std::abs(vec(t, "dog.det")[0]) > 0.5);
  BOOST_TEST(std::abs(vec(t, "dog.det")[1]) > 0.5);
}

BOOST_DATA_TEST_CASE(softmax_keeps_the_winner_and_sums_to_one, bdata::xrange(0, 4), k) {
  const nnwb::Trace t = nnwb::chapters::single_layer(variant(k));
  const MatrixXd &y = mat(t, "train.y"), &p = mat(t, "train.softmax");
  for (Eigen::Index r = 0; r < y.rows(); ++r) {
    double total = 0;
    for (Eigen::Index j = 0; j < y.cols(); ++j) total += std::exp(y(r, j));
    for (Eigen::Index j = 0; j < y.cols(); ++j) BOOST_TEST(p(r, j) == std::exp(y(r, j)) / total, boost::test_tools::tolerance(1e-14));
  }
  BOOST_TEST((vec(t, "train.softmax_argmax") == vec(t, "train.argmax")));
  // tanh outputs lie in (−1, 1): no probability reaches e/(e + 3/e).
  BOOST_TEST(scalar(t, "train.softmax_cap") == std::exp(1.0) / (std::exp(1.0) + 3 * std::exp(-1.0)),
             boost::test_tools::tolerance(1e-14));
  BOOST_TEST(p.maxCoeff() < scalar(t, "train.softmax_cap"));
}

BOOST_DATA_TEST_CASE(claimed_gradients_agree_with_central_differences, bdata::xrange(0, 4), k) {
  const nnwb::Trace t = nnwb::chapters::single_layer(variant(k));
  const auto checks = nnwb::testing::check_gradient_claims(t);
  BOOST_TEST(checks.size() == 3u);  // one.grad, edi.grad, batch.grad
  for (const auto& check : checks) BOOST_TEST_CONTEXT(check.step << " = ∂/∂" << check.wrt) {
      BOOST_TEST(check.worst_relative_error <= 1e-7);
    }
}

BOOST_AUTO_TEST_CASE(default_and_variants) {
  const nnwb::Trace t = nnwb::chapters::single_layer(ChapterOptions{});
  BOOST_TEST(scalar(t, "alpha") == 0.1);
  BOOST_TEST(t.summary().find("are ours") != std::string::npos);
  BOOST_TEST(t.figures().size() == 1u);
  const auto& plot = std::get<nnwb::Plot>(t.figures()[0].content);
  BOOST_TEST(plot.curves.size() == 2u);
  BOOST_TEST(plot.curves[0].y.front() == scalar(t, "batch.e"), boost::test_tools::tolerance(1e-12));
  BOOST_TEST(plot.curves[0].y[1] == scalar(t, "batch.e1"), boost::test_tools::tolerance(1e-12));
  BOOST_TEST(plot.curves[0].y.back() == scalar(t, "train.e"), boost::test_tools::tolerance(1e-12));
  const MatrixXd w1 = mat(nnwb::chapters::single_layer(variant(1)), "w_start"),
                 w2 = mat(nnwb::chapters::single_layer(variant(2)), "w_start");
  BOOST_TEST((w1 != w2));
}

BOOST_AUTO_TEST_SUITE_END()
