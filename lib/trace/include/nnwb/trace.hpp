#pragma once
/// @file trace.hpp
/// The trace: the one data model that chapters produce and that tests, exercises, the grader and the
/// documentation consume.
///
/// A trace holds the chapter's id and title, the lectures and slide headings it reproduces, the
/// notation and convention in use, the parameters, and an ordered list of steps. Each step has a
/// stable id, a title, a formula in LaTeX, optionally the formula with numbers substituted, and a
/// value (a number, vector, matrix, or verdict).
///
/// Each step also knows which parameters and earlier steps it is computed from, and *how*: it keeps
/// the function that computed it. recompute() can therefore replace any value (a student's answer,
/// say) and compute every later step again from it, which is how follow-through credit works.
/// Recomputing keeps the trace's structure: the steps a chapter chose to make stay as they are.
///
/// Example:
/// @code
/// nnwb::Trace trace("graph_xyz", "(x + y)z on a computation graph");
/// trace.parameter("x", "x", "an input", -2.0);
/// trace.parameter("y", "y", "an input", 5.0);
/// trace.step("forward.q", "The add gate")
///     .formula("q = x + y")
///     .numbers("q = [[x]] + [[y]]")
///     .compute({"x", "y"}, [](const nnwb::Inputs& in) { return in.scalar("x") + in.scalar("y"); });
/// @endcode

#include <Eigen/Core>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <variant>
#include <vector>

#include "nnwb/figure.hpp"

/// The workbook's one small library: the pieces of the lessons (activations, losses, softmax,
/// the computation graph, the multilayer perceptron, …), the trace every chapter builds, its three
/// printed forms, and the exercises and the grader. Internals are in nnwb::detail.
namespace nnwb {

/// A yes/no finding, such as "the point is misclassified" or "no weight vector exists".
struct Verdict {
  bool holds = false;
  std::string text;
  bool operator==(const Verdict&) const = default;
};

/// What a step computes.
using Value = std::variant<double, Eigen::VectorXd, Eigen::MatrixXd, Verdict>;

enum class ValueKind { scalar, vector, matrix, verdict };
ValueKind kind_of(const Value& value);
std::string_view kind_name(ValueKind kind);
/// A shape as text: "scalar", "vector(3)", "matrix(2×3)", "verdict".
std::string shape_of(const Value& value);

/// The values of a step's inputs, looked up by the names the step listed.
class Inputs {
 public:
  const Value& value(std::string_view name) const;
  double scalar(std::string_view name) const;
  const Eigen::VectorXd& vector(std::string_view name) const;
  const Eigen::MatrixXd& matrix(std::string_view name) const;
  const Verdict& verdict(std::string_view name) const;

  void add(std::string name, const Value* value) { entries_.emplace_back(std::move(name), value); }

 private:
  std::vector<std::pair<std::string, const Value*>> entries_;
};

namespace detail {
/// The interface behind ComputeFn: one virtual call.
class ComputeBase {
 public:
  virtual ~ComputeBase() = default;
  virtual Value operator()(const Inputs& inputs) const = 0;
};
/// One step's function, a lambda as a rule, kept as it was given.
template <class F>
class Compute final : public ComputeBase {
 public:
  explicit Compute(F f) : f_(std::move(f)) {}
  Value operator()(const Inputs& inputs) const override { return f_(inputs); }

 private:
  F f_;
};
}  // namespace detail

/// How a step computes its value from its inputs: any function of (const Inputs&) returning a
/// value, usually a lambda. Copies share the one function, which is called as const.
///
/// Why not std::function<Value(const Inputs&)>: the chapters pass some 800 different lambdas, and
/// libc++ (the browser build's standard library) instantiates a dozen templates for each, which made
/// the compiler spend more than half its time on a chapter there; this costs one small class each.
class ComputeFn {
 public:
  ComputeFn() = default;
  ComputeFn(std::nullptr_t) {}  // implicit, as std::function's: "no function"
  template <class F, class = std::enable_if_t<!std::is_same_v<std::decay_t<F>, ComputeFn> &&
                                              !std::is_same_v<std::decay_t<F>, std::nullptr_t>>>
  ComputeFn(F f)  // implicit: a lambda is a step's function as it stands
      : function_(static_cast<const detail::ComputeBase*>(new detail::Compute<F>(std::move(f)))) {}

  Value operator()(const Inputs& inputs) const {
    if (!function_) throw std::bad_function_call();
    return (*function_)(inputs);
  }
  explicit operator bool() const { return function_ != nullptr; }

