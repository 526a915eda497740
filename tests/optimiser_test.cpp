// The optimiser (lib/math/include/nnwb/optimiser.hpp), against closed forms and loops written out here:
//   - momentum on a quadratic: w(s) = w* + c₁r₁ˢ + c₂r₂ˢ, r the roots of r² − (1 + α − ηk)r + α;
//   - L2: one update with λ is W(1 − ηλ) − η∂E/∂W, and the biases move as they do without λ;
//   - a mini-batch of N samples is batch learning, a mini-batch of 1 is online learning in the
//     shuffled order, and an epoch makes ⌈N/B⌉ updates;
//   - a batch gradient is the sum of the samples' gradients; the mean over the batch is η/n;
//   - the stopping rules stop where they should, and early stopping keeps the best weights;
//   - Mlp::forward_into/backward_into give forward()/backward()'s numbers without reallocating.
#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <complex>
#include <algorithm>
#include <map>
#include <set>

#include "nnwb/optimiser.hpp"

BOOST_AUTO_TEST_SUITE(optimiser)

namespace bdata = boost::unit_test::data;
using nnwb::Activation;
using nnwb::Loss;
using nnwb::Mlp;
using nnwb::Rng;
using nnwb::Sgd;

namespace {

// A small 2-3-1 network (tanh, linear output) with weights drawn from `seed`.
Mlp small_network(std::uint64_t seed) {
  Rng rng(seed);
  return Mlp({{rng.uniform(3, 2, -0.8, 0.8), rng.uniform(3, 1, -0.5, 0.5).col(0), Activation::tanh()},
              {rng.uniform(1, 3, -0.8, 0.8), rng.uniform(1, 1, -0.5, 0.5).col(0), Activation::identity()}});
}

struct Data {
  Eigen::MatrixXd X, T;  // (2, n), (1, n)
};
Data small_data(std::uint64_t seed, Eigen::Index n) {
  Rng rng(seed + 1000);
  Data d{rng.uniform(2, n, -1, 1), Eigen::MatrixXd(1, n)};
  for (Eigen::Index j = 0; j < n; ++j) d.T(0, j) = d.X(0, j) - d.X(1, j) * d.X(1, j);
  return d;
}

bool same_weights(const Mlp& a, const Mlp& b) {
  for (std::size_t l = 0; l < a.layers().size(); ++l)
    if (a.layers()[l].weights != b.layers()[l].weights || a.layers()[l].bias != b.layers()[l].bias) return false;
  return true;
}

double largest_gap(const Mlp& a, const Mlp& b) {
  double gap = 0.0;
  for (std::size_t l = 0; l < a.layers().size(); ++l) {
    gap = std::max(gap, (a.layers()[l].weights - b.layers()[l].weights).cwiseAbs().maxCoeff());
    gap = std::max(gap, (a.layers()[l].bias - b.layers()[l].bias).cwiseAbs().maxCoeff());
  }
  return gap;
}

// ∂E/∂W_l, ∂E/∂b_l of ½Σ(y − t)² for one batch, by the library's (allocating) backward pass.
nnwb::BackwardPass gradients(const Mlp& net, const Eigen::MatrixXd& X, const Eigen::MatrixXd& T) {
  const nnwb::ForwardPass pass = net.forward(X);
  return net.backward(pass, pass.output() - T);
}

}  // namespace

