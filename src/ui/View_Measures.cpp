// Steps 12-15: measures and their data (typed or pasted), the frozen baseline, PDSA cycles,
// the run chart with its parts and the Anhøj analysis, what the pilot taught, and full scale.
// [SECTION] helpers  [SECTION] run chart  [SECTION] data entry  [SECTION] workspaces
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>

#include "base/Platform.hpp"
#include "print/Cairo.hpp"
#include "domain/ChartScene.hpp"
#include "domain/Measures.hpp"
#include "base/Paths.hpp"
#include "domain/Records.hpp"
#include "base/Text.hpp"
#include "ui/Fonts.hpp"
#include "ui/Probe.hpp"
#include "ui/Views.hpp"
#include "ui/Widgets.hpp"

namespace stegvis::ui {

namespace {

// [SECTION] helpers
// Whole numbers as they are, others with one decimal, with the interface's decimal sign.
std::string Fmt(double v) { return Num(v, std::fabs(v - std::round(v)) < 1e-9 ? 0 : 1); }

std::optional<double> ParseValue(const std::string& text) {
    std::string t = Trim(text);
    t.erase(std::remove(t.begin(), t.end(), ' '), t.end());
    std::replace(t.begin(), t.end(), ',', '.');
    if (t.empty()) return std::nullopt;
    char* end = nullptr;
    double v = std::strtod(t.c_str(), &end);
    if (*end != '\0' || !std::isfinite(v)) return std::nullopt;
    return v;
}

const Record* CurrentMeasure(App& app, int64_t initiative) {
    auto list = Records(app.model, "measure", initiative);
    for (const Record* r : list)
        if (r->id == app.ui.measure) return r;
    if (list.empty()) return nullptr;
    app.ui.measure = list.front()->id;
    return list.front();
}

bool MeasurePicker(App& app, int64_t initiative) {
    auto list = Records(app.model, "measure", initiative);
    if (list.empty()) {
        DimText(T(S::NoMeasures));
        return false;
    }
    const Record* cur = CurrentMeasure(app, initiative);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(T(S::Measure));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 24);
    if (ImGui::BeginCombo("##measure", cur->Get("name").c_str())) {
        for (const Record* r : list) {
            ImGui::PushID(static_cast<int>(r->id));
            if (ImGui::Selectable(r->Get("name").c_str(), r->id == cur->id)) app.ui.measure = r->id;
            ImGui::PopID();
        }
        ImGui::EndCombo();
    }
    return true;
}

std::string FullScaleFrom(const App& app, int64_t initiative) {
    const Record* init = FindRecord(app.model, "initiative", initiative);
    return init ? init->Get("full_scale_from") : "";
}

// [SECTION] run chart
// Paints the chart scene (domain/ChartScene, the same layout the documents and images get) into
// the window; a right-click offers "Save as image…" and "Copy".
void DrawRunChart(App& app, const Record& measure, const std::string& fullScaleFrom, float height) {
    const Chart& c = app.ChartFor(measure, fullScaleFrom);
    const float fs = ImGui::GetFontSize();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float width = std::max(ImGui::GetContentRegionAvail().x, fs * 20);
    ChartStyle style;
    style.width = width;
    style.height = height;
    style.fontSize = fs * 0.92;
    style.english = CurrentLanguage() == Lang::En;
    ImFont* font = ImGui::GetFont();
    style.measure = [font](const std::string& text, double size) {
        return static_cast<double>(font->CalcTextSizeA(static_cast<float>(size), FLT_MAX, 0, text.c_str()).x);
    };
    const ChartScene& scene = app.SceneFor(measure, fullScaleFrom, style);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    auto P = [&](const ScenePoint& p) { return ImVec2(origin.x + static_cast<float>(p.x), origin.y + static_cast<float>(p.y)); };
    auto Col = [](Rgb c) { return IM_COL32(c.r, c.g, c.b, 255); };
    for (const SceneItem& it : scene.items) {
        const float w = static_cast<float>(it.width), r = static_cast<float>(it.size);
        switch (it.kind) {
        case SceneItem::Kind::Rect:
            if (it.filled) dl->AddRectFilled(P(it.pts[0]), P(it.pts[1]), Col(it.fill));
            dl->AddRect(P(it.pts[0]), P(it.pts[1]), Col(it.colour));
            break;
        case SceneItem::Kind::Line:
            for (size_t i = 1; i < it.pts.size(); ++i) {
                const ImVec2 a = P(it.pts[i - 1]), b = P(it.pts[i]);
                if (!it.dashed) {
                    dl->AddLine(a, b, Col(it.colour), w);
                    continue;
                }
                const float len = std::hypot(b.x - a.x, b.y - a.y);
                for (float t = 0; t < len; t += 9) {
                    const float t1 = std::min(t + 5, len);
                    dl->AddLine(ImVec2(a.x + (b.x - a.x) * t / len, a.y + (b.y - a.y) * t / len),
                                ImVec2(a.x + (b.x - a.x) * t1 / len, a.y + (b.y - a.y) * t1 / len), Col(it.colour), w);
                }
            }
            break;
        case SceneItem::Kind::Text: {
            const float size = static_cast<float>(it.size);
            const float tw = font->CalcTextSizeA(size, FLT_MAX, 0, it.text.c_str()).x;
            ImVec2 at = P(it.pts[0]);
            if (it.align == SceneItem::Align::Centre) at.x -= tw / 2;
            if (it.align == SceneItem::Align::Right) at.x -= tw;
            dl->AddText(font, size, at, Col(it.colour), it.text.c_str());
            break;
        }
        case SceneItem::Kind::Dot: dl->AddCircleFilled(P(it.pts[0]), r, Col(it.colour)); break;
        case SceneItem::Kind::Ring: dl->AddCircle(P(it.pts[0]), r, Col(it.colour), 0, w); break;
        case SceneItem::Kind::Square:
            dl->AddRect(ImVec2(P(it.pts[0]).x - r, P(it.pts[0]).y - r), ImVec2(P(it.pts[0]).x + r, P(it.pts[0]).y + r), Col(it.colour), 0, 0, w);
            break;
        case SceneItem::Kind::Triangle: {
            const ImVec2 m = P(it.pts[0]);
            dl->AddTriangleFilled(ImVec2(m.x - r, m.y - r), ImVec2(m.x + r, m.y - r), ImVec2(m.x, m.y + r), Col(it.colour));
            break;
        }
        }
    }
    ImGui::InvisibleButton("##chart", ImVec2(width, height));
    ProbeItem("chart");
    // The point under the pointer: the nearest period, its value, unit, limits and note.
    if (ImGui::IsItemHovered() && !scene.points.empty()) {
        const float mx = ImGui::GetIO().MousePos.x - origin.x;
        size_t best = 0;
        for (size_t i = 1; i < scene.points.size(); ++i)
            if (std::fabs(scene.points[i].x - mx) < std::fabs(scene.points[best].x - mx)) best = i;
        if (best < c.values.size() && c.values[best]) {
            const bool outside = c.control && best < c.control->sigmaSignal.size() && c.control->sigmaSignal[best];
            ImGui::SetTooltip("%s: %s %s%s%s%s%s", c.periods[best].c_str(), Fmt(*c.values[best]).c_str(), measure.Get("unit").c_str(),
                              outside ? "\n" : "", outside ? T(S::SigmaOutside) : "", c.notes[best].empty() ? "" : "\n",
                              c.notes[best].c_str());
        }
    }
    if (ImGui::BeginPopupContextItem("##chartmenu")) {
        ProbeWindow("chart-menu");
        if (ImGui::MenuItem(T(S::ChartSaveImage))) {
            app.ui.chartSaveMeasure = measure.id;
            app.ui.chartSaveFolder = app.ExportFolder();
            std::string name;
            for (char ch : measure.Get("name")) name += (ch == '/' || ch == '\\' || ch == ':' || ch == '\n') ? '-' : ch;
            name = Trim(name);
            if (name.size() > 60) name.resize(60);
            while (!name.empty() && (static_cast<unsigned char>(name.back()) & 0xC0) == 0x80) name.pop_back();
            if (!name.empty() && static_cast<unsigned char>(name.back()) >= 0xC0) name.pop_back();
            app.ui.chartSaveName = (name.empty() ? std::string("diagram") : name) + ".png";
            app.ui.chartSaveFormat = 0;
            app.ui.exportMessage.clear();
            app.ui.replacePath.clear();
        }
        ProbeItem("chart-save");
        if (ImGui::MenuItem(T(S::ChartCopy))) app.CopyChartImage(measure.id);
        ProbeItem("chart-copy");
        ImGui::EndPopup();
    }
}

// "Save as image…": folder, file name and format; an existing file is replaced only when asked.
void DrawChartSaveDialog(App& app) {
    UiState& ui = app.ui;
    if (ui.chartSaveMeasure != 0 && !ImGui::IsPopupOpen("###chartsave")) ImGui::OpenPopup("###chartsave");
    const ImGuiWindowFlags grow = DialogWidth(30);
    if (!ImGui::BeginPopupModal((std::string(T(S::ChartSaveTitle)) + "###chartsave").c_str(), nullptr, grow)) return;
    ProbeWindow("chart-save-dialog");
    static const char* const kFormats[] = {"png", "svg", "pdf"};
    for (int i = 0; i < 3; ++i) {
        if (i) ImGui::SameLine();
        std::string label = kFormats[i];
        for (char& ch : label) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
        if (ImGui::RadioButton(label.c_str(), &ui.chartSaveFormat, i)) {
            const auto dot = ui.chartSaveName.find_last_of('.');
            ui.chartSaveName = (dot == std::string::npos ? ui.chartSaveName : ui.chartSaveName.substr(0, dot)) + "." + kFormats[i];
            ui.replacePath.clear();
        }
        ProbeItem(std::string("chart-format-") + kFormats[i]);
    }
    if (FolderAndNameFields("chart", &ui.chartSaveFolder, &ui.chartSaveName, "chart-name")) ui.replacePath.clear();
    DimText(T(S::ChartSaveHint));
    const int fmt = std::clamp(ui.chartSaveFormat, 0, 2);
    if (!DrawReplaceQuestion(app, "chart")) {
        ImGui::AlignTextToFramePadding();
        if (!ui.exportMessage.empty())
            ColoredParagraph(ui.messageIsError ? kErrorColor : kOkColor, ShortPath(ui.exportMessage));
        else
            ImGui::NewLine();
        if (ImGui::Button(T(S::Save))) {
            std::string folder = Trim(ui.chartSaveFolder);
            while (folder.size() > 1 && folder.back() == '/') folder.pop_back();
            ui.replaceWhere = "chart";
            app.RequestExport("chart:" + std::to_string(ui.chartSaveMeasure), kFormats[fmt], folder + platform::kSeparator + Trim(ui.chartSaveName));
        }
        ProbeItem("chart-save-do");
        ImGui::SameLine();
        if (ImGui::Button(T(S::Close))) {
            ui.chartSaveMeasure = 0;
            ImGui::CloseCurrentPopup();
        }
        ProbeItem("chart-save-close");
    }
    ImGui::EndPopup();
}

void AnalysisTable(const Chart& c, const Record& measure) {
    if (c.parts.empty()) return;
    if (!ImGui::BeginTable("analysis", 6, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_SizingFixedFit)) return;
    ImGui::TableSetupColumn(T(S::Part), ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn(T(S::UsefulPoints));
    ImGui::TableSetupColumn(T(S::LongestRun));
    ImGui::TableSetupColumn(T(S::Crossings));
    ImGui::TableSetupColumn(T(S::Signal));
    ImGui::TableSetupColumn(T(S::Verdict));
    HeadersRow();
    for (const ChartPart& p : c.parts) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(PartLabel(p, CurrentLanguage() == Lang::En).c_str());
        if (!p.analysed) continue;
        const RunAnalysis& a = p.analysis;
        ImGui::TableNextColumn();
        ImGui::Text("%d", a.nUseful);
        ImGui::TableNextColumn();
        if (a.longestRunMax) ImGui::Text("%d (%s %d)", a.longestRun, T(S::Max), *a.longestRunMax);
        ImGui::TableNextColumn();
        if (a.crossingsMin) ImGui::Text("%d (%s %d)", a.crossings, T(S::Min), *a.crossingsMin);
        ImGui::TableNextColumn();
        if (a.signal) ImGui::TextUnformatted(a.runsSignal && a.crossingsSignal ? T(S::SignalBoth) : a.runsSignal ? T(S::SignalRun) : T(S::SignalCross));
        if (p.sigmaSignal) ImGui::TextUnformatted(T(S::SignalSigma));
        if (!a.signal && !p.sigmaSignal) ImGui::TextUnformatted(T(S::NoSignal));
        ImGui::TableNextColumn();
        if (p.verdict > 0) ImGui::TextColored(kOkColor, "%s", T(S::Better));
        else if (p.verdict < 0) ImGui::TextColored(kErrorColor, "%s", T(S::Worse));
        else ImGui::TextDisabled("–");
    }
    ImGui::EndTable();
    (void)measure;
}

// What the control chart is, and which points lie outside its limits, in words.
void ControlSummary(const Chart& c, const Record& measure) {
    if (c.controlNeedsRatio) ImGui::TextColored(kErrorColor, "%s", T(S::ChartNeedsRatio));
    if (!c.control) return;
    const bool en = CurrentLanguage() == Lang::En;
    const ControlChart& cc = *c.control;
    const std::string unit = measure.Get("unit").empty() ? "" : " " + measure.Get("unit");
    const std::string laney = cc.sigmaZ ? Format(S::LaneySigmaZ, Num(*cc.sigmaZ, 2).c_str()) : "";
    ImGui::TextWrapped("%s", Format(S::ControlChartLine, OptionLabel(ChartKinds(), ChartKindKey(cc.kind), en),
                                    (Fmt(cc.centre) + unit).c_str(), laney.c_str()).c_str());
    const std::vector<SigmaPoint> outside = SigmaPoints(c);
    const int shown = static_cast<int>(std::min<size_t>(outside.size(), 8)), more = static_cast<int>(outside.size()) - shown;
    for (int k = 0; k < shown; ++k) {
        const SigmaPoint& p = outside[static_cast<size_t>(k)];
        ImGui::BulletText("%s", Format(p.above ? S::SigmaAbove : S::SigmaBelow, c.periods[p.index].c_str(), (Fmt(p.value) + unit).c_str(),
                                       (Fmt(p.limit) + unit).c_str()).c_str());
    }
    if (more) ImGui::BulletText("%s", FormatN(S::SigmaMore, more, more).c_str());
    if (shown == 0) DimText(T(S::NoSigmaSignals));
}

void ChartWithAnalysis(App& app, const Record& measure, int64_t initiative) {
    const Chart& c = app.ChartFor(measure, FullScaleFrom(app, initiative));
    DrawRunChart(app, measure, FullScaleFrom(app, initiative), ImGui::GetFontSize() * 17);
    DrawChartSaveDialog(app);
    DimText(T(S::ChartHint));
    ControlSummary(c, measure);
    AnalysisTable(c, measure);
}

// Step 12: the chart a measure is drawn as, and the one its data suggests.
void ChartPicker(App& app, const Record& m) {
    const bool en = CurrentLanguage() == Lang::En;
    const bool ratio = m.Get("definition") == "ratio";
    const std::string cur = m.Get("chart").empty() ? "run" : m.Get("chart");
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(T(S::ChartKindLabel));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 19);
    if (ImGui::BeginCombo("##chartkind", OptionLabel(ChartKinds(), cur, en))) {
        for (const Option& o : ChartKinds()) {
            const auto kind = ParseChartKind(o.key);
            if (kind && *kind != ChartKind::Run && NeedsDenominator(*kind) != ratio) continue;  // only what the data can make
            if (ImGui::Selectable(en ? o.en : o.sv, o.key == cur)) app.Dispatch(SetRecordField{"measure", m.id, "chart", o.key});
        }
        ImGui::EndCombo();
    }
    const ChartSuggestion& s = app.ChartFor(m, FullScaleFrom(app, m.initiative)).suggestion;
    if (ChartKindKey(s.kind) != cur) {
        ImGui::SameLine();
        if (ImGui::SmallButton(T(S::UseSuggestion))) app.Dispatch(SetRecordField{"measure", m.id, "chart", ChartKindKey(s.kind)});
    }
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("%s", Render(s.reason, en).c_str());
    ImGui::PopStyleColor();
}

