#!/usr/bin/python3
"""Writes the Word templates templates/progress.docx, plan.docx and local-agreement.docx.

They are ordinary .docx files: open one in Word or LibreOffice, change the letterhead, the
wording and the styles, keep the {{tags}}, and save it under the same name (or give Stegvis its
path with --template). The tags work as in the Markdown templates (templates/*.md.mustache):
{{name}} is a value, {{#list}} ... {{/list}} repeats what lies between for each item (or shows it
when true), {{^x}} ... {{/x}} shows it when x is empty. A section tag alone in a paragraph repeats
the paragraphs and tables between; a section that opens in a table row's first cell and closes in
its last cell repeats the row.

Run after changing this file (needs Debian's python3-docx):  templates/make-docx-templates.py
"""
import os

import docx
from docx.enum.section import WD_ORIENT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Cm, Pt

HERE = os.path.dirname(os.path.abspath(__file__))
TABLE_SIZE = Pt(8)  # tables' text: small enough for a date or an id on one line


def new_document(title_for_header, landscape=False):
    d = docx.Document()
    styles = d.styles
    styles["Normal"].font.name = "DejaVu Sans"
    styles["Normal"].font.size = Pt(10)
    styles["Table Grid"].font.size = Pt(8)
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3"):
        styles[name].font.name = "DejaVu Sans"
    s = d.sections[0]
    s.page_width, s.page_height = Cm(21.0), Cm(29.7)  # A4
    if landscape:
        s.orientation = WD_ORIENT.LANDSCAPE
        s.page_width, s.page_height = s.page_height, s.page_width
    for side in ("left_margin", "right_margin"):
        setattr(s, side, Cm(2.0))
    s.top_margin, s.bottom_margin = Cm(2.2), Cm(2.0)
    # The running header names the unit and the document; the footer numbers the pages.
    s.header.paragraphs[0].text = "{{organisation}} · " + title_for_header + " · {{date}}"
    foot = s.footer.paragraphs[0]
    foot.alignment = 1
    foot._p.append(parse_xml(
        '<w:r %s><w:t xml:space="preserve">Sida </w:t></w:r>' % nsdecls("w")))
    foot._p.append(parse_xml('<w:fldSimple %s w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple>' % nsdecls("w")))
    foot._p.append(parse_xml('<w:r %s><w:t xml:space="preserve"> av </w:t></w:r>' % nsdecls("w")))
    foot._p.append(parse_xml('<w:fldSimple %s w:instr="NUMPAGES"><w:r><w:t>1</w:t></w:r></w:fldSimple>' % nsdecls("w")))
    return d


def para(d, text, style=None, bold_prefix=None):
    p = d.add_paragraph(style=style)
    if bold_prefix:
        p.add_run(bold_prefix).bold = True
    p.add_run(text)
    return p


def bullets(d, section, text):
    """One bullet paragraph repeated for each item of `section` (its tags in paragraphs of their own)."""
    d.add_paragraph("{{#" + section + "}}")
    d.add_paragraph(text, style="List Bullet")
    d.add_paragraph("{{/" + section + "}}")


def table(d, headers, cells, open_tags, close_tags, widths):
    """A table with a header row (repeated on every page) and one row repeated by the sections
    open_tags ... close_tags, which open in the row's first cell and close in its last. The
    columns are `widths` cm wide, so that ids and dates fit on one line."""
    t = d.add_table(rows=2, cols=len(headers))
    t.style = "Table Grid"
    t.autofit = False
    for i, w in enumerate(widths):
        t.columns[i].width = Cm(w)
        for row in t.rows:
            row.cells[i].width = Cm(w)
    for i, h in enumerate(headers):
        c = t.rows[0].cells[i]
        run = c.paragraphs[0].add_run(h)
        run.bold = True
        run.font.size = TABLE_SIZE
    # The header row repeats on each page.
    t.rows[0]._tr.get_or_add_trPr().append(parse_xml('<w:tblHeader %s/>' % nsdecls("w")))
    for i, v in enumerate(cells):
        text = v
        if i == 0:
            text = open_tags + text
        if i == len(cells) - 1:
            text = text + close_tags
        t.rows[1].cells[i].paragraphs[0].add_run(text).font.size = TABLE_SIZE
    return t


