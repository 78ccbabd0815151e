#include "access_hub.h"

#include <stdexcept>

#include "access/tokens.h"
#include "store/open_store.h"
#include "store/sql_store.h"

namespace reghub::testing {
namespace {

constexpr std::int64_t kCreated = 1'790'000'000;

struct CallerSpec {
  Caller caller;
  const char* name;
  const char* username;
};

constexpr CallerSpec kCallers[] = {
    {Caller::kAnonymous, "anonymous", ""},
    {Caller::kHubAdmin, "hub-admin", "admin"},
    {Caller::kRegistryAdmin, "registry-admin", "radmin"},
    {Caller::kAssigner, "assigner", "assy"},
    {Caller::kConsumer, "consumer", "connie"},
    {Caller::kViewer, "viewer", "vic"},
    {Caller::kNobody, "no-grant", "nobody"},
    {Caller::kOtherConsumer, "consumer-of-R2", "otto"},
    {Caller::kAgent, "agent-of-E", "agent-owner"},
};

std::string Check(const Status& status, const std::string& what) {
  return status.ok() ? "" : what + ": " + status.error().message;
}

}  // namespace

const char* CallerName(Caller caller) {
  for (const auto& spec : kCallers) {
    if (spec.caller == caller) return spec.name;
  }
  return "?";
}

std::vector<Caller> AllCallers() {
  std::vector<Caller> callers;
  for (const auto& spec : kCallers) callers.push_back(spec.caller);
  return callers;
}

std::string AccessHub::Username(Caller caller) const {
  for (const auto& spec : kCallers) {
    if (spec.caller == caller) return spec.username;
  }
  return "";
}

nlohmann::json AccessHub::GrantsOfR() {
  auto grant = [](const char* kind, const char* name, const char* role) {
    return nlohmann::json{{"subject", {{"kind", kind}, {"name", name}}}, {"role", role}};
  };
  return {{"grants",
           {grant("user", "radmin", "administrator"), grant("team", "assigners", "assigner"),
            grant("user", "connie", "consumer"), grant("user", "vic", "viewer")}}};
}

std::string AccessHub::SeedDatabase() {
  auto opened = store::OpenStore("sqlite:" + (hub_->data_dir() / "reghub.db").string());
  if (!opened.ok()) return "open the hub's database: " + opened.error().message;
  store::Store& store = **opened;
  store::SqlDatabase& database = dynamic_cast<store::SqlStore&>(store).database();
  auto execute = [&](const std::string& sql, std::vector<store::SqlValue> params) -> std::string {
    auto lease = database.Acquire();
    if (!lease.ok()) return lease.error().message;
    auto done = (*lease)->Execute(sql, params);
    return done.ok() ? "" : sql + ": " + done.error().message;
  };
  const store::AuditEntry audit{.at = kCreated, .actor = "test", .action = "test.seed"};
  for (const auto& spec : kCallers) {
    if (spec.caller == Caller::kAnonymous) continue;
    std::string user_id;
    if (spec.caller == Caller::kHubAdmin) {
      auto admin = store.FindUserByName("admin");
      if (!admin.ok()) return "the admin: " + admin.error().message;
      user_id = admin->id;
    } else {
      user_id = access::GenerateId();
      store::UserRecord user{.id = user_id, .username = spec.username,
                             .password_hash = "not-a-hash", .created_at = kCreated};
      if (auto error = Check(store.InsertUser(user, audit), spec.username); !error.empty()) return error;
    }
    user_ids_[spec.caller] = user_id;
  }
  if (auto error = execute("INSERT INTO teams (id, name, description, created_at) "
                           "VALUES ('team-assigners', 'assigners', '', ?)", {kCreated});
      !error.empty()) {
    return error;
  }
  if (auto error = execute("INSERT INTO team_members (team_id, user_id) VALUES ('team-assigners', ?)",
                           {user_ids_[Caller::kAssigner]});
      !error.empty()) {
    return error;
  }
  environment_e_ = access::GenerateId();
  environment_e2_ = access::GenerateId();
  for (const auto& [id, name] : {std::pair{environment_e_, "matrix-e"}, std::pair{environment_e2_, "matrix-e2"}}) {
    if (auto error = execute("INSERT INTO environments (id, name, kind, description, settings, "
                             "created_at, created_by, updated_at) VALUES (?, ?, 'nodes', '', '{}', "
                             "?, 'admin', ?)",
                             {id, std::string(name), kCreated, kCreated});
        !error.empty()) {
      return error;
    }
  }
  for (const auto& spec : kCallers) {
    if (spec.caller == Caller::kAnonymous) continue;
    for (int i = 0; i <= kSpareTokens; ++i) {
      SecretString token = access::GenerateToken();
      store::TokenRecord record{.id = access::GenerateId(),
                                .token_hash = access::HashToken(token.Reveal()),
                                .user_id = user_ids_[spec.caller],
                                .kind = spec.caller == Caller::kAgent ? "agent" : "api",
                                .name = std::string("matrix ") + spec.name,
                                .created_at = kCreated};
      if (spec.caller == Caller::kAgent) record.environment_id = environment_e_;
      if (auto error = Check(store.InsertToken(record, audit), spec.name); !error.empty()) return error;
      if (i == 0) {
        tokens_[spec.caller] = token.Reveal();
      } else {
        spare_tokens_[spec.caller].push_back(token.Reveal());
      }
    }
  }
  return "";
}

std::string AccessHub::CreateRegistry(const std::string& url, const nlohmann::json& grants) {
  auto created = Send(Caller::kHubAdmin, "POST", "/api/v1/registries",
                      nlohmann::json{{"url", url},
                                     {"provider", "generic"},
                                     {"access", "private"},
                                     {"credentials",
                                      {{"kind", "basic"},
                                       {"username", "matrix-robot"},
                                       {"password", "matrix-password-not-shown"}}}}
                          .dump());
  if (created.status != 201) throw std::runtime_error("create " + url + ": " + created.body);
  std::string id = created.Json().value("id", "");
  auto granted = Send(Caller::kHubAdmin, "PUT", "/api/v1/registries/" + id + "/grants", grants.dump());
  if (granted.status != 200) throw std::runtime_error("grants of " + url + ": " + granted.body);
  return id;
}

std::string AccessHub::NewRegistryLikeR() {
  return CreateRegistry("127.0.0.1:" + std::to_string(100 + ++registries_made_), GrantsOfR());
}

std::string AccessHub::Start() {
  hub_ = std::make_unique<HubServer>();
  if (auto error = hub_->Start(); !error.empty()) return error;
  hub_->Stop();
  if (auto error = SeedDatabase(); !error.empty()) return error;
  if (auto error = hub_->Start(); !error.empty()) return error;
  try {
    registry_r_ = CreateRegistry("127.0.0.1:1", GrantsOfR());
    registry_r2_ = CreateRegistry(
        "127.0.0.1:2", {{"grants", {{{"subject", {{"kind", "user"}, {"name", "otto"}}},
                                     {"role", "consumer"}}}}});
  } catch (const std::exception& error) {
    return error.what();
  }
  return "";
}

HttpResponse AccessHub::Send(Caller caller, const std::string& method, const std::string& path,
                             const std::string& body, int spare) {
  std::string token;
  if (caller != Caller::kAnonymous) token = spare >= 0 ? SpareToken(caller, spare) : Token(caller);
  if (method == "GET" || method == "DELETE") {
    return http_.Request(method, hub_->Url(path),
                         token.empty() ? HttpHeaders{} : HttpHeaders{{"Authorization", "Bearer " + token}});
  }
  return http_.SendRaw(method, hub_->Url(path), body, token);
}

}  // namespace reghub::testing
