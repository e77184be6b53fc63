// Small drawing helpers shared by the screens.
#pragma once
#include <imgui.h>

#include <cfloat>

#include <initializer_list>
#include <utility>
#include <string>

#include "domain/Inventory.hpp"
#include "domain/Model.hpp"
#include "ui/App.hpp"

namespace stegvis::ui {

inline const ImVec4 kErrorColor{0.85f, 0.22f, 0.18f, 1.0f};
inline const ImVec4 kOkColor{0.20f, 0.55f, 0.25f, 1.0f};
inline const ImVec4 kDimColor{0.45f, 0.45f, 0.50f, 1.0f};
inline const ImVec4 kProgressColor{0.85f, 0.55f, 0.10f, 1.0f};
inline const ImVec4 kAlarmBg{1.0f, 0.78f, 0.75f, 1.0f};  // a cell that needs attention (overdue, missing)

void Heading(const char* text);
void SubHeading(const char* text);
void Paragraph(const std::string& text);  // wrapped
void DimText(const char* text);
// An intervention with its condition dimmed after it ("Bensodiazepiner — Alkoholabstinens …"):
// LB-01 and LB-04 share the name. In a narrow cell the condition is clipped and the tooltip
// gives the whole recommendation.
void InterventionText(const Recommendation& r);
// The whole recommendation (ID, intervention, condition, area, level with priority, and why the
// level differs from the number where it does) as a tooltip. Call when the item is hovered.
void RecommendationTooltip(const Recommendation& r);
// The level and priority of a row; where the seed's words give another level than the number,
// with the reason.
std::string LevelStatedText(const Recommendation& r);
// Shows the field's error message (if the last action on it was rejected), in red.
void FieldError(const App& app, const char* field);
// One line that is always there, showing the first error of `fields` (or nothing): in a form, so
// the buttons under it do not move when an error comes or goes.
void ErrorLine(const App& app, std::initializer_list<const char*> fields);
const char* StatusGlyph(StepStatus s);  // ○ ◐ ●
ImVec4 StatusColor(StepStatus s);
const char* StatusLabel(StepStatus s);
std::string Format(S key, ...);  // printf with a translated format string (plural forms)
// A string's "{singular|plural}" choices made for the count n.
std::string ChooseForms(const char* text, int n);
// printf with the forms chosen for the count `n` (pass n again among the arguments).
std::string FormatN(S key, int n, ...);
// A number with a decimal comma in the Swedish interface, a point in the English one.
std::string Num(double v, int decimals);
// The header row of the current table, each header showing its whole name on hover when the
// column is too narrow for it, or the explanation given for its column index.
void HeadersRow(std::initializer_list<std::pair<int, const char*>> tips = {});
// A value chosen from a cell's list: the cell, if it was being typed in, lets go of its stale
// text (which would otherwise be written back when it is left) and takes the focus again.
void RefocusAfterChoice(App& app, const std::string& key);
// The cell `key` stops being edited (its text is the model's again); focus stays where it is.
void LetGoOfCell(App& app, const std::string& key);
// A dialog of a fixed width (in font sizes, at most the window's) whose height grows with its
// content up to the window's: call before BeginPopupModal and pass the flags returned.
ImGuiWindowFlags DialogWidth(float fonts);
// A field's label on its own line above the field, so no label is cut at the edge of a dialog
// whatever its length in the language shown (a long one wraps); the next item gets `width`, by
// default the whole line. For dialogs given DialogWidth: the label wraps at the dialog's edge.
void LabelAbove(const char* label, float width = -FLT_MIN);
// A list or menu is open: hints stay away so they never cover its entries.
inline bool AnyPopupOpen() { return ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId); }
// A stored number ("3.5") as the interface writes it ("3,5" in Swedish).
std::string NumberText(const std::string& stored);

// A table cell edited like a spreadsheet: shows `display`; Tab or a click elsewhere commits
// and moves on, Enter commits and moves focus to `nextKey` (the same column one row down).
// Returns true with the typed text in *typed when the user has finished an edit.
bool EditCell(App& app, const std::string& key, const std::string& display, const std::string& nextKey,
              std::string* typed, const char* hint = "");
// The cell `key` (drawn by EditCell in the current ID scope) selects its text, so the next key
// replaces it.
void SelectCellText(App& app, const std::string& key);
// The error shown for a cell, with a line break after it, or "" (to put above a cell's own tooltip).
std::string CellError(const App& app, const std::string& key);
// For a multi-line field: true when its edit is finished (left, or the window is closing).
bool EditFinished(const App& app);
// For an action sent from inside popup `name`: closes it once the action went through (edits
// are applied when the frame ends, so the popup learns the outcome a frame later), and runs
// `more` on success.
App::Then CloseOnSuccess(std::string name, std::function<void(App&, const ApplyResult&)> more = {});
// Called right after the popup `name` began: closes it when CloseOnSuccess asked for that.
void CloseIfDone(App& app, const char* name);
// The last EditCell is showing an error for `field` of this row: outline it in red.
void MarkCellError();
// The question "replace the existing file?" of an export waiting in ui.replace*, on one line, and
// Ersätt and Avbryt on the next, where the export was asked for (ui.replaceWhere); returns false (drawing nothing) when
// no export waits there.
bool DrawReplaceQuestion(App& app, const char* where);
// The text with the home folder written as "~" in every path in it.
std::string ShortPath(const std::string& text);
// `text` as it fits in `width` pixels of the current font: whole, or cut at a character and
// ended with "…" so it is plain that there is more.
std::string FitWidth(const std::string& text, float width);
// "eg = egen enhet   an = annan del …": each option with the shortest start MatchOption takes.
std::string OptionHint(const std::vector<Option>& opts, bool en);
// The shortest start of option `o`'s label that MatchOption takes for it ("eg" for "egen enhet").
std::string OptionPrefix(const std::vector<Option>& opts, const Option& o, bool en);
// The folder and file-name fields of a save dialog (labels on the left); true when either was
// edited. The name field is probed as `nameProbe`.
// Text in a colour, wrapped at the window's edge (a message or question that must be read whole).
void ColoredParagraph(const ImVec4& colour, const std::string& text);
bool FolderAndNameFields(const char* id, std::string* folder, std::string* name, const char* nameProbe);
// A context menu (right click) on the last item listing options; returns the chosen key.
bool OptionMenu(const char* id, const std::vector<Option>& opts, bool english, std::string* chosen);
// The same for a field of several values (Vocabulary.hpp: choices): a box to tick per option;
// the menu stays open while boxes are ticked. Returns true with the new stored value in *chosen.
bool ChoicesMenu(const char* id, const std::vector<Option>& opts, bool english, const std::string& value,
                 std::string* chosen);

}  // namespace stegvis::ui
