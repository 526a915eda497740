// The trace (lib/trace.hpp): steps computed from named inputs, recompute for follow-through, and
// the errors that catch a chapter's mistakes.
#include <boost/test/unit_test.hpp>

#include "nnwb/trace.hpp"

BOOST_AUTO_TEST_SUITE(trace)

using nnwb::Inputs;
using nnwb::Trace;
using nnwb::Value;

namespace {

// f = (x + y)z as a three-step trace.
Trace small_trace() {
  Trace t("demo", "demo");
  t.parameter("x", "x", "input", -2.0);
  t.parameter("y", "y", "input", 5.0);
  t.parameter("z", "z", "input", -4.0);
  t.step("q", "sum").formula("q = x + y").numbers("[[x]] + [[y]]").compute({"x", "y"}, [](const Inputs& in) -> Value {
    return in.scalar("x") + in.scalar("y");
  });
  t.step("f", "product").formula("f = qz").compute({"q", "z"}, [](const Inputs& in) -> Value {
    return in.scalar("q") * in.scalar("z");
  });
  t.step("df_dz", "gradient").formula("\\partial f/\\partial z = q").compute({"q"}, [](const Inputs& in) -> Value {
    return in.scalar("q");
  });
  t.claim_gradient("df_dz", "f", "z");
  return t;
}

}  // namespace

BOOST_AUTO_TEST_CASE(steps_compute_from_their_inputs) {
  const Trace t = small_trace();
  BOOST_TEST(std::get<double>(t.value("q")) == 3.0);
  BOOST_TEST(std::get<double>(t.value("f")) == -12.0);
  BOOST_TEST(t.steps().size() == 3u);
  BOOST_TEST(t.step_at("f").inputs == (std::vector<std::string>{"q", "z"}));
  BOOST_TEST(t.gradient_claims().size() == 1u);
}

BOOST_AUTO_TEST_CASE(recompute_follows_a_replaced_value_through) {
  Trace t = small_trace();
  // A student's q = 4 (wrong): f and ∂f/∂z follow from it.
  t.recompute({{"q", 4.0}});
  BOOST_TEST(std::get<double>(t.value("q")) == 4.0);
  BOOST_TEST(std::get<double>(t.value("f")) == -16.0);
  BOOST_TEST(std::get<double>(t.value("df_dz")) == 4.0);
  // A new parameter value changes everything after it.
  Trace u = small_trace();
  u.recompute({{"x", 0.0}});
  BOOST_TEST(std::get<double>(u.value("f")) == -20.0);
  BOOST_CHECK_THROW(u.recompute({{"nope", 1.0}}), std::out_of_range);
}

BOOST_AUTO_TEST_CASE(compute_step_from_other_inputs) {
  const Trace t = small_trace();
  BOOST_TEST(std::get<double>(t.compute_step("f", {{"q", 10.0}})) == -40.0);  // z from the trace
  BOOST_TEST(std::get<double>(t.value("f")) == -12.0);                          // the trace unchanged
}

BOOST_AUTO_TEST_CASE(mistakes_in_a_chapter_are_caught) {
  Trace t = small_trace();
  BOOST_CHECK_THROW(t.parameter("x", "x", "again", 1.0), std::logic_error);
  BOOST_CHECK_EXCEPTION(
      t.step("g", "reads a later step").compute({"later"}, [](const Inputs&) -> Value { return 0.0; }),
      std::logic_error, [](const std::logic_error& e) {
        const std::string what = e.what();
        return what.find("'g'") != std::string::npos && what.find("'later'") != std::string::npos;
      });
  BOOST_CHECK_THROW(t.step("q", "twice").compute({}, [](const Inputs&) -> Value { return 0.0; }), std::logic_error);
  BOOST_CHECK_THROW(t.claim_gradient("df_dz", "f", "w"), std::logic_error);
  // An input read as the wrong kind names the input and both kinds.
  BOOST_CHECK_EXCEPTION(
      t.step("h", "wrong kind").compute({"x"}, [](const Inputs& in) -> Value { return in.vector("x"); }),
      std::invalid_argument, [](const std::invalid_argument& e) {
        return std::string(e.what()).find("'x' is a scalar, not a vector") != std::string::npos;
      });
}

BOOST_AUTO_TEST_CASE(shapes_and_kinds) {
  BOOST_TEST(nnwb::shape_of(Value(1.0)) == "scalar");
  BOOST_TEST(nnwb::shape_of(Value(Eigen::VectorXd(Eigen::VectorXd::Zero(3)))) == "vector(3)");
  BOOST_TEST(nnwb::shape_of(Value(Eigen::MatrixXd(Eigen::MatrixXd::Zero(2, 3)))) == "matrix(2×3)");
  BOOST_TEST(nnwb::shape_of(Value(nnwb::Verdict{true, "ok"})) == "verdict");
}

BOOST_AUTO_TEST_SUITE_END()
