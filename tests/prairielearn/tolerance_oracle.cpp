// nnwb's verdicts, for tolerance_prairielearn_test.py to compare with PrairieLearn's own formulas
// run in Python and numpy. Reads lines "MODE A B TRUTH SUBMITTED" (MODE relabs with A = rtol,
// B = atol; sigfig or decdig with A = digits; numbers as C99 hex floats, exact), and writes for
// each "VERDICT<TAB>INTERVAL<TAB>YOURS": 1 or 0, the accepted interval as the grader prints it,
// and the submitted number as the grader prints it beside that interval.
#include <cmath>
#include <cstdlib>
#include <iostream>
#include <sstream>
#include <string>

#include "nnwb/tolerance.hpp"

int main() {
  std::string line;
  while (std::getline(std::cin, line)) {
    std::istringstream in(line);
    std::string mode, a, b, truth_text, submitted_text;
    if (!(in >> mode >> a >> b >> truth_text >> submitted_text)) {
      std::cerr << "tolerance_oracle: cannot read: " << line << "\n";
      return 2;
    }
    const double truth = std::strtod(truth_text.c_str(), nullptr);
    const double submitted = std::strtod(submitted_text.c_str(), nullptr);
    const nnwb::Tolerance tolerance = mode == "relabs"   ? nnwb::Tolerance::relabs(std::strtod(a.c_str(), nullptr),
                                                                                   std::strtod(b.c_str(), nullptr))
                                      : mode == "sigfig" ? nnwb::Tolerance::sigfig(static_cast<int>(std::strtod(a.c_str(), nullptr)))
                                                         : nnwb::Tolerance::decdig(static_cast<int>(std::strtod(a.c_str(), nullptr)));
    std::string interval = nnwb::describe_accepted(truth, tolerance), yours = "-";
    if (std::isfinite(truth) && std::isfinite(submitted)) {
      const nnwb::ShownAnswer shown = nnwb::describe_with(nnwb::accepted_interval(truth, tolerance), submitted);
      interval = shown.interval;
      yours = shown.submitted;
    }
    std::cout << (nnwb::accepts(tolerance, truth, submitted) ? 1 : 0) << '\t' << interval << '\t' << yours << '\n';
  }
  return 0;
}
