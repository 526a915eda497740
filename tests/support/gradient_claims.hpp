#pragma once
// Checks a trace's gradient claims (Trace::claim_gradient) by central differences through
// Trace::recompute: for each claim, perturb `wrt` entry by entry, recompute the trace, and compare
// the change in `of` with the claimed gradient.

#include <string>
#include <vector>

#include "nnwb/trace.hpp"

namespace nnwb::testing {

struct ClaimCheck {
  std::string step;               ///< the claimed gradient's step
  std::string wrt;                ///< what it is a gradient with respect to
  double worst_relative_error;    ///< over the entries
};

/// Every claim of `trace`, checked; `trace` itself is left as it was.
std::vector<ClaimCheck> check_gradient_claims(const Trace& trace, double epsilon = 1e-5);

}  // namespace nnwb::testing
