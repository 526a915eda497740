// Chapter 5, delta_recursion: backpropagation as the delta recursion, on a two-layer and a
// three-layer network, for one sample and for a batch in matrix form.
// Lectures: IC "Error backpropagation", "Backpropagation algorithm" (δ_j = ∂E/∂a_j,
// δ_j = σ'(a_j) Σ_k w_kj δ_k, ∂E/∂w_jk = δ_j z_k, ∂E/∂b_j = δ_j); PD "Error gradient: output nodes
// (1/3)…(3/3)", "hidden nodes (1/4)…(4/4)", "Partial derivatives wrt weights" (∂E/∂w_ij = δ_j y_i)
// and "Final result" (δ = y − t for softmax with cross-entropy); EDI "The derivatives of the error
// function (two-layers)", "Error back propagation"; CTU "Backpropagation – Adaptation Rules",
// "Backpropagation Algorithm (Matrix – Iterative Variant)", "(Batch Variant)"; BMB
// "Back-Propagation Derivation", "Neural Networks Backpropagation".
//
// The network is the library's Mlp (lib/math/include/nnwb/mlp.hpp). Each trace step recomputes its own
// piece from its inputs with the formula the slides state; the Mlp is run inside the check steps
// (same numbers, finite differences, batch = Σ per-sample), so the trace shows that the two agree.
// The slides print no numbers for these derivations: the defaults are small hand-picked values.
//
// Shapes (one legend for the file): X: (D, N); T: (K, N); W⁽ˡ⁾: (out_l, in_l); b⁽ˡ⁾: (out_l);
// a⁽ˡ⁾, z⁽ˡ⁾, δ⁽ˡ⁾: (out_l) for one sample, A⁽ˡ⁾, Z⁽ˡ⁾, Δ⁽ˡ⁾: (out_l, N) for a batch;
// ∂E/∂W⁽ˡ⁾: (out_l, in_l); ∂E/∂b⁽ˡ⁾: (out_l). Internally one sample is a matrix of one column.
#include <fmt/format.h>

#include <cmath>
#include <stdexcept>
#include <utility>

#include "chapters.hpp"
#include "nnwb/gradient_check.hpp"
#include "nnwb/losses.hpp"
#include "nnwb/mlp.hpp"
#include "nnwb/random.hpp"
#include "nnwb/softmax.hpp"

namespace nnwb::chapters {
namespace delta_recursion_parts {  // the chapter's sections and what they share

// The finite-difference checks printed in the trace: central differences with ε = 10⁻⁶ must agree
// to this relative error; the Mlp must agree with the trace's own steps to rounding.
constexpr double fd_tolerance = 1e-5;
constexpr double same_tolerance = 1e-12;

// How the output layer meets the error function.
enum class Output {
  softmax_cross_entropy,  // ŷ = softmax(a⁽ᴸ⁾), E_n = −Σ_k t_k ln ŷ_k, δ⁽ᴸ⁾ = ŷ − t  (PD "Final result")
  squared_error,          // ŷ = g(a⁽ᴸ⁾), E_n = ½ Σ_k (ŷ_k − t_k)², δ⁽ᴸ⁾ = g'(a⁽ᴸ⁾) ∘ (ŷ − t)  (CTU, BMB)
};

// A layer's activation function g, as the Mlp applies it and as the trace writes it.
struct LayerKind {
  Activation g;
  std::string symbol;      // LaTeX for g
  std::string derivative;  // LaTeX for g' in terms of g
};

LayerKind sigmoid_layer() {
  return {Activation::sigmoid(), "\\sigma", "\\sigma'(a) = \\sigma(a)(1 - \\sigma(a))"};
}
LayerKind tanh_layer() { return {Activation::tanh(), "\\tanh", "\\tanh'(a) = 1 - \\tanh^2(a)"}; }
// The output layer of a softmax network is linear in the Mlp: it gives the logits a⁽ᴸ⁾, and the
// softmax belongs to the error function.
LayerKind logits_layer() { return {Activation::identity(), "\\operatorname{softmax}", ""}; }

// One network of the chapter: its layers, its error function, and the names of its parameters.
struct Network {
  std::string id;                 // prefix of its parameters and steps: "net2"
  std::string title;              // how section headings name it
  std::vector<LayerKind> layers;  // l = 1…L
  Output output;

