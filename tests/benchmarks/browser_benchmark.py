#!/usr/bin/python3
"""The live site's speed in headless Chromium (issue 12's goals), from file://, as a student opens it:

- what a browser downloads for the workbook: nnwb.js (the WebAssembly inside) and the pages' own
  scripts, gzipped as a web server sends them (goal ≤ 1.5 MB);
- each chapter page: from opening it to its trace shown, formulas typeset (goal ≤ 2 s), and a new
  seed typed into its box, computed and typeset again (goal ≤ 200 ms; chapter 18's full-size loop
  aside), the median of three seeds. Both are given twice: to the first screen shown (the page's
  body[data-shown-ms]: the numbers on the page, the first screen's formulas typeset), and to every
  formula typeset (body[data-render-ms]; the rest is typeset a slice at a time, math.js);
- each practice page: Check on the key's answers, graded and shown (goal ≤ 50 ms), the median of five.

    tests/benchmarks/browser_benchmark.py build/site

Run it on a machine doing nothing else: it prints, it does not judge.
"""
import gzip
import pathlib
import statistics
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "browser"))
from chromium import headless_chromium, wait_for_state  # noqa: E402  (tests/browser/)
from selenium.webdriver.common.by import By  # noqa: E402


def downloaded(site):
    files = ["nnwb.js", "nnwb-live.js", "figures.js", "variant-box.js", "practice.js", "scorm.js", "layouts.js"]
    return sum(len(gzip.compress((site / f).read_bytes(), 6)) for f in files)


def ask_seed(driver, seed):
    driver.execute_script("document.body.dataset.state = 'asked'")
    driver.execute_script("document.getElementById('nnwb-variant-kind').value = 'seed'")
    box = driver.find_element(By.ID, "nnwb-variant-value")
    box.clear()
    box.send_keys(str(seed))
    driver.find_element(By.CSS_SELECTOR, "#nnwb-variant button[type=submit]").click()
    wait_for_state(driver, ("ready",))
    return (int(driver.execute_script("return document.body.dataset.shownMs")),
            int(driver.execute_script("return document.body.dataset.renderMs")))


def main():
    site = pathlib.Path(sys.argv[1]).resolve()
    print(f"downloaded, gzipped: {downloaded(site) / 1e6:.2f} MB (nnwb.js alone {len(gzip.compress((site / 'nnwb.js').read_bytes(), 6)) / 1e6:.2f} MB)")
    driver = headless_chromium()
    try:
        print(f"{'chapter':28} {'opened → first screen, all (ms)':>32} {'new seed → first screen, all (ms)':>34}")
        for page in sorted(site.glob("chapter_*.html")):
            driver.get(page.as_uri())
            wait_for_state(driver, ("ready",))
            # The page's own clock, from the start of its navigation.
            first, opened = (int(driver.execute_script(f"return document.body.dataset.{name}")) for name in ("shownAt", "readyAt"))
            again = [ask_seed(driver, seed) for seed in (7, 8, 9)]
            shown, typeset = (statistics.median(times) for times in zip(*again))
            print(f"{page.stem[len('chapter_'):]:28} {first:18.0f} {opened:13.0f} {shown:20.0f} {typeset:13.0f}")
        print(f"{'exercise':28} {'check (ms)':>20}")
        for page in sorted(site.glob("exercise_*.html")):
            driver.get(page.as_uri())
            wait_for_state(driver, ("ready",))
            times = []
            for _ in range(5):
                driver.execute_script("document.body.dataset.state = 'checking'")
                driver.find_element(By.ID, "nnwb-check").click()
                wait_for_state(driver, ("graded",))
                times.append(int(driver.execute_script("return document.body.dataset.gradeMs")))
            print(f"{page.stem[len('exercise_'):]:28} {statistics.median(times):20.0f}")
    finally:
        driver.quit()


if __name__ == "__main__":
    main()
