// Assignments (docs/instructors.md): a set of exercises handed out by link,
// each learner getting their own variants, and a results code the learner
// hands in that the instructor checks offline.
//
// What is secret and what is not:
//  - The instructor key K never leaves the instructor's machine. From it,
//    each assignment gets a secret S = HMAC-SHA-256(K, name and ids), cut to
//    128 bits; S is in the link, so every learner's page holds it.
//  - A learner's variants come from S, the learner's name and the exercise id
//    (SHA-256, then the variant generator): anyone with the link can compute
//    anyone's numbers, and the instructor can regenerate them.
//  - A results code carries the answers, not verdicts, and a MAC with S
//    (RFC 2104 HMAC-SHA-256, cut to 128 bits as section 5 allows). The
//    instructor regrades the answers against the learner's own variants, so
//    a code cannot claim a grade its answers do not earn, and a code copied
//    from another learner is graded against numbers that are not its own.
//  - The MAC shows the code was made with this assignment's secret and not
//    edited since, by someone without the link (a typo, an edited answer or
//    name in a code sent by mail, a code for an assignment never issued). It
//    cannot stop a learner who reads S out of the link: they can sign any
//    answers under any name. It proves no identity and no time of work.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "derive/result.hpp"

namespace derive {

struct Assignment {
  std::string name;                    // chosen by the instructor: "week-3"
  std::vector<std::string> exercises;  // catalogue ids, in order
  std::string secret;                  // S as 32 lower-case hex digits
};

// S for `name` and `exercises` under the instructor key.
std::string assignment_secret(std::string_view key, std::string_view name,
                              const std::vector<std::string>& exercises);

// The token of the link `#/assignment/<token>`: "1~<name, base64url>~<ids
// joined by ','>~<S>". parse_assignment accepts the token or any text that
// ends in "#/assignment/<token>" (a whole URL).
std::string assignment_token(const Assignment& assignment);
Result<Assignment> parse_assignment(std::string_view text);

// A learner's name as the variants use it: spaces trimmed and runs of white
// space made one space, ASCII letters lower-cased ("  Ada  Lovelace" and
// "ada lovelace" get the same numbers). Other characters are kept as typed.
std::string normalize_learner(std::string_view learner);

// The learner's variant of one exercise: a whole number below 2^53 (the web
// trainer's range), the same on every platform.
std::uint64_t learner_variant(const Assignment& assignment, std::string_view learner,
                              std::string_view exercise);

// What a results code says: for each exercise of the assignment, in order,
// the learner's answer parts.
struct Submission {
  std::string name;
  std::vector<std::string> exercises;
  std::string learner;  // normalized
  std::vector<std::vector<std::string>> answers;
};

// "r1~<name>~<ids>~<learner>~<answers>~<MAC>": name, learner and answers in
// base64url (answers: parts joined by U+001F, exercises by U+001E), the MAC
// 32 hex digits over everything before it.
std::string results_code(const Assignment& assignment, std::string_view learner,
                         const std::vector<std::vector<std::string>>& answers);

// Answers as the web page hands them over: exercises joined by U+001E, the
// parts of each by U+001F.
std::vector<std::vector<std::string>> answers_from_text(std::string_view joined);

// Reads a code without judging it; the error says which field is unreadable.
Result<Submission> read_results_code(std::string_view code);

// True when `code`'s MAC is the one `secret` gives.
bool results_code_authentic(std::string_view code, std::string_view secret);

}  // namespace derive
