// Losses and their gradients (lib/losses.hpp): gradients against central differences on random
// inputs, closed forms, and no log 0.
#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "nnwb/activations.hpp"
#include "nnwb/gradient_check.hpp"
#include "nnwb/losses.hpp"
#include "nnwb/random.hpp"
#include "nnwb/softmax.hpp"

BOOST_AUTO_TEST_SUITE(losses)

namespace bdata = boost::unit_test::data;
using Eigen::VectorXd;

namespace {

// A random probability vector strictly inside (0, 1), and targets.
VectorXd probabilities(nnwb::Rng& rng, Eigen::Index n) {
  VectorXd p(n);
  for (Eigen::Index i = 0; i < n; ++i) p[i] = rng.uniform(0.05, 0.95);
  return p;
}

void check_gradient(const std::function<double(const VectorXd&)>& f, const VectorXd& analytic,
                    const VectorXd& at, const char* what) {
  const VectorXd numeric = nnwb::numerical_gradient(f, at);
  BOOST_TEST_CONTEXT(what) { BOOST_TEST(nnwb::max_relative_error(analytic, numeric) <= 1e-7); }
}

}  // namespace

BOOST_DATA_TEST_CASE(gradients_match_central_differences, bdata::xrange(1, 8), seed) {
  nnwb::Rng rng(static_cast<std::uint64_t>(seed));
  const Eigen::Index n = 2 + seed % 4;
  const VectorXd y = probabilities(rng, n);
  VectorXd t(n);
  for (Eigen::Index i = 0; i < n; ++i) t[i] = static_cast<double>(rng.integer(0, 1));
  const VectorXd a = rng.uniform(n, 1, -4.0, 4.0);
  const VectorXd onehot = nnwb::one_hot(rng.integer(0, n - 1), n);
  const Eigen::Index c = rng.integer(0, n - 1);

  check_gradient([&](const VectorXd& v) { return nnwb::sse(v, t); }, nnwb::sse_gradient(y, t), y, "sse");
  check_gradient([&](const VectorXd& v) { return nnwb::mse(v, t); }, nnwb::mse_gradient(y, t), y, "mse");
  check_gradient([&](const VectorXd& v) { return nnwb::binary_cross_entropy(v, t); },
                 nnwb::binary_cross_entropy_gradient(y, t), y, "binary cross-entropy");
  check_gradient([&](const VectorXd& v) { return nnwb::binary_cross_entropy_from_logits(v, t); },
                 nnwb::binary_cross_entropy_from_logits_gradient(a, t), a, "binary cross-entropy from logits");
  // Probabilities away from 0: near 0, log y curves so fast that a difference quotient with a fixed
  // step loses accuracy (its truncation error grows as 1/y³).
  const VectorXd p = probabilities(rng, n);  // the gradient formulas need no normalisation
  check_gradient([&](const VectorXd& v) { return nnwb::cross_entropy(v, onehot); },
                 nnwb::cross_entropy_gradient(p, onehot), p, "cross-entropy, one-hot");
  check_gradient([&](const VectorXd& v) { return nnwb::cross_entropy(v, c); },
                 nnwb::cross_entropy_gradient(p, c), p, "cross-entropy, class index");
  check_gradient([&](const VectorXd& v) { return nnwb::softmax_cross_entropy(v, onehot); },
                 nnwb::softmax_cross_entropy_gradient(a, onehot), a, "softmax cross-entropy, one-hot");
  check_gradient([&](const VectorXd& v) { return nnwb::softmax_cross_entropy(v, c); },
                 nnwb::softmax_cross_entropy_gradient(a, c), a, "softmax cross-entropy, class index");
}

BOOST_AUTO_TEST_CASE(closed_forms) {
  VectorXd y(2), t(2);
  y << 0.8, 0.1;
  t << 1.0, 0.0;
  BOOST_TEST(nnwb::sse(y, t) == 0.5 * (0.2 * 0.2 + 0.1 * 0.1), boost::test_tools::tolerance(1e-15));
  BOOST_TEST(nnwb::mse(y, t) == (0.2 * 0.2 + 0.1 * 0.1) / 2.0, boost::test_tools::tolerance(1e-15));
  // EDI's E_H = −(1/N) Σ [y log ŷ + (1 − y) log(1 − ŷ)]
  BOOST_TEST(nnwb::binary_cross_entropy(y, t) == -(std::log(0.8) + std::log(0.9)) / 2.0,
             boost::test_tools::tolerance(1e-14));
  BOOST_TEST(nnwb::cross_entropy(y, Eigen::Index{0}) == -std::log(0.8), boost::test_tools::tolerance(1e-15));
  // The sigmoid's g' cancels: ∂E_H/∂a = (σ(a) − t)/N.
  VectorXd a(2);
  a << 0.3, -1.2;
  const VectorXd g = nnwb::binary_cross_entropy_from_logits_gradient(a, t);
  BOOST_TEST(g[0] == (nnwb::sigmoid(0.3) - 1.0) / 2.0, boost::test_tools::tolerance(1e-15));
  BOOST_TEST(nnwb::binary_cross_entropy_from_logits(a, t) ==
                 nnwb::binary_cross_entropy(VectorXd(a.unaryExpr([](double x) { return nnwb::sigmoid(x); })), t),
             boost::test_tools::tolerance(1e-13));
  // Softmax then cross-entropy collapses to y − t.
  const VectorXd sg = nnwb::softmax_cross_entropy_gradient(a, t);
  const VectorXd s = nnwb::softmax(a);
  BOOST_TEST(sg[0] == s[0] - 1.0, boost::test_tools::tolerance(1e-15));
  BOOST_TEST(sg[1] == s[1], boost::test_tools::tolerance(1e-15));
}

BOOST_AUTO_TEST_CASE(never_log_zero) {
  VectorXd y(2), t(2);
  y << 0.0, 1.0;  // certain, and wrong on both
  t << 1.0, 0.0;
  BOOST_TEST(std::isfinite(nnwb::binary_cross_entropy(y, t)));
  BOOST_TEST(nnwb::binary_cross_entropy(y, t) > 700.0);  // large, as a certain mistake should be
  BOOST_TEST(nnwb::binary_cross_entropy_gradient(y, t).allFinite());
  BOOST_TEST(std::isfinite(nnwb::cross_entropy(y, Eigen::Index{0})));
  BOOST_TEST(nnwb::cross_entropy_gradient(y, t).allFinite());
  VectorXd a(3);
  a << 1000.0, -1000.0, 0.0;
  BOOST_TEST(std::isfinite(nnwb::softmax_cross_entropy(a, Eigen::Index{1})));
  BOOST_TEST(nnwb::softmax_cross_entropy(a, Eigen::Index{1}) == 2000.0, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(nnwb::softmax_cross_entropy(a, Eigen::Index{0}) == 0.0);
  VectorXd big(1), one(1);
  big << -1000.0;
  one << 1.0;
  BOOST_TEST(nnwb::binary_cross_entropy_from_logits(big, one) == 1000.0);
}

BOOST_AUTO_TEST_CASE(errors_name_what_is_wrong) {
  VectorXd y(2), t(3);
  y.setZero();
  t.setZero();
  BOOST_CHECK_EXCEPTION(nnwb::sse(y, t), std::invalid_argument, [](const std::invalid_argument& e) {
    return std::string(e.what()).find("sse") != std::string::npos;
  });
  BOOST_CHECK_THROW(nnwb::cross_entropy(y, Eigen::Index{2}), std::out_of_range);
  BOOST_CHECK_THROW(nnwb::one_hot(-1, 3), std::out_of_range);
}

BOOST_AUTO_TEST_SUITE_END()
