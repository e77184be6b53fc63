#include "TestServer.hpp"

#include <unistd.h>
#include <catch2/catch.hpp>

#include <atomic>
#include <cstdlib>

#include "TestUtil.hpp"
#include "server/Pg.hpp"

namespace stegvis::test {

std::string AdminUrl() {
    const char* dir = std::getenv("STEGVIS_TEST_SERVER_DIR");
#ifdef STEGVIS_TEST_SERVER_DEFAULT
    if (!dir && ServerBackend()) dir = STEGVIS_TEST_SERVER_DEFAULT;
#endif
    if (!dir)
        FAIL(
            "STEGVIS_TEST_SERVER_DIR is not set: the [server] tests run through ctest (server.*), which "
            "starts a private PostgreSQL cluster (tests/server/cluster.sh)");
    std::string url = Slurp(std::string(dir) + "/url");
    while (!url.empty() && (url.back() == '\n' || url.back() == ' ')) url.pop_back();
    if (url.empty()) FAIL(std::string("no cluster address in ") + dir + "/url");
    return url;
}

TestServer::TestServer(const std::string& adminUrl) {
    static std::atomic<int> n{0};
    admin = adminUrl.empty() ? AdminUrl() : adminUrl;
    m_db = "t" + std::to_string(getpid()) + "_" + std::to_string(n++);
    pg::Connection c(admin);
    c.Exec("DROP DATABASE IF EXISTS " + m_db);
    c.Exec("CREATE DATABASE " + m_db);
    // Roles belong to the cluster: made once, whichever test comes first (one at a time).
    c.Exec("SELECT pg_advisory_lock(7001)");
    c.Exec(
        "DO $$ BEGIN "
        "IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'stegvis_users') THEN "
        "  CREATE ROLE stegvis_users NOLOGIN; END IF; "
        "IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'anna') THEN CREATE ROLE anna LOGIN; END IF; "
        "IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'bo') THEN CREATE ROLE bo LOGIN; END IF; "
        "IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'cia') THEN CREATE ROLE cia LOGIN; END IF; "
        "IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'dag') THEN CREATE ROLE dag LOGIN; END IF; "
        "IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'eva') THEN CREATE ROLE eva LOGIN; END IF; "
        "END $$");
    c.Exec("GRANT stegvis_users TO anna, dag");
    c.Exec("SELECT pg_advisory_unlock(7001)");
    adminDb = As("stegvis_admin");
    InitServer(ParseServerAddress(adminDb, nullptr));
}

TestServer::~TestServer() {
    try {
        pg::Connection c(admin);
        c.Exec("DROP DATABASE IF EXISTS " + m_db + " WITH (FORCE)");
    } catch (...) {
    }
}

std::string TestServer::As(const std::string& role, const std::string& project) const {
    std::string url = admin;
    const size_t scheme = url.find("://") + 3;
    const size_t at = url.find('@', scheme);
    url = url.substr(0, scheme) + role + url.substr(at);
    url = url.substr(0, url.rfind('/') + 1) + m_db;
    if (!project.empty()) url += "?project=" + project;
    return url;
}

}  // namespace stegvis::test
