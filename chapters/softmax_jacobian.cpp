// Chapter 3, softmax_jacobian: the softmax, its Jacobian ∂y_i/∂a_j = y_i(δ_ij − y_j) by the
// quotient rule, and the collapse of the softmax cross-entropy gradient to y − t.
// Lectures: PD Appendix A "Softmax output", "Derivative of softmax (1/4)…(4/4)", "Derivative of
// cross-entropy loss (1/2), (2/2)", "Final result"; EDI "Normalisation of output nodes - softmax"
// (properties (i) 0 ≤ y_k ≤ 1 and (ii) Σ_k y_k = 1) and "Computation graph – cross entropy layer"
// (L = −log ŷ_c = log Σ_j e^{a_j} − a_c, ∂L/∂a_i = ŷ_i − 1_{i=c}).
// The slides print no numbers; the defaults are three small logits a = (2, 1, 0.1) and the true
// class c = 2, and a second set of logits of ±1000 for the numerically stable forms.
#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

#include "chapters.hpp"
#include "nnwb/gradient_check.hpp"
#include "nnwb/losses.hpp"
#include "nnwb/random.hpp"
#include "nnwb/softmax.hpp"

namespace nnwb::chapters {
namespace softmax_jacobian_parts {  // the chapter's sections and what they share

// The tolerance of the finite-difference checks printed in the trace (ε = 10⁻⁶, central).
constexpr double fd_tolerance = 1e-5;

// The 1-based class c of the lecture as a 0-based index into a vector of length k.
Eigen::Index class_index(double c, Eigen::Index k) {
  const auto index = static_cast<Eigen::Index>(std::lround(c)) - 1;
  if (index < 0 || index >= k)
    throw std::out_of_range(fmt::format("class c = {} is not one of 1…{}", c, k));
  return index;
}

// The quotient-rule steps look at y_1 and y_2: a (K) needs K ≥ 2.
const Eigen::VectorXd& at_least_two(const Eigen::VectorXd& v) {
  if (v.size() < 2) throw std::invalid_argument("softmax_jacobian: the quotient rule needs K ≥ 2 outputs");
  return v;
}

// J_fd(i, j) = (y_i(a + εe_j) − y_i(a − εe_j)) / 2ε: the softmax Jacobian by central differences,
// one row (one output y_i) at a time. a: (K) → (K, K)
Eigen::MatrixXd numerical_softmax_jacobian(const Eigen::VectorXd& a) {
  Eigen::MatrixXd jacobian(a.size(), a.size());
  for (Eigen::Index i = 0; i < a.size(); ++i)
    jacobian.row(i) =
        numerical_gradient([i](const Eigen::VectorXd& v) { return softmax(v)[i]; }, a).transpose();
  return jacobian;
}

// A verdict that `value` agrees with its finite-difference estimate `numeric`.
Verdict agrees_with_differences(const Eigen::MatrixXd& value, const Eigen::MatrixXd& numeric,
                                const std::string& what) {
  const double worst = max_relative_error(value, numeric);
  return {worst <= fd_tolerance,
          fmt::format("{} agrees with central differences (ε = 1e-6): largest relative error {:.1e}",
                      what, worst)};
}

// Properties (i) and (ii) of EDI's "Normalisation of output nodes - softmax", as a verdict.
Verdict is_a_distribution(const Eigen::VectorXd& y) {
  const bool finite = y.allFinite();
  const bool in_range = finite && (y.array() >= 0.0).all() && (y.array() <= 1.0).all();
  const double total = y.sum();
  const bool sums_to_one = finite && std::abs(total - 1.0) <= 1e-12;
  return {in_range && sums_to_one,
          fmt::format("every yₖ is in [0, 1] ({}) and Σₖ yₖ = 1 ({}: the sum is {})", in_range ? "yes" : "no",
                      sums_to_one ? "yes" : "no", total)};
}

// ---- the sections, in reading order --------------------------------------------------------------

// PD "Softmax output"; EDI "Normalisation of output nodes - softmax".
void softmax_as_written(Trace& trace) {
  trace.section("Softmax (PD \"Softmax output\", EDI \"Normalisation of output nodes - softmax\")");
  //! [softmax]
  trace.step("softmax.m", "The largest activation $m$, subtracted for stability")
      .formula("m = \\max_k a_k")
      .numbers("\\max [[a]]")
      .compute({"a"}, [](const Inputs& in) -> Value { return in.vector("a").maxCoeff(); });
  trace.step("softmax.exp", "Shifted exponentials $e^{a_k - m}$")
      .formula("e^{a_k - m}")
      .numbers("\\exp([[a]] - [[softmax.m]])")
      .compute({"a", "softmax.m"}, [](const Inputs& in) -> Value {
        const Eigen::VectorXd e = (in.vector("a").array() - in.scalar("softmax.m")).exp();  // e^{a_k − m}
        return e;
      });
  trace.step("softmax.sum", "Their sum, the normaliser")
      .formula("S = \\sum_j e^{a_j - m}")
      .compute({"softmax.exp"}, [](const Inputs& in) -> Value { return in.vector("softmax.exp").sum(); });
  trace.step("softmax.y", "Softmax outputs $y_k$")
      .formula("y_k = \\frac{e^{a_k}}{\\sum_j e^{a_j}} = \\frac{e^{a_k - m}}{\\sum_j e^{a_j - m}}")
      .numbers("\\frac{[[softmax.exp]]}{[[softmax.sum]]}")
      .compute({"softmax.exp", "softmax.sum"}, [](const Inputs& in) -> Value {
        const Eigen::VectorXd y = in.vector("softmax.exp") / in.scalar("softmax.sum");  // e^{a_k−m} / S
        return y;
      });
  trace.step("softmax.properties", "Properties (i) $0 \\le y_k \\le 1$ and (ii) $\\sum_k y_k = 1$")
      .formula("0 \\le y_k \\le 1, \\quad \\sum_k y_k = 1")
      .compute({"softmax.y"},
               [](const Inputs& in) -> Value { return is_a_distribution(in.vector("softmax.y")); });
  //! [softmax]
}

// PD "Derivative of softmax (1/4)…(3/4)": the quotient rule.
void quotient_rule(Trace& trace) {
  // y_i = g/h with g = exp(a_i), h = Σ_k exp(a_k); f' = (g'h − h'g)/h², where ∂g/∂a_j = exp(a_i) if
  // j = i and 0 otherwise, and ∂h/∂a_j = exp(a_j). Shown for i = 1 with j = 1 and j = 2, on the
  // slide's unshifted exponentials (the shift cancels in the quotient).
  //! [quotient_rule]
  trace.section("The quotient rule (PD \"Derivative of softmax (1/4)…(3/4)\")");
  trace.step("quotient.g", "Numerator of $y_1$: $g = e^{a_1}$")
      .formula("g = e^{a_1}")
      .compute({"a"}, [](const Inputs& in) -> Value { return std::exp(at_least_two(in.vector("a"))[0]); });
  trace.step("quotient.h", "Denominator: $h = \\sum_k e^{a_k}$")
      .formula("h = \\sum_k e^{a_k}")
      .compute({"a"}, [](const Inputs& in) -> Value { return in.vector("a").array().exp().sum(); });
  trace.step("quotient.same", "Case $i = j$ ($i = j = 1$): quotient rule")
      .formula("\\frac{\\partial y_1}{\\partial a_1} = \\frac{g'h - h'g}{h^2} = "
               "\\frac{e^{a_1} h - e^{a_1} e^{a_1}}{h^2}")
      .numbers("\\frac{[[quotient.g]] \\cdot [[quotient.h]] - [[quotient.g]] \\cdot [[quotient.g]]}"
               "{[[quotient.h]]^2}")
      .compute({"quotient.g", "quotient.h"}, [](const Inputs& in) -> Value {
        const double g = in.scalar("quotient.g"), h = in.scalar("quotient.h");
        return (g * h - g * g) / (h * h);  // (g'h − h'g)/h² with g' = h' = e^{a_1}
      });
  trace.step("quotient.same.y", "Case $i = j$ simplified: $y_i(1 - y_i)$")
      .formula("\\frac{\\partial y_1}{\\partial a_1} = \\frac{e^{a_1}}{h} \\cdot \\frac{h - e^{a_1}}{h} = "
               "y_1(1 - y_1)")
      .compute({"softmax.y"}, [](const Inputs& in) -> Value {
        const double y1 = at_least_two(in.vector("softmax.y"))[0];
        return y1 * (1.0 - y1);  // y_i(1 − y_i)
      });
  trace.step("quotient.gj", "Case $i \\ne j$ ($i = 1$, $j = 2$): $h' = e^{a_2}$, while $g' = 0$")
      .formula("\\frac{\\partial g}{\\partial a_2} = 0, \\quad \\frac{\\partial h}{\\partial a_2} = e^{a_2}")
      .compute({"a"}, [](const Inputs& in) -> Value { return std::exp(at_least_two(in.vector("a"))[1]); });
  trace.step("quotient.other", "Case $i \\ne j$: quotient rule")
      .formula("\\frac{\\partial y_1}{\\partial a_2} = \\frac{0 \\cdot h - e^{a_2} e^{a_1}}{h^2}")
      .numbers("\\frac{0 - [[quotient.gj]] \\cdot [[quotient.g]]}{[[quotient.h]]^2}")
      .compute({"quotient.g", "quotient.gj", "quotient.h"}, [](const Inputs& in) -> Value {
        const double g = in.scalar("quotient.g"), gj = in.scalar("quotient.gj"), h = in.scalar("quotient.h");
        return (0.0 * h - gj * g) / (h * h);  // (g'h − h'g)/h² with g' = 0, h' = e^{a_j}
      });
  trace.step("quotient.other.y", "Case $i \\ne j$ simplified: $-y_j y_i$")
      .formula("\\frac{\\partial y_1}{\\partial a_2} = \\frac{-e^{a_2}}{h} \\cdot \\frac{e^{a_1}}{h} = -y_2 y_1")
      .compute({"softmax.y"}, [](const Inputs& in) -> Value {
        const Eigen::VectorXd& y = at_least_two(in.vector("softmax.y"));
        return -y[1] * y[0];  // −y_j y_i
      });
  //! [quotient_rule]
}

// PD "Derivative of softmax (4/4)": the Jacobian with the Kronecker delta.
void jacobian_with_kronecker_delta(Trace& trace) {
  //! [the_jacobian]
  trace.section("The Jacobian (PD \"Derivative of softmax (4/4)\")");
  trace.step("jacobian.J", "The Jacobian $J_{ij} = y_i(\\delta_{ij} - y_j)$")
      .formula("J = \\left[\\frac{\\partial y_i}{\\partial a_j}\\right]_{ij} = "
               "\\left[y_i(\\delta_{ij} - y_j)\\right]_{ij} = \\operatorname{diag}(\\mathbf{y}) - "
               "\\mathbf{y}\\mathbf{y}^T")
      .numbers("\\operatorname{diag}([[softmax.y]]) - [[softmax.y]] [[softmax.y]]^T")
      .compute({"softmax.y"}, [](const Inputs& in) -> Value {
        return nnwb::softmax_jacobian(in.vector("softmax.y"));  // J = diag(y) − y yᵀ: (K, K)
      });
  trace.step("jacobian.entries", "Its entries $J_{11}$ and $J_{12}$ are the two cases above")
      .formula("J_{11} = \\frac{\\partial y_1}{\\partial a_1}, \\quad J_{12} = \\frac{\\partial y_1}{\\partial a_2}")
      .compute({"jacobian.J", "quotient.same", "quotient.other"}, [](const Inputs& in) -> Value {
        const Eigen::MatrixXd& J = in.matrix("jacobian.J");
        const double same = relative_error(J(0, 0), in.scalar("quotient.same"));
        const double other = relative_error(J(0, 1), in.scalar("quotient.other"));
        return Verdict{std::max(same, other) <= 1e-12,
                       fmt::format("the quotient rule gives J₁₁ = {:.4g} and J₁₂ = {:.4g} (relative "
                                   "differences {:.1e}, {:.1e})",
                                   J(0, 0), J(0, 1), same, other)};
      });
  trace.step("jacobian.symmetric", "$J$ is symmetric")
      .formula("J_{ij} = -y_i y_j = J_{ji} \\quad (i \\ne j)")
      .compute({"jacobian.J"}, [](const Inputs& in) -> Value {
        const Eigen::MatrixXd& J = in.matrix("jacobian.J");
        const double asymmetry = (J - J.transpose()).cwiseAbs().maxCoeff();
        return Verdict{asymmetry <= 1e-15, fmt::format("J = Jᵀ (largest |J_ij − J_ji| = {:.1e})", asymmetry)};
      });
  trace.step("jacobian.rows", "Each row of $J$ sums to 0")
      .formula("\\sum_j J_{ij} = y_i - y_i \\sum_j y_j = y_i(1 - 1) = 0")
      .compute({"jacobian.J"}, [](const Inputs& in) -> Value {
        const double largest = in.matrix("jacobian.J").rowwise().sum().cwiseAbs().maxCoeff();
        return Verdict{largest <= 1e-12,
                       fmt::format("every row sums to 0, to rounding (largest |row sum| = {:.1e}): "
                                   "adding the same amount to every aⱼ leaves y unchanged",
                                   largest)};
      });
  trace.step("jacobian.fd", "The Jacobian by central differences, $\\varepsilon = 10^{-6}$")
      .formula("J_{ij} \\approx \\frac{y_i(\\mathbf{a} + \\varepsilon \\mathbf{e}_j) - "
               "y_i(\\mathbf{a} - \\varepsilon \\mathbf{e}_j)}{2\\varepsilon}")
      .compute({"a"}, [](const Inputs& in) -> Value { return numerical_softmax_jacobian(in.vector("a")); });
  trace.step("jacobian.check", "$y_i(\\delta_{ij} - y_j)$ agrees with the differences")
      .compute({"jacobian.J", "jacobian.fd"}, [](const Inputs& in) -> Value {
        return agrees_with_differences(in.matrix("jacobian.J"), in.matrix("jacobian.fd"), "J");
      });
  //! [the_jacobian]
}

// PD "Derivative of cross-entropy loss (1/2), (2/2)": one-hot target.
void cross_entropy_derivative(Trace& trace) {
  trace.section("Cross-entropy with a one-hot target (PD \"Derivative of cross-entropy loss\")");
  //! [cross_entropy_with_a_one_hot_target]
  trace.step("ce.t", "The one-hot target $\\mathbf{t}$ for class $c$")
      .formula("t_k = 1 \\text{ if } k = c\\text{, else } 0; \\quad \\mathbf{t} = \\mathbf{e}_c")
      .compute({"c", "a"}, [](const Inputs& in) -> Value {
        const Eigen::Index k = in.vector("a").size();
        return one_hot(class_index(in.scalar("c"), k), k);  // e_c: (K)
      });
  trace.step("ce.E", "Cross-entropy $E$")
      .formula("E = -\\sum_k t_k \\ln y_k")
      .numbers("-[[ce.t]]^T \\ln [[softmax.y]]")
      .compute({"softmax.y", "ce.t"}, [](const Inputs& in) -> Value {
        return cross_entropy(in.vector("softmax.y"), in.vector("ce.t"));  // −Σ_k t_k ln y_k
      });
  trace.step("ce.dE_dy", "Gradient with respect to the outputs: $\\partial E/\\partial y_k$")
      .formula("\\frac{\\partial E}{\\partial y_k} = -\\frac{t_k}{y_k}")
      .numbers("-\\frac{[[ce.t]]}{[[softmax.y]]}")
      .compute({"softmax.y", "ce.t"}, [](const Inputs& in) -> Value {
        return cross_entropy_gradient(in.vector("softmax.y"), in.vector("ce.t"));  // −t_k / y_k
      });
  trace.step("ce.chain", "Chain rule through the Jacobian")
      .formula("\\frac{\\partial E}{\\partial a_i} = \\sum_k \\frac{\\partial E}{\\partial y_k} "
               "\\frac{\\partial y_k}{\\partial a_i} = \\left(J^T \\frac{\\partial E}{\\partial \\mathbf{y}}\\right)_i")
      .numbers("J^T [[ce.dE_dy]]")
      .compute({"jacobian.J", "ce.dE_dy"}, [](const Inputs& in) -> Value {
        const Eigen::MatrixXd& J = in.matrix("jacobian.J");      // (K, K)
        const Eigen::VectorXd& dE_dy = in.vector("ce.dE_dy");    // (K)
        if (J.rows() != dE_dy.size()) throw std::invalid_argument("ce.chain: J and ∂E/∂y differ in size");
        const Eigen::VectorXd g = J.transpose() * dE_dy;  // Jᵀ ∂E/∂y
        return g;
      });
  trace.claim_gradient("ce.chain", "ce.E", "a");
  trace.step("ce.sum_t", "The labels sum to 1 (1-of-K coding)")
      .formula("\\sum_k t_k")
      .compute({"ce.t"}, [](const Inputs& in) -> Value { return in.vector("ce.t").sum(); });
  trace.step("ce.grad_a", "The collapse: $\\partial E/\\partial a_i = y_i - t_i$")
      .formula("\\frac{\\partial E}{\\partial a_i} = -t_i(1 - y_i) - \\sum_{k \\ne i} \\frac{t_k}{y_k}(-y_k y_i) "
               "= -t_i + y_i \\sum_k t_k = y_i - t_i")
      .numbers("[[softmax.y]] \\cdot [[ce.sum_t]] - [[ce.t]]")
      .compute({"softmax.y", "ce.t", "ce.sum_t"}, [](const Inputs& in) -> Value {
        // −t_i + y_i(t_i + Σ_{k≠i} t_k) = y_i Σ_k t_k − t_i, which is y_i − t_i when Σ_k t_k = 1
        const Eigen::VectorXd& y = in.vector("softmax.y");
        const Eigen::VectorXd& t = in.vector("ce.t");
        if (y.size() != t.size()) throw std::invalid_argument("ce.grad_a: y and t differ in length");
        const Eigen::VectorXd g = y * in.scalar("ce.sum_t") - t;
        return g;
      });
  trace.claim_gradient("ce.grad_a", "ce.E", "a");
  //! [cross_entropy_with_a_one_hot_target]
  trace.step("ce.fd", "The gradient by central differences, $\\varepsilon = 10^{-6}$")
      .formula("\\frac{\\partial E}{\\partial a_i} \\approx \\frac{E(\\mathbf{a} + \\varepsilon \\mathbf{e}_i) - "
               "E(\\mathbf{a} - \\varepsilon \\mathbf{e}_i)}{2\\varepsilon}")
      .compute({"a", "ce.t"}, [](const Inputs& in) -> Value {
        const Eigen::VectorXd t = in.vector("ce.t");
        return numerical_gradient([t](const Eigen::VectorXd& v) { return softmax_cross_entropy(v, t); },
                                  in.vector("a"));
      });
  trace.step("ce.check", "$\\mathbf{y} - \\mathbf{t}$ equals the chain rule and the differences")
      .compute({"ce.grad_a", "ce.chain", "ce.fd"}, [](const Inputs& in) -> Value {
        const Eigen::VectorXd& g = in.vector("ce.grad_a");
        const double chain = max_relative_error(g, in.vector("ce.chain"));
        const Verdict fd = agrees_with_differences(g, in.vector("ce.fd"), "y − t");
        return Verdict{fd.holds && chain <= 1e-12,
                       fmt::format("y − t equals Jᵀ ∂E/∂y (relative difference {:.1e}); {}", chain, fd.text)};
      });
}

// EDI "Computation graph – cross entropy layer": the class-index form.
void class_gradient_in_the_graph(Trace& trace) {
  //! [class_index_form]
  trace.section("The class-index form (EDI \"Computation graph – cross entropy layer\")");
  trace.step("ce_index.L", "Loss of the true class: $L = -\\log \\hat{y}_c$")
      .formula("L = -\\log \\frac{e^{a_c}}{\\sum_j e^{a_j}} = \\log \\sum_j e^{a_j} - a_c")
      .compute({"a", "c"}, [](const Inputs& in) -> Value {
        const Eigen::VectorXd& av = in.vector("a");
        return log_sum_exp(av) - av[class_index(in.scalar("c"), av.size())];  // log Σ_j e^{a_j} − a_c
      });
  trace.step("ce_index.grad_a", "Its gradient: $\\hat{y}_i - \\mathbb{1}_{i=c}$")
      .formula("\\frac{\\partial L}{\\partial a_i} = \\frac{e^{a_i}}{\\sum_j e^{a_j}} - \\mathbb{1}_{i=c} = "
               "\\hat{y}_i - \\mathbb{1}_{i=c}")
      .numbers("[[softmax.y]] - \\mathbf{e}_{[[c]]}")
      .compute({"softmax.y", "c"}, [](const Inputs& in) -> Value {
        const Eigen::VectorXd& y = in.vector("softmax.y");
        const Eigen::VectorXd g = y - one_hot(class_index(in.scalar("c"), y.size()), y.size());  // ŷ − 1_{i=c}
        return g;
      });
  trace.claim_gradient("ce_index.grad_a", "ce_index.L", "a");
  trace.step("ce_index.same", "With $\\mathbf{t} = \\mathbf{e}_c$ the two forms are one loss")
      .formula("L = E, \\quad \\frac{\\partial L}{\\partial \\mathbf{a}} = \\frac{\\partial E}{\\partial \\mathbf{a}}")
      .compute({"ce_index.L", "ce.E", "ce_index.grad_a", "ce.grad_a"}, [](const Inputs& in) -> Value {
        const double loss = relative_error(in.scalar("ce_index.L"), in.scalar("ce.E"));
        const double grad = max_relative_error(in.vector("ce_index.grad_a"), in.vector("ce.grad_a"));
        return Verdict{std::max(loss, grad) <= 1e-12,
                       fmt::format("L = E and ∂L/∂a = ∂E/∂a (relative differences {:.1e}, {:.1e})",
                                   loss, grad)};
      });
  //! [class_index_form]
}

// Numerical stability: logits of ±1000.
void numerical_stability(Trace& trace) {
  trace.section("Numerical stability: logits of ±1000");
  trace.step("big.naive", "Without the shift, $e^{a'_k}$ overflows")
      .formula("y'_k = \\frac{e^{a'_k}}{\\sum_j e^{a'_j}}")
      .compute({"big.a"}, [](const Inputs& in) -> Value {
        const Eigen::ArrayXd e = in.vector("big.a").array().exp();  // the slide's formula as written
        const Eigen::ArrayXd y = e / e.sum();
        const bool breaks = !y.allFinite();
        return Verdict{breaks, breaks ? fmt::format("the unshifted quotient breaks down: e^{} = {} in double "
                                                    "precision, and y' = e/Σe contains NaN (∞/∞)",
                                                    in.vector("big.a").maxCoeff(), e.maxCoeff())
                                      : std::string("the unshifted quotient happens to stay finite here")};
      });
  trace.step("big.m", "The largest activation $m'$")
      .formula("m' = \\max_k a'_k")
      .numbers("\\max [[big.a]]")
      .compute({"big.a"}, [](const Inputs& in) -> Value { return in.vector("big.a").maxCoeff(); });
  trace.step("big.exp", "Shifted exponentials: every exponent is $\\le 0$")
      .formula("e^{a'_k - m'}")
      .numbers("\\exp([[big.a]] - [[big.m]])")
      .compute({"big.a", "big.m"}, [](const Inputs& in) -> Value {
        const Eigen::VectorXd e = (in.vector("big.a").array() - in.scalar("big.m")).exp();  // e^{a'_k − m'} ≤ 1
        return e;
      });
  trace.step("big.y", "Softmax outputs $y'_k$")
      .formula("y'_k = \\frac{e^{a'_k - m'}}{\\sum_j e^{a'_j - m'}}")
      .numbers("\\frac{[[big.exp]]}{[[big.exp]]^T \\mathbf{1}}")
      .compute({"big.exp"}, [](const Inputs& in) -> Value {
        const Eigen::VectorXd& e = in.vector("big.exp");
        const Eigen::VectorXd y = e / e.sum();
        return y;
      });
  trace.step("big.properties", "Still (i) $0 \\le y'_k \\le 1$ and (ii) $\\sum_k y'_k = 1$")
      .formula("0 \\le y'_k \\le 1, \\quad \\sum_k y'_k = 1")
      .compute({"big.y"}, [](const Inputs& in) -> Value { return is_a_distribution(in.vector("big.y")); });
  trace.step("big.J", "The Jacobian at $\\mathbf{a}'$")
      .formula("J'_{ij} = y'_i(\\delta_{ij} - y'_j)")
      .compute({"big.y"}, [](const Inputs& in) -> Value { return nnwb::softmax_jacobian(in.vector("big.y")); });
  trace.step("big.J.check", "It is symmetric, its rows sum to 0, and it agrees with the differences")
      .compute({"big.J", "big.a"}, [](const Inputs& in) -> Value {
        const Eigen::MatrixXd& J = in.matrix("big.J");
        const bool symmetric = (J - J.transpose()).cwiseAbs().maxCoeff() <= 1e-15;
        const bool rows = J.rowwise().sum().cwiseAbs().maxCoeff() <= 1e-12;
        const Verdict fd = agrees_with_differences(J, numerical_softmax_jacobian(in.vector("big.a")), "J'");
        return Verdict{symmetric && rows && fd.holds,
                       fmt::format("symmetric: {}; rows sum to 0: {}; {}", symmetric ? "yes" : "no",
                                   rows ? "yes" : "no", fd.text)};
      });
  //! [log_softmax]
  trace.step("big.log_y", "Log-softmax: $\\ln y'_k$ without forming $y'_k$")
      .formula("\\ln y'_k = a'_k - m' - \\ln \\sum_j e^{a'_j - m'}")
      .compute({"big.a"}, [](const Inputs& in) -> Value { return log_softmax(in.vector("big.a")); });
  trace.step("big.L", "Loss of the true class $c'$")
      .formula("L' = -\\ln y'_{c'} = \\ln \\sum_j e^{a'_j} - a'_{c'}")
      .compute({"big.log_y", "big.c"}, [](const Inputs& in) -> Value {
        const Eigen::VectorXd& log_y = in.vector("big.log_y");
        return -log_y[class_index(in.scalar("big.c"), log_y.size())];  // −ln y'_{c'}
      });
  trace.step("big.L.naive", "Why log-softmax: $-\\ln y'_{c'}$ from the rounded $y'$")
      .formula("-\\ln y'_{c'}")
      .compute({"big.y", "big.c", "big.L"}, [](const Inputs& in) -> Value {
        const Eigen::VectorXd& y = in.vector("big.y");
        const Eigen::Index ci = class_index(in.scalar("big.c"), y.size());
        if (y[ci] > 0.0)
          return Verdict{true, fmt::format("y'_c' = {:.4g} is representable, and −ln y'_c' = {:.6g} matches L'",
                                           y[ci], -std::log(y[ci]))};
        return Verdict{true, fmt::format("y'_c' underflows to 0, so −ln y'_c' is ∞ (the library's "
                                         "cross_entropy on probabilities clamps it to {:.6g}); only the "
                                         "log-sum-exp form gives the true L' = {:.6g}",
                                         cross_entropy(y, ci), in.scalar("big.L"))};
      });
  trace.step("big.grad_a", "The gradient stays $\\mathbf{y}' - \\mathbf{e}_{c'}$")
      .formula("\\frac{\\partial L'}{\\partial a'_i} = y'_i - \\mathbb{1}_{i=c'}")
      .numbers("[[big.y]] - \\mathbf{e}_{[[big.c]]}")
      .compute({"big.y", "big.c"}, [](const Inputs& in) -> Value {
        const Eigen::VectorXd& y = in.vector("big.y");
        const Eigen::VectorXd g = y - one_hot(class_index(in.scalar("big.c"), y.size()), y.size());
        return g;
      });
  trace.step("big.check", "It agrees with central differences of the stable loss")
      .compute({"big.grad_a", "big.a", "big.c"}, [](const Inputs& in) -> Value {
        const Eigen::VectorXd& av = in.vector("big.a");
        const Eigen::Index ci = class_index(in.scalar("big.c"), av.size());
        const Eigen::VectorXd numeric = numerical_gradient(
            [ci](const Eigen::VectorXd& v) { return softmax_cross_entropy(v, ci); }, av);
        return agrees_with_differences(in.vector("big.grad_a"), numeric, "y' − e_c'");
      });
  //! [log_softmax]
}

}  // namespace softmax_jacobian_parts

Trace softmax_jacobian(const ChapterOptions& options) {
  using namespace softmax_jacobian_parts;
  Trace trace("softmax_jacobian", "The softmax Jacobian and the softmax cross-entropy gradient");
  trace
      .summary("Softmax turns the output nodes' activations $\\mathbf{a}$ into probabilities "
               "$\\mathbf{y}$. The quotient rule gives its Jacobian $\\partial y_i/\\partial a_j = "
               "y_i(\\delta_{ij} - y_j)$, a symmetric matrix whose rows sum to 0; through it the "
               "cross-entropy gradient collapses to $\\partial E/\\partial a_i = y_i - t_i$, in the "
               "one-hot and in the class-index form. Everything is computed with the maximum "
               "subtracted first, which keeps logits of ±1000 finite. The slides print no numbers: "
               "the defaults are $\\mathbf{a} = (2, 1, 0.1)$ with true class $c = 2$, and "
               "$\\mathbf{a}' = (1000, 999, -1000)$ with $c' = 3$.")
      .source("PD", "003_b5a9c74466967a6d.txt",
              {"Softmax output", "Derivative of softmax (1/4)", "Derivative of softmax (2/4)",
               "Derivative of softmax (3/4)", "Derivative of softmax (4/4)",
               "Derivative of cross-entropy loss (1/2)", "Derivative of cross-entropy loss (2/2)",
               "Final result"})
      .source("EDI", "000_7637ffcd816b0303.txt",
              {"Normalisation of output nodes - softmax", "Computation graph – cross entropy layer"})
      .convention("One sample, column vectors (PD, EDI). $\\mathbf{a}$ holds the output nodes' "
                  "activations (pre-activations, logits), $\\mathbf{y} = \\operatorname{softmax}(\\mathbf{a})$ "
                  "(EDI writes $\\hat{\\mathbf{y}}$), $\\mathbf{t}$ is the one-hot target and $c$ the "
                  "true class, counted from 1. The Jacobian has $J_{ij} = \\partial y_i/\\partial a_j$ "
                  "(row $i$: output $y_i$; column $j$: input $a_j$). $E$ is PD's pointwise error $E_n$ "
                  "with $n$ omitted; EDI's $L$ is the same loss written with the class index.")
      .notation("a_k", "activation (logit) of output node k")
      .notation("y_k", "softmax output k, the probability of class k (EDI: $\\hat{y}_k$)")
      .notation("m", "$\\max_k a_k$, subtracted before exponentiating")
      .notation("\\delta_{ij}", "Kronecker delta: 1 if i = j, 0 otherwise")
      .notation("J", "the softmax Jacobian, $J_{ij} = \\partial y_i / \\partial a_j$")
      .notation("t_k", "one-hot target: $t_c = 1$, all others 0")
      .notation("E", "cross-entropy, $E = -\\sum_k t_k \\ln y_k$ (EDI: $L = -\\log \\hat{y}_c$)")
      .seed(options.seed)
      .rounding({Rounding::Mode::significant, 4});

  // The default logits and class, or a variant's: K = 3 or 4 logits with one decimal in [−2, 2]
  // (no probability so small that a student's hand computation loses it).
  Eigen::VectorXd a(3), big(3);
  a << 2.0, 1.0, 0.1;
  double c = 2;
  big << 1000.0, 999.0, -1000.0;
  double big_c = 3;
  if (options.seed) {
    Rng rng(*options.seed);
    a = rng.decimals(rng.index(3, 4), -2.0, 2.0, 1);
    c = static_cast<double>(rng.integer(1, a.size()));
    big << 1000.0, 1000.0 - rng.decimal(0.1, 3.0, 1), -1000.0 + rng.decimal(0.0, 0.9, 1);
  }
  trace.parameter("a", "\\mathbf{a}", "the output nodes' activations (logits)", a);
  trace.parameter("c", "c", "the true class (1…K)", c);
  trace.parameter("big.a", "\\mathbf{a}'", "logits of ±1000, for the stable forms", big);
  trace.parameter("big.c", "c'", "the true class for a' (1…K)", big_c);

  softmax_as_written(trace);
  quotient_rule(trace);
  jacobian_with_kronecker_delta(trace);
  cross_entropy_derivative(trace);
  class_gradient_in_the_graph(trace);
  numerical_stability(trace);
  return trace;
}

}  // namespace nnwb::chapters
