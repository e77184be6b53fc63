// Step 2, the needs inventory: one editable row per recommendation, driven from the keyboard
// like a spreadsheet, with dated baselines and the changes since any of them.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cfloat>

#include "domain/Inventory.hpp"
#include "base/Text.hpp"
#include "ui/Probe.hpp"
#include "ui/Views.hpp"
#include "ui/Widgets.hpp"

namespace stegvis::ui {

namespace {

constexpr InvField kColumns[] = {InvField::Offered, InvField::Provider,     InvField::Volume, InvField::Reached,
                                 InvField::StaffTrained, InvField::Gap, InvField::Comment};

const std::vector<Option>* OptionsFor(InvField f) {
    switch (f) {
        case InvField::Offered: return &OfferedOptions();
        case InvField::Provider: return &ProviderOptions();
        case InvField::Gap: return &GapOptions();
        default: return nullptr;
    }
}

const char* ColumnTitle(InvField f) {
    switch (f) {
        case InvField::Offered: return T(S::InvOffered);
        case InvField::Provider: return T(S::InvProvider);
        case InvField::Volume: return T(S::InvVolume);
        case InvField::Reached: return T(S::InvReached);
        case InvField::StaffTrained: return T(S::InvStaff);
        case InvField::Gap: return T(S::InvGap);
        case InvField::Comment: return T(S::InvComment);
    }
    return "";
}

// "eg + ps": the own unit and psychiatry by their shortest starts, in the interface's language.
std::string TwoProviders(const std::vector<Option>& opts, bool en) {
    const Option* own = FindOption(opts, "egen");
    const Option* psych = FindOption(opts, "psykiatri");
    if (!own || !psych) return "";
    return OptionPrefix(opts, *own, en) + " + " + OptionPrefix(opts, *psych, en);
}

// "Flera (delat ansvar): eg + ps, …": how to type two providers.
std::string SeveralHint(const std::vector<Option>& opts, bool en) {
    const std::string two = TwoProviders(opts, en);
    return two.empty() ? "" : Format(S::InvSeveralHint, two.c_str());
}

std::string CellKey(const std::string& rec, InvField f) { return "inv/" + rec + "/" + InvFieldKey(f); }

bool Visible(const App& app, const Recommendation& r, const InventoryRow* row) {
    if (app.ui.invArea >= 0 && r.area != KnownAreas()[static_cast<size_t>(app.ui.invArea)]) return false;
    if (app.ui.invShow == 1 && row && IsAssessed(*row)) return false;
    if (app.ui.invShow == 2 && (!row || (row->gap != "liten" && row->gap != "stor"))) return false;
    const std::string& q = app.ui.invSearch;
    return q.empty() || ContainsFolded(r.intervention, q) || ContainsFolded(r.condition, q) || ContainsFolded(r.id, q);
}

// Commits what was typed into one cell: options by their first letters, numbers as numbers.
void Commit(App& app, const std::string& rec, InvField f, const std::string& typed) {
    const std::string key = CellKey(rec, f);
    app.ui.fieldErrors.erase(key);
    std::string value = typed;
    if (const auto* opts = OptionsFor(f)) {
        const bool en = CurrentLanguage() == Lang::En;
        const bool several = f == InvField::Provider;  // responsibility can be shared
        auto match = several ? MatchChoices(*opts, typed, en) : MatchOption(*opts, typed, en);
        if (!match) {
            // Nobody together with somebody: said as such. Otherwise how to type it, short enough
            // for the status bar (the cell's hint lists every value).
            app.ui.fieldErrors[key] = several && ExclusiveChoiceNotAlone(*opts, typed, en)
                                          ? std::string(T(S::InvNobodyAlone))
                                      : several ? Format(S::InvNoSuchChoices, typed.c_str(), TwoProviders(*opts, en).c_str())
                                                : Format(S::InvNoSuchOption, typed.c_str(), OptionHint(*opts, en).c_str());
            app.SetMessage(app.ui.fieldErrors[key], true);
            return;
        }
        value = *match;
    }
    app.Dispatch(SetInventoryField{rec, f, value}, [rec, f, key](App& a, const ApplyResult& r) {
        if (r.ok) return;
        auto it = a.ui.fieldErrors.find(InvFieldKey(f));
        if (it != a.ui.fieldErrors.end()) a.ui.fieldErrors[key] = rec + ": " + it->second;
    });
}

void BaselineBar(App& app) {
    const bool en = CurrentLanguage() == Lang::En;
    const bool freeze = ImGui::Button(T(S::FreezeBaseline));
    ProbeItem("freeze-baseline");
    if (freeze) {
        app.ui.baselineName = Format(S::BaselineDefaultName, TodayIso().c_str());
        app.ui.baselineDate = TodayIso();
        app.ui.fieldErrors.erase("baseline_name");
        app.ui.fieldErrors.erase("baseline_date");
        app.ui.baselineFormOpen = true;
    }
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(T(S::CompareWith));
    ImGui::SameLine();
    const InventoryBaseline* current = nullptr;
    for (const auto& b : app.model.baselines)
        if (b.id == app.ui.compareBaseline) current = &b;
    if (!current) app.ui.compareBaseline = 0;
    std::string preview = current ? current->name + " (" + current->takenOn + ")" : T(S::NoBaseline);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 16);
    if (ImGui::BeginCombo("##compare", preview.c_str())) {
        if (ImGui::Selectable(T(S::NoBaseline), app.ui.compareBaseline == 0)) app.ui.compareBaseline = 0;
        for (const auto& b : app.model.baselines) {
            ImGui::PushID(static_cast<int>(b.id));
            if (ImGui::Selectable((b.name + " (" + b.takenOn + ")").c_str(), app.ui.compareBaseline == b.id))
                app.ui.compareBaseline = b.id;
            ImGui::PopID();
        }
        ImGui::EndCombo();
    }
    if (app.model.baselines.empty()) {
        ImGui::SameLine();
        ImGui::TextDisabled("%s", T(S::NoBaselinesYet));
    }
    (void)en;

