// Chapter delta_recursion (chapters/delta_recursion.cpp): the trace's deltas and gradients, for the
// two-layer (sigmoid, softmax + cross-entropy) and three-layer (tanh, sigmoid, sigmoid + squared
// error) networks, per sample and per batch, against
//   - the library's Mlp (forward, backward),
//   - central differences of an error function written out here with plain loops, independent of
//     both the trace and the Mlp,
//   - the sum of the per-sample gradients (the trace recomputed for each column of X).
//
// The slides print no numbers for this derivation (IC 004_f167be6db553c350.txt "Error
// backpropagation", "Backpropagation algorithm"; PD 003_b5a9c74466967a6d.txt "Error gradient: output
// nodes", "hidden nodes", "Partial derivatives wrt weights"; EDI, CTU, BMB likewise), so the
// expected values are computed here from the formulas those slides state.
#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "chapters.hpp"
#include "nnwb/mlp.hpp"
#include "support/gradient_claims.hpp"

BOOST_AUTO_TEST_SUITE(delta_recursion)

namespace bdata = boost::unit_test::data;
using nnwb::ChapterOptions;

namespace {

Eigen::VectorXd vec(const nnwb::Trace& t, const std::string& id) { return std::get<Eigen::VectorXd>(t.value(id)); }
Eigen::MatrixXd mat(const nnwb::Trace& t, const std::string& id) { return std::get<Eigen::MatrixXd>(t.value(id)); }
// A per-sample (vector) or batch (matrix) value as columns.
Eigen::MatrixXd cols(const nnwb::Trace& t, const std::string& id) {
  const nnwb::Value& v = t.value(id);
  if (const auto* x = std::get_if<Eigen::VectorXd>(&v)) return *x;
  return std::get<Eigen::MatrixXd>(v);
}
bool holds(const nnwb::Trace& t, const std::string& id) { return std::get<nnwb::Verdict>(t.value(id)).holds; }

// What the chapter says each network is: its hidden/output activations and error function.
struct Spec {
  std::string id;
  std::vector<char> g;  // per layer: 's' sigmoid, 't' tanh, 'i' identity (softmax logits)
  bool softmax;         // softmax + cross-entropy; otherwise ½ Σ (ŷ − t)²
};
const Spec net2{"net2", {'s', 'i'}, true};
const Spec net3{"net3", {'t', 's', 's'}, false};

double act(char g, double a) {
  if (g == 's') return 1.0 / (1.0 + std::exp(-a));
  if (g == 't') return std::tanh(a);
  return a;
}

struct Params {
  std::vector<Eigen::MatrixXd> W;
  std::vector<Eigen::VectorXd> b;
};
Params params_of(const nnwb::Trace& t, const Spec& s) {
  Params p;
  for (std::size_t l = 1; l <= s.g.size(); ++l) {
    p.W.push_back(mat(t, s.id + ".W" + std::to_string(l)));
    p.b.push_back(vec(t, s.id + ".b" + std::to_string(l)));
  }
  return p;
}

// E = Σ_n E_n, starting from the pre-activations `pre` of layer `start` (1-based), by plain loops.
double error_from(const Spec& s, const Params& p, int start, const Eigen::MatrixXd& pre, const Eigen::MatrixXd& T) {
  const int L = static_cast<int>(s.g.size());
  double E = 0.0;
  for (Eigen::Index n = 0; n < pre.cols(); ++n) {
    std::vector<double> a(pre.col(n).data(), pre.col(n).data() + pre.rows());
    for (int l = start;; ++l) {
      std::vector<double> z(a.size());
      for (std::size_t j = 0; j < a.size(); ++j) z[j] = act(s.g[l - 1], a[j]);
      if (l == L) {
        if (s.softmax) {  // −Σ_k t_k ln softmax(a)_k
          double total = 0.0;
          for (double ak : a) total += std::exp(ak);
          for (std::size_t k = 0; k < a.size(); ++k) E -= T(k, n) * std::log(std::exp(a[k]) / total);
        } else {  // ½ Σ_k (ŷ_k − t_k)²
          for (std::size_t k = 0; k < z.size(); ++k) E += 0.5 * (z[k] - T(k, n)) * (z[k] - T(k, n));
        }
        break;
      }
      const Eigen::MatrixXd& W = p.W[l];  // layer l + 1
      std::vector<double> next(W.rows());
      for (Eigen::Index j = 0; j < W.rows(); ++j) {
        next[j] = p.b[l][j];
        for (Eigen::Index i = 0; i < W.cols(); ++i) next[j] += W(j, i) * z[i];  // Σ_i W_ji z_i + b_j
      }
      a = next;
    }
  }
  return E;
}

Eigen::MatrixXd first_pre_activations(const Params& p, const Eigen::MatrixXd& X) {
  Eigen::MatrixXd A(p.W[0].rows(), X.cols());
  for (Eigen::Index n = 0; n < X.cols(); ++n)
    for (Eigen::Index j = 0; j < A.rows(); ++j) {
      A(j, n) = p.b[0][j];
      for (Eigen::Index i = 0; i < X.rows(); ++i) A(j, n) += p.W[0](j, i) * X(i, n);
    }
  return A;
}

double error_of(const Spec& s, const Params& p, const Eigen::MatrixXd& X, const Eigen::MatrixXd& T) {
  return error_from(s, p, 1, first_pre_activations(p, X), T);
}

// Central difference of f at each entry of m (perturbed in place, restored). h = 1e−6.
template <typename F>
Eigen::MatrixXd differences(Eigen::MatrixXd& m, F f) {
  Eigen::MatrixXd g(m.rows(), m.cols());
  for (Eigen::Index i = 0; i < m.rows(); ++i)
    for (Eigen::Index j = 0; j < m.cols(); ++j) {
      const double saved = m(i, j);
      m(i, j) = saved + 1e-6;
      const double plus = f();
      m(i, j) = saved - 1e-6;
      const double minus = f();
      m(i, j) = saved;
      g(i, j) = (plus - minus) / 2e-6;
    }
  return g;
}

// |value − expected| ≤ absolute + relative·|expected|, entry by entry.
void check_close(const Eigen::MatrixXd& value, const Eigen::MatrixXd& expected, double relative,
                 const std::string& what, double absolute = 1e-15) {
  BOOST_TEST_CONTEXT(what) {
    BOOST_TEST_REQUIRE(value.rows() == expected.rows());
    BOOST_TEST_REQUIRE(value.cols() == expected.cols());
    for (Eigen::Index i = 0; i < value.rows(); ++i)
      for (Eigen::Index j = 0; j < value.cols(); ++j)
        BOOST_TEST(std::abs(value(i, j) - expected(i, j)) <= absolute + relative * std::abs(expected(i, j)),
                   what << "(" << i << ", " << j << "): " << value(i, j) << " vs " << expected(i, j));
  }
}

// Everything the chapter claims for one network in one mode ("sample": column 1 of X; "batch").
void check_pass(const nnwb::Trace& t, const Spec& s, bool batch) {
  const std::string p = s.id + (batch ? ".batch" : ".sample");
  const int L = static_cast<int>(s.g.size());
  const auto id = [&](int l, const char* what) { return p + ".l" + std::to_string(l) + "." + what; };
  Params params = params_of(t, s);
  Eigen::MatrixXd X = mat(t, s.id + ".X"), T = mat(t, s.id + ".T");
  if (!batch) {
    X = Eigen::MatrixXd(X.col(0));
    T = Eigen::MatrixXd(T.col(0));
    check_close(cols(t, p + ".x"), X, 0, "x", 0);
  }

  // The library's Mlp, run here.
  std::vector<nnwb::DenseLayer> layers;
  for (int l = 0; l < L; ++l) {
    const nnwb::Activation g = s.g[l] == 's' ? nnwb::Activation::sigmoid()
                               : s.g[l] == 't' ? nnwb::Activation::tanh()
                                               : nnwb::Activation::identity();
    layers.push_back({params.W[l], params.b[l], g});
  }
  const nnwb::Mlp mlp(layers);
  const nnwb::ForwardPass forward = mlp.forward(X);
  Eigen::MatrixXd output_deltas = forward.output() - T;  // squared error: ∂E/∂ŷ = ŷ − t
  if (s.softmax) {
    Eigen::MatrixXd y = forward.output();
    for (Eigen::Index n = 0; n < y.cols(); ++n) {
      y.col(n) = y.col(n).array().exp();
      y.col(n) /= y.col(n).sum();
    }
    output_deltas = y - T;  // δ = softmax(a) − t
  }
  const nnwb::BackwardPass backward =
      s.softmax ? mlp.backward_from_output_deltas(forward, output_deltas) : mlp.backward(forward, output_deltas);

  BOOST_TEST(std::get<double>(t.value(p + ".E")) == error_of(s, params, X, T), boost::test_tools::tolerance(1e-12));
  for (int l = 1; l <= L; ++l) {
    // Forward pass: a and z as the Mlp stores them.
    check_close(cols(t, id(l, "a")), forward.pre_activations[l - 1], 1e-12, id(l, "a"));
    if (!(s.softmax && l == L)) check_close(cols(t, id(l, "z")), forward.activations[l], 1e-12, id(l, "z"));
    // Backward pass: the trace's deltas and gradients are the Mlp's.
    check_close(cols(t, id(l, "delta")), backward.deltas[l - 1], 1e-12, id(l, "delta") + " vs Mlp");
    check_close(cols(t, id(l, "dW")), backward.weight_gradients[l - 1], 1e-12, id(l, "dW") + " vs Mlp");
    check_close(cols(t, id(l, "db")), backward.bias_gradients[l - 1], 1e-12, id(l, "db") + " vs Mlp");
    // … and central differences of the hand-written error.
    const Eigen::MatrixXd dW = differences(params.W[l - 1], [&] { return error_of(s, params, X, T); });
    Eigen::MatrixXd bias = params.b[l - 1];
    const Eigen::MatrixXd db = differences(bias, [&] {
      params.b[l - 1] = bias.col(0);
      return error_of(s, params, X, T);
    });
    params.b[l - 1] = bias.col(0);
    Eigen::MatrixXd pre = forward.pre_activations[l - 1];
    const Eigen::MatrixXd dA = differences(pre, [&] { return error_from(s, params, l, pre, T); });
    check_close(cols(t, id(l, "dW")), dW, 1e-6, id(l, "dW") + " vs differences", 1e-9);
    check_close(cols(t, id(l, "db")), db, 1e-6, id(l, "db") + " vs differences", 1e-9);
    check_close(cols(t, id(l, "delta")), dA, 1e-6, id(l, "delta") + " vs differences", 1e-9);
    BOOST_TEST(holds(t, id(l, "check")), id(l, "check"));
  }
  BOOST_TEST(holds(t, p + ".mlp"), p + ".mlp");
  if (batch) BOOST_TEST(holds(t, p + ".sum"), p + ".sum");
}

// The batch gradient equals the sum of the per-sample gradients: the per-sample part of the trace,
// recomputed with each column of X (and T) in first place.
void check_batch_is_sum(const nnwb::Trace& t, const Spec& s) {
  const Eigen::MatrixXd X = mat(t, s.id + ".X"), T = mat(t, s.id + ".T");
  const int L = static_cast<int>(s.g.size());
  for (int l = 1; l <= L; ++l) {
    const std::string layer = ".l" + std::to_string(l);
    Eigen::MatrixXd dW = Eigen::MatrixXd::Zero(mat(t, s.id + ".batch" + layer + ".dW").rows(),
                                               mat(t, s.id + ".batch" + layer + ".dW").cols());
    Eigen::VectorXd db = Eigen::VectorXd::Zero(vec(t, s.id + ".batch" + layer + ".db").size());
    for (Eigen::Index n = 0; n < X.cols(); ++n) {
      Eigen::MatrixXd Xn = X, Tn = T;
      Xn.col(0).swap(Xn.col(n));
      Tn.col(0).swap(Tn.col(n));
      nnwb::Trace copy = t;
      copy.recompute({{s.id + ".X", Xn}, {s.id + ".T", Tn}});
      dW += mat(copy, s.id + ".sample" + layer + ".dW");
      db += vec(copy, s.id + ".sample" + layer + ".db");
    }
    check_close(mat(t, s.id + ".batch" + layer + ".dW"), dW, 1e-12, s.id + layer + ".dW = Σ_n");
    check_close(vec(t, s.id + ".batch" + layer + ".db"), db, 1e-12, s.id + layer + ".db = Σ_n");
  }
}

nnwb::Trace build(int seed) {
  return nnwb::chapters::delta_recursion(seed == 0 ? ChapterOptions{}
                                                   : ChapterOptions{static_cast<std::uint64_t>(seed)});
}

}  // namespace

