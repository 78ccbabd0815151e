#include "service/chart_service.h"

#include <algorithm>
#include <atomic>
#include <thread>

#include "core/registry_json.h"
#include "providers/docker_hub.h"
#include "providers/registry_connection.h"
#include "registry/curl_http_client.h"

namespace reghub::service {
namespace {

std::string LastSegment(const std::string& repository) {
  return repository.substr(repository.rfind('/') + 1);
}

Error NotAChartRepository(const Registry& registry) {
  return Error::FailedPrecondition("registry " + registry.url.ToString() +
                                   " is not used as a chart repository: set "
                                   "usage.chart_repository and list its chart_repositories");
}

std::string Listed(const std::vector<std::string>& repositories) {
  std::string joined;
  for (const auto& repository : repositories) joined += (joined.empty() ? "" : ", ") + repository;
  return joined.empty() ? "none" : joined;
}

// The listed repository to push `chart` to.
Result<std::string> ChooseRepository(const Registry& registry, const std::string& requested,
                                     const std::string& chart) {
  const auto& listed = registry.usage.chart_repositories;
  if (!requested.empty()) {
    if (std::find(listed.begin(), listed.end(), requested) == listed.end()) {
      return Error::InvalidField("repository", "\"" + requested +
                                                   "\" is not one of the registry's chart "
                                                   "repositories (" + Listed(listed) +
                                                   "): add it to usage.chart_repositories first");
    }
    if (LastSegment(requested) != chart) {
      return Error::InvalidField("repository", "\"" + requested + "\" holds the chart \"" +
                                                   LastSegment(requested) + "\", not \"" + chart +
                                                   "\": a chart repository is named after its chart");
    }
    return requested;
  }
  std::vector<std::string> matching;
  for (const auto& repository : listed) {
    if (LastSegment(repository) == chart) matching.push_back(repository);
  }
  if (matching.empty()) {
    return Error::InvalidField("repository", "no chart repository of the registry is named after "
                                             "the chart \"" + chart + "\" (listed: " +
                                                 Listed(listed) +
                                                 "): add one to usage.chart_repositories");
  }
  if (matching.size() > 1) {
    return Error::InvalidField("repository", "several chart repositories hold \"" + chart + "\" (" +
                                                 Listed(matching) + "): choose one");
  }
  return matching.front();
}

}  // namespace

ChartService::ChartService(store::Store& store, const secrets::Sealer& sealer,
                           ChartServiceOptions options)
    : store_(store), sealer_(sealer), options_(std::move(options)) {
  if (!options_.http_factory) {
    options_.http_factory = [](const TlsSettings& tls) {
      return std::make_unique<registry::CurlHttpClient>(tls);
    };
  }
  if (!options_.clock) options_.clock = &system_clock_;
}

Result<ChartService::Connection> ChartService::Connect(const store::StoredRegistry& stored) const {
  const Registry& registry = stored.registry;
  CredentialsInput credentials;
  if (!stored.sealed_credentials.empty()) {
    REGHUB_ASSIGN_OR_RETURN(credentials,
                            sealer_.OpenCredentials(registry.id, stored.sealed_credentials));
  }
  Connection connection;
  connection.http = options_.http_factory(registry.tls);
  providers::ConnectionOptions connection_options;
  connection_options.ecr_endpoint_override = options_.ecr_endpoint_override;
  REGHUB_ASSIGN_OR_RETURN(providers::RegistryConnection target,
                          providers::ConnectRegistry(registry.provider, registry.url,
                                                     registry.tls.mode, credentials,
                                                     *connection.http,
                                                     registry::SystemClock::Instance(),
                                                     connection_options));
  registry::RegistrySessionOptions session_options;
  session_options.timeout = options_.timeout;
  session_options.token.timeout = options_.timeout;
  connection.client = std::make_unique<registry::RegistryClient>(
      target.origin, *connection.http, target.credentials, registry::SystemClock::Instance(),
      session_options);
  return connection;
}

Result<std::vector<ChartListing>> ChartService::ListCharts(const Actor&,
                                                           const std::string& registry_id,
                                                           ListChartsOptions options) {
  REGHUB_ASSIGN_OR_RETURN(store::StoredRegistry stored, store_.GetRegistry(registry_id));
  const Registry& registry = stored.registry;
  if (!registry.usage.chart_repository) return NotAChartRepository(registry);
  REGHUB_ASSIGN_OR_RETURN(Connection connection, Connect(stored));
  registry::RegistryClient& client = *connection.client;

  // Each chart is read on its own; a few at a time keep a long list short
  // without flooding the registry.
  const auto& repositories = registry.usage.chart_repositories;
  std::vector<ChartListing> charts(repositories.size());
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < charts.size(); i = next++) {
      ChartListing& chart = charts[i];
      chart.repository = repositories[i];
      chart.name = LastSegment(chart.repository);
      std::string path = providers::NormalizeRepository(registry.url.host, chart.repository);
      auto tags = client.ListTags(path);
      if (tags.ok()) {
        chart.versions = ChartVersionsNewestFirst(*tags);
        for (std::size_t v = 0; options.metadata && v < chart.versions.size() &&
                                v < options.metadata_limit;
             ++v) {
          chart.metadata.push_back(ReadChartMetadata(client, path, chart.versions[v]));
        }
      } else if (tags.error().code != ErrorCode::kNotFound) {
        chart.error = tags.error().message;
      }
    }
  };
  std::size_t workers = std::min<std::size_t>(std::max(1, options_.concurrency), charts.size());
  {
    std::vector<std::jthread> threads;
    for (std::size_t i = 1; i < workers; ++i) threads.emplace_back(work);
    work();
  }
  return charts;
}

Result<ChartPushResult> ChartService::PushChart(const Actor& actor, const std::string& registry_id,
                                                std::string_view archive,
                                                const std::string& repository) {
  REGHUB_ASSIGN_OR_RETURN(store::StoredRegistry stored, store_.GetRegistry(registry_id));
  const Registry& registry = stored.registry;
  if (!registry.usage.chart_repository) return NotAChartRepository(registry);
  if (!registry.usage.push_charts) {
    return Error::FailedPrecondition("registry " + registry.url.ToString() +
                                     " does not take chart pushes: set usage.push_charts");
  }
  ChartPushResult result;
  REGHUB_ASSIGN_OR_RETURN(result.package, ReadChartPackage(archive, options_.limits));
  REGHUB_ASSIGN_OR_RETURN(result.repository,
                          ChooseRepository(registry, repository, result.package.name));
  REGHUB_ASSIGN_OR_RETURN(Connection connection, Connect(stored));
  std::string path = providers::NormalizeRepository(registry.url.host, result.repository);
  UnixSeconds now = options_.clock->Now();
  REGHUB_ASSIGN_OR_RETURN(result.pushed, PushChartPackage(*connection.client, path, result.package,
                                                          archive, FormatTimestamp(now)));
  result.reference = registry.url.ToString() + "/" + path + ":" + result.pushed.tag;
  REGHUB_RETURN_IF_ERROR(store_.AppendAudit(
      {.at = now,
       .actor = actor.username,
       .action = "chart.push",
       .target_type = "registry",
       .target_id = registry.id,
       .source = actor.source,
       .details = {{"repository", result.repository},
                   {"chart", result.package.name},
                   {"version", result.package.version.text},
                   {"digest", result.pushed.digest}}}));
  return result;
}

}  // namespace reghub::service
