// The gradient-claim checker the catalogue tests rely on (tests/support/gradient_claims.hpp):
// it accepts a true gradient and rejects one that is off by a millionth, on the Richardson path
// and on the Ridders path (a function that curves faster than its argument's scale).
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "nnwb/trace.hpp"
#include "support/gradient_claims.hpp"

BOOST_AUTO_TEST_SUITE(gradient_claims)

using nnwb::Inputs;
using nnwb::Value;

namespace {

// f = log(1 − y) + x³, with a claimed ∂f/∂x and ∂f/∂y scaled by `factor` (1 = the true ones).
nnwb::Trace claims(double x, double y, double factor) {
  nnwb::Trace t("claims", "claims");
  t.parameter("x", "x", "", x);
  t.parameter("y", "y", "", y);
  t.step("f", "f").compute({"x", "y"}, [](const Inputs& in) -> Value {
    return std::log(1.0 - in.scalar("y")) + std::pow(in.scalar("x"), 3);
  });
  t.step("df_dx", "df/dx").compute({"x"}, [factor](const Inputs& in) -> Value {
    return factor * 3.0 * in.scalar("x") * in.scalar("x");  // 3x²
  });
  t.step("df_dy", "df/dy").compute({"y"}, [factor](const Inputs& in) -> Value {
    return factor * -1.0 / (1.0 - in.scalar("y"));  // −1/(1 − y)
  });
  t.claim_gradient("df_dx", "f", "x");
  t.claim_gradient("df_dy", "f", "y");
  return t;
}

}  // namespace

BOOST_AUTO_TEST_CASE(true_claims_pass_on_both_paths) {
  // y = 0.999: log(1 − y) curves on a scale of 1e−3, far below the first step of 1e−3·max(|y|, 1).
  for (const double y : {0.2, 0.97, 0.999}) {
    for (const auto& check : nnwb::testing::check_gradient_claims(claims(1.3, y, 1.0))) {
      BOOST_TEST_CONTEXT("y = " << y << ", " << check.step) { BOOST_TEST(check.worst_relative_error <= 1e-7); }
    }
  }
}

BOOST_AUTO_TEST_CASE(a_claim_off_by_a_millionth_fails) {
  for (const double y : {0.2, 0.97, 0.999}) {
    for (const auto& check : nnwb::testing::check_gradient_claims(claims(1.3, y, 1.0 + 1e-6))) {
      BOOST_TEST_CONTEXT("y = " << y << ", " << check.step) {
        BOOST_TEST(check.worst_relative_error > 5e-7);
        BOOST_TEST(check.worst_relative_error < 2e-6);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(a_wrong_shape_is_an_error) {
  nnwb::Trace t("shape", "shape");
  t.parameter("v", "v", "", Eigen::VectorXd(Eigen::VectorXd::Ones(2)));
  t.step("f", "f").compute({"v"}, [](const Inputs& in) -> Value { return in.vector("v").squaredNorm(); });
  t.step("g", "g").compute({"v"}, [](const Inputs& in) -> Value { return 2.0 * in.vector("v")[0]; });
  t.claim_gradient("g", "f", "v");
  BOOST_CHECK_THROW(nnwb::testing::check_gradient_claims(t), std::logic_error);
}

BOOST_AUTO_TEST_SUITE_END()
