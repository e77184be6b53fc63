// Word documents (.docx) filled from templates that are themselves .docx files, so that a
// municipality can put its letterhead and wording in Word and Stegvis fills in the rest.
//
// The template's text holds mustache tags as the Markdown templates do: {{name}} for a value,
// {{#list}} … {{/list}} for a section repeated per item (or shown when true), {{^x}} … {{/x}} for
// what shows when x is empty or false. A section tag alone in a paragraph repeats the paragraphs
// and tables between; a section that opens in a table row's first cell and closes in its last
// repeats the row. Word often splits what was typed as one tag over several runs ("{{pro" +
// "ject}}"); those are joined first. The document's body, headers and footers are filled.
#pragma once
#include <string>

#include <kainjow/mustache.hpp>

namespace stegvis {

// The filled document's bytes. Throws DataError naming the template (and the part of it) when it
// is not a .docx, when a tag is broken, or when its sections do not nest with the paragraphs and
// rows they are in.
std::string FillDocx(const std::string& templatePath, const kainjow::mustache::data& data);

}  // namespace stegvis
