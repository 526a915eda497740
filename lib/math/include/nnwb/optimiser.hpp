#pragma once
/// @file optimiser.hpp
/// How the weights move: gradient descent on an Mlp, with the training samples presented online,
/// in one batch, or in shuffled mini-batches; with momentum; with L2 regularisation that leaves the
/// biases alone; and with the usual stopping rules.
/// Lecture steps: PD "Learning", "Batch-mode learning", "On-line (or stochastic) learning",
/// "Momentum"; CTU "Backpropagation - How to Present Training Samples", "Discussion of Training
/// Strategies", the stopping conditions of "Backpropagation Algorithm (Iterative Variant)";
/// IC "Stochastic gradient descent"; BMB "Neural Networks Cost Function", "Neural Networks Weight
/// Update", "Training of Neural Network with Backpropagation".
///
/// Convention (PD's letters): η is the learning rate and α the momentum (BMB swaps the two
/// letters). For each layer l, with the batch B of the update,
///
///   J_B = E_B + (λ/2) Σ_l ‖W_l‖²                        (the penalty has no bias term: BMB's sum
///                                                         over i ≥ 1 leaves out the bias column)
///   ΔW_l(t) = −η (∂E_B/∂W_l + λ W_l) + α ΔW_l(t−1),     W_l ← W_l + ΔW_l(t)
///   Δb_l(t) = −η  ∂E_B/∂b_l          + α Δb_l(t−1),     b_l ← b_l + Δb_l(t)
///
/// E_B sums the error over the batch (PD, BMB): a batch update is the sum of the samples' own
/// gradients, taken at the same weights. `mean_over_batch` divides by the batch's size instead (IC).
/// Without momentum and with λ > 0 the update is weight decay: W ← (1 − ηλ) W − η ∂E_B/∂W.
///
/// Example (BMB's loop: 2000 full-batch updates of a sigmoid network without biases):
/// @code
/// nnwb::Sgd sgd(net, {.learning_rate = 1e-4, .update_biases = false});
/// for (int t = 0; t < 2000; ++t) losses.push_back(sgd.step(X, Y));  // X: (D_in, N), Y: (D_out, N)
/// @endcode

#include <Eigen/Core>
#include <chrono>
#include <optional>
#include <string_view>
#include <vector>

#include "nnwb/mlp.hpp"
#include "nnwb/random.hpp"

namespace nnwb {

/// The error E that training minimises, summed over the samples (columns) of a batch.
enum class Loss {
  squared_error,       ///< BMB's loop: E = Σ_n Σ_k (y_kn − t_kn)²,   ∂E/∂y = 2(y − t)
  half_squared_error,  ///< PD, EDI:    E = ½ Σ_n Σ_k (y_kn − t_kn)², ∂E/∂y = y − t
};

/// E of outputs Y against targets T. Y, T: (D_out, N)
double loss_value(Loss loss, const Eigen::MatrixXd& outputs, const Eigen::MatrixXd& targets);
/// ∂E/∂Y, written into `gradient`. Y, T, gradient: (D_out, N)
void loss_gradient_into(Loss loss, const Eigen::MatrixXd& outputs, const Eigen::MatrixXd& targets,
                        Eigen::MatrixXd& gradient);
/// The L2 penalty (λ/2) Σ_l ‖W_l‖², biases left out.
double l2_penalty(const Mlp& network, double lambda);
/// E of the network on a whole set. X: (D_in, N), T: (D_out, N)
double dataset_loss(const Mlp& network, Loss loss, const Eigen::MatrixXd& inputs,
                    const Eigen::MatrixXd& targets);

/// A uniformly random order of 0…n−1 (Fisher–Yates, drawing from `rng`: the same seed gives the
/// same order on every machine).
std::vector<Eigen::Index> shuffled_order(Eigen::Index n, Rng& rng);

/// How one update is made, and how samples are presented.
struct SgdSettings {
  double learning_rate = 0.1;  ///< η
  double momentum = 0.0;       ///< α ∈ [0, 1): Δw(t) = −η ∂E/∂w + α Δw(t−1)
  double l2 = 0.0;             ///< λ ≥ 0: J = E + (λ/2) Σ ‖W‖², biases left out
  /// Samples per update: 1 is online learning, N (or 0, "all") is batch learning, and anything
  /// between is mini-batch SGD; an epoch makes ⌈N / batch_size⌉ updates, the last one smaller.
  Eigen::Index batch_size = 0;
  bool shuffle = true;           ///< a new order every epoch (CTU); one batch of all N is never shuffled
  bool mean_over_batch = false;  ///< IC's g = (1/N') Σ ∇L; by default the sum (PD, BMB)
  bool update_biases = true;     ///< false: biases stay as they are (BMB's loop has none)
  Loss loss = Loss::squared_error;
};

/// When training stops (CTU's stopping conditions); the first rule met ends it.
struct StoppingRules {
  int max_epochs = 100;               ///< the maximum number of epochs
  std::optional<double> loss_below;   ///< the training error drops below a threshold: E < E_min
  /// The weights hardly move: the largest |Δw| of any weight or bias over one epoch < Δ_min.
  std::optional<double> step_below;
  /// Early stopping: the validation error has not reached a new low for this many epochs; the
  /// weights of its lowest epoch are put back. Needs a validation set.
  std::optional<int> patience;
  std::optional<std::chrono::duration<double>> time_limit;  ///< wall-clock time (not reproducible)
};

enum class StopReason { max_epochs, loss_below, step_below, early_stopping, time_limit };
/// "the maximum number of epochs", "E < E_min", …
std::string_view describe(StopReason reason);

/// What train() saw, epoch by epoch.
struct TrainingHistory {
  std::vector<double> losses;             ///< E on the training set: [0] before training, [e] after epoch e
  std::vector<double> validation_losses;  ///< the same on the validation set, if there is one
  std::vector<double> largest_steps;      ///< [e−1]: the largest |Δw| over epoch e
  int epochs = 0;                         ///< epochs run
  int best_epoch = 0;                     ///< the epoch of the lowest validation error (early stopping)
  StopReason reason = StopReason::max_epochs;
};

/// Gradient descent on an Mlp that it holds by reference. It keeps the forward and backward passes
/// and the momentum terms Δ(t−1) between updates, so an update allocates nothing once the batch
/// size is settled.
class Sgd {
 public:
  Sgd(Mlp& network, SgdSettings settings);

