#include "output/Report.hpp"

#include <kainjow/mustache.hpp>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>

#include "output/Docx.hpp"
#include "output/Export.hpp"
#include "domain/Inventory.hpp"
#include "domain/Measures.hpp"
#include "base/Paths.hpp"
#include "domain/Privacy.hpp"
#include "domain/Readiness.hpp"
#include "domain/Records.hpp"
#include "domain/StepPicture.hpp"
#include "base/Files.hpp"
#include "base/Text.hpp"

namespace stegvis {

namespace mu = kainjow::mustache;

CaseForChange BuildCaseForChange(const ProjectModel& model, const Catalog& catalog,
                                 const std::vector<Instrument>& instruments, const std::string& today) {
    CaseForChange c;
    c.project = model.project.name;
    c.organisation = model.project.organisation;
    c.date = today;
    Progress p = InventoryProgress(model, catalog);
    c.assessed = p.done;
    c.total = p.total;
    auto toGap = [&](const Recommendation& r, const InventoryRow& row) {
        CaseGap g{r.id, r.area, r.condition, r.intervention, LevelWithPriority(r), OptionLabel(GapOptions(), row.gap, false)};
        g.volume = row.volume.value_or(-1);
        return g;
    };
    for (const auto& r : catalog.recommendations) {
        const InventoryRow* row = model.Inventory(r.id);
        if (!row) continue;
        if (row->offered == "ja") ++c.offeredYes;
        else if (row->offered == "delvis") ++c.offeredPartly;
        else if (row->offered == "nej") ++c.offeredNo;
        else if (row->offered == "vet_ej") ++c.offeredUnknown;
        else if (row->offered == "ej_aktuellt") ++c.notRelevant;
        if (row->offered == "ej_aktuellt") continue;
        if (row->gap == "stor") {
            ++c.largeGaps;
            c.peopleWithLargeGap += row->volume.value_or(0);
            if (r.level == Level::Bor) c.borLargeGaps.push_back(toGap(r, *row));
        } else if (row->gap == "liten") {
            ++c.smallGaps;
        }
    }
    for (const Recommendation* r : PriorityCandidates(model, catalog)) {
        auto pe = model.priorities.find(r->id);
        if (pe != model.priorities.end() && pe->second.selected) c.chosen.push_back(toGap(*r, *model.Inventory(r->id)));
    }
    for (const Decision& d : model.decisions)
        if (d.step == 3 && !d.withdrawn) {
            c.hasDecision = true;
            c.decision = d;  // decisions are oldest first: the last one wins
        }
    for (const ReadinessRound& round : model.rounds) {
        const Instrument* ins = nullptr;
        for (const auto& i : instruments)
            if (i.id == round.instrument) ins = &i;
        if (!ins) continue;
        ReadinessStats st = ComputeReadiness(*ins, ToGrid(round, *ins));
        if (st.respondents == 0) continue;
        c.hasReadiness = true;
        c.readiness = CaseReadiness{round.name, round.heldOn, ins->name.sv, st.respondents, {}, {}};
        for (size_t k = 0; k < st.subscales.size(); ++k)
            c.readiness.subscales.push_back({ins->subscales[k].name.sv, st.subscales[k].mean, st.subscales[k].sd, st.subscales[k].n});
        for (const auto& id : st.weakestItems)
            if (const InstrumentItem* it = ins->FindItem(id)) c.readiness.weakest.push_back(it->text.sv);
    }
    return c;
}


std::string ResolveTemplate(const std::string& nameOrPath, const std::string& format) {
    std::string path = nameOrPath;
    auto endsWith = [&](const char* tail) {
        const size_t n = std::char_traits<char>::length(tail);
        return nameOrPath.size() > n && nameOrPath.compare(nameOrPath.size() - n, n, tail) == 0;
    };
    bool isPath = nameOrPath.find('/') != std::string::npos || endsWith(".mustache") || endsWith(".docx");
    // A Word template is itself a document: templates/NAME.docx.
    if (!isPath) path = ResourceDir() + "/templates/" + nameOrPath + (format == "docx" ? ".docx" : "." + format + ".mustache");
    if (!PathExists(path)) throw DataError(path, 0, "", "", "no such template");
    return path;
}

namespace {

std::string Num(double v) {
    char b[32];
    std::snprintf(b, sizeof b, "%.2f", v);
    std::string s = b;
    std::replace(s.begin(), s.end(), '.', ',');  // Swedish decimal comma
    return s;
}

mu::data Flag(bool b) { return b ? mu::data::type::bool_true : mu::data::type::bool_false; }

// The latest readiness round as template data (case for change and progress summary).
mu::data ReadinessData(const CaseReadiness& cr) {
    mu::data r;
    r.set("round", cr.round);
    r.set("date", cr.heldOn);
    r.set("has_date", Flag(!cr.heldOn.empty()));
    r.set("instrument", cr.instrument);
    r.set("respondents", std::to_string(cr.respondents));
    mu::data subs{mu::data::type::list};
    for (const auto& s : cr.subscales) {
        mu::data x;
        x.set("name", s.name);
        x.set("mean", Num(s.mean));
        x.set("sd", Num(s.sd));
        x.set("n", std::to_string(s.n));
        subs.push_back(x);
    }
    r.set("subscales", subs);
    mu::data weak{mu::data::type::list};
    for (const auto& w : cr.weakest) weak.push_back(mu::data(w));
    r.set("weakest", weak);
    return r;
}

mu::data GapList(const std::vector<CaseGap>& gaps) {
    mu::data list{mu::data::type::list};
    for (const auto& g : gaps) {
        mu::data d;
        d.set("id", g.id);
        d.set("area", g.area);
        d.set("condition", g.condition);
        d.set("intervention", g.intervention);
        d.set("level", g.level);
        d.set("gap", g.gap);
        d.set("volume", g.volume >= 0 ? std::to_string(g.volume) : std::string("uppgift saknas"));
        list.push_back(d);
    }
    return list;
}

}  // namespace

namespace {

constexpr int kMaxTemplateNesting = 64;  // sections and partials inside each other; real templates use < 10
constexpr size_t kMaxTemplateBytes = 4u << 20;
// Lists inside lists multiply: {{#grid}}{{#grid}}{{#grid}}...{{/grid}}{{/grid}}{{/grid}} would write
// gigabytes. The renderer's work is counted as the output it can make (each pass over a section as
// much as the longest section's text, each value as its length) and stopped far above any real document.
constexpr size_t kMaxRenderWork = size_t{256} << 20;
constexpr size_t kSectionPassCost = 64;

// What a template holds, found the way kainjow's parser finds its tags (the same delimiter
// switches and triple braces), so the checks below see exactly the tags the renderer will.
struct TemplateTags {
    struct Partial {
        std::string name;
        size_t offset = 0;
        int depth = 0;  // sections around it
    };
    int depth = 0;              // the deepest section nesting
    size_t longestSection = 0;  // bytes of text between a section's tags
    std::vector<Partial> partials;
};

TemplateTags ScanTags(const std::string& text) {
    TemplateTags out;
    std::string open = "{{", close = "}}";
    std::vector<size_t> opened;  // where the open sections' text starts
    size_t pos = 0;
    while (pos < text.size()) {
        if (text.compare(pos, open.size(), open) != 0) {
            ++pos;
            continue;
        }
        const size_t start = pos;
        size_t contents = pos + open.size();
        const bool braces = open == "{{" && close == "}}";
        const bool triple = braces && start + 2 != text.size() && text[contents] == '{';
        const std::string end = triple ? "}}}" : close;
        if (triple) ++contents;
        const size_t stop = text.find(end, contents);
        if (stop == std::string::npos) break;  // the parser reports the unclosed tag
        pos = stop + end.size();
        const std::string tag = Trim(std::string_view(text).substr(contents, stop - contents));
        if (tag.empty()) continue;
        if (tag[0] == '=') {
            // {{=<% %>=}}: the parser's rules for a valid delimiter change; an invalid one is its error.
            if (tag.size() < 5 || tag.back() != '=') break;
            const std::string inner = Trim(std::string_view(tag).substr(1, tag.size() - 2));
            const size_t space = inner.find(' ');
            if (space == std::string::npos) break;
            const std::string b = inner.substr(0, space), e = inner.substr(inner.find_first_not_of(' ', space + 1));
            auto valid = [](const std::string& d) {
                return std::none_of(d.begin(), d.end(),
                                    [](char ch) { return ch == '=' || std::isspace(static_cast<unsigned char>(ch)); });
            };
            if (!valid(b) || !valid(e)) break;
            open = b;
            close = e;
        } else if (triple) {
            continue;  // {{{name}}} is a variable whatever it starts with
        } else if (tag[0] == '#' || tag[0] == '^') {
            opened.push_back(pos);
            out.depth = std::max(out.depth, static_cast<int>(opened.size()));
        } else if (tag[0] == '/') {
            if (!opened.empty()) {
                out.longestSection = std::max(out.longestSection, start - opened.back());
                opened.pop_back();
            }
        } else if (tag[0] == '>') {
            out.partials.push_back({Trim(std::string_view(tag).substr(1)), start, static_cast<int>(opened.size())});
        }
    }
    return out;
}

// Letters, digits, '-' and '_', in parts joined by single dots: never a path.
bool IsPartialName(const std::string& name) {
    if (name.empty() || name.front() == '.' || name.back() == '.' || name.find("..") != std::string::npos) return false;
    return std::all_of(name.begin(), name.end(), [](char ch) {
        return std::isalnum(static_cast<unsigned char>(ch)) || ch == '-' || ch == '_' || ch == '.';
    });
}

int LineAt(const std::string& text, size_t offset) {
    return 1 + static_cast<int>(
                   std::count(text.begin(), text.begin() + static_cast<long>(std::min(offset, text.size())), '\n'));
}

// The real path of a file, or "" when it does not exist.
std::string RealPath(const std::string& path) { return platform::CanonicalPath(path); }

// Partials ({{> NAME}}) for one rendering. NAME is a plain name, read from NAME.FORMAT.mustache in
// the folder of the template being rendered, else in the program's templates/ folder; never a path,
// and never a file that only links into one of them from elsewhere. Loaded and checked before
// rendering, so a broken or self-including partial is refused with its name and line.
class Partials : public mu::context<std::string> {
public:
    Partials(const mu::data* d, const std::string& templatePath, const std::string& format)
        : mu::context<std::string>(d), m_file(templatePath), m_format(format) {
        for (const std::string& dir : {FolderOf(templatePath), ResourceDir() + "/templates"}) {
            std::string real = RealPath(dir);
            if (!real.empty() && std::find(m_dirs.begin(), m_dirs.end(), real) == m_dirs.end()) m_dirs.push_back(real);
        }
    }

