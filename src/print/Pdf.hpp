// A4 PDF documents typeset with pango and cairo from the Markdown the templates produce (the
// subset they use: headings, paragraphs, lists, tables, rules, **bold**, *italic*), with a
// running header, "Sida N av M", table headers repeated on each page, a heading kept with what
// follows it, and charts (![title](chart:REF), alone or in a table cell) as vector graphics.
#pragma once
#include <functional>
#include <optional>
#include <string>

#include "domain/ChartScene.hpp"

namespace stegvis {

struct PdfOptions {
    std::string title;   // the document (PDF metadata)
    std::string header;  // the running header's left part: unit and document
    std::string date;    // its right part
    bool english = false;
};

// The chart a text names as chart:REF, laid out for a box of width × height points; nullopt when
// REF names no chart (the text then says so in its place).
using ChartSource = std::function<std::optional<ChartScene>(const std::string& ref, double width, double height)>;

struct PdfDocument {
    std::string bytes;
    int pages = 0;
};
PdfDocument MarkdownToPdf(const std::string& markdown, const PdfOptions& options, const ChartSource& charts);

// Markdown inline text (as MarkdownEscape writes it) as pango markup: escapes undone, **bold**,
// *italic*, <br> as a line break; the result always parses.
std::string InlineMarkup(const std::string& text);

}  // namespace stegvis
