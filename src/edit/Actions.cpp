#include "edit/Actions.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>

#include "base/Platform.hpp"
#include "domain/Editions.hpp"
#include "reference/Catalog.hpp"
#include "reference/Instruments.hpp"
#include "domain/Measures.hpp"
#include "reference/Phases.hpp"
#include "domain/Records.hpp"
#include "store/Sqlite.hpp"
#include "store/Store.hpp"
#include "base/Text.hpp"
#include "edit/Validate.hpp"

namespace stegvis {

namespace {

using namespace editimpl;

template <class... Ts>
struct Overloaded : Ts... {
    using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

// The changes an action makes, computed against the current state.
struct Plan {
    std::vector<FieldChange> changes;
    // A new record (decision, baseline, round): inserted by `insert`, and recorded as a change
    // of its hidden/withdrawn flag, so undo hides it and redo shows it again.
    struct Insert {
        std::function<int64_t(Store::Write&)> run;
        std::string entity;
        std::string field;
    };
    std::vector<Insert> inserts;  // the first one's id is returned as ApplyResult::newId
};

class Planner {
public:
    Planner(const Store& store, std::string who, const Catalog* catalog = nullptr)
        : m_store(store), m_who(std::move(who)), m_catalog(catalog) {}

    Plan Make(const Action& action) {
        m_plan = Plan{};
        std::visit([&](const auto& a) { PlanOne(a); }, action);
        return std::move(m_plan);
    }

private:
    std::optional<std::string> Read(const std::string& e, const std::string& k, const std::string& f) const {
        return m_store.ReadField(e, k, f);
    }

    // Records a change when the value differs. Empty text and "absent" count as the same.
    void Set(const std::string& e, const std::string& k, const std::string& f, std::optional<std::string> v) {
        auto old = Read(e, k, f);
        if (old.value_or("") == v.value_or("") && old.has_value() == v.has_value()) return;
        if (old.value_or("").empty() && v.value_or("").empty() && e != "tick" && e != "hexagon" && e != "answer") return;
        m_plan.changes.push_back({e, k, f, old, std::move(v)});
    }

    static std::optional<std::string> Opt(const std::string& s) {
        return s.empty() ? std::nullopt : std::optional<std::string>(s);
    }
    static std::optional<std::string> Opt(std::optional<int> n) {
        return n ? std::optional<std::string>(std::to_string(*n)) : std::nullopt;
    }

    void InsertDecision(Decision d) {
        d.recordedAt = NowIsoSeconds();
        d.recordedBy = m_who;
        m_plan.inserts.push_back({[d](Store::Write& s) { return s.InsertDecision(d); }, "decision", "withdrawn"});
    }

    static std::optional<std::string> Num(std::optional<double> v) {
        if (!v) return std::nullopt;
        char b[64];
        std::snprintf(b, sizeof b, "%.15g", *v);
        return std::string(b);
    }
    void PlanPoint(int64_t measure, const std::string& period, std::optional<double> num, std::optional<double> den) {
        std::string key = std::to_string(measure) + "/" + period;
        Set("point", key, "numerator", Num(num));
        Set("point", key, "denominator", num ? Num(den) : std::nullopt);
    }
    void PlanOne(const SetRecordFields& a) {
        for (const auto& [k, v] : a.fields) PlanOne(SetRecordField{a.kind, a.id, k, v});
    }
    void PlanOne(const SetPoint& a) { PlanPoint(a.measure, a.period, a.numerator, a.denominator); }
    void PlanOne(const SetPointNote& a) { Set("point", std::to_string(a.measure) + "/" + a.period, "note", Opt(a.note)); }
    void PlanOne(const ImportPoints& a) {
        for (const auto& r : a.rows) PlanPoint(a.measure, r.period, r.numerator, r.denominator);
    }
    void PlanOne(const DecideAfterPilot& a) {
        Set("initiative", std::to_string(a.initiative), "pilot_decision", a.act);
        Decision d;
        d.step = 14;
        d.decidedOn = a.decidedOn;
        d.title = std::string("Efter piloten: ") + OptionLabel(PdsaActs(), a.act, false) + " – " +
                  Read("initiative", std::to_string(a.initiative), "name").value_or("");
        d.rationale = a.rationale;
        if (auto rec = Read("initiative", std::to_string(a.initiative), "rec_id")) d.recommendations = {*rec};
        InsertDecision(std::move(d));
    }

