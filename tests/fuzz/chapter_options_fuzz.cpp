// Fuzz target: the command line every chapter shares (run_chapter, parsed with CLI11), on the
// cheapest chapter of the catalogue, graph_xyz.
//
// Promise checked, for any arguments at all: run_chapter returns one of its exit codes (0 done,
// 1 could not build or write, 2 a wrong option) and never crashes or throws.
//
// Input: the arguments, separated by NUL bytes (at most max_args of them). Inputs that would write
// files are skipped: --output and --figures, in every spelling CLI11 2.1 accepts (it matches long
// names exactly, takes "--name=value", and reads "-ho" as -h then -o). Everything printed goes to
// a buffer that drops it, so the run stays quick and quiet.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iostream>
#include <streambuf>
#include <string>
#include <string_view>
#include <vector>

#include "chapters.hpp"
#include "fuzz_check.hpp"
#include "nnwb/chapter_cli.hpp"

namespace {

constexpr std::size_t max_args = 16;

// Whether CLI11 could read `arg` as --output or --figures (or as -o inside a cluster of flags).
bool writes_files(std::string_view arg) {
  if (arg.starts_with("--")) return arg.starts_with("--output") || arg.starts_with("--figures");
  if (!arg.starts_with("-")) return false;
  std::size_t i = 1;
  while (i < arg.size() && arg[i] == 'h') ++i;  // -h is the only flag with a short name
  return i < arg.size() && arg[i] == 'o';
}

// Swallows everything written to it; a stream on it stays good, as std::cout on a terminal does.
class Discard : public std::streambuf {
 protected:
  int overflow(int c) override { return traits_type::not_eof(c); }
  std::streamsize xsputn(const char*, std::streamsize n) override { return n; }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // Never destroyed: std::cout and std::cerr flush their buffer at exit, after every static of this
  // file is gone (a static Discard would be destroyed first and leave them a dangling buffer).
  static Discard* const discard = new Discard;
  static const bool silenced = [] {
    std::cout.rdbuf(discard);
    std::cerr.rdbuf(discard);
    return true;
  }();
  (void)silenced;

  std::vector<std::string> args{"graph_xyz"};
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (std::size_t start = 0; !text.empty() && start <= text.size() && args.size() <= max_args;) {
    const std::size_t end = std::min(text.find('\0', start), text.size());
    args.emplace_back(text.substr(start, end - start));
    if (writes_files(args.back())) return 0;
    start = end + 1;
  }
  std::vector<const char*> argv;
  for (const std::string& arg : args) argv.push_back(arg.c_str());

  const int code = nnwb::run_chapter(nnwb::chapters::find("graph_xyz"), static_cast<int>(argv.size()), argv.data());
  nnwb::fuzz::require(code == nnwb::exit_ok || code == nnwb::exit_failure || code == nnwb::exit_usage,
                      "run_chapter returns 0, 1 or 2");
  return 0;
}