def progress():
    d = new_document("Lägesrapport")
    d.add_paragraph("Lägesrapport: {{project}}", style="Title")
    para(d, " ({{kind}}) · {{date}} · riktlinjerna, utgåva {{edition}}", bold_prefix="{{organisation}}")
    d.add_paragraph("Steg för steg", style="Heading 1")
    d.add_paragraph("{{#phases}}")
    d.add_paragraph("Fas {{number}}: {{title}}", style="Heading 2")
    table(d, ["Steg", "Ansvar", "Införande", "Status", "Start", "Klart", "Checklista"],
          ["{{number}}. {{title}}", "{{owner}}", "{{who}}", "{{status}}{{#note}} ({{note}}){{/note}}", "{{started}}",
           "{{finished}}", "{{checklist}}"], "{{#steps}}{{#rows}}", "{{/rows}}{{/steps}}", [3.3, 3.3, 2.2, 1.8, 2.1, 2.1, 2.2])
    d.add_paragraph("{{/phases}}")
    d.add_paragraph("Behov och glapp", style="Heading 1")
    d.add_paragraph("{{assessed}} av {{total}} rekommendationer är bedömda. Stort glapp: {{large_gaps}}, litet glapp: "
                    "{{small_gaps}}. Målgrupperna med stort glapp omfattar uppskattningsvis {{people_with_large_gap}} "
                    "personer per år.")
    d.add_paragraph("{{#has_bor_large_gaps}}")
    table(d, ["ID", "Åtgärd", "Tillstånd", "Område", "Personer/år"],
          ["{{id}}", "{{intervention}}", "{{condition}}", "{{area}}", "{{volume}}"], "{{#bor_large_gaps}}",
          "{{/bor_large_gaps}}", [1.6, 5.0, 5.0, 3.4, 2.0])
    d.add_paragraph("{{/has_bor_large_gaps}}")
    d.add_paragraph("Prioriteringar", style="Heading 1")
    bullets(d, "chosen", "{{intervention}} — {{condition}} ({{id}}, {{area}}; nivå: {{level}})")
    d.add_paragraph("{{^has_chosen}}Inga prioriteringar valda ännu.{{/has_chosen}}")
    d.add_paragraph("Organisatorisk beredskap", style="Heading 1")
    d.add_paragraph("{{#readiness}}")
    d.add_paragraph('{{instrument}}, "{{round}}"{{#has_date}} ({{date}}){{/has_date}}, {{respondents}} svarande:')
    bullets(d, "subscales", "{{name}}: {{mean}} (SD {{sd}})")
    d.add_paragraph("{{/readiness}}")
    d.add_paragraph("{{^readiness}}Inte mätt ännu.{{/readiness}}")
    d.add_paragraph("Implementeringsteamet", style="Heading 1")
    bullets(d, "team", "{{name}}{{#has_role}}, {{role}}{{/has_role}}{{#has_org}} ({{organisation}}){{/has_org}}")
    d.add_paragraph("{{^has_team}}Inget team ännu.{{/has_team}}")
    d.add_paragraph("Införanden", style="Heading 1")
    d.add_paragraph("{{^has_initiatives}}Inga införanden startade ännu.{{/has_initiatives}}")
    d.add_paragraph("{{#initiatives}}")
    d.add_paragraph("{{name}} ({{rec_id}}, beslutat {{decided_on}})", style="Heading 2")
    d.add_paragraph("{{#recommendation}}Rekommendation: {{intervention}} — {{condition}}. Nivå: {{level}}.{{/recommendation}}")
    d.add_paragraph("{{#pilot_decision}}Beslut efter piloten: {{pilot_decision}}{{/pilot_decision}}")
    bullets(d, "goals", "Mål: {{indicator}}: från {{baseline}} till {{target}} senast {{date}}")
    d.add_paragraph("{{#has_missing}}")
    para(d, "", bold_prefix="Resurser som saknas:")
    bullets(d, "missing_resources", "{{kind}}{{#has_description}}: {{description}}{{/has_description}}{{#has_responsible}} "
                    "(ansvarig: {{responsible}}){{/has_responsible}}")
    d.add_paragraph("{{/has_missing}}")
    d.add_paragraph("{{#has_overdue}}")
    para(d, "", bold_prefix="Försenade aktiviteter:")
    bullets(d, "overdue", "{{what}}, skulle vara klar {{due}}{{#has_responsible}} (ansvarig: {{responsible}}){{/has_responsible}}")
    d.add_paragraph("{{/has_overdue}}")
    d.add_paragraph("{{#measures}}")
    para(d, " ({{direction}}, {{centre_label}} {{centre}})", bold_prefix="Mått: {{name}}")
    table(d, ["Del", "Punkter", "Längsta serie (gräns)", "Korsningar (minst)", "Signal"],
          ["{{label}}", "{{n}}", "{{longest}} ({{longest_max}})", "{{crossings}} ({{crossings_min}})",
           "{{signal}} {{verdict}}"], "{{#parts}}", "{{/parts}}", [5.0, 1.8, 3.2, 3.2, 3.8])
    d.add_paragraph("{{#has_control}}{{control_line}}{{/has_control}}")
    d.add_paragraph("{{/measures}}")
    d.add_paragraph("{{/initiatives}}")
    d.add_paragraph("Beslutslogg", style="Heading 1")
    d.add_paragraph("{{#has_decisions}}")
    table(d, ["Datum", "Steg", "Beslut", "Deltagare", "Rekommendationer"],
          ["{{date}}", "{{step}}", "{{title}}{{#withdrawn}} (återkallat){{/withdrawn}}", "{{participants}}",
           "{{recommendations_named}}"], "{{#decisions}}", "{{/decisions}}", [2.3, 1.2, 5.0, 3.5, 5.0])
    d.add_paragraph("{{/has_decisions}}")
    d.add_paragraph("{{^has_decisions}}Inga beslut loggade ännu.{{/has_decisions}}")
    d.add_paragraph("{{#has_privacy}}")
    d.add_paragraph("Integritet: texter som liknar personnummer", style="Heading 1")
    d.add_paragraph("Stegvis ska bara innehålla uppgifter om verksamheten, aldrig om enskilda klienter. Följande texter "
                    "innehåller något som liknar ett personnummer eller samordningsnummer (visas maskerat). "
                    "Kontrollera och ta bort dem.")
    bullets(d, "privacy", "{{where}}: {{masked}}")
    d.add_paragraph("{{/has_privacy}}")
    d.add_paragraph("Framtaget med Stegvis.").runs[0].italic = True
    d.save(os.path.join(HERE, "progress.docx"))


