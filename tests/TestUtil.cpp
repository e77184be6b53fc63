#include "TestUtil.hpp"
#include "TestServer.hpp"

#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "base/Paths.hpp"
#include "base/Text.hpp"

namespace stegvis::test {

TempDir::TempDir() {
    char tmpl[] = "/tmp/stegvis-test-XXXXXX";
    char* p = ::mkdtemp(tmpl);
    if (!p) throw std::runtime_error("mkdtemp failed");
    m_path = p;
}

TempDir::~TempDir() {
    std::string cmd = "chmod -R u+w '" + m_path + "' 2>/dev/null; rm -rf '" + m_path + "'";
    if (std::system(cmd.c_str()) != 0) {
        // best effort
    }
}

const Manual& TheManual() {
    static const Manual m = LoadManual(PhasesPath());
    return m;
}

const Catalog& TheCatalog() {
    static const Catalog c = LoadCatalog(CatalogPath());
    return c;
}

const std::vector<Instrument>& TheInstruments() {
    static const std::vector<Instrument> i = LoadInstruments(InstrumentsDir());
    return i;
}

ProjectInfo SampleInfo() {
    ProjectInfo i;
    i.name = "Införande 2027";
    i.organisation = "Umeå kommun";
    i.kind = OrgKind::Kommun;
    i.catalogEdition = "2015";
    return i;
}

Store NewStore(const TempDir& dir) {
    ProjectInfo i = SampleInfo();
    i.name = "Projekt";
    i.organisation = "Exempelkommun";
    return Store::Create(dir.File("p.stegvis"), i);
}

bool ServerBackend() {
    const char* b = std::getenv("STEGVIS_TEST_BACKEND");
    return b && std::string(b) == "server";
}

namespace {
std::shared_ptr<void> BackendServer() {
    if (ServerBackend()) return std::make_shared<TestServer>();
    return nullptr;
}

Store FixtureStore(const TempDir& dir, const std::shared_ptr<void>& server) {
    if (!server) return NewStore(dir);
    const auto* s = static_cast<const TestServer*>(server.get());
    { Store file = NewStore(dir); }
    PushProject(dir.File("p.stegvis"), s->Address("stegvis_admin", "P"));
    return OpenServerProject(s->Address("stegvis_admin", "P"));
}
}  // namespace

ProjectFixture::ProjectFixture() : server(BackendServer()), store(FixtureStore(dir, server)) {
    ctx.manual = &TheManual();
    ctx.catalog = &TheCatalog();
    ctx.instruments = &TheInstruments();
}

int64_t ProjectFixture::Ok(const Action& a) {
    ApplyResult r = Do(a);
    INFO(Describe(a) << ": " << r.error.field << ": " << r.error.Text());
    REQUIRE(r.ok);
    return r.newId;
}

std::string ProjectFixture::Rejected(const Action& a) {
    ApplyResult r = Do(a);
    INFO(Describe(a));
    REQUIRE_FALSE(r.ok);
    CHECK_FALSE(r.error.Text().empty());
    return r.error.field;
}

void WriteText(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out) throw std::runtime_error("cannot write " + path);
}

std::string Slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string Sha256OfFile(const std::string& path) {
    std::string cmd = "sha256sum '" + path + "' 2>/dev/null";
    FILE* p = ::popen(cmd.c_str(), "r");
    if (!p) return "";
    char buf[128] = {};
    size_t n = std::fread(buf, 1, 64, p);
    ::pclose(p);
    return std::string(buf, n);
}

std::string ReleasedSchema(int version) {
    const std::string path = std::string(STEGVIS_SOURCE_DIR) + "/tests/schema/v" + std::to_string(version) + ".sql";
    std::string sql = Slurp(path);
    INFO(path);
    REQUIRE(sql.find("CREATE TABLE project(") != std::string::npos);
    return sql;
}

void CreateReleasedFile(const std::string& path, int version) {
    REQUIRE(!PathExists(path));
    Sql(path, ReleasedSchema(version) +
                  "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 15)"
                  "  INSERT INTO step_progress(step) SELECT x FROM n;"
                  "PRAGMA application_id = " + std::to_string(Store::kApplicationId) + ";"
                  "PRAGMA user_version = " + std::to_string(version) + ";"
                  "PRAGMA journal_mode = WAL;");
}

void Sql(const std::string& path, const std::string& sql) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    char* err = nullptr;
    const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
    INFO((err ? err : ""));
    sqlite3_free(err);
    sqlite3_close(db);
    REQUIRE(rc == SQLITE_OK);
}

std::string Quoted(const std::string& path) {
    std::string q = "'";
    for (char c : path) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

RunResult RunStegvis(const std::string& args, const std::string& stdinText, int killAfterSeconds) {
    TempDir io;
    std::string in = io.File("in"), out = io.File("out"), err = io.File("err");
    WriteText(in, stdinText);
    // A private data folder, so tests never touch the user's own projects or settings.
    const std::string limit = killAfterSeconds > 0 ? "timeout -s KILL " + std::to_string(killAfterSeconds) + " " : "";
    std::string cmd = "XDG_DATA_HOME='" + io.Path() + "' " + limit + "'" STEGVIS_BINARY "' " + args + " <'" + in +
                      "' >'" + out + "' 2>'" + err + "'";
    int rc = std::system(cmd.c_str());
    RunResult r;
    r.status = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
    r.out = Slurp(out);
    r.err = Slurp(err);
    return r;
}

bool NamesBenzodiazepines(const std::string& line) {
    for (size_t pos = line.find("Bensodiazepiner"); pos != std::string::npos; pos = line.find("Bensodiazepiner", pos + 1))
        if (line.compare(pos + 15, 6, " eller") != 0) return true;
    return false;
}

std::string CommandOutput(const std::string& cmd) {
    std::string out;
    if (FILE* p = ::popen(cmd.c_str(), "r")) {
        char buf[4096];
        for (size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
        ::pclose(p);
    }
    return out;
}

std::string ZipPart(const std::string& zip, const std::string& part) {
    return CommandOutput(
        "python3 -c \"import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())\" " +
        Quoted(zip) + " " + Quoted(part) + " 2>/dev/null");
}

}  // namespace stegvis::test
