// The rules an action must keep before anything is written: Validate() checks one action
// against them and against the project as stored, inside Apply's write transaction.
#pragma once
#include <optional>
#include <string>

#include "edit/Actions.hpp"

namespace stegvis {

// Checks `action` against the rules and against `store`; nullopt when it may be applied.
std::optional<ActionError> Validate(const Store& store, const ActionContext& ctx, const Action& action);

// Shared by the validation and the planning of actions.
namespace editimpl {
// A whole number typed by a person: digits only (spaces allowed as thousands separators).
std::optional<int> ParseCount(const std::string& text);
// Project steps live in "step"/"tick"; an initiative's steps 8-15 in "istep"/"itick".
inline std::string StepEntity(int64_t initiative) { return initiative ? "istep" : "step"; }
inline std::string StepKeyFor(int step, int64_t initiative) {
    return initiative ? std::to_string(initiative) + "/" + std::to_string(step) : std::to_string(step);
}
const Instrument* FindInstrument(const ActionContext& ctx, const std::string& id);
}  // namespace editimpl

}  // namespace stegvis
