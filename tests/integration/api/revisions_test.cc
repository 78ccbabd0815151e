// Revisions: write-only credentials and their replacement, the revision
// history and diffs, stale updates refused, and concurrent writers.
#include <gtest/gtest.h>

#include <atomic>
#include <latch>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "integration/api/api_helpers.h"

namespace reghub::testing {
namespace {

class RevisionsApi : public SharedHubTest<RevisionsApi> {
 protected:
  nlohmann::json Create(const nlohmann::json& body) {
    HttpResponse created = api().Post("/api/v1/registries", body);
    EXPECT_EQ(created.status, 201) << created.body;
    return created.Json();
  }
  std::string PathOf(const nlohmann::json& registry) {
    return "/api/v1/registries/" + registry.value("id", std::string("missing"));
  }
};

bool Mentions(const nlohmann::json& value, const std::string& text) {
  return value.dump().find(text) != std::string::npos;
}

TEST_F(RevisionsApi, ReplacingCredentialsMakesRevision2WithoutShowingValues) {
  std::string first_password = NewSecret("first-password");
  nlohmann::json registry = Create(BasicRegistryBody("replace.example.com", "ci", first_password));
  ASSERT_TRUE(registry.contains("id"));
  std::string fingerprint = registry["credentials"]["fingerprint"];

  std::string second_password = NewSecret("second-password");
  RememberSecret(Base64("ci:" + second_password));
  HttpResponse replaced = api().Patch(
      PathOf(registry), {{"revision", 1},
                         {"credentials", {{"kind", "basic"}, {"username", "ci"}, {"password", second_password}}}});
  ASSERT_EQ(replaced.status, 200) << replaced.body;
  nlohmann::json updated = replaced.Json();
  EXPECT_EQ(updated["revision"], 2);
  EXPECT_NE(updated["credentials"]["fingerprint"], fingerprint) << "new secret, new fingerprint";
  EXPECT_TRUE(updated["credentials"]["replaced_at"].is_string());
  EXPECT_FALSE(updated["credentials"].contains("password"));

  HttpResponse revision = api().Get(PathOf(registry) + "/revisions/2");
  ASSERT_EQ(revision.status, 200) << revision.body;
  EXPECT_TRUE(Mentions(revision.Json()["changes"], "credentials replaced")) << revision.body;
}

TEST_F(RevisionsApi, SameSecretGivesTheSameFingerprintAndAnUnchangedUpdateKeepsTheRevision) {
  std::string password = NewSecret("stable");
  nlohmann::json registry = Create(BasicRegistryBody("stable.example.com", "ci", password));
  HttpResponse unchanged = api().Patch(PathOf(registry), {{"revision", 1}, {"description", ""}});
  ASSERT_EQ(unchanged.status, 200) << unchanged.body;
  EXPECT_EQ(unchanged.Json()["revision"], 1) << "an update that changes nothing keeps the revision";
  HttpResponse described = api().Patch(PathOf(registry), {{"revision", 1}, {"description", "kept creds"}});
  ASSERT_EQ(described.status, 200) << described.body;
  EXPECT_EQ(described.Json()["credentials"], registry["credentials"]) << "credentials kept when absent";
}

TEST_F(RevisionsApi, HistoryListsNewestFirstAndEachRevisionShowsTheRegistryAsItWas) {
  nlohmann::json registry = Create(BasicRegistryBody("history.example.com", "ci", NewSecret("history")));
  std::string path = PathOf(registry);
  ASSERT_EQ(api().Patch(path, {{"revision", 1}, {"display_name", "Second"}}).status, 200);
  std::string new_password = NewSecret("history-new");
  ASSERT_EQ(api().Patch(path, {{"revision", 2},
                               {"credentials", {{"kind", "basic"}, {"username", "ci"}, {"password", new_password}}}})
                .status,
            200);

  HttpResponse list = api().Get(path + "/revisions");
  ASSERT_EQ(list.status, 200) << list.body;
  nlohmann::json revisions = list.Json()["revisions"];
  ASSERT_EQ(revisions.size(), 3u);
  EXPECT_EQ(revisions[0]["revision"], 3);
  EXPECT_EQ(revisions[1]["revision"], 2);
  EXPECT_EQ(revisions[2]["revision"], 1);
  for (const auto& entry : revisions) {
    EXPECT_EQ(entry["created_by"], "admin");
    EXPECT_TRUE(entry["created_at"].is_string());
    EXPECT_TRUE(entry["changes"].is_array());
  }
  EXPECT_TRUE(Mentions(revisions[1]["changes"], "display_name"));
  EXPECT_TRUE(Mentions(revisions[0]["changes"], "credentials replaced"));
  EXPECT_EQ(list.Json()["next_page_token"], "");

  HttpResponse second = api().Get(path + "/revisions/2");
  ASSERT_EQ(second.status, 200) << second.body;
  EXPECT_EQ(second.Json()["revision"], 2);
  EXPECT_EQ(second.Json()["registry"]["display_name"], "Second");
  EXPECT_EQ(second.Json()["registry"]["revision"], 2);
  HttpResponse first = api().Get(path + "/revisions/1");
  ASSERT_EQ(first.status, 200);
  EXPECT_EQ(first.Json()["registry"]["display_name"], "");
  EXPECT_TRUE(IsApiError(api().Get(path + "/revisions/4"), 404, "not_found"));
}

TEST_F(RevisionsApi, DiffBetweenRevisionsShowsFieldsAndCredentialsReplacedOnly) {
  nlohmann::json registry = Create(BasicRegistryBody("diff.example.com", "ci", NewSecret("diff-old")));
  std::string path = PathOf(registry);
  ASSERT_EQ(api().Patch(path, {{"revision", 1}, {"description", "after"}}).status, 200);
  ASSERT_EQ(api().Patch(path, {{"revision", 2},
                               {"credentials", {{"kind", "basic"}, {"username", "ci"},
                                                {"password", NewSecret("diff-new")}}}})
                .status,
            200);
  HttpResponse diff = api().Get(path + "/diff?from=1&to=3");
  ASSERT_EQ(diff.status, 200) << diff.body;
  nlohmann::json body = diff.Json();
  EXPECT_EQ(body["from"], 1);
  EXPECT_EQ(body["to"], 3);
  std::set<std::string> fields;
  for (const auto& change : body["changes"]) {
    fields.insert(change.value("field", ""));
    if (change["field"] == "description") {
      EXPECT_EQ(change["before"], "");
      EXPECT_EQ(change["after"], "after");
    }
    if (change["field"] == "credentials") {
      EXPECT_TRUE(Mentions(change, "credentials replaced"));
    }
  }
  EXPECT_EQ(fields, (std::set<std::string>{"credentials", "description"}));
  HttpResponse beyond = api().Get(path + "/diff?from=1&to=9");
  EXPECT_TRUE(IsApiError(beyond, 404, "not_found") || IsApiError(beyond, 400, "invalid_argument"))
      << beyond.body;
}

TEST_F(RevisionsApi, StaleRevisionIs409AndChangesNothing) {
  nlohmann::json registry = Create(PublicRegistryBody("stale.example.com"));
  std::string path = PathOf(registry);
  ASSERT_EQ(api().Patch(path, {{"revision", 1}, {"display_name", "winner"}}).status, 200);
  nlohmann::json before = api().Get(path).Json();
  HttpResponse stale = api().Patch(path, {{"revision", 1}, {"display_name", "loser"}});
  EXPECT_TRUE(IsApiError(stale, 409, "conflict"));
  EXPECT_EQ(api().Get(path).Json(), before);
  HttpResponse future = api().Patch(path, {{"revision", 7}, {"display_name", "future"}});
  EXPECT_TRUE(IsApiError(future, 409, "conflict"));
  EXPECT_EQ(api().Get(path).Json(), before);
  EXPECT_EQ(api().Get(path + "/revisions").Json()["revisions"].size(), 2u);
}

TEST_F(RevisionsApi, TwoWritersOfTheSameRevisionGetOne200AndOne409) {
  for (int round = 0; round < 5; ++round) {
    nlohmann::json registry = Create(PublicRegistryBody("race-" + std::to_string(round) + ".example.com"));
    std::string path = PathOf(registry);
    std::string token = hub().AdminToken();
    std::latch start(2);
    long statuses[2] = {0, 0};
    std::vector<std::thread> writers;
    for (int writer = 0; writer < 2; ++writer) {
      writers.emplace_back([&, writer] {
        ApiClient client(hub(), token);
        client.Get("/healthz");  // connect before the race
        start.arrive_and_wait();
        statuses[writer] =
            client.Patch(path, {{"revision", 1}, {"display_name", "writer-" + std::to_string(writer)}}).status;
      });
    }
    for (auto& thread : writers) thread.join();
    std::multiset<long> got(statuses, statuses + 2);
    ASSERT_EQ(got, (std::multiset<long>{200, 409})) << "round " << round;
    int winner = statuses[0] == 200 ? 0 : 1;
    nlohmann::json now = api().Get(path).Json();
    EXPECT_EQ(now["revision"], 2);
    EXPECT_EQ(now["display_name"], "writer-" + std::to_string(winner));
  }
}

TEST_F(RevisionsApi, ConcurrentReadModifyWriteLosesNoUpdate) {
  nlohmann::json registry = Create(PublicRegistryBody("no-lost-update.example.com"));
  std::string path = PathOf(registry);
  constexpr int kWriters = 4;
  constexpr int kUpdatesEach = 5;
  std::atomic<int> conflicts{0};
  std::string token = hub().AdminToken();
  std::latch start(kWriters);
  std::vector<std::thread> writers;
  for (int writer = 0; writer < kWriters; ++writer) {
    writers.emplace_back([&, writer] {
      ApiClient client(hub(), token);
      start.arrive_and_wait();
      for (int update = 0; update < kUpdatesEach; ++update) {
        std::string repository = "w" + std::to_string(writer) + "/u" + std::to_string(update);
        for (int attempt = 0; attempt < 200; ++attempt) {
          nlohmann::json current = client.Get(path).Json();
          nlohmann::json repositories = current["repositories"];
          repositories.push_back(repository);
          HttpResponse response =
              client.Patch(path, {{"revision", current["revision"]}, {"repositories", repositories}});
          if (response.status == 200) break;
          EXPECT_EQ(response.status, 409) << response.body;
          if (response.status != 409) return;
          ++conflicts;
        }
      }
    });
  }
  for (auto& thread : writers) thread.join();
  nlohmann::json final_state = api().Get(path).Json();
  std::set<std::string> repositories;
  for (const auto& repository : final_state["repositories"]) repositories.insert(repository.get<std::string>());
  EXPECT_EQ(repositories.size(), 1u + kWriters * kUpdatesEach) << final_state.dump();
  EXPECT_EQ(final_state["revision"], 1 + kWriters * kUpdatesEach);
  RecordProperty("conflicts", conflicts.load());
}

}  // namespace
}  // namespace reghub::testing
