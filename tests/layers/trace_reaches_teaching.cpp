// A probe that must not compile (ctest layers_trace_cannot_include_teaching): the trace layer
// includes a header of the teaching layer, which comes after it (lib/README.md). nnwb_trace does
// not see lib/teaching/include, so the compiler reports nnwb/render.hpp as not found.
#include "nnwb/render.hpp"