// [SECTION] data entry
void BaselineBar(App& app, const Record& m) {
    auto pts = PointsOf(app.model, m.id);
    const std::string from = m.Get("baseline_from"), to = m.Get("baseline_to");
    if (IsIsoDate(from) && IsIsoDate(to)) {
        int count = 0;
        for (const auto& p : pts)
            if (p.period >= from && p.period <= to) ++count;
        // The button first: a long line never pushes it out of the window.
        if (ImGui::SmallButton(T(S::Unfreeze))) app.Dispatch(SetRecordFields{"measure", m.id, {{"baseline_from", ""}, {"baseline_to", ""}}});
        ImGui::SameLine();
        const bool control = ChartKindOf(m) != ChartKind::Run;
        ImGui::TextWrapped("%s", FormatN(control ? S::BaselineFrozenControl : S::BaselineFrozen, count, from.c_str(), to.c_str(), count).c_str());
        if (count < 10) {
            ImGui::PushStyleColor(ImGuiCol_Text, kErrorColor);
            ImGui::TextWrapped("%s", T(S::FewBaselinePoints));
            ImGui::PopStyleColor();
        }
    } else if (!pts.empty()) {
        if (ImGui::Button(FormatN(S::FreezeMeasureBaseline, static_cast<int>(pts.size()), static_cast<int>(pts.size())).c_str()))
            app.Dispatch(SetRecordFields{"measure", m.id, {{"baseline_from", pts.front().period}, {"baseline_to", pts.back().period}}});
        if (pts.size() < 10) {
            ImGui::SameLine();
            ImGui::TextColored(kErrorColor, "%s", T(S::FewBaselinePoints));
        }
    }
}

