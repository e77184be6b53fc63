#include "ui/InputQueue.hpp"

#include <algorithm>

namespace stegvis::ui {

std::vector<InputEvent> InputQueue::TakeFrame() {
    std::vector<InputEvent> out;
    bool pressed = false;        // a key or button went down in this frame
    bool buttonChanged = false;  // a mouse button went down or up in this frame
    std::vector<int> keysDown, buttonsDown;
    using K = InputEvent::Kind;
    while (!m_events.empty()) {
        const InputEvent& e = m_events.front();
        if (e.kind == K::Key || e.kind == K::Button) {
            std::vector<int>& downs = e.kind == K::Key ? keysDown : buttonsDown;
            const bool sameFrame = std::find(downs.begin(), downs.end(), e.code) != downs.end();
            if (e.down && pressed) break;
            if (!e.down && sameFrame) break;  // else the press would never be seen
            if (e.down) {
                pressed = true;
                downs.push_back(e.code);
            }
            if (e.kind == K::Button) buttonChanged = true;
        } else if (e.kind == K::Cursor || e.kind == K::Enter) {
            if (buttonChanged) break;
        }
        out.push_back(e);
        m_events.pop_front();
    }
    return out;
}

}  // namespace stegvis::ui
