#include "bench/staff_pages_seed.h"

#include <atomic>
#include <chrono>
#include <memory>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "bench/application_calls.h"
#include "bench/application_fixture.h"
#include "bench/matching_calls.h"
#include "bench/role_fixture.h"
#include "bench/seed.h"
#include "cadre/v1/registry.grpc.pb.h"
#include "grpcpp/grpcpp.h"

namespace cadre::bench {
namespace {

constexpr absl::Duration kCallDeadline = absl::Seconds(10);
// Each profile's own limit on roles at once (MeetBenchRoles takes 1-10).
constexpr int kMostRoles = 2;

absl::Status ToAbsl(const grpc::Status& status, absl::string_view what) {
  if (status.ok()) return absl::OkStatus();
  return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                      absl::StrCat(what, ": ", status.error_message()));
}

std::unique_ptr<cadre::v1::Registry::Stub> RegistryStub(const std::string& target) {
  return cadre::v1::Registry::NewStub(
      grpc::CreateChannel(target, grpc::InsecureChannelCredentials()));
}

std::unique_ptr<grpc::ClientContext> Context(const std::string& key) {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(std::chrono::system_clock::now() +
                        absl::ToChronoNanoseconds(kCallDeadline));
  if (!key.empty()) context->AddMetadata("authorization", absl::StrCat("Bearer ", key));
  return context;
}

// Person p's application as the body leaves it: moved on step by step (a body cannot skip
// acknowledging), with the body's key.
absl::Status MoveOn(ApplicationCalls& calls, const std::string& body_key, int p,
                    const cadre::v1::Application& app, std::atomic<int>* acknowledged,
                    std::atomic<int>* shortlisted) {
  if (p % 4 != 1 && p % 4 != 2) return absl::OkStatus();
  absl::StatusOr<cadre::v1::Application> moved =
      calls.Move(body_key, app.name(), cadre::v1::APPLICATION_STATE_ACKNOWLEDGED);
  if (!moved.ok()) return moved.status();
  if (p % 4 == 1) {
    ++*acknowledged;
    return absl::OkStatus();
  }
  moved = calls.Move(body_key, app.name(), cadre::v1::APPLICATION_STATE_SHORTLISTED);
  if (!moved.ok()) return moved.status();
  ++*shortlisted;
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<RoleApplicants> SeedRoleApplicants(const std::string& registry,
                                                  const std::string& matching,
                                                  const std::string& admin_key,
                                                  const std::string& run,
                                                  const RoleApplicantsOptions& options) {
  const absl::Time start = absl::Now();
  SeedOptions seed;
  seed.admin_key = admin_key;
  seed.bodies = 1;
  seed.roles = 1;
  seed.threads = 1;
  const int places = options.places;
  seed.adjust = [places](int, cadre::v1::Role* role) { role->set_places(places); };
  absl::StatusOr<std::vector<std::string>> roles = SeedRegistry(registry, seed);
  if (!roles.ok()) return roles.status();
  if (roles->size() != 1) return absl::InternalError("seeding made no role");
  RoleApplicants seeded;
  seeded.role = roles->front();
  seeded.body = absl::StrCat("bodies/", BenchBodies(1).front().ods_code());
  absl::StatusOr<std::string> body_key = CreateBodyKey(registry, admin_key, seeded.body);
  if (!body_key.ok()) return body_key.status();
  seeded.body_key = *std::move(body_key);

  absl::StatusOr<std::vector<BenchApplicant>> people =
      SignUpApplicants(matching, admin_key, run, options.applicants, options.threads,
                       [](int i, cadre::v1::SignUpRequest* request) {
                         MeetBenchRoles(i, kMostRoles, request->mutable_profile());
                       });
  if (!people.ok()) return people.status();
  ApplicationCalls calls(matching);
  std::atomic<int> applications{0};
  std::atomic<int> acknowledged{0};
  std::atomic<int> shortlisted{0};
  std::atomic<int> untrained{0};
  const int untrained_every = options.untrained_every;
  absl::Status status =
      ParallelFor(static_cast<int>(people->size()), options.threads, [&](int p) -> absl::Status {
        const BenchApplicant& person = (*people)[p];
        if (untrained_every > 0 && p % untrained_every == untrained_every - 1) {
          ++untrained;
        } else if (absl::Status granted =
                       calls.GrantCredential(admin_key, person.name, kBenchTrainingCredential);
                   !granted.ok()) {
          return granted;
        }
        // Each submission waits, if it must, for matching's view to take in the role.
        absl::StatusOr<cadre::v1::Application> app =
            calls.Submit(person.key, seeded.role, options.wait_for_view);
        if (!app.ok()) return app.status();
        ++applications;
        return MoveOn(calls, seeded.body_key, p, *app, &acknowledged, &shortlisted);
      });
  if (!status.ok()) return status;
  seeded.applications = applications.load();
  seeded.acknowledged = acknowledged.load();
  seeded.shortlisted = shortlisted.load();
  seeded.untrained = untrained.load();
  seeded.seconds = absl::ToDoubleSeconds(absl::Now() - start);
  return seeded;
}

absl::StatusOr<BenchStaff> CreateRecruiter(const std::string& registry, const std::string& body_key,
                                           const std::string& body, const std::string& run) {
  std::unique_ptr<cadre::v1::Registry::Stub> stub = RegistryStub(registry);
  BenchStaff staff;
  staff.email = absl::StrCat("recruiter.", run, "@example.org");
  staff.password = "recruiter passphrase, not a real one";
  cadre::v1::CreateStaffRequest create;
  create.set_parent(body);
  create.mutable_staff()->set_display_name("Bench Recruiter");
  create.mutable_staff()->set_email(staff.email);
  create.mutable_staff()->set_role(cadre::v1::STAFF_ROLE_RECRUITER);
  cadre::v1::CreateStaffResponse created;
  grpc::Status status = stub->CreateStaff(Context(body_key).get(), create, &created);
  if (!status.ok()) return ToAbsl(status, absl::StrCat("CreateStaff in ", body));
  staff.name = created.staff().name();
  // No key: the one-time token stands for the member.
  cadre::v1::SetStaffPasswordRequest set;
  set.set_setup_token(created.setup().setup_token());
  set.set_password(staff.password);
  cadre::v1::SignInStaffResponse signed_in;
  status = stub->SetStaffPassword(Context("").get(), set, &signed_in);
  if (!status.ok()) return ToAbsl(status, absl::StrCat("SetStaffPassword of ", staff.name));
  return staff;
}

absl::StatusOr<std::string> SignInStaffKey(const std::string& registry, const BenchStaff& staff) {
  std::unique_ptr<cadre::v1::Registry::Stub> stub = RegistryStub(registry);
  cadre::v1::SignInStaffRequest request;
  request.set_email(staff.email);
  request.set_password(staff.password);
  cadre::v1::SignInStaffResponse response;
  const grpc::Status status = stub->SignInStaff(Context("").get(), request, &response);
  if (!status.ok()) return ToAbsl(status, absl::StrCat("SignInStaff of ", staff.name));
  if (response.key().empty()) {
    return absl::FailedPreconditionError(absl::StrCat("SignInStaff of ", staff.name, ": no key"));
  }
  return response.key();
}

}  // namespace cadre::bench
