#include "core/Actions.hpp"

#include <pwd.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>

#include "core/Catalog.hpp"
#include "core/Instruments.hpp"
#include "core/Measures.hpp"
#include "core/Phases.hpp"
#include "core/Records.hpp"
#include "core/Sqlite.hpp"
#include "core/Store.hpp"
#include "core/Text.hpp"

namespace stegvis {

namespace {

template <class... Ts>
struct Overloaded : Ts... {
    using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

constexpr size_t kMaxText = 20000;  // bytes in one free-text field
constexpr int kMaxCount = 10000000;

using Check = std::optional<ActionError>;

Check CheckText(const std::string& field, const std::string& value, bool required) {
    if (required && Trim(value).empty()) return ActionError{field, "Fältet får inte vara tomt."};
    if (value.size() > kMaxText) return ActionError{field, "Texten är för lång (högst 20 000 tecken)."};
    if (!IsValidUtf8(value)) return ActionError{field, "Texten innehåller ogiltiga tecken (inte UTF-8)."};
    return std::nullopt;
}

Check CheckDate(const std::string& field, const std::string& value) {
    if (!IsIsoDate(value)) return ActionError{field, "Ange datum som ÅÅÅÅ-MM-DD, t.ex. " + TodayIso() + "."};
    return std::nullopt;
}

Check CheckRec(const ActionContext& ctx, const std::string& rec) {
    if (ctx.catalog && !ctx.catalog->Find(rec)) return ActionError{"rec", "Rekommendationen " + rec + " finns inte i katalogen."};
    return std::nullopt;
}

bool ValidStep(int step) { return step >= 1 && step <= 15; }
std::string StepKey(int step) { return std::to_string(step); }

// A whole number typed by a person: digits only (spaces allowed as thousands separators).
std::optional<int> ParseCount(const std::string& text) {
    std::string digits;
    for (char c : Trim(text)) {
        if (c == ' ') continue;
        if (c < '0' || c > '9') return std::nullopt;
        digits.push_back(c);
    }
    if (digits.empty() || digits.size() > 8) return std::nullopt;
    int n = std::stoi(digits);
    return n <= kMaxCount ? std::optional<int>(n) : std::nullopt;
}

const Instrument* FindInstrument(const ActionContext& ctx, const std::string& id) {
    if (!ctx.instruments) return nullptr;
    for (const auto& i : *ctx.instruments)
        if (i.id == id) return &i;
    return nullptr;
}

// The changes an action makes, computed against the current state.
struct Plan {
    std::vector<FieldChange> changes;
    // A new record (decision, baseline, round): inserted by `insert`, and recorded as a change
    // of its hidden/withdrawn flag, so undo hides it and redo shows it again.
    struct Insert {
        std::function<int64_t(Store&)> run;
        std::string entity;
        std::string field;
    };
    std::vector<Insert> inserts;  // the first one's id is returned as ApplyResult::newId
};

class Planner {
public:
    Planner(const Store& store, const ActionContext& ctx, std::string who)
        : m_store(store), m_ctx(ctx), m_who(std::move(who)) {}

    Check Validate(const Action& action) const {
        return std::visit([&](const auto& a) { return ValidateOne(a); }, action);
    }

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
        m_plan.inserts.push_back({[d](Store& s) { return s.InsertDecision(d); }, "decision", "withdrawn"});
    }

