// Chapter matrix_graph (chapters/matrix_graph.cpp), EDI's two-layer network as the computation
// graph f₁…f₆ (000_7637ffcd816b0303.txt, "Computation graph", "Computation graph (cont.)",
// "Computation graph – cross entropy layer", "Quizzes"):
//   - the forward pass and every gradient against a network written out here with loops and
//     std::exp (no library code), on the default and on seeds;
//   - the gradients and the quiz's Jacobians against central differences of that written-out
//     network (independent of the trace's recompute, which the catalogue test uses);
//   - the slides' slips: f₆ without its minus sign is −L, "a = x₄" does not give L, and the
//     W₁ chain's ∂x₃/∂W₁ equals ∂x₃/∂x₂ ∂x₂/∂W₁ with ∂x₃/∂x₂ = I;
//   - the diagram as data: its nodes, labels and edges, and that each edge's numbers are the norms
//     of the trace's values;
//   - logits and pre-activations of ±1000 stay finite.
#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "chapters.hpp"
#include "nnwb/figure.hpp"
#include "support/gradient_claims.hpp"
#include "support/trace_values.hpp"

BOOST_AUTO_TEST_SUITE(matrix_graph)

namespace bdata = boost::unit_test::data;
using Eigen::MatrixXd;
using Eigen::VectorXd;
using nnwb::testing::mat;
using nnwb::testing::scalar;
using nnwb::testing::variant;
using nnwb::testing::vec;
using nnwb::testing::verdict;

// Named, not anonymous: the test cases' lambdas capture these types (GCC's -Wsubobject-linkage).
namespace written_out {

// The network by hand: every sum a loop, σ and softmax from std::exp.
struct Net {
  VectorXd x;
  MatrixXd W1;
  VectorXd w10;
  MatrixXd W2;
  VectorXd w20;
  int c = 0;  // 0-based true class
};

Net net_of(const nnwb::Trace& t) {
  return {vec(t, "x"), mat(t, "W1"), vec(t, "w10"), mat(t, "W2"), vec(t, "w20"),
          static_cast<int>(std::lround(scalar(t, "c"))) - 1};
}

double sig(double a) { return 1.0 / (1.0 + std::exp(-a)); }

VectorXd affine(const MatrixXd& W, const VectorXd& v, const VectorXd& b) {
  VectorXd out(W.rows());
  for (Eigen::Index i = 0; i < W.rows(); ++i) {
    double sum = b[i];
    for (Eigen::Index k = 0; k < W.cols(); ++k) sum += W(i, k) * v[k];
    out[i] = sum;
  }
  return out;
}

struct Pass {
  VectorXd x3, x4, x6, yhat;
  double L = 0;
};

Pass forward(const Net& n) {
  Pass p;
  p.x3 = affine(n.W1, n.x, n.w10);
  p.x4 = p.x3.unaryExpr([](double a) { return sig(a); });
  p.x6 = affine(n.W2, p.x4, n.w20);
  double total = 0;
  for (Eigen::Index k = 0; k < p.x6.size(); ++k) total += std::exp(p.x6[k]);
  p.yhat = p.x6.unaryExpr([total](double a) { return std::exp(a) / total; });
  p.L = -std::log(p.yhat[n.c]);
  return p;
}

// Central difference of f at one entry of a matrix held in `entry` (h = 1e−5: error ~1e−11).
double central(const std::function<double()>& f, double& entry) {
  const double h = 1e-5, saved = entry;
  entry = saved + h;
  const double up = f();
  entry = saved - h;
  const double down = f();
  entry = saved;
  return (up - down) / (2 * h);
}

// The gradient of f with respect to every entry of `m`, by central differences.
MatrixXd numeric_gradient(const std::function<double()>& f, MatrixXd& m) {
  MatrixXd g(m.rows(), m.cols());
  for (Eigen::Index j = 0; j < m.cols(); ++j)
    for (Eigen::Index i = 0; i < m.rows(); ++i) g(i, j) = central(f, m(i, j));
  return g;
}
MatrixXd numeric_gradient(const std::function<double()>& f, VectorXd& v) {
  MatrixXd g(v.size(), 1);
  for (Eigen::Index i = 0; i < v.size(); ++i) g(i, 0) = central(f, v[i]);
  return g;
}

void close(const MatrixXd& a, const MatrixXd& b, double tol, const std::string& what) {
  BOOST_TEST_CONTEXT(what) {
    BOOST_TEST_REQUIRE(a.rows() == b.rows());
    BOOST_TEST_REQUIRE(a.cols() == b.cols());
    BOOST_TEST((a - b).cwiseAbs().maxCoeff() <= tol * std::max(1.0, b.cwiseAbs().maxCoeff()));
  }
}

}  // namespace written_out
using namespace written_out;

