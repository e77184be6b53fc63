// The project's vocabulary: every closed list of values a field can take, with the key stored in
// the file and the words shown in Swedish and English. One table a list; the screens, the
// store's checks, the import checks and the reports all read these.
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace stegvis {

// One value of a list: the key in the file, and its words.
struct Option {
    const char* key;
    const char* sv;
    const char* en;
};
const Option* FindOption(const std::vector<Option>& opts, const std::string& key);
const char* OptionLabel(const std::vector<Option>& opts, const std::string& key, bool english);

// What a person typed into an enumerated cell -> the option key. Accepts the key or any
// unambiguous start of a label, case-insensitively ("d" -> delvis, "pr" -> primarvard),
// in the interface language first and the other one only when that finds nothing. Empty
// input -> "" (clear). nullopt when nothing or several match.
std::optional<std::string> MatchOption(const std::vector<Option>& opts, const std::string& typed, bool english = false);

// A field that takes several values of one list (who provides an intervention: the unit and the
// psychiatric clinic together). Stored as the keys joined by ',' in the list's order, each once;
// "" when none. "ingen" (nobody) stands alone.
bool IsExclusiveChoice(const std::string& key);
std::vector<std::string> SplitChoices(const std::string& value);
// The stored form of `keys`, or nullopt when one is not in `opts` or "ingen" is not alone.
std::optional<std::string> CanonicalChoices(const std::vector<Option>& opts, const std::vector<std::string>& keys);
bool IsCanonicalChoices(const std::vector<Option>& opts, const std::string& value);
bool HasChoice(const std::string& value, const std::string& key);
// `value` with `key` added or taken away; adding "ingen" clears the others, adding another clears it.
std::string ToggleChoice(const std::vector<Option>& opts, const std::string& value, const std::string& key);
// "egen enhet, psykiatrisk specialistvård"; a key not in the list is shown as it is.
std::string ChoicesLabel(const std::vector<Option>& opts, const std::string& value, bool english);
// What a person typed: parts separated by ',', '+', '/', ';' or " och "/" and ", each matched as
// MatchOption does ("eg + ps" -> "egen,psykiatri"). Empty -> "". nullopt when a part matches
// nothing or several, or "ingen" is not alone.
std::optional<std::string> MatchChoices(const std::vector<Option>& opts, const std::string& typed, bool english = false);
// Why MatchChoices refused: every part names a value, but "ingen" is among others.
bool ExclusiveChoiceNotAlone(const std::vector<Option>& opts, const std::string& typed, bool english = false);

// An enum's values with their keys in the file: one table per enum, read both ways.
template <class E>
struct EnumKey {
    E value;
    const char* key;
};
template <class E, size_t N>
const char* KeyOf(const EnumKey<E> (&table)[N], E value) {
    for (const auto& k : table)
        if (k.value == value) return k.key;
    return table[0].key;
}
template <class E, size_t N>
bool ParseKey(const EnumKey<E> (&table)[N], const std::string& key, E* out) {
    for (const auto& k : table)
        if (key == k.key) {
            *out = k.value;
            return true;
        }
    return false;
}

enum class OrgKind { Kommun, Region, Annan };
inline constexpr EnumKey<OrgKind> kOrgKinds[] = {
    {OrgKind::Kommun, "kommun"}, {OrgKind::Region, "region"}, {OrgKind::Annan, "annan"}};
inline const char* OrgKindKey(OrgKind k) { return KeyOf(kOrgKinds, k); }
inline bool ParseOrgKind(const std::string& s, OrgKind* out) { return ParseKey(kOrgKinds, s, out); }

enum class StepStatus { NotStarted, InProgress, Done };
inline constexpr EnumKey<StepStatus> kStepStatuses[] = {
    {StepStatus::NotStarted, "not_started"}, {StepStatus::InProgress, "in_progress"}, {StepStatus::Done, "done"}};
inline const char* StepStatusKey(StepStatus s) { return KeyOf(kStepStatuses, s); }
inline bool ParseStepStatus(const std::string& s, StepStatus* out) { return ParseKey(kStepStatuses, s, out); }

// The chart a measure is drawn as (ControlChart.hpp computes the control charts).
enum class ChartKind { Run, I, C, P, PPrime, U, UPrime };
inline constexpr EnumKey<ChartKind> kChartKinds[] = {
    {ChartKind::Run, "run"}, {ChartKind::I, "i"},      {ChartKind::C, "c"},      {ChartKind::P, "p"},
    {ChartKind::PPrime, "pp"}, {ChartKind::U, "u"}, {ChartKind::UPrime, "up"}};

const std::vector<Option>& OrgKindOptions();     // kommun, region, annan
const std::vector<Option>& StepStatusOptions();  // not_started, in_progress, done

// The inventory's columns (step 2), by their names in the file.
enum class InvField { Offered, Provider, Volume, Reached, StaffTrained, Gap, Comment };
inline constexpr EnumKey<InvField> kInvFields[] = {
    {InvField::Offered, "offered"}, {InvField::Provider, "provider"}, {InvField::Volume, "volume"},
    {InvField::Reached, "reached"}, {InvField::StaffTrained, "staff_trained"}, {InvField::Gap, "gap"},
    {InvField::Comment, "comment"}};
inline const char* InvFieldKey(InvField f) { return KeyOf(kInvFields, f); }
inline bool ParseInvField(const std::string& key, InvField* out) { return ParseKey(kInvFields, key, out); }

// Steps 1-4: the needs inventory and the Hexagon tool.
const std::vector<Option>& OfferedOptions();   // ja, delvis, nej, vet ej, ej aktuellt för oss
const std::vector<Option>& ProviderOptions();  // egen enhet ... ingen
const std::vector<Option>& GapOptions();       // ingen, litet, stort
const std::vector<Option>& HexagonFactors();
// Steps 6-11: the team and its plans.
const std::vector<Option>& MemberRoles();       // leader, member, sponsor, supervisor, user_rep
const std::vector<Option>& ResourceKinds();     // time, money, competence, premises, material
const std::vector<Option>& ResourceStatuses();  // secured, partly, missing
const std::vector<Option>& ActivityKinds();     // activity, training, supervision, followup
const std::vector<Option>& ActivityStatuses();  // planned, ongoing, done
const std::vector<Option>& TrainingStatuses();  // planned, done
const std::vector<Option>& TraineeRoles();      // investigator, therapist, supervisor, other (people outside the team)
// Steps 12-15: measures, PDSA and scaling up.
const std::vector<Option>& MeasureDefinitions();  // count, ratio
const std::vector<Option>& Directions();          // up, down, neutral
const std::vector<Option>& Periods();             // week, month
const std::vector<Option>& ChartKinds();          // run, i, c, p, pp, u, up (ControlChart.hpp)
const std::vector<Option>& PdsaActs();            // adopt, adapt, abandon
const std::vector<Option>& RolloutStatuses();     // planned, ongoing, done

}  // namespace stegvis
