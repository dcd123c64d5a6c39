// libFuzzer's driver entry point, declared for Swift. SwiftPM renames an executable target's
// `main`, so libFuzzer's own `main` cannot be used; each fuzz target's main.swift calls the
// driver instead (available in libFuzzer since LLVM 12; linked by `-sanitize=fuzzer`).
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
