#include "derive/exercise/assignment.hpp"

#include <cctype>
#include <string>

#include "derive/sha256.hpp"
#include "exercise/prng.hpp"

namespace derive {
namespace {

constexpr char kSeparator = '~';
constexpr std::string_view kLinkMarker = "#/assignment/";
constexpr std::size_t kMacHexDigits = 32;  // 128 bits

// RFC 4648, section 5: base64url, without padding.
constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::string base64url(std::string_view bytes) {
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (const char c : bytes) {
    buffer = (buffer << 8) | static_cast<unsigned char>(c);
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += kAlphabet[(buffer >> bits) & 63];
    }
  }
  if (bits > 0) out += kAlphabet[(buffer << (6 - bits)) & 63];
  return out;
}

Result<std::string> from_base64url(std::string_view text, const char* what) {
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (const char c : text) {
    const char* at = std::char_traits<char>::find(kAlphabet, 64, c);
    if (!at) return make_error(std::string(what) + " is not base64url (letters, digits, '-' and '_')");
    buffer = (buffer << 6) | static_cast<std::uint32_t>(at - kAlphabet);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xff);
    }
  }
  if (bits >= 6 || (buffer & ((1u << bits) - 1)) != 0)
    return make_error(std::string(what) + " ends in the middle of a character; was the text cut?");
  return out;
}

std::vector<std::string> split(std::string_view text, char separator) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while (true) {
    const std::size_t next = text.find(separator, at);
    out.emplace_back(text.substr(at, next == std::string_view::npos ? std::string_view::npos : next - at));
    if (next == std::string_view::npos) return out;
    at = next + 1;
  }
}

std::string join(const std::vector<std::string>& words, char separator) {
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) out += (i ? std::string(1, separator) : "") + words[i];
  return out;
}

bool plain_id(std::string_view id) {
  if (id.empty()) return false;
  for (const char c : id)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_')) return false;
  return true;
}

Result<std::vector<std::string>> read_ids(std::string_view text) {
  std::vector<std::string> ids = split(text, ',');
  for (const std::string& id : ids)
    if (!plain_id(id))
      return make_error("exercise id \"" + id + "\" in the list: expected letters, digits, '.', '-'");
  return ids;
}

std::string mac(std::string_view secret, std::string_view signed_text) {
  return to_hex(hmac_sha256(secret, signed_text)).substr(0, kMacHexDigits);
}

}  // namespace

std::string assignment_secret(std::string_view key, std::string_view name,
                              const std::vector<std::string>& exercises) {
  // Each field on its own line, so no two (name, ids) give one message.
  const std::string message = "derive assignment secret v1\n" + base64url(name) + "\n" + join(exercises, ',');
  return to_hex(hmac_sha256(key, message)).substr(0, 32);
}

std::string assignment_token(const Assignment& assignment) {
  return std::string("1") + kSeparator + base64url(assignment.name) + kSeparator +
         join(assignment.exercises, ',') + kSeparator + assignment.secret;
}

Result<Assignment> parse_assignment(std::string_view text) {
  if (const std::size_t marker = text.rfind(kLinkMarker); marker != std::string_view::npos)
    text = text.substr(marker + kLinkMarker.size());
  const std::vector<std::string> fields = split(text, kSeparator);
  if (fields.size() != 4 || fields[0] != "1")
    return make_error("not an assignment link: expected #/assignment/1~NAME~IDS~SECRET");
  Assignment assignment;
  DERIVE_TRY(assignment.name, from_base64url(fields[1], "the assignment's name"));
  DERIVE_TRY(assignment.exercises, read_ids(fields[2]));
  assignment.secret = fields[3];
  if (assignment.secret.size() != 32 ||
      assignment.secret.find_first_not_of("0123456789abcdef") != std::string::npos)
    return make_error("the assignment link's secret must be 32 hex digits; was the link cut?");
  return assignment;
}

std::string normalize_learner(std::string_view learner) {
  std::string out;
  bool space = false;
  for (const char c : learner) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

std::uint64_t learner_variant(const Assignment& assignment, std::string_view learner,
                              std::string_view exercise) {
  const Sha256Digest digest = sha256("derive assignment variant v1\n" + assignment.secret + "\n" +
                                     base64url(normalize_learner(learner)) + "\n" + std::string(exercise));
  std::uint64_t seed = 0;
  for (int i = 0; i < 8; ++i) seed = (seed << 8) | digest[i];
  VariantRng rng(exercise, seed);
  return rng.next() >> 11;  // 53 bits
}

std::string results_code(const Assignment& assignment, std::string_view learner,
                         const std::vector<std::vector<std::string>>& answers) {
  std::vector<std::string> joined;
  for (const auto& parts : answers) joined.push_back(join(parts, '\x1f'));
  const std::string body = std::string("r1") + kSeparator + base64url(assignment.name) + kSeparator +
                           join(assignment.exercises, ',') + kSeparator +
                           base64url(normalize_learner(learner)) + kSeparator +
                           base64url(join(joined, '\x1e')) + kSeparator;
  return body + mac(assignment.secret, body);
}

std::vector<std::vector<std::string>> answers_from_text(std::string_view joined) {
  std::vector<std::vector<std::string>> answers;
  for (const std::string& parts : split(joined, '\x1e')) answers.push_back(split(parts, '\x1f'));
  return answers;
}

Result<Submission> read_results_code(std::string_view code) {
  const std::vector<std::string> fields = split(code, kSeparator);
  if (fields.size() != 6 || fields[0] != "r1")
    return make_error(
        "not a results code: expected r1~NAME~IDS~LEARNER~ANSWERS~MAC (6 fields joined by '~')");
  Submission submission;
  DERIVE_TRY(submission.name, from_base64url(fields[1], "the assignment's name"));
  DERIVE_TRY(submission.exercises, read_ids(fields[2]));
  DERIVE_TRY(submission.learner, from_base64url(fields[3], "the learner's name"));
  DERIVE_TRY(const std::string answers, from_base64url(fields[4], "the answers"));
  submission.answers = answers_from_text(answers);
  if (submission.answers.size() != submission.exercises.size())
    return make_error("the results code has " + std::to_string(submission.answers.size()) + " answers for " +
                      std::to_string(submission.exercises.size()) + " exercises");
  if (fields[5].size() != kMacHexDigits) return make_error("the results code's MAC must be 32 hex digits");
  return submission;
}

bool results_code_authentic(std::string_view code, std::string_view secret) {
  const std::size_t last = code.rfind(kSeparator);
  if (last == std::string_view::npos) return false;
  return constant_time_equal(mac(secret, code.substr(0, last + 1)), code.substr(last + 1));
}

}  // namespace derive
