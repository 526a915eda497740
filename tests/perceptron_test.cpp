// Chapter 1, perceptron: the trace against the lecture and against an independent re-run of the
// rule written here with plain loops (no nnwb perceptron function), for the default example and for
// seeded variants.
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "chapters.hpp"
#include "nnwb/activations.hpp"
#include "nnwb/render.hpp"
#include "support/gradient_claims.hpp"

BOOST_AUTO_TEST_SUITE(perceptron)

namespace {

using nnwb::Trace;

const std::vector<std::string> separable = {"and", "or", "set"};
const std::vector<std::string> all_sets = {"and", "or", "set", "xor"};

double scalar(const Trace& trace, const std::string& id) {
  return std::get<double>(trace.value(id));
}
Eigen::VectorXd vector(const Trace& trace, const std::string& id) {
  return std::get<Eigen::VectorXd>(trace.value(id));
}
nnwb::Verdict verdict(const Trace& trace, const std::string& id) {
  return std::get<nnwb::Verdict>(trace.value(id));
}
std::string at(const std::string& set, const std::string& rest) { return set + "." + rest; }

// A training set read back from the trace's parameters: points x_n and labels t_n.
struct Points {
  std::vector<Eigen::VectorXd> x;
  std::vector<double> t;
};
Points points_of(const Trace& trace, const std::string& set) {
  Points p;
  for (int n = 1; trace.has(at(set, "x" + std::to_string(n))); ++n) {
    p.x.push_back(vector(trace, at(set, "x" + std::to_string(n))));
    p.t.push_back(scalar(trace, at(set, "t" + std::to_string(n))));
  }
  return p;
}

// wᵀφ(x) with φ(x) = (1, x₁, x₂), written out.
double activation(const Eigen::VectorXd& w, const Eigen::VectorXd& x) {
  return w[0] + w[1] * x[0] + w[2] * x[1];
}

// How many epochs the trace ran for a set (the largest k with a step "<set>.epoch<k>.w").
int epochs_run(const Trace& trace, const std::string& set) {
  int k = 0;
  while (trace.has(at(set, "epoch" + std::to_string(k + 1) + ".w"))) ++k;
  return k;
}

// PD (7/7) re-run by hand: visit x_1…x_N in order; C1 with a ≤ 0 → add, C2 with a ≥ 0 → subtract.
// Records the weights after every visit, and stops as the chapter says it does: after the first
// epoch that ends with every point correct, or whose final weights repeat an earlier epoch's.
struct Run {
  std::vector<std::vector<Eigen::VectorXd>> after_visit;  // [epoch − 1][n − 1]
  bool converged = false;
  bool cycled = false;
};
Run rerun(const Points& p, Eigen::VectorXd w, double eta, int bound) {
  Run run;
  std::vector<Eigen::VectorXd> ends = {w};
  const auto all_correct = [&](const Eigen::VectorXd& v) {
    for (std::size_t n = 0; n < p.x.size(); ++n)
      if (p.t[n] * activation(v, p.x[n]) <= 0) return false;
    return true;
  };
  if (all_correct(w)) {
    run.converged = true;
    return run;
  }
  for (int epoch = 1; epoch <= bound; ++epoch) {
    run.after_visit.emplace_back();
    for (std::size_t n = 0; n < p.x.size(); ++n) {
      const double a = activation(w, p.x[n]);
      // A dynamic vector: GCC 12, with AVX-512, wrongly calls a fixed-size Vector3d used in w += η·φ
      // "maybe uninitialized" (its packet reads past the third entry).
      const Eigen::VectorXd phi = Eigen::Vector3d(1, p.x[n][0], p.x[n][1]);
      if (p.t[n] > 0 && a <= 0) w += eta * phi;  // add
      if (p.t[n] < 0 && a >= 0) w -= eta * phi;  // subtract
      run.after_visit.back().push_back(w);
    }
    if (all_correct(w)) {
      run.converged = true;
      return run;
    }
    for (const auto& seen : ends)
      if ((seen - w).cwiseAbs().maxCoeff() <= 1e-9) {
        run.cycled = true;
        return run;
      }
    ends.push_back(w);
  }
  return run;
}

// Every visit in the trace equals the hand re-run, and the trace ran as many epochs.
void check_against_rerun(const Trace& trace, const std::string& set) {
  const Run run = rerun(points_of(trace, set), vector(trace, "w_start"), scalar(trace, "eta"), 25);
  BOOST_TEST_CONTEXT("set " << set) {
    BOOST_TEST(epochs_run(trace, set) == static_cast<int>(run.after_visit.size()));
    for (std::size_t e = 0; e < run.after_visit.size(); ++e)
      for (std::size_t n = 0; n < run.after_visit[e].size(); ++n) {
        const std::string id =
            at(set, "epoch" + std::to_string(e + 1) + ".visit" + std::to_string(n + 1) + ".w");
        BOOST_TEST_CONTEXT(id) {
          BOOST_TEST((vector(trace, id) - run.after_visit[e][n]).norm() == 0.0);
        }
      }
  }
}

// E_p, |M| and the 0/1 loss at the end of every epoch (and at the start), recounted by hand.
void check_epoch_scores(const Trace& trace, const std::string& set) {
  const Points p = points_of(trace, set);
  for (int k = 0; trace.has(at(set, "epoch" + std::to_string(k) + ".w")); ++k) {
    const std::string e = at(set, "epoch" + std::to_string(k) + ".");
    const Eigen::VectorXd w = vector(trace, e + "w");
    double criterion = 0, misclassified = 0, zero_one = 0;
    Eigen::Vector3d gradient = Eigen::Vector3d::Zero();
    for (std::size_t n = 0; n < p.x.size(); ++n) {
      const double a = activation(w, p.x[n]);
      if (p.t[n] * a <= 0) {  // n ∈ M
        criterion -= a * p.t[n];
        misclassified += 1;
        // PD (5/7): a misclassified point contributes −φ if t = +1 (C1), +φ if t = −1 (C2).
        const Eigen::Vector3d phi(1, p.x[n][0], p.x[n][1]);
        gradient += p.t[n] > 0 ? Eigen::Vector3d(-phi) : phi;
      }
      const double predicted = a >= 0 ? 1.0 : -1.0;  // PD (1/7): f(a) = +1 if a ≥ 0, else −1
      if (predicted != p.t[n]) zero_one += 1;
    }
    BOOST_TEST_CONTEXT(e) {
      BOOST_TEST(scalar(trace, e + "criterion") == criterion);
      BOOST_TEST(scalar(trace, e + "errors") == misclassified);
      BOOST_TEST(scalar(trace, e + "zero_one") == zero_one);
      BOOST_TEST((vector(trace, e + "gradient") - gradient).norm() == 0.0);
    }
  }
}

// Every point strictly on its own side: t_n wᵀφ(x_n) > 0.
void check_separates(const Eigen::VectorXd& w, const Points& p) {
  for (std::size_t n = 0; n < p.x.size(); ++n) {
    BOOST_TEST_CONTEXT("point " << n + 1) { BOOST_TEST(p.t[n] * activation(w, p.x[n]) > 0.0); }
  }
}

}  // namespace

