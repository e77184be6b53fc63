#include "domain/Vocabulary.hpp"

#include <algorithm>
#include <cstring>

#include "base/Text.hpp"

namespace stegvis {

const Option* FindOption(const std::vector<Option>& opts, const std::string& key) {
    for (const auto& o : opts)
        if (key == o.key) return &o;
    return nullptr;
}

const char* OptionLabel(const std::vector<Option>& opts, const std::string& key, bool english) {
    const Option* o = FindOption(opts, key);
    if (!o) return "";
    return english ? o->en : o->sv;
}

std::optional<std::string> MatchOption(const std::vector<Option>& opts, const std::string& typed, bool english) {
    std::string t = FoldCase(Trim(typed));
    if (t.empty()) return std::string();
    // An exact key or label wins outright ("ingen" is both a label and the start of others).
    for (const auto& o : opts)
        if (t == o.key || t == FoldCase(o.sv) || t == FoldCase(o.en)) return std::string(o.key);
    for (bool inEnglish : {english, !english}) {
        const Option* found = nullptr;
        for (const auto& o : opts) {
            if (StartsWith(FoldCase(inEnglish ? o.en : o.sv), t)) {
                if (found && found != &o) return std::nullopt;  // ambiguous in this language
                found = &o;
            }
        }
        if (found) return std::string(found->key);
    }
    return std::nullopt;
}

bool IsExclusiveChoice(const std::string& key) { return key == "ingen"; }

std::vector<std::string> SplitChoices(const std::string& value) {
    std::vector<std::string> out;
    size_t start = 0;
    while (start <= value.size()) {
        size_t end = value.find(',', start);
        if (end == std::string::npos) end = value.size();
        if (end > start) out.push_back(value.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

std::optional<std::string> CanonicalChoices(const std::vector<Option>& opts, const std::vector<std::string>& keys) {
    for (const std::string& k : keys)
        if (!FindOption(opts, k)) return std::nullopt;
    std::string out;
    int count = 0;
    bool exclusive = false;
    for (const Option& o : opts) {
        if (std::find(keys.begin(), keys.end(), o.key) == keys.end()) continue;
        if (!out.empty()) out += ',';
        out += o.key;
        ++count;
        exclusive = exclusive || IsExclusiveChoice(o.key);
    }
    if (exclusive && count > 1) return std::nullopt;
    return out;
}

bool IsCanonicalChoices(const std::vector<Option>& opts, const std::string& value) {
    const auto c = CanonicalChoices(opts, SplitChoices(value));
    return c && *c == value;
}

bool HasChoice(const std::string& value, const std::string& key) {
    const auto keys = SplitChoices(value);
    return std::find(keys.begin(), keys.end(), key) != keys.end();
}

std::string ToggleChoice(const std::vector<Option>& opts, const std::string& value, const std::string& key) {
    std::vector<std::string> keys = SplitChoices(value);
    auto it = std::find(keys.begin(), keys.end(), key);
    if (it != keys.end()) {
        keys.erase(it);
    } else if (IsExclusiveChoice(key)) {
        keys = {key};
    } else {
        keys.erase(std::remove_if(keys.begin(), keys.end(), IsExclusiveChoice), keys.end());
        keys.push_back(key);
    }
    keys.erase(std::remove_if(keys.begin(), keys.end(), [&](const std::string& k) { return !FindOption(opts, k); }),
               keys.end());
    return CanonicalChoices(opts, keys).value_or(value);
}

std::string ChoicesLabel(const std::vector<Option>& opts, const std::string& value, bool english) {
    std::string out;
    for (const std::string& k : SplitChoices(value)) {
        if (!out.empty()) out += ", ";
        const Option* o = FindOption(opts, k);
        out += o ? (english ? o->en : o->sv) : k;
    }
    return out;
}

namespace {
// Each part of what was typed as an option key; nullopt when a part matches nothing or several.
std::optional<std::vector<std::string>> ChoiceParts(const std::vector<Option>& opts, const std::string& typed, bool english) {
    std::string t = typed;
    for (const char* word : {" och ", " and "}) {  // in any case: "Eg Och ps"
        for (size_t at = ToLowerAscii(t).find(word); at != std::string::npos; at = ToLowerAscii(t).find(word, at))
            t.replace(at, std::strlen(word), ",");
    }
    for (char& ch : t)
        if (ch == '+' || ch == '/' || ch == ';') ch = ',';
    std::vector<std::string> keys;
    for (const std::string& part : SplitChoices(t)) {
        if (Trim(part).empty()) continue;
        auto k = MatchOption(opts, part, english);
        if (!k) return std::nullopt;
        keys.push_back(*k);
    }
    return keys;
}
}  // namespace

std::optional<std::string> MatchChoices(const std::vector<Option>& opts, const std::string& typed, bool english) {
    // The whole text first: a label may itself hold a separator word.
    if (auto one = MatchOption(opts, typed, english)) return one;
    const auto keys = ChoiceParts(opts, typed, english);
    return keys ? CanonicalChoices(opts, *keys) : std::nullopt;
}

bool ExclusiveChoiceNotAlone(const std::vector<Option>& opts, const std::string& typed, bool english) {
    if (MatchOption(opts, typed, english)) return false;
    const auto keys = ChoiceParts(opts, typed, english);
    return keys && !CanonicalChoices(opts, *keys) && std::any_of(keys->begin(), keys->end(), IsExclusiveChoice);
}

const std::vector<Option>& OrgKindOptions() {
    static const std::vector<Option> k = {
        {"kommun", "kommun", "municipality"}, {"region", "region", "region"}, {"annan", "annan", "other"}};
    return k;
}

const std::vector<Option>& StepStatusOptions() {
    static const std::vector<Option> k = {{"not_started", "ej påbörjat", "not started"},
                                          {"in_progress", "pågår", "in progress"},
                                          {"done", "klart", "done"}};
    return k;
}

const std::vector<Option>& OfferedOptions() {
    static const std::vector<Option> k = {{"ja", "ja", "yes"},
                                          {"delvis", "delvis", "partly"},
                                          {"nej", "nej", "no"},
                                          {"vet_ej", "vet ej", "don't know"},
                                          {"ej_aktuellt", "ej aktuellt för oss", "not relevant for us"}};
    return k;
}

const std::vector<Option>& ProviderOptions() {
    static const std::vector<Option> k = {{"egen", "egen enhet", "own unit"},
                                          {"annan_del", "annan del av organisationen", "another part of the organisation"},
                                          {"socialtjanst", "socialtjänsten", "social services"},
                                          {"primarvard", "primärvården", "primary care"},
                                          {"psykiatri", "psykiatrisk specialistvård", "specialist psychiatric care"},
                                          {"extern", "extern utförare", "external provider"},
                                          {"ingen", "ingen", "nobody"}};
    return k;
}

const std::vector<Option>& GapOptions() {
    static const std::vector<Option> k = {{"ingen", "inget", "none"}, {"liten", "litet", "small"}, {"stor", "stort", "large"}};
    return k;
}

const std::vector<Option>& HexagonFactors() {
    static const std::vector<Option> k = {{"need", "Behov", "Need"},
                                          {"fit", "Passform", "Fit"},
                                          {"resources", "Tillgängliga resurser", "Resource availability"},
                                          {"evidence", "Evidens", "Evidence"},
                                          {"readiness", "Redo att spridas", "Readiness for replication"},
                                          {"capacity", "Kapacitet att införa", "Capacity to implement"}};
    return k;
}

const std::vector<Option>& MemberRoles() {
    static const std::vector<Option> k = {{"leader", "ledare", "leader"},
                                          {"member", "medlem", "member"},
                                          {"sponsor", "chef/uppdragsgivare", "sponsor/manager"},
                                          {"supervisor", "handledare", "supervisor"},
                                          {"user_rep", "brukarrepresentant", "user representative"}};
    return k;
}

const std::vector<Option>& ResourceKinds() {
    static const std::vector<Option> k = {{"time", "tid", "time"},
                                          {"money", "pengar", "money"},
                                          {"competence", "kompetens", "competence"},
                                          {"premises", "lokaler", "premises"},
                                          {"material", "material", "material"}};
    return k;
}

const std::vector<Option>& ResourceStatuses() {
    static const std::vector<Option> k = {
        {"secured", "säkrad", "secured"}, {"partly", "delvis", "partly"}, {"missing", "saknas", "missing"}};
    return k;
}

const std::vector<Option>& ActivityKinds() {
    static const std::vector<Option> k = {{"activity", "aktivitet", "activity"},
                                          {"training", "utbildning", "training"},
                                          {"supervision", "handledning", "supervision"},
                                          {"followup", "uppföljning", "follow-up"}};
    return k;
}

const std::vector<Option>& ActivityStatuses() {
    static const std::vector<Option> k = {
        {"planned", "planerad", "planned"}, {"ongoing", "pågår", "ongoing"}, {"done", "klar", "done"}};
    return k;
}

const std::vector<Option>& TrainingStatuses() {
    static const std::vector<Option> k = {{"planned", "planerad", "planned"}, {"done", "genomförd", "done"}};
    return k;
}

const std::vector<Option>& TraineeRoles() {
    static const std::vector<Option> k = {{"investigator", "utredare", "investigator"},
                                          {"therapist", "behandlare", "therapist"},
                                          {"supervisor", "handledare", "supervisor"},
                                          {"other", "annan", "other"}};
    return k;
}

const std::vector<Option>& MeasureDefinitions() {
    static const std::vector<Option> k = {{"count", "antal / värde", "count / value"},
                                          {"ratio", "andel (täljare/nämnare, %)", "share (numerator/denominator, %)"}};
    return k;
}

const std::vector<Option>& Directions() {
    static const std::vector<Option> k = {{"up", "högre är bättre", "higher is better"},
                                          {"down", "lägre är bättre", "lower is better"},
                                          {"neutral", "neutral", "neutral"}};
    return k;
}

const std::vector<Option>& Periods() {
    static const std::vector<Option> k = {{"week", "vecka", "week"}, {"month", "månad", "month"}};
    return k;
}

const std::vector<Option>& ChartKinds() {
    static const std::vector<Option> k = {{"run", "körschema (median)", "run chart (median)"},
                                          {"i", "I-diagram (enskilda värden)", "I chart (individual values)"},
                                          {"c", "C-diagram (antal händelser)", "C chart (counts of events)"},
                                          {"p", "P-diagram (andelar)", "P chart (proportions)"},
                                          {"pp", "P′-diagram (andelar, stora nämnare)", "P′ chart (proportions, large denominators)"},
                                          {"u", "U-diagram (kvoter)", "U chart (rates)"},
                                          {"up", "U′-diagram (kvoter, stora nämnare)", "U′ chart (rates, large denominators)"}};
    return k;
}

const std::vector<Option>& PdsaActs() {
    static const std::vector<Option> k = {{"adopt", "behåll", "adopt"},
                                          {"adapt", "justera", "adapt"},
                                          {"abandon", "avbryt", "abandon"}};
    return k;
}

const std::vector<Option>& RolloutStatuses() {
    static const std::vector<Option> k = {
        {"planned", "planerad", "planned"}, {"ongoing", "pågår", "ongoing"}, {"done", "klar", "done"}};
    return k;
}

}  // namespace stegvis
