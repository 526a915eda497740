// PLACEHOLDER: being written.
#include "chapters.hpp"
namespace nnwb::chapters {
Trace tanh_derivative(const ChapterOptions& options) {
  Trace trace("tanh_derivative", "placeholder");
  trace.seed(options.seed);
  return trace;
}
}  // namespace nnwb::chapters
