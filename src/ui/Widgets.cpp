#include "ui/Widgets.hpp"

#include <cstdarg>
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
