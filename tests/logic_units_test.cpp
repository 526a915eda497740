// Chapter 8, logic_units (chapters/logic_units.cpp): BMB's threshold units h = g(−W₀ + W₁x₁ + W₂x₂)
// (001_86790086ad6a4e65.txt, "Implementing Logical Functions", "Expressiveness of Perceptrons"),
// truth tables recomputed here by hand from the weights; the XOR and XNOR contradictions; seeded
// weights that still implement each function; verdicts that follow the values.
#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "chapters.hpp"
#include "support/gradient_claims.hpp"
#include "support/trace_values.hpp"

BOOST_AUTO_TEST_SUITE(logic_units)

namespace bdata = boost::unit_test::data;
using nnwb::ChapterOptions;
using nnwb::testing::mat;
using nnwb::testing::scalar;
using nnwb::testing::variant;
using nnwb::testing::vec;
using nnwb::testing::verdict;

namespace {

// A function's rows (in counting order, x₁ the top bit) and its truth values, typed by hand.
struct Table {
  std::string prefix;
  std::vector<std::string> rows;
  std::vector<double> t;
};
const std::vector<Table> possible = {
    {"and", {"00", "01", "10", "11"}, {0, 0, 0, 1}},
    {"or", {"00", "01", "10", "11"}, {0, 1, 1, 1}},
    {"not", {"0", "1"}, {1, 0}},
    {"maj", {"000", "001", "010", "011", "100", "101", "110", "111"}, {0, 0, 0, 1, 0, 1, 1, 1}}};

// BMB: in = W₀·(−1) + Σ W_i x_i, written out digit by digit; h = 1 if in > 0, else 0.
double weighted_input(const Eigen::VectorXd& W, const std::string& row) {
  double in = -W[0];
  for (std::size_t i = 0; i < row.size(); ++i) in += W[static_cast<Eigen::Index>(i + 1)] * (row[i] == '1' ? 1 : 0);
  return in;
}

}  // namespace

BOOST_AUTO_TEST_CASE(classic_weights_and_their_tables) {
  // The slides' text prints no weights (they are only in the figure of "Implementing Logical
  // Functions"), so no step carries a slide value; the defaults are the classic AND (1.5, 1, 1),
  // OR (0.5, 1, 1), NOT (−0.5, −1) and majority (1.5, 1, 1, 1) in BMB's −1-bias form.
  const nnwb::Trace t = nnwb::chapters::logic_units(ChapterOptions{});
  for (const auto& step : t.steps()) BOOST_TEST(step.slide.empty(), step.id);
  BOOST_TEST((vec(t, "and.w") == Eigen::Vector3d(1.5, 1, 1)));
  BOOST_TEST((vec(t, "or.w") == Eigen::Vector3d(0.5, 1, 1)));
  BOOST_TEST((vec(t, "not.w") == Eigen::Vector2d(-0.5, -1)));
  BOOST_TEST((vec(t, "maj.w") == Eigen::Vector4d(1.5, 1, 1, 1)));
  // By hand: AND's inputs are −1.5, −0.5, −0.5, 0.5; OR's −0.5, 0.5, 0.5, 1.5; NOT's 0.5, −0.5.
  const std::vector<std::pair<std::string, double>> inputs = {
      {"and.row00.in", -1.5}, {"and.row01.in", -0.5}, {"and.row10.in", -0.5}, {"and.row11.in", 0.5},
      {"or.row00.in", -0.5},  {"or.row01.in", 0.5},   {"or.row10.in", 0.5},   {"or.row11.in", 1.5},
      {"not.row0.in", 0.5},   {"not.row1.in", -0.5},  {"maj.row011.in", 0.5}, {"maj.row100.in", -0.5}};
  for (const auto& [id, value] : inputs) BOOST_TEST(scalar(t, id) == value, id);
  BOOST_TEST(scalar(t, "and.row11.h") == 1.0);
  BOOST_TEST(scalar(t, "and.row10.h") == 0.0);
  BOOST_TEST(scalar(t, "not.row0.h") == 1.0);
  BOOST_TEST((vec(t, "ext.01") == Eigen::Vector3d(-1, 0, 1)));  // BMB's bias input −1 in front
}

