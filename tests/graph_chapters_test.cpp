// Chapters graph_xyz and graph_neuron (chapters/graph_xyz.cpp, chapters/graph_neuron.cpp): the
// default traces reproduce every number BMB's slides print, and the traces agree with closed forms
// on seeds. The slide numbers below are typed from the seed file, not taken from the program.
#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "chapters.hpp"
#include "support/trace_values.hpp"
#include "nnwb/detail/number_format.hpp"

namespace bdata = boost::unit_test::data;
using nnwb::ChapterOptions;

using nnwb::testing::scalar;
using nnwb::testing::vec;
using nnwb::testing::mat;
using nnwb::testing::verdict;
using nnwb::testing::variant;

BOOST_AUTO_TEST_SUITE(graph_xyz)

BOOST_AUTO_TEST_CASE(reproduces_the_slide) {
  // 001_86790086ad6a4e65.txt, "Backpropagation: Simple Example": x = −2, y = 5, z = −4,
  // q = x + y, f = qz; ∂f/∂z = q, ∂f/∂q = z, ∂f/∂x = ∂f/∂y = ∂f/∂q · 1. (CATALOGUE.md: q = 3,
  // f = −12, gradients −4, −4, 3.)
  const nnwb::Trace t = nnwb::chapters::graph_xyz(ChapterOptions{});
  BOOST_TEST(scalar(t, "x") == -2.0);
  BOOST_TEST(scalar(t, "y") == 5.0);
  BOOST_TEST(scalar(t, "z") == -4.0);
  BOOST_TEST(scalar(t, "forward.q") == 3.0);
  BOOST_TEST(scalar(t, "forward.f") == -12.0);
  BOOST_TEST(scalar(t, "grad.f") == 1.0);
  BOOST_TEST(scalar(t, "grad.z") == 3.0);
  BOOST_TEST(scalar(t, "grad.q") == -4.0);
  BOOST_TEST(scalar(t, "grad.x") == -4.0);
  BOOST_TEST(scalar(t, "grad.y") == -4.0);
  BOOST_TEST(scalar(t, "local.q.x") == 1.0);
  BOOST_TEST(scalar(t, "local.f.q") == -4.0);  // ∂f/∂q = z
}

BOOST_DATA_TEST_CASE(closed_forms_on_seeds, bdata::xrange(1, 9), seed) {
  const nnwb::Trace t = nnwb::chapters::graph_xyz(ChapterOptions{static_cast<std::uint64_t>(seed)});
  const double x = scalar(t, "x"), y = scalar(t, "y"), z = scalar(t, "z");
  BOOST_TEST(scalar(t, "forward.f") == (x + y) * z);
  BOOST_TEST(scalar(t, "grad.x") == z);
  BOOST_TEST(scalar(t, "grad.y") == z);
  BOOST_TEST(scalar(t, "grad.z") == x + y);
  for (const char* pattern : {"pattern.add", "pattern.mul", "pattern.max", "pattern.copy"})
    BOOST_TEST(std::get<nnwb::Verdict>(t.value(pattern)).holds, pattern);
  // Copy adds: h = uv + u has ∂h/∂u = v + 1.
  BOOST_TEST(scalar(t, "copy.grad.copy.u") == scalar(t, "copy.v") + 1.0);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(graph_neuron)

// A value as the slide rounds it: to two decimals.
std::string two_decimals(double x) { return nnwb::detail::format_number(x, {nnwb::Rounding::Mode::decimals, 2}); }

BOOST_AUTO_TEST_CASE(reproduces_the_slide) {
  // 001_86790086ad6a4e65.txt, "Backpropagation: Another Example": w0 = 2, x0 = −1, w1 = −3,
  // x1 = −2, w2 = −3; node values −2, 6, 4, 1, −1, 0.37, 1.37, 0.73; gradients through 1/x
  // (−0.53), +1 (−0.53), exp (−0.20), *−1 (0.20); "x0: [0.2] × [2] = 0.4", "w0: [0.2] × [−1] =
  // −0.2"; ∂w1 = −0.39, ∂x1 = −0.59, ∂w2 = 0.20 (CATALOGUE.md, from the slide's figure); the
  // sigmoid gate "[1.00] × [(1 − 0.73)(0.73)] = 0.2".
  const nnwb::Trace t = nnwb::chapters::graph_neuron(ChapterOptions{});
  const std::vector<std::pair<std::string, std::string>> printed = {
      {"forward.s0", "-2"},   {"forward.s1", "6"},    {"forward.s2", "4"},     {"forward.s3", "1"},
      {"forward.n", "-1"},    {"forward.e", "0.37"},  {"forward.d", "1.37"},   {"forward.f", "0.73"},
      {"grad.d", "-0.53"},    {"grad.e", "-0.53"},    {"grad.n", "-0.20"},     {"grad.s3", "0.20"},
      {"grad.w0", "-0.20"},   {"grad.x0", "0.39"},    {"grad.w1", "-0.39"},    {"grad.x1", "-0.59"},
      {"grad.w2", "0.20"},    {"sig.forward.L", "0.73"}, {"sig.local.L.s3", "0.20"}, {"sig.grad.w0", "-0.20"}};
  for (const auto& [id, value] : printed) BOOST_TEST(two_decimals(scalar(t, id)) == value, id);
  // The slide rounds the upstream gradient to 0.2 before multiplying: [0.2] × [2] = 0.4.
  const double upstream = std::round(scalar(t, "grad.s0") * 10) / 10;  // the slide's [0.2]
  BOOST_TEST(upstream * scalar(t, "w0") == 0.4, boost::test_tools::tolerance(1e-12));   // x0: [0.2] × [2]
  BOOST_TEST(upstream * scalar(t, "x0") == -0.2, boost::test_tools::tolerance(1e-12));  // w0: [0.2] × [−1]
}

BOOST_DATA_TEST_CASE(closed_forms_on_seeds, bdata::xrange(1, 9), seed) {
  const nnwb::Trace t = nnwb::chapters::graph_neuron(ChapterOptions{static_cast<std::uint64_t>(seed)});
  const double w0 = scalar(t, "w0"), x0 = scalar(t, "x0"), w1 = scalar(t, "w1"), x1 = scalar(t, "x1"),
               w2 = scalar(t, "w2");
  const double f = 1.0 / (1.0 + std::exp(-(w0 * x0 + w1 * x1 + w2)));
  const double df_ds = f * (1.0 - f);  // σ' = σ(1 − σ)
  const auto near = boost::test_tools::tolerance(1e-12);
  BOOST_TEST(scalar(t, "forward.f") == f, near);
  BOOST_TEST(scalar(t, "sig.forward.L") == f, near);
  BOOST_TEST(scalar(t, "grad.w0") == df_ds * x0, near);
  BOOST_TEST(scalar(t, "grad.x0") == df_ds * w0, near);
  BOOST_TEST(scalar(t, "grad.w1") == df_ds * x1, near);
  BOOST_TEST(scalar(t, "grad.x1") == df_ds * w1, near);
  BOOST_TEST(scalar(t, "grad.w2") == df_ds, near);
  for (const char* same : {"same.output", "same.w0", "same.x0", "same.w1", "same.x1", "same.w2"})
    BOOST_TEST(std::get<nnwb::Verdict>(t.value(same)).holds, same);
}

BOOST_AUTO_TEST_SUITE_END()
