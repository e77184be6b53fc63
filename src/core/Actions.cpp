#include "core/Actions.hpp"

#include <pwd.h>
#include <unistd.h>

#include <cstdlib>

#include "core/Phases.hpp"
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

constexpr size_t kMaxText = 20000;  // characters in one free-text field

ApplyResult Fail(std::string field, std::string message) {
    ApplyResult r;
    r.ok = false;
    r.error = {std::move(field), std::move(message)};
    return r;
}

std::optional<ActionError> CheckText(const std::string& field, const std::string& value, bool required) {
    if (required && Trim(value).empty()) return ActionError{field, "Fältet får inte vara tomt."};
    if (value.size() > kMaxText) return ActionError{field, "Texten är för lång (högst 20 000 tecken)."};
    if (!IsValidUtf8(value)) return ActionError{field, "Texten innehåller ogiltiga tecken (inte UTF-8)."};
    return std::nullopt;
}

bool ValidStep(int step) { return step >= 1 && step <= 15; }

std::string StepKey(int step) { return std::to_string(step); }

// The changes an action makes, computed against the current state.
struct Plan {
    std::vector<FieldChange> changes;
    std::optional<Decision> insertDecision;
};

std::optional<ActionError> Validate(const Store& store, const Action& action, const Manual* manual) {
    return std::visit(
        Overloaded{
            [&](const SetProjectName& a) { return CheckText("name", a.value, true); },
            [&](const SetOrganisation& a) { return CheckText("organisation", a.value, true); },
            [&](const SetOrgKind&) -> std::optional<ActionError> { return std::nullopt; },
            [&](const SetStepStatus& a) -> std::optional<ActionError> {
                if (!ValidStep(a.step)) return ActionError{"step", "Steget finns inte."};
                return std::nullopt;
            },
            [&](const SetStepNotes& a) -> std::optional<ActionError> {
                if (!ValidStep(a.step)) return ActionError{"step", "Steget finns inte."};
                return CheckText("notes", a.notes, false);
            },
            [&](const SetStepDate& a) -> std::optional<ActionError> {
                const char* field = a.done ? "done_on" : "started_on";
                if (!ValidStep(a.step)) return ActionError{"step", "Steget finns inte."};
                if (!a.date.empty() && !IsIsoDate(a.date))
                    return ActionError{field, "Ange datum som ÅÅÅÅ-MM-DD, t.ex. " + TodayIso() + "."};
                if (!a.date.empty()) {
                    auto other = store.ReadField("step", StepKey(a.step), a.done ? "started_on" : "done_on");
                    if (other && !other->empty()) {
                        if (a.done && a.date < *other)
                            return ActionError{field, "Klart-datum kan inte ligga före startdatum (" + *other + ")."};
                        if (!a.done && a.date > *other)
                            return ActionError{field, "Startdatum kan inte ligga efter klart-datum (" + *other + ")."};
                    }
                }
                return std::nullopt;
            },
            [&](const SetChecklistTick& a) -> std::optional<ActionError> {
                if (!ValidStep(a.step)) return ActionError{"step", "Steget finns inte."};
                if (manual) {
                    const Step* s = manual->FindStep(a.step);
                    bool found = false;
                    if (s)
                        for (const auto& it : s->checklist) found = found || it.id == a.item;
                    if (!found) return ActionError{"item", "Punkten '" + a.item + "' finns inte i stegets checklista."};
                }
                return std::nullopt;
            },
            [&](const RecordDecision& a) -> std::optional<ActionError> {
                const Decision& d = a.decision;
                if (!ValidStep(d.step)) return ActionError{"step", "Steget finns inte."};
                if (!IsIsoDate(d.decidedOn)) return ActionError{"decided_on", "Ange beslutsdatum som ÅÅÅÅ-MM-DD."};
                if (auto e = CheckText("title", d.title, true)) return e;
                if (auto e = CheckText("rationale", d.rationale, false)) return e;
                if (auto e = CheckText("participants", d.participants, false)) return e;
                return std::nullopt;
            },
            [&](const WithdrawDecision&) -> std::optional<ActionError> { return std::nullopt; },
        },
        action);
}