BOOST_DATA_TEST_CASE(forward_pass_matches_the_network_written_out, bdata::xrange(0, 10), k) {
  const nnwb::Trace t = nnwb::chapters::matrix_graph(variant(k));
  const Net n = net_of(t);
  const Pass p = forward(n);
  BOOST_TEST_CONTEXT("variant " << k) {
    close(vec(t, "f1.x2"), affine(n.W1, n.x, VectorXd::Zero(n.W1.rows())), 1e-14, "x2 = W1 x");
    close(vec(t, "f2.x3"), p.x3, 1e-14, "x3");
    close(vec(t, "f3.x4"), p.x4, 1e-14, "x4");
    close(vec(t, "f4.x5"), affine(n.W2, p.x4, VectorXd::Zero(n.W2.rows())), 1e-14, "x5 = W2 x4");
    close(vec(t, "f5.x6"), p.x6, 1e-14, "x6");
    close(vec(t, "yhat"), p.yhat, 1e-14, "yhat");
    BOOST_TEST(scalar(t, "f6.L") == p.L, boost::test_tools::tolerance(1e-13));
    BOOST_TEST(std::abs(vec(t, "yhat").sum() - 1.0) <= 1e-15);
    BOOST_TEST(vec(t, "y")[n.c] == 1.0);
    BOOST_TEST(vec(t, "y").sum() == 1.0);
    BOOST_TEST(verdict(t, "ce.sum").holds);
  }
}

BOOST_AUTO_TEST_CASE(the_default_network_is_small_and_unsaturated) {
  // The slides print no numbers: the default is 2 inputs, 3 hidden units, 3 classes, class 2.
  const nnwb::Trace t = nnwb::chapters::matrix_graph({});
  BOOST_TEST(vec(t, "x").size() == 2);
  BOOST_TEST(mat(t, "W1").rows() == 3);
  BOOST_TEST(mat(t, "W2").rows() == 3);
  BOOST_TEST(scalar(t, "c") == 2.0);
  // σ'(x₃) well away from 0, so the hidden units pass gradient back.
  BOOST_TEST(mat(t, "quiz.dx4_dx3").diagonal().minCoeff() > 0.2);
  // x₃ = (0.45, 0.1, 0.5) by hand: W₁x = (0.5 − 0.15, −0.2 + 0.4, 0.1 + 0.2), plus w₁₀.
  close(vec(t, "f2.x3"), Eigen::Vector3d(0.45, 0.1, 0.5), 1e-15, "x3 by hand");
}

