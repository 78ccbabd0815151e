#include "providers/registry_connection.h"

#include "providers/aws_identity.h"
#include "providers/docker_hub.h"
#include "providers/ecr.h"
#include "providers/gcp.h"

#include <vector>

namespace reghub::providers {
namespace {

// <account>.dkr.ecr[-fips].<region>.amazonaws.com -> region and FIPS mode.
bool RegionFromEcrHost(const std::string& host, std::string& region, bool& fips) {
  std::vector<std::string> labels;
  std::size_t start = 0;
  while (true) {
    auto dot = host.find('.', start);
    labels.push_back(host.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  if (labels.size() != 6 || labels[1] != "dkr" || labels[4] != "amazonaws" || labels[5] != "com") {
    return false;
  }
  if (labels[2] != "ecr" && labels[2] != "ecr-fips") return false;
  region = labels[3];
  fips = labels[2] == "ecr-fips";
  return true;
}

}  // namespace

Result<RegistryConnection> ConnectRegistry(Provider provider, const RegistryUrl& url, TlsMode tls,
                                           const CredentialsInput& credentials,
                                           registry::HttpClient& http,
                                           const registry::Clock& clock,
                                           const ConnectionOptions& options) {
  RegistryConnection connection;
  std::string host = RegistryApiHost(url.host);
  if (host.find(':') != std::string::npos) host = "[" + host + "]";
  connection.origin = std::string(tls == TlsMode::kPlainHttp ? "http" : "https") + "://" + host +
                      (url.port == 443 ? "" : ":" + std::to_string(url.port));
  switch (credentials.kind) {
    case CredentialKind::kNone:
      connection.credentials = std::make_shared<registry::StaticCredentialSource>();
      break;
    case CredentialKind::kBasic:
      connection.credentials = std::make_shared<registry::StaticCredentialSource>(
          registry::BasicCredentials{credentials.username, credentials.password});
      break;
    case CredentialKind::kEcrAccessKey:
    case CredentialKind::kEcrInstanceRole: {
      EcrOptions ecr;
      ecr.region = credentials.region;
      ecr.fips = credentials.fips;
      std::string host_region;
      bool host_fips = false;
      if (provider == Provider::kEcr && RegionFromEcrHost(url.host, host_region, host_fips)) {
        if (ecr.region.empty()) ecr.region = host_region;
        ecr.fips = ecr.fips || host_fips;
      }
      ecr.endpoint_override = options.ecr_endpoint_override;
      std::shared_ptr<AwsCredentialProvider> aws;
      if (credentials.kind == CredentialKind::kEcrAccessKey) {
        aws = std::make_shared<StaticAwsCredentialProvider>(
            AwsCredentials{credentials.access_key_id, credentials.secret_access_key,
                           credentials.session_token});
      } else {
        aws = options.instance_identity ? options.instance_identity : DefaultInstanceIdentity();
      }
      connection.credentials =
          std::make_shared<EcrCredentialSource>(std::move(aws), std::move(ecr), http, clock);
      break;
    }
    case CredentialKind::kGcpServiceAccount: {
      REGHUB_ASSIGN_OR_RETURN(registry::BasicCredentials basic,
                              GcpServiceAccountCredentials(credentials.json_key));
      connection.credentials = std::make_shared<registry::StaticCredentialSource>(std::move(basic));
      break;
    }
  }
  return connection;
}

}  // namespace reghub::providers
