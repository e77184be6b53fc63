// Phase 1 domain logic on plain values: the needs-inventory vocabulary, what counts as
// assessed, the difference from a baseline, the prioritisation score, and the status the data
// suggests for steps 1-5. No storage, no GUI.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "reference/Catalog.hpp"
#include "domain/Model.hpp"
#include "domain/Readiness.hpp"

namespace stegvis {

// A row counts as assessed when "offered" is answered and either a gap is given, or it is
// marked not relevant with a reason.
bool IsAssessed(const InventoryRow& row);
struct Progress {
    int done = 0;
    int total = 0;
};
Progress InventoryProgress(const ProjectModel& model, const Catalog& catalog);
int DiscussedCount(const ProjectModel& model, const Catalog& catalog);

// One changed field between a baseline and now.
struct InventoryChange {
    std::string recId;
    InvField field;
    std::string before;  // display text (Swedish labels, numbers), "" = empty
    std::string after;
};
std::vector<InventoryChange> DiffInventory(const std::map<std::string, InventoryRow>& before,
                                           const std::map<std::string, InventoryRow>& after, const Catalog& catalog);
std::string InvFieldDisplay(const InventoryRow& row, InvField f, bool english = false);

// ---- prioritisation (step 3) ----
// Score = guideline + gap + volume + feasibility, each 0-3, so 0-12. Every term is shown.
struct ScoreTerms {
    int guideline = 0;    // bör 3, kan 2, kan i undantagsfall 1, FoU / icke-göra 0
    int gap = 0;          // stort 3, litet 1, inget 0
    int volume = 0;       // people/year: 50+ 3, 10-49 2, 1-9 1, none or unknown 0
    int feasibility = 0;  // the team's judgement: hög 3, medel 2, låg 1, not judged 0
    int Total() const { return guideline + gap + volume + feasibility; }
};
ScoreTerms Score(const Recommendation& rec, const InventoryRow* row, const PriorityEntry* entry);

// Candidates are recommendations with a gap (litet or stort). Ordered by the group's own
// positions where set (unpositioned ones after them), otherwise by score, then guideline
// priority, then id.
std::vector<const Recommendation*> PriorityCandidates(const ProjectModel& model, const Catalog& catalog);
bool HasManualOrder(const ProjectModel& model);

struct AreaSummary {
    std::string area;
    int candidates = 0;    // recommendations with a gap
    int borLargeGap = 0;   // "bör" recommendations with a large gap
    int scoreSum = 0;
    int volume = 0;        // people/year over the candidates
};
// Areas with at least one candidate, most urgent first (bör with large gap, then score).
std::vector<AreaSummary> SummariseAreas(const ProjectModel& model, const Catalog& catalog);

// The Hexagon tool (NIRN 2013): six factors rated 1-5, total 6-30, no weights or cut-offs.
int HexagonTotal(const std::map<std::string, int>& ratings);  // 0 when not all six are rated

// A round's answers as the grid the statistics take (respondent x instrument item).
ResponseGrid ToGrid(const ReadinessRound& round, const Instrument& instrument);


}  // namespace stegvis
