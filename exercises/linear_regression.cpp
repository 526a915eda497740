// Exercises on chapter 14, linear_regression: the linear network Y = XW trained by CTU's batch
// gradient descent (CTU "Linear Neural Network", "Multidimensional Linear Regression", "General
// Batch Gradient Descent Algorithm (Batch GD)").
//
// linear_regression.gd: from the input matrix X (bias column included), D, W(0) and α on the sheet,
// the student computes the error E_SSE(W(0)), the gradient −Xᵀ(D − XW(0)), one step
// W(1) = W(0) − α ∂E/∂W, and then E_SSE(W(1)) and the gradient at W(1).
//
// E_SSE = ½ Σ_p Σ_j (d_pj − y_pj)² is a sum over the samples (no 1/N): averaging is named as a mistake.
#include <Eigen/Core>
#include <cmath>
#include <string>

#include "chapters.hpp"
#include "exercises.hpp"

namespace nnwb::exercises {
namespace {

// ½‖D − XW‖² without the ½: the mistake.
double squared_error_sum(const Eigen::MatrixXd& x, const Eigen::MatrixXd& w, const Eigen::MatrixXd& d) {
  if (x.cols() != w.rows() || x.rows() != d.rows() || w.cols() != d.cols()) return std::nan("");
  return (d - x * w).squaredNorm();
}

// +Xᵀ(D − XW), the gradient with its sign flipped; NaN where the shapes do not fit.
Eigen::MatrixXd ascent_direction(const Eigen::MatrixXd& x, const Eigen::MatrixXd& w, const Eigen::MatrixXd& d) {
  if (x.cols() != w.rows() || x.rows() != d.rows() || w.cols() != d.cols())
    return no_value(w.rows(), w.cols());
  return x.transpose() * (d - x * w);
}

// Mistakes shared by the two SSE steps and the two gradient steps at W(t).
void sse_mistakes(AskedStep& step, const std::string& w) {
  step.mistake("half_dropped", "E_SSE carries CTU's ½: E_SSE = ½ Σ_p Σ_j (d_pj − y_pj)²", {"data.x", w, "d"},
               // Σ (d − y)²
               [w](const Inputs& in) -> Value {
                 return squared_error_sum(in.matrix("data.x"), in.matrix(w), in.matrix("d"));
               });
  step.mistake("averaged", "E_SSE is the sum over the samples, ½ Σ_p Σ_j (d_pj − y_pj)², not the mean",
               {"data.x", w, "d"},
               // ½ Σ (d − y)² / N
               [w](const Inputs& in) -> Value {
                 const Eigen::MatrixXd& x = in.matrix("data.x");
                 return 0.5 * squared_error_sum(x, in.matrix(w), in.matrix("d")) / static_cast<double>(x.rows());
               });
}

void gradient_mistakes(AskedStep& step, const std::string& w) {
  step.mistake("sign_flipped",
               "∂E_SSE/∂W = −Xᵀ(D − XW) = Xᵀ(Y − D): (D − Y) must be taken with a minus sign",
               {"data.x", w, "d"},
               // Xᵀ(D − XW)
               [w](const Inputs& in) -> Value {
                 return ascent_direction(in.matrix("data.x"), in.matrix(w), in.matrix("d"));
               });
  step.mistake("averaged", "E_SSE is a sum over the samples, so its gradient −Xᵀ(D − XW) is not divided by N",
               {"data.x", w, "d"},
               // −Xᵀ(D − XW) / N
               [w](const Inputs& in) -> Value {
                 const Eigen::MatrixXd& x = in.matrix("data.x");
                 return Eigen::MatrixXd(-ascent_direction(x, in.matrix(w), in.matrix("d")) /
                                        static_cast<double>(x.rows()));
               });
}

}  // namespace

void linear_regression(std::vector<Exercise>& out) {
  Exercise e("linear_regression.gd", "linear_regression", "Batch gradient descent on the linear network",
             chapters::linear_regression);
  e.instructions(
      "The linear network $Y = XW$: each sample is a row of $X$ (its first column is the bias input 1) and each "
      "neuron a column of $W$. With $E_{SSE}(W) = \\frac{1}{2} \\sum_p \\sum_j (d_{pj} - y_{pj})^2$, compute "
      "$E_{SSE}(W(0))$, the gradient $\\partial E_{SSE}/\\partial W = -X^\\top (D - XW(0))$, one step of batch "
      "gradient descent $W(1) = W(0) - \\alpha\\, \\partial E_{SSE}/\\partial W$, then $E_{SSE}(W(1))$ and the "
      "gradient at $W(1)$. Keep at least four significant digits in intermediate results; answers are checked "
      "to three significant figures.");

  sse_mistakes(e.ask("gd.iter0.sse"), "w_start");
  gradient_mistakes(e.ask("gd.iter0.grad", 2), "w_start");

  // W(1) = W(0) − α ∂E/∂W(W(0))
  e.ask("gd.iter1.w", 2)
      .mistake("uphill", "gradient descent steps against the gradient: W(1) = W(0) − α ∂E/∂W, not + α ∂E/∂W",
               {"w_start", "alpha", "gd.iter0.grad"},
               // W(0) + α ∂E/∂W
               [](const Inputs& in) -> Value {
                 const Eigen::MatrixXd &w = in.matrix("w_start"), &g = in.matrix("gd.iter0.grad");
                 if (w.rows() != g.rows() || w.cols() != g.cols()) return no_value(w.rows(), w.cols());
                 return Eigen::MatrixXd(w + in.scalar("alpha") * g);
               })
      .mistake("no_alpha", "the step is the gradient times the learning rate α", {"w_start", "gd.iter0.grad"},
               // W(0) − ∂E/∂W
               [](const Inputs& in) -> Value {
                 const Eigen::MatrixXd &w = in.matrix("w_start"), &g = in.matrix("gd.iter0.grad");
                 if (w.rows() != g.rows() || w.cols() != g.cols()) return no_value(w.rows(), w.cols());
                 return Eigen::MatrixXd(w - g);
               });

  sse_mistakes(e.ask("gd.iter1.sse"), "gd.iter1.w");
  gradient_mistakes(e.ask("gd.iter1.grad", 2), "gd.iter1.w");
  out.push_back(std::move(e));
}

}  // namespace nnwb::exercises
