#pragma once
/// @file code_exercise.hpp
/// A code exercise (issue 13): a function the student writes, in C++ or in Python, graded against the
/// chapter's trace step by step. Each result of the function is a step of the trace, so it is graded
/// as the same step on an answer sheet would be: the step's tolerance, its named mistakes, the
/// interval shown being the interval applied. The function runs on several variants (code_variants),
/// and each variant is graded on its own trace.
///
/// How a submission is run (the host layer does it, in the sandbox: code_runner.hpp):
/// 1. plan_code_run lists every call: for each variant, each CodeCall of the exercise with its
///    arguments taken from that variant's trace, and for each DerivativeCheck the forward function at
///    the points of a central difference;
/// 2. encode_calls writes them in the harness's text protocol (below), which the harness (C++:
///    exercises/code/harness.cpp, Python: exercises/code/harness.py) reads on its standard input;
///    it calls the student's functions and writes each call's results on its standard output;
/// 3. decode_results reads them back; grade_code grades each variant and sums the points.
///
/// The protocol, one item per line, numbers written with 17 significant digits (exact for a double):
/// @code
/// nnwb-code 1 <number of calls>
/// call <index> <function> <number of arguments> <number of results>
/// <kind: s scalar, v vector, m matrix> <rows> <cols> <values, row by row>
/// …
/// @endcode
/// and back:
/// @code
/// result <index> <number of results>
/// <rows> <cols> <values, row by row>
/// error <index> <what went wrong, on one line>
/// @endcode
///
/// Example (exercises/code/gate.cpp has the real one):
/// @code
/// nnwb::Exercise steps("code.gate", "graph_xyz", "…", nnwb::chapters::graph_xyz);
/// steps.ask("grad.x").tolerance(nnwb::code_tolerance());
/// nnwb::CodeExercise e("code.gate", "The backward pass of (x + y)z", std::move(steps));
/// e.function({.name = "gate_backward", …});
/// e.call({.function = "gate_backward", .arguments = {"x", "y", "z"}, .results = {"grad.x", "grad.y", "grad.z"}});
/// @endcode

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "nnwb/exercise.hpp"
#include "nnwb/grading.hpp"

namespace nnwb {

enum class CodeLanguage { cpp, python };
/// "C++", "Python".
std::string_view language_name(CodeLanguage language);
/// The language of a file name by its extension (.cpp, .cc, .cxx: C++; .py: Python); none otherwise.
std::optional<CodeLanguage> language_of_file(std::string_view file_name);

/// An argument or a result of a function, as the student's code sees it.
struct CodeValue {
  std::string name;     ///< as in the signatures: "W1"
  ValueKind kind = ValueKind::scalar;  ///< scalar, vector or matrix
  std::string meaning;  ///< words and shape: "the hidden layer's weights, h × d"
};

/// A function the student writes.
struct CodeFunction {
  std::string name;     ///< the same in both languages: "softmax_jacobian"
  std::string summary;  ///< one line: "The softmax Jacobian J = ∂y/∂a"
  std::string formula;  ///< the lecture's formula in plain Unicode, for the starter file's comments
  std::vector<CodeValue> arguments;
  std::vector<CodeValue> results;  ///< one, or several returned together (a std::tuple, a Python tuple)
  std::string cpp;                 ///< the declaration, exactly as exercises/code/nnwb_code.hpp has it
  std::string python;              ///< the def line: "def softmax_jacobian(a):"
};

/// One call of a function on a variant: its arguments are values of the variant's trace (parameters
/// or steps, in the function's argument order), and its results are graded as steps of that trace.
struct CodeCall {
  std::string function;
  std::vector<std::string> arguments;
  std::vector<std::string> results;
};

/// A central-difference check of a result against the student's own forward function: `step`, a
/// result of a call, claims to be ∂(the forward's first result)/∂(its argument `with_respect_to`).
/// A scalar forward gives a gradient shaped as that argument; a vector one, wrt a vector, a Jacobian
/// (rows: the forward's results, columns: the argument's entries).
struct DerivativeCheck {
  std::string step;
  CodeCall forward;  ///< its `results` may be empty: the forward's value is not graded here
  std::size_t with_respect_to = 0;
};

/// The tolerance of a step computed by code: relabs with rtol 10⁻⁶, atol 10⁻⁹. Code computes in
/// double precision as the library does; this leaves room for another order of the same sums and
/// for a formula that is equal on paper (the quotient rule against 1 − f²), and none for a mistake.
Tolerance code_tolerance();

class CodeExercise {
 public:
  /// `steps` asks every step that a call's results are graded as, with weights, tolerances and
  /// named mistakes, as an exercise on paper does. Its id, chapter and title are the code exercise's.
  explicit CodeExercise(Exercise steps);

