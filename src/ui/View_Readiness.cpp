// Step 4, readiness for change: rounds of a questionnaire (ORIC by default, any instrument in
// data/instruments/), answers typed digit by digit from paper forms, and the statistics.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cmath>

#include "domain/Inventory.hpp"
#include "domain/Readiness.hpp"
#include "base/Text.hpp"
#include "ui/Probe.hpp"
#include "ui/Views.hpp"
#include "ui/Widgets.hpp"

namespace stegvis::ui {

namespace {

std::string AnswerKey(int64_t round, int respondent, size_t item) {
    return "ans/" + std::to_string(round) + "/" + std::to_string(respondent) + "/" + std::to_string(item);
}

void NewRoundForm(App& app) {
    const bool en = CurrentLanguage() == Lang::En;
    if (app.ui.roundFormOpen) {
        ImGui::OpenPopup("###roundform");
        app.ui.roundFormOpen = false;
    }
    if (!ImGui::BeginPopupModal((std::string(T(S::NewRound)) + "###roundform").c_str(), nullptr,
                                ImGuiWindowFlags_AlwaysAutoResize))
        return;
    CloseIfDone(app, "roundform");
    const float w = ImGui::GetFontSize() * 18;
    std::vector<const char*> names;
    for (const auto& i : app.instruments) names.push_back(i.name.In(en).c_str());
    ImGui::SetNextItemWidth(w);
    ImGui::Combo(T(S::Instrument), &app.ui.roundInstrument, names.data(), static_cast<int>(names.size()));
    ImGui::SetNextItemWidth(w);
    ImGui::InputText(T(S::RoundName), &app.ui.roundName);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7.5f);
    ImGui::InputTextWithHint(T(S::RoundDate), T(S::DateHint), &app.ui.roundDate);
    ErrorLine(app, {"round_name", "round_date"});
    const bool create = ImGui::Button(T(S::CreateRound));
    ProbeItem("round-create");
    if (create) {
        app.ui.fieldErrors.erase("round_name");
        app.ui.fieldErrors.erase("round_date");
        const auto& ins = app.instruments.at(static_cast<size_t>(std::clamp(app.ui.roundInstrument, 0, static_cast<int>(app.instruments.size()) - 1)));
        app.Dispatch(AddReadinessRound{ins.id, app.ui.roundName, Trim(app.ui.roundDate)},
                     CloseOnSuccess("roundform", [](App& a, const ApplyResult& r) { a.ui.round = r.newId; }));
    }
    ImGui::SameLine();
    if (ImGui::Button(T(S::Cancel))) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
}

// Respondents as rows, items as columns. A digit in the scale is stored at once and the
// cursor moves on, so a stack of paper forms is typed in quickly.
void EntryGrid(App& app, const ReadinessRound& round, const Instrument& ins) {
    const bool en = CurrentLanguage() == Lang::En;
    ImGui::AlignTextToFramePadding();
    ImGui::Text(T(S::RespondentsN), round.respondents);
    ImGui::SameLine();
    const bool add = ImGui::Button(T(S::AddRespondent));
    ProbeItem("add-respondent");
    if (add) {
        app.Dispatch(SetRoundRespondents{round.id, round.respondents + 1});
        app.ui.focusCell = AnswerKey(round.id, round.respondents + 1, 0);
    }
    ImGui::SameLine();
    ImGui::BeginDisabled(round.respondents == 0);
    if (ImGui::Button(T(S::RemoveLastRespondent))) app.Dispatch(SetRoundRespondents{round.id, round.respondents - 1});
    ImGui::EndDisabled();
    ImGui::SameLine();
    DimText(Format(S::EntryHint, ins.MinValue(), ins.MaxValue()).c_str());
    if (round.respondents == 0) return;

    const int cols = static_cast<int>(ins.items.size()) + 1;
    ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersV |
                            ImGuiTableFlags_ScrollY | ImGuiTableFlags_ScrollX | ImGuiTableFlags_SizingFixedFit;
    float h = std::min(ImGui::GetTextLineHeightWithSpacing() * 1.35f * (static_cast<float>(round.respondents) + 1.5f),
                       ImGui::GetContentRegionAvail().y * 0.4f);
    if (!ImGui::BeginTable("answers", cols, flags, ImVec2(0, h))) return;
    ImGui::TableSetupScrollFreeze(1, 1);
    ImGui::TableSetupColumn(T(S::Respondent), 0, ImGui::GetFontSize() * 5);
    for (size_t i = 0; i < ins.items.size(); ++i)
        ImGui::TableSetupColumn(std::to_string(i + 1).c_str(), 0, ImGui::GetFontSize() * 2.2f);
    HeadersRow();
    for (size_t i = 0; i < ins.items.size(); ++i) {
        ImGui::TableSetColumnIndex(static_cast<int>(i) + 1);
        if (ImGui::TableGetColumnFlags(static_cast<int>(i) + 1) & ImGuiTableColumnFlags_IsHovered)
            ImGui::SetTooltip("%zu. %s", i + 1, ins.items[i].text.In(en).c_str());
    }
    for (int r = 1; r <= round.respondents; ++r) {
        ImGui::PushID(r);
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::AlignTextToFramePadding();
        ImGui::Text("%s %d", T(S::RespondentShort), r);
        for (size_t i = 0; i < ins.items.size(); ++i) {
            ImGui::TableNextColumn();
            auto it = round.answers.find({r, ins.items[i].id});
            std::string display = it == round.answers.end() ? "" : std::to_string(it->second);
            std::string key = AnswerKey(round.id, r, i);
            bool last = i + 1 == ins.items.size();
            std::string next = last ? (r < round.respondents ? AnswerKey(round.id, r + 1, 0) : "") : AnswerKey(round.id, r, i + 1);
            std::string typed;
            bool done = EditCell(app, key, display, next, &typed);
            // One digit is an answer: store it and move on without Tab or Enter. Only a digit
            // typed just now counts, so the same digit typed over itself also moves on.
            bool autoDigit = false;
            if (!done && app.ui.cellTyped && app.ui.activeCell == key && app.ui.cellBuf.size() == 1 &&
                std::isdigit(static_cast<unsigned char>(app.ui.cellBuf[0]))) {
                typed = app.ui.cellBuf;
                done = autoDigit = true;
            }
            if (done) {
                app.ui.fieldErrors.erase(key);
                std::string t = Trim(typed);
                std::optional<int> value;
                bool ok = t.empty() || (t.size() <= 2 && std::all_of(t.begin(), t.end(), ::isdigit));
                if (ok && !t.empty()) value = std::stoi(t);
                if (ok && value && (*value < ins.MinValue() || *value > ins.MaxValue())) ok = false;
                if (!ok) {
                    app.ui.fieldErrors[key] = Format(S::AnswerRange, ins.MinValue(), ins.MaxValue());
                    app.SetMessage(app.ui.fieldErrors[key], true);
                    // The cursor stays; the next digit replaces the refused one.
                    if (autoDigit) SelectCellText(app, key);
                } else {
                    app.Dispatch(SetAnswer{round.id, r, ins.items[i].id, value}, [key](App& a, const ApplyResult& res) {
                        if (!res.ok) a.ui.fieldErrors[key] = a.ui.message;
                    });
                    // Checked above, so the cursor moves on now: the next digit, typed before
                    // the frame ends, belongs in the next cell.
                    if (autoDigit) app.ui.focusCell = next;
                }
            }
            if (app.ui.fieldErrors.count(key)) MarkCellError();
            if (app.ui.activeCell == key)
                ImGui::SetTooltip("%s%zu. %s", CellError(app, key).c_str(), i + 1, ins.items[i].text.In(en).c_str());
        }
        ImGui::PopID();
    }
    ImGui::EndTable();
}

void DrawStats(const ReadinessRound& round, const Instrument& ins) {
    const bool en = CurrentLanguage() == Lang::En;
    ReadinessStats st = ComputeReadiness(ins, ToGrid(round, ins));
    SubHeading(Format(S::ResultsN, st.respondents).c_str());
    if (st.respondents == 0) {
        DimText(T(S::NoAnswersYet));
        return;
    }
    if (ImGui::BeginTable("subscales", 5, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_SizingFixedFit)) {
        ImGui::TableSetupColumn(T(S::Subscale), ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableSetupColumn("n");
        ImGui::TableSetupColumn(T(S::Mean));
        ImGui::TableSetupColumn(T(S::Sd));
        ImGui::TableSetupColumn(T(S::MinMax));
        HeadersRow();
        for (size_t k = 0; k < st.subscales.size(); ++k) {
            const auto& s = st.subscales[k];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(ins.subscales[k].name.In(en).c_str());
            ImGui::TableNextColumn();
            ImGui::Text("%d", s.n);
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(Num(s.mean, 2).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(Num(s.sd, 2).c_str());
            ImGui::TableNextColumn();
            ImGui::Text("%s–%s", Num(s.min, 2).c_str(), Num(s.max, 2).c_str());
        }
        ImGui::EndTable();
    }
    ImGui::Spacing();
    ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_SizingFixedFit;
    if (ImGui::BeginTable("items", 4, flags)) {
        ImGui::TableSetupColumn(T(S::Item), ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableSetupColumn("n");
        ImGui::TableSetupColumn(T(S::Mean));
        ImGui::TableSetupColumn(T(S::Distribution), 0, ImGui::GetFontSize() * 10);
        HeadersRow();
        for (size_t i = 0; i < st.items.size(); ++i) {
            const auto& it = st.items[i];
            bool weak = std::find(st.weakestItems.begin(), st.weakestItems.end(), it.itemId) != st.weakestItems.end();
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            if (weak) ImGui::PushStyleColor(ImGuiCol_Text, kErrorColor);
            ImGui::TextWrapped("%zu. %s%s", i + 1, ins.items[i].text.In(en).c_str(), weak ? T(S::WeakMark) : "");
            if (weak) ImGui::PopStyleColor();
            ImGui::TableNextColumn();
            ImGui::Text("%d", it.n);
            ImGui::TableNextColumn();
            if (it.n > 0) ImGui::TextUnformatted(Num(it.mean, 2).c_str());
            ImGui::TableNextColumn();
            // The distribution as a stacked bar: darker = more agreement.
            ImVec2 p = ImGui::GetCursorScreenPos();
            float w = ImGui::GetFontSize() * 10, h = ImGui::GetTextLineHeight();
            ImDrawList* dl = ImGui::GetWindowDrawList();
            float x = p.x;
            const size_t levels = it.counts.size();
            for (size_t k = 0; k < levels && it.n > 0; ++k) {
                float seg = w * static_cast<float>(it.counts[k]) / static_cast<float>(it.n);
                float shade = 0.85f - 0.6f * static_cast<float>(k) / static_cast<float>(levels > 1 ? levels - 1 : 1);
                if (seg > 0) dl->AddRectFilled(ImVec2(x, p.y), ImVec2(x + seg, p.y + h), ImGui::GetColorU32(ImVec4(shade, shade + 0.05f, 0.95f, 1.0f)));
                x += seg;
            }
            ImGui::Dummy(ImVec2(w, h));
            if (ImGui::IsItemHovered()) {
                std::string tip;
                for (size_t k = 0; k < levels; ++k)
                    tip += std::to_string(ins.scale[k].value) + " " + ins.scale[k].label.In(en) + ": " + std::to_string(it.counts[k]) + "\n";
                ImGui::SetTooltip("%s", tip.c_str());
            }
        }
        ImGui::EndTable();
    }
}

void CompareRounds(const App& app, const Instrument& ins) {
    const bool en = CurrentLanguage() == Lang::En;
    std::vector<const ReadinessRound*> same;
    for (const auto& r : app.model.rounds)
        if (r.instrument == ins.id) same.push_back(&r);
    if (same.size() < 2) return;
    SubHeading(T(S::CompareRounds));
    const int cols = 3 + static_cast<int>(ins.subscales.size());
    if (ImGui::BeginTable("rounds", cols, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_SizingFixedFit)) {
        ImGui::TableSetupColumn(T(S::RoundName), ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableSetupColumn(T(S::RoundDate));
        ImGui::TableSetupColumn("n");
        for (const auto& s : ins.subscales) ImGui::TableSetupColumn(s.name.In(en).c_str());
        HeadersRow();
        for (const ReadinessRound* r : same) {
            ReadinessStats st = ComputeReadiness(ins, ToGrid(*r, ins));
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r->name.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r->heldOn.c_str());
            ImGui::TableNextColumn();
            ImGui::Text("%d", st.respondents);
            for (const auto& s : st.subscales) {
                ImGui::TableNextColumn();
                if (s.n > 0) ImGui::TextUnformatted(Num(s.mean, 2).c_str());
                else ImGui::TextDisabled("–");
            }
        }
        ImGui::EndTable();
    }
}

}  // namespace

void DrawReadiness(App& app) {
    const bool en = CurrentLanguage() == Lang::En;
    if (app.instruments.empty()) {
        Paragraph(T(S::NoInstruments));
        return;
    }
    const ReadinessRound* round = nullptr;
    for (const auto& r : app.model.rounds)
        if (r.id == app.ui.round) round = &r;
    if (!round && !app.model.rounds.empty()) {
        round = &app.model.rounds.back();
        app.ui.round = round->id;
    }
    const bool newRound = ImGui::Button(T(S::NewRound));
    ProbeItem("new-round");
    if (newRound) {
        app.ui.roundName = Format(S::RoundDefaultName, static_cast<int>(app.model.rounds.size()) + 1);
        app.ui.roundDate = TodayIso();
        app.ui.roundFormOpen = true;
    }
    if (round) {
        ImGui::SameLine();
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 16);
        std::string preview = round->name + " (" + round->heldOn + ")";
        if (ImGui::BeginCombo("##round", preview.c_str())) {
            for (const auto& r : app.model.rounds) {
                ImGui::PushID(static_cast<int>(r.id));
                if (ImGui::Selectable((r.name + " (" + r.heldOn + ")").c_str(), r.id == round->id)) app.ui.round = r.id;
                ImGui::PopID();
            }
            ImGui::EndCombo();
        }
    }
    NewRoundForm(app);
    if (!round) {
        ImGui::PushTextWrapPos(0);
        Paragraph(T(S::NoRoundsYet));
        ImGui::PopTextWrapPos();
        return;
    }
    const Instrument* ins = app.FindInstrument(round->instrument);
    if (!ins) {
        Paragraph(Format(S::UnknownInstrument, round->instrument.c_str()));
        return;
    }
    ImGui::PushTextWrapPos(0);
    DimText((ins->name.In(en) + ". " + ins->citation).c_str());
    ImGui::PopTextWrapPos();
    EntryGrid(app, *round, *ins);
    DrawStats(*round, *ins);
    CompareRounds(app, *ins);
}

}  // namespace stegvis::ui
