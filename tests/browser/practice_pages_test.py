#!/usr/bin/python3
"""The practice pages of the live site (build/site/exercise_<id>.html, issue 12) in headless Chromium,
opened from file://. For every exercise:

- the key's answers, typed into the page's inputs key by key, get full marks;
- each named mistake (practice_answers writes a file per mistake) gets the native grader's verdict,
  and most are named: the page's grade (#nnwb-grade) has the native grade's score, and each step
  its outcome, mistake and interval shown;
- the wrong answers of the fuzz corpus (tests/fuzz/corpus/answer_file/*.wrong: wrong early steps,
  later ones computed from them) get their follow-through credit, as natively;
- "Download answer file" writes a file that `nnwb-exercise grade` gives the same score;
- answers are kept in the browser's storage: a reload shows them again;
- bad input (text in a number box, a matrix with an entry left empty) gets a message beside it.

    tests/browser/practice_pages_test.py NNWB_EXERCISE PRACTICE_ANSWERS SITE SCREENSHOTS WRONG_FILE...
"""
import json
import pathlib
import subprocess
import sys
import tempfile
import time
import tomllib

from selenium.webdriver.common.by import By

from chromium import headless_chromium, wait_for_state  # (tests/browser/)
from compare_exercises import same_text  # (tests/browser/: an interval's last printed digit may differ by one)



def native_grade(nnwb_exercise, exercise, path):
    done = subprocess.run([nnwb_exercise, "grade", exercise, str(path), "--format", "json"], capture_output=True, timeout=120)
    return json.loads(done.stdout)


def entries(value):
    """A TOML answer flattened as the page lays out its inputs (row by row); '' for a blank."""
    if value == "":
        return None
    if isinstance(value, bool):
        return ["true" if value else "false"]
    if isinstance(value, list):
        return [repr(float(x)) for row in value for x in (row if isinstance(row, list) else [row])]
    return [repr(float(value))]


def open_variant(driver, site, exercise, answers):
    query = f"?student={answers['student']}" if "student" in answers else f"?seed={answers['seed']}" if "seed" in answers else ""
    driver.get((site / f"exercise_{exercise}.html").as_uri() + query)
    wait_for_state(driver, ("ready", "failed"))


FILL = """
const [values] = arguments;
for (const input of document.querySelectorAll('.nnwb-exercise-input')) {
  const step = values[input.dataset.step] || [];
  const mine = [...document.querySelectorAll('.nnwb-exercise-input')].filter(e => e.dataset.step === input.dataset.step);
  input.value = step[mine.indexOf(input)] || '';
  input.dispatchEvent(new Event('change'));
}
"""


def type_answers(driver, answers, keys=False):
    """Fills every input from the file's answers (clearing those it leaves blank): typed key by key
    when `keys`, else set in one script (the same values; typing every file would take minutes)."""
    values = {step: entries(value) or [] for step, value in answers["answers"].items()}
    if not keys:
        driver.execute_script(FILL, values)
        return
    elements = driver.find_elements(By.CSS_SELECTOR, ".nnwb-exercise-input")
    steps = driver.execute_script("return [...document.querySelectorAll('.nnwb-exercise-input')].map(e => [e.dataset.step, e.tagName])")
    seen = {}
    for element, (step, tag) in zip(elements, steps):
        at = seen[step] = seen.get(step, -1) + 1
        value = values[step][at] if values.get(step) else ""
        if tag == "SELECT":
            driver.execute_script("arguments[0].value = arguments[1]", element, value)
        else:
            element.clear()
            if value:
                element.send_keys(value)


# Check pressed, and the grade read once the page says it is graded, in one script (a WebDriver
# round trip each for the click, the wait and the reading took a fifth of the test's time).
CHECK = """
const done = arguments[arguments.length - 1];
document.body.dataset.state = 'checking';
new MutationObserver((records, observer) => {
  if (document.body.dataset.state !== 'graded') return;
  observer.disconnect();
  done([document.getElementById('nnwb-grade').textContent, document.body.dataset.gradeMs]);
}).observe(document.body, {attributes: true, attributeFilter: ['data-state']});
document.getElementById('nnwb-check').click();
"""


def check(driver):
    """The page's grade (#nnwb-grade) after Check, and how long grading took in the page (ms)."""
    grade, ms = driver.execute_async_script(CHECK)
    return json.loads(grade), int(ms)


def differences(where, page, native):
    problems = []
    if page["score"] != native["score"] or page["max_score"] != native["max_score"]:
        problems.append(f"{where}: the page gives {page['score']}/{page['max_score']}, nnwb-exercise {native['score']}/{native['max_score']}")
    for a, b in zip(page["steps"], native["steps"]):
        for field in ("step", "outcome", "mistake", "accepted", "score"):
            if a[field] != b[field] and not (field == "accepted" and same_text(a[field], b[field])):
                problems.append(f"{where}: step {b['step']}: {field} is {a[field]!r} in the page, {b[field]!r} natively")
    return problems


