// Outside text made safe to echo (see detail/safe_text.hpp).
#include "nnwb/detail/safe_text.hpp"

#include <fmt/format.h>

namespace nnwb::detail {
namespace {

// The length of the valid UTF-8 sequence that starts at text[i], or 0 if none does (RFC 3629:
// 1 to 4 bytes, the shortest form only, no UTF-16 surrogates, at most U+10FFFF).
std::size_t sequence_length(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char b0 = byte(i);
  if (b0 < 0x80) return 1;
  std::size_t length = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // the allowed range of the second byte
  if (b0 >= 0xC2 && b0 <= 0xDF) length = 2;
  else if (b0 == 0xE0) length = 3, lo = 0xA0;
  else if (b0 == 0xED) length = 3, hi = 0x9F;  // no surrogates
  else if (b0 >= 0xE1 && b0 <= 0xEF) length = 3;
  else if (b0 == 0xF0) length = 4, lo = 0x90;
  else if (b0 == 0xF4) length = 4, hi = 0x8F;  // nothing above U+10FFFF
  else if (b0 >= 0xF1 && b0 <= 0xF3) length = 4;
  else return 0;
  if (i + length > text.size()) return 0;
  if (byte(i + 1) < lo || byte(i + 1) > hi) return 0;
  for (std::size_t k = 2; k < length; ++k)
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
  return length;
}

constexpr std::string_view replacement = "\xEF\xBF\xBD";  // U+FFFD

}  // namespace

bool is_valid_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t n = sequence_length(text, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

std::string to_valid_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t n = sequence_length(text, i);
    if (n == 0) {
      out += replacement;
      ++i;
    } else {
      out.append(text.substr(i, n));
      i += n;
    }
  }
  return out;
}

std::string echo(std::string_view text, std::size_t max_bytes) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t n = sequence_length(text, i);
    std::string piece;
    if (n == 0) piece = replacement;
    else if (n == 1 && text[i] == '\n') piece = "\\n";
    else if (n == 1 && text[i] == '\t') piece = "\\t";
    else if (n == 1 && text[i] == '\r') piece = "\\r";
    else if (n == 1 && (static_cast<unsigned char>(text[i]) < 0x20 || text[i] == 0x7F))
      piece = fmt::format("\\x{:02X}", static_cast<unsigned char>(text[i]));
    else if (n == 2 && static_cast<unsigned char>(text[i]) == 0xC2 && static_cast<unsigned char>(text[i + 1]) < 0xA0)
      piece = fmt::format("\\u{:04X}", static_cast<unsigned char>(text[i + 1]));  // C1 controls
    else piece = std::string(text.substr(i, n));
    if (out.size() + piece.size() > max_bytes) return out + "…";
    out += piece;
    i += n == 0 ? 1 : n;
  }
  return out;
}

std::string markup_escaped(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace nnwb::detail
