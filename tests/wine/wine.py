#!/usr/bin/env python3
"""The Windows build (stegvis.exe, made by ./stegvis package windows) under Wine, beside the Linux
binary it must agree with:

    python3 wine.py TEST LINUX_STEGVIS WINDOWS_ZIP WINEPREFIX

The program is the one in the zip a user gets (dist/stegvis-VERSION-windows-x64.zip), unpacked
for each test: it finds its data, templates and fonts beside itself, as on a Windows laptop.

  same_output   catalog and phases as CSV: byte for byte the Linux binary's
  paths         demo, status, report (html, xlsx, json), import and runchart in a folder named
                with å, ä, ö and a space, given as a Windows path (Z:\\...\\Å ä ö\\...); an
                automatic backup lands in %APPDATA%\\Stegvis
  print         the program in a folder named with å, ä, ö: every document as PDF with the same
                text, pages and fonts (DejaVu, embedded) as the Linux binary's; a chart as PNG, SVG
                and PDF like Linux's; without its fonts folder a PDF is refused in words
  window        the window in its own Xvfb: found by its title, draws the demo project, ten
                inventory rows typed at 20 ms a key are all stored (tests/e2e's inventory test),
                the keys right of P and L on a Swedish layout type å, ä, ö into a cell, a chart
                copied from its menu is a PNG on the clipboard, and a PDF exported from the dialog
  kill          stegvis.com killed in the middle of edits, five times: every edit it reported
                saved is in the file (checked by the Linux binary, which also reads the file)
  server        a PostgreSQL cluster of its own that takes only TLS (tests/server/cluster.sh
                start DIR tls): schema, push from an å/ä/ö folder, edits from Windows that the
                Linux binary finds on the server, pull, status; a certificate from another
                authority and a connection without TLS refused in words
  server_window two windows of the Windows build on one project on that kind of server
                (tests/e2e's server_windows): one's edit shows in the other untouched

Exit 77 (skipped) when Wine or the zip is missing (./stegvis package windows builds it), or 1
instead when STEGVIS_WINE_REQUIRED=1 (.ci/windows): there nothing may be skipped.
"""
import contextlib
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from urllib.parse import quote

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "e2e"))
from harness import Failure, check  # noqa: E402

WINE = shutil.which("wine64") or "/usr/lib/wine/wine64"


class Wine:
    def __init__(self, linux, zip_path, prefix):
        self.linux = linux
        prefix = os.path.abspath(prefix)
        self.env = dict(os.environ, WINEPREFIX=prefix, WINEDEBUG="-all", WINEDLLOVERRIDES="mscoree,mshtml=",
                        LANG="C.UTF-8")
        # Nothing preloaded for another build's sake (a sanitizer run preloads Mesa) reaches Wine.
        self.env.pop("LD_PRELOAD", None)
        self.tmp = tempfile.mkdtemp(prefix="stegvis-wine-")
        self.env["XDG_DATA_HOME"] = os.path.join(self.tmp, "xdg")  # the Linux binary's data folder
        os.makedirs(prefix, exist_ok=True)
        with zipfile.ZipFile(zip_path) as z:
            z.extractall(os.path.join(self.tmp, "zip"))
        # stegvis.exe is the window (a Windows program); stegvis.com, what "stegvis" in a console
        # runs, is the command line.
        self.exe = os.path.join(self.tmp, "zip", "Stegvis", "stegvis.exe")
        self.com = os.path.join(self.tmp, "zip", "Stegvis", "stegvis.com")
        check(os.path.exists(self.exe), f"{zip_path} has no Stegvis/stegvis.exe")
        check(os.path.exists(self.com), f"{zip_path} has no Stegvis/stegvis.com")
        # What an earlier run left in the user's data folder must not help this one.
        self.appdata = None
        users = os.path.join(prefix, "drive_c", "users")
        for user in os.listdir(users) if os.path.isdir(users) else []:
            shutil.rmtree(os.path.join(users, user, "AppData", "Roaming", "Stegvis"), ignore_errors=True)

    def win(self, *args, stdin=None, check_rc=True):
        r = subprocess.run([WINE, self.com, *args], env=self.env, input=stdin, capture_output=True, timeout=300)
        if check_rc and r.returncode != 0:
            raise Failure(f"stegvis.com {' '.join(args)} failed ({r.returncode}): {r.stderr.decode(errors='replace')}")
        return r

    def lin(self, *args, stdin=None, check_rc=True):
        r = subprocess.run([self.linux, *args], env=self.env, input=stdin, capture_output=True, timeout=300)
        if check_rc and r.returncode != 0:
            raise Failure(f"stegvis {' '.join(args)} failed ({r.returncode}): {r.stderr.decode(errors='replace')}")
        return r

    def launcher(self):
        """A script that starts stegvis.exe under Wine, for tests/e2e, which drives a program by its path."""
        path = os.path.join(self.tmp, "stegvis-wine")
        with open(path, "w") as f:
            f.write("#!/bin/sh\n"
                    "unset LD_PRELOAD\n"
                    f"export WINEPREFIX='{self.env['WINEPREFIX']}' WINEDEBUG=-all WINEDLLOVERRIDES='mscoree,mshtml='\n"
                    f"exec '{WINE}' '{self.exe}' \"$@\"\n")
        os.chmod(path, 0o755)
        return path

    def settle(self):
        """Waits for Wine's server to end. It outlives its last program by a few seconds, and the
        next window or test must not find a session tied to an old display (or to none). Wine's own
        helpers (its desktop, its services) can keep it up long after stegvis.exe has ended: after
        a minute they are stopped, which is Wine's business, not the program's."""
        server = os.path.join(os.path.dirname(WINE), "wineserver")
        try:
            subprocess.run([server, "-w"], env=self.env, timeout=60)
        except subprocess.TimeoutExpired:
            print("Wine's server still up a minute after the program ended: stopped (wineserver -k)")
            subprocess.run([server, "-k"], env=self.env, timeout=60)

    def close(self):
        self.settle()
        shutil.rmtree(self.tmp, ignore_errors=True)


