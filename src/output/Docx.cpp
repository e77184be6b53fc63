#include "output/Docx.hpp"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <zip.h>

#include <cstdlib>
#include <cstring>
#include <memory>
#include <vector>

#include "base/Files.hpp"
#include "base/Text.hpp"

namespace stegvis {

namespace mu = kainjow::mustache;

namespace {

const char* const kW = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
// A part larger than this is not a document a person wrote in Word (a zip bomb, or worse).
constexpr zip_uint64_t kMaxPart = 64u << 20;

bool Is(const xmlNode* n, const char* name) {
    return n && n->type == XML_ELEMENT_NODE && n->ns && std::strcmp(reinterpret_cast<const char*>(n->ns->href), kW) == 0 &&
           std::strcmp(reinterpret_cast<const char*>(n->name), name) == 0;
}

std::string Content(xmlNode* n) {
    xmlChar* c = xmlNodeGetContent(n);
    std::string s = c ? reinterpret_cast<const char*>(c) : "";
    xmlFree(c);
    return s;
}

void SetText(xmlNode* t, const std::string& text) {
    for (xmlNode* c = t->children; c;) {
        xmlNode* next = c->next;
        xmlUnlinkNode(c);
        xmlFreeNode(c);
        c = next;
    }
    xmlAddChild(t, xmlNewDocTextLen(t->doc, reinterpret_cast<const xmlChar*>(text.data()), static_cast<int>(text.size())));
    xmlNodeSetSpacePreserve(t, 1);
}

// The w:t nodes of a paragraph or a row in document order.
void TextNodes(xmlNode* n, std::vector<xmlNode*>& out, const xmlNode* top) {
    (void)top;
    for (xmlNode* c = n->children; c; c = c->next) {
        if (Is(c, "t")) out.push_back(c);
        else if (c->type == XML_ELEMENT_NODE) TextNodes(c, out, top);
    }
}

struct Tag {
    size_t begin = 0, end = 0;  // in the joined text
};

// The tags in a paragraph's text. A {{ without its }} in the same paragraph is an error.
std::vector<Tag> FindTags(const std::string& text, const std::string& file, const std::string& part) {
    std::vector<Tag> tags;
    size_t at = 0;
    while ((at = text.find("{{", at)) != std::string::npos) {
        const size_t close = text.find("}}", at + 2);
        if (close == std::string::npos)
            throw DataError(file, 0, part, "", "a tag opens with {{ but does not close in its paragraph: \"" +
                                                   text.substr(at, std::min<size_t>(40, text.size() - at)) + "\"");
        size_t end = close + 2;
        if (end < text.size() && text[end] == '}') ++end;  // {{{x}}}
        tags.push_back({at, end});
        at = end;
    }
    return tags;
}

// Joins each tag that Word split over several runs into the run where it begins, and makes every
// tag one that escapes its value ({{{x}}} and {{&x}} too: a value never becomes Word markup);
// partials and new delimiters are refused.
void JoinTags(xmlNode* scope, const std::string& file, const std::string& part) {
    std::vector<xmlNode*> ts;
    TextNodes(scope, ts, scope);
    if (ts.empty()) return;
    std::string joined;
    std::vector<size_t> owner;
    for (size_t i = 0; i < ts.size(); ++i) {
        const std::string s = Content(ts[i]);
        joined += s;
        owner.insert(owner.end(), s.size(), i);
    }
    if (joined.find("{{") == std::string::npos) return;
    const std::vector<Tag> tags = FindTags(joined, file, part);
    std::vector<std::string> texts(ts.size());
    std::vector<std::pair<size_t, std::string>> replaced;  // tag start -> its normalised text
    for (const Tag& t : tags) {
        std::string inner = joined.substr(t.begin + 2, t.end - t.begin - 4);
        if (!inner.empty() && inner.front() == '{' && !inner.empty() && inner.back() == '}') inner = inner.substr(1, inner.size() - 2);
        if (!inner.empty() && inner.front() == '{') inner.erase(0, 1);
        inner = Trim(inner);
        if (!inner.empty() && inner.front() == '&') inner = Trim(inner.substr(1));
        if (!inner.empty() && (inner.front() == '>' || inner.front() == '='))
            throw DataError(file, 0, part, "", "the tag {{" + inner + "}} is not available in a Word template "
                                               "(partials and new delimiters are not)");
        replaced.push_back({t.begin, "{{" + inner + "}}"});
    }
    size_t next = 0;
    for (size_t i = 0; i < joined.size();) {
        if (next < tags.size() && i == tags[next].begin) {
            texts[owner[i]] += replaced[next].second;
            i = tags[next].end;
            ++next;
            continue;
        }
        texts[owner[i]] += joined[i];
        ++i;
    }
    for (size_t i = 0; i < ts.size(); ++i)
        if (texts[i] != Content(ts[i])) SetText(ts[i], texts[i]);
}

std::string JoinedText(xmlNode* scope) {
    std::vector<xmlNode*> ts;
    TextNodes(scope, ts, scope);
    std::string s;
    for (xmlNode* t : ts) s += Content(t);
    return s;
}

// The section tags a text consists of ("{{#a}}{{#b}}"), or none when it holds anything else.
std::vector<std::string> OnlySectionTags(const std::string& text) {
    std::vector<std::string> out;
    size_t at = 0;
    const std::string t = Trim(text);
    while (at < t.size()) {
        while (at < t.size() && (t[at] == ' ' || t[at] == '\t')) ++at;
        if (at >= t.size()) break;
        if (t.compare(at, 2, "{{") != 0 || at + 2 >= t.size() || (t[at + 2] != '#' && t[at + 2] != '^' && t[at + 2] != '/')) return {};
        const size_t close = t.find("}}", at);
        if (close == std::string::npos) return {};
        out.push_back(t.substr(at, close + 2 - at));
        at = close + 2;
    }
    return out;
}

// A row whose first cell begins with section tags and whose last cell ends with their closing
// tags is repeated whole: the tags move out of the row, around it.
void LiftRowSections(xmlNode* n) {
    for (xmlNode* c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        if (!Is(c, "tr")) {
            LiftRowSections(c);
            continue;
        }
        std::vector<xmlNode*> ts;
        TextNodes(c, ts, c);
        if (ts.empty()) continue;
        // The texts as they would be without the tags taken out; applied only when they match.
        std::vector<std::string> text(ts.size());
        for (size_t i = 0; i < ts.size(); ++i) text[i] = Content(ts[i]);
        std::vector<std::string> opens, openTags;
        for (size_t i = 0; i < ts.size(); ++i) {
            std::string t = Trim(text[i]);
            while (t.compare(0, 3, "{{#") == 0 || t.compare(0, 3, "{{^") == 0) {
                const size_t close = t.find("}}");
                if (close == std::string::npos) break;
                opens.push_back(Trim(t.substr(3, close - 3)));
                openTags.push_back(t.substr(0, close + 2));
                t = Trim(t.substr(close + 2));
            }
            text[i] = t;
            if (!t.empty()) break;  // the row's first words: no more tags to lift
        }
        if (opens.empty()) continue;
        std::vector<std::string> closes;
        for (size_t i = ts.size(); i-- > 0 && closes.size() < opens.size();) {
            std::string t = Trim(text[i]);
            while (closes.size() < opens.size() && t.size() >= 2 && t.compare(t.size() - 2, 2, "}}") == 0) {
                const size_t open = t.rfind("{{/");
                if (open == std::string::npos) break;
                closes.push_back(Trim(t.substr(open + 3, t.size() - 2 - open - 3)));
                t = Trim(t.substr(0, open));
            }
            text[i] = t;
            if (!t.empty()) break;
        }
        // They close in the reverse order they opened: read from the row's end, the first close
        // is the first open's.
        bool match = closes.size() == opens.size();
        for (size_t i = 0; match && i < opens.size(); ++i) match = closes[i] == opens[i];
        if (!match) continue;
        for (size_t i = 0; i < ts.size(); ++i)
            if (text[i] != Content(ts[i])) SetText(ts[i], text[i]);
        std::string before, after;
        for (const std::string& o : openTags) before += o;
        for (size_t i = opens.size(); i-- > 0;) after += "{{/" + opens[i] + "}}";
        xmlAddPrevSibling(c, xmlNewDocText(c->doc, reinterpret_cast<const xmlChar*>(before.c_str())));
        xmlNode* tail = xmlNewDocText(c->doc, reinterpret_cast<const xmlChar*>(after.c_str()));
        xmlAddNextSibling(c, tail);
        c = tail;
    }
}

// A paragraph that holds only section tags stands for them alone: what lies between the
// paragraphs that open and close a section (paragraphs, tables) is what repeats.
void LiftParagraphSections(xmlNode* n) {
    for (xmlNode* c = n->children; c;) {
        xmlNode* next = c->next;
        if (Is(c, "p")) {
            const std::vector<std::string> tags = OnlySectionTags(JoinedText(c));
            if (!tags.empty()) {
                std::string all;
                for (const auto& t : tags) all += t;
                xmlNode* text = xmlNewDocText(c->doc, reinterpret_cast<const xmlChar*>(all.c_str()));
                xmlAddPrevSibling(c, text);
                xmlUnlinkNode(c);
                xmlFreeNode(c);
            }
        } else if (c->type == XML_ELEMENT_NODE) {
            LiftParagraphSections(c);
        }
        c = next;
    }
}

void JoinAll(xmlNode* n, const std::string& file, const std::string& part) {
    for (xmlNode* c = n->children; c; c = c->next) {
        if (Is(c, "p")) JoinTags(c, file, part);
        else if (c->type == XML_ELEMENT_NODE) JoinAll(c, file, part);
    }
}

std::string XmlValue(const std::string& s) {
    std::string out;
    out.reserve(s.size() + 8);
    for (char c : s) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\r': break;
        // A line break of the user's is a line break in Word.
        case '\n': out += "</w:t><w:br/><w:t xml:space=\"preserve\">"; break;
        default:
            // Control characters are not allowed in XML 1.0.
            if (static_cast<unsigned char>(c) < 0x20 && c != '\t') break;
            out += c;
        }
    }
    return out;
}

