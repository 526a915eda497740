#pragma once
// The exercises of the workbook, in catalogue order. Each file in exercises/ is named after the
// chapter whose derivation it asks, and adds that chapter's exercises to the list.

#include <cmath>
#include <span>
#include <string_view>
#include <vector>

#include "nnwb/exercise.hpp"

namespace nnwb::exercises {

// One per chapter file; each appends its exercises.
void perceptron(std::vector<Exercise>& out);         // 1
void mse_vs_ce(std::vector<Exercise>& out);          // 2
void softmax_jacobian(std::vector<Exercise>& out);   // 3
void tanh_derivative(std::vector<Exercise>& out);    // 4
void delta_recursion(std::vector<Exercise>& out);    // 5
void graph_xyz(std::vector<Exercise>& out);          // 6
void graph_neuron(std::vector<Exercise>& out);       // 6
void neuron_geometry(std::vector<Exercise>& out);    // 7
void xnor_mlp(std::vector<Exercise>& out);           // 9
void sigmoid_posterior(std::vector<Exercise>& out);  // 11
void single_neuron_gd(std::vector<Exercise>& out);   // 12
void linear_regression(std::vector<Exercise>& out);  // 14
void matrix_graph(std::vector<Exercise>& out);       // 16

/// What a mistake computes where a student's own earlier answers, fed to it in whatever shape they
/// came, do not fit its formula: no value (rows × cols of NaN), instead of an Eigen assertion.
inline Eigen::MatrixXd no_value(Eigen::Index rows, Eigen::Index cols) {
  return Eigen::MatrixXd::Constant(rows, cols, std::nan(""));
}

/// Every exercise, in catalogue order.
std::span<const Exercise> all();
/// The exercise with this id; throws std::out_of_range naming the id and listing the others.
const Exercise& find(std::string_view id);

}  // namespace nnwb::exercises
