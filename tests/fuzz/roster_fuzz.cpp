// Fuzz target: a class roster, CSV text read with libcsv (parse_roster).
//
// Promises checked, for any bytes at all: the parser returns or throws std::runtime_error, nothing
// else; every id it returns is one that student_id_problem accepts (ids name files and are written
// into answer files), and none is there twice; every message is valid UTF-8.
#include <cstddef>
#include <cstdint>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"
#include "nnwb/exercise.hpp"
#include "nnwb/gradebook.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using nnwb::fuzz::require;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const std::vector<std::string> ids = nnwb::parse_roster(text, "roster.csv");
    require(!ids.empty(), "a roster that parses has ids");
    std::set<std::string_view> seen;
    for (const std::string& id : ids) {
      require(nnwb::student_id_problem(id).empty(), "every id passes student_id_problem");
      require(seen.insert(id).second, "no id is there twice");
    }
  } catch (const std::runtime_error& error) {
    nnwb::fuzz::require_utf8(error.what(), "the message is valid UTF-8");
  }
  return 0;
}