// The slides print no worked example: PD's perceptron slides give the rule and one number, η = 1,
// and BMB's logical-function slides draw their weights in figures the text lacks. So what is
// checked against the seeds here is the rule's printed constants and branches.
BOOST_AUTO_TEST_CASE(default_trace_follows_what_the_slides_print) {
  const Trace trace = nnwb::chapters::perceptron({});
  BOOST_TEST(!trace.seed().has_value());
  // 003_b5a9c74466967a6d.txt, "The perceptron algorithm (6/7)": "we can take the learning
  // rate η=1".
  BOOST_TEST(scalar(trace, "eta") == 1.0);
  // 003_b5a9c74466967a6d.txt, "The perceptron algorithm (1/7)": f(a) = +1 for a ≥ 0, −1 for a < 0.
  BOOST_TEST(nnwb::sign(0.0) == 1.0);
  BOOST_TEST(nnwb::sign(-0.5) == -1.0);
  // "The perceptron algorithm (2/7)": t = +1 for class C1, −1 for class C2.
  for (const auto& set : all_sets)
    for (double t : points_of(trace, set).t) BOOST_TEST((t == 1.0 || t == -1.0));
  // "The perceptron algorithm (7/7)": start … test … add: w + φ(x) … subtract: w − φ(x). Every
  // visit of the default trace takes the branch the slide names, and does what it says.
  for (const auto& set : all_sets) {
    const Points p = points_of(trace, set);
    for (int e = 1; e <= epochs_run(trace, set); ++e) {
      std::string before = at(set, "epoch" + std::to_string(e - 1) + ".w");
      for (std::size_t n = 0; n < p.x.size(); ++n) {
        const std::string v =
            at(set, "epoch" + std::to_string(e) + ".visit" + std::to_string(n + 1) + ".");
        const Eigen::VectorXd w = vector(trace, before), after = vector(trace, v + "w");
        const Eigen::Vector3d phi(1, p.x[n][0], p.x[n][1]);
        const double a = w.dot(phi);
        BOOST_TEST_CONTEXT(v) {
          BOOST_TEST(scalar(trace, v + "activation") == a);
          const bool c1 = p.t[n] > 0;
          const nnwb::Verdict test = verdict(trace, v + "verdict");
          if (c1 && a > 0) BOOST_TEST((test.holds && (after - w).norm() == 0.0));            // test
          if (c1 && a <= 0) BOOST_TEST((!test.holds && (after - (w + phi)).norm() == 0.0));  // add
          if (!c1 && a < 0) BOOST_TEST((test.holds && (after - w).norm() == 0.0));           // test
          if (!c1 && a >= 0)
            BOOST_TEST((!test.holds && (after - (w - phi)).norm() == 0.0));  // subtract
        }
        before = v + "w";
      }
    }
  }
  // "The perceptron algorithm (7/7)" with w⁽⁰⁾ = 0: AND's first visit is (0, 0) with t = −1 and
  // wᵀφ = 0 ≥ 0, so it goes to subtract: w = (0, 0, 0) − (1, 0, 0).
  BOOST_TEST(!verdict(trace, "and.epoch1.visit1.verdict").holds);
  BOOST_TEST((vector(trace, "and.epoch1.visit1.w") - Eigen::Vector3d(-1, 0, 0)).norm() == 0.0);
}

