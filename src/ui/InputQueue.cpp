#include "ui/InputQueue.hpp"

namespace stegvis::ui {

std::vector<InputEvent> InputQueue::TakeFrame() {
    std::vector<InputEvent> out;
    bool pressed = false;        // a key or button went down in this frame
    bool buttonChanged = false;  // a mouse button went down or up in this frame
    using K = InputEvent::Kind;
    while (!m_events.empty()) {
        const InputEvent& e = m_events.front();
        if (e.kind == K::Key || e.kind == K::Button) {
            // After a press, every other key or button change waits for the next frame: the
            // press must be seen with the modifiers as they were (xdotool, and some keyboards,
            // release Ctrl before V), and a release of the same key would hide the press.
            if (pressed) break;
            if (e.down) pressed = true;
            if (e.kind == K::Button) buttonChanged = true;
        } else if (e.kind == K::Cursor || e.kind == K::Enter) {
            if (buttonChanged) break;
        }
        out.push_back(e);
        m_events.pop_front();
    }
    return out;
}

std::vector<InputEvent> InputQueue::TakeReleases() {
    std::vector<InputEvent> out;
    while (!m_events.empty() && m_events.front().kind == InputEvent::Kind::Key && !m_events.front().down) {
        out.push_back(m_events.front());
        m_events.pop_front();
    }
    return out;
}

}  // namespace stegvis::ui
