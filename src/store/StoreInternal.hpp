// Helpers shared by the files of the store (Store, Schema, StoreRead, StoreWrite); not for
// anything outside src/store.
#pragma once
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

}  // namespace stegvis::storeimpl
