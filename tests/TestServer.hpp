// The tests' PostgreSQL server (the private cluster ctest starts: tests/server/cluster.sh) and a
// database of its own for one test. Only in a build with server support.
#pragma once
#include <string>

#include "server/Server.hpp"

namespace stegvis::test {

// The cluster administrator's address, from STEGVIS_TEST_SERVER_DIR (FAILs without it).
std::string AdminUrl();

// A database of its own for one test, Stegvis's schema made in it, and the cluster's login
// roles: anna and dag (Stegvis users), bo and cia (not yet: a grant makes them), eva (never).
class TestServer {
public:
    // On the tests' shared cluster, or on the one whose administrator's address is `adminUrl`.
    explicit TestServer(const std::string& adminUrl = "");
    ~TestServer();
    TestServer(const TestServer&) = delete;
    TestServer& operator=(const TestServer&) = delete;
    // The test database's address as `role`, optionally with a project.
    std::string As(const std::string& role, const std::string& project = "") const;
    ServerAddress Address(const std::string& role, const std::string& project = "") const {
        return ParseServerAddress(As(role, project), nullptr);
    }
    std::string admin, adminDb;

private:
    std::string m_db;
};

}  // namespace stegvis::test
