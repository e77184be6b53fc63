#include "ui/Widgets.hpp"

#include <imgui_internal.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cstdarg>
#include <cstring>
#include <cfloat>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "base/Platform.hpp"
#include "ui/Fonts.hpp"
#include "ui/Probe.hpp"

namespace stegvis::ui {

void Heading(const char* text) {
    ImGui::PushFont(HeadingFont());
    ImGui::TextWrapped("%s", text);
    ImGui::PopFont();
}

void SubHeading(const char* text) {
    ImGui::Spacing();
    ImGui::PushFont(BoldFont());
    ImGui::TextUnformatted(text);
    ImGui::PopFont();
}

void Paragraph(const std::string& text) { ImGui::TextWrapped("%s", text.c_str()); }

void ColoredParagraph(const ImVec4& colour, const std::string& text) {
    ImGui::PushStyleColor(ImGuiCol_Text, colour);
    ImGui::TextWrapped("%s", text.c_str());
    ImGui::PopStyleColor();
}

void DimText(const char* text) {
    ImGui::PushStyleColor(ImGuiCol_Text, kDimColor);
    ImGui::TextWrapped("%s", text);
    ImGui::PopStyleColor();
}

void InterventionText(const Recommendation& r) {
    ImGui::TextUnformatted(r.intervention.c_str());
    bool hovered = ImGui::IsItemHovered();
    ImGui::SameLine(0, 0);
    ImGui::PushStyleColor(ImGuiCol_Text, kDimColor);
    const std::string rest = " — " + r.condition;
    ImGui::TextUnformatted(rest.c_str());
    ImGui::PopStyleColor();
    hovered = hovered || ImGui::IsItemHovered();
    if (hovered) RecommendationTooltip(r);
}

std::string LevelStatedText(const Recommendation& r) {
    if (!LevelDiffersFromPriority(r)) return LevelWithPriority(r);
    const std::string prio = r.priority.ToString();
    return Format(S::LevelStatedTip, LevelText(r.level), prio.c_str(), LevelText(LevelForPriority(r.priority)),
                  r.levelNote.c_str());
}

void RecommendationTooltip(const Recommendation& r) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 32);
    ImGui::TextWrapped("%s  %s", r.id.c_str(), r.intervention.c_str());
    ImGui::TextWrapped("%s: %s", T(S::ColCondition), r.condition.c_str());
    ImGui::TextWrapped("%s: %s", T(S::Area), r.area.c_str());
    ImGui::TextWrapped("%s: %s", T(S::Level), LevelStatedText(r).c_str());
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
}

void FieldError(const App& app, const char* field) {
    auto it = app.ui.fieldErrors.find(field);
    if (it == app.ui.fieldErrors.end()) return;
    ImGui::PushStyleColor(ImGuiCol_Text, kErrorColor);
    ImGui::TextWrapped("%s", it->second.c_str());
    ImGui::PopStyleColor();
}

App::Then CloseOnSuccess(std::string name, std::function<void(App&, const ApplyResult&)> more) {
    return [name = std::move(name), more = std::move(more)](App& app, const ApplyResult& r) {
        if (!r.ok) return;
        app.ui.closePopup = name;
        if (more) more(app, r);
    };
}

void CloseIfDone(App& app, const char* name) {
    if (app.ui.closePopup != name) return;
    app.ui.closePopup.clear();
    ImGui::CloseCurrentPopup();
}

void ErrorLine(const App& app, std::initializer_list<const char*> fields) {
    for (const char* f : fields)
        if (auto it = app.ui.fieldErrors.find(f); it != app.ui.fieldErrors.end()) {
            ImGui::TextColored(kErrorColor, "%s", it->second.c_str());
            return;
        }
    ImGui::TextUnformatted("");  // the same height, empty
}

const char* StatusGlyph(StepStatus s) {
    switch (s) {
        case StepStatus::NotStarted: return "\xE2\x97\x8B";   // ○
        case StepStatus::InProgress: return "\xE2\x97\x90";   // ◐
        case StepStatus::Done: return "\xE2\x97\x8F";         // ●
    }
    return "";
}

ImVec4 StatusColor(StepStatus s) {
    switch (s) {
        case StepStatus::NotStarted: return kDimColor;
        case StepStatus::InProgress: return kProgressColor;
        case StepStatus::Done: return kOkColor;
    }
    return kDimColor;
}

