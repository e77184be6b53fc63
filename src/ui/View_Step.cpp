// One step of the manual: purpose, guidance, status and dates, checklist, notes, decisions.
#include <imgui.h>
#include <imgui_stdlib.h>

#include "domain/Inventory.hpp"
#include "domain/StepPicture.hpp"
#include "base/Text.hpp"
#include "ui/Fonts.hpp"
#include "ui/Probe.hpp"
#include "ui/Views.hpp"
#include "ui/Widgets.hpp"

namespace stegvis::ui {

namespace {

constexpr double kNotesAutosaveSeconds = 2.0;

void DateField(App& app, const char* label, const char* field, std::string& buffer, int step, bool done) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(label);
    ImGui::SameLine();
    ImGui::PushID(field);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7.5f);
    ImGui::InputTextWithHint("##date", T(S::DateHint), &buffer, ImGuiInputTextFlags_CharsNoBlank);
    const bool finished = EditFinished(app), left = ImGui::IsItemDeactivated();
    ImGui::PopID();
    if (finished) {
        app.ui.fieldErrors.erase(field);
        app.Dispatch(SetStepDate{step, done, Trim(buffer), app.InitiativeFor(step)});
    } else if (left) {
        app.ui.fieldErrors.erase(field);  // left unchanged: the refusal is no longer news
    }
}

// After a status change: the date fields show the dates it filled in.
App::Then FillDates(int number) {
    return [number](App& a, const ApplyResult& r) {
        if (!r.ok || a.ui.bufferStep != number) return;
        a.ui.startDate = a.StepStateFor(number).startedOn;
        a.ui.doneDate = a.StepStateFor(number).doneOn;
    };
}

// The status shown is the confirmed one, or "in progress" by itself once work is recorded;
// choosing a status confirms it.
void StatusRow(App& app, const Step& step, const StepPicture& pic) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(T(S::Status));
    for (StepStatus s : {StepStatus::NotStarted, StepStatus::InProgress, StepStatus::Done}) {
        ImGui::SameLine();
        ImGui::PushID(static_cast<int>(s));
        const bool shown = pic.progress.status == s;
        if (ImGui::RadioButton(StatusLabel(s), shown) && pic.confirmed != s) {
            app.Dispatch(SetStepStatus{step.number, s, app.InitiativeFor(step.number)}, FillDates(step.number));
        }
        if (shown && pic.automatic && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", T(S::AutoInProgress));
        if (shown) ProbeItem(std::string("step-status-") + StepStatusKey(s) + (pic.automatic ? "-automatic" : ""));
        ImGui::PopID();
    }
    DateField(app, T(S::StartDate), "started_on", app.ui.startDate, step.number, false);
    ImGui::SameLine(0, ImGui::GetFontSize() * 1.5f);
    DateField(app, T(S::DoneDate), "done_on", app.ui.doneDate, step.number, true);
}

void ChecklistSection(App& app, const Step& step, const StepProgress& sp, bool en) {
    char title[128];
    std::snprintf(title, sizeof title, T(S::Checklist), static_cast<int>(sp.ticked.size()),
                  static_cast<int>(step.checklist.size()));
    SubHeading(title);
    for (const ChecklistItem& item : step.checklist) {
        ImGui::PushID(item.id.c_str());
        bool ticked = sp.ticked.count(item.id) > 0;
        if (ImGui::Checkbox("##tick", &ticked))
            app.Dispatch(SetChecklistTick{step.number, item.id, ticked, app.InitiativeFor(step.number)});
        ImGui::SameLine();
        ImGui::TextWrapped("%s", item.text.In(en).c_str());
        ImGui::PopID();
    }
    ErrorLine(app, {"item"});  // a reserved line: an error here never moves what is below
}

void NotesSection(App& app) {
    SubHeading(T(S::Notes));
    float h = ImGui::GetTextLineHeight() * 7;
    if (ImGui::InputTextMultiline("##notes", &app.ui.notes, ImVec2(-1, h))) app.ui.notesEditedAt = app.Now();
    // Saved when the field is left, and also after a short pause in typing, so nothing
    // typed is lost if the window is closed abruptly.
    if (ImGui::IsItemDeactivatedAfterEdit() ||
        (app.ui.notesEditedAt > 0 && app.Now() - app.ui.notesEditedAt > kNotesAutosaveSeconds))
        app.FlushPending();
    ErrorLine(app, {"notes"});
    DimText(T(S::NotesHint));
}

