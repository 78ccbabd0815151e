#pragma once

#include <CLI/CLI.hpp>
#include <iosfwd>
#include <string>
#include <vector>

#include "cli/api_client.h"
#include "core/result.h"

namespace reghub::cli {

// The flags of `reghub registry create` and `update`, one per registry field.
// Secrets never come from a flag value: they are read from stdin
// (--password-stdin, --secret-access-key-stdin, --session-token-stdin) or a
// file (--json-key-file PATH, "-" for stdin). When several *-stdin flags are
// given, stdin holds one secret per line in this fixed order: password,
// secret access key, session token. `--json-key-file -` reads all of stdin
// and cannot be combined with the other *-stdin flags. On a terminal each
// secret is asked for without echo instead.
struct RegistryFlags {
  std::string url, provider, display_name, description, access;
  std::string credential_kind, username, access_key_id, json_key_file;
  bool password_stdin = false, secret_access_key_stdin = false, session_token_stdin = false;
  bool fips = false;
  std::vector<std::string> mirrors;  // "upstream[=prefix]"
  bool clear_mirrors = false;
  std::string tls, ca_file;
  bool force_plain_http = false;
  bool push_images = true, push_charts = false, is_default = false;
  std::vector<std::string> chart_repositories;
  bool no_chart_repository = false;
  std::vector<std::string> repositories;
  bool clear_repositories = false;

  // Which flags were given (CLI11 options, owned by the App).
  CLI::Option* url_option = nullptr;
  CLI::Option* provider_option = nullptr;
  CLI::Option* display_name_option = nullptr;
  CLI::Option* description_option = nullptr;
  CLI::Option* access_option = nullptr;
  CLI::Option* kind_option = nullptr;
  CLI::Option* username_option = nullptr;
  CLI::Option* access_key_id_option = nullptr;
  CLI::Option* json_key_file_option = nullptr;
  CLI::Option* fips_option = nullptr;
  CLI::Option* tls_option = nullptr;
  CLI::Option* ca_file_option = nullptr;
  CLI::Option* force_plain_http_option = nullptr;
  CLI::Option* push_images_option = nullptr;
  CLI::Option* push_charts_option = nullptr;
  CLI::Option* default_option = nullptr;
};

// Adds the flags above to `command`.
void AddRegistryFlags(CLI::App* command, RegistryFlags& flags);

// Builds a create body (`current` null) or an update body (`current` the
// registry as stored: usage and tls are merged over it, because the API
// replaces those objects whole). Only given flags are sent, except that a
// create without --provider asks for "generic". Errors are usage
// errors (bad flag values or combinations, unreadable files); nothing has
// been sent when one is returned. Secrets are read from `in` as documented.
Result<Json> BuildRegistryBody(const RegistryFlags& flags, std::istream& in, bool in_is_terminal,
                               const Json* current);

// Splits "upstream[=prefix]" into a mirror object; invalid_argument when the
// upstream is empty.
Result<Json> ParseMirrorFlag(const std::string& value);

}  // namespace reghub::cli
