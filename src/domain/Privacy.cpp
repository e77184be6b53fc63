#include "domain/Privacy.hpp"

#include <cctype>
#include <map>

#include "domain/Records.hpp"

namespace stegvis {

namespace {

bool Digit(char c) { return c >= '0' && c <= '9'; }
int Num(std::string_view s, size_t pos, size_t len) {
    int v = 0;
    for (size_t i = 0; i < len; ++i) v = v * 10 + (s[pos + i] - '0');
    return v;
}

// Luhn over the ten digits YYMMDDNNNN: every other digit from the first doubled.
bool LuhnOk(const std::string& ten) {
    int sum = 0;
    for (size_t i = 0; i < ten.size(); ++i) {
        int d = ten[i] - '0';
        if (i % 2 == 0) {
            d *= 2;
            if (d > 9) d -= 9;
        }
        sum += d;
    }
    return sum % 10 == 0;
}

bool DateOk(int month, int day) {
    if (day > 60) day -= 60;  // a coordination number
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

// The number starting at `pos` with `dateLen` (6 or 8) date digits, if it is one.
bool MatchAt(std::string_view s, size_t pos, size_t dateLen) {
    const size_t len = dateLen + 5;
    if (pos + len > s.size()) return false;
    for (size_t i = 0; i < dateLen; ++i)
        if (!Digit(s[pos + i])) return false;
    const char sep = s[pos + dateLen];
    if (sep != '-' && sep != '+') return false;
    for (size_t i = dateLen + 1; i < len; ++i)
        if (!Digit(s[pos + i])) return false;
    // Not part of a longer number (a digit, or a dash and digit, on either side).
    if (pos > 0 && Digit(s[pos - 1])) return false;
    if (pos + len < s.size() && Digit(s[pos + len])) return false;
    const size_t yy = dateLen - 6;  // where YYMMDD starts
    if (!DateOk(Num(s, pos + yy + 2, 2), Num(s, pos + yy + 4, 2))) return false;
    std::string ten(s.substr(pos + yy, 6));
    ten += s.substr(pos + dateLen + 1, 4);
    return LuhnOk(ten);
}

}  // namespace

std::vector<std::string> FindPersonalNumbers(std::string_view text) {
    std::vector<std::string> found;
    for (size_t i = 0; i + 11 <= text.size(); ++i) {
        if (!Digit(text[i]) || (i > 0 && Digit(text[i - 1]))) continue;
        for (size_t dateLen : {size_t{8}, size_t{6}}) {
            if (MatchAt(text, i, dateLen)) {
                found.push_back(std::string(text.substr(i, dateLen + 1)) + "****");
                i += dateLen + 4;
                break;
            }
        }
    }
    return found;
}

std::vector<PrivacyFinding> ScanForPersonalNumbers(const ProjectModel& m) {
    std::vector<PrivacyFinding> out;
    auto check = [&](const std::string& text, const std::string& where) {
        if (text.size() < 11) return;
        auto found = FindPersonalNumbers(text);
        if (!found.empty()) out.push_back({where, found.front()});
    };
    check(m.project.name, "Projektets namn");
    check(m.project.organisation, "Organisation");
    for (const StepProgress& s : m.steps) check(s.notes, "Steg " + std::to_string(s.step) + ", anteckningar");
    for (const auto& [rec, d] : m.discussions) check(d.note, "Steg 1, " + rec + ", anteckning");
    for (const auto& [rec, row] : m.inventory) check(row.comment, "Behovsinventering, " + rec + ", kommentar");
    for (const InventoryBaseline& b : m.baselines) {
        check(b.name, "Nulägesbild «" + b.name + "», namn");
        for (const auto& [rec, row] : b.rows) check(row.comment, "Nulägesbild «" + b.name + "», " + rec + ", kommentar");
    }
    for (const ReadinessRound& r : m.rounds) check(r.name, "Beredskapsmätning, namn");
    for (const Decision& d : m.decisions) {
        const std::string at = "Beslut " + d.decidedOn + " «" + d.title + "»";
        check(d.title, at + ", rubrik");
        check(d.rationale, at + ", motivering");
        check(d.participants, at + ", deltagare");
    }
    // A record is named by its kind and its first required text ("Mått «Väntetid»").
    static const std::map<std::string, std::string> kKindLabels = {
        {"member", "Teammedlem"}, {"initiative", "Införande"}, {"resource", "Resurs"}, {"goal", "Mål"},
        {"activity", "Aktivitet"}, {"training", "Utbildning"},  {"measure", "Mått"},   {"pdsa", "PDSA-cykel"},
        {"rollout", "Spridning"}};
    std::map<int64_t, std::string> names;  // record id -> "Mått «Väntetid»"
    for (const RecordKind& kind : RecordKinds()) {
        auto it = m.records.find(kind.kind);
        if (it == m.records.end()) continue;
        auto label = kKindLabels.find(kind.kind);
        const std::string kindLabel = label == kKindLabels.end() ? kind.kind : label->second;
        for (const Record& r : it->second) {
            std::string title;
            for (const FieldSpec& f : kind.fields)
                if (f.type == FieldType::RequiredText) {
                    title = r.Get(f.name);
                    break;
                }
            const std::string at = kindLabel + (title.empty() ? " " + std::to_string(r.id) : " «" + title + "»");
            if (kind.kind == std::string("initiative") || kind.kind == std::string("measure")) names[r.id] = at;
            for (const FieldSpec& f : kind.fields) {
                if (f.type != FieldType::Text && f.type != FieldType::RequiredText) continue;
                check(r.Get(f.name), at + ", " + f.name);
            }
        }
    }
    auto named = [&](int64_t id, const std::string& fallback) {
        auto it = names.find(id);
        return it == names.end() ? fallback + " " + std::to_string(id) : it->second;
    };
    for (const auto& [id, steps] : m.initiativeSteps)
        for (const auto& [n, s] : steps)
            check(s.notes, named(id, "Införande") + ", steg " + std::to_string(n) + ", anteckningar");
    for (const auto& [measure, points] : m.points)
        for (const auto& [period, p] : points) check(p.note, named(measure, "Mått") + ", " + period + ", notering");
    return out;
}

}  // namespace stegvis
