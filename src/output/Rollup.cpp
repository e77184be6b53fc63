#include "output/Rollup.hpp"

#include <kainjow/mustache.hpp>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <optional>
#include <thread>

#include "store/Backup.hpp"
#include "output/Export.hpp"
#include "domain/Inventory.hpp"
#include "domain/Measures.hpp"
#include "base/Files.hpp"
#include "base/Paths.hpp"
#include "domain/Records.hpp"
#include "output/Report.hpp"
#include "store/Store.hpp"
#include "base/Text.hpp"

namespace stegvis {

namespace mu = kainjow::mustache;

namespace {

// The name's ending is `ext` (".json"), as a file's extension.
bool HasExt(const std::string& path, const char* ext) {
    const std::string e = ext;
    const size_t slash = path.find_last_of(platform::kSeparators);
    const std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
    return name.size() > e.size() && name.compare(name.size() - e.size(), e.size(), e) == 0;
}

void Expand(const std::string& input, std::vector<std::string>* out, std::vector<RollupSkipped>* skipped) {
    if (IsFolder(input)) {
        std::vector<std::string> found;
        try {
            found = FilesInFolder(input, {".stegvis", ".json"});
        } catch (const std::runtime_error&) {
        }
        if (found.empty()) skipped->push_back({input, "mappen innehåller inga .stegvis- eller .json-filer"});
        out->insert(out->end(), found.begin(), found.end());
    } else {
        out->push_back(input);
    }
}

// The unit's initiatives as the overview shows them: steps done and each measure's signal.
std::vector<RollupInitiative> SummariseInitiatives(const ProjectModel& m) {
    std::vector<RollupInitiative> out;
    for (const Record* init : Records(m, "initiative")) {
        RollupInitiative x;
        x.name = init->Get("name");
        x.recId = init->Get("rec_id");
        for (int s = 8; s <= 15; ++s)
            if (StepState(m, s, init->id).status == StepStatus::Done) ++x.stepsDone;
        for (const Record* measure : Records(m, "measure", init->id)) {
            Chart c = BuildChart(m, *measure, init->Get("full_scale_from"));
            std::string verdict = "ingen signal";
            for (const ChartPart& p : c.parts)
                if (p.verdict > 0) verdict = "förbättring";
                else if (p.verdict < 0 && verdict != "förbättring") verdict = "försämring";
            x.signals += (x.signals.empty() ? "" : "; ") + measure->Get("name") + ": " + (c.parts.empty() ? "inga data" : verdict);
        }
        if (x.signals.empty()) x.signals = "inga mått";
        out.push_back(std::move(x));
    }
    return out;
}

// An empty list set into `parent` under `name`, to be filled in place. The library copies whatever
// is set or pushed into a data object, so lists built first and set afterwards were copied whole
// at every level: the recommendations' 311 x 71 cells four times over, most of the HTML's time.
// The list is the parent's own (not a const object), so changing it through list_value() is sound.
mu::list& ListIn(mu::data& parent, const std::string& name) {
    parent.set(name, mu::data(mu::data::type::list));
    return const_cast<mu::list&>(parent.get(name)->list_value());
}

// Drops what the overview never reads (see RollupUnit::model).
void KeepOverviewOnly(ProjectModel& m) {
    m.points.clear();
    m.baselines.clear();
    m.rounds.clear();
    m.discussions.clear();
    m.hexagon.clear();
    m.priorities.clear();
    m.decisions.clear();
    m.catalogRows.clear();  // kept as a fingerprint
    for (auto it = m.records.begin(); it != m.records.end();) it = it->first == "initiative" ? std::next(it) : m.records.erase(it);
}

}  // namespace

size_t CatalogFingerprint(const std::vector<Recommendation>& rows) {
    std::string all;
    for (const Recommendation& r : rows)
        if (r.withdrawnIn.empty()) {
            Recommendation shown = r;
            shown.source.clear();  // a source note alone does not change what an answer means
            shown.levelNote.clear();
            all += RecommendationToTsv(shown) + "\n";
        }
    return all.empty() ? 0 : std::hash<std::string>{}(all);
}

bool UnitOnOtherCatalog(const RollupUnit& u, size_t catalogFingerprint) {
    return u.catalogFingerprint != 0 && u.catalogFingerprint != catalogFingerprint;
}

std::vector<std::string> RollupInputFiles(const std::vector<std::string>& inputs) {
    std::vector<std::string> files;
    std::vector<RollupSkipped> skipped;
    for (const auto& in : inputs) Expand(in, &files, &skipped);
    return files;
}

// Far more than a real unit takes (milliseconds), far less than a person waits for a stuck roll-up.
constexpr double kUnitReadSeconds = 10;

Rollup LoadRollup(const std::vector<std::string>& inputs, const std::string& workDir, TaskProgress* progress) {
    Rollup r;
    std::vector<std::string> files;
    for (const auto& in : inputs) Expand(in, &files, &r.skipped);
    if (progress) progress->total = files.size();
    // Each unit is read on its own (a private copy, its own connection), so the units are read
    // in parallel; the results keep the order of the inputs.
    std::vector<std::optional<RollupUnit>> loaded(files.size());
    std::vector<std::vector<RollupInitiative>> initiatives(files.size());
    std::vector<std::optional<RollupSkipped>> failed(files.size());
    auto loadOne = [&](size_t i) {
        const std::string& file = files[i];
        const std::string copy = workDir + "/unit-" + std::to_string(i + 1) + ".stegvis";
        try {
            if (!PathExists(file)) throw std::runtime_error("filen finns inte");
            // A project file is read as one consistent snapshot through SQLite (a window may be
            // editing it), and only read. A unit's file comes from anyone: checked like any open,
            // and each read bounded in time, so a degenerate file is skipped and named instead of
            // holding up the whole county.
            if (HasExt(file, ".json")) ImportBackup(ReadBackupFile(file), file, copy);
            RollupUnit u;
            u.input = file;
            u.model = Store::ReadOverview(HasExt(file, ".json") ? copy : file, kUnitReadSeconds);
            u.lastChange = u.model.lastChangeAt.empty() ? u.model.project.createdOn : u.model.lastChangeAt.substr(0, 10);
            initiatives[i] = SummariseInitiatives(u.model);
            u.catalogEdition = u.model.project.catalogEdition;
            u.catalogFingerprint = CatalogFingerprint(u.model.catalogRows);
            KeepOverviewOnly(u.model);
            loaded[i] = std::move(u);
        } catch (const std::exception& e) {
            std::string why = e.what();
            // Name the input, not the private copy it was read from.
            for (size_t pos; (pos = why.find(copy)) != std::string::npos;) why.replace(pos, copy.size(), file);
            if (StartsWith(why, file + ": ")) why = why.substr(file.size() + 2);
            failed[i] = RollupSkipped{file, why};
        }
    };
    std::atomic<size_t> next{0};
    auto worker = [&] {
        for (size_t i; (!progress || !progress->cancelled) && (i = next++) < files.size();) {
            loadOne(i);
            if (progress) progress->Step();
        }
    };
    const size_t threads = std::min<size_t>(files.size(), std::max(1u, std::min(8u, std::thread::hardware_concurrency())));
    std::vector<std::thread> pool;
    for (size_t t = 1; t < threads; ++t) pool.emplace_back(worker);
    worker();
    for (auto& t : pool) t.join();
    if (progress) progress->ThrowIfCancelled();
    // Units in the order a reader looks for them: by name, "Kommun 2" before "Kommun 10" (a
    // folder lists its files by their bytes); the skipped ones in the order of the inputs.
    std::vector<size_t> order;
    for (size_t i = 0; i < files.size(); ++i)
        if (loaded[i]) order.push_back(i);
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        const std::string& na = loaded[a]->model.project.organisation;
        const std::string& nb = loaded[b]->model.project.organisation;
        if (na != nb) return NaturalLess(na, nb);
        return NaturalLess(files[a], files[b]);
    });
    for (size_t i : order) {
        for (RollupInitiative& x : initiatives[i]) {
            x.unit = r.units.size();
            r.initiatives.push_back(std::move(x));
        }
        r.units.push_back(std::move(*loaded[i]));
    }
    for (size_t i = 0; i < files.size(); ++i)
        if (failed[i]) r.skipped.push_back(std::move(*failed[i]));
    return r;
}

