// The project in domain terms for other programs (a county's statistics, a spreadsheet user's
// script): steps, needs inventory, priorities, readiness, team, initiatives, measures with their
// run-chart analysis, and decisions, with option keys beside their Swedish labels. The document
// is described field by field in docs/project-export.schema.json. It is an export, not a backup:
// `stegvis import` reads the backup (report --format json without a template), never this.
#pragma once
#include <string>
#include <vector>

#include "reference/Catalog.hpp"
#include "reference/Instruments.hpp"
#include "domain/Model.hpp"
#include "reference/Phases.hpp"

namespace stegvis {

// Raised when a field is added, renamed or changes its type, together with the schema.
// Version 2: an inventory row's provider is a list (responsibility can be shared).
constexpr int kProjectJsonVersion = 2;

// `today` is the date written into the document; it also decides which activities are overdue
// and leaves measure points of periods not yet begun out of the run-chart analysis.
std::string ProjectJson(const ProjectModel& model, const Catalog& catalog, const Manual& manual,
                        const std::vector<Instrument>& instruments, const std::string& today);

}  // namespace stegvis