BOOST_DATA_TEST_CASE(truth_tables_row_by_row, bdata::xrange(0, 9), k) {
  const nnwb::Trace t = nnwb::chapters::logic_units(variant(k));
  for (const Table& f : possible) {
    const Eigen::VectorXd W = vec(t, f.prefix + ".w");
    const Eigen::MatrixXd& table = mat(t, f.prefix + ".table");
    BOOST_TEST_CONTEXT(f.prefix << " with W = " << W.transpose()) {
      BOOST_TEST(table.rows() == static_cast<Eigen::Index>(f.rows.size()));
      for (std::size_t r = 0; r < f.rows.size(); ++r) {
        const double in = weighted_input(W, f.rows[r]);
        const double h = in > 0 ? 1.0 : 0.0;  // g(0) = 0
        const std::string row = f.prefix + ".row" + f.rows[r];
        BOOST_TEST(scalar(t, row + ".in") == in, boost::test_tools::tolerance(1e-12));
        BOOST_TEST(scalar(t, row + ".h") == h);
        BOOST_TEST(h == f.t[r]);                // the weights implement the function …
        BOOST_TEST(std::abs(in) >= 0.05 - 1e-12);  // … off the threshold
        BOOST_TEST(table(static_cast<Eigen::Index>(r), table.cols() - 1) == h);
        BOOST_TEST(vec(t, f.prefix + ".targets")[static_cast<Eigen::Index>(r)] == f.t[r]);
      }
      BOOST_TEST(verdict(t, f.prefix + ".check").holds);
    }
  }
}

BOOST_DATA_TEST_CASE(xor_and_xnor_contradict, bdata::xrange(0, 9), k) {
  // XOR needs −W₀ ≤ 0, −W₀ + W₂ > 0, −W₀ + W₁ > 0, −W₀ + W₁ + W₂ ≤ 0: rows (0,1) + (1,0) give
  // −2W₀ + W₁ + W₂ > 0, rows (0,0) + (1,1) give −2W₀ + W₁ + W₂ ≤ 0. XNOR: the same, roles swapped.
  const nnwb::Trace t = nnwb::chapters::logic_units(variant(k));
  const Eigen::Vector3d s(-2, 1, 1);
  for (const char* f : {"xor", "xnor"}) {
    const std::string p = f;
    BOOST_TEST((vec(t, p + ".fire_sum") == s), f);
    BOOST_TEST((vec(t, p + ".silent_sum") == s), f);
    const nnwb::Verdict v = verdict(t, p + ".verdict");
    BOOST_TEST(!v.holds, f);
    BOOST_TEST(v.text.find("contradict") != std::string::npos, v.text);
  }
  BOOST_TEST((vec(t, "xor.targets") == Eigen::Vector4d(0, 1, 1, 0)));
  BOOST_TEST((vec(t, "xnor.targets") == Eigen::Vector4d(1, 0, 0, 1)));
  BOOST_TEST((vec(t, "xor.row11.inequality") == Eigen::Vector3d(-1, 1, 1)));
}

BOOST_AUTO_TEST_CASE(verdicts_follow_the_values) {
  // OR's weights in the AND unit: rows (0,1) and (1,0) now fire, and the check says so.
  nnwb::Trace t = nnwb::chapters::logic_units(ChapterOptions{});
  t.recompute({{"and.w", Eigen::VectorXd(Eigen::Vector3d(0.5, 1, 1))}});
  BOOST_TEST(scalar(t, "and.row01.h") == 1.0);
  BOOST_TEST(!verdict(t, "and.check").holds);
  // A different pairing (as a student might add the wrong rows) finds no contradiction.
  const nnwb::Value v = t.compute_step("xor.verdict", {{"xor.fire_sum", Eigen::VectorXd(Eigen::Vector3d(-1, 1, 1))}});
  BOOST_TEST(std::get<nnwb::Verdict>(v).holds);
  // With a threshold exactly on an input (AND with W₀ = 2: row (1, 1) has in = 0), g(0) = 0.
  t.recompute({{"and.w", Eigen::VectorXd(Eigen::Vector3d(2, 1, 1))}});
  BOOST_TEST(scalar(t, "and.row11.in") == 0.0);
  BOOST_TEST(scalar(t, "and.row11.h") == 0.0);
  BOOST_TEST(!verdict(t, "and.check").holds);
}

BOOST_AUTO_TEST_CASE(seeds_draw_other_working_weights) {
  int differs = 0;
  for (int k = 1; k <= 20; ++k) {
    const nnwb::Trace t = nnwb::chapters::logic_units(variant(k));
    const nnwb::Trace again = nnwb::chapters::logic_units(variant(k));
    for (const Table& f : possible) {
      const Eigen::VectorXd W = vec(t, f.prefix + ".w");
      BOOST_TEST((W == vec(again, f.prefix + ".w")));  // deterministic
      for (Eigen::Index i = 0; i < W.size(); ++i) {
        BOOST_TEST(std::abs(W[i] * 10 - std::round(W[i] * 10)) <= 1e-9);  // one decimal
        BOOST_TEST(std::abs(W[i]) <= 2.0);
      }
      BOOST_TEST(verdict(t, f.prefix + ".check").holds);
      differs += W != vec(nnwb::chapters::logic_units(ChapterOptions{}), f.prefix + ".w");
    }
  }
  BOOST_TEST(differs >= 70);  // nearly every drawn unit differs from the classic weights
}

BOOST_AUTO_TEST_SUITE_END()
