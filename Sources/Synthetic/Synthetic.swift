// The Synthetic module: seeded synthetic datasets for benchmarks and peers.
