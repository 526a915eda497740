// Backprop on a feed-forward DAG (lib/dag_network.hpp): the one-sweep gradients against central
// differences on random DAGs with skip links, missing links and mixed activations; the DAG of a
// layered Mlp gives the Mlp's own gradients; bad input (w_ij with i ≥ j, links into inputs,
// duplicates, wrong sizes) is rejected with a message that names the problem.
#include "nnwb/dag_network.hpp"

#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <string>

#include "nnwb/gradient_check.hpp"
#include "nnwb/mlp.hpp"
#include "nnwb/random.hpp"

BOOST_AUTO_TEST_SUITE(dag_network)

namespace bdata = boost::unit_test::data;
using Eigen::MatrixXd;
using Eigen::VectorXd;
using nnwb::Activation;
using nnwb::DagNetwork;

namespace {

// A random DAG on M nodes: each pair i < j (j not an input) is linked with probability ½, and
// each non-input node gets one link at least; activations cycle through four kinds.
DagNetwork random_dag(nnwb::Rng& rng, int nodes, int inputs, int outputs) {
  DagNetwork net(nodes, inputs, outputs);
  const Activation kinds[] = {Activation::tanh(), Activation::sigmoid(), Activation::softplus(),
                              Activation::identity()};
  for (int j = inputs; j < nodes; ++j) {
    net.activation(j, kinds[j % 4]).bias(j, rng.uniform(-0.5, 0.5));
    bool linked = false;
    for (int i = 0; i < j; ++i)
      if (rng.integer(0, 1) == 1) {
        net.link(i, j, rng.uniform(-1.0, 1.0));
        linked = true;
      }
    if (!linked) net.link(static_cast<int>(rng.integer(0, j - 1)), j, rng.uniform(-1.0, 1.0));
  }
  return net;
}

// E = ½ Σ_outputs (y − t)², from a forward pass written out here: a_j = Σ_{i<j} W(i, j) y_i + b_j
// over the weight matrix, node by node.
double error_by_matrix(const DagNetwork& net, const MatrixXd& W, const VectorXd& b, const VectorXd& x,
                       const VectorXd& t) {
  const int M = net.size();
  VectorXd y(M);
  y.head(net.input_count()) = x;
  for (int j = net.input_count(); j < M; ++j) {
    double a = b[j];
    for (int i = 0; i < j; ++i) a += W(i, j) * y[i];
    y[j] = net.activation(j).value(a);
  }
  return 0.5 * (y.tail(net.output_count()) - t).squaredNorm();
}

}  // namespace

BOOST_DATA_TEST_CASE(one_sweep_gradients_match_central_differences, bdata::xrange(1, 9), seed) {
  nnwb::Rng rng(static_cast<std::uint64_t>(seed));
  const int M = 6 + seed, I = 1 + seed % 3, O = 1 + seed % 2;
  const DagNetwork net = random_dag(rng, M, I, O);
  const VectorXd x = rng.uniform(I, 1, -1.0, 1.0), t = rng.uniform(O, 1, -1.0, 1.0);
  const auto fwd = net.forward(x);
  const auto bwd = net.backward(fwd, fwd.network_output(O) - t);  // ∂E/∂y = y − t

  // Weights: perturb only the links (a missing link stays missing), through the matrix form.
  MatrixXd W = net.weight_matrix();
  VectorXd b(M);
  for (int j = 0; j < M; ++j) b[j] = j < I ? 0.0 : net.bias(j);
  const MatrixXd G = net.gradient_matrix(bwd);
  BOOST_TEST_CONTEXT("seed " << seed << ", M = " << M) {
    BOOST_TEST(error_by_matrix(net, W, b, x, t) == 0.5 * (fwd.network_output(O) - t).squaredNorm(),
               boost::test_tools::tolerance(1e-13));
    for (const auto& l : net.links()) {
      const double numeric = nnwb::numerical_derivative(
          [&](double w) {
            MatrixXd V = W;
            V(l.from, l.to) = w;
            return error_by_matrix(net, V, b, x, t);
          },
          l.weight);
      BOOST_TEST(nnwb::relative_error(G(l.from, l.to), numeric, 1e-9) <= 1e-7);
    }
    const VectorXd db =
        nnwb::numerical_gradient([&](const VectorXd& bb) { return error_by_matrix(net, W, bb, x, t); }, b);
    for (int j = I; j < M; ++j) BOOST_TEST(nnwb::relative_error(bwd.bias_gradients[j], db[j], 1e-9) <= 1e-7);
    // ∂E/∂b_j = δ_j = ∂E/∂a_j, and the inputs have none.
    BOOST_TEST(bwd.deltas.head(I).isZero());
    // The gradient matrix is 0 off the links: strictly upper triangular, like W.
    for (int i = 0; i < M; ++i)
      for (int j = 0; j < M; ++j)
        if (!net.has_link(i, j)) BOOST_TEST(G(i, j) == 0.0);
  }
}