    // Loads every partial `text` uses (and theirs). Returns the deepest nesting, partials included.
    int Load(const std::string& text, const std::string& file, bool partial = false) {
        TemplateTags tags = ScanTags(text);
        // A partial's whole text counts as a section's: it may be used inside any list.
        m_passCost = std::max(m_passCost, (partial ? text.size() : tags.longestSection) + kSectionPassCost);
        int deepest = tags.depth;
        for (const auto& p : tags.partials) {
            const int line = LineAt(text, p.offset);
            if (!IsPartialName(p.name))
                throw DataError(file, line, "", "",
                                "partial '" + p.name.substr(0, 80) +
                                    "' is refused: a partial is the name of a template in the same "
                                    "folder or in templates/, not a path");
            if (m_loading.count(p.name))
                throw DataError(file, line, "", "", "partial '" + p.name + "' includes itself");
            auto known = m_depth.find(p.name);
            if (known == m_depth.end()) {
                auto [path, partialText] = Read(p.name, file, line);
                m_loading.insert(p.name);
                int depth = Load(partialText, path, true);
                m_loading.erase(p.name);
                m_text.emplace(p.name, mu::data(partialText));
                known = m_depth.emplace(p.name, depth).first;
            }
            deepest = std::max(deepest, p.depth + 1 + known->second);
        }
        if (deepest > kMaxTemplateNesting)
            throw DataError(
                file, 0, "", "",
                "sections and partials are nested deeper than " + std::to_string(kMaxTemplateNesting) + " levels");
        return deepest;
    }

