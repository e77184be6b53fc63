// Every change to the project, newest first, as stored in the history table and told in words.
#include <imgui.h>

#include "edit/HistoryText.hpp"
#include "ui/Views.hpp"
#include "ui/Widgets.hpp"

namespace stegvis::ui {

namespace {
// A value cell: the first line, shortened; the whole text in a tooltip when it is cut.
void ValueCell(const std::string& text) {
    std::string first = text.substr(0, text.find('\n'));
    if (first.size() > 60) {
        size_t end = 57;
        while (end > 0 && (static_cast<unsigned char>(first[end]) & 0xC0) == 0x80) --end;  // not inside a character
        first = first.substr(0, end) + "…";
    } else if (first.size() < text.size()) {
        first += " …";
    }
    ImGui::TextUnformatted(first.c_str());
    if (first != text && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", text.c_str());
}
}  // namespace

void DrawHistory(App& app) {
    Heading(T(S::HistoryTitle));
    ImGui::PushTextWrapPos(0);
    DimText(T(S::HistoryIntro));
    ImGui::PopTextWrapPos();
    ImGui::BeginDisabled(app.model.undoable == 0);
    if (ImGui::Button(T(S::MenuUndo))) app.UndoLast();
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(app.model.redoable == 0);
    if (ImGui::Button(T(S::MenuRedo))) app.RedoLast();
    ImGui::EndDisabled();
    if (app.history.empty()) {
        DimText(T(S::NoHistory));
        return;
    }
    ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersV |
                            ImGuiTableFlags_ScrollY | ImGuiTableFlags_Resizable;
    // Described when shown, from the stored fields, so the history follows the language.
    const bool english = CurrentLanguage() == Lang::En;
    const HistoryNames names{&app.model, &app.manual, &app.catalog, &app.instruments};
    if (ImGui::BeginTable("history", 5, flags)) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn(T(S::ColWhen), ImGuiTableColumnFlags_WidthFixed);
        ImGui::TableSetupColumn(T(S::ColWho), ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn(T(S::ColWhat), ImGuiTableColumnFlags_WidthStretch, 2.0f);
        ImGui::TableSetupColumn(T(S::ColOld), ImGuiTableColumnFlags_WidthStretch, 1.2f);
        ImGui::TableSetupColumn(T(S::ColNew), ImGuiTableColumnFlags_WidthStretch, 1.2f);
        HeadersRow();
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(app.history.size()));
        while (clipper.Step()) {
            for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
                const HistoryEntry& h = app.history[static_cast<size_t>(i)];
                ImGui::PushID(static_cast<int>(h.id));
                ImGui::TableNextRow();
                const bool inactive = h.state != "done";
                if (inactive) ImGui::PushStyleColor(ImGuiCol_Text, kDimColor);
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(h.at.c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(h.who.c_str());
                ImGui::TableNextColumn();
                std::string what = DescribeChange(h, english, names);
                if (what.empty()) what = h.label;
                ImGui::Text("%s%s%s", what.c_str(), h.state == "undone" ? "  · " : "",
                            h.state == "undone" ? T(S::Undone) : "");
                if (ImGui::IsItemHovered() && ImGui::GetItemRectSize().x > ImGui::GetColumnWidth())
                    ImGui::SetTooltip("%s", what.c_str());
                ImGui::TableNextColumn();
                ValueCell(DescribeValue(h, true, english, names));
                ImGui::TableNextColumn();
                ValueCell(DescribeValue(h, false, english, names));
                if (inactive) ImGui::PopStyleColor();
                ImGui::PopID();
            }
        }
        ImGui::EndTable();
    }
}

}  // namespace stegvis::ui
