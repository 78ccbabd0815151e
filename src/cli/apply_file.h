#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "cli/api_client.h"
#include "cli/config_store.h"

namespace reghub::cli {

// One registry as an apply file declares it.
struct DesiredRegistry {
  std::string url;  // as written in the file
  int line = 0;     // 1-based line of its entry
  // The full desired state as an API body: every field of the registry,
  // absent ones at their defaults (display_name "", mirrors [], tls verify,
  // usage defaults, ...), secrets resolved. `provider` defaults to "generic"
  // on create and is left as stored on update when not written;
  // `credentials` only when written (absent credentials are left as stored).
  Json create_body;
  // create_body without "url" (immutable), for PATCH.
  Json update_body;
};

// A problem found in the file, reported as "<file>:<line>: <field>: <message>".
struct ApplyFileProblem {
  int line = 0;
  std::string field;  // "registries[0].credentials.password"; "" for the whole file
  std::string message;

  bool operator==(const ApplyFileProblem&) const = default;
};

struct ApplyFile {
  std::vector<DesiredRegistry> registries;
  std::vector<ApplyFileProblem> problems;  // empty when the file is valid
};

// Parses and validates an apply file (format below) completely before
// anything is sent: unknown keys, wrong types, missing required fields,
// duplicate URLs and inline secrets are all reported, each with its line.
// Secrets are read from `*_from: {env: NAME}` (from `env`) or
// `*_from: {file: PATH}` (relative to `base_dir`); an inline `password`,
// `secret_access_key`, `session_token` or `json_key` is refused.
//
//   registries:
//     - url: registry.example.com:5000          # required
//       provider: generic                        # see ProviderName(); default generic
//       display_name: Build cache
//       description: ...
//       access: private                          # or public
//       credentials:                             # omitted: left as stored
//         kind: basic                            # see CredentialKindName()
//         username: ci
//         password_from: {env: REG_PASSWORD}     # or {file: ./password.txt}
//         # also: access_key_id, secret_access_key_from, session_token_from,
//         #       fips, json_key_from
//       mirrors:
//         - {upstream: docker.io, path_prefix: dockerhub}
//       tls: {mode: verify-with-ca, ca_file: ./ca.pem}   # or ca_pem: "-----BEGIN…"
//       force_plain_http: false
//       usage: {push_images: true, push_charts: false,
//               chart_repositories: [charts], default: false}
//       repositories: [library/alpine]
ApplyFile ParseApplyFile(std::string_view text, const std::filesystem::path& base_dir,
                         const Environment& env);

// "registries.yaml:7: registries[0].credentials.password: …"
std::string FormatProblem(const std::string& file_name, const ApplyFileProblem& problem);

}  // namespace reghub::cli