    // ---- validation ----
    Check ValidateOne(const SetProjectName& a) const { return CheckText("name", a.value, true); }
    Check ValidateOne(const SetOrganisation& a) const { return CheckText("organisation", a.value, true); }
    Check ValidateOne(const SetOrgKind&) const { return std::nullopt; }
    Check CheckStepInitiative(int step, int64_t initiative) const {
        if (!ValidStep(step)) return ActionError{"step", "Steget finns inte."};
        if (initiative == 0) return std::nullopt;
        if (!StepIsPerInitiative(step)) return ActionError{"step", "Steg 1–7 gäller hela projektet, inte ett enskilt införande."};
        if (!LiveRecord("initiative", initiative)) return ActionError{"initiative", "Införandet finns inte."};
        return std::nullopt;
    }
    bool LiveRecord(const std::string& kind, int64_t id) const {
        try {
            return !Read(kind, std::to_string(id), "removed_at").has_value();
        } catch (const std::logic_error&) {
            return false;
        }
    }
    Check ValidateOne(const SetStepStatus& a) const { return CheckStepInitiative(a.step, a.initiative); }
    Check ValidateOne(const SetStepNotes& a) const {
        if (auto e = CheckStepInitiative(a.step, a.initiative)) return e;
        return CheckText("notes", a.notes, false);
    }
    Check ValidateOne(const SetStepDate& a) const {
        const char* field = a.done ? "done_on" : "started_on";
        if (auto e = CheckStepInitiative(a.step, a.initiative)) return e;
        if (a.date.empty()) return std::nullopt;
        if (auto e = CheckDate(field, a.date)) return e;
        auto other = Read(StepEntity(a.initiative), StepKeyFor(a.step, a.initiative), a.done ? "started_on" : "done_on");
        if (other && !other->empty()) {
            if (a.done && a.date < *other)
                return ActionError{field, "Klart-datum kan inte ligga före startdatum (" + *other + ")."};
            if (!a.done && a.date > *other)
                return ActionError{field, "Startdatum kan inte ligga efter klart-datum (" + *other + ")."};
        }
        return std::nullopt;
    }
    Check ValidateOne(const SetChecklistTick& a) const {
        if (auto e = CheckStepInitiative(a.step, a.initiative)) return e;
        if (m_ctx.manual) {
            const Step* s = m_ctx.manual->FindStep(a.step);
            bool found = s && std::any_of(s->checklist.begin(), s->checklist.end(),
                                          [&](const ChecklistItem& it) { return it.id == a.item; });
            if (!found) return ActionError{"item", "Punkten '" + a.item + "' finns inte i stegets checklista."};
        }
        return std::nullopt;
    }
    Check ValidateOne(const RecordDecision& a) const {
        const Decision& d = a.decision;
        if (!ValidStep(d.step)) return ActionError{"step", "Steget finns inte."};
        if (!IsIsoDate(d.decidedOn)) return ActionError{"decided_on", "Ange beslutsdatum som ÅÅÅÅ-MM-DD."};
        if (auto e = CheckText("title", d.title, true)) return e;
        if (auto e = CheckText("rationale", d.rationale, false)) return e;
        if (auto e = CheckText("participants", d.participants, false)) return e;
        for (const auto& r : d.recommendations)
            if (auto e = CheckRec(m_ctx, r)) return ActionError{"recommendations", e->message};
        return std::nullopt;
    }
    Check ValidateOne(const WithdrawDecision&) const { return std::nullopt; }
    Check ValidateOne(const SetDiscussed& a) const {
        if (auto e = CheckRec(m_ctx, a.rec)) return e;
        if (a.discussed && !a.date.empty()) {
            if (auto e = CheckDate("discussed_on", a.date)) return e;
            if (a.date > TodayIso())
                return ActionError{"discussed_on", "Datumet " + a.date + " har inte varit ännu; ange mötets datum."};
        }
        return std::nullopt;
    }
    Check ValidateOne(const SetDiscussionNote& a) const {
        if (auto e = CheckRec(m_ctx, a.rec)) return e;
        return CheckText("note", a.note, false);
    }
    Check ValidateOne(const SetInventoryField& a) const {
        if (auto e = CheckRec(m_ctx, a.rec)) return e;
        const char* field = InvFieldKey(a.field);
        switch (a.field) {
            case InvField::Offered:
            case InvField::Provider:
            case InvField::Gap: {
                const auto& opts = a.field == InvField::Offered ? OfferedOptions()
                                   : a.field == InvField::Provider ? ProviderOptions()
                                                                   : GapOptions();
                if (!a.value.empty() && !FindOption(opts, a.value)) {
                    std::string list;
                    for (const auto& o : opts) list += (list.empty() ? "" : ", ") + std::string(o.sv);
                    return ActionError{field, "Välj ett av: " + list + "."};
                }
                return std::nullopt;
            }
            case InvField::Volume:
            case InvField::Reached:
            case InvField::StaffTrained:
                if (!Trim(a.value).empty() && !ParseCount(a.value))
                    return ActionError{field, "Ange ett heltal, 0 eller mer (\"" + a.value + "\" är inget antal)."};
                return std::nullopt;
            case InvField::Comment: return CheckText(field, a.value, false);
        }
        return std::nullopt;
    }
    Check ValidateOne(const FreezeBaseline& a) const {
        if (auto e = CheckText("baseline_name", a.name, true)) return e;
        if (auto e = CheckDate("baseline_date", a.date)) return e;
        if (m_store.NameInUse("baseline", Trim(a.name)))
            return ActionError{"baseline_name", "Det finns redan en baslinje som heter \"" + Trim(a.name) + "\"."};
        return std::nullopt;
    }
    Check ValidateOne(const SetFeasibility& a) const {
        if (auto e = CheckRec(m_ctx, a.rec)) return e;
        if (a.value && (*a.value < 1 || *a.value > 3)) return ActionError{"feasibility", "Genomförbarhet är 1 (låg) till 3 (hög)."};
        return std::nullopt;
    }
    Check ValidateOne(const SetSelected& a) const { return CheckRec(m_ctx, a.rec); }
    Check ValidateOne(const MovePriority& a) const {
        auto it = std::find(a.order.begin(), a.order.end(), a.rec);
        if (it == a.order.end()) return ActionError{"order", "Rekommendationen finns inte i listan."};
        long target = (it - a.order.begin()) + a.delta;
        if (target < 0 || target >= static_cast<long>(a.order.size())) return ActionError{"order", "Kan inte flyttas längre."};
        for (const auto& r : a.order)
            if (auto e = CheckRec(m_ctx, r)) return e;
        return std::nullopt;
    }
    Check ValidateOne(const ClearPriorityOrder&) const { return std::nullopt; }
    Check ValidateOne(const SetHexagonRating& a) const {
        if (auto e = CheckRec(m_ctx, a.rec)) return e;
        if (!FindOption(HexagonFactors(), a.factor)) return ActionError{"factor", "Okänd faktor i Hexagon-verktyget."};
        if (a.value && (*a.value < 1 || *a.value > 5)) return ActionError{"rating", "Betyget är 1 till 5."};
        return std::nullopt;
    }
    Check ValidateOne(const AddReadinessRound& a) const {
        if (auto e = CheckText("round_name", a.name, true)) return e;
        if (auto e = CheckDate("round_date", a.date)) return e;
        if (m_ctx.instruments && !FindInstrument(m_ctx, a.instrument))
            return ActionError{"instrument", "Instrumentet \"" + a.instrument + "\" finns inte."};
        if (m_store.NameInUse("round", Trim(a.name)))
            return ActionError{"round_name", "Det finns redan en omgång som heter \"" + Trim(a.name) + "\"."};
        return std::nullopt;
    }
    Check ValidateOne(const SetRoundRespondents& a) const {
        if (a.count < 0 || a.count > 10000) return ActionError{"respondents", "Antalet svarande är 0 till 10 000."};
        if (!m_store.RoundExists(a.round)) return ActionError{"round", "Omgången finns inte."};
        return std::nullopt;
    }
    Check ValidateOne(const SetAnswer& a) const {
        if (!m_store.RoundExists(a.round)) return ActionError{"round", "Omgången finns inte."};
        int respondents = std::stoi(Read("round", std::to_string(a.round), "respondents").value_or("0"));
        if (a.respondent < 1 || a.respondent > respondents)
            return ActionError{"respondent", "Svarande nr " + std::to_string(a.respondent) + " finns inte i omgången."};
        if (const Instrument* ins = FindInstrument(m_ctx, Read("round", std::to_string(a.round), "instrument").value_or(""))) {
            if (!ins->FindItem(a.item)) return ActionError{"item", "Frågan " + a.item + " finns inte i instrumentet."};
            if (a.value && (*a.value < ins->MinValue() || *a.value > ins->MaxValue()))
                return ActionError{"value", "Svaret ska vara " + std::to_string(ins->MinValue()) + "–" +
                                                std::to_string(ins->MaxValue()) + "."};
        }
        return std::nullopt;
    }

