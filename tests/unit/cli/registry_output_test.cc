#include "cli/registry_output.h"

#include <gtest/gtest.h>

namespace reghub::cli {
namespace {

Json SampleRegistry() {
  return Json::parse(R"({"id":"3f2a","url":"registry.example.com:5000","display_name":"Cache",
    "description":"","provider":"generic","access":"private",
    "credentials":{"kind":"basic","fingerprint":"9c1e0011aabbccdd","replaced_at":"2026-11-26T22:39:00Z","username":"ci"},
    "mirrors":[{"upstream":"docker.io","path_prefix":"dockerhub"},{"upstream":"ghcr.io","path_prefix":""}],
    "tls":{"mode":"verify","ca_fingerprint":""},
    "usage":{"push_images":true,"push_charts":false,"chart_repository":false,"chart_repositories":[],"default":true},
    "repositories":[],"revision":3,"permissions_deadline":"2026-11-26T22:44:00Z",
    "created_at":"2026-11-26T22:39:00Z","created_by":"admin","updated_at":"2026-11-26T22:40:00Z","updated_by":"ops"})");
}

TEST(RegistryListTable, ShowsOneAlignedRowPerRegistry) {
  Json list =
      Json::array({SampleRegistry(), Json::parse(R"({"id":"77","url":"quay.io","provider":"quay",
      "access":"public","credentials":{"kind":"none"},"revision":1,"usage":{"default":false}})")});
  EXPECT_EQ(RegistryListTable(list),
            "ID    URL                        PROVIDER  ACCESS   CREDENTIALS  REVISION  DEFAULT\n"
            "3f2a  registry.example.com:5000  generic   private  basic        3         yes\n"
            "77    quay.io                    quay      public   none         1         no\n");
}

TEST(RegistryDetails, ShowsEveryFieldGroup) {
  std::string text = RegistryDetails(SampleRegistry());
  EXPECT_NE(text.find("URL:                registry.example.com:5000\n"), std::string::npos)
      << text;
  EXPECT_NE(text.find("basic, username ci\n"), std::string::npos) << text;
  EXPECT_NE(text.find("fingerprint 9c1e0011aabbccdd"), std::string::npos);
  EXPECT_NE(text.find("docker.io at /dockerhub\n"), std::string::npos);
  EXPECT_NE(text.find("ghcr.io\n"), std::string::npos);
  EXPECT_NE(text.find("default: yes"), std::string::npos);
  EXPECT_NE(text.find("Revision:           3\n"), std::string::npos);
  EXPECT_NE(text.find("Updated:            2026-11-26T22:40:00Z by ops\n"), std::string::npos);
  EXPECT_NE(text.find("Description:        -\n"), std::string::npos);
}

TEST(RegistryDetails, ToleratesMissingFields) {
  std::string text = RegistryDetails(Json::parse(R"({"id":"1","url":"a.io"})"));
  EXPECT_NE(text.find("URL:"), std::string::npos);
}

TEST(RevisionsTable, JoinsChangeSummaries) {
  Json revisions = Json::parse(R"([
    {"revision":2,"created_at":"t2","created_by":"ops","changes":[{"field":"description","summary":"description changed"},{"field":"credentials","summary":"credentials replaced"}]},
    {"revision":1,"created_at":"t1","created_by":"admin","changes":["created"]}])");
  EXPECT_EQ(RevisionsTable(revisions),
            "REVISION  CREATED AT  CREATED BY  CHANGES\n"
            "2         t2          ops         description changed; credentials replaced\n"
            "1         t1          admin       created\n");
}

TEST(DiffTable, ShowsValuesAndTheSummaryWhereValuesDoNotShowTheChange) {
  Json diff = Json::parse(R"({"from":1,"to":2,"changes":[
    {"field":"description","before":"","after":"new text","summary":"description changed"},
    {"field":"credentials","before":"basic","after":"basic","summary":"credentials replaced"},
    {"field":"mirrors","summary":"mirrors replaced"}]})");
  EXPECT_EQ(DiffTable(diff),
            "Revision 1 -> 2: 3 changes\n"
            "FIELD        BEFORE  AFTER\n"
            "description          new text\n"
            "credentials  basic   basic (credentials replaced)\n"
            "mirrors              mirrors replaced\n");
}

TEST(DiffTable, SaysWhenNothingChanged) {
  EXPECT_EQ(DiffTable(Json::parse(R"({"from":1,"to":1,"changes":[]})")),
            "Revision 1 -> 1: no changes\n");
}

}  // namespace
}  // namespace reghub::cli
