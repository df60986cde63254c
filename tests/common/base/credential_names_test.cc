#include "services/common/base/credential_names.h"

#include <gtest/gtest.h>

#include "tests/support/status_matchers.h"

namespace cadre {
namespace {

TEST(CredentialNames, AcceptsTheThreeForms) {
  for (const char* name : {"dbs-basic", "dbs-standard", "dbs-enhanced", "modules/ppv-induction",
                           "modules/7", "safeguarding-level-2", "mhfa"}) {
    EXPECT_TRUE(IsCredentialName(name)) << name;
  }
  CredentialForm form;
  ASSERT_TRUE(ParseCredentialForm("modules/chairing", &form));
  EXPECT_EQ(form, CredentialForm::kModule);
  ASSERT_TRUE(ParseCredentialForm("dbs-standard", &form));
  EXPECT_EQ(form, CredentialForm::kDbs);
  ASSERT_TRUE(ParseCredentialForm("first-aid", &form));
  EXPECT_EQ(form, CredentialForm::kAccreditation);
}

TEST(CredentialNames, RefusesEverythingElse) {
  for (const char* name : {"", "dbs-extra", "dbs-", "modules/", "modules/Bad", "module/x", "ab",
                           "9lives", "-first", "first-", "First-Aid", "a b c", "modules/a/b"}) {
    EXPECT_FALSE(IsCredentialName(name)) << name;
  }
  EXPECT_THAT(CheckCredentialName("dbs-extra", "role.required_credentials[0]"),
              testing::InvalidAt("role.required_credentials[0]"));
}

TEST(CredentialNames, HigherDbsLevelsSatisfyLowerOnes) {
  EXPECT_TRUE(CredentialSatisfies("dbs-enhanced", "dbs-basic"));
  EXPECT_TRUE(CredentialSatisfies("dbs-enhanced", "dbs-standard"));
  EXPECT_TRUE(CredentialSatisfies("dbs-standard", "dbs-standard"));
  EXPECT_FALSE(CredentialSatisfies("dbs-basic", "dbs-standard"));
  EXPECT_FALSE(CredentialSatisfies("dbs-standard", "dbs-enhanced"));
  EXPECT_TRUE(CredentialSatisfies("modules/x", "modules/x"));
  EXPECT_FALSE(CredentialSatisfies("modules/x", "modules/y"));
  EXPECT_FALSE(CredentialSatisfies("dbs-enhanced", "mhfa"));
}

}  // namespace
}  // namespace cadre
