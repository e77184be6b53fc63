// The privacy guard. Stegvis holds aggregate data about a unit, never data about clients. Free
// text that looks like a Swedish personal identity number (or a coordination number) is found
// here so the window can warn when it is saved and the progress summary can list where it is.
// It warns, it never blocks: the text may be a case number that happens to pass the check.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "domain/Model.hpp"

namespace stegvis {

// YYMMDD-NNNN, YYMMDD+NNNN (100 years or older) or YYYYMMDD-NNNN, with a real month, a day of
// 1-31 (or 61-91, a coordination number) and a valid Luhn check digit, not part of a longer
// number. Returns each such number masked as "YYMMDD-****" so a report never repeats it.
std::vector<std::string> FindPersonalNumbers(std::string_view text);
inline bool LooksLikePersonalNumber(std::string_view text) { return !FindPersonalNumbers(text).empty(); }

struct PrivacyFinding {
    std::string where;   // in Swedish, e.g. "Steg 3, anteckningar" or "Beslut 2026-10-01 «Starta MET», motivering"
    std::string masked;  // the first number found, masked
};

// Every free-text field of the project that holds something that looks like a personal
// identity number, in the order the progress summary shows the project.
std::vector<PrivacyFinding> ScanForPersonalNumbers(const ProjectModel& model);

}  // namespace stegvis
