// libFuzzer target: pasted measure data (ParsePasted), as counts and as shares, weekly and monthly.
#include "FuzzEntries.hpp"

STEGVIS_FUZZ_TARGET("measures")
