// The trace data model; see trace.hpp.
#include "nnwb/trace.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <stdexcept>
#include <unordered_set>

namespace nnwb {

ValueKind kind_of(const Value& value) { return static_cast<ValueKind>(value.index()); }

std::string_view kind_name(ValueKind kind) {
  switch (kind) {
    case ValueKind::scalar: return "scalar";
    case ValueKind::vector: return "vector";
    case ValueKind::matrix: return "matrix";
    case ValueKind::verdict: return "verdict";
  }
  return "scalar";
}

std::string shape_of(const Value& value) {
  switch (kind_of(value)) {
    case ValueKind::scalar: return "scalar";
    case ValueKind::vector: return fmt::format("vector({})", std::get<Eigen::VectorXd>(value).size());
    case ValueKind::matrix: {
      const auto& m = std::get<Eigen::MatrixXd>(value);
      return fmt::format("matrix({}×{})", m.rows(), m.cols());
    }
    case ValueKind::verdict: return "verdict";
  }
  return "scalar";
}

// ---- Inputs ----------------------------------------------------------------------------------

const Value& Inputs::value(std::string_view name) const {
  for (const auto& [key, value] : entries_)
    if (key == name) return *value;
  throw std::out_of_range(fmt::format("step input '{}' was not listed among the step's inputs", name));
}

namespace {
template <typename T>
const T& get_as(const Value& value, std::string_view name, std::string_view wanted) {
  if (const T* p = std::get_if<T>(&value)) return *p;
  throw std::invalid_argument(
      fmt::format("input '{}' is a {}, not a {}", name, shape_of(value), wanted));
}
}  // namespace

double Inputs::scalar(std::string_view name) const { return get_as<double>(value(name), name, "scalar"); }
const Eigen::VectorXd& Inputs::vector(std::string_view name) const {
  return get_as<Eigen::VectorXd>(value(name), name, "vector");
}
const Eigen::MatrixXd& Inputs::matrix(std::string_view name) const {
  return get_as<Eigen::MatrixXd>(value(name), name, "matrix");
}
const Verdict& Inputs::verdict(std::string_view name) const {
  return get_as<Verdict>(value(name), name, "verdict");
}

// ---- StepBuilder -----------------------------------------------------------------------------

StepBuilder::StepBuilder(Trace& trace, std::string id, std::string title) : trace_(trace) {
  step_.id = std::move(id);
  step_.title = std::move(title);
}
StepBuilder& StepBuilder::formula(std::string latex) {
  step_.formula = std::move(latex);
  return *this;
}
StepBuilder& StepBuilder::numbers(std::string latex_template) {
  step_.numbers = std::move(latex_template);
  return *this;
}
StepBuilder& StepBuilder::slide(std::string printed) {
  step_.slide = std::move(printed);
  return *this;
}
Value StepBuilder::compute(std::vector<std::string> inputs, ComputeFn fn) {
  step_.inputs = std::move(inputs);
  step_.compute = std::move(fn);
  return trace_.append(std::move(step_));
}
double StepBuilder::scalar(std::vector<std::string> inputs, ComputeFn fn) {
  return std::get<double>(compute(std::move(inputs), std::move(fn)));
}
Eigen::VectorXd StepBuilder::vector(std::vector<std::string> inputs, ComputeFn fn) {
  return std::get<Eigen::VectorXd>(compute(std::move(inputs), std::move(fn)));
}
Eigen::MatrixXd StepBuilder::matrix(std::vector<std::string> inputs, ComputeFn fn) {
  return std::get<Eigen::MatrixXd>(compute(std::move(inputs), std::move(fn)));
}
Verdict StepBuilder::verdict(std::vector<std::string> inputs, ComputeFn fn) {
  return std::get<Verdict>(compute(std::move(inputs), std::move(fn)));
}

// ---- Trace -----------------------------------------------------------------------------------

Trace::Trace(std::string id, std::string title) : id_(std::move(id)), title_(std::move(title)) {}

Trace& Trace::summary(std::string text) {
  summary_ = std::move(text);
  return *this;
}
Trace& Trace::source(std::string lecture, std::string seed_file, std::vector<std::string> headings) {
  sources_.push_back({std::move(lecture), std::move(seed_file), std::move(headings)});
  return *this;
}
Trace& Trace::convention(std::string text) {
  convention_ = std::move(text);
  return *this;
}
Trace& Trace::notation(std::string symbol, std::string meaning) {
  notation_.push_back({std::move(symbol), std::move(meaning)});
  return *this;
}
Trace& Trace::seed(std::optional<std::uint64_t> seed) {
  seed_ = seed;
  return *this;
}
Trace& Trace::rounding(Rounding rounding) {
  rounding_ = rounding;
  return *this;
}

const Value& Trace::parameter(std::string name, std::string symbol, std::string meaning, Value value) {
  if (has(name)) throw std::logic_error(fmt::format("trace '{}': the name '{}' is used twice", id_, name));
  parameter_index_.emplace(name, parameters_.size());
  parameters_.push_back({std::move(name), std::move(symbol), std::move(meaning), std::move(value)});
  return parameters_.back().value;
}

StepBuilder Trace::step(std::string id, std::string title) {
  return StepBuilder(*this, std::move(id), std::move(title));
}

bool Trace::has(std::string_view name) const {
  const std::string key(name);
  return parameter_index_.count(key) > 0 || step_index_.count(key) > 0;
}

const Step& Trace::step_at(std::string_view id) const {
  const auto it = step_index_.find(std::string(id));
  if (it == step_index_.end())
    throw std::out_of_range(fmt::format("trace '{}' has no step '{}'", id_, id));
  return steps_[it->second];
}

Value* Trace::find(std::string_view name) {
  const std::string key(name);
  if (auto it = parameter_index_.find(key); it != parameter_index_.end())
    return &parameters_[it->second].value;
  if (auto it = step_index_.find(key); it != step_index_.end()) return &steps_[it->second].value;
  return nullptr;
}

const Value& Trace::value(std::string_view name) const {
  if (const Value* v = const_cast<Trace*>(this)->find(name)) return *v;
  throw std::out_of_range(fmt::format("trace '{}' has no parameter or step '{}'", id_, name));
}

Inputs Trace::inputs_for(const Step& step) const {
  Inputs inputs;
  for (const auto& name : step.inputs) inputs.add(name, &value(name));
  return inputs;
}

Value Trace::append(Step step) {
  if (has(step.id))
    throw std::logic_error(fmt::format("trace '{}': the name '{}' is used twice", id_, step.id));
  for (const auto& name : step.inputs)
    if (!has(name))
      throw std::logic_error(fmt::format("trace '{}': step '{}' reads '{}', which is not an earlier "
                                         "parameter or step",
                                         id_, step.id, name));
  step.section = section_;
  step.value = step.compute(inputs_for(step));
  step_index_.emplace(step.id, steps_.size());
  steps_.push_back(std::move(step));
  return steps_.back().value;
}

void Trace::claim_gradient(std::string step, std::string of, std::string wrt) {
  for (const auto* name : {&step, &of, &wrt})
    if (!has(*name))
      throw std::logic_error(fmt::format("trace '{}': gradient claim names '{}', which is neither a "
                                         "parameter nor a step", id_, *name));
  gradient_claims_.push_back({std::move(step), std::move(of), std::move(wrt)});
}

Trace& Trace::figure(Figure figure) {
  for (const Figure& existing : figures_)
    if (existing.name == figure.name)
      throw std::logic_error(fmt::format("trace '{}': two figures are named '{}'", id_, figure.name));
  if (const auto problems = figure_problems(figure); !problems.empty())
    throw std::logic_error(fmt::format("trace '{}', figure '{}': {}", id_, figure.name, problems.front()));
  figures_.push_back(std::move(figure));
  return *this;
}

void Trace::recompute(const std::map<std::string, Value>& replacements) {
  for (const auto& [name, value] : replacements) {
    Value* slot = find(name);
    if (!slot) throw std::out_of_range(fmt::format("trace '{}' has no parameter or step '{}'", id_, name));
    *slot = value;
  }
  // Only the steps that read a replaced value, directly or through other steps, can change: the
  // others keep their values (each step is a function of its listed inputs alone).
  std::unordered_set<std::string> changed;
  for (const auto& [name, value] : replacements) changed.insert(name);
  for (Step& step : steps_) {
    if (replacements.count(step.id)) continue;
    const bool reads_changed =
        std::any_of(step.inputs.begin(), step.inputs.end(), [&](const std::string& in) { return changed.count(in) > 0; });
    if (!reads_changed) continue;
    step.value = step.compute(inputs_for(step));
    changed.insert(step.id);
  }
}

Value Trace::compute_step(std::string_view id, const std::map<std::string, Value>& input_values) const {
  const Step& step = step_at(id);
  Inputs inputs;
  for (const auto& name : step.inputs) {
    const auto it = input_values.find(name);
    inputs.add(name, it != input_values.end() ? &it->second : &value(name));
  }
  return step.compute(inputs);
}

}  // namespace nnwb
