// The GUI's model/update half: the open project, the loaded data files and the transient
// widget state. Screens read App and send edits through Dispatch(); nothing else writes.
#pragma once
#include <imgui.h>

#include <atomic>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "edit/Actions.hpp"
#include "store/AutoBackup.hpp"
#include "reference/Catalog.hpp"
#include "reference/Instruments.hpp"
#include "domain/ChartScene.hpp"
#include "domain/Measures.hpp"
#include "domain/Model.hpp"
#include "domain/Editions.hpp"
#include "base/Paths.hpp"
#include "reference/Phases.hpp"
#include "domain/Privacy.hpp"
#include "base/Progress.hpp"
#include "domain/Records.hpp"
#include "output/Rollup.hpp"
#include "base/Files.hpp"
#include "store/Store.hpp"
#include "domain/StepPicture.hpp"
#include "ui/Strings.hpp"

namespace stegvis::ui {

enum class View { Welcome, Project, Step, Catalog, Decisions, History, County };

// The tabs of a step page that has a workspace.
enum class StepTab { Workspace, Guidance };

// Transient widget state: text buffers, selections, open popups, messages.
struct UiState {
    View view = View::Welcome;
    int step = 1;

    // welcome screen
    std::string userName;
    std::string newName, newOrg, newPath;
    int newKind = 0;
    std::string openPath;
    std::string welcomeError;
    std::vector<std::string> knownFiles;

    // step page: buffers for the fields being edited, keyed by step
    int bufferStep = 0;
    std::string notes, startDate, doneDate;
    double notesEditedAt = 0;  // seconds; 0 = no pending edit

    // project page
    std::string projName, projOrg;

    StepTab stepTab = StepTab::Workspace;
    bool selectTab = false;  // apply stepTab to the tab bar on the next frame

    // the cell being edited in a table: its key, its text, and where Enter sends focus next
    std::string activeCell, cellBuf, focusCell;
    // The text last committed from each table cell. While the cell's commit stands refused (its
    // key in fieldErrors) the cell shows this instead of the stored value, and editing it again
    // starts from it: a refusal never throws away what was typed.
    std::map<std::string, std::string> committedText;
    bool cellTyped = false;   // the last EditCell took typed characters in this frame
    unsigned selectAllCell = 0;  // ImGui id of a cell whose text the next key replaces

    // catalog
    std::string catSearch;
    int catArea = -1, catGroup = -1, catLevel = -1;
    int catPrioMin = 1, catPrioMax = 10;  // narrowed: only numbered priorities in the range
    std::string catSelected;
    bool catChangesOpen = false;  // the list of what a newer catalog changes, unfolded

    // inventory (step 2)
    std::string invSearch;
    int invArea = -1;
    int invShow = 0;        // 0 all, 1 not assessed, 2 with a gap
    int64_t compareBaseline = 0;  // 0 = none
    bool baselineFormOpen = false;
    std::string baselineName, baselineDate;
    std::string discussNote;  // step 1 note buffer for the selected recommendation
    std::string discussNoteRec;
    std::string discussDate;  // step 1 date buffer for the selected recommendation
    std::string meetingDate;  // the last meeting date typed: used for the next recommendation ticked

    // steps 6-11
    int64_t initiative = 0;      // the initiative steps 8-15 are shown for (0 = none chosen)
    int64_t bufferInitiative = 0;  // the initiative the step buffers were loaded for
    std::string removeKind;      // a record waiting for "really remove?"
    int64_t removeId = 0;
    std::map<std::string, std::string> addFields;  // the add bar's fields, keyed "kind/field"
    std::string refocusAdd;      // the kind whose add bar gets the cursor back after Enter added one
    std::string startRec;        // step 7: recommendation of the initiative being started
    std::string startName, startRationale, startParticipants, startDecidedOn;
    bool startFormOpen = false;
    std::string effectBuf, evidenceBuf;
    int64_t effectFor = 0;

