// `stegvis bench`: generates national-scale data, measures start-up, frame time, idle cost,
// edit durability, the HTML report, the county roll-up and memory, prints a table and one JSON
// line, and (full run) writes docs/BENCHMARKS.md.
#pragma once
#include <string>
#include <vector>

namespace stegvis {

struct BenchOptions {
    bool quick = false;
    std::string docPath;  // full run: the Markdown file to write ("" = ResourceDir()/docs/BENCHMARKS.md)
    std::string workDir;  // where the data is generated ("" = a fresh folder in the data folder's disk)
    bool keep = false;    // keep the generated data
    // Only these parts ("rollup", "edits"), nothing else measured and nothing written; empty = all.
    std::vector<std::string> only;
    bool reuse = false;   // with workDir: use the data a run with --keep left there instead of generating it
    int runs = 0;         // with `only`: how many times the roll-up is measured (0 = as a full or quick run)
    std::string command;  // the command line, for the report
    // The server part: a database the benchmark may fill, as its owner ("" = a private cluster
    // it starts itself, when it can).
    std::string server;
};

int RunBench(const BenchOptions& options);

}  // namespace stegvis
