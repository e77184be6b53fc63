// Plain-text renderings for the command line: catalog, phases and project status as CSV,
// JSON or text. (Progress reports with templates come with the report module.)
#pragma once
#include <string>

#include "reference/Catalog.hpp"
#include "domain/Model.hpp"
#include "domain/Editions.hpp"
#include "reference/Phases.hpp"

namespace stegvis {

std::string CatalogCsv(const Catalog& cat);
std::string CatalogJson(const Catalog& cat);
std::string PhasesCsv(const Manual& manual);
std::string PhasesJson(const Manual& manual);
std::string StatusText(const ProjectModel& model, const Manual& manual, const std::string& path);
std::string StatusJson(const ProjectModel& model, const Manual& manual, const std::string& path);

// What moving the project from its catalog to a newer one would bring (domain/Editions.hpp):
// new, changed and withdrawn rows, and which of them the project holds data on.
std::string EditionText(const ProjectModel& model, const Catalog& current, const Catalog& newer);
std::string EditionJson(const ProjectModel& model, const Catalog& current, const Catalog& newer);

// Spreadsheet-ready CSV (Swedish Excel: UTF-8 with BOM, ';' between fields, decimal comma;
// a cell that starts like a formula is neutralised).
std::string InventoryCsv(const ProjectModel& model, const Catalog& catalog);
std::string MeasuresCsv(const ProjectModel& model);

// Steps 8-15 are followed per initiative; the project's state of such a step is the furthest
// any initiative has come (done > in progress > not started).
StepProgress FurthestState(const ProjectModel& m, int step);

// The document format a file name's ending says ("rapport.PDF" -> "pdf"; .htm -> "html",
// .markdown -> "md"), or "" when the ending is none of md, html, pdf, docx, xlsx, csv, json.
std::string DocumentFormatOfName(const std::string& path);

// Swedish label for a step status ("ej påbörjat", "pågår", "klart").
const char* StepStatusSv(StepStatus s);
const char* OwnerSv(Owner o);  // "chef" / "implementeringsteam"

}  // namespace stegvis