// The period table leaves the paste box at least 14 characters beside it.
float TableWidth() {
    const float fs = ImGui::GetFontSize();
    return std::min(fs * 34, std::max(ImGui::GetContentRegionAvail().x - fs * 15, fs * 20));
}

void DataTable(App& app, const Record& m) {
    const bool ratio = m.Get("definition") == "ratio";
    const std::string period = m.Get("period").empty() ? "month" : m.Get("period");
    auto pts = PointsOf(app.model, m.id);
    std::vector<std::string> periods;
    std::string first = pts.empty() ? PeriodStart(TodayIso(), period) : pts.front().period;
    // The empty row for new data is the next period, but never one that has not begun.
    const std::string current = PeriodStart(TodayIso(), period);
    std::string last = pts.empty() ? first : std::max(pts.back().period, std::min(NextPeriod(pts.back().period, period), current));
    for (std::string p = first; p <= last && periods.size() < 20000; p = NextPeriod(p, period)) periods.push_back(p);
    std::reverse(periods.begin(), periods.end());  // newest first: that is where data is added
    const int cols = ratio ? 5 : 3;
    float h = std::min(ImGui::GetFontSize() * 14, (ImGui::GetFrameHeight() + 4) * (static_cast<float>(periods.size()) + 1.5f));
    if (!ImGui::BeginTable("points", cols, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_ScrollY, ImVec2(TableWidth(), h))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(T(S::PeriodCol), ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 6);
    if (ratio) {
        ImGui::TableSetupColumn(T(S::Numerator), ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 4.5f);
        ImGui::TableSetupColumn(T(S::Denominator), ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 4.5f);
        ImGui::TableSetupColumn("%", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 3);
    } else {
        ImGui::TableSetupColumn(T(S::Value), ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 5);
    }
    ImGui::TableSetupColumn(T(S::Note));
    HeadersRow();
    auto rows = app.model.points.find(m.id);
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(periods.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const std::string& per = periods[static_cast<size_t>(i)];
            const PointRow* row = nullptr;
            if (rows != app.model.points.end()) {
                auto it = rows->second.find(per);
                if (it != rows->second.end()) row = &it->second;
            }
            ImGui::PushID(per.c_str());
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            ImGui::TextUnformatted(per.c_str());
            const std::string next = i + 1 < static_cast<int>(periods.size()) ? periods[static_cast<size_t>(i) + 1] : "";
            const std::string pendingKey = std::to_string(m.id) + "/" + per;
            auto cell = [&](const char* field, const std::string& display) {
                ImGui::TableNextColumn();
                std::string key = "pt/" + std::to_string(m.id) + "/" + per + "/" + field;
                std::string typed;
                if (EditCell(app, key, display, next.empty() ? "" : "pt/" + std::to_string(m.id) + "/" + next + "/" + field, &typed)) {
                    app.ui.fieldErrors.erase(key);
                    if (std::string(field) == "note") {
                        app.Dispatch(SetPointNote{m.id, per, typed});
                        return;
                    }
                    auto v = ParseValue(typed);
                    if (!Trim(typed).empty() && !v) {
                        app.ui.fieldErrors[key] = Format(S::NotANumber, typed.c_str());
                        app.SetMessage(app.ui.fieldErrors[key], true);
                        return;
                    }
                    std::optional<double> num = row ? row->numerator : std::nullopt, den = row ? row->denominator : std::nullopt;
                    if (auto p = app.ui.pendingNumerators.find(pendingKey); !num && p != app.ui.pendingNumerators.end()) num = p->second;
                    if (std::string(field) == "den") den = v;
                    else num = v;
                    if (ratio && num && !den) {  // kept here until the denominator is typed
                        app.ui.pendingNumerators[pendingKey] = *num;
                        return;
                    }
                    app.ui.pendingNumerators.erase(pendingKey);
                    app.Dispatch(SetPoint{m.id, per, num, den}, [key](App& a, const ApplyResult& r) {
                        if (!r.ok) a.ui.fieldErrors[key] = a.ui.message;
                    });
                }
                if (app.ui.fieldErrors.count(key)) MarkCellError();
            };
            auto pending = app.ui.pendingNumerators.find(pendingKey);
            cell("num", row && row->numerator ? Fmt(*row->numerator)
                        : pending != app.ui.pendingNumerators.end() ? Fmt(pending->second) : "");
            if (ratio) {
                cell("den", row && row->denominator ? Fmt(*row->denominator) : "");
                ImGui::TableNextColumn();
                ImGui::AlignTextToFramePadding();
                if (row && row->numerator && row->denominator) ImGui::TextUnformatted(Num(100.0 * *row->numerator / *row->denominator, 1).c_str());
            }
            cell("note", row ? row->note : "");
            ImGui::PopID();
        }
    }
    ImGui::EndTable();
}

