#!/usr/bin/python3
"""The documentation site in a real browser: headless Chromium (Debian's chromium and
chromium-driver, driven by python3-selenium) opens every chapter page and the main pages of
build/docs/html and checks, on each:

- the formulas rendered: MathJax ran, drew at least one formula on a chapter page, reported no
  error, and no raw TeX is left in the text (code blocks and the printed trace aside);
- every picture loaded: each <img> has a size, each SVG <object> has a document with an <svg>;
- every internal link resolves: the file exists, and so does the anchor it names.

A PNG screenshot of each page is kept in the screenshot folder: its first screen (1200×1800), or
the whole page (up to 16000 pixels high) for a page that failed, and for every page with
--full-screenshots (about two seconds a page more).

    tests/docs_browser_test.py build/docs/html build/docs/screenshots [--full-screenshots]
"""
import html.parser
import pathlib
import re
import sys
import urllib.parse

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

# Text left once MathJax is done, without code, the printed trace and MathJax's own sources: a
# backslash command or a Doxygen math delimiter there is TeX that did not render.
VISIBLE_TEXT = """
const body = document.body.cloneNode(true);
body.querySelectorAll('pre, code, .fragment, script, style, .MathJax_SVG, .MathJax_Preview, .MathJax_SVG_Display')
    .forEach(e => e.remove());
return body.innerText;
"""
RAW_TEX = re.compile(r"\\[a-zA-Z]+|\\f\$|\\f\[|\$\$")

MATHJAX_DONE = """
const done = arguments[arguments.length - 1];
if (typeof MathJax === 'undefined' || !MathJax.Hub) { done('MathJax did not load'); return; }
MathJax.Hub.Queue(() => done('ok'));
"""

PICTURES = """
const problems = [];
document.querySelectorAll('img').forEach(img => {
  if (!img.complete || img.naturalWidth === 0) problems.push('image did not load: ' + img.getAttribute('src'));
});
document.querySelectorAll('object[type="image/svg+xml"]').forEach(o => {
  const doc = o.contentDocument;
  if (!doc || !doc.querySelector('svg')) problems.push('SVG did not load: ' + o.getAttribute('data'));
});
return problems;
"""


class Anchors(html.parser.HTMLParser):
    """The ids and names a page defines, for checking #fragments."""

    def __init__(self):
        super().__init__()
        self.names = set()

    def handle_starttag(self, tag, attrs):
        for key, value in attrs:
            if key in ("id", "name") and value:
                self.names.add(value)


def anchors_of(path, cache={}):
    if path not in cache:
        parser = Anchors()
        parser.feed(path.read_text(encoding="utf-8", errors="replace"))
        cache[path] = parser.names
    return cache[path]


def broken_links(page, hrefs):
    problems = []
    for href in sorted(set(hrefs)):
        parsed = urllib.parse.urlparse(href)
        if parsed.scheme in ("http", "https", "mailto", "javascript") or href.startswith("#!"):
            continue
        target = page if not parsed.path else (page.parent / urllib.parse.unquote(parsed.path)).resolve()
        if parsed.scheme == "file":
            target = pathlib.Path(urllib.parse.unquote(parsed.path))
        if not target.exists():
            problems.append(f"link to a missing file: {href}")
        elif parsed.fragment and target.suffix == ".html" and parsed.fragment not in anchors_of(target):
            problems.append(f"link to a missing anchor: {href}")
    return problems


def main():
    arguments = [a for a in sys.argv[1:] if a != "--full-screenshots"]
    full_screenshots = len(arguments) < len(sys.argv) - 1
    if len(arguments) != 2:
        print(__doc__)
        return 2
    site = pathlib.Path(arguments[0]).resolve()
    shots = pathlib.Path(arguments[1])
    shots.mkdir(parents=True, exist_ok=True)
    chapters = sorted(p for p in site.glob("chapter_*.html") if "_8" not in p.name)  # not chapter_8hpp.html
    pages = [site / name for name in ("index.html", "chapters.html", "instructors.html", "trace_format.html",
                                      "exercises_list.html", "code_exercises.html", "code_exercises_instructors.html", "namespacennwb.html", "activations_8hpp.html", "softmax_8hpp.html")] + chapters
    if len(chapters) < 22:
        print(f"FAIL: {len(chapters)} chapter pages in {site}, expected 22")
        return 1

    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--allow-file-access-from-files", "--window-size=1200,1800"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.set_script_timeout(60)
    failures = 0
    try:
        for page in pages:
            problems = []
            if not page.exists():
                print(f"FAIL {page.name}: the page is missing")
                failures += 1
                continue
            driver.get(page.as_uri())
            state = driver.execute_async_script(MATHJAX_DONE)
            if state != "ok":
                problems.append(state)
            formulas = driver.execute_script("return document.querySelectorAll('.MathJax_SVG, .MathJax_SVG_Display').length")
            if page in chapters and formulas == 0:
                problems.append("no formula was rendered")
            errors = driver.execute_script(
                "return document.querySelectorAll('.MathJax_Error, merror, .merror').length")
            text = driver.execute_script(VISIBLE_TEXT)
            if errors or "Math Processing Error" in text:
                problems.append(f"MathJax reported {errors or 'an'} error(s)")
            raw = sorted(set(RAW_TEX.findall(text)))
            if raw:
                problems.append("raw TeX left in the text: " + " ".join(raw[:8]))
            problems += driver.execute_script(PICTURES)
            hrefs = driver.execute_script("return [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))")
            problems += broken_links(page, hrefs)
            if problems or full_screenshots:
                # The whole page in one PNG (up to 16000 pixels high), then back to the usual window.
                height = driver.execute_script("return document.documentElement.scrollHeight")
                driver.set_window_size(1200, min(max(height, 800), 16000))
                driver.save_screenshot(str(shots / (page.stem + ".png")))
                driver.set_window_size(1200, 1800)
            else:
                driver.save_screenshot(str(shots / (page.stem + ".png")))
            if problems:
                failures += 1
                print(f"FAIL {page.name}:")
                for problem in problems:
                    print(f"    {problem}")
            else:
                print(f"ok   {page.name}: {formulas} formulas, {len(set(hrefs))} links")
    finally:
        driver.quit()
    print(f"{len(pages) - failures} of {len(pages)} pages passed; screenshots in {shots}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