def windows_path(path):
    """A Linux path as a Windows program under Wine names it: Z:\\tmp\\..."""
    return "Z:" + path.replace("/", "\\")


def linux_path(w, path):
    """A path the Windows program names (C:\\users\\..., Z:\\tmp\\...) as a Linux path."""
    check(len(path) > 3 and path[1:3] == ":\\", f"not a Windows path: {path!r}")
    rest = path[3:].replace("\\", "/")
    if path[0].lower() == "z":
        return "/" + rest
    return os.path.realpath(os.path.join(w.env["WINEPREFIX"], "drive_" + path[0].lower(), rest))


def same_output(w):
    for args in (["catalog", "--format", "csv"], ["phases", "--format", "csv"]):
        a, b = w.lin(*args).stdout, w.win(*args).stdout
        check(len(a) > 1000, f"{' '.join(args)}: the Linux output is only {len(a)} bytes")
        if a != b:
            at = next((i for i in range(min(len(a), len(b))) if a[i] != b[i]), min(len(a), len(b)))
            raise Failure(f"{' '.join(args)}: Windows differs from Linux at byte {at} of {len(a)}: "
                          f"{a[max(0, at - 20):at + 20]!r} vs {b[max(0, at - 20):at + 20]!r}")
        print(f"{' '.join(args)}: {len(a)} bytes, identical")


def body(status):
    """A status text without its "Fil:" line, which names the file as each program was given it."""
    return "\n".join(line for line in status.splitlines() if not line.startswith("Fil:"))