    // steps 12-15
    int64_t measure = 0;           // the measure shown (0 = the first)
    std::string pasteText;
    // A share's numerator typed into a new period, waiting for its denominator ("measure/period").
    std::map<std::string, double> pendingNumerators;
    std::vector<std::pair<int, std::string>> pasteReport;  // (line, message) of the last check
    int pasteAccepted = 0;
    std::string learnText, sustainText, pilotRationale;
    int64_t learnFor = 0;

    // priorities (step 3)
    std::string hexRec;  // recommendation whose Hexagon rating is shown
    std::vector<std::string> prioShown;  // the candidates in the order on screen
    bool prioHovered = false;            // the pointer is over the table (the order holds still)
    ImVec2 prioTableMin, prioTableMax;   // where the table was drawn last frame

    // readiness (step 4)
    int64_t round = 0;
    bool roundFormOpen = false;
    std::string roundName, roundDate;
    int roundInstrument = 0;

    // case for change (step 5) and File > Export
    std::string exportFolder;  // where the export dialog writes; the file name follows doc and format
    std::string exportName;
    std::string exportMessage;
    // An export waiting for "replace the existing file?": what, as what, where.
    std::string replaceDoc, replaceFormat, replacePath;
    std::string replaceWhere;  // the screen that asks: "dialog" (File > Export) or "case" (step 5)
    bool exportDialogOpen = false;
    std::string countyFolder;  // the county overview's input folder
    int exportDoc = 0;     // index into the documents of the export dialog
    int exportFormat = 0;  // 0 PDF, 1 HTML, 2 Markdown, 3 Excel, 4 CSV, 5 JSON backup
    // a chart's "Save as image…" (right-click on a chart)
    int64_t chartSaveMeasure = 0;  // the measure whose chart the dialog saves; 0 = closed
    std::string chartSaveFolder, chartSaveName;
    int chartSaveFormat = 0;  // 0 PNG, 1 SVG, 2 PDF

    // decision form
    bool decisionFormOpen = false;
    Decision draft;
    std::string draftRecs;
    int64_t withdrawId = 0;

    // A popup whose action went through when the frame ended: it closes itself on its next frame.
    std::string closePopup;

    // per-field error messages from the last rejected action ("notes", "done_on", ...)
    std::map<std::string, std::string> fieldErrors;
    // A cell of several values (the inventory's providers) ticked in its menu, by cell key: the
    // value sent and not yet applied, so the next tick builds on it and not on the model drawn
    // before (edits wait while a file job runs).
    std::map<std::string, std::string> pendingChoices;
    std::string message;
    bool messageIsError = false;
    double messageAt = -100;
    std::string messageFolder;  // the message is about a file written here: offer to open it

    // File > Backups: the list read when the dialog opens, and the one waiting for "really?"
    bool backupsOpen = false;
    std::vector<AutoBackupInfo> backups;
    std::string restoreCandidate;
    bool restoreFromDialog = false;  // the dialog stays open, showing the restore, and closes when it is done

    // The open file was moved, deleted or replaced under the window (see App::HandleLostFile).
    struct LostFile {
        bool show = false;      // the dialog is to be opened
        std::string path;       // the file as it was opened
        std::string rescuedTo;  // the rescued copy, empty when it could not be made
        std::string error;      // why it could not
        int notesStep = 0;      // unsaved notes typed when it happened, saved into the rescued copy
        int64_t notesInitiative = 0;
        std::string notes;
    } lost;

    bool showPrivacy = false;
    bool showAbout = false;
    // Arkiv > Öppna från server: the address typed, the projects it lists, and why not.
    struct ServerDialog {
        bool open = false;
        std::string address;
        std::vector<std::string> projects;
        int chosen = -1;
        std::string error;
        bool focus = false;  // the address field takes the keyboard when the dialog opens
    } serverDialog;
    bool hideSidebar = false;  // wide tables get the whole window
    bool wantQuit = false;
    // Set for one last frame before the window closes: a field still being typed in commits
    // itself through its normal path, so closing never loses an edit.
    bool closing = false;
};

class App {
public:
    App(Manual manual, Catalog catalog, std::vector<Instrument> instruments, Settings settings);

