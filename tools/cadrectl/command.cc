#include "tools/cadrectl/command.h"

namespace cadre::cadrectl {

const std::vector<Command>& AllCommands() {
  static const std::vector<Command>* const commands = [] {
    auto* all = new std::vector<Command>();
    for (auto group :
         {KeyCommands, BodyCommands, StaffCommands, RoleCommands, AvenueCommands, RoleTypeCommands,
          MapCommands, AccountCommands, ApplicantCommands, EqualityCommands, CredentialCommands,
          ApplicationCommands, PlacementCommands, MatchCommands, FigureCommands}) {
      for (Command& command : group()) all->push_back(std::move(command));
    }
    return all;
  }();
  return *commands;
}

}  // namespace cadre::cadrectl
