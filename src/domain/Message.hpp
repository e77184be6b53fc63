// What core says to a person, as a value: a message id and its arguments. The words live in one
// table in Message.cpp, Swedish and English side by side; whoever shows the message (the
// window in its language, the command line) renders it with Render(). Core never picks the
// language.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "domain/Vocabulary.hpp"

namespace stegvis {

enum class Msg {
    // any field
    FieldEmpty, TextTooLong, TextNotUtf8, DateFormat, DateInFuture, NotACount, NotANumber, InvalidChoice,
    ChooseOneOf, ChooseSomeOf, FieldUnknown,
    // steps and decisions
    StepMissing, StepNotPerInitiative, InitiativeMissing, DoneBeforeStart, StartAfterDone, ChecklistItemMissing,
    DecisionDateFormat, RecNotInCatalog, CatalogToEmpty,
    // phase 1
    BaselineNameTaken, FeasibilityRange, NotInList, CannotMoveFurther, HexagonFactorUnknown, RatingRange,
    InstrumentMissing, RoundNameTaken, RespondentsRange, RoundMissing, RespondentMissing, QuestionMissing,
    AnswerRange,
    // records (steps 6-11)
    ChooseMember, MemberMissing, ChooseRecommendation, EndBeforeStart, MemberOrTrainee, TeamHasLeader,
    RecordKindUnknown, InitiativeFirst, RecordGone, RecordAlreadyRemoved, MemberResponsibleOne,
    MemberResponsibleMany,
    // measures (steps 12-15)
    MeasureMissing, PeriodNotWeekStart, PeriodNotMonthStart, PeriodNotBegun, ValueNegative,
    DenominatorPositive, NumeratorAboveDenominator, NoRows, ChoosePdsaAct,
    // a pasted line
    PasteNotDate, PasteFuture, PasteFieldsRatio, PasteFieldsCount, PasteNotNumber, PasteDenominator,
    PasteNumeratorAbove, PasteReplaced,
    // the chart a measure's data suggests
    SuggestRunFewPoints, SuggestPPrimeLarge, SuggestPProportion, SuggestUPrimeLarge, SuggestURate, SuggestCCounts,
    SuggestIMeasurements,
    // text already in the reader's language (e.g. a storage failure the interface worded)
    Plain,
    Count_
};

struct Message {
    Message() = default;
    Message(Msg id_, std::vector<std::string> args_ = {}, const std::vector<Option>* options_ = nullptr)
        : id(id_), args(std::move(args_)), options(options_) {}
    Msg id = Msg::FieldEmpty;
    std::vector<std::string> args;              // {0}, {1}, ... in the text
    const std::vector<Option>* options = nullptr;  // {list}: these options' words, in the language
};

// The message in Swedish (english = false) or English, arguments filled in.
std::string Render(const Message& m, bool english = false);
// The raw texts of a message id (for the check that both languages take the same arguments).
const char* MessageText(Msg id, bool english);

}  // namespace stegvis
