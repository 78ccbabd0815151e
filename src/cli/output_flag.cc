#include "cli/output_flag.h"

namespace reghub::cli {

void AddOutputFlag(CLI::App* command, std::string& output) {
  command->add_option("-o,--output", output, "Output format: table, json or yaml")
      ->check(CLI::IsMember({"table", "json", "yaml"}));
}

OutputFormat FormatOf(const std::string& output) {
  return ParseOutputFormat(output).value_or(OutputFormat::kTable);
}

}  // namespace reghub::cli
