#include "domain/StepPicture.hpp"

#include <algorithm>

#include "domain/Inventory.hpp"
#include "domain/Measures.hpp"
#include "domain/Records.hpp"
#include "base/Text.hpp"

namespace stegvis {

namespace {

bool Filled(const Record& r, const char* field) { return !Trim(r.Get(field)).empty(); }

// Work every step can hold: ticks, notes, a start date, a decision logged in the step.
bool GenericWork(const ProjectModel& m, int step, int64_t initiative) {
    const StepProgress sp = StepState(m, step, initiative);
    if (!sp.ticked.empty() || !Trim(sp.notes).empty() || !sp.startedOn.empty()) return true;
    return std::any_of(m.decisions.begin(), m.decisions.end(),
                       [&](const Decision& d) { return d.step == step && !d.withdrawn; });
}

void Ratio(StepEvidence& e, Basis basis, int n, int total) {
    e.basis = basis;
    e.n = n;
    e.total = total;
    e.hasCriterion = true;
    e.done = total > 0 && n == total;
}

}  // namespace

StepEvidence EvidenceOf(int step, const ProjectModel& m, const Catalog* catalog, int64_t initiative) {
    StepEvidence e;
    e.work = GenericWork(m, step, initiative);
    const bool perInit = StepIsPerInitiative(step) && initiative != 0;
    auto records = [&](const char* kind) { return Records(m, kind, perInit ? initiative : 0); };
    switch (step) {
        case 1: {
            int discussed = 0;
            for (const auto& [id, d] : m.discussions)
                if (!d.discussedOn.empty()) ++discussed;
            e.work |= discussed > 0;
            if (catalog) Ratio(e, Basis::Discussed, DiscussedCount(m, *catalog), static_cast<int>(catalog->recommendations.size()));
            break;
        }
        case 2:
            e.work |= !m.inventory.empty() || !m.baselines.empty();
            if (catalog) {
                Progress p = InventoryProgress(m, *catalog);
                Ratio(e, Basis::Assessed, p.done, p.total);
            }
            break;
        case 3: {
            e.work |= !m.priorities.empty() || !m.hexagon.empty();
            const bool decided = std::any_of(m.decisions.begin(), m.decisions.end(),
                                             [](const Decision& d) { return d.step == 3 && !d.withdrawn; });
            e.basis = decided ? Basis::Decided : Basis::Prioritised;
            e.hasCriterion = true;
            e.done = decided;
            break;
        }
        case 4: {
            e.work |= !m.rounds.empty();
            const bool answered = std::any_of(m.rounds.begin(), m.rounds.end(),
                                              [](const ReadinessRound& r) { return r.respondents > 0 && !r.answers.empty(); });
            e.basis = answered ? Basis::Answers : Basis::Round;
            e.hasCriterion = true;
            e.done = answered;
            break;
        }
        case 6: {
            auto members = Records(m, "member");
            e.work |= !members.empty();
            e.basis = Basis::Team;
            e.n = static_cast<int>(members.size());
            e.total = LeaderCount(m);
            e.hasCriterion = true;
            e.done = e.total == 1 && e.n >= 2;
            break;
        }
        case 7: {
            auto inits = Records(m, "initiative");
            e.work |= !inits.empty();
            e.basis = Basis::Initiative;
            e.n = static_cast<int>(inits.size());
            e.hasCriterion = true;
            e.done = !inits.empty();
            break;
        }
        default: break;
    }
    if (step >= 8 && step <= 15 && !perInit) {
        // Without an initiative the step has only its generic work.
    } else if (step == 8) {
        const Record* init = FindRecord(m, "initiative", initiative);
        int n = init ? static_cast<int>(Filled(*init, "expected_effect")) + static_cast<int>(Filled(*init, "evidence")) : 0;
        e.work |= n > 0;
        Ratio(e, Basis::Rationale, n, 2);
    } else if (step == 9) {
        auto rs = records("resource");
        int ok = 0;
        for (const Record* r : rs)
            if (Filled(*r, "status") && r->Get("status") != "missing" && Filled(*r, "responsible")) ++ok;
        e.work |= !rs.empty();
        Ratio(e, Basis::Resources, ok, static_cast<int>(rs.size()));
    } else if (step == 10) {
        auto acts = records("activity");
        auto goals = records("goal");
        int ok = 0;
        for (const Record* a : acts)
            if (Filled(*a, "responsible") && Filled(*a, "due_on")) ++ok;
        int measurable = 0;
        for (const Record* g : goals)
            if (Filled(*g, "target")) ++measurable;
        e.work |= !acts.empty() || !goals.empty();
        Ratio(e, Basis::Plan, ok, static_cast<int>(acts.size()));
        e.extra = measurable;
        e.done = e.done && measurable > 0;
    } else if (step == 11) {
        auto ts = records("training");
        int done = 0;
        for (const Record* t : ts)
            if (t->Get("status") == "done") ++done;
        e.work |= !ts.empty();
        Ratio(e, Basis::Training, done, static_cast<int>(ts.size()));
    } else if (step == 12) {
        auto ms = records("measure");
        int ready = 0;
        bool anyPoints = false;
        for (const Record* meas : ms) {
            auto it = m.points.find(meas->id);
            if (it == m.points.end()) continue;
            anyPoints |= !it->second.empty();
            // Frozen: the baseline's first and last period are set; at least 10 values inside.
            const std::string from = meas->Get("baseline_from"), to = meas->Get("baseline_to");
            if (!IsIsoDate(from) || !IsIsoDate(to)) continue;
            int n = 0;
            for (auto p = it->second.lower_bound(from); p != it->second.end() && p->first <= to; ++p)
                if (p->second.numerator) ++n;
            if (n >= 10) ++ready;
        }
        e.work |= !ms.empty() || anyPoints;
        Ratio(e, Basis::Baseline, ready, static_cast<int>(ms.size()));
    } else if (step == 13) {
        auto cycles = records("pdsa");
        int documented = 0;
        for (const Record* c : cycles)
            if (Filled(*c, "prediction") && Filled(*c, "studied") && Filled(*c, "act")) ++documented;
        e.work |= !cycles.empty();
        e.basis = Basis::Pdsa;
        e.n = documented;
        e.total = static_cast<int>(cycles.size());
        e.hasCriterion = true;
        e.done = documented > 0;
    } else if (step == 14) {
        const Record* init = FindRecord(m, "initiative", initiative);
        int n = init ? static_cast<int>(Filled(*init, "study_summary")) + static_cast<int>(Filled(*init, "pilot_decision")) : 0;
        e.work |= n > 0;
        Ratio(e, Basis::Learned, n, 2);
    } else if (step == 15) {
        auto units = records("rollout");
        const Record* init = FindRecord(m, "initiative", initiative);
        int done = 0;
        for (const Record* u : units)
            if (u->Get("status") == "done") ++done;
        const bool plan = init && Filled(*init, "sustain_plan");
        e.work |= !units.empty() || plan || (init && Filled(*init, "full_scale_from"));
        Ratio(e, Basis::Rollout, done, static_cast<int>(units.size()));
        e.extra = plan ? 1 : 0;
        e.done = e.done && plan;
    }
    return e;
}

StepPicture PictureOf(int step, const ProjectModel& m, const Catalog* catalog, int64_t initiative) {
    StepPicture p;
    p.progress = StepState(m, step, initiative);
    p.confirmed = p.progress.status;
    p.evidence = EvidenceOf(step, m, catalog, initiative);
    if (p.confirmed == StepStatus::NotStarted && p.evidence.work) {
        p.progress.status = StepStatus::InProgress;
        p.automatic = true;
    }
    p.suggestDone = p.evidence.hasCriterion && p.evidence.done && p.confirmed != StepStatus::Done;
    p.doneAgainstData = p.evidence.hasCriterion && !p.evidence.done && p.confirmed == StepStatus::Done;
    return p;
}

StepProgress ShownState(const ProjectModel& m, int step, int64_t initiative) {
    return PictureOf(step, m, nullptr, initiative).progress;
}

std::string EvidenceText(const StepEvidence& e, bool en) {
    auto of = [&](const char* sv, const char* enText) {
        return std::to_string(e.n) + (en ? " of " : " av ") + std::to_string(e.total) + " " + (en ? enText : sv);
    };
    switch (e.basis) {
        case Basis::None: return "";
        case Basis::Discussed: return of("rekommendationer diskuterade", "recommendations discussed");
        case Basis::Assessed: return of("rekommendationer bedömda", "recommendations assessed");
        case Basis::Prioritised: return en ? "priorities set, no decision logged" : "prioriteringar gjorda, inget beslut loggat";
        case Basis::Decided: return en ? "the prioritisation decision is logged" : "prioriteringsbeslutet är loggat";
        case Basis::Round: return en ? "a round exists, no answers yet" : "en omgång finns, inga svar ännu";
        case Basis::Answers: return en ? "a round has answers" : "en omgång har svar";
        case Basis::Team:
            if (en) return std::to_string(e.n) + (e.n == 1 ? " member, " : " members, ") + (e.total == 1 ? "a leader" : "no single leader");
            return std::to_string(e.n) + (e.n == 1 ? " medlem, " : " medlemmar, ") + (e.total == 1 ? "en ledare" : "ingen ensam ledare");
        case Basis::Initiative:
            if (en) return std::to_string(e.n) + (e.n == 1 ? " initiative started" : " initiatives started");
            return std::to_string(e.n) + (e.n == 1 ? " införande startat" : " införanden startade");
        case Basis::Rationale: return of("texter skrivna (förväntad effekt, underlag)", "texts written (expected effect, evidence)");
        case Basis::Resources: return of("resurser med beslut och ansvarig", "resources with a decision and a responsible");
        case Basis::Plan: {
            std::string s = of("aktiviteter med ansvarig och slutdatum", "activities with a responsible and a due date");
            if (en) return s + ", " + std::to_string(e.extra) + (e.extra == 1 ? " goal with a target" : " goals with a target");
            return s + ", " + std::to_string(e.extra) + (e.extra == 1 ? " mål med målvärde" : " mål med målvärden");
        }
        case Basis::Training: return of("utbildningar genomförda", "trainings done");
        case Basis::Baseline: return of("mått med frusen baslinje (minst 10 punkter)", "measures with a frozen baseline (10 points or more)");
        case Basis::Pdsa: return of("PDSA-cykler med förutsägelse, resultat och beslut", "PDSA cycles with prediction, result and decision");
        case Basis::Learned: return of("delar klara (sammanställning, beslut efter piloten)", "parts done (summary, decision after the pilot)");
        case Basis::Rollout: {
            std::string s = of("enheter klara", "units done");
            return s + (en ? (e.extra ? ", sustain plan written" : ", no sustain plan") : (e.extra ? ", plan för att hålla i skriven" : ", ingen plan för att hålla i"));
        }
    }
    return "";
}

std::string DisagreementText(const StepPicture& p, bool en) {
    const std::string why = EvidenceText(p.evidence, en);
    if (p.suggestDone) return (en ? "The data says done: " : "Underlaget säger klart: ") + why;
    if (p.doneAgainstData) return (en ? "Marked done, but the data says: " : "Markerat klart, men underlaget säger: ") + why;
    return "";
}

}  // namespace stegvis
