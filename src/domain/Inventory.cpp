#include "domain/Inventory.hpp"

#include <algorithm>

#include "base/Text.hpp"

namespace stegvis {

bool IsAssessed(const InventoryRow& row) {
    if (row.offered.empty()) return false;
    if (row.offered == "ej_aktuellt") return !Trim(row.comment).empty();
    return !row.gap.empty();
}

Progress InventoryProgress(const ProjectModel& model, const Catalog& catalog) {
    Progress p;
    p.total = static_cast<int>(catalog.recommendations.size());
    for (const auto& r : catalog.recommendations)
        if (const InventoryRow* row = model.Inventory(r.id); row && IsAssessed(*row)) ++p.done;
    return p;
}

int DiscussedCount(const ProjectModel& model, const Catalog& catalog) {
    int n = 0;
    for (const auto& r : catalog.recommendations) {
        auto it = model.discussions.find(r.id);
        if (it != model.discussions.end() && !it->second.discussedOn.empty()) ++n;
    }
    return n;
}

std::string InvFieldDisplay(const InventoryRow& row, InvField f, bool english) {
    switch (f) {
        case InvField::Offered: return OptionLabel(OfferedOptions(), row.offered, english);
        case InvField::Provider: return ChoicesLabel(ProviderOptions(), row.provider, english);
        case InvField::Volume: return row.volume ? std::to_string(*row.volume) : "";
        case InvField::StaffTrained: return row.staffTrained ? std::to_string(*row.staffTrained) : "";
        case InvField::Reached: return row.reached ? std::to_string(*row.reached) : "";
        case InvField::Gap: return OptionLabel(GapOptions(), row.gap, english);
        case InvField::Comment: return row.comment;
    }
    return "";
}

std::vector<InventoryChange> DiffInventory(const std::map<std::string, InventoryRow>& before,
                                           const std::map<std::string, InventoryRow>& after, const Catalog& catalog) {
    std::vector<InventoryChange> out;
    static const InventoryRow kEmpty;
    for (const auto& r : catalog.recommendations) {
        auto b = before.find(r.id);
        auto a = after.find(r.id);
        const InventoryRow& rb = b == before.end() ? kEmpty : b->second;
        const InventoryRow& ra = a == after.end() ? kEmpty : a->second;
        if (rb == ra) continue;
        for (InvField f : {InvField::Offered, InvField::Provider, InvField::Volume, InvField::Reached,
                           InvField::StaffTrained, InvField::Gap, InvField::Comment}) {
            std::string x = InvFieldDisplay(rb, f), y = InvFieldDisplay(ra, f);
            if (x != y) out.push_back({r.id, f, x, y});
        }
    }
    return out;
}

ScoreTerms Score(const Recommendation& rec, const InventoryRow* row, const PriorityEntry* entry) {
    ScoreTerms t;
    switch (rec.level) {
        case Level::Bor: t.guideline = 3; break;
        case Level::Kan: t.guideline = 2; break;
        case Level::KanUndantag: t.guideline = 1; break;
        case Level::FoU:
        case Level::IckeGora: t.guideline = 0; break;
    }
    if (row) {
        t.gap = row->gap == "stor" ? 3 : row->gap == "liten" ? 1 : 0;
        if (row->volume) t.volume = *row->volume >= 50 ? 3 : *row->volume >= 10 ? 2 : *row->volume >= 1 ? 1 : 0;
    }
    if (entry && entry->feasibility) t.feasibility = std::clamp(*entry->feasibility, 0, 3);
    return t;
}

bool HasManualOrder(const ProjectModel& model) {
    for (const auto& [id, e] : model.priorities)
        if (e.position) return true;
    return false;
}

std::vector<const Recommendation*> PriorityCandidates(const ProjectModel& model, const Catalog& catalog) {
    struct Row {
        const Recommendation* rec;
        int position;
        int score;
    };
    std::vector<Row> rows;
    for (const auto& r : catalog.recommendations) {
        const InventoryRow* inv = model.Inventory(r.id);
        if (!inv || (inv->gap != "liten" && inv->gap != "stor") || inv->offered == "ej_aktuellt") continue;
        auto pe = model.priorities.find(r.id);
        const PriorityEntry* entry = pe == model.priorities.end() ? nullptr : &pe->second;
        int pos = entry && entry->position ? *entry->position : 1 << 30;
        rows.push_back({&r, pos, Score(r, inv, entry).Total()});
    }
    std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
        if (a.position != b.position) return a.position < b.position;
        if (a.score != b.score) return a.score > b.score;
        int pa = PrioritySortKey(*a.rec), pb = PrioritySortKey(*b.rec);
        if (pa != pb) return pa < pb;
        return a.rec->id < b.rec->id;
    });
    std::vector<const Recommendation*> out;
    for (const auto& r : rows) out.push_back(r.rec);
    return out;
}

std::vector<AreaSummary> SummariseAreas(const ProjectModel& model, const Catalog& catalog) {
    std::vector<AreaSummary> out;
    for (const Recommendation* r : PriorityCandidates(model, catalog)) {
        auto it = std::find_if(out.begin(), out.end(), [&](const AreaSummary& a) { return a.area == r->area; });
        if (it == out.end()) {
            out.push_back(AreaSummary{r->area});
            it = out.end() - 1;
        }
        const InventoryRow* inv = model.Inventory(r->id);
        auto pe = model.priorities.find(r->id);
        ++it->candidates;
        if (r->level == Level::Bor && inv->gap == "stor") ++it->borLargeGap;
        it->scoreSum += Score(*r, inv, pe == model.priorities.end() ? nullptr : &pe->second).Total();
        it->volume += inv->volume.value_or(0);
    }
    std::stable_sort(out.begin(), out.end(), [](const AreaSummary& a, const AreaSummary& b) {
        if (a.borLargeGap != b.borLargeGap) return a.borLargeGap > b.borLargeGap;
        return a.scoreSum > b.scoreSum;
    });
    return out;
}

int HexagonTotal(const std::map<std::string, int>& ratings) {
    int total = 0;
    for (const auto& f : HexagonFactors()) {
        auto it = ratings.find(f.key);
        if (it == ratings.end()) return 0;
        total += it->second;
    }
    return total;
}

ResponseGrid ToGrid(const ReadinessRound& round, const Instrument& instrument) {
    ResponseGrid grid(static_cast<size_t>(std::max(round.respondents, 0)),
                      std::vector<std::optional<int>>(instrument.items.size()));
    for (const auto& [key, value] : round.answers) {
        int idx = instrument.ItemIndex(key.second);
        if (key.first >= 1 && key.first <= round.respondents && idx >= 0)
            grid[static_cast<size_t>(key.first - 1)][static_cast<size_t>(idx)] = value;
    }
    return grid;
}

}  // namespace stegvis
