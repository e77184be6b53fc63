// Step 3, prioritisation: a transparent score per candidate (every term shown), the group's
// own order, a decision for the log, and the Hexagon tool for the top candidates.
#include <imgui.h>

#include <algorithm>
#include <map>

#include "domain/Inventory.hpp"
#include "ui/Probe.hpp"
#include "ui/Views.hpp"
#include "ui/Widgets.hpp"

namespace stegvis::ui {

namespace {

void AreaTable(const App& app) {
    auto areas = SummariseAreas(app.model, app.catalog);
    SubHeading(T(S::AreasTitle));
    if (areas.empty()) return;
    ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_SizingFixedFit;
    if (ImGui::BeginTable("areas", 5, flags)) {
        ImGui::TableSetupColumn(T(S::Area), ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableSetupColumn(T(S::Candidates));
        ImGui::TableSetupColumn(T(S::BorLargeGap));
        ImGui::TableSetupColumn(T(S::ScoreSum));
        ImGui::TableSetupColumn(T(S::PeoplePerYear));
        HeadersRow();
        for (const auto& a : areas) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(a.area.c_str());
            ImGui::TableNextColumn();
            ImGui::Text("%d", a.candidates);
            ImGui::TableNextColumn();
            ImGui::Text("%d", a.borLargeGap);
            ImGui::TableNextColumn();
            ImGui::Text("%d", a.scoreSum);
            ImGui::TableNextColumn();
            ImGui::Text("%d", a.volume);
        }
        ImGui::EndTable();
    }
}

void HexagonPanel(App& app) {
    if (app.catalog.Find(app.ui.hexRec)) {
        DrawHexagon(app, app.ui.hexRec);
        if (ImGui::SmallButton(T(S::Close))) app.ui.hexRec.clear();
    }
}

}  // namespace

void DrawHexagon(App& app, const std::string& recId) {
    const Recommendation* r = app.catalog.Find(recId);
    if (!r) return;
    const bool en = CurrentLanguage() == Lang::En;
    SubHeading(Format(S::HexagonFor, r->id.c_str(), InterventionWithCondition(*r).c_str()).c_str());
    DimText(T(S::HexagonText));
    auto it = app.model.hexagon.find(r->id);
    static const std::map<std::string, int> kNone;
    const auto& ratings = it == app.model.hexagon.end() ? kNone : it->second;
    if (ImGui::BeginTable("hexagon", 6, ImGuiTableFlags_SizingFixedFit)) {
        for (const Option& f : HexagonFactors()) {
            ImGui::PushID(f.key);
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            ImGui::TextUnformatted(en ? f.en : f.sv);
            auto rit = ratings.find(f.key);
            int current = rit == ratings.end() ? 0 : rit->second;
            for (int v = 1; v <= 5; ++v) {
                ImGui::TableNextColumn();
                ImGui::PushID(v);
                if (ImGui::RadioButton(std::to_string(v).c_str(), current == v))
                    app.Dispatch(SetHexagonRating{r->id, f.key, current == v ? std::nullopt : std::optional<int>(v)});
                ImGui::PopID();
            }
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    int total = HexagonTotal(ratings);
    if (total > 0) ImGui::Text(T(S::HexagonTotal), total);
    else DimText(T(S::HexagonIncomplete));
}


void DrawPriorities(App& app) {
    const bool en = CurrentLanguage() == Lang::En;
    ImGui::PushTextWrapPos(0);
    DimText(T(S::ScoreFormula));
    ImGui::PopTextWrapPos();
    auto candidates = PriorityCandidates(app.model, app.catalog);
    if (candidates.empty()) {
        Paragraph(T(S::NoCandidates));
        if (ImGui::Button(T(S::GoToInventory))) app.OpenStepTab(2, StepTab::Workspace);
        return;
    }
    std::vector<std::string> order;
    std::vector<std::string> selected;
    for (const auto* r : candidates) order.push_back(r->id);
    // Rows keep their places while the group works in the table (a feasibility that changes the
    // score would otherwise move the row under the pointer); the new order is taken when the
    // pointer leaves the table, on "Sortera om", or at once for the arrows, which ask for it.
    UiState& ui = app.ui;
    // Where the table was last frame: the mouse is judged against it now, so the frame that sees
    // the pointer leave is also the one that re-sorts (no frame later that the loop might skip).
    ui.prioHovered = ImGui::IsMouseHoveringRect(ui.prioTableMin, ui.prioTableMax) ||
                     ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId);  // a feasibility list open over it
    {
        std::vector<std::string> a = ui.prioShown, b = order;
        std::sort(a.begin(), a.end());
        std::sort(b.begin(), b.end());
        if (a != b || !ui.prioHovered) ui.prioShown = order;
    }
    const bool stale = ui.prioShown != order;
    {
        std::map<std::string, const Recommendation*> byId;
        for (const auto* r : candidates) byId[r->id] = r;
        for (size_t i = 0; i < ui.prioShown.size(); ++i) candidates[i] = byId[ui.prioShown[i]];
    }
    for (const auto* r : candidates) {
        auto pe = app.model.priorities.find(r->id);
        if (pe != app.model.priorities.end() && pe->second.selected) selected.push_back(r->id);
    }
    const bool manual = HasManualOrder(app.model);
    if (ImGui::Button(T(S::RecordPriorityDecision))) {
        std::string areas;
        for (const auto& id : selected) {
            const std::string& a = app.catalog.Find(id)->area;
            if (areas.find(a) == std::string::npos) areas += (areas.empty() ? "" : ", ") + a;
        }
        app.StartDecision(3, selected.empty() ? std::string() : Format(S::PriorityDecisionTitle, areas.c_str()), selected);
    }
    ImGui::SameLine();
    ImGui::TextDisabled("%s", FormatN(S::SelectedCount, static_cast<int>(selected.size()), static_cast<int>(selected.size())).c_str());
    if (manual) {
        ImGui::SameLine();
        if (ImGui::Button(T(S::OrderByScore))) app.Dispatch(ClearPriorityOrder{});
    }
    if (stale) {
        ImGui::SameLine();
        if (ImGui::Button(T(S::Resort))) ui.prioShown = order;
    }

    ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersV |
                            ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingFixedFit;
    const float tableH = std::max(ImGui::GetContentRegionAvail().y * (app.ui.hexRec.empty() ? 0.6f : 0.45f),
                                  ImGui::GetTextLineHeightWithSpacing() * 6);
    ui.prioTableMin = ImGui::GetCursorScreenPos();
    ui.prioTableMax = ImVec2(ui.prioTableMin.x + ImGui::GetContentRegionAvail().x, ui.prioTableMin.y + tableH);
    if (ImGui::BeginTable("priorities", 11, flags, ImVec2(0, tableH))) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn("#");
        ImGui::TableSetupColumn(T(S::Choose));
        ImGui::TableSetupColumn(T(S::ColId));
        ImGui::TableSetupColumn(T(S::ColIntervention), ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableSetupColumn(T(S::TermGuideline));
        ImGui::TableSetupColumn(T(S::TermGap));
        ImGui::TableSetupColumn(T(S::TermVolume));
        ImGui::TableSetupColumn(T(S::TermFeasibility));
        ImGui::TableSetupColumn(T(S::Score));
        ImGui::TableSetupColumn(T(S::Order));
        ImGui::TableSetupColumn("Hexagon");
        HeadersRow();
        const char* feas[] = {"–", T(S::FeasLow), T(S::FeasMedium), T(S::FeasHigh)};
        for (size_t i = 0; i < candidates.size(); ++i) {
            const Recommendation& r = *candidates[i];
            const InventoryRow* inv = app.model.Inventory(r.id);
            auto pe = app.model.priorities.find(r.id);
            const PriorityEntry* entry = pe == app.model.priorities.end() ? nullptr : &pe->second;
            ScoreTerms t = Score(r, inv, entry);
            ImGui::PushID(r.id.c_str());
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::Text("%zu", i + 1);
            ImGui::TableNextColumn();
            bool sel = entry && entry->selected;
            if (ImGui::Checkbox("##sel", &sel)) app.Dispatch(SetSelected{r.id, sel});
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r.id.c_str());
            ImGui::TableNextColumn();
            InterventionText(r);
            ImGui::TableNextColumn();
            ImGui::Text("%d (%s)", t.guideline, LevelText(r.level));
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", LevelStatedText(r).c_str());
            ImGui::TableNextColumn();
            ImGui::Text("%d (%s)", t.gap, OptionLabel(GapOptions(), inv->gap, en));
            ImGui::TableNextColumn();
            if (inv->volume) ImGui::Text("%d (%d)", t.volume, *inv->volume);
            else ImGui::Text("%d (?)", t.volume);
            ImGui::TableNextColumn();
            int f = entry && entry->feasibility ? *entry->feasibility : 0;
            ImGui::SetNextItemWidth(ImGui::GetFontSize() * 5.5f);
            bool feasChanged = false;
            if (ImGui::BeginCombo("##feas", feas[std::clamp(f, 0, 3)])) {
                for (int k = 0; k < 4; ++k) {
                    if (ImGui::Selectable(feas[k], f == k) && f != k) f = k, feasChanged = true;
                    ProbeItem("feas-option/" + std::to_string(k));
                }
                ImGui::EndCombo();
            }
            ProbeItem("feas/" + r.id);
            if (feasChanged)
                app.Dispatch(SetFeasibility{r.id, f == 0 ? std::nullopt : std::optional<int>(f)});
            ImGui::TableNextColumn();
            ImGui::Text("%d", t.Total());
            ImGui::TableNextColumn();
            ImGui::BeginDisabled(i == 0);
            // The order on screen is taken again from the model the move produced.
            const auto reorder = [](App& a, const ApplyResult& res) {
                if (res.ok) a.ui.prioShown.clear();
            };
            if (ImGui::ArrowButton("##up", ImGuiDir_Up)) app.Dispatch(MovePriority{order, r.id, -1}, reorder);
            ImGui::EndDisabled();
            ImGui::SameLine();
            ImGui::BeginDisabled(i + 1 == candidates.size());
            if (ImGui::ArrowButton("##down", ImGuiDir_Down)) app.Dispatch(MovePriority{order, r.id, +1}, reorder);
            ImGui::EndDisabled();
            ImGui::TableNextColumn();
            auto hx = app.model.hexagon.find(r.id);
            int total = hx == app.model.hexagon.end() ? 0 : HexagonTotal(hx->second);
            std::string label = total > 0 ? std::to_string(total) + "/30" : std::string(T(S::Rate));
            const bool hex = ImGui::SmallButton(label.c_str());
            ProbeItem("hex/" + r.id);
            if (hex) app.ui.hexRec = app.ui.hexRec == r.id ? std::string() : r.id;
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    if (manual) DimText(T(S::ManualOrderNote));
    HexagonPanel(app);
    AreaTable(app);
}

}  // namespace stegvis::ui
