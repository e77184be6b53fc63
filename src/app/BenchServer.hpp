// The server part of `stegvis bench` (app/Bench.cpp): a national-scale project on a PostgreSQL
// server, its load, edits by 1, 5 and 20 simulated users at once, a bare insert-and-commit on
// the same server as the floor (alone, and by as many connections as the most users), and the
// time until another window shows an edit.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "reference/Catalog.hpp"
#include "reference/Instruments.hpp"
#include "reference/Phases.hpp"

namespace stegvis {

struct ServerBench {
    std::string where;                          // the server, without secrets
    std::vector<double> loadMs;                 // opening the project (read, written locally, opened)
    // Per number of users: edit to durable on the server, after each user's first edit, which is
    // in firstEditMs (a new connection's first edit also has the server load what it checks).
    std::map<int, std::vector<double>> editMs;
    std::vector<double> firstEditMs;
    std::vector<double> floorMs;                // a bare INSERT and COMMIT on the same server
    std::vector<double> floorManyMs;            // the same by as many connections at once as the most users
    int floorManyUsers = 0;                     // that many, paced as they are
    std::vector<double> shownMs;                // an edit committed until another window has it loaded
    std::string problem;                        // why nothing could be measured
};

// `adminUrl`: a database whose owner this connects as (it may be filled with bench projects).
// Pushes `nationalFile` there as a new project and measures it.
ServerBench MeasureServer(const std::string& adminUrl, const std::string& nationalFile, const Manual& manual,
                          const Catalog& catalog, const std::vector<Instrument>& instruments, bool quick);

// A private PostgreSQL cluster for the benchmark (tests/server/cluster.sh of the source tree):
// its administrator's address, or "" and `problem` when it cannot be started. Stopped by
// StopBenchCluster.
std::string StartBenchCluster(const std::string& folder, std::string* problem);
void StopBenchCluster(const std::string& folder);

}  // namespace stegvis
