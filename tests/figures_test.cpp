// Every chapter's pictures (lib/trace/include/nnwb/figure.hpp), drawn as the command line draws them
// (`--figures DIR`: gnuplot for plots, Graphviz's dot for computation graphs), on the lecture's
// example and on a seed. The SVG files land in <build>/figures/ for a reader to look at; the tests
// read each one back and check what it shows against the figure's data: for a plot, one drawn
// curve per curve, every title and axis label, the axis ranges; for a graph, one node per node with
// its label, and on each edge the forward value and the gradient, rounded as the figure says.
// Then, picture by picture, the data against the slides and against closed forms computed here.
#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <fmt/format.h>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "chapters.hpp"
#include "nnwb/figure.hpp"
#include "nnwb/svg_drawing.hpp"
#include "support/chapter_ids.hpp"
#include "support/trace_values.hpp"

BOOST_AUTO_TEST_SUITE(figures)

namespace bdata = boost::unit_test::data;
using nnwb::Diagram;
using nnwb::Figure;
using nnwb::Plot;
using nnwb::testing::variant;

namespace {

const std::filesystem::path figure_dir = std::filesystem::path(NNWB_BIN_DIR).parent_path() / "figures";

using nnwb::test::chapter_ids;  // chapters without figures pass trivially

// Undoes the escapes that gnuplot and dot write: &amp; &lt; &gt; &quot; and numeric &#NN;.
std::string xml_unescaped(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '&') {
      out += text[i];
      continue;
    }
    const std::size_t end = text.find(';', i);
    const std::string entity = text.substr(i + 1, end - i - 1);
    if (entity == "amp") out += '&';
    else if (entity == "lt") out += '<';
    else if (entity == "gt") out += '>';
    else if (entity == "quot") out += '"';
    else if (!entity.empty() && entity[0] == '#') out += static_cast<char>(std::stoi(entity.substr(1)));
    i = end;
  }
  return out;
}

