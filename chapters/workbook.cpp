// The workbook: `nnwb` prints every chapter's trace in catalogue order, or the chapters named.
#include "chapters.hpp"

int main(int argc, char** argv) {
  return nnwb::run_workbook(nnwb::chapters::catalogue(), argc, argv);
}
