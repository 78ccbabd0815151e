#include "service/chart_package.h"

#include <yaml-cpp/yaml.h>

#include <nlohmann/json.hpp>

#include "core/repository_name.h"

namespace reghub::service {
namespace {

using OrderedJson = nlohmann::ordered_json;

Error ChartYamlField(const std::string& field, const std::string& message) {
  return Error::InvalidField("Chart.yaml " + field, message);
}

// A YAML node as JSON: scalars as strings (Helm's Metadata fields are strings),
// except the booleans Helm declares as such.
OrderedJson ToJson(const YAML::Node& node, bool booleans = false) {
  switch (node.Type()) {
    case YAML::NodeType::Scalar:
      if (booleans && (node.Scalar() == "true" || node.Scalar() == "false")) {
        return node.Scalar() == "true";
      }
      return node.Scalar();
    case YAML::NodeType::Sequence: {
      OrderedJson array = OrderedJson::array();
      for (const auto& item : node) array.push_back(ToJson(item, booleans));
      return array;
    }
    case YAML::NodeType::Map: {
      OrderedJson object = OrderedJson::object();
      for (const auto& entry : node) {
        std::string key = entry.first.Scalar();
        object[key] = ToJson(entry.second, booleans || key == "enabled");
      }
      return object;
    }
    default:
      return nullptr;
  }
}

bool IsEmpty(const OrderedJson& value) {
  return value.is_null() || (value.is_string() && value.get<std::string>().empty()) ||
         ((value.is_array() || value.is_object()) && value.empty()) ||
         (value.is_boolean() && !value.get<bool>());
}

Result<std::string> ScalarField(const YAML::Node& chart, const std::string& key) {
  YAML::Node node = chart[key];
  if (!node || node.IsNull()) return std::string();
  if (!node.IsScalar()) return ChartYamlField(key, "must be a string");
  return node.Scalar();
}

// Helm's chart.Metadata JSON: its fields in declaration order, omitempty.
std::string HelmConfigJson(const YAML::Node& chart) {
  static const char* const kFields[] = {
      "name",       "home",      "sources",    "version",     "description", "keywords",
      "maintainers", "icon",     "apiVersion", "condition",   "tags",        "appVersion",
      "deprecated", "annotations", "kubeVersion", "dependencies", "type"};
  OrderedJson config = OrderedJson::object();
  for (const char* field : kFields) {
    YAML::Node node = chart[field];
    if (!node) continue;
    OrderedJson value = ToJson(node, std::string_view(field) == "deprecated");
    if (!IsEmpty(value)) config[field] = std::move(value);
  }
  return config.dump();
}

}  // namespace

Result<ChartPackage> ReadChartPackage(std::string_view archive, const ChartArchiveLimits& limits) {
  REGHUB_ASSIGN_OR_RETURN(ChartArchiveContents contents, ReadChartArchive(archive, limits));
  YAML::Node chart;
  try {
    chart = YAML::Load(contents.chart_yaml);
  } catch (const YAML::Exception& error) {
    // The mark, never the text: the file is the user's.
    return Error::InvalidArgument("Chart.yaml is not valid YAML (line " +
                                  std::to_string(error.mark.line + 1) + ", column " +
                                  std::to_string(error.mark.column + 1) + ")");
  }
  if (!chart.IsMap()) {
    return Error::InvalidArgument("Chart.yaml must be a YAML mapping of the chart's fields");
  }
  ChartPackage package;
  REGHUB_ASSIGN_OR_RETURN(package.api_version, ScalarField(chart, "apiVersion"));
  if (package.api_version.empty()) return ChartYamlField("apiVersion", "is required (v2)");
  if (package.api_version != "v1" && package.api_version != "v2") {
    return ChartYamlField("apiVersion", "must be v1 or v2");
  }
  REGHUB_ASSIGN_OR_RETURN(package.name, ScalarField(chart, "name"));
  if (package.name.empty()) return ChartYamlField("name", "is required");
  if (package.name.find('/') != std::string::npos || !IsValidRepositoryName(package.name)) {
    return ChartYamlField("name", "must be lower-case letters, digits and separators (., _, -) "
                                  "as an OCI repository name allows");
  }
  if (package.name != contents.directory) {
    return ChartYamlField("name", "is \"" + package.name + "\" but the archive's directory is \"" +
                                      contents.directory + "\": package the chart with `helm package`");
  }
  REGHUB_ASSIGN_OR_RETURN(std::string version, ScalarField(chart, "version"));
  if (version.empty()) return ChartYamlField("version", "is required");
  auto parsed = ParseChartVersion(version);
  if (!parsed || version.find('_') != std::string::npos) {
    return ChartYamlField("version", "\"" + version.substr(0, 64) +
                                         "\" is not a strict SemVer 2.0.0 version "
                                         "(MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD])");
  }
  package.version = *parsed;
  REGHUB_ASSIGN_OR_RETURN(std::string type, ScalarField(chart, "type"));
  if (!type.empty() && type != "application" && type != "library") {
    return ChartYamlField("type", "must be application or library");
  }
  REGHUB_ASSIGN_OR_RETURN(package.description, ScalarField(chart, "description"));
  REGHUB_ASSIGN_OR_RETURN(package.app_version, ScalarField(chart, "appVersion"));
  REGHUB_ASSIGN_OR_RETURN(package.home, ScalarField(chart, "home"));
  if (YAML::Node sources = chart["sources"]; sources && sources.IsSequence() && sources.size() > 0 &&
                                             sources[0].IsScalar()) {
    package.first_source = sources[0].Scalar();
  }
  package.config_json = HelmConfigJson(chart);
  return package;
}

}  // namespace reghub::service