    // Open/create/close. On failure returns false and sets ui.welcomeError.
    bool OpenProject(const std::string& path);
    bool CreateProject(const std::string& path, const ProjectInfo& info);
    bool OpenDemo();
    void CloseProject();
    bool HasProject() const { return m_store.has_value(); }
    // Moves the open project to the catalog Stegvis ships (an action, undoable).
    void MoveToShippedCatalog();

    // The one way the GUI changes a project. A screen calls it while it draws: the edit waits
    // until the frame ends (every screen reads one model that does not change under it), is
    // applied then, and its result (ok, newId, or the error, also kept in ui.fieldErrors and
    // the status line) goes to `then`. Outside a frame it is applied at once.
    using Then = std::function<void(App&, const ApplyResult&)>;
    void Dispatch(Action action, Then then = {});
    // The edit applied at once, for code outside a frame (tests, the benchmark). False when it
    // was rejected or could not be stored. Never during a frame.
    bool Perform(const Action& action);
    // Work that replaces or reloads the model (open, close, undo, restore, the county roll-up):
    // run at once outside a frame, else when the frame ends.
    void Later(std::function<void(App&)> work);
    // Runs what screens asked for during the last frame. Called between frames.
    void BetweenFrames();
    bool HasPending() const { return !m_later.empty(); }
    // Long work (the county roll-up, exports, the automatic backup, a restore) on a worker
    // thread, so the window keeps drawing; the status bar shows its progress and an Avbryt
    // button. `work` runs on the worker with only what it was given (never the App) and returns
    // what to do with its result, which runs between frames on the window's thread. Asked for
    // during a frame, or at any time once RunJobsOnWorker(true), it starts at once (or after the
    // job under way); otherwise (tests, the command line) it runs to its end before StartJob
    // returns. One runs at a time. A user's job (StartJob) asked for while another user's job or
    // a restore is under way is refused with a message; behind an automatic backup it waits its
    // turn (a backup is never why an export says "busy").
    using JobWork = std::function<std::function<void(App&)>(TaskProgress&)>;
    void StartJob(std::string title, JobWork work);
    // The window's loop sets this: its idle time and its closing are outside frames too.
    void RunJobsOnWorker(bool on) { m_onWorker = on; }
    bool JobRunning() const { return m_job != nullptr; }
    // The running job's title and progress (done, total; total 0 while unknown).
    std::string JobTitle() const;
    std::pair<size_t, size_t> JobProgress() const;
    // False once the running job is past its point of no return (a restore committing).
    bool JobCancellable() const;
    // The running job counts pages of a file being copied (a backup, a restore).
    bool JobCountsPages() const;
    void CancelJob();
    // A restore of the open project is running: edits and undo are refused until it is done.
    bool RestoreUnderWay() const;
    // The backups dialog's list is being read.
    bool ListingBackups() const;
    // Waits for the running job and everything queued behind it, applying each result in turn
    // (tests and the benchmark).
    void WaitForJob();
    // Closing the window: commits typed text, starts the automatic backup if it is still to be
    // made, and stops a roll-up or an export (nothing half-made is kept). True once nothing is
    // left to wait for; until then the loop keeps drawing (the backup or a restore finishing).
    bool ReadyToClose();
    // The window sets this to wake its loop from another thread (glfwPostEmptyEvent).
    std::function<void()> wakeLoop;
    // True once after a job moved on or finished since the last call (the loop draws again).
    bool TakeJobNews() { return m_jobNews->exchange(false); }
    // DrawApp brackets each frame with these: while drawing, the model is read-only.
    void BeginDraw() { m_drawing = true; }
    void EndDraw() { m_drawing = false; }
    // Reads the open project's automatic backups into ui.backups (newest first).
    void RefreshBackups();
    // Puts a backup's contents back into the open project (after backing up the file as it is),
    // as a job (JobRestore): all or nothing. Avbryt is honoured until the new contents are
    // committed, then refused. While it runs, edits and undo are refused with a message (they
    // would be written to the file being replaced, or lost with it); opening or closing a
    // project waits for it. The model is reloaded between frames when it is done. True when it
    // was done (outside a frame, worker off) or started.
    bool RestoreBackup(const std::string& backupPath);
    void UndoLast();
    void RedoLast();
    // Commits text fields still being typed in (before quitting or switching project).
    void FlushPending();
    // Called while the window waits for input: copies the write-ahead log into the file, off
    // the path of an edit (the store defers its checkpoints).
    void Idle();
    // Makes the automatic backup of the project just opened, if it is still to be made (called
    // when the window first goes idle, before an edit, and when the project or window closes),
    // as a job (JobBackup). An edit, undo, open or close asked for while it runs or waits waits
    // for it, so the backup always holds the file as it was before the first edit. Avbryt
    // leaves no file and is not retried: the edits then go ahead, as after a failed backup.
    void EnsureBackup();
    // At most about once a second: true (and the model reloaded) when another window or
    // program has changed the open project since we last looked. Also notices a file moved,
    // deleted or replaced under the window (HandleLostFile).
    bool PollExternalChange();
    // The open file is no longer at its path. Saves everything this window has (the file it
    // opened, with its log) to a rescued copy beside it, closes that file without writing to
    // whatever the path names now, and asks the user what next (ui.lost).
    void HandleLostFile();
    // The rescued copy (or the file now at the path), with the notes that were being typed.
    void OpenAfterLoss(bool rescued);
    // A screen failed on the open project: it is closed, the welcome screen names the file and
    // the problem, and it is not reopened at the next start.
    void ShowFrameError(const std::string& what);
    // A measure's run chart and its analysis, worked out once per model (the screens of steps
    // 12-15 would otherwise redo it every frame). Valid until the model next changes.
    const Chart& ChartFor(const Record& measure, const std::string& fullScaleFrom);
    // That chart laid out for the window at a size (domain/ChartScene), once per model, size, font
    // and language rather than every frame. Valid until the model next changes.
    const ChartScene& SceneFor(const Record& measure, const std::string& fullScaleFrom, const ChartStyle& style);
    const std::string& ProjectPath() const { return m_path; }
    // The network file system the open project is on ("" on a local disk): Store::NetworkFilesystem.
    std::string ProjectNetworkFilesystem() const { return m_store ? m_store->NetworkFilesystem() : std::string(); }
    // A project on a server (--db postgresql://...?project=NAME, or Arkiv > Öppna från server):
    // its address, who else has it open, whether the server answers, and the edits that wait
    // for it to come back.
    struct ServerState {
        bool open = false;
        std::string name;
        std::vector<std::string> others;
        bool connected = true;
        size_t waiting = 0;
    };
    const ServerState& Server() const { return m_server; }
    // How often the window looks for others' changes: a server project's quickly (LISTEN/NOTIFY,
    // read without a round trip), a file's once a second.
    double PollInterval() const { return m_server.open ? 0.25 : 0.9; }
    // The window says each frame whether a text field has the keyboard: while it has, others'
    // changes are shown but not counted as seen (an edit typed over them is refused, not lost).
    void SetTextActive(bool active) { m_textActive = active; }
    // The projects a server lists for this user (Arkiv > Öppna från server); false and `error`
    // when it cannot be asked.
    bool ListServer(const std::string& address, std::vector<std::string>* names, std::string* error);

