// For the end-to-end tests (tests/e2e): with STEGVIS_PROBE=1 in the environment the window
// prints, on stdout, where named items are on screen and when it has gone idle, so a test that
// drives the real binary with X events finds its targets without pixel positions of its own.
//   rect NAME X0 Y0 X1 Y1   an item appeared or moved (window coordinates)
//   gone NAME               it is no longer drawn
//   active KEY              the grid cell being edited (KEY empty: none)
//   message ok|error TEXT   the status bar's message was set
//   idle FRAME KEYS CLICKS  the loop went to sleep after feeding KEYS key presses and CLICKS button presses
#pragma once
#include <map>
#include <string>

namespace stegvis::ui {

bool ProbeEnabled();
// Records the rectangle of the last item submitted under `name`.
void ProbeItem(const std::string& name);
// Records the current window's rectangle under `name`.
void ProbeWindow(const std::string& name);
// Prints what changed since the last frame; called after each frame.
void ProbeEndFrame();
void ProbeIdle(long frame, long keys, long clicks);
void ProbeLine(const std::string& line);

// Headless tests read the items instead: while capturing, ProbeEndFrame keeps the frame's items
// for ProbeShown and prints nothing (ProbeLine and ProbeIdle print only for STEGVIS_PROBE).
struct ProbeRect {
    int x0, y0, x1, y1;
    bool operator==(const ProbeRect& o) const { return x0 == o.x0 && y0 == o.y0 && x1 == o.x1 && y1 == o.y1; }
};
void ProbeCapture(bool on);
const std::map<std::string, ProbeRect>& ProbeShown();  // the items of the last frame ended

}  // namespace stegvis::ui
