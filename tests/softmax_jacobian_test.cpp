// Chapter softmax_jacobian (chapters/softmax_jacobian.cpp): the softmax and its properties, the
// Jacobian y_i(δ_ij − y_j) against a finite-difference Jacobian computed here, the collapse of the
// cross-entropy gradient to y − t, the class-index form, and the stable forms at logits of ±1000.
//
// The slides print no numbers for this derivation (PD 003_b5a9c74466967a6d.txt, "Derivative of
// softmax (1/4)…(4/4)", "Derivative of cross-entropy loss (1/2), (2/2)"; EDI
// 000_7637ffcd816b0303.txt, "Normalisation of output nodes - softmax", "Computation graph – cross
// entropy layer"), so every expected value below is computed here, independently of the library,
// from the formulas those slides state.
#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "chapters.hpp"
#include "support/trace_values.hpp"
#include "nnwb/softmax.hpp"
#include "support/gradient_claims.hpp"

BOOST_AUTO_TEST_SUITE(softmax_jacobian)

namespace bdata = boost::unit_test::data;
using nnwb::ChapterOptions;

using nnwb::testing::scalar;
using nnwb::testing::vec;
using nnwb::testing::mat;
using nnwb::testing::verdict;
using nnwb::testing::variant;

namespace {

bool holds(const nnwb::Trace& t, const std::string& id) { return verdict(t, id).holds; }

// EDI "Normalisation of output nodes - softmax": y_k = exp(a_k) / Σ_ℓ exp(a_ℓ), written out with
// long double and no shift (fine for the small logits of the default and the seeds).
Eigen::VectorXd softmax_by_hand(const Eigen::VectorXd& a) {
  long double total = 0;
  for (Eigen::Index k = 0; k < a.size(); ++k) total += std::exp(static_cast<long double>(a[k]));
  Eigen::VectorXd y(a.size());
  for (Eigen::Index k = 0; k < a.size(); ++k)
    y[k] = static_cast<double>(std::exp(static_cast<long double>(a[k])) / total);
  return y;
}

// J_ij ≈ (y_i(a + h e_j) − y_i(a − h e_j)) / 2h, from softmax_by_hand.
Eigen::MatrixXd jacobian_by_differences(const Eigen::VectorXd& a, double h = 1e-6) {
  Eigen::MatrixXd J(a.size(), a.size());
  for (Eigen::Index j = 0; j < a.size(); ++j) {
    Eigen::VectorXd plus = a, minus = a;
    plus[j] += h;
    minus[j] -= h;
    J.col(j) = (softmax_by_hand(plus) - softmax_by_hand(minus)) / (2 * h);
  }
  return J;
}

// E = −Σ_k t_k ln y_k with t = e_c.
double cross_entropy_by_hand(const Eigen::VectorXd& a, Eigen::Index c) { return -std::log(softmax_by_hand(a)[c]); }

void check_chapter(const nnwb::Trace& t) {
  const Eigen::VectorXd a = vec(t, "a");
  const auto K = a.size();
  const auto c = static_cast<Eigen::Index>(scalar(t, "c")) - 1;  // the lecture counts classes from 1
  const auto near = boost::test_tools::tolerance(1e-12);

  // Softmax and its properties (i) 0 ≤ y_k ≤ 1, (ii) Σ y_k = 1.
  const Eigen::VectorXd y = vec(t, "softmax.y");
  const Eigen::VectorXd expected_y = softmax_by_hand(a);
  for (Eigen::Index k = 0; k < K; ++k) {
    BOOST_TEST(y[k] == expected_y[k], near);
    BOOST_TEST(y[k] >= 0.0);
    BOOST_TEST(y[k] <= 1.0);
  }
  BOOST_TEST(y.sum() == 1.0, near);
  BOOST_TEST(holds(t, "softmax.properties"));
  BOOST_TEST((y - nnwb::softmax(a)).cwiseAbs().maxCoeff() <= 1e-15);  // the library's softmax too

  // The quotient rule, PD (2/4) and (3/4): y_1(1 − y_1) and −y_2 y_1.
  BOOST_TEST(scalar(t, "quotient.same") == y[0] * (1 - y[0]), near);
  BOOST_TEST(scalar(t, "quotient.same.y") == y[0] * (1 - y[0]), near);
  BOOST_TEST(scalar(t, "quotient.other") == -y[1] * y[0], near);
  BOOST_TEST(scalar(t, "quotient.other.y") == -y[1] * y[0], near);

  // The Jacobian, PD (4/4): y_i(δ_ij − y_j); symmetric; rows sum to 0; equals finite differences.
  const Eigen::MatrixXd J = mat(t, "jacobian.J");
  const Eigen::MatrixXd numeric = jacobian_by_differences(a);
  for (Eigen::Index i = 0; i < K; ++i) {
    BOOST_TEST(std::abs(J.row(i).sum()) <= 1e-15);
    for (Eigen::Index j = 0; j < K; ++j) {
      BOOST_TEST_CONTEXT("J(" << i << ", " << j << ")") {
        BOOST_TEST(J(i, j) == y[i] * ((i == j ? 1.0 : 0.0) - y[j]), near);
        BOOST_TEST(J(i, j) == J(j, i));
        BOOST_TEST(std::abs(J(i, j) - numeric(i, j)) <= 1e-9);
      }
    }
  }
  for (const char* verdict : {"jacobian.entries", "jacobian.symmetric", "jacobian.rows", "jacobian.check"})
    BOOST_TEST(holds(t, verdict), verdict);

  // Cross-entropy with a one-hot t (PD "Derivative of cross-entropy loss"): E = −ln y_c, and the
  // collapse ∂E/∂a_i = y_i − t_i, which central differences of E confirm.
  Eigen::VectorXd onehot = Eigen::VectorXd::Zero(K);
  onehot[c] = 1.0;
  BOOST_TEST((vec(t, "ce.t") == onehot));
  BOOST_TEST(scalar(t, "ce.sum_t") == 1.0);
  BOOST_TEST(scalar(t, "ce.E") == -std::log(expected_y[c]), near);
  const Eigen::VectorXd collapse = expected_y - onehot;
  for (Eigen::Index i = 0; i < K; ++i) {
    Eigen::VectorXd plus = a, minus = a;
    plus[i] += 1e-6;
    minus[i] -= 1e-6;
    const double difference = (cross_entropy_by_hand(plus, c) - cross_entropy_by_hand(minus, c)) / 2e-6;
    BOOST_TEST_CONTEXT("∂E/∂a_" << i + 1) {
      BOOST_TEST(vec(t, "ce.grad_a")[i] == collapse[i], near);
      BOOST_TEST(vec(t, "ce.chain")[i] == collapse[i], boost::test_tools::tolerance(1e-10));
      BOOST_TEST(std::abs(vec(t, "ce.grad_a")[i] - difference) <= 1e-8);
      // The class-index form (EDI): ∂L/∂a_i = ŷ_i − 1_{i=c}, the same vector.
      BOOST_TEST(vec(t, "ce_index.grad_a")[i] == collapse[i], near);
    }
  }
  BOOST_TEST(scalar(t, "ce_index.L") == scalar(t, "ce.E"), near);
  for (const char* verdict : {"ce.check", "ce_index.same"}) BOOST_TEST(holds(t, verdict), verdict);
}

}  // namespace

