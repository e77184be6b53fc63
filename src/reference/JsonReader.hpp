// Strict reading of the program's JSON data files (phases, instruments): every error names the
// file, the entry and the field, and a syntax error its line.
#pragma once
#include <rapidjson/document.h>

#include <algorithm>
#include <initializer_list>
#include <set>
#include <string>

#include "reference/Phases.hpp"
#include "base/Text.hpp"

namespace stegvis {

class JsonReader {
public:
    using Value = rapidjson::Value;
    // Limits no real data file or backup comes near; beyond them a document is refused, not parsed.
    static constexpr size_t kMaxBytes = size_t{512} << 20;
    static constexpr size_t kMaxDepth = 64;  // lists and objects inside each other

    explicit JsonReader(std::string file) : m_file(std::move(file)) {}

    // Parses `text` (UTF-8 validated) into `doc`, or throws with the line of the syntax error. Also
    // refuses, with the line, a key given twice in one object and nesting deeper than kMaxDepth.
    void Parse(rapidjson::Document& doc, const std::string& text) const;

    [[noreturn]] void Fail(const std::string& entry, const std::string& field, const std::string& why) const {
        throw DataError(m_file, 0, entry, field, why);
    }

    // Also rejects a key given twice: rapidjson keeps both and FindMember would silently use the first.
    void OnlyKeys(const Value& obj, const std::string& entry, std::initializer_list<const char*> keys) const {
        std::set<std::string> seen;
        for (auto it = obj.MemberBegin(); it != obj.MemberEnd(); ++it) {
            std::string k = it->name.GetString();
            if (std::none_of(keys.begin(), keys.end(), [&](const char* x) { return k == x; }))
                Fail(entry, k, "is not a known field");
            if (!seen.insert(k).second) Fail(entry, k, "is given twice");
        }
    }

    const Value& Member(const Value& obj, const std::string& entry, const char* key) const {
        auto it = obj.FindMember(key);
        if (it == obj.MemberEnd()) Fail(entry, key, "is missing");
        return it->value;
    }

    std::string Str(const Value& obj, const std::string& entry, const char* key) const {
        const Value& v = Member(obj, entry, key);
        if (!v.IsString()) Fail(entry, key, "must be a text string");
        std::string s(v.GetString(), v.GetStringLength());
        if (Trim(s).empty()) Fail(entry, key, "must not be empty");
        return s;
    }

    int Int(const Value& obj, const std::string& entry, const char* key) const {
        const Value& v = Member(obj, entry, key);
        if (!v.IsInt()) Fail(entry, key, "must be a whole number");
        return v.GetInt();
    }

    int Int(const Value& obj, const std::string& entry, const char* key, int lo, int hi) const {
        int n = Int(obj, entry, key);
        if (n < lo || n > hi)
            Fail(entry, key, std::to_string(n) + " is outside " + std::to_string(lo) + ".." + std::to_string(hi));
        return n;
    }

    const Value& List(const Value& obj, const std::string& entry, const char* key) const {
        const Value& v = Member(obj, entry, key);
        if (!v.IsArray() || v.Empty()) Fail(entry, key, "must be a non-empty list");
        return v;
    }

    // "<base>_sv" and "<base>_en".
    Bilingual Bi(const Value& obj, const std::string& entry, const std::string& base) const {
        return {Str(obj, entry, (base + "_sv").c_str()), Str(obj, entry, (base + "_en").c_str())};
    }

    const std::string& File() const { return m_file; }

private:
    std::string m_file;
};

}  // namespace stegvis
