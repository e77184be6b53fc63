#include "core/Demo.hpp"

#include <unistd.h>

#include <algorithm>
#include <array>
#include <stdexcept>

#include "core/Actions.hpp"
#include "core/Inventory.hpp"
#include "core/Paths.hpp"
#include "core/Store.hpp"
#include "core/Text.hpp"

namespace stegvis {

namespace {

uint32_t Fnv1a(const std::string& s) {
    uint32_t h = 2166136261u;
    for (unsigned char c : s) h = (h ^ c) * 16777619u;
    return h;
}

ActionContext g_ctx;  // set for the duration of CreateDemo

int64_t Must(Store& store, const Action& a, const std::string& who, const Manual&) {
    ApplyResult r = Apply(store, a, who, g_ctx);
    if (!r.ok) throw std::runtime_error("demo: " + Describe(a) + ": " + r.error.message);
    return r.newId;
}

// A small deterministic generator, so the same organisation always gets the same demo.
struct Rng {
    uint32_t state;
    uint32_t Next() {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        return state;
    }
    int Range(int lo, int hi) { return lo + static_cast<int>(Next() % static_cast<uint32_t>(hi - lo + 1)); }
};

// A mid-sized municipality's social services: what it offers itself, what the region's
// primary care and psychiatry provide, and where the gaps are. Rows not listed follow their
// area's default below.
struct DemoRow {
    const char* id;
    const char* offered;
    const char* provider;
    const char* gap;
    int volumeLo, volumeHi, staff;
    const char* comment;
};
const DemoRow kDemoRows[] = {
    {"BI-01", "ja", "egen", "ingen", 150, 220, 9, "Används vid alla nybesök."},
    {"BI-02", "ja", "egen", "ingen", 90, 140, 9, ""},
    {"BI-03", "delvis", "psykiatri", "liten", 30, 60, 0, "Psykiatrin gör MINI; vi gör inte ADDIS."},
    {"BI-04", "delvis", "egen", "stor", 120, 180, 2, "ASI görs vid utredning men inte vid uppföljning."},
    {"BI-05", "nej", "ingen", "ingen", 0, 0, 0, "Vi använder ASI i stället."},
    {"BI-06", "nej", "ingen", "liten", 15, 30, 0, "Ungdomsmottagningen efterfrågar ADAD."},
    {"LB-06", "ej_aktuellt", "", "", 0, 0, 0, "Icke-göra: ska inte erbjudas."},
    {"MT-05", "ej_aktuellt", "", "", 0, 0, 0, "Kan i undantagsfall; primärvården använder CDT/PEth."},
    {"PB-01", "delvis", "egen", "stor", 100, 160, 1, "Bara en behandlare är utbildad i MET."},
    {"PB-02", "delvis", "extern", "liten", 40, 70, 0, "Köps av extern utförare."},
    {"PB-03", "ja", "egen", "ingen", 60, 90, 4, ""},
    {"PB-04", "nej", "ingen", "stor", 40, 70, 0, ""},
    {"PB-05", "ja", "extern", "ingen", 20, 35, 0, "Tolvstegsbehandling köps vid behov."},
    {"PB-06", "nej", "ingen", "liten", 20, 40, 0, ""},
    {"PB-08", "ej_aktuellt", "", "", 0, 0, 0, "FoU: bara inom forskning och utveckling."},
    {"PB-10", "delvis", "egen", "liten", 25, 45, 2, ""},
    {"PB-11", "nej", "ingen", "stor", 10, 25, 0, "Centralstimulantia ökar enligt polisen."},
    {"PB-18", "nej", "ingen", "liten", 10, 20, 0, ""},
    {"PS-01", "nej", "ingen", "stor", 30, 60, 0, "Samarbete med Arbetsförmedlingen saknas."},
    {"PS-03", "ja", "egen", "ingen", 25, 40, 5, ""},
    {"PS-04", "ja", "egen", "ingen", 10, 20, 3, "Kan i undantagsfall; används för några få."},
    {"PS-05", "nej", "ingen", "liten", 8, 15, 0, ""},
    {"PS-06", "delvis", "egen", "liten", 15, 30, 1, ""},
    {"PS-07", "delvis", "psykiatri", "liten", 10, 20, 0, ""},
    {"AN-01", "ja", "extern", "ingen", 20, 40, 0, "Al-Anon-grupp i föreningslivet."},
    {"AN-02", "nej", "ingen", "liten", 20, 40, 0, ""},
    {"AN-03", "nej", "ingen", "stor", 30, 60, 0, "Anhöriga efterfrågar CRAFT."},
    {"UN-01", "ja", "egen", "ingen", 40, 70, 3, ""},
    {"UN-02", "nej", "ingen", "liten", 10, 25, 0, ""},
    {"UN-03", "nej", "ingen", "liten", 10, 20, 0, ""},
    {"UN-04", "delvis", "egen", "liten", 10, 20, 1, ""},
};

const DemoRow* FindDemoRow(const std::string& id) {
    for (const auto& r : kDemoRows)
        if (id == r.id) return &r;
    return nullptr;
}

// Defaults by area: medicines and medical tests are the region's; the rest is the unit's own.
DemoRow DefaultRow(const Recommendation& r) {
    const char* id = r.id.c_str();
    if (r.area == "Läkemedelsbehandling" || r.area == "Samsjuklighet")
        return {id, "ja", "psykiatri", "ingen", 10, 60, 0, ""};
    if (r.area == "Medicinska test") return {id, "ja", "primarvard", "ingen", 50, 200, 0, ""};
    if (r.level == Level::Bor) return {id, "delvis", "egen", "liten", 10, 40, 1, ""};
    return {id, "vet_ej", "", "ingen", 0, 0, 0, ""};
}


void FillDemo(const std::string& path, const DemoOptions& opt, const Manual& manual, const Catalog& catalog,
              const std::vector<Instrument>& instruments) {
    const std::string today = opt.anchorDate.empty() ? TodayIso() : opt.anchorDate;
    const uint32_t h = Fnv1a(opt.organisation);
    ProjectInfo info;
    info.name = "Införande av riktlinjerna för missbruks- och beroendevården";
    info.organisation = opt.organisation;
    info.kind = opt.organisation.find("Region") == 0 ? OrgKind::Region : OrgKind::Kommun;
    info.catalogEdition = catalog.edition;
    info.createdOn = AddDays(today, -150);
    Store store = Store::Create(path, info);
    // The demo is built in a file nobody else sees yet and renamed into place when whole, so
    // each of its few hundred actions need not wait for the disk.
    store.Connection().Exec("PRAGMA synchronous = OFF");
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
    Rng rng{h | 1u};

    // Step 1: every recommendation discussed over three staff meetings.
    const std::string meetings[] = {AddDays(today, -138), AddDays(today, -131), AddDays(today, -124)};
    for (size_t i = 0; i < catalog.recommendations.size(); ++i) {
        const auto& r = catalog.recommendations[i];
        Must(store, SetDiscussed{r.id, true, meetings[i * 3 / catalog.recommendations.size()]}, chef, manual);
    }
    Must(store, SetDiscussionNote{"BI-04", "Vi gör ASI grund men aldrig ASI uppföljning. Vem ska göra den?"}, chef, manual);
    Must(store, SetDiscussionNote{"AN-03", "Flera anhöriga har frågat efter CRAFT."}, chef, manual);

    // Step 2: the needs inventory, frozen as a baseline, then a few later corrections.
    for (const auto& r : catalog.recommendations) {
        const DemoRow* listed = FindDemoRow(r.id);
        DemoRow d = listed ? *listed : DefaultRow(r);
        auto set = [&](InvField f, const std::string& v) {
            if (!v.empty()) Must(store, SetInventoryField{r.id, f, v}, chef, manual);
        };
        set(InvField::Offered, d.offered);
        set(InvField::Provider, d.provider);
        if (d.volumeHi > 0) set(InvField::Volume, std::to_string(rng.Range(d.volumeLo, d.volumeHi)));
        if (d.staff > 0 || (listed && std::string(d.offered) != "ej_aktuellt")) set(InvField::StaffTrained, std::to_string(d.staff));
        if (std::string(d.offered) != "ej_aktuellt") set(InvField::Gap, d.gap);
        set(InvField::Comment, d.comment);
    }
    Must(store, FreezeBaseline{"Baslinje vid start", AddDays(today, -96)}, chef, manual);
    Must(store, SetInventoryField{"BI-04", InvField::StaffTrained, "4"}, chef, manual);
    Must(store, SetInventoryField{"UN-02", InvField::Offered, "delvis"}, chef, manual);
    Must(store, SetInventoryField{"UN-02", InvField::Comment, "Två behandlare gick MET/KBT-utbildning i höstas."}, chef, manual);

    // Step 3: feasibility for the candidates, the group's choice, Hexagon for the top three.
    for (const Recommendation* r : PriorityCandidates(store.Load(), catalog))
        Must(store, SetFeasibility{r->id, rng.Range(1, 3)}, chef, manual);
    for (const char* id : {"BI-04", "PB-01"}) Must(store, SetSelected{id, true}, chef, manual);
    const std::pair<const char*, std::array<int, 6>> hex[] = {
        {"BI-04", {5, 5, 3, 5, 5, 3}}, {"PB-01", {5, 4, 3, 5, 4, 3}}, {"AN-03", {4, 3, 1, 5, 3, 1}}};
    for (const auto& [id, ratings] : hex)
        for (size_t k = 0; k < HexagonFactors().size(); ++k)
            Must(store, SetHexagonRating{id, HexagonFactors()[k].key, ratings[k]}, chef, manual);

    decide(3, -62, "Prioriterade delområden: bedömningsinstrument och psykologisk behandling",
           "ASI (prio 1) och MET (prio 1) är bör-rekommendationer med stort glapp och många berörda klienter. "
           "CRAFT väntar till nästa år av resursskäl.",
           "Anna Lindqvist, Erik Sjöberg, Maria Holm", {"BI-04", "PB-01"});

    // Step 4: a readiness round with twelve paper forms. Commitment runs higher than efficacy,
    // as is common before training; the lowest are keeping track and managing the politics.
    if (!instruments.empty()) {
        const Instrument& ins = instruments.front();
        int64_t round = Must(store, AddReadinessRound{ins.id, "APT oktober", AddDays(today, -40)}, chef, manual);
        const int respondents = 12;
        Must(store, SetRoundRespondents{round, respondents}, chef, manual);
        for (int resp = 1; resp <= respondents; ++resp) {
            for (size_t i = 0; i < ins.items.size(); ++i) {
                const InstrumentItem& item = ins.items[i];
                int base = item.subscale == ins.subscales.front().id ? 4 : 3;
                if (item.text.en.find("politics") != std::string::npos || item.text.en.find("track") != std::string::npos)
                    base = 2;
                int v = std::clamp(base + rng.Range(-1, 1), ins.MinValue(), ins.MaxValue());
                if (resp == 7 && i == 10) continue;  // one statement left blank on a form
                Must(store, SetAnswer{round, resp, item.id, v}, chef, manual);
            }
        }
    }
    store.Connection().Exec("PRAGMA synchronous = FULL");
}

}  // namespace

void CreateDemo(const std::string& path, const DemoOptions& opt, const Manual& manual, const Catalog& catalog,
                const std::vector<Instrument>& instruments) {
    if (PathExists(path)) throw std::runtime_error(path + ": det finns redan en fil med det namnet");
    const std::string tmp = path + ".building";
    ::unlink(tmp.c_str());
    g_ctx = ActionContext{&manual, &catalog, &instruments};
    try {
        FillDemo(tmp, opt, manual, catalog, instruments);
    } catch (...) {
        ::unlink(tmp.c_str());
        ::unlink((tmp + "-wal").c_str());
        ::unlink((tmp + "-shm").c_str());
        throw;
    }
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
        ::unlink(tmp.c_str());
        throw std::runtime_error(path + ": kunde inte skapas");
    }
}

}  // namespace stegvis
