#include "service/connection_test_service.h"

#include <algorithm>
#include <ctime>
#include <optional>

#include "core/registry_json.h"
#include "core/registry_validation.h"
#include "providers/docker_hub.h"
#include "providers/registry_connection.h"
#include "registry/curl_http_client.h"
#include "registry/registry_client.h"
#include "registry/www_authenticate.h"

namespace reghub::service {
namespace {

using Clock = std::chrono::steady_clock;

std::int64_t MillisSince(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
}

void Ok(ConnectionTestStep& step, std::string message) {
  step.status = StepStatus::kOk;
  step.message = std::move(message);
}
void Fail(ConnectionTestStep& step, std::string message) {
  step.status = StepStatus::kFailed;
  step.message = std::move(message);
}
void Fail(ConnectionTestStep& step, const Error& error) {
  Fail(step, error.message);
  step.error_code = error.code;
}
void Warn(ConnectionTestStep& step, std::string message) {
  step.status = StepStatus::kWarning;
  step.message = std::move(message);
}

// Runs named steps in order; after the first failure the rest are skipped.
class StepRunner {
 public:
  template <typename Fn>
  void Run(std::string name, Fn&& fn) {
    ConnectionTestStep step;
    step.name = std::move(name);
    if (failed_) {
      step.status = StepStatus::kSkipped;
      step.message = "skipped: an earlier step failed";
    } else {
      auto start = Clock::now();
      fn(step);
      step.duration_ms = MillisSince(start);
      failed_ = step.status == StepStatus::kFailed;
    }
    steps_.push_back(std::move(step));
  }
  bool failed() const { return failed_; }
  std::vector<ConnectionTestStep> Take() { return std::move(steps_); }

