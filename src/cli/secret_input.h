#pragma once

#include <filesystem>
#include <iosfwd>
#include <string>

#include "core/result.h"
#include "core/secret_string.h"

namespace reghub::cli {

// True when the process's stdin is a terminal.
bool StdinIsTerminal();

// Reads one line from `in` as a secret (a trailing "\r" is dropped).
// invalid_argument naming `what` when the input is at its end or the line is empty.
Result<SecretString> ReadSecretLine(std::istream& in, const std::string& what);

// Reads everything left in `in` (for JSON keys); invalid_argument naming
// `what` when it is empty or only whitespace.
Result<SecretString> ReadSecretAll(std::istream& in, const std::string& what);

// Asks for a secret on the controlling terminal with echo turned off
// ("Password: "), restoring the terminal afterwards.
Result<SecretString> PromptSecret(const std::string& prompt);

// Asks for a visible value on the terminal ("Username: ").
Result<std::string> PromptLine(const std::string& prompt);

// Reads a secret file. With `single_line`, one trailing newline ("\n" or
// "\r\n") is dropped; an empty result is an error naming `what`.
Result<SecretString> ReadSecretFile(const std::filesystem::path& path, const std::string& what,
                                    bool single_line);

}  // namespace reghub::cli
