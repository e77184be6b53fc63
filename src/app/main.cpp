#include "app/Cli.hpp"
#include "base/Platform.hpp"

int main(int argc, char** argv) {
    // Past a file-size limit (ulimit -f) a write then fails with EFBIG, which SQLite reports and
    // rolls back, instead of the signal killing the program half-way through; on Windows, binary
    // files and a UTF-8 console.
    stegvis::platform::PrepareProcess();
    return stegvis::RunCli(argc, argv);
}
