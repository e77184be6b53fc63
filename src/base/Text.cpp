#include "base/Text.hpp"

#include <cctype>
#include <cstdio>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <ctime>
#include <fstream>
#include <sstream>

#include "base/Platform.hpp"

namespace stegvis {

namespace {
std::string FormatDataError(const std::string& file, int line, const std::string& entry,
                            const std::string& field, const std::string& why) {
    std::string s = file;
    if (line > 0) s += ":" + std::to_string(line);
    s += ": ";
    if (!entry.empty()) s += entry + ", ";
    if (!field.empty()) s += "field '" + field + "': ";
    return s + why;
}
}  // namespace

DataError::DataError(std::string file, int line, std::string entry, std::string field, std::string why)
    : std::runtime_error(FormatDataError(file, line, entry, field, why)),
      m_file(std::move(file)),
      m_line(line),
      m_entry(std::move(entry)),
      m_field(std::move(field)),
      m_why(std::move(why)) {}

std::string Trim(std::string_view s) {
    size_t b = 0, e = s.size();
    while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
    return std::string(s.substr(b, e - b));
}

std::vector<std::string> Split(std::string_view s, char sep) {
    std::vector<std::string> out;
    size_t start = 0;
    for (;;) {
        size_t pos = s.find(sep, start);
        if (pos == std::string_view::npos) {
            out.emplace_back(s.substr(start));
            return out;
        }
        out.emplace_back(s.substr(start, pos - start));
        start = pos + 1;
    }
}

bool StartsWith(std::string_view s, std::string_view prefix) {
    return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}

std::string ToLowerAscii(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string FoldCase(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        // Latin-1 supplement capitals (U+00C0..U+00DE except U+00D7) are C3 80..C3 9E in UTF-8;
        // their lower-case forms are 0x20 higher in the second byte.
        if (c == 0xC3 && i + 1 < s.size()) {
            unsigned char d = static_cast<unsigned char>(s[i + 1]);
            if (d >= 0x80 && d <= 0x9E && d != 0x97) d = static_cast<unsigned char>(d + 0x20);
            out.push_back(static_cast<char>(c));
            out.push_back(static_cast<char>(d));
            ++i;
            continue;
        }
        out.push_back(static_cast<char>(std::tolower(c)));
    }
    return out;
}

bool ContainsFolded(std::string_view haystack, std::string_view needle) {
    if (needle.empty()) return true;
    return FoldCase(haystack).find(FoldCase(needle)) != std::string::npos;
}

bool IsIsoDate(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    auto digits = [&](size_t from, size_t n) {
        int v = 0;
        for (size_t i = from; i < from + n; ++i) v = v * 10 + (s[i] - '0');
        return v;
    };
    const int y = digits(0, 4), m = digits(5, 2), d = digits(8, 2);
    if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return false;
    static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int max = kDays[m - 1];
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (m == 2 && leap) max = 29;
    return d <= max;
}

static std::string FormatNow(const char* fmt) {
    std::time_t t = std::time(nullptr);
    const std::tm tm = platform::LocalTime(t);
    char buf[32];
    std::strftime(buf, sizeof buf, fmt, &tm);
    return buf;
}

std::string TodayIso() { return FormatNow("%Y-%m-%d"); }
namespace {

// Days since 1970-01-01 of a proleptic Gregorian date, and back (H. Hinnant's civil algorithms):
// plain arithmetic instead of timegm and gmtime, which a run chart calls for every period.
int64_t DaysFromCivil(int64_t y, int m, int d) {
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const int64_t yoe = y - era * 400;
    const int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void CivilFromDays(int64_t z, int64_t* y, int* m, int* d) {
    z += 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const int64_t doe = z - era * 146097;
    const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int64_t mp = (5 * doy + 2) / 153;
    *d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    *m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

// "YYYY-MM-DD" with digits where digits belong and a month 01-12 (the day may run over, as
// timegm allows); anything else takes the slow path, which keeps its old behaviour.
bool PlainDate(const std::string& iso, int* y, int* m, int* d) {
    if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return false;
    for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (iso[i] < '0' || iso[i] > '9') return false;
    *y = (iso[0] - '0') * 1000 + (iso[1] - '0') * 100 + (iso[2] - '0') * 10 + (iso[3] - '0');
    *m = (iso[5] - '0') * 10 + (iso[6] - '0');
    *d = (iso[8] - '0') * 10 + (iso[9] - '0');
    return *m >= 1 && *m <= 12;
}

std::tm NoonOf(const std::string& iso, int days) {
    std::tm tm{};
    tm.tm_year = std::stoi(iso.substr(0, 4)) - 1900;
    tm.tm_mon = std::stoi(iso.substr(5, 2)) - 1;
    tm.tm_mday = std::stoi(iso.substr(8, 2)) + days;
    tm.tm_hour = 12;
    return tm;
}

}  // namespace

std::string AddDays(const std::string& iso, int days) {
    int y, m, d;
    if (PlainDate(iso, &y, &m, &d)) {
        int64_t year;
        int month, day;
        CivilFromDays(DaysFromCivil(y, m, 1) + (d - 1) + days, &year, &month, &day);
        if (year >= 1000 && year <= 9999) {
            std::string out = "0000-00-00";
            for (int i = 3; i >= 0; --i, year /= 10) out[static_cast<size_t>(i)] = static_cast<char>('0' + year % 10);
            out[5] = static_cast<char>('0' + month / 10);
            out[6] = static_cast<char>('0' + month % 10);
            out[8] = static_cast<char>('0' + day / 10);
            out[9] = static_cast<char>('0' + day % 10);
            return out;
        }
    }
    std::tm tm = NoonOf(iso, days);
    const std::tm out = platform::UtcTime(platform::UtcSeconds(tm));
    char buf[16];
    std::strftime(buf, sizeof buf, "%Y-%m-%d", &out);
    return buf;
}

int DaysSinceEpoch(const std::string& iso) {
    int y, m, d;
    // The whole days since 1970-01-01, negative before it. (Dividing the seconds at noon, as this
    // once did, rounds towards 1970 and put every earlier date one day late, so a week computed
    // from it began on a Sunday.)
    if (PlainDate(iso, &y, &m, &d)) return static_cast<int>(DaysFromCivil(y, m, 1) + (d - 1));
    std::tm tm = NoonOf(iso, 0);
    return static_cast<int>((platform::UtcSeconds(tm) - 43200) / 86400);
}

std::string NowIsoSeconds() { return FormatNow("%Y-%m-%d %H:%M:%S"); }

bool IsValidUtf8(std::string_view s) {
    size_t i = 0;
    while (i < s.size()) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        size_t n;
        if (c < 0x80) n = 0;
        else if ((c >> 5) == 0x6 && c >= 0xC2) n = 1;
        else if ((c >> 4) == 0xE) n = 2;
        else if ((c >> 3) == 0x1E && c <= 0xF4) n = 3;
        else return false;
        if (i + n >= s.size() && n > 0) return false;
        for (size_t k = 1; k <= n; ++k)
            if ((static_cast<unsigned char>(s[i + k]) >> 6) != 0x2) return false;
        i += n + 1;
    }
    return true;
}

std::string JsonEscape(std::string_view s) {
    std::string out;
    out.reserve(s.size() + 2);
    for (char ch : s) {
        unsigned char c = static_cast<unsigned char>(ch);
        switch (ch) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (c < 0x20) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\u%04x", c);
                    out += buf;
                } else {
                    out.push_back(ch);
                }
        }
    }
    return out;
}

