#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/registry_url.h"
#include "core/secret_string.h"

namespace reghub {

// Seconds since the Unix epoch, UTC. Rendered as RFC 3339 ("2026-11-26T22:39:00Z").
using UnixSeconds = std::int64_t;

enum class Provider { kGeneric, kDockerHub, kEcr, kAcr, kGcpArtifactRegistry, kGcr, kQuay };
enum class Access { kPrivate, kPublic };
enum class CredentialKind { kNone, kBasic, kEcrAccessKey, kEcrInstanceRole, kGcpServiceAccount };
enum class TlsMode { kVerify, kVerifyWithCa, kInsecure, kPlainHttp };

// Wire names: "generic", "docker-hub", "ecr", "acr", "gcp-artifact-registry", "gcr", "quay".
std::string_view ProviderName(Provider provider);
std::optional<Provider> ParseProvider(std::string_view name);
// "private" / "public".
std::string_view AccessName(Access access);
std::optional<Access> ParseAccess(std::string_view name);
// "none", "basic", "ecr-access-key", "ecr-instance-role", "gcp-service-account".
std::string_view CredentialKindName(CredentialKind kind);
std::optional<CredentialKind> ParseCredentialKind(std::string_view name);
// "verify", "verify-with-ca", "insecure", "plain-http".
std::string_view TlsModeName(TlsMode mode);
std::optional<TlsMode> ParseTlsMode(std::string_view name);

// Every wire name of each enum, in declaration order: for "expected one of"
// messages, API schemas and UI choices.
std::span<const std::string_view> ProviderNames();
std::span<const std::string_view> AccessNames();
std::span<const std::string_view> CredentialKindNames();
std::span<const std::string_view> TlsModeNames();

// Credentials as submitted on create or replace. Secret fields are SecretString
// and never leave the service layer except sealed.
struct CredentialsInput {
  CredentialKind kind = CredentialKind::kNone;
  std::string username;                  // basic
  SecretString password;                 // basic
  std::string access_key_id;             // ecr-access-key
  SecretString secret_access_key;        // ecr-access-key
  SecretString session_token;            // ecr-access-key, optional
  std::string region;                    // ecr-*: derived from the URL when empty
  bool fips = false;                     // ecr-*: use the FIPS endpoints
  SecretString json_key;                 // gcp-service-account, compact JSON
};

// What the API may show about stored credentials: never a secret value.
struct CredentialsInfo {
  CredentialKind kind = CredentialKind::kNone;
  std::string fingerprint;               // keyed hash of the secret material; "" for none
  UnixSeconds replaced_at = 0;
  std::string username;                  // basic
  std::string access_key_id;             // ecr-access-key
  std::string region;                    // ecr-*
  bool fips = false;                     // ecr-*
  std::string client_email;              // gcp-service-account, read from the key

  bool operator==(const CredentialsInfo&) const = default;
};

// A registry this one mirrors: `upstream` is a canonical registry URL, and
// `path_prefix` is where its content lives on this registry ("" for the root).
struct Mirror {
  std::string upstream;
  std::string path_prefix;

  bool operator==(const Mirror&) const = default;
};

struct TlsSettings {
  TlsMode mode = TlsMode::kVerify;
  std::string ca_pem;                    // verify-with-ca only: the PEM bundle, normalised
  std::string ca_fingerprint;            // sha256 of the DER certificates, hex; "" without a bundle

  bool operator==(const TlsSettings&) const = default;
};

struct Usage {
  bool push_images = true;
  bool push_charts = false;
  bool chart_repository = false;
  std::vector<std::string> chart_repositories;
  bool is_default = false;

  bool operator==(const Usage&) const = default;
};

// An artifact registry as stored and shown (DESIGN.md §1).
struct Registry {
  std::string id;
  RegistryUrl url;
  std::string display_name;
  std::string description;
  Provider provider = Provider::kGeneric;
  Access access = Access::kPrivate;
  CredentialsInfo credentials;
  std::vector<Mirror> mirrors;
  TlsSettings tls;
  Usage usage;
  std::vector<std::string> repositories;  // public registries: the repositories to use
  std::int64_t revision = 1;
  UnixSeconds permissions_deadline = 0;
  UnixSeconds created_at = 0;
  std::string created_by;
  UnixSeconds updated_at = 0;
  std::string updated_by;

  bool operator==(const Registry&) const = default;
};

}  // namespace reghub
