#pragma once
// Chapter 21, errata: what every deck's candidates share. errata.cpp is the chapter; errata_edi.cpp,
// errata_bmb.cpp, errata_ctu.cpp, errata_pd.cpp and errata_ic.cpp hold one deck's candidates each.
//
// Every candidate makes up to five steps, one vocabulary across code and trace:
//   <id>.slide            the slide's formula evaluated as written (or, where its shapes do not
//                         conform, a verdict naming the shapes)
//   <id>.check            the independent computation
//   <id>                  the verdict: holds, or does not hold
//   <id>.corrected        the corrected form, evaluated (only where the slide's does not hold)
//   <id>.corrected_holds  the verdict on the corrected form
// Shapes follow each deck: EDI, PD, IC column vectors with W out×in; BMB W⁽ˡ⁾: s_{l+1}×(s_l+1), bias
// first column; CTU row vectors y = xW with W: (n+1)×m, bias first row.
#include <Eigen/LU>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <numbers>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "chapters.hpp"
#include "nnwb/activations.hpp"
#include "nnwb/bias_column.hpp"
#include "nnwb/gradient_check.hpp"
#include "nnwb/least_squares.hpp"
#include "nnwb/losses.hpp"
#include "nnwb/mlp.hpp"
#include "nnwb/random.hpp"
#include "nnwb/softmax.hpp"

