import FuzzSupport

Fuzz.run(fuzzScenario)
