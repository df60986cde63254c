// The words of a person's application pages (issue 9): states, reasons, payment choices,
// score parts, banners and the shape of an application's id. Pure: no sockets.

#include "services/gateway/domain/application_labels.h"

#include <gtest/gtest.h>

namespace cadre::gateway {
namespace {

namespace v1 = cadre::v1;

TEST(ApplicationLabels, StatesAndWhetherTheyAreLive) {
  EXPECT_EQ(ApplicationStateLabel(v1::APPLICATION_STATE_SHORTLISTED), "Shortlisted");
  EXPECT_EQ(ApplicationStateLabel(v1::APPLICATION_STATE_UNSPECIFIED), "Unknown");
  EXPECT_EQ(ApplicationStateTagClass(v1::APPLICATION_STATE_ACCEPTED), "nhsuk-tag--green");
  EXPECT_EQ(ApplicationStateTagClass(v1::APPLICATION_STATE_UNSUCCESSFUL), "nhsuk-tag--red");
  for (auto live : {v1::APPLICATION_STATE_SUBMITTED, v1::APPLICATION_STATE_ACKNOWLEDGED,
                    v1::APPLICATION_STATE_SHORTLISTED, v1::APPLICATION_STATE_OFFERED}) {
    EXPECT_TRUE(IsLiveApplication(live)) << live;
  }
  for (auto closed : {v1::APPLICATION_STATE_ACCEPTED, v1::APPLICATION_STATE_DECLINED,
                      v1::APPLICATION_STATE_WITHDRAWN, v1::APPLICATION_STATE_UNSUCCESSFUL}) {
    EXPECT_FALSE(IsLiveApplication(closed)) << closed;
  }
}

TEST(ApplicationLabels, EveryReasonHasASentence) {
  for (int r = v1::UNSUCCESSFUL_REASON_NOT_SHORTLISTED;
       r <= v1::UNSUCCESSFUL_REASON_NO_DECISION_MADE; ++r) {
    const std::string text = UnsuccessfulReasonLabel(static_cast<v1::UnsuccessfulReason>(r));
    EXPECT_FALSE(text.empty()) << r;
    EXPECT_EQ(text.back(), '.') << text;
  }
  EXPECT_EQ(UnsuccessfulReasonLabel(v1::UNSUCCESSFUL_REASON_UNSPECIFIED), "");
}

TEST(ApplicationLabels, WhoOwesTheNextStep) {
  EXPECT_EQ(PartyLabel(v1::PARTY_APPLICANT), "You");
  EXPECT_EQ(PartyLabel(v1::PARTY_BODY), "The organisation");
  EXPECT_EQ(PartyLabel(v1::PARTY_UNSPECIFIED), "");
}

TEST(ApplicationLabels, PaymentChoicesRoundTrip) {
  ASSERT_EQ(PaymentOptions().size(), 3u);
  for (const PaymentOption& option : PaymentOptions()) {
    EXPECT_EQ(PaymentChoiceFromValue(option.value), option.choice);
    EXPECT_EQ(PaymentChoiceLabel(option.choice), option.label);
  }
  EXPECT_EQ(PaymentChoiceFromValue("all-of-it"), v1::PAYMENT_CHOICE_UNSPECIFIED);
  EXPECT_EQ(PaymentChoiceFromValue(""), v1::PAYMENT_CHOICE_UNSPECIFIED);
  EXPECT_EQ(PaymentChoiceLabel(v1::PAYMENT_CHOICE_UNSPECIFIED), "Not chosen yet");
}

TEST(ApplicationLabels, ScoresInWords) {
  EXPECT_EQ(ScorePartLabel("lived_experience"), "Lived experience");
  EXPECT_EQ(ScorePartLabel("spread"), "Spreading involvement");
  EXPECT_EQ(ScorePartLabel("something_new"), "Something new");
  EXPECT_EQ(PointsLabel(12.0), "12");
  EXPECT_EQ(PointsLabel(12.46), "12.5");
  EXPECT_EQ(PointsLabel(0), "0");
  EXPECT_EQ(Sentence("you meet all 3 requirements"), "You meet all 3 requirements");
  EXPECT_EQ(Sentence(""), "");
}

TEST(ApplicationLabels, BannersOnlyForOurWords) {
  EXPECT_EQ(DoneBannerFor("withdrawn").text, "Your application has been withdrawn");
  EXPECT_TRUE(DoneBannerFor("withdrawn").success);
  EXPECT_FALSE(DoneBannerFor("changed").success);
  EXPECT_EQ(DoneBannerFor("<script>").text, "");
  EXPECT_EQ(DoneBannerFor("").text, "");
}

TEST(ApplicationLabels, ApplicationIds) {
  EXPECT_TRUE(IsApplicationId("abcdefghijklmn23"));
  EXPECT_FALSE(IsApplicationId("abcdefghijklmn2"));    // 15
  EXPECT_FALSE(IsApplicationId("abcdefghijklmn189"));  // 1, 8, 9 are not base32
  EXPECT_FALSE(IsApplicationId("ABCDEFGHIJKLMN23"));
  EXPECT_FALSE(IsApplicationId("../../etc/passwdx"));
}

}  // namespace
}  // namespace cadre::gateway
