/*
 * OpenBLAS peer of Foresight's dgemm benchmark: cblas_dgemm called from C on the same shapes
 * (column-major n x n, uniform(-0.5, 0.5) entries, C = A B), with the thread count set through
 * openblas_set_num_threads, one warm-up then REPS timed calls (CLOCK_MONOTONIC), median.
 *
 * Build: cc -O2 -o openblas_dgemm openblas_dgemm.c -lopenblas
 * Usage: openblas_dgemm N THREADS [REPS]
 * Prints: peer=openblas-c n=N threads=T seconds=S gflops=G
 */
#include <cblas.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "peer_timing.h"

extern void openblas_set_num_threads(int);


int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: %s N THREADS [REPS]\n", argv[0]);
        return 64;
    }
    int n = atoi(argv[1]), threads = atoi(argv[2]), reps = argc > 3 ? atoi(argv[3]) : 5;
    if (n < 1 || threads < 1 || reps < 1) { fprintf(stderr, "N, THREADS and REPS must be positive\n"); return 64; }
    openblas_set_num_threads(threads);
    size_t count = (size_t)n * n;
    double *a = malloc(8 * count), *b = malloc(8 * count), *c = malloc(8 * count), *times = malloc(8 * reps);
    unsigned long long state = 88172645463325252ULL;
    for (size_t i = 0; i < count; i++) {
        state ^= state << 13; state ^= state >> 7; state ^= state << 17;
        a[i] = (double)(state >> 11) * 0x1p-53 - 0.5;
        state ^= state << 13; state ^= state >> 7; state ^= state << 17;
        b[i] = (double)(state >> 11) * 0x1p-53 - 0.5;
    }
    cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, n, n, n, 1.0, a, n, b, n, 0.0, c, n);
    for (int r = 0; r < reps; r++) {
        double t0 = now();
        cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, n, n, n, 1.0, a, n, b, n, 0.0, c, n);
        times[r] = now() - t0;
    }
    double seconds = median(times, reps);
    printf("peer=openblas-c n=%d threads=%d seconds=%.6g gflops=%.6g\n", n, threads, seconds, 2.0 * n * n * (double)n / seconds * 1e-9);
    return 0;
}
