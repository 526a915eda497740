// Chapter 21, errata (chapters/errata.cpp; one deck's candidates in each of chapters/errata_edi.cpp,
// errata_bmb.cpp, errata_ctu.cpp, errata_pd.cpp and errata_ic.cpp, their shared steps in
// errata_parts.hpp): for every candidate, this file computes its own
// reference (central differences and closed forms written here with Eigen, never the chapter's
// helpers) and, for every formula that does not hold, its own evaluation of the slide's formula as
// printed; it then reaches its own verdict and checks that the trace reaches the same one, on the
// lecture's numbers and on several seeds. Every "does not hold" must carry a corrected form, which
// is checked here against the same reference. The slides' printed numbers (BMB's sigmoid neuron and
// f = (x + y)z, ε = 10⁻⁴, CTU's two animal tables and weather row) are typed in from the decks.
#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <Eigen/QR>
#include <cmath>
#include <functional>
#include <numbers>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "chapters.hpp"
#include "support/trace_values.hpp"

BOOST_AUTO_TEST_SUITE(errata)

namespace bdata = boost::unit_test::data;
using Eigen::MatrixXd;
using Eigen::VectorXd;
using nnwb::Trace;
using nnwb::testing::mat;
using nnwb::testing::scalar;
using nnwb::testing::variant;
using nnwb::testing::vec;
using nnwb::testing::verdict;