BOOST_DATA_TEST_CASE(the_dag_of_an_mlp_has_the_mlps_gradients, bdata::xrange(1, 6), seed) {
  nnwb::Rng rng(static_cast<std::uint64_t>(100 + seed));
  const std::vector<Eigen::Index> sizes = {3, 4, 1 + seed % 3, 2};
  const Activation acts[] = {Activation::tanh(), Activation::sigmoid(), Activation::identity()};
  std::vector<nnwb::DenseLayer> layers;
  for (std::size_t l = 0; l + 1 < sizes.size(); ++l)
    layers.push_back(
        {rng.uniform(sizes[l + 1], sizes[l], -1.0, 1.0), rng.uniform(sizes[l + 1], 1, -1.0, 1.0), acts[l]});
  const nnwb::Mlp mlp(layers);
  const DagNetwork dag = nnwb::dag_from_mlp(mlp);
  BOOST_TEST(dag.size() == 3 + 4 + sizes[2] + 2);
  BOOST_TEST(dag.links().size() == static_cast<std::size_t>(3 * 4 + 4 * sizes[2] + sizes[2] * 2));

  const VectorXd x = rng.uniform(3, 1, -1.0, 1.0), t = rng.uniform(2, 1, -1.0, 1.0);
  const auto mf = mlp.forward(x);
  const auto mb = mlp.backward(mf, mf.output() - t);
  const auto df = dag.forward(x);
  const auto db = dag.backward(df, df.network_output(2) - t);
  // The same sums in another order: equal to rounding.
  const auto tol = boost::test_tools::tolerance(1e-12);
  BOOST_TEST_CONTEXT("seed " << seed) {
    BOOST_TEST((df.network_output(2) - mf.output().col(0)).cwiseAbs().maxCoeff() <= 1e-14);
    const MatrixXd G = dag.gradient_matrix(db);
    int from_offset = 0, to_offset = 3;
    for (std::size_t l = 0; l < layers.size(); ++l) {
      for (int r = 0; r < layers[l].weights.rows(); ++r) {
        BOOST_TEST(db.deltas[to_offset + r] == mb.deltas[l](r, 0), tol);
        BOOST_TEST(db.bias_gradients[to_offset + r] == mb.bias_gradients[l][r], tol);
        for (int c = 0; c < layers[l].weights.cols(); ++c)
          BOOST_TEST(G(from_offset + c, to_offset + r) == mb.weight_gradients[l](r, c), tol);
      }
      from_offset = to_offset;
      to_offset += static_cast<int>(layers[l].weights.rows());
    }
  }
}

