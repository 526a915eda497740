// The single layer (lib/single_layer.hpp): the gradients against central differences of the
// errors, the three online update rules against each other and against W − α∂E_p/∂W, the batch
// gradient as the sum of the per-sample gradients, the online epoch replayed by hand, EDI's
// transposed convention, argmax, and the shape checks.
#include "nnwb/single_layer.hpp"

#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <stdexcept>

#include "nnwb/gradient_check.hpp"
#include "nnwb/random.hpp"

BOOST_AUTO_TEST_SUITE(single_layer_lib)

namespace bdata = boost::unit_test::data;
using Eigen::MatrixXd;
using Eigen::VectorXd;
using nnwb::Activation;

namespace {

struct Problem {
  MatrixXd x, w, d;  // X: (N, n+1) with x_p0 = 1, W: (n+1, m), D: (N, m)
  Activation f;
};

// N samples, n inputs, m neurons, with tanh (even seeds) or sigmoid (odd seeds).
Problem problem(std::uint64_t seed) {
  nnwb::Rng rng(seed);
  const Eigen::Index n_samples = 3 + static_cast<Eigen::Index>(seed % 4), n = 1 + static_cast<Eigen::Index>(seed % 3),
                     m = 2 + static_cast<Eigen::Index>(seed % 3);
  Problem p;
  p.x = MatrixXd::Ones(n_samples, n + 1);
  p.x.rightCols(n) = rng.uniform(n_samples, n, -1.5, 1.5);
  p.w = rng.uniform(n + 1, m, -1, 1);
  p.f = seed % 2 == 0 ? Activation::tanh() : Activation::sigmoid();
  p.d = rng.uniform(n_samples, m, seed % 2 == 0 ? -1.0 : 0.0, 1.0);
  return p;
}

// E_p(W) by hand: ½ Σ_j (d_j − f(Σ_i x_i w_ij))².
double sample_error_by_hand(const VectorXd& x, const MatrixXd& w, const VectorXd& d, Activation f) {
  double e = 0;
  for (Eigen::Index j = 0; j < w.cols(); ++j) {
    double xi = 0;
    for (Eigen::Index i = 0; i < w.rows(); ++i) xi += x[i] * w(i, j);
    e += 0.5 * (d[j] - f.value(xi)) * (d[j] - f.value(xi));
  }
  return e;
}

}  // namespace

BOOST_DATA_TEST_CASE(forward_is_xw_then_f, bdata::xrange(1, 7), seed) {
  const Problem p = problem(static_cast<std::uint64_t>(seed));
  const MatrixXd y = nnwb::single_layer_outputs(p.x, p.w, p.f);
  for (Eigen::Index r = 0; r < p.x.rows(); ++r) {
    const VectorXd x = p.x.row(r).transpose();
    const VectorXd xi = nnwb::single_layer_potential(x, p.w);
    for (Eigen::Index j = 0; j < p.w.cols(); ++j) {
      double sum = 0;
      for (Eigen::Index i = 0; i < p.w.rows(); ++i) sum += x[i] * p.w(i, j);  // ξ_j = Σ_i x_i w_ij
      BOOST_TEST(xi[j] == sum, boost::test_tools::tolerance(1e-14));
      BOOST_TEST(y(r, j) == p.f.value(sum), boost::test_tools::tolerance(1e-14));
    }
  }
  BOOST_TEST((nnwb::single_layer_potentials(p.x, p.w) - p.x * p.w).norm() <= 1e-14);
  double sse = 0;
  for (Eigen::Index r = 0; r < p.x.rows(); ++r)
    sse += sample_error_by_hand(p.x.row(r).transpose(), p.w, p.d.row(r).transpose(), p.f);
  BOOST_TEST(nnwb::single_layer_sse(p.x, p.w, p.d, p.f) == sse, boost::test_tools::tolerance(1e-13));
}

