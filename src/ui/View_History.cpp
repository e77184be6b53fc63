// Every change to the project, newest first, as stored in the history table.
#include <imgui.h>

#include "ui/Views.hpp"
#include "ui/Widgets.hpp"

namespace stegvis::ui {

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
    if (ImGui::BeginTable("history", 5, flags)) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn(T(S::ColWhen), ImGuiTableColumnFlags_WidthFixed);
        ImGui::TableSetupColumn(T(S::ColWho), ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn(T(S::ColWhat), ImGuiTableColumnFlags_WidthStretch, 2.0f);
        ImGui::TableSetupColumn(T(S::ColOld), ImGuiTableColumnFlags_WidthStretch, 1.2f);
        ImGui::TableSetupColumn(T(S::ColNew), ImGuiTableColumnFlags_WidthStretch, 1.2f);
        ImGui::TableHeadersRow();
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
                ImGui::Text("%s%s%s", h.label.c_str(), h.state == "undone" ? "  · " : "",
                            h.state == "undone" ? T(S::Undone) : "");
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(h.hadOld ? h.oldValue.c_str() : "–");
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(h.hasNew ? h.newValue.c_str() : "–");
                if (inactive) ImGui::PopStyleColor();
                ImGui::PopID();
            }
        }
        ImGui::EndTable();
    }
}

}  // namespace stegvis::ui
