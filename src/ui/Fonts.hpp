#pragma once
struct ImFont;

namespace stegvis::ui {
// (Re)builds the font atlas: DejaVu Sans regular, bold and a heading size, with Latin-1,
// Swedish punctuation (– — ‘ ’ “ ” • …), arrows and the status glyphs. Falls back to ImGui's
// built-in font (no å ä ö) only when the DejaVu files are missing. Returns false then.
bool BuildFonts(float sizePx);
ImFont* BoldFont();
ImFont* HeadingFont();
}  // namespace stegvis::ui