    void PlanOne(const AddRecord& a) {
        std::map<std::string, std::string> fields;
        for (const auto& [k, v] : a.fields)
            if (!Trim(v).empty()) fields[k] = Trim(v);
        std::string kind = a.kind;
        int64_t init = a.initiative;
        m_plan.inserts.push_back({[kind, init, fields](Store::Write& s) { return s.InsertRecord(kind, init, fields); }, kind,
                                  "removed_at"});
    }
    void PlanOne(const SetRecordField& a) {
        const FieldSpec* f = FindRecordKind(a.kind)->Field(a.field);
        std::string v = Trim(a.value);
        if (f->type == FieldType::Number && !v.empty()) {
            v.erase(std::remove(v.begin(), v.end(), ' '), v.end());
            std::replace(v.begin(), v.end(), ',', '.');
            auto old = Read(a.kind, std::to_string(a.id), a.field);
            if (old && std::strtod(old->c_str(), nullptr) == std::strtod(v.c_str(), nullptr)) return;  // 1200 == 1200.0
        }
        Set(a.kind, std::to_string(a.id), a.field, Opt(f->type == FieldType::Text ? a.value : v));
    }
    void PlanOne(const RemoveRecord& a) { Set(a.kind, std::to_string(a.id), "removed_at", NowIsoSeconds()); }
    void PlanOne(const StartInitiative& a) {
        std::map<std::string, std::string> fields{{"rec_id", a.recId}, {"name", Trim(a.name)}, {"decided_on", a.decidedOn}};
        m_plan.inserts.push_back(
            {[fields](Store::Write& s) { return s.InsertRecord("initiative", 0, fields); }, "initiative", "removed_at"});
        Decision d;
        d.step = 7;
        d.decidedOn = a.decidedOn;
        d.title = "Införa " + Trim(a.name);
        d.rationale = a.rationale;
        d.participants = a.participants;
        d.recommendations = {a.recId};
        InsertDecision(std::move(d));
    }

    void PlanOne(const MoveToCatalog& a) {
        const ProjectModel m = m_store.Load();
        // A project without rows of its own works from the catalog it was given.
        const std::vector<Recommendation> current =
            !m.catalogRows.empty() || !m_catalog ? m.catalogRows : m_catalog->recommendations;
        std::set<std::string> kept;
        std::string order;
        for (const Recommendation& r : CatalogRowsAfterMove(m, current, a.to)) {
            kept.insert(r.id);
            order += (order.empty() ? "" : ",") + r.id;
            Set("catalog", r.id, "row", RecommendationToTsv(r));
        }
        // The order after the rows written (a new row is placed by it) and before the rows
        // removed, so that Undo, going backwards, puts a removed row back before the old order
        // is written and the row is in its old place again.
        Set("catalog", "*", "order", order);
        for (const Recommendation& r : m.catalogRows)
            if (!kept.count(r.id)) Set("catalog", r.id, "row", std::nullopt);
        Set("project", "1", "catalog_edition", a.to.edition);
    }

