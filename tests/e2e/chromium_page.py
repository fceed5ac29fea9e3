#!/usr/bin/python3
"""Loads one local page in headless Chromium and reports what a person's browser would show.

Usage:
  tests/e2e/chromium_page.py [--chromium PATH] [--width W] [--height H]
                             [--text FILE] [--screenshot FILE.png] PAGE.html

Drives Chromium over the DevTools protocol on a pipe (`--remote-debugging-pipe`: commands on
fd 3, answers and events on fd 4, each a JSON message ended by a NUL byte), so no port is
opened. Enables the Runtime, Log, Network and Page domains, navigates to the page, waits for its
load event, and then:
  - writes the rendered text (document.body.innerText) to --text FILE;
  - writes a PNG of the whole page at the given width to --screenshot FILE;
  - prints one line per problem to stdout: a console message of any level, an uncaught
    exception, a browser log entry (a failed resource load is one: "Failed to load resource"),
    a network request for anything but the page itself, a request that failed.
Exit 0 when there was no problem, 1 when there was at least one, 2 when Chromium could not be
started or did not answer in time (the message says why).
"""

import argparse
import base64
import fcntl
import json
import os
import pathlib
import select
import shutil
import subprocess
import sys
import tempfile
import time

TIMEOUT = 90  # seconds for the whole run; a loaded CI machine starts Chromium slowly


class Browser:
    def __init__(self, chromium, width, height, profile):
        to_chrome_r, self.to_chrome = os.pipe()
        self.from_chrome, from_chrome_w = os.pipe()

        def wire():  # in the child: the pipe ends Chromium expects, on fds 3 and 4
            high_r = fcntl.fcntl(to_chrome_r, fcntl.F_DUPFD, 10)
            high_w = fcntl.fcntl(from_chrome_w, fcntl.F_DUPFD, 10)
            os.dup2(high_r, 3)
            os.dup2(high_w, 4)

        args = [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--remote-debugging-pipe",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-extensions",
            "--hide-scrollbars",
            f"--window-size={width},{height}",
            f"--user-data-dir={profile}",
            "about:blank",
        ]
        self.proc = subprocess.Popen(
            args,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=wire,
            pass_fds=(3, 4),  # kept open after preexec_fn: the pipe ends
        )
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self.buffer = b""
        self.next_id = 0
        self.events = []
        self.deadline = time.monotonic() + TIMEOUT

    def read_message(self):
        while b"\0" not in self.buffer:
            left = self.deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("Chromium did not answer in time")
            ready, _, _ = select.select([self.from_chrome], [], [], left)
            if not ready:
                continue
            chunk = os.read(self.from_chrome, 1 << 16)
            if not chunk:
                raise EOFError("Chromium closed the DevTools pipe")
            self.buffer += chunk
        raw, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(raw)

    def send(self, method, params=None, session=None):
        """Sends a command and returns its result; events seen meanwhile are kept."""
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.to_chrome, json.dumps(message).encode() + b"\0")
        while True:
            reply = self.read_message()
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error'].get('message')}")
                return reply.get("result", {})
            if "method" in reply:
                self.events.append(reply)

    def wait_for(self, method):
        for i, event in enumerate(self.events):
            if event["method"] == method:
                return self.events.pop(i)
        while True:
            event = self.read_message()
            if "method" not in event:
                continue
            if event["method"] == method:
                return event
            self.events.append(event)

    def close(self):
        try:
            self.send("Browser.close")
        except Exception:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self.to_chrome)
        os.close(self.from_chrome)


def problems_in(events, page_url):
    """One line per thing that went wrong while loading the page."""
    out = []
    for event in events:
        method, p = event["method"], event.get("params", {})
        if method == "Runtime.consoleAPICalled":
            texts = [str(a.get("value", a.get("description", ""))) for a in p.get("args", [])]
            out.append(f"console.{p.get('type')}: {' '.join(texts)}")
        elif method == "Runtime.exceptionThrown":
            details = p.get("exceptionDetails", {})
            out.append(f"exception: {details.get('text')} {details.get('exception', {}).get('description', '')}")
        elif method == "Log.entryAdded":
            entry = p.get("entry", {})
            out.append(f"log {entry.get('level')} ({entry.get('source')}): {entry.get('text')} {entry.get('url', '')}")
        elif method == "Network.requestWillBeSent":
            url = p.get("request", {}).get("url", "")
            if url != page_url:
                out.append(f"request for another file: {url}")
        elif method == "Network.loadingFailed":
            out.append(f"failed request: {p.get('errorText')}")
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page")
    parser.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=900)
    parser.add_argument("--text")
    parser.add_argument("--screenshot")
    args = parser.parse_args()

    if not os.access(args.chromium, os.X_OK):
        print(f"chromium_page.py: no Chromium at {args.chromium}", file=sys.stderr)
        return 2
    page_url = pathlib.Path(args.page).resolve().as_uri()
    with tempfile.TemporaryDirectory(prefix="crm-chromium-") as profile:
        browser = Browser(args.chromium, args.width, args.height, profile)
        try:
            targets = browser.send("Target.getTargets")["targetInfos"]
            page = next((t for t in targets if t["type"] == "page"), None)
            if page is None:
                target_id = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
            else:
                target_id = page["targetId"]
            session = browser.send("Target.attachToTarget", {"targetId": target_id, "flatten": True})[
                "sessionId"
            ]
            for domain in ("Runtime", "Log", "Network", "Page"):
                browser.send(f"{domain}.enable", session=session)
            browser.events.clear()  # what about:blank did before is not the page's
            nav = browser.send("Page.navigate", {"url": page_url}, session=session)
            if nav.get("errorText"):
                print(f"chromium_page.py: could not open {page_url}: {nav['errorText']}", file=sys.stderr)
                return 2
            browser.wait_for("Page.loadEventFired")
            text = browser.send(
                "Runtime.evaluate",
                {"expression": "document.body ? document.body.innerText : ''", "returnByValue": True},
                session=session,
            )["result"].get("value", "")
            if args.text:
                pathlib.Path(args.text).write_text(text, encoding="utf-8")
            if args.screenshot:
                height = browser.send(
                    "Runtime.evaluate",
                    {"expression": "document.documentElement.scrollHeight", "returnByValue": True},
                    session=session,
                )["result"].get("value", args.height)
                browser.send(
                    "Emulation.setDeviceMetricsOverride",
                    {"width": args.width, "height": int(height), "deviceScaleFactor": 1, "mobile": False},
                    session=session,
                )
                shot = browser.send("Page.captureScreenshot", {"format": "png"}, session=session)
                pathlib.Path(args.screenshot).write_bytes(base64.b64decode(shot["data"]))
            # Events that arrive just after the load event (a late console message) count too.
            browser.deadline = min(browser.deadline, time.monotonic() + 0.5)
            try:
                while True:
                    event = browser.read_message()
                    if "method" in event:
                        browser.events.append(event)
            except TimeoutError:
                pass
        except (TimeoutError, EOFError, RuntimeError, KeyError) as e:
            print(f"chromium_page.py: {e}", file=sys.stderr)
            return 2
        finally:
            browser.close()
    problems = problems_in(browser.events, page_url)
    for line in problems:
        print(line)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
