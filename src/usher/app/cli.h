// The `usher` command line (API.md): parses arguments, runs one command, returns the exit
// status: 0 success, 2 bad usage, 1 any other error (with a one-line message on stderr).
#pragma once

namespace usher::app {

int Main(int argc, char** argv);

}  // namespace usher::app
