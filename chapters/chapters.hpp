#pragma once
// The chapters of the workbook, in catalogue order (../shared/CATALOGUE.md). Each builder lives in
// the file of the same name in chapters/.

#include <span>
#include <string_view>

#include "nnwb/chapter.hpp"

namespace nnwb::chapters {

Trace perceptron(const ChapterOptions& options);               // 1
Trace mse_vs_ce(const ChapterOptions& options);                // 2
Trace softmax_jacobian(const ChapterOptions& options);         // 3
Trace tanh_derivative(const ChapterOptions& options);          // 4
Trace delta_recursion(const ChapterOptions& options);          // 5
Trace graph_xyz(const ChapterOptions& options);                // 6
Trace graph_neuron(const ChapterOptions& options);             // 6
Trace neuron_geometry(const ChapterOptions& options);          // 7
Trace logic_units(const ChapterOptions& options);              // 8
Trace xnor_mlp(const ChapterOptions& options);                 // 9
Trace activations(const ChapterOptions& options);              // 10
Trace sigmoid_posterior(const ChapterOptions& options);        // 11
Trace single_neuron_gd(const ChapterOptions& options);         // 12
Trace single_layer(const ChapterOptions& options);             // 13
Trace linear_regression(const ChapterOptions& options);        // 14
Trace max_likelihood(const ChapterOptions& options);           // 15
Trace matrix_graph(const ChapterOptions& options);             // 16
Trace dag_backprop(const ChapterOptions& options);             // 17
Trace training(const ChapterOptions& options);                 // 18
Trace gradient_check(const ChapterOptions& options);           // 19
Trace universal_approximation(const ChapterOptions& options);  // 20
Trace errata(const ChapterOptions& options);                   // 21

/// Every chapter, in catalogue order.
std::span<const Chapter> catalogue();
/// The chapter with this short name; throws std::out_of_range if there is none.
const Chapter& find(std::string_view id);

}  // namespace nnwb::chapters
