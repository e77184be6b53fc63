// The recommendation catalog: the guidelines' central recommendations as data (data/catalog.tsv).
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace stegvis {

enum class PriorityKind { Number, FoU, IckeGora, None };
enum class Level { Bor, Kan, KanUndantag, FoU, IckeGora };

struct Priority {
    PriorityKind kind = PriorityKind::None;
    int number = 0;  // 1..10 when kind == Number
    std::string ToString() const;  // "1".."10", "FoU", "icke-göra", ""
};

struct Recommendation {
    std::string id;
    std::string edition;
    std::string area;
    std::string targetGroup;
    std::string condition;
    std::string intervention;
    Priority priority;
    Level level = Level::Kan;
    std::string source;
    // Why the level is not the one the priority's band gives (bör 1–3, kan 4–7, kan i
    // undantagsfall 8–10): the seed's own words state it. Empty when the level follows the number.
    std::string levelNote;
};

struct Catalog {
    std::string path;
    std::string edition;  // the edition all rows share
    std::vector<Recommendation> recommendations;

    const Recommendation* Find(const std::string& id) const;
    std::vector<std::string> Areas() const;  // in first-seen order
};

// The guideline areas (delområden) and target groups a row may name.
const std::vector<std::string>& KnownAreas();
const std::vector<std::string>& KnownTargetGroups();

const char* LevelText(Level level);  // Swedish: "bör", "kan", ...
std::optional<Level> ParseLevel(const std::string& s);
std::optional<Priority> ParsePriority(const std::string& s);
// The level a numbered priority implies (1–3 bör, 4–7 kan, 8–10 kan i undantagsfall).
Level LevelForPriority(const Priority& p);
// True for a row whose stated level deliberately differs from its priority's band.
bool LevelDiffersFromPriority(const Recommendation& r);
// "bör, prio 4", "kan" (level only), "FoU", "icke-göra": the stated level, with the number beside it.
std::string LevelWithPriority(const Recommendation& r);
// "Bensodiazepiner — Alkoholabstinens utan risk för …": several rows share an intervention's
// name (LB-01/LB-04, PB-14/PB-15), so a list that shows one name alone is ambiguous.
std::string InterventionWithCondition(const Recommendation& r);
// Sort key: lower is more urgent (bör before kan, numbered before level-only).
int PrioritySortKey(const Recommendation& r);

// Loads and validates the TSV catalog. Throws DataError naming file, line, entry and field.
Catalog LoadCatalog(const std::string& path);
Catalog ParseCatalog(const std::string& text, const std::string& pathForErrors);

}  // namespace stegvis
