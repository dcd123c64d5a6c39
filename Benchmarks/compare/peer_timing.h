/* Timing helpers shared by the C peers: a monotonic clock and the median of repeated timings. */
#ifndef PEER_TIMING_H
#define PEER_TIMING_H
#include <stdlib.h>
#include <time.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static int compare_doubles(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Sorts values[0..count) and returns their median. */
static double median(double *values, int count) {
    qsort(values, count, sizeof(double), compare_doubles);
    return count % 2 ? values[count / 2] : 0.5 * (values[count / 2 - 1] + values[count / 2]);
}
#endif
