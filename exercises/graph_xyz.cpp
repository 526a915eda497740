// Exercises on chapter 6, graph_xyz: f(x, y, z) = (x + y)z on a computation graph (BMB
// "Backpropagation: Simple Example"). The student runs the forward pass and then backpropagates,
// each gradient as upstream × local gradient.
#include "exercises.hpp"
#include "chapters.hpp"

namespace nnwb::exercises {

void graph_xyz(std::vector<Exercise>& out) {
  Exercise e("graph_xyz.backprop", "graph_xyz", "Backpropagation through (x + y)z", chapters::graph_xyz);
  e.instructions("Run the forward pass of $f(x, y, z) = (x + y)z$ with your numbers, then the backward "
                 "pass: each gradient is the upstream gradient times the gate's local gradient.");
  e.ask("forward.q").tolerance(Tolerance::relabs(1e-9, 1e-9));
  e.ask("forward.f").tolerance(Tolerance::relabs(1e-9, 1e-9))
      .mistake("sum_not_product", "f is the product q·z, not the sum q + z", {"forward.q", "z"},
               [](const Inputs& in) { return Value(in.scalar("forward.q") + in.scalar("z")); });
  // ∂f/∂z = q: the mul gate swaps its inputs.
  e.ask("grad.z", 2).tolerance(Tolerance::relabs(1e-9, 1e-9))
      .mistake("mul_not_swapped", "the mul gate swaps its inputs: ∂f/∂z is the other input q, not z itself",
               {"z"}, [](const Inputs& in) { return Value(in.scalar("z")); });
  // ∂f/∂q = z.
  e.ask("grad.q", 2).tolerance(Tolerance::relabs(1e-9, 1e-9))
      .mistake("mul_not_swapped", "the mul gate swaps its inputs: ∂f/∂q is the other input z, not q itself",
               {"forward.q"}, [](const Inputs& in) { return Value(in.scalar("forward.q")); });
  // ∂f/∂x = ∂f/∂q · 1: the add gate passes the gradient on unchanged.
  e.ask("grad.x", 2).tolerance(Tolerance::relabs(1e-9, 1e-9))
      .mistake("local_only", "the chain rule multiplies by the upstream gradient ∂f/∂q; the add gate's local "
               "gradient 1 alone is not ∂f/∂x", {}, [](const Inputs&) { return Value(1.0); })
      .mistake("add_scaled", "the add gate distributes the gradient unchanged; it does not multiply it by "
               "the other input", {"grad.q", "y"},
               [](const Inputs& in) { return Value(in.scalar("grad.q") * in.scalar("y")); });
  out.push_back(std::move(e));
}

}  // namespace nnwb::exercises
