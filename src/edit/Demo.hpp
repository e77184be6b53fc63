// A realistic demo project, built through the same actions a user's edits go through.
#pragma once
#include <string>

#include "reference/Catalog.hpp"
#include "reference/Instruments.hpp"
#include "reference/Phases.hpp"

namespace stegvis {

class Store;

struct DemoOptions {
    std::string organisation = "Exempelkommun";
    std::string anchorDate;  // "today" for the demo's dates; empty = the real today
    // "county": the size a county-scale unit has, as the benchmark uses it: three initiatives,
    // each with five monthly measures of 120 points. "national": county plus ten years of weekly
    // data (520 points) on one chart, the largest project the benchmark draws.
    std::string scale = "unit";
};

// Creates `path` (must not exist) and fills it. Different organisation names give different
// (but deterministic) progress, so several demos rolled up do not look identical.
// Built in a temporary file and renamed into place: a failure never leaves half a demo.
void CreateDemo(const std::string& path, const DemoOptions& opt, const Manual& manual, const Catalog& catalog,
                const std::vector<Instrument>& instruments);

}  // namespace stegvis
