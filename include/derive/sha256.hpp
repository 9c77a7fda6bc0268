// SHA-256 (NIST FIPS 180-4, section 6.2) and HMAC-SHA-256 (RFC 2104, with
// SHA-256 as H: B = 64, L = 32). Used by assignments (docs/instructors.md)
// to derive per-assignment secrets and to sign results codes; not for
// passwords and not constant-time in the message (only the MAC comparison is).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace derive {

using Sha256Digest = std::array<std::uint8_t, 32>;

Sha256Digest sha256(std::string_view message);
Sha256Digest hmac_sha256(std::string_view key, std::string_view message);

// Lower-case hexadecimal of `bytes`.
std::string to_hex(std::string_view bytes);
std::string to_hex(const Sha256Digest& digest);

// Equal texts, compared in time that depends only on their lengths.
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace derive
