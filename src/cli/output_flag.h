#pragma once

#include <CLI/CLI.hpp>

#include <string>

#include "cli/output.h"

namespace reghub::cli {

// Adds "-o,--output table|json|yaml" to a command, stored in `output`.
void AddOutputFlag(CLI::App* command, std::string& output);
// The format an -o value names (table when empty; the flag's check refuses others).
OutputFormat FormatOf(const std::string& output);

}  // namespace reghub::cli
