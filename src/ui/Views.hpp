// One free function per screen (View_<Name>.cpp); each reads App and emits actions.
#pragma once
#include "ui/App.hpp"

namespace stegvis::ui {
void DrawWelcome(App& app);
void DrawProject(App& app);
void DrawStep(App& app);
void DrawCatalog(App& app);
void DrawDecisions(App& app);
void DrawDecisionForm(App& app);  // the modal "record a decision" popup
void DrawHistory(App& app);
}  // namespace stegvis::ui
