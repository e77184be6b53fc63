// The project export for other programs (report --format json --template project): what it says
// about the demo and about an empty project, value by value and type by type. Its shape is checked
// against docs/project-export.schema.json by tests/validate_json_schema.py (ctest).
#include <catch2/catch.hpp>

#include <rapidjson/document.h>

#include <map>
#include <set>
#include <string>

#include "TestUtil.hpp"
#include "edit/Demo.hpp"
#include "output/Export.hpp"
#include "domain/Measures.hpp"
#include "output/ProjectJson.hpp"
#include "domain/Records.hpp"
#include "store/Store.hpp"

using namespace stegvis;
using stegvis::test::ProjectFixture;
using stegvis::test::TempDir;
using stegvis::test::TheCatalog;
using stegvis::test::TheInstruments;
using stegvis::test::TheManual;

namespace {

const char* kToday = "2026-11-23";

ProjectModel Demo(const TempDir& dir) {
    DemoOptions opt;
    opt.anchorDate = kToday;
    CreateDemo(dir.File("demo.stegvis"), opt, TheManual(), TheCatalog(), TheInstruments());
    return Store::OpenReadOnly(dir.File("demo.stegvis")).Load();
}

rapidjson::Document Export(const ProjectModel& m) {
    const std::string text = ProjectJson(m, TheCatalog(), TheManual(), TheInstruments(), kToday);
    rapidjson::Document doc;
    doc.Parse(text.c_str());
    INFO(text.substr(0, 300));
    REQUIRE_FALSE(doc.HasParseError());
    REQUIRE(doc.IsObject());
    return doc;
}

std::string Str(const rapidjson::Value& v) {
    REQUIRE(v.IsString());
    return {v.GetString(), v.GetStringLength()};
}

const rapidjson::Value& ById(const rapidjson::Value& list, const std::string& id) {
    REQUIRE(list.IsArray());
    for (const auto& x : list.GetArray())
        if (x["id"].IsString() && Str(x["id"]) == id) return x;
    FAIL("no entry with id " << id);
    throw;  // not reached
}

}  // namespace

TEST_CASE("The project export names its format, version, program and date", "[projectjson]") {
    TempDir dir;
    auto doc = Export(Demo(dir));
    CHECK(Str(doc["format"]) == "stegvis-project");
    REQUIRE(doc["version"].IsInt());
    CHECK(doc["version"].GetInt() == 2);
    CHECK(Str(doc["program"]) == STEGVIS_VERSION);
    CHECK(Str(doc["written_on"]) == kToday);
    CHECK(Str(doc["project"]["organisation"]) == "Exempelkommun");
    CHECK(Str(doc["project"]["kind"]) == "kommun");
    CHECK(Str(doc["project"]["catalog_edition"]) == "2015");
}

