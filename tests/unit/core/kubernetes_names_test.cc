#include <gtest/gtest.h>

#include <string>

#include "core/kubernetes_names.h"

namespace reghub {
namespace {

struct NameCase {
  std::string name;
  bool valid;
};

class Dns1123Label : public ::testing::TestWithParam<NameCase> {};

TEST_P(Dns1123Label, AcceptsExactlyKubernetesLabels) {
  EXPECT_EQ(!CheckDns1123Label(GetParam().name).has_value(), GetParam().valid) << GetParam().name;
}

INSTANTIATE_TEST_SUITE_P(
    Table, Dns1123Label,
    ::testing::Values(NameCase{"default", true}, NameCase{"kube-system", true},
                      NameCase{"a", true}, NameCase{"0", true}, NameCase{"a1-b2", true},
                      NameCase{std::string(63, 'a'), true}, NameCase{std::string(64, 'a'), false},
                      NameCase{"", false}, NameCase{"-a", false}, NameCase{"a-", false},
                      NameCase{"Prod", false}, NameCase{"a.b", false}, NameCase{"a_b", false},
                      NameCase{"a b", false}, NameCase{"é", false}));

class Dns1123Subdomain : public ::testing::TestWithParam<NameCase> {};

TEST_P(Dns1123Subdomain, AcceptsExactlyKubernetesSecretNames) {
  EXPECT_EQ(!CheckDns1123Subdomain(GetParam().name).has_value(), GetParam().valid)
      << GetParam().name;
}

INSTANTIATE_TEST_SUITE_P(
    Table, Dns1123Subdomain,
    ::testing::Values(NameCase{"regcred", true}, NameCase{"pull-secret.example.com", true},
                      NameCase{"a.b.c", true}, NameCase{std::string(253, 'a'), true},
                      NameCase{std::string(254, 'a'), false}, NameCase{"", false},
                      NameCase{".a", false}, NameCase{"a.", false}, NameCase{"a..b", false},
                      NameCase{"a.-b", false}, NameCase{"Regcred", false},
                      NameCase{"reg_cred", false}, NameCase{"reg cred", false},
                      NameCase{"reg/cred", false}));

TEST(Dns1123Subdomain, ExplainsUpperCase) {
  auto problem = CheckDns1123Subdomain("RegCred");
  ASSERT_TRUE(problem.has_value());
  EXPECT_NE(problem->find("lower case"), std::string::npos) << *problem;
}

TEST(ToDns1123Subdomain, MakesValidNamesFromAnyText) {
  EXPECT_EQ(ToDns1123Subdomain("reghub-registry.example.com:5000"),
            "reghub-registry.example.com-5000");
  EXPECT_EQ(ToDns1123Subdomain("reghub-[::1]:5000"), "reghub-1-5000");
  EXPECT_EQ(ToDns1123Subdomain("Docker.IO"), "docker.io");
  EXPECT_EQ(ToDns1123Subdomain("--"), "x");
  for (std::string text : {std::string(300, 'a'), std::string("a..b"), std::string("a.-b"),
                           std::string(70, 'b') + ".c", std::string("-x-")}) {
    std::string made = ToDns1123Subdomain(text);
    EXPECT_FALSE(CheckDns1123Subdomain(made).has_value()) << text << " -> " << made;
  }
}

}  // namespace
}  // namespace reghub