std::size_t count_of(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// The SVG of one figure, drawn and kept in <build>/figures/<chapter>[.seed].<figure>.svg.
std::string drawn(const std::string& chapter, int k, const Figure& figure) {
  const std::string svg = nnwb::render_svg(figure);
  std::filesystem::create_directories(figure_dir);
  const std::string seed = k ? ".seed" + std::to_string(k) : "";
  std::ofstream(figure_dir / (chapter + seed + "." + figure.name + ".svg")) << svg;
  return svg;
}

// A plot as drawn: one gnuplot_plot_N group per curve, with its title in the key; the labels; the
// ranges the script asks for.
void check_plot_svg(const Plot& plot, const std::string& caption, const std::string& svg) {
  BOOST_TEST(count_of(svg, "<g id=\"gnuplot_plot_") == plot.curves.size());
  const std::string shown = xml_unescaped(svg);  // the text as a reader sees it
  for (const auto& curve : plot.curves)
    BOOST_TEST(shown.find("<text>" + curve.title + "</text>") != std::string::npos, curve.title);
  for (const auto& label : {plot.x_label, plot.y_label})
    BOOST_TEST(shown.find(label + "</text>") != std::string::npos, label);
  // The caption is the plot's title, broken into lines at spaces: every word of it is shown.
  std::istringstream words(caption);
  for (std::string word; words >> word;)
    BOOST_TEST(shown.find(word) != std::string::npos, word);
  const std::string script = nnwb::to_gnuplot_script(plot, caption);
  for (const auto& [axis, range] : {std::pair{"x", plot.x_range}, std::pair{"y", plot.y_range}}) {
    if (!range) continue;
    BOOST_TEST(range->first < range->second);
    const std::regex set_range(std::string("set ") + axis + R"(range \[([^:]+):([^\]]+)\])");
    std::smatch m;
    BOOST_REQUIRE(std::regex_search(script, m, set_range));
    BOOST_TEST(std::stod(m[1]) == range->first);
    BOOST_TEST(std::stod(m[2]) == range->second);
  }
}

// A graph as drawn: one node group per node, showing its label, and per edge (dot titles it
// "from->to") the forward value in green and the gradient in red, each within half a unit of the
// figure's last printed decimal.
void check_diagram_svg(const Diagram& diagram, const std::string& svg) {
  BOOST_TEST(count_of(svg, "class=\"node\"") == diagram.nodes.size());
  BOOST_TEST(count_of(svg, "class=\"edge\"") == diagram.edges.size());
  std::map<std::string, std::string> label_of;
  for (const auto& node : diagram.nodes) label_of[node.id] = node.label;
  const std::regex node_group(R"(class="node">\s*<title>([^<]*)</title>[\s\S]*?<text[^>]*>([^<]*)</text>)");
  std::size_t nodes_seen = 0;
  for (std::sregex_iterator it(svg.begin(), svg.end(), node_group), end; it != end; ++it, ++nodes_seen)
    BOOST_TEST(xml_unescaped((*it)[2]) == label_of[xml_unescaped((*it)[1])]);
  BOOST_TEST(nodes_seen == diagram.nodes.size());

  const double half_unit = 0.5 * std::pow(10.0, -diagram.decimals) + 1e-12;
  const std::regex edge_group(R"(class="edge">\s*<title>([^<]*)</title>([\s\S]*?)</g>)");
  const std::regex coloured(R"re(fill="(darkgreen|red)">([^<]*)</text>)re");
  std::size_t edges_seen = 0;
  for (std::sregex_iterator it(svg.begin(), svg.end(), edge_group), end; it != end; ++it, ++edges_seen) {
    const std::string title = xml_unescaped((*it)[1]);
    const std::string body = (*it)[2];
    const auto arrow = title.find("->");
    const std::string from = title.substr(0, arrow), to = title.substr(arrow + 2);
    // The diagram's edges between these two nodes (a gate may take the same operand twice).
    std::vector<const nnwb::DiagramEdge*> candidates;
    for (const auto& e : diagram.edges)
      if (e.from == from && e.to == to) candidates.push_back(&e);
    BOOST_REQUIRE_MESSAGE(!candidates.empty(), "an edge the diagram lacks: " << title);
    std::optional<double> forward, gradient;
    for (std::sregex_iterator c(body.begin(), body.end(), coloured); c != end; ++c)
      ((*c)[1] == "darkgreen" ? forward : gradient) = std::stod(xml_unescaped((*c)[2]));
    bool matches = false;
    for (const auto* e : candidates) {
      const auto agrees = [&](const std::optional<double>& shown, const std::optional<double>& value) {
        return shown.has_value() == value.has_value() && (!shown || std::abs(*shown - *value) <= half_unit);
      };
      matches = matches || (agrees(forward, e->forward) && agrees(gradient, e->gradient));
    }
    BOOST_TEST(matches, "edge " << title << " shows " << (forward ? *forward : NAN) << " / "
                                << (gradient ? *gradient : NAN));
  }
  BOOST_TEST(edges_seen == diagram.edges.size());
}

// The figure with this name in a trace.
const Figure& figure_named(const nnwb::Trace& trace, const std::string& name) {
  for (const auto& f : trace.figures())
    if (f.name == name) return f;
  throw std::out_of_range("no figure " + name + " in " + trace.id());
}

// The edge from the node labelled `from` into the node labelled `to`.
const nnwb::DiagramEdge& edge_between(const Diagram& d, const std::string& from, const std::string& to) {
  std::string from_id, to_id;
  for (const auto& n : d.nodes) {
    if (n.label == from && from_id.empty()) from_id = n.id;
    if (n.label == to) to_id = n.id;
  }
  for (const auto& e : d.edges)
    if (e.from == from_id && e.to == to_id) return e;
  throw std::out_of_range("no edge " + from + " -> " + to);
}

double sigmoid_here(double a) { return 1.0 / (1.0 + std::exp(-a)); }  // σ(a), written out again

}  // namespace

BOOST_DATA_TEST_CASE(every_figure_is_drawn_and_shows_its_data,
                     bdata::make(chapter_ids()) * bdata::make({0, 3}), id, k) {
  const nnwb::Trace trace = nnwb::chapters::find(id).build(variant(k));
  for (const Figure& figure : trace.figures()) {
    BOOST_TEST_CONTEXT(id << " seed " << k << " figure " << figure.name) {
      BOOST_TEST(nnwb::figure_problems(figure).empty());
      const std::string svg = drawn(id, k, figure);
      BOOST_TEST(svg.find("<svg") != std::string::npos);
      if (const auto* plot = std::get_if<Plot>(&figure.content)) check_plot_svg(*plot, figure.caption, svg);
      else check_diagram_svg(std::get<Diagram>(figure.content), svg);
    }
  }
}

// Issue 3's list of pictures: each chapter named there draws its figure.
BOOST_AUTO_TEST_CASE(the_pictures_the_lectures_need_are_there) {
  const std::map<std::string, std::vector<std::string>> wanted = {
      {"perceptron", {"and_boundary", "or_boundary", "set_boundary", "xor_boundary"}},
      {"mse_vs_ce", {"gradients"}},
      {"graph_xyz", {"graph", "patterns", "copy"}},
      {"graph_neuron", {"gates", "sigmoid_gate"}},
  };
  for (const auto& [id, names] : wanted) {
    const nnwb::Trace trace = nnwb::chapters::find(id).build({});
    for (const auto& name : names) BOOST_CHECK_NO_THROW(figure_named(trace, name));
  }
}

