// The harness of the C++ code exercises: reads the calls on standard input (the protocol of
// lib/teaching/include/nnwb/code_exercise.hpp), calls the student's functions, and writes each
// call's results on its own channel, the original standard output; what the student's code prints
// to standard output goes to standard error instead. Compiled once per build (harness.o) and
// linked with each submission in the sandbox; every function is declared weak, so a submission
// defines only the functions of its exercise, and a call of one it lacks gets an error.
#define NNWB_CODE_FUNCTION __attribute__((weak))
#include "nnwb_code.hpp"

#include <cstdio>
#include <functional>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <unistd.h>
#include <utility>
#include <vector>

namespace {

// One argument as it came: its kind (s, v, m), shape and entries, row by row.
struct Wire {
  char kind = 's';
  long rows = 1, cols = 1;
  std::vector<double> values;
};

template <class T>
struct From;
template <>
struct From<double> {
  static double get(const Wire& w) { return w.values.at(0); }
};
template <>
struct From<Vector> {
  static Vector get(const Wire& w) { return Eigen::Map<const Vector>(w.values.data(), static_cast<Eigen::Index>(w.values.size())); }
};
template <>
struct From<Matrix> {
  static Matrix get(const Wire& w) {
    Matrix m(w.rows, w.cols);
    for (long r = 0; r < w.rows; ++r)
      for (long c = 0; c < w.cols; ++c) m(r, c) = w.values.at(static_cast<std::size_t>(r * w.cols + c));
    return m;
  }
};

std::string number(double x) {
  char text[40];
  std::snprintf(text, sizeof text, "%.17g", x);
  return text;
}

void put(std::string& out, double x) { out += "1 1 " + number(x) + "\n"; }
void put(std::string& out, const Matrix& m) {
  out += std::to_string(m.rows()) + " " + std::to_string(m.cols());
  for (Eigen::Index r = 0; r < m.rows(); ++r)
    for (Eigen::Index c = 0; c < m.cols(); ++c) out += " " + number(m(r, c));
  out += "\n";
}
void put(std::string& out, const Vector& v) { put(out, Matrix(v)); }
template <class... R>
void put(std::string& out, const std::tuple<R...>& results) {
  std::apply([&](const auto&... r) { (put(out, r), ...); }, results);
}

template <class R>
constexpr std::size_t result_count = 1;
template <class... R>
constexpr std::size_t result_count<std::tuple<R...>> = sizeof...(R);

using Handler = std::function<std::string(const std::vector<Wire>&)>;

template <class R, class... A, std::size_t... I>
std::string invoke(R (*f)(A...), const std::vector<Wire>& args, std::index_sequence<I...>) {
  const R result = f(From<std::decay_t<A>>::get(args[I])...);
  std::string out = " " + std::to_string(result_count<R>) + "\n";
  put(out, result);
  return out;
}

template <class R, class... A>
Handler adapt(const char* name, R (*f)(A...)) {
  return [name, f](const std::vector<Wire>& args) -> std::string {
    if (f == nullptr)
      throw std::runtime_error(std::string("your file does not define ") + name +
                               " (with the declaration of nnwb_code.hpp, outside any namespace)");
    if (args.size() != sizeof...(A)) throw std::runtime_error("the call has the wrong number of arguments");
    return invoke(f, args, std::index_sequence_for<A...>{});
  };
}

#define NNWB_FUNCTION(name) {#name, adapt(#name, &name)}
const std::map<std::string, Handler>& functions() {
  static const std::map<std::string, Handler> table = {
      NNWB_FUNCTION(perceptron_update), NNWB_FUNCTION(tanh_derivative),    NNWB_FUNCTION(sigmoid_derivative),
      NNWB_FUNCTION(softmax),           NNWB_FUNCTION(softmax_jacobian),   NNWB_FUNCTION(softmax_ce_loss),
      NNWB_FUNCTION(softmax_ce_gradient), NNWB_FUNCTION(mse_output_delta), NNWB_FUNCTION(ce_output_delta),
      NNWB_FUNCTION(gate_forward),      NNWB_FUNCTION(gate_backward),      NNWB_FUNCTION(sigmoid_layer_delta),
      NNWB_FUNCTION(two_layer_loss),    NNWB_FUNCTION(two_layer_backward),
  };
  return table;
}
#undef NNWB_FUNCTION

std::string one_line(std::string text) {
  for (char& c : text)
    if (c == '\n' || c == '\r') c = ' ';
  return text.empty() ? "(no message)" : text;
}

}  // namespace

int main() {
  // The results' channel: the original standard output. The student's printing goes to standard error.
  const int channel_fd = ::dup(1);
  if (channel_fd < 0 || ::dup2(2, 1) < 0) return 3;
  FILE* channel = ::fdopen(channel_fd, "w");
  if (channel == nullptr) return 3;

  std::string header;
  std::size_t count = 0;
  int version = 0;
  if (!(std::cin >> header >> version >> count) || header != "nnwb-code" || version != 1) return 4;
  for (std::size_t n = 0; n < count; ++n) {
    std::string word, name;
    std::size_t index = 0, arguments = 0, results = 0;
    if (!(std::cin >> word >> index >> name >> arguments >> results) || word != "call") return 4;
    std::vector<Wire> args(arguments);
    for (Wire& w : args) {
      if (!(std::cin >> w.kind >> w.rows >> w.cols) || w.rows < 0 || w.cols < 0) return 4;
      w.values.resize(static_cast<std::size_t>(w.rows * w.cols));
      for (double& x : w.values) {
        std::string text;
        if (!(std::cin >> text)) return 4;
        x = std::strtod(text.c_str(), nullptr);
      }
    }
    std::string answer;
    try {
      const auto it = functions().find(name);
      if (it == functions().end()) throw std::runtime_error("the harness has no function " + name);
      answer = "result " + std::to_string(index) + it->second(args);
    } catch (const std::exception& error) {
      answer = "error " + std::to_string(index) + " " + one_line(error.what()) + "\n";
    } catch (...) {
      answer = "error " + std::to_string(index) + " an exception that is not a std::exception\n";
    }
    std::fputs(answer.c_str(), channel);
    std::fflush(channel);  // each call as soon as it is answered: a later crash loses nothing before it
  }
  std::fclose(channel);
  return 0;
}