    // ---- records ----
    // One field's value against its declared type. `current` holds the record's other fields
    // (after this change), for the checks that involve two fields.
    Check CheckRecordField(const RecordKind& kind, int64_t id, const FieldSpec& f, const std::string& value,
                           const std::map<std::string, std::string>& current) const {
        const std::string field = f.name;
        const std::string v = Trim(value);
        switch (f.type) {
            case FieldType::RequiredText:
                if (v.empty()) return ActionError{field, "Fältet får inte vara tomt."};
                [[fallthrough]];
            case FieldType::Text:
                return CheckText(field, value, false);
            case FieldType::Date:
                if (!v.empty())
                    if (auto e = CheckDate(field, v)) return e;
                break;
            case FieldType::Number: {
                if (v.empty()) break;
                std::string t = v;
                t.erase(std::remove(t.begin(), t.end(), ' '), t.end());
                std::replace(t.begin(), t.end(), ',', '.');
                char* end = nullptr;
                double d = std::strtod(t.c_str(), &end);
                if (t.empty() || *end != '\0' || !(d >= 0) || d > 1e12)
                    return ActionError{field, "Ange ett tal, 0 eller mer (\"" + value + "\" är inget tal)."};
                break;
            }
            case FieldType::Enum:
                if (!v.empty() && !FindOption(*f.options, v)) return ActionError{field, "Ogiltigt val: " + v + "."};
                break;
            case FieldType::RequiredMember:
                if (v.empty()) return ActionError{field, "Välj en person i teamet."};
                [[fallthrough]];
            case FieldType::Member:
                if (v.empty()) break;
                if (v.find_first_not_of("0123456789") != std::string::npos || !LiveRecord("member", std::stoll(v)))
                    return ActionError{field, "Personen finns inte i teamet (borttagen?). Välj någon i teamet."};
                break;
            case FieldType::Recommendation:
                if (v.empty()) return ActionError{field, "Välj en rekommendation."};
                if (auto e = CheckRec(m_ctx, v)) return ActionError{field, e->message};
                break;
        }
        // Two-field rules.
        auto other = [&](const char* name) {
            auto it = current.find(name);
            return it == current.end() ? std::string() : it->second;
        };
        const std::string kindName = kind.kind;
        // Start/end pairs: on a new record (id 0) both dates arrive at once and the end date
        // carries the error; on an edit, the field being edited does.
        static const std::pair<const char*, const char*> kPairs[] = {
            {"start_on", "due_on"}, {"started_on", "ended_on"}, {"started_on", "done_on"}, {"baseline_from", "baseline_to"}};
        for (const auto& [startName, endName] : kPairs) {
            if (!kind.Field(startName) || !kind.Field(endName)) continue;
            if (field != endName && !(field == startName && id != 0)) continue;
            std::string start = field == startName ? v : other(startName);
            std::string end = field == endName ? v : other(endName);
            if (!start.empty() && !end.empty() && end < start)
                return ActionError{field, "Slutdatum (" + end + ") ligger före startdatum (" + start + ")."};
        }
        // A training is for a team member or for somebody outside the team named as a trainee.
        if (kindName == "training" && (field == "member" || field == "trainee")) {
            const std::string member = field == "member" ? v : Trim(other("member"));
            const std::string trainee = field == "trainee" ? v : Trim(other("trainee"));
            if (member.empty() && trainee.empty())
                return ActionError{field, "Välj en person i teamet eller skriv namnet på den som utbildas."};
        }
        if (kindName == "member" && field == "role" && v == "leader") {
            for (const auto& [leaderId, leaderName] : m_store.MembersWithRole("leader"))
                if (leaderId != id)
                    return ActionError{field, "Teamet har redan en ledare (" + leaderName + "). Ett team har en ledare."};
        }
        return std::nullopt;
    }

