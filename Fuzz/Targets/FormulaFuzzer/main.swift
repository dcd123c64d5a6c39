import FuzzSupport

Fuzz.run(fuzzFormula)
