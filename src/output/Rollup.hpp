// The county overview: many units' project files or backups in one report.
#pragma once
#include <string>
#include <vector>

#include "reference/Catalog.hpp"
#include "reference/Instruments.hpp"
#include "domain/Model.hpp"
#include "base/Progress.hpp"
#include "reference/Phases.hpp"

namespace stegvis {

struct RollupUnit {
    std::string input;       // the file as given
    std::string lastChange;  // newest history entry, or the project's creation date
    // What the overview reads: the project, the steps (also per initiative), the inventory and
    // the initiatives. Data points, baselines, readiness answers, decisions and the other
    // records are dropped once the initiatives' signals are worked out, so a county of 311
    // units stays small.
    ProjectModel model;
    // The catalog the unit's answers refer to (its own rows, domain/Editions.hpp), kept as its
    // edition and a fingerprint of its current rows (CatalogFingerprint); 0 when it has none.
    std::string catalogEdition;
    size_t catalogFingerprint = 0;
};
// A fingerprint of a catalog's current rows: equal for equal rows in the same order.
size_t CatalogFingerprint(const std::vector<Recommendation>& rows);
// True when the unit's answers refer to another catalog than the one whose fingerprint is given
// (the unit has not been moved to it).
bool UnitOnOtherCatalog(const RollupUnit& u, size_t catalogFingerprint);
// One initiative of one unit, worked out when the unit is read.
struct RollupInitiative {
    size_t unit = 0;        // index into Rollup::units
    std::string name;
    std::string recId;
    int stepsDone = 0;      // of steps 8-15
    std::string signals;    // per measure: "Mått 1: förbättring; ...", or "inga mått"
};
struct RollupSkipped {
    std::string input;
    std::string why;
};
struct Rollup {
    std::vector<RollupUnit> units;
    std::vector<RollupInitiative> initiatives;  // unit by unit, in the units' order
    std::vector<RollupSkipped> skipped;
};

// Reads every input (project files *.stegvis, backups *.json, or folders of them). A project file
// is read as one snapshot through SQLite and only read; a backup is imported into a private copy
// in `workDir`. The originals are never changed; an unreadable one is skipped with the reason.
// With `progress`: its total is the number of files, each file read is a step, and a cancel
// stops the reading and throws Cancelled.
Rollup LoadRollup(const std::vector<std::string>& inputs, const std::string& workDir, TaskProgress* progress = nullptr);
// The files LoadRollup would read for `inputs` (folders expanded), e.g. to keep an output off them.
std::vector<std::string> RollupInputFiles(const std::vector<std::string>& inputs);

std::string RenderRollup(const Rollup& r, const Catalog& catalog, const Manual& manual, const std::string& today,
                         const std::string& templatePath);

}  // namespace stegvis
