#pragma once

// Helpers that seed a test registry with small images and charts through the
// client under test.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>

#include "registry/digest.h"
#include "registry/media_types.h"
#include "registry/registry_client.h"

namespace reghub::registry::seed {

struct Pushed {
  std::string manifest;
  std::string digest;
};

// Pushes a one-layer OCI image whose layer holds `content` and tags it.
inline Pushed PushImage(RegistryClient& client, const std::string& repository,
                        const std::string& tag, const std::string& content = "layer") {
  std::string config = R"({"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}})";
  auto config_digest = client.PushBlob(repository, config);
  EXPECT_TRUE(config_digest.ok()) << config_digest.error().message;
  auto layer_digest = client.PushBlob(repository, content);
  EXPECT_TRUE(layer_digest.ok()) << layer_digest.error().message;
  nlohmann::json manifest = {
      {"schemaVersion", 2},
      {"mediaType", media_types::kOciManifest},
      {"config", {{"mediaType", media_types::kOciConfig}, {"digest", *config_digest}, {"size", config.size()}}},
      {"layers", {{{"mediaType", media_types::kOciLayerGzip}, {"digest", *layer_digest}, {"size", content.size()}}}}};
  std::string body = manifest.dump();
  auto digest = client.PushManifest(repository, tag, media_types::kOciManifest, body);
  EXPECT_TRUE(digest.ok()) << digest.error().message;
  return {body, digest.ok() ? *digest : ""};
}

}  // namespace reghub::registry::seed
