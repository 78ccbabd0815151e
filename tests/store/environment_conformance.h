#pragma once

// Conformance suite for the EnvironmentStore: every engine passes it.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "store/sql_environment_store.h"
#include "store/store_test_fixture.h"

namespace reghub::store::testing {

inline Environment MakeEnvironment(const std::string& id, const std::string& name) {
  Environment environment;
  environment.id = id;
  environment.name = name;
  environment.kind = EnvironmentKind::kKubernetes;
  environment.description = "cluster " + name;
  environment.api_server_url = "https://" + name + ".k8s.example.com:6443";
  environment.namespaces = {"apps", "default"};
  environment.created_at = kT0;
  environment.created_by = "admin";
  environment.updated_at = kT0;
  return environment;
}

template <typename Engine>
class EnvironmentStoreTest : public StoreTest<Engine> {
 protected:
  void SetUp() override {
    StoreTest<Engine>::SetUp();
    if (this->store_) environments_ = std::make_unique<SqlEnvironmentStore>(this->Database());
  }
  void TearDown() override { environments_.reset(); }

  void AddTeam(const std::string& id, const std::string& name) {
    auto lease = this->Database().Acquire();
    ASSERT_TRUE(lease.ok());
    const SqlValue params[] = {id, name, kT0};
    auto inserted =
        (*lease)->Execute("INSERT INTO teams (id, name, created_at) VALUES (?, ?, ?)", params);
    ASSERT_TRUE(inserted.ok()) << inserted.error().message;
  }
  void AddUser(const std::string& id, const std::string& name) {
    Status inserted = this->store_->InsertUser({id, name, "h", false, false, kT0},
                                               Audit("user.create", id));
    ASSERT_TRUE(inserted.ok()) << inserted.error().message;
  }
  void InsertEnvironment(const Environment& environment) {
    Status inserted = environments_->InsertEnvironment(
        environment, Audit("environment.create", environment.id));
    ASSERT_TRUE(inserted.ok()) << inserted.error().message;
  }
  void Attach(const std::string& environment_id, const std::string& registry_id,
              UnixSeconds at = kT0) {
    Status attached = environments_->InsertAttachment({environment_id, registry_id, at, "admin"},
                                                      Audit("environment.attach", environment_id));
    ASSERT_TRUE(attached.ok()) << attached.error().message;
  }
  std::size_t AuditCount() { return this->AllAudit().size(); }

