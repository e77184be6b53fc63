// What each fuzz target does with one input. The libFuzzer targets (tests/fuzz/fuzz_<name>.cpp)
// and the regression test that replays tests/fuzz/regressions/<name>/ run the same code.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace stegvis::fuzz {

// How an input was handled. Refusing it with a DataError (or, for the import, an OpenError) is
// fine as long as the message says something; a crash, a sanitizer report or any other exception
// escaping is a bug.
struct Outcome {
    bool refused = false;
    std::string message;  // the refusal's message
};

struct Target {
    const char* name;  // also the folder name under corpus/ and regressions/
    Outcome (*run)(const std::string& input);
};

// backup, measures, catalog, manual, instrument, template, project.
const std::vector<Target>& Targets();
const Target& FindTarget(const std::string& name);

}  // namespace stegvis::fuzz

// The whole of a fuzz_<name>.cpp: libFuzzer's entry point running the target of that name.
#define STEGVIS_FUZZ_TARGET(name)                                                     \
    extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {         \
        static const stegvis::fuzz::Target& target = stegvis::fuzz::FindTarget(name); \
        target.run(std::string(reinterpret_cast<const char*>(data), size));           \
        return 0;                                                                     \
    }
