// Intentionally empty: SwiftPM needs one source file for the header-only module above.
#include "CLibFuzzer.h"