BOOST_DATA_TEST_CASE(backward_pass_matches_the_written_out_chain_rule, bdata::xrange(0, 10), k) {
  const nnwb::Trace t = nnwb::chapters::matrix_graph(variant(k));
  const Net n = net_of(t);
  const Pass p = forward(n);
  // δ₆ = ŷ − e_c; δ₃ⱼ = σ'(x₃ⱼ) Σᵢ (W₂)ᵢⱼ δ₆ᵢ; ∂L/∂W₂ = δ₆ x₄ᵀ; ∂L/∂W₁ = δ₃ xᵀ.
  VectorXd d6 = p.yhat;
  d6[n.c] -= 1.0;
  VectorXd d3(n.W1.rows());
  for (Eigen::Index j = 0; j < d3.size(); ++j) {
    double sum = 0;
    for (Eigen::Index i = 0; i < d6.size(); ++i) sum += n.W2(i, j) * d6[i];
    d3[j] = p.x4[j] * (1 - p.x4[j]) * sum;
  }
  MatrixXd gW2(n.W2.rows(), n.W2.cols()), gW1(n.W1.rows(), n.W1.cols());
  for (Eigen::Index i = 0; i < gW2.rows(); ++i)
    for (Eigen::Index j = 0; j < gW2.cols(); ++j) gW2(i, j) = d6[i] * p.x4[j];
  for (Eigen::Index i = 0; i < gW1.rows(); ++i)
    for (Eigen::Index j = 0; j < gW1.cols(); ++j) gW1(i, j) = d3[i] * n.x[j];
  BOOST_TEST_CONTEXT("variant " << k) {
    close(vec(t, "grad.x6"), d6, 1e-14, "dL/dx6");
    close(vec(t, "grad.w20"), d6, 1e-14, "dL/dw20");
    close(mat(t, "grad.W2"), gW2, 1e-14, "dL/dW2");
    close(vec(t, "grad.x3"), d3, 1e-13, "dL/dx3");
    close(vec(t, "grad.w10"), d3, 1e-13, "dL/dw10");
    close(mat(t, "grad.W1"), gW1, 1e-13, "dL/dW1");
    close(mat(t, "chain.W2"), gW2, 1e-14, "the slide's chain for W2");
    close(mat(t, "chain.W1"), gW1, 1e-13, "the slide's chain for W1");
    BOOST_TEST(verdict(t, "chain.same").holds);
  }
}

BOOST_DATA_TEST_CASE(gradients_agree_with_central_differences_of_the_written_out_loss, bdata::xrange(0, 6), k) {
  const nnwb::Trace t = nnwb::chapters::matrix_graph(variant(k));
  Net n = net_of(t);
  const auto loss = [&n] { return forward(n).L; };
  BOOST_TEST_CONTEXT("variant " << k) {
    close(mat(t, "grad.W1"), numeric_gradient(loss, n.W1), 1e-8, "dL/dW1");
    close(vec(t, "grad.w10"), numeric_gradient(loss, n.w10), 1e-8, "dL/dw10");
    close(mat(t, "grad.W2"), numeric_gradient(loss, n.W2), 1e-8, "dL/dW2");
    close(vec(t, "grad.w20"), numeric_gradient(loss, n.w20), 1e-8, "dL/dw20");
    close(vec(t, "grad.x1"), numeric_gradient(loss, n.x), 1e-8, "dL/dx1");
  }
}

BOOST_DATA_TEST_CASE(quiz_jacobians_agree_with_central_differences, bdata::xrange(0, 6), k) {
  const nnwb::Trace t = nnwb::chapters::matrix_graph(variant(k));
  Net n = net_of(t);
  const Eigen::Index K = n.W2.rows(), M = n.W1.rows();
  // ∂x₆/∂w₂₀: row i by differences of (x₆)ᵢ in w₂₀; it is exactly the identity.
  BOOST_TEST((mat(t, "quiz.dx6_dw20") == MatrixXd::Identity(K, K)));
  for (Eigen::Index i = 0; i < K; ++i) {
    const auto x6_i = [&n, i] { return forward(n).x6[i]; };
    close(vec(t, "quiz.dx6_dw20.row" + std::to_string(i + 1)), numeric_gradient(x6_i, n.w20), 1e-9, "dx6/dw20 row");
    BOOST_TEST(scalar(t, "f5.x6." + std::to_string(i + 1)) == vec(t, "f5.x6")[i]);
  }
  // ∂x₅/∂W₂, one slice per output: ∂(x₅)ᵢ/∂W₂ (x₅ = x₆ − w₂₀).
  for (Eigen::Index i = 0; i < K; ++i) {
    const auto x5_i = [&n, i] { return forward(n).x6[i] - n.w20[i]; };
    close(mat(t, "quiz.dx5_dW2." + std::to_string(i + 1)), numeric_gradient(x5_i, n.W2), 1e-9, "dx5/dW2 slice");
  }
  // ∂x₄/∂x₃: perturb x₃ itself, x₄ = σ(x₃).
  VectorXd x3 = forward(n).x3;
  for (Eigen::Index i = 0; i < M; ++i) {
    const auto x4_i = [&x3, i] { return sig(x3[i]); };
    close(vec(t, "quiz.dx4_dx3.row" + std::to_string(i + 1)), numeric_gradient(x4_i, x3), 1e-9, "dx4/dx3 row");
  }
  const MatrixXd& J = mat(t, "quiz.dx4_dx3");
  BOOST_TEST((J.diagonal().asDiagonal().toDenseMatrix() == J));  // diagonal: x₄ᵢ depends on x₃ᵢ only
}

