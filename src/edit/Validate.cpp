#include "edit/Validate.hpp"

#include <algorithm>
#include <cmath>

#include "base/Text.hpp"
#include "domain/Measures.hpp"
#include "domain/Records.hpp"
#include "reference/Catalog.hpp"
#include "reference/Instruments.hpp"
#include "reference/Phases.hpp"
#include "store/Store.hpp"

namespace stegvis {

namespace {
constexpr size_t kMaxText = 20000;  // bytes in one free-text field
constexpr int kMaxCount = 10000000;
}  // namespace

namespace editimpl {

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


}  // namespace editimpl

namespace {

using namespace editimpl;

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

class Validator {
public:
    Validator(const Store& store, const ActionContext& ctx) : m_store(store), m_ctx(ctx) {}

    Check Validate(const Action& action) const {
        return std::visit([&](const auto& a) { return ValidateOne(a); }, action);
    }

private:
    std::optional<std::string> Read(const std::string& e, const std::string& k, const std::string& f) const {
        return m_store.ReadField(e, k, f);
    }

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


    const Store& m_store;
    const ActionContext& m_ctx;
};

}  // namespace

std::optional<ActionError> Validate(const Store& store, const ActionContext& ctx, const Action& action) {
    return Validator(store, ctx).Validate(action);
}

}  // namespace stegvis