BOOST_DATA_TEST_CASE(momentum_follows_its_closed_form_on_a_quadratic, bdata::xrange(1, 7), seed) {
  // E(w) = ½(wx − t)², so e = w − w* obeys e(s+1) = (1 + α − ηk)e(s) − αe(s−1), k = x², Δw(0) = 0.
  Rng rng(static_cast<std::uint64_t>(seed));
  const double x = rng.uniform(0.5, 1.5), t = rng.uniform(-2, 2), w0 = rng.uniform(-2, 2);
  const double eta = rng.uniform(0.01, 0.5), alpha = rng.uniform(0.0, 0.95);
  Mlp net({{Eigen::MatrixXd::Constant(1, 1, w0), Eigen::VectorXd::Zero(1), Activation::identity()}});
  Sgd sgd(net, {.learning_rate = eta, .momentum = alpha, .update_biases = false, .loss = Loss::half_squared_error});
  using C = std::complex<double>;
  const double k = x * x, w_star = t / x, e0 = w0 - w_star, p = 1.0 + alpha - eta * k;
  const C root = std::sqrt(C(p * p - 4.0 * alpha, 0.0)), r1 = (p + root) / 2.0, r2 = (p - root) / 2.0;
  const C c1 = ((1.0 - eta * k) * e0 - r2 * e0) / (r1 - r2), c2 = e0 - c1;
  const Eigen::MatrixXd X = Eigen::MatrixXd::Constant(1, 1, x), T = Eigen::MatrixXd::Constant(1, 1, t);
  BOOST_TEST_CONTEXT("seed " << seed << " η = " << eta << " α = " << alpha << " k = " << k) {
    for (int s = 1; s <= 40; ++s) {
      const double loss = sgd.step(X, T);
      const double e_before = (c1 * std::pow(r1, s - 1) + c2 * std::pow(r2, s - 1)).real();
      BOOST_TEST(std::abs(loss - 0.5 * k * e_before * e_before) <= 1e-11 * (1.0 + e0 * e0));  // E before the update
      const double closed = w_star + (c1 * std::pow(r1, s) + c2 * std::pow(r2, s)).real();
      BOOST_TEST(std::abs(net.layers()[0].weights(0, 0) - closed) <= 1e-11 * (1.0 + std::abs(e0)));
    }
  }
}

BOOST_AUTO_TEST_CASE(without_momentum_each_step_is_minus_eta_times_the_gradient) {
  const Data d = small_data(3, 5);
  Mlp net = small_network(3);
  const Mlp start = net;
  Sgd sgd(net, {.learning_rate = 0.1, .loss = Loss::half_squared_error});
  sgd.step(d.X, d.T);
  const auto g = gradients(start, d.X, d.T);
  for (std::size_t l = 0; l < 2; ++l) {
    BOOST_TEST((net.layers()[l].weights - (start.layers()[l].weights - 0.1 * g.weight_gradients[l])).cwiseAbs().maxCoeff() <= 1e-15);
    BOOST_TEST((net.layers()[l].bias - (start.layers()[l].bias - 0.1 * g.bias_gradients[l])).cwiseAbs().maxCoeff() <= 1e-15);
    BOOST_TEST((sgd.last_backward().weight_gradients[l] - g.weight_gradients[l]).cwiseAbs().maxCoeff() <= 1e-15);
  }
}

BOOST_DATA_TEST_CASE(l2_decays_the_weights_and_leaves_the_bias_alone, bdata::xrange(1, 5), seed) {
  const Data d = small_data(static_cast<std::uint64_t>(seed), 6);
  const Mlp start = small_network(static_cast<std::uint64_t>(seed));
  const double eta = 0.05, lambda = 0.3;
  Mlp with_l2 = start, without = start;
  Sgd a(with_l2, {.learning_rate = eta, .l2 = lambda, .loss = Loss::half_squared_error});
  Sgd b(without, {.learning_rate = eta, .loss = Loss::half_squared_error});
  const double J = a.step(d.X, d.T), E = b.step(d.X, d.T);
  // J = E + (λ/2) Σ ‖W_l‖², no bias.
  const double penalty = 0.5 * lambda * (start.layers()[0].weights.squaredNorm() + start.layers()[1].weights.squaredNorm());
  BOOST_TEST(J == E + penalty, boost::test_tools::tolerance(1e-14));
  const auto g = gradients(start, d.X, d.T);
  for (std::size_t l = 0; l < 2; ++l) {
    // W ← (1 − ηλ)W − η ∂E/∂W, and the biases bit for bit as without λ.
    const Eigen::MatrixXd decayed = (1.0 - eta * lambda) * start.layers()[l].weights - eta * g.weight_gradients[l];
    BOOST_TEST((with_l2.layers()[l].weights - decayed).cwiseAbs().maxCoeff() <= 1e-15);
    BOOST_TEST((with_l2.layers()[l].bias == without.layers()[l].bias));
    // The reported gradient is ∂J/∂W = ∂E/∂W + λW; ∂J/∂b = ∂E/∂b.
    BOOST_TEST((a.last_backward().weight_gradients[l] - (g.weight_gradients[l] + lambda * start.layers()[l].weights))
                   .cwiseAbs().maxCoeff() <= 1e-15);
    BOOST_TEST((a.last_backward().bias_gradients[l] - g.bias_gradients[l]).cwiseAbs().maxCoeff() <= 1e-15);
  }
  BOOST_TEST(nnwb::l2_penalty(start, lambda) == penalty, boost::test_tools::tolerance(1e-15));
}

