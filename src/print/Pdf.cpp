#include "print/Pdf.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <numeric>
#include <stdexcept>
#include <vector>

#include "base/Text.hpp"
#include "print/Cairo.hpp"

namespace stegvis {

namespace {

// ---- page geometry, in points ----
constexpr double kPageW = 595.28, kPageH = 841.89;
constexpr double kLeft = 51, kRight = kPageW - 51;
constexpr double kTop = 66, kBottom = kPageH - 58;
constexpr double kWidth = kRight - kLeft;
constexpr double kBody = 9.5, kTable = 8.3;
constexpr double kChartH = 200, kCellChartH = 78;

// ---- blocks of the Markdown subset ----
struct Block {
    enum class Kind { Heading, Para, Item, Table, Chart, Rule } kind = Kind::Para;
    int level = 0;                              // heading level, list depth
    std::string text;                           // inline Markdown
    std::vector<std::vector<std::string>> rows; // a table: the header, then the rows
};

bool IsChartRef(const std::string& s, std::string* ref) {
    const std::string t = Trim(s);
    if (t.size() < 12 || t.compare(0, 2, "![") != 0 || t.back() != ')') return false;
    const size_t mid = t.find("](chart:");
    if (mid == std::string::npos) return false;
    if (ref) *ref = t.substr(mid + 8, t.size() - mid - 9);
    return true;
}

std::vector<std::string> SplitRow(const std::string& line) {
    std::vector<std::string> cells;
    std::string cur;
    std::string t = Trim(line);
    for (size_t i = 0; i < t.size(); ++i) {
        if (t[i] == '\\' && i + 1 < t.size()) {
            cur += t[i];
            cur += t[++i];
        } else if (t[i] == '|') {
            cells.push_back(Trim(cur));
            cur.clear();
        } else {
            cur += t[i];
        }
    }
    cells.push_back(Trim(cur));
    if (!cells.empty() && cells.front().empty()) cells.erase(cells.begin());
    if (!cells.empty() && cells.back().empty() && !t.empty() && t.back() == '|') cells.pop_back();
    return cells;
}

bool IsSeparatorRow(const std::vector<std::string>& cells) {
    if (cells.empty()) return false;
    for (const std::string& c : cells)
        if (c.empty() || c.find_first_not_of("-: ") != std::string::npos) return false;
    return true;
}

std::vector<Block> Parse(const std::string& md) {
    std::vector<Block> out;
    std::vector<std::string> lines;
    {
        size_t start = 0;
        while (start <= md.size()) {
            size_t nl = md.find('\n', start);
            if (nl == std::string::npos) nl = md.size();
            std::string l = md.substr(start, nl - start);
            if (!l.empty() && l.back() == '\r') l.pop_back();
            lines.push_back(l);
            start = nl + 1;
        }
    }
    Block* para = nullptr;
    for (size_t i = 0; i < lines.size(); ++i) {
        const std::string& raw = lines[i];
        const std::string t = Trim(raw);
        if (t.empty()) {
            para = nullptr;
            continue;
        }
        size_t hashes = 0;
        while (hashes < t.size() && t[hashes] == '#') ++hashes;
        std::string ref;
        if (hashes >= 1 && hashes <= 4 && hashes < t.size() && t[hashes] == ' ') {
            out.push_back({Block::Kind::Heading, static_cast<int>(hashes), Trim(t.substr(hashes)), {}});
            para = nullptr;
        } else if (t == "---" || t == "***") {
            out.push_back({Block::Kind::Rule, 0, "", {}});
            para = nullptr;
        } else if (t[0] == '|') {
            Block table{Block::Kind::Table, 0, "", {}};
            for (; i < lines.size() && !Trim(lines[i]).empty() && Trim(lines[i])[0] == '|'; ++i) {
                auto cells = SplitRow(lines[i]);
                if (table.rows.size() == 1 && IsSeparatorRow(cells)) continue;
                table.rows.push_back(std::move(cells));
            }
            --i;
            out.push_back(std::move(table));
            para = nullptr;
        } else if ((t.size() > 2 && (t[0] == '-' || t[0] == '*') && t[1] == ' ')) {
            const size_t indent = raw.find_first_not_of(' ');
            out.push_back({Block::Kind::Item, static_cast<int>(indent / 2), Trim(t.substr(2)), {}});
            para = &out.back();
        } else if (const size_t img = t.rfind(" ![");
                   img != std::string::npos && IsChartRef(t.substr(img), &ref)) {
            // A chart after a paragraph's text (a template's way of adding it only to the PDF).
            out.push_back({Block::Kind::Para, 0, Trim(t.substr(0, img)), {}});
            out.push_back({Block::Kind::Chart, 0, ref, {}});
            para = nullptr;
        } else if (IsChartRef(t, &ref)) {
            out.push_back({Block::Kind::Chart, 0, ref, {}});
            para = nullptr;
        } else if (para) {
            para->text += " " + t;
        } else {
            out.push_back({Block::Kind::Para, 0, t, {}});
            para = &out.back();
        }
    }
    return out;
}

std::string Esc(const std::string& s) {
    gchar* e = g_markup_escape_text(s.c_str(), static_cast<gssize>(s.size()));
    std::string out = e;
    g_free(e);
    return out;
}

using LayoutPtr = std::shared_ptr<PangoLayout>;

struct Typesetter {
    PangoContext* ctx = nullptr;

