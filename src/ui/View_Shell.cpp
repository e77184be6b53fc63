// [SECTION] shortcuts  [SECTION] menu bar  [SECTION] sidebar  [SECTION] status bar  [SECTION] frame
#include <cstring>

#include <imgui.h>
#include <imgui_internal.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cctype>
#include <cfloat>
#include <cstdio>


#include "base/Platform.hpp"
#include "print/Cairo.hpp"
#include "output/Export.hpp"
#include "base/Paths.hpp"
#include "base/Text.hpp"
#include "ui/Probe.hpp"
#include "ui/Fonts.hpp"
#include "ui/Views.hpp"
#include "ui/Widgets.hpp"

namespace stegvis::ui {

namespace {

// [SECTION] shortcuts
void HandleShortcuts(App& app) {
    // Ctrl +/-/0 (text size) are read by the window layer, which knows the keyboard layout.
    ImGuiIO& io = ImGui::GetIO();
    if (!io.KeyCtrl) return;
    // In a text field Ctrl+Z belongs to the field's own undo.
    if (io.WantTextInput || !app.HasProject()) return;
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Z), false)) {
        if (io.KeyShift) app.RedoLast();
        else app.UndoLast();
    }
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Y), false)) app.RedoLast();
}

// [SECTION] menu bar
void DrawMenuBar(App& app) {
    if (!ImGui::BeginMainMenuBar()) return;
    if (ImGui::BeginMenu(T(S::MenuFile))) {
        if (ImGui::MenuItem(T(S::MenuNew))) app.CloseProject();
        if (ImGui::MenuItem(T(S::MenuOpen))) app.CloseProject();
        if (ImGui::MenuItem(T(S::MenuOpenDemo))) app.OpenDemo();
        if (ImGui::MenuItem(T(S::MenuOpenServer))) {
            app.ui.serverDialog = UiState::ServerDialog{};
            app.ui.serverDialog.open = true;
            app.ui.serverDialog.address = app.settings.Get("recent_server", "");
        }
        ImGui::Separator();
        if (ImGui::MenuItem(T(S::MenuCounty))) app.ShowView(View::County);
        if (ImGui::MenuItem(T(S::MenuExport), nullptr, false, app.HasProject())) app.ui.exportDialogOpen = true;
        if (ImGui::MenuItem(T(S::MenuBackups), nullptr, false, app.HasProject())) {
            app.RefreshBackups();
            app.ui.restoreCandidate.clear();
            app.ui.backupsOpen = true;
        }
        if (ImGui::MenuItem(T(S::MenuProject), nullptr, false, app.HasProject())) app.ShowView(View::Project);
        if (ImGui::MenuItem(T(S::MenuClose), nullptr, false, app.HasProject())) app.CloseProject();
        ImGui::Separator();
        if (ImGui::MenuItem(T(S::MenuQuit), "Ctrl+Q")) app.ui.wantQuit = true;
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu(T(S::MenuEdit))) {
        if (ImGui::MenuItem(T(S::MenuUndo), "Ctrl+Z", false, app.model.undoable > 0)) app.UndoLast();
        if (ImGui::MenuItem(T(S::MenuRedo), "Ctrl+Shift+Z", false, app.model.redoable > 0)) app.RedoLast();
        ImGui::Separator();
        if (ImGui::MenuItem(T(S::MenuHistory), nullptr, false, app.HasProject())) app.ShowView(View::History);
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu(T(S::MenuView))) {
        if (ImGui::MenuItem(T(S::MenuBigger), "Ctrl++")) app.SetFontSize(app.FontSize() + 2);
        if (ImGui::MenuItem(T(S::MenuSmaller), "Ctrl+-")) app.SetFontSize(app.FontSize() - 2);
        if (ImGui::MenuItem(T(S::MenuNormalSize), "Ctrl+0")) app.SetFontSize(17);
        ImGui::Separator();
        if (ImGui::MenuItem(T(S::MenuSidebar), "Ctrl+B", !app.ui.hideSidebar)) app.ToggleSidebar();
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu(T(S::MenuLanguage))) {
        if (ImGui::MenuItem("Svenska", nullptr, CurrentLanguage() == Lang::Sv)) app.SetLang(Lang::Sv);
        if (ImGui::MenuItem("English", nullptr, CurrentLanguage() == Lang::En)) app.SetLang(Lang::En);
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu(T(S::MenuHelp))) {
        if (ImGui::MenuItem(T(S::MenuAbout))) app.ui.showAbout = true;
        ImGui::EndMenu();
    }
    ImGui::EndMainMenuBar();
}