def paths(w):
    folder = os.path.join(w.tmp, "Å ä ö mapp")
    os.makedirs(folder)
    db = windows_path(os.path.join(folder, "Vårt projekt.stegvis"))
    w.win("demo", "--db", db, "--today", "2025-06-15")
    check(os.path.getsize(os.path.join(folder, "Vårt projekt.stegvis")) > 50000, "the demo file is small")
    status = w.win("status", "--db", db).stdout.decode()
    check("Exempelkommun" in status and "Behovsinventering" in status, f"status: {status[:300]}")
    # The same file, read by the Linux binary: one format on both.
    check(body(w.lin("status", "--db", os.path.join(folder, "Vårt projekt.stegvis")).stdout.decode()) == body(status),
          "status differs between the Windows and the Linux binary")
    for fmt, name in (("html", "Läges rapport.html"), ("xlsx", "Läges rapport.xlsx"), ("json", "Säkerhets kopia.json")):
        w.win("report", "--db", db, "--format", fmt, "--out", windows_path(os.path.join(folder, name)))
        data = open(os.path.join(folder, name), "rb").read()
        check(len(data) > 2000, f"{name}: {len(data)} bytes")
        if fmt == "html":
            check("Exempelkommun".encode() in data and b"\r\n" not in data, f"{name}: not the demo's report, or CRLF")
        if fmt == "xlsx":
            check(data[:2] == b"PK", f"{name} is not a zip")
    # The backup back into a new project, and the Linux binary reads the result.
    imported = os.path.join(folder, "Återställt projekt.stegvis")
    w.win("import", "--db", windows_path(imported), windows_path(os.path.join(folder, "Säkerhets kopia.json")))
    check(body(w.lin("status", "--db", imported).stdout.decode()) == body(status), "the imported project differs")
    # Run-chart analysis of stdin: the same JSON as on Linux.
    values = "\n".join(str(v) for v in [5, 6, 5, 7, 6, 5, 6, 8, 9, 9, 10, 9, 11, 10, 12, 11]) + "\n"
    a = w.lin("runchart", stdin=values.encode()).stdout
    b = w.win("runchart", stdin=values.encode()).stdout
    check(a == b and len(a) > 20, f"runchart differs: {a[:200]!r} vs {b[:200]!r}")
    # An existing file is refused, by name, and left as it was.
    before = open(os.path.join(folder, "Vårt projekt.stegvis"), "rb").read()
    r = w.win("demo", "--db", db, check_rc=False)
    check(r.returncode != 0 and "Vårt projekt.stegvis" in r.stderr.decode(errors="replace"),
          f"demo over an existing file: {r.returncode} {r.stderr[:300]!r}")
    check(open(os.path.join(folder, "Vårt projekt.stegvis"), "rb").read() == before, "the existing file changed")
    # With no folder given, automatic backups go to the user's data folder: %APPDATA%\\Stegvis.
    made = w.win("backups", "--db", db, "--make").stdout.decode().strip()
    check("\\AppData\\Roaming\\Stegvis\\" in made, f"backups --make: {made}")
    user_dirs = os.path.join(w.env["WINEPREFIX"], "drive_c", "users")
    found = [os.path.join(d, f) for d, _, fs in os.walk(user_dirs) for f in fs
             if "Roaming/Stegvis/backups" in d.replace(os.sep, "/") and f.endswith(".stegvis")]
    check(len(found) == 1 and os.path.getsize(found[0]) > 50000, f"the backup in %APPDATA%: {found}")
    print("demo, status, report html/xlsx/json, import, runchart: all in", folder, "; backup:", made)


def pdf_text(path):
    r = subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, timeout=60)
    check(r.returncode == 0, f"pdftotext {path}: {r.stderr[:300]!r}")
    return r.stdout.decode()


def pdf_pages(path):
    r = subprocess.run(["pdfinfo", path], capture_output=True, text=True, timeout=60)
    check(r.returncode == 0, f"pdfinfo {path}: {r.stderr[:300]!r}")
    return next(int(line.split()[1]) for line in r.stdout.splitlines() if line.startswith("Pages:"))


def pdf_fonts(path):
    """(name, embedded) of each font in a PDF, as pdffonts lists them."""
    r = subprocess.run(["pdffonts", path], capture_output=True, text=True, timeout=60)
    check(r.returncode == 0, f"pdffonts {path}: {r.stderr[:300]!r}")
    fonts = []
    for line in r.stdout.splitlines()[2:]:
        cols = line.split()
        # name type [encoding words] emb sub uni object ID: emb is the fifth from the end.
        fonts.append((cols[0], cols[-5] == "yes"))
    return fonts