// The default training sets are the truth tables of BMB "Implementing Logical Functions" with
// false → −1, true → +1, as the chapter's summary says.
BOOST_AUTO_TEST_CASE(default_sets_are_the_truth_tables) {
  const Trace trace = nnwb::chapters::perceptron({});
  const std::vector<Eigen::Vector2d> inputs = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
  const std::vector<std::pair<std::string, std::vector<double>>> tables = {
      {"and", {-1, -1, -1, 1}}, {"or", {-1, 1, 1, 1}}, {"xor", {-1, 1, 1, -1}}};
  for (const auto& [set, labels] : tables) {
    const Points p = points_of(trace, set);
    BOOST_TEST_REQUIRE(p.x.size() == 4u);
    for (std::size_t n = 0; n < 4; ++n) {
      BOOST_TEST((p.x[n] - inputs[n]).norm() == 0.0);
      BOOST_TEST(p.t[n] == labels[n]);
    }
  }
  BOOST_TEST(vector(trace, "w_start").isZero());
}

// BMB "Expressiveness of Perceptrons": AND and OR are learned; PD (6/7): on a separable set the
// rule stops. Checked independently: every point has t_n wᵀφ(x_n) > 0 with the trained w.
BOOST_AUTO_TEST_CASE(trained_weights_separate_and_or_and_the_2d_set) {
  const Trace trace = nnwb::chapters::perceptron({});
  for (const auto& set : separable) {
    BOOST_TEST_CONTEXT("set " << set) {
      BOOST_TEST(verdict(trace, at(set, "verdict")).holds);
      check_separates(vector(trace, at(set, "w")), points_of(trace, set));
      check_against_rerun(trace, set);
    }
  }
}

