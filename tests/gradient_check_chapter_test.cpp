// Chapter gradient_check (chapters/gradient_check.cpp): backpropagation's gradient against a
// backward pass written out here; BMB's printed formula (001_86790086ad6a4e65.txt "Implementational
// Details": J(…, W_jk + ε, …) − J(…, W_jk, …) at ε ≅ 10⁻⁴, no division) equals ε times the
// gradient; the one-sided and central differences at 10⁻⁴; the measured orders (≈ 1 and ≈ 2) and
// the rounding regime, on the default and several seeds.
#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <fmt/format.h>

#include "chapters.hpp"
#include "support/trace_values.hpp"

BOOST_AUTO_TEST_SUITE(gradient_check_chapter)

namespace bdata = boost::unit_test::data;
using nnwb::testing::mat;
using nnwb::testing::scalar;
using nnwb::testing::variant;
using nnwb::testing::vec;
using nnwb::testing::verdict;

namespace {

double sig(double z) { return 1.0 / (1.0 + std::exp(-z)); }

// J = 1/(2m) Σ (y − h)² and its gradient by hand, sample by sample. W1: (2, 3), W2: (1, 3)
struct Hand {
  double J = 0;
  Eigen::MatrixXd g1 = Eigen::MatrixXd::Zero(2, 3), g2 = Eigen::MatrixXd::Zero(1, 3);
};
Hand by_hand(const Eigen::MatrixXd& W1, const Eigen::MatrixXd& W2) {
  const double X[4][2] = {{0, 0}, {0, 1}, {1, 0}, {1, 1}}, Y[4] = {1, 0, 0, 1};
  Hand h;
  for (int i = 0; i < 4; ++i) {
    const double in[3] = {1, X[i][0], X[i][1]};
    double a2[3] = {1, 0, 0};
    for (int j = 0; j < 2; ++j) a2[j + 1] = sig(W1(j, 0) * in[0] + W1(j, 1) * in[1] + W1(j, 2) * in[2]);
    const double a3 = sig(W2(0, 0) * a2[0] + W2(0, 1) * a2[1] + W2(0, 2) * a2[2]);
    h.J += (Y[i] - a3) * (Y[i] - a3) / 8.0;
    const double d3 = -(Y[i] - a3) * a3 * (1 - a3) / 4.0;  // ∂J/∂z⁽³⁾
    for (int k = 0; k < 3; ++k) h.g2(0, k) += d3 * a2[k];
    for (int j = 0; j < 2; ++j) {
      const double d2 = W2(0, j + 1) * d3 * a2[j + 1] * (1 - a2[j + 1]);  // ∂J/∂z⁽²⁾_j
      for (int k = 0; k < 3; ++k) h.g1(j, k) += d2 * in[k];
    }
  }
  return h;
}

}  // namespace

BOOST_DATA_TEST_CASE(backpropagation_matches_a_pass_by_hand, bdata::xrange(0, 6), k) {
  const nnwb::Trace t = nnwb::chapters::gradient_check(variant(k));
  const Hand h = by_hand(mat(t, "W1"), mat(t, "W2"));
  BOOST_TEST_CONTEXT("variant " << k) {
    BOOST_TEST(scalar(t, "net.J") == h.J, boost::test_tools::tolerance(1e-13));
    BOOST_TEST((mat(t, "backprop.grad_W1") - h.g1).cwiseAbs().maxCoeff() <= 1e-15);
    BOOST_TEST((mat(t, "backprop.grad_W2") - h.g2).cwiseAbs().maxCoeff() <= 1e-15);
    // Weights small, as BMB asks: in [−0.5, 0.5].
    BOOST_TEST(mat(t, "W1").cwiseAbs().maxCoeff() <= 0.5);
    BOOST_TEST(mat(t, "W2").cwiseAbs().maxCoeff() <= 0.5);
  }
}

BOOST_DATA_TEST_CASE(the_slides_formula_is_epsilon_times_the_gradient, bdata::xrange(0, 6), k) {
  const nnwb::Trace t = nnwb::chapters::gradient_check(variant(k));
  BOOST_TEST(scalar(t, "epsilon") == 1e-4);  // BMB: ε ≅ 10⁻⁴
  const Eigen::MatrixXd& ratio = mat(t, "slide.ratio");
  // J(W + εe) − J(W) = ε ∂J/∂W + O(ε²): the ratio is ε to about 1%.
  BOOST_TEST((ratio.array() / 1e-4 - 1.0).abs().maxCoeff() <= 1e-2);
  BOOST_TEST(!verdict(t, "slide.verdict").holds);
}

