#include "reference/Instruments.hpp"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <algorithm>
#include <map>
#include <regex>
#include <set>

#include "reference/JsonReader.hpp"
#include "base/Files.hpp"
#include "base/Text.hpp"

namespace stegvis {

namespace rj = rapidjson;

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

std::string Id(const JsonReader& rd, const rj::Value& obj, const std::string& entry, const char* key) {
    static const std::regex kIdPattern("^[a-z0-9-]+$");
    std::string id = rd.Str(obj, entry, key);
    if (!std::regex_match(id, kIdPattern)) rd.Fail(entry, key, "'" + id + "' may only contain a-z, 0-9 and '-'");
    return id;
}

}  // namespace

Instrument ParseInstrument(const std::string& text, const std::string& file) {
    rj::Document doc;
    JsonReader rd(file);
    rd.Parse(doc, text);
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
    ins.id = Id(rd, doc, kDoc, "id");
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
        sub.id = Id(rd, s, entry, "id");
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
        item.id = Id(rd, it, entry, "id");
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
    text = ReadFile(path);  // a regular file within its size limit, or an error naming it and why
    return ParseInstrument(text, path);
}

std::vector<Instrument> LoadInstruments(const std::string& dir) {
    std::vector<std::string> paths;
    try {
        paths = FilesInFolder(dir, {".json"});  // sorted: a duplicate-id error names the same file on every run
    } catch (const std::runtime_error& e) {
        throw DataError(dir, 0, "", "", std::string("cannot be read as a folder: ") + e.what());
    }
    if (paths.empty()) throw DataError(dir, 0, "", "", "holds no instrument files (*.json)");

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
