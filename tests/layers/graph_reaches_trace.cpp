// A probe that must not compile (ctest layers_graph_cannot_include_trace): the graph layer
// includes a header of the trace layer, which comes after it (lib/README.md). nnwb_graph does
// not see lib/trace/include, so the compiler reports nnwb/trace.hpp as not found.
#include "nnwb/trace.hpp"
