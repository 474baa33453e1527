"""A minimal Chrome DevTools Protocol client for the browser tests.

Chromium started with ``--remote-debugging-pipe`` reads protocol messages
(JSON, each ended by a NUL byte) on file descriptor 3 and writes its answers
and events on descriptor 4, so no network port and no websocket library are
needed. :class:`Browser` opens one page and records what a hostile page
might do there: JavaScript dialogs (``alert``, ``confirm``, ``prompt``; each
is dismissed so the page goes on) and console or security log entries such
as Content-Security-Policy violations.
"""
import json
import os
import select
import subprocess
import time


class Browser:
    def __init__(self, chromium, flags, profile, env=None):
        to_browser_r, self._w = os.pipe()
        self._r, from_browser_w = os.pipe()

        def wire():  # in the child: the pipe ends become fds 3 and 4 (copied first: they may be 3 or 4)
            r, w = os.dup(to_browser_r), os.dup(from_browser_w)
            os.dup2(r, 3)  # dup2 makes them inheritable; every other fd is close-on-exec
            os.dup2(w, 4)

        self.proc = subprocess.Popen(
            [chromium, *flags, "--remote-debugging-pipe", f"--user-data-dir={profile}", "about:blank"],
            close_fds=False, preexec_fn=wire, env=env,
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._buf, self._n = b"", 0
        self.dialogs, self.log = [], []
        self._loaded = False
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            self.call(f"{domain}.enable", session=self.session)

    # -- protocol
    def _send(self, method, params=None, session=None):
        self._n += 1
        msg = {"id": self._n, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self._w, json.dumps(msg).encode() + b"\0")
        return self._n

    def _read(self, deadline):
        while b"\0" not in self._buf:
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            ready, _, _ = select.select([self._r], [], [], left)
            if ready:
                chunk = os.read(self._r, 1 << 16)
                if not chunk:
                    raise EOFError("Chromium closed the DevTools pipe")
                self._buf += chunk
        raw, self._buf = self._buf.split(b"\0", 1)
        return json.loads(raw)

    def _event(self, msg):
        method, params = msg.get("method"), msg.get("params", {})
        if method == "Page.javascriptDialogOpening":
            self.dialogs.append(f"{params.get('type')}: {params.get('message')}")
            self._send("Page.handleJavaScriptDialog", {"accept": False}, session=self.session)
        elif method == "Page.loadEventFired":
            self._loaded = True
        elif method == "Log.entryAdded":
            self.log.append(params["entry"]["text"])
        elif method == "Runtime.consoleAPICalled":
            self.log.append(" ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", [])))
        elif method == "Runtime.exceptionThrown":
            self.log.append(params["exceptionDetails"].get("text", "exception"))

    def call(self, method, params=None, session=None, timeout=60):
        """Send a command and wait for its answer, recording events meanwhile."""
        i = self._send(method, params, session)
        deadline = time.monotonic() + timeout
        while True:
            msg = self._read(deadline)
            if msg is None:
                raise TimeoutError(method)
            if msg.get("id") == i:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return msg.get("result", {})
            self._event(msg)

    def wait(self, seconds):
        """Record events for ``seconds``."""
        deadline = time.monotonic() + seconds
        while (msg := self._read(deadline)) is not None:
            self._event(msg)

    # -- page
    def open(self, url, timeout=60, settle=0.5):
        """Load ``url`` and wait for its load event, then ``settle`` seconds."""
        self._loaded = False
        self.call("Page.navigate", {"url": url}, session=self.session)
        deadline = time.monotonic() + timeout
        while not self._loaded:
            msg = self._read(deadline)
            if msg is None:
                raise TimeoutError(f"{url} did not load")
            self._event(msg)
        self.wait(settle)

    def js(self, expression):
        """Evaluate in the page (DevTools may, whatever the page's CSP) and return the value."""
        res = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True}, session=self.session)
        return res.get("result", {}).get("value")

    def close(self):
        try:
            self.call("Browser.close", timeout=10)
        except (EOFError, TimeoutError, OSError, RuntimeError):
            pass
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self._r)
        os.close(self._w)
