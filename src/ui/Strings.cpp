#include "ui/Strings.hpp"

#include <cstddef>

namespace stegvis::ui {

namespace {
Lang g_lang = Lang::Sv;

const char* const kSv[] = {
#define X(key, sv, en) sv,
#include "ui/Strings.inc"
#undef X
};
const char* const kEn[] = {
#define X(key, sv, en) en,
#include "ui/Strings.inc"
#undef X
};
static_assert(sizeof(kSv) / sizeof(kSv[0]) == static_cast<std::size_t>(S::Count_));
}  // namespace

void SetLanguage(Lang lang) { g_lang = lang; }
Lang CurrentLanguage() { return g_lang; }
const char* T(S key) { return (g_lang == Lang::En ? kEn : kSv)[static_cast<int>(key)]; }

}  // namespace stegvis::ui
