// The history in words: one stored field change (entity, key, field, old and new value) as a
// sentence and as values in Swedish or English, with the names the screens give the fields and
// the records. Worked out when shown, so switching language changes the history too. No GUI.
#pragma once
#include <string>
#include <vector>

#include "domain/Model.hpp"

namespace stegvis {

struct Manual;
struct Catalog;
struct Instrument;

// Where the names of records, checklist items, recommendations and questionnaire items come
// from. Any may be null: the text then falls back to numbers and ids ("aktiviteten nr 4").
struct HistoryNames {
    const ProjectModel* model = nullptr;
    const Manual* manual = nullptr;
    const Catalog* catalog = nullptr;
    const std::vector<Instrument>* instruments = nullptr;
};

// The label a screen gives a field, e.g. ("initiative", "full_scale_from") -> "Full skala
// från" / "Full scale from". Empty when the field is not known.
std::string FieldLabel(const std::string& entity, const std::string& field, bool english);

// What the change did, as a sentence: "Ändrade Full skala från för införandet ”MET”", "Ny
// resurs ”tid” i ”MET”", "Tog bort aktiviteten ”Utbilda personalen”", "Mätvärde för 2026-03
// (”Andel med plan”)". An entity or field it does not know gives a plain generic sentence (in
// Swedish the label stored with the change, which was written in words); never a crash.
std::string DescribeChange(const HistoryEntry& h, bool english, const HistoryNames& names);

// The value before (`before`) or after the change in words: an option's label, a member's
// name, a date as YYYY-MM-DD, a yes/no in words, a decimal comma in Swedish. Empty where there
// was no value, and where the stored value is only the time a record was added or removed.
std::string DescribeValue(const HistoryEntry& h, bool before, bool english, const HistoryNames& names);

// A stored number ("3.47") as the language writes it ("3,47" in Swedish); other text unchanged.
std::string LocalNumber(const std::string& stored, bool english);

}  // namespace stegvis
