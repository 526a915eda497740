// Chapter 20, universal_approximation: PLACEHOLDER, being written. Replace this whole file.
#include "chapters.hpp"

namespace nnwb::chapters {

Trace universal_approximation(const ChapterOptions& options) {
  Trace trace("universal_approximation", "Universal approximation with three tanh hidden units");
  trace.summary("Placeholder.").source("EDI", "000_7637ffcd816b0303.txt", {"placeholder"}).convention("none");
  trace.seed(options.seed);
  trace.parameter("x", "x", "a number", 1.0);
  for (int k = 1; k <= 4; ++k)
    trace.step("s" + std::to_string(k), "A step").formula("x").compute({"x"}, [](const Inputs& in) -> Value { return in.scalar("x"); });
  return trace;
}

}  // namespace nnwb::chapters
