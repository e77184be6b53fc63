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
// Sort key: lower is more urgent (bör before kan, numbered before level-only).
int PrioritySortKey(const Recommendation& r);

// Loads and validates the TSV catalog. Throws DataError naming file, line, entry and field.
Catalog LoadCatalog(const std::string& path);
Catalog ParseCatalog(const std::string& text, const std::string& pathForErrors);

}  // namespace stegvis
