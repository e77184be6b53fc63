// Every input that once crashed a fuzz target (tests/fuzz/regressions/<target>/) and every seed
// input (tests/fuzz/corpus/<target>/), run through the fuzz target's own code: each is handled,
// and a refusal says why. Then the limits that keep hostile JSON from exhausting the stack or memory.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>

#include "TestUtil.hpp"
#include "store/Backup.hpp"
#include "reference/Instruments.hpp"
#include "base/Paths.hpp"
#include "reference/Phases.hpp"
#include "base/Text.hpp"
#include "fuzz/FuzzEntries.hpp"

using namespace stegvis;
using stegvis::test::TempDir;

namespace {

const std::string kFuzzDir = STEGVIS_SOURCE_DIR "/tests/fuzz";

std::vector<std::string> FilesIn(const std::string& dir) {
    std::vector<std::string> out;
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(dir, ec))
        if (e.is_regular_file()) out.push_back(e.path().string());
    std::sort(out.begin(), out.end());
    return out;
}

// Returns how many files were replayed.
size_t Replay(const std::string& kind) {
    size_t n = 0;
    for (const fuzz::Target& target : fuzz::Targets()) {
        for (const std::string& file : FilesIn(kFuzzDir + "/" + kind + "/" + target.name)) {
            INFO(file);
            fuzz::Outcome outcome;
            REQUIRE_NOTHROW(outcome = target.run(ReadFile(file)));
            if (outcome.refused) CHECK_FALSE(outcome.message.empty());
            ++n;
        }
    }
    return n;
}

std::string Nested(size_t depth) {
    return std::string(depth, '[') + std::string(depth, ']');
}

DataError ImportError(const std::string& json, const TempDir& dir) {
    try {
        ImportBackup(json, "backup.json", dir.File("new.stegvis"));
    } catch (const DataError& e) {
        CHECK_FALSE(PathExists(dir.File("new.stegvis")));
        return e;
    }
    FAIL("the import should have been refused");
    throw std::logic_error("unreachable");
}

// A backup of schema 1 holding `tables` (JSON text of the list's items).
std::string WithTables(const std::string& tables) {
    return R"({"backup": {"cereal_class_version": 1, "format": "stegvis-backup", "program": "0.1.0",
        "exported_at": "2026-11-23 10:00:00", "schema": 1, "tables": [)" +
           tables + "]}}";
}

std::string Table(const std::string& name, const std::string& columns, const std::string& rows) {
    return R"({"cereal_class_version": 1, "name": ")" + name + R"(", "columns": )" + columns + R"(, "rows": )" + rows +
           "}";
}

std::string OneTable(const std::string& name, const std::string& columns, const std::string& rows) {
    return WithTables(Table(name, columns, rows));
}

std::string Quoted(const std::vector<std::string>& items) {
    std::string out = "[";
    for (const auto& s : items) out += (out.size() > 1 ? ", \"" : "\"") + s + "\"";
    return out + "]";
}

}  // namespace

TEST_CASE("Every input that crashed a fuzz target is handled now", "[fuzz]") {
    CHECK(Replay("regressions") > 0);
}

TEST_CASE("The fuzz targets handle their seed inputs, and accept the real files among them", "[fuzz]") {
    CHECK(Replay("corpus") > 0);
    for (const char* name : {"backup", "catalog", "manual", "instrument", "template"}) {
        for (const std::string& file : FilesIn(kFuzzDir + "/corpus/" + name)) {
            if (file.find("/real-") == std::string::npos) continue;
            INFO(file);
            CHECK_FALSE(fuzz::FindTarget(name).run(ReadFile(file)).refused);
        }
    }
}