// BMB's (x + y)z with x = −2, y = 5, z = −4: the numbers the slide writes on its wires.
BOOST_AUTO_TEST_CASE(graph_xyz_shows_the_slide_numbers) {
  const nnwb::Trace trace = nnwb::chapters::find("graph_xyz").build({});
  const auto& d = std::get<Diagram>(figure_named(trace, "graph").content);
  BOOST_TEST(d.nodes.size() == 6u);  // x, y, z, +, ×, and the output's name
  const auto check = [&](const std::string& from, const std::string& to, double forward, double gradient) {
    const auto& e = edge_between(d, from, to);
    BOOST_TEST(*e.forward == forward);
    BOOST_TEST(*e.gradient == gradient);
  };
  check("x", "+", -2, -4);
  check("y", "+", 5, -4);
  check("z", "×", -4, 3);
  check("+", "×", 3, -4);
}

// BMB's sigmoid neuron w = (2, −3, −3), x = (−1, −2): the slide's wire numbers, to two decimals.
BOOST_AUTO_TEST_CASE(graph_neuron_shows_the_slide_numbers) {
  const nnwb::Trace trace = nnwb::chapters::find("graph_neuron").build({});
  const auto& d = std::get<Diagram>(figure_named(trace, "gates").content);
  const auto near = [](double value, double slide) { return std::abs(value - slide) <= 0.005 + 1e-12; };
  const std::map<std::string, std::pair<double, double>> inputs = {
      {"w0", {2, -0.20}}, {"x0", {-1, 0.39}}, {"w1", {-3, -0.39}}, {"x1", {-2, -0.59}}, {"w2", {-3, 0.20}}};
  for (const auto& [name, slide] : inputs) {
    const nnwb::DiagramEdge* e = nullptr;
    std::string from_id;
    for (const auto& n : d.nodes)
      if (n.label == name) from_id = n.id;
    for (const auto& edge : d.edges)
      if (edge.from == from_id) e = &edge;
    BOOST_REQUIRE_MESSAGE(e, name);
    BOOST_TEST(*e->forward == slide.first, name);
    BOOST_TEST(near(*e->gradient, slide.second), name << ": " << *e->gradient);
  }
  BOOST_TEST(near(*d.edges.back().forward, 0.73));  // the output, f = 0.73
  BOOST_TEST(*d.edges.back().gradient == 1.0);
}

// PD (6/7)'s picture: both classes as points, and after each add or subtract the line
// w₀ + w₁x₁ + w₂x₂ = 0 for the w the trace printed at that visit.
BOOST_DATA_TEST_CASE(perceptron_boundaries_follow_the_updates, bdata::make({0, 1, 2, 3, 42}), k) {
  const nnwb::Trace trace = nnwb::chapters::find("perceptron").build(variant(k));
  for (const std::string set : {"and", "or", "set", "xor"}) {
    BOOST_TEST_CONTEXT("seed " << k << ", " << set) {
      const auto& plot = std::get<Plot>(figure_named(trace, set + "_boundary").content);
      BOOST_REQUIRE(plot.curves.size() >= 2u);
      std::size_t points = 0;  // the set's points: one feature vector step φ(x_n) each
      for (const auto& step : trace.steps()) points += std::regex_match(step.id, std::regex("^" + set + R"(\.phi\d+$)"));
      BOOST_TEST(plot.curves[0].x.size() + plot.curves[1].x.size() == points);
      BOOST_TEST(points == (set == "set" ? points : 4u));
      // Every update in the trace, in order, and the lines drawn for them.
      std::size_t line = 2, updates = 0;
      for (const auto& step : trace.steps()) {
        const std::regex visit_verdict("^" + set + R"(\.epoch(\d+)\.visit(\d+)\.verdict$)");
        std::smatch m;
        if (!std::regex_match(step.id, m, visit_verdict) || std::get<nnwb::Verdict>(step.value).holds) continue;
        ++updates;
        const Eigen::VectorXd w = nnwb::testing::vec(trace, fmt::format("{}.epoch{}.visit{}.w", set, m[1].str(), m[2].str()));
        // No line to draw when w₁ = w₂ = 0, or when the line misses the box (every corner of the
        // box strictly on one side) or only touches a corner; a line along an edge is drawn.
        int above = 0, below = 0;
        for (double cx : {plot.x_range->first, plot.x_range->second})
          for (double cy : {plot.y_range->first, plot.y_range->second}) {
            const double side = w[0] + w[1] * cx + w[2] * cy;
            above += side > 0, below += side < 0;
          }
        const bool along_an_edge = above + below == 2;
        if ((w[1] == 0 && w[2] == 0) || ((above == 0 || below == 0) && !along_an_edge)) continue;
        BOOST_REQUIRE(line < plot.curves.size());
        const auto& c = plot.curves[line++];
        BOOST_TEST(c.title.find(fmt::format("update {} (epoch {}, x{})", updates, m[1].str(), m[2].str())) != std::string::npos,
                   c.title);
        BOOST_REQUIRE(c.x.size() == 2u);
        for (std::size_t p = 0; p < 2; ++p) {
          BOOST_TEST(w[0] + w[1] * c.x[p] + w[2] * c.y[p] == 0.0, boost::test_tools::tolerance(1e-9));
          BOOST_TEST(c.x[p] >= plot.x_range->first - 1e-9);
          BOOST_TEST(c.x[p] <= plot.x_range->second + 1e-9);
          BOOST_TEST(c.y[p] >= plot.y_range->first - 1e-9);
          BOOST_TEST(c.y[p] <= plot.y_range->second + 1e-9);
        }
      }
      BOOST_TEST(line == plot.curves.size());
      BOOST_TEST(updates > 0u);
    }
  }
}

