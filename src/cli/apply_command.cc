#include "cli/apply_command.h"

#include <fstream>
#include <iterator>
#include <memory>
#include <ostream>

#include "cli/apply_file.h"
#include "cli/cli_main.h"
#include "cli/registry_commands.h"

namespace reghub::cli {
namespace {

struct ApplyOptions {
  std::string file;
};

std::string RevisionText(const Json& registry) {
  return registry.contains("revision") ? "revision " + registry["revision"].dump() : "";
}

// Applies one registry; prints its outcome. False when the hub refused it.
bool ApplyOne(CommandContext& context, const ApiClient& client, const DesiredRegistry& desired) {
  auto existing = FindRegistry(client, desired.url);
  if (!existing.ok() && existing.error().code != ErrorCode::kNotFound) {
    ReportError(context, Error{existing.error().code, desired.url + ": " + existing.error().message,
                               existing.error().details});
    return false;
  }
  if (!existing.ok()) {
    auto created = client.Post("/api/v1/registries", desired.create_body);
    if (!created.ok()) {
      ReportError(context, Error{created.error().code, desired.url + ": " + created.error().message,
                                 created.error().details});
      return false;
    }
    context.out << "registry " << desired.url << " created (" << RevisionText(*created) << ")\n";
    return true;
  }
  Json body = desired.update_body;
  body["revision"] = (*existing)["revision"];
  auto updated = client.Patch("/api/v1/registries/" + QueryEscape(existing->value("id", "")), body);
  if (!updated.ok()) {
    ReportError(context, Error{updated.error().code, desired.url + ": " + updated.error().message,
                               updated.error().details});
    return false;
  }
  bool changed = (*updated)["revision"] != (*existing)["revision"];
  context.out << "registry " << desired.url << (changed ? " updated (" : " unchanged (")
              << RevisionText(*updated) << ")\n";
  return true;
}

int RunApply(CommandContext& context, const ApplyOptions& options) {
  std::string text;
  std::filesystem::path base_dir = ".";
  std::string file_name = options.file;
  if (options.file == "-") {
    text.assign(std::istreambuf_iterator<char>(context.in), {});
    file_name = "<stdin>";
  } else {
    std::ifstream in(options.file);
    if (!in) return ReportError(context, Error::InvalidArgument("cannot read " + options.file));
    text.assign(std::istreambuf_iterator<char>(in), {});
    base_dir = std::filesystem::path(options.file).parent_path();
    if (base_dir.empty()) base_dir = ".";
  }
  ApplyFile file = ParseApplyFile(text, base_dir, context.env);
  if (!file.problems.empty()) {
    for (const ApplyFileProblem& problem : file.problems) {
      context.err << "error: " << FormatProblem(file_name, problem) << "\n";
    }
    context.err << file.problems.size() << (file.problems.size() == 1 ? " problem" : " problems")
                << " in " << file_name << "; nothing was applied\n";
    return kExitFailure;
  }
  auto client = ConnectToHub(context);
  if (!client.ok()) return ReportError(context, client.error());
  int failures = 0;
  for (const DesiredRegistry& desired : file.registries) {
    if (!ApplyOne(context, *client, desired)) ++failures;
  }
  if (failures > 0) {
    context.err << failures << " of " << file.registries.size() << " registries were not applied\n";
    return kExitFailure;
  }
  return kExitOk;
}

}  // namespace

void AddApplyCommand(CLI::App& app, CommandContext& context, CommandAction& action) {
  auto options = std::make_shared<ApplyOptions>();
  CLI::App* apply =
      app.add_subcommand("apply", "Create or update registries declared in a YAML file");
  apply->add_option("-f,--filename", options->file, "The YAML file ('-' for stdin)")->required();
  apply->callback([&context, &action, options] {
    action = [&context, options] { return RunApply(context, *options); };
  });
}

}  // namespace reghub::cli
