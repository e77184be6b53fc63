// libFuzzer target: the mustache report templates (RenderTemplateText) on the demo project's data.
#include "FuzzEntries.hpp"

STEGVIS_FUZZ_TARGET("template")