    LayoutPtr Make(const std::string& markup, double size, double width, bool bold = false,
                   PangoWrapMode wrap = PANGO_WRAP_WORD_CHAR) const {
        LayoutPtr l(pango_layout_new(ctx), g_object_unref);
        PangoFontDescription* d = pango_font_description_from_string(bold ? "DejaVu Sans Bold" : "DejaVu Sans");
        pango_font_description_set_absolute_size(d, size * PANGO_SCALE);
        pango_layout_set_font_description(l.get(), d);
        pango_font_description_free(d);
        if (width > 0) pango_layout_set_width(l.get(), static_cast<int>(width * PANGO_SCALE));
        pango_layout_set_wrap(l.get(), wrap);
        pango_layout_set_spacing(l.get(), static_cast<int>(size * 0.18 * PANGO_SCALE));
        if (pango_parse_markup(markup.c_str(), -1, 0, nullptr, nullptr, nullptr, nullptr))
            pango_layout_set_markup(l.get(), markup.c_str(), -1);
        else
            pango_layout_set_text(l.get(), markup.c_str(), -1);
        return l;
    }
    static double Height(const LayoutPtr& l) {
        int w = 0, h = 0;
        pango_layout_get_size(l.get(), &w, &h);
        return static_cast<double>(h) / PANGO_SCALE;
    }
    static double Width(const LayoutPtr& l) {
        int w = 0, h = 0;
        pango_layout_get_size(l.get(), &w, &h);
        return static_cast<double>(w) / PANGO_SCALE;
    }
};

// What is drawn on a page.
struct Op {
    enum class Kind { Text, Line, Fill, Chart } kind = Kind::Text;
    LayoutPtr layout;
    double x = 0, y = 0, x1 = 0, y1 = 0;
    double clipTop = -1, clipBottom = -1;  // a paragraph split over pages: the part of it drawn here
    Rgb colour{20, 20, 20};
    double width = 0.6;
    std::shared_ptr<ChartScene> scene;
};
struct Page {
    std::vector<Op> ops;
};

// Words a reader looks for in a signal column: an improvement green, a deterioration red. Only
// in a column whose header says "signal": a user's comment ("ingen förbättring ännu") keeps its
// colour.
std::string ColourVerdicts(std::string markup) {
    static const std::pair<const char*, const char*> kWords[] = {
        {"förbättring", "#2a7a33"}, {"Förbättring", "#2a7a33"}, {"improvement", "#2a7a33"}, {"Improvement", "#2a7a33"},
        {"försämring", "#b3261e"},  {"Försämring", "#b3261e"},  {"deterioration", "#b3261e"}, {"Deterioration", "#b3261e"}};
    for (const auto& [word, colour] : kWords) {
        const std::string w = word;
        size_t at = 0;
        while ((at = markup.find(w, at)) != std::string::npos) {
            const std::string span = "<span foreground=\"" + std::string(colour) + "\" weight=\"bold\">" + w + "</span>";
            markup.replace(at, w.size(), span);
            at += span.size();
        }
    }
    return markup;
}

}  // namespace

std::string InlineMarkup(const std::string& s) {
    std::string out;
    bool bold = false, italic = false;
    std::vector<char> open;  // 'b' / 'i' in the order opened
    auto toggle = [&](char tag, bool& on) {
        if (!on) {
            out += tag == 'b' ? "<b>" : "<i>";
            open.push_back(tag);
            on = true;
            return;
        }
        // Closing: close what is inside it first, then reopen it (markup must nest).
        std::vector<char> reopen;
        while (!open.empty() && open.back() != tag) {
            out += open.back() == 'b' ? "</b>" : "</i>";
            reopen.push_back(open.back());
            open.pop_back();
        }
        if (!open.empty()) open.pop_back();
        out += tag == 'b' ? "</b>" : "</i>";
        on = false;
        for (auto it = reopen.rbegin(); it != reopen.rend(); ++it) {
            out += *it == 'b' ? "<b>" : "<i>";
            open.push_back(*it);
        }
    };
    for (size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (c == '\\' && i + 1 < s.size() && std::string("\\`*_[]|#-+>=~.()!{}").find(s[i + 1]) != std::string::npos) {
            out += Esc(std::string(1, s[++i]));
        } else if (c == '*' && i + 1 < s.size() && s[i + 1] == '*') {
            toggle('b', bold);
            ++i;
        } else if (c == '*') {
            toggle('i', italic);
        } else if (c == '<') {
            if (s.compare(i, 4, "<br>") == 0) {
                out += "\n";
                i += 3;
            } else {
                out += "&lt;";
            }
        } else if (c == '>') {
            out += "&gt;";
        } else if (c == '&') {
            static const char* kEntities[] = {"&lt;", "&gt;", "&amp;", "&quot;", "&apos;"};
            bool entity = false;
            for (const char* e : kEntities)
                if (s.compare(i, std::char_traits<char>::length(e), e) == 0) entity = true;
            out += entity ? "&" : "&amp;";
        } else {
            out += c;
        }
    }
    while (!open.empty()) {
        out += open.back() == 'b' ? "</b>" : "</i>";
        open.pop_back();
    }
    return out;
}

PdfDocument MarkdownToPdf(const std::string& markdown, const PdfOptions& opt, const ChartSource& charts) {
    const std::vector<Block> blocks = Parse(markdown);
    std::unique_ptr<PangoContext, void (*)(gpointer)> ctx(NewPrintContext(), g_object_unref);
    Typesetter ts{ctx.get()};

    std::vector<Page> pages(1);
    double y = kTop;
    auto newPage = [&] {
        pages.emplace_back();
        y = kTop;
    };
    auto add = [&](Op op) { pages.back().ops.push_back(std::move(op)); };
    auto text = [&](const LayoutPtr& l, double x, double at, Rgb colour = {20, 20, 20}) {
        Op op;
        op.kind = Op::Kind::Text;
        op.layout = l;
        op.x = x, op.y = at, op.colour = colour;
        add(op);
    };
    auto line = [&](double x0, double y0, double x1, double y1, Rgb colour, double width) {
        Op op;
        op.kind = Op::Kind::Line;
        op.x = x0, op.y = y0, op.x1 = x1, op.y1 = y1, op.colour = colour, op.width = width;
        add(op);
    };
    auto fill = [&](double x0, double y0, double x1, double y1, Rgb colour) {
        Op op;
        op.kind = Op::Kind::Fill;
        op.x = x0, op.y = y0, op.x1 = x1, op.y1 = y1, op.colour = colour;
        add(op);
    };
    auto chartOp = [&](const std::string& ref, double x, double at, double w, double h) {
        std::optional<ChartScene> scene = charts ? charts(ref, w, h) : std::nullopt;
        if (!scene) {
            text(ts.Make(Esc(opt.english ? "(no chart)" : "(inget diagram)"), kTable, w), x, at, {120, 120, 120});
            return;
        }
        Op op;
        op.kind = Op::Kind::Chart;
        op.x = x, op.y = at;
        op.scene = std::make_shared<ChartScene>(std::move(*scene));
        add(op);
    };

    // ---- tables ----
    struct Cell {
        LayoutPtr layout;
        std::string chart;  // a chart in the cell instead of text
    };
    // A table's column widths and font size: each column as wide as its text where the page
    // allows; else every column at least as wide as its widest run without a space (an id as
    // "BI-04", a date, a header word), the font made smaller (down to 7 pt) when even that is
    // too wide, and what is left to the columns with the most text.
    struct Columns {
        std::vector<double> w;
        double size = kTable;
    };
    auto tableColumns = [&](const Block& b) {
        size_t cols = 0;
        for (const auto& r : b.rows) cols = std::max(cols, r.size());
        std::vector<double> natural(cols, 0), least(cols, 0);  // text only, at kTable
        std::vector<bool> chart(cols, false);
        for (size_t r = 0; r < b.rows.size(); ++r)
            for (size_t c = 0; c < b.rows[r].size(); ++c) {
                if (IsChartRef(b.rows[r][c], nullptr)) {
                    chart[c] = true;
                    continue;
                }
                const std::string m = InlineMarkup(b.rows[r][c]);
                auto whole = ts.Make(m, kTable, -1, r == 0, PANGO_WRAP_WORD);
                const double width = Typesetter::Width(whole);
                natural[c] = std::max(natural[c], width);
                // The widest run without a space: its share of the cell's width by characters,
                // with a margin for wider letters.
                const std::string& text = b.rows[r][c];
                size_t chars = 0, run = 0, longest = 0;
                for (unsigned char ch : text) {
                    if ((ch & 0xC0) == 0x80) continue;
                    ++chars;
                    run = ch == ' ' ? 0 : run + 1;
                    longest = std::max(longest, run);
                }
                const double word = chars ? width * static_cast<double>(longest) / static_cast<double>(chars) * 1.12 : 0;
                least[c] = std::max(least[c], std::min(word, kWidth / 3));
            }
        constexpr double kPad = 7, kChartNatural = 200, kChartLeast = 120;
        auto sums = [&](double scale, double* sumN, double* sumL) {
            *sumN = *sumL = 0;
            for (size_t c = 0; c < cols; ++c) {
                *sumN += chart[c] ? kChartNatural : natural[c] * scale + kPad;
                *sumL += chart[c] ? kChartLeast : std::min(least[c], natural[c]) * scale + kPad;
            }
        };
        double sumN = 0, sumL = 0;
        sums(1, &sumN, &sumL);
        Columns out;
        double scale = 1;
        if (sumL > kWidth) {
            double fixed = 0, text = 0;
            for (size_t c = 0; c < cols; ++c) {
                fixed += chart[c] ? kChartLeast : kPad;
                if (!chart[c]) text += std::min(least[c], natural[c]);
            }
            scale = std::clamp(text > 0 ? (kWidth - fixed) / text : 1.0, 7.0 / kTable, 1.0);
            sums(scale, &sumN, &sumL);
        }
        out.size = kTable * scale;
        out.w.assign(cols, 0);
        std::vector<double> l(cols);
        for (size_t c = 0; c < cols; ++c) l[c] = chart[c] ? kChartLeast : std::min(least[c], natural[c]) * scale + kPad;
        // Even at 7 pt the least widths are too wide: the widest columns give way first, down to
        // one width `cap` they share, so that short ones (an id, a cross) keep theirs whole.
        double cap = 0;
        if (sumN > kWidth && sumL >= kWidth) {
            double lo = 0, hi = *std::max_element(l.begin(), l.end());
            for (int k = 0; k < 40; ++k) {
                const double mid = (lo + hi) / 2;
                double sum = 0;
                for (double x : l) sum += std::min(x, mid);
                (sum > kWidth ? hi : lo) = mid;
            }
            cap = lo;
        }
        for (size_t c = 0; c < cols; ++c) {
            const double n = chart[c] ? kChartNatural : natural[c] * scale + kPad;
            if (sumN <= kWidth) out.w[c] = n;
            else if (sumL >= kWidth) out.w[c] = std::min(l[c], cap);
            else out.w[c] = l[c] + (kWidth - sumL) * (n - l[c]) / (sumN - sumL);
        }
        return out;
    };
    auto layoutRow = [&](const std::vector<std::string>& row, const std::vector<double>& w, double size, bool header,
                         double* height, const std::vector<bool>& signalColumn = {}) {
        std::vector<Cell> cells(w.size());
        double h = 0;
        for (size_t c = 0; c < w.size(); ++c) {
            const std::string src = c < row.size() ? row[c] : "";
            std::string ref;
            if (!header && IsChartRef(src, &ref)) {
                cells[c].chart = ref;
                h = std::max(h, kCellChartH);
                continue;
            }
            std::string m = InlineMarkup(src);
            if (!header && c < signalColumn.size() && signalColumn[c]) m = ColourVerdicts(m);
            cells[c].layout = ts.Make(m, size, w[c] - 6, header);
            h = std::max(h, Typesetter::Height(cells[c].layout));
        }
        *height = h + 5;
        return cells;
    };
    auto drawRow = [&](const std::vector<Cell>& cells, const std::vector<double>& w, double h, bool header) {
        if (header) fill(kLeft, y, kLeft + std::accumulate(w.begin(), w.end(), 0.0), y + h, {236, 238, 241});
        double x = kLeft;
        for (size_t c = 0; c < cells.size(); ++c) {
            if (!cells[c].chart.empty()) chartOp(cells[c].chart, x + 2, y + 2, w[c] - 4, h - 4);
            else if (cells[c].layout) text(cells[c].layout, x + 3, y + 2.5);
            x += w[c];
        }
        y += h;
        line(kLeft, y, x, y, header ? Rgb{150, 150, 150} : Rgb{215, 215, 215}, header ? 0.8 : 0.5);
    };

    // The bottom of the last line of `l` that ends after `from` and at or above `limit`; `from`
    // when none does.
    auto lastLineEnd = [](const LayoutPtr& l, double from, double limit) {
        double cut = from;
        PangoLayoutIter* it = pango_layout_get_iter(l.get());
        do {
            PangoRectangle logical;
            pango_layout_iter_get_line_extents(it, nullptr, &logical);
            const double bottom = static_cast<double>(logical.y + logical.height) / PANGO_SCALE;
            if (bottom > from && bottom <= limit) cut = bottom;
        } while (pango_layout_iter_next_line(it));
        pango_layout_iter_free(it);
        return cut;
    };
    // A row taller than a page (a long comment) goes on over the pages: each cell breaks at a
    // line of its own and continues below the repeated header, so no text is cut off.
    auto drawTallRow = [&](const std::vector<Cell>& cells, const std::vector<double>& w, const std::vector<Cell>& head,
                           double headH) {
        std::vector<double> from(cells.size(), 0.0);
        for (bool first = true;; first = false) {
            const double room = kBottom - y - 2.5;
            double x = kLeft, slice = 0;
            bool done = true, moved = false;
            for (size_t c = 0; c < cells.size(); x += w[c], ++c) {
                if (!cells[c].chart.empty()) {
                    if (first) chartOp(cells[c].chart, x + 2, y + 2, w[c] - 4, kCellChartH - 4);
                    if (first) slice = std::max(slice, kCellChartH - 5);
                    continue;
                }
                if (!cells[c].layout) continue;
                const double total = Typesetter::Height(cells[c].layout);
                if (from[c] >= total) continue;
                double cut = total - from[c] <= room ? total : lastLineEnd(cells[c].layout, from[c], from[c] + room);
                if (cut < total) done = false;
                if (cut <= from[c]) continue;
                Op op;
                op.kind = Op::Kind::Text;
                op.layout = cells[c].layout;
                op.x = x + 3, op.y = y + 2.5 - from[c];
                op.clipTop = y, op.clipBottom = y + 2.5 + (cut - from[c]);
                add(op);
                slice = std::max(slice, cut - from[c]);
                from[c] = cut;
                moved = true;
            }
            if (done) {
                y += slice + 5;
                line(kLeft, y, x, y, {215, 215, 215}, 0.5);
                return;
            }
            if (!moved && y == kTop) {  // a single line taller than a page: nothing more can be shown
                y += room;
                return;
            }
            newPage();
            drawRow(head, w, headH, true);
        }
    };

    // How much of a block must fit below a heading for the heading to stay on this page.
    auto firstPart = [&](size_t i) -> double {
        if (i >= blocks.size()) return 0;
        const Block& b = blocks[i];
        switch (b.kind) {
        case Block::Kind::Table: return b.rows.size() > 1 ? 42 : 20;
        case Block::Kind::Chart: return kChartH;
        case Block::Kind::Heading: return 40;
        default: return kBody * 1.3 * 2;
        }
    };

    for (size_t i = 0; i < blocks.size(); ++i) {
        const Block& b = blocks[i];
        switch (b.kind) {
        case Block::Kind::Heading: {
            const double size = b.level == 1 ? 17 : b.level == 2 ? 13 : b.level == 3 ? 11 : 10;
            const double before = y == kTop ? 0 : b.level == 1 ? 10 : b.level == 2 ? 12 : 8;
            auto l = ts.Make(InlineMarkup(b.text), size, kWidth, true);
            const double h = Typesetter::Height(l);
            if (y > kTop && y + before + h + 4 + firstPart(i + 1) > kBottom) newPage();
            else y += before;
            text(l, kLeft, y, b.level <= 2 ? Rgb{16, 50, 90} : Rgb{20, 20, 20});
            y += h + (b.level == 1 ? 6 : 4);
            if (b.level == 2) line(kLeft, y - 2, kRight, y - 2, {200, 208, 218}, 0.6);
            break;
        }
        case Block::Kind::Para:
        case Block::Kind::Item: {
            const double indent = b.kind == Block::Kind::Item ? 12.0 + 12.0 * b.level : 0;
            auto l = ts.Make(InlineMarkup(b.text), kBody, kWidth - indent);
            const double h = Typesetter::Height(l);
            if (b.kind == Block::Kind::Item) {
                if (y + h > kBottom) newPage();
                text(ts.Make("•", kBody, -1), kLeft + indent - 9, y);
                text(l, kLeft + indent, y);
                y += h + 2.5;
                if (i + 1 >= blocks.size() || blocks[i + 1].kind != Block::Kind::Item) y += 4;
                break;
            }
            // A paragraph that introduces a chart goes with it to the next page rather than stay alone.
            if (i + 1 < blocks.size() && blocks[i + 1].kind == Block::Kind::Chart && y > kTop && y + h + 6 + kChartH > kBottom)
                newPage();
            // A paragraph too long for what is left goes on over the page at a line boundary.
            double from = 0;
            while (true) {
                if (y + (h - from) <= kBottom) {
                    Op op;
                    op.kind = Op::Kind::Text;
                    op.layout = l;
                    op.x = kLeft, op.y = y - from;
                    op.clipTop = from > 0 ? y : -1;
                    op.clipBottom = from > 0 ? kBottom + 2 : -1;
                    add(op);
                    y += h - from + 6;
                    break;
                }
                // The last line that ends on this page.
                const double cut = lastLineEnd(l, from, from + (kBottom - y));
                if (cut > from) {
                    Op op;
                    op.kind = Op::Kind::Text;
                    op.layout = l;
                    op.x = kLeft, op.y = y - from;
                    op.clipTop = y, op.clipBottom = y + (cut - from);
                    add(op);
                    from = cut;
                }
                newPage();
            }
            break;
        }
        case Block::Kind::Rule:
            if (y + 10 > kBottom) newPage();
            y += 4;
            line(kLeft, y, kRight, y, {180, 180, 180}, 0.6);
            y += 8;
            break;
        case Block::Kind::Chart:
            if (y + kChartH > kBottom) newPage();
            chartOp(b.text, kLeft, y, kWidth, kChartH);
            y += kChartH + 6;
            break;
        case Block::Kind::Table: {
            if (b.rows.empty()) break;
            const Columns cols = tableColumns(b);
            const std::vector<double>& w = cols.w;
            double headH = 0;
            const std::vector<Cell> head = layoutRow(b.rows[0], w, cols.size, true, &headH);
            std::vector<bool> signalColumn;
            for (const std::string& h : b.rows[0]) signalColumn.push_back(FoldCase(h).find("signal") != std::string::npos);
            bool headerDrawn = false;
            for (size_t r = 1; r <= b.rows.size(); ++r) {
                double rowH = 0;
                std::vector<Cell> row;
                if (r < b.rows.size()) row = layoutRow(b.rows[r], w, cols.size, false, &rowH, signalColumn);
                // The header never stands alone at a page's foot: it goes with the first row. A row
                // taller than a page starts where a few of its lines fit and goes on over the pages.
                const bool tall = headH + rowH > kBottom - kTop;
                const double needed = tall ? std::min(rowH, 3 * cols.size * 1.4 + 5) : rowH;
                if (y + (headerDrawn ? 0 : headH) + needed > kBottom && (headerDrawn || y > kTop)) {
                    newPage();
                    headerDrawn = false;
                }
                if (!headerDrawn) {
                    drawRow(head, w, headH, true);
                    headerDrawn = true;
                }
                if (r < b.rows.size()) {
                    if (tall) drawTallRow(row, w, head, headH);
                    else drawRow(row, w, rowH, false);
                }
            }
            y += 8;
            break;
        }
        }
    }

    // ---- paint: now that the page count is known ----
    PdfDocument doc;
    doc.pages = static_cast<int>(pages.size());
    cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(
        [](void* closure, const unsigned char* data, unsigned int length) {
            static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
            return CAIRO_STATUS_SUCCESS;
        },
        &doc.bytes, kPageW, kPageH);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, opt.title.c_str());
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Stegvis");
    cairo_t* cr = cairo_create(surface);
    for (size_t p = 0; p < pages.size(); ++p) {
        // The running header: unit and document on the left, the date on the right; the page below.
        auto head = ts.Make(Esc(opt.header), 8, kWidth * 0.75, false, PANGO_WRAP_WORD_CHAR);
        pango_layout_set_ellipsize(head.get(), PANGO_ELLIPSIZE_END);
        pango_layout_set_height(head.get(), -1);
        auto date = ts.Make(Esc(opt.date), 8, -1);
        const std::string pageText = opt.english ? "Page " + std::to_string(p + 1) + " of " + std::to_string(pages.size())
                                                 : "Sida " + std::to_string(p + 1) + " av " + std::to_string(pages.size());
        auto foot = ts.Make(Esc(pageText), 8, -1);
        cairo_set_source_rgb(cr, 0.35, 0.35, 0.35);
        cairo_move_to(cr, kLeft, 30);
        pango_cairo_show_layout(cr, head.get());
        cairo_move_to(cr, kRight - Typesetter::Width(date), 30);
        pango_cairo_show_layout(cr, date.get());
        cairo_move_to(cr, (kPageW - Typesetter::Width(foot)) / 2, kPageH - 38);
        pango_cairo_show_layout(cr, foot.get());
        cairo_set_line_width(cr, 0.5);
        cairo_set_source_rgb(cr, 0.75, 0.75, 0.75);
        cairo_move_to(cr, kLeft, 45);
        cairo_line_to(cr, kRight, 45);
        cairo_stroke(cr);
        for (const Op& op : pages[p].ops) {
            cairo_set_source_rgb(cr, op.colour.r / 255.0, op.colour.g / 255.0, op.colour.b / 255.0);
            switch (op.kind) {
            case Op::Kind::Text:
                cairo_save(cr);
                if (op.clipTop >= 0) {
                    cairo_rectangle(cr, 0, op.clipTop, kPageW, op.clipBottom - op.clipTop);
                    cairo_clip(cr);
                }
                cairo_move_to(cr, op.x, op.y);
                pango_cairo_show_layout(cr, op.layout.get());
                cairo_restore(cr);
                break;
            case Op::Kind::Line:
                cairo_set_line_width(cr, op.width);
                cairo_move_to(cr, op.x, op.y);
                cairo_line_to(cr, op.x1, op.y1);
                cairo_stroke(cr);
                break;
            case Op::Kind::Fill:
                cairo_rectangle(cr, op.x, op.y, op.x1 - op.x, op.y1 - op.y);
                cairo_fill(cr);
                break;
            case Op::Kind::Chart:
                PaintScene(cr, *op.scene, op.x, op.y);
                break;
            }
        }
        cairo_show_page(cr);
    }
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    const cairo_status_t st = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    if (st != CAIRO_STATUS_SUCCESS) throw std::runtime_error(std::string("PDF: ") + cairo_status_to_string(st));
    return doc;
}

}  // namespace stegvis
