// The decision log (append-only) and the form that records a decision.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

#include "base/Text.hpp"
#include "ui/Views.hpp"
#include "ui/Widgets.hpp"

namespace stegvis::ui {

namespace {

std::string JoinIds(const std::vector<std::string>& ids) {
    std::string s;
    for (const auto& id : ids) s += (s.empty() ? "" : ", ") + id;
    return s;
}

// The IDs named, one a line: "LB-01 Bensodiazepiner — Alkoholabstinens med risk …". An ID alone
// does not tell LB-01 from LB-04; the log's column is narrow, so this is its tooltip.
void NamedRecsTooltip(const App& app, const std::vector<std::string>& ids) {
    std::string text;
    for (std::string id : ids) {
        id = Trim(id);
        if (id.empty()) continue;
        const Recommendation* rec = app.catalog.Find(id);
        text += (text.empty() ? "" : "\n") + id + (rec ? "  " + InterventionWithCondition(*rec) : std::string("  ?"));
    }
    if (text.empty()) return;
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 36);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
}

void WithdrawPopup(App& app) {
    if (app.ui.withdrawId != 0) ImGui::OpenPopup("###withdraw");
    if (ImGui::BeginPopupModal((std::string(T(S::Withdraw)) + "###withdraw").c_str(), nullptr,
                               ImGuiWindowFlags_AlwaysAutoResize)) {
        std::string title;
        for (const auto& d : app.model.decisions)
            if (d.id == app.ui.withdrawId) title = d.title;
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 28);
        Paragraph(Format(S::WithdrawConfirm, title.c_str()));
        ImGui::PopTextWrapPos();
        if (ImGui::Button(T(S::Withdraw))) {
            app.Dispatch(WithdrawDecision{app.ui.withdrawId});
            app.ui.withdrawId = 0;
            ImGui::CloseCurrentPopup();
        }
        ImGui::SameLine();
        if (ImGui::Button(T(S::Cancel)) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
            app.ui.withdrawId = 0;
            ImGui::CloseCurrentPopup();
        }
        ImGui::EndPopup();
    }
}

}  // namespace

void DrawDecisions(App& app) {
    Heading(T(S::DecisionsTitle));
    ImGui::PushTextWrapPos(0);
    DimText(T(S::DecisionsIntro));
    ImGui::PopTextWrapPos();
    if (ImGui::Button(T(S::RecordDecision))) {
        app.ui.draft = Decision{};
        app.ui.draft.step = app.ui.step;
        app.ui.draft.decidedOn = TodayIso();
        app.ui.draftRecs.clear();
        app.ui.fieldErrors.clear();
        app.ui.decisionFormOpen = true;
    }
    if (app.model.decisions.empty()) {
        DimText(T(S::NoDecisions));
        return;
    }
    ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersV |
                            ImGuiTableFlags_ScrollY | ImGuiTableFlags_Resizable;
    if (ImGui::BeginTable("decisions", 6, flags)) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn(T(S::ColDate), ImGuiTableColumnFlags_WidthFixed);
        ImGui::TableSetupColumn(T(S::ColStep), ImGuiTableColumnFlags_WidthFixed);
        ImGui::TableSetupColumn(T(S::ColDecision), ImGuiTableColumnFlags_WidthStretch, 3.0f);
        ImGui::TableSetupColumn(T(S::ColParticipants), ImGuiTableColumnFlags_WidthStretch, 1.5f);
        ImGui::TableSetupColumn(T(S::ColRecs), ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed);
        HeadersRow();
        for (auto it = app.model.decisions.rbegin(); it != app.model.decisions.rend(); ++it) {
            const Decision& d = *it;
            ImGui::PushID(static_cast<int>(d.id));
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(d.decidedOn.c_str());
            ImGui::TableNextColumn();
            ImGui::Text("%d", d.step);
            ImGui::TableNextColumn();
            if (d.withdrawn) ImGui::PushStyleColor(ImGuiCol_Text, kDimColor);
            ImGui::TextWrapped("%s%s%s", d.title.c_str(), d.withdrawn ? "  · " : "", d.withdrawn ? T(S::Withdrawn) : "");
            if (!d.rationale.empty()) {
                ImGui::PushStyleColor(ImGuiCol_Text, kDimColor);
                ImGui::TextWrapped("%s", d.rationale.c_str());
                ImGui::PopStyleColor();
            }
            if (d.withdrawn) ImGui::PopStyleColor();
            ImGui::TableNextColumn();
            ImGui::TextWrapped("%s", d.participants.c_str());
            ImGui::TableNextColumn();
            ImGui::TextWrapped("%s", JoinIds(d.recommendations).c_str());
            if (ImGui::IsItemHovered()) NamedRecsTooltip(app, d.recommendations);
            ImGui::TableNextColumn();
            if (!d.withdrawn && ImGui::SmallButton(T(S::Withdraw))) app.ui.withdrawId = d.id;
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    WithdrawPopup(app);
}

void DrawDecisionForm(App& app) {
    if (app.ui.decisionFormOpen) {
        ImGui::OpenPopup("###decisionform");
        app.ui.decisionFormOpen = false;
    }
    const ImGuiWindowFlags grow = DialogWidth(34);
    if (!ImGui::BeginPopupModal((std::string(T(S::RecordDecision)) + "###decisionform").c_str(), nullptr, grow)) return;
    CloseIfDone(app, "decisionform");
    Decision& d = app.ui.draft;
    LabelAbove(T(S::ColStep), ImGui::GetFontSize() * 6);  // the - and + buttons take most of 4
    ImGui::InputInt("##step", &d.step, 1, 1);
    d.step = std::clamp(d.step, 1, 15);
    LabelAbove(T(S::DecisionDate), ImGui::GetFontSize() * 7.5f);
    ImGui::InputTextWithHint("##decidedon", T(S::DateHint), &d.decidedOn);
    LabelAbove(T(S::DecisionTitle));
    ImGui::InputText("##title", &d.title);
    LabelAbove(T(S::Rationale));
    ImGui::InputTextMultiline("##rationale", &d.rationale, ImVec2(-FLT_MIN, ImGui::GetTextLineHeight() * 4));
    LabelAbove(T(S::Participants));
    ImGui::InputText("##participants", &d.participants);
    LabelAbove(T(S::LinkedRecs));
    ImGui::InputTextWithHint("##recommendations", "BI-04, PB-01", &app.ui.draftRecs);
    if (ImGui::IsItemHovered()) NamedRecsTooltip(app, Split(app.ui.draftRecs, ','));
    ErrorLine(app, {"decided_on", "title", "rationale", "recommendations"});
    if (ImGui::Button(T(S::Save))) {
        app.ui.fieldErrors.clear();
        d.recommendations.clear();
        bool ok = true;
        for (std::string id : Split(app.ui.draftRecs, ',')) {
            id = Trim(id);
            if (id.empty()) continue;
            if (!app.catalog.Find(id)) {
                app.ui.fieldErrors["recommendations"] = Format(S::ErrUnknownRec, id.c_str());
                ok = false;
                break;
            }
            d.recommendations.push_back(id);
        }
        if (ok) app.Dispatch(RecordDecision{d}, CloseOnSuccess("decisionform"));
    }
    ImGui::SameLine();
    if (ImGui::Button(T(S::Cancel))) {
        app.ui.fieldErrors.clear();
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

}  // namespace stegvis::ui
