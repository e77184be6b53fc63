#include "reference/Phases.hpp"

#include <rapidjson/document.h>
#include <rapidjson/encodedstream.h>
#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

#include <algorithm>
#include <regex>
#include <set>

#include "reference/JsonReader.hpp"
#include "base/Files.hpp"
#include "base/Text.hpp"

namespace stegvis {

namespace rj = rapidjson;

const Step* Manual::FindStep(int number) const {
    for (const auto& s : steps)
        if (s.number == number) return &s;
    return nullptr;
}

const Phase* Manual::FindPhase(int number) const {
    for (const auto& p : phases)
        if (p.number == number) return &p;
    return nullptr;
}

const char* OwnerKey(Owner o) { return o == Owner::Chef ? "chef" : "team"; }

const std::vector<std::string>& KnownWorkspaces() {
    static const std::vector<std::string> k = {"catalog",   "inventory", "priorities", "readiness", "case",
                                               "team",      "decision",  "rationale",  "resources", "plan",
                                               "training",  "measures",  "pilot",      "learn",     "scale"};
    return k;
}

namespace {

// Passes the reader's events on to the document, refusing what no data file or backup holds: nesting
// deeper than JsonReader::kMaxDepth and a key given twice in one object (the checks after parsing
// would silently see only the first).
class CheckedHandler {
public:
    explicit CheckedHandler(rj::Document& doc) : m_doc(doc) {}
    bool Null() { return m_doc.Null(); }
    bool Bool(bool b) { return m_doc.Bool(b); }
    bool Int(int i) { return m_doc.Int(i); }
    bool Uint(unsigned i) { return m_doc.Uint(i); }
    bool Int64(int64_t i) { return m_doc.Int64(i); }
    bool Uint64(uint64_t i) { return m_doc.Uint64(i); }
    bool Double(double d) { return m_doc.Double(d); }
    bool RawNumber(const char* s, rj::SizeType n, bool copy) { return m_doc.RawNumber(s, n, copy); }
    bool String(const char* s, rj::SizeType n, bool copy) { return m_doc.String(s, n, copy); }
    bool StartObject() { return Open() && m_doc.StartObject(); }
    bool Key(const char* s, rj::SizeType n, bool copy) {
        if (!m_keys.back().insert(std::string(s, n)).second) {
            why = "key '" + std::string(s, std::min<rj::SizeType>(n, 80)) + "' is given twice in one object";
            return false;
        }
        return m_doc.Key(s, n, copy);
    }
    bool EndObject(rj::SizeType n) {
        m_keys.pop_back();
        return m_doc.EndObject(n);
    }
    bool StartArray() { return Open() && m_doc.StartArray(); }
    bool EndArray(rj::SizeType n) {
        m_keys.pop_back();
        return m_doc.EndArray(n);
    }

    std::string why;  // set when this handler stopped the parse

private:
    bool Open() {
        if (m_keys.size() >= JsonReader::kMaxDepth) {
            why = "lists and objects are nested deeper than " + std::to_string(JsonReader::kMaxDepth) + " levels";
            return false;
        }
        m_keys.emplace_back();  // a list's stays empty
        return true;
    }

    rj::Document& m_doc;
    std::vector<std::set<std::string>> m_keys;  // one per open list or object
};

}  // namespace

void JsonReader::Parse(rapidjson::Document& doc, const std::string& text) const {
    if (text.size() > kMaxBytes)
        throw DataError(m_file, 0, "", "", "is larger than " + std::to_string(kMaxBytes >> 20) + " MB");
    // Iterative parsing: a deeply nested document cannot exhaust the stack before the depth check.
    // Validating the encoding keeps broken UTF-8 out of the UI and the exports.
    constexpr unsigned kFlags = rj::kParseValidateEncodingFlag | rj::kParseIterativeFlag;
    rj::MemoryStream ms(text.data(), text.size());
    rj::EncodedInputStream<rj::UTF8<>, rj::MemoryStream> in(ms);
    rj::Reader reader;
    std::string why;
    rj::ParseResult result;
    auto generate = [&](rj::Document& target) {
        CheckedHandler handler(target);
        result = reader.Parse<kFlags>(in, handler);
        why = handler.why;
        return !result.IsError();
    };
    doc.Populate(generate);
    if (result.IsError()) {
        size_t offset = std::min<size_t>(result.Offset(), text.size());
        int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(offset), '\n'));
        if (!why.empty()) throw DataError(m_file, line, "", "", why);
        throw DataError(m_file, line, "", "",
                        std::string("JSON syntax error: ") + rapidjson::GetParseError_En(result.Code()));
    }
}

