// Editions of the catalog: a project keeps the catalog rows it was made with, a newer catalog is
// compared with them (new, changed, withdrawn), and moving the project over loses nothing and can
// be undone. The second edition here is synthetic ("2099-test"): made-up changes to show the
// mechanism, not a real revision of the guidelines.
#include <catch2/catch.hpp>

#include <algorithm>

#include "TestUtil.hpp"
#include "base/Text.hpp"
#include "domain/Editions.hpp"
#include "edit/Actions.hpp"
#include "output/Export.hpp"
#include "reference/Catalog.hpp"
#include "store/Store.hpp"

using namespace stegvis;
using namespace stegvis::test;

namespace {

// The shipped catalog as a file of another edition: BI-02's priority changed, BI-03 and MT-01
// withdrawn, a new row UN-90, and every row's edition the new one.
std::string SyntheticEdition() {
    std::string text = "id\tedition\tarea\ttarget_group\tcondition\tintervention\tpriority\tlevel\tsource\tlevel_note\n";
    for (Recommendation r : TheCatalog().recommendations) {
        if (r.id == "BI-03" || r.id == "MT-01") continue;
        r.edition = "2099-test";
        if (r.id == "BI-02") {
            r.priority.number = 5;
            r.level = Level::Kan;
        }
        text += RecommendationToTsv(r) + "\n";
    }
    text += "UN-90\t2099-test\tUngdomar\tungdomar\tSyntetiskt tillstånd för test\tSyntetisk insats\t7\tkan\tsynthetic test row\t\n";
    return text;
}

Catalog SyntheticCatalog() { return ParseCatalog(SyntheticEdition(), "synthetic-2099.tsv"); }

struct EditionFixture {
    TempDir dir;
    std::string path = dir.File("enhet.stegvis");
    Store store = Store::Create(path, SampleInfo(), &TheCatalog());
    ActionContext ctx{&TheManual(), &TheCatalog(), &TheInstruments()};
    int64_t Ok(const Action& a) {
        ApplyResult r = Apply(store, a, "Anna", ctx);
        INFO(r.error.Text());
        REQUIRE(r.ok);
        return r.newId;
    }
};

const Recommendation* Row(const std::vector<Recommendation>& rows, const std::string& id) {
    for (const Recommendation& r : rows)
        if (r.id == id) return &r;
    return nullptr;
}

}  // namespace

TEST_CASE("A new project keeps the catalog it was made with, row for row", "[editions]") {
    EditionFixture f;
    const ProjectModel m = f.store.Load();
    REQUIRE(m.catalogRows.size() == TheCatalog().recommendations.size());
    for (size_t i = 0; i < m.catalogRows.size(); ++i) {
        INFO(TheCatalog().recommendations[i].id);
        CHECK(m.catalogRows[i] == TheCatalog().recommendations[i]);  // every field, in the catalog's order
    }
    const Catalog own = ProjectCatalog(m, TheCatalog());
    CHECK_FALSE(CatalogsDiffer(own, TheCatalog()));
    CHECK_FALSE(ReviewCatalog(m, own, TheCatalog()).differs);
}

TEST_CASE("A catalog row survives the history's text form unchanged", "[editions]") {
    for (Recommendation r : TheCatalog().recommendations) {
        INFO(r.id);
        auto back = RecommendationFromTsv(RecommendationToTsv(r));
        REQUIRE(back);
        CHECK(*back == r);
        r.withdrawnIn = "2099-test";
        back = RecommendationFromTsv(RecommendationToTsv(r));
        REQUIRE(back);
        CHECK(back->withdrawnIn == "2099-test");
    }
    CHECK_FALSE(RecommendationFromTsv("BI-01\tonly three"));
    CHECK_FALSE(RecommendationFromTsv("BI-01\t2015\ta\tb\tc\td\t11\tbör\ts\t"));  // no priority 11
}

TEST_CASE("A catalog file holds one edition, and a row of another is refused by line and field", "[editions][errors]") {
    std::string text = SyntheticEdition();
    text += "UN-91\t2015\tUngdomar\tungdomar\tTillstånd\tInsats\t7\tkan\tsynthetic\t\n";
    try {
        ParseCatalog(text, "blandad.tsv");
        FAIL("a mixed-edition catalog loaded");
    } catch (const DataError& e) {
        const std::string what = e.what();
        CHECK(what.find("blandad.tsv:") != std::string::npos);
        CHECK(what.find("UN-91") != std::string::npos);
        CHECK(what.find("edition") != std::string::npos);
        CHECK(what.find("2099-test") != std::string::npos);
    }
}

