#include "reference/Catalog.hpp"

#include <algorithm>
#include <set>

#include "base/Files.hpp"
#include "base/Text.hpp"

namespace stegvis {

namespace {
const char* const kHeader[] = {"id",           "edition",  "area",  "target_group", "condition",
                               "intervention", "priority", "level", "source",       "level_note"};
constexpr size_t kColumns = sizeof(kHeader) / sizeof(kHeader[0]);
// level_note is optional: a file without the column (written before it existed) still loads, and
// a row may leave the trailing empty field off.
constexpr size_t kRequiredColumns = kColumns - 1;

}  // namespace

bool IsCatalogIdChar(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.';
}

const std::vector<std::string>& KnownAreas() {
    static const std::vector<std::string> k = {
        "Bedömningsinstrument",      "Medicinska test",    "Läkemedelsbehandling",
        "Psykologisk och psykosocial behandling", "Psykosociala stödinsatser",
        "Stöd till anhöriga",        "Samsjuklighet",      "Ungdomar"};
    return k;
}

const std::vector<std::string>& KnownTargetGroups() {
    static const std::vector<std::string> k = {"vuxna", "ungdomar", "anhöriga"};
    return k;
}

std::string Priority::ToString() const {
    switch (kind) {
        case PriorityKind::Number: return std::to_string(number);
        case PriorityKind::FoU: return "FoU";
        case PriorityKind::IckeGora: return "icke-göra";
        case PriorityKind::None: return "";
    }
    return "";
}

const char* LevelText(Level level) {
    switch (level) {
        case Level::Bor: return "bör";
        case Level::Kan: return "kan";
        case Level::KanUndantag: return "kan i undantagsfall";
        case Level::FoU: return "FoU";
        case Level::IckeGora: return "icke-göra";
    }
    return "";
}

std::optional<Level> ParseLevel(const std::string& s) {
    for (Level l : {Level::Bor, Level::Kan, Level::KanUndantag, Level::FoU, Level::IckeGora})
        if (s == LevelText(l)) return l;
    return std::nullopt;
}

std::optional<Priority> ParsePriority(const std::string& s) {
    Priority p;
    if (s.empty()) return p;
    if (s == "FoU") { p.kind = PriorityKind::FoU; return p; }
    if (s == "icke-göra") { p.kind = PriorityKind::IckeGora; return p; }
    if (s.size() > 2 || !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return std::nullopt;
    int n = std::stoi(s);
    if (n < 1 || n > 10 || std::to_string(n) != s) return std::nullopt;
    p.kind = PriorityKind::Number;
    p.number = n;
    return p;
}

Level LevelForPriority(const Priority& p) {
    switch (p.kind) {
        case PriorityKind::FoU: return Level::FoU;
        case PriorityKind::IckeGora: return Level::IckeGora;
        case PriorityKind::Number: return p.number <= 3 ? Level::Bor : p.number <= 7 ? Level::Kan : Level::KanUndantag;
        case PriorityKind::None: break;
    }
    return Level::Kan;
}

bool LevelDiffersFromPriority(const Recommendation& r) {
    return r.priority.kind == PriorityKind::Number && LevelForPriority(r.priority) != r.level;
}

std::string LevelWithPriority(const Recommendation& r) {
    if (r.priority.kind != PriorityKind::Number) return LevelText(r.level);
    return std::string(LevelText(r.level)) + ", prio " + r.priority.ToString();
}

std::string InterventionWithCondition(const Recommendation& r) {
    return r.intervention + " — " + r.condition;
}

int PrioritySortKey(const Recommendation& r) {
    switch (r.priority.kind) {
        case PriorityKind::Number: return r.priority.number * 10;
        // Level-only rows sort at the end of their level's band.
        case PriorityKind::None: return r.level == Level::Bor ? 35 : r.level == Level::Kan ? 75 : 105;
        case PriorityKind::FoU: return 200;
        case PriorityKind::IckeGora: return 300;
    }
    return 400;
}

const Recommendation* Catalog::Find(const std::string& id) const {
    for (const auto& r : recommendations)
        if (r.id == id) return &r;
    for (const auto& r : withdrawn)
        if (r.id == id) return &r;
    return nullptr;
}

bool Recommendation::operator==(const Recommendation& o) const {
    return id == o.id && edition == o.edition && area == o.area && targetGroup == o.targetGroup &&
           condition == o.condition && intervention == o.intervention && priority.kind == o.priority.kind &&
           priority.number == o.priority.number && level == o.level && source == o.source &&
           levelNote == o.levelNote && withdrawnIn == o.withdrawnIn;
}

std::string RecommendationToTsv(const Recommendation& r) {
    // Tabs and line breaks cannot occur in a loaded catalog's fields (they split them); a row
    // from elsewhere has them turned into spaces so the line still splits into its fields.
    auto clean = [](std::string s) {
        for (char& c : s)
            if (c == '\t' || c == '\n' || c == '\r') c = ' ';
        return s;
    };
    std::string out = clean(r.id);
    for (const std::string* f : {&r.edition, &r.area, &r.targetGroup, &r.condition, &r.intervention}) out += "\t" + clean(*f);
    out += "\t" + r.priority.ToString() + "\t" + LevelText(r.level) + "\t" + clean(r.source) + "\t" + clean(r.levelNote);
    if (!r.withdrawnIn.empty()) out += "\t" + clean(r.withdrawnIn);
    return out;
}

std::optional<Recommendation> RecommendationFromTsv(const std::string& line) {
    std::vector<std::string> f = Split(line, '\t');
    if (f.size() != kColumns && f.size() != kColumns + 1) return std::nullopt;
    Recommendation r;
    r.id = f[0];
    r.edition = f[1];
    r.area = f[2];
    r.targetGroup = f[3];
    r.condition = f[4];
    r.intervention = f[5];
    auto prio = ParsePriority(f[6]);
    auto level = ParseLevel(f[7]);
    if (r.id.empty() || !prio || !level) return std::nullopt;
    r.priority = *prio;
    r.level = *level;
    r.source = f[8];
    r.levelNote = f[9];
    if (f.size() > kColumns) r.withdrawnIn = f[10];
    return r;
}

std::string CatalogFieldValue(const Recommendation& r, const std::string& f) {
    if (f == "area") return r.area;
    if (f == "target_group") return r.targetGroup;
    if (f == "condition") return r.condition;
    if (f == "intervention") return r.intervention;
    if (f == "priority") return r.priority.ToString();
    if (f == "level") return LevelText(r.level);
    return "";
}

std::vector<CatalogChange> CompareCatalogs(const Catalog& from, const Catalog& to) {
    std::vector<CatalogChange> out;
    auto findIn = [](const std::vector<Recommendation>& rows, const std::string& id) -> const Recommendation* {
        for (const auto& r : rows)
            if (r.id == id) return &r;
        return nullptr;
    };
    for (const Recommendation& after : to.recommendations) {
        const Recommendation* before = findIn(from.recommendations, after.id);
        CatalogChange c;
        c.id = after.id;
        c.after = &after;
        c.before = before;
        if (!before) {
            c.kind = CatalogChangeKind::New;
            out.push_back(std::move(c));
            continue;
        }
        c.kind = CatalogChangeKind::Changed;
        if (before->area != after.area) c.fields.push_back("area");
        if (before->targetGroup != after.targetGroup) c.fields.push_back("target_group");
        if (before->condition != after.condition) c.fields.push_back("condition");
        if (before->intervention != after.intervention) c.fields.push_back("intervention");
        if (before->priority.kind != after.priority.kind || before->priority.number != after.priority.number)
            c.fields.push_back("priority");
        if (before->level != after.level) c.fields.push_back("level");
        if (!c.fields.empty()) out.push_back(std::move(c));
    }
    for (const Recommendation& before : from.recommendations) {
        if (findIn(to.recommendations, before.id)) continue;
        CatalogChange c;
        c.kind = CatalogChangeKind::Withdrawn;
        c.id = before.id;
        c.before = &before;
        out.push_back(std::move(c));
    }
    return out;
}

bool CatalogsDiffer(const Catalog& from, const Catalog& to) {
    if (from.edition != to.edition || from.recommendations.size() != to.recommendations.size()) return true;
    for (size_t i = 0; i < from.recommendations.size(); ++i)
        if (from.recommendations[i] != to.recommendations[i]) return true;
    return false;
}

std::vector<std::string> Catalog::Areas() const {
    std::vector<std::string> out;
    for (const auto& r : recommendations)
        if (std::find(out.begin(), out.end(), r.area) == out.end()) out.push_back(r.area);
    return out;
}

Catalog ParseCatalog(const std::string& text, const std::string& file) {
    if (!IsValidUtf8(text)) throw DataError(file, 0, "", "", "the file is not valid UTF-8");
    Catalog cat;
    cat.path = file;
    std::set<std::string> ids;
    bool headerSeen = false;
    size_t columns = kRequiredColumns;  // as the header gives them
    int lineNo = 0;
    for (std::string line : Split(text, '\n')) {
        ++lineNo;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (Trim(line).empty() || line[0] == '#') continue;
        std::vector<std::string> f = Split(line, '\t');
        if (!headerSeen) {
            bool ok = f.size() == kRequiredColumns || f.size() == kColumns;
            for (size_t i = 0; ok && i < f.size(); ++i) ok = Trim(f[i]) == kHeader[i];
            if (!ok)
                throw DataError(file, lineNo, "header", "",
                                "expected the columns id, edition, area, target_group, condition, "
                                "intervention, priority, level, source (and optionally level_note) "
                                "separated by tabs");
            columns = f.size();
            headerSeen = true;
            continue;
        }
        std::string entry = f.empty() || Trim(f[0]).empty() ? "row " + std::to_string(lineNo) : "entry " + Trim(f[0]);
        if (f.size() < kRequiredColumns || f.size() > columns)
            throw DataError(file, lineNo, entry, "",
                            "has " + std::to_string(f.size()) + " tab-separated fields, expected " +
                                (columns == kRequiredColumns ? std::to_string(columns)
                                                             : std::to_string(kRequiredColumns) + " or " +
                                                                   std::to_string(columns)));
        f.resize(kColumns);
        for (auto& x : f) x = Trim(x);
        static const size_t kMax[kColumns] = {kCatalogIdMax,   kCatalogEditionMax, kCatalogTextMax, kCatalogTextMax,
                                              kCatalogTextMax, kCatalogTextMax,    kCatalogTextMax, kCatalogTextMax,
                                              kCatalogNoteMax, kCatalogNoteMax};
        for (size_t col = 0; col < kColumns; ++col)
            if (f[col].size() > kMax[col])
                throw DataError(file, lineNo, entry, kHeader[col],
                                "is " + std::to_string(f[col].size()) + " bytes long; at most " +
                                    std::to_string(kMax[col]) + " are allowed");
        auto need = [&](size_t col) {
            if (f[col].empty()) throw DataError(file, lineNo, entry, kHeader[col], "must not be empty");
        };
        Recommendation r;
        need(0);
        r.id = f[0];
        if (!std::all_of(r.id.begin(), r.id.end(), IsCatalogIdChar))
            throw DataError(file, lineNo, entry, "id", "may hold only letters A-Z, digits, '-', '_' and '.'");
        if (!ids.insert(r.id).second)
            throw DataError(file, lineNo, entry, "id", "is used by an earlier row");
        need(1);
        r.edition = f[1];
        if (cat.edition.empty()) cat.edition = r.edition;
        // A catalog is one edition of the guidelines: a project moves from one whole edition to
        // another, so a file mixing them is refused.
        else if (r.edition != cat.edition)
            throw DataError(file, lineNo, entry, "edition",
                            "is '" + r.edition + "', but the file's first row is edition '" + cat.edition +
                                "'; a catalog file holds one edition");
        need(2);
        r.area = f[2];
        const auto& areas = KnownAreas();
        if (std::find(areas.begin(), areas.end(), r.area) == areas.end())
            throw DataError(file, lineNo, entry, "area", "'" + r.area + "' is not a guideline area");
        need(3);
        r.targetGroup = f[3];
        const auto& groups = KnownTargetGroups();
        if (std::find(groups.begin(), groups.end(), r.targetGroup) == groups.end())
            throw DataError(file, lineNo, entry, "target_group",
                            "'" + r.targetGroup + "' is not one of vuxna, ungdomar, anhöriga");
        need(4);
        r.condition = f[4];
        need(5);
        r.intervention = f[5];
        auto prio = ParsePriority(f[6]);
        if (!prio)
            throw DataError(file, lineNo, entry, "priority",
                            "'" + f[6] + "' is not 1-10, FoU, icke-göra or empty");
        r.priority = *prio;
        need(7);
        auto level = ParseLevel(f[7]);
        if (!level)
            throw DataError(file, lineNo, entry, "level",
                            "'" + f[7] + "' is not bör, kan, kan i undantagsfall, FoU or icke-göra");
        r.level = *level;
        r.levelNote = f[9];
        // A seed can state a level in words that differs from its number's band (seed 002 writes
        // "bör erbjudas … (prio 4)"). The row records both, but only when it says why in level_note,
        // so a typo in either field is still caught.
        const bool numbered = r.priority.kind == PriorityKind::Number;
        const bool differs = r.priority.kind != PriorityKind::None && LevelForPriority(r.priority) != r.level;
        const bool wordLevel = r.level == Level::Bor || r.level == Level::Kan || r.level == Level::KanUndantag;
        if (differs && (!numbered || !wordLevel || r.levelNote.empty()))
            throw DataError(file, lineNo, entry, "level",
                            std::string("priority ") + r.priority.ToString() + " means '" +
                                LevelText(LevelForPriority(r.priority)) + "', not '" + f[7] + "'" +
                                (numbered && wordLevel
                                     ? "; a level that differs on purpose needs the reason in level_note"
                                     : ""));
        if (!differs && !r.levelNote.empty())
            throw DataError(file, lineNo, entry, "level_note",
                            "explains a level that differs from the priority, but '" + f[7] + "' " +
                                (numbered ? "is what priority " + r.priority.ToString() + " means"
                                          : "has no numbered priority to differ from"));
        if (r.priority.kind == PriorityKind::None && r.level != Level::Bor && r.level != Level::Kan &&
            r.level != Level::KanUndantag)
            throw DataError(file, lineNo, entry, "level", "FoU and icke-göra must also be given as the priority");
        need(8);
        r.source = f[8];
        cat.recommendations.push_back(std::move(r));
    }
    if (!headerSeen) throw DataError(file, 0, "", "", "no header line found (is the file empty?)");
    if (cat.recommendations.empty()) throw DataError(file, 0, "", "", "holds no recommendations");
    return cat;
}

Catalog LoadCatalog(const std::string& path) {
    std::string text;
    text = ReadFile(path);  // a regular file within its size limit, or an error naming it and why
    return ParseCatalog(text, path);
}

}  // namespace stegvis
