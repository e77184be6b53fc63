// libFuzzer target: the readiness questionnaire loader (ParseInstrument).
#include "FuzzEntries.hpp"

STEGVIS_FUZZ_TARGET("instrument")
