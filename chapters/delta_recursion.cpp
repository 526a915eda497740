// PLACEHOLDER: being written.
#include "chapters.hpp"
namespace nnwb::chapters {
Trace delta_recursion(const ChapterOptions& options) {
  Trace trace("delta_recursion", "placeholder");
  trace.seed(options.seed);
  return trace;
}
}  // namespace nnwb::chapters
