// LaTeX to plain Unicode for the terminal form of a trace. It knows the small part of LaTeX that
// the chapters' formulas use; anything else passes through with its backslash dropped.
#include <cctype>
#include <map>
#include <string>
#include <string_view>

#include "nnwb/detail/number_format.hpp"

namespace nnwb::detail {
namespace {

const std::map<std::string, std::string, std::less<>>& symbols() {
  static const std::map<std::string, std::string, std::less<>> table = {
      {"partial", "∂"}, {"sigma", "σ"},  {"delta", "δ"},   {"Delta", "Δ"},    {"eta", "η"},
      {"alpha", "α"},   {"beta", "β"},   {"lambda", "λ"},  {"theta", "θ"},    {"phi", "φ"},
      {"varphi", "φ"},  {"epsilon", "ε"}, {"varepsilon", "ε"}, {"mu", "μ"},   {"pi", "π"},
      {"xi", "ξ"},      {"tau", "τ"},    {"omega", "ω"},   {"gamma", "γ"},    {"rho", "ρ"},
      {"Sigma", "Σ"},   {"nabla", "∇"},  {"sum", "Σ"},     {"prod", "Π"},     {"cdot", "·"},
      {"times", "×"},   {"circ", "∘"},   {"odot", "⊙"},    {"le", "≤"},       {"leq", "≤"},
      {"ge", "≥"},      {"geq", "≥"},    {"ne", "≠"},      {"neq", "≠"},      {"approx", "≈"},
      {"in", "∈"},      {"notin", "∉"},  {"to", "→"},      {"rightarrow", "→"}, {"leftarrow", "←"},
      {"gets", "←"},    {"Rightarrow", "⇒"}, {"iff", "⇔"}, {"equiv", "≡"},    {"infty", "∞"},
      {"pm", "±"},      {"top", "ᵀ"},    {"quad", "  "},   {"qquad", "    "}, {"ldots", "…"},
      {"cdots", "⋯"},   {"dots", "…"},   {"mid", "|"},     {"forall", "∀"},   {"exists", "∃"},
      {"neg", "¬"},     {"land", "∧"},   {"lor", "∨"},     {"emptyset", "∅"}, {"setminus", "∖"},
      {"cup", "∪"},     {"cap", "∩"},    {"langle", "⟨"},  {"rangle", "⟩"},   {"lVert", "‖"},
      {"rVert", "‖"},   {"|", "‖"},      {"{", "{"},       {"}", "}"},        {",", " "},
      {";", " "},       {":", " "},      {"!", ""},        {" ", " "},        {"\\", "; "},
      {"uparrow", "↑"}, {"downarrow", "↓"}, {"ell", "ℓ"}, {"prime", "′"}, {"Phi", "Φ"}, {"perp", "⊥"}, {"oplus", "⊕"}, {"otimes", "⊗"}, {"parallel", "∥"}, {"Psi", "Ψ"}, {"Omega", "Ω"},
      {"Gamma", "Γ"}, {"Lambda", "Λ"}, {"Theta", "Θ"}, {"Pi", "Π"}, {"psi", "ψ"}, {"zeta", "ζ"},
      {"kappa", "κ"}, {"chi", "χ"}, {"nu", "ν"}, {"varrho", "ρ"}, {"vartheta", "θ"}, {"vdots", "⋮"}, {"ast", "∗"}, {"cong", "≅"}, {"ll", "≪"}, {"gg", "≫"}, {"sim", "∼"},
      {"Xi", "Ξ"},
      {"propto", "∝"}};
  return table;
}

const std::map<char, std::string>& superscripts() {
  static const std::map<char, std::string> table = {
      {'0', "⁰"}, {'1', "¹"}, {'2', "²"}, {'3', "³"}, {'4', "⁴"}, {'5', "⁵"}, {'6', "⁶"},
      {'7', "⁷"}, {'8', "⁸"}, {'9', "⁹"}, {'+', "⁺"}, {'-', "⁻"}, {'(', "⁽"}, {')', "⁾"},
      {'n', "ⁿ"}, {'i', "ⁱ"}, {'T', "ᵀ"}, {'=', "⁼"}, {'a', "ᵃ"}, {'b', "ᵇ"}, {'c', "ᶜ"},
      {'d', "ᵈ"}, {'e', "ᵉ"}, {'f', "ᶠ"}, {'g', "ᵍ"}, {'h', "ʰ"}, {'j', "ʲ"}, {'k', "ᵏ"},
      {'l', "ˡ"}, {'m', "ᵐ"}, {'o', "ᵒ"}, {'p', "ᵖ"}, {'r', "ʳ"}, {'s', "ˢ"}, {'t', "ᵗ"},
      {'u', "ᵘ"}, {'v', "ᵛ"}, {'w', "ʷ"}, {'x', "ˣ"}, {'y', "ʸ"}, {'z', "ᶻ"}, {'L', "ᴸ"},
      {'N', "ᴺ"}, {'K', "ᴷ"}, {'M', "ᴹ"}, {'H', "ᴴ"}, {'D', "ᴰ"}, {' ', ""}, {'*', "*"}};
  return table;
}

const std::map<char, std::string>& subscripts() {
  static const std::map<char, std::string> table = {
      {'0', "₀"}, {'1', "₁"}, {'2', "₂"}, {'3', "₃"}, {'4', "₄"}, {'5', "₅"}, {'6', "₆"},
      {'7', "₇"}, {'8', "₈"}, {'9', "₉"}, {'+', "₊"}, {'-', "₋"}, {'(', "₍"}, {')', "₎"},
      {'a', "ₐ"}, {'e', "ₑ"}, {'h', "ₕ"}, {'i', "ᵢ"}, {'j', "ⱼ"}, {'k', "ₖ"}, {'l', "ₗ"},
      {'m', "ₘ"}, {'n', "ₙ"}, {'o', "ₒ"}, {'p', "ₚ"}, {'r', "ᵣ"}, {'s', "ₛ"}, {'t', "ₜ"},
      {'u', "ᵤ"}, {'v', "ᵥ"}, {'x', "ₓ"}, {'=', "₌"}, {',', ","}, {' ', ""}};
  return table;
}

class Converter {
 public:
  explicit Converter(std::string_view in) : in_(in) {}

