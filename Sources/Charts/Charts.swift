// The Charts module: small SVG charts (axes, ticks, legends) for the HTML report.
