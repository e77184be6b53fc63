#include "output/ProjectJson.hpp"

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <set>

#include "output/Export.hpp"
#include "domain/Inventory.hpp"
#include "domain/Measures.hpp"
#include "domain/Readiness.hpp"
#include "domain/Records.hpp"
#include "domain/StepPicture.hpp"
#include "base/Text.hpp"

namespace stegvis {

namespace {

// Every key is always written; a value that is not recorded is null, never "" and never left
// out, so a reader can tell "empty" from "not exported" and the schema can require every key.
class Out {
public:
    Out() : m_w(m_buf) { m_w.SetIndent(' ', 2); }
    std::string Result() const { return std::string(m_buf.GetString(), m_buf.GetSize()) + "\n"; }

    Out& Key(const char* k) {
        m_w.Key(k);
        return *this;
    }
    void Begin() { m_w.StartObject(); }
    void End() { m_w.EndObject(); }
    void BeginList() { m_w.StartArray(); }
    void EndList() { m_w.EndArray(); }
    void Null() { m_w.Null(); }
    void Bool(bool b) { m_w.Bool(b); }
    void Int(int64_t v) { m_w.Int64(v); }
    void Str(const std::string& s) { m_w.String(s.data(), static_cast<rapidjson::SizeType>(s.size())); }
    // Free text and dates: null when empty.
    void Text(const std::string& s) { s.empty() ? Null() : Str(s); }
    // A whole number is written without a fraction (12, not 12.0); NaN and infinity, which JSON
    // cannot hold, as null.
    void Num(double v) {
        if (!std::isfinite(v)) Null();
        else if (v == std::floor(v) && std::fabs(v) < 9007199254740992.0) Int(static_cast<int64_t>(v));
        else m_w.Double(v);
    }
    void Num(const std::optional<double>& v) { v ? Num(*v) : Null(); }
    void Int(const std::optional<int>& v) { v ? Int(*v) : Null(); }
    // An enumerated field: its key under `name`, its Swedish label under `name`_label.
    void Option(const std::string& name, const std::vector<stegvis::Option>& opts, const std::string& key) {
        const stegvis::Option* o = FindOption(opts, key);
        Key(name.c_str()).Text(o ? key : "");
        Key((name + "_label").c_str()).Text(o ? o->sv : "");
    }
    // A field of several values: the keys as a list ([] when none), the labels joined under `name`_label.
    void Choices(const std::string& name, const std::vector<stegvis::Option>& opts, const std::string& value) {
        std::vector<std::string> keys;
        for (const std::string& k : SplitChoices(value))
            if (FindOption(opts, k)) keys.push_back(k);  // as Option(): only what the list knows
        Key(name.c_str()).Strings(keys);
        Key((name + "_label").c_str()).Text(ChoicesLabel(opts, value, false));
    }
    void Strings(const std::vector<std::string>& list) {
        BeginList();
        for (const auto& s : list) Str(s);
        EndList();
    }

private:
    rapidjson::StringBuffer m_buf;
    rapidjson::PrettyWriter<rapidjson::StringBuffer> m_w;
};

const char* LevelKey(Level l) {
    switch (l) {
        case Level::Bor: return "bor";
        case Level::Kan: return "kan";
        case Level::KanUndantag: return "kan_undantag";
        case Level::FoU: return "fou";
        case Level::IckeGora: return "icke_gora";
    }
    return "";
}

const std::vector<Option>& Feasibilities() {
    static const std::vector<Option> k = {{"1", "låg", "low"}, {"2", "medel", "medium"}, {"3", "hög", "high"}};
    return k;
}

const char* PartKindKey(PartKind k) {
    switch (k) {
        case PartKind::Baseline: return "baseline";
        case PartKind::AfterBaseline: return "after_baseline";
        case PartKind::Cycle: return "cycle";
        case PartKind::FullScale: return "full_scale";
        case PartKind::Unfrozen: return "unfrozen";
    }
    return "";
}

void Status(Out& o, const char* name, StepStatus s) {
    o.Key(name).Str(StepStatusKey(s));
    o.Key((std::string(name) + "_label").c_str()).Str(StepStatusSv(s));
}

// The part of a step's state every step has, for the project or for one initiative.
void StepState(Out& o, const StepProgress& sp, size_t checklistTotal) {
    Status(o, "status", sp.status);
    o.Key("started_on").Text(sp.startedOn);
    o.Key("done_on").Text(sp.doneOn);
    o.Key("notes").Text(sp.notes);
    o.Key("checklist_ticked").Strings({sp.ticked.begin(), sp.ticked.end()});
    o.Key("checklist_total").Int(static_cast<int64_t>(checklistTotal));
}

// What the data says beside the confirmed status (PictureOf); null where the step is followed
// per initiative and each initiative has its own.
void Evidence(Out& o, const StepPicture* p) {
    if (!p) {
        for (const char* k : {"confirmed_status", "confirmed_status_label", "status_from_work", "evidence",
                              "data_suggests_done", "done_against_data"})
            o.Key(k).Null();
        return;
    }
    Status(o, "confirmed_status", p->confirmed);
    o.Key("status_from_work").Bool(p->automatic);
    o.Key("evidence").Text(EvidenceText(p->evidence, false));
    o.Key("data_suggests_done").Bool(p->suggestDone);
    o.Key("done_against_data").Bool(p->doneAgainstData);
}

void Project(Out& o, const ProjectInfo& p) {
    o.Begin();
    o.Key("name").Str(p.name);
    o.Key("organisation").Str(p.organisation);
    o.Key("kind").Str(OrgKindKey(p.kind));
    o.Key("catalog_edition").Text(p.catalogEdition);
    o.Key("created_on").Text(p.createdOn);
    o.End();
}

void Steps(Out& o, const ProjectModel& m, const Catalog& catalog, const Manual& manual) {
    const bool anyInitiative = !Records(m, "initiative").empty();
    o.BeginList();
    for (const Step& s : manual.steps) {
        const bool perInitiative = StepIsPerInitiative(s.number) && anyInitiative;
        o.Begin();
        o.Key("step").Int(s.number);
        o.Key("phase").Int(s.phase);
        o.Key("owner").Str(OwnerKey(s.owner));
        o.Key("title").Str(s.title.sv);
        o.Key("per_initiative").Bool(perInitiative);
        // The status every summary shows (stegvis status, the county overview): for a step
        // followed per initiative, the initiative that has come furthest.
        StepState(o, FurthestState(m, s.number), s.checklist.size());
        if (perInitiative) {
            Evidence(o, nullptr);
        } else {
            const StepPicture p = PictureOf(s.number, m, &catalog, 0);
            Evidence(o, &p);
        }
        o.End();
    }
    o.EndList();
}

void InventoryRowObject(Out& o, const InventoryRow& r) {
    o.Begin();
    o.Option("offered", OfferedOptions(), r.offered);
    o.Choices("provider", ProviderOptions(), r.provider);
    o.Key("volume").Int(r.volume);
    o.Key("staff_trained").Int(r.staffTrained);
    o.Key("reached").Int(r.reached);
    o.Option("gap", GapOptions(), r.gap);
    o.Key("comment").Text(r.comment);
    o.End();
}

void Recommendations(Out& o, const ProjectModel& m, const Catalog& catalog) {
    // Every recommendation the project has recorded something about, in catalog order; ids the
    // catalog no longer holds (another edition) last.
    std::set<std::string> ids;
    for (const auto& [id, d] : m.discussions) ids.insert(id);
    for (const auto& [id, r] : m.inventory) ids.insert(id);
    for (const auto& [id, p] : m.priorities) ids.insert(id);
    for (const auto& [id, h] : m.hexagon) ids.insert(id);
    std::vector<std::string> order;
    for (const auto& r : catalog.recommendations)
        if (ids.erase(r.id)) order.push_back(r.id);
    order.insert(order.end(), ids.begin(), ids.end());
    const auto candidates = PriorityCandidates(m, catalog);

    o.BeginList();
    for (const std::string& id : order) {
        const Recommendation* rec = catalog.Find(id);
        const InventoryRow* row = m.Inventory(id);
        auto pe = m.priorities.find(id);
        const PriorityEntry* entry = pe == m.priorities.end() ? nullptr : &pe->second;
        o.Begin();
        o.Key("id").Str(id);
        o.Key("in_catalog").Bool(rec != nullptr);
        o.Key("area").Text(rec ? rec->area : "");
        o.Key("target_group").Text(rec ? rec->targetGroup : "");
        o.Key("condition").Text(rec ? rec->condition : "");
        o.Key("intervention").Text(rec ? rec->intervention : "");
        if (rec && rec->priority.kind == PriorityKind::Number) o.Key("priority").Int(rec->priority.number);
        else o.Key("priority").Null();
        o.Key("level").Text(rec ? LevelKey(rec->level) : "");
        o.Key("level_label").Text(rec ? LevelText(rec->level) : "");
        o.Key("assessed").Bool(row && IsAssessed(*row));
        o.Key("inventory");
        row ? InventoryRowObject(o, *row) : o.Null();

        o.Key("discussion");
        auto d = m.discussions.find(id);
        if (d == m.discussions.end()) {
            o.Null();
        } else {
            o.Begin();
            o.Key("discussed_on").Text(d->second.discussedOn);
            o.Key("note").Text(d->second.note);
            o.End();
        }

        o.Key("priority_entry");
        if (!entry) {
            o.Null();
        } else {
            o.Begin();
            o.Key("feasibility").Int(entry->feasibility);
            o.Key("feasibility_label")
                .Text(entry->feasibility ? OptionLabel(Feasibilities(), std::to_string(*entry->feasibility), false) : "");
            o.Key("position").Int(entry->position);
            o.Key("selected").Bool(entry->selected);
            o.End();
        }

        auto c = std::find_if(candidates.begin(), candidates.end(), [&](const Recommendation* x) { return x->id == id; });
        o.Key("candidate_rank");
        c == candidates.end() ? o.Null() : o.Int(static_cast<int64_t>(c - candidates.begin()) + 1);
        o.Key("score");
        if (!rec) {
            o.Null();
        } else {
            const ScoreTerms t = Score(*rec, row, entry);
            o.Begin();
            o.Key("guideline").Int(t.guideline);
            o.Key("gap").Int(t.gap);
            o.Key("volume").Int(t.volume);
            o.Key("feasibility").Int(t.feasibility);
            o.Key("total").Int(t.Total());
            o.End();
        }

        o.Key("hexagon");
        auto h = m.hexagon.find(id);
        if (h == m.hexagon.end()) {
            o.Null();
        } else {
            o.Begin();
            o.Key("ratings").Begin();
            for (const auto& f : HexagonFactors()) {
                auto v = h->second.find(f.key);
                o.Key(f.key);
                v == h->second.end() ? o.Null() : o.Int(v->second);
            }
            o.End();
            const int total = HexagonTotal(h->second);
            o.Key("total");
            total > 0 ? o.Int(total) : o.Null();
            o.End();
        }
        o.End();
    }
    o.EndList();
}

void Baselines(Out& o, const ProjectModel& m) {
    o.BeginList();
    for (const InventoryBaseline& b : m.baselines) {
        o.Begin();
        o.Key("id").Int(b.id);
        o.Key("name").Str(b.name);
        o.Key("taken_on").Text(b.takenOn);
        o.Key("rows").BeginList();
        for (const auto& [rec, row] : b.rows) {
            o.Begin();
            o.Key("recommendation").Str(rec);
            o.Key("row");
            InventoryRowObject(o, row);
            o.End();
        }
        o.EndList();
        o.End();
    }
    o.EndList();
}

void ReadinessResults(Out& o, const Instrument& ins, const ReadinessStats& st) {
    o.Begin();
    o.Key("respondents_answered").Int(st.respondents);
    o.Key("subscales").BeginList();
    for (size_t k = 0; k < st.subscales.size() && k < ins.subscales.size(); ++k) {
        const SubscaleStats& s = st.subscales[k];
        const bool any = s.n > 0;
        o.Begin();
        o.Key("id").Str(s.subscaleId);
        o.Key("name").Str(ins.subscales[k].name.sv);
        o.Key("n").Int(s.n);
        for (auto [key, v] : std::initializer_list<std::pair<const char*, double>>{
                 {"mean", s.mean}, {"sd", s.sd}, {"min", s.min}, {"max", s.max}}) {
            o.Key(key);
            any ? o.Num(v) : o.Null();
        }
        o.End();
    }
    o.EndList();
    o.Key("items").BeginList();
    for (size_t k = 0; k < st.items.size() && k < ins.items.size(); ++k) {
        const ItemStats& it = st.items[k];
        o.Begin();
        o.Key("id").Str(it.itemId);
        o.Key("subscale").Str(ins.items[k].subscale);
        o.Key("text").Str(ins.items[k].text.sv);
        o.Key("n").Int(it.n);
        o.Key("mean");
        it.n > 0 ? o.Num(it.mean) : o.Null();
        o.Key("counts").BeginList();
        for (size_t v = 0; v < it.counts.size() && v < ins.scale.size(); ++v) {
            o.Begin();
            o.Key("value").Int(ins.scale[v].value);
            o.Key("label").Str(ins.scale[v].label.sv);
            o.Key("count").Int(it.counts[v]);
            o.End();
        }
        o.EndList();
        o.End();
    }
    o.EndList();
    o.Key("weakest_items").Strings(st.weakestItems);
    o.End();
}

void Readiness(Out& o, const ProjectModel& m, const std::vector<Instrument>& instruments) {
    o.BeginList();
    for (const ReadinessRound& r : m.rounds) {
        const Instrument* ins = nullptr;
        for (const auto& i : instruments)
            if (i.id == r.instrument) ins = &i;
        o.Begin();
        o.Key("id").Int(r.id);
        o.Key("instrument").Str(r.instrument);
        o.Key("instrument_name").Text(ins ? ins->name.sv : "");
        o.Key("name").Str(r.name);
        o.Key("held_on").Text(r.heldOn);
        o.Key("respondents").Int(r.respondents);
        o.Key("answers").BeginList();
        for (const auto& [key, value] : r.answers) {
            o.Begin();
            o.Key("respondent").Int(key.first);
            o.Key("item").Str(key.second);
            o.Key("value").Int(value);
            o.End();
        }
        o.EndList();
        // Scored only with the instrument at hand (Shea et al. 2014: per respondent, then across).
        o.Key("results");
        ins ? ReadinessResults(o, *ins, ComputeReadiness(*ins, ToGrid(r, *ins))) : o.Null();
        o.End();
    }
    o.EndList();
}

// A record's fields as its kind declares them (Records.hpp): whatever kind is added there is
// exported the same way, and the schema test notices the new field.
void RecordFields(Out& o, const ProjectModel& m, const Record& r, const RecordKind& kind) {
    o.Key("id").Int(r.id);
    for (const FieldSpec& f : kind.fields) {
        const std::string& v = r.Get(f.name);
        switch (f.type) {
            case FieldType::Text:
            case FieldType::RequiredText:
            case FieldType::Date:
            case FieldType::Recommendation:
            case FieldType::Flag: o.Key(f.name).Text(v); break;
            case FieldType::Number:
            case FieldType::Count:
            case FieldType::Rating: {
                char* end = nullptr;
                const double d = std::strtod(v.c_str(), &end);
                o.Key(f.name);
                v.empty() || *end != '\0' ? o.Null() : o.Num(d);
                break;
            }
            case FieldType::Enum: o.Option(f.name, *f.options, v); break;
            case FieldType::Choices: o.Choices(f.name, *f.options, v); break;
            case FieldType::Member:
            case FieldType::RequiredMember: {
                const std::string name = MemberName(m, v);
                o.Key(f.name);
                name.empty() ? o.Null() : o.Int(std::stoll(v));
                o.Key((std::string(f.name) + "_name").c_str()).Text(name);
                break;
            }
        }
    }
}

void Analysis(Out& o, const Chart& c, bool frozen) {
    o.Begin();
    o.Key("baseline_frozen").Bool(frozen);
    o.Key("median").Num(c.centre);
    o.Key("baseline_points").Int(c.baselinePoints);
    o.Key("parts").BeginList();
    for (const ChartPart& part : c.parts) {
        o.Begin();
        o.Key("label").Str(part.label);
        o.Key("kind").Str(PartKindKey(part.kind));
        o.Key("from").Str(c.periods[part.first]);
        o.Key("to").Str(c.periods[part.last]);
        o.Key("runs");
        if (!part.analysed) {
            o.Null();
        } else {
            const RunAnalysis& a = part.analysis;
            o.Begin();
            o.Key("n_useful").Int(a.nUseful);
            o.Key("longest_run").Int(a.longestRun);
            o.Key("longest_run_max").Int(a.longestRunMax);
            o.Key("crossings").Int(a.crossings);
            o.Key("crossings_min").Int(a.crossingsMin);
            o.Key("runs_signal").Bool(a.runsSignal);
            o.Key("crossings_signal").Bool(a.crossingsSignal);
            o.Key("signal").Bool(a.signal);
            o.Key("verdict").Text(part.verdict > 0 ? "improvement" : part.verdict < 0 ? "deterioration" : "");
            // The points that make a run signal, by period, as the chart rings them.
            o.Key("signal_periods").BeginList();
            if (a.runsSignal)
                for (int i : a.longestRunPoints) o.Str(c.periods[part.first + static_cast<size_t>(i)]);
            o.EndList();
            o.End();
        }
        o.Key("sigma_signal").Bool(part.sigmaSignal);
        o.End();
    }
    o.EndList();
    // The control chart, when the measure is drawn as one: its centre, its limits per period (a
    // share in per cent, as the chart shows it) and the points outside them.
    o.Key("control");
    if (!c.control) {
        o.Null();
    } else {
        const ControlChart& cc = *c.control;
        o.Begin();
        o.Key("chart").Str(ChartKindKey(cc.kind));
        o.Key("centre").Num(cc.centre);
        o.Key("sigma_z").Num(cc.sigmaZ);
        o.Key("limits").BeginList();
        for (size_t i = 0; i < c.periods.size() && i < cc.lcl.size(); ++i) {
            o.Begin();
            o.Key("period").Str(c.periods[i]);
            o.Key("lcl").Num(cc.lcl[i]);
            o.Key("ucl").Num(cc.ucl[i]);
            o.End();
        }
        o.EndList();
        o.Key("outside").BeginList();
        for (const SigmaPoint& pt : SigmaPoints(c)) {
            o.Begin();
            o.Key("period").Str(c.periods[pt.index]);
            o.Key("value").Num(pt.value);
            o.Key("limit").Num(pt.limit);
            o.Key("side").Str(pt.above ? "above" : "below");
            o.End();
        }
        o.EndList();
        o.End();
    }
    o.End();
}

void Measure(Out& o, const ProjectModel& m, const Record& r, const Record& initiative, const std::string& today) {
    o.Begin();
    RecordFields(o, m, r, *FindRecordKind("measure"));
    o.Key("points").BeginList();
    for (const MeasurePoint& p : PointsOf(m, r.id)) {
        o.Begin();
        o.Key("period").Str(p.period);
        o.Key("numerator").Num(p.numerator);
        o.Key("denominator").Num(p.denominator);
        o.Key("value").Num(p.Value());
        o.Key("note").Text(p.note);
        o.End();
    }
    o.EndList();
    o.Key("analysis");
    const Chart chart = BuildChart(m, r, initiative.Get("full_scale_from"), today);
    Analysis(o, chart, IsIsoDate(r.Get("baseline_from")) && IsIsoDate(r.Get("baseline_to")));
    o.End();
}

void Initiatives(Out& o, const ProjectModel& m, const Catalog& catalog, const Manual& manual,
                 const std::string& today) {
    // Per-initiative kinds under the names the document gives their lists.
    static const std::pair<const char*, const char*> kLists[] = {
        {"resources", "resource"}, {"goals", "goal"},       {"activities", "activity"}, {"trainings", "training"},
        {"measures", "measure"},   {"pdsa_cycles", "pdsa"}, {"rollout", "rollout"}};
    o.BeginList();
    for (const Record* init : Records(m, "initiative")) {
        o.Begin();
        RecordFields(o, m, *init, *FindRecordKind("initiative"));
        o.Key("steps").BeginList();
        for (int step = 8; step <= 15; ++step) {
            const StepPicture p = PictureOf(step, m, &catalog, init->id);
            const Step* s = manual.FindStep(step);
            o.Begin();
            o.Key("step").Int(step);
            StepState(o, p.progress, s ? s->checklist.size() : 0);
            Evidence(o, &p);
            o.End();
        }
        o.EndList();
        for (const auto& [list, kind] : kLists) {
            o.Key(list).BeginList();
            for (const Record* r : Records(m, kind, init->id)) {
                if (std::string(kind) == "measure") {
                    Measure(o, m, *r, *init, today);
                    continue;
                }
                o.Begin();
                RecordFields(o, m, *r, *FindRecordKind(kind));
                if (std::string(kind) == "activity") o.Key("overdue").Bool(IsOverdue(*r, today));
                o.End();
            }
            o.EndList();
        }
        o.End();
    }
    o.EndList();
}

void Decisions(Out& o, const ProjectModel& m) {
    o.BeginList();
    for (const Decision& d : m.decisions) {
        o.Begin();
        o.Key("id").Int(d.id);
        o.Key("step").Int(d.step);
        o.Key("decided_on").Text(d.decidedOn);
        o.Key("title").Str(d.title);
        o.Key("rationale").Text(d.rationale);
        o.Key("participants").Text(d.participants);
        o.Key("recommendations").Strings(d.recommendations);
        o.Key("recorded_at").Text(d.recordedAt);
        o.Key("recorded_by").Text(d.recordedBy);
        o.Key("withdrawn").Bool(d.withdrawn);
        o.End();
    }
    o.EndList();
}

}  // namespace

std::string ProjectJson(const ProjectModel& m, const Catalog& catalog, const Manual& manual,
                        const std::vector<Instrument>& instruments, const std::string& today) {
    Out o;
    o.Begin();
    o.Key("format").Str("stegvis-project");
    o.Key("version").Int(kProjectJsonVersion);
    o.Key("program").Str(STEGVIS_VERSION);
    o.Key("written_on").Str(today);
    o.Key("project");
    Project(o, m.project);
    const Progress inv = InventoryProgress(m, catalog);
    o.Key("inventory_progress").Begin();
    o.Key("assessed").Int(inv.done);
    o.Key("discussed").Int(DiscussedCount(m, catalog));
    o.Key("total").Int(inv.total);
    o.End();
    o.Key("steps");
    Steps(o, m, catalog, manual);
    o.Key("recommendations");
    Recommendations(o, m, catalog);
    o.Key("inventory_baselines");
    Baselines(o, m);
    o.Key("readiness_rounds");
    Readiness(o, m, instruments);
    o.Key("team").BeginList();
    for (const Record* r : Records(m, "member")) {
        o.Begin();
        RecordFields(o, m, *r, *FindRecordKind("member"));
        o.End();
    }
    o.EndList();
    o.Key("initiatives");
    Initiatives(o, m, catalog, manual, today);
    o.Key("decisions");
    Decisions(o, m);
    o.End();
    return o.Result();
}

}  // namespace stegvis
