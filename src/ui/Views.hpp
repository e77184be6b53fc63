// One free function per screen (View_<Name>.cpp); each reads App and emits actions.
#pragma once
#include <initializer_list>
#include <map>
#include <string>
#include <vector>

#include "ui/App.hpp"

namespace stegvis::ui {
void DrawWelcome(App& app);
void DrawProject(App& app);
void DrawStep(App& app);
void DrawCatalog(App& app);           // heading + workspace, from the sidebar
void DrawCatalogWorkspace(App& app);  // step 1: browse, filter, mark discussed
// One line over a phase 1 screen when Stegvis ships a newer catalog than the project's, with a
// button to the catalog, where the changes are listed and the project can be moved.
void DrawCatalogNotice(App& app);
// "2 nya rekommendationer, 1 ändrad" for a review.
std::string CatalogChangeCounts(const CatalogReview& rv);
void DrawInventory(App& app);         // step 2
void DrawPriorities(App& app);        // step 3
void DrawReadiness(App& app);         // step 4
void DrawCase(App& app);              // step 5
void DrawTeam(App& app);              // step 6
void DrawInitiatives(App& app);       // step 7
void DrawRationale(App& app);         // step 8
void DrawResources(App& app);         // step 9
void DrawPlan(App& app);              // step 10
void DrawTraining(App& app);          // step 11
void DrawMeasures(App& app);          // step 12
void DrawPilot(App& app);             // step 13
void DrawLearn(App& app);             // step 14
void DrawScale(App& app);             // step 15
void InitiativeBanner(App& app);      // which initiative steps 8-15 show, with a switcher
void InitiativeSwitcher(App& app);    // the combo itself (sidebar and banner)
void DrawHexagon(App& app, const std::string& recId);
void DrawLostFileDialog(App& app);    // the open file was moved, deleted or replaced (View_FileLost.cpp)

// Shared by the record-based workspaces (View_Team.cpp).
struct Column {
    const char* field;
    S title;
    float width;  // in font sizes
};
void RecordTable(App& app, const char* kind, int64_t initiative, const std::vector<Column>& cols, S emptyText);
// `alsoAsk`: optional fields asked for beside the required ones (a training's person or trainee).
void AddBar(App& app, const char* kind, int64_t initiative, S buttonLabel,
            const std::map<std::string, std::string>& defaults = {}, std::initializer_list<const char*> alsoAsk = {});
bool NeedInitiative(App& app);  // false (and a pointer to step 7) when there is none
void DrawDecisions(App& app);
void DrawDecisionForm(App& app);  // the modal "record a decision" popup
void DrawHistory(App& app);
void DrawCounty(App& app);  // the county overview of a folder of units' files
}  // namespace stegvis::ui