struct XmlDoc {
    xmlDoc* doc = nullptr;
    ~XmlDoc() {
        if (doc) xmlFreeDoc(doc);
    }
};

std::string FillPart(const std::string& xml, const mu::data& data, const std::string& file, const std::string& part) {
    XmlDoc d;
    d.doc = xmlReadMemory(xml.data(), static_cast<int>(xml.size()), part.c_str(), nullptr, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!d.doc) throw DataError(file, 0, part, "", "is not well-formed XML");
    xmlNode* root = xmlDocGetRootElement(d.doc);
    if (!root) throw DataError(file, 0, part, "", "is empty");
    JoinAll(root, file, part);
    LiftRowSections(root);
    LiftParagraphSections(root);
    xmlChar* mem = nullptr;
    int size = 0;
    xmlDocDumpMemoryEnc(d.doc, &mem, &size, "UTF-8");
    std::string tmplText(reinterpret_cast<const char*>(mem), static_cast<size_t>(size));
    xmlFree(mem);
    mu::mustache tmpl{tmplText};
    if (!tmpl.is_valid()) throw DataError(file, 0, part, "", "template error: " + tmpl.error_message());
    tmpl.set_custom_escape(XmlValue);
    std::string out = tmpl.render(data);
    if (!tmpl.is_valid()) throw DataError(file, 0, part, "", "template error: " + tmpl.error_message());
    // A section that opens in one cell and closes in another, or spans part of a table, leaves
    // XML that no longer nests: said here, not found by Word.
    XmlDoc check;
    check.doc = xmlReadMemory(out.data(), static_cast<int>(out.size()), part.c_str(), nullptr,
                              XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!check.doc)
        throw DataError(file, 0, part, "", "a section ({{#…}} to {{/…}}) does not fit the document's structure: put its tags "
                                           "in paragraphs of their own, or in the first and last cell of one table row");
    return out;
}

