#include "domain/Readiness.hpp"

#include <algorithm>
#include <cmath>

namespace stegvis {

namespace {

constexpr size_t kWeakestCount = 3;

// Index of value in the scale, or -1 when the value is not on it (such answers are never counted).
int ScaleIndex(const Instrument& ins, int value) {
    for (size_t k = 0; k < ins.scale.size(); ++k)
        if (ins.scale[k].value == value) return static_cast<int>(k);
    return -1;
}

SubscaleStats Summarise(const std::string& subscaleId, const std::vector<double>& scores) {
    SubscaleStats s;
    s.subscaleId = subscaleId;
    s.n = static_cast<int>(scores.size());
    if (scores.empty()) return s;
    double sum = 0;
    for (double v : scores) sum += v;
    s.mean = sum / s.n;
    if (s.n >= 2) {
        double squares = 0;
        for (double v : scores) squares += (v - s.mean) * (v - s.mean);
        s.sd = std::sqrt(squares / (s.n - 1));
    }
    auto [lo, hi] = std::minmax_element(scores.begin(), scores.end());
    s.min = *lo;
    s.max = *hi;
    return s;
}

}  // namespace

ReadinessStats ComputeReadiness(const Instrument& ins, const ResponseGrid& answers) {
    ReadinessStats out;
    const size_t itemCount = ins.items.size();
    std::vector<long> itemSums(itemCount, 0);
    out.items.resize(itemCount);
    for (size_t i = 0; i < itemCount; ++i) {
        out.items[i].itemId = ins.items[i].id;
        out.items[i].counts.assign(ins.scale.size(), 0);
    }
    std::vector<std::vector<double>> subscaleScores(ins.subscales.size());
    std::vector<size_t> subscaleOfItem(itemCount, ins.subscales.size());  // size() = no such subscale
    for (size_t i = 0; i < itemCount; ++i)
        for (size_t s = 0; s < ins.subscales.size(); ++s)
            if (ins.items[i].subscale == ins.subscales[s].id) subscaleOfItem[i] = s;

    for (const auto& row : answers) {
        std::vector<long> sums(ins.subscales.size(), 0);
        std::vector<int> answered(ins.subscales.size(), 0);
        bool any = false;
        for (size_t i = 0; i < std::min(row.size(), itemCount); ++i) {
            if (!row[i]) continue;
            int k = ScaleIndex(ins, *row[i]);
            if (k < 0) continue;
            any = true;
            ItemStats& st = out.items[i];
            ++st.n;
            ++st.counts[static_cast<size_t>(k)];
            itemSums[i] += *row[i];
            size_t s = subscaleOfItem[i];
            if (s < sums.size()) {
                sums[s] += *row[i];
                ++answered[s];
            }
        }
        if (any) ++out.respondents;
        for (size_t s = 0; s < sums.size(); ++s)
            if (answered[s] > 0) subscaleScores[s].push_back(static_cast<double>(sums[s]) / answered[s]);
    }

    for (size_t i = 0; i < itemCount; ++i)
        if (out.items[i].n > 0) out.items[i].mean = static_cast<double>(itemSums[i]) / out.items[i].n;
    for (size_t s = 0; s < ins.subscales.size(); ++s)
        out.subscales.push_back(Summarise(ins.subscales[s].id, subscaleScores[s]));

    // Means of equal fractions are bit-identical (division is correctly rounded), so ties compare equal and
    // stable_sort keeps them in instrument order.
    std::vector<const ItemStats*> answeredItems;
    for (const ItemStats& st : out.items)
        if (st.n > 0) answeredItems.push_back(&st);
    std::stable_sort(answeredItems.begin(), answeredItems.end(),
                     [](const ItemStats* a, const ItemStats* b) { return a->mean < b->mean; });
    for (size_t k = 0; k < std::min(kWeakestCount, answeredItems.size()); ++k)
        out.weakestItems.push_back(answeredItems[k]->itemId);
    return out;
}

}  // namespace stegvis
