// libFuzzer target: the JSON backup import (ImportBackup), each input into a new file.
#include "FuzzEntries.hpp"

STEGVIS_FUZZ_TARGET("backup")