 private:
  bool failed_ = false;
  std::vector<ConnectionTestStep> steps_;
};

std::string Join(const std::vector<std::string>& items) {
  std::string joined;
  for (const auto& item : items) joined += (joined.empty() ? "" : ", ") + item;
  return joined;
}

void TlsStep(ConnectionTestStep& step, registry::NetworkProbe& probe, const std::string& host,
             std::uint16_t port, const TlsSettings& tls, std::chrono::milliseconds timeout,
             std::optional<std::int64_t>& not_after) {
  auto result = probe.Handshake(host, port, tls, timeout);
  if (!result.ok()) return Fail(step, result.error());
  const registry::TlsProbeResult& tls_result = *result;
  not_after = tls_result.not_after;
  const std::int64_t now = static_cast<std::int64_t>(std::time(nullptr));
  const std::int64_t days_left = (tls_result.not_after - now) / 86400;
  step.details = {{"mode", TlsModeName(tls.mode)},
                  {"protocol", tls_result.protocol},
                  {"subject", tls_result.subject},
                  {"issuer", tls_result.issuer},
                  {"chain", tls_result.chain},
                  {"not_after", FormatTimestamp(tls_result.not_after)},
                  {"days_until_expiry", days_left},
                  {"trusted", tls_result.chain_trusted},
                  {"host_name_matches", tls_result.host_name_matches}};
  if (!tls_result.chain_trusted) step.details["verify_error"] = tls_result.verify_error;

  if (tls.mode == TlsMode::kInsecure) {
    if (!tls_result.chain_trusted || !tls_result.host_name_matches) {
      return Warn(step, "TLS verification is off (insecure); the certificate would not verify (" +
                            tls_result.verify_error +
                            (tls_result.host_name_matches ? "" : ", host name mismatch") +
                            "): choose verify-with-ca and add the CA to have it checked");
    }
    return Warn(step,
                "TLS verification is off (insecure) although the certificate verifies: "
                "choose verify");
  }
  using registry::TlsTrustProblem;
  switch (tls_result.trust_problem) {
    case TlsTrustProblem::kNone:
      break;
    case TlsTrustProblem::kUnknownAuthority:
      return Fail(step, tls.mode == TlsMode::kVerifyWithCa
                            ? "certificate not signed by the CA in the stored bundle (" +
                                  tls_result.issuer + "): add the CA that issued it"
                            : "certificate signed by an unknown authority: choose verify-with-ca "
                              "and add the CA");
    case TlsTrustProblem::kExpired:
      return Fail(step, "the registry's certificate expired on " +
                            FormatTimestamp(tls_result.not_after) + ": renew it");
    case TlsTrustProblem::kNotYetValid:
      return Fail(step, "the registry's certificate is not valid yet: check the clocks");
    case TlsTrustProblem::kOther:
      return Fail(step, "certificate verification failed (" + tls_result.verify_error +
                            "): choose verify-with-ca and add the CA, or fix the certificate");
  }
  if (!tls_result.host_name_matches) {
    return Fail(step, "the certificate is not valid for " + host +
                          ": use a name listed in the certificate or reissue it");
  }
  if (days_left < 30) {
    return Warn(step, "the certificate expires in " + std::to_string(days_left) + " days (" +
                          FormatTimestamp(tls_result.not_after) + "): renew it soon");
  }
  Ok(step, "trusted certificate for " + host + " issued by " + tls_result.issuer + ", valid for " +
               std::to_string(days_left) + " more days");
}

std::vector<std::string> ListedRepositories(const Registry& registry) {
  std::vector<std::string> repositories = registry.repositories;
  for (const auto& repository : registry.usage.chart_repositories) {
    if (std::find(repositories.begin(), repositories.end(), repository) == repositories.end()) {
      repositories.push_back(repository);
    }
  }
  return repositories;
}

}  // namespace

std::string_view StepStatusName(StepStatus status) {
  switch (status) {
    case StepStatus::kOk:
      return "ok";
    case StepStatus::kFailed:
      return "failed";
    case StepStatus::kSkipped:
      return "skipped";
    case StepStatus::kWarning:
      return "warning";
  }
  return "failed";
}

ConnectionTestService::ConnectionTestService(store::Store& store, const secrets::Sealer& sealer,
                                             ConnectionTestOptions options)
    : store_(store), sealer_(sealer), options_(std::move(options)) {
  if (!options_.http_factory) {
    options_.http_factory = [timeout = options_.step_timeout](const TlsSettings& tls) {
      return std::make_unique<registry::CurlHttpClient>(tls, timeout);
    };
  }
  if (!options_.probe) options_.probe = std::make_shared<registry::SystemNetworkProbe>();
}

Result<ConnectionTestReport> ConnectionTestService::TestSaved(const Actor&, const std::string& id) {
  REGHUB_ASSIGN_OR_RETURN(store::StoredRegistry stored, store_.GetRegistry(id));
  CredentialsInput credentials;
  if (!stored.sealed_credentials.empty()) {
    REGHUB_ASSIGN_OR_RETURN(credentials,
                            sealer_.OpenCredentials(stored.registry.id, stored.sealed_credentials));
  }
  return Run(stored.registry, credentials);
}

Result<ConnectionTestReport> ConnectionTestService::TestSpec(const Actor&,
                                                             const RegistryPatch& patch) {
  if (patch.revision) {
    return Error::InvalidField("revision", "must not be set when testing a new registry");
  }
  REGHUB_ASSIGN_OR_RETURN(AppliedPatch applied, BuildRegistry(patch));
  return Run(applied.registry, applied.new_credentials.value_or(CredentialsInput{}));
}

ConnectionTestReport ConnectionTestService::Run(const Registry& registry,
                                                const CredentialsInput& credentials) {
  const auto started = Clock::now();
  const auto timeout = options_.step_timeout;
  registry::NetworkProbe& probe = *options_.probe;
  const std::string host = providers::RegistryApiHost(registry.url.host);
  const std::uint16_t port = registry.url.port;
  std::unique_ptr<registry::HttpClient> http = options_.http_factory(registry.tls);
  providers::ConnectionOptions connection_options;
  connection_options.ecr_endpoint_override = options_.ecr_endpoint_override;
  connection_options.instance_identity = options_.instance_identity;
  auto connection =
      providers::ConnectRegistry(registry.provider, registry.url, registry.tls.mode, credentials,
                                 *http, registry::SystemClock::Instance(), connection_options);
  registry::RegistrySessionOptions session_options;
  session_options.timeout = timeout;
  session_options.token.timeout = timeout;
  std::optional<registry::Challenge> challenge;
  std::optional<std::int64_t> certificate_not_after;

  StepRunner runner;
  runner.Run("dns", [&](ConnectionTestStep& step) {
    auto addresses = probe.Resolve(host);
    if (!addresses.ok()) return Fail(step, addresses.error());
    step.details = {{"host", host}, {"addresses", *addresses}};
    Ok(step, host + " resolves to " + Join(*addresses));
  });
  runner.Run("tcp", [&](ConnectionTestStep& step) {
    auto address = probe.Connect(host, port, timeout);
    if (!address.ok()) return Fail(step, address.error());
    step.details = {{"address", *address}, {"port", port}};
    Ok(step, "connected to " + *address + " port " + std::to_string(port));
  });
  runner.Run("tls", [&](ConnectionTestStep& step) {
    if (registry.tls.mode == TlsMode::kPlainHttp) {
      step.status = StepStatus::kSkipped;
      step.message = "plain-http: the registry is reached without TLS";
      return;
    }
    TlsStep(step, probe, host, port, registry.tls, timeout, certificate_not_after);
  });
  runner.Run("ping", [&](ConnectionTestStep& step) {
    registry::HttpRequest request;
    request.url =
        (connection.ok() ? connection->origin
                         : registry::RegistryClient::OriginFor(registry.url, registry.tls.mode)) +
        "/v2/";
    request.timeout = timeout;
    auto response = http->Send(request);
    if (!response.ok()) return Fail(step, response.error());
    step.details = {{"url", request.url}, {"status", response->status}};
    if (auto version = response->Header("Docker-Distribution-API-Version")) {
      step.details["api_version"] = *version;
    }
    if (response->status == 200) return Ok(step, "the registry API answers without credentials");
    if (response->status != 401) {
      return Fail(step, "GET /v2/ answered HTTP " + std::to_string(response->status) +
                            ": this is not an OCI registry API; check the URL and port");
    }
    auto challenges = registry::ParseWwwAuthenticateHeaders(
        registry::HeaderValues(response->headers, "WWW-Authenticate"));
    const registry::Challenge* found = registry::FindChallenge(challenges, "bearer");
    if (!found) found = registry::FindChallenge(challenges, "basic");
    if (!found) {
      return Fail(step,
                  "GET /v2/ answered 401 without a Basic or Bearer challenge: the registry "
                  "asks for an authentication scheme the hub does not speak");
    }
    challenge = *found;
    step.details["scheme"] = found->scheme;
    if (!found->Param("realm").empty()) step.details["realm"] = found->Param("realm");
    if (!found->Param("service").empty()) step.details["service"] = found->Param("service");
    Ok(step, found->scheme == "bearer"
                 ? "the registry asks for Bearer tokens from " + found->Param("realm")
                 : "the registry asks for Basic authentication");
  });
  // One client for the rest: it adopts the challenge the ping saw and keeps
  // the credentials step's token, so later steps repeat no request.
  std::optional<registry::RegistryClient> client;
  if (connection.ok()) {
    client.emplace(connection->origin, *http, connection->credentials,
                   registry::SystemClock::Instance(), session_options);
  }
  runner.Run("credentials", [&](ConnectionTestStep& step) {
    step.details = {{"kind", CredentialKindName(credentials.kind)}};
    if (!connection.ok()) return Fail(step, connection.error());
    auto basic = connection->credentials->Get();
    if (!basic.ok()) return Fail(step, basic.error());
    std::string source =
        credentials.kind == CredentialKind::kEcrAccessKey
            ? "ECR issued an authorization token"
        : credentials.kind == CredentialKind::kEcrInstanceRole
            ? "ECR issued an authorization token to the hub's own AWS identity"
            : "credentials ready";
    if (!challenge) {
      step.status =
          credentials.kind == CredentialKind::kNone ? StepStatus::kSkipped : StepStatus::kOk;
      step.message = credentials.kind == CredentialKind::kNone
                         ? "the registry did not ask for credentials"
                         : source + "; the registry does not ask for them on /v2/";
      return;
    }
    if (Status adopted = client->session().AdoptChallenge(*challenge); !adopted.ok()) {
      return Fail(step, adopted.error());
    }
    if (challenge->scheme == "basic") {
      if (!basic->has_value()) {
        return Fail(step, "the registry requires credentials: add a username and password");
      }
      return Ok(step, source + " for Basic authentication");
    }
    auto token = client->session().Authorization({});
    if (!token.ok()) return Fail(step, token.error());
    step.details["realm"] = challenge->Param("realm");
    Ok(step, "the token service at " + challenge->Param("realm") + " issued a token" +
                 (basic->has_value() ? " for " + (*basic)->username : " (anonymous)"));
  });
  runner.Run("auth_ping", [&](ConnectionTestStep& step) {
    auto ping = client->Ping();
    if (!ping.ok()) return Fail(step, ping.error());
    if (!ping->api_version.empty()) step.details["api_version"] = ping->api_version;
    Ok(step, challenge ? "authenticated: the registry accepts the credentials"
                       : "the registry API answers");
  });
  std::vector<std::string> repositories = ListedRepositories(registry);
  if (repositories.empty()) {
    runner.Run("repositories", [&](ConnectionTestStep& step) {
      step.status = StepStatus::kSkipped;
      step.message =
          "no repositories listed: add repositories or chart repositories to check access";
    });
  }
  for (const auto& repository : repositories) {
    runner.Run("repository:" + repository, [&](ConnectionTestStep& step) {
      std::string name = providers::NormalizeRepository(registry.url.host, repository);
      step.details = {{"repository", name}};
      auto tags = client->ListTags(name);
      if (!tags.ok()) {
        if (tags.error().code == ErrorCode::kNotFound) {
          return Warn(step,
                      "repository " + name + " was not found: check the name, or push to it first");
        }
        return Fail(step, tags.error());
      }
      step.details["tags"] = tags->size();
      Ok(step, "read access to " + name + " (" + std::to_string(tags->size()) + " tags)");
    });
  }

  ConnectionTestReport report;
  report.ok = !runner.failed();
  report.steps = runner.Take();
  report.duration_ms = MillisSince(started);
  report.certificate_not_after = certificate_not_after;
  return report;
}

}  // namespace reghub::service