    void SetLang(Lang lang);
    void SetFontSize(float px);
    void ToggleSidebar();
    // Writes `doc` (a template name: progress, case-for-change, plan, local-agreement) as "md" or
    // "html", or the whole project as "xlsx", the inventory as "csv", a backup as "json", to
    // `path` (the extension is fixed to match), on a worker when asked for during a frame.
    // Returns the path written when it ran to its end (outside a frame), else "" (a refusal is
    // in ui.exportMessage). An existing file is replaced only with IfExists::Replace (the user
    // said so); the project itself is never an output.
    std::string ExportDocument(const std::string& doc, const std::string& format, std::string path,
                               IfExists ifExists = IfExists::Replace);
    // The export as the user asked for it: written at once when the file (extension fixed to
    // the format) does not exist yet, else held in ui.replace* until the user answers
    // DrawReplaceQuestion. Returns the path written, or "".
    std::string RequestExport(const std::string& doc, const std::string& format, const std::string& path);
    // Puts the chart of `measure` on the clipboard as a PNG image; the outcome in the status bar.
    void CopyChartImage(int64_t measure);
    // Where exports go unless the user chose a folder: the last one used, else the documents folder.
    std::string ExportFolder() const;
    // The default file name of a document in a format: "lagesrapport.html", "projekt.xlsx".
    static std::string ExportFileName(const std::string& doc, const std::string& format);
    // `name` with `format`'s ending: another format's ending replaced, any other dot kept.
    static std::string NameWithEnding(const std::string& name, const std::string& format);
    // How long a status-bar message stays (longer when it offers to open a folder).
    double MessageSeconds() const { return ui.messageFolder.empty() ? 8.0 : 60.0; }
    // Reads every project file and backup in `folder` for the county overview.
    void LoadCounty(const std::string& folder);
    std::optional<Rollup> county;
    float FontSize() const { return m_fontSize; }
    bool TakeFontChange();  // true once after the size changed (the window rebuilds the atlas)
    void RefreshKnownFiles();
    void SetMessage(const std::string& text, bool error);
    void SelectStep(int step);
    // The initiative steps 8-15 are shown for: the chosen one if it still exists, else the first.
    int64_t CurrentInitiative() const;
    void SelectInitiative(int64_t id);
    void RememberPlace();
    // The initiative an action on `step` belongs to (0 for steps 1-7).
    int64_t InitiativeFor(int step) const { return StepIsPerInitiative(step) ? CurrentInitiative() : 0; }
    StepProgress StepStateFor(int step) const { return StepState(model, step, InitiativeFor(step)); }
    // Each step's picture, worked out once per model (the sidebar asks for all 15 every frame).
    const StepPicture& PictureFor(int step) const;
    void OpenStepTab(int step, StepTab tab);
    const Instrument* FindInstrument(const std::string& id) const;
    // Starts a decision form for `step`, with recommendations preselected.
    void StartDecision(int step, const std::string& title, const std::vector<std::string>& recs);
    void ShowView(View v);
    // Seconds on a steady clock; tests replace the clock to step time forward.
    double Now() const;
    void SetClock(std::function<double()> clock) { m_clock = std::move(clock); }

