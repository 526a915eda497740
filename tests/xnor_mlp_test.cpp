// Chapter xnor_mlp (chapters/xnor_mlp.cpp):
//   - the step network's table, to the digit, against the numbers typed from BMB
//     001_86790086ad6a4e65.txt "Solution to Logical XNOR with MLP";
//   - the matrix form ("Notation for Logical XNOR with MLP") against the table;
//   - Example I (sigmoid units, input (1, 1)) against a forward and backward pass written out here;
//   - the "Feedforward Example" expansion against the matrix form, written out here;
//   - on several seeds: the drawn step network still computes XNOR, the matrix form matches the
//     rows, and Example I matches the independent pass;
//   - on six seeds: Example I's drawn weights are still those the students' sheets hold.
#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <array>
#include <cmath>
#include <cstdint>
#include <fmt/format.h>

#include "chapters.hpp"
#include "nnwb/render.hpp"
#include "support/trace_values.hpp"

BOOST_AUTO_TEST_SUITE(xnor_mlp)

namespace bdata = boost::unit_test::data;
using nnwb::testing::mat;
using nnwb::testing::scalar;
using nnwb::testing::variant;
using nnwb::testing::vec;
using nnwb::testing::verdict;

namespace {

double sig(double z) { return 1.0 / (1.0 + std::exp(-z)); }

// Example I by hand: BMB's bias-first matrices, δ⁽³⁾ = (y − a)a(1 − a), δ⁽²⁾ = w⁽²⁾ δ⁽³⁾ a⁽²⁾(1 − a⁽²⁾).
struct Hand {
  double z2[2], a2[2], z3, a3, delta3, delta2[2];
};
Hand by_hand(const Eigen::MatrixXd& W1, const Eigen::MatrixXd& W2, double x1, double x2, double y) {
  Hand h{};
  for (int i = 0; i < 2; ++i) {
    h.z2[i] = W1(i, 0) + W1(i, 1) * x1 + W1(i, 2) * x2;
    h.a2[i] = sig(h.z2[i]);
  }
  h.z3 = W2(0, 0) + W2(0, 1) * h.a2[0] + W2(0, 2) * h.a2[1];
  h.a3 = sig(h.z3);
  h.delta3 = (y - h.a3) * h.a3 * (1 - h.a3);
  for (int i = 0; i < 2; ++i) h.delta2[i] = W2(0, i + 1) * h.delta3 * h.a2[i] * (1 - h.a2[i]);
  return h;
}

void check_example1(const nnwb::Trace& t) {
  const Eigen::MatrixXd& W1 = mat(t, "ex1.W1");
  const Eigen::MatrixXd& W2 = mat(t, "ex1.W2");
  const Eigen::VectorXd& x = vec(t, "ex1.x");
  const double y = scalar(t, "ex1.y");
  BOOST_TEST(y == (x[0] == x[1] ? 1.0 : 0.0));
  const Hand h = by_hand(W1, W2, x[0], x[1], y);
  const auto tol = boost::test_tools::tolerance(1e-12);
  BOOST_TEST(vec(t, "example1.z2")[0] == h.z2[0], tol);
  BOOST_TEST(vec(t, "example1.z2")[1] == h.z2[1], tol);
  BOOST_TEST(scalar(t, "example1.z3") == h.z3, tol);
  BOOST_TEST(scalar(t, "example1.a3") == h.a3, tol);
  BOOST_TEST(scalar(t, "example1.delta3") == h.delta3, tol);
  BOOST_TEST(scalar(t, "example1.delta2_1") == h.delta2[0], tol);
  BOOST_TEST(vec(t, "example1.delta2")[1] == h.delta2[1], tol);
  // ∂J/∂W⁽¹⁾ = −δ⁽²⁾ [1, x₁, x₂]
  const Eigen::MatrixXd& g = mat(t, "example1.grad_W1");
  const double inputs[3] = {1.0, x[0], x[1]};
  for (int i = 0; i < 2; ++i)
    for (int k = 0; k < 3; ++k) BOOST_TEST(g(i, k) == -h.delta2[i] * inputs[k], tol);
  BOOST_TEST(verdict(t, "example1.mlp").holds);
  BOOST_TEST(verdict(t, "example1.class").holds);
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_table_matches_the_slide_to_the_digit) {
  // Typed from BMB 001_86790086ad6a4e65.txt, "Solution to Logical XNOR with MLP": rows (0,0),
  // (0,1), (1,0), (1,1); columns z₁⁽²⁾, a₁⁽²⁾, z₂⁽²⁾, a₂⁽²⁾, z₁⁽³⁾, a₁⁽³⁾.
  const double inputs[4][2] = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
  const double slide[4][6] = {{-0.3, 0, 0.2, 1, 0.1, 1},
                              {-0.1, 0, 0, 0, -0.1, 0},
                              {-0.1, 0, 0, 0, -0.1, 0},
                              {0.1, 1, -0.2, 0, 0.1, 1}};
  const char* columns[6] = {"z1", "a1", "z2", "a2", "z3", "a3"};
  const nnwb::Trace t = nnwb::chapters::xnor_mlp({});
  // The slide's weights (hidden 1, hidden 2, output), and that the chapter uses them.
  const double w[9] = {-0.3, 0.2, 0.2, 0.2, -0.2, -0.2, -0.1, 0.2, 0.2};
  const char* names[9] = {"w1.10", "w1.11", "w1.12", "w1.20", "w1.21", "w1.22", "w2.10", "w2.11", "w2.12"};
  for (int k = 0; k < 9; ++k) BOOST_TEST(scalar(t, names[k]) == w[k]);
  for (int r = 0; r < 4; ++r) {
    BOOST_TEST(scalar(t, fmt::format("row{}.x1", r + 1)) == inputs[r][0]);
    BOOST_TEST(scalar(t, fmt::format("row{}.x2", r + 1)) == inputs[r][1]);
    for (int c = 0; c < 6; ++c) {
      const std::string id = fmt::format("table.row{}.{}", r + 1, columns[c]);
      BOOST_TEST_CONTEXT(id) {
        // To the digit: the value is the double nearest the slide's decimal (the sums are taken on
        // decimals, so −0.3 + 0.2 + 0.2 is 0.1, not 0.10000000000000003, and 0.2 − 0.2 is 0).
        BOOST_TEST(scalar(t, id) == slide[r][c]);
        // And the printed slide mark is the slide's own number.
        BOOST_TEST(std::stod(t.step_at(id).slide) == slide[r][c]);
      }
    }
    BOOST_TEST(verdict(t, fmt::format("table.row{}.xnor", r + 1)).holds);
  }
  // Printed as the slide prints it (4 significant digits is the trace's default; −0.3, 0, 0.1).
  const std::string text = nnwb::render_text(t);
  BOOST_TEST(text.find("-> -0.3    (slide: -0.3)") != std::string::npos);
  BOOST_TEST(text.find("-> 0    (slide: 0)") != std::string::npos);
  BOOST_TEST(text.find("-> 0.1    (slide: 0.1)") != std::string::npos);
  BOOST_TEST(verdict(t, "units.composition").holds);
  BOOST_TEST(verdict(t, "units.hidden1").text.find("x₁ AND x₂") != std::string::npos);
  BOOST_TEST(verdict(t, "units.output").text.find("OR") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_sum_that_is_zero_in_decimals_gives_g_of_zero) {
  // 0.1 + 0.2 − 0.3 is 5.6e−17 in doubles; on decimals it is 0, and g(0) = 0.
  nnwb::Trace t = nnwb::chapters::xnor_mlp({});
  t.recompute({{"w1.10", -0.3}, {"w1.11", 0.1}, {"w1.12", 0.2}, {"row4.x1", 1.0}, {"row4.x2", 1.0}});
  BOOST_TEST(0.1 + 0.2 - 0.3 > 0.0);  // the trap
  BOOST_TEST(scalar(t, "table.row4.z1") == 0.0);
  BOOST_TEST(scalar(t, "table.row4.a1") == 0.0);
}

BOOST_AUTO_TEST_CASE(the_matrix_notation_has_bmb_shapes_and_gives_the_table) {
  const nnwb::Trace t = nnwb::chapters::xnor_mlp({});
  BOOST_TEST(mat(t, "matrix.W1").rows() == 2);  // s₂ × (s₁ + 1)
  BOOST_TEST(mat(t, "matrix.W1").cols() == 3);
  BOOST_TEST(mat(t, "matrix.W2").rows() == 1);  // s₃ × (s₂ + 1)
  BOOST_TEST(mat(t, "matrix.W2").cols() == 3);
  BOOST_TEST(mat(t, "matrix.W1")(0, 0) == -0.3);  // bias first
  BOOST_TEST(mat(t, "matrix.W1")(1, 0) == 0.2);
  BOOST_TEST(verdict(t, "matrix.same").holds);
  const Eigen::MatrixXd& a3 = mat(t, "matrix.A3");
  BOOST_TEST(a3(0, 0) == 1.0);
  BOOST_TEST(a3(0, 1) == 0.0);
  BOOST_TEST(a3(0, 2) == 0.0);
  BOOST_TEST(a3(0, 3) == 1.0);
}

BOOST_AUTO_TEST_CASE(example1_with_the_classic_weights) {
  const nnwb::Trace t = nnwb::chapters::xnor_mlp({});
  Eigen::MatrixXd W1(2, 3), W2(1, 3);
  W1 << -30, 20, 20, 10, -20, -20;
  W2 << -10, 20, 20;
  BOOST_TEST((mat(t, "ex1.W1") == W1));
  BOOST_TEST((mat(t, "ex1.W2") == W2));
  BOOST_TEST((vec(t, "ex1.x") == Eigen::Vector2d(1, 1)));
  check_example1(t);
  // z⁽²⁾ = (10, −30), a₁⁽³⁾ ≈ 1: XNOR(1, 1) = 1; saturated, so no gradient is claimed there.
  BOOST_TEST(vec(t, "example1.z2")[0] == 10.0);
  BOOST_TEST(vec(t, "example1.z2")[1] == -30.0);
  BOOST_TEST(scalar(t, "example1.a3") > 0.9999);
  BOOST_TEST(verdict(t, "example1.saturation").holds);
  for (const auto& c : t.gradient_claims()) BOOST_TEST(c.step.rfind("example1.", 0) != 0u);
}

BOOST_AUTO_TEST_CASE(the_feedforward_expansion_equals_the_matrix_form) {
  const nnwb::Trace t = nnwb::chapters::xnor_mlp({});
  const auto w = [&](const char* n) { return scalar(t, n); };
  // a₅ = g(W₃₅ g(W₁₃a₁ + W₂₃a₂) + W₄₅ g(W₁₄a₁ + W₂₄a₂)), and in matrices g(V g(U a)).
  Eigen::Matrix2d U;
  U << w("ff.W13"), w("ff.W23"), w("ff.W14"), w("ff.W24");
  const Eigen::Vector2d a(w("ff.a1"), w("ff.a2"));
  const Eigen::Vector2d hidden = (U * a).unaryExpr([](double z) { return sig(z); });
  const double a5 = sig(Eigen::RowVector2d(w("ff.W35"), w("ff.W45")) * hidden);
  const auto tol = boost::test_tools::tolerance(1e-14);
  BOOST_TEST(scalar(t, "ff.a3") == hidden[0], tol);
  BOOST_TEST(scalar(t, "ff.a4") == hidden[1], tol);
  BOOST_TEST(scalar(t, "ff.a5") == a5, tol);
  BOOST_TEST(scalar(t, "ff.nested") == a5, tol);
  BOOST_TEST(scalar(t, "ff.matrix") == a5, tol);
  BOOST_TEST(verdict(t, "ff.same").holds);
}

BOOST_DATA_TEST_CASE(every_variant_computes_xnor, bdata::xrange(0, 12), k) {
  const nnwb::Trace t = nnwb::chapters::xnor_mlp(variant(k));
  BOOST_TEST_CONTEXT("variant " << k) {
    // The rows are a permutation of the four inputs, and each row's output is their XNOR,
    // computed here from the weights on decimals (weights are tenths: ×10 makes them integers).
    int seen = 0;
    for (int r = 1; r <= 4; ++r) {
      const double x1 = scalar(t, fmt::format("row{}.x1", r)), x2 = scalar(t, fmt::format("row{}.x2", r));
      seen |= 1 << static_cast<int>(2 * x1 + x2);
      const auto unit = [&](const char* u, double p, double q) {
        const long s = std::lround(10 * scalar(t, fmt::format("{}0", u))) + std::lround(10 * scalar(t, fmt::format("{}1", u))) * std::lround(p) +
                       std::lround(10 * scalar(t, fmt::format("{}2", u))) * std::lround(q);
        return s > 0 ? 1.0 : 0.0;
      };
      const double h = unit("w2.1", unit("w1.1", x1, x2), unit("w1.2", x1, x2));
      BOOST_TEST(h == (x1 == x2 ? 1.0 : 0.0));
      BOOST_TEST(scalar(t, fmt::format("table.row{}.a3", r)) == h);
      BOOST_TEST(verdict(t, fmt::format("table.row{}.xnor", r)).holds);
    }
    BOOST_TEST(seen == 15);
    BOOST_TEST(verdict(t, "matrix.same").holds);
    BOOST_TEST(verdict(t, "units.composition").holds);
    check_example1(t);
    if (k != 0) {  // drawn variants are unsaturated, and claim their gradients
      BOOST_TEST(!verdict(t, "example1.saturation").holds);
      BOOST_TEST(t.gradient_claims().size() == 4u);
    }
  }
}

// Students hold sheets drawn from their seeds, so a faster draw must draw the same weights: Example
// I's, as the draw by Mlp (before SigmoidDraw) gave them.
BOOST_AUTO_TEST_CASE(example1_draws_the_weights_students_hold) {
  struct Pinned {
    std::uint64_t seed;
    std::array<double, 6> W1;
    std::array<double, 3> W2;
    std::array<double, 2> x;
  };
  const Pinned pinned[] = {
      {1, {-3, 5, -6, -4, -5, 4}, {1, -4, -3}, {1, 1}},
      {2, {-6, 2, 5, 2, -3, -6}, {-2, 5, 4}, {0, 1}},
      {3, {2, -3, -3, -6, 4, 4}, {-2, 3, 4}, {1, 0}},
      {4, {-6, 4, 4, -3, 5, 5}, {2, 6, -6}, {0, 1}},
      {123456789, {-2, -6, 4, 0, -6, 6}, {-1, -4, 4}, {1, 1}},
      {18446744073709551615u, {0, -2, -4, 6, -5, -4}, {1, 6, -3}, {0, 1}},
  };
  for (const Pinned& p : pinned) {
    const nnwb::Trace t = nnwb::chapters::xnor_mlp(nnwb::ChapterOptions{p.seed});
    BOOST_TEST_CONTEXT("seed " << p.seed) {
      const Eigen::MatrixXd& W1 = mat(t, "ex1.W1");
      const Eigen::MatrixXd& W2 = mat(t, "ex1.W2");
      for (Eigen::Index k = 0; k < 3; ++k) {
        BOOST_TEST(W1(0, k) == p.W1[static_cast<std::size_t>(k)]);
        BOOST_TEST(W1(1, k) == p.W1[static_cast<std::size_t>(k + 3)]);
        BOOST_TEST(W2(0, k) == p.W2[static_cast<std::size_t>(k)]);
      }
      BOOST_TEST(vec(t, "ex1.x")[0] == p.x[0]);
      BOOST_TEST(vec(t, "ex1.x")[1] == p.x[1]);
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
