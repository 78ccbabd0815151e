#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "cli/api_client.h"

namespace reghub::cli {

// `-o table|json|yaml`.
enum class OutputFormat { kTable, kJson, kYaml };
std::optional<OutputFormat> ParseOutputFormat(std::string_view name);

// Columns separated by at least two spaces, each as wide as its widest cell;
// a header row first; no trailing spaces. Rows shorter than the header are
// padded with empty cells.
std::string RenderTable(const std::vector<std::string>& header,
                        const std::vector<std::vector<std::string>>& rows);

// "Name:   value" lines with the values aligned; a multi-line value continues
// on following lines indented to the value column.
std::string RenderFields(const std::vector<std::pair<std::string, std::string>>& fields);

// Pretty JSON (2 spaces) and a trailing newline.
std::string RenderJson(const Json& value);

// Block-style YAML of a JSON value. Strings that YAML would read as another
// type ("true", "null", "42", "") are quoted, so the output loads back as the
// same JSON.
std::string RenderYaml(const Json& value);

// A scalar as a table cell: strings as they are, null as "", others as JSON.
// Arrays of scalars are joined with ", ".
std::string CellText(const Json& value);

}  // namespace reghub::cli
