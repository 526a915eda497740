#!/usr/bin/python3
"""The SCORM 1.2 package of an exercise (`nnwb-exercise scorm`, issue 12), run as an LMS runs it: in
headless Chromium, inside a frame of a page that provides the SCORM 1.2 run-time API (a stub that
keeps every call), served over HTTP from a temporary folder.

Checked, after the SCORM 1.2 Run-Time Environment:
- the package: imsmanifest.xml is well-formed XML in the IMS content-packaging namespace, with
  schema "ADL SCORM" version 1.2, one item whose resource is a SCO (adlcp:scormtype="sco") and
  whose href is the exercise's page; every file it lists is in the package, and every file of the
  package is listed; the zip holds the same files at its root;
- the session: the page calls LMSInitialize(""), reads cmi.core.student_id, and shows that
  learner's variant (the trace's seed is the id's);
- the report: with the key's answers typed in and checked, the stub receives cmi.core.score.raw
  "100", score.min "0", score.max "100", a lesson_status ("completed" when the LMS sets no mastery
  score; "passed", or "failed" below it, when it does), and LMSCommit(""); with half the answers
  wrong, the score sent is the grade's percentage;
- leaving the page calls LMSFinish("");
- a learner id nnwb cannot use (with a '/') gets a message in the page, and no score is sent.

    tests/browser/scorm_test.py NNWB_EXERCISE PRACTICE_ANSWERS EXERCISE
"""
import functools
import http.server
import json
import pathlib
import subprocess
import sys
import tempfile
import threading
import tomllib
import traceback
import xml.etree.ElementTree as ET
import zipfile

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from chromium import POLL_SECONDS, headless_chromium, wait_for_state  # (tests/browser/)

IMSCP = "{http://www.imsproject.org/xsd/imscp_rootv1p1p2}"
ADLCP = "{http://www.adlnet.org/xsd/adlcp_rootv1p2}"

# An LMS's page: the SCORM 1.2 API on window.API, every call kept in window.calls, the values the
# LMS gives from the query (?student=…&mastery=…), and the package's page in a frame.
STUB = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>SCORM 1.2 API stub</title>
<script>
const query = new URLSearchParams(location.search);
const given = { 'cmi.core.student_id': query.get('student'), 'cmi.core.student_name': 'Learner, A',
                'cmi.student_data.mastery_score': query.get('mastery') || '', 'cmi.core.lesson_status': 'not attempted' };