def plan():
    d = new_document("Implementeringsplan")
    d.add_paragraph("Implementeringsplan: {{project}}", style="Title")
    para(d, " · {{date}}", bold_prefix="{{organisation}}")
    d.add_paragraph("Implementeringsteamet", style="Heading 1")
    bullets(d, "team", "{{name}}{{#has_role}}, {{role}}{{/has_role}}{{#has_org}} ({{organisation}}){{/has_org}}")
    d.add_paragraph("{{^has_team}}Inget team ännu (steg 6).{{/has_team}}")
    d.add_paragraph("{{^has_initiatives}}Inga införanden startade ännu (steg 7).{{/has_initiatives}}")
    d.add_paragraph("{{#initiatives}}")
    d.add_paragraph("{{name}} ({{rec_id}})", style="Heading 1")
    d.add_paragraph("{{#recommendation}}Rekommendation: {{intervention}} — {{condition}}. Nivå: {{level}}. "
                    "{{/recommendation}}Beslutat {{decided_on}}.")
    d.add_paragraph("Mätbara mål", style="Heading 2")
    table(d, ["Indikator", "Utgångsläge", "Mål", "Senast"], ["{{indicator}}", "{{baseline}}", "{{target}}", "{{date}}"],
          "{{#goals}}", "{{/goals}}", [8.0, 3.4, 3.4, 2.2])
    d.add_paragraph("Aktiviteter, utbildning, handledning och uppföljning", style="Heading 2")
    table(d, ["Slag", "Vad", "Ansvarig", "Start", "Klart senast", "Status"],
          ["{{kind}}", "{{what}}", "{{responsible}}", "{{start}}", "{{due}}", "{{status}}{{#overdue}} (försenad){{/overdue}}"],
          "{{#activities}}", "{{/activities}}", [2.4, 5.0, 2.8, 2.2, 2.4, 2.2])
    d.add_paragraph("Resurser", style="Heading 2")
    table(d, ["Slag", "Beskrivning", "Belopp (kr)", "Status", "Ansvarig", "Klart senast"],
          ["{{kind}}", "{{description}}", "{{amount}}", "{{status}}", "{{responsible}}", "{{due}}"],
          "{{#resources}}", "{{/resources}}", [2.4, 5.0, 2.2, 2.4, 2.6, 2.4])
    d.add_paragraph("Utbildning", style="Heading 2")
    table(d, ["Person", "Utbildning", "Datum", "Utbildare", "Status"],
          ["{{person}}", "{{course}}", "{{date}}", "{{trainer}}", "{{status}}"], "{{#trainings}}", "{{/trainings}}", [4.0, 5.0, 2.2, 3.4, 2.4])
    d.add_paragraph("{{/initiatives}}")
    d.add_paragraph("Framtaget med Stegvis.").runs[0].italic = True
    d.save(os.path.join(HERE, "plan.docx"))