    if (app.ui.baselineFormOpen) {
        ImGui::OpenPopup("###baselineform");
        app.ui.baselineFormOpen = false;
    }
    if (ImGui::BeginPopupModal((std::string(T(S::FreezeBaseline)) + "###baselineform").c_str(), nullptr,
                               ImGuiWindowFlags_AlwaysAutoResize)) {
        ProbeWindow("baseline-dialog");
        CloseIfDone(app, "baselineform");
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 28);
        Paragraph(T(S::FreezeBaselineText));
        ImGui::PopTextWrapPos();
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 16);
        ImGui::InputText(T(S::BaselineName), &app.ui.baselineName);
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7.5f);
        ImGui::InputTextWithHint(T(S::BaselineDate), T(S::DateHint), &app.ui.baselineDate);
        ErrorLine(app, {"baseline_name", "baseline_date"});
        if (ImGui::Button(T(S::Freeze))) {
            app.ui.fieldErrors.erase("baseline_name");
            app.ui.fieldErrors.erase("baseline_date");
            app.Dispatch(FreezeBaseline{app.ui.baselineName, Trim(app.ui.baselineDate)},
                         CloseOnSuccess("baselineform", [](App& a, const ApplyResult& r) { a.ui.compareBaseline = r.newId; }));
        }
        ImGui::SameLine();
        if (ImGui::Button(T(S::Cancel))) ImGui::CloseCurrentPopup();
        ProbeItem("baseline-cancel");
        ImGui::EndPopup();
    }
}

void Changes(const App& app, const InventoryBaseline& b) {
    auto changes = DiffInventory(b.rows, app.model.inventory, app.catalog);
    if (changes.empty()) {
        DimText(Format(S::NoChangesSince, b.name.c_str()).c_str());
        return;
    }
    if (!ImGui::CollapsingHeader(FormatN(S::ChangesSince, static_cast<int>(changes.size()), static_cast<int>(changes.size()), b.name.c_str()).c_str()))
        return;
    ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_ScrollY;
    float h = std::min(ImGui::GetTextLineHeightWithSpacing() * (static_cast<float>(changes.size()) + 1.5f),
                       ImGui::GetTextLineHeightWithSpacing() * 8);
    if (ImGui::BeginTable("changes", 4, flags, ImVec2(0, h))) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn(T(S::ColId), ImGuiTableColumnFlags_WidthFixed);
        ImGui::TableSetupColumn(T(S::ColField), ImGuiTableColumnFlags_WidthFixed);
        ImGui::TableSetupColumn(T(S::ColOld));
        ImGui::TableSetupColumn(T(S::ColNew));
        HeadersRow();
        for (const auto& c : changes) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(c.recId.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(ColumnTitle(c.field));
            ImGui::TableNextColumn();
            ImGui::TextDisabled("%s", c.before.empty() ? "–" : c.before.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(c.after.empty() ? "–" : c.after.c_str());
        }
        ImGui::EndTable();
    }
}

}  // namespace

