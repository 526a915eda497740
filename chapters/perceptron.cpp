// Chapter 1, perceptron: Rosenblatt's perceptron rule. Lecture: PD "The perceptron algorithm
// (1/7)…(7/7)" (labels t ∈ {+1, −1}, φ(x) with φ₀ = 1, f(a) = +1 if a ≥ 0 else −1, the criterion
// E_p(w) = −Σ_{n∈M} wᵀφ(x_n)t_n, its gradient −Σ_{n∈M} φ(x_n)t_n, the update w ← w + ηφ(x)t and
// the test/add/subtract loop), "On the choice of the cost function" (the 0/1 loss beside E_p), and
// BMB "Implementing Logical Functions", "Expressiveness of Perceptrons" (AND and OR can be learned,
// XOR cannot).
//
// The slides print no worked example, only the rule and η = 1 (PD (6/7)). The defaults are ours:
// w = 0 to start, the AND, OR and XOR truth tables with false → −1 and true → +1, and a small 2-D
// set of six points. A seed draws the starting weights and a new 2-D set.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <string>
#include <vector>

#include "chapters.hpp"
#include "nnwb/activations.hpp"
#include "nnwb/gradient_check.hpp"
#include "nnwb/hyperplane.hpp"
#include "nnwb/perceptron.hpp"
#include "nnwb/random.hpp"