# What the county agreement lists as each principal's (seed: Länsöverenskommelse, Västerbotten).
MUNICIPALITY = [
    "tidig upptäckt, screening",
    "information och rådgivning",
    "uppsökande verksamhet",
    "motivationsarbete",
    "utredning av behandlingsbehov",
    "vård och behandling av missbruk i form av öppenvård, familjevård och/eller institutionsvård i egen eller annans regi",
    "återfallsprevention genom ÅP eller annat stöd",
    "samordning av stödinsatser för den enskilde",
    "boende och boendestöd för personer med särskilda behov",
    "psykosocial behandling",
    "träning av psykosociala färdigheter",
    "kontaktpersoner",
    "anhörigstöd – med särskild uppmärksamhet på barnen",
    "nätverksarbete",
    "utredning och ansökan till förvaltningsrätten om tvångsvård enligt LVM/LVU",
    "uppföljning av personer som omhändertagits enligt LOB",
    "hälso- och sjukvård i särskilt boende",
    "hälso- och sjukvård i ordinärt boende enligt tröskelprincipen"
]
REGION = [
    "förebyggande arbete och tidiga interventioner vid riskbruk",
    "screening, diagnostik och behandling i enlighet med befintliga vårdprogram",
    "tillnyktringsverksamhet",
    "abstinensbehandling i öppen- och slutenvård",
    "alkohol- och drogkontroller inom ramen för medicinsk behandling",
    "somatisk utredning och behandling",
    "psykiatrisk utredning och behandling",
    "utredning och behandling vid samsjuklighet",
    "läkemedelsassisterad behandling vid beroendetillstånd (LARO)",
    "avgiftning och behandling av läkemedelsberoende",
    "psykoterapeutisk behandling",
    "smittskyddsarbete",
    "LVM-läkarintyg",
    "anmälan rörande barn i riskmiljö, LVM, vapen och körkort",
    "inledande vård på sjukhus vid behov, i samband med LVM-vård"
]
LAW = "Överenskommelse enligt 5 kap. 9 a § socialtjänstlagen (2001:453) och 16 kap. 3 § hälso- och sjukvårdslagen (2017:30) mellan kommunen, regionen och i förekommande fall polisen, om samarbete kring personer som missbrukar alkohol, narkotika, andra beroendeframkallande medel, läkemedel eller dopningsmedel. Rubrikerna följer förslaget till mall i länsöverenskommelsen; texten under varje rubrik fylls i gemensamt."
SECTIONS = [
    [
        "Förebyggande verksamhet och tidiga insatser",
        "Hur kommunen och regionen fördelar det förebyggande arbetet och de tidiga insatserna vid riskbruk: tidig upptäckt och screening, information och rådgivning, uppsökande verksamhet."
    ],
    [
        "Rutiner för SIP",
        "Vem initierar, var och när sker träffen, hur sker inbjudan, dokumentation, uppföljning."
    ],
    [
        "Barn i riskmiljö",
        "Hur och var uppmärksammas barn som växer upp i riskmiljö, ev. Barn-far-illa-grupp, hur kan och bör en orosanmälan göras, återrapportering."
    ],
    [
        "Rutiner vid polisens omhändertagande enligt LOB",
        "Samverkan med polisen: medicinsk bedömning var och när, tillgång till tillnyktring, LOB-rapportering till socialtjänsten när och hur, efterföljande kontakt var och när, särskilda arrangemang vid t.ex. festivaler."
    ],
    [
        "Kunskapsutveckling och införande av nya metoder",
        "En struktur för gemensam kunskapsutveckling och för hur nya metoder och insatser införs, utifrån behovsinventeringen mot riktlinjerna ({{assessed}} av {{total}} rekommendationer bedömda, {{large_gaps}} med stort glapp)."
    ],
    [
        "Brukar- och anhörigorganisationernas medverkan",
        "Hur brukar- och anhörigorganisationer rådfrågas när överenskommelsen tas fram och följs upp, t.ex. genom brukarenkäter och brukarrevisioner."
    ],
    [
        "Uppföljning och utvärdering",
        "En plan för systematisk uppföljning: hur resultat från Öppna jämförelser hanteras, behov av lokala uppföljningar, när och av vem ASI görs, forum för att presentera resultat."
    ],
    [
        "Rutiner för samverkan på chefs- och handläggarnivå",
        "Hur ofta parterna träffas, vad som tas upp och vilka som ingår."
    ],
    [
        "Rutiner för avvikelser och tvister kring ansvarsfrågor",
        "Hur en avvikelse rapporteras och hur en tvist om ansvaret löses, och av vem."
    ],
    [
        "Vem ansvarar för att överenskommelsen följs upp",
        "Namn eller funktion hos varje part."
    ]
]