def png_size(data):
    check(data[:8] == b"\x89PNG\r\n\x1a\n", f"not a PNG: {data[:16]!r}")
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def print_(w):
    # Where a Swedish user unpacks it: a folder whose name has å, ä, ö and a space. The fonts the
    # PDF needs are found there (fonts\ beside stegvis.exe).
    home = os.path.join(w.tmp, "Användare Åsa", "Stegvis")
    shutil.copytree(os.path.dirname(w.com), home)
    com = os.path.join(home, "stegvis.com")
    folder = os.path.join(w.tmp, "Å ä ö utskrift")
    os.makedirs(folder)
    db = os.path.join(folder, "Vårt projekt.stegvis")
    w.lin("demo", "--db", db, "--today", "2025-06-15")

    def win(*args, check_rc=True):
        r = subprocess.run([WINE, com, *args], env=w.env, capture_output=True, timeout=300)
        if check_rc and r.returncode != 0:
            raise Failure(f"stegvis.com {' '.join(args)} failed ({r.returncode}): {r.stderr.decode(errors='replace')}")
        return r

    for doc in ("progress", "board", "case-for-change", "plan", "local-agreement"):
        lin, win_pdf = os.path.join(folder, f"linux {doc}.pdf"), os.path.join(folder, f"Windows {doc}.pdf")
        w.lin("report", "--db", db, "--template", doc, "--format", "pdf", "--out", lin)
        win("report", "--db", windows_path(db), "--template", doc, "--format", "pdf", "--out", windows_path(win_pdf))
        a, b = pdf_text(lin), pdf_text(win_pdf)
        check(len(a) > 500 and "Exempelkommun" in a, f"{doc}: the Linux PDF has no report text")
        if a != b:
            at = next((i for i in range(min(len(a), len(b))) if a[i] != b[i]), min(len(a), len(b)))
            raise Failure(f"{doc}: the Windows PDF's text differs from Linux's at character {at}: "
                          f"{a[max(0, at - 60):at + 60]!r} vs {b[max(0, at - 60):at + 60]!r}")
        check(pdf_pages(lin) == pdf_pages(win_pdf), f"{doc}: {pdf_pages(win_pdf)} pages on Windows, "
              f"{pdf_pages(lin)} on Linux")
        fonts = pdf_fonts(win_pdf)
        check(fonts and all("DejaVuSans" in name and emb for name, emb in fonts),
              f"{doc}: fonts in the Windows PDF: {fonts}")
        print(f"{doc}: {pdf_pages(win_pdf)} pages, {len(b)} characters of text as on Linux; fonts {sorted(set(f for f, _ in fonts))}")

    # A measure's chart as each image format.
    status = json.loads(w.lin("status", "--db", db, "--format", "json").stdout)
    measures = [m for i in status["initiatives"] for m in i["measures"]]
    check(measures, "no measure in the demo's status")
    measure = str(measures[0]["id"])
    for fmt in ("png", "svg", "pdf"):
        lin, win_img = os.path.join(folder, f"linux chart.{fmt}"), os.path.join(folder, f"Windows diagram.{fmt}")
        w.lin("chart", "--db", db, "--measure", measure, "--out", lin)
        win("chart", "--db", windows_path(db), "--measure", measure, "--out", windows_path(win_img))
        a, b = open(lin, "rb").read(), open(win_img, "rb").read()
        if fmt == "png":
            check(png_size(a) == png_size(b), f"chart PNG: {png_size(b)} on Windows, {png_size(a)} on Linux")
            # Drawn alike: ImageMagick counts the pixels that differ by more than a shade.
            r = subprocess.run(["compare", "-metric", "AE", "-fuzz", "10%", lin, win_img, "null:"],
                               capture_output=True, text=True, timeout=60)
            differ = float(r.stderr.split()[0]) if r.stderr.split() else -1
            w_, h_ = png_size(a)
            check(0 <= differ <= w_ * h_ * 0.002, f"chart PNG: {differ} of {w_ * h_} pixels differ from Linux's")
        elif fmt == "svg":
            check(b.startswith(b"<?xml") and b"<svg" in b and abs(len(a) - len(b)) <= len(a) // 20,
                  f"chart SVG: {len(b)} bytes on Windows, {len(a)} on Linux")
        else:
            check(pdf_text(lin) == pdf_text(win_img) and len(pdf_text(lin).strip()) > 20, "chart PDF: other text")
        print(f"chart {fmt}: {len(b)} bytes (Linux {len(a)})")

    # Without its fonts folder a PDF is refused, saying which folder, and no file is written.
    shutil.move(os.path.join(home, "fonts"), os.path.join(home, "fonts-borta"))
    out = os.path.join(folder, "utan typsnitt.pdf")
    r = win("report", "--db", windows_path(db), "--format", "pdf", "--out", windows_path(out), check_rc=False)
    err = r.stderr.decode(errors="replace")
    check(r.returncode != 0 and "Typsnitten saknas" in err and "Stegvis" in err and not os.path.exists(out),
          f"a PDF without fonts: {r.returncode} {err[:300]!r}")
    print("without fonts:", err.strip().splitlines()[-1][:200])


