#!/usr/bin/python3
"""Writes a .docx template whose tags are split over runs as Word leaves them after editing:
"{{pro" + "ject}}" in two runs (the second bold), a list of paragraphs, and a table whose row
repeats, its section tags split too. Argument: the file to write."""
import sys

import docx

d = docx.Document()
p = d.add_paragraph()
p.add_run("Projekt: {{pro")
p.add_run("ject}}").bold = True
p.add_run(" hos {{organi").italic = True
p.add_run("sation}}.")
d.add_paragraph("{{#te")
d.paragraphs[-1].add_run("am}}")
d.add_paragraph("Medlem: {{name}}", style="List Bullet")
d.add_paragraph("{{/team}}")
t = d.add_table(rows=2, cols=3)
for i, h in enumerate(["Datum", "Steg", "Beslut"]):
    t.rows[0].cells[i].text = h
c = t.rows[1].cells[0].paragraphs[0]
c.add_run("{{#deci")
c.add_run("sions}}{{da")
c.add_run("te}}")
t.rows[1].cells[1].text = "{{step}}"
c = t.rows[1].cells[2].paragraphs[0]
c.add_run("{{title}}{{/dec")
c.add_run("isions}}")
d.save(sys.argv[1])
