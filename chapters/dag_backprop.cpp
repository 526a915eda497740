// Chapter 17, dag_backprop: backpropagation on an arbitrary feed-forward network, a directed acyclic
// graph (DAG) of M nodes, in one forward sweep and one backward sweep through the node numbers.
// Lectures:
//   PD 003_b5a9c74466967a6d.txt "FFNN: indexing nodes and weights w_ij": nodes numbered so that
//     j > i means j follows i; w_ij = 0 if i ≥ j; "Example: M = 14 nodes", "In this topology:
//     w_{1,8} = 0, w_{4,13} = 0, …". The figure is missing from the text: the 14-node layout below
//     (3 inputs, 9 tanh hidden nodes, 2 linear outputs, 30 links with skips) is ours, chosen to
//     match what the slide states.
//   PD "Step 1 – perform forward pass": a_j = Σ_{i<j} w_ij y_i, y_j = f(a_j), j = 1 … M; linear
//     outputs for regression. "Step 2 – error gradient": E_n = ½ Σ_j (y_j − t_j)².
//   PD "Error gradient: output nodes" (δ_i = y_i − t_i), "hidden nodes" (δ_i = f'(a_i) Σ_{k>i} δ_k
//     w_ik), "Wrapping up" (one sweep in reverse order), "Backprop diagram", "Partial derivatives
//     wrt weights" (∂E_n/∂w_ij = δ_j y_i).
//   IC 004_f167be6db553c350.txt "Backpropagation: preactivations a_j and activations z_j" (↑j),
//     "directed acyclic graph", "Error backpropagation" (↓j), "Forward and backward passes".
//   BMB 001_86790086ad6a4e65.txt "Backpropagation Example" / "Example II": a 4-layer network with no
//     activation functions, J = (y − h_W(x))², and its five δ formulas; "Neural Networks Weight
//     Update": ∂J/∂W_ij = a_j δ_i. The network's sizes and numbers are in a figure the text lacks:
//     2-2-2-1 with biases is ours (the five formulas fix layers 2, 3 and 4).
//
// Node numbers: the trace counts 1 … M as PD does; the library's DagNetwork counts 0 … M−1.
// Shapes (one legend): x: (3); y, a, δ: one scalar per node; W, ∂E/∂W: (14, 14), row i = from,
// column j = to. BMB: x: (2); W⁽¹⁾, W⁽²⁾: (2, 3); W⁽³⁾: (1, 3), bias first column; z⁽²⁾, z⁽³⁾: (2).
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "chapters.hpp"
#include "nnwb/activations.hpp"
#include "nnwb/bias_column.hpp"
#include "nnwb/dag_network.hpp"
#include "nnwb/gradient_check.hpp"
#include "nnwb/losses.hpp"
#include "nnwb/mlp.hpp"
#include "nnwb/random.hpp"

