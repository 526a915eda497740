// Chapter 8, logic_units: McCulloch–Pitts threshold units computing Boolean functions, and the two
// they cannot compute. Lecture: BMB "McCulloch-Pitts: Unit", "Implementing Logical Functions"
// (h_W(x) = g(W₀·(−1) + W₁x₁ + W₂x₂), g the step function: "every Boolean function can be
// implemented with a perceptron") and "Expressiveness of Perceptrons" ("can represent AND, OR,
// NOT, majority, etc., but not XOR or XNOR"; "represents a linear separator in input space").
//
// The slides' text prints no weights (they are in the figure). The defaults are the classic ones in
// BMB's −1-bias form: AND W = (1.5, 1, 1), OR (0.5, 1, 1), NOT (−0.5, −1), majority of three
// (1.5, 1, 1, 1). A seed draws other weights, one decimal each, redrawn until the unit computes its
// function with every input at least 0.05 from the threshold.
//
// XOR and XNOR get no weights: each row of the truth table is an inequality on W, and adding the
// rows in pairs gives the same linear form once "> 0" and once "≤ 0".
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "chapters.hpp"
#include "nnwb/activations.hpp"
#include "nnwb/random.hpp"
#include "nnwb/threshold_unit.hpp"

namespace nnwb::chapters {
namespace logic_units_parts {  // the chapter's sections and what they share

// A Boolean function: its truth value (1 or 0) on an input x of 0s and 1s.
using Truth = double (*)(const Eigen::VectorXd& x);

double and_of(const Eigen::VectorXd& x) { return x[0] == 1 && x[1] == 1 ? 1 : 0; }  // x₁ ∧ x₂
double or_of(const Eigen::VectorXd& x) { return x[0] == 1 || x[1] == 1 ? 1 : 0; }   // x₁ ∨ x₂
double not_of(const Eigen::VectorXd& x) { return x[0] == 1 ? 0 : 1; }               // ¬x₁
double majority_of(const Eigen::VectorXd& x) { return x.sum() >= 2 ? 1 : 0; }       // at least two of three
double xor_of(const Eigen::VectorXd& x) { return x[0] != x[1] ? 1 : 0; }            // x₁ ≠ x₂
double xnor_of(const Eigen::VectorXd& x) { return x[0] == x[1] ? 1 : 0; }           // x₁ = x₂

struct LogicFunction {
  std::string prefix;   // step ids start with it: "and"
  std::string name;     // as the trace prints it: "AND"
  std::string formula;  // its definition in LaTeX
  int arity;            // how many inputs
  Truth truth;
  Eigen::VectorXd classic;  // (W₀, W₁, …): the textbook weights, or empty if none exist
};

// The inputs' names: "01" for x = (0, 1); the parameter "x.01" and the step "ext.01".
std::string bits(const Eigen::VectorXd& x) {
  std::string out;
  for (Eigen::Index i = 0; i < x.size(); ++i) out += x[i] == 1 ? '1' : '0';
  return out;
}
std::vector<std::string> row_names(int arity) {
  const Eigen::MatrixXd X = boolean_inputs(arity);
  std::vector<std::string> names;
  for (Eigen::Index k = 0; k < X.rows(); ++k) names.push_back(bits(X.row(k).transpose()));
  return names;
}
Eigen::VectorXd input_of(const std::string& row) {  // "01" → (0, 1)
  Eigen::VectorXd x(static_cast<Eigen::Index>(row.size()));
  for (std::size_t i = 0; i < row.size(); ++i) x[static_cast<Eigen::Index>(i)] = row[i] == '1' ? 1 : 0;
  return x;
}
std::string tuple(const std::string& row) {  // "01" → "(0, 1)"
  std::string out = "(";
  for (std::size_t i = 0; i < row.size(); ++i) out += (i ? ", " : "") + std::string(1, row[i]);
  return out + ")";
}

// "W_0 \cdot (-1) + W_1x_1 + W_2x_2" for n inputs.
std::string weighted_input_latex(int arity) {
  std::string out = "\\mathrm{in} = W_0 \\cdot (-1)";
  for (int i = 1; i <= arity; ++i) out += fmt::format(" + W_{0}x_{0}", i);
  return out;
}

// The inequality cᵀW ⋈ 0 in LaTeX, c the coefficients of (W₀, W₁, …): "-W_0 + W_2 > 0".
std::string inequality_latex(const Eigen::VectorXd& c, const std::string& relation) {
  std::string out;
  for (Eigen::Index i = 0; i < c.size(); ++i) {
    if (c[i] == 0) continue;
    const double m = std::abs(c[i]);
    const std::string term = (m == 1 ? std::string() : fmt::format("{:g}", m)) + fmt::format("W_{}", i);
    if (out.empty())
      out = (c[i] < 0 ? "-" : "") + term;
    else
      out += (c[i] < 0 ? " - " : " + ") + term;
  }
  return (out.empty() ? "0" : out) + " " + relation + " 0";
}
// The same in plain text, for verdicts: "−2W₀ + W₁ + W₂".
std::string form_text(const Eigen::VectorXd& c) {
  static const char* const subscripts[] = {"₀", "₁", "₂", "₃", "₄"};
  std::string out;
  for (Eigen::Index i = 0; i < c.size(); ++i) {
    if (c[i] == 0) continue;
    const double m = std::abs(c[i]);
    const std::string term = (m == 1 ? std::string() : fmt::format("{:g}", m)) + "W" + subscripts[std::min<Eigen::Index>(i, 4)];
    if (out.empty())
      out = (c[i] < 0 ? "−" : "") + term;
    else
      out += (c[i] < 0 ? " − " : " + ") + term;
  }
  return out.empty() ? "0" : out;
}

// The truth table of f: t_k = f(x_k) on every row of X.
Eigen::VectorXd truth_table(const LogicFunction& f) {
  const Eigen::MatrixXd X = boolean_inputs(f.arity);
  Eigen::VectorXd t(X.rows());
  for (Eigen::Index k = 0; k < X.rows(); ++k) t[k] = f.truth(X.row(k).transpose());
  return t;
}

// A variant's weights: one decimal each in [−2, 2], redrawn until the unit computes f with every
// input |in| ≥ 0.05 (off the threshold, where g(0) = 0 would decide). Deterministic: the same
// generator state gives the same draws. Falls back to the classic weights after 100000 draws.
Eigen::VectorXd draw_weights(Rng& rng, const LogicFunction& f) {
  const Eigen::MatrixXd X = boolean_inputs(f.arity);
  const Eigen::VectorXd t = truth_table(f);
  for (int attempt = 0; attempt < 100000; ++attempt) {
    const Eigen::VectorXd W = rng.decimals(f.arity + 1, -2, 2, 1);
    if (implements(W, X, t, 0.05)) return W;
  }
  return f.classic;
}

// BMB "Implementing Logical Functions": one unit's truth table, row by row, then checked against
// the function's definition.
void add_unit(Trace& trace, const LogicFunction& f) {
  const std::string W = f.prefix + ".w";
  const std::vector<std::string> rows = row_names(f.arity);
  trace.section(fmt::format("{}: ${}$", f.name, f.formula));
  //! [weighted_input_and_output]
  std::vector<std::string> table_inputs;
  for (const std::string& row : rows) {
    const std::string ext = "ext." + row, in_id = f.prefix + ".row" + row + ".in", h_id = f.prefix + ".row" + row + ".h";
    trace.step(in_id, fmt::format("Row $\\mathbf{{x}} = {}$: the weighted input", tuple(row)))
        .formula(weighted_input_latex(f.arity) + " = \\mathbf{W}^T\\tilde{\\mathbf{x}}")
        .numbers(fmt::format("[[{}]]^T [[{}]]", W, ext))
        .compute({W, ext}, [W, ext](const Inputs& in) -> Value {
          return in.vector(W).dot(in.vector(ext));  // in = W₀·(−1) + Σ W_i x_i
        });
    trace.step(h_id, fmt::format("Row $\\mathbf{{x}} = {}$: the output $h = g(\\mathrm{{in}})$", tuple(row)))
        .formula("h_{\\mathbf{W}}(\\mathbf{x}) = g(\\mathrm{in}), \\quad g(a) = 1 \\text{ if } a > 0, \\text{ else } 0")
        .numbers(fmt::format("g([[{}]])", in_id))
        .compute({in_id}, [in_id](const Inputs& in) -> Value { return step(in.scalar(in_id)); });
    table_inputs.push_back("x." + row);
    table_inputs.push_back(in_id);
    table_inputs.push_back(h_id);
  }
  //! [weighted_input_and_output]
  //! [unit_truth_table]
  // The table: one row per input, columns x₁ … x_n, in, h.
  const int arity = f.arity;
  trace.step(f.prefix + ".table", "The unit's truth table: one row per input, columns $\\mathbf{x}^T$, in, $h$")
      .formula("(\\mathbf{x}^T, \\mathrm{in}, h)_k")
      .compute(table_inputs, [table_inputs, arity](const Inputs& in) -> Value {
        const Eigen::Index n = static_cast<Eigen::Index>(table_inputs.size() / 3);
        Eigen::MatrixXd table(n, arity + 2);
        for (Eigen::Index k = 0; k < n; ++k) {
          const auto base = static_cast<std::size_t>(3 * k);
          table.row(k) << in.vector(table_inputs[base]).transpose(), in.scalar(table_inputs[base + 1]),
              in.scalar(table_inputs[base + 2]);
        }
        return table;
      });
  std::vector<std::string> x_ids;
  for (const std::string& row : rows) x_ids.push_back("x." + row);
  const Truth truth = f.truth;
  trace.step(f.prefix + ".targets", fmt::format("What {} should give on each row", f.name))
      .formula(f.formula)
      .compute(x_ids, [x_ids, truth](const Inputs& in) -> Value {
        Eigen::VectorXd t(static_cast<Eigen::Index>(x_ids.size()));
        for (std::size_t k = 0; k < x_ids.size(); ++k) t[static_cast<Eigen::Index>(k)] = truth(in.vector(x_ids[k]));
        return t;
      });
  const std::string table = f.prefix + ".table", targets = f.prefix + ".targets", name = f.name;
  trace.step(f.prefix + ".check", fmt::format("Does the unit compute {}?", f.name))
      .formula("h_{\\mathbf{W}}(\\mathbf{x}_k) = t_k \\text{ for every row } k")
      .numbers(fmt::format("\\mathbf{{t}} = [[{}]]", targets))
      .compute({table, targets}, [table, targets, name](const Inputs& in) -> Value {
        const Eigen::MatrixXd& m = in.matrix(table);
        const Eigen::VectorXd h = m.col(m.cols() - 1), t = in.vector(targets);
        std::string wrong;
        double margin = std::numeric_limits<double>::infinity();
        for (Eigen::Index k = 0; k < t.size(); ++k) {
          if (h[k] != t[k]) wrong += fmt::format("{}row {}", wrong.empty() ? "" : ", ", k + 1);
          margin = std::min(margin, std::abs(m(k, m.cols() - 2)));
        }
        if (!wrong.empty()) return Verdict{false, fmt::format("the unit differs from {} on {}", name, wrong)};
        return Verdict{true, fmt::format("h equals {} on all {} rows; every input is at least {:g} from the threshold "
                                         "in = 0",
                                         name, t.size(), margin)};
      });
  //! [unit_truth_table]
}

// BMB "Expressiveness of Perceptrons": no W makes one unit compute f. Each row is an inequality on
// W: a row that must fire needs in = Wᵀx̃ > 0, a row that must stay silent needs Wᵀx̃ ≤ 0.
void add_impossible(Trace& trace, const LogicFunction& f) {
  const std::vector<std::string> rows = row_names(f.arity);
  const Eigen::VectorXd t = truth_table(f);
  trace.section(fmt::format("{}: ${}$, no weights exist", f.name, f.formula));
  std::vector<std::string> x_ids;
  for (const std::string& row : rows) x_ids.push_back("x." + row);
  const Truth truth = f.truth;
  const std::string targets = f.prefix + ".targets";
  trace.step(targets, fmt::format("What {} should give on each row", f.name))
      .formula(f.formula)
      .compute(x_ids, [x_ids, truth](const Inputs& in) -> Value {
        Eigen::VectorXd out(static_cast<Eigen::Index>(x_ids.size()));
        for (std::size_t k = 0; k < x_ids.size(); ++k) out[static_cast<Eigen::Index>(k)] = truth(in.vector(x_ids[k]));
        return out;
      });
  //! [rows_as_inequalities]
  std::vector<std::string> inputs = {targets};
  for (std::size_t k = 0; k < rows.size(); ++k) {
    const std::string ext = "ext." + rows[k], id = f.prefix + ".row" + rows[k] + ".inequality";
    const bool fires = t[static_cast<Eigen::Index>(k)] == 1;
    // The title states the inequality at the default inputs; the value is its coefficients x̃.
    const Eigen::VectorXd c = bias_minus_one_input(input_of(rows[k]));
    trace.step(id, fmt::format("Row ${}$ must give $h = {}$: $\\mathrm{{in}} = {}$", tuple(rows[k]), fires ? 1 : 0,
                               inequality_latex(c, fires ? ">" : "\\le")))
        .formula(fires ? "\\mathbf{W}^T\\tilde{\\mathbf{x}} > 0" : "\\mathbf{W}^T\\tilde{\\mathbf{x}} \\le 0")
        .numbers(fmt::format("\\mathbf{{W}}^T [[{}]]", ext))
        .compute({ext}, [ext](const Inputs& in) -> Value {
          return in.vector(ext);  // the coefficients of (W₀, W₁, W₂) in in = Wᵀx̃
        });
    inputs.push_back(id);
  }
  //! [rows_as_inequalities]
  // Adding inequalities of one direction keeps the direction: the rows that fire add up to one form
  // that must be > 0, the silent rows to one that must be ≤ 0.
  const std::string fire = f.prefix + ".fire_sum", silent = f.prefix + ".silent_sum";
  const auto sum_where = [](bool firing) {
    return [firing](const Inputs& in, const std::vector<std::string>& ids, const std::string& targets_id) {
      const Eigen::VectorXd& wanted = in.vector(targets_id);
      Eigen::VectorXd sum = Eigen::VectorXd::Zero(in.vector(ids.front()).size());
      for (std::size_t k = 0; k < ids.size(); ++k)
        if ((wanted[static_cast<Eigen::Index>(k)] == 1) == firing) sum += in.vector(ids[k]);
      return sum;
    };
  };
  const std::vector<std::string> rows_only(inputs.begin() + 1, inputs.end());
  Eigen::VectorXd fire_c = Eigen::VectorXd::Zero(f.arity + 1), silent_c = fire_c;
  for (std::size_t k = 0; k < rows.size(); ++k) {
    const Eigen::VectorXd c = bias_minus_one_input(input_of(rows[k]));
    (t[static_cast<Eigen::Index>(k)] == 1 ? fire_c : silent_c) += c;
  }
  // "[[xor.row01.inequality]] + [[xor.row10.inequality]]": the rows that fire (or not) at the defaults.
  const auto sum_latex = [&](bool firing) {
    std::string out;
    for (std::size_t k = 0; k < rows.size(); ++k)
      if ((t[static_cast<Eigen::Index>(k)] == 1) == firing) out += (out.empty() ? "[[" : " + [[") + rows_only[k] + "]]";
    return "\\mathbf{W}^T(" + out + ")";
  };
  //! [no_weights_exist]
  trace.step(fire, fmt::format("Add the rows that must fire: ${}$", inequality_latex(fire_c, ">")))
      .formula("\\sum_{k:\\,t_k = 1} \\mathbf{W}^T\\tilde{\\mathbf{x}}_k > 0")
      .numbers(sum_latex(true))
      .compute(inputs, [rows_only, targets, sum = sum_where(true)](const Inputs& in) -> Value {
        return sum(in, rows_only, targets);  // Σ_{t_k = 1} x̃_k: a sum of positive numbers is positive
      });
  trace.step(silent, fmt::format("Add the rows that must stay silent: ${}$", inequality_latex(silent_c, "\\le")))
      .formula("\\sum_{k:\\,t_k = 0} \\mathbf{W}^T\\tilde{\\mathbf{x}}_k \\le 0")
      .numbers(sum_latex(false))
      .compute(inputs, [rows_only, targets, sum = sum_where(false)](const Inputs& in) -> Value {
        return sum(in, rows_only, targets);  // Σ_{t_k = 0} x̃_k: a sum of non-positive numbers is ≤ 0
      });
  const std::string name = f.name;
  trace.step(f.prefix + ".verdict", fmt::format("Can one step unit compute {}?", f.name))
      .formula("\\sum_{k:\\,t_k = 1} \\tilde{\\mathbf{x}}_k = \\sum_{k:\\,t_k = 0} \\tilde{\\mathbf{x}}_k "
               "\\Rightarrow \\mathbf{W}^T\\mathbf{s} > 0 \\text{ and } \\mathbf{W}^T\\mathbf{s} \\le 0")
      .numbers(fmt::format("[[{}]] \\text{{ vs }} [[{}]]", fire, silent))
      .compute({fire, silent}, [fire, silent, name](const Inputs& in) -> Value {
        const Eigen::VectorXd& s1 = in.vector(fire);
        const Eigen::VectorXd& s0 = in.vector(silent);
        if ((s1 - s0).cwiseAbs().maxCoeff() > 1e-12)
          return Verdict{true, "the two sums differ: this pairing finds no contradiction"};
        return Verdict{false, fmt::format("the rows that fire need {0} > 0 and the silent rows need {0} ≤ 0, the "
                                          "same form both ways. The inequalities contradict, so no W exists: {1} is "
                                          "not linearly separable",
                                          form_text(s1), name)};
      });
  //! [no_weights_exist]
}

}  // namespace logic_units_parts

Trace logic_units(const ChapterOptions& options) {
  using namespace logic_units_parts;
  Trace trace("logic_units", "McCulloch–Pitts units: AND, OR, NOT, majority, and why not XOR");
  const std::vector<LogicFunction> possible = {
      {"and", "AND", "t = x_1 \\land x_2", 2, and_of, Eigen::Vector3d(1.5, 1, 1)},
      {"or", "OR", "t = x_1 \\lor x_2", 2, or_of, Eigen::Vector3d(0.5, 1, 1)},
      {"not", "NOT", "t = \\neg x_1", 1, not_of, Eigen::Vector2d(-0.5, -1)},
      {"maj", "majority", "t = 1 \\text{ if } x_1 + x_2 + x_3 \\ge 2, \\text{ else } 0", 3, majority_of,
       Eigen::Vector4d(1.5, 1, 1, 1)}};
  const std::vector<LogicFunction> impossible = {
      {"xor", "XOR", "t = 1 \\text{ if } x_1 \\ne x_2, \\text{ else } 0", 2, xor_of, Eigen::VectorXd()},
      {"xnor", "XNOR", "t = 1 \\text{ if } x_1 = x_2, \\text{ else } 0", 2, xnor_of, Eigen::VectorXd()}};
  trace
      .summary(
          "One McCulloch–Pitts unit $h_{\\mathbf{W}}(\\mathbf{x}) = g(W_0 \\cdot (-1) + W_1x_1 + W_2x_2)$ with a step "
          "$g$ computes AND, OR, NOT and the majority of three: each truth table is worked row by row and checked "
          "against the function. XOR and XNOR it cannot compute: each row of the truth table is an inequality on "
          "$\\mathbf{W}$, and adding them in pairs gives one linear form that must be both $> 0$ and $\\le 0$. " +
          std::string(options.seed ? "This variant's weights are drawn from the seed (one decimal each in [−2, 2]), "
                                     "redrawn until each unit computes its function with every input at least "
                                     "0.05 from the threshold."
                                   : "The slides' text prints no weights; the defaults are the classic ones: AND "
                                     "W = (1.5, 1, 1), OR (0.5, 1, 1), NOT (−0.5, −1), majority (1.5, 1, 1, 1)."))
      .source("BMB", "001_86790086ad6a4e65.txt",
              {"McCulloch-Pitts: Unit", "Implementing Logical Functions", "Expressiveness of Perceptrons"})
      .convention(
          "BMB's: the bias input is −1, not +1, so $\\mathrm{in} = W_0 \\cdot (-1) + \\sum_i W_i x_i = "
          "\\mathbf{W}^T\\tilde{\\mathbf{x}}$ with $\\tilde{\\mathbf{x}} = (-1, x_1, \\ldots, x_n)$, and $W_0$ is a "
          "threshold: the unit fires when $\\sum_i W_i x_i > W_0$ (PD's bias $w_0$ on $x_0 = 1$ is $-W_0$). "
          "$g$ is the step function with $g(0) = 0$: an input exactly on the threshold does not fire. Inputs and "
          "outputs are 0 (false) and 1 (true); rows are in counting order, $x_1$ the most significant.")
      .notation("x_1, x_2, x_3", "the Boolean inputs, 0 or 1")
      .notation("\\tilde{\\mathbf{x}}", "the input with the bias input in front: $(-1, x_1, \\ldots, x_n)$")
      .notation("\\mathbf{W} = (W_0, W_1, \\ldots)", "the unit's weights; $W_0$ is the threshold")
      .notation("\\mathrm{in}", "the weighted input $\\mathbf{W}^T\\tilde{\\mathbf{x}}$")
      .notation("g, h", "the step function, and the unit's output $h = g(\\mathrm{in})$")
      .notation("t", "the value the Boolean function should give")
      .notation("\\mathbf{s}", "the sum of the $\\tilde{\\mathbf{x}}$ of some rows (the coefficients of an added-up inequality)")
      .seed(options.seed)
      .rounding({Rounding::Mode::significant, 4});

  // ---- the parameters: the inputs, and the weights (classic, or drawn until they work) ----------
  for (int arity = 1; arity <= 3; ++arity) {
    const Eigen::MatrixXd X = boolean_inputs(arity);
    for (Eigen::Index k = 0; k < X.rows(); ++k) {
      const Eigen::VectorXd x = X.row(k).transpose();
      trace.parameter("x." + bits(x), fmt::format("\\mathbf{{x}}^{{({})}}", bits(x)),
                      fmt::format("the input {} of a {}-input unit", tuple(bits(x)), arity), x);
    }
  }
  std::optional<Rng> rng;
  if (options.seed) rng.emplace(*options.seed);
  for (const LogicFunction& f : possible) {
    const Eigen::VectorXd W = rng ? draw_weights(*rng, f) : f.classic;
    trace.parameter(f.prefix + ".w", fmt::format("\\mathbf{{W}}_{{\\mathrm{{{}}}}}", f.name),
                    fmt::format("the {} unit's weights $(W_0, \\ldots, W_{})$", f.name, f.arity), W);
  }

  // ---- the inputs with BMB's bias input −1 ----------------------------------------------------
  //! [inputs_with_the_bias_input]
  trace.section("The inputs with the bias input $-1$ in front");
  for (int arity = 1; arity <= 3; ++arity)
    for (const std::string& row : row_names(arity)) {
      const std::string x = "x." + row;
      trace.step("ext." + row, fmt::format("$\\tilde{{\\mathbf{{x}}}}$ for $\\mathbf{{x}} = {}$", tuple(row)))
          .formula("\\tilde{\\mathbf{x}} = (-1, \\mathbf{x}^T)^T")
          .numbers(fmt::format("(-1, [[{}]]^T)^T", x))
          .compute({x}, [x](const Inputs& in) -> Value { return bias_minus_one_input(in.vector(x)); });
    }
  //! [inputs_with_the_bias_input]

  // ---- BMB "Implementing Logical Functions" ---------------------------------------------------
  for (const LogicFunction& f : possible) add_unit(trace, f);
  // ---- BMB "Expressiveness of Perceptrons": "but not XOR or XNOR" -----------------------------
  for (const LogicFunction& f : impossible) add_impossible(trace, f);
  return trace;
}

}  // namespace nnwb::chapters