BOOST_AUTO_TEST_CASE(default_example_by_hand) {
  // No slide prints numbers; the defaults are the chapter's own (its summary says so). Two
  // pre-activations worked by hand from them, a⁽¹⁾ = W⁽¹⁾x + b⁽¹⁾ with x the first column of X:
  const nnwb::Trace t = build(0);
  const auto near = boost::test_tools::tolerance(1e-12);
  // two-layer net: x = (0.5, 1, −0.5); (0.2·0.5 − 0.4·1 + 0.1·(−0.5)) + 0.1 = −0.25,
  // (0.5·0.5 + 0.3·1 − 0.2·(−0.5)) − 0.1 = 0.55
  BOOST_TEST(vec(t, "net2.sample.l1.a")[0] == -0.25, near);
  BOOST_TEST(vec(t, "net2.sample.l1.a")[1] == 0.55, near);
  // three-layer net: x = (0.5, −1); 0.1·0.5 − 0.5·(−1) + 0 = 0.55, 0.4·0.5 + 0.2·(−1) + 0.1 = 0.1,
  // −0.3·0.5 + 0.6·(−1) − 0.2 = −0.95
  BOOST_TEST(vec(t, "net3.sample.l1.a")[0] == 0.55, near);
  BOOST_TEST(vec(t, "net3.sample.l1.a")[1] == 0.1, near);
  BOOST_TEST(vec(t, "net3.sample.l1.a")[2] == -0.95, near);
  // The output delta of a softmax + cross-entropy output is ŷ − t (PD "Final result").
  check_close(cols(t, "net2.sample.l2.delta"), cols(t, "net2.sample.l2.z") - cols(t, "net2.sample.t"), 1e-15,
              "δ⁽²⁾ = ŷ − t");
  // The output delta of a sigmoid + squared error output is σ'(a)(ŷ − t) = ŷ(1 − ŷ)(ŷ − t) (CTU).
  const double y = vec(t, "net3.sample.l3.z")[0], target = vec(t, "net3.sample.t")[0];
  BOOST_TEST(vec(t, "net3.sample.l3.delta")[0] == y * (1 - y) * (y - target), near);
}

