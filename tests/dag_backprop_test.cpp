// Chapter dag_backprop (chapters/dag_backprop.cpp):
//   - PD's 14-node network: M = 14, w_{1,8} = w_{4,13} = 0 (no such links), every link i < j, the
//     ↑j / ↓j sets as the slide's recursion needs them;
//   - the forward values, the δs and every ∂E_n/∂w_ij against a pass written out here on the dense
//     weight matrix (a_j = Σ_{i<j} w_ij y_i, PD's form), and against central differences of E_n;
//   - BMB's Example II: the five δ formulas against the formulas typed from the slide, and against
//     central differences of J = (y − h_W(x))² written out here: each is −½ ∂J/∂z, and the
//     slide's a_j δ_i is −½ ∂J/∂W_ij;
//   - the figure as data: 14 nodes, one edge per link, the labels and numbers equal the trace's;
//   - on several seeds.
#include <fmt/format.h>

#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <string>

#include "chapters.hpp"
#include "nnwb/figure.hpp"
#include "support/trace_values.hpp"

BOOST_AUTO_TEST_SUITE(dag_backprop)

namespace bdata = boost::unit_test::data;
using Eigen::MatrixXd;
using Eigen::VectorXd;
using nnwb::testing::mat;
using nnwb::testing::scalar;
using nnwb::testing::variant;
using nnwb::testing::vec;
using nnwb::testing::verdict;

