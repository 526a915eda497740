"""Headless Chromium for the tests of pages (Debian's chromium and chromium-driver, driven by
python3-selenium): the one set of options every page test uses."""
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.support.ui import WebDriverWait


def headless_chromium(downloads=None):
    """A 1200×1800 headless Chromium that may load files beside a file:// page; a download goes
    into the folder `downloads` without asking, when one is given."""
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--allow-file-access-from-files", "--window-size=1200,1800"):
        options.add_argument(argument)
    if downloads is not None:
        options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                                  "download.prompt_for_download": False})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


# How often a wait asks the page again: Selenium's default, every half second, would add a quarter
# of a second on average to each of the hundreds of pages and checks that the tests wait for.
POLL_SECONDS = 0.02


def wait_for_state(driver, states, timeout=60):
    """Waits until the page's body[data-state] (the live pages set it) is one of `states`."""
    WebDriverWait(driver, timeout, poll_frequency=POLL_SECONDS).until(lambda d: d.execute_script("return document.body.dataset.state") in states)
    return driver.execute_script("return document.body.dataset.state")