    void push(const mu::data* data) override {
        Spend(m_passCost);
        mu::context<std::string>::push(data);
    }

    const mu::data* get(const std::string& name) const override {
        const mu::data* d = mu::context<std::string>::get(name);
        Spend(d && d->is_string() ? d->string_value().size() : 0);
        return d;
    }

    const mu::data* get_partial(const std::string& name) const override {
        auto it = m_text.find(name);
        if (it == m_text.end()) throw DataError(name, 0, "", "", "partial was not checked before rendering");
        return &it->second;
    }

private:
    void Spend(size_t cost) const {
        m_work += cost;
        if (m_work > kMaxRenderWork)
            throw DataError(m_file, 0, "", "",
                            "the template would write more than " + std::to_string(kMaxRenderWork >> 20) +
                                " MB (are lists nested inside each other?)");
    }

    std::pair<std::string, std::string> Read(const std::string& name, const std::string& file, int line) const {
        const std::string fileName = name + "." + m_format + ".mustache";
        for (const std::string& dir : m_dirs) {
            std::string real = RealPath(dir + "/" + fileName);
            if (real.empty()) continue;
            if (real.size() <= dir.size() || real.compare(0, dir.size(), dir) != 0 ||
                !platform::IsSeparator(real[dir.size()]))
                throw DataError(
                    file, line, "", "",
                    "partial '" + name + "' is refused: " + dir + "/" + fileName + " leads outside its folder");
            std::string text;
            text = ReadFile(real, kMaxTemplateBytes);  // a regular file within the limit, or an error naming it and why
            return {real, text};
        }
        throw DataError(file, line, "", "",
                        "partial '" + name + "': no " + fileName + " beside the template or in templates/");
    }

