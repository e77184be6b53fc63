// Helpers shared by the files of the store (Store, Schema, StoreRead, StoreWrite); not for
// anything outside src/store.
#pragma once
#include <optional>
#include <string>

#include "domain/Model.hpp"
#include "store/Sqlite.hpp"
#include "store/Store.hpp"

namespace stegvis::storeimpl {

// What the other files of src/store may reach inside a Store.
struct Access {
    static Db& Connection(Store& s) { return s.m_db; }
    static const Db& Connection(const Store& s) { return s.m_db; }
};

// The first column of the first row of `sql` as an int; 0 without a row.
inline int PragmaInt(const Db& db, const char* sql) {
    Stmt st(db, sql);
    return st.Step() ? static_cast<int>(st.Int(0)) : 0;
}

// What the county overview needs of a unit (Store::ReadOverviewFrom), with max(at) of the
// history taken from `lastChangeAt` when the caller already has it (see ContentCheck).
ProjectModel ReadOverviewFrom(const Db& db, const std::optional<std::string>& lastChangeAt);

// The project's own catalog as the history records it: entity "catalog", field "row" keyed by
// the recommendation id (the row as a catalog file line, RecommendationToTsv), and field "order"
// (key "*") for the ids in their order, comma-separated, so a row put in the middle is one
// change, not one for every row after it.
std::optional<std::string> ReadCatalogRow(const Db& db, const std::string& id);
// Writes the row or, with nullopt, removes it; a new row goes last. Throws std::invalid_argument
// for a value RecommendationToTsv did not make or whose id is not `id`.
void WriteCatalogRow(Db& db, const std::string& id, const std::optional<std::string>& value);
std::optional<std::string> ReadCatalogOrder(const Db& db);  // nullopt without rows
// The project's catalog rows in their order, withdrawn ones included.
void ReadCatalogRows(const Db& db, std::vector<Recommendation>* rows);
void WriteCatalogOrder(Db& db, const std::optional<std::string>& order);

}  // namespace stegvis::storeimpl
