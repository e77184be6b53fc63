#include "app/Cli.hpp"

int main(int argc, char** argv) { return stegvis::RunCli(argc, argv); }
