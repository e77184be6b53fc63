#include "domain/Message.hpp"

namespace stegvis {

namespace {

struct Text {
    Msg id;
    const char* sv;
    const char* en;
};

// Every message core gives a person, in both languages. {0}, {1}: arguments; {list}: the words of
// the message's options.
const Text kTexts[] = {
    {Msg::FieldEmpty, "Fältet får inte vara tomt.", "This field cannot be empty."},
    {Msg::TextTooLong, "Texten är för lång (högst 20 000 tecken).", "The text is too long (at most 20,000 characters)."},
    {Msg::TextNotUtf8, "Texten innehåller ogiltiga tecken (inte UTF-8).", "The text contains invalid characters (not UTF-8)."},
    {Msg::DateFormat, "Ange datum som ÅÅÅÅ-MM-DD, t.ex. {0}.", "Enter the date as YYYY-MM-DD, e.g. {0}."},
    {Msg::DateInFuture, "Datumet {0} har inte varit ännu; ange mötets datum.",
     "{0} has not come yet; enter the date of the meeting."},
    {Msg::NotACount, "Ange ett heltal, 0 eller mer (\"{0}\" är inget antal).",
     "Enter a whole number, 0 or more (\"{0}\" is not a count)."},
    {Msg::NotANumber, "Ange ett tal, 0 eller mer (\"{0}\" är inget tal).", "Enter a number, 0 or more (\"{0}\" is not a number)."},
    {Msg::InvalidChoice, "Ogiltigt val: {0}.", "Not a valid choice: {0}."},
    {Msg::ChooseOneOf, "Välj ett av: {list}.", "Choose one of: {list}."},
    {Msg::ChooseSomeOf, "Välj ett eller flera av: {list}, åtskilda med komma eller +. \"ingen\" står ensamt.",
     "Choose one or more of: {list}, separated by a comma or +. \"nobody\" stands alone."},
    {Msg::FieldUnknown, "Okänt fält.", "Unknown field."},
    {Msg::StepMissing, "Steget finns inte.", "There is no such step."},
    {Msg::StepNotPerInitiative, "Steg 1–7 gäller hela projektet, inte ett enskilt införande.",
     "Steps 1–7 belong to the whole project, not to one initiative."},
    {Msg::InitiativeMissing, "Införandet finns inte.", "The initiative does not exist."},
    {Msg::DoneBeforeStart, "Klart-datum kan inte ligga före startdatum ({0}).",
     "The done date cannot be before the start date ({0})."},
    {Msg::StartAfterDone, "Startdatum kan inte ligga efter klart-datum ({0}).",
     "The start date cannot be after the done date ({0})."},
    {Msg::ChecklistItemMissing, "Punkten '{0}' finns inte i stegets checklista.", "Item '{0}' is not on the step's checklist."},
    {Msg::DecisionDateFormat, "Ange beslutsdatum som ÅÅÅÅ-MM-DD.", "Enter the decision date as YYYY-MM-DD."},
    {Msg::RecNotInCatalog, "Rekommendationen {0} finns inte i katalogen.", "Recommendation {0} is not in the catalogue."},
    {Msg::CatalogToEmpty, "Katalogen att flytta till saknar rekommendationer eller utgåva.",
     "The catalogue to move to has no recommendations or no edition."},
    {Msg::BaselineNameTaken, "Det finns redan en baslinje som heter \"{0}\".", "There is already a baseline called \"{0}\"."},
    {Msg::FeasibilityRange, "Genomförbarhet är 1 (låg) till 3 (hög).", "Feasibility is 1 (low) to 3 (high)."},
    {Msg::NotInList, "Rekommendationen finns inte i listan.", "The recommendation is not in the list."},
    {Msg::CannotMoveFurther, "Kan inte flyttas längre.", "It cannot move any further."},
    {Msg::HexagonFactorUnknown, "Okänd faktor i Hexagon-verktyget.", "Unknown factor in the Hexagon tool."},
    {Msg::RatingRange, "Betyget är 1 till 5.", "The rating is 1 to 5."},
    {Msg::InstrumentMissing, "Instrumentet \"{0}\" finns inte.", "The instrument \"{0}\" does not exist."},
    {Msg::RoundNameTaken, "Det finns redan en omgång som heter \"{0}\".", "There is already a round called \"{0}\"."},
    {Msg::RespondentsRange, "Antalet svarande är 0 till 10 000.", "The number of respondents is 0 to 10,000."},
    {Msg::RoundMissing, "Omgången finns inte.", "The round does not exist."},
    {Msg::RespondentMissing, "Svarande nr {0} finns inte i omgången.", "Respondent {0} is not in the round."},
    {Msg::QuestionMissing, "Frågan {0} finns inte i instrumentet.", "Question {0} is not in the instrument."},
    {Msg::AnswerRange, "Svaret ska vara {0}–{1}.", "The answer must be {0}–{1}."},
    {Msg::ChooseMember, "Välj en person i teamet.", "Choose a person in the team."},
    {Msg::MemberMissing, "Personen finns inte i teamet (borttagen?). Välj någon i teamet.",
     "That person is not in the team (removed?). Choose someone in the team."},
    {Msg::ChooseRecommendation, "Välj en rekommendation.", "Choose a recommendation."},
    {Msg::EndBeforeStart, "Slutdatum ({0}) ligger före startdatum ({1}).", "The end date ({0}) is before the start date ({1})."},
    {Msg::MemberOrTrainee, "Välj en person i teamet eller skriv namnet på den som utbildas.",
     "Choose a person in the team or write the name of the person being trained."},
    {Msg::TeamHasLeader, "Teamet har redan en ledare ({0}). Ett team har en ledare.",
     "The team already has a leader ({0}). A team has one leader."},
    {Msg::RecordKindUnknown, "Okänd posttyp.", "Unknown kind of record."},
    {Msg::InitiativeFirst, "Välj ett införande först (steg 7).", "Choose an initiative first (step 7)."},
    {Msg::RecordGone, "Posten finns inte längre.", "The record no longer exists."},
    {Msg::RecordAlreadyRemoved, "Posten är redan borttagen.", "The record has already been removed."},
    {Msg::MemberResponsibleOne, "Personen ansvarar för 1 aktivitet eller resurs. Ge den en annan ansvarig först.",
     "This person is responsible for 1 activity or resource. Give it to someone else first."},
    {Msg::MemberResponsibleMany, "Personen ansvarar för {0} aktiviteter eller resurser. Ge dem en annan ansvarig först.",
     "This person is responsible for {0} activities or resources. Give them to someone else first."},
    {Msg::MeasureMissing, "Måttet finns inte.", "The measure does not exist."},
    {Msg::PeriodNotWeekStart, "Perioden {0} är inte början på en vecka (måndag).", "{0} is not the start of a week (a Monday)."},
    {Msg::PeriodNotMonthStart, "Perioden {0} är inte början på en månad.", "{0} is not the start of a month."},
    {Msg::PeriodNotBegun, "Perioden {0} har inte börjat ännu; mätvärden kan bara anges för perioder som har börjat.",
     "The period {0} has not begun yet; values can only be entered for periods that have begun."},
    {Msg::ValueNegative, "Värdet måste vara 0 eller mer.", "The value must be 0 or more."},
    {Msg::DenominatorPositive, "Nämnaren måste vara större än 0.", "The denominator must be greater than 0."},
    {Msg::NumeratorAboveDenominator, "Täljaren kan inte vara större än nämnaren.",
     "The numerator cannot be greater than the denominator."},
    {Msg::NoRows, "Inga rader att spara.", "No lines to save."},
    {Msg::ChoosePdsaAct, "Välj {list}.", "Choose {list}."},
    {Msg::PasteNotDate, "\"{0}\" är inget datum (ÅÅÅÅ-MM-DD)", "\"{0}\" is not a date (YYYY-MM-DD)"},
    {Msg::PasteFuture, "\"{0}\" ligger i framtiden; bara perioder som har börjat kan ha mätvärden",
     "\"{0}\" is in the future; only periods that have begun can have values"},
    {Msg::PasteFieldsRatio, "väntade datum;täljare;nämnare (3 fält), fick {0}",
     "expected date;numerator;denominator (3 fields), got {0}"},
    {Msg::PasteFieldsCount, "väntade datum;värde (2 fält), fick {0}", "expected date;value (2 fields), got {0}"},
    {Msg::PasteNotNumber, "\"{0}\" är inget tal (0 eller mer)", "\"{0}\" is not a number (0 or more)"},
    {Msg::PasteDenominator, "nämnaren \"{0}\" måste vara ett tal större än 0",
     "the denominator \"{0}\" must be a number greater than 0"},
    {Msg::PasteNumeratorAbove, "täljaren ({0}) är större än nämnaren ({1})",
     "the numerator ({0}) is greater than the denominator ({1})"},
    {Msg::PasteReplaced, "ersatt av rad {0} (samma period {1})", "replaced by line {0} (same period {1})"},
    {Msg::SuggestRunFewPoints, "Körschema föreslås: {0} punkter, ett styrdiagram behöver minst 20.",
     "Run chart suggested: {0} points, a control chart needs at least 20."},
    {Msg::SuggestPPrimeLarge, "P′-diagram föreslås: nämnarna är stora (i snitt {0}).",
     "P′ chart suggested: the denominators are large (mean {0})."},
    {Msg::SuggestPProportion, "P-diagram föreslås: värdena är andelar.", "P chart suggested: the values are proportions."},
    {Msg::SuggestUPrimeLarge, "U′-diagram föreslås: kvoter med stora nämnare (i snitt {0}).",
     "U′ chart suggested: rates with large denominators (mean {0})."},
    {Msg::SuggestURate, "U-diagram föreslås: täljaren kan vara större än nämnaren.",
     "U chart suggested: the numerator can exceed the denominator."},
    {Msg::SuggestCCounts, "C-diagram föreslås: värdena är antal.", "C chart suggested: the values are counts."},
    {Msg::SuggestIMeasurements, "I-diagram föreslås: värdena är mätvärden, inte antal.",
     "I chart suggested: the values are measurements, not counts."},
    {Msg::Plain, "{0}", "{0}"},
};
static_assert(sizeof(kTexts) / sizeof(kTexts[0]) == static_cast<size_t>(Msg::Count_),
              "every message id has its texts");

}  // namespace

const char* MessageText(Msg id, bool english) {
    const auto i = static_cast<size_t>(id);
    if (i >= sizeof(kTexts) / sizeof(kTexts[0]) || kTexts[i].id != id) return "";  // table out of order
    return english ? kTexts[i].en : kTexts[i].sv;
}

std::string Render(const Message& m, bool english) {
    const std::string text = MessageText(m.id, english);
    std::string out;
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '{') {
            const size_t close = text.find('}', i);
            if (close != std::string::npos) {
                const std::string name = text.substr(i + 1, close - i - 1);
                if (name == "list") {
                    if (m.options) {
                        // "a, b eller c" / "a, b or c"
                        const auto& o = *m.options;
                        for (size_t k = 0; k < o.size(); ++k) {
                            if (k > 0) out += k + 1 == o.size() ? (english ? " or " : " eller ") : ", ";
                            out += english ? o[k].en : o[k].sv;
                        }
                    }
                    i = close;
                    continue;
                }
                if (name.size() == 1 && name[0] >= '0' && name[0] <= '9') {
                    const size_t n = static_cast<size_t>(name[0] - '0');
                    if (n < m.args.size()) out += m.args[n];
                    i = close;
                    continue;
                }
            }
        }
        out += text[i];
    }
    return out;
}

}  // namespace stegvis
