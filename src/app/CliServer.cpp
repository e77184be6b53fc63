#include "app/CliServer.hpp"

#include <CLI/CLI.hpp>

#include <iostream>

#include "server/Server.hpp"

namespace stegvis {

bool NamesServer(const std::string& db) {
    std::string head = db.substr(0, 13);
    for (char& c : head)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return head.rfind("postgresql://", 0) == 0 || head.rfind("postgres://", 0) == 0;
}

Store OpenForEditing(const std::string& db) {
    if (NamesServer(db)) {
        return OpenServerProject(ParseServerAddress(db));
    }
    return Store::Open(db);
}

ServerCommands::ServerCommands(CLI::App& app) {
    const char* address = "postgresql://USER@HOST:PORT/DATABASE";
    const char* projectAddress = "postgresql://USER@HOST:PORT/DATABASE?project=NAME";
    m_server = app.add_subcommand("server", "Shared projects on a PostgreSQL server: set up, list, give and take access");
    m_server->require_subcommand(1);
    m_init = m_server->add_subcommand("init", "Create or upgrade Stegvis's schema in a database (IT, once; safe to repeat)");
    m_init->add_option("--db", m_db, address)->required();
    m_projects = m_server->add_subcommand("projects", "List the projects on the server you may open");
    m_projects->add_option("--db", m_db, address)->required();
    m_grant = m_server->add_subcommand("grant", "Give a user access to a project: chef, team (steps 6-15) or read");
    m_grant->add_option("--db", m_db, projectAddress)->required();
    m_grant->add_option("--user", m_user, "The user's login role on the server (made by IT)")->required();
    m_grant->add_option("--as", m_level, "chef, team or read")->required()->check(CLI::IsMember({"chef", "team", "read"}));
    m_revoke = m_server->add_subcommand("revoke", "Take a user's access to a project away");
    m_revoke->add_option("--db", m_db, projectAddress)->required();
    m_revoke->add_option("--user", m_user, "The user's login role on the server")->required();

    m_push = app.add_subcommand("push", "Upload a project file, history included, as a new project on a server");
    m_push->add_option("--db", m_db, "The project file")->required();
    m_push->add_option("--to", m_to, projectAddress)->required();
    m_pull = app.add_subcommand("pull", "Write a complete local copy of a server project to a new file");
    m_pull->add_option("--db", m_db, projectAddress)->required();
    m_pull->add_option("--out", m_out, "The new project file (must not exist)")->required();
}

std::optional<int> ServerCommands::Run() const {
    if (!*m_server && !*m_push && !*m_pull) return std::nullopt;
    if (*m_init) {
        const ServerAddress a = ParseServerAddress(m_db);
        const auto [before, after] = InitServer(a);
        if (before == after)
            std::cout << "Servern " << a.shown << " har redan Stegvis-schema version " << after << "; inget ändrades\n";
        else if (before == 0)
            std::cout << "Skapade Stegvis-schema version " << after << " på " << a.shown << "\n";
        else
            std::cout << "Uppgraderade Stegvis-schemat på " << a.shown << " från version " << before << " till " << after
                      << "\n";
        return 0;
    }
    if (*m_projects) {
        const ServerAddress a = ParseServerAddress(m_db);
        const auto projects = ListServerProjects(a);
        if (projects.empty()) std::cout << "Inga projekt som du får öppna på " << a.shown << "\n";
        for (const auto& p : projects)
            std::cout << p.name << "\t" << (p.level.empty() ? "it" : p.level) << "\t" << p.createdAt << "\t"
                      << p.createdBy << "\n";
        return 0;
    }
    if (*m_grant) {
        const ServerAddress a = ParseServerAddress(m_db);
        GrantAccess(a, m_user, m_level);
        std::cout << m_user << " har nu behörigheten " << m_level << " i projektet " << a.project << "\n";
        return 0;
    }
    if (*m_revoke) {
        const ServerAddress a = ParseServerAddress(m_db);
        const bool had = RevokeAccess(a, m_user);
        std::cout << (had ? m_user + " har inte längre tillgång till projektet " + a.project
                          : m_user + " hade ingen tillgång till projektet " + a.project)
                  << "\n";
        return 0;
    }
    if (*m_push) {
        const ServerAddress a = ParseServerAddress(m_to);
        const PushResult r = PushProject(m_db, a);
        std::cout << "Laddade upp " << m_db << " som projektet " << a.project << " på " << a.shown << " (" << r.rows
                  << " rader i " << r.tables << " tabeller); du är projektets chef\n";
        return 0;
    }
    const ServerAddress a = ParseServerAddress(m_db);
    PullProject(a, m_out);
    std::cout << "Skrev " << m_out << " (projektet " << a.project << " från " << a.shown << ")\n";
    return 0;
}

}  // namespace stegvis