    std::map<std::string, std::string> CurrentFields(const RecordKind& kind, int64_t id) const {
        std::map<std::string, std::string> out;
        for (const auto& f : kind.fields) out[f.name] = Read(kind.kind, std::to_string(id), f.name).value_or("");
        return out;
    }

    Check ValidateOne(const AddRecord& a) const {
        const RecordKind* kind = FindRecordKind(a.kind);
        if (!kind) return ActionError{"kind", "Okänd posttyp."};
        if (kind->perInitiative && !LiveRecord("initiative", a.initiative))
            return ActionError{"initiative", "Välj ett införande först (steg 7)."};
        for (const auto& [name, value] : a.fields)
            if (!kind->Field(name)) return ActionError{name, "Okänt fält."};
        for (const auto& f : kind->fields) {
            auto it = a.fields.find(f.name);
            std::string value = it == a.fields.end() ? std::string() : it->second;
            if (auto e = CheckRecordField(*kind, 0, f, value, a.fields)) return e;
        }
        return std::nullopt;
    }
    Check ValidateOne(const SetRecordField& a) const {
        const RecordKind* kind = FindRecordKind(a.kind);
        if (!kind) return ActionError{"kind", "Okänd posttyp."};
        const FieldSpec* f = kind->Field(a.field);
        if (!f) return ActionError{a.field, "Okänt fält."};
        if (!LiveRecord(a.kind, a.id)) return ActionError{a.field, "Posten finns inte längre."};
        auto current = CurrentFields(*kind, a.id);
        current[a.field] = Trim(a.value);
        return CheckRecordField(*kind, a.id, *f, a.value, current);
    }
    Check ValidateOne(const RemoveRecord& a) const {
        if (!FindRecordKind(a.kind)) return ActionError{"kind", "Okänd posttyp."};
        if (!LiveRecord(a.kind, a.id)) return ActionError{"id", "Posten är redan borttagen."};
        if (a.kind == "member") {
            int refs = m_store.CountReferences(std::to_string(a.id));
            if (refs > 0)
                return ActionError{"id", "Personen ansvarar för " + std::to_string(refs) +
                                             (refs == 1 ? " aktivitet eller resurs. Ge den en annan ansvarig först."
                                                        : " aktiviteter eller resurser. Ge dem en annan ansvarig först.")};
        }
        return std::nullopt;
    }
    Check ValidateOne(const StartInitiative& a) const {
        if (auto e = CheckRec(m_ctx, a.recId)) return ActionError{"rec_id", e->message};
        if (auto e = CheckText("name", a.name, true)) return e;
        if (auto e = CheckDate("decided_on", a.decidedOn)) return e;
        if (auto e = CheckText("rationale", a.rationale, false)) return e;
        return CheckText("participants", a.participants, false);
    }

