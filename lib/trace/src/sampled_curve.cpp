// A function sampled at evenly spaced points as a Curve; see sampled_curve.hpp.
#include "nnwb/sampled_curve.hpp"

#include <cmath>
#include <stdexcept>

namespace nnwb {

std::vector<double> evenly_spaced(AxisRange range, int count) {
  const auto [low, high] = range;
  if (count < 2) throw std::invalid_argument("evenly_spaced: count must be at least 2");
  if (!std::isfinite(low) || !std::isfinite(high) || !(low < high))
    throw std::invalid_argument("evenly_spaced: the range must be a finite interval with low < high");
  std::vector<double> x(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i)
    x[static_cast<std::size_t>(i)] = low + (high - low) * i / (count - 1);  // x_i = low + (high − low)·i/(n − 1)
  x.back() = high;  // exactly the end, whatever the rounding of the last quotient
  return x;
}

Curve sample_curve(std::string title, const std::function<double(double)>& f, AxisRange range, int count) {
  Curve curve{.title = std::move(title), .x = evenly_spaced(range, count), .y = {}};
  curve.y.reserve(curve.x.size());
  for (double x : curve.x) curve.y.push_back(f(x));  // y_i = f(x_i)
  return curve;
}

}  // namespace nnwb
