// The command lines (lib/chapter_cli.cpp): every chapter executable and the `nnwb` workbook that
// chapters/CMakeLists.txt builds (from chapters/chapter_main.cpp and chapters/workbook.cpp), run as
// a user runs them. A wrong option prints one line on stderr and exits with 2.
#include <sys/wait.h>

#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "chapters.hpp"
#include "nnwb/random.hpp"
#include "support/chapter_ids.hpp"
#include "support/commands.hpp"

BOOST_AUTO_TEST_SUITE(cli)

namespace bdata = boost::unit_test::data;
namespace fs = std::filesystem;

namespace {

using nnwb::test::chapter_ids;
using nnwb::test::Run;
using nnwb::test::slurp;

// Runs a program from the build's bin/ with arguments (already shell-quoted where needed).
Run run(const std::string& program, const std::string& arguments) {
  const fs::path dir = nnwb::test::scratch("cli", "run");
  Run r = nnwb::test::run_shell(std::string(NNWB_BIN_DIR) + "/" + program + " " + arguments + " </dev/null", dir);
  fs::remove_all(dir);
  return r;
}

std::size_t lines(const std::string& s) { return static_cast<std::size_t>(std::count(s.begin(), s.end(), '\n')); }

}  // namespace

BOOST_DATA_TEST_CASE(every_chapter_runs_in_every_format, bdata::make(chapter_ids()), id) {
  const Run text = run(id, "");
  BOOST_TEST(text.exit_code == 0);
  BOOST_TEST(text.err.empty());
  BOOST_TEST(text.out.find(std::string(id) + ": ") == 0u);
  const Run json = run(id, "--seed 7 --format json");
  BOOST_TEST(json.exit_code == 0);
  BOOST_TEST(nlohmann::json::parse(json.out)["variant"]["seed"] == 7);
  const Run md = run(id, "-f markdown --digits 6");
  BOOST_TEST(md.exit_code == 0);
  BOOST_TEST(md.out.find("# " + std::string(id)) == 0u);
  const Run help = run(id, "--help");
  BOOST_TEST(help.exit_code == 0);
  for (const char* option :
       {"--seed", "--student", "--format", "--digits", "--decimals", "--output", "--figures", "--full-size"})
    BOOST_TEST(help.out.find(option) != std::string::npos, option);
}

BOOST_DATA_TEST_CASE(wrong_options_get_one_line_and_exit_2,
                     bdata::make(std::vector<std::string>{"--format xml", "--seed minus-one", "--seed -3",
                                                          "--digits 0", "--digits 40", "--decimals -1",
                                                          "--no-such-option", "--seed", "extra-argument",
                                                          "--digits 3 --decimals 2", "--seed 1 --student ab"}),
                     arguments) {
  const Run r = run("graph_xyz", arguments);
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(r.out.empty());
  BOOST_TEST(lines(r.err) == 1u);
  BOOST_TEST(r.err.find("graph_xyz: error: ") == 0u);
}

BOOST_AUTO_TEST_CASE(a_student_id_is_a_seed) {
  const Run by_id = run("graph_neuron", "--student s1234567 --format json");
  const Run by_seed = run("graph_neuron", "--seed " + std::to_string(nnwb::seed_from_text("s1234567")) + " --format json");
  BOOST_TEST(by_id.exit_code == 0);
  BOOST_TEST(by_id.out == by_seed.out);
}

BOOST_AUTO_TEST_CASE(output_to_a_file_and_an_unwritable_file) {
  const fs::path file = fs::temp_directory_path() / ("nnwb_cli_out_" + std::to_string(::getpid()) + ".md");
  const Run ok = run("graph_xyz", "--format markdown --output " + file.string());
  BOOST_TEST(ok.exit_code == 0);
  BOOST_TEST(ok.out.empty());
  BOOST_TEST(slurp(file).find("# graph_xyz") == 0u);
  fs::remove(file);
  const Run bad = run("graph_xyz", "--output /no/such/directory/trace.txt");
  BOOST_TEST(bad.exit_code == 1);
  BOOST_TEST(bad.err.find("cannot write '/no/such/directory/trace.txt'") != std::string::npos);
}