    const Manual manual;
    const Catalog shipped;  // the catalog Stegvis ships (data/catalog.tsv)
    // The open project's own catalog (domain/Editions.hpp), `shipped` without a project; and what
    // moving the project to `shipped` would bring. Both follow the model (SyncCatalog).
    Catalog catalog;
    CatalogReview catalogReview;
    const std::vector<Instrument> instruments;
    Settings settings;
    ProjectModel model;
    std::vector<HistoryEntry> history;  // newest first, refreshed with the model
    std::vector<PrivacyFinding> privacyFindings;  // free text that looks like a personal identity number
    int schemaVersion = 0;
    UiState ui;
    std::string user;

private:
    // The project's catalog and its review again, after the model's catalog rows or edition changed.
    void SyncCatalog();
    void Reload();
    void LoadStepBuffers();
    void WalkHistory(bool undo);

    using ChartCache = std::map<std::pair<int64_t, std::string>, Chart>;  // (measure, full scale from)
    ChartCache m_charts;
    // (measure, full scale from, width, height, font size in 1/100 px, English)
    std::map<std::tuple<int64_t, std::string, int, int, int, bool>, ChartScene> m_scenes;
    void ForgetCharts() {
        m_charts.clear();
        m_scenes.clear();
    }
    mutable std::map<std::pair<int, int64_t>, StepPicture> m_pictures;  // (step, initiative); cleared with the model
    std::vector<std::function<void(App&)>> m_later;  // asked for during the frame being drawn
    struct Job;
    struct JobDeleter {
        void operator()(Job* job) const;  // cancels the job and waits for its thread
    };
    std::unique_ptr<Job, JobDeleter> m_job;  // declared late: destroyed (joined) before the data it reads
    std::shared_ptr<std::atomic<bool>> m_jobNews = std::make_shared<std::atomic<bool>>(false);
    void FinishJobIfDone();
    // What a job does to the open file decides how it queues and what waits for it: an edit
    // waits for a Backup or a Restore (file jobs), never for a Task (export, roll-up) or a List.
    enum class JobKind { Task, Backup, Restore, List };
    static bool IsFileJob(JobKind k) { return k == JobKind::Backup || k == JobKind::Restore; }
    bool FileJobRunning() const;
    // Jobs waiting for the one running, and work (edits, open, close) waiting for a file job
    // ahead of it, in the order asked for.
    struct Queued {
        JobKind kind = JobKind::Task;
        std::string title;
        JobWork work;                    // a job, or
        std::function<void(App&)> run;   // work held until the file jobs ahead of it are done
    };
    std::deque<Queued> m_queue;
    bool m_onWorker = false;
    bool m_runningHeld = false;  // Pump is running held work (which is not held again)
    bool Threaded() const { return m_drawing || m_onWorker; }
    void Enqueue(JobKind kind, std::string title, JobWork work);
    void Launch(Queued job);
    // Starts the next job and runs the held work that may run now. Never changes the model
    // during a frame.
    void Pump();
    // Makes the pending backup, then holds `work` when a file job (or work held before it) is
    // under way or waiting: true when it was held.
    bool HoldIfBusy(std::function<void(App&)> work);
    void ApplyWhenFree(const Action& action, const Then& then, const std::string& project);
    bool OpenNow(const std::string& path);
    bool OpenAfterBackup(const std::string& path, const AutoBackupResult& backup);
    void BackupMade(const AutoBackupResult& backup);
    void RestoreEnded(const std::string& project, const std::string& takenAt, const std::string& before,
                      const std::string& error, bool cancelled);
    std::string m_lastWritten;  // the export written by the last ExportDocument that ran to its end
    void ExportWritten(const std::string& path, int cutCells);
    bool m_drawing = false;
    std::optional<Store> m_store;
    std::string m_path;
    float m_fontSize = 17.0f;
    bool m_logToCheckpoint = false;  // edits since the last Idle() checkpoint
    bool m_backupPending = false;    // the automatic backup of the project just opened is still to make
    double m_lastPoll = 0;
    ServerState m_server;
    double m_lastPresence = 0;
    bool m_textActive = false;
    // Edits refused for want of the server, made again (in order) once it answers.
    std::vector<std::pair<Action, Then>> m_retry;
    void NoteServer();
    std::function<double()> m_clock;  // empty: the steady clock
    bool m_fontChanged = false;

    // Lets go of the project: the store closes, the welcome screen shows.
    void Retire();
    // Brings the model up to date after an applied edit: only the parts its changes reach, and
    // its history rows put in front of the history shown. Returns a privacy warning, or "".
    std::string RefreshAfter(const ApplyResult& r);
    ApplyResult ApplyNow(const Action& action);
    // Throws when the model is about to change while a frame is drawn.
    void AssertBetweenFrames(const char* what) const;
};

// Draws one whole frame of the GUI (menu, sidebar, the current view, status bar).
void DrawApp(App& app);
// Ends a frame that a screen broke off with an exception, and shows the error (App::ShowFrameError).
void RecoverFromFrameError(App& app, const std::string& what);

}  // namespace stegvis::ui
