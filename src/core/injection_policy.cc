#include "core/injection_policy.h"

#include <algorithm>
#include <array>
#include <set>

#include "core/json_reader.h"
#include "core/kubernetes_names.h"
#include "core/violations.h"

namespace reghub {
namespace {

constexpr std::array<std::string_view, 2> kModeNames = {"all-except", "only"};
constexpr std::array<std::string_view, 2> kSourceNames = {"generated", "existing"};

template <typename Enum, std::size_t N>
std::optional<Enum> ParseName(const std::array<std::string_view, N>& names, std::string_view name) {
  for (std::size_t i = 0; i < N; ++i) {
    if (names[i] == name) return static_cast<Enum>(i);
  }
  return std::nullopt;
}

template <std::size_t N>
std::string Choices(const std::array<std::string_view, N>& names) {
  std::string choices;
  for (std::string_view name : names) {
    if (!choices.empty()) choices += ", ";
    choices += "\"" + std::string(name) + "\"";
  }
  return choices;
}

}  // namespace

std::string_view InjectionModeName(InjectionMode mode) {
  return kModeNames[static_cast<std::size_t>(mode)];
}
std::optional<InjectionMode> ParseInjectionMode(std::string_view name) {
  return ParseName<InjectionMode>(kModeNames, name);
}
std::string_view SecretSourceName(SecretSource source) {
  return kSourceNames[static_cast<std::size_t>(source)];
}
std::optional<SecretSource> ParseSecretSource(std::string_view name) {
  return ParseName<SecretSource>(kSourceNames, name);
}

std::string DefaultSecretName(std::string_view registry_url) {
  return ToDns1123Subdomain("reghub-" + std::string(registry_url));
}

InjectionPolicy DefaultInjectionPolicy(std::string_view registry_url) {
  return InjectionPolicy{InjectionMode::kAllExcept, {}, SecretSource::kGenerated,
                         DefaultSecretName(registry_url)};
}

Result<InjectionPolicyInput> ParseInjectionPolicy(const nlohmann::json& body) {
  if (!body.is_object()) return Error::InvalidArgument("the request body must be a JSON object");
  Violations violations;
  JsonReader in(body, "", violations);
  in.RefuseUnknown({"mode", "environments", "secret"});
  InjectionPolicyInput input;

  if (auto mode = in.String("mode", 32)) {
    if (auto parsed = ParseInjectionMode(*mode)) {
      input.mode = *parsed;
    } else {
      in.Fail("mode", "unknown mode \"" + *mode + "\"; use one of " + Choices(kModeNames));
    }
  } else if (in.Find("mode") == nullptr) {
    in.Fail("mode", "is required: use one of " + Choices(kModeNames));
  }

  if (auto names = in.StringList("environments", kMaxPolicyEnvironments, 253)) {
    std::set<std::string> seen;
    for (std::size_t i = 0; i < names->size(); ++i) {
      if (!seen.insert((*names)[i]).second) {
        violations.Add("environments[" + std::to_string(i) + "]",
                       "\"" + (*names)[i] + "\" is listed twice");
      }
    }
    input.environment_names = std::move(*names);
  }

  const nlohmann::json* secret = in.Object("secret");
  if (secret == nullptr && in.Find("secret") == nullptr) {
    in.Fail("secret", "is required: {\"source\":\"generated\"|\"existing\",\"name\":\"…\"}");
  }
  if (secret != nullptr) {
    JsonReader secret_in(*secret, "secret.", violations);
    secret_in.RefuseUnknown({"source", "name"});
    std::optional<SecretSource> source;
    if (auto text = secret_in.String("source", 32)) {
      source = ParseSecretSource(*text);
      if (!source) {
        secret_in.Fail("source",
                       "unknown source \"" + *text + "\"; use one of " + Choices(kSourceNames));
      }
    } else if (secret_in.Find("source") == nullptr) {
      secret_in.Fail("source", "is required: use one of " + Choices(kSourceNames));
    }
    if (source) input.secret_source = *source;
    if (auto name = secret_in.String("name", 253)) {
      if (auto problem = CheckDns1123Subdomain(*name)) {
        secret_in.Fail("name", "is not a valid Kubernetes Secret name: " + *problem);
      } else {
        input.secret_name = *name;
      }
    } else if (secret_in.Find("name") == nullptr && source == SecretSource::kExisting) {
      secret_in.Fail("name", "is required for source \"existing\": the image pull secret to use");
    }
  }
  if (!violations.empty()) return violations.ToError();
  return input;
}

EffectiveInjection EffectiveInjectionFor(const InjectionPolicy& policy,
                                         std::string_view environment_id) {
  const bool listed = std::find(policy.environments.begin(), policy.environments.end(),
                                environment_id) != policy.environments.end();
  EffectiveInjection effective;
  effective.inject = policy.mode == InjectionMode::kOnly ? listed : !listed;
  effective.secret_source = policy.secret_source;
  effective.secret_name = policy.secret_name;
  return effective;
}

nlohmann::json EffectiveInjectionToJson(const EffectiveInjection& injection) {
  return {{"inject", injection.inject},
          {"secret_source", std::string(SecretSourceName(injection.secret_source))},
          {"secret_name", injection.secret_name}};
}

}  // namespace reghub
