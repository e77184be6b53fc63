#include "ui/App.hpp"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <set>
#include <chrono>
#include <thread>

#include "edit/Demo.hpp"
#include "store/Backup.hpp"
#include "output/Export.hpp"
#include "output/Report.hpp"
#include "output/Xlsx.hpp"
#include "print/Cairo.hpp"
#include "print/Documents.hpp"
#include "base/Files.hpp"
#include "base/Platform.hpp"
#include "edit/HistoryText.hpp"
#include "base/Text.hpp"
#include "ui/Probe.hpp"
#include "ui/Widgets.hpp"
#include "server/Server.hpp"

namespace stegvis::ui {

App::App(Manual m, Catalog c, std::vector<Instrument> i, Settings s)
    : manual(std::move(m)), shipped(std::move(c)), catalog(shipped), instruments(std::move(i)), settings(std::move(s)) {
    user = settings.Get("user", DefaultUserName());
    ui.userName = user;
    SetLanguage(settings.Get("language", "sv") == "en" ? Lang::En : Lang::Sv);
    try {
        m_fontSize = std::clamp(std::stof(settings.Get("font_size", "17")), 11.0f, 32.0f);
    } catch (...) {
        m_fontSize = 17.0f;
    }
    ui.hideSidebar = settings.Get("sidebar", "shown") == "hidden";
    RefreshKnownFiles();
}

namespace {
// The path with its extension replaced by the format's.
// The name with the format's ending: another format's ending is replaced, any other dotted part
// of the name ("Lägesrapport v2.1") is kept.
std::string WithExtension(std::string path, const std::string& format) {
    path = Trim(path);
    const size_t dot = path.find_last_of('.');
    const size_t slash = path.find_last_of(platform::kSeparators);
    const std::string ending = dot == std::string::npos || (slash != std::string::npos && dot < slash)
                                   ? std::string()
                                   : ToLowerAscii(path.substr(dot + 1));
    if (ending == format) return path;
    if (!DocumentFormatOfName(path).empty() || ending == "png" || ending == "svg") path = path.substr(0, dot);
    return path + "." + format;
}
}  // namespace

std::string App::NameWithEnding(const std::string& name, const std::string& format) { return WithExtension(name, format); }

std::string App::ExportFileName(const std::string& doc, const std::string& format) {
    std::string base;
    if (format == "xlsx") base = "projekt";
    else if (format == "csv") base = "behovsinventering";
    else if (format == "json") base = "sakerhetskopia";
    else if (doc == "case-for-change") base = "underlag-for-forandring";
    else if (doc == "plan") base = "implementeringsplan";
    else if (doc == "board") base = "namndrapport";
    else if (doc == "local-agreement") base = "lokal-overenskommelse";
    else base = "lagesrapport";
    return base + "." + format;
}

namespace {
// Hands a PNG to the desktop's clipboard; a missing helper program is named with its package.
void CopyPngToClipboard(const std::string& png) {
    std::string missing;
    try {
        platform::CopyPngToClipboard(png, &missing);
    } catch (const std::runtime_error&) {
        const size_t bar = missing.find('|');
        if (bar == std::string::npos) throw;
        throw std::runtime_error(Format(S::ToolMissing, missing.substr(0, bar).c_str(), missing.substr(bar + 1).c_str()));
    }
}
}  // namespace

void App::CopyChartImage(int64_t measure) {
    try {
        const auto scene = MeasureChartScene(model, measure, ChartImageStyle(800));
        if (!scene) throw std::runtime_error(T(S::ChartGone));
        CopyPngToClipboard(ChartPng(*scene));
        SetMessage(T(S::ChartCopied), false);
    } catch (const std::exception& e) {
        SetMessage(Format(S::ChartCopyFailed, e.what()), true);
    }
}

std::string App::ExportFolder() const {
    std::string saved = settings.Get("export_dir");
    // Earlier versions wrote into the hidden data folder by default; that is no place for documents.
    if (!saved.empty() && saved != DataDir() && PathExists(saved)) return saved;
    return DocumentsDir();
}

std::string App::RequestExport(const std::string& doc, const std::string& format, const std::string& requested) {
    const std::string path = WithExtension(requested, format);
    ui.replaceDoc.clear(), ui.replaceFormat.clear(), ui.replacePath.clear();
    if (PathExists(path)) {
        ui.replaceDoc = doc, ui.replaceFormat = format, ui.replacePath = path;
        ui.exportMessage.clear();
        return "";
    }
    // The documents folder may not exist yet on a fresh account; any other folder must, and a
    // missing one is said in words before anything is tried.
    auto slash = path.find_last_of(platform::kSeparators);
    if (slash != std::string::npos && slash > 0 && path.substr(0, slash) == DocumentsDir()) MakeDirs(path.substr(0, slash), 0755);
    if (slash != std::string::npos && slash > 0 && !PathExists(path.substr(0, slash))) {
        ui.exportMessage = Format(S::FolderMissing, path.substr(0, slash).c_str());
        SetMessage(ui.exportMessage, true);
        return "";
    }
    // Refuse, not replace: a file that appeared since the check above is never overwritten unasked.
    return ExportDocument(doc, format, path, IfExists::Refuse);
}

std::string App::ExportDocument(const std::string& doc, const std::string& format, std::string path, IfExists ifExists) {
    path = WithExtension(path, format);
    try {
        RefuseOutputOverInput(path, {m_path});
    } catch (const std::exception& e) {
        ui.exportMessage = e.what();
        SetMessage(e.what(), true);
        return "";
    }
    // The worker writes from a copy of the model as it is now; the window may go on editing.
    auto snapshot = std::make_shared<const ProjectModel>(model);
    const std::string project = m_path;
    // The project's catalog as it is now: a move to another catalog meanwhile does not reach it.
    auto cat = std::make_shared<const Catalog>(catalog);
    const Manual* man = &manual;
    const std::vector<Instrument>* ins = &instruments;
    m_lastWritten.clear();
    const std::string name = path.substr(path.find_last_of(platform::kSeparators) + 1);
    StartJob(Format(S::JobExport, name.c_str()),
             [=](TaskProgress& progress) -> std::function<void(App&)> {
                 int cutCells = 0;
                 try {
                     progress.ThrowIfCancelled();
                     if (format == "xlsx") {
                         cutCells = WriteProjectXlsx(path, *snapshot, *cat, *man, *ins, TodayIso(), ifExists);
                     } else if (format == "csv") {
                         WriteFileAtomic(path, InventoryCsv(*snapshot, *cat), 0666, ifExists);
                     } else if (format == "json") {
                         // Everything in the project: owner only.
                         WriteFileAtomic(path, BackupToJson(ExportBackup(project)), 0600, ifExists);
                     } else if (doc.rfind("chart:", 0) == 0) {
                         // A measure's chart as an image, laid out as the window draws it.
                         const auto scene = MeasureChartScene(*snapshot, std::atoll(doc.c_str() + 6), ChartImageStyle(800));
                         if (!scene) throw std::runtime_error(T(S::ChartGone));
                         WriteChartImage(path, *scene, format, ifExists);
                     } else if (format == "docx") {
                         const std::string out = RenderDocx(*snapshot, *cat, *man, *ins, TodayIso(), ResolveTemplate(doc, "docx"));
                         progress.ThrowIfCancelled();
                         WriteFileAtomic(path, out, 0666, ifExists);
                     } else if (format == "pdf") {
                         const PdfDocument pdf = RenderPdf(doc, *snapshot, *cat, *man, *ins, TodayIso());
                         progress.ThrowIfCancelled();
                         WriteFileAtomic(path, pdf.bytes, 0666, ifExists);
                     } else {
                         std::string tmpl = ResolveTemplate(doc, format);
                         std::string out =
                             doc == "case-for-change"
                                 ? RenderCaseForChange(BuildCaseForChange(*snapshot, *cat, *ins, TodayIso()), format, tmpl)
                                 : RenderProgress(*snapshot, *cat, *man, *ins, TodayIso(), format, tmpl);
                         progress.ThrowIfCancelled();
                         WriteFileAtomic(path, out, 0666, ifExists);
                     }
                 } catch (const Cancelled&) {
                     throw;
                 } catch (const std::exception& e) {
                     std::string what = e.what();
                     return [what](App& a) {
                         a.ui.exportMessage = what;
                         a.SetMessage(what, true);
                     };
                 }
                 return [path, cutCells](App& a) { a.ExportWritten(path, cutCells); };
             });
    return m_lastWritten;
}

void App::ExportWritten(const std::string& path, int cutCells) {
    m_lastWritten = path;
    auto slash = path.find_last_of(platform::kSeparators);
    if (slash != std::string::npos) {
        settings.Set("export_dir", path.substr(0, slash));
        settings.Save();
    }
    ui.exportMessage = Format(S::ExportedTo, path.c_str());
    if (cutCells > 0) ui.exportMessage += " " + FormatN(S::CellsCut, cutCells, cutCells);
    SetMessage(ui.exportMessage, cutCells > 0);
    ui.messageFolder = slash == std::string::npos ? "." : path.substr(0, slash);
    // The dialog's file name follows what was written ("-2" when the name was taken).
    if (ui.replaceWhere == "dialog") ui.exportName = path.substr(slash + 1);
}

void App::LoadCounty(const std::string& folder) {
    const std::string input = Trim(folder);
    StartJob(T(S::JobRollup), [input](TaskProgress& progress) -> std::function<void(App&)> {
        const std::string work = platform::MakeTempDir(platform::TempFolder() + "/stegvis-county-");
        if (work.empty()) throw std::runtime_error(platform::TempFolder() + ": cannot create a temporary folder");
        auto result = std::make_shared<Rollup>();
        try {
            *result = LoadRollup({input}, work, &progress);
        } catch (...) {
            RemoveFolderTree(work);
            throw;
        }
        RemoveFolderTree(work);
        return [result, input](App& app) {
            app.county = std::move(*result);
            app.settings.Set("county_folder", input);
            app.settings.Save();
        };
    });
}

void App::ToggleSidebar() {
    ui.hideSidebar = !ui.hideSidebar;
    settings.Set("sidebar", ui.hideSidebar ? "hidden" : "shown");
    settings.Save();
}

double App::Now() const {
    if (m_clock) return m_clock();
    using namespace std::chrono;
    return duration<double>(steady_clock::now().time_since_epoch()).count();
}

void App::SetMessage(const std::string& text, bool error) {
    ui.message = text;
    ui.messageIsError = error;
    ui.messageFolder.clear();
    ProbeLine("message " + std::string(error ? "error " : "ok ") + text);
    ui.messageAt = Now();
}

void App::RefreshKnownFiles() {
    ui.knownFiles.clear();
    std::string dir = DataDir();
    try {
        ui.knownFiles = FilesInFolder(dir, {".stegvis"});
    } catch (const std::runtime_error&) {
        // No data folder to list: no known files.
    }
}

bool App::OpenProject(const std::string& path) {
    if (m_drawing) return Later([path](App& a) { a.OpenProject(path); }), true;
    // The project open now is backed up (if still to be) and let go of only once the file jobs
    // on it are done.
    if (HoldIfBusy([path](App& a) { a.OpenProject(path); })) return true;
    return OpenNow(path);
}

bool App::OpenNow(const std::string& path) {
    FlushPending();
    // The automatic backup is made before anything can change the file, and never stops the
    // opening. A file an older Stegvis made is copied now (a job: the window keeps drawing,
    // with no project open meanwhile), before Open upgrades it; any other is copied once the
    // window is up (Idle) or before the first edit, so the first frame does not wait for the copy.
    const int version = Store::HeaderSchemaVersion(path);
    // Not a project at all (-1): no copy to make, and the open below says why it is refused.
    if (version >= Store::kSchemaVersion || version < 0) return OpenAfterBackup(path, AutoBackupResult{});
    if (m_store) {
        EnsureBackup();
        Retire();
    }
    auto opened = std::make_shared<bool>(false);
    const std::string root = AutoBackupRoot();
    Enqueue(JobKind::Backup, T(S::JobBackup), [path, root, opened](TaskProgress& progress) -> std::function<void(App&)> {
        const AutoBackupResult backup = TryAutoBackup(path, root, kAutoBackupKeep, &progress);
        return [path, backup, opened](App& a) {
            if (backup.cancelled) {
                // Not opened: opening would upgrade a file that has no copy as it was.
                a.ui.welcomeError = T(S::OpenCancelled);
                a.SetMessage(a.ui.welcomeError, false);
                return;
            }
            *opened = a.OpenAfterBackup(path, backup);
        };
    });
    return Threaded() || *opened;
}

namespace {
bool NamesServer(const std::string& path) {
    auto starts = [&](const char* prefix) {
        const size_t n = std::strlen(prefix);
        if (path.size() < n) return false;
        for (size_t i = 0; i < n; ++i)
            if (std::tolower(static_cast<unsigned char>(path[i])) != prefix[i]) return false;
        return true;
    };
    return starts("postgresql://") || starts("postgres://");
}

// A project file, or a server project's working copy (server/Server.hpp).
Store OpenStore(const std::string& path) {
    if (!NamesServer(path)) return Store::Open(path);
    return OpenServerProject(ParseServerAddress(path));
}
}  // namespace

bool App::ListServer(const std::string& address, std::vector<std::string>* names, std::string* error) {
    names->clear();
    try {
        for (const ServerProject& p : ListServerProjects(ParseServerAddress(Trim(address)))) names->push_back(p.name);
        if (names->empty()) *error = T(S::ServerNoProjects);
        return !names->empty();
    } catch (const std::exception& e) {
        *error = e.what();
        return false;
    }
}

void App::NoteServer() {
    Remote* remote = m_store ? m_store->GetRemote() : nullptr;
    if (!remote) {
        m_server = ServerState{};
        return;
    }
    const bool was = m_server.connected;
    m_server.open = true;
    m_server.name = remote->Name();
    m_server.connected = remote->Connected();
    m_server.waiting = m_retry.size();
    if (m_server.connected && (Now() - m_lastPresence > 5 || !was)) {
        m_server.others = remote->OthersOpen();
        m_lastPresence = Now();
    }
    if (was && !m_server.connected) SetMessage(T(S::ServerGone), true);
    if (!was && m_server.connected) {
        SetMessage(T(S::ServerBack), false);
        // The edits that waited are made now, in the order they were made, each checked
        // against what others did meanwhile.
        auto retry = std::move(m_retry);
        m_retry.clear();
        for (auto& [action, then] : retry) Dispatch(action, then);
    }
}

bool App::OpenAfterBackup(const std::string& path, const AutoBackupResult& backup) {
    const bool server = NamesServer(path);
    const bool upgrade = !server && Store::HeaderSchemaVersion(path) < Store::kSchemaVersion;
    try {
        Store store = OpenStore(path);
        store.DeferCheckpoints();
        m_store.emplace(std::move(store));
    } catch (const std::exception& e) {
        // A file that cannot be opened is not reopened at the next start: a damaged or crafted
        // file must never keep the window from starting.
        if (settings.Get("last_file", "") == path) {
            settings.Set("last_file", "");
            settings.Save();
        }
        ui.welcomeError = std::string(T(S::CouldNotOpen)) + ": " + e.what();
        SetMessage(ui.welcomeError, true);
        return false;
    }
    // The place the user left this file at (step and initiative), when it was the last one open.
    const bool sameFile = settings.Get("last_file", "") == path;
    const std::string leftStep = sameFile ? settings.Get("last_step", "") : "";
    const std::string leftInitiative = sameFile ? settings.Get("last_initiative", "") : "";
    m_path = path;
    m_backupPending = !upgrade && !server;  // a server's backups are the server's (pg_dump)
    m_retry.clear();
    m_server = ServerState{};
    NoteServer();
    settings.Set("last_file", path);
    settings.Save();
    ui.welcomeError.clear();
    Reload();
    ui.bufferStep = 0;
    int64_t initiative = 0;
    if (!leftInitiative.empty() && leftInitiative.find_first_not_of("0123456789") == std::string::npos &&
        leftInitiative.size() < 19 && FindRecord(model, "initiative", std::stoll(leftInitiative)))
        initiative = std::stoll(leftInitiative);
    if (initiative) ui.initiative = initiative;
    if (leftStep.size() <= 2 && !leftStep.empty() && leftStep.find_first_not_of("0123456789") == std::string::npos &&
        std::stoi(leftStep) >= 1 && std::stoi(leftStep) <= 15) {
        SelectStep(std::stoi(leftStep));  // reopened where the user left off
    } else {
        // A file opened for the first time starts where the work is: the first step not done.
        int first = 1;
        for (const auto& s : model.steps)
            if (s.status != StepStatus::Done) { first = s.step; break; }
        SelectStep(first);
    }
    if (!backup.warning.empty()) SetMessage(backup.warning, true);
    return true;
}

void App::RefreshBackups() {
    if (m_drawing) return Later([](App& a) { a.RefreshBackups(); });

    EnsureBackup();  // the list then holds this opening's copy (the list waits for it)
    if (m_path.empty()) {
        ui.backups.clear();
        return;
    }
    const std::string project = m_path, root = AutoBackupRoot();
    // Each backup is opened to tell what it holds: on the worker, after the backup.
    Enqueue(JobKind::List, T(S::JobListBackups), [project, root](TaskProgress& progress) -> std::function<void(App&)> {
        progress.PointOfNoReturn();  // quick, and nothing to stop: Avbryt is greyed
        auto list = std::make_shared<std::vector<AutoBackupInfo>>(ListAutoBackups(project, root));
        return [project, list](App& a) {
            if (a.m_path == project) a.ui.backups = std::move(*list);
        };
    });
}

bool App::RestoreBackup(const std::string& backupPath) {
    if (m_drawing) return Later([backupPath](App& a) { a.RestoreBackup(backupPath); }), true;

    if (!m_store) return false;
    if (RestoreUnderWay()) {
        SetMessage(Format(S::JobBusy, T(S::JobRestore)), true);
        return false;
    }
    FlushPending();  // typed text is saved first, so the copy of the file as it is holds it
    std::string takenAt = backupPath;
    for (const AutoBackupInfo& b : ui.backups)
        if (b.path == backupPath) takenAt = b.takenAt;
    const std::string project = m_path, root = AutoBackupRoot();
    auto ok = std::make_shared<bool>(false);
    Enqueue(JobKind::Restore, T(S::JobRestore),
            [backupPath, project, root, takenAt, ok](TaskProgress& progress) -> std::function<void(App&)> {
                std::string before, error;
                bool cancelled = false;
                try {
                    before = RestoreAutoBackup(backupPath, project, root, &progress);
                    *ok = true;
                } catch (const Cancelled&) {
                    cancelled = true;
                } catch (const std::exception& e) {
                    error = e.what();
                }
                return [project, takenAt, before, error, cancelled](App& a) {
                    a.RestoreEnded(project, takenAt, before, error, cancelled);
                };
            });
    return Threaded() || *ok;  // on the worker it is only started (and *ok is the worker's)
}

void App::RestoreEnded(const std::string& project, const std::string& takenAt, const std::string& before,
                       const std::string& error, bool cancelled) {
    const bool fromDialog = ui.restoreFromDialog;
    ui.restoreFromDialog = false;
    if (cancelled) {
        SetMessage(T(S::RestoreCancelled), false);
    } else if (!error.empty()) {
        char buf[1024];
        std::snprintf(buf, sizeof buf, T(S::CouldNotRestore), error.c_str());
        SetMessage(buf, true);
    }
    if (!m_store || m_path != project) return;  // nothing else happens to a project no longer open
    if (cancelled || !error.empty()) {
        RefreshBackups();
        return;
    }
    m_store->ChangedSinceLastCheck();  // our own restore, not someone else's change
    Reload();
    LoadStepBuffers();
    ui.effectFor = 0;
    ui.learnFor = 0;
    char buf[1024];
    std::snprintf(buf, sizeof buf, T(S::RestoredMsg), takenAt.c_str(), before.c_str());
    SetMessage(buf, false);
    if (fromDialog) ui.closePopup = "backups";
    RefreshBackups();
}

bool App::CreateProject(const std::string& path, const ProjectInfo& info) {
    if (m_drawing) return Later([path, info](App& a) { a.CreateProject(path, info); }), true;

    try {
        Store::Create(path, info, &shipped);
    } catch (const std::exception& e) {
        ui.welcomeError = e.what();
        return false;
    }
    RefreshKnownFiles();
    return OpenProject(path);
}

bool App::OpenDemo() {
    if (m_drawing) return Later([](App& a) { a.OpenDemo(); }), true;

    std::string path = DemoProjectPath();
    if (!PathExists(path)) {
        try {
            CreateDemo(path, DemoOptions{}, manual, shipped, instruments);
        } catch (const std::exception& e) {
            ui.welcomeError = e.what();
            return false;
        }
        RefreshKnownFiles();
    }
    return OpenProject(path);
}

void App::CloseProject() {
    if (m_drawing) return Later([](App& a) { a.CloseProject(); });

    FlushPending();
    // Closed once the backup of this opening is made and a restore is done.
    if (HoldIfBusy([](App& a) { a.CloseProject(); })) return;
    FlushPending();  // text typed while it waited
    Retire();
}

void App::Retire() {
    AssertBetweenFrames("Retire");
    m_store.reset();
    m_path.clear();
    m_backupPending = false;
    m_server = ServerState{};
    m_retry.clear();
    m_pictures.clear();
    model = ProjectModel{};
    SyncCatalog();
    history.clear();
    privacyFindings.clear();
    ForgetCharts();
    ui.bufferStep = 0;
    ui.view = View::Welcome;
    RefreshKnownFiles();
}

void App::EnsureBackup() {
    if (!m_store || !m_backupPending) return;
    m_backupPending = false;  // a failed or cancelled backup is not tried again in this opening
    const std::string project = m_path, root = AutoBackupRoot();
    Enqueue(JobKind::Backup, T(S::JobBackup), [project, root](TaskProgress& progress) -> std::function<void(App&)> {
        const AutoBackupResult backup = TryAutoBackup(project, root, kAutoBackupKeep, &progress);
        return [backup](App& a) { a.BackupMade(backup); };
    });
}

void App::BackupMade(const AutoBackupResult& backup) {
    if (backup.cancelled) SetMessage(T(S::BackupCancelled), false);
    else if (!backup.warning.empty()) SetMessage(backup.warning, true);
}

void App::Idle() {
    EnsureBackup();
    // The log is left alone while the file is copied or replaced.
    if (!m_store || !m_logToCheckpoint || FileJobRunning()) return;
    m_store->Checkpoint();
    m_logToCheckpoint = false;
}

bool App::PollExternalChange() {
    // A restore changes the file under the window on purpose; its end reloads the model.
    if (!m_store || RestoreUnderWay() || Now() - m_lastPoll < PollInterval()) return false;
    m_lastPoll = Now();
    if (!m_store->StillAtPath()) {
        HandleLostFile();
        return true;
    }
    bool changed = false;
    const ServerState before = m_server;
    try {
        changed = m_store->ChangedSinceLastCheck();
    } catch (const std::exception&) {
        changed = false;  // a busy or vanished file, a server away: the next poll tries again
    }
    NoteServer();
    const bool serverNews = before.connected != m_server.connected || before.others != m_server.others ||
                            before.waiting != m_server.waiting;
    if (!changed) return serverNews;
    // Fields nobody is typing in take the new values; a field with unsaved typing keeps it (and
    // saves it over the change, as the newest edit).
    const bool pristine = ui.notesEditedAt == 0 && ui.bufferStep >= 1 &&
                          ui.bufferStep <= static_cast<int>(model.steps.size()) &&
                          ui.notes == StepState(model, ui.bufferStep, ui.bufferInitiative).notes;
    Reload();
    if (pristine) {
        LoadStepBuffers();
        ui.effectFor = 0;
        ui.learnFor = 0;
    }
    SetMessage(T(m_server.open ? S::ChangedOnServer : S::ChangedElsewhere), false);
    return true;
}

const StepPicture& App::PictureFor(int step) const {
    const auto key = std::make_pair(step, InitiativeFor(step));
    auto it = m_pictures.find(key);
    if (it == m_pictures.end()) it = m_pictures.emplace(key, PictureOf(step, model, &catalog, key.second)).first;
    return it->second;
}

const Chart& App::ChartFor(const Record& measure, const std::string& fullScaleFrom) {
    auto key = std::make_pair(measure.id, fullScaleFrom);
    auto it = m_charts.find(key);
    if (it == m_charts.end()) it = m_charts.emplace(key, BuildChart(model, measure, fullScaleFrom)).first;
    return it->second;
}

const ChartScene& App::SceneFor(const Record& measure, const std::string& fullScaleFrom, const ChartStyle& style) {
    auto key = std::make_tuple(measure.id, fullScaleFrom, static_cast<int>(style.width), static_cast<int>(style.height),
                               static_cast<int>(style.fontSize * 100), style.english);
    auto it = m_scenes.find(key);
    if (it == m_scenes.end()) it = m_scenes.emplace(key, BuildChartScene(ChartFor(measure, fullScaleFrom), measure, style)).first;
    return it->second;
}

void App::SyncCatalog() {
    catalog = m_store ? ProjectCatalog(model, shipped) : shipped;
    catalogReview = m_store ? ReviewCatalog(model, catalog, shipped) : CatalogReview{};
}

void App::MoveToShippedCatalog() {
    if (!m_store || !catalogReview.differs) return;
    Dispatch(MoveToCatalog{shipped}, [](App& a, const ApplyResult& r) {
        if (r.ok && r.changed) a.SetMessage(Format(S::CatalogMoved, a.catalog.edition.c_str()), false);
    });
}

void App::Reload() {
    if (!m_store) return;
    AssertBetweenFrames("Reload");
    m_logToCheckpoint = true;
    ForgetCharts();
    m_pictures.clear();
    try {
        model = m_store->Load();
        SyncCatalog();
        history = m_store->History(500);
        schemaVersion = m_store->SchemaVersion();
        // What is shown now is what the user has seen, unless a field is being typed in: that
        // edit was begun on what was shown before.
        if (!m_textActive) m_store->MarkSeen();
    } catch (const std::exception& e) {
        // The file went bad under the window (damaged on disk, changed by another program):
        // closed with the reason, never a crash.
        model = ProjectModel{};
        history.clear();
        ShowFrameError(e.what());
        return;
    }
    privacyFindings = ScanForPersonalNumbers(model);
}

int64_t App::CurrentInitiative() const {
    auto list = Records(model, "initiative");
    for (const Record* r : list)
        if (r->id == ui.initiative) return r->id;
    return list.empty() ? 0 : list.front()->id;
}

void App::SelectInitiative(int64_t id) {
    FlushPending();
    ui.initiative = id;
    ui.effectFor = 0;
    LoadStepBuffers();
    RememberPlace();
}

// The step and initiative shown, kept in the settings so the next start reopens them.
void App::RememberPlace() {
    if (!m_store) return;
    const std::string step = std::to_string(ui.step), init = std::to_string(CurrentInitiative());
    if (settings.Get("last_step", "") == step && settings.Get("last_initiative", "") == init) return;
    settings.Set("last_step", step);
    settings.Set("last_initiative", init);
    settings.Save();  // never throws: settings are a convenience
}

void App::LoadStepBuffers() {
    if (!m_store || ui.step < 1 || ui.step > static_cast<int>(model.steps.size())) return;
    const StepProgress sp = StepStateFor(ui.step);
    ui.bufferStep = ui.step;
    ui.bufferInitiative = InitiativeFor(ui.step);
    ui.notes = sp.notes;
    ui.startDate = sp.startedOn;
    ui.doneDate = sp.doneOn;
    ui.notesEditedAt = 0;
    ui.fieldErrors.clear();
}

void App::SelectStep(int step) {
    FlushPending();
    if (ui.step != std::clamp(step, 1, 15) || ui.view != View::Step) {
        ui.stepTab = StepTab::Workspace;
        ui.selectTab = true;
    }
    ui.step = std::clamp(step, 1, 15);
    ui.view = m_store ? View::Step : View::Welcome;
    LoadStepBuffers();
    RememberPlace();
}

void App::OpenStepTab(int step, StepTab tab) {
    SelectStep(step);
    ui.stepTab = tab;
    ui.selectTab = true;
}

const Instrument* App::FindInstrument(const std::string& id) const {
    for (const auto& i : instruments)
        if (i.id == id) return &i;
    return nullptr;
}

void App::StartDecision(int step, const std::string& title, const std::vector<std::string>& recs) {
    ui.draft = Decision{};
    ui.draft.step = step;
    ui.draft.decidedOn = TodayIso();
    ui.draft.title = title;
    ui.draftRecs.clear();
    for (const auto& r : recs) ui.draftRecs += (ui.draftRecs.empty() ? "" : ", ") + r;
    ui.fieldErrors.clear();
    ui.decisionFormOpen = true;
}

void App::ShowView(View v) {
    FlushPending();
    if (v == View::Project) {
        ui.projName = model.project.name;
        ui.projOrg = model.project.organisation;
    }
    ui.fieldErrors.clear();
    ui.view = m_store || v == View::Welcome || v == View::County ? v : View::Welcome;
}

void App::AssertBetweenFrames(const char* what) const {
    // Screens hold references into the model while they draw; changing it then would leave
    // them pointing at freed memory. Everything that changes it waits for the frame's end.
    if (m_drawing) throw std::logic_error(std::string(what) + ": the model cannot change while a frame is drawn");
}

void App::Later(std::function<void(App&)> work) {
    if (m_drawing) m_later.push_back(std::move(work));
    else work(*this);
}

void App::BetweenFrames() {
    if (m_drawing) return;
    FinishJobIfDone();
    // Work may ask for more work; outside a frame that runs at once, so the loop ends.
    std::vector<std::function<void(App&)>> work;
    work.swap(m_later);
    for (auto& w : work) w(*this);
}

// ---- long work on a worker thread ----

struct App::Job {
    std::string title;
    JobKind kind = JobKind::Task;
    std::shared_ptr<TaskProgress> progress = std::make_shared<TaskProgress>();
    std::thread thread;
    std::atomic<bool> finished{false};
    std::function<void(App&)> then;  // written by the worker before `finished`, read after it
};

void App::JobDeleter::operator()(Job* job) const {
    job->progress->cancelled = true;  // a restore past its point of no return runs to its end
    if (job->thread.joinable()) job->thread.join();
    delete job;
}

namespace {
// Runs the work and turns its end (a result, Avbryt, or an error) into what the window does.
std::function<void(App&)> RunJob(const App::JobWork& work, TaskProgress& progress, const std::string& title) {
    try {
        return work(progress);
    } catch (const Cancelled&) {
        return [title](App& a) { a.SetMessage(Format(S::JobCancelled, title.c_str()), false); };
    } catch (const std::exception& e) {
        std::string what = e.what();
        return [what](App& a) { a.SetMessage(what, true); };
    }
}
}  // namespace

void App::StartJob(std::string title, JobWork work) { Enqueue(JobKind::Task, std::move(title), std::move(work)); }

void App::Enqueue(JobKind kind, std::string title, JobWork work) {
    if (!Threaded()) {
        TaskProgress progress;
        std::function<void(App&)> then = RunJob(work, progress, title);
        if (then) then(*this);
        return;
    }
    // The title of a job under way or waiting that `clash` names, or nullptr.
    auto busyWith = [this](auto clash) -> const std::string* {
        if (m_job && clash(m_job->kind)) return &m_job->title;
        for (const Queued& q : m_queue)
            if (q.work && clash(q.kind)) return &q.title;
        return nullptr;
    };
    const std::string* busy = nullptr;
    if (kind == JobKind::Task)
        busy = busyWith([](JobKind k) { return k == JobKind::Task || k == JobKind::Restore; });
    else if (kind == JobKind::Restore)
        busy = busyWith([](JobKind k) { return k == JobKind::Restore; });
    if (busy) {
        SetMessage(Format(S::JobBusy, busy->c_str()), true);
        return;
    }
    if (kind == JobKind::List)
        for (const Queued& q : m_queue)
            if (q.work && q.kind == JobKind::List) return;  // the one waiting reads the list as it will be
    Queued q;
    q.kind = kind;
    q.title = std::move(title);
    q.work = std::move(work);
    m_queue.push_back(std::move(q));
    Pump();
}

void App::Launch(Queued next) {
    m_job.reset(new Job);
    m_job->title = std::move(next.title);
    m_job->kind = next.kind;
    std::shared_ptr<std::atomic<bool>> news = m_jobNews;
    std::function<void()> wake = wakeLoop;
    m_job->progress->wake = [news, wake] {
        news->store(true);
        if (wake) wake();
    };
    news->store(true);  // the bar appears at once
    Job* job = m_job.get();
    job->thread = std::thread([job, work = std::move(next.work)] {
        job->then = RunJob(work, *job->progress, job->title);
        job->finished = true;
        if (job->progress->wake) job->progress->wake();
    });
}

void App::Pump() {
    for (;;) {
        // The first entry that may go now: a job when none runs and no held work is before it;
        // held work between frames, when no file job runs or waits before it.
        bool fileAhead = m_job && IsFileJob(m_job->kind);
        bool workAhead = false;
        size_t go = m_queue.size();
        for (size_t i = 0; i < m_queue.size() && go == m_queue.size(); ++i) {
            const Queued& q = m_queue[i];
            if (q.work) {
                if (!m_job && !workAhead) go = i;
                else if (IsFileJob(q.kind)) fileAhead = true;
            } else {
                if (!m_drawing && !fileAhead && !workAhead) go = i;
                else workAhead = true;
            }
        }
        if (go == m_queue.size()) return;
        Queued next = std::move(m_queue[go]);
        m_queue.erase(m_queue.begin() + static_cast<std::ptrdiff_t>(go));
        if (next.work) {
            Launch(std::move(next));
            continue;
        }
        const bool was = m_runningHeld;
        m_runningHeld = true;
        try {
            next.run(*this);
        } catch (...) {
            m_runningHeld = was;
            throw;
        }
        m_runningHeld = was;
    }
}

bool App::HoldIfBusy(std::function<void(App&)> work) {
    EnsureBackup();
    if (m_runningHeld || !Threaded()) return false;
    bool wait = m_job && IsFileJob(m_job->kind);
    for (const Queued& q : m_queue) wait = wait || !q.work || IsFileJob(q.kind);
    if (!wait) return false;
    Queued q;
    q.run = std::move(work);
    m_queue.push_back(std::move(q));
    std::string title = m_job ? m_job->title : "";
    for (const Queued& e : m_queue)
        if (title.empty() && e.work) title = e.title;
    SetMessage(Format(S::JobWaits, title.c_str()), false);
    return true;
}

std::string App::JobTitle() const { return m_job ? m_job->title : ""; }

std::pair<size_t, size_t> App::JobProgress() const {
    if (!m_job) return {0, 0};
    return {m_job->progress->done.load(), m_job->progress->total.load()};
}

bool App::FileJobRunning() const { return m_job && IsFileJob(m_job->kind); }

bool App::JobCountsPages() const { return FileJobRunning(); }

bool App::JobCancellable() const { return m_job && m_job->progress->cancellable.load(); }

bool App::RestoreUnderWay() const {
    if (m_job && m_job->kind == JobKind::Restore) return true;
    if (m_runningHeld) return false;  // held work runs before the restore queued behind it
    for (const Queued& q : m_queue)
        if (q.work && q.kind == JobKind::Restore) return true;
    return false;
}

bool App::ListingBackups() const {
    if (m_job && m_job->kind == JobKind::List) return true;
    for (const Queued& q : m_queue)
        if (q.work && q.kind == JobKind::List) return true;
    return false;
}

void App::CancelJob() {
    if (!m_job) return;
    if (m_job->progress->cancellable.load()) m_job->progress->cancelled = true;
    else SetMessage(T(S::JobCannotCancel), false);
}

void App::FinishJobIfDone() {
    if (!m_job || !m_job->finished) return;
    if (m_job->thread.joinable()) m_job->thread.join();
    std::function<void(App&)> then = std::move(m_job->then);
    m_job.reset();
    if (then) then(*this);
    Pump();
}

void App::WaitForJob() {
    AssertBetweenFrames("WaitForJob");
    Pump();
    while (m_job) {
        if (m_job->thread.joinable()) m_job->thread.join();
        m_job->finished = true;
        FinishJobIfDone();
    }
}

bool App::ReadyToClose() {
    AssertBetweenFrames("ReadyToClose");
    FlushPending();
    EnsureBackup();
    // A roll-up or an export is stopped (what it was writing is not kept, and it says so);
    // the backup, a restore and the work waiting for them are finished.
    if (m_job && !IsFileJob(m_job->kind) && m_job->progress->cancellable.load()) m_job->progress->cancelled = true;
    for (auto it = m_queue.begin(); it != m_queue.end();) {
        if (it->work && !IsFileJob(it->kind)) {
            if (it->kind == JobKind::Task) SetMessage(Format(S::JobCancelled, it->title.c_str()), false);
            it = m_queue.erase(it);
        } else {
            ++it;
        }
    }
    FinishJobIfDone();
    return !m_job && m_queue.empty() && m_later.empty();
}

void App::Dispatch(Action action, Then then) {
    const std::string project = m_path;
    Later([action = std::move(action), then = std::move(then), project](App& app) {
        app.ApplyWhenFree(action, then, project);
    });
}

void App::ApplyWhenFree(const Action& action, const Then& then, const std::string& project) {
    ApplyResult r;
    r.ok = false;
    if (RestoreUnderWay()) {
        // Written now it would go into the file being replaced; held, onto a file it was not
        // made for. Refused, and the screen keeps what was typed.
        r.error.message = {Msg::Plain, {T(S::RestoreRefusesEdit)}};
        SetMessage(r.error.Text(), true);
        if (then) then(*this, r);
        return;
    }
    if (HoldIfBusy([action, then, project](App& a) { a.ApplyWhenFree(action, then, project); })) return;
    if (m_path == project) r = ApplyNow(action);  // an edit for a project since closed is dropped
    if (r.unreachable) {
        // Kept in its field (the screen shows what was typed) and made again once the server is back.
        m_retry.emplace_back(action, then);
        NoteServer();
    }
    if (then) then(*this, r);
}

bool App::Perform(const Action& action) {
    AssertBetweenFrames("Perform");
    if (RestoreUnderWay()) {
        SetMessage(T(S::RestoreRefusesEdit), true);
        return false;
    }
    EnsureBackup();
    // The backup before the edit (and whatever waits with it).
    bool fileJob = m_job && IsFileJob(m_job->kind);
    for (const Queued& q : m_queue) fileJob = fileJob || !q.work || IsFileJob(q.kind);
    if (fileJob) WaitForJob();
    return ApplyNow(action).ok;
}

ApplyResult App::ApplyNow(const Action& action) {
    ApplyResult r;
    r.ok = false;
    if (!m_store) return r;
    ActionContext ctx;
    ctx.manual = &manual;
    ctx.catalog = &catalog;
    ctx.instruments = &instruments;
    try {
        r = Apply(*m_store, action, user, ctx);
    } catch (const OpenError& e) {
        if (e.GetKind() != OpenError::Kind::Moved) throw;
        HandleLostFile();
        r.ok = false;
        return r;
    } catch (const std::exception& e) {
        // A storage failure (disk full, file locked): nothing was stored, the edit stays in the field.
        char buf[512];
        std::snprintf(buf, sizeof buf, T(S::CouldNotSave), e.what());
        SetMessage(buf, true);
        r = ApplyResult{};
        r.ok = false;
        r.error.message = {Msg::Plain, {buf}};
        return r;
    }
    if (!r.ok) {
        std::string text = r.error.Text(CurrentLanguage() == Lang::En);
        if (r.unreachable) text += std::string(" ") + T(S::ServerRetries);
        ui.fieldErrors[r.error.field] = text;
        SetMessage(text, true);
        // Refused for a change someone else made: the project shows it now, the new value and
        // the message side by side.
        if (r.conflict) {
            Reload();
            m_store->MarkSeen();  // shown now, with the message: Enter again writes over it
        }
        return r;
    }
    if (r.changed && m_store->OthersNewerThanSeen()) {
        // This edit's turn took in others' edits too: all of it is shown.
        Reload();
        SetMessage(T(S::SavedMsg), false);
        return r;
    }
    if (r.changed) {
        const std::string warning = RefreshAfter(r);
        if (!m_store) return r;  // the file went bad under the window: closed with the reason
        SetMessage(warning.empty() ? T(S::SavedMsg) : warning, !warning.empty());
    }
    return r;
}

std::string App::RefreshAfter(const ApplyResult& r) {
    AssertBetweenFrames("RefreshAfter");
    m_logToCheckpoint = true;
    std::vector<std::pair<std::string, std::string>> touched;
    bool charts = false, catalogRows = false;
    for (const HistoryEntry& h : r.recorded) {
        touched.emplace_back(h.entity, h.key);
        catalogRows = catalogRows || h.entity == "catalog" || (h.entity == "project" && h.field == "catalog_edition");
        // A chart reads its measure's points and fields, its initiative's PDSA cycles (they
        // open its parts) and its initiative's full-scale date (BuildChart).
        if (h.entity == "point" || h.entity == "measure" || h.entity == "pdsa" || h.entity == "initiative") charts = true;
    }
    try {
        m_store->Refresh(model, touched);
    } catch (const std::exception& e) {
        model = ProjectModel{};
        history.clear();
        ShowFrameError(e.what());
        return "";
    }
    if (charts) ForgetCharts();
    m_pictures.clear();
    if (catalogRows) SyncCatalog();
    // While a newer catalog waits, its review counts the rows the project holds data on: any
    // edit may change that (a few dozen rows, only then).
    else if (catalogReview.differs) catalogReview = ReviewCatalog(model, catalog, shipped);
    // The history shown, newest first: this action's rows in front, the redo chain it ended
    // marked as the store marked it, and no more than a reload would read.
    // What would fall off the end goes before the rest is moved along for the new rows.
    const size_t kShown = 500;
    if (history.size() + r.recorded.size() > kShown) history.resize(kShown - std::min(kShown, r.recorded.size()));
    for (HistoryEntry& h : history)
        if (h.state == "undone") h.state = "dropped";
    history.insert(history.begin(), r.recorded.rbegin(), r.recorded.rend());
    if (history.size() > kShown) history.resize(kShown);
    model.undoable += 1;
    model.redoable = 0;
    if (!r.recorded.empty()) model.lastChangeAt = r.recorded.back().at;
    // The privacy guard warns, it does not block: the edit is saved either way. The whole model
    // is scanned again only when this edit wrote or removed something that looks like a
    // personal identity number, or renamed a record a finding is named after.
    bool rescan = false;
    for (const HistoryEntry& h : r.recorded)
        rescan = rescan || LooksLikePersonalNumber(h.newValue) || LooksLikePersonalNumber(h.oldValue) ||
                 (!privacyFindings.empty() && FindRecordKind(h.entity));
    if (!rescan) return "";
    std::set<std::string> flaggedBefore;
    for (const PrivacyFinding& f : privacyFindings) flaggedBefore.insert(f.where + f.masked);
    privacyFindings = ScanForPersonalNumbers(model);
    for (const PrivacyFinding& f : privacyFindings) {
        if (flaggedBefore.count(f.where + f.masked)) continue;
        char buf[512];
        std::snprintf(buf, sizeof buf, T(S::PrivacyWarning), f.masked.c_str());
        return buf;
    }
    return "";
}

void App::FlushPending() {
    if (!m_store || ui.bufferStep < 1 || ui.bufferStep > static_cast<int>(model.steps.size())) return;
    const int step = ui.bufferStep;
    const int64_t initiative = ui.bufferInitiative;
    const std::string before = StepState(model, step, initiative).notes;
    if (ui.notes != before) {
        const std::string typed = ui.notes;
        Dispatch(SetStepNotes{step, typed, initiative}, [step, initiative, before, typed](App& a, const ApplyResult& r) {
            // The field, loaded again from the model before the save came through, shows the
            // saved text, not the text it replaced.
            if (r.ok && a.ui.bufferStep == step && a.ui.bufferInitiative == initiative && a.ui.notes == before &&
                a.ui.notesEditedAt == 0)
                a.ui.notes = typed;
        });
    }
    ui.notesEditedAt = 0;
}

void App::HandleLostFile() {
    if (!m_store) return;
    UiState::LostFile lost;
    lost.show = true;
    lost.path = m_path;
    // Typed but not yet saved: kept for the rescued copy (saving it here would be refused).
    if (ui.bufferStep >= 1 && ui.bufferStep <= static_cast<int>(model.steps.size()) &&
        ui.notes != StepState(model, ui.bufferStep, ui.bufferInitiative).notes) {
        lost.notesStep = ui.bufferStep;
        lost.notesInitiative = ui.bufferInitiative;
        lost.notes = ui.notes;
    }
    // Beside the original where that folder takes it, else in the data folder.
    std::string stem = m_path.substr(m_path.find_last_of(platform::kSeparators) + 1);
    if (stem.size() > 8 && stem.compare(stem.size() - 8, 8, ".stegvis") == 0) stem.resize(stem.size() - 8);
    std::string stamp = NowIsoSeconds();
    for (char& c : stamp)
        if (c == ':') c = '.';
    for (const std::string& folder : {FolderOf(m_path), DataDir()}) {
        const std::string candidate = folder + platform::kSeparator + stem + " (räddad " + stamp + ").stegvis";
        try {
            m_store->SaveCopyTo(candidate);
            lost.rescuedTo = candidate;
            lost.error.clear();
            break;
        } catch (const std::exception& e) {
            lost.error = e.what();
        }
    }
    // Closing the connection puts the log into the file this window opened (wherever it is now)
    // and takes the log away from the path, so it is never replayed into the file there now.
    Retire();
    if (!lost.rescuedTo.empty()) {
        settings.Set("last_file", lost.rescuedTo);
        settings.Save();
    }
    ui.lost = std::move(lost);
}

void App::OpenAfterLoss(bool rescued) {
    if (m_drawing) return Later([rescued](App& a) { a.OpenAfterLoss(rescued); });

    UiState::LostFile lost = ui.lost;
    ui.lost = UiState::LostFile{};
    if (!OpenProject(rescued ? lost.rescuedTo : lost.path)) return;
    if (rescued && lost.notesStep >= 1) {
        // To the step first, then the text into the file, then the step's buffers from the file:
        // a buffer loaded before the text was written would write its old text back.
        SelectStep(lost.notesStep);
        Dispatch(SetStepNotes{lost.notesStep, lost.notes, lost.notesInitiative});
        LoadStepBuffers();
    }
}

void App::ShowFrameError(const std::string& what) {
    const std::string path = m_path;
    if (settings.Get("last_file", "") == path) {
        settings.Set("last_file", "");
        settings.Save();
    }
    ui.bufferStep = 0;  // nothing typed is written back through a screen that just failed
    if (m_store) CloseProject();
    ui.welcomeError = Format(S::CouldNotOpenBroken, path.c_str(), what.c_str());
    SetMessage(ui.welcomeError, true);
}

void App::UndoLast() { WalkHistory(true); }
void App::RedoLast() { WalkHistory(false); }

void App::WalkHistory(bool undo) {
    if (m_drawing) return Later([undo](App& a) { a.WalkHistory(undo); });

    if (!m_store) return;
    if (RestoreUnderWay()) {
        SetMessage(T(S::RestoreRefusesEdit), true);
        return;
    }
    FlushPending();
    if (HoldIfBusy([undo](App& a) { a.WalkHistory(undo); })) return;
    auto id = undo ? m_store->LastDoneAction() : m_store->FirstUndoneAction();
    std::string what;
    if (id) {
        // Told as the history tells it, in the interface's language, while the model still
        // holds the names the change refers to.
        auto entries = m_store->ActionEntries(*id);
        if (!entries.empty()) {
            const HistoryNames names{&model, &manual, &catalog, &instruments};
            what = DescribeChange(entries.front(), CurrentLanguage() == Lang::En, names);
            if (what.empty()) what = entries.front().label;
        }
    }
    try {
        if (!(undo ? Undo(*m_store) : Redo(*m_store))) {
            SetMessage(T(undo ? S::NothingToUndo : S::NothingToRedo), false);
            return;
        }
    } catch (const OpenError& e) {
        if (e.GetKind() != OpenError::Kind::Moved) {
            SetMessage(e.what(), true);
            return;
        }
        HandleLostFile();
        return;
    } catch (const std::exception& e) {
        SetMessage(e.what(), true);
        return;
    }
    Reload();
    LoadStepBuffers();
    SetMessage(Format(undo ? S::Undid : S::Redid, what.c_str()), false);
}

void App::SetLang(Lang lang) {
    SetLanguage(lang);
    settings.Set("language", lang == Lang::En ? "en" : "sv");
    settings.Save();
}

void App::SetFontSize(float px) {
    px = std::clamp(px, 11.0f, 32.0f);
    if (px == m_fontSize) return;
    m_fontSize = px;
    m_fontChanged = true;
    settings.Set("font_size", std::to_string(static_cast<int>(px)));
    settings.Save();
}

bool App::TakeFontChange() {
    bool c = m_fontChanged;
    m_fontChanged = false;
    return c;
}

}  // namespace stegvis::ui
