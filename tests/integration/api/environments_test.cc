// Environments through the real hub: attachments with latest and actuated
// revisions, agent tokens scoped to one environment, injection policies,
// refused input that changes nothing, and the audit of every change.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "integration/api/api_helpers.h"
#include "support/route_permissions.h"

namespace reghub::testing {
namespace {

using nlohmann::json;

class EnvironmentsApi : public SharedHubTest<EnvironmentsApi> {
 protected:
  // A unique suffix per call, so tests sharing the hub never collide.
  static std::string Unique(const std::string& prefix) {
    static int counter = 0;
    return prefix + "-" + std::to_string(++counter);
  }

  std::string CreateRegistry(const std::string& host) {
    HttpResponse created = api().Post("/api/v1/registries", PublicRegistryBody(host));
    EXPECT_EQ(created.status, 201) << created.body;
    return created.Json().value("id", "");
  }

  json CreateEnvironment(const std::string& name, const std::string& kind = "kubernetes") {
    json body = {{"name", name}, {"kind", kind}, {"description", "test " + name}};
    if (kind == "kubernetes") {
      body["api_server_url"] = "https://" + name + ".k8s.example.com:6443";
      body["namespaces"] = {"apps"};
    }
    HttpResponse created = api().Post("/api/v1/environments", body);
    EXPECT_EQ(created.status, 201) << created.body;
    return created.Json();
  }

  HttpResponse Put(const std::string& path, const json& body = json::object()) {
    return api().Raw("PUT", path, body.dump());
  }

  HttpResponse Attach(const std::string& environment_id, const std::string& registry_id) {
    return Put("/api/v1/environments/" + environment_id + "/registries/" + registry_id);
  }

  // A new agent token of the environment: {"id","token",…}.
  json CreateAgentToken(const std::string& environment_id, const std::string& name = "agent") {
    HttpResponse created =
        api().Post("/api/v1/environments/" + environment_id + "/agent-tokens", {{"name", name}});
    EXPECT_EQ(created.status, 201) << created.body;
    json body = created.Json();
    if (body.contains("token")) RememberSecret(body["token"]);
    return body;
  }

