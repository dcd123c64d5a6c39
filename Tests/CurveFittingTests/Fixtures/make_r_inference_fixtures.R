#!/usr/bin/env Rscript
# Reference values for InferenceReferenceTests.swift (writes r_inference.json beside this script).
#
# R's nls (Gauss-Newton, tolerances tightened) and minpack.lm's nlsLM on two classic data sets:
# - Puromycin, state == "treated": Michaelis-Menten rate ~ Vm*conc/(K+conc) (R's ?Puromycin);
# - DNase1 (run 1 of DNase): logistic density ~ Asym/(1+exp((xmid - x)/scal)) with x = log(conc)
#   (R's ?nls example), and the four-parameter logistic A + (B-A)/(1+exp((xmid - x)/scal)) for the
#   nested-model F test (anova.nls).
# For each fit: estimates, standard errors, RSS, sigma, vcov, correlation, fitted values, residuals;
# confint() (MASS's profile method: the profile t statistic tau(v) = sign(v - est) sqrt(S(v) - S)/sigma
# on profile()'s grid, spline-interpolated at qt(c(a, 1-a), df)); the exact roots of tau(v) = qt(...) by
# uniroot on refits with the parameter held fixed (tolerance 1e-13); predictions at new x with the delta
# method computed here by hand: g = d f/d theta (numericDeriv at the estimate), se = sqrt(g' V g),
# confidence fit +- t se, prediction fit +- t sqrt(se^2 + sigma^2), t = qt((1+level)/2, df).
# A fit with a parameter fixed (Puromycin, K = 0.07) and an anova() F test complete the set.
#
# Run: Rscript make_r_inference_fixtures.R   (needs r-base-core, r-cran-mass, r-cran-minpack.lm)
suppressPackageStartupMessages({ library(MASS); library(minpack.lm) })
ctl <- nls.control(maxiter = 1000, minFactor = 1e-10)
lmctl <- nls.lm.control(ftol = 1e-15, ptol = 1e-15, maxiter = 1000)
# nls (numerical derivatives) stops near 1e-6 relative offset and cannot be tightened; every fit is therefore
# solved by nlsLM with tolerances at machine precision and then handed to nls (started there) for confint.
fit_tight <- function(formula, data, start) {
  lm_fit <- nlsLM(formula, data = data, start = start, control = lmctl)
  list(lm = lm_fit, nls = nls(formula, data = data, start = as.list(coef(lm_fit)), control = ctl))
}
# The analytic Jacobian of the right-hand side (deriv) at theta for predictor values x.
jacobian <- function(formula_text, theta, x_name, x) {
  rhs <- as.formula(formula_text)[[3]]
  env <- as.list(theta); env[[x_name]] <- x
  g <- eval(deriv(rhs, names(theta)), env)
  list(value = num(g), gradient = matrix(attr(g, "gradient"), nrow = length(x)))
}

# A small JSON writer (no jsonlite needed): numbers with 17 significant digits, vectors as arrays.
to_json <- function(v, indent = "") {
  inner <- paste0(indent, " ")
  if (is.list(v)) {
    items <- vapply(v, to_json, "", indent = inner)
    if (!is.null(names(v))) {
      items <- paste0('"', names(v), '": ', items)
      return(paste0("{\n", inner, paste(items, collapse = paste0(",\n", inner)), "\n", indent, "}"))
    }
    return(paste0("[", paste(items, collapse = ", "), "]"))
  }
  if (is.character(v)) return(if (length(v) == 1) paste0('"', v, '"') else paste0("[", paste0('"', v, '"', collapse = ", "), "]"))
  text <- sprintf("%.17g", v)
  if (length(v) == 1) text else paste0("[", paste(text, collapse = ", "), "]")
}

num <- function(v) unname(as.numeric(v))
mat <- function(m) lapply(seq_len(nrow(m)), function(i) num(m[i, ]))

exact_profile <- function(formula_text, data, fit, parameter, level) {
  est <- coef(fit)
  s <- summary(fit)$sigma
  S <- sum(residuals(fit)^2)
  df <- df.residual(fit)
  cut <- qt((1 + level) / 2, df)
  free <- setdiff(names(est), parameter)
  fixed_text <- gsub(paste0("\\b", parameter, "\\b"), "FIXED_VALUE", formula_text, perl = TRUE)
  tau <- function(v) {
    env <- data; env$FIXED_VALUE <- v
    f <- nlsLM(as.formula(fixed_text), data = env, start = as.list(est[free]), control = lmctl)
    sign(v - est[[parameter]]) * sqrt(max(sum(residuals(f)^2) - S, 0)) / s
  }
  se <- summary(fit)$coefficients[parameter, 2]
  bound <- function(direction) {
    step <- direction * se
    repeat {
      v <- est[[parameter]] + step * cut
      if (abs(tau(v)) > cut) break
      step <- step * 1.5
    }
    uniroot(function(v) tau(v) - direction * cut, sort(c(est[[parameter]], v)), tol = 1e-13)$root
  }
  c(bound(-1), bound(1))
}

