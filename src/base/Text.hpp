// Small text helpers shared by the loaders, the store and the exporters.
#pragma once
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace stegvis {

// An error in a data file or user input that names where it is, so the message can say
// "file:line: entry X, field 'y': why" without the caller re-assembling the parts.
class DataError : public std::runtime_error {
public:
    DataError(std::string file, int line, std::string entry, std::string field, std::string why);
    const std::string& File() const { return m_file; }
    int Line() const { return m_line; }
    const std::string& Entry() const { return m_entry; }
    const std::string& Field() const { return m_field; }
    const std::string& Why() const { return m_why; }

private:
    std::string m_file;
    int m_line;
    std::string m_entry;
    std::string m_field;
    std::string m_why;
};

std::string Trim(std::string_view s);
std::vector<std::string> Split(std::string_view s, char sep);
bool StartsWith(std::string_view s, std::string_view prefix);
std::string ToLowerAscii(std::string_view s);
// Case-insensitive substring search that also folds Å/Ä/Ö/É to lower case (UTF-8).
bool ContainsFolded(std::string_view haystack, std::string_view needle);
std::string FoldCase(std::string_view s);
// Order as a person reads names: case folded, and a run of digits compared as a number, so
// "Kommun 2" comes before "Kommun 10".
bool NaturalLess(std::string_view a, std::string_view b);

// YYYY-MM-DD with a real calendar date.
bool IsIsoDate(std::string_view s);
std::string TodayIso();
// Calendar arithmetic on YYYY-MM-DD (input must be valid).
std::string AddDays(const std::string& isoDate, int days);
int DaysSinceEpoch(const std::string& isoDate);  // for drawing dates on an axis
std::string NowIsoSeconds();  // local time, YYYY-MM-DD HH:MM:SS

bool IsValidUtf8(std::string_view s);
std::string JsonEscape(std::string_view s);
std::string HtmlEscape(std::string_view s);  // & < > " ' for text and attribute values
// One CSV field: quoted when needed, and a start that a spreadsheet would take as a formula
// neutralised. Every field of every CSV goes through here.
std::string CsvField(std::string_view s, char separator = ',');
// User text for a Markdown document: shows as typed, whatever the reader (pandoc, GitHub): no
// raw HTML, no table cell split by '|', no line break that starts a heading, list or quote.
std::string MarkdownEscape(std::string_view s);


}  // namespace stegvis
