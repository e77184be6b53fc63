// UI text in Swedish (default) and English. All strings live in Strings.inc.
#pragma once

namespace stegvis::ui {

enum class Lang { Sv, En };

enum class S {
#define X(key, sv, en) key,
#include "ui/Strings.inc"
#undef X
    Count_
};

void SetLanguage(Lang lang);
Lang CurrentLanguage();
const char* T(S key);

}  // namespace stegvis::ui
