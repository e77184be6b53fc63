#!/usr/bin/python3
"""Prints what python-docx reads of a .docx as JSON: the headings (style and text), every
paragraph's text, and each table's rows as lists of cell texts. Exit 1 when it cannot be read."""
import json
import sys

import docx

d = docx.Document(sys.argv[1])
out = {
    "headings": [[p.style.name, p.text] for p in d.paragraphs if p.style.name.startswith(("Heading", "Title"))],
    "paragraphs": [p.text for p in d.paragraphs],
    "tables": [[[c.text for c in row.cells] for row in t.rows] for t in d.tables],
    "header": [p.text for p in d.sections[0].header.paragraphs],
}
print(json.dumps(out, ensure_ascii=False))
