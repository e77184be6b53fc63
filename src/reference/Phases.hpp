// The manager manual's four phases and 15 steps as data (phases/steps.json).
#pragma once
#include <string>
#include <vector>

namespace stegvis {

enum class Owner { Chef, Team };

struct Bilingual {
    std::string sv;
    std::string en;
    const std::string& In(bool english) const { return english && !en.empty() ? en : sv; }
};

struct ChecklistItem {
    std::string id;
    Bilingual text;
};

struct Step {
    int number = 0;
    int phase = 0;
    Owner owner = Owner::Chef;
    std::string workspace;
    Bilingual title, purpose, guidance, done;
    std::vector<ChecklistItem> checklist;
};

struct Phase {
    int number = 0;
    Bilingual title;
};

struct Manual {
    std::string path;
    std::string source;
    // How the steps are split over the phases, and that the split is a reading: the manual names
    // the four phases and the 15 steps but does not assign the steps. Optional in the file.
    Bilingual phaseNote;
    std::vector<Phase> phases;
    std::vector<Step> steps;  // ordered by number, 1..15

    const Step* FindStep(int number) const;
    const Phase* FindPhase(int number) const;
};

const char* OwnerKey(Owner o);  // "chef" / "team"

// The workspaces a step may open; the loader rejects any other name.
const std::vector<std::string>& KnownWorkspaces();

// Throws DataError naming the file, line (for JSON syntax errors), step and field.
Manual LoadManual(const std::string& path);
Manual ParseManual(const std::string& text, const std::string& pathForErrors);

}  // namespace stegvis