TEST_CASE("The project export gives a recommendation its catalog text, its inventory row with labels, and typed values",
          "[projectjson]") {
    TempDir dir;
    const ProjectModel m = Demo(dir);
    auto doc = Export(m);
    CHECK(doc["recommendations"].Size() == 73);  // the demo has assessed every recommendation
    CHECK(doc["inventory_progress"]["assessed"].GetInt() == 73);
    CHECK(doc["inventory_progress"]["total"].GetInt() == 73);

    const auto& audit = ById(doc["recommendations"], "BI-01");
    CHECK(Str(audit["condition"]) == "Identifiera alkoholproblem");
    CHECK(Str(audit["intervention"]) == "AUDIT");
    CHECK(Str(audit["area"]) == "Bedömningsinstrument");
    REQUIRE(audit["priority"].IsInt());
    CHECK(audit["priority"].GetInt() == 1);
    CHECK(Str(audit["level"]) == "bor");
    CHECK(Str(audit["level_label"]) == "bör");
    CHECK(audit["in_catalog"].IsTrue());
    CHECK(audit["assessed"].IsTrue());

    const auto& row = audit["inventory"];
    const InventoryRow& stored = m.inventory.at("BI-01");
    CHECK(Str(row["offered"]) == stored.offered);
    CHECK(Str(row["offered_label"]) == OptionLabel(OfferedOptions(), stored.offered, false));
    REQUIRE(row["provider"].IsArray());
    REQUIRE(row["provider"].Size() == 1);
    CHECK(Str(row["provider"][0]) == "egen");
    CHECK(Str(row["provider_label"]) == "egen enhet");
    CHECK(Str(row["gap"]) == "ingen");
    CHECK(Str(row["gap_label"]) == "inget");
    // Counts are JSON numbers, never strings.
    REQUIRE(row["volume"].IsInt());
    CHECK(row["volume"].GetInt() == *stored.volume);
    REQUIRE(row["reached"].IsInt());
    CHECK(row["reached"].GetInt() == *stored.reached);
    CHECK(audit["score"]["total"].IsInt());

    // A level-only recommendation has no number: null, not 0 and not "".
    const auto& arise = ById(doc["recommendations"], "AN-04");
    CHECK(arise["priority"].IsNull());
    CHECK(Str(arise["level"]) == "kan");
    const auto& web = ById(doc["recommendations"], "PB-08");
    CHECK(web["priority"].IsNull());
    CHECK(Str(web["level"]) == "fou");

    // Candidates (recommendations with a gap) are ranked from 1, the others are not.
    int ranked = 0;
    for (const auto& r : doc["recommendations"].GetArray()) {
        if (r["candidate_rank"].IsNull()) continue;
        ++ranked;
        CHECK(Str(r["inventory"]["gap"]) != "ingen");
    }
    CHECK(ranked == static_cast<int>(PriorityCandidates(m, TheCatalog()).size()));
}

TEST_CASE("The project export carries each measure's points and its run-chart analysis", "[projectjson]") {
    TempDir dir;
    const ProjectModel m = Demo(dir);
    auto doc = Export(m);
    REQUIRE(doc["initiatives"].Size() == 2);
    const auto& met = doc["initiatives"][0];
    CHECK(Str(met["name"]) == "MET i öppenvården");
    CHECK(Str(met["rec_id"]) == "PB-01");
    REQUIRE(met["measures"].Size() == 3);
    const auto& share = met["measures"][0];
    CHECK(Str(share["name"]) == "Andel nya klienter med alkoholproblem som erbjuds MET");
    CHECK(Str(share["definition"]) == "ratio");
    CHECK(Str(share["direction_label"]) == "högre är bättre");
    REQUIRE(share["target"].IsNumber());
    CHECK(share["target"].GetDouble() == 60);

    const Record* measure = Records(m, "measure").front();
    const auto points = PointsOf(m, measure->id);
    REQUIRE(share["points"].Size() == points.size());
    CHECK(points.size() == 35);
    const auto& first = share["points"][0];
    CHECK(Str(first["period"]) == "2026-03-16");
    REQUIRE(first["numerator"].IsNumber());
    REQUIRE(first["denominator"].IsNumber());
    CHECK(first["numerator"].GetDouble() == points[0].numerator);
    CHECK(first["value"].GetDouble() == Approx(100.0 * points[0].numerator / *points[0].denominator));
    CHECK(first["note"].IsNull());

    // The run chart has no control chart; the region-wide share is a P′ chart with its limits and
    // the one week outside them.
    CHECK(share["analysis"]["control"].IsNull());
    {
        const auto& audit = met["measures"][2];
        CHECK(Str(audit["chart"]) == "pp");
        const Record* rec = Records(m, "measure")[2];
        const Chart pp = BuildChart(m, *rec, "", kToday);
        REQUIRE(pp.control);
        const auto& control = audit["analysis"]["control"];
        REQUIRE(control.IsObject());
        CHECK(Str(control["chart"]) == "pp");
        CHECK(control["centre"].GetDouble() == Approx(pp.control->centre));
        REQUIRE(control["sigma_z"].IsNumber());
        CHECK(control["limits"].Size() == pp.periods.size());
        const auto outside = SigmaPoints(pp);
        REQUIRE(outside.size() == 1);
        REQUIRE(control["outside"].Size() == 1);
        CHECK(Str(control["outside"][0]["period"]) == pp.periods[outside[0].index]);
        CHECK(Str(control["outside"][0]["side"]) == "above");
        bool partSignal = false;
        for (const auto& part : audit["analysis"]["parts"].GetArray()) partSignal = partSignal || part["sigma_signal"].IsTrue();
        CHECK(partSignal);
    }

    const Chart chart = BuildChart(m, *measure, "", kToday);
    const auto& analysis = share["analysis"];
    CHECK(analysis["baseline_frozen"].IsTrue());
    REQUIRE(analysis["median"].IsNumber());
    CHECK(analysis["median"].GetDouble() == *chart.centre);
    CHECK(analysis["baseline_points"].GetInt() == 23);
    REQUIRE(analysis["parts"].Size() == chart.parts.size());
    CHECK(Str(analysis["parts"][0]["kind"]) == "baseline");
    CHECK(analysis["parts"][0]["runs"]["signal"].IsFalse());
    // The first PDSA cycle's part signals an improvement.
    const auto& pilot = analysis["parts"][1];
    CHECK(Str(pilot["kind"]) == "cycle");
    CHECK(pilot["runs"]["signal"].IsTrue());
    CHECK(Str(pilot["runs"]["verdict"]) == "improvement");
    CHECK(pilot["runs"]["n_useful"].GetInt() == chart.parts[1].analysis.nUseful);
}

