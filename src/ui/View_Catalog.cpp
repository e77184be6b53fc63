// The recommendation catalog: filters, a sortable table and a details pane.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <vector>

#include "domain/Inventory.hpp"
#include "base/Text.hpp"
#include "ui/Probe.hpp"
#include "ui/Views.hpp"
#include "ui/Widgets.hpp"

namespace stegvis::ui {

namespace {

enum Col { ColIdC, ColAreaC, ColGroupC, ColConditionC, ColInterventionC, ColPrioC, ColDiscussedC };

bool Matches(const App& app, const Recommendation& r) {
    const auto& areas = KnownAreas();
    const auto& groups = KnownTargetGroups();
    if (app.ui.catArea >= 0 && r.area != areas[static_cast<size_t>(app.ui.catArea)]) return false;
    if (app.ui.catGroup >= 0 && r.targetGroup != groups[static_cast<size_t>(app.ui.catGroup)]) return false;
    if (app.ui.catLevel >= 0 && static_cast<int>(r.level) != app.ui.catLevel) return false;
    if (app.ui.catPrioMin > 1 || app.ui.catPrioMax < 10) {
        if (r.priority.kind != PriorityKind::Number) return false;
        if (r.priority.number < app.ui.catPrioMin || r.priority.number > app.ui.catPrioMax) return false;
    }
    const std::string& q = app.ui.catSearch;
    if (!q.empty() && !ContainsFolded(r.condition, q) && !ContainsFolded(r.intervention, q) && !ContainsFolded(r.id, q))
        return false;
    return true;
}

// A label in front of its control, the way forms usually read.
bool LabeledCombo(const char* label, const char* id, const char* preview, float width) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(label);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(width);
    return ImGui::BeginCombo(id, preview);
}

void Filters(App& app) {
    const float w = ImGui::GetFontSize() * 10;
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(T(S::Search));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(std::min(ImGui::GetContentRegionAvail().x, ImGui::GetFontSize() * 24));
    ImGui::InputTextWithHint("##search", T(S::SearchHint), &app.ui.catSearch);

    const auto& areas = KnownAreas();
    if (LabeledCombo(T(S::Area), "##area", app.ui.catArea < 0 ? T(S::All) : areas[static_cast<size_t>(app.ui.catArea)].c_str(),
                     w * 1.4f)) {
        if (ImGui::Selectable(T(S::All), app.ui.catArea < 0)) app.ui.catArea = -1;
        for (size_t i = 0; i < areas.size(); ++i)
            if (ImGui::Selectable(areas[i].c_str(), app.ui.catArea == static_cast<int>(i))) app.ui.catArea = static_cast<int>(i);
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    const auto& groups = KnownTargetGroups();
    if (LabeledCombo(T(S::TargetGroup), "##group",
                     app.ui.catGroup < 0 ? T(S::All) : groups[static_cast<size_t>(app.ui.catGroup)].c_str(), w * 0.7f)) {
        if (ImGui::Selectable(T(S::All), app.ui.catGroup < 0)) app.ui.catGroup = -1;
        for (size_t i = 0; i < groups.size(); ++i)
            if (ImGui::Selectable(groups[i].c_str(), app.ui.catGroup == static_cast<int>(i))) app.ui.catGroup = static_cast<int>(i);
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    const Level levels[] = {Level::Bor, Level::Kan, Level::KanUndantag, Level::FoU, Level::IckeGora};
    if (LabeledCombo(T(S::Level), "##level", app.ui.catLevel < 0 ? T(S::All) : LevelText(static_cast<Level>(app.ui.catLevel)),
                     w * 0.9f)) {
        if (ImGui::Selectable(T(S::All), app.ui.catLevel < 0)) app.ui.catLevel = -1;
        for (Level l : levels)
            if (ImGui::Selectable(LevelText(l), app.ui.catLevel == static_cast<int>(l))) app.ui.catLevel = static_cast<int>(l);
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(T(S::ColPriority));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(w * 0.9f);
    ImGui::DragIntRange2("##prio", &app.ui.catPrioMin, &app.ui.catPrioMax, 0.05f, 1, 10, "%d", "%d");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", T(S::PrioRangeHint));
    ImGui::SameLine();
    if (ImGui::Button(T(S::ClearFilters))) {
        app.ui.catSearch.clear();
        app.ui.catArea = app.ui.catGroup = app.ui.catLevel = -1;
        app.ui.catPrioMin = 1;
        app.ui.catPrioMax = 10;
    }
}

// Step 1: the recommendation discussed in the group, on the meeting's date. A date typed here is
// remembered for the next recommendation ticked in the same sitting, so a meeting's twenty
// recommendations get its date, not the day they were entered.
void Discussion(App& app, const Recommendation& r) {
    SubHeading(T(S::DiscussedTitle));
    auto it = app.model.discussions.find(r.id);
    const bool discussed = it != app.model.discussions.end() && !it->second.discussedOn.empty();
    if (app.ui.discussNoteRec != r.id) {
        app.ui.discussNoteRec = r.id;
        app.ui.discussNote = it == app.model.discussions.end() ? "" : it->second.note;
        app.ui.discussDate = discussed ? it->second.discussedOn : "";
        app.ui.fieldErrors.erase("discussed_on");
    }
    bool tick = discussed;
    if (ImGui::Checkbox(T(S::DiscussedInGroup), &tick)) {
        app.ui.fieldErrors.erase("discussed_on");
        app.Dispatch(SetDiscussed{r.id, tick, tick ? app.ui.meetingDate : ""}, [rec = r.id](App& a, const ApplyResult& res) {
            if (!res.ok || a.ui.discussNoteRec != rec) return;
            auto now = a.model.discussions.find(rec);
            a.ui.discussDate = now != a.model.discussions.end() ? now->second.discussedOn : "";
        });
    }
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(T(S::DiscussedOn));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7.5f);
    ImGui::InputTextWithHint("##discussdate", T(S::DateHint), &app.ui.discussDate, ImGuiInputTextFlags_CharsNoBlank);
    ProbeItem("discussed-on");
    if (EditFinished(app)) {
        app.ui.fieldErrors.erase("discussed_on");
        const std::string date = Trim(app.ui.discussDate);
        if (date.empty()) {
            if (discussed) app.Dispatch(SetDiscussed{r.id, false, ""});
        } else {
            app.Dispatch(SetDiscussed{r.id, true, date}, [date](App& a, const ApplyResult& res) {
                if (res.ok) a.ui.meetingDate = date;
            });
        }
    } else if (ImGui::IsItemDeactivated()) {
        app.ui.fieldErrors.erase("discussed_on");
    }
    ImGui::InputTextMultiline("##discussnote", &app.ui.discussNote, ImVec2(-1, ImGui::GetTextLineHeight() * 3));
    if (EditFinished(app)) app.Dispatch(SetDiscussionNote{r.id, app.ui.discussNote});
    ErrorLine(app, {"discussed_on", "note"});
    DimText(T(S::DiscussNoteHint));
}

void Details(App& app) {
    const Recommendation* r = app.catalog.Find(app.ui.catSelected);
    if (!r) {
        DimText(T(S::SelectARecommendation));
        return;
    }
    ImGui::TextDisabled("%s · %s · %s", r->id.c_str(), r->area.c_str(), r->targetGroup.c_str());
    SubHeading(T(S::ColCondition));
    Paragraph(r->condition);
    SubHeading(T(S::ColIntervention));
    Paragraph(r->intervention);
    SubHeading(T(S::ColPriority));
    std::string p = r->priority.ToString();
    switch (r->priority.kind) {
        case PriorityKind::Number:
            if (LevelDiffersFromPriority(*r)) {
                // PS-05, PS-06: the seed says "bör" at priority 4; both are shown, with the reason.
                Paragraph(Format(S::PrioMeansStated, p.c_str(), LevelText(r->level), p.c_str(),
                                 LevelText(LevelForPriority(r->priority))));
                DimText(r->levelNote.c_str());
                break;
            }
            Paragraph(Format(r->level == Level::Bor ? S::PrioMeansBor : r->level == Level::Kan ? S::PrioMeansKan
                                                                                                 : S::PrioMeansUndantag,
                             p.c_str()));
            break;
        case PriorityKind::FoU: Paragraph(T(S::PrioMeansFoU)); break;
        case PriorityKind::IckeGora: Paragraph(T(S::PrioMeansIcke)); break;
        case PriorityKind::None: Paragraph(Format(S::PrioMeansLevelOnly, LevelText(r->level))); break;
    }
    SubHeading(T(S::Source));
    Paragraph(r->source + " (" + T(S::Edition) + " " + r->edition + ")");
    if (app.HasProject()) Discussion(app, *r);
}

S CatalogFieldLabel(const std::string& f) {
    if (f == "area") return S::Area;
    if (f == "target_group") return S::TargetGroup;
    if (f == "condition") return S::ColCondition;
    if (f == "intervention") return S::ColIntervention;
    if (f == "priority") return S::ColPriority;
    return S::ColLevel;
}

// The project's catalog against the one Stegvis ships: what a move brings, row by row, and the
// move itself.
void CatalogChanges(App& app) {
    const CatalogReview& rv = app.catalogReview;
    if (!app.HasProject() || !rv.differs) return;
    ImGui::PushTextWrapPos(0);
    ImGui::TextColored(kProgressColor, "%s", T(S::CatalogChangedTitle));
    Paragraph((rv.toEdition == rv.fromEdition ? Format(S::CatalogCorrectedBody, rv.toEdition.c_str())
                                              : Format(S::CatalogChangedBody, rv.toEdition.c_str(), rv.fromEdition.c_str())) +
              " " + CatalogChangeCounts(rv) + ".");
    if (rv.withData > 0) Paragraph(Format(S::CatalogWithData, rv.withData));
    if (ImGui::Button(T(app.ui.catChangesOpen ? S::CatalogHideChanges : S::CatalogShowChanges)))
        app.ui.catChangesOpen = !app.ui.catChangesOpen;
    ImGui::SameLine();
    if (ImGui::Button(T(S::CatalogMove))) app.MoveToShippedCatalog();
    if (ImGui::IsItemHovered() && !AnyPopupOpen()) {
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30);
        ImGui::TextUnformatted(T(S::CatalogMoveExplain));
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
    }
    if (app.ui.catChangesOpen) {
        DimText(T(S::CatalogMoveExplain));
        const float line = ImGui::GetTextLineHeightWithSpacing();
        float rows = 0;
        for (const CatalogChange& c : rv.changes)
            rows += 1.0f + static_cast<float>(c.fields.size()) +
                    (c.kind != CatalogChangeKind::New && ProjectHoldsDataOn(app.model, c.id) ? 1.0f : 0.0f);
        const float height = std::min(rows, 10.0f) * line + line * 1.6f;
        const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersV |
                                      ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;
        if (ImGui::BeginTable("catalog-changes", 3, flags, ImVec2(0, height))) {
            ImGui::TableSetupScrollFreeze(0, 1);
            ImGui::TableSetupColumn(T(S::ColId), ImGuiTableColumnFlags_WidthFixed);
            ImGui::TableSetupColumn(T(S::Status), ImGuiTableColumnFlags_WidthFixed);
            ImGui::TableSetupColumn(T(S::ColIntervention), ImGuiTableColumnFlags_WidthStretch);
            HeadersRow();
            for (const CatalogChange& c : rv.changes) {
                ImGui::PushID(c.id.c_str());
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(c.id.c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(T(c.kind == CatalogChangeKind::New       ? S::CatalogChangeNew
                                         : c.kind == CatalogChangeKind::Changed ? S::CatalogChangeChanged
                                                                                : S::CatalogChangeWithdrawn));
                ImGui::TableNextColumn();
                const Recommendation& shown = c.after ? *c.after : *c.before;
                ImGui::TextWrapped("%s", InterventionWithCondition(shown).c_str());
                if (ImGui::IsItemHovered() && !AnyPopupOpen()) RecommendationTooltip(shown);
                // On its own line: beside a wrapped text it would run off a narrow window.
                if (c.kind != CatalogChangeKind::New && ProjectHoldsDataOn(app.model, c.id))
                    ImGui::TextColored(kProgressColor, "(%s)", T(S::CatalogHasData));
                for (const std::string& f : c.fields)
                    ImGui::TextWrapped("%s", Format(S::CatalogWasNow, T(CatalogFieldLabel(f)),
                                                    CatalogFieldValue(*c.before, f).c_str(),
                                                    CatalogFieldValue(*c.after, f).c_str()).c_str());
                ImGui::PopID();
            }
            ImGui::EndTable();
        }
    }
    ImGui::PopTextWrapPos();
    ImGui::Separator();
}

// Rows a newer edition withdrew that the project still holds data on: named, with their data
// one click away in the details pane.
void WithdrawnRows(App& app) {
    if (app.catalog.withdrawn.empty()) return;
    ImGui::TextColored(kDimColor, "%s", T(S::CatalogWithdrawnHeading));
    for (const Recommendation& r : app.catalog.withdrawn) {
        ImGui::PushID(r.id.c_str());
        const std::string label = r.id + "  " + InterventionWithCondition(r) + " (" +
                                  Format(S::CatalogWithdrawnIn, r.withdrawnIn.c_str()) + ")";
        if (ImGui::Selectable(label.c_str(), app.ui.catSelected == r.id)) app.ui.catSelected = r.id;
        ImGui::PopID();
    }
}

}  // namespace

std::string CatalogChangeCounts(const CatalogReview& rv) {
    std::string out;
    auto add = [&](S key, int n) {
        if (n <= 0) return;
        if (!out.empty()) out += ", ";
        out += FormatN(key, n, n);
    };
    add(S::CatalogCountNew, rv.added);
    add(S::CatalogCountChanged, rv.changed);
    add(S::CatalogCountWithdrawn, rv.withdrawn);
    return out.empty() ? std::string(T(S::CatalogOnlyNotes)) : out;
}

void DrawCatalogNotice(App& app) {
    if (!app.HasProject() || !app.catalogReview.differs) return;
    ImGui::PushTextWrapPos(0);
    ImGui::TextColored(kProgressColor, "%s", Format(S::CatalogNoticeShort, CatalogChangeCounts(app.catalogReview).c_str()).c_str());
    ImGui::PopTextWrapPos();
    ImGui::SameLine();
    if (ImGui::SmallButton(T(S::CatalogShowInCatalog))) {
        app.ui.catChangesOpen = true;
        app.ShowView(View::Catalog);
    }
}

void DrawCatalog(App& app) {
    Heading(T(S::CatalogTitle));
    DrawCatalogWorkspace(app);
}

void DrawCatalogWorkspace(App& app) {
    ImGui::PushTextWrapPos(0);
    DimText(Format(S::CatalogIntro, app.catalog.edition.c_str()).c_str());
    ImGui::PopTextWrapPos();
    CatalogChanges(app);
    WithdrawnRows(app);
    Filters(app);

    std::vector<const Recommendation*> rows;
    rows.reserve(app.catalog.recommendations.size());
    for (const auto& r : app.catalog.recommendations)
        if (Matches(app, r)) rows.push_back(&r);
    ImGui::TextDisabled(T(S::ShowingOf), static_cast<int>(rows.size()), static_cast<int>(app.catalog.recommendations.size()));
    ImGui::SameLine();
    ImGui::TextDisabled("·");
    ImGui::SameLine();
    ImGui::TextDisabled(T(S::DiscussedOf), DiscussedCount(app.model, app.catalog),
                        static_cast<int>(app.catalog.recommendations.size()));

    const float avail = ImGui::GetContentRegionAvail().y;
    const float tableH = std::max(avail * 0.62f, ImGui::GetTextLineHeightWithSpacing() * 5);
    ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter |
                            ImGuiTableFlags_BordersV | ImGuiTableFlags_ScrollY | ImGuiTableFlags_Resizable |
                            ImGuiTableFlags_SizingStretchProp;
    if (ImGui::BeginTable("catalog", 7, flags, ImVec2(0, tableH))) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn(T(S::ColId), ImGuiTableColumnFlags_WidthFixed, 0, ColIdC);
        ImGui::TableSetupColumn(T(S::Area), ImGuiTableColumnFlags_WidthStretch, 1.2f, ColAreaC);
        ImGui::TableSetupColumn(T(S::TargetGroup), ImGuiTableColumnFlags_WidthFixed, 0, ColGroupC);
        ImGui::TableSetupColumn(T(S::ColCondition), ImGuiTableColumnFlags_WidthStretch, 2.0f, ColConditionC);
        ImGui::TableSetupColumn(T(S::ColIntervention), ImGuiTableColumnFlags_WidthStretch, 2.0f, ColInterventionC);
        ImGui::TableSetupColumn(T(S::ColPriority), ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_DefaultSort, 0,
                                ColPrioC);
        ImGui::TableSetupColumn(T(S::ColDiscussed), ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_NoSort, 0, ColDiscussedC);
        HeadersRow();
        if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs(); specs && specs->SpecsCount > 0) {
            const ImGuiTableColumnSortSpecs& s = specs->Specs[0];
            auto key = [&](const Recommendation* r) -> std::string {
                switch (s.ColumnUserID) {
                    case ColAreaC: return FoldCase(r->area);
                    case ColGroupC: return FoldCase(r->targetGroup);
                    case ColConditionC: return FoldCase(r->condition);
                    case ColInterventionC: return FoldCase(r->intervention);
                    case ColPrioC: {
                        char b[8];
                        std::snprintf(b, sizeof b, "%04d", PrioritySortKey(*r));
                        return b;
                    }
                    default: return r->id;
                }
            };
            std::stable_sort(rows.begin(), rows.end(), [&](const Recommendation* a, const Recommendation* b) {
                return s.SortDirection == ImGuiSortDirection_Descending ? key(b) < key(a) : key(a) < key(b);
            });
        }
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(rows.size()));
        while (clipper.Step()) {
            for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
                const Recommendation& r = *rows[static_cast<size_t>(i)];
                ImGui::PushID(r.id.c_str());
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                if (ImGui::Selectable(r.id.c_str(), app.ui.catSelected == r.id, ImGuiSelectableFlags_SpanAllColumns))
                    app.ui.catSelected = r.id;
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(r.area.c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(r.targetGroup.c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(r.condition.c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(r.intervention.c_str());
                ImGui::TableNextColumn();
                std::string p = r.priority.ToString();
                ImGui::Text("%s %s", p.c_str(), p.empty() || r.priority.kind != PriorityKind::Number ? (p.empty() ? LevelText(r.level) : "") : LevelText(r.level));
                ImGui::TableNextColumn();
                auto d = app.model.discussions.find(r.id);
                if (d != app.model.discussions.end() && !d->second.discussedOn.empty())
                    ImGui::TextColored(kOkColor, "\xE2\x9C\x93 %s", d->second.discussedOn.c_str());
                ImGui::PopID();
            }
        }
        ImGui::EndTable();
    }
    if (rows.empty()) DimText(T(S::NoMatches));
    ImGui::BeginChild("details", ImVec2(0, 0), true);
    ImGui::PushTextWrapPos(0);
    Details(app);
    ImGui::PopTextWrapPos();
    ImGui::EndChild();
}

}  // namespace stegvis::ui
