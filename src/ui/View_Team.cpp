// Steps 6-11: the team, the initiatives and each initiative's reasons, resources, plan (with a
// timeline) and training. All lists are record tables edited in place; see Records.hpp.
// [SECTION] record table  [SECTION] initiatives  [SECTION] step 6-11 workspaces  [SECTION] timeline
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cfloat>

#include "domain/Inventory.hpp"
#include "domain/Records.hpp"
#include "base/Text.hpp"
#include "ui/Probe.hpp"
#include "ui/Views.hpp"
#include "ui/Widgets.hpp"

namespace stegvis::ui {

namespace {

std::string CellKey(const char* kind, int64_t id, const char* field) {
    return std::string("rec/") + kind + "/" + std::to_string(id) + "/" + field;
}

// A combo for team members ("–" = nobody); returns true with the chosen id text.
bool MemberCombo(const App& app, const char* id, const std::string& current, std::string* chosen,
                 float width = -FLT_MIN) {
    std::string preview = current.empty() ? "–" : MemberName(app.model, current);
    if (preview.empty()) preview = "?";
    bool picked = false;
    ImGui::SetNextItemWidth(width);
    if (ImGui::BeginCombo(id, preview.c_str())) {
        if (ImGui::Selectable("–", current.empty())) {
            chosen->clear();
            picked = true;
        }
        for (const Record* m : Records(app.model, "member")) {
            ImGui::PushID(static_cast<int>(m->id));
            std::string label = m->Get("name") + (m->Get("role").empty() ? "" : " (" + std::string(OptionLabel(MemberRoles(), m->Get("role"), CurrentLanguage() == Lang::En)) + ")");
            if (ImGui::Selectable(label.c_str(), std::to_string(m->id) == current)) {
                *chosen = std::to_string(m->id);
                picked = true;
            }
            ImGui::PopID();
        }
        ImGui::EndCombo();
    }
    return picked;
}



void SetField(App& app, const char* kind, int64_t id, const char* field, const std::string& value) {
    std::string key = CellKey(kind, id, field);
    app.ui.fieldErrors.erase(key);
    app.Dispatch(SetRecordField{kind, id, field, value}, [key, field = std::string(field)](App& a, const ApplyResult& r) {
        if (r.ok) return;
        auto it = a.ui.fieldErrors.find(field);
        if (it != a.ui.fieldErrors.end()) a.ui.fieldErrors[key] = it->second;
    });
}

// A list cell (status, responsible person ...) edited like the inventory's: typing the start of
// a value sets it, so the cell is a Tab stop like any other; a right click gives the list, and
// after a choice the cursor is back in the cell for Tab and typing.
void ChoiceCell(App& app, const char* kind, const Record& r, const char* field, const std::vector<Option>& opts,
                const std::string& value, const std::string& next) {
    const bool en = CurrentLanguage() == Lang::En;
    const std::string key = CellKey(kind, r.id, field);
    std::string label = value.empty() ? "" : OptionLabel(opts, value, en);
    if (!value.empty() && label.empty()) label = MemberName(app.model, value);  // a removed person
    std::string typed;
    if (EditCell(app, key, label, next, &typed, "…")) {
        auto match = MatchOption(opts, typed, en);
        if (!match) {
            app.ui.fieldErrors[key] = Format(S::InvNoSuchOption, typed.c_str(), OptionHint(opts, en).c_str());
            app.SetMessage(app.ui.fieldErrors[key], true);
        } else if (*match != value) {
            SetField(app, kind, r.id, field, *match);
        }
    }
    if (app.ui.fieldErrors.count(key)) MarkCellError();
    if (app.ui.activeCell == key && !AnyPopupOpen()) ImGui::SetTooltip("%s%s", CellError(app, key).c_str(), OptionHint(opts, en).c_str());
    std::string chosen;
    if (OptionMenu(field, opts, en, &chosen)) {
        SetField(app, kind, r.id, field, chosen);
        RefocusAfterChoice(app, key);
    }
}

void RemovePopup(App& app) {
    if (app.ui.removeId != 0 && !ImGui::IsPopupOpen("###removerecord")) ImGui::OpenPopup("###removerecord");
    if (!ImGui::BeginPopupModal((std::string(T(S::RemoveTitle)) + "###removerecord").c_str(), nullptr,
                                ImGuiWindowFlags_AlwaysAutoResize))
        return;
    CloseIfDone(app, "removerecord");
    const Record* r = FindRecord(app.model, app.ui.removeKind, app.ui.removeId);
    std::string what = r ? (r->Get("name") + r->Get("what") + r->Get("indicator") + r->Get("description") + r->Get("course")) : "";
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 26);
    Paragraph(Format(S::RemoveConfirm, what.c_str()));
    FieldError(app, "id");
    ImGui::PopTextWrapPos();
    if (ImGui::Button(T(S::Remove))) {
        app.ui.fieldErrors.erase("id");
        app.Dispatch(RemoveRecord{app.ui.removeKind, app.ui.removeId},
                     CloseOnSuccess("removerecord", [](App& a, const ApplyResult&) { a.ui.removeId = 0; }));
    }
    ImGui::SameLine();
    if (ImGui::Button(T(S::Cancel))) {
        app.ui.fieldErrors.erase("id");
        app.ui.removeId = 0;
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

}  // namespace

// [SECTION] record table
// Rows of one kind, each column edited by its field's type; overdue activities and missing
// resources are shown in red.
void RecordTable(App& app, const char* kind, int64_t initiative, const std::vector<Column>& cols, S emptyText) {
    const RecordKind* spec = FindRecordKind(kind);
    auto rows = Records(app.model, kind, initiative);
    const std::string today = TodayIso();
    if (rows.empty()) {
        DimText(T(emptyText));
    } else if (ImGui::BeginTable(kind, static_cast<int>(cols.size()) + 1,
                                 ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersV |
                                     ImGuiTableFlags_Resizable | ImGuiTableFlags_ScrollX | ImGuiTableFlags_ScrollY,
                                 // As tall as its rows (a scrolling table would otherwise fill the window), at
                                 // most twelve rows before it scrolls.
                                 ImVec2(0, (ImGui::GetFrameHeight() + ImGui::GetStyle().CellPadding.y * 2) *
                                                   (static_cast<float>(std::min<size_t>(rows.size(), 12)) + 1.0f) +
                                               ImGui::GetStyle().ScrollbarSize + 4))) {
        ImGui::TableSetupScrollFreeze(0, 1);
        const float fs = ImGui::GetFontSize();
        for (const Column& c : cols)
            ImGui::TableSetupColumn(T(c.title), ImGuiTableColumnFlags_WidthFixed, fs * c.width);
        ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, fs * 1.6f);
        HeadersRow();
        for (size_t i = 0; i < rows.size(); ++i) {
            const Record& r = *rows[i];
            ImGui::PushID(static_cast<int>(r.id));
            ImGui::TableNextRow();
            const bool overdue = std::string(kind) == "activity" && IsOverdue(r, today);
            for (const Column& c : cols) {
                ImGui::TableNextColumn();
                const FieldSpec* f = spec->Field(c.field);
                const std::string& value = r.Get(c.field);
                std::string chosen;
                const std::string next = i + 1 < rows.size() ? CellKey(kind, rows[i + 1]->id, c.field) : "";
                switch (f->type) {
                    case FieldType::Enum: {
                        const bool alarm = value == "missing";
                        if (alarm) ImGui::PushStyleColor(ImGuiCol_FrameBg, kAlarmBg);
                        ChoiceCell(app, kind, r, c.field, *f->options, value, next);
                        if (alarm) ImGui::PopStyleColor();
                        break;
                    }
                    case FieldType::Member:
                    case FieldType::RequiredMember: {
                        // The team as options: id as the key, the name as the label.
                        std::vector<std::string> ids, names;
                        for (const Record* m : Records(app.model, "member")) {
                            ids.push_back(std::to_string(m->id));
                            names.push_back(m->Get("name"));
                        }
                        std::vector<Option> opts;
                        for (size_t k = 0; k < ids.size(); ++k) opts.push_back({ids[k].c_str(), names[k].c_str(), names[k].c_str()});
                        ChoiceCell(app, kind, r, c.field, opts, value, next);
                        break;
                    }
                    default: {
                        std::string key = CellKey(kind, r.id, c.field);
                        std::string typed;
                        const char* hint = f->type == FieldType::Date ? T(S::DateHint) : "";
                        const bool alarm = overdue && std::string(c.field) == "due_on";
                        if (alarm) ImGui::PushStyleColor(ImGuiCol_FrameBg, kAlarmBg);
                        const std::string shown = f->type == FieldType::Number ? NumberText(value) : value;
                        if (EditCell(app, key, shown, next, &typed, hint)) SetField(app, kind, r.id, c.field, typed);
                        if (alarm) {
                            ImGui::PopStyleColor();
                            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", T(S::Overdue));
                        }
                        if (app.ui.fieldErrors.count(key)) MarkCellError();
                    }
                }
            }
            ImGui::TableNextColumn();
            if (ImGui::SmallButton("×")) {
                app.ui.removeKind = kind;
                app.ui.removeId = r.id;
            }
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", T(S::Remove));
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    RemovePopup(app);
}

// The fields a new record needs, and a button that adds it.
void AddBar(App& app, const char* kind, int64_t initiative, S buttonLabel,
            const std::map<std::string, std::string>& defaults, std::initializer_list<const char*> alsoAsk) {
    const RecordKind* spec = FindRecordKind(kind);
    ImGui::PushID(kind);
    std::map<std::string, std::string> fields = defaults;
    bool first = true, enter = false;
    for (const FieldSpec& f : spec->fields) {
        const bool asked = std::any_of(alsoAsk.begin(), alsoAsk.end(), [&](const char* n) { return std::string(n) == f.name; });
        if (f.type != FieldType::RequiredText && f.type != FieldType::RequiredMember && !asked) continue;
        std::string& buf = app.ui.addFields[std::string(kind) + "/" + f.name];
        if (!first) ImGui::SameLine();
        if (f.type == FieldType::RequiredMember || f.type == FieldType::Member) {
            std::string chosen;
            if (MemberCombo(app, (std::string("##") + f.name).c_str(), buf, &chosen, ImGui::GetFontSize() * 10)) buf = chosen;
            ProbeItem(std::string("add/") + kind + "/" + f.name);
        } else {
            // After an add by Enter the cursor is back in the first field for the next one.
            if (first && app.ui.refocusAdd == kind) {
                ImGui::SetKeyboardFocusHere();
                app.ui.refocusAdd.clear();
            }
            ImGui::SetNextItemWidth(ImGui::GetFontSize() * (asked ? 11 : 14));
            enter |= ImGui::InputTextWithHint((std::string("##") + f.name).c_str(),
                                              std::string(f.name) == "trainee" ? T(S::TraineeHint) : T(buttonLabel), &buf,
                                              ImGuiInputTextFlags_EnterReturnsTrue);
            ProbeItem(std::string("add/") + kind + "/" + f.name);
        }
        first = false;
        fields[f.name] = buf;
    }
    ImGui::SameLine();
    const bool clicked = ImGui::Button(T(buttonLabel));
    ProbeItem(std::string("add/") + kind);
    if (clicked || enter) {
        app.ui.fieldErrors.erase(std::string("add/") + kind);
        // The cursor goes back to the add bar at once, so what is typed next lands there.
        if (enter) app.ui.refocusAdd = kind;
        app.Dispatch(AddRecord{kind, initiative, fields}, [kind = std::string(kind), fields](App& a, const ApplyResult& r) {
            if (!r.ok) {
                a.ui.fieldErrors["add/" + kind] = a.ui.message;
                return;
            }
            // Emptied for the next one, unless typing there has already begun.
            for (const auto& [name, value] : fields) {
                auto it = a.ui.addFields.find(kind + "/" + name);
                if (it != a.ui.addFields.end() && it->second == value) a.ui.addFields.erase(it);
            }
        });
    }
    // The reason on the button's line, so the rows under it stay where they are.
    if (auto it = app.ui.fieldErrors.find(std::string("add/") + kind); it != app.ui.fieldErrors.end()) {
        ImGui::SameLine();
        ImGui::TextColored(kErrorColor, "%s", it->second.c_str());
    }
    ImGui::PopID();
}

bool NeedInitiative(App& app) {
    if (app.CurrentInitiative() != 0) return true;
    Paragraph(T(S::NoInitiativeYet));
    if (ImGui::Button(T(S::GoToStep7))) app.OpenStepTab(7, StepTab::Workspace);
    return false;
}

namespace {

// [SECTION] timeline
void Timeline(const App& app, int64_t initiative) {
    auto acts = Records(app.model, "activity", initiative);
    std::vector<const Record*> dated;
    for (const Record* a : acts)
        if (IsIsoDate(a->Get("start_on")) || IsIsoDate(a->Get("due_on"))) dated.push_back(a);
    SubHeading(T(S::TimelineTitle));
    if (dated.empty()) {
        DimText(T(S::TimelineEmpty));
        return;
    }
    const std::string today = TodayIso();
    int lo = DaysSinceEpoch(today), hi = lo;
    for (const Record* a : dated)
        for (const char* f : {"start_on", "due_on"})
            if (IsIsoDate(a->Get(f))) {
                lo = std::min(lo, DaysSinceEpoch(a->Get(f)));
                hi = std::max(hi, DaysSinceEpoch(a->Get(f)));
            }
    lo -= 7;
    hi += 7;
    const float fs = ImGui::GetFontSize();
    const float labelW = std::min(fs * 14, ImGui::GetContentRegionAvail().x * 0.35f);
    const float rowH = ImGui::GetTextLineHeightWithSpacing() * 1.2f;
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float width = std::max(ImGui::GetContentRegionAvail().x - labelW - fs, fs * 10);
    const float height = rowH * (static_cast<float>(dated.size()) + 1.2f);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    auto xOf = [&](int day) { return origin.x + labelW + width * static_cast<float>(day - lo) / static_cast<float>(std::max(hi - lo, 1)); };
    const ImU32 grid = ImGui::GetColorU32(ImVec4(0.8f, 0.8f, 0.8f, 1.0f));
    const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
    // Month ticks, labelled YYYY-MM.
    std::string month = AddDays(AddDays(today, 0), 0).substr(0, 8) + "01";
    for (int back = 0; DaysSinceEpoch(month) > lo && back < 240; ++back) month = AddDays(month, -1).substr(0, 8) + "01";
    for (int guard = 0; DaysSinceEpoch(month) <= hi && guard < 240; ++guard) {
        int d = DaysSinceEpoch(month);
        if (d >= lo) {
            float x = xOf(d);
            dl->AddLine(ImVec2(x, origin.y), ImVec2(x, origin.y + height), grid);
            dl->AddText(ImVec2(x + 2, origin.y), text, month.substr(0, 7).c_str());
        }
        month = AddDays(month, 32).substr(0, 8) + "01";
    }
    for (size_t i = 0; i < dated.size(); ++i) {
        const Record& a = *dated[i];
        float y = origin.y + rowH * (static_cast<float>(i) + 1.2f);
        std::string label = a.Get("what");
        dl->PushClipRect(ImVec2(origin.x, y), ImVec2(origin.x + labelW - 4, y + rowH), true);
        dl->AddText(ImVec2(origin.x, y + 2), text, label.c_str());
        dl->PopClipRect();
        std::string s = IsIsoDate(a.Get("start_on")) ? a.Get("start_on") : a.Get("due_on");
        std::string e = IsIsoDate(a.Get("due_on")) ? a.Get("due_on") : s;
        ImVec4 colour = a.Get("status") == "done"      ? kOkColor
                        : IsOverdue(a, today)          ? kErrorColor
                        : a.Get("status") == "ongoing" ? kProgressColor
                                                       : ImVec4(0.30f, 0.50f, 0.85f, 1.0f);
        float x0 = xOf(DaysSinceEpoch(s)), x1 = std::max(xOf(DaysSinceEpoch(e) + 1), x0 + 3.0f);
        dl->AddRectFilled(ImVec2(x0, y + 3), ImVec2(x1, y + rowH - 3), ImGui::GetColorU32(colour), 3.0f);
    }
    float xt = xOf(DaysSinceEpoch(today));
    dl->AddLine(ImVec2(xt, origin.y), ImVec2(xt, origin.y + height), ImGui::GetColorU32(kErrorColor), 2.0f);
    dl->AddText(ImVec2(xt + 3, origin.y + height - ImGui::GetTextLineHeight()), ImGui::GetColorU32(kErrorColor), T(S::Today));
    ImGui::Dummy(ImVec2(labelW + width, height));
    if (ImGui::IsItemHovered()) {
        int row = static_cast<int>((ImGui::GetIO().MousePos.y - origin.y) / rowH - 1.2f);
        if (row >= 0 && row < static_cast<int>(dated.size())) {
            const Record& a = *dated[static_cast<size_t>(row)];
            ImGui::SetTooltip("%s\n%s – %s\n%s%s", a.Get("what").c_str(), a.Get("start_on").c_str(), a.Get("due_on").c_str(),
                              MemberName(app.model, a.Get("responsible")).c_str(), IsOverdue(a, today) ? T(S::OverdueMark) : "");
        }
    }
    DimText(T(S::TimelineLegend));
}

}  // namespace

// [SECTION] initiatives
void InitiativeSwitcher(App& app) {
    auto list = Records(app.model, "initiative");
    ImGui::Spacing();
    if (list.empty()) {
        ImGui::TextDisabled("%s", T(S::NoInitiativeShort));
        return;
    }
    int64_t current = app.CurrentInitiative();
    const Record* cur = FindRecord(app.model, "initiative", current);
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("%s", T(S::InitiativeLabel));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(-FLT_MIN);
    const bool open = ImGui::BeginCombo("##initiative", cur ? cur->Get("name").c_str() : "–");
    if (!open && cur && ImGui::IsItemHovered())
        if (const Recommendation* rec = app.catalog.Find(cur->Get("rec_id"))) RecommendationTooltip(*rec);
    if (open) {
        for (const Record* r : list) {
            ImGui::PushID(static_cast<int>(r->id));
            // Two initiatives can carry the same name (LB-01 and LB-04 are both "Bensodiazepiner"):
            // each choice names its recommendation and condition.
            const Recommendation* rec = app.catalog.Find(r->Get("rec_id"));
            const std::string label =
                r->Get("name") + "  (" + r->Get("rec_id") + (rec ? ": " + InterventionWithCondition(*rec) : std::string()) + ")";
            if (ImGui::Selectable(label.c_str(), r->id == current)) app.SelectInitiative(r->id);
            if (rec && ImGui::IsItemHovered()) RecommendationTooltip(*rec);
            ImGui::PopID();
        }
        ImGui::EndCombo();
    }
}

void InitiativeBanner(App& app) {
    const Record* cur = FindRecord(app.model, "initiative", app.CurrentInitiative());
    if (!cur) {
        DimText(T(S::NoInitiativeBanner));
        return;
    }
    ImGui::PushStyleColor(ImGuiCol_Text, kProgressColor);
    ImGui::TextWrapped("%s", Format(S::InitiativeBanner, cur->Get("name").c_str(), cur->Get("rec_id").c_str()).c_str());
    ImGui::PopStyleColor();
    // One line, so the workspace under it keeps its height; the recommendation in full on hover.
    if (ImGui::IsItemHovered())
        if (const Recommendation* rec = app.catalog.Find(cur->Get("rec_id"))) RecommendationTooltip(*rec);
}

// [SECTION] step 6-11 workspaces
void DrawTeam(App& app) {
    int leaders = LeaderCount(app.model);
    if (!Records(app.model, "member").empty() && leaders == 0) {
        ImGui::PushStyleColor(ImGuiCol_Text, kErrorColor);
        ImGui::TextWrapped("%s", T(S::NoLeader));
        ImGui::PopStyleColor();
    }
    DimText(T(S::TeamIntro));
    RecordTable(app, "member", 0,
                {{"name", S::MemberName, 11}, {"role", S::MemberRole, 9}, {"organisation", S::Organisation, 11},
                 {"contact", S::MemberContact, 12}},
                S::NoMembers);
    AddBar(app, "member", 0, S::AddMember, {{"role", leaders == 0 ? "leader" : "member"}});
}

void DrawInitiatives(App& app) {
    const bool en = CurrentLanguage() == Lang::En;
    DimText(T(S::InitiativesIntro));
    SubHeading(T(S::InitiativesTitle));
    auto list = Records(app.model, "initiative");
    if (list.empty()) DimText(T(S::NoInitiativesYet));
    for (const Record* r : list) {
        ImGui::PushID(static_cast<int>(r->id));
        const Recommendation* rec = app.catalog.Find(r->Get("rec_id"));
        int done = 0;
        for (int s = 8; s <= 15; ++s)
            if (StepState(app.model, s, r->id).status == StepStatus::Done) ++done;
        ImGui::BulletText("%s  (%s, %s %s)", r->Get("name").c_str(), r->Get("rec_id").c_str(), T(S::DecidedOn),
                          r->Get("decided_on").c_str());
        if (rec && ImGui::IsItemHovered()) RecommendationTooltip(*rec);
        ImGui::SameLine();
        ImGui::TextDisabled("%s", FormatN(S::StepsDone, done, done).c_str());
        ImGui::SameLine();
        if (ImGui::SmallButton(T(S::Open))) {
            app.SelectInitiative(r->id);
            app.OpenStepTab(8, StepTab::Workspace);
        }
        ImGui::SameLine();
        if (ImGui::SmallButton(T(S::Remove))) {
            app.ui.removeKind = "initiative";
            app.ui.removeId = r->id;
        }
        if (rec && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", InterventionWithCondition(*rec).c_str());
        if (rec) {
            // The recommendation under the initiative's name, which the team may have shortened.
            ImGui::Indent();
            InterventionText(*rec);
            ImGui::Unindent();
        }
        ImGui::PopID();
    }
    RemovePopup(app);

    SubHeading(T(S::CandidatesFromStep3));
    auto candidates = PriorityCandidates(app.model, app.catalog);
    std::stable_partition(candidates.begin(), candidates.end(), [&](const Recommendation* r) {
        auto pe = app.model.priorities.find(r->id);
        return pe != app.model.priorities.end() && pe->second.selected;
    });
    if (candidates.empty()) DimText(T(S::NoCandidates));
    for (size_t i = 0; i < candidates.size() && i < 12; ++i) {
        const Recommendation& r = *candidates[i];
        ImGui::PushID(r.id.c_str());
        auto pe = app.model.priorities.find(r.id);
        bool chosen = pe != app.model.priorities.end() && pe->second.selected;
        bool started = std::any_of(list.begin(), list.end(), [&](const Record* x) { return x->Get("rec_id") == r.id; });
        ImGui::BeginDisabled(started);
        if (ImGui::SmallButton(T(S::StartInitiative))) {
            app.ui.startRec = r.id;
            app.ui.startName = r.intervention;
            app.ui.startDecidedOn = TodayIso();
            app.ui.startRationale.clear();
            app.ui.startParticipants.clear();
            app.ui.fieldErrors.clear();
            app.ui.startFormOpen = true;
        }
        ImGui::EndDisabled();
        ImGui::SameLine();
        ImGui::Text("%s %s  %s", chosen ? "\xE2\x9C\x93" : " ", r.id.c_str(), r.intervention.c_str());
        if (ImGui::IsItemHovered()) RecommendationTooltip(r);
        ImGui::SameLine();
        ImGui::TextDisabled("(%s%s)", LevelWithPriority(r).c_str(), started ? (std::string(", ") + T(S::Started)).c_str() : "");
        // The condition on its own line under the choice: at 1024 px the line above is full.
        ImGui::Indent(ImGui::GetFontSize() * 2);
        DimText(r.condition.c_str());
        ImGui::Unindent(ImGui::GetFontSize() * 2);
        ImGui::PopID();
    }
    (void)en;

    if (app.ui.startFormOpen) {
        ImGui::OpenPopup("###startinitiative");
        app.ui.startFormOpen = false;
    }
    const ImGuiWindowFlags grow = DialogWidth(30);
    if (ImGui::BeginPopupModal((std::string(T(S::StartInitiative)) + "###startinitiative").c_str(), nullptr, grow)) {
        CloseIfDone(app, "startinitiative");
        const Recommendation* rec = app.catalog.Find(app.ui.startRec);
        if (rec) DimText((rec->id + ": " + rec->condition + " → " + rec->intervention).c_str());
        LabelAbove(T(S::InitiativeName));
        ImGui::InputText("##name", &app.ui.startName);
        LabelAbove(T(S::DecisionDate), ImGui::GetFontSize() * 7.5f);
        ImGui::InputTextWithHint("##decidedon", T(S::DateHint), &app.ui.startDecidedOn);
        LabelAbove(T(S::Rationale));
        ImGui::InputTextMultiline("##rationale", &app.ui.startRationale, ImVec2(-FLT_MIN, ImGui::GetTextLineHeight() * 3));
        LabelAbove(T(S::Participants));
        ImGui::InputText("##participants", &app.ui.startParticipants);
        DimText(T(S::StartInitiativeNote));
        ErrorLine(app, {"name", "decided_on"});
        if (ImGui::Button(T(S::StartInitiative))) {
            app.ui.fieldErrors.clear();
            app.Dispatch(StartInitiative{app.ui.startRec, app.ui.startName, Trim(app.ui.startDecidedOn), app.ui.startRationale,
                                         app.ui.startParticipants},
                         CloseOnSuccess("startinitiative", [](App& a, const ApplyResult& r) { a.SelectInitiative(r.newId); }));
        }
        ImGui::SameLine();
        if (ImGui::Button(T(S::Cancel))) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
}

void DrawRationale(App& app) {
    if (!NeedInitiative(app)) return;
    const bool en = CurrentLanguage() == Lang::En;
    const Record* init = FindRecord(app.model, "initiative", app.CurrentInitiative());
    const std::string recId = init->Get("rec_id");
    const Recommendation* rec = app.catalog.Find(recId);
    SubHeading(T(S::TheNeed));
    if (rec) Paragraph(rec->id + ": " + rec->condition + " → " + rec->intervention + " (" + LevelStatedText(*rec) + ")");
    if (const InventoryRow* row = app.model.Inventory(recId)) {
        Paragraph(Format(S::NeedFromInventory, InvFieldDisplay(*row, InvField::Offered, en).c_str(),
                         InvFieldDisplay(*row, InvField::Gap, en).c_str(),
                         row->volume ? std::to_string(*row->volume).c_str() : "?"));
        if (!row->comment.empty()) DimText(row->comment.c_str());
    } else {
        DimText(T(S::NeedNotInventoried));
    }
    if (app.ui.effectFor != init->id) {
        app.ui.effectFor = init->id;
        app.ui.effectBuf = init->Get("expected_effect");
        app.ui.evidenceBuf = init->Get("evidence");
    }
    SubHeading(T(S::ExpectedEffect));
    ImGui::InputTextMultiline("##effect", &app.ui.effectBuf, ImVec2(-1, ImGui::GetTextLineHeight() * 4));
    if (EditFinished(app)) app.Dispatch(SetRecordField{"initiative", init->id, "expected_effect", app.ui.effectBuf});
    SubHeading(T(S::Evidence));
    ImGui::InputTextMultiline("##evidence", &app.ui.evidenceBuf, ImVec2(-1, ImGui::GetTextLineHeight() * 4));
    if (EditFinished(app)) app.Dispatch(SetRecordField{"initiative", init->id, "evidence", app.ui.evidenceBuf});
    DimText(T(S::EvidenceHint));
    DrawHexagon(app, recId);
}

void DrawResources(App& app) {
    if (!NeedInitiative(app)) return;
    int64_t init = app.CurrentInitiative();
    // The add buttons and the count of missing resources share one line above the table, so
    // neither a new row nor the count appearing moves a button before the next click.
    for (const Option& k : ResourceKinds()) {
        ImGui::PushID(k.key);
        if (ImGui::SmallButton((std::string("+ ") + (CurrentLanguage() == Lang::En ? k.en : k.sv)).c_str()))
            app.Dispatch(AddRecord{"resource", init, {{"kind", k.key}, {"status", "missing"}}});
        ProbeItem(std::string("add-resource-") + k.key);
        ImGui::PopID();
        ImGui::SameLine();
    }
    int missing = MissingResourceCount(app.model, init);
    if (missing > 0) ImGui::TextColored(kErrorColor, "%s", FormatN(S::ResourcesMissing, missing, missing).c_str());
    else ImGui::NewLine();
    RecordTable(app, "resource", init,
                {{"kind", S::ResKind, 7}, {"description", S::ResDescription, 13}, {"amount_sek", S::ResAmount, 6},
                 {"status", S::ResStatus, 6}, {"responsible", S::Responsible, 9}, {"due_on", S::DueOn, 6.5f},
                 {"note", S::InvComment, 10}},
                S::NoResources);
}

void DrawPlan(App& app) {
    if (!NeedInitiative(app)) return;
    int64_t init = app.CurrentInitiative();
    SubHeading(T(S::GoalsTitle));
    RecordTable(app, "goal", init,
                {{"indicator", S::GoalIndicator, 18}, {"baseline", S::GoalBaseline, 6}, {"target", S::GoalTarget, 6},
                 {"target_date", S::GoalDate, 6.5f}},
                S::NoGoals);
    AddBar(app, "goal", init, S::AddGoal);
    SubHeading(T(S::ActivitiesTitle));
    // On the heading's line: a count that comes and goes must not move the rows under it.
    if (int overdue = OverdueCount(app.model, init, TodayIso()); overdue > 0) {
        ImGui::SameLine();
        ImGui::TextColored(kErrorColor, "%s", FormatN(S::OverdueCount, overdue, overdue).c_str());
    }
    RecordTable(app, "activity", init,
                {{"kind", S::ActKind, 7}, {"what", S::ActWhat, 14}, {"responsible", S::Responsible, 9},
                 {"start_on", S::StartDate, 6.5f}, {"due_on", S::DueOn, 6.5f}, {"status", S::Status, 6}},
                S::NoActivities);
    AddBar(app, "activity", init, S::AddActivity, {{"kind", "activity"}, {"status", "planned"}});
    Timeline(app, init);
}

void DrawTraining(App& app) {
    if (!NeedInitiative(app)) return;
    const bool en = CurrentLanguage() == Lang::En;
    int64_t init = app.CurrentInitiative();
    SubHeading(T(S::CoverageTitle));
    auto cov = TrainingCoverage(app.model, init);
    if (cov.empty()) DimText(T(S::NoTrainings));
    for (const Coverage& c : cov) {
        ImGui::ProgressBar(static_cast<float>(c.trained) / static_cast<float>(std::max(c.members, 1)),
                           ImVec2(ImGui::GetFontSize() * 12, 0),
                           Format(S::CoverageOf, c.trained, c.members).c_str());
        ImGui::SameLine();
        if (c.outsideTeam) ImGui::TextUnformatted(Format(S::CoverageOutside, OptionLabel(TraineeRoles(), c.role, en)).c_str());
        else ImGui::TextUnformatted(OptionLabel(MemberRoles(), c.role, en));
        if (c.planned > 0) {
            ImGui::SameLine();
            ImGui::TextDisabled("%s", FormatN(S::CoveragePlanned, c.planned, c.planned).c_str());
        }
    }
    SubHeading(T(S::TrainingsTitle));
    RecordTable(app, "training", init,
                {{"member", S::TrainedPerson, 9}, {"trainee", S::Trainee, 8}, {"trainee_role", S::TraineeRole, 6},
                 {"course", S::Course, 11}, {"trained_on", S::TrainedOn, 6.5f}, {"trainer", S::Trainer, 8},
                 {"status", S::Status, 6}},
                S::NoTrainings);
    // A training is for a team member, or for somebody outside the team who will use the
    // intervention (an investigator, a therapist), named here.
    AddBar(app, "training", init, S::AddTraining, {{"status", "planned"}}, {"member", "trainee"});
}

}  // namespace stegvis::ui
