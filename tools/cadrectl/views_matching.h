#pragma once

// Human views of the matching service's resources: applicants, credentials, equality
// monitoring. Enum values use the command line's spellings (enums.h). No view prints a
// password; keys are printed only by the commands whose call returns one.

#include <ostream>

#include "cadre/v1/matching.pb.h"
#include "tools/cadrectl/views.h"

namespace cadre::cadrectl {

void PrintApplicant(const cadre::v1::Applicant& applicant, std::ostream& out);
void PrintApplicants(const Repeated<cadre::v1::Applicant>& applicants, std::ostream& out);

void PrintCredential(const cadre::v1::Credential& credential, std::ostream& out);
void PrintCredentials(const cadre::v1::ListCredentialsResponse& response, std::ostream& out);

// Every question, with "unanswered" where there is no answer.
void PrintEqualityMonitoring(const cadre::v1::EqualityMonitoring& monitoring, std::ostream& out);
// The people counted, then a table of QUESTION, ANSWER, SHOWN ("<5" for small counts).
void PrintEqualityCounts(const cadre::v1::EqualityCounts& counts, std::ostream& out);

}  // namespace cadre::cadrectl
