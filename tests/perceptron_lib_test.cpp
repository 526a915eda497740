// The perceptron's library functions (lib/math/include/nnwb/perceptron.hpp) on small hand-worked cases,
// against PD "The perceptron algorithm (1/7)…(7/7)" and "On the choice of the cost function".
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include "nnwb/gradient_check.hpp"
#include "nnwb/perceptron.hpp"
#include "nnwb/random.hpp"

BOOST_AUTO_TEST_SUITE(perceptron_lib)

namespace {

Eigen::VectorXd v3(double a, double b, double c) { return Eigen::Vector3d(a, b, c); }

// AND's truth table with φ₀ = 1: rows (1, x₁, x₂), labels false → −1, true → +1.
Eigen::MatrixXd and_features() {
  Eigen::MatrixXd Phi(4, 3);
  Phi << 1, 0, 0,  //
      1, 0, 1,     //
      1, 1, 0,     //
      1, 1, 1;
  return Phi;
}
Eigen::VectorXd and_labels() { return Eigen::Vector4d(-1, -1, -1, 1); }

}  // namespace

BOOST_AUTO_TEST_CASE(features_put_the_bias_feature_first) {
  const Eigen::VectorXd phi = nnwb::perceptron_features(Eigen::Vector2d(3, -2));
  BOOST_TEST(phi.size() == 3);
  BOOST_TEST(phi[0] == 1.0);  // φ₀ = 1
  BOOST_TEST(phi[1] == 3.0);
  BOOST_TEST(phi[2] == -2.0);
}

// PD (7/7): C1 with wᵀφ > 0 and C2 with wᵀφ < 0 are correct; C1 with wᵀφ ≤ 0 goes to add, C2 with
// wᵀφ ≥ 0 goes to subtract: the boundary a = 0 is misclassified for both classes.
BOOST_AUTO_TEST_CASE(the_test_counts_the_boundary_as_misclassified) {
  BOOST_TEST(!nnwb::perceptron_misclassified(0.5, +1));
  BOOST_TEST(nnwb::perceptron_misclassified(0.0, +1));
  BOOST_TEST(nnwb::perceptron_misclassified(-0.5, +1));
  BOOST_TEST(!nnwb::perceptron_misclassified(-0.5, -1));
  BOOST_TEST(nnwb::perceptron_misclassified(0.0, -1));
  BOOST_TEST(nnwb::perceptron_misclassified(0.5, -1));
}

// PD (6/7): w + ηφ for t = +1, w − ηφ for t = −1.
BOOST_AUTO_TEST_CASE(update_adds_or_subtracts) {
  const Eigen::VectorXd w = v3(1, -2, 0.5), phi = v3(1, 3, -1);
  BOOST_TEST((nnwb::perceptron_update(w, phi, +1) - v3(2, 1, -0.5)).norm() == 0.0);
  BOOST_TEST((nnwb::perceptron_update(w, phi, -1) - v3(0, -5, 1.5)).norm() == 0.0);
  BOOST_TEST((nnwb::perceptron_update(w, phi, -1, 0.5) - v3(0.5, -3.5, 1)).norm() == 0.0);
  BOOST_CHECK_THROW(nnwb::perceptron_update(w, Eigen::Vector2d(1, 1), 1), std::invalid_argument);
}

// At w = (−0.5, 1, 1) (the OR weights) on AND: a = (−0.5, 0.5, 0.5, 1.5), so the margins are
// (0.5, −0.5, −0.5, 1.5); points 2 and 3 are misclassified, E_p = 1, ∇E_p = φ₂ + φ₃ = (2, 1, 1).
BOOST_AUTO_TEST_CASE(criterion_gradient_count_and_zero_one_by_hand) {
  const Eigen::VectorXd w = v3(-0.5, 1, 1);
  const Eigen::VectorXd m = nnwb::perceptron_margins(w, and_features(), and_labels());
  BOOST_TEST((m - Eigen::Vector4d(0.5, -0.5, -0.5, 1.5)).norm() == 0.0);
  BOOST_TEST(nnwb::misclassified_count(m) == 2.0);
  BOOST_TEST(nnwb::perceptron_criterion(m) == 1.0);
  BOOST_TEST(nnwb::perceptron_criterion(w, and_features(), and_labels()) == 1.0);
  BOOST_TEST(nnwb::perceptron_cost(w, and_features(), and_labels()) == 1.0);
  BOOST_TEST(
      (nnwb::perceptron_criterion_gradient(w, and_features(), and_labels()) - v3(2, 1, 1)).norm() ==
      0.0);
  BOOST_TEST(nnwb::zero_one_loss(w, and_features(), and_labels()) == 2.0);
}