namespace nnwb::chapters {
namespace dag_backprop_parts {  // the chapter's sections and what they share

// ---- PD's 14-node network: the topology (ours; the slide states M = 14, w_{1,8} = w_{4,13} = 0) ----
constexpr int node_count = 14;                               // M
constexpr int input_count = 3;                               // nodes 1, 2, 3
constexpr int output_count = 2;                              // nodes 13, 14
constexpr int first_output = node_count - output_count + 1;  // 13

struct Link {
  int i, j;       // from node i into node j, i < j (numbered from 1)
  double weight;  // w_ij in the lecture's example (ours)
};

// The links, grouped by the receiving node j. Node 8 has no link from 1 and node 13 none from 4.
const std::array<Link, 30> default_links = {{
    {1, 4, 0.5},   {2, 4, -0.3},                   // ↑4 = {1, 2}
    {1, 5, 0.8},   {2, 5, 0.2},    {3, 5, -0.6},   // ↑5 = {1, 2, 3}
    {2, 6, -0.4},  {3, 6, 0.9},                    // ↑6 = {2, 3}
    {3, 7, 0.3},   {4, 7, -0.7},                   // ↑7 = {3, 4}
    {2, 8, 0.6},   {3, 8, 0.4},    {5, 8, -0.5},   // ↑8 = {2, 3, 5}: w_{1,8} = 0
    {4, 9, 0.7},   {5, 9, -0.2},   {6, 9, 0.5},    // ↑9
    {5, 10, 0.4},  {6, 10, -0.8},  {7, 10, 0.6},   // ↑10
    {1, 11, -0.3}, {7, 11, 0.9},   {8, 11, 0.5},   // ↑11: a skip from input 1
    {8, 12, -0.6}, {9, 12, 0.3},   {10, 12, 0.8},  // ↑12
    {9, 13, 1.0},  {10, 13, -0.5}, {11, 13, 0.7},  // ↑13 = {9, 10, 11}: w_{4,13} = 0
    {4, 14, 0.4},  {11, 14, -0.9}, {12, 14, 0.6},  // ↑14: a skip from node 4
}};

std::string w_name(int i, int j) { return fmt::format("w{}_{}", i, j); }
std::string w_symbol(int i, int j) { return fmt::format("w_{{{},{}}}", i, j); }
std::string y_name(int j) { return fmt::format("forward.y{}", j); }
std::string a_name(int j) { return fmt::format("forward.a{}", j); }
std::string delta_name(int j) { return fmt::format("backward.delta{}", j); }
std::string x_name(int i) { return fmt::format("x{}", i); }
std::string t_name(int j) { return fmt::format("t{}", j); }

bool is_output(int j) { return j >= first_output; }
// f_j: tanh at the hidden nodes; linear at the outputs (PD: "Regression: for output layer use y_j = a_j").
Activation node_activation(int j) { return is_output(j) ? Activation::identity() : Activation::tanh(); }

// ↑j and ↓j, numbered from 1, from the link list.
std::vector<int> upstream_of(int j) {
  std::vector<int> up;
  for (const Link& l : default_links)
    if (l.j == j) up.push_back(l.i);
  return up;
}
std::vector<int> downstream_of(int i) {
  std::vector<int> down;
  for (const Link& l : default_links)
    if (l.i == i) down.push_back(l.j);
  std::sort(down.begin(), down.end());
  return down;
}

std::vector<std::string> all_weight_names() {
  std::vector<std::string> names;
  for (const Link& l : default_links) names.push_back(w_name(l.i, l.j));
  return names;
}

// The library's DagNetwork on the trace's current weights (nodes shift to 0 … M−1).
DagNetwork network_from(const Inputs& in) {
  DagNetwork net(node_count, input_count, output_count, Activation::tanh(), Activation::identity());
  for (const Link& l : default_links) net.link(l.i - 1, l.j - 1, in.scalar(w_name(l.i, l.j)));
  return net;
}

// The inputs every library step reads: the weights, x and t.
std::vector<std::string> network_inputs() {
  std::vector<std::string> names = all_weight_names();
  for (int i = 1; i <= input_count; ++i) names.push_back(x_name(i));
  for (int j = first_output; j <= node_count; ++j) names.push_back(t_name(j));
  return names;
}

Eigen::VectorXd x_from(const Inputs& in) {
  Eigen::VectorXd x(input_count);  // (3)
  for (int i = 1; i <= input_count; ++i) x[i - 1] = in.scalar(x_name(i));
  return x;
}
Eigen::VectorXd t_from(const Inputs& in) {
  Eigen::VectorXd t(output_count);  // (2)
  for (int j = first_output; j <= node_count; ++j) t[j - first_output] = in.scalar(t_name(j));
  return t;
}

// A set of node numbers as text: {1, 2, 3}.
std::string set_text(const std::vector<int>& nodes) {
  std::string out = "{";
  for (std::size_t k = 0; k < nodes.size(); ++k) out += (k ? ", " : "") + std::to_string(nodes[k]);
  return out + "}";
}

// ---- BMB's Example II: a 4-layer network with no activation functions (sizes 2-2-2-1, ours) ----
// Its weights by BMB's names w⁽ˡ⁾_ik: from unit k of layer l (k = 0 is the bias unit) into unit i of
// layer l+1; layer l's matrix W⁽ˡ⁾ has w⁽ˡ⁾_ik in row i, column k (bias first).
struct BmbLayer {
  int layer, rows;  // l, and the units of layer l+1
};
constexpr std::array<BmbLayer, 3> bmb_layers = {{{1, 2}, {2, 2}, {3, 1}}};
std::string bmb_w(int l, int i, int k) { return fmt::format("ex2.w{}_{}{}", l, i, k); }
std::string bmb_W(int l) { return fmt::format("ex2.W{}", l); }

struct Setting {
  std::array<double, 30> weights{};
  std::array<double, input_count> x{1.0, 0.5, -1.0};
  std::array<double, output_count> t{0.5, -0.5};
  // BMB: W⁽¹⁾, W⁽²⁾ (2×3), W⁽³⁾ (1×3), bias first; x; y; α.
  Eigen::MatrixXd W1, W2, W3;
  Eigen::Vector2d bmb_x{1.0, 0.5};
  double bmb_y = 1.0, alpha = 0.01;
};

Setting default_setting() {
  Setting s;
  for (std::size_t k = 0; k < default_links.size(); ++k) s.weights[k] = default_links[k].weight;
  s.W1.resize(2, 3);
  s.W2.resize(2, 3);
  s.W3.resize(1, 3);
  s.W1 << 0.1, 0.5, -0.4,  //
      -0.2, 0.3, 0.8;
  s.W2 << 0.2, 0.6, -0.5,  //
      0.1, -0.7, 0.4;
  s.W3 << 0.3, 0.9, -0.6;
  return s;
}

// Whether every ∂J/∂z of Example II is at least 0.01 in size (the linear network, written out:
// ∂J/∂z⁽⁴⁾ = −2(y − z⁽⁴⁾), ∂J/∂z⁽ˡ⁾ = W⁽ˡ⁾ᵀ without the bias row times ∂J/∂z⁽ˡ⁺¹⁾).
bool clear_deltas(const Setting& s) {
  const Eigen::VectorXd z2 = s.W1 * with_bias_unit(s.bmb_x);
  const Eigen::VectorXd z3 = s.W2 * with_bias_unit(z2);
  const double z4 = (s.W3 * with_bias_unit(z3))(0, 0);
  const Eigen::VectorXd d4 = Eigen::VectorXd::Constant(1, -2.0 * (s.bmb_y - z4));
  const Eigen::VectorXd d3 = without_bias_column(s.W3).transpose() * d4;
  const Eigen::VectorXd d2 = without_bias_column(s.W2).transpose() * d3;
  return std::abs(d4[0]) >= 0.01 && d3.cwiseAbs().minCoeff() >= 0.01 && d2.cwiseAbs().minCoeff() >= 0.01;
}

Setting drawn_setting(std::uint64_t seed) {
  Rng rng(seed);
  Setting s = default_setting();
  for (double& w : s.weights) w = rng.nonzero_decimal(-1, 1, 1);
  for (double& x : s.x) x = rng.decimal(-1, 1, 1);
  for (double& t : s.t) t = rng.decimal(-1, 1, 1);
  // Example II: drawn again until no ∂J/∂z is near 0, so that each slide δ over ∂J/∂z is a clear
  // ratio (a zero weight, y = h_W(x), or two cancelling paths would make it 0/0).
  do {
    s.W1 = rng.decimals(2, 3, -1, 1, 1);
    s.W2 = rng.decimals(2, 3, -1, 1, 1);
    s.W3 = rng.decimals(1, 3, -1, 1, 1);
    // x₂ before x₁: the order of every variant since the first (see draw order in random.hpp).
    const double x2 = rng.decimal(-1, 1, 1), x1 = rng.decimal(-1, 1, 1);
    s.bmb_x = Eigen::Vector2d(x1, x2);
    s.bmb_y = rng.decimal(-1, 1, 1);
  } while (!clear_deltas(s));
  return s;
}

// BMB's network as the library's Mlp (identity activations) and then as a DAG.
DagNetwork bmb_network(const Inputs& in) {
  std::vector<DenseLayer> layers;
  for (const BmbLayer& b : bmb_layers)
    layers.push_back(dense_from_bias_column(in.matrix(bmb_W(b.layer)), Activation::identity()));
  return dag_from_mlp(Mlp(std::move(layers)));
}

// What the DAG of BMB's network gives: δ = ∂J/∂z at every node, and ∂J/∂W⁽ˡ⁾ in BMB's shape.
struct BmbGradients {
  Eigen::VectorXd deltas;  // (7): nodes x₁, x₂, z⁽²⁾₁, z⁽²⁾₂, z⁽³⁾₁, z⁽³⁾₂, z⁽⁴⁾₁
  std::array<Eigen::MatrixXd, 3> dW;  // [∂J/∂b | ∂J/∂W] per layer
};
BmbGradients bmb_gradients(const Inputs& in) {
  const DagNetwork net = bmb_network(in);
  const DagForward fwd = net.forward(Eigen::Vector2d(in.scalar("ex2.x1"), in.scalar("ex2.x2")));
  // J = (y − a⁽⁴⁾)², so ∂J/∂a⁽⁴⁾ = −2(y − a⁽⁴⁾)
  const Eigen::VectorXd e = Eigen::VectorXd::Constant(1, -2.0 * (in.scalar("ex2.y") - fwd.network_output(1)[0]));
  const DagBackward bwd = net.backward(fwd, e);
  const Eigen::MatrixXd G = net.gradient_matrix(bwd);
  BmbGradients out{bwd.deltas, {}};
  int from = 0, to = 2;  // node offsets of layers l and l+1
  for (std::size_t l = 0; l < 3; ++l) {
    const int rows = bmb_layers[l].rows, cols = 2;  // units of layer l+1, units of layer l (2 each below)
    // G's block (layer l → layer l+1) holds ∂J/∂w from-to; BMB's W is to-from: transpose.
    out.dW[l] = bias_column_gradient(G.block(from, to, cols, rows).transpose(), bwd.bias_gradients.segment(to, rows));
    from = to;
    to += rows;
  }
  return out;
}

// J as a function of layer l's z (l = 2 or 3), the layers above run again: for finite differences.
double bmb_J_from(int l, const Eigen::VectorXd& z, const Inputs& in) {
  Eigen::VectorXd a = z;
  for (int m = l; m <= 3; ++m) a = in.matrix(bmb_W(m)) * with_bias_unit(a);  // z⁽ᵐ⁺¹⁾ = W⁽ᵐ⁾[1; a⁽ᵐ⁾]
  const double r = in.scalar("ex2.y") - a[0];
  return r * r;  // J = (y − a⁽⁴⁾)²
}

// ---- the sections, in reading order --------------------------------------------------------------

// The parameters: every number the chapter starts from.
void draw_parameters(Trace& trace, const Setting& s) {
  for (std::size_t k = 0; k < default_links.size(); ++k) {
    const Link& l = default_links[k];
    trace.parameter(w_name(l.i, l.j), w_symbol(l.i, l.j), fmt::format("weight of the link {} → {}", l.i, l.j),
                    s.weights[k]);
  }
  for (int i = 1; i <= input_count; ++i)
    trace.parameter(x_name(i), fmt::format("x_{}", i), fmt::format("input {}, fed to node {}", i, i),
                    s.x[static_cast<std::size_t>(i - 1)]);
  for (int j = first_output; j <= node_count; ++j)
    trace.parameter(t_name(j), fmt::format("t_{{{}}}", j), fmt::format("target of output node {}", j),
                    s.t[static_cast<std::size_t>(j - first_output)]);
}

// FFNN: indexing nodes and weights.
void index_nodes_and_weights(Trace& trace) {
  trace.section("FFNN: indexing nodes and weights w_ij");
  // The weights as PD's matrix: W(i, j) = w_ij, strictly upper triangular
  trace.step("index.W", "The weights as a matrix: $w_{ij}$ in row i, column j")
      .formula("W = [w_{ij}]_{14 \\times 14}, \\quad w_{ij} = 0 \\text{ if } i \\ge j \\text{ or no link}")
      .compute(all_weight_names(), [](const Inputs& in) -> Value { return network_from(in).weight_matrix(); });
  // Every link goes forward in the numbering, and the slide's two links are missing
  trace.step("index.order", "Every link goes forward in the numbering; $w_{1,8} = w_{4,13} = 0$")
      .formula("w_{ij} = 0 \\text{ if } i \\ge j, \\qquad w_{1,8} = 0, \\quad w_{4,13} = 0")
      .compute({"index.W"}, [](const Inputs& in) -> Value {
        const Eigen::MatrixXd& W = in.matrix("index.W");
        const bool upper = W.triangularView<Eigen::Lower>().toDenseMatrix().isZero(0.0);
        const bool missing = W(0, 7) == 0.0 && W(3, 12) == 0.0;  // w_{1,8}, w_{4,13} (rows and columns from 0)
        return Verdict{upper && missing,
                       fmt::format("{} links among M = 14 nodes; W is {}strictly upper triangular; w₁,₈ = {} and "
                                   "w₄,₁₃ = {}",
                                   (W.array() != 0.0).count(), upper ? "" : "not ", W(0, 7), W(3, 12))};
      });
  // IC's upstream sets ↑j and downstream sets ↓j
  trace.step("index.upstream", "Upstream sets $\\uparrow j$: the nodes that feed node j")
      .formula("\\uparrow j = \\{ i : w_{ij} \\text{ is a link} \\}")
      .compute(all_weight_names(), [](const Inputs& in) -> Value {
        const DagNetwork net = network_from(in);
        std::string text;
        for (int j = input_count + 1; j <= node_count; ++j) {
          std::vector<int> up = net.upstream(j - 1);
          for (int& i : up) ++i;  // back to PD's numbers
          text += fmt::format("{}↑{} = {}", j > input_count + 1 ? "; " : "", j, set_text(up));
        }
        return Verdict{true, text};
      });
  trace.step("index.downstream", "Downstream sets $\\downarrow j$: the nodes that node j feeds")
      .formula("\\downarrow j = \\{ k : w_{jk} \\text{ is a link} \\}")
      .compute(all_weight_names(), [](const Inputs& in) -> Value {
        const DagNetwork net = network_from(in);
        std::string text;
        for (int j = 1; j < first_output; ++j) {
          std::vector<int> down = net.downstream(j - 1);
          for (int& k : down) ++k;
          text += fmt::format("{}↓{} = {}", j > 1 ? "; " : "", j, set_text(down));
        }
        return Verdict{true, text};
      });
}

// Step 1 – perform forward pass.
void forward_pass(Trace& trace) {
  trace.section("Step 1 – perform forward pass, from node 1 to node M = 14");
  //! [forward_pass]
  // Input nodes: y_i = x_i
  for (int i = 1; i <= input_count; ++i)
    trace.step(y_name(i), fmt::format("Input node {}: $y_{} = x_{}$", i, i, i))
        .formula(fmt::format("y_{} = x_{}", i, i))
        .numbers(fmt::format("[[{}]]", x_name(i)))
        .compute({x_name(i)}, [i](const Inputs& in) -> Value { return in.scalar(x_name(i)); });
  for (int j = input_count + 1; j <= node_count; ++j) {
    const std::vector<int> up = upstream_of(j);
    // Activation at node j: a_j = Σ_{i∈↑j} w_ij y_i
    std::string terms, numbers;
    std::vector<std::string> inputs;
    for (const int i : up) {
      terms += fmt::format("{}{} y_{{{}}}", terms.empty() ? "" : " + ", w_symbol(i, j), i);
      numbers += fmt::format("{}[[{}]] \\cdot [[{}]]", numbers.empty() ? "" : " + ", w_name(i, j), y_name(i));
      inputs.push_back(w_name(i, j));
      inputs.push_back(y_name(i));
    }
    trace
        .step(a_name(j), fmt::format("Activation at node {}: $a_{{{}}} = \\sum_{{i \\in \\uparrow {}}} w_{{i,{}}} y_i$",
                                     j, j, j, j))
        .formula(fmt::format("a_{{{}}} = \\sum_{{i \\in \\uparrow {}}} w_{{i,{}}} y_i = {}", j, j, j, terms))
        .numbers(numbers)
        .compute(inputs, [j, up](const Inputs& in) -> Value {
          double a = 0.0;
          for (const int i : up) a += in.scalar(w_name(i, j)) * in.scalar(y_name(i));  // a_j += w_ij y_i
          return a;
        });
    // Output of node j: y_j = f(a_j)
    const bool out = is_output(j);
    trace.step(y_name(j), fmt::format("Output of node {}: $y_{{{}}} = f(a_{{{}}})${}", j, j, j, out ? " (linear)" : ""))
        .formula(out ? fmt::format("y_{{{0}}} = a_{{{0}}}", j) : fmt::format("y_{{{0}}} = \\tanh(a_{{{0}}})", j))
        .numbers(out ? fmt::format("[[{}]]", a_name(j)) : fmt::format("\\tanh([[{}]])", a_name(j)))
        .compute({a_name(j)},
                 [j](const Inputs& in) -> Value { return node_activation(j).value(in.scalar(a_name(j))); });
  }
  //! [forward_pass]
}

// Step 2 – error gradient: the pointwise error.
void pointwise_error(Trace& trace) {
  trace.section("Step 2 – error gradient");
  // The error E_n = ½ Σ_j (y_j − t_j)² over the output nodes
  trace.step("error.E", "The error at the output nodes: $E_n = \\frac{1}{2}\\sum_j (y_j - t_j)^2$")
      .formula("E_n = \\frac{1}{2}\\left[(y_{13} - t_{13})^2 + (y_{14} - t_{14})^2\\right]")
      .numbers("\\frac{1}{2}\\left[([[forward.y13]] - [[t13]])^2 + ([[forward.y14]] - [[t14]])^2\\right]")
      .compute({y_name(13), y_name(14), t_name(13), t_name(14)}, [](const Inputs& in) -> Value {
        return sse(Eigen::Vector2d(in.scalar(y_name(13)), in.scalar(y_name(14))),
                   Eigen::Vector2d(in.scalar(t_name(13)), in.scalar(t_name(14))));
      });
}

// Error gradient: output nodes, then hidden nodes, in one sweep from M down.
void error_gradients(Trace& trace) {
  //! [output_deltas]
  trace.section("Error gradient: output nodes (δ_i = y_i − t_i)");
  for (int j = node_count; j >= first_output; --j) {
    // Output delta: δ_j = (y_j − t_j) f'(a_j), and f' = 1 for a linear output
    trace.step(delta_name(j), fmt::format("Output node {}: $\\delta_{{{}}} = y_{{{}}} - t_{{{}}}$", j, j, j, j))
        .formula(fmt::format("\\delta_{{{0}}} = \\frac{{\\partial E_n}}{{\\partial y_{{{0}}}}} \\frac{{\\partial "
                             "y_{{{0}}}}}{{\\partial a_{{{0}}}}} = y_{{{0}}} - t_{{{0}}}",
                             j))
        .numbers(fmt::format("[[{}]] - [[{}]]", y_name(j), t_name(j)))
        .compute({y_name(j), t_name(j), a_name(j)}, [j](const Inputs& in) -> Value {
          return (in.scalar(y_name(j)) - in.scalar(t_name(j))) * node_activation(j).derivative(in.scalar(a_name(j)));
        });
    trace.claim_gradient(delta_name(j), "error.E", a_name(j));
  }
  //! [output_deltas]
  trace.section("Error gradient: hidden nodes, one sweep in reverse order (δ_i = f'(a_i) Σ_k δ_k w_ik)");
  //! [hidden_deltas]
  for (int i = first_output - 1; i > input_count; --i) {
    const std::vector<int> down = downstream_of(i);
    // Hidden delta: δ_i = f'(a_i) Σ_{k∈↓i} δ_k w_ik; every k > i is already done
    std::string terms, numbers;
    std::vector<std::string> inputs{a_name(i)};
    for (const int k : down) {
      terms += fmt::format("{}\\delta_{{{}}} {}", terms.empty() ? "" : " + ", k, w_symbol(i, k));
      numbers += fmt::format("{}[[{}]] \\cdot [[{}]]", numbers.empty() ? "" : " + ", delta_name(k), w_name(i, k));
      inputs.push_back(delta_name(k));
      inputs.push_back(w_name(i, k));
    }
    trace
        .step(
            delta_name(i),
            fmt::format(
                "Hidden node {}: $\\delta_{{{}}} = f'(a_{{{}}}) \\sum_{{k \\in \\downarrow {}}} \\delta_k w_{{{},k}}$",
                i, i, i, i, i))
        .formula(fmt::format("\\delta_{{{0}}} = f'(a_{{{0}}}) \\sum_{{k \\in \\downarrow {0}}} \\delta_k w_{{{0},k}} = "
                             "(1 - \\tanh^2 a_{{{0}}})({1})",
                             i, terms))
        .numbers(fmt::format("\\tanh'([[{}]]) \\cdot ({})", a_name(i), numbers))
        .compute(inputs, [i, down](const Inputs& in) -> Value {
          double back = 0.0;
          for (const int k : down) back += in.scalar(delta_name(k)) * in.scalar(w_name(i, k));  // Σ_k δ_k w_ik
          return node_activation(i).derivative(in.scalar(a_name(i))) * back;                    // f'(a_i) · Σ
        });
    trace.claim_gradient(delta_name(i), "error.E", a_name(i));
  }
  //! [hidden_deltas]
}

// Partial derivatives wrt weights.
void weight_derivatives(Trace& trace) {
  trace.section("Partial derivatives wrt weights (∂E_n/∂w_ij = δ_j y_i)");
  //! [weight_gradients]
  for (const Link& l : default_links) {
    const std::string id = fmt::format("grad.{}", w_name(l.i, l.j));
    // Weight gradient: ∂E_n/∂w_ij = δ_j y_i
    trace.step(id, fmt::format("$\\partial E_n / \\partial w_{{{},{}}} = \\delta_{{{}}} y_{{{}}}$", l.i, l.j, l.j, l.i))
        .formula(
            fmt::format("\\frac{{\\partial E_n}}{{\\partial w_{{{0},{1}}}}} = \\delta_{{{1}}} y_{{{0}}}", l.i, l.j))
        .numbers(fmt::format("[[{}]] \\cdot [[{}]]", delta_name(l.j), y_name(l.i)))
        .compute({delta_name(l.j), y_name(l.i)},
                 [l](const Inputs& in) -> Value { return in.scalar(delta_name(l.j)) * in.scalar(y_name(l.i)); });
    trace.claim_gradient(id, "error.E", w_name(l.i, l.j));
  }
  //! [weight_gradients]
}

// The same in the library: DagNetwork's two sweeps.
void library_sweeps(Trace& trace) {
  trace.section("The library's DagNetwork: one forward sweep, one backward sweep");
  // Forward sweep by the library: y for all M nodes
  //! [library_sweeps]
  trace.step("dag.y", "Forward sweep by the library: $y_1 \\ldots y_{14}$")
      .formula("y_j = f(\\sum_{i \\in \\uparrow j} w_{ij} y_i), \\quad j = 4, \\ldots, 14")
      .compute(network_inputs(),
               [](const Inputs& in) -> Value { return network_from(in).forward(x_from(in)).outputs; });
  // Backward sweep by the library: δ for all nodes, 0 at the inputs (not computed)
  trace.step("dag.delta", "Backward sweep by the library: $\\delta_{14} \\ldots \\delta_4$ (0 at the inputs)")
      .formula(
          "\\delta_j = f'(a_j) \\left(e_j + \\sum_{k \\in \\downarrow j} w_{jk} \\delta_k\\right), \\quad "
          "j = 14, \\ldots, 4, \\quad e_j = y_j - t_j \\text{ at the outputs}")
      .compute(network_inputs(), [](const Inputs& in) -> Value {
        const DagNetwork net = network_from(in);
        const DagForward fwd = net.forward(x_from(in));
        return net.backward(fwd, sse_gradient(fwd.network_output(output_count), t_from(in))).deltas;
      });
  // All weight gradients by the library, as a matrix
  trace.step("dag.gradient", "All weight gradients by the library: $[\\partial E_n/\\partial w_{ij}]$")
      .formula(
          "G_{ij} = \\frac{\\partial E_n}{\\partial w_{ij}} = \\delta_j y_i \\text{ for each link}, \\; 0 \\text{ "
          "elsewhere}")
      .compute(network_inputs(), [](const Inputs& in) -> Value {
        const DagNetwork net = network_from(in);
        const DagForward fwd = net.forward(x_from(in));
        return net.gradient_matrix(net.backward(fwd, sse_gradient(fwd.network_output(output_count), t_from(in))));
      });
  //! [library_sweeps]
  // Node by node and link by link, the worked sweep equals the library's
  {
    std::vector<std::string> inputs{"dag.y", "dag.delta", "dag.gradient"};
    for (int j = 1; j <= node_count; ++j) inputs.push_back(y_name(j));
    for (int j = input_count + 1; j <= node_count; ++j) inputs.push_back(delta_name(j));
    for (const Link& l : default_links) inputs.push_back("grad." + w_name(l.i, l.j));
    trace.step("dag.same", "Node by node and link by link, the worked sweep equals the library's")
        .formula("y_j,\\ \\delta_j,\\ \\partial E_n/\\partial w_{ij} \\text{ (worked)} = \\text{(DagNetwork)}")
        .compute(inputs, [](const Inputs& in) -> Value {
          double gap = 0.0;
          for (int j = 1; j <= node_count; ++j)
            gap = std::max(gap, std::abs(in.scalar(y_name(j)) - in.vector("dag.y")[j - 1]));
          for (int j = input_count + 1; j <= node_count; ++j)
            gap = std::max(gap, std::abs(in.scalar(delta_name(j)) - in.vector("dag.delta")[j - 1]));
          for (const Link& l : default_links)
            gap = std::max(
                gap, std::abs(in.scalar("grad." + w_name(l.i, l.j)) - in.matrix("dag.gradient")(l.i - 1, l.j - 1)));
          return Verdict{gap <= 1e-12, fmt::format("the largest difference is {:.1e}", gap)};
        });
  }

  // The figure: the 14-node DAG with each node's forward value and each link's w_ij and gradient.
  {
    Diagram diagram;
    diagram.decimals = 3;
    for (int j = 1; j <= node_count; ++j)
      diagram.nodes.push_back(
          {fmt::format("n{}", j), fmt::format("{}: {:.3f}", j, std::get<double>(trace.value(y_name(j))))});
    for (const Link& l : default_links)
      diagram.edges.push_back({fmt::format("n{}", l.i), fmt::format("n{}", l.j),
                               std::get<double>(trace.value(w_name(l.i, l.j))),
                               std::get<double>(trace.value("grad." + w_name(l.i, l.j)))});
    trace.figure({"dag",
                  "PD's 14-node network (our layout): each node shows j: y_j; each link: w_ij above (green) "
                  "and ∂E/∂w_ij below (red); w_1,8 and w_4,13 are missing",
                  diagram});
  }
}

// BMB: Backpropagation Example / Example II.
void bmb_examples(Trace& trace, const Setting& s) {
  const std::array<const Eigen::MatrixXd*, 3> bmb_matrices = {&s.W1, &s.W2, &s.W3};
  for (const BmbLayer& b : bmb_layers)
    for (int i = 1; i <= b.rows; ++i)
      for (int k = 0; k <= 2; ++k)
        trace.parameter(bmb_w(b.layer, i, k), fmt::format("w^{{({})}}_{{{}{}}}", b.layer, i, k),
                        k == 0 ? fmt::format("Example II: bias of unit {} in layer {}", i, b.layer + 1)
                               : fmt::format("Example II: weight from unit {} of layer {} into unit {} of layer {}", k,
                                             b.layer, i, b.layer + 1),
                        (*bmb_matrices[static_cast<std::size_t>(b.layer - 1)])(i - 1, k));
  trace.parameter("ex2.x1", "x_1", "Example II: input 1, $a^{(1)}_1$", s.bmb_x[0]);
  trace.parameter("ex2.x2", "x_2", "Example II: input 2, $a^{(1)}_2$", s.bmb_x[1]);
  trace.parameter("ex2.y", "y", "Example II: the target", s.bmb_y);
  trace.parameter("ex2.alpha", "\\alpha", "Example II: the step size of one weight update", s.alpha);

  trace.section("BMB Example II: a 4-layer network with no activation functions, forward");
  for (const BmbLayer& b : bmb_layers) {
    // BMB's weight matrix W⁽ˡ⁾, bias first column
    std::vector<std::string> names;
    std::string rows;
    for (int i = 1; i <= b.rows; ++i) {
      rows += i > 1 ? " \\\\ " : "";
      for (int k = 0; k <= 2; ++k) {
        names.push_back(bmb_w(b.layer, i, k));
        rows += fmt::format("{}w^{{({})}}_{{{}{}}}", k ? " & " : "", b.layer, i, k);
      }
    }
    trace.step(bmb_W(b.layer), fmt::format("BMB's weight matrix $W^{{({})}}$, bias first column", b.layer))
        .formula(fmt::format("W^{{({})}} = \\begin{{bmatrix}} {} \\end{{bmatrix}}", b.layer, rows))
        .compute(names, [b, names](const Inputs& in) -> Value {
          Eigen::MatrixXd W(b.rows, 3);  // (s_{l+1}, s_l + 1)
          for (int i = 0; i < b.rows; ++i)
            for (int k = 0; k <= 2; ++k) W(i, k) = in.scalar(names[static_cast<std::size_t>(3 * i + k)]);
          return W;
        });
  }
  // Layer 2: z⁽²⁾ = W⁽¹⁾[1; x], and a⁽²⁾ = z⁽²⁾ (no activation)
  trace.step("ex2.z2", "Layer 2: $a^{(2)} = z^{(2)} = W^{(1)} [1; a^{(1)}]$ (no activation)")
      .formula("a^{(2)} = z^{(2)} = W^{(1)} \\begin{bmatrix} 1 \\\\ x_1 \\\\ x_2 \\end{bmatrix}")
      .numbers("[[ex2.W1]] \\begin{bmatrix} 1 \\\\ [[ex2.x1]] \\\\ [[ex2.x2]] \\end{bmatrix}")
      .compute({"ex2.W1", "ex2.x1", "ex2.x2"}, [](const Inputs& in) -> Value {
        return Eigen::VectorXd(in.matrix("ex2.W1") * Eigen::Vector3d(1.0, in.scalar("ex2.x1"), in.scalar("ex2.x2")));
      });
  // Layer 3: z⁽³⁾ = W⁽²⁾[1; a⁽²⁾]
  trace.step("ex2.z3", "Layer 3: $a^{(3)} = z^{(3)} = W^{(2)} [1; a^{(2)}]$")
      .formula("a^{(3)} = z^{(3)} = W^{(2)} \\begin{bmatrix} 1 \\\\ a^{(2)} \\end{bmatrix}")
      .numbers("[[ex2.W2]] \\begin{bmatrix} 1 \\\\ [[ex2.z2]] \\end{bmatrix}")
      .compute({"ex2.W2", "ex2.z2"}, [](const Inputs& in) -> Value {
        return Eigen::VectorXd(in.matrix("ex2.W2") * with_bias_unit(in.vector("ex2.z2")));
      });
  // Layer 4, the output: h_W(x) = a⁽⁴⁾₁ = z⁽⁴⁾₁ = W⁽³⁾[1; a⁽³⁾]
  trace.step("ex2.z4", "Output: $h_W(x) = a^{(4)}_1 = z^{(4)}_1 = W^{(3)} [1; a^{(3)}]$")
      .formula("h_W(x) = a^{(4)}_1 = W^{(3)} \\begin{bmatrix} 1 \\\\ a^{(3)} \\end{bmatrix}")
      .numbers("[[ex2.W3]] \\begin{bmatrix} 1 \\\\ [[ex2.z3]] \\end{bmatrix}")
      .compute({"ex2.W3", "ex2.z3"}, [](const Inputs& in) -> Value {
        return (in.matrix("ex2.W3") * with_bias_unit(in.vector("ex2.z3")))(0, 0);
      });
  // The slide's cost J = (y − h_W(x))²
  trace.step("ex2.J", "The slide's cost $J = (y - h_W(x))^2$")
      .formula("J(W)^{(i)} = \\left(y^{(i)} - h_W(x^{(i)})\\right)^2")
      .numbers("([[ex2.y]] - [[ex2.z4]])^2")
      .compute({"ex2.y", "ex2.z4"}, [](const Inputs& in) -> Value {
        const double r = in.scalar("ex2.y") - in.scalar("ex2.z4");
        return r * r;
      });

  trace.section("BMB Example II: the slide's five δ formulas");
  //! [example_ii_deltas]
  // δ⁽⁴⁾₁ = y − a⁽⁴⁾₁, as printed
  trace.step("ex2.delta4_1", "The slide's $\\delta^{(4)}_1 = y_1 - a^{(4)}_1$")
      .formula("\\delta^{(4)}_1 = y^{(i)}_1 - a^{(4)}_1")
      .numbers("[[ex2.y]] - [[ex2.z4]]")
      .compute({"ex2.y", "ex2.z4"}, [](const Inputs& in) -> Value { return in.scalar("ex2.y") - in.scalar("ex2.z4"); });
  // δ⁽³⁾_k = w⁽³⁾_1k δ⁽⁴⁾₁: the transpose of W⁽³⁾ (without its bias column) times δ⁽⁴⁾
  for (int k = 1; k <= 2; ++k) {
    const std::string w = bmb_w(3, 1, k);
    trace
        .step(fmt::format("ex2.delta3_{}", k),
              fmt::format("The slide's $\\delta^{{(3)}}_{0} = w^{{(3)}}_{{1{0}}} \\delta^{{(4)}}_1$", k))
        .formula(fmt::format("\\delta^{{(3)}}_{0} = w^{{(3)}}_{{1{0}}} * \\delta^{{(4)}}_1", k))
        .numbers(fmt::format("[[{}]] \\cdot [[ex2.delta4_1]]", w))
        .compute({w, "ex2.delta4_1"},
                 [w](const Inputs& in) -> Value { return in.scalar(w) * in.scalar("ex2.delta4_1"); });
  }
  // δ⁽²⁾_k = w⁽²⁾_1k δ⁽³⁾₁ + w⁽²⁾_2k δ⁽³⁾₂
  for (int k = 1; k <= 2; ++k) {
    const std::string w1 = bmb_w(2, 1, k), w2 = bmb_w(2, 2, k);
    trace
        .step(fmt::format("ex2.delta2_{}", k), fmt::format("The slide's $\\delta^{{(2)}}_{0} = w^{{(2)}}_{{1{0}}} "
                                                           "\\delta^{{(3)}}_1 + w^{{(2)}}_{{2{0}}} \\delta^{{(3)}}_2$",
                                                           k))
        .formula(fmt::format(
            "\\delta^{{(2)}}_{0} = w^{{(2)}}_{{1{0}}} * \\delta^{{(3)}}_1 + w^{{(2)}}_{{2{0}}} * \\delta^{{(3)}}_2", k))
        .numbers(fmt::format("[[{}]] \\cdot [[ex2.delta3_1]] + [[{}]] \\cdot [[ex2.delta3_2]]", w1, w2))
        .compute({w1, w2, "ex2.delta3_1", "ex2.delta3_2"}, [w1, w2](const Inputs& in) -> Value {
          return in.scalar(w1) * in.scalar("ex2.delta3_1") + in.scalar(w2) * in.scalar("ex2.delta3_2");
        });
  }
  //! [example_ii_deltas]

  trace.section("BMB Example II: the δs against ∂J/∂z (the library's DAG and finite differences)");
  const std::vector<std::string> bmb_inputs = {"ex2.W1", "ex2.W2", "ex2.W3", "ex2.x1", "ex2.x2", "ex2.y"};
  // ∂J/∂z by the library: the layered network as a DAG (dag_from_mlp), one backward sweep
  trace.step("ex2.dJ_dz4", "$\\partial J/\\partial z^{(4)}_1$ by the library's DAG")
      .formula("\\frac{\\partial J}{\\partial z^{(4)}_1} = -2\\left(y - a^{(4)}_1\\right)")
      .compute(bmb_inputs, [](const Inputs& in) -> Value { return bmb_gradients(in).deltas[6]; });
  trace.claim_gradient("ex2.dJ_dz4", "ex2.J", "ex2.z4");
  trace.step("ex2.dJ_dz3", "$\\partial J/\\partial z^{(3)}$ by the library's DAG")
      .formula("\\frac{\\partial J}{\\partial z^{(3)}_k} = w^{(3)}_{1k} \\frac{\\partial J}{\\partial z^{(4)}_1}")
      .compute(bmb_inputs,
               [](const Inputs& in) -> Value { return Eigen::VectorXd(bmb_gradients(in).deltas.segment(4, 2)); });
  trace.claim_gradient("ex2.dJ_dz3", "ex2.J", "ex2.z3");
  trace.step("ex2.dJ_dz2", "$\\partial J/\\partial z^{(2)}$ by the library's DAG")
      .formula(
          "\\frac{\\partial J}{\\partial z^{(2)}_k} = \\sum_i w^{(2)}_{ik} \\frac{\\partial J}{\\partial z^{(3)}_i}")
      .compute(bmb_inputs,
               [](const Inputs& in) -> Value { return Eigen::VectorXd(bmb_gradients(in).deltas.segment(2, 2)); });
  trace.claim_gradient("ex2.dJ_dz2", "ex2.J", "ex2.z2");
  // Central differences of J in each z, in the order δ⁽⁴⁾₁, δ⁽³⁾₁, δ⁽³⁾₂, δ⁽²⁾₁, δ⁽²⁾₂
  trace.step("ex2.fd", "Central differences of J in $z^{(4)}_1, z^{(3)}_1, z^{(3)}_2, z^{(2)}_1, z^{(2)}_2$")
      .formula("\\frac{J(z + \\varepsilon) - J(z - \\varepsilon)}{2\\varepsilon}, \\quad \\varepsilon = 10^{-5}")
      .compute({"ex2.W2", "ex2.W3", "ex2.y", "ex2.z2", "ex2.z3", "ex2.z4"}, [](const Inputs& in) -> Value {
        Eigen::VectorXd fd(5);
        fd[0] =
            numerical_derivative([&](double z) { return std::pow(in.scalar("ex2.y") - z, 2); }, in.scalar("ex2.z4"));
        for (int level : {3, 2})
          for (int k = 0; k < 2; ++k) {
            const Eigen::VectorXd& z = in.vector(level == 3 ? "ex2.z3" : "ex2.z2");
            fd[level == 3 ? 1 + k : 3 + k] = numerical_derivative(
                [&](double v) {
                  Eigen::VectorXd zz = z;
                  zz[k] = v;
                  return bmb_J_from(level, zz, in);
                },
                z[k]);
          }
        return fd;
      });
  // The slide's δ over ∂J/∂z: the same factor for all five
  trace.step("ex2.ratio", "The slide's δ over $\\partial J/\\partial z$, for all five")
      .formula("\\delta^{(l)}_k \\Big/ \\frac{\\partial J}{\\partial z^{(l)}_k}")
      .compute({"ex2.delta4_1", "ex2.delta3_1", "ex2.delta3_2", "ex2.delta2_1", "ex2.delta2_2", "ex2.dJ_dz4",
                "ex2.dJ_dz3", "ex2.dJ_dz2"},
               [](const Inputs& in) -> Value {
                 Eigen::VectorXd slide(5), exact(5);
                 slide << in.scalar("ex2.delta4_1"), in.scalar("ex2.delta3_1"), in.scalar("ex2.delta3_2"),
                     in.scalar("ex2.delta2_1"), in.scalar("ex2.delta2_2");
                 exact << in.scalar("ex2.dJ_dz4"), in.vector("ex2.dJ_dz3"), in.vector("ex2.dJ_dz2");
                 return Eigen::VectorXd(slide.cwiseQuotient(exact));
               });
  trace
      .step("ex2.factor",
            "Each slide δ is $-\\frac{1}{2}\\,\\partial J/\\partial z$ (library and finite differences agree)")
      .formula(
          "\\delta^{(l)}_k = -\\tfrac{1}{2} \\frac{\\partial J}{\\partial z^{(l)}_k} \\text{ for } J = (y - h_W(x))^2")
      .compute({"ex2.ratio", "ex2.fd", "ex2.dJ_dz4", "ex2.dJ_dz3", "ex2.dJ_dz2"}, [](const Inputs& in) -> Value {
        Eigen::VectorXd exact(5);
        exact << in.scalar("ex2.dJ_dz4"), in.vector("ex2.dJ_dz3"), in.vector("ex2.dJ_dz2");
        const double fd_gap = max_relative_error(exact, in.vector("ex2.fd"));
        const double ratio_gap = (in.vector("ex2.ratio").array() + 0.5).abs().maxCoeff();
        return Verdict{fd_gap <= 1e-7 && ratio_gap <= 1e-9,
                       fmt::format("every ratio is −1/2 to {:.1e}; the DAG's ∂J/∂z and the central differences "
                                   "agree to {:.1e} (relative)",
                                   ratio_gap, fd_gap)};
      });

  trace.section("BMB Neural Networks Weight Update: the slide's ∂J/∂W_ij = a_j δ_i");
  // The slide's product a_j δ_i, layer by layer (a₀ = 1 gives the bias column)
  const std::array<std::string, 3> below = {"", "ex2.z2", "ex2.z3"};  // a⁽ˡ⁾ for l = 2, 3 (l = 1 is x)
  for (int l = 3; l >= 1; --l) {
    const std::string id = fmt::format("ex2.slide_dW{}", l);
    const std::vector<std::string> deltas = l == 3   ? std::vector<std::string>{"ex2.delta4_1"}
                                            : l == 2 ? std::vector<std::string>{"ex2.delta3_1", "ex2.delta3_2"}
                                                     : std::vector<std::string>{"ex2.delta2_1", "ex2.delta2_2"};
    std::vector<std::string> inputs = deltas;
    if (l == 1) {
      inputs.push_back("ex2.x1");
      inputs.push_back("ex2.x2");
    } else {
      inputs.push_back(below[static_cast<std::size_t>(l - 1)]);
    }
    trace
        .step(id,
              fmt::format("The slide's $\\partial J/\\partial W^{{({0})}}_{{ij}} = a^{{({0})}}_j \\delta^{{({1})}}_i$",
                          l, l + 1))
        .formula(fmt::format("\\left[a^{{({0})}}_j \\delta^{{({1})}}_i\\right] = \\delta^{{({1})}} \\begin{{bmatrix}} "
                             "1 \\\\ a^{{({0})}} \\end{{bmatrix}}^T",
                             l, l + 1))
        .compute(inputs, [l, deltas](const Inputs& in) -> Value {
          Eigen::VectorXd delta(static_cast<Eigen::Index>(deltas.size()));  // δ⁽ˡ⁺¹⁾
          for (std::size_t i = 0; i < deltas.size(); ++i) delta[static_cast<Eigen::Index>(i)] = in.scalar(deltas[i]);
          const Eigen::VectorXd a = l == 1 ? Eigen::VectorXd(Eigen::Vector2d(in.scalar("ex2.x1"), in.scalar("ex2.x2")))
                                           : in.vector(l == 2 ? "ex2.z2" : "ex2.z3");
          return Eigen::MatrixXd(delta * with_bias_unit(a).transpose());  // a_j δ_i, a₀ = 1
        });
  }
  // ∂J/∂W⁽ˡ⁾ by the library's DAG, in BMB's shape [∂J/∂b | ∂J/∂W]
  for (int l = 3; l >= 1; --l) {
    const std::string id = fmt::format("ex2.dJ_dW{}", l);
    trace.step(id, fmt::format("$\\partial J/\\partial W^{{({})}}$ by the library's DAG", l))
        .formula(fmt::format("\\frac{{\\partial J}}{{\\partial w^{{({0})}}_{{ij}}}} = \\frac{{\\partial J}}{{\\partial "
                             "z^{{({1})}}_i}} a^{{({0})}}_j",
                             l, l + 1))
        .compute(bmb_inputs,
                 [l](const Inputs& in) -> Value { return bmb_gradients(in).dW[static_cast<std::size_t>(l - 1)]; });
    trace.claim_gradient(id, "ex2.J", bmb_W(l));
  }
  trace
      .step("ex2.weight_factor",
            "The slide's $a_j \\delta_i$ is $-\\frac{1}{2}\\,\\partial J/\\partial W_{ij}$, not the gradient")
      .formula("a^{(l)}_j \\delta^{(l+1)}_i = -\\tfrac{1}{2} \\frac{\\partial J}{\\partial W^{(l)}_{ij}}")
      .compute({"ex2.slide_dW1", "ex2.slide_dW2", "ex2.slide_dW3", "ex2.dJ_dW1", "ex2.dJ_dW2", "ex2.dJ_dW3"},
               [](const Inputs& in) -> Value {
                 double gap = 0.0;
                 for (int l = 1; l <= 3; ++l) {
                   const Eigen::MatrixXd& slide = in.matrix(fmt::format("ex2.slide_dW{}", l));
                   const Eigen::MatrixXd& exact = in.matrix(fmt::format("ex2.dJ_dW{}", l));
                   gap = std::max(gap, (slide + 0.5 * exact).cwiseAbs().maxCoeff() /
                                           std::max(1e-300, exact.cwiseAbs().maxCoeff()));
                 }
                 return Verdict{gap <= 1e-12, fmt::format("entry by entry, slide + ½·gradient = 0 to {:.1e} of the "
                                                          "gradient's scale",
                                                          gap)};
               });
  // The update W := W + α a_j δ_i still goes downhill: the sign is in δ
  trace.step("ex2.J_after", "One update $W := W + \\alpha\\, a_j \\delta_i$ as the slide writes it: J after")
      .formula("J\\left(W^{(l)} + \\alpha \\left[a^{(l)}_j \\delta^{(l+1)}_i\\right]\\right)")
      .compute({"ex2.W1", "ex2.W2", "ex2.W3", "ex2.slide_dW1", "ex2.slide_dW2", "ex2.slide_dW3", "ex2.alpha", "ex2.x1",
                "ex2.x2", "ex2.y"},
               [](const Inputs& in) -> Value {
                 const double alpha = in.scalar("ex2.alpha");
                 Eigen::VectorXd a = Eigen::Vector2d(in.scalar("ex2.x1"), in.scalar("ex2.x2"));
                 for (int l = 1; l <= 3; ++l) {
                   const Eigen::MatrixXd W =
                       in.matrix(bmb_W(l)) + alpha * in.matrix(fmt::format("ex2.slide_dW{}", l));  // W + α a_j δ_i
                   a = W * with_bias_unit(a);
                 }
                 const double r = in.scalar("ex2.y") - a[0];
                 return r * r;
               });
  trace.step("ex2.downhill", "The slide's update lowers J: it is gradient descent with step α/2")
      .formula("J_{\\text{after}} < J")
      .numbers("[[ex2.J_after]] < [[ex2.J]]")
      .compute({"ex2.J_after", "ex2.J"}, [](const Inputs& in) -> Value {
        const bool lower = in.scalar("ex2.J_after") < in.scalar("ex2.J");
        return Verdict{lower, lower ? "J falls: adding α a_j δ_i = −(α/2) ∂J/∂W moves downhill"
                                    : "J does not fall (J is already at its minimum)"};
      });
}

}  // namespace dag_backprop_parts

Trace dag_backprop(const ChapterOptions& options) {
  using namespace dag_backprop_parts;
  Trace trace("dag_backprop", "Backpropagation on a feed-forward DAG");
  const Setting s = options.seed ? drawn_setting(*options.seed) : default_setting();
  trace
      .summary(
          std::string("A feed-forward network need not come in layers: any directed acyclic graph will do, once "
                      "its nodes are numbered so that every link goes from a smaller to a larger number. Then "
                      "one sweep forward through the numbers computes every $a_j$ and $y_j$, and one sweep "
                      "backward computes every $\\delta_j$, because each node's downstream nodes come later. "
                      "PD's 14-node example is worked node by node, with each $\\partial E_n/\\partial w_{ij} = "
                      "\\delta_j y_i$, and checked against the library's DagNetwork. BMB's Example II (no "
                      "activation functions) reproduces the slide's five δ formulas and shows that they are "
                      "$-\\frac{1}{2}\\partial J/\\partial z$ for the slide's $J = (y - h_W(x))^2$, so the slide's "
                      "$\\partial J/\\partial W_{ij} = a_j \\delta_i$ is $-\\frac{1}{2}$ of the gradient. ") +
          (options.seed ? "This variant draws both networks' weights, inputs and targets from the seed."
                        : "PD's figure is missing from the text: the 14-node layout (3 inputs, 9 tanh "
                          "hidden nodes, 2 linear outputs, 30 links, skip links 1→11 and 4→14) and all "
                          "numbers are ours, consistent with M = 14, w_{1,8} = 0 and w_{4,13} = 0. BMB's "
                          "Example II's sizes (2-2-2-1) and numbers are ours too."))
      .source(
          "PD", "003_b5a9c74466967a6d.txt",
          {"FFNN: indexing nodes and weights $w_{ij}$", "Step 1 – perform forward pass",
           "Step 2 – error gradient (1/2)", "Error gradient: output nodes (3/3)", "Error gradient: hidden nodes (4/4)",
           "Wrapping up", "Backprop diagram", "Partial derivatives wrt weights"})
      .source("IC", "004_f167be6db553c350.txt",
              {"Backpropagation: preactivations $a_j$ and activations $z_j$", "Backpropagation: directed acyclic graph",
               "Error backpropagation", "Forward and backward passes", "Backpropagation algorithm"})
      .source(
          "BMB", "001_86790086ad6a4e65.txt",
          {"Backpropagation Example", "Example II", "Neural Networks Weight Update", "Neural Networks Backpropagation"})
      .convention(
          "PD's: nodes numbered 1 … M so that j > i means j follows i; $w_{ij}$ is the weight on the link "
          "from node i into node j and exists only for i < j ($w_{ij} = 0$ if $i \\ge j$); a missing link "
          "is absent, not a trainable zero, so its gradient is not computed. $a_j = \\sum_{i \\in \\uparrow j} "
          "w_{ij} y_i$ is the activation (IC: preactivation), $y_j = f(a_j)$ the output (IC: $z_j$); inputs "
          "have $y_i = x_i$. $\\delta_j = \\partial E_n/\\partial a_j$ with $E_n = \\frac{1}{2}\\sum_j "
          "(y_j - t_j)^2$ over the outputs; $\\partial E_n/\\partial w_{ij} = \\delta_j y_i$. IC writes the "
          "same weight receiving node first: IC's $w_{kj}$ is PD's $w_{jk}$. Hidden nodes use "
          "$f = \\tanh$, $f'(a) = 1 - \\tanh^2(a)$; outputs are linear (PD's regression). BMB's Example II "
          "keeps BMB's notation: $z^{(l+1)} = W^{(l)}[1; a^{(l)}]$, $w^{(l)}_{ik}$ from unit k of layer l "
          "into unit i of layer l+1 (k = 0 the bias unit), no activation ($a = z$), "
          "$J = (y - h_W(x))^2$ as on the slide, and the slide's δ as printed, compared with "
          "$\\partial J/\\partial z$.")
      .notation("w_{ij}", "weight of the link from node i into node j (PD); 0 unless i < j")
      .notation("\\uparrow j, \\downarrow j", "IC's upstream set (nodes feeding j) and downstream set (nodes j feeds)")
      .notation("a_j, y_j", "node j's activation $\\sum_{i \\in \\uparrow j} w_{ij} y_i$ and output $f(a_j)$")
      .notation("\\delta_j", "$\\partial E_n/\\partial a_j$")
      .notation("E_n", "$\\frac{1}{2}\\sum_{j \\in \\{13, 14\\}} (y_j - t_j)^2$")
      .notation("w^{(l)}_{ik}, z^{(l)}_i, \\delta^{(l)}_i", "BMB's weight, weighted sum and error in layer l")
      .seed(options.seed)
      .rounding({Rounding::Mode::significant, 4});

  draw_parameters(trace, s);
  index_nodes_and_weights(trace);
  forward_pass(trace);
  pointwise_error(trace);
  error_gradients(trace);
  weight_derivatives(trace);
  library_sweeps(trace);
  bmb_examples(trace, s);
  return trace;
}

}  // namespace nnwb::chapters
