// Chapter 7, neuron_geometry (chapters/neuron_geometry.cpp): the bias as w₀, the direction cosines,
// d = −b/‖w‖, the closest point v and the signed distance u(x)/‖w‖, against the formulas of PD
// "The artificial neuron", "Some hyperplane geometry", "Hyperplane geometry: orientation" and
// "Hyperplane geometry: bias" (003_b5a9c74466967a6d.txt), written out here with plain arithmetic;
// the scaling verdicts; the gradient claims; follow-through by recompute.
#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <numbers>
#include <string>

#include "chapters.hpp"
#include "support/gradient_claims.hpp"
#include "support/trace_values.hpp"

BOOST_AUTO_TEST_SUITE(neuron_geometry)

namespace bdata = boost::unit_test::data;
using nnwb::ChapterOptions;
using nnwb::testing::scalar;
using nnwb::testing::variant;
using nnwb::testing::vec;
using nnwb::testing::verdict;

BOOST_AUTO_TEST_CASE(default_example_by_hand) {
  // The slides print no numbers, so there is no slide value to reproduce: the defaults are the
  // chapter's own (w = (3, 4), b = −10), and every step's `slide` stays empty.
  const nnwb::Trace t = nnwb::chapters::neuron_geometry(ChapterOptions{});
  for (const auto& step : t.steps()) BOOST_TEST(step.slide.empty(), step.id);
  BOOST_TEST((vec(t, "w") == Eigen::Vector2d(3, 4)));
  BOOST_TEST(scalar(t, "b") == -10.0);
  const auto tol = boost::test_tools::tolerance(1e-12);
  // Worked by hand: ‖w‖ = √(9 + 16) = 5; d = 10/5 = 2; v = 2·(3, 4)/5 = (1.2, 1.6);
  // x⁽¹⁾ = (2, 3): u = 6 + 12 − 10 = 8, r = 1.6; x⁽²⁾ = (1, 1): u = −3, r = −0.6.
  BOOST_TEST(scalar(t, "geometry.norm") == 5.0, tol);
  BOOST_TEST(scalar(t, "neuron.a") == 8.0, tol);
  BOOST_TEST(scalar(t, "neuron.a_ext") == 8.0, tol);
  BOOST_TEST(scalar(t, "bias.distance") == 2.0, tol);
  BOOST_TEST(vec(t, "bias.v")[0] == 1.2, tol);
  BOOST_TEST(vec(t, "bias.v")[1] == 1.6, tol);
  BOOST_TEST(scalar(t, "point1.r") == 1.6, tol);
  BOOST_TEST(scalar(t, "point2.r") == -0.6, tol);
  BOOST_TEST(vec(t, "orientation.cos")[0] == 0.6, tol);  // 3/5
  BOOST_TEST(vec(t, "orientation.cos")[1] == 0.8, tol);  // 4/5
  // θ₁ = atan2(4, 3) in degrees ≈ 53.13°, θ₂ = 90° − θ₁.
  BOOST_TEST(vec(t, "orientation.angles")[0] == std::atan2(4.0, 3.0) * 180 / std::numbers::pi, tol);
  BOOST_TEST(vec(t, "orientation.angles")[1] == 90 - std::atan2(4.0, 3.0) * 180 / std::numbers::pi, tol);
  BOOST_TEST(scalar(t, "bias.grad_b") == -0.2, tol);  // −1/5
  BOOST_TEST(scalar(t, "scaled.distance") == 2.0, tol);
  BOOST_TEST(scalar(t, "flipped.distance") == -2.0, tol);
  BOOST_TEST(scalar(t, "scaled.w_only") == 1.0, tol);  // 10/‖2w‖ = 10/10
}