BOOST_DATA_TEST_CASE(every_gradient_and_jacobian_is_claimed_and_agrees, bdata::xrange(0, 4), k) {
  const nnwb::Trace t = nnwb::chapters::matrix_graph(variant(k));
  const Eigen::Index K = mat(t, "W2").rows(), M = mat(t, "W1").rows();
  std::set<std::string> claimed;
  for (const auto& c : t.gradient_claims()) claimed.insert(c.step);
  for (const char* id : {"grad.x6", "grad.w20", "grad.x5", "grad.W2", "grad.x4", "grad.x3", "grad.w10", "grad.x2",
                         "grad.W1", "grad.x1", "chain.W2", "chain.W1"})
    BOOST_TEST(claimed.count(id) == 1u, id);
  for (Eigen::Index i = 1; i <= K; ++i) {
    BOOST_TEST(claimed.count("quiz.dx6_dw20.row" + std::to_string(i)) == 1u);
    BOOST_TEST(claimed.count("quiz.dx5_dW2." + std::to_string(i)) == 1u);
  }
  for (Eigen::Index i = 1; i <= K; ++i) {
    BOOST_TEST(claimed.count("chain.dx6_dx5.row" + std::to_string(i)) == 1u);
    BOOST_TEST(claimed.count("chain.dx5_dx4.row" + std::to_string(i)) == 1u);
  }
  for (Eigen::Index i = 1; i <= M; ++i) {
    BOOST_TEST(claimed.count("quiz.dx4_dx3.row" + std::to_string(i)) == 1u);
    BOOST_TEST(claimed.count("chain.dx3_dx2.row" + std::to_string(i)) == 1u);
  }
  // Every step that is a matrix or vector of derivatives is claimed itself or row by row.
  for (const auto& step : t.steps()) {
    const bool derivative = step.id.rfind("grad.", 0) == 0 || step.id.rfind("quiz.", 0) == 0 ||
                            step.id.rfind("chain.d", 0) == 0 || step.id == "chain.W1" || step.id == "chain.W2";
    if (!derivative) continue;
    bool rows_claimed = true;
    for (Eigen::Index i = 1; i <= mat(t, "W2").rows() + mat(t, "W1").rows(); ++i)
      if (t.has(step.id + ".row" + std::to_string(i))) rows_claimed = rows_claimed && claimed.count(step.id + ".row" + std::to_string(i));
    const bool has_rows = t.has(step.id + ".row1");
    BOOST_TEST((claimed.count(step.id) == 1u || (has_rows && rows_claimed)), step.id);
  }
  for (const auto& check : nnwb::testing::check_gradient_claims(t))
    BOOST_TEST(check.worst_relative_error <= 1e-7, check.step);
}

BOOST_AUTO_TEST_CASE(a_wrong_gradient_is_caught_by_its_claim) {
  // The claims can fail: ∂L/∂x₆ with the slide's f₆ sign (y − ŷ) disagrees with the differences.
  nnwb::Trace t = nnwb::chapters::matrix_graph({});
  t.recompute({{"grad.x6", VectorXd(-vec(t, "grad.x6"))}});
  bool caught = false;
  for (const auto& check : nnwb::testing::check_gradient_claims(t))
    if (check.step == "grad.x6") caught = check.worst_relative_error > 1.0;
  BOOST_TEST(caught);
}

