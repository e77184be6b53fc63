// Edits as values. Every change the program makes to a project goes through Apply(): one
// action, validated, applied in one transaction, recorded in the history table. Undo and
// Redo walk that history, so they survive a restart.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "domain/Inventory.hpp"
#include "domain/Message.hpp"
#include "domain/Model.hpp"
#include "reference/Catalog.hpp"

namespace stegvis {

class Store;
struct Manual;
struct Instrument;

struct SetProjectName { std::string value; };
struct SetOrganisation { std::string value; };
struct SetOrgKind { OrgKind value; };
// Moving a step to "in progress" or "done" also fills its start/done date when empty.
// `initiative` (steps 8-15): the initiative whose progress it is; 0 = the project's.
struct SetStepStatus { int step; StepStatus status; int64_t initiative = 0; };
struct SetStepNotes { int step; std::string notes; int64_t initiative = 0; };
struct SetStepDate { int step; bool done; std::string date; int64_t initiative = 0; };  // done=false: start date; "" clears
struct SetChecklistTick { int step; std::string item; bool ticked; int64_t initiative = 0; };
struct RecordDecision { Decision decision; };  // id, recordedAt, recordedBy and withdrawn are set by Apply
struct WithdrawDecision { int64_t id; };

// ---- phase 1 ----
struct SetDiscussed { std::string rec; bool discussed; std::string date; };  // date "" = today
struct SetDiscussionNote { std::string rec; std::string note; };
// value: an option key (offered/provider/gap), a whole number (volume/staff), or the comment;
// "" clears the cell.
struct SetInventoryField { std::string rec; InvField field; std::string value; };
struct FreezeBaseline { std::string name; std::string date; };
struct SetFeasibility { std::string rec; std::optional<int> value; };  // 1 low .. 3 high
struct SetSelected { std::string rec; bool selected; };
// Moves `rec` up (delta -1) or down (+1) in `order` (the order on screen) and stores the
// whole order as the group's own.
struct MovePriority { std::vector<std::string> order; std::string rec; int delta; };
struct ClearPriorityOrder {};
struct SetHexagonRating { std::string rec; std::string factor; std::optional<int> value; };
struct AddReadinessRound { std::string instrument; std::string name; std::string date; };
// Lowering the count removes the answers of the respondents dropped.
struct SetRoundRespondents { int64_t round; int count; };
struct SetAnswer { int64_t round; int respondent; std::string item; std::optional<int> value; };

// ---- steps 6-11: records (see Records.hpp) ----
struct AddRecord { std::string kind; int64_t initiative; std::map<std::string, std::string> fields; };
struct SetRecordField { std::string kind; int64_t id; std::string field; std::string value; };
struct RemoveRecord { std::string kind; int64_t id; };
// Step 7: starts an initiative for a recommendation and logs the decision, as one action.
struct StartInitiative { std::string recId; std::string name; std::string decidedOn; std::string rationale; std::string participants; };
// Several fields of one record at once, checked together (e.g. a baseline's first and last period).
struct SetRecordFields { std::string kind; int64_t id; std::map<std::string, std::string> fields; };

// ---- steps 12-15 ----
// One period of a measure; numerator = the value of a count measure. nullopt clears (a gap).
struct SetPoint { int64_t measure; std::string period; std::optional<double> numerator; std::optional<double> denominator; };
struct SetPointNote { int64_t measure; std::string period; std::string note; };
// Accepted lines of pasted data, stored as one action.
struct ImportPoints {
    int64_t measure;
    struct Row { std::string period; double numerator; std::optional<double> denominator; };
    std::vector<Row> rows;
};
// Step 14: adopt, adapt or abandon after the pilot, logged in the decision log.
struct DecideAfterPilot { int64_t initiative; std::string act; std::string decidedOn; std::string rationale; };

// Moves the project to a newer catalog (domain/Editions.hpp): `to`'s rows become the project's
// own and its edition the project's; a row `to` no longer lists stays, marked withdrawn, while
// the project holds data on it. Every row written is in the history, so Undo moves it back.
struct MoveToCatalog { Catalog to; };

using Action = std::variant<SetProjectName, SetOrganisation, SetOrgKind, SetStepStatus, SetStepNotes, SetStepDate,
                            SetChecklistTick, RecordDecision, WithdrawDecision, SetDiscussed, SetDiscussionNote,
                            SetInventoryField, FreezeBaseline, SetFeasibility, SetSelected, MovePriority,
                            ClearPriorityOrder, SetHexagonRating, AddReadinessRound, SetRoundRespondents, SetAnswer,
                            AddRecord, SetRecordField, RemoveRecord, StartInitiative, SetRecordFields, SetPoint,
                            SetPointNote, ImportPoints, DecideAfterPilot, MoveToCatalog>;

// The data an action is checked against; any may be null (then that check is skipped).
struct ActionContext {
    const Manual* manual = nullptr;
    const Catalog* catalog = nullptr;
    const std::vector<Instrument>* instruments = nullptr;
};

// What went wrong with an action, for a message at the field. Nothing was stored.
struct ActionError {
    std::string field;  // e.g. "name", "done_on"
    Message message;    // what to tell the user; the interface renders it in its language
    std::string Text(bool english = false) const { return Render(message, english); }
};

struct ApplyResult {
    bool ok = true;
    bool changed = false;  // false when the action set a value it already had
    ActionError error;
    int64_t newId = 0;     // RecordDecision, FreezeBaseline, AddReadinessRound: the new record's id
    // The history rows the action wrote, in the order written: they say what changed, so a
    // reader can refresh just that (Store::Refresh) and show them without reading the history.
    std::vector<HistoryEntry> recorded;
    // On a server project: refused because someone else changed a value this edit changes
    // (the error says who, to what and when); the project shown is then the server's.
    bool conflict = false;
    // On a server project: the server could not be reached; nothing was saved, and the same
    // action can be applied again once it is back.
    bool unreachable = false;
};

// `manual` (may be null) lets Apply check step numbers and checklist ids against the data.
ApplyResult Apply(Store& store, const Action& action, const std::string& who, const ActionContext& ctx);
ApplyResult Apply(Store& store, const Action& action, const std::string& who, const Manual* manual = nullptr);
// Take back / re-apply the newest action; false when there is nothing to undo/redo.
bool Undo(Store& store);
bool Redo(Store& store);

// A short Swedish description of the action, as stored in the history. With the manual, a
// checklist tick is named by the item's text rather than its id.
std::string Describe(const Action& action, const Manual* manual = nullptr);

// The user the history names: $STEGVIS_USER, else the login name.
std::string DefaultUserName();

}  // namespace stegvis
