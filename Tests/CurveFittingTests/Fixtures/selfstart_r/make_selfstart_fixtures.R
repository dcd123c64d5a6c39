#!/usr/bin/env Rscript
# Reference fits of R's self-starting models (stats::SSmicmen, SSasymp, SSasympOrig, SSbiexp,
# SSfol) on datasets of R's datasets package; writes the data CSVs and selfstart_fits.json here.
#
# Run from this folder: Rscript make_selfstart_fixtures.R
# Each fit is stats::nls started from the model's own self-start (getInitial, default control),
# then iterated with tol = 1e-8 (relative offset) so that the recorded estimates are converged well beyond the
# 1e-6 the tests check (warnOnly: where rounding keeps the offset above 1e-8 the fit stops at the
# iteration limit; relativeOffset records where each one stopped).
# Parametrisations (R's, and Foresight's models of the same name):
#   micmen    y = Vm * x / (K + x)
#   asymp     y = Asym + (R0 - Asym) * exp(-exp(lrc) * x)
#   asymporig y = Asym * (1 - exp(-exp(lrc) * x))
#   biexp     y = A1 * exp(-exp(lrc1) * x) + A2 * exp(-exp(lrc2) * x)
#   fol       y = Dose * exp(lKe + lKa - lCl) * (exp(-exp(lKe) * x) - exp(-exp(lKa) * x)) / (exp(lKa) - exp(lKe))
control <- nls.control(tol = 1e-8, maxiter = 200, minFactor = 1e-12, warnOnly = TRUE)
fits <- list()
tight <- function(formula, d) nls(formula, d, start = getInitial(formula, d), control = control)
record <- function(name, model, data, fit, x, y, group, dose = NULL) {
  s <- summary(fit)
  fits[[length(fits) + 1]] <<- list(
    name = name, model = model, data = data, x = x, y = y, group = group, dose = dose,
    parameters = as.list(coef(fit)),
    standardErrors = as.list(s$coefficients[, 2]),
    rss = deviance(fit), n = length(resid(fit)), relativeOffset = fit$convInfo$finTol)
}
fmt <- function(d, file) write.csv(d, file, row.names = FALSE, quote = TRUE)

pur <- Puromycin
pur$state <- as.character(pur$state)
fmt(pur, "puromycin.csv")
for (st in c("treated", "untreated")) {
  d <- pur[pur$state == st, ]
  record(paste0("Puromycin ", st), "micmen", "puromycin.csv",
         tight(rate ~ SSmicmen(conc, Vm, K), d), "conc", "rate", list(column = "state", value = st))
}

lob <- data.frame(Seed = as.character(Loblolly$Seed), age = Loblolly$age, height = Loblolly$height)
lob <- lob[order(lob$Seed, lob$age), ]
fmt(lob, "loblolly.csv")
for (seed in c("301", "329", "331", "305")) {
  d <- lob[lob$Seed == seed, ]
  record(paste0("Loblolly ", seed), "asymp", "loblolly.csv",
         tight(height ~ SSasymp(age, Asym, R0, lrc), d), "age", "height", list(column = "Seed", value = seed))
  record(paste0("Loblolly ", seed), "asymporig", "loblolly.csv",
         tight(height ~ SSasympOrig(age, Asym, lrc), d), "age", "height", list(column = "Seed", value = seed))
}

ind <- data.frame(Subject = as.character(Indometh$Subject), time = Indometh$time, conc = Indometh$conc)
fmt(ind, "indometh.csv")
for (subject in as.character(1:6)) {
  d <- ind[ind$Subject == subject, ]
  record(paste0("Indometh ", subject), "biexp", "indometh.csv",
         tight(conc ~ SSbiexp(time, A1, lrc1, A2, lrc2), d), "time", "conc",
         list(column = "Subject", value = subject))
}

th <- data.frame(Subject = as.character(Theoph$Subject), Dose = Theoph$Dose, Time = Theoph$Time, conc = Theoph$conc)
fmt(th, "theoph.csv")
for (subject in as.character(1:12)) {
  d <- th[th$Subject == subject, ]
  fit <- tryCatch(tight(conc ~ SSfol(Dose, Time, lKe, lKa, lCl), d), error = function(e) NULL)
  if (!is.null(fit)) record(paste0("Theoph ", subject), "fol", "theoph.csv", fit, "Time", "conc",
                            list(column = "Subject", value = subject), dose = d$Dose[1])
}

out <- list(generator = "make_selfstart_fixtures.R", r = R.version.string, fits = fits)
writeLines(jsonlite_free <- (function(x) {
  # A tiny JSON writer (no packages needed): numbers with 17 significant digits.
  enc <- function(v) {
    if (is.null(v)) return("null")
    if (is.list(v)) {
      if (!is.null(names(v))) return(paste0("{", paste0('"', names(v), '": ', sapply(v, enc), collapse = ", "), "}"))
      return(paste0("[\n", paste0(sapply(v, enc), collapse = ",\n"), "\n]"))
    }
    if (is.character(v)) return(paste0('"', v, '"'))
    if (is.numeric(v)) return(formatC(v, digits = 17, format = "g"))
    stop("unsupported")
  }
  enc(x)
})(out), "selfstart_fits.json")
cat("wrote", length(fits), "fits\n")
