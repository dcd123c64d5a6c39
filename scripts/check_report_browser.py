#!/usr/bin/env python3
"""Checks a Foresight HTML report in headless Chromium (selenium + chromedriver).

    scripts/check_report_browser.py REPORT_DIR [--screenshots DIR] [--report-only]

At viewport widths 1280 and 420 and in print emulation at A4 width (794 px):
  * svg-text:   no SVG <text> rendered smaller than 11 px (font-size x rendered width / viewBox width)
  * overflow:   no element wider than the viewport (content inside overflow-x:auto/scroll
                containers is ignored; offending elements are listed)
  * svg-a11y:   every <svg> has a <title> and a <desc> (or aria-labelledby / aria-describedby)
At 1280 with every <details> closed: page height <= 15000 px. Printed to PDF (A4): <= 20 pages.
Prints PASS/FAIL per check; exits 1 on a failure unless --report-only.
"""
import argparse, base64, os, re, shutil, sys

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

MIN_TEXT_PX = 11.0
MAX_HEIGHT_PX = 15000
MAX_PAGES = 20
A4_WIDTH_PX = 794

JS_TEXT = r"""
const out = [];
for (const t of document.querySelectorAll('svg text')) {
  const svg = t.ownerSVGElement; if (!svg) continue;
  const r = svg.getBoundingClientRect();
  if (r.width === 0) continue;                       // not rendered (closed <details>, display:none)
  const vb = svg.viewBox && svg.viewBox.baseVal;
  const scale = (vb && vb.width) ? r.width / vb.width : 1;
  const size = parseFloat(getComputedStyle(t).fontSize) * scale;
  if (size < arguments[0]) {
    const title = svg.querySelector('title');
    out.push({px: Math.round(size * 100) / 100, text: (t.textContent || '').trim().slice(0, 40),
              chart: title ? title.textContent.trim().slice(0, 60) : (svg.id || '?')});
  }
}
return out;
"""

JS_OVERFLOW = r"""
const vw = window.innerWidth, out = [];
function scrolls(el) {
  for (let p = el.parentElement; p; p = p.parentElement) {
    const o = getComputedStyle(p).overflowX;
    if (o === 'auto' || o === 'scroll' || o === 'hidden') return true;
  }
  return false;
}
for (const el of document.body.querySelectorAll('*')) {
  const r = el.getBoundingClientRect();
  if (r.width === 0 && r.height === 0) continue;
  if (r.right > vw + 1 && !scrolls(el)) {
    const parent = el.parentElement;
    if (parent && parent.getBoundingClientRect().right > vw + 1 && !scrolls(parent)) continue; // report the outermost
    let name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ').join('.') : '');
    out.push({el: name, right: Math.round(r.right), width: Math.round(r.width),
              text: (el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 50)});
  }
}
return {scrollWidth: document.documentElement.scrollWidth, innerWidth: vw, offenders: out};
"""

JS_A11Y = r"""
const out = [];
document.querySelectorAll('svg').forEach((svg, i) => {
  const byId = (attr) => (svg.getAttribute(attr) || '').split(/\s+/).filter(Boolean).some(id => document.getElementById(id));
  const title = svg.querySelector(':scope > title') || byId('aria-labelledby');
  const desc = svg.querySelector(':scope > desc') || byId('aria-describedby');
  if (!title || !desc) out.push({index: i, title: !!title, desc: !!desc,
                                 near: (svg.closest('figure') || svg.parentElement).textContent.trim().slice(0, 50)});
});
return {count: document.querySelectorAll('svg').length, missing: out};
"""


def make_driver():
    opts = webdriver.ChromeOptions()
    opts.binary_location = shutil.which("chromium") or shutil.which("chromium-browser") or "/usr/bin/chromium"
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars"):
        opts.add_argument(a)
    service = Service(shutil.which("chromedriver") or "/usr/bin/chromedriver")
    return webdriver.Chrome(service=service, options=opts)


def set_view(driver, width, height=900, media=""):
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": media})


