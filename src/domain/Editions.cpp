#include "domain/Editions.hpp"

namespace stegvis {

Catalog ProjectCatalog(const ProjectModel& m, const Catalog& shipped) {
    if (m.catalogRows.empty()) return shipped;
    Catalog c;
    c.path = shipped.path;
    c.edition = m.project.catalogEdition;
    for (const Recommendation& r : m.catalogRows) {
        if (r.withdrawnIn.empty()) c.recommendations.push_back(r);
        else c.withdrawn.push_back(r);
    }
    if (c.edition.empty() && !c.recommendations.empty()) c.edition = c.recommendations.front().edition;
    return c;
}

bool ProjectHoldsDataOn(const ProjectModel& m, const std::string& id) {
    if (m.discussions.count(id) || m.inventory.count(id) || m.priorities.count(id) || m.hexagon.count(id)) return true;
    for (const Decision& d : m.decisions)
        for (const std::string& r : d.recommendations)
            if (r == id) return true;
    for (const InventoryBaseline& b : m.baselines)
        if (b.rows.count(id)) return true;
    auto it = m.records.find("initiative");
    if (it != m.records.end())
        for (const Record& r : it->second)
            if (r.Get("rec_id") == id) return true;
    return false;
}

CatalogReview ReviewCatalog(const ProjectModel& m, const Catalog& current, const Catalog& newer) {
    CatalogReview out;
    out.fromEdition = current.edition;
    out.toEdition = newer.edition;
    out.differs = CatalogsDiffer(current, newer);
    out.changes = CompareCatalogs(current, newer);
    for (const CatalogChange& c : out.changes) {
        switch (c.kind) {
            case CatalogChangeKind::New: ++out.added; break;
            case CatalogChangeKind::Changed: ++out.changed; break;
            case CatalogChangeKind::Withdrawn: ++out.withdrawn; break;
        }
        if (c.kind != CatalogChangeKind::New && ProjectHoldsDataOn(m, c.id)) ++out.withData;
    }
    return out;
}

std::vector<Recommendation> CatalogRowsAfterMove(const ProjectModel& m, const std::vector<Recommendation>& current,
                                                 const Catalog& newer) {
    std::vector<Recommendation> out;
    for (const Recommendation& r : newer.recommendations) {
        out.push_back(r);
        out.back().withdrawnIn.clear();
    }
    auto listed = [&](const std::string& id) {
        for (const Recommendation& r : newer.recommendations)
            if (r.id == id) return true;
        return false;
    };
    for (const Recommendation& r : current) {
        if (listed(r.id) || !ProjectHoldsDataOn(m, r.id)) continue;
        out.push_back(r);
        if (out.back().withdrawnIn.empty()) out.back().withdrawnIn = newer.edition;
    }
    return out;
}

}  // namespace stegvis
