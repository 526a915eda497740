#pragma once
// Internal: outside text (a student's file, a roster, a file name) made safe to echo. Every message
// that quotes such text goes through echo(), so that every output is valid UTF-8, one line, and of
// a bounded size, whatever the input held.

#include <cstddef>
#include <string>
#include <string_view>

namespace nnwb::detail {

/// Whether `text` is valid UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF).
bool is_valid_utf8(std::string_view text);

/// `text` as valid UTF-8: each byte that does not start a valid sequence becomes U+FFFD (�).
std::string to_valid_utf8(std::string_view text);

/// `text` fit to quote in a message: valid UTF-8 (see to_valid_utf8), control characters written
/// as \n, \t, \r or \xNN, and cut to at most `max_bytes` at a character boundary, with "…" after.
std::string echo(std::string_view text, std::size_t max_bytes = 60);

/// `text` fit to put in HTML or XML, as text or in a quoted attribute: & < > " written as entities.
std::string markup_escaped(std::string_view text);

/// How long a step id, key or student id may be before echo() cuts it in messages.
inline constexpr std::size_t echoed_name_bytes = 60;

}  // namespace nnwb::detail