// The MSE and cross-entropy gradients against the pre-activation: closed forms written out here,
// σ(a)(1 − σ(a))(σ(a) − y) and σ(a) − y, and the saturation table's rows lie on the curves.
BOOST_DATA_TEST_CASE(mse_vs_ce_gradients_are_the_closed_forms, bdata::make({0, 1, 2, 3}), k) {
  const nnwb::Trace trace = nnwb::chapters::find("mse_vs_ce").build(variant(k));
  const auto& plot = std::get<Plot>(figure_named(trace, "gradients").content);
  const double y = nnwb::testing::scalar(trace, "saturation.y");
  BOOST_REQUIRE(plot.curves.size() == 4u);
  for (std::size_t c = 0; c < 4; ++c) {
    BOOST_REQUIRE(!plot.curves[c].x.empty());
    for (std::size_t i = 0; i < plot.curves[c].x.size(); ++i) {
      const double a = plot.curves[c].x[i], s = sigmoid_here(a);
      const double expected = c % 2 == 0 ? s * (1 - s) * (s - y) : s - y;
      BOOST_TEST(plot.curves[c].y[i] == expected, boost::test_tools::tolerance(1e-12));
    }
  }
  BOOST_TEST(plot.x_range->first == -10.0);
  BOOST_TEST(plot.x_range->second == 10.0);
}

// A figure whose data is wrong is named, with what is wrong, and not drawn.
BOOST_AUTO_TEST_CASE(bad_figures_are_refused) {
  Plot plot;
  plot.x_label = "a", plot.y_label = "b";
  plot.curves.push_back({"c", {0, 1}, {0}, nnwb::Curve::Style::lines});
  const Figure uneven{"uneven", "x and y differ", plot};
  BOOST_TEST(!nnwb::figure_problems(uneven).empty());
  BOOST_CHECK_THROW(nnwb::render_svg(uneven), nnwb::FigureError);

  plot.curves[0].y = {0, NAN};
  BOOST_TEST(!nnwb::figure_problems(Figure{"nan", "not finite", plot}).empty());

  plot.curves[0].y = {0, 1};
  plot.x_range = nnwb::AxisRange{1, 1};
  BOOST_TEST(!nnwb::figure_problems(Figure{"empty_range", "empty range", plot}).empty());
  plot.x_range.reset();
  BOOST_TEST(!nnwb::figure_problems(Figure{"bad name/with slash", "a bad name", plot}).empty());
  BOOST_TEST(nnwb::figure_problems(Figure{"fine", "fine", plot}).empty());

  Diagram d;
  d.nodes.push_back({"a", "a", nnwb::DiagramNode::Look::text});
  d.edges.push_back({"a", "nowhere", 1.0, 2.0});
  const auto problems = nnwb::figure_problems(Figure{"dangling", "an edge to no node", d});
  BOOST_REQUIRE(!problems.empty());
  BOOST_TEST(problems.front().find("nowhere") != std::string::npos, problems.front());
}

// Without the drawing tool, the error says which package to install.
BOOST_AUTO_TEST_CASE(a_missing_tool_is_named) {
  const char* old_path = std::getenv("PATH");
  const std::string saved = old_path ? old_path : "";
  setenv("PATH", "/nonexistent", 1);
  Plot plot;
  plot.x_label = "a", plot.y_label = "b";
  plot.curves.push_back({"c", {0, 1}, {0, 1}, nnwb::Curve::Style::lines});
  std::string message;
  try {
    nnwb::render_svg(Figure{"p", "p", plot});
  } catch (const nnwb::FigureError& e) {
    message = e.what();
  }
  setenv("PATH", saved.c_str(), 1);
  BOOST_TEST(message.find("gnuplot") != std::string::npos, message);
}

BOOST_AUTO_TEST_SUITE_END()