BOOST_DATA_TEST_CASE(a_mini_batch_of_n_is_batch_learning, bdata::xrange(1, 5), seed) {
  const Data d = small_data(static_cast<std::uint64_t>(seed), 7);
  Mlp mini = small_network(static_cast<std::uint64_t>(seed)), batch = mini;
  Sgd by_epoch(mini, {.learning_rate = 0.05, .batch_size = 7, .loss = Loss::half_squared_error});
  Sgd by_step(batch, {.learning_rate = 0.05, .loss = Loss::half_squared_error});
  Rng rng(9);
  for (int e = 0; e < 5; ++e) {
    by_epoch.epoch(d.X, d.T, rng);
    by_step.step(d.X, d.T);
  }
  BOOST_TEST(same_weights(mini, batch));
  BOOST_TEST(by_epoch.updates() == 5);
}

BOOST_DATA_TEST_CASE(a_mini_batch_of_one_is_online_learning_in_the_shuffled_order, bdata::xrange(1, 5), seed) {
  const Data d = small_data(static_cast<std::uint64_t>(seed), 6);
  Mlp library = small_network(static_cast<std::uint64_t>(seed)), by_hand = library;
  Sgd sgd(library, {.learning_rate = 0.05, .momentum = 0.5, .batch_size = 1, .loss = Loss::half_squared_error});
  Rng rng_library(77), rng_hand(77);
  // By hand: each epoch a new Fisher–Yates order; w ← w + Δ, Δ = −η ∂E_n/∂w + αΔ.
  std::vector<Eigen::MatrixXd> dW = {Eigen::MatrixXd::Zero(3, 2), Eigen::MatrixXd::Zero(1, 3)};
  std::vector<Eigen::VectorXd> db = {Eigen::VectorXd::Zero(3), Eigen::VectorXd::Zero(1)};
  for (int e = 0; e < 4; ++e) {
    sgd.epoch(d.X, d.T, rng_library);
    const auto order = nnwb::shuffled_order(6, rng_hand);
    BOOST_TEST((order == sgd.last_order()));
    for (const Eigen::Index n : order) {
      const auto g = gradients(by_hand, d.X.col(n), d.T.col(n));
      for (std::size_t l = 0; l < 2; ++l) {
        dW[l] = 0.5 * dW[l] - 0.05 * g.weight_gradients[l];
        db[l] = 0.5 * db[l] - 0.05 * g.bias_gradients[l];
        by_hand.layers()[l].weights += dW[l];
        by_hand.layers()[l].bias += db[l];
      }
    }
  }
  BOOST_TEST(largest_gap(library, by_hand) <= 1e-14);
  BOOST_TEST(sgd.updates() == 24);
}

BOOST_AUTO_TEST_CASE(an_epoch_makes_ceil_n_over_b_updates) {
  const Data d = small_data(4, 10);
  for (const Eigen::Index B : {1, 2, 3, 4, 5, 9, 10, 11}) {
    Mlp net = small_network(4);
    Sgd sgd(net, {.learning_rate = 0.01, .batch_size = B});
    Rng rng(1);
    sgd.epoch(d.X, d.T, rng);
    BOOST_TEST_CONTEXT("B = " << B) { BOOST_TEST(sgd.updates() == (10 + std::min<Eigen::Index>(B, 10) - 1) / std::min<Eigen::Index>(B, 10)); }
  }
}

BOOST_AUTO_TEST_CASE(a_batch_gradient_is_the_sum_of_the_samples_gradients_and_the_mean_is_eta_over_n) {
  const Data d = small_data(5, 8);
  const Mlp net = small_network(5);
  const auto all = gradients(net, d.X, d.T);
  Eigen::MatrixXd sum = Eigen::MatrixXd::Zero(3, 2);
  for (Eigen::Index n = 0; n < 8; ++n) sum += gradients(net, d.X.col(n), d.T.col(n)).weight_gradients[0];
  BOOST_TEST((all.weight_gradients[0] - sum).cwiseAbs().maxCoeff() <= 1e-14);
  // IC's mean over the minibatch: the same as the sum with η/n.
  Mlp mean = net, summed = net;
  Sgd a(mean, {.learning_rate = 0.4, .mean_over_batch = true, .loss = Loss::half_squared_error});
  Sgd b(summed, {.learning_rate = 0.4 / 8.0, .loss = Loss::half_squared_error});
  a.step(d.X, d.T);
  b.step(d.X, d.T);
  BOOST_TEST(largest_gap(mean, summed) <= 1e-15);
}