def window(w):
    # tests/e2e drives the Windows program through a launcher script, as it drives the Linux one.
    sys.path.insert(0, os.path.join(os.path.dirname(HERE), "e2e"))
    import e2e  # noqa: E402
    import harness  # noqa: E402
    launcher = w.launcher()
    shot = os.environ.get("STEGVIS_WINE_SCREENSHOT")
    s = harness.Session(launcher, project="demo", view="step:2")
    try:
        check(s.has("inv-table") or any(n.startswith("inv/") for n in s.rects), "step 2 is not drawn")
        if shot:
            s.screenshot(shot)
            print("screenshot:", shot)
    finally:
        s.close()
    w.settle()
    e2e.inventory(launcher)
    w.settle()
    # A Swedish keyboard: å, ä, ö (and Å with Shift) typed as X key presses reach the cell as
    # the letters, through Wine's keyboard layer and GLFW's character input.
    s = harness.Session(launcher, width=1920, height=1000, project="demo", view="step:2")
    try:
        subprocess.run(["setxkbmap", "se"], env=s.env, check=True, timeout=60)
        cells = sorted((s.rects[n][1], n.split("/")[1]) for n in s.rects
                       if n.startswith("inv/") and n.endswith("/comment"))
        check(cells, "no comment cell on screen at 1920 px")
        rec = cells[0][1]
        s.click(f"inv/{rec}/comment")
        s.key("ctrl+a")
        # The physical keys (X keycodes) right of P, right of Ö and right of L, then Shift and the
        # first again: on a Swedish layout å, ä, ö, Å; on any other, something else.
        s.key("34", "48", "47", "shift+34")
        s.key("Return")
        s.wait_idle()
        got = {r["rec_id"]: r for r in e2e.rows(s.backup(), "inventory")}
        check(got[rec]["comment"] == "åäöÅ", f"typed å ä ö Å, stored {got[rec]['comment']!r}")
    finally:
        s.close()
    w.settle()
    # A chart copied from its menu is a PNG on the clipboard: Windows' "PNG" format, which Wine
    # hands to X as image/png.
    s = harness.Session(launcher, project="demo", view="step:13/1")
    try:
        s.click("chart", button=3)
        check(s.has("chart-copy"), "no context menu on the chart")
        s.click("chart-copy")
        got = b""
        for _ in range(50):
            r = subprocess.run(["xclip", "-o", "-selection", "clipboard", "-t", "image/png"], env=s.env,
                               capture_output=True, timeout=30)
            got = r.stdout
            if got:
                break
            time.sleep(0.2)
        width, height = png_size(got)
        check(width > 300 and height > 150 and len(got) > 5000, f"the clipboard's PNG: {width}x{height}, {len(got)} bytes")
        check(s.messages and s.messages[-1][0] == "ok", f"status bar after the copy: {s.messages[-1:]}")
    finally:
        s.close()
    w.settle()
    # PDF is offered in the export dialog, and the file it names is a PDF of the demo's report.
    s = harness.Session(launcher, project="demo", view="export")
    pdf = None
    try:
        s.click("export-format-pdf")
        s.click("export-do")
        check(s.messages and s.messages[-1][0] == "ok" and s.messages[-1][1].startswith("Sparat: "),
              f"status bar after the export: {s.messages[-1:]}")
        pdf = linux_path(w, s.messages[-1][1][len("Sparat: "):])
        check(pdf.endswith(".pdf") and os.path.exists(pdf), f"{pdf} missing")
        check("Exempelkommun" in pdf_text(pdf), f"{pdf} is not the demo's report")
    finally:
        s.close()
        if pdf and os.path.exists(pdf):
            os.remove(pdf)
    print("the window: found by its title, the demo drawn, ten rows typed and stored, å ä ö from a Swedish keyboard,"
          f" a chart copied as a {width}x{height} PNG, a PDF exported")