 private:
  std::shared_ptr<const detail::ComputeBase> function_;
};

/// Where a chapter comes from: a lecture, its seed file, and the slide headings.
struct Source {
  std::string lecture;                ///< EDI, BMB, CTU, PD, IC
  std::string seed_file;              ///< e.g. 001_86790086ad6a4e65.txt
  std::vector<std::string> headings;  ///< slide headings, as grep finds them
};

/// A symbol and what it means in this chapter.
struct Notation {
  std::string symbol;   ///< LaTeX
  std::string meaning;  ///< plain words
};

/// A named input of the derivation, given by the slides or drawn from a seed.
struct Parameter {
  std::string name;     ///< the id steps refer to
  std::string symbol;   ///< LaTeX
  std::string meaning;  ///< plain words
  Value value;
};

/// How printed numbers are rounded.
struct Rounding {
  enum class Mode { significant, decimals };
  Mode mode = Mode::significant;
  int digits = 4;  ///< significant digits, or digits after the point
};

struct Step {
  std::string id;       ///< stable: exercises and the grader refer to it
  std::string section;  ///< the part of the derivation it belongs to
  std::string title;    ///< a short title in the lecture's words
  std::string formula;  ///< LaTeX, in the lecture's notation
  std::string numbers;  ///< LaTeX with [[name]] where an input's value goes; may be empty
  std::string slide;    ///< what the slide prints for this value, if it prints one
  std::vector<std::string> inputs;  ///< parameters and earlier steps it is computed from
  Value value;
  ComputeFn compute;
};

/// A claim that one value is a derivative of another: `step` = ∂(`of`)/∂(`wrt`), where `of` is a
/// scalar step and `wrt` a parameter or earlier step (the gradient has wrt's shape). Tests check
/// every such claim by central differences through recompute().
struct GradientClaim {
  std::string step;
  std::string of;
  std::string wrt;
};

class Trace;

/// Builds one step: `trace.step(id, title).formula(…).numbers(…).compute(inputs, fn)`.
class StepBuilder {
 public:
  StepBuilder(Trace& trace, std::string id, std::string title);
  StepBuilder& formula(std::string latex);
  /// The formula with numbers: [[name]] is replaced by that input's value when printed.
  StepBuilder& numbers(std::string latex_template);
  /// What the slide prints, to its own rounding ("0.73"): shown beside the value.
  StepBuilder& slide(std::string printed);
  /// Computes the value from the named inputs, appends the step and returns its value.
  Value compute(std::vector<std::string> inputs, ComputeFn fn);
  /// Shorthands for compute() when the value's kind is known.
  double scalar(std::vector<std::string> inputs, ComputeFn fn);
  Eigen::VectorXd vector(std::vector<std::string> inputs, ComputeFn fn);
  Eigen::MatrixXd matrix(std::vector<std::string> inputs, ComputeFn fn);
  Verdict verdict(std::vector<std::string> inputs, ComputeFn fn);

 private:
  Trace& trace_;
  Step step_;
};

class Trace {
 public:
  Trace(std::string id, std::string title);

  // ---- what the chapter is -----------------------------------------------------------------
  const std::string& id() const { return id_; }
  const std::string& title() const { return title_; }
  Trace& summary(std::string text);
  const std::string& summary() const { return summary_; }
  Trace& source(std::string lecture, std::string seed_file, std::vector<std::string> headings);
  const std::vector<Source>& sources() const { return sources_; }
  Trace& convention(std::string text);
  const std::string& convention() const { return convention_; }
  Trace& notation(std::string symbol, std::string meaning);
  const std::vector<Notation>& notation() const { return notation_; }
  /// The seed the parameters were drawn from; none means the lecture's own example.
  Trace& seed(std::optional<std::uint64_t> seed);
  const std::optional<std::uint64_t>& seed() const { return seed_; }
  /// The rounding the printed forms use unless told otherwise (the slides' own, by default).
  Trace& rounding(Rounding rounding);
  const Rounding& rounding() const { return rounding_; }

  // ---- parameters and steps ----------------------------------------------------------------
  /// Adds a parameter and returns its value.
  const Value& parameter(std::string name, std::string symbol, std::string meaning, Value value);
  const std::vector<Parameter>& parameters() const { return parameters_; }

  /// Starts a part of the derivation; the steps after it belong to it.
  void section(std::string title) { section_ = std::move(title); }

  /// Begins a step; see StepBuilder.
  StepBuilder step(std::string id, std::string title);
  const std::vector<Step>& steps() const { return steps_; }
  const Step& step_at(std::string_view id) const;
  bool has(std::string_view name) const;
  /// The value of a parameter or step.
  const Value& value(std::string_view name) const;

  /// Declares that step `step` holds ∂(`of`)/∂(`wrt`); see GradientClaim.
  void claim_gradient(std::string step, std::string of, std::string wrt);
  const std::vector<GradientClaim>& gradient_claims() const { return gradient_claims_; }

  /// Adds a picture drawn from this trace's numbers (see figure.hpp); names must be unique.
  Trace& figure(Figure figure);
  const std::vector<Figure>& figures() const { return figures_; }

  /// Replaces values (of parameters or steps) and computes again every step that reads them,
  /// directly or through other steps (the rest cannot change: a step is a function of its listed
  /// inputs). Names that are neither throw std::out_of_range.
  void recompute(const std::map<std::string, Value>& replacements);
  /// What the step `id` computes from the given values of its inputs (for follow-through: the
  /// step recomputed from a student's own earlier values). Missing inputs come from the trace.
  Value compute_step(std::string_view id, const std::map<std::string, Value>& input_values) const;

 private:
  friend class StepBuilder;
  Value append(Step step);
  Inputs inputs_for(const Step& step) const;
  Value* find(std::string_view name);

  std::string id_, title_, summary_, convention_, section_;
  std::vector<Source> sources_;
  std::vector<Notation> notation_;
  std::optional<std::uint64_t> seed_;
  Rounding rounding_;
  std::vector<Parameter> parameters_;
  std::vector<Step> steps_;
  std::vector<GradientClaim> gradient_claims_;
  std::vector<Figure> figures_;
  std::unordered_map<std::string, std::size_t> parameter_index_, step_index_;
};

}  // namespace nnwb
