/*
 * MINPACK peer of the Foresight batch-fitting benchmark.
 *
 * Reads a growth-series file written by `foresight synth logistic` (layout: FSGROWTH, documented in
 * Sources/Synthetic/SyntheticFile.swift and Benchmarks/compare/synthetic.py), fits every
 * series y = Asym / (1 + exp((xmid - x) / scal)) with cminpack's lmder (analytic Jacobian) from the
 * start vector stored in the file, on one thread, and prints the throughput, the number of
 * converged fits and a checksum of the estimates. Optionally writes the estimates.
 *
 * Settings (the same as Foresight's FitOptions defaults, so that neither side stops earlier):
 *   ftol = xtol = gtol = 1e-14, maxfev = 2000, mode = 1 (scaling from the Jacobian column norms),
 *   factor = 100, nprint = 0.
 * A fit counts as converged when info is 1..4 (tolerances met) or 6..8 (tolerances too small:
 * no further reduction possible at machine precision), as Foresight reports those as converged.
 *
 * Timing: clock_gettime(CLOCK_MONOTONIC) around the loop over all series (start copy + lmder);
 * the loop is repeated --reps times and the median is reported.
 *
 * Build: cc -O2 -o minpack_logistic minpack_logistic.c $(pkg-config --cflags --libs cminpack) -lm
 * Usage: minpack_logistic DATA.bin [--reps K] [--out ESTIMATES.bin]
 *   ESTIMATES.bin: float64 est[S][3] then float64 converged[S] (1 or 0), little-endian, as
 *   `foresight bench fit --results` writes them.
 */
#include <cminpack.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "peer_timing.h"

typedef struct {
    const double *x;
    const double *y;
} series_t;

/* r_i = f(x_i) - y_i and J_ij = df/dtheta_j, in forms that stay finite when exp overflows. */
static int logistic(void *p, int m, int n, const double *theta, double *fvec, double *fjac, int ldfjac, int iflag) {
    const series_t *s = (const series_t *)p;
    const double asym = theta[0], xmid = theta[1], scal = theta[2];
    (void)n;
    if (iflag == 1) {
        for (int i = 0; i < m; i++) {
            double e = exp((xmid - s->x[i]) / scal);
            fvec[i] = asym / (1.0 + e) - s->y[i];
        }
    } else if (iflag == 2) {
        for (int i = 0; i < m; i++) {
            double e = exp((xmid - s->x[i]) / scal);
            double shape = 1.0 / (1.0 + e);
            double value = asym * shape;
            double q = 1.0 / (1.0 / e + 1.0);
            fjac[i] = shape;
            fjac[i + ldfjac] = -value * q / scal;
            fjac[i + 2 * ldfjac] = value * q * (xmid - s->x[i]) / (scal * scal);
        }
    }
    return 0;
}


int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s DATA.bin [--reps K] [--out ESTIMATES.bin]\n", argv[0]);
        return 64;
    }
    int reps = 5;
    const char *outPath = NULL;
    for (int a = 2; a < argc; a++) {
        if (!strcmp(argv[a], "--reps") && a + 1 < argc) reps = atoi(argv[++a]);
        else if (!strcmp(argv[a], "--out") && a + 1 < argc) outPath = argv[++a];
    }
    FILE *f = fopen(argv[1], "rb");
    if (!f) { perror(argv[1]); return 66; }
    char magic[8];
    uint64_t header[7]; /* version, curve, S, N, P, seed, noise bits */
    if (fread(magic, 1, 8, f) != 8 || memcmp(magic, "FSGROWTH", 8) || fread(header, 8, 7, f) != 7 || header[0] != 1) {
        fprintf(stderr, "%s: not a FSGROWTH version 1 file\n", argv[1]);
        return 65;
    }
    const int S = (int)header[2], N = (int)header[3], P = (int)header[4];
    if (header[1] != 1 || P != 3) { fprintf(stderr, "expected logistic series (curve 1, 3 parameters)\n"); return 65; }
    double *x = malloc(sizeof(double) * N), *y = malloc(sizeof(double) * (size_t)S * N);
    double *start = malloc(sizeof(double) * (size_t)S * P), *est = malloc(sizeof(double) * (size_t)S * P);
    double *ok = malloc(sizeof(double) * S);
    if (fread(x, 8, N, f) != (size_t)N || fread(y, 8, (size_t)S * N, f) != (size_t)S * N ||
        fread(start, 8, (size_t)S * P, f) != (size_t)S * P) {
        fprintf(stderr, "%s: truncated\n", argv[1]);
        return 65;
    }
    fclose(f);

    /* Work arrays, allocated once. */
    double *fvec = malloc(sizeof(double) * N), *fjac = malloc(sizeof(double) * N * P);
    double diag[3], qtf[3], wa1[3], wa2[3], wa3[3], *wa4 = malloc(sizeof(double) * N);
    int ipvt[3], nfev, njev;
    double *rates = malloc(sizeof(double) * reps);
    int converged = 0;
    long evaluations = 0;
    for (int r = 0; r < reps; r++) {
        converged = 0;
        evaluations = 0;
        double t0 = now();
        for (int k = 0; k < S; k++) {
            series_t s = {x, y + (size_t)k * N};
            double *theta = est + (size_t)k * P;
            memcpy(theta, start + (size_t)k * P, sizeof(double) * P);
            int info = lmder(logistic, &s, N, P, theta, fvec, fjac, N, 1e-14, 1e-14, 1e-14, 2000, diag, 1, 100.0, 0,
                             &nfev, &njev, ipvt, qtf, wa1, wa2, wa3, wa4);
            ok[k] = ((info >= 1 && info <= 4) || (info >= 6 && info <= 8)) ? 1.0 : 0.0;
            converged += ok[k] != 0;
            evaluations += nfev;
        }
        double t1 = now();
        rates[r] = S / (t1 - t0);
        fprintf(stderr, "minpack rep %d: %.0f fits/s\n", r + 1, rates[r]);
    }
    double rate = median(rates, reps);
    double checksum = 0;
    for (int k = 0; k < S; k++)
        if (ok[k] != 0) checksum += est[k * P] + est[k * P + 1] + est[k * P + 2];
    printf("peer=minpack threads=1 series=%d converged=%d evaluations=%ld fits_per_s=%.0f checksum=%.12e\n", S, converged,
           evaluations, rate, checksum);
    if (outPath) {
        FILE *o = fopen(outPath, "wb");
        if (!o) { perror(outPath); return 73; }
        fwrite(est, 8, (size_t)S * P, o);
        fwrite(ok, 8, S, o);
        fclose(o);
    }
    return 0;
}
