// The county overview over several units' files and backups.
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>

#include <algorithm>
#include <map>
#include <regex>

#include "TestUtil.hpp"
#include "output/Xlsx.hpp"
#include "store/Backup.hpp"
#include "edit/Demo.hpp"
#include "base/Paths.hpp"
#include "output/Report.hpp"
#include "output/Rollup.hpp"
#include "store/Store.hpp"
#include "base/Text.hpp"

using namespace stegvis;
using stegvis::test::RunStegvis;
using stegvis::test::Sha256OfFile;
using stegvis::test::Sql;
using stegvis::test::NamesBenzodiazepines;
using stegvis::test::TempDir;
using stegvis::test::TheCatalog;
using stegvis::test::TheInstruments;
using stegvis::test::TheManual;

TEST_CASE("The roll-up reads files, backups and folders, and skips what it cannot read", "[rollup]") {
    TempDir dir, work;
    const std::string folder = dir.File("lan");
    REQUIRE(MakeDirs(folder));
    for (auto [org, file] : {std::pair<const char*, const char*>{"Umeå kommun", "Umeå.stegvis"},
                             {"Region <Västerbotten> & Co", "Region.stegvis"}}) {
        DemoOptions opt;
        opt.organisation = org;
        opt.anchorDate = "2026-11-23";
        CreateDemo(folder + "/" + file, opt, TheManual(), TheCatalog(), TheInstruments());
    }
    WriteFileAtomic(dir.File("kopia.json"), BackupToJson(ExportBackup(folder + "/Umeå.stegvis")));
    stegvis::test::WriteText(folder + "/trasig.stegvis", "inte en databas, bara text");
    const std::string before = Sha256OfFile(folder + "/Umeå.stegvis");

    Rollup r = LoadRollup({folder, dir.File("kopia.json"), dir.File("saknas.stegvis")}, work.Path());
    CHECK(r.units.size() == 3);
    REQUIRE(r.skipped.size() == 2);
    CHECK(r.skipped[0].input == folder + "/trasig.stegvis");
    CHECK(r.skipped[0].why.find("SQLite") != std::string::npos);
    CHECK(r.skipped[0].why.find(work.Path()) == std::string::npos);  // named by the input, not the copy
    CHECK(r.skipped[1].why.find("finns inte") != std::string::npos);
    CHECK(Sha256OfFile(folder + "/Umeå.stegvis") == before);  // read from a copy, never changed

    // Each unit's initiatives are summarised when it is read, in the units' order, and what
    // the overview never reads is dropped.
    REQUIRE(r.initiatives.size() == 6);  // two initiatives in each of the three units
    CHECK(r.initiatives.front().unit == 0);
    CHECK(r.initiatives.back().unit == 2);
    bool metSignal = false;
    for (const RollupInitiative& x : r.initiatives) {
        CHECK(!x.signals.empty());
        if (x.name == "MET i öppenvården") {
            CHECK(x.recId == "PB-01");
            CHECK(x.stepsDone == 3);
            metSignal = metSignal || x.signals.find("förbättring") != std::string::npos;
        }
    }
    CHECK(metSignal);
    for (const RollupUnit& u : r.units) {
        CHECK(u.model.points.empty());
        CHECK(u.model.records.count("measure") == 0);
        CHECK(u.model.records.at("initiative").size() == 2);
        CHECK(u.model.inventory.size() == TheCatalog().recommendations.size());
    }

    std::string html = RenderRollup(r, TheCatalog(), TheManual(), "2026-11-23", ResolveTemplate("rollup", "html"));
    CHECK(StartsWith(html, "<!DOCTYPE html>"));
    CHECK(html.find("Umeå kommun") != std::string::npos);
    CHECK(html.find("Region &lt;Västerbotten&gt; &amp; Co") != std::string::npos);
    CHECK(html.find("<Västerbotten>") == std::string::npos);
    CHECK(html.find("trasig.stegvis") != std::string::npos);  // the skipped input is in the report too
    CHECK(html.find("MET i öppenvården") != std::string::npos);
    CHECK(html.find("förbättring") != std::string::npos);
    // The county sees which "Bensodiazepiner" a row is: each line naming it names its condition.
    int mentions = 0;
    for (const auto& line : Split(html, '\n')) {
        if (!NamesBenzodiazepines(line)) continue;
        ++mentions;
        INFO(line);
        CHECK((line.find(TheCatalog().Find("LB-01")->condition) != std::string::npos ||
               line.find(TheCatalog().Find("LB-04")->condition) != std::string::npos));
    }
    CHECK(mentions == 2);
    // An initiative's row names its recommendation's intervention and condition beside the ID.
    const Recommendation* met = TheCatalog().Find("PB-01");
    REQUIRE(met != nullptr);
    CHECK(html.find("<td>PB-01: " + met->intervention + "<br><span class=\"cond\">" + met->condition + "</span></td>") !=
          std::string::npos);
}

