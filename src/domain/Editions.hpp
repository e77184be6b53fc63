// Editions of the catalog: a project keeps its own copy of the catalog rows it was made with
// (ProjectModel::catalogRows) and works from that copy. A newer catalog (a new edition of the
// guidelines, or a row corrected in the one Stegvis ships) is compared with it row by row, and the
// manager moves the project over when ready (the MoveToCatalog action). Nothing the project
// holds is lost on the way: rows keep their ids, and a withdrawn row stays in the project's copy,
// marked, as long as the project holds data on it.
#pragma once
#include <string>
#include <vector>

#include "domain/Model.hpp"
#include "reference/Catalog.hpp"

namespace stegvis {

// The catalog a project's screens and documents use: its own rows, withdrawn ones apart; or
// `shipped` when the project has no rows of its own.
Catalog ProjectCatalog(const ProjectModel& m, const Catalog& shipped);

// True when the project holds anything on the recommendation: a discussion, an inventory answer,
// a priority entry, a Hexagon rating, a decision naming it, an initiative for it, or a frozen
// inventory baseline's row.
bool ProjectHoldsDataOn(const ProjectModel& m, const std::string& recId);

// What moving the project from its catalog to `newer` would bring, for a reader.
struct CatalogReview {
    bool differs = false;  // a move would change a stored row (CatalogsDiffer)
    std::string fromEdition, toEdition;
    std::vector<CatalogChange> changes;  // pointers into the two catalogs given
    int added = 0, changed = 0, withdrawn = 0;
    // Of the changed and withdrawn rows, those the project holds data on: the ones to check.
    int withData = 0;
};
CatalogReview ReviewCatalog(const ProjectModel& m, const Catalog& current, const Catalog& newer);

// The rows of the project's catalog after a move to `newer`: `newer`'s rows in its order, then
// the rows of `current` (the project's rows, current or withdrawn before) that `newer` no longer
// lists and the project holds data on, marked withdrawn in `newer`'s edition (or the edition
// that withdrew them first). Rows without data are left out.
std::vector<Recommendation> CatalogRowsAfterMove(const ProjectModel& m, const std::vector<Recommendation>& current,
                                                 const Catalog& newer);

}  // namespace stegvis