// Beside the period table, as wide as the window leaves it. Everything has its fixed place: the
// summary and the Save button right under the box, the refused lines in a box of their own, so
// nothing moves while text is typed or pasted.
void PasteBox(App& app, const Record& m) {
    const bool ratio = m.Get("definition") == "ratio";
    const std::string period = m.Get("period").empty() ? "month" : m.Get("period");
    const float w = std::max(ImGui::GetContentRegionAvail().x, ImGui::GetFontSize() * 12);
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + w);
    DimText(ratio ? T(S::PasteHintRatio) : T(S::PasteHintCount));
    ImGui::PopTextWrapPos();
    ImGui::InputTextMultiline("##paste", &app.ui.pasteText, ImVec2(w, ImGui::GetTextLineHeight() * 6));
    ProbeItem("paste-box");
    auto lines = ParsePasted(app.ui.pasteText, ratio, period);
    int accepted = static_cast<int>(std::count_if(lines.begin(), lines.end(), [](const PastedLine& l) { return l.accepted; }));
    ImGui::BeginDisabled(accepted == 0);
    const bool save = ImGui::Button((FormatN(S::PasteSave, accepted, accepted) + "###pastesave").c_str());
    ProbeItem("paste-save");
    ImGui::EndDisabled();
    // On its own line, wrapped: beside the button it ran out of the narrow panel at 1024x700.
    ImGui::TextWrapped("%s", FormatN(S::PasteSummary, accepted, accepted, static_cast<int>(lines.size()) - accepted).c_str());
    if (save) {
        ImportPoints imp{m.id, {}};
        for (const PastedLine& l : lines)
            if (l.accepted) imp.rows.push_back({l.period, l.numerator, l.denominator});
        app.Dispatch(imp, [](App& a, const ApplyResult& r) {
            if (r.ok) a.ui.pasteText.clear();
        });
    }
    if (accepted < static_cast<int>(lines.size())) {
        // A reason is what tells how to mend the line, so it wraps rather than runs past the edge;
        // the box keeps its height (nothing below moves) and scrolls when the reasons need more.
        ImGui::BeginChild("refused", ImVec2(w, ImGui::GetTextLineHeightWithSpacing() * 4), false);
        ImGui::PushStyleColor(ImGuiCol_Text, kErrorColor);
        for (const PastedLine& l : lines)
            if (!l.accepted) ImGui::TextWrapped("%s", Format(S::PasteLineRejected, l.line, Render(l.why.value_or(Message{}), CurrentLanguage() == Lang::En).c_str()).c_str());
        ImGui::PopStyleColor();
        ImGui::EndChild();
    }
}

}  // namespace

