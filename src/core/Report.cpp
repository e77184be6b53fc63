#include "core/Report.hpp"

#include <kainjow/mustache.hpp>

#include <algorithm>
#include <cstdio>
#include <regex>

#include "core/Inventory.hpp"
#include "core/Paths.hpp"
#include "core/Readiness.hpp"
#include "core/Text.hpp"

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
        CaseGap g{r.id, r.area, r.condition, r.intervention, LevelText(r.level), OptionLabel(GapOptions(), row.gap, false)};
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

std::string HtmlEscape(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    for (char ch : s) {
        switch (ch) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out.push_back(ch);
        }
    }
    return out;
}

std::string ResolveTemplate(const std::string& nameOrPath, const std::string& format) {
    std::string path = nameOrPath;
    bool isPath = nameOrPath.find('/') != std::string::npos ||
                  (nameOrPath.size() > 9 && nameOrPath.compare(nameOrPath.size() - 9, 9, ".mustache") == 0);
    if (!isPath) path = ResourceDir() + "/templates/" + nameOrPath + "." + format + ".mustache";
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

std::string RenderCaseForChange(const CaseForChange& c, const std::string& format, const std::string& templatePath) {
    std::string text;
    try {
        text = ReadFile(templatePath);
    } catch (const std::exception&) {
        throw DataError(templatePath, 0, "", "", "cannot be read");
    }
    mu::mustache tmpl{text};
    if (!tmpl.is_valid()) {
        // The library reports a byte offset ("... at 123"); people need the line.
        std::string msg = tmpl.error_message();
        int line = 0;
        std::smatch m;
        if (std::regex_search(msg, m, std::regex(" at ([0-9]+)$"))) {
            size_t offset = std::stoul(m[1]);
            line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(std::min(offset, text.size())), '\n'));
        }
        throw DataError(templatePath, line, "", "", "template error: " + msg);
    }
    if (format == "html") tmpl.set_custom_escape(HtmlEscape);
    else tmpl.set_custom_escape([](const std::string& s) {
        // A bar would split a Markdown table cell.
        std::string out;
        for (char ch : s) {
            if (ch == '|') out += "\\|";
            else out.push_back(ch);
        }
        return out;
    });

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
    if (c.hasReadiness) {
        mu::data r;
        r.set("round", c.readiness.round);
        r.set("date", c.readiness.heldOn);
        r.set("instrument", c.readiness.instrument);
        r.set("respondents", std::to_string(c.readiness.respondents));
        mu::data subs{mu::data::type::list};
        for (const auto& s : c.readiness.subscales) {
            mu::data x;
            x.set("name", s.name);
            x.set("mean", Num(s.mean));
            x.set("sd", Num(s.sd));
            x.set("n", std::to_string(s.n));
            subs.push_back(x);
        }
        r.set("subscales", subs);
        mu::data weak{mu::data::type::list};
        for (const auto& w : c.readiness.weakest) weak.push_back(mu::data(w));
        r.set("weakest", weak);
        d.set("readiness", r);
    }
    std::string out = tmpl.render(d);
    if (!tmpl.is_valid()) throw DataError(templatePath, 0, "", "", "template error: " + tmpl.error_message());
    return out;
}

}  // namespace stegvis
