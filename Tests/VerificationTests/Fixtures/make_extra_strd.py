#!/usr/bin/env python3
"""Writes the two NIST StRD linear problems that ../../../Data/reference/strd lacks, Filip and
Wampler5, in NIST's original file layout, so that `verify strd` is tested on them too.

Provenance (public-domain NIST/ITL StRD values, https://www.itl.nist.gov/div898/strd/lls/lls.shtml):
- Filip data and certified estimates/standard deviations/residual sum of squares as quoted in GSL's
  multifit/test_filip.c; residual SD = sqrt(RSS/71); R-squared 0.996727416185620 (NIST certified
  value); the ANOVA rows follow from RSS and R-squared.
- Wampler5 responses as published by NIST; its residual vector is exactly 100 times Wampler4's
  (y5 - p(x) = 100 (y4 - p(x)) with p(x) = 1 + x + ... + x^5), so its certified standard deviations,
  residual SD and residual sum of squares are 100 (10^4 for sums of squares) times Wampler4's.
"""
import math, pathlib

here = pathlib.Path(__file__).resolve().parent / "strd-extra"
here.mkdir(exist_ok=True)

def write(name, header_model, params, sds, resid_sd, r2, anova, data_header, rows, n_obs, level, kind):
    cert = ["               Certified Regression Statistics", "",
            "                                          Standard Deviation",
            "     Parameter          Estimate             of Estimate", ""]
    cert += [f"        {p:<4}  {e:>22}  {s:>24}" for p, e, s in zip([f"B{i}" for i in range(len(params))], params, sds)]
    cert += ["", "     Residual", f"     Standard Deviation   {resid_sd}", "", f"     R-Squared            {r2}", "", "",
             "               Certified Analysis of Variance Table", "",
             "Source of Degrees of     Sums of                Mean",
             "Variation  Freedom       Squares               Squares          F Statistic", ""] + anova
    head = ["NIST/ITL StRD", f"Dataset Name:  {name} ({name}.dat)", "", "File Format:   ASCII",
            "               Certified Values  (lines {c0} to {c1})", "               Data              (lines {d0} to {d1})", "",
            "Procedure:     Linear Least Squares Regression", "", "Reference:     NIST/ITL StRD (see make_extra_strd.py).", "",
            "Data:          1 Response Variable (y)", "               1 Predictor Variable (x)",
            f"               {n_obs} Observations", f"               {level} Level of Difficulty", f"               {kind} Data", "",
            "Model:         Polynomial Class", f"               {len(params)} Parameters (B0,B1,...,B{len(params)-1})", ""] + header_model + [""]
    c0 = len(head) + 1
    body = head + cert
    c1 = len(body)
    while len(body) < 59: body.append("")
    body.append(data_header)
    d0 = len(body) + 1
    body += rows
    d1 = len(body)
    text = "\n".join(body).replace("{c0}", str(c0)).replace("{c1}", str(c1)).replace("{d0}", str(d0)).replace("{d1}", str(d1))
    (here / f"{name}.dat").write_text(text + "\n")

