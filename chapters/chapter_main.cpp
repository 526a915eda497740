// The main() of every chapter's executable (`perceptron`, `mse_vs_ce`, …): it runs the chapter whose
// id the executable's own one-line file defines (generated from cmake/chapter_id.cpp.in). One main,
// compiled once for all the chapters, so that an executable costs the build a link and no more.
#include "chapters.hpp"
#include "nnwb/chapter_cli.hpp"

extern const char nnwb_chapter_id[];

int main(int argc, char** argv) { return nnwb::run_chapter(nnwb::chapters::find(nnwb_chapter_id), argc, argv); }
