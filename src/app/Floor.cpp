// stegvis-floor: the benchmark's floor for the first frame. A bare GLFW window with the same
// OpenGL 3.3 core context Stegvis asks for, cleared and presented once; nothing else. It prints
// the CLOCK_MONOTONIC time at which that frame was presented, like `stegvis --bench-first-frame`.
#include <GLFW/glfw3.h>

#include <cstdio>
#include <ctime>

int main() {
    if (!glfwInit()) {
        std::fprintf(stderr, "stegvis-floor: could not start GLFW (no display?)\n");
        return 3;
    }
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    GLFWwindow* window = glfwCreateWindow(1280, 800, "Stegvis floor", nullptr, nullptr);
    if (!window) {
        std::fprintf(stderr, "stegvis-floor: could not open a window with OpenGL 3.3\n");
        glfwTerminate();
        return 3;
    }
    glfwMakeContextCurrent(window);
    glfwSwapInterval(1);
    glfwPollEvents();
    int w = 0, h = 0;
    glfwGetFramebufferSize(window, &w, &h);
    glViewport(0, 0, w, h);
    glClearColor(0.97f, 0.97f, 0.96f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    glfwSwapBuffers(window);
    glFinish();
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    std::printf("first-frame-ns %lld\n", static_cast<long long>(ts.tv_sec) * 1000000000LL + ts.tv_nsec);
    std::printf("renderer %s\n", reinterpret_cast<const char*>(glGetString(GL_RENDERER)));
    std::fflush(stdout);
    glfwDestroyWindow(window);
    glfwTerminate();
    return 0;
}
