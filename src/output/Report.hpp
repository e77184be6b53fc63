// Documents rendered from a project through mustache templates (templates/NAME.FORMAT.mustache).
#pragma once
#include <string>
#include <vector>

#include "reference/Catalog.hpp"
#include "reference/Instruments.hpp"
#include "domain/Model.hpp"
#include "reference/Phases.hpp"
#include "base/Text.hpp"  // HtmlEscape

namespace stegvis {

// Step 5: the case for change, built from steps 2-4.
struct CaseGap {
    std::string id, area, condition, intervention, level, gap;
    int volume = -1;  // -1 = not estimated
};
struct CaseReadiness {
    std::string round, heldOn, instrument;
    int respondents = 0;
    struct Sub {
        std::string name;
        double mean = 0, sd = 0;
        int n = 0;
    };
    std::vector<Sub> subscales;
    std::vector<std::string> weakest;  // item texts
};
struct CaseForChange {
    std::string project, organisation, date;
    int assessed = 0, total = 0;
    int offeredYes = 0, offeredPartly = 0, offeredNo = 0, offeredUnknown = 0, notRelevant = 0;
    int largeGaps = 0, smallGaps = 0;
    int peopleWithLargeGap = 0;  // people/year in the target groups of large-gap recommendations
    std::vector<CaseGap> borLargeGaps;
    std::vector<CaseGap> chosen;  // the recommendations selected in step 3
    bool hasDecision = false;
    Decision decision;            // the latest step-3 decision in force
    bool hasReadiness = false;
    CaseReadiness readiness;      // the latest round with answers
};
CaseForChange BuildCaseForChange(const ProjectModel& model, const Catalog& catalog,
                                 const std::vector<Instrument>& instruments, const std::string& today);

// Finds a template: a path (contains '/' or ends in .mustache or .docx) as given, else
// templates/NAME.FORMAT.mustache (templates/NAME.docx for docx) in the program's folder. Throws
// DataError when missing.
std::string ResolveTemplate(const std::string& nameOrPath, const std::string& format);
// Renders the case for change as "md" or "html". Throws DataError naming the template file and
// line when the template is broken.
std::string RenderCaseForChange(const CaseForChange& c, const std::string& format, const std::string& templatePath);

// The progress summary for the board, the staff and the county: every phase and step (per
// initiative from step 8), the decisions, needs and gaps, priorities, readiness, and per
// initiative the team's plan, missing resources, overdue activities and run-chart signals.
// A Word document from a .docx template (templates/NAME.docx, or a path) filled with what the
// progress summary's templates see (output/Docx.hpp says how its tags work).
std::string RenderDocx(const ProjectModel& model, const Catalog& catalog, const Manual& manual,
                       const std::vector<Instrument>& instruments, const std::string& today, const std::string& templatePath);

std::string RenderProgress(const ProjectModel& model, const Catalog& catalog, const Manual& manual,
                           const std::vector<Instrument>& instruments, const std::string& today,
                           const std::string& format, const std::string& templatePath);


}  // namespace stegvis

#include <kainjow/mustache.hpp>

namespace stegvis {
// Renders any template with prepared data (used by the roll-up).
std::string RenderData(const std::string& templatePath, const std::string& format, const kainjow::mustache::data& d);
// The same from the template's text; `templatePath` names it in errors. A partial {{> NAME}} is read
// from NAME.FORMAT.mustache beside `templatePath` or in the program's templates/ folder and from
// nowhere else: a path, a link leading out, a partial that includes itself or nesting deeper than
// 64 levels is refused with a DataError.
std::string RenderTemplateText(const std::string& text, const std::string& templatePath, const std::string& format,
                               const kainjow::mustache::data& d);
// What the progress summary's templates (and plan, local agreement) see of a project.
kainjow::mustache::data ProgressData(const ProjectModel& model, const Catalog& catalog, const Manual& manual,
                                     const std::vector<Instrument>& instruments, const std::string& today,
                                     const std::string& format, int boardItems = 3);

}  // namespace stegvis