// At w = 0 every point lies on the boundary: all four are in M, E_p = 0 (the trivial minimum), and
// the 0/1 loss counts only the three points of class C2, since sign(0) = +1.
BOOST_AUTO_TEST_CASE(at_zero_weights_m_and_the_zero_one_loss_differ) {
  const Eigen::VectorXd w = Eigen::VectorXd::Zero(3);
  BOOST_TEST(nnwb::misclassified_count(nnwb::perceptron_margins(w, and_features(), and_labels())) ==
             4.0);
  BOOST_TEST(nnwb::perceptron_criterion(w, and_features(), and_labels()) == 0.0);
  BOOST_TEST(nnwb::zero_one_loss(w, and_features(), and_labels()) == 3.0);
  // PD (5/7): each misclassified point contributes −φ (C1) or +φ (C2): −φ₄ + φ₁ + φ₂ + φ₃ = (2, 0,
  // 0).
  BOOST_TEST(
      (nnwb::perceptron_criterion_gradient(w, and_features(), and_labels()) - v3(2, 0, 0)).norm() ==
      0.0);
}

BOOST_AUTO_TEST_CASE(shapes_are_checked) {
  BOOST_CHECK_THROW(nnwb::perceptron_margins(Eigen::Vector2d(1, 1), and_features(), and_labels()),
                    std::invalid_argument);
  BOOST_CHECK_THROW(nnwb::zero_one_loss(v3(1, 1, 1), and_features(), Eigen::Vector3d(1, 1, 1)),
                    std::invalid_argument);
}

// On random weights with no point on the boundary: E_p = J_p, ∇E_p matches a central difference,
// and the 0/1 loss has slope 0.
BOOST_DATA_TEST_CASE(criterion_equals_cost_and_gradient_matches_differences,
                     boost::unit_test::data::xrange(1, 21), seed) {
  nnwb::Rng rng(static_cast<std::uint64_t>(seed));
  const Eigen::MatrixXd X = rng.decimals(6, 2, -3, 3, 1);
  Eigen::MatrixXd Phi(6, 3);
  Phi << Eigen::VectorXd::Ones(6), X;
  Eigen::VectorXd t(6);
  for (int n = 0; n < 6; ++n) t[n] = rng.integer(0, 1) ? 1.0 : -1.0;
  const Eigen::VectorXd w = rng.decimals(3, -2, 2, 2);
  const Eigen::VectorXd m = nnwb::perceptron_margins(w, Phi, t);
  BOOST_TEST_CONTEXT("seed " << seed) {
    if ((m.array().abs() < 1e-3).any()) return;  // a kink within reach of the difference step
    BOOST_TEST(nnwb::perceptron_criterion(w, Phi, t) == nnwb::perceptron_cost(w, Phi, t),
               boost::test_tools::tolerance(1e-12));
    const auto E = [&](const Eigen::VectorXd& x) { return nnwb::perceptron_criterion(x, Phi, t); };
    const auto J01 = [&](const Eigen::VectorXd& x) { return nnwb::zero_one_loss(x, Phi, t); };
    const Eigen::VectorXd numeric = nnwb::numerical_gradient(E, w, 1e-6);
    BOOST_TEST(nnwb::max_relative_error(nnwb::perceptron_criterion_gradient(w, Phi, t), numeric) <
               1e-6);
    BOOST_TEST(nnwb::numerical_gradient(J01, w, 1e-6).isZero());
  }
}

BOOST_AUTO_TEST_SUITE_END()