// [SECTION] sidebar
void DrawSidebar(App& app) {
    const bool en = CurrentLanguage() == Lang::En;
    ImGui::PushFont(BoldFont());
    ImGui::TextWrapped("%s", app.model.project.name.c_str());
    ImGui::PopFont();
    DimText(app.model.project.organisation.c_str());
    ImGui::Separator();
    int lastPhase = 0;
    for (const Step& step : app.manual.steps) {
        if (step.phase != lastPhase) {
            lastPhase = step.phase;
            const Phase* ph = app.manual.FindPhase(step.phase);
            ImGui::Spacing();
            ImGui::PushStyleColor(ImGuiCol_Text, kDimColor);
            ImGui::Text(T(S::Phase), step.phase);
            ImGui::SameLine();
            ImGui::TextUnformatted(ph ? ph->title.In(en).c_str() : "");
            ImGui::PopStyleColor();
            // Which steps belong to which phase is the tool's reading of the manual: say so on hover.
            if (!app.manual.phaseNote.sv.empty() && ImGui::IsItemHovered()) {
                ImGui::BeginTooltip();
                ImGui::PushTextWrapPos(ImGui::GetFontSize() * 28);
                ImGui::TextUnformatted(app.manual.phaseNote.In(en).c_str());
                ImGui::PopTextWrapPos();
                ImGui::EndTooltip();
            }
        }
        if (step.number == 8) InitiativeSwitcher(app);
        const StepPicture pic = app.PictureFor(step.number);
        const StepProgress& sp = pic.progress;
        ImGui::PushID(step.number);
        bool selected = app.ui.view == View::Step && app.ui.step == step.number;
        ImGui::PushStyleColor(ImGuiCol_Text, StatusColor(sp.status));
        ImGui::TextUnformatted(StatusGlyph(sp.status));
        ImGui::PopStyleColor();
        // A step whose data and confirmed status disagree carries a mark in a slot of its own,
        // so no title moves and a long title cannot hide it; the tooltip says why.
        ImGui::SameLine(0, 2);
        const float markW = ImGui::CalcTextSize("!").x;
        if (pic.Disagrees()) ImGui::TextColored(pic.doneAgainstData ? kErrorColor : kProgressColor, "!");
        else ImGui::Dummy(ImVec2(markW, ImGui::GetTextLineHeight()));
        ImGui::SameLine(0, 2);
        char label[256];
        std::snprintf(label, sizeof label, "%2d. %s", step.number, step.title.In(en).c_str());
        const char* owner = step.owner == Owner::Chef ? T(S::OwnerChef) : T(S::OwnerTeam);
        // The owner tag goes when the sidebar is narrow; the step page names the owner anyway.
        const bool showOwner = ImGui::GetContentRegionAvail().x > ImGui::GetFontSize() * 17;
        float ownerW = showOwner ? std::max(ImGui::CalcTextSize(T(S::OwnerChef)).x, ImGui::CalcTextSize(T(S::OwnerTeam)).x) +
                                       ImGui::GetStyle().ItemSpacing.x
                                 : 0.0f;
        float width = std::max(ImGui::GetContentRegionAvail().x - ownerW, 40.0f);
        // A title longer than the sidebar is wide ends in "…" (the tooltip has it whole); the id
        // stays the step's, whatever the width.
        const std::string shown = FitWidth(label, width) + "###title";
        if (ImGui::Selectable(shown.c_str(), selected, 0, ImVec2(width, 0))) app.SelectStep(step.number);
        if (ImGui::IsItemHovered()) {
            std::string tip = step.title.In(en) + "\n" + StatusLabel(sp.status);
            if (pic.automatic) tip += std::string("\n") + T(S::AutoInProgress);
            if (pic.Disagrees()) tip += "\n" + DisagreementText(pic, en);
            ImGui::SetTooltip("%s", tip.c_str());
        }
        ProbeItem("sidebar-step-" + std::to_string(step.number));
        if (pic.Disagrees()) ProbeItem("sidebar-disagrees-" + std::to_string(step.number));
        if (showOwner) {
            ImGui::SameLine();
            ImGui::TextDisabled("%s", owner);
        }
        ImGui::PopID();
    }
    ImGui::Spacing();
    ImGui::Separator();
    char buf[128];
    std::snprintf(buf, sizeof buf, T(S::Recommendations), static_cast<int>(app.catalog.recommendations.size()));
    if (ImGui::Selectable(buf, app.ui.view == View::Catalog)) app.ShowView(View::Catalog);
    if (app.catalogReview.differs) {
        // A newer catalog waits: said inside the entry that lists its changes, after its name.
        const ImVec2 at(ImGui::GetItemRectMin().x + ImGui::CalcTextSize(buf).x + ImGui::GetFontSize() * 0.6f,
                        ImGui::GetItemRectMin().y + static_cast<float>(static_cast<int>(ImGui::GetStyle().ItemSpacing.y * 0.5f)));
        ImGui::GetWindowDrawList()->AddText(at, ImGui::GetColorU32(kProgressColor), T(S::CatalogNewMark));
    }
    std::snprintf(buf, sizeof buf, T(S::DecisionLog), static_cast<int>(app.model.decisions.size()));
    if (ImGui::Selectable(buf, app.ui.view == View::Decisions)) app.ShowView(View::Decisions);
    if (ImGui::Selectable(T(S::History), app.ui.view == View::History)) app.ShowView(View::History);
    if (ImGui::Selectable(T(S::MenuCounty), app.ui.view == View::County)) app.ShowView(View::County);
}

