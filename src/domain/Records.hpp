// Steps 6-11 as records: team members, initiatives and each initiative's resources, goals,
// activities and trainings. Each kind declares its fields (type, options, references) once;
// the store, the actions and the screens all work from that declaration.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/Inventory.hpp"
#include "domain/Model.hpp"

namespace stegvis {

enum class FieldType {
    Text,          // free text, may be empty
    RequiredText,  // free text, not empty
    Date,          // YYYY-MM-DD or empty
    Number,        // a non-negative number (SEK, values), or empty
    Enum,          // one of `options`, or empty
    Member,        // the id of a team member who is not removed, or empty
    RequiredMember,
    Recommendation // a catalog id, required
};

struct FieldSpec {
    const char* name;
    FieldType type;
    const std::vector<Option>* options = nullptr;
};

struct RecordKind {
    const char* kind;        // "member", "initiative", "resource", "goal", "activity", "training"
    const char* table;
    bool perInitiative;      // belongs to one initiative
    std::vector<FieldSpec> fields;
    const FieldSpec* Field(const std::string& name) const;
};

const std::vector<RecordKind>& RecordKinds();
const RecordKind* FindRecordKind(const std::string& kind);


// ---- views on the model ----
std::vector<const Record*> Records(const ProjectModel& m, const std::string& kind, int64_t initiative = 0);
const Record* FindRecord(const ProjectModel& m, const std::string& kind, int64_t id);
std::string MemberName(const ProjectModel& m, const std::string& idText);  // "" when none
int LeaderCount(const ProjectModel& m);

// An activity is overdue when it is not done and its due date has passed.
bool IsOverdue(const Record& activity, const std::string& today);
int OverdueCount(const ProjectModel& m, int64_t initiative, const std::string& today);
int MissingResourceCount(const ProjectModel& m, int64_t initiative);

// Training coverage per team role in this initiative: of the role's team members (all of
// them, trained or not), how many have a completed training and how many only a planned one.
// Members without a role are not counted.
struct Coverage {
    std::string role;
    int trained = 0;   // members with a training done
    int planned = 0;   // members with a training planned, none done yet
    int members = 0;   // every team member with this role
    bool outsideTeam = false;  // a role of TraineeRoles(): people outside the team, each name once
};
std::vector<Coverage> TrainingCoverage(const ProjectModel& m, int64_t initiative);

// Steps 8-15 are tracked per initiative; steps 1-7 (and 8-15 without an initiative) for the project.
StepProgress StepState(const ProjectModel& m, int step, int64_t initiative);
bool StepIsPerInitiative(int step);

}  // namespace stegvis