// [SECTION] workspaces
void DrawMeasures(App& app) {
    if (!NeedInitiative(app)) return;
    const int64_t init = app.CurrentInitiative();
    RecordTable(app, "measure", init,
                {{"name", S::MeasureName, 15}, {"definition", S::Definition, 8}, {"unit", S::Unit, 4},
                 {"direction", S::Direction, 7.5f}, {"period", S::PeriodCol, 5}, {"source", S::Source, 10}, {"target", S::Target, 4}},
                S::NoMeasures);
    AddBar(app, "measure", init, S::AddMeasure, {{"definition", "count"}, {"direction", "up"}, {"period", "month"}});
    // Suggestions for this recommendation from data/measures.tsv.
    static std::vector<SuggestedMeasure> suggestions = [] {
        try {
            return LoadSuggestedMeasures(ResourceDir() + "/data/measures.tsv");
        } catch (const std::exception&) {
            return std::vector<SuggestedMeasure>{};
        }
    }();
    const Record* initRec = FindRecord(app.model, "initiative", init);
    const std::string rec = initRec ? initRec->Get("rec_id") : "";
    const auto current = Records(app.model, "measure", init);
    std::vector<const SuggestedMeasure*> offered;
    for (const auto& s : suggestions) {
        auto ids = Split(s.recIds, ',');
        if (s.recIds != "*" && std::find(ids.begin(), ids.end(), rec) == ids.end()) continue;
        bool have = false;
        for (const Record* r : current) have = have || r->Get("name") == s.name;
        if (!have) offered.push_back(&s);
    }
    // Before the first measure the suggestions are the way in; after it they fold away, so the
    // data table and the paste box stay in view.
    bool open = !offered.empty();
    if (open && current.empty()) {
        DimText(T(S::Suggestions));
    } else if (open) {
        open = ImGui::TreeNodeEx("##moresuggestions", ImGuiTreeNodeFlags_None, "%s",
                                 Format(S::SuggestionsFolded, static_cast<int>(offered.size())).c_str());
    }
    for (size_t k = 0; open && k < offered.size(); ++k) {
        const SuggestedMeasure& s = *offered[k];
        ImGui::PushID(s.name.c_str());
        if (ImGui::SmallButton("+")) {
            app.Dispatch(AddRecord{"measure", init, {{"name", s.name}, {"definition", s.definition}, {"unit", s.unit},
                                                      {"direction", s.direction}, {"period", s.period}, {"source", s.source}}});
        }
        ImGui::SameLine();
        ImGui::TextUnformatted(s.name.c_str());
        ImGui::PopID();
    }
    if (open && !current.empty()) ImGui::TreePop();
    ImGui::Separator();
    if (!MeasurePicker(app, init)) return;
    const Record* m = CurrentMeasure(app, init);
    BaselineBar(app, *m);
    DataTable(app, *m);
    ImGui::SameLine();
    ImGui::BeginGroup();
    PasteBox(app, *m);
    ImGui::EndGroup();
    ChartPicker(app, *m);  // beside the chart it changes
    ChartWithAnalysis(app, *m, init);
}

