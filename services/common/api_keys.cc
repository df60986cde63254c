#include "services/common/api_keys.h"

#include <openssl/rand.h>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "services/common/base/status_macros.h"

namespace cadre {
namespace {

std::string KeyHashKey(absl::string_view hash) { return absl::StrCat("auth:key:", hash); }
std::string KeyIdKey(absl::string_view id) { return absl::StrCat("auth:key_id:", id); }

absl::StatusOr<std::string> RandomHex(int bytes) {
  std::string buf(bytes, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(buf.data()), bytes) != 1) {
    return absl::InternalError("RAND_bytes failed");
  }
  return absl::BytesToHexString(buf);
}

// An entry of auth:audit: who issued or revoked which key, for whom. Ids only.
std::vector<std::string> AuditEntry(absl::string_view actor, absl::string_view action,
                                    absl::string_view key_id, PrincipalKind kind,
                                    absl::string_view subject) {
  return {"XADD",    "auth:audit",
          "MAXLEN",  "~",
          "100000",  "*",
          "actor",   std::string(actor),
          "action",  std::string(action),
          "key_id",  std::string(key_id),
          "kind",    std::string(PrincipalKindName(kind)),
          "subject", std::string(subject)};
}

absl::optional<PrincipalKind> KindFromName(absl::string_view name) {
  for (PrincipalKind k : {PrincipalKind::kAdmin, PrincipalKind::kBody, PrincipalKind::kApplicant,
                          PrincipalKind::kService}) {
    if (PrincipalKindName(k) == name) return k;
  }
  return absl::nullopt;
}

// Reads the principal out of an HGETALL reply; nullopt if the hash is empty.
absl::optional<Principal> PrincipalFromHash(const RedisReply& reply) {
  if (reply.type != RedisReply::Type::kArray || reply.elements.empty()) return absl::nullopt;
  Principal p;
  bool has_kind = false;
  for (size_t i = 0; i + 1 < reply.elements.size(); i += 2) {
    const std::string& field = reply.elements[i].str;
    const std::string& value = reply.elements[i + 1].str;
    if (field == "kind") {
      auto kind = KindFromName(value);
      if (!kind) return absl::nullopt;
      p.kind = *kind;
      has_kind = true;
    } else if (field == "subject") {
      p.subject = value;
    } else if (field == "key_id") {
      p.key_id = value;
    }
  }
  if (!has_kind) return absl::nullopt;
  return p;
}

}  // namespace

absl::StatusOr<IssuedKey> ApiKeyStore::Create(PrincipalKind kind, absl::string_view subject,
                                              absl::string_view label, absl::string_view actor,
                                              absl::Time now) {
  CADRE_ASSIGN_OR_RETURN(std::string id, RandomHex(8));
  CADRE_ASSIGN_OR_RETURN(std::string random, RandomHex(24));
  IssuedKey issued{id, absl::StrCat(kIssuedKeyPrefix, random)};
  const std::string hash = Sha256Hex(issued.secret);
  CADRE_RETURN_IF_ERROR(
      redis_
          ->Transaction({{"HSET", KeyHashKey(hash), "kind", std::string(PrincipalKindName(kind)),
                          "subject", std::string(subject), "key_id", id, "label",
                          std::string(label), "create_time", absl::FormatTime(now)},
                         {"SET", KeyIdKey(id), hash},
                         AuditEntry(actor, "key_created", id, kind, subject)})
          .status());
  return issued;
}

absl::StatusOr<std::string> ApiKeyStore::Revoke(absl::string_view key_id, absl::string_view actor) {
  CADRE_ASSIGN_OR_RETURN(RedisReply hash, redis_->Command({"GET", KeyIdKey(key_id)}));
  if (hash.is_nil()) return absl::NotFoundError(absl::StrCat("no key with id ", key_id));
  CADRE_ASSIGN_OR_RETURN(auto owner, Find(hash.str));
  const Principal principal = owner.value_or(Principal{});
  CADRE_RETURN_IF_ERROR(redis_
                            ->Transaction({{"DEL", KeyHashKey(hash.str)},
                                           {"DEL", KeyIdKey(key_id)},
                                           AuditEntry(actor, "key_revoked", key_id, principal.kind,
                                                      principal.subject)})
                            .status());
  return hash.str;
}

absl::StatusOr<absl::optional<Principal>> ApiKeyStore::Find(absl::string_view key_hash) {
  CADRE_ASSIGN_OR_RETURN(RedisReply reply, redis_->Command({"HGETALL", KeyHashKey(key_hash)}));
  return PrincipalFromHash(reply);
}

absl::StatusOr<absl::optional<Principal>> ApiKeyStore::FindById(absl::string_view key_id) {
  CADRE_ASSIGN_OR_RETURN(RedisReply hash, redis_->Command({"GET", KeyIdKey(key_id)}));
  if (hash.is_nil()) return absl::optional<Principal>();
  return Find(hash.str);
}

}  // namespace cadre