TEST_CASE("Comparing with a newer edition lists new, changed and withdrawn rows and which hold data", "[editions]") {
    EditionFixture f;
    f.Ok(SetInventoryField{"MT-01", InvField::Offered, "ja"});  // withdrawn, with data
    f.Ok(SetInventoryField{"BI-02", InvField::Gap, "stor"});    // changed, with data
    const Catalog newer = SyntheticCatalog();
    const ProjectModel m = f.store.Load();
    const Catalog own = ProjectCatalog(m, TheCatalog());
    const CatalogReview rv = ReviewCatalog(m, own, newer);
    CHECK(rv.differs);
    CHECK(rv.fromEdition == "2015");
    CHECK(rv.toEdition == "2099-test");
    CHECK(rv.added == 1);
    CHECK(rv.changed == 1);  // the edition of every row changed too, but only BI-02's wording or priority
    CHECK(rv.withdrawn == 2);
    CHECK(rv.withData == 2);
    std::map<std::string, const CatalogChange*> byId;
    for (const CatalogChange& c : rv.changes) byId[c.id] = &c;
    REQUIRE(byId.count("UN-90"));
    CHECK(byId["UN-90"]->kind == CatalogChangeKind::New);
    REQUIRE(byId.count("BI-02"));
    CHECK(byId["BI-02"]->kind == CatalogChangeKind::Changed);
    CHECK(byId["BI-02"]->fields == std::vector<std::string>{"priority", "level"});
    CHECK(byId["BI-03"]->kind == CatalogChangeKind::Withdrawn);
    CHECK(byId["MT-01"]->kind == CatalogChangeKind::Withdrawn);

    const std::string text = EditionText(m, own, newer);
    CHECK(text.find("1 ny, 1 ändrad, 2 utgångna") != std::string::npos);
    CHECK(text.find("prioritet: \"3\" -> \"5\"") != std::string::npos);
    CHECK(text.find("MT-01") != std::string::npos);
    CHECK(text.find("uppgifter i projektet: finns kvar") != std::string::npos);
}

TEST_CASE("Moving to a newer edition keeps every row's data and history, and Undo moves it back", "[editions]") {
    EditionFixture f;
    f.Ok(SetInventoryField{"MT-01", InvField::Offered, "ja"});
    f.Ok(SetInventoryField{"MT-01", InvField::Comment, "Görs på vårdcentralen"});
    f.Ok(SetInventoryField{"BI-02", InvField::Gap, "stor"});
    f.Ok(SetDiscussed{"MT-01", true, "2026-05-04"});
    const ProjectModel before = f.store.Load();
    const Catalog newer = SyntheticCatalog();

    ApplyResult r = Apply(f.store, MoveToCatalog{newer}, "Anna", f.ctx);
    REQUIRE(r.ok);
    CHECK(r.changed);
    const ProjectModel after = f.store.Load();
    CHECK(after.project.catalogEdition == "2099-test");
    const Catalog own = ProjectCatalog(after, TheCatalog());
    CHECK(own.edition == "2099-test");
    // The new edition's rows, in its order; no difference left to move.
    REQUIRE(own.recommendations.size() == newer.recommendations.size());
    for (size_t i = 0; i < own.recommendations.size(); ++i) CHECK(own.recommendations[i] == newer.recommendations[i]);
    CHECK_FALSE(ReviewCatalog(after, own, newer).differs);
    // MT-01 is withdrawn but the project holds data on it: it stays, marked; BI-03 had none and goes.
    REQUIRE(own.withdrawn.size() == 1);
    CHECK(own.withdrawn[0].id == "MT-01");
    CHECK(own.withdrawn[0].withdrawnIn == "2099-test");
    REQUIRE(own.Find("MT-01"));
    CHECK(own.Find("BI-03") == nullptr);
    // Nothing the project saved is touched.
    CHECK(after.inventory == before.inventory);
    CHECK(after.discussions.at("MT-01").discussedOn == "2026-05-04");
    REQUIRE(after.Inventory("MT-01"));
    CHECK(after.Inventory("MT-01")->comment == "Görs på vårdcentralen");
    // The history names what moved: one entry per row written, and the edition.
    bool editionLogged = false, bi02Logged = false;
    for (const HistoryEntry& h : r.recorded) {
        editionLogged = editionLogged || (h.entity == "project" && h.field == "catalog_edition" && h.oldValue == "2015" &&
                                          h.newValue == "2099-test");
        bi02Logged = bi02Logged || (h.entity == "catalog" && h.key == "BI-02");
    }
    CHECK(editionLogged);
    CHECK(bi02Logged);

    REQUIRE(Undo(f.store));
    const ProjectModel undone = f.store.Load();
    CHECK(undone.project.catalogEdition == "2015");
    REQUIRE(undone.catalogRows.size() == before.catalogRows.size());
    for (size_t i = 0; i < undone.catalogRows.size(); ++i) CHECK(undone.catalogRows[i] == before.catalogRows[i]);
    CHECK(undone.inventory == before.inventory);

    REQUIRE(Redo(f.store));
    const ProjectModel redone = f.store.Load();
    CHECK(redone.project.catalogEdition == "2099-test");
    CHECK(redone.catalogRows == after.catalogRows);
    CHECK(Store::CheckIntegrity(f.path) == "ok");
}