def count_pdf_pages(data):
    try:
        import io, pypdf
        return len(pypdf.PdfReader(io.BytesIO(data)).pages)
    except ImportError:
        return len(re.findall(rb"/Type\s*/Page(?![s\w])", data))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("report", help="report directory (or its index.html)")
    ap.add_argument("--screenshots", metavar="DIR", help="write report-1280.png and report-420.png (first 2400/1600 px) here")
    ap.add_argument("--report-only", action="store_true", help="print the measurements, always exit 0")
    ap.add_argument("--max-list", type=int, default=15, help="offending elements listed per check")
    args = ap.parse_args()
    path = args.report
    if os.path.isdir(path):
        path = os.path.join(path, "index.html")
    if not os.path.isfile(path):
        sys.exit(f"{sys.argv[0]}: no such file: {path}")
    url = "file://" + os.path.abspath(path)

    results = []  # (name, ok, detail)

    def check(name, ok, detail, items=()):
        results.append((name, ok))
        print(f"{'PASS' if ok else 'FAIL'}  {name}: {detail}")
        for item in list(items)[:args.max_list]:
            print(f"        {item}")
        if len(items) > args.max_list:
            print(f"        ... and {len(items) - args.max_list} more")

    driver = make_driver()
    try:
        for label, width, media in (("1280", 1280, ""), ("420", 420, ""), ("print-A4", A4_WIDTH_PX, "print")):
            set_view(driver, width, media=media)
            driver.get(url)
            small = driver.execute_script(JS_TEXT, MIN_TEXT_PX)
            by_chart = {}
            for s in small:
                by_chart.setdefault(s["chart"], []).append(s)
            lines = [f"{chart!r}: {len(v)} texts, smallest {min(x['px'] for x in v)} px, e.g. {v[0]['text']!r}"
                     for chart, v in by_chart.items()]
            check(f"svg-text >= {MIN_TEXT_PX:g}px @{label}", not small,
                  f"{len(small)} texts smaller" + (f" (smallest {min(s['px'] for s in small)} px)" if small else ""), lines)
            ov = driver.execute_script(JS_OVERFLOW)
            ok = ov["scrollWidth"] <= ov["innerWidth"] and not ov["offenders"]
            check(f"no horizontal overflow @{label}", ok,
                  f"scrollWidth {ov['scrollWidth']} vs viewport {ov['innerWidth']}, {len(ov['offenders'])} elements past the edge",
                  [f"{o['el']} right={o['right']} width={o['width']} {o['text']!r}" for o in ov["offenders"]])
            if label == "1280":
                a11y = driver.execute_script(JS_A11Y)
                check("svg title+desc", not a11y["missing"], f"{a11y['count']} svgs, {len(a11y['missing'])} without title/desc",
                      [str(m) for m in a11y["missing"]])
                driver.execute_script("document.querySelectorAll('details[open]').forEach(d => d.open = false)")
                height = driver.execute_script("return document.documentElement.scrollHeight")
                check(f"page height <= {MAX_HEIGHT_PX}px @1280 (details closed)", height <= MAX_HEIGHT_PX, f"{height} px")
            if args.screenshots and label in ("1280", "420"):
                os.makedirs(args.screenshots, exist_ok=True)
                shot_h = 2400 if label == "1280" else 1600
                set_view(driver, width, height=shot_h)
                out = os.path.join(args.screenshots, f"report-{label}.png")
                with open(out, "wb") as f:
                    f.write(base64.b64decode(driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png"})["data"]))
                print(f"      wrote {out}")
        set_view(driver, A4_WIDTH_PX, media="")
        driver.get(url)
        pdf = base64.b64decode(driver.execute_cdp_cmd("Page.printToPDF", {
            "paperWidth": 8.27, "paperHeight": 11.69, "printBackground": False, "preferCSSPageSize": True})["data"])
        pages = count_pdf_pages(pdf)
        check(f"printed PDF <= {MAX_PAGES} pages (A4)", pages <= MAX_PAGES, f"{pages} pages, {len(pdf)} bytes")
    finally:
        driver.quit()

    failed = [n for n, ok in results if not ok]
    print(f"\n{len(results) - len(failed)} passed, {len(failed)} failed" + (f": {', '.join(failed)}" if failed else ""))
    if failed and not args.report_only:
        sys.exit(1)


if __name__ == "__main__":
    main()
