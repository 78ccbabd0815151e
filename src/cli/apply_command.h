#pragma once

#include <CLI/CLI.hpp>

#include "cli/command_context.h"

namespace reghub::cli {

// `reghub apply -f registries.yaml` ("-" for stdin): declarative registries
// (file format in apply_file.h). The whole file is validated first; nothing
// is sent when it has a problem (exit 1, each problem with its line). Then,
// in file order, a registry whose URL the hub does not know is created, and
// any other is PATCHed to the declared state on its current revision; one
// line per registry says "created", "updated" or "unchanged" (the hub
// returns the same revision when nothing changed). A refused registry is
// reported and the others are still applied; the exit code is then 1.
void AddApplyCommand(CLI::App& app, CommandContext& context, CommandAction& action);

}  // namespace reghub::cli
