// Statistics over a readiness questionnaire (step 4): per item and per subscale, plus the weakest items.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "reference/Instruments.hpp"

namespace stegvis {

// answers[r][i] = respondent r's answer to item i (index into Instrument::items); nullopt = not answered.
using ResponseGrid = std::vector<std::vector<std::optional<int>>>;

struct ItemStats {
    std::string itemId;
    int n = 0;
    double mean = 0;
    std::vector<int> counts;  // counts[k] = answers equal to scale[k].value
};

struct SubscaleStats {
    std::string subscaleId;
    int n = 0;  // respondents with at least one answered item in the subscale
    double mean = 0;
    double sd = 0;  // sample SD (n-1); 0 when n < 2
    double min = 0;
    double max = 0;
};

struct ReadinessStats {
    int respondents = 0;                   // respondents with at least one answer
    std::vector<ItemStats> items;          // in instrument order
    std::vector<SubscaleStats> subscales;  // in instrument order
    // Ids of the (up to) 3 answered items with the lowest mean; ties keep instrument order.
    std::vector<std::string> weakestItems;
};

// Subscale scores follow Shea et al. 2014: each respondent's score is the mean of their answered items in the
// subscale; the statistics are taken over those per-respondent means. Answers outside the scale are ignored.
ReadinessStats ComputeReadiness(const Instrument& instrument, const ResponseGrid& answers);

}  // namespace stegvis
