// A probe that must not compile (ctest layers_teaching_cannot_include_host): the teaching layer
// includes a header of the host layer, which comes after it (lib/README.md). nnwb_teaching does
// not see lib/host/include, so the compiler reports nnwb/chapter_cli.hpp as not found.
#include "nnwb/chapter_cli.hpp"