    std::string m_file;
    std::string m_format;
    size_t m_passCost = kSectionPassCost;
    mutable size_t m_work = 0;
    std::vector<std::string> m_dirs;
    std::set<std::string> m_loading;
    std::map<std::string, int> m_depth;
    std::map<std::string, mu::data> m_text;
};

}  // namespace

std::string RenderData(const std::string& templatePath, const std::string& format, const kainjow::mustache::data& d) {
    std::string text;
    text = ReadFile(templatePath, kMaxTemplateBytes);  // a regular file within the limit, or an error naming it and why
    return RenderTemplateText(text, templatePath, format, d);
}

std::string RenderTemplateText(const std::string& text, const std::string& templatePath, const std::string& format,
                               const kainjow::mustache::data& d) {
    Partials context(&d, templatePath, format);
    context.Load(text, templatePath);
    mu::mustache tmpl{text};
    if (!tmpl.is_valid()) {
        // The library reports a byte offset ("... at 123"); people need the line.
        const std::string msg = tmpl.error_message();
        int line = 0;
        const size_t at = msg.rfind(" at ");
        if (at != std::string::npos && at + 4 < msg.size() && msg.size() - at < 24 &&
            std::all_of(msg.begin() + static_cast<long>(at) + 4, msg.end(),
                        [](char ch) { return ch >= '0' && ch <= '9'; }))
            line = LineAt(text, std::stoul(msg.substr(at + 4)));
        throw DataError(templatePath, line, "", "", "template error: " + msg);
    }
    if (format == "html") tmpl.set_custom_escape(HtmlEscape);
    else tmpl.set_custom_escape([](const std::string& s) { return MarkdownEscape(s); });
    std::string out = tmpl.render(context);
    if (!tmpl.is_valid()) throw DataError(templatePath, 0, "", "", "template error: " + tmpl.error_message());
    return out;
}

namespace {

std::string RenderTemplate(const std::string& templatePath, const std::string& format, const mu::data& d) {
    return RenderData(templatePath, format, d);
}

}  // namespace

std::string RenderCaseForChange(const CaseForChange& c, const std::string& format, const std::string& templatePath) {
    mu::data d;
    d.set("project", c.project);
    d.set("organisation", c.organisation);
    d.set("date", c.date);
    d.set("assessed", std::to_string(c.assessed));
    d.set("total", std::to_string(c.total));
    d.set("offered_yes", std::to_string(c.offeredYes));
    d.set("offered_partly", std::to_string(c.offeredPartly));
    d.set("offered_no", std::to_string(c.offeredNo));
    d.set("offered_unknown", std::to_string(c.offeredUnknown));
    d.set("not_relevant", std::to_string(c.notRelevant));
    d.set("large_gaps", std::to_string(c.largeGaps));
    d.set("small_gaps", std::to_string(c.smallGaps));
    d.set("people_with_large_gap", std::to_string(c.peopleWithLargeGap));
    d.set("bor_large_gaps", GapList(c.borLargeGaps));
    d.set("has_bor_large_gaps", c.borLargeGaps.empty() ? mu::data::type::bool_false : mu::data::type::bool_true);
    d.set("chosen", GapList(c.chosen));
    d.set("has_chosen", c.chosen.empty() ? mu::data::type::bool_false : mu::data::type::bool_true);
    if (c.hasDecision) {
        mu::data dec;
        dec.set("title", c.decision.title);
        dec.set("date", c.decision.decidedOn);
        dec.set("rationale", c.decision.rationale);
        dec.set("participants", c.decision.participants);
        d.set("decision", dec);
    }
    if (c.hasReadiness) d.set("readiness", ReadinessData(c.readiness));
    return RenderTemplate(templatePath, format, d);
}

namespace {
// A value as a reader sees it: one decimal at most, decimal comma.
std::string Short(double v) {
    char b[48];
    std::snprintf(b, sizeof b, "%.1f", v);
    std::string t = b;
    if (t.size() > 2 && t.compare(t.size() - 2, 2, ".0") == 0) t.resize(t.size() - 2);
    std::replace(t.begin(), t.end(), '.', ',');
    return t;
}
// 125000 as "125 000" (a no-break space between thousands, as Swedish writes it).
std::string GroupDigits(const std::string& digits) {
    std::string out;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += "\u00a0";
        out += digits[i];
    }
    return out;
}
// "och 3 till" after a list shortened to fit its page.
mu::data More(size_t shown, size_t total) {
    if (total <= shown) return mu::data(mu::data::type::bool_false);
    return mu::data(std::to_string(total - shown));
}

// What a politician reads of a measure's chart: the latest part's signal, in words.
std::string SignalInWords(const Chart& chart, const Record& measure) {
    const ChartPart* last = nullptr;
    for (const ChartPart& p : chart.parts)
        if (p.analysed) last = &p;
    const std::string unit = Trim(measure.Get("unit"));
    std::string latest;
    for (size_t i = chart.values.size(); i-- > 0;)
        if (chart.values[i]) {
            latest = "Senaste värde " + Short(*chart.values[i]) + (unit.empty() ? "" : " " + unit) + " (" + chart.periods[i] + ")";
            break;
        }
    std::string words;
    if (!chart.centre && !chart.control) words = "Baslinjen är inte fastställd ännu.";
    else if (!last || last->kind == PartKind::Baseline) words = "Baslinjen är mätt; förändringen har inte börjat mätas.";
    else if (last->analysis.signal || last->sigmaSignal)
        words = std::string(last->verdict > 0 ? "Förbättring" : last->verdict < 0 ? "Försämring" : "Förändring") +
                ": signal i delen \u201d" + last->label + "\u201d.";
    else
        words = "Ingen signal ännu i delen \u201d" + last->label + "\u201d (" + std::to_string(last->analysis.nUseful) + " punkter).";
    if (!Trim(measure.Get("target")).empty()) words += " Mål " + Trim(measure.Get("target")) + (unit.empty() ? "" : " " + unit) + ".";
    return latest.empty() ? words : words + " " + latest + ".";
}

// The one-page board summary (templates/board.*): the four phases as a strip, the priorities,
// each initiative with its key measure and signal, and what the board is asked to decide or note.
// Lists longer than `items` end in "och N till", so the page never spills.
mu::data BoardData(const ProjectModel& m, const CaseForChange& c, const Manual& manual, const std::string& today,
                   const std::string& format, int items) {
    const size_t limit = static_cast<size_t>(items);
    mu::data b;
    mu::data strip{mu::data::type::list};
    for (const Phase& ph : manual.phases) {
        int total = 0, done = 0;
        std::vector<std::string> going;
        for (const Step& st : manual.steps) {
            if (st.phase != ph.number) continue;
            ++total;
            const StepStatus status = FurthestState(m, st.number).status;
            if (status == StepStatus::Done) ++done;
            else if (status == StepStatus::InProgress) going.push_back(std::to_string(st.number) + ". " + st.title.sv);
        }
        mu::data x;
        x.set("title", "Fas " + std::to_string(ph.number) + ": " + ph.title.sv);
        const bool all = done == total;
        x.set("state", all ? "Klar" : done > 0 || !going.empty() ? "Pågår" : "Ej påbörjad");
        x.set("done", std::to_string(done) + " av " + std::to_string(total) + " steg klara");
        // The latest steps under way first: the pilot matters more to a board than the training.
        std::reverse(going.begin(), going.end());
        std::string now;
        for (size_t i = 0; i < going.size() && i < 2; ++i) now += (i ? "; " : "") + going[i];
        if (going.size() > 2) now += " och " + std::to_string(going.size() - 2) + " till";
        x.set("now", now.empty() ? std::string(all ? "" : "–") : "Pågår: " + now);
        x.set("css", all ? "done" : done > 0 || !going.empty() ? "going" : "todo");
        strip.push_back(x);
    }
    b.set("phases", strip);

    mu::data prio{mu::data::type::list};
    for (size_t i = 0; i < c.chosen.size() && i < limit + 1; ++i) {
        mu::data x;
        x.set("id", c.chosen[i].id);
        x.set("intervention", c.chosen[i].intervention);
        x.set("condition", c.chosen[i].condition);
        prio.push_back(x);
    }
    b.set("priorities", prio);
    b.set("has_priorities", Flag(!c.chosen.empty()));
    b.set("priorities_more", More(limit + 1, c.chosen.size()));

    mu::data inits{mu::data::type::list};
    mu::data asks{mu::data::type::list};
    size_t askCount = 0, overdue = 0;
    auto ask = [&](const std::string& text) {
        if (askCount++ < limit + 1) asks.push_back(mu::data("text", text));
    };
    const auto initiatives = Records(m, "initiative");
    for (size_t i = 0; i < initiatives.size(); ++i) {
        const Record* init = initiatives[i];
        overdue += static_cast<size_t>(OverdueCount(m, init->id, today));
        // Asks come from every initiative, shown or not.
        std::string missing;
        long long sum = 0;
        for (const Record* r : Records(m, "resource", init->id))
            if (r->Get("status") == "missing") {
                missing += (missing.empty() ? "" : ", ") + std::string(OptionLabel(ResourceKinds(), r->Get("kind"), false));
                sum += std::atoll(r->Get("amount_sek").c_str());
            }
        if (!missing.empty())
            ask("Besluta om resurser till " + init->Get("name") + ": " + missing +
                (sum > 0 ? " (" + GroupDigits(std::to_string(sum)) + " kr)" : "") + ".");
        if (init->Get("pilot_decision") == "adopt" && ShownState(m, 15, init->id).status != StepStatus::Done)
            ask("Notera att " + init->Get("name") + " behålls efter piloten och ska införas i full skala.");
        if (init->Get("pilot_decision") == "abandon")
            ask("Notera att " + init->Get("name") + " avbröts efter piloten.");
        if (i >= limit) continue;
        mu::data x;
        x.set("name", init->Get("name"));
        x.set("rec_id", init->Get("rec_id"));
        // Where the initiative is: the furthest step under way, else the first not done.
        int at = 0;
        for (int step = 8; step <= 15; ++step)
            if (ShownState(m, step, init->id).status == StepStatus::InProgress) at = step;
        for (int step = 8; step <= 15 && at == 0; ++step)
            if (ShownState(m, step, init->id).status != StepStatus::Done) at = step;
        const std::string stage = at == 0 ? "Steg 15 klart: i full skala"
                                          : "Nu: steg " + std::to_string(at) + ". " + manual.steps[static_cast<size_t>(at - 1)].title.sv;
        x.set("stage", stage);
        // The key measure: the first with data.
        const Record* key = nullptr;
        for (const Record* mr : Records(m, "measure", init->id))
            if (!key && !PointsOf(m, mr->id).empty()) key = mr;
        if (key) {
            const Chart chart = BuildChart(m, *key, init->Get("full_scale_from"), today);
            x.set("measure", key->Get("name"));
            x.set("measure_id", std::to_string(key->id));
            x.set("signal", SignalInWords(chart, *key));
            if (format == "html") x.set("svg", ChartSvg(chart, *key, 300, 118));
            x.set("has_measure", Flag(true));
        } else {
            x.set("measure", "Inget mått med värden ännu.");
            x.set("signal", "");
            x.set("has_measure", Flag(false));
        }
        inits.push_back(x);
    }
    if (overdue > 0)
        ask("Notera att " + std::to_string(overdue) + (overdue == 1 ? " aktivitet i planerna är försenad." : " aktiviteter i planerna är försenade."));
    if (askCount == 0) ask("Notera lägesrapporten.");
    b.set("initiatives", inits);
    b.set("has_initiatives", Flag(!initiatives.empty()));
    b.set("initiatives_more", More(limit, initiatives.size()));
    b.set("asks", asks);
    b.set("asks_more", More(limit + 1, askCount));
    return b;
}
}  // namespace

