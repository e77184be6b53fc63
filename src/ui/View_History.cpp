// Every change to the project, newest first, as stored in the history table.
#include <imgui.h>

#include "ui/Views.hpp"
#include "ui/Widgets.hpp"

namespace stegvis::ui {

namespace {
// Stored values are keys and timestamps; show them the way the screens name them.
std::string Shown(const HistoryEntry& h, bool present, const std::string& value) {
    if (h.entity == "tick") return present ? T(S::Ticked) : T(S::NotTicked);
    if (h.entity == "decision" && h.field == "withdrawn") return present ? T(S::Withdrawn) : T(S::InForce);
    if (!present) return "–";
    if (h.entity == "step" && h.field == "status") {
        StepStatus st;
        if (ParseStepStatus(value, &st)) return StatusLabel(st);
    }
    if (h.entity == "project" && h.field == "org_kind")
        return value == "kommun" ? T(S::KindKommun) : value == "region" ? T(S::KindRegion) : T(S::KindAnnan);
    // Long free text: the first line, shortened.
    std::string first = value.substr(0, value.find('\n'));
    if (first.size() > 60) first = first.substr(0, 57) + "…";
    else if (first.size() < value.size()) first += " …";
    return first;
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
                ImGui::TextUnformatted(Shown(h, h.hadOld, h.oldValue).c_str());
                if (h.hadOld && ImGui::IsItemHovered() && h.oldValue.size() > 60) ImGui::SetTooltip("%s", h.oldValue.c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(Shown(h, h.hasNew, h.newValue).c_str());
                if (h.hasNew && ImGui::IsItemHovered() && h.newValue.size() > 60) ImGui::SetTooltip("%s", h.newValue.c_str());
                if (inactive) ImGui::PopStyleColor();
                ImGui::PopID();
            }
        }
        ImGui::EndTable();
    }
}

}  // namespace stegvis::ui
