// Excel workbooks: the project with one sheet per part, and the county roll-up.
#pragma once
#include <string>
#include <vector>

#include "reference/Catalog.hpp"
#include "reference/Instruments.hpp"
#include "base/Files.hpp"
#include "domain/Model.hpp"
#include "reference/Phases.hpp"
#include "output/Rollup.hpp"

namespace stegvis {

// Sheets: Steg, Beslut, Behovsinventering, Prioriteringar, Beredskap, Plan, Mått. Headers bold
// and frozen, sensible widths, dates as dates. Written whole or not at all. Returns how many cells
// held more text than Excel allows (32,767 characters) and were cut, with a visible marker.
int WriteProjectXlsx(const std::string& path, const ProjectModel& model, const Catalog& catalog, const Manual& manual,
                     const std::vector<Instrument>& instruments, const std::string& today,
                     IfExists ifExists = IfExists::Replace);
// Sheets: Enheter, Erbjudande, Införanden, and Ej inlästa when an input was skipped.
int WriteRollupXlsx(const std::string& path, const Rollup& rollup, const Catalog& catalog, const Manual& manual,
                    IfExists ifExists = IfExists::Replace);

}  // namespace stegvis
