import FuzzSupport

Fuzz.run(fuzzCSV)