void DrawPilot(App& app) {
    if (!NeedInitiative(app)) return;
    const int64_t init = app.CurrentInitiative();
    DimText(T(S::PdsaIntro));
    RecordTable(app, "pdsa", init,
                {{"change", S::PdsaChange, 12}, {"prediction", S::PdsaPrediction, 11}, {"who_what_when", S::PdsaWho, 9},
                 {"started_on", S::StartDate, 6.5f}, {"ended_on", S::EndDate, 6.5f}, {"did", S::PdsaDo, 10},
                 {"studied", S::PdsaStudy, 10}, {"act", S::PdsaAct, 8}},
                S::NoCycles);
    AddBar(app, "pdsa", init, S::AddCycle, {{"started_on", TodayIso()}});
    ImGui::Separator();
    if (!MeasurePicker(app, init)) return;
    ChartWithAnalysis(app, *CurrentMeasure(app, init), init);
}

void DrawLearn(App& app) {
    if (!NeedInitiative(app)) return;
    const bool en = CurrentLanguage() == Lang::En;
    const int64_t init = app.CurrentInitiative();
    const Record* initRec = FindRecord(app.model, "initiative", init);
    SubHeading(T(S::WhatMeasuresShow));
    auto measures = Records(app.model, "measure", init);
    if (measures.empty()) DimText(T(S::NoMeasures));
    for (const Record* m : measures) {
        const Chart& c = app.ChartFor(*m, initRec->Get("full_scale_from"));
        ImGui::PushFont(BoldFont());
        ImGui::TextUnformatted(m->Get("name").c_str());
        ImGui::PopFont();
        ImGui::SameLine();
        ImGui::TextDisabled("(%s)", OptionLabel(Directions(), m->Get("direction"), en));
        for (const ChartPart& p : c.parts) {
            if (!p.analysed) continue;
            std::string line = PartLabel(p, en) + ": " + (p.analysis.signal || p.sigmaSignal ? T(S::SignalShort) : T(S::NoSignal));
            if (p.verdict > 0) ImGui::BulletText("%s — %s", line.c_str(), T(S::Better));
            else if (p.verdict < 0) ImGui::BulletText("%s — %s", line.c_str(), T(S::Worse));
            else ImGui::BulletText("%s", line.c_str());
        }
    }
    SubHeading(T(S::WhatCyclesTaught));
    auto cycles = Records(app.model, "pdsa", init);
    if (cycles.empty()) DimText(T(S::NoCycles));
    for (const Record* cyc : cycles)
        ImGui::BulletText("%s: %s%s%s", cyc->Get("change").c_str(), cyc->Get("studied").c_str(),
                          cyc->Get("act").empty() ? "" : " → ", OptionLabel(PdsaActs(), cyc->Get("act"), en));
    if (app.ui.learnFor != init) {
        app.ui.learnFor = init;
        app.ui.learnText = initRec->Get("study_summary");
        app.ui.sustainText = initRec->Get("sustain_plan");
    }
    SubHeading(T(S::StudySummary));
    ImGui::InputTextMultiline("##study", &app.ui.learnText, ImVec2(-1, ImGui::GetTextLineHeight() * 4));
    if (EditFinished(app)) app.Dispatch(SetRecordField{"initiative", init, "study_summary", app.ui.learnText});
    SubHeading(T(S::PilotDecision));
    if (!initRec->Get("pilot_decision").empty())
        ImGui::TextColored(kOkColor, "%s", Format(S::PilotDecided, OptionLabel(PdsaActs(), initRec->Get("pilot_decision"), en)).c_str());
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 24);
    ImGui::InputTextWithHint("##pilotwhy", T(S::Rationale), &app.ui.pilotRationale);
    for (const Option& o : PdsaActs()) {
        ImGui::SameLine();
        if (ImGui::Button(en ? o.en : o.sv)) {
            app.Dispatch(DecideAfterPilot{init, o.key, TodayIso(), app.ui.pilotRationale}, [](App& a, const ApplyResult& r) {
                if (r.ok) a.ui.pilotRationale.clear();
            });
        }
    }
    ErrorLine(app, {"act"});
}