def kill(w):
    path = os.path.join(w.tmp, "kill", "Å projekt.stegvis")
    os.makedirs(os.path.dirname(path))
    w.lin("demo", "--db", path)
    rng = random.Random(int(os.environ.get("STEGVIS_CRASH_SEED", random.randrange(1 << 30))))
    saved_total = 0
    for round_ in range(1, 6):
        seed = rng.randrange(1000000)
        out_path = os.path.join(w.tmp, f"script-{round_}.txt")
        with open(out_path, "wb") as out:
            p = subprocess.Popen([WINE, w.com, "script", "--db", windows_path(path), "--edits", "1000000",
                                  "--seed", str(seed)], env=w.env, stdout=out, stderr=subprocess.PIPE)
            # Until some edits are reported, then a little more: the kill lands mid-stream.
            deadline = time.time() + 60
            while os.path.getsize(out_path) < 2000 and time.time() < deadline and p.poll() is None:
                time.sleep(0.05)
            time.sleep(rng.uniform(0.0, 0.5))
            if p.poll() is not None:
                raise Failure(f"round {round_}: the script ended by itself ({p.returncode}): "
                              f"{p.stderr.read().decode(errors='replace')[:300]}")
            p.kill()
            p.wait()
        saved = sum(1 for line in open(out_path, "rb") if line.startswith(b"saved "))
        check(saved > 0, f"round {round_}: nothing was reported saved")
        saved_total += saved
        r = w.lin("script", "--db", path, "--check", out_path, check_rc=False)
        check(r.returncode == 0, f"round {round_} (seed {seed}): {r.stdout.decode()[-500:]} {r.stderr.decode()[-300:]}")
        print(f"round {round_}: killed after {saved} edits reported saved; {r.stdout.decode().strip()}")
    print(f"{saved_total} edits reported saved over 5 kills, all in the file")


@contextlib.contextmanager
def tls_cluster(w, name):
    """A PostgreSQL cluster of the test's own that takes only TLS; yields its folder (url, root.crt)."""
    cluster_sh = os.path.join(os.path.dirname(HERE), "server", "cluster.sh")
    folder = os.path.join(w.tmp, "pg")
    r = subprocess.run([cluster_sh, "start", folder, "tls"], capture_output=True, text=True, timeout=180)
    if r.returncode == 77:
        skip(name, r.stdout.strip())
    check(r.returncode == 0, f"cluster.sh start: {r.stdout} {r.stderr}")
    try:
        yield folder
    finally:
        subprocess.run([cluster_sh, "stop", folder], capture_output=True, timeout=120)