TEST_CASE("The project export's steps follow the work, for the project and per initiative", "[projectjson]") {
    TempDir dir;
    const ProjectModel m = Demo(dir);
    auto doc = Export(m);
    REQUIRE(doc["steps"].Size() == 15);
    const auto& s1 = doc["steps"][0];
    CHECK(Str(s1["status"]) == "done");
    CHECK(Str(s1["status_label"]) == "klart");
    CHECK(Str(s1["evidence"]) == "73 av 73 rekommendationer diskuterade");
    CHECK(s1["checklist_total"].GetInt() == 5);
    for (int step = 1; step <= 15; ++step) {
        const auto& s = doc["steps"][step - 1];
        INFO("step " << step);
        CHECK(s["step"].GetInt() == step);
        CHECK(Str(s["status"]) == StepStatusKey(FurthestState(m, step).status));
        CHECK(s["per_initiative"].GetBool() == (step >= 8));
    }
    // Step 12 of the MET initiative: not set by anyone, in progress because measures are recorded.
    const auto& s12 = doc["initiatives"][0]["steps"][4];
    CHECK(s12["step"].GetInt() == 12);
    CHECK(Str(s12["status"]) == "in_progress");
    CHECK(Str(s12["confirmed_status"]) == "not_started");
    CHECK(s12["status_from_work"].IsTrue());
    CHECK(s12["data_suggests_done"].IsTrue());
    // Project-wide, a step followed per initiative leaves the comparison to the initiatives.
    CHECK(doc["steps"][11]["confirmed_status"].IsNull());
}

TEST_CASE("The project export lists team, readiness and decisions, withdrawn ones marked", "[projectjson]") {
    TempDir dir;
    const ProjectModel m = Demo(dir);
    auto doc = Export(m);
    REQUIRE(doc["team"].Size() == Records(m, "member").size());
    CHECK(Str(doc["team"][0]["role"]) == "leader");
    CHECK(Str(doc["team"][0]["role_label"]) == "ledare");
    const auto& activity = doc["initiatives"][0]["activities"][0];
    REQUIRE(activity["responsible"].IsInt());
    CHECK(Str(activity["responsible_name"]) == MemberName(m, std::to_string(activity["responsible"].GetInt())));
    CHECK(activity["overdue"].IsBool());

    REQUIRE(doc["readiness_rounds"].Size() == 1);
    const auto& round = doc["readiness_rounds"][0];
    CHECK(round["respondents"].GetInt() == 12);
    const auto& results = round["results"];
    CHECK(results["respondents_answered"].GetInt() == 12);
    REQUIRE(results["subscales"].Size() == 2);
    CHECK(results["subscales"][0]["mean"].IsDouble());
    CHECK(results["weakest_items"].Size() == 3);

    REQUIRE(doc["decisions"].Size() == m.decisions.size());
    for (const auto& d : doc["decisions"].GetArray()) CHECK(d["withdrawn"].IsFalse());
}

