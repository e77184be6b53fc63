// The project as plain values: what the screens read, what the store loads.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "domain/Vocabulary.hpp"
#include "reference/Catalog.hpp"

namespace stegvis {


struct ProjectInfo {
    std::string name;
    std::string organisation;
    OrgKind kind = OrgKind::Kommun;
    std::string catalogEdition;
    std::string createdOn;
};

struct StepProgress {
    int step = 0;
    StepStatus status = StepStatus::NotStarted;
    std::string startedOn;  // YYYY-MM-DD or empty
    std::string doneOn;
    std::string notes;
    std::set<std::string> ticked;  // checklist item ids
};

struct Decision {
    int64_t id = 0;
    int step = 0;
    std::string decidedOn;
    std::string title;
    std::string rationale;
    std::string participants;
    std::vector<std::string> recommendations;  // catalog ids
    std::string recordedAt;
    std::string recordedBy;
    bool withdrawn = false;
};

struct HistoryEntry {
    int64_t id = 0;
    int64_t actionId = 0;
    std::string at;
    std::string who;
    std::string label;
    std::string entity;
    std::string key;
    std::string field;
    std::string oldValue;
    std::string newValue;
    bool hadOld = false;
    bool hasNew = false;
    std::string state;  // done / undone / dropped
};

// Step 1: a recommendation discussed in the group.
struct Discussion {
    std::string discussedOn;  // YYYY-MM-DD, empty = not (yet) discussed
    std::string note;
};

// Step 2: what the unit offers today for one recommendation. Enumerated fields hold keys
// (see Inventory.hpp); empty = not yet answered.
struct InventoryRow {
    std::string offered;   // ja / delvis / nej / vet_ej / ej_aktuellt
    std::string provider;  // egen / annan_del / socialtjanst / primarvard / psykiatri / extern / ingen
    std::optional<int> volume;        // people in the target group per year (estimate)
    std::optional<int> staffTrained;  // staff trained in the intervention
    std::optional<int> reached;       // people who get the intervention today, per year (estimate)
    std::string gap;       // ingen / liten / stor
    std::string comment;   // also the reason when offered = ej_aktuellt
    bool operator==(const InventoryRow& o) const {
        return offered == o.offered && provider == o.provider && volume == o.volume && staffTrained == o.staffTrained &&
               gap == o.gap && comment == o.comment && reached == o.reached;
    }
};

// A dated snapshot of the whole inventory.
struct InventoryBaseline {
    int64_t id = 0;
    std::string name;
    std::string takenOn;
    std::string createdAt;
    std::map<std::string, InventoryRow> rows;  // by recommendation id
};

// Step 3: the team's judgement per candidate.
struct PriorityEntry {
    std::optional<int> feasibility;  // 1 low, 2 medium, 3 high
    std::optional<int> position;     // the group's own order (1 = first), when set
    bool selected = false;           // chosen for the decision
};

// Step 4: one round of a readiness questionnaire.
struct ReadinessRound {
    int64_t id = 0;
    std::string instrument;  // instrument id, e.g. "oric"
    std::string name;
    std::string heldOn;
    int respondents = 0;
    std::map<std::pair<int, std::string>, int> answers;  // (respondent 1.., item id) -> value
};

// A record of steps 6-11 (see Records.hpp): its fields as stored text, keyed by field name.
struct Record {
    int64_t id = 0;
    int64_t initiative = 0;  // for records that belong to an initiative
    std::map<std::string, std::string> fields;
    const std::string& Get(const std::string& field) const {
        static const std::string kEmpty;
        auto it = fields.find(field);
        return it == fields.end() ? kEmpty : it->second;
    }
};

// One stored data point of a measure (steps 12-15).
struct PointRow {
    std::optional<double> numerator;    // the value of a count measure
    std::optional<double> denominator;  // ratio measures only
    std::string note;
};

struct ProjectModel {
    ProjectInfo project;
    std::vector<StepProgress> steps;  // index 0 = step 1
    std::vector<Decision> decisions;  // oldest first
    std::map<std::string, Discussion> discussions;      // by recommendation id
    std::map<std::string, InventoryRow> inventory;      // by recommendation id
    std::vector<InventoryBaseline> baselines;           // oldest first, withdrawn ones left out
    std::map<std::string, PriorityEntry> priorities;    // by recommendation id
    std::map<std::string, std::map<std::string, int>> hexagon;  // recommendation -> factor -> 1..5
    std::vector<ReadinessRound> rounds;                 // oldest first, withdrawn ones left out
    std::map<std::string, std::vector<Record>> records;  // kind -> records not removed, oldest first
    std::map<int64_t, std::map<int, StepProgress>> initiativeSteps;  // initiative -> steps 8-15
    std::map<int64_t, std::map<std::string, PointRow>> points;       // measure -> period start -> point
    // The project's own copy of the catalog, in its order, withdrawn rows (withdrawnIn set)
    // included; empty for a project that has none (it follows the catalog Stegvis ships).
    std::vector<Recommendation> catalogRows;
    int undoable = 0;                 // actions that Undo can take back
    int redoable = 0;
    std::string lastChangeAt;         // newest history time, empty when never edited

    const StepProgress& Step(int number) const { return steps.at(static_cast<size_t>(number - 1)); }
    const InventoryRow* Inventory(const std::string& recId) const {
        auto it = inventory.find(recId);
        return it == inventory.end() ? nullptr : &it->second;
    }
};

}  // namespace stegvis