Manual ParseManual(const std::string& text, const std::string& file) {
    rj::Document doc;
    JsonReader rd(file);
    rd.Parse(doc, text);
    if (!doc.IsObject()) rd.Fail("document", "", "must be a JSON object");
    rd.OnlyKeys(doc, "document", {"format", "source", "phase_note_sv", "phase_note_en", "phases", "steps"});
    Manual m;
    m.path = file;
    int format = rd.Int(doc, "document", "format", 1, 1000);
    if (format != 1) rd.Fail("document", "format", "version " + std::to_string(format) + " is newer than this program reads (1)");
    m.source = rd.Str(doc, "document", "source");
    if (doc.HasMember("phase_note_sv") || doc.HasMember("phase_note_en")) {
        m.phaseNote.sv = rd.Str(doc, "document", "phase_note_sv");
        m.phaseNote.en = rd.Str(doc, "document", "phase_note_en");
    }

    const rj::Value& phases = rd.Member(doc, "document", "phases");
    if (!phases.IsArray() || phases.Empty()) rd.Fail("document", "phases", "must be a non-empty list");
    for (rj::SizeType i = 0; i < phases.Size(); ++i) {
        std::string entry = "phase #" + std::to_string(i + 1);
        const rj::Value& p = phases[i];
        if (!p.IsObject()) rd.Fail(entry, "", "must be an object");
        rd.OnlyKeys(p, entry, {"number", "title_sv", "title_en"});
        Phase ph;
        ph.number = rd.Int(p, entry, "number", 1, 4);
        if (ph.number != static_cast<int>(i) + 1) rd.Fail(entry, "number", "phases must be numbered 1, 2, 3, 4 in order");
        ph.title = rd.Bi(p, entry, "title");
        m.phases.push_back(ph);
    }

    const rj::Value& steps = rd.Member(doc, "document", "steps");
    if (!steps.IsArray()) rd.Fail("document", "steps", "must be a list");
    std::set<std::string> itemIds;
    for (rj::SizeType i = 0; i < steps.Size(); ++i) {
        std::string entry = "step #" + std::to_string(i + 1);
        const rj::Value& s = steps[i];
        if (!s.IsObject()) rd.Fail(entry, "", "must be an object");
        rd.OnlyKeys(s, entry, {"number", "phase", "owner", "workspace", "title_sv", "title_en", "purpose_sv",
                               "purpose_en", "guidance_sv", "guidance_en", "done_sv", "done_en", "checklist"});
        Step st;
        st.number = rd.Int(s, entry, "number", 1, 15);
        entry = "step " + std::to_string(st.number);
        if (st.number != static_cast<int>(i) + 1) rd.Fail(entry, "number", "steps must be numbered 1..15 in order");
        st.phase = rd.Int(s, entry, "phase", 1, static_cast<int>(m.phases.size()));
        if (!m.steps.empty() && st.phase < m.steps.back().phase)
            rd.Fail(entry, "phase", "a step cannot belong to an earlier phase than the step before it");
        std::string owner = rd.Str(s, entry, "owner");
        if (owner == "chef") st.owner = Owner::Chef;
        else if (owner == "team") st.owner = Owner::Team;
        else rd.Fail(entry, "owner", "'" + owner + "' is not chef or team");
        st.workspace = rd.Str(s, entry, "workspace");
        const auto& ws = KnownWorkspaces();
        if (std::find(ws.begin(), ws.end(), st.workspace) == ws.end())
            rd.Fail(entry, "workspace", "'" + st.workspace + "' is not a workspace of the program");
        st.title = rd.Bi(s, entry, "title");
        st.purpose = rd.Bi(s, entry, "purpose");
        st.guidance = rd.Bi(s, entry, "guidance");
        st.done = rd.Bi(s, entry, "done");
        const rj::Value& cl = rd.Member(s, entry, "checklist");
        if (!cl.IsArray() || cl.Empty()) rd.Fail(entry, "checklist", "must be a non-empty list");
        static const std::regex kIdPattern("^s[0-9]{2}-[a-z]+(-[a-z]+)*$");
        for (rj::SizeType k = 0; k < cl.Size(); ++k) {
            std::string ientry = entry + ", checklist item #" + std::to_string(k + 1);
            const rj::Value& it = cl[k];
            if (!it.IsObject()) rd.Fail(ientry, "", "must be an object");
            rd.OnlyKeys(it, ientry, {"id", "sv", "en"});
            ChecklistItem item;
            item.id = rd.Str(it, ientry, "id");
            if (!std::regex_match(item.id, kIdPattern)) rd.Fail(ientry, "id", "'" + item.id + "' is not of the form sNN-word");
            if (std::stoi(item.id.substr(1, 2)) != st.number)
                rd.Fail(ientry, "id", "'" + item.id + "' does not carry this step's number");
            if (!itemIds.insert(item.id).second) rd.Fail(ientry, "id", "'" + item.id + "' is used twice");
            item.text = {rd.Str(it, ientry, "sv"), rd.Str(it, ientry, "en")};
            st.checklist.push_back(std::move(item));
        }
        m.steps.push_back(std::move(st));
    }
    if (m.steps.size() != 15)
        rd.Fail("document", "steps", "the manual has 15 steps, the file has " + std::to_string(m.steps.size()));
    return m;
}

Manual LoadManual(const std::string& path) {
    std::string text;
    text = ReadFile(path);  // a regular file within its size limit, or an error naming it and why
    return ParseManual(text, path);
}

}  // namespace stegvis
