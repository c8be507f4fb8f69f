#include "usher/app/cli.h"

int main(int argc, char** argv) { return usher::app::Main(argc, argv); }
