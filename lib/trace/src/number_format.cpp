// Numbers and values as text or LaTeX, shared by the three renderers.
#include "nnwb/detail/number_format.hpp"

#include <cmath>
#include <fmt/format.h>
#include <stdexcept>

namespace nnwb::detail {

std::string format_exact(double x) { return fmt::format("{}", x); }  // shortest round-trip

std::string format_number(double x, const Rounding& rounding) {
  if (std::isnan(x)) return "NaN";
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  if (x == std::trunc(x) && std::abs(x) < 1e15)  // an integer prints as one, whatever the rounding
    return fmt::format("{}", static_cast<long long>(x));
  std::string s;
  if (rounding.mode == Rounding::Mode::decimals) {
    s = fmt::format("{:.{}f}", x, rounding.digits);
    if (std::abs(x) < 0.5 * std::pow(10.0, -rounding.digits) )  // too small for the decimals
      s = fmt::format("{:.{}g}", x, std::max(1, rounding.digits));
  } else {
    s = fmt::format("{:.{}g}", x, std::max(1, rounding.digits));
  }
  if (s.find_first_not_of("-0.") == std::string::npos) return std::string(1, '0');  // −0.00 → 0
  return s;
}

std::string format_number_latex(double x, const Rounding& rounding) {
  std::string s = format_number(x, rounding);
  const auto e = s.find('e');
  if (e == std::string::npos) return s;
  const int exponent = std::stoi(s.substr(e + 1));
  return fmt::format("{}\\times 10^{{{}}}", s.substr(0, e), exponent);
}

namespace {
template <typename FormatScalar>
std::string join_vector(const Eigen::VectorXd& v, FormatScalar f, std::string_view sep) {
  std::string out;
  for (Eigen::Index i = 0; i < v.size(); ++i) {
    if (i) out += sep;
    out += f(v[i]);
  }
  return out;
}
}  // namespace

std::string format_value_inline(const Value& value, const Rounding& rounding) {
  const auto num = [&](double x) { return format_number(x, rounding); };
  switch (kind_of(value)) {
    case ValueKind::scalar: return num(std::get<double>(value));
    case ValueKind::vector: return "[" + join_vector(std::get<Eigen::VectorXd>(value), num, ", ") + "]";
    case ValueKind::matrix: {
      const auto& m = std::get<Eigen::MatrixXd>(value);
      std::string out = "[";
      for (Eigen::Index i = 0; i < m.rows(); ++i) {
        if (i) out += ", ";
        out += "[" + join_vector(m.row(i).transpose(), num, ", ") + "]";
      }
      return out + "]";
    }
    case ValueKind::verdict: {
      const auto& v = std::get<Verdict>(value);
      return (v.holds ? "yes: " : "no: ") + v.text;
    }
  }
  return {};
}

std::string format_value_latex(const Value& value, const Rounding& rounding) {
  const auto num = [&](double x) { return format_number_latex(x, rounding); };
  switch (kind_of(value)) {
    case ValueKind::scalar: return num(std::get<double>(value));
    case ValueKind::vector:
      return "\\begin{pmatrix}" + join_vector(std::get<Eigen::VectorXd>(value), num, " \\\\ ") +
             "\\end{pmatrix}";
    case ValueKind::matrix: {
      const auto& m = std::get<Eigen::MatrixXd>(value);
      std::string out = "\\begin{bmatrix}";
      for (Eigen::Index i = 0; i < m.rows(); ++i) {
        if (i) out += " \\\\ ";
        out += join_vector(m.row(i).transpose(), num, " & ");
      }
      return out + "\\end{bmatrix}";
    }
    case ValueKind::verdict: {
      const auto& v = std::get<Verdict>(value);
      return std::string("\\text{") + (v.holds ? "yes" : "no") + "}";
    }
  }
  return {};
}

std::string substitute(const std::string& templ, const Trace& trace, const Step& step,
                       std::string (*format)(const Value&, const Rounding&), const Rounding& rounding) {
  std::string out;
  std::size_t pos = 0;
  while (true) {
    const auto open = templ.find("[[", pos);
    if (open == std::string::npos) break;
    const auto close = templ.find("]]", open + 2);
    if (close == std::string::npos)
      throw std::invalid_argument(fmt::format("step '{}': '[[' without ']]' in its numbers", step.id));
    out.append(templ, pos, open - pos);
    const std::string name = templ.substr(open + 2, close - open - 2);
    const Value& v = trace.value(name);
    std::string text = format(v, rounding);
    // A negative number gets parentheses, unless the template already puts it between them.
    const bool enclosed = open > 0 && templ[open - 1] == '(' && close + 2 < templ.size() && templ[close + 2] == ')';
    if (kind_of(v) == ValueKind::scalar && std::get<double>(v) < 0 && text != "0" && !enclosed) text = "(" + text + ")";
    out += text;
    pos = close + 2;
  }
  out.append(templ, pos);
  return out;
}

}  // namespace nnwb::detail