def main():
    nnwb_exercise, practice_answers = sys.argv[1], sys.argv[2]
    site, shots = pathlib.Path(sys.argv[3]).resolve(), pathlib.Path(sys.argv[4])
    wrong_files = [pathlib.Path(p) for p in sys.argv[5:]]
    shots.mkdir(parents=True, exist_ok=True)
    work = pathlib.Path(tempfile.mkdtemp(prefix="nnwb-practice-"))
    subprocess.run([practice_answers, str(work / "answers")], check=True)
    downloads = work / "downloads"
    downloads.mkdir()
    # The corpus files start with a byte for the fuzzer (which exercise): the answer file follows.
    files = list((work / "answers").glob("*.toml"))
    for wrong in wrong_files:
        (work / f"{wrong.stem}.wrong.toml").write_bytes(wrong.read_bytes()[1:])
        files.append(work / f"{wrong.stem}.wrong.toml")
    files.sort(key=lambda f: (f.name.endswith(".wrong.toml"), f.name))
    driver = headless_chromium(downloads)
    driver.set_script_timeout(30)
    problems, named, follow_through, timings = [], 0, 0, []
    try:
        shown = None
        for path in files:
            exercise = path.name.split(".")[0] + "." + path.name.split(".")[1]
            answers = tomllib.loads(path.read_text())
            # The page is opened once per exercise and variant; each file is typed over the last.
            variant = (exercise, answers.get("student"), answers.get("seed"))
            if variant != shown:
                open_variant(driver, site, exercise, answers)
                shown = variant
            type_answers(driver, answers, keys=path.name.endswith(".key.toml"))
            page, ms = check(driver)
            timings.append(ms)
            native = native_grade(nnwb_exercise, exercise, path)
            problems += differences(path.name, page, native)
            named += sum(s["outcome"] == "named mistake" for s in page["steps"]) if ".mistake." in path.name else 0
            follow_through += sum(s["outcome"] == "follow-through" for s in page["steps"])
            if path.name.endswith(".key.toml"):
                if page["score"] != page["max_score"]:
                    problems.append(f"{path.name}: the key's answers get {page['score']} of {page['max_score']}")
                problems += downloaded_file_agrees(driver, nnwb_exercise, exercise, downloads, page, path.name)
                if exercise == "delta_recursion.batch":
                    driver.save_screenshot(str(shots / "practice_delta_recursion.batch.png"))
                    problems += answers_are_kept(driver)
                    problems += bad_input(driver)
    finally:
        driver.quit()
    mistakes = sum(".mistake." in f.name for f in files)
    if named < mistakes * 0.8:
        problems.append(f"only {named} of {mistakes} named mistakes were named")
    if follow_through == 0:
        problems.append("no follow-through credit was given")
    for problem in problems:
        print(problem)
    print(f"{len(files)} answer files typed into the practice pages ({mistakes} named mistakes: {named} named; "
          f"{follow_through} follow-through steps); checking took at most {max(timings)} ms: "
          f"{'the native grades on every one' if not problems else f'{len(problems)} problems'}")
    return 1 if problems else 0


def downloaded_file_agrees(driver, nnwb_exercise, exercise, downloads, page, name):
    for old in downloads.iterdir():
        old.unlink()
    driver.find_element(By.ID, "nnwb-download").click()
    deadline = time.time() + 20
    while time.time() < deadline and not [p for p in downloads.iterdir() if p.suffix == ".toml"]:
        time.sleep(0.1)
    found = [p for p in downloads.iterdir() if p.suffix == ".toml"]
    if not found:
        return [f"{name}: no answer file was downloaded"]
    native = native_grade(nnwb_exercise, exercise, found[0])
    if native["score"] != page["score"] or native["error"]:
        return [f"{name}: the downloaded {found[0].name} gets {native['score']} natively ({native['error']}), the page {page['score']}"]
    return []


def answers_are_kept(driver):
    typed = driver.execute_script("return [...document.querySelectorAll('.nnwb-exercise-input')].map(e => e.value)")
    driver.refresh()
    wait_for_state(driver, ("ready",))
    again = driver.execute_script("return [...document.querySelectorAll('.nnwb-exercise-input')].map(e => e.value)")
    return [] if again == typed else ["the answers typed were not there after a reload"]


def bad_input(driver):
    problems = []
    inputs = driver.find_elements(By.CSS_SELECTOR, "input.nnwb-exercise-input")
    inputs[0].clear()
    inputs[0].send_keys("zero point one")
    inputs[1].clear()
    driver.find_element(By.ID, "nnwb-check").click()
    feedback = driver.execute_script("return document.querySelector('.nnwb-feedback').textContent")
    if "not a number" not in feedback:
        problems.append(f"text in a number box: the message beside it is '{feedback}'")
    if "nnwb-invalid" not in inputs[0].get_attribute("class"):
        problems.append("text in a number box: the box is not marked")
    # A matrix with one entry left empty: the answer has the wrong shape, said beside it.
    driver.execute_script("document.querySelectorAll('.nnwb-exercise-input').forEach(e => { e.value = '1'; })")
    last = driver.find_elements(By.CSS_SELECTOR, "input.nnwb-exercise-input")[-1]
    last.clear()
    driver.find_element(By.ID, "nnwb-check").click()
    feedback = driver.execute_script("return [...document.querySelectorAll('.nnwb-feedback')].pop().textContent")
    if "fill in every entry" not in feedback:
        problems.append(f"a matrix with an empty entry: the message beside it is '{feedback}'")
    return problems


if __name__ == "__main__":
    sys.exit(main())
