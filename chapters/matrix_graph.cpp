// Chapter 16, matrix_graph: the two-layer network as a computation graph of six functions on
// vectors and matrices, fed forward and back-propagated.
// Lecture: EDI 000_7637ffcd816b0303.txt
//   "Practical representations - computation graph": z = σ(W₁x + w₁₀), ŷ = softmax(W₂z + w₂₀),
//     L = −Σ yᵢ log ŷᵢ = −log ŷ_c.
//   "Computation graph": L = f₆(f₅(f₄(f₃(f₂(f₁(x)))))), f₁: x₂ = W₁x, f₂: x₃ = x₂ + w₁₀,
//     f₃: x₄ = σ(x₃), f₄: x₅ = W₂x₄, f₅: x₆ = x₅ + w₂₀, f₆: L = log softmax(x₆)_{i=y}.
//   "Computation graph (cont.)": ∂L/∂W₂ = ∂L/∂x₆ ∂x₆/∂x₅ ∂x₅/∂W₂, ∂L/∂W₁ = ∂L/∂x₆ ∂x₆/∂x₅
//     ∂x₅/∂x₄ ∂x₄/∂x₃ ∂x₃/∂W₁ ("NB: matrix transpose is omitted for simplicity"); forward x₂…x₆,
//     ŷ, L; backward ∂L/∂w₂₀, ∂L/∂W₂, ∂L/∂w₁₀, ∂L/∂W₁.
//   "Computation graph – cross entropy layer": ∂L/∂aᵢ = ŷᵢ − 1_{i=c}, "a = x₄", ∂L/∂x₆ = ŷ − y.
//   "Quizzes" (the second): find ∂x₆/∂w₂₀, ∂x₅/∂W₂, ∂x₄/∂x₃.
// The slides print no numbers: the default network (2 inputs, 3 hidden units, 3 classes) is ours.
// Three places where the slides' text and the computation part (each checked in the trace):
//   f₆ lacks the minus sign (L = −log softmax(x₆)_c); the cross-entropy slide's "a = x₄" is a = x₆;
//   the W₁ chain differentiates x₃ by W₁ directly, where the graph has ∂x₃/∂x₂ ∂x₂/∂W₁ (∂x₃/∂x₂ = I).
//
// Shapes (one legend for the file): x = x₁: (d); W₁: (M, d); w₁₀, x₂, x₃, x₄: (M);
// W₂: (K, M); w₂₀, x₅, x₆, ŷ, y: (K); L: scalar. Every ∂L/∂v has v's shape; a Jacobian ∂u/∂v is
// (size of u, size of v): row i is ∂uᵢ/∂v.
#include <fmt/format.h>

#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include "chapters.hpp"
#include "nnwb/activations.hpp"
#include "nnwb/losses.hpp"
#include "nnwb/random.hpp"
#include "nnwb/softmax.hpp"