    // ---- planning ----
    void PlanOne(const SetProjectName& a) { Set("project", "1", "name", Trim(a.value)); }
    void PlanOne(const SetOrganisation& a) { Set("project", "1", "organisation", Trim(a.value)); }
    void PlanOne(const SetOrgKind& a) { Set("project", "1", "org_kind", std::string(OrgKindKey(a.value))); }
    // Project steps live in "step"/"tick"; an initiative's steps 8-15 in "istep"/"itick".
    void PlanOne(const SetStepStatus& a) {
        const std::string e = StepEntity(a.initiative), key = StepKeyFor(a.step, a.initiative);
        auto status = Read(e, key, "status");
        if (status.value_or("not_started") == StepStatusKey(a.status)) return;
        m_plan.changes.push_back({e, key, "status", status, std::string(StepStatusKey(a.status))});
        auto started = Read(e, key, "started_on");
        if (a.status != StepStatus::NotStarted && (!started || started->empty())) Set(e, key, "started_on", TodayIso());
        auto done = Read(e, key, "done_on");
        if (a.status == StepStatus::Done && (!done || done->empty())) Set(e, key, "done_on", TodayIso());
        if (a.status != StepStatus::Done && done && !done->empty()) Set(e, key, "done_on", std::nullopt);
    }
    void PlanOne(const SetStepNotes& a) {
        Set(StepEntity(a.initiative), StepKeyFor(a.step, a.initiative), "notes", a.initiative ? Opt(a.notes) : a.notes);
    }
    void PlanOne(const SetStepDate& a) {
        Set(StepEntity(a.initiative), StepKeyFor(a.step, a.initiative), a.done ? "done_on" : "started_on", Opt(a.date));
    }
    void PlanOne(const SetChecklistTick& a) {
        Set(a.initiative ? "itick" : "tick", StepKeyFor(a.step, a.initiative) + "/" + a.item, "ticked",
            a.ticked ? std::optional<std::string>(TodayIso()) : std::nullopt);
    }
    void PlanOne(const RecordDecision& a) {
        Decision d = a.decision;
        d.title = Trim(d.title);
        InsertDecision(std::move(d));
    }
    void PlanOne(const WithdrawDecision& a) {
        if (!Read("decision", std::to_string(a.id), "withdrawn"))
            Set("decision", std::to_string(a.id), "withdrawn", NowIsoSeconds());
    }
    void PlanOne(const SetDiscussed& a) {
        Set("discussion", a.rec, "discussed_on",
            a.discussed ? std::optional<std::string>(a.date.empty() ? TodayIso() : a.date) : std::nullopt);
    }
    void PlanOne(const SetDiscussionNote& a) { Set("discussion", a.rec, "note", Opt(a.note)); }
    void PlanOne(const SetInventoryField& a) {
        std::optional<std::string> v;
        if (a.field == InvField::Volume || a.field == InvField::Reached || a.field == InvField::StaffTrained) {
            if (auto n = ParseCount(a.value)) v = std::to_string(*n);
        } else if (a.field == InvField::Comment) {
            v = Opt(a.value);
        } else {
            v = Opt(a.value);
        }
        Set("inventory", a.rec, InvFieldKey(a.field), v);
    }
    void PlanOne(const FreezeBaseline& a) {
        std::string name = Trim(a.name), date = a.date;
        m_plan.inserts.push_back({[name, date](Store::Write& s) { return s.InsertBaseline(name, date); }, "baseline", "hidden"});
    }
    void PlanOne(const SetFeasibility& a) { Set("priority", a.rec, "feasibility", Opt(a.value)); }
    void PlanOne(const SetSelected& a) { Set("priority", a.rec, "selected", std::string(a.selected ? "1" : "0")); }
    void PlanOne(const MovePriority& a) {
        std::vector<std::string> order = a.order;
        auto it = std::find(order.begin(), order.end(), a.rec);
        std::iter_swap(it, it + a.delta);
        for (size_t i = 0; i < order.size(); ++i) Set("priority", order[i], "position", std::to_string(i + 1));
    }
    void PlanOne(const ClearPriorityOrder&) {
        for (const std::string& rec : m_store.PositionedRecommendations()) Set("priority", rec, "position", std::nullopt);
    }
    void PlanOne(const SetHexagonRating& a) { Set("hexagon", a.rec + "/" + a.factor, "rating", Opt(a.value)); }
    void PlanOne(const AddReadinessRound& a) {
        std::string ins = a.instrument, name = Trim(a.name), date = a.date;
        m_plan.inserts.push_back({[ins, name, date](Store::Write& s) { return s.InsertRound(ins, name, date); }, "round", "hidden"});
    }
    void PlanOne(const SetRoundRespondents& a) {
        std::string key = std::to_string(a.round);
        int old = std::stoi(Read("round", key, "respondents").value_or("0"));
        for (const auto& [respondent, item] : m_store.RoundAnswerKeys(a.round))
            if (respondent > a.count) Set("answer", key + "/" + std::to_string(respondent) + "/" + item, "value", std::nullopt);
        if (old != a.count) Set("round", key, "respondents", std::to_string(a.count));
    }
    void PlanOne(const SetAnswer& a) {
        Set("answer", std::to_string(a.round) + "/" + std::to_string(a.respondent) + "/" + a.item, "value", Opt(a.value));
    }

