#pragma once
/// @file sampled_curve.hpp
/// A function of one number drawn as a Curve (figure.hpp): its values at evenly spaced points.
/// Chapters use it to plot activation functions and their derivatives, so that the points of a
/// figure are computed by the library from the chapter's parameters, never typed in.
///
/// Example:
/// @code
/// const nnwb::Activation g = nnwb::Activation::sigmoid(2.0);
/// nnwb::Curve value = nnwb::sample_curve("σ(2a)", [&](double a) { return g.value(a); }, {-5, 5}, 401);
/// @endcode

#include <functional>
#include <string>
#include <vector>

#include "nnwb/figure.hpp"

namespace nnwb {

/// `count` evenly spaced points over [low, high], both ends included:
///   x_i = low + (high − low)·i / (count − 1),  i = 0, …, count − 1.
/// Computed as (high − low)·i first and divided second, so that for a range symmetric about 0 and
/// an odd count the middle point is exactly 0 (where the kinks of ReLU and its kin are).
/// Throws std::invalid_argument if count < 2 or the range is not a finite interval with low < high.
std::vector<double> evenly_spaced(AxisRange range, int count);

/// The curve (x_i, f(x_i)) over evenly_spaced(range, count), drawn with lines.
Curve sample_curve(std::string title, const std::function<double(double)>& f, AxisRange range, int count);

}  // namespace nnwb
