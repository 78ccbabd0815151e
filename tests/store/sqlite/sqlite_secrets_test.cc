// The SQLite file holds sealed credentials only: no secret in clear.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "secrets/master_key.h"
#include "secrets/sealer.h"
#include "store/store_test_fixture.h"
#include "support/temp_dir.h"

namespace reghub::store::testing {
namespace {

std::string ReadEverything(const std::filesystem::path& dir) {
  std::string all;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream content;
    content << in.rdbuf();
    all += content.str();
  }
  return all;
}

TEST(SqliteSecrets, DatabaseFilesNeverHoldASecretInClear) {
  const std::string password = "correct-horse-battery-staple-4c8e1f";
  const std::string replaced = "tr0ub4dor-and-3-9d27aa";
  auto key = secrets::MasterKey::Generate();
  secrets::Sealer sealer(key);
  CredentialsInput input;
  input.kind = CredentialKind::kBasic;
  input.username = "robot";
  input.password = SecretString(password);
  const std::string sealed = sealer.SealCredentials("r1", input);
  ASSERT_FALSE(sealed.empty());

  reghub::testing::TempDir dir;
  {
    auto opened = OpenStore("sqlite:" + (dir / "hub.db").string());
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    std::unique_ptr<Store> store = std::move(opened).value();
    Registry registry = MakeRegistry("r1", "reg.example.com");
    ASSERT_TRUE(store->InsertRegistry(Stored(registry, sealed), RevisionOf(registry),
                                      Audit("registry.create", "r1"))
                    .ok());
    auto got = store->GetRegistry("r1");
    ASSERT_TRUE(got.ok());
    EXPECT_EQ(got->sealed_credentials, sealed);  // stored as given
    auto opened_back = sealer.OpenCredentials("r1", got->sealed_credentials);
    ASSERT_TRUE(opened_back.ok());
    EXPECT_EQ(opened_back->password.Reveal(), password);

    std::string on_disk = ReadEverything(dir.path());
    EXPECT_NE(on_disk.find(sealed), std::string::npos) << "sealed bytes are stored verbatim";
    EXPECT_EQ(on_disk.find(password), std::string::npos);

    // Replacing the credentials leaves no trace of the new secret either.
    input.password = SecretString(replaced);
    Registry next = NextRevision(registry, "replaced");
    ASSERT_TRUE(store->UpdateRegistry(Stored(next, sealer.SealCredentials("r1", input)), 1,
                                      RevisionOf(next), Audit("registry.update", "r1"))
                    .ok());
  }
  std::string on_disk = ReadEverything(dir.path());
  EXPECT_EQ(on_disk.find(password), std::string::npos);
  EXPECT_EQ(on_disk.find(replaced), std::string::npos);
}

}  // namespace
}  // namespace reghub::store::testing