  json Attachment(const std::string& environment_id, const std::string& registry_id) {
    HttpResponse got = api().Get("/api/v1/environments/" + environment_id);
    EXPECT_EQ(got.status, 200) << got.body;
    const json body = got.Json();
    for (const json& attachment : body["attachments"]) {
      if (attachment["registry_id"] == registry_id) return attachment;
    }
    ADD_FAILURE() << "registry " << registry_id << " is not attached: " << got.body;
    return json::object();
  }
};

TEST_F(EnvironmentsApi, AnAttachmentIsUpToDateOnlyOnceTheAgentReportsTheLatestRevision) {
  std::string registry_id = CreateRegistry(Unique("flow") + ".example.com");
  json environment = CreateEnvironment(Unique("prod"));
  std::string environment_id = environment["id"];
  EXPECT_EQ(environment["kind"], "kubernetes");
  EXPECT_EQ(environment["attachments"], json::array());

  HttpResponse attached = Attach(environment_id, registry_id);
  ASSERT_EQ(attached.status, 201) << attached.body;
  EXPECT_EQ(attached.Json()["latest_revision"], 1);
  EXPECT_EQ(attached.Json()["actuated_revision"], 0);
  EXPECT_EQ(attached.Json()["actuated_at"], nullptr);
  EXPECT_EQ(attached.Json()["up_to_date"], false);
  EXPECT_EQ(attached.Json()["attached_by"], "admin");
  EXPECT_EQ(Attach(environment_id, registry_id).status, 200) << "attaching again changes nothing";

  json agent = CreateAgentToken(environment_id);
  ApiClient agent_api(hub(), agent["token"]);
  HttpResponse state = agent_api.Get("/api/v1/environments/" + environment_id + "/desired-state");
  ASSERT_EQ(state.status, 200) << state.body;
  ASSERT_EQ(state.Json()["registries"].size(), 1u);
  EXPECT_EQ(state.Json()["registries"][0]["registry_id"], registry_id);
  EXPECT_EQ(state.Json()["registries"][0]["revision"], 1);
  EXPECT_EQ(state.Json()["registries"][0]["credentials"], json({{"kind", "none"}}));
  EXPECT_EQ(state.Json()["registries"][0]["injection"]["inject"], true);

  HttpResponse reported =
      agent_api.Post("/api/v1/environments/" + environment_id + "/actuations",
                     {{"registries", {{{"registry_id", registry_id}, {"revision", 1}}}}});
  ASSERT_EQ(reported.status, 200) << reported.body;
  EXPECT_EQ(reported.Json()["attachments"][0]["up_to_date"], true);
  json now = Attachment(environment_id, registry_id);
  EXPECT_EQ(now["actuated_revision"], 1);
  EXPECT_TRUE(now["actuated_at"].is_string());
  EXPECT_EQ(now["up_to_date"], true);

  HttpResponse updated = api().Patch("/api/v1/registries/" + registry_id,
                                     {{"revision", 1}, {"description", "second revision"}});
  ASSERT_EQ(updated.status, 200) << updated.body;
  ASSERT_EQ(updated.Json()["revision"], 2);
  now = Attachment(environment_id, registry_id);
  EXPECT_EQ(now["latest_revision"], 2);
  EXPECT_EQ(now["actuated_revision"], 1);
  EXPECT_EQ(now["up_to_date"], false);
  state = agent_api.Get("/api/v1/environments/" + environment_id + "/desired-state");
  EXPECT_EQ(state.Json()["registries"][0]["revision"], 2);

  HttpResponse of_registry = api().Get("/api/v1/registries/" + registry_id + "/environments");
  ASSERT_EQ(of_registry.status, 200) << of_registry.body;
  ASSERT_EQ(of_registry.Json()["environments"].size(), 1u);
  EXPECT_EQ(of_registry.Json()["environments"][0]["environment_id"], environment_id);
  EXPECT_EQ(of_registry.Json()["environments"][0]["up_to_date"], false);
}

TEST_F(EnvironmentsApi, AnAgentTokenServesItsEnvironmentOnlyAndIsRefusedEverywhereElse) {
  std::string registry_id = CreateRegistry(Unique("scope") + ".example.com");
  std::string own = CreateEnvironment(Unique("own"))["id"];
  std::string other = CreateEnvironment(Unique("other"))["id"];
  ASSERT_EQ(Attach(own, registry_id).status, 201);
  ASSERT_EQ(Attach(other, registry_id).status, 201);
  json agent = CreateAgentToken(own);
  ApiClient agent_api(hub(), agent["token"]);

  EXPECT_EQ(agent_api.Get("/api/v1/environments/" + own + "/desired-state").status, 200);
  EXPECT_TRUE(IsApiError(agent_api.Get("/api/v1/environments/" + other + "/desired-state"), 403,
                         "permission_denied"));
  EXPECT_TRUE(IsApiError(
      agent_api.Post("/api/v1/environments/" + other + "/actuations",
                     {{"registries", {{{"registry_id", registry_id}, {"revision", 1}}}}}),
      403, "permission_denied"));
  EXPECT_EQ(Attachment(other, registry_id)["actuated_revision"], 0);

  // Every route that is not an agent route refuses the agent token.
  for (const auto& route : PinnedRoutePermissions()) {
    if (route.permission == service::Permission::kPublic ||
        route.permission == service::Permission::kEnvironmentAgent) {
      continue;
    }
    std::string path(route.pattern);
    for (auto [param, value] : {std::pair<std::string, std::string>{"{id}", own},
                                {"{registry_id}", registry_id},
                                {"{token_id}", agent["id"].get<std::string>()},
                                {"{revision}", "1"}}) {
      if (auto at = path.find(param); at != std::string::npos) path.replace(at, param.size(), value);
    }
    if (path.starts_with("/api/v1/registries/" + own)) {
      path.replace(std::string("/api/v1/registries/").size(), own.size(), registry_id);
    }
    HttpResponse response = agent_api.Raw(route.method, path, "{}");
    EXPECT_TRUE(IsApiError(response, 403, "permission_denied"))
        << route.method << " " << path << " answered " << response.status << " " << response.body;
  }
  EXPECT_EQ(agent_api.Get("/api/v1/environments/" + own + "/desired-state").status, 200)
      << "the token still works after all the refusals";
}

TEST_F(EnvironmentsApi, ActuationsOfAnUnattachedRegistryOrAFutureRevisionChangeNothing) {
  std::string attached_id = CreateRegistry(Unique("attached") + ".example.com");
  std::string loose_id = CreateRegistry(Unique("loose") + ".example.com");
  std::string environment_id = CreateEnvironment(Unique("report"))["id"];
  ASSERT_EQ(Attach(environment_id, attached_id).status, 201);
  ApiClient agent_api(hub(), CreateAgentToken(environment_id)["token"]);
  const std::string path = "/api/v1/environments/" + environment_id + "/actuations";

  HttpResponse refused = agent_api.Post(
      path, {{"registries",
              {{{"registry_id", attached_id}, {"revision", 1}},
               {{"registry_id", loose_id}, {"revision", 1}}}}});
  EXPECT_TRUE(IsApiError(refused, 400, "invalid_argument"));
  EXPECT_TRUE(ErrorNamesField(refused, "registries[1].registry_id"));
  HttpResponse future = agent_api.Post(
      path, {{"registries", {{{"registry_id", attached_id}, {"revision", 2}}}}});
  EXPECT_TRUE(IsApiError(future, 400, "invalid_argument"));
  EXPECT_TRUE(ErrorNamesField(future, "registries[0].revision"));
  EXPECT_NE(future.body.find("latest revision 1"), std::string::npos) << future.body;
  for (const char* body : {R"({"registries":[]})", R"({"registries":[{"registry_id":"x"}]})",
                           R"({"registries":[{"registry_id":"x","revision":0}]})", R"([])",
                           R"({"registries":"all"})", R"({"registries":[],"extra":1})"}) {
    EXPECT_TRUE(IsApiError(agent_api.Raw("POST", path, body), 400, "invalid_argument")) << body;
  }
  EXPECT_EQ(Attachment(environment_id, attached_id)["actuated_revision"], 0);
}

TEST_F(EnvironmentsApi, BadEnvironmentInputIsRefusedWithFieldMessagesAndCreatesNothing) {
  struct Case {
    json body;
    std::string field;
  };
  const std::string name = Unique("bad");
  std::vector<Case> cases = {
      {{{"kind", "kubernetes"}, {"api_server_url", "https://k"}}, "name"},
      {{{"name", name}}, "kind"},
      {{{"name", name}, {"kind", "cluster"}}, "kind"},
      {{{"name", "Prod EU"}, {"kind", "nodes"}}, "name"},
      {{{"name", name}, {"kind", "kubernetes"}}, "api_server_url"},
      {{{"name", name}, {"kind", "kubernetes"}, {"api_server_url", "http://k8s:6443"}},
       "api_server_url"},
      {{{"name", name}, {"kind", "kubernetes"}, {"api_server_url", "https://k"},
        {"namespaces", {"Bad_NS"}}},
       "namespaces[0]"},
      {{{"name", name}, {"kind", "nodes"}, {"namespaces", {"apps"}}}, "namespaces"},
      {{{"name", name}, {"kind", "nodes"}, {"editor_teams", {"no-such-team"}}}, "editor_teams[0]"},
      {{{"name", name}, {"kind", "nodes"}, {"id", "mine"}}, "id"},
      {{{"name", name}, {"kind", "nodes"}, {"colour", "red"}}, "colour"},
  };
  for (const Case& c : cases) {
    HttpResponse response = api().Post("/api/v1/environments", c.body);
    EXPECT_TRUE(IsApiError(response, 400, "invalid_argument")) << c.body.dump();
    EXPECT_TRUE(ErrorNamesField(response, c.field)) << c.body.dump() << " -> " << response.body;
  }
  HttpResponse listed = api().Get("/api/v1/environments?page_size=500");
  ASSERT_EQ(listed.status, 200);
  const json listed_body = listed.Json();
  for (const json& environment : listed_body["environments"]) {
    EXPECT_NE(environment["name"], name);
    EXPECT_NE(environment["name"], "Prod EU");
  }

  json environment = CreateEnvironment(Unique("keep"));
  const std::string path = "/api/v1/environments/" + environment["id"].get<std::string>();
  HttpResponse refused = api().Patch(path, {{"kind", "nodes"}, {"namespaces", {"Bad"}}});
  EXPECT_TRUE(IsApiError(refused, 400, "invalid_argument"));
  HttpResponse clash = api().Post("/api/v1/environments",
                                  {{"name", environment["name"]}, {"kind", "nodes"}});
  EXPECT_TRUE(IsApiError(clash, 409, "already_exists"));
  HttpResponse after = api().Get(path);
  EXPECT_EQ(after.Json()["namespaces"], environment["namespaces"]);
  EXPECT_EQ(after.Json()["kind"], "kubernetes");

  HttpResponse renamed = api().Patch(path, {{"description", "renamed"}, {"name", Unique("moved")}});
  ASSERT_EQ(renamed.status, 200) << renamed.body;
  EXPECT_EQ(renamed.Json()["description"], "renamed");
  EXPECT_TRUE(IsApiError(Attach(environment["id"], "0123456789abcdef0123456789abcdef"), 404,
                         "not_found"));
}

TEST_F(EnvironmentsApi, TheInjectionPolicyShowsItsEffectiveResultPerEnvironment) {
  std::string registry_id = CreateRegistry(Unique("inject") + ".example.com:5000");
  json prod = CreateEnvironment(Unique("iprod"));
  json dev = CreateEnvironment(Unique("idev"), "nodes");
  ASSERT_EQ(Attach(prod["id"], registry_id).status, 201);
  const std::string path = "/api/v1/registries/" + registry_id + "/injection";

  HttpResponse initial = api().Get(path);
  ASSERT_EQ(initial.status, 200) << initial.body;
  EXPECT_EQ(initial.Json()["default"], true);
  EXPECT_EQ(initial.Json()["mode"], "all-except");
  EXPECT_TRUE(initial.Json()["secret"]["name"].get<std::string>().starts_with("reghub-inject"));

  HttpResponse put = Put(path, {{"mode", "only"},
                                {"environments", {prod["name"]}},
                                {"secret", {{"source", "existing"}, {"name", "regcred"}}}});
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(put.Json()["default"], false);
  EXPECT_EQ(put.Json()["environments"], json({prod["name"]}));
  std::map<std::string, json> effective;
  const json put_body = put.Json();
  for (const json& row : put_body["effective"]) effective[row["environment"]] = row;
  EXPECT_EQ(effective[prod["name"]]["inject"], true);
  EXPECT_EQ(effective[prod["name"]]["attached"], true);
  EXPECT_EQ(effective[prod["name"]]["secret_source"], "existing");
  EXPECT_EQ(effective[prod["name"]]["secret_name"], "regcred");
  EXPECT_EQ(effective[dev["name"]]["inject"], false);
  EXPECT_EQ(Attachment(prod["id"], registry_id)["injection"],
            json({{"inject", true}, {"secret_source", "existing"}, {"secret_name", "regcred"}}));

  HttpResponse unknown = Put(path, {{"mode", "all-except"},
                                    {"environments", {"no-such-environment"}},
                                    {"secret", {{"source", "generated"}}}});
  EXPECT_TRUE(IsApiError(unknown, 400, "invalid_argument"));
  EXPECT_TRUE(ErrorNamesField(unknown, "environments[0]"));
  HttpResponse bad_name =
      Put(path, {{"mode", "only"}, {"secret", {{"source", "existing"}, {"name", "Reg_Cred"}}}});
  EXPECT_TRUE(IsApiError(bad_name, 400, "invalid_argument"));
  EXPECT_TRUE(ErrorNamesField(bad_name, "secret.name"));
  EXPECT_EQ(api().Get(path).Json()["secret"]["name"], "regcred") << "refused input changed nothing";

  HttpResponse generated = Put(path, {{"mode", "all-except"},
                                      {"environments", {dev["name"]}},
                                      {"secret", {{"source", "generated"}}}});
  ASSERT_EQ(generated.status, 200) << generated.body;
  EXPECT_EQ(generated.Json()["secret"]["name"], initial.Json()["secret"]["name"]);
}

TEST_F(EnvironmentsApi, AgentTokensAreShownOnceRevokedAtOnceAndGoWithTheirEnvironment) {
  std::string environment_id = CreateEnvironment(Unique("tokens"))["id"];
  const std::string tokens_path = "/api/v1/environments/" + environment_id + "/agent-tokens";
  json first = CreateAgentToken(environment_id, "node-agent");
  json second = CreateAgentToken(environment_id, "spare");
  EXPECT_TRUE(IsApiError(api().Post(tokens_path, {{"name", "spare"}}), 409, "already_exists"));
  EXPECT_TRUE(IsApiError(api().Post(tokens_path, {{"name", ""}}), 400, "invalid_argument"));
  EXPECT_TRUE(IsApiError(api().Post(tokens_path, {{"name", "x"}, {"expires_in_days", 0}}), 400,
                         "invalid_argument"));

  HttpResponse listed = api().Get(tokens_path);
  ASSERT_EQ(listed.status, 200) << listed.body;
  ASSERT_EQ(listed.Json()["tokens"].size(), 2u);
  EXPECT_EQ(listed.Json()["tokens"][0]["name"], "node-agent");
  EXPECT_FALSE(listed.Json()["tokens"][0].contains("token"));
  EXPECT_EQ(listed.body.find(first["token"].get<std::string>()), std::string::npos);

  ApiClient first_agent(hub(), first["token"]);
  const std::string state_path = "/api/v1/environments/" + environment_id + "/desired-state";
  ASSERT_EQ(first_agent.Get(state_path).status, 200);
  ASSERT_EQ(api().Delete(tokens_path + "/" + first["id"].get<std::string>()).status, 204);
  EXPECT_TRUE(IsApiError(first_agent.Get(state_path), 401, "unauthenticated"));
  EXPECT_TRUE(IsApiError(api().Delete(tokens_path + "/" + first["id"].get<std::string>()), 404,
                         "not_found"));

  ApiClient second_agent(hub(), second["token"]);
  ASSERT_EQ(second_agent.Get(state_path).status, 200);
  ASSERT_EQ(api().Delete("/api/v1/environments/" + environment_id).status, 204);
  EXPECT_TRUE(IsApiError(second_agent.Get(state_path), 401, "unauthenticated"));
  EXPECT_TRUE(IsApiError(api().Get("/api/v1/environments/" + environment_id), 404, "not_found"));
}

TEST_F(EnvironmentsApi, EveryAttachmentPolicyAndAgentTokenChangeIsAudited) {
  std::string registry_id = CreateRegistry(Unique("audited") + ".example.com");
  std::string environment_id = CreateEnvironment(Unique("audit"))["id"];
  ASSERT_EQ(Attach(environment_id, registry_id).status, 201);
  json agent = CreateAgentToken(environment_id);
  ApiClient agent_api(hub(), agent["token"]);
  ASSERT_EQ(agent_api
                .Post("/api/v1/environments/" + environment_id + "/actuations",
                      {{"registries", {{{"registry_id", registry_id}, {"revision", 1}}}}})
                .status,
            200);
  ASSERT_EQ(Put("/api/v1/registries/" + registry_id + "/injection",
                {{"mode", "only"}, {"secret", {{"source", "generated"}}}})
                .status,
            200);
  ASSERT_EQ(api().Delete("/api/v1/environments/" + environment_id + "/registries/" + registry_id)
                .status,
            204);
  ASSERT_EQ(api().Delete("/api/v1/environments/" + environment_id).status, 204);

  std::multiset<std::string> actions;
  for (const json& entry : ListAllAudit(api())) {
    if (entry["target_id"] == environment_id || entry["target_id"] == registry_id ||
        entry["target_id"] == agent["id"]) {
      actions.insert(entry["action"].get<std::string>());
      EXPECT_EQ(entry.dump().find(agent["token"].get<std::string>()), std::string::npos);
    }
  }
  for (const char* action :
       {"environment.create", "environment.attach", "agent_token.create", "environment.actuation",
        "injection_policy.update", "environment.detach", "agent_token.delete",
        "environment.delete"}) {
    EXPECT_EQ(actions.count(action), 1u) << action;
  }
}

}  // namespace
}  // namespace reghub::testing
