#include "cli/output.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <sstream>

namespace reghub::cli {
namespace {

void TrimTrailingSpaces(std::string& line) {
  while (!line.empty() && line.back() == ' ') line.pop_back();
}

// True when a plain (unquoted) YAML scalar with this text would not load as
// the string itself.
bool NeedsQuotes(const std::string& text) {
  if (text.empty()) return true;
  std::string lower = text;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  static const char* const kSpecial[] = {"true", "false", "yes", "no",   "on",   "off",   "y",
                                         "n",    "null",  "~",   ".nan", ".inf", "-.inf", "+.inf"};
  for (const char* special : kSpecial) {
    if (lower == special) return true;
  }
  bool numeric = std::all_of(text.begin(), text.end(), [](unsigned char c) {
    return std::isdigit(c) || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E' ||
           c == '_' || c == 'x' || c == 'o';
  });
  if (numeric &&
      std::any_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); })) {
    return true;
  }
  return std::isspace(static_cast<unsigned char>(text.front())) ||
         std::isspace(static_cast<unsigned char>(text.back()));
}

void EmitYaml(YAML::Emitter& out, const Json& value) {
  // Empty containers in flow style: "mirrors: []" rather than "[]" on its own line.
  if ((value.is_object() || value.is_array()) && value.empty()) out << YAML::Flow;
  switch (value.type()) {
    case Json::value_t::object:
      out << YAML::BeginMap;
      for (const auto& [key, item] : value.items()) {
        out << YAML::Key << key << YAML::Value;
        EmitYaml(out, item);
      }
      out << YAML::EndMap;
      break;
    case Json::value_t::array:
      out << YAML::BeginSeq;
      for (const Json& item : value) EmitYaml(out, item);
      out << YAML::EndSeq;
      break;
    case Json::value_t::string: {
      const std::string& text = value.get_ref<const std::string&>();
      if (NeedsQuotes(text)) {
        out << YAML::DoubleQuoted << text;
      } else if (text.find('\n') != std::string::npos) {
        // A literal block keeps exactly one final newline ("|"); other
        // multi-line strings are quoted so they load back unchanged.
        bool one_final_newline =
            text.back() == '\n' && (text.size() < 2 || text[text.size() - 2] != '\n');
        if (one_final_newline) {
          out << YAML::Literal << text;
        } else {
          out << YAML::DoubleQuoted << text;
        }
      } else {
        out << text;
      }
      break;
    }
    case Json::value_t::boolean:
      out << value.get<bool>();
      break;
    case Json::value_t::null:
      out << YAML::Null;
      break;
    default:
      out << value.dump();
      break;  // numbers
  }
}

}  // namespace

std::optional<OutputFormat> ParseOutputFormat(std::string_view name) {
  if (name == "table") return OutputFormat::kTable;
  if (name == "json") return OutputFormat::kJson;
  if (name == "yaml") return OutputFormat::kYaml;
  return std::nullopt;
}

std::string RenderTable(const std::vector<std::string>& header,
                        const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> widths(header.size(), 0);
  auto measure = [&widths](const std::vector<std::string>& row) {
    for (std::size_t i = 0; i < row.size() && i < widths.size(); ++i) {
      widths[i] = std::max(widths[i], row[i].size());
    }
  };
  measure(header);
  for (const auto& row : rows) measure(row);
  std::string out;
  auto emit = [&](const std::vector<std::string>& row) {
    std::string line;
    for (std::size_t i = 0; i < widths.size(); ++i) {
      std::string cell = i < row.size() ? row[i] : "";
      line += cell;
      if (i + 1 < widths.size()) line.append(widths[i] - cell.size() + 2, ' ');
    }
    TrimTrailingSpaces(line);
    out += line + "\n";
  };
  emit(header);
  for (const auto& row : rows) emit(row);
  return out;
}

std::string RenderFields(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::size_t width = 0;
  for (const auto& [name, value] : fields) width = std::max(width, name.size() + 1);
  std::string out;
  for (const auto& [name, value] : fields) {
    std::string line = name + ":";
    line.append(width - line.size() + 2, ' ');
    std::istringstream lines(value);
    std::string part;
    bool first = true;
    while (std::getline(lines, part)) {
      if (!first) line = std::string(width + 2, ' ');
      line += part;
      TrimTrailingSpaces(line);
      out += line + "\n";
      first = false;
    }
    if (first) {
      TrimTrailingSpaces(line);
      out += line + "\n";
    }
  }
  return out;
}

std::string RenderJson(const Json& value) { return value.dump(2) + "\n"; }

std::string RenderYaml(const Json& value) {
  YAML::Emitter out;
  out.SetIndent(2);
  EmitYaml(out, value);
  std::string text = out.c_str();
  if (text.empty() || text.back() != '\n') text += "\n";
  return text;
}

std::string CellText(const Json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_null()) return "";
  if (value.is_array()) {
    std::string joined;
    for (const Json& item : value) {
      if (!joined.empty()) joined += ", ";
      joined += CellText(item);
    }
    return joined;
  }
  return value.dump();
}

}  // namespace reghub::cli
