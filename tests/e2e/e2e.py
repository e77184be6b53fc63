#!/usr/bin/env python3
"""End-to-end tests of the window: python3 e2e.py TEST /path/to/stegvis (see harness.py)."""
import os
import queue
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Failure, Session, check, run  # noqa: E402


def rows(backup, table):
    for t in backup["backup"]["tables"]:
        if t["name"] == table:
            return [dict(zip(t["columns"], [v[2:] if v[:2] in ("i:", "t:", "r:") else None if v == "n" else v
                                            for v in r])) for r in t["rows"]]
    raise AssertionError(f"no table {table}")


def readiness(binary, width=1280, height=800):
    """Three respondents' 12 ORIC answers typed as one stream of 36 digits at 20 ms a key: every
    digit lands on its own statement; then a filled cell is corrected by typing over it."""
    s = Session(binary, width=width, height=height, view="step:4")
    try:
        s.click("new-round")
        s.click("round-create")
        for _ in range(3):
            s.click("add-respondent")
        answers = {1: "123451234512", 2: "543215432154", 3: "333324444155"}
        cells = sorted(n for n in s.rects if n.startswith("ans/"))
        check(cells, "no answer cells on screen")
        rid = cells[0].split("/")[1]
        s.click(f"ans/{rid}/1/0")
        s.type(answers[1] + answers[2] + answers[3])
        s.wait_idle()
        got = {}
        for r in rows(s.backup(), "readiness_answer"):
            got[(int(r["respondent"]), r["item"])] = int(r["value"])
        items = sorted({item for (_, item) in got}, key=lambda i: (len(i), i))
        check(len(got) == 36, f"36 answers expected, {len(got)} stored: {sorted(got.items())}")
        # The instrument's items in order, as the grid shows them (columns 0..11).
        order = [item for item in s.instrument_items] if hasattr(s, "instrument_items") else None
        for resp, digits in answers.items():
            stored = "".join(str(got[(resp, it)]) for it in item_order(got, resp))
            check(stored == digits, f"respondent {resp}: typed {digits}, stored {stored}")
        # Correct respondent 2's 4th answer (1 -> 5) and its 5th with the same digit it has (5).
        s.click(f"ans/{rid}/2/3")
        s.key("ctrl+a")
        s.type("55")
        s.wait_idle()
        fixed = {}
        for r in rows(s.backup(), "readiness_answer"):
            fixed[(int(r["respondent"]), r["item"])] = int(r["value"])
        stored = "".join(str(fixed[(2, it)]) for it in item_order(fixed, 2))
        check(stored == "543555432154", f"after correcting: {stored}")
        check(not any(n.startswith("error/") for n in s.rects), "an error is still shown")
        del items, order
    finally:
        s.close()


ITEM_ORDER = None


def item_order(got, resp):
    """The ORIC item ids in the instrument's order, read from data/instruments."""
    global ITEM_ORDER
    if ITEM_ORDER is None:
        import json
        root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
        for name in sorted(os.listdir(os.path.join(root, "data", "instruments"))):
            with open(os.path.join(root, "data", "instruments", name)) as f:
                ins = json.load(f)
            if ins.get("id", "").lower().startswith("oric"):
                ITEM_ORDER = [i["id"] for i in ins["items"]]
    return ITEM_ORDER


