// Exercises on chapter 9, xnor_mlp: BMB "Feedforward Example", the 2-2-1 network of sigmoid units
// a₅ = g(W₃₅ g(W₁₃a₁ + W₂₃a₂) + W₄₅ g(W₁₄a₁ + W₂₄a₂)) (the chapter's weights, as the slide prints none).
//
// xnor_mlp.feedforward: from the hidden nodes' weighted inputs in₃ and in₄ the student computes their
// activations a₃ = g(in₃), a₄ = g(in₄), the output node's weighted input in₅ = W₃₅a₃ + W₄₅a₄ and
// output a₅ = g(in₅), then how the output changes with a weight: ∂a₅/∂W₃₅ = g'(in₅) a₃ and, one layer
// down, ∂a₅/∂W₁₃ = g'(in₅) W₃₅ g'(in₃) a₁, with g'(in) = g(in)(1 − g(in)).
#include <cmath>
#include <string>

#include "chapters.hpp"
#include "exercises.hpp"

namespace nnwb::exercises {
namespace {

// g(in): the mistake "the pre-activation used where the activation belongs" returns in itself.
void activation_mistakes(AskedStep& step, const std::string& in_id, const std::string& node) {
  step
      // aⱼ = inⱼ.
      .mistake("pre_activation",
               "the pre-activation is used where the activation belongs: a" + node + " = g(in" + node +
                   ") = 1/(1 + e^(−in" + node + ")), not in" + node + " itself",
               {in_id}, [in_id](const Inputs& in) -> Value { return in.scalar(in_id); })
      // 1/(1 + e^{in}).
      .mistake("exponent_sign", "the sigmoid is g(in) = 1/(1 + e^(−in)), with e to the minus in", {in_id},
               [in_id](const Inputs& in) -> Value { return 1.0 / (1.0 + std::exp(in.scalar(in_id))); });
}

}  // namespace

void xnor_mlp(std::vector<Exercise>& out) {
  Exercise e("xnor_mlp.feedforward", "xnor_mlp", "Feeding forward through a 2-2-1 sigmoid network",
             chapters::xnor_mlp);
  e.instructions(
      "In BMB's feedforward example every unit is a sigmoid, $g(in) = 1/(1 + e^{-in})$, and there are "
      "no biases. From the hidden nodes' weighted inputs $in_3$ and $in_4$, compute their activations, "
      "then the output node's weighted input $in_5 = W_{3,5}a_3 + W_{4,5}a_4$ and the output $a_5$. "
      "Then differentiate the output with respect to two weights, using $g'(in) = g(in)(1 - g(in))$: "
      "$\\partial a_5/\\partial W_{3,5} = g'(in_5)\\,a_3$ and $\\partial a_5/\\partial W_{1,3} = "
      "g'(in_5)\\,W_{3,5}\\,g'(in_3)\\,a_1$.");
  // The chapter's convention is that of its step network (g(0) = 0, sums rounded to 9 decimals) and
  // of Example I (biases, BMB's δ); this exercise asks only the feedforward example.
  e.convention(
      "BMB's feedforward example: nodes 1 and 2 are the inputs $a_1, a_2$, nodes 3 and 4 the hidden "
      "units and node 5 the output; $W_{i,j}$ is the weight from node i to node j, and there are no "
      "biases. Node j's weighted input is $in_j = \\sum_i W_{i,j} a_i$, over the nodes i that feed it, "
      "and its activation is $a_j = g(in_j)$ with the sigmoid $g(in) = 1/(1 + e^{-in})$, whose "
      "derivative is $g'(in) = g(in)(1 - g(in))$.");
  activation_mistakes(e.ask("ff.a3"), "ff.in3", "₃");
  activation_mistakes(e.ask("ff.a4"), "ff.in4", "₄");
  e.ask("ff.in5")
      // W₃₅ in₃ + W₄₅ in₄.
      .mistake("pre_activation",
               "the pre-activation is used where the activation belongs: node 5 weighs the hidden nodes' "
               "outputs, in₅ = W₃₅a₃ + W₄₅a₄ with a₃ = g(in₃) and a₄ = g(in₄), not in₃ and in₄",
               {"ff.W35", "ff.W45", "ff.in3", "ff.in4"},
               [](const Inputs& in) -> Value {
                 return in.scalar("ff.W35") * in.scalar("ff.in3") + in.scalar("ff.W45") * in.scalar("ff.in4");
               });
  activation_mistakes(e.ask("ff.a5"), "ff.in5", "₅");
  e.ask("ff.da5_dW35", 2)
      // a₃ alone.
      .mistake("no_gprime", "the g'(in₅) factor is left out: ∂a₅/∂W₃₅ = g'(in₅) a₃ = a₅(1 − a₅) a₃",
               {"ff.a3"}, [](const Inputs& in) -> Value { return in.scalar("ff.a3"); })
      // in₅(1 − in₅) a₃.
      .mistake("pre_activation",
               "g'(in₅) = g(in₅)(1 − g(in₅)) = a₅(1 − a₅) uses the activation a₅, not the pre-activation in₅",
               {"ff.in5", "ff.a3"},
               [](const Inputs& in) -> Value {
                 const double z = in.scalar("ff.in5");
                 return z * (1.0 - z) * in.scalar("ff.a3");
               });
  e.ask("ff.da5_dW13", 2)
      // g'(in₅) W₃₅ a₁: the hidden node's slope dropped.
      .mistake("no_gprime_hidden",
               "the g'(in₃) factor is left out: the path through node 3 passes its sigmoid, "
               "∂a₅/∂W₁₃ = g'(in₅) W₃₅ g'(in₃) a₁ with g'(in₃) = a₃(1 − a₃)",
               {"ff.a5", "ff.W35", "ff.a1"},
               [](const Inputs& in) -> Value {
                 const double a5 = in.scalar("ff.a5");
                 return a5 * (1.0 - a5) * in.scalar("ff.W35") * in.scalar("ff.a1");
               })
      // g'(in₅) W₃₅ g'(in₃) a₃: node 3's output in place of the input a₁.
      .mistake("wrong_input",
               "W₁₃ carries input a₁ into node 3: the last factor of ∂a₅/∂W₁₃ = g'(in₅) W₃₅ g'(in₃) a₁ is a₁, not a₃",
               {"ff.a5", "ff.W35", "ff.a3"},
               [](const Inputs& in) -> Value {
                 const double a5 = in.scalar("ff.a5"), a3 = in.scalar("ff.a3");
                 return a5 * (1.0 - a5) * in.scalar("ff.W35") * a3 * (1.0 - a3) * a3;
               });
  out.push_back(std::move(e));
}

}  // namespace nnwb::exercises