BOOST_DATA_TEST_CASE(closed_forms, bdata::xrange(0, 9), k) {
  const nnwb::Trace t = nnwb::chapters::neuron_geometry(variant(k));
  const auto tol = boost::test_tools::tolerance(1e-12);
  const Eigen::VectorXd w = vec(t, "w");
  const double b = scalar(t, "b");
  const double norm = std::sqrt(w[0] * w[0] + w[1] * w[1]);
  BOOST_TEST(scalar(t, "geometry.norm") == norm, tol);
  // PD "The artificial neuron": Σ_{j≥1} w_j x_j + b = Σ_{j≥0} w_j x_j with w₀ = b, x₀ = 1.
  const Eigen::VectorXd x1 = vec(t, "point1");
  const double u1 = w[0] * x1[0] + w[1] * x1[1] + b;
  BOOST_TEST(scalar(t, "neuron.a") == u1, tol);
  BOOST_TEST(scalar(t, "neuron.a_ext") == u1, tol);
  BOOST_TEST(vec(t, "neuron.w_ext")[0] == b);
  BOOST_TEST(vec(t, "neuron.x_ext")[0] == 1.0);
  // "Some hyperplane geometry": cos θ = wᵀx/(‖w‖‖x‖).
  BOOST_TEST(scalar(t, "geometry.cos") == (u1 - b) / (norm * std::hypot(x1[0], x1[1])), tol);
  BOOST_TEST(scalar(t, "geometry.moved_a") == u1, tol);  // moved along u ⟂ w: same input
  // "…: orientation", eq. (2): cos θ_i = w_i/‖w‖.
  BOOST_TEST(vec(t, "orientation.cos")[0] == w[0] / norm, tol);
  BOOST_TEST(vec(t, "orientation.cos")[1] == w[1] / norm, tol);
  BOOST_TEST(scalar(t, "orientation.unit") == 1.0, tol);
  // ∂(w₁/‖w‖)/∂w = (1/‖w‖ − w₁²/‖w‖³, −w₁w₂/‖w‖³).
  const double n3 = norm * norm * norm;
  BOOST_TEST(vec(t, "orientation.grad_cos1")[0] == 1 / norm - w[0] * w[0] / n3, tol);
  BOOST_TEST(vec(t, "orientation.grad_cos1")[1] == -w[0] * w[1] / n3, tol);
  // "…: bias": d = −b/‖w‖, v = d w/‖w‖, ∂d/∂b = −1/‖w‖, ∂d/∂w = b w/‖w‖³.
  const double d = -b / norm;
  BOOST_TEST(scalar(t, "bias.distance") == d, tol);
  BOOST_TEST(vec(t, "bias.v")[0] == d * w[0] / norm, tol);
  BOOST_TEST(vec(t, "bias.v")[1] == d * w[1] / norm, tol);
  BOOST_TEST(scalar(t, "bias.v_norm") == std::abs(d), tol);
  BOOST_TEST(scalar(t, "bias.grad_b") == -1 / norm, tol);
  BOOST_TEST(vec(t, "bias.grad_w")[0] == b * w[0] / n3, tol);
  BOOST_TEST(vec(t, "bias.grad_w")[1] == b * w[1] / n3, tol);
  // The signed distance r(x) = (wᵀx + b)/‖w‖; the foot x − r w/‖w‖ satisfies wᵀp + b = 0.
  for (const std::string p : {"point1", "point2"}) {
    const Eigen::VectorXd x = vec(t, p);
    const double r = (w[0] * x[0] + w[1] * x[1] + b) / norm;
    BOOST_TEST(scalar(t, p + ".r") == r, tol);
    const Eigen::VectorXd foot = vec(t, p + ".foot");
    BOOST_TEST(std::abs(w[0] * foot[0] + w[1] * foot[1] + b) <= 1e-12 * std::max(1.0, std::abs(b)));
    BOOST_TEST(verdict(t, p + ".check").holds);
    BOOST_TEST(verdict(t, p + ".side").holds == (r > 0));
  }
  BOOST_TEST(scalar(t, "point1.r") > 0);  // the variants put the points on opposite sides
  BOOST_TEST(scalar(t, "point2.r") < 0);
  for (const char* id : {"neuron.same", "geometry.same_output", "orientation.scale_free", "bias.on_plane",
                         "points.separated"})
    BOOST_TEST(verdict(t, id).holds, id);
  BOOST_TEST(!verdict(t, "bias.through_origin").holds);  // b ≠ 0 in every variant
}

