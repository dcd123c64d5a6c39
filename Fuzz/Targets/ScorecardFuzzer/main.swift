import FuzzSupport

Fuzz.run(fuzzScorecard)
