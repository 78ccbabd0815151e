#include <gtest/gtest.h>

#include "store/open_store.h"
#include "support/temp_dir.h"

namespace reghub::store {
namespace {

Registry MakeRegistry(const std::string& id, const std::string& host, std::int64_t revision) {
  Registry registry;
  registry.id = id;
  registry.url.host = host;
  registry.revision = revision;
  registry.created_at = registry.updated_at = 1'700'000'000 + revision;
  registry.display_name = "revision " + std::to_string(revision);
  return registry;
}

RevisionRecord RevisionOf(const Registry& registry) {
  return {.registry_id = registry.id, .revision = registry.revision,
          .created_at = registry.updated_at, .created_by = "tester"};
}

AuditEntry Audit(const std::string& action) {
  return {.at = 1'700'000'000, .actor = "tester", .action = action, .target_type = "registry"};
}

TEST(SoleWriterStore, ASecondProcessLockIsRefusedWithAClearMessage) {
  testing::TempDir dir;
  std::string database = "sqlite:" + (dir.path() / "hub.db").string();
  auto first = OpenStore(database, {.sole_writer = true});
  ASSERT_TRUE(first.ok()) << first.error().message;
  auto second = OpenStore(database, {.sole_writer = true});
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(second.error().message.find("another reghub process"), std::string::npos);
  first->reset();
  EXPECT_TRUE(OpenStore(database, {.sole_writer = true}).ok()) << "the lock is released with the store";
}

TEST(SoleWriterStore, CachedReadsFollowEveryWriteOfTheStore) {
  testing::TempDir dir;
  auto opened = OpenStore("sqlite:" + (dir.path() / "hub.db").string(), {.sole_writer = true});
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  Store& store = **opened;
  Registry first = MakeRegistry("r1", "reg.example.com", 1);
  ASSERT_TRUE(store.InsertRegistry({first, "sealed-1"}, RevisionOf(first), Audit("create")).ok());
  ASSERT_EQ(store.GetRegistry("r1")->registry, first);  // now cached

  Registry second = MakeRegistry("r1", "reg.example.com", 2);
  ASSERT_TRUE(store.UpdateRegistry({second, "sealed-2"}, 1, RevisionOf(second), Audit("update")).ok());
  auto read = store.GetRegistry("r1");
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->registry, second);
  EXPECT_EQ(read->sealed_credentials, "sealed-2");

  ASSERT_TRUE(store.DeleteRegistry("r1", Audit("delete")).ok());
  EXPECT_EQ(store.GetRegistry("r1").error().code, ErrorCode::kNotFound);
}

TEST(SoleWriterStore, ARevokedTokenIsRefusedAtOnce) {
  testing::TempDir dir;
  auto opened = OpenStore("sqlite:" + (dir.path() / "hub.db").string(), {.sole_writer = true});
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  Store& store = **opened;
  ASSERT_TRUE(store.InsertUser({.id = "u1", .username = "alice", .password_hash = "x"},
                               Audit("user.create")).ok());
  ASSERT_TRUE(store.InsertToken({.id = "t1", .token_hash = "h1", .user_id = "u1", .kind = "session"},
                                Audit("token.create")).ok());
  auto owner = store.FindTokenOwner("h1");
  ASSERT_TRUE(owner.ok()) << owner.error().message;
  EXPECT_EQ(owner->user.username, "alice");
  ASSERT_TRUE(store.FindTokenOwner("h1").ok());  // served from the cache
  ASSERT_TRUE(store.DeleteToken("t1", Audit("token.delete")).ok());
  EXPECT_EQ(store.FindTokenOwner("h1").error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace reghub::store
