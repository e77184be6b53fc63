// Step 5, the case for change: a one-page summary of steps 2-4 for staff and board,
// exported as Markdown or HTML through the templates in templates/.
#include <imgui.h>
#include <imgui_stdlib.h>

#include "base/Platform.hpp"
#include "base/Paths.hpp"
#include "output/Report.hpp"
#include "base/Text.hpp"
#include "ui/Fonts.hpp"
#include "ui/Probe.hpp"
#include "ui/Views.hpp"
#include "ui/Widgets.hpp"

namespace stegvis::ui {

namespace {

void GapTable(const char* id, const std::vector<CaseGap>& gaps) {
    if (!ImGui::BeginTable(id, 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_SizingFixedFit)) return;
    ImGui::TableSetupColumn(T(S::ColId));
    ImGui::TableSetupColumn(T(S::ColIntervention), ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn(T(S::Area));
    ImGui::TableSetupColumn(T(S::PeoplePerYear));
    HeadersRow();
    for (const auto& g : gaps) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(g.id.c_str());
        ImGui::TableNextColumn();
        ImGui::TextWrapped("%s", g.intervention.c_str());
        // Under it, the condition: LB-01 and LB-04 are both "Bensodiazepiner".
        ImGui::PushStyleColor(ImGuiCol_Text, kDimColor);
        ImGui::TextWrapped("%s", g.condition.c_str());
        ImGui::PopStyleColor();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(g.area.c_str());
        ImGui::TableNextColumn();
        if (g.volume >= 0) ImGui::Text("%d", g.volume);
        else ImGui::TextDisabled("?");
    }
    ImGui::EndTable();
}

}  // namespace

void DrawCase(App& app) {
    CaseForChange c = BuildCaseForChange(app.model, app.catalog, app.instruments, TodayIso());
    // Always under this document's own name in the export folder; an existing file is asked
    // about in the same two lines.
    if (!DrawReplaceQuestion(app, "case")) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(T(S::ExportTo));
        for (const char* format : {"md", "html"}) {
            ImGui::SameLine();
            if (ImGui::Button(std::string(format) == "md" ? "Markdown" : "HTML")) {
                app.ui.replaceWhere = "case";
                app.RequestExport("case-for-change", format,
                                  app.ExportFolder() + platform::kSeparator + App::ExportFileName("case-for-change", format));
            }
            ProbeItem(std::string("case-export-") + format);
        }
        ImGui::AlignTextToFramePadding();
        DimText(Format(S::SavedIn, ShortPath(app.ExportFolder()).c_str()).c_str());
    }
    ImGui::Separator();

    ImGui::BeginChild("casepage", ImVec2(0, 0), false);
    ImGui::PushTextWrapPos(ImGui::GetContentRegionAvail().x > ImGui::GetFontSize() * 48 ? ImGui::GetFontSize() * 48 : 0.0f);
    Heading(Format(S::CaseTitle, c.project.c_str()).c_str());
    DimText((c.organisation + " · " + c.date).c_str());
    SubHeading(T(S::CaseNeeds));
    Paragraph(Format(S::CaseAssessed, c.assessed, c.total));
    Paragraph(Format(S::CaseOffered, c.offeredYes, c.offeredPartly, c.offeredNo, c.offeredUnknown, c.notRelevant));
    Paragraph(FormatN(S::CaseGaps, c.largeGaps, c.largeGaps, c.smallGaps, c.peopleWithLargeGap));
    if (!c.borLargeGaps.empty()) {
        ImGui::PushFont(BoldFont());
        Paragraph(T(S::CaseBorLarge));
        ImGui::PopFont();
        GapTable("borlarge", c.borLargeGaps);
    }
    SubHeading(T(S::CasePriorities));
    if (c.chosen.empty()) DimText(T(S::CaseNoneChosen));
    else GapTable("chosen", c.chosen);
    if (c.hasDecision) {
        Paragraph(Format(S::CaseDecision, c.decision.decidedOn.c_str(), c.decision.title.c_str()));
        if (!c.decision.rationale.empty()) DimText(c.decision.rationale.c_str());
    }
    SubHeading(T(S::CaseReadiness));
    if (!c.hasReadiness) {
        DimText(T(S::CaseNoReadiness));
    } else {
        const std::string held = c.readiness.heldOn.empty() ? "" : " (" + c.readiness.heldOn + ")";
        Paragraph(Format(S::CaseReadinessLine, c.readiness.instrument.c_str(), c.readiness.round.c_str(), held.c_str(),
                         c.readiness.respondents));
        for (const auto& s : c.readiness.subscales) ImGui::BulletText("%s: %s (SD %s, n=%d)", s.name.c_str(), Num(s.mean, 2).c_str(), Num(s.sd, 2).c_str(), s.n);
        if (!c.readiness.weakest.empty()) {
            Paragraph(T(S::CaseWeakest));
            for (const auto& w : c.readiness.weakest) ImGui::BulletText("%s", w.c_str());
        }
    }
    ImGui::PopTextWrapPos();
    ImGui::EndChild();
}

}  // namespace stegvis::ui
