// The documented JSON trace format (docs/trace-format.md), as a checker.
#include "support/trace_format.hpp"

#include <fmt/format.h>
#include <set>

#include "nnwb/render.hpp"

namespace nnwb::testing {
namespace {

using nlohmann::json;

class Checker {
 public:
  std::vector<std::string> problems;

  void require(bool ok, const std::string& path, const std::string& what) {
    if (!ok) problems.push_back(path + ": " + what);
  }
  bool has(const json& j, const std::string& path, const char* key, json::value_t type) {
    if (!j.contains(key)) {
      problems.push_back(fmt::format("{}.{}: missing", path, key));
      return false;
    }
    const auto actual = j[key].type();
    const bool ok = actual == type ||
                    (type == json::value_t::number_float && j[key].is_number()) ||
                    (type == json::value_t::number_unsigned && j[key].is_number_integer() && j[key] >= 0);
    require(ok, fmt::format("{}.{}", path, key), fmt::format("has the wrong type ({})", j[key].type_name()));
    return ok;
  }
  void strings(const json& j, const std::string& path) {
    for (std::size_t i = 0; i < j.size(); ++i)
      require(j[i].is_string(), fmt::format("{}[{}]", path, i), "is not a string");
  }
  void number(const json& j, const std::string& path) {
    require(j.is_number() || (j.is_string() && (j == "NaN" || j == "inf" || j == "-inf")), path,
            "is not a number");
  }
  void value(const json& v, const std::string& path) {
    if (!v.is_object() || !has(v, path, "kind", json::value_t::string)) return;
    const std::string kind = v["kind"];
    if (kind == "verdict") {
      has(v, path, "holds", json::value_t::boolean);
      has(v, path, "text", json::value_t::string);
      return;
    }
    if (!v.contains("value")) {
      problems.push_back(path + ".value: missing");
      return;
    }
    if (kind == "scalar") return number(v["value"], path + ".value");
    if (kind == "vector") {
      if (!has(v, path, "value", json::value_t::array)) return;
      for (std::size_t i = 0; i < v["value"].size(); ++i) number(v["value"][i], fmt::format("{}.value[{}]", path, i));
      return;
    }
    if (kind == "matrix") {
      if (!has(v, path, "rows", json::value_t::number_unsigned) || !has(v, path, "cols", json::value_t::number_unsigned) ||
          !has(v, path, "value", json::value_t::array))
        return;
      require(v["value"].size() == v["rows"].get<std::size_t>(), path, "rows disagrees with the value");
      for (std::size_t i = 0; i < v["value"].size(); ++i) {
        const auto& row = v["value"][i];
        require(row.is_array() && row.size() == v["cols"].get<std::size_t>(), fmt::format("{}.value[{}]", path, i),
                "is not a row of `cols` numbers");
        if (row.is_array())
          for (std::size_t c = 0; c < row.size(); ++c) number(row[c], fmt::format("{}.value[{}][{}]", path, i, c));
      }
      return;
    }
    problems.push_back(fmt::format("{}.kind: unknown kind \"{}\"", path, kind));
  }
};

}  // namespace

std::vector<std::string> trace_format_problems(const json& t) {
  Checker c;
  using vt = json::value_t;
  if (!t.is_object()) return {"$: a trace is a JSON object"};
  if (c.has(t, "$", "format", vt::string)) c.require(t["format"] == "nnwb-trace", "$.format", "is not \"nnwb-trace\"");
  if (c.has(t, "$", "format_version", vt::number_unsigned))
    c.require(t["format_version"] == trace_format_version, "$.format_version", "is not the current version");
  if (c.has(t, "$", "chapter", vt::object)) {
    c.has(t["chapter"], "$.chapter", "id", vt::string);
    c.has(t["chapter"], "$.chapter", "title", vt::string);
    c.has(t["chapter"], "$.chapter", "summary", vt::string);
  }
  if (c.has(t, "$", "sources", vt::array))
    for (std::size_t i = 0; i < t["sources"].size(); ++i) {
      const auto& s = t["sources"][i];
      const auto path = fmt::format("$.sources[{}]", i);
      c.has(s, path, "lecture", vt::string);
      c.has(s, path, "seed_file", vt::string);
      if (c.has(s, path, "headings", vt::array)) c.strings(s["headings"], path + ".headings");
    }
  c.has(t, "$", "convention", vt::string);
  if (c.has(t, "$", "notation", vt::array))
    for (std::size_t i = 0; i < t["notation"].size(); ++i) {
      c.has(t["notation"][i], fmt::format("$.notation[{}]", i), "symbol", vt::string);
      c.has(t["notation"][i], fmt::format("$.notation[{}]", i), "meaning", vt::string);
    }
  if (c.has(t, "$", "variant", vt::object))
    c.require(t["variant"].contains("seed") && (t["variant"]["seed"].is_null() || t["variant"]["seed"].is_number_unsigned()),
              "$.variant.seed", "is neither null nor a whole number");
  if (c.has(t, "$", "rounding", vt::object)) {
    if (c.has(t["rounding"], "$.rounding", "mode", vt::string))
      c.require(t["rounding"]["mode"] == "significant" || t["rounding"]["mode"] == "decimals", "$.rounding.mode",
                "is neither significant nor decimals");
    c.has(t["rounding"], "$.rounding", "digits", vt::number_unsigned);
  }
  std::set<std::string> names;
  if (c.has(t, "$", "parameters", vt::array))
    for (std::size_t i = 0; i < t["parameters"].size(); ++i) {
      const auto& p = t["parameters"][i];
      const auto path = fmt::format("$.parameters[{}]", i);
      if (c.has(p, path, "name", vt::string)) c.require(names.insert(p["name"]).second, path + ".name", "is not unique");
      c.has(p, path, "symbol", vt::string);
      c.has(p, path, "meaning", vt::string);
      if (c.has(p, path, "value", vt::object)) c.value(p["value"], path + ".value");
    }
  if (c.has(t, "$", "steps", vt::array))
    for (std::size_t i = 0; i < t["steps"].size(); ++i) {
      const auto& s = t["steps"][i];
      const auto path = fmt::format("$.steps[{}]", i);
      if (c.has(s, path, "index", vt::number_unsigned)) c.require(s["index"] == i + 1, path + ".index", "is not its place, from 1");
      if (c.has(s, path, "inputs", vt::array))
        for (std::size_t k = 0; k < s["inputs"].size(); ++k)
          c.require(s["inputs"][k].is_string() && names.count(s["inputs"][k].get<std::string>()) > 0,
                    fmt::format("{}.inputs[{}]", path, k), "is not an earlier parameter or step");
      if (c.has(s, path, "id", vt::string)) c.require(names.insert(s["id"]).second, path + ".id", "is not unique");
      c.has(s, path, "section", vt::string);
      c.has(s, path, "title", vt::string);
      c.has(s, path, "formula", vt::string);
      if (s.contains("numbers")) {
        c.has(s, path, "numbers", vt::string);
        c.has(s, path, "numbers_template", vt::string);
      }
      if (s.contains("slide")) c.has(s, path, "slide", vt::string);
      if (c.has(s, path, "value", vt::object)) c.value(s["value"], path + ".value");
    }
  if (c.has(t, "$", "gradients", vt::array))
    for (std::size_t i = 0; i < t["gradients"].size(); ++i)
      for (const char* key : {"step", "of", "wrt"}) {
        const auto path = fmt::format("$.gradients[{}]", i);
        if (c.has(t["gradients"][i], path, key, vt::string))
          c.require(names.count(t["gradients"][i][key].get<std::string>()) > 0, fmt::format("{}.{}", path, key),
                    "names no parameter or step");
      }
  return c.problems;
}

}  // namespace nnwb::testing
