#include "services/registry/domain/involvement_map.h"

#include <algorithm>
#include <map>

namespace cadre::registry {
namespace {

using cadre::v1::BodyEntry;
using cadre::v1::InvolvementMap;

struct Totals {
  int open_roles = 0;
  int avenues = 0;
};

}  // namespace

cadre::v1::RoleSummary Summarize(const cadre::v1::Role& role) {
  cadre::v1::RoleSummary s;
  s.set_name(role.name());
  s.set_title(role.title());
  s.set_level(role.level());
  *s.mutable_time_commitment() = role.time_commitment();
  *s.mutable_expertise_sought() = role.expertise_sought();
  s.set_region(role.location().region());
  s.set_remote(IsRemote(role));
  if (role.has_closing_time()) *s.mutable_closing_time() = role.closing_time();
  return s;
}

InvolvementMap BuildInvolvementMap(const Catalog::MapSnapshot& snapshot,
                                   const cadre::v1::GetInvolvementMapRequest& request) {
  const bool narrowed = request.region() != 0 || request.level() != 0;
  auto keep = [&](cadre::v1::Region region, cadre::v1::InvolvementLevel level) {
    return (request.region() == 0 || region == request.region()) &&
           (request.level() == 0 || level == request.level());
  };

  // Body entries by code, for the bodies of the selected kinds.
  std::map<std::string, BodyEntry> entries;
  std::map<std::string, cadre::v1::BodyKind> kinds;
  for (const auto& body : snapshot.bodies) {
    if (request.body_kind() != 0 && body->kind() != request.body_kind()) continue;
    BodyEntry& e = entries[body->name()];
    e.set_body(body->name());
    e.set_display_name(body->display_name());
    e.set_region(body->region());
    kinds[body->name()] = body->kind();
  }

  InvolvementMap map;
  std::map<int, Totals> by_level;
  std::map<int, Totals> by_region;
  for (const auto& avenue : snapshot.avenues) {
    auto it = entries.find(avenue->body());
    if (it == entries.end() || !keep(avenue->location().region(), avenue->level())) continue;
    *it->second.add_avenues() = *avenue;
    ++by_level[avenue->level()].avenues;
    ++by_region[avenue->location().region()].avenues;
    map.set_avenues(map.avenues() + 1);
  }
  for (const auto& role : snapshot.open_roles) {
    auto it = entries.find(role->body());
    if (it == entries.end() || !keep(role->location().region(), role->level())) continue;
    *it->second.add_open_roles() = Summarize(*role);
    ++by_level[role->level()].open_roles;
    ++by_region[role->location().region()].open_roles;
    map.set_open_roles(map.open_roles() + 1);
  }

  std::map<int, std::vector<BodyEntry*>> by_kind;
  for (auto& [name, entry] : entries) {
    if (narrowed && entry.avenues_size() == 0 && entry.open_roles_size() == 0) continue;
    by_kind[kinds[name]].push_back(&entry);
  }
  for (auto& [kind, bodies] : by_kind) {
    std::sort(bodies.begin(), bodies.end(), [](const BodyEntry* a, const BodyEntry* b) {
      return a->display_name() < b->display_name();
    });
    auto* section = map.add_sections();
    section->set_kind(static_cast<cadre::v1::BodyKind>(kind));
    for (BodyEntry* entry : bodies) {
      section->set_open_roles(section->open_roles() + entry->open_roles_size());
      section->set_avenues(section->avenues() + entry->avenues_size());
      *section->add_bodies() = std::move(*entry);
    }
  }
  for (const auto& [level, totals] : by_level) {
    auto* c = map.add_by_level();
    c->set_level(static_cast<cadre::v1::InvolvementLevel>(level));
    c->set_open_roles(totals.open_roles);
    c->set_avenues(totals.avenues);
  }
  for (const auto& [region, totals] : by_region) {
    auto* c = map.add_by_region();
    c->set_region(static_cast<cadre::v1::Region>(region));
    c->set_open_roles(totals.open_roles);
    c->set_avenues(totals.avenues);
  }
  return map;
}

}  // namespace cadre::registry
