// Every chapter of the catalogue (chapters/catalogue.cpp), on its default and on several seeds:
// the JSON matches the documented format (docs/trace-format.md), every gradient the trace claims
// agrees with a central difference, the same seed gives the same trace, and all three forms render.
#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <cctype>

#include "chapters.hpp"
#include "nnwb/render.hpp"
#include "support/chapter_ids.hpp"
#include "support/gradient_claims.hpp"
#include "support/trace_format.hpp"

BOOST_AUTO_TEST_SUITE(catalogue)

namespace bdata = boost::unit_test::data;
using nnwb::ChapterOptions;

namespace {

// The default (no seed) and five seeds.
const std::vector<std::optional<std::uint64_t>> variants = {std::nullopt, 1, 2, 3, 42, 20261122};

using nnwb::test::chapter_ids;

}  // namespace

BOOST_AUTO_TEST_CASE(lists_the_chapters_in_catalogue_order) {
  // ../shared/CATALOGUE.md's order; the chapters not yet written are left out.
  const std::vector<std::string> expected = {
      "perceptron",
      "mse_vs_ce",
      "softmax_jacobian",
      "tanh_derivative",
      "delta_recursion",
      "graph_xyz",
      "graph_neuron",
      "neuron_geometry",
      "logic_units",
      "xnor_mlp",
      "activations",
      "sigmoid_posterior",
      "single_neuron_gd",
      "single_layer",
      "linear_regression",
      "max_likelihood",
      "matrix_graph",
      "dag_backprop",
      "training",
      "gradient_check",
      "universal_approximation",
      "errata",
  };
  BOOST_TEST(chapter_ids() == expected, boost::test_tools::per_element());
  int last = 0;
  for (const auto& c : nnwb::chapters::catalogue()) {
    BOOST_TEST(c.number >= last);
    last = c.number;
  }
  BOOST_CHECK_THROW(nnwb::chapters::find("no_such_chapter"), std::out_of_range);
}

BOOST_DATA_TEST_CASE(json_matches_the_documented_format, bdata::make(chapter_ids()), id) {
  for (const auto& seed : variants) {
    BOOST_TEST_CONTEXT(id << " with seed " << (seed ? std::to_string(*seed) : "none")) {
      const nnwb::Trace trace = nnwb::chapters::find(id).build(ChapterOptions{seed});
      const auto json = nlohmann::json::parse(nnwb::render_json(trace));
      const auto problems = nnwb::testing::trace_format_problems(json);
      BOOST_TEST(problems.empty());
      for (const auto& p : problems) BOOST_TEST_MESSAGE(p);
      BOOST_TEST(json["chapter"]["id"] == id);
      BOOST_TEST(json["steps"].size() > 3u);
      BOOST_TEST(!json["sources"].empty());
      if (seed) BOOST_TEST(json["variant"]["seed"] == *seed);
      // Every value reads back to the same numbers, bit for bit.
      for (std::size_t i = 0; i < trace.steps().size(); ++i)
        BOOST_TEST((nnwb::value_from_json(json["steps"][i]["value"]) == trace.steps()[i].value));
    }
  }
}

BOOST_DATA_TEST_CASE(every_claimed_gradient_agrees_with_central_differences, bdata::make(chapter_ids()), id) {
  for (const auto& seed : variants) {
    const nnwb::Trace trace = nnwb::chapters::find(id).build(ChapterOptions{seed});
    for (const auto& check : nnwb::testing::check_gradient_claims(trace)) {
      BOOST_TEST_CONTEXT(id << " seed " << (seed ? std::to_string(*seed) : "none") << ": " << check.step
                            << " = ∂/∂" << check.wrt) {
        BOOST_TEST(check.worst_relative_error <= 1e-7);
      }
    }
  }
}

BOOST_DATA_TEST_CASE(same_seed_same_trace_and_recompute_changes_nothing, bdata::make(chapter_ids()), id) {
  const auto& chapter = nnwb::chapters::find(id);
  for (const auto& seed : variants) {
    nnwb::Trace a = chapter.build(ChapterOptions{seed});
    const std::string first = nnwb::render_json(a);
    BOOST_TEST(first == nnwb::render_json(chapter.build(ChapterOptions{seed})));
    a.recompute({});  // every step again from its inputs: the closures reproduce the values
    BOOST_TEST(first == nnwb::render_json(a));
  }
  // Different seeds draw different parameters, and differ from the lecture's example.
  const auto params = [&](std::optional<std::uint64_t> seed) {
    return nlohmann::json::parse(nnwb::render_json(chapter.build(ChapterOptions{seed})))["parameters"];
  };
  BOOST_TEST(params(1) != params(2));
  BOOST_TEST(params(std::nullopt) != params(1));
}

BOOST_DATA_TEST_CASE(text_and_markdown_render, bdata::make(chapter_ids()), id) {
  for (const auto& seed : variants) {
    const nnwb::Trace trace = nnwb::chapters::find(id).build(ChapterOptions{seed});
    const std::string text = nnwb::render_text(trace), md = nnwb::render_markdown(trace);
    BOOST_TEST(text.find(std::string(id) + ": ") == 0u);
    BOOST_TEST(md.find("# " + std::string(id)) == 0u);
    for (const auto& step : trace.steps()) {
      BOOST_TEST_CONTEXT(id << " step " << step.id) {
        BOOST_TEST(text.find("[" + step.id + "]") != std::string::npos);
        BOOST_TEST(md.find("`" + step.id + "`") != std::string::npos);
      }
    }
    // Every [[name]] placeholder was filled in (an inline matrix "[[1, 2], …]" starts with a number).
    for (auto at = text.find("[["); at != std::string::npos; at = text.find("[[", at + 1)) {
      const char next = at + 2 < text.size() ? text[at + 2] : ' ';
      BOOST_TEST(!(std::isalpha(static_cast<unsigned char>(next)) || next == '_'), text.substr(at, 40));
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