std::string RenderRollup(const Rollup& r, const Catalog& catalog, const Manual& manual, const std::string& today,
                         const std::string& templatePath) {
    mu::data d;
    d.set("date", today);
    d.set("unit_count", std::to_string(r.units.size()));
    mu::list& units = ListIn(d, "units");
    units.reserve(r.units.size());
    // A unit not yet moved to this catalog answered another's wording: marked, and said why.
    const size_t fingerprint = CatalogFingerprint(catalog.recommendations);
    bool anyOther = false;
    for (const auto& u : r.units) {
        mu::data& x = units.emplace_back();
        x.set("name", u.model.project.organisation);
        const bool other = UnitOnOtherCatalog(u, fingerprint);
        anyOther = anyOther || other;
        x.set("other_catalog", other);
        x.set("catalog_edition", u.catalogEdition);
        x.set("kind", OrgKindKey(u.model.project.kind));
        x.set("input", u.input);
        x.set("last_change", u.lastChange);
        Progress p = InventoryProgress(u.model, catalog);
        x.set("assessed", std::to_string(p.done) + "/" + std::to_string(p.total));
        mu::list& steps = ListIn(x, "steps");
        int done = 0;
        for (const Step& st : manual.steps) {
            StepStatus s = FurthestState(u.model, st.number).status;
            if (s == StepStatus::Done) ++done;
            mu::data& c = steps.emplace_back();
            c.set("mark", s == StepStatus::Done ? "●" : s == StepStatus::InProgress ? "◐" : "○");
            c.set("class", s == StepStatus::Done ? "done" : s == StepStatus::InProgress ? "going" : "none");
        }
        x.set("steps_done", std::to_string(done));
    }
    d.set("has_other_catalog", anyOther);
    d.set("catalog_edition", catalog.edition);
    mu::list& stepHeads = ListIn(d, "step_heads");
    for (const Step& st : manual.steps) stepHeads.emplace_back(std::to_string(st.number));

    // Recommendations x units: what each offers and where the gaps are.
    mu::list& recs = ListIn(d, "recommendations");
    recs.reserve(catalog.recommendations.size());
    for (const Recommendation& rec : catalog.recommendations) {
        mu::data& x = recs.emplace_back();
        x.set("id", rec.id);
        x.set("intervention", rec.intervention);
        x.set("condition", rec.condition);
        x.set("level", LevelWithPriority(rec));
        mu::list& cells = ListIn(x, "cells");
        cells.reserve(r.units.size());
        int gaps = 0;
        for (const auto& u : r.units) {
            const InventoryRow* row = u.model.Inventory(rec.id);
            mu::data& c = cells.emplace_back();
            std::string offered = row ? row->offered : "";
            c.set("mark", offered == "ja" ? "J" : offered == "delvis" ? "D" : offered == "nej" ? "N" : offered == "vet_ej" ? "?" : offered == "ej_aktuellt" ? "–" : "");
            std::string gap = row && offered != "ej_aktuellt" ? row->gap : "";
            if (gap == "stor") ++gaps;
            c.set("class", gap == "stor" ? "gap-large" : gap == "liten" ? "gap-small" : "");
        }
        x.set("large_gaps", std::to_string(gaps));
    }

    mu::list& inits = ListIn(d, "initiatives");
    inits.reserve(r.initiatives.size());
    for (const RollupInitiative& init : r.initiatives) {
        mu::data& x = inits.emplace_back();
        x.set("unit", r.units[init.unit].model.project.organisation);
        x.set("name", init.name);
        x.set("rec_id", init.recId);
        if (const Recommendation* rec = catalog.Find(init.recId)) {
            mu::data y;
            y.set("intervention", rec->intervention);
            y.set("condition", rec->condition);
            x.set("recommendation", y);
        }
        x.set("steps_done", std::to_string(init.stepsDone));
        x.set("signals", init.signals);
    }
    mu::list& skipped = ListIn(d, "skipped");
    for (const auto& s : r.skipped) {
        mu::data& x = skipped.emplace_back();
        x.set("input", s.input);
        x.set("why", s.why);
    }
    d.set("has_skipped", r.skipped.empty() ? mu::data::type::bool_false : mu::data::type::bool_true);
    return RenderData(templatePath, "html", d);
}

}  // namespace stegvis
