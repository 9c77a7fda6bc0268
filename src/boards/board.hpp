// The microcontroller boards `derive analyze --board NAME` knows: SRAM, flash,
// core and clock, each with its sources. The data is data/boards.json,
// compiled into the table by cmake/embed_boards.cmake (the same table natively
// and in WebAssembly; no JSON parser at run time).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace derive::boards {

struct BoardSource {
  std::string_view url;
  std::string_view states;  // the figures as the source gives them
};

struct Board {
  std::string_view id;    // what --board takes: "nano33ble"
  std::string_view name;  // "Arduino Nano 33 BLE Sense"
  std::string_view mcu;
  std::string_view core;
  std::string_view sram_layout;   // how sram_bytes is counted, and where the arena limit comes from
  std::string_view flash_layout;  // where flash_bytes is and what takes part of it
  std::string_view notes;
  std::int64_t clock_hz;
  std::int64_t sram_bytes;          // every on-chip RAM bank, summed
  std::int64_t arena_limit_bytes;   // the largest contiguous on-chip region for an arena (an upper bound)
  std::int64_t flash_bytes;         // where the program and the model file live
  std::int64_t external_ram_bytes;  // on-board PSRAM or SDRAM (0: none)
  // False where the arena limit region is shared with code or caches in a way
  // the firmware decides (ESP32-S3): the limit is then a loose upper bound.
  bool arena_limit_exact;
  std::span<const BoardSource> sources;
};

// Every board, in the order of data/boards.json.
std::span<const Board> all_boards();
// The board with this id (ASCII case ignored), or nullptr.
const Board* find_board(std::string_view id);
// "nano33ble, stm32f746g-disco, ...": for "unknown board" messages.
std::string board_ids();

}  // namespace derive::boards
