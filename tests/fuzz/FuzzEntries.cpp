#include "FuzzEntries.hpp"

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>

#include <stdexcept>

#include "store/Backup.hpp"
#include "reference/Catalog.hpp"
#include "edit/Demo.hpp"
#include "reference/Instruments.hpp"
#include "domain/Measures.hpp"
#include "base/Paths.hpp"
#include "reference/Phases.hpp"
#include "domain/Records.hpp"
#include "output/Rollup.hpp"
#include "domain/RunChart.hpp"
#include "output/Export.hpp"
#include "output/Report.hpp"
#include "store/Store.hpp"
#include "base/Text.hpp"

namespace stegvis::fuzz {

namespace {

// A refusal has to say what is wrong: an empty message is a bug like a crash.
Outcome Refused(const std::exception& e) {
    if (std::string(e.what()).empty()) throw std::logic_error("the input was refused with an empty message");
    return {true, e.what()};
}

template <class F>
Outcome Guard(F&& f) {
    try {
        f();
        return {};
    } catch (const DataError& e) {
        return Refused(e);
    }
}

void RemoveProject(const std::string& path) {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
        ::unlink((path + suffix).c_str());
        ::unlink((path + ".importing" + suffix).c_str());
    }
}

// A private folder for the files an input makes, on tmpfs when there is one; removed at exit.
class Scratch {
public:
    Scratch() {
        std::string base = PathExists("/dev/shm") ? "/dev/shm" : "/tmp";
        std::string name = base + "/stegvis-fuzz-XXXXXX";
        if (!::mkdtemp(name.data())) throw std::runtime_error("cannot make a scratch folder in " + base);
        m_path = name;
    }
    ~Scratch() { ::rmdir(m_path.c_str()); }
    Scratch(const Scratch&) = delete;
    Scratch& operator=(const Scratch&) = delete;
    const std::string& Path() const { return m_path; }

private:
    std::string m_path;
};

const Scratch& TheScratch() {
    static const Scratch s;
    return s;
}

// A new file per input, gone again afterwards whatever happened.
class ImportTarget {
public:
    ImportTarget() {
        static unsigned n = 0;
        m_path = TheScratch().Path() + "/import-" + std::to_string(++n) + ".stegvis";
        RemoveProject(m_path);
    }
    ~ImportTarget() { RemoveProject(m_path); }
    ImportTarget(const ImportTarget&) = delete;
    ImportTarget& operator=(const ImportTarget&) = delete;
    const std::string& Path() const { return m_path; }

private:
    std::string m_path;
};

// What the window and the commands do with a project they opened: the model, every measure's
// chart, the status and the progress summary. An input that gets this far must get through it.
void UseLikeTheWindow(const ProjectModel& model) {
    static const Manual manual = LoadManual(PhasesPath());
    static const Catalog catalog = LoadCatalog(CatalogPath());
    static const std::vector<Instrument> instruments = LoadInstruments(InstrumentsDir());
    for (const Record* init : Records(model, "initiative"))
        for (const Record* measure : Records(model, "measure", init->id)) BuildChart(model, *measure, init->Get("full_scale_from"));
    StatusJson(model, manual, "p.stegvis");
    RenderProgress(model, catalog, manual, instruments, "2026-11-29", "md", ResolveTemplate("progress", "md"));
}

// Nothing but the scratch folder's own files: a refused import leaves no working folder behind.
void CheckNoLeftovers() {
    if (DIR* d = ::opendir(TheScratch().Path().c_str())) {
        while (dirent* e = ::readdir(d)) {
            std::string n = e->d_name;
            if (n != "." && n != ".." && n.rfind(".import-", 0) == 0) {
                ::closedir(d);
                throw std::logic_error("an import left its working folder behind: " + n);
            }
        }
        ::closedir(d);
    }
}

Outcome Backup(const std::string& input) {
    ImportTarget target;
    try {
        ImportBackup(input, "backup.json", target.Path());
    } catch (const DataError& e) {
        if (PathExists(target.Path())) throw std::logic_error("a refused import left a file behind");
        CheckNoLeftovers();
        return Refused(e);
    } catch (const OpenError& e) {
        return Refused(e);
    }
    // What the import accepts is a project like any other: it opens, loads and can be used, so it
    // can never crash the window that reopens it at every start.
    UseLikeTheWindow(Store::Open(target.Path()).Load());
    return {};
}

// The input is a whole file opened as a project: read-only as status and report do, and as one
// unit of a county roll-up. A refusal names the problem; anything accepted can be used.
Outcome ProjectFile(const std::string& input) {
    ImportTarget file;
    {
        std::FILE* f = std::fopen(file.Path().c_str(), "wb");
        if (!f) throw std::runtime_error("cannot write " + file.Path());
        std::fwrite(input.data(), 1, input.size(), f);
        std::fclose(f);
    }
    Outcome outcome;
    try {
        UseLikeTheWindow(Store::OpenReadOnly(file.Path(), 2.0).Load());
    } catch (const OpenError& e) {
        outcome = Refused(e);
    }
    const std::string work = TheScratch().Path() + "/rollup";
    ::mkdir(work.c_str(), 0700);
    Rollup r = LoadRollup({file.Path()}, work);
    RemoveProject(work + "/unit-1.stegvis");
    ::rmdir(work.c_str());
    if (r.units.size() + r.skipped.size() != 1) throw std::logic_error("the roll-up neither read nor skipped the unit");
    if (!r.skipped.empty() && r.skipped.front().why.empty()) throw std::logic_error("a unit was skipped without a reason");
    if (outcome.refused != !r.skipped.empty())
        throw std::logic_error("status and the roll-up disagree on whether the file can be read: " + outcome.message);
    return outcome;
}

Outcome Measures(const std::string& input) {
    return Guard([&] {
        for (bool ratio : {false, true})
            for (const char* period : {"week", "month"})
                for (const PastedLine& p : ParsePasted(input, ratio, period)) {
                    const std::string where = "line " + std::to_string(p.line) + ": ";
                    if (p.accepted == p.why.has_value())
                        throw std::logic_error(where +
                                               "a line is either accepted or has a reason, not both or neither");
                    if (!p.accepted) continue;
                    if (!IsIsoDate(p.period) || p.numerator < 0)
                        throw std::logic_error(where + "accepted with the period '" + p.period + "'");
                    if (ratio && (!p.denominator || *p.denominator <= 0 || p.numerator > *p.denominator))
                        throw std::logic_error(where + "accepted a share that is not one");
                }
    });
}

Outcome CatalogText(const std::string& input) {
    return Guard([&] { ParseCatalog(input, "catalog.tsv"); });
}

Outcome ManualText(const std::string& input) {
    return Guard([&] { ParseManual(input, "steps.json"); });
}

Outcome InstrumentText(const std::string& input) {
    return Guard([&] { ParseInstrument(input, "instrument.json"); });
}

// The data every template sees: the demo project's, built once.
struct TemplateData {
    kainjow::mustache::data md, html;
};

const TemplateData& DemoData() {
    static const TemplateData data = [] {
        const Manual manual = LoadManual(PhasesPath());
        const Catalog catalog = LoadCatalog(CatalogPath());
        const std::vector<Instrument> instruments = LoadInstruments(InstrumentsDir());
        ImportTarget file;
        DemoOptions opt;
        opt.anchorDate = "2026-11-23";
        CreateDemo(file.Path(), opt, manual, catalog, instruments);
        const ProjectModel model = Store::Open(file.Path()).Load();
        return TemplateData{ProgressData(model, catalog, manual, instruments, opt.anchorDate, "md"),
                            ProgressData(model, catalog, manual, instruments, opt.anchorDate, "html")};
    }();
    return data;
}

// The input is a template placed in the program's templates/ folder, so its partials can be the
// real templates there.
Outcome Template(const std::string& input) {
    const TemplateData& data = DemoData();
    const std::string dir = ResourceDir() + "/templates/";
    Outcome md = Guard([&] { RenderTemplateText(input, dir + "fuzz.md.mustache", "md", data.md); });
    Outcome html = Guard([&] { RenderTemplateText(input, dir + "fuzz.html.mustache", "html", data.html); });
    return md.refused ? md : html;
}

}  // namespace

const std::vector<Target>& Targets() {
    static const std::vector<Target> targets = {
        {"backup", Backup},     {"measures", Measures},         {"catalog", CatalogText},
        {"manual", ManualText}, {"instrument", InstrumentText}, {"template", Template},
        {"project", ProjectFile},
    };
    return targets;
}

const Target& FindTarget(const std::string& name) {
    for (const Target& t : Targets())
        if (name == t.name) return t;
    throw std::invalid_argument("no fuzz target named " + name);
}

}  // namespace stegvis::fuzz