BOOST_AUTO_TEST_CASE(the_squared_error_and_its_gradient) {
  const Eigen::MatrixXd y = (Eigen::MatrixXd(2, 2) << 1, 2, 3, 4).finished();
  const Eigen::MatrixXd t = (Eigen::MatrixXd(2, 2) << 0, 2, 5, 1).finished();
  BOOST_TEST(nnwb::loss_value(Loss::squared_error, y, t) == 1.0 + 0.0 + 4.0 + 9.0);
  BOOST_TEST(nnwb::loss_value(Loss::half_squared_error, y, t) == 7.0);
  Eigen::MatrixXd g;
  nnwb::loss_gradient_into(Loss::squared_error, y, t, g);
  BOOST_TEST((g == 2.0 * (y - t)));
  nnwb::loss_gradient_into(Loss::half_squared_error, y, t, g);
  BOOST_TEST((g == y - t));
}

BOOST_AUTO_TEST_CASE(fixed_biases_stay_fixed) {
  const Data d = small_data(6, 5);
  Mlp net = small_network(6);
  const Mlp start = net;
  Sgd sgd(net, {.learning_rate = 0.1, .momentum = 0.3, .update_biases = false});
  for (int s = 0; s < 3; ++s) sgd.step(d.X, d.T);
  BOOST_TEST((net.layers()[0].bias == start.layers()[0].bias));
  BOOST_TEST((net.layers()[1].bias == start.layers()[1].bias));
  BOOST_TEST((net.layers()[0].weights != start.layers()[0].weights));
}

BOOST_AUTO_TEST_CASE(shuffling_is_a_seeded_uniform_permutation) {
  Rng a(11), b(11), c(12);
  const auto first = nnwb::shuffled_order(20, a);
  BOOST_TEST((first == nnwb::shuffled_order(20, b)));
  BOOST_TEST((first != nnwb::shuffled_order(20, c)));
  BOOST_TEST(std::set<Eigen::Index>(first.begin(), first.end()).size() == 20u);
  // Each of the 6 orders of 3 samples about equally often: 6000 draws, 1000 expected, σ ≈ 29.
  std::map<std::vector<Eigen::Index>, int> counts;
  Rng rng(5);
  for (int i = 0; i < 6000; ++i) ++counts[nnwb::shuffled_order(3, rng)];
  BOOST_TEST(counts.size() == 6u);
  for (const auto& [order, count] : counts) BOOST_TEST(std::abs(count - 1000) < 150);
}

