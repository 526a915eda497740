// The workbook: `nnwb` prints every chapter's trace in catalogue order, or the chapters named.
#include "chapters.hpp"
#include "nnwb/chapter_cli.hpp"

int main(int argc, char** argv) {
  return nnwb::run_workbook(nnwb::chapters::catalogue(), argc, argv);
}
