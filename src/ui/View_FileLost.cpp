// The dialog shown when the open project file was moved, deleted or replaced under the window:
// what happened, where the rescued copy is, and what to open next.
#include <imgui.h>

#include <cstdio>

#include "base/Files.hpp"
#include "ui/Views.hpp"
#include "ui/Widgets.hpp"

namespace stegvis::ui {

void DrawLostFileDialog(App& app) {
    if (app.ui.lost.show) {
        ImGui::OpenPopup("###lostfile");
        app.ui.lost.show = false;
    }
    const ImGuiWindowFlags grow = DialogWidth(38);
    if (!ImGui::BeginPopupModal((std::string(T(S::LostTitle)) + "###lostfile").c_str(), nullptr, grow | ImGuiWindowFlags_AlwaysAutoResize))
        return;
    const UiState::LostFile& lost = app.ui.lost;
    char buf[2048];
    std::snprintf(buf, sizeof buf, T(S::LostMoved), lost.path.c_str());
    Paragraph(buf);
    if (!lost.rescuedTo.empty()) {
        std::snprintf(buf, sizeof buf, T(S::LostRescued), lost.rescuedTo.c_str());
        Paragraph(buf);
        if (lost.notesStep >= 1) {
            std::snprintf(buf, sizeof buf, T(S::LostUnsaved), lost.notesStep);
            Paragraph(buf);
        }
    } else {
        std::snprintf(buf, sizeof buf, T(S::LostNotRescued), lost.error.c_str());
        ImGui::PushStyleColor(ImGuiCol_Text, kErrorColor);
        Paragraph(buf);
        ImGui::PopStyleColor();
    }
    ImGui::Spacing();
    // What to do next; the choice is taken after the dialog is drawn, as `lost` is reset by it.
    enum class Next { Stay, OpenRescued, OpenNew, Close } next = Next::Stay;
    if (!lost.rescuedTo.empty() && ImGui::Button(T(S::LostOpenRescued))) next = Next::OpenRescued;
    if (IdentifyFile(lost.path)) {
        if (!lost.rescuedTo.empty()) ImGui::SameLine();
        if (ImGui::Button(T(S::LostOpenNew))) next = Next::OpenNew;
    }
    ImGui::SameLine();
    if (ImGui::Button(T(S::LostClose))) next = Next::Close;
    if (next != Next::Stay) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
    if (next == Next::OpenRescued || next == Next::OpenNew) app.OpenAfterLoss(next == Next::OpenRescued);
    if (next == Next::Close) app.ui.lost = UiState::LostFile{};
}

}  // namespace stegvis::ui
