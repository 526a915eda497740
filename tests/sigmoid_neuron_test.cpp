// One sigmoid output node (lib/sigmoid_neuron.hpp): E_MSE and E_H against sums written out from
// EDI's definitions, both gradients against central differences on seeds, and finite losses for
// weights so large that ŷ rounds to 0 or 1.
#include "nnwb/sigmoid_neuron.hpp"

#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "nnwb/gradient_check.hpp"
#include "nnwb/random.hpp"

BOOST_AUTO_TEST_SUITE(sigmoid_neuron)

namespace bdata = boost::unit_test::data;

namespace {

// A small data set: N samples, x_n0 = 1 and d features, targets 0 or 1.
struct DataSet {
  Eigen::MatrixXd x;
  Eigen::VectorXd y;
};

DataSet draw(nnwb::Rng& rng, Eigen::Index n, Eigen::Index d) {
  DataSet s{Eigen::MatrixXd::Ones(n, d + 1), Eigen::VectorXd(n)};
  for (Eigen::Index i = 0; i < n; ++i) {
    for (Eigen::Index j = 1; j <= d; ++j) s.x(i, j) = rng.decimal(-2, 2, 1);
    s.y[i] = static_cast<double>(rng.integer(0, 1));
  }
  return s;
}

}  // namespace

BOOST_AUTO_TEST_CASE(losses_are_edis_sums) {
  // Two samples, written out by hand: a = (0.5·1 − 1·2, 0.5·1 − 1·(−1)) = (−1.5, 1.5).
  Eigen::MatrixXd x(2, 2);
  x << 1, 2, 1, -1;
  const Eigen::VectorXd w = Eigen::Vector2d(0.5, -1), y = Eigen::Vector2d(1, 0);
  const double s = 1.0 / (1.0 + std::exp(1.5));  // ŷ_1 = g(−1.5); ŷ_2 = g(1.5) = 1 − s
  const Eigen::VectorXd pre = nnwb::sigmoid_neuron_pre_activation(x, w);
  BOOST_TEST(pre[0] == -1.5);
  BOOST_TEST(pre[1] == 1.5);
  BOOST_TEST(nnwb::sigmoid_neuron_output(x, w)[0] == s, boost::test_tools::tolerance(1e-15));
  // E_MSE = ½[(s − 1)² + (1 − s − 0)²] = (1 − s)²
  BOOST_TEST(nnwb::sigmoid_neuron_squared_error(x, w, y) == (1 - s) * (1 - s), boost::test_tools::tolerance(1e-14));
  // E_H = −½[log s + log(1 − (1 − s))] = −log s
  BOOST_TEST(nnwb::sigmoid_neuron_cross_entropy(x, w, y) == -std::log(s), boost::test_tools::tolerance(1e-14));
  // ∂E_H/∂w = ½[(s − 1)(1, 2) + (1 − s)(1, −1)] = ½(1 − s)(0, −3)
  const Eigen::VectorXd g = nnwb::sigmoid_neuron_cross_entropy_gradient(x, w, y);
  BOOST_TEST(std::abs(g[0]) <= 1e-15);
  BOOST_TEST(g[1] == -1.5 * (1 - s), boost::test_tools::tolerance(1e-14));
  // ∂E_MSE/∂w = (s − 1)s(1 − s)(1, 2) + (1 − s)(1 − s)s(1, −1) = s(1 − s)²(0, −3)
  const Eigen::VectorXd m = nnwb::sigmoid_neuron_squared_error_gradient(x, w, y);
  BOOST_TEST(std::abs(m[0]) <= 1e-15);
  BOOST_TEST(m[1] == -3 * s * (1 - s) * (1 - s), boost::test_tools::tolerance(1e-14));
}