void DrawInventory(App& app) {
    const bool en = CurrentLanguage() == Lang::En;
    DrawCatalogNotice(app);
    Progress p = InventoryProgress(app.model, app.catalog);
    ImGui::ProgressBar(p.total ? static_cast<float>(p.done) / static_cast<float>(p.total) : 0.0f,
                       ImVec2(ImGui::GetFontSize() * 12, 0), Format(S::AssessedOf, p.done, p.total).c_str());
    ImGui::SameLine();
    DimText(T(S::InventoryKeys));

    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(T(S::Search));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12);
    ImGui::InputTextWithHint("##invsearch", T(S::SearchHint), &app.ui.invSearch);
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(T(S::Area));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 11);
    const auto& areas = KnownAreas();
    if (ImGui::BeginCombo("##invarea", app.ui.invArea < 0 ? T(S::All) : areas[static_cast<size_t>(app.ui.invArea)].c_str())) {
        if (ImGui::Selectable(T(S::All), app.ui.invArea < 0)) app.ui.invArea = -1;
        for (size_t i = 0; i < areas.size(); ++i)
            if (ImGui::Selectable(areas[i].c_str(), app.ui.invArea == static_cast<int>(i))) app.ui.invArea = static_cast<int>(i);
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    const char* shows[] = {T(S::ShowAll), T(S::ShowNotAssessed), T(S::ShowWithGap)};
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
    ImGui::Combo("##invshow", &app.ui.invShow, shows, 3);
    BaselineBar(app);

    const InventoryBaseline* compare = nullptr;
    for (const auto& b : app.model.baselines)
        if (b.id == app.ui.compareBaseline) compare = &b;
    if (compare) Changes(app, *compare);

    std::vector<const Recommendation*> rows;
    for (const auto& r : app.catalog.recommendations)
        if (Visible(app, r, app.model.Inventory(r.id))) rows.push_back(&r);

    ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersV |
                            ImGuiTableFlags_ScrollY | ImGuiTableFlags_ScrollX | ImGuiTableFlags_Resizable |
                            ImGuiTableFlags_Sortable;
    if (!ImGui::BeginTable("inventory", 11, flags, ImVec2(0, 0))) return;
    const float fs = ImGui::GetFontSize();
    ImGui::TableSetupScrollFreeze(3, 1);
    ImGui::TableSetupColumn(T(S::ColId), ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_DefaultSort, fs * 3.0f);
    // The condition beside the intervention: "Bensodiazepiner" is LB-01 and LB-04, for two conditions.
    ImGui::TableSetupColumn(T(S::ColCondition), ImGuiTableColumnFlags_WidthFixed, fs * 5.5f);
    ImGui::TableSetupColumn(T(S::ColIntervention), ImGuiTableColumnFlags_WidthFixed, fs * 8);
    ImGui::TableSetupColumn(T(S::ColPriority), ImGuiTableColumnFlags_WidthFixed, fs * 3.0f);
    ImGui::TableSetupColumn(T(S::InvOffered), ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_NoSort, fs * 5.0f);
    ImGui::TableSetupColumn(T(S::InvProvider), ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_NoSort, fs * 6.5f);
    ImGui::TableSetupColumn(T(S::InvVolume), ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_NoSort, fs * 3.8f);
    ImGui::TableSetupColumn(T(S::InvReached), ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_NoSort, fs * 3.8f);
    ImGui::TableSetupColumn(T(S::InvStaff), ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_NoSort, fs * 3.6f);
    ImGui::TableSetupColumn(T(S::InvGap), ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_NoSort, fs * 3.8f);
    ImGui::TableSetupColumn(T(S::InvComment), ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_NoSort, fs * 8);
    HeadersRow({{4, T(S::InvOfferedTip)}, {6, T(S::InvVolumeTip)}, {7, T(S::InvReachedTip)}, {8, T(S::InvStaffTip)}});
    if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs(); specs && specs->SpecsCount > 0) {
        const ImGuiTableColumnSortSpecs& s = specs->Specs[0];
        auto less = [&](const Recommendation* a, const Recommendation* b) {
            switch (s.ColumnIndex) {
                case 1: return FoldCase(a->condition) < FoldCase(b->condition);
                case 2: return FoldCase(a->intervention) < FoldCase(b->intervention);
                case 3: return PrioritySortKey(*a) < PrioritySortKey(*b);
                default: return false;  // catalog order (by area, as the guidelines list them)
            }
        };
        std::stable_sort(rows.begin(), rows.end(), [&](const Recommendation* a, const Recommendation* b) {
            return s.SortDirection == ImGuiSortDirection_Descending ? less(b, a) : less(a, b);
        });
    }

    for (size_t i = 0; i < rows.size(); ++i) {
        const Recommendation& r = *rows[i];
        const std::string* nextRec = i + 1 < rows.size() ? &rows[i + 1]->id : nullptr;
        static const InventoryRow kEmpty;
        const InventoryRow* rowPtr = app.model.Inventory(r.id);
        const InventoryRow& row = rowPtr ? *rowPtr : kEmpty;
        const InventoryRow* before = nullptr;
        if (compare) {
            auto it = compare->rows.find(r.id);
            static const InventoryRow kNone;
            before = it == compare->rows.end() ? &kNone : &it->second;
        }
        ImGui::PushID(r.id.c_str());
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::AlignTextToFramePadding();  // level with the input cells of the row
        ImGui::PushStyleColor(ImGuiCol_Text, IsAssessed(row) ? kOkColor : kDimColor);
        ImGui::TextUnformatted(r.id.c_str());
        ImGui::PopStyleColor();
        ImGui::TableNextColumn();
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(r.condition.c_str());
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", r.condition.c_str());
        ImGui::TableNextColumn();
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(r.intervention.c_str());
        if (ImGui::IsItemHovered()) RecommendationTooltip(r);
        ImGui::TableNextColumn();
        ImGui::AlignTextToFramePadding();
        std::string prio = r.priority.ToString();
        ImGui::TextUnformatted((prio.empty() ? std::string(LevelText(r.level)) : prio + " " + LevelText(r.level)).c_str());
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", LevelStatedText(r).c_str());
        for (InvField f : kColumns) {
            ImGui::TableNextColumn();
            const std::string key = CellKey(r.id, f);
            const std::string display = InvFieldDisplay(row, f, en);
            // Enter goes down the column; from the row's last cell (the comment, where a row
            // typed left to right ends) it goes to the next row's first cell, as in a spreadsheet.
            const InvField nextField = f == InvField::Comment ? kColumns[0] : f;
            const std::string next = nextRec ? CellKey(*nextRec, nextField) : std::string();
            const auto* opts = OptionsFor(f);
            const bool changed = before && InvFieldDisplay(*before, f) != InvFieldDisplay(row, f);
            if (changed) ImGui::TableSetBgColor(ImGuiTableBgTarget_CellBg, ImGui::GetColorU32(ImVec4(1.0f, 0.93f, 0.6f, 1.0f)));
            std::string typed;
            const bool focusWasSet = !app.ui.focusCell.empty();
            if (EditCell(app, key, display, next, &typed, opts ? "…" : "")) Commit(app, r.id, f, typed);
            // Enter in the comment sends the cursor to the next row's first cell: the table shows
            // that row from its start again.
            if (f == InvField::Comment && !focusWasSet && !app.ui.focusCell.empty()) ImGui::SetScrollX(0.0f);
            if (app.ui.fieldErrors.count(key)) MarkCellError();
            if (app.ui.activeCell == key && opts && !AnyPopupOpen())
                ImGui::SetTooltip("%s%s%s", CellError(app, key).c_str(), OptionHint(*opts, en).c_str(),
                                  f == InvField::Provider ? ("\n" + SeveralHint(*opts, en)).c_str() : "");
            else if (changed && ImGui::IsItemHovered())
                ImGui::SetTooltip(T(S::WasBefore), InvFieldDisplay(*before, f, en).empty() ? "–" : InvFieldDisplay(*before, f, en).c_str());
            std::string chosen;
            const auto pending = app.ui.pendingChoices.find(key);
            const std::string ticked = pending != app.ui.pendingChoices.end() ? pending->second : row.provider;
            if (f == InvField::Provider && ChoicesMenu(InvFieldKey(f), *opts, en, ticked, &chosen)) {
                // The menu stays open for the next box: the cell is only let go, not focused.
                app.ui.fieldErrors.erase(key);
                app.ui.pendingChoices[key] = chosen;
                app.Dispatch(SetInventoryField{r.id, f, chosen}, [key, chosen](App& a, const ApplyResult&) {
                    auto it = a.ui.pendingChoices.find(key);
                    if (it != a.ui.pendingChoices.end() && it->second == chosen) a.ui.pendingChoices.erase(it);
                });
                LetGoOfCell(app, key);
            } else if (f != InvField::Provider && opts && OptionMenu(InvFieldKey(f), *opts, en, &chosen)) {
                app.ui.fieldErrors.erase(key);
                app.Dispatch(SetInventoryField{r.id, f, chosen});
                RefocusAfterChoice(app, key);  // back in the grid: Tab and typing go on from here
            }
            if (f == InvField::Comment && row.offered == "ej_aktuellt" && Trim(row.comment).empty()) {
                MarkCellError();
                if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", T(S::ReasonNeeded));
            }
        }
        ImGui::PopID();
    }
    ImGui::EndTable();
    if (rows.empty()) DimText(T(S::NoMatches));
}

}  // namespace stegvis::ui