TEST_CASE("stegvis rollup exits 2 when an input was skipped, 0 when all were read", "[rollup][cli]") {
    TempDir dir;
    REQUIRE(RunStegvis("demo --db '" + dir.File("a.stegvis") + "' --org 'Umeå kommun'").status == 0);
    REQUIRE(RunStegvis("demo --db '" + dir.File("b.stegvis") + "' --org 'Vindelns kommun'").status == 0);
    auto ok = RunStegvis("rollup --out '" + dir.File("lan.html") + "' '" + dir.File("a.stegvis") + "' '" + dir.File("b.stegvis") + "'");
    CHECK(ok.status == 0);
    CHECK(ReadFile(dir.File("lan.html")).find("Vindelns kommun") != std::string::npos);
    auto xlsx = RunStegvis("rollup --out '" + dir.File("lan.xlsx") + "' '" + dir.File("a.stegvis") + "' '" + dir.File("b.stegvis") + "'");
    CHECK(xlsx.status == 0);
    CHECK(ReadFile(dir.File("lan.xlsx")).substr(0, 2) == "PK");
    stegvis::test::WriteText(dir.File("c.stegvis"), "");
    auto partial = RunStegvis("rollup --out '" + dir.File("lan2.html") + "' '" + dir.File("a.stegvis") + "' '" + dir.File("c.stegvis") + "'");
    CHECK(partial.status == 2);
    CHECK(partial.err.find("c.stegvis") != std::string::npos);
    CHECK(ReadFile(dir.File("lan2.html")).find("c.stegvis") != std::string::npos);
}

TEST_CASE("A unit is refused by the roll-up exactly when and as status refuses it: an old one is read", "[rollup][hostile]") {
    TempDir dir, work;
    const std::string good = dir.File("god.stegvis");
    DemoOptions opt;
    opt.anchorDate = "2026-11-23";
    CreateDemo(good, opt, TheManual(), TheCatalog(), TheInstruments());
    const std::vector<const char*> changes = {
        "UPDATE measure_point SET period = 'abc' WHERE rowid = (SELECT min(rowid) FROM measure_point)",
        "UPDATE measure_point SET period = '2030-01-02' WHERE rowid = (SELECT max(rowid) FROM measure_point)",
        "UPDATE measure_point SET numerator = -1 WHERE rowid = (SELECT max(rowid) FROM measure_point)",
        "DELETE FROM step_progress WHERE step = 7",
        "CREATE TRIGGER t AFTER UPDATE ON step_progress BEGIN SELECT 1; END",
        "UPDATE inventory SET offered = 'kanske' WHERE rowid = (SELECT max(rowid) FROM inventory)",
        "UPDATE step_progress SET notes = CAST(x'41ff42' AS TEXT) WHERE step = 3",
        "UPDATE step_progress SET notes = 'a' || char(0) || 'b' WHERE step = 4",
        "UPDATE step_progress SET status = 'klart' WHERE step = 15",
        "UPDATE project SET created_on = '2026-02-29'",
        "UPDATE project SET organisation = '   '",
        "UPDATE history SET state = 'gjord' WHERE id = (SELECT max(id) FROM history)",
        "UPDATE initiative SET name = x'4142' WHERE id = (SELECT max(id) FROM initiative)",
    };
    for (size_t i = 0; i < changes.size(); ++i) {
        INFO(changes[i]);
        const std::string f = dir.File("ändrad-" + std::to_string(i) + ".stegvis");
        std::filesystem::copy_file(good, f);
        Sql(f, std::string("PRAGMA ignore_check_constraints = ON; ") + changes[i]);  // as by hand
        std::string expected;
        try {
            Store::OpenReadOnly(f, 10).Load();
        } catch (const OpenError& e) {
            expected = e.what();
        }
        REQUIRE(StartsWith(expected, f + ": "));
        Rollup r = LoadRollup({f}, work.Path());
        CHECK(r.units.empty());
        REQUIRE(r.skipped.size() == 1);
        CHECK(r.skipped[0].why == expected.substr(f.size() + 2));
    }

    // A file of an older schema is upgraded in a private copy, never in place.
    const std::string old = dir.File("gammal.stegvis");
    Store::CreateAtVersion(old, 2);
    Sql(old, "INSERT INTO project VALUES (1, 'Gammalt', 'Gamla kommunen', 'kommun', '2015', '2020-01-01');"
             "PRAGMA journal_mode = DELETE;");
    const std::string before = Sha256OfFile(old);
    Rollup r = LoadRollup({old}, work.Path());
    INFO((r.skipped.empty() ? "" : r.skipped[0].why));
    REQUIRE(r.units.size() == 1);
    CHECK(r.units[0].model.project.organisation == "Gamla kommunen");
    CHECK(Sha256OfFile(old) == before);
    CHECK(Store::HeaderSchemaVersion(old) == 2);
}