// BMB "Expressiveness of Perceptrons": not XOR. The trace reports the cycle and no solution.
BOOST_AUTO_TEST_CASE(xor_reports_no_weight_vector) {
  const Trace trace = nnwb::chapters::perceptron({});
  BOOST_TEST(verdict(trace, "xor.cycle").holds);
  BOOST_TEST(!verdict(trace, "xor.verdict").holds);
  BOOST_TEST(verdict(trace, "xor.verdict").text.find("no weight vector exists") !=
             std::string::npos);
  BOOST_TEST(verdict(trace, "xor.pairs").holds);
  BOOST_TEST(vector(trace, "xor.sum").isZero());
  BOOST_TEST(!trace.has("xor.w"));
  check_against_rerun(trace, "xor");
  // Independently: no w on a grid of halves in [−4, 4]³ satisfies all four inequalities.
  const Points p = points_of(trace, "xor");
  for (int i = -8; i <= 8; ++i)
    for (int j = -8; j <= 8; ++j)
      for (int k = -8; k <= 8; ++k) {
        const Eigen::Vector3d w(i / 2.0, j / 2.0, k / 2.0);
        bool all = true;
        for (std::size_t n = 0; n < 4; ++n) all = all && p.t[n] * activation(w, p.x[n]) > 0;
        BOOST_TEST(!all);
      }
}

BOOST_AUTO_TEST_CASE(criterion_and_misclassified_count_per_epoch_match_a_recount) {
  const Trace trace = nnwb::chapters::perceptron({});
  for (const auto& set : all_sets) check_epoch_scores(trace, set);
  // At w = 0 all four AND points lie on the boundary: |M| = 4 but E_p = 0, and the 0/1 loss,
  // which uses f(0) = +1, counts only the three points of class C2.
  BOOST_TEST(scalar(trace, "and.epoch0.errors") == 4.0);
  BOOST_TEST(scalar(trace, "and.epoch0.criterion") == 0.0);
  BOOST_TEST(scalar(trace, "and.epoch0.zero_one") == 3.0);
}

// PD "On the choice of the cost function": the 0/1 loss is flat where E_p has a gradient.
BOOST_AUTO_TEST_CASE(zero_one_loss_is_flat_where_the_criterion_is_not) {
  const Trace trace = nnwb::chapters::perceptron({});
  const Eigen::VectorXd w = vector(trace, "cost.w");
  const Points p = points_of(trace, "and");
  double zero_one = 0, criterion = 0;
  for (std::size_t n = 0; n < 4; ++n) {
    const double a = activation(w, p.x[n]);
    zero_one += (a >= 0 ? 1.0 : -1.0) != p.t[n];
    if (p.t[n] * a <= 0) criterion -= p.t[n] * a;
  }
  BOOST_TEST(scalar(trace, "cost.zero_one") == zero_one);
  BOOST_TEST(scalar(trace, "cost.criterion") == criterion);
  BOOST_TEST(vector(trace, "cost.zero_one_slope").isZero());
  BOOST_TEST(!vector(trace, "cost.gradient").isZero());
  BOOST_TEST(!verdict(trace, "cost.verdict").holds);
  const auto& profile = std::get<Eigen::MatrixXd>(trace.value("cost.profile"));
  BOOST_TEST(profile(0, 1) == zero_one);
  BOOST_TEST(profile(0, 2) == criterion);
}

BOOST_AUTO_TEST_CASE(gradient_claims_hold_and_only_away_from_kinks) {
  const Trace trace = nnwb::chapters::perceptron({});
  BOOST_TEST(!trace.gradient_claims().empty());
  for (const auto& claim : trace.gradient_claims()) {
    // The criterion is differentiable at the claimed point: no margin is 0 there.
    const std::string margins = claim.of.substr(0, claim.of.rfind('.')) + ".margins";
    BOOST_TEST_CONTEXT(claim.step) { BOOST_TEST((vector(trace, margins).array() != 0).all()); }
  }
  for (const auto& check : nnwb::testing::check_gradient_claims(trace))
    BOOST_TEST_CONTEXT(check.step) { BOOST_TEST(check.worst_relative_error < 1e-6); }
}

