// The Synthetic module: seeded synthetic datasets for benchmarks and peers.
//
// Every generator draws from one ``SeededGenerator`` in a documented order, so a seed gives the
// same data on every machine and run (bit-identical with the same libm, see Probability's
// `Sampling.swift`), and an independent implementation of the recipe
// (`Benchmarks/compare/synthetic.py reference`) reproduces it. ``SyntheticFile`` documents the
// binary layout that Foresight's benchmarks and the peers read.

import Probability

extension ClosedRange<Double> {
    /// A uniform draw `lo + (hi − lo)·u`, `u = nextUniform()` (one word).
    func draw(_ generator: inout SeededGenerator) -> Double {
        lowerBound + (upperBound - lowerBound) * generator.nextUniform()
    }
}
