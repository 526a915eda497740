// solutions/ keeps the answer trace (Markdown and JSON) of every exercise's default variant, the
// lecture's own numbers. This test computes each one again and compares: the JSON value by value,
// every number to 1e-9 (the answers themselves), and the Markdown word for word with its numbers
// masked (the chapters also print rounding noise, whose digits depend on the compiler's flags). When it fails, `cmake --build build --target solutions` brings solutions/ up to date.
#include <boost/test/unit_test.hpp>
#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "exercises.hpp"
#include "support/commands.hpp"

BOOST_AUTO_TEST_SUITE(solutions)

namespace fs = std::filesystem;
using namespace nnwb;

namespace {

using nnwb::test::slurp;

// Text with every number (and its sign) replaced by '#': the chapters also print rounding noise,
// such as "the two graphs agree to 2.8e-17", whose digits differ between compilers and flags.
std::string masked(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    const auto digit = [&](std::size_t k) { return k < text.size() && std::isdigit(static_cast<unsigned char>(text[k])); };
    const bool sign = text[i] == '-' && digit(i + 1);
    if (!digit(i) && !sign) {
      out += text[i++];
      continue;
    }
    i += sign ? 1 : 0;
    while (digit(i) || (text[i] == '.' && digit(i + 1))) ++i;
    if (i < text.size() && (text[i] == 'e' || text[i] == 'E') &&
        (digit(i + 1) || ((text[i + 1] == '-' || text[i + 1] == '+') && digit(i + 2)))) {
      i += 2;
      while (digit(i)) ++i;
    }
    out += '#';
  }
  return out;
}

// Where two JSON documents differ ("" if nowhere): numbers to 1e-9 (relative, or absolute below
// 1), text with its numbers masked.
std::string difference(const nlohmann::json& a, const nlohmann::json& b, const std::string& where) {
  if (a.is_number() && b.is_number()) {
    const double x = a.get<double>(), y = b.get<double>();
    return std::abs(x - y) <= 1e-9 * std::max({1.0, std::abs(x), std::abs(y)}) ? "" : where;
  }
  if (a.type() != b.type()) return where;
  if (a.is_object()) {
    if (a.size() != b.size()) return where;
    for (const auto& [key, value] : a.items()) {
      if (!b.contains(key)) return where + "/" + key;
      if (auto d = difference(value, b.at(key), where + "/" + key); !d.empty()) return d;
    }
    return "";
  }
  if (a.is_array()) {
    if (a.size() != b.size()) return where;
    for (std::size_t i = 0; i < a.size(); ++i)
      if (auto d = difference(a[i], b[i], where + "/" + std::to_string(i)); !d.empty()) return d;
    return "";
  }
  if (a.is_string()) return masked(a.get<std::string>()) == masked(b.get<std::string>()) ? "" : where;
  return a == b ? "" : where;
}

}  // namespace

BOOST_AUTO_TEST_CASE(solutions_holds_the_current_answer_trace_of_every_default_variant) {
  const fs::path dir = fs::path(NNWB_SOURCE_DIR) / "solutions";
  for (const Exercise& e : exercises::all()) {
    BOOST_TEST_CONTEXT(e.id() << " (run `cmake --build build --target solutions` if the change is meant)") {
      const Trace trace = e.build(std::nullopt);
      BOOST_TEST_REQUIRE(fs::exists(dir / (e.id() + ".md")));
      BOOST_TEST_REQUIRE(fs::exists(dir / (e.id() + ".json")));
      BOOST_TEST((masked(slurp(dir / (e.id() + ".md"))) == masked(render_key_markdown(e, trace, Variant::lecture()))));
      const auto kept = nlohmann::json::parse(slurp(dir / (e.id() + ".json")));
      const auto now = nlohmann::json::parse(render_key_json(e, trace, Variant::lecture()));
      BOOST_TEST(difference(kept, now, "") == "");
    }
  }
  // Nothing stale: every file there belongs to an exercise.
  for (const auto& entry : fs::directory_iterator(dir)) {
    const std::string name = entry.path().stem().string();
    if (entry.path().filename() == "README.md") continue;
    if (entry.path().filename() == "code") continue;  // the code exercises' reference solutions (code_exercises_test)
    bool known = false;
    for (const Exercise& e : exercises::all()) known = known || e.id() == name;
    BOOST_TEST(known, entry.path().filename() << " belongs to no exercise");
  }
}

BOOST_AUTO_TEST_SUITE_END()