  std::string run() {
    std::string out;
    while (pos_ < in_.size()) out += next();
    return out;
  }

 private:
  // One unit of output: a command, a group, a script or a character.
  std::string next() {
    const char c = in_[pos_];
    if (c == '\\') return command();
    if (c == '{') return convert(group());
    if (c == '}') { ++pos_; return {}; }
    if (c == '^' || c == '_') {
      ++pos_;
      return script(c == '^' ? superscripts() : subscripts(), c);
    }
    if (c == '&' || c == '~') { ++pos_; return " "; }
    ++pos_;
    return std::string(1, c);
  }

  // The raw text of a {…} group (or of one character or command when there is no brace).
  std::string group() {
    while (pos_ < in_.size() && in_[pos_] == ' ') ++pos_;
    if (pos_ >= in_.size()) return {};
    if (in_[pos_] != '{') {
      if (in_[pos_] == '\\') {
        const std::size_t start = pos_++;
        while (pos_ < in_.size() && std::isalpha(static_cast<unsigned char>(in_[pos_]))) ++pos_;
        if (pos_ == start + 1 && pos_ < in_.size()) ++pos_;
        return std::string(in_.substr(start, pos_ - start));
      }
      // UTF-8: take the whole code point.
      std::size_t len = 1;
      const auto lead = static_cast<unsigned char>(in_[pos_]);
      if (lead >= 0xF0) len = 4; else if (lead >= 0xE0) len = 3; else if (lead >= 0xC0) len = 2;
      std::string s(in_.substr(pos_, len));
      pos_ += len;
      return s;
    }
    int depth = 0;
    const std::size_t start = ++pos_;
    while (pos_ < in_.size()) {
      if (in_[pos_] == '\\' && pos_ + 1 < in_.size()) { pos_ += 2; continue; }
      if (in_[pos_] == '{') ++depth;
      if (in_[pos_] == '}') {
        if (depth == 0) break;
        --depth;
      }
      ++pos_;
    }
    std::string s(in_.substr(start, pos_ - start));
    if (pos_ < in_.size()) ++pos_;  // the closing brace
    return s;
  }

