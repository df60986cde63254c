#pragma once

// The matching benchmark's summary tables: SignIn set beside the scrypt cost measured in
// the same run (runs filtered by target and "median (range)" are report.h's).

#include <string>
#include <vector>

#include "bench/report.h"
#include "bench/scrypt_cost.h"

namespace cadre::bench {

// The targets' labels, in tables and in the runs.
inline constexpr char kNoopGetMyProfile[] = "no-op GetMyProfile";
inline constexpr char kMatchingGetMyProfile[] = "matching GetMyProfile";
inline constexpr char kMatchingSignIn[] = "matching SignIn";

// SignIn set beside the scrypt verify measured in the same run: per in-flight count, its
// QPS and p50, the verify, the p50 less one verify and the verify's share of the p50
// (median and range of the per-run figures).
std::string SignInBreakdown(const std::vector<Run>& runs, const std::vector<int>& in_flights,
                            const std::vector<ScryptCost>& scrypt);

}  // namespace cadre::bench
