import FuzzSupport

Fuzz.run(fuzzStRD)
