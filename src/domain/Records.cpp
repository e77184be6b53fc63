#include "domain/Records.hpp"

#include "domain/Measures.hpp"
#include "base/Text.hpp"

#include <algorithm>
#include <set>

namespace stegvis {


std::vector<const Record*> Records(const ProjectModel& m, const std::string& kind, int64_t initiative) {
    std::vector<const Record*> out;
    auto it = m.records.find(kind);
    if (it == m.records.end()) return out;
    for (const Record& r : it->second)
        if (initiative == 0 || r.initiative == initiative) out.push_back(&r);
    return out;
}

const Record* FindRecord(const ProjectModel& m, const std::string& kind, int64_t id) {
    auto it = m.records.find(kind);
    if (it == m.records.end()) return nullptr;
    for (const Record& r : it->second)
        if (r.id == id) return &r;
    return nullptr;
}

std::string MemberName(const ProjectModel& m, const std::string& idText) {
    if (idText.empty()) return "";
    const Record* r = FindRecord(m, "member", std::stoll(idText));
    return r ? r->Get("name") : "";
}

int LeaderCount(const ProjectModel& m) {
    int n = 0;
    for (const Record* r : Records(m, "member"))
        if (r->Get("role") == "leader") ++n;
    return n;
}

bool IsOverdue(const Record& a, const std::string& today) {
    const std::string& due = a.Get("due_on");
    return a.Get("status") != "done" && !due.empty() && due < today;
}

int OverdueCount(const ProjectModel& m, int64_t initiative, const std::string& today) {
    int n = 0;
    for (const Record* a : Records(m, "activity", initiative))
        if (IsOverdue(*a, today)) ++n;
    return n;
}

int MissingResourceCount(const ProjectModel& m, int64_t initiative) {
    int n = 0;
    for (const Record* r : Records(m, "resource", initiative))
        if (r->Get("status") == "missing") ++n;
    return n;
}

std::vector<Coverage> TrainingCoverage(const ProjectModel& m, int64_t initiative) {
    std::vector<Coverage> out;
    for (const Option& role : MemberRoles()) out.push_back({role.key});
    std::map<std::string, std::pair<bool, bool>> people;  // member id -> (any training, a done one)
    for (const Record* t : Records(m, "training", initiative)) {
        auto& p = people[t->Get("member")];
        p.first = true;
        if (t->Get("status") == "done") p.second = true;
    }
    // Every member of a role counts, trained or not: "1 of 2", never "1 of 1" when one of two
    // members has a training.
    for (const Record* member : Records(m, "member")) {
        for (Coverage& c : out) {
            if (c.role != member->Get("role")) continue;
            ++c.members;
            auto it = people.find(std::to_string(member->id));
            if (it == people.end()) continue;
            if (it->second.second) ++c.trained;
            else ++c.planned;
        }
    }
    out.erase(std::remove_if(out.begin(), out.end(), [](const Coverage& c) { return c.members == 0; }), out.end());
    // People outside the team are known by their trainings only: by role, each name counted once.
    std::map<std::string, std::map<std::string, bool>> outside;  // role -> folded name -> a done training
    for (const Record* t : Records(m, "training", initiative)) {
        const std::string name = FoldCase(Trim(t->Get("trainee")));
        if (name.empty() || !t->Get("member").empty()) continue;
        const std::string role = t->Get("trainee_role").empty() ? "other" : t->Get("trainee_role");
        bool& done = outside[role][name];
        done = done || t->Get("status") == "done";
    }
    for (const Option& role : TraineeRoles()) {
        auto it = outside.find(role.key);
        if (it == outside.end()) continue;
        Coverage c{role.key};
        c.outsideTeam = true;
        for (const auto& [name, done] : it->second) {
            ++c.members;
            if (done) ++c.trained;
            else ++c.planned;
        }
        out.push_back(c);
    }
    return out;
}

bool StepIsPerInitiative(int step) { return step >= 8 && step <= 15; }

StepProgress StepState(const ProjectModel& m, int step, int64_t initiative) {
    if (!StepIsPerInitiative(step) || initiative == 0) return m.Step(step);
    auto it = m.initiativeSteps.find(initiative);
    if (it != m.initiativeSteps.end()) {
        auto s = it->second.find(step);
        if (s != it->second.end()) return s->second;
    }
    StepProgress empty;
    empty.step = step;
    return empty;
}

}  // namespace stegvis
