// The county overview: a folder of units' project files or backups in one view, as the
// coordinator sees it, with the same export as stegvis rollup.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

#include "output/Export.hpp"
#include "domain/Inventory.hpp"
#include "base/Paths.hpp"
#include "output/Report.hpp"
#include "base/Files.hpp"
#include "base/Text.hpp"
#include "output/Xlsx.hpp"
#include "ui/Probe.hpp"
#include "ui/Views.hpp"
#include "ui/Widgets.hpp"

namespace stegvis::ui {

void DrawCounty(App& app) {
    Heading(T(S::MenuCounty));
    if (app.ui.countyFolder.empty()) app.ui.countyFolder = app.settings.Get("county_folder", DataDir());
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(T(S::CountyFolder));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 24);
    bool enter = ImGui::InputText("##countyfolder", &app.ui.countyFolder, ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::SameLine();
    ImGui::BeginDisabled(app.JobRunning());
    if (ImGui::Button(T(S::CountyLoad)) || (enter && !app.JobRunning())) app.LoadCounty(app.ui.countyFolder);
    ProbeItem("county-load");
    ImGui::EndDisabled();
    if (!app.county) {
        DimText(T(S::CountyEmpty));
        return;
    }
    const Rollup& r = *app.county;
    ImGui::TextDisabled("%s", FormatN(S::CountyUnits, static_cast<int>(r.units.size()), static_cast<int>(r.units.size())).c_str());
    ImGui::SameLine();
    for (const char* format : {"html", "xlsx"}) {
        ImGui::SameLine();
        if (ImGui::SmallButton((std::string(T(S::DoExport)) + " " + (std::string(format) == "html" ? "HTML" : "Excel")).c_str())) {
            // A new name each time (lansoversikt-DATE.html, then -2, -3 ...): an earlier overview
            // in the folder is never replaced.
            const std::string base = Trim(app.ui.countyFolder) + "/lansoversikt-" + TodayIso();
            try {
                const std::string html =
                    std::string(format) == "html" ? RenderRollup(r, app.shipped, app.manual, TodayIso(), ResolveTemplate("rollup", "html")) : "";
                for (int n = 1; n < 1000; ++n) {
                    const std::string path = base + (n > 1 ? "-" + std::to_string(n) : "") + "." + format;
                    if (PathExists(path)) continue;
                    try {
                        if (std::string(format) == "html") WriteFileAtomic(path, html, 0666, IfExists::Refuse);
                        else WriteRollupXlsx(path, r, app.shipped, app.manual, IfExists::Refuse);
                    } catch (const FileExistsError&) {
                        continue;  // taken since the look just now
                    }
                    app.SetMessage(Format(S::ExportedTo, path.c_str()), false);
                    app.ui.messageFolder = Trim(app.ui.countyFolder);
                    break;
                }
            } catch (const std::exception& e) {
                app.SetMessage(e.what(), true);
            }
        }
    }
    if (!r.skipped.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, kErrorColor);
        ImGui::TextUnformatted(T(S::CountySkipped));
        for (const auto& s : r.skipped) ImGui::BulletText("%s: %s", s.input.c_str(), s.why.c_str());
        ImGui::PopStyleColor();
    }
    const float h = std::max(ImGui::GetContentRegionAvail().y * 0.55f, ImGui::GetTextLineHeightWithSpacing() * 6);
    if (ImGui::BeginTable("county", 5 + 15, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_ScrollY |
                                                 ImGuiTableFlags_ScrollX | ImGuiTableFlags_SizingFixedFit, ImVec2(0, h))) {
        ImGui::TableSetupScrollFreeze(1, 1);
        ImGui::TableSetupColumn(T(S::UnitCol), 0, ImGui::GetFontSize() * 12);
        ImGui::TableSetupColumn(T(S::OrgKind));
        ImGui::TableSetupColumn(T(S::LastChange));
        ImGui::TableSetupColumn(T(S::Assessed));
        for (int s = 1; s <= 15; ++s) ImGui::TableSetupColumn(std::to_string(s).c_str());
        ImGui::TableSetupColumn(T(S::StepsDoneCol));
        HeadersRow();
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(r.units.size()));
        while (clipper.Step()) {
            for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
                const RollupUnit& u = r.units[static_cast<size_t>(i)];
                ImGui::PushID(i);
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(u.model.project.organisation.c_str());
                if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", u.input.c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(OrgKindKey(u.model.project.kind));
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(u.lastChange.c_str());
                ImGui::TableNextColumn();
                Progress p = InventoryProgress(u.model, app.shipped);
                ImGui::Text("%d/%d", p.done, p.total);
                int done = 0;
                for (int s = 1; s <= 15; ++s) {
                    ImGui::TableNextColumn();
                    StepStatus st = FurthestState(u.model, s).status;
                    if (st == StepStatus::Done) ++done;
                    ImGui::TextColored(StatusColor(st), "%s", StatusGlyph(st));
                }
                ImGui::TableNextColumn();
                ImGui::Text("%d/15", done);
                ImGui::PopID();
            }
        }
        ImGui::EndTable();
    }
    SubHeading(T(S::InitiativesTitleCounty));
    if (ImGui::BeginTable("countyinits", 5,
                          ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_ScrollY |
                              ImGuiTableFlags_SizingFixedFit,
                          ImVec2(0, 0))) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn(T(S::UnitCol));
        ImGui::TableSetupColumn(T(S::InitiativesTitle));
        ImGui::TableSetupColumn(T(S::ColId));
        ImGui::TableSetupColumn(T(S::StepsDone8));
        ImGui::TableSetupColumn(T(S::SignalsCol), ImGuiTableColumnFlags_WidthStretch);  // the long one gets the rest
        HeadersRow();
        ImGuiListClipper clipper;  // a county has over a thousand initiatives: draw the visible ones
        clipper.Begin(static_cast<int>(r.initiatives.size()));
        while (clipper.Step()) {
            for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
                const RollupInitiative& init = r.initiatives[static_cast<size_t>(i)];
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(r.units[init.unit].model.project.organisation.c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(init.name.c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(init.recId.c_str());
                // The column is narrow: the intervention and its condition on hover.
                if (ImGui::IsItemHovered())
                    if (const Recommendation* rec = app.shipped.Find(init.recId)) RecommendationTooltip(*rec);
                ImGui::TableNextColumn();
                ImGui::Text("%d/8", init.stepsDone);
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(init.signals.c_str());
                if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", init.signals.c_str());
            }
        }
        ImGui::EndTable();
    }
}

}  // namespace stegvis::ui
