# R peers of Foresight's batch logistic fitting: stats::nls (Gauss-Newton) and minpack.lm::nlsLM
# (Levenberg-Marquardt, MINPACK's lmder) on the first K series of a growth-series file written by
# `foresight synth logistic` (layout FSGROWTH: Sources/Synthetic/SyntheticFile.swift), from the
# file's start vectors, with each function's default controls and the analytic formula model.
#
# Usage: Rscript r_nls.R FILE.bin K REPS
# Prints `peer=r-nls ...` and `peer=r-minpack.lm ...` lines: median seconds over REPS, fits/s, converged.
suppressMessages(library(minpack.lm))
args <- commandArgs(trailingOnly = TRUE)
path <- args[1]; k <- as.integer(args[2]); reps <- as.integer(args[3])
con <- file(path, "rb")
magic <- readChar(con, 8, useBytes = TRUE)
if (magic != "FSGROWTH") stop(paste(path, ": not a FSGROWTH file"))
# The header words are uint64; read them as two uint32 halves (all values are < 2^31 here).
words <- readBin(con, "integer", 12, size = 4, endian = "little")
version <- words[1]; curve <- words[3]; S <- words[5]; N <- words[7]; P <- words[9]
noise <- readBin(con, "double", 1, size = 8, endian = "little")
if (version != 1 || curve != 1 || P != 3) stop("expected a version-1 logistic file")
x <- readBin(con, "double", N, size = 8, endian = "little")
y <- matrix(readBin(con, "double", S * N, size = 8, endian = "little"), nrow = N)
start <- matrix(readBin(con, "double", S * P, size = 8, endian = "little"), nrow = P)
close(con)
k <- min(k, S)
run <- function(fitter) {
  ok <- 0L
  for (i in seq_len(k)) {
    d <- data.frame(x = x, y = y[, i])
    s <- list(Asym = start[1, i], xmid = start[2, i], scal = start[3, i])
    f <- try(fitter(y ~ Asym / (1 + exp((xmid - x) / scal)), data = d, start = s), silent = TRUE)
    if (!inherits(f, "try-error") && isTRUE(f$convInfo$isConv)) ok <- ok + 1L
  }
  ok
}
for (peer in c("r-nls", "r-minpack.lm")) {
  fitter <- if (peer == "r-nls") nls else nlsLM
  times <- numeric(reps); ok <- 0L
  for (r in seq_len(reps)) { t <- system.time(ok <- run(fitter))[["elapsed"]]; times[r] <- t }
  s <- median(times)
  cat(sprintf("peer=%s seconds=%.6g work=%d rate=%.6g converged=%d\n", peer, s, k, k / s, ok))
}