TEST_CASE("A unit's last change is the newest time in its history, as max(at) gives it, whatever the history holds", "[rollup][hostile]") {
    TempDir dir, work;
    const std::string good = dir.File("god.stegvis");
    DemoOptions opt;
    opt.anchorDate = "2026-11-23";
    CreateDemo(good, opt, TheManual(), TheCatalog(), TheInstruments());
    const std::vector<const char*> changes = {
        "SELECT 1",
        // An older entry with a newer time (a clock put right): the time counts, not the order.
        "UPDATE history SET at = '2099-12-31T23:59:59' WHERE id = (SELECT min(id) FROM history)",
        "UPDATE history SET at = '2026-11-23T10:00:00' || char(0) || 'x' WHERE id = (SELECT max(id) FROM history)",
        // Not text: max() orders by type before value.
        "UPDATE history SET at = x'00' WHERE id = (SELECT min(id) FROM history)",
        "UPDATE history SET at = CAST(x'313939392d' AS BLOB) WHERE id = (SELECT max(id) FROM history)",
        "DELETE FROM history",
    };
    for (size_t i = 0; i < changes.size(); ++i) {
        INFO(changes[i]);
        const std::string f = dir.File("enhet-" + std::to_string(i) + ".stegvis");
        std::filesystem::copy_file(good, f);
        Sql(f, changes[i]);
        const std::string expected = Store::OpenReadOnly(f, 10).Load().lastChangeAt;
        CHECK(Store::ReadOverview(f, 10).lastChangeAt == expected);
        Rollup r = LoadRollup({f}, work.Path());
        REQUIRE(r.units.size() == 1);
        CHECK(r.units[0].model.lastChangeAt == expected);
    }
}

TEST_CASE("Units read side by side come out in their names' order, a bad one named among them, and Avbryt stops it", "[rollup]") {
    TempDir dir, work;
    const std::string folder = dir.File("lan");
    REQUIRE(MakeDirs(folder));
    const std::string first = folder + "/enhet-00.stegvis";
    DemoOptions opt;
    opt.organisation = "Enhet 0";
    opt.anchorDate = "2026-11-23";
    CreateDemo(first, opt, TheManual(), TheCatalog(), TheInstruments());
    // More units than reader threads; each its own organisation, one broken in the middle.
    std::vector<std::string> expected;
    for (int i = 0; i < 12; ++i) {
        char name[32];
        std::snprintf(name, sizeof name, "/enhet-%02d.stegvis", i);
        if (i == 0) {
            expected.push_back("Enhet 0");
            continue;
        }
        std::filesystem::copy_file(first, folder + name);
        if (i == 5) {
            Sql(folder + name, "PRAGMA ignore_check_constraints = ON; UPDATE step_progress SET status = 'klart' WHERE step = 2");
            continue;
        }
        Sql(folder + name, "UPDATE project SET organisation = 'Enhet " + std::to_string(i) + "'");
        expected.push_back("Enhet " + std::to_string(i));
    }
    TaskProgress progress;
    Rollup r = LoadRollup({folder}, work.Path(), &progress);
    CHECK(progress.done == 12);
    CHECK(progress.total == 12);
    std::vector<std::string> names;
    for (const RollupUnit& u : r.units) names.push_back(u.model.project.organisation);
    CHECK(names == expected);
    REQUIRE(r.skipped.size() == 1);
    CHECK(r.skipped[0].input == folder + "/enhet-05.stegvis");
    CHECK(r.skipped[0].why.find("step_progress") != std::string::npos);
    // Each initiative points at its own unit, in order.
    for (size_t i = 1; i < r.initiatives.size(); ++i) CHECK(r.initiatives[i - 1].unit <= r.initiatives[i].unit);
    CHECK(r.initiatives.back().unit == r.units.size() - 1);

    TaskProgress stopped;
    stopped.cancelled = true;
    CHECK_THROWS_AS(LoadRollup({folder}, work.Path(), &stopped), Cancelled);
    CHECK(stopped.done == 0);
}

