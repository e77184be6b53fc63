#include <csignal>

#include "app/Cli.hpp"

int main(int argc, char** argv) {
    // Past a file-size limit (ulimit -f) a write then fails with EFBIG, which SQLite reports and
    // rolls back, instead of the signal killing the program half-way through.
    std::signal(SIGXFSZ, SIG_IGN);
    return stegvis::RunCli(argc, argv);
}
