// PLACEHOLDER: being written.
#include "chapters.hpp"
namespace nnwb::chapters {
Trace graph_neuron(const ChapterOptions& options) {
  Trace trace("graph_neuron", "placeholder");
  trace.seed(options.seed);
  return trace;
}
}  // namespace nnwb::chapters
