#include "boards/fit.hpp"

#include "derive/number_format.hpp"

#include <algorithm>

namespace derive::boards {
namespace {

std::int64_t sram_need(const Footprint& f) { return f.arena_bytes + f.tail_bytes_estimate; }
std::int64_t flash_need(const Footprint& f) { return f.model_bytes + f.firmware_bytes_estimate; }

bool fits(const Board& board, const Footprint& f) {
  return sram_need(f) <= board.arena_limit_bytes && flash_need(f) <= board.flash_bytes;
}

}  // namespace

FitReport check_fit(const Board& board, const Footprint& footprint,
                    std::span<const Alternative> alternatives) {
  FitReport report;
  report.sram_needed_bytes = sram_need(footprint);
  report.flash_needed_bytes = flash_need(footprint);
  report.arena_limit_bytes = board.arena_limit_bytes;
  report.flash_bytes = board.flash_bytes;
  report.fits_sram = report.sram_needed_bytes <= board.arena_limit_bytes;
  report.fits_flash = report.flash_needed_bytes <= board.flash_bytes;
  report.sram_margin_bytes = board.arena_limit_bytes - report.sram_needed_bytes;
  report.flash_margin_bytes = board.flash_bytes - report.flash_needed_bytes;

  if (!report.fits()) {
    for (const Alternative& alternative : alternatives) {
      if (fits(board, alternative.footprint)) report.would_fit.push_back(alternative);
    }
    std::stable_sort(report.would_fit.begin(), report.would_fit.end(),
                     [](const Alternative& a, const Alternative& b) {
                       return sram_need(a.footprint) < sram_need(b.footprint);
                     });
  }

  std::string board_name(board.name);
  report.notes.push_back("SRAM is checked against " + board_name + "'s largest contiguous on-chip region, " +
                         format_kib(board.arena_limit_bytes) + " (" + std::string(board.sram_layout) +
                         "); the stack, the runtime and the application need part of it.");
  if (!board.arena_limit_exact) {
    report.notes.push_back(
        "On " + board_name + " that region is shared with code and caches as the firmware decides: " +
        "the limit is a loose upper bound, so measure the largest free block on the device.");
  }
  if (footprint.tail_bytes_estimate == 0) {
    report.notes.push_back(
        "The arena's tail (TFLM's persistent allocations: tensor and node structs, kernel state, "
        "variable tensors) is not counted: it depends on the target and the TFLM build.");
  } else {
    report.notes.push_back("The SRAM need includes an estimated tail of " +
                           std::to_string(footprint.tail_bytes_estimate) +
                           " bytes; the real tail depends on the target and the TFLM build.");
  }
  if (footprint.firmware_bytes_estimate == 0) {
    report.notes.push_back(
        "Flash is checked for the model file alone; the firmware (the TFLM runtime and the "
        "application) needs room too.");
  }
  if (!report.fits_sram && board.external_ram_bytes >= report.sram_needed_bytes) {
    report.notes.push_back("The arena would fit the board's " + format_kib(board.external_ram_bytes) +
                           " of external RAM, at a cost in speed.");
  }
  return report;
}

}  // namespace derive::boards
