// The replay driver: the ctest side of the fuzz targets. CI builds with GCC and has no libFuzzer, so
// each target is linked with this main instead, which runs LLVMFuzzerTestOneInput once on every file
// of the folders (or on the files) named on its command line: the kept corpus of tests/fuzz/corpus/.
// A broken promise traps (fuzz_check.hpp); a sanitizer build reports memory errors as usual.
#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

// Runs the target on one file. The bytes are copied into a buffer of exactly their size, as
// libFuzzer does, so that the AddressSanitizer build catches a read one past the end.
void replay(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  const std::vector<char> bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  const auto data = std::make_unique<std::uint8_t[]>(bytes.size());
  std::copy(bytes.begin(), bytes.end(), data.get());
  LLVMFuzzerTestOneInput(data.get(), bytes.size());
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s CORPUS_DIR_OR_FILE...\n", argv[0]);
    return 2;
  }
  const auto start = std::chrono::steady_clock::now();
  std::size_t replayed = 0;
  for (int i = 1; i < argc; ++i) {
    const std::filesystem::path path = argv[i];
    std::vector<std::filesystem::path> files;
    if (std::filesystem::is_directory(path)) {
      for (const auto& entry : std::filesystem::directory_iterator(path))
        if (entry.is_regular_file()) files.push_back(entry.path());
      std::sort(files.begin(), files.end());  // the same order on every machine
    } else if (std::filesystem::is_regular_file(path)) {
      files.push_back(path);
    }
    // A corpus that is missing or empty would make the test pass without testing anything.
    if (files.empty()) {
      std::fprintf(stderr, "%s: no inputs in '%s'\n", argv[0], path.c_str());
      return 1;
    }
    for (const auto& file : files) {
      replay(file);
      ++replayed;
    }
  }
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
  std::printf("replayed %zu inputs in %.2f s\n", replayed, took.count());
  return 0;
}