kainjow::mustache::data ProgressData(const ProjectModel& m, const Catalog& catalog, const Manual& manual,
                                     const std::vector<Instrument>& instruments, const std::string& today,
                                     const std::string& format, int boardItems) {
    CaseForChange c = BuildCaseForChange(m, catalog, instruments, today);
    mu::data d;
    d.set("project", m.project.name);
    d.set("organisation", m.project.organisation);
    d.set("kind", OrgKindKey(m.project.kind));
    d.set("is_region", Flag(m.project.kind == OrgKind::Region));
    d.set("date", today);
    d.set("edition", m.project.catalogEdition);
    // A PDF is typeset from the Markdown template; its charts are named there as ![..](chart:ID).
    d.set("pdf", format == "pdf" ? mu::data::type::bool_true : mu::data::type::bool_false);
    auto initiatives = Records(m, "initiative");

    mu::data phases{mu::data::type::list};
    for (const Phase& ph : manual.phases) {
        mu::data pd;
        pd.set("number", std::to_string(ph.number));
        pd.set("title", ph.title.sv);
        mu::data steps{mu::data::type::list};
        for (const Step& st : manual.steps) {
            if (st.phase != ph.number) continue;
            mu::data sd;
            sd.set("number", std::to_string(st.number));
            sd.set("title", st.title.sv);
            sd.set("owner", OwnerSv(st.owner));
            mu::data rows{mu::data::type::list};
            auto row = [&](const std::string& who, int64_t initiative) {
                const StepPicture pic = PictureOf(st.number, m, &catalog, initiative);
                const StepProgress& sp = pic.progress;
                mu::data r;
                // Where the data and the confirmed status disagree, the report says so.
                const std::string note = DisagreementText(pic, false);
                if (!note.empty()) r.set("note", note);
                r.set("who", who);
                r.set("status", StepStatusSv(sp.status));
                r.set("done", Flag(sp.status == StepStatus::Done));
                r.set("started", sp.startedOn.empty() ? "–" : sp.startedOn);
                r.set("finished", sp.doneOn.empty() ? "–" : sp.doneOn);
                r.set("checklist", std::to_string(sp.ticked.size()) + "/" + std::to_string(st.checklist.size()));
                rows.push_back(r);
            };
            if (StepIsPerInitiative(st.number) && !initiatives.empty())
                for (const Record* init : initiatives) row(init->Get("name"), init->id);
            else
                row("", 0);
            sd.set("rows", rows);
            steps.push_back(sd);
        }
        pd.set("steps", steps);
        phases.push_back(pd);
    }
    d.set("phases", phases);

    mu::data decisions{mu::data::type::list};
    for (const Decision& dec : m.decisions) {
        mu::data x;
        x.set("date", dec.decidedOn);
        x.set("step", std::to_string(dec.step));
        x.set("title", dec.title);
        x.set("rationale", dec.rationale);
        x.set("participants", dec.participants);
        std::string recs, named;
        for (const auto& r : dec.recommendations) {
            recs += (recs.empty() ? "" : ", ") + r;
            // The ID alone does not tell LB-01 from LB-04 to a reader: name the intervention and condition.
            const Recommendation* rec = catalog.Find(r);
            named += (named.empty() ? "" : "; ") + r + (rec ? " " + InterventionWithCondition(*rec) : std::string());
        }
        x.set("recommendations", recs);
        x.set("recommendations_named", named);
        x.set("withdrawn", Flag(dec.withdrawn));
        decisions.push_back(x);
    }
    d.set("decisions", decisions);
    d.set("has_decisions", Flag(!m.decisions.empty()));

    d.set("assessed", std::to_string(c.assessed));
    d.set("total", std::to_string(c.total));
    d.set("large_gaps", std::to_string(c.largeGaps));
    d.set("small_gaps", std::to_string(c.smallGaps));
    d.set("people_with_large_gap", std::to_string(c.peopleWithLargeGap));
    d.set("bor_large_gaps", GapList(c.borLargeGaps));
    d.set("has_bor_large_gaps", Flag(!c.borLargeGaps.empty()));
    d.set("chosen", GapList(c.chosen));
    d.set("has_chosen", Flag(!c.chosen.empty()));
    if (c.hasReadiness) d.set("readiness", ReadinessData(c.readiness));

    mu::data team{mu::data::type::list};
    for (const Record* p : Records(m, "member")) {
        mu::data x;
        x.set("name", p->Get("name"));
        x.set("role", OptionLabel(MemberRoles(), p->Get("role"), false));
        x.set("organisation", p->Get("organisation"));
        // Flags for the optional parts, so no template prints "(" ")" or ", " around nothing.
        x.set("has_role", Flag(!p->Get("role").empty()));
        x.set("has_org", Flag(!Trim(p->Get("organisation")).empty()));
        team.push_back(x);
    }
    d.set("team", team);
    d.set("has_team", Flag(!Records(m, "member").empty()));

    mu::data inits{mu::data::type::list};
    for (const Record* init : initiatives) {
        mu::data x;
        x.set("name", init->Get("name"));
        x.set("rec_id", init->Get("rec_id"));
        if (const Recommendation* rec = catalog.Find(init->Get("rec_id"))) {
            mu::data y;
            y.set("intervention", rec->intervention);
            y.set("condition", rec->condition);
            y.set("level", LevelWithPriority(*rec));
            x.set("recommendation", y);
        }
        x.set("decided_on", init->Get("decided_on"));
        // Only set when decided: an empty string would still open the template's section.
        if (!init->Get("pilot_decision").empty())
            x.set("pilot_decision", OptionLabel(PdsaActs(), init->Get("pilot_decision"), false));
        mu::data missing{mu::data::type::list};
        for (const Record* r : Records(m, "resource", init->id))
            if (r->Get("status") == "missing") {
                mu::data y;
                y.set("kind", OptionLabel(ResourceKinds(), r->Get("kind"), false));
                y.set("description", r->Get("description"));
                y.set("has_description", Flag(!Trim(r->Get("description")).empty()));
                y.set("responsible", MemberName(m, r->Get("responsible")));
                y.set("has_responsible", Flag(!MemberName(m, r->Get("responsible")).empty()));
                missing.push_back(y);
            }
        x.set("missing_resources", missing);
        x.set("has_missing", Flag(MissingResourceCount(m, init->id) > 0));
        mu::data overdue{mu::data::type::list};
        for (const Record* a : Records(m, "activity", init->id))
            if (IsOverdue(*a, today)) {
                mu::data y;
                y.set("what", a->Get("what"));
                y.set("due", a->Get("due_on"));
                y.set("responsible", MemberName(m, a->Get("responsible")));
                y.set("has_responsible", Flag(!MemberName(m, a->Get("responsible")).empty()));
                overdue.push_back(y);
            }
        x.set("overdue", overdue);
        x.set("has_overdue", Flag(OverdueCount(m, init->id, today) > 0));
        mu::data goals{mu::data::type::list};
        for (const Record* g : Records(m, "goal", init->id)) {
            mu::data y;
            y.set("indicator", g->Get("indicator"));
            y.set("baseline", g->Get("baseline"));
            y.set("target", g->Get("target"));
            y.set("date", g->Get("target_date"));
            goals.push_back(y);
        }
        x.set("goals", goals);
        mu::data measures{mu::data::type::list};
        for (const Record* mr : Records(m, "measure", init->id)) {
            Chart chart = BuildChart(m, *mr, init->Get("full_scale_from"));
            mu::data y;
            y.set("measure_id", std::to_string(mr->id));
            y.set("name", mr->Get("name"));
            y.set("direction", OptionLabel(Directions(), mr->Get("direction"), false));
            // A control chart is read around its mean and limits; a run chart around the median.
            if (chart.control) {
                y.set("centre_label", std::string(OptionLabel(ChartKinds(), ChartKindKey(chart.control->kind), false)) +
                                          ", centrumlinje (medel)");
                y.set("centre", Num(chart.control->centre));
                std::string line = "Styrgränser på 3 sigma";
                if (chart.control->sigmaZ) line += " (Laneys σz = " + Num(*chart.control->sigmaZ) + ")";
                const std::vector<SigmaPoint> outside = SigmaPoints(chart);
                line += outside.empty() ? ". Ingen punkt ligger utanför styrgränserna." : ". Punkter utanför styrgränserna:";
                y.set("control_line", line);
                mu::data sigma{mu::data::type::list};
                for (const SigmaPoint& p : outside)
                    sigma.push_back(mu::data("text", chart.periods[p.index] + ": " + Num(p.value) + (p.above ? " över den övre" : " under den nedre") +
                                                         " gränsen " + Num(p.limit)));
                y.set("sigma", sigma);
                y.set("has_sigma", outside.empty() ? mu::data::type::bool_false : mu::data::type::bool_true);
                y.set("has_control", mu::data::type::bool_true);
            } else {
                y.set("centre_label", "baslinjens median");
                y.set("centre", chart.centre ? Num(*chart.centre) : std::string("–"));
                y.set("has_control", mu::data::type::bool_false);
            }
            if (format == "html") y.set("svg", ChartSvg(chart, *mr));  // built escaped; the template inserts it raw
            mu::data parts{mu::data::type::list};
            for (const ChartPart& part : chart.parts) {
                if (!part.analysed) continue;
                mu::data z;
                z.set("label", part.label);
                z.set("n", std::to_string(part.analysis.nUseful));
                z.set("longest", std::to_string(part.analysis.longestRun));
                z.set("longest_max", part.analysis.longestRunMax ? std::to_string(*part.analysis.longestRunMax) : "–");
                z.set("crossings", std::to_string(part.analysis.crossings));
                z.set("crossings_min", part.analysis.crossingsMin ? std::to_string(*part.analysis.crossingsMin) : "–");
                z.set("signal", part.analysis.signal ? (part.sigmaSignal ? "signal; punkt utanför styrgränserna" : "signal")
                                : part.sigmaSignal ? "punkt utanför styrgränserna" : "ingen signal");
                z.set("verdict", part.verdict > 0 ? "förbättring" : part.verdict < 0 ? "försämring" : "");
                // A template colours the verdict by this: an improvement green, a deterioration red.
                z.set("verdict_class", part.verdict > 0 ? "good" : part.verdict < 0 ? "bad" : "");
                parts.push_back(z);
            }
            y.set("parts", parts);
            measures.push_back(y);
        }
        x.set("measures", measures);
        mu::data acts{mu::data::type::list};
        for (const Record* a : Records(m, "activity", init->id)) {
            mu::data y;
            y.set("kind", OptionLabel(ActivityKinds(), a->Get("kind"), false));
            y.set("what", a->Get("what"));
            y.set("responsible", MemberName(m, a->Get("responsible")));
            y.set("start", a->Get("start_on"));
            y.set("due", a->Get("due_on"));
            y.set("status", OptionLabel(ActivityStatuses(), a->Get("status"), false));
            y.set("overdue", Flag(IsOverdue(*a, today)));
            acts.push_back(y);
        }
        x.set("activities", acts);
        mu::data res{mu::data::type::list};
        for (const Record* r : Records(m, "resource", init->id)) {
            mu::data y;
            y.set("kind", OptionLabel(ResourceKinds(), r->Get("kind"), false));
            y.set("description", r->Get("description"));
            y.set("amount", r->Get("amount_sek"));
            y.set("status", OptionLabel(ResourceStatuses(), r->Get("status"), false));
            y.set("missing", Flag(r->Get("status") == "missing"));
            y.set("responsible", MemberName(m, r->Get("responsible")));
            y.set("due", r->Get("due_on"));
            res.push_back(y);
        }
        x.set("resources", res);
        mu::data trainings{mu::data::type::list};
        for (const Record* t : Records(m, "training", init->id)) {
            mu::data y;
            // A person outside the team by name, with the role in brackets when given.
            std::string person = MemberName(m, t->Get("member"));
            if (person.empty()) {
                person = Trim(t->Get("trainee"));
                if (!t->Get("trainee_role").empty())
                    person += " (" + std::string(OptionLabel(TraineeRoles(), t->Get("trainee_role"), false)) + ")";
            }
            y.set("person", person);
            y.set("course", t->Get("course"));
            y.set("date", t->Get("trained_on"));
            y.set("trainer", t->Get("trainer"));
            y.set("status", OptionLabel(TrainingStatuses(), t->Get("status"), false));
            trainings.push_back(y);
        }
        x.set("trainings", trainings);
        inits.push_back(x);
    }
    d.set("initiatives", inits);
    d.set("has_initiatives", Flag(!initiatives.empty()));

    // The local agreement's responsibility grid: who provides each intervention today, from the
    // inventory, every provider of a shared row marked. The unit's own work counts for its
    // principal: a municipality's for its social services; a region's for its specialist care
    // (the region's addiction and psychiatric services run such a project), and another part of
    // the region is named so the parties can place it.
    mu::data grid{mu::data::type::list};
    const bool region = m.project.kind == OrgKind::Region;
    const bool municipality = m.project.kind == OrgKind::Kommun;
    for (const Recommendation& rec : catalog.recommendations) {
        const InventoryRow* row = m.Inventory(rec.id);
        if (!row || row->offered == "ej_aktuellt") continue;
        bool soc = false, prim = false, psyk = false;
        std::vector<std::string> other;
        for (const std::string& p : SplitChoices(row->provider)) {
            if (p == "socialtjanst") soc = true;
            else if (p == "primarvard") prim = true;
            else if (p == "psykiatri") psyk = true;
            else if (p == "egen" && municipality) soc = true;
            else if (p == "egen" && region) psyk = true;
            else if (p == "annan_del" && municipality) soc = true;
            else if (p == "annan_del" && region) other.push_back("annan del av regionen");
            else if (p == "egen") other.push_back("egen enhet");
            else if (p == "annan_del") other.push_back("annan del av organisationen");
            else if (p == "extern") other.push_back("extern utförare");
        }
        const int marked = int(soc) + int(prim) + int(psyk) + static_cast<int>(other.size());
        if (marked == 0) other.push_back("att fylla i");
        else if (marked > 1) other.insert(other.begin(), "gemensamt");
        std::string otherText;
        for (const std::string& o : other) otherText += (otherText.empty() ? "" : ", ") + o;
        mu::data x;
        x.set("id", rec.id);
        x.set("intervention", rec.intervention);
        x.set("condition", rec.condition);
        x.set("level", LevelWithPriority(rec));
        x.set("soc", soc ? "X" : "");
        x.set("prim", prim ? "X" : "");
        x.set("psyk", psyk ? "X" : "");
        x.set("other", otherText);
        grid.push_back(x);
    }
    d.set("grid", grid);

    // The privacy guard: where free text still looks like a personal identity number (masked).
    mu::data privacy{mu::data::type::list};
    const auto findings = ScanForPersonalNumbers(m);
    for (const PrivacyFinding& f : findings) {
        mu::data x;
        x.set("where", f.where);
        x.set("masked", f.masked);
        privacy.push_back(x);
    }
    d.set("privacy", privacy);
    d.set("has_privacy", Flag(!findings.empty()));
    d.set("board", BoardData(m, c, manual, today, format, std::max(1, boardItems)));
    return d;
}

std::string RenderDocx(const ProjectModel& m, const Catalog& catalog, const Manual& manual,
                       const std::vector<Instrument>& instruments, const std::string& today, const std::string& templatePath) {
    return FillDocx(templatePath, ProgressData(m, catalog, manual, instruments, today, "docx"));
}

std::string RenderProgress(const ProjectModel& m, const Catalog& catalog, const Manual& manual,
                           const std::vector<Instrument>& instruments, const std::string& today,
                           const std::string& format, const std::string& templatePath) {
    return RenderTemplate(templatePath, format, ProgressData(m, catalog, manual, instruments, today, format));
}

}  // namespace stegvis
