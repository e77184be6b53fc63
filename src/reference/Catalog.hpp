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
    // Only in a project's own copy of the catalog: the edition that no longer lists this row. The
    // row stays in the project because the project holds data on it; empty for a current row.
    std::string withdrawnIn;
    bool operator==(const Recommendation& o) const;
    bool operator!=(const Recommendation& o) const { return !(*this == o); }
};

struct Catalog {
    std::string path;
    std::string edition;  // the edition all rows share
    std::vector<Recommendation> recommendations;
    // A project's catalog only: rows a newer edition withdrew that the project still holds data on.
    // Screens list `recommendations`; these are named where the project's data on them is shown.
    std::vector<Recommendation> withdrawn;

    // A current row, else a withdrawn one; null when neither.
    const Recommendation* Find(const std::string& id) const;
    std::vector<std::string> Areas() const;  // in first-seen order
};

// What one catalog row may hold, in bytes: the loader refuses more, and a project file's checks
// (store/Verify) hold its own copy of the rows to the same, so a catalog that loads can always
// become a project's.
constexpr size_t kCatalogIdMax = 32;
constexpr size_t kCatalogEditionMax = 64;
constexpr size_t kCatalogTextMax = 2000;    // condition, intervention
constexpr size_t kCatalogNoteMax = 20000;   // source, level_note
bool IsCatalogIdChar(char c);  // A-Z a-z 0-9 - _ .

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

// One row as a line of the catalog file (the ten columns, tab-separated), with withdrawn_in as an
// eleventh field when set: how the history records a row of a project's catalog.
std::string RecommendationToTsv(const Recommendation& r);
// The inverse, for lines RecommendationToTsv wrote; nullopt for anything else.
std::optional<Recommendation> RecommendationFromTsv(const std::string& line);

// What differs between two catalogs, row by row, in the newer catalog's order (withdrawn rows last).
enum class CatalogChangeKind { New, Changed, Withdrawn };
struct CatalogChange {
    CatalogChangeKind kind = CatalogChangeKind::New;
    std::string id;
    const Recommendation* before = nullptr;  // in `from`; null for a new row
    const Recommendation* after = nullptr;   // in `to`; null for a withdrawn row
    // Changed: the fields whose wording or priority differs ("condition", "intervention",
    // "priority", "level", "area", "target_group"). Empty when only the edition, the source or
    // the level note differ: no change to what the guideline says, not listed for a reader.
    std::vector<std::string> fields;
};
// A field CatalogChange::fields names, as the row holds it ("4", "bör", the condition's text).
std::string CatalogFieldValue(const Recommendation& r, const std::string& field);
// `from` is the project's catalog (its withdrawn rows are left out of the comparison: they are
// withdrawn already), `to` the newer one.
std::vector<CatalogChange> CompareCatalogs(const Catalog& from, const Catalog& to);
// True when moving from `from` to `to` would change a stored row (any field, the edition too).
bool CatalogsDiffer(const Catalog& from, const Catalog& to);

// Loads and validates the TSV catalog. Throws DataError naming file, line, entry and field.
Catalog LoadCatalog(const std::string& path);
Catalog ParseCatalog(const std::string& text, const std::string& pathForErrors);

}  // namespace stegvis
