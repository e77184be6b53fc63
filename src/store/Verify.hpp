// What a project file must be beyond what SQLite's own constraints say, checked with the rules
// the edits obey (the record kinds' field declarations, the vocabularies, the same limits): on
// every open, before an import is given its name, and before an undo or redo is committed. A
// file edited by hand, damaged, or made to crash Stegvis is refused with the place named, so
// nothing downstream (the model, the screens, the reports) ever meets a value no edit could make.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "store/Sqlite.hpp"

namespace stegvis {

// One value that breaks a rule, or a required row that is missing (rowid 0, column empty).
struct ContentProblem {
    std::string table;
    int64_t rowid = 0;
    std::string column;
    std::string why;
    std::string Describe() const;  // "tabell measure_point, rad 3, fält period: 'abc' är inget datum"
};

// Every table, index and trigger in the file is one of Stegvis's own for schema `version`, with
// the same definition, and there is nothing else (no views, no triggers of others): a file whose
// schema was altered could run anything on a read. Returns the first difference in plain words.
std::optional<std::string> CheckSchemaObjects(const Db& db, int version);

// What a caller knows of the file, and what the checks read anyway that a reader may take
// instead of reading it again.
struct ContentCheck {
    // The schema was found to be Stegvis's own of this version (CheckSchemaObjects) in the read
    // transaction the check runs in: each table's columns follow from the version and need not be
    // asked of the file. 0: not known.
    int checkedSchema = 0;
    // Out: `SELECT max(at) FROM history` as Stmt::Text reads it, worked out from the rows the check
    // reads, when every `at` is text (else, or with no history table, not set).
    std::optional<std::string> lastChangeAt;
};

// Types, ranges, dates, vocabularies, periods, required rows, references. The first problem.
std::optional<ContentProblem> CheckContents(const Db& db, ContentCheck* how = nullptr);

// Rejects a read that runs longer than `seconds` on this connection (a hostile or degenerate file
// read by a roll-up or a command); 0 removes the limit. The interrupted statement fails with
// SQLITE_INTERRUPT.
void LimitReadTime(const Db& db, double seconds);

// SQLite settings for a file that may come from anyone: nothing in its schema may call a function
// with side effects, and the schema itself cannot be written through this connection.
void HardenConnection(const Db& db);

}  // namespace stegvis