bool IsFilledPart(const std::string& name) {
    if (name == "word/document.xml") return true;
    for (const char* prefix : {"word/header", "word/footer"})
        if (name.rfind(prefix, 0) == 0 && name.size() > 4 && name.compare(name.size() - 4, 4, ".xml") == 0) return true;
    return false;
}

struct Zip {
    zip_t* z = nullptr;
    ~Zip() {
        if (z) zip_discard(z);
    }
};
}  // namespace

std::string FillDocx(const std::string& templatePath, const mu::data& data) {
    int err = 0;
    Zip in;
    in.z = zip_open(templatePath.c_str(), ZIP_RDONLY, &err);
    if (!in.z) throw DataError(templatePath, 0, "", "", "is not a Word document (.docx): it cannot be opened as one");
    const zip_int64_t count = zip_get_num_entries(in.z, 0);
    if (zip_name_locate(in.z, "word/document.xml", 0) < 0)
        throw DataError(templatePath, 0, "", "", "is not a Word document (.docx): word/document.xml is missing");

    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &ze);
    if (!buffer) throw std::runtime_error("zip: out of memory");
    zip_source_keep(buffer);
    std::unique_ptr<zip_source_t, void (*)(zip_source_t*)> keep(buffer, zip_source_free);
    Zip out;
    out.z = zip_open_from_source(buffer, ZIP_TRUNCATE, &ze);
    if (!out.z) throw std::runtime_error(std::string("zip: ") + zip_error_strerror(&ze));

    for (zip_int64_t i = 0; i < count; ++i) {
        zip_stat_t st;
        zip_stat_init(&st);
        if (zip_stat_index(in.z, static_cast<zip_uint64_t>(i), 0, &st) != 0 || !(st.valid & ZIP_STAT_NAME))
            throw DataError(templatePath, 0, "", "", "a part of the document cannot be read");
        const std::string name = st.name;
        if (!name.empty() && name.back() == '/') {
            zip_dir_add(out.z, name.c_str(), ZIP_FL_ENC_UTF_8);
            continue;
        }
        if ((st.valid & ZIP_STAT_SIZE) && st.size > kMaxPart)
            throw DataError(templatePath, 0, name, "", "is larger than a Word document's part can be");
        zip_file_t* f = zip_fopen_index(in.z, static_cast<zip_uint64_t>(i), 0);
        if (!f) throw DataError(templatePath, 0, name, "", "cannot be read (damaged or encrypted)");
        std::string bytes;
        char chunk[65536];
        zip_int64_t got;
        while ((got = zip_fread(f, chunk, sizeof chunk)) > 0) {
            bytes.append(chunk, static_cast<size_t>(got));
            if (bytes.size() > kMaxPart) {
                zip_fclose(f);
                throw DataError(templatePath, 0, name, "", "is larger than a Word document's part can be");
            }
        }
        zip_fclose(f);
        if (got < 0) throw DataError(templatePath, 0, name, "", "cannot be read (damaged)");
        if (IsFilledPart(name)) bytes = FillPart(bytes, data, templatePath, name);
        void* copy = std::malloc(bytes.size() ? bytes.size() : 1);
        if (!copy) throw std::runtime_error("out of memory");
        std::memcpy(copy, bytes.data(), bytes.size());
        zip_source_t* src = zip_source_buffer(out.z, copy, bytes.size(), 1);
        if (!src) {
            std::free(copy);
            throw std::runtime_error("zip: out of memory");
        }
        if (zip_file_add(out.z, name.c_str(), src, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE) < 0) {
            zip_source_free(src);
            throw std::runtime_error(std::string("zip: ") + zip_strerror(out.z));
        }
    }
    if (zip_close(out.z) != 0) throw std::runtime_error(std::string("zip: ") + zip_strerror(out.z));
    out.z = nullptr;

    std::string result;
    if (zip_source_open(buffer) != 0) throw std::runtime_error("zip: cannot read the new document");
    char chunk[65536];
    zip_int64_t got;
    while ((got = zip_source_read(buffer, chunk, sizeof chunk)) > 0) result.append(chunk, static_cast<size_t>(got));
    zip_source_close(buffer);
    return result;
}

}  // namespace stegvis
