#include "registry/www_authenticate.h"

#include <cctype>

#include "registry/text.h"

namespace reghub::registry {
namespace {

bool IsTokenChar(char ch) {
  if (std::isalnum(static_cast<unsigned char>(ch))) return true;
  switch (ch) {
    case '!': case '#': case '$': case '%': case '&': case '\'': case '*': case '+':
    case '-': case '.': case '^': case '_': case '`': case '|': case '~':
      return true;
    default:
      return false;
  }
}

// A cursor over the header text.
class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}

  bool AtEnd() const { return pos_ >= text_.size(); }
  char Peek() const { return AtEnd() ? '\0' : text_[pos_]; }
  void SkipSpace() {
    while (!AtEnd() && (text_[pos_] == ' ' || text_[pos_] == '\t')) ++pos_;
  }
  void SkipSpaceAndCommas() {
    while (!AtEnd() && (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == ',')) ++pos_;
  }
  std::string Token() {
    std::size_t start = pos_;
    while (!AtEnd() && IsTokenChar(text_[pos_])) ++pos_;
    return std::string(text_.substr(start, pos_ - start));
  }
  // token68 may end with '=' padding.
  std::string Token68Tail() {
    std::size_t start = pos_;
    while (!AtEnd() && text_[pos_] == '=') ++pos_;
    return std::string(text_.substr(start, pos_ - start));
  }
  bool Consume(char ch) {
    if (Peek() != ch) return false;
    ++pos_;
    return true;
  }
  // After the opening quote: reads to the closing quote, resolving escapes.
  std::string QuotedRest() {
    std::string out;
    while (!AtEnd()) {
      char ch = text_[pos_++];
      if (ch == '"') return out;
      if (ch == '\\' && !AtEnd()) ch = text_[pos_++];
      out.push_back(ch);
    }
    return out;  // unterminated: keep what there is
  }
  std::size_t pos() const { return pos_; }
  void set_pos(std::size_t pos) { pos_ = pos; }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

}  // namespace

std::string Challenge::Param(std::string_view key) const {
  auto it = params.find(std::string(key));
  return it == params.end() ? "" : it->second;
}

std::vector<Challenge> ParseWwwAuthenticate(std::string_view header) {
  std::vector<Challenge> challenges;
  Scanner scan(header);
  scan.SkipSpaceAndCommas();
  while (!scan.AtEnd()) {
    std::string scheme = scan.Token();
    if (scheme.empty()) break;  // garbage: stop
    Challenge challenge{ToLowerAscii(scheme), {}};
    scan.SkipSpace();
    // Parameters until the next "token SP" that starts a new challenge.
    while (!scan.AtEnd()) {
      scan.SkipSpaceAndCommas();
      std::size_t mark = scan.pos();
      std::string key = scan.Token();
      if (key.empty()) {
        scan.set_pos(scan.AtEnd() ? scan.pos() : scan.pos() + 1);  // skip a stray character
        continue;
      }
      scan.SkipSpace();
      if (!scan.Consume('=')) {
        scan.set_pos(mark);  // "Scheme2 ..." begins the next challenge
        break;
      }
      scan.SkipSpace();
      std::string value;
      if (scan.Consume('"')) {
        value = scan.QuotedRest();
      } else {
        value = scan.Token();
        if (value.empty()) value = scan.Token68Tail();
      }
      challenge.params[ToLowerAscii(key)] = value;
      scan.SkipSpace();
      if (!scan.AtEnd() && scan.Peek() != ',') {
        // Unexpected text after a value: skip to the next comma.
        while (!scan.AtEnd() && scan.Peek() != ',') scan.set_pos(scan.pos() + 1);
      }
    }
    challenges.push_back(std::move(challenge));
    scan.SkipSpaceAndCommas();
  }
  return challenges;
}

std::vector<Challenge> ParseWwwAuthenticateHeaders(const std::vector<std::string>& headers) {
  std::vector<Challenge> all;
  for (const auto& header : headers) {
    auto parsed = ParseWwwAuthenticate(header);
    all.insert(all.end(), parsed.begin(), parsed.end());
  }
  return all;
}

const Challenge* FindChallenge(const std::vector<Challenge>& challenges, std::string_view scheme) {
  for (const auto& challenge : challenges) {
    if (EqualsIgnoreCase(challenge.scheme, scheme)) return &challenge;
  }
  return nullptr;
}

}  // namespace reghub::registry