  /// One update on one batch: forward pass, E, backward pass, ΔW = −η(∂E/∂W + λW) + αΔW(t−1),
  /// W ← W + ΔW (and the same for b, without λ). Returns J_B = E_B + (λ/2) Σ ‖W‖² at the weights
  /// before the update, as BMB's loop prints it. X: (D_in, n), T: (D_out, n)
  double step(const Eigen::MatrixXd& inputs, const Eigen::MatrixXd& targets);
  /// One epoch: every sample once, in batches of batch_size, in an order drawn from `rng` when
  /// shuffling. Returns the largest |Δw| of any parameter over the epoch (the net change).
  double epoch(const Eigen::MatrixXd& inputs, const Eigen::MatrixXd& targets, Rng& rng);
  /// Epochs until a stopping rule holds. The validation set (may be empty) is only for early stopping
  /// and its curve.
  TrainingHistory train(const Eigen::MatrixXd& inputs, const Eigen::MatrixXd& targets, Rng& rng,
                        const StoppingRules& rules, const Eigen::MatrixXd& validation_inputs = {},
                        const Eigen::MatrixXd& validation_targets = {});

  /// The sample order of the last epoch (0…N−1 when not shuffled).
  const std::vector<Eigen::Index>& last_order() const { return order_; }
  /// Updates made so far.
  long updates() const { return updates_; }
  /// The last update's ΔW_l and Δb_l (the momentum terms), per layer; zero before the first. Kept
  /// only with momentum (α > 0); without it ΔW_l = −η ∂J/∂W_l, from last_backward().
  const std::vector<Eigen::MatrixXd>& weight_steps() const { return weight_steps_; }
  const std::vector<Eigen::VectorXd>& bias_steps() const { return bias_steps_; }
  /// The last update's gradients ∂J_B/∂W_l (with λW_l) and ∂E_B/∂b_l, per layer.
  const BackwardPass& last_backward() const { return backward_; }
  const SgdSettings& settings() const { return settings_; }

 private:
  Mlp& network_;
  SgdSettings settings_;
  ForwardPass forward_;
  BackwardPass backward_;
  Eigen::MatrixXd output_gradient_;  // ∂E/∂Y: (D_out, n)
  Eigen::MatrixXd batch_inputs_, batch_targets_;
  std::vector<Eigen::MatrixXd> weight_steps_;
  std::vector<Eigen::VectorXd> bias_steps_;
  std::vector<Eigen::Index> order_;
  long updates_ = 0;
};

}  // namespace nnwb