  int depth() const { return static_cast<int>(layers.size()); }
  std::string W(int l) const { return fmt::format("{}.W{}", id, l); }  // W⁽ˡ⁾: (out_l, in_l)
  std::string b(int l) const { return fmt::format("{}.b{}", id, l); }  // b⁽ˡ⁾: (out_l)
  std::string X() const { return id + ".X"; }                          // X: (D, N)
  std::string T() const { return id + ".T"; }                          // T: (K, N)
  std::vector<std::string> parameters() const {
    std::vector<std::string> names;
    for (int l = 1; l <= depth(); ++l) {
      names.push_back(W(l));
      names.push_back(b(l));
    }
    return names;
  }
};

// ---- small helpers ------------------------------------------------------------------------------

// Replaces each key of `subs` in a LaTeX template ("@l" → "2"): the formulas of every layer come
// from one template.
std::string tex(std::string s, const std::vector<std::pair<std::string, std::string>>& subs) {
  for (const auto& [key, text] : subs)
    for (std::size_t pos = s.find(key); pos != std::string::npos; pos = s.find(key, pos + text.size()))
      s.replace(pos, key.size(), text);
  return s;
}

// "⁽²⁾": a layer index as the verdict texts (plain Unicode) write it.
std::string layer_mark(int l) {
  static const char* digits[] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};
  return fmt::format("⁽{}⁾", digits[l % 10]);
}

// A value as columns: a vector is one sample, one column. vector (n) or matrix (n, N) → (n, N)
Eigen::MatrixXd columns(const Value& value) {
  if (const auto* v = std::get_if<Eigen::VectorXd>(&value)) return *v;
  return std::get<Eigen::MatrixXd>(value);
}

// Values may come from outside (a student's answer, given to a step by the grader): a shape that
// does not fit is reported as an exception rather than left to an Eigen assertion.
void require_fit(bool fits, const char* what, const Eigen::MatrixXd& x, const Eigen::MatrixXd& y) {
  if (!fits)
    throw std::invalid_argument(fmt::format("{}: shapes {}×{} and {}×{} do not fit", what, x.rows(), x.cols(),
                                            y.rows(), y.cols()));
}
bool same_shape(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y) {
  return x.rows() == y.rows() && x.cols() == y.cols();
}

// Back to the step's own kind: one sample is a vector, a batch a matrix.
Value shaped(const Eigen::MatrixXd& m, bool batch) {
  if (batch) return m;
  return Eigen::VectorXd(m.col(0));
}

// E = Σ_n E_n from the outputs ŷ_n and targets t_n (one per column). Y, T: (K, N)
double error_of(Output output, const Eigen::MatrixXd& y, const Eigen::MatrixXd& t) {
  require_fit(same_shape(y, t), "error: ŷ and t", y, t);
  double e = 0.0;
  for (Eigen::Index n = 0; n < y.cols(); ++n)
    e += output == Output::softmax_cross_entropy ? cross_entropy(y.col(n), t.col(n))  // −Σ_k t_k ln ŷ_k
                                                 : sse(y.col(n), t.col(n));           // ½ Σ_k (ŷ_k − t_k)²
  return e;
}

// The same error from what the Mlp outputs: for a softmax network those are the logits, and the
// error is taken by log-softmax. out, T: (K, N)
double error_of_mlp_output(Output output, const Eigen::MatrixXd& out, const Eigen::MatrixXd& t) {
  if (output == Output::squared_error) return error_of(output, out, t);
  double e = 0.0;
  for (Eigen::Index n = 0; n < out.cols(); ++n) e += softmax_cross_entropy(out.col(n), t.col(n));
  return e;
}

// The library's network with the weights and biases the step was given.
Mlp mlp_of(const Network& net, const Inputs& in) {
  std::vector<DenseLayer> layers;
  for (int l = 1; l <= net.depth(); ++l)
    layers.push_back({in.matrix(net.W(l)), in.vector(net.b(l)), net.layers[l - 1].g});
  return Mlp(std::move(layers));
}

// The library's backward pass for the network's error function.
BackwardPass mlp_backward(const Network& net, const Mlp& mlp, const ForwardPass& forward,
                          const Eigen::MatrixXd& t) {
  if (net.output == Output::softmax_cross_entropy)  // δ⁽ᴸ⁾ = softmax(a⁽ᴸ⁾) − t, handed over directly
    return mlp.backward_from_output_deltas(forward, softmax_columns(forward.output()) - t);
  return mlp.backward(forward, forward.output() - t);  // ∂E/∂ŷ = ŷ − t; the Mlp multiplies by g'
}

// ---- one pass of the delta recursion, for one sample or a batch --------------------------------

// The id of a layer's step: "net2.sample.l1.delta".
std::string step_id(const std::string& pass, int l, const char* what) {
  return fmt::format("{}.l{}.{}", pass, l, what);
}

// Appends the forward pass, the deltas, the gradients and their checks for `net`: per sample
// (the first column of X, as vectors) or for the whole batch (matrices, one sample per column).
void trace_pass(Trace& trace, const Network& net, bool batch) {
  const std::string p = net.id + (batch ? ".batch" : ".sample");
  const int L = net.depth();
  const auto id = [&p](int l, const char* what) { return step_id(p, l, what); };
  const bool softmax_output = net.output == Output::softmax_cross_entropy;

  // The symbols of this pass: bold vectors for one sample, capitals for a batch.
  const std::string A = batch ? "A" : "\\mathbf{a}", Z = batch ? "Z" : "\\mathbf{z}",
                    D = batch ? "\\Delta" : "\\boldsymbol{\\delta}", Xs = batch ? "X" : "\\mathbf{x}",
                    Y = batch ? "\\hat{Y}" : "\\hat{\\mathbf{y}}", Ts = batch ? "T" : "\\mathbf{t}",
                    E = batch ? "E" : "E_n";
  const auto layer_input = [&](int l) {  // z⁽ˡ⁻¹⁾, which is x for l = 1
    return l == 1 ? Xs : fmt::format("{}^{{({})}}", Z, l - 1);
  };
  const std::string x_name = batch ? net.X() : p + ".x", t_name = batch ? net.T() : p + ".t";
  const auto layer_input_T = [&](int l) {  // (z⁽ˡ⁻¹⁾)ᵀ, which is xᵀ for l = 1
    return l == 1 ? Xs + "^T" : fmt::format("({}^{{({})}})^T", Z, l - 1);
  };
  const auto z_name = [&](int l) { return l == 0 ? x_name : id(l, "z"); };
  const std::string part = fmt::format("{}, {}", net.title, batch ? "the batch" : "one sample");

  // ---- IC "Backpropagation algorithm" step 1: the forward pass, keeping a⁽ˡ⁾ and z⁽ˡ⁾ -----------
  trace.section(part + ": forward pass (IC \"Backpropagation algorithm\", step 1)");
  if (!batch) {
    trace.step(p + ".x", "The sample $\\mathbf{x} = \\mathbf{z}^{(0)}$: column 1 of $X$")
        .formula("\\mathbf{x} = X_{:,1}")
        .compute({net.X()}, [X = net.X()](const Inputs& in) -> Value {
          return Eigen::VectorXd(in.matrix(X).col(0));  // x: (D)
        });
    trace.step(p + ".t", "Its target $\\mathbf{t}$: column 1 of $T$")
        .formula("\\mathbf{t} = T_{:,1}")
        .compute({net.T()}, [T = net.T()](const Inputs& in) -> Value {
          return Eigen::VectorXd(in.matrix(T).col(0));  // t: (K)
        });
  }
  //! [forward_pass]
  for (int l = 1; l <= L; ++l) {
    const LayerKind& kind = net.layers[l - 1];
    const std::vector<std::pair<std::string, std::string>> subs = {
        {"@A", A}, {"@Z", Z}, {"@P", layer_input(l)}, {"@Y", Y}, {"@G", kind.symbol},
        {"@i", l == 1 ? "x_i" : fmt::format("z^{{({})}}_i", l - 1)}, {"@l", std::to_string(l)}};
    // a⁽ˡ⁾ = W⁽ˡ⁾ z⁽ˡ⁻¹⁾ + b⁽ˡ⁾ (IC (1), PD "Step 1", CTU's ξ)
    trace.step(id(l, "a"), tex("Layer @l pre-activations $@A^{(@l)}$", subs))
        .formula(tex(batch ? "A^{(@l)} = W^{(@l)} @P + \\mathbf{b}^{(@l)} \\mathbf{1}^T"
                           : "a^{(@l)}_j = \\sum_i W^{(@l)}_{ji} @i + b^{(@l)}_j, \\quad "
                             "\\mathbf{a}^{(@l)} = W^{(@l)} @P + \\mathbf{b}^{(@l)}",
                     subs))
        .numbers(fmt::format("[[{}]] [[{}]] + [[{}]]{}", net.W(l), z_name(l - 1), net.b(l),
                             batch ? " \\mathbf{1}^T" : ""))
        .compute({net.W(l), net.b(l), z_name(l - 1)},
                 [W = net.W(l), b = net.b(l), z = z_name(l - 1), batch](const Inputs& in) -> Value {
                   const Eigen::MatrixXd& weights = in.matrix(W);  // W⁽ˡ⁾: (out, in)
                   const Eigen::MatrixXd below = columns(in.value(z));  // z⁽ˡ⁻¹⁾: (in, N)
                   const Eigen::VectorXd& bias = in.vector(b);          // b⁽ˡ⁾: (out)
                   require_fit(weights.cols() == below.rows(), "W z", weights, below);
                   require_fit(weights.rows() == bias.size(), "W z + b", weights, bias);
                   Eigen::MatrixXd a = weights * below;  // W⁽ˡ⁾ z⁽ˡ⁻¹⁾: (out, N)
                   a.colwise() += bias;                  // + b⁽ˡ⁾ 1ᵀ
                   return shaped(a, batch);
                 });
    // z⁽ˡ⁾ = g(a⁽ˡ⁾); at the output ŷ = z⁽ᴸ⁾ (IC (2))
    const bool softmax_here = softmax_output && l == L;
    trace.step(id(l, "z"), tex(l == L ? "Output $@Y = @Z^{(@l)}$" : "Layer @l activations $@Z^{(@l)}$", subs))
        .formula(tex(std::string(l == L ? "@Y = " : "") + "@Z^{(@l)} = @G(@A^{(@l)})" +
                         (softmax_here && batch ? " \\text{ (column by column)}" : ""),
                     subs))
        .numbers(fmt::format("{}([[{}]])", kind.symbol, id(l, "a")))
        .compute({id(l, "a")}, [g = kind.g, softmax_here, batch, a = id(l, "a")](const Inputs& in) -> Value {
          const Eigen::MatrixXd pre = columns(in.value(a));
          return shaped(softmax_here ? softmax_columns(pre) : g.value(pre), batch);  // g(a⁽ˡ⁾)
        });
  }
  // The error: PD "Error & output functions", summed over the samples (E = Σ_n E_n).
  const std::string y_name = id(L, "z");
  trace.step(p + ".E", batch ? "Error of the batch: $E = \\sum_n E_n$" : "Error of the sample: $E_n$")
      .formula(softmax_output
                   ? (batch ? "E = -\\sum_n \\sum_k t_{kn} \\ln \\hat{y}_{kn}" : "E_n = -\\sum_k t_k \\ln \\hat{y}_k")
                   : (batch ? "E = \\frac{1}{2} \\sum_n \\sum_k (\\hat{y}_{kn} - t_{kn})^2"
                            : "E_n = \\frac{1}{2} \\sum_k (\\hat{y}_k - t_k)^2"))
      .numbers(batch            ? ""
               : softmax_output ? fmt::format("-[[{}]]^T \\ln [[{}]]", t_name, y_name)
                                : fmt::format("\\frac{{1}}{{2}} \\lVert [[{}]] - [[{}]] \\rVert^2", y_name, t_name))
      .compute({y_name, t_name}, [output = net.output, y_name, t_name](const Inputs& in) -> Value {
        return error_of(output, columns(in.value(y_name)), columns(in.value(t_name)));
      });
  //! [forward_pass]

  // ---- IC step 2 / PD "Error gradient: output nodes": δ⁽ᴸ⁾ = ∂E/∂a⁽ᴸ⁾ ----------------------------
  trace.section(part + ": deltas, from the output back (PD \"Error gradient: output nodes\", "
                       "\"hidden nodes\"; IC steps 2 and 3)");
  const std::string E_name = p + ".E";
  //! [output_deltas]
  {
    const LayerKind& kind = net.layers[L - 1];
    const std::vector<std::pair<std::string, std::string>> subs = {
        {"@A", A}, {"@D", D}, {"@Y", Y}, {"@T", Ts}, {"@E", E}, {"@G", kind.symbol},
        {"@H", kind.derivative}, {"@l", std::to_string(L)}};
    if (softmax_output) {
      // PD Appendix A "Final result", EDI "Computation graph – cross entropy layer": δ = ŷ − t
      trace.step(id(L, "delta"), tex("Output deltas $@D^{(@l)} = \\partial @E/\\partial @A^{(@l)}$", subs))
          .formula(tex(batch ? "\\Delta^{(@l)} = \\hat{Y} - T"
                             : "\\delta^{(@l)}_k = \\frac{\\partial E_n}{\\partial a^{(@l)}_k} = \\hat{y}_k - t_k, \\quad "
                               "\\boldsymbol{\\delta}^{(@l)} = \\hat{\\mathbf{y}} - \\mathbf{t}",
                       subs))
          .numbers(fmt::format("[[{}]] - [[{}]]", y_name, t_name))
          .compute({y_name, t_name}, [y_name, t_name, batch](const Inputs& in) -> Value {
            const Eigen::MatrixXd y = columns(in.value(y_name)), t = columns(in.value(t_name));
            require_fit(same_shape(y, t), "ŷ − t", y, t);
            return shaped(y - t, batch);  // ŷ − t
          });
    } else {
      // PD "Error gradient: output nodes (1/3)": ∂E_n/∂y_i = y_i − t_i
      trace.step(p + ".dE_dy", tex("Error gradient at the outputs: $\\partial @E/\\partial @Y$", subs))
          .formula(tex(batch ? "\\frac{\\partial E}{\\partial \\hat{Y}} = \\hat{Y} - T"
                             : "\\frac{\\partial E_n}{\\partial \\hat{y}_k} = \\hat{y}_k - t_k, \\quad "
                               "\\frac{\\partial E_n}{\\partial \\hat{\\mathbf{y}}} = \\hat{\\mathbf{y}} - \\mathbf{t}",
                       subs))
          .numbers(fmt::format("[[{}]] - [[{}]]", y_name, t_name))
          .compute({y_name, t_name}, [y_name, t_name, batch](const Inputs& in) -> Value {
            const Eigen::MatrixXd y = columns(in.value(y_name)), t = columns(in.value(t_name));
            require_fit(same_shape(y, t), "ŷ − t", y, t);
            return shaped(y - t, batch);  // ŷ − t
          });
      trace.claim_gradient(p + ".dE_dy", E_name, y_name);
      // CTU "Adaptation Rules" summary: δ_j = f'(ξ_j)(y_j − d_j); PD (2/3): times ∂y_i/∂a_i
      trace.step(id(L, "delta"), tex("Output deltas $@D^{(@l)} = \\partial @E/\\partial @A^{(@l)}$", subs))
          .formula(tex(batch ? "@H, \\quad \\Delta^{(@l)} = @G'(A^{(@l)}) \\circ \\frac{\\partial E}{\\partial \\hat{Y}}"
                             : "@H, \\quad \\delta^{(@l)}_k = \\frac{\\partial E_n}{\\partial \\hat{y}_k} "
                               "\\frac{\\partial \\hat{y}_k}{\\partial a^{(@l)}_k}, \\quad "
                               "\\boldsymbol{\\delta}^{(@l)} = @G'(\\mathbf{a}^{(@l)}) \\circ "
                               "\\frac{\\partial E_n}{\\partial \\hat{\\mathbf{y}}}",
                       subs))
          .numbers(fmt::format("{}'([[{}]]) \\circ [[{}]]", kind.symbol, id(L, "a"), p + ".dE_dy"))
          .compute({id(L, "a"), p + ".dE_dy"},
                   [g = kind.g, a = id(L, "a"), dy = p + ".dE_dy", batch](const Inputs& in) -> Value {
                     const Eigen::MatrixXd slope = g.derivative(columns(in.value(a))), up = columns(in.value(dy));
                     require_fit(same_shape(slope, up), "g'(a) ∘ ∂E/∂ŷ", slope, up);
                     return shaped(slope.cwiseProduct(up), batch);  // g'(a⁽ᴸ⁾) ∘ ∂E/∂ŷ
                   });
    }
    trace.claim_gradient(id(L, "delta"), E_name, id(L, "a"));
  }
  //! [output_deltas]
  //! [hidden_deltas]
  // PD "Error gradient: hidden nodes (1/4)…(4/4)", IC "Error backpropagation": the recursion
  // δ_j = g'(a_j) Σ_k W_kj δ_k, from layer l + 1 down to l.
  for (int l = L - 1; l >= 1; --l) {
    const LayerKind& kind = net.layers[l - 1];
    const std::vector<std::pair<std::string, std::string>> subs = {
        {"@A", A}, {"@D", D}, {"@G", kind.symbol}, {"@H", kind.derivative},
        {"@l", std::to_string(l)}, {"@q", std::to_string(l + 1)}};
    trace.step(id(l, "delta"), tex("Layer @l deltas from layer @q: $@D^{(@l)}$", subs))
        .formula(tex(batch ? "@H, \\quad \\Delta^{(@l)} = @G'(A^{(@l)}) \\circ \\left((W^{(@q)})^T \\Delta^{(@q)}\\right)"
                           : "@H, \\quad \\delta^{(@l)}_j = @G'(a^{(@l)}_j) \\sum_k W^{(@q)}_{kj} \\delta^{(@q)}_k, \\quad "
                             "\\boldsymbol{\\delta}^{(@l)} = @G'(\\mathbf{a}^{(@l)}) \\circ "
                             "\\left((W^{(@q)})^T \\boldsymbol{\\delta}^{(@q)}\\right)",
                     subs))
        .numbers(fmt::format("{}'([[{}]]) \\circ ([[{}]]^T [[{}]])", kind.symbol, id(l, "a"),
                             net.W(l + 1), id(l + 1, "delta")))
        .compute({id(l, "a"), net.W(l + 1), id(l + 1, "delta")},
                 [g = kind.g, a = id(l, "a"), W = net.W(l + 1), up = id(l + 1, "delta"),
                  batch](const Inputs& in) -> Value {
                   const Eigen::MatrixXd& weights = in.matrix(W);            // W⁽ˡ⁺¹⁾: (out, in)
                   const Eigen::MatrixXd above = columns(in.value(up));      // δ⁽ˡ⁺¹⁾: (out, N)
                   require_fit(weights.rows() == above.rows(), "Wᵀ δ", weights, above);
                   const Eigen::MatrixXd back = weights.transpose() * above;  // W⁽ˡ⁺¹⁾ᵀ δ⁽ˡ⁺¹⁾: (in, N)
                   const Eigen::MatrixXd slope = g.derivative(columns(in.value(a)));  // g'(a⁽ˡ⁾): (in, N)
                   require_fit(same_shape(slope, back), "g'(a) ∘ Wᵀδ", slope, back);
                   return shaped(slope.cwiseProduct(back), batch);  // g'(a⁽ˡ⁾) ∘ (W⁽ˡ⁺¹⁾ᵀ δ⁽ˡ⁺¹⁾)
                 });
    trace.claim_gradient(id(l, "delta"), E_name, id(l, "a"));
  }
  //! [hidden_deltas]

  // ---- PD "Partial derivatives wrt weights", IC (3): ∂E/∂W_ji = δ_j z_i, ∂E/∂b_j = δ_j ----------
  trace.section(part + ": gradients (PD \"Partial derivatives wrt weights\", IC (3))");
  //! [weight_gradients]
  for (int l = L; l >= 1; --l) {
    const std::vector<std::pair<std::string, std::string>> subs = {
        {"@P", layer_input_T(l)},
        {"@V", l == 1 ? "\\mathbf{x}_n^T" : fmt::format("(\\mathbf{{z}}^{{({})}}_n)^T", l - 1)},
        {"@i", l == 1 ? "x_i" : fmt::format("z^{{({})}}_i", l - 1)},
        {"@E", E}, {"@l", std::to_string(l)}};
    trace.step(id(l, "dW"), tex("Weight gradient of layer @l: $\\partial @E/\\partial W^{(@l)}$", subs))
        .formula(tex(batch ? "\\frac{\\partial E}{\\partial W^{(@l)}} = \\sum_n \\boldsymbol{\\delta}^{(@l)}_n @V "
                             "= \\Delta^{(@l)} @P"
                           : "\\frac{\\partial E_n}{\\partial W^{(@l)}_{ji}} = \\delta^{(@l)}_j @i, \\quad "
                             "\\frac{\\partial E_n}{\\partial W^{(@l)}} = \\boldsymbol{\\delta}^{(@l)} @P",
                     subs))
        .numbers(fmt::format("[[{}]] [[{}]]^T", id(l, "delta"), z_name(l - 1)))
        .compute({id(l, "delta"), z_name(l - 1)},
                 [delta = id(l, "delta"), z = z_name(l - 1)](const Inputs& in) -> Value {
                   const Eigen::MatrixXd d = columns(in.value(delta)), below = columns(in.value(z));
                   require_fit(d.cols() == below.cols(), "δ zᵀ", d, below);
                   const Eigen::MatrixXd dW = d * below.transpose();  // δ⁽ˡ⁾ z⁽ˡ⁻¹⁾ᵀ: (out, in), summed over the N columns
                   return dW;
                 });
    trace.claim_gradient(id(l, "dW"), E_name, net.W(l));
    trace.step(id(l, "db"), tex("Bias gradient of layer @l: $\\partial @E/\\partial \\mathbf{b}^{(@l)}$", subs))
        .formula(tex(batch ? "\\frac{\\partial E}{\\partial \\mathbf{b}^{(@l)}} = \\sum_n \\boldsymbol{\\delta}^{(@l)}_n "
                             "= \\Delta^{(@l)} \\mathbf{1}"
                           : "\\frac{\\partial E_n}{\\partial b^{(@l)}_j} = \\delta^{(@l)}_j, \\quad "
                             "\\frac{\\partial E_n}{\\partial \\mathbf{b}^{(@l)}} = \\boldsymbol{\\delta}^{(@l)}",
                     subs))
        .numbers(fmt::format("[[{}]]{}", id(l, "delta"), batch ? " \\mathbf{1}" : ""))
        .compute({id(l, "delta")}, [delta = id(l, "delta")](const Inputs& in) -> Value {
          const Eigen::VectorXd db = columns(in.value(delta)).rowwise().sum();  // δ 1 (the sum over samples)
          return db;
        });
    trace.claim_gradient(id(l, "db"), E_name, net.b(l));
  }
  //! [weight_gradients]

  // ---- checks: central differences through the library's Mlp, and the Mlp's own backward pass ---
  trace.section(part + ": checks against the library's Mlp and central differences");
  for (int l = L; l >= 1; --l) {
    std::vector<std::string> inputs = net.parameters();
    for (const auto& name : {x_name, t_name, id(l, "delta"), id(l, "dW"), id(l, "db")}) inputs.push_back(name);
    trace.step(id(l, "check"), tex("Finite-difference check of layer @l", {{"@l", std::to_string(l)}}))
        .formula(tex("\\frac{\\partial @E}{\\partial \\theta} \\approx \\frac{@E(\\theta{} + \\varepsilon) - "
                     "@E(\\theta{} - \\varepsilon)}{2\\varepsilon} \\text{ for each entry } \\theta \\text{ of } "
                     "W^{(@l)}, \\mathbf{b}^{(@l)}, @A^{(@l)}; \\quad \\varepsilon{} = 10^{-6}",
                     {{"@E", E}, {"@A", A}, {"@l", std::to_string(l)}}))
        .compute(inputs, [net, l, x_name, t_name, delta = id(l, "delta"), dW = id(l, "dW"),
                          db = id(l, "db")](const Inputs& in) -> Value {
          Mlp mlp = mlp_of(net, in);
          const Eigen::MatrixXd x = columns(in.value(x_name)), t = columns(in.value(t_name));
          const auto error = [&] { return error_of_mlp_output(net.output, mlp.predict(x), t); };
          DenseLayer& layer = mlp.layers()[l - 1];
          const Eigen::MatrixXd numeric_W = numerical_gradient(error, layer.weights);
          Eigen::MatrixXd bias = layer.bias;  // perturbed as a column, written back for each step
          const Eigen::MatrixXd numeric_b = numerical_gradient(
              [&] {
                layer.bias = bias.col(0);
                return error();
              },
              bias);
          layer.bias = bias.col(0);
          // E as a function of a⁽ˡ⁾: the layers above l, fed with z⁽ˡ⁾ = g(a⁽ˡ⁾).
          const Mlp above(std::vector<DenseLayer>(mlp.layers().begin() + l, mlp.layers().end()));
          Eigen::MatrixXd a = mlp.forward(x).pre_activations[l - 1];
          const Eigen::MatrixXd numeric_a = numerical_gradient(
              [&] { return error_of_mlp_output(net.output, above.predict(layer.activation.value(a)), t); }, a);
          const double worst = std::max({max_relative_error(columns(in.value(dW)), numeric_W),
                                         max_relative_error(columns(in.value(db)), numeric_b),
                                         max_relative_error(columns(in.value(delta)), numeric_a)});
          const std::string mark = layer_mark(l);
          return Verdict{worst <= fd_tolerance,
                         fmt::format("δ{0}, ∂E/∂W{0} and ∂E/∂b{0} agree with central differences of E "
                                     "computed by the library's Mlp (largest relative error {1:.1e})",
                                     mark, worst)};
        });
  }
  {
    std::vector<std::string> inputs = net.parameters();
    inputs.push_back(x_name);
    inputs.push_back(t_name);
    for (int l = 1; l <= L; ++l)
      for (const char* what : {"a", "z", "delta", "dW", "db"}) inputs.push_back(id(l, what));
    trace.step(p + ".mlp", "The library's Mlp gives the same numbers")
        .formula(tex(softmax_output ? "\\text{Mlp::forward}, \\quad \\text{Mlp::backward\\_from\\_output\\_deltas}(@Y - @T)"
                                    : "\\text{Mlp::forward}, \\quad \\text{Mlp::backward}(@Y - @T)",
                     {{"@Y", Y}, {"@T", Ts}}))
        .compute(inputs, [net, x_name, t_name, p](const Inputs& in) -> Value {
          const auto name = [&p](int l, const char* what) { return step_id(p, l, what); };
          const Mlp mlp = mlp_of(net, in);
          const Eigen::MatrixXd t = columns(in.value(t_name));
          const ForwardPass forward = mlp.forward(columns(in.value(x_name)));
          const BackwardPass backward = mlp_backward(net, mlp, forward, t);
          double worst = 0.0;
          const auto compare = [&](const Eigen::MatrixXd& library, const std::string& step) {
            worst = std::max(worst, max_relative_error(library, columns(in.value(step))));
          };
          const int depth = net.depth();
          for (int l = 1; l <= depth; ++l) {
            const bool softmax_here = net.output == Output::softmax_cross_entropy && l == depth;
            compare(forward.pre_activations[l - 1], name(l, "a"));
            compare(softmax_here ? softmax_columns(forward.activations[l]) : forward.activations[l], name(l, "z"));
            compare(backward.deltas[l - 1], name(l, "delta"));
            compare(backward.weight_gradients[l - 1], name(l, "dW"));
            compare(backward.bias_gradients[l - 1], name(l, "db"));
          }
          return Verdict{worst <= same_tolerance,
                         fmt::format("Mlp::forward gives the same a⁽ˡ⁾ and z⁽ˡ⁾, and its backward pass "
                                     "the same δ⁽ˡ⁾, ∂E/∂W⁽ˡ⁾ and ∂E/∂b⁽ˡ⁾, for l = 1…{} (largest "
                                     "relative difference {:.1e}){}",
                                     depth, worst,
                                     net.output == Output::softmax_cross_entropy
                                         ? "; its last layer is linear, and the softmax with the "
                                           "cross-entropy enters as the output deltas ŷ − t"
                                         : "")};
        });
  }
  if (batch) {
    // PD "Step 2 – error gradient (1/2)": ∂E/∂w = Σ_n ∂E_n/∂w.
    std::vector<std::string> inputs = net.parameters();
    inputs.push_back(net.X());
    inputs.push_back(net.T());
    for (int l = 1; l <= L; ++l) {
      inputs.push_back(id(l, "dW"));
      inputs.push_back(id(l, "db"));
    }
    trace.step(p + ".sum", "The batch gradient is the sum of the per-sample gradients")
        .formula("\\frac{\\partial E}{\\partial W^{(l)}} = \\sum_n \\frac{\\partial E_n}{\\partial W^{(l)}}, \\quad "
                 "\\frac{\\partial E}{\\partial \\mathbf{b}^{(l)}} = \\sum_n \\frac{\\partial E_n}{\\partial \\mathbf{b}^{(l)}}")
        .compute(inputs, [net, p](const Inputs& in) -> Value {
          const auto name = [&p](int l, const char* what) { return step_id(p, l, what); };
          const Mlp mlp = mlp_of(net, in);
          const Eigen::MatrixXd& X = in.matrix(net.X());
          const Eigen::MatrixXd& T = in.matrix(net.T());
          const int depth = net.depth();
          std::vector<Eigen::MatrixXd> dW(depth);
          std::vector<Eigen::VectorXd> db(depth);
          for (Eigen::Index n = 0; n < X.cols(); ++n) {  // one sample, one column, at a time
            const ForwardPass forward = mlp.forward(X.col(n));
            const BackwardPass backward = mlp_backward(net, mlp, forward, T.col(n));
            for (int l = 0; l < depth; ++l) {
              dW[l] = n == 0 ? backward.weight_gradients[l] : Eigen::MatrixXd(dW[l] + backward.weight_gradients[l]);
              db[l] = n == 0 ? backward.bias_gradients[l] : Eigen::VectorXd(db[l] + backward.bias_gradients[l]);
            }
          }
          double worst = 0.0;
          for (int l = 1; l <= depth; ++l) {
            worst = std::max(worst, max_relative_error(dW[l - 1], in.matrix(name(l, "dW"))));
            worst = std::max(worst, max_relative_error(db[l - 1], in.vector(name(l, "db"))));
          }
          return Verdict{worst <= same_tolerance,
                         fmt::format("adding the {} per-sample gradients (the Mlp, one column at a time) "
                                     "gives the batch gradients of every layer (largest relative "
                                     "difference {:.1e})",
                                     X.cols(), worst)};
        });
  }
}

// ---- the chapter's two networks and their parameters -------------------------------------------

// A weight a student can multiply by hand: one decimal, 0.2 ≤ |w| ≤ 1.
Eigen::MatrixXd draw_weights(Rng& rng, Eigen::Index rows, Eigen::Index cols) {
  Eigen::MatrixXd w(rows, cols);
  for (Eigen::Index i = 0; i < rows; ++i)
    for (Eigen::Index j = 0; j < cols; ++j) {
      // The sign, then the size (see draw order in random.hpp).
      const double sign = rng.integer(0, 1) ? 1.0 : -1.0;
      w(i, j) = sign * rng.decimal(0.2, 1.0, 1);
    }
  return w;
}

// One-hot targets for the given classes (0-based), one column each. → (K, N)
Eigen::MatrixXd one_hot_columns(const std::vector<Eigen::Index>& classes, Eigen::Index k) {
  Eigen::MatrixXd t(k, static_cast<Eigen::Index>(classes.size()));
  for (std::size_t n = 0; n < classes.size(); ++n) t.col(static_cast<Eigen::Index>(n)) = one_hot(classes[n], k);
  return t;
}

}  // namespace delta_recursion_parts

