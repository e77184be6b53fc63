#include "core/Instruments.hpp"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <regex>
#include <set>

#include "core/Text.hpp"

namespace stegvis {

namespace rj = rapidjson;
namespace fs = std::filesystem;

int Instrument::MinValue() const {
    return scale.empty() ? 0 : scale.front().value;
}

int Instrument::MaxValue() const {
    return scale.empty() ? 0 : scale.back().value;
}

const InstrumentItem* Instrument::FindItem(const std::string& itemId) const {
    int i = ItemIndex(itemId);
    return i < 0 ? nullptr : &items[static_cast<size_t>(i)];
}

int Instrument::ItemIndex(const std::string& itemId) const {
    for (size_t i = 0; i < items.size(); ++i)
        if (items[i].id == itemId) return static_cast<int>(i);
    return -1;
}

namespace {

constexpr int kFormat = 1;

class Reader {
public:
    explicit Reader(std::string file) : m_file(std::move(file)) {}

    [[noreturn]] void Fail(const std::string& entry, const std::string& field, const std::string& why) const {
        throw DataError(m_file, 0, entry, field, why);
    }

    // Also rejects a key given twice: rapidjson keeps both and FindMember would silently use the first.
    void OnlyKeys(const rj::Value& obj, const std::string& entry, std::initializer_list<const char*> keys) const {
        std::set<std::string> seen;
        for (auto it = obj.MemberBegin(); it != obj.MemberEnd(); ++it) {
            std::string k = it->name.GetString();
            if (std::none_of(keys.begin(), keys.end(), [&](const char* x) { return k == x; }))
                Fail(entry, k, "is not a known field");
            if (!seen.insert(k).second) Fail(entry, k, "is given twice");
        }
    }

    const rj::Value& Member(const rj::Value& obj, const std::string& entry, const char* key) const {
        auto it = obj.FindMember(key);
        if (it == obj.MemberEnd()) Fail(entry, key, "is missing");
        return it->value;
    }

    std::string Str(const rj::Value& obj, const std::string& entry, const char* key) const {
        const rj::Value& v = Member(obj, entry, key);
        if (!v.IsString()) Fail(entry, key, "must be a text string");
        std::string s(v.GetString(), v.GetStringLength());
        if (Trim(s).empty()) Fail(entry, key, "must not be empty");
        return s;
    }

    int Int(const rj::Value& obj, const std::string& entry, const char* key) const {
        const rj::Value& v = Member(obj, entry, key);
        if (!v.IsInt()) Fail(entry, key, "must be a whole number");
        return v.GetInt();
    }

    const rj::Value& List(const rj::Value& obj, const std::string& entry, const char* key) const {
        const rj::Value& v = Member(obj, entry, key);
        if (!v.IsArray() || v.Empty()) Fail(entry, key, "must be a non-empty list");
        return v;
    }