BOOST_DATA_TEST_CASE(central_beats_one_sided_at_1e_4, bdata::xrange(0, 6), k) {
  const nnwb::Trace t = nnwb::chapters::gradient_check(variant(k));
  BOOST_TEST_CONTEXT("variant " << k) {
    BOOST_TEST(scalar(t, "fd.eps1e-4.central.max") < 1e-7);
    BOOST_TEST(scalar(t, "fd.eps1e-4.forward.max") > 1e-6);
    BOOST_TEST(scalar(t, "fd.eps1e-4.forward.max") < 1e-2);
    BOOST_TEST(verdict(t, "fd.eps1e-4.verdict").holds);
    // The per-weight errors have the weights' shapes.
    BOOST_TEST(mat(t, "fd.eps1e-4.forward.relerr.W1").rows() == 2);
    BOOST_TEST(mat(t, "fd.eps1e-4.central.relerr.W2").cols() == 3);
  }
}

BOOST_DATA_TEST_CASE(measured_orders_are_one_and_two_then_rounding, bdata::xrange(0, 6), k) {
  const nnwb::Trace t = nnwb::chapters::gradient_check(variant(k));
  BOOST_TEST_CONTEXT("variant " << k) {
    BOOST_TEST(scalar(t, "sweep.forward.order") == 1.0, boost::test_tools::tolerance(0.15));
    BOOST_TEST(scalar(t, "sweep.central.order") == 2.0, boost::test_tools::tolerance(0.1));
    BOOST_TEST(verdict(t, "sweep.forward.verdict").holds);
    BOOST_TEST(verdict(t, "sweep.central.verdict").holds);
    BOOST_TEST(verdict(t, "sweep.rounding").holds);
    // Step by step in the truncation regime: the decade slopes from 10⁻¹ to 10⁻³.
    for (int e = 2; e <= 3; ++e) {
      BOOST_TEST(scalar(t, fmt::format("sweep.eps1e-{}.forward_order", e)) == 1.0, boost::test_tools::tolerance(0.2));
      BOOST_TEST(scalar(t, fmt::format("sweep.eps1e-{}.central_order", e)) == 2.0, boost::test_tools::tolerance(0.1));
    }
    // The optimum steps: about √u for one-sided, ∛u for central (within a decade or so).
    const double fb = scalar(t, "sweep.forward.best"), cb = scalar(t, "sweep.central.best");
    BOOST_TEST(fb >= 1e-9);
    BOOST_TEST(fb <= 1e-6);
    BOOST_TEST(cb >= 1e-6);
    BOOST_TEST(cb <= 1e-4);
    // At 10⁻¹² rounding has made both worse than at their best.
    BOOST_TEST(scalar(t, "sweep.eps1e-12.central") > 100 * scalar(t, fmt::format("sweep.eps1e-{}.central", std::lround(-std::log10(cb)))));
    // The table holds the same numbers.
    const Eigen::MatrixXd& table = mat(t, "sweep.table");
    BOOST_TEST(table.rows() == 12);
    BOOST_TEST(table(3, 1) == scalar(t, "sweep.eps1e-4.forward"));
    BOOST_TEST(table(3, 2) == scalar(t, "sweep.eps1e-4.central"));
  }
}

BOOST_AUTO_TEST_CASE(the_error_is_computed_from_the_inputs_step_by_step) {
  // Follow-through: the order step recomputes from the errors it is given.
  const nnwb::Trace t = nnwb::chapters::gradient_check({});
  const nnwb::Value p = t.compute_step("sweep.eps1e-3.forward_order",
                                       {{"sweep.eps1e-3.forward", 1e-3}, {"sweep.eps1e-2.forward", 1e-1}});
  BOOST_TEST(std::get<double>(p) == 2.0, boost::test_tools::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(bmb_sign_fails_the_check_and_its_negative_passes) {
  const nnwb::Trace t = nnwb::chapters::gradient_check({});
  BOOST_TEST(!verdict(t, "sign.check").holds);
  BOOST_TEST(((mat(t, "sign.bmb_W2") + mat(t, "backprop.grad_W2")).cwiseAbs().maxCoeff()) <= 1e-15);
}

BOOST_AUTO_TEST_SUITE_END()
