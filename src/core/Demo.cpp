#include "core/Demo.hpp"

#include <stdexcept>

#include "core/Actions.hpp"
#include "core/Store.hpp"
#include "core/Text.hpp"

namespace stegvis {

namespace {

uint32_t Fnv1a(const std::string& s) {
    uint32_t h = 2166136261u;
    for (unsigned char c : s) h = (h ^ c) * 16777619u;
    return h;
}

void Must(Store& store, const Action& a, const std::string& who, const Manual& manual) {
    ApplyResult r = Apply(store, a, who, &manual);
    if (!r.ok) throw std::runtime_error("demo: " + Describe(a) + ": " + r.error.message);
}

}  // namespace

void CreateDemo(const std::string& path, const DemoOptions& opt, const Manual& manual, const Catalog& catalog) {
    const std::string today = opt.anchorDate.empty() ? TodayIso() : opt.anchorDate;
    const uint32_t h = Fnv1a(opt.organisation);
    ProjectInfo info;
    info.name = "Införande av riktlinjerna för missbruks- och beroendevården";
    info.organisation = opt.organisation;
    info.kind = opt.organisation.find("Region") == 0 ? OrgKind::Region : OrgKind::Kommun;
    info.catalogEdition = catalog.edition;
    info.createdOn = AddDays(today, -150);
    Store store = Store::Create(path, info);
    const std::string chef = "Anna Lindqvist (enhetschef)";
    const std::string team = "Implementeringsteamet";

    // Steps 1..doneSteps are finished, the next one is under way; 3 or 4 depending on the name.
    const int doneSteps = 3 + static_cast<int>(h % 2);
    int offset = -140;
    for (int n = 1; n <= doneSteps + 1; ++n) {
        const Step* step = manual.FindStep(n);
        const bool finished = n <= doneSteps;
        const std::string who = n <= 5 ? chef : team;
        // Dates first, so setting the status does not stamp today's date on them.
        Must(store, SetStepDate{n, false, AddDays(today, offset)}, who, manual);
        if (finished) Must(store, SetStepDate{n, true, AddDays(today, offset + 21)}, who, manual);
        Must(store, SetStepStatus{n, finished ? StepStatus::Done : StepStatus::InProgress}, who, manual);
        size_t ticks = finished ? step->checklist.size() : step->checklist.size() / 2;
        for (size_t k = 0; k < ticks; ++k) Must(store, SetChecklistTick{n, step->checklist[k].id, true}, who, manual);
        offset += 28;
    }

    Must(store,
         SetStepNotes{1,
                      "Ledningsgruppen och två socialsekreterare läste riktlinjernas centrala rekommendationer "
                      "under tre arbetsplatsträffar. Filmerna om bedömningsinstrument och anhörigstöd visades. "
                      "Frågor som kom upp: hur ASI-uppföljning ska göras och vem som ansvarar för MET."},
         chef, manual);
    Must(store,
         SetStepNotes{2,
                      "Inventeringen gjordes tillsammans med hälsocentralen och beroendemottagningen. Störst glapp: "
                      "ASI används inte systematiskt vid uppföljning, MET erbjuds bara av en behandlare, "
                      "CRAFT för anhöriga saknas helt."},
         chef, manual);
    Must(store,
         SetStepNotes{3,
                      "Delområdena bedömningsinstrument och psykologisk behandling prioriteras först. "
                      "Anhörigstöd (CRAFT) tas upp nästa år."},
         chef, manual);

    auto decide = [&](int step, int dayOffset, std::string title, std::string rationale, std::string participants,
                      std::vector<std::string> recs) {
        Decision d;
        d.step = step;
        d.decidedOn = AddDays(today, dayOffset);
        d.title = std::move(title);
        d.rationale = std::move(rationale);
        d.participants = std::move(participants);
        for (auto& r : recs)
            if (catalog.Find(r)) d.recommendations.push_back(r);
        Must(store, RecordDecision{d}, step <= 5 ? chef : team, manual);
    };
    decide(1, -115, "Riktlinjerna är genomgångna i ledningsgruppen",
           "Alla chefer och två medarbetare har tagit del av de centrala rekommendationerna.",
           "Anna Lindqvist, Erik Sjöberg, Maria Holm", {});
    decide(2, -90, "Behovsinventeringen fastställs",
           "Inventeringen visar störst glapp inom bedömningsinstrument, psykologisk behandling och anhörigstöd.",
           "Anna Lindqvist, Erik Sjöberg, Maria Holm, Johan Berg (hälsocentralen)", {"BI-04", "PB-01", "AN-03"});
    decide(3, -62, "Prioriterade delområden: bedömningsinstrument och psykologisk behandling",
           "ASI (prio 1) och MET (prio 1) är bör-rekommendationer med stort glapp och många berörda klienter. "
           "CRAFT väntar till nästa år av resursskäl.",
           "Anna Lindqvist, Erik Sjöberg, Maria Holm", {"BI-04", "PB-01"});
}

}  // namespace stegvis
