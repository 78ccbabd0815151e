#include "secrets/credentials_codec.h"

#include <sodium.h>

#include <array>
#include <cstdint>
#include <optional>
#include <utility>

namespace reghub::secrets {
namespace {

enum Tag : unsigned char {
  kTagKind = 1,
  kTagUsername = 2,
  kTagPassword = 3,
  kTagAccessKeyId = 4,
  kTagSecretAccessKey = 5,
  kTagSessionToken = 6,
  kTagRegion = 7,
  kTagFips = 8,
  kTagJsonKey = 9,
};

constexpr std::size_t kHeaderBytes = 5;

constexpr std::array<std::pair<CredentialKind, std::string_view>, 5> kKindNames{{
    {CredentialKind::kNone, "none"},
    {CredentialKind::kBasic, "basic"},
    {CredentialKind::kEcrAccessKey, "ecr-access-key"},
    {CredentialKind::kEcrInstanceRole, "ecr-instance-role"},
    {CredentialKind::kGcpServiceAccount, "gcp-service-account"},
}};

std::optional<CredentialKind> ParseSealedKind(std::string_view name) {
  for (const auto& [kind, kind_name] : kKindNames) {
    if (kind_name == name) return kind;
  }
  return std::nullopt;
}

struct Field {
  Tag tag;
  std::string_view value;
};

void Append(std::string& out, const Field& field) {
  auto size = static_cast<std::uint32_t>(field.value.size());
  out.push_back(static_cast<char>(field.tag));
  for (int shift = 24; shift >= 0; shift -= 8)
    out.push_back(static_cast<char>((size >> shift) & 0xff));
  out.append(field.value);
}

}  // namespace

std::string_view SealedKindName(CredentialKind kind) {
  for (const auto& [k, name] : kKindNames) {
    if (k == kind) return name;
  }
  return "none";
}

void WipeBuffer(std::string& buffer) {
  if (!buffer.empty()) sodium_memzero(buffer.data(), buffer.size());
}

std::string EncodeCredentials(const CredentialsInput& input) {
  const std::array<Field, 9> fields{{
      {kTagKind, SealedKindName(input.kind)},
      {kTagUsername, input.username},
      {kTagPassword, input.password.Reveal()},
      {kTagAccessKeyId, input.access_key_id},
      {kTagSecretAccessKey, input.secret_access_key.Reveal()},
      {kTagSessionToken, input.session_token.Reveal()},
      {kTagRegion, input.region},
      {kTagFips, input.fips ? "1" : "0"},
      {kTagJsonKey, input.json_key.Reveal()},
  }};
  std::size_t total = 0;
  for (const Field& field : fields) total += kHeaderBytes + field.value.size();
  // Reserved up front: growing would leave unwiped copies in freed memory.
  std::string out;
  out.reserve(total);
  for (const Field& field : fields) Append(out, field);
  return out;
}

Result<CredentialsInput> DecodeCredentials(std::string_view plaintext) {
  CredentialsInput input;
  bool has_kind = false;
  std::size_t pos = 0;
  while (pos < plaintext.size()) {
    if (plaintext.size() - pos < kHeaderBytes) {
      return Error::InvalidArgument("sealed credentials are truncated");
    }
    auto tag = static_cast<unsigned char>(plaintext[pos]);
    std::uint32_t size = 0;
    for (std::size_t i = 1; i < kHeaderBytes; ++i) {
      size = (size << 8) | static_cast<unsigned char>(plaintext[pos + i]);
    }
    pos += kHeaderBytes;
    if (plaintext.size() - pos < size)
      return Error::InvalidArgument("sealed credentials are truncated");
    std::string_view value = plaintext.substr(pos, size);
    pos += size;
    switch (tag) {
      case kTagKind: {
        auto kind = ParseSealedKind(value);
        if (!kind) return Error::InvalidArgument("sealed credentials have an unknown kind");
        input.kind = *kind;
        has_kind = true;
        break;
      }
      case kTagUsername:
        input.username.assign(value);
        break;
      case kTagPassword:
        input.password = SecretString(std::string(value));
        break;
      case kTagAccessKeyId:
        input.access_key_id.assign(value);
        break;
      case kTagSecretAccessKey:
        input.secret_access_key = SecretString(std::string(value));
        break;
      case kTagSessionToken:
        input.session_token = SecretString(std::string(value));
        break;
      case kTagRegion:
        input.region.assign(value);
        break;
      case kTagFips:
        input.fips = value == "1";
        break;
      case kTagJsonKey:
        input.json_key = SecretString(std::string(value));
        break;
      default:
        return Error::InvalidArgument("sealed credentials have an unknown field");
    }
  }
  if (!has_kind) return Error::InvalidArgument("sealed credentials have no kind");
  return input;
}

}  // namespace reghub::secrets