  const std::string& id() const { return steps_.id(); }
  const std::string& title() const { return steps_.title(); }
  const std::string& chapter() const { return steps_.chapter(); }
  /// What to write, said to the student (Markdown).
  const std::string& instructions() const { return steps_.instructions(); }
  /// The grading of the results: the asked steps.
  const Exercise& steps() const { return steps_; }

  CodeExercise& function(CodeFunction function);
  CodeExercise& call(CodeCall call);
  CodeExercise& check_derivative(DerivativeCheck check);

  const std::vector<CodeFunction>& functions() const { return functions_; }
  const std::vector<CodeCall>& calls() const { return calls_; }
  const std::vector<DerivativeCheck>& derivative_checks() const { return checks_; }
  /// The function of this name; throws std::out_of_range when the exercise has none.
  const CodeFunction& function_named(std::string_view name) const;

  /// Problems with the definition against a built trace: unknown functions or names, arguments or
  /// results of the wrong number or kind, results that are not asked, asked steps no call computes.
  std::vector<std::string> problems(const Trace& trace) const;

 private:
  Exercise steps_;
  std::vector<CodeFunction> functions_;
  std::vector<CodeCall> calls_;
  std::vector<DerivativeCheck> checks_;
};

/// How many variants a submission is run on.
inline constexpr int code_variant_count = 10;
/// The variants a submission is run on: from the lecture's numbers, the lecture and seeds 1 to 9;
/// from a seed s, seeds s to s + 9; for a student, the student's seed and the 9 after it.
std::vector<Variant> code_variants(const Variant& first, int count = code_variant_count);

/// What the harness is asked: every call of every variant, numbered in order.
struct PlannedCall {
  std::size_t variant = 0;  ///< index into CodePlan::variants
  CodeCall call;
  std::vector<Value> arguments;
  /// For the points of a central difference: which check, which entry of the argument, and +1 or −1.
  std::optional<std::size_t> check;
  Eigen::Index entry = 0;
  int side = 0;
};

struct CodePlan {
  std::vector<Variant> variants;
  std::vector<Trace> keys;  ///< the trace of each variant
  std::vector<PlannedCall> calls;
};

/// Every call of `exercise` on `variants`, their traces built.
CodePlan plan_code_run(const CodeExercise& exercise, const std::vector<Variant>& variants);
/// The harness's input (the protocol above).
std::string encode_calls(const CodeExercise& exercise, const CodePlan& plan);

/// What one call gave: its results, or why it has none.
struct CallOutput {
  std::vector<Value> results;
  std::string error;  ///< the harness's message for this call ("ValueError: …"); empty when it ran
  bool answered = false;  ///< false when the program ended before answering it
};

/// Reads the harness's output. A line that is not the protocol is a problem of the whole run (the
/// harness keeps the student's own printing apart, so this means the program broke the protocol).
/// Results are shaped as the function's results: a vector may come as an n × 1 matrix.
std::vector<CallOutput> decode_results(std::string_view output, const CodeExercise& exercise, const CodePlan& plan,
                                       std::string& problem);

/// Grades a run: each variant graded on its own trace, each asked step's points the mean of its
/// points over the variants. A step's feedback gives the first variant where it is not correct, the
/// submitted value beside the key, the step's formula with that variant's numbers, the named mistake
/// if one matches, and what the central differences of the student's forward function say.
/// `run_problem` (a compile error, a time limit, …) is the grade's error when no call was answered,
/// else a problem: the calls answered before it are graded.
Grade grade_code(const CodeExercise& exercise, const CodePlan& plan, const std::vector<CallOutput>& outputs,
                 const std::string& file, const std::string& run_problem);

/// The starter file of a code exercise in `language`: each function with its formula, arguments and
/// results (with shapes) in comments, and a body that says it is not written yet.
std::string render_code_template(const CodeExercise& exercise, CodeLanguage language);
/// The exercise as a student reads it (Markdown): what to write, the functions, how to check.
std::string render_code_sheet(const CodeExercise& exercise);

}  // namespace nnwb