Plan MakePlan(const Store& store, const Action& action) {
    Plan plan;
    auto set = [&](const std::string& entity, const std::string& key, const std::string& field,
                   std::optional<std::string> value) {
        auto old = store.ReadField(entity, key, field);
        if (old != value) plan.changes.push_back({entity, key, field, old, std::move(value)});
    };
    std::visit(Overloaded{
                   [&](const SetProjectName& a) { set("project", "1", "name", Trim(a.value)); },
                   [&](const SetOrganisation& a) { set("project", "1", "organisation", Trim(a.value)); },
                   [&](const SetOrgKind& a) { set("project", "1", "org_kind", std::string(OrgKindKey(a.value))); },
                   [&](const SetStepStatus& a) {
                       std::string key = StepKey(a.step);
                       set("step", key, "status", std::string(StepStatusKey(a.status)));
                       if (plan.changes.empty()) return;
                       auto started = store.ReadField("step", key, "started_on");
                       if (a.status != StepStatus::NotStarted && (!started || started->empty()))
                           set("step", key, "started_on", TodayIso());
                       auto done = store.ReadField("step", key, "done_on");
                       if (a.status == StepStatus::Done && (!done || done->empty())) set("step", key, "done_on", TodayIso());
                       if (a.status != StepStatus::Done && done && !done->empty()) set("step", key, "done_on", std::nullopt);
                   },
                   [&](const SetStepNotes& a) { set("step", StepKey(a.step), "notes", a.notes); },
                   [&](const SetStepDate& a) {
                       std::optional<std::string> v;
                       if (!a.date.empty()) v = a.date;
                       set("step", StepKey(a.step), a.done ? "done_on" : "started_on", v);
                   },
                   [&](const SetChecklistTick& a) {
                       std::optional<std::string> v;
                       if (a.ticked) v = TodayIso();
                       std::string key = StepKey(a.step) + "/" + a.item;
                       auto old = store.ReadField("tick", key, "ticked");
                       if (old.has_value() != a.ticked) plan.changes.push_back({"tick", key, "ticked", old, v});
                   },
                   [&](const RecordDecision& a) { plan.insertDecision = a.decision; },
                   [&](const WithdrawDecision& a) {
                       auto old = store.ReadField("decision", std::to_string(a.id), "withdrawn");
                       if (!old) plan.changes.push_back({"decision", std::to_string(a.id), "withdrawn", old, NowIsoSeconds()});
                   },
               },
               action);
    return plan;
}

}  // namespace

std::string Describe(const Action& action, const Manual* manual) {
    auto itemText = [&](int step, const std::string& id) -> std::string {
        if (const Step* s = manual ? manual->FindStep(step) : nullptr)
            for (const auto& it : s->checklist)
                if (it.id == id) return "”" + it.text.sv + "”";
        return id;
    };
    return std::visit(Overloaded{
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
                              return std::string(a.ticked ? "Bockade av " : "Tog bort bock för ") + itemText(a.step, a.item) +
                                     " (steg " + std::to_string(a.step) + ")";
                          },
                          [](const RecordDecision& a) { return "Beslut: " + a.decision.title; },
                          [](const WithdrawDecision& a) { return "Drog tillbaka beslut " + std::to_string(a.id); },
                      },
                      action);
}

ApplyResult Apply(Store& store, const Action& action, const std::string& who, const Manual* manual) {
    if (auto err = Validate(store, action, manual)) return Fail(err->field, err->message);
    Db& db = store.Connection();
    Transaction tx(db);
    Plan plan = MakePlan(store, action);
    ApplyResult result;
    if (plan.changes.empty() && !plan.insertDecision) return result;  // nothing to do; tx rolls back
    int64_t actionId = store.NextActionId();
    std::string label = Describe(action, manual);
    if (plan.insertDecision) {
        Decision d = *plan.insertDecision;
        d.recordedAt = NowIsoSeconds();
        d.recordedBy = who;
        d.title = Trim(d.title);
        result.newId = store.InsertDecision(d);
        // Undoing a recorded decision withdraws it; the log itself stays append-only.
        plan.changes.push_back({"decision", std::to_string(result.newId), "withdrawn", d.recordedAt, std::nullopt});
        store.WriteField("decision", std::to_string(result.newId), "withdrawn", std::nullopt);
    }
    for (const FieldChange& c : plan.changes) {
        if (!(plan.insertDecision && c.entity == "decision")) store.WriteField(c.entity, c.key, c.field, c.newValue);
        store.RecordHistory(actionId, who, label, c);
    }
    store.DropUndone();  // a new edit ends the redo chain
    tx.Commit();
    result.changed = true;
    return result;
}

namespace {
bool Walk(Store& store, bool undo) {
    Db& db = store.Connection();
    Transaction tx(db);
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
    tx.Commit();
    return true;
}
}  // namespace

bool Undo(Store& store) { return Walk(store, true); }
bool Redo(Store& store) { return Walk(store, false); }

std::string DefaultUserName() {
    if (const char* u = std::getenv("STEGVIS_USER"); u && *u) return u;
    if (const passwd* pw = ::getpwuid(::getuid()); pw && pw->pw_name) return pw->pw_name;
    if (const char* u = std::getenv("USER"); u && *u) return u;
    return "okänd";
}

}  // namespace stegvis
