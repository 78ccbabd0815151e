#include "store/page_token.h"

#include <algorithm>
#include <array>
#include <charconv>

namespace reghub::store {
namespace {

constexpr std::string_view kAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

Error InvalidToken() { return Error::InvalidField("page_token", "is not a valid page token"); }

int SextetOf(char c) {
  std::size_t position = kAlphabet.find(c);
  return position == std::string_view::npos ? -1 : static_cast<int>(position);
}

}  // namespace

int ClampPageSize(int requested) { return std::clamp(requested, kMinPageSize, kMaxPageSize); }

std::string EncodePageToken(std::string_view key) {
  std::string out;
  out.reserve((key.size() + 2) / 3 * 4);
  std::uint32_t buffer = 0;
  int bits = 0;
  for (unsigned char byte : key) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += kAlphabet[(buffer >> bits) & 0x3f];
    }
  }
  if (bits > 0) out += kAlphabet[(buffer << (6 - bits)) & 0x3f];
  return out;
}

std::string EncodePageToken(std::int64_t key) { return EncodePageToken(std::to_string(key)); }

Result<std::string> DecodeTextPageToken(std::string_view token) {
  if (token.size() % 4 == 1) return InvalidToken();
  std::string out;
  out.reserve(token.size() * 3 / 4);
  std::uint32_t buffer = 0;
  int bits = 0;
  for (char c : token) {
    int sextet = SextetOf(c);
    if (sextet < 0) return InvalidToken();
    buffer = (buffer << 6) | static_cast<std::uint32_t>(sextet);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xff);
    }
  }
  // Leftover bits must be zero, so that each key has exactly one token.
  if ((buffer & ((1u << bits) - 1)) != 0) return InvalidToken();
  return out;
}

Result<std::int64_t> DecodeIntPageToken(std::string_view token) {
  REGHUB_ASSIGN_OR_RETURN(std::string text, DecodeTextPageToken(token));
  std::int64_t key = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), key);
  if (text.empty() || error != std::errc() || end != text.data() + text.size()) {
    return InvalidToken();
  }
  return key;
}

}  // namespace reghub::store
