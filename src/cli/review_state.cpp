#include "cli/review_state.hpp"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <limits>
#include <system_error>

#include "derive/exercise/document.hpp"
#include "derive/json_writer.hpp"
#include "derive/number_format.hpp"

namespace derive::cli {
namespace {

std::string json_string(std::string_view text) { return JsonWriter().string(text).take(); }

std::string exact(double value) { return format_shortest(value); }

std::string card_json(const review::Card& c) {
  return "{\"exercise\": " + json_string(c.exercise) + ", \"stability\": " + exact(c.memory.stability) +
         ", \"difficulty\": " + exact(c.memory.difficulty) + ", \"last_day\": " + std::to_string(c.last_day) +
         ", \"due_day\": " + std::to_string(c.due_day) + ", \"reviews\": " + std::to_string(c.reviews) +
         ", \"lapses\": " + std::to_string(c.lapses) + "}";
}

// Reads the members of one table, each error prefixed with where it is.
class Fields {
 public:
  Fields(const Document& table, std::string where) : table_(table), where_(std::move(where)) {}

  Result<const Document*> get(std::string_view key, Document::Kind kind, const char* expected) const {
    const Document* d = table_.get(key);
    const bool number_ok = kind == Document::Kind::Float && d != nullptr && d->is_number();
    if (d == nullptr || (d->kind != kind && !number_ok))
      return make_error(name(key) + ": expected " + expected);
    return d;
  }
  Result<std::string> text(std::string_view key) const {
    DERIVE_TRY(const Document* d, get(key, Document::Kind::String, "a string"));
    return d->text;
  }
  Result<std::int64_t> integer(std::string_view key, std::int64_t min) const {
    DERIVE_TRY(const Document* d, get(key, Document::Kind::Integer, "a whole number"));
    if (d->integer < min)
      return make_error(name(key) + ": expected a whole number >= " + std::to_string(min));
    return d->integer;
  }
  Result<double> number(std::string_view key, double min, double max) const {
    DERIVE_TRY(const Document* d, get(key, Document::Kind::Float, "a number"));
    const double x = d->number();
    if (!(x >= min && x <= max))
      return make_error(name(key) + ": expected a number in [" + exact(min) + ", " + exact(max) + "], got " +
                        exact(x));
    return x;
  }
  Result<bool> boolean(std::string_view key) const {
    DERIVE_TRY(const Document* d, get(key, Document::Kind::Boolean, "true or false"));
    return d->boolean;
  }
  std::string name(std::string_view key) const { return where_ + "." + std::string(key); }