// A student's own activation at one visit: the verdict and update follow it (follow-through).
BOOST_AUTO_TEST_CASE(recompute_follows_a_changed_value) {
  Trace trace = nnwb::chapters::perceptron({});
  // Had a student found wᵀφ(x₁) = −1 (< 0 for a C2 point), x₁ would be correct and w kept.
  const nnwb::Value kept = trace.compute_step(
      "and.epoch1.visit1.w", {{"and.epoch1.visit1.verdict", nnwb::Verdict{true, ""}}});
  BOOST_TEST(std::get<Eigen::VectorXd>(kept).isZero());
  trace.recompute({{"and.epoch1.visit1.activation", -1.0}});
  BOOST_TEST(verdict(trace, "and.epoch1.visit1.verdict").holds);
  BOOST_TEST(vector(trace, "and.epoch1.visit1.w").isZero());
  // A different start flows through every later step.
  trace.recompute({{"w_start", nnwb::Value(Eigen::VectorXd(Eigen::Vector3d(-1, 1, 1)))}});
  BOOST_TEST((vector(trace, "and.epoch0.w") - Eigen::Vector3d(-1, 1, 1)).norm() == 0.0);
}

BOOST_AUTO_TEST_CASE(every_form_renders) {
  const Trace trace = nnwb::chapters::perceptron({});
  const std::string text = nnwb::render_text(trace);
  BOOST_TEST(text.find("no weight vector exists") != std::string::npos);
  BOOST_TEST(text.find("[and.epoch1.visit2.activation]") != std::string::npos);
  BOOST_TEST(!nnwb::render_markdown(trace).empty());
  BOOST_TEST(!nnwb::render_json(trace).empty());
}

// Seeded variants: a random start and 2-D set; separable sets still converge, XOR still does not.
BOOST_DATA_TEST_CASE(seeded_variants, boost::unit_test::data::xrange(1, 13), seed) {
  const Trace trace = nnwb::chapters::perceptron({static_cast<std::uint64_t>(seed)});
  BOOST_TEST_REQUIRE(trace.seed().has_value());
  BOOST_TEST(*trace.seed() == static_cast<std::uint64_t>(seed));
  const Eigen::VectorXd w0 = vector(trace, "w_start");
  for (Eigen::Index i = 0; i < 3; ++i)  // halves in [−2, 2]
    BOOST_TEST((std::abs(w0[i]) <= 2.0 && 2 * w0[i] == std::round(2 * w0[i])));
  for (const auto& set : separable) {
    BOOST_TEST_CONTEXT("seed " << seed << ", set " << set) {
      BOOST_TEST(verdict(trace, at(set, "verdict")).holds);
      check_separates(vector(trace, at(set, "w")), points_of(trace, set));
      check_against_rerun(trace, set);
    }
  }
  BOOST_TEST_CONTEXT("seed " << seed) {
    BOOST_TEST(!verdict(trace, "xor.verdict").holds);
    BOOST_TEST(verdict(trace, "xor.cycle").holds);
    check_against_rerun(trace, "xor");
    for (const auto& set : all_sets) check_epoch_scores(trace, set);
    BOOST_TEST(vector(trace, "cost.zero_one_slope").isZero());
  }
}

BOOST_AUTO_TEST_CASE(a_seed_changes_the_variant_and_is_reproducible) {
  const Trace a = nnwb::chapters::perceptron({5}), b = nnwb::chapters::perceptron({5});
  const Trace c = nnwb::chapters::perceptron({6});
  BOOST_TEST((vector(a, "w_start") - vector(b, "w_start")).norm() == 0.0);
  BOOST_TEST(nnwb::render_text(a) == nnwb::render_text(b));
  BOOST_TEST(nnwb::render_text(a) != nnwb::render_text(c));
}

BOOST_AUTO_TEST_SUITE_END()
