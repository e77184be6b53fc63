#include "app/CliSafety.hpp"
#include "app/CliServer.hpp"

#include "domain/Editions.hpp"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <iostream>
#include <map>
#include <random>
#include <sstream>
#include <stdexcept>
#include <tuple>
#include <vector>

#include "edit/Actions.hpp"
#include "store/AutoBackup.hpp"
#include "reference/Catalog.hpp"
#include "base/Files.hpp"
#include "reference/Instruments.hpp"
#include "base/Paths.hpp"
#include "reference/Phases.hpp"
#include "store/Store.hpp"

namespace stegvis {

namespace {

// One edit of the script and the field it sets, as `entity key field value` (the names the
// history uses, readable back with Store::ReadField). `key` is filled in for a new record once
// it has its id.
struct ScriptEdit {
    Action action;
    std::string entity, key, field, value;
};

void Report(const char* word, int n, const ScriptEdit& e) {
    std::cout << word << ' ' << n << ' ' << e.entity << ' ' << (e.key.empty() ? "-" : e.key) << ' ' << e.field << ' '
              << e.value << '\n'
              << std::flush;
}

}  // namespace

SafetyCommands::SafetyCommands(CLI::App& app) {
    m_backups = app.add_subcommand(
        "backups",
        "List a project's automatic backups (made when the window opens it), make one, or restore one. "
        "A restore first backs up the file as it is, so it can be undone.");
    m_backups->add_option("--db", m_backupsDb, "Project file")->required();
    m_backups->add_option("--dir", m_backupsDir,
                          "Folder of the backups (default: DATA/backups, DATA = $XDG_DATA_HOME/stegvis)");
    m_backups->add_flag("--make", m_make, "Make a backup now");
    m_backups->add_option("--restore", m_restore, "Put this backup's contents back into the project file");

    // For the reliability tests: applies N edits through the normal action path and prints
    // "saved N ENTITY KEY FIELD VALUE" after each one has been committed ("edit ..." before).
    m_script = app.add_subcommand("script", "Apply a deterministic stream of edits (tests)")->group("");
    m_script->add_option("--db", m_scriptDb, "Project file")->required();
    m_script->add_option("--edits", m_edits, "Number of edits");
    m_script->add_option("--seed", m_seed, "Seed of the edits' choice and values");
    m_script->add_option("--lane", m_lane,
                         "With --lanes M: touch only steps and recommendations with index % M == lane");
    m_script->add_option("--lanes", m_lanes, "Number of scripts sharing the file without sharing fields");
    // For a test that killed a script (another platform's build, say): the file must hold every
    // edit that output reported saved. Prints "checked N fields", or each missing one and exits 1.
    m_script->add_option("--check", m_check, "Instead of editing: check the file against this script output");
}

std::optional<int> SafetyCommands::Run() const {
    if (*m_backups) return RunBackups();
    if (*m_script) return RunScript();
    return std::nullopt;
}

int SafetyCommands::RunBackups() const {
    if (NamesServer(m_backupsDb))
        throw std::runtime_error(m_backupsDb + ": en server säkerhetskopieras av IT med pg_dump; ett enskilt projekt "
                                              "sparas som fil med stegvis pull --db ADRESS --out FIL");
    const std::string root = m_backupsDir.empty() ? AutoBackupRoot() : m_backupsDir;
    if (!m_restore.empty()) {
        RefuseOutputOverInput(m_backupsDb, {m_restore});
        std::string before = RestoreAutoBackup(m_restore, m_backupsDb, root);
        std::cout << "Återställde " << m_backupsDb << " från " << m_restore << "\n";
        if (!before.empty()) std::cout << "Filen som den var före återställningen: " << before << "\n";
        return 0;
    }
    if (m_make) {
        std::cout << "Säkerhetskopia: " << MakeAutoBackup(m_backupsDb, root) << "\n";
        return 0;
    }
    auto list = ListAutoBackups(m_backupsDb, root);
    if (list.empty()) {
        std::cout << "Inga automatiska säkerhetskopior av " << m_backupsDb << " i "
                  << AutoBackupFolder(m_backupsDb, root) << "\n";
        return 0;
    }
    for (const AutoBackupInfo& b : list) {
        std::cout << b.takenAt << "  " << (b.sizeBytes + 1023) / 1024 << " kB  ";
        if (!b.problem.empty()) {
            std::cout << "kan inte läsas: " << b.problem;
        } else {
            std::cout << b.historyEntries << " ändringar";
            if (!b.lastChangeAt.empty()) std::cout << " (senast " << b.lastChangeAt << ")";
            std::cout << "  " << b.projectName << " (" << b.organisation << ")";
        }
        std::cout << "\n    " << b.path << "\n";
    }
    return 0;
}

int SafetyCommands::RunScript() const {
    if (!m_check.empty()) return CheckScript();
    if (m_lanes < 1 || m_lane < 0 || m_lane >= m_lanes) throw std::runtime_error("--lane must be 0 .. --lanes - 1");
    if (m_lanes > 15) throw std::runtime_error("--lanes is at most 15");
    Manual manual = LoadManual(PhasesPath());
    auto instruments = LoadInstruments(InstrumentsDir());
    Store store = OpenForEditing(m_scriptDb);
    ProjectModel model = store.Load();
    const Catalog cat = ProjectCatalog(model, LoadCatalog(CatalogPath()));
    ActionContext ctx{&manual, &cat, &instruments};

    std::vector<std::string> recs;
    for (size_t i = 0; i < cat.recommendations.size(); ++i)
        if (static_cast<int>(i % static_cast<size_t>(m_lanes)) == m_lane) recs.push_back(cat.recommendations[i].id);
    std::vector<int> steps;
    for (int s = 1; s <= 15; ++s)
        if (s % m_lanes == m_lane) steps.push_back(s);
    int64_t initiative = 0, measure = 0;
    if (auto it = model.records.find("initiative"); it != model.records.end() && !it->second.empty())
        initiative = it->second.front().id;
    std::vector<int64_t> members;  // added by this script, so only this script edits them

    std::mt19937_64 rng(m_seed);
    auto pick = [&](size_t n) { return static_cast<size_t>(rng() % n); };
    const std::string tag = std::to_string(m_seed) + "-";
    for (int n = 1; n <= m_edits; ++n) {
        const std::string t = tag + std::to_string(n);
        ScriptEdit e;
        const std::string rec = recs[pick(recs.size())];
        const int step = steps[pick(steps.size())];
        switch (rng() % 8) {
            case 0: {
                e.value = std::to_string(rng() % 900);
                e.action = SetInventoryField{rec, InvField::Volume, e.value};
                e.entity = "inventory", e.key = rec, e.field = "volume";
                break;
            }
            case 1: {
                static const char* const kOffered[] = {"ja", "delvis", "nej", "vet_ej"};
                e.value = kOffered[pick(4)];
                e.action = SetInventoryField{rec, InvField::Offered, e.value};
                e.entity = "inventory", e.key = rec, e.field = "offered";
                break;
            }
            case 2: {
                e.value = "kommentar-" + t;
                e.action = SetInventoryField{rec, InvField::Comment, e.value};
                e.entity = "inventory", e.key = rec, e.field = "comment";
                break;
            }
            case 3: {
                e.value = "anteckning-" + t;
                e.action = SetStepNotes{step, e.value};
                e.entity = "step", e.key = std::to_string(step), e.field = "notes";
                break;
            }
            case 4: {
                static const StepStatus kStatus[] = {StepStatus::NotStarted, StepStatus::InProgress, StepStatus::Done};
                StepStatus s = kStatus[pick(3)];
                e.value = StepStatusKey(s);
                e.action = SetStepStatus{step, s};
                e.entity = "step", e.key = std::to_string(step), e.field = "status";
                break;
            }
            case 5:
            case 6: {
                if (members.empty() || rng() % 2 == 0) {
                    e.value = "person-" + t;
                    e.action = AddRecord{"member", 0, {{"name", e.value}, {"role", "member"}}};
                    e.entity = "member", e.field = "name";
                } else {
                    int64_t id = members[pick(members.size())];
                    e.value = "enhet-" + t;
                    e.action = SetRecordField{"member", id, "organisation", e.value};
                    e.entity = "member", e.key = std::to_string(id), e.field = "organisation";
                }
                break;
            }
            default: {
                if (initiative == 0) {
                    e.value = "införande-" + t;
                    e.action = StartInitiative{"BI-04", e.value, "2026-01-15", "", ""};
                    e.entity = "initiative", e.field = "name";
                } else if (measure == 0) {
                    e.value = "mått-" + t;
                    e.action = AddRecord{
                        "measure",
                        initiative,
                        {{"name", e.value}, {"definition", "count"}, {"period", "month"}, {"direction", "up"}}};
                    e.entity = "measure", e.field = "name";
                } else {
                    size_t month = pick(240);
                    char period[16];
                    std::snprintf(period, sizeof period, "%04d-%02d-01", 2005 + static_cast<int>(month / 12),
                                  static_cast<int>(month % 12) + 1);
                    int value = static_cast<int>(rng() % 1000);
                    e.value = std::to_string(value);
                    e.action = SetPoint{measure, period, static_cast<double>(value), std::nullopt};
                    e.entity = "point", e.key = std::to_string(measure) + "/" + period, e.field = "numerator";
                }
                break;
            }
        }
        Report("edit", n, e);
        const int64_t seen = store.SeenVersion();
        ApplyResult r = Apply(store, e.action, "script", ctx);
        // A script looks at nothing between its edits: it has seen what its last edit saw.
        store.MarkSeen();
        if (!r.ok && r.conflict) {
            // On a server project: someone else changed this field first. Said, not written over.
            Report("refused", n, e);
            std::cerr << "edit " << n << " refused: " << r.error.Text() << "\n";
            continue;
        }
        if (!r.ok) throw std::runtime_error("edit " + std::to_string(n) + " was refused: " + r.error.Text());
        if (e.key.empty()) {
            e.key = std::to_string(r.newId);
            if (e.entity == "member") members.push_back(r.newId);
            if (e.entity == "initiative") initiative = r.newId;
            if (e.entity == "measure") measure = r.newId;
        }
        Report("saved", n, e);
        if (store.GetRemote())  // the server versions it saw and made, for checks of concurrent scripts
            std::cout << "server " << n << ' ' << seen << ' ' << store.RemoteVersion() << ' ' << (r.changed ? 1 : 0)
                      << '\n';
    }
    return 0;
}

int SafetyCommands::CheckScript() const {
    using Field = std::tuple<std::string, std::string, std::string>;
    std::map<Field, std::string> saved;  // each field's last value reported saved
    std::optional<std::pair<Field, std::string>> pending;  // begun, not reported: may have been committed
    std::istringstream in(ReadFile(m_check));
    std::string line;
    while (std::getline(in, line)) {
        if (in.eof()) break;  // the last line is whole only when it ends in a newline: a cut one is not
        std::istringstream ls(line);
        std::string word, entity, key, field, value;
        int n = 0;
        if (!(ls >> word >> n >> entity >> key >> field >> value)) continue;
        if (word == "edit") pending = {{entity, key, field}, value};
        if (word == "saved") saved[{entity, key, field}] = value, pending.reset();
    }
    Store store = OpenForEditing(m_scriptDb);
    int missing = 0;
    for (const auto& [f, value] : saved) {
        const auto& [entity, key, field] = f;
        const std::string now = store.ReadField(entity, key, field).value_or("(inget)");
        // The edit under way at the kill may have been committed over a reported one.
        const bool overwritten = pending && pending->first == f && std::get<1>(f) != "-" && now == pending->second;
        if (now != value && !overwritten) {
            std::cout << "missing " << entity << ' ' << key << ' ' << field << ": saved " << value << ", file has " << now
                      << '\n';
            ++missing;
        }
    }
    std::cout << "checked " << saved.size() << " fields, " << missing << " missing\n";
    return missing == 0 ? 0 : 1;
}

}  // namespace stegvis
