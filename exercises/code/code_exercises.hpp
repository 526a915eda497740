#pragma once
// The code exercises of the workbook (issue 13), in catalogue order: the student writes a function,
// in C++ (nnwb_code.hpp declares it) or in Python, and each result it gives is graded as a step of
// the chapter's trace. Each file here is named after the function it asks for, and adds that
// exercise to the list; the reference solutions are in solutions/code/ under the same names.

#include <span>
#include <string_view>
#include <vector>

#include "nnwb/code_exercise.hpp"

namespace nnwb::exercises::code {

// One per file, in chapter order; each appends its exercise.
void perceptron_update(std::vector<CodeExercise>& out);       // chapter 1, perceptron
void output_delta(std::vector<CodeExercise>& out);            // chapter 2, mse_vs_ce
void softmax(std::vector<CodeExercise>& out);                 // chapter 3, softmax_jacobian
void softmax_ce(std::vector<CodeExercise>& out);              // chapter 3, softmax_jacobian
void activation_derivatives(std::vector<CodeExercise>& out);  // chapter 4, tanh_derivative
void delta_layer(std::vector<CodeExercise>& out);             // chapter 5, delta_recursion
void two_layer_backward(std::vector<CodeExercise>& out);      // chapter 5, delta_recursion
void gate(std::vector<CodeExercise>& out);                    // chapter 6, graph_xyz

/// Every code exercise, in catalogue order.
std::span<const CodeExercise> all_code();
/// The code exercise with this id ("code.softmax"); throws std::out_of_range naming the id and
/// listing the others.
const CodeExercise& find_code(std::string_view id);

}  // namespace nnwb::exercises::code
