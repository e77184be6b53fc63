#include "output/Xlsx.hpp"

#include <xlsxwriter.h>

#include <cstdio>
#include <stdexcept>

#include "output/Export.hpp"
#include "domain/Inventory.hpp"
#include "domain/Measures.hpp"
#include "domain/Readiness.hpp"
#include "domain/Records.hpp"
#include "domain/StepPicture.hpp"
#include "base/Files.hpp"
#include "base/Text.hpp"

namespace stegvis {

namespace {

// Excel keeps at most 32,767 characters in a cell (libxlsxwriter counts bytes); a longer text is
// cut at a character boundary with a marker the reader sees, never dropped.
constexpr size_t kMaxCellBytes = 32767;
const char kCutMarker[] = " […avkortad, se Stegvis]";
constexpr size_t kWrapBytes = 60;  // longer texts wrap in their cell

// A workbook written in a private folder beside the target and moved into place when closed
// without error, so no half-written book and no link planted at a guessable name.
class Book {
public:
    explicit Book(std::string path) : m_path(std::move(path)), m_dir(m_path), m_tmp(m_dir.File("book.xlsx")) {
        m_wb = workbook_new(m_tmp.c_str());
        if (!m_wb) throw std::runtime_error(m_path + ": cannot write");
        m_bold = workbook_add_format(m_wb);
        format_set_bold(m_bold);
        format_set_bg_color(m_bold, 0xF0F0EE);
        m_date = workbook_add_format(m_wb);
        format_set_num_format(m_date, "yyyy-mm-dd");
        m_wrap = workbook_add_format(m_wb);
        format_set_text_wrap(m_wrap);
        format_set_align(m_wrap, LXW_ALIGN_VERTICAL_TOP);
        // Numbers rounded as a reader wants them; Excel shows the decimal point as a comma in
        // a Swedish Excel.
        m_whole = workbook_add_format(m_wb);
        format_set_num_format(m_whole, "0");
        m_decimal = workbook_add_format(m_wb);
        format_set_num_format(m_decimal, "0.0");
    }
    ~Book() {
        if (m_wb) workbook_close(m_wb);  // an unfinished book is discarded with the private folder
    }
    Book(const Book&) = delete;
    Book& operator=(const Book&) = delete;

    struct Sheet {
        Book* book;
        lxw_worksheet* ws;
        size_t index = 0;  // in Book::m_sheets
        lxw_row_t row = 0;
        lxw_col_t col = 0;
        void Next() {
            ++row;
            col = 0;
            book->m_sheets[index].rows = row;
        }
        void Text(const std::string& s) {
            if (s.size() > kMaxCellBytes) {
                size_t keep = kMaxCellBytes - (sizeof kCutMarker - 1);
                while (keep > 0 && (static_cast<unsigned char>(s[keep]) & 0xC0) == 0x80) --keep;  // not inside a character
                const std::string cut = s.substr(0, keep) + kCutMarker;
                worksheet_write_string(ws, row, col, cut.c_str(), nullptr);
                ++book->m_cut;
            } else if (!s.empty()) {
                // A long text wraps inside its column instead of running across the page.
                worksheet_write_string(ws, row, col, s.c_str(), s.size() > kWrapBytes ? book->m_wrap : nullptr);
            }
            ++col;
        }
        // A text in one of the book's fills (a gap's colour).
        void Filled(const std::string& s, lxw_format* fill) {
            if (!s.empty() || fill) worksheet_write_string(ws, row, col, s.c_str(), fill);
            ++col;
        }
        void Number(double v) {
            const bool whole = v == static_cast<double>(static_cast<long long>(v));
            worksheet_write_number(ws, row, col++, v, whole ? book->m_whole : book->m_decimal);
        }
        void OptNumber(const std::optional<double>& v) {
            if (v) Number(*v);
            else ++col;
        }
        void Date(const std::string& iso) {
            if (IsIsoDate(iso)) {
                lxw_datetime dt{std::stoi(iso.substr(0, 4)), std::stoi(iso.substr(5, 2)), std::stoi(iso.substr(8, 2)), 0, 0, 0};
                worksheet_write_datetime(ws, row, col, &dt, book->m_date);
            } else if (!iso.empty()) {
                worksheet_write_string(ws, row, col, iso.c_str(), nullptr);
            }
            ++col;
        }
    };

