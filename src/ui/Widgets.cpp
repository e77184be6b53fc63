#include "ui/Widgets.hpp"

#include <imgui_stdlib.h>

#include <cstdarg>
#include <cfloat>
#include <cstdio>

#include "ui/Fonts.hpp"

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

void DimText(const char* text) {
    ImGui::PushStyleColor(ImGuiCol_Text, kDimColor);
    ImGui::TextWrapped("%s", text);
    ImGui::PopStyleColor();
}

void FieldError(const App& app, const char* field) {
    auto it = app.ui.fieldErrors.find(field);
    if (it == app.ui.fieldErrors.end()) return;
    ImGui::PushStyleColor(ImGuiCol_Text, kErrorColor);
    ImGui::TextWrapped("%s", it->second.c_str());
    ImGui::PopStyleColor();
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

std::string Format(S key, ...) {
    char buf[1024];
    va_list ap;
    va_start(ap, key);
    std::vsnprintf(buf, sizeof buf, T(key), ap);
    va_end(ap);
    return buf;
}

}  // namespace stegvis::ui

namespace stegvis::ui {

bool EditCell(App& app, const std::string& key, const std::string& display, const std::string& nextKey,
              std::string* typed, const char* hint) {
    UiState& ui = app.ui;
    ImGui::PushID(key.c_str());
    if (ui.focusCell == key) {
        ImGui::SetKeyboardFocusHere();
        ui.focusCell.clear();
    }
    // Only the cell being edited owns a persistent buffer; the others show the model's value.
    const bool mine = ui.activeCell == key;
    std::string shown = display;
    std::string* buf = mine ? &ui.cellBuf : &shown;
    ImGui::SetNextItemWidth(-FLT_MIN);
    const bool enter = ImGui::InputTextWithHint("##cell", hint, buf,
                                                ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_AutoSelectAll);
    if (ImGui::IsItemActivated()) {
        ui.activeCell = key;
        ui.cellBuf = display;
    }
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
    if (done) *typed = *buf;
    ImGui::PopID();
    return done;
}

bool EditFinished(const App& app) {
    return ImGui::IsItemDeactivatedAfterEdit() || (app.ui.closing && ImGui::IsItemActive());
}

void MarkCellError() {
    ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    ImGui::GetWindowDrawList()->AddRect(a, b, ImGui::GetColorU32(kErrorColor), 2.0f, 0, 2.0f);
}

bool OptionMenu(const char* id, const std::vector<Option>& opts, bool english, std::string* chosen) {
    bool picked = false;
    if (ImGui::BeginPopupContextItem(id)) {
        for (const Option& o : opts)
            if (ImGui::Selectable(english ? o.en : o.sv)) {
                *chosen = o.key;
                picked = true;
            }
        ImGui::Separator();
        if (ImGui::Selectable("–")) {
            chosen->clear();
            picked = true;
        }
        ImGui::EndPopup();
    }
    return picked;
}

}  // namespace stegvis::ui
