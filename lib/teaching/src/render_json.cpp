// The JSON form of a trace, at full precision; the format is documented in docs/trace-format.md.
#include <cmath>
#include <fmt/format.h>
#include <stdexcept>

#include "nnwb/detail/number_format.hpp"
#include "nnwb/render.hpp"

namespace nnwb {
namespace {

// JSON has no NaN or infinity: such a number is written as the string "NaN", "inf" or "-inf".
nlohmann::ordered_json number(double x) {
  if (std::isfinite(x)) return x;
  return std::isnan(x) ? "NaN" : (x > 0 ? "inf" : "-inf");
}

double read_number(const nlohmann::json& j, std::string_view where) {
  if (j.is_number()) return j.get<double>();
  if (j.is_string()) {
    const auto s = j.get<std::string>();
    if (s == "NaN") return std::nan("");
    if (s == "inf") return INFINITY;
    if (s == "-inf") return -INFINITY;
  }
  throw std::invalid_argument(fmt::format("{}: expected a number, found {}", where, j.dump()));
}

std::string exact_value(const Value& v, const Rounding&) {
  // Full precision in the substituted formula of the JSON form.
  switch (kind_of(v)) {
    case ValueKind::scalar: return detail::format_exact(std::get<double>(v));
    default: return detail::format_value_latex(v, Rounding{Rounding::Mode::significant, 17});
  }
}

}  // namespace

nlohmann::ordered_json value_to_json(const Value& value) {
  nlohmann::ordered_json j;
  j["kind"] = kind_name(kind_of(value));
  switch (kind_of(value)) {
    case ValueKind::scalar: j["value"] = number(std::get<double>(value)); break;
    case ValueKind::vector: {
      nlohmann::ordered_json list = nlohmann::ordered_json::array();
      for (double x : std::get<Eigen::VectorXd>(value)) list.push_back(number(x));
      j["value"] = list;
      break;
    }
    case ValueKind::matrix: {
      const auto& m = std::get<Eigen::MatrixXd>(value);
      j["rows"] = m.rows();
      j["cols"] = m.cols();
      nlohmann::ordered_json rows = nlohmann::ordered_json::array();
      for (Eigen::Index i = 0; i < m.rows(); ++i) {
        nlohmann::ordered_json row = nlohmann::ordered_json::array();
        for (Eigen::Index c = 0; c < m.cols(); ++c) row.push_back(number(m(i, c)));
        rows.push_back(row);
      }
      j["value"] = rows;
      break;
    }
    case ValueKind::verdict: {
      const auto& v = std::get<Verdict>(value);
      j["holds"] = v.holds;
      j["text"] = v.text;
      break;
    }
  }
  return j;
}

Value value_from_json(const nlohmann::json& j) {
  if (!j.is_object() || !j.contains("kind") || !j["kind"].is_string())
    throw std::invalid_argument("a value must be an object with a string \"kind\"");
  const auto kind = j["kind"].get<std::string>();
  if (kind == "verdict") {
    if (!j.contains("holds") || !j["holds"].is_boolean())
      throw std::invalid_argument("a verdict needs a boolean \"holds\"");
    return Verdict{j["holds"].get<bool>(), j.value("text", std::string())};
  }
  if (!j.contains("value")) throw std::invalid_argument(fmt::format("a {} needs a \"value\"", kind));
  const auto& v = j["value"];
  if (kind == "scalar") return read_number(v, "scalar value");
  if (kind == "vector") {
    if (!v.is_array()) throw std::invalid_argument("a vector's value must be an array");
    Eigen::VectorXd out(static_cast<Eigen::Index>(v.size()));
    for (std::size_t i = 0; i < v.size(); ++i)
      out[static_cast<Eigen::Index>(i)] = read_number(v[i], fmt::format("vector entry {}", i));
    return out;
  }
  if (kind == "matrix") {
    if (!v.is_array()) throw std::invalid_argument("a matrix's value must be an array of rows");
    const std::size_t rows = v.size();
    const std::size_t cols = rows ? v[0].size() : 0;
    Eigen::MatrixXd out(static_cast<Eigen::Index>(rows), static_cast<Eigen::Index>(cols));
    for (std::size_t i = 0; i < rows; ++i) {
      if (!v[i].is_array() || v[i].size() != cols)
        throw std::invalid_argument(fmt::format("matrix row {} is not an array of {} numbers", i, cols));
      for (std::size_t c = 0; c < cols; ++c)
        out(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(c)) =
            read_number(v[i][c], fmt::format("matrix entry ({}, {})", i, c));
    }
    return out;
  }
  throw std::invalid_argument(fmt::format("unknown value kind \"{}\"", kind));
}

nlohmann::ordered_json to_json(const Trace& trace) {
  nlohmann::ordered_json j;
  j["format"] = "nnwb-trace";
  j["format_version"] = trace_format_version;
  j["chapter"] = {{"id", trace.id()}, {"title", trace.title()}, {"summary", trace.summary()}};
  j["sources"] = nlohmann::ordered_json::array();
  for (const auto& s : trace.sources())
    j["sources"].push_back({{"lecture", s.lecture}, {"seed_file", s.seed_file}, {"headings", s.headings}});
  j["convention"] = trace.convention();
  j["notation"] = nlohmann::ordered_json::array();
  for (const auto& n : trace.notation()) j["notation"].push_back({{"symbol", n.symbol}, {"meaning", n.meaning}});
  j["variant"] = trace.seed() ? nlohmann::ordered_json{{"seed", *trace.seed()}} : nlohmann::ordered_json{{"seed", nullptr}};
  const auto& r = trace.rounding();
  j["rounding"] = {{"mode", r.mode == Rounding::Mode::significant ? "significant" : "decimals"},
                   {"digits", r.digits}};
  j["parameters"] = nlohmann::ordered_json::array();
  for (const auto& p : trace.parameters())
    j["parameters"].push_back(
        {{"name", p.name}, {"symbol", p.symbol}, {"meaning", p.meaning}, {"value", value_to_json(p.value)}});
  j["steps"] = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < trace.steps().size(); ++i) {
    const Step& s = trace.steps()[i];
    nlohmann::ordered_json step = {{"index", i + 1},      {"id", s.id},         {"section", s.section},
                           {"title", s.title},    {"formula", s.formula}, {"inputs", s.inputs}};
    if (!s.numbers.empty()) {
      step["numbers_template"] = s.numbers;
      step["numbers"] = detail::substitute(s.numbers, trace, s, exact_value, Rounding{});
    }
    if (!s.slide.empty()) step["slide"] = s.slide;
    step["value"] = value_to_json(s.value);
    j["steps"].push_back(std::move(step));
  }
  j["gradients"] = nlohmann::ordered_json::array();
  for (const auto& claim : trace.gradient_claims())
    j["gradients"].push_back({{"step", claim.step}, {"of", claim.of}, {"wrt", claim.wrt}});
  return j;
}

std::string render_json(const Trace& trace) { return to_json(trace).dump(2) + "\n"; }

}  // namespace nnwb
