// libFuzzer target: arbitrary bytes opened as a project file, by status/report (read-only) and as
// a unit of the county roll-up.
#include "FuzzEntries.hpp"

STEGVIS_FUZZ_TARGET("project")