// [SECTION] status bar
// The folder in the desktop's file manager, without waiting for it.
void OpenInFileManager(const std::string& folder) { platform::OpenFolderInDesktop(folder); }

// The running job's bar (done of total, in its own unit) and its Avbryt, greyed once the job
// is past its point of no return. `id` tells the status bar's from a dialog's.
void JobBar(App& app, const char* id, float widthEm) {
    // Plain variables, not a structured binding: the lambda below captures them (C++17).
    const std::pair<size_t, size_t> progress = app.JobProgress();
    const size_t done = progress.first, total = progress.second;
    const std::string title = app.JobTitle();
    const float share = total > 0 ? static_cast<float>(std::min(done, total)) / static_cast<float>(total) : 0.0f;
    // Pages copied mean nothing to a reader: a copy of the file is told in per cent.
    auto textAt = [&](size_t n) {
        if (total == 0) return title + " …";
        if (app.JobCountsPages())
            return Format(S::JobPercent, title.c_str(), static_cast<int>(100.0 * static_cast<double>(n) / static_cast<double>(total)));
        return Format(S::JobProgress, title.c_str(), static_cast<int>(n), static_cast<int>(total));
    };
    const std::string text = textAt(std::min(done, total));
    // As wide as its text at the end, so the words are never cut off and the bar does not grow.
    const float width = std::max(ImGui::GetFontSize() * widthEm,
                                 ImGui::CalcTextSize(textAt(total).c_str()).x + ImGui::GetStyle().FramePadding.x * 4);
    ImGui::ProgressBar(share, ImVec2(width, 0), text.c_str());
    ProbeItem((std::string(id) + "-progress").c_str());
    ImGui::SameLine();
    ImGui::BeginDisabled(!app.JobCancellable());
    if (ImGui::SmallButton((std::string(T(S::Cancel)) + "###" + id + "cancel").c_str())) app.CancelJob();
    ImGui::EndDisabled();
    ProbeItem((std::string(id) + "-cancel").c_str());
}

// Long work under way: its progress and Avbryt, first on the line so they are always seen.
void DrawJob(App& app) {
    if (!app.JobRunning()) return;
    JobBar(app, "job", 16);
    ImGui::SameLine();
    ImGui::TextDisabled("|");
    ImGui::SameLine();
}

