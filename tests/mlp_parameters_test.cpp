// An Mlp as a function of θ (lib/mlp_parameters.hpp): θ's order written out by hand, the round
// trip θ → network → θ, the gradient vector against central differences of E(θ), and the
// Jacobian's rows against central differences of each output and against one-sample backward passes.
#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <stdexcept>

#include "nnwb/gradient_check.hpp"
#include "nnwb/mlp_parameters.hpp"
#include "nnwb/random.hpp"

BOOST_AUTO_TEST_SUITE(mlp_parameters)

namespace bdata = boost::unit_test::data;
using Eigen::MatrixXd;
using Eigen::VectorXd;
using nnwb::Activation;

namespace {

nnwb::Mlp random_network(nnwb::Rng& rng, const std::vector<Eigen::Index>& sizes, const std::vector<Activation>& activations) {
  std::vector<nnwb::DenseLayer> layers;
  for (std::size_t l = 0; l + 1 < sizes.size(); ++l)
    layers.push_back({rng.uniform(sizes[l + 1], sizes[l], -1.0, 1.0), rng.uniform(sizes[l + 1], 1, -1.0, 1.0), activations[l]});
  return nnwb::Mlp(std::move(layers));
}

}  // namespace

BOOST_AUTO_TEST_CASE(theta_is_vec_w_then_b_layer_by_layer) {
  MatrixXd w1(2, 3), w2(1, 2);
  w1 << 1, 3, 5,  //
      2, 4, 6;
  w2 << 9, 10;
  VectorXd b1(2), b2(1);
  b1 << 7, 8;
  b2 << 11;
  const nnwb::Mlp net({{w1, b1, Activation::tanh()}, {w2, b2, Activation::identity()}});
  BOOST_TEST(nnwb::parameter_count(net) == 11);
  const VectorXd theta = nnwb::parameters_of(net);
  for (Eigen::Index i = 0; i < 11; ++i) BOOST_TEST(theta[i] == static_cast<double>(i + 1));  // column by column, then b
  const nnwb::Mlp back = nnwb::with_parameters(net, theta);
  BOOST_TEST((back.layers()[0].weights == w1));
  BOOST_TEST((back.layers()[1].bias == b2));
  BOOST_TEST((back.layers()[0].activation.kind == Activation::Kind::tanh));
  BOOST_CHECK_THROW(nnwb::with_parameters(net, VectorXd::Zero(10)), std::invalid_argument);
}

BOOST_DATA_TEST_CASE(gradient_vector_matches_central_differences, bdata::xrange(1, 6), seed) {
  nnwb::Rng rng(static_cast<std::uint64_t>(seed));
  const nnwb::Mlp net = random_network(rng, {2, 4, 3, 2}, {Activation::tanh(), Activation::sigmoid(), Activation::identity()});
  const MatrixXd x = rng.uniform(2, 5, -1.0, 1.0), t = rng.uniform(2, 5, -1.0, 1.0);
  const auto error = [&](const VectorXd& theta) {
    return 0.5 * (nnwb::with_parameters(net, theta).predict(x) - t).squaredNorm();  // E = ½ Σ (y − t)²
  };
  const auto forward = net.forward(x);
  const VectorXd backprop = nnwb::gradient_vector(net.backward(forward, forward.output() - t));
  const VectorXd central = nnwb::numerical_gradient(error, nnwb::parameters_of(net));
  BOOST_TEST(backprop.size() == nnwb::parameter_count(net));
  BOOST_TEST(nnwb::max_relative_error(backprop, central) <= 1e-7);
}

BOOST_DATA_TEST_CASE(jacobian_rows_are_each_outputs_gradient, bdata::xrange(1, 6), seed) {
  nnwb::Rng rng(static_cast<std::uint64_t>(10 + seed));
  const nnwb::Mlp net = random_network(rng, {2, 3, 1}, {Activation::tanh(), Activation::identity()});
  const MatrixXd x = rng.uniform(2, 4, -1.0, 1.0);
  const MatrixXd jacobian = nnwb::output_jacobian(net, x);
  BOOST_TEST(jacobian.rows() == 4);
  BOOST_TEST(jacobian.cols() == nnwb::parameter_count(net));
  for (Eigen::Index n = 0; n < x.cols(); ++n) {
    const auto output = [&](const VectorXd& theta) { return nnwb::with_parameters(net, theta).predict(x.col(n))(0, 0); };
    const VectorXd central = nnwb::numerical_gradient(output, nnwb::parameters_of(net));
    // The same row from a backward pass of sample n alone, with ∂E/∂y = 1.
    const auto forward = net.forward(x.col(n));
    const VectorXd alone = nnwb::gradient_vector(net.backward(forward, MatrixXd::Ones(1, 1)));
    BOOST_TEST_CONTEXT("sample " << n) {
      BOOST_TEST(nnwb::max_relative_error(jacobian.row(n).transpose(), central) <= 1e-7);
      BOOST_TEST(nnwb::max_relative_error(jacobian.row(n).transpose(), alone) <= 1e-14);
    }
  }
}

BOOST_AUTO_TEST_CASE(jacobian_needs_one_output) {
  nnwb::Rng rng(3);
  const nnwb::Mlp net = random_network(rng, {2, 3, 2}, {Activation::tanh(), Activation::identity()});
  BOOST_CHECK_THROW(nnwb::output_jacobian(net, MatrixXd::Zero(2, 3)), std::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()
