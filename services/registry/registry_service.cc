#include "services/registry/registry_service.h"

#include "services/common/base/status_macros.h"
#include "services/registry/domain/errors.h"
#include "services/registry/domain/policy.h"
#include "services/registry/domain/validation.h"

namespace cadre::registry {

RegistryService::RegistryService(RegistryDeps deps)
    : RawService("cadre.v1.Registry"), d_(deps), map_cache_(deps.catalog) {
  AddUnary("CreateBody", &RegistryService::CreateBody);
  AddUnary("GetBody", &RegistryService::GetBody);
  AddUnary("ListBodies", &RegistryService::ListBodies);
  AddUnary("UpdateBody", &RegistryService::UpdateBody);
  AddUnary("CreateRole", &RegistryService::CreateRole);
  AddUnary("GetRole", &RegistryService::GetRole);
  AddUnary("UpdateRole", &RegistryService::UpdateRole);
  AddUnary("ListRoles", &RegistryService::ListRoles);
  AddUnary("PublishRole", &RegistryService::PublishRole);
  AddUnary("CloseRole", &RegistryService::CloseRole);
  AddUnary("CreateAvenue", &RegistryService::CreateAvenue);
  AddUnary("GetAvenue", &RegistryService::GetAvenue);
  AddUnary("ListAvenues", &RegistryService::ListAvenues);
  AddUnary("UpdateAvenue", &RegistryService::UpdateAvenue);
  AddUnary("DeleteAvenue", &RegistryService::DeleteAvenue);
  AddUnary("CreateRoleType", &RegistryService::CreateRoleType);
  AddUnary("ListRoleTypes", &RegistryService::ListRoleTypes);
  AddUnary("GetInvolvementMap", &RegistryService::GetInvolvementMap);
  AddUnary("CreateApiKey", &RegistryService::CreateApiKey);
  AddUnary("RevokeApiKey", &RegistryService::RevokeApiKey);
  AddUnary("RegisterApplicantKey", &RegistryService::RegisterApplicantKey);
  AddUnary("RevokeApplicantKey", &RegistryService::RevokeApplicantKey);
  AddUnary("RevokeSubjectKeys", &RegistryService::RevokeSubjectKeys);
  AddUnary("ListSubjectKeys", &RegistryService::ListSubjectKeys);
  AddStaffMethods();
}

void RegistryService::Serve(UnaryCall* call, Mode mode, Work work) {
  auto finish = [this, call](const absl::StatusOr<Principal>& principal, const Work& work) {
    absl::Status status = principal.status();
    if (status.ok()) status = d_.view->IsFresh() ? work(*principal) : ViewUnavailable();
    call->Finish(status);
  };
  // Reads that need no Redis are answered here, on gRPC's thread.
  if (mode == Mode::kRead) {
    if (auto principal = d_.auth->AuthenticateFromMemory(*call->context())) {
      finish(*principal, work);
      return;
    }
  }
  auto run = [this, call, finish, work = std::move(work)] {
    // Work queued behind slow calls is dropped once its caller has gone (deadline passed,
    // client cancelled, server draining): a change nobody waits for is not made.
    if (call->context()->IsCancelled()) {
      call->Finish(CallCancelled());
      return;
    }
    finish(d_.auth->Authenticate(*call->context()), work);
  };
  if (mode == Mode::kPassword) {
    if (!d_.password_pool->Submit(std::move(run))) call->Finish(Busy("the password pool is full"));
    return;
  }
  if (!d_.workers->Submit(std::move(run))) call->Finish(Busy("the worker queue is full"));
}

void RegistryService::CreateBody(UnaryCall* call, const cadre::v1::CreateBodyRequest* req,
                                 cadre::v1::Body* resp) {
  Serve(call, Mode::kWrite, [=, this](const Principal& p) -> absl::Status {
    CADRE_ASSIGN_OR_RETURN(*resp, d_.writer->CreateBody(p, req->body(), req->request_id()));
    return absl::OkStatus();
  });
}

void RegistryService::UpdateBody(UnaryCall* call, const cadre::v1::UpdateBodyRequest* req,
                                 cadre::v1::Body* resp) {
  Serve(call, Mode::kWrite, [=, this](const Principal& p) -> absl::Status {
    CADRE_ASSIGN_OR_RETURN(*resp, d_.writer->UpdateBody(p, req->body(), req->update_mask()));
    return absl::OkStatus();
  });
}

void RegistryService::CreateRole(UnaryCall* call, const cadre::v1::CreateRoleRequest* req,
                                 cadre::v1::Role* resp) {
  Serve(call, Mode::kWrite, [=, this](const Principal& p) -> absl::Status {
    CADRE_ASSIGN_OR_RETURN(*resp, d_.writer->CreateRole(p, req->role(), req->request_id()));
    return absl::OkStatus();
  });
}

void RegistryService::UpdateRole(UnaryCall* call, const cadre::v1::UpdateRoleRequest* req,
                                 cadre::v1::Role* resp) {
  Serve(call, Mode::kWrite, [=, this](const Principal& p) -> absl::Status {
    CADRE_ASSIGN_OR_RETURN(*resp, d_.writer->UpdateRole(p, req->role(), req->update_mask()));
    return absl::OkStatus();
  });
}

void RegistryService::PublishRole(UnaryCall* call, const cadre::v1::PublishRoleRequest* req,
                                  cadre::v1::Role* resp) {
  Serve(call, Mode::kWrite, [=, this](const Principal& p) -> absl::Status {
    CADRE_ASSIGN_OR_RETURN(*resp, d_.writer->PublishRole(p, req->name(), req->etag()));
    return absl::OkStatus();
  });
}

void RegistryService::CloseRole(UnaryCall* call, const cadre::v1::CloseRoleRequest* req,
                                cadre::v1::Role* resp) {
  Serve(call, Mode::kWrite, [=, this](const Principal& p) -> absl::Status {
    CADRE_ASSIGN_OR_RETURN(
        *resp, d_.writer->EndRole(p, req->name(), req->state(), req->reason(), req->etag()));
    return absl::OkStatus();
  });
}

void RegistryService::CreateAvenue(UnaryCall* call, const cadre::v1::CreateAvenueRequest* req,
                                   cadre::v1::Avenue* resp) {
  Serve(call, Mode::kWrite, [=, this](const Principal& p) -> absl::Status {
    CADRE_ASSIGN_OR_RETURN(*resp, d_.writer->CreateAvenue(p, req->avenue(), req->request_id()));
    return absl::OkStatus();
  });
}

void RegistryService::UpdateAvenue(UnaryCall* call, const cadre::v1::UpdateAvenueRequest* req,
                                   cadre::v1::Avenue* resp) {
  Serve(call, Mode::kWrite, [=, this](const Principal& p) -> absl::Status {
    CADRE_ASSIGN_OR_RETURN(*resp, d_.writer->UpdateAvenue(p, req->avenue(), req->update_mask()));
    return absl::OkStatus();
  });
}

void RegistryService::DeleteAvenue(UnaryCall* call, const cadre::v1::DeleteAvenueRequest* req,
                                   cadre::v1::DeleteAvenueResponse*) {
  Serve(call, Mode::kWrite, [=, this](const Principal& p) {
    return d_.writer->DeleteAvenue(p, req->name(), req->etag());
  });
}

void RegistryService::CreateRoleType(UnaryCall* call, const cadre::v1::CreateRoleTypeRequest* req,
                                     cadre::v1::RoleType* resp) {
  Serve(call, Mode::kWrite, [=, this](const Principal& p) -> absl::Status {
    CADRE_ASSIGN_OR_RETURN(*resp,
                           d_.writer->CreateRoleType(p, req->role_type(), req->role_type_id()));
    return absl::OkStatus();
  });
}

}  // namespace cadre::registry