def server(w):
    """The Windows program on a PostgreSQL server reached only over TLS (OpenSSL inside libpq),
    with the Linux binary on the same project."""
    with tls_cluster(w, "server") as folder:
        admin = open(os.path.join(folder, "url")).read().strip()
        host = admin.split("@", 1)[1].rsplit("/", 1)[0]

        def tls(root, windows=True):
            path = os.path.join(folder, root)
            return "sslmode=verify-full&sslrootcert=" + quote(windows_path(path) if windows else path, safe="")

        w.win("server", "init", "--db", f"{admin}?{tls('root.crt')}")
        r = subprocess.run(["psql", "-q", "-v", "ON_ERROR_STOP=1", f"{admin}?sslmode=require", "-c",
                            "CREATE ROLE anna LOGIN IN ROLE stegvis_users"], capture_output=True, text=True)
        check(r.returncode == 0, f"psql: {r.stderr}")
        project = "project=Ume%C3%A5%20IFO"
        anna = f"postgresql://anna@{host}/stegvis?{project}&{tls('root.crt')}"
        anna_linux = f"postgresql://anna@{host}/stegvis?{project}&{tls('root.crt', windows=False)}"
        folder_aao = os.path.join(w.tmp, "Å ä ö server")
        os.makedirs(folder_aao)
        demo = windows_path(os.path.join(folder_aao, "Vårt projekt.stegvis"))
        w.win("demo", "--db", demo, "--today", "2025-06-15")
        pushed = w.win("push", "--db", demo, "--to", anna).stdout.decode()
        check("Umeå IFO" in pushed, f"push: {pushed}")
        listed = w.win("server", "projects", "--db", f"postgresql://anna@{host}/stegvis?{tls('root.crt')}").stdout.decode()
        check(listed.startswith("Umeå IFO\tchef"), f"server projects: {listed!r}")
        # Edits from Windows on the server: every one it reports saved is there for the Linux binary.
        out_path = os.path.join(w.tmp, "server-script.txt")
        with open(out_path, "wb") as out:
            out.write(w.win("script", "--db", anna, "--edits", "40", "--seed", "11").stdout)
        saved = sum(1 for line in open(out_path, "rb") if line.startswith(b"saved "))
        check(saved >= 30, f"only {saved} of 40 edits reported saved")
        r = w.lin("script", "--db", anna_linux, "--check", out_path, check_rc=False)
        check(r.returncode == 0, f"script --check on the server: {r.stdout.decode()[-500:]} {r.stderr.decode()[-300:]}")
        # Pulled into a file by Windows: the same project as the Linux binary reads on the server.
        pulled = os.path.join(folder_aao, "Från servern.stegvis")
        w.win("pull", "--db", anna, "--out", windows_path(pulled))
        on_server = body(w.lin("status", "--db", anna_linux).stdout.decode())
        check(body(w.lin("status", "--db", pulled).stdout.decode()) == on_server, "the pulled file differs")
        check(body(w.win("status", "--db", anna).stdout.decode()) == on_server, "Windows and Linux read the server apart")
        # TLS is not for show: a certificate from another authority, and no TLS at all, are refused
        # in words.
        for address, words in ((f"postgresql://anna@{host}/stegvis?{project}&{tls('other-root.crt')}",
                                "certificate verify failed"),
                               (f"postgresql://anna@{host}/stegvis?{project}&sslmode=disable", "no encryption")):
            r = w.win("status", "--db", address, check_rc=False)
            err = r.stderr.decode(errors="replace")
            check(r.returncode != 0 and "Ingen anslutning till servern" in err and words in err,
                  f"status over {address}: {r.returncode} {err[:400]!r}")
        print(f"server over TLS: schema, push from an å/ä/ö folder, {saved} edits from Windows found by Linux, "
              "pull, status equal; another authority and no TLS refused")


def server_window(w):
    """Two Windows windows on one server project (tests/e2e's server_windows, over TLS): what one
    types is on the server when it is idle, and the other shows it without anything done there."""
    import e2e  # noqa: E402  (tests/e2e is on the path: see the top)
    with tls_cluster(w, "server_window") as folder:
        os.environ["STEGVIS_TEST_SERVER_DIR"] = folder
        e2e.server_windows(w.launcher())
    print("two windows of the Windows build on one server project over TLS: each edit seen by the other")


TESTS = {"same_output": same_output, "paths": paths, "print": print_, "window": window, "kill": kill, "server": server,
         "server_window": server_window}


def skip(name, why):
    required = os.environ.get("STEGVIS_WINE_REQUIRED") == "1"
    print(f"{'FAILED' if required else 'skipped'} {name}: {why}")
    sys.exit(1 if required else 77)


def main():
    name, linux, zip_path, prefix = sys.argv[1:5]
    if not os.path.exists(WINE):
        skip(name, "Wine is not installed (apt install wine64)")
    if not os.path.exists(zip_path):
        skip(name, f"{zip_path} is not built (./stegvis package windows)")
    if name in ("window", "server_window"):
        missing = [t for t in ("Xvfb", "xdotool", "xclip", "import", "setxkbmap") if not shutil.which(t)]
        if missing:
            skip(name, f"{', '.join(missing)} not installed (./stegvis install)")
    try:
        w = Wine(linux, zip_path, prefix)
    except Failure as e:
        print(f"FAILED {name}: {e}")
        sys.exit(1)
    try:
        TESTS[name](w)
    except Failure as e:
        print(f"FAILED {name}: {e}")
        sys.exit(1)
    finally:
        w.close()
    print(f"passed {name}")


if __name__ == "__main__":
    main()
