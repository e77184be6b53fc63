#include "output/Export.hpp"

#include <algorithm>
#include <cstdio>
#include <sstream>

#include "base/Platform.hpp"
#include "domain/Inventory.hpp"
#include "domain/Measures.hpp"
#include "domain/Records.hpp"
#include "domain/StepPicture.hpp"
#include "base/Text.hpp"

namespace stegvis {

const char* StepStatusSv(StepStatus s) {
    switch (s) {
        case StepStatus::NotStarted: return "ej påbörjat";
        case StepStatus::InProgress: return "pågår";
        case StepStatus::Done: return "klart";
    }
    return "";
}

const char* OwnerSv(Owner o) { return o == Owner::Chef ? "chef" : "implementeringsteam"; }

std::string CatalogCsv(const Catalog& cat) {
    std::ostringstream out;
    out << "id,area,target_group,condition,intervention,priority,level,source\n";
    for (const auto& r : cat.recommendations) {
        out << CsvField(r.id) << ',' << CsvField(r.area) << ',' << CsvField(r.targetGroup) << ','
            << CsvField(r.condition) << ',' << CsvField(r.intervention) << ',' << CsvField(r.priority.ToString())
            << ',' << CsvField(LevelText(r.level)) << ',' << CsvField(r.source) << '\n';
    }
    return out.str();
}

namespace {
std::string Q(const std::string& s) { return "\"" + JsonEscape(s) + "\""; }
}  // namespace

namespace {
const char* CatalogFieldSv(const std::string& f) {
    if (f == "area") return "delområde";
    if (f == "target_group") return "målgrupp";
    if (f == "condition") return "tillstånd";
    if (f == "intervention") return "åtgärd";
    if (f == "priority") return "prioritet";
    if (f == "level") return "nivå";
    return "fält";
}
const char* ChangeKindKey(CatalogChangeKind k) {
    switch (k) {
        case CatalogChangeKind::New: return "new";
        case CatalogChangeKind::Changed: return "changed";
        case CatalogChangeKind::Withdrawn: return "withdrawn";
    }
    return "";
}
}  // namespace

std::string EditionText(const ProjectModel& model, const Catalog& current, const Catalog& newer) {
    const CatalogReview rv = ReviewCatalog(model, current, newer);
    std::ostringstream out;
    out << "Projektets katalog: utgåva " << current.edition << " (" << current.recommendations.size()
        << " rekommendationer)\n";
    out << "Nyare katalog:      utgåva " << newer.edition << " (" << newer.recommendations.size() << " rekommendationer, "
        << newer.path << ")\n";
    if (!rv.differs) {
        out << "Projektet följer redan den katalogen.\n";
        return out.str();
    }
    out << rv.added << (rv.added == 1 ? " ny, " : " nya, ") << rv.changed << (rv.changed == 1 ? " ändrad, " : " ändrade, ")
        << rv.withdrawn << (rv.withdrawn == 1 ? " utgången" : " utgångna");
    if (rv.withData > 0) out << "; projektet har uppgifter om " << rv.withData << " av de ändrade eller utgångna";
    out << ".\n";
    if (rv.changes.empty()) out << "Bara utgåva, källhänvisningar eller förklaringar skiljer; inget i rekommendationerna.\n";
    for (const CatalogChange& c : rv.changes) {
        const bool data = c.kind != CatalogChangeKind::New && ProjectHoldsDataOn(model, c.id);
        switch (c.kind) {
            case CatalogChangeKind::New:
                out << "  ny       " << c.id << "  " << InterventionWithCondition(*c.after) << " ("
                    << LevelWithPriority(*c.after) << ")\n";
                break;
            case CatalogChangeKind::Changed:
                out << "  ändrad   " << c.id << "  " << InterventionWithCondition(*c.before) << (data ? "  [uppgifter i projektet]" : "") << "\n";
                for (const std::string& f : c.fields)
                    out << "             " << CatalogFieldSv(f) << ": \"" << CatalogFieldValue(*c.before, f) << "\" -> \""
                        << CatalogFieldValue(*c.after, f) << "\"\n";
                break;
            case CatalogChangeKind::Withdrawn:
                out << "  utgången " << c.id << "  " << InterventionWithCondition(*c.before)
                    << (data ? "  [uppgifter i projektet: finns kvar, markerade som utgångna]" : "") << "\n";
                break;
        }
    }
    return out.str();
}

std::string EditionJson(const ProjectModel& model, const Catalog& current, const Catalog& newer) {
    const CatalogReview rv = ReviewCatalog(model, current, newer);
    std::ostringstream out;
    out << "{\"from_edition\":" << Q(current.edition) << ",\"to_edition\":" << Q(newer.edition)
        << ",\"differs\":" << (rv.differs ? "true" : "false") << ",\"added\":" << rv.added << ",\"changed\":" << rv.changed
        << ",\"withdrawn\":" << rv.withdrawn << ",\"with_data\":" << rv.withData << ",\"changes\":[";
    bool first = true;
    auto row = [&](const Recommendation& r) {
        out << "{\"condition\":" << Q(r.condition) << ",\"intervention\":" << Q(r.intervention) << ",\"priority\":"
            << Q(r.priority.ToString()) << ",\"level\":" << Q(LevelText(r.level)) << "}";
    };
    for (const CatalogChange& c : rv.changes) {
        out << (first ? "\n" : ",\n") << " {\"id\":" << Q(c.id) << ",\"kind\":" << Q(ChangeKindKey(c.kind)) << ",\"fields\":[";
        for (size_t i = 0; i < c.fields.size(); ++i) out << (i ? "," : "") << Q(c.fields[i]);
        out << "],\"has_data\":" << (c.kind != CatalogChangeKind::New && ProjectHoldsDataOn(model, c.id) ? "true" : "false");
        if (c.before) out << ",\"before\":", row(*c.before);
        if (c.after) out << ",\"after\":", row(*c.after);
        out << "}";
        first = false;
    }
    out << "\n]}\n";
    return out.str();
}

std::string CatalogJson(const Catalog& cat) {
    std::ostringstream out;
    out << "{\"edition\":" << Q(cat.edition) << ",\"recommendations\":[";
    bool first = true;
    for (const auto& r : cat.recommendations) {
        out << (first ? "\n" : ",\n") << " {\"id\":" << Q(r.id) << ",\"edition\":" << Q(r.edition)
            << ",\"area\":" << Q(r.area) << ",\"target_group\":" << Q(r.targetGroup)
            << ",\"condition\":" << Q(r.condition) << ",\"intervention\":" << Q(r.intervention) << ",\"priority\":";
        if (r.priority.kind == PriorityKind::Number) out << r.priority.number;
        else if (r.priority.kind == PriorityKind::None) out << "null";
        else out << Q(r.priority.ToString());
        out << ",\"level\":" << Q(LevelText(r.level)) << ",\"source\":" << Q(r.source);
        if (!r.levelNote.empty()) out << ",\"level_note\":" << Q(r.levelNote);
        out << "}";
        first = false;
    }
    out << "\n]}\n";
    return out.str();
}

std::string PhasesCsv(const Manual& manual) {
    std::ostringstream out;
    out << "phase,phase_title,step,owner,title,title_en,workspace,checklist_items\n";
    for (const auto& s : manual.steps) {
        const Phase* p = manual.FindPhase(s.phase);
        out << s.phase << ',' << CsvField(p ? p->title.sv : "") << ',' << s.number << ',' << CsvField(OwnerKey(s.owner)) << ','
            << CsvField(s.title.sv) << ',' << CsvField(s.title.en) << ',' << CsvField(s.workspace) << ',' << s.checklist.size()
            << '\n';
    }
    return out.str();
}

std::string PhasesJson(const Manual& manual) {
    std::ostringstream out;
    out << "{\"phases\":[";
    for (size_t i = 0; i < manual.phases.size(); ++i) {
        const Phase& p = manual.phases[i];
        out << (i ? ",\n" : "\n") << " {\"number\":" << p.number << ",\"title_sv\":" << Q(p.title.sv)
            << ",\"title_en\":" << Q(p.title.en) << "}";
    }
    out << "\n],\"steps\":[";
    for (size_t i = 0; i < manual.steps.size(); ++i) {
        const Step& s = manual.steps[i];
        out << (i ? ",\n" : "\n") << " {\"number\":" << s.number << ",\"phase\":" << s.phase << ",\"owner\":"
            << Q(OwnerKey(s.owner)) << ",\"workspace\":" << Q(s.workspace) << ",\"title_sv\":" << Q(s.title.sv)
            << ",\"title_en\":" << Q(s.title.en) << ",\"purpose_sv\":" << Q(s.purpose.sv) << ",\"done_sv\":"
            << Q(s.done.sv) << ",\"checklist\":[";
        for (size_t k = 0; k < s.checklist.size(); ++k)
            out << (k ? "," : "") << "{\"id\":" << Q(s.checklist[k].id) << ",\"sv\":" << Q(s.checklist[k].text.sv)
                << ",\"en\":" << Q(s.checklist[k].text.en) << "}";
        out << "]}";
    }
    out << "\n]}\n";
    return out.str();
}

std::string StatusText(const ProjectModel& m, const Manual& manual, const std::string& path) {
    std::ostringstream out;
    out << "Projekt:      " << m.project.name << "\n"
        << "Organisation: " << m.project.organisation << " (" << OrgKindKey(m.project.kind) << ")\n"
        << "Katalog:      riktlinjerna, utgåva " << m.project.catalogEdition << "\n"
        << "Fil:          " << path << "\n"
        << "Beslut:       " << m.decisions.size() << "\n\n";
    int lastPhase = 0;
    for (const Step& s : manual.steps) {
        if (s.phase != lastPhase) {
            const Phase* p = manual.FindPhase(s.phase);
            out << "Fas " << s.phase << ": " << (p ? p->title.sv : "") << "\n";
            lastPhase = s.phase;
        }
        char line[64];
        std::snprintf(line, sizeof line, "  %2d. ", s.number);
        out << line << s.title.sv << "\n";
        auto describe = [&](const StepProgress& sp) {
            out << StepStatusSv(sp.status) << ", ansvar: " << OwnerSv(s.owner) << ", checklista " << sp.ticked.size() << "/"
                << s.checklist.size();
            if (!sp.startedOn.empty()) out << ", start " << sp.startedOn;
            if (!sp.doneOn.empty()) out << ", klart " << sp.doneOn;
            out << "\n";
        };
        auto initiatives = Records(m, "initiative");
        if (StepIsPerInitiative(s.number) && !initiatives.empty()) {
            for (const Record* init : initiatives) {
                out << "      " << init->Get("name") << ": ";
                describe(ShownState(m, s.number, init->id));
            }
        } else {
            out << "      ";
            describe(ShownState(m, s.number, 0));
        }
    }
    return out.str();
}

std::string StatusJson(const ProjectModel& m, const Manual& manual, const std::string& path) {
    std::ostringstream out;
    out << "{\"project\":{\"name\":" << Q(m.project.name) << ",\"organisation\":" << Q(m.project.organisation)
        << ",\"kind\":" << Q(OrgKindKey(m.project.kind)) << ",\"catalog_edition\":" << Q(m.project.catalogEdition)
        << ",\"created_on\":" << Q(m.project.createdOn) << ",\"file\":" << Q(path) << "},\n\"decisions\":"
        << m.decisions.size() << ",\n\"steps\":[";
    for (size_t i = 0; i < manual.steps.size(); ++i) {
        const Step& s = manual.steps[i];
        const StepProgress sp = FurthestState(m, s.number);
        out << (i ? ",\n" : "\n") << " {\"step\":" << s.number << ",\"phase\":" << s.phase << ",\"owner\":"
            << Q(OwnerKey(s.owner)) << ",\"title\":" << Q(s.title.sv) << ",\"status\":" << Q(StepStatusKey(sp.status))
            << ",\"started_on\":" << (sp.startedOn.empty() ? "null" : Q(sp.startedOn))
            << ",\"done_on\":" << (sp.doneOn.empty() ? "null" : Q(sp.doneOn)) << ",\"checklist_done\":"
            << sp.ticked.size() << ",\"checklist_total\":" << s.checklist.size() << "}";
    }
    out << "\n],\n\"initiatives\":[";
    auto initiatives = Records(m, "initiative");
    for (size_t i = 0; i < initiatives.size(); ++i) {
        const Record* init = initiatives[i];
        out << (i ? ",\n" : "\n") << " {\"id\":" << init->id << ",\"name\":" << Q(init->Get("name"))
            << ",\"rec_id\":" << Q(init->Get("rec_id")) << ",\"decided_on\":" << Q(init->Get("decided_on"))
            << ",\"missing_resources\":" << MissingResourceCount(m, init->id)
            << ",\"overdue_activities\":" << OverdueCount(m, init->id, TodayIso()) << ",\"steps\":[";
        for (int step = 8; step <= 15; ++step) {
            StepProgress sp = ShownState(m, step, init->id);
            out << (step > 8 ? "," : "") << "{\"step\":" << step << ",\"status\":" << Q(StepStatusKey(sp.status)) << "}";
        }
        // Each measure by the id that stegvis chart --measure takes.
        out << "],\"measures\":[";
        auto measures = Records(m, "measure", init->id);
        for (size_t k = 0; k < measures.size(); ++k)
            out << (k ? "," : "") << "{\"id\":" << measures[k]->id << ",\"name\":" << Q(measures[k]->Get("name"))
                << ",\"unit\":" << Q(measures[k]->Get("unit")) << ",\"period\":" << Q(measures[k]->Get("period"))
                << ",\"points\":" << PointsOf(m, measures[k]->id).size() << "}";
        out << "]}";
    }
    out << "\n],\n\"team\":" << Records(m, "member").size() << "}\n";
    return out.str();
}

namespace {
// One field for ';'-separated CSV (Swedish Excel).
std::string Cell(const std::string& s) { return CsvField(s, ';'); }
std::string Decimal(double v) {
    char b[40];
    std::snprintf(b, sizeof b, "%.10g", v);
    std::string s = b;
    std::replace(s.begin(), s.end(), '.', ',');
    return s;
}
const char* kBom = "\xEF\xBB\xBF";
}  // namespace

std::string InventoryCsv(const ProjectModel& m, const Catalog& catalog) {
    std::ostringstream out;
    out << kBom << "id;område;målgrupp;tillstånd;åtgärd;prioritet;nivå;erbjuds idag;utförare;behöver per år;"
                   "får insatsen idag;utbildad personal;glapp;kommentar\r\n";
    for (const auto& r : catalog.recommendations) {
        static const InventoryRow kEmpty;
        const InventoryRow* row = m.Inventory(r.id);
        const InventoryRow& x = row ? *row : kEmpty;
        out << Cell(r.id) << ';' << Cell(r.area) << ';' << Cell(r.targetGroup) << ';' << Cell(r.condition) << ';'
            << Cell(r.intervention) << ';' << Cell(r.priority.ToString()) << ';' << Cell(LevelText(r.level)) << ';'
            << Cell(InvFieldDisplay(x, InvField::Offered)) << ';' << Cell(InvFieldDisplay(x, InvField::Provider)) << ';'
            << Cell(x.volume ? std::to_string(*x.volume) : "") << ';' << Cell(x.reached ? std::to_string(*x.reached) : "")
            << ';' << Cell(x.staffTrained ? std::to_string(*x.staffTrained) : "")
            << ';' << Cell(InvFieldDisplay(x, InvField::Gap)) << ';' << Cell(x.comment) << "\r\n";
    }
    return out.str();
}

std::string MeasuresCsv(const ProjectModel& m) {
    std::ostringstream out;
    out << kBom << "införande;mått;enhet;riktning;period;täljare/värde;nämnare;värde;anteckning\r\n";
    for (const Record* init : Records(m, "initiative"))
        for (const Record* measure : Records(m, "measure", init->id))
            for (const MeasurePoint& p : PointsOf(m, measure->id)) {
                auto v = p.Value();
                out << Cell(init->Get("name")) << ';' << Cell(measure->Get("name")) << ';' << Cell(measure->Get("unit")) << ';'
                    << Cell(OptionLabel(Directions(), measure->Get("direction"), false)) << ';' << Cell(p.period) << ';' << Cell(Decimal(p.numerator)) << ';'
                    << Cell(p.denominator ? Decimal(*p.denominator) : "") << ';' << Cell(v ? Decimal(*v) : "") << ';' << Cell(p.note)
                    << "\r\n";
            }
    return out.str();
}

StepProgress FurthestState(const ProjectModel& m, int step) {
    StepProgress best = ShownState(m, step, 0);
    if (!StepIsPerInitiative(step)) return best;
    auto rank = [](StepStatus s) { return s == StepStatus::Done ? 2 : s == StepStatus::InProgress ? 1 : 0; };
    for (const Record* init : Records(m, "initiative")) {
        StepProgress sp = ShownState(m, step, init->id);
        if (rank(sp.status) > rank(best.status)) best = sp;
    }
    return best;
}

std::string DocumentFormatOfName(const std::string& path) {
    const size_t dot = path.find_last_of('.');
    const size_t slash = path.find_last_of(platform::kSeparators);
    if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return "";
    const std::string ending = ToLowerAscii(path.substr(dot + 1));
    if (ending == "htm") return "html";
    if (ending == "markdown") return "md";
    for (const char* f : {"md", "html", "pdf", "docx", "xlsx", "csv", "json"})
        if (ending == f) return f;
    return "";
}

}  // namespace stegvis
