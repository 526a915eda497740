// The three printed forms (lib/render.hpp): rounding, LaTeX to Unicode, Markdown math, and JSON
// that keeps full precision and reads back.
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "nnwb/detail/number_format.hpp"
#include "nnwb/render.hpp"

BOOST_AUTO_TEST_SUITE(render)

using nnwb::Inputs;
using nnwb::Rounding;
using nnwb::Trace;
using nnwb::Value;
using nnwb::detail::format_number;
using nnwb::detail::latex_to_text;

namespace {

Trace sigmoid_trace() {
  Trace t("demo", "A sigmoid");
  t.source("BMB", "001_86790086ad6a4e65.txt", {"Backpropagation: Another Example"})
      .convention("column vectors")
      .notation("\\sigma", "the logistic sigmoid")
      .rounding({Rounding::Mode::decimals, 2});
  t.parameter("a", "a", "the pre-activation", 1.0);
  t.section("Forward");
  t.step("y", "The output $\\sigma(a)$")
      .formula("y = \\frac{1}{1 + e^{-a}}")
      .numbers("\\frac{1}{1 + e^{-[[a]]}}")
      .slide("0.73")
      .compute({"a"}, [](const Inputs& in) -> Value { return 1.0 / (1.0 + std::exp(-in.scalar("a"))); });
  t.step("m", "A matrix").compute({}, [](const Inputs&) -> Value {
    Eigen::MatrixXd m(2, 2);
    m << 1, -0.5, 0.25, 1.0 / 3.0;
    return m;
  });
  t.step("ok", "A verdict").compute({}, [](const Inputs&) -> Value { return nnwb::Verdict{true, "it holds"}; });
  return t;
}

}  // namespace

BOOST_AUTO_TEST_CASE(numbers_round_as_asked) {
  const Rounding two_decimals{Rounding::Mode::decimals, 2}, three_sig{Rounding::Mode::significant, 3};
  BOOST_TEST(format_number(1.0 / (1.0 + std::exp(-1.0)), two_decimals) == "0.73");
  BOOST_TEST(format_number(-0.196611933, two_decimals) == "-0.20");
  BOOST_TEST(format_number(-12.0, two_decimals) == "-12");  // integers print as integers
  BOOST_TEST(format_number(-0.001, two_decimals) == "-0.001");  // too small for 2 decimals: not "0.00"
  BOOST_TEST(format_number(-0.0, three_sig) == "0");
  BOOST_TEST(format_number(1234.5678, three_sig) == "1.23e+03");
  BOOST_TEST(format_number(0.000123456, three_sig) == "0.000123");
  BOOST_TEST(format_number(std::nan(""), three_sig) == "NaN");
  BOOST_TEST(nnwb::detail::format_number_latex(1.5e-7, three_sig) == "1.5\\times 10^{-7}");
}

BOOST_AUTO_TEST_CASE(latex_becomes_unicode_for_a_terminal) {
  BOOST_TEST(latex_to_text("\\frac{\\partial f}{\\partial x}") == "∂f/∂x");
  BOOST_TEST(latex_to_text("\\frac{1}{1 + e^{-a}}") == "1/(1 + e⁻ᵃ)");
  BOOST_TEST(latex_to_text("w_{ij} \\leftarrow w_{ij} - \\eta \\delta_j z_i") == "wᵢⱼ ← wᵢⱼ - ηδⱼ zᵢ");
  BOOST_TEST(latex_to_text("1 - \\tanh^2(a)") == "1 - tanh²(a)");
  BOOST_TEST(latex_to_text("\\hat{y}") == "y\u0302");
  BOOST_TEST(latex_to_text("W^\\top \\delta") == "Wᵀ δ");
  BOOST_TEST(latex_to_text("\\sum_{k} t_k \\log y_k") == "Σₖ tₖ log yₖ");
  BOOST_TEST(latex_to_text("\\eta = 1") == "η = 1");                      // a space before '=' stays
  BOOST_TEST(latex_to_text("\\frac{f(x+h) - f(x-h)}{2\\varepsilon}") == "(f(x+h) - f(x-h))/(2ε)");
  BOOST_TEST(latex_to_text("\\frac{\\partial E_p}{\\partial w_0}") == "∂Eₚ/∂w₀");
  BOOST_TEST(latex_to_text("w^{(k)}") == "w⁽ᵏ⁾");
  BOOST_TEST(latex_to_text("\\Phi^\\top") == "Φᵀ");
  BOOST_TEST(latex_to_text("\\cos\\theta_i = \\frac{w_i}{\\|w\\|}") == "cos θᵢ = wᵢ/‖w‖");
  BOOST_TEST(latex_to_text("\\log(x) + u \\perp w") == "log(x) + u ⊥ w");
  BOOST_TEST(latex_to_text("a \\overset{?}{=} b") == "a =? b");
  BOOST_TEST(latex_to_text("\\ln\\frac{P(C_1)}{P(C_2)}") == "ln(P(C₁)/P(C₂))");
  BOOST_TEST(latex_to_text("\\frac{1}{2}\\mu^\\top") == "(1/2)μᵀ");
  BOOST_TEST(latex_to_text("W^*") == "W*");
  BOOST_TEST(nnwb::detail::display_width("y\u0302ᵢ = σ") == 6u);
  BOOST_TEST(nnwb::detail::prose_to_text("gradient $\\partial E/\\partial w$ here") == "gradient ∂E/∂w here");
}