BOOST_AUTO_TEST_CASE(step_ids_are_stable) {
  const nnwb::Trace t = build(0);
  for (const std::string net : {"net2", "net3"}) {
    const int L = net == "net2" ? 2 : 3;
    for (const std::string mode : {".sample", ".batch"}) {
      const std::string p = net + mode;
      for (const char* single : {".E", ".mlp"}) BOOST_TEST(t.has(p + single), p + single);
      for (int l = 1; l <= L; ++l)
        for (const char* what : {"a", "z", "delta", "dW", "db", "check"})
          BOOST_TEST(t.has(p + ".l" + std::to_string(l) + "." + what), p << ".l" << l << "." << what);
    }
    BOOST_TEST(t.has(net + ".sample.x"));
    BOOST_TEST(t.has(net + ".batch.sum"));
  }
  BOOST_TEST(t.has("net3.sample.dE_dy"));
}

BOOST_DATA_TEST_CASE(trace_agrees_with_mlp_and_differences, bdata::make({0, 1, 2, 3, 4, 5, 42, 20261122}), seed) {
  const nnwb::Trace t = build(seed);
  BOOST_TEST(t.seed().has_value() == (seed != 0));
  for (const Spec* s : {&net2, &net3})
    for (bool batch : {false, true}) BOOST_TEST_CONTEXT(s->id << (batch ? " batch" : " sample")) { check_pass(t, *s, batch); }
}

