// Questionnaires as data (data/instruments/*.json): items, subscales and the answer scale.
#pragma once
#include <string>
#include <vector>

#include "reference/Phases.hpp"

namespace stegvis {

struct ScalePoint {
    int value = 0;
    Bilingual label;
};

struct Subscale {
    std::string id;
    Bilingual name;
};

struct InstrumentItem {
    std::string id;
    Bilingual text;
    std::string subscale;
};

struct Instrument {
    std::string id;                 // e.g. "oric"
    Bilingual name;                 // e.g. "ORIC – organisatorisk beredskap för att införa förändring"
    std::string citation;           // the source reference
    Bilingual instructions;         // what respondents are asked
    std::vector<ScalePoint> scale;  // ascending, contiguous values, e.g. 1..5
    std::vector<Subscale> subscales;
    std::vector<InstrumentItem> items;

    int MinValue() const;
    int MaxValue() const;
    const InstrumentItem* FindItem(const std::string& id) const;
    int ItemIndex(const std::string& id) const;  // -1 when absent
};

// Throws DataError naming the file, line (for JSON syntax errors), entry and field.
Instrument ParseInstrument(const std::string& text, const std::string& pathForErrors);
Instrument LoadInstrument(const std::string& path);
// Every *.json file in dir, sorted by id; throws DataError if the folder has none or two share an id.
std::vector<Instrument> LoadInstruments(const std::string& dir);

}  // namespace stegvis
