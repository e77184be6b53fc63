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

}  // namespace stegvis::storeimpl
