// The Forecasting module: series, count-process and growth-curve projections, targets, what-ifs, backtests.
