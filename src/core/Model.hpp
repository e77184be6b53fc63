// The project as plain values: what the screens read, what the store loads.
#pragma once
#include <cstdint>
#include <set>
#include <string>
#include <vector>

namespace stegvis {

enum class OrgKind { Kommun, Region, Annan };
enum class StepStatus { NotStarted, InProgress, Done };

const char* OrgKindKey(OrgKind k);          // "kommun" / "region" / "annan"
bool ParseOrgKind(const std::string& s, OrgKind* out);
const char* StepStatusKey(StepStatus s);    // "not_started" / "in_progress" / "done"
bool ParseStepStatus(const std::string& s, StepStatus* out);

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

struct ProjectModel {
    ProjectInfo project;
    std::vector<StepProgress> steps;  // index 0 = step 1
    std::vector<Decision> decisions;  // oldest first
    int undoable = 0;                 // actions that Undo can take back
    int redoable = 0;
    std::string lastChangeAt;         // newest history time, empty when never edited

    const StepProgress& Step(int number) const { return steps.at(static_cast<size_t>(number - 1)); }
};

}  // namespace stegvis