// Seed 18 has 4 classes and 3 hidden units with c = 4: x₄ is too short to be the softmax's input.
BOOST_DATA_TEST_CASE(the_slides_slips, bdata::make({0, 1, 2, 3, 4, 5, 6, 7, 18}), k) {
  const nnwb::Trace t = nnwb::chapters::matrix_graph(variant(k));
  Net n = net_of(t);
  const Pass p = forward(n);
  BOOST_TEST_CONTEXT("variant " << k) {
    // "f₆: L = log softmax(x₆)_{i=y}" is log ŷ_c = −L ≤ 0: the minus sign is missing.
    BOOST_TEST(scalar(t, "f6.as_printed") == std::log(p.yhat[n.c]), boost::test_tools::tolerance(1e-13));
    BOOST_TEST(scalar(t, "f6.as_printed") < 0.0);
    BOOST_TEST(verdict(t, "f6.sign").holds);
    // "a = x₄": the cross-entropy of softmax(x₄) is not L (x₆ = W₂x₄ + w₂₀ ≠ x₄ here).
    BOOST_TEST(verdict(t, "ce.input").holds);
    if (k == 18) BOOST_TEST(n.c >= p.x4.size());
    if (n.c < p.x4.size()) {
      double total = 0;
      for (Eigen::Index j = 0; j < p.x4.size(); ++j) total += std::exp(p.x4[j]);
      BOOST_TEST(std::abs(-std::log(std::exp(p.x4[n.c]) / total) - p.L) > 1e-6);
    }
    // ∂x₃/∂W₁ (by differences of x₃ = W₁x + w₁₀) equals ∂x₃/∂x₂ ∂x₂/∂W₁ = I · (δᵢⱼ xₖ).
    BOOST_TEST((mat(t, "chain.dx3_dx2") == MatrixXd::Identity(n.W1.rows(), n.W1.rows())));
    for (Eigen::Index i = 0; i < n.W1.rows(); ++i) {
      const auto x3_i = [&n, i] { return affine(n.W1, n.x, n.w10)[i]; };
      MatrixXd expected = MatrixXd::Zero(n.W1.rows(), n.W1.cols());
      expected.row(i) = n.x.transpose();
      close(numeric_gradient(x3_i, n.W1), expected, 1e-9, "dx3_i/dW1");
    }
  }
}

