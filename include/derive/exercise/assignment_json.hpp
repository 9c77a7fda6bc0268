// Assignments for the web trainer's #/assignment/ page (web/modules/assignment.js),
// as JSON through the WebAssembly exports: the same C++ as `derive assignment`,
// so the page shows exactly the variants the instructor regenerates.
#pragma once

#include <string>
#include <string_view>

namespace derive::web {

// {"name": "week 3", "learner": "ada lovelace", "exercises": [{"id": "llm.kv-cache", "variant":
// 3475576468705788}, ...]} for the link token and the learner's name as typed, or {"error": "..."} (an
// unreadable link, an empty name, an id the built-in catalogue lacks).
std::string assignment_json(std::string_view token, std::string_view learner);

// {"code": "r1~..."}: the results code of the learner's answers, the
// exercises' answers joined by U+001E and each one's parts by U+001F; or
// {"error": "..."} (also for an empty name). Bounded like every call (kMaxCallBytes).
std::string results_code_json(std::string_view token, std::string_view learner,
                              std::string_view joined_answers);

}  // namespace derive::web
