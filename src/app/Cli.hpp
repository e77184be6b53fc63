#pragma once

namespace stegvis {
// Parses the command line; runs a subcommand, or the GUI when there is none.
int RunCli(int argc, char** argv);
}  // namespace stegvis
