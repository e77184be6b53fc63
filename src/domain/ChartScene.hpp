// The run or control chart as a list of shapes in paint order: the one drawing that the window
// (ImGui), the documents (cairo: PDF, PNG, SVG files) and the HTML report (an <svg> element) all
// paint. Laying it out here, once, is what keeps the window's chart and the board's chart alike:
// round y ticks with a decimal comma and the unit, date ticks, part titles placed so they are not
// cut, and a legend naming what the lines and colours mean.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "domain/Measures.hpp"

namespace stegvis {

struct Rgb {
    uint8_t r = 0, g = 0, b = 0;
};
inline constexpr Rgb kChartData{70, 110, 170};
inline constexpr Rgb kChartBetter{42, 122, 51};   // an improvement: green
inline constexpr Rgb kChartWorse{179, 38, 30};    // a deterioration: red
inline constexpr Rgb kChartCentre{90, 90, 90};
inline constexpr Rgb kChartLimit{200, 70, 60};
inline constexpr Rgb kChartRun{230, 140, 0};
inline constexpr Rgb kChartNote{150, 60, 160};
inline constexpr Rgb kChartText{30, 30, 30};
inline constexpr Rgb kChartGrid{225, 225, 225};
inline constexpr Rgb kChartFrame{190, 190, 190};

struct ScenePoint {
    double x = 0, y = 0;
};

struct SceneItem {
    enum class Kind { Rect, Line, Text, Dot, Ring, Square, Triangle };
    enum class Align { Left, Centre, Right };
    Kind kind = Kind::Line;
    std::vector<ScenePoint> pts;  // Rect: two corners; Line: a polyline; marks: the centre
    Rgb colour;                   // stroke, text or mark colour
    bool filled = false;          // Rect: fill with `fill`
    Rgb fill{255, 255, 255};
    double width = 1;             // stroke width
    bool dashed = false;
    double size = 0;              // Text: font size; marks: radius
    std::string text;             // Text: what is written (top-left anchored at pts[0], after `align`)
    Align align = Align::Left;
    std::string title;            // a longer description (SVG <title>, the window's tooltip)
};

struct ChartScene {
    double width = 0, height = 0;
    double plotLeft = 0, plotTop = 0, plotRight = 0, plotBottom = 0;
    std::vector<SceneItem> items;
    // Where each period's point is drawn (for hovering); y is NaN for a gap.
    std::vector<ScenePoint> points;
};

// How wide a text is at a font size, in the scene's units. Each painter passes its own.
using TextWidth = std::function<double(const std::string& text, double fontSize)>;
// A measure that needs no font: code points times an average DejaVu Sans advance.
double ApproxTextWidth(const std::string& text, double fontSize);

struct ChartStyle {
    double width = 640, height = 240;
    double fontSize = 11;
    bool english = false;
    bool legend = true;
    bool partTitles = true;
    TextWidth measure;  // empty: ApproxTextWidth
    // A heading above the chart (an image pasted into a letter must say what it shows); the
    // window and the documents, which have their own headings, leave it empty.
    std::string title;
};

// The whole chart of a measure. A chart without points is a frame with "Inga mätvärden".
ChartScene BuildChartScene(const Chart& chart, const Record& measure, const ChartStyle& style);

// Round tick values covering [lo, hi], about `wanted` of them (1, 2, 2,5 or 5 times a power of ten).
std::vector<double> NiceTicks(double lo, double hi, int wanted);
// A tick's text: as many decimals as the step needs, decimal comma in Swedish.
std::string TickText(double v, double step, bool english);

// The scene as a self-contained <svg> element; every text is escaped.
std::string SceneSvg(const ChartScene& scene, const std::string& label);

}  // namespace stegvis