BOOST_DATA_TEST_CASE(gradients_agree_with_central_differences, bdata::xrange(1, 7), seed) {
  const Problem p = problem(static_cast<std::uint64_t>(seed));
  MatrixXd w = p.w;
  const MatrixXd &inputs = p.x, &targets = p.d;  // captured one by one: Problem is file-local
  const Activation f = p.f;
  const MatrixXd numeric_batch =
      nnwb::numerical_gradient([&] { return nnwb::single_layer_sse(inputs, w, targets, f); }, w, 1e-5);
  BOOST_TEST(nnwb::max_relative_error(nnwb::single_layer_sse_gradient(p.x, p.w, p.d, p.f), numeric_batch) <= 1e-7);
  const VectorXd x = p.x.row(0).transpose(), d = p.d.row(0).transpose();
  const MatrixXd numeric_sample =
      nnwb::numerical_gradient([&] { return sample_error_by_hand(x, w, d, f); }, w, 1e-5);
  BOOST_TEST(nnwb::max_relative_error(nnwb::single_layer_sample_gradient(x, p.w, d, p.f), numeric_sample) <= 1e-7);
}

BOOST_DATA_TEST_CASE(the_three_rules_agree_and_descend, bdata::xrange(1, 7), seed) {
  const Problem p = problem(static_cast<std::uint64_t>(seed));
  const double alpha = 0.1;
  for (Eigen::Index r = 0; r < p.x.rows(); ++r) {
    BOOST_TEST_CONTEXT("sample " << r) {
      const VectorXd x = p.x.row(r).transpose(), d = p.d.row(r).transpose();
      const MatrixXd by_weight = nnwb::single_layer_online_step(x, p.w, d, p.f, alpha, nnwb::UpdateRule::per_weight);
      const MatrixXd by_neuron = nnwb::single_layer_online_step(x, p.w, d, p.f, alpha, nnwb::UpdateRule::per_neuron);
      const MatrixXd by_matrix = nnwb::single_layer_online_step(x, p.w, d, p.f, alpha, nnwb::UpdateRule::whole_matrix);
      BOOST_TEST((by_weight - by_matrix).cwiseAbs().maxCoeff() <= 1e-15);
      BOOST_TEST((by_neuron - by_matrix).cwiseAbs().maxCoeff() <= 1e-15);
      // The rule is a step against the gradient: W − α∂E_p/∂W.
      const MatrixXd descent = p.w - alpha * nnwb::single_layer_sample_gradient(x, p.w, d, p.f);
      BOOST_TEST((descent - by_matrix).cwiseAbs().maxCoeff() <= 1e-15);
      // A short step lowers E_p (the gradient is not 0 for these data).
      const MatrixXd short_step = nnwb::single_layer_update(x, p.w, d, p.f, 1e-3);
      BOOST_TEST(sample_error_by_hand(x, short_step, d, p.f) < sample_error_by_hand(x, p.w, d, p.f));
    }
  }
}

BOOST_DATA_TEST_CASE(batch_gradient_is_the_sum_of_sample_gradients, bdata::xrange(1, 7), seed) {
  const Problem p = problem(static_cast<std::uint64_t>(seed));
  MatrixXd sum = MatrixXd::Zero(p.w.rows(), p.w.cols());
  for (Eigen::Index r = 0; r < p.x.rows(); ++r)
    sum += nnwb::single_layer_sample_gradient(p.x.row(r).transpose(), p.w, p.d.row(r).transpose(), p.f);
  BOOST_TEST((nnwb::single_layer_sse_gradient(p.x, p.w, p.d, p.f) - sum).norm() <= 1e-13);
  const MatrixXd batch = nnwb::single_layer_batch_step(p.x, p.w, p.d, p.f, 0.05);
  BOOST_TEST((batch - (p.w - 0.05 * sum)).norm() <= 1e-13);
}