void DecisionsSection(App& app, const Step& step) {
    SubHeading(T(S::DecisionsInStep));
    int shown = 0;
    for (const Decision& d : app.model.decisions) {
        if (d.step != step.number) continue;
        ++shown;
        ImGui::PushID(static_cast<int>(d.id));
        ImGui::TextDisabled("%s", d.decidedOn.c_str());
        ImGui::SameLine();
        if (d.withdrawn) ImGui::TextDisabled("%s (%s)", d.title.c_str(), T(S::Withdrawn));
        else ImGui::TextWrapped("%s", d.title.c_str());
        ImGui::PopID();
    }
    if (shown == 0) DimText(T(S::NoDecisionsInStep));
    if (ImGui::Button(T(S::RecordDecision))) {
        app.ui.draft = Decision{};
        app.ui.draft.step = step.number;
        app.ui.draft.decidedOn = TodayIso();
        app.ui.draftRecs.clear();
        app.ui.fieldErrors.clear();
        app.ui.decisionFormOpen = true;
    }
}

bool HasWorkspace(const std::string& ws) {
    return ws == "catalog" || ws == "inventory" || ws == "priorities" || ws == "readiness" || ws == "case" ||
           ws == "team" || ws == "decision" || ws == "rationale" || ws == "resources" || ws == "plan" || ws == "training" ||
           ws == "measures" || ws == "pilot" || ws == "learn" || ws == "scale";
}

void DrawWorkspace(App& app, const std::string& ws) {
    if (ws == "catalog") DrawCatalogWorkspace(app);
    else if (ws == "inventory") DrawInventory(app);
    else if (ws == "priorities") DrawPriorities(app);
    else if (ws == "readiness") DrawReadiness(app);
    else if (ws == "case") DrawCase(app);
    else if (ws == "team") DrawTeam(app);
    else if (ws == "decision") DrawInitiatives(app);
    else if (ws == "rationale") DrawRationale(app);
    else if (ws == "resources") DrawResources(app);
    else if (ws == "plan") DrawPlan(app);
    else if (ws == "training") DrawTraining(app);
    else if (ws == "measures") DrawMeasures(app);
    else if (ws == "pilot") DrawPilot(app);
    else if (ws == "learn") DrawLearn(app);
    else if (ws == "scale") DrawScale(app);
}

const char* WorkspaceTitle(const std::string& ws) {
    if (ws == "catalog") return T(S::WsCatalog);
    if (ws == "inventory") return T(S::WsInventory);
    if (ws == "priorities") return T(S::WsPriorities);
    if (ws == "readiness") return T(S::WsReadiness);
    if (ws == "case") return T(S::WsCase);
    if (ws == "team") return T(S::WsTeam);
    if (ws == "decision") return T(S::WsDecision);
    if (ws == "rationale") return T(S::WsRationale);
    if (ws == "resources") return T(S::WsResources);
    if (ws == "plan") return T(S::WsPlan);
    if (ws == "training") return T(S::WsTraining);
    if (ws == "measures") return T(S::WsMeasures);
    if (ws == "pilot") return T(S::WsPilot);
    if (ws == "learn") return T(S::WsLearn);
    if (ws == "scale") return T(S::WsScale);
    return "";
}

// One line that is always there, under the dates: a refused date, else where the data and the
// confirmed status disagree (with one click to confirm "done"), else empty. Whatever comes and
// goes here never moves the workspace below.
void MessageLine(App& app, const Step& step) {
    const float top = ImGui::GetCursorPosY();
    const float lineH = ImGui::GetFrameHeight();
    std::string error;
    for (const char* f : {"started_on", "done_on"})
        if (auto it = app.ui.fieldErrors.find(f); it != app.ui.fieldErrors.end()) error = it->second;
    const StepPicture pic = app.PictureFor(step.number);
    const std::string text = error.empty() ? DisagreementText(pic, CurrentLanguage() == Lang::En) : error;
    if (!text.empty()) {
        // The button first, so a long reason at a narrow width never hides it; the whole reason
        // is in the tooltip when it is cut.
        if (error.empty() && pic.suggestDone) {
            if (ImGui::SmallButton(T(S::ConfirmDone))) {
                app.Dispatch(SetStepStatus{step.number, StepStatus::Done, app.InitiativeFor(step.number)}, FillDates(step.number));
            }
            ProbeItem("step-confirm-done");
            ImGui::SameLine();
        }
        ImGui::AlignTextToFramePadding();
        const ImVec4 colour = !error.empty() || pic.doneAgainstData ? kErrorColor : kProgressColor;
        ImGui::TextColored(colour, "%s", text.c_str());
        ProbeItem(!error.empty() ? "step-error" : "step-suggestion");
        if (ImGui::IsItemHovered() && ImGui::GetItemRectMax().x > ImGui::GetWindowPos().x + ImGui::GetWindowWidth())
            ImGui::SetTooltip("%s", text.c_str());
    }
    ImGui::SetCursorPosY(top);
    ImGui::Dummy(ImVec2(0, lineH));
}