namespace {

constexpr int M = 14;

// The weights as PD's matrix, read from the trace's parameters: W(i−1, j−1) = w_ij, 0 where the
// trace has no parameter (a missing link).
MatrixXd weights_of(const nnwb::Trace& t) {
  MatrixXd W = MatrixXd::Zero(M, M);
  for (int i = 1; i <= M; ++i)
    for (int j = 1; j <= M; ++j)
      if (const std::string name = fmt::format("w{}_{}", i, j); t.has(name)) W(i - 1, j - 1) = scalar(t, name);
  return W;
}

// PD's forward pass, written out: y_i = x_i for i = 1, 2, 3; a_j = Σ_{i<j} w_ij y_i; tanh hidden,
// linear outputs 13 and 14. Returns E_n = ½ Σ (y − t)²; fills a and y.
double pd_forward(const MatrixXd& W, const VectorXd& x, const VectorXd& t, VectorXd& a, VectorXd& y) {
  a = VectorXd::Zero(M);
  y = VectorXd::Zero(M);
  y.head(3) = x;
  a.head(3) = x;
  for (int j = 3; j < M; ++j) {
    for (int i = 0; i < j; ++i) a[j] += W(i, j) * y[i];
    y[j] = j >= 12 ? a[j] : std::tanh(a[j]);
  }
  return 0.5 * ((y[12] - t[0]) * (y[12] - t[0]) + (y[13] - t[1]) * (y[13] - t[1]));
}

double pd_error(const MatrixXd& W, const VectorXd& x, const VectorXd& t) {
  VectorXd a, y;
  return pd_forward(W, x, t, a, y);
}

// Central difference.
template <class F>
double central(F f, double at, double h = 1e-5) {
  return (f(at + h) - f(at - h)) / (2 * h);
}

void check_pd(const nnwb::Trace& t) {
  const MatrixXd W = weights_of(t);
  const VectorXd x = Eigen::Vector3d(scalar(t, "x1"), scalar(t, "x2"), scalar(t, "x3"));
  const VectorXd target = Eigen::Vector2d(scalar(t, "t13"), scalar(t, "t14"));
  VectorXd a, y;
  const double E = pd_forward(W, x, target, a, y);
  const auto tol = boost::test_tools::tolerance(1e-12);
  for (int j = 1; j <= M; ++j) {
    BOOST_TEST_CONTEXT("node " << j) {
      BOOST_TEST(scalar(t, fmt::format("forward.y{}", j)) == y[j - 1], tol);
      if (j > 3) BOOST_TEST(scalar(t, fmt::format("forward.a{}", j)) == a[j - 1], tol);
    }
  }
  BOOST_TEST(scalar(t, "error.E") == E, tol);
  // δ_j = ∂E/∂a_j by central differences: shift a_j and run the nodes after j again.
  for (int j = 4; j <= M; ++j) {
    const double numeric = central(
        [&](double aj) {
          VectorXd aa = a, yy = y;
          aa[j - 1] = aj;
          yy[j - 1] = j >= 13 ? aj : std::tanh(aj);
          for (int k = j; k < M; ++k) {
            aa[k] = 0;
            for (int i = 0; i < k; ++i) aa[k] += W(i, k) * yy[i];
            yy[k] = k >= 12 ? aa[k] : std::tanh(aa[k]);
          }
          return 0.5 * ((yy[12] - target[0]) * (yy[12] - target[0]) + (yy[13] - target[1]) * (yy[13] - target[1]));
        },
        a[j - 1]);
    BOOST_TEST_CONTEXT("δ_" << j) {
      BOOST_TEST(scalar(t, fmt::format("backward.delta{}", j)) == numeric, boost::test_tools::tolerance(1e-7));
    }
  }
  // Every ∂E_n/∂w_ij for a link, by central differences; and the library's matrix is 0 elsewhere.
  const MatrixXd& G = mat(t, "dag.gradient");
  int links = 0;
  for (int i = 1; i <= M; ++i)
    for (int j = 1; j <= M; ++j) {
      const std::string name = fmt::format("w{}_{}", i, j);
      if (!t.has(name)) {
        BOOST_TEST(G(i - 1, j - 1) == 0.0);
        continue;
      }
      ++links;
      const double numeric = central(
          [&](double w) {
            MatrixXd V = W;
            V(i - 1, j - 1) = w;
            return pd_error(V, x, target);
          },
          W(i - 1, j - 1));
      BOOST_TEST_CONTEXT("∂E/∂" << name) {
        BOOST_TEST(scalar(t, "grad." + name) == numeric, boost::test_tools::tolerance(1e-7));
        BOOST_TEST(G(i - 1, j - 1) == numeric, boost::test_tools::tolerance(1e-7));
      }
    }
  BOOST_TEST(links == 30);
  BOOST_TEST(verdict(t, "dag.same").holds);
}

// BMB's linear network, written out: z⁽²⁾ = W⁽¹⁾[1; x], z⁽³⁾ = W⁽²⁾[1; z⁽²⁾], h = W⁽³⁾[1; z⁽³⁾].
struct Bmb {
  MatrixXd W[3];
  VectorXd x;
  double y;
  double J(const MatrixXd* w) const {
    VectorXd a = x;
    for (int l = 0; l < 3; ++l) {
      VectorXd with_one(a.size() + 1);
      with_one << 1.0, a;
      a = w[l] * with_one;
    }
    return (y - a[0]) * (y - a[0]);
  }
};

Bmb bmb_of(const nnwb::Trace& t) {
  Bmb b;
  const int rows[3] = {2, 2, 1};
  for (int l = 0; l < 3; ++l) {
    b.W[l] = MatrixXd(rows[l], 3);
    for (int i = 0; i < rows[l]; ++i)
      for (int k = 0; k < 3; ++k) b.W[l](i, k) = scalar(t, fmt::format("ex2.w{}_{}{}", l + 1, i + 1, k));
  }
  b.x = Eigen::Vector2d(scalar(t, "ex2.x1"), scalar(t, "ex2.x2"));
  b.y = scalar(t, "ex2.y");
  return b;
}

void check_bmb(const nnwb::Trace& t) {
  const Bmb b = bmb_of(t);
  const auto tol = boost::test_tools::tolerance(1e-12);
  BOOST_TEST(scalar(t, "ex2.J") == b.J(b.W), tol);
  // The five formulas as typed from BMB "Backpropagation Example", with BMB's w⁽ˡ⁾_ik = W⁽ˡ⁾(i, k).
  const double h = scalar(t, "ex2.z4");
  const double d41 = b.y - h;             // δ⁽⁴⁾₁ = y₁ − a⁽⁴⁾₁
  const double d31 = b.W[2](0, 1) * d41;  // δ⁽³⁾₁ = w⁽³⁾₁₁ δ⁽⁴⁾₁
  const double d32 = b.W[2](0, 2) * d41;  // δ⁽³⁾₂ = w⁽³⁾₁₂ δ⁽⁴⁾₁
  const double d21 = b.W[1](0, 1) * d31 + b.W[1](1, 1) * d32;  // δ⁽²⁾₁ = w⁽²⁾₁₁ δ⁽³⁾₁ + w⁽²⁾₂₁ δ⁽³⁾₂
  const double d22 = b.W[1](0, 2) * d31 + b.W[1](1, 2) * d32;  // δ⁽²⁾₂ = w⁽²⁾₁₂ δ⁽³⁾₁ + w⁽²⁾₂₂ δ⁽³⁾₂
  BOOST_TEST(scalar(t, "ex2.delta4_1") == d41, tol);
  BOOST_TEST(scalar(t, "ex2.delta3_1") == d31, tol);
  BOOST_TEST(scalar(t, "ex2.delta3_2") == d32, tol);
  BOOST_TEST(scalar(t, "ex2.delta2_1") == d21, tol);
  BOOST_TEST(scalar(t, "ex2.delta2_2") == d22, tol);
  // ∂J/∂z by central differences through the layers above z (J is quadratic in z: the difference
  // is exact up to rounding).
  const VectorXd z2 = vec(t, "ex2.z2"), z3 = vec(t, "ex2.z3");
  const auto J_from3 = [&](const VectorXd& z) {
    VectorXd one(3);
    one << 1.0, z;
    const double out = (b.W[2] * one)(0, 0);
    return (b.y - out) * (b.y - out);
  };
  const auto J_from2 = [&](const VectorXd& z) {
    VectorXd one(3);
    one << 1.0, z;
    return J_from3(b.W[1] * one);
  };
  const double fd4 = central([&](double v) { return (b.y - v) * (b.y - v); }, h);
  double fd3[2], fd2[2];
  for (int k = 0; k < 2; ++k) {
    fd3[k] = central(
        [&](double v) {
          VectorXd z = z3;
          z[k] = v;
          return J_from3(z);
        },
        z3[k]);
    fd2[k] = central(
        [&](double v) {
          VectorXd z = z2;
          z[k] = v;
          return J_from2(z);
        },
        z2[k]);
  }
  // The finding: each slide δ is −½ ∂J/∂z (not ∂J/∂z, and not −∂J/∂z).
  const auto fd_tol = boost::test_tools::tolerance(1e-8);
  BOOST_TEST(d41 == -0.5 * fd4, fd_tol);
  BOOST_TEST(d31 == -0.5 * fd3[0], fd_tol);
  BOOST_TEST(d32 == -0.5 * fd3[1], fd_tol);
  BOOST_TEST(d21 == -0.5 * fd2[0], fd_tol);
  BOOST_TEST(d22 == -0.5 * fd2[1], fd_tol);
  BOOST_TEST(scalar(t, "ex2.dJ_dz4") == fd4, fd_tol);
  BOOST_TEST(vec(t, "ex2.dJ_dz3")[1] == fd3[1], fd_tol);
  BOOST_TEST(vec(t, "ex2.dJ_dz2")[0] == fd2[0], fd_tol);
  BOOST_TEST(verdict(t, "ex2.factor").holds);
  // The slide's ∂J/∂W_ij = a_j δ_i against central differences in each weight: −½ of them.
  for (int l = 0; l < 3; ++l)
    for (int i = 0; i < b.W[l].rows(); ++i)
      for (int k = 0; k < 3; ++k) {
        const double numeric = central(
            [&](double w) {
              MatrixXd V[3] = {b.W[0], b.W[1], b.W[2]};
              V[l](i, k) = w;
              return b.J(V);
            },
            b.W[l](i, k));
        BOOST_TEST_CONTEXT("W" << l + 1 << "(" << i << ", " << k << ")") {
          BOOST_TEST(mat(t, fmt::format("ex2.slide_dW{}", l + 1))(i, k) == -0.5 * numeric, fd_tol);
          BOOST_TEST(mat(t, fmt::format("ex2.dJ_dW{}", l + 1))(i, k) == numeric, fd_tol);
        }
      }
  BOOST_TEST(verdict(t, "ex2.weight_factor").holds);
  BOOST_TEST(verdict(t, "ex2.downhill").holds);
}

// The number after "j: " in a node label.
double label_number(const std::string& label) { return std::stod(label.substr(label.find(": ") + 2)); }

void check_figure(const nnwb::Trace& t) {
  BOOST_TEST_REQUIRE(t.figures().size() == 1u);
  const nnwb::Figure& f = t.figures().front();
  BOOST_TEST(nnwb::figure_problems(f).empty());
  const auto& d = std::get<nnwb::Diagram>(f.content);
  BOOST_TEST(d.nodes.size() == static_cast<std::size_t>(M));
  for (int j = 1; j <= M; ++j) {
    const auto& node = d.nodes[static_cast<std::size_t>(j - 1)];
    BOOST_TEST(node.id == fmt::format("n{}", j));
    BOOST_TEST(node.label.rfind(fmt::format("{}: ", j), 0) == 0u);
    // Printed to 3 decimals.
    BOOST_TEST(std::abs(label_number(node.label) - scalar(t, fmt::format("forward.y{}", j))) <= 5e-4 + 1e-12);
  }
  // One edge per link: as many as the non-zero w_ij of PD's matrix (from the trace's parameters).
  const MatrixXd W = weights_of(t);
  BOOST_TEST(d.edges.size() == static_cast<std::size_t>((W.array() != 0.0).count()));
  for (const auto& e : d.edges) {
    const int i = std::stoi(e.from.substr(1)), j = std::stoi(e.to.substr(1));
    BOOST_TEST_CONTEXT(e.from << " -> " << e.to) {
      BOOST_TEST(i < j);
      BOOST_TEST(!(i == 1 && j == 8));
      BOOST_TEST(!(i == 4 && j == 13));
      BOOST_TEST(e.forward.value() == W(i - 1, j - 1));
      BOOST_TEST(e.gradient.value() == scalar(t, fmt::format("grad.w{}_{}", i, j)));
    }
  }
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_14_node_network_has_the_slides_missing_links) {
  const nnwb::Trace t = nnwb::chapters::dag_backprop({});
  const MatrixXd W = weights_of(t);
  // PD: "w_ij = 0 if i ≥ j"; "In this topology: w_{1,8} = 0, w_{4,13} = 0".
  BOOST_TEST(W.rows() == 14);
  BOOST_TEST(W.triangularView<Eigen::Lower>().toDenseMatrix().isZero(0.0));
  BOOST_TEST(!t.has("w1_8"));
  BOOST_TEST(!t.has("w4_13"));
  BOOST_TEST((mat(t, "index.W") == W));
  BOOST_TEST(verdict(t, "index.order").holds);
  // Node 1 feeds others but not 8; node 4 feeds 14 but not 13: the missing links are real gaps.
  BOOST_TEST(W(0, 3) != 0.0);
  BOOST_TEST(W(3, 13) != 0.0);
  // Every hidden node reaches an output (so its δ is not 0 by construction) and is reached.
  for (int j = 4; j <= 12; ++j) {
    BOOST_TEST(W.row(j - 1).cwiseAbs().sum() > 0.0);
    BOOST_TEST(W.col(j - 1).cwiseAbs().sum() > 0.0);
  }
  const std::string up = verdict(t, "index.upstream").text, down = verdict(t, "index.downstream").text;
  BOOST_TEST(up.find("↑8 = {2, 3, 5}") != std::string::npos);
  BOOST_TEST(up.find("↑13 = {9, 10, 11}") != std::string::npos);
  BOOST_TEST(down.find("↓4 = {7, 9, 14}") != std::string::npos);
  BOOST_TEST(down.find("↓1 = {4, 5, 11}") != std::string::npos);
  // The backward steps run from node 14 down to node 4: one sweep in reverse order.
  int last = 15;
  for (const auto& step : t.steps())
    if (step.id.rfind("backward.delta", 0) == 0) {
      const int j = std::stoi(step.id.substr(14));
      BOOST_TEST(j < last);
      last = j;
    }
  BOOST_TEST(last == 4);
  // The summary says the layout is ours.
  BOOST_TEST(t.summary().find("are ours") != std::string::npos);
}

BOOST_DATA_TEST_CASE(forward_backward_and_gradients_match_an_independent_pass, bdata::xrange(0, 6), k) {
  const nnwb::Trace t = nnwb::chapters::dag_backprop(variant(k));
  BOOST_TEST_CONTEXT("variant " << k) {
    check_pd(t);
    check_bmb(t);
    check_figure(t);
  }
}

BOOST_AUTO_TEST_CASE(recomputing_from_new_inputs_follows_through) {
  nnwb::Trace t = nnwb::chapters::dag_backprop({});
  t.recompute({{"x1", -0.7}, {"w9_13", 0.2}, {"t14", 1.5}, {"ex2.w2_21", 0.8}, {"ex2.y", -0.4}});
  check_pd(t);
  check_bmb(t);
}

BOOST_AUTO_TEST_CASE(the_output_deltas_are_y_minus_t) {
  // PD "Error gradient: output nodes (3/3)": δ_i = y_i − t_i for linear outputs.
  const nnwb::Trace t = nnwb::chapters::dag_backprop({});
  for (int j : {13, 14})
    BOOST_TEST(scalar(t, fmt::format("backward.delta{}", j)) ==
               scalar(t, fmt::format("forward.y{}", j)) - scalar(t, fmt::format("t{}", j)));
}

BOOST_AUTO_TEST_SUITE_END()
