// libFuzzer target: the phases and steps loader (ParseManual).
#include "FuzzEntries.hpp"

STEGVIS_FUZZ_TARGET("manual")