BOOST_AUTO_TEST_CASE(upstream_and_downstream_sets_and_the_matrix_form) {
  // PD's rule: a missing link is a zero weight. W(0, 3) = 0 is a missing link.
  MatrixXd W = MatrixXd::Zero(5, 5);
  W(0, 2) = 0.5;
  W(1, 2) = -1;
  W(1, 3) = 2;
  W(2, 3) = 1.5;
  W(2, 4) = -0.5;
  W(3, 4) = 1;
  W(0, 4) = 0.25;  // a skip link from an input to the output
  const DagNetwork net = nnwb::dag_from_weight_matrix(W, 2, 1, Activation::tanh());
  BOOST_TEST(net.links().size() == 7u);
  BOOST_TEST((net.upstream(4) == std::vector<int>{0, 2, 3}));
  BOOST_TEST((net.downstream(1) == std::vector<int>{2, 3}));
  BOOST_TEST((net.downstream(2) == std::vector<int>{3, 4}));
  BOOST_TEST(net.upstream(0).empty());
  BOOST_TEST(net.downstream(4).empty());
  BOOST_TEST(!net.has_link(0, 3));
  BOOST_TEST(net.weight(0, 3) == 0.0);
  BOOST_TEST((net.weight_matrix() == W));
  // Output is identity, hidden tanh (the defaults passed); δ at the output is y − t (PD).
  const auto fwd = net.forward(VectorXd::Constant(2, 0.5));
  const VectorXd t = VectorXd::Constant(1, 0.1);
  const auto bwd = net.backward(fwd, fwd.network_output(1) - t);
  BOOST_TEST(bwd.deltas[4] == fwd.outputs[4] - 0.1);
  // δ_2 = f'(a_2)(w_23 δ_3 + w_24 δ_4), written out.
  const double d3 = nnwb::tanh_derivative(fwd.pre_activations[3]) * (1.0 * bwd.deltas[4]);
  BOOST_TEST(bwd.deltas[3] == d3);
  BOOST_TEST(bwd.deltas[2] == nnwb::tanh_derivative(fwd.pre_activations[2]) * (1.5 * d3 - 0.5 * bwd.deltas[4]),
             boost::test_tools::tolerance(1e-15));
}

BOOST_AUTO_TEST_CASE(bad_input_is_rejected_with_a_clear_error) {
  const auto message_of = [](auto&& f) -> std::string {
    try {
      f();
    } catch (const std::invalid_argument& e) {
      return e.what();
    }
    return "";
  };
  DagNetwork net(5, 2, 1);
  // w_ij with i ≥ j: backwards, and onto itself.
  const std::string backwards = message_of([&] { net.link(3, 2, 1.0); });
  BOOST_TEST(backwards.find("w_{3,2}") != std::string::npos);
  BOOST_TEST(backwards.find("i ≥ j") != std::string::npos);
  BOOST_TEST(message_of([&] { net.link(3, 3, 1.0); }).find("w_{3,3}") != std::string::npos);
  BOOST_TEST(message_of([&] { net.link(0, 1, 1.0); }).find("input") != std::string::npos);
  BOOST_TEST(message_of([&] { net.link(0, 7, 1.0); }).find("node 7") != std::string::npos);
  net.link(0, 2, 1.0);
  BOOST_TEST(message_of([&] { net.link(0, 2, 2.0); }).find("twice") != std::string::npos);
  BOOST_TEST(message_of([&] { net.set_weight(1, 2, 2.0); }).find("no link w_{1,2}") != std::string::npos);
  BOOST_TEST(message_of([&] { net.bias(1, 2.0); }).find("input") != std::string::npos);
  BOOST_TEST(message_of([&] { (void)net.forward(VectorXd::Zero(3)); }).find("3 entries") != std::string::npos);
  const auto fwd = net.forward(VectorXd::Zero(2));
  BOOST_TEST(message_of([&] { (void)net.backward(fwd, VectorXd::Zero(2)); }).find("∂E/∂y") != std::string::npos);
  BOOST_TEST(message_of([] { DagNetwork(3, 2, 2); }).find("3 nodes") != std::string::npos);
  // The matrix form: a non-zero entry on or below the diagonal.
  MatrixXd W = MatrixXd::Zero(4, 4);
  W(0, 2) = 1;
  W(3, 2) = 0.5;
  const std::string lower = message_of([&] { (void)nnwb::dag_from_weight_matrix(W, 2, 1); });
  BOOST_TEST(lower.find("w_{3,2} = 0.5") != std::string::npos);
  BOOST_TEST(lower.find("i ≥ j") != std::string::npos);
  BOOST_TEST(message_of([] { (void)nnwb::dag_from_weight_matrix(MatrixXd::Zero(3, 4), 1, 1); }).find("square") !=
             std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