BOOST_DATA_TEST_CASE(gradients_match_central_differences, bdata::xrange(1, 9), seed) {
  nnwb::Rng rng(static_cast<std::uint64_t>(seed));
  const DataSet s = draw(rng, 4, 2);
  const Eigen::VectorXd w = rng.decimals(3, -1.5, 1.5, 1);
  const Eigen::MatrixXd x = s.x;
  const Eigen::VectorXd y = s.y;
  const auto mse = [&](const Eigen::VectorXd& v) { return nnwb::sigmoid_neuron_squared_error(x, v, y); };
  const auto ce = [&](const Eigen::VectorXd& v) { return nnwb::sigmoid_neuron_cross_entropy(x, v, y); };
  BOOST_TEST(nnwb::max_relative_error(nnwb::sigmoid_neuron_squared_error_gradient(s.x, w, s.y),
                                      nnwb::numerical_gradient(mse, w)) <= 1e-7);
  BOOST_TEST(nnwb::max_relative_error(nnwb::sigmoid_neuron_cross_entropy_gradient(s.x, w, s.y),
                                      nnwb::numerical_gradient(ce, w)) <= 1e-7);
}

BOOST_DATA_TEST_CASE(cross_entropy_gradient_is_the_chain_collapsed, bdata::xrange(1, 9), seed) {
  // (1/N) Σ_n [−y_n/ŷ_n + (1 − y_n)/(1 − ŷ_n)] ŷ_n(1 − ŷ_n) x_n, the chain before it collapses.
  nnwb::Rng rng(static_cast<std::uint64_t>(seed) + 100);
  const DataSet s = draw(rng, 5, 1);
  const Eigen::VectorXd w = rng.decimals(2, -1, 1, 1);
  Eigen::VectorXd chain = Eigen::VectorXd::Zero(2);
  for (Eigen::Index n = 0; n < 5; ++n) {
    const double a = s.x.row(n).dot(w), yhat = 1.0 / (1.0 + std::exp(-a)), y = s.y[n];
    chain += (-y / yhat + (1 - y) / (1 - yhat)) * yhat * (1 - yhat) * s.x.row(n).transpose() / 5.0;
  }
  BOOST_TEST(nnwb::max_relative_error(nnwb::sigmoid_neuron_cross_entropy_gradient(s.x, w, s.y), chain) <= 1e-12);
}

BOOST_AUTO_TEST_CASE(stable_when_the_output_saturates) {
  // a = ±1000: ŷ rounds to 0 or 1, yet E_H stays finite (≈ 1000 per wrong sample) and its
  // gradient stays (ŷ − y)x/N, while E_MSE's gradient is 0.
  Eigen::MatrixXd x(2, 2);
  x << 1, 1, 1, -1;
  const Eigen::VectorXd w = Eigen::Vector2d(0, -1000), y = Eigen::Vector2d(1, 0);
  const double e = nnwb::sigmoid_neuron_cross_entropy(x, w, y);
  BOOST_TEST(std::isfinite(e));
  BOOST_TEST(e == 1000.0, boost::test_tools::tolerance(1e-12));
  const Eigen::VectorXd g = nnwb::sigmoid_neuron_cross_entropy_gradient(x, w, y);
  BOOST_TEST(g[0] == 0.0);                                         // ½[(0 − 1) + (1 − 0)]
  BOOST_TEST(g[1] == -1.0);                                        // ½[(0 − 1)·1 + (1 − 0)·(−1)]
  BOOST_TEST(nnwb::sigmoid_neuron_squared_error(x, w, y) == 1.0);  // ½(1 + 1)
  BOOST_TEST(nnwb::sigmoid_neuron_squared_error_gradient(x, w, y).norm() == 0.0);
}

BOOST_AUTO_TEST_CASE(rejects_mismatched_shapes) {
  const Eigen::MatrixXd x = Eigen::MatrixXd::Ones(3, 2);
  BOOST_CHECK_THROW(nnwb::sigmoid_neuron_output(x, Eigen::VectorXd::Ones(3)), std::invalid_argument);
  BOOST_CHECK_THROW(nnwb::sigmoid_neuron_cross_entropy(x, Eigen::VectorXd::Ones(2), Eigen::VectorXd::Ones(2)),
                    std::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()