TEST_CASE("A withdrawn decision stays in the project export, marked", "[projectjson]") {
    ProjectFixture f;
    Decision d;
    d.step = 3;
    d.decidedOn = "2026-05-04";
    d.title = "Prioritera MET";
    d.recommendations = {"PB-01"};
    const int64_t id = f.Ok(RecordDecision{d});
    f.Ok(WithdrawDecision{id});
    auto doc = Export(f.M());
    REQUIRE(doc["decisions"].Size() == 1);
    CHECK(doc["decisions"][0]["withdrawn"].IsTrue());
    CHECK(Str(doc["decisions"][0]["recommendations"][0]) == "PB-01");
    CHECK(doc["decisions"][0]["rationale"].IsNull());  // not given: null, never ""
}

TEST_CASE("The project export of a new project is complete and empty", "[projectjson]") {
    ProjectFixture f;
    auto doc = Export(f.M());
    REQUIRE(doc["steps"].Size() == 15);
    for (const auto& s : doc["steps"].GetArray()) {
        CHECK(Str(s["status"]) == "not_started");
        CHECK(s["started_on"].IsNull());
        CHECK(s["notes"].IsNull());
        CHECK(s["checklist_ticked"].Empty());
        CHECK(s["per_initiative"].IsFalse());
    }
    for (const char* list :
         {"recommendations", "inventory_baselines", "readiness_rounds", "team", "initiatives", "decisions"}) {
        INFO(list);
        REQUIRE(doc[list].IsArray());
        CHECK(doc[list].Empty());
    }
    CHECK(doc["inventory_progress"]["assessed"].GetInt() == 0);
    CHECK(doc["inventory_progress"]["total"].GetInt() == 73);
}

TEST_CASE("The schema's option keys are the program's, for every enumerated field", "[projectjson][schema]") {
    rapidjson::Document schema;
    const std::string text = stegvis::test::Slurp(STEGVIS_SOURCE_DIR "/docs/project-export.schema.json");
    REQUIRE_FALSE(text.empty());
    schema.Parse(text.c_str());
    REQUIRE_FALSE(schema.HasParseError());
    const auto& defs = schema["$defs"];
    const std::map<std::string, const std::vector<Option>*> lists = {
        {"offered", &OfferedOptions()},         {"provider", &ProviderOptions()},
        {"gap", &GapOptions()},                 {"member_role", &MemberRoles()},
        {"resource_kind", &ResourceKinds()},    {"resource_status", &ResourceStatuses()},
        {"activity_kind", &ActivityKinds()},    {"activity_status", &ActivityStatuses()},
        {"training_status", &TrainingStatuses()}, {"trainee_role", &TraineeRoles()},
        {"measure_definition", &MeasureDefinitions()}, {"direction", &Directions()},
        {"period", &Periods()},                 {"pdsa_act", &PdsaActs()},
        {"chart_kind", &ChartKinds()},
        {"rollout_status", &RolloutStatuses()}};
    for (const auto& [name, options] : lists) {
        INFO(name);
        REQUIRE(defs.HasMember(name.c_str()));
        std::set<std::string> inSchema, inProgram;
        // A list field (provider) keeps its keys under "items".
        const auto& def = defs[name.c_str()].HasMember("items") ? defs[name.c_str()]["items"] : defs[name.c_str()];
        for (const auto& v : def["enum"].GetArray())
            if (v.IsString()) inSchema.insert(v.GetString());
        for (const Option& o : *options) inProgram.insert(o.key);
        CHECK(inSchema == inProgram);
    }
    // An option list the schema does not know, on any record, would be exported unchecked.
    std::set<const std::vector<Option>*> known;
    for (const auto& [name, options] : lists) known.insert(options);
    for (const RecordKind& kind : RecordKinds())
        for (const FieldSpec& f : kind.fields) {
            INFO(kind.kind << "." << f.name);
            if (f.type == FieldType::Enum) CHECK(known.count(f.options) == 1);
        }
    std::set<std::string> factors, rated;
    for (const Option& o : HexagonFactors()) factors.insert(o.key);
    const auto& hexagon = defs["recommendation"]["properties"]["hexagon"]["anyOf"][0]["properties"]["ratings"];
    for (auto it = hexagon["properties"].MemberBegin(); it != hexagon["properties"].MemberEnd(); ++it)
        rated.insert(it->name.GetString());
    CHECK(rated == factors);
}
