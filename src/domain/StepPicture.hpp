// What the recorded work says about each of the 15 steps, beside the status the manager
// confirmed. A step is "in progress" by itself as soon as work is recorded in it; "done" is
// suggested when the step's done-criterion holds in the data and confirmed with one click; a
// step confirmed done whose data says otherwise is pointed out, never silently changed.
#pragma once
#include <optional>
#include <string>

#include "reference/Catalog.hpp"
#include "domain/Model.hpp"

namespace stegvis {

// What the data shows, so a screen or report can say it in its own language.
enum class Basis {
    None,          // nothing recorded beyond the generic (checklist, notes, decisions, dates)
    Discussed,     // step 1: n of total recommendations discussed
    Assessed,      // step 2: n of total assessed in the inventory
    Prioritised,   // step 3: a priority list, no decision yet
    Decided,       // step 3: the prioritisation decision is logged
    Round,         // step 4: a round exists, no answers yet
    Answers,       // step 4: a round with answers
    Team,          // step 6: n members, a leader (total = 1 when there is one)
    Initiative,    // step 7: n initiatives started
    Rationale,     // step 8: n of 2 texts written (expected effect, evidence)
    Resources,     // step 9: n of total resources with a decision (not missing) and a responsible
    Plan,          // step 10: n of total activities with a responsible and a due date; goals counted in `extra`
    Training,      // step 11: n of total trainings done
    Baseline,      // step 12: n of total measures with a frozen baseline of at least 10 points
    Pdsa,          // step 13: n of total cycles with prediction, result and decision
    Learned,       // step 14: n of 2 (summary written, decision after the pilot)
    Rollout,       // step 15: n of total units done; sustain plan in `extra`
};

struct StepEvidence {
    bool work = false;     // something is recorded in the step
    bool hasCriterion = false;  // the data can tell whether the step is done
    bool done = false;     // the done-criterion holds in the data
    Basis basis = Basis::None;
    int n = 0, total = 0, extra = 0;
};

// `catalog` may be null (the command line's status); steps 1 and 2 then report work only.
StepEvidence EvidenceOf(int step, const ProjectModel& m, const Catalog* catalog, int64_t initiative);

struct StepPicture {
    StepProgress progress;  // as stored, with `status` the status shown
    StepStatus confirmed = StepStatus::NotStarted;  // what the manager set
    bool automatic = false;          // shown "in progress" because work is recorded, not because it was set
    StepEvidence evidence;
    bool suggestDone = false;        // the data says done; not yet confirmed
    bool doneAgainstData = false;    // confirmed done, but the data's criterion does not hold
    bool Disagrees() const { return suggestDone || doneAgainstData; }
};
StepPicture PictureOf(int step, const ProjectModel& m, const Catalog* catalog, int64_t initiative);
// The step as it is shown everywhere: stored, with "in progress" once work is recorded.
StepProgress ShownState(const ProjectModel& m, int step, int64_t initiative);

// The evidence in one Swedish or English phrase ("40 av 71 rekommendationer bedömda").
std::string EvidenceText(const StepEvidence& e, bool english);
// The disagreement in one phrase, empty when there is none.
std::string DisagreementText(const StepPicture& p, bool english);

}  // namespace stegvis
