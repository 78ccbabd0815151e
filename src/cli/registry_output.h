#pragma once

#include <string>

#include "cli/api_client.h"
#include "cli/output.h"

namespace reghub::cli {

// Renderers of the API's registry objects (docs/api.md) for the table format.
// They read fields leniently: a missing field shows as an empty cell.

// ID  URL  PROVIDER  ACCESS  CREDENTIALS  REVISION  DEFAULT
std::string RegistryListTable(const Json& registries);
// One registry as aligned "Field: value" lines.
std::string RegistryDetails(const Json& registry);
// REVISION  CREATED AT  CREATED BY  CHANGES
std::string RevisionsTable(const Json& revisions);
// FIELD  BEFORE  AFTER (a change's summary when it has no values, e.g. credentials)
std::string DiffTable(const Json& diff);

// Renders `value` as JSON or YAML, or with `table` for the table format.
template <typename TableRenderer>
std::string Render(OutputFormat format, const Json& value, TableRenderer table) {
  switch (format) {
    case OutputFormat::kJson:
      return RenderJson(value);
    case OutputFormat::kYaml:
      return RenderYaml(value);
    case OutputFormat::kTable:
      break;
  }
  return table(value);
}

}  // namespace reghub::cli
