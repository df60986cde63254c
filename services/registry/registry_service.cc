#include "services/registry/registry_service.h"

#include "absl/strings/str_cat.h"
#include "services/common/base/status_macros.h"
#include "services/common/grpc_status.h"
#include "services/registry/domain/errors.h"
#include "services/registry/domain/names.h"
#include "services/registry/domain/validation.h"

namespace cadre::registry {

using Reactor = RegistryService::Reactor;

Reactor* RegistryService::Serve(Ctx* c, Mode mode, Work work) {
  Reactor* reactor = c->DefaultReactor();
  auto finish = [this, reactor](const absl::StatusOr<Principal>& principal, const Work& work) {
    absl::Status status = principal.status();
    if (status.ok()) {
      status = d_.view->IsFresh() ? work(*principal)
                                  : absl::UnavailableError("the registry's store is unreachable");
    }
    reactor->Finish(ToGrpcStatus(status));
  };
  // Reads that need no Redis are answered here, on gRPC's thread.
  if (mode == Mode::kRead) {
    if (auto principal = d_.auth->AuthenticateFromMemory(*c)) {
      finish(*principal, work);
      return reactor;
    }
  }
  auto run = [this, c, reactor, finish, work = std::move(work)] {
    // Work queued behind slow calls is dropped once its caller has gone (deadline passed,
    // client cancelled, server draining): a change nobody waits for is not made.
    if (c->IsCancelled()) {
      reactor->Finish(grpc::Status::CANCELLED);
      return;
    }
    finish(d_.auth->Authenticate(*c), work);
  };
  if (!d_.workers->Submit(std::move(run))) {
    reactor->Finish(
        grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED, "the registry is busy; retry shortly"));
  }
  return reactor;
}

Reactor* RegistryService::CreateBody(Ctx* c, const cadre::v1::CreateBodyRequest* req,
                                     cadre::v1::Body* resp) {
  return Serve(c, Mode::kWrite, [=, this](const Principal& p) -> absl::Status {
    CADRE_ASSIGN_OR_RETURN(*resp, d_.writer->CreateBody(p, req->body(), req->request_id()));
    return absl::OkStatus();
  });
}

Reactor* RegistryService::UpdateBody(Ctx* c, const cadre::v1::UpdateBodyRequest* req,
                                     cadre::v1::Body* resp) {
  return Serve(c, Mode::kWrite, [=, this](const Principal& p) -> absl::Status {
    CADRE_ASSIGN_OR_RETURN(*resp, d_.writer->UpdateBody(p, req->body(), req->update_mask()));
    return absl::OkStatus();
  });
}

Reactor* RegistryService::CreateRole(Ctx* c, const cadre::v1::CreateRoleRequest* req,
                                     cadre::v1::Role* resp) {
  return Serve(c, Mode::kWrite, [=, this](const Principal& p) -> absl::Status {
    CADRE_ASSIGN_OR_RETURN(*resp, d_.writer->CreateRole(p, req->role(), req->request_id()));
    return absl::OkStatus();
  });
}

Reactor* RegistryService::UpdateRole(Ctx* c, const cadre::v1::UpdateRoleRequest* req,
                                     cadre::v1::Role* resp) {
  return Serve(c, Mode::kWrite, [=, this](const Principal& p) -> absl::Status {
    CADRE_ASSIGN_OR_RETURN(*resp, d_.writer->UpdateRole(p, req->role(), req->update_mask()));
    return absl::OkStatus();
  });
}

Reactor* RegistryService::PublishRole(Ctx* c, const cadre::v1::PublishRoleRequest* req,
                                      cadre::v1::Role* resp) {
  return Serve(c, Mode::kWrite, [=, this](const Principal& p) -> absl::Status {
    CADRE_ASSIGN_OR_RETURN(*resp, d_.writer->PublishRole(p, req->name(), req->etag()));
    return absl::OkStatus();
  });
}

Reactor* RegistryService::CloseRole(Ctx* c, const cadre::v1::CloseRoleRequest* req,
                                    cadre::v1::Role* resp) {
  return Serve(c, Mode::kWrite, [=, this](const Principal& p) -> absl::Status {
    CADRE_ASSIGN_OR_RETURN(
        *resp, d_.writer->EndRole(p, req->name(), req->state(), req->reason(), req->etag()));
    return absl::OkStatus();
  });
}

Reactor* RegistryService::CreateAvenue(Ctx* c, const cadre::v1::CreateAvenueRequest* req,
                                       cadre::v1::Avenue* resp) {
  return Serve(c, Mode::kWrite, [=, this](const Principal& p) -> absl::Status {
    CADRE_ASSIGN_OR_RETURN(*resp, d_.writer->CreateAvenue(p, req->avenue(), req->request_id()));
    return absl::OkStatus();
  });
}

