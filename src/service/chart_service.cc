#include "service/chart_service.h"

#include "providers/docker_hub.h"
#include "providers/registry_connection.h"
#include "registry/curl_http_client.h"
#include "registry/registry_client.h"

namespace reghub::service {

ChartService::ChartService(store::Store& store, const secrets::Sealer& sealer,
                           ChartServiceOptions options)
    : store_(store), sealer_(sealer), options_(std::move(options)) {
  if (!options_.http_factory) {
    options_.http_factory = [](const TlsSettings& tls) {
      return std::make_unique<registry::CurlHttpClient>(tls);
    };
  }
}

Result<std::vector<ChartListing>> ChartService::ListCharts(const Actor&,
                                                           const std::string& registry_id,
                                                           ListChartsOptions options) {
  REGHUB_ASSIGN_OR_RETURN(store::StoredRegistry stored, store_.GetRegistry(registry_id));
  const Registry& registry = stored.registry;
  if (!registry.usage.chart_repository) {
    return Error::FailedPrecondition("registry " + registry.url.ToString() +
                                     " is not used as a chart repository: set "
                                     "usage.chart_repository and list its chart_repositories");
  }
  CredentialsInput credentials;
  if (!stored.sealed_credentials.empty()) {
    REGHUB_ASSIGN_OR_RETURN(credentials,
                            sealer_.OpenCredentials(registry.id, stored.sealed_credentials));
  }
  std::unique_ptr<registry::HttpClient> http = options_.http_factory(registry.tls);
  REGHUB_ASSIGN_OR_RETURN(providers::RegistryConnection connection,
                          providers::ConnectRegistry(registry.provider, registry.url,
                                                     registry.tls.mode, credentials, *http));
  registry::RegistrySessionOptions session_options;
  session_options.timeout = options_.timeout;
  session_options.token.timeout = options_.timeout;
  registry::RegistryClient client(connection.origin, *http, connection.credentials,
                                  registry::SystemClock::Instance(), session_options);

  std::vector<ChartListing> charts;
  for (const auto& repository : registry.usage.chart_repositories) {
    ChartListing chart;
    chart.repository = repository;
    chart.name = repository.substr(repository.rfind('/') + 1);
    std::string path = providers::NormalizeRepository(registry.url.host, repository);
    auto tags = client.ListTags(path);
    if (tags.ok()) {
      chart.versions = ChartVersionsNewestFirst(*tags);
      for (std::size_t i = 0; options.metadata && i < chart.versions.size() &&
                              i < options.metadata_limit;
           ++i) {
        chart.metadata.push_back(ReadChartMetadata(client, path, chart.versions[i]));
      }
    } else if (tags.error().code != ErrorCode::kNotFound) {
      chart.error = tags.error().message;
    }
    charts.push_back(std::move(chart));
  }
  return charts;
}

}  // namespace reghub::service
