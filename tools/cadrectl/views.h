#pragma once

// Human views of the registry's resources: a table for a list, a "key: value" block
// for one resource. Enum values use the command line's spellings (enums.h).

#include <ostream>
#include <string>

#include "cadre/v1/registry.pb.h"
#include "google/protobuf/repeated_ptr_field.h"

namespace cadre::cadrectl {

template <typename T>
using Repeated = google::protobuf::RepeatedPtrField<T>;

// "3 (regular working group)".
std::string LevelText(cadre::v1::InvolvementLevel level);
// "8 h/month for 12 months (one evening meeting a month)"; "" when all unset.
std::string TimeText(const cadre::v1::TimeCommitment& time);
// "remote, london" / "in-person, south-east (Leeds)".
std::string LocationText(const cadre::v1::Location& location);

void PrintBody(const cadre::v1::Body& body, std::ostream& out);
void PrintBodies(const Repeated<cadre::v1::Body>& bodies, std::ostream& out);

void PrintRole(const cadre::v1::Role& role, std::ostream& out);
void PrintRoles(const Repeated<cadre::v1::Role>& roles, std::ostream& out);

void PrintAvenue(const cadre::v1::Avenue& avenue, std::ostream& out);
void PrintAvenues(const Repeated<cadre::v1::Avenue>& avenues, std::ostream& out);

void PrintRoleType(const cadre::v1::RoleType& role_type, std::ostream& out);
void PrintRoleTypes(const Repeated<cadre::v1::RoleType>& role_types, std::ostream& out);

// Totals, counts by level and region, then each body kind with its bodies, their
// avenues and open roles.
void PrintInvolvementMap(const cadre::v1::InvolvementMap& map, std::ostream& out);

// "more: --page-token TOKEN" when there is a next page, then "back: --page-token TOKEN"
// when there is a previous one.
void PrintNextPage(const std::string& next_page_token, std::ostream& out,
                   const std::string& previous_page_token = "");

}  // namespace cadre::cadrectl