TEST_CASE("A project on an older catalog is shown and reported from its own rows until it is moved", "[editions]") {
    EditionFixture f;
    const Catalog newer = SyntheticCatalog();
    // Made with the shipped catalog; a newer one is beside it, and the project still says 2015.
    ProjectModel m = f.store.Load();
    const Catalog own = ProjectCatalog(m, newer);
    CHECK(own.edition == "2015");
    REQUIRE(own.Find("BI-03"));
    CHECK(own.Find("UN-90") == nullptr);
    CHECK(own.Find("BI-02")->priority.number == 3);
    // A project without rows of its own (made without a catalog) follows the one given.
    TempDir other;
    Store bare = Store::Create(other.File("utan.stegvis"), SampleInfo());
    CHECK(bare.Load().catalogRows.empty());
    CHECK(ProjectCatalog(bare.Load(), newer).edition == "2099-test");
}

TEST_CASE("An empty or edition-less catalog is refused as a move target, nothing written", "[editions][errors]") {
    EditionFixture f;
    Catalog empty;
    empty.edition = "2099-test";
    ApplyResult r = Apply(f.store, MoveToCatalog{empty}, "Anna", f.ctx);
    CHECK_FALSE(r.ok);
    CHECK(r.error.field == "catalog");
    CHECK(f.store.Load().catalogRows.size() == TheCatalog().recommendations.size());
    CHECK(f.store.Load().project.catalogEdition == "2015");
}

TEST_CASE("stegvis edition compares a project with a newer catalog file and moves it on --move", "[editions][cli]") {
    TempDir dir;
    const std::string db = dir.File("enhet.stegvis");
    const std::string cat = dir.File("utgava-2099.tsv");
    WriteText(cat, SyntheticEdition());
    REQUIRE(RunStegvis("new --db " + Quoted(db) + " --name Test --org Enhet").status == 0);

    RunResult text = RunStegvis("edition --db " + Quoted(db) + " --catalog " + Quoted(cat));
    CHECK(text.status == 0);
    CHECK(text.out.find("utgåva 2099-test") != std::string::npos);
    CHECK(text.out.find("1 ny, 1 ändrad, 2 utgångna") != std::string::npos);

    RunResult json = RunStegvis("edition --db " + Quoted(db) + " --catalog " + Quoted(cat) + " --format json");
    CHECK(json.status == 0);
    CHECK(json.out.find("\"to_edition\":\"2099-test\"") != std::string::npos);
    CHECK(json.out.find("\"added\":1") != std::string::npos);

    // The shipped catalog is the project's own: nothing to move.
    RunResult same = RunStegvis("edition --db " + Quoted(db));
    CHECK(same.status == 0);
    CHECK(same.out.find("följer redan") != std::string::npos);

    RunResult move = RunStegvis("edition --db " + Quoted(db) + " --catalog " + Quoted(cat) + " --move");
    CHECK(move.status == 0);
    CHECK(move.out.find("Flyttade") != std::string::npos);
    Store s = Store::OpenReadOnly(db);
    CHECK(s.Load().project.catalogEdition == "2099-test");

    // A bad catalog file is named with its line and field, and the project is untouched.
    WriteText(cat, "id\tedition\tarea\ttarget_group\tcondition\tintervention\tpriority\tlevel\tsource\n"
                   "BI-01\t2100\tBedömningsinstrument\tvuxna\tX\tY\t11\tbör\ts\n");
    const std::string sum = Sha256OfFile(db);
    RunResult bad = RunStegvis("edition --db " + Quoted(db) + " --catalog " + Quoted(cat) + " --move");
    CHECK(bad.status != 0);
    CHECK(bad.err.find("utgava-2099.tsv:2") != std::string::npos);
    CHECK(bad.err.find("priority") != std::string::npos);
    CHECK(Sha256OfFile(db) == sum);
}

