// Raw window input kept in arrival order and handed to ImGui a frame's worth at a time.
//
// ImGui 1.86 has no input queue of its own: it reads the keys and buttons that are down when a
// frame starts, and takes every character typed since the last one. A key pressed and released
// between two frames is then never seen, and three digits typed within one frame all land in the
// one cell that is active. So the window collects the events here and feeds at most one press
// (with the characters it typed) per frame; the frames that follow see the focus move before
// the next key arrives.
#pragma once
#include <cstddef>
#include <deque>
#include <vector>

namespace stegvis::ui {

struct InputEvent {
    enum class Kind { Key, Char, Button, Scroll, Cursor, Enter };
    Kind kind = Kind::Key;
    int code = 0;       // key (GLFW_KEY_*) or mouse button
    int scancode = 0;
    bool down = false;  // Key, Button: pressed (true) or released; Enter: cursor entered the window
    int mods = 0;
    unsigned ch = 0;      // Char
    double x = 0, y = 0;  // Cursor: position; Scroll: offsets
};

class InputQueue {
public:
    void Push(const InputEvent& e) { m_events.push_back(e); }
    bool Empty() const { return m_events.empty(); }
    size_t Size() const { return m_events.size(); }

    // The events for the next frame, in order: key and button releases, then at most one press
    // with the characters it typed. Nothing after the press but characters (its own release, or
    // a modifier let go before it, would hide it), and no move of the mouse after a button
    // changed in this frame (the click must be seen where it happened).
    std::vector<InputEvent> TakeFrame();
    // Only the key releases at the head of the queue: for frames in which input waits for the
    // focus to move. A release never sends anything anywhere, and a key left down for those
    // frames would start ImGui's key repeat (a second Tab).
    std::vector<InputEvent> TakeReleases();

private:
    std::deque<InputEvent> m_events;
};

}  // namespace stegvis::ui
