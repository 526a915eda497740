// Fuzz target: Gradescope's submission_metadata.json, from which the autograder takes the student id
// (student_from_gradescope_metadata), with each of the fields it may be told to read.
//
// Promises checked, for any bytes at all: it returns or throws std::runtime_error, nothing else;
// the id it returns is one that student_id_problem accepts (the id picks the student's variant and
// names their files); every message is valid UTF-8.
#include <array>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"
#include "nnwb/exercise.hpp"
#include "nnwb/gradebook.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  static const std::array<std::string, 3> fields = {"email", "sid", "id"};
  for (const std::string& field : fields) {
    try {
      const std::string id = nnwb::student_from_gradescope_metadata(text, "submission_metadata.json", field);
      nnwb::fuzz::require(nnwb::student_id_problem(id).empty(), "the id passes student_id_problem");
    } catch (const std::runtime_error& error) {
      nnwb::fuzz::require_utf8(error.what(), "the message is valid UTF-8");
    }
  }
  return 0;
}
