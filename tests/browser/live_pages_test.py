#!/usr/bin/python3
"""The live site (build/site, issue 12) in headless Chromium, opened from file:// as a student opens
it from a folder. For every chapter page:

- opened with no variant, then given every seed and student id through its box (by default: seeds
  1 and 2, student s1234567), and every fourth page also opened with ?seed=N and ?student=ID (the
  address is read, then the box's own code runs), the page's trace (#nnwb-trace) equals the native chapter's JSON: the
  parameters byte for byte, every value to 1e-12 of its scale (tests/compare_builds.py's rules:
  difference quotients to 1e-9, chapter 20's fits within the bounds the chapter states);
- KaTeX typeset the formulas (every \( \) and \[ \] of the derivation), reported no error, and
  left no raw TeX in the text;
- every picture was drawn (an <svg> with marks in each figure, no "cannot be drawn"), and a
  computation graph's numbers change with the variant;
- bad input in the box (text as a seed, an empty box, a student id the grader refuses, a bad seed
  in the address) gets a message beside the box and leaves the page working;
- every link of every page resolves, the front page's and the practice pages' included.

Screenshots of a live page are kept in the screenshot folder. How long each variant took to compute
and typeset (body[data-render-ms]) is printed; speed is measured by tests/benchmarks, not here.

    tests/browser/live_pages_test.py build/site build/bin build/site-screenshots [--seeds 1 2 …] [--students s1234567 …]
"""
import argparse
import json
import pathlib
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from chromium import headless_chromium, wait_for_state  # (tests/browser/)

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))
from compare_builds import compare, run  # noqa: E402  (tests/compare_builds.py)
from docs_browser_test import RAW_TEX, broken_links  # noqa: E402  (the documentation site's own checks)

# The page's text without its typeset formulas (KaTeX keeps each formula's TeX in a hidden MathML
# annotation), code and scripts: a backslash command left there is TeX that was not typeset.
VISIBLE_TEXT = """
const body = document.body.cloneNode(true);
body.querySelectorAll('pre, code, script, style, .katex').forEach(e => e.remove());
return body.textContent;
"""
PAGE = """
const figures = [...document.querySelectorAll('#nnwb-pictures figure')];
return {
  trace: document.getElementById('nnwb-trace').textContent,
  message: document.getElementById('nnwb-variant-message').textContent,
  address: window.location.search,
  ms: Number(document.body.dataset.renderMs),
  formulas: document.querySelectorAll('#nnwb-derivation .katex').length,
  mathErrors: document.querySelectorAll('.katex-error').length,
  figures: figures.length,
  undrawn: figures.filter(f => !f.querySelector('svg path, svg circle, svg ellipse') || f.querySelector('.nnwb-message'))
                  .map(f => f.id),
  pictures: document.getElementById('nnwb-pictures').innerHTML,
};
"""


def wait_until_settled(driver, timeout=60):
    """Waits for the page to finish (ready or failed) and returns what it shows."""
    wait_for_state(driver, ("ready", "failed"), timeout)
    return driver.execute_script(PAGE)


def ask(driver, kind, value):
    """Types a variant into the box and presses Show; the page's state before it settles."""
    driver.execute_script("document.body.dataset.state = 'asked'")
    Select(driver.find_element(By.ID, "nnwb-variant-kind")).select_by_value(kind)
    box = driver.find_element(By.ID, "nnwb-variant-value")
    box.clear()
    if value:
        box.send_keys(value)
    driver.find_element(By.CSS_SELECTOR, "#nnwb-variant button[type=submit]").click()


# The box filled and submitted by the page's own controls in one script: the same events as a
# student's (the form's submit button clicked), without a WebDriver round trip per key. The first
# variant asked of each page, and every bad input, are typed key by key (ask above).
ASK_AT_ONCE = """
const [kind, value] = arguments;
document.body.dataset.state = 'asked';
const select = document.getElementById('nnwb-variant-kind');
select.value = kind;
select.dispatchEvent(new Event('change', {bubbles: true}));
const box = document.getElementById('nnwb-variant-value');
box.value = value;
box.dispatchEvent(new Event('input', {bubbles: true}));
document.querySelector('#nnwb-variant button[type=submit]').click();
"""


def hrefs(driver):
    return driver.execute_script("return [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))")


def describe(variant):
    return "default" if variant is None else f"student {variant}" if isinstance(variant, str) else f"seed {variant}"


