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
    if (required && Trim(value).empty()) return ActionError{field, {Msg::FieldEmpty}};
    if (value.size() > kMaxText) return ActionError{field, {Msg::TextTooLong}};
    if (!IsValidUtf8(value)) return ActionError{field, {Msg::TextNotUtf8}};
    return std::nullopt;
}

Check CheckDate(const std::string& field, const std::string& value) {
    if (!IsIsoDate(value)) return ActionError{field, {Msg::DateFormat, {TodayIso()}}};
    return std::nullopt;
}

Check CheckRec(const ActionContext& ctx, const std::string& rec) {
    if (ctx.catalog && !ctx.catalog->Find(rec)) return ActionError{"rec", {Msg::RecNotInCatalog, {rec}}};
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
        if (!ValidStep(step)) return ActionError{"step", {Msg::StepMissing}};
        if (initiative == 0) return std::nullopt;
        if (!StepIsPerInitiative(step)) return ActionError{"step", {Msg::StepNotPerInitiative}};
        if (!LiveRecord("initiative", initiative)) return ActionError{"initiative", {Msg::InitiativeMissing}};
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
                return ActionError{field, {Msg::DoneBeforeStart, {*other}}};
            if (!a.done && a.date > *other)
                return ActionError{field, {Msg::StartAfterDone, {*other}}};
        }
        return std::nullopt;
    }
    Check ValidateOne(const SetChecklistTick& a) const {
        if (auto e = CheckStepInitiative(a.step, a.initiative)) return e;
        if (m_ctx.manual) {
            const Step* s = m_ctx.manual->FindStep(a.step);
            bool found = s && std::any_of(s->checklist.begin(), s->checklist.end(),
                                          [&](const ChecklistItem& it) { return it.id == a.item; });
            if (!found) return ActionError{"item", {Msg::ChecklistItemMissing, {a.item}}};
        }
        return std::nullopt;
    }
    Check ValidateOne(const RecordDecision& a) const {
        const Decision& d = a.decision;
        if (!ValidStep(d.step)) return ActionError{"step", {Msg::StepMissing}};
        if (!IsIsoDate(d.decidedOn)) return ActionError{"decided_on", {Msg::DecisionDateFormat}};
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
                return ActionError{"discussed_on", {Msg::DateInFuture, {a.date}}};
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
        const FieldSpec* f = FindField("inventory", field);  // its type and values: the registry's
        if (!f) return ActionError{field, {Msg::FieldUnknown}};
        switch (f->type) {
            case FieldType::Enum:
                if (!a.value.empty() && !FindOption(*f->options, a.value))
                    return ActionError{field, {Msg::ChooseOneOf, {}, f->options}};
                return std::nullopt;
            case FieldType::Choices:
                if (!a.value.empty() && !IsCanonicalChoices(*f->options, a.value))
                    return ActionError{field, {Msg::ChooseSomeOf, {}, f->options}};
                return std::nullopt;
            case FieldType::Count:
                if (!Trim(a.value).empty() && !ParseCount(a.value))
                    return ActionError{field, {Msg::NotACount, {a.value}}};
                return std::nullopt;
            default:
                return CheckText(field, a.value, false);
        }
    }
    Check ValidateOne(const FreezeBaseline& a) const {
        if (auto e = CheckText("baseline_name", a.name, true)) return e;
        if (auto e = CheckDate("baseline_date", a.date)) return e;
        if (m_store.NameInUse("baseline", Trim(a.name)))
            return ActionError{"baseline_name", {Msg::BaselineNameTaken, {Trim(a.name)}}};
        return std::nullopt;
    }
    Check ValidateOne(const SetFeasibility& a) const {
        if (auto e = CheckRec(m_ctx, a.rec)) return e;
        if (a.value && (*a.value < 1 || *a.value > 3)) return ActionError{"feasibility", {Msg::FeasibilityRange}};
        return std::nullopt;
    }
    Check ValidateOne(const SetSelected& a) const { return CheckRec(m_ctx, a.rec); }
    Check ValidateOne(const MovePriority& a) const {
        auto it = std::find(a.order.begin(), a.order.end(), a.rec);
        if (it == a.order.end()) return ActionError{"order", {Msg::NotInList}};
        long target = (it - a.order.begin()) + a.delta;
        if (target < 0 || target >= static_cast<long>(a.order.size())) return ActionError{"order", {Msg::CannotMoveFurther}};
        for (const auto& r : a.order)
            if (auto e = CheckRec(m_ctx, r)) return e;
        return std::nullopt;
    }
    Check ValidateOne(const ClearPriorityOrder&) const { return std::nullopt; }
    Check ValidateOne(const SetHexagonRating& a) const {
        if (auto e = CheckRec(m_ctx, a.rec)) return e;
        if (!FindOption(HexagonFactors(), a.factor)) return ActionError{"factor", {Msg::HexagonFactorUnknown}};
        if (a.value && (*a.value < 1 || *a.value > 5)) return ActionError{"rating", {Msg::RatingRange}};
        return std::nullopt;
    }
    Check ValidateOne(const AddReadinessRound& a) const {
        if (auto e = CheckText("round_name", a.name, true)) return e;
        if (auto e = CheckDate("round_date", a.date)) return e;
        if (m_ctx.instruments && !FindInstrument(m_ctx, a.instrument))
            return ActionError{"instrument", {Msg::InstrumentMissing, {a.instrument}}};
        if (m_store.NameInUse("round", Trim(a.name)))
            return ActionError{"round_name", {Msg::RoundNameTaken, {Trim(a.name)}}};
        return std::nullopt;
    }
    Check ValidateOne(const SetRoundRespondents& a) const {
        if (a.count < 0 || a.count > 10000) return ActionError{"respondents", {Msg::RespondentsRange}};
        if (!m_store.RoundExists(a.round)) return ActionError{"round", {Msg::RoundMissing}};
        return std::nullopt;
    }
    Check ValidateOne(const SetAnswer& a) const {
        if (!m_store.RoundExists(a.round)) return ActionError{"round", {Msg::RoundMissing}};
        int respondents = std::stoi(Read("round", std::to_string(a.round), "respondents").value_or("0"));
        if (a.respondent < 1 || a.respondent > respondents)
            return ActionError{"respondent", {Msg::RespondentMissing, {std::to_string(a.respondent)}}};
        if (const Instrument* ins = FindInstrument(m_ctx, Read("round", std::to_string(a.round), "instrument").value_or(""))) {
            if (!ins->FindItem(a.item)) return ActionError{"item", {Msg::QuestionMissing, {a.item}}};
            if (a.value && (*a.value < ins->MinValue() || *a.value > ins->MaxValue()))
                return ActionError{"value", {Msg::AnswerRange, {std::to_string(ins->MinValue()),
                                                                     std::to_string(ins->MaxValue())}}};
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
                if (v.empty()) return ActionError{field, {Msg::FieldEmpty}};
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
                    return ActionError{field, {Msg::NotANumber, {value}}};
                break;
            }
            case FieldType::Enum:
                if (!v.empty() && !FindOption(*f.options, v)) return ActionError{field, {Msg::InvalidChoice, {v}}};
                break;
            case FieldType::Choices:
                if (!v.empty() && !IsCanonicalChoices(*f.options, v)) return ActionError{field, {Msg::InvalidChoice, {v}}};
                break;
            case FieldType::RequiredMember:
                if (v.empty()) return ActionError{field, {Msg::ChooseMember}};
                [[fallthrough]];
            case FieldType::Member:
                if (v.empty()) break;
                if (v.find_first_not_of("0123456789") != std::string::npos || !LiveRecord("member", std::stoll(v)))
                    return ActionError{field, {Msg::MemberMissing}};
                break;
            case FieldType::Count:
            case FieldType::Rating:
            case FieldType::Flag:
                // Not used by record kinds; their checks live with the actions that set them.
                break;
            case FieldType::Recommendation:
                if (v.empty()) return ActionError{field, {Msg::ChooseRecommendation}};
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
                return ActionError{field, {Msg::EndBeforeStart, {end, start}}};
        }
        // A training is for a team member or for somebody outside the team named as a trainee.
        if (kindName == "training" && (field == "member" || field == "trainee")) {
            const std::string member = field == "member" ? v : Trim(other("member"));
            const std::string trainee = field == "trainee" ? v : Trim(other("trainee"));
            if (member.empty() && trainee.empty())
                return ActionError{field, {Msg::MemberOrTrainee}};
        }
        if (kindName == "member" && field == "role" && v == "leader") {
            for (const auto& [leaderId, leaderName] : m_store.MembersWithRole("leader"))
                if (leaderId != id)
                    return ActionError{field, {Msg::TeamHasLeader, {leaderName}}};
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
        if (!kind) return ActionError{"kind", {Msg::RecordKindUnknown}};
        if (kind->perInitiative && !LiveRecord("initiative", a.initiative))
            return ActionError{"initiative", {Msg::InitiativeFirst}};
        for (const auto& [name, value] : a.fields)
            if (!kind->Field(name)) return ActionError{name, {Msg::FieldUnknown}};
        for (const auto& f : kind->fields) {
            auto it = a.fields.find(f.name);
            std::string value = it == a.fields.end() ? std::string() : it->second;
            if (auto e = CheckRecordField(*kind, 0, f, value, a.fields)) return e;
        }
        return std::nullopt;
    }
    Check ValidateOne(const SetRecordField& a) const {
        const RecordKind* kind = FindRecordKind(a.kind);
        if (!kind) return ActionError{"kind", {Msg::RecordKindUnknown}};
        const FieldSpec* f = kind->Field(a.field);
        if (!f) return ActionError{a.field, {Msg::FieldUnknown}};
        if (!LiveRecord(a.kind, a.id)) return ActionError{a.field, {Msg::RecordGone}};
        auto current = CurrentFields(*kind, a.id);
        current[a.field] = Trim(a.value);
        return CheckRecordField(*kind, a.id, *f, a.value, current);
    }
    Check ValidateOne(const RemoveRecord& a) const {
        if (!FindRecordKind(a.kind)) return ActionError{"kind", {Msg::RecordKindUnknown}};
        if (!LiveRecord(a.kind, a.id)) return ActionError{"id", {Msg::RecordAlreadyRemoved}};
        if (a.kind == "member") {
            int refs = m_store.CountReferences(std::to_string(a.id));
            if (refs > 0)
                return refs == 1 ? ActionError{"id", {Msg::MemberResponsibleOne}}
                                 : ActionError{"id", {Msg::MemberResponsibleMany, {std::to_string(refs)}}};
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
        if (!kind) return ActionError{"kind", {Msg::RecordKindUnknown}};
        if (!LiveRecord(a.kind, a.id)) return ActionError{"id", {Msg::RecordGone}};
        auto current = CurrentFields(*kind, a.id);
        for (const auto& [k, v] : a.fields) {
            if (!kind->Field(k)) return ActionError{k, {Msg::FieldUnknown}};
            current[k] = Trim(v);
        }
        for (const auto& [k, v] : a.fields)
            if (auto e = CheckRecordField(*kind, a.id, *kind->Field(k), v, current)) return e;
        return std::nullopt;
    }
    Check CheckPoint(int64_t measure, const std::string& period, std::optional<double> num, std::optional<double> den) const {
        if (!LiveRecord("measure", measure)) return ActionError{"measure", {Msg::MeasureMissing}};
        std::string per = Read("measure", std::to_string(measure), "period").value_or("month");
        if (!IsIsoDate(period) || PeriodStart(period, per) != period)
            return ActionError{"period", {per == "week" ? Msg::PeriodNotWeekStart : Msg::PeriodNotMonthStart, {period}}};
        // A value for a period that has not begun cannot have been measured: refused, so it can
        // never count in a signal. Clearing one (from an older file) is allowed.
        if (num && period > TodayIso())
            return ActionError{"period", {Msg::PeriodNotBegun, {period}}};
        bool ratio = Read("measure", std::to_string(measure), "definition").value_or("") == "ratio";
        if (num && (*num < 0 || !std::isfinite(*num))) return ActionError{"numerator", {Msg::ValueNegative}};
        if (ratio && num && (!den || *den <= 0)) return ActionError{"denominator", {Msg::DenominatorPositive}};
        if (ratio && num && den && *num > *den) return ActionError{"numerator", {Msg::NumeratorAboveDenominator}};
        return std::nullopt;
    }
    Check ValidateOne(const SetPoint& a) const { return CheckPoint(a.measure, a.period, a.numerator, a.denominator); }
    Check ValidateOne(const SetPointNote& a) const {
        if (auto e = CheckPoint(a.measure, a.period, std::nullopt, std::nullopt)) return e;
        return CheckText("note", a.note, false);
    }
    Check ValidateOne(const ImportPoints& a) const {
        if (a.rows.empty()) return ActionError{"rows", {Msg::NoRows}};
        for (const auto& r : a.rows)
            if (auto e = CheckPoint(a.measure, r.period, r.numerator, r.denominator)) return e;
        return std::nullopt;
    }
    Check ValidateOne(const DecideAfterPilot& a) const {
        if (!LiveRecord("initiative", a.initiative)) return ActionError{"initiative", {Msg::InitiativeMissing}};
        if (!FindOption(PdsaActs(), a.act)) return ActionError{"act", {Msg::ChoosePdsaAct, {}, &PdsaActs()}};
        if (auto e = CheckDate("decided_on", a.decidedOn)) return e;
        return CheckText("rationale", a.rationale, false);
    }
    Check ValidateOne(const MoveToCatalog& a) const {
        if (a.to.recommendations.empty() || a.to.edition.empty()) return ActionError{"catalog", {Msg::CatalogToEmpty}};
        return std::nullopt;
    }


    const Store& m_store;
    const ActionContext& m_ctx;
};

}  // namespace

std::optional<ActionError> Validate(const Store& store, const ActionContext& ctx, const Action& action) {
    return Validator(store, ctx).Validate(action);
}

}  // namespace stegvis