  static std::string convert(const std::string& latex) { return Converter(latex).run(); }

  // a/b reads right only when a and b are single terms: a number, one symbol (with its
  // scripts and accents), or ∂ and one symbol. Anything else gets parentheses: 1/(2ε).
  static std::string wrap(const std::string& s) {
    if (s.empty() || (s.front() == '(' && s.back() == ')')) return s;
    // A function applied to one argument is one term: P(C₁), σ(a).
    if (s.back() == ')' && s.find_first_of(" +-·×/") == std::string::npos) return s;
    // A norm or absolute value of one term is one term: ‖w‖, |x|.
    for (const std::string bar : {"‖", "|"})
      if (s.size() > 2 * bar.size() && s.rfind(bar, 0) == 0 && s.compare(s.size() - bar.size(), bar.size(), bar) == 0 &&
          s.find_first_of(" +-·×/") == std::string::npos)
        return s;
    if (s.find_first_not_of("0123456789.") == std::string::npos) return s;
    std::size_t bases = 0;
    bool partial = false;
    for (std::size_t i = 0; i < s.size();) {
      const auto lead = static_cast<unsigned char>(s[i]);
      const std::size_t len = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
      const std::string glyph = s.substr(i, len);
      i += len;
      if (glyph == "∂" && bases == 0) {
        partial = true;
        continue;
      }
      if (is_script_or_mark(glyph)) continue;
      ++bases;
    }
    return bases <= 1 && (!partial || s != "∂") ? s : "(" + s + ")";
  }

  // Sub- and superscript glyphs, primes and combining accents belong to the symbol before them.
  static bool is_script_or_mark(const std::string& glyph) {
    if (glyph == "′" || glyph == "\u0302" || glyph == "\u0304" || glyph == "\u0303" || glyph == "\u20D7")
      return true;
    for (const auto* table : {&superscripts(), &subscripts()})
      for (const auto& [ascii, script] : *table)
        if (!script.empty() && script == glyph) return true;
    return false;
  }

  std::string script(const std::map<char, std::string>& table, char mark) {
    const std::string content = convert(group());
    if (content == "ᵀ" || content == "′") return content;  // ^\top, ^\prime: already a script
    std::string out;
    for (char ch : content) {
      const auto it = table.find(ch);
      if (it == table.end()) return std::string(1, mark) + (content.size() > 1 ? "(" + content + ")" : content);
      out += it->second;
    }
    return out;
  }