BOOST_DATA_TEST_CASE(online_epoch_replayed, bdata::xrange(1, 7), seed) {
  const Problem p = problem(static_cast<std::uint64_t>(seed));
  MatrixXd w = p.w;
  for (Eigen::Index r = 0; r < p.x.rows(); ++r) {  // CTU's GD algorithm, one sample at a time
    MatrixXd next = w;
    for (Eigen::Index i = 0; i < w.rows(); ++i)
      for (Eigen::Index j = 0; j < w.cols(); ++j) {
        double xi = 0;
        for (Eigen::Index k = 0; k < w.rows(); ++k) xi += p.x(r, k) * w(k, j);
        next(i, j) += 0.2 * (p.d(r, j) - p.f.value(xi)) * p.f.derivative(xi) * p.x(r, i);
      }
    w = next;
  }
  BOOST_TEST((nnwb::single_layer_online_epoch(p.x, p.w, p.d, p.f, 0.2) - w).norm() <= 1e-13);
}

BOOST_DATA_TEST_CASE(edi_convention_is_the_transpose, bdata::xrange(1, 7), seed) {
  // EDI: y = g(W_EDI x) with W_EDI: (m, n+1), ∂E_n/∂w_ki = (ŷ_nk − y_nk) g'(a_nk) x_ni.
  const Problem p = problem(static_cast<std::uint64_t>(seed));
  const MatrixXd w_edi = p.w.transpose();
  const VectorXd x = p.x.row(0).transpose(), t = p.d.row(0).transpose();
  const VectorXd a = w_edi * x;
  MatrixXd grad_edi(w_edi.rows(), w_edi.cols());
  for (Eigen::Index k = 0; k < w_edi.rows(); ++k)
    for (Eigen::Index i = 0; i < w_edi.cols(); ++i)
      grad_edi(k, i) = (p.f.value(a[k]) - t[k]) * p.f.derivative(a[k]) * x[i];
  BOOST_TEST((nnwb::single_layer_sample_gradient(x, p.w, t, p.f) - grad_edi.transpose()).norm() <= 1e-14);
}

BOOST_AUTO_TEST_CASE(argmax_picks_the_largest_output_first_on_ties) {
  MatrixXd y(3, 4);
  y << 0.9, -0.8, -0.9, -1, -0.2, 0.1, 0.05, -1, 0.3, 0.3, -1, -1;
  const auto classes = nnwb::winning_classes(y);
  BOOST_TEST(classes.size() == 3u);
  BOOST_TEST(classes[0] == 0);
  BOOST_TEST(classes[1] == 1);
  BOOST_TEST(classes[2] == 0);
}

BOOST_AUTO_TEST_CASE(saturated_units_are_finite) {
  // |ξ| = 1000: tanh and its slope stay finite; the gradient is 0, not NaN.
  const VectorXd x = Eigen::Vector2d(1, 1000);
  MatrixXd w(2, 2);
  w << 0, 0, 1, -1;
  const VectorXd d = Eigen::Vector2d(-1, 1);  // both confidently wrong
  const MatrixXd g = nnwb::single_layer_sample_gradient(x, w, d, Activation::tanh());
  BOOST_TEST(g.allFinite());
  BOOST_TEST(nnwb::single_layer_sample_error(x, w, d, Activation::tanh()) == 4.0, boost::test_tools::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(shapes_that_do_not_fit_are_refused) {
  const MatrixXd w = MatrixXd::Zero(3, 2);
  BOOST_CHECK_THROW(nnwb::single_layer_potential(Eigen::Vector2d(1, 2), w), std::invalid_argument);
  BOOST_CHECK_THROW(nnwb::single_layer_update(Eigen::Vector3d(1, 2, 3), w, Eigen::Vector3d(1, 2, 3),
                                              Activation::tanh(), 0.1),
                    std::invalid_argument);
  BOOST_CHECK_THROW(nnwb::single_layer_sse(MatrixXd::Ones(4, 3), w, MatrixXd::Ones(3, 2), Activation::tanh()),
                    std::invalid_argument);
  BOOST_CHECK_THROW(nnwb::single_weight_update(Eigen::Vector3d(1, 2, 3), w, Eigen::Vector2d(1, 2),
                                               Activation::tanh(), 0.1, 3, 0),
                    std::out_of_range);
}

BOOST_AUTO_TEST_SUITE_END()