const char* StatusLabel(StepStatus s) {
    switch (s) {
        case StepStatus::NotStarted: return T(S::StatusNotStarted);
        case StepStatus::InProgress: return T(S::StatusInProgress);
        case StepStatus::Done: return T(S::StatusDone);
    }
    return "";
}

std::string ChooseForms(const char* text, int n) {
    std::string out;
    for (const char* p = text; *p; ++p) {
        if (*p != '{') {
            out += *p;
            continue;
        }
        const char* bar = std::strchr(p, '|');
        const char* end = bar ? std::strchr(bar, '}') : nullptr;
        if (!end) {  // not a choice: kept as written
            out += *p;
            continue;
        }
        out.append(n == 1 ? p + 1 : bar + 1, n == 1 ? bar : end);
        p = end;
    }
    return out;
}

std::string Format(S key, ...) {
    char buf[1024];
    va_list ap;
    va_start(ap, key);
    std::vsnprintf(buf, sizeof buf, ChooseForms(T(key), 2).c_str(), ap);
    va_end(ap);
    return buf;
}

std::string FormatN(S key, int n, ...) {
    char buf[1024];
    va_list ap;
    va_start(ap, n);
    std::vsnprintf(buf, sizeof buf, ChooseForms(T(key), n).c_str(), ap);
    va_end(ap);
    return buf;
}

void HeadersRow(std::initializer_list<std::pair<int, const char*>> tips) {
    ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
    const int columns = ImGui::TableGetColumnCount();
    for (int c = 0; c < columns; ++c) {
        if (!ImGui::TableSetColumnIndex(c)) continue;
        const char* name = ImGui::TableGetColumnName(c);
        ImGui::PushID(c);
        ImGui::TableHeader(name);
        ImGui::PopID();
        if (!ImGui::IsItemHovered()) continue;
        const char* tip = nullptr;
        for (const auto& [col, text] : tips)
            if (col == c) tip = text;
        const bool cut = ImGui::CalcTextSize(name, nullptr, true).x > ImGui::GetItemRectSize().x;
        if (tip) ImGui::SetTooltip("%s\n%s", name, tip);
        else if (cut) ImGui::SetTooltip("%s", name);
    }
}

std::string NumberText(const std::string& stored) {
    std::string s = stored;
    if (CurrentLanguage() == Lang::Sv) std::replace(s.begin(), s.end(), '.', ',');
    return s;
}

std::string Num(double v, int decimals) {
    char b[64];
    std::snprintf(b, sizeof b, "%.*f", decimals, v);
    std::string s = b;
    if (CurrentLanguage() == Lang::Sv) std::replace(s.begin(), s.end(), '.', ',');
    return s;
}

}  // namespace stegvis::ui

