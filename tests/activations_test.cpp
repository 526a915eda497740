// Activation functions (lib/activations.hpp): each derivative against a central difference on
// random inputs, closed forms, and stability at |a| = 1000.
#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "nnwb/activations.hpp"
#include "nnwb/gradient_check.hpp"
#include "nnwb/random.hpp"

BOOST_AUTO_TEST_SUITE(activations)

namespace bdata = boost::unit_test::data;
using nnwb::Activation;

namespace {

// Smooth activations, with the parameter values the lectures use.
const std::vector<Activation> smooth = {
    Activation::identity(),      Activation::sigmoid(),    Activation::sigmoid(0.5),
    Activation::sigmoid(2.0),    Activation::tanh(),       Activation::tanh(0.5),
    Activation::tanh(2.0),       Activation::elu(1.0),     Activation::elu(0.3),
    Activation::softplus(),      Activation::relu(),       Activation::leaky_relu(0.01)};

}  // namespace

BOOST_DATA_TEST_CASE(derivatives_match_central_differences, bdata::xrange(1, 6), seed) {
  nnwb::Rng rng(static_cast<std::uint64_t>(seed));
  for (const Activation& g : smooth) {
    for (int i = 0; i < 50; ++i) {
      // Where the function is not flat: |λa| ≤ 4 (deep in saturation g' is tiny beside g, and any
      // difference quotient loses its relative accuracy to rounding).
      const bool has_slope = g.kind == Activation::Kind::sigmoid || g.kind == Activation::Kind::tanh;
      double a = rng.uniform(-4.0, 4.0) / (has_slope ? g.parameter : 1.0);
      if (std::abs(a) < 1e-3) a = 0.5;  // ReLU, leaky ReLU and ELU have a kink at 0
      const double numeric = nnwb::numerical_derivative([&](double x) { return g.value(x); }, a);
      BOOST_TEST_CONTEXT(g.name() << "(" << g.parameter << ") at a = " << a) {
        BOOST_TEST(nnwb::relative_error(g.derivative(a), numeric) <= 1e-7);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(closed_forms) {
  BOOST_TEST(nnwb::sigmoid(0.0) == 0.5);
  BOOST_TEST(nnwb::sigmoid_derivative(0.0) == 0.25);
  BOOST_TEST(nnwb::tanh_derivative(0.0) == 1.0);
  BOOST_TEST(nnwb::tanh_derivative(0.0, 3.0) == 3.0);  // λ(1 − tanh²(0)) = λ
  BOOST_TEST(nnwb::softplus(0.0) == std::log(2.0), boost::test_tools::tolerance(1e-15));
  for (double a : {-3.0, -0.7, 0.0, 0.4, 2.5}) {
    // tanh(a) = 2σ(2a) − 1 and σ' = σ(1 − σ), written from their definitions.
    BOOST_TEST(nnwb::tanh(a) == 2.0 * nnwb::sigmoid(2.0 * a) - 1.0, boost::test_tools::tolerance(1e-14));
    BOOST_TEST(nnwb::sigmoid(a) == 1.0 / (1.0 + std::exp(-a)), boost::test_tools::tolerance(1e-15));
    BOOST_TEST(nnwb::sigmoid(a, 2.0) == 1.0 / (1.0 + std::exp(-2.0 * a)), boost::test_tools::tolerance(1e-15));
    BOOST_TEST(nnwb::softplus_derivative(a) == nnwb::sigmoid(a));
    BOOST_TEST(nnwb::elu(a, 0.5) == (a > 0 ? a : 0.5 * (std::exp(a) - 1.0)), boost::test_tools::tolerance(1e-14));
  }
}

BOOST_AUTO_TEST_CASE(step_sign_relu_at_the_edges) {
  BOOST_TEST(nnwb::step(0.0) == 0.0);  // BMB's XNOR table: g(0) = 0
  BOOST_TEST(nnwb::step(1e-300) == 1.0);
  BOOST_TEST(nnwb::sign(0.0) == 1.0);  // PD: f(a) = +1 if a ≥ 0
  BOOST_TEST(nnwb::sign(-1e-300) == -1.0);
  BOOST_TEST(nnwb::relu(-2.0) == 0.0);
  BOOST_TEST(nnwb::relu_derivative(-2.0) == 0.0);  // a dead unit passes no gradient
  BOOST_TEST(nnwb::leaky_relu_derivative(-2.0, 0.1) == 0.1);
  BOOST_TEST(nnwb::step_derivative(3.0) == 0.0);
}

BOOST_AUTO_TEST_CASE(no_overflow_at_plus_minus_1000) {
  for (double a : {-1000.0, 1000.0}) {
    for (const Activation& g : smooth) {
      BOOST_TEST_CONTEXT(g.name() << " at " << a) {
        BOOST_TEST(std::isfinite(g.value(a)));
        BOOST_TEST(std::isfinite(g.derivative(a)));
      }
    }
  }
  BOOST_TEST(nnwb::sigmoid(1000.0) == 1.0);
  BOOST_TEST(nnwb::sigmoid(-1000.0) == 0.0);
  BOOST_TEST(nnwb::sigmoid_derivative(-1000.0) == 0.0);  // saturated: σ' ≈ 0
  BOOST_TEST(nnwb::tanh(-1000.0) == -1.0);
  BOOST_TEST(nnwb::softplus(1000.0) == 1000.0);
  BOOST_TEST(nnwb::softplus(-1000.0) == 0.0);
}

BOOST_AUTO_TEST_CASE(elementwise_on_matrices) {
  Eigen::MatrixXd a(2, 2);
  a << -1, 0, 1, 2;
  const Activation g = Activation::tanh();
  const Eigen::MatrixXd y = g.value(a), dy = g.derivative(a);
  for (Eigen::Index i = 0; i < 2; ++i)
    for (Eigen::Index j = 0; j < 2; ++j) {
      BOOST_TEST(y(i, j) == std::tanh(a(i, j)));
      BOOST_TEST(dy(i, j) == 1.0 - std::tanh(a(i, j)) * std::tanh(a(i, j)), boost::test_tools::tolerance(1e-15));
    }
}

BOOST_AUTO_TEST_SUITE_END()
