import FuzzSupport

Fuzz.run(fuzzSelfStart)
