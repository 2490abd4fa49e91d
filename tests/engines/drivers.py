"""One small driver interface over three engines, so the scenario is written once.

- chromium: Debian's Chromium through Playwright (as every other browser test);
- webkit: WebKitGTK's WebKitWebDriver and MiniBrowser through Selenium, under a private Xvfb;
- firefox: Firefox ESR through puppeteer-core over WebDriver BiDi, in a Node process (firefox.js)
  that takes one JSON command per line.

Every driver acts like a reader (real clicks and key strokes through the engine's input events)
and reads the page with a JavaScript function run in it, so the checks are the same everywhere.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from abc import ABC, abstractmethod
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser

from tests.conftest import CHROMIUM, ROOT

WEBKIT_DRIVER = "/usr/bin/WebKitWebDriver"
MINIBROWSER = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser"
FIREFOX = "/usr/bin/firefox-esr"
NODE_BRIDGE = Path(__file__).with_name("firefox.js")
ENGINES = ("chromium", "webkit", "firefox")
# MiniBrowser's toolbar keeps its window at least 447 px wide; with no toolbar it can be a phone's.
GTK_CSS = "headerbar, toolbar, entry, button { min-height: 0; min-width: 0; padding: 0; margin: 0; border: 0; font-size: 0; }\n"  # noqa: E501
TAKE_ERRORS = "() => (window.__crmEngineErrors || []).splice(0)"


class Driver(ABC):
    """What the scenario needs from an engine."""

    name: str
    version: str

    def __init__(self) -> None:
        self.recorded: list[str] = []

    @abstractmethod
    def _goto(self, url: str) -> None: ...

    @abstractmethod
    def _reload(self) -> None: ...

    @abstractmethod
    def js(self, function: str, *args: Any) -> Any:
        """Call the JavaScript function `function` (its source) in the page; its result."""

    @abstractmethod
    def click(self, selector: str) -> None: ...

    @abstractmethod
    def type(self, selector: str, text: str) -> None:
        """Focus the element and type `text` key by key."""

    @abstractmethod
    def resize(self, width: int, height: int) -> None:
        """Make the page's viewport `width` × `height` CSS pixels."""

    @abstractmethod
    def native_errors(self) -> list[str]:
        """Page errors the engine itself reports (none for WebKitGTK)."""

    @abstractmethod
    def close(self) -> None: ...

    def take_recorded(self) -> None:
        """Keep what the page's recorder saw, before the page goes away."""
        self.recorded += self.js(TAKE_ERRORS) or []

    def open(self, url: str) -> None:
        self.take_recorded()
        self._goto(url)

    def reload(self) -> None:
        self.take_recorded()
        self._reload()

    def url(self) -> str:
        return str(self.js("() => location.href"))

    def wait(self, function: str, *args: Any, timeout: float = 15) -> Any:
        """Call `function` until it returns something truthy; that value."""
        end = time.monotonic() + timeout
        while True:
            value = self.js(function, *args)
            if value:
                return value
            if time.monotonic() > end:
                raise TimeoutError(f"{self.name}: still falsy after {timeout} s: {function}")
            time.sleep(0.1)

    def wait_for(self, selector: str, timeout: float = 15) -> None:
        self.wait("(s) => !!document.querySelector(s)", selector, timeout=timeout)

    def errors(self) -> list[str]:
        self.take_recorded()
        return self.recorded + self.native_errors()


class Chromium(Driver):
    name = "chromium"

    def __init__(self, browser: Browser) -> None:
        super().__init__()
        self._native: list[str] = []
        self.version = browser.version
        # The session's Chromium (tests/conftest.py): one Playwright per process.
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.context.set_default_timeout(15_000)
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda error: self._native.append(f"uncaught: {error}"))

    def _goto(self, url: str) -> None:
        self.page.goto(url)

    def _reload(self) -> None:
        self.page.reload()

    def js(self, function: str, *args: Any) -> Any:
        return self.page.evaluate(f"(args) => ({function}).apply(null, args)", list(args))

    def click(self, selector: str) -> None:
        self.page.click(selector)

    def type(self, selector: str, text: str) -> None:
        self.page.click(selector)
        self.page.keyboard.type(text)

    def resize(self, width: int, height: int) -> None:
        self.page.set_viewport_size({"width": width, "height": height})

    def native_errors(self) -> list[str]:
        return self._native

    def close(self) -> None:
        self.context.close()