BOOST_DATA_TEST_CASE(batch_gradient_is_the_sum_of_sample_gradients, bdata::make({0, 1, 2, 42}), seed) {
  const nnwb::Trace t = build(seed);
  check_batch_is_sum(t, net2);
  check_batch_is_sum(t, net3);
}

BOOST_DATA_TEST_CASE(claimed_gradients_agree_with_central_differences, bdata::make({0, 1, 2, 3, 42, 20261122}), seed) {
  const nnwb::Trace t = build(seed);
  const auto checks = nnwb::testing::check_gradient_claims(t);
  // Per network and mode: δ, ∂E/∂W, ∂E/∂b for each layer, and ∂E/∂ŷ for the squared-error net.
  BOOST_TEST(checks.size() == 2u * (3u * 2u) + 2u * (3u * 3u + 1u));
  for (const auto& check : checks)
    BOOST_TEST_CONTEXT("seed " << seed << ": " << check.step << " = ∂/∂" << check.wrt) {
      BOOST_TEST(check.worst_relative_error <= 1e-7);
    }
}

BOOST_AUTO_TEST_CASE(steps_recompute_from_their_own_inputs) {
  // Follow-through: each step computes from whatever values it is given, e.g. a student's delta.
  const nnwb::Trace t = build(0);
  const auto near = boost::test_tools::tolerance(1e-14);
  Eigen::VectorXd delta3(1);
  delta3 << 0.5;
  // δ⁽²⁾ = σ'(a⁽²⁾) ∘ (W⁽³⁾)ᵀ δ⁽³⁾
  const auto delta2 = std::get<Eigen::VectorXd>(t.compute_step("net3.sample.l2.delta", {{"net3.sample.l3.delta", delta3}}));
  const Eigen::VectorXd a2 = vec(t, "net3.sample.l2.a");
  const Eigen::MatrixXd W3 = mat(t, "net3.W3");
  for (Eigen::Index j = 0; j < 2; ++j) {
    const double s = 1.0 / (1.0 + std::exp(-a2[j]));
    BOOST_TEST(delta2[j] == s * (1 - s) * W3(0, j) * 0.5, near);
  }
  // ∂E/∂W⁽¹⁾ = δ⁽¹⁾ xᵀ
  Eigen::VectorXd delta1(3);
  delta1 << 1.0, -2.0, 0.5;
  const auto dW1 = std::get<Eigen::MatrixXd>(t.compute_step("net3.sample.l1.dW", {{"net3.sample.l1.delta", delta1}}));
  const Eigen::VectorXd x = vec(t, "net3.sample.x");
  for (Eigen::Index j = 0; j < 3; ++j)
    for (Eigen::Index i = 0; i < 2; ++i) BOOST_TEST(dW1(j, i) == delta1[j] * x[i], near);
  // A value that does not fit is refused with an exception (the grader can report it).
  BOOST_CHECK_THROW(t.compute_step("net3.sample.l2.delta", {{"net3.sample.l3.delta", Eigen::VectorXd(Eigen::VectorXd::Ones(4))}}),
                    std::invalid_argument);
  BOOST_CHECK_THROW(t.compute_step("net2.sample.l1.a", {{"net2.sample.x", Eigen::VectorXd(Eigen::VectorXd::Ones(2))}}),
                    std::invalid_argument);
  // The whole trace recomputes from new weights, and stays consistent with the Mlp.
  nnwb::Trace copy = t;
  Eigen::MatrixXd W1 = mat(t, "net2.W1");
  W1(0, 0) += 0.3;
  copy.recompute({{"net2.W1", W1}});
  BOOST_TEST(vec(copy, "net2.sample.l1.a")[0] == vec(t, "net2.sample.l1.a")[0] + 0.3 * vec(t, "net2.sample.x")[0], near);
  BOOST_TEST(holds(copy, "net2.sample.mlp"));
  BOOST_TEST(holds(copy, "net2.batch.l1.check"));
}

BOOST_AUTO_TEST_SUITE_END()
