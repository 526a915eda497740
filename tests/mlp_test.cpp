// Dense layers and the MLP (lib/mlp.hpp): the delta recursion's gradients against central
// differences for 2- and 3-layer networks, per sample and in batch; batch = sum over samples.
#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include "nnwb/gradient_check.hpp"
#include "nnwb/losses.hpp"
#include "nnwb/mlp.hpp"
#include "nnwb/random.hpp"

BOOST_AUTO_TEST_SUITE(mlp)

namespace bdata = boost::unit_test::data;
using Eigen::MatrixXd;
using nnwb::Activation;

namespace {

nnwb::Mlp random_network(nnwb::Rng& rng, const std::vector<Eigen::Index>& sizes,
                         const std::vector<Activation>& activations) {
  std::vector<nnwb::DenseLayer> layers;
  for (std::size_t l = 0; l + 1 < sizes.size(); ++l)
    layers.push_back({rng.uniform(sizes[l + 1], sizes[l], -1.0, 1.0),
                      rng.uniform(sizes[l + 1], 1, -1.0, 1.0), activations[l]});
  return nnwb::Mlp(std::move(layers));
}

// E = ½ Σ_n Σ_k (y_nk − t_nk)² over a batch, written out here independently of the library.
double batch_sse(const nnwb::Mlp& net, const MatrixXd& x, const MatrixXd& t) {
  return 0.5 * (net.predict(x) - t).squaredNorm();
}

}  // namespace

BOOST_DATA_TEST_CASE(delta_recursion_matches_central_differences,
                     bdata::xrange(1, 5) * bdata::xrange(2, 4), seed, depth) {
  nnwb::Rng rng(static_cast<std::uint64_t>(seed * 10 + depth));
  const std::vector<Eigen::Index> sizes = depth == 2 ? std::vector<Eigen::Index>{3, 4, 2}
                                                     : std::vector<Eigen::Index>{3, 4, 3, 2};
  const std::vector<Activation> acts = depth == 2
      ? std::vector<Activation>{Activation::tanh(), Activation::sigmoid()}
      : std::vector<Activation>{Activation::sigmoid(), Activation::tanh(), Activation::identity()};
  nnwb::Mlp net = random_network(rng, sizes, acts);
  const Eigen::Index n = 1 + seed % 3;  // per sample (N = 1) and in batch
  const MatrixXd x = rng.uniform(sizes.front(), n, -1.0, 1.0);
  const MatrixXd t = rng.uniform(sizes.back(), n, 0.0, 1.0);

  const auto forward = net.forward(x);
  const auto backward = net.backward(forward, forward.output() - t);  // ∂E/∂y = y − t
  for (std::size_t l = 0; l < net.layers().size(); ++l) {
    auto& layer = net.layers()[l];
    const MatrixXd dw = nnwb::numerical_gradient([&] { return batch_sse(net, x, t); }, layer.weights);
    const MatrixXd db = nnwb::numerical_gradient([&] { return batch_sse(net, x, t); }, layer.bias);
    BOOST_TEST_CONTEXT("layer " << l + 1 << " of " << depth << ", N = " << n) {
      BOOST_TEST(nnwb::max_relative_error(backward.weight_gradients[l], dw) <= 1e-7);
      BOOST_TEST(nnwb::max_relative_error(backward.bias_gradients[l], db) <= 1e-7);
    }
  }
}

BOOST_AUTO_TEST_CASE(batch_gradient_is_the_sum_over_samples) {
  nnwb::Rng rng(7);
  const nnwb::Mlp net = random_network(rng, {2, 3, 2}, {Activation::tanh(), Activation::identity()});
  const MatrixXd x = rng.uniform(2, 4, -1.0, 1.0), t = rng.uniform(2, 4, -1.0, 1.0);
  const auto batch = net.backward(net.forward(x), net.predict(x) - t);
  MatrixXd sum_w1 = MatrixXd::Zero(3, 2);
  Eigen::VectorXd sum_b2 = Eigen::VectorXd::Zero(2);
  for (Eigen::Index n = 0; n < 4; ++n) {
    const auto f = net.forward(x.col(n));
    const auto one = net.backward(f, f.output() - t.col(n));
    sum_w1 += one.weight_gradients[0];
    sum_b2 += one.bias_gradients[1];
  }
  BOOST_TEST(nnwb::max_relative_error(batch.weight_gradients[0], sum_w1) <= 1e-13);
  BOOST_TEST(nnwb::max_relative_error(batch.bias_gradients[1], sum_b2) <= 1e-13);
}

BOOST_AUTO_TEST_CASE(forward_keeps_pre_activations_and_activations) {
  MatrixXd w(1, 2);
  w << 0.5, -1.0;
  Eigen::VectorXd b(1);
  b << 0.25;
  const nnwb::Mlp net({{w, b, Activation::sigmoid()}});
  MatrixXd x(2, 1);
  x << 2.0, 1.0;
  const auto pass = net.forward(x);
  BOOST_TEST(pass.pre_activations[0](0, 0) == 0.25);  // 0.5·2 − 1·1 + 0.25
  BOOST_TEST(pass.activations[0](0, 0) == 2.0);       // z_0 = x
  BOOST_TEST(pass.output()(0, 0) == 1.0 / (1.0 + std::exp(-0.25)), boost::test_tools::tolerance(1e-15));
}

BOOST_AUTO_TEST_CASE(softmax_output_deltas) {
  nnwb::Rng rng(3);
  nnwb::Mlp net = random_network(rng, {3, 4, 3}, {Activation::tanh(), Activation::identity()});
  MatrixXd x = rng.uniform(3, 1, -1.0, 1.0);
  const Eigen::Index label = 1;
  const auto loss = [&] { return nnwb::softmax_cross_entropy(Eigen::VectorXd(net.predict(x).col(0)), label); };
  const auto f = net.forward(x);
  // δ_L = y − t for softmax with cross-entropy (PD "Derivative of cross-entropy loss").
  const auto b = net.backward_from_output_deltas(
      f, nnwb::softmax_cross_entropy_gradient(Eigen::VectorXd(f.output().col(0)), label));
  const MatrixXd dw = nnwb::numerical_gradient(loss, net.layers()[0].weights);
  BOOST_TEST(nnwb::max_relative_error(b.weight_gradients[0], dw) <= 1e-7);
}

BOOST_AUTO_TEST_CASE(shape_errors_name_the_layer) {
  const auto throws_naming = [](auto&& f, std::string needle) {
    try {
      f();
    } catch (const std::invalid_argument& e) {
      return std::string(e.what()).find(needle) != std::string::npos;
    }
    return false;
  };
  BOOST_TEST(throws_naming([] { nnwb::Mlp({{MatrixXd::Zero(2, 3), Eigen::VectorXd::Zero(3), Activation::relu()}}); },
                           "layer 1"));
  BOOST_TEST(throws_naming([] {
    nnwb::Mlp({{MatrixXd::Zero(2, 3), Eigen::VectorXd::Zero(2), Activation::relu()},
               {MatrixXd::Zero(1, 4), Eigen::VectorXd::Zero(1), Activation::relu()}});
  }, "layer 2"));
  const nnwb::Mlp net({{MatrixXd::Zero(2, 3), Eigen::VectorXd::Zero(2), Activation::relu()}});
  BOOST_TEST(throws_naming([&] { net.forward(MatrixXd::Zero(4, 1)); }, "4 rows"));
}

BOOST_AUTO_TEST_SUITE_END()