    // A sheet with bold, frozen headers and column widths in characters, that prints as a
    // reader expects: A4 landscape, as wide as one page, the header row on every page, and a
    // filter on its columns (set when the book is closed, over the rows written).
    Sheet Add(const char* name, const std::vector<std::pair<const char*, double>>& columns) {
        lxw_worksheet* ws = workbook_add_worksheet(m_wb, name);
        for (lxw_col_t c = 0; c < columns.size(); ++c) {
            worksheet_write_string(ws, 0, c, columns[c].first, m_bold);
            worksheet_set_column(ws, c, c, columns[c].second, nullptr);
        }
        worksheet_freeze_panes(ws, 1, 0);
        worksheet_set_paper(ws, 9);  // A4
        worksheet_set_landscape(ws);
        worksheet_fit_to_pages(ws, 1, 0);
        worksheet_repeat_rows(ws, 0, 0);
        worksheet_set_footer(ws, "&CSida &P av &N");
        m_sheets.push_back({ws, static_cast<lxw_col_t>(columns.size()), 0});
        Sheet s{this, ws, m_sheets.size() - 1};
        s.Next();
        return s;
    }

    void Close(IfExists ifExists = IfExists::Replace) {
        for (const SheetInfo& info : m_sheets)
            if (info.rows > 1 && info.cols > 0) worksheet_autofilter(info.ws, 0, 0, info.rows - 1, info.cols - 1);
        lxw_error err = workbook_close(m_wb);
        m_wb = nullptr;
        if (err != LXW_NO_ERROR) throw std::runtime_error(m_path + ": kunde inte skrivas (" + lxw_strerror(err) + ")");
        SyncFile(m_tmp);
        MoveIntoPlace(m_tmp, m_path, ifExists);
    }
    int CutCells() const { return m_cut; }
    lxw_workbook* Workbook() { return m_wb; }
    // The fills of the county overview's gaps, as in its HTML: red for a large gap, yellow for a small.
    lxw_format* LargeGap() {
        if (!m_largeGap) {
            m_largeGap = workbook_add_format(m_wb);
            format_set_bg_color(m_largeGap, 0xF8C9C4);
        }
        return m_largeGap;
    }
    lxw_format* SmallGap() {
        if (!m_smallGap) {
            m_smallGap = workbook_add_format(m_wb);
            format_set_bg_color(m_smallGap, 0xFBEFB5);
        }
        return m_smallGap;
    }

private:
    std::string m_path;
    PrivateTempDir m_dir;
    std::string m_tmp;
    int m_cut = 0;
    lxw_workbook* m_wb = nullptr;
    lxw_format* m_bold = nullptr;
    lxw_format* m_date = nullptr;
    lxw_format* m_wrap = nullptr;
    lxw_format* m_whole = nullptr;
    lxw_format* m_decimal = nullptr;
    lxw_format* m_largeGap = nullptr;
    lxw_format* m_smallGap = nullptr;
    struct SheetInfo {
        lxw_worksheet* ws;
        lxw_col_t cols;
        lxw_row_t rows;  // the header and the data rows written so far
    };
    std::vector<SheetInfo> m_sheets;
};

}  // namespace

int WriteProjectXlsx(const std::string& path, const ProjectModel& m, const Catalog& catalog, const Manual& manual,
                     const std::vector<Instrument>& instruments, const std::string& today, IfExists ifExists) {
    Book book(path);
    auto initiatives = Records(m, "initiative");
    {
        auto s = book.Add("Steg", {{"Steg", 6}, {"Fas", 5}, {"Titel", 48}, {"Ansvar", 18}, {"Införande", 26}, {"Status", 12},
                                   {"Start", 11}, {"Klart", 11}, {"Checklista", 10}});
        for (const Step& st : manual.steps) {
            auto row = [&](const std::string& who, const StepProgress& sp) {
                s.Number(st.number);
                s.Number(st.phase);
                s.Text(st.title.sv);
                s.Text(OwnerSv(st.owner));
                s.Text(who);
                s.Text(StepStatusSv(sp.status));
                s.Date(sp.startedOn);
                s.Date(sp.doneOn);
                s.Text(std::to_string(sp.ticked.size()) + "/" + std::to_string(st.checklist.size()));
                s.Next();
            };
            if (StepIsPerInitiative(st.number) && !initiatives.empty())
                for (const Record* init : initiatives) row(init->Get("name"), ShownState(m, st.number, init->id));
            else
                row("", ShownState(m, st.number, 0));
        }
    }
    {
        auto s = book.Add("Beslut", {{"Datum", 11}, {"Steg", 6}, {"Beslut", 50}, {"Motivering", 50}, {"Deltagare", 30},
                                     {"Rekommendationer", 18}, {"Åtgärd — tillstånd", 50}, {"Återkallat", 10}});
        for (const Decision& d : m.decisions) {
            s.Date(d.decidedOn);
            s.Number(d.step);
            s.Text(d.title);
            s.Text(d.rationale);
            s.Text(d.participants);
            std::string recs, named;
            for (const auto& r : d.recommendations) {
                recs += (recs.empty() ? "" : ", ") + r;
                const Recommendation* rec = catalog.Find(r);
                named += (named.empty() ? "" : "; ") + r + (rec ? " " + InterventionWithCondition(*rec) : std::string());
            }
            s.Text(recs);
            s.Text(named);
            s.Text(d.withdrawn ? "ja" : "");
            s.Next();
        }
    }
    {
        auto s = book.Add("Behovsinventering", {{"ID", 7}, {"Område", 24}, {"Tillstånd", 28}, {"Åtgärd", 40}, {"Prio", 6},
                                                {"Nivå", 10}, {"Erbjuds idag", 14}, {"Utförare", 24}, {"Behöver/år", 11},
                                                {"Får idag", 10}, {"Utbildade", 10}, {"Glapp", 8}, {"Kommentar", 40}});
        for (const auto& r : catalog.recommendations) {
            static const InventoryRow kEmpty;
            const InventoryRow* row = m.Inventory(r.id);
            const InventoryRow& x = row ? *row : kEmpty;
            s.Text(r.id);
            s.Text(r.area);
            s.Text(r.condition);
            s.Text(r.intervention);
            if (r.priority.kind == PriorityKind::Number) s.Number(r.priority.number);
            else s.Text(r.priority.ToString());
            s.Text(LevelText(r.level));
            s.Text(InvFieldDisplay(x, InvField::Offered));
            s.Text(InvFieldDisplay(x, InvField::Provider));
            s.OptNumber(x.volume ? std::optional<double>(*x.volume) : std::nullopt);
            s.OptNumber(x.reached ? std::optional<double>(*x.reached) : std::nullopt);
            s.OptNumber(x.staffTrained ? std::optional<double>(*x.staffTrained) : std::nullopt);
            s.Text(InvFieldDisplay(x, InvField::Gap));
            s.Text(x.comment);
            s.Next();
        }
    }
    {
        auto s = book.Add("Prioriteringar", {{"Ordning", 8}, {"ID", 7}, {"Åtgärd", 40}, {"Tillstånd", 40}, {"Nivå", 6}, {"Glapp", 6}, {"Volym", 6},
                                             {"Genomförbarhet", 14}, {"Poäng", 7}, {"Vald", 6}});
        int n = 0;
        for (const Recommendation* r : PriorityCandidates(m, catalog)) {
            auto pe = m.priorities.find(r->id);
            const PriorityEntry* e = pe == m.priorities.end() ? nullptr : &pe->second;
            ScoreTerms t = Score(*r, m.Inventory(r->id), e);
            s.Number(++n);
            s.Text(r->id);
            s.Text(r->intervention);
            s.Text(r->condition);
            s.Number(t.guideline);
            s.Number(t.gap);
            s.Number(t.volume);
            s.Number(t.feasibility);
            s.Number(t.Total());
            s.Text(e && e->selected ? "ja" : "");
            s.Next();
        }
    }
    {
        auto s = book.Add("Beredskap", {{"Omgång", 20}, {"Datum", 11}, {"Formulär", 30}, {"Delskala", 36}, {"Svarande", 9},
                                        {"Medel", 8}, {"SD", 8}});
        for (const ReadinessRound& round : m.rounds) {
            const Instrument* ins = nullptr;
            for (const auto& i : instruments)
                if (i.id == round.instrument) ins = &i;
            if (!ins) continue;
            ReadinessStats st = ComputeReadiness(*ins, ToGrid(round, *ins));
            for (size_t k = 0; k < st.subscales.size(); ++k) {
                s.Text(round.name);
                s.Date(round.heldOn);
                s.Text(ins->name.sv);
                s.Text(ins->subscales[k].name.sv);
                s.Number(st.subscales[k].n);
                s.Number(st.subscales[k].mean);
                s.Number(st.subscales[k].sd);
                s.Next();
            }
        }
    }
    {
        auto s = book.Add("Plan", {{"Införande", 26}, {"Slag", 12}, {"Vad", 40}, {"Ansvarig", 20}, {"Start", 11}, {"Klart senast", 11},
                                   {"Status", 10}, {"Försenad", 9}});
        for (const Record* init : initiatives)
            for (const Record* a : Records(m, "activity", init->id)) {
                s.Text(init->Get("name"));
                s.Text(OptionLabel(ActivityKinds(), a->Get("kind"), false));
                s.Text(a->Get("what"));
                s.Text(MemberName(m, a->Get("responsible")));
                s.Date(a->Get("start_on"));
                s.Date(a->Get("due_on"));
                s.Text(OptionLabel(ActivityStatuses(), a->Get("status"), false));
                s.Text(IsOverdue(*a, today) ? "ja" : "");
                s.Next();
            }
    }
    {
        auto s = book.Add("Mått", {{"Införande", 26}, {"Mått", 44}, {"Enhet", 8}, {"Period", 11}, {"Täljare/värde", 12},
                                   {"Nämnare", 10}, {"Värde", 10}, {"Anteckning", 30}});
        for (const Record* init : initiatives)
            for (const Record* measure : Records(m, "measure", init->id))
                for (const MeasurePoint& p : PointsOf(m, measure->id)) {
                    s.Text(init->Get("name"));
                    s.Text(measure->Get("name"));
                    s.Text(measure->Get("unit"));
                    s.Date(p.period);
                    s.Number(p.numerator);
                    s.OptNumber(p.denominator);
                    s.OptNumber(p.Value());
                    s.Text(p.note);
                    s.Next();
                }
    }
    // The plan's records, a sheet each, with the columns the screens have (the field registry's
    // labels), per initiative where they belong to one.
    auto recordSheet = [&](const char* sheet, const char* kind) {
        const RecordKind* rk = FindRecordKind(kind);
        if (!rk) return;
        std::vector<std::pair<const char*, double>> cols;
        if (rk->perInitiative) cols.push_back({"Införande", 26});
        for (const FieldSpec& f : rk->fields)
            cols.push_back({f.sv, f.type == FieldType::Text || f.type == FieldType::RequiredText ? 36.0
                                  : f.type == FieldType::Date                                 ? 11.0
                                                                                               : 16.0});
        auto s = book.Add(sheet, cols);
        auto row = [&](const Record& r, const std::string& initiative) {
            if (rk->perInitiative) s.Text(initiative);
            for (const FieldSpec& f : rk->fields) {
                const std::string& v = r.Get(f.name);
                switch (f.type) {
                    case FieldType::Enum: s.Text(f.options ? OptionLabel(*f.options, v, false) : v); break;
                    case FieldType::Choices: s.Text(f.options ? ChoicesLabel(*f.options, v, false) : v); break;
                    case FieldType::Member:
                    case FieldType::RequiredMember: s.Text(MemberName(m, v)); break;
                    case FieldType::Date: s.Date(v); break;
                    case FieldType::Number:
                    case FieldType::Count:
                        if (v.empty()) s.Text("");
                        else s.Number(std::strtod(v.c_str(), nullptr));
                        break;
                    default: s.Text(v); break;
                }
            }
            s.Next();
        };
        if (rk->perInitiative) {
            for (const Record* init : initiatives)
                for (const Record* r : Records(m, kind, init->id)) row(*r, init->Get("name"));
        } else {
            for (const Record* r : Records(m, kind)) row(*r, "");
        }
    };
    recordSheet("Team", "member");
    recordSheet("Mål", "goal");
    recordSheet("Resurser", "resource");
    recordSheet("Utbildning", "training");
    recordSheet("PDSA", "pdsa");
    recordSheet("Spridning", "rollout");
    // What each measure's chart says, part by part (the progress summary's table), and the
    // chart itself as an Excel line chart beside its data, so it can be copied into a document.
    std::vector<std::pair<const Record*, Chart>> charts;
    for (const Record* init : initiatives)
        for (const Record* mr : Records(m, "measure", init->id))
            charts.emplace_back(mr, BuildChart(m, *mr, init->Get("full_scale_from")));
    {
        auto s = book.Add("Analys", {{"Införande", 26}, {"Mått", 40}, {"Diagram", 22}, {"Del", 30}, {"Från", 11},
                                     {"Användbara punkter", 10}, {"Mittlinje", 10}, {"Längsta serie", 10},
                                     {"Gräns serie", 10}, {"Korsningar", 10}, {"Minst korsningar", 10}, {"Signal", 30},
                                     {"Riktning", 14}});
        for (const auto& [mr, chart] : charts) {
            const Record* init = FindRecord(m, "initiative", mr->initiative);
            for (const ChartPart& part : chart.parts) {
                if (!part.analysed) continue;
                s.Text(init ? init->Get("name") : "");
                s.Text(mr->Get("name"));
                s.Text(chart.control ? OptionLabel(ChartKinds(), ChartKindKey(chart.control->kind), false)
                                     : OptionLabel(ChartKinds(), "run", false));
                s.Text(part.label);
                s.Date(part.from);
                s.Number(part.analysis.nUseful);
                s.Number(part.analysis.centre);
                s.Number(part.analysis.longestRun);
                s.OptNumber(part.analysis.longestRunMax ? std::optional<double>(*part.analysis.longestRunMax) : std::nullopt);
                s.Number(part.analysis.crossings);
                s.OptNumber(part.analysis.crossingsMin ? std::optional<double>(*part.analysis.crossingsMin) : std::nullopt);
                s.Text(part.analysis.signal ? (part.sigmaSignal ? "signal; punkt utanför styrgränserna" : "signal")
                       : part.sigmaSignal   ? "punkt utanför styrgränserna"
                                            : "ingen signal");
                s.Text(part.verdict > 0 ? "förbättring" : part.verdict < 0 ? "försämring" : "");
                s.Next();
            }
        }
    }
    {
        auto s = book.Add("Diagram", {{"Mått", 36}, {"Period", 11}, {"Värde", 10}, {"Mittlinje", 10}});
        const lxw_row_t kChartRows = 16;  // the height a chart takes, in rows
        std::vector<lxw_row_t> breaks;    // each measure starts a printed page
        for (const auto& [mr, chart] : charts) {
            if (chart.periods.empty()) continue;
            const lxw_row_t first = s.row;
            if (first > 1) breaks.push_back(first);
            const std::optional<double> centre =
                chart.control ? std::optional<double>(chart.control->centre) : chart.centre;
            for (size_t i = 0; i < chart.periods.size(); ++i) {
                s.Text(mr->Get("name"));
                s.Text(chart.periods[i]);  // as text: the chart's axis reads YYYY-MM-DD in every program
                s.OptNumber(chart.values[i]);
                s.OptNumber(centre);
                s.Next();
            }
            const lxw_row_t last = s.row - 1;
            lxw_chart* c = workbook_add_chart(book.Workbook(), LXW_CHART_LINE);
            lxw_chart_series* values = chart_add_series(c, nullptr, nullptr);
            chart_series_set_categories(values, "Diagram", first, 1, last, 1);
            chart_series_set_values(values, "Diagram", first, 2, last, 2);
            chart_series_set_name(values, "Värde");
            chart_series_set_marker_type(values, LXW_CHART_MARKER_CIRCLE);
            if (centre) {
                lxw_chart_series* mid = chart_add_series(c, nullptr, nullptr);
                chart_series_set_categories(mid, "Diagram", first, 1, last, 1);
                chart_series_set_values(mid, "Diagram", first, 3, last, 3);
                chart_series_set_name(mid, chart.control ? "Medelvärde (baslinjen)" : "Median (baslinjen)");
            }
            chart_title_set_name(c, mr->Get("name").c_str());
            chart_legend_set_position(c, LXW_CHART_LEGEND_BOTTOM);
            chart_show_blanks_as(c, LXW_CHART_BLANKS_AS_GAP);
            lxw_chart_options where{};
            where.x_scale = 1.3;
            worksheet_insert_chart_opt(s.ws, first, 5, c, &where);
            // The next measure's data starts below this chart.
            while (s.row < first + kChartRows) s.Next();
        }
        if (!breaks.empty()) {
            breaks.push_back(0);  // the list's end
            worksheet_set_h_pagebreaks(s.ws, breaks.data());
        }
    }
    book.Close(ifExists);
    return book.CutCells();
}

int WriteRollupXlsx(const std::string& path, const Rollup& r, const Catalog& catalog, const Manual& manual,
                    IfExists ifExists) {
    Book book(path);
    const size_t fingerprint = CatalogFingerprint(catalog.recommendations);
    {
        std::vector<std::pair<const char*, double>> cols = {
            {"Enhet", 26}, {"Typ", 8}, {"Senast ändrad", 12}, {"Fil", 36}, {"Katalog", 30}, {"Stora glapp", 10}};
        static std::vector<std::string> heads;
        heads.clear();
        for (const Step& st : manual.steps) heads.push_back("Steg " + std::to_string(st.number));
        for (const auto& h : heads) cols.push_back({h.c_str(), 12});
        auto s = book.Add("Enheter", cols);
        for (const auto& u : r.units) {
            s.Text(u.model.project.organisation);
            s.Text(OrgKindKey(u.model.project.kind));
            s.Date(u.lastChange);
            s.Text(u.input);
            // A unit not moved to this catalog answered another's wording (Rollup.hpp).
            s.Text(UnitOnOtherCatalog(u, fingerprint) ? "annan: utgåva " + u.catalogEdition + ", inte flyttad till den här"
                                                      : "samma som översikten");
            int large = 0;
            for (const Recommendation& rec : catalog.recommendations)
                if (const InventoryRow* row = u.model.Inventory(rec.id))
                    large += row->gap == "stor" && row->offered != "ej_aktuellt";
            s.Number(large);
            for (const Step& st : manual.steps) s.Text(StepStatusSv(FurthestState(u.model, st.number).status));
            s.Next();
        }
    }
    {
        std::vector<std::pair<const char*, double>> cols = {{"ID", 7}, {"Åtgärd", 40}, {"Tillstånd", 40}, {"Nivå", 14}};
        for (const auto& u : r.units) cols.push_back({u.model.project.organisation.c_str(), 16});
        cols.push_back({"Enheter med stort glapp", 12});
        auto s = book.Add("Erbjudande", cols);
        for (const Recommendation& rec : catalog.recommendations) {
            s.Text(rec.id);
            s.Text(rec.intervention);
            s.Text(rec.condition);
            s.Text(LevelWithPriority(rec));
            int large = 0;
            for (const auto& u : r.units) {
                const InventoryRow* row = u.model.Inventory(rec.id);
                std::string cell = row ? InvFieldDisplay(*row, InvField::Offered) : "";
                const std::string gap = row && row->offered != "ej_aktuellt" ? row->gap : "";
                if (!gap.empty()) cell += " (glapp: " + InvFieldDisplay(*row, InvField::Gap) + ")";
                large += gap == "stor";
                s.Filled(cell, gap == "stor" ? book.LargeGap() : gap == "liten" ? book.SmallGap() : nullptr);
            }
            s.Number(large);
            s.Next();
        }
    }
    {
        auto s = book.Add("Införanden", {{"Enhet", 26}, {"Införande", 30}, {"Rekommendation", 14},
                                         {"Åtgärd — tillstånd", 50}, {"Steg 8-15 klara", 14},
                                         {"Mått och signaler", 60}});
        for (const RollupInitiative& init : r.initiatives) {
            s.Text(r.units[init.unit].model.project.organisation);
            s.Text(init.name);
            s.Text(init.recId);
            const Recommendation* rec = catalog.Find(init.recId);
            s.Text(rec ? InterventionWithCondition(*rec) : std::string());
            s.Number(init.stepsDone);
            s.Text(init.signals);
            s.Next();
        }
    }
    if (!r.skipped.empty()) {
        auto s = book.Add("Ej inlästa", {{"Fil", 40}, {"Orsak", 60}});
        for (const auto& k : r.skipped) {
            s.Text(k.input);
            s.Text(k.why);
            s.Next();
        }
    }
    book.Close(ifExists);
    return book.CutCells();
}

}  // namespace stegvis
