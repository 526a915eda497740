// Gradient descent on an Mlp: online, batch and mini-batch, momentum, L2 without the bias, and the
// stopping rules; see optimiser.hpp.
#include "nnwb/optimiser.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace nnwb {

double loss_value(Loss loss, const Eigen::MatrixXd& outputs, const Eigen::MatrixXd& targets) {
  if (outputs.rows() != targets.rows() || outputs.cols() != targets.cols())
    throw std::invalid_argument("loss_value: the outputs' and the targets' shapes differ");
  const double sum_of_squares = (outputs - targets).squaredNorm();  // Σ_n Σ_k (y_kn − t_kn)²
  return loss == Loss::squared_error ? sum_of_squares : 0.5 * sum_of_squares;
}

void loss_gradient_into(Loss loss, const Eigen::MatrixXd& outputs, const Eigen::MatrixXd& targets,
                        Eigen::MatrixXd& gradient) {
  if (outputs.rows() != targets.rows() || outputs.cols() != targets.cols())
    throw std::invalid_argument("loss_gradient_into: the outputs' and the targets' shapes differ");
  if (loss == Loss::squared_error)
    gradient = 2.0 * (outputs - targets);  // ∂/∂y (y − t)² = 2(y − t)
  else
    gradient = outputs - targets;  // ∂/∂y ½(y − t)² = y − t
}

double l2_penalty(const Mlp& network, double lambda) {
  double sum = 0.0;
  for (const DenseLayer& layer : network.layers()) sum += layer.weights.squaredNorm();  // ‖W_l‖², no b_l
  return 0.5 * lambda * sum;  // (λ/2) Σ_l ‖W_l‖²
}

double dataset_loss(const Mlp& network, Loss loss, const Eigen::MatrixXd& inputs,
                    const Eigen::MatrixXd& targets) {
  return loss_value(loss, network.predict(inputs), targets);
}

std::vector<Eigen::Index> shuffled_order(Eigen::Index n, Rng& rng) {
  std::vector<Eigen::Index> order(static_cast<std::size_t>(n));
  for (Eigen::Index i = 0; i < n; ++i) order[static_cast<std::size_t>(i)] = i;
  // Fisher–Yates: position i takes a uniformly chosen one of the positions 0…i still unplaced.
  for (Eigen::Index i = n - 1; i > 0; --i)
    std::swap(order[static_cast<std::size_t>(i)], order[static_cast<std::size_t>(rng.integer(0, i))]);
  return order;
}

std::string_view describe(StopReason reason) {
  switch (reason) {
    case StopReason::max_epochs: return "the maximum number of epochs";
    case StopReason::loss_below: return "the training error dropped below E_min";
    case StopReason::step_below: return "the weight updates became smaller than Δ_min";
    case StopReason::early_stopping: return "the validation error stopped decreasing (early stopping)";
    case StopReason::time_limit: return "the time limit";
  }
  return "";
}

namespace detail {

// The largest |w − w'| over every weight and bias of two networks of the same shape.
double largest_difference(const Mlp& a, const Mlp& b) {
  double largest = 0.0;
  for (std::size_t l = 0; l < a.layers().size(); ++l) {
    largest = std::max(largest, (a.layers()[l].weights - b.layers()[l].weights).cwiseAbs().maxCoeff());
    largest = std::max(largest, (a.layers()[l].bias - b.layers()[l].bias).cwiseAbs().maxCoeff());
  }
  return largest;
}

}  // namespace detail

Sgd::Sgd(Mlp& network, SgdSettings settings) : network_(network), settings_(settings) {
  if (!(settings_.learning_rate > 0.0)) throw std::invalid_argument("Sgd: the learning rate η must be positive");
  if (!(settings_.momentum >= 0.0 && settings_.momentum < 1.0))
    throw std::invalid_argument("Sgd: the momentum α must be in [0, 1)");
  if (!(settings_.l2 >= 0.0)) throw std::invalid_argument("Sgd: λ must not be negative");
  if (settings_.batch_size < 0) throw std::invalid_argument("Sgd: a negative batch size");
  if (network_.layers().empty()) throw std::invalid_argument("Sgd: the network has no layers");
  // Δ(0) = 0: the first update has no earlier one to carry on.
  for (const DenseLayer& layer : network_.layers()) {
    weight_steps_.push_back(Eigen::MatrixXd::Zero(layer.outputs(), layer.inputs()));
    bias_steps_.push_back(Eigen::VectorXd::Zero(layer.outputs()));
  }
}