namespace nnwb::chapters {
namespace perceptron_parts {  // the chapter's sections and what they share

// Past this many epochs without convergence or a repeated weight vector, training is reported as
// not converged. Every separable set here converges in at most 11 epochs from any drawn start.
constexpr int max_epochs = 25;

// A training set {(x_n, t_n)}: points x_n in the plane (D = 2), labels t_n ∈ {+1, −1}.
struct DataSet {
  std::string prefix;  // step ids start with it: "and"
  std::string name;    // as the trace prints it: "AND"
  std::string what;    // in a sentence: "the AND truth table"
  std::vector<Eigen::VectorXd> x;
  std::vector<double> t;
};

Eigen::VectorXd vec(std::initializer_list<double> values) {
  Eigen::VectorXd v(static_cast<Eigen::Index>(values.size()));
  Eigen::Index i = 0;
  for (double value : values) v[i++] = value;
  return v;
}

// BMB "Implementing Logical Functions": a Boolean function of two inputs as a training set, its
// truth table in the order (0,0), (0,1), (1,0), (1,1), with false → t = −1 and true → t = +1.
DataSet truth_table(std::string prefix, std::string name, std::array<double, 4> t) {
  std::string what = "the " + name + " truth table";
  return {std::move(prefix),
          std::move(name),
          std::move(what),
          {vec({0, 0}), vec({0, 1}), vec({1, 0}), vec({1, 1})},
          {t[0], t[1], t[2], t[3]}};
}

// The default 2-D set: six points, three per class, separable (for one, by the line
// −2 + 3x₁ + 3x₂ = 0); from w = 0 the perceptron needs three epochs.
DataSet default_plane_set() {
  return {"set",
          "2-D set",
          "the 2-D set",
          {vec({-2, 1}), vec({3, -1}), vec({-1, 3}), vec({3, 0}), vec({-2, -3}), vec({1, -3})},
          {-1, 1, 1, 1, -1, -1}};
}

// ---- text for verdicts and titles -----------------------------------------------------------

std::string num(double x) { return fmt::format("{:g}", x + 0.0); }  // + 0.0 turns −0 into 0

std::string vector_text(const Eigen::VectorXd& v) {
  std::string out = "[";
  for (Eigen::Index i = 0; i < v.size(); ++i) out += (i ? ", " : "") + num(v[i]);
  return out + "]";
}

// c₀v₀ + c₁v₁ + …, skipping zero terms and unit coefficients: "2w₀ + w₁ + w₂", "−1 + 4x₁ + 3x₂".
std::string linear_form(const Eigen::VectorXd& c, const std::vector<std::string>& vars) {
  std::string out;
  for (Eigen::Index i = 0; i < c.size(); ++i) {
    if (c[i] == 0) continue;
    const std::string& var = vars[static_cast<std::size_t>(i)];
    const std::string term =
        (std::abs(c[i]) == 1 && !var.empty()) ? var : num(std::abs(c[i])) + var;
    if (out.empty())
      out = (c[i] < 0 ? "−" : "") + term;
    else
      out += (c[i] < 0 ? " − " : " + ") + term;
  }
  return out.empty() ? "0" : out;
}

// PD "On the choice of the cost function": J_0/1(w) = Σ_n ℓ(sign(wᵀφ(x_n)), t_n).
const char* const zero_one_latex =
    "J_{0/1}(\\mathbf{w}) = \\sum_n \\ell(\\mathrm{sign}(\\mathbf{w}^T\\phi(\\mathbf{x}_n)), t_n)";

const std::vector<std::string> w_vars = {"w₀", "w₁", "w₂"};
const std::vector<std::string> x_vars = {"", "x₁", "x₂"};

// The inequality cᵀw > 0 in LaTeX, turned round to "… < 0" when every coefficient is negative.
std::string inequality_latex(const Eigen::VectorXd& c) {
  const bool flip = (c.array() <= 0).all();
  const Eigen::VectorXd d = flip ? Eigen::VectorXd(-c) : c;
  std::string out;
  for (Eigen::Index i = 0; i < d.size(); ++i) {
    if (d[i] == 0) continue;
    const std::string coefficient = std::abs(d[i]) == 1 ? "" : num(std::abs(d[i]));
    const std::string term = fmt::format("{}w_{}", coefficient, i);
    if (out.empty())
      out = (d[i] < 0 ? "-" : "") + term;
    else
      out += (d[i] < 0 ? " - " : " + ") + term;
  }
  return (out.empty() ? "0" : out) + (flip ? " < 0" : " > 0");
}

// PD (7/7): the four branches of "test", as the verdict of one visit.
Verdict test_verdict(double a, double t) {
  const bool c1 = t > 0;
  if (!perceptron_misclassified(a, t))
    return {true, c1 ? "correctly classified: class C1 and wᵀφ > 0; back to test"
                     : "correctly classified: class C2 and wᵀφ < 0; back to test"};
  return {false, c1 ? "misclassified: class C1 but wᵀφ ≤ 0; go to add"
                    : "misclassified: class C2 but wᵀφ ≥ 0; go to subtract"};
}

// The epoch at which `w` was seen before (the earliest), or −1. Weights are compared to 1e−9, so
// that a cycle is found even after rounding in a recomputed trace.
int seen_before(const std::vector<Eigen::VectorXd>& history, const Eigen::VectorXd& w) {
  for (std::size_t k = 0; k < history.size(); ++k)
    if ((history[k] - w).cwiseAbs().maxCoeff() <= 1e-9) return static_cast<int>(k);
  return -1;
}

// ---- choosing a variant -----------------------------------------------------------------------

// A training set's Φ (row n is φ(x_n)ᵀ) and t.
Eigen::MatrixXd features_of(const DataSet& set) {
  Eigen::MatrixXd Phi(static_cast<Eigen::Index>(set.x.size()), 3);
  for (std::size_t n = 0; n < set.x.size(); ++n)
    Phi.row(static_cast<Eigen::Index>(n)) = perceptron_features(set.x[n]).transpose();
  return Phi;
}
Eigen::VectorXd labels_of(const DataSet& set) {
  return Eigen::Map<const Eigen::VectorXd>(set.t.data(), static_cast<Eigen::Index>(set.t.size()));
}

// How many epochs the rule needs on `set` from `w` (0 if w already separates it), or −1 if it has
// not converged after `bound` epochs. Used only to choose a variant whose trace stays short.
int epochs_to_converge(const DataSet& set, Eigen::VectorXd w, double eta, int bound) {
  const Eigen::MatrixXd Phi = features_of(set);
  const Eigen::VectorXd t = labels_of(set);
  for (int epoch = 0; epoch <= bound; ++epoch) {
    if (misclassified_count(perceptron_margins(w, Phi, t)) == 0) return epoch;
    for (Eigen::Index n = 0; n < Phi.rows(); ++n) {
      const Eigen::VectorXd phi = Phi.row(n).transpose();
      if (perceptron_misclassified(w.dot(phi), t[n])) w = perceptron_update(w, phi, t[n], eta);
    }
  }
  return -1;
}

// Multiples of ½ in [−2, 2]: a student can add them by hand, and they are exact in binary, so every
// wᵀφ is computed exactly and a tie wᵀφ = 0 is decided as on paper.
Eigen::VectorXd halves(Rng& rng, Eigen::Index n) {
  Eigen::VectorXd v(n);
  for (Eigen::Index i = 0; i < n; ++i) v[i] = static_cast<double>(rng.integer(-4, 4)) / 2.0;
  return v;
}

// A random separable 2-D set: six distinct integer points in [−3, 3]², labelled by a random line
// w*ᵀφ(x) = 0 (each point at |w*ᵀφ(x)| ≥ 1, at least two points per class), on which the rule
// needs two to eight epochs from w_start.
DataSet random_plane_set(Rng& rng, const Eigen::VectorXd& w_start, double eta) {
  for (int attempt = 0; attempt < 1000; ++attempt) {
    const Eigen::VectorXd w_star =
        vec({rng.nonzero_decimal(-3, 3, 0), rng.nonzero_decimal(-3, 3, 0),
             rng.nonzero_decimal(-3, 3, 0)});
    DataSet set{"set", "2-D set", "the 2-D set", {}, {}};
    int positives = 0;
    while (set.x.size() < 6) {
      const Eigen::VectorXd x = vec({rng.decimal(-3, 3, 0), rng.decimal(-3, 3, 0)});
      bool fresh = true;
      for (const auto& seen : set.x) fresh = fresh && seen != x;
      const double a = w_star.dot(perceptron_features(x));  // a = w*ᵀφ(x)
      if (!fresh || std::abs(a) < 1) continue;
      set.x.push_back(x);
      set.t.push_back(sign(a));
      positives += a > 0;
    }
    if (positives < 2 || positives > 4) continue;
    const int epochs = epochs_to_converge(set, w_start, eta, max_epochs);
    if (epochs >= 2 && epochs <= 8) return set;
  }
  return default_plane_set();
}

// A weight vector for "On the choice of the cost function": some points of `set` misclassified,
// none on the boundary (so E_p is differentiable there) and ∇E_p ≠ 0.
Eigen::VectorXd random_cost_point(Rng& rng, const DataSet& set, const Eigen::VectorXd& fallback) {
  const Eigen::MatrixXd Phi = features_of(set);
  const Eigen::VectorXd t = labels_of(set);
  for (int attempt = 0; attempt < 1000; ++attempt) {
    const Eigen::VectorXd w = halves(rng, 3);
    const Eigen::VectorXd m = perceptron_margins(w, Phi, t);
    if (misclassified_count(m) > 0 && (m.array() != 0).all() &&
        !perceptron_criterion_gradient(w, Phi, t).isZero())
      return w;
  }
  return fallback;
}

// ---- the chapter's parts ----------------------------------------------------------------------

std::string id(const DataSet& set, const std::string& rest) { return set.prefix + "." + rest; }

// Training set: the points x_n and labels t_n as parameters; φ(x_n) = (1, x_nᵀ)ᵀ (PD (1/7) with
// φ₀ = 1); then Φ, whose rows are the φ(x_n)ᵀ, and the label vector t.
void add_training_set(Trace& trace, const DataSet& set) {
  trace.section(fmt::format("{}: the training set", set.name));
  std::vector<std::string> phis, labels;
  for (std::size_t i = 0; i < set.x.size(); ++i) {
    const int n = static_cast<int>(i) + 1;
    const std::string x_id = id(set, fmt::format("x{}", n)), t_id = id(set, fmt::format("t{}", n));
    const std::string phi_id = id(set, fmt::format("phi{}", n));
    trace.parameter(x_id, fmt::format("\\mathbf{{x}}_{}", n),
                    fmt::format("{}: point {}", set.name, n), set.x[i]);
    trace.parameter(t_id, fmt::format("t_{}", n),
                    fmt::format("{}: label of point {} ({})", set.name, n,
                                set.t[i] > 0 ? "class C1" : "class C2"),
                    set.t[i]);
    trace
        .step(phi_id, fmt::format("Feature vector $\\phi(\\mathbf{{x}}_{})$ with $\\phi_0 = 1$", n))
        .formula(fmt::format("\\phi(\\mathbf{{x}}_{0}) = (1, \\mathbf{{x}}_{0}^T)^T", n))
        .numbers(fmt::format("\\phi([[{}]])", x_id))
        .compute({x_id}, [x_id](const Inputs& in) -> Value {
          return perceptron_features(in.vector(x_id));  // φ(x) = (1, x₁, x₂)ᵀ
        });
    phis.push_back(phi_id);
    labels.push_back(t_id);
  }
  trace.step(id(set, "features"), "The feature matrix $\\Phi$: row $n$ is $\\phi(\\mathbf{x}_n)^T$")
      .formula("\\Phi = (\\phi(\\mathbf{x}_1), \\ldots, \\phi(\\mathbf{x}_N))^T")
      .compute(phis, [phis](const Inputs& in) -> Value {
        Eigen::MatrixXd Phi(static_cast<Eigen::Index>(phis.size()), in.vector(phis.front()).size());
        for (std::size_t n = 0; n < phis.size(); ++n)
          Phi.row(static_cast<Eigen::Index>(n)) = in.vector(phis[n]).transpose();  // row n: φ(x_n)ᵀ
        return Phi;
      });
  trace.step(id(set, "labels"), "The labels $\\mathbf{t}$ ($+1$: class C1, $-1$: class C2)")
      .formula("\\mathbf{t} = (t_1, \\ldots, t_N)^T")
      .compute(labels, [labels](const Inputs& in) -> Value {
        Eigen::VectorXd t(static_cast<Eigen::Index>(labels.size()));
        for (std::size_t n = 0; n < labels.size(); ++n)
          t[static_cast<Eigen::Index>(n)] = in.scalar(labels[n]);
        return t;
      });
}

// PD (7/7), one pass of the loop for point n: test (wᵀφ(x_n) and its sign against t_n), then add,
// subtract or nothing. Returns the id of the weights after the visit.
std::string visit(Trace& trace, const DataSet& set, int epoch, int n, const std::string& w_id) {
  const std::string prefix = id(set, fmt::format("epoch{}.visit{}.", epoch, n));
  const std::string phi = id(set, fmt::format("phi{}", n)), t = id(set, fmt::format("t{}", n));
  const std::string a_id = prefix + "activation", test_id = prefix + "verdict", next = prefix + "w";

  //! [test]
  // test: a = wᵀφ(x_n)
  trace.step(a_id, fmt::format("Visit {}: $a = \\mathbf{{w}}^T\\phi(\\mathbf{{x}}_{})$", n, n))
      .formula(fmt::format("a = \\mathbf{{w}}^T\\phi(\\mathbf{{x}}_{})", n))
      .numbers(fmt::format("[[{}]]^T [[{}]]", w_id, phi))
      .compute({w_id, phi}, [w_id, phi](const Inputs& in) -> Value {
        return in.vector(w_id).dot(in.vector(phi));  // a = wᵀφ(x_n)
      });
  // test: correctly classified iff t_n a > 0
  const Verdict test =
      trace.step(test_id, fmt::format("Test: is $\\mathbf{{x}}_{}$ correctly classified?", n))
          .formula(fmt::format("t_{} a", n))
          .numbers(fmt::format("[[{}]] \\cdot [[{}]]", t, a_id))
          .verdict({a_id, t}, [a_id, t](const Inputs& in) -> Value {
            return test_verdict(in.scalar(a_id), in.scalar(t));  // t a > 0 ?
          });
  //! [test]
  //! [add_or_subtract]
  // add / subtract: w ← w + ηφ(x_n)t_n for a misclassified point, else w is kept
  const bool c1 = std::get<double>(trace.value(t)) > 0;
  auto update =
      trace.step(next, test.holds ? std::string("No update: $\\mathbf{w}$ is kept")
                                  : fmt::format("{}: $\\mathbf{{w}} \\leftarrow \\mathbf{{w}} {} "
                                                "\\eta\\,\\phi(\\mathbf{{x}}_{})$",
                                                c1 ? "Add" : "Subtract", c1 ? "+" : "-", n));
  if (test.holds)
    update.formula("\\mathbf{w} \\leftarrow \\mathbf{w}").numbers(fmt::format("[[{}]]", w_id));
  else
    update
        .formula(fmt::format(
            "\\mathbf{{w}} \\leftarrow \\mathbf{{w}} + \\eta\\,\\phi(\\mathbf{{x}}_{0})\\,t_{0}",
            n))
        .numbers(fmt::format("[[{}]] + [[eta]] \\cdot [[{}]] \\cdot [[{}]]", w_id, phi, t));
  const std::vector<std::string> inputs = {w_id, phi, t, "eta", test_id};
  update.compute(inputs, [w_id, phi, t, test_id](const Inputs& in) -> Value {
    if (in.verdict(test_id).holds) return in.vector(w_id);  // correctly classified: w is kept
    // add (t = +1) or subtract (t = −1): w ← w + ηφ(x_n)t_n
    return perceptron_update(in.vector(w_id), in.vector(phi), in.scalar(t), in.scalar("eta"));
  });
  //! [add_or_subtract]
  return next;
}

// What the epoch's weights w^(k) score over the whole set: the margins, E_p (PD (4/7)) and its
// gradient (PD (5/7)), |M|, and the 0/1 loss beside them ("On the choice of the cost function").
// Returns |M|.
double score_epoch(Trace& trace, const DataSet& set, int epoch, const std::string& w_id) {
  const std::string prefix = id(set, fmt::format("epoch{}.", epoch));
  const std::string F = id(set, "features"), T = id(set, "labels"), m_id = prefix + "margins";
  const std::string w_k = fmt::format("\\mathbf{{w}}^{{({})}}", epoch);

  const Eigen::VectorXd margins =
      trace
          .step(m_id,
                fmt::format("Margins $m_n = t_n\\,\\mathbf{{w}}^T\\phi(\\mathbf{{x}}_n)$ at ${}$ "
                            "($m_n \\le 0$: $n \\in \\mathcal{{M}}$)",
                            w_k))
          .formula("\\mathbf{m} = \\mathbf{t} \\odot (\\Phi\\,\\mathbf{w})")
          .vector({w_id, F, T}, [w_id, F, T](const Inputs& in) -> Value {
            // m_n = t_n wᵀφ(x_n)
            return perceptron_margins(in.vector(w_id), in.matrix(F), in.vector(T));
          });
  //! [perceptron_criterion]
  trace.step(prefix + "criterion", fmt::format("Perceptron criterion $E_p({})$", w_k))
      .formula(
          "E_p(\\mathbf{w}) = -\\sum_{n \\in \\mathcal{M}} \\mathbf{w}^T\\phi(\\mathbf{x}_n)\\,t_n "
          "= -\\sum_{n: m_n \\le 0} m_n")
      .compute({m_id}, [m_id](const Inputs& in) -> Value {
        return perceptron_criterion(in.vector(m_id));  // E_p = −Σ_{n∈M} m_n
      });
  const bool kink = (margins.array() == 0).any();  // some point on the boundary: E_p has a kink
  trace
      .step(prefix + "gradient",
            kink ? fmt::format("Gradient $\\nabla E_p({})$ (a subgradient: a point "
                               "lies on the boundary, where $E_p$ has a kink)",
                               w_k)
                 : fmt::format("Gradient $\\nabla E_p({})$", w_k))
      .formula("\\nabla E_p(\\mathbf{w}) = -\\sum_{n \\in \\mathcal{M}} \\phi(\\mathbf{x}_n)\\,t_n")
      .compute({w_id, F, T}, [w_id, F, T](const Inputs& in) -> Value {
        // ∇E_p = −Σ_{n∈M} φ(x_n) t_n
        return perceptron_criterion_gradient(in.vector(w_id), in.matrix(F), in.vector(T));
      });
  if (!kink) trace.claim_gradient(prefix + "gradient", prefix + "criterion", w_id);
  //! [perceptron_criterion]
  const double errors =
      trace
          .step(prefix + "errors",
                fmt::format("Misclassified points $|\\mathcal{{M}}|$ at ${}$", w_k))
          .formula("|\\mathcal{M}| = \\#\\{n : m_n \\le 0\\}")
          .scalar({m_id}, [m_id](const Inputs& in) -> Value {
            return misclassified_count(in.vector(m_id));  // |M|
          });
  trace.step(prefix + "zero_one", fmt::format("0/1 loss $J_{{0/1}}({})$, beside $E_p$", w_k))
      .formula(zero_one_latex)
      .compute({w_id, F, T}, [w_id, F, T](const Inputs& in) -> Value {
        return zero_one_loss(in.vector(w_id), in.matrix(F), in.vector(T));  // Σ ℓ(sign(a_n), t_n)
      });
  return errors;
}

struct Training {
  std::vector<std::string> epoch_w;  // ids of w^(0), w^(1), …
  std::vector<std::string> updated_w;  // ids of w after each add or subtract, in order
  std::vector<std::string> update_names;  // "epoch 1, x₂", one per update
  bool converged = false;
};

// PD (7/7): start, then epochs of test/add/subtract until every point is correctly classified, the
// weights at the end of an epoch repeat (a cycle: the same epoch then repeats forever), or the
// epoch bound is reached.
Training train(Trace& trace, const DataSet& set) {
  Training run;
  std::vector<Eigen::VectorXd> history;
  const int points = static_cast<int>(set.x.size());

  // start: w^(0) = w_start
  trace.section(fmt::format("{}: start (epoch 0)", set.name));
  std::string w_id = id(set, "epoch0.w");
  history.push_back(
      trace.step(w_id, "Start: the weights $\\mathbf{w}^{(0)}$")
          .formula("\\mathbf{w}^{(0)}")
          .numbers("[[w_start]]")
          .vector({"w_start"}, [](const Inputs& in) -> Value { return in.vector("w_start"); }));
  run.epoch_w.push_back(w_id);
  double errors = score_epoch(trace, set, 0, w_id);

  //! [epochs]
  // test: exit if all points are correctly classified; otherwise visit x_1, …, x_N in turn
  for (int epoch = 1; errors > 0 && epoch <= max_epochs; ++epoch) {
    trace.section(fmt::format("{}: epoch {}", set.name, epoch));
    std::vector<std::string> tests;
    for (int n = 1; n <= points; ++n) {
      w_id = visit(trace, set, epoch, n, w_id);
      tests.push_back(id(set, fmt::format("epoch{}.visit{}.verdict", epoch, n)));
      if (!std::get<Verdict>(trace.value(tests.back())).holds) {  // add or subtract happened
        run.updated_w.push_back(w_id);
        run.update_names.push_back(fmt::format("epoch {}, x{}", epoch, n));
      }
    }
    trace
        .step(id(set, fmt::format("epoch{}.updates", epoch)),
              fmt::format("Updates in epoch {} (visits that went to add or subtract)", epoch))
        .formula("\\#\\{\\text{misclassified visits}\\}")
        .compute(tests, [tests](const Inputs& in) -> Value {
          double updates = 0;
          for (const auto& test : tests) updates += in.verdict(test).holds ? 0 : 1;
          return updates;
        });
    const std::string end = id(set, fmt::format("epoch{}.w", epoch));
    const Eigen::VectorXd w =
        trace
            .step(end, fmt::format("Weights $\\mathbf{{w}}^{{({})}}$ at the end of epoch {}", epoch,
                                   epoch))
            .formula(fmt::format("\\mathbf{{w}}^{{({})}} = \\mathbf{{w}}\\text{{ after visit }}{}",
                                 epoch, points))
            .numbers(fmt::format("[[{}]]", w_id))
            .vector({w_id}, [w_id](const Inputs& in) -> Value { return in.vector(w_id); });
    w_id = end;
    run.epoch_w.push_back(end);
    errors = score_epoch(trace, set, epoch, end);
    if (errors > 0 && seen_before(history, w) >= 0) break;  // a cycle: nothing new can happen
    history.push_back(w);
  }
  //! [epochs]
  run.converged = errors == 0;
  return run;
}

// The outcome on a separable set: the trained w and the check that it separates every point.
void report_separated(Trace& trace, const DataSet& set, const Training& run) {
  trace.section(fmt::format("{}: result", set.name));
  const std::string w_id = id(set, "w"), last = run.epoch_w.back();
  const std::string F = id(set, "features"), T = id(set, "labels");
  trace.step(w_id, "The trained weight vector $\\mathbf{w}$")
      .formula(fmt::format("\\mathbf{{w}} = \\mathbf{{w}}^{{({})}}", run.epoch_w.size() - 1))
      .numbers(fmt::format("[[{}]]", last))
      .vector({last}, [last](const Inputs& in) -> Value { return in.vector(last); });
  trace
      .step(id(set, "verdict"), fmt::format("Verdict: does $\\mathbf{{w}}$ separate {}?", set.what))
      .formula("\\min_n t_n\\,\\mathbf{w}^T\\phi(\\mathbf{x}_n) > 0")
      .compute({w_id, F, T}, [w_id, F, T](const Inputs& in) -> Value {
        const Eigen::VectorXd m = perceptron_margins(in.vector(w_id), in.matrix(F), in.vector(T));
        const Eigen::VectorXd& w = in.vector(w_id);
        if (misclassified_count(m) > 0)
          return Verdict{false, fmt::format("{} of {} points still have tₙ wᵀφ(xₙ) ≤ 0",
                                            num(misclassified_count(m)), m.size())};
        return Verdict{true,
                       fmt::format("every point has tₙ wᵀφ(xₙ) > 0 (the smallest is {}): the line "
                                   "{} = 0 separates the two classes, C1 on its positive side",
                                   num(m.minCoeff()), linear_form(w, x_vars))};
      });
}

// PD (6/7)'s picture, for a whole run: the points of both classes and the decision boundary
// w₀ + w₁x₁ + w₂x₂ = 0 after each update, drawn in a box around the points. A w with w₁ = w₂ = 0
// (the start w = 0) has no boundary and draws no line.
Figure boundary_figure(const Trace& trace, const DataSet& set, const Training& run) {
  Plot plot;
  plot.x_label = "x₁", plot.y_label = "x₂";
  Curve c1, c2;
  c1.title = "class C1 (t = +1)", c2.title = "class C2 (t = −1)";
  c1.style = c2.style = Curve::Style::points;
  double x_low = 0, x_high = 0, y_low = 0, y_high = 0;
  for (std::size_t n = 0; n < set.x.size(); ++n) {
    Curve& c = set.t[n] > 0 ? c1 : c2;
    c.x.push_back(set.x[n][0]);
    c.y.push_back(set.x[n][1]);
    x_low = std::min(x_low, set.x[n][0]), x_high = std::max(x_high, set.x[n][0]);
    y_low = std::min(y_low, set.x[n][1]), y_high = std::max(y_high, set.x[n][1]);
  }
  plot.x_range = AxisRange{x_low - 1, x_high + 1};  // a margin of 1 round the points
  plot.y_range = AxisRange{y_low - 1, y_high + 1};
  plot.curves = {c1, c2};
  for (std::size_t k = 0; k < run.updated_w.size(); ++k) {
    const Eigen::VectorXd& w = std::get<Eigen::VectorXd>(trace.value(run.updated_w[k]));
    // the boundary w₀ + w₁x₁ + w₂x₂ = 0 inside the box
    const auto segment = line_in_box(w.tail<2>(), w[0], *plot.x_range, *plot.y_range);
    if (!segment) continue;
    plot.curves.push_back({fmt::format("after update {} ({})", k + 1, run.update_names[k]),
                           {segment->first.x(), segment->second.x()},
                           {segment->first.y(), segment->second.y()},
                           Curve::Style::lines});
  }
  return {set.prefix + "_boundary",
          fmt::format("{}: the decision boundary w₀ + w₁x₁ + w₂x₂ = 0 after each update ({} "
                      "updates; a line outside the picture, or a w with w₁ = w₂ = 0, is not drawn)",
                      set.name, run.updated_w.size()),
          plot};
}

// "w^(K) = w^(0) ?" for K = 1, "w^(K) ∈ {w^(0), …, w^(K−1)} ?" otherwise.
std::string earlier_weights_latex(std::size_t k) {
  if (k == 1) return "\\mathbf{w}^{(1)} = \\mathbf{w}^{(0)} \\;?";
  std::string earlier = "\\mathbf{w}^{(0)}";
  if (k > 3) earlier += ", \\ldots";
  for (std::size_t j = k > 3 ? k - 1 : 1; j < k; ++j)
    earlier += fmt::format(", \\mathbf{{w}}^{{({})}}", j);
  return fmt::format("\\mathbf{{w}}^{{({})}} \\in \\{{{}\\}} \\;?", k, earlier);
}

// The outcome on a set the rule cannot learn: did the weights repeat, or was the bound reached?
std::string report_not_separated(Trace& trace, const DataSet& set, const Training& run) {
  trace.section(fmt::format("{}: result", set.name));
  const std::string cycle_id = id(set, "cycle");
  const std::vector<std::string> ws = run.epoch_w;
  const std::size_t final_epoch = ws.size() - 1;
  trace
      .step(cycle_id,
            fmt::format("Has training entered a cycle: is $\\mathbf{{w}}^{{({})}}$ one of the "
                        "earlier epochs' weights?",
                        final_epoch))
      .formula(earlier_weights_latex(final_epoch))
      .compute(ws, [ws](const Inputs& in) -> Value {
        std::vector<Eigen::VectorXd> history;
        for (const auto& w : ws) history.push_back(in.vector(w));
        const Eigen::VectorXd last = history.back();
        history.pop_back();
        const int j = seen_before(history, last);  // w^(K) = w^(j), j < K ?
        const int k = static_cast<int>(history.size());
        if (j < 0)
          return Verdict{false,
                         fmt::format("no two epochs ended with the same weights; the bound of {} "
                                     "epochs was reached with points still misclassified",
                                     max_epochs)};
        const std::string repeated = j + 1 == k ? fmt::format("epoch {} repeats", k)
                                                : fmt::format("epochs {} to {} repeat", j + 1, k);
        return Verdict{
            true, fmt::format("the weights after epoch {}, {}, are those after epoch {}{}: every "
                              "epoch visits the points in the same order, so {} forever and "
                              "the rule never stops",
                              k, vector_text(last), j, j == 0 ? " (the start)" : "", repeated)};
      });
  return cycle_id;
}

// BMB "Expressiveness of Perceptrons": XOR has no weight vector. The four inequalities
// t_n wᵀφ(x_n) > 0 contradict: (2) + (3) and (1) + (4) give the same form, once > 0 and once < 0;
// all four add up to wᵀΣ_n t_nφ(x_n) = wᵀ0 = 0 > 0.
void explain_no_solution(Trace& trace, const DataSet& set, const std::string& cycle_id) {
  trace.section(fmt::format("{}: why no weight vector exists", set.name));
  std::vector<std::string> rows;
  for (std::size_t i = 0; i < set.x.size(); ++i) {
    const int n = static_cast<int>(i) + 1;
    const std::string row = id(set, fmt::format("inequality{}", n));
    const std::string phi = id(set, fmt::format("phi{}", n)), t = id(set, fmt::format("t{}", n));
    const Eigen::VectorXd c = set.t[i] * perceptron_features(set.x[i]);  // for the title only
    trace
        .step(row,
              fmt::format(
                  "Inequality {0}: $t_{0}\\,\\mathbf{{w}}^T\\phi(\\mathbf{{x}}_{0}) > 0$, that is "
                  "${1}$",
                  n, inequality_latex(c)))
        .formula(fmt::format("t_{0}\\,\\phi(\\mathbf{{x}}_{0})", n))
        .numbers(fmt::format("[[{}]] \\cdot [[{}]]", t, phi))
        .compute({t, phi}, [t, phi](const Inputs& in) -> Value {
          // the coefficients of the inequality (t_n φ(x_n))ᵀw > 0
          return Eigen::VectorXd(in.scalar(t) * in.vector(phi));
        });
    rows.push_back(row);
  }
  //! [why_no_weight_vector_exists]
  const std::string pairs = id(set, "pairs"), sum = id(set, "sum");
  trace.step(pairs, "Pair them: inequalities (2) + (3) against (1) + (4)")
      .formula("t_2\\phi(\\mathbf{x}_2) + t_3\\phi(\\mathbf{x}_3) = "
               "-(t_1\\phi(\\mathbf{x}_1) + t_4\\phi(\\mathbf{x}_4))")
      .numbers(
          fmt::format("[[{}]] + [[{}]] = -([[{}]] + [[{}]])", rows[1], rows[2], rows[0], rows[3]))
      .compute(rows, [rows](const Inputs& in) -> Value {
        const Eigen::VectorXd up = in.vector(rows[1]) + in.vector(rows[2]);  // (2) + (3): upᵀw > 0
        // (1) + (4): downᵀw < 0
        const Eigen::VectorXd down = -(in.vector(rows[0]) + in.vector(rows[3]));
        if ((up - down).cwiseAbs().maxCoeff() > 1e-9)
          return Verdict{false,
                         "the two pairs give different forms: no contradiction from this pairing"};
        return Verdict{
            true, fmt::format("(2) + (3) say {0} > 0 and (1) + (4) say {0} < 0: the inequalities "
                              "contradict",
                              linear_form(up, w_vars))};
      });
  trace.step(sum, "Add all four: the coefficients sum to $\\sum_n t_n\\phi(\\mathbf{x}_n)$")
      .formula("\\sum_n t_n\\,\\phi(\\mathbf{x}_n)")
      .numbers(fmt::format("[[{}]] + [[{}]] + [[{}]] + [[{}]]", rows[0], rows[1], rows[2], rows[3]))
      .compute(rows, [rows](const Inputs& in) -> Value {
        Eigen::VectorXd total = Eigen::VectorXd::Zero(in.vector(rows.front()).size());
        for (const auto& row : rows) total += in.vector(row);  // Σ_n t_n φ(x_n)
        return total;
      });
  //! [why_no_weight_vector_exists]
  trace
      .step(id(set, "verdict"),
            fmt::format("Verdict: is there a weight vector that separates {}?", set.what))
      .formula("\\sum_n t_n\\,\\mathbf{w}^T\\phi(\\mathbf{x}_n) = "
               "\\mathbf{w}^T \\sum_n t_n\\,\\phi(\\mathbf{x}_n)")
      .numbers(fmt::format("\\mathbf{{w}}^T [[{}]]", sum))
      .compute({sum, pairs, cycle_id}, [sum, pairs, cycle_id](const Inputs& in) -> Value {
        const bool certificate = in.vector(sum).cwiseAbs().maxCoeff() <= 1e-9;
        if (certificate)
          return Verdict{
              false,
              "the four terms tₙ wᵀφ(xₙ) would each have to be > 0, so their sum too, "
              "but the sum is wᵀ0 = 0 for every w: no weight vector exists. The cycle is "
              "this contradiction at work: an epoch that misclassifies all four points adds "
              "Σₙ tₙφ(xₙ) = 0 to w and ends where it began"};
        if (in.verdict(pairs).holds || in.verdict(cycle_id).holds)
          return Verdict{
              false,
              "the inequalities contradict (or, by the perceptron theorem, the rule would "
              "have converged instead of cycling): no weight vector exists"};
        return Verdict{false, "not decided from these values: neither argument applies"};
      });
}

// PD "On the choice of the cost function": at one w, the 0/1 loss is flat (its gradient is zero
// almost everywhere) while E_p has a "nice gradient" that leads downhill.
void compare_costs(Trace& trace, const DataSet& set) {
  trace.section(fmt::format("On the choice of the cost function: $J_{{0/1}}$ beside $E_p$ ({} set)",
                            set.name));
  const std::string F = id(set, "features"), T = id(set, "labels");
  trace.step("cost.margins", "Margins $m_n = t_n\\,\\tilde{\\mathbf{w}}^T\\phi(\\mathbf{x}_n)$")
      .formula("\\mathbf{m} = \\mathbf{t} \\odot (\\Phi\\,\\tilde{\\mathbf{w}})")
      .compute({"cost.w", F, T}, [F, T](const Inputs& in) -> Value {
        return perceptron_margins(in.vector("cost.w"), in.matrix(F),
                                  in.vector(T));  // m_n = t_n w̃ᵀφ_n
      });
  //! [choice_of_the_cost_function]
  trace.step("cost.zero_one", "0/1 loss $J_{0/1}(\\tilde{\\mathbf{w}})$")
      .formula(zero_one_latex)
      .compute({"cost.w", F, T}, [F, T](const Inputs& in) -> Value {
        return zero_one_loss(in.vector("cost.w"), in.matrix(F), in.vector(T));
      });
  trace
      .step("cost.zero_one_slope",
            "Slope of $J_{0/1}$ at $\\tilde{\\mathbf{w}}$, by central differences with "
            "$\\varepsilon=10^{-6}$")
      .formula(
          "\\frac{J_{0/1}(\\tilde{\\mathbf{w}} + \\varepsilon\\mathbf{e}_i) - "
          "J_{0/1}(\\tilde{\\mathbf{w}} - \\varepsilon\\mathbf{e}_i)}{2\\varepsilon}")
      .compute({"cost.w", F, T}, [F, T](const Inputs& in) -> Value {
        const Eigen::MatrixXd Phi = in.matrix(F);
        const Eigen::VectorXd t = in.vector(T);
        return numerical_gradient(
            [Phi, t](const Eigen::VectorXd& w) { return zero_one_loss(w, Phi, t); },
            in.vector("cost.w"), 1e-6);  // flat: 0 almost everywhere
      });
  //! [choice_of_the_cost_function]
  trace
      .step("cost.criterion",
            "Perceptron criterion $E_p(\\tilde{\\mathbf{w}}) = J_p(\\tilde{\\mathbf{w}})$")
      .formula("E_p(\\mathbf{w}) = -\\sum_{n: m_n \\le 0} m_n = "
               "\\sum_n \\max(0, -\\mathbf{w}^T\\phi(\\mathbf{x}_n)\\,t_n)")
      .compute({"cost.margins"}, [](const Inputs& in) -> Value {
        return perceptron_criterion(in.vector("cost.margins"));  // E_p = −Σ_{n∈M} m_n
      });
  trace.step("cost.gradient", "Gradient $\\nabla E_p(\\tilde{\\mathbf{w}})$")
      .formula("\\nabla E_p(\\mathbf{w}) = -\\sum_{n \\in \\mathcal{M}} \\phi(\\mathbf{x}_n)\\,t_n")
      .compute({"cost.w", F, T}, [F, T](const Inputs& in) -> Value {
        return perceptron_criterion_gradient(in.vector("cost.w"), in.matrix(F), in.vector(T));
      });
  trace.claim_gradient("cost.gradient", "cost.criterion", "cost.w");
  trace
      .step("cost.profile",
            "Both costs along the descent direction, at "
            "$\\mathbf{w}(s) = \\tilde{\\mathbf{w}} - s\\,\\nabla E_p(\\tilde{\\mathbf{w}})$")
      .formula(
          "\\big(s,\\ J_{0/1}(\\mathbf{w}(s)),\\ E_p(\\mathbf{w}(s))\\big)"
          "_{s = 0, \\frac{1}{8}, \\ldots, \\frac{5}{8}}")
      .compute({"cost.w", "cost.gradient", F, T}, [F, T](const Inputs& in) -> Value {
        const Eigen::MatrixXd& Phi = in.matrix(F);
        const Eigen::VectorXd& t = in.vector(T);
        Eigen::MatrixXd rows(6, 3);
        for (int k = 0; k < 6; ++k) {
          const double s = k / 8.0;
          const Eigen::VectorXd w = in.vector("cost.w") - s * in.vector("cost.gradient");  // w(s)
          rows.row(k) << s, zero_one_loss(w, Phi, t), perceptron_criterion(w, Phi, t);
        }
        return rows;
      });
  trace.step("cost.verdict", "Does $J_{0/1}$ give gradient descent a direction here?")
      .formula("\\nabla J_{0/1}(\\tilde{\\mathbf{w}}) \\ne \\mathbf{0} \\;?")
      .compute({"cost.zero_one", "cost.zero_one_slope", "cost.gradient", "cost.profile"},
               [](const Inputs& in) -> Value {
                 const double wrong = in.scalar("cost.zero_one");
                 const Eigen::VectorXd& slope = in.vector("cost.zero_one_slope");
                 const Eigen::VectorXd& grad = in.vector("cost.gradient");
                 const Eigen::MatrixXd& profile = in.matrix("cost.profile");  // (s, J_0/1, E_p)
                 if (!slope.isZero())
                   return Verdict{true, "J₀/₁ changes within ε of w̃: a point lies on the "
                                        "boundary, where J₀/₁ jumps"};
                 std::string descent = "none of the steps in the profile reaches Eₚ = 0";
                 for (Eigen::Index k = 1; k < profile.rows(); ++k)
                   if (profile(k, 2) == 0) {
                     descent = fmt::format("at s = {} both costs are 0", num(profile(k, 0)));
                     break;
                   }
                 return Verdict{
                     false, fmt::format("J₀/₁ = {} points wrong, yet its slope is 0 in every "
                                        "direction: w̃ sits on a flat region. ∇Eₚ = {} is not 0: "
                                        "along −∇Eₚ, Eₚ falls linearly and {} (steps too long "
                                        "overshoot, as the last rows show)",
                                        num(wrong), vector_text(grad), descent)};
               });
}

}  // namespace perceptron_parts

Trace perceptron(const ChapterOptions& options) {
  using namespace perceptron_parts;
  Trace trace("perceptron", "Rosenblatt's perceptron rule");
  trace
      .summary(
          "The perceptron y(x) = f(wᵀφ(x)) learns by visiting the points in turn: a misclassified "
          "point is added to w (class C1) or subtracted from it (class C2), which is gradient "
          "descent on the perceptron criterion $E_p$. On AND, OR and a small 2-D set it stops "
          "with every point correctly classified; on XOR the weights come back to where they were "
          "and no weight vector exists. The slides print no worked numbers, only η = 1 (PD "
          "(6/7)); the defaults here are ours: w starts at 0, the truth tables use false → −1 and "
          "true → +1, the 2-D set has six points, and at most 25 epochs are run. A seed draws the "
          "starting w, the 2-D set, and the w at which the two costs are compared.")
      .source("PD", "003_b5a9c74466967a6d.txt",
              {"The perceptron algorithm (1/7) [Ros62]", "The perceptron algorithm (2/7)",
               "Training set", "The perceptron algorithm (3/7)", "The perceptron algorithm (4/7)",
               "On the choice of the cost function ...", "On the choice of the cost function",
               "The perceptron algorithm (5/7)", "The perceptron algorithm (6/7)",
               "The perceptron algorithm (7/7)"})
      .source("BMB", "001_86790086ad6a4e65.txt",
              {"Implementing Logical Functions", "Expressiveness of Perceptrons"})
      .convention(
          "PD's notation. φ(x) = (1, x₁, x₂)ᵀ with φ₀ = 1, so w₀ is the bias (BMB writes "
          "g(W₀·(−1) + W₁x₁ + W₂x₂) with a step g and outputs 0/1: its W₀ is −w₀ and its output 1 "
          "is t = +1). f(a) = +1 if a ≥ 0, else −1. The test of PD (7/7) calls a point "
          "misclassified when t wᵀφ ≤ 0, so a point on the boundary is always updated, even one "
          "of class C1 that f labels +1; the 0/1 loss, which uses f, counts that point as "
          "correct. This matters: $E_p(\\mathbf{0}) = 0$ although every point is then "
          "misclassified (w = 0 is a trivial minimum of $E_p$), and only the test's ≤ moves the "
          "rule away from it. An epoch visits x₁, …, x_N in order (PD picks points at random; a "
          "fixed order makes a run reproducible and a cycle detectable). Each epoch is scored at "
          "the weights it ends with; training stops at the first epoch with |M| = 0, or when an "
          "epoch ends with the weights an earlier one ended with.")
      .notation("\\mathbf{x}_n, t_n",
                "point n and its label: $t_n = +1$ for class C1, $-1$ for class C2")
      .notation("\\phi(\\mathbf{x})",
                "the feature vector $(1, x_1, x_2)^T$; $\\phi_0 = 1$ carries the bias")
      .notation("\\mathbf{w}", "the weight vector $(w_0, w_1, w_2)^T$; $w_0$ is the bias")
      .notation("a", "the activation $\\mathbf{w}^T\\phi(\\mathbf{x})$")
      .notation("f(a)", "the classifier: $+1$ (C1) if $a \\ge 0$, else $-1$ (C2)")
      .notation("\\eta", "the learning rate")
      .notation("\\mathcal{M}",
                "the misclassified points: $t_n\\mathbf{w}^T\\phi(\\mathbf{x}_n) \\le 0$")
      .notation("m_n", "the margin $t_n\\mathbf{w}^T\\phi(\\mathbf{x}_n)$; "
                       "$n \\in \\mathcal{M}$ when $m_n \\le 0$")
      .notation("E_p(\\mathbf{w})",
                "the perceptron criterion $-\\sum_{n \\in \\mathcal{M}} m_n$ (equal to $J_p$)")
      .notation("J_{0/1}(\\mathbf{w})", "the 0/1 loss: how many points $f$ gets wrong")
      .notation("\\mathbf{w}^{(0)}, \\mathbf{w}^{(1)}, \\ldots",
                "the start, and the weights at the end of epoch 1, 2, …")
      .seed(options.seed)
      .rounding({Rounding::Mode::significant, 4});

  // ---- the parameters: ours by default (the slides print none but η = 1), or a seed's ---------
  const DataSet and_set = truth_table("and", "AND", {-1, -1, -1, +1});
  const DataSet or_set = truth_table("or", "OR", {-1, +1, +1, +1});
  const DataSet xor_set = truth_table("xor", "XOR", {-1, +1, +1, -1});
  const double eta = 1.0;  // PD (6/7): "we can take the learning rate η = 1"
  Eigen::VectorXd w_start = Eigen::VectorXd::Zero(3);
  DataSet plane_set = default_plane_set();
  Eigen::VectorXd cost_w = vec({-0.5, 1, 1});  // misclassifies (0,1) and (1,0) of AND: J_0/1 = 2
  if (options.seed) {
    Rng rng(*options.seed);
    w_start = halves(rng, 3);
    plane_set = random_plane_set(rng, w_start, eta);
    cost_w = random_cost_point(rng, and_set, cost_w);
  }
  trace.parameter("w_start", "\\mathbf{w}^{(0)}",
                  "the starting weights (PD (7/7) \"start\"), the same for every training set",
                  w_start);
  trace.parameter("eta", "\\eta", "the learning rate; PD (6/7) takes η = 1", eta);
  trace.parameter("cost.w", "\\tilde{\\mathbf{w}}",
                  "the weights at which the 0/1 loss and $E_p$ are compared", cost_w);

  // ---- AND, OR and the 2-D set: separable, so the rule converges (PD (6/7), perceptron theorem)
  for (const DataSet* set : std::array<const DataSet*, 3>{&and_set, &or_set, &plane_set}) {
    add_training_set(trace, *set);
    const Training run = train(trace, *set);
    report_separated(trace, *set, run);
    trace.figure(boundary_figure(trace, *set, run));
  }

  // ---- XOR: not separable (BMB "Expressiveness of Perceptrons") -----------------------------
  add_training_set(trace, xor_set);
  const Training run = train(trace, xor_set);
  trace.figure(boundary_figure(trace, xor_set, run));
  const std::string cycle_id = report_not_separated(trace, xor_set, run);
  explain_no_solution(trace, xor_set, cycle_id);

  // ---- On the choice of the cost function ---------------------------------------------------
  compare_costs(trace, and_set);
  return trace;
}

}  // namespace nnwb::chapters
