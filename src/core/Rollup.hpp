// The county overview: many units' project files or backups in one report.
#pragma once
#include <string>
#include <vector>

#include "core/Catalog.hpp"
#include "core/Instruments.hpp"
#include "core/Model.hpp"
#include "core/Phases.hpp"

namespace stegvis {

struct RollupUnit {
    std::string input;       // the file as given
    std::string lastChange;  // newest history entry, or the project's creation date
    ProjectModel model;
};
struct RollupSkipped {
    std::string input;
    std::string why;
};
struct Rollup {
    std::vector<RollupUnit> units;
    std::vector<RollupSkipped> skipped;
};

// Reads every input (project files *.stegvis, backups *.json, or folders of them). Each is read
// from a private copy, so the originals are never changed; an unreadable one is skipped with
// the reason.
Rollup LoadRollup(const std::vector<std::string>& inputs, const std::string& workDir);

std::string RenderRollup(const Rollup& r, const Catalog& catalog, const Manual& manual, const std::string& today,
                         const std::string& templatePath);

}  // namespace stegvis