 private:
  const Document& table_;
  std::string where_;
};

Result<int> small(Result<std::int64_t> value) {
  if (!value) return value.error();
  if (*value > std::numeric_limits<int>::max()) return make_error("count too large");
  return static_cast<int>(*value);
}

Result<review::Card> parse_card(const Document& d, const std::string& where) {
  if (!d.is_table()) return make_error(where + ": expected a table");
  const Fields f(d, where);
  review::Card c;
  DERIVE_TRY(c.exercise, f.text("exercise"));
  DERIVE_TRY(c.memory.stability, f.number("stability", review::kMinStability, review::kMaxStability));
  DERIVE_TRY(c.memory.difficulty, f.number("difficulty", 1, 10));
  DERIVE_TRY(c.last_day, f.integer("last_day", 0));
  DERIVE_TRY(c.due_day, f.integer("due_day", c.last_day));
  DERIVE_TRY(c.reviews, small(f.integer("reviews", 1)));
  DERIVE_TRY(c.lapses, small(f.integer("lapses", 0)));
  return c;
}

Result<review::ReviewRecord> parse_record(const Document& d, const std::string& where) {
  if (!d.is_table()) return make_error(where + ": expected a table");
  const Fields f(d, where);
  review::ReviewRecord r;
  DERIVE_TRY(r.exercise, f.text("exercise"));
  DERIVE_TRY(const std::string variant, f.text("variant"));
  char* end = nullptr;
  errno = 0;
  r.variant = std::strtoull(variant.c_str(), &end, 10);
  if (variant.empty() || *end != '\0' || errno != 0 || variant[0] == '-')
    return make_error(f.name("variant") + ": expected a variant number as a string, got \"" + variant + "\"");
  DERIVE_TRY(r.correct, f.boolean("correct"));
  DERIVE_TRY(r.seconds, f.number("seconds", 0, 1e9));
  DERIVE_TRY(r.hints, small(f.integer("hints", 0)));
  DERIVE_TRY(r.slip, f.text("slip"));
  DERIVE_TRY(const std::string rating, f.text("rating"));
  auto parsed = review::parse_rating(rating);
  if (!parsed) return make_error(f.name("rating") + ": " + parsed.error().message);
  r.rating = *parsed;
  DERIVE_TRY(r.timestamp, f.integer("timestamp", 0));
  return r;
}

}  // namespace

std::string review_state_json(const ReviewState& state) {
  std::string out = "{\"version\": " + std::to_string(kReviewStateVersion) + ",\n \"cards\": [";
  for (std::size_t i = 0; i < state.cards.size(); ++i)
    out += std::string(i ? ",\n  " : "\n  ") + card_json(state.cards[i]);
  out += "],\n \"new\": {\"day\": " + std::to_string(state.new_day) +
         ", \"count\": " + std::to_string(state.new_count) + "},\n \"log\": [";
  for (std::size_t i = 0; i < state.log.size(); ++i)
    out += std::string(i ? ",\n  " : "\n  ") + review::record_json(state.log[i]);
  return out + "]}\n";
}

Result<ReviewState> parse_review_state(std::string_view text) {
  DERIVE_TRY(const Document root, parse_json_document(text));
  if (!root.is_table())
    return make_error("expected a JSON object {\"version\", \"cards\", \"new\", \"log\"}");
  const Fields top(root, "state");
  DERIVE_TRY(const std::int64_t version, top.integer("version", 1));
  if (version > kReviewStateVersion)
    return make_error("state version " + std::to_string(version) + " is newer than this derive reads (" +
                      std::to_string(kReviewStateVersion) + "): update derive");
  ReviewState state;
  DERIVE_TRY(const Document* cards, top.get("cards", Document::Kind::Array, "an array"));
  for (std::size_t i = 0; i < cards->items.size(); ++i) {
    DERIVE_TRY(auto card, parse_card(cards->items[i], "cards[" + std::to_string(i) + "]"));
    state.cards.push_back(std::move(card));
  }
  DERIVE_TRY(const Document* fresh, top.get("new", Document::Kind::Table, "a table {\"day\", \"count\"}"));
  const Fields f(*fresh, "state.new");
  DERIVE_TRY(state.new_day, f.integer("day", 0));
  DERIVE_TRY(state.new_count, small(f.integer("count", 0)));
  DERIVE_TRY(const Document* log, top.get("log", Document::Kind::Array, "an array"));
  for (std::size_t i = 0; i < log->items.size(); ++i) {
    DERIVE_TRY(auto record, parse_record(log->items[i], "log[" + std::to_string(i) + "]"));
    state.log.push_back(std::move(record));
  }
  return state;
}

std::filesystem::path default_review_state_path() {
  if (const char* xdg = std::getenv("XDG_STATE_HOME"); xdg != nullptr && *xdg != '\0')
    return std::filesystem::path(xdg) / "derive" / "review.json";
  if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0')
    return std::filesystem::path(home) / ".local" / "state" / "derive" / "review.json";
  return {};
}

Result<ReviewState> read_review_state(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return ReviewState{};
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error("cannot read the review state " + path.string());
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  auto state = parse_review_state(text);
  if (!state)
    return make_error("the review state " + path.string() + " is not valid (" + state.error().message +
                      "); it was left untouched: fix or move it, or pass --state with another file");
  return state;
}

Status write_review_state(const std::filesystem::path& path, const ReviewState& state) {
  std::error_code ec;
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ec);
  if (ec) return make_error("cannot create " + path.parent_path().string() + ": " + ec.message());
  std::filesystem::path temporary = path;
  temporary += ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << review_state_json(state);
    out.flush();
    if (!out) return make_error("cannot write " + temporary.string());
  }
  std::filesystem::rename(temporary, path, ec);
  if (ec) return make_error("cannot replace " + path.string() + ": " + ec.message());
  return {};
}

}  // namespace derive::cli
