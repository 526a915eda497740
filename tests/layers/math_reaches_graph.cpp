// A probe that must not compile (ctest layers_math_cannot_include_graph): the math layer
// includes a header of the graph layer, which comes after it (lib/README.md). nnwb_math does
// not see lib/graph/include, so the compiler reports nnwb/graph.hpp as not found.
#include "nnwb/graph.hpp"