TEST_CASE("JSON nested deeper than 64 levels is refused before it can exhaust the stack", "[fuzz][limits]") {
    TempDir dir;
    SECTION("a backup of a million nested lists") {
        auto e = ImportError("{\"backup\": " + Nested(1'000'000) + "}", dir);
        CHECK(e.File() == "backup.json");
        CHECK(e.Line() == 1);
        CHECK(e.Why().find("nested deeper than 64 levels") != std::string::npos);
    }
    SECTION("nesting hidden in a field the import does not read") {
        std::string json = OneTable("project", "[\"id\"]", "[[\"i:1\"]]");
        json.insert(json.find("\"format\""), "\"extra\": " + Nested(100) + ", ");
        CHECK(ImportError(json, dir).Why().find("nested deeper than 64") != std::string::npos);
    }
    SECTION("the loaders of the program's own JSON files") {
        CHECK_THROWS_WITH(ParseManual(Nested(10'000), "steps.json"), Catch::Contains("nested deeper than 64"));
        CHECK_THROWS_WITH(ParseInstrument("{\"items\": " + Nested(100) + "}", "oric.json"),
                          Catch::Contains("oric.json:1: lists and objects are nested deeper than 64 levels"));
    }
    SECTION("64 levels are fine for the parser (the document is then refused for its content)") {
        CHECK_THROWS_WITH(ParseManual(Nested(64), "steps.json"), Catch::Contains("must be a JSON object"));
    }
}

TEST_CASE("A key given twice in a backup is refused instead of one copy being read", "[fuzz][limits]") {
    TempDir dir;
    std::string json = OneTable("project", "[\"id\"]", "[[\"i:1\"]]");
    json.insert(json.find("\"format\""), "\"tables\": [], ");
    auto e = ImportError(json, dir);
    CHECK(e.Why().find("key 'tables' is given twice") != std::string::npos);
}

TEST_CASE("A backup beyond the import's limits is refused with the limit named", "[fuzz][limits]") {
    TempDir dir;
    SECTION("too many tables") {
        std::string tables;
        for (int i = 0; i < 257; ++i) tables += (i ? ", " : "") + Table("project", "[\"id\"]", "[]");
        auto e = ImportError(WithTables(tables), dir);
        CHECK(e.Field() == "tables");
        CHECK(e.Why() == "257 tables is more than the limit of 256");
    }
    SECTION("too many columns") {
        std::vector<std::string> cols;
        for (int i = 0; i < 257; ++i) cols.push_back("c" + std::to_string(i));
        auto e = ImportError(OneTable("project", Quoted(cols), "[]"), dir);
        CHECK(e.Entry() == "backup.tables[0]");
        CHECK(e.Why() == "257 columns is more than the limit of 256");
    }
    SECTION("a cell longer than 4 MB") {
        auto e =
            ImportError(OneTable("project", "[\"name\"]", "[[\"t:" + std::string((4u << 20) - 1, 'x') + "\"]]"), dir);
        CHECK(e.Entry() == "backup.tables[0].rows[0][0]");
        CHECK(e.Why() == "is longer than the limit of 4 MB");
    }
}

TEST_CASE("Cells a backup cannot hold are refused with their place", "[fuzz][backup]") {
    TempDir dir;
    SECTION("a whole number too large for the file") {
        auto e = ImportError(OneTable("project", "[\"id\"]", "[[\"i:99999999999999999999\"]]"), dir);
        CHECK(e.Entry() == "backup.tables[0].rows[0][0]");
    }
    SECTION("a number that is not finite") {
        for (const char* cell : {"r:1e999", "r:nan", "r:inf"}) {
            INFO(cell);
            CHECK(ImportError(OneTable("project", "[\"id\"]", std::string("[[\"") + cell + "\"]]"), dir).Entry() ==
                  "backup.tables[0].rows[0][0]");
        }
    }
    SECTION("a column named twice, or none") {
        CHECK(ImportError(OneTable("project", "[\"id\", \"id\"]", "[]"), dir).Entry() == "backup.tables[0].columns[1]");
        CHECK(ImportError(OneTable("project", "[]", "[]"), dir).Field() == "columns");
    }
    SECTION("an older backup version than any Stegvis wrote") {
        std::string json = OneTable("project", "[\"id\"]", "[[\"i:1\"]]");
        json.replace(json.find("\"cereal_class_version\": 1"), 25, "\"cereal_class_version\": 0");
        CHECK(ImportError(json, dir).Field() == "cereal_class_version");
    }
}