    const Store& m_store;
    std::string m_who;  // who makes the edit: every logged decision names its recorder
    const Catalog* m_catalog;  // the catalog the edit is checked against (may be null)
    Plan m_plan;
};

}  // namespace

std::string Describe(const Action& action, const Manual* manual) {
    auto itemText = [&](int step, const std::string& id) -> std::string {
        if (const Step* s = manual ? manual->FindStep(step) : nullptr)
            for (const auto& it : s->checklist)
                if (it.id == id) return "”" + it.text.sv + "”";
        return id;
    };
    auto fieldName = [](InvField f) -> std::string {
        switch (f) {
            case InvField::Offered: return "erbjuds idag";
            case InvField::Provider: return "utförare";
            case InvField::Volume: return "antal per år";
            case InvField::StaffTrained: return "utbildad personal";
            case InvField::Reached: return "får insatsen idag";
            case InvField::Gap: return "glapp";
            case InvField::Comment: return "kommentar";
        }
        return "";
    };
    return std::visit(
        Overloaded{
            [](const SetProjectName&) -> std::string { return "Ändrade projektets namn"; },
            [](const SetOrganisation&) -> std::string { return "Ändrade organisation"; },
            [](const SetOrgKind&) -> std::string { return "Ändrade typ av organisation"; },
            [](const SetStepStatus& a) { return "Ändrade status för steg " + std::to_string(a.step); },
            [](const SetStepNotes& a) { return "Ändrade anteckningar för steg " + std::to_string(a.step); },
            [](const SetStepDate& a) {
                return std::string(a.done ? "Ändrade klart-datum" : "Ändrade startdatum") + " för steg " +
                       std::to_string(a.step);
            },
            [&](const SetChecklistTick& a) {
                return std::string(a.ticked ? "Bockade av " : "Tog bort bock för ") + itemText(a.step, a.item) + " (steg " +
                       std::to_string(a.step) + ")";
            },
            [](const RecordDecision& a) { return "Beslut: " + a.decision.title; },
            [](const WithdrawDecision& a) { return "Drog tillbaka beslut " + std::to_string(a.id); },
            [](const SetDiscussed& a) {
                return std::string(a.discussed ? "Markerade " : "Avmarkerade ") + a.rec + " som diskuterad";
            },
            [](const SetDiscussionNote& a) { return "Anteckning om " + a.rec; },
            [&](const SetInventoryField& a) { return "Behovsinventering " + a.rec + ": " + fieldName(a.field); },
            [](const FreezeBaseline& a) { return "Frös baslinjen \"" + Trim(a.name) + "\""; },
            [](const SetFeasibility& a) { return "Genomförbarhet för " + a.rec; },
            [](const SetSelected& a) { return std::string(a.selected ? "Valde " : "Tog bort valet av ") + a.rec; },
            [](const MovePriority& a) { return std::string(a.delta < 0 ? "Flyttade upp " : "Flyttade ned ") + a.rec; },
            [](const ClearPriorityOrder&) -> std::string { return "Återgick till ordning efter poäng"; },
            [](const SetHexagonRating& a) { return "Hexagon-betyg för " + a.rec + " (" + a.factor + ")"; },
            [](const AddReadinessRound& a) { return "Ny beredskapsomgång \"" + Trim(a.name) + "\""; },
            [](const SetRoundRespondents& a) { return "Antal svarande: " + std::to_string(a.count); },
            [](const SetAnswer& a) {
                return "Svar från svarande " + std::to_string(a.respondent) + " på " + a.item;
            },
            [](const AddRecord& a) { return "Ny post (" + a.kind + ")"; },
            [](const SetRecordField& a) { return "Ändrade " + a.field + " (" + a.kind + " " + std::to_string(a.id) + ")"; },
            [](const RemoveRecord& a) { return "Tog bort " + a.kind + " " + std::to_string(a.id); },
            [](const StartInitiative& a) { return "Startade införandet \"" + Trim(a.name) + "\""; },
            [](const SetRecordFields& a) { return "Ändrade " + a.kind + " " + std::to_string(a.id); },
            [](const SetPoint& a) { return "Mätvärde " + a.period; },
            [](const SetPointNote& a) { return "Anteckning vid " + a.period; },
            [](const ImportPoints& a) { return "Klistrade in " + std::to_string(a.rows.size()) + " mätvärden"; },
            [](const DecideAfterPilot& a) { return "Beslut efter piloten: " + a.act; },
            [](const MoveToCatalog& a) { return "Flyttade projektet till katalogens utgåva " + a.to.edition; },
        },
        action);
}

namespace {
// A failure of the file itself (disk full, file too large, locked by another program) named
// with the file, so the message at the field says what happened and where.
[[noreturn]] void ThrowNotSaved(const Store& store, const SqliteError& e) {
    throw DataError(store.Path(), 0, "", "", "ändringen sparades inte: " + DescribeStorageError(e));
}
}  // namespace

namespace {
ApplyResult ApplyOnce(Store& store, const Action& action, const std::string& who, const ActionContext& ctx) {
    try {
        Planner planner(store, who, ctx.catalog);
        // Validation reads inside the write transaction, so another window or program cannot
        // change what was checked (a second team leader, say) before this edit is stored. The
        // Write also checks the file is still at its path: never write into a file the path no
        // longer names.
        Store::Write tx = store.BeginWrite();
        if (auto err = Validate(store, ctx, action)) {
            ApplyResult r;
            r.ok = false;
            r.error = *err;
            return r;
        }
        Plan plan = planner.Make(action);
        ApplyResult result;
        if (plan.changes.empty() && plan.inserts.empty()) return result;  // nothing to do; tx rolls back
        int64_t actionId = store.NextActionId();
        std::string label = Describe(action, ctx.manual);
        const std::string at = NowIsoSeconds();
        auto record = [&](const FieldChange& c) {
            HistoryEntry h;
            h.id = tx.RecordHistory(actionId, who, label, c, at);
            h.actionId = actionId, h.at = at, h.who = who, h.label = label;
            h.entity = c.entity, h.key = c.key, h.field = c.field;
            h.hadOld = c.oldValue.has_value(), h.oldValue = c.oldValue.value_or("");
            h.hasNew = c.newValue.has_value(), h.newValue = c.newValue.value_or("");
            h.state = "done";
            result.recorded.push_back(std::move(h));
        };
        for (const auto& ins : plan.inserts) {
            int64_t id = ins.run(tx);
            if (result.newId == 0) result.newId = id;
            // Before this action the record was not there: undo hides it, redo shows it again.
            record(FieldChange{ins.entity, std::to_string(id), ins.field, at, std::nullopt});
        }
        for (const FieldChange& c : plan.changes) {
            tx.Field(c.entity, c.key, c.field, c.newValue);
            record(c);
        }
        tx.DropUndone();
        tx.Commit();
        result.changed = true;
        return result;
    } catch (const SqliteError& e) {
        ThrowNotSaved(store, e);
    }
}
}  // namespace

ApplyResult Apply(Store& store, const Action& action, const std::string& who, const ActionContext& ctx) {
    // On a server project an edit can meet what others did meanwhile: a change of a value this
    // edit changes, made after what the user saw, is refused, saying so, never written over. The
    // history names the server's login.
    try {
        return ApplyOnce(store, action, store.Actor(who), ctx);
    } catch (const RemoteConflict& c) {
        ApplyResult r;
        r.ok = false;
        r.conflict = true;
        r.error.message = Message(Msg::Plain, {c.what()});
        return r;
    } catch (const RemoteUnreachable& u) {
        ApplyResult r;
        r.ok = false;
        r.unreachable = true;
        r.error.message = Message(Msg::Plain, {u.what()});
        return r;
    }
}

ApplyResult Apply(Store& store, const Action& action, const std::string& who, const Manual* manual) {
    ActionContext ctx;
    ctx.manual = manual;
    return Apply(store, action, who, ctx);
}

namespace {
bool Walk(Store& store, bool undo) {
    Store::Write tx = store.BeginWrite();
    auto action = undo ? store.LastDoneAction() : store.FirstUndoneAction();
    if (!action) return false;
    auto entries = store.ActionEntries(*action);
    // A field changed since by a later action (someone else's, or another window's) is not
    // taken back, or made again, silently.
    if (auto later = store.LaterChange(*action)) {
        throw std::runtime_error(std::string(undo ? "Ångra" : "Gör om") + " gick inte: " + later->who +
                                 " har ändrat detta sedan (\"" + later->label + "\", nu " +
                                 (later->hasNew && !later->newValue.empty() ? "'" + later->newValue + "'" : "tomt") +
                                 "); inget ändrades.");
    }
    if (undo) {
        try {
            for (auto it = entries.rbegin(); it != entries.rend(); ++it)
                tx.Field(it->entity, it->key, it->field,
                         it->hadOld ? std::optional<std::string>(it->oldValue) : std::nullopt);
        } catch (const std::invalid_argument& e) {
            throw std::runtime_error(std::string("Ångra skulle ge data som Stegvis inte kan använda (") + e.what() +
                                     "); inget ändrades.");
        }
    } else {
        try {
            for (const auto& e : entries)
                tx.Field(e.entity, e.key, e.field, e.hasNew ? std::optional<std::string>(e.newValue) : std::nullopt);
        } catch (const std::invalid_argument& e) {
            throw std::runtime_error(std::string("Gör om skulle ge data som Stegvis inte kan använda (") + e.what() +
                                     "); inget ändrades.");
        }
    }
    tx.SetActionState(*action, undo ? "undone" : "done");
    // The history's values are written back unchecked by the action rules: a history altered by
    // hand must not put a value into the project that no edit could.
    if (auto problem = store.ContentProblem())
        throw std::runtime_error(std::string(undo ? "Ångra" : "Gör om") +
                                 " skulle ge data som Stegvis inte kan använda (" + *problem + "); inget ändrades.");
    tx.Commit();
    return true;
}

// Undo and redo on a server project: what someone else has changed since is not taken back
// silently; the project is brought up to the server's state and the refusal says why.
bool WalkChecked(Store& store, bool undo) {
    try {
        return Walk(store, undo);
    } catch (const SqliteError& e) {
        ThrowNotSaved(store, e);
    } catch (const RemoteConflict& c) {
        throw std::runtime_error(std::string(undo ? "Ångra" : "Gör om") + " gick inte: " + c.what());
    }
}
}  // namespace

bool Undo(Store& store) { return WalkChecked(store, true); }

bool Redo(Store& store) { return WalkChecked(store, false); }

std::string DefaultUserName() {
    if (const char* u = std::getenv("STEGVIS_USER"); u && *u) return u;
    if (std::string login = platform::LoginName(); !login.empty()) return login;
    if (const char* u = std::getenv("USER"); u && *u) return u;
    return "okänd";
}

}  // namespace stegvis