Reactor* RegistryService::UpdateAvenue(Ctx* c, const cadre::v1::UpdateAvenueRequest* req,
                                       cadre::v1::Avenue* resp) {
  return Serve(c, Mode::kWrite, [=, this](const Principal& p) -> absl::Status {
    CADRE_ASSIGN_OR_RETURN(*resp, d_.writer->UpdateAvenue(p, req->avenue(), req->update_mask()));
    return absl::OkStatus();
  });
}

Reactor* RegistryService::DeleteAvenue(Ctx* c, const cadre::v1::DeleteAvenueRequest* req,
                                       cadre::v1::DeleteAvenueResponse*) {
  return Serve(c, Mode::kWrite, [=, this](const Principal& p) {
    return d_.writer->DeleteAvenue(p, req->name(), req->etag());
  });
}

Reactor* RegistryService::CreateRoleType(Ctx* c, const cadre::v1::CreateRoleTypeRequest* req,
                                         cadre::v1::RoleType* resp) {
  return Serve(c, Mode::kWrite, [=, this](const Principal& p) -> absl::Status {
    CADRE_ASSIGN_OR_RETURN(*resp,
                           d_.writer->CreateRoleType(p, req->role_type(), req->role_type_id()));
    return absl::OkStatus();
  });
}

Reactor* RegistryService::CreateApiKey(Ctx* c, const cadre::v1::CreateApiKeyRequest* req,
                                       cadre::v1::CreateApiKeyResponse* resp) {
  return Serve(c, Mode::kWrite, [=, this](const Principal& p) -> absl::Status {
    CADRE_RETURN_IF_ERROR(RequireAuthenticated(p));
    if (Utf8Length(req->label()) > kMaxLabel) {
      return InvalidField("label", absl::StrCat("must be at most ", kMaxLabel, " characters"));
    }
    PrincipalKind kind;
    std::string subject = req->subject();
    switch (req->kind()) {
      case cadre::v1::PRINCIPAL_KIND_ADMIN:
        kind = PrincipalKind::kAdmin;
        if (!subject.empty()) return InvalidField("subject", "must be empty for an admin key");
        break;
      case cadre::v1::PRINCIPAL_KIND_BODY: {
        kind = PrincipalKind::kBody;
        CADRE_ASSIGN_OR_RETURN(subject, ParseBodyName(req->subject(), "subject"));
        if (d_.catalog->FindBody(subject) == nullptr) {
          return InvalidField("subject", absl::StrCat("no body ", req->subject()));
        }
        break;
      }
      case cadre::v1::PRINCIPAL_KIND_APPLICANT:
      case cadre::v1::PRINCIPAL_KIND_SERVICE:
        kind = req->kind() == cadre::v1::PRINCIPAL_KIND_APPLICANT ? PrincipalKind::kApplicant
                                                                  : PrincipalKind::kService;
        if (!IsRequestId(subject)) {
          return InvalidField("subject", "must be 1 to 64 of A-Z, a-z, 0-9, '_' and '-'");
        }
        break;
      default:
        return InvalidField("kind", "is required");
    }
    // A body may issue keys for itself (rotation); everything else is for admins.
    if (!(p.is_admin() || (kind == PrincipalKind::kBody && p.is_body(subject)))) {
      return absl::PermissionDeniedError("only an admin may issue this key");
    }
    CADRE_ASSIGN_OR_RETURN(
        IssuedKey issued, d_.keys->Create(kind, subject, req->label(), p.Actor(), d_.clock->Now()));
    resp->set_key_id(issued.key_id);
    resp->set_secret(issued.secret);
    return absl::OkStatus();
  });
}

Reactor* RegistryService::RevokeApiKey(Ctx* c, const cadre::v1::RevokeApiKeyRequest* req,
                                       cadre::v1::RevokeApiKeyResponse*) {
  return Serve(c, Mode::kWrite, [=, this](const Principal& p) -> absl::Status {
    CADRE_RETURN_IF_ERROR(RequireAuthenticated(p));
    if (!IsRequestId(req->key_id())) return InvalidField("key_id", "is not a key id");
    CADRE_ASSIGN_OR_RETURN(auto owner, d_.keys->FindById(req->key_id()));
    if (!owner) return NotFound(absl::StrCat("key ", req->key_id()));
    const bool own_body_key = owner->kind == PrincipalKind::kBody && p.is_body(owner->subject);
    if (!p.is_admin() && !own_body_key) {
      return absl::PermissionDeniedError("only an admin or the key's body may revoke it");
    }
    CADRE_ASSIGN_OR_RETURN(std::string hash, d_.keys->Revoke(req->key_id(), p.Actor()));
    d_.auth->Forget(hash);
    return absl::OkStatus();
  });
}

}  // namespace cadre::registry