TEST_CASE("The shipped catalog splits LB-07 by drug and goal, and an older project is shown the split", "[editions][catalog]") {
    const Catalog& c = TheCatalog();
    REQUIRE(c.Find("LB-07"));
    REQUIRE(c.Find("LB-16"));
    REQUIRE(c.Find("LB-17"));
    CHECK(c.Find("LB-07")->intervention == "Disulfiram");
    CHECK(c.Find("LB-07")->condition.find("helnykterhet") != std::string::npos);
    CHECK(c.Find("LB-16")->intervention == "Akamprosat");
    CHECK(c.Find("LB-16")->condition.find("minskad konsumtion") != std::string::npos);
    CHECK(c.Find("LB-17")->intervention == "Naltrexon");
    CHECK(c.Find("LB-17")->condition.find("tunga dryckesdagar") != std::string::npos);
    // The three stand together, in the seed's order.
    auto pos = [&](const char* id) {
        return std::find_if(c.recommendations.begin(), c.recommendations.end(),
                            [&](const Recommendation& r) { return r.id == id; }) -
               c.recommendations.begin();
    };
    CHECK(pos("LB-16") == pos("LB-07") + 1);
    CHECK(pos("LB-17") == pos("LB-07") + 2);
}

TEST_CASE("A catalog row longer than a project file may hold is refused when the catalog loads", "[editions][errors]") {
    std::string text = SyntheticEdition();
    const std::string longEdition(kCatalogEditionMax + 6, 'x');
    std::string mixed;
    for (const std::string& line : Split(text, '\n')) {
        if (line.empty()) continue;
        std::string l = line;
        if (l.find("\t2099-test\t") != std::string::npos) l.replace(l.find("\t2099-test\t"), 11, "\t" + longEdition + "\t");
        mixed += l + "\n";
    }
    try {
        ParseCatalog(mixed, "lang.tsv");
        FAIL("a catalog with a 70-byte edition loaded");
    } catch (const DataError& e) {
        const std::string what = e.what();
        CHECK(what.find("lang.tsv:2") != std::string::npos);
        CHECK(what.find("'edition'") != std::string::npos);
        CHECK(what.find("at most 64") != std::string::npos);
    }
}

TEST_CASE("A project without rows of its own keeps a withdrawn row with data when it moves", "[editions]") {
    TempDir dir;
    Store store = Store::Create(dir.File("utan.stegvis"), SampleInfo());  // follows the shipped catalog
    ActionContext ctx{&TheManual(), &TheCatalog(), &TheInstruments()};
    REQUIRE(Apply(store, SetInventoryField{"MT-01", InvField::Offered, "ja"}, "Anna", ctx).ok);
    REQUIRE(Apply(store, MoveToCatalog{SyntheticCatalog()}, "Anna", ctx).ok);
    const ProjectModel m = store.Load();
    const Catalog own = ProjectCatalog(m, TheCatalog());
    CHECK(own.edition == "2099-test");
    REQUIRE(own.Find("MT-01"));
    CHECK(own.Find("MT-01")->withdrawnIn == "2099-test");
    CHECK(own.Find("BI-03") == nullptr);
}

TEST_CASE("A project file whose catalog rows were edited by hand into shapes no catalog has is refused by name", "[editions][errors]") {
    for (const char* edit : {"UPDATE catalog_row SET condition = 'A' || char(9) || 'B' WHERE rec_id = 'BI-01'",
                             "UPDATE catalog_row SET intervention = 'A' || char(10) || 'B' WHERE rec_id = 'BI-01'",
                             "UPDATE catalog_row SET rec_id = 'BI,01' WHERE rec_id = 'BI-01'",
                             "UPDATE catalog_row SET area = 'Trädgård' WHERE rec_id = 'BI-01'",
                             "UPDATE catalog_row SET level = 'måste' WHERE rec_id = 'BI-01'"}) {
        INFO(edit);
        TempDir dir;
        const std::string path = dir.File("p.stegvis");
        { Store::Create(path, SampleInfo(), &TheCatalog()); }
        Sql(path, edit);
        try {
            Store::Open(path);
            FAIL("opened");
        } catch (const OpenError& e) {
            const std::string what = e.what();
            CHECK(what.find("catalog_row") != std::string::npos);
        }
    }
}
