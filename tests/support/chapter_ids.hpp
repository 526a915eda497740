#pragma once
// Every chapter's id, in catalogue order: the data of the tests that run every chapter
// (BOOST_DATA_TEST_CASE over chapter_ids()). Only the catalogue is read, so that it is safe before
// main(), where Boost.Test registers data-driven cases: building a trace there would run before
// other files' statics exist.
#include <string>
#include <vector>

#include "chapters.hpp"

namespace nnwb::test {

inline std::vector<std::string> chapter_ids() {
  std::vector<std::string> ids;
  for (const auto& chapter : nnwb::chapters::catalogue()) ids.emplace_back(chapter.id);
  return ids;
}

}  // namespace nnwb::test
