// solutions/ keeps the answer trace (Markdown and JSON) of every exercise's default variant, the
// lecture's own numbers. This test computes each one again and compares: the Markdown exactly, the
// JSON value by value (numbers to a relative 1e-12, so that another compiler's last bit does not
// matter). When it fails, `cmake --build build --target solutions` brings solutions/ up to date.
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "exercises.hpp"

namespace fs = std::filesystem;
using namespace nnwb;

namespace {

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// Where two JSON documents differ ("" if nowhere), numbers compared to a relative 1e-12.
std::string difference(const nlohmann::json& a, const nlohmann::json& b, const std::string& where) {
  if (a.is_number() && b.is_number()) {
    const double x = a.get<double>(), y = b.get<double>();
    return std::abs(x - y) <= 1e-12 * std::max({1.0, std::abs(x), std::abs(y)}) ? "" : where;
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
  return a == b ? "" : where;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(solutions)

BOOST_AUTO_TEST_CASE(solutions_holds_the_current_answer_trace_of_every_default_variant) {
  const fs::path dir = fs::path(NNWB_SOURCE_DIR) / "solutions";
  for (const Exercise& e : exercises::all()) {
    BOOST_TEST_CONTEXT(e.id() << " (run `cmake --build build --target solutions` if the change is meant)") {
      const Trace trace = e.build(std::nullopt);
      BOOST_TEST_REQUIRE(fs::exists(dir / (e.id() + ".md")));
      BOOST_TEST_REQUIRE(fs::exists(dir / (e.id() + ".json")));
      BOOST_TEST((slurp(dir / (e.id() + ".md")) == render_key_markdown(e, trace, Variant::lecture())));
      const auto kept = nlohmann::json::parse(slurp(dir / (e.id() + ".json")));
      const auto now = nlohmann::json::parse(render_key_json(e, trace, Variant::lecture()));
      BOOST_TEST(difference(kept, now, "") == "");
    }
  }
  // Nothing stale: every file there belongs to an exercise.
  for (const auto& entry : fs::directory_iterator(dir)) {
    const std::string name = entry.path().stem().string();
    if (entry.path().filename() == "README.md") continue;
    bool known = false;
    for (const Exercise& e : exercises::all()) known = known || e.id() == name;
    BOOST_TEST(known, entry.path().filename() << " belongs to no exercise");
  }
}

BOOST_AUTO_TEST_SUITE_END()
