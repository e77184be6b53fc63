// Steps 6-15 as records: team members, initiatives and each initiative's resources, goals,
// activities, trainings, measures, PDSA cycles and roll-outs. Their fields are declared once, in
// the field registry (domain/Fields.hpp); these are views on the model.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/Fields.hpp"
#include "domain/Inventory.hpp"
#include "domain/Model.hpp"

namespace stegvis {

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
