#include "services/matching/domain/common_passwords.h"

namespace cadre::matching {
namespace {

// Well-known common passwords of 10 characters or more, lower-case: the longer entries of
// the public breach-derived lists (SecLists' most common passwords, the NCSC's "100,000
// most common"), with the service's own context added, as NIST SP 800-63B asks
// ("cadre...", "nhsengland..."). Shorter ones need no list: the length rule refuses them.
// Sorted bytewise (IsCommonPassword searches it; the unit test checks the order).
constexpr absl::string_view kCommonPasswords[] = {
    "0000000000",       "0123456789",   "0987654321",       "1029384756",     "1111111111",
    "1111122222",       "1122334455",   "1212121212",       "123123123123",   "1231231234",
    "1234512345",       "1234554321",   "123456123456",     "1234567890",     "1234567890a",
    "1234567890q",      "1234567891",   "12345678910",      "1234567899",     "123456789a",
    "123456789abc",     "123456789q",   "123456qwerty",     "12345abcde",     "12345qwert",
    "1234qwerasdf",     "123abc123abc", "123qweasdzxc",     "1357924680",     "1a2b3c4d5e",
    "1password1",       "1q2w3e4r5t",   "1q2w3e4r5t6y",     "1qaz2wsx3edc",   "1qazxsw23edc",
    "2222222222",       "3333333333",   "4444444444",       "5555555555",     "6666666666",
    "7777777777",       "8888888888",   "9876543210",       "987654321a",     "9999999999",
    "a123456789",       "aa12345678",   "abc1234567",       "abc123456789",   "abcabcabc123",
    "abcd123456",       "abcde12345",   "abcdef123456",     "abcdefg123",     "abcdefghij",
    "abcdefghijk",      "abcdefghijkl", "admin12345",       "admin123456",    "adminadmin",
    "administrator",    "arsenal123",   "asdf1234asdf",     "asdfasdfasdf",   "asdfghjkl1",
    "asdfghjkl123",     "autumn2024",   "babygirl12",       "babygirl123",    "baseball12",
    "baseball123",      "basketball",   "basketball1",      "batman1234",     "butterfly1",
    "butterfly12",      "cadre12345",   "cadrecadre",       "cadrepassword",  "callofduty",
    "changeme12",       "changeme123",  "charlie123",       "cheerleader",    "chelsea123",
    "chocolate1",       "chocolate12",  "christmas1",       "computer12",     "computer123",
    "dragon1234",       "elizabeth1",   "england123",       "everton123",     "football12",
    "football123",      "fortnite123",  "freedom123",       "goodluck12",     "hello12345",
    "hello123456",      "helloworld",   "helloworld1",      "iloveyou12",     "iloveyou123",
    "iloveyou1234",     "internet123",  "jessica123",       "letmein123",     "letmein1234",
    "liverpool1",       "liverpool123", "london1234",       "london2024",     "lovely1234",
    "manchester",       "manchester1",  "manchesterunited", "master1234",     "michael123",
    "minecraft1",       "minecraft123", "monkey1234",       "mypassword",     "mypassword1",
    "newpassword",      "newpassword1", "nhsengland",       "nhsengland1",    "nopassword",
    "p@55w0rd123",      "p@ssw0rd12",   "p@ssw0rd123",      "p@ssword123",    "passpass12",
    "passw0rd12",       "passw0rd123",  "password!!",       "password1!",     "password12",
    "password123",      "password123!", "password1234",     "password12345",  "password2020",
    "password2021",     "password2022", "password2023",     "password2024",   "password2025",
    "passwordpassword", "pineapple1",   "playstation",      "playstation2",   "pokemon123",
    "princess12",       "princess123",  "q1w2e3r4t5",       "q1w2e3r4t5y6",   "qazwsxedc123",
    "qazwsxedcrfv",     "qwe1234567",   "qweasdzxc123",     "qwer1234asdf",   "qwerty1234",
    "qwerty12345",      "qwerty123456", "qwerty2024",       "qwertyqwerty",   "qwertyuiop",
    "qwertyuiop123",    "rainbow123",   "secret1234",       "secretpassword", "shadow1234",
    "skateboard",       "spring2024",   "starwars12",       "starwars123",    "strawberry",
    "summer2020",       "summer2021",   "summer2022",       "summer2023",     "summer2024",
    "summer2025",       "sunflower1",   "sunshine12",       "sunshine123",    "superman12",
    "superman123",      "superstar1",   "test123456",       "testing123",     "testtest12",
    "thisisapassword",  "tottenham1",   "trustno1234",      "unitedkingdom",  "watermelon",
    "welcome123",       "welcome1234",  "welcome2024",      "whatever123",    "winter2020",
    "winter2021",       "winter2022",   "winter2023",       "winter2024",     "winter2025",
    "zaq12wsxcde3",     "zxcvbnm123",   "zxcvbnmasdf",
};

}  // namespace

absl::Span<const absl::string_view> CommonPasswords() { return kCommonPasswords; }

}  // namespace cadre::matching
