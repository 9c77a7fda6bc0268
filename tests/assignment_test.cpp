// SHA-256 and HMAC-SHA-256 against their published test vectors, and
// assignments: reproducible variants, links and results codes that verify
// and that reject any change.
#include <gtest/gtest.h>

#include <set>

#include "derive/exercise/assignment.hpp"
#include "derive/exercise/assignment_json.hpp"
#include "derive/sha256.hpp"

namespace derive {
namespace {

std::string bytes_of(const Sha256Digest& d) { return std::string(d.begin(), d.end()); }

TEST(Sha256, MatchesTheFips180ExamplesAndTheEmptyMessage) {
  // NIST's "Examples with intermediate values" for SHA-256 (one block, two
  // blocks), and the digest of the empty message.
  EXPECT_EQ(to_hex(sha256("abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(to_hex(sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(to_hex(sha256("")), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  // FIPS 180-2's long message: a million 'a's (many blocks; its padding
  // takes a block of its own).
  EXPECT_EQ(to_hex(sha256(std::string(1000000, 'a'))),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(HmacSha256, MatchesRfc4231) {
  // RFC 4231, test cases 1, 2 and 6 (a key longer than the block size).
  EXPECT_EQ(to_hex(hmac_sha256(std::string(20, '\x0b'), "Hi There")),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  EXPECT_EQ(to_hex(hmac_sha256("Jefe", "what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  EXPECT_EQ(
      to_hex(hmac_sha256(std::string(131, '\xaa'), "Test Using Larger Than Block-Size Key - Hash Key First")),
      "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

const std::string kKey = "0123456789abcdef-instructor-key";

Assignment week3() {
  Assignment a{"week 3", {"llm.kv-cache", "quant.levels"}, ""};
  a.secret = assignment_secret(kKey, a.name, a.exercises);
  return a;
}

TEST(Assignment, TheLinkRoundTripsAndTheSecretDependsOnKeyNameAndExercises) {
  const Assignment a = week3();
  EXPECT_EQ(a.secret.size(), 32u);
  const auto read = parse_assignment("https://example.org/derive/#/assignment/" + assignment_token(a));
  ASSERT_TRUE(read.ok()) << read.error().message;
  EXPECT_EQ(read->name, a.name);
  EXPECT_EQ(read->exercises, a.exercises);
  EXPECT_EQ(read->secret, a.secret);
  EXPECT_NE(assignment_secret("another key of 16+ bytes", a.name, a.exercises), a.secret);
  EXPECT_NE(assignment_secret(kKey, "week 4", a.exercises), a.secret);
  EXPECT_NE(assignment_secret(kKey, a.name, {"llm.kv-cache"}), a.secret);
  EXPECT_FALSE(parse_assignment("1~d2Vlaw~llm.kv-cache~abc").ok()) << "a cut secret";
  EXPECT_FALSE(parse_assignment("#/ex/llm.kv-cache").ok());
}

TEST(Assignment, VariantsAreReproduciblePerLearnerAndDifferBetweenLearners) {
  const Assignment a = week3();
  const std::uint64_t ada = learner_variant(a, "Ada Lovelace", "llm.kv-cache");
  EXPECT_EQ(learner_variant(a, "  ada   LOVELACE ", "llm.kv-cache"), ada) << "the name is normalized";
  EXPECT_EQ(learner_variant(week3(), "Ada Lovelace", "llm.kv-cache"), ada) << "the instructor regenerates it";
  EXPECT_LT(ada, std::uint64_t{1} << 53);
  std::set<std::uint64_t> seen;
  for (int i = 0; i < 200; ++i)
    seen.insert(learner_variant(a, "learner " + std::to_string(i), "llm.kv-cache"));
  EXPECT_EQ(seen.size(), 200u) << "200 learners, 200 different variants";
  EXPECT_NE(learner_variant(a, "Ada Lovelace", "quant.levels"), ada);
}

TEST(Assignment, AResultsCodeVerifiesAndAnyChangeIsRejected) {
  const Assignment a = week3();
  const std::string code = results_code(a, "Ada Lovelace", {{"268.4 MB"}, {"255"}});
  EXPECT_TRUE(results_code_authentic(code, a.secret));
  const auto read = read_results_code(code);
  ASSERT_TRUE(read.ok()) << read.error().message;
  EXPECT_EQ(read->learner, "ada lovelace");
  EXPECT_EQ(read->answers, (std::vector<std::vector<std::string>>{{"268.4 MB"}, {"255"}}));
  EXPECT_EQ(read->exercises, a.exercises);

  EXPECT_FALSE(
      results_code_authentic(code, assignment_secret("another key of 16+ bytes", a.name, a.exercises)));
  // Another learner's name or other answers, signed by nobody: the old MAC fails.
  const std::string mac = code.substr(code.rfind('~') + 1);
  const std::string other = results_code(a, "Grace Hopper", {{"268.4 MB"}, {"255"}});
  EXPECT_FALSE(results_code_authentic(other.substr(0, other.rfind('~') + 1) + mac, a.secret));
  // Every single-character change anywhere in the code is caught.
  for (std::size_t i = 0; i < code.size(); ++i) {
    std::string changed = code;
    changed[i] = changed[i] == 'A' ? 'B' : 'A';
    EXPECT_FALSE(results_code_authentic(changed, a.secret)) << "changed at " << i;
  }
  EXPECT_FALSE(read_results_code("r1~only~three").ok());
}

TEST(AssignmentJson, TheWebPageGetsTheVariantsAndACodeThatVerifies) {
  const Assignment a = week3();
  const std::string token = assignment_token(a);
  EXPECT_EQ(
      web::assignment_json(token, ""),
      R"({"name": "week 3", "learner": "", "exercises": [{"id": "llm.kv-cache"}, {"id": "quant.levels"}]})");
  const std::string named = web::assignment_json(token, "Ada Lovelace");
  EXPECT_NE(named.find(R"("learner": "ada lovelace")"), std::string::npos) << named;
  EXPECT_NE(named.find("\"variant\": " + std::to_string(learner_variant(a, "Ada Lovelace", "llm.kv-cache"))),
            std::string::npos)
      << named;
  const std::string code = web::results_code_json(token, "Ada Lovelace",
                                                  "268.4 MB\x1e"
                                                  "255");
  EXPECT_EQ(code, "{\"code\": \"" + results_code(a, "Ada Lovelace", {{"268.4 MB"}, {"255"}}) + "\"}");
  EXPECT_NE(web::results_code_json(token, " ",
                                   "1\x1e"
                                   "2")
                .find("error"),
            std::string::npos)
      << "no name";
  EXPECT_NE(web::results_code_json(token, "Ada", "1").find("error"), std::string::npos)
      << "one answer for two";
  Assignment unknown = a;
  unknown.exercises = {"llm.no-such-exercise"};
  EXPECT_NE(web::assignment_json(assignment_token(unknown), "Ada").find("does not have"), std::string::npos);
}

}  // namespace
}  // namespace derive