@contextmanager
def xvfb() -> Iterator[str]:
    """A private X display for MiniBrowser (no window appears anywhere); its name, e.g. ':3'."""
    process = subprocess.Popen(
        ["Xvfb", "-displayfd", "1", "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert process.stdout is not None
        yield ":" + process.stdout.readline().decode().strip()
    finally:
        process.terminate()
        process.wait(timeout=10)


class WebKit(Driver):
    name = "webkit"

    def __init__(self, display: str, config_home: Path) -> None:
        # Selenium Manager must never look for (or download) a driver: the path is given.
        os.environ["SE_OFFLINE"] = "true"
        from selenium import webdriver
        from selenium.webdriver.webkitgtk.options import Options
        from selenium.webdriver.webkitgtk.service import Service

        super().__init__()
        (config_home / "gtk-3.0").mkdir(parents=True, exist_ok=True)
        (config_home / "gtk-3.0" / "gtk.css").write_text(GTK_CSS)
        options = Options()
        options.binary_location = MINIBROWSER
        options.add_argument("--automation")
        env = dict(os.environ, DISPLAY=display, XDG_CONFIG_HOME=str(config_home))
        service = Service(executable_path=WEBKIT_DRIVER, env=env)
        self.driver = webdriver.WebKitGTK(options=options, service=service)
        self.driver.set_script_timeout(15)
        self.driver.set_page_load_timeout(30)
        self.version = str(self.driver.capabilities.get("browserVersion", "?"))
        self.resize(1280, 900)

    def _goto(self, url: str) -> None:
        self.driver.get(url)

    def _reload(self) -> None:
        self.driver.refresh()

    def js(self, function: str, *args: Any) -> Any:
        # WebDriver awaits a returned promise, as the other drivers do.
        return self.driver.execute_script(f"return ({function}).apply(null, arguments)", *args)

    def click(self, selector: str) -> None:
        from selenium.webdriver.common.by import By

        self.driver.find_element(By.CSS_SELECTOR, selector).click()

    def type(self, selector: str, text: str) -> None:
        from selenium.webdriver.common.by import By

        element = self.driver.find_element(By.CSS_SELECTOR, selector)
        element.click()
        element.send_keys(text)

    def resize(self, width: int, height: int) -> None:
        # The window is the viewport once gtk.css has shrunk the toolbar to nothing.
        self.driver.set_window_size(width, height)
        self.wait("(w) => window.innerWidth === w || location.href === 'about:blank'", width)

    def native_errors(self) -> list[str]:
        return []

    def close(self) -> None:
        self.driver.quit()


class Firefox(Driver):
    name = "firefox"

    def __init__(self) -> None:
        super().__init__()
        node = shutil.which("node") or "node"
        env = dict(os.environ, FIREFOX=FIREFOX)
        self.process = subprocess.Popen(
            [node, str(NODE_BRIDGE)],
            cwd=ROOT,  # puppeteer-core is found in the project's node_modules
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        self.version = str(self.call("start"))
        self.resize(1280, 900)

    def call(self, cmd: str, *args: Any) -> Any:
        assert self.process.stdin is not None
        assert self.process.stdout is not None
        self.process.stdin.write(json.dumps({"cmd": cmd, "args": list(args)}) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError(f"firefox.js ended (exit code {self.process.poll()})")
        answer = json.loads(line)
        if not answer["ok"]:
            raise RuntimeError(f"firefox: {cmd}: {answer['error']}")
        return answer["value"]

    def _goto(self, url: str) -> None:
        self.call("goto", url)

    def _reload(self) -> None:
        self.call("reload")

    def js(self, function: str, *args: Any) -> Any:
        return self.call("js", function, list(args))

    def click(self, selector: str) -> None:
        self.call("click", selector)

    def type(self, selector: str, text: str) -> None:
        self.call("type", selector, text)

    def resize(self, width: int, height: int) -> None:
        self.call("viewport", width, height)

    def native_errors(self) -> list[str]:
        return list(self.call("errors"))

    def close(self) -> None:
        try:
            self.call("close")
        finally:
            assert self.process.stdin is not None
            self.process.stdin.close()
            self.process.wait(timeout=30)


def missing(engine: str) -> str | None:
    """Why `engine` cannot run here (what to install), or None."""
    needs = {
        "chromium": [CHROMIUM],
        "webkit": [WEBKIT_DRIVER, MINIBROWSER, shutil.which("Xvfb") or "/usr/bin/Xvfb"],
        "firefox": [FIREFOX, str(ROOT / "node_modules" / "puppeteer-core" / "package.json")],
    }[engine]
    absent = [path for path in needs if not Path(path).exists()]
    return f"{', '.join(absent)} missing: run `make test`, which installs them" if absent else None


@contextmanager
def start(engine: str, scratch: Path, chromium: Browser | None = None) -> Iterator[Driver]:
    """The engine, started with a fresh profile; closed afterwards."""
    driver: Driver
    if engine == "chromium":
        assert chromium is not None
        driver = Chromium(chromium)
    elif engine == "firefox":
        driver = Firefox()
    else:
        with xvfb() as display:
            driver = WebKit(display, scratch / "xdg")
            try:
                yield driver
            finally:
                driver.close()
        return
    try:
        yield driver
    finally:
        driver.close()