  std::unique_ptr<SqlEnvironmentStore> environments_;
};
TYPED_TEST_SUITE_P(EnvironmentStoreTest);

TYPED_TEST_P(EnvironmentStoreTest, EnvironmentsRoundTripWithTheirEditorTeams) {
  this->AddTeam("t1", "platform");
  this->AddTeam("t2", "apps");
  Environment environment = MakeEnvironment("e1", "prod");
  environment.editor_teams = {"apps", "platform"};
  this->InsertEnvironment(environment);
  auto got = this->environments_->GetEnvironment("e1");
  ASSERT_TRUE(got.ok()) << got.error().message;
  EXPECT_EQ(*got, environment);
  EXPECT_EQ(*this->environments_->FindEnvironmentByName("prod"), environment);
  EXPECT_EQ(this->environments_->GetEnvironment("e2").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(this->environments_->FindEnvironmentByName("dev").error().code, ErrorCode::kNotFound);

  Environment nodes = MakeEnvironment("e2", "builders");
  nodes.kind = EnvironmentKind::kNodes;
  nodes.api_server_url = "";
  nodes.namespaces = {};
  this->InsertEnvironment(nodes);
  EXPECT_EQ(*this->environments_->GetEnvironment("e2"), nodes);
}

TYPED_TEST_P(EnvironmentStoreTest, NamesAreUniqueAndUnknownTeamsAreRefusedWritingNothing) {
  this->InsertEnvironment(MakeEnvironment("e1", "prod"));
  const std::size_t audit_before = this->AuditCount();
  Status twin = this->environments_->InsertEnvironment(MakeEnvironment("e2", "prod"),
                                                       Audit("environment.create", "e2"));
  ASSERT_EQ(twin.error().code, ErrorCode::kAlreadyExists);
  ASSERT_EQ(twin.error().details.size(), 1u);
  EXPECT_EQ(twin.error().details[0].field, "name");

  Environment unknown_team = MakeEnvironment("e3", "dev");
  unknown_team.editor_teams = {"ghosts"};
  Status refused =
      this->environments_->InsertEnvironment(unknown_team, Audit("environment.create", "e3"));
  ASSERT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(refused.error().details.at(0).field, "editor_teams[0]");
  EXPECT_EQ(this->environments_->GetEnvironment("e3").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(this->AuditCount(), audit_before);
}

TYPED_TEST_P(EnvironmentStoreTest, UpdatesReplaceFieldsAndEditorsAndAreAudited) {
  this->AddTeam("t1", "platform");
  this->AddTeam("t2", "apps");
  Environment environment = MakeEnvironment("e1", "prod");
  environment.editor_teams = {"platform"};
  this->InsertEnvironment(environment);
  this->InsertEnvironment(MakeEnvironment("e2", "dev"));
  environment.name = "production";
  environment.namespaces = {"web"};
  environment.editor_teams = {"apps"};
  environment.updated_at = kT0 + 60;
  Status updated =
      this->environments_->UpdateEnvironment(environment, Audit("environment.update", "e1"));
  ASSERT_TRUE(updated.ok()) << updated.error().message;
  EXPECT_EQ(*this->environments_->GetEnvironment("e1"), environment);
  EXPECT_EQ(this->AllAudit().front().action, "environment.update");

  Environment clash = environment;
  clash.name = "dev";
  EXPECT_EQ(this->environments_->UpdateEnvironment(clash, Audit("environment.update", "e1"))
                .error()
                .code,
            ErrorCode::kAlreadyExists);
  Environment missing = MakeEnvironment("e9", "nine");
  EXPECT_EQ(this->environments_->UpdateEnvironment(missing, Audit("environment.update", "e9"))
                .error()
                .code,
            ErrorCode::kNotFound);
  EXPECT_EQ(*this->environments_->GetEnvironment("e1"), environment);
}

TYPED_TEST_P(EnvironmentStoreTest, ListsPageByName) {
  for (const char* name : {"delta", "alpha", "echo", "charlie", "bravo"}) {
    this->InsertEnvironment(MakeEnvironment(std::string("id-") + name, name));
  }
  std::vector<std::string> seen;
  PageRequest request{2, ""};
  for (int pages = 0; pages < 10; ++pages) {
    auto page = this->environments_->ListEnvironments(request);
    ASSERT_TRUE(page.ok()) << page.error().message;
    for (const auto& environment : page->items) seen.push_back(environment.name);
    request.page_token = page->next_page_token;
    if (request.page_token.empty()) break;
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"alpha", "bravo", "charlie", "delta", "echo"}));
  EXPECT_EQ(this->environments_->ListEnvironments({50, "not-a-token!"}).error().code,
            ErrorCode::kInvalidArgument);
}

TYPED_TEST_P(EnvironmentStoreTest, AttachmentsKeepActuatedRevisions) {
  this->Insert(MakeRegistry("r1", "one.example.com"));
  this->Insert(MakeRegistry("r2", "two.example.com"));
  this->InsertEnvironment(MakeEnvironment("e1", "prod"));
  this->Attach("e1", "r1", kT0);
  this->Attach("e1", "r2", kT0 + 1);
  auto attachments = this->environments_->ListAttachments("e1");
  ASSERT_TRUE(attachments.ok()) << attachments.error().message;
  ASSERT_EQ(attachments->size(), 2u);
  EXPECT_EQ((*attachments)[0], (AttachmentRecord{"e1", "r1", kT0, "admin", 0, 0}));

  Status reported = this->environments_->RecordActuations(
      "e1", {{"r1", 1}, {"r2", 1}}, kT0 + 100, Audit("environment.actuation", "e1"));
  ASSERT_TRUE(reported.ok()) << reported.error().message;
  auto of_registry = this->environments_->ListAttachmentsOfRegistry("r2");
  ASSERT_TRUE(of_registry.ok());
  ASSERT_EQ(of_registry->size(), 1u);
  EXPECT_EQ((*of_registry)[0].actuated_revision, 1);
  EXPECT_EQ((*of_registry)[0].actuated_at, kT0 + 100);
  EXPECT_EQ(this->AllAudit().front().action, "environment.actuation");
}

TYPED_TEST_P(EnvironmentStoreTest, ActuationsOfAnUnattachedRegistryWriteNothing) {
  this->Insert(MakeRegistry("r1", "one.example.com"));
  this->Insert(MakeRegistry("r2", "two.example.com"));
  this->InsertEnvironment(MakeEnvironment("e1", "prod"));
  this->Attach("e1", "r1");
  const std::size_t audit_before = this->AuditCount();
  Status refused = this->environments_->RecordActuations("e1", {{"r1", 1}, {"r2", 1}}, kT0 + 5,
                                                         Audit("environment.actuation", "e1"));
  EXPECT_EQ(refused.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(this->environments_->ListAttachments("e1")->at(0).actuated_revision, 0);
  EXPECT_EQ(this->AuditCount(), audit_before);
}

TYPED_TEST_P(EnvironmentStoreTest, AttachingTwiceOrToNothingIsRefused) {
  this->Insert(MakeRegistry("r1", "one.example.com"));
  this->InsertEnvironment(MakeEnvironment("e1", "prod"));
  this->Attach("e1", "r1");
  EXPECT_EQ(this->environments_->InsertAttachment({"e1", "r1", kT0, "admin"}, Audit("a", "e1"))
                .error()
                .code,
            ErrorCode::kAlreadyExists);
  EXPECT_EQ(this->environments_->InsertAttachment({"e1", "r9", kT0, "admin"}, Audit("a", "e1"))
                .error()
                .code,
            ErrorCode::kNotFound);
  EXPECT_EQ(this->environments_->InsertAttachment({"e9", "r1", kT0, "admin"}, Audit("a", "e9"))
                .error()
                .code,
            ErrorCode::kNotFound);
  ASSERT_TRUE(this->environments_->DeleteAttachment("e1", "r1", Audit("d", "e1")).ok());
  EXPECT_TRUE(this->environments_->ListAttachments("e1")->empty());
  EXPECT_EQ(this->environments_->DeleteAttachment("e1", "r1", Audit("d", "e1")).error().code,
            ErrorCode::kNotFound);
}

TYPED_TEST_P(EnvironmentStoreTest, InjectionPoliciesAreReplacedWhole) {
  this->Insert(MakeRegistry("r1", "one.example.com"));
  this->InsertEnvironment(MakeEnvironment("e1", "prod"));
  this->InsertEnvironment(MakeEnvironment("e2", "dev"));
  auto none = this->environments_->GetInjectionPolicy("r1");
  ASSERT_TRUE(none.ok()) << none.error().message;
  EXPECT_FALSE(none->has_value());

  InjectionPolicyRecord record{"r1",
                               {InjectionMode::kOnly, {"e1", "e2"}, SecretSource::kExisting, "regcred"},
                               kT0,
                               "admin"};
  ASSERT_TRUE(this->environments_->PutInjectionPolicy(record, Audit("injection_policy.update", "r1")).ok());
  EXPECT_EQ(this->environments_->GetInjectionPolicy("r1")->value(), record);

  record.policy = {InjectionMode::kAllExcept, {"e2"}, SecretSource::kGenerated, "reghub-one"};
  record.updated_at = kT0 + 9;
  ASSERT_TRUE(this->environments_->PutInjectionPolicy(record, Audit("injection_policy.update", "r1")).ok());
  EXPECT_EQ(this->environments_->GetInjectionPolicy("r1")->value(), record);
  EXPECT_EQ(this->environments_->ListInjectionPolicies({"r1", "r2"})->size(), 1u);

  InjectionPolicyRecord bad = record;
  bad.policy.environments = {"e9"};
  const std::size_t audit_before = this->AuditCount();
  EXPECT_EQ(this->environments_->PutInjectionPolicy(bad, Audit("injection_policy.update", "r1"))
                .error()
                .code,
            ErrorCode::kNotFound);
  EXPECT_EQ(this->environments_->GetInjectionPolicy("r1")->value(), record);
  EXPECT_EQ(this->AuditCount(), audit_before);
}

TYPED_TEST_P(EnvironmentStoreTest, DeletingAnEnvironmentWaitsForItsAgentTokensAndCascades) {
  this->AddUser("u1", "alice");
  this->Insert(MakeRegistry("r1", "one.example.com"));
  this->InsertEnvironment(MakeEnvironment("e1", "prod"));
  this->Attach("e1", "r1");
  ASSERT_TRUE(this->environments_
                  ->PutInjectionPolicy({"r1", {InjectionMode::kOnly, {"e1"}, SecretSource::kGenerated, "s"},
                                        kT0, "admin"},
                                       Audit("injection_policy.update", "r1"))
                  .ok());
  TokenRecord agent{"t1", std::string(64, 'a'), "u1", "agent", "cluster agent", kT0, 0, "e1"};
  ASSERT_TRUE(this->store_->InsertToken(agent, Audit("agent_token.create", "t1")).ok());
  TokenRecord api{"t2", std::string(64, 'b'), "u1", "api", "ci", kT0, 0};
  ASSERT_TRUE(this->store_->InsertToken(api, Audit("token.create", "t2")).ok());

  auto tokens = this->environments_->ListAgentTokens("e1");
  ASSERT_TRUE(tokens.ok()) << tokens.error().message;
  EXPECT_EQ(*tokens, (std::vector<AgentTokenInfo>{{"t1", "cluster agent", kT0, 0, "alice"}}));

  EXPECT_EQ(this->environments_->DeleteEnvironment("e1", Audit("environment.delete", "e1"))
                .error()
                .code,
            ErrorCode::kFailedPrecondition);
  EXPECT_TRUE(this->environments_->GetEnvironment("e1").ok());
  ASSERT_TRUE(this->store_->DeleteToken("t1", Audit("agent_token.delete", "t1")).ok());
  ASSERT_TRUE(
      this->environments_->DeleteEnvironment("e1", Audit("environment.delete", "e1")).ok());
  EXPECT_EQ(this->environments_->GetEnvironment("e1").error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(this->environments_->ListAttachmentsOfRegistry("r1")->empty());
  EXPECT_TRUE(this->environments_->GetInjectionPolicy("r1")->value().policy.environments.empty());
  EXPECT_TRUE(this->store_->FindTokenByHash(api.token_hash).ok());
  EXPECT_EQ(this->AllAudit().front().action, "environment.delete");
  EXPECT_EQ(this->environments_->DeleteEnvironment("e1", Audit("environment.delete", "e1"))
                .error()
                .code,
            ErrorCode::kNotFound);
}

TYPED_TEST_P(EnvironmentStoreTest, DeletingARegistryRemovesItsAttachmentsAndPolicy) {
  this->Insert(MakeRegistry("r1", "one.example.com"));
  this->InsertEnvironment(MakeEnvironment("e1", "prod"));
  this->Attach("e1", "r1");
  ASSERT_TRUE(this->environments_
                  ->PutInjectionPolicy({"r1", {InjectionMode::kOnly, {"e1"}, SecretSource::kGenerated, "s"},
                                        kT0, "admin"},
                                       Audit("injection_policy.update", "r1"))
                  .ok());
  ASSERT_TRUE(this->store_->DeleteRegistry("r1", Audit("registry.delete", "r1")).ok());
  EXPECT_TRUE(this->environments_->ListAttachments("e1")->empty());
  EXPECT_FALSE(this->environments_->GetInjectionPolicy("r1")->has_value());
}

REGISTER_TYPED_TEST_SUITE_P(EnvironmentStoreTest, EnvironmentsRoundTripWithTheirEditorTeams,
                            NamesAreUniqueAndUnknownTeamsAreRefusedWritingNothing,
                            UpdatesReplaceFieldsAndEditorsAndAreAudited, ListsPageByName,
                            AttachmentsKeepActuatedRevisions,
                            ActuationsOfAnUnattachedRegistryWriteNothing,
                            AttachingTwiceOrToNothingIsRefused, InjectionPoliciesAreReplacedWhole,
                            DeletingAnEnvironmentWaitsForItsAgentTokensAndCascades,
                            DeletingARegistryRemovesItsAttachmentsAndPolicy);

}  // namespace reghub::store::testing
