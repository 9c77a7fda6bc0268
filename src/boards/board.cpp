#include "boards/board.hpp"

namespace derive::boards {
namespace {

bool same_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

}  // namespace

const Board* find_board(std::string_view id) {
  for (const Board& board : all_boards()) {
    if (same_ignoring_case(board.id, id)) return &board;
  }
  return nullptr;
}

std::string board_ids() {
  std::string ids;
  for (const Board& board : all_boards()) {
    if (!ids.empty()) ids += ", ";
    ids += board.id;
  }
  return ids;
}

}  // namespace derive::boards
