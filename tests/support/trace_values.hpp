#pragma once
// Reading a trace's values in tests: by step or parameter id, as the kind the test expects.

#include <cstdint>
#include <string>

#include "nnwb/chapter.hpp"
#include "nnwb/trace.hpp"

namespace nnwb::testing {

inline double scalar(const Trace& t, const std::string& id) { return std::get<double>(t.value(id)); }
inline const Eigen::VectorXd& vec(const Trace& t, const std::string& id) { return std::get<Eigen::VectorXd>(t.value(id)); }
inline const Eigen::MatrixXd& mat(const Trace& t, const std::string& id) { return std::get<Eigen::MatrixXd>(t.value(id)); }
inline const Verdict& verdict(const Trace& t, const std::string& id) { return std::get<Verdict>(t.value(id)); }

/// Variant 0 is the lecture's own example; any other k is the seed k.
inline ChapterOptions variant(int k) {
  return k == 0 ? ChapterOptions{} : ChapterOptions{static_cast<std::uint64_t>(k)};
}

}  // namespace nnwb::testing