std::string HtmlEscape(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char ch : s) {
        switch (ch) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out.push_back(ch);
        }
    }
    return out;
}

std::string CsvField(std::string_view s, char separator) {
    // A cell that starts like a formula (= + - @, or a tab or carriage return before one) is
    // neutralised with a leading apostrophe, so a spreadsheet shows it as text.
    const bool formula = !s.empty() && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' ||
                                        s[0] == '\r');
    const bool quote = formula || s.find_first_of(std::string("\"\n\r") + separator) != std::string_view::npos;
    std::string body;
    if (formula) body.push_back('\'');
    for (char c : s) {
        if (c == '"') body += "\"\"";
        else body.push_back(c);
    }
    if (quote) return "\"" + body + "\"";
    return body;
}

std::string MarkdownEscape(std::string_view s) {
    std::string out;
    out.reserve(s.size() + 8);
    // A start that would open a block: a heading, a list, a quote, a numbered list, a rule.
    size_t digits = 0;
    while (digits < s.size() && s[digits] >= '0' && s[digits] <= '9') ++digits;
    const bool numbered = digits > 0 && digits < s.size() && (s[digits] == '.' || s[digits] == ')');
    for (size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (i == 0 && (c == '#' || c == '-' || c == '+' || c == '>' || c == '=' || c == '~')) out.push_back('\\');
        if (numbered && i == digits) out.push_back('\\');
        switch (c) {
            // Raw HTML never reaches a reader (pandoc passes it through): as entities, it shows as typed.
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '&': out += "&amp;"; break;
            // One line: a line break of the user's can neither end a table row nor start a block.
            case '\n': out += "<br>"; break;
            case '\r': break;
            case '\\': case '`': case '*': case '_': case '[': case ']': case '|':
                out.push_back('\\');
                out.push_back(c);
                break;
            default: out.push_back(c);
        }
    }
    return out;
}

}  // namespace stegvis


namespace stegvis {

bool NaturalLess(std::string_view a, std::string_view b) {
    const std::string x = FoldCase(a), y = FoldCase(b);
    auto digit = [](char c) { return c >= '0' && c <= '9'; };
    size_t i = 0, j = 0;
    while (i < x.size() && j < y.size()) {
        if (digit(x[i]) && digit(y[j])) {
            size_t ie = i, je = j;
            while (ie < x.size() && digit(x[ie])) ++ie;
            while (je < y.size() && digit(y[je])) ++je;
            // Leading zeros do not make a number larger; then the longer run of digits is.
            size_t is = i, js = j;
            while (is + 1 < ie && x[is] == '0') ++is;
            while (js + 1 < je && y[js] == '0') ++js;
            if (ie - is != je - js) return ie - is < je - js;
            const int c = x.compare(is, ie - is, y, js, je - js);
            if (c != 0) return c < 0;
            i = ie;
            j = je;
            continue;
        }
        if (x[i] != y[j]) return static_cast<unsigned char>(x[i]) < static_cast<unsigned char>(y[j]);
        ++i;
        ++j;
    }
    if ((x.size() - i) != (y.size() - j)) return x.size() - i < y.size() - j;
    return a < b;  // equal when folded: a fixed order all the same
}

}  // namespace stegvis
