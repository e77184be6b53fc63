// The first screen: create a project, open a file, or open the demo.
#include <imgui.h>
#include <imgui_stdlib.h>

#include "base/Platform.hpp"
#include "base/Paths.hpp"
#include "base/Text.hpp"
#include "ui/Views.hpp"
#include "ui/Widgets.hpp"

namespace stegvis::ui {

namespace {

std::string SuggestedPath(const std::string& org) {
    std::string base;
    for (unsigned char c : org) {
        if (std::isalnum(c)) base.push_back(static_cast<char>(std::tolower(c)));
        else if (c >= 0x80) base.push_back(static_cast<char>(c));  // keep å ä ö as they are
        else if (!base.empty() && base.back() != '-') base.push_back('-');
    }
    while (!base.empty() && base.back() == '-') base.pop_back();
    if (base.empty()) base = "projekt";
    return DataDir() + platform::kSeparator + base + ".stegvis";
}

void UserNameField(App& app) {
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 16);
    if (ImGui::InputText(T(S::YourName), &app.ui.userName) || ImGui::IsItemDeactivatedAfterEdit()) {
        std::string name = Trim(app.ui.userName);
        if (!name.empty() && name != app.user) {
            app.user = name;
            app.settings.Set("user", name);
            app.settings.Save();
        }
    }
}

void NewProjectCard(App& app) {
    SubHeading(T(S::NewProjectHeader));
    const float w = ImGui::GetFontSize() * 22;
    ImGui::SetNextItemWidth(w);
    ImGui::InputTextWithHint(T(S::ProjectName), "Införande av riktlinjerna 2027", &app.ui.newName);
    ImGui::SetNextItemWidth(w);
    if (ImGui::InputTextWithHint(T(S::Organisation), "Exempelkommun, socialtjänsten", &app.ui.newOrg))
        app.ui.newPath = SuggestedPath(app.ui.newOrg);
    ErrorLine(app, {"new_name", "new_org"});
    const char* kinds[] = {T(S::KindKommun), T(S::KindRegion), T(S::KindAnnan)};
    ImGui::SetNextItemWidth(w);
    ImGui::Combo(T(S::OrgKind), &app.ui.newKind, kinds, 3);
    if (app.ui.newPath.empty()) app.ui.newPath = SuggestedPath(app.ui.newOrg);
    ImGui::SetNextItemWidth(w);
    ImGui::InputText(T(S::FilePath), &app.ui.newPath);
    if (ImGui::Button(T(S::Create))) {
        app.ui.fieldErrors.clear();
        if (Trim(app.ui.newName).empty()) app.ui.fieldErrors["new_name"] = T(S::ErrNameEmpty);
        if (Trim(app.ui.newOrg).empty()) app.ui.fieldErrors["new_org"] = T(S::ErrOrgEmpty);
        if (app.ui.fieldErrors.empty()) {
            ProjectInfo info;
            info.name = Trim(app.ui.newName);
            info.organisation = Trim(app.ui.newOrg);
            info.kind = app.ui.newKind == 1 ? OrgKind::Region : app.ui.newKind == 2 ? OrgKind::Annan : OrgKind::Kommun;
            info.catalogEdition = app.catalog.edition;
            app.CreateProject(Trim(app.ui.newPath), info);
        }
    }
}

void OpenCard(App& app) {
    SubHeading(T(S::OpenHeader));
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 22);
    bool enter = ImGui::InputText("##openpath", &app.ui.openPath, ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::SameLine();
    if ((ImGui::Button(T(S::Open)) || enter) && !Trim(app.ui.openPath).empty()) app.OpenProject(Trim(app.ui.openPath));
    DimText(T(S::FilesInDataDir));
    if (app.ui.knownFiles.empty()) DimText(T(S::NoFilesYet));
    for (const std::string& f : app.ui.knownFiles) {
        ImGui::PushID(f.c_str());
        if (ImGui::Selectable(f.c_str(), false, ImGuiSelectableFlags_AllowDoubleClick)) app.ui.openPath = f;
        if (ImGui::IsItemHovered() && ImGui::IsMouseDoubleClicked(0)) app.OpenProject(f);
        ImGui::PopID();
    }
}

}  // namespace

void DrawWelcome(App& app) {
    ImGui::Spacing();
    Heading(T(S::WelcomeTitle));
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 45);
    Paragraph(T(S::WelcomeIntro));
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
    UserNameField(app);
    if (!app.ui.welcomeError.empty()) {
        ImGui::Spacing();
        ImGui::PushStyleColor(ImGuiCol_Text, kErrorColor);
        ImGui::TextWrapped("%s", app.ui.welcomeError.c_str());
        ImGui::PopStyleColor();
    }
    ImGui::Separator();
    // Side by side on a wide window, stacked on a narrow one.
    const bool wide = ImGui::GetContentRegionAvail().x > ImGui::GetFontSize() * 56;
    if (wide) {
        ImGui::BeginTable("welcome", 2, ImGuiTableFlags_BordersInnerV);
        ImGui::TableNextColumn();
    }
    NewProjectCard(app);
    if (wide) ImGui::TableNextColumn();
    else ImGui::Separator();
    OpenCard(app);
    ImGui::Spacing();
    SubHeading(T(S::DemoHeader));
    DimText(T(S::DemoText));
    if (ImGui::Button(T(S::OpenDemo))) app.OpenDemo();
    ImGui::Spacing();
    SubHeading(T(S::MenuCounty));
    DimText(T(S::CountyIntro));
    if (ImGui::Button(T(S::OpenCounty))) app.ShowView(View::County);
    if (wide) ImGui::EndTable();
}

}  // namespace stegvis::ui