def local_agreement():
    d = new_document("Lokal överenskommelse (utkast)", landscape=True)
    d.add_paragraph("Lokal överenskommelse om samarbete: utkast", style="Title")
    para(d, " · utkast {{date}}", bold_prefix="{{organisation}}")
    d.add_paragraph(LAW)
    d.add_paragraph("Parter och giltighet", style="Heading 1")
    t = d.add_table(rows=4, cols=2)
    t.style = "Table Grid"
    for i, (k, v) in enumerate([("Parter", "{{organisation}}; {{^is_region}}regionen{{/is_region}}{{#is_region}}kommunen"
                                           "{{/is_region}}: ……; polisen: ……"),
                                ("Gäller från och med", ""), ("Gäller till och med", ""), ("Nästa revidering", "")]):
        t.rows[i].cells[0].paragraphs[0].add_run(k).bold = True
        t.rows[i].cells[1].text = v
    d.add_paragraph("Huvudmännens ansvar", style="Heading 1")
    d.add_paragraph("Utgångspunkt enligt länsöverenskommelsen; anpassas lokalt.")
    para(d, "", bold_prefix="Kommunen ansvarar för:")
    for x in MUNICIPALITY:
        d.add_paragraph(x, style="List Bullet")
    para(d, "", bold_prefix="Regionen ansvarar för:")
    for x in REGION:
        d.add_paragraph(x, style="List Bullet")
    d.add_paragraph("Ansvarsfördelning per insats", style="Heading 1")
    d.add_paragraph("Utgångspunkt: vem som ger insatsen i dag enligt behovsinventeringen. Flera kryss på en rad "
                    "betyder att ansvaret delas. En kommuns egna insatser står under socialtjänst, en regions under "
                    "psykiatrisk specialistvård. Kontrollera och komplettera tillsammans.")
    table(d, ["ID", "Insats", "Tillstånd", "Nivå", "Socialtjänst", "Primärvård", "Psykiatrisk specialistvård", "Annat"],
          ["{{id}}", "{{intervention}}", "{{condition}}", "{{level}}", "{{soc}}", "{{prim}}", "{{psyk}}", "{{other}}"],
          "{{#grid}}", "{{/grid}}", [1.6, 5.2, 5.9, 2.4, 2.7, 2.5, 3.2, 2.2])
    for heading, text in SECTIONS:
        d.add_paragraph(heading, style="Heading 1")
        d.add_paragraph(text)
    d.add_paragraph("Underskrifter", style="Heading 1")
    t = d.add_table(rows=4, cols=4)
    t.style = "Table Grid"
    for i, h in enumerate(["Part", "Ort och datum", "Underskrift", "Namnförtydligande"]):
        t.rows[0].cells[i].paragraphs[0].add_run(h).bold = True
    for i, part in enumerate(["För kommunen", "För regionen", "För polisen"]):
        t.rows[i + 1].cells[0].text = part
        t.rows[i + 1].height = Cm(1.4)
    d.add_paragraph("Utkast framtaget med Stegvis.").runs[0].italic = True
    d.save(os.path.join(HERE, "local-agreement.docx"))


if __name__ == "__main__":
    progress()
    plan()
    local_agreement()
