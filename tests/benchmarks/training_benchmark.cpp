// BMB's training loop ("Training of Neural Network with Backpropagation", 001_86790086ad6a4e65.txt)
// at the slide's size, N = 64, D_in = 1000, H = 100, D_out = 10, 2000 iterations at η = 1e−4: once
// on the library (Mlp + Sgd, as chapters/training.cpp runs it) and once as a hand-written Eigen loop
// doing the same arithmetic in the slide's own row layout, with its buffers allocated once and a
// vectorised exp. Each benchmark iteration runs all 2000 updates from the same starting weights.
// The final loss of each run is reported as a counter: the two must agree.
//
// The third reference is the slide's own numpy loop (training_benchmark_numpy.py, beside this file)
// on the same starting weights, run as a child process by BM_numpy_openblas_loop with numpy and
// OpenBLAS as Debian ships them (python3-numpy, libopenblas0-pthread, python3-threadpoolctl),
// OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset so that OpenBLAS picks its own kernel, one thread.
// Its time is the loop's alone, measured by the script; its label names the kernel threadpoolctl saw.
//
// All three are built and run at the machine's full instruction set (-march=native, AVX-512 where
// the machine has it):
//   cmake -S . -B build-rel -DCMAKE_BUILD_TYPE=Release && cmake --build build-rel --target nnwb_benchmarks
//   ./build-rel/tests/nnwb_benchmarks --benchmark_repetitions=3
#include <benchmark/benchmark.h>

#include <Eigen/Core>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <unistd.h>

#include "nnwb/mlp.hpp"
#include "nnwb/optimiser.hpp"
#include "nnwb/random.hpp"