    std::string Id(const rj::Value& obj, const std::string& entry, const char* key) const {
        static const std::regex kIdPattern("^[a-z0-9-]+$");
        std::string id = Str(obj, entry, key);
        if (!std::regex_match(id, kIdPattern)) Fail(entry, key, "'" + id + "' may only contain a-z, 0-9 and '-'");
        return id;
    }

private:
    std::string m_file;
};

int LineOfOffset(const std::string& text, size_t offset) {
    return 1 + static_cast<int>(std::count(text.begin(), text.begin() + std::min(offset, text.size()), '\n'));
}

}  // namespace

Instrument ParseInstrument(const std::string& text, const std::string& file) {
    rj::Document doc;
    // Validating the encoding keeps broken UTF-8 out of the UI and the exports.
    doc.Parse<rj::kParseValidateEncodingFlag>(text.c_str(), text.size());
    if (doc.HasParseError())
        throw DataError(file, LineOfOffset(text, doc.GetErrorOffset()), "", "",
                        std::string("JSON syntax error: ") + rj::GetParseError_En(doc.GetParseError()));
    Reader rd(file);
    const std::string kDoc = "document";
    if (!doc.IsObject()) rd.Fail(kDoc, "", "must be a JSON object");
    rd.OnlyKeys(doc, kDoc,
                {"format", "id", "name_sv", "name_en", "citation", "instructions_sv", "instructions_en", "scale",
                 "subscales", "items"});
    int format = rd.Int(doc, kDoc, "format");
    if (format > kFormat)
        rd.Fail(kDoc, "format",
                "version " + std::to_string(format) + " is newer than this program reads (" + std::to_string(kFormat) +
                    ")");
    if (format != kFormat) rd.Fail(kDoc, "format", "version " + std::to_string(format) + " does not exist");

    Instrument ins;
    ins.id = rd.Id(doc, kDoc, "id");
    ins.name = {rd.Str(doc, kDoc, "name_sv"), rd.Str(doc, kDoc, "name_en")};
    ins.citation = rd.Str(doc, kDoc, "citation");
    ins.instructions = {rd.Str(doc, kDoc, "instructions_sv"), rd.Str(doc, kDoc, "instructions_en")};

    const rj::Value& scale = rd.List(doc, kDoc, "scale");
    for (rj::SizeType k = 0; k < scale.Size(); ++k) {
        std::string entry = "scale point #" + std::to_string(k + 1);
        const rj::Value& p = scale[k];
        if (!p.IsObject()) rd.Fail(entry, "", "must be an object");
        rd.OnlyKeys(p, entry, {"value", "sv", "en"});
        ScalePoint sp;
        sp.value = rd.Int(p, entry, "value");
        // Contiguous values let the statistics index counts by value and keep "min..max" meaningful.
        if (!ins.scale.empty() && sp.value != ins.scale.back().value + 1)
            rd.Fail(entry, "value",
                    std::to_string(sp.value) + " does not follow " + std::to_string(ins.scale.back().value) +
                        " (values must go up by 1)");
        sp.label = {rd.Str(p, entry, "sv"), rd.Str(p, entry, "en")};
        ins.scale.push_back(std::move(sp));
    }

    const rj::Value& subscales = rd.List(doc, kDoc, "subscales");
    std::set<std::string> subscaleIds;
    for (rj::SizeType k = 0; k < subscales.Size(); ++k) {
        std::string entry = "subscale #" + std::to_string(k + 1);
        const rj::Value& s = subscales[k];
        if (!s.IsObject()) rd.Fail(entry, "", "must be an object");
        rd.OnlyKeys(s, entry, {"id", "sv", "en"});
        Subscale sub;
        sub.id = rd.Id(s, entry, "id");
        entry = "subscale " + sub.id;
        if (!subscaleIds.insert(sub.id).second) rd.Fail(entry, "id", "'" + sub.id + "' is used twice");
        sub.name = {rd.Str(s, entry, "sv"), rd.Str(s, entry, "en")};
        ins.subscales.push_back(std::move(sub));
    }

    const rj::Value& items = rd.List(doc, kDoc, "items");
    std::set<std::string> itemIds;
    std::map<std::string, int> itemsPerSubscale;
    for (rj::SizeType k = 0; k < items.Size(); ++k) {
        std::string entry = "item #" + std::to_string(k + 1);
        const rj::Value& it = items[k];
        if (!it.IsObject()) rd.Fail(entry, "", "must be an object");
        rd.OnlyKeys(it, entry, {"id", "subscale", "sv", "en"});
        InstrumentItem item;
        item.id = rd.Id(it, entry, "id");
        entry = "item " + item.id;
        if (!itemIds.insert(item.id).second) rd.Fail(entry, "id", "'" + item.id + "' is used twice");
        item.subscale = rd.Str(it, entry, "subscale");
        if (!subscaleIds.count(item.subscale))
            rd.Fail(entry, "subscale", "'" + item.subscale + "' is not one of the instrument's subscales");
        ++itemsPerSubscale[item.subscale];
        item.text = {rd.Str(it, entry, "sv"), rd.Str(it, entry, "en")};
        ins.items.push_back(std::move(item));
    }
    for (const Subscale& sub : ins.subscales)
        if (itemsPerSubscale[sub.id] == 0) rd.Fail("subscale " + sub.id, "id", "no item belongs to this subscale");
    return ins;
}

Instrument LoadInstrument(const std::string& path) {
    std::string text;
    try {
        text = ReadFile(path);
    } catch (const std::exception&) {
        throw DataError(path, 0, "", "", "cannot be read");
    }
    return ParseInstrument(text, path);
}

std::vector<Instrument> LoadInstruments(const std::string& dir) {
    std::vector<std::string> paths;
    std::error_code ec;
    fs::directory_iterator it(dir, ec);
    if (ec) throw DataError(dir, 0, "", "", "cannot be read as a folder: " + ec.message());
    for (; it != fs::directory_iterator(); it.increment(ec)) {
        if (ec) throw DataError(dir, 0, "", "", "cannot be read as a folder: " + ec.message());
        const fs::path& p = it->path();
        std::error_code typeEc;
        if (p.extension() == ".json" && it->is_regular_file(typeEc)) paths.push_back(p.string());
    }
    if (paths.empty()) throw DataError(dir, 0, "", "", "holds no instrument files (*.json)");
    // Sorted paths make the file named in a duplicate-id error the same on every run.
    std::sort(paths.begin(), paths.end());

    std::vector<Instrument> out;
    std::map<std::string, std::string> fileOfId;
    for (const std::string& path : paths) {
        Instrument ins = LoadInstrument(path);
        auto [pos, fresh] = fileOfId.emplace(ins.id, path);
        if (!fresh) throw DataError(path, 0, "document", "id", "'" + ins.id + "' is also the id in " + pos->second);
        out.push_back(std::move(ins));
    }
    std::sort(out.begin(), out.end(), [](const Instrument& a, const Instrument& b) { return a.id < b.id; });
    return out;
}

}  // namespace stegvis