  std::string command() {
    ++pos_;  // the backslash
    const std::size_t start = pos_;
    while (pos_ < in_.size() && std::isalpha(static_cast<unsigned char>(in_[pos_]))) ++pos_;
    if (pos_ == start && pos_ < in_.size()) ++pos_;  // a one-character command: \, \\ \{
    const std::string name(in_.substr(start, pos_ - start));
    if (name == "frac" || name == "dfrac" || name == "tfrac") {
      const std::string num = convert(group());
      const std::string den = convert(group());
      const std::string fraction = wrap(num) + "/" + wrap(den);
      // "\frac{1}{2}\mu" must not read 1/2μ: a fraction followed by a factor gets parentheses.
      if (pos_ < in_.size() && (std::isalpha(static_cast<unsigned char>(in_[pos_])) || in_[pos_] == '\\'))
        return "(" + fraction + ")";
      return fraction;
    }
    if (name == "sqrt") return "√" + wrap(convert(group()));
    if (name == "overset" || name == "stackrel") {  // \overset{?}{=} → "=?"
      const std::string over = convert(group());
      return convert(group()) + over;
    }
    if (name == "hat") return convert(group()) + "\u0302";
    if (name == "bar" || name == "overline") return convert(group()) + "\u0304";
    if (name == "tilde") return convert(group()) + "\u0303";
    if (name == "vec") return convert(group()) + "\u20D7";
    if (name == "mathbb") {
      const std::string g = group();
      if (g == "1") return "𝟙";
      if (g == "R") return "ℝ";
      return g;
    }
    if (name == "text" || name == "mathrm" || name == "mathbf" || name == "mathit" ||
        name == "boldsymbol" || name == "operatorname" || name == "mathcal" || name == "textbf" ||
        name == "emph")
      return convert(group());
    if (name == "left" || name == "right" || name == "big" || name == "Big" || name == "bigl" ||
        name == "bigr" || name == "Bigl" || name == "Bigr") {
      if (pos_ < in_.size() && in_[pos_] == '.') ++pos_;  // \left. prints nothing
      return {};
    }
    if (name == "begin" || name == "end") {
      const std::string env = group();
      if (env == "pmatrix") return name == "begin" ? "(" : ")";
      if (env == "bmatrix") return name == "begin" ? "[" : "]";
      return {};
    }
    if (const auto it = symbols().find(name); it != symbols().end()) {
      // LaTeX swallows the space after a command word: "\partial f" is ∂f. Operators and
      // relations keep theirs, so "a \cdot b" stays "a · b".
      static const std::string_view spaced[] = {"cdot", "times", "le", "leq", "ge", "geq", "ne",
                                                "neq", "approx", "in", "notin", "to", "rightarrow",
                                                "leftarrow", "gets", "Rightarrow", "iff", "equiv",
                                                "circ", "odot", "pm", "mid", "land", "lor", "cup",
                                                "cap", "setminus", "quad", "qquad", "perp", "oplus", "otimes", "cong", "ll",
                                                "gg", "sim", "propto"};
      bool keep_space = !std::isalpha(static_cast<unsigned char>(name.front()));
      for (auto word : spaced) keep_space = keep_space || word == name;
      if (!keep_space) {
        // "\partial f" is ∂f, but "\eta = 1" keeps its space: swallow it only before a letter,
        // a digit, a command or a group.
        std::size_t after = pos_;
        while (after < in_.size() && in_[after] == ' ') ++after;
        if (after < in_.size() && (std::isalnum(static_cast<unsigned char>(in_[after])) ||
                                   in_[after] == '\\' || in_[after] == '{'))
          pos_ = after;
      }
      return it->second;
    }
    // \log, \exp, \cos, \max: the name itself. "\cos\theta" reads "cos θ", "\log(x)" stays "log(x)",
    // and "\ln\frac{a}{b}" reads "ln(a/b)", not "(ln a)/b".
    while (pos_ < in_.size() && in_[pos_] == ' ') ++pos_;
    if (in_.compare(pos_, 5, "\\frac") == 0) {
      pos_ += 5;
      const std::string num = convert(group());
      const std::string den = convert(group());
      return name + "(" + wrap(num) + "/" + wrap(den) + ")";
    }
    if (pos_ < in_.size() && (std::isalpha(static_cast<unsigned char>(in_[pos_])) || in_[pos_] == '\\'))
      return name + " ";
    return name;
  }

  std::string_view in_;
  std::size_t pos_ = 0;
};

}  // namespace

std::string latex_to_text(const std::string& latex) { return Converter(latex).run(); }

std::size_t display_width(const std::string& text) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const std::size_t len = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    // Combining marks (U+0300–U+036F, U+20D0–U+20FF) sit on the character before them.
    const bool combining = (lead == 0xCC || (lead == 0xCD && static_cast<unsigned char>(text[i + 1]) < 0xB0)) ||
                           (lead == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x83 &&
                            static_cast<unsigned char>(text[i + 2]) >= 0x90 && static_cast<unsigned char>(text[i + 2]) <= 0xBF);
    if (!combining) ++width;
    i += len;
  }
  return width;
}

std::string pad_right(const std::string& text, std::size_t width) {
  const std::size_t used = display_width(text);
  return used >= width ? text : text + std::string(width - used, ' ');
}

std::string prose_to_text(const std::string& prose) {
  std::string out;
  std::size_t pos = 0;
  while (pos < prose.size()) {
    const auto open = prose.find('$', pos);
    if (open == std::string::npos) break;
    const auto close = prose.find('$', open + 1);
    if (close == std::string::npos) break;
    out.append(prose, pos, open - pos);
    out += latex_to_text(prose.substr(open + 1, close - open - 1));
    pos = close + 1;
  }
  out.append(prose, pos);
  return out;
}

}  // namespace nnwb::detail
