// Exercises on chapter 4, tanh_derivative: the derivative of tanh, 1 − f(a)², and where
// backpropagation uses it (PD Appendix B "Derivative of tanh", "Backprop update":
// δ_i = (1 − y_i²) Σ_k δ_k w_ik for a tanh hidden node).
//
// tanh_derivative.backprop: one tanh hidden node i feeding two linear output nodes k with E_n =
// ½ Σ_k (y_k − t_k)². The student runs the forward pass y_i = tanh(a_i), a_k = w_ik y_i, the output
// deltas δ_k = y_k − t_k, the slope f'(a_i) = 1 − y_i², the hidden delta δ_i = (1 − y_i²) Σ_k δ_k w_ik
// and the gradient ∂E_n/∂w_ik = δ_k y_i.
#include <cmath>

#include "chapters.hpp"
#include "exercises.hpp"

namespace nnwb::exercises {

void tanh_derivative(std::vector<Exercise>& out) {
  Exercise e("tanh_derivative.backprop", "tanh_derivative", "Backpropagating through a tanh hidden node",
             chapters::tanh_derivative);
  e.instructions(
      "A tanh hidden node $i$ with pre-activation $a_i$ feeds two linear output nodes $k$ through the "
      "weights $w_{ik}$; the error is $E_n = \\frac{1}{2}\\sum_k (y_k - t_k)^2$. Run the forward pass, "
      "then the backward pass: $\\delta_k = y_k - t_k$ for the outputs, the slope "
      "$f'(a_i) = 1 - f(a_i)^2$ of tanh, the hidden delta $\\delta_i = f'(a_i)\\sum_k \\delta_k w_{ik}$, "
      "and the gradients $\\partial E_n/\\partial w_{ik} = \\delta_k y_i$.");
  e.ask("backprop.y")
      // y_i = a_i: tanh left out.
      .mistake("pre_activation", "the node's output is its activation y_i = tanh(a_i), not the pre-activation a_i",
               {"backprop.a"}, [](const Inputs& in) -> Value { return in.scalar("backprop.a"); })
      // σ(a_i): the logistic sigmoid for tanh.
      .mistake("sigmoid", "the node is tanh, f(a) = (e^a − e^−a)/(e^a + e^−a), not the logistic sigmoid 1/(1 + e^−a)",
               {"backprop.a"}, [](const Inputs& in) -> Value { return 1.0 / (1.0 + std::exp(-in.scalar("backprop.a"))); });
  e.ask("backprop.a_out")
      // w_ik a_i: the pre-activation passed on.
      .mistake("pre_activation",
               "the output nodes receive the hidden node's activation: a_k = w_ik y_i with y_i = tanh(a_i), not w_ik a_i",
               {"backprop.w", "backprop.a"},
               [](const Inputs& in) -> Value { return Eigen::VectorXd(in.vector("backprop.w") * in.scalar("backprop.a")); });
  e.ask("backprop.delta_out")
      // t_k − y_k.
      .mistake("t_minus_y", "the sign is reversed: δ_k = ∂E_n/∂a_k = y_k − t_k, not t_k − y_k", {},
               [](const Inputs& in) -> Value {
                 return Eigen::VectorXd(in.vector("backprop.t") - in.vector("backprop.a_out"));
               });
  e.ask("backprop.fprime", 2)
      // 1 − y.
      .mistake("one_minus_tanh", "1 − tanh for 1 − tanh²: the derivative of tanh is f'(a) = 1 − f(a)², squared", {},
               [](const Inputs& in) -> Value { return 1.0 - in.scalar("backprop.y"); })
      // y(1 − y): the sigmoid's derivative.
      .mistake("sigmoid_derivative", "y(1 − y) is the logistic sigmoid's derivative; tanh's is 1 − y²", {},
               [](const Inputs& in) -> Value {
                 const double y = in.scalar("backprop.y");
                 return y * (1.0 - y);
               })
      // 1 − a²: the pre-activation squared.
      .mistake("pre_activation", "f'(a_i) = 1 − f(a_i)² squares the output y_i = tanh(a_i), not the pre-activation a_i",
               {"backprop.a"}, [](const Inputs& in) -> Value {
                 const double a = in.scalar("backprop.a");
                 return 1.0 - a * a;
               });
  e.ask("backprop.delta", 2)
      // Σ_k δ_k w_ik.
      .mistake("no_fprime", "the g'(a) factor is left out: δ_i = (1 − y_i²) Σ_k δ_k w_ik",
               {"backprop.delta_out", "backprop.w"},
               [](const Inputs& in) -> Value { return in.vector("backprop.delta_out").dot(in.vector("backprop.w")); })
      // (1 − y_i) Σ_k δ_k w_ik.
      .mistake("one_minus_tanh", "1 − tanh for 1 − tanh²: δ_i = (1 − y_i²) Σ_k δ_k w_ik",
               {"backprop.y", "backprop.delta_out", "backprop.w"},
               [](const Inputs& in) -> Value {
                 return (1.0 - in.scalar("backprop.y")) * in.vector("backprop.delta_out").dot(in.vector("backprop.w"));
               });
  e.ask("backprop.grad_w")
      // δ_k a_i.
      .mistake("pre_activation", "∂E_n/∂w_ik = δ_k y_i multiplies by the node's output y_i = tanh(a_i), not by a_i",
               {"backprop.delta_out", "backprop.a"},
               [](const Inputs& in) -> Value {
                 return Eigen::VectorXd(in.vector("backprop.delta_out") * in.scalar("backprop.a"));
               })
      // δ_i y_i: the hidden node's own delta.
      .mistake("hidden_delta", "the weight w_ik leads into output node k: its gradient uses that node's δ_k, not δ_i",
               {"backprop.delta", "backprop.y", "backprop.delta_out"},
               [](const Inputs& in) -> Value {
                 return Eigen::VectorXd(Eigen::VectorXd::Constant(in.vector("backprop.delta_out").size(),
                                                                  in.scalar("backprop.delta") * in.scalar("backprop.y")));
               });
  out.push_back(std::move(e));
}

}  // namespace nnwb::exercises