// --figures DIR draws the chapter's pictures there and links them from the trace; the links are
// relative to the page that --output writes.
BOOST_AUTO_TEST_CASE(figures_are_drawn_beside_the_trace) {
  const fs::path dir = fs::temp_directory_path() / ("nnwb_cli_figures_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const Run r = run("graph_xyz", "--format markdown --output " + (dir / "page.md").string() + " --figures " +
                                     (dir / "pictures").string());
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(r.err.empty(), r.err);
  const std::string page = slurp(dir / "page.md");
  for (const char* name : {"graph", "patterns", "copy"}) {
    const std::string file = std::string("graph_xyz.") + name + ".svg";
    BOOST_TEST(slurp(dir / "pictures" / file).find("<svg") != std::string::npos, file);
    BOOST_TEST(page.find("](pictures/" + file + ")") != std::string::npos, file);
  }
  BOOST_TEST(page.find("## Figures") != std::string::npos);
  // The text form lists the files; JSON stays as documented, with no figure text appended.
  const Run text = run("graph_neuron", "--figures " + (dir / "text").string());
  BOOST_TEST(text.exit_code == 0);
  BOOST_TEST(text.out.find("graph_neuron.gates.svg") != std::string::npos);
  const Run json = run("graph_neuron", "--format json --figures " + (dir / "json").string());
  BOOST_TEST(json.exit_code == 0);
  BOOST_TEST(nlohmann::json::accept(json.out));
  BOOST_TEST(fs::exists(dir / "json" / "graph_neuron.sigmoid_gate.svg"));
  // The workbook draws every chapter's pictures it prints.
  const Run book = run("nnwb", "1-2 --figures " + (dir / "book").string());
  BOOST_TEST(book.exit_code == 0);
  BOOST_TEST(fs::exists(dir / "book" / "perceptron.xor_boundary.svg"));
  BOOST_TEST(fs::exists(dir / "book" / "mse_vs_ce.gradients.svg"));
  fs::remove_all(dir);
}

// A folder that cannot be made: exit 1 and a message naming it, but the trace is still printed.
BOOST_AUTO_TEST_CASE(figures_that_cannot_be_written_are_reported) {
  const Run r = run("graph_xyz", "--figures /proc/no/such/folder");
  BOOST_TEST(r.exit_code == 1);
  BOOST_TEST(r.out.find("graph_xyz: ") == 0u);
  BOOST_TEST(r.err.find("graph_xyz: error: ") == 0u, r.err);
  BOOST_TEST(r.err.find("/proc/no/such/folder") != std::string::npos, r.err);
}

// --full-size changes nothing for a chapter that has no smaller default.
BOOST_AUTO_TEST_CASE(full_size_is_accepted_by_every_chapter) {
  const Run small = run("graph_neuron", "--format json"), full = run("graph_neuron", "--format json --full-size");
  BOOST_TEST(full.exit_code == 0);
  BOOST_TEST(full.out == small.out);
}

BOOST_AUTO_TEST_CASE(the_workbook_prints_every_chapter_in_order) {
  const Run all = run("nnwb", "");
  BOOST_TEST(all.exit_code == 0);
  std::size_t last = 0;
  for (const auto& id : chapter_ids()) {
    const auto at = all.out.find(id + ": ");
    BOOST_TEST_REQUIRE(at != std::string::npos, id);
    BOOST_TEST(at >= last, id);
    last = at;
  }
  const Run json = run("nnwb", "--format json --seed 5");
  BOOST_TEST(json.exit_code == 0);
  BOOST_TEST(nlohmann::json::parse(json.out).size() == chapter_ids().size());
  const Run one = run("nnwb", "graph_xyz 5");  // by name and by number
  BOOST_TEST(one.exit_code == 0);
  BOOST_TEST(one.out.find("graph_xyz: ") != std::string::npos);
  BOOST_TEST(one.out.find("delta_recursion: ") != std::string::npos);
  BOOST_TEST(one.out.find("perceptron: ") == std::string::npos);
  const Run part = run("nnwb", "7-9");  // one part of the catalogue
  BOOST_TEST(part.exit_code == 0);
  for (const char* id : {"neuron_geometry: ", "logic_units: ", "xnor_mlp: "})
    BOOST_TEST(part.out.find(id) != std::string::npos, id);
  BOOST_TEST(part.out.find("graph_neuron: ") == std::string::npos);
  BOOST_TEST(run("nnwb", "30-40").exit_code == 2);  // a range with no chapter in it
  const Run list = run("nnwb", "--list");
  BOOST_TEST(list.exit_code == 0);
  BOOST_TEST(lines(list.out) == chapter_ids().size());
  const Run unknown = run("nnwb", "no_such_chapter");
  BOOST_TEST(unknown.exit_code == 2);
  BOOST_TEST(unknown.err == "nnwb: error: no chapter 'no_such_chapter' (see nnwb --list)\n");
}

BOOST_AUTO_TEST_SUITE_END()
