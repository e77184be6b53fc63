// Small drawing helpers shared by the screens.
#pragma once
#include <imgui.h>

#include <string>

#include "core/Model.hpp"
#include "ui/App.hpp"

namespace stegvis::ui {

inline const ImVec4 kErrorColor{0.85f, 0.22f, 0.18f, 1.0f};
inline const ImVec4 kOkColor{0.20f, 0.55f, 0.25f, 1.0f};
inline const ImVec4 kDimColor{0.45f, 0.45f, 0.50f, 1.0f};
inline const ImVec4 kProgressColor{0.85f, 0.55f, 0.10f, 1.0f};

void Heading(const char* text);
void SubHeading(const char* text);
void Paragraph(const std::string& text);  // wrapped
void DimText(const char* text);
// Shows the field's error message (if the last action on it was rejected), in red.
void FieldError(const App& app, const char* field);
const char* StatusGlyph(StepStatus s);  // ○ ◐ ●
ImVec4 StatusColor(StepStatus s);
const char* StatusLabel(StepStatus s);
std::string Format(S key, ...);  // printf with a translated format string

}  // namespace stegvis::ui