Trace delta_recursion(const ChapterOptions& options) {
  using namespace delta_recursion_parts;
  Trace trace("delta_recursion", "Backpropagation's delta recursion");
  trace
      .summary("Backpropagation computes every $\\delta^{(l)} = \\partial E/\\partial \\mathbf{a}^{(l)}$ in one "
               "sweep from the output back: first the output deltas, then each hidden layer's from the "
               "layer above, $\\boldsymbol{\\delta}^{(l)} = g'(\\mathbf{a}^{(l)}) \\circ "
               "((W^{(l+1)})^T \\boldsymbol{\\delta}^{(l+1)})$; the gradients are then "
               "$\\partial E/\\partial W^{(l)}_{ji} = \\delta^{(l)}_j z^{(l-1)}_i$ and "
               "$\\partial E/\\partial b^{(l)}_j = \\delta^{(l)}_j$. Shown on a two-layer network (3-2-3, "
               "sigmoid hidden layer, softmax output, cross-entropy) and a three-layer network (2-3-2-1, "
               "tanh, sigmoid, sigmoid output, squared error), for one sample and for the batch in "
               "matrix form. The network is the library's Mlp: each step recomputes its own piece "
               "from the formula, and the check steps run the Mlp, compare, and test every gradient "
               "against central differences. The slides print no numbers for these derivations, so "
               "the defaults are small hand-picked weights and inputs with one decimal.")
      .source("IC", "004_f167be6db553c350.txt", {"Error backpropagation", "Backpropagation algorithm"})
      .source("PD", "003_b5a9c74466967a6d.txt",
              {"Error gradient: output nodes (1/3)", "Error gradient: output nodes (2/3)",
               "Error gradient: output nodes (3/3)", "Error gradient: hidden nodes (1/4)",
               "Error gradient: hidden nodes (2/4)", "Error gradient: hidden nodes (3/4)",
               "Error gradient: hidden nodes (4/4)", "Partial derivatives wrt weights", "Final result"})
      .source("EDI", "000_7637ffcd816b0303.txt",
              {"The derivatives of the error function (two-layers)", "Error back propagation"})
      .source("CTU", "002_ddd62baf13f113f4.txt",
              {"Backpropagation – Adaptation Rules", "Backpropagation Algorithm (Matrix – Iterative Variant)",
               "Backpropagation Algorithm (Batch Variant)"})
      .source("BMB", "001_86790086ad6a4e65.txt",
              {"Back-Propagation Derivation", "Neural Networks Backpropagation"})
      .convention(
          "Column vectors and $W^{(l)}$ of shape out×in, so $\\mathbf{a}^{(l)} = W^{(l)} \\mathbf{z}^{(l-1)} + "
          "\\mathbf{b}^{(l)}$ and $\\mathbf{z}^{(l)} = g(\\mathbf{a}^{(l)})$ with $\\mathbf{z}^{(0)} = \\mathbf{x}$ "
          "(IC's notation; EDI and PD agree). $\\delta{} = \\partial E/\\partial a$ (EDI, CTU, PD, IC); BMB's "
          "$\\delta{} = (y - a) g'$ is its negative. PD's $w_{ij}$ and CTU's $w_{ij}$ (from node $i$ to node "
          "$j$) are our $W_{ji}$; PD's $y_i$ is our $z_i$; CTU's $\\xi$ is our $a$. CTU writes the matrix "
          "forms in rows ($\\mathbf{y} W$, bias as the first row), which transposes every product here. A "
          "batch holds one sample per column ($X$: D×N), and its error is the sum $E = \\sum_n E_n$ (PD, "
          "EDI); CTU and IC average instead, which divides every batch gradient by N.")
      .notation("\\mathbf{a}^{(l)}", "pre-activations of layer l (IC's $a_j$, CTU's $\\xi$)")
      .notation("\\mathbf{z}^{(l)}", "activations of layer l; $\\mathbf{z}^{(0)} = \\mathbf{x}$, "
                                     "$\\mathbf{z}^{(L)} = \\hat{\\mathbf{y}}$")
      .notation("W^{(l)}, \\mathbf{b}^{(l)}", "weights (out×in) and biases of layer l")
      .notation("\\boldsymbol{\\delta}^{(l)}", "deltas of layer l, $\\partial E_n / \\partial \\mathbf{a}^{(l)}$")
      .notation("X, T", "inputs and targets, one sample per column")
      .notation("A^{(l)}, Z^{(l)}, \\Delta^{(l)}", "the same for the batch, one column per sample")
      .notation("\\circ", "elementwise product")
      .notation("E_n, E", "error of sample n; error of the batch, $E = \\sum_n E_n$")
      .seed(options.seed)
      .rounding({Rounding::Mode::significant, 4});

  const Network net2{"net2", "Two-layer network", {sigmoid_layer(), logits_layer()}, Output::softmax_cross_entropy};
  const Network net3{"net3", "Three-layer network", {tanh_layer(), sigmoid_layer(), sigmoid_layer()},
                     Output::squared_error};

  // Defaults: net2 is 3-2-3 with N = 4 samples of classes 1, 3, 2, 1; net3 is 2-3-2-1 (the shape of
  // BMB's "Backpropagation Example": two units in each hidden layer above the first, one output)
  // with N = 3 samples and binary targets.
  Eigen::MatrixXd X2(3, 4), W21(2, 3), W22(3, 2), X3(2, 3), T3(1, 3), W31(3, 2), W32(2, 3), W33(1, 2);
  Eigen::VectorXd b21(2), b22(3), b31(3), b32(2), b33(1);
  X2 << 0.5, -1.0, 0.2, 1.5,  //
      1.0, 0.3, -0.4, 0.0,    //
      -0.5, 0.8, 1.0, -1.2;
  std::vector<Eigen::Index> classes2 = {0, 2, 1, 0};
  W21 << 0.2, -0.4, 0.1,  //
      0.5, 0.3, -0.2;
  b21 << 0.1, -0.1;
  W22 << 0.6, -0.3,  //
      -0.2, 0.4,     //
      0.1, 0.5;
  b22 << 0.0, 0.1, -0.1;
  X3 << 0.5, -0.3, 1.0,  //
      -1.0, 0.8, 0.2;
  T3 << 1.0, 0.0, 1.0;
  W31 << 0.1, -0.5,  //
      0.4, 0.2,      //
      -0.3, 0.6;
  b31 << 0.0, 0.1, -0.2;
  W32 << 0.3, -0.2, 0.5,  //
      -0.4, 0.1, 0.2;
  b32 << 0.1, -0.1;
  W33 << 0.7, -0.6;
  b33 << 0.1;
  if (options.seed) {
    // A variant: the same shapes, inputs in [−2, 2] and biases in [−0.5, 0.5] with one decimal,
    // weights with 0.2 ≤ |w| ≤ 1, random classes and binary targets.
    Rng rng(*options.seed);
    X2 = rng.decimals(3, 4, -2.0, 2.0, 1);
    for (auto& c : classes2) c = static_cast<Eigen::Index>(rng.integer(0, 2));
    W21 = draw_weights(rng, 2, 3);
    b21 = rng.decimals(2, -0.5, 0.5, 1);
    W22 = draw_weights(rng, 3, 2);
    b22 = rng.decimals(3, -0.5, 0.5, 1);
    X3 = rng.decimals(2, 3, -2.0, 2.0, 1);
    for (Eigen::Index n = 0; n < T3.cols(); ++n) T3(0, n) = static_cast<double>(rng.integer(0, 1));
    W31 = draw_weights(rng, 3, 2);
    b31 = rng.decimals(3, -0.5, 0.5, 1);
    W32 = draw_weights(rng, 2, 3);
    b32 = rng.decimals(2, -0.5, 0.5, 1);
    W33 = draw_weights(rng, 1, 2);
    b33 = rng.decimals(1, -0.5, 0.5, 1);
  }
  trace.parameter(net2.X(), "X", "two-layer net: inputs, one sample per column (D = 3, N = 4)", X2);
  trace.parameter(net2.T(), "T", "two-layer net: one-hot targets, one per column (K = 3)", one_hot_columns(classes2, 3));
  trace.parameter(net2.W(1), "W^{(1)}", "two-layer net: hidden weights (H = 2)", W21);
  trace.parameter(net2.b(1), "\\mathbf{b}^{(1)}", "two-layer net: hidden biases", b21);
  trace.parameter(net2.W(2), "W^{(2)}", "two-layer net: output weights", W22);
  trace.parameter(net2.b(2), "\\mathbf{b}^{(2)}", "two-layer net: output biases", b22);
  trace.parameter(net3.X(), "X", "three-layer net: inputs, one sample per column (D = 2, N = 3)", X3);
  trace.parameter(net3.T(), "T", "three-layer net: targets in {0, 1}, one per column (K = 1)", T3);
  trace.parameter(net3.W(1), "W^{(1)}", "three-layer net: first hidden layer's weights (tanh, 3 units)", W31);
  trace.parameter(net3.b(1), "\\mathbf{b}^{(1)}", "three-layer net: first hidden layer's biases", b31);
  trace.parameter(net3.W(2), "W^{(2)}", "three-layer net: second hidden layer's weights (sigmoid, 2 units)", W32);
  trace.parameter(net3.b(2), "\\mathbf{b}^{(2)}", "three-layer net: second hidden layer's biases", b32);
  trace.parameter(net3.W(3), "W^{(3)}", "three-layer net: output weights (sigmoid, 1 unit)", W33);
  trace.parameter(net3.b(3), "\\mathbf{b}^{(3)}", "three-layer net: output bias", b33);

  trace_pass(trace, net2, false);
  trace_pass(trace, net2, true);
  trace_pass(trace, net3, false);
  trace_pass(trace, net3, true);
  return trace;
}

}  // namespace nnwb::chapters
