#include "domain/Fields.hpp"

namespace stegvis {

const std::vector<RecordKind>& Entities() {
    using F = FieldType;
    using S = Storage;
    static const std::vector<RecordKind> k = {
        {"member", "team_member", "id", S::Records, false,
         {{"name", F::RequiredText, nullptr, "Namn", "Name"},
          {"role", F::Enum, &MemberRoles(), "Roll", "Role"},
          {"organisation", F::Text, nullptr, "Organisation", "Organisation"},
          {"contact", F::Text, nullptr, "Kontakt", "Contact"}}},
        {"initiative", "initiative", "id", S::Records, false,
         {{"rec_id", F::Recommendation, nullptr, "Rekommendation", "Recommendation"},
          {"name", F::RequiredText, nullptr, "Namn på införandet", "Name of the initiative"},
          {"decided_on", F::Date, nullptr, "Beslutsdatum", "Date of decision"},
          {"expected_effect", F::Text, nullptr, "Förväntad effekt på behovet", "Expected effect on the need"},
          {"evidence", F::Text, nullptr, "Evidens och erfarenheter", "Evidence and experience"},
          {"study_summary", F::Text, nullptr, "Sammanfattning av piloten", "Summary of the pilot"},
          {"pilot_decision", F::Enum, &PdsaActs(), "Beslut efter piloten", "Decision after the pilot"},
          {"full_scale_from", F::Date, nullptr, "Full skala från", "Full scale from"},
          {"sustain_plan", F::Text, nullptr, "Plan för att hålla i förändringen", "Plan for sustaining the change"}}},
        {"resource", "resource", "id", S::Records, true,
         {{"kind", F::Enum, &ResourceKinds(), "Slag", "Kind"},
          {"description", F::Text, nullptr, "Beskrivning", "Description"},
          {"amount_sek", F::Number, nullptr, "Belopp (kr)", "Amount (SEK)"},
          {"status", F::Enum, &ResourceStatuses(), "Status", "Status"},
          {"responsible", F::Member, nullptr, "Ansvarig", "Responsible"},
          {"due_on", F::Date, nullptr, "Klart senast", "Due"},
          {"note", F::Text, nullptr, "Kommentar", "Comment"}}},
        {"goal", "goal", "id", S::Records, true,
         {{"indicator", F::RequiredText, nullptr, "Indikator", "Indicator"},
          {"baseline", F::Number, nullptr, "Utgångsläge", "Baseline"},
          {"target", F::Number, nullptr, "Målvärde", "Target"},
          {"target_date", F::Date, nullptr, "Datum", "Date"}}},
        {"activity", "activity", "id", S::Records, true,
         {{"kind", F::Enum, &ActivityKinds(), "Slag", "Kind"},
          {"what", F::RequiredText, nullptr, "Vad", "What"},
          {"responsible", F::Member, nullptr, "Ansvarig", "Responsible"},
          {"start_on", F::Date, nullptr, "Startdatum", "Start date"},
          {"due_on", F::Date, nullptr, "Klart senast", "Due"},
          {"status", F::Enum, &ActivityStatuses(), "Status", "Status"}}},
        {"training", "training", "id", S::Records, true,
         {{"member", F::Member, nullptr, "Person", "Person"},
          {"trainee", F::Text, nullptr, "Deltagare", "Trainee"},
          {"trainee_role", F::Enum, &TraineeRoles(), "Deltagarens roll", "Trainee's role"},
          {"course", F::RequiredText, nullptr, "Utbildning", "Course"},
          {"trained_on", F::Date, nullptr, "Datum", "Date"},
          {"trainer", F::Text, nullptr, "Utbildare", "Trainer"},
          {"status", F::Enum, &TrainingStatuses(), "Status", "Status"}}},
        {"measure", "measure", "id", S::Records, true,
         {{"name", F::RequiredText, nullptr, "Namn", "Name"},
          {"definition", F::Enum, &MeasureDefinitions(), "Definition", "Definition"},
          {"unit", F::Text, nullptr, "Enhet", "Unit"},
          {"direction", F::Enum, &Directions(), "Riktning", "Direction"},
          {"source", F::Text, nullptr, "Källa", "Source"},
          {"period", F::Enum, &Periods(), "Period", "Period"},
          {"target", F::Number, nullptr, "Mål", "Target"},
          {"baseline_from", F::Date, nullptr, "Baslinje från", "Baseline from"},
          {"baseline_to", F::Date, nullptr, "Baslinje till", "Baseline to"},
          {"chart", F::Enum, &ChartKinds(), "Diagram", "Chart"}}},
        {"pdsa", "pdsa_cycle", "id", S::Records, true,
         {{"change", F::RequiredText, nullptr, "Förändring (plan)", "Change (plan)"},
          {"prediction", F::Text, nullptr, "Förutsägelse", "Prediction"},
          {"who_what_when", F::Text, nullptr, "Vem/vad/när", "Who/what/when"},
          {"started_on", F::Date, nullptr, "Startdatum", "Start date"},
          {"ended_on", F::Date, nullptr, "Slut", "End"},
          {"did", F::Text, nullptr, "Gjort (do)", "Done (do)"},
          {"studied", F::Text, nullptr, "Studerat (study)", "Studied (study)"},
          {"act", F::Enum, &PdsaActs(), "Beslut (act)", "Act"}}},
        {"rollout", "rollout", "id", S::Records, true,
         {{"unit", F::RequiredText, nullptr, "Team/enhet", "Team/unit"},
          {"status", F::Enum, &RolloutStatuses(), "Status", "Status"},
          {"started_on", F::Date, nullptr, "Startdatum", "Start date"},
          {"done_on", F::Date, nullptr, "Klart-datum", "Done date"},
          {"note", F::Text, nullptr, "Anteckning", "Note"}}},
        {"project", "project", "id", S::One, false,
         {{"name", F::RequiredText, nullptr, "Projektets namn", "Project name"},
          {"organisation", F::RequiredText, nullptr, "Organisation", "Organisation"},
          {"org_kind", F::Enum, &OrgKindOptions(), "Typ av organisation", "Kind of organisation"},
          {"catalog_edition", F::Text, nullptr, "Katalogens utgåva", "Catalog edition"}}},
        // A row of the project's own catalog (moved to a newer catalog as one action).
        {"catalog", nullptr, nullptr, S::Composed, false,
         {{"row", F::Text, nullptr, "Rekommendation i katalogen", "Recommendation in the catalog"},
          {"order", F::Text, nullptr, "Katalogens ordning", "Order of the catalog"}}},
        {"step", "step_progress", "step", S::One, false,
         {{"status", F::Enum, &StepStatusOptions(), "Status", "Status"},
          {"started_on", F::Date, nullptr, "Startdatum", "Start date"},
          {"done_on", F::Date, nullptr, "Klart-datum", "Done date"},
          {"notes", F::Text, nullptr, "Anteckningar", "Notes"}}},
        {"tick", nullptr, nullptr, S::Composed, false,
         {{"ticked", F::Flag, nullptr, "Bock", "Tick"}}},
        {"decision", nullptr, nullptr, S::Composed, false,
         {{"withdrawn", F::Flag, nullptr, "Återkallat", "Withdrawn"}}},
        {"discussion", "rec_discussion", "rec_id", S::PerKey, false,
         {{"discussed_on", F::Date, nullptr, "Diskuterad i gruppen", "Discussed in the group"},
          {"note", F::Text, nullptr, "Anteckning om diskussionen", "Note on the discussion"}}},
        {"inventory", "inventory", "rec_id", S::PerKey, false,
         {{"offered", F::Enum, &OfferedOptions(), "Erbjuds idag", "Offered today"},
          {"provider", F::Choices, &ProviderOptions(), "Utförare", "Provider"},
          {"volume", F::Count, nullptr, "Antal/år", "People/year"},
          {"staff_trained", F::Count, nullptr, "Utbildade", "Trained"},
          {"gap", F::Enum, &GapOptions(), "Glapp", "Gap"},
          {"comment", F::Text, nullptr, "Kommentar / skäl", "Comment / reason"},
          {"reached", F::Count, nullptr, "Får insatsen idag", "Receive it today"}}},
        {"baseline", nullptr, nullptr, S::Composed, false,
         {{"hidden", F::Flag, nullptr, "Dold", "Hidden"}}},
        {"priority", "priority", "rec_id", S::PerKey, false,
         {{"feasibility", F::Rating, nullptr, "Genomförbarhet", "Feasibility"},
          {"position", F::Count, nullptr, "Ordning", "Order"},
          {"selected", F::Flag, nullptr, "Vald", "Chosen"}}},
        {"hexagon", nullptr, nullptr, S::Composed, false,
         {{"rating", F::Rating, nullptr, "Hexagon-betyg", "Hexagon rating"}}},
        {"round", "readiness_round", "id", S::One, false,
         {{"name", F::RequiredText, nullptr, "Namn", "Name"},
          {"held_on", F::Date, nullptr, "Datum", "Date"},
          {"instrument", F::Text, nullptr, "Formulär", "Questionnaire"},
          {"respondents", F::Count, nullptr, "Antal svarande", "Respondents"},
          {"hidden", F::Flag, nullptr, "Dold", "Hidden"}}},
        {"answer", nullptr, nullptr, S::Composed, false,
         {{"value", F::Rating, nullptr, "Svar", "Answer"}}},
        {"point", nullptr, nullptr, S::Composed, false,
         {{"numerator", F::Number, nullptr, "Mätvärde", "Value"},
          {"denominator", F::Number, nullptr, "Nämnare", "Denominator"},
          {"note", F::Text, nullptr, "Anteckning", "Note"}}},
    };
    return k;
}

const std::vector<RecordKind>& RecordKinds() {
    static const std::vector<RecordKind> k = [] {
        std::vector<RecordKind> out;
        for (const auto& e : Entities())
            if (e.storage == Storage::Records) out.push_back(e);
        return out;
    }();
    return k;
}

const RecordKind* FindRecordKind(const std::string& kind) {
    for (const auto& k : RecordKinds())
        if (kind == k.kind) return &k;
    return nullptr;
}

const RecordKind* FindEntity(const std::string& entity) {
    const std::string e = entity == "istep" ? "step" : entity == "itick" ? "tick" : entity;
    for (const auto& k : Entities())
        if (e == k.kind) return &k;
    return nullptr;
}

const FieldSpec* RecordKind::Field(const std::string& name) const {
    for (const auto& f : fields)
        if (name == f.name) return &f;
    return nullptr;
}

const FieldSpec* FindField(const std::string& entity, const std::string& field) {
    const RecordKind* e = FindEntity(entity);
    return e ? e->Field(field) : nullptr;
}

const char* FieldLabel(const FieldSpec& f, bool english) { return english ? f.en : f.sv; }

}  // namespace stegvis
