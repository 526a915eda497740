// Answer files for the practice pages' test (tests/browser/practice_pages_test.py), one folder of
// them per run:
//
//   practice_answers DIR
//
// For every exercise, on student s1234567's variant, DIR/<exercise>.key.toml holds the key's answers
// and DIR/<exercise>.mistake.<step>.<mistake>.toml the key's answers with one step answered by one
// of its named mistakes (the usual wrong formula, computed from the key's own inputs), for each
// named mistake that gives this variant a number. The test types each file's answers into the page
// and expects the page's grade to be the native grader's, and most to name the mistake (a mistake
// may give the right number on some variant, where "correct" wins, as tests/grading_test.cpp says).
#include <Eigen/Core>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "exercises.hpp"
#include "support/answers.hpp"

static bool finite(const nnwb::Value& value) {
  if (const auto* x = std::get_if<double>(&value)) return std::isfinite(*x);
  if (const auto* v = std::get_if<Eigen::VectorXd>(&value)) return v->allFinite();
  if (const auto* m = std::get_if<Eigen::MatrixXd>(&value)) return m->allFinite();
  return true;
}

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: practice_answers DIR\n";
    return 2;
  }
  const std::filesystem::path dir = argv[1];
  std::filesystem::create_directories(dir);
  const nnwb::Variant variant = nnwb::Variant::for_student("s1234567");
  const auto write = [&](const std::string& name, const std::string& text) {
    std::ofstream(dir / name) << text;
  };
  for (const nnwb::Exercise& exercise : nnwb::exercises::all()) {
    const nnwb::Trace key = exercise.build(variant.seed);
    const auto answers = nnwb::test::key_answers(exercise, key);
    write(exercise.id() + ".key.toml", nnwb::test::answer_file_text(exercise.id(), variant, answers));
    for (const nnwb::AskedStep& asked : exercise.asked())
      for (const nnwb::Mistake& mistake : asked.mistakes) {
        nnwb::Inputs inputs;
        const nnwb::Step& step = key.step_at(asked.step);
        for (const std::string& name : mistake.inputs.empty() ? step.inputs : mistake.inputs)
          inputs.add(name, &key.value(name));
        const nnwb::Value wrong = mistake.compute(inputs);
        if (!finite(wrong)) continue;  // no number on this variant (a division by zero, say)
        auto with_mistake = answers;
        with_mistake[asked.step] = nnwb::test::toml_value(wrong);
        write(exercise.id() + ".mistake." + asked.step + "." + mistake.id + ".toml",
              nnwb::test::answer_file_text(exercise.id(), variant, with_mistake));
      }
  }
  return 0;
}