namespace stegvis::ui {

namespace {
// Selects the whole text of the cell when asked (after a refused value, so the next key
// replaces it instead of being added to it).
struct CellContext {
    UiState* ui;
    ImGuiID id;
};
int SelectAllWhenAsked(ImGuiInputTextCallbackData* data) {
    auto* c = static_cast<CellContext*>(data->UserData);
    if (c->ui->selectAllCell && c->ui->selectAllCell == c->id) {
        data->SelectAll();
        c->ui->selectAllCell = 0;
    }
    return 0;
}
}  // namespace

bool EditCell(App& app, const std::string& key, const std::string& display, const std::string& nextKey,
              std::string* typed, const char* hint) {
    UiState& ui = app.ui;
    ImGui::PushID(key.c_str());
    if (ui.focusCell == key) {
        ImGui::SetKeyboardFocusHere();
        ui.focusCell.clear();
    }
    // Only the cell being edited owns a persistent buffer; the others show the model's value, or
    // the refused text of their last commit while that refusal stands.
    const bool mine = ui.activeCell == key;
    const auto committed = ui.committedText.find(key);
    std::string shown = committed != ui.committedText.end() && ui.fieldErrors.count(key) ? committed->second : display;
    std::string* buf = mine ? &ui.cellBuf : &shown;
    const bool charsWaiting = ImGui::GetIO().InputQueueCharacters.Size > 0;
    CellContext context{&ui, ImGui::GetID("##cell")};
    const bool wasActive = mine && ImGui::GetActiveID() == context.id;
    ImGui::SetNextItemWidth(-FLT_MIN);
    const bool enter = ImGui::InputTextWithHint(
        "##cell", hint, buf,
        ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_AutoSelectAll | ImGuiInputTextFlags_CallbackAlways,
        SelectAllWhenAsked, &context);
    ProbeItem(key);
    if (ImGui::IsItemActivated()) {
        ui.activeCell = key;
        ui.cellBuf = shown;
    }
    // The characters of this frame went into this cell (the window feeds one key per frame).
    ui.cellTyped = wasActive && charsWaiting && ImGui::IsItemActive();
    bool done = false;
    if (ui.closing && mine && ImGui::IsItemActive()) {
        done = *buf != display;
    } else if (enter) {
        done = true;
        ui.focusCell = nextKey;
    } else if (ImGui::IsItemDeactivatedAfterEdit()) {
        done = true;
    }
    if ((enter || ImGui::IsItemDeactivated()) && ui.activeCell == key) ui.activeCell.clear();
    // A refusal belongs to the text that was refused: once the cell is left, both go.
    if (ImGui::IsItemDeactivated() && !done) {
        ui.fieldErrors.erase(key);
        ui.committedText.erase(key);
    }
    // Errors are shown on the cell (red outline, this tooltip) and in the status bar, never as
    // lines that push the table down.
    if (auto it = ui.fieldErrors.find(key); it != ui.fieldErrors.end() && (ImGui::IsItemHovered() || ImGui::IsItemActive())) {
        ImGui::PushStyleColor(ImGuiCol_Text, kErrorColor);
        ImGui::SetTooltip("%s", it->second.c_str());
        ImGui::PopStyleColor();
    } else if (!ImGui::IsItemActive() && ImGui::IsItemHovered() && !display.empty() &&
               ImGui::CalcTextSize(display.c_str()).x > ImGui::GetItemRectSize().x - ImGui::GetStyle().FramePadding.x * 2) {
        // A cell too narrow for its text shows the whole text on hover.
        ImGui::SetTooltip("%s", display.c_str());
    }
    if (done) {
        *typed = *buf;
        ui.committedText[key] = *buf;
    }
    ImGui::PopID();
    return done;
}

std::string FitWidth(const std::string& text, float width) {
    if (ImGui::CalcTextSize(text.c_str()).x <= width) return text;
    const float room = width - ImGui::CalcTextSize("…").x;
    // The longest prefix that fits, cut where a character starts (never inside å, ä or ö): found
    // by halving, since the sidebar asks for fifteen titles every frame it draws.
    std::vector<size_t> starts;
    for (size_t i = 1; i < text.size(); ++i)
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) starts.push_back(i);
    size_t lo = 0, hi = starts.size();  // prefixes ending at starts[lo..hi-1]; the answer is below hi
    while (lo < hi) {
        const size_t mid = (lo + hi) / 2;
        if (ImGui::CalcTextSize(text.c_str(), text.c_str() + starts[mid]).x <= room) lo = mid + 1;
        else hi = mid;
    }
    std::string cut = lo == 0 ? std::string() : text.substr(0, starts[lo - 1]);
    while (!cut.empty() && cut.back() == ' ') cut.pop_back();
    return cut + "…";
}

bool FolderAndNameFields(const char* id, std::string* folder, std::string* name, const char* nameProbe) {
    ImGui::PushID(id);
    const float labelW = ImGui::GetFontSize() * 5;
    bool edited = false;
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(T(S::ExportFolderLabel));
    ImGui::SameLine(labelW);
    ImGui::SetNextItemWidth(-FLT_MIN);
    edited |= ImGui::InputText("##folder", folder);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(T(S::ExportFileLabel));
    ImGui::SameLine(labelW);
    ImGui::SetNextItemWidth(-FLT_MIN);
    edited |= ImGui::InputText("##name", name);
    ProbeItem(nameProbe);
    ImGui::PopID();
    return edited;
}

ImGuiWindowFlags DialogWidth(float fonts) {
    const ImVec2 room = ImGui::GetMainViewport()->WorkSize;
    const float w = std::min(ImGui::GetFontSize() * fonts, room.x * 0.95f);
    ImGui::SetNextWindowSizeConstraints(ImVec2(w, 0.0f), ImVec2(w, room.y * 0.92f));
    return ImGuiWindowFlags_AlwaysAutoResize;
}

void LabelAbove(const char* label, float width) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(label);
    ImGui::PopTextWrapPos();
    ImGui::SetNextItemWidth(width);
}

void LetGoOfCell(App& app, const std::string& key) {
    if (app.ui.activeCell == key) {
        app.ui.activeCell.clear();
        ImGui::ClearActiveID();
    }
}

void RefocusAfterChoice(App& app, const std::string& key) {
    LetGoOfCell(app, key);
    app.ui.focusCell = key;
}

