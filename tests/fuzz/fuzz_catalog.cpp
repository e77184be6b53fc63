// libFuzzer target: the recommendation catalog loader (ParseCatalog).
#include "FuzzEntries.hpp"

STEGVIS_FUZZ_TARGET("catalog")
