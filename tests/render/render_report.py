#!/usr/bin/env python3
"""Renders the HTML report in headless Chromium and fails on any problem.

For each page (the example report in Vietnamese and English, and a copy whose
strings try to inject markup) it:

1. writes the HTML with ``danchu.report`` (run this with the Python that has
   danchu installed);
2. opens it in headless Chromium driven through the DevTools protocol over
   ``--remote-debugging-pipe`` (no port, no websocket library, nothing but the
   standard library);
3. fails on any console error or warning-level problem the page causes:
   ``Runtime.consoleAPICalled`` of type error/assert, ``Runtime.exceptionThrown``,
   ``Log.entryAdded`` at level error (this is where Chromium reports CSP
   violations and blocked loads), any network request other than the page itself
   (the file must be self-contained), and any failed load;
4. checks the DOM (no script elements, all eight sections, three charts, table
   headers, nothing wider than the 1280-pixel window, the injected markup shown
   as text);
5. saves a 1280x2000 PNG screenshot and an A4 PDF (the print stylesheet), and
   checks the PDF has a page per section.

Two negative controls (the page with a console.error, and with an inline
script the CSP blocks) must be caught, so a blind checker fails the run.

Why the protocol and not ``--screenshot`` plus grepping ``--enable-logging``:
console messages arrive as structured events with their level, so nothing
depends on log formats, and one browser session gives the screenshot, the PDF
and the DOM checks.

Usage: python tests/render/render_report.py [--json FILE] [--out DIR] [--chromium PATH]
Exit status 0 when every page passes; the last line reads "render: N passed, M failed".
"""

from __future__ import annotations

import argparse
import base64
import copy
import fcntl
import json
import os
import re
import select
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
TIMEOUT = 60.0

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",  # the tests run as root
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--no-first-run",
    "--no-default-browser-check",
    "--hide-scrollbars",
    "--mute-audio",
    "--remote-debugging-pipe",
]


class Browser:
    """A headless Chromium driven over the DevTools pipe (fd 3 in, fd 4 out)."""

    def __init__(self, chromium: str, profile: Path, log: Path) -> None:
        to_r, self._to_w = os.pipe()
        self._from_r, from_w = os.pipe()

        def child_fds() -> None:  # runs in the child before exec
            a = fcntl.fcntl(to_r, fcntl.F_DUPFD, 10)
            b = fcntl.fcntl(from_w, fcntl.F_DUPFD, 10)
            os.dup2(a, 3)
            os.dup2(b, 4)

        self._log = open(log, "wb")
        self.proc = subprocess.Popen(
            [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=self._log, stderr=subprocess.STDOUT,
            preexec_fn=child_fds, close_fds=False,
        )
        os.close(to_r)
        os.close(from_w)
        self._buf = b""
        self._next_id = 0
        self.events: list[dict[str, Any]] = []

    def _read_message(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buf:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("Chromium did not answer in time")
            ready, _, _ = select.select([self._from_r], [], [], left)
            if ready:
                chunk = os.read(self._from_r, 1 << 20)
                if not chunk:
                    raise RuntimeError("Chromium closed the DevTools pipe (did it crash?)")
                self._buf += chunk
        raw, self._buf = self._buf.split(b"\0", 1)
        message: dict[str, Any] = json.loads(raw)
        return message

    def send(self, method: str, params: dict[str, Any] | None = None,
             session: str | None = None) -> dict[str, Any]:
        self._next_id += 1
        msg: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self._to_w, json.dumps(msg).encode() + b"\0")
        deadline = time.monotonic() + TIMEOUT
        while True:
            reply = self._read_message(deadline)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                result: dict[str, Any] = reply.get("result", {})
                return result
            self.events.append(reply)

    def wait_for(self, method: str, session: str) -> None:
        deadline = time.monotonic() + TIMEOUT
        for e in self.events:
            if e.get("method") == method and e.get("sessionId") == session:
                return
        while True:
            e = self._read_message(deadline)
            self.events.append(e)
            if e.get("method") == method and e.get("sessionId") == session:
                return

    def close(self) -> None:
        try:
            self.send("Browser.close")
        except Exception:  # noqa: BLE001 - best effort, the process is ended below
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self._to_w)
        os.close(self._from_r)
        self._log.close()


DOM_CHECKS = r"""
(() => {
  const q = s => document.querySelectorAll(s).length;
  return JSON.stringify({
    lang: document.documentElement.lang,
    title: document.title,
    scripts: q('script'),
    images: q('img, iframe, object, embed, link, video, audio'),
    sections: Array.from(document.querySelectorAll('main > section')).map(s => s.id),
    svgs: q('svg'),
    tables: q('table'),
    theads: q('table > thead'),
    scrollWidth: document.documentElement.scrollWidth,
    bodyText: document.body.innerText.length,
    injected: document.body.innerText.includes('<script>alert("x")</script>'),
  });
})()
"""

SECTIONS = ["summary", "districts", "sectors", "failings", "schedule", "changes", "problems",
            "appendix"]


def problems_in(events: list[dict[str, Any]], session: str, page_url: str) -> list[str]:
    found = []
    for e in events:
        if e.get("sessionId") != session:
            continue
        m, p = e.get("method"), e.get("params", {})
        if m == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
            args = " ".join(str(a.get("value", a.get("description", ""))) for a in p["args"])
            found.append(f"console.{p['type']}: {args}")
        elif m == "Runtime.exceptionThrown":
            found.append(f"exception: {p['exceptionDetails'].get('text')}")
        elif m == "Log.entryAdded" and p["entry"]["level"] == "error":
            found.append(f"log error ({p['entry']['source']}): {p['entry']['text']}")
        elif m == "Network.requestWillBeSent" and p["request"]["url"] != page_url:
            found.append(f"external request: {p['request']['url']}")
        elif m == "Network.loadingFailed":
            found.append(f"load failed: {p.get('errorText')}")
    return found