namespace nnwb::chapters::errata_parts {

using Eigen::MatrixXd;
using Eigen::VectorXd;

// Each deck's candidates, added to the trace in the deck's order (one file per deck).
void edi_claims(Trace& trace);
void bmb_claims(Trace& trace);
void ctu_claims(Trace& trace);
void pd_claims(Trace& trace);
void ic_claims(Trace& trace);

// ---- small numeric pieces ------------------------------------------------------------------------

inline VectorXd sigmoid_of(const VectorXd& a) { return a.unaryExpr([](double v) { return sigmoid(v); }); }
inline MatrixXd sigmoid_of(const MatrixXd& a) { return a.unaryExpr([](double v) { return sigmoid(v); }); }
inline VectorXd tanh_of(const VectorXd& a) { return a.unaryExpr([](double v) { return nnwb::tanh(v); }); }
inline MatrixXd tanh_of(const MatrixXd& a) { return a.unaryExpr([](double v) { return nnwb::tanh(v); }); }

// A value as a matrix (a scalar is 1×1, a vector one column), for comparing any two values.
inline MatrixXd as_matrix(const Value& v) {
  if (const auto* s = std::get_if<double>(&v)) return MatrixXd::Constant(1, 1, *s);
  if (const auto* x = std::get_if<VectorXd>(&v)) return *x;
  return std::get<MatrixXd>(v);
}

// A matrix flattened column by column.
inline VectorXd flat(const MatrixXd& m) { return Eigen::Map<const VectorXd>(m.data(), m.size()); }

// ∂f/∂θ by central differences (the library's numerical_gradient), θ any shape.
inline MatrixXd fd(const std::function<double(const MatrixXd&)>& f, const MatrixXd& theta) {
  MatrixXd point = theta;
  return numerical_gradient([&] { return f(point); }, point);
}

// The value as text, short: 6 significant digits, at most 8 entries.
inline std::string show(const Value& v) {
  if (const auto* verdict = std::get_if<Verdict>(&v)) return verdict->text;
  if (const auto* s = std::get_if<double>(&v)) return fmt::format("{:.6g}", *s);
  const MatrixXd m = as_matrix(v);
  const bool is_vector = std::holds_alternative<VectorXd>(v);
  std::string out;
  Eigen::Index shown = 0;
  for (Eigen::Index i = 0; i < m.rows() && shown < 8; ++i)
    for (Eigen::Index j = 0; j < m.cols() && shown < 8; ++j, ++shown)
      out += (shown == 0 ? "" : (j == 0 && !is_vector ? "; " : ", ")) + fmt::format("{:.4g}", m(i, j));
  if (shown < m.size()) out += ", …";
  return (is_vector ? "(" : "[") + out + (is_vector ? ")" : "]");
}

inline std::string shape_text(const MatrixXd& m) { return fmt::format("{}×{}", m.rows(), m.cols()); }

// Elementwise (.*, ∘) operands conform when each dimension agrees or one of them is 1 (MATLAB's and
// NumPy's broadcasting; the strict Hadamard product needs equal shapes).
inline bool elementwise_conforms(Eigen::Index r1, Eigen::Index c1, Eigen::Index r2, Eigen::Index c2) {
  return (r1 == r2 || r1 == 1 || r2 == 1) && (c1 == c2 || c1 == 1 || c2 == 1);
}

// ---- the candidate: as written, independently, the verdict, the corrected form -----------------

struct Claim {
  Claim(std::string id_, std::string slide_, std::string title_, std::string formula_, std::string reference_,
        std::string how_, std::vector<std::string> inputs_, ComputeFn as_written_, ComputeFn independently_,
        std::string corrected_ = "", std::string corrected_words_ = "", ComputeFn corrected_fn_ = nullptr,
        double tolerance_ = 1e-6)
      : id(std::move(id_)), slide(std::move(slide_)), title(std::move(title_)), formula(std::move(formula_)),
        reference(std::move(reference_)), how(std::move(how_)), inputs(std::move(inputs_)),
        as_written(std::move(as_written_)), independently(std::move(independently_)), corrected(std::move(corrected_)),
        corrected_words(std::move(corrected_words_)), corrected_fn(std::move(corrected_fn_)), tolerance(tolerance_) {}
  std::string id;
  std::string slide;        // the slide's title, as grep finds it
  std::string title;        // what the slide claims, in its words
  std::string formula;      // the slide's formula, LaTeX
  std::string reference;    // the independent computation, LaTeX
  std::string how;          // the independent computation, in words
  std::vector<std::string> inputs;
  ComputeFn as_written, independently;
  std::string corrected;        // the corrected form, LaTeX; empty where the slide's holds
  std::string corrected_words;  // the same in words, for the verdict's text
  ComputeFn corrected_fn;
  double tolerance;
};

// How two values agree: same shape, and the largest relative error; where every entry of a is the
// same multiple of b's, that factor.
struct Agreement {
  bool same_shape = false;
  double error = 0.0;
  std::string factor;
};

inline Agreement agreement(const Value& a, const Value& b) {
  const MatrixXd x = as_matrix(a), y = as_matrix(b);
  Agreement out;
  out.same_shape = x.rows() == y.rows() && x.cols() == y.cols();
  if (!out.same_shape) return out;
  out.error = max_relative_error(x, y);
  if (out.error > 1e-6 && (y.array().abs() > 1e-12).all()) {
    const Eigen::ArrayXXd ratio = x.array() / y.array();
    const double r = ratio(0, 0);
    if (std::isfinite(r) && ((ratio - r).abs() <= 1e-6 * std::max(1.0, std::abs(r))).all())
      out.factor = fmt::format("{:.6g}", r);
    else if (std::isfinite(r) && ((ratio - r).abs() <= 0.02 * std::abs(r)).all())
      out.factor = fmt::format("about {:.3g}", r);
  }
  return out;
}

// The verdict on a value against the independent one.
inline Verdict judge(const Value& as_written, const Value& independent, double tolerance, const std::string& how,
              const std::string& corrected_words, const std::string& subject = "as written") {
  const std::string fix = corrected_words.empty() ? "" : " Corrected: " + corrected_words + ".";
  if (const auto* shapes = std::get_if<Verdict>(&as_written)) return {false, "does not hold: " + shapes->text + "." + fix};
  const Agreement agree = agreement(as_written, independent);
  if (!agree.same_shape)
    return {false, fmt::format("does not hold: as written it is {} ({}), but {} gives {} ({}).{}", show(as_written),
                               shape_text(as_matrix(as_written)), how, show(independent),
                               shape_text(as_matrix(independent)), fix)};
  if (agree.error <= tolerance)
    return {true, fmt::format("holds: {} {}; {} gives {}; largest relative error {:.1e}", subject, show(as_written),
                              how, show(independent), agree.error)};
  return {false, fmt::format("does not hold: as written {}; {} gives {}{}.{}", show(as_written), how,
                             show(independent),
                             agree.factor.empty() ? "" : fmt::format(" ({} {} times it)", as_matrix(as_written).size() == 1 ? "that is" : "every entry", agree.factor), fix)};
}

// Adds a candidate's steps to the trace (see the header comment for their ids).
inline void add(Trace& trace, const Claim& c) {
  //! [add_a_candidate]
  trace.step(c.id + ".slide", "As written: " + c.title)
      .formula(c.formula)
      .compute(c.inputs, c.as_written);
  trace.step(c.id + ".check", "Independently: " + c.how)
      .formula(c.reference)
      .compute(c.inputs, c.independently);
  const double tolerance = c.tolerance;
  const std::string how = c.how, words = c.corrected_words;
  trace.step(c.id, fmt::format("{} — {}", c.slide, c.title))
      .formula(c.formula + " \\quad ?")
      .verdict({c.id + ".slide", c.id + ".check"}, [id = c.id, tolerance, how, words](const Inputs& in) -> Value {
        return judge(in.value(id + ".slide"), in.value(id + ".check"), tolerance, how, words);
      });
  if (c.corrected.empty()) return;
  trace.step(c.id + ".corrected", "Corrected: " + c.corrected_words)
      .formula(c.corrected)
      .compute(c.inputs, c.corrected_fn);
  trace.step(c.id + ".corrected_holds", "The corrected form holds")
      .formula(c.corrected + " \\quad ?")
      .verdict({c.id + ".corrected", c.id + ".check"}, [id = c.id, tolerance, how](const Inputs& in) -> Value {
        return judge(in.value(id + ".corrected"), in.value(id + ".check"), tolerance, how, "", "corrected");
      });
  //! [add_a_candidate]
}

// ---- the networks the candidates share -----------------------------------------------------------

// EDI's computation graph: x₂ = W₁x, x₃ = x₂ + w₁₀, x₄ = σ(x₃), x₅ = W₂x₄, x₆ = x₅ + w₂₀.
// x: (3), W₁: (4, 3), w₁₀: (4), W₂: (3, 4), w₂₀: (3)
struct Graph {
  VectorXd x3, x4, x6;
};
inline Graph edi_graph(const VectorXd& x, const MatrixXd& W1, const VectorXd& w10, const MatrixXd& W2, const VectorXd& w20) {
  Graph g;
  g.x3 = W1 * x + w10;   // f₁, f₂
  g.x4 = sigmoid_of(g.x3);  // f₃
  g.x6 = W2 * g.x4 + w20;  // f₄, f₅
  return g;
}
inline Eigen::Index class_of(const VectorXd& t) {
  Eigen::Index c = 0;
  t.maxCoeff(&c);
  return c;
}

// BMB's four layers: z⁽ˡ⁺¹⁾ = W⁽ˡ⁾[1; a⁽ˡ⁾], a = g(z), sigmoid g. W⁽¹⁾: (3, 3), W⁽²⁾: (3, 4), W⁽³⁾: (2, 4)
struct BmbPass {
  VectorXd a1, z2, a2, z3, a3, z4, a4;
};
inline BmbPass bmb_forward(const VectorXd& x, const MatrixXd& W1, const MatrixXd& W2, const MatrixXd& W3) {
  BmbPass p;
  p.a1 = x;
  p.z2 = W1 * with_bias_unit(p.a1);
  p.a2 = sigmoid_of(p.z2);
  p.z3 = W2 * with_bias_unit(p.a2);
  p.a3 = sigmoid_of(p.z3);
  p.z4 = W3 * with_bias_unit(p.a3);
  p.a4 = sigmoid_of(p.z4);
  return p;
}
// J = (y − h)², BMB "Neural Networks Backpropagation" (summed over the outputs).
inline double bmb_squared(const VectorXd& y, const VectorXd& a4) { return (y - a4).squaredNorm(); }
// J = ½(y − h)²: BMB's "simpler version of the cost function" with m = 1.
inline double bmb_half(const VectorXd& y, const VectorXd& a4) { return 0.5 * (y - a4).squaredNorm(); }
inline VectorXd sig_slope(const VectorXd& a) { return a.array() * (1.0 - a.array()); }  // g'(z) = a(1 − a)

// CTU's layered network, row convention: Ξ_L = Y_{L−1}W_L, Z_L = tanh(Ξ_L), Y_L = (1 | Z_L).
// X: (N, n₀+1) with the bias column; W₁: (3, 3), W₂: (4, 3), W₃: (4, 2).
struct CtuPass {
  std::array<MatrixXd, 4> Y;   // Y₀ = X, Y₁, Y₂ with their bias column; Y₃ = Z₃ (the output)
  std::array<MatrixXd, 4> Xi;  // Ξ₁, Ξ₂, Ξ₃ (index 0 unused)
};
inline CtuPass ctu_forward(const MatrixXd& X, const std::array<MatrixXd, 3>& W) {
  CtuPass p;
  p.Y[0] = X;
  for (int L = 1; L <= 3; ++L) {
    p.Xi[L] = p.Y[L - 1] * W[L - 1];                                        // Ξ_L = Y_{L−1} W_L
    p.Y[L] = L < 3 ? with_bias_column(tanh_of(p.Xi[L])) : tanh_of(p.Xi[L]);  // (1 | f(Ξ_L))
  }
  return p;
}
// E from layer L's potentials on: E = ½ Σ (D − Y)².
inline double ctu_error_from(int L, const MatrixXd& XiL, const std::array<MatrixXd, 3>& W, const MatrixXd& D) {
  MatrixXd Z = tanh_of(XiL);
  for (int k = L + 1; k <= 3; ++k) Z = tanh_of(MatrixXd(with_bias_column(Z) * W[k - 1]));
  return 0.5 * (D - Z).squaredNorm();
}
inline MatrixXd tanh_slope(const MatrixXd& xi) { return tanh_of(xi).unaryExpr([](double y) { return 1.0 - y * y; }); }
inline MatrixXd without_bias_row(const MatrixXd& W) { return W.bottomRows(W.rows() - 1); }

// The two-layer network of EDI's derivation, BMB's derivation and PD's and IC's backprop: a = W₂z + b₂,
// z = h(W₁x + b₁). x: (3), W₁: (4, 3), b₁: (4), W₂: (3, 4), b₂: (3)
struct TwoLayer {
  VectorXd a_hidden, z, a_out, y;
};
inline TwoLayer two_layer(const VectorXd& x, const MatrixXd& W1, const VectorXd& b1, const MatrixXd& W2, const VectorXd& b2,
                   Activation hidden, Activation out) {
  TwoLayer n;
  n.a_hidden = W1 * x + b1;
  n.z = VectorXd(hidden.value(MatrixXd(n.a_hidden)));
  n.a_out = W2 * n.z + b2;
  n.y = VectorXd(out.value(MatrixXd(n.a_out)));
  return n;
}

// CTU's animals: Size (Small, Medium, Large), Fur (None, Short, Long), Talks? (No, Yes) as category
// numbers 0, 1, 2; the data table's encoding is Size − 1, Fur − 1, 2·Talks − 1.
inline MatrixXd encode_animals(const MatrixXd& categories) {
  MatrixXd x(categories.rows(), 3);
  for (Eigen::Index p = 0; p < categories.rows(); ++p)
    x.row(p) << categories(p, 0) - 1.0, categories(p, 1) - 1.0, 2.0 * categories(p, 2) - 1.0;
  return x;
}

}  // namespace nnwb::chapters::errata_parts