def inventory(binary):
    """Ten rows of the needs inventory typed from the keyboard, Tab between cells, at 20 ms a key."""
    s = Session(binary, view="step:2")
    try:
        firsts = sorted((s.rects[n][1], n.split("/")[1]) for n in s.rects if n.startswith("inv/") and n.endswith("/offered"))
        check(len(firsts) >= 11, f"fewer than 11 inventory rows on screen: {len(firsts)}")
        recs = [rec for _, rec in firsts[:10]]
        first_cell = s.rect(f"inv/{recs[0]}/offered")
        providers = ["eg", "an", "so", "pr", "ps", "ex", "i", "eg", "an", "so"]  # the hint's prefixes
        provider_keys = ["egen", "annan_del", "socialtjanst", "primarvard", "psykiatri", "extern", "ingen", "egen",
                         "annan_del", "socialtjanst"]
        for i, rec in enumerate(recs):
            s.click(f"inv/{rec}/offered")
            s.type(f"ja\t{providers[i]}\t{10 + i}\t{5 + i}\t{i}\tli\trad {i}\n")
            s.wait_idle()
            if i == 0:
                # The step is in progress by itself once a row is filled in; nothing moved for it.
                check(s.has("step-status-in_progress-automatic"), "step 2 not in progress after the first row")
                check(s.rect(f"inv/{recs[1]}/offered")[1] == first_cell[1] + (firsts[1][0] - firsts[0][0]),
                      "the rows moved when the first row was filled in")
        # The 11th row: "delvis" from the right-click list, then Tab and typing go on in the row.
        rec11 = firsts[10][1]
        s.click(f"inv/{rec11}/offered", button=3)
        s.click("option/delvis")
        s.key("Tab")
        s.type("ex\t")
        s.wait_idle()
        got = {r["rec_id"]: r for r in rows(s.backup(), "inventory")}
        r11 = got.pop(rec11, None)
        check(r11 is not None and r11["offered"] == "delvis" and r11["provider"] == "extern",
              f"after the list: {r11}")
        for i, rec in enumerate(recs):
            r = got.get(rec)
            check(r is not None, f"row {i} ({rec}) was not stored")
            want = {"offered": "ja", "provider": provider_keys[i], "volume": str(10 + i), "reached": str(5 + i),
                    "staff_trained": str(i),
                    "gap": "liten", "comment": f"rad {i}"}
            have = {k: (r[k] or "") for k in want}
            have = {k: v[:-2] if v.endswith(".0") else v for k, v in have.items()}
            check(have == want, f"row {i} ({rec}): want {want}, stored {have}")
        check(len(got) == 10, f"10 rows expected, {len(got)} stored: {sorted(got)}")
        check(not any(kind == "error" for kind, _ in s.messages), f"errors shown: {s.messages}")
    finally:
        s.close()


def paste(binary):
    """A series pasted from the clipboard into step 12, saved, then two more points typed into the
    period table with Tab and Enter at 20 ms a key."""
    s = Session(binary, project="demo", view="step:12")
    try:
        series = ["2025-06-09;10;20", "2025-06-16;12;22", "2025-06-23;15;25", "2025-06-30;14;21"]
        xclip = subprocess.Popen(["xclip", "-selection", "clipboard", "-i"], env=s.env, stdin=subprocess.PIPE,
                                 stderr=subprocess.DEVNULL)
        xclip.communicate(("\n".join(series) + "\n").encode())
        for _ in range(100):  # xclip takes the selection just after it has read its input
            out = subprocess.run(["xclip", "-selection", "clipboard", "-o"], env=s.env, capture_output=True, text=True)
            if out.stdout.startswith(series[0]):
                break
            time.sleep(0.05)
        s.click("paste-box")
        s.key("ctrl+v")
        s.wait_idle()
        s.click("paste-save")
        pts = {(r["measure_id"], r["period"]): r for r in rows(s.backup(), "measure_point")}
        for line in series:
            per, num, den = line.split(";")
            r = pts.get(("1", per))
            check(r is not None, f"pasted point {per} not stored")
            check(float(r["numerator"]) == float(num) and float(r["denominator"]) == float(den),
                  f"{per}: pasted {num}/{den}, stored {r['numerator']}/{r['denominator']}")
        # The newest row of the table is the week after the last point.
        cells = sorted(n for n in s.rects if n.startswith("pt/1/") and n.endswith("/num"))
        check(cells, "no period table cells")
        newest = max(c.split("/")[2] for c in cells)
        check(newest == "2025-07-07", f"newest period row {newest}")
        s.click(f"pt/1/{newest}/num")
        s.type("7\t30\t")
        s.type("forsta veckan\n")
        s.wait_idle()
        r = {(p["measure_id"], p["period"]): p for p in rows(s.backup(), "measure_point")}.get(("1", newest))
        check(r is not None and float(r["numerator"]) == 7 and float(r["denominator"]) == 30,
              f"typed 7/30 into {newest}, stored {r}")
    finally:
        s.close()