void GuidanceContent(App& app, const Step& step, const StepProgress& sp, bool en) {
    ImGui::BeginChild("stepbody", ImVec2(0, 0), false);
    ImGui::PushTextWrapPos(ImGui::GetContentRegionAvail().x > ImGui::GetFontSize() * 50 ? ImGui::GetFontSize() * 50 : 0.0f);
    SubHeading(T(S::Purpose));
    Paragraph(step.purpose.In(en));
    SubHeading(T(S::Guidance));
    Paragraph(step.guidance.In(en));
    ChecklistSection(app, step, sp, en);
    SubHeading(T(S::DoneWhen));
    Paragraph(step.done.In(en));
    NotesSection(app);
    DecisionsSection(app, step);
    ImGui::PopTextWrapPos();
    ImGui::EndChild();
}

}  // namespace

void DrawStep(App& app) {
    const Step* step = app.manual.FindStep(app.ui.step);
    if (!step) return;
    if (app.ui.bufferStep != step->number || app.ui.bufferInitiative != app.InitiativeFor(step->number))
        app.SelectStep(step->number);
    const bool en = CurrentLanguage() == Lang::En;
    const StepPicture pic = app.PictureFor(step->number);
    const StepProgress& sp = pic.progress;
    const Phase* phase = app.manual.FindPhase(step->phase);

    std::string context = Format(S::StepOf, step->number) + "  ·  " + Format(S::Phase, step->phase) + " " +
                          (phase ? phase->title.In(en) : "") + "  ·  " +
                          (step->owner == Owner::Chef ? T(S::OwnerChefLong) : T(S::OwnerTeamLong));
    DimText(context.c_str());
    Heading(step->title.In(en).c_str());
    if (StepIsPerInitiative(step->number)) InitiativeBanner(app);
    StatusRow(app, *step, pic);
    MessageLine(app, *step);

    if (!HasWorkspace(step->workspace)) {
        ImGui::Separator();
        GuidanceContent(app, *step, sp, en);
        return;
    }
    if (ImGui::BeginTabBar("steptabs")) {
        // The tab asked for (App::OpenStepTab) is selected by the tab bar only from the next frame
        // on; in this frame the tab still open is drawn, and must not overwrite the request.
        const bool select = app.ui.selectTab;
        app.ui.selectTab = false;
        const StepTab asked = app.ui.stepTab;
        auto flags = [&](StepTab tab) { return select && asked == tab ? ImGuiTabItemFlags_SetSelected : 0; };
        std::string wsLabel = std::string(WorkspaceTitle(step->workspace)) + "###workspace";
        if (ImGui::BeginTabItem(wsLabel.c_str(), nullptr, flags(StepTab::Workspace))) {
            if (!select) app.ui.stepTab = StepTab::Workspace;
            DrawWorkspace(app, step->workspace);
            ImGui::EndTabItem();
        }
        std::string guideLabel = Format(S::GuidanceTab, static_cast<int>(sp.ticked.size()),
                                        static_cast<int>(step->checklist.size())) + "###guidance";
        if (ImGui::BeginTabItem(guideLabel.c_str(), nullptr, flags(StepTab::Guidance))) {
            if (!select) app.ui.stepTab = StepTab::Guidance;
            GuidanceContent(app, *step, sp, en);
            ImGui::EndTabItem();
        }
        ImGui::EndTabBar();
    }
}

}  // namespace stegvis::ui