namespace nnwb::chapters {
namespace matrix_graph_parts {  // the chapter's sections and what they share

// The network and the sample: EDI's slides print none, so the defaults are ours.
struct Setting {
  Eigen::VectorXd x;    // (d)
  Eigen::MatrixXd W1;   // (M, d)
  Eigen::VectorXd w10;  // (M)
  Eigen::MatrixXd W2;   // (K, M)
  Eigen::VectorXd w20;  // (K)
  double c = 2;         // the true class, 1…K
};

Setting default_setting() {
  Setting s;
  s.x = Eigen::Vector2d(1.0, 0.5);
  s.W1.resize(3, 2);
  s.W1 << 0.5, -0.3,  //
      -0.2, 0.8,      //
      0.1, 0.4;
  s.w10 = Eigen::Vector3d(0.1, -0.1, 0.2);
  s.W2.resize(3, 3);
  s.W2 << 0.3, -0.5, 0.2,  //
      -0.4, 0.6, 0.1,      //
      0.7, 0.2, -0.3;
  s.w20 = Eigen::Vector3d(0.0, 0.1, -0.1);
  s.c = 2;
  return s;
}

// A variant: d ∈ {2, 3} inputs, M ∈ {3, 4} hidden units, K ∈ {3, 4} classes; weights and biases
// in tenths in [−1, 1], inputs in tenths in [−2, 2], so that σ stays unsaturated and a student can
// multiply by hand.
Setting drawn_setting(std::uint64_t seed) {
  Rng rng(seed);
  const Eigen::Index d = rng.index(2, 3), M = rng.index(3, 4), K = rng.index(3, 4);
  Setting s;
  s.x = rng.decimals(d, -2.0, 2.0, 1);
  s.W1 = rng.decimals(M, d, -1.0, 1.0, 1);
  s.w10 = rng.decimals(M, -1.0, 1.0, 1);
  s.W2 = rng.decimals(K, M, -1.0, 1.0, 1);
  s.w20 = rng.decimals(K, -1.0, 1.0, 1);
  s.c = static_cast<double>(rng.integer(1, K));
  return s;
}

// EDI's class c (counted from 1) as an index into a vector of K entries.
Eigen::Index class_index(double c, Eigen::Index K) {
  const auto index = static_cast<Eigen::Index>(std::lround(c)) - 1;
  if (index < 0 || index >= K) throw std::out_of_range(fmt::format("class c = {} is not one of 1…{}", c, K));
  return index;
}

// The sigmoid layer's σ and σ' elementwise, by the library's activation. (M) → (M)
Eigen::VectorXd sigma(const Eigen::VectorXd& a) { return Activation::sigmoid().value(a); }
Eigen::VectorXd sigma_prime(const Eigen::VectorXd& a) { return Activation::sigmoid().derivative(a); }

// The size of a value: its norm for a vector (Euclidean) or matrix (Frobenius), a scalar itself.
double edge_summary(const Value& value) {
  if (const auto* s = std::get_if<double>(&value)) return *s;
  if (const auto* v = std::get_if<Eigen::VectorXd>(&value)) return v->norm();
  if (const auto* m = std::get_if<Eigen::MatrixXd>(&value)) return m->norm();
  throw std::invalid_argument("a verdict has no size");
}

// Unicode subscript digits, for the diagram's plain-text labels: "x" and 2 → "x₂".
std::string subscript(const std::string& name, int k) {
  static const char* digits[] = {"₀", "₁", "₂", "₃", "₄", "₅", "₆", "₇", "₈", "₉"};
  std::string out = name;
  for (const char ch : std::to_string(k)) out += digits[ch - '0'];
  return out;
}

// EDI's graph as the slides draw it: the variables x₁…x₆ and L and the parameters by name, one
// circle per function f₁…f₆. Each edge carries the value flowing forward and ∂L/∂(that value)
// flowing back, both read from the trace (`value_of` and `gradient_of` name the steps).
struct GraphVariable {
  std::string id, label, value_of, gradient_of;
};
Diagram computation_graph_diagram(const Trace& trace) {
  // x₁ … x₆ and L, in the order the functions produce them; then the parameters f₁, f₂, f₄, f₅ take.
  const std::vector<GraphVariable> chain = {
      {"x1", "x₁", "x", "grad.x1"},       {"x2", "x₂", "f1.x2", "grad.x2"}, {"x3", "x₃", "f2.x3", "grad.x3"},
      {"x4", "x₄", "f3.x4", "grad.x4"},   {"x5", "x₅", "f4.x5", "grad.x5"}, {"x6", "x₆", "f5.x6", "grad.x6"},
      {"L", "L", "f6.L", ""}};
  const std::vector<std::pair<int, GraphVariable>> parameters = {{1, {"W1", "W₁", "W1", "grad.W1"}},
                                                                 {2, {"w10", "w₁₀", "w10", "grad.w10"}},
                                                                 {4, {"W2", "W₂", "W2", "grad.W2"}},
                                                                 {5, {"w20", "w₂₀", "w20", "grad.w20"}}};
  Diagram diagram;
  diagram.decimals = 3;
  const auto gradient = [&](const GraphVariable& v) {
    return v.gradient_of.empty() ? 1.0 : edge_summary(trace.value(v.gradient_of));  // ∂L/∂L = 1
  };
  const auto edge = [&](const std::string& from, const std::string& to, const GraphVariable& carried) {
    diagram.edges.push_back({from, to, edge_summary(trace.value(carried.value_of)), gradient(carried)});
  };
  for (const auto& v : chain) diagram.nodes.push_back({v.id, v.label, DiagramNode::Look::text});
  for (const auto& [k, p] : parameters) diagram.nodes.push_back({p.id, p.label, DiagramNode::Look::text});
  for (int k = 1; k <= 6; ++k) diagram.nodes.push_back({fmt::format("f{}", k), subscript("f", k), DiagramNode::Look::circle});
  for (int k = 1; k <= 6; ++k) {
    const std::string f = fmt::format("f{}", k);
    const auto& in = chain[static_cast<std::size_t>(k - 1)];
    const auto& out = chain[static_cast<std::size_t>(k)];
    edge(in.id, f, in);  // f_k's input x_k
    for (const auto& [at, p] : parameters)
      if (at == k) edge(p.id, f, p);  // its parameter
    edge(f, out.id, out);  // its output x_{k+1} (L for f₆)
  }
  return diagram;
}

// A Jacobian is claimed row by row: row i is the gradient of the scalar (u)ᵢ, a step of its own.
// Entry i of the vector step `of`: one step per entry, shared by every Jacobian of that vector.
std::string component(Trace& trace, const std::string& of, const std::string& latex, Eigen::Index i) {
  const std::string id = fmt::format("{}.{}", of, i + 1);
  if (!trace.has(id))
    trace.step(id, fmt::format("Entry {} of ${}$", i + 1, latex))
        .formula(fmt::format("({})_{{{}}}", latex, i + 1))
        .compute({of}, [of, i](const Inputs& in) -> Value { return in.vector(of)[i]; });
  return id;
}

// Row i of the Jacobian step `jacobian` = ∂(of)ᵢ/∂(wrt), one step and one claim per row.
void jacobian_rows(Trace& trace, const std::string& jacobian, const std::string& of, const std::string& of_latex,
                   const std::string& wrt, const std::string& wrt_latex, Eigen::Index rows) {
  for (Eigen::Index i = 0; i < rows; ++i) {
    const std::string entry = component(trace, of, of_latex, i);
    const std::string id = fmt::format("{}.row{}", jacobian, i + 1);
    trace.step(id, fmt::format("Row {} of $\\partial {}/\\partial {}$", i + 1, of_latex, wrt_latex))
        .formula(fmt::format("\\frac{{\\partial ({})_{{{}}}}}{{\\partial {}}}", of_latex, i + 1, wrt_latex))
        .compute({jacobian}, [jacobian, i](const Inputs& in) -> Value {
          return Eigen::VectorXd(in.matrix(jacobian).row(i).transpose());  // (size of wrt)
        });
    trace.claim_gradient(id, entry, wrt);
  }
}

// ---- the sections, in reading order --------------------------------------------------------------

// Forward pass (EDI "Computation graph").
void forward_pass(Trace& trace) {
  trace.section("Forward pass: $\\mathbf{x}_2, \\dots, \\mathbf{x}_6, \\hat{\\mathbf{y}}, L$ (EDI \"Computation graph\")");
  //! [forward_pass]
  trace.step("f1.x2", "$f_1$: the hidden layer's weighted sums")
      .formula("f_1 : \\mathbf{x}_2 = W_1 \\mathbf{x}")
      .numbers("[[W1]] [[x]]")
      .compute({"W1", "x"}, [](const Inputs& in) -> Value {
        const Eigen::VectorXd x2 = in.matrix("W1") * in.vector("x");  // x₂ = W₁x: (M)
        return x2;
      });
  trace.step("f2.x3", "$f_2$: plus the hidden biases")
      .formula("f_2 : \\mathbf{x}_3 = \\mathbf{x}_2 + w_{10}")
      .numbers("[[f1.x2]] + [[w10]]")
      .compute({"f1.x2", "w10"}, [](const Inputs& in) -> Value {
        const Eigen::VectorXd x3 = in.vector("f1.x2") + in.vector("w10");  // x₃ = x₂ + w₁₀: (M)
        return x3;
      });
  trace.step("f3.x4", "$f_3$: the sigmoid, unit by unit")
      .formula("f_3 : \\mathbf{x}_4 = \\sigma(\\mathbf{x}_3)")
      .numbers("\\sigma([[f2.x3]])")
      .compute({"f2.x3"}, [](const Inputs& in) -> Value {
        return sigma(in.vector("f2.x3"));  // x₄ = σ(x₃) = z: (M)
      });
  trace.step("f4.x5", "$f_4$: the output layer's weighted sums")
      .formula("f_4 : \\mathbf{x}_5 = W_2 \\mathbf{x}_4")
      .numbers("[[W2]] [[f3.x4]]")
      .compute({"W2", "f3.x4"}, [](const Inputs& in) -> Value {
        const Eigen::VectorXd x5 = in.matrix("W2") * in.vector("f3.x4");  // x₅ = W₂x₄: (K)
        return x5;
      });
  trace.step("f5.x6", "$f_5$: plus the output biases")
      .formula("f_5 : \\mathbf{x}_6 = \\mathbf{x}_5 + w_{20}")
      .numbers("[[f4.x5]] + [[w20]]")
      .compute({"f4.x5", "w20"}, [](const Inputs& in) -> Value {
        const Eigen::VectorXd x6 = in.vector("f4.x5") + in.vector("w20");  // x₆ = x₅ + w₂₀: (K)
        return x6;
      });
  trace.step("yhat", "The class probabilities $\\hat{\\mathbf{y}}$")
      .formula("\\hat{\\mathbf{y}} = \\operatorname{softmax}(\\mathbf{x}_6) = \\operatorname{softmax}(W_2 \\mathbf{z} + w_{20})")
      .numbers("\\operatorname{softmax}([[f5.x6]])")
      .compute({"f5.x6"}, [](const Inputs& in) -> Value {
        return softmax(in.vector("f5.x6"));  // ŷᵢ = e^{x₆ᵢ − m} / Σⱼ e^{x₆ⱼ − m}: (K)
      });
  trace.step("f6.L", "$f_6$: the cross-entropy of the true class")
      .formula("f_6 : L = -\\log \\operatorname{softmax}(\\mathbf{x}_6)_c")
      .numbers("-\\log \\operatorname{softmax}([[f5.x6]])_{[[c]]}")
      .compute({"f5.x6", "c"}, [](const Inputs& in) -> Value {
        const Eigen::VectorXd& x6 = in.vector("f5.x6");
        return softmax_cross_entropy(x6, class_index(in.scalar("c"), x6.size()));  // −log softmax(x₆)_c, by log-softmax
      });
  //! [forward_pass]
  trace.step("y", "The one-hot target $\\mathbf{y}$")
      .formula("y_i = \\mathbb{1}_{i=c}")
      .compute({"c", "yhat"}, [](const Inputs& in) -> Value {
        const Eigen::Index k = in.vector("yhat").size();
        return one_hot(class_index(in.scalar("c"), k), k);  // (K)
      });
  trace.step("ce.sum", "The same loss as the sum over classes")
      .formula("L = -\\sum_i y_i \\log \\hat{y}_i = -\\log \\hat{y}_c")
      .numbers("-\\sum_i [[y]]_i \\log [[yhat]]_i = [[f6.L]]")
      .compute({"y", "yhat", "f6.L"}, [](const Inputs& in) -> Value {
        const double sum = cross_entropy(in.vector("yhat"), in.vector("y"));  // −Σ yᵢ log ŷᵢ
        const double gap = std::abs(sum - in.scalar("f6.L"));
        return Verdict{gap <= 1e-12 * std::max(1.0, sum),
                       fmt::format("−Σ yᵢ log ŷᵢ = {:.6g} and −log softmax(x₆)_c agree to {:.1e}", sum, gap)};
      });
  // EDI's f₆ as printed: "L = log softmax(x₆)_{i=y}", without the minus sign.
  trace.step("f6.as_printed", "$f_6$ as the slide prints it, without the minus sign")
      .formula("\\log \\operatorname{softmax}(\\mathbf{x}_6)_c")
      .numbers("\\log [[yhat]]_{[[c]]}")
      .compute({"f5.x6", "c"}, [](const Inputs& in) -> Value {
        const Eigen::VectorXd& x6 = in.vector("f5.x6");
        return log_softmax(x6)[class_index(in.scalar("c"), x6.size())];  // log ŷ_c
      });
  trace.step("f6.sign", "The printed $f_6$ is $-L$: a loss needs the minus sign")
      .formula("\\log \\operatorname{softmax}(\\mathbf{x}_6)_c = -L \\le 0")
      .numbers("[[f6.as_printed]] = -[[f6.L]]")
      .compute({"f6.as_printed", "f6.L"}, [](const Inputs& in) -> Value {
        const double printed = in.scalar("f6.as_printed"), loss = in.scalar("f6.L");
        return Verdict{printed == -loss && printed <= 0.0,
                       fmt::format("log ŷ_c = {:.6g} ≤ 0 is −L: minimising it would drive ŷ_c to 0, so "
                                   "f₆ is L = −log softmax(x₆)_c",
                                   printed)};
      });
}

// Backward pass (EDI "Computation graph (cont.)", "… – cross entropy layer").
void backward_pass(Trace& trace) {
  trace.section("Backward pass: $\\partial L/\\partial w_{20}, \\partial L/\\partial W_2, \\partial L/\\partial w_{10}, "
                "\\partial L/\\partial W_1$, one function at a time");
  // Back through f₆ (the cross-entropy layer): L = log Σⱼ e^{aⱼ} − a_c with a = x₆.
  //! [backward_pass_output_layer]
  trace.step("grad.x6", "Back through $f_6$: the cross-entropy layer")
      .formula("\\frac{\\partial L}{\\partial \\mathbf{x}_6} = \\hat{\\mathbf{y}} - \\mathbf{y}")
      .numbers("[[yhat]] - [[y]]")
      .compute({"yhat", "y"}, [](const Inputs& in) -> Value {
        const Eigen::VectorXd g = in.vector("yhat") - in.vector("y");  // ŷ − y: (K)
        return g;
      });
  trace.claim_gradient("grad.x6", "f6.L", "f5.x6");
  // EDI's slide: "where c is the true class, a = x₄". The loss's input is x₆ (f₆ takes x₆).
  trace.step("ce.input", "The cross-entropy layer's input $\\mathbf{a}$ is $\\mathbf{x}_6$, not $\\mathbf{x}_4$")
      .formula("-\\log \\operatorname{softmax}(\\mathbf{a})_c = L \\iff \\mathbf{a} = \\mathbf{x}_6")
      .numbers("-\\log \\operatorname{softmax}([[f3.x4]])_{[[c]]} \\;\\text{vs}\\; L = [[f6.L]]")
      .compute({"f3.x4", "c", "f6.L"}, [](const Inputs& in) -> Value {
        const Eigen::VectorXd& x4 = in.vector("f3.x4");
        const double loss = in.scalar("f6.L");
        const auto index = static_cast<Eigen::Index>(std::lround(in.scalar("c"))) - 1;
        if (index >= x4.size())  // x₄ has M entries, one per hidden unit, not one per class
          return Verdict{true, fmt::format("x₄ has {} entries, fewer than the class c = {}: a = x₄ cannot be "
                                           "the softmax's input, which is x₆",
                                           x4.size(), index + 1)};
        const double with_x4 = softmax_cross_entropy(x4, class_index(in.scalar("c"), x4.size()));
        return Verdict{std::abs(with_x4 - loss) > 1e-9 * std::max(1.0, loss),
                       fmt::format("with a = x₄ the formula gives {:.6g}, not L = {:.6g}; with a = x₆ it is L, "
                                   "so ∂L/∂a = ŷ − y is ∂L/∂x₆",
                                   with_x4, loss)};
      });
  trace.step("grad.w20", "Back through $f_5$ to its bias: $\\partial L/\\partial w_{20}$")
      .formula("\\frac{\\partial L}{\\partial w_{20}} = \\frac{\\partial L}{\\partial \\mathbf{x}_6} "
               "\\frac{\\partial \\mathbf{x}_6}{\\partial w_{20}} = \\frac{\\partial L}{\\partial \\mathbf{x}_6}")
      .numbers("[[grad.x6]]")
      .compute({"grad.x6"}, [](const Inputs& in) -> Value {
        return in.vector("grad.x6");  // ∂x₆/∂w₂₀ = I: (K)
      });
  trace.claim_gradient("grad.w20", "f6.L", "w20");
  trace.step("grad.x5", "Back through $f_5$ to its input: $\\partial L/\\partial \\mathbf{x}_5$")
      .formula("\\frac{\\partial L}{\\partial \\mathbf{x}_5} = \\frac{\\partial L}{\\partial \\mathbf{x}_6} "
               "\\frac{\\partial \\mathbf{x}_6}{\\partial \\mathbf{x}_5} = \\frac{\\partial L}{\\partial \\mathbf{x}_6}")
      .numbers("[[grad.x6]]")
      .compute({"grad.x6"}, [](const Inputs& in) -> Value {
        return in.vector("grad.x6");  // ∂x₆/∂x₅ = I: (K)
      });
  trace.claim_gradient("grad.x5", "f6.L", "f4.x5");
  trace.step("grad.W2", "Back through $f_4$ to its weights: $\\partial L/\\partial W_2$")
      .formula("\\frac{\\partial L}{\\partial W_2} = \\frac{\\partial L}{\\partial \\mathbf{x}_5} \\mathbf{x}_4^\\top")
      .numbers("[[grad.x5]] [[f3.x4]]^\\top")
      .compute({"grad.x5", "f3.x4"}, [](const Inputs& in) -> Value {
        const Eigen::MatrixXd g = in.vector("grad.x5") * in.vector("f3.x4").transpose();  // (K, M)
        return g;
      });
  trace.claim_gradient("grad.W2", "f6.L", "W2");
  trace.step("grad.x4", "Back through $f_4$ to its input: $\\partial L/\\partial \\mathbf{x}_4$")
      .formula("\\frac{\\partial L}{\\partial \\mathbf{x}_4} = W_2^\\top \\frac{\\partial L}{\\partial \\mathbf{x}_5}")
      .numbers("[[W2]]^\\top [[grad.x5]]")
      .compute({"W2", "grad.x5"}, [](const Inputs& in) -> Value {
        const Eigen::VectorXd g = in.matrix("W2").transpose() * in.vector("grad.x5");  // (M)
        return g;
      });
  trace.claim_gradient("grad.x4", "f6.L", "f3.x4");
  //! [backward_pass_output_layer]
  //! [backward_pass_hidden_layer]
  trace.step("grad.x3", "Back through $f_3$, the sigmoid: $\\partial L/\\partial \\mathbf{x}_3$")
      .formula("\\frac{\\partial L}{\\partial \\mathbf{x}_3} = \\sigma'(\\mathbf{x}_3) \\circ "
               "\\frac{\\partial L}{\\partial \\mathbf{x}_4}, \\quad \\sigma'(\\mathbf{x}_3) = \\mathbf{x}_4 \\circ (1 - \\mathbf{x}_4)")
      .numbers("\\sigma'([[f2.x3]]) \\circ [[grad.x4]]")
      .compute({"f2.x3", "grad.x4"}, [](const Inputs& in) -> Value {
        const Eigen::VectorXd g = sigma_prime(in.vector("f2.x3")).cwiseProduct(in.vector("grad.x4"));  // (M)
        return g;
      });
  trace.claim_gradient("grad.x3", "f6.L", "f2.x3");
  trace.step("grad.w10", "Back through $f_2$ to its bias: $\\partial L/\\partial w_{10}$")
      .formula("\\frac{\\partial L}{\\partial w_{10}} = \\frac{\\partial L}{\\partial \\mathbf{x}_3} "
               "\\frac{\\partial \\mathbf{x}_3}{\\partial w_{10}} = \\frac{\\partial L}{\\partial \\mathbf{x}_3}")
      .numbers("[[grad.x3]]")
      .compute({"grad.x3"}, [](const Inputs& in) -> Value {
        return in.vector("grad.x3");  // ∂x₃/∂w₁₀ = I: (M)
      });
  trace.claim_gradient("grad.w10", "f6.L", "w10");
  trace.step("grad.x2", "Back through $f_2$ to its input: $\\partial L/\\partial \\mathbf{x}_2$")
      .formula("\\frac{\\partial L}{\\partial \\mathbf{x}_2} = \\frac{\\partial L}{\\partial \\mathbf{x}_3} "
               "\\frac{\\partial \\mathbf{x}_3}{\\partial \\mathbf{x}_2} = \\frac{\\partial L}{\\partial \\mathbf{x}_3}")
      .numbers("[[grad.x3]]")
      .compute({"grad.x3"}, [](const Inputs& in) -> Value {
        return in.vector("grad.x3");  // ∂x₃/∂x₂ = I: (M)
      });
  trace.claim_gradient("grad.x2", "f6.L", "f1.x2");
  trace.step("grad.W1", "Back through $f_1$ to its weights: $\\partial L/\\partial W_1$")
      .formula("\\frac{\\partial L}{\\partial W_1} = \\frac{\\partial L}{\\partial \\mathbf{x}_2} \\mathbf{x}^\\top")
      .numbers("[[grad.x2]] [[x]]^\\top")
      .compute({"grad.x2", "x"}, [](const Inputs& in) -> Value {
        const Eigen::MatrixXd g = in.vector("grad.x2") * in.vector("x").transpose();  // (M, d)
        return g;
      });
  trace.claim_gradient("grad.W1", "f6.L", "W1");
  trace.step("grad.x1", "Back through $f_1$ to the input: $\\partial L/\\partial \\mathbf{x}_1$")
      .formula("\\frac{\\partial L}{\\partial \\mathbf{x}_1} = W_1^\\top \\frac{\\partial L}{\\partial \\mathbf{x}_2}")
      .numbers("[[W1]]^\\top [[grad.x2]]")
      .compute({"W1", "grad.x2"}, [](const Inputs& in) -> Value {
        const Eigen::VectorXd g = in.matrix("W1").transpose() * in.vector("grad.x2");  // (d)
        return g;
      });
  trace.claim_gradient("grad.x1", "f6.L", "x");
  //! [backward_pass_hidden_layer]
}

// The quiz (EDI "Quizzes": "On Slide 24, find the following").
void the_quiz(Trace& trace, const Eigen::Index M, const Eigen::Index K) {
  trace.section("Quiz: $\\partial \\mathbf{x}_6/\\partial w_{20}$, $\\partial \\mathbf{x}_5/\\partial W_2$, "
                "$\\partial \\mathbf{x}_4/\\partial \\mathbf{x}_3$ (EDI \"Quizzes\")");
  //! [quiz_jacobians]
  trace.step("quiz.dx6_dw20", "Quiz: the Jacobian of $f_5$ in its bias, $\\partial \\mathbf{x}_6/\\partial w_{20}$")
      .formula("\\frac{\\partial \\mathbf{x}_6}{\\partial w_{20}} = I_K, \\quad \\frac{\\partial (\\mathbf{x}_6)_i}"
               "{\\partial (w_{20})_j} = \\mathbb{1}_{i=j}")
      .compute({"w20"}, [](const Inputs& in) -> Value {
        const auto k = in.vector("w20").size();
        return Eigen::MatrixXd(Eigen::MatrixXd::Identity(k, k));  // x₆ = x₅ + w₂₀: (K, K)
      });
  jacobian_rows(trace, "quiz.dx6_dw20", "f5.x6", "\\mathbf{x}_6", "w20", "w_{20}", K);
  for (Eigen::Index i = 0; i < K; ++i) {
    const std::string entry = component(trace, "f4.x5", "\\mathbf{x}_5", i);
    const std::string id = fmt::format("quiz.dx5_dW2.{}", i + 1);
    trace.step(id, fmt::format("Quiz: $\\partial (\\mathbf{{x}}_5)_{}/\\partial W_2$, one slice of $\\partial "
                               "\\mathbf{{x}}_5/\\partial W_2$",
                               i + 1))
        .formula(fmt::format("\\frac{{\\partial (\\mathbf{{x}}_5)_{0}}}{{\\partial W_2}} = \\mathbf{{e}}_{0} "
                             "\\mathbf{{x}}_4^\\top, \\quad \\frac{{\\partial (\\mathbf{{x}}_5)_i}}{{\\partial (W_2)_{{jk}}}} "
                             "= \\mathbb{{1}}_{{i=j}} (\\mathbf{{x}}_4)_k",
                             i + 1))
        .numbers(fmt::format("\\mathbf{{e}}_{} [[f3.x4]]^\\top", i + 1))
        .compute({"W2", "f3.x4"}, [i](const Inputs& in) -> Value {
          // (x₅)ᵢ = Σₖ (W₂)ᵢₖ (x₄)ₖ uses row i of W₂ only. (K, M)
          Eigen::MatrixXd slice = Eigen::MatrixXd::Zero(in.matrix("W2").rows(), in.matrix("W2").cols());
          slice.row(i) = in.vector("f3.x4").transpose();
          return slice;
        });
    trace.claim_gradient(id, entry, "W2");
  }
  trace.step("quiz.dx4_dx3", "Quiz: the Jacobian of $f_3$, $\\partial \\mathbf{x}_4/\\partial \\mathbf{x}_3$")
      .formula("\\frac{\\partial \\mathbf{x}_4}{\\partial \\mathbf{x}_3} = \\operatorname{diag}(\\sigma'(\\mathbf{x}_3)) = "
               "\\operatorname{diag}(\\mathbf{x}_4 \\circ (1 - \\mathbf{x}_4))")
      .numbers("\\operatorname{diag}(\\sigma'([[f2.x3]]))")
      .compute({"f2.x3"}, [](const Inputs& in) -> Value {
        // x₄ᵢ = σ(x₃ᵢ) depends on x₃ᵢ alone: the Jacobian is diagonal. (M, M)
        return Eigen::MatrixXd(sigma_prime(in.vector("f2.x3")).asDiagonal());
      });
  jacobian_rows(trace, "quiz.dx4_dx3", "f3.x4", "\\mathbf{x}_4", "f2.x3", "\\mathbf{x}_3", M);
  //! [quiz_jacobians]
}

// The slide's chains of Jacobians (EDI "Computation graph (cont.)").
void chains_of_jacobians(Trace& trace, const Eigen::Index M, const Eigen::Index K) {
  trace.section("The slide's chains: products of Jacobians, transposes put back (EDI \"Computation graph (cont.)\")");
  trace.step("chain.dx6_dx5", "The Jacobian of $f_5$ in its input")
      .formula("\\frac{\\partial \\mathbf{x}_6}{\\partial \\mathbf{x}_5} = I_K")
      .compute({"f5.x6"}, [](const Inputs& in) -> Value {
        const auto k = in.vector("f5.x6").size();
        return Eigen::MatrixXd(Eigen::MatrixXd::Identity(k, k));  // x₆ = x₅ + w₂₀: (K, K)
      });
  jacobian_rows(trace, "chain.dx6_dx5", "f5.x6", "\\mathbf{x}_6", "f4.x5", "\\mathbf{x}_5", K);
  trace.step("chain.dx5_dx4", "The Jacobian of $f_4$ in its input")
      .formula("\\frac{\\partial \\mathbf{x}_5}{\\partial \\mathbf{x}_4} = W_2")
      .compute({"W2"}, [](const Inputs& in) -> Value {
        return in.matrix("W2");  // x₅ = W₂x₄: (K, M)
      });
  jacobian_rows(trace, "chain.dx5_dx4", "f4.x5", "\\mathbf{x}_5", "f3.x4", "\\mathbf{x}_4", K);
  trace.step("chain.dx3_dx2", "The Jacobian of $f_2$ in its input")
      .formula("\\frac{\\partial \\mathbf{x}_3}{\\partial \\mathbf{x}_2} = I_M")
      .compute({"f2.x3"}, [](const Inputs& in) -> Value {
        const auto m = in.vector("f2.x3").size();
        return Eigen::MatrixXd(Eigen::MatrixXd::Identity(m, m));  // x₃ = x₂ + w₁₀: (M, M)
      });
  jacobian_rows(trace, "chain.dx3_dx2", "f2.x3", "\\mathbf{x}_3", "f1.x2", "\\mathbf{x}_2", M);
  //! [chains_of_jacobians]
  trace.step("chain.W2", "The slide's chain for $W_2$: $\\partial L/\\partial W_2$")
      .formula("\\frac{\\partial L}{\\partial W_2} = \\frac{\\partial L}{\\partial \\mathbf{x}_6} \\frac{\\partial "
               "\\mathbf{x}_6}{\\partial \\mathbf{x}_5} \\frac{\\partial \\mathbf{x}_5}{\\partial W_2} = "
               "\\Big(\\frac{\\partial L}{\\partial \\mathbf{x}_6}^{\\top} \\frac{\\partial "
               "\\mathbf{x}_6}{\\partial \\mathbf{x}_5}\\Big)^{\\top} \\mathbf{x}_4^\\top")
      .numbers("([[grad.x6]]^\\top [[chain.dx6_dx5]])^\\top [[f3.x4]]^\\top")
      .compute({"grad.x6", "chain.dx6_dx5", "f3.x4"}, [](const Inputs& in) -> Value {
        // Row vector times Jacobians, left to right as the slide writes them: (1, K)(K, K).
        const Eigen::RowVectorXd upstream = in.vector("grad.x6").transpose() * in.matrix("chain.dx6_dx5");
        // ∂x₅ᵢ/∂(W₂)ⱼₖ = δᵢⱼ (x₄)ₖ, so the last factor pairs row i of ∂L/∂x₅ with x₄ᵀ. (K, M)
        const Eigen::MatrixXd g = upstream.transpose() * in.vector("f3.x4").transpose();
        return g;
      });
  trace.claim_gradient("chain.W2", "f6.L", "W2");
  trace.step("chain.W1", "The slide's chain for $W_1$, through $\\mathbf{x}_2$: $\\partial L/\\partial W_1$")
      .formula("\\frac{\\partial L}{\\partial W_1} = \\frac{\\partial L}{\\partial \\mathbf{x}_6} \\frac{\\partial "
               "\\mathbf{x}_6}{\\partial \\mathbf{x}_5} \\frac{\\partial \\mathbf{x}_5}{\\partial \\mathbf{x}_4} "
               "\\frac{\\partial \\mathbf{x}_4}{\\partial \\mathbf{x}_3} \\frac{\\partial \\mathbf{x}_3}{\\partial "
               "\\mathbf{x}_2} \\frac{\\partial \\mathbf{x}_2}{\\partial W_1}, \\quad \\frac{\\partial \\mathbf{x}_3}"
               "{\\partial W_1} = \\frac{\\partial \\mathbf{x}_3}{\\partial \\mathbf{x}_2} \\frac{\\partial "
               "\\mathbf{x}_2}{\\partial W_1}")
      .numbers("([[grad.x6]]^\\top [[chain.dx6_dx5]] [[chain.dx5_dx4]] [[quiz.dx4_dx3]] [[chain.dx3_dx2]])^\\top [[x]]^\\top")
      .compute({"grad.x6", "chain.dx6_dx5", "chain.dx5_dx4", "quiz.dx4_dx3", "chain.dx3_dx2", "x"},
               [](const Inputs& in) -> Value {
                 // (1, K)(K, K)(K, M)(M, M)(M, M) = (1, M): ∂L/∂x₂ as a row.
                 const Eigen::RowVectorXd upstream = in.vector("grad.x6").transpose() * in.matrix("chain.dx6_dx5") *
                                                     in.matrix("chain.dx5_dx4") * in.matrix("quiz.dx4_dx3") *
                                                     in.matrix("chain.dx3_dx2");
                 // ∂x₂ᵢ/∂(W₁)ⱼₖ = δᵢⱼ xₖ: row i of ∂L/∂x₂ pairs with xᵀ. (M, d)
                 const Eigen::MatrixXd g = upstream.transpose() * in.vector("x").transpose();
                 return g;
               });
  trace.claim_gradient("chain.W1", "f6.L", "W1");
  trace.step("chain.same", "The chains give the backward pass's gradients")
      .formula("\\text{chain } \\frac{\\partial L}{\\partial W_2}, \\frac{\\partial L}{\\partial W_1} = "
               "\\text{backward } \\frac{\\partial L}{\\partial W_2}, \\frac{\\partial L}{\\partial W_1}")
      .compute({"chain.W2", "grad.W2", "chain.W1", "grad.W1"}, [](const Inputs& in) -> Value {
        const double gap = std::max((in.matrix("chain.W2") - in.matrix("grad.W2")).cwiseAbs().maxCoeff(),
                                    (in.matrix("chain.W1") - in.matrix("grad.W1")).cwiseAbs().maxCoeff());
        return Verdict{gap <= 1e-15, fmt::format("they agree to {:.1e}: the Jacobian products, read as a row "
                                                 "vector times Jacobians, are the backward pass transposed",
                                                 gap)};
      });
  //! [chains_of_jacobians]
}

// The figure: the graph as the slides draw it.
void draw_the_graph(Trace& trace) {
  trace.figure({"graph",
                "EDI's computation graph f₁…f₆: on each edge the value v flowing forward (above, green) and ∂L/∂v "
                "flowing back (below, red), vectors and matrices by their Euclidean (Frobenius) norm ‖·‖, L by its value",
                computation_graph_diagram(trace)});
}

}  // namespace matrix_graph_parts

Trace matrix_graph(const ChapterOptions& options) {
  using namespace matrix_graph_parts;
  Trace trace("matrix_graph", "The two-layer network as a computation graph");
  trace
      .summary(std::string(
                   "A two-layer network with sigmoid hidden units, a softmax output and the cross-entropy "
                   "loss, written as EDI writes it: six functions $f_1 \\dots f_6$ on vectors and matrices, "
                   "$L = f_6(f_5(f_4(f_3(f_2(f_1(\\mathbf{x}))))))$. The forward pass computes "
                   "$\\mathbf{x}_2 \\dots \\mathbf{x}_6$, $\\hat{\\mathbf{y}}$ and $L$; the backward pass "
                   "walks the graph back, one function at a time, to $\\partial L/\\partial w_{20}$, "
                   "$\\partial L/\\partial W_2$, $\\partial L/\\partial w_{10}$ and $\\partial L/\\partial W_1$. "
                   "The quiz asks for three Jacobians: $\\partial \\mathbf{x}_6/\\partial "
                   "w_{20} = I$, $\\partial \\mathbf{x}_5/\\partial W_2$ (row i of $W_2$ meets "
                   "$\\mathbf{x}_4$) and $\\partial \\mathbf{x}_4/\\partial \\mathbf{x}_3 = "
                   "\\operatorname{diag}(\\sigma'(\\mathbf{x}_3))$; with the other Jacobians of the graph "
                   "they make the slide's two chains, which give the backward pass's gradients once the "
                   "transposes they omit are put back. Each Jacobian is also shown row by row, row i being "
                   "the gradient of output i, so that every row is checked by central differences. Three slips of the slides are checked on "
                   "the numbers: $f_6$ needs a minus sign, the cross-entropy layer's input is "
                   "$\\mathbf{x}_6$, not $\\mathbf{x}_4$, and the $W_1$ chain passes through "
                   "$\\mathbf{x}_2$. ") +
               (options.seed ? "This variant draws the sizes (2–3 inputs, 3–4 hidden units, 3–4 classes), "
                               "the weights, the input and the class from the seed."
                             : "The slides print no numbers: the network (2 inputs, 3 hidden units, 3 "
                               "classes), the input and the class are ours."))
      .source("EDI", "000_7637ffcd816b0303.txt",
              {"Practical representations - computation graph", "Computation graph", "Computation graph (cont.)",
               "Computation graph – cross entropy layer", "Quizzes"})
      .convention(
          "EDI's: column vectors, one sample; $\\mathbf{x}_1 = \\mathbf{x}$ is the input, $W_1$ and $W_2$ "
          "the weight matrices (row j holds the weights into unit j), $w_{10}$ and $w_{20}$ the bias "
          "vectors; $c$ is the true class, counted from 1 (EDI's $f_6$ writes it $i = y$), and "
          "$\\mathbf{y}$ its one-hot vector. The loss is $L = -\\log \\operatorname{softmax}"
          "(\\mathbf{x}_6)_c$, with the minus sign the \"Practical representations\" slide has. A "
          "gradient $\\partial L/\\partial v$ has $v$'s shape; a Jacobian $\\partial \\mathbf{u}/\\partial "
          "\\mathbf{v}$ has one row per entry of $\\mathbf{u}$ (row i is $\\partial u_i/\\partial "
          "\\mathbf{v}$). The slide writes its chains as products of Jacobians, left to right, \"matrix "
          "transpose omitted\": read left to right as a row vector $\\partial L/\\partial \\mathbf{x}_6^\\top$ "
          "times Jacobians they are exact; as column gradients they run right to left, transposed. A "
          "Jacobian with respect to a matrix, $\\partial \\mathbf{x}_5/\\partial W_2$, has three indices; "
          "it is shown one output at a time, $\\partial (\\mathbf{x}_5)_i/\\partial W_2$, a matrix of "
          "$W_2$'s shape. The diagram shows, for vectors and matrices, their Euclidean (Frobenius) norm.")
      .notation("\\mathbf{x}_1 = \\mathbf{x}", "the input, $d$ numbers")
      .notation("W_1, w_{10}", "the hidden layer's weights ($M \\times d$) and biases ($M$)")
      .notation("W_2, w_{20}", "the output layer's weights ($K \\times M$) and biases ($K$)")
      .notation("\\mathbf{x}_2 \\dots \\mathbf{x}_6", "the outputs of $f_1 \\dots f_5$")
      .notation("f_1 \\dots f_6", "the six functions of the graph")
      .notation("\\sigma", "the logistic sigmoid, elementwise; $\\sigma'(a) = \\sigma(a)(1 - \\sigma(a))$")
      .notation("\\hat{\\mathbf{y}}", "$\\operatorname{softmax}(\\mathbf{x}_6)$, the class probabilities")
      .notation("c, \\mathbf{y}", "the true class and its one-hot vector")
      .notation("L", "the cross-entropy loss $-\\log \\hat{y}_c$")
      .notation("\\frac{\\partial \\mathbf{u}}{\\partial \\mathbf{v}}", "a Jacobian: row i is $\\partial u_i/\\partial \\mathbf{v}$")
      .seed(options.seed)
      .rounding({Rounding::Mode::significant, 4});

  const Setting s = options.seed ? drawn_setting(*options.seed) : default_setting();
  const Eigen::Index M = s.W1.rows(), K = s.W2.rows();
  trace.parameter("x", "\\mathbf{x} = \\mathbf{x}_1", "the input", s.x);
  trace.parameter("W1", "W_1", "the hidden layer's weights, row j into hidden unit j", s.W1);
  trace.parameter("w10", "w_{10}", "the hidden layer's biases", s.w10);
  trace.parameter("W2", "W_2", "the output layer's weights, row k into output k", s.W2);
  trace.parameter("w20", "w_{20}", "the output layer's biases", s.w20);
  trace.parameter("c", "c", "the true class (1…K)", s.c);

  forward_pass(trace);
  backward_pass(trace);
  the_quiz(trace, M, K);
  chains_of_jacobians(trace, M, K);
  draw_the_graph(trace);
  return trace;
}

}  // namespace nnwb::chapters
