// Project details: name, organisation and kind, edited in place.
#include <imgui.h>
#include <imgui_stdlib.h>

#include "ui/Views.hpp"
#include "ui/Widgets.hpp"

namespace stegvis::ui {

void DrawProject(App& app) {
    Heading(T(S::ProjectTitle));
    ImGui::Spacing();
    const float w = ImGui::GetFontSize() * 24;
    ImGui::SetNextItemWidth(w);
    ImGui::InputText(T(S::ProjectName), &app.ui.projName);
    if (EditFinished(app)) app.Dispatch(SetProjectName{app.ui.projName});
    ImGui::SetNextItemWidth(w);
    ImGui::InputText(T(S::Organisation), &app.ui.projOrg);
    if (EditFinished(app)) app.Dispatch(SetOrganisation{app.ui.projOrg});
    ErrorLine(app, {"name", "organisation"});
    int kind = static_cast<int>(app.model.project.kind);
    const char* kinds[] = {T(S::KindKommun), T(S::KindRegion), T(S::KindAnnan)};
    ImGui::SetNextItemWidth(w);
    if (ImGui::Combo(T(S::OrgKind), &kind, kinds, 3)) app.Dispatch(SetOrgKind{static_cast<OrgKind>(kind)});
    ImGui::Spacing();
    if (ImGui::BeginTable("projinfo", 2, ImGuiTableFlags_SizingFixedFit)) {
        auto row = [](const char* k, const std::string& v) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextDisabled("%s", k);
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(v.c_str());
        };
        row(T(S::CatalogEdition), app.model.project.catalogEdition);
        row(T(S::CreatedOn), app.model.project.createdOn);
        row(T(S::FilePath), app.ProjectPath());
        row(T(S::SchemaVersion), std::to_string(app.schemaVersion));
        ImGui::EndTable();
    }
}

}  // namespace stegvis::ui