double Sgd::step(const Eigen::MatrixXd& inputs, const Eigen::MatrixXd& targets) {
  if (inputs.cols() != targets.cols() || inputs.cols() == 0)
    throw std::invalid_argument("Sgd::step: the batch needs as many targets as inputs, and at least one");
  // Forward pass, and the error of the batch before the update.
  network_.forward_into(inputs, forward_);
  const double error = loss_value(settings_.loss, forward_.output(), targets);
  const double objective = settings_.l2 > 0.0 ? error + l2_penalty(network_, settings_.l2) : error;
  // Backward pass: ∂E_B/∂W_l and ∂E_B/∂b_l by the delta recursion.
  loss_gradient_into(settings_.loss, forward_.output(), targets, output_gradient_);
  network_.backward_into(forward_, output_gradient_, backward_);
  // The mean over the batch (IC) is the sum with η/n.
  const double eta = settings_.mean_over_batch
                         ? settings_.learning_rate / static_cast<double>(inputs.cols())
                         : settings_.learning_rate;
  const double alpha = settings_.momentum, lambda = settings_.l2;
  for (std::size_t l = 0; l < network_.layers().size(); ++l) {
    DenseLayer& layer = network_.layers()[l];
    Eigen::MatrixXd& grad_W = backward_.weight_gradients[l];
    if (lambda > 0.0) grad_W += lambda * layer.weights;  // ∂J/∂W = ∂E/∂W + λW
    if (alpha > 0.0) {
      Eigen::MatrixXd& delta_W = weight_steps_[l];
      delta_W = alpha * delta_W - eta * grad_W;  // ΔW(t) = −η ∂J/∂W + α ΔW(t−1)
      layer.weights += delta_W;                  // W ← W + ΔW(t)
    } else {
      layer.weights.noalias() -= eta * grad_W;  // W ← W + ΔW(t), ΔW(t) = −η ∂J/∂W: one pass, no ΔW kept
    }
    if (settings_.update_biases) {
      Eigen::VectorXd& delta_b = bias_steps_[l];
      delta_b = alpha * delta_b - eta * backward_.bias_gradients[l];  // Δb(t) = −η ∂E/∂b + α Δb(t−1): no λ
      layer.bias += delta_b;                                          // b ← b + Δb(t)
    }
  }
  ++updates_;
  return objective;
}

double Sgd::epoch(const Eigen::MatrixXd& inputs, const Eigen::MatrixXd& targets, Rng& rng) {
  const Eigen::Index n = inputs.cols();
  if (n == 0 || targets.cols() != n)
    throw std::invalid_argument("Sgd::epoch: the training set needs as many targets as inputs, and at least one");
  const Eigen::Index batch = settings_.batch_size == 0 ? n : std::min(settings_.batch_size, n);
  const Mlp before = network_;
  if (batch == n) {
    // Batch learning: one update on all N samples; their order cannot change the summed gradient.
    order_.resize(static_cast<std::size_t>(n));
    for (Eigen::Index i = 0; i < n; ++i) order_[static_cast<std::size_t>(i)] = i;
    step(inputs, targets);
    return detail::largest_difference(before, network_);
  }
  if (settings_.shuffle) {
    order_ = shuffled_order(n, rng);  // samples are shuffled every epoch (CTU)
  } else {
    order_.resize(static_cast<std::size_t>(n));
    for (Eigen::Index i = 0; i < n; ++i) order_[static_cast<std::size_t>(i)] = i;
  }
  // ⌈N / batch⌉ updates, each on the next `batch` samples of the order (the last may be fewer).
  for (Eigen::Index start = 0; start < n; start += batch) {
    const Eigen::Index size = std::min(batch, n - start);
    batch_inputs_.resize(inputs.rows(), size);
    batch_targets_.resize(targets.rows(), size);
    for (Eigen::Index j = 0; j < size; ++j) {
      const Eigen::Index sample = order_[static_cast<std::size_t>(start + j)];
      batch_inputs_.col(j) = inputs.col(sample);
      batch_targets_.col(j) = targets.col(sample);
    }
    step(batch_inputs_, batch_targets_);
  }
  return detail::largest_difference(before, network_);
}

TrainingHistory Sgd::train(const Eigen::MatrixXd& inputs, const Eigen::MatrixXd& targets, Rng& rng,
                           const StoppingRules& rules, const Eigen::MatrixXd& validation_inputs,
                           const Eigen::MatrixXd& validation_targets) {
  const bool validating = validation_inputs.cols() > 0;
  if (rules.patience && !validating) throw std::invalid_argument("Sgd::train: early stopping needs a validation set");
  if (rules.max_epochs < 0) throw std::invalid_argument("Sgd::train: a negative number of epochs");
  const auto started = std::chrono::steady_clock::now();
  TrainingHistory history;
  history.losses.push_back(dataset_loss(network_, settings_.loss, inputs, targets));
  double best_validation = std::numeric_limits<double>::infinity();
  Mlp best = network_;
  if (validating) {
    best_validation = dataset_loss(network_, settings_.loss, validation_inputs, validation_targets);
    history.validation_losses.push_back(best_validation);
  }
  while (true) {
    if (history.epochs >= rules.max_epochs) {
      history.reason = StopReason::max_epochs;
      break;
    }
    history.largest_steps.push_back(epoch(inputs, targets, rng));
    ++history.epochs;
    history.losses.push_back(dataset_loss(network_, settings_.loss, inputs, targets));
    if (validating) {
      const double v = dataset_loss(network_, settings_.loss, validation_inputs, validation_targets);
      history.validation_losses.push_back(v);
      if (v < best_validation) {  // a new low: remember these weights
        best_validation = v;
        history.best_epoch = history.epochs;
        best = network_;
      }
    }
    // The rules, in CTU's order; the first that holds ends training.
    if (rules.loss_below && history.losses.back() < *rules.loss_below) {
      history.reason = StopReason::loss_below;  // E < E_min
      break;
    }
    if (rules.step_below && history.largest_steps.back() < *rules.step_below) {
      history.reason = StopReason::step_below;  // |Δw| < Δ_min
      break;
    }
    if (rules.patience && history.epochs - history.best_epoch >= *rules.patience) {
      history.reason = StopReason::early_stopping;  // no new validation low for `patience` epochs
      network_ = best;                              // and back to the weights of the lowest
      break;
    }
    if (rules.time_limit && std::chrono::steady_clock::now() - started >= *rules.time_limit) {
      history.reason = StopReason::time_limit;
      break;
    }
  }
  return history;
}

}  // namespace nnwb