namespace {

constexpr Eigen::Index N = 64, D_in = 1000, H = 100, D_out = 10;
constexpr int iterations = 2000;
constexpr double eta = 1e-4;

// x, y = randn(N, D_in), randn(N, D_out); w1, w2 = randn(D_in, H), randn(H, D_out), drawn row by
// row from the library's portable normal (as the chapter draws them).
struct Problem {
  Eigen::MatrixXd x, y, w1, w2;
};
Eigen::MatrixXd randn(nnwb::Rng& rng, Eigen::Index rows, Eigen::Index cols) {
  Eigen::MatrixXd m(rows, cols);
  for (Eigen::Index i = 0; i < rows; ++i)
    for (Eigen::Index j = 0; j < cols; ++j) m(i, j) = rng.normal();
  return m;
}
const Problem& problem() {
  static const Problem p = [] {
    nnwb::Rng rng(2024);
    Problem q;
    q.x = randn(rng, N, D_in);
    q.y = randn(rng, N, D_out);
    q.w1 = randn(rng, D_in, H);
    q.w2 = randn(rng, H, D_out);
    return q;
  }();
  return p;
}

// The library: W₁ = w1ᵀ, W₂ = w2ᵀ, biases 0 and fixed, the summed squared error, full batch.
double library_loop(const Problem& p) {
  nnwb::Mlp net({{p.w1.transpose(), Eigen::VectorXd::Zero(H), nnwb::Activation::sigmoid()},
                 {p.w2.transpose(), Eigen::VectorXd::Zero(D_out), nnwb::Activation::identity()}});
  nnwb::Sgd sgd(net, {.learning_rate = eta, .update_biases = false, .loss = nnwb::Loss::squared_error});
  const Eigen::MatrixXd X = p.x.transpose(), Y = p.y.transpose();  // one sample per column
  double loss = 0.0;
  for (int t = 0; t < iterations; ++t) loss = sgd.step(X, Y);
  return loss;
}

// By hand: the slide's NumPy lines in Eigen, rows are samples, buffers allocated once.
double hand_loop(const Problem& p) {
  Eigen::MatrixXd w1 = p.w1, w2 = p.w2;
  Eigen::MatrixXd h(N, H), y_pred(N, D_out), grad_y_pred(N, D_out), grad_w2(H, D_out), grad_h(N, H), grad_w1(D_in, H);
  double loss = 0.0;
  for (int t = 0; t < iterations; ++t) {
    h.noalias() = p.x * w1;
    h.array() = 1.0 / (1.0 + (-h.array()).exp());  // h = 1/(1 + exp(−x·w1))
    y_pred.noalias() = h * w2;                      // y_pred = h·w2
    loss = (y_pred - p.y).squaredNorm();            // loss = Σ(y_pred − y)²
    grad_y_pred = 2.0 * (y_pred - p.y);
    grad_w2.noalias() = h.transpose() * grad_y_pred;
    grad_h.noalias() = grad_y_pred * w2.transpose();
    grad_h.array() *= h.array() * (1.0 - h.array());  // grad_h ∘ h ∘ (1 − h)
    grad_w1.noalias() = p.x.transpose() * grad_h;
    w1 -= eta * grad_w1;
    w2 -= eta * grad_w2;
  }
  return loss;
}

void BM_library_loop(benchmark::State& state) {
  const Problem& p = problem();
  double loss = 0.0;
  for (auto _ : state) benchmark::DoNotOptimize(loss = library_loop(p));
  state.counters["final_loss"] = loss;
}

void BM_hand_written_eigen_loop(benchmark::State& state) {
  const Problem& p = problem();
  double loss = 0.0;
  for (auto _ : state) benchmark::DoNotOptimize(loss = hand_loop(p));
  state.counters["final_loss"] = loss;
}

// The slide's numpy loop in a child process; the script reports the seconds of its 2000 iterations.
void BM_numpy_openblas_loop(benchmark::State& state) {
  const Problem& p = problem();
  const std::string file = "/tmp/nnwb_training_benchmark_" + std::to_string(::getpid()) + ".f64";
  {
    std::ofstream out(file, std::ios::binary);
    for (const Eigen::MatrixXd* m : {&p.x, &p.y, &p.w1, &p.w2}) {
      const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> rows = *m;  // numpy's order
      out.write(reinterpret_cast<const char*>(rows.data()), static_cast<std::streamsize>(rows.size() * sizeof(double)));
    }
  }
  const std::string command = "env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS=1 /usr/bin/python3 '" NNWB_BENCHMARK_DIR
                              "/training_benchmark_numpy.py' '" + file + "'";
  nlohmann::json report;
  for (auto _ : state) {
    std::string out;
    if (FILE* child = ::popen(command.c_str(), "r")) {
      char buffer[4096];
      for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, child)) > 0;) out.append(buffer, n);
      if (::pclose(child) != 0) out.clear();
    }
    report = nlohmann::json::parse(out, nullptr, false);
    if (!report.is_object() || !report.contains("seconds")) {
      state.SkipWithError("the numpy loop did not run (needs python3-numpy, python3-threadpoolctl)");
      break;
    }
    state.SetIterationTime(report["seconds"].get<double>());
  }
  std::remove(file.c_str());
  if (!report.is_object() || !report.contains("final_loss")) return;
  state.counters["final_loss"] = report["final_loss"].get<double>();
  std::string label = "numpy " + report["numpy"].get<std::string>();
  for (const auto& blas : report["blas"])
    label += ", " + blas.value("internal_api", std::string("?")) + " " + blas.value("version", std::string("?")) +
             " kernel " + blas.value("architecture", std::string("?")) + ", " +
             std::to_string(blas.value("num_threads", 0)) + " thread(s)";
  state.SetLabel(label);
}

BENCHMARK(BM_library_loop)->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(BM_hand_written_eigen_loop)->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(BM_numpy_openblas_loop)->Unit(benchmark::kMillisecond)->Iterations(1)->UseManualTime();

}  // namespace

// Before timing: both loops once, their final losses printed in full, so that agreement can be read
// off beyond the counters' six digits.
int main(int argc, char** argv) {
  const double library = library_loop(problem()), hand = hand_loop(problem());
  std::printf("final loss after %d iterations: library %.17g, hand-written %.17g, relative gap %.2e\n", iterations,
              library, hand, std::abs(library - hand) / std::abs(hand));
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