void DrawStatusBar(App& app) {
    ImGui::Separator();
    DrawJob(app);
    const bool message = !app.ui.message.empty() && app.Now() - app.ui.messageAt < app.MessageSeconds();
    if (app.HasProject() && app.Server().open) {
        const App::ServerState& server = app.Server();
        ImGui::Text(T(S::StatusServer), server.name.c_str());
        ProbeItem("server-status");
        ImGui::SameLine();
        ImGui::TextDisabled("|");
        ImGui::SameLine();
        if (!server.connected) {
            ImGui::TextColored(kErrorColor, "%s", T(S::StatusNoServer));
            ProbeItem("server-gone");
        } else if (server.others.empty()) {
            ImGui::TextUnformatted(T(S::StatusAlone));
        } else {
            std::string names;
            for (const std::string& n : server.others) names += (names.empty() ? "" : ", ") + n;
            ImGui::Text(T(S::StatusOthersOpen), names.c_str());
            ProbeItem("server-others");
        }
        if (server.waiting > 0) {
            ImGui::SameLine();
            ImGui::TextDisabled("|");
            ImGui::SameLine();
            ImGui::TextColored(kErrorColor, T(S::StatusWaiting), static_cast<int>(server.waiting));
        }
        ImGui::SameLine();
    } else if (app.HasProject()) {
        ImGui::Text(T(S::StatusFile), ShortPath(app.ProjectPath()).c_str());
        ImGui::SameLine();
        if (const std::string network = app.ProjectNetworkFilesystem(); !network.empty()) {
            ImGui::TextDisabled("|");
            ImGui::SameLine();
            ImGui::TextColored(kProgressColor, T(S::NetworkFileShort), network.c_str());
            ProbeItem("network-file");
            if (ImGui::IsItemHovered()) {
                ImGui::BeginTooltip();
                ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30);
                ImGui::Text(T(S::NetworkFileNote), network.c_str());
                ImGui::PopTextWrapPos();
                ImGui::EndTooltip();
            }
            ImGui::SameLine();
        }
        ImGui::TextDisabled("|");
        ImGui::SameLine();
        if (app.model.lastChangeAt.empty()) ImGui::TextUnformatted(T(S::StatusNoChanges));
        else ImGui::TextColored(kOkColor, T(S::StatusSaved), app.model.lastChangeAt.c_str());
        if (!message) {  // the user's name gives way to a message
            ImGui::SameLine();
            ImGui::TextDisabled("|");
            ImGui::SameLine();
            ImGui::Text(T(S::StatusUser), app.user.c_str());
        }
        if (!app.privacyFindings.empty()) {
            ImGui::SameLine();
            ImGui::TextDisabled("|");
            ImGui::SameLine();
            char label[128];
            std::snprintf(label, sizeof label, "%s", FormatN(S::PrivacyStatus, static_cast<int>(app.privacyFindings.size()), static_cast<int>(app.privacyFindings.size())).c_str());
            ImGui::PushStyleColor(ImGuiCol_Text, kErrorColor);
            if (ImGui::SmallButton((std::string(label) + "###privacy").c_str())) app.ui.showPrivacy = true;
            ImGui::PopStyleColor();
        }
    } else {
        ImGui::TextUnformatted(T(S::NoProject));
    }
    if (message) {
        ImGui::SameLine();
        ImGui::TextDisabled("|");
        ImGui::SameLine();
        // A written file's button comes first, so a long path never pushes it out of the window.
        if (!app.ui.messageFolder.empty()) {
            if (ImGui::SmallButton(T(S::OpenFolder))) OpenInFileManager(app.ui.messageFolder);
            ProbeItem("open-folder");
            ImGui::SameLine();
        }
        ImGui::TextColored(app.ui.messageIsError ? kErrorColor : kOkColor, "%s", ShortPath(app.ui.message).c_str());
        ProbeItem("status-message");
    }
}

const char* const kExportDocs[] = {"progress", "board", "case-for-change", "plan", "local-agreement"};
const char* const kExportFormats[] = {"pdf", "docx", "html", "md", "xlsx", "csv", "json"};
constexpr int kDocCount = 5, kFormatCount = 7, kDocFormats = 4;  // the first four formats take a document
// The documents Word templates exist for (templates/NAME.docx).
bool HasWordTemplate(const char* doc) { return std::strcmp(doc, "board") != 0 && std::strcmp(doc, "case-for-change") != 0; }

