// The scalar computation graph (lib/graph.hpp): every gate's local gradient against a central
// difference of its forward function, whole graphs against finite differences, and the gate
// patterns (add distributes, mul swaps, copy adds, max routes).
#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "nnwb/gradient_check.hpp"
#include "nnwb/graph.hpp"
#include "nnwb/random.hpp"

BOOST_AUTO_TEST_SUITE(graph)

namespace bdata = boost::unit_test::data;
using nnwb::Gate;

BOOST_DATA_TEST_CASE(local_gradients_match_central_differences, bdata::xrange(1, 6), seed) {
  nnwb::Rng rng(static_cast<std::uint64_t>(seed));
  const Gate gates[] = {Gate::add, Gate::mul, Gate::max, Gate::negate, Gate::plus_constant,
                        Gate::times_constant, Gate::exp, Gate::reciprocal, Gate::log, Gate::power,
                        Gate::sigmoid, Gate::tanh};
  for (Gate gate : gates) {
    for (int i = 0; i < 20; ++i) {
      const double x = rng.uniform(0.2, 3.0) * (gate == Gate::log || gate == Gate::power ? 1 : (i % 2 ? 1 : -1));
      double y = rng.uniform(-3.0, 3.0);
      if (gate == Gate::max && std::abs(x - y) < 1e-3) y += 0.5;  // away from the kink
      const double c = rng.uniform(-2.0, 2.0);
      for (std::size_t wrt = 0; wrt < nnwb::gate_arity(gate); ++wrt) {
        const auto f = [&](double v) {
          return wrt == 0 ? nnwb::gate_forward(gate, v, y, c) : nnwb::gate_forward(gate, x, v, c);
        };
        const double numeric = nnwb::numerical_derivative(f, wrt == 0 ? x : y);
        BOOST_TEST_CONTEXT(nnwb::gate_symbol(gate, c) << " wrt " << wrt << " at x=" << x << ", y=" << y) {
          BOOST_TEST(nnwb::relative_error(nnwb::gate_local_gradient(gate, x, y, c, wrt), numeric) <= 1e-7);
        }
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(x_plus_y_times_z) {
  // BMB "Backpropagation: Simple Example": closed forms f = (x + y)z, ∂f/∂x = ∂f/∂y = z, ∂f/∂z = x + y.
  nnwb::Graph g;
  const auto x = g.input("x", -2), y = g.input("y", 5), z = g.input("z", -4);
  const auto q = g.add(x, y, "q");
  const auto f = g.mul(q, z, "f");
  g.backward(f);
  BOOST_TEST(g.value(q) == 3.0);
  BOOST_TEST(g.value(f) == -12.0);
  BOOST_TEST(g.gradient(f) == 1.0);
  BOOST_TEST(g.gradient(x) == -4.0);
  BOOST_TEST(g.gradient(y) == -4.0);
  BOOST_TEST(g.gradient(z) == 3.0);
  // Each recorded product is upstream × local = result.
  for (const auto& s : g.backward_steps()) BOOST_TEST(s.result == s.upstream * s.local);
  BOOST_TEST(g.backward_steps().size() == 4u);
}

BOOST_DATA_TEST_CASE(sigmoid_neuron_against_finite_differences, bdata::xrange(1, 6), seed) {
  nnwb::Rng rng(static_cast<std::uint64_t>(seed));
  const Eigen::VectorXd p = rng.uniform(5, 1, -3.0, 3.0);  // w0, x0, w1, x1, w2
  const auto build = [](const Eigen::VectorXd& v, nnwb::Graph& g) {
    const auto w0 = g.input("w0", v[0]), x0 = g.input("x0", v[1]);
    const auto w1 = g.input("w1", v[2]), x1 = g.input("x1", v[3]), w2 = g.input("w2", v[4]);
    const auto s = g.add(g.add(g.mul(w0, x0), g.mul(w1, x1)), w2);
    return g.reciprocal(g.plus_constant(g.exp(g.negate(s)), 1.0));  // 1/(1 + e^{−s})
  };
  nnwb::Graph g;
  const auto out = build(p, g);
  g.backward(out);
  const Eigen::VectorXd numeric = nnwb::numerical_gradient(
      [&](const Eigen::VectorXd& v) {
        nnwb::Graph h;
        return h.value(build(v, h));
      },
      p);
  for (Eigen::Index i = 0; i < 5; ++i)
    BOOST_TEST(nnwb::relative_error(g.gradient(static_cast<nnwb::NodeId>(i)), numeric[i]) <= 1e-7);
  BOOST_TEST(g.value(out) == 1.0 / (1.0 + std::exp(-(p[0] * p[1] + p[2] * p[3] + p[4]))),
             boost::test_tools::tolerance(1e-14));
}

BOOST_AUTO_TEST_CASE(copy_adds_and_max_routes) {
  nnwb::Graph g;
  const auto x = g.input("x", 3.0);
  const auto sq = g.mul(x, x, "x*x");  // x used twice by one gate: ∂/∂x = 2x
  g.backward(sq);
  BOOST_TEST(g.gradient(x) == 6.0);
  BOOST_TEST(g.backward_steps()[1].accumulated);

  nnwb::Graph h;
  const auto a = h.input("a", 2.0), b = h.input("b", -1.0);
  const auto m = h.max(a, b, "m");
  const auto out = h.times_constant(m, 5.0, "out");
  h.backward(out);
  BOOST_TEST(h.gradient(a) == 5.0);  // the larger input takes it all
  BOOST_TEST(h.gradient(b) == 0.0);
}

BOOST_AUTO_TEST_CASE(only_the_output_and_its_ancestors_get_gradients) {
  nnwb::Graph g;
  const auto x = g.input("x", 2.0);
  const auto y = g.input("y", 7.0);
  const auto side = g.exp(y, "side");  // not on the path to `out`
  const auto out = g.power(x, 3.0, "out");
  g.backward(out);
  BOOST_TEST(g.gradient(x) == 12.0, boost::test_tools::tolerance(1e-14));  // 3x²
  BOOST_TEST(g.gradient(side) == 0.0);
  BOOST_TEST(g.gradient(y) == 0.0);
  BOOST_CHECK_THROW(g.backward(99), std::out_of_range);
  BOOST_CHECK_THROW(g.add(x, 42), std::out_of_range);
}

BOOST_AUTO_TEST_SUITE_END()
