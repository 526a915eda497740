// PLACEHOLDER: being written.
#include "chapters.hpp"
namespace nnwb::chapters {
Trace perceptron(const ChapterOptions& options) {
  Trace trace("perceptron", "placeholder");
  trace.seed(options.seed);
  return trace;
}
}  // namespace nnwb::chapters
