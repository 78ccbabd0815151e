#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/registry.h"
#include "core/result.h"
#include "registry/http_client.h"
#include "registry/registry_client.h"
#include "secrets/sealer.h"
#include "service/actor.h"
#include "service/clock.h"
#include "service/chart_archive.h"
#include "service/chart_metadata.h"
#include "service/chart_push.h"
#include "service/chart_version.h"
#include "store/store.h"

namespace reghub::service {

// One chart repository of a registry and its versions.
struct ChartListing {
  std::string repository;              // as listed in usage.chart_repositories
  std::string name;                    // the chart name: the repository's last segment
  std::vector<ChartVersion> versions;  // strict semver tags, newest first
  std::string error;                   // why it could not be read ("" when read)
  // With ListChartsOptions::metadata: the newest versions' metadata, in the
  // order of `versions` (at most metadata_limit entries).
  std::vector<ChartMetadata> metadata;
};

struct ListChartsOptions {
  bool metadata = false;         // read each version's manifest and Helm config
  std::size_t metadata_limit = 10;  // for at most this many newest versions per chart
};

struct ChartServiceOptions {
  std::chrono::milliseconds timeout{30000};
  // Makes the HTTP client for a registry's TLS settings (tests inject fakes).
  std::function<std::unique_ptr<registry::HttpClient>(const TlsSettings&)> http_factory;
  int concurrency = 8;           // charts listed at the same time
  std::string ecr_endpoint_override;  // tests only
  ChartArchiveLimits limits;     // for pushed charts
  const Clock* clock = nullptr;  // SystemClock when null (created annotation, audit)
};

// What PushChart stored, and where.
struct ChartPushResult {
  std::string repository;        // as listed in usage.chart_repositories
  std::string reference;         // "host[:port]/<path>:<tag>", as helm pull takes it after oci://
  ChartPackage package;
  PushedChart pushed;
};

// The chart store: for a registry used as a chart repository
// (usage.chart_repository), lists each of usage.chart_repositories with its
// versions from the tags list (strict semver, '_' read as '+', newest first;
// other tags ignored). A repository that cannot be read is listed with an
// error message (not_found: no versions yet) so one bad entry does not hide
// the others; up to options.concurrency charts are read at the same time,
// and the listing keeps the configured order. Pushes packaged charts (see
// PushChart). Thread-safe.
class ChartService {
 public:
  ChartService(store::Store& store, const secrets::Sealer& sealer,
               ChartServiceOptions options = {});

  // failed_precondition when the registry is not a chart repository. With
  // options.metadata, also reads the metadata of the newest
  // options.metadata_limit versions of each chart (see ChartMetadata).
  Result<std::vector<ChartListing>> ListCharts(const Actor& actor, const std::string& registry_id,
                                               ListChartsOptions options = {});

  // Pushes a `helm package` archive as Helm's OCI artifact (see
  // ReadChartPackage, PushChartPackage) to `repository`, which must be one of
  // usage.chart_repositories whose last segment is the chart's name; ""
  // picks the listed repository named after the chart. Refused, before any
  // request to the registry: a registry that is not a chart repository or
  // has push_charts off (failed_precondition), a repository not listed or
  // not named after the chart (invalid_argument), a bad archive
  // (invalid_argument / payload_too_large). Audited as "chart.push".
  Result<ChartPushResult> PushChart(const Actor& actor, const std::string& registry_id,
                                    std::string_view archive, const std::string& repository);

 private:
  // A client for the registry as stored (credentials opened, provider applied).
  struct Connection {
    std::unique_ptr<registry::HttpClient> http;
    std::unique_ptr<registry::RegistryClient> client;
  };
  Result<Connection> Connect(const store::StoredRegistry& stored) const;

  store::Store& store_;
  const secrets::Sealer& sealer_;
  ChartServiceOptions options_;
  SystemClock system_clock_;
};

}  // namespace reghub::service