TEST_CASE("Units are listed as a person reads their names: Kommun 2 before Kommun 10, whatever the files are called", "[rollup]") {
    TempDir dir, work;
    const std::string folder = dir.File("lan");
    REQUIRE(MakeDirs(folder));
    DemoOptions opt;
    opt.organisation = "Kommun 1";
    opt.anchorDate = "2026-11-23";
    CreateDemo(folder + "/a.stegvis", opt, TheManual(), TheCatalog(), TheInstruments());
    // The files' own order (a, b, c, d) is not the names' order.
    const std::pair<const char*, const char*> others[] = {
        {"b.stegvis", "Kommun 10"}, {"c.stegvis", "kommun 2"}, {"d.stegvis", "Kommun 02 norra"}};
    for (const auto& [file, org] : others) {
        std::filesystem::copy_file(folder + "/a.stegvis", folder + "/" + file);
        Sql(folder + "/" + file, std::string("UPDATE project SET organisation = '") + org + "'");
    }
    Rollup r = LoadRollup({folder}, work.Path());
    std::vector<std::string> names;
    for (const RollupUnit& u : r.units) names.push_back(u.model.project.organisation);
    CHECK(names == std::vector<std::string>{"Kommun 1", "kommun 2", "Kommun 02 norra", "Kommun 10"});
    // The overview's columns and rows follow it.
    const std::string html = RenderRollup(r, TheCatalog(), TheManual(), "2026-11-23", ResolveTemplate("rollup", "html"));
    CHECK(html.find("<th class=\"unit\">kommun 2</th>") < html.find("<th class=\"unit\">Kommun 10</th>"));
    CHECK(html.find("<td>kommun 2</td>") < html.find("<td>Kommun 10</td>"));
    // Each initiative still points at its own unit.
    for (const RollupInitiative& x : r.initiatives) CHECK(x.unit < r.units.size());
    CHECK(r.initiatives.front().unit == 0);
    CHECK(r.initiatives.back().unit == 3);

    CHECK(NaturalLess("Kommun 2", "Kommun 10"));
    CHECK_FALSE(NaturalLess("Kommun 10", "Kommun 2"));
    CHECK(NaturalLess("enhet 9", "Enhet 10"));
    CHECK(NaturalLess("Enhet 007", "Enhet 8"));
    CHECK(NaturalLess("Ale", "Alingsås"));
    CHECK_FALSE(NaturalLess("Kommun 2", "Kommun 2"));
}

