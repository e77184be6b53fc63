// The GUI's model/update half: the open project, the loaded data files and the transient
// widget state. Screens read App and send edits through Dispatch(); nothing else writes.
#pragma once
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/Actions.hpp"
#include "core/Catalog.hpp"
#include "core/Model.hpp"
#include "core/Paths.hpp"
#include "core/Phases.hpp"
#include "core/Store.hpp"
#include "ui/Strings.hpp"

namespace stegvis::ui {

enum class View { Welcome, Project, Step, Catalog, Decisions, History };

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

    // catalog
    std::string catSearch;
    int catArea = -1, catGroup = -1, catLevel = -1;
    std::string catSelected;

    // decision form
    bool decisionFormOpen = false;
    Decision draft;
    std::string draftRecs;
    int64_t withdrawId = 0;

    // per-field error messages from the last rejected action ("notes", "done_on", ...)
    std::map<std::string, std::string> fieldErrors;
    std::string message;
    bool messageIsError = false;
    double messageAt = -100;

    bool showAbout = false;
    bool wantQuit = false;
};

class App {
public:
    App(Manual manual, Catalog catalog, Settings settings);

    // Open/create/close. On failure returns false and sets ui.welcomeError.
    bool OpenProject(const std::string& path);
    bool CreateProject(const std::string& path, const ProjectInfo& info);
    bool OpenDemo();
    void CloseProject();
    bool HasProject() const { return m_store.has_value(); }

    // The one way the GUI changes a project. Returns false (and records the field error) when
    // the action was rejected; nothing is stored then.
    bool Dispatch(const Action& action);
    void UndoLast();
    void RedoLast();
    // Commits text fields still being typed in (before quitting or switching project).
    void FlushPending();

    const std::string& ProjectPath() const { return m_path; }

    void SetLang(Lang lang);
    void SetFontSize(float px);
    float FontSize() const { return m_fontSize; }
    bool TakeFontChange();  // true once after the size changed (the window rebuilds the atlas)
    void RefreshKnownFiles();
    void SetMessage(const std::string& text, bool error);
    void SelectStep(int step);
    void ShowView(View v);
    double Now() const;

    const Manual manual;
    const Catalog catalog;
    Settings settings;
    ProjectModel model;
    std::vector<HistoryEntry> history;  // newest first, refreshed with the model
    int schemaVersion = 0;
    UiState ui;
    std::string user;

private:
    void Reload();
    void LoadStepBuffers();

    std::optional<Store> m_store;
    std::string m_path;
    float m_fontSize = 17.0f;
    bool m_fontChanged = false;
};

// Draws one whole frame of the GUI (menu, sidebar, the current view, status bar).
void DrawApp(App& app);

}  // namespace stegvis::ui
