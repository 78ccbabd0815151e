#pragma once

#include <memory>
#include <string>

#include "core/registry.h"
#include "core/result.h"
#include "providers/aws_identity.h"
#include "registry/clock.h"
#include "registry/credentials.h"
#include "registry/http_client.h"

namespace reghub::providers {

// Where and as whom the hub talks to a registry.
struct RegistryConnection {
  std::string origin;                                        // "https://host:port"
  std::shared_ptr<registry::CredentialSource> credentials;
};

struct ConnectionOptions {
  std::string ecr_endpoint_override;                         // tests only
  // The hub's AWS identity for ecr-instance-role; DefaultInstanceIdentity()
  // when null.
  std::shared_ptr<providers::AwsCredentialProvider> instance_identity;
};

// Maps a registry's provider, URL, TLS mode and credentials onto what the
// registry client needs: Docker Hub's aliases dial registry-1.docker.io;
// basic credentials are used as given; ecr-access-key mints tokens through
// GetAuthorizationToken (region and FIPS from the credentials, else from an
// ECR host name); gcp-service-account
// uses "_json_key"; ecr-instance-role signs GetAuthorizationToken with the
// hub's own identity (environment, then IMDSv2: see InstanceIdentity).
// `http` must outlive the returned credential source.
Result<RegistryConnection> ConnectRegistry(Provider provider, const RegistryUrl& url, TlsMode tls,
                                           const CredentialsInput& credentials,
                                           registry::HttpClient& http,
                                           const registry::Clock& clock =
                                               registry::SystemClock::Instance(),
                                           const ConnectionOptions& options = {});

}  // namespace reghub::providers