BOOST_DATA_TEST_CASE(the_diagram_draws_the_graph_with_the_traces_numbers, bdata::xrange(0, 6), k) {
  const nnwb::Trace t = nnwb::chapters::matrix_graph(variant(k));
  BOOST_TEST_REQUIRE(t.figures().size() == 1u);
  const nnwb::Figure& figure = t.figures().front();
  BOOST_TEST(nnwb::figure_problems(figure).empty());
  BOOST_TEST_REQUIRE(std::holds_alternative<nnwb::Diagram>(figure.content));
  const auto& d = std::get<nnwb::Diagram>(figure.content);

  // 17 nodes: x₁…x₆, L, W₁, w₁₀, W₂, w₂₀ by name, and the circles f₁…f₆.
  BOOST_TEST(d.nodes.size() == 17u);
  std::map<std::string, const nnwb::DiagramNode*> node;
  for (const auto& v : d.nodes) node[v.id] = &v;
  const std::map<std::string, std::string> names = {
      {"x1", "x₁"}, {"x2", "x₂"}, {"x3", "x₃"}, {"x4", "x₄"}, {"x5", "x₅"}, {"x6", "x₆"},
      {"L", "L"},   {"W1", "W₁"}, {"w10", "w₁₀"}, {"W2", "W₂"}, {"w20", "w₂₀"}};
  for (const auto& [id, label] : names) {
    BOOST_TEST_REQUIRE(node.count(id) == 1u, id);
    BOOST_TEST(node[id]->label == label);
    BOOST_TEST((node[id]->look == nnwb::DiagramNode::Look::text));
  }
  const char* f_labels[] = {"f₁", "f₂", "f₃", "f₄", "f₅", "f₆"};
  for (int i = 1; i <= 6; ++i) {
    const std::string id = "f" + std::to_string(i);
    BOOST_TEST_REQUIRE(node.count(id) == 1u, id);
    BOOST_TEST(node[id]->label == f_labels[i - 1]);
    BOOST_TEST((node[id]->look == nnwb::DiagramNode::Look::circle));
  }

  // 16 edges, each carrying ‖value‖ forward and ‖∂L/∂value‖ back (L: its value, and 1).
  struct Expected {
    std::string from, to, value, gradient;
  };
  const std::vector<Expected> edges = {
      {"x1", "f1", "x", "grad.x1"},         {"W1", "f1", "W1", "grad.W1"},       {"f1", "x2", "f1.x2", "grad.x2"},
      {"x2", "f2", "f1.x2", "grad.x2"},     {"w10", "f2", "w10", "grad.w10"},    {"f2", "x3", "f2.x3", "grad.x3"},
      {"x3", "f3", "f2.x3", "grad.x3"},     {"f3", "x4", "f3.x4", "grad.x4"},    {"x4", "f4", "f3.x4", "grad.x4"},
      {"W2", "f4", "W2", "grad.W2"},        {"f4", "x5", "f4.x5", "grad.x5"},    {"x5", "f5", "f4.x5", "grad.x5"},
      {"w20", "f5", "w20", "grad.w20"},     {"f5", "x6", "f5.x6", "grad.x6"},    {"x6", "f6", "f5.x6", "grad.x6"},
      {"f6", "L", "f6.L", ""}};
  BOOST_TEST_REQUIRE(d.edges.size() == edges.size());
  const auto norm = [&t](const std::string& id) {
    const nnwb::Value& v = t.value(id);
    if (const auto* m = std::get_if<MatrixXd>(&v)) return std::sqrt(m->cwiseAbs2().sum());
    if (const auto* x = std::get_if<VectorXd>(&v)) return std::sqrt(x->cwiseAbs2().sum());
    return std::get<double>(v);
  };
  for (const auto& e : edges) {
    BOOST_TEST_CONTEXT(e.from << " -> " << e.to) {
      const auto it = std::find_if(d.edges.begin(), d.edges.end(),
                                   [&](const nnwb::DiagramEdge& x) { return x.from == e.from && x.to == e.to; });
      BOOST_TEST_REQUIRE((it != d.edges.end()));
      BOOST_TEST_REQUIRE(it->forward.has_value());
      BOOST_TEST_REQUIRE(it->gradient.has_value());
      BOOST_TEST(*it->forward == norm(e.value), boost::test_tools::tolerance(1e-14));
      BOOST_TEST(*it->gradient == (e.gradient.empty() ? 1.0 : norm(e.gradient)), boost::test_tools::tolerance(1e-14));
    }
  }
  // The L edge carries L itself, as the trace prints it.
  BOOST_TEST(d.edges.back().forward.value() == scalar(t, "f6.L"));
  // Drawn with dot, the labels appear in the graph source.
  const std::string dot = nnwb::to_dot(d, figure.caption);
  for (const char* label : {"x₁", "w₂₀", "f₆", "\"L\""}) BOOST_TEST(dot.find(label) != std::string::npos, label);
}

BOOST_AUTO_TEST_CASE(large_inputs_stay_finite) {
  // Pre-activations and logits near ±1000: σ, softmax and log-softmax must not overflow.
  nnwb::Trace t = nnwb::chapters::matrix_graph({});
  MatrixXd W2 = mat(t, "W2") * 2000.0;
  t.recompute({{"x", VectorXd(vec(t, "x") * 1000.0)}, {"W2", W2}});
  BOOST_TEST(std::isfinite(scalar(t, "f6.L")));
  BOOST_TEST(scalar(t, "f6.L") >= 0.0);
  BOOST_TEST(vec(t, "yhat").allFinite());
  BOOST_TEST(mat(t, "grad.W1").allFinite());
  BOOST_TEST(mat(t, "grad.W2").allFinite());
  BOOST_TEST(vec(t, "f5.x6").cwiseAbs().maxCoeff() > 500.0);
}

BOOST_AUTO_TEST_SUITE_END()