void DrawScale(App& app) {
    if (!NeedInitiative(app)) return;
    const int64_t init = app.CurrentInitiative();
    const Record* initRec = FindRecord(app.model, "initiative", init);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(T(S::FullScaleFrom));
    ImGui::SameLine();
    ImGui::PushItemWidth(ImGui::GetFontSize() * 7.5f);
    std::string typed;
    if (EditCell(app, "fullscale", initRec->Get("full_scale_from"), "", &typed, T(S::DateHint))) {
        app.ui.fieldErrors.erase("full_scale_from");
        app.Dispatch(SetRecordField{"initiative", init, "full_scale_from", typed});
    }
    ImGui::PopItemWidth();
    if (auto it = app.ui.fieldErrors.find("full_scale_from"); it != app.ui.fieldErrors.end()) {
        ImGui::SameLine();  // on the field's line: the table below stays put
        ImGui::TextColored(kErrorColor, "%s", it->second.c_str());
    }
    SubHeading(T(S::RolloutTitle));
    RecordTable(app, "rollout", init,
                {{"unit", S::RolloutUnit, 14}, {"status", S::Status, 6}, {"started_on", S::StartDate, 6.5f},
                 {"done_on", S::DoneDate, 6.5f}, {"note", S::Note, 14}},
                S::NoRollout);
    AddBar(app, "rollout", init, S::AddRollout, {{"status", "planned"}});
    SubHeading(T(S::SustainPlan));
    if (app.ui.learnFor != init) {
        app.ui.learnFor = init;
        app.ui.learnText = initRec->Get("study_summary");
        app.ui.sustainText = initRec->Get("sustain_plan");
    }
    ImGui::InputTextMultiline("##sustain", &app.ui.sustainText, ImVec2(-1, ImGui::GetTextLineHeight() * 3));
    if (EditFinished(app)) app.Dispatch(SetRecordField{"initiative", init, "sustain_plan", app.ui.sustainText});
    DimText(T(S::SustainHint));
    // The follow-up schedule is the plan's follow-up activities (step 10).
    for (const Record* a : Records(app.model, "activity", init)) {
        if (a->Get("kind") != "followup") continue;
        ImGui::BulletText("%s  %s – %s  %s", a->Get("what").c_str(), a->Get("start_on").c_str(), a->Get("due_on").c_str(),
                          OptionLabel(ActivityStatuses(), a->Get("status"), CurrentLanguage() == Lang::En));
    }
    if (ImGui::SmallButton(T(S::GoToPlan))) app.OpenStepTab(10, StepTab::Workspace);
    ImGui::Separator();
    if (!MeasurePicker(app, init)) return;
    ChartWithAnalysis(app, *CurrentMeasure(app, init), init);
}

}  // namespace stegvis::ui
