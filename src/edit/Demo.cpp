#include "edit/Demo.hpp"

#include "base/Files.hpp"


#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>

#include "edit/Actions.hpp"
#include "domain/Inventory.hpp"
#include "domain/Measures.hpp"
#include "base/Paths.hpp"
#include "domain/Records.hpp"
#include "store/Store.hpp"
#include "base/Text.hpp"

namespace stegvis {

namespace {

uint32_t Fnv1a(const std::string& s) {
    uint32_t h = 2166136261u;
    for (unsigned char c : s) h = (h ^ c) * 16777619u;
    return h;
}

// Set for the duration of CreateDemo, per thread: the benchmark builds demos on several at once.
thread_local ActionContext g_ctx;

int64_t Must(Store& store, const Action& a, const std::string& who, const Manual&) {
    ApplyResult r = Apply(store, a, who, g_ctx);
    if (!r.ok) throw std::runtime_error("demo: " + Describe(a) + ": " + r.error.Text());
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
    {"PS-07", "delvis", "egen,psykiatri", "liten", 10, 20, 2, "Integrerat team med psykiatrin, bara dagtid."},
    {"LB-11", "ja", "egen,psykiatri", "ingen", 15, 25, 2, "Psykiatrin förskriver, vi ger psykosocialt stöd."},
    {"LB-12", "ja", "egen,psykiatri", "ingen", 10, 20, 2, "Psykiatrin förskriver, vi ger psykosocialt stöd."},
    {"SS-03", "delvis", "egen,psykiatri", "liten", 10, 25, 1, "Samordnas i SIP; integrerad behandling saknas delvis."},
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


// Steps 12-13 for MET: 24 weeks of baseline, then a pilot in two PDSA cycles. The share offered
// MET rises for real (a signal); the waiting time does not move (no signal).
void FillMeasures(Store& store, const Manual& manual, const std::string& today, uint32_t h, int64_t met,
                  const std::string& who) {
    Rng rng{(h ^ 0x9e3779b9u) | 1u};
    const std::string firstWeek = PeriodStart(AddDays(today, -7 * 36), "week");
    int64_t share = Must(store, AddRecord{"measure", met, {{"name", "Andel nya klienter med alkoholproblem som erbjuds MET"},
                                                           {"definition", "ratio"}, {"unit", "%"}, {"direction", "up"},
                                                           {"source", "Journalgranskning av nybesök"}, {"period", "week"},
                                                           {"target", "60"}}},
                         who, manual);
    int64_t wait = Must(store, AddRecord{"measure", met, {{"name", "Dagar från första kontakt till första MET-samtal (median)"},
                                                          {"definition", "count"}, {"unit", "dagar"}, {"direction", "down"},
                                                          {"source", "Ärendeloggen"}, {"period", "week"}, {"target", "14"}}},
                        who, manual);
    ImportPoints a{share, {}}, b{wait, {}};
    std::string week = firstWeek;
    for (int i = 0; i < 36; ++i, week = AddDays(week, 7)) {
        if (i == 17) continue;  // a week with no data (the case system was down): a gap, not 0
        double clients = rng.Range(18, 30);
        double offered = i < 24 ? std::round(clients * rng.Range(8, 24) / 100.0) : std::round(clients * rng.Range(38, 62) / 100.0);
        a.rows.push_back({week, offered, clients});
        b.rows.push_back({week, static_cast<double>(rng.Range(24, 40)), std::nullopt});
    }
    Must(store, a, who, manual);
    Must(store, b, who, manual);
    const std::string baselineTo = AddDays(firstWeek, 7 * 23);
    for (int64_t m : {share, wait})
        Must(store, SetRecordFields{"measure", m, {{"baseline_from", firstWeek}, {"baseline_to", baselineTo}}}, who, manual);
    Must(store, SetPointNote{share, AddDays(firstWeek, 7 * 24), "Piloten startar: MET erbjuds vid nybesök på tisdagar."}, who, manual);
    // A region-wide share with large denominators, drawn as Laney's P′ chart: the classic P limits
    // would be so tight that nearly every week fell outside. The week the screening form was
    // changed stands outside the limits (a sigma signal).
    int64_t audit = Must(store, AddRecord{"measure", met, {{"name", "Andel besök där AUDIT användes (hela regionen)"},
                                                           {"definition", "ratio"}, {"unit", "%"}, {"direction", "up"},
                                                           {"source", "Regionens journalsystem"}, {"period", "week"},
                                                           {"chart", "pp"}}},
                         who, manual);
    ImportPoints c{audit, {}};
    week = firstWeek;
    for (int i = 0; i < 36; ++i, week = AddDays(week, 7)) {
        const double visits = rng.Range(1800, 2600);
        const double share = i == 27 ? 0.52 : i < 24 ? 0.30 + rng.Range(-30, 30) / 1000.0 : 0.315 + rng.Range(-15, 15) / 1000.0;
        c.rows.push_back({week, std::round(visits * share), visits});
    }
    Must(store, c, who, manual);
    Must(store, SetRecordFields{"measure", audit, {{"baseline_from", firstWeek}, {"baseline_to", baselineTo}}}, who, manual);
    Must(store, SetPointNote{audit, AddDays(firstWeek, 7 * 27), "Ny mall för nybesök med AUDIT förifylld."}, who, manual);
    Must(store, SetRecordField{"measure", wait, "chart", "i"}, who, manual);
    Must(store, AddRecord{"pdsa", met, {{"change", "MET vid nybesök på tisdagar"},
                                         {"prediction", "Minst hälften av tisdagarnas nya klienter tackar ja till MET"},
                                         {"who_what_when", "Maria och Erik, tisdagar i sex veckor"},
                                         {"started_on", AddDays(firstWeek, 7 * 24)},
                                         {"ended_on", AddDays(firstWeek, 7 * 29 + 4)},
                                         {"did", "31 nybesök, 17 erbjöds MET"},
                                         {"studied", "Fler än väntat tackade ja; tidsbokningen var flaskhalsen"},
                                         {"act", "adapt"}}},
         who, manual);
    Must(store, AddRecord{"pdsa", met, {{"change", "MET vid alla nybesök, fasta tider i kalendern"},
                                         {"prediction", "Andelen som erbjuds MET stiger över 40 %"},
                                         {"who_what_when", "Hela öppenvården från vecka 31"},
                                         {"started_on", AddDays(firstWeek, 7 * 30)}}},
         who, manual);
}

// The national benchmark's unit: on top of the county scale, ten years of weekly data (520
// points) on one chart, cut into parts by a PDSA cycle every year.
void FillNationalScale(Store& store, const Manual& manual, const std::string& today, uint32_t h, int64_t met,
                       const std::string& who) {
    Rng rng{(h ^ 0x27d4eb2fu) | 1u};
    int64_t m = Must(store, AddRecord{"measure", met, {{"name", "Nybesök per vecka (tio år)"}, {"definition", "count"},
                                                       {"direction", "up"}, {"period", "week"}, {"target", "30"}}},
                     who, manual);
    const std::string firstWeek = PeriodStart(AddDays(today, -7 * 521), "week");
    ImportPoints imp{m, {}};
    std::string week = firstWeek;
    for (int i = 0; i < 520; ++i, week = AddDays(week, 7))
        imp.rows.push_back({week, static_cast<double>(rng.Range(18, 30) + i / 52), std::nullopt});
    Must(store, imp, who, manual);
    Must(store, SetRecordFields{"measure", m, {{"baseline_from", firstWeek}, {"baseline_to", AddDays(firstWeek, 7 * 23)}}},
         who, manual);
    for (int year = 1; year < 10; ++year)
        Must(store, AddRecord{"pdsa", met, {{"change", "Förändring år " + std::to_string(year)},
                                             {"started_on", AddDays(firstWeek, 7 * 52 * year)},
                                             {"ended_on", AddDays(firstWeek, 7 * 52 * year + 60)}}},
             who, manual);
    // Every measure drawn as a control chart, the heaviest a screen draws: the benchmark's case.
    const ProjectModel model = store.Load();
    for (const Record* measure : Records(model, "measure"))
        Must(store, SetRecordField{"measure", measure->id, "chart", measure->Get("definition") == "ratio" ? "pp" : "c"}, who, manual);
}

// Steps 6-11: the team, one initiative well into training and one just decided.
// Three more initiatives, each with five monthly measures of ten years (120 points).
void FillCountyScale(Store& store, const Manual& manual, const std::string& today, uint32_t h, const std::string& who) {
    Rng rng{(h ^ 0x5bd1e995u) | 1u};
    const char* recs[] = {"AN-03", "PS-01", "UN-04"};
    const char* names[] = {"CRAFT för anhöriga", "IPS-modellen", "FFT för ungdomar"};
    for (int k = 0; k < 3; ++k) {
        int64_t init = Must(store, StartInitiative{recs[k], names[k], AddDays(today, -400 + 30 * k), "Länsgemensam satsning", ""},
                            who, manual);
        for (int j = 0; j < 5; ++j) {
            int64_t m = Must(store, AddRecord{"measure", init, {{"name", std::string("Mått ") + std::to_string(j + 1) + " – " + names[k]},
                                                                 {"definition", "count"}, {"direction", j % 2 ? "down" : "up"},
                                                                 {"period", "month"}}},
                             who, manual);
            ImportPoints imp{m, {}};
            std::string month = PeriodStart(AddDays(today, -30 * 121), "month");
            for (int i = 0; i < 120; ++i, month = NextPeriod(month, "month"))
                imp.rows.push_back({month, static_cast<double>(rng.Range(20, 40) + (i > 84 ? 8 : 0)), std::nullopt});
            Must(store, imp, who, manual);
            Must(store, SetRecordFields{"measure", m, {{"baseline_from", imp.rows.front().period}, {"baseline_to", imp.rows[23].period}}},
                 who, manual);
        }
    }
}

void FillTeam(Store& store, const Manual& manual, const std::string& today, uint32_t h, const std::string& who,
              const std::string& scale) {
    auto add = [&](const std::string& kind, int64_t init, std::map<std::string, std::string> fields) {
        return Must(store, AddRecord{kind, init, std::move(fields)}, who, manual);
    };
    const int64_t erik = add("member", 0, {{"name", "Erik Sjöberg"}, {"role", "leader"}, {"organisation", "Socialtjänsten, vuxenenheten"}, {"contact", "erik.sjoberg@exempelkommun.se"}});
    const int64_t maria = add("member", 0, {{"name", "Maria Holm"}, {"role", "member"}, {"organisation", "Socialtjänsten, öppenvården"}, {"contact", "ankn. 4412"}});
    const int64_t johan = add("member", 0, {{"name", "Johan Berg"}, {"role", "member"}, {"organisation", "Hälsocentralen Centrum"}, {"contact", "ankn. 2290"}});
    const int64_t anna = add("member", 0, {{"name", "Anna Lindqvist"}, {"role", "sponsor"}, {"organisation", "Socialtjänsten, enhetschef"}, {"contact", ""}});
    const int64_t karin = add("member", 0, {{"name", "Karin Ek"}, {"role", "supervisor"}, {"organisation", "FoU Välfärd"}, {"contact", ""}});
    add("member", 0, {{"name", "Per Nilsson"}, {"role", "user_rep"}, {"organisation", "Brukarföreningen"}, {"contact", ""}});
    const auto id = [](int64_t v) { return std::to_string(v); };

    int64_t met = Must(store, StartInitiative{"PB-01", "MET i öppenvården", AddDays(today, -55),
                                              "Störst glapp bland bör-rekommendationerna med flest berörda klienter. "
                                              "Hälsocentralen remitterar redan många med alkoholproblem.",
                                              "Erik Sjöberg, Maria Holm, Johan Berg, Anna Lindqvist"},
                       who, manual);
    Must(store, SetRecordField{"initiative", met, "expected_effect",
                               "Fler nya klienter med alkoholproblem får MET inom fyra veckor; färre avbrott i behandlingen."},
         who, manual);
    Must(store, SetRecordField{"initiative", met, "evidence",
                               "Prioritet 1 i riktlinjerna (Socialstyrelsen 2015). Project MATCH (1997); UKATT (2005). "
                               "Erfarenhet från grannkommunen som införde MET 2024."},
         who, manual);
    add("resource", met, {{"kind", "time"}, {"description", "20 % av två behandlares tid under piloten"}, {"status", "secured"}, {"responsible", id(anna)}, {"due_on", AddDays(today, -40)}});
    add("resource", met, {{"kind", "money"}, {"description", "Utbildning och handledning"}, {"amount_sek", "85000"}, {"status", "secured"}, {"responsible", id(anna)}, {"due_on", AddDays(today, -40)}});
    add("resource", met, {{"kind", "competence"}, {"description", "MET-handledare"}, {"status", "partly"}, {"responsible", id(karin)}, {"due_on", AddDays(today, 20)}, {"note", "Handledare finns en dag i månaden."}});
    add("resource", met, {{"kind", "premises"}, {"description", "Samtalsrum två dagar i veckan"}, {"status", "secured"}, {"responsible", id(erik)}});
    add("resource", met, {{"kind", "material"}, {"description", "Inspelningsutrustning för MITI-kodning"}, {"status", "missing"}, {"responsible", id(erik)}, {"due_on", AddDays(today, 14)}});
    add("goal", met, {{"indicator", "Andel nya klienter med alkoholproblem som erbjuds MET (%)"}, {"baseline", "15"}, {"target", "60"}, {"target_date", AddDays(today, 180)}});
    add("goal", met, {{"indicator", "Dagar från första kontakt till första MET-samtal (median)"}, {"baseline", "34"}, {"target", "14"}, {"target_date", AddDays(today, 180)}});
    add("activity", met, {{"kind", "training"}, {"what", "MET-grundutbildning (3 dagar)"}, {"responsible", id(karin)}, {"start_on", AddDays(today, -45)}, {"due_on", AddDays(today, -30)}, {"status", "done"}});
    add("activity", met, {{"kind", "supervision"}, {"what", "Handledning varannan vecka"}, {"responsible", id(karin)}, {"start_on", AddDays(today, -28)}, {"due_on", AddDays(today, 90)}, {"status", "ongoing"}});
    add("activity", met, {{"kind", "activity"}, {"what", "Rutin för att erbjuda MET vid nybesök"}, {"responsible", id(maria)}, {"start_on", AddDays(today, -20)}, {"due_on", AddDays(today, -5)}, {"status", "ongoing"}});
    add("activity", met, {{"kind", "activity"}, {"what", "Informera hälsocentralerna"}, {"responsible", id(johan)}, {"start_on", AddDays(today, -10)}, {"due_on", AddDays(today, 10)}, {"status", "planned"}});
    add("activity", met, {{"kind", "followup"}, {"what", "Uppföljning efter tre månader"}, {"responsible", id(erik)}, {"start_on", AddDays(today, 60)}, {"due_on", AddDays(today, 65)}, {"status", "planned"}});
    add("training", met, {{"member", id(maria)}, {"course", "MET-grundutbildning"}, {"trained_on", AddDays(today, -30)}, {"trainer", "Karin Ek, FoU Välfärd"}, {"status", "done"}});
    add("training", met, {{"member", id(erik)}, {"course", "MET-grundutbildning"}, {"trained_on", AddDays(today, -30)}, {"trainer", "Karin Ek, FoU Välfärd"}, {"status", "done"}});
    add("training", met, {{"member", id(johan)}, {"course", "MI för hälsocentralen"}, {"trained_on", AddDays(today, -12)}, {"trainer", "Karin Ek, FoU Välfärd"}, {"status", "done"}});
    add("training", met, {{"member", id(anna)}, {"course", "MET för chefer (halvdag)"}, {"trained_on", AddDays(today, 21)}, {"trainer", "FoU Välfärd"}, {"status", "planned"}});
    // Staff outside the team who will use the intervention are trained too.
    add("training", met, {{"trainee", "Lina Berg"}, {"trainee_role", "investigator"}, {"course", "MET-grundutbildning"}, {"trained_on", AddDays(today, -30)}, {"trainer", "Karin Ek, FoU Välfärd"}, {"status", "done"}});
    add("training", met, {{"trainee", "Omar Haddad"}, {"trainee_role", "therapist"}, {"course", "MET-grundutbildning"}, {"trained_on", AddDays(today, 14)}, {"trainer", "Karin Ek, FoU Välfärd"}, {"status", "planned"}});

    // Steps 8-10 are done for MET and training (11) is well under way; how far the checklist
    // has come differs by the name.
    const int lastDone = 10;
    int offset = -52;
    for (int n = 8; n <= lastDone + 1; ++n) {
        const Step* step = manual.FindStep(n);
        const bool finished = n <= lastDone;
        Must(store, SetStepDate{n, false, AddDays(today, offset), met}, who, manual);
        if (finished) Must(store, SetStepDate{n, true, AddDays(today, offset + 10), met}, who, manual);
        Must(store, SetStepStatus{n, finished ? StepStatus::Done : StepStatus::InProgress, met}, who, manual);
        size_t ticks = finished ? step->checklist.size() : step->checklist.size() / 2 + h % 2;
        for (size_t k = 0; k < ticks; ++k) Must(store, SetChecklistTick{n, step->checklist[k].id, true, met}, who, manual);
        offset += 12;
    }
    FillMeasures(store, manual, today, h, met, who);
    if (scale == "county" || scale == "national") FillCountyScale(store, manual, today, h, who);
    if (scale == "national") FillNationalScale(store, manual, today, h, met, who);
    Must(store, StartInitiative{"BI-04", "ASI-uppföljning efter sex månader", AddDays(today, -6),
                                "ASI görs vid utredning men följs aldrig upp; uppföljningen ger underlag för steg 12.",
                                "Erik Sjöberg, Anna Lindqvist"},
         who, manual);
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
    Store store = Store::Create(path, info, &catalog);
    // The demo is built in a file nobody else sees yet and renamed into place when whole, so
    // each of its few hundred actions need not wait for the disk.
    store.SetDurable(false);
    const std::string chef = "Anna Lindqvist (enhetschef)";
    const std::string team = "Implementeringsteamet";

    // The manager's steps 1-5 and the team's 6-7 are done; the first initiative has come a
    // different distance depending on the name, so several demos do not look identical.
    const int doneSteps = 7;
    int offset = -160;
    for (int n = 1; n <= doneSteps; ++n) {
        const Step* step = manual.FindStep(n);
        const bool finished = n <= doneSteps;
        const std::string who = n <= 5 ? chef : team;
        // Dates first, so setting the status does not stamp today's date on them.
        Must(store, SetStepDate{n, false, AddDays(today, offset)}, who, manual);
        if (finished) Must(store, SetStepDate{n, true, AddDays(today, offset + 21)}, who, manual);
        Must(store, SetStepStatus{n, finished ? StepStatus::Done : StepStatus::InProgress}, who, manual);
        size_t ticks = finished ? step->checklist.size() : step->checklist.size() / 2;
        for (size_t k = 0; k < ticks; ++k) Must(store, SetChecklistTick{n, step->checklist[k].id, true}, who, manual);
        offset += 16;
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
        if (d.volumeHi > 0) {
            const int need = rng.Range(d.volumeLo, d.volumeHi);
            set(InvField::Volume, std::to_string(need));
            // How many get it today follows from whether it is offered (no draw: the rest of the
            // demo stays as it was).
            const std::string offered = d.offered;
            if (offered == "ja") set(InvField::Reached, std::to_string(need * 4 / 5));
            else if (offered == "delvis") set(InvField::Reached, std::to_string(need * 2 / 5));
            else if (offered == "nej") set(InvField::Reached, "0");
        }
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
    FillTeam(store, manual, today, h, team, opt.scale);
    store.SetDurable(true);
}

}  // namespace

void CreateDemo(const std::string& path, const DemoOptions& opt, const Manual& manual, const Catalog& catalog,
                const std::vector<Instrument>& instruments) {
    if (PathExists(path)) throw std::runtime_error(path + ": det finns redan en fil med det namnet");
    // Built in a private folder and moved into place without replacing anything: a failure leaves
    // nothing, and a file that took the name meanwhile is kept.
    PrivateTempDir work(path);
    const std::string tmp = work.File("demo.stegvis");
    g_ctx = ActionContext{&manual, &catalog, &instruments};
    try {
        FillDemo(tmp, opt, manual, catalog, instruments);
    } catch (const OpenError& e) {
        throw std::runtime_error(MentionAs(e.what(), tmp, path));  // the name the user gave, not the private one
    } catch (const SqliteError& e) {
        throw std::runtime_error(path + ": kunde inte skapas: " + DescribeStorageError(e));
    }
    SyncFile(tmp);
    MoveIntoPlace(tmp, path, IfExists::Refuse);
}

}  // namespace stegvis