BOOST_AUTO_TEST_CASE(text_form) {
  const std::string text = nnwb::render_text(sigmoid_trace());
  BOOST_TEST(text.find("demo: A sigmoid") != std::string::npos);
  BOOST_TEST(text.find("The output σ(a)") != std::string::npos);
  BOOST_TEST(text.find("y = 1/(1 + e⁻ᵃ)") != std::string::npos);
  BOOST_TEST(text.find("-> 0.73    (slide: 0.73)") != std::string::npos);
  BOOST_TEST(text.find("yes: it holds") != std::string::npos);
  BOOST_TEST(text.find("-- Forward --") != std::string::npos);
  // More digits on request.
  const std::string precise = nnwb::render_text(sigmoid_trace(), Rounding{Rounding::Mode::significant, 6});
  BOOST_TEST(precise.find("-> 0.731059") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(markdown_tables_keep_norms_and_bars) {
  Trace t("bars", "bars");
  t.notation("\\|\\mathbf{w}\\|", "the length $\\|\\mathbf{w}\\|$ of w, or |w| in words");
  const std::string md = nnwb::render_markdown(t);
  BOOST_TEST(md.find("| $\\Vert \\mathbf{w}\\Vert $ | the length $\\Vert \\mathbf{w}\\Vert $ of w, or \\|w\\| in words |") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(markdown_form) {
  const std::string md = nnwb::render_markdown(sigmoid_trace());
  BOOST_TEST(md.find("# demo: A sigmoid") != std::string::npos);
  BOOST_TEST(md.find("$$y = \\frac{1}{1 + e^{-a}} = \\frac{1}{1 + e^{-1}} = 0.73$$") != std::string::npos);
  BOOST_TEST(md.find("\\begin{bmatrix}1 & -0.50 \\\\ 0.25 & 0.33\\end{bmatrix}") != std::string::npos);
  BOOST_TEST(md.find("**Yes.** it holds") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(json_keeps_full_precision_and_reads_back) {
  const Trace t = sigmoid_trace();
  const nlohmann::json j = nlohmann::json::parse(nnwb::render_json(t));
  BOOST_TEST(j["format"] == "nnwb-trace");
  BOOST_TEST(j["format_version"] == nnwb::trace_format_version);
  BOOST_TEST(j["steps"][0]["value"]["value"].get<double>() == 1.0 / (1.0 + std::exp(-1.0)));  // every bit
  BOOST_TEST(j["steps"][0]["numbers"] == "\\frac{1}{1 + e^{-1}}");
  // A negative number gets parentheses, but not twice: "g([[a]])" with a = −1.5 is g(-1.5).
  Trace neg("neg", "neg");
  neg.parameter("a", "a", "", -1.5);
  neg.step("g", "g").numbers("g([[a]]) + [[a]]").compute({"a"}, [](const Inputs& in) -> Value { return in.scalar("a"); });
  BOOST_TEST(nnwb::render_text(neg).find("= g(-1.5) + (-1.5)") != std::string::npos);
  for (const auto& step : t.steps()) {
    const Value back = nnwb::value_from_json(nnwb::value_to_json(step.value));
    BOOST_TEST((back == step.value));
  }
  BOOST_CHECK_THROW(nnwb::value_from_json(nlohmann::json::parse(R"({"kind":"vector","value":[1,"x"]})")),
                    std::invalid_argument);
  BOOST_CHECK_THROW(nnwb::value_from_json(nlohmann::json::parse(R"({"kind":"tensor"})")), std::invalid_argument);
  // Non-finite numbers survive as strings.
  const Value inf = std::numeric_limits<double>::infinity();
  BOOST_TEST(nnwb::value_to_json(inf)["value"] == "inf");
  BOOST_TEST(std::isinf(std::get<double>(nnwb::value_from_json(nnwb::value_to_json(inf)))));
}

BOOST_AUTO_TEST_SUITE_END()