def check_shown(chapter, variant, shown, native, driver):
    """Problems with a page that shows `variant` of `chapter`."""
    where = f"{chapter} {describe(variant)}"
    problems = []
    if shown["message"]:
        problems.append(f"{where}: the page says '{shown['message']}'")
    try:
        trace = json.loads(shown["trace"])
    except json.JSONDecodeError as error:
        return problems + [f"{where}: #nnwb-trace is not JSON ({error})"]
    problems += compare(chapter, variant, native, trace)
    if shown["formulas"] == 0:
        problems.append(f"{where}: no formula was rendered")
    if shown["mathErrors"]:
        problems.append(f"{where}: KaTeX could not read {shown['mathErrors']} formula(s)")
    raw = sorted(set(RAW_TEX.findall(driver.execute_script(VISIBLE_TEXT))))
    if raw:
        problems.append(f"{where}: raw TeX left in the text: {' '.join(raw[:8])}")
    if shown["undrawn"]:
        problems.append(f"{where}: pictures not drawn: {', '.join(shown['undrawn'])}")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("site")
    parser.add_argument("bin")
    parser.add_argument("screenshots")
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--students", nargs="+", default=["s1234567"])
    options = parser.parse_args()
    site, bin_dir, shots = pathlib.Path(options.site).resolve(), pathlib.Path(options.bin), pathlib.Path(options.screenshots)
    shots.mkdir(parents=True, exist_ok=True)
    pages = sorted(site.glob("chapter_*.html"))
    if len(pages) < 22:
        print(f"FAIL: {len(pages)} live chapter pages in {site}, expected 22")
        return 1

    # Each page is opened as it is (the lecture's numbers) and asked for every other variant through
    # its box, as a student asks for one; every fourth page is also opened by address. (A page load
    # compiles the module again: opening every page three ways took a minute more.)
    asked = options.seeds + options.students
    variants = [None] + asked
    addressed = [options.seeds[0], options.students[0]]
    chapters = [page.stem[len("chapter_"):] for page in pages]
    with ThreadPoolExecutor(max_workers=2) as pool:
        natives = {(c, v): pool.submit(run, str(bin_dir / c), v) for c in chapters for v in variants}

    driver = headless_chromium()
    problems, timings = [], []
    try:
        for index, (chapter, page) in enumerate(zip(chapters, pages)):
            pictures = {}
            plan = [(None, "open")] + [(v, "ask") for v in asked] + [(v, "open") for v in addressed if index % 4 == 0]
            for variant, how in plan:
                query = "" if variant is None else (f"?student={variant}" if isinstance(variant, str) else f"?seed={variant}")
                kind = "student" if isinstance(variant, str) else "seed"
                if how == "open":
                    driver.get(page.as_uri() + query)
                elif variant == asked[0]:
                    ask(driver, kind, str(variant))
                else:
                    driver.execute_script(ASK_AT_ONCE, kind, str(variant))
                shown = wait_until_settled(driver)
                timings.append((shown["ms"], f"{chapter} {describe(variant)}"))
                problems += check_shown(chapter, variant, shown, natives[(chapter, variant)].result(), driver)
                pictures[variant] = shown["pictures"]
                if variant is None:
                    problems += [f"{page.name}: {p}" for p in broken_links(page, hrefs(driver))]
                elif shown["address"] != query:
                    problems.append(f"{chapter} {describe(variant)}: the address says '{shown['address']}', not '{query}'")
            if "<path" in pictures[None] and "class=\"forward\"" in pictures[None] and pictures[None] == pictures[asked[0]]:
                problems.append(f"{chapter}: the computation graph did not change with the variant")
            if chapter == "graph_xyz":
                driver.save_screenshot(str(shots / "live_graph_xyz.png"))
        for other in [site / "index.html"] + sorted(site.glob("exercise_*.html")):
            driver.get(other.as_uri())
            problems += [f"{other.name}: {p}" for p in broken_links(other, hrefs(driver))]
        problems += bad_input(driver, site)
    finally:
        driver.quit()

    timings.sort(reverse=True)
    print("slowest variants to compute and typeset (ms): " + ", ".join(f"{name} {ms:.0f}" for ms, name in timings[:6]))
    for problem in problems:
        print(problem)
    print(f"{len(chapters)} live chapter pages × {len(variants)} variants: "
          f"{'the native numbers, formulas and pictures on every one' if not problems else f'{len(problems)} problems'}")
    return 1 if problems else 0


def bad_input(driver, site):
    """A message beside the box for each bad input, and the page still showing a derivation."""
    problems = []
    page = (site / "chapter_graph_xyz.html").as_uri()
    driver.get(page + "?seed=abc")
    shown = wait_until_settled(driver)
    if "whole number" not in shown["message"] or json.loads(shown["trace"])["variant"]["seed"] is not None:
        problems.append(f"?seed=abc: expected a message and the lecture's numbers, got '{shown['message']}'")
    for kind, value, words in (("seed", "12x", "whole number"), ("seed", "", "Type a seed"),
                               ("seed", "99999999999999999999999", "whole number"),
                               ("student", "", "student id"), ("student", "a/b", "cannot be in an id")):
        before = driver.execute_script("return document.getElementById('nnwb-trace').textContent")
        ask(driver, kind, value)
        message = driver.execute_script("return document.getElementById('nnwb-variant-message').textContent")
        after = driver.execute_script("return document.getElementById('nnwb-trace').textContent")
        if words not in message:
            problems.append(f"{kind} '{value}': the message beside the box is '{message}', expected it to say '{words}'")
        if after != before:
            problems.append(f"{kind} '{value}': the page changed its trace on bad input")
    driver.save_screenshot(str(pathlib.Path(sys.argv[3]) / "live_bad_input.png"))
    return problems


if __name__ == "__main__":
    sys.exit(main())