describe <- function(formula_text, data, start, x_name, new_x, levels = c(0.95, 0.9)) {
  fits <- fit_tight(as.formula(formula_text), data, start)
  fit <- fits$nls
  est <- coef(fits$lm)
  S <- sum(residuals(fits$lm)^2)
  df <- nrow(data) - length(est)
  sigma <- sqrt(S / df)
  J <- jacobian(formula_text, est, x_name, data[[x_name]])$gradient
  V <- sigma^2 * solve(crossprod(J))
  dimnames(V) <- list(names(est), names(est))
  new <- jacobian(formula_text, est, x_name, new_x)
  fit_new <- new$value
  se_new <- sqrt(rowSums((new$gradient %*% V) * new$gradient))
  intervals <- lapply(levels, function(level) {
    t <- qt((1 + level) / 2, df)
    ci <- suppressMessages(confint(fit, level = level))
    list(level = level,
         profile_lower = num(ci[, 1]), profile_upper = num(ci[, 2]),
         exact_profile = lapply(names(est), function(p) exact_profile(formula_text, data, fit, p, level)),
         confidence_lower = fit_new - t * se_new, confidence_upper = fit_new + t * se_new,
         prediction_lower = fit_new - t * sqrt(se_new^2 + sigma^2),
         prediction_upper = fit_new + t * sqrt(se_new^2 + sigma^2))
  })
  list(formula = formula_text, parameters = names(est), x = num(data[[x_name]]), y = num(data[[all.vars(as.formula(formula_text))[1]]]),
       start = num(unlist(start)), estimates = num(est), std_errors = num(sqrt(diag(V))),
       nls_std_errors = num(summary(fit)$coefficients[, 2]), rss = S, sigma = sigma, df = df,
       vcov = mat(V), correlation = mat(cov2cor(V)), fitted = num(fitted(fits$lm)), residuals = num(residuals(fits$lm)),
       new_x = new_x, predicted = fit_new, predicted_std_errors = num(se_new), levels = intervals)
}

treated <- subset(Puromycin, state == "treated")
puromycin <- data.frame(x = treated$conc, y = treated$rate)
dnase <- data.frame(x = log(DNase[DNase$Run == 1, "conc"]), y = DNase[DNase$Run == 1, "density"])

mm <- describe("y ~ Vm*x/(K+x)", puromycin, list(Vm = 200, K = 0.1), "x", c(0.01, 0.05, 0.3, 1.5))
logistic <- describe("y ~ Asym/(1+exp((xmid-x)/scal))", dnase, list(Asym = 3, xmid = 0, scal = 1), "x", c(-3, 0, 1.5, 3))

# Fixed parameter: K held at 0.07.
fixed_fit <- nlsLM(y ~ Vm*x/(0.07+x), data = puromycin, start = list(Vm = 200), control = lmctl)
fixed <- list(formula = "y ~ Vm*x/(K+x)", fixed = list(K = 0.07), estimates = num(coef(fixed_fit)),
              std_errors = num(summary(fixed_fit)$coefficients[, 2]), rss = sum(residuals(fixed_fit)^2), df = df.residual(fixed_fit))

# Nested F test: logistic (3) within the four-parameter logistic (A = 0 gives the logistic).
fit3 <- fit_tight(y ~ Asym/(1+exp((xmid-x)/scal)), dnase, list(Asym = 3, xmid = 0, scal = 1))$lm
fit4 <- fit_tight(y ~ A+(B-A)/(1+exp((xmid-x)/scal)), dnase, list(A = 0, B = 2, xmid = 0, scal = 1))$lm
a <- anova(fit3, fit4)
ftest <- list(reduced = "y ~ Asym/(1+exp((xmid-x)/scal))", full = "y ~ A+(B-A)/(1+exp((xmid-x)/scal))",
              full_start = c(0, 2, 0, 1), reduced_rss = a[1, 2], full_rss = a[2, 2], df_reduced = a[1, 1], df_full = a[2, 1],
              f = a[2, 5], p_value = a[2, 6])

out <- list(generator = paste(R.version.string, "; MASS", packageVersion("MASS"), "; minpack.lm", packageVersion("minpack.lm")),
            michaelis_menten = mm, logistic = logistic, fixed = fixed, f_test = ftest)
here <- dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE)))
writeLines(to_json(out), con = file.path(here, "r_inference.json"))