TEST_CASE("A unit still on an older catalog is marked in the overview, with why, and the others are not", "[rollup][editions]") {
    TempDir dir, work;
    const std::string folder = dir.File("lan");
    REQUIRE(MakeDirs(folder));
    DemoOptions opt;
    opt.anchorDate = "2026-11-23";
    opt.organisation = "Kommun Ny";
    CreateDemo(folder + "/ny.stegvis", opt, TheManual(), TheCatalog(), TheInstruments());
    std::filesystem::copy_file(folder + "/ny.stegvis", folder + "/gammal.stegvis");
    // Made before LB-07 was split: its own catalog has the one row, and no LB-16 or LB-17.
    Sql(folder + "/gammal.stegvis",
        "UPDATE project SET organisation = 'Kommun Gammal';"
        "UPDATE catalog_row SET intervention = 'Akamprosat, disulfiram eller naltrexon', condition = 'Alkoholberoende'"
        "  WHERE rec_id = 'LB-07';"
        "DELETE FROM catalog_row WHERE rec_id IN ('LB-16', 'LB-17');");
    Rollup r = LoadRollup({folder}, work.Path());
    REQUIRE(r.units.size() == 2);
    const size_t fingerprint = CatalogFingerprint(TheCatalog().recommendations);
    CHECK(r.units[0].model.project.organisation == "Kommun Gammal");
    CHECK(UnitOnOtherCatalog(r.units[0], fingerprint));
    CHECK_FALSE(UnitOnOtherCatalog(r.units[1], fingerprint));
    CHECK(r.units[0].model.catalogRows.empty());  // read, fingerprinted, and not kept
    const std::string html = RenderRollup(r, TheCatalog(), TheManual(), "2026-11-23", ResolveTemplate("rollup", "html"));
    CHECK(html.find("<td>Kommun Gammal <span class=\"warn\" title=\"annan katalog: utgåva 2015\">*</span></td>") !=
          std::string::npos);
    CHECK(html.find("<td>Kommun Ny</td>") != std::string::npos);
    CHECK(html.find("<th class=\"unit\">Kommun Gammal *</th>") != std::string::npos);
    CHECK(html.find("* Enheten arbetar med en annan version av rekommendationskatalogen") != std::string::npos);
    // With every unit on this catalog, nothing is marked.
    const std::string same = RenderRollup(LoadRollup({folder + "/ny.stegvis"}, work.Path()), TheCatalog(), TheManual(),
                                          "2026-11-23", ResolveTemplate("rollup", "html"));
    CHECK(same.find("annan version av rekommendationskatalogen") == std::string::npos);
}

TEST_CASE("The county workbook colours each gap and counts the large ones per unit and per recommendation", "[rollup][xlsx]") {
    TempDir dir, work;
    DemoOptions opt;
    opt.anchorDate = "2026-11-23";
    CreateDemo(dir.File("a.stegvis"), opt, TheManual(), TheCatalog(), TheInstruments());
    Rollup r = LoadRollup({dir.File("a.stegvis")}, work.Path());
    REQUIRE(r.units.size() == 1);
    int large = 0, small = 0;
    for (const auto& [id, row] : r.units[0].model.inventory)
        if (row.offered != "ej_aktuellt") large += row.gap == "stor", small += row.gap == "liten";
    REQUIRE(large > 0);
    REQUIRE(small > 0);
    const std::string path = dir.File("lan.xlsx");
    WriteRollupXlsx(path, r, TheCatalog(), TheManual());
    const std::string styles = stegvis::test::ZipPart(path, "xl/styles.xml");
    CHECK(styles.find("FFF8C9C4") != std::string::npos);  // large gap: red
    CHECK(styles.find("FFFBEFB5") != std::string::npos);  // small gap: yellow
    const std::string strings = stegvis::test::ZipPart(path, "xl/sharedStrings.xml");
    CHECK(strings.find("Stora glapp") != std::string::npos);
    CHECK(strings.find("Enheter med stort glapp") != std::string::npos);
    // The unit's count of large gaps is a number in its row of the first sheet.
    const std::string units = stegvis::test::ZipPart(path, "xl/worksheets/sheet1.xml");
    CHECK(units.find("<v>" + std::to_string(large) + "</v>") != std::string::npos);
    // As many cells filled red on the offer sheet as the unit has large gaps.
    const std::string offer = stegvis::test::ZipPart(path, "xl/worksheets/sheet2.xml");
    std::regex filled("<c r=\"E[0-9]+\" s=\"([0-9]+)\" t=\"s\">");
    std::map<std::string, int> byStyle;
    for (auto it = std::sregex_iterator(offer.begin(), offer.end(), filled); it != std::sregex_iterator(); ++it)
        byStyle[(*it)[1]]++;
    std::vector<int> counts;
    for (const auto& [style, n] : byStyle) counts.push_back(n);
    CHECK(std::find(counts.begin(), counts.end(), large) != counts.end());
    CHECK(std::find(counts.begin(), counts.end(), small) != counts.end());
}
