"""Drives the real stegvis binary in its own Xvfb with real X key and mouse events (xdotool).

The program runs with STEGVIS_PROBE=1 and reports on stdout where named items are
("rect NAME X0 Y0 X1 Y1") and when it has gone idle ("idle FRAME KEYS CLICKS", with the key and
button presses it has handled so far). A test waits for the idle line that has handled every press
it sent, then looks at the file through the CLI: no sleeps stand in for "probably done".
"""
import json
import os
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
import time

KEY_DELAY_MS = 20  # the speed the program must keep up with


class Failure(Exception):
    pass


def check(cond, what):
    if not cond:
        raise Failure(what)


class Session:
    def __init__(self, binary, width=1280, height=800, project="new", view=None, fake_xdg_open=False,
                 default_size=False):
        # default_size: the window is started without --size/--height, as a user starts it, on a
        # screen of width x height.
        self.binary = binary
        self.default_size = default_size
        self.tmp = tempfile.mkdtemp(prefix="stegvis-e2e-")
        self.home = os.path.join(self.tmp, "home")
        os.makedirs(os.path.join(self.home, ".config"))
        # A Swedish desktop: the documents folder is ~/Dokument (xdg-user-dirs reads this file).
        with open(os.path.join(self.home, ".config", "user-dirs.dirs"), "w") as f:
            f.write('XDG_DOCUMENTS_DIR="$HOME/Dokument"\n')
        self.env = dict(os.environ)
        for k in list(self.env):
            if k.startswith("XDG_"):
                del self.env[k]
        self.env.update(HOME=self.home, XDG_CONFIG_HOME=os.path.join(self.home, ".config"),
                        XDG_DATA_HOME=os.path.join(self.home, ".local", "share"), STEGVIS_PROBE="1",
                        LANG="C.UTF-8", LIBGL_ALWAYS_SOFTWARE="1")
        if fake_xdg_open:
            # The desktop's "open this folder" is recorded instead of run: xdg-open.log names it.
            bindir = os.path.join(self.tmp, "bin")
            os.makedirs(bindir)
            with open(os.path.join(bindir, "xdg-open"), "w") as f:
                f.write('#!/bin/sh\nprintf "%s\\n" "$1" > "' + os.path.join(self.tmp, "xdg-open.log") + '"\n')
            os.chmod(os.path.join(bindir, "xdg-open"), 0o755)
            self.env["PATH"] = bindir + os.pathsep + self.env.get("PATH", "")
        # A server project is named by its address; anything else is a file in the session's folder.
        self.db = project if project.startswith("postgresql://") else os.path.join(self.tmp, "projekt.stegvis")
        # The display first, so every command of the session has it (a program run under Wine
        # ties its session to the display of the first one).
        self.xvfb = None
        self.app = None
        self._start_xvfb(width, height)
        if project == "new":
            self.cli("new", "--db", self.db, "--name", "E2E", "--org", "Testkommun")
        elif project == "demo":
            self.cli("demo", "--db", self.db, "--today", "2025-06-15")
        self.rects = {}
        self.messages = []
        self.active = ""
        self.lines = queue.Queue()
        self.keys_sent = 0
        self.clicks_sent = 0
        self._start_app(width, height, view)

    # ---- processes ----
    def _start_xvfb(self, width, height):
        r, w = os.pipe()
        self.xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(w), "-screen", "0", f"{width}x{height}x24",
                                      "-nolisten", "tcp", "-noreset"], pass_fds=[w],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(w)
        num = b""
        deadline = time.time() + 20
        while not num.endswith(b"\n"):
            if time.time() > deadline:
                raise Failure("Xvfb did not start")
            c = os.read(r, 1)
            if not c:
                raise Failure("Xvfb exited before naming its display")
            num += c
        os.close(r)
        self.env["DISPLAY"] = ":" + num.decode().strip()

    def _start_app(self, width, height, view):
        args = [self.binary, "--db", self.db]
        if not self.default_size:
            args += ["--size", str(width), "--height", str(height)]
        if view:
            args += ["--view", view]
        self.app = subprocess.Popen(args, env=self.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        threading.Thread(target=self._read, daemon=True).start()
        self.wait_idle(timeout=60)
        self.window = self.xdo("search", "--sync", "--name", "^Stegvis$").split()[0]
        # No window manager here: give the window the keyboard and put the pointer in it.
        self.xdo("windowfocus", "--sync", self.window)
        self.move(width // 2, height - 5)

    def _read(self):
        for line in self.app.stdout:
            self.lines.put(line.rstrip("\n"))
        self.lines.put(None)

    def close(self):
        if self.app and self.app.poll() is None:
            self.app.terminate()
            try:
                self.app.wait(10)
            except subprocess.TimeoutExpired:
                self.app.kill()
        if self.xvfb and self.xvfb.poll() is None:
            self.xvfb.terminate()
            self.xvfb.wait(10)
        if os.environ.get("STEGVIS_E2E_KEEP"):
            print("kept", self.tmp)
        else:
            shutil.rmtree(self.tmp, ignore_errors=True)

    def cli(self, *args):
        r = subprocess.run([self.binary, *args], env=getattr(self, "env", os.environ), capture_output=True, text=True)
        if r.returncode != 0:
            raise Failure(f"stegvis {' '.join(args)} failed: {r.stderr}")
        return r.stdout

    def xdo(self, *args):
        r = subprocess.run(["xdotool", *args], env=self.env, capture_output=True, text=True, timeout=120)
        if r.returncode != 0:
            raise Failure(f"xdotool {' '.join(args)}: {r.stderr}")
        return r.stdout

    # ---- what the program reports ----
    def _take(self, line):
        if os.environ.get("STEGVIS_E2E_DEBUG"):
            print("<", line)
        parts = line.split(" ")
        if parts[0] == "rect" and len(parts) == 6:
            self.rects[parts[1]] = tuple(int(v) for v in parts[2:])
        elif parts[0] == "gone" and len(parts) == 2:
            self.rects.pop(parts[1], None)
        elif parts[0] == "active":
            self.active = parts[1] if len(parts) > 1 else ""
        elif parts[0] == "message" and len(parts) >= 3:
            self.messages.append((parts[1], " ".join(parts[2:])))
        elif parts[0] == "idle" and len(parts) == 4:
            return int(parts[2]), int(parts[3])
        return None

    def wait_idle(self, timeout=30):
        """Until the program is idle having handled every key and button press sent so far."""
        deadline = time.time() + timeout
        while True:
            left = deadline - time.time()
            if left <= 0:
                raise Failure(f"not idle after {timeout} s with {self.keys_sent} keys and {self.clicks_sent} clicks sent")
            try:
                line = self.lines.get(timeout=left)
            except queue.Empty:
                continue
            if line is None:
                err = self.app.stderr.read() if self.app.poll() is not None else ""
                raise Failure(f"the program exited ({self.app.returncode}): {err}")
            got = self._take(line)
            if got and got[0] >= self.keys_sent and got[1] >= self.clicks_sent:
                # Rectangles reported before this line are current; drain what else is queued.
                while True:
                    try:
                        more = self.lines.get_nowait()
                    except queue.Empty:
                        break
                    if more is None:
                        self.lines.put(None)
                        break
                    self._take(more)
                return

    def rect(self, name):
        check(name in self.rects, f"{name} is not on screen (known: {sorted(self.rects)[:20]}...)")
        return self.rects[name]

    def has(self, name):
        return name in self.rects

    # ---- input ----
    def move(self, x, y):
        self.xdo("mousemove", "--window", self.window, str(x), str(y))

    def click(self, name, button=1, settle=True):
        x0, y0, x1, y1 = self.rect(name)
        self.move((x0 + x1) // 2, (y0 + y1) // 2)
        self.xdo("click", str(button))
        self.clicks_sent += 1
        if settle:
            self.wait_idle()

    def type(self, text):
        """Types text at KEY_DELAY_MS per key; counts one press per character (plain ASCII, no
        Shift). A newline is the Return key (xdotool would send Linefeed)."""
        for n, part in enumerate(text.split("\n")):
            if n > 0:
                self.key("Return")
            if part:
                self.xdo("type", "--delay", str(KEY_DELAY_MS), "--", part)
                self.keys_sent += len(part)

    def key(self, *keys):
        """Presses keys ("Tab", "Return", "ctrl+a") at KEY_DELAY_MS apart; counts the presses."""
        self.xdo("key", "--delay", str(KEY_DELAY_MS), *keys)
        self.keys_sent += sum(len(k.split("+")) for k in keys)

    def screenshot(self, path):
        subprocess.run(["import", "-window", "root", path], env=self.env, check=True, timeout=60)

    # ---- the file ----
    def backup(self):
        out = os.path.join(self.tmp, "check.json")
        if os.path.exists(out):
            os.remove(out)
        self.cli("report", "--db", self.db, "--format", "json", "--out", out)
        with open(out) as f:
            return json.load(f)


def run(tests):
    """Runs the test named by argv[1] with the binary argv[2]."""
    name, binary = sys.argv[1], sys.argv[2]
    missing = [t for t in ("Xvfb", "xdotool", "xclip", "import", "compare") if not shutil.which(t)]
    if missing:
        print(f"skipped {name}: {', '.join(missing)} not installed (./stegvis install)")
        sys.exit(77)
    try:
        tests[name](binary)
    except Failure as e:
        print(f"FAILED {name}: {e}")
        sys.exit(1)
    print(f"passed {name}")