BOOST_AUTO_TEST_CASE(stopping_rules) {
  const Data d = small_data(7, 12), v = small_data(8, 12);
  const auto run = [&](const nnwb::StoppingRules& rules, Mlp& net) {
    Sgd sgd(net, {.learning_rate = 0.05, .batch_size = 4, .loss = Loss::half_squared_error});
    Rng rng(3);
    return sgd.train(d.X, d.T, rng, rules, v.X, v.T);
  };
  {  // the maximum number of epochs
    Mlp net = small_network(7);
    nnwb::StoppingRules rules;
    rules.max_epochs = 7;
    const auto h = run(rules, net);
    BOOST_TEST(h.epochs == 7);
    BOOST_TEST(h.losses.size() == 8u);
    BOOST_TEST((h.reason == nnwb::StopReason::max_epochs));
    BOOST_TEST(h.losses.back() == nnwb::dataset_loss(net, Loss::half_squared_error, d.X, d.T));
  }
  {  // E < E_min: the first epoch below the threshold, and none before it
    Mlp net = small_network(7);
    nnwb::StoppingRules rules;
    rules.max_epochs = 500;
    Mlp probe = small_network(7);
    const double E0 = nnwb::dataset_loss(probe, Loss::half_squared_error, d.X, d.T);
    rules.loss_below = 0.5 * E0;
    const auto h = run(rules, net);
    BOOST_TEST((h.reason == nnwb::StopReason::loss_below));
    BOOST_TEST(h.losses.back() < 0.5 * E0);
    for (std::size_t e = 0; e + 1 < h.losses.size(); ++e) BOOST_TEST(h.losses[e] >= 0.5 * E0);
  }
  {  // |Δw| < Δ_min
    Mlp net = small_network(7);
    nnwb::StoppingRules rules;
    rules.max_epochs = 2000;
    rules.step_below = 1e-2;
    const auto h = run(rules, net);
    BOOST_TEST((h.reason == nnwb::StopReason::step_below));
    BOOST_TEST(h.largest_steps.back() < 1e-2);
    for (std::size_t e = 0; e + 1 < h.largest_steps.size(); ++e) BOOST_TEST(h.largest_steps[e] >= 1e-2);
  }
  {  // early stopping: `patience` epochs past the lowest validation error, whose weights are kept
    Mlp net = small_network(7);
    nnwb::StoppingRules rules;
    rules.max_epochs = 2000;
    rules.patience = 4;
    const auto h = run(rules, net);
    BOOST_TEST((h.reason == nnwb::StopReason::early_stopping));
    const auto lowest = std::min_element(h.validation_losses.begin(), h.validation_losses.end());
    BOOST_TEST(static_cast<int>(lowest - h.validation_losses.begin()) == h.best_epoch);
    BOOST_TEST(h.epochs - h.best_epoch == 4);
    BOOST_TEST(nnwb::dataset_loss(net, Loss::half_squared_error, v.X, v.T) == *lowest);
  }
  {  // a time limit of 0 stops after one epoch
    Mlp net = small_network(7);
    nnwb::StoppingRules rules;
    rules.time_limit = std::chrono::duration<double>(0.0);
    BOOST_TEST(run(rules, net).epochs == 1);
  }
  {  // early stopping needs a validation set
    Mlp net = small_network(7);
    Sgd sgd(net, {.learning_rate = 0.05});
    Rng rng(3);
    nnwb::StoppingRules rules;
    rules.patience = 3;
    BOOST_CHECK_THROW(sgd.train(d.X, d.T, rng, rules), std::invalid_argument);
  }
}

BOOST_AUTO_TEST_CASE(bad_settings_are_refused) {
  Mlp net = small_network(1);
  BOOST_CHECK_THROW((Sgd(net, {.learning_rate = 0.0})), std::invalid_argument);
  BOOST_CHECK_THROW((Sgd(net, {.learning_rate = 0.1, .momentum = 1.0})), std::invalid_argument);
  BOOST_CHECK_THROW((Sgd(net, {.learning_rate = 0.1, .l2 = -1.0})), std::invalid_argument);
  Sgd sgd(net, {.learning_rate = 0.1});
  BOOST_CHECK_THROW(sgd.step(Eigen::MatrixXd::Zero(2, 3), Eigen::MatrixXd::Zero(1, 2)), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(forward_into_and_backward_into_match_and_reuse_their_storage) {
  const Data d = small_data(9, 5);
  const Mlp net = small_network(9);
  const nnwb::ForwardPass f = net.forward(d.X);
  const nnwb::BackwardPass b = net.backward(f, f.output() - d.T);
  nnwb::ForwardPass f2;
  nnwb::BackwardPass b2;
  net.forward_into(d.X, f2);
  net.backward_into(f2, f2.output() - d.T, b2);
  const double* z1 = f2.activations[1].data();
  const double* dW0 = b2.weight_gradients[0].data();
  net.forward_into(d.X, f2);  // again: the same storage
  net.backward_into(f2, f2.output() - d.T, b2);
  BOOST_TEST(f2.activations[1].data() == z1);
  BOOST_TEST(b2.weight_gradients[0].data() == dW0);
  for (std::size_t l = 0; l < 2; ++l) {
    BOOST_TEST((f2.pre_activations[l] - f.pre_activations[l]).cwiseAbs().maxCoeff() <= 1e-15);
    BOOST_TEST((f2.activations[l + 1] - f.activations[l + 1]).cwiseAbs().maxCoeff() <= 1e-15);
    BOOST_TEST((b2.deltas[l] - b.deltas[l]).cwiseAbs().maxCoeff() <= 1e-15);
    BOOST_TEST((b2.weight_gradients[l] - b.weight_gradients[l]).cwiseAbs().maxCoeff() <= 1e-15);
    BOOST_TEST((b2.bias_gradients[l] - b.bias_gradients[l]).cwiseAbs().maxCoeff() <= 1e-15);
  }
  BOOST_CHECK_THROW(net.forward_into(Eigen::MatrixXd::Zero(3, 2), f2), std::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()
