#pragma once
// Checks a trace's gradient claims (Trace::claim_gradient) by central differences through
// Trace::recompute: for each claim, perturb `wrt` entry by entry, recompute the trace, and compare
// the change in `of` with the claimed gradient.
//
// A plain central difference D(h) errs by h²f'''/6 + 1e−16·|f|/h; where a gradient entry is small
// beside f, no h makes that sum 1e−7 of the entry. Richardson extrapolation, (4D(h) − D(2h))/3,
// cancels the h² term, so h can be 1e−3 and rounding stays near 1e−13·|f|. Where f curves on a
// scale smaller than θ (log(1 − ŷ) for ŷ near 1), that step is too long; an entry whose Richardson
// estimate disagrees with the claim is estimated again by Ridders' method (Numerical Recipes,
// dfridr), which shrinks h until the extrapolation's own error estimate stops falling. A wrong
// claim disagrees with both.
//
// Each entry's error is relative to max(|entry|, 1e−3 × the largest entry of that gradient): an
// entry that is nearly 0 by cancellation (a hidden delta whose Σ_k w_jk δ_k almost vanishes) is
// held to the gradient's own scale, since a relative error there measures only rounding.

#include <string>
#include <vector>

#include "nnwb/trace.hpp"

namespace nnwb::testing {

struct ClaimCheck {
  std::string step;               ///< the claimed gradient's step
  std::string wrt;                ///< what it is a gradient with respect to
  double worst_relative_error;    ///< over the entries, each relative to max(|entry|, 1e−3 of the largest)
};

/// Every claim of `trace`, checked; `trace` itself is left as it was.
std::vector<ClaimCheck> check_gradient_claims(const Trace& trace, double epsilon = 1e-3);

}  // namespace nnwb::testing
