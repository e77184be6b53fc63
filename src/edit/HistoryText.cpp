#include "edit/HistoryText.hpp"

#include <algorithm>
#include <optional>

#include "reference/Catalog.hpp"
#include "reference/Instruments.hpp"
#include "domain/Inventory.hpp"
#include "domain/Measures.hpp"
#include "reference/Phases.hpp"
#include "domain/Records.hpp"
#include "base/Text.hpp"

namespace stegvis {

namespace {

// [SECTION] words
// How a sentence names a record of each kind: "aktiviteten ”X”", "Ny aktivitet ”X”".
struct KindWords {
    const char* kind;
    const char* svThe;   // the record, in a sentence
    const char* svNew;   // starts the sentence of a new record
    const char* enNoun;  // "activity": "Changed Status for activity “X”", "New activity “X”"
    const char* svLink;  // between the noun and the name
    const char* enLink;
};
const KindWords kKindWords[] = {
    {"member", "personen", "Ny person i teamet", "team member", " ", " "},
    {"initiative", "införandet", "Nytt införande", "initiative", " ", " "},
    {"resource", "resursen", "Ny resurs", "resource", " ", " "},
    {"goal", "målet", "Nytt mål", "goal", " ", " "},
    {"activity", "aktiviteten", "Ny aktivitet", "activity", " ", " "},
    {"training", "utbildningen", "Ny utbildning", "training", " ", " "},
    {"measure", "måttet", "Nytt mått", "measure", " ", " "},
    {"pdsa", "PDSA-cykeln", "Ny PDSA-cykel", "PDSA cycle", " ", " "},
    {"rollout", "utrullningen", "Ny utrullning", "roll-out", " till ", " to "},
};
const KindWords kAnyKind = {"", "posten", "Ny post", "record", " ", " "};

const KindWords& WordsFor(const std::string& kind) {
    for (const auto& k : kKindWords)
        if (kind == k.kind) return k;
    return kAnyKind;
}

// [SECTION] small helpers
const char* Pick(bool english, const char* sv, const char* en) {
    return english ? en : sv;
}

std::string Quoted(const std::string& s, bool english) {
    return english ? "\xE2\x80\x9C" + s + "\xE2\x80\x9D" : "\xE2\x80\x9D" + s + "\xE2\x80\x9D";  // “…” / ”…”
}

// A column or key name as words, for what the tables do not know: "trainee_role" -> "trainee role".
std::string Readable(std::string s) {
    std::replace(s.begin(), s.end(), '_', ' ');
    return s;
}

// The first line of a text, at most `max` bytes (cut between UTF-8 characters), "…" when cut.
std::string Shorten(const std::string& s, size_t max) {
    std::string first = s.substr(0, s.find('\n'));
    bool cut = first.size() < s.size();
    if (first.size() > max) {
        size_t end = max;
        while (end > 0 && (static_cast<unsigned char>(first[end]) & 0xC0) == 0x80) --end;
        first.resize(end);
        cut = true;
    }
    first = Trim(first);
    return cut ? first + "\xE2\x80\xA6" : first;
}

std::optional<int64_t> ToId(const std::string& s) {
    if (s.empty() || s.size() > 18) return std::nullopt;
    for (char c : s)
        if (c < '0' || c > '9') return std::nullopt;
    return std::stoll(s);
}

// "3/2/oric-05" -> {"3", "2", "oric-05"}: the first `parts - 1` slashes split, the rest is the last part.
std::vector<std::string> SplitKey(const std::string& key, size_t parts) {
    std::vector<std::string> out;
    size_t from = 0;
    while (out.size() + 1 < parts) {
        size_t slash = key.find('/', from);
        if (slash == std::string::npos) break;
        out.push_back(key.substr(from, slash - from));
        from = slash + 1;
    }
    out.push_back(key.substr(from));
    return out;
}

const Record* FindRec(const HistoryNames& n, const std::string& kind, const std::string& idText) {
    auto id = ToId(idText);
    return n.model && id ? FindRecord(*n.model, kind, *id) : nullptr;
}

std::string MemberText(const HistoryNames& n, const std::string& idText, bool english) {
    if (const Record* m = FindRec(n, "member", idText); m && !m->Get("name").empty()) return m->Get("name");
    return std::string(Pick(english, "person nr ", "person no. ")) + idText;
}

std::string OptionText(const std::vector<Option>& opts, const std::string& key, bool english) {
    if (const Option* o = FindOption(opts, key)) return english ? o->en : o->sv;
    return Readable(key);
}

// "BI-01 AUDIT": the recommendation's id and its intervention, shortened.
std::string RecText(const HistoryNames& n, const std::string& id) {
    const Recommendation* r = n.catalog ? n.catalog->Find(id) : nullptr;
    return r ? id + " " + Shorten(r->intervention, 40) : id;
}

const Instrument* FindInstrument(const HistoryNames& n, const std::string& id) {
    if (!n.instruments) return nullptr;
    for (const auto& i : *n.instruments)
        if (i.id == id) return &i;
    return nullptr;
}

// The words that name a record: an activity's "what", a member's name, a resource's
// description (else its kind). Empty when it has none.
std::string RecordName(const Record& r, const std::string& kind, bool english, const HistoryNames& n) {
    std::string name;
    if (kind == "activity")
        name = r.Get("what");
    else if (kind == "goal")
        name = r.Get("indicator");
    else if (kind == "pdsa")
        name = r.Get("change");
    else if (kind == "rollout")
        name = r.Get("unit");
    else if (kind == "resource")
        name =
            r.Get("description").empty() ? OptionText(ResourceKinds(), r.Get("kind"), english) : r.Get("description");
    else if (kind == "training")
        name = !r.Get("course").empty()  ? r.Get("course")
               : r.Get("member").empty() ? ""
                                         : MemberText(n, r.Get("member"), english);
    else
        name = r.Get("name");
    return Shorten(name, 60);
}

// "aktiviteten ”Utbilda personalen”" / "activity “Train the staff”"; "aktiviteten nr 4" when gone.
std::string RecordPhrase(const std::string& kind, const std::string& key, bool english, const HistoryNames& n) {
    const KindWords& w = WordsFor(kind);
    const Record* r = FindRec(n, kind, key);
    std::string name = r ? RecordName(*r, kind, english, n) : "";
    if (name.empty()) return std::string(english ? w.enNoun : w.svThe) + Pick(english, " nr ", " no. ") + key;
    return std::string(english ? w.enNoun : w.svThe) + (english ? w.enLink : w.svLink) + Quoted(name, english);
}

std::string InitiativeName(const HistoryNames& n, const std::string& idText, bool english) {
    const Record* r = FindRec(n, "initiative", idText);
    if (r && !r->Get("name").empty()) return Quoted(Shorten(r->Get("name"), 60), english);
    return std::string(Pick(english, "initiative no. ", "införandet nr ")) + idText;
}

std::string StepStatusText(const std::string& key, bool english) {
    StepStatus s;
    if (!ParseStepStatus(key, &s)) return Readable(key);
    switch (s) {
        case StepStatus::NotStarted:
            return Pick(english, "Ej påbörjat", "Not started");
        case StepStatus::InProgress:
            return Pick(english, "Pågår", "In progress");
        case StepStatus::Done:
            return Pick(english, "Klart", "Done");
    }
    return Readable(key);
}

std::string OrgKindText(const std::string& key, bool english) {
    if (key == "kommun") return Pick(english, "kommun", "municipality");
    if (key == "region") return "region";
    if (key == "annan") return Pick(english, "annan", "other");
    return Readable(key);
}

// A field whose presence is the record's existence: the stored value is the time it was
// added or removed, which the sentence already says.
bool IsPresenceFlag(const HistoryEntry& h) {
    if (FindRecordKind(h.entity)) return h.field == "removed_at";
    return (h.entity == "decision" && h.field == "withdrawn") ||
           ((h.entity == "baseline" || h.entity == "round") && h.field == "hidden");
}
// The record was added by this change (undo takes it away again) ...
bool IsInsert(const HistoryEntry& h) {
    return IsPresenceFlag(h) && h.hadOld && !h.hasNew;
}
// ... or removed, withdrawn or hidden.
bool IsRemoval(const HistoryEntry& h) {
    return IsPresenceFlag(h) && !h.hadOld && h.hasNew;
}

std::string Label(const HistoryEntry& h, bool english) {
    std::string label = FieldLabel(h.entity, h.field, english);
    return label.empty() ? Readable(h.field) : label;
}

// "Ändrade Status för aktiviteten ”X”" / "Changed Status for activity “X”".
std::string Changed(const std::string& label, const std::string& subject, bool english) {
    std::string s = std::string(Pick(english, "Ändrade ", "Changed ")) + label;
    if (!subject.empty()) s += Pick(english, " för ", " for ") + subject;
    return s;
}

std::string Generic(const HistoryEntry& h, bool english) {
    std::string subject = Readable(h.entity);
    if (!h.key.empty()) subject += " " + Readable(h.key);
    return Changed(Label(h, english), subject, english);
}

// The period of a measure's point: "2026-03" for a month, "veckan från 2026-03-02" for a week.
std::string PeriodText(const Record* measure, const std::string& period, bool english) {
    const std::string per = measure ? measure->Get("period") : "";
    if (per == "month" && period.size() >= 7) return period.substr(0, 7);
    if (per == "week") return Pick(english, "veckan från ", "the week from ") + period;
    return period;
}

// [SECTION] sentences per entity
std::string DescribeRecord(const HistoryEntry& h, bool english, const HistoryNames& n) {
    const KindWords& w = WordsFor(h.entity);
    if (IsInsert(h)) {
        const Record* r = FindRec(n, h.entity, h.key);
        if (!r)
            return std::string(english ? "New " + std::string(w.enNoun) : w.svNew) + Pick(english, " (nr ", " (no. ") +
                   h.key + ")";
        std::string name = RecordName(*r, h.entity, english, n);
        std::string s = english ? "New " + std::string(w.enNoun) : std::string(w.svNew);
        if (!name.empty()) s += (english ? w.enLink : w.svLink) + Quoted(name, english);
        const RecordKind* kind = FindRecordKind(h.entity);
        if (kind && kind->perInitiative && r->initiative)
            s += Pick(english, " i ", " in ") + InitiativeName(n, std::to_string(r->initiative), english);
        return s;
    }
    if (IsRemoval(h)) return Pick(english, "Tog bort ", "Removed ") + RecordPhrase(h.entity, h.key, english, n);
    return Changed(Label(h, english), RecordPhrase(h.entity, h.key, english, n), english);
}

std::string ChecklistText(const HistoryNames& n, int step, const std::string& item, bool english) {
    if (const Step* s = n.manual ? n.manual->FindStep(step) : nullptr)
        for (const auto& it : s->checklist)
            if (it.id == item) return Quoted(Shorten(it.text.In(english), 70), english);
    return Readable(item);
}

std::string StepText(const std::string& step, bool english) {
    return Pick(english, "steg ", "step ") + step;
}

std::string DescribeStep(const HistoryEntry& h, bool english, const HistoryNames& n) {
    std::string subject;
    if (h.entity == "istep") {
        auto parts = SplitKey(h.key, 2);
        if (parts.size() < 2) return Generic(h, english);
        subject = StepText(parts[1], english) + Pick(english, " i ", " of ") + InitiativeName(n, parts[0], english);
    } else {
        subject = StepText(h.key, english);
    }
    return Changed(Label(h, english), subject, english);
}

std::string DescribeTick(const HistoryEntry& h, bool english, const HistoryNames& n) {
    const bool perInitiative = h.entity == "itick";
    auto parts = SplitKey(h.key, perInitiative ? 3 : 2);
    if (parts.size() < (perInitiative ? 3u : 2u)) return Generic(h, english);
    const std::string& stepText = parts[perInitiative ? 1 : 0];
    auto step = ToId(stepText);
    std::string item = ChecklistText(n, step ? static_cast<int>(*step) : 0, parts.back(), english);
    std::string where = StepText(stepText, english);
    if (perInitiative) where += Pick(english, " i ", " of ") + InitiativeName(n, parts[0], english);
    if (h.hasNew) return Pick(english, "Bockade av ", "Ticked ") + item + " (" + where + ")";
    return Pick(english, "Tog bort bocken för ", "Removed the tick of ") + item + " (" + where + ")";
}

std::string DescribeDecision(const HistoryEntry& h, bool english, const HistoryNames& n) {
    if (h.field != "withdrawn") return Generic(h, english);
    std::string title;
    if (auto id = ToId(h.key); id && n.model)
        for (const Decision& d : n.model->decisions)
            if (d.id == *id) title = Shorten(d.title, 70);
    std::string what = title.empty() ? std::string(Pick(english, "beslut nr ", "decision no. ")) + h.key
                                     : std::string(Pick(english, "beslutet ", "decision ")) + Quoted(title, english);
    if (IsInsert(h))
        return title.empty() ? Pick(english, "Nytt ", "New ") + what
                             : Pick(english, "Nytt beslut ", "New decision ") + Quoted(title, english);
    if (IsRemoval(h)) return Pick(english, "Återkallade ", "Withdrew ") + what;
    return Changed(Label(h, english), what, english);
}

// Steps 1-3 keep one row per recommendation: "”BI-01 AUDIT” i behovsinventeringen".
std::string DescribePerRecommendation(const HistoryEntry& h, bool english, const HistoryNames& n) {
    std::string subject = Quoted(RecText(n, h.key), english);
    if (h.entity == "inventory") subject += Pick(english, " i behovsinventeringen", " in the needs inventory");
    if (h.entity == "priority") subject += Pick(english, " i prioriteringen", " in the prioritisation");
    return Changed(Label(h, english), subject, english);
}

std::string DescribeHexagon(const HistoryEntry& h, bool english, const HistoryNames& n) {
    size_t slash = h.key.rfind('/');
    if (slash == std::string::npos) return Generic(h, english);
    std::string rec = h.key.substr(0, slash), factor = h.key.substr(slash + 1);
    return Changed(Label(h, english) + " (" + OptionText(HexagonFactors(), factor, english) + ")",
                   Quoted(RecText(n, rec), english), english);
}

std::string RoundName(const HistoryNames& n, const std::string& idText) {
    if (auto id = ToId(idText); id && n.model)
        for (const ReadinessRound& r : n.model->rounds)
            if (r.id == *id) return Shorten(r.name, 60);
    return "";
}

std::string RoundPhrase(const HistoryNames& n, const std::string& idText, bool english) {
    std::string name = RoundName(n, idText);
    if (!name.empty()) return Pick(english, "omgången ", "round ") + Quoted(name, english);
    return Pick(english, "omgång nr ", "round no. ") + idText;
}

std::string DescribeRound(const HistoryEntry& h, bool english, const HistoryNames& n) {
    if (IsInsert(h)) {
        std::string name = RoundName(n, h.key);
        return Pick(english, "Ny beredskapsomgång ", "New readiness round ") +
               (name.empty() ? Pick(english, "(nr ", "(no. ") + h.key + ")" : Quoted(name, english));
    }
    if (IsRemoval(h)) return Pick(english, "Dolde ", "Hid ") + RoundPhrase(n, h.key, english);
    return Changed(Label(h, english), RoundPhrase(n, h.key, english), english);
}

std::string DescribeAnswer(const HistoryEntry& h, bool english, const HistoryNames& n) {
    auto parts = SplitKey(h.key, 3);
    if (parts.size() < 3) return Generic(h, english);
    std::string item = Readable(parts[2]);
    if (auto id = ToId(parts[0]); id && n.model)
        for (const ReadinessRound& r : n.model->rounds)
            if (r.id == *id)
                if (const Instrument* ins = FindInstrument(n, r.instrument))
                    if (const InstrumentItem* it = ins->FindItem(parts[2]))
                        item = Quoted(Shorten(it->text.In(english), 60), english);
    return std::string(Pick(english, "Svar från svarande ", "Answer of respondent ")) + parts[1] +
           Pick(english, " på ", " to ") + item + " (" + RoundPhrase(n, parts[0], english) + ")";
}

std::string DescribeBaseline(const HistoryEntry& h, bool english, const HistoryNames& n) {
    std::string what = std::string(Pick(english, "baslinje nr ", "baseline no. ")) + h.key;
    if (auto id = ToId(h.key); id && n.model)
        for (const InventoryBaseline& b : n.model->baselines)
            if (b.id == *id) what = Pick(english, "baslinjen ", "the baseline ") + Quoted(b.name, english);
    if (IsInsert(h)) return Pick(english, "Frös ", "Froze ") + what;
    if (IsRemoval(h)) return Pick(english, "Dolde ", "Hid ") + what;
    return Changed(Label(h, english), what, english);
}

std::string DescribePoint(const HistoryEntry& h, bool english, const HistoryNames& n) {
    auto parts = SplitKey(h.key, 2);
    if (parts.size() < 2) return Generic(h, english);
    const Record* measure = FindRec(n, "measure", parts[0]);
    const bool ratio = measure && measure->Get("definition") == "ratio";
    std::string what = h.field == "numerator" && ratio ? Pick(english, "Täljare", "Numerator") : Label(h, english);
    std::string name = measure && !measure->Get("name").empty()
                           ? Quoted(Shorten(measure->Get("name"), 60), english)
                           : std::string(Pick(english, "mått nr ", "measure no. ")) + parts[0];
    return what + Pick(english, " för ", " for ") + PeriodText(measure, parts[1], english) + " (" + name + ")";
}

// [SECTION] values
std::string RecordValue(const HistoryEntry& h, const std::string& v, bool english, const HistoryNames& n) {
    const RecordKind* kind = FindRecordKind(h.entity);
    const FieldSpec* f = kind ? kind->Field(h.field) : nullptr;
    if (!f) {
        if (h.field.size() >= 4 && h.field.compare(h.field.size() - 4, 4, "role") == 0 && FindOption(MemberRoles(), v))
            return OptionText(MemberRoles(), v, english);
        return LocalNumber(v, english);
    }
    switch (f->type) {
        case FieldType::Enum:
            return f->options ? OptionText(*f->options, v, english) : Readable(v);
        case FieldType::Choices:
            return f->options ? ChoicesLabel(*f->options, v, english) : Readable(v);
        case FieldType::Member:
        case FieldType::RequiredMember:
            return MemberText(n, v, english);
        case FieldType::Date:
            return v.substr(0, 10);
        case FieldType::Number:
        case FieldType::Count:
        case FieldType::Rating:
            return LocalNumber(v, english);
        case FieldType::Flag:
            return v.substr(0, 10);
        case FieldType::Recommendation:
            return RecText(n, v);
        case FieldType::Text:
        case FieldType::RequiredText:
            return v;
    }
    return v;
}

bool IsDateField(const std::string& field) {
    return field.size() > 3 && (field.compare(field.size() - 3, 3, "_on") == 0);
}

}  // namespace

std::string FieldLabel(const std::string& entity, const std::string& field, bool english) {
    if (const FieldSpec* f = FindField(entity, field)) return FieldLabel(*f, english);
    if (field == "removed_at" && FindRecordKind(entity)) return Pick(english, "Borttagen", "Removed");
    return "";
}

std::string LocalNumber(const std::string& stored, bool english) {
    // Only a plain stored number: optional minus, digits, at most one point between digits.
    size_t i = stored.size() > 1 && stored[0] == '-' ? 1 : 0;
    size_t digits = 0, points = 0, point = std::string::npos;
    for (size_t k = i; k < stored.size(); ++k) {
        char c = stored[k];
        if (c >= '0' && c <= '9') {
            ++digits;
        } else if (c == '.' && points == 0) {
            ++points;
            point = k;
        } else {
            return stored;
        }
    }
    if (digits == 0 || point == i || point + 1 == stored.size()) return stored;
    std::string out = stored;
    if (point != std::string::npos && !english) out[point] = ',';
    return out;
}

std::string DescribeChange(const HistoryEntry& h, bool english, const HistoryNames& names) {
    const std::string& e = h.entity;
    if (FindRecordKind(e)) return DescribeRecord(h, english, names);
    if (e == "catalog" && h.field == "order") return Pick(english, "Katalogens ordning", "Order of the catalogue");
    if (e == "catalog") {
        const char* what = !h.hadOld ? Pick(english, "Ny i katalogen: ", "New in the catalogue: ")
                           : !h.hasNew ? Pick(english, "Borttagen ur katalogen: ", "Removed from the catalogue: ")
                                       : Pick(english, "Ändrad i katalogen: ", "Changed in the catalogue: ");
        return what + h.key;
    }
    if (e == "project") return Changed(Label(h, english), "", english);
    if (e == "step" || e == "istep") return DescribeStep(h, english, names);
    if (e == "tick" || e == "itick") return DescribeTick(h, english, names);
    if (e == "decision") return DescribeDecision(h, english, names);
    if (e == "discussion" || e == "inventory" || e == "priority") return DescribePerRecommendation(h, english, names);
    if (e == "hexagon") return DescribeHexagon(h, english, names);
    if (e == "round") return DescribeRound(h, english, names);
    if (e == "answer") return DescribeAnswer(h, english, names);
    if (e == "baseline") return DescribeBaseline(h, english, names);
    if (e == "point") return DescribePoint(h, english, names);
    // Written by a newer program: the Swedish label stored with it says more than column names.
    if (!english && !h.label.empty()) return h.label;
    return Generic(h, english);
}

std::string DescribeValue(const HistoryEntry& h, bool before, bool english, const HistoryNames& n) {
    const bool present = before ? h.hadOld : h.hasNew;
    const std::string& v = before ? h.oldValue : h.newValue;
    if (h.entity == "tick" || h.entity == "itick")
        return present ? Pick(english, "bockad", "ticked") : Pick(english, "ej bockad", "not ticked");
    if (IsPresenceFlag(h)) {
        if (h.entity != "decision" || (before && IsInsert(h))) return "";
        return present ? Pick(english, "återkallat", "withdrawn") : Pick(english, "gällande", "in force");
    }
    if (!present) return "";
    const std::string& e = h.entity;
    const std::string& f = h.field;
    if (FindRecordKind(e)) return RecordValue(h, v, english, n);
    if (e == "project" && f == "org_kind") return OrgKindText(v, english);
    if (e == "catalog" && f == "order") return "";  // a list of every id: the change says what moved
    if (e == "catalog") {
        // A row as a reader knows it: "Disulfiram — Alkoholberoende, … (bör, prio 1)", and
        // withdrawn where it is.
        const std::optional<Recommendation> r = RecommendationFromTsv(v);
        if (!r) return v;
        std::string out = InterventionWithCondition(*r) + " (" + LevelWithPriority(*r) + ")";
        if (!r->withdrawnIn.empty()) out += Pick(english, ", utgången i ", ", withdrawn in ") + r->withdrawnIn;
        return out;
    }
    if ((e == "step" || e == "istep") && f == "status") return StepStatusText(v, english);
    if (e == "inventory") {
        if (f == "offered") return OptionText(OfferedOptions(), v, english);
        if (f == "provider") return ChoicesLabel(ProviderOptions(), v, english);
        if (f == "gap") return OptionText(GapOptions(), v, english);
    }
    if (e == "priority" && f == "feasibility") {
        if (v == "1") return Pick(english, "låg", "low");
        if (v == "2") return Pick(english, "medel", "medium");
        if (v == "3") return Pick(english, "hög", "high");
    }
    if (e == "priority" && f == "selected") return v == "0" ? Pick(english, "nej", "no") : Pick(english, "ja", "yes");
    if (e == "round" && f == "instrument")
        if (const Instrument* ins = FindInstrument(n, v)) return ins->name.In(english);
    if (IsDateField(f) && IsIsoDate(v.substr(0, 10))) return v.substr(0, 10);
    const bool decimal = (e == "point" && f != "note") ||
                         (e == "inventory" && (f == "volume" || f == "staff_trained" || f == "reached"));
    // A field of an entity this program does not know: a number is the likeliest thing it holds.
    const bool known = !FieldLabel(e, f, english).empty();
    return decimal || !known ? LocalNumber(v, english) : v;
}

}  // namespace stegvis