def render(browser: Browser, html_file: Path, out: Path, expect: dict[str, Any]) -> list[str]:
    """Opens one page and returns its problems (empty when it passes)."""
    url = html_file.resolve().as_uri()
    target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})[
        "sessionId"]
    for domain in ("Runtime", "Log", "Page", "Network"):
        browser.send(f"{domain}.enable", session=session)
    browser.send("Emulation.setDeviceMetricsOverride",
                 {"width": 1280, "height": 2000, "deviceScaleFactor": 1, "mobile": False},
                 session=session)
    browser.send("Page.navigate", {"url": url}, session=session)
    browser.wait_for("Page.loadEventFired", session)
    browser.send("Runtime.evaluate", {"expression": "1"}, session=session)  # flush events

    dom = json.loads(browser.send("Runtime.evaluate", {"expression": DOM_CHECKS,
                                                       "returnByValue": True},
                                  session=session)["result"]["value"])
    problems = problems_in(browser.events, session, url)
    if dom["lang"] != expect["lang"]:
        problems.append(f"html lang is {dom['lang']!r}, expected {expect['lang']!r}")
    if not dom["title"]:
        problems.append("the page has no title")
    if dom["scripts"] or dom["images"]:
        problems.append(f"{dom['scripts']} script and {dom['images']} embedded elements")
    if dom["sections"] != SECTIONS:
        problems.append(f"sections {dom['sections']}, expected {SECTIONS}")
    if dom["svgs"] != 3:
        problems.append(f"{dom['svgs']} charts, expected 3")
    if dom["tables"] == 0 or dom["theads"] != dom["tables"]:
        problems.append(f"{dom['tables']} tables but {dom['theads']} table headers")
    if dom["scrollWidth"] > 1280:
        problems.append(f"the page is {dom['scrollWidth']} px wide, wider than the window")
    if dom["injected"] != expect["injected"]:
        problems.append("the injected markup is not shown as plain text")

    shot = browser.send("Page.captureScreenshot", {"format": "png"}, session=session)
    png = out / f"{html_file.stem}.png"
    png.write_bytes(base64.b64decode(shot["data"]))
    pdf = browser.send("Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True},
                       session=session)
    pdf_bytes = base64.b64decode(pdf["data"])
    (out / f"{html_file.stem}.pdf").write_bytes(pdf_bytes)
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf_bytes))
    if pages and pages < len(SECTIONS):
        problems.append(f"the printed report has {pages} pages, expected one per section")
    if not png.read_bytes().startswith(b"\x89PNG"):
        problems.append("the screenshot is not a PNG")
    browser.send("Target.closeTarget", {"targetId": target})
    print(f"  {html_file.name}: {len(problems)} problem(s); screenshot {png}, "
          f"PDF {pages or '?'} pages")
    return problems


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--json", type=Path, default=HERE / "example-report.json")
    ap.add_argument("--out", type=Path, default=ROOT / "build" / "render")
    ap.add_argument("--chromium", default=os.environ.get("CHROMIUM") or
                    shutil.which("chromium") or shutil.which("chromium-browser") or "chromium")
    args = ap.parse_args()

    from danchu.report import Report  # the installed package

    args.out.mkdir(parents=True, exist_ok=True)
    report = Report.load(args.json)
    hostile = report.to_dict()
    hostile = copy.deepcopy(hostile)
    hostile["units"][0]["name"] = '<script>alert("x")</script>'
    hostile["header"]["province"]["vi"] = "<img src=x onerror=alert(1)>"
    vi = report.to_html("vi")
    # Negative controls: pages broken on purpose must be caught, or the checker is blind.
    csp = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
    console_error = vi.replace(csp, csp + "; script-src 'unsafe-inline'").replace(
        "<main>", '<main><script>console.error("negative control")</script>', 1)
    csp_violation = vi.replace("<main>", "<main><script>void 0</script>", 1)
    pages = [
        (vi, "report-vi.html", {"lang": "vi", "injected": False}),
        (report.to_html("en"), "report-en.html", {"lang": "en", "injected": False}),
        (Report.from_json(hostile).to_html("vi"), "report-injection.html",
         {"lang": "vi", "injected": True}),
        (console_error, "control-console-error.html",
         {"lang": "vi", "injected": False, "must_fail": "console.error: negative control"}),
        (csp_violation, "control-csp-violation.html",
         {"lang": "vi", "injected": False, "must_fail": "log error (security)"}),
    ]
    passed = failed = 0
    with tempfile.TemporaryDirectory(prefix="danchu-chromium-") as profile:
        browser = Browser(args.chromium, Path(profile), args.out / "chromium.log")
        try:
            for html, name, expect in pages:
                path = args.out / name
                path.write_text(html, encoding="utf-8")
                problems = render(browser, path, args.out, expect)
                if "must_fail" in expect:
                    caught = any(p.startswith(expect["must_fail"]) for p in problems)
                    problems = [] if caught else [
                        f"the checker missed it: expected {expect['must_fail']!r}, "
                        f"got {problems}"]
                for p in problems:
                    print(f"    FAIL {name}: {p}")
                passed += not problems
                failed += bool(problems)
        finally:
            browser.close()
    print(f"render: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