BOOST_AUTO_TEST_CASE(default_example) {
  // No slide prints numbers; these are the chapter's chosen defaults, as its summary states.
  const nnwb::Trace t = nnwb::chapters::softmax_jacobian(ChapterOptions{});
  Eigen::VectorXd a(3);
  a << 2.0, 1.0, 0.1;
  BOOST_TEST((vec(t, "a") == a));
  BOOST_TEST(scalar(t, "c") == 2.0);
  check_chapter(t);
  // The quotient rule on the unshifted exponentials: g = e², h = e² + e + e^0.1.
  const double g = std::exp(2.0), h = std::exp(2.0) + std::exp(1.0) + std::exp(0.1);
  BOOST_TEST(scalar(t, "quotient.g") == g, boost::test_tools::tolerance(1e-15));
  BOOST_TEST(scalar(t, "quotient.h") == h, boost::test_tools::tolerance(1e-15));
  BOOST_TEST(scalar(t, "quotient.same") == (g * h - g * g) / (h * h), boost::test_tools::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(stable_at_plus_minus_1000) {
  // a' = (1000, 999, −1000), c' = 3: with the max m' = 1000 subtracted, y' = (1, e⁻¹, e⁻²⁰⁰⁰)/(1 + e⁻¹ + e⁻²⁰⁰⁰),
  // where e⁻²⁰⁰⁰ underflows to 0; L' = ln Σ e^{a'_j} − a'_3 = 1000 + ln(1 + e⁻¹) + 1000.
  const nnwb::Trace t = nnwb::chapters::softmax_jacobian(ChapterOptions{});
  const auto near = boost::test_tools::tolerance(1e-13);
  const double s = 1.0 + std::exp(-1.0);
  const Eigen::VectorXd y = vec(t, "big.y");
  BOOST_TEST(y.allFinite());
  BOOST_TEST(y[0] == 1.0 / s, near);
  BOOST_TEST(y[1] == std::exp(-1.0) / s, near);
  BOOST_TEST(y[2] == 0.0);
  BOOST_TEST(scalar(t, "big.m") == 1000.0);
  BOOST_TEST(scalar(t, "big.L") == 2000.0 + std::log1p(std::exp(-1.0)), near);
  const Eigen::VectorXd g = vec(t, "big.grad_a");  // y' − e_3
  BOOST_TEST(g[0] == 1.0 / s, near);
  BOOST_TEST(g[1] == std::exp(-1.0) / s, near);
  BOOST_TEST(g[2] == -1.0);
  const Eigen::MatrixXd J = mat(t, "big.J");
  BOOST_TEST(J.allFinite());
  BOOST_TEST(J(0, 1) == -y[0] * y[1], near);
  BOOST_TEST(J(0, 0) == y[0] * (1 - y[0]), near);
  BOOST_TEST(J(2, 2) == 0.0);
  // The naive quotient overflows (that is the point); everything else holds.
  for (const char* verdict : {"big.naive", "big.properties", "big.J.check", "big.L.naive", "big.check"})
    BOOST_TEST(holds(t, verdict), verdict);
}

BOOST_DATA_TEST_CASE(properties_on_seeds, bdata::xrange(1, 9), seed) {
  const nnwb::Trace t = nnwb::chapters::softmax_jacobian(ChapterOptions{static_cast<std::uint64_t>(seed)});
  BOOST_TEST(t.seed().has_value());
  check_chapter(t);
  const Eigen::VectorXd big = vec(t, "big.a");
  BOOST_TEST(big.maxCoeff() == 1000.0);
  BOOST_TEST(big.minCoeff() <= -999.0);
  for (const char* verdict : {"big.naive", "big.properties", "big.J.check", "big.L.naive", "big.check"})
    BOOST_TEST(holds(t, verdict), verdict);
}

BOOST_DATA_TEST_CASE(claimed_gradients_agree_with_central_differences, bdata::make({0, 1, 2, 3, 42, 20261122}), seed) {
  const nnwb::Trace t = nnwb::chapters::softmax_jacobian(
      seed == 0 ? ChapterOptions{} : ChapterOptions{static_cast<std::uint64_t>(seed)});
  const auto checks = nnwb::testing::check_gradient_claims(t);
  BOOST_TEST(checks.size() == 3u);
  for (const auto& check : checks)
    BOOST_TEST_CONTEXT(check.step << " = ∂/∂" << check.wrt) { BOOST_TEST(check.worst_relative_error <= 1e-7); }
}

BOOST_AUTO_TEST_CASE(steps_recompute_from_their_inputs) {
  // Follow-through: a student's own y gives the Jacobian and y − t of that y.
  nnwb::Trace t = nnwb::chapters::softmax_jacobian(ChapterOptions{});
  Eigen::VectorXd y(3);
  y << 0.5, 0.3, 0.2;
  const Eigen::VectorXd t_vec = vec(t, "ce.t");
  const auto grad = std::get<Eigen::VectorXd>(t.compute_step("ce.grad_a", {{"softmax.y", y}}));
  BOOST_TEST(((grad - (y - t_vec)).cwiseAbs().maxCoeff() <= 1e-15));
  t.recompute({{"softmax.y", y}});
  const Eigen::MatrixXd J = mat(t, "jacobian.J");
  BOOST_TEST(J(0, 0) == 0.25, boost::test_tools::tolerance(1e-15));  // 0.5 · (1 − 0.5)
  BOOST_TEST(J(0, 1) == -0.15, boost::test_tools::tolerance(1e-15));  // −0.5 · 0.3
  // New logits flow through every step.
  Eigen::VectorXd a(3);
  a << 0.0, 0.0, 0.0;
  t.recompute({{"a", a}});
  for (Eigen::Index k = 0; k < 3; ++k) BOOST_TEST(vec(t, "softmax.y")[k] == 1.0 / 3.0, boost::test_tools::tolerance(1e-15));
  BOOST_TEST(scalar(t, "ce.E") == std::log(3.0), boost::test_tools::tolerance(1e-15));
}

BOOST_AUTO_TEST_SUITE_END()