void SelectCellText(App& app, const std::string& key) {
    ImGui::PushID(key.c_str());
    app.ui.selectAllCell = ImGui::GetID("##cell");
    ImGui::PopID();
}

std::string CellError(const App& app, const std::string& key) {
    auto it = app.ui.fieldErrors.find(key);
    return it == app.ui.fieldErrors.end() ? std::string() : it->second + "\n";
}

bool EditFinished(const App& app) {
    return ImGui::IsItemDeactivatedAfterEdit() || (app.ui.closing && ImGui::IsItemActive());
}

void MarkCellError() {
    ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    ImGui::GetWindowDrawList()->AddRect(a, b, ImGui::GetColorU32(kErrorColor), 2.0f, 0, 2.0f);
}

// "eg = egen enhet   an = annan del …": each option with the shortest start that MatchOption
// takes for it in the current language, so the hint never names a prefix that is refused.
std::string OptionPrefix(const std::vector<Option>& opts, const Option& o, bool en) {
    const std::string label = en ? o.en : o.sv;
    for (size_t n = 1; n <= label.size(); ++n) {
        if (n < label.size() && (static_cast<unsigned char>(label[n]) & 0xC0) == 0x80) continue;  // inside a letter
        auto m = MatchOption(opts, label.substr(0, n), en);
        if (m && *m == o.key) return label.substr(0, n);
    }
    return label;
}

std::string OptionHint(const std::vector<Option>& opts, bool en) {
    std::string s;
    for (const Option& o : opts) s += (s.empty() ? "" : "   ") + OptionPrefix(opts, o, en) + " = " + (en ? o.en : o.sv);
    return s;
}

bool OptionMenu(const char* id, const std::vector<Option>& opts, bool english, std::string* chosen) {
    bool picked = false;
    if (ImGui::BeginPopupContextItem(id)) {
        for (const Option& o : opts) {
            if (ImGui::Selectable(english ? o.en : o.sv)) {
                *chosen = o.key;
                picked = true;
            }
            ProbeItem(std::string("option/") + o.key);
        }
        ImGui::Separator();
        if (ImGui::Selectable(T(S::ClearValue))) {
            chosen->clear();
            picked = true;
        }
        ImGui::EndPopup();
    }
    return picked;
}

bool ChoicesMenu(const char* id, const std::vector<Option>& opts, bool english, const std::string& value,
                 std::string* chosen) {
    bool picked = false;
    if (ImGui::BeginPopupContextItem(id)) {
        for (const Option& o : opts) {
            bool on = HasChoice(value, o.key);
            if (ImGui::Checkbox(english ? o.en : o.sv, &on)) {
                *chosen = ToggleChoice(opts, value, o.key);
                picked = true;
            }
            ProbeItem(std::string("option/") + o.key);
        }
        ImGui::Separator();
        if (ImGui::Selectable(T(S::ClearValue))) {
            chosen->clear();
            picked = true;
        }
        ImGui::EndPopup();
    }
    return picked;
}

}  // namespace stegvis::ui

namespace stegvis::ui {

bool DrawReplaceQuestion(App& app, const char* where) {
    UiState& ui = app.ui;
    if (ui.replacePath.empty() || ui.replaceWhere != where) return false;
    // In place of the export buttons and the line above them; a long file name wraps, so the
    // question is read whole (and Ersätt is never where a second click on Exportera lands).
    ImGui::AlignTextToFramePadding();
    ColoredParagraph(kProgressColor, Format(S::ReplaceAsk, ui.replacePath.substr(ui.replacePath.find_last_of(platform::kSeparators) + 1).c_str()));
    if (ImGui::Button(T(S::Replace))) {
        const std::string doc = ui.replaceDoc, format = ui.replaceFormat, path = ui.replacePath;
        ui.replacePath.clear();
        app.ExportDocument(doc, format, path, IfExists::Replace);  // the user said replace
    }
    ProbeItem("replace-yes");
    ImGui::SameLine();
    if (ImGui::Button(T(S::Cancel))) ui.replacePath.clear();
    ProbeItem("replace-no");
    return true;
}

std::string ShortPath(const std::string& text) {
    const char* home = std::getenv("HOME");
    if (!home || !*home || std::string(home) == "/") return text;
    const std::string h = std::string(home) + "/";
    std::string out;
    size_t from = 0;
    for (size_t at; (at = text.find(h, from)) != std::string::npos; from = at + h.size())
        out += text.substr(from, at - from) + "~/";
    return out + text.substr(from);
}

}  // namespace stegvis::ui