    Check ValidateOne(const SetRecordFields& a) const {
        const RecordKind* kind = FindRecordKind(a.kind);
        if (!kind) return ActionError{"kind", "Okänd posttyp."};
        if (!LiveRecord(a.kind, a.id)) return ActionError{"id", "Posten finns inte längre."};
        auto current = CurrentFields(*kind, a.id);
        for (const auto& [k, v] : a.fields) {
            if (!kind->Field(k)) return ActionError{k, "Okänt fält."};
            current[k] = Trim(v);
        }
        for (const auto& [k, v] : a.fields)
            if (auto e = CheckRecordField(*kind, a.id, *kind->Field(k), v, current)) return e;
        return std::nullopt;
    }
    Check CheckPoint(int64_t measure, const std::string& period, std::optional<double> num, std::optional<double> den) const {
        if (!LiveRecord("measure", measure)) return ActionError{"measure", "Måttet finns inte."};
        std::string per = Read("measure", std::to_string(measure), "period").value_or("month");
        if (!IsIsoDate(period) || PeriodStart(period, per) != period)
            return ActionError{"period", "Perioden " + period + " är inte början på en " + (per == "week" ? "vecka (måndag)." : "månad.")};
        // A value for a period that has not begun cannot have been measured: refused, so it can
        // never count in a signal. Clearing one (from an older file) is allowed.
        if (num && period > TodayIso())
            return ActionError{"period", "Perioden " + period + " har inte börjat ännu; mätvärden kan bara anges för perioder som har börjat."};
        bool ratio = Read("measure", std::to_string(measure), "definition").value_or("") == "ratio";
        if (num && (*num < 0 || !std::isfinite(*num))) return ActionError{"numerator", "Värdet måste vara 0 eller mer."};
        if (ratio && num && (!den || *den <= 0)) return ActionError{"denominator", "Nämnaren måste vara större än 0."};
        if (ratio && num && den && *num > *den) return ActionError{"numerator", "Täljaren kan inte vara större än nämnaren."};
        return std::nullopt;
    }
    Check ValidateOne(const SetPoint& a) const { return CheckPoint(a.measure, a.period, a.numerator, a.denominator); }
    Check ValidateOne(const SetPointNote& a) const {
        if (auto e = CheckPoint(a.measure, a.period, std::nullopt, std::nullopt)) return e;
        return CheckText("note", a.note, false);
    }
    Check ValidateOne(const ImportPoints& a) const {
        if (a.rows.empty()) return ActionError{"rows", "Inga rader att spara."};
        for (const auto& r : a.rows)
            if (auto e = CheckPoint(a.measure, r.period, r.numerator, r.denominator)) return e;
        return std::nullopt;
    }
    Check ValidateOne(const DecideAfterPilot& a) const {
        if (!LiveRecord("initiative", a.initiative)) return ActionError{"initiative", "Införandet finns inte."};
        if (!FindOption(PdsaActs(), a.act)) return ActionError{"act", "Välj behåll, justera eller avbryt."};
        if (auto e = CheckDate("decided_on", a.decidedOn)) return e;
        return CheckText("rationale", a.rationale, false);
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
        m_plan.inserts.push_back({[kind, init, fields](Store& s) { return s.InsertRecord(kind, init, fields); }, kind,
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
            {[fields](Store& s) { return s.InsertRecord("initiative", 0, fields); }, "initiative", "removed_at"});
        Decision d;
        d.step = 7;
        d.decidedOn = a.decidedOn;
        d.title = "Införa " + Trim(a.name);
        d.rationale = a.rationale;
        d.participants = a.participants;
        d.recommendations = {a.recId};
        InsertDecision(std::move(d));
    }

    // ---- planning ----
    void PlanOne(const SetProjectName& a) { Set("project", "1", "name", Trim(a.value)); }
    void PlanOne(const SetOrganisation& a) { Set("project", "1", "organisation", Trim(a.value)); }
    void PlanOne(const SetOrgKind& a) { Set("project", "1", "org_kind", std::string(OrgKindKey(a.value))); }
    // Project steps live in "step"/"tick"; an initiative's steps 8-15 in "istep"/"itick".
    static std::string StepEntity(int64_t initiative) { return initiative ? "istep" : "step"; }
    static std::string StepKeyFor(int step, int64_t initiative) {
        return initiative ? std::to_string(initiative) + "/" + StepKey(step) : StepKey(step);
    }
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
        m_plan.inserts.push_back({[name, date](Store& s) { return s.InsertBaseline(name, date); }, "baseline", "hidden"});
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
        m_plan.inserts.push_back({[ins, name, date](Store& s) { return s.InsertRound(ins, name, date); }, "round", "hidden"});
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
    const ActionContext& m_ctx;
    std::string m_who;  // who makes the edit: every logged decision names its recorder
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

ApplyResult Apply(Store& store, const Action& action, const std::string& who, const ActionContext& ctx) {
    try {
        Planner planner(store, ctx, who);
        Db& db = store.Connection();
        // Validation reads inside the write transaction, so another window or program cannot
        // change what was checked (a second team leader, say) before this edit is stored.
        Transaction tx(db);
        store.CheckStillAtPath();  // never write into a file the path no longer names
        if (auto err = planner.Validate(action)) {
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
            h.id = store.RecordHistory(actionId, who, label, c, at);
            h.actionId = actionId, h.at = at, h.who = who, h.label = label;
            h.entity = c.entity, h.key = c.key, h.field = c.field;
            h.hadOld = c.oldValue.has_value(), h.oldValue = c.oldValue.value_or("");
            h.hasNew = c.newValue.has_value(), h.newValue = c.newValue.value_or("");
            h.state = "done";
            result.recorded.push_back(std::move(h));
        };
        for (const auto& ins : plan.inserts) {
            int64_t id = ins.run(store);
            if (result.newId == 0) result.newId = id;
            // Before this action the record was not there: undo hides it, redo shows it again.
            record(FieldChange{ins.entity, std::to_string(id), ins.field, at, std::nullopt});
        }
        for (const FieldChange& c : plan.changes) {
            store.WriteField(c.entity, c.key, c.field, c.newValue);
            record(c);
        }
        store.DropUndone();  // a new edit ends the redo chain
        tx.Commit();
        result.changed = true;
        return result;
    } catch (const SqliteError& e) {
        ThrowNotSaved(store, e);
    }
}

ApplyResult Apply(Store& store, const Action& action, const std::string& who, const Manual* manual) {
    ActionContext ctx;
    ctx.manual = manual;
    return Apply(store, action, who, ctx);
}

namespace {
bool Walk(Store& store, bool undo) {
    Db& db = store.Connection();
    Transaction tx(db);
    store.CheckStillAtPath();
    auto action = undo ? store.LastDoneAction() : store.FirstUndoneAction();
    if (!action) return false;
    auto entries = store.ActionEntries(*action);
    if (undo) {
        for (auto it = entries.rbegin(); it != entries.rend(); ++it)
            store.WriteField(it->entity, it->key, it->field,
                             it->hadOld ? std::optional<std::string>(it->oldValue) : std::nullopt);
    } else {
        for (const auto& e : entries)
            store.WriteField(e.entity, e.key, e.field, e.hasNew ? std::optional<std::string>(e.newValue) : std::nullopt);
    }
    store.SetActionState(*action, undo ? "undone" : "done");
    // The history's values are written back unchecked by the action rules: a history altered by
    // hand must not put a value into the project that no edit could.
    if (auto problem = store.ContentProblem())
        throw std::runtime_error(std::string(undo ? "Ångra" : "Gör om") +
                                 " skulle ge data som Stegvis inte kan använda (" + *problem + "); inget ändrades.");
    tx.Commit();
    return true;
}
}  // namespace

bool Undo(Store& store) {
    try {
        return Walk(store, true);
    } catch (const SqliteError& e) {
        ThrowNotSaved(store, e);
    }
}

bool Redo(Store& store) {
    try {
        return Walk(store, false);
    } catch (const SqliteError& e) {
        ThrowNotSaved(store, e);
    }
}

std::string DefaultUserName() {
    if (const char* u = std::getenv("STEGVIS_USER"); u && *u) return u;
    if (const passwd* pw = ::getpwuid(::getuid()); pw && pw->pw_name) return pw->pw_name;
    if (const char* u = std::getenv("USER"); u && *u) return u;
    return "okänd";
}

}  // namespace stegvis
