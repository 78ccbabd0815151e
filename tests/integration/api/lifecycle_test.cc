// The hub's life cycle as an operator sees it: first start, restart on the
// same data directory, the generated administrator password, health and
// readiness, the OpenAPI document and a graceful SIGTERM.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <thread>

#include "integration/api/api_helpers.h"
#include "support/hub_server.h"

namespace reghub::testing {
namespace {

namespace fs = std::filesystem;

unsigned Mode(const fs::path& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return 0;
  return info.st_mode & 07777;
}

bool IsSqliteFile(const fs::path& path) {
  return ReadFileBytes(path).starts_with(std::string("SQLite format 3\0", 16));
}

TEST(HubLifecycle, FirstStartCreatesPrivateDataDirMasterKeyDatabaseAndAdmin) {
  HubServer hub;
  ASSERT_FALSE(fs::exists(hub.data_dir()));
  ASSERT_EQ(hub.Start(), "");
  ASSERT_TRUE(fs::is_directory(hub.data_dir()));
  EXPECT_EQ(Mode(hub.data_dir()), 0700u);
  ASSERT_TRUE(fs::is_regular_file(hub.data_dir() / "master.key"));
  EXPECT_EQ(Mode(hub.data_dir() / "master.key"), 0600u);
  int databases = 0;
  for (const auto& entry : fs::directory_iterator(hub.data_dir())) {
    if (entry.is_regular_file() && IsSqliteFile(entry.path())) ++databases;
  }
  EXPECT_EQ(databases, 1) << "one SQLite database in the data directory";
  EXPECT_NE(hub.AdminToken(), "");
}

TEST(HubLifecycle, SecondStartReusesKeyDatabaseAdminAndRegistries) {
  HubServer hub;
  ASSERT_EQ(hub.Start(), "");
  ApiClient api(hub, hub.AdminToken());
  HttpResponse created = api.Post("/api/v1/registries",
                                  BasicRegistryBody("restart.example.com", "ci", NewSecret("restart")));
  ASSERT_EQ(created.status, 201) << created.body;
  std::string id = created.Json()["id"];
  std::string key_before = ReadFileBytes(hub.data_dir() / "master.key");
  HttpResponse before = api.Get("/api/v1/registries/" + id);

  ASSERT_EQ(hub.Restart(), "");
  EXPECT_EQ(ReadFileBytes(hub.data_dir() / "master.key"), key_before);
  std::string token = hub.AdminToken();
  ASSERT_NE(token, "") << "the same admin password still works";
  ApiClient again(hub, token);
  HttpResponse after = again.Get("/api/v1/registries/" + id);
  ASSERT_EQ(after.status, 200) << after.body;
  EXPECT_EQ(after.Json(), before.Json()) << "the registry, fingerprint included, survives a restart";
}

TEST(HubLifecycle, GeneratedAdminPasswordIsPrintedOnceAndWorks) {
  HubServerOptions options;
  options.admin_password = std::nullopt;
  HubServer hub(options);
  ASSERT_EQ(hub.Start(), "");
  ASSERT_NE(hub.AdminToken(), "") << "no working password found in the log:\n" << hub.LogText();
  std::string password = hub.admin_password();
  EXPECT_GE(password.size(), 12u);

  ASSERT_EQ(hub.Restart(), "");
  EXPECT_EQ(hub.LastRunLogText().find(password), std::string::npos)
      << "the one-time password is printed again on the second start";
  EXPECT_NE(hub.Login("admin", password), "") << "the generated password still works";
}

TEST(HubLifecycle, GivenAdminPasswordNeverAppearsInTheLog) {
  HubServer hub;
  ASSERT_EQ(hub.Start(), "");
  ASSERT_NE(hub.AdminToken(), "");
  hub.Login("admin", "wrong-password-for-the-log");
  EXPECT_EQ(hub.Stop(), 0);
  std::string log = hub.LogText();
  EXPECT_EQ(log.find(hub.admin_password()), std::string::npos);
  EXPECT_EQ(log.find("wrong-password-for-the-log"), std::string::npos);
}

TEST(HubLifecycle, HealthzAndReadyzAnswerWithoutAuthentication) {
  HubServer hub;
  ASSERT_EQ(hub.Start(), "");
  HttpClient client;
  HttpResponse health = client.Get(hub.Url("/healthz"));
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(health.body.substr(0, 2), "ok");
  EXPECT_EQ(client.Get(hub.Url("/readyz")).status, 200);
}

TEST(HubLifecycle, OpenApiDocumentIsOpenApi3WithPaths) {
  HubServer hub;
  ASSERT_EQ(hub.Start(), "");
  HttpClient client;
  HttpResponse response = client.Get(hub.Url("/api/v1/openapi.json"));
  ASSERT_EQ(response.status, 200);
  nlohmann::json document = response.Json();
  ASSERT_FALSE(document.is_discarded()) << "not JSON";
  ASSERT_TRUE(document.contains("openapi") && document["openapi"].is_string());
  EXPECT_TRUE(document["openapi"].get<std::string>().starts_with("3."));
  ASSERT_TRUE(document.contains("paths") && document["paths"].is_object());
  EXPECT_FALSE(document["paths"].empty());
  EXPECT_TRUE(document["paths"].contains("/api/v1/registries")) << "the registries path is described";
}

TEST(HubLifecycle, SigtermOnAnIdleHubExitsZero) {
  HubServer hub;
  ASSERT_EQ(hub.Start(), "");
  EXPECT_EQ(hub.Stop(std::chrono::seconds(10)), 0);
}

// A raw HTTP/1.1 exchange, so the test controls when the request is complete.
class RawConnection {
 public:
  explicit RawConnection(std::uint16_t port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0;
    timeval timeout{10, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
  }
  ~RawConnection() { ::close(fd_); }
  bool connected() const { return connected_; }
  bool Send(std::string_view bytes) {
    return ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(bytes.size());
  }
  // Reads until the peer closes or a complete Content-Length body has arrived.
  std::string ReadResponse() {
    std::string text;
    char buffer[4096];
    while (true) {
      ssize_t got = ::recv(fd_, buffer, sizeof(buffer), 0);
      if (got <= 0) break;
      text.append(buffer, static_cast<std::size_t>(got));
      auto end = text.find("\r\n\r\n");
      auto length_at = text.find("Content-Length: ");
      if (length_at == std::string::npos) length_at = text.find("content-length: ");
      if (end != std::string::npos && length_at != std::string::npos && length_at < end) {
        std::size_t length = std::stoul(text.substr(length_at + 16));
        if (text.size() >= end + 4 + length) break;
      }
    }
    return text;
  }

 private:
  int fd_ = -1;
  bool connected_ = false;
};

std::string LoginRequestHead(std::size_t body_size) {
  return "POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\n"
         "Content-Type: application/json\r\nContent-Length: " +
         std::to_string(body_size) + "\r\n\r\n";
}

// Login hashes the password with Argon2id, so a login sent just before SIGTERM
// is still being processed when the signal arrives.
TEST(HubLifecycle, SigtermLetsARequestBeingProcessedCompleteThenExitsZero) {
  HubServer hub;
  ASSERT_EQ(hub.Start(), "");
  std::string body = nlohmann::json{{"username", "admin"}, {"password", hub.admin_password()}}.dump();
  RawConnection connection(hub.port());
  ASSERT_TRUE(connection.connected());
  ASSERT_TRUE(connection.Send(LoginRequestHead(body.size()) + body));
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  hub.process().Signal(SIGTERM);
  std::string response = connection.ReadResponse();
  EXPECT_TRUE(response.starts_with("HTTP/1.1 200")) << "response: " << response.substr(0, 500);
  EXPECT_NE(response.find("\"token\""), std::string::npos);
  EXPECT_EQ(hub.process().WaitFor(std::chrono::seconds(10)), 0) << hub.LogText();
}

// The server has the request line, the headers and half of the body when
// SIGTERM arrives: the request is under way and is served.
TEST(HubLifecycle, SigtermLetsARequestBeingReceivedCompleteThenExitsZero) {
  HubServer hub;
  ASSERT_EQ(hub.Start(), "");
  std::string body = nlohmann::json{{"username", "admin"}, {"password", hub.admin_password()}}.dump();
  RawConnection connection(hub.port());
  ASSERT_TRUE(connection.connected());
  ASSERT_TRUE(connection.Send(LoginRequestHead(body.size()) + body.substr(0, body.size() / 2)));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  hub.process().Signal(SIGTERM);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  ASSERT_TRUE(connection.Send(body.substr(body.size() / 2)));
  std::string response = connection.ReadResponse();
  EXPECT_TRUE(response.starts_with("HTTP/1.1 200")) << "response: " << response.substr(0, 500);
  EXPECT_EQ(hub.process().WaitFor(std::chrono::seconds(10)), 0) << hub.LogText();
}

TEST(HubLifecycle, AfterSigtermNewConnectionsAreRefused) {
  HubServer hub;
  ASSERT_EQ(hub.Start(), "");
  ASSERT_EQ(hub.Stop(), 0);
  HttpClient client(std::chrono::milliseconds(2000));
  EXPECT_EQ(client.Get(hub.Url("/healthz")).status, 0);
}

}  // namespace
}  // namespace reghub::testing