void DrawExportDialog(App& app) {
    UiState& ui = app.ui;
    const auto docOf = [&] { return kExportDocs[std::clamp(ui.exportDoc, 0, kDocCount - 1)]; };
    const auto formatOf = [&] { return kExportFormats[std::clamp(ui.exportFormat, 0, kFormatCount - 1)]; };
    if (ui.exportDialogOpen) {
        ImGui::OpenPopup("###export");
        ui.exportDialogOpen = false;
        ui.exportMessage.clear();
        ui.replacePath.clear();
        ui.exportFolder = app.ExportFolder();
        ui.exportName = App::ExportFileName(docOf(), formatOf());
    }
    const ImGuiWindowFlags grow = DialogWidth(32);
    if (!ImGui::BeginPopupModal((std::string(T(S::MenuExport)) + "###export").c_str(), nullptr, grow)) return;
    ProbeWindow("export-dialog");
    static const S docLabels[] = {S::DocProgress, S::DocBoard, S::DocCase, S::DocPlan, S::DocAgreement};
    static const S formatLabels[] = {S::FmtPdf, S::FmtDocx, S::FmtHtml, S::FmtMarkdown, S::FmtXlsx, S::FmtCsv, S::FmtJson};
    bool changed = false;
    const bool ownName = Trim(ui.exportName) != App::ExportFileName(docOf(), formatOf());  // typed by the user
    ImGui::TextDisabled("%s", T(S::ExportFormat));
    for (int i = 0; i < kFormatCount; ++i) {
        changed |= ImGui::RadioButton(T(formatLabels[i]), &ui.exportFormat, i);
        ProbeItem(std::string("export-format-") + kExportFormats[i]);
    }
    ImGui::TextDisabled("%s", T(S::ExportDocumentLabel));
    ImGui::BeginDisabled(ui.exportFormat >= kDocFormats);  // the other formats always take the whole project
    const bool word = std::strcmp(formatOf(), "docx") == 0;
    // Word has templates for three of the documents: the others are greyed, and a choice of one moves to the first.
    if (word && !HasWordTemplate(docOf())) ui.exportDoc = 0, changed = true;
    for (int i = 0; i < kDocCount; ++i) {
        ImGui::BeginDisabled(word && !HasWordTemplate(kExportDocs[i]));
        changed |= ImGui::RadioButton(T(docLabels[i]), &ui.exportDoc, i);
        ImGui::EndDisabled();
        if (word && !HasWordTemplate(kExportDocs[i]) && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
            ImGui::SetTooltip("%s", T(S::WordNoTemplate));
        ProbeItem(std::string("export-doc-") + kExportDocs[i]);
    }
    ImGui::EndDisabled();
    if (word) DimText(T(S::WordTextOnly));
    // A new choice names a new file: one document never lands on another's name. A name the
    // user typed stays, with the new format's ending.
    if (changed) {
        ui.exportName = ownName && !Trim(ui.exportName).empty() ? App::NameWithEnding(ui.exportName, formatOf())
                                                                : App::ExportFileName(docOf(), formatOf());
        ui.replacePath.clear();
    }
    if (FolderAndNameFields("export", &ui.exportFolder, &ui.exportName, "export-name")) {
        ui.replacePath.clear();
        // A name typed with another format's ending ("rapport.docx") chooses that format, where
        // the chosen document can be written in it; the file is then what its name says.
        const std::string named = DocumentFormatOfName(Trim(ui.exportName));
        for (int i = 0; i < kFormatCount; ++i)
            if (named == kExportFormats[i] && i != ui.exportFormat && (named != "docx" || HasWordTemplate(docOf())))
                ui.exportFormat = i;
    }
    DimText(T(S::ExportHint));
    // Two lines of fixed place: the outcome (or the question) and the buttons.
    if (!DrawReplaceQuestion(app, "dialog")) {
        ImGui::AlignTextToFramePadding();
        if (!ui.exportMessage.empty())
            ColoredParagraph(app.ui.messageIsError ? kErrorColor : kOkColor, ShortPath(ui.exportMessage));
        else
            ImGui::NewLine();
        if (ImGui::Button(T(S::DoExport))) {
            std::string folder = Trim(ui.exportFolder);
            while (folder.size() > 1 && platform::IsSeparator(folder.back())) folder.pop_back();
            ui.replaceWhere = "dialog";
            std::string written = app.RequestExport(docOf(), formatOf(), folder + platform::kSeparator + Trim(ui.exportName));
            if (!written.empty()) ui.exportName = written.substr(written.find_last_of(platform::kSeparators) + 1);
        }
        ProbeItem("export-do");
        ImGui::SameLine();
        if (ImGui::Button(T(S::Close))) ImGui::CloseCurrentPopup();
        ProbeItem("export-close");
    }
    ImGui::EndPopup();
}

// File > Backups: the automatic copies of the open project, newest first; restoring one asks
// first and backs up the file as it is.
void DrawBackupsDialog(App& app) {
    if (app.ui.backupsOpen) {
        ImGui::OpenPopup("###backups");
        app.ui.backupsOpen = false;
    }
    const ImGuiWindowFlags grow = DialogWidth(40);
    if (!ImGui::BeginPopupModal((std::string(T(S::BackupsTitle)) + "###backups").c_str(), nullptr, grow)) return;
    CloseIfDone(app, "backups");
    char intro[1024];
    std::snprintf(intro, sizeof intro, T(S::BackupsIntro), kAutoBackupKeep,
                  AutoBackupFolder(app.ProjectPath(), AutoBackupRoot()).c_str());
    Paragraph(intro);
    // While a restore runs the dialog shows it, and stays (it is modal: nothing else is edited
    // meanwhile); it closes itself when the restore is done.
    const bool restoring = app.RestoreUnderWay();
    if (restoring) {
        if (app.JobRunning() && app.JobTitle() == T(S::JobRestore)) JobBar(app, "restore", 24);
        else DimText((std::string(T(S::JobRestore)) + " …").c_str());
    } else if (app.ui.backups.empty()) {
        DimText(app.ListingBackups() ? (std::string(T(S::JobListBackups)) + " …").c_str() : T(S::BackupsNone));
    }
    if (restoring) {
        // the bar above says it all
    } else if (!app.ui.restoreCandidate.empty()) {
        std::string when = app.ui.restoreCandidate;
        for (const AutoBackupInfo& b : app.ui.backups)
            if (b.path == app.ui.restoreCandidate) when = b.takenAt;
        char ask[1024];
        std::snprintf(ask, sizeof ask, T(S::RestoreConfirm), when.c_str());
        Paragraph(ask);
        if (ImGui::Button(T(S::RestoreYes))) {
            // The restore starts when the frame ends; the dialog shows it and closes when it worked.
            app.ui.restoreFromDialog = true;
            app.RestoreBackup(app.ui.restoreCandidate);
            app.ui.restoreCandidate.clear();
        }
        ImGui::SameLine();
        if (ImGui::Button(T(S::Cancel))) app.ui.restoreCandidate.clear();
    } else if (!app.ui.backups.empty() &&
               ImGui::BeginTable("backups", 5,
                                 ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                                     ImGuiTableFlags_SizingFixedFit,
                                 ImVec2(0, ImGui::GetFrameHeightWithSpacing() *
                                               (1.3f + std::min<float>(10, static_cast<float>(app.ui.backups.size())))))) {
        ImGui::TableSetupColumn(T(S::BackupTaken));
        ImGui::TableSetupColumn(T(S::BackupChanges));
        ImGui::TableSetupColumn(T(S::BackupLastChange));
        ImGui::TableSetupColumn(T(S::BackupSize));
        ImGui::TableSetupColumn("");
        HeadersRow();
        for (const AutoBackupInfo& b : app.ui.backups) {
            ImGui::PushID(b.path.c_str());
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(b.takenAt.c_str());
            if (!b.problem.empty()) {
                ImGui::TableNextColumn();
                ImGui::TextColored(kErrorColor, "%s", b.problem.c_str());
                ImGui::TableNextColumn();
                ImGui::TableNextColumn();
                ImGui::TableNextColumn();
                ImGui::PopID();
                continue;
            }
            ImGui::TableNextColumn();
            ImGui::Text("%lld", static_cast<long long>(b.historyEntries));
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(b.lastChangeAt.c_str());
            ImGui::TableNextColumn();
            ImGui::Text("%.0f kB", static_cast<double>(b.sizeBytes) / 1024.0);
            ImGui::TableNextColumn();
            if (ImGui::SmallButton(T(S::DoRestore))) app.ui.restoreCandidate = b.path;
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    ImGui::BeginDisabled(restoring);
    if (ImGui::Button(T(S::Close))) {
        app.ui.restoreCandidate.clear();
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndDisabled();
    ImGui::EndPopup();
}

// Where free text looks like a personal identity number (from the status bar).
void DrawPrivacyDialog(App& app) {
    if (app.ui.showPrivacy) {
        ImGui::OpenPopup("###privacylist");
        app.ui.showPrivacy = false;
    }
    const ImGuiWindowFlags grow = DialogWidth(36);
    if (!ImGui::BeginPopupModal((std::string(T(S::PrivacyTitle)) + "###privacylist").c_str(), nullptr, grow)) return;
    Paragraph(T(S::PrivacyIntro));
    ImGui::BeginChild("findings", ImVec2(0, ImGui::GetTextLineHeightWithSpacing() * std::min<float>(12, app.privacyFindings.size() + 1)));
    for (const PrivacyFinding& f : app.privacyFindings) ImGui::BulletText("%s: %s", f.where.c_str(), f.masked.c_str());
    ImGui::EndChild();
    if (ImGui::Button(T(S::Close))) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
}

// Arkiv > Öppna från server: an address (no password: libpq reads PGPASSWORD or .pgpass), the
// projects it lists for this user, one chosen and opened. The address is remembered, never a secret.
void DrawServerDialog(App& app) {
    auto& d = app.ui.serverDialog;
    if (d.open) {
        ImGui::OpenPopup("###server");
        d.open = false;
        d.focus = true;
    }
    const ImGuiWindowFlags grow = DialogWidth(36);
    if (!ImGui::BeginPopupModal((std::string(T(S::ServerDialogTitle)) + "###server").c_str(), nullptr, grow)) return;
    Paragraph(T(S::ServerDialogHelp));
    ImGui::TextUnformatted(T(S::ServerAddressLabel));
    ImGui::SetNextItemWidth(-1);
    if (d.focus) {
        ImGui::SetKeyboardFocusHere();
        d.focus = false;
    }
    const bool entered = ImGui::InputText("##address", &d.address, ImGuiInputTextFlags_EnterReturnsTrue);
    ProbeItem("server-address");
    if (ImGui::Button(T(S::ServerList)) || entered) {
        d.error.clear();
        d.chosen = -1;
        if (app.ListServer(d.address, &d.projects, &d.error)) {
            d.chosen = 0;
            app.settings.Set("recent_server", d.address);
            app.settings.Save();
        }
    }
    ProbeItem("server-list");
    if (!d.error.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, kErrorColor);
        Paragraph(d.error.c_str());
        ImGui::PopStyleColor();
    }
    for (size_t i = 0; i < d.projects.size(); ++i) {
        ImGui::PushID(static_cast<int>(i));
        if (ImGui::Selectable(d.projects[i].c_str(), d.chosen == static_cast<int>(i))) d.chosen = static_cast<int>(i);
        ProbeItem("server-project");
        ImGui::PopID();
    }
    const bool can = d.chosen >= 0 && d.chosen < static_cast<int>(d.projects.size());
    if (!can) ImGui::BeginDisabled();
    if (ImGui::Button(T(S::ServerOpen))) {
        std::string address = d.address;
        while (!address.empty() && (address.back() == ' ' || address.back() == '/')) address.pop_back();
        const std::string name = d.projects[static_cast<size_t>(d.chosen)];
        std::string encoded;
        for (unsigned char c : name) {
            if (std::isalnum(c) || c == '-' || c == '_' || c == '.') {
                encoded += static_cast<char>(c);
            } else {
                char b[4];
                std::snprintf(b, sizeof b, "%%%02X", c);
                encoded += b;
            }
        }
        address += (address.find('?') == std::string::npos ? "?" : "&") + std::string("project=") + encoded;
        ImGui::CloseCurrentPopup();
        app.OpenProject(address);
    }
    ProbeItem("server-open");
    if (!can) ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button(T(S::Close))) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
}

void DrawAbout(App& app) {
    if (app.ui.showAbout) {
        ImGui::OpenPopup("###about");
        app.ui.showAbout = false;
    }
    const ImGuiWindowFlags grow = DialogWidth(30);
    if (ImGui::BeginPopupModal((std::string(T(S::MenuAbout)) + "###about").c_str(), nullptr, grow)) {
        ImGui::Text("Stegvis %s", STEGVIS_VERSION);
        Paragraph(T(S::AboutText));
        if (ImGui::Button(T(S::Close))) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
}

}  // namespace

// [SECTION] frame
namespace {
void DrawAppUnguarded(App& app) {
    HandleShortcuts(app);
    DrawMenuBar(app);
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                             ImGuiWindowFlags_NoBringToFrontOnFocus;
    ImGui::Begin("###main", nullptr, flags);
    const float statusH = ImGui::GetFrameHeightWithSpacing() + ImGui::GetStyle().ItemSpacing.y;
    const float bodyH = ImGui::GetContentRegionAvail().y - statusH;
    const bool inProject = app.HasProject() && app.ui.view != View::Welcome;
    if (inProject && !app.ui.hideSidebar) {
        float sideW = std::max(ImGui::GetFontSize() * 14.0f, vp->WorkSize.x * 0.30f);
        if (sideW > vp->WorkSize.x * 0.45f) sideW = vp->WorkSize.x * 0.45f;
        ImGui::BeginChild("sidebar", ImVec2(sideW, bodyH), true);
        DrawSidebar(app);
        ImGui::EndChild();
        ImGui::SameLine();
    }
    ImGui::BeginChild("content", ImVec2(0, bodyH), false);
    if (app.HasProject() && app.ui.view != View::Welcome && app.ui.hideSidebar) {
        if (ImGui::SmallButton(T(S::ShowSidebar))) app.ToggleSidebar();
        ImGui::SameLine();
    }
    switch (app.HasProject() || app.ui.view == View::County ? app.ui.view : View::Welcome) {
        case View::Welcome: DrawWelcome(app); break;
        case View::Project: DrawProject(app); break;
        case View::Step: DrawStep(app); break;
        case View::Catalog: DrawCatalog(app); break;
        case View::Decisions: DrawDecisions(app); break;
        case View::History: DrawHistory(app); break;
        case View::County: DrawCounty(app); break;
    }
    DrawDecisionForm(app);
    ImGui::EndChild();
    DrawStatusBar(app);
    DrawAbout(app);
    DrawServerDialog(app);
    DrawExportDialog(app);
    DrawBackupsDialog(app);
    DrawPrivacyDialog(app);
    DrawLostFileDialog(app);
    ImGui::End();
}
}  // namespace

void RecoverFromFrameError(App& app, const std::string& what) {
    // Close whatever the frame left open (windows, children, tables, ID stack), so the frame ends
    // cleanly, then take the project out of the window with the reason. ImGui 1.86 ends a table
    // before it pops the IDs pushed inside it, and asserts on them: those go first.
    ImGuiContext& g = *ImGui::GetCurrentContext();
    if (ImGuiTable* table = g.CurrentTable) {
        ImGuiWindow* inner = table->InnerWindow;
        while (inner && inner->IDStack.Size > 1 && inner->IDStack.back() != table->ID + table->InstanceCurrent)
            inner->IDStack.pop_back();
    }
    ImGui::ErrorCheckEndFrameRecover(nullptr);
    app.ShowFrameError(what);
}

void DrawApp(App& app) {
    // A project the window opened must never take the program down (and, reopened at every
    // start, keep it down): anything a screen throws ends the frame cleanly and is shown.
    try {
        // What the screens asked for during the last frame is applied first; then every screen
        // reads one model that holds still until the frame ends.
        app.BetweenFrames();
        app.BeginDraw();
        DrawAppUnguarded(app);
        app.EndDraw();
    } catch (const std::exception& e) {
        app.EndDraw();
        RecoverFromFrameError(app, e.what());
    }
}

}  // namespace stegvis::ui