def pixels_differ(a, b, rect):
    """The share of pixels inside rect that differ between two screenshots."""
    x0, y0, x1, y1 = rect
    geo = f"{x1 - x0}x{y1 - y0}+{x0}+{y0}"
    r = subprocess.run(["compare", "-metric", "AE", "-fuzz", "2%", f"{a}[{geo}]", f"{b}[{geo}]", "null:"],
                       capture_output=True, text=True)
    return float(r.stderr.split()[0]) / ((x1 - x0) * (y1 - y0))


def dialog_closes(binary):
    """Frys som baslinje → Avbryt: the dialog is gone from the very next screenshot, with the
    mouse left where it clicked."""
    s = Session(binary, view="step:2")
    try:
        # The pointer starts on the status bar, where nothing shows a tooltip.
        s.move(200, 790)
        s.wait_idle()
        before = os.path.join(s.tmp, "before.png")
        s.screenshot(before)
        s.click("freeze-baseline")
        dialog = s.rect("baseline-dialog")
        shown = os.path.join(s.tmp, "shown.png")
        s.screenshot(shown)
        # The upper part of the dialog: the pointer rests on Avbryt at its foot, and what it
        # hovers there afterwards may show a tooltip below it.
        x0, y0, x1, y1 = dialog
        dialog = (x0, y0, x1, y0 + (y1 - y0) * 3 // 5)
        check(pixels_differ(before, shown, dialog) > 0.3, "the dialog did not appear on screen")
        s.click("baseline-cancel")
        check(not s.has("baseline-dialog"), "the program still draws the dialog")
        after = os.path.join(s.tmp, "after.png")
        s.screenshot(after)
        share = pixels_differ(before, after, dialog)
        check(share < 0.03, f"{share:.0%} of the dialog's area still differs from before it opened")
    finally:
        s.close()


def exports(binary):
    """Two documents exported in a row are two files in ~/Dokument; the same one again asks before
    replacing, and Avbryt leaves the file as it was."""
    s = Session(binary, project="demo", view="export")
    try:
        docs = os.path.join(s.home, "Dokument")
        s.click("export-format-html")
        s.click("export-doc-case-for-change")
        s.click("export-do")
        s.click("export-doc-progress")
        s.click("export-do")
        case, progress = os.path.join(docs, "underlag-for-forandring.html"), os.path.join(docs, "lagesrapport.html")
        check(os.path.exists(case), f"{case} missing: {os.listdir(docs) if os.path.isdir(docs) else 'no folder'}")
        check(os.path.exists(progress), f"{progress} missing: {os.listdir(docs)}")
        with open(case) as f:
            case_text = f.read()
        with open(progress) as f:
            check(f.read() != case_text, "the two documents have the same content")
        check(s.messages and s.messages[-1] == ("ok", "Sparat: " + progress), f"status bar: {s.messages[-1:]}")
        check(s.has("open-folder"), "no way to open the folder in the status bar")
        # Excel names its own file.
        s.click("export-format-xlsx")
        s.click("export-do")
        check(os.path.exists(os.path.join(docs, "projekt.xlsx")), f"no projekt.xlsx: {os.listdir(docs)}")
        # The case for change again: asked, and Avbryt keeps the file.
        s.click("export-format-html")
        s.click("export-doc-case-for-change")
        stamp = os.stat(case).st_mtime_ns
        s.click("export-do")
        check(s.has("replace-yes") and s.has("replace-no"), "no question before replacing")
        s.click("replace-no")
        check(os.stat(case).st_mtime_ns == stamp, "the file was replaced without asking")
        s.click("export-do")
        s.click("replace-yes")
        check(os.stat(case).st_mtime_ns != stamp, "Ersätt did not write the file")
        check(sorted(os.listdir(docs)) == ["lagesrapport.html", "projekt.xlsx", "underlag-for-forandring.html"],
              f"files: {sorted(os.listdir(docs))}")
    finally:
        s.close()


def case_exports(binary):
    """Step 5's own export buttons: Markdown then HTML are two files in ~/Dokument, and the status
    bar's Öppna mappen hands that folder to the desktop's file manager (xdg-open)."""
    s = Session(binary, project="demo", view="step:5", fake_xdg_open=True)
    try:
        docs = os.path.join(s.home, "Dokument")
        s.click("case-export-md")
        s.click("case-export-html")
        md, html = os.path.join(docs, "underlag-for-forandring.md"), os.path.join(docs, "underlag-for-forandring.html")
        check(os.path.exists(md), f"{md} missing: {os.listdir(docs) if os.path.isdir(docs) else 'no folder'}")
        check(os.path.exists(html), f"{html} missing: {os.listdir(docs)}")
        with open(md) as f:
            check(f.read().startswith("# Underlag för förändring"), "the Markdown file is not the case for change")
        check(s.messages and s.messages[-1] == ("ok", "Sparat: " + html), f"status bar: {s.messages[-1:]}")
        s.click("open-folder")
        opened = os.path.join(s.tmp, "xdg-open.log")
        for _ in range(50):  # the file manager is started without waiting for it
            if os.path.exists(opened) and open(opened).read().strip():
                break
            time.sleep(0.1)
        check(os.path.exists(opened), "Öppna mappen started nothing")
        with open(opened) as f:
            check(f.read().strip() == docs, f"Öppna mappen opened {open(opened).read().strip()!r}, not {docs}")
    finally:
        s.close()


def team_and_plan(binary):
    """Step 6: Enter in the add field adds, and the cursor is back for the next name. Step 9:
    the add buttons stay put while rows and the "missing" count appear. Step 10: Tab walks the
    activity's cells in the order they are shown, lists included, and typing sets them."""
    s = Session(binary, view="step:6")
    try:
        s.click("add/member/name")
        s.type("Anna Andersson\nBertil Berg\n")
        s.wait_idle()
        names = sorted(r["name"] for r in rows(s.backup(), "team_member"))
        check(names == ["Anna Andersson", "Bertil Berg"], f"team: {names}")
        s.close()
        s = Session(binary, project="demo", view="step:9")
        n0 = len([r for r in rows(s.backup(), "resource") if r["initiative_id"] == "1"])
        money = s.rect("add-resource-money")
        s.click("add-resource-time")
        check(s.rect("add-resource-money") == money, "the add buttons moved after the first click")
        s.click("add-resource-money")
        kinds = [r["kind"] for r in rows(s.backup(), "resource") if r["initiative_id"] == "1"]
        check(len(kinds) == n0 + 2 and kinds[-2:] == ["time", "money"], f"resources: {kinds}")
        s.close()
        s = Session(binary, project="demo", view="step:10")
        acts = [r for r in rows(s.backup(), "activity") if r["initiative_id"] == "1" and not r["removed_at"]]
        a = acts[0]["id"]
        s.click(f"rec/activity/{a}/what")
        order = []
        for _ in range(4):
            s.key("Tab")
            s.wait_idle()
            order.append(s.active.split("/")[-1] if s.active.startswith(f"rec/activity/{a}/") else s.active)
        check(order == ["responsible", "start_on", "due_on", "status"], f"Tab went {order}")
        s.type("kl\t")  # status: klar
        s.wait_idle()
        s.click(f"rec/activity/{a}/responsible")
        s.type("Karin\t")
        s.wait_idle()
        act = [r for r in rows(s.backup(), "activity") if r["id"] == a][0]
        check(act["status"] == "done", f"status {act['status']}")
        members = {r["id"]: r["name"] for r in rows(s.backup(), "team_member")}
        check(members.get(act["responsible"], "").startswith("Karin"),
              f"responsible {members.get(act['responsible'])}, team {sorted(members.values())}")
    finally:
        s.close()


def priorities(binary):
    """Step 3: a feasibility that lifts a row's score does not move the rows while the pointer is
    over the table; they take the new order when it leaves."""
    s = Session(binary, project="demo", view="step:3")
    try:
        def shown():
            return [n.split("/", 1)[1] for _, n in sorted((s.rects[n][1], n) for n in s.rects if n.startswith("hex/"))]
        before = shown()
        check(len(before) >= 3, f"too few candidates on screen: {before}")
        # The top row, of high feasibility, gets "låg": its score drops by two.
        feas0 = {r["rec_id"]: r["feasibility"] for r in rows(s.backup(), "priority")}
        top = before[0]
        check(feas0.get(top) == "3", f"the top row's feasibility: {feas0.get(top)}")
        s.click(f"feas/{top}")
        s.click("feas-option/1")
        feas = {r["rec_id"]: r["feasibility"] for r in rows(s.backup(), "priority")}
        check(feas.get(top) == "1", f"feasibility of {top}: {feas.get(top)}")
        check(shown() == before, f"the rows moved under the pointer: {before} -> {shown()}")
        s.move(5, 5)  # out of the table
        deadline = time.time() + 10
        while shown() == before and time.time() < deadline:
            s.wait_idle()
        after = shown()
        check(sorted(after) == sorted(before) or len(after) >= len(before), "rows lost")
        check(top not in after or after.index(top) > 0, f"{top} did not move down after the pointer left: {after}")
    finally:
        s.close()


def chart_image(binary):
    """A right-click on a chart: Kopiera puts a PNG on the desktop's clipboard, and Spara som bild
    writes one into ~/Dokument named after the measure."""
    s = Session(binary, project="demo", view="step:13/1")
    try:
        s.click("chart", button=3)
        check(s.has("chart-copy"), "no context menu on the chart")
        s.click("chart-copy")
        got = subprocess.run(["xclip", "-o", "-selection", "clipboard", "-t", "image/png"], env=s.env,
                             capture_output=True, timeout=30)
        check(got.returncode == 0 and got.stdout[:8] == b"\x89PNG\r\n\x1a\n" and len(got.stdout) > 5000,
              f"the clipboard holds no PNG: rc {got.returncode}, {got.stdout[:16]!r} {got.stderr[:200]!r}")
        check(s.messages and s.messages[-1][0] == "ok", f"status bar: {s.messages[-1:]}")
        s.click("chart", button=3)
        s.click("chart-save")
        check(s.has("chart-save-dialog"), "no save dialog")
        s.click("chart-save-do")
        docs = os.path.join(s.home, "Dokument")
        png = os.path.join(docs, "Andel nya klienter med alkoholproblem som erbjuds MET.png")
        check(os.path.exists(png), f"{png} missing: {os.listdir(docs) if os.path.isdir(docs) else 'no folder'}")
        with open(png, "rb") as f:
            check(f.read(8) == b"\x89PNG\r\n\x1a\n", "not a PNG")
    finally:
        s.close()


def small_screen(binary):
    """Started as a user starts it on a screen smaller than the default window (1024 x 700), the
    window fits on the screen, and the step 2 table and the status bar are inside it."""
    s = Session(binary, width=1024, height=700, project="demo", view="step:2", default_size=True)
    try:
        geometry = s.xdo("getwindowgeometry", s.window)
        size = geometry.split("Geometry:")[1].split()[0]
        w, h = (int(v) for v in size.split("x"))
        check(w <= 1024 and h <= 700, f"the window is {w}x{h} on a 1024x700 screen")
        check(w >= 640 and h >= 480, f"the window shrank too far: {w}x{h}")
        for item in ("inv/BI-01/offered", "inv/BI-01/provider"):
            if s.has(item):
                r = s.rects[item]
                check(r[2] <= w and r[3] <= h, f"{item} lies outside the window: {r}")
        check(s.has("inv/BI-01/offered"), "the inventory is not shown")
    finally:
        s.close()


def pump(s, seconds):
    """Takes in what the window reports for `seconds`, without waiting for it to be idle."""
    end = time.time() + seconds
    while time.time() < end:
        try:
            line = s.lines.get(timeout=max(0.01, end - time.time()))
        except queue.Empty:
            return
        check(line is not None, "the window exited")
        s._take(line)


def server_windows(binary):
    """Two windows, Anna's and Bo's, on one project on a PostgreSQL server (the tests' private
    cluster): what Anna types in a cell is on the server when her window is idle, and Bo's window
    shows it without anything done there; each status bar names the other."""
    folder = os.environ.get("STEGVIS_TEST_SERVER_DIR", "")
    url_file = os.path.join(folder, "url")
    if not folder or not os.path.exists(url_file):
        if os.environ.get("STEGVIS_SERVER_REQUIRED") == "1":
            raise Failure("no test server (STEGVIS_TEST_SERVER_DIR)")
        print("skipped server_windows: no test server")
        sys.exit(77)
    admin = open(url_file).read().strip()
    base = admin.rsplit("/", 1)[0]
    db = f"e2e_{os.getpid()}"

    def psql(url, sql):
        r = subprocess.run(["psql", "-q", "-v", "ON_ERROR_STOP=1", url, "-c", sql], capture_output=True, text=True)
        if r.returncode != 0:
            raise Failure(f"psql: {r.stderr}")

    psql(admin, f"CREATE DATABASE {db}")
    shots = os.environ.get("STEGVIS_E2E_SHOTS", "")
    a = b = None
    try:
        admin_db = f"{base}/{db}"
        subprocess.run([binary, "server", "init", "--db", admin_db], check=True, capture_output=True)
        # The roles are the cluster's, shared with the other server tests (their lock, 7001).
        psql(admin_db, "SELECT pg_advisory_lock(7001); DO $$ BEGIN CREATE ROLE anna LOGIN; "
                       "EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$; "
                       "DO $$ BEGIN CREATE ROLE bo LOGIN; EXCEPTION WHEN duplicate_object OR unique_violation "
                       "THEN NULL; END $$; GRANT stegvis_users TO anna; SELECT pg_advisory_unlock(7001)")
        host = admin_db.split("@", 1)[1]
        anna = f"postgresql://anna@{host}?project=Enhet%20S%C3%B6der"
        bo = f"postgresql://bo@{host}?project=Enhet%20S%C3%B6der"
        work = tempfile.mkdtemp(prefix="stegvis-e2e-server-")
        demo = os.path.join(work, "demo.stegvis")
        env = dict(os.environ, XDG_DATA_HOME=os.path.join(work, "data"), XDG_CONFIG_HOME=os.path.join(work, "config"))
        for args in (["demo", "--db", demo, "--today", "2025-06-15"], ["push", "--db", demo, "--to", anna],
                     ["server", "grant", "--db", anna, "--user", "bo", "--as", "team"]):
            r = subprocess.run([binary, *args], capture_output=True, text=True, env=env)
            check(r.returncode == 0, f"stegvis {args[0]}: {r.stderr}")
        shutil.rmtree(work, ignore_errors=True)
        a = Session(binary, project=anna, view="step:9")
        b = Session(binary, project=bo, view="step:9")
        resource = [r for r in rows(a.backup(), "resource") if r["initiative_id"] == "1"][0]["id"]
        cell = f"rec/resource/{resource}/description"
        # Each window names the other in its status bar (asked every few seconds).
        deadline = time.time() + 15
        while not (a.has("server-others") and b.has("server-others")) and time.time() < deadline:
            for s in (a, b):
                pump(s, 0.2)
        check(a.has("server-others") and b.has("server-others"), "the status bars do not name the other window")
        b.messages.clear()
        a.click(cell)
        a.key("ctrl+a")
        a.type("Lokal i Soder\n")
        a.wait_idle()
        saved = time.time()
        got = [r for r in rows(a.backup(), "resource") if r["id"] == resource][0]["description"]
        check(got == "Lokal i Soder", f"on the server: {got!r}")
        # Bo's window, untouched, shows it (how quickly is the benchmark's server_shown_ms, not a
        # test's: a sanitizer build is slower).
        while time.time() - saved < 20 and not any("Andra har ändrat projektet" in t for _, t in b.messages):
            pump(b, 0.05)
        check(any("Andra har ändrat projektet" in text for _, text in b.messages),
              f"Bo's window did not show Anna's edit: {b.messages}")
        print(f"Bo's window showed Anna's edit after {time.time() - saved:.2f} s")
        b.wait_idle()
        history = [h for h in rows(b.backup(), "history") if h["entity"] == "resource" and h["key"] == resource]
        check(history and (history[-1]["who"] == "anna" or history[-1]["who"].endswith(" (anna)")),
              f"history names {history[-1:]}")
        if shots:
            a.screenshot(os.path.join(shots, "server-anna.png"))
            b.screenshot(os.path.join(shots, "server-bo.png"))
    finally:
        for s in (a, b):
            if s:
                s.close()
        psql(admin, f"DROP DATABASE IF EXISTS {db} WITH (FORCE)")


if __name__ == "__main__":
    run({"readiness": readiness, "readiness_small": lambda b: readiness(b, 1024, 700), "inventory": inventory, "paste": paste, "dialog_closes": dialog_closes,
         "exports": exports, "case_exports": case_exports, "team_and_plan": team_and_plan,
         "priorities": priorities, "chart_image": chart_image, "small_screen": small_screen,
         "server_windows": server_windows})