window.calls = [];
window.values = {};
let started = false;
window.API = {
  LMSInitialize(p) { calls.push(['LMSInitialize', p]); if (p !== '' || started) return 'false'; started = true; return 'true'; },
  LMSFinish(p) { calls.push(['LMSFinish', p]); started = false; return 'true'; },
  LMSGetValue(name) { calls.push(['LMSGetValue', name]); return name in values ? values[name] : (given[name] ?? ''); },
  LMSSetValue(name, value) { calls.push(['LMSSetValue', name, value]);
    if (!started || typeof value !== 'string') return 'false'; values[name] = value; return 'true'; },
  LMSCommit(p) { calls.push(['LMSCommit', p]); return 'true'; },
  LMSGetLastError() { return '0'; },
  LMSGetErrorString(code) { return 'No error'; },
  LMSGetDiagnostic(code) { return ''; },
};
</script></head>
<body><iframe id="sco" width="1150" height="1700"></iframe>
<script>document.getElementById('sco').src = 'package/' + query.get('page');</script>
</body></html>
"""


def check_package(package, exercise):
    problems = []
    manifest = ET.parse(package / "imsmanifest.xml").getroot()
    if manifest.tag != f"{IMSCP}manifest":
        problems.append(f"the manifest's root is {manifest.tag}")
    schema = manifest.findtext(f"{IMSCP}metadata/{IMSCP}schema")
    version = manifest.findtext(f"{IMSCP}metadata/{IMSCP}schemaversion")
    if (schema, version) != ("ADL SCORM", "1.2"):
        problems.append(f"the manifest's schema is {schema} {version}")
    items = manifest.findall(f"{IMSCP}organizations/{IMSCP}organization/{IMSCP}item")
    resources = {r.get("identifier"): r for r in manifest.findall(f"{IMSCP}resources/{IMSCP}resource")}
    if len(items) != 1 or items[0].get("identifierref") not in resources:
        return problems + ["the manifest has no item with a resource"]
    resource = resources[items[0].get("identifierref")]
    if resource.get(f"{ADLCP}scormtype") != "sco" or resource.get("href") != f"exercise_{exercise}.html":
        problems.append(f"the resource is {resource.get(f'{ADLCP}scormtype')} {resource.get('href')}")
    listed = {f.get("href") for f in resource.findall(f"{IMSCP}file")}
    present = {str(p.relative_to(package)) for p in package.rglob("*") if p.is_file()} - {"imsmanifest.xml"}
    present = {p for p in present if not p.endswith(".scorm.zip")}
    if listed != present:
        problems.append(f"files listed but missing: {sorted(listed - present)[:5]}; present but not listed: {sorted(present - listed)[:5]}")
    with zipfile.ZipFile(package / f"{exercise}.scorm.zip") as archive:
        zipped = {n for n in archive.namelist() if not n.endswith("/")}
    if zipped != present | {"imsmanifest.xml"}:
        problems.append(f"the zip differs from the folder: {sorted(zipped ^ (present | {'imsmanifest.xml'}))[:5]}")
    return problems


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(folder):
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def run_in_lms(driver, base, exercise, student, answers, mastery=""):
    """Opens the package in the stub for `student`, types `answers` (a dict step -> TOML value, or
    None to type nothing), checks, and returns (the page's state, the LMS's calls, the grade)."""
    driver.switch_to.default_content()
    driver.get(f"{base}/stub.html?page=exercise_{exercise}.html&student={student}&mastery={mastery}")
    driver.switch_to.frame(driver.find_element(By.ID, "sco"))
    state = wait_for_state(driver, ("ready", "failed"))
    grade = None
    if state == "ready" and answers is not None:
        boxes = {}
        for element in driver.find_elements(By.CSS_SELECTOR, ".nnwb-exercise-input"):
            boxes.setdefault(element.get_attribute("data-step"), []).append(element)
        for step, elements in boxes.items():
            value = answers.get(step, "")
            flat = value if not isinstance(value, list) else [x for row in value for x in (row if isinstance(row, list) else [row])]
            for element, x in zip(elements, flat if isinstance(flat, list) else [flat]):
                element.clear()  # (the page may show this learner's answers kept from before)
                element.send_keys(repr(float(x)))
        driver.find_element(By.ID, "nnwb-check").click()
        wait_for_state(driver, ("graded",), 30)
        grade = json.loads(driver.execute_script("return document.getElementById('nnwb-grade').textContent"))
    message = driver.execute_script("return document.getElementById('nnwb-status').textContent")
    driver.switch_to.default_content()
    calls = driver.execute_script("return window.calls")
    return state, calls, grade, message


def main():
    nnwb_exercise, practice_answers, exercise = sys.argv[1], sys.argv[2], sys.argv[3]
    work = pathlib.Path(tempfile.mkdtemp(prefix="nnwb-scorm-"))
    package = work / "package"
    done = subprocess.run([nnwb_exercise, "scorm", exercise, "--output-dir", str(package)], capture_output=True, text=True)
    if done.returncode != 0:
        print(f"FAIL: nnwb-exercise scorm exited with {done.returncode}: {done.stderr}")
        return 1
    problems = check_package(package, exercise)
    (work / "stub.html").write_text(STUB)
    subprocess.run([practice_answers, str(work / "answers")], check=True)
    key = tomllib.loads((work / "answers" / f"{exercise}.key.toml").read_text())
    student = key["student"]
    half = dict(key["answers"])
    for step in list(half)[: len(half) // 2]:
        half[step] = [[x * 3 + 1 for x in row] if isinstance(row, list) else row * 3 + 1 for row in half[step]] \
            if isinstance(half[step], list) else half[step] * 3 + 1

    server = serve(work)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    driver = headless_chromium()
    try:
        def values(calls):
            return {c[1]: c[2] for c in calls if c[0] == "LMSSetValue"}

        state, calls, grade, _ = run_in_lms(driver, base, exercise, student, key["answers"])
        names = [c[0] for c in calls]
        if state != "ready" or grade is None:
            problems.append(f"the key: the page did not start in the LMS ({state})")
        else:
            if ["LMSInitialize", ""] != calls[0]:
                problems.append(f"the first call is {calls[0]}, not LMSInitialize(\"\")")
            if ["LMSGetValue", "cmi.core.student_id"] not in calls:
                problems.append("the page never read cmi.core.student_id")
            if grade["variant"]["student"] != student:
                problems.append(f"the page graded {grade['variant']} for learner {student}")
            sent = values(calls)
            expected = {"cmi.core.score.raw": "100", "cmi.core.score.min": "0", "cmi.core.score.max": "100",
                        "cmi.core.lesson_status": "completed"}
            if sent != expected:
                problems.append(f"the key: the LMS received {sent}, expected {expected}")
            if "LMSCommit" not in names[names.index("LMSSetValue"):]:
                problems.append("the key: no LMSCommit after the score")
        state, calls, grade, _ = run_in_lms(driver, base, exercise, student, half, mastery="80")
        if grade is not None:
            percent = round(1000 * grade["score"] / grade["max_score"]) / 10
            sent = values(calls)
            want = f"{percent:g}"
            if sent.get("cmi.core.score.raw") != want or sent.get("cmi.core.lesson_status") != ("passed" if percent >= 80 else "failed"):
                problems.append(f"half wrong ({grade['score']}/{grade['max_score']}): the LMS received {sent}, expected raw {want}")
        # Leaving the page (the LMS's frame goes elsewhere) ends the session.
        driver.execute_script("document.getElementById('sco').src = 'about:blank'")
        WebDriverWait(driver, 10, poll_frequency=POLL_SECONDS).until(lambda d: any(c[0] == "LMSFinish" for c in d.execute_script("return window.calls")))

        state, calls, _, message = run_in_lms(driver, base, exercise, "a/b", None)
        if state != "failed" or "cannot be in an id" not in message or values(calls):
            problems.append(f"learner id 'a/b': state {state}, message '{message}', sent {values(calls)}")
    except Exception as error:  # a timeout: say where
        problems.append(f"the page in the LMS stub: {type(error).__name__} at line {error.__traceback__.tb_next.tb_lineno if error.__traceback__.tb_next else '?'}: {error}")
        traceback.print_exc()
    finally:
        driver.quit()
        server.shutdown()
    for problem in problems:
        print(problem)
    print(f"SCORM 1.2 package of {exercise}: {'manifest, session and scores as the run-time asks' if not problems else f'{len(problems)} problems'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
