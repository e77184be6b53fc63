// A realistic demo project, built through the same actions a user's edits go through.
#pragma once
#include <string>

#include "core/Catalog.hpp"
#include "core/Phases.hpp"

namespace stegvis {

class Store;

struct DemoOptions {
    std::string organisation = "Exempelkommun";
    std::string anchorDate;  // "today" for the demo's dates; empty = the real today
};

// Creates `path` (must not exist) and fills it. Different organisation names give different
// (but deterministic) progress, so several demos rolled up do not look identical.
void CreateDemo(const std::string& path, const DemoOptions& opt, const Manual& manual, const Catalog& catalog);

}  // namespace stegvis
