#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "core/result.h"
#include "core/secret_string.h"

namespace reghub::cli {

// What `reghub login` remembers: the hub's base URL and a bearer token.
struct CliConfig {
  std::string server;  // "https://hub.example.com" (no trailing slash)
  SecretString token;
};

// The process environment as the CLI reads it (injected for tests).
using Environment = std::map<std::string, std::string>;
Environment CurrentEnvironment();

// $XDG_CONFIG_HOME/reghub/config.json when XDG_CONFIG_HOME is set and not
// empty, else $HOME/.config/reghub/config.json; failed_precondition when
// neither variable is set.
Result<std::filesystem::path> ConfigPath(const Environment& env);

// The stored config: {"server":"…","token":"…"}. A missing file is an empty
// config; a malformed one is an error naming the file.
Result<CliConfig> LoadConfig(const std::filesystem::path& path);

// Writes the config atomically (temporary file + rename): the directory is
// created with mode 0700 (and tightened to 0700 when it exists), the file
// has mode 0600 from its creation.
Status SaveConfig(const std::filesystem::path& path, const CliConfig& config);

// The stored config with REGHUB_SERVER and REGHUB_TOKEN applied over it
// (an environment value wins when set and not empty).
Result<CliConfig> EffectiveConfig(const Environment& env);

// Checks and tidies a server URL given by a user: http:// or https:// is
// required, trailing slashes are removed. invalid_argument otherwise.
Result<std::string> NormalizeServerUrl(const std::string& url);

}  // namespace reghub::cli
