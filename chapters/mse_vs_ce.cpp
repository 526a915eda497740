// PLACEHOLDER: being written.
#include "chapters.hpp"
namespace nnwb::chapters {
Trace mse_vs_ce(const ChapterOptions& options) {
  Trace trace("mse_vs_ce", "placeholder");
  trace.seed(options.seed);
  return trace;
}
}  // namespace nnwb::chapters
