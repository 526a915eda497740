// PLACEHOLDER: being written.
#include "chapters.hpp"
namespace nnwb::chapters {
Trace softmax_jacobian(const ChapterOptions& options) {
  Trace trace("softmax_jacobian", "placeholder");
  trace.seed(options.seed);
  return trace;
}
}  // namespace nnwb::chapters