namespace {

// ---- numerics, written here --------------------------------------------------------------------

double sig(double x) { return 1.0 / (1.0 + std::exp(-x)); }
VectorXd sig(const VectorXd& v) { return v.unaryExpr([](double x) { return sig(x); }); }
MatrixXd sigm(const MatrixXd& m) { return m.unaryExpr([](double x) { return sig(x); }); }
MatrixXd tanhm(const MatrixXd& m) { return m.unaryExpr([](double x) { return std::tanh(x); }); }
VectorXd soft(const VectorXd& a) {
  const VectorXd e = (a.array() - a.maxCoeff()).exp();
  return e / e.sum();
}
double neg_log_soft(const VectorXd& a, Eigen::Index c) { return -std::log(soft(a)[c]); }
Eigen::Index argmax(const VectorXd& v) {
  Eigen::Index c = 0;
  v.maxCoeff(&c);
  return c;
}
VectorXd with1(const VectorXd& v) {
  VectorXd out(v.size() + 1);
  out << 1.0, v;
  return out;
}
MatrixXd with1col(const MatrixXd& m) {
  MatrixXd out(m.rows(), m.cols() + 1);
  out << MatrixXd::Ones(m.rows(), 1), m;
  return out;
}
MatrixXd scalar_m(double x) { return MatrixXd::Constant(1, 1, x); }

// ∂f/∂θ by central differences, h = 10⁻⁵, any shape.
MatrixXd grad(const std::function<double(const MatrixXd&)>& f, MatrixXd theta, double h = 1e-5) {
  MatrixXd g(theta.rows(), theta.cols());
  for (Eigen::Index i = 0; i < theta.size(); ++i) {
    const double saved = theta(i);
    theta(i) = saved + h;
    const double plus = f(theta);
    theta(i) = saved - h;
    g(i) = (plus - f(theta)) / (2 * h);
    theta(i) = saved;
  }
  return g;
}

double rel(double a, double b) {
  const double scale = std::max(std::abs(a), std::abs(b));
  return scale < 1e-8 ? std::abs(a - b) : std::abs(a - b) / scale;
}
// Same shape and every entry within `tol`.
bool agree(const MatrixXd& a, const MatrixXd& b, double tol) {
  if (a.rows() != b.rows() || a.cols() != b.cols()) return false;
  for (Eigen::Index i = 0; i < a.size(); ++i)
    if (!(rel(a(i), b(i)) <= tol)) return false;
  return true;
}
MatrixXd as_m(const nnwb::Value& v) {
  if (const auto* s = std::get_if<double>(&v)) return scalar_m(*s);
  if (const auto* x = std::get_if<VectorXd>(&v)) return *x;
  return std::get<MatrixXd>(v);
}

// ---- the candidates: the expected verdict, the reference, and (where it matters) the slide ------

using Ref = std::function<MatrixXd(const Trace&)>;
// The slide's formula evaluated here; nullopt where its shapes do not conform.
using AsWritten = std::function<std::optional<MatrixXd>(const Trace&)>;

struct Expect {
  std::string id;
  bool holds;
  Ref reference;
  AsWritten as_written;  // may be empty for a formula that holds: the trace's own value is judged
  double tol = 1e-6;
};

// Short accessors for the trace's parameters.
const VectorXd& V(const Trace& t, const char* n) { return vec(t, n); }
const MatrixXd& M(const Trace& t, const char* n) { return mat(t, n); }
double S(const Trace& t, const char* n) { return scalar(t, n); }

// The shared networks, written again.
VectorXd x6(const Trace& t, const MatrixXd& W2) {
  return W2 * sig(VectorXd(M(t, "net.W1") * V(t, "net.x") + V(t, "net.b1"))) + V(t, "net.b2");
}
VectorXd x4(const Trace& t) { return sig(VectorXd(M(t, "net.W1") * V(t, "net.x") + V(t, "net.b1"))); }
struct Bmb {
  VectorXd z2, a2, z3, a3, z4, a4;
};
Bmb bmb(const Trace& t, const MatrixXd& W3) {
  Bmb p;
  p.z2 = M(t, "bmb.W1") * with1(V(t, "bmb.x"));
  p.a2 = sig(p.z2);
  p.z3 = M(t, "bmb.W2") * with1(p.a2);
  p.a3 = sig(p.z3);
  p.z4 = W3 * with1(p.a3);
  p.a4 = sig(p.z4);
  return p;
}
double bmb_half(const Trace& t, const MatrixXd& W3) { return 0.5 * (V(t, "bmb.y") - bmb(t, W3).a4).squaredNorm(); }
// CTU: E from layer L's potentials Ξ_L on (tanh everywhere, bias first row).
double ctu_E(const Trace& t, int L, const MatrixXd& Xi, const MatrixXd& D) {
  const MatrixXd W[3] = {M(t, "ctu.W1"), M(t, "ctu.W2"), M(t, "ctu.W3")};
  MatrixXd Z = tanhm(Xi);
  for (int k = L + 1; k <= 3; ++k) Z = tanhm(with1col(Z) * W[k - 1]);
  return 0.5 * (D - Z).squaredNorm();
}
MatrixXd ctu_Xi(const Trace& t, int L, const MatrixXd& X) {
  const MatrixXd W[3] = {M(t, "ctu.W1"), M(t, "ctu.W2"), M(t, "ctu.W3")};
  MatrixXd Y = X, Xi;
  for (int k = 1; k <= L; ++k) {
    Xi = Y * W[k - 1];
    Y = with1col(tanhm(Xi));
  }
  return Xi;
}
MatrixXd ctu_row(const Trace& t) { return with1col(MatrixXd(V(t, "ctu.x").transpose())); }
MatrixXd ctu_drow(const Trace& t) { return MatrixXd(V(t, "ctu.d").transpose()); }
MatrixXd encode(const MatrixXd& c) {
  MatrixXd x(c.rows(), 3);
  for (Eigen::Index p = 0; p < c.rows(); ++p) x.row(p) << c(p, 0) - 1, c(p, 1) - 1, 2 * c(p, 2) - 1;
  return x;
}
double Jp(const Trace& t, const VectorXd& w) {
  double j = 0;
  for (Eigen::Index n = 0; n < M(t, "pd.phi").cols(); ++n)
    j += std::max(0.0, -w.dot(M(t, "pd.phi").col(n)) * V(t, "pd.t")[n]);
  return j;
}
VectorXd signs(const Trace& t, const VectorXd& w) {
  return (w.transpose() * M(t, "pd.phi")).transpose().unaryExpr([](double a) { return a >= 0 ? 1.0 : -1.0; });
}

std::vector<Expect> expectations() {
  std::vector<Expect> e;
  // ---- EDI
  e.push_back({"edi.posterior", true, [](const Trace& t) {
                 const VectorXd p = V(t, "edi.lik").cwiseProduct(V(t, "edi.prior"));
                 return scalar_m(p[0] / p.sum());
               }, nullptr});
  e.push_back({"edi.mse_gradient", true, [](const Trace& t) {
                 return grad([&](const MatrixXd& w) { return 0.5 * std::pow(sig(w.col(0).dot(V(t, "neuron.x"))) - S(t, "neuron.y"), 2); },
                             V(t, "neuron.w"));
               }, nullptr});
  e.push_back({"edi.ce_gradient", true, [](const Trace& t) {
                 return grad([&](const MatrixXd& w) {
                   const VectorXd y = sig(VectorXd(M(t, "batch.X") * w.col(0))), d = V(t, "batch.y");
                   return -(d.array() * y.array().log() + (1 - d.array()) * (1 - y.array()).log()).mean();
                 }, V(t, "neuron.w"));
               }, nullptr});
  e.push_back({"edi.tanh", true, [](const Trace& t) { return scalar_m(std::tanh(S(t, "edi.a"))); }, nullptr});
  const auto edi_E = [](const Trace& t, const MatrixXd& W1, const MatrixXd& W2) {
    return 0.5 * (sig(VectorXd(W2 * sig(VectorXd(W1 * V(t, "net.x") + V(t, "net.b1"))))) - V(t, "net.t")).squaredNorm();
  };
  e.push_back({"edi.hidden_to_output", true, [edi_E](const Trace& t) {
                 return grad([&](const MatrixXd& W2) { return edi_E(t, M(t, "net.W1"), W2); }, M(t, "net.W2"));
               }, nullptr});
  e.push_back({"edi.input_to_hidden", true, [edi_E](const Trace& t) {
                 return grad([&](const MatrixXd& W1) { return edi_E(t, W1, M(t, "net.W2")); }, M(t, "net.W1"));
               }, nullptr});
  e.push_back({"edi.softmax", true, [](const Trace&) { return MatrixXd(Eigen::Vector2d(1, 3)); }, nullptr});
  const auto loss = [](const Trace& t) { return neg_log_soft(x6(t, M(t, "net.W2")), argmax(V(t, "net.t"))); };
  e.push_back({"edi.ce_one_hot", true, [loss](const Trace& t) { return scalar_m(loss(t)); }, nullptr});
  e.push_back({"edi.f6", false, [loss](const Trace& t) { return scalar_m(loss(t)); }, [loss](const Trace& t) {
                 return std::optional<MatrixXd>(scalar_m(-loss(t)));  // log softmax = −(−log softmax)
               }});
  e.push_back({"edi.a_is_x4", false, [loss](const Trace& t) { return scalar_m(loss(t)); }, [](const Trace& t) {
                 return std::optional<MatrixXd>(scalar_m(neg_log_soft(x4(t), argmax(V(t, "net.t")))));
               }});
  e.push_back({"edi.dl_dx6", true, [](const Trace& t) {
                 const Eigen::Index c = argmax(V(t, "net.t"));
                 return grad([c](const MatrixXd& a) { return neg_log_soft(a.col(0), c); }, x6(t, M(t, "net.W2")));
               }, nullptr});
  e.push_back({"edi.dl_dw2", true, [](const Trace& t) {
                 const Eigen::Index c = argmax(V(t, "net.t"));
                 return grad([&](const MatrixXd& W2) { return neg_log_soft(x6(t, W2), c); }, M(t, "net.W2"));
               }, nullptr});
  // ---- BMB
  const auto perceptron_E = [](const Trace& t, const MatrixXd& w) {
    return 0.5 * std::pow(S(t, "neuron.y") - sig(w.col(0).dot(V(t, "neuron.x"))), 2);
  };
  e.push_back({"bmb.perceptron_gradient", true, [perceptron_E](const Trace& t) {
                 return grad([&](const MatrixXd& w) { return perceptron_E(t, w); }, V(t, "neuron.w"));
               }, nullptr});
  e.push_back({"bmb.perceptron_update", true, [perceptron_E](const Trace& t) {
                 return MatrixXd(V(t, "neuron.w") - S(t, "bmb.alpha") * grad([&](const MatrixXd& w) { return perceptron_E(t, w); },
                                                                              V(t, "neuron.w")));
               }, nullptr});
  const auto bmb_E = [](const Trace& t, const MatrixXd& W1, const MatrixXd& W2) {
    const VectorXd a = sig(VectorXd(W2 * sig(VectorXd(W1 * V(t, "net.x") + V(t, "net.b1"))) + V(t, "net.b2")));
    return 0.5 * (V(t, "net.t") - a).squaredNorm();
  };
  e.push_back({"bmb.output_gradient", true, [bmb_E](const Trace& t) {
                 return MatrixXd(grad([&](const MatrixXd& W2) { return bmb_E(t, M(t, "net.W1"), W2); }, M(t, "net.W2")).transpose());
               }, nullptr});
  e.push_back({"bmb.hidden_gradient", true, [bmb_E](const Trace& t) {
                 return MatrixXd(grad([&](const MatrixXd& W1) { return bmb_E(t, W1, M(t, "net.W2")); }, M(t, "net.W1")).transpose());
               }, nullptr});
  e.push_back({"bmb.simple_example", true, [](const Trace& t) {
                 return grad([](const MatrixXd& v) { return (v(0) + v(1)) * v(2); }, V(t, "bmb.xyz"));
               }, [](const Trace& t) {
                 const VectorXd& v = V(t, "bmb.xyz");
                 return std::optional<MatrixXd>(MatrixXd(Eigen::Vector3d(v[2], v[2], v[0] + v[1])));
               }});
  const auto gate_in = [](const Trace& t) {
    const VectorXd& g = V(t, "bmb.gate");
    return g[0] * g[1] + g[2] * g[3] + g[4];
  };
  e.push_back({"bmb.sigmoid_local", true, [gate_in](const Trace& t) {
                 const double d = grad([](const MatrixXd& x) { return sig(x(0)); }, scalar_m(gate_in(t)))(0);
                 return MatrixXd(Eigen::Vector2d(d, d));
               }, nullptr});
  e.push_back({"bmb.gate_gradients", true, [](const Trace& t) {
                 return grad([](const MatrixXd& g) { return sig(g(0) * g(1) + g(2) * g(3) + g(4)); }, V(t, "bmb.gate"));
               }, nullptr});
  e.push_back({"bmb.delta4", false, [](const Trace& t) {
                 return grad([&](const MatrixXd& z4) { return (V(t, "bmb.y") - sig(VectorXd(z4.col(0)))).squaredNorm(); },
                             bmb(t, M(t, "bmb.W3")).z4);
               }, [](const Trace& t) {
                 const VectorXd a = bmb(t, M(t, "bmb.W3")).a4;
                 return std::optional<MatrixXd>(MatrixXd((V(t, "bmb.y") - a).array() * a.array() * (1 - a.array())));
               }});
  const auto J_z3 = [](const Trace& t, const VectorXd& z3) {
    return (V(t, "bmb.y") - sig(VectorXd(M(t, "bmb.W3") * with1(sig(z3))))).squaredNorm();
  };
  // (W⁽ˡ⁾)ᵀ .* δ .* g': the shapes, as MATLAB would check them (equal, or 1).
  const auto conforms = [](Eigen::Index r1, Eigen::Index c1, Eigen::Index r2, Eigen::Index c2) {
    return (r1 == r2 || r1 == 1 || r2 == 1) && (c1 == c2 || c1 == 1 || c2 == 1);
  };
  e.push_back({"bmb.delta3", false, [J_z3](const Trace& t) {
                 return grad([&](const MatrixXd& z3) { return J_z3(t, z3.col(0)); }, bmb(t, M(t, "bmb.W3")).z3);
               }, [conforms](const Trace& t) -> std::optional<MatrixXd> {
                 const MatrixXd& W3 = M(t, "bmb.W3");  // (s₄, s₃+1): ᵀ is (s₃+1, s₄); δ⁽⁴⁾ (s₄, 1)
                 if (!conforms(W3.cols(), W3.rows(), W3.rows(), 1)) return std::nullopt;
                 return MatrixXd();  // would be a value; the chapter's numbers never get here
               }});
  e.push_back({"bmb.delta2", false, [J_z3](const Trace& t) {
                 return grad([&](const MatrixXd& z2) { return J_z3(t, M(t, "bmb.W2") * with1(sig(VectorXd(z2.col(0))))); },
                             bmb(t, M(t, "bmb.W3")).z2);
               }, [conforms](const Trace& t) -> std::optional<MatrixXd> {
                 const MatrixXd& W2 = M(t, "bmb.W2");
                 const bool product = W2.cols() - 1 == 1;  // (W⁽²⁾)ᵀδ⁽³⁾ is (s₂+1)×1; times g' (s₂×1) needs s₂ = 1
                 if (!product && !conforms(W2.cols(), W2.rows(), W2.rows(), 1)) return std::nullopt;
                 return MatrixXd();
               }});
  e.push_back({"bmb.linear_example", true, [](const Trace& t) {
                 const MatrixXd &W2 = M(t, "lin.W2"), &W3 = M(t, "lin.W3");
                 const VectorXd z2 = M(t, "lin.W1") * with1(V(t, "lin.x")), z3 = W2 * with1(z2);
                 const auto J3 = [&](const MatrixXd& z) { return 0.5 * std::pow(S(t, "lin.y") - (W3 * with1(z.col(0)))(0), 2); };
                 const MatrixXd g3 = grad(J3, z3);
                 const MatrixXd g2 = grad([&](const MatrixXd& z) { return J3(W2 * with1(z.col(0))); }, z2);
                 VectorXd out(4);
                 out << -g3, -g2;
                 return MatrixXd(out);
               }, nullptr});
  const auto half_grad = [](const Trace& t) {
    return grad([&](const MatrixXd& W3) { return bmb_half(t, W3); }, M(t, "bmb.W3"));
  };
  const auto a_delta = [](const Trace& t) {
    const Bmb p = bmb(t, M(t, "bmb.W3"));
    const VectorXd d4 = (V(t, "bmb.y") - p.a4).array() * p.a4.array() * (1 - p.a4.array());
    return MatrixXd(d4 * with1(p.a3).transpose());
  };
  e.push_back({"bmb.dJ_dW", false, half_grad, [a_delta](const Trace& t) { return std::optional<MatrixXd>(a_delta(t)); }});
  e.push_back({"bmb.update", true, [half_grad](const Trace& t) {
                 return MatrixXd(S(t, "bmb.eta") * M(t, "bmb.delta_prev") - S(t, "bmb.alpha") * half_grad(t));
               }, nullptr});
  e.push_back({"bmb.regularised", false, [](const Trace& t) {
                 const double lambda = S(t, "bmb.lambda");
                 const MatrixXd g = grad([&](const MatrixXd& W3) {
                   return bmb_half(t, W3) + 0.5 * lambda * W3.rightCols(W3.cols() - 1).squaredNorm();
                 }, M(t, "bmb.W3"));
                 return MatrixXd(S(t, "bmb.eta") * M(t, "bmb.delta_prev") - S(t, "bmb.alpha") * g);
               }, [a_delta](const Trace& t) {
                 MatrixXd W = M(t, "bmb.W3");
                 W.col(0).setZero();
                 return std::optional<MatrixXd>(S(t, "bmb.eta") * M(t, "bmb.delta_prev") +
                                                S(t, "bmb.alpha") * (a_delta(t) + S(t, "bmb.lambda") * W));
               }});
  e.push_back({"bmb.gradient_check", false, half_grad, [](const Trace& t) {
                 MatrixXd W = M(t, "bmb.W3"), out(W.rows(), W.cols());
                 const double eps = S(t, "bmb.epsilon"), base = bmb_half(t, W);
                 for (Eigen::Index i = 0; i < W.size(); ++i) {
                   W(i) += eps;
                   out(i) = bmb_half(t, W) - base;
                   W(i) -= eps;
                 }
                 return std::optional<MatrixXd>(out);
               }, 1e-5});
  e.push_back({"bmb.training_code", true, [](const Trace& t) {
                 const MatrixXd &x = M(t, "code.x"), &y = M(t, "code.y"), &w1 = M(t, "code.w1"), &w2 = M(t, "code.w2");
                 const MatrixXd g1 = grad([&](const MatrixXd& a) { return (sigm(x * a) * w2 - y).squaredNorm(); }, w1);
                 const MatrixXd g2 = grad([&](const MatrixXd& b) { return (sigm(x * w1) * b - y).squaredNorm(); }, w2);
                 VectorXd out(g1.size() + g2.size());
                 out << Eigen::Map<const VectorXd>(g1.data(), g1.size()), Eigen::Map<const VectorXd>(g2.data(), g2.size());
                 return MatrixXd(out);
               }, nullptr});
  // ---- CTU
  e.push_back({"ctu.logsig", true, [](const Trace& t) {
                 const double lambda = S(t, "ctu.lambda");
                 return grad([lambda](const MatrixXd& xi) { return sig(lambda * xi(0)); }, scalar_m(S(t, "ctu.xi")));
               }, nullptr});
  e.push_back({"ctu.tanh", false, [](const Trace& t) {
                 const double lambda = S(t, "ctu.lambda");
                 return grad([lambda](const MatrixXd& xi) { return std::tanh(lambda * xi(0)); }, scalar_m(S(t, "ctu.xi")));
               }, [](const Trace& t) {
                 const double lambda = S(t, "ctu.lambda"), y = std::tanh(lambda * S(t, "ctu.xi"));
                 return std::optional<MatrixXd>(scalar_m(lambda * lambda * (1 + y) * (1 - y)));
               }});
  e.push_back({"ctu.sse_neuron", true, [](const Trace& t) {
                 return grad([&](const MatrixXd& w) { return 0.5 * std::pow(S(t, "neuron.y") - std::tanh(w.col(0).dot(V(t, "neuron.x"))), 2); },
                             V(t, "neuron.w"));
               }, nullptr});
  e.push_back({"ctu.ce_sigmoid", true, [](const Trace& t) {
                 return grad([&](const MatrixXd& w) {
                   const double y = sig(w.col(0).dot(V(t, "neuron.x"))), d = S(t, "neuron.y");
                   return -(d * std::log(y) + (1 - d) * std::log(1 - y));
                 }, V(t, "neuron.w"));
               }, nullptr});
  const auto animals_step = [](const Trace& t, Eigen::Index rows) {
    const MatrixXd X = with1col(M(t, "animals.table")).topRows(rows), D = M(t, "animals.D").topRows(rows);
    const MatrixXd g = grad([&](const MatrixXd& W) { return 0.5 * (D - tanhm(X * W)).squaredNorm(); }, M(t, "animals.W"));
    return MatrixXd(M(t, "animals.W") - S(t, "ctu.alpha") * g);
  };
  e.push_back({"ctu.layer_update", true, [animals_step](const Trace& t) { return animals_step(t, 1); }, nullptr});
  e.push_back({"ctu.batch_update", true, [animals_step](const Trace& t) { return animals_step(t, 4); }, nullptr});
  e.push_back({"ctu.softmax_ce", true, [](const Trace& t) {
                 const VectorXd x = with1col(M(t, "animals.table")).row(0).transpose();
                 const Eigen::Index c = argmax(M(t, "animals.D").row(0).transpose());
                 return grad([&](const MatrixXd& W) { return neg_log_soft(W.transpose() * x, c); }, M(t, "animals.W"));
               }, nullptr});
  e.push_back({"ctu.lsq", true, [](const Trace& t) {
                 const MatrixXd X = with1col(M(t, "reg.inputs")), D = tanhm(X * M(t, "reg.W1"));
                 return MatrixXd(X.colPivHouseholderQr().solve(D));
               }, nullptr});
  e.push_back({"ctu.linear_layers", true, [](const Trace& t) {
                 // One layer W' = [b₂ + b₁W̄₂; W̄₁W̄₂] (bias rows first), written out.
                 const MatrixXd &W1 = M(t, "reg.W1"), &W2 = M(t, "reg.W2");
                 const MatrixXd W2bar = W2.bottomRows(W2.rows() - 1);
                 MatrixXd W(W1.rows(), W2.cols());
                 W << W2.row(0) + W1.row(0) * W2bar, W1.bottomRows(W1.rows() - 1) * W2bar;
                 return MatrixXd(with1col(M(t, "reg.inputs")) * W);
               }, nullptr});
  const auto dE_dXi = [](const Trace& t, int L, const MatrixXd& X, const MatrixXd& D) {
    return grad([&](const MatrixXd& xi) { return ctu_E(t, L, xi, D); }, ctu_Xi(t, L, X));
  };
  e.push_back({"ctu.output_delta", true, [dE_dXi](const Trace& t) {
                 return MatrixXd(dE_dXi(t, 3, ctu_row(t), ctu_drow(t)).transpose());
               }, nullptr});
  e.push_back({"ctu.hidden_delta", true, [dE_dXi](const Trace& t) {
                 return MatrixXd(dE_dXi(t, 2, ctu_row(t), ctu_drow(t)).transpose());
               }, nullptr});
  const auto hadamard = [](const Trace& t, int L, const MatrixXd& X, const MatrixXd& next) -> std::optional<MatrixXd> {
    const MatrixXd xi = ctu_Xi(t, L, X);
    if (xi.rows() != next.rows() || xi.cols() != next.cols()) return std::nullopt;  // ∘ needs equal shapes
    const MatrixXd slope = (1 - tanhm(xi).array().square()).matrix();
    return MatrixXd((slope.cwiseProduct(next) * M(t, L == 1 ? "ctu.W2" : "ctu.W3").transpose()).transpose());
  };
  e.push_back({"ctu.matrix_hidden", false, [dE_dXi](const Trace& t) {
                 return MatrixXd(dE_dXi(t, 2, ctu_row(t), ctu_drow(t)).transpose());
               }, [dE_dXi, hadamard](const Trace& t) {
                 return hadamard(t, 2, ctu_row(t), dE_dXi(t, 3, ctu_row(t), ctu_drow(t)));
               }});
  e.push_back({"ctu.matrix_hidden_first", false, [dE_dXi](const Trace& t) {
                 return MatrixXd(dE_dXi(t, 1, ctu_row(t), ctu_drow(t)).transpose());
               }, [dE_dXi, hadamard](const Trace& t) {
                 return hadamard(t, 1, ctu_row(t), dE_dXi(t, 2, ctu_row(t), ctu_drow(t)));
               }});
  const auto W1_step = [](const Trace& t, const MatrixXd& X, const MatrixXd& D) {
    const MatrixXd g = grad([&](const MatrixXd& W1) { return ctu_E(t, 1, X * W1, D); }, M(t, "ctu.W1"));
    return MatrixXd(M(t, "ctu.W1") - S(t, "ctu.alpha") * g);
  };
  e.push_back({"ctu.matrix_update", true, [W1_step](const Trace& t) { return W1_step(t, ctu_row(t), ctu_drow(t)); }, nullptr});
  e.push_back({"ctu.batch_hidden", false, [dE_dXi](const Trace& t) { return dE_dXi(t, 2, M(t, "ctu.X"), M(t, "ctu.D")); },
               [dE_dXi, hadamard](const Trace& t) {
                 return hadamard(t, 2, M(t, "ctu.X"), dE_dXi(t, 3, M(t, "ctu.X"), M(t, "ctu.D")));
               }});
  e.push_back({"ctu.batch_weights", true, [W1_step](const Trace& t) { return W1_step(t, M(t, "ctu.X"), M(t, "ctu.D")); }, nullptr});
  const auto ctu_output = [](const Trace& t) {
    return VectorXd(tanhm(with1col(MatrixXd(ctu_Xi(t, 2, ctu_row(t)).unaryExpr([](double v) { return std::tanh(v); }))) *
                          M(t, "ctu.W3")).transpose());
  };
  e.push_back({"ctu.output_row", false, [ctu_output](const Trace& t) { return MatrixXd(ctu_output(t)); },
               [ctu_output](const Trace& t) { return std::optional<MatrixXd>(MatrixXd(with1(ctu_output(t)))); }});
  e.push_back({"ctu.animal_encoding", true, [](const Trace& t) { return encode(M(t, "animals.categories")); }, nullptr});
  e.push_back({"ctu.animal_tables", false, [](const Trace& t) { return encode(M(t, "animals.categories")); },
               [](const Trace& t) { return std::optional<MatrixXd>(M(t, "animals.one_neuron")); }});
  // ---- PD
  e.push_back({"pd.perceptron_gradient", true, [](const Trace& t) {
                 return grad([&](const MatrixXd& w) { return Jp(t, w.col(0)); }, V(t, "pd.w"));
               }, nullptr});
  e.push_back({"pd.perceptron_criterion", true, [](const Trace& t) { return scalar_m(Jp(t, V(t, "pd.w"))); }, nullptr});
  e.push_back({"pd.perceptron_scaling", false, [](const Trace& t) { return MatrixXd(signs(t, V(t, "pd.w"))); },
               [](const Trace& t) { return std::optional<MatrixXd>(signs(t, S(t, "pd.c") * V(t, "pd.w"))); }});
  e.push_back({"pd.hyperplane_distance", true, [](const Trace& t) {
                 const VectorXd& w = V(t, "plane.w");
                 const VectorXd v = -S(t, "plane.b") * w / w.squaredNorm();  // the plane's point nearest the origin
                 return scalar_m(v.dot(w) / w.norm());
               }, nullptr});
  e.push_back({"pd.tanh_forms", true, [](const Trace& t) {
                 const VectorXd c = V(t, "pd.points").unaryExpr([](double v) { return std::tanh(v); });
                 VectorXd out(2 * c.size());
                 out << c, c;
                 return MatrixXd(out);
               }, nullptr});
  e.push_back({"pd.tanh_derivative", true, [](const Trace& t) {
                 const VectorXd d = V(t, "pd.points").unaryExpr([](double v) { return 1 - std::tanh(v) * std::tanh(v); });
                 VectorXd out(2 * d.size());
                 out << d, d;
                 return MatrixXd(out);
               }, nullptr});
  e.push_back({"pd.zero_centred", true, [](const Trace& t) {
                 const Eigen::Index c = argmax(V(t, "net.t"));
                 return MatrixXd(grad([&](const MatrixXd& W2) { return neg_log_soft(x6(t, W2), c); }, M(t, "net.W2"))
                                     .unaryExpr([](double d) { return d > 0 ? 1.0 : -1.0; }));
               }, nullptr});
  e.push_back({"pd.dead_relu", true, [](const Trace& t) {
                 return grad([&](const MatrixXd& w) {
                   return ((M(t, "relu.X").transpose() * w.col(0)).array() + S(t, "relu.b")).max(0.0).sum();
                 }, V(t, "relu.w"));
               }, nullptr});
  e.push_back({"pd.elu", false, [](const Trace& t) {
                 const double alpha = S(t, "elu.alpha");
                 return scalar_m(static_cast<double>((V(t, "elu.points").array().unaryExpr([alpha](double c) {
                   return alpha * (std::exp(c) - 1);
                 }) == 0.0).count()));
               }, [](const Trace& t) {
                 return std::optional<MatrixXd>(scalar_m(static_cast<double>(V(t, "elu.points").size())));  // all zero: sparse
               }, 0.0});
  e.push_back({"pd.bce_nll", true, [](const Trace& t) {
                 const VectorXd y = sig(VectorXd(M(t, "batch.X") * V(t, "neuron.w"))), d = V(t, "batch.y");
                 return scalar_m(-(d.array() * y.array().log() + (1 - d.array()) * (1 - y.array()).log()).sum());
               }, nullptr, 1e-10});
  e.push_back({"pd.softmax_derivative", true, [](const Trace& t) {
                 const VectorXd a = x6(t, M(t, "net.W2"));
                 MatrixXd J(a.size(), a.size());
                 for (Eigen::Index i = 0; i < a.size(); ++i)
                   J.row(i) = grad([i](const MatrixXd& v) { return soft(v.col(0))[i]; }, a).transpose();
                 return J;
               }, nullptr});
  e.push_back({"pd.ce_derivative", true, [](const Trace& t) {
                 const Eigen::Index c = argmax(V(t, "net.t"));
                 return grad([c](const MatrixXd& a) { return neg_log_soft(a.col(0), c); }, x6(t, M(t, "net.W2")));
               }, nullptr});
  const auto pd_out = [](const Trace& t, const VectorXd& a_hidden, const MatrixXd& W2) {
    return VectorXd(W2 * a_hidden.unaryExpr([](double v) { return std::tanh(v); }) + V(t, "net.b2"));
  };
  const auto pd_hidden = [](const Trace& t) { return VectorXd(M(t, "net.W1") * V(t, "net.x") + V(t, "net.b1")); };
  e.push_back({"pd.output_delta", true, [pd_out, pd_hidden](const Trace& t) {
                 return MatrixXd(pd_out(t, pd_hidden(t), M(t, "net.W2")) - V(t, "net.t"));
               }, nullptr});
  e.push_back({"pd.hidden_delta", true, [pd_out, pd_hidden](const Trace& t) {
                 return grad([&](const MatrixXd& a) { return 0.5 * (pd_out(t, a.col(0), M(t, "net.W2")) - V(t, "net.t")).squaredNorm(); },
                             pd_hidden(t));
               }, nullptr});
  e.push_back({"pd.weight_gradient", true, [pd_out, pd_hidden](const Trace& t) {
                 return MatrixXd(grad([&](const MatrixXd& W2) { return 0.5 * (pd_out(t, pd_hidden(t), W2) - V(t, "net.t")).squaredNorm(); },
                                      M(t, "net.W2")).transpose());
               }, nullptr});
  e.push_back({"pd.momentum", true, [](const Trace& t) {
                 return scalar_m(-S(t, "pd.eta") * S(t, "momentum.g") / (1 - S(t, "pd.alpha")));
               }, nullptr});
  // ---- IC
  e.push_back({"ic.cross_entropy", false, [](const Trace& t) {
                 double sum = 0;
                 for (Eigen::Index i = 0; i < M(t, "ic.logits").cols(); ++i)
                   sum += neg_log_soft(M(t, "ic.logits").col(i), argmax(M(t, "ic.labels").col(i)));
                 return scalar_m(sum / static_cast<double>(M(t, "ic.logits").cols()));
               }, [](const Trace& t) {
                 // ŷ log y over one-hot y: every zero label contributes ŷ·log 0 = −∞ (ŷ > 0 from softmax).
                 Eigen::Index log_zero_terms = 0;
                 for (Eigen::Index i = 0; i < M(t, "ic.labels").size(); ++i) log_zero_terms += M(t, "ic.labels")(i) == 0.0;
                 return std::optional<MatrixXd>(scalar_m(log_zero_terms > 0 ? INFINITY : 0.0));
               }});
  e.push_back({"ic.gaussian_nll", true, [](const Trace& t) {
                 const VectorXd r = V(t, "batch.y") - M(t, "batch.X") * V(t, "neuron.w");
                 const double s2 = S(t, "ic.sigma2");
                 double sum = 0;
                 for (Eigen::Index i = 0; i < r.size(); ++i) sum += 0.5 * std::log(2 * std::numbers::pi * s2) + r[i] * r[i] / (2 * s2);
                 return scalar_m(sum);
               }, nullptr, 1e-10});
  e.push_back({"ic.sgd", true, [](const Trace& t) {
                 const MatrixXd& X = M(t, "batch.X");
                 return MatrixXd(-2.0 / static_cast<double>(X.rows()) * X.transpose() * (V(t, "batch.y") - X * V(t, "neuron.w")));
               }, nullptr});
  e.push_back({"ic.backprop", true, [](const Trace& t) {
                 const auto E = [&](const MatrixXd& W1, const VectorXd& b1) {
                   return (V(t, "net.t") - (M(t, "net.W2") * sig(VectorXd(W1 * V(t, "net.x") + b1)) + V(t, "net.b2"))).squaredNorm();
                 };
                 const MatrixXd gW = grad([&](const MatrixXd& W1) { return E(W1, V(t, "net.b1")); }, M(t, "net.W1"));
                 const MatrixXd gb = grad([&](const MatrixXd& b1) { return E(M(t, "net.W1"), b1.col(0)); }, V(t, "net.b1"));
                 MatrixXd out(gW.rows(), gW.cols() + 1);
                 out << gW, gb;
                 return out;
               }, nullptr});
  e.push_back({"ic.forward_index", false, [](const Trace& t) {
                 const VectorXd &w = V(t, "dag.w"), &z = V(t, "dag.x");
                 return scalar_m(w[2] * z[0] + w[3] * sig(w[0] * z[0] + w[1] * z[1] + w[4]) + w[5]);
               }, [](const Trace& t) {
                 const VectorXd &w = V(t, "dag.w"), &z = V(t, "dag.x");
                 return std::optional<MatrixXd>(scalar_m(w[2] * z[0] + w[5]));  // j ∈ ↑3 = {1, 2}; no link 2 → 4
               }});
  return e;
}

const std::vector<Expect>& all() {
  static const std::vector<Expect> e = expectations();
  return e;
}

// The test's own verdict on one candidate, and the checks that the trace agrees with it.
void check_candidate(const Trace& t, const Expect& x) {
  BOOST_TEST_CONTEXT(x.id) {
    BOOST_REQUIRE(t.has(x.id));
    const MatrixXd reference = x.reference(t);
    // The trace's independent computation is the same number as this file's.
    BOOST_TEST(agree(as_m(t.value(x.id + ".check")), reference, std::max(x.tol, 1e-6)));
    // This file's verdict: the slide's formula (evaluated here where given) against the reference.
    bool own = false;
    if (x.as_written) {
      const std::optional<MatrixXd> printed = x.as_written(t);
      own = printed && agree(*printed, reference, x.tol);
      if (!printed) {
        BOOST_TEST(std::holds_alternative<nnwb::Verdict>(t.value(x.id + ".slide")));  // the shapes, named
      } else if (printed->allFinite()) {
        BOOST_TEST(agree(as_m(t.value(x.id + ".slide")), *printed, 1e-6));  // the trace evaluates it as printed
      }
    } else {
      own = agree(as_m(t.value(x.id + ".slide")), reference, x.tol);
    }
    BOOST_TEST(own == x.holds);
    BOOST_TEST(verdict(t, x.id).holds == x.holds);
    BOOST_TEST(verdict(t, x.id).text.rfind(x.holds ? "holds" : "does not hold", 0) == 0u);
    if (!x.holds) {
      // Every "does not hold" carries a corrected form, and it holds against this file's reference.
      BOOST_REQUIRE(t.has(x.id + ".corrected"));
      BOOST_TEST(agree(as_m(t.value(x.id + ".corrected")), reference, std::max(x.tol, 1e-6)));
      BOOST_TEST(verdict(t, x.id + ".corrected_holds").holds);
      BOOST_TEST(verdict(t, x.id).text.find("Corrected:") != std::string::npos);
    } else {
      BOOST_TEST(!t.has(x.id + ".corrected"));
    }
  }
}

std::vector<std::string> candidates_of(const Trace& t) {
  std::vector<std::string> ids;
  for (const auto& s : t.steps())
    if (t.has(s.id + ".slide")) ids.push_back(s.id);
  return ids;
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_candidate_is_judged_here_and_nothing_is_left_out) {
  const Trace t = nnwb::chapters::errata({});
  std::set<std::string> expected, seen;
  for (const auto& x : all()) expected.insert(x.id);
  for (const auto& id : candidates_of(t)) seen.insert(id);
  BOOST_TEST(expected == seen, boost::test_tools::per_element());
  BOOST_TEST(all().size() >= 50u);
  std::size_t failing = 0;
  for (const auto& x : all()) failing += x.holds ? 0 : 1;
  BOOST_TEST(scalar(t, "tally.candidates") == static_cast<double>(all().size()));
  BOOST_TEST(scalar(t, "tally.not_holding") == static_cast<double>(failing));
  BOOST_TEST(verdict(t, "tally.corrected").holds);
}

// One file per deck (errata_edi.cpp … errata_ic.cpp), called in the decks' order: every candidate's id
// starts with its deck, the decks come in the order EDI, BMB, CTU, PD, IC, and each candidate makes the
// steps errata_parts.hpp's add() promises: .slide, .check, the verdict, and where the slide's formula
// does not hold, .corrected and .corrected_holds.
BOOST_AUTO_TEST_CASE(each_deck_file_adds_its_candidates_in_the_decks_order) {
  const Trace t = nnwb::chapters::errata({});
  const std::vector<std::string> decks = {"edi.", "bmb.", "ctu.", "pd.", "ic."};
  std::size_t deck = 0;
  std::vector<std::size_t> per_deck(decks.size(), 0);
  for (const auto& id : candidates_of(t)) {
    while (deck < decks.size() && id.rfind(decks[deck], 0) != 0) ++deck;
    BOOST_TEST_REQUIRE(deck < decks.size(), id << " is out of the decks' order or has no deck");
    ++per_deck[deck];
    BOOST_TEST(t.has(id + ".slide"));
    BOOST_TEST(t.has(id + ".check"));
    const bool holds = verdict(t, id).holds;
    BOOST_TEST(t.has(id + ".corrected") == !holds, id);
    BOOST_TEST(t.has(id + ".corrected_holds") == !holds, id);
  }
  for (std::size_t k = 0; k < decks.size(); ++k) BOOST_TEST(per_deck[k] > 0u, decks[k] << " has no candidate");
}

BOOST_DATA_TEST_CASE(each_verdict_reached_independently, bdata::xrange(0, 6), k) {
  const Trace t = nnwb::chapters::errata(variant(k));
  BOOST_TEST_CONTEXT("variant " << k) {
    for (const auto& x : all()) check_candidate(t, x);
  }
}

BOOST_AUTO_TEST_CASE(verdicts_are_the_same_on_every_seed) {
  const Trace base = nnwb::chapters::errata({});
  for (int k = 1; k <= 12; ++k) {
    const Trace t = nnwb::chapters::errata(variant(k));
    BOOST_TEST_CONTEXT("seed " << k) {
      for (const auto& id : candidates_of(base)) BOOST_TEST(verdict(t, id).holds == verdict(base, id).holds, id);
    }
  }
}

BOOST_AUTO_TEST_CASE(the_slides_printed_numbers) {
  const Trace t = nnwb::chapters::errata({});
  // BMB "Backpropagation: Another Example": w0 = 2, x0 = −1, w1 = −3, x1 = −2, w2 = −3 → x = 1, σ = 0.73,
  // (1 − 0.73)(0.73) = 0.2; "x0: [0.2] × [2] = 0.4", "w0: [0.2] × [−1] = −0.2".
  BOOST_TEST((V(t, "bmb.gate") == (VectorXd(5) << 2, -1, -3, -2, -3).finished()));
  BOOST_TEST(std::round(10 * vec(t, "bmb.sigmoid_local.slide")[1]) / 10 == 0.2);
  BOOST_TEST(std::round(10 * vec(t, "bmb.gate_gradients.slide")[1]) / 10 == 0.4);   // grad_x0
  BOOST_TEST(std::round(10 * vec(t, "bmb.gate_gradients.slide")[0]) / 10 == -0.2);  // grad_w0
  // BMB "Backpropagation: Simple Example": x = −2, y = 5, z = −4 → ∂f/∂x = ∂f/∂y = −4, ∂f/∂z = 3.
  BOOST_TEST((vec(t, "bmb.simple_example.slide") == Eigen::Vector3d(-4, -4, 3)));
  BOOST_TEST(S(t, "bmb.epsilon") == 1e-4);  // "Implementational Details": ε ≅ 10⁻⁴
  // CTU "Neural Network with a Single Layer of Neurons": the text table, the data table and the
  // one-neuron table, typed from the deck.
  MatrixXd data(4, 3), one_neuron(4, 3);
  data << -1, 0, -1, 1, 1, -1, -1, -1, 1, 0, 0, -1;
  one_neuron << -1, 0, -1, 0, 1, -1, -1, -1, 1, 0, 0, -1;
  BOOST_TEST((M(t, "animals.table") == data));
  BOOST_TEST((M(t, "animals.one_neuron") == one_neuron));
  MatrixXd categories(4, 3);  // Small Short No; Large Long No; Small None Yes; Medium Short No
  categories << 0, 1, 0, 2, 2, 0, 0, 0, 1, 1, 1, 0;
  BOOST_TEST((M(t, "animals.categories") == categories));
  BOOST_TEST((encode(categories) == data));
  // The tables differ in one entry: row 2 (the Dog), Size.
  BOOST_TEST((one_neuron - data).cwiseAbs().sum() == 1.0);
  BOOST_TEST(one_neuron(1, 0) == 0.0);
  // CTU "Multidimensional Linear Regression": the printed row −1.3, −0.5, −0.2.
  BOOST_TEST((M(t, "reg.inputs").row(0) == Eigen::RowVector3d(-1.3, -0.5, -0.2)));
}

BOOST_AUTO_TEST_CASE(the_wrong_formulas_are_wrong_by_the_expected_factors) {
  for (int k = 0; k < 4; ++k) {
    const Trace t = nnwb::chapters::errata(variant(k));
    BOOST_TEST_CONTEXT("variant " << k) {
      // CTU's λ² form is λ times the derivative; BMB's δ⁽⁴⁾ is −½ of ∂J/∂z for J = (y − h)²; BMB's
      // ∂J/∂W label has the wrong sign; BMB's gradient check is ε times the gradient, about.
      const auto tol = boost::test_tools::tolerance(1e-6);
      BOOST_TEST(scalar(t, "ctu.tanh.slide") / scalar(t, "ctu.tanh.check") == S(t, "ctu.lambda"), tol);
      const VectorXd ratio = vec(t, "bmb.delta4.slide").cwiseQuotient(vec(t, "bmb.delta4.check"));
      for (Eigen::Index i = 0; i < ratio.size(); ++i) BOOST_TEST(ratio[i] == -0.5, tol);
      BOOST_TEST(agree(mat(t, "bmb.dJ_dW.slide"), -mat(t, "bmb.dJ_dW.check"), 1e-6));
      const MatrixXd r = mat(t, "bmb.gradient_check.slide").cwiseQuotient(mat(t, "bmb.gradient_check.check"));
      BOOST_TEST((r.array() / S(t, "bmb.epsilon") - 1).abs().maxCoeff() < 0.05);
      // EDI's f₆ is −L; PD's negative constant flips every output.
      BOOST_TEST(scalar(t, "edi.f6.slide") == -scalar(t, "edi.f6.check"), tol);
      BOOST_TEST((vec(t, "pd.perceptron_scaling.slide") == -vec(t, "pd.perceptron_scaling.check")));
      // CTU's first-layer matrix delta has n₁ + 1 entries, and even without the bias entry it is wrong.
      BOOST_TEST(vec(t, "ctu.matrix_hidden_first.slide").size() == vec(t, "ctu.matrix_hidden_first.check").size() + 1);
      BOOST_TEST(!verdict(t, "ctu.matrix_hidden_first.without_bias").holds);
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
