// The GLFW/OpenGL window around DrawApp(): the only file that touches the platform.
#pragma once
#include <string>

namespace stegvis::ui {

struct GuiOptions {
    std::string dbPath;          // open this project (else the last one, else the welcome screen)
    std::string lang;            // "sv" / "en" / "" (saved setting)
    std::string screenshotPath;  // draw a few frames, save a PNG, exit
    std::string view;            // welcome, project, step:N, catalog[:ID], decisions, history
    int width = 1280;
    int height = 800;
    // The size is the default, not asked for: a screen smaller than it gets a window that fits.
    bool fitScreen = true;
    int maxFrames = 0;           // >0: quit after this many frames
    // For the benchmark: print "first-frame-ns <CLOCK_MONOTONIC>" once the first frame is presented.
    bool reportFirstFrame = false;
};

int RunGui(const GuiOptions& options);

}  // namespace stegvis::ui

namespace stegvis {
using ui::GuiOptions;
using ui::RunGui;
}  // namespace stegvis