BOOST_DATA_TEST_CASE(scaling_invariances, bdata::xrange(0, 9), k) {
  // Scaling w̃ = (b, w) by c: cos θ_i' = (c/|c|) cos θ_i, d' = (c/|c|) d, v' = v.
  const nnwb::Trace t = nnwb::chapters::neuron_geometry(variant(k));
  const auto tol = boost::test_tools::tolerance(1e-12);
  const double c = scalar(t, "c"), c_flip = scalar(t, "c.flip");
  BOOST_TEST(c > 0);
  BOOST_TEST(c != 1.0);
  BOOST_TEST(c_flip < 0);
  const Eigen::VectorXd cos = vec(t, "orientation.cos");
  const double d = scalar(t, "bias.distance");
  for (int i = 0; i < 2; ++i) {
    BOOST_TEST(vec(t, "scaled.cos")[i] == cos[i], tol);
    BOOST_TEST(vec(t, "flipped.cos")[i] == -cos[i], tol);
    BOOST_TEST(vec(t, "scaled.v")[i] == vec(t, "bias.v")[i], tol);
    BOOST_TEST(vec(t, "flipped.v")[i] == vec(t, "bias.v")[i], tol);
  }
  BOOST_TEST(scalar(t, "scaled.distance") == d, tol);
  BOOST_TEST(scalar(t, "flipped.distance") == -d, tol);
  BOOST_TEST(scalar(t, "flipped.r1") == -scalar(t, "point1.r"), tol);
  BOOST_TEST(scalar(t, "scaled.w_only") == d / c, tol);  // only w scaled: the plane moves
  for (const char* prefix : {"scaled", "flipped"})
    for (const char* what : {".orientation", ".same_distance", ".same_plane", ".sides"})
      BOOST_TEST(verdict(t, std::string(prefix) + what).holds, prefix << what);
}

BOOST_AUTO_TEST_CASE(verdicts_are_computed_not_asserted) {
  // Replace the positively scaled weights by a vector that is not a multiple of w: the orientation
  // verdict must say so; and a wrong d fails the scaling comparison.
  nnwb::Trace t = nnwb::chapters::neuron_geometry(ChapterOptions{});
  t.recompute({{"scaled.w", Eigen::VectorXd(Eigen::Vector2d(4, 3))}});
  BOOST_TEST(!verdict(t, "scaled.orientation").holds);
  BOOST_TEST(!verdict(t, "scaled.same_plane").holds);
  // c = 1 for the "flip": nothing flips, and the verdicts that expect a flip say no.
  nnwb::Trace u = nnwb::chapters::neuron_geometry(ChapterOptions{});
  u.recompute({{"c.flip", 1.0}});
  BOOST_TEST(!verdict(u, "flipped.orientation").holds);
  BOOST_TEST(!verdict(u, "flipped.same_distance").holds);
  BOOST_TEST(verdict(u, "flipped.same_plane").holds);  // still the same plane
}

BOOST_AUTO_TEST_CASE(follow_through) {
  // A student's ‖w‖ = 4 (instead of 5) flows into d = 10/4 = 2.5.
  const nnwb::Trace t = nnwb::chapters::neuron_geometry(ChapterOptions{});
  const nnwb::Value d = t.compute_step("bias.distance", {{"geometry.norm", 4.0}});
  BOOST_TEST(std::get<double>(d) == 2.5);
}

BOOST_DATA_TEST_CASE(gradient_claims_hold, bdata::xrange(0, 9), k) {
  const nnwb::Trace t = nnwb::chapters::neuron_geometry(variant(k));
  BOOST_TEST(t.gradient_claims().size() == 7u);  // ∂a/∂b, ∂a/∂w, ∂cos θ₁/∂w, ∂d/∂b, ∂d/∂w, ∂r/∂x twice
  for (const auto& check : nnwb::testing::check_gradient_claims(t))
    BOOST_TEST(check.worst_relative_error <= 1e-7, check.step << " wrt " << check.wrt);
}

BOOST_AUTO_TEST_CASE(seeds_are_deterministic_and_hand_friendly) {
  for (int k = 1; k <= 20; ++k) {
    const nnwb::Trace t = nnwb::chapters::neuron_geometry(variant(k));
    const Eigen::VectorXd w = vec(t, "w");
    BOOST_TEST_CONTEXT("seed " << k) {
      for (int i = 0; i < 2; ++i) {
        BOOST_TEST(w[i] == std::round(w[i]));  // integers
        BOOST_TEST(w[i] != 0.0);
      }
      BOOST_TEST(scalar(t, "b") == std::round(scalar(t, "b")));
      BOOST_TEST((vec(t, "w") == vec(nnwb::chapters::neuron_geometry(variant(k)), "w")));
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