filip_x = """-6.860120914 -4.324130045 -4.358625055 -4.358426747 -6.955852379 -6.661145254 -6.355462942 -6.118102026
-7.115148017 -6.815308569 -6.519993057 -6.204119983 -5.853871964 -6.109523091 -5.79832982 -5.482672118 -5.171791386
-4.851705903 -4.517126416 -4.143573228 -3.709075441 -3.499489089 -6.300769497 -5.953504836 -5.642065153 -5.031376979
-4.680685696 -4.329846955 -3.928486195 -8.56735134 -8.363211311 -8.107682739 -7.823908741 -7.522878745 -7.218819279
-6.920818754 -6.628932138 -6.323946875 -5.991399828 -8.781464495 -8.663140179 -8.473531488 -8.247337057 -7.971428747
-7.676129393 -7.352812702 -7.072065318 -6.774174009 -6.478861916 -6.159517513 -6.835647144 -6.53165267 -6.224098421
-5.910094889 -5.598599459 -5.290645224 -4.974284616 -4.64454848 -4.290560426 -3.885055584 -3.408378962 -3.13200249
-8.726767166 -8.66695597 -8.511026475 -8.165388579 -7.886056648 -7.588043762 -7.283412422 -6.995678626 -6.691862621
-6.392544977 -6.067374056 -6.684029655 -6.378719832 -6.065855188 -5.752272167 -5.132414673 -4.811352704 -4.098269308
-3.66174277 -3.2644011""".split()
filip_y = """0.8116 0.9072 0.9052 0.9039 0.8053 0.8377 0.8667 0.8809 0.7975 0.8162 0.8515 0.8766 0.8885 0.8859 0.8959
0.8913 0.8959 0.8971 0.9021 0.909 0.9139 0.9199 0.8692 0.8872 0.89 0.891 0.8977 0.9035 0.9078 0.7675 0.7705 0.7713
0.7736 0.7775 0.7841 0.7971 0.8329 0.8641 0.8804 0.7668 0.7633 0.7678 0.7697 0.77 0.7749 0.7796 0.7897 0.8131 0.8498
0.8741 0.8061 0.846 0.8751 0.8856 0.8919 0.8934 0.894 0.8957 0.9047 0.9129 0.9209 0.9219 0.7739 0.7681 0.7665 0.7703
0.7702 0.7761 0.7809 0.7961 0.8253 0.8602 0.8809 0.8301 0.8664 0.8834 0.8898 0.8964 0.8963 0.9074 0.9119 0.9228""".split()
assert len(filip_x) == len(filip_y) == 82
filip_b = ["-1467.48961422980", "-2772.17959193342", "-2316.37108160893", "-1127.97394098372", "-354.478233703349",
           "-75.1242017393757", "-10.8753180355343", "-1.06221498588947", "-0.670191154593408E-01",
           "-0.246781078275479E-02", "-0.402962525080404E-04"]
filip_sd = ["298.084530995537", "559.779865474950", "466.477572127796", "227.204274477751", "71.6478660875927",
            "15.2897178747400", "2.23691159816033", "0.221624321934227", "0.142363763154724E-01",
            "0.535617408889821E-03", "0.896632837373868E-05"]
rss = 0.795851382172941E-03
r2 = 0.996727416185620
tss = rss / (1 - r2)
write("Filip",
      ["               y = B0 + B1*x + B2*(x**2) + B3*(x**3)+ B4*(x**4) + B5*(x**5)",
       "                     + B6*(x**6) + B7*(x**7) + B8*(x**8) + B9*(x**9)",
       "                     + B10*(x**10) + e"],
      filip_b, filip_sd, f"{math.sqrt(rss / 71):.15E}", "0.996727416185620",
      [f"Regression   10      {tss - rss:.15E}   {(tss - rss) / 10:.15E}   {((tss - rss) / 10) / (rss / 71):.15E}",
       f"Residual     71      {rss:.15E}   {rss / 71:.15E}"],
      "Data:       y          x", [f"         {y:>8}   {x:>14}" for y, x in zip(filip_y, filip_x)], 82, "Higher", "Observed")

w5_y = """7590001 -20479994 20480063 -20479636 25231365 -20476094 20489331 -20460392 18417449 -20413570 20591111
-20302844 18651453 -20077766 21059195 -19666384 26348481 -18971402 22480719 -17866340 10958421""".split()
w4_sd = ["215232.624678170", "236355.173469681", "77934.3524331583", "10147.5507550350", "564.566512170752", "11.2324854679312"]
w5_sd = [f"{float(s) * 100:.15G}" for s in w4_sd]
w4_rss, w_reg = 835542680000.000, 18814317208116.7
w5_rss = w4_rss * 1e4
write("Wampler5",
      ["               y = B0 + B1*x + B2*(x**2) + B3*(x**3)+ B4*(x**4) + B5*(x**5)"],
      ["1.00000000000000"] * 6, w5_sd, f"{236014.502379268 * 100:.15G}",
      f"{w_reg / (w_reg + w5_rss):.15E}",
      [f"Regression    5      {w_reg:.15G}      {w_reg / 5:.15G}   {(w_reg / 5) / (w5_rss / 15):.15G}",
       f"Residual     15      {w5_rss:.15G}      {w5_rss / 15:.15G}"],
      "Data:            y     x", [f"         {y:>10}     {x}" for x, y in enumerate(w5_y)], 21, "Higher", "Generated")
