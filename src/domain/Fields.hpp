// The field registry: every field a person can change, named once: its entity and name as the
// history records them, its type and allowed values (the edit rules check against these), its
// words in Swedish and English (the history, messages, exports), and where the store keeps it.
// Adding a field is one line here plus a migration (store/Schema.cpp).
#pragma once
#include <string>
#include <vector>

#include "domain/Vocabulary.hpp"

namespace stegvis {

enum class FieldType {
    Text,           // free text, may be empty
    RequiredText,   // free text, not empty
    Date,           // YYYY-MM-DD or empty
    Number,         // a non-negative number (SEK, values), or empty
    Count,          // a whole number, 0 or more, or empty
    Enum,           // one of `options`, or empty
    Choices,        // several of `options` (Vocabulary.hpp: CanonicalChoices), or empty
    Member,         // the id of a team member who is not removed, or empty
    RequiredMember,
    Recommendation, // a catalog id, required
    Rating,         // a small whole number on the entity's scale (feasibility 1-3, Hexagon 1-5, answers)
    Flag,           // present (with the time it was set) or absent: a tick, a withdrawal, hidden
};

struct FieldSpec {
    const char* name;
    FieldType type;
    const std::vector<Option>* options = nullptr;  // Enum: the allowed values
    const char* sv = "";                           // its name on screen and in the history
    const char* en = "";
};

// How the store keeps an entity's fields.
enum class Storage {
    One,       // one row per key in `table`, keyed by `key`: UPDATE table SET field WHERE key
    PerKey,    // one row per recommendation, made on the first write (upsert); missing = empty
    Records,   // steps 6-15 records: rows with an id, removed_at, per initiative or not
    Composed,  // the store composes it from several tables or key parts (ticks, answers, points)
};

// One kind of thing the project holds (the history's entity), with its fields.
struct RecordKind {
    const char* kind;        // "inventory", "member", "point", ...
    const char* table;       // where its fields live (null when composed)
    const char* key;         // the key column (null when composed)
    Storage storage;
    bool perInitiative;      // a record that belongs to one initiative
    std::vector<FieldSpec> fields;
    const FieldSpec* Field(const std::string& name) const;
};

// Every entity, records and the rest.
const std::vector<RecordKind>& Entities();
// Steps 6-15: the entities stored as records (Storage::Records).
const std::vector<RecordKind>& RecordKinds();
const RecordKind* FindRecordKind(const std::string& kind);  // a record kind only
const RecordKind* FindEntity(const std::string& entity);
// An entity's field; an initiative's step and tick ("istep", "itick") are the project's
// ("step", "tick"). Null when the registry has no such field.
const FieldSpec* FindField(const std::string& entity, const std::string& field);
// Its words: "Erbjuds idag" / "Offered today"; "" when unknown.
const char* FieldLabel(const FieldSpec& f, bool english);

}  // namespace stegvis
